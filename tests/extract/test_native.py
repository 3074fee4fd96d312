"""The guard that decides whether the compiled grammar or its sources run.

A package with a real "extension" file is not built here (that is the install's job); the
guard only looks at file names and hashes, so an empty file named like an extension stands in
for one, and the finder it installs is checked by importing through it.
"""

from __future__ import annotations

import hashlib
import importlib.machinery
import json
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from skyledger.extract import NATIVE
from skyledger.extract.native import SourceFirst, compiled_sources, guard

SUFFIX = importlib.machinery.EXTENSION_SUFFIXES[0]


@pytest.fixture
def package(tmp_path: Path) -> Iterator[Path]:
    """``nativepkg`` with a module ``fast`` and a subpackage ``sub``, each with an "extension"."""
    root = tmp_path / "nativepkg"
    (root / "sub").mkdir(parents=True)
    (root / "__init__.py").write_text("", encoding="utf-8")
    (root / "fast.py").write_text("WHERE = 'source'\n", encoding="utf-8")
    (root / f"fast{SUFFIX}").write_bytes(b"")
    (root / "sub" / "__init__.py").write_text("WHERE = 'sub source'\n", encoding="utf-8")
    (root / "sub" / f"__init__{SUFFIX}").write_bytes(b"")
    (root / "plain.py").write_text("", encoding="utf-8")
    before = list(sys.meta_path)
    yield root
    sys.meta_path[:] = before
    for name in [m for m in sys.modules if m.startswith("nativepkg")]:
        del sys.modules[name]


def write_manifest(root: Path) -> None:
    modules = {}
    for name, source in compiled_sources(root, "nativepkg").items():
        digest = hashlib.sha256(source.read_bytes()).hexdigest()
        modules[name] = {"path": str(source.relative_to(root)), "sha256": digest}
    (root / "native.json").write_text(json.dumps({"modules": modules}), encoding="utf-8")


def test_modules_with_an_extension_are_found(package: Path) -> None:
    found = compiled_sources(package, "nativepkg")
    assert found == {
        "nativepkg.fast": package / "fast.py",
        "nativepkg.sub": package / "sub" / "__init__.py",
    }


def test_matching_hashes_keep_the_extensions(
    package: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SKYLEDGER_PURE", raising=False)
    write_manifest(package)
    before = len(sys.meta_path)
    state = guard(package, "nativepkg")
    assert state.active and state.compiled == ("nativepkg.fast", "nativepkg.sub")
    assert state.describe() == "compiled (mypyc, 2 modules)"
    assert len(sys.meta_path) == before  # nothing redirected


@pytest.mark.parametrize(
    "case", ["edited", "no manifest", "broken manifest", "pure", "runtime missing"]
)
def test_stale_or_refused_extensions_are_replaced_by_sources(
    package: Path, monkeypatch: pytest.MonkeyPatch, case: str
) -> None:
    write_manifest(package)
    if case == "edited":
        (package / "fast.py").write_text("WHERE = 'edited source'\n", encoding="utf-8")
    elif case == "no manifest":
        (package / "native.json").unlink()
    elif case == "broken manifest":
        (package / "native.json").write_text("{not json", encoding="utf-8")
    elif case == "runtime missing":
        manifest = json.loads((package / "native.json").read_text(encoding="utf-8"))
        manifest["runtime"] = "nativepkg_no_such_runtime__mypyc"
        (package / "native.json").write_text(json.dumps(manifest), encoding="utf-8")
    else:
        monkeypatch.setenv("SKYLEDGER_PURE", "1")
    state = guard(package, "nativepkg")
    assert not state.active and state.describe().startswith("pure Python (")
    assert isinstance(sys.meta_path[0], SourceFirst)
    sys.path.insert(0, str(package.parent))
    try:
        import nativepkg.fast
        import nativepkg.sub
    finally:
        sys.path.remove(str(package.parent))
    assert nativepkg.fast.__file__ == str(package / "fast.py")
    assert nativepkg.sub.WHERE == "sub source" and nativepkg.sub.__path__ == [str(package / "sub")]


def test_a_package_without_extensions_is_pure(tmp_path: Path) -> None:
    (tmp_path / "m.py").write_text("", encoding="utf-8")
    state = guard(tmp_path, "p")
    assert state.compiled == () and state.describe() == "pure Python"


def test_this_install_reports_what_runs() -> None:
    """Either way the installed extractor says which code it runs, and the modules it lists
    are the ones imported."""
    assert NATIVE.describe().startswith(("compiled (mypyc", "pure Python"))
    if NATIVE.active:
        import skyledger.extract.uk.items as items

        assert not items.__file__.endswith(".py")
