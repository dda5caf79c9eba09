"""Build a synthetic store with many events, for benchmarks and screenshots.

Everything is generated inside DuckDB with SQL over `range(n)` (no Python loops), from a
hash of the row number, so the same arguments give the same store. Each real-world event
has one to two mentions (one in five has a second, in another article); each document
holds four mentions, one per sentence, with the span of the trigger in the text.

Usage:
    python tools/make_synthetic_store.py /tmp/big.duckdb --events 1000000
    python tools/make_synthetic_store.py /tmp/small.duckdb --events 20000   # screenshots
"""

from __future__ import annotations

import argparse
import logging
import time
from pathlib import Path

from annales.store.store import Store

logger = logging.getLogger(__name__)

# Facts: ISO alpha-3, name, capital, capital latitude and longitude.
COUNTRIES = (
    ("USA", "United States", "Washington", 38.9, -77.04), ("RUS", "Russia", "Moscow", 55.75, 37.62),
    ("CHN", "China", "Beijing", 39.9, 116.4), ("UKR", "Ukraine", "Kyiv", 50.45, 30.52),
    ("DEU", "Germany", "Berlin", 52.52, 13.4), ("FRA", "France", "Paris", 48.86, 2.35),
    ("GBR", "United Kingdom", "London", 51.51, -0.13), ("IRN", "Iran", "Tehran", 35.69, 51.39),
    ("SYR", "Syria", "Damascus", 33.51, 36.29), ("TUR", "Turkey", "Ankara", 39.93, 32.86),
    ("ISR", "Israel", "Jerusalem", 31.77, 35.21), ("IND", "India", "New Delhi", 28.61, 77.21),
    ("PAK", "Pakistan", "Islamabad", 33.69, 73.05), ("JPN", "Japan", "Tokyo", 35.68, 139.69),
    ("PRK", "North Korea", "Pyongyang", 39.04, 125.76), ("KOR", "South Korea", "Seoul", 37.57, 126.98),
    ("BRA", "Brazil", "Brasilia", -15.79, -47.88), ("MEX", "Mexico", "Mexico City", 19.43, -99.13),
    ("EGY", "Egypt", "Cairo", 30.04, 31.24), ("NGA", "Nigeria", "Abuja", 9.08, 7.4),
    ("ZAF", "South Africa", "Pretoria", -25.75, 28.19), ("SAU", "Saudi Arabia", "Riyadh", 24.71, 46.68),
    ("AFG", "Afghanistan", "Kabul", 34.53, 69.17), ("IRQ", "Iraq", "Baghdad", 33.31, 44.36),
    ("VEN", "Venezuela", "Caracas", 10.48, -66.9), ("CAN", "Canada", "Ottawa", 45.42, -75.7),
    ("AUS", "Australia", "Canberra", -35.28, 149.13), ("POL", "Poland", "Warsaw", 52.23, 21.01),
    ("CHE", "Switzerland", "Geneva", 46.2, 6.15), ("ETH", "Ethiopia", "Addis Ababa", 9.03, 38.74),
)  # fmt: skip
# Facts: PLOVER type, a CAMEO code of it, its Goldstein score, quad class and a verb.
TYPES = (
    ("CONSULT", "040", 1.0, 1, "met"), ("AGREE", "057", 8.0, 1, "signed an agreement with"),
    ("SUPPORT", "051", 3.4, 1, "praised"), ("CONCEDE", "081", 5.0, 2, "eased restrictions on"),
    ("COOPERATE", "061", 6.4, 2, "cooperated with"), ("AID", "070", 7.0, 2, "sent aid to"),
    ("RETREAT", "087", 9.0, 2, "withdrew troops from"), ("REQUEST", "020", 3.0, 1, "asked"),
    ("ACCUSE", "112", -2.0, 3, "accused"), ("REJECT", "120", -4.0, 3, "rejected a proposal by"),
    ("THREATEN", "138", -7.0, 3, "threatened"), ("PROTEST", "141", -6.5, 4, "protested against"),
    ("SANCTION", "163", -8.0, 4, "imposed sanctions on"), ("MOBILIZE", "152", -7.2, 4, "mobilised forces against"),
    ("COERCE", "173", -5.0, 4, "arrested citizens of"), ("ASSAULT", "190", -10.0, 4, "attacked"),
)  # fmt: skip
SECTORS = ("GOV", "GOV", "GOV", "MIL", "OPP", "BUS")
SOURCES = ("Daily Planet", "Evening Post", "Global Wire", "Morning Herald", "Capital Times", "Harbor News")
MENTIONS_PER_DOC = 4
FIRST_DAY = "2013-01-01"
DAYS = 4 * 365


