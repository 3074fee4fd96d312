"""Docs do not drift: every command has help text and the reference is up to date."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from skyledger.cli import app
from skyledger.commands.reference import reference, walk_commands

ROOT = Path(__file__).resolve().parents[1]


def commands() -> list[tuple[str, Any]]:
    root = typer.main.get_command(app)
    found = walk_commands(root, [])[1:]
    assert len(found) >= 8
    return [(" ".join(path), command) for path, command in found]


def test_every_command_has_help() -> None:
    for name, command in commands():
        assert (command.help or "").strip(), f"`skyledger {name}` has no help text"


def test_reference_is_up_to_date() -> None:
    current = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    assert current == reference(app), "run: python scripts/cli_reference.py"


def test_readme_opens_with_the_two_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("```bash\n", 1)[1].split("```", 1)[0].strip().splitlines()
    assert len(block) == 2
    assert block[0].endswith("skyledger demo")
    assert block[1].endswith("-m pytest")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert block[1].replace("pip install -e", "pip install -q -e") in ci
