"""The parts of tools/build_actor_table.py that merge our facts into the table (issue 12)."""

from __future__ import annotations

import datetime as dt
import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

from annales.pipeline.actors.model import ActorEntry, Role
from annales.pipeline.actors.roles import read_role_file

REPO = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="module")
def build() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_actor_table", REPO / "tools" / "build_actor_table.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _person(name: str, *roles: Role, aliases: tuple[str, ...] = ()) -> ActorEntry:
    return ActorEntry(name, "person", roles, (name.lower(), *aliases))


def test_build_roles_replace_stale_phoenix_roles(build: ModuleType) -> None:
    # Archigos leaves a leader in office (open end); the facts say when they left
    stale = _person(
        "Jane Roe", Role("GON.ELI", dt.date(1990, 1, 1), dt.date(1999, 12, 31)), Role("GON.GOV", dt.date(2010, 1, 1))
    )
    fact = _person("Jane Roe", Role("GON.GOV", dt.date(2010, 1, 1), dt.date(2018, 5, 1)), aliases=("roe",))
    entries = [stale]
    assert build.merge_roles(entries, [fact], set()) == (1, 0)
    [merged] = entries
    assert merged.roles == (Role("GON.ELI", dt.date(1990, 1, 1), dt.date(1999, 12, 31)), fact.roles[0])
    assert merged.aliases == ("jane roe", "roe")


def test_build_roles_keep_our_extension_roles(build: ModuleType) -> None:
    # a hand-made role (deputy head of a security council after being prime minister) stays
    ours = _person("Jane Roe", Role("GON.GOV", dt.date(2005, 1, 1)))
    fact = _person("Jane Roe", Role("GON.GOV", dt.date(2012, 1, 1), dt.date(2020, 1, 16)))
    entries = [ours]
    build.merge_roles(entries, [fact], {0})
    assert entries[0].code_at(dt.date(2024, 1, 1)) == ("GON.GOV", None)


def test_build_roles_never_match_by_surname_or_other_country(build: ModuleType) -> None:
    nawaz = _person("Nawaz Sharif", Role("PAK.GOV", dt.date(2013, 6, 5), dt.date(2017, 7, 28)), aliases=("sharif",))
    namesake = _person("Jane Roe", Role("MOR.GOV", dt.date(2001, 1, 1)))
    shehbaz = _person("Shehbaz Sharif", Role("PAK.GOV", dt.date(2022, 4, 11)), aliases=("sharif",))
    roe = _person("Jane Roe", Role("GON.GOV", dt.date(2020, 1, 1)))
    entries = [nawaz, namesake]
    assert build.merge_roles(entries, [shehbaz, roe], set()) == (0, 2)
    assert [entry.name for entry in entries] == ["Nawaz Sharif", "Jane Roe", "Shehbaz Sharif", "Jane Roe"]


def test_build_drops_roles_placed_nowhere(build: ModuleType) -> None:
    # Phoenix "IMGMUSISI" (a Muslim militant group, no country) converts to a bare "INS"
    entries = [_person("Abu Bakr al-Baghdadi", Role("INS", dt.date(1999, 1, 1)), Role("SYR.INS"))]
    assert build.drop_unplaced_roles(entries) == 1
    assert entries[0].code_at(dt.date(2014, 1, 1)) == ("SYR.INS", None)


def test_build_reports_risky_extension_aliases(build: ModuleType) -> None:
    ext = [_person("Naim Qassem", Role("LBN.INS"), aliases=("qassem",)), _person("Hassan Nasrallah", Role("LBN.INS"))]
    assert build.risky_extension_aliases(ext, {"police"}, {"qassem"}) == ["Naim Qassem: 'qassem'"]


def test_build_import_facts_adds_a_header_and_reports(build: ModuleType, tmp_path: Path) -> None:
    source, roles = tmp_path / "facts", tmp_path / "roles"
    source.mkdir()
    roles.mkdir()
    rows = "country\trole\tname\tstart\tend\taliases\n"
    rows += "KEN\tHOS\tWilliam Ruto\t2022-09-13\t\tRuto\nKEN\tHOS\tX Y\t2023-01-01\t\t\n"
    (source / "africa.tsv").write_text(rows, encoding="utf-8")
    (source / "africa.notes.txt").write_text("KEN: fine.\n", encoding="utf-8")
    problems = build.import_facts(source, roles)
    assert sorted(problem.kind for problem in problems) == ["no_head", "no_sources", "overlap"]
    copied = read_role_file(roles / "africa.tsv")
    assert "fact writers' own knowledge" in copied.sources
    assert [fact.name for fact in copied.facts] == ["William Ruto", "X Y"]  # rows unchanged
    assert (roles / "africa.notes.txt").read_text(encoding="utf-8") == "KEN: fine.\n"


