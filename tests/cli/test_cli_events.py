"""`annales events`, `event` and `export` as a researcher types them all day (issue 15 §4, issue 11 §5)."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from click.testing import CliRunner, Result

from annales import codes
from annales.cli.main import cli
from annales.pipeline.aggregate.finalize import FinalizeOptions, finalize
from annales.records import Actor, Article, Event, Sentence
from annales.store.store import Store

# (event id, actor, recipient, type, date, confidence); e1 and e1b report the same meeting.
EVENTS = [
    ("e1", "USA", "RUS", "CONSULT", dt.date(2014, 3, 3), 0.9),
    ("e1b", "USA", "RUS", "CONSULT", dt.date(2014, 3, 3), 0.8),
    ("e2", "RUS", "USA", "ACCUSE", dt.date(2014, 4, 3), 0.5),
    ("e3-kyiv", "USA", "UKR", "AID", dt.date(2015, 1, 1), 0.7),
    ("e3-kyiv-reply", "UKR", "USA", "REQUEST", None, 0.6),  # ids sharing a prefix: "me3-ky" is ambiguous
]


def _article(event_id: str, actor: str, recipient: str, kind: str, date: dt.date | None, confidence: float) -> Article:
    text = f"{actor} officials chose to {kind.lower()} {recipient} officials, the {event_id} wire said."
    start = text.index(kind.lower())
    event = Event(
        event_id=event_id, doc_id=f"d{event_id}", sentence_index=0, sentence=text, span=(start, start + len(kind)),
        actor=Actor(actor, f"{actor}.GOV", actor, "GOV", actor),
        recipient=Actor(recipient, f"{recipient}.GOV", recipient, "GOV", recipient), type=kind, mode=None,
        contexts=(), cameo="040", goldstein=1.0, quad=1, status="occurred", negated=False, confidence=confidence,
        published=date, date=date,
    )  # fmt: skip
    return Article(doc_id=f"d{event_id}", uri=f"d{event_id}.txt", format="text", text=text, published=date,
                   sentences=[Sentence(0, 0, len(text), text)], events=[event])  # fmt: skip


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("cli") / "events.duckdb"
    with Store(path) as store:
        store.write([_article(*row) for row in EVENTS], run_id="test")
        finalize(store, FinalizeOptions(lend_dates=False), run_id="test")
    return str(path)


def _invoke(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def _ids(db: str, *args: str) -> list[str]:
    result = _invoke("events", "--db", db, "--format", "jsonl", *args)
    assert result.exit_code == 0, result.output
    return [json.loads(line)["event_id"] for line in result.stdout.splitlines()]


def _kinds(db: str, *args: str) -> list[str]:
    result = _invoke("events", "--db", db, "--format", "jsonl", *args)
    assert result.exit_code == 0, result.output
    return sorted(json.loads(line)["type"] for line in result.stdout.splitlines())


@pytest.mark.parametrize(
    ("args", "kinds"),
    [
        (["--dyad", "USA-RUS"], ["CONSULT"]),
        (["--dyad", "USA-RUS", "--both"], ["ACCUSE", "CONSULT"]),
        (["--dyad", "RUS-USA", "--both"], ["ACCUSE", "CONSULT"]),
        (["--actor", "USA", "--recipient", "RUS", "--both"], ["ACCUSE", "CONSULT"]),
        (["--actor", "UKR"], ["REQUEST"]),
        (["--actor", "UKR", "--both"], ["AID", "REQUEST"]),
        (["--recipient", "UKR", "--both"], ["AID", "REQUEST"]),
    ],
)
def test_events_both_means_either_direction(db: str, args: list[str], kinds: list[str]) -> None:
    assert _kinds(db, *args) == kinds


@pytest.mark.parametrize("given", ["consult", "Consult", "CONSULT"])
def test_events_type_is_case_insensitive(db: str, given: str) -> None:
    assert _kinds(db, "--type", given) == ["CONSULT"]


@pytest.mark.parametrize(("given", "suggestion"), [("consul", "CONSULT"), ("attack", "ASSAULT"), ("acuse", "ACCUSE")])
def test_events_unknown_type_fails_with_a_suggestion(db: str, given: str, suggestion: str) -> None:
    result = _invoke("events", "--db", db, "--type", given)
    assert result.exit_code == 2
    assert f"did you mean {suggestion}" in result.output and "not a PLOVER event type" in result.output


def test_events_min_confidence_filters(db: str) -> None:
    assert _kinds(db, "--min-confidence", "0.65") == ["AID", "CONSULT"]
    assert len(_kinds(db, "--min-confidence", "0")) == 4


@pytest.mark.parametrize("bad", ["1.5", "-0.1", "nan", "high"])
def test_events_min_confidence_outside_0_1_is_refused(db: str, bad: str) -> None:
    result = _invoke("events", "--db", db, "--min-confidence", bad)
    assert result.exit_code != 0


def test_events_default_min_confidence_comes_from_the_constant(db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(codes, "DEFAULT_MIN_CONFIDENCE", 0.75)
    assert _kinds(db) == ["CONSULT"]
    assert len(_kinds(db, "--min-confidence", "0")) == 4  # 0 keeps every event, whatever the default


def test_export_min_confidence_and_both(db: str) -> None:
    result = _invoke("export", "--db", db, "--format", "jsonl", "--dyad", "RUS-USA", "--both", "--min-confidence",
                     "0.6")  # fmt: skip
    assert [json.loads(line)["type"] for line in result.stdout.splitlines()] == ["CONSULT"]


def test_events_table_says_how_many_match_and_shows_full_ids(db: str) -> None:
    result = _invoke("events", "--db", db, "--limit", "2")
    assert result.exit_code == 0, result.output
    assert "showing 2 of 4 events" in result.stderr
    table_ids = [line.split()[1] for line in result.stdout.splitlines()[2:]]  # below the header and its rule
    assert table_ids == _ids(db, "--limit", "2")
    for event_id in table_ids:  # every id in the table is one `annales event` accepts
        assert _invoke("event", "--db", db, event_id).exit_code == 0


def test_events_table_without_limit_counts_all(db: str) -> None:
    result = _invoke("events", "--db", db)
    assert result.stderr.strip() == "4 events"


def test_events_table_says_how_many_the_minimum_confidence_left_out(db: str) -> None:
    every = len(_kinds(db, "--min-confidence", "0"))
    kept = len(_kinds(db, "--min-confidence", "0.65"))
    assert 0 < kept < every
    result = _invoke("events", "--db", db, "--min-confidence", "0.65")
    assert result.stderr.strip() == (
        f"{kept} events; {every - kept} more below --min-confidence 0.65 (--min-confidence 0 lists them)"
    )
    assert _invoke("events", "--db", db, "--min-confidence", "0").stderr.strip() == f"{every} events"


def test_event_accepts_a_mention_id_and_a_unique_prefix(db: str) -> None:
    (merged,) = _ids(db, "--type", "CONSULT")
    assert merged != "e1"  # the two reports were merged into one real-world event
    by_mention = _invoke("event", "--db", db, "e1b", "--json")
    assert json.loads(by_mention.stdout)["event"]["event_id"] == merged
    assert len(json.loads(by_mention.stdout)["mentions"]) == 2
    by_prefix = _invoke("event", "--db", db, merged[:8], "--json")
    assert json.loads(by_prefix.stdout)["event"]["event_id"] == merged


def test_event_ambiguous_prefix_lists_candidates(db: str) -> None:
    result = _invoke("event", "--db", db, "me3-ky")
    assert result.exit_code == 1
    assert "it could be me3-kyiv, me3-kyiv-reply" in result.output


def test_event_unknown_id_points_to_the_listing(db: str) -> None:
    result = _invoke("event", "--db", db, "zzzzzz")
    assert result.exit_code == 1 and "annales events --db" in result.output


def test_export_says_how_many_undated_events_gdelt_leaves_out(db: str, tmp_path: pytest.TempPathFactory) -> None:
    result = _invoke("export", "--db", db, "--format", "gdelt")
    assert result.exit_code == 0
    assert len(result.stdout.splitlines()) == 3
    assert "left out 1 undated event(s): gdelt needs a date" in result.stderr
