"""The parse-reading helpers of the argument frames (`frames.FrameBuilder`): implied parties, the nearest
parties of a clause, venues, claimants of an answer, agents of a participle, phrase recipients, antecedents.

Each reads one `ParsedSentence` and returns actor mentions (or a yes/no about a token); the rules that
combine them into a frame stay in `frames`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from annales.pipeline.coding.syntax import SAY_VERBS, ParsedSentence
from annales.records import Actor

if TYPE_CHECKING:
    from annales.pipeline.coding.context import DocumentContext
    from annales.pipeline.coding.predicates import Predicate

# Prepositions of place and time: an actor mention after them is where or when, not who ("talks in Geneva").
CONF_IMPLICIT = 0.75  # the implicit agent of an agentless passive ("was arrested": the country's police)
LOCATIVE_PREPS = frozenset(
    {"in", "at", "during", "near", "inside", "outside", "across", "throughout", "around", "within"}
)
PAIR_NUMBERS = frozenset({"two", "both"})
PAIR_NOUNS = frozenset(
    {"side", "sides", "country", "countries", "leader", "leaders", "minister", "ministers", "president", "presidents"}
    | {"nation", "nations", "government", "governments", "party", "parties", "delegation", "delegations", "men"}
    | {"diplomat", "diplomats", "envoy", "envoys", "neighbour", "neighbours", "neighbor", "neighbors", "rival"}
    | {"rivals", "foe", "foes", "capital", "capitals", "state", "states", "counterpart", "counterparts", "allies"}
)
# Agentless passives whose agent the act itself names ("He was arrested on Friday": the police; "was
# sentenced": a court; "were expelled from X": X's government): the sector of the implicit agent.
IMPLICIT_AGENTS = {
    "arrest": "POL",
    "detain": "POL",
    "apprehend": "POL",
    "capture": "POL",
    "raid": "POL",
    "search": "POL",
    "seize": "POL",
    "jail": "JUD",
    "imprison": "JUD",
    "remand": "JUD",
    "find": "JUD",  # "was found guilty" (the lexicon's "find" row asks for "guilty")
    "sentence": "JUD",
    "convict": "JUD",
    "charge": "JUD",
    "indict": "JUD",
    "prosecute": "JUD",
    "fine": "JUD",
    "expel": "GOV",
    "deport": "GOV",
    "ban": "GOV",
    "summon": "GOV",
}
# Definite descriptions of the story's country as a party ("invaded the country", "left the nation").
COUNTRY_NOUNS = frozenset({"country", "nation", "kingdom", "republic"})


def implicit_party(country: str, sector: str) -> Actor:
    """A party the text implies but does not name (no span: it is not a mention)."""
    code = f"{country}.{sector}" if sector else country
    return Actor("", code, country, sector or None, None, -1, -1, None, "implicit")


def implicit_agent(ps: ParsedSentence, i: int, context: DocumentContext | None) -> Actor | None:
    """The implied agent of an agentless passive: "was arrested" -> the police of the country it happens in."""
    sector = IMPLICIT_AGENTS.get(ps.lemma(i))
    if sector is None:
        return None
    country = None
    if sector == "GOV":  # "were expelled from the United States"
        country = next((a.country for o in ps.prep_objects(i, "from") for a in ps.actors_of(o) if a.is_place), None)
    for o in ps.prep_objects(i, "in"):  # "arrested in Dubai"
        country = country or next((a.country for a in ps.actors_of(o) if a.is_place), None)
    if country is None and context is not None:
        country = context.main_country()
    if country is None and sector != "GOV":  # a national arrested at home; expelled diplomats are foreigners
        for p in ps.kids(i, "nsubjpass"):
            country = country or next((a.country for a in ps.actors_of(p) if a.sector not in (None, "IGO")), None)
    return implicit_party(country, sector) if country and len(country) == 3 else None


# Justice and policing done to people the table does not know ("arrested two men", "charged him",
# "Abdulkader was sentenced"): they are of the country that acts on them (country-level recipient).
DOMESTIC_TYPES = frozenset({"COERCE", "SANCTION", "ACCUSE"})
_PEOPLE_NOUNS = frozenset(
    {"man", "men", "woman", "women", "people", "person", "persons", "suspect", "suspects", "protester", "protesters"}
    | {"demonstrator", "demonstrators", "activist", "activists", "student", "students", "journalist", "journalists"}
    | {"resident", "residents", "civilian", "civilians", "member", "members", "supporter", "supporters", "boy"}
    | {"girl", "teenager", "teenagers", "youth", "youths", "worker", "workers", "migrant", "migrants", "defendant"}
    | {"citizen", "citizens", "individual", "individuals", "organizer", "organizers", "organiser", "organisers"}
)
_PERSON_PRONOUNS = frozenset({"he", "she", "they", "him", "her", "them"})


def joint_parties(ps: ParsedSentence, tok: int) -> list[Actor]:
    """The parties of "between A and B", coordinated adjectives included ("between French and Spanish police")."""
    found = ps.actors_of(tok)
    for c in ps.kids(tok, "amod", "compound"):
        coordinated = ps.conjuncts(c)
        for k in coordinated if len(coordinated) > 1 else ():
            actor = ps.actor_at.get(k)
            if actor is not None and actor.code and all(actor is not a for a in found):
                found.append(actor)
    return found


def _names_a_person(ps: ParsedSentence, tok: int) -> bool:
    """A person the table does not know: an unresolved name, a personal pronoun, "two men", "protesters"."""
    mention = ps.actor_at.get(tok)
    unknown_person = (
        mention is not None and mention.code is None and mention.kind in ("person", "name", "proper_noun", "pronoun")
    )
    if mention is None and ps.tokens[tok].pos == "PROPN" and not ps.find_actor(tok, depth=1):
        unknown_person = True  # a name neither the table nor the tagger knows ("arrested Orujov")
    word = ps.tokens[tok].text.lower()
    return unknown_person or word in _PERSON_PRONOUNS or ps.lemma(tok) in _PEOPLE_NOUNS or word in _PEOPLE_NOUNS


def has_person_object(ps: ParsedSentence, i: int) -> bool:
    """The act is done to a person the table does not know; "found him guilty" counts "him" (the subject of
    the small clause "him guilty")."""
    small = [s for c in ps.kids(i, "ccomp", "oprd") if ps.lemma(c) == "guilty" for s in ps.kids(c, "nsubj")]
    return any(_names_a_person(ps, tok) for tok in [*ps.objects(i), *small])


def domestic_patient(ps: ParsedSentence, pred: Predicate, actors: list[Actor]) -> list[Actor]:
    countries = {a.country for a in actors if a.country and len(a.country) == 3 and a.sector != "IGO"}
    if pred.type not in DOMESTIC_TYPES or len(countries) != 1:
        return []
    if has_person_object(ps, pred.i):
        return [implicit_party(countries.pop(), "CVL")]
    return []


def names_the_country(ps: ParsedSentence, tok: int) -> bool:
    """ "the country", "the nation": the story's country as a party."""
    return ps.lemma(tok) in COUNTRY_NOUNS and any(ps.lemma(c) == "the" for c in ps.kids(tok, "det"))


