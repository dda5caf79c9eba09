"""Arrow rows of the Ray executor: batches between stage groups, Parquet parts, markers.

Between stage groups a batch is an Arrow table with one row per document and these
columns (`BATCH_SCHEMA`): `kind` ("doc", or "end" for the row closing a shard, or
"part" for the row a written Parquet part reports), `shard`, `seq` (position of the
document in its shard), `payload` (the pickled `Article` record, or JSON for "end" and
"part" rows) and `stats` (JSON stage counters of the batch, on the first row of a shard).

The last group writes each batch as Parquet parts under `OUT/shard-NNNNNN/`, one file per
table, with the store's own columns (built by `annales.store.writes`), plus `seq` in
`documents`. Once the driver has seen every document of a shard written it writes the
shard's completion marker `_SUCCESS` (JSON: the parts, the counts, the stage stats); a
relaunched run skips shards that have one. Loading a shard into the store is one
transaction of `INSERT ... SELECT` from its parts.
"""

from __future__ import annotations

import json
import pickle
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
from pyarrow import fs

from annales.records import Article
from annales.store.writes import (
    DOCUMENT_COLUMNS,
    EVENT_COLUMNS,
    MENTION_COLUMNS,
    SENTENCE_COLUMNS,
    arrow_table,
    document_row,
    event_row,
    mention_row,
)

BATCH_SCHEMA = pa.schema(
    [
        pa.field("kind", pa.string()),
        pa.field("shard", pa.int64()),
        pa.field("seq", pa.int64()),
        pa.field("payload", pa.large_binary()),
        pa.field("stats", pa.string()),
    ]
)
MARKER = "_SUCCESS"
# The tables a shard writes, with their columns; `documents` also carries `seq`.
PART_TABLES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("documents", (*DOCUMENT_COLUMNS, "seq")),
    ("sentences", SENTENCE_COLUMNS),
    ("actor_mentions", MENTION_COLUMNS),
    ("events", EVENT_COLUMNS),
)


@dataclass(slots=True)
class BatchRow:
    """One row of a batch between groups, as Python values."""

    kind: str
    shard: int
    seq: int
    payload: bytes
    stats: str = ""


def encode_rows(rows: Sequence[BatchRow]) -> pa.Table:
    """Rows to an Arrow table of `BATCH_SCHEMA`."""
    return pa.table(
        {
            "kind": [r.kind for r in rows],
            "shard": [r.shard for r in rows],
            "seq": [r.seq for r in rows],
            "payload": [r.payload for r in rows],
            "stats": [r.stats for r in rows],
        },
        schema=BATCH_SCHEMA,
    )


def decode_rows(table: pa.Table) -> list[BatchRow]:
    """An Arrow batch back to rows."""
    columns = [table.column(name).to_pylist() for name in BATCH_SCHEMA.names]
    return [BatchRow(*values) for values in zip(*columns, strict=True)]


def pack_article(article: Article) -> bytes:
    """An article record as bytes (pickle: records are plain slotted dataclasses)."""
    return pickle.dumps(article, protocol=pickle.HIGHEST_PROTOCOL)


def unpack_article(data: bytes) -> Article:
    article = pickle.loads(data)
    if not isinstance(article, Article):
        raise TypeError(f"expected an Article, got {type(article).__name__}")
    return article


def article_tables(articles: Sequence[tuple[int, Article]], *, run_id: str) -> dict[str, pa.Table]:
    """The four store tables of `(seq, article)` pairs, with the store's columns and types."""
    docs = [document_row(a, run_id=run_id) for _, a in articles]
    sentences = [
        {"doc_id": a.doc_id, "sent_index": s.index, "start_char": s.start, "end_char": s.end, "text": s.text,
         "dropped": s.dropped}
        for _, a in articles for s in a.sentences
    ]  # fmt: skip
    rows = {
        "documents": docs,
        "sentences": sentences,
        "actor_mentions": [mention_row(a, m) for _, a in articles for m in a.mentions],
        "events": [event_row(e) for _, a in articles for e in a.events],
    }
    tables = {name: arrow_table(rows[name], columns) for name, columns in PART_TABLES[1:]}
    documents = arrow_table(docs, DOCUMENT_COLUMNS).append_column(
        pa.field("seq", pa.int64()), pa.array([seq for seq, _ in articles], pa.int64())
    )
    return {"documents": documents, **tables}


def empty_table(name: str) -> pa.Table:
    """A table of a shard with no rows (a shard whose inputs held no document)."""
    return article_tables([], run_id="")[name]


@dataclass(slots=True)
class ShardOutcome:
    """What the driver has heard about one shard so far."""

    total: int | None = None
    seqs: set[int] = field(default_factory=set)
    parts: set[str] = field(default_factory=set)
    stats: Counter[str] = field(default_factory=Counter)

    @property
    def complete(self) -> bool:
        return self.total is not None and len(self.seqs) >= self.total


