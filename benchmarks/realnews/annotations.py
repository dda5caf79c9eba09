"""Check annotators' files of the blind set and turn their quotations into character offsets.

Usage:
    python benchmarks/realnews/annotations.py check WORK.jsonl [--out benchmarks/realnews/passes/A.jsonl]
    python benchmarks/realnews/annotations.py agree PASS_A.jsonl PASS_B.jsonl

`check` validates every event (codes, types, modes, status, dates, tiers) and finds each quotation in
the article's source text (exactly, else with whitespace and quote marks normalised); with `--out`
it writes the events with `anchors` instead of quotations (the repository never holds article text).
`agree` prints the agreement of two passes on (actor country, recipient country, type) per article.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from benchmarks.realnews.sources import load_article

from annales.codes import PLOVER_MODES, PLOVER_TYPES

TYPES = PLOVER_TYPES
MODES = PLOVER_MODES
STATUSES = ("occurred", "planned", "hypothetical")
TIERS = ("core", "acceptable")
_CODE = re.compile(r"^(---|[A-Z]{2,8})(\.[A-Z]{3})?$")
_DATE = re.compile(r"^\d{4}(-\d\d(-\d\d)?)?$")
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"})


@dataclass(slots=True)
class Problem:
    key: str
    index: int
    message: str

    def __str__(self) -> str:
        return f"{self.key} event {self.index}: {self.message}"


def _normalised(text: str) -> tuple[str, list[int]]:
    """Text with quote marks and dashes unified and whitespace runs collapsed, and a map back to offsets."""
    out: list[str] = []
    where: list[int] = []
    space = False
    for i, ch in enumerate(text.translate(_QUOTES)):
        if ch.isspace():
            if not space and out:
                out.append(" ")
                where.append(i)
            space = True
            continue
        space = False
        out.append(ch)
        where.append(i)
    return "".join(out), where


def find_quote(text: str, quote: str) -> tuple[int, int] | None:
    """Character span of `quote` in `text`: exact first, then normalised; None when absent."""
    start = text.find(quote)
    if start >= 0:
        return start, start + len(quote)
    norm, where = _normalised(text)
    q, _ = _normalised(quote.strip())
    start = norm.find(q)
    if start < 0 or not q:
        return None
    return where[start], where[start + len(q) - 1] + 1


def _check_code(value: object, *, nullable: bool) -> str | None:
    if value is None:
        return None if nullable else "missing code"
    if not isinstance(value, str) or not _CODE.match(value):
        return f"bad code {value!r} (want e.g. USA, USA.GOV, NATO, UNO.REF, ---)"
    return None


def check_event(event: dict[str, object]) -> list[str]:
    """Problems of one event, as messages."""
    problems = []
    for field in ("actor", "recipient"):
        msg = _check_code(event.get(field), nullable=field == "recipient")
        if msg:
            problems.append(f"{field}: {msg}")
    if event.get("actor") and event.get("actor") == event.get("recipient"):
        problems.append("actor and recipient have the same code (self-dyads are never coded)")
    etype = event.get("type")
    if etype not in TYPES:
        problems.append(f"type {etype!r} is not a PLOVER type")
    mode = event.get("mode")
    if mode not in (None, "") and mode not in MODES.get(str(etype), set()):
        problems.append(f"mode {mode!r} is not a mode of {etype}")
    if event.get("status") not in STATUSES:
        problems.append(f"status {event.get('status')!r} not in {STATUSES}")
    if not isinstance(event.get("negated"), bool):
        problems.append("negated must be true or false")
    date = event.get("date")
    if date is not None and not (isinstance(date, str) and _DATE.match(date)):
        problems.append(f"date {date!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    if event.get("tier") not in TIERS:
        problems.append(f"tier {event.get('tier')!r} not in {TIERS}")
    for alt in event.get("alt") or []:
        if not isinstance(alt, dict) or not set(alt) <= {"type", "actor", "recipient", "mode"}:
            problems.append(f"alt {alt!r} must be an object with type/actor/recipient/mode")
        elif "type" in alt and alt["type"] not in TYPES:
            problems.append(f"alt type {alt['type']!r} is not a PLOVER type")
    return problems


def check_file(path: Path) -> tuple[list[dict[str, object]], list[Problem]]:
    """Read an annotator's file; return the records with `anchors` and the problems found."""
    records: list[dict[str, object]] = []
    problems: list[Problem] = []
    with open(path, encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                problems.append(Problem(f"line {lineno}", -1, f"not JSON: {exc}"))
                continue
            records.append(record)
            problems.extend(_anchor_record(record))
    return records, problems


def _anchor_record(record: dict[str, object]) -> list[Problem]:
    key = str(record.get("key"))
    try:
        text = load_article(key).text
    except KeyError:
        return [Problem(key, -1, "unknown article key")]
    record["text_sha256"] = hashlib.sha256(text.encode("utf-8")).hexdigest()
    problems = []
    events = record.get("events")
    if not isinstance(events, list):
        return [Problem(key, -1, "events must be a list")]
    for i, event in enumerate(events):
        problems.extend(Problem(key, i, m) for m in check_event(event))
        anchors = []
        for quote in [event.get("quote"), *(event.get("also") or [])]:
            span = find_quote(text, str(quote)) if quote else None
            if span is None:
                problems.append(Problem(key, i, f"quote not found in the text: {str(quote)[:60]!r}"))
            else:
                anchors.append(list(span))
        event["anchors"] = anchors
    return problems


def strip_quotes(records: Iterable[dict[str, object]]) -> list[dict[str, object]]:
    """Records as stored in the repository: anchors, no quotations."""
    out = []
    for record in records:
        events = []
        for event in record.get("events") or []:  # type: ignore[attr-defined]
            events.append({k: v for k, v in event.items() if k not in ("quote", "also")})
        out.append({**record, "events": events})
    return out


def triples(event: dict[str, object]) -> set[tuple[str, str, str]]:
    """(actor country, recipient country or '-', type) of an event and of each of its alternatives."""

    def country(code: object) -> str:
        return str(code).split(".")[0] if code else "-"

    base = {"actor": event.get("actor"), "recipient": event.get("recipient"), "type": event.get("type")}
    found = {(country(base["actor"]), country(base["recipient"]), str(base["type"]))}
    for alt in event.get("alt") or []:  # type: ignore[attr-defined]
        merged = {**base, **alt}
        found.add((country(merged["actor"]), country(merged["recipient"]), str(merged["type"])))
    return found


def _strict(event: dict[str, object]) -> tuple[str, str, str]:
    return next(iter(triples({k: v for k, v in event.items() if k != "alt"})))


def agreement(a: list[dict[str, object]], b: list[dict[str, object]]) -> dict[str, float]:
    """Per-article agreement of two passes on core events: each pass scored against the other.

    `core_a_found_by_b`: share of A's core events whose triple (or an alternative) is among any of B's
    events (the same rule the coder is scored by); `strict_core_f1`: F1 of the two passes' sets of core
    (actor country, recipient country, type) triples per article, alternatives ignored.
    """
    by_key = {str(r["key"]): r for r in b}
    found_ab = total_a = found_ba = total_b = 0
    strict_a = strict_b = strict_both = 0
    for record in a:
        other = by_key.get(str(record["key"]))
        if other is None:
            continue
        ea = [e for e in record["events"] if e.get("tier") == "core"]  # type: ignore[union-attr]
        eb = [e for e in other["events"] if e.get("tier") == "core"]  # type: ignore[union-attr]
        all_b = set().union(*(triples(e) for e in other["events"]))  # type: ignore[union-attr]
        all_a = set().union(*(triples(e) for e in record["events"]))  # type: ignore[union-attr]
        total_a += len(ea)
        total_b += len(eb)
        found_ab += sum(bool(triples(e) & all_b) for e in ea)
        found_ba += sum(bool(triples(e) & all_a) for e in eb)
        sa, sb = {_strict(e) for e in ea}, {_strict(e) for e in eb}
        strict_a, strict_b, strict_both = strict_a + len(sa), strict_b + len(sb), strict_both + len(sa & sb)
    return {
        "core_a_found_by_b": round(found_ab / total_a, 3) if total_a else 0.0,
        "core_b_found_by_a": round(found_ba / total_b, 3) if total_b else 0.0,
        "strict_core_f1": round(2 * strict_both / (strict_a + strict_b), 3) if strict_a + strict_b else 0.0,
        "core_a": total_a,
        "core_b": total_b,
    }


def read_jsonl(path: Path) -> list[dict[str, object]]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="cmd", required=True)
    check = sub.add_parser("check")
    check.add_argument("file", type=Path)
    check.add_argument("--out", type=Path)
    agree = sub.add_parser("agree")
    agree.add_argument("a", type=Path)
    agree.add_argument("b", type=Path)
    args = parser.parse_args(argv)
    if args.cmd == "check":
        records, problems = check_file(args.file)
        for problem in problems:
            print(problem)
        n_events = sum(len(r.get("events") or []) for r in records)  # type: ignore[arg-type]
        print(f"{len(records)} articles, {n_events} events, {len(problems)} problems")
        if args.out and not problems:
            args.out.parent.mkdir(parents=True, exist_ok=True)
            with open(args.out, "w", encoding="utf-8") as fh:
                for record in strip_quotes(records):
                    fh.write(json.dumps(record, ensure_ascii=False) + "\n")
            print(f"wrote {args.out}")
        return 1 if problems else 0
    print(json.dumps(agreement(read_jsonl(args.a), read_jsonl(args.b)), indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
