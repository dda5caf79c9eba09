"""Coverage-guided fuzzing (atheris / libFuzzer) of every parser we own or wrap.

Each target in tests/reliability/fuzz_targets.py runs in its own process for `--runs`
executions or `--seconds`, whichever comes first. A crashing input (an exception the
target does not document, a hang past the per-input timeout, or memory past the limit)
is saved under tests/reliability/crashes/<target>/ so that the regression tests replay
it for ever after; fix the bug, keep the file.

Usage:
    pip install atheris
    python benchmarks/fuzz.py                       # every target, 20,000 runs or 120 s each
    python benchmarks/fuzz.py dates --runs 200000   # one target
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CRASHES = REPO / "tests" / "reliability" / "crashes"

_CHILD = """
import sys
sys.path.insert(0, {repo!r})
import atheris
with atheris.instrument_imports():
    import annales.pipeline.ingest, annales.pipeline.extract, annales.pipeline.resolve.dates_expressions
    import annales.pipeline.actors, annales.pipeline.resolve.places
from tests.reliability.fuzz_targets import TARGETS
target = TARGETS[{name!r}]
atheris.Setup(sys.argv, target)
atheris.Fuzz()
"""


def fuzz_one(name: str, *, runs: int, seconds: int, timeout: int, rss_mb: int) -> dict[str, object]:
    """Fuzz one target in a child process; return executions and crash files."""
    out = CRASHES / name
    with tempfile.TemporaryDirectory() as tmp:
        script = Path(tmp) / "child.py"
        script.write_text(_CHILD.format(repo=str(REPO), name=name))
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        cmd = [sys.executable, str(script), str(corpus), f"-runs={runs}", f"-max_total_time={seconds}",
               f"-timeout={timeout}", f"-rss_limit_mb={rss_mb}", "-max_len=4096", f"-artifact_prefix={tmp}/",
               "-print_final_stats=1"]  # fmt: skip
        started = time.perf_counter()
        proc = subprocess.run(
            cmd, capture_output=True, text=True, check=False, env={**os.environ, "PYTHONHASHSEED": "0"}
        )
        elapsed = time.perf_counter() - started
        log = proc.stdout + proc.stderr
        crashes = []
        for artifact in Path(tmp).glob("*-*"):
            if artifact.is_file() and artifact.name.split("-")[0] in ("crash", "timeout", "oom", "leak"):
                out.mkdir(parents=True, exist_ok=True)
                kept = out / artifact.name
                kept.write_bytes(artifact.read_bytes())
                crashes.append(str(kept.relative_to(REPO)))
    execs = re.findall(r"stat::number_of_executed_units:\s*(\d+)", log)
    done = int(execs[-1]) if execs else 0
    if not done:
        found = re.findall(r"#(\d+)\s", log)
        done = int(found[-1]) if found else 0
    error = ""
    if proc.returncode and not crashes:
        error = log[-1500:]
    return {"target": name, "executions": done, "seconds": round(elapsed), "crashes": crashes, "error": error}


def main() -> None:
    sys.path.insert(0, str(REPO))
    from tests.reliability.fuzz_targets import TARGETS

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("targets", nargs="*", choices=[*TARGETS, []], default=[])
    parser.add_argument("--runs", type=int, default=20_000)
    parser.add_argument("--seconds", type=int, default=120)
    parser.add_argument("--timeout", type=int, default=20, help="seconds per input before it counts as a hang")
    parser.add_argument("--rss-mb", type=int, default=2048, help="memory limit per fuzzing process")
    args = parser.parse_args()
    names = args.targets or list(TARGETS)
    print("| target | executions | seconds | crashing inputs saved |\n|---|---|---|---|", flush=True)
    failed = False
    for name in names:
        result = fuzz_one(name, runs=args.runs, seconds=args.seconds, timeout=args.timeout, rss_mb=args.rss_mb)
        crashes = result["crashes"]
        n_crashes = len(crashes) if isinstance(crashes, list) else 0
        print(f"| {name} | {result['executions']} | {result['seconds']} | {n_crashes} |", flush=True)
        if crashes or result["error"]:
            failed = True
            print(f"  {crashes} {result['error']}", file=sys.stderr)
    raise SystemExit(1 if failed else 0)


if __name__ == "__main__":
    main()
