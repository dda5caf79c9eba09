"""What README command 1 installs (`pip install -e .`, no extras) is enough for the documented calls (issue 15)."""

from __future__ import annotations

import datetime as dt
import importlib.metadata as metadata
import json
import re
import subprocess
import sys
import tomllib
from pathlib import Path

from packaging.requirements import Requirement

from annales.records import Actor, Article, Event, Sentence
from annales.store.store import Store

REPO = Path(__file__).resolve().parents[1]

# The documented notebook call `annales.open("news.duckdb").events()` in a fresh interpreter, with
# the top-level names of the modules it loads.
_PROBE = """
import json, sys
before = set(sys.modules)
import annales
with annales.open(sys.argv[1]) as reader:
    frame = reader.events()
after = {name.split(".")[0] for name in set(sys.modules) - before}
print(json.dumps({"type": type(frame).__name__, "rows": len(frame), "modules": sorted(after)}))
"""


def _store(path: Path) -> None:
    text = "Kerry met Lavrov."
    event = Event(
        event_id="e1", doc_id="d1", sentence_index=0, sentence=text, span=(0, 16),
        actor=Actor("Kerry", "USA.GOV", "USA", "GOV", "John Kerry"), recipient=None, type="CONSULT", mode=None,
        contexts=(), cameo="040", goldstein=1.0, quad=1, status="occurred", negated=False, confidence=0.9,
        published=dt.date(2014, 3, 4), date=dt.date(2014, 3, 4),
    )  # fmt: skip
    article = Article(doc_id="d1", uri="d1", format="text", text=text, sentences=[Sentence(0, 0, 17, text)],
                      events=[event])  # fmt: skip
    with Store(path) as store:
        store.write([article], run_id="probe")


def _core_closure() -> set[str]:
    """Normalised names of the core dependencies and everything they require, without extras."""
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    todo = [Requirement(text) for text in project["dependencies"]]
    seen: set[str] = set()
    while todo:
        req = todo.pop()
        name = _norm(req.name)
        if name in seen or (req.marker is not None and not req.marker.evaluate({"extra": ""})):
            continue
        seen.add(name)
        todo.extend(Requirement(text) for text in metadata.requires(req.name) or ())
    return seen


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def test_open_events_needs_only_the_default_install(tmp_path: Path) -> None:
    _store(tmp_path / "news.duckdb")
    result = subprocess.run(
        [sys.executable, "-c", _PROBE, str(tmp_path / "news.duckdb")], capture_output=True, text=True, check=True
    )
    probe = json.loads(result.stdout.splitlines()[-1])
    assert probe["type"] == "DataFrame" and probe["rows"] == 1
    owners = metadata.packages_distributions()
    core = _core_closure()
    needed = {_norm(dist) for module in probe["modules"] for dist in owners.get(module, ())}
    assert "pandas" in needed  # the call does load pandas, so the check below is not vacuous
    assert needed <= core | {"annales"}, f"not in the default install: {sorted(needed - core - {'annales'})}"
