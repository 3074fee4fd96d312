"""Write docs/cli.md from the commands' own help (run after changing a command)."""

from pathlib import Path

from skyledger.cli import app
from skyledger.commands.reference import reference

target = Path(__file__).resolve().parents[1] / "docs" / "cli.md"
target.write_text(reference(app), encoding="utf-8")
print(f"wrote {target}")
