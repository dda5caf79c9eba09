"""Score coded events of real articles against the blind set's gold (see docs/annotation.md, "Scores")."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from benchmarks.realnews.gold import GoldArticle, GoldEvent

Triple = tuple[str, str, str]


@dataclass(frozen=True, slots=True)
class SystemEvent:
    """What the scorer needs of one output event; `start`/`end` locate its sentence in the gold text."""

    actor_country: str
    recipient_country: str
    type: str
    confidence: float
    start: int
    end: int
    date: dt.date | None
    date_end: dt.date | None
    granularity: str | None
    date_source: str | None
    place_name: str | None
    place_country: str | None
    place_lat: float | None
    place_lon: float | None
    place_source: str | None
    status: str = "occurred"
    negated: bool = False
    actor_sector: str = ""

    @property
    def triple(self) -> Triple:
        return (self.actor_country or "-", self.recipient_country or "-", self.type)


@dataclass(slots=True)
class Scores:
    core: int = 0
    core_found: int = 0
    output: int = 0
    output_right: int = 0
    dates_scored: int = 0
    dates_right: int = 0
    dates_invented: int = 0  # a date where the gold says none can be told
    places_scored: int = 0
    places_right: int = 0
    places_invented: int = 0
    date_sources: Counter[str] = field(default_factory=Counter)
    date_sources_right: Counter[str] = field(default_factory=Counter)
    place_sources: Counter[str] = field(default_factory=Counter)
    place_sources_right: Counter[str] = field(default_factory=Counter)
    conf_bins: Counter[str] = field(default_factory=Counter)
    conf_bins_right: Counter[str] = field(default_factory=Counter)

    def add(self, other: Scores) -> None:
        for name in self.__slots__:  # type: ignore[attr-defined]
            mine = getattr(self, name)
            if isinstance(mine, Counter):
                mine.update(getattr(other, name))
            else:
                setattr(self, name, mine + getattr(other, name))

    def figures(self) -> dict[str, float]:
        def ratio(a: int, b: int) -> float:
            return round(a / b, 3) if b else 0.0

        recall = ratio(self.core_found, self.core)
        precision = ratio(self.output_right, self.output)
        f1 = round(2 * recall * precision / (recall + precision), 3) if recall + precision else 0.0
        high = self.conf_bins["0.8"] + self.conf_bins["0.9"]
        high_right = self.conf_bins_right["0.8"] + self.conf_bins_right["0.9"]
        return {
            "core_recall": recall,
            "precision": precision,
            "f1": f1,
            "date_accuracy": ratio(self.dates_right, self.dates_scored),
            "place_accuracy": ratio(self.places_right, self.places_scored),
            "confident_right": ratio(high_right, high),
            "core_events": self.core,
            "output_triples": self.output,
            "dates_scored": self.dates_scored,
            "places_scored": self.places_scored,
            "dates_invented": self.dates_invented,
            "places_invented": self.places_invented,
            "confident_events": high,
        }


def _bin(confidence: float) -> str:
    for edge in ("0.9", "0.8", "0.7", "0.6", "0.5"):
        if confidence >= float(edge):
            return edge
    return "<0.5"


def score_article(
    gold: GoldArticle,
    events: Sequence[SystemEvent],
    *,
    place_coords: Callable[[str], tuple[float, float] | None] | None = None,
) -> Scores:
    """Document-level scores of one article; see docs/annotation.md for the definitions."""
    scores = Scores()
    all_triples = set().union(*(g.triples() for g in gold.events)) if gold.events else set()
    by_triple: dict[Triple, list[SystemEvent]] = {}
    for event in events:
        by_triple.setdefault(event.triple, []).append(event)
    for triple, group in by_triple.items():
        scores.output += 1
        right = triple in all_triples
        scores.output_right += right
        best = max(group, key=lambda e: e.confidence)
        scores.conf_bins[_bin(best.confidence)] += 1
        scores.conf_bins_right[_bin(best.confidence)] += right
    for g in gold.events:
        if g.tier != "core":
            continue
        scores.core += 1
        matches = [e for t in g.triples() for e in by_triple.get(t, [])]
        if not matches:
            continue
        scores.core_found += 1
        chosen = matching_mention(g, matches)
        _score_date(scores, g, chosen)
        _score_place(scores, g, chosen, place_coords)
    return scores


def matching_mention(gold: GoldEvent, matches: list[SystemEvent]) -> SystemEvent:
    """The output event whose sentence overlaps a gold anchor, else the most confident."""
    for event in sorted(matches, key=lambda e: -e.confidence):
        if any(event.start < end and start < event.end for start, end in gold.anchors):
            return event
    return max(matches, key=lambda e: e.confidence)


def gold_window(value: str) -> tuple[dt.date, dt.date, str]:
    """The days a gold date covers, and its granularity."""
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 3:
        day = dt.date(*parts)
        return day, day, "day"
    if len(parts) == 2:
        start = dt.date(parts[0], parts[1], 1)
        nxt = dt.date(parts[0] + (parts[1] == 12), parts[1] % 12 + 1, 1)
        return start, nxt - dt.timedelta(days=1), "month"
    return dt.date(parts[0], 1, 1), dt.date(parts[0], 12, 31), "year"


_RANK = {"day": 0, "week": 1, "month": 2, "year": 3}


def date_right(gold_value: str, event: SystemEvent) -> bool:
    """The output date lies inside the gold window and is not coarser than the gold's granularity."""
    if event.date is None:
        return False
    start, end, granularity = gold_window(gold_value)
    if _RANK.get(event.granularity or "day", 0) > _RANK[granularity]:
        return False
    return start <= event.date <= end


