"""Where each event happened: the place its sentence names, its visit destination, or the dateline.

For each event the stage looks, in this order, for:

1. a GPE/LOC/FAC entity (or an ORG/NORP one the gazetteer knows, such as "the Kremlin")
   that is the object of a location preposition ("in Munich", "at a summit in Brussels")
   attached to the event trigger or to a word under it; for visit events ("visit Moscow",
   "travel to Moscow") the destination;
2. a vague location attached the same way ("at a metro station in a European capital"),
   which leaves the place unresolved with reason "vague";
3. a location preposition elsewhere in the sentence, when the article has no dateline;
4. the article dateline ("MOSCOW (Reuters) -"), the fallback for events with no place.

Names are resolved by `resolve_toponym` with the article's context (the countries its
toponyms fall in and its dateline). Unresolved events carry a countable reason:
no_toponym, vague, unknown_name, ambiguous or too_coarse (a continent or another area of several countries,
"growth across Europe", is no event's place).

Example:
    >>> find_dateline("MOSCOW (Reuters) - Russia said on Monday...")[0]
    'MOSCOW'
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import ClassVar, Literal

from annales.pipeline.actors.dateline import WIRE_AGENCIES
from annales.pipeline.base import Stage
from annales.pipeline.nlp.happening import happening_verb
from annales.pipeline.resolve.gazetteer import Gazetteer, load_gazetteer, normalize_name
from annales.pipeline.resolve.places_context import assign_places, domestic_country, local_names
from annales.pipeline.resolve.places_toponyms import (
    PlaceContext,
    Resolution,
    document_context,
    entry_to_place,
    is_main_name,
    resolve_scored,
    resolve_toponym,
)
from annales.records import Article, Entity, Event, Place, Sentence, Token

logger = logging.getLogger(__name__)

__all__ = [
    "EventPlaceStage",
    "PlaceContext",
    "PlaceOptions",
    "find_dateline",
    "resolve_toponym",
]

# Where an event's place came from: its own clause ("text" in stores written by v1), a visit's
# destination, the same event elsewhere in the article, its lead, a host's country, the dateline, the
# country its parties act in, the city the article is set in, where its actor was that day, or a city of
# its actor's country named nearby.
PlaceSource = Literal[
    "clause", "text", "visit", "story", "lead", "host", "dateline", "nearby", "actors", "setting", "whereabouts",
    "speaker",
]  # fmt: skip

LOCATION_PREPS = frozenset(("in", "at", "near", "outside", "inside", "across", "throughout", "within"))
VISIT_LEMMAS = frozenset(("visit", "travel", "arrive", "fly", "go", "come", "tour", "head", "return", "trip"))
DESTINATION_PREPS = frozenset(("to", "in", "into"))
# Verbs of setting off whose destination follows "for" ("left for Washington", "departed for Paris").
_LEAVE_LEMMAS = frozenset(("leave", "depart", "head"))
# Nouns that name a kind of place without saying which one ("a European capital").
# Nouns that name a kind of territory without saying which one ("in a European capital"):
# the event is somewhere we cannot place, so it does not take the dateline either. Facility
# nouns ("a busy market", "a metro station") are left out: alone they say nothing against it.
VAGUE_NOUNS = frozenset(
    (
        "capital",
        "city",
        "town",
        "village",
        "country",
        "region",
        "area",
        "province",
        "state",
        "location",
        "district",
        "neighborhood",
        "neighbourhood",
        "suburb",
        "border",
        "territory",
    )
)
# Nouns that a place name can modify and still be the place ("in Idlib province").
PLACE_NOUNS = frozenset(
    (
        "province",
        "region",
        "state",
        "city",
        "county",
        "district",
        "governorate",
        "oblast",
        "area",
        "territory",
        "capital",
    )
)
# Facilities a town names where they are ("in Manhattan federal court", "at a Geneva hotel"); not a country's
# missions, whose modifier is their owner ("the U.S. embassy").
_FACILITY_NOUNS = frozenset(
    ("court", "courthouse", "courtroom", "hospital", "jail", "prison", "airport", "hotel", "stadium", "mall")
)
# Nouns a town is named after with "of" ("the town of Aschaffenburg", "his hometown of Lahore").
_TOWN_NOUNS = frozenset(("town", "village", "hometown", "municipality", "suburb", "port", "island"))
PLACE_LABELS = frozenset(("GPE", "LOC", "FAC"))
# The small model tags some places ORG or NORP ("the Kremlin", "in Aleppo"): such entities are
# tried too when a location preposition governs them, and dropped quietly when unknown.
MAYBE_PLACE_LABELS = frozenset(("ORG", "NORP", "EVENT"))
# Names of venues, conferences and institutions that start with their city ("the Munich Security
# Conference", "the Geneva talks", "the Camp David summit"): the leading name is tried as the place.
_NAMED_AFTER_LABELS = frozenset(("ORG", "EVENT", "FAC"))
# Datelines sit in the first lines of an article; looking further only finds false ones.
DATELINE_SCAN_CHARS = 400
# A headline run into the body on the same line ("Pakistan to restore chief justice. ISLAMABAD, Pakistan —
# Pakistan agreed..."), as corpora and plain-text dumps often have it: the dateline may follow it.
_HEADLINE = re.compile(r"[ \t]*[^\n.!?]{10,160}[.!?][ \t]+(?=[A-Z])")
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_WORD = r"[A-Z][\w.'’\-]*"
_DATELINE = re.compile(
    rf"^[ \t]*(?P<place>(?!{_MONTH}[ \t]*\d){_WORD}(?:[ \t]+{_WORD}){{0,3}}"
    rf"(?:,[ \t]*(?!{_MONTH}[ \t]*\d){_WORD}(?:[ \t]+{_WORD}){{0,2}})?)"
    rf"(?:,?[ \t]*(?P<date>{_MONTH}[ \t]+\d{{1,2}}|\d{{1,2}}[ \t]+{_MONTH})(?:,?[ \t]*\d{{4}})?)?"
    # "SOUTH WAZIRISTAN, April 5 (APP):Chief of Army Staff": an agency's colon may be glued to the text
    rf"[ \t]*(?P<agency>\([^()\n]{{1,40}}\))?[ \t]*(?:(?:[-–—]{{1,2}}|:)[ \t]|(?<=\)):(?=[A-Z]))",
    re.MULTILINE,
)


@dataclass(frozen=True, slots=True)
class PlaceOptions:
    """Options of the event place stage.

    Args:
        use_dateline: fall back to the article dateline for events with no place in their sentence.
        sentence_fallback: use a location named elsewhere in the sentence when there is no dateline.
        geo_dir: a folder with gazetteer files; the shipped one when None.
        document_context: (v2) the article-level cascade of `places_context.assign_places`: the
            clause, the same event elsewhere in the article, the host of a visit, the lead, the
            dateline only for events that plausibly happen there, then the parties' country.
    """

    use_dateline: bool = True
    sentence_fallback: bool = True
    geo_dir: str | None = None
    document_context: bool = True

    def __str__(self) -> str:
        context = "-context" if self.document_context else ""
        return f"places-d{int(self.use_dateline)}s{int(self.sentence_fallback)}{context}"


def find_dateline(
    text: str, *, context: PlaceContext | None = None, gazetteer: Gazetteer | None = None
) -> tuple[str, Place | None] | None:
    """Find the dateline at the start of an article (or right after a headline run into it) and resolve its place.

    Args:
        text: the article text.
        context: document context for ambiguous dateline names (none by default).
        gazetteer: defaults to the shipped one.

    Returns:
        (name as written, Place or None when the name is unknown), or None without a dateline.

    Example:
        >>> find_dateline("Brussels, April 23 (AFP) - EU ministers met.")[1].country
        'BEL'
    """
    head = text[:DATELINE_SCAN_CHARS]
    headline = _HEADLINE.match(head)
    starts = [(head, False)] if headline is None else [(head, False), (head[headline.end() :], True)]
    for match, after_headline in ((m, after) for part, after in starts for m in _DATELINE.finditer(part)):
        name = match.group("place").strip()
        agency = match.group("agency")
        city, comma, tail = name.partition(",")
        if comma and tail.strip().upper() in WIRE_AGENCIES:
            name, agency = city.strip(), tail.strip()  # "Moscow, SANA - ...": the agency, bare
        letters = [ch for ch in city if ch.isalpha()]
        shouting = bool(letters) and all(ch.isupper() for ch in letters) and len(letters) > 2
        if not (shouting or agency or match.group("date")):
            continue
        place = resolve_toponym(name, context=context or PlaceContext(), gazetteer=gazetteer, source="dateline")
        if place is None and (after_headline or not shouting):
            continue  # after a headline, only a place we know
        return name, place
    return None


def _trigger_index(sent: Sentence, event: Event) -> int:
    """The token index of the event trigger in its sentence (the root when not found)."""
    start, end = event.span
    inside = [tok for tok in sent.tokens if start <= tok.idx < end] or sent.tokens
    first = event.trigger.split()[0].casefold() if event.trigger.strip() else ""
    for tok in inside:
        if first and tok.text.casefold() == first:
            return tok.i
    for tok in inside:
        if tok.dep == "ROOT":
            return tok.i
    roots = [tok.i for tok in sent.tokens if tok.dep == "ROOT"]
    return roots[0] if roots else 0


# PLOVER types whose events are said rather than done: their place is where they were said.
STATEMENT_TYPES = frozenset({"AGREE", "SUPPORT", "CONCEDE", "REQUEST", "ACCUSE", "REJECT", "THREATEN"})


def _path_to(sent: Sentence, start: int, target: int) -> int:
    """Steps from token `start` up its heads to `target`; -1 when `target` is not above it."""
    i, steps = start, 0
    while 0 <= i < len(sent.tokens) and steps <= len(sent.tokens):
        if i == target:
            return steps
        head = sent.tokens[i].head
        if head == i:
            return -1
        i, steps = head, steps + 1
    return -1


def _entity_root(sent: Sentence, ent: Entity) -> Token:
    for tok in sent.tokens[ent.start : ent.end]:
        if not ent.start <= tok.head < ent.end or tok.head == tok.i:
            return tok
    return sent.tokens[ent.start]


def _qualified_name(sent: Sentence, ent: Entity) -> str:
    """ "Brussels, Belgium": a following place entity in apposition qualifies the name."""
    for other in sent.entities:
        if other.start == ent.end + 1 and other.label in PLACE_LABELS and sent.tokens[ent.end].text == ",":
            return f"{ent.text}, {other.text}"
    return ent.text


@dataclass(frozen=True, slots=True)
class _Candidate:
    names: tuple[str, ...]  # spellings to try in order: "Idlib province", then "Idlib"
    rank: int  # 0 visit destination, 1 attached to the trigger, 2 elsewhere in the sentence
    steps: int
    source: PlaceSource
    optional: bool = False  # an ORG/NORP entity: unknown names are no evidence of a place
    # the leading words of a longer name ("Munich" of "the Munich Security Conference"): only a place's own
    # name counts, not an alternate one ("Ben" of "Ben Gurion International Airport" is no Bern)
    leading: tuple[str, ...] = ()


def _attachment(sent: Sentence, ent: Entity) -> tuple[Token, tuple[str, ...]] | None:
    """The token that carries the entity's attachment, and the spellings to try."""
    root = _entity_root(sent, ent)
    names: tuple[str, ...] = (_qualified_name(sent, ent),)
    while root.dep == "conj" and root.head != root.i:  # "in Aleppo and Idlib"
        root = sent.tokens[root.head]
    noun = sent.tokens[root.head]
    if root.dep in ("compound", "nmod", "amod") and noun.i > root.i:
        if noun.lemma.casefold() in SEAT_NOUNS and ent.label in ("NORP", "GPE"):
            return noun, (f"{ent.text} capital",)  # "outside the German parliament": in Berlin
        if noun.lemma.casefold() in _FACILITY_NOUNS and ent.label == "GPE":
            return noun, names  # "pleaded not guilty in Manhattan federal court": the court is in Manhattan
        if noun.lemma.casefold() not in PLACE_NOUNS:
            return None  # "the U.S. embassy": a modifier, not the place
        # "in Idlib province" tries "Idlib province", then "Idlib"; "the Russian capital" is
        # Moscow, never Russia, so it gets no fallback.
        capital = noun.lemma.casefold() == "capital"
        names = (f"{ent.text} capital",) if capital else (f"{ent.text} {noun.text}", *names)
        root = noun
    of = sent.tokens[root.head]
    if root.dep == "pobj" and of.text.lower() == "of" and of.head != of.i:
        owner = sent.tokens[of.head]
        if owner.lemma.casefold() in PLACE_NOUNS | _TOWN_NOUNS and owner.i < root.i:
            root = owner  # "in his hometown of Lahore", "in the town of Aschaffenburg": where the noun is
    return root, names


