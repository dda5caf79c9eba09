"""What `annales run` says: how to resume after Ctrl-C, and a summary in words (issue 15 §4)."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path
from typing import Any

import duckdb
import pytest

from annales.cli import main as main_module
from annales.cli import run as run_module
from annales.cli.summary import FINALIZE_LABELS, format_summary
from annales.errors import StoreError
from annales.executor.base import RunSummary
from annales.store import store as store_module
from annales.store.store import Store


@pytest.mark.parametrize(
    ("args", "db"),
    [
        (["run", "crawl/", "--db", "crawl.duckdb", "--workers", "4"], "crawl.duckdb"),
        (["run", "--db=my store.duckdb", "a.jsonl"], "my store.duckdb"),
        (["run", "examples/news"], "annales.duckdb"),
    ],
)
def test_interrupted_run_says_how_to_resume(args: list[str], db: str) -> None:
    message = main_module.interrupted_message(args)
    assert f"kept in {db}" in message
    assert "run the same command again" in message
    assert message.splitlines()[-1].strip().startswith("annales run")


def test_interrupted_other_command_just_aborts() -> None:
    assert main_module.interrupted_message(["events", "--db", "x.duckdb"]) == "Aborted."


@pytest.mark.parametrize("interrupt", [KeyboardInterrupt(), duckdb.InterruptException("INTERRUPT Error: Interrupted!")])
def test_main_turns_ctrl_c_during_run_into_the_resume_message(
    interrupt: BaseException, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def interrupted_run(*args: Any, **kwargs: Any) -> RunSummary:
        raise interrupt

    monkeypatch.setattr(run_module, "run", interrupted_run)
    monkeypatch.setattr(sys, "argv", ["annales", "run", "in put/", "--db", "s.duckdb"])
    with pytest.raises(SystemExit) as exit_info:
        main_module.main()
    assert exit_info.value.code == 130
    err = capsys.readouterr().err
    assert "Interrupted." in err and "annales run 'in put/' --db s.duckdb" in err
    assert "Traceback" not in err


class _ClosingInterrupted:
    """A connection whose close() is hit by Ctrl-C."""

    def close(self) -> None:
        raise KeyboardInterrupt


def test_store_detach_interrupted_leaves_no_closed_connection_behind(tmp_path: Path) -> None:
    # Regression: Ctrl-C inside close() left the closed connection in place, and the run's
    # last write (finish_run) then failed with "Connection already closed" and a traceback.
    with Store(tmp_path / "s.duckdb") as store:
        store._con = _ClosingInterrupted()  # type: ignore[assignment]
        with pytest.raises(KeyboardInterrupt):
            store.detach()
        assert store.con.execute("SELECT 1").fetchone() == (1,)  # reopened, usable


@pytest.mark.parametrize(
    ("error", "raised"),
    [
        (duckdb.InterruptException("INTERRUPT Error: Interrupted!"), KeyboardInterrupt),
        (duckdb.TransactionException("TransactionContext Error: Current transaction is aborted (please ROLLBACK)"),
         KeyboardInterrupt),
        (duckdb.IOException("IO Error: No space left on device"), StoreError),
    ],
)  # fmt: skip
def test_store_write_tells_an_interrupt_from_a_failed_write(
    error: Exception, raised: type[BaseException], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def failing_write(*args: Any, **kwargs: Any) -> int:
        raise error

    monkeypatch.setattr(store_module, "write_articles", failing_write)
    with Store(tmp_path / "s.duckdb") as store, pytest.raises(raised):
        store.write([], run_id="r")


def _summary() -> RunSummary:
    summary = RunSummary(run_id="r1", read=20, stored=20, ok=19, sentences=96, events=93, seconds=2.0)
    summary.skipped = Counter({"language=de": 1})
    summary.ignored = Counter({"unsupported_format": 1})
    summary.stats = Counter({"extract.removed_related_link": 3, "extract.removed_navigation": 33,
                             "extract.published_none": 2, "extract.published_metadata": 4,
                             "extract.kept_site_line": 2})  # fmt: skip
    summary.finalize = {key: 1 for key in FINALIZE_LABELS} | {"reprocessed_documents": 5}
    return summary


def test_run_summary_uses_readable_labels_throughout() -> None:
    text = format_summary(_summary(), db="news.duckdb")
    labels = [line[:38] for line in text.splitlines()[1:] if line.startswith("  ")]
    assert labels and not any("_" in label or "=" in label for label in labels)
    assert not any("_" in line or "=" in line for line in text.splitlines()[1:])
    assert "language de: 1" in text and "unsupported format: 1" in text and "related link: 3" in text
    assert "not found: 2" in text and "new real-world events" in text and "site line: 2" in text
    assert "reprocessed documents" in text  # a count the table does not know yet still reads as words
