"""Kill `annales run` with SIGKILL at random moments, resume, and compare with a clean run.

Builds a synthetic corpus (default 2,000 short wire-style documents), runs it once cleanly,
then runs it again into a second store, killing the process group at a random moment
`--kills` times (each time resuming with the same command), lets the last run finish, and
checks that both stores have the same content (documents, sentences, mentions, events,
merged events, stories; no duplicates).

With `--reprocess` (issue 14) the corpus is one JSONL feed in which every article appears
`--copies` times (a wire feed repeating its stories); the second store is first built by an
"older pipeline" that failed every document (`[extract] max_bytes = 40`: all `too_large`), and
the killed runs are `annales run --reprocess failed` repairing it; progress is read as the
number of documents stored with status ok.

Usage:
    python benchmarks/bench_kill_resume.py [--docs 2000] [--kills 50] [--seed 1]
    python benchmarks/bench_kill_resume.py --reprocess --copies 3 [--docs 500] [--kills 20]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from annales.errors import StoreError
from annales.store import Store

ACTORS = ["Russia", "the United States", "China", "France", "Germany", "Iran", "Turkey", "NATO", "Ukraine", "Israel"]
PEOPLE = ["Sergei Lavrov", "John Kerry", "Angela Merkel", "Xi Jinping", "Recep Tayyip Erdogan", "Emmanuel Macron"]
VERBS = ["met", "criticized", "praised", "accused", "threatened", "thanked", "called on", "signed an agreement with"]
PLACES = ["Geneva", "Vienna", "Brussels", "Moscow", "Beijing", "Ankara", "Paris", "Berlin"]
DAYS = ["on Monday", "on Tuesday", "last week", "on Saturday", "two weeks ago", "earlier this month"]


def make_corpus(folder: Path, n: int, seed: int) -> None:
    """Write `n` distinct short news texts."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        a, b = rng.sample(ACTORS, 2)
        person = rng.choice(PEOPLE)
        lines = [
            f"{a} and {b} discuss item {i}",
            f"Published {rng.randint(1, 28):02d}-{rng.randint(1, 12):02d}-{rng.randint(2013, 2024)}",
            f"{a} {rng.choice(VERBS)} {b} in {rng.choice(PLACES)} {rng.choice(DAYS)}, officials said (ref {i}).",
            f"{person} {rng.choice(VERBS)} {rng.choice(ACTORS)} {rng.choice(DAYS)}.",
            f"Analysts said the talks in {rng.choice(PLACES)} could resume next month after the dispute {i}.",
        ]
        (folder / f"doc{i:05d}.txt").write_text("\n\n".join(lines) + "\n")


def make_feed(folder: Path, n: int, seed: int, copies: int) -> Path:
    """One JSONL feed of the same `n` texts, each article `copies` times, copies spread out."""
    make_corpus(folder / "texts", n, seed)
    texts = sorted((folder / "texts").iterdir())
    records = [{"url": f"https://wire.example.com/{path.stem}", "text": path.read_text()} for path in texts] * copies
    random.Random(seed).shuffle(records)
    feed = folder / "feed.jsonl"
    feed.write_text("".join(json.dumps(record) + "\n" for record in records))
    return feed


def _stored(db: Path, where: str = "") -> int:
    """Documents committed so far (0 before the store exists); waits out a committing writer."""
    for _ in range(200):
        if not db.exists():
            return 0
        try:
            with Store(db, read_only=True) as store:
                return store.count("documents", where)
        except StoreError:
            time.sleep(0.05)
    return 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--kills", type=int, default=50)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--reprocess", action="store_true", help="Kill `annales run --reprocess failed` (issue 14).")
    parser.add_argument("--copies", type=int, default=1, help="With --reprocess: copies of each article in the feed.")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        if args.reprocess:
            corpus = make_feed(corpus, args.docs, args.seed, args.copies)
        else:
            make_corpus(corpus, args.docs, args.seed)
        base = [sys.executable, "-m", "annales.cli.main", "run", str(corpus), "--workers", str(args.workers), "--json"]
        clean_db = Path(tmp) / "clean.duckdb"
        started = time.perf_counter()
        subprocess.run([*base, "--db", str(clean_db)], check=True, stdout=subprocess.DEVNULL)
        clean_seconds = time.perf_counter() - started
        killed_db = Path(tmp) / "killed.duckdb"
        progress = ""
        if args.reprocess:  # an older pipeline failed every document; the killed runs repair them
            older = Path(tmp) / "older.toml"
            older.write_text("[extract]\nmax_bytes = 40\n")
            subprocess.run([*base, "--db", str(killed_db), "--config", str(older)], check=False,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
            base, progress = [*base, "--reprocess", "failed"], "WHERE status = 'ok'"
        kills, finished_early = 0, 0
        # Each life commits a random number of documents (read through the store, as
        # `annales serve` would) and is then killed at a random moment of its next batch, so
        # the kills spread over the whole run; once everything is stored they land in
        # start-up or the global steps.
        step = max(2, 2 * args.docs // args.kills)
        for _ in range(args.kills):
            before = _stored(killed_db, progress)
            target = before + rng.randint(1, step)
            proc = subprocess.Popen([*base, "--db", str(killed_db)], stdout=subprocess.DEVNULL,
                                    stderr=subprocess.DEVNULL, start_new_session=True)  # fmt: skip
            deadline = time.monotonic() + 300
            while (
                proc.poll() is None
                and _stored(killed_db, progress) < min(target, args.docs)
                and time.monotonic() < deadline
            ):
                time.sleep(0.1)
            time.sleep(rng.uniform(0.0, 1.5 if before < args.docs else 4.0))
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGKILL)
                kills += 1
            else:
                finished_early += 1
            proc.wait()
            print(f"kill {kills:2d}: {_stored(killed_db, progress)} documents stored so far", flush=True)
        subprocess.run([*base, "--db", str(killed_db)], check=True, stdout=subprocess.DEVNULL)
        with Store(clean_db, read_only=True) as a, Store(killed_db, read_only=True) as b:
            clean, resumed = a.content(), b.content()
            dupes = b.con.execute("SELECT count(*) - count(DISTINCT doc_id) FROM documents").fetchone()
        same = clean == resumed
        print(f"\ndocuments {len(clean['documents'])}, events {len(clean['events'])}, "
              f"clean run {clean_seconds:.0f} s; SIGKILLs delivered {kills}, runs that finished first "
              f"{finished_early}; duplicate documents {dupes[0] if dupes else '?'}; "
              f"final store equals the clean run: {same}")  # fmt: skip
        if not same:
            for table in clean:
                if clean[table] != resumed[table]:
                    print(f"  differs: {table} ({len(clean[table])} vs {len(resumed[table])} rows)")
            raise SystemExit(1)


if __name__ == "__main__":
    main()
