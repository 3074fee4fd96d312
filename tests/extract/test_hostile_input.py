"""Hostile input to the grammars: every shape that once raised, hung or blew up memory (found
by ``bench/fuzz.py``), minimised and written anew, each read to the end with claims or none.

A case that used to hang runs in a child process under a generous watchdog: a regression
fails the test instead of stalling the suite (the watchdog is a hang guard, not a speed
measure; speed is ``bench/fuzz.py``'s)."""

from __future__ import annotations

import multiprocessing as mp
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest

from skyledger.extract import DocumentTooLarge, extract_document
from skyledger.extract.limits import (
    MAX_CLAIMS_PER_SENTENCE,
    MAX_DOCUMENT_CHARS,
    MAX_SENTENCE_CHARS,
    MAX_SENTENCES,
    MAX_SPANS_PER_CLAIM,
)
from skyledger.extract.uk.news import plain
from skyledger.extract.uk.numbers import digits_value
from skyledger.models import Document, Extraction

PUBLISHED = datetime(2025, 6, 1, 9, 0, tzinfo=UTC)
#: Seconds a case that once hung may take before the test calls it hung (it takes well under
#: one now).
WATCHDOG = 120

REPORT = (
    "У ніч на 1 червня противник атакував 90 ударними БпЛА типу Shahed та 4 ракетами. "
    "Збито 80 БпЛА. Влучання на 3 локаціях, падіння уламків на 5 локаціях.\n"
)
NEWS_UK = (
    "Уночі ворог атакував Харківщину дронами, повідомив голова обласної адміністрації. "
    "Загинули двоє людей, ще 11 поранені.\n"
)
NEWS_EN = (
    "Russia launched 120 drones and 7 missiles at Ukraine overnight, the air force said. "
    "Air defences downed 100 drones. Two people were killed in Kharkiv.\n"
)
NEWS_RU = (
    "В ночь на 1 июня противник атаковал Украину 120 дронами, сообщили Воздушные силы. "
    "Сбиты 100 беспилотников.\n"
)
SEEDS = {"uk": REPORT, "uk-news": NEWS_UK, "en": NEWS_EN, "ru": NEWS_RU}


def read(text: str, lang: str = "uk", title: str | None = None) -> Extraction:
    doc = Document(
        id="hostile",
        lang=lang.split("-")[0],
        text=text,
        title=title,
        medium="telegram",
        published_at=PUBLISHED,
    )
    extraction = extract_document(doc)
    for claim in extraction.claims:
        for span in claim.spans:
            field = doc.title or "" if span.field == "title" else doc.text
            assert 0 <= span.start <= span.end <= len(field)
    return extraction


def _child(fn: Callable[..., Any], args: tuple[Any, ...], queue: Any) -> None:
    try:
        fn(*args)
    except BaseException as exc:
        queue.put(f"{type(exc).__name__}: {exc}")
    else:
        queue.put(None)


def finishes(fn: Callable[..., Any], *args: Any) -> None:
    """Run ``fn(*args)`` in a child; fail if it raises, dies or outlives the watchdog."""
    ctx = mp.get_context("fork")
    queue = ctx.Queue()
    proc = ctx.Process(target=_child, args=(fn, args, queue))
    proc.start()
    proc.join(WATCHDOG)
    if proc.is_alive():
        proc.kill()
        proc.join()
        pytest.fail(f"still running after {WATCHDOG} s: {fn.__name__}")
    assert proc.exitcode == 0, f"the child died (exit {proc.exitcode})"
    problem = queue.get(timeout=10)
    assert problem is None, problem


def values(extraction: Extraction) -> set[int]:
    out = set()
    for claim in extraction.claims:
        q = claim.quantity
        if q is not None:
            out |= {v for v in (q.exact, q.min, q.max, q.approx) if v is not None}
    return out


# -- numbers ----------------------------------------------------------------------------


def test_digit_runs_past_seven_digits_are_no_figure() -> None:
    assert digits_value("1234567") == 1234567
    assert digits_value("1 234 567") == 1234567
    assert digits_value("12345678") is None
    assert digits_value("12 345 678") is None
    assert digits_value("9" * 5000) is None  # int() of it would refuse: more than 4300 digits
    assert digits_value("9" * 5000 + "-ма") is None


@pytest.mark.parametrize("lang", sorted(SEEDS))
@pytest.mark.parametrize(
    "run",
    ["12345678", "9" * 5000, "1 000 000 000", "4,294,967,296", "7" * 40 + ",5", "31" * 3000],
)
def test_a_very_long_number_reads_as_no_figure(lang: str, run: str) -> None:
    seed = SEEDS[lang]
    text = seed.replace("90", run).replace("120", run).replace("80", run)
    extraction = read(text + seed, lang)
    assert all(v < 10**7 for v in values(extraction))


