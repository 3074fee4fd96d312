"""Hostile input: every grammar and reader fed seed texts mutated out of shape.

Targets: each language's extractor (``extract_document`` on ``uk``, ``en``, ``ru``
documents), each reader (saved article page, Telegram preview page, feed, corpus JSONL,
Telegram Desktop export, plain text) and the API's ``POST /api/documents`` body. Each case is
a seed from ``bench/fuzz_seeds/`` (and the sample corpus) changed by a few mutations: slices
deleted, duplicated or swapped, characters from awkward corners of Unicode, very long digit
runs, deep brackets and tags, a text of another language spliced in, a fragment repeated up to
the document size limit, or random characters alone.

A case *escapes* when its target raises anything but the reader's own ``ReadError`` (a failure
with a reason), or when an extraction gives a span outside its text; a case *hangs* when it
runs longer than ``--hang`` seconds (the worker is killed and the run goes on); a *death* is a
worker that ended by a signal. Every escape, hang and death is saved under ``--out`` with its
input, to be minimised into a regression test.

Each case is made from its target and number alone, so a run can be resumed (``--resume``)
and any case re-made (``--show TARGET:N``). Figures printed per target: cases, escapes,
hangs, deaths, the slowest input per 100 KB (time x 100 KB / max(size, 100 KB)), peak memory
(the worker's maximum resident set, which includes the ~200 MB the grammars' dictionaries
take once loaded; ``--big`` adds a pass of inputs at the size limit).

    python bench/fuzz.py --cases 20000
    nice python bench/fuzz.py --cases 1000000 --jobs 2 --resume
"""

from __future__ import annotations

import argparse
import contextlib
import json
import multiprocessing as mp
import os
import random
import resource
import signal
import sys
import tempfile
import time
import traceback
import warnings
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SEEDS = Path(__file__).resolve().parent / "fuzz_seeds"
SAMPLE = ROOT / "skyledger" / "resources" / "sample"
KB100 = 100 * 1024
#: Cases a worker runs before the next target gets its turn (every target advances together).
CHUNK = 1000

#: Share of the cases each target gets.
WEIGHTS = {
    "extract-uk": 6,
    "extract-en": 3,
    "extract-ru": 3,
    "read-html": 1.5,
    "read-telegram-web": 1,
    "read-feed": 1,
    "read-corpus": 2,
    "read-telegram-export": 2,
    "read-text": 1,
    "api-post": 0.5,
}


# -- seeds -------------------------------------------------------------------------------


def _sample(name: str) -> list[dict[str, Any]]:
    path = SAMPLE / name
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def seed_texts() -> dict[str, list[str]]:
    """Seed texts per language (Ukrainian: Air Force style reports and news)."""
    airforce = [d["text"] for d in _sample("airforce.jsonl")]
    news = [d["text"] for d in _sample("news.jsonl")]
    return {
        "uk": [*airforce, (SEEDS / "uk_news.txt").read_text(encoding="utf-8")],
        "en": [*news, (SEEDS / "en.txt").read_text(encoding="utf-8")],
        "ru": [(SEEDS / "ru.txt").read_text(encoding="utf-8")],
    }


# -- mutations -----------------------------------------------------------------------------

ODD = (
    "\u0301\u0306\u0308"  # combining marks
    "\u200b\u200c\u200d\u2060\ufeff"  # zero width
    "\u202e\u202d\u2066"  # direction
    "\x00\x01\x1b\x7f\x85\u2028\u2029\r\t\x0b\x0c"  # controls and line breaks
    "¹²³⁴⁵⁶⁷⁸⁹⁰½¼"  # digits int() refuses
    "٠١٢٣٤٥٦٧٨٩߀०१२३"  # digits of other scripts
    "\ufffd\U0001f600\U0001f1fa\U0001f1e6⚡️➖"  # replacement, emoji, flags
    "ʼ'’`´«»„“”—–-‑"  # apostrophes, quotes, dashes
    "ІіЇїЄєҐґЫыЭэЪъЁё"  # letters of one language only
    "ﬁǅ𝟘𝐀"  # ligatures and styled letters
    ".!?…:;,()[]{}<>/\\&%$#@*+=|~^"
)


