"""Who said it: the speaker a sentence names, and the claimant its figures carry.

A speech verb names its speaker in the words before it ("the air force said", "повідомив голова
ОВА" puts them after); "according to" / "за даними" puts them after. The speaker phrase is
classified by the lexicon's ``claimants`` in file order (the first claimant it names wins;
a foreign speaker is no claimant). A sentence that names no speaker carries the last
inheritable one of the article (the air force, officials, the IAEA), else the medium's.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from functools import cache

from skyledger.extract.news.lexicon import lexicon
from skyledger.extract.news.sentence import Sentence

#: The claimant of a speaker outside the vocabulary: their figures are no facts of the ledger.
OTHER = "other"
WINDOW = 10  # tokens on either side of a speech verb that may name the speaker
_HARD_STOPS = frozenset({".", ";", ":", '"', "(", ")", "?", "!"})


@cache
def _claimant_order(lang: str) -> tuple[str, ...]:  # pragma: no cover - unused
    seen: list[str] = []
    for entry in lexicon(lang).words_of("claimants"):
        leaf = entry.category.rsplit(".", 1)[-1]
        if leaf not in seen and leaf not in ("foreign", "media"):
            seen.append(leaf)
    return tuple(seen)


def classify(s: Sentence, first: int, last: int, pick: str = "last") -> str | None:
    """The claimant the tokens ``first``-``last`` name, or None: the one named nearest the
    speech verb (``pick`` "last" when the phrase ends at the verb, "first" when it starts
    after it). A foreign adjective on a claimant ("the Polish air force") or a foreign speaker
    alone ("the UN said") is ``OTHER``; the lexicon's order breaks ties at one position."""
    found = [m for m in s.find("claimants") if first <= m.first and m.last <= last]
    named = [m for m in found if m.leaf not in ("foreign", "media")]
    if not named:
        return OTHER if any(m.leaf == "foreign" for m in found) else None
    chosen = named[-1] if pick == "last" else named[0]
    if any(m.leaf == "foreign" and m.last == chosen.first for m in found):
        return OTHER
    return chosen.leaf


def _window_before(s: Sentence, k: int) -> tuple[int, int]:
    lo = k
    while lo > 0 and k - lo < WINDOW:
        tok = s.tokens[lo - 1]
        if tok.kind == "mark" and tok.text in _HARD_STOPS:
            break
        lo -= 1
    # "…, Ukraine's air force said": the last comma-separated piece when it names someone
    for c in range(k - 1, lo - 1, -1):
        if s.tokens[c].text == "," and classify(s, c + 1, k) not in (None, OTHER):
            return c + 1, k
    return lo, k


def _window_after(s: Sentence, k: int) -> tuple[int, int]:
    hi = k
    while hi < len(s.tokens) and hi - k < WINDOW:
        tok = s.tokens[hi]
        if tok.kind == "mark" and (tok.text in _HARD_STOPS or tok.text == ","):
            break
        if s.mark(hi, "speaker_ends"):
            break
        hi += 1
    return k, hi


def speaker_of(s: Sentence, known: dict[str, str]) -> str | None:
    """The claimant a sentence attributes itself to, or None. ``known`` maps names already
    attributed in the article to their claimant ("Ukrenergo's chairman Zaichenko" … "Zaichenko
    said") and learns new ones."""
    for m in s.find("speech"):
        pick = "last"
        if m.is_("speech.according") or m.is_("speech.retro"):
            lo, hi = _window_after(s, m.last)
            pick = "first"
        elif s.mark(m.first, "speech.participles"):
            lo, hi = _clause_start(s, m.first), m.first  # "…, claiming that": the subject's
            pick = "first"
        else:
            lo, hi = _window_before(s, m.first)
            if classify(s, lo, hi) is None and s.mark(m.first, "speech.postposed"):
                after = _window_after(s, m.last)
                if classify(s, *after, pick="first"):
                    (lo, hi), pick = after, "first"
        found = classify(s, lo, hi, pick)
        name = _name_in(s, lo, hi)
        if found is not None and name:
            known.setdefault(name, found)
        elif found is None and name:
            found = known.get(name)
        if found is not None:
            return found
    return None


