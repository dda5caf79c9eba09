"""Explain how a name or phrase resolves on a date, and why (`annales actors lookup`).

An exact alias names its entry, the layer (bundled table or user dictionary) it comes from,
every role with its date range and which one applies; a name shared by several people lists
them all and says which one the date picks. A generic agent gives its sector. Anything else is
resolved as a one-sentence text without a parse ("Kenyan lawmakers", "Russia's foreign
minister"), so that the answer matches what the pipeline does with the same words.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import asdict, dataclass
from typing import Any, Literal

from annales.pipeline.actors.model import ActorEntry, Role, name_tokens
from annales.pipeline.actors.options import ResolveOptions
from annales.pipeline.actors.resolve import ActorResolver
from annales.pipeline.actors.table import ActorTable, pick_by_date
from annales.records import Actor, Sentence, Token

MatchKind = Literal["alias", "agent", "phrase"]
_WORD_RE = re.compile(r"(?:[\w.&/+]|'(?!s\b))+|'s\b|[^\w\s]", re.UNICODE)


@dataclass(frozen=True, slots=True)
class RoleView:
    """One role of an entry: its code, dates and whether it applies on the date asked."""

    code: str | None
    start: dt.date | None
    end: dt.date | None
    applies: bool


@dataclass(frozen=True, slots=True)
class EntryView:
    """An entry of the table as the explanation shows it."""

    name: str
    kind: str
    source: str
    roles: tuple[RoleView, ...]
    chosen: bool  # the one the date picks among people sharing the alias


@dataclass(frozen=True, slots=True)
class Explanation:
    """How `query` resolves on `as_of`: the code or the reason, and why.

    Attributes:
        query: the name or phrase asked about.
        as_of: the date roles are checked against (None: the latest roles).
        match: "alias" (an actor's exact name), "agent" (a generic agent) or "phrase".
        alias: the normalised alias or agent pattern matched, for "alias" and "agent".
        code: the resulting code, or None.
        reason: why there is no code (as in the store's actor_mentions.reason).
        why: the explanation in one or two plain sentences.
        entries: the entry, or every person sharing the alias (one is `chosen`).
        mentions: for "phrase", the mentions the resolver finds in it.
    """

    query: str
    as_of: dt.date | None
    match: MatchKind
    alias: str | None
    code: str | None
    reason: str | None
    why: str
    entries: tuple[EntryView, ...] = ()
    mentions: tuple[Actor, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (dates as ISO strings)."""
        data: dict[str, Any] = _jsonable(asdict(self))
        return data


def explain_name(
    table: ActorTable, query: str, *, as_of: dt.date | None = None, options: ResolveOptions | None = None
) -> Explanation:
    """Explain how `query` resolves on `as_of` with `table`.

    Args:
        table: the actor table (bundled, or with user dictionaries layered on it).
        query: a name ("Lavrov"), an agent ("lawmakers") or a phrase ("Kenyan lawmakers").
        as_of: the date of the text; None takes each entry's latest role.
        options: resolution options (e.g. how former office-holders are coded).

    Returns:
        The explanation.

    Example:
        >>> explain_name(ActorTable.default(), "Kerry", as_of=dt.date(2015, 6, 1)).code  # doctest: +SKIP
        'USA.GOV'
    """
    options = options or ResolveOptions()
    tokens = name_tokens(query)
    if tokens and tokens in table.names:
        return _explain_alias(table, query, tokens, as_of, options)
    if tokens and tokens in table.agents:
        sector = table.agents[tokens]
        source = table.sources[table.agent_layers.get(tokens, 0)] if table.sources else ""
        why = (
            f"generic agent {' '.join(tokens)!r} (from {source}) has sector {sector}; in a text it takes the "
            "country that modifies or owns it, else a place of its clause, else the article's main country"
        )
        return Explanation(query, as_of, "agent", " ".join(tokens), None, "no_country_context", why)
    return _explain_phrase(table, query, as_of, options)


def _explain_alias(
    table: ActorTable, query: str, tokens: tuple[str, ...], as_of: dt.date | None, options: ResolveOptions
) -> Explanation:
    default = table.names[tokens]
    clash = table.clashes.get(tokens, (default,))
    chosen = default
    if len(clash) > 1 and as_of is not None:
        chosen = pick_by_date([table.entries[i] for i in clash], as_of, default=clash.index(default), indices=clash)
    entry = table.entries[chosen]
    code, reason = entry.code_at(as_of)
    former = coming = None
    if code is None and reason == "role_out_of_date" and as_of is not None and options.former == "elite":
        former = entry.former_code(as_of)
        coming = None if former else entry.coming_code(as_of)
        code, reason = (former or coming, None) if former or coming else (code, reason)
    views = tuple(_entry_view(table, i, as_of, i == chosen) for i in clash)
    why = _why_alias(tokens, entry, table.source_of(chosen), as_of, code, reason, former, len(clash), coming)
    return Explanation(query, as_of, "alias", " ".join(tokens), code, reason, why, views)


def _entry_view(table: ActorTable, index: int, as_of: dt.date | None, chosen: bool) -> EntryView:
    entry = table.entries[index]
    picked = _applied_role(entry, as_of)
    roles = tuple(RoleView(r.code, r.start, r.end, r is picked) for r in entry.roles)
    return EntryView(entry.name, entry.kind, table.source_of(index), roles, chosen)


def _applied_role(entry: ActorEntry, as_of: dt.date | None) -> Role | None:
    """The role `ActorEntry.code_at` uses (same rule: latest-starting covering role, else the undated one)."""
    dated = [role for role in entry.roles if role.dated]
    default = [role for role in entry.roles if not role.dated]
    covering = dated if as_of is None else [role for role in dated if role.covers(as_of)]
    if covering:
        return max(covering, key=lambda role: role.start or dt.date.min)
    return default[-1] if default else None


def _why_alias(
    tokens: tuple[str, ...],
    entry: ActorEntry,
    source: str,
    as_of: dt.date | None,
    code: str | None,
    reason: str | None,
    former: str | None,
    shared: int,
    coming: str | None = None,
) -> str:
    day = as_of.isoformat() if as_of else "the latest date"
    parts = [f"{' '.join(tokens)!r} is an alias of {entry.name} ({entry.kind}, from {source})"]
    if shared > 1:
        parts.append(f"{shared} people share it; on {day} the one whose role began last wins")
    role = _applied_role(entry, as_of)
    if former is not None:
        parts.append(f"no role covers {day}: a former office-holder, coded {former} (the elite of that country)")
    elif coming is not None:
        parts.append(f"no role covers {day}: a national office comes within a year, coded {coming} (its elite)")
    elif role is not None and role.dated:
        parts.append(f"the role {role.code or '-'} {_span(role)} covers {day}")
    elif role is not None:
        parts.append(f"its undated code {role.code or '-'} applies")
    else:
        parts.append(f"no role covers {day} ({reason})")
    if code is None and reason == "null_code":
        parts.append("the dictionary marks it as known but not coded")
    return "; ".join(parts) + "."


def _span(role: Role) -> str:
    return f"{role.start.isoformat() if role.start else '…'} to {role.end.isoformat() if role.end else 'open'}"


def _explain_phrase(table: ActorTable, query: str, as_of: dt.date | None, options: ResolveOptions) -> Explanation:
    sent = phrase_sentence(query)
    [actors] = ActorResolver(table, options).resolve_article([sent], as_of=as_of, text=query)
    coded = [actor for actor in actors if actor.code]
    best = max(coded, key=lambda actor: actor.end - actor.start) if coded else None
    if best is not None:
        why = f"no entry is named exactly {query!r}; as a phrase it resolves to {best.code} ({best.text!r})"
        return Explanation(query, as_of, "phrase", None, best.code, None, why, (), tuple(actors))
    reason = actors[0].reason if actors else "unknown_name"
    why = f"no entry or agent is named {query!r} and the phrase holds no actor the table knows ({reason})"
    return Explanation(query, as_of, "phrase", None, None, reason, why, (), tuple(actors))


def phrase_sentence(text: str) -> Sentence:
    """A one-sentence parse-free `Sentence` of `text` (words and punctuation; no tags, no heads).

    Without a parse the resolver still matches names, agents and titles; owners, clauses and
    coreference need the spaCy parse that `annales run` gives.
    """
    tokens = [
        Token(i, match.group(), match.start(), match.group().lower(), "", "", "", i)
        for i, match in enumerate(_WORD_RE.finditer(text))
    ]
    return Sentence(0, 0, len(text), text, tokens, [])


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _jsonable(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(item) for item in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value
