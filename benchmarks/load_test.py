"""Load test of `annales serve` with wrk, on loopback, over a store of >= 1,000,000 events.

For the overview, dyad, events-table and event pages (the HTML page and its JSON twin),
at 1, 16 and 64 concurrent connections: requests/s, p50/p95/p99 latency, errors (socket
errors and non-2xx answers), and the server's RSS before and after. Every run is bounded
(`--duration` seconds per case) and the script stops the server itself.

Usage:
    apt-get install wrk
    python benchmarks/load_test.py [--events 1000000] [--duration 10] [--store /tmp/big.duckdb]
"""

from __future__ import annotations

import argparse
import json
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

LUA = """
done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.status + summary.errors.timeout
  io.write(string.format('{"requests": %d, "seconds": %.3f, "p50_ms": %.2f, "p95_ms": %.2f, '
    .. '"p99_ms": %.2f, "errors": %d, "non2xx": %d}\\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1000,
    latency:percentile(95) / 1000, latency:percentile(99) / 1000, errors, summary.errors.status))
end
"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _get(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=30) as response:
        return bytes(response.read())


def _wait_ready(base: str, proc: subprocess.Popen[bytes], limit: float = 120) -> None:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"annales serve exited with {proc.returncode}")
        try:
            _get(f"{base}/api/overview")
            return
        except OSError:
            time.sleep(0.5)
    raise SystemExit("annales serve did not answer in time")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--duration", type=int, default=10, help="seconds per case")
    parser.add_argument("--store", type=Path, default=None, help="reuse (or build here) the synthetic store")
    parser.add_argument("--connections", default="1,16,64")
    args = parser.parse_args()
    tmp = tempfile.TemporaryDirectory()
    store = args.store or Path(tmp.name) / "big.duckdb"
    if not store.exists():
        print(f"building a synthetic store with {args.events} events in {store} ...", flush=True)
        subprocess.run([sys.executable, str(REPO / "tools" / "make_synthetic_store.py"), str(store),
                        "--events", str(args.events)], check=True)  # fmt: skip
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([sys.executable, "-m", "annales.cli.main", "serve", "--db", str(store),
                               "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    script = Path(tmp.name) / "report.lua"
    script.write_text(LUA)
    try:
        _wait_ready(base, server)
        first = json.loads(_get(f"{base}/api/events?actor=USA&limit=1"))
        rows = first.get("events") or first.get("rows") or []
        event_id = rows[0]["event_id"] if rows else "missing"
        pages = {
            "overview": "/",
            "overview (JSON)": "/api/overview",
            "dyad": "/dyad?a=USA&b=RUS",
            "dyad (JSON)": "/api/dyad?a=USA&b=RUS",
            "table": "/events?actor=USA&type=CONSULT&since=2015-01-01",
            "table (JSON)": "/api/events?actor=USA&type=CONSULT&since=2015-01-01",
            "event": f"/events/{event_id}",
            "event (JSON)": f"/api/events/{event_id}",
        }
        print(f"server pid {server.pid}, RSS at start {_rss_mb(server.pid):.0f} MB; {args.duration} s per case\n")
        print("| page | connections | requests/s | p50 ms | p95 ms | p99 ms | errors | RSS after MB |")
        print("|---|---|---|---|---|---|---|---|")
        total_errors = 0
        for name, path in pages.items():
            for conns in (int(c) for c in args.connections.split(",")):
                cmd = ["wrk", f"-t{min(conns, 2)}", f"-c{conns}", f"-d{args.duration}s", "--timeout", "10s",
                       "-s", str(script), base + path]  # fmt: skip
                out = subprocess.run(cmd, capture_output=True, text=True, check=True, timeout=args.duration + 60)
                stats = json.loads(out.stdout.strip().splitlines()[-1])
                total_errors += stats["errors"]
                rate = stats["requests"] / stats["seconds"] if stats["seconds"] else 0.0
                cells = [name, conns, f"{rate:.0f}", f"{stats['p50_ms']:.1f}", f"{stats['p95_ms']:.1f}",
                         f"{stats['p99_ms']:.1f}", stats["errors"], f"{_rss_mb(server.pid):.0f}"]  # fmt: skip
                print("| " + " | ".join(str(cell) for cell in cells) + " |", flush=True)
        print(f"\ntotal errors: {total_errors}; server RSS at end {_rss_mb(server.pid):.0f} MB")
    finally:
        server.terminate()
        server.wait(timeout=30)
        tmp.cleanup()


if __name__ == "__main__":
    main()
