"""The names a store left unresolved, most frequent first, ready for a user dictionary.

`unresolved_in_document` lists one document's unresolved mentions with the events of their
sentence that lack an actor or a recipient (what the explorer shows beside the events they
block). `unresolved_names` reads `actor_mentions` (code NULL, with a reason) and `sentences` of a store,
groups the mentions by normalised name ("the RSF", "RSF's" and "RSF" are one name) and gives
each its count, the documents it occurs in, its reasons and an example sentence.
`user_dictionary_tsv` writes them as an annales actor TSV (see
src/annales/data/actors/README.md) whose roles column the user fills in.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import duckdb

from annales.pipeline.actors.dictionary import ACTORS_HEADER
from annales.pipeline.actors.model import ActorKind, name_tokens

# Reasons that a user dictionary can fix: a name the table does not know, or a known person with
# no role on the date (with former office-holders coded ELI, one with no country role at all).
DEFAULT_REASONS = ("unknown_name", "role_out_of_date")
_ORG_WORDS = frozenset(
    {"ministry", "agency", "council", "commission", "committee", "bank", "court", "party", "union", "office"}
    | {"company", "corporation", "university", "institute", "association", "federation", "authority"}
    | {"organisation", "organization", "department", "parliament", "assembly", "fund", "group", "inc", "ltd"}
)
_GROUP_WORDS = frozenset(
    {"army", "front", "brigade", "brigades", "movement", "forces", "force", "militia", "rebels", "alliance"}
    | {"liberation", "resistance", "jihad", "mujahideen", "battalion", "regiment", "guards", "guard"}
)
# Named things that are no actors ("Typhoon Haiyan", "Operation Sindoor").
_OTHER_WORDS = frozenset({"typhoon", "hurricane", "cyclone", "storm", "operation", "earthquake", "covid"})
_SQL = """
SELECT am.text, am.reason, count(*) AS n,
       arg_min(s.text, am.doc_id || lpad(CAST(am.sent_index AS VARCHAR), 8, '0')) AS example,
       min(am.doc_id) AS doc_id
FROM actor_mentions am
LEFT JOIN sentences s ON s.doc_id = am.doc_id AND s.sent_index = am.sent_index
WHERE am.code IS NULL AND am.reason IN ({marks})
GROUP BY am.text, am.reason
"""
_DOCS_SQL = """
SELECT DISTINCT text, doc_id FROM actor_mentions
WHERE code IS NULL AND reason IN ({marks}) AND text IN ({texts})
"""


_DOCUMENT_SQL = """
SELECT am.sent_index, am.start_char, am.end_char, am.text, am.reason,
       list(e.event_id ORDER BY e.event_id) FILTER (WHERE e.event_id IS NOT NULL) AS events
FROM actor_mentions am
LEFT JOIN events e ON e.doc_id = am.doc_id AND e.sent_index = am.sent_index
    AND (e.actor_code IS NULL OR e.recipient_code IS NULL)
