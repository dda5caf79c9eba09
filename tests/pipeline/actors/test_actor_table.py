"""The bundled table, user-only tables and layering."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from annales.pipeline.actors import ActorResolver, ActorTable, load_dictionary
from annales.pipeline.actors.table import ACTORS_FILE, DATA_DIR
from annales.records import Sentence

USER_TSV = """# annales actors v1
kind\tname\troles\taliases
person\tJohn Kerry\tUSA.ELI\tKerry
person\tJane Roe\tGBR.GOV@2020-01-01/\tRoe
"""
SentenceFactory = Callable[..., Sentence]


def test_actor_table_default_has_every_kind(default_table: ActorTable) -> None:
    counts = default_table.counts()
    assert counts["person"] > 10_000 and counts["country"] > 150 and counts["org"] > 1_000
    assert counts["group"] > 100 and counts["capital"] > 150 and counts["agents"] > 1_000


def test_actor_table_default_is_cached_and_read_only(default_table: ActorTable) -> None:
    assert ActorTable.default() is default_table
    assert {default_table: 1}[default_table] == 1  # usable as a cache key
    with pytest.raises(TypeError):
        default_table.names[("x",)] = 0  # type: ignore[index]


@pytest.mark.parametrize(
    ("name", "day", "code"),
    [
        ("Sergei Lavrov", dt.date(2016, 1, 1), "RUS.GOV"),
        ("Donald Trump", dt.date(2018, 1, 1), "USA.GOV"),
        ("Donald Trump", dt.date(2023, 1, 1), None),
        ("Antony Blinken", dt.date(2022, 1, 1), "USA.GOV"),
        ("Keir Starmer", dt.date(2025, 1, 1), "GBR.GOV"),
        ("Friedrich Merz", dt.date(2026, 1, 1), "DEU.GOV"),
        ("Pete Hegseth", dt.date(2026, 1, 1), "USA.GOV"),
    ],
)
def test_actor_table_default_extends_past_2015(
    default_table: ActorTable, name: str, day: dt.date, code: str | None
) -> None:
    entry = default_table.lookup(tuple(name.lower().split()))
    assert entry is not None
    assert entry.code_at(day)[0] == code


def test_actor_table_with_user_overrides_alias_by_alias(default_table: ActorTable, tmp_path: Path) -> None:
    path = tmp_path / "user.tsv"
    path.write_text(USER_TSV, encoding="utf-8")
    layered = default_table.with_user(load_dictionary(path))
    kerry = layered.lookup(("kerry",))
    assert kerry is not None and kerry.code_at(dt.date(2014, 1, 1)) == ("USA.ELI", None)
    assert layered.lookup(("roe",)) is not None
    assert layered.lookup(("sergei", "lavrov")) == default_table.lookup(("sergei", "lavrov"))
    default_kerry = default_table.lookup(("kerry",))
    assert default_kerry is not None and default_kerry.code_at(dt.date(2014, 1, 1)) == ("USA.GOV", None)
    assert layered.sources[-1] == str(path)


def test_actor_table_from_dictionaries_holds_only_user_entries(
    make_sentence: SentenceFactory, shared_dir: Path
) -> None:
    cameo = shared_dir / "data" / "cameo"
    table = ActorTable.from_dictionaries([cameo / "PETR.Validate.actors.txt", cameo / "PETR.Validate.agents.txt"])
    assert table.lookup(("gondor",)) is not None
    assert table.lookup(("sergei", "lavrov")) is None
    sent = make_sentence(["Gondor", "'s", "foreign", "minister", "met", "Arnor", "."])
    [actors] = ActorResolver(table).resolve_article([sent])
    assert [(a.text, a.code) for a in actors] == [("Gondor's foreign minister", "GON.GOV"), ("Arnor", "ARN")]


def test_actor_table_bundled_file_is_versioned() -> None:
    assert ACTORS_FILE.endswith(".v1.tsv")
    assert (DATA_DIR / ACTORS_FILE).read_text(encoding="utf-8").startswith("# annales actors v1")


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


@pytest.mark.parametrize("day", [dt.date(2016, 6, 1), dt.date(2020, 6, 1), dt.date(2026, 1, 1)])
def test_actor_table_extension_covers_g20_governments(day: dt.date) -> None:
    from annales.pipeline.actors.dictionary import read_actor_tsv

    lines = (DATA_DIR / "extensions.v1.tsv").read_text(encoding="utf-8").splitlines()
    governing = {entry.code_at(day)[0] for entry in read_actor_tsv(lines) if entry.kind == "person"}
    missing = [country for country in G20 if f"{country}.GOV" not in governing]
    assert not missing


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Gazprom", "RUS.BUS"),
        ("Huawei", "CHN.BUS"),
        ("SoftBank Group Co", "JPN.BUS"),
        ("Air France KLM", "FRA.BUS"),
        ("Lufthansa", "DEU.BUS"),
        ("CoreCivic", "USA.BUS"),
        ("Saudi Aramco", "SAU.BUS"),
    ],
)
def test_actor_table_knows_the_companies_political_news_names(default_table: ActorTable, name: str, code: str) -> None:
    entry = default_table.lookup(tuple(name.lower().split()))
    assert entry is not None, name
    assert entry.code_at(dt.date(2019, 11, 18))[0] == code


def test_actor_table_company_names_are_never_plain_words() -> None:
    """A company alias that is an English word ("reliance", "meta", "intel") would turn prose into parties."""
    from annales.pipeline.actors.dictionary import read_actor_tsv

    lines = (DATA_DIR / "companies.v1.tsv").read_text(encoding="utf-8").splitlines()
    plain = {"reliance", "meta", "intel", "total", "shell", "apple", "amazon", "vale", "twitter", "facebook"}
    names = {alias.lower() for entry in read_actor_tsv(lines) for alias in (entry.name, *entry.aliases)}
    assert not names & plain
