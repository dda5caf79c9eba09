"""Which lexicon row a token matches: the row's cues, the words that are no event where they stand.

`match_entry` is the lexicon's half of predicate finding (`predicates.find_predicates` adds control
verbs, light verbs and the learned model): a verb, adjective or noun matches the most specific row of
its lemma whose cues all hold, unless it names a kind of thing ("riot police"), strives ("battle to
win"), or tells how something was received ("was met with scepticism").
"""

from __future__ import annotations

from annales.pipeline.coding.roles import PAIR_NUMBERS
from annales.pipeline.coding.syntax import SAY_VERBS, ParsedSentence
from annales.pipeline.coding.tables import CodingTables, Cue, LexEntry

_VERB_TAGS = frozenset({"VERB"})
_NOUN_TAGS = frozenset({"NOUN", "PROPN"})


def _cue_holds(ps: ParsedSentence, i: int, cue: Cue) -> bool:
    if cue.kind in ("obj", "obj!"):
        objects = ps.objects(i)
        lemmas = {ps.lemma(o) for o in objects}
        lemmas |= {ps.lemma(c) for o in objects for c in ps.kids(o, "compound", "nmod")}
        # "a state of emergency", "5 million dollars of aid": the noun after "of" counts as the object
        of_objects = [p for o in objects for p in ps.prep_objects(o, "of")]
        lemmas |= {ps.lemma(p) for p in of_objects}
        lemmas |= {ps.lemma(c) for p in of_objects for c in ps.kids(p, "compound")}  # "part of a military aid program"
        # "$800 million in weapons": an amount's "in" noun is what is sent
        lemmas |= {ps.lemma(p) for o in objects if _is_amount(ps, o) for p in ps.prep_objects(o, "in")}
        hit = bool(lemmas & cue.words) if cue.words else bool(lemmas)
        return hit if cue.kind == "obj" else not hit
    if cue.kind == "prt":
        return any(ps.lemma(c) in cue.words for c in ps.kids(i, "prt", "advmod", "prep"))
    if cue.kind == "p":
        objects = ps.prep_objects(i, cue.prep)
        if not objects and not cue.words:
            # "called for Mordor to release...": the preposition marks a clause
            return any(ps.lemma(m) == cue.prep for c in ps.kids(i, "advcl") for m in ps.kids(c, "mark"))
        return bool(objects) and (not cue.words or any(ps.lemma(o) in cue.words for o in objects))
    if cue.kind == "any":
        return any(ps.lemma(c) in cue.words for c in ps.children[i])
    if cue.kind == "actor":
        # the subject's sector ("actor:ACT|CVL": protesters occupy a park, soldiers block a bridge)
        subj = ps.subject(i)
        if subj is None:
            return False
        return any((a.sector or "") in cue.words for a in ps.actors_of(subj))
    if cue.kind == "joint":
        # two parties do it together ("Fried and the Russian deputy minister had spoken", "the two sides talked")
        subj = ps.subject(i)
        if subj is None:
            return False
        pair = any(ps.lemma(c) in PAIR_NUMBERS for c in ps.kids(subj, "nummod", "det", "predet", "amod"))
        return pair or len({a.code for a in ps.actors_of(subj)}) > 1
    return True


def _is_amount(ps: ParsedSentence, i: int) -> bool:
    """A number or money amount ("$800 million", "300,000")."""
    tok = ps.tokens[i]
    return tok.pos == "NUM" or tok.ent_type in ("MONEY", "CARDINAL", "QUANTITY") or bool(ps.kids(i, "nummod"))


def _candidates(tables: CodingTables, pos: str, lemma: str, text: str) -> tuple[LexEntry, ...]:
    """Rows for `lemma`; for a verb the tagger mis-lemmatised ("staged" -> "stag"), rows for a form of the text."""
    rows = tables.lexicon.candidates(pos, lemma)
    if rows or not text:
        return rows
    word = text.lower()
    for suffix, repl in (("ied", "y"), ("ies", "y"), ("ed", "e"), ("ed", ""), ("es", "e"), ("es", ""), ("s", "")):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            rows = tables.lexicon.candidates(pos, word[: -len(suffix)] + repl)
            if rows:
                return rows
    return ()


