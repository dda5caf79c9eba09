"""Toponym resolution: pick the place a name refers to, given what the document says.

A name is looked up in the offline gazetteer (exact main or alternate name after
`normalize_name`); each candidate gets a prior (countries and areas over regions over
cities, capitals, population, a main-name match) plus document context: the countries
and first-level regions of the document's other toponyms (a first pass, leaving each name
out of its own context), the dateline's country (a bonus on top of its share), nearby
candidates of the other names (places named together lie together), and an explicit
qualifier such as "Paris, Texas", which outweighs everything else.

Example:
    >>> resolve_toponym("Paris", context=PlaceContext()).country
    'FRA'
"""

from __future__ import annotations

import logging
import math
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from annales.pipeline.resolve.gazetteer import Gazetteer, GazetteerEntry, distance_km, load_gazetteer, normalize_name
from annales.records import Place

logger = logging.getLogger(__name__)

# Weights of the candidate score. Calibrated by hand and small grid searches on GWN, LGL and
# TR-News (benchmarks/eval_places.py, accuracy@161km per corpus); re-run
# `python benchmarks/eval_places.py --gate` after a change and re-pin with --update-floors if it rose.
FEATURE_PRIOR = {"country": 6.0, "area": 5.5, "a1": 4.0, "a2": -1.0, "city": 0.0}
CAPITAL_BONUS = 5.0
POPULATION_WEIGHT = 0.6  # per decade of population
MAIN_NAME_BONUS = 1.0  # the name is the place's main name, not an alternate spelling
ALTERNATE_PENALTY = 5.0  # "Mexico" is a country before it is an alternate name of Mexico City
BIGGER_BEARER = 10  # a place that bears a name as its own and is this many times as populous beats its alternates
COUNTRY_MENTIONED_BONUS = 0.5
COUNTRY_SHARE_WEIGHT = 4.0  # times the share of the document's toponyms in that country
REGION_MENTIONED_BONUS = 3.0  # the document names the candidate's first-level region
DATELINE_COUNTRY_BONUS = 2.5
QUALIFIER_BONUS = 10.0  # "Paris, Texas": the qualifier names the candidate's region or country
# A region loses to a city of the same name inside it when the city is a capital or holds
# this share of the region's people ("Moscow", "New York"): news means the city.
CITY_OVER_REGION_SHARE = 0.2
PROXIMITY_WEIGHT = 2.5  # per unit of support from nearby candidates of the document's other names
PROXIMITY_CAP = 3.0
PROXIMITY_TEMPERATURE = 3.0  # softmax temperature over prior scores when weighing readings
MIN_READING_SHARE = 0.01  # readings less likely than this lend no support
REGION_CITY_KM = 200.0  # how far a region's centroid may lie from a same-name city that wins over it
# Two best candidates closer than this in score and farther apart than ACCURACY_KM are "ambiguous".
AMBIGUITY_MARGIN = 0.25
ACCURACY_KM = 161.0


# AP-style state abbreviations used in US datelines and qualifiers ("SAN FRANCISCO, Calif.").
US_STATE_ABBREVIATIONS: Mapping[str, str] = MappingProxyType(
    {
        "ala": "Alabama",
        "ariz": "Arizona",
        "ark": "Arkansas",
        "calif": "California",
        "colo": "Colorado",
        "conn": "Connecticut",
        "del": "Delaware",
        "fla": "Florida",
        "ga": "Georgia",
        "ill": "Illinois",
        "ind": "Indiana",
        "kan": "Kansas",
        "ky": "Kentucky",
        "la": "Louisiana",
        "md": "Maryland",
        "mass": "Massachusetts",
        "mich": "Michigan",
        "minn": "Minnesota",
        "miss": "Mississippi",
        "mo": "Missouri",
        "mont": "Montana",
        "neb": "Nebraska",
        "nev": "Nevada",
        "n h": "New Hampshire",
        "n j": "New Jersey",
        "n m": "New Mexico",
        "n y": "New York",
        "n c": "North Carolina",
        "n d": "North Dakota",
        "okla": "Oklahoma",
        "ore": "Oregon",
        "pa": "Pennsylvania",
        "r i": "Rhode Island",
        "s c": "South Carolina",
        "s d": "South Dakota",
        "tenn": "Tennessee",
        "tex": "Texas",
        "vt": "Vermont",
        "va": "Virginia",
        "wash": "Washington",
        "w va": "West Virginia",
        "wis": "Wisconsin",
        "wyo": "Wyoming",
        "d c": "District of Columbia",
    }
)


