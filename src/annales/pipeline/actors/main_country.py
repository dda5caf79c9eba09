"""The article's main country: the country an agent with no owner of its own ("lawmakers", "the police")
belongs to, chosen from the countries, people and groups the article names."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from annales.pipeline.actors.context import COUNTRY_KINDS, VOTING_KINDS, Group, home_country
from annales.records import Sentence

# The first sentences of an article weigh this much more in choosing its main country.
LEAD_SENTENCES = 3
LEAD_WEIGHT = 3
# Agents that make a demonym one person's nationality ("a Japanese man", "an American tourist").
NATIONAL_SECTORS = frozenset({"PPL", "CVL"})
_ARTICLES = frozenset({"a", "an"})
_NATIONALITY_NOUNS = frozenset({"national", "nationals", "citizen", "citizens"})
_NOUN_DEPS = frozenset({"appos", "pobj", "dobj", "nsubj", "nsubjpass", "conj", "attr"})


def names_a_national(sent: Sentence, group: Group) -> bool:
    """ "a Japanese man", "an American", "New Zealand national Campbell Paterson", "US citizens": one person's
    (or a few people's) nationality, which says nothing of where the story is (a Japanese man stabbed in
    Dundalk, an American among the victims of a Manila bombing)."""
    if group.modifier is None or group.modifier.kind not in COUNTRY_KINDS:
        return False
    after = sent.tokens[group.end].text.lower() if group.end < len(sent.tokens) else ""
    if after in _NATIONALITY_NOUNS or sent.tokens[group.end - 1].text.lower() in _NATIONALITY_NOUNS:
        return True  # "New Zealand national Campbell Paterson", "US citizens": a passport, not the story's country
    if group.person is not None:
        return False
    before = sent.tokens[group.start - 1].text.lower() if group.start > 0 else ""
    if before not in _ARTICLES:
        return False  # "South African voters": a people, not one person
    if group.sector in NATIONAL_SECTORS:
        return True
    # "an American" (a noun), not "a Turkish vessel" (an adjective) nor "a Washington-based firm"
    after = sent.tokens[group.end].text if group.end < len(sent.tokens) else ""
    return (
        len(group.matches) == 1
        and group.modifier.kind == "country"
        and sent.tokens[group.end - 1].dep in _NOUN_DEPS
        and after not in ("-", "\u2013")
    )


def main_country(
    groups: list[list[Group]],
    datelines: list[set[int]],
    as_of: dt.date | None,
    towns: Counter[str] | None = None,
    sentences: list[Sentence] | None = None,
) -> tuple[str | None, frozenset[str]]:
    """The country named most often, each different person or group named counting once for its own; else
    the country of the people and groups named; else the dateline's. `towns`: the countries of towns that
    share a name with another country or capital, named in the article ("London, Ky.": USA). `sentences`:
    the groups' sentences, to leave out one person's nationality (`names_a_national`).

    Returns:
        The country and, when several share the top count, all of them (else an empty set).
    """
    votes: Counter[str] = Counter()
    actors: Counter[str] = Counter()  # "Ruto said ... lawmakers voted": Kenya, though never named
    filed_from: Counter[str] = Counter()  # dateline places count only when nothing else does
    cast: set[tuple[str, str]] = set()  # (name, country) of each person or group named
    for sent_index, (sent_groups, dateline) in enumerate(zip(groups, datelines, strict=True)):
        for group in sent_groups:
            if sentences is not None and names_a_national(sentences[sent_index], group):
                continue
            in_dateline = bool(dateline.intersection(range(group.start, group.end)))
            # the lead says what the article is about; "related stories" chrome at its end does not
            weight = LEAD_WEIGHT if sent_index < LEAD_SENTENCES else 1
            for entry in (group.modifier, group.person):
                country = home_country(entry, as_of)
                if entry is None or country is None or entry.kind not in VOTING_KINDS:
                    continue
                if entry.kind in COUNTRY_KINDS:
                    (filed_from if in_dateline else votes)[country] += weight
                elif not in_dateline:
                    actors[country] += weight
                    cast.add((entry.name, country))
    votes.update(towns or Counter[str]())
    if votes:  # each different person or group named counts as one naming of their country: an American
        # impeachment story names Ukraine more often than the United States, but its people are American
        votes.update(country for _, country in cast)
    counts = next((c for c in (votes, actors, filed_from) if c), Counter[str]())
    if not counts:
        return None, frozenset()
    top = max(counts.values())
    tied = [c for c, n in counts.items() if n == top]
    if len(tied) > 1 and counts is votes:
        # a tie between countries named goes to the one whose people or groups are named most
        ranked = sorted(tied, key=lambda c: actors[c], reverse=True)
        if actors[ranked[0]] > actors[ranked[1]]:
            tied = ranked[:1]
    return tied[0], frozenset(tied) if len(tied) > 1 else frozenset()