# Verbs of conflict that, with an infinitive complement, say someone strives for something.
_STRIVE_VERBS = frozenset({"fight", "battle", "struggle", "scramble"})
# Nouns an event noun can modify to name a kind of thing, not an act: "riot police", "attack helicopters",
# "murder charges", "a rape investigation" (the charge or the investigation is the event, if any).
_KIND_HEADS = frozenset(
    {"police", "officer", "gear", "shield", "squad", "unit", "helicopter", "gunship", "jet", "aircraft", "vehicle"}
    | {"van", "truck", "weapon", "rifle", "dog", "charge", "count", "case", "trial", "suspect", "investigation"}
    | {"inquiry", "probe", "allegation", "conviction", "victim", "survivor", "threat", "scene", "site"}
)


def match_entry(ps: ParsedSentence, i: int, tables: CodingTables) -> LexEntry | None:
    """The most specific lexicon row whose cues hold for token `i`, or None."""
    tok = ps.tokens[i]
    if tok.pos in _VERB_TAGS or tok.pos == "ADJ":
        pos = "V"
    elif tok.pos in _NOUN_TAGS:
        pos = "N"
    else:
        return None
    if pos == "V" and tok.lemma.casefold() in _STRIVE_VERBS and ps.kids(i, "xcomp"):
        return None  # "battle to win the election", "fought to keep their seats": an effort, not an attack
    if names_a_kind(ps, i):
        return None
    if pos == "V" and _denied_guilt(ps, i):
        # "pleaded not guilty" is the plea of innocence: it rejects the charges before the court
        return next((e for e in _candidates(tables, pos, tok.lemma, "") if "appeal" in e.flags), None)
    if pos == "V" and (_reaction(ps, i) or _committed_crime(ps, i)):
        return None
    if pos == "N" and (_recalled_for(ps, i) or _ended(ps, i) or _danger(ps, i) or _charged_crime(ps, i)):
        return None
    if pos == "N" and body_session(ps, i):
        return None
    for entry in _candidates(tables, pos, tok.lemma, tok.text if tok.pos in _VERB_TAGS else ""):
        # adjectives only as control predicates with a complement ("is ready to talk"), never "free press"
        if tok.pos == "ADJ" and not (entry.control and ps.kids(i, "xcomp")):
            continue
        if entry.control == "agree" and tok.dep == "amod":
            continue  # "the proposed legislation", "promised reforms": what the thing is, not a new promise
        if all(_cue_holds(ps, i, cue) for cue in entry.cues):
            return entry
    return None


# What a person commits that is no commitment: "committed the robbery", "conspiracy to commit computer intrusion".
_CRIMES = frozenset({"crime", "murder", "robbery", "felony", "offence", "offense", "suicide", "atrocity", "fraud"})
_CRIMES |= {"intrusion", "burglary", "theft", "rape", "assault", "genocide", "massacre", "misconduct", "perjury"}


def _committed_crime(ps: ParsedSentence, i: int) -> bool:
    return ps.lemma(i) == "commit" and any(ps.lemma(o) in _CRIMES for o in ps.objects(i))


# Words of accusing, trying and convicting whose "of"/"with"/"for" names the crime ("accused of rape", "two
# counts of assault", "arrested for murder", "murder charges").
_CHARGE_WORDS = frozenset({"charge", "count", "accuse", "convict", "suspect", "suspicion", "guilty", "indict"})
_CHARGE_WORDS |= {"allegation", "arrest", "acquit", "jail", "sentence", "prosecute", "try", "conviction"}
_CHARGE_WORDS |= {"indictment", "plead", "admit", "confess", "deny", "detain", "imprison", "innocent"}


