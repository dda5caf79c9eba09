"""The CI quality gate: run every evaluation that has pinned floors, fail if one drops.

Each `benchmarks/eval_<name>.py` prints its figures and, with `--gate`, compares them
with `benchmarks/floors/<name>.json` (floors pinned with a sha256 of the corpus) and
exits non-zero below a floor. Lowering a floor needs the script's `--update-floors`.

Usage:
    python benchmarks/gate.py            # every gated evaluation
    python benchmarks/gate.py coding     # only some
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHARED = HERE.parent.parent / "shared"


def main(argv: list[str]) -> int:
    names = argv or sorted(p.stem for p in (HERE / "floors").glob("*.json"))
    if not SHARED.is_dir():
        print(f"quality gate: {SHARED} not found; the dev sets are needed", file=sys.stderr)
        return 1
    failed = []
    for name in names:
        script = HERE / f"eval_{name}.py"
        if not script.exists():
            print(f"quality gate: floors for {name!r} but no {script.name}", file=sys.stderr)
            failed.append(name)
            continue
        started = time.perf_counter()
        result = subprocess.run([sys.executable, str(script), "--gate"], check=False)
        status = "ok" if result.returncode == 0 else f"FAILED (exit {result.returncode})"
        print(f"quality gate: {name}: {status} in {time.perf_counter() - started:.0f} s", flush=True)
        if result.returncode:
            failed.append(name)
    if failed:
        print(f"quality gate failed: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
