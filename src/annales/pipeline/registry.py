"""Registered stage names and the factories that build stages from config sections.

A name is versioned (`annales.coder.plover.v1`); a behaviour change registers a new
name and keeps the old one. Factories import their stage lazily so that building a
pipeline loads only what it uses.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from annales.config import STAGE_SECTIONS, PipelineConfig
from annales.errors import ConfigError
from annales.pipeline.base import Stage, check_pipeline

Factory = Callable[[Mapping[str, Any], "StageContext"], Stage]


class StageContext:
    """Run-level inputs some stages need besides their options (e.g. line statistics)."""

    def __init__(self, *, line_stats: Any = None) -> None:
        self.line_stats = line_stats


def _options(section: Mapping[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in section.items() if key != "stage"}


def _extract(section: Mapping[str, Any], ctx: StageContext) -> Stage:
    from annales.pipeline.extract import ExtractOptions, Extractor

    return Extractor(ExtractOptions(**_options(section)), line_stats=ctx.line_stats)


def _nlp(section: Mapping[str, Any], ctx: StageContext) -> Stage:
    from annales.pipeline.nlp.parse import ParseOptions, SpacyParser

    return SpacyParser(ParseOptions(**_options(section)))


def _actors(section: Mapping[str, Any], ctx: StageContext) -> Stage:
    from annales.pipeline.actors import ActorStage, ActorTable, load_dictionary

    options = _options(section)
    table = ActorTable.default()
    for path in options.pop("dictionaries", ()):
        table = table.with_user(load_dictionary(path))
    if options:
        raise ConfigError("E007", f"unknown [actors] option(s) {sorted(options)}; known: dictionaries")
    return ActorStage(table=table)


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
    "annales.nlp.spacy.v1": _nlp,
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
    ctx = context or StageContext()
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
