"""Every line of the news layer and the English grammar runs for a sentence of our own.

``measure_lines.py`` reads every construction row of every language and the older English
tables under coverage.py, in a fresh interpreter, and lists the lines of
``skyledger/extract/news/*.py`` and ``skyledger/extract/en/*.py`` that none of them ran. Such a
line is a branch no test of ours shows: a construction row is missing, or the line serves no text
and should go. A line no text can reach (a bad resource file, an argument every caller gives)
carries ``# pragma: no cover`` with its reason. A line only the words of another language on
the layer reach waits in ``AWAITING`` until that language's rows exist; a listed line that a row
reaches fails the test too, so that the list only ever shrinks.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("coverage")

RUNNER = Path(__file__).with_name("measure_lines.py")

# Why no sentence of any language on the layer reaches a line yet:
ORDER = "number words out of English order ('both' after another number word)"

#: file → {"function: line" (or "*": the whole file): why no English sentence reaches it}
AWAITING: dict[str, dict[str, str]] = {
    "news/numbers.py": {"_words: break": ORDER},
}


def _measure() -> dict[str, dict[str, object]]:
    done = subprocess.run(
        [sys.executable, str(RUNNER)], capture_output=True, text=True, timeout=600, check=False
    )
    assert done.returncode == 0, done.stderr[-3000:]
    report: dict[str, dict[str, object]] = json.loads(done.stdout)
    return report


def test_every_line_runs_for_a_sentence_of_ours() -> None:
    report = _measure()
    assert report, "no file measured"
    unshown, stale = [], []
    for file, found in sorted(report.items()):
        waits = AWAITING.get(file, {})
        missing = found["missing"]
        assert isinstance(missing, list)
        keys = {f"{m['function']}: {m['text']}" for m in missing}
        if "*" in waits:
            if found["ran"]:
                stale.append(f"{file}: * (rows now run it)")
            continue
        unshown += [
            f"{file}:{m['line']} ({m['function']}): {m['text']}"
            for m in missing
            if f"{m['function']}: {m['text']}" not in waits
        ]
        stale += [f"{file}: {key}" for key in waits if key not in keys]
    assert not unshown, (
        f"{len(unshown)} lines no sentence of ours runs (write a construction row, or delete the "
        "line; `# pragma: no cover` only where no text can reach it):\n" + "\n".join(unshown)
    )
    assert not stale, "AWAITING lists lines that now run; take them off:\n" + "\n".join(stale)
