"""Human output of an evaluation report."""

from __future__ import annotations

import json
from typing import Any

from rich.console import Console
from rich.table import Table


def _row(name: str, t: dict[str, Any]) -> list[str]:
    return [
        name,
        f"{t['precision']:.3f}",
        f"{t['recall']:.3f}",
        f"{t['f1']:.3f}",
        str(t.get("tp", "")),
        str(t.get("fp", "")),
        str(t.get("fn", "")),
    ]


def print_report(out: Console, data: dict[str, Any], max_errors: int) -> None:
    table = Table(
        title=f"Count and time facts — {data['exact_documents']}/{data['documents']} "
        "documents exact"
    )
    for col in ("measure", "precision", "recall", "F1", "tp", "fp", "fn"):
        table.add_column(col, justify="left" if col == "measure" else "right")
    for name, t in data["by_measure"].items():
        table.add_row(*_row(name, t))
    table.add_row(*_row("[bold]overall[/]", data["overall"]))
    out.print(table)
    sets = Table(title="Set facts")
    for col in ("set", "precision", "recall", "F1", "tp", "fp", "fn"):
        sets.add_column(col, justify="left" if col == "set" else "right")
    for name, t in data["sets"].items():
        sets.add_row(*_row(name, t))
    out.print(sets)
    errors = data["errors"]
    if errors:
        out.print(f"[bold]Per-key errors[/] ({len(errors)}, first {min(max_errors, len(errors))}):")
        for e in errors[:max_errors]:
            if e["key"].startswith("sets."):
                out.print(
                    f"  {e['document']}  {e['key']}: missing {e['expected']} extra {e['got']}",
                    highlight=False,
                )
            else:
                out.print(
                    f"  {e['document']}  {e['key']}: expected "
                    f"{json.dumps(e['expected'])} got {json.dumps(e['got'])}",
                    highlight=False,
                )
    if data["missing_documents"]:
        out.print(
            f"[yellow]Gold documents missing from the corpus:[/] "
            f"{', '.join(data['missing_documents'])}"
        )