def _charged_crime(ps: ParsedSentence, i: int) -> bool:
    """A crime named as what someone is charged with or convicted of, with no victim of its own ("accused of
    rape and sexual assault", "three counts of assault", "murder charges"): the charge is the event, the crime
    its content. "charged with the murder of Yosuke Sasaki" names a victim: the killing is told too."""
    if ps.prep_objects(i, "of") or ps.prep_objects(i, "against") or ps.kids(i, "poss"):
        return False
    j = i
    while ps.tokens[j].dep == "conj" and ps.head(j) != j:
        j = ps.head(j)
    if ps.tokens[j].dep == "compound":
        return ps.lemma(ps.head(j)) in _CHARGE_WORDS
    if ps.tokens[j].dep in ("dobj", "obj") and ps.lemma(ps.head(j)) in _PLOTTING_VERBS:
        j = ps.head(j)  # "suspected of planning an attack": the plot is the charge's content too
        if ps.tokens[j].dep != "pcomp":
            return False
    elif ps.tokens[j].dep != "pobj":
        return False
    if ps.lemma(ps.head(j)) not in ("of", "with", "for"):
        return False
    return ps.lemma(ps.head(ps.head(j))) in _CHARGE_WORDS


# Verbs whose object is the crime a charge names: "suspected of planning an attack", "accused of plotting a coup".
_PLOTTING_VERBS = frozenset({"plan", "plot", "prepare", "organise", "organize", "commit", "carry", "stage"})


# Verbs that end what their object names: "dropped the investigation", "talks were suspended" end it, they
# open nothing (the ending itself, a concession, is another act).
_ENDING_VERBS = frozenset({"drop", "discontinue", "shelve", "abandon", "halt", "suspend", "scrap", "terminate"})


def _ended(ps: ParsedSentence, i: int) -> bool:
    """An event noun that an ending verb has for object or passive subject ("Sweden drops rape investigation",
    "the investigation had been shelved", "negotiations have been suspended")."""
    dep = ps.tokens[i].dep
    return dep in ("dobj", "nsubjpass") and ps.lemma(ps.head(i)) in _ENDING_VERBS


# Threat nouns, and the verbs that make one an act: "issued a threat", "repeated his threats".
_THREAT_NOUNS = frozenset({"threat"})
_THREAT_VERBS = frozenset({"issue", "make", "repeat", "renew", "deliver", "carry", "escalate", "step"})


def _danger(ps: ParsedSentence, i: int) -> bool:
    """A threat noun that names a danger, not a threat someone made ("the terrorist threat along the border",
    "the threat it poses to the First Amendment", "the biggest threat to his bid"): no owner ("Russia's
    threat"), no act it threatens ("a threat to cut supplies"), no verb that makes it."""
    if ps.lemma(i) not in _THREAT_NOUNS:
        return False
    owned = ps.kids(i, "poss") or ps.prep_objects(i, "by") or ps.prep_objects(i, "from")
    threatens = any(ps.tokens[c].tag == "VB" for c in ps.kids(i, "acl", "relcl"))
    made = ps.tokens[i].dep in ("dobj", "nsubjpass") and ps.lemma(ps.head(i)) in _THREAT_VERBS
    return not (owned or threatens or made)


# Verbs that bring an envoy home: "recalled its ambassador for consultations" is the recall, not a meeting.
_RECALL_VERBS = frozenset({"recall", "summon"})


def _recalled_for(ps: ParsedSentence, i: int) -> bool:
    """The purpose of a recall ("recalled its ambassador to Moscow for consultations"): no meeting of its own."""
    tok = ps.tokens[i]
    if tok.dep != "pobj" or ps.lemma(ps.head(i)) != "for":
        return False
    verb = ps.head(ps.head(i))
    return ps.lemma(verb) in _RECALL_VERBS or ps.lemma(ps.head(verb)) in _RECALL_VERBS


# Verbs whose passive with "with" tells how something was received, not a meeting: "was met with boos".
_REACTION_VERBS = frozenset({"meet"})