def nearest_agent(ps: ParsedSentence, i: int) -> list[Actor]:
    """The subject of the nearest governing verb that has an actor, else the closest actor before the trigger
    that is no venue ("opened proceedings at its headquarters in Switzerland and charged Liverpool")."""
    j = i
    for _ in range(4):
        if ps.head(j) == j:
            break
        j = ps.head(j)
        if ps.tokens[j].pos in ("VERB", "AUX"):
            subj = ps.subject(j)
            found = ps.actors_of(subj) if subj is not None else []
            if found:
                return found
    at = ps.tokens[i].idx
    objects = {id(a) for o in ps.objects(i) for a in ps.actors_of(o)}
    before = [m for m in ps.mentions if m.code and m.end <= at and m.kind != "implicit" and id(m) not in objects]
    before = [m for m in before if not (m.is_place and governing_prep(ps, m) in LOCATIVE_PREPS)]
    before = [m for m in before if not _audience(ps, m)]
    return [max(before, key=lambda m: m.start)] if before else []


def _audience(ps: ParsedSentence, actor: Actor) -> bool:
    """Whom a statement is told to ("van den Brande told reporters after two days of talks"): the listeners,
    never a party of another act of the sentence."""
    heads = [i for i, a in ps.actor_at.items() if a is actor and ps.tokens[i].dep in ("dobj", "dative", "iobj")]
    return any(ps.lemma(ps.head(i)) in SAY_VERBS for i in heads)


