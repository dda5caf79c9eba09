"""Fit the coder's calibrated confidence on the dev split of the blind real-article set.

Each coded event of the dev articles is labelled right when its (actor country, recipient country,
type) is among its article's gold triples (any tier, alternatives included); a logistic regression
over `annales.pipeline.coding.confidence.FEATURES` is fitted (seeded, deterministic) and written to
`annales/data/coding/calibration.v2.json`. It prints the calibration table of the dev split (the
data it was fitted on) and the threshold at which the default outputs reach precision 0.80 there.

Usage:
    python tools/calibrate_coder.py            # fit and write (needs ../shared)
    python tools/calibrate_coder.py --dry-run  # fit and print only
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

import eval_realnews  # noqa: E402
from benchmarks.realnews.gold import LATER_DEV_SPLITS, VAL_FIRST_PASS, VAL_MANIFEST, load_gold, load_manifest  # noqa: E402

from annales.pipeline.coding.confidence import CALIBRATION_FILE, Calibrator, fit_calibrator  # noqa: E402

OUT = REPO / "src" / "annales" / "data" / "coding" / CALIBRATION_FILE
TARGET_PRECISION = 0.80
L2 = 2.0  # ridge penalty: 12 weights on about 600 events


def _country(code: str | None) -> str:
    return code.split(".")[0] if code else "-"


def labelled_events(split: str = "dev") -> list[tuple[tuple[float, ...], bool, str, tuple[str, str, str]]]:
    """(features, right, article key, triple) of every coded event of the split's articles."""
    if split == "test":
        raise ValueError("the test split is never used to fit anything")
    if split == "val":
        manifest = {row["key"]: row for row in load_manifest(VAL_MANIFEST)}
        gold = load_gold(VAL_FIRST_PASS)  # the experiment of docs/benchmarks.md; val is then no longer held out
    elif split == "devs":  # every dev split: dev and the later ones (dev2 to dev5)
        manifest = {row["key"]: row for row in load_manifest()}
        gold = [g for g in load_gold() if manifest[g.key]["split"] == "dev"]
        for _, extra_manifest, extra_gold in LATER_DEV_SPLITS:
            rows = {row["key"]: row for row in load_manifest(extra_manifest)}
            manifest |= rows
            gold += [g for g in load_gold(extra_gold) if g.key in rows]
    else:
        manifest = {row["key"]: row for row in load_manifest()}
        gold = [g for g in load_gold() if manifest[g.key]["split"] == split]
    with tempfile.TemporaryDirectory() as tmp:
        # fitted from the uncalibrated coder: the shipped file may be for another feature list
        config = Path(tmp) / "uncalibrated.toml"
        config.write_text("[coding]\ncalibrated = false\n", encoding="utf-8")
        coded = eval_realnews.code_articles([g.key for g in gold], manifest, config)
    rows = []
    for record in gold:
        triples = set().union(*(g.triples() for g in record.events)) if record.events else set()
        for event in coded[record.key].events:
            if not event.features:
                continue
            recipient = event.recipient.code if event.recipient else None
            triple = (_country(event.actor.code) if event.actor.code else "?", _country(recipient), event.type)
            rows.append((event.features, triple in triples, record.key, triple))
    return rows


def precision_at(rows: list[tuple[float, bool, str, tuple[str, str, str]]], threshold: float) -> tuple[float, int]:
    """Document-level precision of the distinct triples kept at `threshold` (as eval_realnews counts)."""
    kept: dict[tuple[str, tuple[str, str, str]], bool] = {}
    for prob, right, key, triple in rows:
        if prob >= threshold and triple[0] != "?":
            kept[(key, triple)] = right
    return (sum(kept.values()) / len(kept) if kept else 0.0), len(kept)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dry-run", action="store_true")
    parser.add_argument(
        "--split",
        choices=("dev", "devs", "val"),
        default="dev",
        help="the articles to fit on (val: its first pass, an experiment)",
    )
    args = parser.parse_args(argv)
    rows = labelled_events(args.split)
    bias, weights = fit_calibrator([r[0] for r in rows], [r[1] for r in rows], l2=L2)
    calibrator = Calibrator(bias, weights, {"events": len(rows), "split": args.split, "l2": L2})
    scored = [(calibrator.probability(f), right, key, triple) for f, right, key, triple in rows]
    print(f"{len(rows)} {args.split} events, {sum(r[1] for r in rows)} right")
    for low, high in ((0.0, 0.3), (0.3, 0.5), (0.5, 0.7), (0.7, 0.8), (0.8, 0.9), (0.9, 1.01)):
        group = [right for prob, right, _, _ in scored if low <= prob < high]
        if group:
            share = sum(group) / len(group)
            print(f"  confidence {low:.1f}-{min(high, 1.0):.1f}: {len(group):4d} events, {share:.2f} right")
    threshold = next((t / 100 for t in range(0, 100) if precision_at(scored, t / 100)[0] >= TARGET_PRECISION), None)
    if threshold is not None:
        precision, kept = precision_at(scored, threshold)
        print(f"precision >= {TARGET_PRECISION} from confidence {threshold:.2f} ({kept} triples, {precision:.3f})")
    if not args.dry_run:
        calibrator.meta["threshold_for_precision_0.8"] = threshold
        calibrator.save(OUT)
        print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
