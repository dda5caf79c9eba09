"""Fixtures for the browser tests: the explorer served by uvicorn on a free loopback port, and Chromium."""

from __future__ import annotations

import importlib.util
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from annales import codes
from tests.api.sample_store import build_store

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
        assert isinstance(port, int)
        return port


@pytest.fixture(scope="session")
def live_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Base URL of the explorer on the finalized sample store, served in a background thread."""
    import uvicorn

    from annales.api.app import create_app
    from annales.api.settings import ServerSettings

    path = build_store(tmp_path_factory.mktemp("web") / "web.duckdb", finalized=True)
    port = _free_port()
    config = uvicorn.Config(create_app(ServerSettings(db=str(path), port=port)), host="127.0.0.1", port=port,
                            log_level="warning", lifespan="on")  # fmt: skip
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the explorer did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Headless Debian Chromium driven by Playwright; skips when either is missing."""
    if importlib.util.find_spec("playwright") is None:
        pytest.skip("playwright is not installed (pip install 'annales[test]')")
    if not Path(CHROMIUM).exists() and shutil.which("chromium") is None:
        pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh page that records console errors, page errors and dialogs in `page.problems`."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    new_page = context.new_page()
    problems: list[str] = []
    new_page.on(
        "console", lambda msg: problems.append(f"console {msg.type}: {msg.text}") if msg.type == "error" else None
    )
    new_page.on("pageerror", lambda exc: problems.append(f"page error: {exc}"))

    def on_dialog(dialog: Any) -> None:
        problems.append(f"dialog: {dialog.message}")
        dialog.dismiss()

    new_page.on("dialog", on_dialog)
    new_page.problems = problems
    yield new_page
    context.close()


@pytest.fixture(autouse=True)
def every_event(monkeypatch: pytest.MonkeyPatch) -> None:
    """Outputs show every event here, whatever `codes.DEFAULT_MIN_CONFIDENCE` is: these tests are about
    the other filters; the tests that name the default set it themselves."""
    monkeypatch.setattr(codes, "DEFAULT_MIN_CONFIDENCE", 0.0)
