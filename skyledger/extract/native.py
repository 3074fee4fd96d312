"""Which extractor runs: the grammar's hot modules compiled by mypyc, or their Python sources.

The build (``setup.py``) compiles the hot modules of ``skyledger.extract`` to C extensions
next to their sources and writes ``native.json``: each compiled module with a hash of the
source it was compiled from. Python imports an extension before a source of the same name, so
an edited source would be shadowed by its old extension in an editable install. ``guard()``
runs before any of these modules is imported: when a source no longer matches the hash it was
compiled from (or the manifest is missing, or ``SKYLEDGER_PURE=1``), every module that has an
extension is imported from its source instead. Both ways run the same code.
"""

from __future__ import annotations

import hashlib
import importlib
import importlib.abc
import importlib.machinery
import importlib.util
import json
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

PACKAGE_DIR = Path(__file__).resolve().parent  # skyledger/extract
MANIFEST = "native.json"


@dataclass(frozen=True, slots=True)
class NativeState:
    """What ``guard`` found: the compiled modules and whether they run."""

    compiled: tuple[str, ...]  # modules with an extension beside their source
    active: bool  # whether those extensions are the code that runs
    reason: str  # why not, when they are not

    def describe(self) -> str:
        if not self.compiled:
            return "pure Python"
        if self.active:
            return f"compiled (mypyc, {len(self.compiled)} modules)"
        return f"pure Python ({self.reason})"


class SourceFirst(importlib.abc.MetaPathFinder):
    """Imports the named modules from their ``.py`` sources, never their extensions."""

    def __init__(self, sources: dict[str, Path]) -> None:
        self.sources = sources

    def find_spec(
        self,
        fullname: str,
        path: Sequence[str] | None,
        target: ModuleType | None = None,
    ) -> importlib.machinery.ModuleSpec | None:
        source = self.sources.get(fullname)
        if source is None:
            return None
        package = [str(source.parent)] if source.name == "__init__.py" else None
        return importlib.util.spec_from_file_location(
            fullname, source, submodule_search_locations=package
        )


def compiled_sources(package_dir: Path, package: str) -> dict[str, Path]:
    """Every module under ``package_dir`` with an extension beside its source → the source."""
    suffixes = tuple(importlib.machinery.EXTENSION_SUFFIXES)
    out: dict[str, Path] = {}
    for folder, _dirs, files in os.walk(package_dir):
        for name in files:
            suffix = next((s for s in suffixes if name.endswith(s)), None)
            if suffix is None:
                continue
            source = Path(folder, name[: -len(suffix)] + ".py")
            if source.is_file():
                parts = source.relative_to(package_dir).with_suffix("").parts
                if parts[-1] == "__init__":
                    parts = parts[:-1]
                out[".".join((package, *parts))] = source
    return out


def _stale(package_dir: Path, sources: dict[str, Path]) -> str:
    """Why the extensions cannot be trusted to match their sources or cannot load, or ""."""
    try:
        manifest = json.loads((package_dir / MANIFEST).read_text(encoding="utf-8"))
        recorded = {name: entry["sha256"] for name, entry in manifest["modules"].items()}
        runtime = manifest.get("runtime")
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return f"no readable {MANIFEST} beside the compiled modules"
    changed = [
        name
        for name, source in sorted(sources.items())
        if recorded.get(name) != hashlib.sha256(source.read_bytes()).hexdigest()
    ]
    if changed:
        return f"{len(changed)} source(s) changed since compiling, e.g. {changed[0]}"
    if isinstance(runtime, str) and runtime:
        try:
            importlib.import_module(runtime)  # what every compiled module loads first
        except ImportError as exc:
            return f"the compiled modules do not load ({exc})"
    return ""


def guard(package_dir: Path = PACKAGE_DIR, package: str = "skyledger.extract") -> NativeState:
    """Decide which code runs; install a ``SourceFirst`` finder when it must be the sources."""
    sources = compiled_sources(package_dir, package)
    if not sources:
        return NativeState((), False, "")
    reason = "SKYLEDGER_PURE=1" if os.environ.get("SKYLEDGER_PURE") == "1" else ""
    reason = reason or _stale(package_dir, sources)
    if reason:
        sys.meta_path.insert(0, SourceFirst(sources))
    return NativeState(tuple(sorted(sources)), not reason, reason)
