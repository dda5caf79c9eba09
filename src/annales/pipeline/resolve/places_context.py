"""Event places in their article: the clause first, then the same event elsewhere, the host, the lead, the dateline.

`assign_places` is the document-level step of `annales.resolve.places.v2` (issue 16). For each event:

1. `clause` / `visit`: a place its own clause names ("talks in Geneva", "at the Munich Security
   Conference", "visit the Russian capital"), or a visit's destination; a country so named yields to the
   city or region of it that the sentence, its paragraph before it or the lead names (`nearby`), else to
   the one the article names most, even once (`setting`): "died during protests in Bolivia" in a story
   about Cochabamba;
2. `story`: the same event (same parties and type) placed in another sentence of the article (unless a
   domestic act's own sentence names a city or region of its country: "Now Oklahoma teachers have walked
   out" in a story that placed West Virginia's strike is in Oklahoma, `nearby`), or an act
   of the same two parties told at most MET_WINDOW sentences after one their clause placed ("traveled to
   Nashville for talks with CoreCivic ... the two sides agreed");
3. `host`: a visit hosted by a country ("Z hosted X") is in the host's country;
4. `lead`: an event between the lead's parties continues the lead's news and takes its place;
5. `dateline`: where the reporter files, only for events that plausibly happen there (one of their
   parties belongs to the dateline's country), never for an attack in another country;
6. `nearby` / `actors`: a material event between parties of one country (an arrest, a protest, an
   attack on a country's forces) happens in that country, a deportation in the deporting country (never
   at a dateline of the deportees' country): at the city or region of that country its
   sentence, its paragraph before it or the lead names ("fighting in a wooded area of Dagestan ended
   Saturday. Helicopter gunships fired on the positions." is in Dagestan), else at the city or region of
   that country the article names most, even once, else country-level;
7. `setting`: an act done on site (a material act, a meeting that is no phone call, a court's ruling)
   takes the city or region the article names most, at least SETTING_MENTIONS times, when one of its
   parties is of that country (a sentencing in a story about a Cincinnati trial), unless its clause names
   a place that cannot be resolved ("a meeting in the Oval Office"); statements, calls and sanctions never
   take it;
8. `speaker`: any other act (a statement too) takes the city or region of its actor's country that its
   sentence, its paragraph before it or the lead names ("Tehran ... The Iranian foreign ministry said"),
   unless its clause names a place that cannot be resolved, or it did not happen; failing that, a domestic
   act (every party of the actor's country) takes the article's setting in that country (the mayor's
   criticism of the police in a story set in Cincinnati), a national legislature's domestic act the
   capital, its seat (`actors`: "the House of Representatives concluded its third hearing"), and any other
   domestic act the city or region of that country the article names most, even once, else the country
   (`actors`); an act between parties of two countries gets no place by guess;
9. `whereabouts`: an act still without a place takes the place (clause, visit or dateline) of another act
   of the same actor in the same paragraph on the same day ("HANOI - Esper accused China ... He urged
   Vietnam to push back": both in Hanoi);
otherwise no place, with the clause's reason (`no_toponym`, `vague`, `unknown_name`, ...).

The cities and regions an article names (for `nearby`, `speaker` and `setting`) are its place entities, an
"organisation" the recogniser found right before a word for townsfolk ("A Huntsville man", "a Concord
developer": local news names its town that way, and the small model often tags it ORG), and the town a
local body is named after ("the Concord Police").
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import replace
from typing import TYPE_CHECKING

from annales.pipeline.resolve.dates_context import paragraph_starts
from annales.pipeline.resolve.places_toponyms import entry_to_place, resolve_scored
from annales.pipeline.resolve.places_venue import meeting_venues
from annales.records import Actor, Article, Entity, Event, Place, Sentence

if TYPE_CHECKING:
    from annales.pipeline.resolve.gazetteer import Gazetteer, GazetteerEntry
    from annales.pipeline.resolve.places import EventPlaceStage
    from annales.pipeline.resolve.places_toponyms import PlaceContext

LEAD_SENTENCES = 2
# An act of two parties told this many sentences after one that placed them is where they were.
MET_WINDOW = 2
# How often the article must name a city or region for it to be where the article is set.
SETTING_MENTIONS = 2
# Events done to someone or by a crowd: they happen where their parties are, unlike statements.
MATERIAL_TYPES = frozenset({"ASSAULT", "COERCE", "MOBILIZE", "PROTEST", "RETREAT", "AID", "COOPERATE"})
# Of those, the ones done to the recipient where it is ("shelled Ukraine's positions", "arrested activists").
_AT_RECIPIENT = frozenset({"ASSAULT", "COERCE", "MOBILIZE", "AID"})
VISIT_CODES = frozenset({"042", "043"})
# Places that say where an actor was when it acted (not borrowed from the same event or the country).
WHEREABOUTS_SOURCES = frozenset({"clause", "visit", "dateline"})


def _key(event: Event) -> tuple[str, str, str]:
    recipient = event.recipient.country if event.recipient is not None else ""
    return (event.actor.country or event.actor.text, recipient or "", event.type)


def _pair(event: Event) -> frozenset[str]:
    countries = {event.actor.country or ""}
    if event.recipient is not None:
        countries.add(event.recipient.country or "")
    return frozenset(c for c in countries if c)


def _parties(event: Event) -> frozenset[str]:
    """The codes of an event's two parties ("USA.GOV", "USA.BUS"), whatever their countries."""
    codes = {event.actor.code or ""}
    if event.recipient is not None:
        codes.add(event.recipient.code or "")
    return frozenset(c for c in codes if c)


