"""Events and sets: infrastructure, nuclear safety, talks, calls, frontline, counter-claims,
places hit, launch areas and claimants (hand-written sentences)."""

from __future__ import annotations

import pytest
from en_helpers import facts

SET_CASES: list[tuple[str, str, str, set[str]]] = [
    (
        "metro station and bridge are transport",
        "infrastructure",
        "Debris damaged a metro station in Kharkiv, and a bridge near Zaporizhzhia was struck.",
        {"transport"},
    ),
    (
        "apartments without power are an outage",
        "infrastructure",
        "Strikes hit energy and water facilities in Kyiv, leaving 200,000 apartments without "
        "power.",
        {"energy", "water"},
    ),
    (
        "the landmark near the strike survived",
        "infrastructure",
        "A missile struck near the Paton bridge (the bridge itself survived).",
        set(),
    ),
    (
        "debris on a house",
        "infrastructure",
        "A man was hurt when debris fell on a private house in Brovary.",
        {"residential"},
    ),
    (
        "a locating place is not hit",
        "places_hit",
        "A missile hit a warehouse in Boryspil, east of Kyiv, officials said.",
        {"Boryspil"},
    ),
    (
        "a dam names a river, not a place hit",
        "places_hit",
        "Russian missiles struck the Dnipro dam and Kharkiv overnight.",
        {"Kharkiv"},
    ),
    (
        "a place only near the damage is no place hit (CONVENTIONS, More news rules)",
        "places_hit",
        "Power lines were damaged near Fastiv, the grid operator said.",
        set(),
    ),
    (
        "near the capital is the capital's region",
        "places_hit",
        "A woman was killed near the capital, Kyiv, when debris hit her house.",
        {"Kyiv Oblast"},
    ),
    (
        "a Kyiv district is Kyiv",
        "places_hit",
        "Debris damaged a kindergarten in the Obolonskyi district, the city administration said.",
        {"Kyiv"},
    ),
    (
        "strikes reported in regions",
        "places_hit",
        "Strikes were also reported in the Sumy and Poltava regions.",
        {"Sumy Oblast", "Poltava Oblast"},
    ),
    (
        "Moscow's defence ministry: counterclaim",
        "event_types",
        "Moscow's defence ministry said it had struck military airfields in response to "
        "Ukrainian attacks on Russian territory.",
        {"counterclaim"},
    ),
    (
        "all assigned targets",
        "event_types",
        "Russia's Ministry of Defence said it had hit all assigned targets.",
        {"counterclaim"},
    ),
    (
        "a response to Ukraine's attacks",
        "event_types",
        "Kremlin spokesman Dmitry Peskov said the strikes were a response to Ukrainian attacks.",
        {"counterclaim"},
    ),
    (
        "Moscow's word on Ukrainian drones over Russia is set aside",
        "event_types",
        "Russia's defence ministry said Ukrainian drones attacked the Bryansk region overnight.",
        set(),
    ),
    (
        "a denial is a counterclaim",
        "event_types",
        "Russia's defence ministry denied striking civilian sites.",
        {"counterclaim"},
    ),
    (
        "recaptured villages are frontline",
        "event_types",
        "Russian forces pressed their counteroffensive in the Kursk region and recaptured two "
        "villages, the general staff said.",
        {"frontline"},
    ),
    (
        "how a plant came to be held is not frontline",
        "event_types",
        "The Zaporizhzhia nuclear plant lost power for the seventh time since Russian troops "
        "seized the site, the IAEA said.",
        {"nuclear_safety"},
    ),
    (
        "ground assault groups are no air attack",
        "event_types",
        "Small Russian assault groups tried to infiltrate the town, a brigade spokesman said.",
        set(),
    ),
    (
        "losing a 750 kV line at the plant is nuclear safety",
        "event_types",
        "The Zaporizhzhia nuclear plant lost its main 750 kV line overnight, the IAEA said.",
        {"nuclear_safety"},
    ),
    (
        "spoken by phone is a call",
        "event_types",
        "The strike came hours after Trump said he had spoken by phone with Putin.",
        {"call"},
    ),
    (
        "energy and homes",
        "infrastructure",
        "Russian drones damaged a thermal power plant and several apartment buildings in Kharkiv, "
        "the mayor said.",
        {"energy", "residential"},
    ),
    (
        "rail",
        "infrastructure",
        "A missile struck a railway station in Kovel, Ukrzaliznytsia said.",
        {"rail"},
    ),
    (
        "gas and port",
        "infrastructure",
        "The attack targeted gas production facilities and port infrastructure near Odesa.",
        {"gas", "port"},
    ),
    (
        "outage alone adds nothing",
        "infrastructure",
        "Parts of the city were left without water and heating after the attack.",
        set(),
    ),
    (
        "hospital and school",
        "infrastructure",
        "A drone hit a hospital and damaged a school in Sumy, officials said.",
        {"medical", "education"},
    ),
    (
        "places: list of regions",
        "places_hit",
        "The Lviv, Volyn and Rivne regions came under attack, the governors said.",
        {"Lviv Oblast", "Volyn Oblast", "Rivne Oblast"},
    ),
    (
        "places: city and its region",
        "places_hit",
        "A drone hit a warehouse in the town of Bila Tserkva, Kyiv Oblast.",
        {"Bila Tserkva", "Kyiv Oblast"},
    ),
    (
        "places: shot down over is not hit",
        "places_hit",
        "Drones were shot down over the Poltava and Chernihiv regions, the air force said.",
        set(),
    ),
    (
        "places: spellings",
        "places_hit",
        "Missiles struck Kiev and Odessa, while a strike damaged homes in Zaporozhye.",
        {"Kyiv", "Odesa", "Zaporizhzhia"},
    ),
    (
        "places: an official's title is not a place",
        "places_hit",
        "Kharkiv Mayor Ihor Terekhov said a strike damaged homes in Chuhuiv.",
        {"Chuhuiv"},
    ),
    (
        "places: possessive title, the Ukrainian capital",
        "places_hit",
        "Kyiv's mayor said drones damaged homes in the Ukrainian capital and in Brovary.",
        {"Kyiv", "Brovary"},
    ),
    (
        "launch areas",
        "launch_areas",
        "Drones were launched from the directions of Kursk, Millerovo and Primorsko-Akhtarsk, "
        "and missiles from the Black Sea.",
        {"Kursk", "Millerovo", "Primorsko-Akhtarsk", "Black Sea"},
    ),
    (
        "talks",
        "event_types",
        "Ukrainian and Russian delegations met for two hours in Istanbul, Umerov said.",
        {"talks"},
    ),
    (
        "passing mention of peace efforts is not talks",
        "event_types",
        "The strike came as peace efforts stalled.",
        set(),
    ),
    (
        "call",
        "event_types",
        "Zelenskyy said he held a phone call with the US president on Sunday.",
        {"call"},
    ),
    (
        "frontline",
        "event_types",
        "Russian troops are closing in on Kostiantynivka, the General Staff said.",
        {"frontline"},
    ),
    (
        "counterclaim",
        "event_types",
        "Russia's Defence Ministry said its forces carried out a massive strike on military "
        "airfields and that all targets were hit.",
        {"counterclaim"},
    ),
    (
        "the Kremlin's word on the strike",
        "event_types",
        "The Kremlin said its forces had struck a gathering of Ukrainian officers in Sumy.",
        {"counterclaim"},
    ),
    (
        "Moscow blaming Kyiv is no counterclaim",
        "event_types",
        "Zakharova said Ukrainian forces carried out drone attacks on the plant.",
        set(),
    ),
    (
        "nuclear plant power loss",
        "event_types",
        "The Zaporizhzhia nuclear plant lost off-site power for seven hours and ran on diesel "
        "generators, the IAEA said.",
        {"nuclear_safety"},
    ),
    (
        "claimants",
        "claimants",
        "Russia launched 50 drones, the air force said. The Kremlin said talks were useful. "
        "Grossi said the Zaporizhzhia plant lost external power.",
        {"ua_air_force", "ru_officials", "iaea"},
    ),
    (
        "a foreign minister is no claimant",
        "claimants",
        "British Foreign Secretary David Lammy said the talks in Geneva were constructive.",
        set(),
    ),
]


