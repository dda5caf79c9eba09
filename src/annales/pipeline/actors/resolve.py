"""Resolve actor mentions in parsed sentences to dated codes.

Passes, all in this module:
1. match: greedy longest match of normalised tokens against the table's aliases and agents;
2. group: a noun phrase such as "Russia's foreign minister Sergei Lavrov" joins its matches
   (country modifier + agent titles + person) into one mention;
3. resolve: a person's code is the role valid on `as_of`; a title gives the country's sector when
   the person is unknown or out of date; a bare agent ("rebels") takes the country that modifies
   it, else the article's main country;
   - an agent owned by a person or an organisation ("Netanyahu's security cabinet", "his council",
     "the agency's director general") takes the owner's country or code;
   - an agent modified by a region or "foreign"/"world" ("European diplomats", "world powers") stays
     unresolved rather than taking the article's country;
   - a place named as a location of the same clause ("protesters gathered in Yerevan") beats the
     article's country for civilian sectors (not for troops, officials or spies);
   - idioms such as "freedom of the press" or "press conference" are not actors;
4. coreference: surnames ("Mr. Lavrov"), pronouns ("he", "she", "him", "her", possessive "his") reuse an
   earlier person of the same gender (see `gender`; with no gender known, only a single candidate), and
   definite descriptions ("the agency", "the alliance") an organisation named earlier;
5. leftovers: NER entities (PERSON/GPE/NORP/ORG) nothing matched become unresolved mentions with
   reason "unknown_name". spaCy entities are hints only: matching never depends on their labels.

Mentions inside a wire dateline ("GENEVA, Sept. 10 (Reuters) -", see `dateline`) keep code None
with reason "dateline"; the dateline's place counts for the article's country only when nothing
else does.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Literal

from annales.pipeline.actors.countries import NGO_CODE
from annales.pipeline.actors.dateline import find_datelines
from annales.pipeline.actors.gender import PRONOUN_GENDERS, Gender, GenderTable
from annales.pipeline.actors.model import (
    ActorEntry,
    Role,
    fold,
    is_igo_code,
    is_org_code,
    norm_token,
    split_code,
)
from annales.pipeline.actors.table import ActorTable
from annales.records import Actor, Sentence, Token

FormerMode = Literal["elite", "unresolved"]
# Sectors a group that governs a country lends its armed members: "Taliban fighters" in 2023 are
# AFG.MIL, not AFG.GOV; "Taliban officials" stay AFG.GOV.
_ARMED_SECTORS = frozenset({"MIL", "POL", "SPY"})
_FIGHTER_SECTORS = frozenset({"REB", "INS", "UAF"})  # "fighters", "militants" of a governing group
# Tokens that may sit between the parts of one actor phrase ("Russia's new foreign minister").
_JOINERS = frozenset({"'s", "'", "the", "new", "top", "senior", "chief", "then", "acting"})
_JOIN_POS = frozenset({"DET", "ADJ", "NUM"})
_MAX_GAP = 2
_HONORIFICS = frozenset({"mr", "mrs", "ms", "dr", "sir", "madam"})
# Countries whose people the English press names family name first ("Kim Jong Un", "Xi Jinping").
_FAMILY_NAME_FIRST = frozenset({"CHN", "PRK", "KOR", "TWN", "HKG", "MAC"})
_MODIFIER_DEPS = frozenset({"amod", "compound", "poss", "nmod", "nn"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_NOUN_POS = frozenset({"NOUN", "PROPN", ""})
_COUNTRY_KINDS = frozenset({"country", "capital"})
# Entries whose country counts towards the article's main country (places and "other" do not).
_VOTING_KINDS = frozenset({"country", "capital", "person", "group", "org"})
_OWNER_PREPS = frozenset({"of"})  # "officials of Iran"; not "from": "withdrew forces from Panama"
_LOCATIVE_PREPS = frozenset({"in", "at", "outside", "inside", "across", "near", "throughout", "around", "within"})
_CLAUSE_POS = frozenset({"VERB", "AUX"})
# Modifiers naming several countries at once: the agent is none of them, least of all the article's.
_REGIONAL_WORDS = frozenset(
    {"european", "europe", "western", "west", "arab", "african", "africa", "asian", "asia", "nordic", "baltic"}
    | {"gulf", "balkan", "scandinavian", "latin", "eurasian", "international", "foreign", "global", "world"}
    | {"regional", "allied", "transatlantic", "multinational", "coalition"}
)
# Sectors whose members usually belong where they are: "protesters in Yerevan" are Armenian, but
# "troops in Ukraine" or "diplomats in Geneva" need not be.
_LOCAL_SECTORS = frozenset(
    {"ACT", "CVL", "OPP", "POL", "LEG", "JUD", "MED", "BUS", "NGO", "PTY", "EDU", "HLH", "LAB", "REL", "CRM"}
)
_OBJECT_PRONOUNS = frozenset({"him", "her"})
# Possessives that refer to a state or group: "its troops", "their forces" belong to the clause's subject.
_GROUP_POSSESSIVES = frozenset({"its", "their"})
# Agents that spaCy's small model often tags ADJ when they stand alone ("Myanmar's military seized power").
_ADJECTIVAL_AGENTS = frozenset({"military", "paramilitary"})
# Clauses whose subject is their governor's: "willing to send", "agreed to withdraw", "met and agreed".
_CONTROLLED_DEPS = frozenset({"xcomp", "acomp", "conj"})
# Nouns whose "of" complement is not an actor: "freedom of the press", "board of governors".
_NOT_ACTOR_HEADS = frozenset({"freedom", "freedoms", "liberty", "board", "boards", "independence"})
# Definite descriptions that refer back to an organisation: "the agency" -> the last org named with
# "agency" in its name; the generic ones take the last international organisation named.
_ORG_NOUNS = frozenset(
    {"agency", "alliance", "bloc", "union", "organisation", "organization", "fund", "bank", "court", "council"}
    | {"watchdog", "body", "commission", "tribunal", "group", "movement", "party", "ministry"}
)
# Nouns of people or groups: an agent compounded with them still names an actor ("opposition groups").
_ROLE_HEADS = frozenset(
    {"group", "groups", "source", "sources", "speaker", "delegation", "delegations", "faction", "factions"}
    | {"wing", "unit", "units", "team", "teams", "circles", "envoy", "envoys", "negotiator", "negotiators"}
)
# Installations of an armed or security agent: attacking "police checkpoints" or "an army base"
# targets the police or the army, so the agent stays an actor there (unlike "press conference").
_FACILITY_NOUNS = frozenset(
    {"base", "bases", "checkpoint", "checkpoints", "post", "posts", "station", "stations", "convoy", "convoys"}
    | {"position", "positions", "barracks", "outpost", "outposts", "patrol", "patrols", "camp", "camps"}
)
# Facilities and areas: a place that only names where they are is no actor ("a Geneva hotel").
_SITE_NOUNS = frozenset(
    {"hotel", "hotels", "airport", "hospital", "stadium", "square", "street", "suburb", "suburbs", "district"}
    | {"neighbourhood", "neighborhood", "outskirts", "venue", "port", "metro", "subway", "station", "resort"}
)
# Meetings an organisation names without acting: "the G20 summit in Osaka" is a venue (issue 12).
_VENUE_NOUNS = frozenset(
    {"summit", "summits", "meeting", "meetings", "conference", "conferences", "session", "sessions", "forum"}
    | {"headquarters", "gathering", "ministerial", "sidelines", "chairmanship", "presidency", "charter"}
)
_GENERIC_ORG_NOUNS = frozenset({"organisation", "organization", "watchdog", "body"})
# Nouns that name a kind of organisation and the org codes of that kind.
_KIND_ORGS: Mapping[str, frozenset[str]] = MappingProxyType(
    {
        "alliance": frozenset({"NATO"}),
        "bloc": frozenset({"EU", "ASEAN", "AU", "GCC", "OAS", "ARL", "OPEC", "ECOWAS", "SADC", "EAC", "BRICS"})
        | frozenset({"SCO", "CIS", "CSTO", "IGAD", "OIC", "G7", "G20"}),
    }
)
# Agents naming a position inside a group rather than a sector: "opposition leader" is OPP.
_HEAD_NOUNS = frozenset(
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
    ]
)


@dataclass(frozen=True, slots=True)
class ResolveOptions:
    """Options of actor resolution.

    Args:
        ner_labels: spaCy labels whose unmatched entities are reported as unresolved mentions.
        pronouns: pronouns resolved to an earlier person of the same gender; "he"/"she" prefer
            subjects, "him"/"her" skip the subject of their own clause, possessive "his"/"her"
            give their noun phrase the person's country and are not mentions themselves.
        short_alias: single-token aliases up to this many characters must be written in capitals
            ("US", "UN", "IS") so that "us" or "is" never match.
        former: what a person out of office on the date codes as: "elite" gives the country of
            their latest role with the ELI sector (a former president, docs/annotation.md);
            "unresolved" leaves them uncoded with reason "role_out_of_date".
    """

    ner_labels: tuple[str, ...] = ("PERSON", "GPE", "NORP", "ORG")
    pronouns: tuple[str, ...] = ("he", "she", "him", "her", "his")
    short_alias: int = 3
    former: FormerMode = "elite"

    def __post_init__(self) -> None:
        if self.short_alias < 0:
            raise ValueError("short_alias must be >= 0")
        if any(not pronoun.islower() for pronoun in self.pronouns):
            raise ValueError("pronouns are matched lower-cased; write them in lower case")
        if self.former not in ("elite", "unresolved"):
            raise ValueError(f"former must be 'elite' or 'unresolved', not {self.former!r}")

    def __str__(self) -> str:
        return f"actors-{'-'.join(self.ner_labels)}"


@dataclass(slots=True)
class _Match:
    start: int  # token index within the sentence
    end: int  # exclusive
    entry: ActorEntry | None = None
    sector: str | None = None  # for agents
    head_noun: bool = False  # an agent such as "leader" that takes the sector of what precedes it
    key: tuple[str, ...] = ()  # the normalised tokens matched


@dataclass(slots=True)
class _Group:
    matches: list[_Match] = field(default_factory=list)
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
        """The sector of the last agent, or of the one before when the last is a head noun."""
        agents = [m for m in self.matches if m.sector]
        if len(agents) > 1 and agents[-1].head_noun:
            return agents[-2].sector
        return agents[-1].sector if agents else None


@dataclass(slots=True)
class _Antecedent:
    actor: Actor
    subject: bool
    gender: Gender | None = None
    clause: int = -1  # token index of the clause head in the current sentence; -1 in an earlier one


def mention_head(sent: Sentence, actor: Actor) -> int | None:
    """The index (within `sent`) of the syntactic head token of a mention's character span.

    Args:
        sent: the sentence the mention lies in (token offsets in article coordinates).
        actor: the mention; only `start` and `end` are read.

    Returns:
        The token of the span whose own head lies outside the span (the last such token when the
        parse splits the span), or None when the span covers no token of the sentence.
    """
    inside = [tok for tok in sent.tokens if tok.idx >= actor.start and tok.end <= actor.end]
    if not inside:
        return None
    indices = {tok.i for tok in inside}
    heads = [tok.i for tok in inside if tok.head not in indices or tok.head == tok.i]
    return heads[-1] if heads else inside[-1].i


class ActorResolver:
    """Find and code actor mentions in an article's sentences.

    Args:
        table: the actor table (bundled, user, or layered).
        options: resolution options.
        genders: first names and titles by gender for pronouns; None uses the bundled table.

    Example:
        >>> resolver = ActorResolver(ActorTable.default())  # doctest: +SKIP
        >>> resolver.resolve_article(sentences, as_of=dt.date(2013, 4, 23))  # doctest: +SKIP
    """

    def __init__(
        self, table: ActorTable, options: ResolveOptions | None = None, *, genders: GenderTable | None = None
    ) -> None:
        self.table = table
        self.options = options or ResolveOptions()
        self.genders = genders or GenderTable.default()

    def resolve_article(
        self,
        sentences: Sequence[Sentence],
        *,
        as_of: dt.date | None = None,
        context_country: str | None = None,
        text: str | None = None,
    ) -> list[list[Actor]]:
        """Resolve every mention of every sentence.

        Args:
            sentences: the article's parsed sentences (token offsets in article coordinates).
            as_of: the date roles are checked against (usually the publication date).
            context_country: the article's main country; None infers it from country mentions.
            text: the article text, to find datelines at paragraph starts; None looks only at the
                start of the first sentence.

        Returns:
            One list per sentence of Actor mentions sorted by start; unresolved ones have
            `code=None` and a `reason`.
        """
        spans = find_datelines(sentences, text)
        datelines = [_dateline_tokens(sent, spans) for sent in sentences]
        groups = [self._groups(sent, as_of) for sent in sentences]
        _refer_definites(sentences, groups, datelines)
        country, tied = self._main_country(groups, datelines, as_of)
        if context_country is not None:
            country, tied = context_country, frozenset()
        surnames: dict[str, ActorEntry] = {}
        previous: list[_Antecedent] = []
        out = []
        for sent, sent_groups, dateline in zip(sentences, groups, datelines, strict=True):
            state = _SentenceState(sent, as_of, country, dateline, previous, tied=tied)
            state.groups = [group for group in sent_groups if not dateline.intersection(range(group.start, group.end))]
            actors = self._resolve_sentence(state, sent_groups, surnames)
            out.append(sorted(actors, key=lambda actor: actor.start))
            previous = [_Antecedent(a.actor, a.subject, a.gender) for a in state.current]
        return out

    # ------------------------------------------------------------ pass 1-2: match and group

    def _groups(self, sent: Sentence, as_of: dt.date | None = None) -> list[_Group]:
        groups: list[_Group] = []
        last_end = -1
        for match in self._matches(sent.tokens, as_of):
            group = groups[-1] if groups else None
            if group is not None and self._owned_institution(sent.tokens, last_end, match, group):
                match.entry, match.sector = None, self.table.agents.get(match.key)
            if group is not None and self._joins(sent.tokens, last_end, match, group):
                group.matches.append(match)
            else:
                groups.append(_Group([match]))
            last_end = match.end
        _attach_titled_names(sent, groups)
        return groups

    def _owned_institution(self, tokens: list[Token], last_end: int, match: _Match, group: _Group) -> bool:
        """True for "Pakistan's Foreign Office": a named institution that is also a generic agent."""
        entry, owner = match.entry, group.matches[-1].entry
        if entry is None or entry.kind in ("person", "country", "capital") or match.key not in self.table.agents:
            return False
        if owner is None or owner.kind not in _COUNTRY_KINDS or group.person is not None:
            return False
        gap = tokens[last_end : match.start]
        return len(gap) <= _MAX_GAP and all(norm_token(tok.text) in _JOINERS for tok in gap)

    def _matches(self, tokens: list[Token], as_of: dt.date | None = None) -> list[_Match]:
        seq = [(tok.i, norm_token(tok.text)) for tok in tokens if tok.text not in ("-", "\u2013")]
        seq = [(i, norm) for i, norm in seq if norm]
        matches = []
        pos = 0
        while pos < len(seq):
            match, used = self._longest(tokens, seq, pos, as_of)
            if match is None:
                pos += 1
                continue
            if match.entry is not None and match.entry.kind == "person" and match.start > 0:
                before = tokens[match.start - 1]
                if norm_token(before.text) in _HONORIFICS:
                    match.start -= 1  # "Mr. Kerry": the honorific belongs to the mention
            matches.append(match)
            pos += used
        return matches

    def _longest(
        self, tokens: list[Token], seq: list[tuple[int, str]], pos: int, as_of: dt.date | None = None
    ) -> tuple[_Match | None, int]:
        longest = self.table.longest.get(seq[pos][1], 0)
        for size in range(min(longest, len(seq) - pos), 0, -1):
            key = tuple(norm for _, norm in seq[pos : pos + size])
            span = tokens[seq[pos][0] : seq[pos + size - 1][0] + 1]
            entry = self.table.lookup(key, as_of)
            if entry is not None and self._looks_like_name(span):
                return _Match(span[0].i, span[-1].i + 1, entry=entry, key=key), size
            sector = self.table.agents.get(key)
            if sector is not None and (span[-1].pos in _NOUN_POS or _bare_adjective(tokens, span[-1])):
                head_noun = key[-1] in _HEAD_NOUNS
                return _Match(span[0].i, span[-1].i + 1, sector=sector, head_noun=head_noun, key=key), size
        return None, 0

    def _looks_like_name(self, span: list[Token]) -> bool:
        """Names need a capitalised token; very short single tokens must be all capitals."""
        if not any(tok.text[:1].isupper() for tok in span):
            return False
        if len(span) == 1 and len(span[0].text.replace(".", "")) <= self.options.short_alias:
            return span[0].text.isupper()
        return True

    @staticmethod
    def _joins(tokens: list[Token], last_end: int, match: _Match, group: _Group) -> bool:
        gap = tokens[last_end : match.start]
        if len(gap) > _MAX_GAP or any(norm_token(tok.text) not in _JOINERS and tok.pos not in _JOIN_POS for tok in gap):
            return False
        if group.person is not None:
            return False  # nothing follows the person in one phrase
        # an agent or a person continues the phrase; a second country/org starts a new one
        return match.entry is None or match.entry.kind == "person"

    # ------------------------------------------------------------ pass 3: resolve

    @staticmethod
    def _main_country(
        groups: list[list[_Group]], datelines: list[set[int]], as_of: dt.date | None
    ) -> tuple[str | None, frozenset[str]]:
        """The country named most often; else the country of the people and groups named; else the dateline's.

        Returns:
            The country and, when several share the top count, all of them (else an empty set).
        """
        votes: Counter[str] = Counter()
        actors: Counter[str] = Counter()  # "Ruto said ... lawmakers voted": Kenya, though never named
        filed_from: Counter[str] = Counter()  # dateline places count only when nothing else does
        for sent_groups, dateline in zip(groups, datelines, strict=True):
            for group in sent_groups:
                in_dateline = bool(dateline.intersection(range(group.start, group.end)))
                for entry in (group.modifier, group.person):
                    country = _home_country(entry, as_of)
                    if entry is None or country is None or entry.kind not in _VOTING_KINDS:
                        continue
                    if entry.kind in _COUNTRY_KINDS:
                        (filed_from if in_dateline else votes)[country] += 1
                    elif not in_dateline:
                        actors[country] += 1
        counts = next((c for c in (votes, actors, filed_from) if c), Counter[str]())
        if not counts:
            return None, frozenset()
        top = max(counts.values())
        tied = [c for c, n in counts.items() if n == top]
        if len(tied) > 1 and counts is votes:
            # a tie between countries named goes to the one whose people or groups are named most
            ranked = sorted(tied, key=lambda c: actors[c], reverse=True)
            if actors[ranked[0]] > actors[ranked[1]]:
                tied = ranked[:1]
        return tied[0], frozenset(tied) if len(tied) > 1 else frozenset()

    def _resolve_sentence(
        self, state: _SentenceState, groups: list[_Group], surnames: dict[str, ActorEntry]
    ) -> list[Actor]:
        sent = state.sent
        actors = []
        covered: set[int] = set()
        for group in groups:
            covered.update(range(group.start, group.end))
            if state.dateline.intersection(range(group.start, group.end)):
                entry = group.person or group.modifier
                actors.append(_actor(sent, group.start, group.end, None, entry.name if entry else None, "dateline"))
                continue
            actor = self._resolve_group(state, group)
            if group.definite and sent.tokens[_span_head(sent, group.start, group.end)].dep == "poss":
                continue  # "the bloc's sanctions": owns a phrase (see _owner_code), is no mention itself
            actors.append(actor)
            person = group.person
            if person is None and group.name_end > 0 and actor.code and actor.name:
                # "Advisor Tom Donilon ... Donilon said": the title's code travels with the name
                person = ActorEntry(actor.name, "person", (Role(actor.code),), ())
            if person is not None:
                _remember(surnames, person, sent.tokens[group.start : group.end])
                state.current.append(self._antecedent(sent, actor, person.name))
        actors.extend(self._corefer(state, covered, surnames))
        actors.extend(self._leftovers(sent, covered, state.dateline))
        return actors

    def _resolve_group(self, state: _SentenceState, group: _Group) -> Actor:
        sent, as_of = state.sent, state.as_of
        person, modifier, sector = group.person, group.modifier, group.sector
        if person is None and group.name_end > 0:
            name = " ".join(tok.text for tok in sent.tokens[group.matches[-1].end : group.name_end])
            if modifier is not None and modifier.kind not in _COUNTRY_KINDS:
                code, reason = modifier.code_at(as_of)
                return _actor(sent, group.start, group.end, code, name, reason)
            home = _country_of(modifier, as_of)
            if home is None and not group.matches[-1].head_noun:
                home = state.country  # "foreign minister X" in a Russian story; but not "leader X"
            code = f"{home}.{sector}" if home and sector else None
            return _actor(sent, group.start, group.end, code, name, "unknown_name")
        if person is not None:
            code, reason = person.code_at(as_of)
            if code is None and sector is not None:
                home = _country_of(modifier, as_of) or person.country
                code, reason = (f"{home}.{sector}", None) if home else (None, reason)
                if code is not None and _says_former(sent, group) and not _is_org(code):
                    code = f"{split_code(code)[0]}.ELI"  # "former defence minister Kim Yong-hyun"
            if code is None:
                code, reason = self._former(person, as_of, code, reason)
            return _actor(sent, group.start, group.end, code, person.name, reason, fallback=person.country)
        if modifier is not None:
            if sector is None and modifier.kind in _COUNTRY_KINDS and _names_site(sent, state.groups, group):
                return _actor(sent, group.start, group.end, None, modifier.name, "place")
            if sector is None and _names_site(sent, state.groups, group, _VENUE_NOUNS) and _is_igo(modifier, as_of):
                return _actor(sent, group.start, group.end, None, modifier.name, "venue")
            code, reason = modifier.code_at(as_of)
            return _actor(sent, group.start, group.end, _with_sector(modifier, code, sector), modifier.name, reason)
        return self._resolve_agent(state, group, sector or "")

    def _resolve_agent(self, state: _SentenceState, group: _Group, sector: str) -> Actor:
        """A bare agent: owner, then a locative place of its clause, then the article's country."""
        sent = state.sent
        head = _span_head(sent, group.start, group.end)
        if _not_actor(sent, state.groups, group, head):
            return _actor(sent, group.start, group.end, None, None, "not_actor")
        owner = self._owner_code(state, group, head)
        if owner is not None:
            code = owner if is_org_code(owner) else f"{owner}.{sector}"
            return _actor(sent, group.start, group.end, code, None, None)
        if _regional_modifier(sent, state.groups, group, head):
            return _actor(sent, group.start, group.end, None, None, "regional_modifier")
        home = (
            (self._clause_country(state, head) if sector in _LOCAL_SECTORS else None)
            or _tied_owner(state, head)
            or state.country
        )
        if home is None:
            return _actor(sent, group.start, group.end, None, None, "no_country_context")
        return _actor(sent, group.start, group.end, f"{home}.{sector}", None, None)

    def _owner_code(self, state: _SentenceState, group: _Group, head: int) -> str | None:
        """The country (or org code) of what owns or modifies an agent in the parse.

        "Syrian ... rebels", "troops from Russia" (country), "Netanyahu's security cabinet"
        (person), "the agency's director general" (organisation: its code), "his council" (pronoun).
        """
        sent, span = state.sent, range(group.start, group.end)
        for tok in sent.tokens:
            if tok.i in span or tok.head not in span:
                continue
            if tok.dep == "poss" and tok.text.lower() in self.options.pronouns:
                ante = self._pronoun(state, tok)
                if ante is not None:
                    return ante.country
            if tok.dep == "poss" and tok.text.lower() in _GROUP_POSSESSIVES:
                owner = _clause_subject_country(state, tok.i)
                if owner is not None:
                    return owner
        for other in state.groups:
            if other is group or not any(_owns(sent, tok, span) for tok in sent.tokens[other.start : other.end]):
                continue
            if other.person is not None:
                return _country_of(other.person, state.as_of)
            entry = other.modifier
            code, _ = entry.code_at(state.as_of) if entry is not None else (None, None)
            if entry is not None and entry.kind not in _COUNTRY_KINDS and code and _is_org(code):
                return split_code(code)[0]
            if entry is not None and (entry.kind in _COUNTRY_KINDS or entry.kind == "org"):
                return _country_of(entry, state.as_of)
        return _apposed_person_country(state, group, head)

    def _former(
        self, person: ActorEntry, as_of: dt.date | None, code: str | None, reason: str | None
    ) -> tuple[str | None, str | None]:
        """A person out of office on `as_of` is the elite of their latest country (options.former)."""
        if code is not None or reason != "role_out_of_date" or as_of is None or self.options.former != "elite":
            return code, reason
        former = person.former_code(as_of)
        return (former, None) if former is not None else (code, reason)

    @staticmethod
    def _clause_country(state: _SentenceState, head: int) -> str | None:
        """The country of a place named as a location of the agent's clause ("... in Yerevan")."""
        sent = state.sent
        clause = _clause_head(sent, head)
        for other in state.groups:
            entry = other.modifier
            if entry is None or entry.kind not in _COUNTRY_KINDS or other.person is not None:
                continue
            tok = sent.tokens[_span_head(sent, other.start, other.end)]
            prep = sent.tokens[tok.head]
            locative = tok.dep == "pobj" and prep.dep == "prep" and norm_token(prep.text) in _LOCATIVE_PREPS
            # "protesters gathered in Yerevan" (the clause's place) or "civilians in Gaza" (the agent's own)
            if locative and (_clause_head(sent, prep.i) == clause or prep.head == head):
                return _country_of(entry, state.as_of)
        return None

    # ------------------------------------------------------------ pass 4-5: coreference, leftovers

    def _corefer(self, state: _SentenceState, covered: set[int], surnames: dict[str, ActorEntry]) -> list[Actor]:
        sent, as_of = state.sent, state.as_of
        actors = []
        for tok in sent.tokens:
            if tok.i in covered or tok.i in state.dateline:
                continue
            lower = tok.text.lower()
            if lower in self.options.pronouns and tok.pos in ("PRON", ""):
                if tok.dep == "poss":
                    continue  # "his council": used by the owner of the phrase, not a mention
                ante = self._pronoun(state, tok)
                if ante is None:
                    actor = Actor(tok.text, None, None, None, None, tok.idx, tok.end, "no_antecedent")
                else:
                    actor = Actor(tok.text, ante.code, ante.country, ante.sector, ante.name, tok.idx, tok.end, None)
                actors.append(actor)
                covered.add(tok.i)
                if actor.code is not None:
                    gender = PRONOUN_GENDERS.get(lower)
                    clause = _clause_head(sent, tok.i)
                    state.current.append(_Antecedent(actor, tok.dep in _SUBJECT_DEPS, gender, clause))
                continue
            entry = surnames.get(norm_token(tok.text))
            if entry is not None and tok.text[:1].isupper() and (tok.pos in ("PROPN", "") or tok.ent_type):
                start = tok.i - 1 if tok.i > 0 and norm_token(sent.tokens[tok.i - 1].text) in _HONORIFICS else tok.i
                code, reason = self._former(entry, as_of, *entry.code_at(as_of))
                actor = _actor(sent, start, tok.i + 1, code, entry.name, reason, fallback=entry.country)
                actors.append(actor)
                covered.update(range(start, tok.i + 1))
                state.current.append(self._antecedent(sent, actor, entry.name))
        return actors

    def _pronoun(self, state: _SentenceState, tok: Token) -> Actor | None:
        """The antecedent of a pronoun: this sentence's earlier people first, then the previous one.

        A person of the other gender never qualifies; among the others subjects win (the last
        one); when no gender is known at all a pronoun is resolved only when one person qualifies.
        "him"/"her" as objects skip the subject of their own clause.
        """
        lower = tok.text.lower()
        gender = PRONOUN_GENDERS.get(lower)
        clause = _clause_head(state.sent, tok.i)
        before = [a for a in state.current if a.actor.start < tok.idx]
        for pool in (before, state.previous):
            people = [a for a in pool if gender is None or a.gender in (None, gender)]
            if lower in _OBJECT_PRONOUNS and tok.dep != "poss":
                people = [a for a in people if not (a.subject and a.clause == clause >= 0)]
            if lower in ("he", "she"):
                people = [a for a in people if a.subject or a.gender is not None]
            if not people:
                continue
            if len({a.actor.code for a in people}) > 1 and all(a.gender is None for a in people):
                return None  # several people and no gender to choose: better unresolved than wrong
            subjects = [a for a in people if a.subject]
            return (subjects or people)[-1].actor
        return None

    def _antecedent(self, sent: Sentence, actor: Actor, name: str | None) -> _Antecedent:
        gender = self.genders.guess(actor.text.split()) or self.genders.guess((name or "").split())
        head = mention_head(sent, actor)
        subject = head is not None and sent.tokens[head].dep in _SUBJECT_DEPS
        return _Antecedent(actor, subject, gender, -1 if head is None else _clause_head(sent, head))

    def _leftovers(self, sent: Sentence, covered: set[int], dateline: set[int]) -> list[Actor]:
        actors = []
        for ent in sent.entities:
            if ent.label not in self.options.ner_labels or covered.intersection(range(ent.start, ent.end)):
                continue
            reason = "dateline" if dateline.intersection(range(ent.start, ent.end)) else "unknown_name"
            actors.append(_actor(sent, ent.start, ent.end, None, None, reason))
        return actors