def domestic_country(article: Article) -> str | None:
    """The one country every party of every event of an article belongs to (a domestic story), else None."""
    countries = frozenset[str]().union(*(_pair(event) for event in article.events))
    return next(iter(countries)) if len(countries) == 1 and len(next(iter(countries))) == 3 else None


def _state(actor: Actor | None) -> str | None:
    """The country code of a party that is a state's (not an organisation's): "RUS" for RUS.MIL."""
    if actor is None or not actor.country or actor.sector == "IGO" or len(actor.country) != 3:
        return None
    return actor.country


def assign_places(article: Article, stage: EventPlaceStage, context: PlaceContext, dateline: Place | None) -> list[str]:
    """Place every event of `article` (in place) by the cascade above; return each event's outcome."""
    by_index = {sent.index: sent for sent in article.sentences}
    own = [stage.clause_place(event, by_index.get(event.sentence_index), context) for event in article.events]
    venues = meeting_venues(article, stage.gazetteer, context) if any(p is None for p, _ in own) else {}
    for k, (event, (place, _)) in enumerate(zip(article.events, own, strict=True)):
        venue = venues.get(event.sentence_index)
        if place is None and venue is not None and event.type == "CONSULT" and event.mode != "phone":
            # "... met on June 17. The meeting took place in Brussels"
            own[k] = (replace(venue[1], source="clause"), None)
    placed: dict[tuple[str, str, str], Place] = {}
    lead: dict[frozenset[str], Place] = {}
    met: dict[frozenset[str], tuple[int, Place]] = {}
    for event, (place, _) in zip(article.events, own, strict=True):
        if place is None:
            continue
        placed.setdefault(_key(event), place)
        if event.sentence_index < LEAD_SENTENCES and len(_pair(event)) == 2:
            lead.setdefault(_pair(event), place)
        if len(_parties(event)) == 2 and place.source in ("clause", "visit"):
            met[_parties(event)] = (event.sentence_index, place)
    nearby = _Nearby(article, stage.gazetteer, context)
    outcomes = []
    for event, (place, reason) in zip(article.events, own, strict=True):
        if place is None:
            just_met = met.get(_parties(event))
            if just_met is not None and 0 < event.sentence_index - just_met[0] <= MET_WINDOW:
                # "traveled to Nashville for talks with CoreCivic ... the two sides agreed": the same two
                # parties' act told right after, where they were
                place = replace(just_met[1], source="story")
            else:
                place = _borrowed(event, placed, lead, dateline, nearby, named=reason != "no_toponym")
        elif place.feature == "country" and place.country:
            # "died during protests in Bolivia", the paragraph naming Senkata: the town the story names
            place = nearby.place(event.sentence_index, place.country) or nearby.most_named_in(place.country) or place
        event.place, event.place_reason = place, None if place else reason
    _whereabouts(article, nearby.paragraph)
    for event, (_, reason) in zip(article.events, own, strict=True):
        place = event.place
        outcomes.append(f"place_{place.source}" if place else f"unresolved_{reason}")
    return outcomes


