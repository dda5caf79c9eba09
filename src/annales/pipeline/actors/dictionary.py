"""Read actor and agent dictionaries: PETRARCH/Phoenix text files and our own TSV tables.

PETRARCH actors format (one record = primary phrase, `+` synonyms, tab-indented code lines):

    JOHN_KERRY_            # comment
    +SECRETARY_KERRY_
        [USAGOVLEG 850103-130201]
        [USAGOV >130201]

`[CODE]` on the primary line is the default; `<date` / `>date` / `date-date` restrict a code to
dates (YYMMDD or YYYYMMDD, inclusive). A primary phrase without a code shares the codes of the
record that follows it without a blank line (PETRARCH chains them); a codeless record ended by a
blank line is dropped and counted. Lines starting with `#` or `<` are comments.

PETRARCH agents format: `PHRASE {PLURALS} [~CODE]` with `!MARKER! = A, B` substitution sets;
regular plurals are generated unless `{}` is given.

Our TSV (see src/annales/data/actors/README.md): a `# annales actors v1` or `# annales agents v1`
first line, then `kind name roles aliases` or `pattern sector` rows.

Errors raise DictionaryError with a code: E201 unreadable file, E202 unknown format, E203 bad
bracket/code, E204 bad date, E205 synonym before any primary phrase, E206 agent without code,
E207 bad TSV row, E208 bad substitution marker definition.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Literal

from annales.errors import DictionaryError
from annales.pipeline.actors.model import (
    ACTOR_KINDS,
    ActorDictionary,
    ActorEntry,
    ActorKind,
    AgentEntry,
    Role,
    is_org_code,
    name_tokens,
    phoenix_to_code,
    split_code,
)

logger = logging.getLogger(__name__)

DictKind = Literal["auto", "actors", "agents"]
ACTORS_HEADER = "# annales actors v1"
AGENTS_HEADER = "# annales agents v1"
# Two-digit years at or below this are 20xx: Phoenix dates run 1800s-2015 (Yeltsin "490101" is 1949).
TWO_DIGIT_YEAR_PIVOT = 30

_BRACKET_RE = re.compile(r"\[([^\[\]]*)[\]}]")
_DATE_RE = re.compile(r"^\d{6}(\d{2})?$")
_MARKER_RE = re.compile(r"!([A-Z0-9_]+)!")
_CODE_RE = re.compile(r"[A-Z0-9]+(\.[A-Z]+)?")


def load_dictionary(path: str | Path, *, kind: DictKind = "auto", strict: bool = True) -> ActorDictionary:
    """Load a user actor or agent dictionary (PETRARCH/Phoenix format or our TSV).

    Args:
        path: the dictionary file.
        kind: "actors", "agents", or "auto" to detect from the content.
        strict: raise on the first malformed code line; False skips such lines with one warning
            per file, as PETRARCH does (the Phoenix files have a few bad dates).

    Returns:
        The parsed dictionary; layer it with `ActorTable.with_user` or combine with
        `ActorTable.from_dictionaries`.

    Raises:
        DictionaryError: E201 when the file cannot be read, E202-E208 for malformed content
            (the message names the line and how to fix it).

    Example:
        >>> table = ActorTable.default().with_user(load_dictionary("my.actors.txt"))  # doctest: +SKIP
    """
    file = Path(path)
    try:
        text = file.read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        raise DictionaryError("E201", f"cannot read dictionary {file}: {exc}. Is the path right?") from exc
    lines = text.splitlines()
    first = next((line.strip() for line in lines if line.strip()), "")
    if first.startswith(ACTORS_HEADER):
        return ActorDictionary(str(file), actors=tuple(read_actor_tsv(lines, source=str(file))))
    if first.startswith(AGENTS_HEADER):
        return ActorDictionary(str(file), agents=tuple(read_agent_tsv(lines, source=str(file))))
    if kind == "auto":
        kind = _detect_kind(lines, file)
    try:
        if kind == "agents":
            return ActorDictionary(str(file), agents=tuple(read_petr_agents(lines, source=str(file), strict=strict)))
        return ActorDictionary(str(file), actors=tuple(read_petr_actors(lines, source=str(file), strict=strict)))
    except DictionaryError as exc:
        hint = " (or load with strict=False to skip malformed lines, as PETRARCH does)"
        raise DictionaryError(exc.code, exc.message + hint) from exc


def _detect_kind(lines: list[str], file: Path) -> Literal["actors", "agents"]:
    codes = [m.group(1) for line in lines if not _is_comment(line) for m in _BRACKET_RE.finditer(line)]
    if not codes:
        raise DictionaryError(
            "E202",
            f"{file}: no [CODE] found; not a PETRARCH actors/agents file nor an annales TSV. "
            f"Did you forget the '{ACTORS_HEADER}' first line?",
        )
    agents = sum("~" in code for code in codes)
    return "agents" if agents * 2 > len(codes) else "actors"


def _is_comment(line: str) -> bool:
    stripped = line.strip()
    return not stripped or stripped.startswith(("#", "<"))


def _strip_comment(line: str) -> str:
    return line.split("#", 1)[0].split(";", 1)[0]


def _fail(code: str, source: str, lineno: int, message: str) -> DictionaryError:
    return DictionaryError(code, f"{source}, line {lineno}: {message}")


# ---------------------------------------------------------------- PETRARCH actors


class _Record:
    """Names and code restrictions gathered for one actor record while reading."""

    __slots__ = ("lineno", "names", "roles")

    def __init__(self, name: str, lineno: int) -> None:
        self.names = [name]
        self.roles: list[Role] = []
        self.lineno = lineno


def read_petr_actors(lines: list[str], *, source: str = "<actors>", strict: bool = True) -> Iterator[ActorEntry]:
    """Parse PETRARCH/Phoenix actor lines into entries (see the module docstring for the format).

    Args:
        lines: the file's lines.
        source: the file name for messages.
        strict: raise on malformed code lines; False skips them with a warning.

    Raises:
        DictionaryError: E203/E204/E205 naming the line.
    """
    skipped: list[str] = []

    def roles_of(body: str, lineno: int) -> list[Role]:
        try:
            return _parse_roles(body, source, lineno)
        except DictionaryError as exc:
            if strict:
                raise
            skipped.append(exc.message)
            return []

    record: _Record | None = None
    dropped = 0
    blank_since_primary = False
    for lineno, line in enumerate(lines, start=1):
        if "---STOP---" in line:
            break
        if _is_comment(line):
            blank_since_primary = True
            continue
        body = _strip_comment(line)
        if line[0] in " \t":
            if not body.strip():
                continue
            if record is None:
                raise _fail("E205", source, lineno, "code line before any actor name. Did you indent a name?")
            record.roles.extend(roles_of(body, lineno))
        elif body.startswith("+"):
            if record is None:
                raise _fail("E205", source, lineno, "synonym ('+') before any actor name. Add the primary name first.")
            record.names.append(body[1:].split("[", 1)[0])
            record.roles.extend(roles_of(body, lineno))
        else:
            name = body.split("[", 1)[0]
            if record is not None and (record.roles or blank_since_primary):
                entry = _finish(record)
                dropped += entry is None
                if entry is not None:
                    yield entry
                record = None
            if record is None:
                record = _Record(name, lineno)
            else:  # a codeless primary chained to this one shares its codes (PETRARCH semantics)
                record.names.append(name)
            record.roles.extend(roles_of(body, lineno))
        blank_since_primary = False
    if record is not None:
        entry = _finish(record)
        dropped += entry is None
        if entry is not None:
            yield entry
    if dropped:
        logger.info("%s: %d actor records without any code were skipped", source, dropped)
    if skipped:
        logger.warning("%s: %d malformed code lines skipped, first: %s", source, len(skipped), skipped[0])


def _finish(record: _Record) -> ActorEntry | None:
    if not record.roles:
        return None
    aliases = tuple(dict.fromkeys(" ".join(name_tokens(name)) for name in record.names if name_tokens(name)))
    if not aliases:
        return None
    return ActorEntry(
        name=display_name(record.names[0]),
        kind=guess_kind(record.roles, record.names[0]),
        roles=tuple(record.roles),
        aliases=aliases,
    )


def display_name(phrase: str) -> str:
    """ "JOHN_KERRY_" -> "John Kerry" (a readable canonical name)."""
    words = phrase.replace("_", " ").split()
    return " ".join(word if any(c.islower() for c in word) else word.capitalize() for word in words)


def guess_kind(roles: list[Role] | tuple[Role, ...], name: str) -> ActorKind:
    """Guess an entry's kind from its codes: dated roles mean a person, a bare country a country."""
    codes = [role.code for role in roles if role.code]
    if not codes:
        return "other"
    country, sector = split_code(codes[0])
    if any(role.dated for role in roles):
        # people hold sector roles (USAGOV); a state whose name changed hands ends as a bare code (GEO)
        latest = max((role for role in roles if role.code), key=lambda role: role.start or dt.date.min)
        code = latest.code or ""
        return "country" if "." not in code and not is_org_code(code) else "person"
    if not sector:
        return "org" if is_org_code(country) else "country"
    return "group" if sector in ("REB", "INS", "UAF", "OPP", "PTY") else "org"