@dataclass(frozen=True, slots=True)
class PlaceContext:
    """What a document says about where it is, used to rank candidates.

    Args:
        countries: ISO alpha-3 -> how often the document's toponyms fall in that country.
        regions: "USA.TX"-style first-level region keys -> mentions.
        dateline_country: the dateline's country (alpha-3), weighed most.
        cells: 1-degree cells (floor lat, floor lon) -> the normalised names of the document that
            have a city or region candidate there, with a weight (1/sqrt of their candidates):
            places named together tend to lie together ("Paris" and "Henry County", Tennessee).
        own: normalised name -> (country, region key, mentions) that its own first-pass guess added
            to `countries`/`regions`; left out when scoring that name, so a guess cannot vote for itself.
    """

    countries: Mapping[str, float] = field(default_factory=lambda: MappingProxyType({}))
    regions: Mapping[str, float] = field(default_factory=lambda: MappingProxyType({}))
    dateline_country: str | None = None
    cells: Mapping[tuple[int, int], tuple[tuple[str, float], ...]] = field(default_factory=lambda: MappingProxyType({}))
    own: Mapping[str, tuple[str, str, float]] = field(default_factory=lambda: MappingProxyType({}))

    def __post_init__(self) -> None:
        if any(v < 0 for v in self.countries.values()) or any(v < 0 for v in self.regions.values()):
            raise ValueError("PlaceContext counts must be >= 0")

    @classmethod
    def from_places(
        cls,
        places: Iterable[Place | GazetteerEntry],
        *,
        dateline_country: str | None = None,
        cells: Mapping[tuple[int, int], tuple[tuple[str, float], ...]] | None = None,
    ) -> PlaceContext:
        """Count the countries and regions of already resolved places.

        Args:
            places: resolved places or gazetteer entries (entries also give their region).
            dateline_country: the dateline's country, if any.
            cells: see the class docstring.

        Returns:
            the context.
        """
        countries: Counter[str] = Counter()
        regions: Counter[str] = Counter()
        for place in places:
            if place.country:
                countries[place.country] += 1
            region = _region_key(place) if isinstance(place, GazetteerEntry) else ""
            if region:
                regions[region] += 1
        return cls(
            MappingProxyType(dict(countries)),
            MappingProxyType(dict(regions)),
            dateline_country,
            MappingProxyType(dict(cells or {})),
        )

    def __str__(self) -> str:
        top = ",".join(cc for cc, _ in Counter(self.countries).most_common(3))
        return f"ctx[{top}|{self.dateline_country or '-'}]"


@dataclass(frozen=True, slots=True)
class Resolution:
    """The outcome of resolving one name.

    Attributes:
        entry: the best candidate (a guess even when `reason` is "ambiguous"), or None.
        reason: None when resolved; "unknown_name", "no_toponym" or "ambiguous" otherwise.
        score: the best candidate's score.
        n_candidates: how many places carry that name.
    """

    entry: GazetteerEntry | None
    reason: str | None
    score: float = 0.0
    n_candidates: int = 0


def entry_to_place(entry: GazetteerEntry, *, source: str | None = None, name: str | None = None) -> Place:
    """Convert a gazetteer entry to our `Place` record."""
    return Place(
        name=name or entry.name,
        feature=entry.feature,
        country=entry.country,
        lat=entry.lat,
        lon=entry.lon,
        geonameid=entry.geonameid,
        source=source,
    )


def _prior(entry: GazetteerEntry, key: str) -> float:
    if entry.feature == "region":
        score = FEATURE_PRIOR["a2" if entry.flags == "a2" else "a1"]
    else:
        score = FEATURE_PRIOR[entry.feature]
    if entry.is_capital:
        score += CAPITAL_BONUS
    score += POPULATION_WEIGHT * math.log10(entry.population + 1)
    if is_main_name(entry, key):
        score += MAIN_NAME_BONUS
    return score


def is_main_name(entry: GazetteerEntry, key: str) -> bool:
    """The normalised name `key` is the place's own name, not an alternate one; aliases of our hand-written
    areas are curated, so they count as main names ("Atlantic")."""
    return entry.flags == "hand" or normalize_name(entry.name) == key


def _demote_alternates(cands: tuple[GazetteerEntry, ...], key: str, scores: list[float]) -> None:
    """When a country or area bears the name itself, places that merely list it as an alternate lose; so do
    alternates of a smaller place than one that bears the name ("Chicago", an old name of Willard, Ohio, is
    Chicago even in a story that names Ohio)."""
    country_named = any(c.feature in ("country", "area") and is_main_name(c, key) for c in cands)
    biggest = max((c.population for c in cands if is_main_name(c, key)), default=0)
    for i, cand in enumerate(cands):
        if cand.feature in ("country", "area") or is_main_name(cand, key):
            continue
        if country_named or cand.population * BIGGER_BEARER < biggest:
            scores[i] -= ALTERNATE_PENALTY