# Embedded clauses whose missing subject is deliberate (a purpose, a topic, an act refused or planned by
# someone else, a relative clause about a non-actor); a clause reported by a verb of saying is news.
_EMBEDDED_DEPS = frozenset({"xcomp", "ccomp", "advcl", "acl", "relcl", "pcomp", "csubj", "csubjpass", "parataxis"})


# Prepositions whose object is a circumstance of the clause ("resigned after weeks of protests", "amid arrests").
_CIRCUMSTANCE_PREPS = frozenset({"after", "amid", "amidst", "following", "despite", "during", "before", "since"})
# Acts whose doer is never the subject of the clause they are a circumstance of (a crowd's, the police's).
_CIRCUMSTANCE_TYPES = frozenset({"PROTEST", "COERCE"})


def circumstance(ps: ParsedSentence, i: int, ptype: str) -> bool:
    """Act noun `i` of type `ptype` is a crowd's or the police's act told as the circumstance of its clause,
    through "of" ("The prime minister resigned after weeks of protests"): the clause's subject did not do it,
    so it is no party found near it."""
    if ptype not in _CIRCUMSTANCE_TYPES:
        return False
    j = i
    for _ in range(4):
        while ps.tokens[j].dep == "conj" and ps.head(j) != j:  # "amid protests and arrests"
            j = ps.head(j)
        if ps.tokens[j].dep != "pobj":
            return False
        prep = ps.head(j)
        if ps.lemma(prep) in _CIRCUMSTANCE_PREPS:
            return True
        if ps.lemma(prep) != "of":
            return False
        j = ps.head(prep)
    return False


def main_position(ps: ParsedSentence, i: int) -> bool:
    dep = ps.tokens[i].dep
    if dep not in _EMBEDDED_DEPS:
        return True
    return dep in ("ccomp", "parataxis") and ps.lemma(ps.head(i)) in SAY_VERBS


def nearest_after(ps: ParsedSentence, i: int, actors: list[Actor], *, skip_venues: bool) -> list[Actor]:
    """The closest actor after the trigger that is not the actor's own code nor a venue."""
    at = ps.tokens[i].end
    codes = {a.code for a in actors}
    for mention in sorted(ps.mentions, key=lambda m: m.start):
        if mention.start < at or not mention.code or mention.code in codes:
            continue
        if skip_venues and mention.is_place and governing_prep(ps, mention) in LOCATIVE_PREPS:
            continue
        if _reported_apart(ps, mention, i):
            continue
        return [mention]
    return []


def _reported_apart(ps: ParsedSentence, mention: Actor, i: int) -> bool:
    """The mention is in a clause a verb of saying reports, and the trigger is not: "said at a meeting in
    Moscow that Russia supports ..." gives the meeting no party from what was said there."""
    for j in (t for t, a in ps.actor_at.items() if a is mention):
        k = j
        for _ in range(8):
            if ps.tokens[k].dep == "ccomp" and ps.lemma(ps.head(k)) in SAY_VERBS:
                return not (i == k or k in ps.ancestors(i) or ps.head(k) == i)  # "claimed that X ...": its own
            if ps.head(k) == k:
                break
            k = ps.head(k)
    return False


RELATIVE_TAGS = frozenset({"WDT", "WP"})
# Answers to what someone else said or did: in a relative clause, aimed at whoever said or did it.
ANSWER_TYPES = frozenset({"REJECT"})


def claimant(ps: ParsedSentence, i: int, actors: list[Actor]) -> list[Actor]:
    """Who made the claim a relative clause answers: "Britain blamed Moscow for the attack, which Russia
    denied", "the US accused Iran, a charge Tehran rejected", "Israel said the rockets came from Gaza, a claim
    Hamas rejected": the subject of the nearest clause above the noun the relative clause modifies."""
    if ps.tokens[i].dep != "relcl":
        return []
    countries = {a.country for a in actors}
    j = ps.head(i)
    for _ in range(5):
        if ps.head(j) == j:
            break
        j = ps.head(j)
        if ps.tokens[j].pos not in ("VERB", "AUX"):
            continue
        subj = ps.subject(j)
        found = [a for a in ps.actors_of(subj) if a.country not in countries] if subj is not None else []
        if found:
            return found
    return []


