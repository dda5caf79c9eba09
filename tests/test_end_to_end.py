"""End to end: `annales run examples/news` through the real CLI, checked on a few decisive facts.

The sample corpus and what it shows are described in examples/news/README.md; the full annotated
gate is benchmarks/eval_end_to_end.py. One run (two, for the re-run check) serves every slow test;
two fast tests check the gold files.
"""

from __future__ import annotations

import contextlib
import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pytest
from click.testing import CliRunner

REPO = Path(__file__).resolve().parents[1]
DOCS_GOLD = REPO / "benchmarks" / "data" / "e2e_gold.jsonl"
SENTS_GOLD = REPO / "benchmarks" / "data" / "news_sentences_gold.jsonl"
CORPUS = "examples/news"
GERMAN = f"{CORPUS}/feed.jsonl#line=5"
UNDATED = f"{CORPUS}/steppe-wire/iran-iaea-analysis.txt"
ORIGINAL = f"{CORPUS}/steppe-wire/2016-09-kerry-lavrov-geneva.txt"
SYNDICATED = f"{CORPUS}/harbour-post/geneva-syria-truce-wire.txt"
TOLD_TWICE = (f"{CORPUS}/harbour-post/turkey-downs-russian-jet.txt", f"{CORPUS}/pages/turkey-jet-ankara-moscow.html")


@dataclass(frozen=True, slots=True)
class CorpusRun:
    """The store after one run, the JSON summaries of both runs, and the table sizes after each."""

    db: Path
    first: dict[str, Any]
    second: dict[str, Any]
    counts_first: dict[str, int]
    counts_second: dict[str, int]


def _invoke_run(db: Path) -> dict[str, Any]:
    from annales.cli.main import cli

    with contextlib.chdir(REPO):  # documents.uri keeps the path as given
        result = CliRunner().invoke(cli, ["run", CORPUS, "--db", str(db), "--workers", "1", "--json"])
    assert result.exit_code == 0, result.output
    summary: dict[str, Any] = json.loads(result.output.strip().splitlines()[-1])
    return summary


def _counts(db: Path) -> dict[str, int]:
    with duckdb.connect(str(db), read_only=True) as con:
        tables = ("documents", "sentences", "events", "merged_events", "stories")
        return {table: con.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for table in tables}  # type: ignore[index]