def _in_embedded_clause(sent: Sentence, start: int, target: int) -> bool:
    """Whether the head chain from `start` up to `target` passes another verb (target excluded)."""
    i = start
    for _ in range(len(sent.tokens)):
        if i == target or not 0 <= i < len(sent.tokens):
            return False
        if sent.tokens[i].pos == "VERB":
            return True
        if sent.tokens[i].head == i:
            return False
        i = sent.tokens[i].head
    return False


def _leading_names(sent: Sentence, ent: Entity) -> tuple[str, ...]:
    """ "the Munich Security Conference" -> ("Munich Security", "Munich"): the proper nouns it starts with,
    before its head ("Council of Europe" is headed by "Council": no place in it)."""
    words = [t for t in sent.tokens[ent.start : ent.end] if t.text.lower() != "the"]
    if words and words[-1].lemma.casefold() in _STREET_NOUNS:
        return ()  # "1517 Locust Street" is no town of Locust
    root = _entity_root(sent, ent)
    lead = []
    for tok in words[:-1]:
        if tok.pos != "PROPN" or not tok.text[:1].isupper() or tok.i == root.i:
            break
        lead.append(tok.text)
    return tuple(" ".join(lead[:n]) for n in range(len(lead), 0, -1))


# Streets are named after towns and people, and lie in neither.
_STREET_NOUNS = frozenset(("street", "avenue", "road", "boulevard", "lane", "drive", "highway", "st.", "ave."))
# Bodies of a national government that sit in its capital: "at the Russian Foreign Ministry" is in Moscow.
SEAT_NOUNS = frozenset({"ministry", "parliament", "presidency", "chancellery", "cabinet", "government"})


