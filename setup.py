"""Build hook: the opt-in compiled build of the extraction grammar's hot modules (mypyc).

Everything else about the package lives in ``pyproject.toml``. Every install is pure Python
unless ``SKYLEDGER_COMPILE=1`` asks for a wheel whose hot modules (``NATIVE``: plain, fully
typed Python) mypyc compiles to C extensions, which run the same code faster::

    SKYLEDGER_COMPILE=1 python3 -m pip wheel --no-deps -w dist .

That build needs a C compiler and the Python headers; it brings mypy (whose mypyc compiles)
into the build environment itself, and fails rather than hand back a pure wheel. It builds
wheels only: an editable install holds no extensions beside its sources (it removes any that
an earlier build left there), so a compiled module can never shadow an edited source.
"""

from __future__ import annotations

import importlib.machinery
import os
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_ext import build_ext

ROOT = Path(__file__).resolve().parent
GROUP = "skyledger_native"
COMPILE = os.environ.get("SKYLEDGER_COMPILE") == "1"
#: What the compiled build needs in the build environment: mypyc comes with mypy, and the mypy
#: settings in pyproject.toml load pydantic's plugin.
COMPILE_REQUIRES = ["mypy>=1.15", "pydantic>=2.6,<3"]
NOT_IN_PLACE = (
    "skyledger: SKYLEDGER_COMPILE=1 builds a wheel (python3 -m pip wheel --no-deps -w dist .), "
    "not an editable or in-place install: those run the sources"
)

# The uk report grammar's hot path: ``skyledger extract`` spends its time here
# (bench/extract_speed.py). The Ukrainian news grammar beside it (``uk/news*.py``) is not: it
# runs on the news layer, whose time goes to pymorphy3 and the layer's own Python.
# (The en grammar's time goes to regular-expression searches; compiling it gains nothing.)
NATIVE = sorted(
    [
        *(
            p.as_posix()
            for p in Path("skyledger/extract/uk").glob("*.py")
            if not p.name.startswith("news")
        ),
        *(f"skyledger/extract/{n}.py" for n in ("canonical", "places", "spans")),
        "skyledger/extract/weapons.py",
    ]
)

# Commands that build extensions; metadata steps (egg_info, dist_info) run this file too and
# need no compile. Editable installs never compile.
BUILDS = frozenset({"build", "build_ext", "bdist_wheel", "install"})
EDITABLE = frozenset({"editable_wheel", "develop"})


class WheelOnlyBuildExt(build_ext):
    """``build_ext`` that refuses to put compiled modules beside the sources."""

    def run(self) -> None:
        if self.extensions and (self.inplace or getattr(self, "editable_mode", False)):
            raise SystemExit(NOT_IN_PLACE)
        super().run()


def _extension_files(folder: Path) -> list[Path]:
    suffixes = tuple(importlib.machinery.EXTENSION_SUFFIXES)
    return [p for p in folder.rglob("*") if p.name.endswith(suffixes)]


def _clean_in_place() -> None:
    """Remove what an earlier compiled build left in the source tree."""
    found = _extension_files(ROOT / "skyledger") + list(ROOT.glob(f"{GROUP}__mypyc.*"))
    for path in [*found, ROOT / "skyledger" / "extract" / "native.json"]:
        path.unlink(missing_ok=True)


def _extensions() -> list[object]:
    commands = set(sys.argv[1:])
    if not EDITABLE.isdisjoint(commands):
        _clean_in_place()
        if COMPILE:
            raise SystemExit(NOT_IN_PLACE)
        return []
    if not COMPILE or BUILDS.isdisjoint(commands):
        return []
    from mypyc.build import mypycify

    for path in _extension_files(ROOT / "build"):  # a module no longer listed must not linger
        path.unlink()
    return list(mypycify(NATIVE, group_name=GROUP))


os.chdir(ROOT)  # mypycify takes paths relative to the project
setup(
    ext_modules=_extensions(),
    cmdclass={"build_ext": WheelOnlyBuildExt},
    # asked for by the build backend before it builds (PEP 517), so only a compiled build
    # installs them
    setup_requires=COMPILE_REQUIRES if COMPILE else [],
)
