"""Reconciliation: which value an event shows, and when claims conflict."""

from __future__ import annotations

import pytest
from ledger_helpers import at_least, claim, doc, exact

from skyledger.ledger import interception_rate, reconcile_claims, reconcile_event
from skyledger.ledger.facts import document_facts
from skyledger.ledger.reconcile import describe
from skyledger.models import Claim, Document, Extraction, Figure, Quantity, authority

AF = doc("af", "2025-12-06 09:15", "653 БпЛА, 51 ракета, 704 засоби, понад 700, 650, 8, 12, 3.")
NEWS = doc("news", "2025-12-06 12:00", "653 drones, 704, over 700, 650, 8, 12, 3.", "N", "en")


def c(
    value: Quantity | None,
    claimant: str = "ua_air_force",
    kind: str = "launched",
    scope: str | None = "total",
    document: Document = AF,
    derived: bool = False,
) -> Claim:
    return claim(document, kind, scope, value, claimant, words="", derived=derived)


def over(value: int) -> Quantity:
    return Quantity(min=value + 1, wording=f"over {value}")


def about(value: int) -> Quantity:
    return Quantity(approx=value, wording=f"about {value}")


def one(claims: list[Claim]) -> Figure:
    (fig,) = reconcile_event(claims, {"af": AF, "news": NEWS})
    return fig


@pytest.mark.parametrize(
    ("claims", "value", "claimant", "conflict"),
    [
        # "over 700" vs 704 agree; the exact figure wins
        ([c(over(700), "media", document=NEWS), c(exact(704))], 704, "ua_air_force", False),
        # "over 700" vs 650 conflict
        ([c(exact(650)), c(over(700), "media", document=NEWS)], 650, "ua_air_force", True),
        # two exact values differ
        ([c(exact(653), document=NEWS), c(exact(650))], 653, "ua_air_force", True),
        # a stated exact beats a derived sum of one claimant; equal numbers do not conflict
        ([c(exact(704), derived=True), c(exact(704))], 704, "ua_air_force", False),
        # two stated readings in one document by one claimant are alternatives, not a conflict
        ([c(exact(18)), c(exact(6))], 18, "ua_air_force", False),
        # a derived sum that disagrees does conflict
        ([c(exact(700), derived=True), c(exact(704))], 704, "ua_air_force", True),
        # within one claimant an exact figure beats a bound
        ([c(over(700)), c(exact(704), document=NEWS)], 704, "ua_air_force", False),
        # a bound beats nothing of a more authoritative claimant
        ([c(exact(704), "media"), c(over(700))], {"min": 701}, "ua_air_force", False),
        # an approximation agrees within its tolerance
        ([c(about(700), "media"), c(exact(704))], 704, "ua_air_force", False),
        ([c(about(500), "media"), c(exact(704))], 704, "ua_air_force", True),
        # Moscow's number for Ukrainian interceptions ranks last
        ([c(exact(20), "ru_mod", "downed"), c(exact(30), "media", "downed")], 30, "media", True),
    ],
)
def test_value_and_conflict(
    claims: list[Claim], value: object, claimant: str, conflict: bool
) -> None:
    fig = one(claims)
    assert (fig.quantity.gold(), fig.claimant, fig.conflict) == (value, claimant, conflict)
    assert sorted(map(repr, fig.claims)) == sorted(map(repr, claims))


@pytest.mark.parametrize(
    ("kind", "order"),
    [
        ("launched", ["ua_air_force", "ua_officials", "iaea", "media", "ru_mod"]),
        ("hit_locations", ["ua_air_force", "ua_officials", "iaea", "media", "ru_mod"]),
        ("killed", ["ua_officials", "ua_air_force", "iaea", "media", "ru_mod"]),
        ("wounded", ["ua_officials", "ua_air_force", "iaea", "media", "ru_mod"]),
        ("nuclear_power_loss", ["iaea", "ua_officials", "ru_officials", "ru_mod"]),
    ],
)
def test_authority_per_measure(kind: str, order: list[str]) -> None:
    ranks = [authority(kind, claimant) for claimant in order]
    assert ranks == sorted(ranks) and len(set(ranks)) == len(ranks)


