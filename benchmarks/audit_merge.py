"""Audit the merged events of a store: members that cannot report one real-world event (issue 14).

For every merged event with two or more mentions, counts the pairs of members that conflict:
date windows that do not overlap (the event date range widened by one day; an undated
mention: the week before its publication), places in other countries or more than 200 km
apart, other statuses (planned vs occurred), other known modes. With `--remerge` the merge is
first run again, on a copy of the store, by the Annales on the Python path (so two versions
can be compared on the same mentions: put another checkout's `src` first on PYTHONPATH).

Usage:
    python benchmarks/audit_merge.py STORE [--remerge]
"""

from __future__ import annotations

import argparse
import itertools
import json
import shutil
import sys
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Any

import duckdb

from annales.pipeline.aggregate import merge

PLACE_KM = 200.0


def remerge(con: duckdb.DuckDBPyConnection) -> None:
    """Forget every merge and merge all mentions again with this Annales's rules."""
    con.execute("UPDATE events SET merged_id = NULL")
    con.execute("DELETE FROM merged_events")
    merge.merge_events(con, merge.MergeOptions())


def _window(row: dict[str, Any]) -> tuple[Any, Any] | None:
    return merge.event_window(row["date"], row["date_end"], row["granularity"], row["published"], merge.MergeOptions())


def _conflicts(a: dict[str, Any], b: dict[str, Any]) -> list[str]:
    found = []
    wa, wb = _window(a), _window(b)
    if wa and wb and (wa[1] < wb[0] or wb[1] < wa[0]):
        found.append("dates")
    coordinates = (a["place_lat"], a["place_lon"], b["place_lat"], b["place_lon"])
    if (a["place_country"] and b["place_country"] and a["place_country"] != b["place_country"]) or (
        None not in coordinates and merge._distance_km(*coordinates) > PLACE_KM
    ):
        found.append("places")
    if a["status"] != b["status"]:
        found.append("status")
    if a["mode"] and b["mode"] and a["mode"] != b["mode"]:
        found.append("modes")
    return found


def audit(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Merged events, mentions, and conflicting member pairs by kind."""
    cursor = con.execute(
        """SELECT e.merged_id, e.event_id, e.status, e.mode, e.date, e.date_end, e.granularity, e.published,
                  e.place_country, e.place_lat, e.place_lon
           FROM events e JOIN documents d USING (doc_id) WHERE d.status = 'ok' AND e.merged_id IS NOT NULL"""
    )
    columns = [c[0] for c in cursor.description]
    members: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in cursor.fetchall():
        members[row[0]].append(dict(zip(columns, row, strict=True)))
    counts = {"mentions": sum(len(m) for m in members.values()), "merged_events": len(members),
              "merged_events_with_2_or_more": sum(len(m) > 1 for m in members.values()),
              "merged_events_with_a_conflict": 0, "dates": 0, "places": 0, "status": 0, "modes": 0}  # fmt: skip
    for rows in members.values():
        bad = False
        for a, b in itertools.combinations(rows, 2):
            for kind in _conflicts(a, b):
                counts[kind] += 1
                bad = True
        counts["merged_events_with_a_conflict"] += bad
    return counts


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("store")
    parser.add_argument("--remerge", action="store_true", help="Merge again (on a copy) with this Annales first.")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(args.store)
        if args.remerge:
            path = Path(tmp) / "copy.duckdb"
            shutil.copy(args.store, path)
        con = duckdb.connect(str(path))
        if args.remerge:
            remerge(con)
        print(json.dumps(audit(con), indent=1))
        con.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
