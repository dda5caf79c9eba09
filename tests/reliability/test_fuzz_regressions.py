"""Replay every input the fuzzer found crashing, and a seed corpus, through each target."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.reliability.fuzz_targets import TARGETS

CRASHES = Path(__file__).resolve().parent / "crashes"

SEEDS: list[bytes] = [
    b"",
    b"\x00" * 64,
    b"\xff\xfe\x00<\x00h\x00t\x00m\x00l",
    b"<html>" + b"<div>" * 5000 + b"x",
    b'{"text": "Kerry met Lavrov."}\n{"html": "<p>x</p>", "published": "2013-02-31"}\n{bad',
    b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 99999\r\n\r\nHTTP/1.1 200 OK\r\n",
    b"\x1f\x8b\x08\x00truncated",
    b"MOSCOW, Feb 30 (Reuters) - July 14-15 last June two weeks ago Wednesday night",
    b"JOHN_KERRY_\n+KERRY_\n[USAGOV >130201\n[USALEG 090101-130201]\n",
    "Paris, Texas \u202e\u200b Georgia \ufeff".encode(),
    b"Comments: 0\nXS\nSM\nPublished 24-04-2013, 07:30\n" * 50,
]


def _cases() -> list[tuple[str, bytes, str]]:
    cases = [(name, seed, f"seed{i}") for name in TARGETS for i, seed in enumerate(SEEDS)]
    for folder in sorted(CRASHES.glob("*")):
        for path in sorted(folder.iterdir()):
            cases.append((folder.name, path.read_bytes(), path.name))
    return cases


@pytest.mark.parametrize(("target", "data", "label"), _cases(), ids=lambda v: v if isinstance(v, str) else "")
def test_fuzz_target_survives_input(target: str, data: bytes, label: str) -> None:
    TARGETS[target](data)