@pytest.mark.parametrize("lang", sorted(SEEDS))
@pytest.mark.parametrize("digits", ["²⁵", "¹²³", "٢٥", "߂߅", "²⁰²⁵ року", "⁰⁹:⁰⁰"])
def test_digits_that_int_refuses_or_other_scripts(lang: str, digits: str) -> None:
    """Superscripts are digits to ``str.isdigit`` but not to ``int``."""
    seed = SEEDS[lang]
    read(seed.replace("1", digits, 2) + f" станом на {digits} " + f"25 {digits} мая", lang)


# -- sizes and caps ------------------------------------------------------------------------


def test_a_document_past_the_size_limit_is_refused_by_name() -> None:
    big = Document(id="big", lang="uk", text="а" * (MAX_DOCUMENT_CHARS + 1))
    with pytest.raises(DocumentTooLarge, match="document too large"):
        extract_document(big)
    titled = Document(id="t", lang="en", title="x" * 10, text="y" * (MAX_DOCUMENT_CHARS - 5))
    with pytest.raises(DocumentTooLarge):
        extract_document(titled)


def test_one_sentence_with_hundreds_of_figures_is_capped() -> None:
    text = "Збито " + ", ".join(f"{n} БпЛА" for n in range(1, 600)) + "."
    extraction = read(text)
    assert len(extraction.claims) <= 2 * MAX_CLAIMS_PER_SENTENCE + 10
    assert any("dropped" in note for note in extraction.inconsistencies)


def _one_long_sentence(lang: str) -> None:
    seed = SEEDS[lang].replace(".", ",").replace("\n", " ")
    text = (seed * (60_000 // len(seed) + 1))[:60_000]
    extraction = read(text, lang)
    assert len(extraction.claims) <= 2000
    for claim in extraction.claims:
        assert len(claim.spans) <= MAX_SPANS_PER_CLAIM
        assert all(len(s.sentence) <= MAX_SENTENCE_CHARS for s in claim.spans)
    # the claims as JSON stay small: each span carries a bounded part of its sentence
    assert sum(len(c.model_dump_json()) for c in extraction.claims) < 50_000_000


@pytest.mark.parametrize("lang", sorted(SEEDS))
def test_a_report_repeated_without_a_stop_reads_in_bounded_memory(lang: str) -> None:
    """A report fragment repeated into one long "sentence" once made every span carry the
    whole sentence: gigabytes of JSON, and the process killed."""
    finishes(_one_long_sentence, lang)


def test_a_long_sentence_is_cut_around_each_span() -> None:
    filler = "і далі " * 2000
    text = f"{filler}противник атакував 90 ударними БпЛА {filler}"
    extraction = read(text, "uk-news")
    for claim in extraction.claims:
        for span in claim.spans:
            assert len(span.sentence) <= MAX_SENTENCE_CHARS
            assert text[span.start : min(span.end, span.start + 1000)].strip() in span.sentence


# -- shapes that once hung ------------------------------------------------------------------


def _mixed_word() -> None:
    word = "а" * 20_000  # one letter run with no Latin letter: the old pattern was cubic in it
    assert plain(word + " x") == word + " x"
    assert plain("аеробаліcтичні") == "аеробалістичні"  # a Latin "c" inside a Cyrillic word
    assert plain("Shahed") == "Shahed"


def test_a_long_word_is_scanned_once_for_latin_lookalikes() -> None:
    finishes(_mixed_word)


def _no_spaces(lang: str) -> None:
    seed = SEEDS[lang] * 40
    read(seed.replace(" ", ""), lang)


@pytest.mark.parametrize("lang", sorted(SEEDS))
def test_a_text_with_its_spaces_removed(lang: str) -> None:
    finishes(_no_spaces, lang)


def _many_places() -> None:
    text = (
        "Уночі противник атакував 30 ракетами. Уражено " + ", ".join(["Київ", "Львів"] * 3000) + "."
    )
    read(text)
    read("(" * 3000 + " Київ " + ") " * 3000 + REPORT)


def test_thousands_of_places_in_one_sentence() -> None:
    """Each place once walked back word by word to its cue: quadratic in the sentence."""
    finishes(_many_places)


def _long_english_unit() -> None:
    unit = NEWS_EN.replace(".", ",").replace("\n", " ")
    text = unit * 400 + " from Kursk and Bryansk, on Tuesday night of June 3"
    read(text, "en")


def test_a_long_english_sentence_is_read_once_not_once_per_piece() -> None:
    finishes(_long_english_unit)


def _figures_and_words() -> None:
    """Numbers and report words repeated with no stop: each group once looked at every verb
    and every other group of its sentence (quadratic: 1 MB took minutes)."""
    unit = "5 12 100 ЗБИТО 483 ЦІЛІ: 41 РАКЕТУ ТА 442 БПЛА У ніч на 19 листопада ворог атакував "
    read(unit * 2000)


def test_figures_and_report_words_repeated_without_a_stop() -> None:
    finishes(_figures_and_words)


def _gap_between_places() -> None:
    read("Kyiv" + " " * 100_000 + "Lviv and Odesa regions were attacked by 5 drones.", "en")
    read("Kyiv," + "\t" * 50_000 + "Lviv regions.", "en")


def test_a_long_gap_between_two_places() -> None:
    """A place list separator once backtracked over every space between two places."""
    finishes(_gap_between_places)


@pytest.mark.parametrize("lang", sorted(SEEDS))
@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        "\x00\x00",
        "\ud800 збито 5",
        "(" * 10_000 + "5" + ")" * 10_000,
        "«" * 5_000,
        "\u0301" * 2000 + "5 БпЛА",
        "\u200b".join("Збито 52 дрони"),
        "-" * 5_000,
        ". " * 5_000,
        "\n" * 5_000,
        "5 " * 5_000,
        "понад " * 5_000 + "5",
        "з них " * 5_000,
    ],
    ids=lambda t: f"{len(t)}:{t[:6]!r}",
)
def test_odd_texts(lang: str, text: str) -> None:
    read(text, lang, title=text[:100] or None)