def _cell(lat: float, lon: float) -> tuple[int, int]:
    return math.floor(lat), math.floor(lon)


def _proximity_score(entry: GazetteerEntry, key: str, context: PlaceContext) -> float:
    """Support from the document's other names that have a candidate in or beside the entry's cell."""
    if not context.cells or entry.feature not in ("city", "region"):
        return 0.0
    lat, lon = _cell(entry.lat, entry.lon)
    support: dict[str, float] = {}
    for dlat in (-1, 0, 1):
        for dlon in (-1, 0, 1):
            for other, weight in context.cells.get((lat + dlat, lon + dlon), ()):
                if other != key and weight > support.get(other, 0.0):
                    support[other] = weight
    return PROXIMITY_WEIGHT * min(sum(support.values()), PROXIMITY_CAP)


def _region_key(entry: GazetteerEntry) -> str:
    if entry.country and entry.admin1 and entry.feature != "country":
        return f"{entry.country}.{entry.admin1}"
    return ""


def _context_score(entry: GazetteerEntry, key: str, context: PlaceContext) -> float:
    if not entry.country:
        return 0.0
    score = 0.0
    own_country, own_region, own_n = context.own.get(key, ("", "", 0.0))
    total = sum(context.countries.values()) - (own_n if own_country else 0.0)
    count = context.countries.get(entry.country, 0.0) - (own_n if own_country == entry.country else 0.0)
    if count > 0 and total > 0:
        score += COUNTRY_MENTIONED_BONUS + COUNTRY_SHARE_WEIGHT * count / total
    region = _region_key(entry)
    if region and context.regions.get(region, 0.0) - (own_n if own_region == region else 0.0) > 0:
        score += REGION_MENTIONED_BONUS
    if context.dateline_country == entry.country:
        score += DATELINE_COUNTRY_BONUS
    return score


def _qualifier_score(entry: GazetteerEntry, qualifiers: tuple[GazetteerEntry, ...]) -> float:
    for qual in qualifiers:
        if qual.country != entry.country or qual.pid == entry.pid:
            continue
        if qual.feature == "country" or (qual.admin1 and qual.admin1 == entry.admin1):
            return QUALIFIER_BONUS
    return 0.0


def _demote_regions(cands: tuple[GazetteerEntry, ...], scores: list[float]) -> None:
    """A region loses to a big same-name city inside it ("Moscow" the city, not the oblast)."""
    for i, region in enumerate(cands):
        if region.feature != "region":
            continue
        for j, city in enumerate(cands):
            near = (
                city.admin1 == region.admin1 or distance_km(city.lat, city.lon, region.lat, region.lon) < REGION_CITY_KM
            )
            inside = city.feature == "city" and city.country == region.country and near
            big = city.is_capital or city.population >= CITY_OVER_REGION_SHARE * region.population
            if inside and big:
                scores[i] = min(scores[i], scores[j] - 0.01)


def _split_qualifier(name: str) -> tuple[str, str]:
    head, _, tail = name.partition(",")
    tail = tail.strip()
    return head.strip(), US_STATE_ABBREVIATIONS.get(normalize_name(tail), tail)


def score_candidates(
    name: str, *, context: PlaceContext, gazetteer: Gazetteer | None = None
) -> list[tuple[float, GazetteerEntry]]:
    """Every place called `name`, scored and sorted best first.

    Args:
        name: a toponym as written; "Paris, Texas" uses the part after the comma as a qualifier.
        context: the document's countries, regions and dateline.
        gazetteer: defaults to the shipped one.

    Returns:
        (score, entry) pairs, best first; [] when the name is unknown.
    """
    gaz = gazetteer or load_gazetteer()
    head, tail = _split_qualifier(name)
    key = normalize_name(head)
    cands = gaz.lookup_key(key) if key else ()
    if not cands and tail:
        key = normalize_name(name)
        cands = gaz.lookup_key(key)
        tail = ""
    qualifiers = gaz.lookup(tail) if tail else ()
    scores = [
        _prior(c, key)
        + _context_score(c, key, context)
        + _proximity_score(c, key, context)
        + _qualifier_score(c, qualifiers)
        for c in cands
    ]
    _demote_regions(cands, scores)
    _demote_alternates(cands, key, scores)
    return sorted(zip(scores, cands, strict=True), key=lambda pair: -pair[0])