@dataclass(slots=True)
class _SentenceState:
    """What resolving one sentence needs besides its groups."""

    sent: Sentence
    as_of: dt.date | None
    country: str | None  # the article's main country
    dateline: set[int]  # token indices inside a dateline
    previous: list[_Antecedent]  # people of the previous sentence
    current: list[_Antecedent] = field(default_factory=list)  # people of this sentence so far
    groups: list[_Group] = field(default_factory=list)  # the sentence's groups outside the dateline
    tied: frozenset[str] = frozenset()  # countries sharing the article's top count, when several do


def _bare_adjective(tokens: list[Token], tok: Token) -> bool:
    """An agent tagged ADJ with no noun after it ("Myanmar's military seized power"): a noun, mis-tagged."""
    if tok.pos != "ADJ" or norm_token(tok.text) not in _ADJECTIVAL_AGENTS:
        return False
    following = tokens[tok.i + 1] if tok.i + 1 < len(tokens) else None
    if following is not None and norm_token(following.text) in _FACILITY_NOUNS:
        return True  # "Israeli military positions" were attacked: the military was
    return following is None or following.pos not in ("NOUN", "PROPN", "ADJ", "NUM")


def _dateline_tokens(sent: Sentence, spans: list[tuple[int, int]]) -> set[int]:
    return {tok.i for tok in sent.tokens for start, end in spans if start <= tok.idx and tok.end <= end}


