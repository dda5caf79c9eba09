"""Downloads of the current filter: the export functions of `annales export`, streamed to the browser.

`/api/export?format=csv&actor=USA...` runs `store.export.export_events` with the page's
filter in a worker thread that writes into a bounded queue; the response reads the queue,
so memory holds a few chunks, never the whole export. Local paths are shown relative to the
run's inputs (`PathDisplay`) unless the server runs with --full-paths: text formats read a
`documents` view that shows them so; Parquet, which the exporter writes through a cursor of
its own, is rewritten column by column after it is written.
"""

from __future__ import annotations

import contextlib
import logging
import queue
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import StreamingResponse

from annales.api.context import database, path_display
from annales.api.db import Database
from annales.api.filters import event_filter
from annales.store.export import export_events
from annales.store.paths import PATH_KEYS, PathDisplay
from annales.store.queries import EventFilter

logger = logging.getLogger(__name__)

router = APIRouter()

DownloadFormat = Literal["csv", "parquet", "gdelt", "plover", "jsonl"]
# format -> (file name ending, media type)
DOWNLOADS: dict[str, tuple[str, str]] = {
    "csv": ("csv", "text/csv; charset=utf-8"),
    "parquet": ("parquet", "application/vnd.apache.parquet"),
    "gdelt": ("tsv", "text/tab-separated-values; charset=utf-8"),
    "plover": ("plover.jsonl", "application/x-ndjson; charset=utf-8"),
    "jsonl": ("jsonl", "application/x-ndjson; charset=utf-8"),
}
CHUNK = 256 * 1024
# A download whose reader takes nothing for this long is abandoned (the client has gone).
STALL_SECONDS = 60.0
_DONE = object()


class Abandoned(Exception):
    """The reader of a download stopped reading."""


class QueueWriter:
    """A text stream that hands UTF-8 chunks of about `CHUNK` bytes to a bounded queue."""

    def __init__(self, chunks: queue.Queue[object], stop: threading.Event) -> None:
        self.chunks = chunks
        self.stop = stop
        self.buffer: list[bytes] = []
        self.size = 0

    def write(self, text: str) -> int:
        data = text.encode("utf-8")
        self.buffer.append(data)
        self.size += len(data)
        if self.size >= CHUNK:
            self.flush()
        return len(text)

    def flush(self) -> None:
        if self.buffer:
            put(self.chunks, b"".join(self.buffer), self.stop)
            self.buffer, self.size = [], 0


def put(chunks: queue.Queue[object], item: object, stop: threading.Event) -> None:
    """Put `item` in the queue, giving up when the reader has stopped or stalled.

    Raises:
        Abandoned: when the reader is gone.
    """
    waited = 0.0
    while not stop.is_set():
        try:
            chunks.put(item, timeout=0.5)
            return
        except queue.Full:
            waited += 0.5
            if waited >= STALL_SECONDS:
                break
    raise Abandoned


def _rewrite_parquet(source: Path, target: Path, display: PathDisplay) -> Path:
    """`source` with its path columns shown by `display`, batch by batch; `source` when none has any."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    reader = pq.ParquetFile(source)
    columns = [name for name in reader.schema_arrow.names if name in PATH_KEYS]
    if display.full or not columns:
        return source
    with pq.ParquetWriter(target, reader.schema_arrow) as writer:
        for batch in reader.iter_batches(batch_size=50_000):
            arrays = [
                pa.array([display.show(v) if isinstance(v, str) else v for v in array.to_pylist()], type=array.type)
                if name in columns
                else array
                for name, array in zip(batch.schema.names, batch.columns, strict=True)
            ]
            writer.write_batch(pa.RecordBatch.from_arrays(arrays, schema=batch.schema))
    return target


def _send_file(path: Path, chunks: queue.Queue[object], stop: threading.Event) -> None:
    with path.open("rb") as handle:
        while data := handle.read(CHUNK):
            put(chunks, data, stop)


def _produce(
    db: Database, flt: EventFilter, fmt: str, display: PathDisplay, chunks: queue.Queue[object], stop: threading.Event
) -> None:
    try:
        with db.cursor(timeout=None) as con:
            display.documents_view(con)
            if fmt == "parquet":
                with tempfile.TemporaryDirectory(prefix="annales-download-") as tmp:
                    written = Path(tmp) / "events.parquet"
                    export_events(con, flt, fmt=fmt, out=written)
                    _send_file(_rewrite_parquet(written, Path(tmp) / "shown.parquet", display), chunks, stop)
            else:
                stream = QueueWriter(chunks, stop)
                export_events(con, flt, fmt=fmt, stream=stream)  # type: ignore[arg-type]
                stream.flush()
    except Abandoned:
        logger.info("download of %s abandoned by its client", fmt)
    except Exception:
        logger.exception("download of %s failed", fmt)
    finally:
        with contextlib.suppress(Abandoned):
            put(chunks, _DONE, stop)


def stream_export(db: Database, flt: EventFilter, fmt: str, display: PathDisplay) -> Iterator[bytes]:
    """The bytes of an export of `flt` in `fmt`, produced by a worker thread as they are read."""
    chunks: queue.Queue[object] = queue.Queue(maxsize=8)
    stop = threading.Event()
    worker = threading.Thread(
        target=_produce, args=(db, flt, fmt, display, chunks, stop), name="annales-download", daemon=True
    )
    worker.start()
    try:
        while (item := chunks.get()) is not _DONE:
            assert isinstance(item, bytes)
            yield item
    finally:
        stop.set()


def download_name(flt: EventFilter, fmt: str) -> str:
    """A file name saying what the download holds, e.g. `annales-USA-RUS-2014-01-01.csv`."""
    parts = [flt.actor, flt.recipient, flt.type, str(flt.since) if flt.since else None]
    words = ["".join(ch for ch in part if ch.isalnum() or ch in ".-") for part in parts if part]
    stem = "-".join(["annales", *(word for word in words if word)]) or "annales"
    return f"{stem}.{DOWNLOADS[fmt][0]}"


@router.get("/api/export", name="api_export", summary="Download the events of a filter (CSV, Parquet, GDELT, PLOVER)")
def export(
    request: Request,
    flt: Annotated[EventFilter, Depends(event_filter)],
    format: Annotated[DownloadFormat, Query(description="csv, parquet, gdelt, plover or jsonl")] = "csv",
) -> StreamingResponse:
    """Every event matching the filters, in the format of `annales export --format`, streamed."""
    db = database(request)
    display = path_display(request)
    media = DOWNLOADS[format][1]
    headers = {"Content-Disposition": f'attachment; filename="{download_name(flt, format)}"'}
    return StreamingResponse(stream_export(db, flt, format, display), media_type=media, headers=headers)
