"""``serve``: the API and the dashboard on one uvicorn server."""

from __future__ import annotations

import typer

from skyledger.commands.common import db_option, err, open_db


def run_server(db: str | None, host: str, port: int) -> None:
    """Serve ``create_app`` on ``host:port`` until interrupted (prints the address first)."""
    import uvicorn

    from skyledger.api import create_app

    store = open_db(db)  # fail early, with one Error: line, on a bad --db
    url = store.url
    store.close()
    app = create_app(url)
    shown = f"[{host}]" if ":" in host else host
    err.print(f"Serving the dashboard at http://{shown}:{port}/ (API docs at /docs); Ctrl+C stops")
    uvicorn.run(app, host=host, port=port, log_level="warning")


def serve_cmd(
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on."),
    port: int = typer.Option(8000, "--port", help="Port to listen on."),
    db: str | None = db_option(),
) -> None:
    """Serve the dashboard and the JSON API (OpenAPI at /docs) on the ledger.

    Writes (POST /api/documents) need the token in $SKYLEDGER_API_TOKEN.

    Example: skyledger serve --port 8000
    """
    run_server(db, host, port)
