"""A feed repeating one article loses nothing; `--reprocess` repairs, is idempotent and kill-safe (issue 14)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from annales.cli.main import cli
from annales.cli.run import run
from annales.store import Store

pytestmark = pytest.mark.slow

WIRE = {
    "url": "https://wire.example.com/world/1",
    "title": "Kerry and Lavrov meet in Munich",
    "published": "2013-02-02",
    "text": "MUNICH, Feb 2 (Reuters) - U.S. Secretary of State John Kerry met Russian Foreign Minister "
    "Sergei Lavrov in Munich on Saturday to discuss the war in Syria.\n\n"
    "The two ministers agreed to meet again in Moscow next month, officials said.",
}
OTHERS = [
    ("Xi hosts Putin", "Chinese President Xi Jinping hosted Russian President Vladimir Putin in Beijing on Tuesday."),
    ("Merkel criticizes Erdogan", "German Chancellor Angela Merkel criticized Turkish President Erdogan in Berlin."),
    ("Obama calls Hollande", "President Barack Obama called French President Francois Hollande on Monday."),
]


def write_feed(path: Path) -> Path:
    """A JSONL feed from one host: one wire story six times, three other stories once each."""
    records = [WIRE] * 3
    for i, (title, text) in enumerate(OTHERS):
        body = f"{text}\n\nThe two leaders agreed to keep in close contact, officials said."
        records.append(
            {"url": f"https://wire.example.com/world/{i + 2}", "title": title, "published": "2013-02-03", "text": body}
        )
    records += [WIRE] * 3
    path.write_text("".join(json.dumps(record) + "\n" for record in records))
    return path


def snapshot(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    with Store(db, read_only=True) as store:
        return store.content()


def _config(tmp_path: Path, text: str) -> str:
    path = tmp_path / f"run{abs(hash(text))}.toml"
    path.write_text(text)
    return str(path)


@pytest.fixture(scope="module")
def feed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_feed(tmp_path_factory.mktemp("feed") / "feed.jsonl")


@pytest.fixture(scope="module")
def clean_db(feed: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("clean") / "clean.duckdb"
    run([str(feed)], db=str(db), workers=0)
    return db


def _older_pipeline_store(feed: Path, tmp_path: Path) -> Path:
    """A store where an older configuration failed every document (`too_large` at 40 bytes)."""
    db = tmp_path / "old.duckdb"
    with pytest.raises(Exception, match="E105"):  # every document failed: the run says so
        run([str(feed)], db=str(db), workers=0, config=_config(tmp_path, "[extract]\nmax_bytes = 40\n"))
    with Store(db, read_only=True) as store:
        assert store.con.execute("SELECT DISTINCT error FROM documents").fetchall() == [("too_large",)]
    return db


def test_run_feed_of_repeated_articles_keeps_every_text_issue_14(clean_db: Path) -> None:
    with Store(clean_db, read_only=True) as store:
        rows = store.con.execute("SELECT title, status, error, text FROM documents ORDER BY title").fetchall()
    assert [(title, status, error) for title, status, error, _ in rows] == [
        ("Kerry and Lavrov meet in Munich", "ok", None),
        ("Merkel criticizes Erdogan", "ok", None),
        ("Obama calls Hollande", "ok", None),
        ("Xi hosts Putin", "ok", None),
    ]
    assert "met Russian Foreign Minister Sergei Lavrov in Munich" in rows[0][3]


def test_reprocess_failed_repairs_loses_nothing_duplicates_nothing_issue_14(
    feed: Path, clean_db: Path, tmp_path: Path
) -> None:
    db = _older_pipeline_store(feed, tmp_path)
    first = run([str(feed)], db=str(db), workers=0, reprocess="failed")
    assert (first.read, first.copies, first.reprocessed, first.repaired, first.stored) == (9, 5, 4, 4, 0)
    assert snapshot(db) == snapshot(clean_db)
    again = run([str(feed)], db=str(db), workers=0, reprocess="failed")
    assert (again.reprocessed, again.already_stored, again.copies) == (0, 9, 0)
    assert snapshot(db) == snapshot(clean_db)


def test_reprocess_all_is_idempotent_issue_14(feed: Path, clean_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "all.duckdb"
    run([str(feed)], db=str(db), workers=0)
    summary = run([str(feed)], db=str(db), workers=2, reprocess="all")
    assert (summary.reprocessed, summary.repaired, summary.stored) == (4, 0, 0)
    assert snapshot(db) == snapshot(clean_db)


@pytest.mark.parametrize("mode", ["failed", "all"])
def test_reprocess_killed_between_batches_then_rerun_ends_clean_issue_14(
    feed: Path, clean_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, mode: str
) -> None:
    db = _older_pipeline_store(feed, tmp_path)
    small = _config(tmp_path, "[run]\nbatch_size = 1\n")
    real_replace = Store.replace
    calls: list[int] = []

    def dies_on_third_batch(self: Store, articles: Any, *, run_id: str) -> Any:
        calls.append(len(articles))
        if len(calls) == 3:
            raise KeyboardInterrupt  # as a kill between two batches would
        return real_replace(self, articles, run_id=run_id)

    monkeypatch.setattr(Store, "replace", dies_on_third_batch)
    with pytest.raises(KeyboardInterrupt):
        run([str(feed)], db=str(db), workers=0, config=small, reprocess=mode)  # type: ignore[arg-type]
    monkeypatch.setattr(Store, "replace", real_replace)
    with Store(db, read_only=True) as store:
        statuses = store.con.execute("SELECT status, count(*) FROM documents GROUP BY ALL ORDER BY ALL").fetchall()
    assert statuses == [("error", 2), ("ok", 2)]  # two batches replaced, nothing lost or doubled
    rerun = run([str(feed)], db=str(db), workers=0, config=small, reprocess=mode)  # type: ignore[arg-type]
    assert rerun.reprocessed == (2 if mode == "failed" else 4)
    assert snapshot(db) == snapshot(clean_db)


def test_cli_reprocess_prints_the_counts_issue_14(feed: Path, tmp_path: Path) -> None:
    db = _older_pipeline_store(feed, tmp_path)
    result = CliRunner().invoke(cli, ["run", str(feed), "--db", str(db), "--workers", "0", "--reprocess", "failed"])
    assert result.exit_code == 0, result.output
    assert re.search(r"re-processed \(--reprocess\) +4  \(repaired: 4\)", result.output), result.output
