"""Assigning `documents.cluster_id`: near-duplicate clusters kept in the store, incrementally.

Rule for stable ids: documents are taken in order (publication date, undated last, then
doc_id). A document that has no cluster yet may join a cluster when it is a near duplicate of
more than half of that cluster's members; among such clusters it joins the one holding its best
near duplicate (highest containment, then most shared shingles, then smallest cluster id). With
none it founds a cluster whose id is its own doc_id. A cluster id, once given, never changes,
and two existing clusters are never merged. The majority rule keeps a page that merges two
articles from chaining them: whichever comes first, the second article is a near duplicate of
the merged page but not of the first article, so it founds (or keeps) its own cluster. The
pairwise relation, merged pages included, stays in `near_duplicates`.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass

import duckdb
import numpy as np
import numpy.typing as npt
import pyarrow as pa

from annales.pipeline.dedup.minhash import NearDupOptions, Overlap, PassageSketcher, is_near_duplicate, overlap
from annales.pipeline.dedup.minhash import shingle_set as _shingle_set

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Match:
    """A verified near-duplicate pair, `doc_id` being the later document."""

    doc_id: str
    other_id: str
    found: Overlap


def _sketch_new(con: duckdb.DuckDBPyConnection, docs: list[tuple[str, str]], sketcher: PassageSketcher) -> int:
    """Insert dedup_docs and dedup_bands rows for documents not sketched yet; return band rows."""
    keys: list[npt.NDArray[np.int64]] = []
    owners: list[str] = []
    sizes: list[int] = []
    for doc_id, text in docs:
        hashes = sketcher.hashes(text)
        band = sketcher.keys_of_signatures(sketcher.signatures(hashes))
        keys.append(band)
        owners.extend([doc_id] * len(band))
        sizes.append(len(np.unique(hashes)))
    flat = np.concatenate(keys) if keys else np.zeros(0, dtype=np.int64)
    bands = pa.table({"key": pa.array(flat, pa.int64()), "doc_id": pa.array(owners, pa.string())})
    sized = pa.table({"doc_id": [d for d, _ in docs], "n_shingles": pa.array(sizes, pa.int32())})
    con.register("_bands", bands)
    con.register("_sized", sized)
    try:
        con.execute("INSERT INTO dedup_bands SELECT key, doc_id FROM _bands")
        con.execute("INSERT OR IGNORE INTO dedup_docs SELECT doc_id, n_shingles FROM _sized")
    finally:
        con.unregister("_bands")
        con.unregister("_sized")
    return len(flat)


def _candidates(con: duckdb.DuckDBPyConnection, new_ids: list[str], max_bucket: int) -> list[tuple[str, str]]:
    """Pairs (new doc, other doc) sharing a band bucket of at most `max_bucket` documents."""
    con.register("_new", pa.table({"doc_id": pa.array(new_ids, pa.string())}))
    try:
        rows = con.execute(
            """
            WITH nb AS (SELECT b.key, b.doc_id FROM dedup_bands b JOIN _new USING (doc_id)),
                 small AS (SELECT key FROM dedup_bands WHERE key IN (SELECT key FROM nb)
                           GROUP BY key HAVING count(*) <= ?)
            SELECT DISTINCT nb.doc_id, o.doc_id
            FROM nb JOIN small USING (key) JOIN dedup_bands o USING (key)
            WHERE o.doc_id <> nb.doc_id
            """,
            [max_bucket],
        ).fetchall()
    finally:
        con.unregister("_new")
    return [(a, b) for a, b in rows]


def _texts(con: duckdb.DuckDBPyConnection, doc_ids: set[str]) -> dict[str, str]:
    con.register("_want", pa.table({"doc_id": pa.array(sorted(doc_ids), pa.string())}))
    try:
        rows = con.execute("SELECT doc_id, coalesce(text, '') FROM documents JOIN _want USING (doc_id)").fetchall()
    finally:
        con.unregister("_want")
    return dict(rows)


def verify_pairs(
    pairs: list[tuple[str, str]], texts: dict[str, str], cfg: NearDupOptions, *, cache: dict[str, int] | None = None
) -> dict[str, list[tuple[str, Overlap]]]:
    """Check candidate pairs exactly; return, per document, its verified near duplicates."""
    sets: dict[str, npt.NDArray[np.uint64]] = {}
    found: dict[str, list[tuple[str, Overlap]]] = defaultdict(list)
    for a, b in pairs:
        for doc_id in (a, b):
            if doc_id not in sets:
                sets[doc_id] = _shingle_set(texts.get(doc_id, ""), cfg.shingle_words, cache=cache)
        result = overlap(sets[a], sets[b])
        if is_near_duplicate(result, cfg):
            found[a].append((b, result))
    return found


def assign_clusters(con: duckdb.DuckDBPyConnection, cfg: NearDupOptions) -> dict[str, int]:
    """Give every status-ok document without a cluster its cluster_id (see the module docstring).

    Args:
        con: the store's DuckDB connection.
        cfg: near-duplicate options.

    Returns:
        Counts: documents clustered, joined (to an existing cluster), founded, pairs verified.
    """
    new = con.execute(
        """SELECT doc_id, coalesce(text, '') FROM documents
           WHERE status = 'ok' AND cluster_id IS NULL ORDER BY published NULLS LAST, doc_id"""
    ).fetchall()
    if not new:
        return {"clusters_new_documents": 0}
    sketcher = PassageSketcher(cfg)
    done = _ids_in(con, "dedup_docs", [d for d, _ in new])
    unsketched = [(d, t) for d, t in new if d not in done]
    _sketch_new(con, unsketched, sketcher)
    new_ids = [d for d, _ in new]
    pairs = _candidates(con, new_ids, cfg.max_bucket)
    texts = _texts(con, {d for pair in pairs for d in pair})
    matches = verify_pairs(pairs, texts, cfg, cache=sketcher.word_cache)
    cluster_of = _existing_clusters(con, {o for found in matches.values() for o, _ in found})
    sizes = _cluster_sizes(con, set(cluster_of.values()))
    joined = founded = 0
    rows: list[Match] = []
    for doc_id in new_ids:
        found = matches.get(doc_id, [])
        rows.extend(Match(doc_id, other, overlap_) for other, overlap_ in found)
        cluster = _choose_cluster(found, cluster_of, sizes)
        if cluster is None:
            cluster_of[doc_id] = doc_id
            founded += 1
        else:
            cluster_of[doc_id] = cluster
            joined += 1
        sizes[cluster_of[doc_id]] = sizes.get(cluster_of[doc_id], 0) + 1
    _write(con, {d: cluster_of[d] for d in new_ids}, rows)
    logger.info("near duplicates: %d new documents, %d joined a cluster", len(new_ids), joined)
    return {
        "clusters_new_documents": len(new_ids),
        "clusters_joined": joined,
        "clusters_founded": founded,
        "dedup_candidate_pairs": len(pairs),
        "dedup_verified_pairs": len(rows),
    }


def _choose_cluster(found: list[tuple[str, Overlap]], cluster_of: dict[str, str], sizes: dict[str, int]) -> str | None:
    """The cluster a document joins: one where it matches a majority, holding its best match."""
    hits: dict[str, int] = defaultdict(int)
    for other, _ in found:
        if other in cluster_of:
            hits[cluster_of[other]] += 1
    best: tuple[float, int, str] | None = None
    for other, result in found:
        cluster = cluster_of.get(other)
        if cluster is None or 2 * hits[cluster] <= sizes.get(cluster, 1):
            continue
        rank = (-result.containment, -result.shared, cluster)
        best = rank if best is None or rank < best else best
    return best[2] if best else None


def _cluster_sizes(con: duckdb.DuckDBPyConnection, clusters: set[str]) -> dict[str, int]:
    con.register("_cl", pa.table({"cluster_id": pa.array(sorted(clusters), pa.string())}))
    try:
        rows = con.execute(
            "SELECT cluster_id, count(*) FROM documents JOIN _cl USING (cluster_id) GROUP BY cluster_id"
        ).fetchall()
    finally:
        con.unregister("_cl")
    return {r[0]: int(r[1]) for r in rows}


def _register_ids(con: duckdb.DuckDBPyConnection, name: str, doc_ids: list[str]) -> None:
    con.register(name, pa.table({"doc_id": pa.array(doc_ids, pa.string())}))


def _ids_in(con: duckdb.DuckDBPyConnection, table: str, doc_ids: list[str]) -> set[str]:
    _register_ids(con, "_ids", doc_ids)
    try:
        rows = con.execute(f"SELECT doc_id FROM {table} JOIN _ids USING (doc_id)").fetchall()
    finally:
        con.unregister("_ids")
    return {r[0] for r in rows}


def _existing_clusters(con: duckdb.DuckDBPyConnection, doc_ids: set[str]) -> dict[str, str]:
    _register_ids(con, "_ids", sorted(doc_ids))
    try:
        rows = con.execute(
            "SELECT doc_id, cluster_id FROM documents JOIN _ids USING (doc_id) WHERE cluster_id IS NOT NULL"
        ).fetchall()
    finally:
        con.unregister("_ids")
    return dict(rows)


def _write(con: duckdb.DuckDBPyConnection, clusters: dict[str, str], matches: list[Match]) -> None:
    assigned = pa.table({"doc_id": list(clusters), "cluster_id": list(clusters.values())})
    pairs = pa.table(
        {
            "doc_id": [m.doc_id for m in matches],
            "other_id": [m.other_id for m in matches],
            "containment": pa.array([m.found.containment for m in matches], pa.float64()),
            "shared": pa.array([m.found.shared for m in matches], pa.int32()),
        }
    )
    con.register("_assigned", assigned)
    con.register("_pairs", pairs)
    try:
        con.execute("UPDATE documents SET cluster_id = a.cluster_id FROM _assigned a WHERE documents.doc_id = a.doc_id")
        con.execute("INSERT OR IGNORE INTO near_duplicates SELECT doc_id, other_id, containment, shared FROM _pairs")
    finally:
        con.unregister("_assigned")
        con.unregister("_pairs")
