"""The event gate: decide from a sentence's words alone whether it can hold an event.

The tagger, parser, entity recogniser and lemmatizer are most of the cost of a run, and most
sentences of a news page name no actor or no event. The gate reads the words of a sentence
(tokenized and split cheaply, see `segment`) and keeps it for the full parse only when it has

* an actor candidate: an alias or agent of the actor table (countries, capitals, demonyms,
  people, organisations, "officials", "rebels"...), a capitalised word that the entity
  recogniser could turn into a name, a pronoun or a "both sides"-style description that the
  document context resolves, or a verb whose agentless passive names its own agent ("was
  arrested": the police); and
* a trigger candidate: any word that may be a verb (`triggers="verbs"`, the default: the learned
  model scores every verb), or only a word that may be an inflected form of a lexicon lemma, of the
  learned model's event-noun vocabulary or of a user verb dictionary (`triggers="vocabulary"`).

Words are lemmatized without a tagger by trying every rule and exception of spaCy's English
lookup tables for verbs, nouns and adjectives (a superset of the lemma the tagger would pick),
plus the coder's own fallbacks for mis-lemmatised verbs. A sentence without an actor candidate
is dropped as `no_actor`, one without a trigger candidate as `no_trigger`.
The vocabularies are read at run time from the loaded tables and model, never copied.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from annales.pipeline.actors.model import norm_token

if TYPE_CHECKING:
    from spacy.language import Language

    from annales.pipeline.actors import ActorTable
    from annales.pipeline.coding.tables import CodingTables
    from annales.pipeline.coding.verbdict import VerbDictionary

GateTriggers = Literal["vocabulary", "verbs"]
GateReason = Literal["no_actor", "no_trigger"]
# Parts of speech whose lookup rules give lemma candidates (spaCy's English rule lemmatizer).
_LEMMA_POS = ("verb", "noun", "adj")
# The coder's fallback for verbs the tagger mis-lemmatises ("staged" -> "stag"; matching._candidates).
_CODER_SUFFIXES = (("ied", "y"), ("ies", "y"), ("ed", "e"), ("ed", ""), ("es", "e"), ("es", ""), ("s", ""))
# Capitalised words that name no actor: calendar words, the first-person "I" and titles of address.
_NOT_NAMES = frozenset(
    {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "i"}
    | {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october"}
    | {"november", "december", "mr", "mrs", "ms", "dr"}
)
# Tokens the actor matcher skips (actors.resolve `_matches`): "Vice-President" matches "vice president".
_SKIPPED = frozenset({"-", "\u2013"})
# A single-token alias this short must be written in capitals ("US", "UN"), as in actors.resolve.
_SHORT_ALIAS = 3


@dataclass(frozen=True, slots=True)
class GateOptions:
    """Options of the event gate.

    Args:
        enabled: gate sentences; False parses every sentence (the output of `annales.nlp.spacy.v1`).
        triggers: "verbs" (default) keeps sentences with a word that may be a verb or a word of the
            vocabularies below: the learned model scores every verb, and drops no event this way on the dev
            sets. "vocabulary" keeps only sentences with a word of the lexicon, the model's noun vocabulary
            or a user verb dictionary: it parses less but loses the events the model finds on other verbs
            (2.7 % of the coded events of the blind real-article set; see docs/benchmarks.md).
    """

    enabled: bool = True
    triggers: GateTriggers = "verbs"

    def __post_init__(self) -> None:
        if self.triggers not in ("vocabulary", "verbs"):
            raise ValueError(f"gate_triggers must be 'vocabulary' or 'verbs', not {self.triggers!r}")

    def __str__(self) -> str:
        return f"gate-{self.triggers}" if self.enabled else "nogate"


@dataclass(frozen=True, slots=True)
class WordLemmas:
    """What a word may be, without its context.

    Attributes:
        predicate: lemmas the word may have as a verb or an adjective (every rule and exception of the
            lookup tables, and the coder's fallbacks for mis-lemmatised verbs).
        noun: lemmas it may have as a noun; empty for closed-class words ("to", "was") and for forms the
            tables know only as verbs or adjectives ("said", "agreed"); a word they do not know at all
            (a name, a rare noun) is its own lemma.
        verb: the word may be a verb.
    """

    predicate: frozenset[str]
    noun: frozenset[str]
    verb: bool


@dataclass(frozen=True, slots=True)
class WordForms:
    """Lemma candidates of a word without its part of speech, from spaCy's English lookup tables.

    Attributes:
        rules: part of speech -> (suffix, replacement) rules.
        exceptions: part of speech -> irregular form -> lemmas.
        index: part of speech -> known lemmas.
        closed: closed-class words (the language's stop words), never nouns unless the noun index has them.
    """

    rules: Mapping[str, tuple[tuple[str, str], ...]]
    exceptions: Mapping[str, Mapping[str, tuple[str, ...]]]
    index: Mapping[str, frozenset[str]]
    closed: frozenset[str] = frozenset()

    @classmethod
    def from_model(cls, nlp: Language) -> WordForms:
        """The tables of the model's rule lemmatizer; empty tables when it has none (every word is its lemma)."""
        closed = frozenset(nlp.Defaults.stop_words)
        lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None) if "lemmatizer" in nlp.component_names else None
        if lookups is None or not all(lookups.has_table(name) for name in ("lemma_rules", "lemma_exc", "lemma_index")):
            return cls({}, {}, {}, closed)
        rules, exc, index = (lookups.get_table(name) for name in ("lemma_rules", "lemma_exc", "lemma_index"))
        return cls(
            rules={pos: tuple((old, new) for old, new in rules.get(pos, ())) for pos in _LEMMA_POS},
            exceptions={pos: {k: tuple(v) for k, v in exc.get(pos, {}).items()} for pos in _LEMMA_POS},
            index={pos: frozenset(index.get(pos, ())) for pos in _LEMMA_POS},
            closed=closed,
        )

    def lemmas(self, word: str) -> WordLemmas:
        """Every lemma the word may have as a predicate and as a noun, and whether it may be a verb.

        Example:
            >>> forms.lemmas("seized")  # doctest: +SKIP
            WordLemmas(predicate=frozenset({'seized', 'seize', 'seiz'}), noun=frozenset(), verb=True)
        """
        low = word.lower()
        known = {pos: self._known(low, pos) for pos in _LEMMA_POS}
        predicate = {low, *known["verb"], *known["adj"], *self._rule_forms(low, "verb")}
        for old, new in _CODER_SUFFIXES:
            if low.endswith(old) and len(low) > len(old) + 2:
                predicate.add(low[: -len(old)] + new)
        noun: set[str] = set()
        if low not in self.closed:  # "to", "was", "i": never nouns in news text
            noun = known["noun"] or ({low} if not known["verb"] and not known["adj"] else set())
        return WordLemmas(frozenset(predicate), frozenset(noun), bool(known["verb"]))

    def _known(self, low: str, pos: str) -> set[str]:
        """Lemmas of `low` as `pos` that the index or the exceptions know."""
        index = self.index.get(pos, frozenset())
        found = set(self.exceptions.get(pos, {}).get(low, ()))
        if low in index:
            found.add(low)
        found.update(form for form in self._rule_forms(low, pos) if form in index)
        return found

    def _rule_forms(self, low: str, pos: str) -> list[str]:
        return [low[: len(low) - len(old)] + new for old, new in self.rules.get(pos, ()) if low.endswith(old)]


@dataclass(frozen=True, slots=True, eq=False)
class GateVocabulary:
    """What the gate looks for, read from the loaded tables and model.

    Attributes:
        names: normalised actor aliases (token tuples) of the actor table.
        agents: normalised agent patterns ("officials", "security forces").
        longest: first token -> longest alias or agent length starting with it.
        predicates: verb lemmas that may carry an event (lexicon V rows, user verb forms; lower case).
        nouns: noun lemmas that may carry an event (lexicon N rows, the model's event-noun vocabulary).
        actor_words: words that stand for an actor the document context resolves (pronouns, "both").
        pair_nouns: nouns that name the story's pair after "two"/"both" ("the two ministers").
        implicit: lemmas whose agentless passive names its own agent ("was arrested").
    """

    names: Mapping[tuple[str, ...], int]
    agents: Mapping[tuple[str, ...], str]
    longest: Mapping[str, int]
    predicates: frozenset[str]
    nouns: frozenset[str]
    actor_words: frozenset[str]
    pair_nouns: frozenset[str]
    implicit: frozenset[str]

    @classmethod
    def build(
        cls,
        table: ActorTable,
        tables: CodingTables,
        *,
        nouns: Iterable[str] = (),
        verbs: VerbDictionary | None = None,
    ) -> GateVocabulary:
        """Collect the vocabularies from the actor table, the coder's tables, the model's nouns and user verbs."""
        # The frames' own word lists, read at run time so that the gate follows the coder.
        from annales.pipeline.coding.frames import FIRST_PERSON, PLURAL_PRONOUNS
        from annales.pipeline.coding.roles import IMPLICIT_AGENTS, PAIR_NOUNS
        from annales.pipeline.coding.syntax import PRONOUNS

        rows = tables.lexicon.rows
        predicates = {lemma.lower() for pos, lemma in rows if pos == "V"}
        if verbs is not None:
            predicates.update(form.lower() for form in verbs.forms)
        event_nouns = {lemma.lower() for pos, lemma in rows if pos == "N"} | {noun.lower() for noun in nouns}
        return cls(
            names=table.names,
            agents=table.agents,
            longest=table.longest,
            predicates=frozenset(predicates),
            nouns=frozenset(event_nouns),
            actor_words=frozenset(PRONOUNS | PLURAL_PRONOUNS | FIRST_PERSON),
            pair_nouns=frozenset(PAIR_NOUNS),
            implicit=frozenset(IMPLICIT_AGENTS),
        )


class EventGate:
    """Decide from words alone whether a sentence can hold an event.

    Args:
        vocabulary: what to look for.
        forms: lemma candidates of words without a tagger.
        options: which trigger candidates count.

    Example:
        >>> gate = EventGate(vocabulary, forms)  # doctest: +SKIP
        >>> gate.decide(["Kerry", "met", "Lavrov", "."]), gate.decide(["Prices", "rose", "."])  # doctest: +SKIP
        (None, 'no_actor')
    """

    def __init__(self, vocabulary: GateVocabulary, forms: WordForms, options: GateOptions | None = None) -> None:
        self.vocabulary = vocabulary
        self.forms = forms
        self.options = options or GateOptions()
        # Per-gate caches (not module state): words repeat a lot across the sentences of a run.
        self._lemmas = functools.lru_cache(maxsize=200_000)(forms.lemmas)
        self._norm = functools.lru_cache(maxsize=200_000)(norm_token)

    def decide(self, words: Sequence[str]) -> GateReason | None:
        """None to keep the sentence for the full parse, else why it cannot hold an event."""
        trigger = False
        actor = False
        any_verb = self.options.triggers == "verbs"
        vocab = self.vocabulary
        for k, word in enumerate(words):
            lemmas = self._lemmas(word)
            if not trigger:
                trigger = (
                    not lemmas.predicate.isdisjoint(vocab.predicates)
                    or not lemmas.noun.isdisjoint(vocab.nouns)
                    or (any_verb and lemmas.verb)
                )
            if not actor:
                actor = self._actor_word(words, k, word) or not lemmas.predicate.isdisjoint(vocab.implicit)
            if actor and trigger:
                return None
        if not actor and not self._names_an_actor(words):
            return "no_actor"
        return None if trigger else "no_trigger"

    def _actor_word(self, words: Sequence[str], k: int, word: str) -> bool:
        """A pronoun, a pair description, or a capitalised word that may be a name."""
        low = word.lower()
        if low in self.vocabulary.actor_words:
            return True
        if low in self.vocabulary.pair_nouns and any(w.lower() in ("two", "both") for w in words[max(0, k - 3) : k]):
            return True
        return k > 0 and word[:1].isupper() and word.isalpha() and low not in _NOT_NAMES

    def _names_an_actor(self, words: Sequence[str]) -> bool:
        """Greedy longest match of the actor table's aliases and agents, as the actor stage matches them."""
        kept = [(word, norm) for word in words if word not in _SKIPPED and (norm := self._norm(word))]
        vocab = self.vocabulary
        pos = 0
        while pos < len(kept):
            longest = vocab.longest.get(kept[pos][1], 0)
            for size in range(min(longest, len(kept) - pos), 0, -1):
                window = kept[pos : pos + size]
                key = tuple(norm for _, norm in window)
                if key in vocab.agents or (key in vocab.names and _looks_like_name([word for word, _ in window])):
                    return True
            pos += 1
        return False


def _looks_like_name(words: Sequence[str]) -> bool:
    """Names need a capitalised word; very short single words must be all capitals ("US", not "us")."""
    if not any(word[:1].isupper() for word in words):
        return False
    if len(words) == 1 and len(words[0].replace(".", "")) <= _SHORT_ALIAS:
        return words[0].isupper()
    return True