def participle_agents(ps: ParsedSentence, noun: int) -> list[Actor]:
    """The "by" agents of a passive participle modifying `noun` ("the allegations made by Britain")."""
    found: list[Actor] = []
    for part in ps.kids(noun, "acl"):
        if ps.tokens[part].tag != "VBN":
            continue
        for agent in ps.kids(part, "agent"):
            for o in ps.kids(agent, "pobj"):
                found.extend(ps.actors_of(o))
    return found


def reciprocal(ps: ParsedSentence, i: int) -> bool:
    """The predicate's object or "with"-object is "each other" / "one another"."""
    for o in ps.objects(i) + ps.prep_objects(i, "with") + ps.prep_objects(i, "on"):
        # the object itself, or its possessor ("attacked each other's policies")
        for head in (o, *ps.kids(o, "poss")):
            words = {ps.lemma(head), *(ps.lemma(c) for c in ps.kids(head, "det", "nummod", "amod"))}
            if {"other", "each"} <= words or {"another", "one"} <= words:
                return True
    return False


def governing_prep(ps: ParsedSentence, actor: Actor) -> str | None:
    """The preposition whose object is the mention ("in Geneva" -> "in"), or None."""
    heads = [i for i, a in ps.actor_at.items() if a is actor]
    for i in heads:
        j = i
        for _ in range(3):
            if ps.tokens[j].dep == "pobj":
                return ps.lemma(ps.head(j))
            if ps.tokens[j].dep not in ("compound", "amod", "nmod", "poss", "appos", "conj") or ps.head(j) == j:
                break
            j = ps.head(j)
    return None


def names_pair(ps: ParsedSentence, i: int) -> bool:
    """ "the two ministers", "both sides", "the two countries": a description of the story's pair."""
    if ps.lemma(i) not in PAIR_NOUNS and ps.tokens[i].text.lower() not in PAIR_NOUNS:
        return False
    return any(ps.tokens[c].text.lower() in PAIR_NUMBERS for c in ps.kids(i, "nummod", "det", "predet", "amod"))


def speaker_of_coordinated(ps: ParsedSentence, i: int) -> list[Actor]:
    """The speaker of "X said the sale violated the principle and urged Washington to...": a verb coordinated
    with the reported clause, whose borrowed subject names no actor, is the speaker's second act (the parser
    attaches it to the reported clause)."""
    if ps.tokens[i].dep != "conj":
        return []
    clause = ps.head(i)
    if ps.tokens[clause].dep not in ("ccomp", "parataxis") or ps.lemma(ps.head(clause)) not in SAY_VERBS:
        return []
    speaker = ps.subject(ps.head(clause))
    return ps.actors_of(speaker) if speaker is not None else []


def clause_with_subject(ps: ParsedSentence, comp: int) -> bool:
    """A "that"-clause or "for X to" clause: its own subject is the one asked, refused or threatened."""
    dep = ps.tokens[comp].dep
    return dep == "ccomp" or (dep == "advcl" and any(ps.lemma(m) == "for" for m in ps.kids(comp, "mark")))


_CLAUSE_DEPS = frozenset(
    {"advcl", "ccomp", "xcomp", "relcl", "parataxis", "conj", "csubj", "acl", "nsubj", "nsubjpass"}
)


def phrase_recipients(ps: ParsedSentence, i: int, actors: list[Actor], *, skip_venues: bool) -> list[Actor]:
    """The first actor in the verb phrase after the verb, outside embedded clauses (PETRARCH's target rule);
    with `skip_venues`, places after "in/at/during..." are passed over ("talks in Geneva")."""
    codes = {a.code for a in actors}
    stack = [c for c in reversed(ps.children[i]) if c > i and ps.tokens[c].dep not in _CLAUSE_DEPS]
    while stack:
        j = stack.pop()
        if skip_venues and ps.tokens[j].dep == "prep" and ps.lemma(j) in LOCATIVE_PREPS:
            continue
        if ps.tokens[j].dep == "prep" and ps.lemma(j) in _ACCORD_TOPIC_PREPS and ps.lemma(ps.head(j)) in ACCORD_NOUNS:
            continue  # "signed an agreement on Syria": what it settles
        if ps.lemma(j) in ARRANGER_NOUNS or ps.tokens[j].text.lower() in ARRANGER_NOUNS:
            continue  # "met under the auspices of the OSCE": who arranges a meeting does not take part in it
        actor = ps.actor_at.get(j)
        if actor is not None and actor.code and actor.code not in codes and not own_forces(ps, j, actors):
            found = [actor]
            head = j
            while ps.tokens[head].dep != "pobj" and ps.actor_at.get(ps.head(head)) is actor and ps.head(head) != head:
                head = ps.head(head)
            for k in ps.conjuncts(head)[1:]:
                more = ps.find_actor(k)
                if more is not None and all(more is not a for a in found):
                    found.append(more)
            return found
        stack.extend(c for c in reversed(ps.children[j]) if ps.tokens[c].dep not in _CLAUSE_DEPS - {"conj"})
    return []


