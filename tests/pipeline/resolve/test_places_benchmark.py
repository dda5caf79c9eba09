"""The place accuracy gate (benchmarks/eval_places.py): floors and corpus hashes.

The real run on ../shared is CI's quality gate (benchmarks/gate.py), not a test here.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("eval_places", REPO / "benchmarks" / "eval_places.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["eval_places"] = module
    spec.loader.exec_module(module)
    return module


FLOOR = {"GWN": {"accuracy_161km": 0.75, "sha256": "abc"}}


@pytest.mark.parametrize(
    ("result", "failing"),
    [
        ({"GWN": {"accuracy_161km": 0.80, "sha256": "abc"}}, False),
        ({"GWN": {"accuracy_161km": 0.75, "sha256": "abc"}}, False),
        ({"GWN": {"accuracy_161km": 0.74, "sha256": "abc"}}, True),
        ({"GWN": {"accuracy_161km": 0.90, "sha256": "changed"}}, True),
        ({}, True),
    ],
)
def test_gate_fails_below_floor_or_on_hash_change(
    bench: ModuleType, result: dict[str, dict[str, float | str]], failing: bool
) -> None:
    assert bool(bench.gate(result, FLOOR)) is failing


def test_load_corpus_reads_both_layouts(bench: ModuleType, tmp_path: Path) -> None:
    text = "Troops left Minas Tirith for Osgiliath."
    path = tmp_path / "gold.xml"
    path.write_text(
        "<articles><article><text>" + text + "</text><toponyms>"
        "<toponym><start>12</start><end>24</end><gaztag><lat>1.5</lat><lon>2.5</lon></gaztag></toponym>"
        "<toponym><start>29</start><end>38</end><latitude>3</latitude><longitude>4</longitude></toponym>"
        "<toponym><start>0</start><end>6</end><latitude></latitude></toponym>"
        "</toponyms></article></articles>",
        encoding="utf-8",
    )
    (article,) = bench.load_corpus(path)
    assert [(t.name, t.lat, t.lon) for t in article.toponyms] == [("Minas Tirith", 1.5, 2.5), ("Osgiliath", 3.0, 4.0)]
