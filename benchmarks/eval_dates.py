"""Date-resolution quality on TempEval-3 platinum (TimeML TIMEX3 gold values).

For every gold TIMEX3 we resolve the span text with the document creation time (DCT) as
anchor and the tense of its clause (from our spaCy parse of the document), and compare the
TimeML value we produce with the gold one:

- strict: the normalised value string is identical ("2013-W11", "2013-03", "PRESENT_REF");
- at gold granularity: our date cut to the gold's precision (day, ISO week, month, year)
  equals the gold, so "2013-03-22" counts for a gold "2013-03"; other gold forms strictly.

DATE is the headline type. TIME is scored on its date part; DURATION and SET are not dates
of anything and are excluded (we report how many of them we wrongly turn into a date).
dateparser runs on the same spans for comparison. Detection precision/recall runs our
detector over the full text against the DATE and TIME spans (any overlap counts).
Attachment uses the TLINKs: for events linked to a DATE/TIME expression of their own
sentence, does `choose_expression` pick the one the event happens at (IS_INCLUDED,
SIMULTANEOUS, DURING)? Precision counts picks of an expression the event is not at; the
nearest expression in the sentence is reported as a baseline.

Usage:
    python benchmarks/eval_dates.py                 # print figures
    python benchmarks/eval_dates.py --gate          # exit 1 below a floor or on a corpus change
    python benchmarks/eval_dates.py --update-floors # pin the current figures and corpus hash
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import importlib.util
import json
import re
import sys
import time
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from annales.pipeline.nlp.parse import SpacyParser
from annales.pipeline.resolve.dates import (
    TimeExpr,
    choose_expression,
    resolve_expressions,
    sentence_tense,
    text_tense,
)
from annales.pipeline.resolve.dates_calendar import Tense
from annales.records import Sentence

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _corpus import skip_missing

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "data" / "tempeval3" / "platinum"
FLOORS = Path(__file__).resolve().parent / "floors" / "dates.json"
GATED = (
    "date_strict",
    "date_at_gold_granularity",
    "date_calendar_strict",
    "detection_recall",
    "detection_precision",
    "attach_recall",
    "attach_precision",
)
_DAYLIKE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
_WEEK = re.compile(r"^\d{4}-W\d{2}$")


@dataclass(slots=True)
class Timex:
    start: int
    end: int
    type: str
    value: str
    text: str
    tid: str = ""


@dataclass(slots=True)
class Document:
    name: str
    dct: dt.date
    text: str
    timexes: list[Timex] = field(default_factory=list)
    events: dict[str, tuple[int, int]] = field(default_factory=dict)  # eid -> character span
    links: list[tuple[str, str, str]] = field(default_factory=list)  # (eid, tid, relType)


def read_tml(path: Path) -> Document:
    """Read one TimeML file into plain text plus TIMEX3 spans and the DCT."""
    root = ET.parse(path).getroot()
    dct_node = root.find("DCT/TIMEX3")
    if dct_node is None:
        raise ValueError(f"{path} has no DCT")
    doc = Document(path.stem, dt.date.fromisoformat(dct_node.attrib["value"][:10]), "")
    parts: list[str] = []
    text_node = root.find("TEXT")
    if text_node is None:
        raise ValueError(f"{path} has no TEXT")
    _walk(text_node, parts, doc)
    doc.text = "".join(parts)
    instances = {node.attrib["eiid"]: node.attrib["eventID"] for node in root.iter("MAKEINSTANCE")}
    for node in root.iter("TLINK"):
        eiid, tid = node.attrib.get("eventInstanceID"), node.attrib.get("relatedToTime")
        if eiid in instances and tid:
            doc.links.append((instances[eiid], tid, node.attrib["relType"]))
    return doc


def _walk(node: ET.Element, parts: list[str], doc: Document) -> None:
    parts.append(node.text or "")
    for child in node:
        start = sum(map(len, parts))
        _walk(child, parts, doc)
        end = sum(map(len, parts))
        if child.tag == "TIMEX3":
            text = "".join(parts)[start:end]
            attrib = child.attrib
            doc.timexes.append(Timex(start, end, attrib["type"], attrib["value"], text, attrib["tid"]))
        elif child.tag == "EVENT":
            doc.events[child.attrib["eid"]] = (start, end)
        parts.append(child.tail or "")


def corpus_hash(files: list[Path]) -> str:
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _sentence_at(sentences: list[Sentence], offset: int) -> Sentence | None:
    return next((s for s in sentences if s.start <= offset < s.end), None)


def _tense_at(sentences: list[Sentence], start: int, end: int) -> Tense:
    sent = _sentence_at(sentences, start)
    if sent is None:
        return "past"
    covered = [t for t in sent.tokens if t.idx < end and t.end > start]
    if not covered:
        return text_tense(sent.text)
    inside = {t.i for t in covered}
    root = next((t for t in covered if t.head not in inside or t.head == t.i), covered[0])
    return sentence_tense(sent, root.i)


def _at_granularity(value: dt.date, gold: str) -> str:
    if _WEEK.match(gold):
        year, week, _ = value.isocalendar()
        return f"{year:04d}-W{week:02d}"
    return value.isoformat()[: len(gold)]


def _best(exprs: list[TimeExpr], length: int) -> TimeExpr | None:
    return max(exprs, key=lambda e: (e.end - e.start, -e.start), default=None) if exprs else None


def _score(gold: Timex, timex: str, value: dt.date | None) -> tuple[bool, bool]:
    target = gold.value.split("T")[0] if gold.type == "TIME" else gold.value
    ours = timex.split("T")[0] if gold.type == "TIME" else timex
    strict = ours == target
    if value is not None and (_DAYLIKE.match(target) or _WEEK.match(target)):
        return strict, strict or _at_granularity(value, target) == target
    return strict, strict


def _dateparser_value(parser: object, text: str, dct: dt.date, tense: Tense) -> tuple[str, dt.date | None]:
    settings = {
        "RELATIVE_BASE": dt.datetime(dct.year, dct.month, dct.day, 12),
        "PREFER_DATES_FROM": "future" if tense == "future" else "past",
        "RETURN_TIME_AS_PERIOD": True,
    }
    from dateparser.date import DateDataParser

    data = DateDataParser(languages=["en"], settings=settings).get_date_data(text)
    if data.date_obj is None:
        return "", None
    day = data.date_obj.date()
    period = data.period or "day"
    formats = {"year": f"{day.year:04d}", "month": f"{day.year:04d}-{day.month:02d}"}
    if period == "week":
        year, week, _ = day.isocalendar()
        return f"{year:04d}-W{week:02d}", day
    return formats.get(period, day.isoformat()), day


def evaluate(
    corpus: Path, *, with_dateparser: bool = True, misses: list[str] | None = None
) -> dict[str, float | int | str]:
    """Score our resolver (and dateparser) on the corpus; return named figures.

    Args:
        corpus: a folder of TimeML .tml files.
        with_dateparser: also score dateparser on the same spans.
        misses: when given, receives one line per DATE/TIME span we got wrong.
    """
    files = sorted(corpus.glob("*.tml"))
    if not files:
        raise FileNotFoundError(f"no .tml files in {corpus}")
    if with_dateparser and importlib.util.find_spec("dateparser") is None:
        print("dateparser is not installed: its comparison is skipped", file=sys.stderr)
        with_dateparser = False
    parser = SpacyParser()
    tally: Counter[str] = Counter()
    for path in files:
        doc = read_tml(path)
        sentences = parser.parse(doc.text)
        for gold in doc.timexes:
            tense = _tense_at(sentences, gold.start, gold.end)
            expr = _best(resolve_expressions(gold.text, anchor=doc.dct, tense=tense), len(gold.text))
            kind = gold.type.lower()
            tally[f"{kind}_n"] += 1
            if kind in ("duration", "set"):
                tally[f"{kind}_dated"] += bool(expr and expr.value)
                continue
            strict, lenient = _score(gold, expr.timex if expr else "", expr.value if expr else None)
            untensed = _best(resolve_expressions(gold.text, anchor=doc.dct), len(gold.text))
            tally[f"{kind}_untensed"] += _score(gold, untensed.timex if untensed else "", None)[0]
            tally[f"{kind}_strict"] += strict
            calendar = bool(_DAYLIKE.match(gold.value) or _WEEK.match(gold.value))
            tally[f"{kind}_calendar_n"] += calendar
            tally[f"{kind}_calendar_strict"] += calendar and strict
            if misses is not None and not strict:
                ours = f"{expr.timex} ({expr.kind})" if expr else "-"
                misses.append(f"{doc.name} {gold.type} {gold.text!r} gold={gold.value} ours={ours} tense={tense}")
            tally[f"{kind}_lenient"] += lenient
            if with_dateparser:
                timex, value = _dateparser_value(None, gold.text, doc.dct, tense)
                dp_strict, dp_lenient = _score(gold, timex, value)
                tally[f"{kind}_dp_strict"] += dp_strict
                tally[f"{kind}_dp_lenient"] += dp_lenient
                tally[f"{kind}_calendar_dp_strict"] += calendar and dp_strict
        _detect(doc, sentences, tally)
        _attach(doc, sentences, tally)
    return _figures(tally, corpus_hash(files), with_dateparser=with_dateparser)


def _detect(doc: Document, sentences: list[Sentence], tally: Counter[str]) -> None:
    found: list[TimeExpr] = []
    for sent in sentences:
        for expr in resolve_expressions(sent.text, anchor=doc.dct, tense=text_tense(sent.text)):
            found.append(expr)
            tally["detected"] += 1
            spans = [(g.start, g.end) for g in doc.timexes if g.type in ("DATE", "TIME")]
            start, end = sent.start + expr.start, sent.start + expr.end
            tally["detected_correct"] += any(s < end and start < e for s, e in spans)
    for gold in doc.timexes:
        if gold.type in ("DATE", "TIME"):
            tally["gold_detectable"] += 1
            tally["gold_found"] += any(
                s.start + e.start < gold.end and gold.start < s.start + e.end
                for s in sentences
                for e in found
                if s.start <= s.start + e.start < s.end
            )


# TLINK relations that put an event inside (or at) a time expression.
_AT_TIME = frozenset({"IS_INCLUDED", "SIMULTANEOUS", "DURING"})


def _attach(doc: Document, sentences: list[Sentence], tally: Counter[str]) -> None:
    """Does `choose_expression` pick the time expression TimeML links the event to?

    Only events with a TLINK to a DATE/TIME expression of their own sentence count: the
    link says whether the event is at that time (IS_INCLUDED, SIMULTANEOUS, DURING) or not
    (BEFORE, AFTER...). A pick is right when it overlaps an expression the event is at.
    The nearest expression in the sentence is the baseline.
    """
    timexes = {t.tid: t for t in doc.timexes if t.type in ("DATE", "TIME")}
    linked: dict[str, dict[str, str]] = {}
    for eid, tid, rel in doc.links:
        if tid in timexes and eid in doc.events:
            kinds = linked.setdefault(eid, {})
            kinds[tid] = "at" if rel in _AT_TIME or kinds.get(tid) == "at" else "other"
    for eid, kinds in linked.items():
        start, _ = doc.events[eid]
        sent = _sentence_at(sentences, start)
        trigger = next((t.i for t in sent.tokens if t.idx <= start < t.end), None) if sent else None
        same = {tid: kind for tid, kind in kinds.items() if sent and sent.start <= timexes[tid].start < sent.end}
        if sent is None or trigger is None or not same:
            continue
        at = [timexes[tid] for tid, kind in same.items() if kind == "at"]
        exprs = resolve_expressions(sent.text, anchor=doc.dct, tense=sentence_tense(sent, trigger))
        tally["attach_events"] += 1
        tally["attach_gold"] += bool(at)
        for name, pick in (
            ("attach", choose_expression(sent, exprs, trigger_index=trigger)),
            ("nearest", min(exprs, key=lambda e: abs(sent.start + e.start - start), default=None)),
        ):
            if pick is None:
                continue
            hit = any(t.start < sent.start + pick.end and sent.start + pick.start < t.end for t in at)
            tally[f"{name}_picked"] += 1
            tally[f"{name}_right"] += hit


def _figures(tally: Counter[str], digest: str, *, with_dateparser: bool) -> dict[str, float | int | str]:
    def ratio(a: str, b: str) -> float:
        return round(tally[a] / tally[b], 4) if tally[b] else 0.0

    figures: dict[str, float | int | str] = {
        "corpus_sha256": digest,
        "date_n": tally["date_n"],
        "date_strict": ratio("date_strict", "date_n"),
        "date_at_gold_granularity": ratio("date_lenient", "date_n"),
        "date_strict_all_past_tense": ratio("date_untensed", "date_n"),
        "date_calendar_n": tally["date_calendar_n"],
        "date_calendar_strict": ratio("date_calendar_strict", "date_calendar_n"),
        "time_n": tally["time_n"],
        "time_date_part": ratio("time_lenient", "time_n"),
        "duration_n": tally["duration_n"],
        "duration_wrongly_dated": tally["duration_dated"],
        "set_n": tally["set_n"],
        "set_wrongly_dated": tally["set_dated"],
        "detection_recall": ratio("gold_found", "gold_detectable"),
        "detection_precision": ratio("detected_correct", "detected"),
        "attach_events": tally["attach_events"],
        "attach_recall": ratio("attach_right", "attach_gold"),
        "attach_precision": ratio("attach_right", "attach_picked"),
        "nearest_baseline_recall": ratio("nearest_right", "attach_gold"),
        "nearest_baseline_precision": ratio("nearest_right", "nearest_picked"),
    }
    if with_dateparser:
        figures["dateparser_date_strict"] = ratio("date_dp_strict", "date_n")
        figures["dateparser_date_at_gold_granularity"] = ratio("date_dp_lenient", "date_n")
        figures["dateparser_date_calendar_strict"] = ratio("date_calendar_dp_strict", "date_calendar_n")
    return figures


def gate(figures: dict[str, float | int | str], floors_path: Path) -> list[str]:
    """The reasons the figures fail the pinned floors (empty when they pass)."""
    pinned = json.loads(floors_path.read_text())
    problems = []
    if pinned["corpus_sha256"] != figures["corpus_sha256"]:
        problems.append("corpus changed (sha256 differs): re-run with --update-floors after checking it")
    for name in GATED:
        if float(figures[name]) < float(pinned["floors"][name]):
            problems.append(f"{name} {figures[name]} is below its floor {pinned['floors'][name]}")
    return problems


def update_floors(figures: dict[str, float | int | str], floors_path: Path) -> None:
    floors = {name: figures[name] for name in GATED}
    payload = {"corpus": "tempeval3/platinum", "corpus_sha256": figures["corpus_sha256"], "floors": floors}
    floors_path.parent.mkdir(parents=True, exist_ok=True)
    floors_path.write_text(json.dumps(payload, indent=2) + "\n")


def main(argv: list[str] | None = None) -> int:
    args = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    args.add_argument("--corpus", type=Path, default=CORPUS)
    args.add_argument("--gate", action="store_true", help="compare with benchmarks/floors/dates.json")
    args.add_argument("--update-floors", action="store_true", help="pin the current figures as floors")
    args.add_argument("--no-dateparser", action="store_true", help="skip the dateparser comparison")
    args.add_argument("--misses", action="store_true", help="list the DATE/TIME spans resolved wrongly")
    opts = args.parse_args(argv)
    if not opts.corpus.is_dir():
        return skip_missing(opts.corpus, "eval_dates (TempEval-3 platinum)")
    started = time.perf_counter()
    misses: list[str] = []
    figures = evaluate(opts.corpus, with_dateparser=not opts.no_dateparser, misses=misses)
    if opts.misses:
        print("\n".join(misses))
    for name, value in figures.items():
        print(f"{name:40s} {value}")
    print(f"{'seconds':40s} {time.perf_counter() - started:.1f}")
    if opts.update_floors:
        update_floors(figures, FLOORS)
        print(f"floors written to {FLOORS}")
        return 0
    if opts.gate:
        problems = gate(figures, FLOORS)
        for problem in problems:
            print(f"GATE FAILED: {problem}", file=sys.stderr)
        return 1 if problems else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