_POSSESSIVE_PRONOUNS = frozenset({"its", "their", "his", "her", "our", "my"})
# Nouns whose "of" names who arranges or oversees an act, not a party to it.
ARRANGER_NOUNS = frozenset({"auspices", "auspice", "aegis", "mediation", "sponsorship", "patronage", "supervision"})


def own_forces(ps: ParsedSentence, tok: int, actors: list[Actor]) -> bool:
    """True for "its troops", "their ambassador": the actor's own people are not the recipient."""
    if not any(
        ps.lemma(c) in _POSSESSIVE_PRONOUNS or ps.tokens[c].text.lower() in _POSSESSIVE_PRONOUNS
        for c in ps.kids(tok, "poss")
    ):
        return False
    found = ps.find_actor(tok, depth=0)
    countries = {a.country for a in actors}
    return found is None or found.country in countries


def antecedent_of(ps: ParsedSentence, tok: int, *, exclude: set[str | None] | None) -> Actor | None:
    """The nearest actor mention before token `tok` in the sentence, skipping codes in `exclude`."""
    position = ps.tokens[tok].idx
    best: Actor | None = None
    for mention in ps.mentions:
        usable = mention.code and mention.end <= position and (exclude is None or mention.code not in exclude)
        if usable and (best is None or mention.start > best.start):
            best = mention
    return best


# Where a sentence to prison is served: "sentenced to 20 years in prison", "to life in jail".
_JAIL_NOUNS = frozenset({"prison", "jail", "gaol", "penitentiary", "imprisonment", "detention", "custody"})


def sentenced_to_jail(ps: ParsedSentence, i: int) -> bool:
    """ "sentenced him to 20 years in prison": the sentence's "to" (or "in") phrase names a prison (our
    guideline codes that jailing as COERCE too)."""
    for target in [*ps.prep_objects(i, "to"), *ps.prep_objects(i, "in")]:  # "... to two years in a jail facility"
        stack, seen = [target], 0
        while stack and seen < 12:
            tok = stack.pop()
            seen += 1
            if ps.lemma(tok) in _JAIL_NOUNS:
                return True
            stack.extend(ps.children[tok])
    return False


# Texts that do what they say, for whoever issues them: "a law imposing sanctions", "a statement condemning".
INSTRUMENT_NOUNS = frozenset(
    {"law", "bill", "act", "legislation", "resolution", "decree", "measure", "order", "amendment", "motion"}
    | {"statement", "letter", "declaration", "communique", "communiqué", "petition", "ruling", "verdict"}
)


def enacts(ps: ParsedSentence, i: int) -> bool:
    """Participle `i` says what a law or a statement does ("passed a law imposing sanctions on Russia"): the
    act is its issuer's."""
    return ps.tokens[i].tag == "VBG" and ps.lemma(ps.head(i)) in INSTRUMENT_NOUNS


# Agreements, whose "on"/"over"/"about" names what they settle, not who is party to them.
ACCORD_NOUNS = frozenset({"agreement", "deal", "treaty", "accord", "pact", "memorandum", "protocol", "compromise"})
_ACCORD_TOPIC_PREPS = frozenset({"on", "over", "about", "for"})


