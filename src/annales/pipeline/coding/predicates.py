"""Find event predicates in a parsed sentence and pick their lexicon row and CAMEO code.

A predicate is a verb (or an event noun such as "talks", "sanctions") whose lemma has a
row in the lexicon and whose cues hold. Control verbs ("agreed to", "urged X to",
"refused to", "threatened to") take their sub-code from the complement they govern, and
that complement is consumed: it is not coded again as an event of its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from annales.pipeline.coding.content import CONTENT_TYPES, content_predicates, infinitives
from annales.pipeline.coding.learned import MODEL_FLAG
from annales.pipeline.coding.matching import (
    body_session,
    inside_names,
    match_entry,
    names_a_kind,
    speech_occasion,
    told_the_press,
    type_of,
)
from annales.pipeline.coding.senses import NOTE_VERBS, discussed, forecast, joint_talk, no_request, vowed_not_to
from annales.pipeline.coding.syntax import MODAL_VERBS, PRONOUNS, SAY_VERBS, ParsedSentence
from annales.pipeline.coding.tables import CodingTables, LexEntry
from annales.pipeline.coding.verbdict import VerbDictionary
from annales.pipeline.coding.verdicts import Blame, blames
from annales.pipeline.nlp.happening import happening_verb

if TYPE_CHECKING:
    from annales.pipeline.coding.learned import Decision, LearnedScorer

# Light verbs whose object noun carries the event ("held talks", "imposed sanctions", "launched an attack").
LIGHT_VERBS = frozenset(
    {
        "hold",
        "have",
        "conduct",
        "launch",
        "carry",
        "stage",
        "impose",
        "make",
        "issue",
        "begin",
        "start",
        "open",
        "resume",
        "continue",
        "wage",
        "mount",
        "lodge",
        "file",
        "express",
        "voice",
        "announce",
        "organize",
        "organise",
        "join",
        "attend",
        "lead",
        "deliver",
        "send",
        "extend",
        "offer",
        "provide",
        "give",
        "pay",
        "plan",
        "host",
        "order",  # "ordered a partial mobilisation", "ordered the withdrawal of forces"
        "undertake",  # "undertook a mediation mission"
        "reimpose",
        "tighten",  # "tightened the blockade"
    }
)

# Sub-codes of control verbs by the PLOVER type of their complement (CAMEO facts: e.g. 036 "express intent
# to meet", 106 "demand meeting", 125 "reject proposal to meet", 138 "threaten with military force").
_AGREE_BY_TYPE = {
    "CONSULT": "036",
    "COOPERATE": "031",
    "AID": "033",
    "SUPPORT": "032",
    "CONCEDE": "035",
    "RETREAT": "035",
    "AGREE": "030",
}
_THREAT_BY_TYPE = {"SANCTION": "1312", "ASSAULT": "138", "COERCE": "132", "MOBILIZE": "138", "PROTEST": "133"}
_APPEAL_BY_TYPE = {
    "CONSULT": "026",
    "COOPERATE": "021",
    "AID": "023",
    "SUPPORT": "022",
    "CONCEDE": "025",
    "RETREAT": "025",
    "AGREE": "026",
}
_DEMAND_BY_TYPE = {
    "CONSULT": "106",
    "COOPERATE": "101",
    "AID": "103",
    "SUPPORT": "102",
    "CONCEDE": "105",
    "RETREAT": "105",
    "AGREE": "106",
}
_REJECT_BY_TYPE = {
    "CONSULT": "125",
    "COOPERATE": "121",
    "AID": "122",
    "SUPPORT": "120",
    "CONCEDE": "124",
    "RETREAT": "124",
    "AGREE": "127",
    "REQUEST": "120",
}
# Specific release/ceasefire codes the sub-code tables refine to.
_RELEASE_CODES = {"020": "0253", "100": "1053", "120": "1243"}


@dataclass(slots=True)
class Predicate:
    """A matched predicate: token index, lexicon row, final CAMEO code and how it was found."""

    i: int
    entry: LexEntry
    cameo: str
    type: str
    mode: str | None
    light: int | None = None  # index of the light verb governing an event noun
    complement: int | None = None  # index of the complement a control verb consumed
    purpose: int | None = None  # same-type purpose clause merged in ("travel to Moscow to meet Lavrov")
    reverse: str | None = None  # user dictionaries' paired codes ("032:033"): code of the reverse event
    user: bool = False  # the code comes from a user verb dictionary
    condition: int | None = None  # "if"-clause a conditional threat hangs on ("if Iran attacks, we will strike")
    model_type: str | None = None  # the learned model's best type for the token (None: not scored)
    model_prob: float = 0.0  # and its probability


_COMPLEMENT_DEPS = frozenset({"xcomp", "ccomp", "advcl", "pcomp", "conj"})
# Prepositions through which an event noun hangs off the verb of its actor ("came to Geneva for talks").
_NOUN_PREPS = frozenset({"for", "in", "into", "with"})  # "responded with airstrikes"


def _light_verb(ps: ParsedSentence, i: int, matched: dict[int, LexEntry]) -> int | None:
    """The verb whose subject is the actor of event noun `i`: "held talks", "undertook a mediation mission",
    "returned to Geneva for talks"."""
    j = i
    if ps.tokens[j].dep == "compound":  # "mediation mission": the noun it modifies carries the role
        j = ps.head(j)
    head = ps.head(j)
    dep = ps.tokens[j].dep
    if dep in ("dobj", "obj") and ps.lemma(head) in LIGHT_VERBS and head not in matched:
        return head
    if dep == "pobj" and ps.lemma(head) in _NOUN_PREPS:
        verb = ps.head(head)
        if ps.tokens[verb].pos in ("VERB", "AUX") and verb not in matched:
            return verb
    if happening_verb(ps.tokens, j) == head and head not in matched:
        # "talks will take place in Minsk", "the summit is scheduled for Monday": the verb telling that the act
        # happens carries its tense, its modality and its place
        return head
    if dep == "pobj" and ps.lemma(head) == "under":
        # "placed the man under arrest", "was put under house arrest"; not "remains under sanctions", whose
        # subject is the target
        verb = ps.head(head)
        if ps.tokens[verb].pos == "VERB" and verb not in matched and (ps.objects(verb) or ps.is_passive(verb)):
            return verb
    return None


def _complement(ps: ParsedSentence, i: int, matched: dict[int, LexEntry]) -> int | None:
    """The event a control verb governs: an xcomp/ccomp verb or an object/`for` noun that is itself a predicate."""
    for c in ps.kids(i, "xcomp", "ccomp", "advcl"):
        if c in matched:
            return c
        # "vowed to degrade and destroy X": a coordinated verb of the complement carries the event
        for cc in ps.conjuncts(c)[1:]:
            if cc in matched and ps.tokens[cc].pos == "VERB":
                return cc
        # "agreed to consider meeting": look one level down through modal verbs
        for cc in ps.kids(c, "xcomp", "dobj"):
            if cc in matched and ps.lemma(c) in MODAL_VERBS:
                return cc
    for o in ps.objects(i) + ps.prep_objects(i, "for") + ps.prep_objects(i, "to"):
        if o in matched:
            return o
    # a noun's infinitive: "Russia's threat to attack Ukrainian ports", "the Russian request to meet Skripal"
    return next((c for c in infinitives(ps, i) if c in matched), None)


# "X said Y must release Z": a demand by the speaker on Y (CAMEO 10, PLOVER REQUEST).
_OBLIGATION_AUX = frozenset({"must", "should"})
OBLIGATION_LEMMA = "<must>"  # lemma of the synthetic lexicon row behind "X said Y must..."
_DEMAND_ENTRY = LexEntry(
    pos="V", lemma=OBLIGATION_LEMMA, cues=(), cameo="100", type="", mode="", flags=frozenset({"request"}), line=0
)


def _obligation_predicates(ps: ParsedSentence, matched: dict[int, LexEntry], tables: CodingTables) -> list[Predicate]:
    found = []
    for tok in ps.tokens:
        if tok.dep != "ccomp" or ps.lemma(tok.head) not in SAY_VERBS or tok.head in matched:
            continue
        if not any(
            ps.lemma(a) in _OBLIGATION_AUX or ps.tokens[a].text.lower() in _OBLIGATION_AUX
            for a in ps.kids(tok.i, "aux")
        ):
            continue
        comp_entry = matched.get(tok.i)
        cameo = _control_code(_DEMAND_ENTRY, comp_entry, type_of(comp_entry, tables) if comp_entry else "")
        info = tables.cameo.get(cameo)
        found.append(
            Predicate(
                i=tok.head,
                entry=_DEMAND_ENTRY,
                cameo=cameo,
                type="REQUEST",
                mode=info.mode if info else None,
                complement=tok.i,
            )
        )
    return found


BLAME_LEMMA = "<blame>"
_BLAME_ENTRY = LexEntry(pos="V", lemma=BLAME_LEMMA, cues=(), cameo="112", type="", mode="", flags=frozenset(), line=0)


def _blame_predicate(blame: Blame, tables: CodingTables) -> Predicate:
    """An accusation by the subject of the verb that blames (the recipient: the clause's subject, or the
    object of "hold"), or its denial of responsibility."""
    cameo = "016" if blame.denial else _BLAME_ENTRY.cameo  # a denial of responsibility
    info = tables.cameo.get(cameo)
    return Predicate(
        i=blame.verb,
        entry=_BLAME_ENTRY,
        cameo=cameo,
        type=(info.plover_type if info else "") or "ACCUSE",
        mode=info.mode if info else None,
        complement=blame.clause,
    )


# "X has no intention of resuming talks": a refusal (CAMEO 12, PLOVER REJECT) by X.
_INTENT_NOUNS = frozenset({"intention", "intent", "plan", "desire", "interest", "wish"})
REFUSAL_LEMMA = "<no-intention>"
_REFUSAL_ENTRY = LexEntry(
    pos="V", lemma=REFUSAL_LEMMA, cues=(), cameo="120", type="", mode="", flags=frozenset({"reject"}), line=0
)


def _refusal_predicates(ps: ParsedSentence, matched: dict[int, LexEntry], tables: CodingTables) -> list[Predicate]:
    """ "has no intention of resuming talks", "have no plans to meet": REJECT by the subject of "have"."""
    found = []
    for tok in ps.tokens:
        if ps.lemma(tok.i) not in _INTENT_NOUNS or tok.dep not in ("dobj", "obj") or ps.lemma(tok.head) != "have":
            continue
        if not any(ps.lemma(c) == "no" for c in ps.kids(tok.i, "det", "neg")) or tok.head in matched:
            continue
        clause = ps.prep_objects(tok.i, "of") + ps.kids(tok.i, "acl", "relcl")
        comp = None
        for c in clause:
            comp = next((j for j in (c, *ps.objects(c)) if j in matched), None)
            if comp is not None:
                break
        if comp is None:
            continue  # "has no plans" alone is no refusal of anything we code
        comp_entry = matched.get(comp)
        cameo = _control_code(_REFUSAL_ENTRY, comp_entry, type_of(comp_entry, tables) if comp_entry else "")
        info = tables.cameo.get(cameo)
        found.append(
            Predicate(
                i=tok.head,
                entry=_REFUSAL_ENTRY,
                cameo=cameo,
                type=(info.plover_type if info else "") or "REJECT",
                mode=info.mode if info else None,
                complement=comp,
            )
        )
    return found


# Conflict acts that, announced in a main clause conditioned on the recipient's act, are threats
# (CAMEO 13, PLOVER 3.11): "if Iran attacks, the United States will respond with overwhelming force".
_CONDITIONAL_THREAT_TYPES = frozenset({"ASSAULT", "COERCE", "SANCTION", "MOBILIZE", "PROTEST"})
_FUTURE_WORDS = frozenset({"will", "'ll", "wo", "shall", "would", "'d", "may", "might", "could"})
_CONDITION_MARKS = frozenset({"if", "unless", "should"})


def _condition_of(ps: ParsedSentence, i: int) -> int | None:
    """The "if"/"unless" clause of a future main-clause act, or None."""
    if not any(ps.tokens[a].text.lower() in _FUTURE_WORDS for a in ps.kids(i, "aux")):
        return None
    return condition_clause(ps, i)


def condition_clause(ps: ParsedSentence, i: int) -> int | None:
    """The "if"/"unless" clause of verb `i` whose subject is a party ("if Iran attacks"), or None."""
    for c in ps.kids(i, "advcl"):
        if not any(ps.lemma(m) in _CONDITION_MARKS for m in ps.kids(c, "mark")):
            continue
        # a threat hangs on someone's act ("if Iran attacks"), not on circumstances ("if tensions keep rising")
        subj = ps.subject(c)
        if subj is not None and (ps.actors_of(subj) or ps.lemma(subj) in PRONOUNS):
            return c
    return None


# Complements whose refusal is a rejection: a refusal to meet, to agree, to cooperate, to help, to yield.
_COOPERATIVE_TYPES = frozenset({"CONSULT", "AGREE", "COOPERATE", "AID", "CONCEDE", "RETREAT", "SUPPORT"})


def _temporal_background(ps: ParsedSentence, i: int) -> bool:
    """An event noun in a temporal adjunct ("called up reservists after the Hamas attack", "since the war")
    names the background of the sentence's event, not an event reported by it."""
    dep, head = ps.tokens[i].dep, ps.head(i)
    return dep == "pobj" and ps.lemma(head) in _TEMPORAL_PREPS and ps.tokens[ps.head(head)].pos in ("VERB", "AUX")


