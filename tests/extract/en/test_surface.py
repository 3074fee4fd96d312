"""Surface variants of one article read the same: doubled spaces, non-breaking spaces, tabs and
Windows line breaks change no figure, and spans still index the article's own text."""

from __future__ import annotations

import pytest
from en_helpers import facts, read

ARTICLE = (
    "Russia launched 653 drones and 51 missiles at Ukraine overnight, the air force said on "
    "Saturday. Air defences shot down 585 drones and 30 missiles, it said.\n"
    "Officials in the Kyiv region said eight people were injured."
)

VARIANTS = {
    "doubled spaces": ARTICLE.replace(" ", "  "),
    "non-breaking spaces": ARTICLE.replace("653 drones", "653\u00a0drones"),
    "tabs": ARTICLE.replace("launched ", "launched\t"),
    "Windows line breaks": ARTICLE.replace("\n", "\r\n"),
}


@pytest.mark.parametrize("name", sorted(VARIANTS))
def test_a_variant_reads_the_same_facts(name: str) -> None:
    clean = facts(ARTICLE)
    assert clean.facts["launched.drones"] == 653 and clean.facts["downed.missiles"] == 30
    got = facts(VARIANTS[name])
    assert got.facts == clean.facts and got.sets == clean.sets


@pytest.mark.parametrize("name", sorted(VARIANTS))
def test_spans_index_the_articles_own_text(name: str) -> None:
    text = VARIANTS[name]
    for claim in read(text).claims:
        for span in claim.spans:
            words = text[span.start : span.end].strip()
            assert words and words in span.sentence
            if claim.kind == "launched" and claim.scope == "drones":
                assert words.split()[0] == "653" or "653" in words
