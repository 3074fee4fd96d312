"""A sentence longer than the grammar reads at once is read in pieces (``read.MAX_TOKENS``); the
words around a place give it the same role whichever piece it falls in."""

from __future__ import annotations

import pytest

from skyledger.extract.en import ENGLISH
from skyledger.extract.news.lexicon import lexicon
from skyledger.extract.news.read import MAX_TOKENS, Language, sentences_of
from skyledger.extract.news.sentence import build
from skyledger.extract.news.text import Token, iter_units, tokenize
from skyledger.extract.ru import RUSSIAN
from skyledger.extract.uk.news import UKRAINIAN
from skyledger.models import Document

LANGUAGES = {"uk": UKRAINIAN, "ru": RUSSIAN, "en": ENGLISH}

#: A list with no stop, long enough to fill more than one piece.
FILLER = {
    "uk": "Пошкоджено " + "гаражі, " * MAX_TOKENS,
    "ru": "Повреждены " + "гаражи, " * MAX_TOKENS,
    "en": "Damaged were " + "garages, " * MAX_TOKENS,
}

CASES = [
    ("uk", "про це повідомив голова Харківської ОВА Олег Синєгубов"),
    ("uk", "уламки впали у Кременчуці Полтавської області"),
    ("uk", "вибухи лунали поблизу Києва та у Броварах"),
    ("uk", "знеструмлено Трипільську ТЕС"),
    ("ru", "по данным заявления Киева, удар пришелся в районе Прилук (Черниговской области)"),
    ("ru", "сообщил губернатор Белгородской области"),
    ("en", "said the Kharkiv regional governor, Oleh Syniehubov"),
]


def _roles(lang: Language, code: str, text: str) -> list[tuple[str, str]]:
    """The places of the text's last sentence (or piece) with their roles."""
    sentences = sentences_of(Document(id="t", lang=code, text=text), lang)
    return [(p.name, p.role) for p in sentences[-1].places]


@pytest.mark.parametrize(
    ("code", "phrase"), CASES, ids=[f"{c}{n}" for n, (c, _) in enumerate(CASES)]
)
def test_a_place_in_a_later_piece_keeps_its_role(code: str, phrase: str) -> None:
    lang = LANGUAGES[code]
    alone = _roles(lang, code, phrase[0].upper() + phrase[1:] + ".")
    assert alone, "the phrase names a place"
    sentences = sentences_of(Document(id="t", lang=code, text=FILLER[code] + phrase + "."), lang)
    assert len(sentences) > 1 and sentences[-1].piece
    assert [(p.name, p.role) for p in sentences[-1].places] == alone


class _Counted(list[Token]):
    """Tokens that count how many of them are read."""

    reads = 0

    def __getitem__(self, index):  # type: ignore[no-untyped-def]
        _Counted.reads += 1
        return super().__getitem__(index)

    def __iter__(self):  # type: ignore[no-untyped-def]
        for token in super().__iter__():
            _Counted.reads += 1
            yield token


@pytest.mark.parametrize("code", ["uk", "ru"])
def test_each_place_of_a_long_sentence_finds_its_words_in_a_few_steps(code: str) -> None:
    """The places of a whole long sentence are read at once: each looks up its tokens by
    bisection (a walk from the first token per place was quadratic in the sentence)."""
    lang = LANGUAGES[code]
    towns = "Одеса, Київ, " if code == "uk" else "Одесса, Киев, "
    text = FILLER[code] + CASES[0 if code == "uk" else 5][1] + ", " + towns * 400
    unit = next(iter(iter_units(Document(id="t", lang=code, text=text), lang.plain)))
    tokens = tokenize(unit.text, lang.key, most=100_000)
    s = build(unit, _Counted(tokens), lexicon(lang.code), "t")
    _Counted.reads = 0
    found = lang.places(s)
    assert len(found) > 800
    assert _Counted.reads < 100 * len(found)  # a walk would read ~len(tokens) per place
