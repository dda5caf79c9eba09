"""Issue 11 §5: `annales run --min-confidence` keeps less confident events out of the store."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from annales.cli.main import cli
from annales.store import Store

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_run_min_confidence_stores_only_confident_events(tmp_path: Path) -> None:
    corpus = str(REPO / "examples" / "news" / "steppe-wire")
    counts = {}
    for name, extra in (("all", []), ("strict", ["--min-confidence", "0.6"])):
        db = tmp_path / f"{name}.duckdb"
        result = CliRunner().invoke(cli, ["run", corpus, "--db", str(db), "--workers", "0", "--json", *extra])
        assert result.exit_code == 0, result.output
        with Store(str(db), read_only=True) as store:
            counts[name] = store.con.execute("SELECT count(*), min(confidence) FROM events").fetchone()
    (n_all, _), (n_strict, lowest) = counts["all"], counts["strict"]
    assert 0 < n_strict < n_all and lowest >= 0.6
