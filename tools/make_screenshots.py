"""Screenshots of every explorer page for the README, written to docs/img/*.png.

Builds a store the way a user does, `annales run examples/news --db ...` (the bundled
sample corpus, through the whole pipeline), serves it on a free loopback port and
photographs each page in headless Chromium (Debian's /usr/bin/chromium driven by
Playwright; never `playwright install`). The pages shown (an event, a dyad, a document)
are picked from the store's own answers, so the pictures follow the corpus.

Usage:
    python tools/make_screenshots.py [--corpus examples/news] [--out docs/img]
"""

from __future__ import annotations

import argparse
import json
import logging
import socket
import subprocess
import sys
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


def build_store(corpus: Path, db: Path) -> None:
    """Run the whole pipeline on `corpus` into `db`, as the README's first command does."""
    annales = Path(sys.executable).with_name("annales")
    command = [str(annales), "run", str(corpus), "--db", str(db)]
    subprocess.run(command, check=True, cwd=REPO, stdout=subprocess.DEVNULL)


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
    event = _get(f"{base}/api/events?sort=n_mentions&limit=1")["events"][0]
    # The dyad with the most dated periods in either direction, so that its time charts show something.
    dyads = _get(f"{base}/api/overview")["top_dyads"]
    dyad = max(dyads, key=lambda d: len(_get(f"{base}/api/dyad?a={d['actor']}&b={d['recipient']}")["series"]))
    story = _get(f"{base}/api/stories?limit=1")["stories"][0]["story_id"]
    pair = f"actor={dyad['actor']}&recipient={dyad['recipient']}"
    return [
        ("overview", "/"),
        ("events", f"/events?actor={dyad['actor']}&both=true&sort=date"),
        ("event", f"/events/{event['event_id']}"),
        ("dyad", f"/dyad?{pair}"),
        ("network", "/network"),
        ("map", "/map"),
        ("stories", "/stories"),
        ("story", f"/stories/{story}"),
        ("document", f"/documents/{event['doc_id']}"),
        ("docs", "/docs"),
    ]


def shoot(out: Path, *, corpus: Path) -> list[Path]:
    """Build a store from `corpus`, serve it and write one PNG per page into `out`; return the paths."""
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    written = []
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "screens.duckdb"
        build_store(corpus, db)
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
    parser.add_argument("--corpus", type=Path, default=Path("examples/news"), help="news to run (from the repo root)")
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "img")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    shoot(args.out, corpus=args.corpus)


if __name__ == "__main__":
    main()
