"""The closing summary of `annales run`, in words rather than stat keys (issue 15 §4).

`annales run --json` prints the same counts under their stable keys (`RunSummary.to_dict`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping

from annales.executor.base import RunSummary

_WIDTH = 36  # label column

# Counts of the global steps after the batches (pipeline/dedup and pipeline/aggregate), in the
# order a reader follows them; a key missing here is still shown, its underscores as spaces.
FINALIZE_LABELS: dict[str, str] = {
    "clusters_new_documents": "documents checked for copies",
    "dedup_candidate_pairs": "candidate pairs of copies",
    "dedup_verified_pairs": "pairs of copies confirmed",
    "clusters_founded": "new groups of copies",
    "clusters_joined": "documents joining a group of copies",
    "stories_new_documents": "documents placed in stories",
    "stories_joined": "documents joining an earlier story",
    "dates_lent": "events dated from their story",
    "dates_not_lent": "events still undated",
    "merge_new_mentions": "event mentions merged",
    "merged_events_founded": "new real-world events",
    "merge_joined": "mentions joining an earlier event",
}
# Where publication dates came from (extract stage stat keys `published_<source>`).
_DATE_SOURCES = {
    "none": "not found",
    "date_line": "date line",
    "signoff": "sign-off",
    "dateline_crawl": "dateline + crawl",
}


def readable(key: str) -> str:
    """A stat key or reason in words: "unsupported_format" -> "unsupported format", "language=de" -> "language de"."""
    return key.replace("_", " ").replace("=", " ").strip()


def _line(label: str, value: object, detail: str = "") -> str:
    return f"  {label:<{_WIDTH}} {value}" + (f"  ({detail})" if detail else "")


def _counts(pairs: Iterable[tuple[str, int]], names: Mapping[str, str] | None = None) -> str:
    ordered = sorted(pairs, key=lambda pair: (-pair[1], pair[0]))
    return ", ".join(f"{(names or {}).get(key, readable(key))}: {n}" for key, n in ordered)


def _stat_group(stats: Counter[str], marker: str) -> dict[str, int]:
    # "extract.removed_navigation" -> {"navigation": n}, summed over stages.
    group: Counter[str] = Counter()
    for key, value in stats.items():
        if marker in key:
            group[key.split(marker, 1)[1]] += value
    return dict(group)


def _documents(summary: RunSummary) -> list[str]:
    lines = [
        _line("documents read", summary.read),
        _line("already in the store (skipped)", summary.already_stored),
        _line("copies in the inputs (stored once)", summary.copies),
        _line("new documents stored", summary.stored),
        _line("re-processed (--reprocess)", summary.reprocessed, f"repaired: {summary.repaired}"),
        _line("extracted (English)", summary.ok),
    ]
    for label, counter in (("skipped", summary.skipped), ("failed", summary.errors),
                           ("files ignored (not news formats)", summary.ignored)):  # fmt: skip
        lines.append(_line(label, sum(counter.values()), _counts(counter.items())))
    return lines


def _text(summary: RunSummary) -> list[str]:
    lines = [_line("sentences", summary.sentences), _line("event mentions coded", summary.events)]
    removed = _stat_group(summary.stats, ".removed_")
    if removed:
        lines.append(_line("boilerplate lines removed", sum(removed.values()), _counts(removed.items())))
    kept = _stat_group(summary.stats, ".kept_")  # lines that looked like chrome, kept to save the text
    if kept:
        lines.append(_line("boilerplate lines kept", sum(kept.values()), _counts(kept.items())))
    published = _stat_group(summary.stats, ".published_")
    if published:
        lines.append(_line("publication dates from", _counts(published.items(), _DATE_SOURCES)))
    return lines


def _finalize(finalize: Mapping[str, object]) -> list[str]:
    if not finalize:
        return []
    keys = [key for key in FINALIZE_LABELS if key in finalize]
    keys += sorted(key for key in finalize if key not in FINALIZE_LABELS)
    lines = ["After the run (copies, stories, events reported by several articles):"]
    return lines + [_line(FINALIZE_LABELS.get(key, readable(key)), finalize[key]) for key in keys]


def format_summary(summary: RunSummary, *, db: str) -> str:
    """The closing summary a person reads: documents, text, then the global steps."""
    rate = summary.stored / summary.seconds if summary.seconds else 0.0
    head = f"Stored in {db} (run {summary.run_id}) in {summary.seconds:.1f} s ({rate:.1f} documents/s)"
    return "\n".join([head, *_documents(summary), *_text(summary), *_finalize(summary.finalize)])
