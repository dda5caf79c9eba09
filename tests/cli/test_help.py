"""Every command has help with an example, and is documented (like sqlite-utils' test_docs)."""

from __future__ import annotations

import re
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


def _doc_sections() -> dict[str, str]:
    """docs/cli.md cut at its "## " headings: {"": the introduction, "annales run": ..., ...}."""
    parts = re.split(r"^## ", (REPO / "docs" / "cli.md").read_text(), flags=re.M)
    sections = {"": parts[0]}
    for part in parts[1:]:
        title, _, body = part.partition("\n")
        sections[title.strip()] = body
    return sections


def _long_options(name: str) -> list[str]:
    command = cli.get_command(click.Context(cli), name)
    assert command is not None
    return [opt for param in command.params for opt in param.opts if opt.startswith("--") and opt != "--help"]


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_cli_every_option_is_documented_in_its_section(name: str) -> None:  # issue 15
    sections = _doc_sections()
    filters = next(body for title, body in sections.items() if title.startswith("Event filters"))
    text = sections[""] + sections[f"annales {name}"] + (filters if name in ("events", "export") else "")
    missing = [opt for opt in _long_options(name) if not re.search(rf"(?<![\w-]){re.escape(opt)}(?![\w-])", text)]
    assert not missing, f"docs/cli.md, section 'annales {name}', does not mention {missing}"
