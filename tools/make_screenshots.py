"""Screenshots of every explorer page for the README, written to docs/img/*.png.

Builds a synthetic store (tools/make_synthetic_store.py, 20,000 events by default),
serves it on a free loopback port and photographs each page in headless Chromium
(Debian's /usr/bin/chromium driven by Playwright; never `playwright install`).

Usage:
    python tools/make_screenshots.py [--events 20000] [--out docs/img]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import logging
import socket
import tempfile
import threading
import time
import urllib.request
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)

REPO = Path(__file__).resolve().parents[1]
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]  # fmt: skip


def _synthetic_build() -> Any:
    spec = importlib.util.spec_from_file_location("make_synthetic_store", REPO / "tools" / "make_synthetic_store.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.build


def _get(url: str) -> Any:
    with urllib.request.urlopen(url, timeout=30) as response:
        return json.load(response)


def _serve(db: Path) -> tuple[str, Any]:
    import uvicorn

    from annales.api.app import create_app
    from annales.api.settings import ServerSettings

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(ServerSettings(db=str(db))), port=port, log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    return f"http://127.0.0.1:{port}", server


def _pages(base: str) -> list[tuple[str, str]]:
    events = _get(f"{base}/api/events?sort=n_mentions&limit=1")["events"]
    story = _get(f"{base}/api/stories?limit=1")["stories"][0]["story_id"]
    return [
        ("overview", "/"),
        ("events", "/events?actor=USA&recipient=RUS"),
        ("event", f"/events/{events[0]['event_id']}"),
        ("dyad", "/dyad?a=USA&b=RUS&since=2014-01-01&until=2015-12-31"),
        ("network", "/network?max_edges=60"),
        ("map", "/map?since=2015-01-01&until=2015-12-31"),
        ("stories", "/stories"),
        ("story", f"/stories/{story}"),
        ("document", f"/documents/{events[0]['doc_id']}"),
        ("docs", "/docs"),
    ]


def shoot(out: Path, *, events: int) -> list[Path]:
    """Build a store, serve it and write one PNG per page into `out`; return the paths."""
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    written = []
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "screens.duckdb"
        _synthetic_build()(db, n_events=events)
        base, server = _serve(db)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 960})
            for name, path in _pages(base):
                page.goto(base + path)
                page.wait_for_load_state("networkidle")
                page.wait_for_timeout(400)
                target = out / f"explorer-{name}.png"
                page.screenshot(path=str(target))
                written.append(target)
                logger.info("wrote %s", target)
            browser.close()
        server.should_exit = True
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=20_000)
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "img")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    shoot(args.out, events=args.events)


if __name__ == "__main__":
    main()
