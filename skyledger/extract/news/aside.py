"""Sentences about something other than the attack the text is about.

Another time ("last week", "since the start of the war", "минулого тижня") sets a sentence
aside unless it only compares this attack with that time ("the largest attack since
January"); Russia as the target ("drones over Russia") sets it aside for Russia. A language may
add its own reasons (dates of another year, another weekday), and open a text's background
("Нагадаємо, …"), after which every sentence is about another time unless it says "today".
"""

from __future__ import annotations

from skyledger.extract.news.lexicon import Mark
from skyledger.extract.news.sentence import Sentence

#: Tokens before an "other time" phrase where a comparative makes it a comparison.
COMPARE_WINDOW = 12


def other_time(s: Sentence) -> bool:
    for m in s.find("aside.other_time"):
        if _inside(s, m, "aside.duration"):
            continue  # "without power for a week": how long, not when
        lo = max(0, m.first - COMPARE_WINDOW)
        compared = any(s.mark(k, "aside.comparative") for k in range(lo, m.first))
        when = any(s.mark(k, "aside.when") for k in range(m.last, min(len(s.tokens), m.last + 6)))
        if not compared or when:
            return True
    return False


def _inside(s: Sentence, m: Mark, category: str) -> bool:
    return any(
        o.is_(category) and o.last >= m.last
        for k in range(max(0, m.first - 3), m.first + 1) for o in s.marks[k]
    )  # fmt: skip


def tally(s: Sentence) -> bool:
    """A number of attacks ("about 1,100 missile strikes on energy facilities"): a tally of a
    period, not this attack."""
    if not s.has("aside.tallies"):
        return False
    for k, tok in enumerate(s.tokens):
        if tok.kind != "num" and not _number_word(s, k):
            continue
        nxt = k + 1
        while nxt < len(s.tokens) and (s.tokens[nxt].kind == "num" or _number_word(s, nxt)):
            nxt += 1
        m = s.mark(nxt, "aside.tallies")
        if m is not None and m.first == nxt:
            return True
    return False


def _number_word(s: Sentence, k: int) -> bool:
    m = s.mark(k, "numbers")
    return m is not None and m.entry.value is not None and m.leaf != "article"


def aside_of(s: Sentence) -> str:
    """ "time", "russia" or "" (about this attack)."""
    if other_time(s) or tally(s):
        return "time"
    if any(not launch_point(s, m.first) for m in s.find("aside.over_russia")):
        return "russia"
    return ""


def background(sentences: list[Sentence]) -> None:
    """ "Нагадаємо, …" (``aside.background``) opens the background of a news text: that
    sentence and every one after it is about another time, unless it says it is today's
    (``aside.today``: "сьогодні", not "на сьогодні", ``aside.to_date``)."""
    opened = False
    for s in sentences:
        opened = opened or any(s.mark(k, "aside.background") for k in range(min(2, len(s.tokens))))
        if opened and not s.aside and not _today(s):
            s.aside = "time"


def _today(s: Sentence) -> bool:
    for k in range(len(s.tokens)):
        if s.mark(k, "aside.today") and not any(
            m.is_("aside.to_date") and m.first < k < m.last
            for j in range(max(0, k - 2), k) for m in s.marks[j]
        ):  # fmt: skip
            return True
    return False


def launch_point(s: Sentence, k: int) -> bool:
    """Russia named as the launch point ("from Kursk and Bryansk in Russia"), not the target."""
    return any(s.mark(j, "aside.launch_context") for j in range(max(0, k - 12), k))


def carried(s: Sentence, previous: Sentence | None) -> str:
    """ "Тогда удар был нанесён по …" after a sentence about another time: a sentence opening
    with a word that points back (``aside.carry``) is about what the sentence before it in its
    paragraph was about."""
    if previous is None or previous.unit.paragraph != s.unit.paragraph or not previous.aside:
        return ""
    return previous.aside if s.mark(0, "aside.carry") else ""
