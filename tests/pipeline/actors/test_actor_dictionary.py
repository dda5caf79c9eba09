"""PETRARCH/Phoenix and TSV dictionary loading, valid and malformed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annales.errors import DictionaryError
from annales.pipeline.actors import Role, load_dictionary
from annales.pipeline.actors.dictionary import format_roles_cell, parse_roles_cell, regular_plural

PETR_ACTORS = """<!-- A TEST DICTIONARY -->
<!--
# a multi-line comment whose inner lines start with '#'
-->
# a comment line
ARNOR_  [ARN]
+ARNORIAN   # demonym

GOLLUM  # pas 27 Apr 03
+SMEAGOL
\t[HOB < 950601]
\t[HOBGOV 19950601 - 19990815]
#\t[950601-990815]  commented out
\t[HOBREB > 990816]

LORIEN  [ELR/GAL]
BOROMIR  [---]
ENT
\t[ENT]
ELROND_ [ELF 900101-951231] [ELFGOV >960101]
GANDALF
+MITHRANDIR
WIZARD_COUNCIL [WIZ]
LONELY_NAME

ONODOHER
\t[ONO <911226]
"""

PETR_AGENTS = """<!-- AGENTS -->
!PERSON! = MAN, MEN, WOMAN
!MINST! = MINISTER, MINISTRY
CONGRESS!PERSON! [~LEG] # substitution
FOREIGN_!MINST! [~GOVFRM]
!MINIST!_OF_SILLY_WALKS [~GOV]
POLICE {} [ ~COP]
ATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~GOV]
HUMAN_RIGHTS_BODY  [  NGO~]
MILITARY_AUTHORITY [~MIL]
DEPARMENT_OF_ENVIRONMENT [~ENV}
"""


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_load_dictionary_reads_petrarch_actors(tmp_path: Path) -> None:
    dictionary = load_dictionary(_write(tmp_path, "a.actors.txt", PETR_ACTORS))
    entries = {entry.name: entry for entry in dictionary.actors}
    assert entries["Arnor"].aliases == ("arnor", "arnorian")
    assert entries["Gollum"].aliases == ("gollum", "smeagol")
    assert entries["Gollum"].code_at(dt.date(1997, 1, 1)) == ("HOB.GOV", None)
    assert entries["Gollum"].code_at(dt.date(2001, 1, 1)) == ("HOB.REB", None)
    assert entries["Lorien"].code_at(None) == ("ELR", None)
    assert entries["Boromir"].code_at(None) == (None, "null_code")
    assert entries["Ent"].code_at(None) == ("ENT", None)
    assert entries["Elrond"].code_at(dt.date(1997, 1, 1)) == ("ELF.GOV", None)
    # a codeless primary shares the codes of the record chained to it (PETRARCH semantics)
    assert entries["Gandalf"].aliases == ("gandalf", "mithrandir", "wizard council")
    assert entries["Onodoher"].code_at(dt.date(2000, 1, 1)) == (None, "role_out_of_date")
    assert "Lonely Name" not in entries  # codeless and followed by a blank line: skipped


def test_load_dictionary_reads_petrarch_agents(tmp_path: Path) -> None:
    dictionary = load_dictionary(_write(tmp_path, "a.agents.txt", PETR_AGENTS))
    agents = {agent.pattern: agent.sector for agent in dictionary.agents}
    assert agents["congressman"] == agents["congresswoman"] == "LEG"
    assert "congressmans" not in agents  # substituted forms get no plural
    assert agents["foreign ministry"] == "GOV"
    assert agents["police"] == "POL" and "polices" not in agents
    assert agents["attorneys general"] == "GOV"
    assert agents["human rights bodies"] == "NGO"
    assert agents["military authorities"] == "MIL"
    assert agents["deparment of environment"] == "NGO"  # "[~ENV}" typo tolerated
    assert not any("silly" in pattern for pattern in agents)  # !MINIST! is undefined: skipped


@pytest.mark.parametrize(
    ("text", "code", "line"),
    [
        ("ARNOR [ARN\n", "E203", 1),
        ("ARNOR [A$N]\n", "E203", 1),
        ("ARNOR\n\t[ARNGOV 990101-980101]\n", "E204", 2),
        ("ARNOR\n\t[ARNGOV >9901]\n", "E204", 2),
        ("ARNOR\n\t[ARNGOV 991301-991401]\n", "E204", 2),
        ("+ARNORIAN\nARNOR [ARN]\n", "E205", 1),
        ("\t[ARN]\nARNOR [ARN]\n", "E205", 1),
    ],
)
def test_load_dictionary_rejects_malformed_actors(tmp_path: Path, text: str, code: str, line: int) -> None:
    path = _write(tmp_path, "bad.actors.txt", "# header\n" + text + "GONDOR [GON]\n")
    with pytest.raises(DictionaryError) as info:
        load_dictionary(path, kind="actors")
    assert info.value.code == code
    assert f"line {line + 1}:" in str(info.value)
    assert "strict=False" in str(info.value)


def test_load_dictionary_lenient_skips_bad_lines(tmp_path: Path) -> None:
    path = _write(tmp_path, "bad.actors.txt", "ARNOR\n\t[ARNGOV >9901]\n\t[ARN]\nGONDOR [GON]\n")
    dictionary = load_dictionary(path, strict=False)
    assert [(e.name, e.roles) for e in dictionary.actors] == [("Arnor", (Role("ARN"),)), ("Gondor", (Role("GON"),))]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("!PERSON! = MAN\nCONGRESS!PERSON! [~LEG]\nPOLICE\n", "E206"),
        ("!PERSON! = MAN\nPOLICE [GOV]\nARMY [~MIL]\nNAVY [~MIL]\n", "E206"),
        ("!PERSON = MAN\nARMY [~MIL]\n", "E208"),
    ],
)
def test_load_dictionary_rejects_malformed_agents(tmp_path: Path, text: str, code: str) -> None:
    with pytest.raises(DictionaryError) as info:
        load_dictionary(_write(tmp_path, "bad.agents.txt", text), kind="agents")
    assert info.value.code == code


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("# annales actors v1\nperson\tX\n", "E207"),
        ("# annales actors v1\nperson\tX\tUSA.GOV@2013-13-01/\tx\n", "E207"),
        ("# annales actors v1\nplanet\tX\tUSA\tx\n", "E207"),
        ("# annales agents v1\nrebels\tREB\textra\n", "E207"),
        ("nothing to see here\n", "E202"),
    ],
)
def test_load_dictionary_rejects_malformed_tsv(tmp_path: Path, text: str, code: str) -> None:
    with pytest.raises(DictionaryError) as info:
        load_dictionary(_write(tmp_path, "bad.tsv", text))
    assert info.value.code == code


def test_load_dictionary_missing_file_raises(tmp_path: Path) -> None:
    with pytest.raises(DictionaryError) as info:
        load_dictionary(tmp_path / "absent.txt")
    assert info.value.code == "E201"


def test_load_dictionary_reads_our_tsv(tmp_path: Path) -> None:
    text = "# annales actors v1\nkind\tname\troles\taliases\nperson\tJane Roe\tGBR.GOV@2020-01-01/\tMs. Roe|J. Roe\n"
    [entry] = load_dictionary(_write(tmp_path, "mine.tsv", text)).actors
    assert entry.aliases == ("jane roe", "ms roe", "j roe")
    assert entry.code_at(dt.date(2021, 1, 1)) == ("GBR.GOV", None)


def test_load_dictionary_reads_petr_validate_files(shared_dir: Path) -> None:
    actors = load_dictionary(shared_dir / "data" / "cameo" / "PETR.Validate.actors.txt")
    agents = load_dictionary(shared_dir / "data" / "cameo" / "PETR.Validate.agents.txt")
    names = {entry.name: entry for entry in actors.actors}
    assert names["Sam Gamgee"].code_at(dt.date(2010, 1, 10)) == ("ORC.HOB", None)  # overrides HOBMIL
    assert names["Sam Gamgee"].code_at(dt.date(2014, 1, 1)) == ("HOB.ELI", None)
    assert {agent.pattern for agent in agents.agents} >= {"foreign minister", "congressmen"}


@pytest.mark.parametrize(
    ("word", "plural"),
    [
        ("MINISTER", "MINISTERS"),
        ("AUTHORITY", "AUTHORITIES"),
        ("BOSS", "BOSSES"),
        ("DAY", "DAYS"),
        ("church", "churches"),
    ],
)
def test_regular_plural(word: str, plural: str) -> None:
    assert regular_plural(word) == plural


_dates = st.one_of(st.none(), st.dates(min_value=dt.date(1800, 1, 1), max_value=dt.date(2100, 1, 1)))
_roles = st.builds(Role, st.one_of(st.none(), st.sampled_from(["USA", "USA.GOV", "NATO", "MOR.ORC"])), _dates, _dates)


@given(st.lists(_roles, min_size=1, max_size=5))
def test_roles_cell_round_trips(roles: list[Role]) -> None:
    cell = format_roles_cell(tuple(roles))
    assert parse_roles_cell(cell) == tuple(roles)
