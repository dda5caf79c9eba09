"""Towns that share a name with a country or a capital: "LONDON, Ky.", "Palestine, Texas", "Athens, Ga.".

Local news names its towns with their state after them. Where an article writes a name that way, every
mention of that name in the article is the American town: "London Police" are Kentucky's police, not
the British government's, and the town votes for the United States as the article's country.

Local news also names its towns without a state, next to other places of the same region: a
"MANASSAS --" dateline and "an Alexandria woman" (Alexandria, Virginia, not Egypt's), or "Anderson
County" and "Palestine police" (Palestine, Texas). A name of the table that the gazetteer also knows in
the first-level region of such a local anchor (the dateline's place, a "... County") is that town
(`local_namesakes`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Container, Sequence

from annales.pipeline.actors.context import Group
from annales.pipeline.actors.model import ActorEntry, norm_token
from annales.pipeline.actors.names import PLACE_KINDS
from annales.pipeline.resolve.gazetteer import Gazetteer, GazetteerEntry, load_gazetteer
from annales.pipeline.resolve.places_toponyms import US_STATE_ABBREVIATIONS, PlaceContext, score_candidates
from annales.records import Sentence

NAMESAKE_COUNTRY = "USA"

# The states' names, except those that also name a country ("Tbilisi, Georgia" is the country's capital).
_STATE_NAMES = frozenset(US_STATE_ABBREVIATIONS.values()) | {"Alaska", "Hawaii", "Idaho", "Iowa", "Maine"}
_STATE_NAMES |= {"Ohio", "Utah"}
_AMBIGUOUS_STATES = frozenset({"Georgia", "District of Columbia"})


def _written(key: str) -> str:
    """AP style of an abbreviation key: "ky" -> "Ky.", "n y" -> "N.Y.", "w va" -> "W.Va."."""
    return "".join(part.capitalize() + "." for part in key.split())


_QUALIFIERS = sorted(
    {*(_STATE_NAMES - _AMBIGUOUS_STATES), *(_written(key) for key in US_STATE_ABBREVIATIONS)}, key=len, reverse=True
)
_QUALIFIED = re.compile(
    r"\b(?P<name>[A-Z][\w'\u2019-]*(?:[ ][A-Z][\w'\u2019-]*){0,2}),[ ]+(?:"
    + "|".join(re.escape(q) for q in _QUALIFIERS)
    + r")(?![\w])",
)


def qualified_names(text: str) -> dict[tuple[str, ...], str]:
    """The names the text writes with a US state after them ("LONDON, Ky.", "Palestine, Texas"), as the
    table's normalised token keys, each with the country of the town (the United States)."""
    return {
        tuple(norm_token(word) for word in match["name"].split()): NAMESAKE_COUNTRY
        for match in _QUALIFIED.finditer(text)
    }


# "Anderson County", "Cass County Sheriff": a local anchor of the article.
_COUNTY = re.compile(r"\b((?:[A-Z][a-z]+[ ]){1,2})(?:County|Parish)\b")
# "Edmonton, south of Cairns", "Yarrabah, near Cairns": the town named is near the anchor after it.
_NEAR = re.compile(
    r"\b(?:(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?[ ]+of|near|outside)"
    r"[ ]+([A-Z][a-z]+(?:[ ][A-Z][a-z]+)?)"
)
# Where a dateline's place ends: "MANASSAS -- ...", "LONDON, Ky. (WKYT) - ...".
_DATELINE_END = re.compile(r"[,(\u2013\u2014]|--| - ")
# An anchor whose name lies in more regions than this is too vague to tell a town from a country.
_MAX_ANCHOR_REGIONS = 20


def local_namesakes(
    text: str, datelines: Sequence[str], named: dict[tuple[str, ...], ActorEntry], gazetteer: Gazetteer | None = None
) -> dict[tuple[str, ...], str]:
    """Table names that are, in this article, towns of the region its local anchors lie in.

    Args:
        text: the article text (its "... County" phrases are anchors, and so is the town in "south of
            Cairns" or "near Cairns").
        datelines: the places of its datelines ("MANASSAS"), anchors too.
        named: the country and capital entries the article names, by their matched key.
        gazetteer: the place gazetteer (the shipped one when None).

    Returns:
        key -> the country of the town, for each name the gazetteer knows as a city in an anchor's
        first-level region, in another country than the entry's own.
    """
    anchors = [*datelines, *(match.group(0) for match in _COUNTY.finditer(text))]
    near = [match.group(1) for match in _NEAR.finditer(text)]
    if not (anchors or near) or not named:
        return {}
    gaz = gazetteer if gazetteer is not None else load_gazetteer()
    regions: set[tuple[str, str]] = set()
    for anchor in near:
        # only a town or region by the gazetteer's own ranking: "north of Syria" is no anchor of a town
        best = next(iter(_ranked(anchor, gaz)), None)
        if best is not None and best.feature in ("city", "region") and best.country and best.admin1:
            regions.add((best.country, best.admin1))
    for anchor in anchors:
        places = [e for e in _ranked(anchor, gaz) if e.country and e.admin1 and e.feature != "country"]
        # the regions of the anchor's own country only, as the gazetteer ranks it: "CAIRO" is Egypt's, not
        # one of the small American Cairos that would make Alexandria a town of Ohio
        found = {(e.country or "", e.admin1) for e in places if e.country == places[0].country}
        if 0 < len(found) <= _MAX_ANCHOR_REGIONS:
            regions |= found
    towns: dict[tuple[str, ...], str] = {}
    for key, entry in named.items():
        for place in gaz.lookup(" ".join(key)):
            local = place.country is not None and (place.country, place.admin1) in regions
            if local and place.feature == "city" and place.country != entry.country:
                towns[key] = place.country or ""
                break
    return towns


