"""The context of an actor mention in its sentence: phrase groups, clauses, owners, places.

Used by `resolve.ActorResolver`: the records of one resolution (`Match`, `Group`, `Antecedent`,
`SentenceState`), the word lists that steer it, and the parse-reading helpers (the head of a
span, the clause of a token, what owns an agent, where a clause happens, which country a tied
article's agent belongs to), each with the example it exists for.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType

from annales.pipeline.actors.countries import NGO_CODE
from annales.pipeline.actors.gender import Gender
from annales.pipeline.actors.model import (
    ActorEntry,
    fold,
    is_igo_code,
    is_org_code,
    is_sector_code,
    norm_token,
    split_code,
)
from annales.records import Actor, Sentence, Token

# Sectors a group that governs a country lends its armed members: "Taliban fighters" in 2023 are
# AFG.MIL, not AFG.GOV; "Taliban officials" stay AFG.GOV.
ARMED_SECTORS = frozenset({"MIL", "POL", "SPY"})
FIGHTER_SECTORS = frozenset({"REB", "INS", "UAF"})  # "fighters", "militants" of a governing group
# Tokens that may sit between the parts of one actor phrase ("Russia's new foreign minister").
JOINERS = frozenset({"'s", "'", "the", "new", "top", "senior", "chief", "then", "acting"})
JOIN_POS = frozenset({"DET", "ADJ", "NUM"})
ARTICLES = frozenset({"a", "an", "the"})
MAX_GAP = 2
HONORIFICS = frozenset({"mr", "mrs", "ms", "dr", "sir", "madam"})
# Countries whose people the English press names family name first ("Kim Jong Un", "Xi Jinping").
FAMILY_NAME_FIRST = frozenset({"CHN", "PRK", "KOR", "TWN", "HKG", "MAC"})
MODIFIER_DEPS = frozenset({"amod", "compound", "poss", "nmod", "nn"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
NOUN_POS = frozenset({"NOUN", "PROPN", ""})
COUNTRY_KINDS = frozenset({"country", "capital"})
# Entries whose country counts towards the article's main country (places and "other" do not).
VOTING_KINDS = frozenset({"country", "capital", "person", "group", "org"})
OWNER_PREPS = frozenset({"of"})  # "officials of Iran"; not "from": "withdrew forces from Panama"
LOCATIVE_PREPS = frozenset({"in", "at", "outside", "inside", "across", "near", "throughout", "around", "within"})
CLAUSE_POS = frozenset({"VERB", "AUX"})
# Sectors whose members usually belong where they are: "protesters in Yerevan" are Armenian, but
# "troops in Ukraine" or "diplomats in Geneva" need not be.
LOCAL_SECTORS = frozenset(
    {"ACT", "CVL", "OPP", "POL", "LEG", "JUD", "MED", "BUS", "NGO", "PTY", "EDU", "HLH", "LAB", "REL", "CRM", "PPL"}
)
OBJECT_PRONOUNS = frozenset({"him", "her"})
# Possessives that refer to a state or group: "its troops", "their forces" belong to the clause's subject.
GROUP_POSSESSIVES = frozenset({"its", "their"})
# Agents that spaCy's small model often tags ADJ when they stand alone ("Myanmar's military seized power").
ADJECTIVAL_AGENTS = frozenset({"military", "paramilitary"})
# Clauses whose subject is their governor's: "willing to send", "agreed to withdraw", "met and agreed".
CONTROLLED_DEPS = frozenset({"xcomp", "acomp", "conj"})
# Nouns whose "of" complement is not an actor: "freedom of the press", "board of governors".
NOT_ACTOR_HEADS = frozenset({"freedom", "freedoms", "liberty", "board", "boards", "independence"})
# Definite descriptions that refer back to an organisation: "the agency" -> the last org named with
# "agency" in its name; the generic ones take the last international organisation named.
ORG_NOUNS = frozenset(
    {"agency", "alliance", "bloc", "union", "organisation", "organization", "fund", "bank", "court", "council"}
    | {"watchdog", "body", "commission", "tribunal", "group", "movement", "party", "ministry"}
)
# Definite descriptions that refer back to the armed or militant group named in the sentences just before
# ("Hamas fired rockets. The group said ..."), and how many sentences back it may be.
GROUP_NOUNS = frozenset({"group", "movement", "militia", "organisation", "organization"})
GROUP_WINDOW = 2
# Nouns of people or groups: an agent compounded with them still names an actor ("opposition groups").
ROLE_HEADS = frozenset(
    {"group", "groups", "source", "sources", "speaker", "delegation", "delegations", "faction", "factions"}
    | {"wing", "unit", "units", "team", "teams", "circles", "envoy", "envoys", "negotiator", "negotiators"}
)
# Installations of an armed or security agent: attacking "police checkpoints" or "an army base"
# targets the police or the army, so the agent stays an actor there (unlike "press conference").
FACILITY_NOUNS = frozenset(
    {"base", "bases", "checkpoint", "checkpoints", "post", "posts", "station", "stations", "convoy", "convoys"}
    | {"position", "positions", "barracks", "outpost", "outposts", "patrol", "patrols", "camp", "camps"}
)
# Facilities and areas: a place that only names where they are is no actor ("a Geneva hotel").
SITE_NOUNS = frozenset(
    {"hotel", "hotels", "airport", "hospital", "stadium", "square", "street", "suburb", "suburbs", "district"}
    | {"neighbourhood", "neighborhood", "outskirts", "venue", "port", "metro", "subway", "station", "resort"}
)
# Streets and roads: any name they carry is an address, never a party ("Falcon Street", "Hamra Street").
STREET_NOUNS = frozenset(
    {"street", "streets", "st", "road", "rd", "avenue", "ave", "boulevard", "blvd", "lane", "drive", "highway"}
    | {"expressway", "freeway", "motorway", "crescent", "parkway"}
)
# People named for what they study or cover: "a Ukraine specialist", "a Russia expert" is no Ukrainian or Russian.
TOPIC_NOUNS = frozenset(
    {"specialist", "specialists", "expert", "experts", "analyst", "analysts", "scholar", "scholars", "watcher"}
    | {"watchers", "hand", "hands", "hawk", "hawks", "correspondent", "correspondents", "researcher", "researchers"}
    | {"historian", "historians", "observer", "observers"}
)
# Meetings an organisation names without acting: "the G20 summit in Osaka" is a venue (issue 12).
VENUE_NOUNS = frozenset(
    {"summit", "summits", "meeting", "meetings", "conference", "conferences", "session", "sessions", "forum"}
    | {"gathering", "ministerial", "sidelines", "chairmanship", "presidency", "charter"}
)
GENERIC_ORG_NOUNS = frozenset({"organisation", "organization", "watchdog", "body"})
# Nouns that name a kind of organisation and the org codes of that kind.
KIND_ORGS: Mapping[str, frozenset[str]] = MappingProxyType(
    {
        "alliance": frozenset({"NATO"}),
        "bloc": frozenset({"EU", "ASEAN", "AU", "GCC", "OAS", "ARL", "OPEC", "ECOWAS", "SADC", "EAC", "BRICS"})
        | frozenset({"SCO", "CIS", "CSTO", "IGAD", "OIC", "G7", "G20"}),
    }
)
# Agents naming a position inside a group rather than a sector: "opposition leader" is OPP.
HEAD_NOUNS = frozenset(
    [
        "leader",
        "leaders",
        "chief",
        "chiefs",
        "head",
        "heads",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "commander",
        "commanders",
        "official",
        "officials",
        "member",
        "members",
        "representative",
        "representatives",
        "figure",
        "figures",
        "negotiator",
        "negotiators",
        "delegation",
        "delegations",
        "envoy",
        "envoys",
    ]
)


@dataclass(slots=True)
class Match:
    start: int  # token index within the sentence
    end: int  # exclusive
    entry: ActorEntry | None = None
    sector: str | None = None  # for agents
    head_noun: bool = False  # an agent such as "leader" that takes the sector of what precedes it
    key: tuple[str, ...] = ()  # the normalised tokens matched


@dataclass(slots=True)
class Group:
    matches: list[Match] = field(default_factory=list)
    name_end: int = -1  # end of an unknown PERSON entity that follows a title ("Advisor Tom Donilon")
    definite: bool = False  # "the agency", referring back to an organisation

    @property
    def start(self) -> int:
        return self.matches[0].start

    @property
    def end(self) -> int:
        return max(self.matches[-1].end, self.name_end)

    @property
    def person(self) -> ActorEntry | None:
        return next((m.entry for m in self.matches if m.entry and m.entry.kind == "person"), None)

    @property
    def modifier(self) -> ActorEntry | None:
        return next((m.entry for m in self.matches if m.entry and m.entry.kind != "person"), None)

    @property
    def sector(self) -> str | None:
        """The sector of the last agent, or of the one before when the last is a head noun; a party the
        opposition names is the opposition ("the opposition Conservatives")."""
        agents = [m for m in self.matches if m.sector]
        if len(agents) > 1 and agents[-1].head_noun:
            return agents[-2].sector
        if len(agents) > 1 and agents[-1].sector == "PTY" and any(m.sector == "OPP" for m in agents[:-1]):
            return "OPP"
        return agents[-1].sector if agents else None


@dataclass(slots=True)
class Antecedent:
    actor: Actor
    subject: bool
    gender: Gender | None = None
    clause: int = -1  # token index of the clause head in the current sentence; -1 in an earlier one


@dataclass(slots=True)
class SentenceState:
    """What resolving one sentence needs besides its groups."""

    sent: Sentence
    as_of: dt.date | None
    country: str | None  # the article's main country
    dateline: set[int]  # token indices inside a dateline
    previous: list[Antecedent]  # people of the previous sentence
    current: list[Antecedent] = field(default_factory=list)  # people of this sentence so far
    groups: list[Group] = field(default_factory=list)  # the sentence's groups outside the dateline
    tied: frozenset[str] = frozenset()  # countries sharing the article's top count, when several do
    cast: tuple[ActorEntry, ...] = ()  # the people of the table the article names
    near: tuple[ActorEntry, ...] = ()  # those named in this sentence and the two before it
    # title -> country of its last holder named in this sentence or the two before, and that sentence's index
    # (-1: this one)
    titles: dict[tuple[str, ...], tuple[str, int]] = field(default_factory=dict)


def bare_adjective(tokens: list[Token], tok: Token) -> bool:
    """An agent tagged ADJ with no noun after it ("Myanmar's military seized power"): a noun, mis-tagged."""
    if tok.pos != "ADJ" or norm_token(tok.text) not in ADJECTIVAL_AGENTS:
        return False
    following = tokens[tok.i + 1] if tok.i + 1 < len(tokens) else None
    if following is not None and norm_token(following.text) in FACILITY_NOUNS:
        return True  # "Israeli military positions" were attacked: the military was
    return following is None or following.pos not in ("NOUN", "PROPN", "ADJ", "NUM")


def predicate_inside(span: list[Token]) -> bool:
    """True when a token of the span is the verb of a clause ("ousted" in "parliament ousted prime minister")."""
    return any(tok.pos == "VERB" and tok.dep not in ("amod", "compound", "acl", "") for tok in span)


def dateline_tokens(sent: Sentence, spans: list[tuple[int, int]]) -> set[int]:
    return {tok.i for tok in sent.tokens for start, end in spans if start <= tok.idx and tok.end <= end}


def refer_definites(sentences: Sequence[Sentence], groups: list[list[Group]], datelines: list[set[int]]) -> None:
    """Add a group for each "the agency"/"the alliance" that refers to an organisation named before."""
    recent: list[ActorEntry] = []
    armed: list[tuple[int, ActorEntry]] = []  # (sentence, entry) of each armed or militant group named
    for number, (sent, sent_groups, dateline) in enumerate(zip(sentences, groups, datelines, strict=True)):
        taken = {i for group in sent_groups for i in range(group.start, group.end)} | dateline
        pending = sorted(sent_groups, key=lambda group: group.start)
        added = []
        for tok in sent.tokens:
            while pending and pending[0].start <= tok.i:
                entry = pending.pop(0).modifier
                if entry is not None and entry.kind == "org":
                    recent.append(entry)
                elif entry is not None and entry.kind == "group":
                    armed.append((number, entry))
            noun = norm_token(tok.text)
            if tok.i in taken or noun not in ORG_NOUNS or not tok.text.islower() or tok.i == 0:
                continue
            if norm_token(sent.tokens[tok.i - 1].text) == "the" and tok.pos in NOUN_POS:
                entry = _antecedent_org(recent, noun)
                if entry is None and noun in GROUP_NOUNS and armed and number - armed[-1][0] <= GROUP_WINDOW:
                    entry = armed[-1][1]  # "Hamas fired rockets at Israel. The group said ...": Hamas
                if entry is not None:
                    added.append(Group([Match(tok.i - 1, tok.i + 1, entry=entry)], definite=True))
        sent_groups.extend(added)
        sent_groups.sort(key=lambda group: group.start)


def _antecedent_org(recent: list[ActorEntry], noun: str) -> ActorEntry | None:
    for entry in reversed(recent):
        if noun in fold(entry.name).split() or any(noun in alias.split(" ") for alias in entry.aliases):
            return entry
    kinds = KIND_ORGS.get(noun)
    for entry in reversed(recent):
        org = entry.country
        if org and is_org_code(org) and (noun in GENERIC_ORG_NOUNS or (kinds is not None and org in kinds)):
            return entry
    return None


def span_head(sent: Sentence, start: int, end: int) -> int:
    """The token of [start, end) whose head lies outside the span (the last such one)."""
    heads = [i for i in range(start, end) if not start <= sent.tokens[i].head < end or sent.tokens[i].head == i]
    return heads[-1] if heads else end - 1


def clause_head(sent: Sentence, i: int) -> int:
    """The verb governing token `i` (itself if it is one), else the root."""
    seen = 0
    while sent.tokens[i].pos not in CLAUSE_POS and sent.tokens[i].head != i and seen < len(sent.tokens):
        i = sent.tokens[i].head
        seen += 1
    return i


# Participles joined to a country that make it the owner: "British-flagged tanker", "Saudi-led coalition"
# (not "US-backed forces", "Russian-made jets": backed by, made by someone else).
OWNER_PARTICIPLES = frozenset({"flagged", "owned", "led", "operated", "registered", "run", "controlled"})


def owns(sent: Sentence, tok: Token, span: range) -> bool:
    """True when `tok` modifies the span: "Syrian rebels", "Iran's army", "troops from Russia", "the
    British-flagged tanker"."""
    if tok.head in span and tok.dep in MODIFIER_DEPS:
        return True
    head = sent.tokens[tok.head]  # a participle ("British-flagged") or a preposition ("from Russia")
    if (
        tok.dep in ("npadvmod", "amod", "compound")
        and head.head in span
        and head.dep == "amod"
        and head.text.lower() in OWNER_PARTICIPLES
        and tok.end <= head.idx <= tok.end + 1  # joined by a hyphen
    ):
        return True
    return tok.dep == "pobj" and head.head in span and norm_token(head.text) in OWNER_PREPS


