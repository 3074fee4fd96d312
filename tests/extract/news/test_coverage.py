"""Every entry of a news lexicon is shown by a sentence of our own.

The construction tables (``constructions/<lang>.yaml``) and the English sentence tables of
``tests/extract/en`` are read with the lexicon recording which entries matched. An entry that
none of them matches is a phrase no test shows: either a construction row is missing, or the
entry exists only for some corpus document, and then it should go.
"""

from __future__ import annotations

import re

import pytest
from constructions import documents, languages

from skyledger.extract import extract_document
from skyledger.extract.en import ENGLISH
from skyledger.extract.en.lexicon import words
from skyledger.extract.news.lexicon import lexicon, recording
from skyledger.extract.news.read import sentences_of
from skyledger.resources import load_yaml

#: Languages whose tables are still being written: reported, not yet enforced.
PENDING: frozenset[str] = frozenset()
#: Categories that hold settings, not phrases.
SETTINGS = ("settings",)


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


#: Keys of resources/en/phrases.yaml whose items are literal names, not patterns.
LITERAL = {"talks.venues"}


def _fragments(node: object, path: str) -> list[tuple[str, str]]:
    if isinstance(node, dict):
        return [f for key, child in node.items() for f in _fragments(child, f"{path}.{key}")]
    return [(path.lstrip("."), str(item)) for item in node] if isinstance(node, list) else []


def test_every_english_phrase_is_shown() -> None:
    """Every fragment of ``resources/en/phrases.yaml`` (the events the news layer does not read)
    matches a sentence of ours."""
    texts = [s.text for doc in documents("en") for s in sentences_of(doc, ENGLISH)]
    unused = []
    for key, fragment in _fragments(load_yaml("en/phrases.yaml"), ""):
        if key in LITERAL:
            pattern = re.compile(rf"\b{re.escape(fragment)}\b")
        else:
            pattern = words([fragment], f"phrases.yaml: {key}")
        if not any(pattern.search(text) for text in texts):
            unused.append(f"{key}: {fragment}")
    assert not unused, f"{len(unused)} fragments no sentence of ours shows:\n" + "\n".join(unused)
