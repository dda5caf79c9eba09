"""User verb dictionaries in the PETRARCH format, read into an immutable `VerbDictionary`.

Users who already have PETRARCH/TABARI verb dictionaries can load them on top of our
lexicon: a verb block (`--- VERB [code] ---`) gives a default code, and its patterns
(`- WORDS * WORDS [code]`) refine it by words before and after the verb. Synsets
(`&NAME` followed by `+WORD` lines) expand inside patterns.

Matching is an approximation of PETRARCH's phrase-tree matching on our dependency parse:
words after `*` must occur, in order, in the verb's subtree after the verb; words before
`*` must occur, in order, earlier in the sentence. The longest matching pattern wins.
Actor markers (`$`, `+`, `%`) are ignored. Codes are kept as written: a code that is not a
CAMEO code gets its PLOVER type from our own lexicon when it matches the same verb.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from annales.errors import DictionaryError
from annales.pipeline.coding.syntax import ParsedSentence

_HEADER = re.compile(r"^---\s+(\S+)\s+\[([^\]]*)\]\s*---")
_PATTERN = re.compile(r"^-\s+(.*?)\s*\[([^\]]*)\]")
_FORM = re.compile(r"^([A-Z0-9'&_+\-]+)\s*(\{[^}]*\})?\s*(\[([^\]]*)\])?")
_NO_CODE = "---"


@dataclass(frozen=True, slots=True)
class VerbPattern:
    """One pattern: words before and after the verb (each word a tuple of alternatives), and its code."""

    before: tuple[tuple[tuple[str, ...], ...], ...]
    after: tuple[tuple[tuple[str, ...], ...], ...]
    code: str
    reverse: str | None  # "032:033" paired codes: the reverse event's code

    @property
    def size(self) -> int:
        return len(self.before) + len(self.after)


@dataclass(frozen=True, slots=True)
class VerbBlock:
    """A verb with its default code and patterns, most specific first."""

    verb: str
    code: str | None
    reverse: str | None
    patterns: tuple[VerbPattern, ...]


@dataclass(frozen=True, slots=True)
class VerbMatch:
    """The code a user dictionary gives to a verb token."""

    code: str
    reverse: str | None
    verb: str


@dataclass(frozen=True, slots=True)
class VerbDictionary:
    """Verb forms (upper-case words) -> blocks."""

    forms: Mapping[str, VerbBlock]
    source: str

    def __len__(self) -> int:
        return len({id(b) for b in self.forms.values()})

    def match(self, ps: ParsedSentence, i: int) -> VerbMatch | None:
        """The code for token `i` of the sentence, or None when no block or no code applies."""
        tok = ps.tokens[i]
        block = self.forms.get(tok.text.upper()) or self.forms.get(tok.lemma.upper())
        if block is None:
            return None
        words = ps.words
        subtree_end = _subtree_end(ps, i)
        for pattern in block.patterns:
            if _in_order(pattern.before, words[:i]) and _in_order(pattern.after, words[i + 1 : subtree_end + 1]):
                return _checked(pattern.code, pattern.reverse, block.verb)
        if block.code is None:
            return None
        return _checked(block.code, block.reverse, block.verb)


def _checked(code: str, reverse: str | None, verb: str) -> VerbMatch | None:
    if code == _NO_CODE:
        return None
    return VerbMatch(code=code, reverse=reverse if reverse != _NO_CODE else None, verb=verb)


def _subtree_end(ps: ParsedSentence, i: int) -> int:
    end = i
    stack = [i]
    while stack:
        j = stack.pop()
        end = max(end, j)
        stack.extend(ps.children[j])
    return end


def _in_order(needed: tuple[tuple[tuple[str, ...], ...], ...], words: list[tuple[str, str]]) -> bool:
    """True when each needed slot (a set of alternative phrases) occurs in `words`, in order."""
    pos = 0
    for alternatives in needed:
        found = -1
        for start in range(pos, len(words)):
            if any(_phrase_at(phrase, words, start) for phrase in alternatives):
                found = start
                break
        if found < 0:
            return False
        pos = found + 1
    return True


def _phrase_at(phrase: tuple[str, ...], words: list[tuple[str, str]], start: int) -> bool:
    if start + len(phrase) > len(words):
        return False
    return all(w in words[start + k] for k, w in enumerate(phrase))


def _clean(word: str) -> str:
    return word.strip("+$%^").strip()


def _split_code(raw: str) -> tuple[str | None, str | None]:
    raw = raw.strip()
    if not raw:
        return None, None
    code, _, reverse = raw.partition(":")
    return code.strip(), (reverse.strip() or None)


def _lines(text: str) -> Iterator[tuple[int, str]]:
    in_comment = False
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if in_comment:
            in_comment = "-->" not in line
            continue
        if line.startswith("<!--"):
            in_comment = "-->" not in line
            continue
        line = line.split("#", 1)[0].rstrip()
        if line:
            yield number, line


def _expand(word: str, synsets: Mapping[str, tuple[tuple[str, ...], ...]]) -> tuple[tuple[str, ...], ...]:
    if word.startswith("&"):
        return synsets.get(word.rstrip("_"), ((word,),))
    return ((word,),)


def _pattern_words(
    text: str, synsets: Mapping[str, tuple[tuple[str, ...], ...]]
) -> tuple[tuple[tuple[str, ...], ...], ...]:
    slots = []
    for chunk in re.split(r"[\s_]+", text):
        word = _clean(chunk)
        if word and word not in ("%", "$", "+", "^"):
            slots.append(_expand(word, synsets))
    return tuple(slots)


@dataclass(slots=True)
class _BlockBuilder:
    verb: str
    code: str | None
    reverse: str | None
    forms: list[str]
    patterns: list[VerbPattern]

    def build(self) -> VerbBlock:
        ordered = sorted(self.patterns, key=lambda p: -p.size)
        return VerbBlock(self.verb, self.code, self.reverse, tuple(ordered))


def parse_verb_dictionary(text: str, *, source: str = "<verbs>") -> VerbDictionary:
    """Parse a PETRARCH verb dictionary.

    Args:
        text: the file content.
        source: a name for messages.

    Returns:
        The dictionary.

    Raises:
        DictionaryError: when a pattern appears before any verb block.
    """
    synsets: dict[str, tuple[tuple[str, ...], ...]] = {}
    forms: dict[str, VerbBlock] = {}
    current: _BlockBuilder | None = None
    synset_name: str | None = None

    def flush() -> None:
        if current is not None:
            block = current.build()
            for form in current.forms:
                forms.setdefault(form, block)

    for number, line in _lines(text):
        if line.startswith("&"):
            synset_name = line.split()[0]
            synsets[synset_name] = ()
            continue
        if line.startswith("+") and synset_name is not None:
            alt = tuple(_clean(w) for w in re.split(r"[\s_]+", line[1:]) if _clean(w))
            synsets[synset_name] += synsets.get(alt[0], ()) if alt and alt[0].startswith("&") else (alt,) if alt else ()
            continue
        synset_name = None
        header = _HEADER.match(line)
        if header:
            flush()
            code, reverse = _split_code(header.group(2))
            verb = header.group(1).strip("_")
            current = _BlockBuilder(verb, code, reverse, [verb.upper()], [])
            continue
        if current is None:
            if line.startswith("-"):
                raise DictionaryError("E220", f"{source} line {number}: pattern before any '--- VERB [code] ---' block")
            continue
        pattern = _PATTERN.match(line)
        if pattern:
            before, star, after = pattern.group(1).partition("*")
            code, reverse = _split_code(pattern.group(2))
            if star and code:
                current.patterns.append(
                    VerbPattern(_pattern_words(before, synsets), _pattern_words(after, synsets), code, reverse)
                )
            continue
        form = _FORM.match(line.lstrip("+"))
        if form and "_" not in form.group(1):
            current.forms.append(form.group(1).upper())
            if form.group(2):
                current.forms.extend(w.upper() for w in form.group(2).strip("{}").split())
    flush()
    return VerbDictionary(MappingProxyType(forms), source)


def load_verb_dictionary(path: str | Path) -> VerbDictionary:
    """Read a PETRARCH verb dictionary file.

    Raises:
        DictionaryError: when the file cannot be read or parsed.
    """
    file = Path(path)
    try:
        text = file.read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        raise DictionaryError("E221", f"cannot read verb dictionary {file}: {exc}. Is the path right?") from exc
    return parse_verb_dictionary(text, source=file.name)


def merge_verb_dictionaries(dictionaries: list[VerbDictionary]) -> VerbDictionary:
    """One dictionary from several; a verb form in a later dictionary replaces the earlier one."""
    forms: dict[str, VerbBlock] = {}
    for dictionary in dictionaries:
        forms.update(dictionary.forms)
    return VerbDictionary(MappingProxyType(forms), "+".join(d.source for d in dictionaries))
