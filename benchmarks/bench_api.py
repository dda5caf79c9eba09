"""API latency on a large synthetic store: p50/p95 per query (goal: p95 <= 200 ms).

Builds the store with tools/make_synthetic_store.py when it is missing (about 3 minutes
for 1,000,000 events on 2 cores), then calls the app in process (FastAPI TestClient, so
the figures include routing, validation, JSON encoding and rendering, but no network).

Usage:
    python benchmarks/bench_api.py --db /tmp/big.duckdb --events 1000000 --repeat 20
"""

from __future__ import annotations

import argparse
import logging
import statistics
import subprocess
import sys
import time
from pathlib import Path

logger = logging.getLogger(__name__)

REPO = Path(__file__).resolve().parents[1]
QUERIES = (
    ("overview", "/api/overview"),
    ("overview page (HTML)", "/"),
    ("dyad USA-RUS", "/api/dyad?a=USA&b=RUS"),
    ("dyad USA-RUS 2014, weekly", "/api/dyad?a=USA&b=RUS&since=2014-01-01&until=2014-12-31&granularity=week"),
    ("table: first page", "/api/events?limit=50"),
    ("table: actor=USA type=CONSULT", "/api/events?actor=USA&type=CONSULT&limit=50"),
    ("table: dyad+dates, by goldstein", "/api/events?dyad=RUS-UKR&since=2015-01-01&sort=goldstein&limit=100"),
    ("table: min_sources=2 place=RUS", "/api/events?min_sources=2&place=RUS&limit=50"),
    ("table: offset 10000", "/api/events?limit=50&offset=10000"),
    ("table page (HTML)", "/events?actor=USA&type=CONSULT"),
    ("table: USA either direction", "/api/events?actor=USA&both=true&limit=50"),
    ("table: text 'sanctions' + quad 4", "/api/events?text=sanctions&quad=4&limit=50"),
    ("table: min_confidence=0.8, by conf.", "/api/events?min_confidence=0.8&sort=confidence&limit=50"),
    ("network", "/api/network"),
    ("network, 500 edges (HTML)", "/network?max_edges=500"),
    ("map", "/api/map?since=2015-01-01&until=2015-06-30"),
    ("map, Europe box (HTML)", "/map?bbox=35,-10,70,40"),
)


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def run(db: Path, *, repeat: int, cache: bool, match: str = "") -> list[tuple[str, float, float]]:
    """Time each query `repeat` times after one warm-up call; return (name, p50 ms, p95 ms).

    With `cache` False the server's result cache is off, so every call runs its queries
    (the cold figure); with it on, repeated aggregate calls are answered from memory.
    """
    from fastapi.testclient import TestClient

    from annales.api.app import create_app
    from annales.api.settings import ServerSettings

    results = []
    settings = ServerSettings(db=str(db), query_timeout=60, cache_size=256 if cache else 0)
    with TestClient(create_app(settings), base_url="http://127.0.0.1") as client:
        top = client.get("/api/events?limit=1").json()["events"][0]
        first, doc = top["event_id"], top["doc_id"]
        cursor = client.get("/api/events?actor=USA&limit=50").json()["next_cursor"]
        back = client.get(f"/api/events?actor=USA&limit=50&cursor={cursor}").json()["prev_cursor"]
        queries = (
            *QUERIES,
            ("table: next page (cursor)", f"/api/events?actor=USA&limit=50&cursor={cursor}"),
            ("table: previous page (before)", f"/api/events?actor=USA&limit=50&before={back}"),
            ("event detail", f"/api/events/{first}"),
            ("event page (HTML)", f"/events/{first}"),
            ("document page (HTML)", f"/documents/{doc}"),
        )
        for name, url in queries:
            if match not in name:
                continue
            response = client.get(url)
            assert response.status_code == 200, (url, response.text[:200])
            times = []
            for _ in range(repeat):
                started = time.perf_counter()
                client.get(url)
                times.append((time.perf_counter() - started) * 1000)
            results.append((name, statistics.median(times), _percentile(times, 0.95)))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, default=Path("/tmp/annales-bench.duckdb"))
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--match", default="", help="only the queries whose name contains this")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    for name in ("httpx", "httpx2"):
        logging.getLogger(name).setLevel(logging.WARNING)
    if not args.db.exists():
        logger.info("building %s with %d events", args.db, args.events)
        tool = REPO / "tools" / "make_synthetic_store.py"
        subprocess.run([sys.executable, str(tool), str(args.db), "--events", str(args.events)], check=True)
    cold = run(args.db, repeat=args.repeat, cache=False, match=args.match)
    warm = run(args.db, repeat=args.repeat, cache=True, match=args.match)
    width = max(len(name) for name, _, _ in cold)
    print(f"{'query'.ljust(width)}  cold p50  cold p95  cached p50  cached p95")
    for (name, p50, p95), (_, c50, c95) in zip(cold, warm, strict=True):
        flag = "" if p95 <= 200 else "  cold p95 > 200 ms"
        print(f"{name.ljust(width)}  {p50:8.1f}  {p95:8.1f}  {c50:10.1f}  {c95:10.1f}{flag}")


if __name__ == "__main__":
    main()
