"""People the table does not know, whose nationality the article states: "Australian-born Assange".

A name the table does not know stays uncoded; where the article puts a nationality right before it ("Australian-
born Assange", "Russian Oleg Ivanov"), that person is of that country, and so is every other mention of the same
surname in the article ("Julian Assange", "Assange"): coded with the country alone, kind "person".
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from annales.records import Actor, Sentence

# The demonyms of each country (our table; the actor table build adds them to the countries' entries).
_DEMONYMS_FILE = Path(__file__).resolve().parents[2] / "data" / "actors" / "demonyms.v1.tsv"
# Where a demonym names people rather than qualifying a noun: "The Australian was evicted", "detained the
# American", "two Britons were released", "talks with the Americans".
_NOMINAL_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "appos", "conj", "attr", "dative"})
# Prepositions after which a country's name is where something happens, never a demonym's people.
_PLACE_PREPS = frozenset({"in", "at", "to", "from", "into", "near", "across", "inside", "outside", "throughout"})

# What may stand between a nationality and the name it describes: "Australian-born Assange".
_LINKS = frozenset({"-", "born", "-born"})
# Mentions of names the table does not know: a recognised person, or a capitalised word the recogniser skipped.
_UNKNOWN_KINDS = frozenset({"name", "proper_noun"})


def carry_nationality(sentences: Sequence[Sentence], mentions: list[list[Actor]]) -> None:
    """Code, in place, the unknown people of an article whose nationality one of their mentions states."""
    found: dict[str, str] = {}
    for sent, actors in zip(sentences, mentions, strict=True):
        for surname, country in _stated(sent, actors):
            found.setdefault(surname, country)
    if not found:
        return
    for actors in mentions:
        for k, actor in enumerate(actors):
            unknown = actor.code is None and actor.kind in _UNKNOWN_KINDS and actor.reason == "unknown_name"
            stated = found.get(_surname(actor.text)) if unknown else None
            if stated is not None:
                actors[k] = replace(actor, code=stated, country=stated, sector=None, reason=None, kind="person")


def _stated(sent: Sentence, actors: list[Actor]) -> list[tuple[str, str]]:
    """(surname, country) for each proper name a demonym is written right before, with at most "-born"
    between them ("Australian-born Assange"), whether or not the recogniser made the name a mention."""
    found = []
    for demonym in (a for a in actors if a.kind == "country" and a.country and _demonym(a)):
        after = [t for t in sent.tokens if t.idx >= demonym.end]
        while after and (after[0].text.casefold() in _LINKS or (after[0].text.isupper() and len(after[0].text) > 1)):
            after = after[1:]  # "-born", and a title in capitals: "Canadian MLA Sandra Jansen"
        if not after or after[0].pos != "PROPN":
            continue
        name = [after[0]]
        for tok in after[1:]:
            if tok.pos != "PROPN" or tok.idx > name[-1].end + 1:
                break
            name.append(tok)
        if any(a.code is not None and a.start <= name[-1].idx < a.end for a in actors):
            continue  # "Russian President Vladimir Putin": a name the table knows
        found.append((_surname(name[-1].text), demonym.country or ""))
    return found


def _demonym(actor: Actor) -> bool:
    """ "Australian", "Russian", "Chinese", "Israeli": one word for the people, not a place's name ("Calgary MLA
    Sandra Jansen" names where she sits). The tagger often reads it as a proper noun, and the recogniser has not
    run yet, so the word itself decides."""
    word = actor.text.strip()
    return " " not in word and word != actor.name and word.casefold().endswith(_DEMONYM_ENDINGS)


_DEMONYM_ENDINGS = ("an", "ese", "i", "ish", "ch", "ic", "ss", "ot", "er")


def _surname(text: str) -> str:
    words = text.split()
    return words[-1].strip(".,").casefold() if words else ""


def mark_nationals(sentences: Sequence[Sentence], mentions: list[list[Actor]]) -> None:
    """Re-kind, in place, a demonym that names people ("The 48-year-old Australian was evicted", "two Britons
    were detained"): kind "national", a person or people of that country, coded with the country alone as
    before, but no longer a country's name that a rule could take for a venue or a place."""
    words = _demonym_words()
    for sent, actors in zip(sentences, mentions, strict=True):
        for k, actor in enumerate(actors):
            if actor.kind != "country" or actor.text.strip().casefold() not in words:
                continue
            tok = next((t for t in sent.tokens if t.idx == actor.start), None)
            if tok is None or tok.pos not in ("NOUN", "PROPN") or tok.dep not in _NOMINAL_DEPS:
                continue
            if tok.dep == "pobj" and sent.tokens[tok.head].text.casefold() in _PLACE_PREPS:
                continue
            actors[k] = replace(actor, kind="national")


@functools.cache
def _demonym_words() -> frozenset[str]:
    words: set[str] = set()
    for line in _DEMONYMS_FILE.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or line.startswith("code\t") or "\t" not in line:
            continue
        words.update(word.casefold() for word in line.split("\t", 1)[1].split("|"))
    return frozenset(words)