class OutputDir:
    """The `--out` folder: a local path or a URI (s3://...) opened with pyarrow.fs.

    Args:
        root: where shard folders go.
    """

    def __init__(self, root: str) -> None:
        self.root = root.rstrip("/")
        base: str
        self.filesystem, base = fs.FileSystem.from_uri(root) if "://" in root else (fs.LocalFileSystem(), root)
        self.base = base.rstrip("/")
        self.filesystem.create_dir(self.base, recursive=True)

    def _path(self, *parts: str) -> str:
        return "/".join((self.base, *parts))

    def write_part(self, shard_name: str, part: str, tables: dict[str, pa.Table]) -> None:
        """Write one part: a Parquet file per table, named `<table>-<part>.parquet`."""
        self.filesystem.create_dir(self._path(shard_name), recursive=True)
        for name, table in tables.items():
            pq.write_table(table, self._path(shard_name, f"{name}-{part}.parquet"), filesystem=self.filesystem)

    def read_table(self, shard_name: str, name: str, parts: Iterable[str]) -> pa.Table:
        """One table of a shard, concatenated from its listed parts."""
        tables = [
            pq.read_table(self._path(shard_name, f"{name}-{part}.parquet"), filesystem=self.filesystem)
            for part in sorted(parts)
        ]
        return pa.concat_tables(tables) if tables else empty_table(name)

    def marker(self, shard_name: str) -> dict[str, Any] | None:
        """The shard's completion marker, or None when it has none."""
        path = self._path(shard_name, MARKER)
        try:
            with self.filesystem.open_input_stream(path) as handle:
                data: dict[str, Any] = json.loads(handle.read())
        except (FileNotFoundError, json.JSONDecodeError):
            return None
        except OSError:
            return None
        return data

    def write_marker(self, shard_name: str, data: dict[str, Any]) -> None:
        """Write the marker last and whole (a half-written marker reads as none)."""
        with self.filesystem.open_output_stream(self._path(shard_name, MARKER)) as handle:
            handle.write(json.dumps(data, sort_keys=True).encode())

    def clear(self, shard_name: str) -> None:
        """Remove the leftovers of an unfinished shard before it is processed again."""
        info = self.filesystem.get_file_info(self._path(shard_name))
        if info.type == fs.FileType.Directory:
            self.filesystem.delete_dir(self._path(shard_name))


@dataclass(slots=True)
class LoadCounts:
    """What loading one shard into the store did."""

    stored: int = 0
    already_stored: int = 0
    copies: int = 0  # later copies of a document of the shard (same content)
    ok: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    errors: Counter[str] = field(default_factory=Counter)
    sentences: int = 0
    events: int = 0


def load_shard(con: duckdb.DuckDBPyConnection, out: OutputDir, shard_name: str, parts: Sequence[str]) -> LoadCounts:
    """Load a finished shard into the store in one transaction; documents already stored are skipped.

    A document id seen twice (the same content in two inputs) keeps its first occurrence,
    in input order, as the local executor does; its sentences, mentions and events are
    taken only when its document row is new.
    """
    from annales.executor.base import error_reason

    tables = {name: out.read_table(shard_name, name, parts) for name, _ in PART_TABLES}
    counts = LoadCounts()
    for name, table in tables.items():
        con.register(f"_part_{name}", table)
    try:
        con.execute("BEGIN TRANSACTION")
        con.execute(
            "CREATE OR REPLACE TEMP TABLE _fresh AS SELECT * FROM _part_documents "
            "WHERE doc_id NOT IN (SELECT doc_id FROM documents) "
            "QUALIFY row_number() OVER (PARTITION BY doc_id ORDER BY seq) = 1"
        )
        cols = ", ".join(DOCUMENT_COLUMNS)
        con.execute(f"INSERT INTO documents ({cols}) SELECT {cols} FROM _fresh ORDER BY seq")
        for name, columns in PART_TABLES[1:]:
            cols = ", ".join(columns)
            con.execute(
                f"INSERT OR IGNORE INTO {name} ({cols}) SELECT {cols} FROM _part_{name} "
                "WHERE doc_id IN (SELECT doc_id FROM _fresh)"
            )
        rows = con.execute("SELECT status, error, n_sentences, n_events FROM _fresh").fetchall()
        distinct = con.execute("SELECT count(DISTINCT doc_id) FROM _part_documents").fetchone()
        counts.copies = tables["documents"].num_rows - int(distinct[0] if distinct else 0)
        counts.already_stored = tables["documents"].num_rows - counts.copies - len(rows)
        con.execute("DROP TABLE _fresh")
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    finally:
        for name, _ in PART_TABLES:
            con.unregister(f"_part_{name}")
    for status, error, n_sentences, n_events in rows:
        if status == "ok":
            counts.ok += 1
        elif status == "skipped":
            counts.skipped[error_reason(error)] += 1
        else:
            counts.errors[error_reason(error)] += 1
        counts.sentences += n_sentences
        counts.events += n_events
    counts.stored = len(rows)
    return counts
