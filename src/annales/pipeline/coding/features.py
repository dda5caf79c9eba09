"""Candidate predicates of a sentence and the features the learned event model reads.

A candidate is a token that could carry an event: a verb, an adjective that governs an infinitive
("ready to talk"), or a noun of the event-noun vocabulary ("talks", "airstrike"). Its features are
words of its dependency neighbourhood (lemma, objects, prepositions, particles, head), the semantic
type of the phrases around it (actor, place, pronoun, other), modality and negation marks, whether it
sits in a quotation or in reported speech, and what the lexicon says of it. They are plain strings,
hashed by `annales.pipeline.coding.model`; the dense part is the static embedding of the candidate's
lemma, of its object and of its context.
"""

from __future__ import annotations

from dataclasses import dataclass

from annales.pipeline.coding.syntax import PRONOUNS, SAY_VERBS, ParsedSentence
from annales.pipeline.coding.tables import LexEntry

# Dependents whose lemma is a feature of its own ("c:dobj:sanction").
_NAMED_DEPS = frozenset(
    {"dobj", "obj", "prt", "neg", "aux", "auxpass", "xcomp", "ccomp", "acomp", "attr", "oprd", "dative"}
    | {"agent", "advmod", "npadvmod", "amod", "compound", "poss", "nsubj", "nsubjpass", "mark", "det", "nummod"}
)
_SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
_WINDOW = 3
_QUOTES = frozenset({'"', "\u201c", "\u201d", "''", "``"})


@dataclass(frozen=True, slots=True)
class Candidate:
    """A token that may carry an event, with its sparse features and the words for its dense features."""

    i: int
    features: tuple[str, ...]
    lemma: str
    object_lemma: str
    context: str
    lexicon_code: str = ""  # the CAMEO code of the lexicon row that matched, "" when none
    lexicon_type: str = ""  # the row's own PLOVER type override, "" when none (then the code's type)


def is_candidate(ps: ParsedSentence, i: int, nouns: frozenset[str]) -> bool:
    """True for verbs, adjectives with an infinitive complement, and nouns of the event-noun vocabulary."""
    tok = ps.tokens[i]
    if tok.pos == "VERB":
        return True
    if tok.pos == "ADJ":
        return bool(ps.kids(i, "xcomp"))
    return tok.pos in ("NOUN", "PROPN") and ps.lemma(i) in nouns and i not in ps.actor_at


def semantic_type(ps: ParsedSentence, j: int) -> str:
    """What a phrase names: ACTOR (a resolved actor), NAME (an unresolved mention), PRON, NUM or OTHER."""
    actor = ps.find_actor(j, depth=1)
    if actor is not None:
        return "ACTOR"
    if j in ps.actor_at:
        return "NAME"
    if ps.lemma(j) in PRONOUNS:
        return "PRON"
    if ps.tokens[j].pos == "NUM" or ps.tokens[j].ent_type in ("MONEY", "CARDINAL", "QUANTITY", "PERCENT"):
        return "NUM"
    if ps.tokens[j].ent_type in ("GPE", "LOC", "FAC"):
        return "PLACE"
    return "OTHER"


def _word(ps: ParsedSentence, k: int, *, text: bool = False) -> str:
    """A context word, with actor mentions masked: the model learns "X met Y", never who X and Y are."""
    if k in ps.actor_at:
        return "someone" if text else "<actor>"
    return ps.tokens[k].text if text else ps.lemma(k)


def _quoted(ps: ParsedSentence) -> list[bool]:
    """Per token: inside a quotation (between an odd and an even quote mark of the sentence)."""
    inside = False
    flags = []
    for tok in ps.tokens:
        if tok.text in _QUOTES:
            inside = not inside
            flags.append(False)
            continue
        flags.append(inside)
    return flags


def _reported(ps: ParsedSentence, i: int) -> bool:
    return ps.in_reported_speech(i)


