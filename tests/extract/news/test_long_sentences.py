"""A sentence longer than the grammar reads at once is read in pieces (``read.MAX_TOKENS``); the
words around a place give it the same role whichever piece it falls in."""

from __future__ import annotations

import pytest

from skyledger.extract.en import ENGLISH
from skyledger.extract.news.read import MAX_TOKENS, Language, sentences_of
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
