"""The piterfm export states what the ledger holds: each night's rows add up to its launched
and destroyed totals, one row per model, named as the dataset names them; a night whose
figures contradict each other is named, never bent."""

from __future__ import annotations

import csv
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from skyledger.export.compare import compare_nights, ledger_nights, read_reference
from skyledger.export.piterfm import export_piterfm, model_names, rows_and_notes
from skyledger.ingest import ingest
from skyledger.models import Claim, Event, Figure, Quantity, TimeWindow
from skyledger.sources.detect import read_paths
from skyledger.store import queries
from skyledger.store.db import open_store

SHARED = Path(__file__).resolve().parents[3] / "shared"
CORPUS = SHARED / "corpus"
PITERFM = SHARED / "reference" / "piterfm"
KYIV = ZoneInfo("Europe/Kyiv")


def fig(key: str, value: int) -> Figure:
    return Figure(key=key, quantity=Quantity(exact=value), claimant="ua_air_force")


def attack(night: int, *figures: Figure, event_id: int = 1) -> Event:
    window = TimeWindow(
        night=date(2026, 2, night),
        start=datetime(2026, 2, night - 1, 18, 0, tzinfo=KYIV),
        end=datetime(2026, 2, night, 8, 30, tzinfo=KYIV),
    )
    return Event(id=event_id, kind="air_attack", window=window, figures=figures, sources=("d",))


def by_model(rows: list[dict[str, object]]) -> dict[object, tuple[object, object]]:
    return {r["model"]: (r["launched"], r["destroyed"]) for r in rows}


def test_missiles_no_model_accounts_for_go_to_unknown_missile() -> None:
    # the night of 26 February 2026 as the ledger holds it: 459 launched, 406 destroyed
    event = attack(
        26,
        fig("launched.total", 459),
        fig("launched.drones", 420),
        fig("launched.missiles", 39),
        fig("launched.model:ballistic", 11),
        fig("downed.total", 406),
        fig("downed.drones", 374),
        fig("downed.missiles", 32),
    )
    rows, notes = rows_and_notes([event])
    assert not notes
    assert by_model(rows) == {
        "Shahed-136/131": (420, 374),
        "Ballistic Missile": (11, None),
        "Unknown Missile": (28, 32),
    }
    assert sum(r["launched"] or 0 for r in rows) == 459
    assert sum(r["destroyed"] or 0 for r in rows) == 406


def test_models_the_dataset_counts_together_share_one_row() -> None:
    event = attack(
        20,
        fig("launched.missiles", 20),
        fig("launched.model:kh-101", 12),
        fig("launched.model:kh-555", 5),
        fig("launched.model:iskander-m/s-400", 3),
    )
    rows, _ = rows_and_notes([event])
    assert by_model(rows) == {"X-101/X-555": (17, None), "C-400 and Iskander-M": (3, None)}


def test_two_attacks_of_one_night_give_one_row_per_model() -> None:
    first = attack(20, fig("launched.drones", 50), event_id=1)
    second = attack(20, fig("launched.drones", 30), fig("downed.drones", 25), event_id=2)
    rows, _ = rows_and_notes([first, second])
    assert by_model(rows) == {"Shahed-136/131": (80, 25)}


def test_a_missing_part_is_the_rest_of_the_total() -> None:
    event = attack(21, fig("launched.total", 100), fig("launched.missiles", 7))
    rows, _ = rows_and_notes([event])
    assert by_model(rows) == {"Shahed-136/131": (93, None), "Unknown Missile": (7, None)}


def test_drones_of_a_model_with_its_own_row_leave_the_shahed_row() -> None:
    event = attack(22, fig("launched.drones", 90), fig("launched.model:lancet", 6))
    rows, _ = rows_and_notes([event])
    assert by_model(rows) == {"Shahed-136/131": (84, None), "Lancet": (6, None)}


def test_a_class_figure_told_again_beside_its_models_is_not_counted_twice() -> None:
    event = attack(
        23,
        fig("launched.missiles", 8),
        fig("launched.model:cruise", 8),
        fig("launched.model:iskander-k", 8),
    )
    rows, _ = rows_and_notes([event])
    assert by_model(rows) == {"Iskander-K": (8, None)}


