"""``demo``: the main job on the bundled sample corpus, in a ledger of its own."""

from __future__ import annotations

import shlex
from pathlib import Path

import typer

from skyledger.commands.common import demo_path, err, out, program


def sample_paths() -> list[Path]:
    from importlib import resources

    folder = Path(str(resources.files("skyledger.resources").joinpath("sample")))
    return sorted(p for p in folder.glob("*.jsonl") if not p.name.endswith(".gold.jsonl"))


def demo_db() -> str:
    """The demo's own SQLite file in the user's data directory: beside (never in) the user's
    own ledger."""
    path = demo_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    return str(path)


def demo_cmd(
    db: str | None = typer.Option(
        None,
        "--db",
        help="Where to keep the demo ledger (default: demo.db in your data directory; "
        "never your own ledger).",
        show_default=False,
    ),
    serve: bool = typer.Option(
        False, "--serve/--no-serve", help="Serve the dashboard on the demo data afterwards."
    ),
    port: int = typer.Option(
        8000, "--port", help="With --serve: the port to listen on.", min=1, max=65535
    ),
) -> None:
    """Ingest the bundled sample corpus (Air Force reports and news articles invented for
    skyledger) into a ledger of its own and print the attacks it found.

    Example: skyledger demo
    """
    from skyledger.commands.ingesting import finish, run_ingest
    from skyledger.commands.query import attacks_cmd

    target = db or demo_db()
    paths = sample_paths()
    err.print(
        f"Ingesting the sample corpus ({', '.join(p.name for p in paths)}: invented reports, "
        f"not real ones) into the demo ledger {target}",
        markup=False,
    )
    summary, run = run_ingest(paths, target, command="demo")
    finish(summary, run)
    attacks_cmd(since=None, until=None, db=target)
    if serve:
        from skyledger.commands.serve import run_server

        run_server(target, "127.0.0.1", port)
        return
    me, where = program(), shlex.quote(target)
    out.print("Next:", markup=False)
    out.print(f"  {me} events --db {where} --id N    one event with its sentences", markup=False)
    out.print(
        f"  {me} serve --db {where}    then open http://127.0.0.1:8000/ (or: {me} demo --serve)",
        markup=False,
    )