# Agent words that also name what is handed over ("share intelligence"), and the verbs that hand it over.
INFORMATION_AGENTS = frozenset({"intelligence"})
SHARING_VERBS = frozenset(
    {"share", "exchange", "gather", "collect", "provide", "pass", "swap", "receive", "obtain", "supply", "trade"}
)


def not_actor(sent: Sentence, groups: list[Group], group: Group, head: int) -> bool:
    """A bare agent used as a modifier ("press conference") or in an idiom ("freedom of the press")."""
    tok = sent.tokens[head]
    taken = {i for other in groups for i in range(other.start, other.end)}
    noun = sent.tokens[tok.head]
    if tok.dep == "compound" and noun.i != tok.i and noun.i not in taken and noun.pos == "NOUN":
        return norm_token(noun.text) not in ROLE_HEADS and norm_token(noun.text) not in FACILITY_NOUNS
    information = tok.dep in ("dobj", "obj") and norm_token(tok.text) in INFORMATION_AGENTS
    if information and noun.lemma.lower() in SHARING_VERBS:
        return True  # "agencies sharing intelligence": information, not the spies
    prep = sent.tokens[tok.head]
    owner = sent.tokens[prep.head]
    return tok.dep == "pobj" and norm_token(prep.text) == "of" and norm_token(owner.text) in NOT_ACTOR_HEADS


