from __future__ import annotations

from pathlib import Path

import pytest

from annales.config import PipelineConfig, RunOptions
from annales.errors import ConfigError


def test_config_defaults_name_every_stage() -> None:
    cfg = PipelineConfig.load(None)
    assert cfg.sections["coding"]["stage"] == "annales.coder.plover.v2"
    assert cfg.sections["dates"]["stage"] == "annales.resolve.dates.v2"
    assert cfg.sections["places"]["stage"] == "annales.resolve.places.v2"
    assert cfg.sections["extract"]["stage"] == "annales.extract.v1"
    assert cfg.run == RunOptions()


def test_config_round_trips_through_plain_data() -> None:
    cfg = PipelineConfig.from_dict({"run": {"workers": 3}, "nlp": {"batch_size": 4}})
    again = PipelineConfig.from_dict(cfg.to_dict())
    assert again == cfg
    assert again.run.workers == 3
    assert again.sections["nlp"]["batch_size"] == 4


def test_config_reads_toml(tmp_path: Path) -> None:
    path = tmp_path / "run.toml"
    path.write_text('[run]\nbatch_size = 5\n[actors]\ndictionaries = ["my.txt"]\n')
    cfg = PipelineConfig.load(path)
    assert cfg.run.batch_size == 5
    assert cfg.sections["actors"]["dictionaries"] == ["my.txt"]


@pytest.mark.parametrize(
    ("data", "code"),
    [
        ({"nope": {}}, "E003"),
        ({"run": {"wokers": 2}}, "E004"),
        ({"run": {"workers": -1}}, "E001"),
        ({"run": {"batch_size": 0}}, "E001"),
    ],
)
def test_config_rejects_bad_input_with_a_code(data: dict[str, dict[str, int]], code: str) -> None:
    with pytest.raises(ConfigError) as info:
        PipelineConfig.from_dict(data)
    assert info.value.code == code


@pytest.mark.parametrize("text", ["[run\n", "workers = ="])
def test_config_reports_invalid_toml(tmp_path: Path, text: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(text)
    with pytest.raises(ConfigError) as info:
        PipelineConfig.load(path)
    assert info.value.code == "E006"


def test_config_with_run_overrides_only_given_values() -> None:
    cfg = PipelineConfig.load(None).with_run(workers=4, batch_size=None)
    assert cfg.run.workers == 4
    assert cfg.run.batch_size == RunOptions().batch_size


def test_config_executor_keys_do_not_reach_stage_options() -> None:
    from annales.pipeline.registry import build_stages

    cfg = PipelineConfig.from_dict({"nlp": {"num_gpus": 0.5, "num_cpus": 1}})
    for name in ("actors", "coding", "dates", "places"):
        cfg = cfg.with_section(name, enabled=False)
    stages = build_stages(cfg)
    assert [stage.name for stage in stages] == ["annales.extract.v1", "annales.nlp.spacy.v3", "annales.nlp.entities.v1"]


@pytest.mark.parametrize(
    "name",
    [
        "annales.coder.plover.v1",
        "annales.resolve.dates.v1",
        "annales.resolve.places.v1",
        "annales.nlp.spacy.v1",
        "annales.nlp.spacy.v2",
    ],
)
def test_config_keeps_the_old_registered_names(name: str) -> None:
    from annales.pipeline.registry import REGISTRY

    assert name in REGISTRY
