"""Which documents were in flight when a Ray worker died: isolating a document that kills its worker.

Ray Data restarts a stage-group actor whose process dies and runs its batch again, without
limit: a document that crashes the process every time (a segfault in native parsing code, a
memory blow-up) would be retried forever (issue 14). The local executor answers a dead worker
by retrying its batch one document at a time and storing the document that kills a worker on
its own as `worker_crashed`; this journal gives the Ray executor the same answer.

Before an actor runs a batch it writes the batch's document numbers (shard, seq) to a journal
file, and deletes the file when the batch is done, whether it succeeded or raised. A file left
behind therefore means a process died while that batch was in flight. When a batch comes back
with documents named in such a file, it is run one document at a time, each under its own
journal entry; a document whose own entry was left behind killed a worker alone, and is stored
as `worker_crashed` without running it again.

The journal lives under `OUT/_inflight/<run id>/<stage group>/` (local disk or object storage,
through pyarrow.fs), so it survives the actor's death and is shared by all actors of a group;
the driver deletes the run's folder when the run ends, and a new run first deletes what
killed runs left behind: every run starts with an empty journal.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from pyarrow import fs

INFLIGHT = "_inflight"


class CrashJournal:
    """The in-flight journal of one stage group in one run.

    Args:
        root: the run's output folder or URI (`RayOptions.out`).
        run_id: the store run id (one journal per run).
        group: the stage group's number.
    """

    def __init__(self, root: str, run_id: str, group: int) -> None:
        base: str
        self.filesystem, base = fs.FileSystem.from_uri(root) if "://" in root else (fs.LocalFileSystem(), root)
        self.folder = "/".join((base.rstrip("/"), INFLIGHT, run_id or "run", f"group-{group}"))
        self.filesystem.create_dir(self.folder, recursive=True)

    def _path(self, shard: int, seqs: Sequence[int], alone: bool) -> str:
        return f"{self.folder}/{shard:06d}-{min(seqs):08d}-{max(seqs):08d}{'-alone' if alone else ''}.json"

    def left_behind(self, shard: int) -> list[tuple[set[int], bool]]:
        """The entries of `shard` left by processes that died: (document numbers, was it one document alone)."""
        selector = fs.FileSelector(self.folder, allow_not_found=True)
        found = []
        for info in self.filesystem.get_file_info(selector):
            if not info.base_name.startswith(f"{shard:06d}-") or not info.base_name.endswith(".json"):
                continue
            try:
                with self.filesystem.open_input_stream(info.path) as handle:
                    entry = json.loads(handle.read())
            except (OSError, json.JSONDecodeError):
                continue  # half-written by a process that died while writing it: nothing ran yet
            found.append((set(entry["seqs"]), bool(entry["alone"])))
        return found

    @contextmanager
    def in_flight(self, shard: int, seqs: Sequence[int], *, alone: bool = False) -> Iterator[None]:
        """Record `seqs` as in flight for the duration of the block; the record outlives only a dead process."""
        path = self._path(shard, seqs, alone)
        with self.filesystem.open_output_stream(path) as handle:
            handle.write(json.dumps({"seqs": sorted(seqs), "alone": alone}).encode())
        try:
            yield
        finally:
            self.filesystem.delete_file(path)


def clear_journal(root: str, run_id: str | None = None) -> None:
    """Delete a run's journal (the driver does, when the run ends), or every run's when `run_id` is None.

    A run starts by deleting what runs killed before it left behind.
    """
    base: str
    filesystem, base = fs.FileSystem.from_uri(root) if "://" in root else (fs.LocalFileSystem(), root)
    folder = "/".join((base.rstrip("/"), INFLIGHT, *([run_id or "run"] if run_id is not None else [])))
    if filesystem.get_file_info(folder).type == fs.FileType.Directory:
        filesystem.delete_dir(folder)
