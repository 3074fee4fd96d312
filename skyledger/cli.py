"""The ``skyledger`` command line. Each command lives in ``skyledger/commands/``.

Only Typer and the commands' signatures are imported here; a command imports what it needs
when it runs, so ``skyledger --help`` starts fast (``bench/cli_startup.py`` measures it).
"""

from __future__ import annotations

import typer

from skyledger.commands import data, export, query, run, serve
from skyledger.commands.common import SHOW_DB
from skyledger.commands.watch import watch_app

app = typer.Typer(
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


@app.callback()
def root(
    verbose: bool = typer.Option(
        False, "--verbose", "-v", help="Say which database each command opens."
    ),
) -> None:
    """Every number about the air war, traced to the sentence that said it.

    Read Air Force reports and news articles, keep every figure with its source sentence,
    reconcile them into events, query and export the ledger.
    """
    SHOW_DB["on"] = verbose


app.command("ingest")(data.ingest_cmd)
app.command("extract")(data.extract_cmd)
app.command("eval")(data.eval_cmd)
app.command("attacks")(query.attacks_cmd)
app.command("events")(query.events_cmd)
app.command("failures")(query.failures_cmd)
app.command("status")(query.status_cmd)
app.command("rebuild")(query.rebuild_cmd)
app.command("demo")(run.demo_cmd)
app.command("serve")(serve.serve_cmd)
app.command("export")(export.export_cmd)
app.command("compare")(export.compare_cmd)
app.add_typer(watch_app, name="watch")


def main() -> None:
    app()
