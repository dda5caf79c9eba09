"""The [nlp] gate options reach the stage from a config, and bad values are config errors (issue 13)."""

from __future__ import annotations

import logging

import pytest

from annales.config import PipelineConfig
from annales.errors import ConfigError
from annales.pipeline.nlp.gate import GateOptions
from annales.pipeline.nlp.gated import GatedParser
from annales.pipeline.registry import build_stages


def _parser(**nlp: object) -> GatedParser:
    cfg = PipelineConfig.from_dict({"nlp": nlp})
    for name in ("actors", "coding", "dates", "places"):
        cfg = cfg.with_section(name, enabled=False)
    stage = build_stages(cfg)[1]
    assert isinstance(stage, GatedParser)
    return stage


def test_gate_config_default_is_the_gated_stage() -> None:
    assert _parser().gate_options == GateOptions()
    assert PipelineConfig.load(None).sections["nlp"]["stage"] == "annales.nlp.spacy.v3"


def test_gate_config_options_reach_the_stage() -> None:
    assert _parser(gate=False).gate_options == GateOptions(enabled=False)
    assert _parser(gate_triggers="vocabulary").gate_options == GateOptions(triggers="vocabulary")
    assert _parser(batch_size=4).options.batch_size == 4


@pytest.mark.parametrize("nlp", [{"gate": "yes"}, {"gate_triggers": "nouns"}])
def test_gate_config_bad_values_are_config_errors(nlp: dict[str, object]) -> None:
    with pytest.raises(ConfigError, match="E009"):
        _parser(**nlp)


def test_gate_config_triggers_without_gate_warns(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING):
        _parser(gate=False, gate_triggers="verbs")
    assert "no effect" in caplog.text


def test_gate_config_v1_refuses_gate_options() -> None:
    with pytest.raises(ConfigError, match="E009"):
        _parser(stage="annales.nlp.spacy.v1", gate=False)
