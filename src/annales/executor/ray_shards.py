"""Shards for the Ray executor: listing inputs on any file system and reading one shard.

A shard is a run of consecutive input files (one WARC or JSONL file, or a group of small
HTML/text files), so shard `i` always holds the same documents in the same order: the
listing is sorted and deterministic, like the local executor's `expand_inputs`. Local
paths are listed with `expand_inputs` itself; URIs (`s3://bucket/crawl/`, `gs://...`,
`hdfs://...`, `file:///...`) are listed with `pyarrow.fs`, which reads any S3-compatible
store (MinIO, Ceph, R2) given `?endpoint_override=host:port` or the usual AWS variables.

Ray is not imported here: the listing runs in the driver, the reading in workers.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import os
import shutil
import tempfile
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from annales.errors import InputError
from annales.records import Article

logger = logging.getLogger(__name__)

# A shard closes once it holds this many bytes or files. 64 MiB of HTML is ~1,000 pages,
# a few minutes of work for one worker: big enough that markers and Parquet parts stay
# few, small enough that a lost shard costs little. Compressed WARC/JSONL files are
# never split, so one such file is one shard whatever its size.
SHARD_BYTES = 64 * 1024 * 1024
SHARD_FILES = 1000


@dataclass(frozen=True, slots=True)
class ShardFile:
    """One input file of a shard.

    Attributes:
        path: a local path or a URI understood by `pyarrow.fs.FileSystem.from_uri`.
        format: "html", "text", "jsonl" or "warc", from the file name.
        size: bytes on storage.
        compressed: the name ends in ".gz".
        site: the folder it sits in (groups documents for line statistics).
        unit: for a local path, the `InputUnit` that `expand_inputs` listed, as plain
            data, so the worker reads it exactly as the local executor would.
        query: the file system options of a URI (`endpoint_override=...&scheme=http`),
            kept out of `path` so document URIs stay clean.
    """

    path: str
    format: str
    size: int
    compressed: bool
    site: str | None
    unit: dict[str, Any] | None = None
    query: str = ""


@dataclass(frozen=True, slots=True)
class Shard:
    """A numbered group of input files, processed and committed as one unit.

    Attributes:
        index: position in the deterministic listing (0, 1, ...); names its output folder.
        files: the files, in reading order.
    """

    index: int
    files: tuple[ShardFile, ...]

    @property
    def name(self) -> str:
        """The output folder name, e.g. "shard-000007"."""
        return f"shard-{self.index:06d}"

    def to_json(self) -> str:
        """Plain data for a worker."""
        return json.dumps({"index": self.index, "files": [asdict(f) for f in self.files]})

    @classmethod
    def from_json(cls, text: str) -> Shard:
        data = json.loads(text)
        return cls(index=int(data["index"]), files=tuple(ShardFile(**f) for f in data["files"]))


def is_uri(path: str) -> bool:
    """Whether `path` names a file system by scheme (s3://, gs://, file://...)."""
    return "://" in path and not os.path.exists(path)


def list_shards(
    paths: Sequence[str],
    *,
    shard_bytes: int = SHARD_BYTES,
    shard_files: int = SHARD_FILES,
    ignored: Counter[str] | None = None,
) -> list[Shard]:
    """List the inputs and cut them into shards, in a deterministic order.

    Args:
        paths: local files, folders or globs, or URIs of files or prefixes.
        shard_bytes: close a shard once it holds this many bytes.
        shard_files: close a shard once it holds this many files.
        ignored: counts, by reason, the files in folders that are not news formats (they
            are not read, as in the local executor).

    Returns:
        The shards, numbered from 0.

    Raises:
        InputError: E501 for standard input ("-"), which a cluster cannot read; E101/E102
            for missing local paths; E502 for a URI that cannot be listed.
    """
    if "-" in paths:
        raise InputError("E501", "the Ray executor cannot read standard input; write it to a JSONL file first.")
    files: list[ShardFile] = []
    for given in paths:
        for item in _list_uri(given) if is_uri(given) else _list_local(given):
            if item.unit is not None and item.unit["kind"] == "ignored":
                if ignored is not None:
                    ignored[item.unit.get("error") or "ignored"] += 1
                continue
            files.append(item)
    return _cut(files, shard_bytes=shard_bytes, shard_files=shard_files)


def _list_local(given: str) -> Iterator[ShardFile]:
    from annales.pipeline.ingest import expand_inputs

    for unit in expand_inputs([given]):
        # every unit is kept, error units too: reading them yields error articles; a relative path is read
        # from the driver's folder wherever the worker runs (a `ray start` node has its own working folder)
        read = dataclasses.replace(unit, path=os.path.abspath(unit.path)) if unit.kind == "file" else unit
        yield ShardFile(path=unit.path, format=unit.format, size=unit.size, compressed=unit.compressed,
                        site=unit.site, unit=asdict(read))  # fmt: skip


def _list_uri(given: str) -> Iterator[ShardFile]:
    from pyarrow import fs

    from annales.pipeline.ingest import guess_format

    try:
        filesystem, root = fs.FileSystem.from_uri(given)
        info = filesystem.get_file_info(root)
        if info.type == fs.FileType.Directory:
            infos = filesystem.get_file_info(fs.FileSelector(root, recursive=True))
        elif info.type == fs.FileType.File:
            infos = [info]
        else:
            raise InputError("E101", f"input path {given!r} does not exist.")
    except (OSError, ValueError) as exc:
        raise InputError("E502", f"cannot list {given!r}: {exc}. Are the credentials and endpoint set?") from exc
    scheme = given.split("://", 1)[0]
    query = given.split("?", 1)[1] if "?" in given else ""
    explicit = info.type == fs.FileType.File
    for entry in sorted(infos, key=lambda item: item.path):
        name = entry.base_name
        fmt, compressed = guess_format(name)
        hidden = any(part.startswith(".") for part in entry.path[len(root) :].split("/"))
        if entry.type != fs.FileType.File or hidden:
            continue
        uri = f"{scheme}://{entry.path}"
        site = f"{scheme}://{entry.path.rsplit('/', 1)[0]}"
        unit = None
        if fmt is None and not explicit:  # listed, counted, not read: as for local folders
            unit = {"path": uri, "kind": "ignored", "format": "text", "error": "unsupported_format"}
        yield ShardFile(path=uri, format=fmt or "text", size=int(entry.size or 0), compressed=compressed, site=site,
                        unit=unit, query=query)  # fmt: skip


def _cut(files: Sequence[ShardFile], *, shard_bytes: int, shard_files: int) -> list[Shard]:
    shards: list[Shard] = []
    current: list[ShardFile] = []
    size = 0
    for item in files:
        if current and (size + max(item.size, 0) > shard_bytes or len(current) >= shard_files):
            shards.append(Shard(index=len(shards), files=tuple(current)))
            current, size = [], 0
        current.append(item)
        size += max(item.size, 0)
    if current:
        shards.append(Shard(index=len(shards), files=tuple(current)))
    return shards


def read_shard(shard: Shard) -> Iterator[Article]:
    """Read every document of a shard, lazily, in order (the same articles `read_unit` gives).

    Remote files are copied to a local temporary file first (WARC and gzip readers need
    a seekable file); the articles keep the remote URI.
    """
    from annales.pipeline.ingest import InputUnit, read_unit

    for item in shard.files:
        if item.unit is not None:
            read = InputUnit(**item.unit)
            for article in read_unit(read):
                if read.path != item.path and article.uri.startswith(read.path):
                    article.uri = item.path + article.uri[len(read.path) :]  # the path as the user gave it
                yield article
        else:
            yield from _read_remote(item)


def _read_remote(item: ShardFile) -> Iterator[Article]:
    from pyarrow import fs

    from annales.pipeline.ingest import InputUnit, read_unit
    from annales.pipeline.ingest.sniff import error_id

    filesystem, path = fs.FileSystem.from_uri(f"{item.path}?{item.query}" if item.query else item.path)
    fmt: Any = item.format
    with tempfile.TemporaryDirectory(prefix="annales-shard-") as tmp:
        local = os.path.join(tmp, os.path.basename(path) or "input")
        unit = InputUnit(path=local, kind="file", format=fmt, compressed=item.compressed, site=item.site)
        try:
            # compression=None: copy the bytes as stored; the readers decompress .gz themselves
            with filesystem.open_input_stream(path, compression=None) as source, open(local, "wb") as target:
                shutil.copyfileobj(source, target, 1 << 20)
            unit = dataclasses.replace(unit, size=os.path.getsize(local))
        except OSError as exc:
            logger.warning("cannot copy %s: %s", item.path, exc)
            unit = dataclasses.replace(unit, kind="error", error="unreadable")
        for article in read_unit(unit):
            old_uri = article.uri
            article.uri = item.path + old_uri[len(local) :] if old_uri.startswith(local) else item.path
            # error ids derive from the URI: give them the remote one so they do not depend on tmp
            if article.error and article.doc_id == error_id(old_uri, article.error):
                article.doc_id = error_id(article.uri, article.error)
            yield article


def shard_summary(shard: Shard) -> dict[str, Any]:
    """What a completion marker says about the shard's inputs."""
    return {"files": len(shard.files), "bytes": sum(f.size for f in shard.files), "first": shard.files[0].path}
