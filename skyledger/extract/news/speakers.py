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

from skyledger.extract.news.lexicon import Mark, lexicon
from skyledger.extract.news.sentence import Sentence

#: The claimant of a speaker outside the vocabulary: their figures are no facts of the ledger.
OTHER = "other"
#: Where ``assign`` keeps the last speaker a sentence named, for "по его словам" after it.
PREVIOUS = "\x00previous"
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
    named = [m for m in found if m.leaf != "foreign"]
    if not named:
        return OTHER if any(m.leaf == "foreign" for m in found) else None
    if pick == "last":
        # "the Air Force of the Armed Forces of Ukraine said": the head, not what follows "of"
        heads = [m for m in named if not (m.first > 0 and s.mark(m.first - 1, "speaker_of"))]
        chosen = (heads or named)[-1]
    else:
        chosen = named[0]
    if chosen.leaf == "media":
        return "media" if len(named) == 1 or chosen is named[-1] else _other_than_media(named)
    if any(m.leaf == "foreign" and _modifies(s, m, chosen) for m in found):
        return OTHER
    return chosen.leaf


def _modifies(s: Sentence, foreign: Mark, head: Mark) -> bool:
    """A foreign word right before a claimant, or one word before it ("the Polish air force",
    "Turkey's foreign ministry"): the claimant is that country's."""
    gap = head.first - foreign.last
    return gap == 0 or (gap == 1 and s.tokens[foreign.last].kind == "word")


def _other_than_media(named: list[Mark]) -> str | None:
    rest = [m.leaf for m in named if m.leaf != "media"]
    return rest[-1] if rest else None


def _window_before(s: Sentence, k: int) -> tuple[int, int, str]:
    """The words before a speech verb that name its speaker, and which of them to take."""
    lo = k
    while lo > 0 and k - lo < WINDOW:
        tok = s.tokens[lo - 1]
        if tok.kind == "mark" and tok.text in _HARD_STOPS:
            break
        lo -= 1
    for c in range(k - 1, lo - 1, -1):
        if s.tokens[c].text != ",":
            continue
        # "…, Ukraine's air force said": the last comma-separated piece when it names someone
        if classify(s, c + 1, k) not in (None, OTHER):
            return c + 1, k, "last"
        # "Witkoff will travel to Moscow …, he told": the subject of the sentence
        if k - c == 2 and s.mark(c + 1, "speaker_pronouns"):
            return _clause_start(s, c), c, "first"
        break
    return lo, k, "last"


def _window_after(s: Sentence, k: int) -> tuple[int, int]:
    hi = k
    while hi < len(s.tokens) and hi - k < WINDOW:
        tok = s.tokens[hi]
        if tok.kind == "mark" and (tok.text in _HARD_STOPS or tok.text == ","):
            break
        if s.mark(hi, "speaker_ends") and (hi == k or classify(s, k, hi, "first") is not None):
            break  # "according to officials who …"; "the statement that the air force issued"
        hi += 1
    return k, hi


def speech_marks(s: Sentence) -> list[Mark]:
    """The marks that report speech: verbs, "according to", "this was reported by"; not the
    clause breaks nor the verbs that only look like speech ("called on")."""
    return [
        m for m in s.find("speech")
        if not (m.is_("speech.clause_breaks") or m.is_("speech.not"))
    ]  # fmt: skip


def speaker_of(s: Sentence, known: dict[str, str]) -> str | None:
    """The claimant a sentence attributes itself to, or None. ``known`` maps names already
    attributed in the article to their claimant ("Ukrenergo's chairman Zaichenko" … "Zaichenko
    said") and learns new ones."""
    weak: str | None = None
    for m in speech_marks(s):
        pick = "last"
        if m.is_("speech.retro"):  # "Про це … повідомив голова Нацполіції": the rest of it
            lo, hi, pick = m.last, len(s.tokens), "first"
        elif m.is_("speech.according"):
            lo, hi = _window_after(s, m.last)
            pick = "first"
        elif s.mark(m.first, "speech.participles"):
            lo, hi = _clause_start(s, m.first), m.first  # "…, claiming that": the subject's
            pick = "first"
        else:
            lo, hi, pick = _window_before(s, m.first)
            before = classify(s, lo, hi, pick)
            if before in (None, "media") and s.mark(m.first, "speech.postposed"):
                after = _window_after(s, m.last)
                if classify(s, *after, pick="first") not in (None, "media"):
                    (lo, hi), pick = after, "first"
        found = classify(s, lo, hi, pick)
        if found is None and _quoted_outlet(s, m.first):
            found = OTHER  # "«Военная хроника» сообщила": a channel or outlet, no claimant
        if found is None and any(
            s.mark(k, "speaker_pronouns") for k in range(min(lo, m.first), max(hi, m.last))
        ):
            found = known.get(PREVIOUS)  # "по его словам": the speaker named before
        name = _name_in(s, lo, hi)
        if found is not None and name:
            known.setdefault(name, found)
        elif found is None and name:
            found = known.get(name)
        if found == "media":
            weak = found  # a medium names itself: a speaker of the vocabulary may still follow
            continue
        if found is not None:
            return found
    return weak


def nearest_speaker(s: Sentence, k: int) -> str | None:
    """The speaker of the speech verb nearest before token ``k`` ("He added that the enemy's
    defence ministry claims that … revenge": the ministry), if it names one."""
    for m in reversed(speech_marks(s)):
        if m.first >= k or m.is_("speech.according") or m.is_("speech.retro"):
            continue
        lo, hi, pick = _window_before(s, m.first)
        found = classify(s, lo, hi, pick)
        if found not in (None, "media"):
            return found
    return None


