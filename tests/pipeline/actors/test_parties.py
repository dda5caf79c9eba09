"""Political parties: the bundled party table, generic party names and the opposition."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

import pytest

from annales.pipeline.actors import ActorResolver, ActorTable
from annales.pipeline.actors.dictionary import read_actor_tsv
from annales.pipeline.actors.model import ActorEntry
from annales.pipeline.actors.table import DATA_DIR
from annales.records import Sentence

SentenceFactory = Callable[..., Sentence]
D2019 = dt.date(2019, 11, 18)


def _parties() -> list[ActorEntry]:
    lines = (DATA_DIR / "parties.v1.tsv").read_text(encoding="utf-8").splitlines()
    return list(read_actor_tsv(lines, source="parties.v1.tsv"))


def _codes(table: ActorTable, words: list[str], make_sentence: SentenceFactory, day: dt.date) -> list[tuple[str, str]]:
    sent = make_sentence(words)
    [actors] = ActorResolver(table).resolve_article([sent], as_of=day)
    return [(a.text, a.code or "") for a in actors]


@pytest.mark.parametrize(
    ("words", "code"),
    [
        (["Senior", "United", "Russia", "officials", "accused", "him", "."], "RUS.PTY"),
        (["BJP", "leaders", "met", "."], "IND.PTY"),
        (["Likud", "rejected", "it", "."], "ISR.PTY"),
        (["The", "ANC", "condemned", "it", "."], "ZAF.PTY"),
        (["ZANU", "-", "PF", "said", "so", "."], "ZWE.PTY"),
        (["The", "Tories", "lied", "."], "GBR.PTY"),
        (["Republicans", "objected", "."], "USA.PTY"),
        (["Democrats", "objected", "."], "USA.PTY"),
        (["Sweden", "Democrats", "objected", "."], "SWE.PTY"),  # the longer name, not the American party
        (["Manitoba", "'s", "New", "Democrats", "objected", "."], "CAN.PTY"),
    ],
)
def test_parties_resolve_to_their_country(
    default_table: ActorTable, make_sentence: SentenceFactory, words: list[str], code: str
) -> None:
    codes = _codes(default_table, words, make_sentence, D2019)
    assert code in [c for _, c in codes], codes


@pytest.mark.parametrize(
    ("words", "code"),
    [
        (["The", "opposition", "Conservatives", "objected", "."], "GBR.OPP"),
        (["Manitoba", "'s", "Opposition", "New", "Democrats", "objected", "."], "CAN.OPP"),
        (["The", "Conservatives", "objected", "."], "GBR.PTY"),
    ],
)
def test_a_party_the_opposition_names_is_the_opposition(
    default_table: ActorTable, make_sentence: SentenceFactory, words: list[str], code: str
) -> None:
    # a British article: "Conservatives" is a generic party name that takes the article's country
    lead = make_sentence(["Britain", "and", "British", "voters", "."])
    sent = make_sentence(words, index=1, offset=lead.end + 1)
    [_, actors] = ActorResolver(default_table).resolve_article([lead, sent], as_of=D2019)
    assert actors[0].code == code, [(a.text, a.code) for a in actors]


@pytest.mark.parametrize(("day", "code"), [(dt.date(1995, 1, 1), "AGO.REB"), (dt.date(2010, 1, 1), "AGO.PTY")])
def test_a_rebel_movement_turned_party_is_coded_by_date(default_table: ActorTable, day: dt.date, code: str) -> None:
    entry = default_table.lookup(("unita",))
    assert entry is not None
    assert entry.code_at(day)[0] == code


def test_party_table_codes_every_row_as_a_party() -> None:
    entries = _parties()
    assert len(entries) > 300
    for entry in entries:
        codes = {role.code for role in entry.roles}
        assert entry.kind == "group" and codes and all(re.fullmatch(r"[A-Z]{3}\.(PTY|REB)", c) for c in codes)
        assert entry.code_at(D2019)[0].endswith(".PTY"), entry.name


def test_party_table_leaves_shared_names_and_ambiguous_acronyms_out() -> None:
    """A name several countries' parties bear ("Labour Party") takes the article's country as a generic
    agent; an acronym that is also a news agency or a police force (PTI, CHP) would turn prose into parties."""
    names = {alias.lower() for entry in _parties() for alias in (entry.name, *entry.aliases)}
    shared = {"democratic party", "labour party", "labor party", "conservative party", "conservatives"}
    shared |= {"liberal party", "socialist party", "green party", "communist party", "social democrats"}
    acronyms = {"pti", "chp", "eff", "ppp", "apc", "pdp", "dpp", "psl", "pkr", "bnp", "ndp"}
    assert not names & (shared | acronyms)


def test_party_table_aliases_are_unique() -> None:
    seen: dict[str, str] = {}
    for entry in _parties():
        for alias in (entry.name, *entry.aliases):
            key = re.sub(r"^the ", "", alias.lower())
            assert seen.setdefault(key, entry.name) == entry.name, (alias, seen[key], entry.name)
