"""`annales run` on inputs that hold no news: a clear error, a non-zero exit, no store left behind (issue 14)."""

from __future__ import annotations

import gzip
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from annales.cli.main import cli
from annales.cli.run import run
from annales.errors import InputError

pytestmark = pytest.mark.slow


def _leftovers(folder: Path, name: str) -> list[str]:
    return sorted(path.name for path in folder.iterdir() if path.name.startswith(name))


def test_run_missing_path_leaves_no_store_issue_14(tmp_path: Path) -> None:
    db = tmp_path / "new.duckdb"
    with pytest.raises(InputError, match="E101"):
        run([str(tmp_path / "missing.txt")], db=str(db), workers=0)
    assert _leftovers(tmp_path, "new.duckdb") == []


def test_run_missing_path_keeps_an_existing_store_issue_14(tmp_path: Path) -> None:
    news = tmp_path / "news.txt"
    news.write_text("Kerry met Lavrov in Geneva on Tuesday to discuss the war in Syria, officials said.\n")
    db = tmp_path / "kept.duckdb"
    run([str(news)], db=str(db), workers=0, finalize=False)
    with pytest.raises(InputError, match="E101"):
        run([str(tmp_path / "missing.txt")], db=str(db), workers=0)
    assert db.exists()


def test_run_folder_without_news_exits_non_zero_issue_14(tmp_path: Path) -> None:
    folder = tmp_path / "papers"
    folder.mkdir()
    (folder / "report.pdf").write_bytes(b"%PDF-1.4 not news")
    (folder / "notes.docx").write_bytes(b"PK\x03\x04")
    db = tmp_path / "empty.duckdb"
    result = CliRunner().invoke(cli, ["run", str(folder), "--db", str(db), "--workers", "0"])
    assert result.exit_code != 0
    assert "E105" in str(result.exception)
    assert "no news" in str(result.exception) and "unsupported_format: 2" in str(result.exception)
    assert _leftovers(tmp_path, "empty.duckdb") == []


def test_run_where_every_document_fails_exits_non_zero_and_keeps_them_issue_14(tmp_path: Path) -> None:
    folder = tmp_path / "broken"
    folder.mkdir()
    (folder / "a.txt").write_bytes(b"\x00\x01\x02" * 200)
    (folder / "b.txt").write_bytes(b"")
    db = tmp_path / "broken.duckdb"
    result = CliRunner().invoke(cli, ["run", str(folder), "--db", str(db), "--workers", "0"])
    assert result.exit_code != 0
    message = str(result.exception)
    assert "E105" in message and "binary: 1" in message and "empty: 1" in message
    assert db.exists()  # the failed documents are stored with their reasons


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        (b"hello, this is a plain text note\n", "text"),
        (b'{"events": []}', "JSON"),
        (gzip.compress(b"x" * 100), "gzip"),
        (b"PAR1\x00\x00\x00\x00PAR1", "Parquet"),
    ],
)
def test_run_on_a_file_that_is_not_a_store_says_what_it_is_issue_14(tmp_path: Path, content: bytes, kind: str) -> None:
    db = tmp_path / "notes.duckdb"
    db.write_bytes(content)
    news = tmp_path / "news.txt"
    news.write_text("Kerry met Lavrov in Geneva on Tuesday.\n")
    result = CliRunner().invoke(cli, ["run", str(news), "--db", str(db), "--workers", "0"])
    message = str(result.exception)
    assert result.exit_code != 0
    assert "E303" in message and kind in message
    assert "lock" not in message and "another process" not in message
    assert db.read_bytes() == content


def test_events_on_a_sqlite_file_says_it_is_sqlite_issue_14(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    sqlite3.connect(db).execute("CREATE TABLE t (x INTEGER)").connection.commit()
    result = CliRunner().invoke(cli, ["events", "--db", str(db)])
    assert result.exit_code != 0
    assert "E303" in str(result.exception) and "SQLite" in str(result.exception)
