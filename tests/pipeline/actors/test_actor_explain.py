"""`explain_name` and `annales actors lookup`: how a name resolves on a date, and why (issue 12)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from annales.cli.main import cli
from annales.pipeline.actors import ActorTable, ResolveOptions
from annales.pipeline.actors.dictionary import read_actor_tsv
from annales.pipeline.actors.explain import explain_name, phrase_sentence
from annales.pipeline.actors.model import ActorDictionary

CLASH = [
    "person\tBoromir Senior\tGON.GOV@2000-01-01/2009-12-31\tBoromir|Lord Boromir",
    "person\tBoromir Junior\tGON.MIL@2005-01-01/2008-12-31;GON.GOV@2010-01-01/\tBoromir",
]


@pytest.fixture(scope="module")
def clash_table(tiny_table: ActorTable) -> ActorTable:
    return tiny_table.with_user(ActorDictionary("clash.tsv", actors=tuple(read_actor_tsv(CLASH))))


def test_explain_alias_names_entry_role_and_layer(tiny_table: ActorTable) -> None:
    explanation = explain_name(tiny_table, "Aragorn Elessar", as_of=dt.date(2012, 1, 1))
    assert (explanation.match, explanation.alias, explanation.code) == ("alias", "aragorn elessar", "GON.GOV")
    [entry] = explanation.entries
    assert (entry.name, entry.kind, entry.source, entry.chosen) == ("Aragorn Elessar", "person", "tiny", True)
    assert [(role.code, role.applies) for role in entry.roles] == [("GON.REB", False), ("GON.GOV", True)]
    assert "GON.GOV 2010-01-01 to open covers 2012-01-01" in explanation.why


def test_explain_coming_office_holder(tiny_table: ActorTable) -> None:
    # Faramir Steward becomes GON.MIL on 2001-01-01: half a year before, he is already Gondor's elite
    explanation = explain_name(tiny_table, "Faramir Steward", as_of=dt.date(2000, 6, 1))
    assert (explanation.code, explanation.reason) == ("GON.ELI", None)
    assert "office comes within a year" in explanation.why
    early = explain_name(tiny_table, "Faramir Steward", as_of=dt.date(1998, 6, 1))
    assert (early.code, early.reason) == (None, "role_out_of_date")


def test_explain_former_office_holder(tiny_table: ActorTable) -> None:
    explanation = explain_name(tiny_table, "Faramir Steward", as_of=dt.date(2012, 1, 1))
    assert (explanation.code, explanation.reason) == ("GON.ELI", None)
    assert "former office-holder" in explanation.why
    kept = explain_name(
        tiny_table, "Faramir Steward", as_of=dt.date(2012, 1, 1), options=ResolveOptions(former="unresolved")
    )
    assert (kept.code, kept.reason) == (None, "role_out_of_date")


@pytest.mark.parametrize(
    ("day", "chosen", "code"),
    [
        (2003, "Boromir Senior", "GON.GOV"),
        (2006, "Boromir Junior", "GON.MIL"),  # both in office: the role that began last wins
        (2009, "Boromir Senior", "GON.GOV"),
        (2015, "Boromir Junior", "GON.GOV"),
    ],
)
def test_explain_shared_name_lists_everyone_and_the_date_picks(
    clash_table: ActorTable, day: int, chosen: str, code: str
) -> None:
    explanation = explain_name(clash_table, "Boromir", as_of=dt.date(day, 6, 1))
    assert [entry.name for entry in explanation.entries] == ["Boromir Senior", "Boromir Junior"]
    assert [entry.name for entry in explanation.entries if entry.chosen] == [chosen]
    assert explanation.code == code
    assert "2 people share it" in explanation.why
    assert {entry.source for entry in explanation.entries} == {"clash.tsv"}


def test_explain_shared_name_before_anyone_held_office(clash_table: ActorTable) -> None:
    explanation = explain_name(clash_table, "Boromir", as_of=dt.date(1995, 6, 1))
    assert [e.name for e in explanation.entries if e.chosen] == ["Boromir Junior"]  # the last one loaded
    assert (explanation.code, explanation.reason) == (None, "role_out_of_date")


def test_explain_agent_gives_its_sector(tiny_table: ActorTable) -> None:
    explanation = explain_name(tiny_table, "rebels")
    assert (explanation.match, explanation.code, explanation.reason) == ("agent", None, "no_country_context")
    assert "sector REB" in explanation.why


@pytest.mark.parametrize(
    ("phrase", "code"),
    [("Gondorian rebels", "GON.REB"), ("Gondor's foreign minister", "GON.GOV"), ("the Orc Band", "MOR.REB")],
)
def test_explain_phrase_resolves_like_a_text(tiny_table: ActorTable, phrase: str, code: str) -> None:
    explanation = explain_name(tiny_table, phrase, as_of=dt.date(2012, 1, 1))
    assert explanation.code == code


def test_explain_unknown_phrase_says_so(tiny_table: ActorTable) -> None:
    explanation = explain_name(tiny_table, "Frodo Baggins", as_of=dt.date(2012, 1, 1))
    assert (explanation.match, explanation.code) == ("phrase", None)
    assert "no entry or agent" in explanation.why


def test_explain_phrase_sentence_splits_possessives_only() -> None:
    sent = phrase_sentence("Russia's envoy met Ta'ang rebels in the U.S.")
    assert [tok.text for tok in sent.tokens] == [
        "Russia",
        "'s",
        "envoy",
        "met",
        "Ta'ang",
        "rebels",
        "in",
        "the",
        "U.S.",
    ]
    assert all(sent.text[tok.idx : tok.idx + len(tok.text)] == tok.text for tok in sent.tokens)


def test_explain_as_dict_is_json(tiny_table: ActorTable) -> None:
    data = explain_name(tiny_table, "Aragorn Elessar", as_of=dt.date(2012, 1, 1)).as_dict()
    assert json.loads(json.dumps(data))["entries"][0]["roles"][1] == {
        "code": "GON.GOV",
        "start": "2010-01-01",
        "end": None,
        "applies": True,
    }


def test_actors_lookup_cli_text_and_json() -> None:
    result = CliRunner().invoke(cli, ["actors", "lookup", "Taliban", "--date", "2021-08-10"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("'Taliban' on 2021-08-10: AFG.INS")
    assert "-> AFG.INS" in result.output
    result = CliRunner().invoke(cli, ["actors", "lookup", "Taliban", "--date", "2021-08-16", "--format", "json"])
    assert json.loads(result.output)["code"] == "AFG.GOV"


def test_actors_lookup_cli_user_dictionary_layer(tmp_path: Path) -> None:
    path = tmp_path / "mine.tsv"
    path.write_text("# annales actors v1\nkind\tname\troles\taliases\nperson\tJane Roe\tKEN.LEG@2022-09-01/\tRoe\n")
    result = CliRunner().invoke(cli, ["actors", "lookup", "Roe", "--date", "2024-01-01", "--dictionary", str(path)])
    assert result.exit_code == 0, result.output
    assert ": KEN.LEG" in result.output.splitlines()[0]
    assert f"Jane Roe (person, {path})" in result.output


def test_actors_lookup_cli_rejects_bad_date() -> None:
    result = CliRunner().invoke(cli, ["actors", "lookup", "Taliban", "--date", "August 2021"])
    assert result.exit_code != 0
    assert "YYYY-MM-DD" in result.output
