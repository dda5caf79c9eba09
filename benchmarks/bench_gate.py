"""What the nlp event gate (issue 13) costs in recall and saves in parsing, on every dev set.

Each dev set is coded three times: without the gate (`[nlp] gate = false`, the output of
`annales.nlp.spacy.v1`), with the default gate (`gate_triggers = "verbs"`) and with the
vocabulary-only gate (`gate_triggers = "vocabulary"`). Per set and mode it prints the gold events
found, the share of sentences parsed, and the events found without the gate that the gate lost
(issue 13: < 1 % of the gold events found).

  sentences  benchmarks/data/news_sentences_gold.jsonl (228 sentences, each coded alone):
             gold (actor country, recipient country, type) found
  e2e        `annales run examples/news` against benchmarks/data/e2e_gold.jsonl: MUST events found
  gsr        the PLOVER GSR records (../shared): records whose top event has the gold type
  realnews   the blind real-article set (../shared texts, benchmarks/realnews gold): core gold events
             found, dev and test splits (aggregate counts only; no per-article output)

Usage:
    python benchmarks/bench_gate.py [--only sentences e2e gsr realnews] [--json]
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import logging
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from annales.config import PipelineConfig  # noqa: E402
from annales.records import Article  # noqa: E402

MODES: dict[str, dict[str, Any]] = {
    "no gate": {"gate": False},
    "gate, verbs": {"gate": True, "gate_triggers": "verbs"},
    "gate, vocabulary": {"gate": True, "gate_triggers": "vocabulary"},
}
SETS = ("sentences", "e2e", "gsr", "realnews")


def _config(mode: str, folder: Path) -> Path:
    """A TOML config file with the mode's [nlp] section."""
    lines = ["[nlp]", 'stage = "annales.nlp.spacy.v2"']
    lines += [f"{key} = {json.dumps(value)}" for key, value in MODES[mode].items()]
    path = folder / f"{mode.replace(' ', '_').replace(',', '')}.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _parsed_share(articles: list[Article]) -> tuple[int, int]:
    sentences = [s for a in articles for s in a.sentences]
    return sum(1 for s in sentences if not (s.dropped or "").startswith("no_")), len(sentences)


def run_sentences(config: Path) -> dict[str, Any]:
    from eval_end_to_end import SENTS_GOLD, _flatten, _read_jsonl, score_sentences

    from annales.cli.code import TextRecord, code_records

    gold = _read_jsonl(SENTS_GOLD)
    records = [TextRecord(g["id"], g["text"], dt.date.fromisoformat(g["published"])) for g in gold]
    coded: dict[str, list[Any]] = {g["id"]: [] for g in gold}
    for event in code_records(records, cfg=PipelineConfig.load(config)):
        coded[event["doc_id"]].append(_flatten(event))
    scores = score_sentences(gold, coded, details=[])
    n_gold = sum(len(g["events"]) for g in gold)
    found = round(scores["sent_recall"] * n_gold)
    events = {(k, e["actor"], e["recipient"], e["type"]) for k, evs in coded.items() for e in evs}
    return {"gold": n_gold, "found": found, "events": events}


def run_e2e(config: Path) -> dict[str, Any]:
    from eval_end_to_end import CORPUS, DOCS_GOLD, _load_store, _read_jsonl, score_documents

    from annales.cli.run import run

    gold = _read_jsonl(DOCS_GOLD)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "e2e.duckdb"
        with contextlib.chdir(REPO):
            summary = run([CORPUS], db=str(db), workers=1, config=str(config))
        scores = score_documents(gold, db, details=[])
        _, stored = _load_store(db)
    total = sum(len(g["must"]) for g in gold if g["kind"] != "merged")
    events = {(uri, e["actor_code"], e["recipient_code"], e["type"]) for uri, evs in stored.items() for e in evs}
    dropped = sum(v for k, v in summary.stats.items() if k.startswith("nlp.dropped_sentence_no_"))
    return {"gold": total, "found": round(scores["doc_must_recall"] * total), "events": events,
            "parsed": summary.sentences - dropped, "sentences": summary.sentences}  # fmt: skip


