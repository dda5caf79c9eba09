"""Registered stage names and the factories that build stages from config sections.

A name is versioned (`annales.coder.plover.v1`); a behaviour change registers a new
name and keeps the old one. Factories import their stage lazily so that building a
pipeline loads only what it uses.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from annales.config import STAGE_SECTIONS, PipelineConfig
from annales.errors import ConfigError
from annales.pipeline.base import Stage, check_pipeline

if TYPE_CHECKING:
    from annales.pipeline.actors import ActorTable

Factory = Callable[[Mapping[str, Any], "StageContext"], Stage]


class StageContext:
    """Run-level inputs some stages need besides their options.

    Args:
        line_stats: per-site line statistics learned in the pre-pass (extraction).
        sections: every section of the run's config (the nlp gate reads the actor and coder ones).
    """

    def __init__(self, *, line_stats: Any = None, sections: Mapping[str, Mapping[str, Any]] | None = None) -> None:
        self.line_stats = line_stats
        self.sections: Mapping[str, Mapping[str, Any]] = sections or {}


def _options(section: Mapping[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in section.items() if key != "stage"}


def _extract(section: Mapping[str, Any], ctx: StageContext) -> Stage:
    from annales.pipeline.extract import ExtractOptions, Extractor

    return Extractor(ExtractOptions(**_options(section)), line_stats=ctx.line_stats)


def _nlp_v1(section: Mapping[str, Any], ctx: StageContext) -> Stage:
    from annales.pipeline.nlp.parse import ParseOptions, SpacyParser

    return SpacyParser(ParseOptions(**_options(section)))


def _nlp(section: Mapping[str, Any], ctx: StageContext) -> Stage:
    return _gated_parser(section, ctx, entities=True)


def _nlp_v3(section: Mapping[str, Any], ctx: StageContext) -> Stage:
    return _gated_parser(section, ctx, entities=False)


def _gated_parser(section: Mapping[str, Any], ctx: StageContext, *, entities: bool) -> Stage:
    from annales.pipeline.nlp.gated import GatedParser, LazyEntityParser, gate_options, vocabulary_for
    from annales.pipeline.nlp.parse import ParseOptions

    options = _options(section)
    gate = gate_options(options)  # pops the gate_* keys
    cls = GatedParser if entities else LazyEntityParser
    return cls(ParseOptions(**options), gate=gate, vocabulary=vocabulary_for(ctx.sections, actor_table))


def _entities(section: Mapping[str, Any], ctx: StageContext) -> Stage:
    from annales.pipeline.nlp.entities import EntityOptions, EntityStage
    from annales.pipeline.nlp.parse import MODEL_PACKAGE

    options = _options(section)
    options.setdefault("model", ctx.sections.get("nlp", {}).get("model", MODEL_PACKAGE))  # the parse's model
    try:
        return EntityStage(EntityOptions(**options))
    except ValueError as exc:
        raise ConfigError("E009", f"bad option in [entities]: {exc}") from exc


def _actors(section: Mapping[str, Any], ctx: StageContext) -> Stage:
    from annales.pipeline.actors import ActorStage

    options = _options(section)
    table = actor_table(tuple(options.pop("dictionaries", ())))
    if options:
        raise ConfigError("E007", f"unknown [actors] option(s) {sorted(options)}; known: dictionaries")
    return ActorStage(table=table)


def actor_table(dictionaries: tuple[str, ...] = ()) -> ActorTable:
    """The bundled actor table with user dictionaries layered on: built once per process for the actor
    stage and the nlp gate together (a file edited since is read again)."""
    return _layered_table(tuple((str(path), *_file_stamp(path)) for path in dictionaries))


def _file_stamp(path: str) -> tuple[int, int]:
    try:
        stat = os.stat(path)
    except OSError:
        return (0, 0)  # load_dictionary names the missing file
    return (stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=4)
def _layered_table(stamped: tuple[tuple[str, int, int], ...]) -> ActorTable:
    from annales.pipeline.actors import ActorTable, load_dictionary

    table = ActorTable.default()
    for path, _, _ in stamped:
        table = table.with_user(load_dictionary(path))
    return table


def _coding_v1(section: Mapping[str, Any], ctx: StageContext) -> Stage:
    from annales.pipeline.coding import CoderOptions, PloverCoder

    return PloverCoder(CoderOptions(**_options(section), version=1))


def _coding(section: Mapping[str, Any], ctx: StageContext) -> Stage:
    from annales.pipeline.coding import CoderOptions, PloverCoder

    return PloverCoder(CoderOptions(**_options(section), version=2))


def _dates_v1(section: Mapping[str, Any], ctx: StageContext) -> Stage:
    from annales.pipeline.resolve.dates import DateOptions, EventDateStage

    return EventDateStage(DateOptions(**_options(section), document_context=False))


def _dates(section: Mapping[str, Any], ctx: StageContext) -> Stage:
    from annales.pipeline.resolve.dates import DateOptions, EventDateStage

    return EventDateStage(DateOptions(**_options(section)))


def _places_v1(section: Mapping[str, Any], ctx: StageContext) -> Stage:
    from annales.pipeline.resolve.places import EventPlaceStage, PlaceOptions

    return EventPlaceStage(PlaceOptions(**_options(section), document_context=False))


def _places(section: Mapping[str, Any], ctx: StageContext) -> Stage:
    from annales.pipeline.resolve.places import EventPlaceStage, PlaceOptions

    return EventPlaceStage(PlaceOptions(**_options(section)))


REGISTRY: Mapping[str, Factory] = {
    "annales.extract.v1": _extract,
    "annales.nlp.spacy.v1": _nlp_v1,
    "annales.nlp.spacy.v2": _nlp,
    "annales.nlp.spacy.v3": _nlp_v3,
    "annales.nlp.entities.v1": _entities,
    "annales.actors.v1": _actors,
    "annales.coder.plover.v1": _coding_v1,
    "annales.coder.plover.v2": _coding,
    "annales.resolve.dates.v1": _dates_v1,
    "annales.resolve.dates.v2": _dates,
    "annales.resolve.places.v1": _places_v1,
    "annales.resolve.places.v2": _places,
}


# Section keys that tell an executor how to run a stage (Ray resources), not the stage itself.
EXECUTOR_KEYS = frozenset({"enabled", "num_cpus", "num_gpus"})


def build_stages(
    cfg: PipelineConfig, *, context: StageContext | None = None, provided: tuple[str, ...] = ("article.raw",)
) -> list[Stage]:
    """Build the configured stages in pipeline order and check requires/assigns.

    Args:
        cfg: the run configuration.
        context: run-level inputs (line statistics).
        provided: article fields filled before the first stage.

    Raises:
        ConfigError: for an unknown registered name, a bad option, or a broken order.
    """
    ctx = StageContext(line_stats=context.line_stats if context else None, sections=cfg.sections)
    stages = []
    for section_name, _ in STAGE_SECTIONS:
        section = cfg.sections.get(section_name, {})
        if section.get("enabled", True) is False:
            continue
        name = str(section.get("stage"))
        factory = REGISTRY.get(name)
        if factory is None:
            raise ConfigError("E008", f"[{section_name}] stage {name!r} is not registered; known: {sorted(REGISTRY)}")
        try:
            stages.append(factory({k: v for k, v in section.items() if k not in EXECUTOR_KEYS}, ctx))
        except TypeError as exc:
            raise ConfigError("E009", f"bad option in [{section_name}]: {exc}") from exc
    check_pipeline(stages, provided=provided)
    return stages
