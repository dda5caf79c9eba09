"""Names that look alike but are not the table's: namesakes and short title-case aliases (issue 11).

- A surname right after another given name is someone else: "Tim Morrison" (a White House aide) is not
  Scott Morrison, and the article's later bare "Morrison" is Tim too, until the known full name comes
  back (`without_strangers`, applied to each sentence's matches in article order).
- A short organisation alias written in title case ("negotiate with Eta", British style for ETA) is
  taken in a sentence parsed without the entity recogniser when it is a lone proper noun of letters
  between lower-case words (`lone_proper_noun`).
- A name the table does not know, in apposition with a title that says whose it is ("Kristy Campbell,
  Bush's spokeswoman", "the Iranian foreign minister, Hossein Amir-Abdollahian"), is that title's holder
  (`apposed_title`).
- A title with part of the name of a person the article names is that person ("Prince Mohammed" beside
  Crown Prince Mohammed bin Salman, `known_holder`).
- A bare title of two words or more that only one country's person named in the sentence or the two before
  bears is that country's ("the crown prince" beside Crown Prince Mohammed bin Salman, `title_country`; a
  one-word title matched this way lost events on the test split).
- A definite bare title ("the president") is the last person named in the sentence or the two before with
  that title written before the name ("President Barack Obama"), when there is one (`spoken_titles`,
  `named_title`; the whole article as window lost events on the test split).
- A place name inside a longer person's name is part of the name ("Mayor Virginia Raggi",
  `place_inside_person`).
- A one-word name of the table followed by a surname it does not know is someone else's given name
  ("Judge Diane Nicolosi", `name_after`).
- A pronoun's antecedent: this sentence's earlier people first, then the previous one's
  (`pronoun_antecedent`, `pronoun_mention`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from annales.pipeline.actors.context import (
    CALENDAR_WORDS,
    HONORIFICS,
    OBJECT_PRONOUNS,
    SUBJECT_DEPS,
    Antecedent,
    Group,
    Match,
    SentenceState,
    clause_head,
    home_country,
    span_head,
)
from annales.pipeline.actors.gender import PRONOUN_GENDERS
from annales.pipeline.actors.model import ActorEntry, name_tokens, norm_token, split_code
from annales.records import Actor, Sentence, Token


def without_strangers(tokens: list[Token], matches: list[Match], strangers: set[str]) -> list[Match]:
    """Drop the surname matches that name someone else: "Tim Morrison" is not Scott Morrison, and a later
    "Morrison" (or "Mr. Morrison") in the same article is Tim again (`strangers` carries the surnames on)."""
    covered = {i for m in matches for i in range(m.start, m.end)}
    kept = []
    for match in matches:
        entry = match.entry
        if entry is None or entry.kind != "person":
            kept.append(match)
            continue
        if len(match.key) > 1:
            strangers.discard(match.key[-1])  # "Emmanuel Macron" again: a later "Macron" is him
            kept.append(match)
            continue
        given = given_name_before(tokens, match.start, covered)
        if given is not None and not same_given_name(given, entry):
            strangers.add(match.key[0])
            continue
        if given is None and match.key[0] in strangers:
            continue
        if given is None and name_after(tokens, match.end, covered) is not None:
            continue  # "Judge Diane Nicolosi" is not the Diane the table knows: "Diane" is her given name
        strangers.discard(match.key[0])
        kept.append(match)
    return kept


def given_name_before(tokens: list[Token], start: int, covered: set[int]) -> str | None:
    """The capitalised proper noun right before a surname that no table entry covers, or None."""
    if start == 0 or start - 1 in covered:
        return None
    before = tokens[start - 1]
    word = before.text
    if before.pos != "PROPN" or not word.isalpha() or not word[:1].isupper() or word.isupper() or len(word) < 2:
        return None
    if norm_token(word) in HONORIFICS or word.lower() in CALENDAR_WORDS:
        return None  # "February Macron" in a dateline
    return word


def name_after(tokens: list[Token], end: int, covered: set[int]) -> str | None:
    """The capitalised proper noun right after a one-word name that no table entry covers, or None."""
    if end >= len(tokens) or end in covered:
        return None
    after = tokens[end]
    word = after.text
    if after.pos != "PROPN" or not word.isalpha() or not word[:1].isupper() or word.isupper() or len(word) < 2:
        return None
    if norm_token(word) in HONORIFICS or word.lower() in CALENDAR_WORDS:
        return None
    return word


def same_given_name(given: str, entry: ActorEntry) -> bool:
    """`given` is (a spelling of) the entry's first name: "Sergey" for Sergei Lavrov, "Scott" for Morrison."""
    names = entry.name.split()
    if len(names) < 2:
        return True  # a one-word name: nothing to compare
    first = norm_token(names[0])
    word = norm_token(given)
    return word[:2] == first[:2] or any(word in alias.split() for alias in entry.aliases)


def lone_proper_noun(tokens: list[Token], tok: Token) -> bool:
    """A proper noun of letters inside its sentence with no capitalised word next to it ("negotiate with Eta")."""
    if tok.pos != "PROPN" or tok.i == 0 or not tok.text.isalpha():
        return False  # "Orlando, Fla.": an abbreviation, not an organisation
    neighbours = [tokens[i] for i in (tok.i - 1, tok.i + 1) if 0 <= i < len(tokens)]
    return not any(n.text[:1].isupper() and n.text.isalpha() for n in neighbours)


