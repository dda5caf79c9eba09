"""Measure the PLOVER coder on the annotated corpora in ../shared and guard the figures with floors.

Usage:
    python benchmarks/eval_coding.py                 # print the figures
    python benchmarks/eval_coding.py --gate          # exit 1 when a figure drops below its floor
    python benchmarks/eval_coding.py --update-floors # write the current figures as floors (may lower them)
    python benchmarks/eval_coding.py --only petr     # one corpus (petr, gsr, ngec)

Corpora (read at run time, never copied):
  petr  PETR.UnitTest.records.xml with the PETR.Validate actors+agents as the ONLY actor dictionary;
        scored as exact (source, target, code) F1 and at (country, country, 2-digit root) level, once with
        our lexicon alone and once with PETR.Validate.verbs.txt loaded as a user verb dictionary
        (PETRARCH2 on this file: 0.565 exact, 0.655 root+country).
  gsr   PLOVER_GSR_CAMEO.txt: PLOVER type per sentence (old 0.5 labels mapped), span accuracy, triples.
  ngec  a fixed held-out slice (every 15th story) of the NGEC synthetic stories: document type accuracy.
        The coder is NOT trained on NGEC (lexicon only), so the slice is simply a sample.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import io
import json
import logging
import re
import sys
import time
import zipfile
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from annales.pipeline.actors import ActorStage, ActorTable
from annales.pipeline.coding import CoderOptions, PloverCoder, load_verb_dictionary
from annales.pipeline.nlp.parse import SpacyParser
from annales.records import Article, Event

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _corpus import skip_missing

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "data"
FLOORS = REPO / "benchmarks" / "floors" / "coding.json"
PETR_DIR = SHARED / "cameo"
GSR_FILE = SHARED / "plover" / "PLOVER_GSR_CAMEO.txt"
NGEC_FILE = SHARED / "plover" / "ngec_synthetic_events.csv.zip"
NGEC_EVERY = 15  # held-out slice: every 15th story (300 of 4,500), sized to keep the gate under 3 minutes
GSR_LABELS = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
# The GSR writes a few countries with old CAMEO codes; our actor codes are ISO 3166 alpha-3.
GSR_COUNTRIES = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}
BINS = (0.0, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01)
# A floor sits this far under the measured figure so that harmless noise (parser versions, small changes in the
# actor table, which the coder's figures depend on) does not fail CI; a real regression moves more than this.
FLOOR_MARGIN = 0.03

logger = logging.getLogger("eval_coding")


@dataclass(slots=True)
class Scores:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, gold: set[tuple[str, str, str]], pred: set[tuple[str, str, str]]) -> None:
        self.tp += len(gold & pred)
        self.fp += len(pred - gold)
        self.fn += len(gold - pred)

    def prf(self) -> tuple[float, float, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


@dataclass(slots=True)
class Calibration:
    right: Counter[int] = field(default_factory=Counter)
    total: Counter[int] = field(default_factory=Counter)

    def add(self, confidence: float, ok: bool) -> None:
        b = next(k for k in range(len(BINS) - 1) if BINS[k] <= confidence < BINS[k + 1])
        self.total[b] += 1
        self.right[b] += int(ok)

    def at_least(self, threshold: float) -> tuple[float, int]:
        keys = [k for k in range(len(BINS) - 1) if BINS[k] >= threshold]
        n = sum(self.total[k] for k in keys)
        return (sum(self.right[k] for k in keys) / n if n else 0.0), n

    def lines(self) -> list[str]:
        out = []
        for k in range(len(BINS) - 1):
            n = self.total[k]
            acc = self.right[k] / n if n else 0.0
            out.append(f"    conf [{BINS[k]:.1f},{min(BINS[k + 1], 1.0):.1f}): n={n:4d} accuracy={acc:.3f}")
        return out


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def prepare(texts: list[tuple[str, dt.date | None]], *, parser: SpacyParser, actors: ActorStage) -> list[Article]:
    """Parse texts and resolve their actors (done once per corpus; coding runs may repeat)."""
    articles = [
        Article(doc_id=f"d{n}", uri=f"d{n}", format="text", text=text, published=published)
        for n, (text, published) in enumerate(texts)
    ]
    for sentences, article in parser.parse_many((a.text, a) for a in articles):
        article.sentences = sentences
    for article in articles:
        actors.process(article)
    return articles


def code_all(articles: list[Article], coder: PloverCoder) -> tuple[float, int]:
    """Code prepared articles in place; returns coding seconds and the sentence count."""
    started = time.perf_counter()
    for article in articles:
        coder.process(article)
    return time.perf_counter() - started, sum(len(a.sentences) for a in articles)


def _country(code: str | None) -> str:
    return (code or "").split(".")[0][:3] if code else "-"


# PETR unit records -------------------------------------------------------------------------------


@dataclass(slots=True)
class PetrRecord:
    rid: str
    text: str
    date: dt.date | None
    events: set[tuple[str, str, str]]


def load_petr(path: Path) -> list[PetrRecord]:
    from annales.pipeline.actors.model import phoenix_to_code

    records = []
    raw = path.read_text(encoding="utf-8", errors="replace")
    for attrs, body in re.findall(r"<Sentence (.*?)>(.*?)</Sentence>", raw, re.S):
        text_m = re.search(r"<Text>(.*?)</Text>", body, re.S)
        codings = re.findall(r"<EventCoding (.*?)>", body)
        if not text_m or not codings:
            continue
        date_m = re.search(r'date="(\d{8})"', attrs)
        rid = re.search(r'id="([^"]*)"', attrs)
        events = set()
        for coding in codings:
            fields = dict(re.findall(r'(\w+)\s*=\s*["\']([^"\']*)["\']', coding))
            if "eventcode" not in fields:
                continue
            src = phoenix_to_code(fields.get("sourcecode", "")) or fields.get("sourcecode", "")
            tgt = phoenix_to_code(fields.get("targetcode", "")) or fields.get("targetcode", "")
            events.add((src, tgt, fields["eventcode"]))
        date = dt.datetime.strptime(date_m.group(1), "%Y%m%d").date() if date_m else None
        records.append(PetrRecord(rid.group(1) if rid else "?", " ".join(text_m.group(1).split()), date, events))
    return records


def _petr_sets(events: Iterable[Event], level: str) -> set[tuple[str, str, str]]:
    out = set()
    for e in events:
        if e.recipient is None:
            continue  # PETRARCH codes dyads only; it codes negated sentences too (its patterns carry the negation)
        src, tgt = e.actor.code or "", e.recipient.code or ""
        out.add(_petr_key(src, tgt, e.cameo, level))
    return out


def _petr_key(src: str, tgt: str, code: str, level: str) -> tuple[str, str, str]:
    if level == "exact":
        return (src, tgt, code)
    return (_country(src), _country(tgt), code[:2])


def eval_petr(parser: SpacyParser, results: dict[str, float]) -> None:
    records = load_petr(PETR_DIR / "PETR.UnitTest.records.xml")
    table = ActorTable.from_dictionaries([PETR_DIR / "PETR.Validate.actors.txt", PETR_DIR / "PETR.Validate.agents.txt"])
    articles = prepare([(r.text, r.date) for r in records], parser=parser, actors=ActorStage(table=table))
    for with_verbs in (False, True):
        _score_petr(records, articles, results, with_verbs=with_verbs)


def _score_petr(
    records: list[PetrRecord], articles: list[Article], results: dict[str, float], *, with_verbs: bool
) -> None:
    verbs = load_verb_dictionary(PETR_DIR / "PETR.Validate.verbs.txt") if with_verbs else None
    coder = PloverCoder(CoderOptions(keep_unmapped_codes=with_verbs), verbs=verbs)
    seconds, n_sent = code_all(articles, coder)
    tag = "petr_verbs" if with_verbs else "petr"
    print(
        f"\n== PETR unit records ({len(records)} records, {sum(len(r.events) for r in records)} gold events), "
        f"{'with PETR.Validate.verbs as user verb dictionary' if with_verbs else 'our lexicon only'}"
    )
    calib = Calibration()
    for level in ("exact", "root"):
        scores = Scores()
        for record, article in zip(records, articles, strict=True):
            gold = {_petr_key(s, t, c, level) for s, t, c in record.events}
            pred = _petr_sets(article.events, level)
            scores.add(gold, pred)
            if level == "root":
                for e in article.events:
                    if e.recipient is not None:
                        calib.add(
                            e.confidence, _petr_key(e.actor.code or "", e.recipient.code or "", e.cameo, level) in gold
                        )
        p, r, f = scores.prf()
        print(
            f"  {level:5s} (source, target, code): P={p:.3f} R={r:.3f} F1={f:.3f}   [PETRARCH2 F1: "
            f"{'0.565' if level == 'exact' else '0.655'}]"
        )
        results[f"{tag}_{level}_f1"] = round(f, 4)
    if with_verbs:
        print("  calibration (root+country level):")
        print("\n".join(calib.lines()))
        acc, n = calib.at_least(0.8)
        print(f"    confidence >= 0.8: n={n} accuracy={acc:.3f}")
    _throughput(tag, seconds, n_sent, len(articles), results)


def _throughput(tag: str, seconds: float, sentences: int, docs: int, results: dict[str, float]) -> None:
    rate = sentences / seconds if seconds else 0.0
    print(
        f"  coding throughput: {rate:,.0f} sentences/s, {docs / seconds if seconds else 0:,.0f} documents/s "
        f"({sentences} sentences in {seconds:.2f}s, parsing and actors excluded)"
    )
    results[f"{tag}_sentences_per_s"] = round(rate, 1)


# PLOVER GSR --------------------------------------------------------------------------------------


@dataclass(slots=True)
class GsrRecord:
    text: str
    label: str
    sources: list[tuple[str, str]]  # (country, actorText)
    targets: list[tuple[str, str]]


def load_gsr(path: Path) -> list[GsrRecord]:
    records = []
    for item in json.loads(path.read_text(encoding="utf-8")):
        if item.get("event") == "DOCUMENT" or not item.get("text"):
            continue

        def actors(key: str, item: dict[str, Any] = item) -> list[tuple[str, str]]:
            value = item.get(key) or []
            codes = [(str(a.get("code", ""))[:3], str(a.get("actorText", ""))) for a in value if isinstance(a, dict)]
            return [(GSR_COUNTRIES.get(code, code), text) for code, text in codes]

        label = GSR_LABELS.get(item["event"], item["event"])
        records.append(GsrRecord(item["text"], label, actors("source"), actors("target")))
    return records


def _top(events: list[Event]) -> Event | None:
    live = [e for e in events if not e.negated]
    return max(live or events, key=lambda e: e.confidence, default=None)


def _overlaps(a: str, b: str) -> bool:
    a, b = a.lower(), b.lower()
    return bool(a) and bool(b) and (a in b or b in a)


def _macro_f1(pairs: list[tuple[str, str]], labels: Iterable[str]) -> tuple[float, dict[str, float]]:
    per = {}
    for label in labels:
        tp = sum(1 for g, p in pairs if g == label and p == label)
        fp = sum(1 for g, p in pairs if g != label and p == label)
        fn = sum(1 for g, p in pairs if g == label and p != label)
        per[label] = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    return (sum(per.values()) / len(per) if per else 0.0), per


def eval_gsr(parser: SpacyParser, table: ActorTable, results: dict[str, float]) -> None:
    records = load_gsr(GSR_FILE)
    articles = prepare([(r.text, None) for r in records], parser=parser, actors=ActorStage(table=table))
    for future_rule in (False, True):
        _score_gsr(records, articles, results, future_rule=future_rule)


def _score_gsr(
    records: list[GsrRecord], articles: list[Article], results: dict[str, float], *, future_rule: bool
) -> None:
    coder = PloverCoder(CoderOptions(plover_future_rule=future_rule))
    seconds, n_sent = code_all(articles, coder)
    pairs, calib, triples = [], Calibration(), Scores()
    actor_ok = actor_n = recip_ok = recip_n = 0
    for record, article in zip(records, articles, strict=True):
        top = _top(article.events)
        pairs.append((record.label, top.type if top else "NONE"))
        gold_src = {c for c, _ in record.sources}
        gold_tgt = {c for c, _ in record.targets} or {"-"}
        gold = {(s, t, record.label) for s in gold_src for t in gold_tgt if s != t or len(gold_src) == 1}
        pred = {
            (_country(e.actor.code), _country(e.recipient.code) if e.recipient else "-", e.type)
            for e in article.events
            if not e.negated
        }
        triples.add(gold, pred)
        for e in article.events:
            calib.add(e.confidence, e.type == record.label and _country(e.actor.code) in gold_src | gold_tgt)
        if top is not None and top.type == record.label:
            actor_n += 1
            actor_ok += any(_overlaps(top.actor.text, text) for _, text in record.sources + record.targets)
            if top.recipient is not None and record.targets:
                recip_n += 1
                recip_ok += any(_overlaps(top.recipient.text, text) for _, text in record.targets + record.sources)
    accuracy = sum(1 for g, p in pairs if g == p) / len(pairs)
    macro, per = _macro_f1(pairs, sorted({g for g, _ in pairs}))
    coverage = sum(1 for _, p in pairs if p != "NONE") / len(pairs)
    p, r, f = triples.prf()
    rule = "with" if future_rule else "without"
    print(
        f"\n== PLOVER GSR ({len(records)} sentences; labels PLOVER 0.5 mapped: {GSR_LABELS}), {rule} plover_future_rule"
    )
    print(f"  type accuracy (top event per sentence, NONE when no event) = {accuracy:.3f}; coverage {coverage:.3f}")
    print(f"  type macro-F1 = {macro:.3f}   " + " ".join(f"{k}={v:.2f}" for k, v in per.items()))
    covered = [(g, q) for g, q in pairs if q != "NONE"]
    if covered:
        print(f"  type accuracy where an event was coded = {sum(1 for g, q in covered if g == q) / len(covered):.3f}")
    print(f"  (actor country, recipient country, type) P={p:.3f} R={r:.3f} F1={f:.3f}")
    print(
        f"  actor span accuracy (top event, type right) = {actor_ok / actor_n if actor_n else 0:.3f} (n={actor_n}); "
        f"recipient span accuracy = {recip_ok / recip_n if recip_n else 0:.3f} (n={recip_n})"
    )
    print("  calibration (event right = type right and actor country in gold):")
    print("\n".join(calib.lines()))
    acc8, n8 = calib.at_least(0.8)
    print(f"    confidence >= 0.8: n={n8} accuracy={acc8:.3f}")
    tag = "gsr_future" if future_rule else "gsr"
    results[f"{tag}_type_accuracy"] = round(accuracy, 4)
    results[f"{tag}_type_macro_f1"] = round(macro, 4)
    results[f"{tag}_triple_f1"] = round(f, 4)
    if not future_rule:
        results["gsr_conf08_accuracy"] = round(acc8, 4)
    _throughput(tag, seconds, n_sent, len(articles), results)


# NGEC synthetic stories --------------------------------------------------------------------------


def load_ngec(path: Path) -> list[tuple[str, str]]:
    import csv

    with zipfile.ZipFile(path) as archive:
        name = archive.namelist()[0]
        rows = list(csv.DictReader(io.TextIOWrapper(archive.open(name), encoding="utf-8")))
    return [(row["text"], row["label"]) for n, row in enumerate(rows) if n % NGEC_EVERY == 0]


def eval_ngec(parser: SpacyParser, table: ActorTable, results: dict[str, float]) -> None:
    stories = load_ngec(NGEC_FILE)
    articles = prepare([(text, None) for text, _ in stories], parser=parser, actors=ActorStage(table=table))
    seconds, n_sent = code_all(articles, PloverCoder())
    pairs = []
    for (_, label), article in zip(stories, articles, strict=True):
        votes: dict[str, float] = {}
        lead = {s.index for s in article.sentences[:3]}
        for e in article.events:
            if not e.negated:
                votes[e.type] = votes.get(e.type, 0.0) + e.confidence * (2.0 if e.sentence_index in lead else 1.0)
        pairs.append((label, max(votes, key=lambda t: votes[t]) if votes else "NONE"))
    accuracy = sum(1 for g, p in pairs if g == p) / len(pairs)
    macro, per = _macro_f1(pairs, sorted({g for g, _ in pairs}))
    coverage = sum(1 for _, p in pairs if p != "NONE") / len(pairs)
    print(f"\n== NGEC synthetic stories, held-out slice every {NGEC_EVERY}th ({len(pairs)} stories; not trained on)")
    print(f"  document type accuracy = {accuracy:.3f}; coverage {coverage:.3f}; macro-F1 = {macro:.3f}")
    print("  " + " ".join(f"{k}={v:.2f}" for k, v in per.items()))
    covered = [(g, q) for g, q in pairs if q != "NONE"]
    if covered:
        print(f"  type accuracy where an event was coded = {sum(1 for g, q in covered if g == q) / len(covered):.3f}")
    results.update(ngec_type_accuracy=round(accuracy, 4), ngec_type_macro_f1=round(macro, 4))
    _throughput("ngec", seconds, n_sent, len(articles), results)


# gate ---------------------------------------------------------------------------------------------


def corpus_hashes() -> dict[str, str]:
    files = {
        "petr_records": PETR_DIR / "PETR.UnitTest.records.xml",
        "petr_actors": PETR_DIR / "PETR.Validate.actors.txt",
        "petr_agents": PETR_DIR / "PETR.Validate.agents.txt",
        "petr_verbs": PETR_DIR / "PETR.Validate.verbs.txt",
        "gsr": GSR_FILE,
        "ngec": NGEC_FILE,
    }
    return {name: sha256(path) for name, path in files.items()}


def gate(results: dict[str, float], *, update: bool) -> int:
    hashes = corpus_hashes()
    quality = {k: v for k, v in results.items() if not k.endswith("_per_s")}
    if update:
        floors = {k: round(max(0.0, v - FLOOR_MARGIN), 4) for k, v in quality.items()}
        FLOORS.parent.mkdir(parents=True, exist_ok=True)
        FLOORS.write_text(json.dumps({"corpora": hashes, "floors": floors}, indent=2, sort_keys=True) + "\n")
        print(f"\nfloors written to {FLOORS}")
        return 0
    pinned = json.loads(FLOORS.read_text())
    status = 0
    for name, digest in pinned["corpora"].items():
        if hashes.get(name) != digest:
            print(
                f"GATE: corpus {name} changed (sha256 {hashes.get(name)} != pinned {digest}); "
                "re-pin with --update-floors"
            )
            status = 1
    for key, floor in pinned["floors"].items():
        value = quality.get(key)
        if value is None:
            continue  # corpus not run (--only)
        if value < floor:
            print(f"GATE: {key} = {value:.4f} is below its floor {floor:.4f}")
            status = 1
    print("\nGATE: " + ("FAILED" if status else "passed"))
    return status


def main(argv: list[str] | None = None) -> int:
    args = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    args.add_argument("--gate", action="store_true", help="compare with benchmarks/floors/coding.json")
    args.add_argument("--update-floors", action="store_true", help="write the current figures as the floors")
    args.add_argument("--only", choices=("petr", "gsr", "ngec"), action="append", help="run only these corpora")
    opts = args.parse_args(argv)
    if not SHARED.is_dir():
        return skip_missing(SHARED, "eval_coding (PETRARCH, PLOVER gold records, NGEC)")
    logging.basicConfig(level=logging.WARNING)
    chosen = set(opts.only or ("petr", "gsr", "ngec"))
    started = time.perf_counter()
    parser = SpacyParser()
    results: dict[str, float] = {}
    if "petr" in chosen:
        eval_petr(parser, results)
    table = ActorTable.default()
    if "gsr" in chosen:
        eval_gsr(parser, table, results)
    if "ngec" in chosen:
        eval_ngec(parser, table, results)
    print(f"\ntotal {time.perf_counter() - started:.0f}s; figures: {json.dumps(results, sort_keys=True)}")
    if opts.gate or opts.update_floors:
        if opts.update_floors and chosen != {"petr", "gsr", "ngec"}:
            print("--update-floors needs every corpus (drop --only)", file=sys.stderr)
            return 2
        return gate(results, update=opts.update_floors)
    return 0


if __name__ == "__main__":
    sys.exit(main())
