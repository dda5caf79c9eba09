"""Actor resolution of 2020s news: our own sentences, real pages, and the cost of the table.

(a) Sentences (benchmarks/data/actors_sentences.jsonl): 2020s wire-style sentences written for this
benchmark (our own text), each with its publication date and the expected code of its actor
mentions, one marked as the source and one as the target where the sentence has them. Split
"dev" was used while building the tables; split "test" was written afterwards and never tuned on.
Each text is parsed with spaCy and resolved with `ActorResolver` as of its publication date; a
gold mention takes the resolved mention that overlaps it most (none: a miss). Figures:
  mention_accuracy     share of gold mentions coded exactly (country and sector)
  mention_country      share whose country (or organisation) is right
  dyad_accuracy        sentences with a source and a target: both countries right
  source_sector        sentences with a source: the source's code exactly right (actor with sector)
  kind_<kind>          mention accuracy by kind (leader, transition, junta, group, igo, igo_head,
                       ngo, agent, country)
  event_dyad, event_source_sector   (with --events) the same through the event coder: some event
                       of the sentence has the gold (actor country, recipient country) / actor code

(b) Pages (--pages, needs ../shared): the share of spaCy PERSON and ORG entities left unresolved
(no resolved mention overlaps them) in the 181 real pages of ../shared/data/extraction
(ground-truth article bodies), as of the page's URL date or 2019-11-20 (the crawl).

(c) Load (--load): time and memory of loading the bundled table in a fresh interpreter (median
of 5; RSS after minus before loading).

Usage:
    python benchmarks/eval_actors.py [--split dev|test|all] [--events] [--details]
    python benchmarks/eval_actors.py --pages [--details]
    python benchmarks/eval_actors.py --load
    python benchmarks/eval_actors.py --gate             # exit 1 below a floor of benchmarks/floors/actors.json
    python benchmarks/eval_actors.py --update-floors    # re-pin the floors (may lower them)
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import logging
import re
import statistics
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from annales.records import Actor, Sentence

logger = logging.getLogger("eval_actors")

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "benchmarks" / "data" / "actors_sentences.jsonl"
PAGES = REPO.parent / "shared" / "data" / "extraction"
FLOORS = REPO / "benchmarks" / "floors" / "actors.json"
# Floors sit this far below the measured figure so that a harmless tie change passes.
FLOOR_SLACK = 0.01
GATED = ("mention_accuracy", "mention_country", "dyad_accuracy", "source_sector")
# The pages were crawled in November 2019 (benchmarks/realnews/manifest.jsonl); pages without a
# date in their URL are resolved as of then.
PAGES_DAY = dt.date(2019, 11, 20)
_URL_DATE = re.compile(r"/(20\d\d)[/-](\d\d)[/-](\d\d)/")


@dataclass(frozen=True, slots=True)
class GoldMention:
    """An expected actor mention: its text (first occurrence), code, role and kind."""

    text: str
    code: str
    role: str  # "source", "target" or ""
    kind: str


@dataclass(frozen=True, slots=True)
class GoldSentence:
    """One benchmark item: text, publication date, split and expected mentions."""

    id: str
    split: str
    published: dt.date
    text: str
    mentions: tuple[GoldMention, ...]


def load_sentences(path: Path = DATA) -> list[GoldSentence]:
    """Read the benchmark file; every mention text must occur in its sentence."""
    items = []
    for line in path.read_text(encoding="utf-8").splitlines():
        raw = json.loads(line)
        mentions = tuple(GoldMention(*m) for m in raw["mentions"])
        for mention in mentions:
            if mention.text not in raw["text"]:
                raise ValueError(f"{raw['id']}: {mention.text!r} is not in the text")
        items.append(
            GoldSentence(raw["id"], raw["split"], dt.date.fromisoformat(raw["published"]), raw["text"], mentions)
        )
    return items


def _country(code: str | None) -> str | None:
    return code.split(".")[0] if code else None


def _best(actors: list[Actor], start: int, end: int) -> Actor | None:
    overlap = [(min(end, a.end) - max(start, a.start), a) for a in actors if a.start < end and start < a.end]
    return max(overlap, key=lambda pair: pair[0])[1] if overlap else None


def resolve_items(items: list[GoldSentence]) -> dict[str, list[Actor]]:
    """Parse and resolve every item; mentions by item id."""
    from annales.pipeline.actors import ActorResolver, ActorTable
    from annales.pipeline.nlp.parse import SpacyParser

    parser, resolver = SpacyParser(), ActorResolver(ActorTable.default())
    out = {}
    for item in items:
        sentences = parser.parse(item.text)
        per_sentence = resolver.resolve_article(sentences, as_of=item.published, text=item.text)
        out[item.id] = [actor for actors in per_sentence for actor in actors]
    return out


def score(items: list[GoldSentence], resolved: dict[str, list[Actor]], details: bool = False) -> dict[str, float]:
    """Mention, dyad and per-kind figures of resolved mentions against the gold."""
    right, country, total = Counter[str](), Counter[str](), Counter[str]()
    dyads = sources = dyad_right = source_right = 0
    for item in items:
        got: dict[str, str | None] = {}
        for mention in item.mentions:
            start = item.text.index(mention.text)
            actor = _best(resolved[item.id], start, start + len(mention.text))
            code = actor.code if actor else None
            got[mention.role] = code
            for key in ("all", f"kind_{mention.kind}"):
                total[key] += 1
                right[key] += code == mention.code
            country["all"] += _country(code) == _country(mention.code)
            if details and code != mention.code:
                logger.info("%s %s %-28r gold %-9s got %s", item.id, item.published, mention.text, mention.code, code)
        gold = {m.role: m.code for m in item.mentions}
        if "source" in gold:
            sources += 1
            source_right += got.get("source") == gold["source"]
        if "source" in gold and "target" in gold:
            dyads += 1
            dyad_right += all(_country(got.get(r)) == _country(gold[r]) for r in ("source", "target"))
    figures = {
        "mention_accuracy": right["all"] / total["all"],
        "mention_country": country["all"] / total["all"],
        "dyad_accuracy": dyad_right / max(dyads, 1),
        "source_sector": source_right / max(sources, 1),
        "mentions": float(total["all"]),
        "sentences": float(len(items)),
    }
    figures.update({key: right[key] / total[key] for key in sorted(total) if key != "all"})
    return {key: round(value, 4) for key, value in figures.items()}


def score_events(items: list[GoldSentence]) -> dict[str, float]:
    """The same dyad and source figures through the event coder (`annales code` on each sentence)."""
    from annales.cli.code import TextRecord, code_records

    records = [TextRecord(item.id, item.text, item.published) for item in items]
    events: dict[str, list[tuple[str | None, str | None]]] = {item.id: [] for item in items}
    for event in code_records(records):
        actor, recipient = event.get("actor") or {}, event.get("recipient") or {}
        events[event["doc_id"]].append((actor.get("code"), recipient.get("code")))
    dyads = sources = dyad_right = source_right = 0
    for item in items:
        gold = {m.role: m.code for m in item.mentions}
        if "source" in gold:
            sources += 1
            source_right += any(a == gold["source"] for a, _ in events[item.id])
        if "source" in gold and "target" in gold:
            dyads += 1
            pair = (_country(gold["source"]), _country(gold["target"]))
            dyad_right += any((_country(a), _country(r)) == pair for a, r in events[item.id])
    return {
        "event_dyad": round(dyad_right / max(dyads, 1), 4),
        "event_source_sector": round(source_right / max(sources, 1), 4),
    }


# ---------------------------------------------------------------- (b) real pages


def _page_day(url: str) -> dt.date:
    match = _URL_DATE.search(url)
    if match:
        try:
            return dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        except ValueError:
            pass
    return PAGES_DAY


def _entity_span(sent: Sentence, start: int, end: int) -> tuple[int, int]:
    return sent.tokens[start].idx, sent.tokens[end - 1].end


def score_pages(folder: Path, details: bool = False) -> dict[str, float]:
    """Share of PERSON and ORG entities of the real pages left unresolved."""
    from annales.pipeline.actors import ActorResolver, ActorTable
    from annales.pipeline.nlp.parse import SpacyParser

    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    parser, resolver = SpacyParser(), ActorResolver(ActorTable.default())
    total, unresolved, names = Counter[str](), Counter[str](), Counter[str]()
    for page in truth.values():
        text = page.get("articleBody") or ""
        sentences = parser.parse(text)
        per_sentence = resolver.resolve_article(sentences, as_of=_page_day(page.get("url") or ""), text=text)
        for sent, actors in zip(sentences, per_sentence, strict=True):
            spans = [(a.start, a.end) for a in actors if a.code]
            for ent in sent.entities:
                if ent.label not in ("PERSON", "ORG"):
                    continue
                start, end = _entity_span(sent, ent.start, ent.end)
                total[ent.label] += 1
                if not any(s < end and start < e for s, e in spans):
                    unresolved[ent.label] += 1
                    names[f"{ent.label} {text[start:end]}"] += 1
    if details:
        for name, count in names.most_common(60):
            logger.info("unresolved %4d  %s", count, name)
    figures = {f"unresolved_{label.lower()}": unresolved[label] / max(total[label], 1) for label in total}
    figures["unresolved_person_org"] = sum(unresolved.values()) / max(sum(total.values()), 1)
    figures.update({f"entities_{label.lower()}": float(count) for label, count in total.items()})
    return {key: round(value, 4) for key, value in figures.items()}


# ---------------------------------------------------------------- (c) load time and memory

_LOAD_SNIPPET = """
import gc, json, time
from pathlib import Path
def rss():
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
from annales.pipeline.actors import table as T
import annales.pipeline.actors.resolve
gc.collect(); before = rss(); started = time.perf_counter()
loaded = T.ActorTable.default()
seconds = time.perf_counter() - started; gc.collect()
print(json.dumps({"seconds": seconds, "rss_mb": rss() - before, "entries": len(loaded.entries)}))
"""


def measure_load(repeat: int = 5) -> dict[str, float]:
    """Median load time and RSS growth of the bundled table, each in a fresh interpreter."""
    runs = []
    for _ in range(repeat):
        out = subprocess.run([sys.executable, "-c", _LOAD_SNIPPET], check=True, capture_output=True, text=True)
        runs.append(json.loads(out.stdout))
    return {
        "load_seconds": round(statistics.median(r["seconds"] for r in runs), 3),
        "load_rss_mb": round(statistics.median(r["rss_mb"] for r in runs), 1),
        "entries": float(runs[0]["entries"]),
    }


# ---------------------------------------------------------------- floors


def sha256(path: Path) -> str:
    """The hash the floors are pinned with."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def gate(results: dict[str, dict[str, float]], floors: dict[str, Any]) -> list[str]:
    """Failures: a figure below its floor, or a changed sentence file."""
    if floors.get("sha256") != sha256(DATA):
        return ["actors_sentences.jsonl changed: re-pin the floors with --update-floors after checking the scores"]
    failures = []
    for split, figures in floors["splits"].items():
        for key, floor in figures.items():
            if results[split][key] < floor:
                failures.append(f"{split} {key} {results[split][key]:.4f} is below its floor {floor:.4f}")
    return failures


