"""Every entry of a news lexicon is shown by a sentence of our own.

The construction tables (``constructions/<lang>.yaml``) and the English sentence tables of
``tests/extract/en`` are read with the lexicon recording which entries matched. An entry that
none of them matches is a phrase no test shows: either a construction row is missing, or the
entry exists only for some corpus document, and then it should go.
"""

from __future__ import annotations

import pytest
from constructions import documents, languages

from skyledger.extract import extract_document
from skyledger.extract.news.lexicon import lexicon, recording

#: Languages whose tables are still being written: reported, not yet enforced.
PENDING: frozenset[str] = frozenset()
#: Categories that hold settings or claimant ids, not phrases.
SETTINGS = ("settings", "inherit")


@pytest.mark.parametrize("lang", languages())
def test_every_entry_is_shown(lang: str) -> None:
    if lang in PENDING:
        pytest.skip(f"the {lang} construction tables do not yet show every entry")
    with recording() as hits:
        for doc in documents(lang):
            extract_document(doc)
    unused = [
        e.where
        for e in lexicon(lang).entries
        if e.where not in hits and not e.category.startswith(SETTINGS)
    ]
    assert not unused, f"{len(unused)} entries no sentence of ours shows:\n" + "\n".join(unused)
