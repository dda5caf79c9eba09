"""Helpers for benchmarks: run a command while sampling the RSS of its process tree."""

from __future__ import annotations

import os
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Measured:
    """Wall time and peak memory of a command and its children."""

    seconds: float
    peak_tree_rss_mb: float  # the largest sum of RSS over the process tree at one moment
    peak_process_rss_mb: float  # the largest single process
    returncode: int
    stdout: str


def _children(pid: int) -> list[int]:
    found = [pid]
    try:
        for task in Path(f"/proc/{pid}/task").iterdir():
            text = (task / "children").read_text()
            for child in text.split():
                found.extend(_children(int(child)))
    except OSError:
        pass
    return found


def _rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def measure(
    cmd: list[str], *, env: dict[str, str] | None = None, interval: float = 0.2, stdin: Path | None = None
) -> Measured:
    """Run `cmd` (reading `stdin` when given), sampling the RSS of its process tree every `interval` seconds."""
    started = time.perf_counter()
    source = open(stdin, "rb") if stdin is not None else None  # noqa: SIM115 (closed below)
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stdin=source, text=True, env={**os.environ, **(env or {})})
    peaks = [0.0, 0.0]
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            sizes = [_rss_mb(pid) for pid in _children(proc.pid)]
            peaks[0] = max(peaks[0], sum(sizes))
            peaks[1] = max(peaks[1], max(sizes, default=0.0))
            done.wait(interval)

    thread = threading.Thread(target=sample, daemon=True)
    thread.start()
    stdout, _ = proc.communicate()
    done.set()
    thread.join()
    if source is not None:
        source.close()
    return Measured(time.perf_counter() - started, peaks[0], peaks[1], proc.returncode, stdout)
