"""`annales code`: code text from the command line or standard input, without a store.

Records stream through: standard input is read line by line, records are coded in batches (one
`nlp.pipe` call per batch) by `--workers` processes, at most a few batches per worker in flight,
and events come out in input order. Memory stays flat on a stream of millions of lines.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import itertools
import json
import os
import sys
from collections import deque
from collections.abc import Generator, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TextIO

import click

from annales import codes
from annales.cli.options import verbosity_option
from annales.config import PipelineConfig
from annales.errors import InputError

if TYPE_CHECKING:
    from annales.pipeline.base import Stage

# Records per batch sent to a worker: one `nlp.pipe` call and one round trip each. Sentence-sized
# records gain up to about 64 (FINDINGS: 95 -> 160 sentences/s batching alone); articles need no more.
RECORDS_PER_BATCH = 64
# Batches queued per worker: enough to keep every worker busy while the parent prints, few enough
# that memory does not grow with the input.
BATCHES_IN_FLIGHT = 2

# One record's events, or the reason it failed (the parent raises E105 when it reaches it, in order).
Coded = list[dict[str, Any]] | str


@dataclass(frozen=True, slots=True)
class TextRecord:
    """One text to code: its id (events carry it as doc_id), text and publication date."""

    id: str
    text: str
    published: dt.date | None = None


_Done = tuple[list[TextRecord], list[Coded]]  # a batch and what coding it gave, record by record


def _content_id(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def _date(value: Any, *, where: str) -> dt.date | None:
    if value in (None, ""):
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError as exc:
        raise InputError("E102", f"{where}: published {value!r} is not a date; use YYYY-MM-DD") from exc


def parse_jsonl(lines: Iterable[str], *, published: dt.date | None = None) -> Iterator[TextRecord]:
    """Read JSONL records with `id`, `text` and optional `published`.

    Raises:
        InputError: naming the line that is not a JSON object with a `text` field.
    """
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError("E103", f"line {number} is not JSON: {exc.msg}. Did you mean plain text?") from exc
        if not isinstance(data, dict) or not isinstance(data.get("text"), str):
            raise InputError("E104", f"line {number}: expected an object with a string field 'text'")
        text = data["text"]
        record_id = str(data.get("id") or _content_id(text))
        yield TextRecord(record_id, text, _date(data.get("published"), where=f"line {number}") or published)


def looks_like_jsonl(text: str) -> bool:
    """True when every non-blank line is a JSON object with a `text` field."""
    lines = [line for line in text.splitlines() if line.strip()]
    return bool(lines) and all(_is_record(line) for line in lines)


def _is_record(line: str) -> bool:
    try:
        data = json.loads(line)
    except json.JSONDecodeError:
        return False
    return isinstance(data, dict) and "text" in data


def read_records(
    stream: TextIO, *, force_jsonl: bool = False, published: dt.date | None = None
) -> Iterable[TextRecord]:
    """The records of a stream, read lazily: JSONL when forced or when its first non-blank line is a
    record (then every line must be one), else the whole stream as one plain text.

    Raises:
        InputError: E103/E104 for a JSONL line that is not a record (raised when it is reached).
    """
    head: list[str] = []
    for line in stream:
        head.append(line)
        if line.strip():
            break
    if not head or not head[-1].strip():
        return []  # nothing but blank lines
    if force_jsonl or _is_record(head[-1]):
        return parse_jsonl(itertools.chain(head, stream), published=published)
    text = "".join(head) + stream.read()
    return [TextRecord(_content_id(text), text, published)]


def default_workers() -> int:
    """The number of cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def code_records(
    records: Iterable[TextRecord], *, cfg: PipelineConfig | None = None, workers: int = 1
) -> Iterator[dict[str, Any]]:
    """Code each record with the configured stages (no extraction, no store); yield event JSON in input order.

    Args:
        records: the texts, read lazily.
        cfg: the run configuration (default: the defaults).
        workers: processes coding in parallel; 1 codes in this process.

    Raises:
        InputError: E105 for a record the pipeline could not process (after the events of the records
            before it), E106 when a worker process died.

    Example:
        >>> events = list(code_records([TextRecord("t1", "Kerry met Lavrov in Geneva.")]))  # doctest: +SKIP
    """
    cfg = (cfg or PipelineConfig.load(None)).with_section("extract", enabled=False)
    batches = _batches(records, RECORDS_PER_BATCH)
    coded = _code_inline(batches, cfg) if workers <= 1 else _code_in_pool(batches, cfg, workers)
    with contextlib.closing(coded):  # an error or a consumer that stops early shuts the workers down
        for batch, results in coded:
            for record, result in zip(batch, results, strict=True):
                if isinstance(result, str):
                    raise InputError("E105", f"record {record.id}: {result}")
                yield from result


def _batches(records: Iterable[TextRecord], size: int) -> Iterator[list[TextRecord]]:
    iterator = iter(records)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


def _code_inline(batches: Iterator[list[TextRecord]], cfg: PipelineConfig) -> Generator[_Done, None, None]:
    stages = _build(cfg)
    for batch in batches:
        yield batch, code_batch(stages, batch)