def _said_here(event: Event, nearby: _Nearby) -> Place | None:
    """The city or region of a domestic act's country (every party of one country) its own sentence names."""
    state = _state(event.actor)
    if state is None or _pair(event) != {state}:
        return None
    return nearby.place(event.sentence_index, state, same_sentence=True)


def _whereabouts(article: Article, paragraph: dict[int, int]) -> None:
    """An act with no place takes the place where its actor did another act of the same paragraph and day, as
    its clause, a visit or the dateline says: "HANOI - Esper on Wednesday accused China ... He urged Vietnam
    to push back": the accusation is made where the urging is, in Hanoi. `paragraph`: sentence index -> its
    paragraph's first sentence (`paragraph_starts`)."""
    where: dict[tuple[int, str, dt.date | None], Place] = {}
    for event in article.events:
        if event.place is not None and event.actor.code and event.place.source in WHEREABOUTS_SOURCES:
            where.setdefault((paragraph.get(event.sentence_index, -1), event.actor.code, event.date), event.place)
    for event in article.events:
        if event.place is None and event.actor.code:
            found = where.get((paragraph.get(event.sentence_index, -1), event.actor.code, event.date))
            if found is not None:
                event.place, event.place_reason = replace(found, source="whereabouts"), None


def _borrowed(
    event: Event,
    placed: dict[tuple[str, str, str], Place],
    lead: dict[frozenset[str], Place],
    dateline: Place | None,
    nearby: _Nearby,
    *,
    named: bool = False,
) -> Place | None:
    """The place the article lends an event whose clause gives none; `named`: the clause did name a place
    that could not be resolved ("a meeting in the Oval Office"), which the article's setting must not
    overrule."""
    gazetteer = nearby.gazetteer
    same = placed.get(_key(event))
    here = _said_here(event, nearby) if same is not None and not named else None
    if here is not None:
        # "Oklahoma teachers are in the fourth day of a walkout" in a story that placed West Virginia's strike: a
        # domestic act is where its own sentence says, before an act of the same parties and type placed elsewhere
        return here
    if same is not None:
        return replace(same, source="story")
    host = _state(event.recipient)
    if event.cameo in VISIT_CODES and event.mode == "visit" and host is not None:
        return country_place(host, gazetteer, source="host")
    if _pair(event) in lead:
        return replace(lead[_pair(event)], source="lead")
    home = _home(event)
    if home is not None and dateline is not None:
        # "a shootout north of the capital of Kabardino-Balkaria" in a Makhachkala-datelined story: the
        # city or region its own sentence names is nearer than where the reporter files
        here = nearby.place(event.sentence_index, home, same_sentence=True)
        if here is not None:
            return here
    if dateline is not None and _plausibly_there(event, dateline):
        return replace(dateline, source="dateline")
    if home is not None:
        setting = nearby.setting if not named else None
        local = setting if setting is not None and setting.country == home else None
        if local is None and not named:
            local = nearby.most_named_in(home)
        fallback = country_place(home, gazetteer, source="actors") if not named else None
        found = nearby.place(event.sentence_index, home) or local or fallback
        if found is not None:
            return found
    setting = nearby.setting if _on_site(event) and not named else None
    if setting is not None and setting.country in _pair(event):
        return setting
    speaker = _state(event.actor)
    if speaker is None or named or event.negated:
        return None
    found = nearby.place(event.sentence_index, speaker)  # "Tehran ... The Iranian foreign ministry said"
    if found is not None:
        return replace(found, source="speaker")
    setting = nearby.setting
    if setting is not None and setting.country == speaker and _pair(event) == {speaker}:
        return setting
    if (event.actor.sector or "") in _SEATED_SECTORS and _pair(event) == {speaker}:
        # "the House of Representatives concluded its third public hearing": a national body at home sits in
        # its capital
        return capital_place(speaker, gazetteer, source="actors")
    if _pair(event) == {speaker}:
        # the mayor's criticism of the police in a story that names Dayton once: made there, else at home
        local = nearby.most_named_in(speaker)
        return local if local is not None else country_place(speaker, gazetteer, source="actors")
    return None


# National bodies whose domestic acts, with no place named, happen in their seat (the capital).
_SEATED_SECTORS = frozenset({"LEG"})


