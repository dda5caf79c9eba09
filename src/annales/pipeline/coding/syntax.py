"""Dependency-parse helpers for the coder: children, roles, modality and negation of a predicate.

A `ParsedSentence` wraps a `Sentence` (tokens with `dep`/`head` from spaCy) and the actor
mentions that fall inside it, and answers the questions the coder asks: who is the
subject of this predicate, what are its objects, is it negated, is it planned.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from annales.codes import EventStatus
from annales.records import Actor, Sentence, Token

SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
PASSIVE_SUBJECT_DEPS = frozenset({"nsubjpass", "csubjpass"})
HEADLINE_TOKENS = 15  # at most this many tokens: a headline, whose passives drop their auxiliary
OBJECT_DEPS = frozenset({"dobj", "obj", "attr", "oprd"})
# Verbs of appearing somewhere (in court, before a judge): a reduced passive after their place describes their subject.
APPEAR_VERBS = frozenset({"appear", "reappear"})
# Prepositions that introduce the recipient of an event ("met with", "sanctions against", "travel to").
RECIPIENT_PREPS = ("with", "against", "to", "on", "upon", "toward", "towards", "at", "into", "for", "over", "from")
# Dependents we follow inside a role phrase to find the actor mention ("soldiers from Gondor", "Russia's army").
_ROLE_DEPS = frozenset({"compound", "poss", "amod", "nmod", "prep", "pobj", "appos", "npadvmod", "nummod", "det"})
PRONOUNS = frozenset({"he", "she", "it", "they", "we", "i", "him", "her", "them", "us", "who", "which", "that"})
FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo", "may", "might"})
CONDITIONAL_AUX = frozenset({"would", "could", "should", "'d", "must", "ought"})  # "must hand over": not done yet
# Verbs whose `xcomp` carries the event and which only make it planned ("plans to visit").
MODAL_VERBS = frozenset(
    {
        "plan",
        "intend",
        "expect",
        "hope",
        "want",
        "wish",
        "prepare",
        "aim",
        "schedule",
        "set",
        "due",
        "try",
        "attempt",
        "seek",
        "mean",
        "go",
        "likely",
        "poised",
        "ready",
        "about",
        "need",
        "decide",
        "consider",
        "think",
        "be",  # "is to attend": be + to-infinitive announces a plan
        "allow",  # "will not allow Russia to annex": a permission is not the act
        "permit",
        "let",
    }
)
NEGATING_VERBS = frozenset({"fail", "refrain", "stop", "cease", "neglect"})
SAY_VERBS = frozenset(
    {
        "say",
        "tell",
        "report",
        "announce",
        "state",
        "add",
        "claim",
        "note",
        "explain",
        "declare",
        "write",
        "confirm",
        "insist",
        "argue",
        "believe",
        "reply",
        "respond",
        "quote",
        "comment",
        "stress",
        "assert",
        "suggest",
        "indicate",
        "reiterate",
        "repeat",
    }
)
NEGATIONS = frozenset({"not", "n't", "never", "no"})
# Subordinators of temporal clauses whose present tense follows the main clause ("when he speaks").
TEMPORAL_CONJUNCTIONS = frozenset({"when", "once", "after", "before", "until", "till", "while", "as"})


# Phrases that name the source of a report, never a party of its events: "according to the United Nations".
_ATTRIBUTIONS = frozenset({"according"})


def _attributions(sent: Sentence, children: list[list[int]]) -> set[int]:
    """Token indices of the "according to X" phrases of the sentence (the phrase and all below it)."""
    out: set[int] = set()
    for tok in sent.tokens:
        if tok.text.lower() in _ATTRIBUTIONS and tok.dep == "prep":
            stack = [tok.i]
            while stack:
                i = stack.pop()
                if i not in out:
                    out.add(i)
                    stack.extend(children[i])
    return out


def _within(sent: Sentence, mention: Actor, tokens: set[int]) -> bool:
    """Every token of `mention` lies in `tokens`."""
    covered = [tok.i for tok in sent.tokens if mention.start <= tok.idx < mention.end]
    return bool(covered) and all(i in tokens for i in covered)


@dataclass(slots=True)
class ParsedSentence:
    """A sentence with its children index and the actor mentions it contains."""

    sent: Sentence
    mentions: list[Actor]
    children: list[list[int]] = field(default_factory=list)
    actor_at: dict[int, Actor] = field(default_factory=dict)
    words: list[tuple[str, str]] = field(default_factory=list)  # (TEXT, LEMMA) upper-cased, for user verb patterns

    @classmethod
    def build(cls, sent: Sentence, mentions: list[Actor]) -> ParsedSentence:
        """Index children and map every token inside a mention to that mention."""
        children: list[list[int]] = [[] for _ in sent.tokens]
        for tok in sent.tokens:
            if tok.head != tok.i and 0 <= tok.head < len(children):
                children[tok.head].append(tok.i)
        inside = [m for m in mentions if m.start < sent.end and m.end > sent.start]
        sourced = _attributions(sent, children)
        if sourced:  # "killed in the fighting, according to the United Nations": the source is no party
            inside = [m for m in inside if not _within(sent, m, sourced)]
        actor_at: dict[int, Actor] = {}
        for mention in inside:
            for tok in sent.tokens:
                if mention.start <= tok.idx < mention.end:
                    actor_at[tok.i] = mention
        words = [(tok.text.upper(), tok.lemma.upper()) for tok in sent.tokens]
        return cls(sent=sent, mentions=inside, children=children, actor_at=actor_at, words=words)

    @property
    def tokens(self) -> list[Token]:
        return self.sent.tokens

    def kids(self, i: int, *deps: str) -> list[int]:
        """Children of token `i`, optionally only those with one of `deps`."""
        return [c for c in self.children[i] if not deps or self.tokens[c].dep in deps]

    def lemma(self, i: int) -> str:
        return self.tokens[i].lemma.lower()

    def head(self, i: int) -> int:
        return self.tokens[i].head

    def ancestors(self, i: int) -> list[int]:
        """Heads of `i` up to the root (guards against cycles)."""
        chain: list[int] = []
        while self.head(i) != i and len(chain) < len(self.tokens):
            i = self.head(i)
            chain.append(i)
        return chain

    def objects(self, i: int) -> list[int]:
        """Direct objects of predicate `i` (passive subjects count as objects, and so does the noun a reduced
        passive relative describes: "diplomats expelled from Britain", "activists arrested last week", or
        the person a relative pronoun stands for)."""
        found = self.kids(i, *OBJECT_DEPS, *PASSIVE_SUBJECT_DEPS)
        if self.headline_passive(i):
            found += self.kids(i, "nsubj")
        if self.passive_conjunct(i):
            found += self.kids(self.head(i), *PASSIVE_SUBJECT_DEPS)  # "were detained and expelled": the same people
        if self.tokens[i].dep == "acl" and self.tokens[i].tag == "VBN":
            found = [self._appearing(self.head(i)) or self.head(i), *found]
        if self.tokens[i].dep == "relcl":
            # "Mukhtarli, who was sentenced in January", "the envoy whom Moscow expelled": the person the
            # relative clause describes
            found = [self.head(i) if self.tokens[f].tag == "WP" else f for f in found]
        return found

    def _appearing(self, noun: int) -> int | None:
        """The subject who appears where a reduced passive hangs: "Two men appeared in court charged with theft"
        (the parser hangs "charged" on "court"; the men are charged, not the court)."""
        if self.tokens[noun].dep != "pobj":
            return None
        verb = self.head(self.head(noun))
        if self.lemma(verb) not in APPEAR_VERBS:
            return None
        return next(iter(self.kids(verb, "nsubj")), None)

    def prep_objects(self, i: int, prep: str) -> list[int]:
        """Objects of preposition `prep` attached to `i` ("met with X" -> X), particles included."""
        found: list[int] = []
        for child in self.kids(i, "prep", "agent", "dative", "prt"):
            if self.lemma(child) == prep:
                found.extend(self.kids(child, "pobj", "pcomp"))
        return found

    def is_passive(self, i: int) -> bool:
        """A passive predicate: a passive subject or auxiliary, or a reduced passive relative ("diplomats
        expelled by Britain")."""
        if self.tokens[i].dep == "acl" and self.tokens[i].tag == "VBN":
            return True
        if self.headline_passive(i):
            return True
        if self.passive_conjunct(i):
            return True
        return bool(self.kids(i, *PASSIVE_SUBJECT_DEPS)) or any(
            self.tokens[c].dep == "auxpass" for c in self.children[i]
        )

    def passive_conjunct(self, i: int) -> bool:
        """A participle joined to a passive verb, sharing its subject and auxiliary: "were detained by police
        and expelled from Germany", "was evicted in April and sentenced to 50 weeks in jail"."""
        tok = self.tokens[i]
        if tok.dep != "conj" or tok.tag != "VBN" or tok.head == i:
            return False
        if self.kids(i, "nsubj", "nsubjpass", "aux", "auxpass"):
            return False  # its own subject or auxiliary: "was arrested and has denied", "he was freed and they left"
        return self.is_passive(tok.head)

    def headline_passive(self, i: int) -> bool:
        """A headline's reduced passive: a past participle with a subject and no auxiliary ("Hong Kong
        'threatened with Chinese military intervention'", "DeKalb man arrested in attempted robbery"); its
        subject is whom the act is done to. Only in a headline-short sentence: in prose the tagger also reads an
        active past tense as a participle ("the State Duma on Friday approved in a final reading a bill")."""
        if len(self.tokens) > HEADLINE_TOKENS or self.tokens[i].tag != "VBN":
            return False
        return bool(self.kids(i, "nsubj")) and not self.kids(i, "aux", "dobj")

    def find_actor(self, i: int, *, depth: int = 3) -> Actor | None:
        """The actor mention of the phrase headed by `i`: the token itself, else a close dependent."""
        frontier = [i]
        for _ in range(depth + 1):
            nxt: list[int] = []
            for j in frontier:
                actor = self.actor_at.get(j)
                if actor is not None and actor.code:
                    return actor
                nxt.extend(c for c in self.children[j] if self.tokens[c].dep in _ROLE_DEPS)
            frontier = nxt
        return None

    def conjuncts(self, i: int) -> list[int]:
        """`i` and the tokens coordinated with it ("Kerry and Lavrov" -> both heads)."""
        out = [i]
        stack = list(self.kids(i, "conj"))
        while stack:
            j = stack.pop(0)
            out.append(j)
            stack.extend(self.kids(j, "conj"))
        return out

    def actors_of(self, i: int) -> list[Actor]:
        """The distinct actor mentions of a role phrase and its conjuncts; a plural body of several parties
        is each of them ("the leaders of France, Germany and Italy": FRA.GOV, DEU.GOV, ITA.GOV)."""
        found: list[Actor] = []
        for j in self.conjuncts(i):
            actor = self.find_actor(j)
            if actor is not None and all(actor is not a for a in found):
                found.append(actor)
        if len(found) == 1 and found[0].sector and self.tokens[i].tag in ("NNS", "NNPS"):
            return self._members(i, found[0]) or found
        return found

    def _members(self, i: int, body: Actor) -> list[Actor]:
        """The parties a plural body is made of: "the leaders of France, Germany and Italy", "the CEOs of three
        airline groups - Air France KLM, Lufthansa and Ryanair -": each member that is a country takes the
        body's sector; an organisation or one with a sector of its own stays as it is. [] unless two members
        or more resolve."""
        # where the members are listed: the object of "of" ("of France, Germany and Italy"), or an apposition
        # to it or to the body ("- Air France KLM, easyJet, ... and Ryanair -"); a possessor is no member
        lists = [o for of in self.kids(i, "prep") if self.lemma(of) == "of" for o in self.kids(of, "pobj")]
        lists = [o for o in lists if not self.kids(o, "case")]
        lists += [a for head in (i, *lists) for a in self.kids(head, "appos")]
        lists += [a for head in list(lists) for a in self.kids(head, "appos") if a not in lists]
        members: list[Actor] = []
        for j in (m for head in lists for m in self.conjuncts(head)):
            actor = self.find_actor(j)
            if actor is None or not actor.country or any(actor is m for m in members):
                continue
            if (actor is body and self.tokens[j].pos != "PROPN") or (actor is not body and actor.kind == "agent"):
                continue  # "the CEOs of ... airline groups": the body itself or a kind of body, no member
            if actor is body or (not actor.sector and actor.is_place):  # a state; "NATO" stays NATO
                country = actor.country
                actor = Actor(actor.text, f"{country}.{body.sector}", country, body.sector, actor.name,
                              actor.start, actor.end, None, body.kind)  # fmt: skip
            if all(actor.code != m.code for m in members):
                members.append(actor)
        return members if len(members) >= 2 else []

    def is_negated(self, i: int) -> bool:
        """True when the predicate, its auxiliaries or a governing modal verb is negated, or when it is what
        its actor kept from doing ("refrained from calling for sanctions", "backed away from calling...")."""
        if self._abstained(i):
            return True
        for j in (i, *self._modal_chain(i, negation=True)):
            if any(
                self.lemma(c) in NEGATIONS and self.tokens[c].dep in ("neg", "advmod", "det") for c in self.children[j]
            ):
                return True
            if self.lemma(j) in NEGATING_VERBS and j != i:
                return True
        return False

    def _abstained(self, i: int) -> bool:
        """ "refrained from / backed away from / shied away from / stopped short of calling": a gerund after
        "from" or "of" governed by a verb of holding back."""
        if self.tokens[i].dep != "pcomp" or self.lemma(self.head(i)) not in ("from", "of"):
            return False
        verb = self.head(self.head(i))
        lemma = self.lemma(verb)
        if lemma in NEGATING_VERBS or lemma == "abstain":
            return True
        marks = {self.lemma(c) for c in self.kids(verb, "advmod", "prt", "acomp")}
        return (lemma in ("back", "shy", "pull") and "away" in marks) or (lemma == "stop" and "short" in marks)

    def _modal_chain(self, i: int, *, negation: bool = False, conditions: bool = False) -> list[int]:
        """Governing verbs that pass their modality down: xcomp heads, conj heads, purpose clauses.

        Args:
            i: the predicate.
            negation: the chain for negation, which does not pass into temporal clauses ("won't raise it
                when he speaks" does not deny the call).
            conditions: the chain for conditional clauses, which a coordinated finite verb shares
                ("if Iran attacks and kills...") though it shares no auxiliary or negation.

        Returns:
            The governing verbs, nearest first.
        """
        chain: list[int] = []
        j = i
        while self.tokens[j].dep in ("xcomp", "conj", "advcl", "acomp", "ccomp") and self.head(j) != j:
            parent = self.head(j)
            dep = self.tokens[j].dep
            if dep == "ccomp" and self.lemma(parent) not in MODAL_VERBS:
                break
            if dep == "advcl" and not self.kids(j, "aux") and (negation or not self._future_temporal_clause(j)):
                break
            if dep == "conj" and not conditions and not self._shares_auxiliaries(j):
                break
            chain.append(parent)
            j = parent
            if len(chain) > 6:
                break
        return chain

    def _shares_auxiliaries(self, j: int) -> bool:
        """True when coordinated verb `j` shares the auxiliaries and negation of the verb it is coordinated with.

        A bare infinitive shares them ("will meet and sign", "did not meet or call"); so does a participle
        after "or"/"nor" ("has not met or spoken"). A finite verb ("said it would study the text but
        accused Russia", "had not taken part and accused Baku") or one with its own subject does not.
        """
        if self.kids(j, *SUBJECT_DEPS, *PASSIVE_SUBJECT_DEPS) or self.kids(j, "aux", "auxpass", "neg"):
            return False
        tag = self.tokens[j].tag
        if tag == "VB":
            return True
        head = self.head(j)
        disjunctive = any(self.lemma(c) in ("or", "nor") for c in self.kids(head, "cc"))
        return tag in ("VBN", "VBG") and self.tokens[head].tag == tag and disjunctive

    def _future_temporal_clause(self, j: int) -> bool:
        """A present-tense temporal clause ("when he speaks to Trump", "once talks resume") takes the tense of
        the clause it modifies: it is future under a future or reported "would" clause."""
        if self.tokens[j].tag not in ("VBZ", "VBP"):
            return False
        return any(self.lemma(c) in TEMPORAL_CONJUNCTIONS for c in self.kids(j, "mark", "advmod"))

    def status(self, i: int) -> EventStatus:
        """Modality of predicate `i`: planned (will, may, plans to), hypothetical (if, could, would) or occurred."""
        reported = self.in_reported_speech(i)
        planned = False
        for j in (i, *self._modal_chain(i)):
            verdict = self._marked_modality(j, reported=reported)
            if verdict == "hypothetical":
                return verdict
            planned = planned or verdict == "planned"
            if j != i and self.lemma(j) in MODAL_VERBS and self._governs_by_xcomp(j, i):
                planned = True
        if self.tokens[i].tag == "VBG" and any(self.lemma(c) == "be" for c in self.kids(i, "aux")):
            # "is going to", "is heading to": progressive motion announces a planned act
            planned = planned or self.lemma(i) in ("go", "head", "travel", "fly")
        for j in [*self._modal_chain(i, conditions=True), i]:
            if self.tokens[j].dep == "advcl" and any(self.lemma(c) in ("if", "unless") for c in self.kids(j, "mark")):
                return "hypothetical"
        return "planned" if planned else "occurred"

    def _marked_modality(self, j: int, *, reported: bool) -> EventStatus:
        """Modality marked on verb `j` itself: a conditional conjunction or a modal auxiliary."""
        planned = False
        for c in self.children[j]:
            tok = self.tokens[c]
            word = tok.text.lower()
            if tok.dep == "mark" and word in ("if", "unless", "whether"):
                return "hypothetical"
            if tok.dep in ("aux", "auxpass") and word in CONDITIONAL_AUX:
                # "said it would withdraw" reports a plan; a bare "would" or "could" is a condition
                if not (word in ("would", "'d") and reported):
                    return "hypothetical"
                planned = True
            if tok.dep in ("aux", "auxpass") and word in FUTURE_AUX:
                planned = True
        return "planned" if planned else "occurred"

    def _governs_by_xcomp(self, j: int, i: int) -> bool:
        """True when `j` governs `i` through an infinitive complement ("plans to visit", "is to attend")."""
        child = i
        while self.head(child) != j and self.head(child) != child:
            child = self.head(child)
        return self.lemma(j) != "be" or self.tokens[child].dep == "xcomp"

    def in_reported_speech(self, i: int) -> bool:
        """True when `i` sits in the complement of a verb of saying ("X said Y had attacked Z")."""
        j = i
        for _ in range(6):
            parent = self.head(j)
            if parent == j:
                return False
            if self.tokens[j].dep in ("ccomp", "parataxis") and self.lemma(parent) in SAY_VERBS:
                return True
            j = parent
        return False

    def subject(self, i: int) -> int | None:
        """The subject token of predicate `i`, inherited through conj/xcomp/advcl/relcl when absent."""
        j = i
        for _ in range(6):
            found = self.kids(j, *SUBJECT_DEPS)
            if not found and j != i:
                # raising verbs: "Kerry is expected to visit", "is set to meet"
                found = self.kids(j, *PASSIVE_SUBJECT_DEPS)
            if found:
                subj = found[0]
                if self.lemma(subj) in ("who", "which", "that") and self.tokens[j].dep == "relcl":
                    return self.head(j)
                return subj
            dep = self.tokens[j].dep
            if dep == "relcl" or (dep == "acl" and self.tokens[j].tag in ("VBD", "VBZ", "VBP", "VBG")):
                return self.head(j)
            prep = self.head(j)
            if (
                dep == "pcomp"
                and self.tokens[prep].dep == "prep"
                and self.tokens[self.head(prep)].pos in ("VERB", "AUX")
            ):
                # "By recalling its ambassador, Slovenia made...", "After meeting Lavrov, Kerry said...": the
                # participle's subject is the subject of the verb its preposition modifies
                j = self.head(prep)
                continue
            if dep not in ("conj", "xcomp", "advcl", "acomp") or self.head(j) == j:
                return None
            j = self.head(j)
        return None
