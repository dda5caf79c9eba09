"""Resolve actor mentions in parsed sentences to dated codes.

Passes, all in this module:
1. match: greedy longest match of normalised tokens against the table's aliases and agents;
2. group: a noun phrase such as "Russia's foreign minister Sergei Lavrov" joins its matches
   (country modifier + agent titles + person) into one mention;
3. resolve: a person's code is the role valid on `as_of`; a title gives the country's sector when
   the person is unknown or out of date; a bare agent ("rebels") takes the country that modifies
   it, else the article's main country;
4. coreference: surnames ("Mr. Lavrov") and subject pronouns ("he", "she") reuse an earlier person;
5. leftovers: NER entities (PERSON/GPE/NORP/ORG) nothing matched become unresolved mentions with
   reason "unknown_name". spaCy entities are hints only: matching never depends on their labels.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from annales.pipeline.actors.model import ORG_CODES, ActorEntry, Role, norm_token, split_code
from annales.pipeline.actors.table import ActorTable
from annales.records import Actor, Sentence, Token

# Tokens that may sit between the parts of one actor phrase ("Russia's new foreign minister").
_JOINERS = frozenset({"'s", "'", "the", "new", "top", "senior", "chief", "then", "acting"})
_JOIN_POS = frozenset({"DET", "ADJ", "NUM"})
_MAX_GAP = 2
_HONORIFICS = frozenset({"mr", "mrs", "ms", "dr", "sir", "madam"})
_MODIFIER_DEPS = frozenset({"amod", "compound", "poss", "nmod", "nn"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_NOUN_POS = frozenset({"NOUN", "PROPN", ""})
_COUNTRY_KINDS = frozenset({"country", "capital"})
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
        pronouns: subject pronouns resolved to the previous subject person.
        short_alias: single-token aliases up to this many characters must be written in capitals
            ("US", "UN", "IS") so that "us" or "is" never match.
    """

    ner_labels: tuple[str, ...] = ("PERSON", "GPE", "NORP", "ORG")
    pronouns: tuple[str, ...] = ("he", "she")
    short_alias: int = 3

    def __post_init__(self) -> None:
        if self.short_alias < 0:
            raise ValueError("short_alias must be >= 0")
        if any(not pronoun.islower() for pronoun in self.pronouns):
            raise ValueError("pronouns are matched lower-cased; write them in lower case")

    def __str__(self) -> str:
        return f"actors-{'-'.join(self.ner_labels)}"


@dataclass(slots=True)
class _Match:
    start: int  # token index within the sentence
    end: int  # exclusive
    entry: ActorEntry | None = None
    sector: str | None = None  # for agents
    head_noun: bool = False  # an agent such as "leader" that takes the sector of what precedes it