def _home(event: Event) -> str | None:
    """Where a material act happens: the recipient's country for acts done to it, else the actor's, unless
    the recipient is another country's (a joint act of two countries is in either)."""
    if event.type not in MATERIAL_TYPES or event.negated:
        return None
    if event.mode == "deport":
        return _state(event.actor)  # "Indians deported by Mexican authorities": from Mexico
    if event.type == "MOBILIZE" and event.mode == "weapons":
        return _state(event.actor)  # "test-fired a missile in defiance of U.S. sanctions": a test at home
    where = _state(event.recipient) if event.type in _AT_RECIPIENT else None
    if event.type not in _AT_RECIPIENT and _state(event.recipient) not in (None, _state(event.actor)):
        return None  # "Russia and China held joint naval drills": either's country is a guess
    return where or _state(event.actor)


# What a court does in its courtroom: sentences, convictions, rulings against a party.
_COURT_TYPES = frozenset({"SANCTION", "REJECT"})


def _on_site(event: Event) -> bool:
    """An act done somewhere, not a statement, a call or a sanction (those have no place unless the text
    gives one): a material act, a meeting that is no phone call, or a court's ruling."""
    if event.negated:
        return False
    if event.type in MATERIAL_TYPES:
        return True
    if event.type == "CONSULT":
        return event.mode != "phone"
    return event.type in _COURT_TYPES and event.actor.sector == "JUD"  # a sentence, a ruling; not a plea


# Named-entity labels of the places an article names.
_PLACE_LABELS = frozenset(("GPE", "LOC", "FAC"))
# People a town's name describes in local news ("a Huntsville man", "a Concord couple").
_TOWNSFOLK = frozenset(
    {"man", "woman", "men", "women", "resident", "residents", "teen", "teenager", "boy", "girl", "couple"}
    | {"family", "native", "youth", "father", "mother", "student", "driver", "developer", "businessman"}
    | {"businesswoman", "landlord", "homeowner", "homeowners", "officer", "officers", "firefighter", "firefighters"}
)
# A town's own bodies, which local news names after it ("the Concord Police", "the Alton City Council").
_TOWN_BODIES = frozenset({"police", "council", "fire", "schools", "mayor"})
# The words of a court's name between the town or county it sits in and "Court": "Merrimack County Superior
# Court", "Kingston Crown Court", "Cook County Circuit Court".
_COURT_WORDS = frozenset({"superior", "district", "circuit", "municipal", "crown", "magistrates"})


def _hometown(sent: Sentence, ent: Entity) -> bool:
    """An entity the recogniser took for an organisation that names someone's town: "A Huntsville man"."""
    if ent.label != "ORG" or ent.end >= len(sent.tokens) or ent.end - ent.start > 3:
        return False
    return sent.tokens[ent.end].text.lower() in _TOWNSFOLK


def _town_of_body(sent: Sentence, ent: Entity) -> str | None:
    """The town an organisation of a town is named after: "the Concord Police" is Concord's; a court's town or
    county: "Merrimack County Superior Court" sits in Merrimack County."""
    words = [t.text for t in sent.tokens[ent.start : ent.end] if t.text.lower() not in ("the", "city")]
    if ent.label != "ORG" or len(words) < 2:
        return None
    if words[-1].lower() in _TOWN_BODIES:
        return " ".join(words[:-1])
    if words[-1].lower() != "court":
        return None
    cut = len(words) - 1
    while cut > 0 and words[cut - 1].lower() in _COURT_WORDS:
        cut -= 1
    return " ".join(words[:cut]) or None


def local_names(sent: Sentence) -> list[str]:
    """The places a sentence's entities name: its places, and the towns of "A Huntsville man" and "the Concord
    Police" (entities the recogniser takes for organisations)."""
    names = []
    for ent in sent.entities:
        name = ent.text if ent.label in _PLACE_LABELS or _hometown(sent, ent) else _town_of_body(sent, ent)
        if name is not None:
            names.append(name)
    return names