def _digit_run(rng: random.Random) -> str:
    size = rng.choice((8, 9, 12, 20, 40, 100)) if rng.random() < 0.95 else rng.choice((5000, 20000))
    digits = "".join(rng.choice("0123456789") for _ in range(min(size, 64)))
    run = (digits * (size // len(digits) + 1))[:size]
    shape = rng.random()
    if shape < 0.3:
        return " ".join(run[i : i + 3] for i in range(0, len(run), 3))
    if shape < 0.45:
        return ",".join(run[i : i + 3] for i in range(0, len(run), 3))
    if shape < 0.55:
        return run + "-" + rng.choice(("м", "ма", "ти", "th", "х"))
    if shape < 0.65:
        return run + "." + run[: rng.randint(1, 30)]
    return run


def _brackets(rng: random.Random) -> str:
    depth = rng.choice((5, 50, 500)) if rng.random() < 0.95 else rng.choice((5000, 50000))
    pair = rng.choice(("()", "[]", "{}", "«»", "<>", "\"'"))
    return pair[0] * depth + rng.choice(("x", "5", "", "збито 5")) + pair[1] * rng.randint(0, depth)


def _span(rng: random.Random, text: str) -> tuple[int, int]:
    if not text:
        return 0, 0
    a = rng.randrange(len(text) + 1)
    b = min(len(text), a + int(rng.expovariate(1 / 40)) + 1)
    return a, b


def mutate(rng: random.Random, text: str, others: list[str], limit: int) -> str:
    """One mutation of ``text``; ``others`` are texts to splice in (another language)."""
    op = rng.randrange(14)
    a, b = _span(rng, text)
    if op == 0:  # delete a slice
        return text[:a] + text[b:]
    if op == 1:  # duplicate a slice, a few times or many
        times = rng.choice((2, 3, 10)) if rng.random() < 0.95 else rng.choice((100, 1000))
        return text[:b] + text[a:b] * times + text[b:]
    if op == 2:  # swap two slices
        c, d = _span(rng, text)
        if c < a:
            a, b, c, d = c, d, a, b
        if c < b:
            return text
        return text[:a] + text[c:d] + text[b:c] + text[a:b] + text[d:]
    if op == 3:  # odd characters
        chars = "".join(rng.choice(ODD) for _ in range(rng.randint(1, 12)))
        return text[:a] + chars + text[a:]
    if op == 4:  # a very long number
        return text[:a] + _digit_run(rng) + text[a:]
    if op == 5:  # deep brackets
        return text[:a] + _brackets(rng) + text[a:]
    if op == 6:  # another language spliced in
        other = rng.choice(others)
        c, d = _span(rng, other)
        return text[:a] + other[c : d + rng.randint(0, 400)] + text[a:]
    if op == 7:  # digits changed
        table = str.maketrans("0123456789", rng.choice(("²³¹⁴⁵⁶⁷⁸⁹⁰", "٠١٢٣٤٥٦٧٨٩", "9876543210")))
        return text[:a] + text[a:b].translate(table) + text[b:]
    if op == 8:  # case
        return (
            text[:a] + (text[a:b].upper() if rng.random() < 0.5 else text[a:b].lower()) + text[b:]
        )
    if op == 9:  # sentence ends lost or multiplied
        if rng.random() < 0.5:
            return text.replace(". ", " ").replace("\n", " ")
        return text.replace(" ", rng.choice((".\n", ". ", "\n\n", "  ")), rng.randint(1, 50))
    if op == 10:  # random code points
        size = int(rng.expovariate(1 / 60)) + 1
        return text[:a] + "".join(chr(rng.randrange(0x20, 0x3000)) for _ in range(size)) + text[a:]
    if op == 11:  # one fragment repeated to a large size (rare: large inputs are slow)
        if rng.random() < 0.02:
            fragment = text[a : max(b, a + 1)] or "x"
            size = rng.choice((limit // 50, limit // 10, limit // 2, limit))
            return (fragment * (size // len(fragment) + 1))[:size]
        return text
    if op == 12:  # whitespace collapsed or multiplied
        return text.replace(" ", "" if rng.random() < 0.5 else " " * rng.randint(2, 40))
    # a word repeated many times (a list of figures, many claims in one sentence)
    words = text[a:b].split() or ["5"]
    word = rng.choice(words)
    times = rng.choice((10, 50, 100)) if rng.random() < 0.95 else rng.choice((1000, 5000))
    return text[:a] + (" " + word) * times + text[a:]


def mutated(rng: random.Random, seeds: list[str], others: list[str], limit: int) -> str:
    if rng.random() < 0.04:  # random text alone
        size = int(rng.expovariate(1 / 300))
        pool = rng.choice(
            (ODD, "0123456789 ,.-", "".join(map(chr, range(0x400, 0x460))) + " 0123.")
        )
        return "".join(rng.choice(pool) for _ in range(size))
    text = rng.choice(seeds)
    for _ in range(rng.choice((1, 1, 2, 3, 4, 8))):
        text = mutate(rng, text, others, limit)
        if len(text) > limit * 2:
            text = text[: limit * 2]
    return text


# -- targets -------------------------------------------------------------------------------


class Escape(Exception):
    """An invariant broken without an exception (a span outside its text)."""


@dataclass
class Target:
    name: str
    make: Callable[[random.Random], Any]
    run: Callable[[Any], None]


#: Largest input made (``smoke`` lowers it: the suite's short run keeps to small inputs).
SIZE = {"most": 0}


def _limit() -> int:
    from skyledger.extract.limits import MAX_DOCUMENT_CHARS

    return SIZE["most"] or MAX_DOCUMENT_CHARS


def _check_extraction(doc: Any, extraction: Any) -> None:
    for claim in extraction.claims:
        for span in claim.spans:
            text = doc.title or "" if span.field == "title" else doc.text
            if not 0 <= span.start <= span.end <= len(text):
                raise Escape(f"span {span.start}-{span.end} outside a text of {len(text)}")


def _extract_target(lang: str) -> Target:
    from datetime import UTC, datetime

    from skyledger.extract import extract_document
    from skyledger.extract.limits import DocumentTooLarge
    from skyledger.models import Document

    texts = seed_texts()
    others = [t for key, group in texts.items() if key != lang for t in group]
    limit = _limit()
    published = datetime(2025, 6, 1, 9, 0, tzinfo=UTC)

    def make(rng: random.Random) -> Any:
        text = mutated(rng, texts[lang], others, limit)
        title = mutated(rng, texts[lang], others, 200)[:300] if rng.random() < 0.2 else None
        return {"text": text, "title": title, "medium": rng.choice(("telegram", "news", "text"))}

    def run(case: Any) -> None:
        doc = Document(
            id="fuzz",
            lang=lang,
            text=case["text"],
            title=case["title"],
            medium=case["medium"],
            published_at=published,
        )
        try:
            extraction = extract_document(doc)
        except DocumentTooLarge:
            return
        _check_extraction(doc, extraction)

    return Target(f"extract-{lang}", make, run)


def _markup_seeds(rng: random.Random, seed: str, limit: int) -> str:
    texts = seed_texts()
    others = [t for group in texts.values() for t in group]
    text = seed
    for _ in range(rng.choice((1, 2, 3, 5))):
        op = rng.random()
        if op < 0.15:  # deep tags
            tag = rng.choice(("div", "p", "b", "span", "table", "li", "script"))
            depth = rng.choice((100, 1000, 10000))
            at = rng.randrange(len(text) + 1)
            text = text[:at] + f"<{tag}>" * depth + "5 дронів" + f"</{tag}>" * depth + text[at:]
        elif op < 0.3:  # deep JSON-LD
            depth = rng.choice((100, 1000, 5000, 100000))
            inner = rng.choice(("[", '{"@graph":'))
            close = "]" if inner == "[" else "}"
            ld = inner * depth + '{"headline":"x"}' + close * rng.choice((depth, 0, depth // 2))
            block = f'<script type="application/ld+json">{ld}</script>'
            at = text.find("</head>")
            text = text[: max(at, 0)] + block + text[max(at, 0) :]
        else:
            text = mutate(rng, text, others, limit)
    return text


def _reader_targets() -> list[Target]:
    """The saved page, Telegram preview page and feed readers, through ``read_markup`` as
    ``ingest`` calls them (a ``ReadError`` is the reader's failure with a reason)."""
    from skyledger.errors import ReadError
    from skyledger.sources.markup import read_markup

    limit = _limit()
    page = (SEEDS / "page.html").read_text(encoding="utf-8")
    channel = (SEEDS / "channel.html").read_text(encoding="utf-8")
    feed = (SEEDS / "feed.xml").read_text(encoding="utf-8")

    def reader(kind: str) -> Callable[[str], None]:
        path = Path(f"saved.{kind}")

        def run(text: str) -> None:
            try:
                for _ in read_markup(path, kind, text):
                    pass
            except ReadError:
                return

        return run

    return [
        Target("read-html", lambda rng: _markup_seeds(rng, page, limit), reader("html")),
        Target(
            "read-telegram-web",
            lambda rng: _markup_seeds(rng, channel, limit),
            reader("telegram_web"),
        ),
        Target("read-feed", lambda rng: _markup_seeds(rng, feed, limit), reader("feed")),
        *_file_targets(),
    ]


def _json_value(rng: random.Random, depth: int = 0) -> Any:
    choice = rng.randrange(9 if depth < 3 else 6)
    if choice == 0:
        return None
    if choice == 1:
        return rng.choice((True, False))
    if choice == 2:
        return rng.choice((0, -1, 2**31, 2**63, 10**30, 1.5, float("1e308")))
    if choice == 3:
        return rng.choice(("", "x", "2025-13-45T99:99", "1765005300", "99999999999999", "\ud800"))
    if choice == 4:
        return "9" * rng.choice((10, 100, 5000))
    if choice == 5:
        return rng.choice(seed_texts()["uk"])[: rng.randint(0, 500)]
    if choice == 6:
        return [_json_value(rng, depth + 1) for _ in range(rng.randint(0, 4))]
    if choice == 7:
        return {rng.choice(("text", "type", "id", "x")): _json_value(rng, depth + 1)}
    return rng.choice(("message", "service", {"type": "bold"}))


def _dump(rng: random.Random, value: Any) -> str:
    text = json.dumps(value, ensure_ascii=rng.random() < 0.3)
    if rng.random() < 0.3:  # raw damage: numbers too long for int(), deep nesting, cuts
        op = rng.randrange(4)
        at = rng.randrange(len(text) + 1)
        if op == 0:
            text = text[:at]
        elif op == 1:
            text = text.replace(": 1", ": " + "1" * rng.choice((5000, 100000)), 1)
        elif op == 2:
            depth = rng.choice((1000, 100000))
            text = text.replace('"text": ', '"text": ' + "[" * depth, 1) + "]" * depth
        else:
            others = [t for g in seed_texts().values() for t in g]
            text = mutate(rng, text, others, _limit())
    return text


def _file_targets() -> list[Target]:
    from skyledger.errors import ReadError
    from skyledger.sources.corpus_jsonl import read_corpus
    from skyledger.sources.telegram_export import read_telegram_export
    from skyledger.sources.text import text_document

    folder = Path(tempfile.mkdtemp(prefix="skyledger-fuzz-"))
    texts = seed_texts()
    everything = [t for group in texts.values() for t in group]
    limit = _limit()

    def corpus(rng: random.Random) -> str:
        lines = []
        for n in range(rng.randint(1, 4)):
            doc: dict[str, Any] = {
                "id": f"d{n}",
                "source": "s",
                "medium": "telegram",
                "published_at": "2025-03-09T08:10:00+02:00",
                "lang": rng.choice(("uk", "en", "ru")),
                "text": rng.choice(everything),
            }
            for _ in range(rng.randint(0, 3)):
                key = rng.choice([*doc, "title", "url", "extra"])
                doc[key] = _json_value(rng)
            lines.append(_dump(rng, doc))
        return "\n".join(lines)

    def export(rng: random.Random) -> str:
        messages: list[Any] = []
        for n in range(rng.randint(1, 5)):
            message: dict[str, Any] = {
                "id": n,
                "type": "message",
                "date": "2025-12-06T09:15:00",
                "date_unixtime": "1765005300",
                "text": rng.choice(everything)[:400],
            }
            for _ in range(rng.randint(0, 3)):
                key = rng.choice([*message, "edited", "edited_unixtime", "forwarded_from"])
                message[key] = _json_value(rng)
            messages.append(message if rng.random() < 0.95 else _json_value(rng))
        top: dict[str, Any] = {"name": "Канал", "type": "public_channel", "messages": messages}
        if rng.random() < 0.2:
            top[rng.choice(("username", "name", "messages"))] = _json_value(rng)
        return _dump(rng, top)

    def in_file(suffix: str, read: Callable[[Path], Any]) -> Callable[[str], None]:
        path = folder / f"case{suffix}"

        def run(text: str) -> None:
            path.write_text(text, encoding="utf-8", errors="surrogatepass")
            try:
                for _ in read(path):
                    pass
            except ReadError:
                return

        return run

    def plain(rng: random.Random) -> str:
        return mutated(rng, everything, everything, limit)

    def run_text(text: str) -> None:
        with contextlib.suppress(ReadError):  # an empty text: the reader's own failure
            text_document(folder / "report.txt", text)

    return [
        Target("read-corpus", corpus, in_file(".jsonl", read_corpus)),
        Target("read-telegram-export", export, in_file(".json", read_telegram_export)),
        Target("read-text", plain, run_text),
    ]


def _api_target() -> Target:
    from fastapi.testclient import TestClient

    from skyledger.api import create_app

    folder = Path(tempfile.mkdtemp(prefix="skyledger-fuzz-api-"))
    os.environ["SKYLEDGER_API_TOKEN"] = "fuzz-token"
    app = create_app(f"sqlite:///{folder / 'api.db'}")
    app.state.lock_wait = 1.0
    client = TestClient(app, raise_server_exceptions=False)
    headers = {"Authorization": "Bearer fuzz-token", "Content-Type": "application/json"}
    texts = [t for group in seed_texts().values() for t in group]

    def make(rng: random.Random) -> str:
        body: dict[str, Any] = {
            "id": f"api-{rng.randrange(50)}",
            "lang": rng.choice(("uk", "en", "ru")),
            "published_at": "2025-03-09T08:10:00+02:00",
            "text": mutated(rng, texts, texts, 200_000),
        }
        for _ in range(rng.randint(0, 3)):
            key = rng.choice([*body, "url", "title", "source", "medium", "content_hash", "x"])
            body[key] = _json_value(rng)
        return _dump(rng, body)

    def run(body: str) -> None:
        answer = client.post(
            "/api/documents", content=body.encode("utf-8", "surrogatepass"), headers=headers
        )
        if answer.status_code >= 500 and answer.status_code != 503:
            raise Escape(f"HTTP {answer.status_code}: {answer.text[:300]}")

    return Target("api-post", make, run)


def build_target(name: str) -> Target:
    name = base_name(name)
    if name.startswith("extract-"):
        return _extract_target(name.removeprefix("extract-"))
    if name == "api-post":
        return _api_target()
    return next(t for t in _reader_targets() if t.name == name)


def base_name(key: str) -> str:
    """The target a lane ("extract-uk@150000": its cases from 150,000 on) belongs to."""
    return key.split("@", 1)[0]


def lanes(tallies: dict[str, Tally], goals: dict[str, int], count: int) -> None:
    """Split each target's cases still to run into ``count`` lanes of consecutive cases, each
    run by a worker of its own, so that the last targets of a run keep every job busy; a
    resumed run keeps the lanes its state holds, each lane ending at the run's goal at the
    latest (``--resume --cases 1 --retime`` runs no more cases)."""
    for name in [k for k in goals if "@" not in k]:
        total = goals[name]
        starts = sorted(int(k.split("@")[1]) for k in tallies if base_name(k) == name and "@" in k)
        if not starts and count > 1:
            left = goals[name] - tallies[name].next_index
            size = -(-left // count)
            if size >= CHUNK:
                starts = [tallies[name].next_index + i * size for i in range(1, count)]
                for start in starts:
                    tallies[f"{name}@{start}"] = Tally(next_index=start)
        keys = [name, *(f"{name}@{start}" for start in starts)]
        for key, end in zip(keys, [*starts, total], strict=True):
            goals[key] = max(tallies[key].next_index, min(end, total))


def by_target(tallies: dict[str, Tally]) -> dict[str, Tally]:
    """Each target's tally with its lanes' added."""
    out: dict[str, Tally] = {}
    for key, tally in tallies.items():
        total = out.setdefault(base_name(key), Tally())
        merge(total, asdict(tally))
    return out


def case_input(target: Target, index: int) -> Any:
    return target.make(random.Random(f"{target.name}:{index}"))


def case_size(case: Any) -> int:
    if isinstance(case, dict):
        return sum(len(v) for v in case.values() if isinstance(v, str))
    return len(case)


# -- running -------------------------------------------------------------------------------


@dataclass
class Tally:
    cases: int = 0
    next_index: int = 0
    escapes: int = 0
    hangs: int = 0
    deaths: int = 0
    over_1s_per_100kb: int = 0
    slowest_per_100kb: float = 0.0
    slowest_case: str = ""
    slowest_size: int = 0
    #: The slowest cases per 100 KB, as [seconds per 100 KB, "target:N", size], slowest first
    #: (``--retime`` runs each again alone: timings under load are the machine's, not ours).
    slowest: list[list[Any]] = field(default_factory=list)
    peak_rss_mb: float = 0.0
    kinds: dict[str, int] = field(default_factory=dict)


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _save(out: Path, name: str, index: int, case: Any, what: str) -> None:
    folder = out / "found"
    folder.mkdir(parents=True, exist_ok=True)
    payload = {"target": name, "index": index, "what": what, "case": case}
    text = json.dumps(payload, ensure_ascii=False)
    (folder / f"{name}-{index}.json").write_text(text, encoding="utf-8", errors="surrogatepass")


def worker(name: str, start: int, stop: int, out: str, progress: Any, queue: Any) -> None:
    """Run cases ``start``..``stop`` of one target; report each finished chunk."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # the supervisor's handler is not ours
    target = build_target(name)
    chunk = Tally()
    last_send = time.monotonic()
    for index in range(start, stop):
        progress.value = index
        case = case_input(target, index)
        began = time.perf_counter()
        try:
            target.run(case)
            failed = None
        except BaseException as exc:  # everything that leaves the target counts
            if isinstance(exc, KeyboardInterrupt):
                raise
            failed = f"{type(exc).__name__}: {str(exc)[:300]}"
            detail = traceback.format_exc(limit=-4)
        elapsed = time.perf_counter() - began
        chunk.cases += 1
        chunk.next_index = index + 1
        if failed is not None:
            chunk.escapes += 1
            kind = failed.split(":", 1)[0]
            chunk.kinds[kind] = chunk.kinds.get(kind, 0) + 1
            _save(Path(out), name, index, case, failed + "\n" + detail)
        size = case_size(case)
        per = elapsed * KB100 / max(size, KB100)
        if per > 1.0:
            chunk.over_1s_per_100kb += 1
        if per > chunk.slowest_per_100kb:
            chunk.slowest_per_100kb, chunk.slowest_case = per, f"{name}:{index}"
            chunk.slowest_size = size
        _keep_slowest(chunk.slowest, [[per, f"{name}:{index}", size]])
        if time.monotonic() - last_send > 2 or index + 1 == stop:
            chunk.peak_rss_mb = _rss_mb()
            queue.put((name, asdict(chunk)))
            chunk = Tally()
            last_send = time.monotonic()


#: Slow cases each target keeps for ``--retime``.
KEEP_SLOWEST = 8


def _keep_slowest(kept: list[list[Any]], more: list[list[Any]]) -> None:
    if len(kept) == KEEP_SLOWEST and len(more) == 1 and more[0][0] <= kept[-1][0]:
        return
    kept.extend(more)
    kept.sort(key=lambda row: -row[0])
    del kept[KEEP_SLOWEST:]


def merge(total: Tally, part: dict[str, Any]) -> None:
    total.cases += part["cases"]
    total.next_index = max(total.next_index, part["next_index"])
    for key in ("escapes", "hangs", "deaths", "over_1s_per_100kb"):
        setattr(total, key, getattr(total, key) + part[key])
    if part["slowest_per_100kb"] > total.slowest_per_100kb:
        total.slowest_per_100kb = part["slowest_per_100kb"]
        total.slowest_case, total.slowest_size = part["slowest_case"], part["slowest_size"]
    total.peak_rss_mb = max(total.peak_rss_mb, part["peak_rss_mb"])
    _keep_slowest(total.slowest, part.get("slowest", []))
    for kind, n in part["kinds"].items():
        total.kinds[kind] = total.kinds.get(kind, 0) + n


def quotas(cases: int, names: list[str]) -> dict[str, int]:
    weight = sum(WEIGHTS[n] for n in names)
    return {n: max(1, round(cases * WEIGHTS[n] / weight)) for n in names}


class Supervisor:
    """Runs each target's cases in a worker process; a worker that hangs is killed and one
    that dies is noted, and the target goes on from the next case."""

    def __init__(self, out: Path, tallies: dict[str, Tally], hang: float) -> None:
        self.out = out
        self.tallies = tallies
        self.hang = hang
        self.ctx = mp.get_context("fork")
        self.queue = self.ctx.Queue()

    def _drain(self) -> None:
        while True:
            try:
                name, part = self.queue.get(timeout=0.05)
            except Exception:
                return
            merge(self.tallies[name], part)

    def run(self, goals: dict[str, int], jobs: int, state: Path) -> None:
        pending = [n for n, goal in goals.items() if self.tallies[n].next_index < goal]
        active: dict[str, tuple[Any, Any, float, int]] = {}
        last_save = time.monotonic()
        while pending or active:
            while pending and len(active) < jobs:
                name = pending.pop(0)
                self._start(name, goals[name], active)
            time.sleep(0.5)
            self._drain()
            for name, (proc, progress, since, seen) in list(active.items()):
                now = time.monotonic()
                if progress.value != seen:
                    active[name] = (proc, progress, now, progress.value)
                    continue
                if proc.is_alive() and now - since > self.hang:
                    proc.kill()
                    proc.join()
                    self._drain()
                    self._lost(name, progress.value, "hang", goals, pending)
                    del active[name]
                elif not proc.is_alive():
                    proc.join()
                    self._drain()
                    del active[name]
                    if proc.exitcode != 0:
                        self._lost(name, progress.value, f"death {proc.exitcode}", goals, pending)
                    elif self.tallies[name].next_index < goals[name]:
                        pending.append(name)
            if time.monotonic() - last_save > 30:
                save_state(state, self.tallies)
                last_save = time.monotonic()
        save_state(state, self.tallies)

    def _start(self, name: str, goal: int, active: dict[str, Any]) -> None:
        start = self.tallies[name].next_index
        progress = self.ctx.Value("q", start)
        args = (name, start, min(goal, start + CHUNK), str(self.out), progress, self.queue)
        proc = self.ctx.Process(target=worker, args=args, daemon=True)
        proc.start()
        active[name] = (proc, progress, time.monotonic(), -1)

    def _lost(
        self, name: str, index: int, what: str, goals: dict[str, int], pending: list[str]
    ) -> None:
        tally = self.tallies[name]
        if what == "hang":
            tally.hangs += 1
        else:
            tally.deaths += 1
        tally.cases += 1
        tally.next_index = index + 1
        case = case_input(build_target(name), index)
        _save(self.out, name, index, case, what)
        print(f"{name}:{index}: {what}", file=sys.stderr)
        if tally.next_index < goals[name]:
            pending.append(name)


def save_state(path: Path, tallies: dict[str, Tally]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {name: asdict(t) for name, t in tallies.items()}
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(data, indent=1), encoding="utf-8")
    tmp.replace(path)


def load_state(path: Path) -> dict[str, Tally]:
    if not path.is_file():
        return {}
    return {name: Tally(**values) for name, values in json.loads(path.read_text()).items()}


def report(tallies: dict[str, Tally], seconds: float) -> None:
    print(
        f"{'target':<22}{'cases':>10}{'escapes':>9}{'hangs':>7}{'deaths':>8}"
        f"{'>1s/100KB':>11}{'slowest s/100KB':>17}{'(size)':>10}{'peak MB':>9}"
    )
    for name, t in tallies.items():
        print(
            f"{name:<22}{t.cases:>10}{t.escapes:>9}{t.hangs:>7}{t.deaths:>8}"
            f"{t.over_1s_per_100kb:>11}{t.slowest_per_100kb:>17.3f}{t.slowest_size:>10}"
            f"{t.peak_rss_mb:>9.0f}"
        )
        if t.kinds:
            print(f"{'':<22}escaped: {t.kinds}")
    total = sum(t.cases for t in tallies.values())
    bad = sum(t.escapes + t.hangs + t.deaths for t in tallies.values())
    print(f"total: {total} cases, {bad} escapes/hangs/deaths, this run {seconds:.0f} s")


def big_pass(names: list[str]) -> None:
    """Inputs at the size limit, each in a fresh process: time and memory it adds."""
    limit = _limit()
    texts = seed_texts()
    ctx = mp.get_context("fork")
    print(f"\ninputs at the size limit ({limit} characters), each in a fresh worker:")
    for name in names:
        if not name.startswith("extract-"):
            continue
        lang = name.removeprefix("extract-")
        for shape in ("repeated report", "one sentence", "digits and words"):
            result = ctx.Queue()
            proc = ctx.Process(target=_big_one, args=(lang, shape, texts, limit, result))
            proc.start()
            proc.join(600)
            if proc.is_alive():
                proc.kill()
                print(f"  {name:<12} {shape:<18} HANG")
                continue
            if proc.exitcode != 0:
                print(f"  {name:<12} {shape:<18} DEATH {proc.exitcode}")
                continue
            seconds, base, peak, claims = result.get()
            print(
                f"  {name:<12} {shape:<18} {seconds:7.2f} s ({seconds * KB100 / limit:.3f} s/100KB)"
                f"  rss {base:.0f} → {peak:.0f} MB  claims {claims}"
            )


def _big_one(lang: str, shape: str, texts: dict[str, list[str]], limit: int, result: Any) -> None:
    from skyledger.extract import extract_document
    from skyledger.models import Document

    seed = max(texts[lang], key=len)
    if shape == "one sentence":
        seed = seed.replace(".", ",").replace("\n", " ") + " "
    elif shape == "digits and words":
        seed = "5 12 100 " + " ".join(seed.split()[:20]) + " "
    text = (seed * (limit // len(seed) + 1))[:limit]
    extract_document(Document(id="warm", lang=lang, text=texts[lang][0]))
    base = _rss_mb()
    began = time.perf_counter()
    extraction = extract_document(Document(id="big", lang=lang, text=text))
    line_bytes = sum(len(c.model_dump_json()) for c in extraction.claims)
    seconds = time.perf_counter() - began
    del line_bytes
    result.put((seconds, base, _rss_mb(), len(extraction.claims)))


def warm(names: list[str]) -> None:
    """Load the grammars and readers once, so that each worker forked from here starts at
    once (the API's app is made in its worker: it starts threads)."""
    for name in names:
        if name != "api-post":
            target = build_target(name)
            with contextlib.suppress(Exception):
                target.run(case_input(target, 0))


def smoke(cases: int, most: int = 20_000, names: list[str] | None = None) -> list[str]:
    """A short run in this process (the test suite's): ``cases`` cases of each target with
    inputs of at most ``most`` characters; the escapes found, as "target:N: error"."""
    SIZE["most"] = most
    found = []
    try:
        for name in names or [n for n in WEIGHTS if n != "api-post"]:
            target = build_target(name)
            for index in range(cases):
                case = case_input(target, index)
                try:
                    target.run(case)
                except Exception as exc:
                    found.append(f"{name}:{index}: {type(exc).__name__}: {str(exc)[:200]}")
    finally:
        SIZE["most"] = 0
    return found


def retime(tallies: dict[str, Tally]) -> None:
    """Each target's slowest cases run again here, alone (a fuzz run shares the machine, and
    its timings with it), each in a fresh worker forked from this warm process, timed by the
    worker's CPU time."""
    print("\nslowest cases of each target, run again alone:")
    ctx = mp.get_context("fork")
    for name, tally in tallies.items():
        rows = tally.slowest or (
            [[tally.slowest_per_100kb, tally.slowest_case, tally.slowest_size]]
            if tally.slowest_case
            else []
        )
        if not rows:
            continue
        alone = []
        for _per, spec, _size in rows:
            result = ctx.Queue()
            proc = ctx.Process(target=_time_one, args=(spec, result))
            proc.start()
            proc.join(600)
            if proc.is_alive():
                proc.kill()
                alone.append((float("inf"), spec, 0))
                continue
            seconds, size = result.get()
            alone.append((seconds * KB100 / max(size, KB100), spec, size))
        per, spec, size = max(alone)
        loaded = rows[0][0]
        print(
            f"  {name:<22} slowest of {len(rows)} alone: {spec:<26} {size:>9} chars"
            f" {per:6.3f} s/100KB  (under load: {loaded:.3f})"
        )


def _time_one(spec: str, result: Any) -> None:
    name, _, index = spec.rpartition(":")
    target = build_target(name)
    with contextlib.suppress(Exception):
        target.run(case_input(target, 0))  # warm: the grammar's first use loads its data
    case = case_input(target, int(index))
    began = time.process_time()  # CPU time: the worker's own, whatever else the machine runs
    with contextlib.suppress(Exception):
        target.run(case)
    result.put((time.process_time() - began, case_size(case)))


def show(spec: str) -> None:
    name, _, index = spec.partition(":")
    case = case_input(build_target(name), int(index))
    print(json.dumps(case, ensure_ascii=False)[:5000])


def main() -> None:
    warnings.filterwarnings("ignore", message="Using `httpx`")  # the API target's test client
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=20_000, help="cases in all (all targets)")
    parser.add_argument("--targets", default=",".join(WEIGHTS), help="comma-separated targets")
    parser.add_argument("--jobs", type=int, default=1, help="workers run at once")
    parser.add_argument(
        "--lanes",
        type=int,
        default=1,
        help="split each target's cases into this many lanes, each a worker of its own (so the "
        "last, slowest target does not leave jobs idle)",
    )
    parser.add_argument("--hang", type=float, default=120.0, help="seconds before a case hangs")
    parser.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "skyledger-fuzz")
    parser.add_argument("--resume", action="store_true", help="go on from the saved state")
    parser.add_argument("--big", action="store_true", help="add inputs at the size limit")
    parser.add_argument("--show", help="print the input of TARGET:N")
    parser.add_argument(
        "--retime", action="store_true", help="run each target's slowest cases again alone"
    )
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    if args.show:
        show(args.show)
        return
    names = [n.strip() for n in args.targets.split(",") if n.strip()]
    unknown = [n for n in names if n not in WEIGHTS]
    if unknown:
        parser.error(f"unknown target(s): {', '.join(unknown)}; known: {', '.join(WEIGHTS)}")
    state = args.out / "state.json"
    saved = load_state(state) if args.resume else {}
    tallies = {n: saved.get(n, Tally()) for n in names}
    tallies.update({k: t for k, t in saved.items() if "@" in k and base_name(k) in names})
    goals = quotas(args.cases, names)
    if args.resume:  # --cases is the total to reach, counting the cases already run
        goals = {n: max(goals[n], tallies[n].next_index) for n in names}
    lanes(tallies, goals, args.lanes)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    warm(names)
    began = time.monotonic()
    try:
        Supervisor(args.out, tallies, args.hang).run(goals, args.jobs, state)
    finally:
        save_state(state, tallies)
        report(by_target(tallies), time.monotonic() - began)
        print(f"state and found inputs: {args.out}")
    if args.retime:
        retime(by_target(tallies))
    if args.big:
        big_pass(names)


if __name__ == "__main__":
    main()