_TEMPORAL_PREPS = frozenset({"after", "before", "since", "following", "until"})


def _control_code(entry: LexEntry, comp_entry: LexEntry | None, comp_type: str) -> str:
    control = entry.control
    base = entry.cameo
    if comp_entry is None:
        return base
    if control == "agree":
        if comp_type in _THREAT_BY_TYPE and entry.lemma in ("vow", "promise", "pledge", "threaten"):
            return _THREAT_BY_TYPE[comp_type]
        return _AGREE_BY_TYPE.get(comp_type, base)
    if control == "threaten":
        return _THREAT_BY_TYPE.get(comp_type, base)
    table = _REJECT_BY_TYPE if control == "reject" else _DEMAND_BY_TYPE if base == "100" else _APPEAL_BY_TYPE
    code = table.get(comp_type, base)
    if comp_entry.cameo.startswith("084") and base in _RELEASE_CODES:
        return _RELEASE_CODES[base]
    return code


def _user_predicates(
    ps: ParsedSentence, tables: CodingTables, verbs: VerbDictionary, matched: dict[int, LexEntry]
) -> dict[int, Predicate]:
    """Predicates coded by a user verb dictionary; our lexicon row (if any) lends flags and type."""
    found: dict[int, Predicate] = {}
    for tok in ps.tokens:
        if tok.pos != "VERB":
            continue
        hit = verbs.match(ps, tok.i)
        if hit is None:
            continue
        ours = matched.get(tok.i)
        info = tables.cameo.get(hit.code) if hit.code.isdigit() and 2 <= len(hit.code) <= 4 else None
        ptype = (info.plover_type if info else "") or (type_of(ours, tables) if ours else "")
        entry = LexEntry(
            pos="V",
            lemma=tok.lemma.lower(),
            cues=(),
            cameo=hit.code,
            type=ptype,
            mode="",
            flags=(ours.flags - {"agree", "request", "reject", "threaten"}) if ours else frozenset(),
            line=0,
        )
        found[tok.i] = Predicate(
            i=tok.i,
            entry=entry,
            cameo=hit.code,
            type=ptype,
            mode=info.mode if info else None,
            reverse=hit.reverse,
            user=True,
        )
    return found