def shared_sector(sent: Sentence, groups: list[Group], group: Group) -> str | None:
    """The sector of the agent a demonym shares with the one coordinated after it: "Indian and Chinese
    officials" are Indian officials too."""
    if group.modifier is None or group.modifier.kind not in COUNTRY_KINDS or group.end - group.start != 1:
        return None
    tok = sent.tokens[group.start]
    if tok.dep not in ("amod", "compound", "nmod"):
        return None
    partner = next((t for t in sent.tokens if t.head == tok.i and t.dep == "conj"), None)
    for other in groups:
        if other is group or partner is None or not other.start <= partner.i < other.end:
            continue
        if other.sector is not None and other.start <= tok.head < other.end and other.modifier is not None:
            return other.sector if other.modifier.kind in COUNTRY_KINDS else None
    return None


def says_former(sent: Sentence, group: Group) -> bool:
    """True when "former" or "ex" qualifies the phrase ("former defence minister X", "ex-President X")."""
    first = max(group.start - 2, 0)
    return any(norm_token(tok.text) in ("former", "ex") for tok in sent.tokens[first : group.end])


def clause_subject_country(state: SentenceState, i: int) -> str | None:
    """The country or organisation code of the subject of token `i`'s clause ("Mordor withdrew its troops")."""
    sent = state.sent
    clause = clause_head(sent, i)
    for _ in range(3):  # "Rohan is willing to send troops": the subject of "is" sends them
        for other in state.groups:
            tok = sent.tokens[span_head(sent, other.start, other.end)]
            if tok.dep in SUBJECT_DEPS and tok.head == clause:
                entry = other.person or other.modifier
                return country_of(entry, state.as_of) if entry is not None else None
        if sent.tokens[clause].dep not in CONTROLLED_DEPS:
            return None
        clause = sent.tokens[clause].head
    return None