def article_towns(
    text: str,
    dateline_spans: Sequence[tuple[int, int]],
    groups: Sequence[Sequence[Group]],
    known: Container[tuple[str, ...]],
) -> dict[tuple[str, ...], str]:
    """`local_namesakes` of an article whose mentions are grouped (`known`: names already taken as towns)."""
    datelines = [head for span in dateline_spans if (head := _dateline_head(text, span))]
    named = {
        match.key: match.entry
        for sent_groups in groups
        for group in sent_groups
        for match in group.matches
        if match.entry is not None and match.entry.kind in PLACE_KINDS and match.key not in known
    }
    found = local_namesakes(text, datelines, named) | state_namesakes(text, named) | compound_namesakes(text, named)
    return found | resident_namesakes(text, named)


# People a town's name describes as its residents ("a Lebanon woman", "two Palestine men").
_RESIDENTS = "man|men|woman|women|resident|residents|couple|teen|teenager|boy|girl|native|family|youth"


def resident_namesakes(text: str, named: dict[tuple[str, ...], ActorEntry]) -> dict[tuple[str, ...], str]:
    """Country names written as a town's, before its residents: "Elizabeth Fairfield, a Lebanon woman" (a
    nationality would be "a Lebanese woman"): an American town, as in the local news that writes so.

    Returns:
        key -> the town's country (the United States).
    """
    found: dict[tuple[str, ...], str] = {}
    for key, entry in named.items():
        if entry.kind != "country" or key != tuple(norm_token(word) for word in entry.name.split()):
            continue
        name = r"\s+".join(re.escape(word) for word in entry.name.split())
        if re.search(rf"\b(?:a|an|the|two|three)\s+{name}\s+(?:{_RESIDENTS})\b", text):
            found[key] = NAMESAKE_COUNTRY
    return found


# Words a town's name may start with before another place's name ("New London", "East London").
_PREFIXES = ("New", "East", "West", "North", "South", "Port", "Fort", "Lake", "Mount", "Little", "Upper", "Lower")
_CITY_WORD = re.compile(r"\b[A-Z][a-z]{3,}\b")
# Cities of a region an article must name before its name is taken for that region, not the country.
_STATE_CITIES = 2


def state_namesakes(
    text: str, named: dict[tuple[str, ...], ActorEntry], gazetteer: Gazetteer | None = None
) -> dict[tuple[str, ...], str]:
    """Country names that are, in this article, a first-level region of another country whose cities it names
    twice at least: "Georgia" in a story of Atlanta and Ocilla is the American state, not the Caucasian country.

    Returns:
        key -> the region's country.
    """
    gaz = gazetteer if gazetteer is not None else load_gazetteer()
    found: dict[tuple[str, ...], str] = {}
    best_of: dict[str, GazetteerEntry | None] = {}  # each capitalised word's best place, ranked once
    words: list[str] | None = None
    for key, entry in named.items():
        if entry.kind != "country":
            continue
        regions = {
            (place.country, place.admin1)
            for place in gaz.lookup(" ".join(key))
            if place.feature == "region" and place.country and place.admin1 and place.country != entry.country
        }
        if not regions:
            continue
        cities = 0
        words = words if words is not None else _CITY_WORD.findall(text)
        for word in words:
            if norm_token(word) in key:
                continue
            if word not in best_of:
                best_of[word] = next(iter(_ranked(word, gaz)), None)
            best = best_of[word]
            cities += best is not None and best.feature == "city" and (best.country, best.admin1) in regions
        if cities >= _STATE_CITIES:
            found[key] = next(iter(regions))[0] or ""
    return found


