"""Surface variants of one report read the same: doubled spaces, Windows line breaks, tabs and
non-breaking spaces change no figure, and every span still indexes the document's own text."""

from __future__ import annotations

import pytest
from uk_helpers import facts as facts_on
from uk_helpers import report as report_on

from skyledger.extract.canonical import canonical
from skyledger.ledger.facts import FactValue
from skyledger.models import Extraction

SEPTEMBER = "2025-09-09T09:10:00+03:00"
CLEAN = (
    "⚡️ЗБИТО/ПОДАВЛЕНО 1 210 ЦІЛЕЙ\n\n"
    "У ніч на 9 вересня (з 18:00 8 вересня) ворог застосував 1 240 засобів повітряного "
    "нападу: 40 крилатих ракет Х-101 та 1 200 ударних БпЛА типу Shahed.\n\n"
    "Станом на 08:30 українська ППО знешкодила 1 210 цілей – 38 крилатих ракет Х-101 і "
    "1 172 БпЛА.\n\n"
    "Є влучання 2 ракет та 28 ударних БпЛА на 11 локаціях."
)

VARIANTS = {
    "doubled spaces": CLEAN.replace(" ", "  "),
    "Windows line breaks": CLEAN.replace("\n", "\r\n"),
    "old Mac line breaks": CLEAN.replace("\n", "\r"),
    "tabs": CLEAN.replace("застосував ", "застосував\t").replace("влучання ", "влучання\t\t"),
    "non-breaking spaces": CLEAN.replace("1 2", "1\u00a02").replace(" ракет", "\u00a0ракет"),
    "thin spaces in numbers": CLEAN.replace("1 172", "1\u202f172"),
    "spaces before line breaks": CLEAN.replace("\n", "   \n"),
}


def facts(text: str) -> dict[str, FactValue]:
    return facts_on(text, SEPTEMBER)


def report(text: str) -> Extraction:
    return report_on(text, SEPTEMBER)


def test_the_clean_report_reads_its_figures() -> None:
    got = facts(CLEAN)
    assert got["launched.total"] == 1240 and got["launched.drones"] == 1200
    assert got["downed.total"] == 1210 and got["downed.model:kh-101"] == 38
    assert got["hit_locations"] == 11
    assert got["period.night"] == "2025-09-09" and got["as_of"] == "2025-09-09T08:30+03:00"


@pytest.mark.parametrize("name", sorted(VARIANTS))
def test_a_variant_reads_the_same_figures(name: str) -> None:
    assert facts(VARIANTS[name]) == facts(CLEAN)


@pytest.mark.parametrize("name", sorted(VARIANTS))
def test_spans_index_the_documents_own_text(name: str) -> None:
    text = VARIANTS[name]
    for claim in report(text).claims:
        for span in claim.spans:
            words = text[span.start : span.end]
            assert words.strip() and words.strip() in span.sentence
            assert not words[0].isspace() and not words[-1].isspace()
            if claim.quantity is not None and claim.quantity.exact is not None:
                digits = "".join(c for c in words if c.isdigit())
                assert str(claim.quantity.exact) in digits or claim.derived or not digits


def test_wording_is_quoted_from_the_document() -> None:
    text = VARIANTS["non-breaking spaces"]
    wordings = {c.quantity.wording for c in report(text).claims if c.quantity is not None}
    assert "1\u00a0240" in wordings  # the document's own characters, not the canonical ones


@pytest.mark.parametrize(
    ("text", "expected", "mapped"),
    [
        ("a b", "a b", None),
        ("a  b", "a b", [0, 1, 3, 4]),
        ("a\r\nb", "a\nb", [0, 2, 3, 4]),
        ("a   b  c", "a b c", [0, 1, 4, 5, 7, 8]),
        ("a\rb", "a\nb", None),
        ("a\u00a0b\tc", "a b c", None),
        ("a \t b", "a b", [0, 1, 4, 5]),
        ("", "", None),
    ],
)
def test_canonical_text_and_offsets(text: str, expected: str, mapped: list[int] | None) -> None:
    got, origin = canonical(text)
    assert got == expected
    if mapped is None:
        assert origin is None
    else:
        assert origin is not None
        assert [origin.of(i) for i in range(len(got) + 1)] == mapped


@pytest.mark.parametrize(
    "text", ["a  b   c", "\r\n\r\nx  \r\n y", "  lead", "tail  ", "\t \u00a0x"]
)
def test_every_kept_character_maps_to_itself(text: str) -> None:
    got, origin = canonical(text)
    for i, char in enumerate(got):
        j = origin.of(i) if origin else i
        assert char == text[j] or (char, text[j]) in {(" ", "\t"), (" ", "\u00a0"), ("\n", "\r")}


def test_the_letter_class_is_every_letter_of_the_plane() -> None:
    """The tokeniser's explicit letter ranges match exactly what ``[^\\W\\d_]`` matches."""
    import re

    from skyledger.extract.uk.text import letter_class

    ours, unicode_letters = re.compile(letter_class()), re.compile(r"[^\W\d_]")
    differ = [
        code
        for code in range(0x10000)
        if bool(ours.fullmatch(chr(code))) != bool(unicode_letters.fullmatch(chr(code)))
    ]
    assert differ == []