def clause_country(state: SentenceState, head: int) -> str | None:
    """The country of a place named as a location of the agent's clause ("... in Yerevan")."""
    sent = state.sent
    clause = clause_head(sent, head)
    for other in state.groups:
        entry = other.modifier
        if entry is None or entry.kind not in COUNTRY_KINDS or other.person is not None:
            continue
        tok = sent.tokens[span_head(sent, other.start, other.end)]
        prep = sent.tokens[tok.head]
        locative = tok.dep == "pobj" and prep.dep == "prep" and norm_token(prep.text) in LOCATIVE_PREPS
        # "protesters gathered in Yerevan" (the clause's place) or "civilians in Gaza" (the agent's own)
        if locative and (clause_head(sent, prep.i) == clause or prep.head == head):
            return country_of(entry, state.as_of)
    return None


# Titles whose "to X" names where the holder is sent, never whose they are ("the ambassador to Russia").
POSTED_TITLES = frozenset({"ambassador", "ambassadors", "envoy", "envoys", "emissary", "consul", "representative"})


def posted_to(state: SentenceState, group: Group, head: int) -> str | None:
    """The country a diplomat is posted to ("special envoy to Kyiv", "its ambassador to Russia"), if any."""
    sent = state.sent
    if not any(norm_token(tok.text) in POSTED_TITLES for tok in sent.tokens[group.start : group.end]):
        return None
    for prep in sent.tokens:
        if prep.head != head or prep.i == head or norm_token(prep.text) != "to":
            continue
        for other in state.groups:
            inside = range(other.start, other.end)
            if other.modifier is not None and any(sent.tokens[i].head == prep.i for i in inside):
                return home_country(other.modifier, state.as_of)
    return None


