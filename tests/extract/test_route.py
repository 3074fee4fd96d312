"""Routing by content: an Air Force summary goes to its own grammar, everything else to the news
path. One row per construction, in texts written for these tests; then the corpora."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from skyledger.extract.route import decide, route
from skyledger.models import Document

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared" / "corpus"


def doc(text: str, lang: str = "uk", title: str | None = None) -> Document:
    return Document(id="t", text=text, lang=lang, title=title)  # type: ignore[arg-type]


AIRFORCE = [
    # the nightly report: night, window, launch directions, the downing headline
    "У ніч на 3 березня (з 18:00 2 березня) противник атакував 87 ударними БпЛА типу Shahed "
    "із напрямків: Курськ, Орел. Станом на 09:00 збито/подавлено 70 ворожих БпЛА.",
    # a news site's quote of the downing sentence alone
    "За попередніми даними, станом на 08:00 протиповітряною обороною збито 41 ворожий БпЛА на "
    "півночі та сході країни.",
    # the hits sentence alone
    "Зафіксовано влучання 9 ударних БпЛА на 5 локаціях.",
    # decoys lost from radar
    "Ще 23 безпілотники-імітатори локаційно втрачено, без негативних наслідків.",
    # the report's time phrase "За даними на …" is no attribution
    "💥 За даними на 08:30 збито/подавлено 64 ворожі дрони на півночі країни.",
    # a live alert
    "Увага! Зафіксовано пуски крилатих ракет з бортів стратегічної авіації.",
    "Швидкісна ціль курсом на Запоріжжя!",
    # a regional command's post
    "Повітряне командування «Захід» інформує: уночі над областю знищено три крилаті ракети.",
    # two report phrases and no casualty words
    "Вранці ворог завдав удару: 30 ударних БпЛА та 6 ракет Х-101/Х-555.",
    # the air defence worked over a list of oblasts
    "Протиповітряна оборона працювала у Київській, Черкаській та Полтавській областях.",
]

NEWS = [
    # reported speech and attribution
    "Голова Житомирської ОВА повідомив про двох загиблих.",
    "За словами мера, у місті пошкоджено дві школи.",
    "Про це йдеться у зверненні президента.",
    # an official's voice by title, no verb of speech
    "Міський голова Черкас закликав мешканців залишатися в укриттях.",
    "Рятувальники ДСНС загасили пожежу у Фастові.",
    "Прокуратура розпочала провадження щодо удару по Ізюму.",
    # an official's own post: one report phrase, and the dead and injured
    "Уночі ворог атакував Кременчук. Загинула одна людина, ще четверо поранені.",
    # a news article quoting the Air Force's words is news
    "Загалом росіяни запустили 300 дронів, 250 з них збито/подавлено, повідомили у Повітряних "
    "силах.",
    # nothing of a report at all
    "Сьогодні в Україні хмарно, без опадів.",
]


@pytest.mark.parametrize("text", AIRFORCE)
def test_air_force_summaries(text: str) -> None:
    assert route(doc(text)) == "airforce", decide(doc(text)).reason


@pytest.mark.parametrize("text", NEWS)
def test_news_and_officials(text: str) -> None:
    assert route(doc(text)) == "news", decide(doc(text)).reason


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_every_russian_and_english_text_is_news(lang: str) -> None:
    report = "У ніч на 3 березня (з 18:00 2 березня) збито/подавлено 70 ворожих БпЛА."
    assert decide(doc(report, lang)).path == "news"


def test_the_title_counts() -> None:
    assert route(doc("Пожежу загасили.", title="Мер Полтави повідомив про удар")) == "news"


@settings(max_examples=100, deadline=None)
@given(st.text(), st.sampled_from(["uk", "ru", "en"]))
def test_any_text_routes(text: str, lang: str) -> None:
    assert route(doc(text or " ", lang)) in ("airforce", "news")


def _corpus(path: Path) -> list[Document]:
    with path.open(encoding="utf-8") as fh:
        return [Document.model_validate(json.loads(line)) for line in fh if line.strip()]


def test_the_bundled_corpora() -> None:
    """The sample Air Force posts are reports, save a warning about scam comments; the sample
    English news is news."""
    sample = ROOT / "skyledger" / "resources" / "sample"
    routed = {d.id: route(d) for d in _corpus(sample / "airforce.jsonl")}
    assert [i for i, path in routed.items() if path != "airforce"] == ["sample-af-2025-12-11-spam"]
    assert {route(d) for d in _corpus(sample / "news.jsonl")} == {"news"}


@pytest.mark.skipif(not SHARED.exists(), reason="shared corpora not present")
def test_the_development_corpora() -> None:
    """Every Air Force document (posts and news sites' quotes of them) is a report; every
    Ukrainian news text and officials' post, and every Russian and English text, is news."""
    assert {route(d) for d in _corpus(SHARED / "airforce.dev.jsonl")} == {"airforce"}
    for name in ("news-uk", "news-ru", "news-en", "news"):
        assert {route(d) for d in _corpus(SHARED / f"{name}.dev.jsonl")} == {"news"}, name


def test_voice_prefilter_is_conservative() -> None:
    """The literal starts of the voice cues: a text none of them starts a word in cannot hold a
    voice cue, and every cue's own words pass the prefilter."""
    from skyledger.extract.route import cues_uk, literal_starts

    assert literal_starts(r"за (?:словами|інформацією)|за даними(?! на \d)") == {
        "за словами", "за інформацією", "за даними",
    }  # fmt: skip
    assert literal_starts("мер|мера|мерії") == {"мер", "мера", "мерії"}
    assert literal_starts(r"\w+ голова") is None
    cues = cues_uk()
    assert cues.voice_starts is not None
    for text in ("повідомив мер", "за словами голови", "ДСНС", "про це", "нагадаємо"):
        norm = text.lower()
        assert cues.voice.search(norm)
        assert cues.voice_starts.found(norm)
    assert not cues.voice_starts.found("у ніч на 6 грудня збито 40 бпла")
    assert not cues.voice_starts.found("номер")  # "мер" inside a word is no start
