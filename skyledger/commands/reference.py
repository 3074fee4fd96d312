"""The command reference (docs/cli.md), generated from the commands' own help."""

from __future__ import annotations

from typing import Any

import typer


def walk_commands(command: Any, path: list[str]) -> list[tuple[list[str], Any]]:
    """Every command and sub-command below ``command``, depth first, sorted by name."""
    out = [(path, command)]
    subs = getattr(command, "commands", None)
    if isinstance(subs, dict):
        for name in sorted(subs):
            out.extend(walk_commands(subs[name], [*path, name]))
    return out


def _params(command: Any) -> list[str]:
    lines = []
    for param in command.params:
        help_text = (getattr(param, "help", None) or "").strip()
        if param.param_type_name == "argument":
            name = str(param.name or "").upper()
            lines.append(f"- `{name}`: {help_text}".rstrip())
        elif param.param_type_name == "option" and param.name != "help":
            names = ", ".join(f"`{o}`" for o in [*param.opts, *param.secondary_opts])
            lines.append(f"- {names}: {help_text}".rstrip())
    return lines


def reference(app: typer.Typer) -> str:
    """Markdown with one section per command: its help text and its parameters."""
    root = typer.main.get_command(app)
    parts = [
        "# Command reference",
        "",
        "Generated from the commands' help by `python scripts/cli_reference.py`; "
        "`skyledger COMMAND --help` prints the same.",
        "",
    ]
    for path, command in walk_commands(root, ["skyledger"])[1:]:
        parts += [f"## {' '.join(path)}", "", (command.help or "").strip(), ""]
        params = _params(command)
        if params:
            parts += [*params, ""]
    return "\n".join(parts).rstrip() + "\n"
