"""Test instrumentation for the processes the concurrent-writer tests start (it is on their
``PYTHONPATH`` only): with ``SKYLEDGER_TEST_REBUILD_PAUSE`` set, every events rebuild pauses
that many seconds once it has read the events. Writers that do not take turns then overwrite
or miss each other's work; writers that take turns only wait a little longer."""

from __future__ import annotations

import os
import time

_PAUSE = float(os.environ.get("SKYLEDGER_TEST_REBUILD_PAUSE") or 0)

if _PAUSE > 0:
    import sqlalchemy as sa

    def _pause(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        if statement.lstrip().startswith("SELECT events.id"):
            time.sleep(_PAUSE)

    sa.event.listen(sa.engine.Engine, "after_cursor_execute", _pause)