def _seat_of_government(sent: Sentence, ent: Entity) -> tuple[str, ...]:
    """ "the Russian Foreign Ministry" -> ("Russian capital",): a national body named by its nationality."""
    words = [t for t in sent.tokens[ent.start : ent.end] if t.text.lower() != "the"]
    if len(words) < 2 or words[-1].lemma.casefold() not in SEAT_NOUNS:
        return ()
    first = words[0]
    if not first.text[:1].isupper() or first.pos not in ("ADJ", "PROPN"):
        return ()
    return (f"{first.text} capital",)


def _candidate(sent: Sentence, ent: Entity, trigger: int, visit: bool, verbal: bool = False) -> _Candidate | None:
    found = _attachment(sent, ent)
    if found is None:
        return None
    root, names = found
    leading: tuple[str, ...] = ()
    if ent.label in _NAMED_AFTER_LABELS:
        leading = _leading_names(sent, ent)
        names = (*names, *_seat_of_government(sent, ent), *leading)
    optional = ent.label in MAYBE_PLACE_LABELS
    if optional and _acronym(ent.text):
        return None  # "a meeting at the OAS in Washington": an organisation's initials, not the town of Oas
    nouns = {root.i, _entity_root(sent, ent).i}  # "the city of Lahore, where": either noun
    if any(_path_to(sent, trigger, c) >= 0 for n in nouns for c in _where_clauses(sent, n)):
        return _Candidate(names, 1, 0, "text", optional, leading)  # "in Lahore, where supporters fought police"
    head = sent.tokens[root.head]
    if visit and root.dep == "dobj" and root.head == trigger:
        return _Candidate(names, 0, 0, "visit", optional, leading)
    if root.dep != "pobj" or head.dep != "prep":
        return None
    prep = head.text.casefold()
    steps = _path_to(sent, head.head, trigger)
    if visit and prep in DESTINATION_PREPS and steps == 0:
        return _Candidate(names, 0, 0, "visit", optional, leading)
    if _travel_purpose(sent, head, trigger) or _during_visit(sent, head, trigger):
        return _Candidate(names, 0, 0, "visit", optional, leading)
    if prep not in LOCATION_PREPS:
        return None
    if verbal and _said_at(sent, head.head, trigger):
        return _Candidate(names, 1, 1, "text", optional, leading)  # "said Wednesday in Rabat that ..."
    if steps < 0 and _subject_of_clause(sent, head.head, trigger):
        return _Candidate(names, 1, 1, "text", optional, leading)  # "a jury in Fort Worth ... convicted him"
    # "agreed on a plan to restore a truce in Syria": for a statement-like event, a place in
    # a clause embedded under the trigger is what was talked about, not where it was said;
    # for material events ("shelled towns in Idlib") the place stays where it happened.
    topic = verbal and _in_embedded_clause(sent, head.head, trigger)
    # "criticised NATO's intervention in Libya": for a statement, a place that modifies a noun of its
    # object is that noun's, not where the statement was made; unless that noun is itself where the act was
    # ("criticised the Taliban at a news conference in Kabul")
    noun = sent.tokens[head.head]
    setting = noun.dep == "pobj" and sent.tokens[noun.head].text.casefold() in LOCATION_PREPS
    topic = topic or (verbal and steps >= 1 and noun.pos == "NOUN" and trigger != head.head and not setting)
    return _Candidate(names, 1 if steps >= 0 and not topic else 2, steps, "text", optional, leading)