def _score_date(scores: Scores, gold: GoldEvent, event: SystemEvent) -> None:
    if gold.date is None:
        scores.dates_invented += event.date is not None
        return
    scores.dates_scored += 1
    ok = date_right(gold.date, event)
    scores.dates_right += ok
    source = event.date_source or "none"
    scores.date_sources[source] += 1
    scores.date_sources_right[source] += ok


def _norm(name: str) -> str:
    return re.sub(r"[^a-z]", "", name.lower())


def place_right(
    gold_value: str, event: SystemEvent, place_coords: Callable[[str], tuple[float, float] | None] | None
) -> bool:
    """Country-level gold: the output's country matches. A named place: same name in the same country (Paris,
    France is no answer for Paris, Tennessee), or within 161 km."""
    name, _, country = gold_value.rpartition(",")
    name, country = name.strip(), country.strip()
    if not name:  # "SYR": only the country is known
        return event.place_country == gold_value.strip()
    if event.place_name is None:
        return False
    same_name = _norm(event.place_name) == _norm(name) or _norm(event.place_name) in _norm(name).split()
    if same_name and event.place_country == country:
        return True
    coords = place_coords(gold_value) if place_coords else None
    if coords is None or event.place_lat is None or event.place_lon is None:
        return False
    from annales.pipeline.resolve.gazetteer import distance_km

    return distance_km(coords[0], coords[1], event.place_lat, event.place_lon) <= 161.0


def gold_place_coords() -> Callable[[str], tuple[float, float] | None]:
    """A reader of a gold place's coordinates ("New York, USA"): the reading our resolver gives the bare name
    in that country ("New York" is the city, not the middle of the state), else the name's first row there."""
    from annales.pipeline.resolve.gazetteer import load_gazetteer
    from annales.pipeline.resolve.places_toponyms import PlaceContext, resolve_scored

    gaz = load_gazetteer()

    def coords(value: str) -> tuple[float, float] | None:
        name, _, country = value.rpartition(",")
        name, country = name.strip(), country.strip()
        read = resolve_scored(name, context=PlaceContext(dateline_country=country), gazetteer=gaz).entry
        if read is not None and read.country == country and read.lat is not None and read.lon is not None:
            return read.lat, read.lon
        for entry in gaz.lookup(name):
            if entry.country == country and entry.lat is not None and entry.lon is not None:
                return entry.lat, entry.lon
        return None

    return coords


def _score_place(
    scores: Scores,
    gold: GoldEvent,
    event: SystemEvent,
    place_coords: Callable[[str], tuple[float, float] | None] | None,
) -> None:
    if gold.place is None:
        scores.places_invented += event.place_name is not None
        return
    scores.places_scored += 1
    ok = place_right(gold.place, event, place_coords)
    scores.places_right += ok
    source = event.place_source or "none"
    scores.place_sources[source] += 1
    scores.place_sources_right[source] += ok


@dataclass(slots=True)
class SentenceScores:
    """Sentence-level figures like the held-out sentence set: one gold type per sentence with an event."""

    gold: list[str] = field(default_factory=list)
    predicted: list[str] = field(default_factory=list)
    recipient_checked: int = 0
    recipient_right: int = 0

    def add_sentence(self, gold_event: GoldEvent, output: Sequence[SystemEvent]) -> None:
        self.gold.append(gold_event.type)
        if not output:
            self.predicted.append("NONE")
            return
        best = max(output, key=lambda e: e.confidence)
        self.predicted.append(best.type)
        if best.type == gold_event.type:
            self.recipient_checked += 1
            gold_recipient = (gold_event.recipient or "-").split(".")[0]
            self.recipient_right += best.recipient_country == gold_recipient or (
                gold_recipient == "-" and best.recipient_country in ("", "-")
            )

    def figures(self) -> dict[str, float]:
        labels = sorted(set(self.gold))
        f1s = []
        for label in labels:
            tp = sum(g == p == label for g, p in zip(self.gold, self.predicted, strict=True))
            n_pred = self.predicted.count(label)
            n_gold = self.gold.count(label)
            prec = tp / n_pred if n_pred else 0.0
            rec = tp / n_gold if n_gold else 0.0
            f1s.append(2 * prec * rec / (prec + rec) if prec + rec else 0.0)
        n = len(self.gold)
        return {
            "sentences": n,
            "macro_f1": round(sum(f1s) / len(f1s), 3) if f1s else 0.0,
            "accuracy": round(sum(g == p for g, p in zip(self.gold, self.predicted, strict=True)) / n, 3) if n else 0.0,
            "no_event": round(self.predicted.count("NONE") / n, 3) if n else 0.0,
            "recipient_right": round(self.recipient_right / self.recipient_checked, 3)
            if self.recipient_checked
            else 0.0,
        }
