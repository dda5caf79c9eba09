"""The CI quality gate: run every evaluation that has pinned floors, fail if one drops.

Each `benchmarks/eval_<name>.py` prints its figures and, with `--gate`, compares them
with `benchmarks/floors/<name>.json` (floors pinned with a sha256 of the corpus) and
exits non-zero below a floor. Lowering a floor needs the script's `--update-floors`.

A clone without `../shared` (the development sets) runs the evaluations that need none
(end_to_end) and reports the others as skipped, each with a one-line reason; CI sets
`ANNALES_REQUIRE_SHARED=1`, which turns every skip into a failure (issue 15).

Usage:
    python benchmarks/gate.py            # every gated evaluation
    python benchmarks/gate.py coding     # only some
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from _corpus import SHARED, SKIPPED, shared_required

HERE = Path(__file__).resolve().parent


def _run(name: str) -> str:
    """Run one evaluation with --gate; return "ok", "skipped" or "failed"."""
    script = HERE / f"eval_{name}.py"
    if not script.exists():
        print(f"quality gate: floors for {name!r} but no {script.name}", file=sys.stderr)
        return "failed"
    started = time.perf_counter()
    result = subprocess.run([sys.executable, str(script), "--gate"], check=False)
    outcome = {0: "ok", SKIPPED: "skipped"}.get(result.returncode, "failed")
    detail = f"FAILED (exit {result.returncode})" if outcome == "failed" else outcome
    print(f"quality gate: {name}: {detail} in {time.perf_counter() - started:.0f} s", flush=True)
    return outcome


def main(argv: list[str]) -> int:
    names = argv or sorted(p.stem for p in (HERE / "floors").glob("*.json"))
    if shared_required() and not SHARED.is_dir():
        print(f"quality gate: {SHARED} not found, and ANNALES_REQUIRE_SHARED=1 needs it", file=sys.stderr)
        return 1
    outcomes = {name: _run(name) for name in names}
    failed = [name for name, outcome in outcomes.items() if outcome == "failed"]
    skipped = [name for name, outcome in outcomes.items() if outcome == "skipped"]
    if skipped:
        print(f"quality gate: skipped without ../shared: {', '.join(skipped)} (CI runs them)", file=sys.stderr)
    if failed:
        print(f"quality gate failed: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
