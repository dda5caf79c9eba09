"""End-to-end quality gate: what must and must not come out of the sample corpus and of held-out sentences.

Usage:
    python benchmarks/eval_end_to_end.py                  # print the figures
    python benchmarks/eval_end_to_end.py --gate           # exit 1 below a floor or when a gold file changed
    python benchmarks/eval_end_to_end.py --update-floors  # re-pin the floors (prints old and new; may lower them)
    python benchmarks/eval_end_to_end.py --details        # also list every miss and violation

Documents set (benchmarks/data/e2e_gold.jsonl). `annales run examples/news --workers 1` into a
temporary store; each gold line names a document by its documents.uri and says what MUST come out
(events as actor country or IGO code, recipient, PLOVER type, status, optional date/date_end and
place country) and what MUST NOT (events from footers, dates from related links, events of a
skipped record, chrome left in the text ...), plus document facts (status, published date or null,
near-duplicate cluster partners, same-story partners) and merged events that must hold the events
of two articles. A gold value may be a list of acceptable values; "*" accepts anything (a missing
recipient included). Figures:
  doc_must_recall        share of MUST events found (actor country, recipient country, type, negation)
  doc_status_accuracy    status of the found ones;  doc_date_accuracy  date (and date_end) of the found
                         ones that have a gold date ("YYYY-MM" = any day of that month)
  doc_place_accuracy     place country of the found ones that have a gold place
  doc_must_not_violations  count (lower is better; pinned as a ceiling)
  doc_fact_accuracy      share of document facts right (published, status, cluster, story, merged)

Sentences set (benchmarks/data/news_sentences_gold.jsonl): 228 news sentences written for this
gate (not seen when the coder was built), each coded alone by `annales.cli.code.code_records`
with its publication date. Figures: precision/recall/F1 of (actor country, recipient country, type)
per sentence; type accuracy on gold events whose dyad was found; PLOVER type macro-F1 (type
multisets per sentence, actors ignored); status and negation accuracy on matched events;
accuracy of events with confidence >= 0.8; share of no-event sentences left without events;
sentences per second.

Gold conventions: announced acts keep their own type with status "planned" (the coder's documented
default, docs/events.md), where the documents set accepts the PLOVER manual's AGREE/CONCEDE too;
international sanctions are SANCTION (manual 3.13, 'discontinue'); diplomatic protests are ACCUSE.
"""

from __future__ import annotations

import argparse
import calendar
import contextlib
import datetime as dt
import hashlib
import json
import logging
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "benchmarks" / "data"
DOCS_GOLD = DATA / "e2e_gold.jsonl"
SENTS_GOLD = DATA / "news_sentences_gold.jsonl"
CORPUS = "examples/news"
FLOORS = REPO / "benchmarks" / "floors" / "end_to_end.json"
# A floor sits this far under the measured figure. The documents set is small (about 90 events), so
# one event is ~0.011 of recall: the margin forgives one flipped event per figure, no more.
MARGIN = 0.015
# Figures where lower is better; they are pinned as ceilings (measured value, no margin).
CEILINGS = ("doc_must_not_violations",)
HIGH_CONFIDENCE = 0.8
ANY = "*"

Event = dict[str, Any]
log = logging.getLogger("eval_end_to_end")


