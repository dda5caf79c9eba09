"""Events on real articles annotated blind: the headline accuracy figures of Annales (issues 11, 12, 16).

Usage:
    python benchmarks/eval_realnews.py                    # dev and test figures (aggregates only)
    python benchmarks/eval_realnews.py --split dev --errors   # also every miss and wrong output of dev
        (ok / MISS: core events; ok~ / miss: acceptable-tier ones; under a found core event, its date or
        place when wrong or given where the gold has none)
    python benchmarks/eval_realnews.py --split val        # the validation split (56 more articles, one blind pass)
    python benchmarks/eval_realnews.py --split dev2       # the second dev split (31 more articles, read freely)
    python benchmarks/eval_realnews.py --split dev3       # the third (24 articles of local crime and justice news)
    python benchmarks/eval_realnews.py --split dev4       # the fourth (32 political, diplomatic and justice articles)
    python benchmarks/eval_realnews.py --split dev5       # the fifth (25: what the corpora had left, fifteenth session)
    python benchmarks/eval_realnews.py --sweep            # figures per minimum confidence
    python benchmarks/eval_realnews.py --merge            # also the event merge on the articles (issue 14)
    python benchmarks/eval_realnews.py --actors           # also actor resolution in the gold sentences (issue 12)

Figures count every event the coder outputs (`--min-confidence 0`, what the store keeps); default_recall
and default_precision count those the outputs show by default (codes.DEFAULT_MIN_CONFIDENCE).
    python benchmarks/eval_realnews.py --gate             # exit 1 below a floor of benchmarks/floors/realnews.json
    python benchmarks/eval_realnews.py --update-floors    # re-pin the floors

The 76 articles of benchmarks/realnews/manifest.jsonl (texts in ../shared, gold in
benchmarks/realnews/gold.jsonl, see docs/annotation.md) and the 56 of the validation split
(val_manifest.jsonl, val.jsonl) go through the real ingest (ScrapingHub pages
as HTML files, geoparsing-corpus articles as JSONL records with their publication date) and every stage
of the configured pipeline, in process; the parse is cached under ~/.cache/annales-eval. The test
and val splits' errors are never printed (`--errors` refuses them): only their aggregate figures.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import logging
import pickle
import shutil
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from _corpus import SHARED, skip_missing  # noqa: E402
from benchmarks.realnews.annotations import find_quote  # noqa: E402
from benchmarks.realnews.gold import (  # noqa: E402
    GOLD,
    LATER_DEV_SPLITS,
    VAL,
    VAL_MANIFEST,
    GoldArticle,
    GoldEvent,
    load_gold,
    load_manifest,
)
from benchmarks.realnews.score import (  # noqa: E402
    Scores,
    SentenceScores,
    SystemEvent,
    date_right,
    gold_place_coords,
    matching_mention,
    place_right,
    score_article,
)
from benchmarks.realnews.sources import load_article, read_html, shared_available  # noqa: E402

from annales.codes import DEFAULT_MIN_CONFIDENCE  # noqa: E402
from annales.config import PipelineConfig  # noqa: E402
from annales.executor.local import learn_line_stats  # noqa: E402
from annales.pipeline.base import Stage  # noqa: E402
from annales.pipeline.ingest import expand_inputs, read_unit  # noqa: E402
from annales.pipeline.registry import StageContext, build_stages  # noqa: E402
from annales.records import Article, Event  # noqa: E402

FLOORS = REPO / "benchmarks" / "floors" / "realnews.json"
CACHE = Path.home() / ".cache" / "annales-eval"
DATA = REPO / "src" / "annales" / "data"
FLOOR_MARGIN = 0.03  # the test split is small (27 articles): a floor sits this far under the measured figure
GATED = (
    "core_recall", "precision", "date_accuracy", "place_accuracy", "macro_f1", "recipient_right",
    "default_recall", "default_precision",
)  # fmt: skip
logger = logging.getLogger("eval_realnews")


def _write_inputs(folder: Path, keys: Sequence[str], manifest: dict[str, dict[str, Any]]) -> None:
    """ScrapingHub pages as HTML files, the other articles as one JSONL feed with their dates."""
    with open(folder / "feed.jsonl", "w", encoding="utf-8") as feed:
        for key in keys:
            article = load_article(key)
            if article.html_path is not None:
                (folder / f"{key}.html").write_bytes(read_html(article))
                continue
            record = {"id": key, "text": article.text, "url": article.url or None}
            if manifest[key].get("published"):
                record["published"] = manifest[key]["published"]
            feed.write(json.dumps(record) + "\n")


def _key_of(article: Article) -> str:
    if article.meta.get("id"):
        return article.meta["id"]
    return Path(article.uri).name.removesuffix(".html")


def _cached_parse(
    keys: Sequence[str], manifest: dict[str, dict[str, Any]], stages: Sequence[Stage], cfg: PipelineConfig
) -> list[Article]:
    """Ingest, extract and parse (cached on the texts and the first two stages' names and options)."""
    digest = hashlib.sha256()
    for key in keys:
        digest.update(key.encode() + load_article(key).text.encode("utf-8"))
    digest.update("|".join(stage.name for stage in stages[:2]).encode())
    digest.update(json.dumps([cfg.sections.get(name, {}) for name in ("extract", "nlp")], sort_keys=True).encode())
    for table in sorted(DATA.glob("actors/*.tsv")) + sorted(DATA.glob("coding/*")):  # what the nlp gate reads
        digest.update(table.read_bytes())
    for package in ("extract", "nlp"):  # their code too: a change there is a new parse, never a stale one
        for code in sorted((DATA.parent / "pipeline" / package).glob("*.py")):
            digest.update(code.read_bytes())
    path = CACHE / f"parsed-{digest.hexdigest()[:20]}.pkl.gz"
    if path.exists():
        with gzip.open(path, "rb") as fh:
            articles: list[Article] = pickle.load(fh)
        return articles
    folder = Path(tempfile.mkdtemp(prefix="annales-eval-"))
    try:
        _write_inputs(folder, keys, manifest)
        articles = [a for unit in expand_inputs([str(folder)]) for a in read_unit(unit)]
        context = StageContext(line_stats=learn_line_stats([str(folder)]))
        for stage in build_stages(cfg, context=context)[:2]:
            articles = list(stage.run(articles, batch_size=16))
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    for article in articles:
        article.raw = b""
    CACHE.mkdir(parents=True, exist_ok=True)
    with gzip.open(path, "wb") as fh:
        pickle.dump(articles, fh)
    return articles


def code_articles(
    keys: Sequence[str], manifest: dict[str, dict[str, Any]], config: Path | None = None
) -> dict[str, Article]:
    """Run every stage of the pipeline (the default one, or a config file's) over the articles."""
    cfg = PipelineConfig.load(config)
    stages = build_stages(cfg)
    articles = _cached_parse(keys, manifest, stages, cfg)  # the config's own extraction and parse
    for stage in stages[2:]:
        articles = list(stage.run(articles, batch_size=16))
    return {_key_of(a): a for a in articles}


def _sentence_map(article: Article, gold_text: str) -> dict[int, tuple[int, int]]:
    """Pipeline sentence index -> its character span in the gold text (texts may differ after extraction)."""
    spans: dict[int, tuple[int, int]] = {}
    for sent in article.sentences:
        span = find_quote(gold_text, sent.text.strip())
        if span is None and len(sent.text) > 60:
            span = find_quote(gold_text, sent.text.strip()[:60])
            span = (span[0], span[0] + len(sent.text)) if span else None
        if span is not None:
            spans[sent.index] = span
    return spans


def system_events(article: Article, gold_text: str, *, min_confidence: float) -> list[SystemEvent]:
    spans = _sentence_map(article, gold_text)
    out = []
    for event in article.events:
        if event.confidence < min_confidence or not event.actor.code:
            continue
        start, end = spans.get(event.sentence_index, (-1, -1))
        out.append(_system_event(event, start, end))
    return out


def _system_event(event: Event, start: int, end: int) -> SystemEvent:
    place = event.place
    return SystemEvent(
        actor_country=event.actor.country or "",
        recipient_country=(event.recipient.country or "") if event.recipient else "",
        type=event.type,
        confidence=event.confidence,
        start=start,
        end=end,
        date=event.date,
        date_end=event.date_end,
        granularity=event.granularity,
        date_source=event.date_source,
        place_name=place.name if place else None,
        place_country=place.country if place else None,
        place_lat=place.lat if place else None,
        place_lon=place.lon if place else None,
        place_source=place.source if place else None,
        status=event.status,
        negated=event.negated,
        actor_sector=event.actor.sector or "",
    )


def _place_coords() -> Any:
    return gold_place_coords()


def evaluate(
    gold: Iterable[GoldArticle], coded: dict[str, Article], *, min_confidence: float, errors: bool = False
) -> tuple[Scores, SentenceScores, list[str]]:
    total = Scores()
    sentences = SentenceScores()
    lines: list[str] = []
    coords = _place_coords()
    for record in gold:
        article = coded.get(record.key)
        text = load_article(record.key).text
        events = system_events(article, text, min_confidence=min_confidence) if article else []
        scores = score_article(record, events, place_coords=coords)
        total.add(scores)
        _sentence_level(record, events, sentences)
        if errors:
            lines.extend(_error_lines(record, events, text, coords))
    return total, sentences, lines


def _sentence_level(record: GoldArticle, events: list[SystemEvent], sentences: SentenceScores) -> None:
    """Each gold event's first anchor picks a sentence; the earliest event anchored there labels it."""
    seen: set[tuple[int, int]] = set()
    for gold_event in sorted(record.events, key=lambda g: g.anchors[0] if g.anchors else (0, 0)):
        if not gold_event.anchors:
            continue
        start, end = gold_event.anchors[0]
        output = [e for e in events if e.start < end and start < e.end]
        key = (output[0].start, output[0].end) if output else (start, end)
        if key in seen:
            continue
        seen.add(key)
        sentences.add_sentence(gold_event, output)


def _error_lines(record: GoldArticle, events: list[SystemEvent], text: str, coords: Any = None) -> list[str]:
    lines = [f"== {record.key}"]
    out = {e.triple for e in events}
    gold_triples = set().union(*(g.triples() for g in record.events)) if record.events else set()
    for g in record.events:
        found = bool(g.triples() & out)
        mark = ("ok  " if found else "MISS") if g.tier == "core" else ("ok~ " if found else "miss")
        anchor = text[g.anchors[0][0] : g.anchors[0][1]][:110] if g.anchors else ""
        lines.append(f"  {mark} {g.actor}>{g.recipient or '-'} {g.type} [{g.trigger}] {g.date} | {anchor}")
        if mark == "ok  ":  # dates and places are scored on found core events only
            lines.extend(_when_where_lines(g, [e for e in events if e.triple in g.triples()], coords))
    for e in sorted(events, key=lambda e: e.start):
        if e.triple not in gold_triples:
            sentence = text[e.start : e.end][:110] if e.start >= 0 else "?"
            lines.append(f"  WRONG {e.triple} {e.confidence:.2f} | {sentence}")
    return lines


def _when_where_lines(gold: GoldEvent, matches: list[SystemEvent], coords: Any) -> list[str]:
    """The date and place the scorer compared for a found core event, when either is wrong."""
    chosen = matching_mention(gold, matches)
    lines = []
    if gold.date is not None and not date_right(gold.date, chosen):
        lines.append(f"       date {chosen.date} {chosen.granularity} ({chosen.date_source}) != gold {gold.date}")
    elif gold.date is None and chosen.date is not None:
        lines.append(f"       date {chosen.date} ({chosen.date_source}) where gold has none")
    if gold.place is not None and not place_right(gold.place, chosen, coords):
        where = f"{chosen.place_name}/{chosen.place_country} ({chosen.place_source})"
        lines.append(f"       place {where} != gold {gold.place}")
    elif gold.place is None and chosen.place_name is not None:
        lines.append(
            f"       place {chosen.place_name}/{chosen.place_country} ({chosen.place_source}) where gold has none"
        )
    return lines


def merge_gold(record: GoldArticle, article: Article, text: str) -> dict[str, str]:
    """event_id -> gold event id for each output mention that reports a core gold event: its triple is one
    of the gold event's codings and its sentence overlaps one of the gold event's anchors."""
    spans = _sentence_map(article, text)
    found: dict[str, str] = {}
    for event in article.events:
        start, end = spans.get(event.sentence_index, (-1, -1))
        triple = _system_event(event, start, end).triple
        for n, gold_event in enumerate(record.events):
            overlaps = any(a < end and start < b for a, b in gold_event.anchors)
            if gold_event.tier == "core" and overlaps and triple in gold_event.triples():
                found[event.event_id] = f"{record.key}#{n}"
                break
    return found


def evaluate_merges(gold: Sequence[GoldArticle], coded: dict[str, Article]) -> dict[str, Any]:
    """The event merge on the articles of `gold`: pairs of mentions of one gold event merged or not."""
    from annales.pipeline.aggregate.evaluate import evaluate_merge

    articles = [coded[g.key] for g in gold if g.key in coded]
    mapping: dict[str, str] = {}
    for record in gold:
        if record.key in coded:
            mapping.update(merge_gold(record, coded[record.key], load_article(record.key).text))
    return evaluate_merge(articles, mapping).as_dict()


def miss_kinds(gold: Sequence[GoldArticle], coded: dict[str, Article]) -> dict[str, int]:
    """Why the core events not found were missed, counted (aggregates only, so for every split): nothing
    coded in their sentence (and whether it had two resolved parties), other types only, or the right
    type with another actor or recipient."""
    counts: Counter[str] = Counter()
    for record in gold:
        article = coded.get(record.key)
        if article is None:
            continue
        text = load_article(record.key).text
        events = system_events(article, text, min_confidence=0.0)
        out = {e.triple for e in events}
        spans = _sentence_map(article, text)
        for g in record.events:
            if g.tier != "core" or g.triples() & out:
                continue
            near = [e for e in events if any(e.start < b and a < e.end for a, b in g.anchors)]
            types = {g.type, *(alt["type"] for alt in g.alt if alt.get("type"))}
            if not near:
                sents = [i for i, (a, b) in spans.items() if any(a < gb and ga < b for ga, gb in g.anchors)]
                sent = next((t for t in article.sentences if t.index in sents[:1]), None)
                resolved = [m for m in article.mentions if sent and m.code and sent.start <= m.start < sent.end]
                counts["no_event_two_parties" if len(resolved) >= 2 else "no_event"] += 1
            elif not any(e.type in types for e in near):
                counts["other_types_only"] += 1
            else:
                counts["right_type_other_parties"] += 1
                counts[_party_error(g, [e for e in near if e.type in types])] += 1
    return dict(counts.most_common())


def _party_error(gold: GoldEvent, typed: Sequence[SystemEvent]) -> str:
    """Which party the best output of the right type got wrong: `parties:actor`, `parties:recipient`
    (`:none` when the output left it empty, `:extra` when it named one the gold has not) or `parties:both`."""
    wanted = {(a, r) for a, r, _ in gold.triples()}
    actors = {a for a, _ in wanted}
    recipients = {r for _, r in wanted}
    kinds = []
    for event in typed:
        actor, recipient, _ = event.triple
        if actor in actors and recipient not in recipients:
            kinds.append("parties:recipient" + (":none" if recipient == "-" else ":extra" if "-" in recipients else ""))
        elif recipient in recipients and actor not in actors:
            kinds.append("parties:actor" + (":none" if actor == "-" else ""))
        else:
            kinds.append("parties:both")
    order = ["parties:recipient:none", "parties:recipient", "parties:recipient:extra"]
    order += ["parties:actor:none", "parties:actor"]
    return min(kinds, key=lambda k: order.index(k) if k in order else len(order))


def actor_resolution(gold: Sequence[GoldArticle], coded: dict[str, Article]) -> dict[str, float]:
    """How often the actor stage resolved the gold parties of core events in their sentences (issue 12),
    whatever the coder then made of them: the gold actor's country / full code, and the recipient's
    country, among the codes of the mentions of the sentences its first anchor overlaps."""
    counts: Counter[str] = Counter()
    for record in gold:
        article = coded.get(record.key)
        if article is None:
            continue
        spans = _sentence_map(article, load_article(record.key).text)
        codes: dict[int, set[str]] = {}
        for mention in article.mentions:
            sent = next((s.index for s in article.sentences if s.start <= mention.start < s.end), None)
            if sent is not None and mention.code:
                codes.setdefault(sent, set()).add(mention.code)
        for event in record.events:
            if event.tier != "core" or not event.anchors:
                continue
            a, b = event.anchors[0]
            found = set().union(*(codes.get(i, set()) for i, (x, y) in spans.items() if x < b and a < y))
            countries = {code.split(".")[0] for code in found}
            counts["events"] += 1
            counts["actor_country"] += event.actor.split(".")[0] in countries
            counts["actor_code"] += event.actor in found
            if event.recipient:
                counts["recipients"] += 1
                counts["recipient_country"] += event.recipient.split(".")[0] in countries
    return {
        "core_events": counts["events"],
        "actor_country": round(counts["actor_country"] / max(counts["events"], 1), 3),
        "actor_code": round(counts["actor_code"] / max(counts["events"], 1), 3),
        "recipient_country": round(counts["recipient_country"] / max(counts["recipients"], 1), 3),
    }


def figures(scores: Scores, sentences: SentenceScores) -> dict[str, float]:
    return {**scores.figures(), **sentences.figures()}


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "--split",
        choices=("dev", "test", "val", "dev2", "dev3", "dev4", "dev5", "all"),
        default="all",
        help="all: dev, test and val",
    )
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--min-confidence", type=float, default=0.0, help="score events this confident (0: all)")
    parser.add_argument("--errors", action="store_true", help="print every miss and wrong output (dev only)")
    parser.add_argument("--sweep", action="store_true", help="figures per minimum confidence")
    parser.add_argument("--gate", action="store_true")
    parser.add_argument("--update-floors", action="store_true")
    parser.add_argument("--config", type=Path, help="a pipeline config (e.g. to compare coder versions)")
    parser.add_argument("--merge", action="store_true", help="also score the event merge (issue 14)")
    parser.add_argument("--actors", action="store_true", help="also score actor resolution (issue 12)")
    parser.add_argument("--misses", action="store_true", help="also count the kinds of missed core events")
    args = parser.parse_args(argv)
    if args.errors and args.split not in ("dev", "dev2", "dev3", "dev4", "dev5"):
        parser.error("--errors reads error lists: only for the dev splits (the test and val splits stay unread)")
    if not shared_available():
        return skip_missing(SHARED, "the blind real-article evaluation")
    logging.basicConfig(level=logging.WARNING)
    manifest = {row["key"]: row for row in load_manifest()}
    gold = [g for g in load_gold(args.gold) if g.key in manifest]
    if args.split in ("val", "all"):  # the validation split: its own manifest and annotations
        manifest |= {row["key"]: row for row in load_manifest(VAL_MANIFEST)}
        gold += [g for g in load_gold(VAL) if g.key in manifest]
    for name, extra_manifest, extra_gold in LATER_DEV_SPLITS:
        if args.split == name:  # the later dev splits (read freely; not in "all" nor in the gate)
            manifest |= {row["key"]: row for row in load_manifest(extra_manifest)}
            gold += [g for g in load_gold(extra_gold) if g.key in manifest]
    splits = ("dev", "test", "val") if args.split == "all" else (args.split,)
    gold = [g for g in gold if manifest[g.key]["split"] in splits]
    started = time.perf_counter()
    coded = code_articles([g.key for g in gold], manifest, args.config)
    results: dict[str, dict[str, float]] = {}
    for split in splits:
        part = [g for g in gold if manifest[g.key]["split"] == split]
        scores, sentences, lines = evaluate(part, coded, min_confidence=args.min_confidence, errors=args.errors)
        results[split] = figures(scores, sentences)
        # What the outputs show by default: events at least codes.DEFAULT_MIN_CONFIDENCE confident.
        at_default = evaluate(part, coded, min_confidence=DEFAULT_MIN_CONFIDENCE)[0].figures()
        results[split]["default_recall"] = at_default["core_recall"]
        results[split]["default_precision"] = at_default["precision"]
        print(f"{split} ({len(part)} articles, min confidence {args.min_confidence}):")
        print("  " + json.dumps(results[split]))
        print(f"  date sources: {_source_line(scores.date_sources, scores.date_sources_right)}")
        print(f"  place sources: {_source_line(scores.place_sources, scores.place_sources_right)}")
        if args.sweep:
            for threshold in (0.0, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7):
                s, sents, _ = evaluate(part, coded, min_confidence=threshold)
                f = figures(s, sents)
                print(f"  >= {threshold}: recall {f['core_recall']} precision {f['precision']} f1 {f['f1']} "
                      f"macro-F1 {f['macro_f1']} no-event {f['no_event']}")  # fmt: skip
        if args.misses:
            print(f"  misses: {json.dumps(miss_kinds(part, coded))}")
        if args.actors:
            print(f"  actor resolution: {json.dumps(actor_resolution(part, coded))}")
        if args.merge:
            print(f"  event merge: {json.dumps(evaluate_merges(part, coded))}")
        for line in lines:
            print(line)
    print(f"({time.perf_counter() - started:.0f} s)")
    return _gate(results, args) if args.gate or args.update_floors else 0


def _source_line(counts: Counter[str], right: Counter[str]) -> str:
    return ", ".join(f"{k} {right[k]}/{n}" for k, n in counts.most_common())


def _gate(results: dict[str, dict[str, float]], args: argparse.Namespace) -> int:
    digest = hashlib.sha256(args.gold.read_bytes() + VAL.read_bytes()).hexdigest()  # both sets of annotations
    current = {f"{split}_{name}": results[split][name] for split in results for name in GATED}
    if args.update_floors:
        floors = {k: round(max(0.0, v - FLOOR_MARGIN), 4) for k, v in current.items()}
        FLOORS.write_text(json.dumps({"gold_sha256": digest, "floors": floors}, indent=2, sort_keys=True) + "\n")
        print(f"floors written to {FLOORS}")
        return 0
    pinned = json.loads(FLOORS.read_text())
    if pinned["gold_sha256"] != digest:
        print("gate: the gold changed since the floors were pinned; re-pin with --update-floors", file=sys.stderr)
        return 1
    failed = [f"{k} {current.get(k)} < {v}" for k, v in pinned["floors"].items() if current.get(k, 0.0) < v]
    for line in failed:
        print(f"gate: below floor: {line}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