def _gold(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_sentences_gold_balances_every_plover_type() -> None:
    from annales.codes import EVENT_STATUSES, PLOVER_TYPES

    sentences = _gold(SENTS_GOLD)
    events = [event for sentence in sentences for event in sentence["events"]]
    types = Counter(event["type"] for event in events)
    assert len(sentences) >= 150
    assert {name: types[name] for name in PLOVER_TYPES if types[name] < 5} == {}
    assert set(types) <= set(PLOVER_TYPES)
    assert {event["status"] for event in events} <= set(EVENT_STATUSES)
    assert 0.15 <= sum(not sentence["events"] for sentence in sentences) / len(sentences) <= 0.3
    assert len({sentence["id"] for sentence in sentences}) == len(sentences)


def test_documents_gold_names_corpus_files_and_partners() -> None:
    documents = [line for line in _gold(DOCS_GOLD) if line["kind"] == "document"]
    uris = {document["uri"] for document in documents}
    assert {uri.split("#")[0] for uri in uris} == {
        str(path.relative_to(REPO))
        for path in (REPO / CORPUS).rglob("*")
        if path.is_file() and path.name != "README.md"
    }
    for document in documents:
        assert set(document["cluster_with"] + document["story_with"] + document["not_story_with"]) <= uris


@pytest.fixture(scope="module")
def corpus_run(tmp_path_factory: pytest.TempPathFactory) -> Iterator[CorpusRun]:
    db = tmp_path_factory.mktemp("e2e") / "news.duckdb"
    first = _invoke_run(db)
    counts_first = _counts(db)
    second = _invoke_run(db)
    yield CorpusRun(db, first, second, counts_first, _counts(db))


def _query(run: CorpusRun, sql: str, *params: object) -> list[tuple[Any, ...]]:
    with duckdb.connect(str(run.db), read_only=True) as con:
        return con.execute(sql, list(params)).fetchall()


def _document(run: CorpusRun, uri: str) -> dict[str, Any]:
    columns = ("status", "error", "published", "published_reason", "cluster_id", "story_id")
    rows = _query(run, f"SELECT {', '.join(columns)} FROM documents WHERE uri = ?", uri)
    assert rows, f"{uri} was not stored"
    return dict(zip(columns, rows[0], strict=True))


@pytest.mark.slow
def test_run_stores_every_document_with_expected_status(corpus_run: CorpusRun) -> None:
    statuses = dict(_query(corpus_run, "SELECT uri, status FROM documents"))
    assert len(statuses) == 20  # 5 + 3 texts, 4 pages, 5 feed records, 3 WARC responses (the image is ignored)
    assert {uri for uri, status in statuses.items() if status != "ok"} == {GERMAN}


@pytest.mark.slow
def test_run_skips_german_record_with_language_reason(corpus_run: CorpusRun) -> None:
    german = _document(corpus_run, GERMAN)
    assert (german["status"], german["error"]) == ("skipped", "language=de")
    assert _query(
        corpus_run, "SELECT count(*) FROM events e JOIN documents d USING (doc_id) WHERE d.uri = ?", GERMAN
    ) == [(0,)]


@pytest.mark.slow
@pytest.mark.parametrize("uri", [UNDATED, f"{CORPUS}/feed.jsonl#line=4"])
def test_run_leaves_undated_document_unpublished_with_reason(corpus_run: CorpusRun, uri: str) -> None:
    document = _document(corpus_run, uri)
    assert document["published"] is None
    assert document["published_reason"]


@pytest.mark.slow
def test_run_clusters_syndicated_copy_with_original(corpus_run: CorpusRun) -> None:
    original, copy = _document(corpus_run, ORIGINAL), _document(corpus_run, SYNDICATED)
    assert original["cluster_id"] is not None
    assert original["cluster_id"] == copy["cluster_id"]


@pytest.mark.slow
def test_run_puts_twice_told_event_in_one_story(corpus_run: CorpusRun) -> None:
    first, second = (_document(corpus_run, uri) for uri in TOLD_TWICE)
    assert first["story_id"] is not None
    assert first["story_id"] == second["story_id"]
    assert first["cluster_id"] != second["cluster_id"]  # other words: same story, not a near duplicate


@pytest.mark.slow
def test_run_merges_an_event_across_articles(corpus_run: CorpusRun) -> None:
    (most,) = _query(corpus_run, "SELECT max(n_articles) FROM merged_events")[0]
    assert most >= 2


@pytest.mark.slow
def test_run_again_adds_nothing(corpus_run: CorpusRun) -> None:
    assert corpus_run.first["stored"] == 20
    assert corpus_run.second["stored"] == 0
    assert corpus_run.counts_second == corpus_run.counts_first


@pytest.mark.slow
def test_exports_of_the_sample_corpus_load_as_their_specs_say(corpus_run: CorpusRun) -> None:  # issue 15
    from annales.cli.main import cli
    from tests.store._formats import check_plover_record, load_gdelt

    outputs = {}
    for fmt in ("gdelt", "plover", "jsonl"):
        result = CliRunner().invoke(cli, ["export", "--db", str(corpus_run.db), "--format", fmt])
        assert result.exit_code == 0, result.output
        outputs[fmt] = result.stdout
    gdelt = load_gdelt(outputs["gdelt"])
    plover = [json.loads(line) for line in outputs["plover"].splitlines()]
    undated = sum(json.loads(line)["date"] is None for line in outputs["jsonl"].splitlines())
    total = len(outputs["jsonl"].splitlines())
    assert len(gdelt) == len(plover) == total - undated and undated > 0
    for record in plover:
        check_plover_record(record)
    urls = set(gdelt["SOURCEURL"]) - {""}
    assert urls and not any("examples/" in url or url.startswith(("/", "file:")) for url in urls)
    assert all(url.startswith("https://") or "://" not in url for url in urls)  # web URLs, else source names