def _refer_definites(sentences: Sequence[Sentence], groups: list[list[_Group]], datelines: list[set[int]]) -> None:
    """Add a group for each "the agency"/"the alliance" that refers to an organisation named before."""
    recent: list[ActorEntry] = []
    for sent, sent_groups, dateline in zip(sentences, groups, datelines, strict=True):
        taken = {i for group in sent_groups for i in range(group.start, group.end)} | dateline
        pending = sorted(sent_groups, key=lambda group: group.start)
        added = []
        for tok in sent.tokens:
            while pending and pending[0].start <= tok.i:
                entry = pending.pop(0).modifier
                if entry is not None and entry.kind == "org":
                    recent.append(entry)
            noun = norm_token(tok.text)
            if tok.i in taken or noun not in _ORG_NOUNS or not tok.text.islower() or tok.i == 0:
                continue
            if norm_token(sent.tokens[tok.i - 1].text) == "the" and tok.pos in _NOUN_POS:
                entry = _antecedent_org(recent, noun)
                if entry is not None:
                    added.append(_Group([_Match(tok.i - 1, tok.i + 1, entry=entry)], definite=True))
        sent_groups.extend(added)
        sent_groups.sort(key=lambda group: group.start)


def _antecedent_org(recent: list[ActorEntry], noun: str) -> ActorEntry | None:
    for entry in reversed(recent):
        if noun in fold(entry.name).split() or any(noun in alias.split(" ") for alias in entry.aliases):
            return entry
    kinds = _KIND_ORGS.get(noun)
    for entry in reversed(recent):
        org = entry.country
        if org and is_org_code(org) and (noun in _GENERIC_ORG_NOUNS or (kinds is not None and org in kinds)):
            return entry
    return None


