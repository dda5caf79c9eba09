"""Every command has help with an example, and is documented (like sqlite-utils' test_docs)."""

from __future__ import annotations

from pathlib import Path

import click
import pytest
from click.testing import CliRunner

import annales
from annales.cli.main import COMMANDS, cli

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_cli_help_of_each_command_has_an_example(name: str) -> None:
    result = CliRunner().invoke(cli, [name, "--help"])
    assert result.exit_code == 0, result.output
    assert "Example" in result.output


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_cli_each_command_is_documented(name: str) -> None:
    docs = (REPO / "docs" / "cli.md").read_text()
    assert f"annales {name}" in docs


def test_cli_top_level_help_lists_commands_and_an_example() -> None:
    result = CliRunner().invoke(cli, ["--help"])
    assert result.exit_code == 0
    assert "Example" in result.output
    for name in COMMANDS:
        assert name in result.output


def test_cli_version_names_the_dependencies() -> None:
    result = CliRunner().invoke(cli, ["--version"])
    assert result.exit_code == 0
    assert annales.__version__ in result.output
    assert "spacy" in result.output


def test_cli_unknown_command_fails_clearly() -> None:
    result = CliRunner().invoke(cli, ["frobnicate"])
    assert result.exit_code != 0
    assert "No such command" in result.output


def test_cli_every_run_option_is_documented() -> None:
    docs = (REPO / "docs" / "cli.md").read_text()
    command = cli.get_command(click.Context(cli), "run")
    assert command is not None
    options = [opt for param in command.params for opt in param.opts if opt.startswith("--")]
    assert "--reprocess" in options
    assert [opt for opt in options if opt not in docs] == []