@pytest.mark.parametrize(
    ("figures", "reason"),
    [
        (
            (fig("launched.total", 93), fig("launched.drones", 193), fig("launched.missiles", 93)),
            "launched: the parts add up to 286, above 93",
        ),
        ((fig("launched.total", 215),), "launched: a total of 215 with no split by weapon"),
    ],
)
def test_a_night_that_contradicts_itself_is_named_not_bent(
    figures: tuple[Figure, ...], reason: str
) -> None:
    rows, notes = rows_and_notes([attack(13, *figures, event_id=45)])
    assert rows == []
    assert notes == [f"2026-02-13 (event 45) left out: {reason}"]


def test_only_attacks_give_rows() -> None:
    talks = Event(kind="talks", window=TimeWindow(night=date(2026, 2, 1)), places=("Miami",))
    assert rows_and_notes([talks]) == ([], [])


def test_lost_drones_go_to_not_reach_goal() -> None:
    claim = Claim(document_id="d", kind="lost", scope="drones", quantity=Quantity(exact=208))
    event = attack(
        24, fig("launched.drones", 539), fig("downed.drones", 268), fig("lost.drones", 208)
    )
    event = event.model_copy(update={"claims": (claim,)})
    (row,) = rows_and_notes([event])[0]
    assert (row["launched"], row["destroyed"], row["not_reach_goal"]) == (539, 268, 208)


def test_a_row_reads_back_as_its_own_night(tmp_path: Path) -> None:
    late = attack(25, fig("launched.drones", 40))
    window = late.window.model_copy(update={"end": datetime(2026, 2, 25, 19, 0, tzinfo=KYIV)})
    path = tmp_path / "x.csv"
    export_piterfm([late.model_copy(update={"window": window})], path)
    reference, skipped = read_reference(path, source="")
    assert skipped == 0 and list(reference) == [date(2026, 2, 25)]


@pytest.fixture(scope="module")
def real_ledger(tmp_path_factory: pytest.TempPathFactory) -> list[Event]:
    if not CORPUS.is_dir():
        pytest.skip("the shared corpus is absent")
    url = f"sqlite:///{tmp_path_factory.mktemp('real') / 'real.db'}"
    store = open_store(url)
    try:
        paths = sorted(p for p in CORPUS.glob("*.dev.jsonl"))
        ingest(store, read_paths(paths), command="test")
        return queries.list_events(store)
    finally:
        store.close()


def test_every_night_of_the_real_ledger_adds_up(real_ledger: list[Event], tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    written = export_piterfm(real_ledger, path)
    reference, _ = read_reference(path, source="")
    ours = ledger_nights(real_ledger)
    left_out = {n.split(" ", 1)[0] for n in written.notes}
    compared = compare_nights(ours, reference)
    for row in compared.nights:
        if row.night.isoformat() in left_out:
            assert row.reference is None
            continue
        assert set(row.status.values()) <= {"exact", "none"}, row
    # a contradicting night is rare: the ledger's parts above its own total
    assert len(left_out) <= 0.05 * len(ours)
    assert sum(1 for r in compared.nights if r.status["launched"] == "exact") >= 100


def dataset_models() -> set[str]:
    names: set[str] = set()
    for name in ("missile_attacks_daily.csv", "missiles_and_uavs.csv"):
        with (PITERFM / name).open(encoding="utf-8", newline="") as fh:
            names |= {row["model"].strip() for row in csv.DictReader(fh)}
    return names


def test_model_names_are_the_datasets_own(real_ledger: list[Event], tmp_path: Path) -> None:
    if not PITERFM.is_dir():
        pytest.skip("the piterfm dataset is absent")
    known = dataset_models()
    for weapon, name in model_names().items():
        parts = name.split(" and ")
        assert name in known or all(p in known for p in parts), (weapon, name)
    rows, _ = rows_and_notes(real_ledger)
    used = {str(r["model"]) for r in rows}
    assert all(m in known or all(p in known for p in m.split(" and ")) for m in used), used
    for spelled_wrong in ("X-101", "Iskander-M/C-400", "X-22/X-32"):
        assert spelled_wrong not in used
