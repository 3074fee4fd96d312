"""``serve``: the API and the dashboard on one uvicorn server."""

from __future__ import annotations

import socket

import typer

from skyledger.commands.common import db_option, err, fail, open_db

PORT = typer.Option(8000, "--port", help="Port to listen on (1-65535).", min=1, max=65535)


def listen(host: str, port: int) -> socket.socket:
    """A socket bound to ``host:port``; raises ``OSError`` when the address is taken."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
    except OSError:
        sock.close()
        raise
    sock.set_inheritable(True)
    return sock


def run_server(db: str | None, host: str, port: int) -> None:
    """Serve the app on ``host:port`` until interrupted; the address is announced only once it
    is bound, and a taken or bad address is one ``Error:`` line."""
    import uvicorn

    from skyledger.api import create_app

    store = open_db(db)  # fail early, with one Error: line, on a bad --db
    url = store.url
    store.close()
    try:
        sock = listen(host, port)
    except OSError as exc:
        hint = f"; is a server running there? try --port {port + 1}" if port < 65535 else ""
        raise fail(f"cannot listen on {host}:{port}: {exc.strerror or exc}{hint}") from exc
    app = create_app(url)
    shown = f"[{host}]" if ":" in host else host
    err.print(
        f"Serving the dashboard at http://{shown}:{port}/ (API reference at /docs); Ctrl+C stops",
        markup=False,
    )
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning"))
    try:
        server.run(sockets=[sock])
    finally:
        sock.close()


def serve_cmd(
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on."),
    port: int = PORT,
    db: str | None = db_option(),
) -> None:
    """Serve the dashboard and the JSON API (reference at /docs) on the ledger.

    Writes (POST /api/documents) need the token in $SKYLEDGER_API_TOKEN.

    Example: skyledger serve --port 8000
    """
    run_server(db, host, port)
