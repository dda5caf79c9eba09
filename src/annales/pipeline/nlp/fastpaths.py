"""Faster, output-identical paths for two spaCy components of `en_core_web_sm`.

Profiling `annales run` on the 181 real pages (issue 13) put two small components among the hot
spots: the attribute ruler (tag -> part of speech and morphology, about 12 % of spaCy's time, nearly
all of it in its general-purpose `Matcher`) and the rule lemmatizer (about 8 %, a Python loop that
builds a `Token` object per word). Both are replaced here by code that gives the same annotations:

* `RuleIndex` compiles the ruler's own patterns (single tokens and short fixed sequences over LOWER,
  TAG, DEP and IS_SPACE with exact values, IN, NOT_IN or REGEX) into dictionary lookups, then sets
  the ruler's attributes through spaCy's own `set_token_attrs`, in the ruler's order (later rules
  win). A ruler with any other kind of pattern keeps spaCy's matcher.
* `FastLemmatizer.pipe` reads the words, parts of speech and morphology as arrays, remembers each
  (word, part of speech, morphology) it has seen, asks spaCy's own `lemmatize` only for new ones,
  and writes the lemmas back in one array; the lemma index is stored as sets, since spaCy's rule
  lemmatizer tests membership in it (a list scan before).

`install_fast_paths(nlp)` switches both on; `tests/pipeline/nlp/test_fastpaths.py` checks, on real
text, that every token attribute is the same with and without them.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

logger = logging.getLogger(__name__)

_KEYS = ("LOWER", "TAG", "DEP", "IS_SPACE")
# Remembered lemmas per lemmatizer; past this many the memo starts again (memory stays flat on long runs).
LEMMA_MEMO_SIZE = 500_000

Check = Callable[[tuple[str, str, str, bool]], bool]


@dataclass(frozen=True, slots=True)
class _Rule:
    """One ruler pattern: its rule number (later numbers win), its token checks, and where it writes."""

    number: int
    checks: tuple[tuple[Check, ...], ...]  # one tuple of checks per token of the pattern
    index: int  # which token of the match gets the attributes (may be negative)
    anchors: tuple[tuple[int, str | bool], ...]  # (slot, value) pairs one of which the first token must have


def _check(key: str, value: Any) -> Check | None:
    """A predicate on (lower, tag, dep, is_space) for one key of a token pattern; None when unsupported."""
    slot = _KEYS.index(key)
    if isinstance(value, bool | str):
        return lambda values: values[slot] == value
    if isinstance(value, dict) and len(value) == 1:
        ((op, arg),) = value.items()
        if op == "IN":
            members = frozenset(arg)
            return lambda values: values[slot] in members
        if op == "NOT_IN":
            excluded = frozenset(arg)
            return lambda values: values[slot] not in excluded
        if op == "REGEX" and key != "IS_SPACE":
            regex = re.compile(arg)
            return lambda values: bool(regex.search(values[slot]))
    return None


class RuleIndex:
    """The attribute ruler's patterns, matched through a memo of token values.

    Whether a one-token pattern matches depends only on the token's (lower, tag, dep, is_space), and
    a text has far fewer distinct such tuples than tokens: each tuple is checked against every
    pattern once, then looked up. Longer patterns (a handful: "gon na", "let 's") are checked where
    their first token matches.

    Args:
        ruler: a loaded spaCy `AttributeRuler`.

    Raises:
        ValueError: when a pattern uses something this index does not support (the caller keeps
            spaCy's matcher then).
    """

    def __init__(self, ruler: Any) -> None:
        self.ruler = ruler
        self.anchored: dict[tuple[int, str | bool], list[_Rule]] = {}
        self.unanchored: list[_Rule] = []
        for number in range(len(ruler.attrs)):
            _, patterns = ruler.matcher.get(str(number))
            for pattern in patterns:
                checks = tuple(_token_checks(spec) for spec in pattern)
                rule = _Rule(number, checks, ruler.indices[number], _anchors(pattern[0]))
                for anchor in rule.anchors:
                    self.anchored.setdefault(anchor, []).append(rule)
                if not rule.anchors:
                    self.unanchored.append(rule)
        self._memo: dict[tuple[str, str, str, bool], tuple[_Rule, ...]] = {}

    def _first_token(self, values: tuple[str, str, str, bool]) -> tuple[_Rule, ...]:
        """The rules whose first token matches a token with these values (memoised)."""
        found = self._memo.get(values)
        if found is None:
            if len(self._memo) > LEMMA_MEMO_SIZE:
                self._memo.clear()
            candidates = list(self.unanchored)
            keys: tuple[str | bool, ...] = values
            for slot, value in enumerate(keys):
                candidates.extend(self.anchored.get((slot, value), ()))
            unique = {id(rule): rule for rule in candidates}.values()
            found = tuple(rule for rule in unique if all(check(values) for check in rule.checks[0]))
            self._memo[values] = found
        return found

    def matches(self, doc: Doc) -> list[tuple[int, int, int]]:
        """(rule number, start, end) of every match, sorted as the ruler applies them."""
        values = _token_values(doc)
        found = []
        for start, first in enumerate(values):
            for rule in self._first_token(first):
                end = start + len(rule.checks)
                if end == start + 1 or (end <= len(values) and _rest_matches(rule, values, start)):
                    found.append((rule.number, start, end))
        found.sort()
        return found

    def __call__(self, doc: Doc) -> Doc:
        """Annotate `doc` as the ruler would: every match, in rule order, through spaCy's `set_token_attrs`."""
        from spacy.tokens._retokenize import set_token_attrs

        for number, start, end in self.matches(doc):
            index = self.ruler.indices[number]
            set_token_attrs(doc[start:end][index], self.ruler.attrs[number])
        return doc

    def pipe(self, docs: Iterable[Doc], *, batch_size: int = 128) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)