def _span_head(sent: Sentence, start: int, end: int) -> int:
    """The token of [start, end) whose head lies outside the span (the last such one)."""
    heads = [i for i in range(start, end) if not start <= sent.tokens[i].head < end or sent.tokens[i].head == i]
    return heads[-1] if heads else end - 1


def _clause_head(sent: Sentence, i: int) -> int:
    """The verb governing token `i` (itself if it is one), else the root."""
    seen = 0
    while sent.tokens[i].pos not in _CLAUSE_POS and sent.tokens[i].head != i and seen < len(sent.tokens):
        i = sent.tokens[i].head
        seen += 1
    return i


def _owns(sent: Sentence, tok: Token, span: range) -> bool:
    """True when `tok` modifies the span: "Syrian rebels", "Iran's army", "troops from Russia"."""
    if tok.head in span and tok.dep in _MODIFIER_DEPS:
        return True
    prep = sent.tokens[tok.head]
    return tok.dep == "pobj" and prep.head in span and norm_token(prep.text) in _OWNER_PREPS


def _not_actor(sent: Sentence, groups: list[_Group], group: _Group, head: int) -> bool:
    """A bare agent used as a modifier ("press conference") or in an idiom ("freedom of the press")."""
    tok = sent.tokens[head]
    taken = {i for other in groups for i in range(other.start, other.end)}
    noun = sent.tokens[tok.head]
    if tok.dep == "compound" and noun.i != tok.i and noun.i not in taken and noun.pos == "NOUN":
        return norm_token(noun.text) not in _ROLE_HEADS and norm_token(noun.text) not in _FACILITY_NOUNS
    prep = sent.tokens[tok.head]
    owner = sent.tokens[prep.head]
    return tok.dep == "pobj" and norm_token(prep.text) == "of" and norm_token(owner.text) in _NOT_ACTOR_HEADS


