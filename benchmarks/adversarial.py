"""Hostile inputs: generate them, run `annales run` on them, and report what happened.

Generates, in a temporary folder (or --out):
  big_line.txt           50 MB of text on a single line
  bomb.txt.gz            a gzip bomb that expands to 1 GB (rejected by size/ratio)
  nested.html            100,000 nested <div> tags
  entities.txt           one sentence naming 10,000 entities
  mixed_encoding.txt     UTF-8, cp1252 and latin-1 bytes in one file
  rtl_zero_width.txt     right-to-left and zero-width characters inside English text
  nul_bytes.txt          text with NUL bytes
  crlf.txt / cr.txt      CRLF and CR line endings
  loop/                  a folder with a symlink loop
  unreadable.txt         chmod 000 (only enforced for non-root users)
  changing.txt           a file that a background thread rewrites while the run reads it
  binary.bin, empty.txt, truncated.html.gz, truncated.warc.gz, bad.jsonl

Then runs `annales run` on the folder with a time limit, checks the process did not crash,
that every input has a stored row with a status and reason, and prints a table.

Usage:
    python benchmarks/adversarial.py [--out DIR] [--timeout 900]
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import os
import sys
import tempfile
import threading
import time
from pathlib import Path

import duckdb

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _measure import measure

SENTENCE = "Officials from Russia and the United States met in Geneva on Tuesday to discuss the ceasefire. "


def _gzip_bomb(path: Path, size: int) -> None:
    chunk = b"\0" * (1 << 20)
    with gzip.open(path, "wb", compresslevel=9) as handle:
        for _ in range(size >> 20):
            handle.write(chunk)


def _warc_record(url: str, body: bytes) -> bytes:
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + body
    head = (
        "WARC/1.0\r\nWARC-Type: response\r\n"
        f"WARC-Target-URI: {url}\r\nContent-Type: application/http; msgtype=response\r\n"
        f"Content-Length: {len(http)}\r\n\r\n"
    ).encode()
    return head + http + b"\r\n\r\n"


def generate(out: Path) -> dict[str, str]:
    """Write every hostile input; return name -> what it tests."""
    out.mkdir(parents=True, exist_ok=True)
    made: dict[str, str] = {}
    (out / "big_line.txt").write_bytes((SENTENCE.strip() + " ").encode() * (50 * 1024 * 1024 // len(SENTENCE)))
    made["big_line.txt"] = "50 MB single line"
    _gzip_bomb(out / "bomb.txt.gz", 1 << 30)
    made["bomb.txt.gz"] = "gzip bomb, 1 GB expanded"
    (out / "nested.html").write_text(
        "<html><body>" + "<div>" * 100_000 + SENTENCE + "</div>" * 100_000 + "</body></html>"
    )
    made["nested.html"] = "100,000 nested tags"
    names = ", ".join(f"Minister Ivan Petrov{i}" for i in range(10_000))
    (out / "entities.txt").write_text(f"{names} met officials from Russia and the United States in Geneva.\n")
    made["entities.txt"] = "10,000 entities in one sentence"
    mixed = (
        SENTENCE.encode() + "Café naïve résumé — “quoted”. ".encode("cp1252") + "Ærøskøbing façade. ".encode("latin-1")
    )
    (out / "mixed_encoding.txt").write_bytes(mixed * 20)
    made["mixed_encoding.txt"] = "UTF-8, cp1252 and latin-1 mixed"
    rtl = "\u202eThe talks\u202c in \u200bGeneva\u200d were \u2067\u05e9\u05dc\u05d5\u05dd\u2069 productive. " * 30
    (out / "rtl_zero_width.txt").write_text(SENTENCE + rtl)
    made["rtl_zero_width.txt"] = "right-to-left and zero-width characters"
    (out / "nul_bytes.txt").write_bytes((SENTENCE.encode() + b"\0") * 30)
    made["nul_bytes.txt"] = "NUL bytes"
    (out / "crlf.txt").write_bytes((SENTENCE + "\r\n\r\n").encode() * 20)
    (out / "cr.txt").write_bytes((SENTENCE.replace("Geneva", "Vienna") + "\r\r").encode() * 20)
    made["crlf.txt"] = "CRLF endings"
    made["cr.txt"] = "CR endings"
    loop = out / "loop"
    loop.mkdir(exist_ok=True)
    (loop / "ok.txt").write_text(SENTENCE.replace("Tuesday", "Friday") * 3)
    if not (loop / "self").exists():
        os.symlink(loop, loop / "self")
    made["loop/"] = "symlink loop"
    unreadable = out / "unreadable.txt"
    unreadable.write_text(SENTENCE * 2)
    unreadable.chmod(0)
    made["unreadable.txt"] = "unreadable file" + (" (root can read it)" if os.geteuid() == 0 else "")
    (out / "changing.txt").write_text(SENTENCE * 50)
    made["changing.txt"] = "file rewritten while read"
    (out / "binary.bin").write_bytes(bytes(range(256)) * 64)
    made["binary.bin"] = "binary"
    (out / "empty.txt").write_bytes(b"")
    made["empty.txt"] = "empty"
    whole = gzip.compress(f"<html><body><p>{SENTENCE * 40}</p></body></html>".encode())
    (out / "truncated.html.gz").write_bytes(whole[: len(whole) // 2])
    made["truncated.html.gz"] = "truncated gzip"
    warc = io.BytesIO()
    with gzip.GzipFile(fileobj=warc, mode="wb") as handle:
        handle.write(_warc_record("http://example.org/a", f"<html><body><p>{SENTENCE * 10}</p></body></html>".encode()))
    data = warc.getvalue()
    (out / "truncated.warc.gz").write_bytes(data[: len(data) * 2 // 3])
    made["truncated.warc.gz"] = "truncated WARC"
    (out / "bad.jsonl").write_text('{"text": "' + SENTENCE + '"}\n{not json\n[1, 2]\n{"html": 5}\n')
    made["bad.jsonl"] = "broken JSONL lines"
    return made


def _keep_changing(path: Path, stop: threading.Event) -> None:
    n = 0
    while not stop.is_set():
        path.write_text(SENTENCE * (50 + n % 7) + f"version {n}\n")
        n += 1
        time.sleep(0.01)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--timeout", type=int, default=900)
    parser.add_argument("--config", default=None, help="TOML run configuration passed to annales run")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.out or Path(tmp) / "hostile"
        made = generate(folder)
        db = Path(tmp) / "hostile.duckdb"
        stop = threading.Event()
        changer = threading.Thread(target=_keep_changing, args=(folder / "changing.txt", stop), daemon=True)
        changer.start()
        cmd = ["timeout", str(args.timeout), sys.executable, "-m", "annales.cli.main", "run", str(folder),
               "--db", str(db), "--workers", "2", "--json"]  # fmt: skip
        if args.config:
            cmd += ["--config", args.config]
        result = measure(cmd)
        stop.set()
        (folder / "unreadable.txt").chmod(0o644)
        print(
            f"annales run exit code {result.returncode} in {result.seconds:.1f} s, peak RSS "
            f"{result.peak_tree_rss_mb:.0f} MB (tree), {result.peak_process_rss_mb:.0f} MB (largest process)"
        )
        con = duckdb.connect(str(db), read_only=True)
        rows = con.execute("SELECT uri, status, error, n_sentences FROM documents ORDER BY uri").fetchall()
        con.close()
        print("\n| input | tests | status | reason | sentences |\n|---|---|---|---|---|")
        for uri, status, error, n_sentences in rows:
            name = str(Path(uri.split("#")[0]).relative_to(folder)) if uri.startswith(str(folder)) else uri
            key = name if name in made else name.split("/")[0] + "/"
            print(f"| {name} | {made.get(key, '')} | {status} | {error or ''} | {n_sentences} |")
        stored = {str(Path(uri.split("#")[0]).name) for uri, *_ in rows}
        missing = [name for name in made if not name.endswith("/") and name not in stored]
        print(f"\ninputs without a stored row: {missing or 'none'}")
        if result.returncode != 0:
            print(json.dumps({"stdout_tail": result.stdout[-2000:]}))
            raise SystemExit(1)


if __name__ == "__main__":
    main()
