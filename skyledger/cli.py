"""The ``skyledger`` command line. Each command lives in ``skyledger/commands/``."""

from __future__ import annotations

import typer

from skyledger.commands import data, export, query, run, serve
from skyledger.commands.watch import watch_app

app = typer.Typer(
    help=(
        "Every number about the air war, traced to the sentence that said it.\n\n"
        "Read Air Force reports and news articles, keep every figure with its source "
        "sentence, reconcile them into events, query and export the ledger."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
)

app.command("ingest")(data.ingest_cmd)
app.command("extract")(data.extract_cmd)
app.command("eval")(data.eval_cmd)
app.command("attacks")(query.attacks_cmd)
app.command("events")(query.events_cmd)
app.command("failures")(query.failures_cmd)
app.command("status")(query.status_cmd)
app.command("demo")(run.demo_cmd)
app.command("serve")(serve.serve_cmd)
app.command("export")(export.export_cmd)
app.command("compare")(export.compare_cmd)
app.add_typer(watch_app, name="watch")


def main() -> None:
    app()