def _clause_start(s: Sentence, k: int) -> int:
    for j in range(k - 1, -1, -1):
        tok = s.tokens[j]
        if tok.kind == "mark" and tok.text in _HARD_STOPS:
            return j + 1
    return 0


def _name_in(s: Sentence, lo: int, hi: int) -> str | None:
    """The last capitalised word of a speaker phrase (a surname), if any."""
    for k in range(hi - 1, lo - 1, -1):
        tok = s.tokens[k]
        if tok.kind == "word" and tok.capital and k > 0 and len(tok.text) > 2:
            return tok.key
    return None


def title_speaker(s: Sentence) -> str | None:
    """ "Air Force: 60 of 76 …", "… shot down - Air Force", "Повітряні сили: …"."""
    toks = s.tokens
    for k, tok in enumerate(toks[:8]):
        if tok.text == ":":
            return classify(s, 0, k)
    for k in range(len(toks) - 1, max(0, len(toks) - 8), -1):
        if toks[k].text in ("-", "—") and toks[k].kind == "mark":
            return classify(s, k + 1, len(toks))
    return None


def source_line(s: Sentence) -> str | None:
    """ "Source: the Air Force" closing an article."""
    m = s.mark(0, "source_lines")
    return classify(s, m.last, len(s.tokens)) if m else None


def assign(sentences: Sequence[Sentence], inherit: frozenset[str]) -> None:
    """Set each sentence's own speaker and the claimant its figures carry; "This was reported
    by …" gives its speaker to the sentences before it in its paragraph that name none."""
    running: str | None = None
    known: dict[str, str] = {}
    for n, s in enumerate(sentences):
        if s.is_title:
            s.speaker = title_speaker(s)
            s.claimant = s.speaker or "media"
            continue
        own = source_line(s) or speaker_of(s, known)
        s.speaker = own
        if own in inherit:
            running = own
        s.claimant = own or running or "media"
        if own is not None and _retro(s):
            _back(sentences, n, own)


def _retro(s: Sentence) -> bool:
    return any(s.mark(k, "speech.retro") for k in range(min(3, len(s.tokens))))


def _back(sentences: Sequence[Sentence], n: int, claimant: str) -> None:
    """The sentences before ``n`` in its paragraph with no speaker of their own."""
    paragraph = sentences[n].unit.paragraph
    for s in reversed(sentences[:n]):
        if s.is_title or s.unit.paragraph != paragraph or s.speaker is not None:
            break
        s.claimant = claimant


def clause_starts(s: Sentence) -> list[int]:
    """Where the clauses of a sentence begin for its speakers ("…, Energoatom said, and …")."""
    out = [0]
    for k in range(len(s.tokens)):
        m = s.mark(k, "speech.clause_breaks")
        if m is not None and m.first == k and k > 0:
            out.append(k)
    return out


def clause_speakers(s: Sentence) -> list[tuple[int, int, str]]:
    """(first token, last token, claimant) of the clauses of a sentence that name their own
    speaker, when it has more than one clause."""
    starts = [*clause_starts(s), len(s.tokens)]
    if len(starts) <= 2:
        return []
    out = []
    for lo, hi in itertools.pairwise(starts):
        for m in s.find("speech"):
            if lo <= m.first < hi:
                pick = "first" if m.is_("speech.according") else "last"
                found = classify(s, lo, hi, pick)
                if found is not None:
                    out.append((lo, hi, found))
                break
    return out


def clause_speakers_chars(s: Sentence) -> list[tuple[int, int, str]]:
    """``clause_speakers`` as character offsets into the sentence's text."""
    out = []
    for lo, hi, claimant in clause_speakers(s):
        out.append((s.tokens[lo].start, s.tokens[hi - 1].end, claimant))
    return out


def named(s: Sentence) -> list[str]:
    """The claimants a sentence names, in order ("both sides said": each party)."""
    out: list[str] = []
    for m in s.find("claimants"):
        if m.leaf not in ("foreign", "media", "ua_air_force", "ru_mod") and m.leaf not in out:
            out.append(m.leaf)
    return out
