"""`unresolved_names` and `annales actors unresolved`: what a store left unresolved (issue 12)."""

from __future__ import annotations

import datetime as dt
import itertools
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from annales.cli.main import cli
from annales.pipeline.actors import load_dictionary
from annales.pipeline.actors.unresolved import (
    guess_kind,
    name_key,
    unresolved_in_document,
    unresolved_names,
    user_dictionary_tsv,
)
from annales.records import Actor, Article, Event, Sentence
from annales.store.store import Store

REPO = Path(__file__).resolve().parents[3]


def _article(doc: str, text: str, mentions: list[tuple[str, str | None, str | None]]) -> Article:
    actors = []
    for surface, code, reason in mentions:
        start = text.index(surface)
        country = code.split(".")[0] if code else None
        actors.append(Actor(surface, code, country, None, None, start, start + len(surface), reason))
    return Article(
        doc_id=doc, uri=f"file:///{doc}", format="text", text=text, published=dt.date(2024, 1, 1),
        sentences=[Sentence(0, 0, len(text), text)], mentions=actors,
    )  # fmt: skip


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("unresolved") / "news.duckdb"
    unknown, old, regional = "unknown_name", "role_out_of_date", "regional_modifier"
    articles = [
        _article(
            "d1", "The RSF shelled El Fasher, said Abu Shotal.", [("RSF", None, unknown), ("Abu Shotal", None, unknown)]
        ),
        _article(
            "d2",
            "RSF's fighters and the RSF leadership met Abu Shotal.",
            [("RSF's", None, unknown), ("RSF", None, unknown), ("Abu Shotal", None, unknown)],
        ),
        _article("d3", "The RSF denied it, Kenya said.", [("RSF", None, unknown), ("Kenya", "KEN", None)]),
        _article(
            "d4",
            "Old Hand spoke; European diplomats agreed.",
            [("Old Hand", None, old), ("European diplomats", None, regional)],
        ),
    ]
    with Store(path) as store:
        store.write(articles, run_id="test")
    return str(path)


def test_unresolved_names_groups_forms_counts_documents(db: str) -> None:
    with Store(db, read_only=True) as store:
        names = unresolved_names(store.con)
    assert [(n.name, n.key, n.count, n.documents) for n in names] == [
        ("RSF", "rsf", 4, 3),
        ("Abu Shotal", "abu shotal", 2, 2),
        ("Old Hand", "old hand", 1, 1),
    ]
    rsf = names[0]
    assert rsf.forms == {"RSF": 3, "RSF's": 1}
    assert (rsf.example_doc, rsf.example) == ("d1", "The RSF shelled El Fasher, said Abu Shotal.")
    assert rsf.reasons == {"unknown_name": 4}
    assert names[2].reasons == {"role_out_of_date": 1}


def test_unresolved_names_filters(db: str) -> None:
    with Store(db, read_only=True) as store:
        assert [n.name for n in unresolved_names(store.con, limit=1)] == ["RSF"]
        assert [n.name for n in unresolved_names(store.con, min_count=2)] == ["RSF", "Abu Shotal"]
        assert [n.name for n in unresolved_names(store.con, reasons=("regional_modifier",))] == ["European diplomats"]
        assert unresolved_names(store.con, reasons=()) == []


def test_unresolved_user_dictionary_tsv_loads(db: str, tmp_path: Path) -> None:
    with Store(db, read_only=True) as store:
        text = user_dictionary_tsv(unresolved_names(store.con), source="news.duckdb")
    assert "# 4 mentions in 3 documents (unknown_name 4); e.g. The RSF shelled El Fasher" in text
    path = tmp_path / "todo.tsv"
    path.write_text(text, encoding="utf-8")
    entries = {entry.name: entry for entry in load_dictionary(path).actors}
    assert set(entries) == {"RSF", "Abu Shotal", "Old Hand"}
    assert entries["Old Hand"].kind == "person"
    assert entries["RSF"].code_at(None) == (None, "null_code")  # '-' until the user fills it in
    filled = path.read_text().replace("org\tRSF\t-", "group\tRSF\tSDN.REB@2023-04-15/")
    path.write_text(filled, encoding="utf-8")
    rsf = next(e for e in load_dictionary(path).actors if e.name == "RSF")
    assert rsf.code_at(dt.date(2024, 1, 1)) == ("SDN.REB", None)


@pytest.mark.parametrize(
    ("text", "reason", "kind"),
    [
        ("Abu Shotal", "unknown_name", "person"),
        ("Old Hand", "role_out_of_date", "person"),
        ("Sudan Liberation Army", "unknown_name", "group"),
        ("Ministry of Finance", "unknown_name", "org"),
        ("KCNA", "unknown_name", "org"),
        ("Typhoon Haiyan", "unknown_name", "other"),
        ("European", "unknown_name", "other"),
    ],
)
def test_unresolved_guess_kind(text: str, reason: str, kind: str) -> None:
    assert guess_kind(text, reason) == kind