def _reaction(ps: ParsedSentence, i: int) -> bool:
    """ "The offer was met with scepticism (by Kyiv)": a passive whose subject and "with" name no party."""
    if ps.lemma(i) not in _REACTION_VERBS or not ps.is_passive(i):
        return False
    manner = ps.prep_objects(i, "with")
    met = [s for s in ps.kids(i, "nsubjpass") if ps.actor_at.get(s) is not None]  # "the Russian offer": no one
    return bool(manner) and not met and not any(ps.actors_of(o) for o in manner)


# Mentions that are names: a word inside one is part of the name, never a predicate ("Amnesty International",
# "Human Rights Watch"); agents ("protesters") and pronouns are words of their own.
_NAME_KINDS = frozenset({"country", "capital", "place", "person", "org", "group", "name", "proper_noun"})


def inside_names(ps: ParsedSentence) -> set[int]:
    """Tokens inside a multi-word name mention of the sentence."""
    spans = [(m.start, m.end) for m in ps.mentions if m.kind in _NAME_KINDS and " " in m.text]
    return {t.i for t in ps.tokens for start, end in spans if start <= t.idx < end}


def names_a_kind(ps: ParsedSentence, i: int) -> bool:
    """An event noun modifying a noun that names a kind of person or thing ("riot police", "murder charges")."""
    tok = ps.tokens[i]
    return tok.pos in _NOUN_TAGS and tok.dep == "compound" and ps.lemma(ps.head(i)) in _KIND_HEADS


def speech_occasion(ps: ParsedSentence, i: int) -> bool:
    """A news conference or press briefing is where someone speaks, not a meeting between parties ("told a
    news conference in Moscow that Washington had violated the treaty"): what is said there is the event. A
    joint one, or one held with someone, still brings its parties together."""
    tok = ps.tokens[i]
    if tok.pos not in _NOUN_TAGS or not any(ps.lemma(c) in _PRESS_WORDS for c in ps.kids(i, "compound")):
        return False
    return not any(ps.lemma(a) == "joint" for a in ps.kids(i, "amod")) and not ps.prep_objects(i, "with")


_PRESS_WORDS = frozenset({"news", "press", "media"})


def body_session(ps: ParsedSentence, i: int) -> bool:
    """A meeting of one body ("yesterday's full council meeting", "an all-company meeting", "a cabinet meeting")
    is that body's session, not two parties meeting; one held with someone, or between parties, still is."""
    tok = ps.tokens[i]
    if tok.pos not in _NOUN_TAGS or ps.lemma(i) not in _SESSION_NOUNS:
        return False
    if not any(ps.lemma(c) in _BODIES for c in ps.kids(i, "compound", "amod")):
        return False
    return not (ps.prep_objects(i, "with") or ps.prep_objects(i, "between") or ps.prep_objects(i, "among"))


_SESSION_NOUNS = frozenset({"meeting", "session"})
_BODIES = frozenset(
    {"council", "cabinet", "board", "committee", "staff", "company", "shareholder", "faculty"}
    | {"caucus", "party", "town", "city", "family", "team", "department", "school", "church", "club"}
)


def type_of(entry: LexEntry, tables: CodingTables) -> str:
    if entry.type:
        return entry.type
    info = tables.cameo.get(entry.cameo)
    return info.plover_type if info else ""


def _denied_guilt(ps: ParsedSentence, i: int) -> bool:
    """ "pleaded not guilty": the guilty plea's row asks for "guilty", which here is denied."""
    return any(
        ps.lemma(c) == "guilty" and any(ps.lemma(n) in ("not", "never") for n in ps.children[c]) for c in ps.children[i]
    )


def told_the_press(ps: ParsedSentence, i: int) -> bool:
    """A verb of saying told to the press ("the U.S. Attorney's Office told news outlets that a grand jury
    indicted Bickers"): a statement, not a request of its listeners; what it reports is the event, so the
    learned model's guess of an act for the verb itself yields."""
    if ps.lemma(i) not in SAY_VERBS:
        return False
    listeners = [a for c in ps.kids(i, "dobj", "dative", "iobj") for a in ps.actors_of(c)]
    return bool(listeners) and all((a.code or "").rpartition(".")[2] == "MED" for a in listeners)
