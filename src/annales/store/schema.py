"""The store's schema and its migrations.

The schema version lives in `schema_version`; `migrate` applies every migration above
it in order, each in one transaction. Add a migration, never edit a released one.

Tables (one row per ...):
    documents       input document: uri, metadata, clean text, status and error reason,
                    boilerplate lines removed and kept, its near-duplicate cluster_id and story_id
    sentences       sentence of a document: char span in documents.text
    actor_mentions  actor mention: code, or the reason it stayed unresolved
    events          coded event mention: one sentence saying one event (actor, recipient,
                    type, ...), with merged_id pointing to the real-world event it reports
    merged_events   real-world event: the events that report it, with mention/article/
                    source counts (GDELT's NumMentions/NumArticles/NumSources)
    stories         group of documents about the same event or chain of events
    runs            one `annales run`: version, config, counts, start and end
"""

from __future__ import annotations

import duckdb

SCHEMA_VERSION = 4

_V1 = """
CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL);

CREATE TABLE IF NOT EXISTS runs (
    run_id VARCHAR PRIMARY KEY,
    version VARCHAR NOT NULL,
    config VARCHAR NOT NULL,          -- JSON
    started TIMESTAMP NOT NULL,
    finished TIMESTAMP,
    status VARCHAR NOT NULL,          -- running | done | failed
    counts VARCHAR                    -- JSON: documents read, extracted, skipped by reason...
);

CREATE TABLE IF NOT EXISTS documents (
    doc_id VARCHAR PRIMARY KEY,
    uri VARCHAR NOT NULL,
    url VARCHAR,
    format VARCHAR NOT NULL,
    title VARCHAR,
    site VARCHAR,
    source VARCHAR,
    published DATE,
    published_source VARCHAR,
    published_reason VARCHAR,
    language VARCHAR,
    status VARCHAR NOT NULL,          -- ok | skipped | error
    error VARCHAR,                    -- reason, e.g. "binary", "language=fr"
    text VARCHAR,
    removed VARCHAR,                  -- JSON: boilerplate lines removed, by reason
    n_sentences INTEGER NOT NULL DEFAULT 0,
    n_events INTEGER NOT NULL DEFAULT 0,
    cluster_id VARCHAR,               -- near-duplicate cluster (doc_id of its first member)
    story_id VARCHAR,
    run_id VARCHAR
);

CREATE TABLE IF NOT EXISTS sentences (
    doc_id VARCHAR NOT NULL,
    sent_index INTEGER NOT NULL,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    text VARCHAR NOT NULL,
    dropped VARCHAR,                  -- why the coder skipped it
    PRIMARY KEY (doc_id, sent_index)
);

CREATE TABLE IF NOT EXISTS actor_mentions (
    doc_id VARCHAR NOT NULL,
    sent_index INTEGER NOT NULL,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    text VARCHAR NOT NULL,
    code VARCHAR,
    country VARCHAR,
    sector VARCHAR,
    name VARCHAR,
    reason VARCHAR,                   -- why code is NULL
    PRIMARY KEY (doc_id, start_char, end_char)
);

CREATE TABLE IF NOT EXISTS events (
    event_id VARCHAR PRIMARY KEY,
    doc_id VARCHAR NOT NULL,
    sent_index INTEGER NOT NULL,
    sentence VARCHAR NOT NULL,
    span_start INTEGER NOT NULL,
    span_end INTEGER NOT NULL,
    trigger VARCHAR,
    actor_text VARCHAR, actor_code VARCHAR, actor_country VARCHAR, actor_sector VARCHAR, actor_name VARCHAR,
    actor_start INTEGER, actor_end INTEGER,
    recipient_text VARCHAR, recipient_code VARCHAR, recipient_country VARCHAR, recipient_sector VARCHAR,
    recipient_name VARCHAR, recipient_start INTEGER, recipient_end INTEGER,
    type VARCHAR NOT NULL,
    mode VARCHAR,
    contexts VARCHAR[],
    cameo VARCHAR NOT NULL,
    goldstein DOUBLE NOT NULL,
    quad INTEGER NOT NULL,
    status VARCHAR NOT NULL,
    negated BOOLEAN NOT NULL,
    confidence DOUBLE NOT NULL,
    published DATE,
    date DATE,
    date_end DATE,
    date_source VARCHAR,
    granularity VARCHAR,
    date_reason VARCHAR,
    place_name VARCHAR, place_feature VARCHAR, place_country VARCHAR,
    place_lat DOUBLE, place_lon DOUBLE, place_geonameid BIGINT, place_source VARCHAR,
    place_reason VARCHAR,
    merged_id VARCHAR,                -- merged_events.merged_id; set by the finalize step
    story_id VARCHAR
);

CREATE TABLE IF NOT EXISTS merged_events (
    merged_id VARCHAR PRIMARY KEY,
    type VARCHAR NOT NULL,
    mode VARCHAR,
    cameo VARCHAR,
    goldstein DOUBLE,
    quad INTEGER,
    actor_code VARCHAR, actor_country VARCHAR, actor_name VARCHAR,
    recipient_code VARCHAR, recipient_country VARCHAR, recipient_name VARCHAR,
    status VARCHAR,
    negated BOOLEAN,
    confidence DOUBLE,
    date DATE,
    date_end DATE,
    date_source VARCHAR,
    granularity VARCHAR,
    place_name VARCHAR, place_country VARCHAR, place_lat DOUBLE, place_lon DOUBLE,
    n_mentions INTEGER NOT NULL,
    n_articles INTEGER NOT NULL,
    n_sources INTEGER NOT NULL,
    first_event_id VARCHAR NOT NULL,  -- a representative mention
    story_id VARCHAR
);

CREATE TABLE IF NOT EXISTS stories (
    story_id VARCHAR PRIMARY KEY,
    title VARCHAR,
    date_start DATE,
    date_end DATE,
    n_documents INTEGER NOT NULL,
    n_events INTEGER NOT NULL
);
"""