def run_gsr(config: Path) -> dict[str, Any]:
    from eval_coding import GSR_FILE, _top, load_gsr, prepare

    from annales.pipeline.actors import ActorStage, ActorTable
    from annales.pipeline.coding import PloverCoder
    from annales.pipeline.registry import build_stages

    records = load_gsr(GSR_FILE)
    parser = build_stages(PipelineConfig.load(config).with_section("extract", enabled=False),
                          provided=("article.text",))[0]  # fmt: skip
    articles = prepare([(r.text, None) for r in records], parser=parser, actors=ActorStage(table=ActorTable.default()))
    coder = PloverCoder()
    for article in articles:
        coder.process(article)
    found = 0
    for record, article in zip(records, articles, strict=True):
        top = _top(article.events)
        found += top is not None and top.type == record.label
    events = {(a.doc_id, e.actor.code, e.recipient.code if e.recipient else None, e.type)
              for a in articles for e in a.events}  # fmt: skip
    parsed, total = _parsed_share(articles)
    return {"gold": len(records), "found": found, "events": events, "parsed": parsed, "sentences": total}


def run_realnews(config: Path) -> dict[str, Any]:
    from benchmarks.realnews.gold import GOLD
    from eval_realnews import code_articles, evaluate, load_gold, load_manifest

    manifest = {row["key"]: row for row in load_manifest()}
    gold = [g for g in load_gold(GOLD) if g.key in manifest]
    coded = code_articles([g.key for g in gold], manifest, config)
    out: dict[str, Any] = {"gold": 0, "found": 0}
    for split in ("dev", "test"):
        part = [g for g in gold if manifest[g.key]["split"] == split]
        scores, _, _ = evaluate(part, coded, min_confidence=0.0)  # every event the store keeps
        out[f"{split}_gold"], out[f"{split}_found"] = scores.core, scores.core_found
        out["gold"] += scores.core
        out["found"] += scores.core_found
    articles = list(coded.values())
    out["events"] = {(a.doc_id, e.actor.code, e.recipient.code if e.recipient else None, e.type)
                     for a in articles for e in a.events}  # fmt: skip
    out["parsed"], out["sentences"] = _parsed_share(articles)
    return out


RUNNERS: dict[str, Callable[[Path], dict[str, Any]]] = {
    "sentences": run_sentences,
    "e2e": run_e2e,
    "gsr": run_gsr,
    "realnews": run_realnews,
}


def _available(name: str) -> bool:
    if name in ("sentences", "e2e"):
        return True
    from benchmarks.realnews.sources import shared_available

    return shared_available()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", nargs="+", choices=SETS, default=list(SETS))
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    rows = []
    with tempfile.TemporaryDirectory(prefix="annales-gate-") as tmp:
        configs = {mode: _config(mode, Path(tmp)) for mode in MODES}
        for name in args.only:
            if not _available(name):
                print(f"bench_gate: {name} skipped: needs ../shared")
                continue
            base: dict[str, Any] | None = None
            for mode, config in configs.items():
                started = time.perf_counter()
                result = RUNNERS[name](config)
                seconds = time.perf_counter() - started
                base = base or result
                rows.append(_row(name, mode, result, base, seconds))
                print(json.dumps(rows[-1]), file=sys.stderr, flush=True)
    _print(rows)
    if args.json:
        print(json.dumps(rows))
    return 0


def _row(name: str, mode: str, result: dict[str, Any], base: dict[str, Any], seconds: float) -> dict[str, Any]:
    lost = base["found"] - result["found"]
    row = {
        "set": name,
        "mode": mode,
        "gold": result["gold"],
        "found": result["found"],
        "lost_vs_no_gate": lost,
        "lost_share": round(lost / base["found"], 4) if base["found"] else 0.0,
        "events": len(result["events"]),
        "events_missing_vs_no_gate": len(base["events"] - result["events"]),
        "events_new_vs_no_gate": len(result["events"] - base["events"]),
        "parsed_share": round(result["parsed"] / result["sentences"], 3) if result.get("sentences") else "-",
        "seconds": round(seconds, 1),
    }
    row |= {key: value for key, value in result.items() if key.startswith(("dev_", "test_"))}
    return row


def _print(rows: list[dict[str, Any]]) -> None:
    keys = ["set", "mode", "gold", "found", "lost_vs_no_gate", "lost_share", "events", "events_missing_vs_no_gate",
            "events_new_vs_no_gate", "parsed_share", "seconds"]  # fmt: skip
    print("| " + " | ".join(keys) + " |")
    print("|" + "---|" * len(keys))
    for row in rows:
        print("| " + " | ".join(str(row[key]) for key in keys) + " |")


if __name__ == "__main__":
    sys.exit(main())