def _parse_roles(body: str, source: str, lineno: int) -> list[Role]:
    if "[" in body and not _BRACKET_RE.search(body):
        raise _fail("E203", source, lineno, f"unclosed '[' in {body.strip()!r}. Did you forget the ']'?")
    return [_parse_role(match.group(1), source, lineno) for match in _BRACKET_RE.finditer(body)]


def _parse_role(inner: str, source: str, lineno: int) -> Role:
    raw_code, _, rest = inner.strip().partition(" ")
    raw_code = raw_code.split("/", 1)[0]  # "[ELR/GAL]": several codes, the first is kept
    if raw_code and not re.fullmatch(r"[A-Za-z0-9~+\-#]+", raw_code):
        raise _fail("E203", source, lineno, f"bad actor code {raw_code!r}. Codes look like USAGOV or IGOUNO.")
    code = phoenix_to_code(raw_code) if raw_code else None
    rest = rest.replace(" ", "")
    if not rest:
        return Role(code)
    if rest[0] in "<>":
        day = _parse_date(rest[1:], source, lineno)
        return Role(code, end=day) if rest[0] == "<" else Role(code, start=day)
    first, sep, second = rest.partition("-")
    if not sep:
        raise _fail("E204", source, lineno, f"bad date restriction {inner!r}. Use <YYMMDD, >YYMMDD or YYMMDD-YYMMDD.")
    start, end = _parse_date(first, source, lineno), _parse_date(second, source, lineno)
    if end < start:
        raise _fail("E204", source, lineno, f"interval ends before it starts in {inner!r}. Swap the dates?")
    return Role(code, start=start, end=end)


