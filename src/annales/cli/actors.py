"""`annales actors lookup` (how a name resolves on a date, and why) and `annales actors unresolved`."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import sys
from collections.abc import Sequence

import click

from annales.cli.options import db_option, parse_date, verbosity_option
from annales.pipeline.actors.explain import Explanation
from annales.pipeline.actors.unresolved import DEFAULT_REASONS, UnresolvedName

UNRESOLVED_FORMATS = ("table", "jsonl", "csv", "tsv")


def lookup(name: str, *, as_of: dt.date | None = None, dictionaries: Sequence[str] = ()) -> Explanation:
    """How `name` resolves on `as_of` with the bundled table and the user dictionaries given.

    Raises:
        DictionaryError: when a user dictionary cannot be read or parsed.
    """
    from annales.pipeline.actors import ActorTable, load_dictionary
    from annales.pipeline.actors.explain import explain_name

    table = ActorTable.default()
    if dictionaries:
        table = table.with_user(*(load_dictionary(path) for path in dictionaries))
    return explain_name(table, name, as_of=as_of)


def render_explanation(explanation: Explanation, fmt: str) -> str:
    """The explanation as readable text or as JSON."""
    if fmt == "json":
        return json.dumps(explanation.as_dict(), ensure_ascii=False, indent=2) + "\n"
    day = explanation.as_of.isoformat() if explanation.as_of else "latest roles"
    lines = [
        f"{explanation.query!r} on {day}: {explanation.code or '(unresolved: ' + str(explanation.reason) + ')'}",
        f"  match: {explanation.match}" + (f" {explanation.alias!r}" if explanation.alias else ""),
        f"  why: {explanation.why}",
    ]
    for entry in explanation.entries:
        mark = "*" if entry.chosen else " "
        lines.append(f"  {mark} {entry.name} ({entry.kind}, {entry.source})")
        for role in entry.roles:
            span = f"{role.start or '…'} to {role.end or 'open'}" if role.start or role.end else "undated"
            lines.append(f"      {'->' if role.applies and entry.chosen else '  '} {role.code or '-':10} {span}")
    for actor in explanation.mentions:
        lines.append(f"  mention {actor.text!r}: {actor.code or '-'} {actor.name or ''} {actor.reason or ''}".rstrip())
    return "\n".join(lines) + "\n"


def unresolved(
    db: str, *, reasons: Sequence[str] = DEFAULT_REASONS, limit: int | None = 50, min_count: int = 1
) -> list[UnresolvedName]:
    """The most frequent unresolved names of the store `db` (see `unresolved_names`).

    Raises:
        StoreError: when the store does not exist or cannot be opened.
    """
    from annales.pipeline.actors.unresolved import unresolved_names
    from annales.store.store import Store

    with Store(db, read_only=True) as store:
        return unresolved_names(store.con, reasons=reasons, limit=limit, min_count=min_count)


def render_unresolved(names: list[UnresolvedName], fmt: str, *, source: str) -> str:
    """The names as a table, JSON lines, CSV, or a user-dictionary TSV."""
    from annales.pipeline.actors.unresolved import user_dictionary_tsv

    if fmt == "tsv":
        return user_dictionary_tsv(names, source=source)
    if fmt == "jsonl":
        return "".join(json.dumps(name.as_dict(), ensure_ascii=False) + "\n" for name in names)
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["name", "count", "documents", "reasons", "kind", "example"])
        for name in names:
            reasons = ";".join(f"{r}={n}" for r, n in sorted(name.reasons.items()))
            writer.writerow([name.name, name.count, name.documents, reasons, name.kind, name.example])
        return out.getvalue()
    width = max([4, *(len(name.name[:40]) for name in names)])
    lines = [f"{'name'.ljust(width)}  {'count':>5}  {'docs':>4}  {'kind':6}  example"]
    for name in names:
        example = " ".join(name.example.split())
        example = example if len(example) <= 70 else example[:69] + "…"
        lines.append(f"{name.name[:40].ljust(width)}  {name.count:>5}  {name.documents:>4}  {name.kind:6}  {example}")
    return "\n".join(lines) + "\n"


@click.group(name="actors")
def command() -> None:
    """Inspect the actor table: how names resolve, and what a store left unresolved.

    \b
    Example:
        annales actors lookup "Hemedti" --date 2024-01-02
        annales actors unresolved --db news.duckdb --format tsv > my.actors.tsv
    """


@command.command(name="lookup")
@click.argument("name")
@click.option("--date", "as_of", callback=parse_date, help="The date of the text, YYYY-MM-DD (default: latest roles).")
@click.option("--dictionary", "dictionaries", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="A user dictionary layered over the bundled table (repeatable).")  # fmt: skip
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@verbosity_option
def lookup_command(name: str, as_of: dt.date | None, dictionaries: tuple[str, ...], fmt: str) -> None:
    """Show how NAME resolves on a date and why: entry, alias, roles, dates and layer.

    NAME may be an actor's name or alias ("Lavrov"), a generic agent ("lawmakers") or a phrase
    ("Kenyan lawmakers"). People sharing a name are all listed; the date picks one.

    \b
    Example:
        annales actors lookup Taliban --date 2021-08-10
        annales actors lookup "Kenyan lawmakers" --date 2024-06-25
        annales actors lookup "Jane Roe" --dictionary my.actors.tsv --format json
    """
    sys.stdout.write(render_explanation(lookup(name, as_of=as_of, dictionaries=dictionaries), fmt))


@command.command(name="unresolved")
@db_option
@click.option("--format", "fmt", type=click.Choice(UNRESOLVED_FORMATS), default="table", show_default=True,
              help="tsv writes a user dictionary to fill in.")  # fmt: skip
@click.option("--reason", "reasons", multiple=True, default=DEFAULT_REASONS, show_default=True,
              help="Unresolved reasons to count (repeatable): unknown_name, role_out_of_date, ...")  # fmt: skip
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True, help="At most N names.")
@click.option("--min-count", type=click.IntRange(min=1), default=1, show_default=True,
              help="Only names with at least N unresolved mentions.")  # fmt: skip
@verbosity_option
def unresolved_command(db: str, fmt: str, reasons: tuple[str, ...], limit: int, min_count: int) -> None:
    """List the most frequent unresolved names of a store, with counts and an example sentence.

    --format tsv prints them as a user dictionary (the annales actor TSV) with '-' in the roles
    column: replace it by a code (USA.GOV, SDN.REB@2023-04-15/ ...) and pass the file to
    `annales run --config` ([actors] dictionaries) or to `annales actors lookup --dictionary`.

    \b
    Example:
        annales actors unresolved --db news.duckdb --limit 20
        annales actors unresolved --db news.duckdb --format tsv --min-count 3 > my.actors.tsv
    """
    names = unresolved(db, reasons=reasons, limit=limit, min_count=min_count)
    sys.stdout.write(render_unresolved(names, fmt, source=db))