def _says_former(sent: Sentence, group: _Group) -> bool:
    """True when "former" or "ex" qualifies the phrase ("former defence minister X", "ex-President X")."""
    first = max(group.start - 2, 0)
    return any(norm_token(tok.text) in ("former", "ex") for tok in sent.tokens[first : group.end])


def _clause_subject_country(state: _SentenceState, i: int) -> str | None:
    """The country or organisation code of the subject of token `i`'s clause ("Mordor withdrew its troops")."""
    sent = state.sent
    clause = _clause_head(sent, i)
    for _ in range(3):  # "Rohan is willing to send troops": the subject of "is" sends them
        for other in state.groups:
            tok = sent.tokens[_span_head(sent, other.start, other.end)]
            if tok.dep in _SUBJECT_DEPS and tok.head == clause:
                entry = other.person or other.modifier
                return _country_of(entry, state.as_of) if entry is not None else None
        if sent.tokens[clause].dep not in _CONTROLLED_DEPS:
            return None
        clause = sent.tokens[clause].head
    return None


def _tied_owner(state: _SentenceState, head: int) -> str | None:
    """When several countries share the article's top count, the one an agent most likely belongs to.

    The object of a tied country's verb is that country's ("Rohan is willing to send troops to
    Gondor"); any other agent takes the tied country named nearest it in its sentence ("France
    withdrew its troops from Mali after a breakdown with the junta": the junta is Mali's).
    """
    if not state.tied:
        return None
    if state.sent.tokens[head].dep in ("dobj", "obj"):
        subject = _clause_subject_country(state, head)
        if subject in state.tied:
            return subject
    best: tuple[int, str] | None = None
    for other in state.groups:
        entry = other.modifier
        if entry is None or entry.kind not in _COUNTRY_KINDS or other.person is not None:
            continue
        country = _country_of(entry, state.as_of)
        distance = min(abs(head - other.start), abs(head - (other.end - 1)))
        if country in state.tied and (best is None or distance < best[0]):
            best = (distance, country)
    return best[1] if best else None


