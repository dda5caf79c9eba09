"""Near-duplicate and event-merge quality, guarded by floors.

Usage:
    python benchmarks/eval_dedup.py                  # print the figures
    python benchmarks/eval_dedup.py --gate           # exit 1 when a figure drops below its floor
    python benchmarks/eval_dedup.py --update-floors  # write the current figures as floors (may lower them)

Near duplicates. The corpus is built at run time from the 181 article texts of
../shared/data/extraction/ground-truth.json (pinned by its sha256), with a fixed seed:
  original    every article, wrapped in the header/footer chrome of one of six invented sites;
  syndicated  half of the articles again, on another site's chrome;
  truncated   half of the articles of >= 150 words, cut to the first 40-70% of their words
              (shorter texts are not meaningful copies once cut), on another site's chrome;
  updated     40% of the articles with one paragraph rewritten (its sentences in reverse order)
              and a closing "Update:" paragraph of 40 of its words shuffled, on another site's chrome;
  merged      30 pages that concatenate two articles (a "page" gluing two stories).
Truth: two pages are near duplicates when they derive from the same article; a merged page is a
near duplicate of every page of both its articles (it contains them), while those two articles
stay distinct. Figures:
  pair_precision / pair_recall          the verified pairwise relation (table near_duplicates);
  cluster_precision / cluster_recall    documents.cluster_id pairs, merged pages left out (a merged
                                        page may join either article's cluster);
  merged_in_a_part                      share of merged pages whose cluster is one of their articles'.

Event merge. A labelled set of 47 event mentions written for this script (below, MENTIONS): the
Biden-Lavrov meeting in Munich reported by five outlets in varied ways (other direction, a day
later, undated, a month-dated review), Kerry's Moscow visit announced then made (the
announcement and the visit are two events, issue 14), accusations in both directions,
sanctions and retaliation, attacks in two cities on one day, a denied meeting, a hypothetical
one, a second meeting a month later... each with its gold real-world event. Hard negatives
(issue 14): the same pair and type on the same day in another city (Geneva), in the same city
two months later, an invitation to the Moscow meeting, and talks three days after others with
a mention in between (a chain of one-day steps). Figures (`annales.pipeline.aggregate.evaluate`):
pairwise precision/recall/F1 of "same merged event" against the gold, and how many of the
hard-negative pairs (same type and dyad, different gold events) were merged (and the share
kept apart, `merge_hard_negatives_apart`, gated).
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import itertools
import json
import logging
import random
import sys
from collections import defaultdict
from pathlib import Path

from annales.pipeline.aggregate import finalize
from annales.pipeline.aggregate.evaluate import evaluate_merge
from annales.records import Actor, Article, Event, Place, Sentence
from annales.store.store import Store

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _corpus import skip_missing

REPO = Path(__file__).resolve().parents[1]
GROUND_TRUTH = REPO.parent / "shared" / "data" / "extraction" / "ground-truth.json"
FLOORS = REPO / "benchmarks" / "floors" / "dedup.json"
SEED = 20130202
# A floor sits this far under the measured figure so that harmless changes do not fail CI.
MARGIN = 0.01
SITES = ["Daily Ledger", "Metro Wire", "Coast Herald", "Valley Times", "Northern Post", "Capital Courier"]


def _chrome(site: str) -> tuple[str, str]:
    header = f"{site}\nHome | World | Business | Tech | Opinion | Sport\nSubscribe to {site} for unlimited access"
    footer = f"Share this story\nMore from {site}\nCopyright {site}. All rights reserved. Terms | Privacy"
    return header, footer


def _page(site: str, body: str) -> str:
    header, footer = _chrome(site)
    return f"{header}\n\n{body}\n\n{footer}"


def _paragraphs(text: str) -> list[str]:
    return [p for p in text.split("\n") if p.strip()]


def build_pages(articles: list[str], *, seed: int) -> tuple[dict[str, str], dict[str, set[int]]]:
    """Pages (doc_id -> text) and, per page, the articles it derives from."""
    rng = random.Random(seed)
    pages: dict[str, str] = {}
    parts: dict[str, set[int]] = {}
    for i, body in enumerate(articles):
        sites = rng.sample(SITES, 4)
        pages[f"a{i}-original"], parts[f"a{i}-original"] = _page(sites[0], body), {i}
        if rng.random() < 0.5:
            pages[f"a{i}-syndicated"], parts[f"a{i}-syndicated"] = _page(sites[1], body), {i}
        words = body.split(" ")
        if len(words) >= 150 and rng.random() < 0.5:
            cut = " ".join(words[: int(len(words) * rng.uniform(0.4, 0.7))])
            pages[f"a{i}-truncated"], parts[f"a{i}-truncated"] = _page(sites[2], cut), {i}
        paragraphs = _paragraphs(body)
        if len(paragraphs) >= 2 and rng.random() < 0.4:
            k = rng.randrange(len(paragraphs))
            rewritten = " ".join(reversed(paragraphs[k].split(". ")))
            closing = "Update: " + " ".join(rng.sample(words, min(40, len(words))))
            updated = [*paragraphs[:k], rewritten, *paragraphs[k + 1 :], closing]
            pages[f"a{i}-updated"], parts[f"a{i}-updated"] = _page(sites[3], "\n".join(updated)), {i}
    for n in range(30):
        i, j = rng.sample(range(len(articles)), 2)
        doc_id = f"m{n}-a{i}-a{j}"
        pages[doc_id], parts[doc_id] = _page(rng.choice(SITES), articles[i] + "\n" + articles[j]), {i, j}
    return pages, parts


def _truth_pairs(parts: dict[str, set[int]]) -> set[frozenset[str]]:
    return {frozenset((a, b)) for a, b in itertools.combinations(sorted(parts), 2) if parts[a] & parts[b]}


def _pr(found: set[frozenset[str]], wanted: set[frozenset[str]]) -> tuple[float, float]:
    hit = len(found & wanted)
    return (hit / len(found) if found else 1.0), (hit / len(wanted) if wanted else 1.0)


def eval_near_duplicates(articles: list[str]) -> dict[str, float]:
    """Pair and cluster precision/recall on the synthetic pages (see the module docstring)."""
    pages, parts = build_pages(articles, seed=SEED)
    store = Store(":memory:")
    store.write([Article(doc_id=d, uri=d, format="text", text=t) for d, t in pages.items()], run_id="eval")
    finalize(store, run_id="eval")
    found = {frozenset(r) for r in store.con.execute("SELECT doc_id, other_id FROM near_duplicates").fetchall()}
    pair_p, pair_r = _pr(found, _truth_pairs(parts))
    cluster_of = dict(store.con.execute("SELECT doc_id, cluster_id FROM documents").fetchall())
    single = [d for d in parts if len(parts[d]) == 1]
    same_cluster = {frozenset((a, b)) for a, b in itertools.combinations(single, 2) if cluster_of[a] == cluster_of[b]}
    same_article = {frozenset((a, b)) for a, b in itertools.combinations(single, 2) if parts[a] == parts[b]}
    cluster_p, cluster_r = _pr(same_cluster, same_article)
    merged = [d for d in parts if len(parts[d]) == 2]
    in_part = sum(cluster_of[m] in {cluster_of[f"a{i}-original"] for i in parts[m]} for m in merged)
    return {"pages": len(pages), "pair_precision": pair_p, "pair_recall": pair_r, "cluster_precision": cluster_p,
            "cluster_recall": cluster_r, "merged_in_a_part": in_part / len(merged)}  # fmt: skip


# Hand-labelled event mentions: (doc, source, actor, recipient, type, date or None, place or None,
# status, negated, gold event). Dates are the event dates the date resolver would give; None is
# an undated mention in an undated article of the same story (story given by the doc's prefix).
D = dt.date
MUNICH, MOSCOW = ("Munich", "DEU", 48.14, 11.58), ("Moscow", "RUS", 55.75, 37.62)
GENEVA = ("Geneva", "CHE", 46.20, 6.14)
ALEPPO, DAMASCUS = ("Aleppo", "SYR", 36.20, 37.16), ("Damascus", "SYR", 33.51, 36.29)
MENTIONS: list[
    tuple[str, str, str, str | None, str, dt.date | None, tuple[str, str, float, float] | None, str, bool, str]
] = [
    ("munich-dw", "DW", "USA", "RUS", "CONSULT", D(2013, 2, 2), MUNICH, "occurred", False, "munich"),
    ("munich-dw", "DW", "RUS", "USA", "CONSULT", D(2013, 2, 2), None, "occurred", False, "munich"),
    ("munich-rt", "RT", "RUS", "USA", "CONSULT", D(2013, 2, 2), MUNICH, "occurred", False, "munich"),
    ("munich-ap", "AP", "USA", "RUS", "CONSULT", D(2013, 2, 3), None, "occurred", False, "munich"),
    ("munich-ap-copy", "AP", "USA", "RUS", "CONSULT", D(2013, 2, 3), None, "occurred", False, "munich"),
    ("munich-pre", "Reuters", "USA", "RUS", "CONSULT", D(2013, 2, 2), MUNICH, "planned", False, "munich-plan"),
    ("munich-review", "DW", "USA", "RUS", "CONSULT", D(2013, 2, 1), MUNICH, "occurred", False, "munich"),
    ("geneva-sda", "SDA", "USA", "RUS", "CONSULT", D(2013, 2, 2), GENEVA, "occurred", False, "geneva"),
    ("munich-sz", "SZ", "USA", "RUS", "CONSULT", D(2013, 4, 5), MUNICH, "occurred", False, "munich-april"),
    ("munich-dw", "DW", "USA", "RUS", "ACCUSE", D(2013, 2, 2), MUNICH, "occurred", False, "munich-accuse"),
    ("munich-rt", "RT", "RUS", "USA", "ACCUSE", D(2013, 2, 2), MUNICH, "occurred", False, "munich-reply"),
    ("munich-rt", "RT", "USA", "RUS", "CONSULT", D(2013, 2, 2), None, "occurred", True, "munich-denied"),
    ("moscow-ann", "State", "USA", "RUS", "CONSULT", D(2016, 7, 14), MOSCOW, "planned", False, "moscow-plan"),
    ("moscow-ann", "State", "USA", "RUS", "CONSULT", D(2016, 7, 14), None, "planned", False, "moscow-plan"),
    ("moscow-inv", "TASS", "RUS", "USA", "CONSULT", D(2016, 7, 14), MOSCOW, "requested", False, "moscow-invite"),
    ("moscow-rfe", "RFE/RL", "USA", "RUS", "CONSULT", D(2016, 7, 15), MOSCOW, "occurred", False, "moscow"),
    ("moscow-tass", "TASS", "RUS", "USA", "CONSULT", D(2016, 7, 14), MOSCOW, "occurred", False, "moscow"),
    ("moscow-tass", "TASS", "USA", "RUS", "CONSULT", D(2016, 7, 14), MOSCOW, "hypothetical", False, "moscow-hypo"),
    ("moscow-rfe", "RFE/RL", "USA", "RUS", "CONSULT", D(2016, 8, 20), None, "planned", False, "moscow-august"),
    ("moscow-rfe", "RFE/RL", "USA", "FRA", "CONSULT", D(2016, 7, 13), None, "occurred", False, "paris"),
    ("paris-afp", "AFP", "USA", "FRA", "CONSULT", D(2016, 7, 14), None, "occurred", False, "paris"),
    ("paris-lm", "Le Monde", "USA", "FRA", "CONSULT", D(2016, 7, 16), None, "occurred", False, "paris-2"),
    ("sanctions-nyt", "NYT", "USA", "RUS", "SANCTION", D(2012, 12, 14), None, "occurred", False, "magnitsky"),
    ("sanctions-bbc", "BBC", "USA", "RUS", "SANCTION", D(2012, 12, 14), None, "occurred", False, "magnitsky"),
    ("sanctions-bbc", "BBC", "RUS", "USA", "SANCTION", D(2012, 12, 28), None, "occurred", False, "retaliation"),
    ("sanctions-tass", "TASS", "RUS", "USA", "SANCTION", D(2012, 12, 28), None, "occurred", False, "retaliation"),
    ("sanctions-tass", "TASS", "RUS", "USA", "SANCTION", D(2012, 12, 29), None, "occurred", False, "retaliation"),
    ("syria-afp", "AFP", "SYR", None, "ASSAULT", D(2013, 4, 20), ALEPPO, "occurred", False, "aleppo"),
    ("syria-ap", "AP", "SYR", None, "ASSAULT", D(2013, 4, 20), ALEPPO, "occurred", False, "aleppo"),
    ("syria-ap", "AP", "SYR", None, "ASSAULT", D(2013, 4, 20), DAMASCUS, "occurred", False, "damascus"),
    ("syria-sana", "SANA", "SYR", None, "ASSAULT", D(2013, 4, 20), DAMASCUS, "occurred", False, "damascus"),
    ("syria-sana", "SANA", "SYR", None, "ASSAULT", D(2013, 4, 27), DAMASCUS, "occurred", False, "damascus-2"),
    ("brussels-ap", "AP", "USA", "RUS", "AGREE", D(2013, 4, 23), None, "occurred", False, "geneva-revive"),
    ("brussels-vor", "VOR", "RUS", "USA", "AGREE", D(2013, 4, 23), None, "occurred", False, "geneva-revive"),
    ("brussels-vor", "VOR", "RUS", "USA", "CONSULT", D(2013, 4, 23), None, "occurred", False, "brussels-talks"),
    ("brussels-ap", "AP", "USA", "RUS", "CONSULT", D(2013, 4, 23), None, "occurred", False, "brussels-talks"),
    ("brussels-ap", "AP", "USA", "NATO", "CONSULT", D(2013, 4, 23), None, "occurred", False, "nato-talks"),
    ("undated-blog", "", "USA", "RUS", "CONSULT", None, None, "occurred", False, "undated-story"),
    ("undated-blog", "", "RUS", "USA", "CONSULT", None, None, "occurred", False, "undated-story"),
    ("other-undated", "", "USA", "RUS", "CONSULT", None, None, "occurred", False, "undated-other"),
    ("aid-un", "UN", "USA", "SYR", "AID", D(2013, 3, 1), None, "occurred", False, "aid-march"),
    ("aid-un", "UN", "USA", "SYR", "AID", D(2013, 3, 28), None, "occurred", False, "aid-late-march"),
    ("aid-wfp", "WFP", "USA", "SYR", "AID", D(2013, 3, 2), None, "occurred", False, "aid-march"),
    ("threat-1", "CNN", "USA", "SYR", "THREATEN", D(2013, 8, 30), None, "occurred", False, "threat"),
    ("threat-2", "Fox", "USA", "SYR", "THREATEN", D(2013, 8, 30), None, "occurred", False, "threat"),
    ("threat-2", "Fox", "SYR", "USA", "THREATEN", D(2013, 8, 30), None, "occurred", False, "threat-back"),
]


# Mentions dated less finely than a day, by document.
COARSE = {"munich-review": "month"}


def _mention_articles() -> tuple[list[Article], dict[str, str]]:
    """Articles carrying the labelled mentions (one sentence each), and event_id -> gold event."""
    by_doc: dict[str, list[tuple[int, tuple]]] = defaultdict(list)  # type: ignore[type-arg]
    for n, mention in enumerate(MENTIONS):
        by_doc[mention[0]].append((n, mention))
    articles, gold = [], {}
    for doc_id, items in by_doc.items():
        lines = [f"Sentence {n} of {doc_id} about {m[2]} and {m[3]} ({m[4].lower()})." for n, m in items]
        text = "\n".join(lines)
        dates = [m[5] for _, m in items if m[5]]
        published = max(dates) if dates else None
        article = Article(doc_id=doc_id, uri=doc_id, format="text", text=text, source=items[0][1][1] or None,
                          published=published)  # fmt: skip
        start = 0
        for k, ((n, m), line) in enumerate(zip(items, lines, strict=True)):
            article.sentences.append(Sentence(k, start, start + len(line), line))
            place = Place(m[6][0], "city", m[6][1], m[6][2], m[6][3]) if m[6] else None
            event = Event(
                event_id=f"e{n:03d}", doc_id=doc_id, sentence_index=k, sentence=line, span=(start, start + len(line)),
                actor=Actor(m[2], m[2], m[2], None, m[2]),
                recipient=Actor(m[3], m[3], m[3], None, m[3]) if m[3] else None, type=m[4], mode=None,
                contexts=(), cameo="010", goldstein=0.0, quad=1, status=m[7], negated=m[8], confidence=0.8,
                published=published, date=m[5], date_source="text" if m[5] else None,
                granularity=COARSE.get(doc_id, "day") if m[5] else None, place=place,
            )  # fmt: skip
            article.events.append(event)
            gold[event.event_id] = m[9]
            start += len(line) + 1
        articles.append(article)
    return articles, gold


def eval_event_merge() -> dict[str, float]:
    """Pairwise precision/recall/F1 of merged events against the labelled gold events, and hard negatives."""
    articles, gold = _mention_articles()
    # the labelled stories are given, not learned: undated mentions merge only within a story
    stories = {a.doc_id: a.doc_id.split("-")[0] for a in articles}
    scores = evaluate_merge(articles, gold, stories=stories)
    return {"merge_precision": scores.precision, "merge_recall": scores.recall, "merge_f1": scores.f1,
            "merge_hard_negatives_apart": 1 - scores.hard_negatives_merged / max(1, scores.hard_negatives),
            "merge_hard_negatives": scores.hard_negatives,
            "merge_hard_negatives_merged": scores.hard_negatives_merged}  # fmt: skip


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gate", action="store_true", help="Exit 1 when a figure is below its floor.")
    parser.add_argument("--update-floors", action="store_true", help="Write the figures (minus a margin) as floors.")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    if not GROUND_TRUTH.exists():
        return skip_missing(GROUND_TRUTH, "eval_dedup (near duplicates of the extraction articles)")
    truth = json.loads(GROUND_TRUTH.read_text())
    articles = [truth[key]["articleBody"] for key in sorted(truth) if truth[key].get("articleBody")]
    figures = {**eval_near_duplicates(articles), **eval_event_merge()}
    for name, value in figures.items():
        print(f"{name:20s} {value:.4f}" if isinstance(value, float) else f"{name:20s} {value}")
    scored = {k: round(v, 4) for k, v in figures.items() if isinstance(v, float)}
    corpus_sha = _sha256(GROUND_TRUTH)
    mentions_sha = hashlib.sha256(json.dumps([MENTIONS, COARSE], default=str).encode()).hexdigest()
    if args.update_floors:
        floors = {k: round(max(0.0, v - MARGIN), 4) for k, v in scored.items()}
        FLOORS.write_text(json.dumps({"corpus": "extraction/ground-truth.json", "corpus_sha256": corpus_sha,
                                      "mentions_sha256": mentions_sha, "seed": SEED, "floors": floors},
                                     indent=2) + "\n")  # fmt: skip
        print(f"floors written to {FLOORS}")
        return 0
    if args.gate:
        pinned = json.loads(FLOORS.read_text())
        if (pinned["corpus_sha256"], pinned.get("mentions_sha256")) != (corpus_sha, mentions_sha):
            print("eval_dedup: the corpus or MENTIONS changed (sha256 differs); re-pin with --update-floors",
                  file=sys.stderr)  # fmt: skip
            return 1
        below = {k: (scored.get(k, 0.0), v) for k, v in pinned["floors"].items() if scored.get(k, 0.0) < v}
        for name, (value, floor) in below.items():
            print(f"eval_dedup: {name} {value:.4f} is below its floor {floor:.4f}", file=sys.stderr)
        return 1 if below else 0
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