def _print(label: str, figures: dict[str, float]) -> None:
    print(f"== {label}")
    for key, value in figures.items():
        print(f"{key:28} {value:.4f}" if value <= 1 else f"{key:28} {value:g}")


def main(argv: list[str]) -> int:
    """Command-line entry point."""
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", choices=("dev", "test", "all"), default="all")
    parser.add_argument("--events", action="store_true", help="also score through the event coder")
    parser.add_argument("--details", action="store_true", help="list every miss")
    parser.add_argument("--pages", action="store_true", help="(b) unresolved PERSON/ORG share of the real pages")
    parser.add_argument("--load", action="store_true", help="(c) load time and memory of the table")
    parser.add_argument("--gate", action="store_true", help="compare with benchmarks/floors/actors.json")
    parser.add_argument("--update-floors", action="store_true", help="pin the floors at the current figures")
    args = parser.parse_args(argv)
    if args.load:
        _print("table load (median of 5 fresh interpreters)", measure_load())
        return 0
    if args.pages:
        if not PAGES.is_dir():
            print(f"skipped: {PAGES} not found (the real pages are not part of the repository)")
            return 0
        _print("real pages: PERSON/ORG entities left unresolved", score_pages(PAGES, args.details))
        return 0
    items = load_sentences()
    resolved = resolve_items(items)
    splits = ("dev", "test") if args.split == "all" else (args.split,)
    results = {}
    for split in splits:
        chosen = [item for item in items if item.split == split]
        results[split] = score(chosen, resolved, args.details)
        if args.events:
            results[split].update(score_events(chosen))
        _print(f"sentences, split {split}", results[split])
    if args.update_floors:
        floors = {
            "sha256": sha256(DATA),
            "splits": {s: {k: round(results[s][k] - FLOOR_SLACK, 3) for k in GATED} for s in results},
        }
        FLOORS.write_text(json.dumps(floors, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        print(f"floors written to {FLOORS}")
    if args.gate:
        failures = gate(results, json.loads(FLOORS.read_text(encoding="utf-8")))
        for failure in failures:
            print(f"eval_actors: {failure}")
        return 1 if failures else 0
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