def _parse_date(text: str, source: str, lineno: int) -> dt.date:
    if not _DATE_RE.match(text):
        raise _fail("E204", source, lineno, f"bad date {text!r}. Dates are YYMMDD or YYYYMMDD.")
    if len(text) == 6:
        yy = int(text[:2])
        text = f"{2000 + yy if yy <= TWO_DIGIT_YEAR_PIVOT else 1900 + yy}{text[2:]}"
    try:
        return dt.date(int(text[:4]), int(text[4:6]), int(text[6:8]))
    except ValueError as exc:
        raise _fail("E204", source, lineno, f"impossible date {text!r}: {exc}.") from exc


# ---------------------------------------------------------------- PETRARCH agents


def read_petr_agents(lines: list[str], *, source: str = "<agents>", strict: bool = True) -> Iterator[AgentEntry]:
    """Parse PETRARCH agent lines, expanding `!MARKER!` sets and regular plurals.

    Args:
        lines: the file's lines.
        source: the file name for messages.
        strict: raise on malformed lines; False skips them with a warning.

    Raises:
        DictionaryError: E206 for a phrase without a code, E208 for a bad marker definition.
    """
    markers: dict[str, list[str]] = {}
    unknown: set[str] = set()
    for lineno, line in enumerate(lines, start=1):
        if _is_comment(line):
            continue
        body = _strip_comment(line).strip()
        if not body:
            continue
        if body.startswith("!") and "=" in body and "[" not in body:
            name, values = _parse_marker(body, source, lineno)
            markers[name] = values
            continue
        try:
            match, sector = _agent_code(body, source, lineno)
        except DictionaryError as exc:
            if strict:
                raise
            logger.warning("skipped: %s", exc.message)
            continue
        phrase, plurals = _split_plurals(body[: match.start()])
        for form in _agent_forms(phrase, plurals, markers, unknown):
            tokens = name_tokens(form)
            if tokens:
                yield AgentEntry(" ".join(tokens), sector)
    for name in sorted(unknown):
        logger.warning("%s: substitution marker !%s! is not defined; its agent lines were skipped", source, name)