def lexicon_matches(ps: ParsedSentence, tables: CodingTables) -> dict[int, LexEntry]:
    """Token -> the lexicon row it matches, for every token that matches one."""
    return {i: e for i in range(len(ps.tokens)) if (e := match_entry(ps, i, tables)) is not None}


def find_predicates(
    ps: ParsedSentence,
    tables: CodingTables,
    *,
    verbs: VerbDictionary | None = None,
    keep_untyped: bool = False,
    scorer: LearnedScorer | None = None,
    verbs_fallback: bool = False,
    matched: dict[int, LexEntry] | None = None,
    decision: Decision | None = None,
) -> list[Predicate]:
    """Match every predicate of the sentence; control verbs consume their complements.

    Args:
        ps: the parsed sentence.
        tables: the coding tables.
        verbs: a user verb dictionary whose codes take precedence over our lexicon.
        keep_untyped: keep predicates whose (user) code has no PLOVER type.
        scorer: the learned model; it adds predicates no lexicon row matched and drops lexicon hits it is
            sure carry no event (see `learned.LearnedScorer`).
        matched: the sentence's lexicon hits (`lexicon_matches`), when already found.
        decision: the learned model's decision on them, when already taken (`LearnedScorer.decide_many`
            for a whole article); `scorer` is then not asked again.

    Returns:
        Predicates in token order, complements of control verbs and objects of verb rows removed.
    """
    matched = dict(matched) if matched is not None else lexicon_matches(ps, tables)
    dropped: frozenset[int] = frozenset()
    scores: dict[int, tuple[str, float]] = {}
    if decision is None and scorer is not None:
        decision = scorer.decide(ps, matched)
    if decision is not None:
        matched.update(
            (i, e)
            for i, e in decision.add.items()
            if not names_a_kind(ps, i)
            and not speech_occasion(ps, i)
            and not body_session(ps, i)
            and not told_the_press(ps, i)
        )
        dropped, scores = decision.drop, decision.scores
    consumed: set[int] = set()
    predicates: list[Predicate] = []
    user = _user_predicates(ps, tables, verbs, matched) if verbs is not None else {}
    if verbs_fallback:
        # the dictionary only where our lexicon and the model found nothing, and never inside a complement
        user = {
            i: p
            for i, p in user.items()
            if i not in matched and not (ps.head(i) in matched and ps.tokens[i].dep in _COMPLEMENT_DEPS)
        }
    for i, entry in sorted(matched.items()):
        if i in user:
            continue
        ptype = type_of(entry, tables)
        cameo, comp = entry.cameo, None
        if entry.control:
            comp = _complement(ps, i, matched)
            if comp is None:
                # keep an unmatched clause complement for its subject ("demanded that the US cancel...")
                comp = next(iter(ps.kids(i, "ccomp")), None)
            if entry.control == "request" and no_request(ps, i):
                continue  # "an official who asked not to be named": no request of anyone
            if forecast(ps, i, entry, comp, matched, tables):
                consumed.update(content_predicates(ps, i, matched))  # nor are "the talks" an event there
                continue  # "warned that the talks would be long": a forecast, no threat
            comp_entry = matched.get(comp) if comp is not None else None
            comp_type = type_of(comp_entry, tables) if comp_entry else ""
            # "vowed not to resume negotiations with Israel": a refusal to meet, not an agreement to
            refused = entry.control == "agree" and comp_type in _COOPERATIVE_TYPES and vowed_not_to(ps, i, comp)
            cameo = _control_code(_REFUSAL_ENTRY if refused else entry, comp_entry, comp_type)
            if comp is not None and comp in matched:
                consumed.add(comp)
        info = tables.cameo.get(cameo)
        if entry.control and info is not None:
            ptype = info.plover_type or ptype
        mode = entry.mode or (info.mode if info else None)
        if entry.control and info is not None:
            mode = info.mode
        if entry.pos == "V":
            # "held talks", "imposed sanctions": the verb row already covers its object noun
            consumed.update(o for o in ps.objects(i) if o in matched and any(c.kind == "obj" for c in entry.cues))
        predicates.append(Predicate(i=i, entry=entry, cameo=cameo, type=ptype, mode=mode, complement=comp))
    obligations = _obligation_predicates(ps, matched, tables) + _refusal_predicates(ps, matched, tables)
    consumed.update(p.complement for p in obligations if p.complement is not None)
    for blame in blames(ps, matched, tables):
        clash = [p for p in [*predicates, *obligations] if p.i == blame.verb and p.i not in consumed]
        if all(MODEL_FLAG in p.entry.flags for p in clash):
            # "Cerar said Russia was responsible for the attack": the speaker accuses Russia; the attack is what
            # the accusation is about (a reading the model guessed for the verb yields)
            predicates = [p for p in predicates if p not in clash]
            obligations.append(_blame_predicate(blame, tables))
            consumed.add(blame.act)
    predicates = sorted([*predicates, *user.values(), *obligations], key=lambda p: p.i)
    for pred in predicates:
        if pred.type in _CONDITIONAL_THREAT_TYPES and not pred.user and pred.entry.pos == "V":
            pred.condition = _condition_of(ps, pred.i)
            if pred.condition is not None:
                pred.cameo = _THREAT_BY_TYPE[pred.type]
                info = tables.cameo.get(pred.cameo)
                pred.type, pred.mode = "THREATEN", info.mode if info else None
    verbs_coded = any(p.entry.pos == "V" for p in predicates if p.i not in consumed)
    if verbs_coded:
        consumed.update(p.i for p in predicates if p.entry.pos == "N" and _temporal_background(ps, p.i))
    by_index = {pred.i: pred for pred in predicates}
    for pred in predicates:
        if (pred.type in CONTENT_TYPES or pred.entry.control) and not pred.user:
            # the condition of a conditional threat stays, as a hypothetical event of its own
            consumed.update(content_predicates(ps, pred.i, matched) - {pred.condition})
        consumed.update(_noun_topics(ps, pred, matched, tables))
        if pred.type == "CONSULT" and not pred.user:
            consumed.update(discussed(ps, pred.i, matched) - {pred.i})
        for c in ps.kids(pred.i, "advcl", "xcomp"):
            child = by_index.get(c)
            if (
                child is not None
                and child.type == pred.type
                and ps.kids(c, "aux")
                and c not in consumed
                and not pred.user
            ):
                pred.purpose = c
                consumed.add(c)
    out = []
    named = inside_names(ps)
    for pred in predicates:
        if pred.i in consumed or not (pred.type or (keep_untyped and pred.user)) or pred.i in named:
            continue
        if pred.i in dropped and not pred.user and not joint_talk(ps, pred.i, pred.entry):
            continue
        pred.model_type, pred.model_prob = scores.get(pred.i, (None, 0.0))
        if pred.entry.pos == "N":
            pred.light = _light_verb(ps, pred.i, matched)
        out.append(pred)
    topics = {t for pred in out if pred.type == "PROTEST" and not pred.user for t in _protest_topics(ps, pred)}
    return [pred for pred in out if not (pred.i in topics and pred.type in _TOPIC_TYPES)]


