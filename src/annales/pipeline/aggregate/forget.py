"""Forget stored documents before they are written again (`annales run --reprocess`, issue 14).

A document's id is a hash of its content, so processing it again gives rows under the same
ids. Before those rows go in, the old ones and everything the global steps derived from them
must go, in the same transaction as the write, so that the store never holds a document twice
nor half of one:

* its sentences, actor mentions and events; its near-duplicate sketch, bands and verified pairs;
  its story keys; its document row;
* every merged event one of its events belonged to: the row is deleted and its other mentions
  lose their merged id, so the next finalize merges them again (with the new mentions) by the
  usual rules; a merged event never keeps a count of mentions that are gone;
* every story it belonged to: the row is recomputed from the documents left (dropped when none).

Other documents keep their cluster id: a cluster is named after its first member, and that
name stays valid when the member itself is clustered again.
"""

from __future__ import annotations

from collections.abc import Sequence

import duckdb
import pyarrow as pa

from annales.pipeline.aggregate.stories import refresh_story_rows

# Tables holding rows of one document, keyed by its doc_id (documents last: the others refer to it).
_DOCUMENT_TABLES = ("sentences", "actor_mentions", "events", "dedup_docs", "dedup_bands", "story_keys")


def forget_documents(con: duckdb.DuckDBPyConnection, doc_ids: Sequence[str]) -> None:
    """Delete documents and every row derived from them (see the module docstring).

    Runs inside the caller's transaction.

    Args:
        con: the store's DuckDB connection, in a transaction.
        doc_ids: the documents to forget; ids not stored are ignored.
    """
    if not doc_ids:
        return
    con.register("_forget", pa.table({"doc_id": pa.array(sorted(set(doc_ids)), pa.string())}))
    try:
        merged = _ids(
            con, "SELECT DISTINCT merged_id FROM events JOIN _forget USING (doc_id) WHERE merged_id IS NOT NULL"
        )
        stories = _ids(
            con, "SELECT DISTINCT story_id FROM documents JOIN _forget USING (doc_id) WHERE story_id IS NOT NULL"
        )
        for table in _DOCUMENT_TABLES:
            con.execute(f"DELETE FROM {table} WHERE doc_id IN (SELECT doc_id FROM _forget)")
        con.execute(
            "DELETE FROM near_duplicates WHERE doc_id IN (SELECT doc_id FROM _forget) "
            "OR other_id IN (SELECT doc_id FROM _forget)"
        )
        con.execute("DELETE FROM documents WHERE doc_id IN (SELECT doc_id FROM _forget)")
    finally:
        con.unregister("_forget")
    _unmerge(con, merged)
    refresh_story_rows(con, stories)


def _ids(con: duckdb.DuckDBPyConnection, sql: str) -> set[str]:
    return {row[0] for row in con.execute(sql).fetchall()}


def _unmerge(con: duckdb.DuckDBPyConnection, merged_ids: set[str]) -> None:
    """Drop merged events; their remaining mentions wait for the next finalize to be merged again."""
    if not merged_ids:
        return
    con.register("_unmerge", pa.table({"merged_id": pa.array(sorted(merged_ids), pa.string())}))
    try:
        con.execute("UPDATE events SET merged_id = NULL WHERE merged_id IN (SELECT merged_id FROM _unmerge)")
        con.execute("DELETE FROM merged_events WHERE merged_id IN (SELECT merged_id FROM _unmerge)")
    finally:
        con.unregister("_unmerge")