def _values(rows: tuple[tuple[object, ...], ...]) -> str:
    def lit(value: object) -> str:
        return "'" + value.replace("'", "''") + "'" if isinstance(value, str) else str(value)

    return ", ".join("(" + ", ".join(lit(v) for v in row) + ")" for row in rows)


def _sql(n_events: int) -> list[str]:
    extra = n_events // 5  # second mentions
    n_mentions = n_events + extra
    pick = "(hash(e, {salt}) % {n})::INTEGER"
    # Dyads follow a Zipf-like skew: a few countries take most events, like real news.
    skew = "least((hash(e, {salt}) % 1000 / 1000.0) ^ 2.2 * {n}, {n} - 1)::INTEGER"
    return [
        f"CREATE TEMP TABLE c AS SELECT * FROM (VALUES {_values(COUNTRIES)}) v(iso, name, capital, lat, lon)",
        "CREATE TEMP TABLE ci AS SELECT row_number() OVER () - 1 AS k, * FROM c",
        f"CREATE TEMP TABLE t AS SELECT * FROM (VALUES {_values(TYPES)}) v(type, cameo, goldstein, quad, verb)",
        "CREATE TEMP TABLE ti AS SELECT row_number() OVER () - 1 AS k, * FROM t",
        f"""CREATE TEMP TABLE ev AS
        SELECT e, {skew.format(salt=1, n=len(COUNTRIES))} AS a,
               ({skew.format(salt=1, n=len(COUNTRIES))} + 1 + {pick.format(salt=2, n=len(COUNTRIES) - 1)})
                   % {len(COUNTRIES)} AS b,
               {pick.format(salt=3, n=len(TYPES))} AS k_type,
               {pick.format(salt=4, n=len(SECTORS))} AS k_sector,
               DATE '{FIRST_DAY}' + {pick.format(salt=5, n=DAYS)} AS day,
               hash(e, 6) % 10 < 7 AS has_place, hash(e, 7) % 2 = 0 AS at_actor,
               hash(e, 8) % 20 = 0 AS negated, 0.5 + (hash(e, 9) % 50) / 100.0 AS confidence
        FROM range({n_events}) r(e)""",
        f"""CREATE TEMP TABLE m AS
        SELECT i, CASE WHEN i < {n_events} THEN i ELSE (i - {n_events}) * 5 END AS e,
               (CASE WHEN i < {n_events} THEN i ELSE {n_events} + (i - {n_events}) * 3 + 1 END) AS slot
        FROM range({n_mentions}) r(i)""",
        f"""CREATE TEMP TABLE men AS
        SELECT m.i, m.e, 'd' || (m.slot // {MENTIONS_PER_DOC}) AS doc_id,
               (m.slot % {MENTIONS_PER_DOC})::INTEGER AS sent_index,
               ca.name AS a_name, ca.iso AS a_iso, cb.name AS b_name, cb.iso AS b_iso, ti.*,
               ev.day, ev.negated, ev.confidence, ev.k_sector,
               CASE WHEN ev.has_place THEN (CASE WHEN ev.at_actor THEN ca ELSE cb END) END AS place,
               ca.name || ' ' || ti.verb || ' ' || cb.name ||
                   CASE WHEN ev.has_place THEN ' in ' || (CASE WHEN ev.at_actor THEN ca.capital ELSE cb.capital END)
                   ELSE '' END || '.' AS sentence
        FROM m JOIN ev USING (e) JOIN ci ca ON ca.k = ev.a JOIN ci cb ON cb.k = ev.b JOIN ti ON ti.k = ev.k_type""",
        """CREATE TEMP TABLE pos AS
        SELECT *, (sum(length(sentence) + 1) OVER (PARTITION BY doc_id ORDER BY sent_index)
                   - length(sentence) - 1)::INTEGER AS start_char
        FROM men""",
        """INSERT INTO sentences (doc_id, sent_index, start_char, end_char, text)
        SELECT doc_id, sent_index, start_char, start_char + length(sentence), sentence FROM pos""",
        f"""INSERT INTO documents (doc_id, uri, url, format, title, source, published, language, status, text,
                                   n_sentences, n_events, story_id)
        SELECT doc_id, 'synthetic://' || doc_id, 'https://news.example/' || doc_id, 'text',
               any_value(a_name || ' and ' || b_name ORDER BY sent_index),
               ({list(SOURCES)})[(1 + hash(doc_id) % {len(SOURCES)})::INTEGER], max(day) + 1, 'en', 'ok',
               string_agg(sentence, ' ' ORDER BY sent_index), count(*), count(*),
               's' || (hash(min(a_iso), min(b_iso), date_trunc('month', max(day))) % 5000)
        FROM pos GROUP BY doc_id""",
        f"""INSERT INTO events
        SELECT 'x' || i, doc_id, sent_index, sentence,
               start_char + length(a_name) + 1, start_char + length(a_name) + 1 + length(verb), verb,
               a_name, a_iso || '.' || ({list(SECTORS)})[1 + k_sector], a_iso, ({list(SECTORS)})[1 + k_sector], a_name,
               start_char, start_char + length(a_name),
               b_name, b_iso || '.GOV', b_iso, 'GOV', b_name, NULL, NULL,
               type, NULL, ['diplomatic'], cameo, goldstein, quad, 'occurred', negated, confidence,
               day + 1, day, day, 'text', 'day', NULL,
               place.capital, CASE WHEN place IS NULL THEN NULL ELSE 'city' END, place.iso, place.lat, place.lon,
               NULL, CASE WHEN place IS NULL THEN NULL ELSE 'text' END, NULL,
               'm' || e, NULL
        FROM pos""",
        """UPDATE events SET story_id = d.story_id FROM documents d WHERE d.doc_id = events.doc_id""",
        """INSERT INTO merged_events
        SELECT merged_id, any_value(type), NULL, any_value(cameo), any_value(goldstein), any_value(quad),
               any_value(actor_code), any_value(actor_country), any_value(actor_name),
               any_value(recipient_code), any_value(recipient_country), any_value(recipient_name),
               'occurred', bool_or(negated), max(confidence), min(date), max(date_end), 'text', 'day',
               any_value(place_name), any_value(place_country), any_value(place_lat), any_value(place_lon),
               count(*), count(DISTINCT doc_id), count(DISTINCT doc_id), min(event_id), any_value(story_id)
        FROM events GROUP BY merged_id""",
        """INSERT INTO stories
        SELECT story_id, any_value(title), min(published), max(published), count(*), sum(n_events)
        FROM documents GROUP BY story_id""",
    ]


def build(path: Path, *, n_events: int) -> None:
    """Create (or replace) a store at `path` with `n_events` synthetic real-world events."""
    if path.exists():
        path.unlink()
    with Store(path) as store:
        for sql in _sql(n_events):
            started = time.perf_counter()
            store.con.execute(sql)
            logger.info("%.1f s  %s", time.perf_counter() - started, " ".join(sql.split())[:70])
        store.con.execute("CHECKPOINT")
        logger.info("events %d, merged %d, documents %d", store.count("events"), store.count("merged_events"),
                    store.count("documents"))  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("path", type=Path)
    parser.add_argument("--events", type=int, default=1_000_000, help="real-world events (mentions: 1.2x)")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    build(args.path, n_events=args.events)


if __name__ == "__main__":
    main()
