"""``demo``: the main job on the bundled sample corpus."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import typer

from skyledger.commands.common import db_option, err, out
from skyledger.commands.data import print_summary, run_ingest
from skyledger.commands.query import attacks_cmd


def sample_paths() -> list[Path]:
    folder = Path(str(resources.files("skyledger.resources").joinpath("sample")))
    return sorted(p for p in folder.glob("*.jsonl") if not p.name.endswith(".gold.jsonl"))


def demo_cmd(
    db: str | None = db_option(),
    serve: bool = typer.Option(
        False, "--serve/--no-serve", help="Serve the dashboard on the demo data afterwards."
    ),
    port: int = typer.Option(8000, "--port", help="With --serve: the port to listen on."),
) -> None:
    """Ingest the bundled sample corpus (Air Force reports and news articles written for
    skyledger) and print the attacks it found.

    Example: skyledger demo
    """
    paths = sample_paths()
    err.print(f"Ingesting the sample corpus: {', '.join(p.name for p in paths)}")
    summary = run_ingest(paths, db)
    print_summary(summary)
    attacks_cmd(since=None, until=None, db=db)
    out.print("Next: `skyledger events --id N` shows one event with its source sentences.")
    if serve:
        from skyledger.commands.serve import run_server

        run_server(db, "127.0.0.1", port)
    else:
        out.print("Run `skyledger serve` to open the dashboard (or `skyledger demo --serve`).")