def compound_namesakes(
    text: str, named: dict[tuple[str, ...], ActorEntry], gazetteer: Gazetteer | None = None
) -> dict[tuple[str, ...], str]:
    """Table places that the article only names inside a longer town name of another country: "New London
    Police Chief", "New Londoners" (New London, Connecticut), never London itself.

    Returns:
        key -> the town's country.
    """
    if not any(f"{prefix} " in text for prefix in _PREFIXES):
        return {}
    gaz = gazetteer if gazetteer is not None else load_gazetteer()
    found: dict[tuple[str, ...], str] = {}
    for key, entry in named.items():
        words = r"\s+".join(re.escape(word) for word in key)
        alone = len(re.findall(rf"\b(?i:{words})", text))
        # a capitalised prefix: "New London", not the "east London" of a London story
        prefixed = re.findall(rf"\b({'|'.join(_PREFIXES)})\s+(?i:{words})", text)
        if not prefixed or len(prefixed) < alone:
            continue
        town = f"{prefixed[0].title()} {' '.join(key)}"
        best = next(iter(_ranked(town, gaz)), None)
        if best is not None and best.feature == "city" and best.country and best.country != entry.country:
            found[key] = best.country
    return found


def dateline_country(text: str, dateline_spans: Sequence[tuple[int, int]]) -> str | None:
    """The country of the place an article's first dateline names, as the gazetteer ranks it ("CROMWELL —":
    Cromwell, Connecticut), for an article that names no country, person or group the table knows."""
    head = _dateline_head(text, dateline_spans[0]) if dateline_spans else ""
    if not head:
        return None
    places = [e for e in _ranked(head, load_gazetteer()) if e.country and e.feature in ("city", "region")]
    return places[0].country if places else None


def _ranked(name: str, gazetteer: Gazetteer) -> list[GazetteerEntry]:
    """The places called `name`, best first as the place stage ranks them without context: a city before the
    bigger region of its name ("ST. LOUIS" is St. Louis, Missouri, not the Senegalese region of Saint-Louis),
    not in the gazetteer's raw order."""
    return [entry for _, entry in score_candidates(name, context=PlaceContext(), gazetteer=gazetteer)]


def _dateline_head(text: str, span: tuple[int, int]) -> str:
    """The place a dateline names: "MANASSAS" of "MANASSAS -- ", "LONDON" of "LONDON, Ky. (WKYT) -"."""
    start, end = span
    return _DATELINE_END.split(text[start:end], maxsplit=1)[0].strip()


# Cities or regions at least this big, named at least this often, name the article's country when nothing
# else does (one mention alone was measured: val precision 0.398 -> 0.392).
_PLACE_POPULATION = 100_000
_PLACE_VOTES = 2
# "DeKalb County", "St. Mary Parish": a county or parish by its name (the local anchors' `_COUNTY` is stricter).
_COUNTY_NAME = re.compile(r"\b(?:[A-Z][\w'.-]*[ ]){1,3}(?:County|Parish)\b")
# Where a name stands as a person, not as a place ("her daughter, Brittany", "giving Brittany a dose"): no vote.
_PERSON_DEPS = frozenset({"appos", "dative"})


def places_country(sentences: Sequence[Sentence]) -> str | None:
    """The country whose big cities and regions the article names most, twice at least ("Belfast
    Magistrate's Court ... north Belfast": the United Kingdom), for an article that names no country,
    person, group or dateline the table or the gazetteer can place otherwise. Capitalised words only;
    the gazetteer's best place for each; and counties of any size whose name only one country has ("DeKalb
    County Courthouse ... DeKalb County Jail": the United States)."""
    gaz = load_gazetteer()
    votes: Counter[str] = Counter()
    for sent in sentences:
        for tok in sent.tokens:
            word = tok.text
            if len(word) < 4 or not word[:1].isupper() or not word[1:].islower() or tok.dep in _PERSON_DEPS:
                continue
            places = gaz.lookup(word)
            best = places[0] if places else None
            if best and best.country and best.feature in ("city", "region") and best.population >= _PLACE_POPULATION:
                votes[best.country] += 1
        for match in _COUNTY_NAME.finditer(sent.text):
            # "the DeKalb County Courthouse": every county of that name lies in one country, whatever its size
            country = _county_country(match.group(0).split(), gaz)
            if country is not None:
                votes[country] += 1
    top = votes.most_common(1)
    return top[0][0] if top and top[0][1] >= _PLACE_VOTES else None


def _county_country(words: list[str], gazetteer: Gazetteer) -> str | None:
    """The one country of the counties called by the last words of `words` ("The DeKalb County": DeKalb
    County), or None when no such county is known or several countries have one."""
    for start in range(len(words) - 1):
        countries = {p.country for p in gazetteer.lookup(" ".join(words[start:])) if p.feature == "region"}
        if countries:
            return next(iter(countries)) if len(countries) == 1 else None
    return None


def count_namesakes(sentences: Sequence[Sentence], names: dict[tuple[str, ...], str]) -> Counter[str]:
    """How often the article names those towns: each mention votes for the town's country."""
    votes: Counter[str] = Counter()
    if not names:
        return votes
    longest = max(len(name) for name in names)
    for sent in sentences:
        words = [norm_token(tok.text) for tok in sent.tokens]
        for start in range(len(words)):
            for size in range(1, longest + 1):
                country = names.get(tuple(words[start : start + size]))
                if country is not None:
                    votes[country] += 1
                    break
    return votes