def _where_clauses(sent: Sentence, noun: int) -> list[int]:
    """The "where" relative clauses of a place noun ("Lahore, where his supporters fought police")."""
    return [
        t.i
        for t in sent.tokens
        if t.head == noun
        and t.i != noun
        and t.dep == "relcl"
        and any(c.head == t.i and c.dep == "advmod" and c.text.casefold() == "where" for c in sent.tokens)
    ]


def _acronym(text: str) -> bool:
    """An organisation's initials ("OAS", "the OSCE"): two to six capitals."""
    word = text.removeprefix("the ").strip()
    return 2 <= len(word) <= 6 and word.isalpha() and word.isupper()


def _subject_of_clause(sent: Sentence, noun: int, trigger: int) -> bool:
    """`noun` is the subject of the trigger's verb, or of a verb above it with no other subject between ("a
    federal jury in Fort Worth deliberated before convicting Webb", "police in Lagos arrested two men"):
    where the doer is, the act is."""
    tok = sent.tokens[noun]
    if tok.dep not in ("nsubj", "nsubjpass"):
        return False
    verb = tok.head
    with_subject = {t.head for t in sent.tokens if t.dep in ("nsubj", "nsubjpass")}
    i = trigger
    for _ in range(len(sent.tokens)):
        if i == verb:
            return True
        if i in with_subject:
            return False  # the act's clause, or one in between, has a subject of its own
        if sent.tokens[i].head == i:
            return False
        i = sent.tokens[i].head
    return False


