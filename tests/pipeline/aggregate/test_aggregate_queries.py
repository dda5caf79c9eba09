"""Story queries and the `annales stories` command."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from tests.pipeline.aggregate._records import article, event

from annales.cli.stories import command
from annales.pipeline.aggregate import finalize
from annales.pipeline.aggregate.queries import list_stories, story_documents
from annales.store.store import Store

FEB = dt.date(2013, 2, 2)
JUL = dt.date(2016, 7, 11)
BODY = "Vice President Joe Biden met Foreign Minister Sergei Lavrov at the Munich Security Conference."
OTHER = "Secretary John Kerry will travel to Moscow for talks with Vladimir Putin on Ukraine and Nagorno-Karabakh."


def _fill(store: Store) -> None:
    docs = [
        article("a", BODY, published=FEB, source="DW", title="Biden meets Lavrov in Munich",
                events=[event("a", 0, BODY, date=FEB)]),
        article("b", BODY.replace("met", "held talks with"), published=FEB, source="Reuters", title="US, Russia talk",
                events=[event("b", 0, BODY, date=FEB)]),
        article("c", OTHER, published=JUL, source="RFE/RL", title="Kerry to visit Moscow"),
    ]  # fmt: skip
    store.write(docs, run_id="r1")
    finalize(store, run_id="r1")


def test_list_stories_largest_first_with_sources() -> None:
    store = Store(":memory:")
    _fill(store)
    rows = list_stories(store)
    assert [(r.n_documents, r.date_start, r.sources) for r in rows] == [
        (2, FEB, ("DW", "Reuters")),
        (1, JUL, ("RFE/RL",)),
    ]
    assert (rows[0].n_events, rows[0].n_mentions, rows[0].n_clusters) == (1, 2, 2)  # one meeting, two reports
    assert [d[0] for d in story_documents(store, rows[0].story_id)] == ["a", "b"]


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [({"since": dt.date(2014, 1, 1)}, [1]), ({"until": dt.date(2014, 1, 1)}, [2]), ({"min_documents": 2}, [2]),
     ({"limit": 1}, [2])],
)  # fmt: skip
def test_list_stories_filters(kwargs: dict[str, object], expected: list[int]) -> None:
    store = Store(":memory:")
    _fill(store)
    assert [r.n_documents for r in list_stories(store, **kwargs)] == expected  # type: ignore[arg-type]


@pytest.mark.parametrize("fmt", ["table", "jsonl", "csv"])
def test_stories_command_prints_each_format(tmp_path: Path, fmt: str) -> None:
    db = tmp_path / "s.duckdb"
    with Store(db) as store:
        _fill(store)
    result = CliRunner().invoke(command, ["--db", str(db), "--format", fmt])
    assert result.exit_code == 0, result.output
    if fmt == "jsonl":
        rows = [json.loads(line) for line in result.output.splitlines()]
        assert [r["n_documents"] for r in rows] == [2, 1] and rows[0]["date_start"] == "2013-02-02"
    elif fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(result.output)))
        assert [r["sources"] for r in rows] == ["DW;Reuters", "RFE/RL"]
    else:
        assert result.output.splitlines()[0].startswith("story_id") and "Biden meets Lavrov" in result.output


def test_stories_command_help_has_an_example() -> None:
    result = CliRunner().invoke(command, ["--help"])
    assert result.exit_code == 0 and "Example" in result.output
