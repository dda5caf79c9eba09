"""The quality gate in a clone without ../shared: evaluations that need it skip, the rest run (issue 15)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]

_NEEDS_SHARED = """
import sys
from pathlib import Path
sys.path.insert(0, str(Path(__file__).resolve().parent))
from _corpus import SHARED, skip_missing
if __name__ == "__main__":
    sys.exit(0 if SHARED.is_dir() else skip_missing(SHARED / "data", "eval_needy"))
"""
_SELF_CONTAINED = "import sys\nif __name__ == '__main__':\n    sys.exit({status})\n"


def _clone(tmp_path: Path, evals: dict[str, str]) -> Path:
    """A repository with the real gate and the given evaluations, and no ../shared beside it."""
    bench = tmp_path / "clone" / "repo" / "benchmarks"
    (bench / "floors").mkdir(parents=True)
    for name in ("gate.py", "_corpus.py"):
        shutil.copy(REPO / "benchmarks" / name, bench / name)
    for name, source in evals.items():
        (bench / f"eval_{name}.py").write_text(source)
        (bench / "floors" / f"{name}.json").write_text("{}")
    return bench


def _gate(bench: Path, *, require: bool) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if key != "ANNALES_REQUIRE_SHARED"}
    if require:
        env["ANNALES_REQUIRE_SHARED"] = "1"
    return subprocess.run(
        [sys.executable, str(bench / "gate.py")], capture_output=True, text=True, env=env, check=False, timeout=60
    )


def test_gate_without_shared_skips_what_needs_it_and_runs_the_rest(tmp_path: Path) -> None:
    bench = _clone(tmp_path, {"needy": _NEEDS_SHARED, "selfmade": _SELF_CONTAINED.format(status=0)})
    result = _gate(bench, require=False)
    assert result.returncode == 0, result.stderr
    assert "quality gate: needy: skipped" in result.stdout
    assert "quality gate: selfmade: ok" in result.stdout
    reasons = [line for line in result.stderr.splitlines() if line.startswith("skipped:")]
    assert len(reasons) == 1 and "eval_needy needs" in reasons[0] and "shared" in reasons[0]


def test_gate_without_shared_still_fails_a_broken_evaluation(tmp_path: Path) -> None:
    bench = _clone(tmp_path, {"needy": _NEEDS_SHARED, "broken": _SELF_CONTAINED.format(status=1)})
    result = _gate(bench, require=False)
    assert result.returncode == 1
    assert "quality gate failed: broken" in result.stderr


@pytest.mark.parametrize("evals", [{"needy": _NEEDS_SHARED}, {"selfmade": _SELF_CONTAINED.format(status=0)}])
def test_gate_in_ci_fails_when_shared_is_missing(tmp_path: Path, evals: dict[str, str]) -> None:
    result = _gate(_clone(tmp_path, evals), require=True)
    assert result.returncode == 1
    assert "ANNALES_REQUIRE_SHARED" in result.stderr


def test_gate_in_ci_fails_a_skipping_evaluation(tmp_path: Path) -> None:
    bench = _clone(tmp_path, {"needy": _NEEDS_SHARED})
    (tmp_path / "clone" / "shared").mkdir()  # ../shared exists but lacks what the evaluation needs
    (bench / "eval_needy.py").write_text(_NEEDS_SHARED.replace("SHARED.is_dir()", "(SHARED / 'data').is_dir()"))
    result = _gate(bench, require=True)
    assert result.returncode == 1
    assert "quality gate: needy: FAILED (exit 2)" in result.stdout