def _quoted_outlet(s: Sentence, k: int) -> bool:
    """With ``settings.quoted_outlets``: a name in quotes right before the speech verb at token
    ``k`` (a newspaper, a channel)."""
    if not s.lex.values.get("settings", {}).get("quoted_outlets"):
        return False
    if k < 3 or s.tokens[k - 1].text != '"':
        return False
    for j in range(k - 2, max(-1, k - 7), -1):
        tok = s.tokens[j]
        if tok.text == '"':
            return j < k - 2 and s.tokens[j + 1].capital
        if tok.kind == "mark" and tok.text not in (".", "-"):
            return False
    return False


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
    """ "Air Force: 60 of 76 …", "… shot down - Air Force", "…, says air force", "Повітряні
    сили: …"."""
    toks = s.tokens
    for k, tok in enumerate(toks[:8]):
        if tok.text == ":":
            return classify(s, 0, k)
    for k in range(len(toks) - 1, max(0, len(toks) - 8), -1):
        if toks[k].text in ("-", "—") and toks[k].kind == "mark":
            return classify(s, k + 1, len(toks))
        if toks[k].text == "," and any(m.first > k for m in speech_marks(s)):
            return classify(s, k + 1, len(toks))  # "…, says air force", "…, officials say"
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
            said = s.speaker or (speaker_of(s, known) if _pronouns(s.lex.lang) else None)
            if said not in (None, OTHER):
                known[PREVIOUS] = said  # "В Укренерго назвали …" for "за даними компанії"
            continue
        source = source_line(s)
        own = source or speaker_of(s, known)
        if source not in (None, OTHER) and 0 < n == len(sentences) - 1:
            _closing(sentences, n, source)  # "Source: the air force" closing the text
        s.speaker = own
        if own is not None:
            known[PREVIOUS] = own
        if own in inherit:
            running = own
        s.claimant = own or running or "media"
        if own is not None and _retro(s):
            _back(sentences, n, own)
    _quotes(sentences)


def _closing(sentences: Sequence[Sentence], n: int, source: str) -> None:
    """A source line after the text names the speaker of every sentence before it that names
    none of its own."""
    for s in sentences[:n]:
        if not s.is_title and s.speaker is None:
            s.claimant = source


def _quotes(sentences: Sequence[Sentence]) -> None:
    """A quote of several sentences with its speaker after its end ("«… . …», — сообщил
    начальник пресс-центра"): the sentences before the closing one, from the one that opens
    it, are that speaker's words too."""
    for n, s in enumerate(sentences):
        if s.is_title or s.speaker is not None or not _opens(s):
            continue
        for m in range(n + 1, len(sentences)):
            o = sentences[m]
            if o.is_title or o.unit.paragraph != s.unit.paragraph:
                break
            if o.text.count('"') % 2 == 0:
                continue
            if o.speaker is not None and _named_after_quote(o):
                for q in sentences[n:m]:
                    if q.speaker is None:
                        q.speaker = q.claimant = o.speaker
            break


def _named_after_quote(s: Sentence) -> bool:
    """The speaker of a sentence that closes a quote is named after the closing mark ("…», —
    сообщил X", "…», — сказала она"), not inside the quote."""
    close = next((k for k, t in enumerate(s.tokens) if t.text == '"'), None)
    if close is None:  # pragma: no cover - the caller saw an odd number of quotes in the text
        return False
    n = len(s.tokens)
    found = classify(s, close + 1, n, "first")
    return found not in (None, OTHER) or any(
        s.mark(k, "speaker_pronouns") for k in range(close + 1, n)
    )


def _opens(s: Sentence) -> bool:
    """The sentence opens a quote it does not close."""
    return s.text.lstrip().startswith('"') and s.text.count('"') % 2 == 1


@cache
def _pronouns(lang: str) -> bool:
    """Whether the language refers to speakers named before ("за даними компанії")."""
    return lexicon(lang).uses("speaker_pronouns")


def _retro(s: Sentence) -> bool:
    return any(s.mark(k, "speech.retro") for k in range(min(3, len(s.tokens))))


def _back(sentences: Sequence[Sentence], n: int, claimant: str) -> None:
    """The sentences before ``n`` in its paragraph with no speaker of their own; a paragraph
    that opens with "Про це повідомив …" speaks for the paragraph before it."""
    paragraph = sentences[n].unit.paragraph
    if n > 0 and sentences[n - 1].unit.paragraph != paragraph:
        paragraph = sentences[n - 1].unit.paragraph
    for s in reversed(sentences[:n]):
        if s.is_title or s.unit.paragraph != paragraph or s.speaker is not None:
            break
        s.claimant = s.speaker = claimant


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
        for m in speech_marks(s):
            if lo <= m.first < hi:
                pick = "first" if m.is_("speech.according") else "last"
                found = classify(s, lo, hi, pick)
                if found is not None:
                    out.append((lo, hi, found))
                break
    return out


def named(s: Sentence) -> list[str]:
    """The claimants a sentence names, in order ("both sides said": each party)."""
    out: list[str] = []
    for m in s.find("claimants"):
        if m.leaf not in ("foreign", "media", "ua_air_force", "ru_mod") and m.leaf not in out:
            out.append(m.leaf)
    return out