def resolve_scored(name: str, *, context: PlaceContext, gazetteer: Gazetteer | None = None) -> Resolution:
    """Resolve a toponym and say why when it cannot be.

    Args:
        name: the toponym as written.
        context: document context.
        gazetteer: defaults to the shipped one.

    Returns:
        a Resolution; its entry is the best guess even when the reason is "ambiguous".
    """
    if not normalize_name(name):
        return Resolution(None, "no_toponym")
    ranked = score_candidates(name, context=context, gazetteer=gazetteer)
    if not ranked:
        return Resolution(None, "unknown_name")
    best_score, best = ranked[0]
    rivals = [(score, cand) for score, cand in ranked[1:] if not _contains(cand, best)]
    reason = None
    if rivals:
        second_score, second = rivals[0]
        far = distance_km(best.lat, best.lon, second.lat, second.lon) > ACCURACY_KM
        if far and best_score - second_score < AMBIGUITY_MARGIN:
            reason = "ambiguous"
    return Resolution(best, reason, best_score, len(ranked))


def _contains(outer: GazetteerEntry, inner: GazetteerEntry) -> bool:
    """Whether `outer` is the country or first-level region that `inner` lies in (no rival to it)."""
    if outer.country != inner.country:
        return False
    return outer.feature == "country" or (outer.feature == "region" and outer.admin1 == inner.admin1)


def resolve_toponym(
    name: str, *, context: PlaceContext, gazetteer: Gazetteer | None = None, source: str | None = None
) -> Place | None:
    """Resolve a toponym to a Place, or None when unknown or too ambiguous to call.

    Args:
        name: the toponym as written, e.g. "Paris" or "Paris, Texas".
        context: document context (`PlaceContext()` for none).
        gazetteer: defaults to the shipped one.
        source: recorded on the Place ("text", "dateline", "visit").

    Returns:
        the Place or None.

    Example:
        >>> resolve_toponym("Georgia", context=PlaceContext()).feature
        'country'
    """
    res = resolve_scored(name, context=context, gazetteer=gazetteer)
    if res.entry is None or res.reason:
        return None
    return entry_to_place(res.entry, source=source)


def document_context(
    names: Iterable[str], *, dateline_country: str | None = None, gazetteer: Gazetteer | None = None
) -> PlaceContext:
    """Build a document's context from its own toponyms (a first pass with no context).

    Args:
        names: the toponyms of the document, repeated as often as they occur.
        dateline_country: the dateline's country, if any.
        gazetteer: defaults to the shipped one.

    Returns:
        a PlaceContext counting the countries and regions of the first-pass guesses.
    """
    gaz = gazetteer or load_gazetteer()
    mentions = Counter(normalize_name(name) for name in names)
    mentions.pop("", None)
    empty = PlaceContext(dateline_country=dateline_country)
    countries: Counter[str] = Counter()
    regions: Counter[str] = Counter()
    own: dict[str, tuple[str, str, float]] = {}
    for key, n in mentions.items():
        entry = resolve_scored(key, context=empty, gazetteer=gaz).entry
        if entry is None or not entry.country:
            continue
        region = _region_key(entry)
        countries[entry.country] += n
        if region:
            regions[region] += n
        own[key] = (entry.country, region, float(n))
    return PlaceContext(
        MappingProxyType(dict(countries)),
        MappingProxyType(dict(regions)),
        dateline_country,
        MappingProxyType(_candidate_cells(mentions, gaz)),
        MappingProxyType(own),
    )


def _candidate_cells(keys: Iterable[str], gazetteer: Gazetteer) -> dict[tuple[int, int], tuple[tuple[str, float], ...]]:
    """Where each name's candidates lie, weighted by how likely each reading is a priori.

    The weight of a reading is its softmax share of the name's prior scores, so "Moscow"
    lends its support to Moscow, Russia, not to Moscow, Idaho; names without a dominant
    reading ("Henry County") spread it evenly.
    """
    cells: dict[tuple[int, int], dict[str, float]] = {}
    for key in keys:
        cands = gazetteer.lookup_key(key) if key else ()
        if not cands:
            continue
        priors = [_prior(c, key) for c in cands]
        _demote_regions(cands, priors)
        _demote_alternates(cands, key, priors)
        top = max(priors)
        odds = [math.exp((p - top) / PROXIMITY_TEMPERATURE) for p in priors]
        total = sum(odds)
        for cand, odd in zip(cands, odds, strict=True):
            if cand.feature in ("city", "region") and odd / total >= MIN_READING_SHARE:
                cell = cells.setdefault(_cell(cand.lat, cand.lon), {})
                cell[key] = max(cell.get(key, 0.0), odd / total)
    return {cell: tuple(named.items()) for cell, named in cells.items()}