def test_unresolved_name_key_drops_article_and_possessive() -> None:
    assert name_key("the RSF's") == name_key("RSF") == "rsf"


@pytest.mark.parametrize("fmt", ["table", "jsonl", "csv", "tsv"])
def test_actors_unresolved_cli_formats(db: str, fmt: str) -> None:
    result = CliRunner().invoke(cli, ["actors", "unresolved", "--db", db, "--format", fmt])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    if fmt == "jsonl":
        assert [json.loads(line)["name"] for line in lines] == ["RSF", "Abu Shotal", "Old Hand"]
    elif fmt == "csv":
        assert lines[0] == "name,count,documents,reasons,kind,example"
        assert lines[1].startswith("RSF,4,3,unknown_name=4,")
    elif fmt == "tsv":
        assert lines[0].startswith("# annales actors v1")
        assert lines[1] == "kind\tname\troles\taliases"
    else:
        assert lines[0].split() == ["name", "count", "docs", "kind", "example"]
        assert lines[1].split()[:3] == ["RSF", "4", "3"]


def test_actors_unresolved_cli_missing_store_fails_clearly(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["actors", "unresolved", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code != 0


@pytest.mark.slow
def test_actors_commands_on_a_real_store(tmp_path: Path) -> None:
    db = str(tmp_path / "news.duckdb")
    run = CliRunner().invoke(cli, ["run", str(REPO / "examples" / "news"), "--db", db, "--workers", "1"])
    assert run.exit_code == 0, run.output
    with Store(db, read_only=True) as store:
        unresolved = store.count("actor_mentions", "WHERE code IS NULL AND reason = 'unknown_name'")
    result = CliRunner().invoke(cli, ["actors", "unresolved", "--db", db, "--format", "jsonl", "--limit", "1000"])
    assert result.exit_code == 0, result.output
    names = [json.loads(line) for line in result.output.splitlines()]
    assert names and sum(name["reasons"].get("unknown_name", 0) for name in names) == unresolved
    assert all(name["example"] for name in names)
    top = names[0]["name"]
    lookup = CliRunner().invoke(cli, ["actors", "lookup", top, "--date", "2016-01-01", "--format", "json"])
    assert lookup.exit_code == 0, lookup.output
    assert json.loads(lookup.output)["code"] is None  # what the store left unresolved, lookup cannot code either


def test_unresolved_in_document_lists_mentions_and_blocked_events(tmp_path: Path) -> None:
    text = "Kenya accused Abu Shotal. Kenya met Uganda."
    article = _article("d9", text, [("Kenya", "KEN", None), ("Abu Shotal", None, "unknown_name")])
    article.sentences = [Sentence(0, 0, 25, text[:25]), Sentence(1, 26, len(text), text[26:])]

    def event(event_id: str, sent: int, recipient: Actor | None) -> Event:
        return Event(
            event_id=event_id, doc_id="d9", sentence_index=sent, sentence=article.sentences[sent].text, span=(0, 5),
            actor=Actor("Kenya", "KEN", "KEN", None, "Kenya"), recipient=recipient, type="ACCUSE", mode=None,
            contexts=(), cameo="112", goldstein=-2.0, quad=3, status="occurred", negated=False, confidence=0.9,
            published=dt.date(2024, 1, 1), date=dt.date(2024, 1, 1),
        )  # fmt: skip

    article.events = [event("e1", 0, None), event("e2", 1, Actor("Uganda", "UGA", "UGA", None, "Uganda"))]
    with Store(tmp_path / "one.duckdb") as store:
        store.write([article], run_id="test")
        [mention] = unresolved_in_document(store.con, "d9")
        assert unresolved_in_document(store.con, "nope") == []
    assert (mention.sent_index, mention.text, mention.reason, mention.events) == (
        0,
        "Abu Shotal",
        "unknown_name",
        ("e1",),
    )
    assert text[mention.start : mention.end] == "Abu Shotal"


def test_unresolved_grouping_does_not_depend_on_row_order() -> None:
    # the store returns rows in no fixed order: the name, kind and example are decided on the group
    from annales.pipeline.actors.unresolved import _group

    rows = [
        ("the RSF", "unknown_name", 1, "The RSF shelled a town.", "d2"),
        ("RSF", "unknown_name", 3, "RSF fighters entered the city.", "d1"),
        ("RSF", "unknown_name", 1, "A later RSF raid.", "d1"),
    ]
    outcomes = set()
    for order in itertools.permutations(rows):
        (name,) = _group(order).values()
        outcomes.add((name.name, name.kind, name.example, name.example_doc))
    assert outcomes == {("RSF", "org", "A later RSF raid.", "d1")}