def _code_in_pool(
    batches: Iterator[list[TextRecord]], cfg: PipelineConfig, workers: int
) -> Generator[_Done, None, None]:
    """Batches coded by `workers` processes, yielded in input order with at most a few in flight."""
    pending: deque[tuple[list[TextRecord], Future[list[Coded]]]] = deque()
    with ProcessPoolExecutor(max_workers=workers, initializer=_init_worker, initargs=(cfg.to_dict(),)) as pool:
        try:
            for batch in batches:
                pending.append((batch, pool.submit(_work, batch)))
                while len(pending) >= workers * BATCHES_IN_FLIGHT:
                    yield _collect(pending)
            while pending:
                yield _collect(pending)
        finally:
            for _, future in pending:
                future.cancel()


def _collect(pending: deque[tuple[list[TextRecord], Future[list[Coded]]]]) -> _Done:
    batch, future = pending.popleft()
    try:
        return batch, future.result()
    except BrokenProcessPool as exc:
        raise InputError(
            "E106", f"a worker process died coding records {batch[0].id} .. {batch[-1].id} (out of memory?); "
            "run with --workers 1 to see which record"
        ) from exc  # fmt: skip


def _build(cfg: PipelineConfig) -> list[Stage]:
    from annales.pipeline.registry import build_stages

    return build_stages(cfg, provided=("article.text", "article.published"))


# The stages of a worker process, built once by `_init_worker`: per-process state of the worker,
# not shared configuration (as in executor/local.py).
_WORKER: dict[str, list[Stage]] = {}


def _init_worker(cfg_data: dict[str, Any]) -> None:
    from annales.executor.base import keep_tensor_stacks_out

    cfg = PipelineConfig.from_dict(cfg_data)
    keep_tensor_stacks_out(cfg.sections)
    _WORKER["stages"] = _build(cfg)


def _work(batch: list[TextRecord]) -> list[Coded]:
    return code_batch(_WORKER["stages"], batch)


def code_batch(stages: list[Stage], batch: list[TextRecord]) -> list[Coded]:
    """Run one batch of records through the stages (one `nlp.pipe` call); per record, its events or why it failed."""
    from annales.executor.base import run_stages
    from annales.records import Article
    from annales.store.queries import event_json
    from annales.store.writes import event_row

    articles = [
        Article(doc_id=record.id, uri=record.id, format="text", text=record.text, published=record.published)
        for record in batch
    ]
    done, _ = run_stages(stages, articles)
    results: list[Coded] = []
    for article in done:
        if article.status != "ok":
            results.append(article.error or article.status)
            continue
        events = []
        for event in article.events:
            row = event_row(event)
            row["doc_uri"] = article.uri
            events.append(event_json(row))
        results.append(events)
    return results


@click.command()
@click.argument("text", required=False)
@click.option("--published", help="Publication date YYYY-MM-DD: anchors relative dates and actor roles.")
@click.option("--jsonl", "force_jsonl", is_flag=True, help="Read JSONL records (id, text, published).")
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="Processes coding records in parallel (default: number of cores; 1 = this process).")  # fmt: skip
@click.option("--dictionary", "dictionaries", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="Extra actor dictionary (our TSV or PETRARCH format); repeatable.")  # fmt: skip
@click.option("--config", "-c", type=click.Path(exists=True, dir_okay=False), help="TOML run configuration.")
@click.option("--min-confidence", type=click.FloatRange(0.0, 1.0), default=None, metavar="P",
              help=f"Print events at least P confident (default {codes.DEFAULT_MIN_CONFIDENCE:g}; 0 prints every "
                   "event).")  # fmt: skip
@verbosity_option
def command(
    text: str | None,
    published: str | None,
    force_jsonl: bool,
    workers: int | None,
    dictionaries: tuple[str, ...],
    config: str | None,
    min_confidence: float | None,
) -> None:
    """Code TEXT (or standard input, with TEXT omitted or -) and print one JSON line per event.

    Standard input may be plain text or JSONL records with `id`, `text` and optional
    `published` (detected from the first non-blank line, or forced with --jsonl); each event
    carries the record's id as its doc_id, and events come out in input order. Records are
    read as they arrive and coded in batches by --workers processes. Nothing is stored.

    \b
    Example:
        annales code "Kerry will travel to Moscow on July 14 to meet Lavrov."
        annales code --published 2013-02-04 - < article.txt
        annales code --jsonl --workers 2 < records.jsonl | jq .type
    """
    anchor = _date(published, where="--published")
    if text in (None, "-"):
        records = read_records(sys.stdin, force_jsonl=force_jsonl, published=anchor)
        # a plain text is one record: workers would only add their start-up
        processes = 1 if isinstance(records, list) else workers or default_workers()
    else:
        assert text is not None
        records = parse_jsonl(text.splitlines(), published=anchor) if force_jsonl else [
            TextRecord(_content_id(text), text, anchor)
        ]  # fmt: skip
        processes = 1  # one text: starting workers would only add their start-up
    cfg = PipelineConfig.load(config)
    if dictionaries:
        extra = list(cfg.sections.get("actors", {}).get("dictionaries", [])) + list(dictionaries)
        cfg = cfg.with_section("actors", dictionaries=extra)
    threshold = codes.DEFAULT_MIN_CONFIDENCE if min_confidence is None else min_confidence
    hidden = 0
    for event in code_records(records, cfg=cfg, workers=processes):
        if event["confidence"] >= threshold:
            click.echo(json.dumps(event, ensure_ascii=False))
        else:
            hidden += 1
    if hidden:  # said, so that a text whose events are all below the threshold does not look uncoded
        click.echo(
            f"{hidden} event{'s' if hidden > 1 else ''} below --min-confidence {threshold:g} not printed "
            "(--min-confidence 0 prints every event)",
            err=True,
        )