def _parse_marker(body: str, source: str, lineno: int) -> tuple[str, list[str]]:
    left, _, right = body.partition("=")
    match = _MARKER_RE.fullmatch(left.strip())
    values = [value.strip() for value in right.split(",") if value.strip()]
    if match is None or not values:
        raise _fail("E208", source, lineno, f"bad substitution set {body!r}. Write !NAME! = A, B, C.")
    return match.group(1), values


def _agent_code(body: str, source: str, lineno: int) -> tuple[re.Match[str], str]:
    match = _BRACKET_RE.search(body)
    if match is None:
        raise _fail("E206", source, lineno, f"agent {body!r} has no [~CODE]. Codes are required for agents.")
    return match, _agent_sector(match.group(1), source, lineno)


def _agent_sector(inner: str, source: str, lineno: int) -> str:
    raw = inner.strip()
    if "~" not in raw or not re.fullmatch(r"~?[A-Za-z0-9]+~?", raw):
        raise _fail("E206", source, lineno, f"bad agent code [{raw}]. Agent codes look like [~GOV] or [NGO~].")
    code = phoenix_to_code("XXX" + raw.strip("~")) if raw.startswith("~") else phoenix_to_code(raw.strip("~"))
    if code is None:
        raise _fail("E206", source, lineno, f"null agent code [{raw}].")
    return split_code(code)[1] if raw.startswith("~") else code.split(".")[-1]


def _split_plurals(text: str) -> tuple[str, list[str] | None]:
    if "{" not in text:
        return text.strip(), None
    phrase, _, rest = text.partition("{")
    inner = rest.split("}", 1)[0]
    return phrase.strip(), [p.strip() for p in inner.split(",") if p.strip()]


def _agent_forms(phrase: str, plurals: list[str] | None, markers: dict[str, list[str]], unknown: set[str]) -> list[str]:
    match = _MARKER_RE.search(phrase)
    if match is not None:
        if match.group(1) not in markers:
            unknown.add(match.group(1))
            return []
        # substituted forms get no further plural (PETRARCH rule)
        return [phrase[: match.start()] + value + phrase[match.end() :] for value in markers[match.group(1)]]
    forms = [phrase]
    forms.extend(plurals if plurals is not None else [regular_plural(phrase)])
    return forms


def regular_plural(phrase: str) -> str:
    """PETRARCH's regular plural of the last word: +S, Y -> IES, SS/SH/CH/X -> +ES."""
    stem = phrase.rstrip("_ ")
    upper = stem.upper()
    if upper.endswith("Y") and len(upper) > 1 and upper[-2] not in "AEIOU":
        return stem[:-1] + ("IES" if stem.isupper() else "ies")
    if upper.endswith(("SS", "SH", "CH", "X")):
        return stem + ("ES" if stem.isupper() else "es")
    return stem + ("S" if stem.isupper() else "s")


# ---------------------------------------------------------------- our TSV