def _apposed_person_country(state: _SentenceState, group: _Group, head: int) -> str | None:
    """The country of a person in apposition: "Moon Jae-in, the president", "the president, Moon Jae-in"."""
    sent, span = state.sent, range(group.start, group.end)
    for other in state.groups:
        if other is group or other.person is None:
            continue
        other_head = sent.tokens[_span_head(sent, other.start, other.end)]
        if (sent.tokens[head].dep == "appos" and other.start <= sent.tokens[head].head < other.end) or (
            other_head.dep == "appos" and other_head.head in span
        ):
            return _country_of(other.person, state.as_of)
    return None


def _names_site(sent: Sentence, groups: list[_Group], group: _Group, nouns: frozenset[str] = _SITE_NOUNS) -> bool:
    """True for a name that modifies a facility or area noun outside any mention ("a Geneva hotel").

    With `_VENUE_NOUNS`, for an organisation that names a meeting ("the G20 summit in Osaka").
    """
    tok = sent.tokens[_span_head(sent, group.start, group.end)]
    site = sent.tokens[tok.head]
    in_mention = any(other.start <= site.i < other.end for other in groups)
    return tok.dep == "compound" and not in_mention and norm_token(site.text) in nouns


def _is_igo(entry: ActorEntry, as_of: dt.date | None) -> bool:
    code, _ = entry.code_at(as_of)
    return code is not None and is_igo_code(split_code(code)[0])