def _travel_purpose(sent: Sentence, prep: Token, trigger: int) -> bool:
    """The trigger is what a journey was for, and `prep` names where it went: "left for Washington to
    meet her counterparts", "will travel to Moscow to meet Lavrov" happen at the destination."""
    verb = sent.tokens[prep.head]
    lemma, word = verb.lemma.casefold(), prep.text.casefold()
    journey = (lemma in VISIT_LEMMAS and word in DESTINATION_PREPS) or (lemma in _LEAVE_LEMMAS and word == "for")
    event = sent.tokens[trigger]
    return journey and event.head == verb.i and event.i != verb.i and event.dep in ("advcl", "xcomp")


# Talk whose object is its topic: "discussed the crisis in Syria" was not held in Syria.
_TALK_VERBS = frozenset({"discuss", "debate", "negotiate"})
# Verbs that tell where something was said: "said in Rabat", "told reporters in Baghdad", "speaking in Kabul".
_SPEAKING_LEMMAS = frozenset({"say", "tell", "speak", "announce", "state", "add", "declare", "write", "tweet"})


def _said_at(sent: Sentence, noun: int, trigger: int) -> bool:
    """A statement is made where its verb of saying was: the place phrase hangs on that verb (or on a noun
    below it: "at a news conference in Kabul") and the trigger is in the clause it reports ("said Wednesday
    in Rabat that the United States appreciates ...", "told reporters in Baghdad that Tehran condemned ...")
    or is its sentence's main verb after a participle of speaking ("Speaking in Kabul, the envoy criticised
    the Taliban")."""
    verb = noun
    for _ in range(4):  # "at a news conference in Kabul": in -> conference -> at -> speaking
        tok = sent.tokens[verb]
        if tok.pos in ("VERB", "AUX") or tok.head == tok.i:
            break
        verb = tok.head
    tok = sent.tokens[verb]
    if tok.lemma.casefold() not in _SPEAKING_LEMMAS:
        return False
    if _path_to(sent, trigger, verb) > 0:
        return True  # the trigger is in what was said
    return tok.dep == "advcl" and tok.tag == "VBG" and tok.head == trigger  # "Speaking in Kabul, X criticised"