def accord_parties(ps: ParsedSentence, tok: int) -> list[Actor]:
    """The parties a role phrase names; for an agreement, not what it is about ("signed an agreement on Syria":
    Syria is its topic; "an agreement with Russia", "the US-Russia deal" name parties)."""
    if ps.lemma(tok) not in ACCORD_NOUNS:
        return ps.actors_of(tok)
    found: list[Actor] = []
    for c in ps.children[tok]:
        if ps.tokens[c].dep == "prep" and ps.lemma(c) in _ACCORD_TOPIC_PREPS:
            continue
        if ps.tokens[c].dep in ("det", "punct", "cc", "conj", "relcl", "acl"):
            continue
        found.extend(a for a in ps.actors_of(c) if all(a is not b for b in found))
    return found


def complement_subject(ps: ParsedSentence, comp: int | None, actors: list[Actor]) -> list[Actor]:
    """The parties a control verb's clause has for subject ("urged that Russia withdraw", "said that Russia
    must withdraw"), other than the actors."""
    if comp is None or not clause_with_subject(ps, comp):
        return []
    subj = ps.subject(comp)
    return [a for a in ps.actors_of(subj) if all(a is not b for b in actors)] if subj is not None else []


def beyond_venue(
    ps: ParsedSentence, i: int, ptype: str, comp: int | None, actors: list[Actor], venue: bool
) -> list[Actor]:
    """The recipient of predicate `i` when none is left once venues are set aside: "At a meeting in Brussels,
    the chancellor said that Russia must withdraw" (the venue was taken for the recipient before the subject of
    the clause the predicate governs); "protested outside the Israeli embassy" (a protest at a country's
    mission is aimed at that country)."""
    found = complement_subject(ps, comp, actors) if venue else []
    return found or (embassy_owners(ps, i, actors) if ptype == "PROTEST" else [])


# A country's missions abroad: a crowd protesting outside one protests against that country.
_MISSIONS = frozenset({"embassy", "consulate", "mission", "legation"})


def embassy_owners(ps: ParsedSentence, i: int, actors: list[Actor]) -> list[Actor]:
    """Whose embassy a protest is held at, outside or in front of ("protested outside the Israeli embassy in
    Amman" is aimed at Israel), other than the protesters' own side."""
    countries = {a.country for a in actors}
    places = [o for p in ("outside", "at", "near", "in") for o in ps.prep_objects(i, p)]
    places += [o for f in ps.prep_objects(i, "in") if ps.lemma(f) == "front" for o in ps.prep_objects(f, "of")]
    return [a for o in places if ps.lemma(o) in _MISSIONS for a in ps.actors_of(o) if a.country not in countries]


# venues and hosts ---------------------------------------------------------------------------

# Acts whose "at" names a target, not a venue ("fired at X").
_AT_TARGET_TYPES = frozenset({"ASSAULT", "THREATEN", "ACCUSE", "COERCE", "MOBILIZE", "PROTEST"})


def is_venue(ps: ParsedSentence, actor: Actor, pred: Predicate) -> bool:
    """A place named after "in/at/during..." is where the event happened, not a party ("met in Brussels").

    Visits are the exception: "arrived in Moscow" makes Moscow the host (its lexicon row asks for "in").
    "at" names a target for conflictual acts ("fired at X").
    """
    if not actor.is_place:
        return False
    prep = governing_prep(ps, actor)
    if prep is None or prep not in LOCATIVE_PREPS:
        return False
    if any(cue.kind == "p" and cue.prep == prep for cue in pred.entry.cues):
        return False
    return not (prep == "at" and pred.type in _AT_TARGET_TYPES)


def host_parties(ps: ParsedSentence, pred: Predicate, actors: list[Actor]) -> list[Actor]:
    """ "Obama arrived in Jordan": a visit row that asks for "in" makes the place its host (`is_venue` lets
    it through), whatever else the phrase holds ("in refugee-flooded Jordan")."""
    for cue in pred.entry.cues:
        if cue.kind == "p" and cue.prep in LOCATIVE_PREPS:
            found = [a for o in ps.prep_objects(pred.i, cue.prep) for a in ps.actors_of(o)]
            found = [a for a in found if all(a.country != b.country for b in actors)]
            if found:
                return found
    return []


def court_seat(ps: ParsedSentence, i: int) -> str | None:
    """The country whose court a plea or charge is before, when the clause says where: "faces charges in the
    US", "pleaded guilty in a German court"; else None."""
    for head in (i, *ps.objects(i)):
        for where in ps.prep_objects(head, "in"):
            owners = (
                [where, *ps.kids(where, "amod", "compound")] if ps.lemma(where) in ("court", "tribunal") else [where]
            )
            for owner in owners:
                country = next((a.country for a in ps.actors_of(owner) if a.is_place and a.country), None)
                if country is not None and len(country) == 3:
                    return country
    return None