@dataclass(slots=True)
class _Group:
    matches: list[_Match] = field(default_factory=list)
    name_end: int = -1  # end of an unknown PERSON entity that follows a title ("Advisor Tom Donilon")

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

    Example:
        >>> resolver = ActorResolver(ActorTable.default())  # doctest: +SKIP
        >>> resolver.resolve_article(sentences, as_of=dt.date(2013, 4, 23))  # doctest: +SKIP
    """

    def __init__(self, table: ActorTable, options: ResolveOptions | None = None) -> None:
        self.table = table
        self.options = options or ResolveOptions()

    def resolve_article(
        self, sentences: Sequence[Sentence], *, as_of: dt.date | None = None, context_country: str | None = None
    ) -> list[list[Actor]]:
        """Resolve every mention of every sentence.

        Args:
            sentences: the article's parsed sentences (token offsets in article coordinates).
            as_of: the date roles are checked against (usually the publication date).
            context_country: the article's main country; None infers it from country mentions.

        Returns:
            One list per sentence of Actor mentions sorted by start; unresolved ones have
            `code=None` and a `reason`.
        """
        groups = [self._groups(sent) for sent in sentences]
        country = context_country or self._main_country(groups, as_of)
        surnames: dict[str, ActorEntry] = {}
        previous: list[_Antecedent] = []
        out = []
        for sent, sent_groups in zip(sentences, groups, strict=True):
            current: list[_Antecedent] = []
            actors = self._resolve_sentence(sent, sent_groups, as_of, country, surnames, previous, current)
            out.append(sorted(actors, key=lambda actor: actor.start))
            previous = current
        return out

    # ------------------------------------------------------------ pass 1-2: match and group

    def _groups(self, sent: Sentence) -> list[_Group]:
        groups: list[_Group] = []
        last_end = -1
        for match in self._matches(sent.tokens):
            group = groups[-1] if groups else None
            if group is not None and self._joins(sent.tokens, last_end, match, group):
                group.matches.append(match)
            else:
                groups.append(_Group([match]))
            last_end = match.end
        _attach_titled_names(sent, groups)
        return groups

    def _matches(self, tokens: list[Token]) -> list[_Match]:
        seq = [(tok.i, norm_token(tok.text)) for tok in tokens if tok.text not in ("-", "\u2013")]
        seq = [(i, norm) for i, norm in seq if norm]
        matches = []
        pos = 0
        while pos < len(seq):
            match, used = self._longest(tokens, seq, pos)
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

    def _longest(self, tokens: list[Token], seq: list[tuple[int, str]], pos: int) -> tuple[_Match | None, int]:
        longest = self.table.longest.get(seq[pos][1], 0)
        for size in range(min(longest, len(seq) - pos), 0, -1):
            key = tuple(norm for _, norm in seq[pos : pos + size])
            span = tokens[seq[pos][0] : seq[pos + size - 1][0] + 1]
            entry = self.table.lookup(key)
            if entry is not None and self._looks_like_name(span):
                return _Match(span[0].i, span[-1].i + 1, entry=entry), size
            sector = self.table.agents.get(key)
            if sector is not None and span[-1].pos in _NOUN_POS:
                head_noun = key[-1] in _HEAD_NOUNS
                return _Match(span[0].i, span[-1].i + 1, sector=sector, head_noun=head_noun), size
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

    def _main_country(self, groups: list[list[_Group]], as_of: dt.date | None) -> str | None:
        votes: Counter[str] = Counter()
        for sent_groups in groups:
            for group in sent_groups:
                entry = group.modifier
                if entry is not None and entry.kind in _COUNTRY_KINDS:
                    code, _ = entry.code_at(as_of)
                    if code:
                        votes[split_code(code)[0]] += 1
        return votes.most_common(1)[0][0] if votes else None

    def _resolve_sentence(
        self,
        sent: Sentence,
        groups: list[_Group],
        as_of: dt.date | None,
        country: str | None,
        surnames: dict[str, ActorEntry],
        previous: list[_Antecedent],
        current: list[_Antecedent],
    ) -> list[Actor]:
        actors = []
        covered: set[int] = set()
        for group in groups:
            actor = self._resolve_group(sent, groups, group, as_of, country)
            actors.append(actor)
            covered.update(range(group.start, group.end))
            person = group.person
            if person is None and group.name_end > 0 and actor.code and actor.name:
                # "Advisor Tom Donilon ... Donilon said": the title's code travels with the name
                person = ActorEntry(actor.name, "person", (Role(actor.code),), ())
            if person is not None:
                _remember(surnames, person, sent.tokens[group.start : group.end])
                current.append(_Antecedent(actor, _is_subject(sent, actor)))
        actors.extend(self._corefer(sent, covered, as_of, surnames, previous, current))
        actors.extend(self._leftovers(sent, covered))
        return actors

    def _resolve_group(
        self, sent: Sentence, groups: list[_Group], group: _Group, as_of: dt.date | None, country: str | None
    ) -> Actor:
        person, modifier, sector = group.person, group.modifier, group.sector
        if person is None and group.name_end > 0:
            name = " ".join(tok.text for tok in sent.tokens[group.matches[-1].end : group.name_end])
            if modifier is not None and modifier.kind not in _COUNTRY_KINDS:
                code, reason = modifier.code_at(as_of)
                return _actor(sent, group.start, group.end, code, name, reason)
            home = _country_of(modifier, as_of)
            if home is None and not group.matches[-1].head_noun:
                home = country  # "foreign minister X" in a Russian story; but not "leader X"
            code = f"{home}.{sector}" if home and sector else None
            return _actor(sent, group.start, group.end, code, name, "unknown_name")
        if person is not None:
            code, reason = person.code_at(as_of)
            if code is None and sector is not None:
                home = _country_of(modifier, as_of) or person.country
                code, reason = (f"{home}.{sector}", None) if home else (None, reason)
            return _actor(sent, group.start, group.end, code, person.name, reason, fallback=person.country)
        if modifier is not None:
            code, reason = modifier.code_at(as_of)
            # "Russian troops" -> RUS.MIL, but "al Qaeda leader" and "UN troops" keep the group's code
            if code and sector and modifier.kind in _COUNTRY_KINDS and not _is_org(code):
                code = f"{split_code(code)[0]}.{sector}"
            return _actor(sent, group.start, group.end, code, modifier.name, reason)
        home = self._modifier_country(sent, groups, group, as_of) or country
        if home is None:
            return _actor(sent, group.start, group.end, None, None, "no_country_context")
        return _actor(sent, group.start, group.end, f"{home}.{sector}", None, None)

    @staticmethod
    def _modifier_country(sent: Sentence, groups: list[_Group], group: _Group, as_of: dt.date | None) -> str | None:
        """The country of a country mention that modifies this agent in the parse ("Syrian ... rebels")."""
        span = range(group.start, group.end)
        for other in groups:
            entry = other.modifier
            if other is group or entry is None or entry.kind not in _COUNTRY_KINDS or other.person is not None:
                continue
            for tok in sent.tokens[other.start : other.end]:
                if tok.head in span and tok.dep in _MODIFIER_DEPS:
                    return _country_of(entry, as_of)
        return None

    # ------------------------------------------------------------ pass 4-5: coreference, leftovers

    def _corefer(
        self,
        sent: Sentence,
        covered: set[int],
        as_of: dt.date | None,
        surnames: dict[str, ActorEntry],
        previous: list[_Antecedent],
        current: list[_Antecedent],
    ) -> list[Actor]:
        actors = []
        for tok in sent.tokens:
            if tok.i in covered:
                continue
            lower = tok.text.lower()
            if lower in self.options.pronouns and tok.pos in ("PRON", ""):
                actor = _pronoun(tok, [a for a in current if a.actor.start < tok.idx], previous)
                actors.append(actor)
                covered.add(tok.i)
                if actor.code is not None:
                    current.append(_Antecedent(actor, tok.dep in _SUBJECT_DEPS))
                continue
            entry = surnames.get(norm_token(tok.text))
            if entry is not None and tok.text[:1].isupper() and (tok.pos in ("PROPN", "") or tok.ent_type):
                start = tok.i - 1 if tok.i > 0 and norm_token(sent.tokens[tok.i - 1].text) in _HONORIFICS else tok.i
                code, reason = entry.code_at(as_of)
                actor = _actor(sent, start, tok.i + 1, code, entry.name, reason, fallback=entry.country)
                actors.append(actor)
                covered.update(range(start, tok.i + 1))
                current.append(_Antecedent(actor, _is_subject(sent, actor)))
        return actors

    def _leftovers(self, sent: Sentence, covered: set[int]) -> list[Actor]:
        actors = []
        for ent in sent.entities:
            if ent.label not in self.options.ner_labels or covered.intersection(range(ent.start, ent.end)):
                continue
            actors.append(_actor(sent, ent.start, ent.end, None, None, "unknown_name"))
        return actors


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


def _pronoun(tok: Token, current: list[_Antecedent], previous: list[_Antecedent]) -> Actor:
    for pool in (current, previous):
        subjects = [a for a in pool if a.subject]
        if subjects:
            ante = subjects[-1].actor
            return Actor(tok.text, ante.code, ante.country, ante.sector, ante.name, tok.idx, tok.end, ante.reason)
    return Actor(tok.text, None, None, None, None, tok.idx, tok.end, "no_antecedent")


def _remember(surnames: dict[str, ActorEntry], entry: ActorEntry, span: list[Token]) -> None:
    names = entry.name.split()
    if len(names) > 1:
        surnames[norm_token(names[-1])] = entry
    if len(span) > 1:
        surnames[norm_token(span[-1].text)] = entry


def _is_subject(sent: Sentence, actor: Actor) -> bool:
    head = mention_head(sent, actor)
    return head is not None and sent.tokens[head].dep in _SUBJECT_DEPS


def _country_of(entry: ActorEntry | None, as_of: dt.date | None) -> str | None:
    if entry is None:
        return None
    code, _ = entry.code_at(as_of)
    return split_code(code)[0] if code else entry.country


def _is_org(code: str) -> bool:
    return split_code(code)[0] in ORG_CODES.values()


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
    if not sector and country in ORG_CODES.values():
        sector = "IGO"
    return Actor(text, code, country, sector, name, text_start, text_end, None)