def _regional_modifier(sent: Sentence, groups: list[_Group], group: _Group, head: int) -> bool:
    """True when a region or "foreign"/"world" modifies the agent ("European leaders", "world powers")."""
    taken = {i for other in groups for i in range(other.start, other.end)}
    for tok in sent.tokens:
        if tok.head != head or tok.i in taken or tok.dep not in _MODIFIER_DEPS or group.start <= tok.i < group.end:
            continue
        if norm_token(tok.text) in _REGIONAL_WORDS:
            return True
    return False


def _attach_titled_names(sent: Sentence, groups: list[_Group]) -> None:
    """Let a title absorb the unknown PERSON entity right after it ("Advisor Tom Donilon")."""
    starts = {ent.start: ent.end for ent in sent.entities if ent.label == "PERSON"}
    taken = {i for group in groups for i in range(group.start, group.end)}
    for group in groups:
        end = starts.get(group.end)
        if end is None or group.person is not None or group.matches[-1].sector is None:
            continue
        if not taken.intersection(range(group.end, end)):
            group.name_end = end


def _remember(surnames: dict[str, ActorEntry], entry: ActorEntry, span: list[Token]) -> None:
    names = entry.name.split()
    if len(names) > 1:
        surnames[norm_token(names[-1])] = entry
        if entry.country in _FAMILY_NAME_FIRST:
            surnames[norm_token(names[0])] = entry  # "Kim Jong Un ... Kim said"
    if len(span) > 1:
        surnames[norm_token(span[-1].text)] = entry