def before_the_court(
    pleaders: list[Actor], context: DocumentContext | None, factor: float, seat: str | None = None
) -> tuple[list[Actor], list[Actor], float, str]:
    """ "Clark pleaded guilty to murder": the plea convicts him, so the court of his country sanctions him
    (our guideline, after PLOVER's SANCTION convict); a pleader the table does not know is its civilian.
    `seat`: the country the clause puts the court in ("faces charges in the US"), before the pleader's own."""
    country = seat or _court_country(pleaders, context)
    if country is None:
        return [], [], factor, "none"
    recipients = [a for a in pleaders if a.sector != "JUD"] or [implicit_party(country, "CVL")]
    return [implicit_party(country, "JUD")], recipients, factor * CONF_IMPLICIT, "implicit"


def to_the_court(actors: list[Actor], recipients: list[Actor], context: DocumentContext | None) -> list[Actor]:
    """Whom an appeal rejects: "his lawyer said he would appeal", "appealed the ruling" reject the court's
    decision, so the court (of the appellant's country) is the recipient, unless a court is named."""
    courts = [r for r in recipients if r.sector == "JUD"]
    if courts or not actors:
        return courts
    country = _court_country(actors, context)
    return [implicit_party(country, "JUD")] if country and actors[0].sector != "JUD" else []


def _court_country(parties: list[Actor], context: DocumentContext | None) -> str | None:
    """The country whose court hears these parties: the first one's state, else the article's country."""
    country = next((a.country for a in parties if a.country and len(a.country) == 3), None)
    return country or (context.main_country() if context is not None else None)


# People who work for someone: a strike or protest of theirs is aimed at whom they work for.
_WORKERS = frozenset(
    {"worker", "workers", "employee", "employees", "staff", "crew", "crews", "member", "members", "teacher"}
    | {"teachers", "nurse", "nurses", "doctor", "doctors", "pilot", "pilots", "driver", "drivers", "miner", "miners"}
)


def employer(ps: ParsedSentence, i: int, actors: list[Actor]) -> list[Actor]:
    """Whom workers who protest work for: "cabin crew workers at British Airways are preparing to strike",
    "staff of the national broadcaster walked out" (the workers' "at", "of" or "for" names them)."""
    subj = ps.subject(i)
    if subj is None:
        return []
    heads = [subj, *ps.prep_objects(subj, "of")]  # "Thousands of cabin crew workers at British Airways"
    if not any(ps.lemma(h) in _WORKERS for h in heads):
        return []
    found = [a for h in heads for p in ("at", "of", "for") for o in ps.prep_objects(h, p) for a in ps.actors_of(o)]
    return [a for a in found if not a.is_place and all(a is not b and a.code != b.code for b in actors)]


# Acts done with a means ("threatened with sanctions", "hit with missiles", "slapped with tariffs").
_MEANS_VERBS = frozenset(
    {"threaten", "hit", "strike", "target", "attack", "bomb", "shell", "pound", "pelt", "slap", "punish", "sanction"}
    | {"menace", "intimidate", "bombard", "blast", "spray", "douse"}
)


def instrument_owners(ps: ParsedSentence, i: int) -> list[Actor]:
    """Whose means a passive act was done with, when it names no "by" agent: "Hong Kong was threatened with
    Chinese military intervention", "Iran was threatened with sanctions by the United States" (the parser hangs
    the agent on the means); never the passive subject itself. Only for acts whose "with" names a means ("was
    met with silence by the United States" is a reaction, no meeting)."""
    if ps.lemma(i) not in _MEANS_VERBS:
        return []
    patients = {id(a) for s in ps.kids(i, "nsubjpass") for a in ps.actors_of(s)}
    found: list[Actor] = []
    for means in ps.prep_objects(i, "with"):
        owners = [c for c in ps.kids(means, "poss", "amod", "compound", "nmod")]
        owners += ps.prep_objects(means, "by")
        found += [a for c in owners for a in ps.actors_of(c) if id(a) not in patients and a not in found]
    return found