def test_officials_win_casualties_over_the_air_force() -> None:
    claims = [
        c(exact(3), "ua_air_force", "killed", None),
        c(exact(3), "ua_officials", "killed", None),
    ]
    fig = one(claims)
    assert fig.claimant == "ua_officials" and not fig.conflict


@pytest.mark.parametrize(
    ("claimants", "winner"),
    [
        (["ua_air_force", "ua_officials"], "ua_officials"),  # casualties: officials first
        (["ru_mod", "media"], "media"),  # both among the least, in their order
    ],
)
def test_one_documents_facts_rank_claimants_as_the_ledger_does(
    claimants: list[str], winner: str
) -> None:
    claims = [c(exact(n), who, "killed", None) for n, who in enumerate(claimants, start=3)]
    extraction = Extraction(document_id="af", lang="uk", claims=tuple(claims))
    chosen = document_facts(extraction).sources["killed"]
    assert chosen.claimant == one(claims).claimant == winner


def test_unnumbered_claims_stand_beside_the_figure_but_make_none() -> None:
    named = c(None, scope="model:iskander-m")
    assert reconcile_event([named]) == ()
    fig = one([named, c(exact(2), scope="model:iskander-m", document=NEWS)])
    assert fig.quantity.exact == 2 and len(fig.claims) == 2 and not fig.conflict
    fig = one([named, c(exact(2), "media", scope="model:iskander-m", document=NEWS)])
    assert fig.claimant == "media" and fig.claims[0].quantity == fig.quantity


def test_figures_follow_measure_and_scope_order() -> None:
    claims = [
        c(exact(8), "ua_officials", "wounded", None),
        c(exact(30), kind="downed", scope="missiles"),
        c(exact(51), scope="missiles"),
        c(exact(704)),
        c(exact(653), scope="drones"),
    ]
    keys = [f.key for f in reconcile_event(claims)]
    assert keys == [
        "launched.total",
        "launched.drones",
        "launched.missiles",
        "downed.missiles",
        "wounded",
    ]


def test_conflict_lines_name_values_claimants_and_documents() -> None:
    result = reconcile_claims([c(exact(650)), c(over(700), "media", document=NEWS)])
    assert result.conflicts == (
        'launched.total: 650 by ua_air_force [af] vs at least 701 ("over 700") by media [news]',
    )


@pytest.mark.parametrize(
    ("quantity", "text"),
    [
        (exact(653), "653"),
        (at_least(8, "at least eight"), 'at least 8 ("at least eight")'),
        (Quantity(max=100, wording="up to 100"), 'at most 100 ("up to 100")'),
        (Quantity(min=5, max=9), "5–9"),
        (about(140), "about 140"),
        (Quantity(approx=140, wording="близько 140"), 'about 140 ("близько 140")'),
    ],
)
def test_describe(quantity: Quantity, text: str) -> None:
    assert describe(quantity) == text


def figures(**values: Quantity) -> list[Figure]:
    return [
        Figure(key=key.replace("_", "."), quantity=q, claimant="ua_air_force")
        for key, q in values.items()
    ]


@pytest.mark.parametrize(
    ("given", "scope", "rate"),
    [
        (figures(launched_drones=exact(653), downed_drones=exact(585)), "drones", 585 / 653),
        (figures(launched_total=over(700), downed_total=exact(615)), "total", 615 / 701),
        (figures(launched_total=about(700), downed_total=exact(615)), "total", None),
        (figures(launched_total=exact(704)), "total", None),
        (figures(launched_missiles=exact(0), downed_missiles=exact(0)), "missiles", None),
        (figures(launched_total=Quantity(min=1, max=9), downed_total=exact(1)), "total", None),
    ],
)
def test_interception_rate(given: list[Figure], scope: str, rate: float | None) -> None:
    assert interception_rate(given, scope) == (pytest.approx(rate) if rate else None)