def test_build_exclusions_leave_out_listed_rows(build: ModuleType, tmp_path: Path) -> None:
    lines = ["# annales roles v1", "# sources: test", "country\trole\tname\tstart\tend\taliases"]
    lines += ["YEM\tHOS\tMahdi al-Mashat\t2018-04-25\t\t", "YEM\tHOS\tRashad al-Alimi\t2022-04-07\t\t"]
    (tmp_path / "asia.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    exclusions = tmp_path / "exclusions.tsv"
    exclusions.write_text("# test\ncountry\tname\treason\nYEM\tMahdi Al-Mashat\tHouthi authorities are YEM.REB\n")
    kept = build.exclude_facts(list(read_role_file(tmp_path / "asia.tsv").facts), exclusions)
    assert [fact.name for fact in kept] == ["Rashad al-Alimi"]


@pytest.mark.parametrize(("name", "code"), [("Mahdi al-Mashat", "YEM.REB"), ("Ahmed al-Rahawi", "YEM.REB")])
def test_build_houthi_authorities_are_rebels_in_the_bundled_table(name: str, code: str) -> None:
    from annales.pipeline.actors import ActorTable
    from annales.pipeline.actors.model import name_tokens

    entry = ActorTable.default().lookup(name_tokens(name), dt.date(2025, 1, 1))
    assert entry is not None and entry.code_at(dt.date(2025, 1, 1)) == (code, None)


def test_build_roles_close_a_stale_open_role_of_another_code(build: ModuleType) -> None:
    # Phoenix: a legislator since 2013 (open); the facts: prime minister 2018-2022
    stale = _person("Jane Roe", Role("GON.LEG", dt.date(2013, 5, 11)), Role("GON.ELI"))
    fact = _person("Jane Roe", Role("GON.GOV", dt.date(2018, 8, 18), dt.date(2022, 4, 10)))
    entries = [stale]
    build.merge_roles(entries, [fact], set())
    [merged] = entries
    assert Role("GON.LEG", dt.date(2013, 5, 11), dt.date(2018, 8, 17)) in merged.roles
    assert merged.code_at(dt.date(2023, 5, 9)) == ("GON.ELI", None)


def test_build_demonyms_join_the_country_as_it_is_now(build: ModuleType, tmp_path: Path) -> None:
    table = tmp_path / "demonyms.tsv"
    table.write_text("# test\ncode\tdemonyms\nGON\tGondorian|Gondorians\nMOR\tMordorian|Orcish\n", encoding="utf-8")
    demonyms = build.read_demonyms(table)
    assert demonyms["GON"] == ("gondorian", "gondorians")
    gondor = ActorEntry("Gondor", "country", (Role("ARN.GON", None, dt.date(1999, 1, 1)), Role("GON")), ("gondor",))
    mordor = ActorEntry("Mordor", "country", (Role("MOR"),), ("mordor",))
    orcs = ActorEntry("Orc Band", "group", (Role("MOR.REB"),), ("orcish",))
    entries = [gondor, mordor, orcs]
    assert build.add_demonyms(entries, demonyms) == 3
    assert entries[0].aliases == ("gondor", "gondorian", "gondorians")
    assert entries[1].aliases == ("mordor", "mordorian")  # "orcish" stays the group's


def test_build_a_malformed_demonym_row_names_its_line(build: ModuleType, tmp_path: Path) -> None:
    table = tmp_path / "demonyms.tsv"
    table.write_text("code\tdemonyms\nGON\tGondorian\nGondorian|Gondorians\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"demonyms.tsv:3: expected"):
        build.read_demonyms(table)


def test_build_every_demonym_names_its_country_in_the_bundled_table() -> None:
    from annales.pipeline.actors import ActorTable
    from annales.pipeline.actors.model import name_tokens

    table, today = ActorTable.default(), dt.date(2025, 1, 1)
    lines = (REPO / "src" / "annales" / "data" / "actors" / "demonyms.v1.tsv").read_text(encoding="utf-8").splitlines()
    rows = [line.split("\t") for line in lines if line.strip() and not line.startswith(("#", "code\t"))]
    assert len(rows) > 150
    wrong = []
    for code, names in rows:
        for name in names.split("|"):
            entry = table.lookup(name_tokens(name), today)
            found = entry.code_at(today)[0] if entry is not None else None
            if found is None or found.split(".")[0] != code:
                wrong.append((name, code, found))
    assert not wrong  # "Swedish police" was once resolved as the article's main country's police