def _rest_matches(rule: _Rule, values: list[tuple[str, str, str, bool]], start: int) -> bool:
    """The tokens after the first of a longer pattern match too."""
    return all(all(check(values[start + k]) for check in rule.checks[k]) for k in range(1, len(rule.checks)))


def _anchors(spec: dict[str, Any]) -> tuple[tuple[int, str | bool], ...]:
    """Values one of which a token must have to match `spec`: its exact or IN condition on one key."""
    for key in _KEYS:
        value = spec.get(key)
        if isinstance(value, bool | str):
            return ((_KEYS.index(key), value),)
        if isinstance(value, dict) and set(value) == {"IN"}:
            return tuple((_KEYS.index(key), member) for member in value["IN"])
    return ()


def _token_checks(spec: dict[str, Any]) -> tuple[Check, ...]:
    checks = []
    for key, value in spec.items():
        check = _check(key, value) if key in _KEYS else None
        if check is None:
            raise ValueError(f"unsupported attribute ruler pattern {spec!r}")
        checks.append(check)
    return tuple(checks)


def _token_values(doc: Doc) -> list[tuple[str, str, str, bool]]:
    """(lower, tag, dep, is_space) of every token, with the strings looked up once per distinct hash."""
    from spacy.attrs import DEP, IS_SPACE, LOWER, TAG

    strings = doc.vocab.strings
    names: dict[int, str] = {}
    rows = doc.to_array([LOWER, TAG, DEP, IS_SPACE]).tolist()
    out = []
    for lower, tag, dep, space in rows:
        for key in (lower, tag, dep):
            if key not in names:
                names[key] = strings[key] if key else ""
        out.append((names[lower], names[tag], names[dep], bool(space)))
    return out


class FastLemmatizer:
    """The rule lemmatizer's loop over arrays, with spaCy's own `lemmatize` for what it has not seen.

    Args:
        lemmatizer: a loaded spaCy `Lemmatizer` in rule mode.
    """

    def __init__(self, lemmatizer: Any) -> None:
        self.lemmatizer = lemmatizer
        self.memo: dict[tuple[int, int, int], str] = {}

    def __call__(self, doc: Doc) -> Doc:
        from spacy.attrs import LEMMA, MORPH, ORTH, POS

        lemmatizer = self.lemmatizer
        if not getattr(lemmatizer, "_validated", True):
            checked: Doc = lemmatizer(doc)  # let spaCy check its tables (once) and raise its own error
            return checked
        rows = doc.to_array([ORTH, POS, MORPH, LEMMA])
        lemmas = rows[:, 3].copy()
        strings = doc.vocab.strings
        if len(self.memo) > LEMMA_MEMO_SIZE:
            self.memo.clear()
        for i, (orth, pos, morph, lemma) in enumerate(rows.tolist()):
            if lemma and not lemmatizer.overwrite:
                continue
            key = (orth, pos, morph)
            text = self.memo.get(key)
            if text is None:
                text = self.memo[key] = lemmatizer.lemmatize(doc[i])[0]
            lemmas[i] = strings.add(text)
        doc.from_array([LEMMA], lemmas)  # type: ignore[arg-type]  # uint64, as to_array gave it
        return doc

    def pipe(self, docs: Iterable[Doc], *, batch_size: int = 128) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)


def install_fast_paths(nlp: Language) -> list[str]:
    """Give the pipeline's attribute ruler and rule lemmatizer their fast paths; return the components changed.

    The components stay in place (same names, same settings); only their batch entry point `pipe`,
    which `nlp.pipe` uses, is replaced, so `nlp(text)` still runs spaCy's own code.
    """
    changed = []
    if "attribute_ruler" in nlp.pipe_names:
        ruler: Any = nlp.get_pipe("attribute_ruler")
        try:
            index = RuleIndex(ruler)
        except ValueError as exc:
            logger.info("attribute ruler keeps spaCy's matcher: %s", exc)
        else:
            ruler.pipe = index.pipe
            changed.append("attribute_ruler")
    if "lemmatizer" in nlp.pipe_names:
        lemmatizer: Any = nlp.get_pipe("lemmatizer")
        if getattr(lemmatizer, "mode", None) == "rule":
            _index_as_sets(lemmatizer)
            lemmatizer.pipe = FastLemmatizer(lemmatizer).pipe
            changed.append("lemmatizer")
    return changed


def _index_as_sets(lemmatizer: Any) -> None:
    """Store the lemma index as sets: spaCy tests `form in index` on it, a scan when it is a list
    (57,000 nouns), which was most of the lemmatizer's time. Membership is the only use."""
    if not lemmatizer.lookups.has_table("lemma_index"):
        return
    table = lemmatizer.lookups.get_table("lemma_index")
    for key in list(table.keys()):
        table[key] = frozenset(table[key])
