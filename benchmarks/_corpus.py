"""Where the evaluations find the development sets, and how they skip when a clone has none.

The annotated corpora live in `../shared` beside the checkout (CI has it; a user's clone does
not). An evaluation whose corpus is missing prints one line saying what it needs and exits with
`SKIPPED` (77, the automake convention), which `benchmarks/gate.py` reports as skipped rather
than failed, unless `ANNALES_REQUIRE_SHARED=1` (set by `.ci/run`) makes every skip a failure.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared"
SKIPPED = 77
REQUIRE_ENV = "ANNALES_REQUIRE_SHARED"


def shared_required() -> bool:
    """True where the development sets must be present (CI): a missing corpus is then an error."""
    return os.environ.get(REQUIRE_ENV, "") == "1"


def skip_missing(path: Path, what: str) -> int:
    """Say in one line that `what` needs `path`, which is missing; return the exit status to use.

    Returns:
        SKIPPED, or 2 when `shared_required()` (a corpus that CI must have is missing).
    """
    print(f"skipped: {what} needs {path}, which is not beside this checkout (CI has ../shared)", file=sys.stderr)
    return 2 if shared_required() else SKIPPED
