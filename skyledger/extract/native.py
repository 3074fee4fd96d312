"""Which extractor runs: the grammar's hot modules compiled by mypyc, or their Python sources.

Only a wheel built with ``SKYLEDGER_COMPILE=1`` (``setup.py``) holds compiled modules: C
extensions beside their sources, which Python imports first. Every other install, editable
ones included, runs the sources, so nothing is decided at import time; this module only tells.
"""

from __future__ import annotations

import importlib
import importlib.machinery
import importlib.util
import pkgutil
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class NativeState:
    """The compiled modules of one package, looked up when asked."""

    package: str = "skyledger.extract"

    def compiled(self) -> tuple[str, ...]:
        """The package's modules that Python imports from an extension, not a source."""
        root = importlib.import_module(self.package)
        found = []
        for info in pkgutil.walk_packages(root.__path__, f"{self.package}."):
            spec = importlib.util.find_spec(info.name)
            if spec is not None and isinstance(
                spec.loader, importlib.machinery.ExtensionFileLoader
            ):
                found.append(info.name)
        return tuple(sorted(found))

    @property
    def active(self) -> bool:
        return bool(self.compiled())

    def describe(self) -> str:
        compiled = self.compiled()
        if not compiled:
            return "pure Python"
        text = f"compiled (mypyc, {len(compiled)} modules)"
        root = Path(importlib.import_module(self.package).__path__[0])
        if (root.parents[1] / "setup.py").is_file():  # a source checkout holds them
            text += ", left beside the sources by an earlier build: pip install -e . removes them"
        return text