def tied_owner(state: SentenceState, head: int) -> str | None:
    """When several countries share the article's top count, the one an agent most likely belongs to.

    The object of a tied country's verb is that country's ("Rohan is willing to send troops to
    Gondor"); any other agent takes the tied country named nearest it in its sentence ("France
    withdrew its troops from Mali after a breakdown with the junta": the junta is Mali's).
    """
    if not state.tied:
        return None
    if state.sent.tokens[head].dep in ("dobj", "obj"):
        subject = clause_subject_country(state, head)
        if subject in state.tied:
            return subject
    best: tuple[int, str] | None = None
    for other in state.groups:
        entry = other.modifier
        if entry is None or entry.kind not in COUNTRY_KINDS or other.person is not None:
            continue
        country = country_of(entry, state.as_of)
        distance = min(abs(head - other.start), abs(head - (other.end - 1)))
        if country in state.tied and (best is None or distance < best[0]):
            best = (distance, country)
    return best[1] if best else None


def apposed_person_country(state: SentenceState, group: Group, head: int) -> str | None:
    """The country of a person in apposition: "Moon Jae-in, the president", "the president, Moon Jae-in"."""
    sent, span = state.sent, range(group.start, group.end)
    for other in state.groups:
        if other is group or other.person is None:
            continue
        other_head = sent.tokens[span_head(sent, other.start, other.end)]
        if (sent.tokens[head].dep == "appos" and other.start <= sent.tokens[head].head < other.end) or (
            other_head.dep == "appos" and other_head.head in span
        ):
            return country_of(other.person, state.as_of)
    return None