@pytest.mark.parametrize(("name", "set_name", "text", "expected"), SET_CASES,
                         ids=[c[0] for c in SET_CASES])  # fmt: skip
def test_sets(name: str, set_name: str, text: str, expected: set[str]) -> None:
    got = facts(text).sets[set_name]
    if set_name == "event_types":
        got &= {"talks", "call", "frontline", "counterclaim", "nuclear_safety"}
    assert got == expected


CLAIMANT_CASES: list[tuple[str, str, set[str]]] = [
    (
        "two speakers in one sentence, two counterclaims",
        "The Kremlin called the strikes revenge, and Russia's defence ministry said all designated "
        "targets had been hit.",
        {"ru_officials", "ru_mod"},
    ),
    (
        "a clause's own speaker",
        "Kyiv's military said the town was nearly encircled, while Russia's defence ministry "
        "claimed to have captured two villages.",
        {"ua_officials", "ru_mod"},
    ),
    (
        "the plant's Russian-installed management",
        "The Zaporizhzhia nuclear plant lost external power, the IAEA said. The plant's "
        "Russian-installed management said Ukrainian shelling had cut the line.",
        {"iaea", "ru_officials"},
    ),
    (
        "a second clause according to the IAEA",
        "Missile strikes forced Ukraine's nuclear plants to disconnect, Energoatom said, and the "
        "Zaporizhzhia station switched to diesel generators, according to the IAEA.",
        {"ua_officials", "iaea"},
    ),
    (
        "words on the call",
        "Trump spoke by phone with Putin on Thursday. Kremlin aide Yuri Ushakov said Putin had "
        "told Trump that Russia would pursue its goals. The White House said the call lasted an "
        "hour.",
        {"ru_officials", "us_officials"},
    ),
    (
        "an answer to Moscow's claim",
        "Russia's defence ministry said its missiles had destroyed an air-defence system in Kyiv. "
        "US officials said the system was only slightly damaged.",
        {"ru_mod", "us_officials"},
    ),
    (
        "a foreign leader's reaction is no damage report",
        "Russia launched 50 drones at Kyiv, the air force said. US President Donald Trump said he "
        "was unhappy with the strikes on Kyiv.",
        {"ua_air_force"},
    ),
]