WHERE am.doc_id = ? AND am.code IS NULL AND am.reason IN ({marks})
GROUP BY am.sent_index, am.start_char, am.end_char, am.text, am.reason
ORDER BY am.start_char
"""


@dataclass(frozen=True, slots=True)
class UnresolvedMention:
    """An unresolved mention of one document and the events of its sentence it may block.

    Attributes:
        sent_index: the sentence.
        start: character offset in the document text.
        end: end offset.
        text: the mention as written.
        reason: why it has no code.
        events: ids of the sentence's events with no actor or no recipient.
    """

    sent_index: int
    start: int
    end: int
    text: str
    reason: str
    events: tuple[str, ...]


def unresolved_in_document(
    con: duckdb.DuckDBPyConnection, doc_id: str, *, reasons: Sequence[str] = DEFAULT_REASONS
) -> list[UnresolvedMention]:
    """The unresolved mentions of document `doc_id`, in text order, with the events they may block.

    Args:
        con: a connection to the store.
        doc_id: the document.
        reasons: the unresolved reasons to list.
    """
    if not reasons:
        return []
    sql = _DOCUMENT_SQL.format(marks=", ".join("?" for _ in reasons))
    rows = con.execute(sql, [doc_id, *reasons]).fetchall()
    return [
        UnresolvedMention(s, start, end, text, reason, tuple(events or ()))
        for s, start, end, text, reason, events in rows
    ]


@dataclass(slots=True)
class UnresolvedName:
    """One unresolved name of a store and how often it blocks a mention.

    Attributes:
        name: its most frequent written form.
        key: the normalised name the forms share.
        count: unresolved mentions.
        documents: documents with at least one of them.
        reasons: mentions by reason.
        example: a sentence where it occurs (from the first document holding it).
        example_doc: that document's id.
        kind: a guess for the user dictionary (person, org, group or other).
        forms: every written form and its count.
    """

    name: str
    key: str
    count: int
    documents: int
    reasons: dict[str, int]
    example: str
    example_doc: str
    kind: ActorKind
    forms: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict[str, object]:
        """A JSON-ready dict."""
        return {
            "name": self.name,
            "key": self.key,
            "count": self.count,
            "documents": self.documents,
            "reasons": self.reasons,
            "kind": self.kind,
            "example": self.example,
            "example_doc": self.example_doc,
            "forms": self.forms,
        }


def unresolved_names(
    con: duckdb.DuckDBPyConnection,
    *,
    reasons: Sequence[str] = DEFAULT_REASONS,
    limit: int | None = 50,
    min_count: int = 1,
) -> list[UnresolvedName]:
    """The unresolved names of a store, most mentions first (ties: more documents, then name).

    Args:
        con: a connection to the store (`Store.con`).
        reasons: the unresolved reasons to count (see `DEFAULT_REASONS`).
        limit: at most this many names; None for all.
        min_count: only names with at least this many mentions.

    Returns:
        The names, each with counts, reasons, a guessed kind and an example sentence.
    """
    if not reasons:
        return []
    marks = ", ".join("?" for _ in reasons)
    rows = con.execute(_SQL.format(marks=marks), list(reasons)).fetchall()
    names = _group(rows)
    ranked = sorted((n for n in names.values() if n.count >= min_count), key=lambda n: (-n.count, n.key))
    chosen = ranked if limit is None else ranked[:limit]
    _count_documents(con, chosen, reasons)
    return sorted(chosen, key=lambda n: (-n.count, -n.documents, n.key))


def _group(rows: Iterable[tuple[str, str, int, str | None, str]]) -> dict[str, UnresolvedName]:
    names: dict[str, UnresolvedName] = {}
    for text, reason, count, example, doc_id in rows:
        key = name_key(text)
        if not key:
            continue
        name = names.get(key)
        if name is None:
            name = names[key] = UnresolvedName(text, key, 0, 0, {}, example or "", doc_id, guess_kind(text, reason))
        name.count += count
        name.reasons[reason] = name.reasons.get(reason, 0) + count
        name.forms[text] = name.forms.get(text, 0) + count
        if (doc_id, example or "") < (name.example_doc, name.example):
            name.example, name.example_doc = example or "", doc_id
    for name in names.values():
        # decided on the whole group, not on whichever row came first (rows come in no fixed order)
        name.name = max(name.forms.items(), key=lambda item: (item[1], -len(item[0]), item[0]))[0]
        name.kind = guess_kind(name.name, max(name.reasons, key=lambda reason: (name.reasons[reason], reason)))
    return names


def _count_documents(con: duckdb.DuckDBPyConnection, names: list[UnresolvedName], reasons: Sequence[str]) -> None:
    texts = [form for name in names for form in name.forms]
    if not texts:
        return
    sql = _DOCS_SQL.format(marks=", ".join("?" for _ in reasons), texts=", ".join("?" for _ in texts))
    docs: dict[str, set[str]] = {}
    for text, doc_id in con.execute(sql, [*reasons, *texts]).fetchall():
        docs.setdefault(name_key(text), set()).add(doc_id)
    for name in names:
        name.documents = len(docs.get(name.key, ()))


def name_key(text: str) -> str:
    """The normalised name of a mention: "the RSF's" -> "rsf"."""
    tokens = [token for token in name_tokens(text) if token != "'s"]
    return " ".join(tokens)


def guess_kind(text: str, reason: str) -> ActorKind:
    """A kind for the user dictionary: a known person stays a person; words hint at orgs and groups."""
    words = set(re.findall(r"[a-z]+", text.lower()))
    if words & _OTHER_WORDS:
        return "other"
    if reason == "role_out_of_date" or (not words & (_ORG_WORDS | _GROUP_WORDS) and _looks_personal(text)):
        return "person"
    if words & _GROUP_WORDS:
        return "group"
    return "org" if words & _ORG_WORDS or text.isupper() else "other"


def _looks_personal(text: str) -> bool:
    parts = [part for part in re.split(r"\s+", text.strip()) if part]
    return 2 <= len(parts) <= 4 and all(part[:1].isupper() for part in parts)


def user_dictionary_tsv(names: Sequence[UnresolvedName], *, source: str) -> str:
    """The names as an annales actor TSV with an empty code ("-") for the user to fill in.

    Each row is preceded by a comment with its count, reasons and example sentence. A row left
    with "-" marks the name as known but not coded: it no longer counts as unresolved.
    """
    lines = [
        f"{ACTORS_HEADER} -- unresolved names of {source}; replace each '-' by a code such as "
        "USA.GOV, SDN.REB or NATO, optionally dated: CODE@2021-08-15/ (see src/annales/data/actors/README.md)",
        "kind\tname\troles\taliases",
    ]
    for name in names:
        reasons = ", ".join(f"{reason} {count}" for reason, count in sorted(name.reasons.items()))
        example = " ".join(name.example.split())[:200]
        lines.append(f"# {name.count} mentions in {name.documents} documents ({reasons}); e.g. {example}")
        lines.append(f"{name.kind}\t{_cell(name.name)}\t-\t{_cell('|'.join(_other_forms(name)))}")
    return "\n".join(lines) + "\n"


def _other_forms(name: UnresolvedName) -> list[str]:
    """Written forms that normalise differently from the name ("R.S.F." beside "RSF"), possessives aside."""
    own = name_tokens(name.name)
    return [form for form in name.forms if name_tokens(form) != own and "'s" not in name_tokens(form)]


def _cell(text: str) -> str:
    return " ".join(text.replace("\t", " ").split())