def _country_of(entry: ActorEntry | None, as_of: dt.date | None) -> str | None:
    if entry is None:
        return None
    code, _ = entry.code_at(as_of)
    return split_code(code)[0] if code else entry.country


def _home_country(entry: ActorEntry | None, as_of: dt.date | None) -> str | None:
    """The country (never an organisation) an entry stands for on `as_of`."""
    if entry is None:
        return None
    country = _country_of(entry, as_of)
    return None if country is None or is_org_code(country) else country


def _is_org(code: str) -> bool:
    return is_org_code(split_code(code)[0])


def _with_sector(modifier: ActorEntry, code: str | None, sector: str | None) -> str | None:
    """The code of a country, group or organisation modified by an agent.

    "Russian troops" -> RUS.MIL; "al Qaeda leader" and "UN troops" keep the group's code; a group
    that governs on the date lends its armed members the country's sector ("Taliban fighters" in
    2023 -> AFG.MIL; "HTS fighters" in 2025 -> SYR.MIL).
    """
    if not code or not sector or _is_org(code):
        return code
    country, own = split_code(code)
    if modifier.kind in _COUNTRY_KINDS:
        return f"{country}.{sector}"
    if own == "GOV" and (sector in _ARMED_SECTORS or sector in _FIGHTER_SECTORS):
        return f"{country}.{sector if sector in _ARMED_SECTORS else 'MIL'}"
    return code


def _actor(
    sent: Sentence,
    start: int,
    end: int,
    code: str | None,
    name: str | None,
    reason: str | None,
    *,
    fallback: str | None = None,
) -> Actor:
    text_start, text_end = sent.tokens[start].idx, sent.tokens[end - 1].end
    text = sent.text[text_start - sent.start : text_end - sent.start]
    if code is None:
        return Actor(text, None, fallback, None, name, text_start, text_end, reason or "no_code")
    country, sector = split_code(code)
    if not sector and is_igo_code(country):
        sector = "IGO"
    elif not sector and country == NGO_CODE:
        sector = NGO_CODE
    return Actor(text, code, country, sector, name, text_start, text_end, None)