def _places_listed_without_a_stop() -> None:
    """Town and raion names listed with commas and no stop, in a text that is no report: each
    place once copied the rest of the place list (and the text after a raion) and each piece
    of the long sentence looked at every place of it."""
    towns = "Білгород, Курськ, Брянськ, Ворона, з Курської області, " * 8000
    raions = "у Бучанському районі, у Київському районі міста, " * 6000
    for text in (towns, raions):
        extraction = read("Голова ОВА повідомив: " + text[: MAX_DOCUMENT_CHARS - 40])
        assert len(extraction.claims) <= 2_000


def test_places_listed_without_a_stop() -> None:
    finishes(_places_listed_without_a_stop)


def _russian_places_listed_without_a_stop() -> None:
    """A Russian list of places with no stop: read as one sentence for its places, each place
    once looked up its token by walking the tokens from the start (a minute at the size
    limit; ``test_long_sentences`` counts the steps)."""
    text = "губернатор Белгородской области, в районе Прилук (Черниговской области), " * 7000
    extraction = read("Как сообщили: " + text[: MAX_DOCUMENT_CHARS - 40], "ru")
    assert len(extraction.claims) <= 2_000


def test_russian_places_listed_without_a_stop() -> None:
    finishes(_russian_places_listed_without_a_stop)