class _Nearby:
    """The cities and regions an article names, by sentence, resolved once each."""

    def __init__(self, article: Article, gazetteer: Gazetteer, context: PlaceContext) -> None:
        self.gazetteer = gazetteer
        self.context = context
        self.sentences = {sent.index: sent for sent in article.sentences}
        self.paragraph = paragraph_starts(article)
        self._resolved: dict[str, Place | None] = {}

    def place(self, index: int, country: str, *, same_sentence: bool = False) -> Place | None:
        """A city or region of `country` named in sentence `index`, else (unless `same_sentence`) in the
        sentences of its paragraph before it (nearest first), else in the lead."""
        first = self.paragraph.get(index, index)
        order = (
            [index] if same_sentence else [index, *range(index - 1, first - 1, -1), *range(min(LEAD_SENTENCES, first))]
        )
        for i in order:
            sent = self.sentences.get(i)
            here = [p for p in self._places(sent) if p.country == country] if sent is not None else []
            if here:  # "an Ohio man ... in Cincinnati": the city, finer than its region
                return replace(min(here, key=lambda p: p.feature != "city"), source="nearby")
        return None

    @functools.cached_property
    def setting(self) -> Place | None:
        """The city or region the article names most (ties: the first named), if named often enough."""
        return self._most_named(SETTING_MENTIONS)

    def most_named_in(self, country: str) -> Place | None:
        """The city or region of `country` the article names most, even once."""
        return self._most_named(1, country)

    def _most_named(self, least: int, country: str | None = None) -> Place | None:
        """The city or region (of `country`, if given) named most, ties to the first, if named `least` times."""
        counts: dict[str, int] = {}
        first: dict[str, Place] = {}
        for index in sorted(self.sentences):
            for place in self._places(self.sentences[index]):
                if country is None or place.country == country:
                    counts[place.name] = counts.get(place.name, 0) + 1
                    first.setdefault(place.name, place)
        if not counts:
            return None
        best = max(counts, key=lambda k: counts[k])
        if counts[best] < least:
            return None
        return replace(first[best], source="setting")

    def _places(self, sent: Sentence) -> list[Place]:
        out = []
        for name in local_names(sent):
            if name not in self._resolved:
                res = resolve_scored(name, context=self.context, gazetteer=self.gazetteer)
                found = res.entry if res.reason is None and res.entry is not None else None
                keep = found is not None and found.feature in ("city", "region")
                self._resolved[name] = entry_to_place(found, source="nearby") if keep and found else None
            place = self._resolved[name]
            if place is not None:
                out.append(place)
        return out


# Meetings, deals and joint acts reported from a foreign dateline usually took place there (a summit, talks).
_VENUE_TYPES = frozenset({"CONSULT", "AGREE", "COOPERATE", "SUPPORT"})


def _plausibly_there(event: Event, dateline: Place) -> bool:
    """The dateline places an event only if it plausibly happened there: one of its parties belongs to the
    dateline's country, an organisation takes part, or it is a meeting or deal (often held where the
    reporter files). An attack in Sudan or a Sudanese general's statement in a Washington-datelined
    article is not in Washington."""
    if not dateline.country:
        return False
    if event.mode == "deport":
        return dateline.country == _state(event.actor)  # deported from the deporting country, not home
    if dateline.country in _pair(event) or event.type in _VENUE_TYPES:
        return True
    return any(party is not None and party.sector == "IGO" for party in (event.actor, event.recipient))


def country_place(code: str, gazetteer: Gazetteer, *, source: str) -> Place | None:
    """A country-level place for an ISO alpha-3 code (its gazetteer entry), or None when unknown."""
    entry = _table_places(gazetteer, "country").get(code)
    return entry_to_place(entry, source=source) if entry is not None else None


def capital_place(code: str, gazetteer: Gazetteer, *, source: str) -> Place | None:
    """The capital city of an ISO alpha-3 country, as the actor table names it, or None."""
    entry = _table_places(gazetteer, "capital").get(code)
    return entry_to_place(entry, source=source) if entry is not None else None


@functools.lru_cache(maxsize=4)
def _table_places(gazetteer: Gazetteer, kind: str) -> dict[str, GazetteerEntry]:
    """ISO alpha-3 -> the gazetteer's entry of each country (`kind` "country") or capital city ("capital")
    the actor table names."""
    from annales.pipeline.actors import ActorTable

    feature = "country" if kind == "country" else "city"
    found: dict[str, GazetteerEntry] = {}
    for entry in ActorTable.default().entries:
        role = entry.roles[0].code if entry.kind == kind and entry.roles else None
        code = role.split(".")[0] if role else None
        if code is None or len(code) != 3 or code in found:
            continue
        for place in gazetteer.lookup(entry.name):
            if place.feature == feature and place.country == code:
                found[code] = place
                break
    return found
