"""Worker processes of ours keep PyTorch and CuPy out when the pipeline does not need them."""

from __future__ import annotations

import subprocess
import sys

import pytest

CHECK = """
from annales.executor.base import keep_tensor_stacks_out
print(keep_tensor_stacks_out({sections}))
try:
    import torch
    print("torch imported")
except ImportError:
    print("torch refused")
{after}
"""

PARSE = """
from annales.pipeline.nlp.parse import load_model
doc = load_model()("Kerry met Lavrov in Geneva on Tuesday.")
print(" ".join(t.dep_ for t in doc[:3]), "|", " ".join(e.label_ for e in doc.ents))
"""


def _run(sections: str, after: str = "") -> list[str]:
    code = CHECK.format(sections=sections, after=after)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip().splitlines()


@pytest.mark.slow
def test_worker_blocks_tensor_stacks_and_still_parses() -> None:
    lines = _run("{}", PARSE)
    assert lines[0] == "['torch', 'cupy', 'cupyx']"
    assert lines[1] == "torch refused"
    deps, ents = lines[2].split(" | ")
    assert deps == "nsubj ROOT dobj"
    assert "GPE" in ents.split()  # the model loaded and tagged Geneva without thinc's torch backend


def test_worker_leaves_a_transformer_pipeline_its_stacks() -> None:
    lines = _run("{'nlp': {'model': 'en_core_web_trf'}}")
    assert lines[0] == "[]"
    assert lines[1] == ("torch imported" if _installed("torch") else "torch refused")


def _installed(name: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(name) is not None