def read_actor_tsv(lines: list[str], *, source: str = "<tsv>", normalized: bool = False) -> Iterator[ActorEntry]:
    """Parse our actor TSV: `kind<TAB>name<TAB>roles<TAB>aliases` after the header lines (aliases optional).

    Roles are `CODE@START/END` joined by `;` (ISO dates, empty = open; a bare CODE is undated);
    aliases are `|`-joined phrases, normalised on read (so hand-written ones are fine) unless
    `normalized` says the file was written by the build tool (this halves the load time).

    Raises:
        DictionaryError: E207 naming the row.
    """
    for lineno, line in enumerate(lines, start=1):
        if not line.strip() or line.startswith("#") or line.startswith("kind\t"):
            continue
        cells = line.rstrip("\n").split("\t")
        if len(cells) == 3:
            cells.append("")  # the aliases cell may be left out
        if len(cells) != 4 or cells[0] not in ACTOR_KINDS:
            raise _fail(
                "E207", source, lineno, f"expected 4 tab-separated cells kind/name/roles/aliases, got {cells!r}"
            )
        kind, name, roles, aliases = cells
        if normalized:
            alias_keys = tuple(aliases.split("|"))
        else:
            alias_keys = tuple(
                dict.fromkeys(" ".join(name_tokens(a)) for a in [name, *aliases.split("|")] if a.strip())
            )
        yield ActorEntry(name, kind, _roles_cell(roles, source, lineno), alias_keys)  # type: ignore[arg-type]


def _roles_cell(cell: str, source: str, lineno: int) -> tuple[Role, ...]:
    try:
        return _parse_roles_cached(cell)
    except ValueError as exc:
        raise _fail("E207", source, lineno, f"{exc}; roles look like USA.GOV@2013-02-01/2017-01-20") from exc


def parse_roles_cell(cell: str) -> tuple[Role, ...]:
    """Read `USA.LEG@1985-01-03/2013-02-01;USA.GOV@2013-02-01/` into roles.

    Raises:
        ValueError: naming the bad part.
    """
    return _parse_roles_cached(cell)


@functools.lru_cache(maxsize=8192)
def _parse_roles_cached(cell: str) -> tuple[Role, ...]:
    # role cells repeat a lot ("USA", "RUS.GOV"); Role is immutable, so caching the parse is safe
    if "@" not in cell and ";" not in cell and _CODE_RE.fullmatch(cell):
        return (Role(cell),)
    roles = []
    for part in filter(None, (p.strip() for p in cell.split(";"))):
        code, _, span = part.partition("@")
        if code != "-" and not _CODE_RE.fullmatch(code):
            raise ValueError(f"bad code {code!r} in role {part!r}")
        start_text, _, end_text = span.partition("/")
        try:
            start = dt.date.fromisoformat(start_text) if start_text else None
            end = dt.date.fromisoformat(end_text) if end_text else None
        except ValueError as exc:
            raise ValueError(f"bad date in role {part!r}") from exc
        roles.append(Role(None if code == "-" else code, start, end))
    return tuple(roles)


def format_roles_cell(roles: tuple[Role, ...]) -> str:
    """Inverse of parse_roles_cell."""
    parts = []
    for role in roles:
        code = role.code or "-"
        if role.dated:
            code += f"@{role.start.isoformat() if role.start else ''}/{role.end.isoformat() if role.end else ''}"
        parts.append(code)
    return ";".join(parts)


def read_agent_tsv(lines: list[str], *, source: str = "<tsv>", normalized: bool = False) -> Iterator[AgentEntry]:
    """Parse our agent TSV: `pattern<TAB>sector` rows.

    Raises:
        DictionaryError: E207 naming the row.
    """
    for lineno, line in enumerate(lines, start=1):
        if not line.strip() or line.startswith("#") or line.startswith("pattern\t"):
            continue
        cells = line.rstrip("\n").split("\t")
        if len(cells) != 2 or not cells[1].isalpha():
            raise _fail("E207", source, lineno, f"expected 2 tab-separated cells pattern/sector, got {cells!r}")
        yield AgentEntry(cells[0] if normalized else " ".join(name_tokens(cells[0])), cells[1].upper())