def names_site(sent: Sentence, groups: list[Group], group: Group, nouns: frozenset[str] = SITE_NOUNS) -> bool:
    """True for a name that modifies a facility or area noun outside any mention ("a Geneva hotel").

    With `VENUE_NOUNS`, for an organisation that names a meeting ("the G20 summit in Osaka").
    """
    tok = sent.tokens[span_head(sent, group.start, group.end)]
    site = sent.tokens[tok.head]
    in_mention = any(other.start <= site.i < other.end for other in groups)
    return tok.dep == "compound" and not in_mention and norm_token(site.text) in nouns


def is_igo_entry(entry: ActorEntry, as_of: dt.date | None) -> bool:
    code, _ = entry.code_at(as_of)
    return code is not None and is_igo_code(split_code(code)[0])


# Last words of an office's name that make it a title a person's name can follow ("White House Press Secretary").
OFFICE_TITLES = frozenset({"secretary", "spokesman", "spokeswoman", "spokesperson"})


def attach_titled_names(sent: Sentence, groups: list[Group], titles: frozenset[int] = frozenset()) -> None:
    """Let a title absorb the unknown PERSON entity right after it ("Advisor Tom Donilon"); in a sentence
    parsed without the recogniser, the rest of the run of proper nouns the title ends inside ("White House
    Press Secretary Stephanie Grisham"). `titles`: the ends of named offices that end in a title (an
    organisation entry such as "White House Press Secretary"), which take a name as an agent does."""
    if sent.recognised:
        starts = {ent.start: ent.end for ent in sent.entities if ent.label == "PERSON"}
    else:
        starts = {i: end for start, end in proper_noun_runs(sent.tokens) for i in range(start, end)}
    taken = {i for group in groups for i in range(group.start, group.end)}
    for group in groups:
        end = starts.get(group.end)
        if end is None or group.person is not None or (group.matches[-1].sector is None and group.end not in titles):
            continue
        if not taken.intersection(range(group.end, end)):
            group.name_end = end


def remember(surnames: dict[str, ActorEntry], entry: ActorEntry, span: list[Token]) -> None:
    names = entry.name.split()
    if len(names) > 1:
        surnames[norm_token(names[-1])] = entry
        if entry.country in FAMILY_NAME_FIRST:
            surnames[norm_token(names[0])] = entry  # "Kim Jong Un ... Kim said"
    if len(span) > 1:
        surnames[norm_token(span[-1].text)] = entry


def country_of(entry: ActorEntry | None, as_of: dt.date | None) -> str | None:
    if entry is None:
        return None
    code, _ = entry.code_at(as_of)
    return split_code(code)[0] if code else entry.country


