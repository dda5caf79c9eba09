"""Resolve actor mentions in parsed sentences to dated codes.

Passes (the parse-reading helpers, records and word lists they share are in `context`):
1. match: greedy longest match of normalised tokens against the table's aliases and agents; a surname
   after another given name is a namesake, not the table's person ("Tim Morrison"; see `names`);
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
from collections.abc import Sequence

from annales.pipeline.actors.context import (
    ARTICLES,
    COUNTRY_KINDS,
    GROUP_POSSESSIVES,
    HEAD_NOUNS,
    HONORIFICS,
    JOIN_POS,
    JOINERS,
    LOCAL_SECTORS,
    MAX_GAP,
    NOUN_POS,
    OFFICE_TITLES,
    STREET_NOUNS,
    SUBJECT_DEPS,
    TOPIC_NOUNS,
    VENUE_NOUNS,
    Antecedent,
    Group,
    Match,
    SentenceState,
    apposed_person_country,
    attach_titled_names,
    bare_adjective,
    clause_country,
    clause_head,
    clause_subject_country,
    country_of,
    dateline_tokens,
    is_igo_entry,
    is_org,
    make_actor,
    names_site,
    not_actor,
    owns,
    posted_to,
    predicate_inside,
    proper_noun_runs,
    refer_definites,
    remember,
    says_former,
    shared_sector,
    span_head,
    tied_owner,
    with_sector,
)
from annales.pipeline.actors.dateline import find_datelines, glued_dateline
from annales.pipeline.actors.gender import GenderTable
from annales.pipeline.actors.main_country import main_country
from annales.pipeline.actors.model import (
    ActorEntry,
    Role,
    is_org_code,
    is_sector_code,
    norm_token,
    split_code,
)
from annales.pipeline.actors.names import (
    PLACE_KINDS,
    apposed_title,
    given_name_before,
    known_holder,
    lone_proper_noun,
    named_title,
    place_inside_person,
    pronoun_antecedent,
    pronoun_mention,
    remember_titles,
    same_given_name,
    title_country,
    without_strangers,
)
from annales.pipeline.actors.namesakes import (
    article_towns,
    count_namesakes,
    dateline_country,
    places_country,
    qualified_names,
)
from annales.pipeline.actors.nationals import carry_nationality, mark_nationals
from annales.pipeline.actors.options import ResolveOptions
from annales.pipeline.actors.regions import continental, regional_modifier
from annales.pipeline.actors.table import ActorTable
from annales.records import Actor, Sentence, Token

# Entity labels that let a short title-case alias count as a name ("Eta", "Nato"), but not a person's name.
_SHORT_NAME_LABELS = frozenset({"ORG", "NORP"})


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
        datelines = [dateline_tokens(sent, spans) for sent in sentences]
        strangers: set[str] = set()  # surnames of people the table does not know ("Tim Morrison")
        full = text if text is not None else " ".join(sent.text for sent in sentences)
        towns = qualified_names(full)
        groups = [self._groups(sent, as_of, strangers, frozenset(towns)) for sent in sentences]
        local = article_towns(full, spans if text is not None else [], groups, towns)
        if local:  # "MANASSAS -- ... an Alexandria woman": match again, the town no longer Egypt's
            towns |= local
            strangers = set()
            groups = [self._groups(sent, as_of, strangers, frozenset(towns)) for sent in sentences]
        refer_definites(sentences, groups, datelines)
        country, tied = main_country(groups, datelines, as_of, count_namesakes(sentences, towns), list(sentences))
        glued = glued_dateline(sentences) if text is not None and not spans else None
        if country is None and text is not None:  # "CROMWELL — Police thought...": a town the table lacks
            country = dateline_country(text, spans or ([glued] if glued else [])) or places_country(sentences)
        if context_country is not None:
            country, tied = context_country, frozenset()
        if glued is not None:  # "... ousted by Musharraf. ISLAMABAD, Pakistan — Pakistan agreed": no party
            datelines = [dateline_tokens(sent, [glued]) | d for sent, d in zip(sentences, datelines, strict=True)]
        surnames: dict[str, ActorEntry] = {}
        previous: list[Antecedent] = []
        titles: dict[tuple[str, ...], tuple[str, int]] = {}
        out = []
        people = [{id(g.person): g.person for g in sg if g.person is not None} for sg in groups]
        cast = tuple({key: entry for named in people for key, entry in named.items()}.values())
        for index, (sent, sent_groups, dateline) in enumerate(zip(sentences, groups, datelines, strict=True)):
            near = tuple({k: e for named in people[max(index - 2, 0) : index + 1] for k, e in named.items()}.values())
            state = SentenceState(sent, as_of, country, dateline, previous, tied=tied, cast=cast, near=near)
            state.titles = {key: value for key, value in titles.items() if value[1] >= index - 2}
            state.groups = [group for group in sent_groups if not dateline.intersection(range(group.start, group.end))]
            actors = self._resolve_sentence(state, sent_groups, surnames)
            titles.update((key, (value[0], index)) for key, value in state.titles.items() if value[1] < 0)
            out.append(sorted(actors, key=lambda actor: actor.start))
            previous = [Antecedent(a.actor, a.subject, a.gender) for a in state.current]
        carry_nationality(sentences, out)  # "Australian-born Assange": every "Assange" of the article
        mark_nationals(sentences, out)  # "the Australian was evicted": a person, not the country
        return out

    # ------------------------------------------------------------ pass 1-2: match and group

    def _groups(
        self,
        sent: Sentence,
        as_of: dt.date | None = None,
        strangers: set[str] | None = None,
        towns: frozenset[tuple[str, ...]] = frozenset(),
    ) -> list[Group]:
        groups: list[Group] = []
        last_end = -1
        matches = self._matches(sent.tokens, as_of, recognised=sent.recognised)
        # "LONDON, Ky.": in this article London is the town in Kentucky, not the British government
        matches = [m for m in matches if not (m.entry and m.entry.kind in PLACE_KINDS and m.key in towns)]
        if strangers is not None:
            matches = without_strangers(sent.tokens, matches, strangers)
        for match in matches:
            group = groups[-1] if groups else None
            if group is not None and self._owned_institution(sent.tokens, last_end, match, group):
                match.entry, match.sector = None, self.table.agents.get(match.key)
            if group is not None and self._joins(sent.tokens, last_end, match, group):
                group.matches.append(match)
            else:
                groups.append(Group([match]))
            last_end = match.end
        offices = frozenset(
            match.end
            for match in matches
            if match.entry is not None
            and match.entry.kind == "org"
            and norm_token(sent.tokens[match.end - 1].text) in OFFICE_TITLES
        )
        attach_titled_names(sent, groups, offices)
        return groups

    def _owned_institution(self, tokens: list[Token], last_end: int, match: Match, group: Group) -> bool:
        """True for "Pakistan's Foreign Office": a named institution that is also a generic agent."""
        entry, owner = match.entry, group.matches[-1].entry
        if entry is None or entry.kind in ("person", "country", "capital") or match.key not in self.table.agents:
            return False
        if owner is None or owner.kind not in COUNTRY_KINDS or group.person is not None:
            return False
        gap = tokens[last_end : match.start]
        return len(gap) <= MAX_GAP and all(norm_token(tok.text) in JOINERS for tok in gap)

    def _matches(self, tokens: list[Token], as_of: dt.date | None = None, *, recognised: bool = True) -> list[Match]:
        seq = [(tok.i, norm_token(tok.text)) for tok in tokens if tok.text not in ("-", "\u2013")]
        seq = [(i, norm) for i, norm in seq if norm]
        matches = []
        pos = 0
        while pos < len(seq):
            match, used = self._longest(tokens, seq, pos, as_of, recognised=recognised)
            if match is None or continental(tokens, match):  # "Central American migrants": no American
                pos += 1
                continue
            if match.entry is not None and match.entry.kind == "person" and match.start > 0:
                before = tokens[match.start - 1]
                if norm_token(before.text) in HONORIFICS:
                    match.start -= 1  # "Mr. Kerry": the honorific belongs to the mention
            matches.append(match)
            pos += used
        return matches

    def _longest(
        self,
        tokens: list[Token],
        seq: list[tuple[int, str]],
        pos: int,
        as_of: dt.date | None = None,
        *,
        recognised: bool = True,
    ) -> tuple[Match | None, int]:
        longest = self.table.longest.get(seq[pos][1], 0)
        for size in range(min(longest, len(seq) - pos), 0, -1):
            key = tuple(norm for _, norm in seq[pos : pos + size])
            span = tokens[seq[pos][0] : seq[pos + size - 1][0] + 1]
            entry = self.table.lookup(key, as_of)
            if (
                entry is not None
                and self._looks_like_name(tokens, span, None if recognised else entry)
                and not place_inside_person(tokens, span, entry)
            ):
                return Match(span[0].i, span[-1].i + 1, entry=entry, key=key), size
            sector = self.table.agents.get(key)
            if sector is not None and predicate_inside(span):
                continue  # "parliament ousted Prime Minister X": "ousted" is the verb, not part of an agent
            if sector is not None and (span[-1].pos in NOUN_POS or bare_adjective(tokens, span[-1])):
                head_noun = key[-1] in HEAD_NOUNS
                return Match(span[0].i, span[-1].i + 1, sector=sector, head_noun=head_noun, key=key), size
        return None, 0

    def _looks_like_name(self, tokens: list[Token], span: list[Token], entry: ActorEntry | None = None) -> bool:
        """Names need a capitalised token; very short single tokens must be all capitals, or be a one-word
        organisation the tagger also marks as a name ("talks with Eta", as British papers write ETA): an
        ORG entity when the recogniser ran; else (`entry` given: the sentence is not recognised) an
        organisation's alias written as a proper noun between lower-case words."""
        if not any(tok.text[:1].isupper() for tok in span):
            return False
        if len(span) == 1 and len(span[0].text.replace(".", "")) <= self.options.short_alias:
            tok = span[0]
            if tok.text.isupper():
                return True
            if entry is not None:  # the recogniser has not run on this sentence
                return entry.kind in ("org", "group") and lone_proper_noun(tokens, tok)
            alone = tok.i + 1 >= len(tokens) or tokens[tok.i + 1].ent_iob != "I"
            return tok.ent_type in _SHORT_NAME_LABELS and tok.ent_iob == "B" and alone
        return True

    @staticmethod
    def _joins(tokens: list[Token], last_end: int, match: Match, group: Group) -> bool:
        gap = tokens[last_end : match.start]
        if len(gap) > MAX_GAP or any(norm_token(tok.text) not in JOINERS and tok.pos not in JOIN_POS for tok in gap):
            return False
        if group.person is not None:
            return False  # nothing follows the person in one phrase
        if group.matches[-1].entry is None and any(norm_token(tok.text) in ARTICLES for tok in gap):
            return False  # "called the American leader a terrorist": an article after an agent starts a new phrase
        # an agent or a person continues the phrase; a second country/org starts a new one
        return match.entry is None or match.entry.kind == "person"

    # ------------------------------------------------------------ pass 3: resolve

    def _resolve_sentence(
        self, state: SentenceState, groups: list[Group], surnames: dict[str, ActorEntry]
    ) -> list[Actor]:
        sent = state.sent
        actors = []
        titles: list[tuple[Group, Actor]] = []  # agents whose code the phrase itself gives, for apposed names
        covered: set[int] = set()
        for group in groups:
            covered.update(range(group.start, group.end))
            if state.dateline.intersection(range(group.start, group.end)):
                entry = group.person or group.modifier
                actors.append(
                    make_actor(
                        sent, group.start, group.end, None, entry.name if entry else None, "dateline", kind="place"
                    )
                )
                continue
            actor = self._resolve_group(state, group)
            if group.definite and sent.tokens[span_head(sent, group.start, group.end)].dep == "poss":
                continue  # "the bloc's sanctions": owns a phrase (see _owner_code), is no mention itself
            actors.append(actor)
            says_whose = group.person is None and actor.code is not None and self._says_whose(state, group)
            if says_whose and group.sector is not None:
                titles.append((group, actor))
            person = group.person
            if person is None and group.name_end > 0 and actor.code and actor.name and says_whose:
                # "White House Press Secretary Stephanie Grisham ... Grisham urged": the title's code travels
                # with the name, when the title says whose it is (not from the article's main country alone)
                person = ActorEntry(actor.name, "person", (Role(actor.code),), ())
            if person is not None:
                remember_titles(state, group, actor.code, self.table.agents)
                remember(surnames, person, sent.tokens[group.start : group.end])
                state.current.append(self._antecedent(sent, actor, person.name))
        actors.extend(self._corefer(state, covered, surnames))
        leftovers = self._leftovers(sent, covered, state.dateline)
        actors.extend(self._titled(state, actor, titles, surnames) for actor in leftovers)
        return actors

    def _titled(
        self, state: SentenceState, actor: Actor, titles: list[tuple[Group, Actor]], surnames: dict[str, ActorEntry]
    ) -> Actor:
        """An unknown name in apposition with a title that says whose it is takes the title's code, and its
        later mentions too ("Kristy Campbell, Bush's spokeswoman, denied... Campbell said")."""
        sent = state.sent
        if actor.reason != "unknown_name":
            return actor
        start = next(t.i for t in sent.tokens if t.idx >= actor.start)
        end = next((t.i for t in sent.tokens if t.idx >= actor.end), len(sent.tokens))
        found = apposed_title(sent, (start, end), [(g.start, g.end) for g, _ in titles])
        if found is None:
            return actor
        group, title = titles[found]
        code = title.code
        if code is None:
            return actor
        if says_former(sent, group) and not is_org(code):
            code = f"{split_code(code)[0]}.ELI"  # "Christopher Steele, a former British intelligence officer"
        entry = ActorEntry(actor.text, "person", (Role(code),), ())
        remember(surnames, entry, sent.tokens[start:end])
        named = make_actor(sent, start, end, code, actor.text, None, kind="person")
        state.current.append(self._antecedent(sent, named, actor.text))
        return named

    def _says_whose(self, state: SentenceState, group: Group) -> bool:
        """The phrase names whose agent it is ("British intelligence officer", "Bush's spokeswoman")."""
        head = span_head(state.sent, group.start, group.end)
        return group.modifier is not None or self._owner_code(state, group, head) is not None

    def _resolve_group(self, state: SentenceState, group: Group) -> Actor:
        sent, as_of = state.sent, state.as_of
        person, modifier, sector = group.person, group.modifier, group.sector
        if person is None and group.name_end > 0:
            name = " ".join(tok.text for tok in sent.tokens[group.matches[-1].end : group.name_end])
            known = known_holder(state.cast, name)
            if known is not None:  # "Prince Mohammed" in an article that names Crown Prince Mohammed bin Salman
                code, reason = self._former(known, as_of, *known.code_at(as_of))
                return make_actor(sent, group.start, group.end, code, known.name, reason, kind="person")
            if modifier is not None and modifier.kind not in COUNTRY_KINDS:
                code, reason = modifier.code_at(as_of)
                return make_actor(sent, group.start, group.end, code, name, reason, kind=modifier.kind)
            home = country_of(modifier, as_of)
            if home is None and not group.matches[-1].head_noun:
                home = state.country  # "foreign minister X" in a Russian story; but not "leader X"
            code = f"{home}.{sector}" if home and sector else None
            return make_actor(sent, group.start, group.end, code, name, "unknown_name", kind="person")
        if person is not None:
            code, reason = person.code_at(as_of)
            if code is None and sector is not None:
                home = country_of(modifier, as_of) or person.country
                code, reason = (f"{home}.{sector}", None) if home else (None, reason)
                if code is not None and says_former(sent, group) and not is_org(code):
                    code = f"{split_code(code)[0]}.ELI"  # "former defence minister Kim Yong-hyun"
            if code is None:
                code, reason = self._former(person, as_of, code, reason)
            return make_actor(
                sent, group.start, group.end, code, person.name, reason, fallback=person.country, kind="person"
            )
        bare = modifier.code_at(as_of)[0] if modifier is not None else None
        if bare is not None and is_sector_code(bare):
            return self._resolve_agent(state, group, bare)  # "Exxon", "CNN": an agent of that sector
        if modifier is not None:
            if sector is None and names_site(sent, state.groups, group, STREET_NOUNS):
                return make_actor(sent, group.start, group.end, None, modifier.name, "place", kind="place")
            if sector is None and modifier.kind in COUNTRY_KINDS and names_site(sent, state.groups, group):
                return make_actor(sent, group.start, group.end, None, modifier.name, "place", kind=modifier.kind)
            if sector is None and modifier.kind in COUNTRY_KINDS and names_site(sent, state.groups, group, TOPIC_NOUNS):
                return make_actor(sent, group.start, group.end, None, modifier.name, "topic", kind=modifier.kind)
            if sector is None and names_site(sent, state.groups, group, VENUE_NOUNS) and is_igo_entry(modifier, as_of):
                return make_actor(sent, group.start, group.end, None, modifier.name, "venue", kind="place")
            code, reason = modifier.code_at(as_of)
            code = with_sector(modifier, code, sector or shared_sector(sent, state.groups, group))
            return make_actor(sent, group.start, group.end, code, modifier.name, reason, kind=modifier.kind)
        return self._resolve_agent(state, group, sector or "")

    def _resolve_agent(self, state: SentenceState, group: Group, sector: str) -> Actor:
        """A bare agent: owner, then a locative place of its clause, then the article's country."""
        sent = state.sent
        head = span_head(sent, group.start, group.end)
        if not_actor(sent, state.groups, group, head):
            return make_actor(sent, group.start, group.end, None, None, "not_actor", kind="agent")
        owner = self._owner_code(state, group, head)
        if owner is not None:
            code = owner if is_org_code(owner) else f"{owner}.{sector}"
            return make_actor(sent, group.start, group.end, code, None, None, kind="agent")
        if regional_modifier(sent, state.groups, group, head):
            return make_actor(sent, group.start, group.end, None, None, "regional_modifier", kind="agent")
        home = (
            named_title(state, group)
            or (clause_country(state, head) if sector in LOCAL_SECTORS else None)
            or tied_owner(state, head)
            or title_country(state.near, group.matches[-1].key, state.as_of)
            or state.country
        )
        if home is not None and home == posted_to(state, group, head):
            home = None  # "special envoy to Kyiv" in a story about Ukraine is not Ukraine's envoy
        if home is None:
            return make_actor(sent, group.start, group.end, None, None, "no_country_context", kind="agent")
        return make_actor(sent, group.start, group.end, f"{home}.{sector}", None, None, kind="agent")

    def _owner_code(self, state: SentenceState, group: Group, head: int) -> str | None:
        """The country (or org code) of what owns or modifies an agent in the parse.

        "Syrian ... rebels", "troops from Russia" (country), "Netanyahu's security cabinet"
        (person), "the agency's director general" (organisation: its code), "his council" (pronoun).
        """
        sent, span = state.sent, range(group.start, group.end)
        for tok in sent.tokens:
            if tok.i in span or tok.head not in span:
                continue
            if tok.dep == "poss" and tok.text.lower() in self.options.pronouns:
                ante = pronoun_antecedent(state, tok)
                if ante is not None:
                    return ante.country
            if tok.dep == "poss" and tok.text.lower() in GROUP_POSSESSIVES:
                owner = clause_subject_country(state, tok.i)
                if owner is not None:
                    return owner
        for other in state.groups:
            if other is group or not any(owns(sent, tok, span) for tok in sent.tokens[other.start : other.end]):
                continue
            if other.person is not None:
                return country_of(other.person, state.as_of)
            entry = other.modifier
            code, _ = entry.code_at(state.as_of) if entry is not None else (None, None)
            if entry is not None and entry.kind not in COUNTRY_KINDS and code and is_org(code):
                return split_code(code)[0]
            if entry is not None and (entry.kind in COUNTRY_KINDS or entry.kind == "org"):
                return country_of(entry, state.as_of)
        return apposed_person_country(state, group, head)

    def _former(
        self, person: ActorEntry, as_of: dt.date | None, code: str | None, reason: str | None
    ) -> tuple[str | None, str | None]:
        """A person out of office on `as_of` is the elite of their latest country (options.former), or of the
        country whose office they take up within about a year (a president-elect, a leading candidate)."""
        if code is not None or reason != "role_out_of_date" or as_of is None or self.options.former != "elite":
            return code, reason
        former = person.former_code(as_of) or person.coming_code(as_of)
        return (former, None) if former is not None else (code, reason)

    # ------------------------------------------------------------ pass 4-5: coreference, leftovers

    def _corefer(self, state: SentenceState, covered: set[int], surnames: dict[str, ActorEntry]) -> list[Actor]:
        sent, as_of = state.sent, state.as_of
        actors = []
        for tok in sent.tokens:
            if tok.i in covered or tok.i in state.dateline:
                continue
            lower = tok.text.lower()
            if lower in self.options.pronouns and tok.pos in ("PRON", ""):
                if tok.dep == "poss":
                    continue  # "his council": used by the owner of the phrase, not a mention
                actors.append(pronoun_mention(state, tok))
                covered.add(tok.i)
                continue
            entry = surnames.get(norm_token(tok.text))
            given = given_name_before(sent.tokens, tok.i, covered) if entry is not None else None
            if entry is not None and given is not None and not same_given_name(given, entry):
                del surnames[norm_token(tok.text)]  # "Tim Morrison" after Scott Morrison: the namesake now
                continue
            if entry is not None and tok.text[:1].isupper() and (tok.pos in ("PROPN", "") or tok.ent_type):
                start = tok.i - 1 if tok.i > 0 and norm_token(sent.tokens[tok.i - 1].text) in HONORIFICS else tok.i
                code, reason = self._former(entry, as_of, *entry.code_at(as_of))
                actor = make_actor(
                    sent, start, tok.i + 1, code, entry.name, reason, fallback=entry.country, kind=entry.kind
                )
                actors.append(actor)
                covered.update(range(start, tok.i + 1))
                state.current.append(self._antecedent(sent, actor, entry.name))
        return actors

    def _antecedent(self, sent: Sentence, actor: Actor, name: str | None) -> Antecedent:
        gender = self.genders.guess(actor.text.split()) or self.genders.guess((name or "").split())
        head = mention_head(sent, actor)
        subject = head is not None and sent.tokens[head].dep in SUBJECT_DEPS
        return Antecedent(actor, subject, gender, -1 if head is None else clause_head(sent, head))

    def _leftovers(self, sent: Sentence, covered: set[int], dateline: set[int]) -> list[Actor]:
        """Names the table does not know: the recogniser's entities of the configured labels, or, in a
        sentence parsed without the recogniser, its runs of proper nouns."""
        actors = []
        spans = (
            [(ent.start, ent.end) for ent in sent.entities if ent.label in self.options.ner_labels]
            if sent.recognised
            else proper_noun_runs(sent.tokens)
        )
        for start, end in spans:
            if covered.intersection(range(start, end)):
                continue
            reason = "dateline" if dateline.intersection(range(start, end)) else "unknown_name"
            actors.append(
                make_actor(sent, start, end, None, None, reason, kind="name" if sent.recognised else "proper_noun")
            )
        return actors