@pytest.mark.parametrize(("name", "text", "expected"), CLAIMANT_CASES,
                         ids=[c[0] for c in CLAIMANT_CASES])  # fmt: skip
def test_claimants(name: str, text: str, expected: set[str]) -> None:
    assert facts(text).sets["claimants"] == expected


def test_nuclear_plant_is_infrastructure_not_place() -> None:
    got = facts("Shelling cut power to the Zaporizhzhia nuclear power plant, the IAEA said.")
    assert got.sets["infrastructure"] == {"nuclear_plant"}
    assert got.sets["places_hit"] == set()
    assert "infrastructure_hit" not in got.sets["event_types"]


def test_plants_named_by_town_are_no_places() -> None:
    got = facts(
        "Strikes on substations forced the Khmelnytskyi and Rivne nuclear power plants to "
        "reduce output, the IAEA said."
    )
    assert got.sets["places_hit"] == set()
    assert "nuclear_safety" in got.sets["event_types"]


def test_plant_hit_without_power_loss() -> None:
    got = facts(
        "A drone struck the training centre of the Zaporizhzhia nuclear power plant, the IAEA "
        "said. The plant's Russian-installed management said Ukraine was behind the strike."
    )
    assert got.sets["infrastructure"] == {"nuclear_plant"}
    assert "nuclear_safety" not in got.sets["event_types"]
    assert got.sets["claimants"] == {"iaea", "ru_officials"}


def test_frontline_place() -> None:
    from en_helpers import read

    claims = read("Russian troops have taken control of Kurakhove, Moscow said.").claims
    assert [c.places for c in claims if c.kind == "frontline"] == [("Kurakhove",)]


def test_talks_statement_names_its_speaker() -> None:
    got = facts(
        "Russian and Ukrainian delegations held talks in Istanbul on Friday. "
        "Kremlin spokesman Dmitry Peskov said no date had been set for the next meeting."
    )
    assert "ru_officials" in got.sets["claimants"]


def test_talks_detail_and_venue() -> None:
    from en_helpers import read

    claims = read("Three days of talks in Jeddah ended without a breakthrough, officials said.")
    talks = [c for c in claims.claims if c.kind == "talks"]
    assert [c.places for c in talks] == [("Jeddah",)]
    assert talks[0].detail is not None and "without a breakthrough" in talks[0].detail
    assert talks[0].claimant == "ua_officials"
