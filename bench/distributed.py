"""Archive extraction in this process and on a local Dask cluster of 1 and 2 workers.

A mixed archive is written first: war reporting (the bundled sample corpus, and the shared dev
corpora when they are here, repeated with ids of their own) among unrelated articles this
script makes up (sport, weather, cooking, science, culture, in Ukrainian, Russian and English),
``--war-share`` of the documents being war reporting. The same archive then goes through

- the single-process path (``skyledger extract -o`` without ``--workers``),
- a ``LocalCluster`` of 1 worker process and one of 2 (``--workers 1`` / ``--workers 2``),

each writing its Parquet dataset. Both clusters are started and warmed up (grammars
imported, one document of each language extracted) before the clock starts, as a cluster is
started once for a long run; then each round runs the three one after the other, so that the
runs a speed-up compares see the same machine (a shared one has slow spells). Printed:
documents per second, the speed-up over one worker and over the single process, the
pre-filter's skip rate, and whether the claims are the same in every run (if not, the script
says so and exits 1).

On Linux with scheduler autogroups (``/proc/sys/kernel/sched_autogroup_enabled``), the
processes of one terminal session share one slice of a busy machine: while other sessions keep
both cores busy, a second worker gets no more CPU than the first had alone, and the speed-up
shows the machine's load, not Dask's. The ``busy`` and ``load`` columns say when that happened.

    .venv/bin/python bench/distributed.py [--docs 10000] [--war-share 0.3]
        [--partition-size 500] [--rounds 3] [--dask tcp://host:8786]

``--dask`` also measures a running cluster in each round, however many workers it has.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

# This file's name is the name of Dask's package: its folder must not shadow the package.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

import pyarrow.parquet as pq  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "skyledger" / "resources" / "sample"
SHARED = ROOT.parent / "shared" / "corpus"

# Made-up articles about other things: a headline pattern and sentence patterns per language,
# filled with words picked at random (no word of the war lexicons).
OTHER: dict[str, dict[str, list[str]]] = {
    "en": {
        "titles": ["{team} beat {team2} in a close match", "New {thing} opens downtown",
                   "Recipe of the week: {dish}", "Scientists study {topic}",
                   "Festival of {art} returns this summer"],
        "sentences": ["The {team} coach praised the young players after the game.",
                      "Tickets for the {art} festival go on sale on {day}.",
                      "The recipe needs flour, butter and a pinch of salt for the {dish}.",
                      "Researchers said the study of {topic} took six years.",
                      "Rain is expected on {day}, with sunny spells in the afternoon.",
                      "The new {thing} will be open from nine to six every day.",
                      "Local residents welcomed the plan for a bigger {thing}."],
        "team": ["Rovers", "United", "Harbour FC", "the Falcons", "City"],
        "thing": ["library", "museum", "park", "cafe", "bookshop"],
        "dish": ["apple pie", "pumpkin soup", "lemon cake", "mushroom risotto"],
        "topic": ["coral reefs", "bird migration", "old glaciers", "honey bees"],
        "art": ["jazz", "film", "poetry", "street dance"],
        "day": ["Monday", "Thursday", "Saturday"],
    },
    "uk": {
        "titles": ["{team} обіграли {team2}", "У місті відкрили {thing}",
                   "Рецепт тижня: {dish}", "Науковці вивчають {topic}"],
        "sentences": ["Тренер команди {team} похвалив молодих гравців після гри.",
                      "Квитки на фестиваль продаватимуть з {day}.",
                      "Для страви {dish} потрібні борошно, масло і дрібка солі.",
                      "Дослідники розповіли, що вивчали {topic} шість років.",
                      "Синоптики обіцяють дощ у {day} і сонце по обіді.",
                      "Новий {thing} працюватиме щодня з дев'ятої до шостої."],
        "team": ["Карпати", "Ворскла", "Зоря", "Металіст"],
        "thing": ["музей", "парк", "книгарню", "каток"],
        "dish": ["вареники", "борщ", "деруни", "пампушки"],
        "topic": ["бджіл", "перелітних птахів", "коралові рифи"],
        "day": ["понеділок", "четвер", "суботу"],
    },
    "ru": {
        "titles": ["{team} обыграли {team2}", "В городе открыли {thing}",
                   "Рецепт недели: {dish}", "Учёные изучают {topic}"],
        "sentences": ["Тренер команды {team} похвалил молодых игроков после матча.",
                      "Билеты на фестиваль поступят в продажу в {day}.",
                      "Для блюда {dish} нужны мука, масло и щепотка соли.",
                      "Исследователи рассказали, что изучали {topic} шесть лет.",
                      "Синоптики обещают дождь в {day} и солнце после обеда.",
                      "Новый {thing} будет работать каждый день с девяти до шести."],
        "team": ["Спартак", "Зенит", "Локомотив", "Динамо"],
        "thing": ["музей", "парк", "книжный магазин", "каток"],
        "dish": ["блины", "пельмени", "сырники", "окрошка"],
        "topic": ["пчёл", "перелётных птиц", "коралловые рифы"],
        "day": ["понедельник", "четверг", "субботу"],
    },
}  # fmt: skip


def _fill(pattern: str, words: dict[str, list[str]], rng: random.Random) -> str:
    keys = {k: rng.choice(v) for k, v in words.items() if k not in ("titles", "sentences")}
    keys["team2"] = rng.choice(words["team"])
    return pattern.format(**keys)


def other_article(n: int, rng: random.Random) -> dict[str, Any]:
    lang = rng.choice(["en", "en", "uk", "ru"])
    words = OTHER[lang]
    sentences = [
        _fill(rng.choice(words["sentences"]), words, rng) for _ in range(rng.randint(4, 12))
    ]
    return {
        "id": f"other-{n}",
        "source": "bench",
        "medium": "news",
        "published_at": "2025-05-01T10:00:00+03:00",
        "lang": lang,
        "title": _fill(rng.choice(words["titles"]), words, rng),
        "text": " ".join(sentences),
    }


def war_documents() -> list[dict[str, Any]]:
    paths = sorted(SAMPLE.glob("*.jsonl"))
    if SHARED.is_dir():
        paths += [p for p in sorted(SHARED.glob("*.dev.jsonl")) if ".gold." not in p.name]
    docs = []
    for path in paths:
        if path.name.endswith(".gold.jsonl"):
            continue
        docs += [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    return docs


def build(path: Path, count: int, war_share: float, seed: int = 7) -> tuple[int, int]:
    """Write the mixed archive; how many war documents and how many others."""
    rng = random.Random(seed)
    war = war_documents()
    wars = others = 0
    with path.open("w", encoding="utf-8") as fh:
        for n in range(count):
            if rng.random() < war_share:
                doc = dict(war[wars % len(war)], id=f"{war[wars % len(war)]['id']}#{n}")
                wars += 1
            else:
                doc = other_article(n, rng)
                others += 1
            fh.write(json.dumps(doc, ensure_ascii=False) + "\n")
    return wars, others


def warm(client: Any) -> None:
    """Import the grammars and load the resources on every worker."""

    def one() -> int:
        from skyledger.extract import extract_document
        from skyledger.models import Document
        from skyledger.scale.relevance import automaton

        automaton()
        texts = [
            ("uk", "Уночі збито 10 шахедів."),  # the Air Force report grammar
            ("uk", "Мер міста повідомив, що поранено двох людей."),  # the news grammar
            ("en", "Drones attacked Kyiv."),
            ("ru", "Сбито 5 дронов."),
        ]
        return sum(
            len(extract_document(Document(id=k, lang=k, text=t)).claims)  # type: ignore[arg-type]
            for k, t in texts
        )

    client.run(one)


def run(name: str, archive: Path, out: Path, client: Any, size: int) -> dict[str, Any]:
    from skyledger.scale.run import extract_archives

    load = os.getloadavg()[0]
    summary = extract_archives([archive], out, client=client, size=size)
    claims = sorted(pq.read_table(out).column("claim").to_pylist())
    return {"name": name, "summary": summary, "claims": claims, "load": load}


def start(workers: int, stack: contextlib.ExitStack) -> tuple[Any, float]:
    """A warmed-up local cluster of ``workers`` processes, and the seconds that took."""
    from skyledger.scale.run import connect

    began = time.perf_counter()
    client = stack.enter_context(connect(workers=workers))
    client.wait_for_workers(workers, timeout=120)
    warm(client)
    return client, time.perf_counter() - began


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--war-share", type=float, default=0.3)
    parser.add_argument("--partition-size", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=3, help="rounds of the three runs")
    parser.add_argument("--dask", help="also measure the running scheduler at this address")
    args = parser.parse_args()
    with (
        tempfile.TemporaryDirectory(prefix="skyledger-dist-") as tmp,
        contextlib.ExitStack() as stack,
    ):
        folder = Path(tmp)
        archive = folder / "mixed.jsonl"
        wars, others = build(archive, args.docs, args.war_share)
        print(
            f"archive: {args.docs} documents ({wars} war reporting, {others} other), "
            f"partitions of {args.partition_size}; shared corpora "
            f"{'used' if SHARED.is_dir() else 'absent'}"
        )
        from skyledger.extract import extract_document
        from skyledger.models import Document

        extract_document(Document(id="w", text="Збито 3 ракети."))  # imports, not timed
        one, one_start = start(1, stack)
        two, two_start = start(2, stack)
        kinds = [("single process", None), ("1 worker", one), ("2 workers", two)]
        if args.dask:
            from skyledger.scale.run import connect

            remote = stack.enter_context(connect(args.dask))
            warm(remote)
            kinds.append((f"cluster {args.dask}", remote))
        rounds: list[list[dict[str, Any]]] = []
        for n in range(args.rounds):  # each round runs every kind, seconds apart
            out = folder / f"round{n}"
            rounds.append(
                [run(name, archive, out / name, c, args.partition_size) for name, c in kinds]
            )
        return report(rounds, {1: one_start, 2: two_start})


def report(rounds: list[list[dict[str, Any]]], starts: dict[int, float]) -> int:
    """The fastest run of each kind, and the median over rounds of the speed-ups (two runs
    of one round see the same machine)."""
    first = rounds[0][0]["summary"]
    print(
        f"pre-filter: skipped {first.skipped} of {first.documents} documents "
        f"({first.skipped / first.documents:.1%}); claims {first.claims}"
    )
    print(
        f"{'run':<16}{'workers':>8}{'seconds':>9}{'docs/s':>8}{'vs 1 worker':>13}"
        f"{'vs single':>11}{'CPU s':>8}{'busy':>7}{'load':>6}"
    )
    for k in range(len(rounds[0])):
        runs = [r[k] for r in rounds]
        fastest = min(runs, key=lambda r: r["summary"].seconds)
        s = fastest["summary"]
        vs_one = statistics.median(r[k]["summary"].rate / r[1]["summary"].rate for r in rounds)
        vs_single = statistics.median(r[k]["summary"].rate / r[0]["summary"].rate for r in rounds)
        busy = s.cpu / (max(1, s.workers) * s.seconds)
        print(
            f"{fastest['name']:<16}{s.workers:>8}{s.seconds:>9.2f}{s.rate:>8.0f}"
            f"{vs_one:>12.2f}x{vs_single:>10.2f}x{s.cpu:>8.1f}{busy:>7.0%}"
            f"{fastest['load']:>6.1f}"
        )
    print(
        f"seconds and docs/s: the fastest of {len(rounds)} rounds; speed-ups: the median over "
        "the rounds of the ratios within a round; CPU s: CPU seconds of the partitions, "
        "summed over the workers; busy: CPU s over workers × seconds; load: the 1-minute load "
        "average before the run (above the number of cores, other processes took CPU from "
        "the workers)"
    )
    print(
        "cluster start and warm-up (not timed above): "
        + ", ".join(f"{w} worker(s) {t:.1f} s" for w, t in starts.items())
    )
    want = rounds[0][0]["claims"]
    same = all(r["claims"] == want for rnd in rounds for r in rnd)
    print(f"claims identical in every run: {'yes' if same else 'NO'}")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
