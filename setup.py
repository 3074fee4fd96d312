"""Build hook: compile the extraction grammar's hot modules to C with mypyc.

Everything else about the package lives in ``pyproject.toml``. The modules listed in
``NATIVE`` are plain, fully typed Python; mypyc turns them into C extensions that run the same
code about a quarter faster. The build never depends on it: with ``SKYLEDGER_PURE=1``, without
mypyc, or when compiling fails (no C compiler, no Python headers), the package installs as pure
Python and behaves the same.

After a successful compile the build writes ``skyledger/extract/native.json``: the compiled
modules with a hash of the source each was compiled from. ``skyledger.extract.native`` reads it
on import and, when a source has changed since (an editable install being edited), imports the
sources instead of the stale extensions, so an edit always takes effect.
"""

from __future__ import annotations

import hashlib
import importlib.machinery
import json
import os
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_ext import build_ext

ROOT = Path(__file__).resolve().parent
GROUP = "skyledger_native"
MANIFEST = Path("skyledger", "extract", "native.json")

# The uk grammar's hot path: ``skyledger extract`` spends its time here (bench/extract_speed.py).
# (The en grammar's time goes to regular-expression searches; compiling it gains nothing.)
NATIVE = sorted(
    [
        *(p.as_posix() for p in Path("skyledger/extract/uk").glob("*.py")),
        *(f"skyledger/extract/{n}.py" for n in ("canonical", "numbers", "places", "spans", "time")),
        "skyledger/extract/weapons.py",
    ]
)


def _module(path: str) -> str:
    parts = list(Path(path).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _manifest() -> dict[str, object]:
    modules = {}
    for path in NATIVE:
        digest = hashlib.sha256((ROOT / path).read_bytes()).hexdigest()
        modules[_module(path)] = {"path": Path(path).relative_to("skyledger").as_posix(),
                                  "sha256": digest}  # fmt: skip
    return {
        "compiler": "mypyc",
        "python": sys.version.split()[0],
        "runtime": f"{GROUP}__mypyc",  # the shared library every compiled module loads
        "modules": modules,
    }


class OptionalBuildExt(build_ext):
    """``build_ext`` that falls back to pure Python when the compile fails, and records what it
    compiled."""

    def run(self) -> None:
        if not self.extensions:
            return
        in_place = bool(self.inplace or getattr(self, "editable_mode", False))
        if in_place:
            _clean_in_place()  # a module compiled before and no longer listed must not linger
        try:
            super().run()
        except Exception as exc:  # any compiler failure means "install pure"
            _fallback(f"compiling failed ({exc})")
            self.extensions = []
            return
        text = json.dumps(_manifest(), indent=1, sort_keys=True) + "\n"
        targets = [Path(self.build_lib) / MANIFEST]
        if in_place:
            targets.append(ROOT / MANIFEST)
        for target in targets:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")

    def get_outputs(self) -> list[str]:
        manifest = Path(self.build_lib) / MANIFEST
        return [*super().get_outputs(), *([str(manifest)] if manifest.exists() else [])]


def _fallback(reason: str) -> None:
    (ROOT / MANIFEST).unlink(missing_ok=True)  # no compiled modules: nothing to check
    if "editable_wheel" in sys.argv or "develop" in sys.argv:
        _clean_in_place()
    print(f"skyledger: {reason}; installing the pure-Python extractor", file=sys.stderr)


def _clean_in_place() -> None:
    """Remove the extensions an earlier in-place (editable) build left in the source tree."""
    suffixes = tuple(importlib.machinery.EXTENSION_SUFFIXES)
    found = [p for p in (ROOT / "skyledger").rglob("*") if p.name.endswith(suffixes)]
    found += list(ROOT.glob(f"{GROUP}__mypyc.*"))
    for path in found:
        path.unlink(missing_ok=True)


# Commands that build extensions; metadata steps (egg_info, dist_info) run this file too and
# need no compile, which takes half a minute.
BUILDS = frozenset({"build", "build_ext", "bdist_wheel", "editable_wheel", "develop", "install"})


def _extensions() -> list[object]:
    if BUILDS.isdisjoint(sys.argv[1:]):
        return []
    if os.environ.get("SKYLEDGER_PURE") == "1":
        _fallback("SKYLEDGER_PURE=1")
        return []
    try:
        from mypyc.build import mypycify
    except ImportError:
        _fallback("mypyc is not installed")
        return []
    try:
        return list(mypycify(NATIVE, group_name=GROUP))
    except (Exception, SystemExit) as exc:  # mypyc exits on type errors
        _fallback(f"mypyc could not compile the grammar ({exc})")
        return []


os.chdir(ROOT)  # mypycify takes paths relative to the project
setup(ext_modules=_extensions(), cmdclass={"build_ext": OptionalBuildExt})
