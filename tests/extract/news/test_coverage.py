"""Every entry of a news lexicon is shown by a sentence of our own.

The construction tables (``constructions/<lang>.yaml``) and the English sentence tables of
``tests/extract/en`` are read with the lexicon recording which entries matched. An entry that
none of them matches is a phrase no test shows: either a construction row is missing, or the
entry exists only for some corpus document, and then it should go.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from constructions import languages, rows

from skyledger.extract import extract_document
from skyledger.extract.news.lexicon import lexicon, recording
from skyledger.models import Document

EN_TABLES = Path(__file__).resolve().parents[1] / "en"


def _english_sentences() -> list[Document]:
    """The sentences of the older English tables (test_figures, test_impacts, …)."""
    sys.path.insert(0, str(EN_TABLES))
    docs: list[Document] = []
    for name in ("test_figures", "test_impacts", "test_events", "test_window", "test_surface"):
        module = __import__(name)
        for case in getattr(module, "CASES", []):
            texts = [c for c in case if isinstance(c, str) and " " in c]
            docs += [Document(id="t", lang="en", text=t) for t in texts]
    return docs


#: Languages whose tables are still being written: reported, not yet enforced.
PENDING = frozenset({"en"})
#: Categories that hold settings, not phrases.
SETTINGS = ("settings",)


@pytest.mark.parametrize("lang", languages())
def test_every_entry_is_shown(lang: str) -> None:
    if lang in PENDING:
        pytest.skip(f"the {lang} construction tables do not yet show every entry")
    docs = [row.document() for row in rows(lang)]
    if lang == "en":
        docs += _english_sentences()
    with recording() as hits:
        for doc in docs:
            extract_document(doc)
    unused = [
        e.where
        for e in lexicon(lang).entries
        if e.where not in hits and not e.category.startswith(SETTINGS)
    ]
    assert not unused, f"{len(unused)} entries no sentence of ours shows:\n" + "\n".join(unused)
