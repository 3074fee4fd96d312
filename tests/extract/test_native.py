"""Which extractor runs: the compiled grammar (a wheel built with ``SKYLEDGER_COMPILE=1``) or
its sources.

A real extension is not built here (that is the wheel build's job, measured by
``bench/extract_speed.py``); an empty file named like an extension stands in for one, since
the lookup only asks which loader Python would use.
"""

from __future__ import annotations

import importlib.machinery
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import skyledger
from skyledger.extract import NATIVE
from skyledger.extract.native import NativeState

SUFFIX = importlib.machinery.EXTENSION_SUFFIXES[0]
CHECKOUT = Path(skyledger.__file__).resolve().parents[1]


@pytest.fixture
def package(tmp_path: Path) -> Iterator[Path]:
    """``nativepkg`` with a module ``fast`` that has an "extension" and a plain ``slow``."""
    root = tmp_path / "nativepkg"
    root.mkdir()
    (root / "__init__.py").write_text("", encoding="utf-8")
    (root / "fast.py").write_text("", encoding="utf-8")
    (root / f"fast{SUFFIX}").write_bytes(b"")
    (root / "slow.py").write_text("", encoding="utf-8")
    sys.path.insert(0, str(tmp_path))
    yield root
    sys.path.remove(str(tmp_path))
    for name in [m for m in sys.modules if m.startswith("nativepkg")]:
        del sys.modules[name]


def test_modules_with_an_extension_are_compiled(package: Path) -> None:
    state = NativeState("nativepkg")
    assert state.compiled() == ("nativepkg.fast",) and state.active
    assert state.describe() == "compiled (mypyc, 1 modules)"


def test_a_package_without_extensions_is_pure(package: Path) -> None:
    (package / f"fast{SUFFIX}").unlink()
    state = NativeState("nativepkg")
    assert state.compiled() == () and state.describe() == "pure Python"


def test_this_install_reports_what_runs() -> None:
    """Either way the installed extractor says which code it runs, and the modules it lists
    are the ones imported."""
    assert NATIVE.describe().startswith(("compiled (mypyc", "pure Python"))
    import skyledger.extract.uk.items as items

    assert items.__file__ is not None
    assert items.__file__.endswith(".py") == ("skyledger.extract.uk.items" not in NATIVE.compiled())


@pytest.mark.skipif(not (CHECKOUT / "setup.py").is_file(), reason="not run from a checkout")
def test_the_source_tree_holds_no_compiled_modules() -> None:
    """An editable install runs its sources; a compiled module left in the tree by an earlier
    build would shadow every edit of its source."""
    suffixes = tuple(importlib.machinery.EXTENSION_SUFFIXES)
    left = [p for p in (CHECKOUT / "skyledger").rglob("*") if p.name.endswith(suffixes)]
    assert not left, (
        f"compiled modules beside the sources ({left[0]}): pip install -e . removes them"
    )
    assert not NATIVE.active