_INDEXES = """
CREATE INDEX IF NOT EXISTS events_doc ON events (doc_id);
CREATE INDEX IF NOT EXISTS events_merged ON events (merged_id);
CREATE INDEX IF NOT EXISTS merged_date ON merged_events (date);
"""

# Version 2: the finalize step's bookkeeping (pipeline/dedup and pipeline/aggregate).
#   dedup_docs       document sketched for near-duplicate search: its number of word shingles
#   dedup_bands      LSH band key of one passage of a document (many rows per document)
#   near_duplicates  verified near-duplicate pair: containment of the smaller in the larger,
#                    shared shingles; the audit trail of documents.cluster_id
#   story_keys       entity/title key of a document with its weight and the document's date
#                    (publication, else first event date), for story grouping
_V2 = """
CREATE TABLE IF NOT EXISTS dedup_docs (doc_id VARCHAR PRIMARY KEY, n_shingles INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS dedup_bands (key BIGINT NOT NULL, doc_id VARCHAR NOT NULL);
CREATE TABLE IF NOT EXISTS near_duplicates (
    doc_id VARCHAR NOT NULL,
    other_id VARCHAR NOT NULL,
    containment DOUBLE NOT NULL,
    shared INTEGER NOT NULL,
    PRIMARY KEY (doc_id, other_id)
);
CREATE TABLE IF NOT EXISTS story_keys (
    doc_id VARCHAR NOT NULL, key VARCHAR NOT NULL, weight DOUBLE NOT NULL, day DATE
);
"""

# Version 3 (issue 14): documents.kept, JSON {reason: lines}: lines that looked like chrome but were
# kept, because removing them would have cut the document below the floor (e.g. {"repeated": 4}).
_V3 = """
ALTER TABLE documents ADD COLUMN IF NOT EXISTS kept VARCHAR;
"""

# Version 4 (issue 11): events.actor_source and events.recipient_source, where each party was found:
# "sentence" (the parse of the event's sentence) or "context" (the party named last in the sentences
# before); recipient_source is NULL without a recipient; both are NULL for events stored before version 4.
_V4 = """
ALTER TABLE events ADD COLUMN IF NOT EXISTS actor_source VARCHAR;
ALTER TABLE events ADD COLUMN IF NOT EXISTS recipient_source VARCHAR;
"""

MIGRATIONS: tuple[str, ...] = (_V1 + _INDEXES, _V2, _V3, _V4)


def current_version(con: duckdb.DuckDBPyConnection) -> int:
    """The schema version of an open store (0 for a new file)."""
    exists = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_version'"
    ).fetchone()
    if not exists or not exists[0]:
        return 0
    row = con.execute("SELECT max(version) FROM schema_version").fetchone()
    return int(row[0]) if row and row[0] is not None else 0


def migrate(con: duckdb.DuckDBPyConnection) -> int:
    """Bring the store to SCHEMA_VERSION; return the version it had before."""
    before = current_version(con)
    for version in range(before + 1, len(MIGRATIONS) + 1):
        con.execute("BEGIN TRANSACTION")
        con.execute(MIGRATIONS[version - 1])
        con.execute("DELETE FROM schema_version")
        con.execute("INSERT INTO schema_version VALUES (?)", [version])
        con.execute("COMMIT")
    return before
