"""The role facts format (roles/*.tsv): reading, checking, and turning rows into people (issue 12)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from annales.pipeline.actors.countries import IGO_CODES, UN_MEMBERS, UN_REGIONS
from annales.pipeline.actors.roles import (
    FATAL_PROBLEMS,
    OVERLAP_DAYS,
    check_role_facts,
    parse_role_lines,
    read_role_file,
    role_entries,
)
from annales.pipeline.actors.table import DATA_DIR

HEADER = [
    "# annales roles v1 -- Gondor test",
    "# sources: the Red Book of Westmarch",
    "country\trole\tname\tstart\tend\taliases",
]
G20 = [
    "ARG",
    "AUS",
    "BRA",
    "CAN",
    "CHN",
    "DEU",
    "FRA",
    "GBR",
    "IDN",
    "IND",
    "ITA",
    "JPN",
    "KOR",
    "MEX",
    "RUS",
    "SAU",
    "TUR",
    "USA",
    "ZAF",
]


def _file(*rows: str, header: list[str] | None = None) -> list[str]:
    return [*(HEADER if header is None else header), *rows]


def _kinds(*rows: str) -> list[str]:
    """Problem kinds of a file of these rows (years without a head aside: see their own test)."""
    problems = check_role_facts([parse_role_lines(_file(*rows), source="t.tsv")])
    return [problem.kind for problem in problems if problem.kind != "no_head"]


def test_roles_parse_reads_rows_and_sources() -> None:
    parsed = parse_role_lines(
        _file("GBR\tHOG\tKeir Starmer\t2024-07-05\t\tStarmer|Prime Minister Starmer"), source="t.tsv"
    )
    assert parsed.sources == "sources: the Red Book of Westmarch"
    [fact] = parsed.facts
    assert (fact.country, fact.role, fact.name, fact.start, fact.end) == (
        "GBR",
        "HOG",
        "Keir Starmer",
        dt.date(2024, 7, 5),
        None,
    )
    assert fact.aliases == ("Starmer", "Prime Minister Starmer")
    assert fact.code == "GBR.GOV"
    assert not parsed.problems


@pytest.mark.parametrize(
    ("row", "kind"),
    [
        ("GBR\tHOG\tNo Dates", "bad_row"),
        ("GBR\tHOG\tJane Roe\t2024-13-01\t", "bad_date"),
        ("GBR\tHOG\tJane Roe\t2024-05-01\t2023-01-01\t", "end_before_start"),
        ("XYZ\tHOG\tJane Roe\t2024-05-01\t\t", "unknown_country"),
        ("GBR\tPM\tJane Roe\t2024-05-01\t\t", "unknown_role"),
        ("GBR\tFM\tJane Roe\t2027-05-01\t\t", "after_last_day"),
    ],
)
def test_roles_check_reports_bad_rows(row: str, kind: str) -> None:
    assert _kinds(row) == [kind]


@pytest.mark.parametrize("kind", sorted(FATAL_PROBLEMS))
def test_roles_fatal_rows_are_left_out(kind: str) -> None:
    rows = {
        "bad_row": "GBR\tHOG\tNo Dates",
        "bad_date": "GBR\tHOG\tJane Roe\tsoon\t",
        "end_before_start": "GBR\tHOG\tJane Roe\t2024-05-01\t2023-01-01\t",
        "unknown_country": "XYZ\tHOG\tJane Roe\t2024-05-01\t\t",
        "unknown_role": "GBR\tPM\tJane Roe\t2024-05-01\t\t",
    }
    assert parse_role_lines(_file(rows[kind]), source="t.tsv").facts == ()


def test_roles_check_wants_sources_and_columns() -> None:
    lines = ["# annales roles v1", "country\trole\tname\tbegin\tend\taliases", "GBR\tHOG\tJane Roe\t2024-05-01\t\t"]
    problems = parse_role_lines(lines, source="t.tsv").problems
    assert sorted(problem.kind for problem in problems) == ["bad_header", "no_sources"]


def test_roles_check_overlap_beyond_a_few_days() -> None:
    handover = ["GBR\tHOG\tJane Roe\t2020-01-01\t2024-07-05\t", "GBR\tHOG\tJohn Doe\t2024-07-01\t\t"]
    assert _kinds(*handover) == []  # 5 days: sources date handovers differently
    overlap = ["GBR\tHOG\tJane Roe\t2020-01-01\t2024-07-05\t", "GBR\tHOG\tJohn Doe\t2024-06-01\t\t"]
    assert _kinds(*overlap) == ["overlap"]
    assert OVERLAP_DAYS < 35


def test_roles_check_open_ended_holder_overlaps_successor() -> None:
    rows = [
        "FRA\tHOS\tMax Muster\t2010-01-01\t\t",
        "FRA\tFM\tJane Roe\t2020-01-01\t\t",
        "FRA\tFM\tJohn Doe\t2022-01-01\t\t",
    ]
    assert _kinds(*rows) == ["overlap"]


def test_roles_check_other_offices_do_not_overlap() -> None:
    rows = [
        "FRA\tHOS\tJane Roe\t2020-01-01\t\t",
        "FRA\tHOG\tJohn Doe\t2020-01-01\t\t",
        "DEU\tHOS\tMax Muster\t2020-01-01\t\t",
    ]
    assert _kinds(*rows) == []


def test_roles_check_duplicate_row() -> None:
    assert _kinds("FRA\tFM\tJane Roe\t2020-01-01\t2021-01-01\t", "FRA\tFM\tJane Roe\t2020-06-01\t2021-01-01\t") == [
        "duplicate"
    ]


def test_roles_check_risky_one_word_aliases() -> None:
    lines = _file(
        "GBR\tHOG\tTheresa May\t2016-07-13\t2019-07-24\tMay|Prime Minister May", "TCD\tFM\tJo Chad\t2020-01-01\t\tChad"
    )
    problems = check_role_facts([parse_role_lines(lines, source="t.tsv")], reserved={"chad"})
    assert [(p.kind, p.lineno) for p in problems if p.kind != "no_head"] == [("risky_alias", 4), ("risky_alias", 5)]


def test_roles_entries_join_rows_of_one_person() -> None:
    parsed = parse_role_lines(
        _file(
            "RUS\tHOS\tDmitry Medvedev\t2008-05-07\t2012-05-07\t",
            "RUS\tHOG\tDmitry Medvedev\t2012-05-08\t2020-01-16\tMedvedev|Dmitri Medvedev",
            "GBR\tHOG\tTheresa May\t2016-07-13\t2019-07-24\tMay|Prime Minister May",
        ),
        source="t.tsv",
    )
    medvedev, may = role_entries(parsed.facts)
    assert medvedev.kind == "person"
    assert [(r.code, r.start, r.end) for r in medvedev.roles] == [
        ("RUS.GOV", dt.date(2008, 5, 7), dt.date(2012, 5, 7)),
        ("RUS.GOV", dt.date(2012, 5, 8), dt.date(2020, 1, 16)),
    ]
    assert medvedev.aliases == ("dmitry medvedev", "medvedev", "dmitri medvedev")
    assert medvedev.code_at(dt.date(2015, 1, 1)) == ("RUS.GOV", None)
    assert "may" not in may.aliases  # a month is never an alias
    assert "prime minister may" in may.aliases


def test_roles_bundled_files_read_cleanly() -> None:
    files = [read_role_file(path) for path in sorted((DATA_DIR / "roles").glob("*.tsv"))]
    assert files, "no role files under src/annales/data/actors/roles"
    fatal = [str(p) for p in check_role_facts(files) if p.kind in FATAL_PROBLEMS or p.kind == "no_sources"]
    assert not fatal
    assert all(file.sources for file in files)


@pytest.mark.parametrize("day", [dt.date(2015, 6, 1), dt.date(2019, 1, 1), dt.date(2022, 6, 1), dt.date(2025, 9, 1)])
def test_roles_bundled_un_members_have_a_head_every_year(day: dt.date) -> None:
    facts = [f for path in sorted((DATA_DIR / "roles").glob("*.tsv")) for f in read_role_file(path).facts]
    headless = sorted(
        c
        for c in UN_MEMBERS
        if not any(f.country == c and f.role in ("HOS", "HOG") and f.start <= day <= f.last for f in facts)
    )
    # San Marino's two Captains Regent change every six months and are not listed (the checker reports it)
    assert headless == ["SMR"]
    without_fm = [
        c for c in G20 if not any(f.country == c and f.role == "FM" and f.start <= day <= f.last for f in facts)
    ]
    assert not without_fm


def test_countries_are_the_193_un_members() -> None:
    assert len(UN_MEMBERS) == 193
    assert sum(len(region) for region in UN_REGIONS.values()) == 193
    assert {"PSE", "VAT"}.isdisjoint(UN_MEMBERS)
    assert "IAEA" in IGO_CODES and "UNO" in IGO_CODES


def test_roles_read_role_file_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "europe.tsv"
    path.write_text("\n".join(_file("FRA\tHOS\tJane Roe\t2020-01-01\tbad\t")) + "\n", encoding="utf-8")
    [problem] = read_role_file(path).problems
    assert str(problem).startswith("europe.tsv:4: bad_date")


def test_roles_check_reports_years_without_a_head() -> None:
    rows = [
        "FRA\tHOS\tJane Roe\t2014-01-01\t2019-06-30\t",
        "FRA\tHOS\tJohn Doe\t2020-06-01\t\t",
        "FRA\tFM\tMax Muster\t2014-01-01\t\t",
    ]
    problems = check_role_facts([parse_role_lines(_file(*rows), source="t.tsv")])
    assert [(p.kind, p.message) for p in problems] == [
        ("no_head", "FRA has no head of state or government on 1 January of 2020")
    ]


def test_roles_check_reports_first_name_aliases_and_keeps_them() -> None:
    lines = _file("MYS\tHOG\tNajib Razak\t2009-04-03\t2018-05-10\tNajib|Razak")
    parsed = parse_role_lines(lines, source="t.tsv")
    problems = check_role_facts([parsed], first_names={"najib"})
    assert [p.kind for p in problems if p.kind != "no_head"] == ["first_name_alias"]
    [entry] = role_entries(parsed.facts)
    assert "najib" in entry.aliases
