"""`annales events`, `annales event` and `annales export` on a store written by hand."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from annales.cli.main import cli
from annales.records import Actor, Article, Event, Sentence
from annales.store.export import FLAT_COLUMNS
from annales.store.store import Store


def _article(index: int, actor: str, recipient: str, kind: str, date: dt.date) -> Article:
    text = f"{actor} officials chose to {kind.lower()} {recipient} today."
    start = text.index(kind.lower())
    event = Event(
        event_id=f"e{index}", doc_id=f"d{index}", sentence_index=0, sentence=text, span=(start, start + len(kind)),
        actor=Actor(actor, f"{actor}.GOV", actor, "GOV", actor),
        recipient=Actor(recipient, recipient, recipient, None, recipient),
        type=kind, mode=None, contexts=(), cameo="040", goldstein=1.0, quad=1, status="occurred", negated=False,
        confidence=0.9, published=date, date=date,
    )  # fmt: skip
    return Article(
        doc_id=f"d{index}", uri=f"file:///d{index}", format="text", text=text, title=f"Story {index}",
        published=date, source="Wire", sentences=[Sentence(0, 0, len(text), text)], events=[event],
    )  # fmt: skip


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("cli") / "events.duckdb"
    with Store(path) as store:
        store.write(
            [
                _article(1, "USA", "RUS", "CONSULT", dt.date(2014, 3, 3)),
                _article(2, "RUS", "USA", "ACCUSE", dt.date(2014, 4, 3)),
                _article(3, "USA", "UKR", "AID", dt.date(2015, 1, 1)),
            ],
            run_id="test",
        )
    return str(path)


def _run(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def test_events_table_lists_events(db: str) -> None:
    output = _run("events", "--db", db)
    assert output.splitlines()[0].startswith("date")
    assert sum(line.startswith("20") for line in output.splitlines()) == 3


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--dyad", "USA-RUS"], ["e1"]),
        (["--actor", "USA"], ["e1", "e3"]),
        (["--recipient", "USA"], ["e2"]),
        (["--type", "AID"], ["e3"]),
        (["--since", "2014-04-01", "--until", "2014-12-31"], ["e2"]),
        (["--limit", "1"], ["e1"]),
    ],
)
def test_events_jsonl_filters(db: str, args: list[str], expected: list[str]) -> None:
    rows = [json.loads(line) for line in _run("events", "--db", db, "--format", "jsonl", *args).splitlines()]
    assert [row["event_id"] for row in rows] == expected


def test_events_csv_to_file(db: str, tmp_path: Path) -> None:
    out = tmp_path / "events.csv"
    _run("events", "--db", db, "--format", "csv", "--out", str(out))
    frame = pd.read_csv(out)
    assert list(frame.columns) == list(FLAT_COLUMNS) and len(frame) == 3


def test_events_parquet_needs_out(db: str) -> None:
    result = CliRunner().invoke(cli, ["events", "--db", db, "--format", "parquet"])
    assert result.exit_code != 0
    assert "--out" in result.output


def test_events_bad_dyad_is_an_error(db: str) -> None:
    result = CliRunner().invoke(cli, ["events", "--db", db, "--dyad", "USA"])
    assert result.exit_code != 0


def test_event_shows_mentions_with_span(db: str) -> None:
    output = _run("event", "--db", db, "e1")
    assert "[consult]" in output and "Story 1" in output and "published 2014-03-03" in output
    detail = json.loads(_run("event", "--db", db, "e1", "--json"))
    assert detail["event"]["event_id"] == "e1" and len(detail["mentions"]) == 1


def test_event_unknown_id_fails(db: str) -> None:
    result = CliRunner().invoke(cli, ["event", "--db", db, "nope"])
    assert result.exit_code != 0
    assert "nope" in result.output


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "gdelt", "plover"])
def test_export_formats_to_stdout(db: str, fmt: str) -> None:
    output = _run("export", "--db", db, "--format", fmt, "--actor", "USA")
    assert len(output.splitlines()) == 2 + (1 if fmt == "csv" else 0)


def test_export_parquet_file(db: str, tmp_path: Path) -> None:
    out = tmp_path / "e.parquet"
    _run("export", "--db", db, "--format", "parquet", "--out", str(out))
    assert len(pd.read_parquet(out)) == 3


@pytest.mark.parametrize("name", ["events", "event", "export", "serve"])
def test_command_help_has_example(name: str) -> None:
    assert "Example:" in _run(name, "--help")


def test_commands_leave_store_unchanged(db: str) -> None:
    before = Path(db).read_bytes()
    _run("events", "--db", db)
    _run("export", "--db", db, "--format", "gdelt")
    assert Path(db).read_bytes() == before