def _sha256(paths: Iterable[Path]) -> str:
    digest = hashlib.sha256()
    for path in sorted(paths):
        digest.update(str(path.relative_to(REPO)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _accepts(gold: Any, value: Any) -> bool:
    """True when `value` is one of the gold alternatives ("*" accepts anything, None only None)."""
    options = gold if isinstance(gold, list) else [gold]
    return ANY in options or value in options


def _ratio(good: int, total: int) -> float:
    return good / total if total else 1.0


# ---------------------------------------------------------------- documents set


def run_corpus(db: Path) -> float:
    """Run `annales run examples/news --workers 1` into `db`; return the seconds it took."""
    from annales.cli.run import run

    started = time.perf_counter()
    with contextlib.chdir(REPO):  # documents.uri keeps the path as given, relative to the repo
        run([CORPUS], db=str(db), workers=1)
    return time.perf_counter() - started


def _load_store(db: Path) -> tuple[dict[str, dict[str, Any]], dict[str, list[Event]]]:
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        cur = con.execute("SELECT doc_id, uri, status, error, published, published_reason, cluster_id, story_id, "
                          "text FROM documents")  # fmt: skip
        names = [col[0] for col in cur.description]
        documents = {row[1]: dict(zip(names, row, strict=True)) for row in cur.fetchall()}
        cur = con.execute("SELECT d.uri, e.* FROM events e JOIN documents d USING (doc_id)")
        names = [col[0] for col in cur.description]
        events: dict[str, list[Event]] = {}
        for row in cur.fetchall():
            event = dict(zip(names, row, strict=True))
            events.setdefault(event["uri"], []).append(event)
    finally:
        con.close()
    return documents, events


def _date_ok(gold: str, value: dt.date | None) -> bool:
    if value is None:
        return False
    if len(gold) == 7:  # "YYYY-MM": any day of that month
        year, month = int(gold[:4]), int(gold[5:])
        first = dt.date(year, month, 1)
        return first <= value <= first.replace(day=calendar.monthrange(year, month)[1])
    return value == dt.date.fromisoformat(gold)


def _event_matches(gold: Event, event: Event) -> bool:
    return (
        _accepts(gold["actor"], event["actor_country"])
        and _accepts(gold["recipient"], event["recipient_country"])
        and _accepts(gold["type"], event["type"])
        and bool(event["negated"]) == bool(gold.get("negated", False))
    )


def _dates_right(gold: Event, event: Event) -> bool:
    ok = _date_ok(gold["date"], event["date"])
    if "date_end" in gold:
        ok = ok and _date_ok(gold["date_end"], event["date_end"])
    return ok


def _best_match(gold: Event, events: Sequence[Event]) -> Event | None:
    """The system event matching `gold`, preferring the right status, then the right date."""
    candidates = [event for event in events if _event_matches(gold, event)]
    if not candidates:
        return None

    def rank(event: Event) -> tuple[bool, bool]:
        return (_accepts(gold["status"], event["status"]), "date" in gold and _dates_right(gold, event))

    return max(candidates, key=rank)


def _violations(rule: dict[str, Any], document: dict[str, Any] | None, events: Sequence[Event]) -> list[str]:
    kind = rule["kind"]
    if kind == "text_excludes":
        text = (document or {}).get("text") or ""
        return [f"text keeps {rule['text']!r}"] if rule["text"] in text else []
    if kind == "no_events":
        return [f"{len(events)} events from a document that should have none"] if events else []
    if kind == "no_event_in_sentence":
        bad = [e for e in events if rule["text"] in e["sentence"]]
    elif kind == "no_event_dated":
        bad = [e for e in events if e["date"] == dt.date.fromisoformat(rule["date"])]
    elif kind == "no_event_date_source":
        bad = [e for e in events if e["date_source"] == rule["date_source"]]
    elif kind == "no_event":
        keys = [key for key in ("actor", "recipient", "type", "status", "negated") if key in rule]
        fields = {"actor": "actor_country", "recipient": "recipient_country"}
        bad = [e for e in events if all(_accepts(rule[k], e[fields.get(k, k)]) for k in keys)]
    else:
        raise ValueError(f"unknown must_not kind {kind!r} in {DOCS_GOLD.name}")
    return [f"{kind}: {_describe(e)}" for e in bad]


def _describe(event: Event) -> str:
    return (f"{event['actor_country']}->{event['recipient_country']} {event['type']} {event['status']}"
            f"{' negated' if event['negated'] else ''} date={event['date']} | {event['sentence'][:90]!r}")  # fmt: skip


def _fact_checks(gold: dict[str, Any], documents: dict[str, dict[str, Any]]) -> dict[str, bool]:
    document = documents.get(gold["uri"])
    if document is None:
        return {"stored": False}
    published = document["published"].isoformat() if document["published"] else None
    checks = {
        "status": document["status"] == gold["status"] and document["error"] == gold["error"],
        "published": published == gold["published"] and (published is not None or bool(document["published_reason"])),
    }
    if gold["status"] == "ok":
        cluster = document["cluster_id"]
        partners = {
            uri for uri, other in documents.items() if uri != gold["uri"] and cluster and other["cluster_id"] == cluster
        }
        checks["cluster"] = partners == set(gold["cluster_with"])
        story = {
            uri for uri, other in documents.items() if other["story_id"] and other["story_id"] == document["story_id"]
        }
        checks["story"] = set(gold["story_with"]) <= story and not set(gold["not_story_with"]) & story
    return checks


def _merged_ok(gold: dict[str, Any], events: dict[str, list[Event]]) -> bool:
    """True when one merged event holds a matching event of every listed document."""
    probe = {"actor": gold["actor"], "recipient": gold["recipient"], "type": gold["type"]}
    merged_sets = [{e["merged_id"] for e in events.get(uri, []) if e["merged_id"] and _event_matches(probe, e)}
                   for uri in gold["documents"]]  # fmt: skip
    return bool(set.intersection(*merged_sets)) if merged_sets else False


def score_documents(gold_lines: list[dict[str, Any]], db: Path, *, details: list[str]) -> dict[str, float]:
    """Score the store `db` against the documents gold; append human-readable misses to `details`."""
    documents, events = _load_store(db)
    found = status_ok = dated = date_ok = placed = place_ok = total = violations = 0
    facts: Counter[str] = Counter()
    facts_ok: Counter[str] = Counter()
    for gold in gold_lines:
        if gold["kind"] == "merged":
            ok = _merged_ok(gold, events)
            facts["merged"] += 1
            facts_ok["merged"] += ok
            if not ok:
                details.append(f"merged: no merged event holds {gold['type']} {gold['actor']}->{gold['recipient']} "
                               f"of {', '.join(gold['documents'])}")  # fmt: skip
            continue
        uri, doc_events = gold["uri"], events.get(gold["uri"], [])
        for name, ok in _fact_checks(gold, documents).items():
            facts[name] += 1
            facts_ok[name] += ok
            if not ok:
                details.append(f"fact {name} wrong: {uri}")
        for must in gold["must"]:
            total += 1
            event = _best_match(must, doc_events)
            if event is None:
                details.append(
                    f"missed: {uri}: {must['actor']}->{must['recipient']} {must['type']} ({must.get('note', '')})"
                )
                continue
            found += 1
            status_ok += _accepts(must["status"], event["status"])
            if not _accepts(must["status"], event["status"]):
                details.append(f"status: {uri}: want {must['status']}, got {_describe(event)}")
            if "date" in must:
                dated += 1
                date_ok += _dates_right(must, event)
                if not _dates_right(must, event):
                    details.append(f"date: {uri}: want {must['date']}, got {_describe(event)} ({event['date_reason']})")
            if "place_country" in must:
                placed += 1
                place_ok += event["place_country"] == must["place_country"]
                if event["place_country"] != must["place_country"]:
                    details.append(f"place: {uri}: want {must['place_country']}, got {event['place_country']} "
                                   f"({event['place_name']}) for {_describe(event)}")  # fmt: skip
        for rule in gold["must_not"]:
            bad = _violations(rule, documents.get(uri), doc_events)
            violations += len(bad)
            details.extend(f"must-not: {uri}: {line} ({rule.get('why', '')})" for line in bad)
    scored = {
        "doc_must_recall": _ratio(found, total),
        "doc_status_accuracy": _ratio(status_ok, found),
        "doc_date_accuracy": _ratio(date_ok, dated),
        "doc_place_accuracy": _ratio(place_ok, placed),
        "doc_must_not_violations": float(violations),
        "doc_fact_accuracy": _ratio(sum(facts_ok.values()), sum(facts.values())),
    }
    scored |= {f"doc_fact_{name}": _ratio(facts_ok[name], facts[name]) for name in sorted(facts)}
    log.info("documents: %d MUST events, %d found, %d stored events", total, found, sum(map(len, events.values())))
    return scored


# ---------------------------------------------------------------- sentences set


def code_sentences(gold_lines: list[dict[str, Any]]) -> tuple[dict[str, list[Event]], float]:
    """Code every gold sentence alone with its publication date; return events by id and seconds."""
    from annales.cli.code import TextRecord, code_records

    records = [TextRecord(g["id"], g["text"], dt.date.fromisoformat(g["published"])) for g in gold_lines]
    list(code_records(records[:1]))  # load the models outside the timing
    started = time.perf_counter()
    coded: dict[str, list[Event]] = {g["id"]: [] for g in gold_lines}
    for event in code_records(records):
        coded[event["doc_id"]].append(_flatten(event))
    return coded, time.perf_counter() - started


def _flatten(event: dict[str, Any]) -> Event:
    actor, recipient = event.get("actor") or {}, event.get("recipient") or {}
    return {"actor": actor.get("country"), "recipient": recipient.get("country"), "type": event["type"],
            "mode": event["mode"], "status": event["status"], "negated": bool(event["negated"]),
            "confidence": event["confidence"]}  # fmt: skip


def _pair(golds: list[Event], events: list[Event], *, with_type: bool) -> list[tuple[Event, Event]]:
    """Greedy one-to-one pairing of gold and system events on dyad (and type)."""
    free = list(events)
    pairs = []
    for gold in golds:
        for event in free:
            if (_accepts(gold["actor"], event["actor"]) and _accepts(gold["recipient"], event["recipient"])
                    and (not with_type or gold["type"] == event["type"])):  # fmt: skip
                pairs.append((gold, event))
                free.remove(event)
                break
    return pairs


def _macro_f1(type_pairs: list[tuple[Counter[str], Counter[str]]]) -> float:
    from annales.codes import PLOVER_TYPES

    scores = []
    for name in PLOVER_TYPES:
        tp = sum(min(gold[name], got[name]) for gold, got in type_pairs)
        fp = sum(got[name] for _, got in type_pairs) - tp
        fn = sum(gold[name] for gold, _ in type_pairs) - tp
        if tp + fp + fn:
            scores.append(2 * tp / (2 * tp + fp + fn))
    return sum(scores) / len(scores) if scores else 0.0


def score_sentences(
    gold_lines: list[dict[str, Any]], coded: dict[str, list[Event]], *, details: list[str]
) -> dict[str, float]:
    """Score coded sentences against the gold; append misses and false alarms to `details`."""
    n_gold = n_sys = tp = dyad = type_ok = status_ok = negated_ok = high = high_ok = quiet = n_quiet = 0
    type_pairs: list[tuple[Counter[str], Counter[str]]] = []
    for gold in gold_lines:
        golds, events = gold["events"], coded[gold["id"]]
        n_gold, n_sys = n_gold + len(golds), n_sys + len(events)
        pairs = _pair(golds, events, with_type=True)
        tp += len(pairs)
        status_ok += sum(g["status"] == e["status"] for g, e in pairs)
        negated_ok += sum(g["negated"] == e["negated"] for g, e in pairs)
        dyad_pairs = _pair(golds, events, with_type=False)
        dyad += len(dyad_pairs)
        type_ok += sum(g["type"] == e["type"] for g, e in dyad_pairs)
        matched = [id(e) for _, e in pairs]
        for event in events:
            if event["confidence"] >= HIGH_CONFIDENCE:
                high += 1
                high_ok += id(event) in matched
        if not golds:
            n_quiet += 1
            quiet += not events
        type_pairs.append((Counter(g["type"] for g in golds), Counter(e["type"] for e in events)))
        if len(pairs) < max(len(golds), len(events)):
            details.append(f"{gold['id']}: {gold['text']}\n    gold {_triples(golds)}\n    got  {_triples(events)}")
    precision, recall = _ratio(tp, n_sys), _ratio(tp, n_gold)
    return {
        "sent_precision": precision,
        "sent_recall": recall,
        "sent_f1": 2 * precision * recall / (precision + recall) if precision + recall else 0.0,
        "sent_type_accuracy": _ratio(type_ok, dyad),
        "sent_type_macro_f1": _macro_f1(type_pairs),
        "sent_status_accuracy": _ratio(status_ok, tp),
        "sent_negation_accuracy": _ratio(negated_ok, tp),
        "sent_conf08_accuracy": _ratio(high_ok, high),
        "sent_no_event_quiet": _ratio(quiet, n_quiet),
    }


def _triples(events: list[Event]) -> str:
    return "; ".join(f"{e['actor']}->{e['recipient']} {e['type']} {e['status']}{' neg' if e['negated'] else ''}"
                     for e in events) or "-"  # fmt: skip


# ---------------------------------------------------------------- gate


def _pins() -> dict[str, str]:
    corpus = [p for p in (REPO / CORPUS).rglob("*") if p.is_file()]
    return {DOCS_GOLD.name: _sha256([DOCS_GOLD]), SENTS_GOLD.name: _sha256([SENTS_GOLD]), CORPUS: _sha256(corpus)}


def _floor_of(name: str, value: float) -> float:
    return value if name in CEILINGS else round(max(0.0, value - MARGIN), 4)


def update_floors(scored: dict[str, float]) -> None:
    """Write the floors file, printing each old and new value."""
    old = json.loads(FLOORS.read_text())["floors"] if FLOORS.exists() else {}
    floors = {name: _floor_of(name, value) for name, value in scored.items() if not name.endswith("_per_s")}
    for name, value in floors.items():
        print(f"  {name:28s} {old.get(name, '-')!s:>8} -> {value}")
    FLOORS.write_text(json.dumps({"sha256": _pins(), "ceilings": list(CEILINGS), "margin": MARGIN,
                                  "floors": floors}, indent=2) + "\n")  # fmt: skip
    print(f"floors written to {FLOORS.relative_to(REPO)}")


def check_floors(scored: dict[str, float]) -> int:
    """Return 1 (and say why) when a gold file changed or a figure is below its floor."""
    pinned = json.loads(FLOORS.read_text())
    changed = [name for name, sha in _pins().items() if pinned["sha256"].get(name) != sha]
    if changed:
        print(f"eval_end_to_end: {', '.join(changed)} changed (sha256 differs); re-pin with --update-floors",
              file=sys.stderr)  # fmt: skip
        return 1
    failed = 0
    for name, floor in pinned["floors"].items():
        value = scored.get(name, float("nan"))
        bad = not value <= floor if name in pinned["ceilings"] else not value >= floor
        if bad:
            failed += 1
            word = "above its ceiling" if name in pinned["ceilings"] else "below its floor"
            print(f"eval_end_to_end: {name} {value:.4f} is {word} {floor:.4f}", file=sys.stderr)
    return 1 if failed else 0


def evaluate(*, details: list[str]) -> dict[str, float]:
    """Run both sets and return every figure (seconds and rates included)."""
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "e2e.duckdb"
        seconds = run_corpus(db)
        scored = score_documents(_read_jsonl(DOCS_GOLD), db, details=details)
    sentences = _read_jsonl(SENTS_GOLD)
    coded, coding_seconds = code_sentences(sentences)
    scored |= score_sentences(sentences, coded, details=details)
    scored["run_seconds"] = seconds
    scored["sentences_per_s"] = len(sentences) / coding_seconds if coding_seconds else 0.0
    return scored


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gate", action="store_true", help="Exit 1 below a floor or when a gold file changed.")
    parser.add_argument("--update-floors", action="store_true", help="Re-pin floors (may lower them).")
    parser.add_argument("--details", action="store_true", help="List every miss, wrong value and violation.")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(name)s: %(message)s")
    details: list[str] = []
    scored = evaluate(details=details)
    if args.details:
        print("\n".join(details))
    for name, value in scored.items():
        print(f"{name:28s} {value:.4f}")
    scored = {k: v for k, v in scored.items() if k not in ("run_seconds",)}
    if args.update_floors:
        update_floors(scored)
        return 0
    return check_floors(scored) if args.gate else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