def home_country(entry: ActorEntry | None, as_of: dt.date | None) -> str | None:
    """The country (never an organisation) an entry stands for on `as_of`."""
    if entry is None:
        return None
    country = country_of(entry, as_of)
    return None if country is None or is_org_code(country) or is_sector_code(country) else country


def is_org(code: str) -> bool:
    return is_org_code(split_code(code)[0])


def with_sector(modifier: ActorEntry, code: str | None, sector: str | None) -> str | None:
    """The code of a country, group or organisation modified by an agent.

    "Russian troops" -> RUS.MIL; "al Qaeda leader" and "UN troops" keep the group's code; a group
    that governs on the date lends its armed members the country's sector ("Taliban fighters" in
    2023 -> AFG.MIL; "HTS fighters" in 2025 -> SYR.MIL).
    """
    if not code or not sector or is_org(code):
        return code
    country, own = split_code(code)
    if modifier.kind in COUNTRY_KINDS:
        return f"{country}.{sector}"
    if own == "GOV" and (sector in ARMED_SECTORS or sector in FIGHTER_SECTORS):
        return f"{country}.{sector if sector in ARMED_SECTORS else 'MIL'}"
    return code


def make_actor(
    sent: Sentence,
    start: int,
    end: int,
    code: str | None,
    name: str | None,
    reason: str | None,
    *,
    fallback: str | None = None,
    kind: str | None = None,
) -> Actor:
    """An actor mention; `kind` says what it names (country, capital, place, person, org, group, agent,
    name, pronoun): the coder's frames read it (a place after "in" is a venue, not a party)."""
    text_start, text_end = sent.tokens[start].idx, sent.tokens[end - 1].end
    text = sent.text[text_start - sent.start : text_end - sent.start]
    if code is None:
        return Actor(text, None, fallback, None, name, text_start, text_end, reason or "no_code", kind)
    country, sector = split_code(code)
    if not sector and is_igo_code(country):
        sector = "IGO"
    elif not sector and country == NGO_CODE:
        sector = NGO_CODE
    return Actor(text, code, country, sector, name, text_start, text_end, None, kind)


# Days and months: capitalised, tagged as proper nouns, and no one's name.
CALENDAR_WORDS = frozenset(
    {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march"}
    | {"april", "may", "june", "july", "august", "september", "october", "november", "december"}
)
# Proper nouns that name no one: days, months, and the like (the tagger marks them NNP).
_NOT_NAMES = CALENDAR_WORDS | frozenset(
    {"mr", "mrs", "ms", "dr", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"}
    | {"am", "pm", "st"}
)


def _joining_hyphen(tokens: Sequence[Token], tok: Token) -> bool:
    """A hyphen inside a name, touching proper nouns on both sides ("Amir-Abdollahian", "Murray-Bruce")."""
    if tok.text != "-" or tok.i == 0 or tok.i + 1 >= len(tokens):
        return False
    before, after = tokens[tok.i - 1], tokens[tok.i + 1]
    touching = before.idx + len(before.text) == tok.idx and tok.idx + 1 == after.idx
    return touching and before.pos == "PROPN" and after.pos == "PROPN"


def proper_noun_runs(tokens: Sequence[Token]) -> list[tuple[int, int]]:
    """Token spans [start, end) of the runs of proper nouns ("Rapid Support Forces", "Hemedti"), without
    days, months and titles' abbreviations; what stands for named entities in a parse without them."""
    runs: list[tuple[int, int]] = []
    start = -1
    for tok in [*tokens, None]:
        name = (
            tok is not None
            and tok.pos == "PROPN"
            and tok.text[:1].isalpha()
            and tok.text.casefold().rstrip(".") not in _NOT_NAMES
        ) or (tok is not None and start >= 0 and _joining_hyphen(tokens, tok))
        if name and start < 0:
            start = tok.i  # type: ignore[union-attr]
        elif not name and start >= 0:
            runs.append((start, tok.i if tok is not None else len(tokens)))
            start = -1
    return runs
