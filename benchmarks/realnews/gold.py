"""Read the blind set's manifest and gold annotations (see docs/annotation.md for the format)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
MANIFEST = HERE / "manifest.jsonl"
GOLD = HERE / "gold.jsonl"
VAL_MANIFEST = HERE / "val_manifest.jsonl"  # the validation split: other articles, one blind pass
VAL = HERE / "val.jsonl"
# Its first annotation pass alone: what the training and calibration experiments of docs/benchmarks.md
# used (`train_coder.py --realval`, `calibrate_coder.py --split val`); never for the shipped model.
VAL_FIRST_PASS = HERE / "passes" / "val_A.jsonl"
# The second dev split (tenth session): other articles, one blind pass (docs/annotation.md).
DEV2_MANIFEST = HERE / "dev2_manifest.jsonl"
DEV2 = HERE / "dev2.jsonl"
# The third dev split (end of the tenth session): local crime and justice news, one blind pass.
DEV3_MANIFEST = HERE / "dev3_manifest.jsonl"
DEV3 = HERE / "dev3.jsonl"
# The fourth dev split (eleventh session): political, diplomatic and justice news, one blind pass.
DEV4_MANIFEST = HERE / "dev4_manifest.jsonl"
DEV4 = HERE / "dev4.jsonl"
# The fifth dev split (fifteenth session): the political and justice news left in the corpora, one blind pass.
DEV5_MANIFEST = HERE / "dev5_manifest.jsonl"
DEV5 = HERE / "dev5.jsonl"
# The later dev splits: (name, manifest, gold), read freely; not in `--split all` nor in the gate.
LATER_DEV_SPLITS = (
    ("dev2", DEV2_MANIFEST, DEV2),
    ("dev3", DEV3_MANIFEST, DEV3),
    ("dev4", DEV4_MANIFEST, DEV4),
    ("dev5", DEV5_MANIFEST, DEV5),
)


def load_manifest(path: Path | None = None) -> list[dict[str, Any]]:
    with open(path or MANIFEST, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _country(code: object) -> str:
    return str(code).split(".")[0] if code else "-"


@dataclass(frozen=True, slots=True)
class GoldEvent:
    """One annotated event with its anchors (character spans in the source text)."""

    actor: str
    recipient: str | None
    type: str
    mode: str | None
    status: str
    negated: bool
    date: str | None
    place: str | None
    tier: str
    trigger: str
    anchors: tuple[tuple[int, int], ...]
    alt: tuple[dict[str, str], ...]

    @classmethod
    def from_json(cls, event: dict[str, Any]) -> GoldEvent:
        return cls(
            actor=event["actor"],
            recipient=event.get("recipient"),
            type=event["type"],
            mode=event.get("mode") or None,
            status=event.get("status", "occurred"),
            negated=bool(event.get("negated", False)),
            date=event.get("date"),
            place=event.get("place"),
            tier=event.get("tier", "core"),
            trigger=event.get("trigger", ""),
            anchors=tuple((int(a), int(b)) for a, b in event.get("anchors", [])),
            alt=tuple(event.get("alt") or ()),
        )

    def triples(self) -> set[tuple[str, str, str]]:
        """(actor country, recipient country or '-', type) of the event and of each alternative."""
        base = {"actor": self.actor, "recipient": self.recipient, "type": self.type}
        found = {(_country(self.actor), _country(self.recipient), self.type)}
        for alt in self.alt:
            merged = {**base, **alt}
            found.add((_country(merged["actor"]), _country(merged["recipient"]), str(merged["type"])))
        return found

    def trigger_span(self, text: str) -> tuple[int, int] | None:
        """The trigger word inside the first anchor (else inside any anchor), or None."""
        spans = self.trigger_spans(text)
        return spans[0][1] if spans and spans[0][1] is not None else None

    def trigger_spans(self, text: str) -> list[tuple[tuple[int, int], tuple[int, int] | None]]:
        """Per anchor: (the anchor, the span of a trigger word inside it or None)."""
        words = [w for w in self.trigger.split() if len(w) > 2] or self.trigger.split()
        out: list[tuple[tuple[int, int], tuple[int, int] | None]] = []
        for start, end in self.anchors:
            found = None
            for word in words:
                match = re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text[start:end], re.IGNORECASE)
                if match:
                    found = (start + match.start(), start + match.end())
                    break
            out.append(((start, end), found))
        return out


@dataclass(frozen=True, slots=True)
class GoldArticle:
    key: str
    events: tuple[GoldEvent, ...]
    text_sha256: str


def load_gold(path: Path = GOLD) -> list[GoldArticle]:
    """The adjudicated gold (or a pass file of the same format)."""
    articles = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            record = json.loads(line)
            events = tuple(GoldEvent.from_json(e) for e in record.get("events", []))
            articles.append(GoldArticle(record["key"], events, record.get("text_sha256", "")))
    return articles