def candidate_features(ps: ParsedSentence, i: int, entry: LexEntry | None, *, quoted: bool) -> Candidate:
    """The features of token `i` as a candidate predicate.

    Args:
        ps: the parsed sentence with its actor mentions.
        i: the candidate token.
        entry: the lexicon row that matched the token, or None.
        quoted: the token sits inside a quotation.

    Returns:
        The candidate, with hashed-to-be feature strings and the words of its dense features.
    """
    tok = ps.tokens[i]
    lemma = ps.lemma(i)
    feats = [f"lem={lemma}", f"pos={tok.pos}", f"tag={tok.tag}", f"dep={tok.dep}", "bias"]
    head = ps.head(i)
    if head != i:
        feats += [f"head={ps.lemma(head)}", f"headdep={tok.dep}:{ps.lemma(head)}", f"headpos={ps.tokens[head].pos}"]
        if ps.lemma(head) in SAY_VERBS:
            feats.append("under_say")
    else:
        feats.append("root")
    object_lemma = ""
    for c in ps.children[i]:
        dep = ps.tokens[c].dep
        clem = ps.lemma(c)
        if dep == "prep":
            objs = ps.kids(c, "pobj", "pcomp")
            feats += [f"p:{clem}", f"lem+p={lemma}|{clem}"]
            for o in objs:
                feats += [f"p:{clem}:{ps.lemma(o)}", f"p:{clem}:{semantic_type(ps, o)}"]
            continue
        if dep in _NAMED_DEPS:
            feats += [f"c:{dep}", f"c:{dep}:{clem}"]
        if dep in ("dobj", "obj", "attr", "oprd", "nsubjpass"):
            object_lemma = object_lemma or clem
            feats += [f"lem+obj={lemma}|{clem}", f"obj={semantic_type(ps, c)}"]
        if dep == "prt":
            feats.append(f"lem+prt={lemma}|{clem}")
        if dep in _SUBJECT_DEPS:
            feats.append(f"subj={semantic_type(ps, c)}")
            actor = ps.find_actor(c)
            if actor is not None:
                feats.append(f"subjsec={actor.sector or '-'}")
    if not any(f.startswith("subj=") for f in feats):
        feats.append("subj=NONE")
    if ps.is_negated(i):
        feats.append("negated")
    if ps.is_passive(i):
        feats.append("passive")
    feats.append(f"status={ps.status(i)}")
    if quoted:
        feats.append("quoted")
    if _reported(ps, i):
        feats.append("reported")
    for k in range(max(0, i - _WINDOW), min(len(ps.tokens), i + _WINDOW + 1)):
        if k != i and ps.tokens[k].pos not in ("PUNCT", "DET"):
            feats.append(f"w={_word(ps, k)}")
    if entry is None:
        feats.append("lex=NONE")
    else:
        feats += [f"lex={entry.type or entry.cameo[:3]}", f"lexroot={entry.cameo[:2]}"]
        feats += [f"lexflag={flag}" for flag in sorted(entry.flags)]
    context = " ".join(_word(ps, k, text=True) for k in range(max(0, i - 4), min(len(ps.tokens), i + 5)))
    return Candidate(
        i=i,
        features=tuple(feats),
        lemma=lemma,
        object_lemma=object_lemma,
        context=context,
        lexicon_code=entry.cameo if entry is not None else "",
        lexicon_type=entry.type if entry is not None else "",
    )


def sentence_candidates(
    ps: ParsedSentence, nouns: frozenset[str], lexicon_rows: dict[int, LexEntry]
) -> list[Candidate]:
    """Every candidate of the sentence with its features, in token order."""
    quoted = _quoted(ps)
    return [
        candidate_features(ps, i, lexicon_rows.get(i), quoted=quoted[i])
        for i in range(len(ps.tokens))
        if is_candidate(ps, i, nouns) or i in lexicon_rows
    ]