# Prepositions whose object is what an accusation, a demand, a refusal or a threat told by a noun is about.
_NOUN_TOPIC_PREPS = frozenset({"over", "about", "against"})


def _noun_topics(ps: ParsedSentence, pred: Predicate, matched: dict[int, LexEntry], tables: CodingTables) -> set[int]:
    """What an event noun is about when the parser hangs it on the noun's light verb: "lodged a complaint over
    the arrest", "lodged a protest with Japan over the visit"; and what a protest verb is about ("protested to
    Japan over the visit"). A protest's topic is consumed only when it is a cooperative act (a visit, talks, a
    deal), unless the protest is a note ("lodged a protest over the attack"); an attack a crowd protests is an
    event of its own."""
    if pred.user or pred.type not in (*CONTENT_TYPES, "PROTEST") or (pred.entry.pos != "N" and pred.type != "PROTEST"):
        return set()
    light = _light_verb(ps, pred.i, matched) if pred.entry.pos == "N" else pred.i
    if light is None:
        return set()
    note = pred.entry.pos == "N" and ps.lemma(light) in NOTE_VERBS
    heads = [light, pred.i] if note else [light]  # "lodged a protest over the attack": on the noun too
    found = {o for h in heads for p in _NOUN_TOPIC_PREPS for o in ps.prep_objects(h, p) if o in matched}
    if pred.type == "PROTEST" and not note:
        found = {o for o in found if type_of(matched[o], tables) in _COOPERATIVE_TYPES}
    return found


# PLOVER 3.12.2: the topic of a protest, typically a REQUEST, is not coded as a separate event
# ("staged a hunger strike to demand the resignation of...", "blocked roads demanding that...").
_TOPIC_TYPES = frozenset({"REQUEST", "ACCUSE", "REJECT"})


def _protest_topics(ps: ParsedSentence, pred: Predicate) -> list[int]:
    heads = [pred.i] if pred.light is None else [pred.i, pred.light]
    return [c for h in heads for c in ps.kids(h, "advcl", "xcomp", "acl")]