def _during_visit(sent: Sentence, prep: Token, trigger: int) -> bool:
    """The trigger was done during a visit to where `prep` names: "discussed the issue with Netanyahu during
    his visit to Israel", "On a trip to Beijing, Macron urged China..." happen there."""
    noun = sent.tokens[prep.head]
    if prep.text.casefold() not in DESTINATION_PREPS or noun.lemma.casefold() not in VISIT_LEMMAS:
        return False
    frame = sent.tokens[noun.head]
    return noun.dep == "pobj" and frame.text.casefold() in ("during", "on", "in") and frame.head == trigger


def _vague(sent: Sentence, trigger: int) -> bool:
    """A location preposition under the trigger whose object is a kind of place, not a name."""
    for tok in sent.tokens:
        if tok.dep != "pobj" or tok.ent_type in PLACE_LABELS or tok.pos == "PROPN":
            continue
        prep = sent.tokens[tok.head]
        vague = prep.text.casefold() in LOCATION_PREPS and tok.lemma.casefold() in VAGUE_NOUNS
        if vague and _path_to(sent, prep.head, trigger) >= 0:
            return True
    return False


class EventPlaceStage(Stage):
    """Fill `Event.place` (or `Event.place_reason`) for each event of an article.

    Args:
        options: stage options.
        gazetteer: an already loaded gazetteer (tests); loaded from `options.geo_dir` otherwise.

    Example:
        >>> stage = EventPlaceStage()
        >>> article = stage.process(article)  # doctest: +SKIP
    """

    name: ClassVar[str] = "annales.resolve.places.v2"
    requires: ClassVar[tuple[str, ...]] = ("article.events", "article.sentences")
    assigns: ClassVar[tuple[str, ...]] = ("event.place",)

    def __init__(self, options: PlaceOptions | None = None, *, gazetteer: Gazetteer | None = None) -> None:
        super().__init__()
        self.options = options or PlaceOptions()
        self._gazetteer = gazetteer

    @property
    def gazetteer(self) -> Gazetteer:
        if self._gazetteer is None:
            self._gazetteer = load_gazetteer(self.options.geo_dir)
        return self._gazetteer

    def process(self, article: Article) -> Article:
        """Set `place`/`place_reason` on every event of `article`; counts `place_<source>`/`unresolved_<reason>`."""
        if not article.events:
            return article
        names = [name for sent in article.sentences for name in local_names(sent)]
        dateline = find_dateline(article.text, gazetteer=self.gazetteer) if self.options.use_dateline else None
        dateline_place = dateline[1] if dateline else None
        home = dateline_place.country if dateline_place else domestic_country(article)
        context = document_context(names, dateline_country=home, gazetteer=self.gazetteer)
        by_index = {sent.index: sent for sent in article.sentences}
        if self.options.document_context:
            for outcome in assign_places(article, self, context, dateline_place):
                self.count(outcome)
            return article
        for event in article.events:
            sent = by_index.get(event.sentence_index)
            place, reason = self._place_of(event, sent, context, dateline_place)
            event.place, event.place_reason = place, reason
            self.count(f"place_{place.source}" if place else f"unresolved_{reason}")
        return article

    def clause_place(
        self, event: Event, sent: Sentence | None, context: PlaceContext
    ) -> tuple[Place | None, str | None]:
        """The place the event's own clause names (or its visit destination); (None, reason) otherwise."""
        if sent is None or not sent.tokens:
            return None, "no_toponym"
        cands = self._candidates(event, sent)
        place, reason = self._resolve([c for c in cands if c.rank < 2], context)
        if place is not None:
            return replace(place, source="clause" if place.source == "text" else place.source), None
        if _vague(sent, _trigger_index(sent, event)):
            return None, "vague"
        if reason is None and any(c.rank == 1 and c.optional for c in cands):
            return None, "unknown_name"  # "a meeting in the Oval Office": a venue the gazetteer does not know
        return None, reason or "no_toponym"

    def _candidates(self, event: Event, sent: Sentence) -> list[_Candidate]:
        trigger = _trigger_index(sent, event)
        verb = happening_verb(sent.tokens, trigger)  # "talks will take place in Minsk": the place hangs on the verb
        trigger = trigger if verb is None else verb
        visit = event.mode == "visit" or sent.tokens[trigger].lemma.casefold() in VISIT_LEMMAS
        labels = PLACE_LABELS | MAYBE_PLACE_LABELS
        verbal = event.type in STATEMENT_TYPES or sent.tokens[trigger].lemma.casefold() in _TALK_VERBS
        found = (_candidate(sent, ent, trigger, visit, verbal) for ent in sent.entities if ent.label in labels)
        return sorted((c for c in found if c is not None), key=lambda c: (c.rank, c.steps))

    def _place_of(
        self, event: Event, sent: Sentence | None, context: PlaceContext, dateline: Place | None
    ) -> tuple[Place | None, str | None]:
        cands: list[_Candidate] = []
        trigger = -1
        if sent is not None and sent.tokens:
            trigger = _trigger_index(sent, event)
            visit = event.mode == "visit" or sent.tokens[trigger].lemma.casefold() in VISIT_LEMMAS
            labels = PLACE_LABELS | MAYBE_PLACE_LABELS
            verbal = event.type in STATEMENT_TYPES or sent.tokens[trigger].lemma.casefold() in _TALK_VERBS
            found = (_candidate(sent, ent, trigger, visit, verbal) for ent in sent.entities if ent.label in labels)
            cands = sorted((c for c in found if c is not None), key=lambda c: (c.rank, c.steps))
        place, reason = self._resolve([c for c in cands if c.rank < 2], context)
        if place is not None or reason is not None:
            return place, reason
        if sent is not None and sent.tokens and _vague(sent, trigger):
            return None, "vague"
        if dateline is not None:
            return replace(dateline), None  # a copy per event: records are mutable
        if self.options.sentence_fallback:
            place, reason = self._resolve([c for c in cands if c.rank == 2], context)
        if place is not None or reason is not None:
            return place, reason
        return None, "no_toponym"

    def _resolve(self, cands: Iterable[_Candidate], context: PlaceContext) -> tuple[Place | None, str | None]:
        """The first candidate that resolves; else (None, why) or (None, None) when nothing counted."""
        first_failure: Resolution | None = None
        for cand in cands:
            for name in cand.names:
                res = resolve_scored(name, context=context, gazetteer=self.gazetteer)
                if name in cand.leading and res.entry is not None and not is_main_name(res.entry, normalize_name(name)):
                    continue
                if (
                    res.entry is not None
                    and res.reason is None
                    and res.entry.feature == "area"
                    and not res.entry.country
                ):
                    # "growth and jobs across Europe": a continent or a region of several countries is no
                    # event's place
                    first_failure = first_failure or Resolution(None, "too_coarse")
                    continue
                if res.entry is not None and res.reason is None:
                    return entry_to_place(res.entry, source=cand.source), None
                if not (cand.optional and res.reason == "unknown_name"):
                    first_failure = first_failure or res
        return None, first_failure.reason if first_failure else None