def _figures_run_together() -> None:
    """A report with its spaces lost, figures and words run together, and partitive clauses
    between them: each group looked at every partitive clause and every group of its piece
    for each predicate near it (2.5 s per 100 KB in Russian)."""
    for lang, unit in (
        ("ru", "Вночьна3маяврагатаковал120ударнымиБпЛАи6ракетами,из которых 90 сбиты, "),
        ("uk", "Уночіна3травняворогатакував120ударнимиБпЛАта6ракетами,з яких 90 збито, "),
    ):
        text = (unit * (MAX_DOCUMENT_CHARS // len(unit)))[: MAX_DOCUMENT_CHARS - 10]
        extraction = read(text, lang)
        assert len(extraction.claims) <= 2_000


def test_figures_run_together_with_partitive_clauses() -> None:
    finishes(_figures_run_together)


def _region_adjectives_listed_in_a_report() -> None:
    """An Air Force report naming a region adjective thousands of times with no "області"
    after the list: each adjective walked the rest of the list looking for one (7 s per
    100 KB)."""
    for unit in ("Курської ", "Курської, Брянської та "):
        text = REPORT + "Пуски з районів " + unit * (MAX_DOCUMENT_CHARS // (len(unit) + 1))
        extraction = read(text[:MAX_DOCUMENT_CHARS])
        assert extraction.claims


def test_region_adjectives_listed_in_a_report() -> None:
    finishes(_region_adjectives_listed_in_a_report)


@pytest.mark.parametrize("lang", ["uk", "en", "ru"])
def test_a_run_of_numbers_is_read_to_the_group_limit(lang: str) -> None:
    """Hundreds of numbers in one sentence (a piece of a long one) each cost the grammar a
    group and its look for a verb; a sentence is read to its first hundred, with a note."""
    extraction = read("45 " * 1_000 + "\n", lang)
    assert any("figures of a sentence past its first 100" in n for n in extraction.inconsistencies)
    assert not any("figures of a sentence" in n for n in read("45 " * 90, lang).inconsistencies)


def _many_short_lines() -> None:
    """Hundreds of thousands of one-word lines: each sentence once cost every rule of the news
    layer and a few kilobytes, so such a text took seconds and hundreds of MB; it is read to
    its first ``MAX_SENTENCES`` sentences, with a note."""
    for lang, line in (("ru", "а.\n"), ("uk", "5.\n"), ("en", "x\n"), ("ru", "Обстрел.\n")):
        text = (line * (MAX_DOCUMENT_CHARS // len(line)))[:MAX_DOCUMENT_CHARS]
        extraction = read(text, lang)
        assert any("sentences not read" in note for note in extraction.inconsistencies)


def test_a_text_of_many_short_lines_is_read_to_the_sentence_limit() -> None:
    finishes(_many_short_lines)


def test_a_text_within_the_sentence_limit_has_no_note() -> None:
    text = "Russia launched 12 drones overnight. " + "Sirens sounded again.\n" * 50
    extraction = read(text, "en")
    assert not any("sentences not read" in note for note in extraction.inconsistencies)
    assert 12 in values(extraction)


def test_the_sentences_past_the_limit_are_not_read() -> None:
    head = "Sirens sounded.\n" * MAX_SENTENCES
    extraction = read(head + "Russia launched 77 drones overnight.\n", "en")
    assert 77 not in values(extraction)
    assert any("sentences not read" in note for note in extraction.inconsistencies)


def _figures_and_verbs_in_one_clause() -> None:
    """A clause of hundreds of numbered groups and verbs with no stop or comma: each group
    once filtered every verb of its clause against every other group (cubic in the clause)."""
    read("ворог атакував двома ракетами і " * 12_000)
    read("Russia fired 2 missiles and launched 3 drones and " * 8_000, "en")
    read("противник выпустил две ракеты и " * 12_000, "ru")


def test_figures_and_verbs_in_one_clause() -> None:
    finishes(_figures_and_verbs_in_one_clause)


def _chained_abbreviations() -> None:
    """Sentences that each end in an abbreviation are joined to the next one; the joined
    range was searched whole for its abbreviation at every join (quadratic in the chain)."""
    read("Lt. Gen. V. " * 30_000 + "Russia launched 5 drones overnight.", "en")
    read("обл. " * 60_000 + "Загинули двоє людей.", "uk")


def test_a_chain_of_abbreviations() -> None:
    finishes(_chained_abbreviations)


def _marks_before_a_report_line() -> None:
    """A report line opened by a long run of marks: the pattern of a sentence that refers to
    the group before it ("Серед них …") read the run again from each of its marks."""
    report = REPORT.replace("Збито 80 БпЛА.", "Збито 80 БпЛА. " + '"' * 200_000 + " Серед них 5.")
    read(report)


def test_a_long_run_of_marks_opening_a_report_line() -> None:
    finishes(_marks_before_a_report_line)


def test_a_town_and_its_raion_past_the_first_piece_of_a_long_sentence() -> None:
    """Places are found once for a long sentence cut into pieces; a town ending the first
    piece, its raion after it, indexed a mark past the piece (IndexError)."""
    text = "Голова ОВА повідомив, що " + "уламки впали у Броварах Броварського району, " * 120
    extraction = read(text + "\n" + NEWS_UK)
    assert extraction.claims


def test_one_sentence_of_a_quarter_million_words_is_read_to_the_token_limit() -> None:
    """A unit of 250,000 one-letter words and colons held half a kilobyte per token while it
    was read (over 300 MB); the news grammars read a document's first
    ``MAX_DOCUMENT_TOKENS`` words and marks, with a note."""
    for lang in ("uk", "en", "ru"):
        extraction = read("А:" * 125_000, lang)
        assert any("words and marks not read" in n for n in extraction.inconsistencies)
    extraction = read("Загинули двоє людей. " + "А:" * 60_000 + " Поранено 77 людей.")
    assert 77 not in values(extraction) and 2 in values(extraction)


@pytest.mark.parametrize("lang", ["uk", "ru"])
def test_thousands_of_letters_run_together_are_no_word(lang: str) -> None:
    """The dictionary lookup recursed once per letter: a word of thousands of letters (a text
    with its spaces removed) raised RecursionError."""
    extraction = read("Погибли двое. " + "около" * 2_000 + " Ранены 5 человек.", lang)
    assert extraction is not None
