"""National institutions the bundled table names (legislatures, agencies, security services, central banks)."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from annales.pipeline.actors import ActorTable
from annales.pipeline.actors.dictionary import read_actor_tsv
from annales.pipeline.actors.model import ActorEntry, name_tokens
from annales.pipeline.actors.table import DATA_DIR

D2019 = dt.date(2019, 11, 18)


def _rows(name: str) -> list[ActorEntry]:
    return list(read_actor_tsv((DATA_DIR / name).read_text(encoding="utf-8").splitlines(), source=name))


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Verkhovna Rada", "UKR.LEG"),
        ("Sejm", "POL.LEG"),
        ("Home Office", "GBR.GOV"),
        ("Customs and Border Protection", "USA.GOV"),
        ("Homeland Security", "USA.GOV"),
        ("Justice Department", "USA.JUD"),
        ("SBU", "UKR.SPY"),
        ("Bundesbank", "DEU.BUS"),
        ("Crown Court", "GBR.JUD"),  # "appeared at Kingston Crown Court": an English court, whatever the town
        ("Old Bailey", "GBR.JUD"),
        ("Sheriff Court", "GBR.JUD"),
        ("Common Pleas Court", "USA.JUD"),
        ("Kingston", "JAM.GOV"),  # Jamaica's capital, not Norfolk Island's (1,828 people)
    ],
)
def test_actor_table_knows_national_institutions(default_table: ActorTable, name: str, code: str) -> None:
    entry = default_table.lookup(tuple(name_tokens(name)))
    assert entry is not None, name
    assert entry.code_at(D2019)[0] == code


def test_institution_rows_are_coded_and_unique() -> None:
    seen: dict[str, str] = {}
    for entry in _rows("institutions.v1.tsv"):
        [code] = {role.code for role in entry.roles}
        assert entry.kind == "org" and re.fullmatch(r"[A-Z]{3}\.[A-Z]{3}|EU(\.[A-Z]{3})?|IGO|NGO|AU", code), entry
        for alias in (entry.name, *entry.aliases):
            key = " ".join(name_tokens(alias))
            assert seen.setdefault(key, entry.name) == entry.name, (alias, seen[key], entry.name)


def test_institutions_leave_news_outlets_platforms_and_parties_out() -> None:
    """Outlets ("told the Jerusalem Post") and platforms ("on its Facebook page") are more often the source or
    the medium than a party (measured on the blind sets); parties have their own table."""
    rows = _rows("institutions.v1.tsv")
    assert not [e.name for e in rows if any(role.code.endswith(".MED") for role in e.roles)]
    names = {" ".join(name_tokens(a)) for e in rows for a in (e.name, *e.aliases)}
    assert not names & {"facebook", "twitter", "youtube", "tiktok", "instagram", "whatsapp"}
    parties = {" ".join(name_tokens(a)) for e in _rows("parties.v1.tsv") for a in (e.name, *e.aliases)}
    assert not names & parties