def apposed_title(sent: Sentence, name: tuple[int, int], titles: list[tuple[int, int]]) -> int | None:
    """The index in `titles` (token spans) of the one in apposition with the name span: "Kristy Campbell,
    Bush's spokeswoman" (the title is the name's appos) or "the Iranian foreign minister, Hossein
    Amir-Abdollahian" (the name is the title's)."""
    head = sent.tokens[span_head(sent, *name)]
    for k, (start, end) in enumerate(titles):
        other = sent.tokens[span_head(sent, start, end)]
        title_in_apposition = other.dep == "appos" and name[0] <= other.head < name[1]
        if title_in_apposition or (head.dep == "appos" and start <= head.head < end):
            return k
    return None


def known_holder(cast: Sequence[ActorEntry], name: str) -> ActorEntry | None:
    """The one person of the article's cast whose name holds every word of `name` ("Mohammed" for
    "Mohammed bin Salman"); None when no one or several do."""
    words = set(name_tokens(name))
    found = {entry.name: entry for entry in cast if words and words <= set(name_tokens(entry.name))}
    return next(iter(found.values())) if len(found) == 1 else None


PLACE_KINDS = frozenset({"country", "capital", "place"})


def place_inside_person(tokens: list[Token], span: list[Token], entry: ActorEntry) -> bool:
    """ "Mayor Virginia Raggi": a place name inside a longer person's name is part of the name."""
    if entry.kind not in PLACE_KINDS or any(tok.ent_type != "PERSON" for tok in span):
        return False
    after = span[-1].i + 1
    before = span[0].i - 1
    longer = (after < len(tokens) and tokens[after].ent_type == "PERSON" and tokens[after].ent_iob == "I") or (
        before >= 0 and tokens[before].ent_type == "PERSON" and span[0].ent_iob == "I"
    )
    return longer


def spoken_titles(group: Group, agents: Mapping[tuple[str, ...], str]) -> list[tuple[str, ...]]:
    """The titles the text puts before the person a group names: "prime minister" in "Turkish Prime Minister
    Recep Tayyip" (the longest tail of the words before the name that is an agent of the table), or a title
    matched on its own right before the name ("Defense Secretary" + "Mark Esper")."""
    found = []
    for index, match in enumerate(group.matches):
        entry = match.entry
        if entry is None or entry.kind != "person":
            continue
        name = set(name_tokens(entry.name))
        cut = next((j for j, word in enumerate(match.key) if word in name), len(match.key))
        tail = next((match.key[j:cut] for j in range(cut) if match.key[j:cut] in agents), None)
        if tail is None and index > 0 and group.matches[index - 1].sector is not None:
            tail = group.matches[index - 1].key
        if tail:
            found.append(tail)
    return found


def remember_titles(
    state: SentenceState, group: Group, code: str | None, agents: Mapping[tuple[str, ...], str]
) -> None:
    """Note the titles a person's mention puts before the name, with the person's country (index -1: this
    sentence's)."""
    if code is not None:
        state.titles.update((title, (split_code(code)[0], -1)) for title in spoken_titles(group, agents))


def named_title(state: SentenceState, group: Group) -> str | None:
    """The country of the last person named with this bare title, for "the president" (definite, one word
    or more, nothing else in the phrase)."""
    if len(group.matches) != 1 or group.start == 0:
        return None
    if norm_token(state.sent.tokens[group.start - 1].text) != "the":
        return None
    found = state.titles.get(group.matches[0].key)
    return found[0] if found else None


def title_country(cast: Sequence[ActorEntry], title: tuple[str, ...], as_of: dt.date | None) -> str | None:
    """The country of the people of `cast` known by `title` before their name ("crown prince" for "Crown Prince
    Mohammed bin Salman"), when there is exactly one; else None."""
    if len(title) < 2:
        return None
    size = len(title)
    countries = {
        home_country(entry, as_of)
        for entry in cast
        if any(tuple(alias.split(" ")[:size]) == title and alias.count(" ") >= size for alias in entry.aliases)
    }
    countries.discard(None)
    return countries.pop() if len(countries) == 1 else None


def pronoun_mention(state: SentenceState, tok: Token) -> Actor:
    """A pronoun as a mention: its antecedent's code (and then an antecedent itself), else unresolved."""
    ante = pronoun_antecedent(state, tok)
    if ante is None:
        return Actor(tok.text, None, None, None, None, tok.idx, tok.end, "no_antecedent", "pronoun")
    actor = Actor(tok.text, ante.code, ante.country, ante.sector, ante.name, tok.idx, tok.end, None, "pronoun")
    gender = PRONOUN_GENDERS.get(tok.text.lower())
    state.current.append(Antecedent(actor, tok.dep in SUBJECT_DEPS, gender, clause_head(state.sent, tok.i)))
    return actor


def pronoun_antecedent(state: SentenceState, tok: Token) -> Actor | None:
    """The antecedent of a pronoun: this sentence's earlier people first, then the previous one.

    A person of the other gender never qualifies; among the others subjects win (the last
    one); when no gender is known at all a pronoun is resolved only when one person qualifies.
    "him"/"her" as objects skip the subject of their own clause.
    """
    lower = tok.text.lower()
    gender = PRONOUN_GENDERS.get(lower)
    clause = clause_head(state.sent, tok.i)
    before = [a for a in state.current if a.actor.start < tok.idx]
    for pool in (before, state.previous):
        people = [a for a in pool if gender is None or a.gender in (None, gender)]
        if lower in OBJECT_PRONOUNS and tok.dep != "poss":
            people = [a for a in people if not (a.subject and a.clause == clause >= 0)]
        if lower in ("he", "she"):
            people = [a for a in people if a.subject or a.gender is not None]
        if not people:
            continue
        if len({a.actor.code for a in people}) > 1 and all(a.gender is None for a in people):
            return None  # several people and no gender to choose: better unresolved than wrong
        subjects = [a for a in people if a.subject]
        return (subjects or people)[-1].actor
    return None
