"""PLOVER JSON lines with the data fields of the PLOVER manual (version 2.0, chapter 6 "Data Fields").

One JSON object per event (the manual suggests JSONL), with the manual's field names written in
snake case as in its JSON examples (`event_loc`, `text_info`, `cite_info`, `entity_text`):

- `id`, `has_event` (always true: every record is a coded event), `date` (YYYY-MM-DD), `enddate`
  (the last day of a week-, month- or year-dated event, or of a date range; null otherwise);
- `actor` and `recipient`: lists of entity objects (`code`: the 3-letter top-level code, the
  country, or "IGO" for an international organisation as in the PLOVER gold records; `sector`;
  `entity_text`: the text as written; `identifier_text`: the canonical name; and, beyond the
  manual, `annales_code`: our full code such as "USA.GOV" or "NATO"); `recipient` is [] when none;
- `event`, `mode`, `context`, `event_text`: lists (the type, its mode, contexts, the trigger);
- `event_loc`: the location object (`resolved_place`, `geonameid`, `lat`, `lon`, `city` or
  `province`, `country_code` (ISO alpha-3, as the manual asks), `feature_class`, `resolution`);
- `quad_code`: PLOVER's own quad category of the type (manual table 7.2); `event_scale`: Goldstein;
- `link`: the story the event belongs to (related events share it); `text`: the sentence;
  `text_info`: `sequence` (sentence index), `start`/`end` (the coded span within `text`);
- `cite_info`: `citation` (document id), `url` (http(s) only), `title`, `publication` (the source's
  name, else the URL's host; never a local folder), `language`, `codebook`; `coder` and
  `coded_date` (the run that coded the document).

Fields beyond the manual, which it allows: `cameo`, `status`, `negated`, `confidence`,
`granularity`, `date_source`, `published`, `n_mentions`, `n_articles`, `n_sources`.
The manual requires a date: undated events are left out and counted (jsonl and csv keep them).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from annales.codes import PLOVER_QUADS
from annales.store.export_gdelt import publisher, web_url
from annales.store.queries import event_json

PLOVER_CODEBOOK = "plover-2.0"
PLOVER_FIELDS: tuple[str, ...] = (
    "id", "has_event", "date", "enddate", "actor", "recipient", "event", "event_loc", "event_text", "quad_code",
    "event_scale", "mode", "context", "link", "text", "text_info", "cite_info", "coder", "coded_date",
)  # fmt: skip
_FEATURE_CLASS = {"city": "P", "region": "A", "area": "A", "country": "A"}
_RESOLUTION = {"city": 4, "region": 2, "area": 2, "country": 1}  # the manual: 4 city, 2 province, 1 country


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _entity(row: dict[str, Any], prefix: str) -> dict[str, Any] | None:
    code: str | None = row.get(f"{prefix}_code")
    text, name, sector = row.get(f"{prefix}_text"), row.get(f"{prefix}_name"), row.get(f"{prefix}_sector")
    if code is None and text is None and name is None:
        return None
    head, _, sub = (code or "").partition(".")
    organisation = sector == "IGO" or (bool(head) and (len(head) != 3 or not head.isalpha()))
    return {
        "code": "IGO" if organisation else head or None,
        "sector": (sub or None) if organisation else sector or sub or None,
        "entity_text": text,
        "identifier_text": name,
        "annales_code": code,
    }


def _location(row: dict[str, Any]) -> dict[str, Any] | None:
    name, feature = row.get("place_name"), row.get("place_feature")
    if name is None and row.get("place_lat") is None:
        return None
    return {
        "resolved_place": name,
        "geonameid": row.get("place_geonameid"),
        "lat": row.get("place_lat"),
        "lon": row.get("place_lon"),
        "city": name if feature == "city" else None,
        "province": name if feature == "region" else None,
        "country_code": row.get("place_country"),
        "feature_class": _FEATURE_CLASS.get(feature or ""),
        "resolution": _RESOLUTION.get(feature or ""),
    }


def _text_info(row: dict[str, Any]) -> dict[str, Any]:
    sentence, sent_start = row.get("sentence") or "", row.get("sent_start")
    start = end = None
    if sent_start is not None and row.get("span_start") is not None:
        start, end = row["span_start"] - sent_start, row["span_end"] - sent_start
        if not 0 <= start < end <= len(sentence):
            start = end = None
    return {"sequence": row.get("sent_index"), "start": start, "end": end}


def _coder(row: dict[str, Any]) -> str:
    version, stage = row.get("run_version"), row.get("run_coder")
    if version is None:
        return "annales"
    return f"annales {version} ({stage})" if stage else f"annales {version}"


def _lists(row: dict[str, Any]) -> dict[str, list[Any]]:
    return {
        "event": [row["type"]] if row.get("type") else [],
        "event_text": [row["trigger"]] if row.get("trigger") else [],
        "mode": [row["mode"]] if row.get("mode") else [],
        "context": list(row.get("contexts") or []),
    }


def plover_record(row: dict[str, Any]) -> dict[str, Any] | None:
    """A full event row as a PLOVER record (manual chapter 6); None for an undated event.

    Args:
        row: a row of `ROW_COLUMNS`, optionally with `sent_start`, `place_geonameid`, `doc_language`,
            `run_started`, `run_version` and `run_coder` (see `annales.store.export`).
    """
    day: dt.date | None = row.get("date")
    if day is None:
        return None
    end: dt.date | None = row.get("date_end")
    actor, recipient, lists = _entity(row, "actor"), _entity(row, "recipient"), _lists(row)
    started: dt.datetime | None = row.get("run_started")
    record: dict[str, Any] = {
        "id": row["event_id"],
        "has_event": True,
        "date": day.isoformat(),
        "enddate": _iso(end) if end is not None and end != day else None,
        "actor": [actor] if actor else [],
        "recipient": [recipient] if recipient else [],
        "event": lists["event"],
        "event_loc": _location(row),
        "event_text": lists["event_text"],
        "quad_code": PLOVER_QUADS.get(row.get("type") or "", row.get("quad")),
        "event_scale": row.get("goldstein"),
        "mode": lists["mode"],
        "context": lists["context"],
        "link": row.get("story_id"),
        "text": row.get("sentence"),
        "text_info": _text_info(row),
        "cite_info": {
            "citation": row.get("doc_id"),
            "url": web_url(row.get("doc_url")),
            "title": row.get("doc_title"),
            "publication": publisher(row),
            "language": row.get("doc_language"),
            "codebook": PLOVER_CODEBOOK,
        },
        "coder": _coder(row),
        "coded_date": started.date().isoformat() if started is not None else None,
    }
    extras = ("cameo", "status", "negated", "confidence", "granularity", "date_source")
    record.update({key: row.get(key) for key in extras})
    record.update(published=_iso(row.get("published")), n_mentions=row.get("n_mentions"),
                  n_articles=row.get("n_articles"), n_sources=row.get("n_sources"))  # fmt: skip
    return record


def plover_flat_json(row: dict[str, Any]) -> dict[str, Any]:
    """A full event row as one flat object with POLECAT-style names (`--format plover-flat`).

    The layout `--format plover` wrote before it followed the manual: one level of nesting,
    scalar actor fields, undated events kept.
    """
    event = event_json(row)
    actor, recipient, place = event["actor"] or {}, event["recipient"], event["place"]
    return {
        "id": event["event_id"],
        "event_type": event["type"],
        "mode": event["mode"],
        "context": event["contexts"],
        "quad_code": event["quad"],
        "cameo": event["cameo"],
        "goldstein": event["goldstein"],
        "actor": actor.get("name") or actor.get("text"),
        "actor_code": actor.get("code"),
        "actor_country": actor.get("country"),
        "actor_sector": actor.get("sector"),
        "actor_raw": actor.get("text"),
        "recipient": (recipient.get("name") or recipient.get("text")) if recipient else None,
        "recipient_code": recipient.get("code") if recipient else None,
        "recipient_country": recipient.get("country") if recipient else None,
        "recipient_sector": recipient.get("sector") if recipient else None,
        "recipient_raw": recipient.get("text") if recipient else None,
        "event_date": event["date"],
        "dates": {
            "start": event["date"],
            "end": event["date_end"],
            "granularity": event["granularity"],
            "source": event["date_source"],
        },
        "location": (
            {
                "name": place["name"],
                "feature_type": place["feature"],
                "country": place["country"],
                "lat": place["lat"],
                "lon": place["lon"],
            }
            if place
            else None
        ),
        "status": event["status"],
        "negated": event["negated"],
        "confidence": event["confidence"],
        "source": {
            "doc_id": event["doc_id"],
            "url": web_url(row.get("doc_url")),
            "publisher": publisher(row),
            "headline": row.get("doc_title"),
            "publication_date": event["published"],
            "text": event["sentence"],
            "span": event["span"],
        },
        "n_mentions": event["n_mentions"],
        "n_articles": event["n_articles"],
        "n_sources": event["n_sources"],
    }
