"""`annales code`: code text from the command line or standard input, without a store."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import click

from annales.cli.options import verbosity_option
from annales.config import PipelineConfig
from annales.errors import InputError


@dataclass(frozen=True, slots=True)
class TextRecord:
    """One text to code: its id (events carry it as doc_id), text and publication date."""

    id: str
    text: str
    published: dt.date | None = None


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
    if not lines:
        return False
    for line in lines:
        try:
            data = json.loads(line)
        except json.JSONDecodeError:
            return False
        if not isinstance(data, dict) or "text" not in data:
            return False
    return True


def code_records(records: Iterable[TextRecord], *, cfg: PipelineConfig | None = None) -> Iterator[dict[str, Any]]:
    """Code each record with the configured stages (no extraction, no store); yield event JSON.

    Example:
        >>> events = list(code_records([TextRecord("t1", "Kerry met Lavrov in Geneva.")]))  # doctest: +SKIP
    """
    from annales.executor.base import run_stages
    from annales.pipeline.registry import build_stages
    from annales.records import Article
    from annales.store.queries import event_json
    from annales.store.writes import event_row

    cfg = (cfg or PipelineConfig.load(None)).with_section("extract", enabled=False)
    stages = build_stages(cfg, provided=("article.text", "article.published"))
    for record in records:
        article = Article(doc_id=record.id, uri=record.id, format="text", text=record.text, published=record.published)
        (done,), _ = run_stages(stages, [article])
        if done.status != "ok":
            raise InputError("E105", f"record {record.id}: {done.error}")
        for event in done.events:
            row = event_row(event)
            row["doc_uri"] = record.id
            yield event_json(row)


@click.command()
@click.argument("text", required=False)
@click.option("--published", help="Publication date YYYY-MM-DD: anchors relative dates and actor roles.")
@click.option("--jsonl", "force_jsonl", is_flag=True, help="Read JSONL records (id, text, published).")
@click.option("--dictionary", "dictionaries", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="Extra actor dictionary (our TSV or PETRARCH format); repeatable.")  # fmt: skip
@click.option("--config", "-c", type=click.Path(exists=True, dir_okay=False), help="TOML run configuration.")
@verbosity_option
def command(
    text: str | None, published: str | None, force_jsonl: bool, dictionaries: tuple[str, ...], config: str | None
) -> None:
    """Code TEXT (or standard input, with TEXT omitted or -) and print one JSON line per event.

    Standard input may be plain text or JSONL records with `id`, `text` and optional
    `published` (detected, or forced with --jsonl); each event carries the record's id
    as its doc_id. Nothing is stored.

    \b
    Example:
        annales code "Kerry will travel to Moscow on July 14 to meet Lavrov."
        annales code --published 2013-02-04 - < article.txt
        annales code --jsonl < records.jsonl | jq .type
    """
    anchor = _date(published, where="--published")
    source = sys.stdin.read() if text in (None, "-") else text
    assert source is not None
    if force_jsonl or (text in (None, "-") and looks_like_jsonl(source)):
        records: Iterable[TextRecord] = parse_jsonl(source.splitlines(), published=anchor)
    else:
        records = [TextRecord(_content_id(source), source, anchor)]
    cfg = PipelineConfig.load(config)
    if dictionaries:
        extra = list(cfg.sections.get("actors", {}).get("dictionaries", [])) + list(dictionaries)
        cfg = cfg.with_section("actors", dictionaries=extra)
    for event in code_records(records, cfg=cfg):
        click.echo(json.dumps(event, ensure_ascii=False))
