"""Actors of today's news on the bundled table (issue 12): dated transitions, each kind, user overrides."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from annales.pipeline.actors import ActorResolver, ActorTable, ResolveOptions, load_dictionary
from annales.pipeline.actors.dictionary import read_actor_tsv
from annales.pipeline.actors.model import ActorDictionary, name_tokens
from annales.records import Actor, Sentence

SentenceFactory = Callable[..., Sentence]
D = dt.date.fromisoformat


def _resolve(table: ActorTable, sentences: list[Sentence], day: dt.date, **kwargs: object) -> list[Actor]:
    per_sentence = ActorResolver(table, **kwargs).resolve_article(sentences, as_of=day)  # type: ignore[arg-type]
    return [actor for actors in per_sentence for actor in actors]


def _words(text: str) -> list[str]:
    """Tokens as spaCy splits them: "al-Assad" is three, "People's" two."""
    return re.findall(r"'s\b|\w+(?:'(?!s\b)\w+)?|[^\w\s]", text)


def _code(table: ActorTable, make_sentence: SentenceFactory, text: str, day: dt.date) -> str | None:
    [actor, *_] = _resolve(table, [make_sentence([*_words(text), "said", "."])], day)
    return actor.code


@pytest.mark.parametrize(
    ("name", "day", "code"),
    [
        ("Rishi Sunak", "2023-06-20", "GBR.GOV"),  # a leader before and after a change of government
        ("Rishi Sunak", "2025-02-10", "GBR.ELI"),
        ("Keir Starmer", "2023-06-20", "GBR.OPP"),
        ("Keir Starmer", "2025-02-10", "GBR.GOV"),
        ("Hakan Fidan", "2022-06-01", "TUR.SPY"),  # one person, two offices
        ("Hakan Fidan", "2023-06-05", "TUR.GOV"),
        ("Mark Rutte", "2023-06-30", "NLD.GOV"),  # from a government to an organisation
        ("Mark Rutte", "2025-06-24", "NATO"),
        ("Kaja Kallas", "2023-06-30", "EST.GOV"),
        ("Kaja Kallas", "2025-01-30", "EU"),
        ("Bashar al-Assad", "2024-12-08", "SYR.GOV"),  # Assad's roles end when HTS takes over
        ("Bashar al-Assad", "2024-12-09", "SYR.ELI"),
        ("Ahmed al-Sharaa", "2024-12-07", "SYR.INS"),
        ("Ahmed al-Sharaa", "2024-12-08", "SYR.GOV"),
        ("Min Aung Hlaing", "2021-01-31", "MMR.MIL"),  # coup leaders become heads of state
        ("Min Aung Hlaing", "2021-02-01", "MMR.GOV"),
        ("Assimi Goita", "2020-08-17", "MLI.MIL"),
        ("Assimi Goita", "2021-06-07", "MLI.GOV"),
        ("Ibrahim Traore", "2022-09-29", "BFA.MIL"),
        ("Ibrahim Traore", "2022-10-02", "BFA.GOV"),
        ("Mamady Doumbouya", "2021-09-04", "GIN.MIL"),
        ("Mamady Doumbouya", "2021-09-06", "GIN.GOV"),
        ("Mohamed Bazoum", "2023-07-26", "NER.GOV"),
        ("Mohamed Bazoum", "2023-07-27", "NER.ELI"),
        ("Abdourahamane Tchiani", "2023-07-25", "NER.MIL"),
        ("Abdourahamane Tchiani", "2023-07-26", "NER.GOV"),
        ("Brice Oligui Nguema", "2023-08-29", "GAB.MIL"),
        ("Brice Oligui Nguema", "2023-08-30", "GAB.GOV"),
        ("Mohamed Hamdan Dagalo", "2022-02-25", "SDN.GOV"),
        ("Mohamed Hamdan Dagalo", "2023-04-15", "SDN.REB"),
    ],
)
def test_actors_today_leader_before_and_after_a_change(
    default_table: ActorTable, make_sentence: SentenceFactory, name: str, day: str, code: str
) -> None:
    assert _code(default_table, make_sentence, name, D(day)) == code


@pytest.mark.parametrize(
    ("name", "day", "code"),
    [
        ("Taliban", "2021-08-14", "AFG.INS"),  # a group before and after it became the government
        ("Taliban", "2021-08-15", "AFG.GOV"),
        ("Hayat Tahrir al-Sham", "2024-12-07", "SYR.INS"),
        ("Hayat Tahrir al-Sham", "2024-12-08", "SYR.GOV"),
        ("Rapid Support Forces", "2023-04-14", "SDN.MIL"),
        ("Rapid Support Forces", "2023-04-15", "SDN.REB"),
        ("State Administration Council", "2022-01-01", "MMR.MIL"),
    ],
)
def test_actors_today_group_before_and_after_it_governs(
    default_table: ActorTable, make_sentence: SentenceFactory, name: str, day: str, code: str
) -> None:
    assert _code(default_table, make_sentence, name, D(day)) == code


@pytest.mark.parametrize(
    ("words", "day", "code"),
    [
        (["Taliban", "fighters"], "2020-06-01", "AFG.INS"),
        (["Taliban", "fighters"], "2023-06-01", "AFG.MIL"),  # a governing group's fighters are its army
        (["Taliban", "officials"], "2023-06-01", "AFG.GOV"),
        (["HTS", "fighters"], "2025-03-01", "SYR.MIL"),
        (["Hamas", "fighters"], "2023-10-07", "PSE.INS"),
    ],
)
def test_actors_today_members_of_a_governing_group(
    default_table: ActorTable, make_sentence: SentenceFactory, words: list[str], day: str, code: str
) -> None:
    assert _code(default_table, make_sentence, " ".join(words), D(day)) == code


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("United Nations", "UNO"),
        ("Security Council", "UNO"),
        ("General Assembly", "UNO"),
        ("International Court of Justice", "UNO.JUD"),
        ("UNHCR", "UNO.REF"),
        ("World Health Organization", "UNO.HLH"),
        ("World Food Programme", "UNO"),
        ("UNICEF", "UNO"),
        ("NATO", "NATO"),
        ("European Commission", "EU"),
        ("European Parliament", "EU.LEG"),
        ("OSCE", "OSCE"),
        ("Council of Europe", "COE"),
        ("African Union", "AU"),
        ("ECOWAS", "ECOWAS"),
        ("SADC", "SADC"),
        ("IGAD", "IGAD"),
        ("East African Community", "EAC"),
        ("ASEAN", "ASEAN"),
        ("Shanghai Cooperation Organisation", "SCO"),
        ("BRICS", "BRICS"),
        ("Gulf Cooperation Council", "GCC"),
        ("Arab League", "ARL"),
        ("Organisation of Islamic Cooperation", "OIC"),
        ("Organization of American States", "OAS"),
        ("OPEC", "OPEC"),
        ("International Criminal Court", "ICC"),
        ("IMF", "IMF"),
        ("World Bank", "WBK"),
        ("WTO", "WTO"),
        ("OPCW", "OPCW"),
        ("IAEA", "IAEA"),  # its own code, no longer the UN's (issue 12)
        ("Interpol", "INTERPOL"),
        ("G7", "G7"),
        ("G20", "G20"),
        ("CIS", "CIS"),
        ("CSTO", "CSTO"),
        ("OECD", "OECD"),
    ],
)
def test_actors_today_international_bodies(
    default_table: ActorTable, make_sentence: SentenceFactory, name: str, code: str
) -> None:
    [actor, *_] = _resolve(default_table, [make_sentence([*_words(name), "said", "."])], D("2024-01-01"))
    assert (actor.code, actor.country) == (code, code.split(".")[0])
    assert actor.sector == (code.split(".")[1] if "." in code else "IGO")


@pytest.mark.parametrize("name", ["Amnesty International", "Human Rights Watch", "Doctors Without Borders", "ICRC"])
def test_actors_today_international_ngos(default_table: ActorTable, make_sentence: SentenceFactory, name: str) -> None:
    [actor, *_] = _resolve(default_table, [make_sentence([*_words(name), "said", "."])], D("2024-01-01"))
    assert (actor.code, actor.sector) == ("NGO", "NGO")


@pytest.mark.parametrize(
    ("name", "day", "code"),
    [
        ("Antonio Guterres", "2020-01-01", "UNO"),
        ("Rafael Grossi", "2023-11-15", "IAEA"),
        ("Tedros Adhanom Ghebreyesus", "2021-05-04", "UNO.HLH"),
        ("Kristalina Georgieva", "2018-01-01", "WBK"),
        ("Kristalina Georgieva", "2022-03-14", "IMF"),
        ("Karim Khan", "2024-05-20", "ICC"),
        ("Ajay Banga", "2024-02-15", "WBK"),
        ("Ngozi Okonjo-Iweala", "2021-03-01", "WTO"),
        ("Moussa Faki Mahamat", "2024-02-17", "AU"),
        ("Roberta Metsola", "2024-04-10", "EU.LEG"),
        ("Ahmed Aboul Gheit", "2023-05-07", "ARL"),
    ],
)
def test_actors_today_heads_of_international_bodies(
    default_table: ActorTable, make_sentence: SentenceFactory, name: str, day: str, code: str
) -> None:
    assert _code(default_table, make_sentence, name, D(day)) == code


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Houthis", "YEM.REB"),
        ("Ansar Allah", "YEM.REB"),
        ("Hamas", "PSE.INS"),
        ("Palestinian Islamic Jihad", "PSE.INS"),
        ("Islamic Jihad", "PSE.INS"),
        ("Hezbollah", "LBN.INS"),
        ("Kataib Hezbollah", "IRQ.INS"),
        ("Syrian Democratic Forces", "SYR.REB"),
        ("YPG", "SYR.REB"),
        ("PKK", "TUR.INS"),
        ("Wagner", "RUS.MIL"),
        ("Africa Corps", "RUS.MIL"),
        ("M23", "COD.REB"),
        ("Allied Democratic Forces", "COD.INS"),
        ("JNIM", "MLI.INS"),
        ("ISWAP", "NGA.INS"),
        ("Boko Haram", "NGA.INS"),
        ("al-Shabaab", "SOM.INS"),
        ("TTP", "PAK.INS"),
        ("Pakistani Taliban", "PAK.INS"),
        ("People's Defence Force", "MMR.REB"),
        ("Arakan Army", "MMR.REB"),
        ("Kachin Independence Army", "MMR.REB"),
        ("Islamic State", "SYR.INS"),
        ("Islamic State Khorasan", "AFG.INS"),
        ("AQAP", "YEM.INS"),
        ("al-Qaeda", "AFG.INS"),
        ("Azov Regiment", "UKR.MIL"),
        ("Lord's Resistance Army", "UGA.REB"),
        ("ELN", "COL.REB"),
        ("FARC", "COL.REB"),
        ("Revolutionary Guards", "IRN.MIL"),
        ("Sudanese Armed Forces", "SDN.MIL"),
    ],
)
def test_actors_today_armed_groups(
    default_table: ActorTable, make_sentence: SentenceFactory, name: str, code: str
) -> None:
    assert _code(default_table, make_sentence, name, D("2024-06-01")) == code


@pytest.mark.parametrize(
    ("agent", "sector"),
    [
        ("lawmakers", "LEG"),
        ("senators", "LEG"),
        ("parliament", "LEG"),
        ("courts", "JUD"),
        ("judges", "JUD"),
        ("prosecutors", "JUD"),
        ("police", "POL"),
        ("security forces", "POL"),
        ("soldiers", "MIL"),
        ("army", "MIL"),
        ("junta", "MIL"),
        ("central bank", "BUS"),
        ("firms", "BUS"),
        ("journalists", "MED"),
        ("activists", "ACT"),
        ("protesters", "CVL"),
        ("students", "CVL"),
        ("civilians", "CVL"),
        # the people of crime and court news: "police charged a youth with murder"
        ("suspect", "CRM"),
        ("youth", "CVL"),
        ("teenagers", "CVL"),
        ("boys", "CVL"),
    ],
)
def test_actors_today_generic_agents_take_the_story_country(
    default_table: ActorTable, make_sentence: SentenceFactory, agent: str, sector: str
) -> None:
    first = make_sentence(["Kenya", "'s", "president", "spoke", "."])
    words = ["The", *agent.split(), "voted", "."]
    second = make_sentence(words, index=1, offset=first.end + 1)
    actors = _resolve(default_table, [first, second], D("2024-06-25"))
    assert actors[-1].code == f"KEN.{sector}"


def test_actors_today_country_of_a_story_without_country_names(
    default_table: ActorTable, make_sentence: SentenceFactory
) -> None:
    # "lawmakers voted" in a story that names only Kenya's president: KEN.LEG
    first = make_sentence(["William", "Ruto", "signed", "the", "bill", "."])
    second = make_sentence(["Lawmakers", "voted", "."], index=1, offset=first.end + 1)
    ruto = ActorDictionary("ruto", actors=tuple(read_actor_tsv(["person\tWilliam Ruto\tKEN.GOV@2022-09-13/\tRuto"])))
    actors = _resolve(default_table.with_user(ruto), [first, second], D("2024-06-25"))
    assert [(a.text, a.code) for a in actors] == [("William Ruto", "KEN.GOV"), ("Lawmakers", "KEN.LEG")]


def test_actors_today_former_office_holders_can_stay_unresolved(
    default_table: ActorTable, make_sentence: SentenceFactory
) -> None:
    sent = make_sentence(["Rishi", "Sunak", "spoke", "."])
    [actor] = _resolve(default_table, [sent], D("2025-02-10"), options=ResolveOptions(former="unresolved"))
    assert (actor.code, actor.reason) == (None, "role_out_of_date")


def test_actors_today_congo_is_the_drc_and_venues_are_no_actors(
    default_table: ActorTable, make_sentence: SentenceFactory
) -> None:
    sent = make_sentence(
        ["Congo", "met", "at", "the", "G20", "summit", "."], parse={4: ("compound", 5)}, pos={5: "NOUN"}
    )
    actors = _resolve(default_table, [sent], D("2024-06-01"))
    assert [(a.text, a.code, a.reason) for a in actors] == [("Congo", "COD", None), ("G20", None, "venue")]


USER_TSV = """# annales actors v1 -- a user's corrections
kind\tname\troles\taliases
person\tMohamed Hamdan Dagalo\tSDN.GOV\tHemedti
person\tGeorge Bush\tUSA.ELI\tPresident Bush
group\tTaliban\tAFG.REB\t
"""


def test_actors_today_user_dictionary_overrides_bundled_dates(
    default_table: ActorTable, make_sentence: SentenceFactory, tmp_path: Path
) -> None:
    path = tmp_path / "user.tsv"
    path.write_text(USER_TSV, encoding="utf-8")
    layered = default_table.with_user(load_dictionary(path))
    assert _code(default_table, make_sentence, "Hemedti", D("2024-01-02")) == "SDN.REB"
    assert _code(layered, make_sentence, "Hemedti", D("2024-01-02")) == "SDN.GOV"
    assert _code(layered, make_sentence, "Taliban", D("2023-01-01")) == "AFG.REB"
    # an alias shared by two bundled people is settled by date; a user entry settles it outright
    assert default_table.lookup(name_tokens("President Bush"), D("2005-01-01")).name == "George W. Bush"  # type: ignore[union-attr]
    assert default_table.lookup(name_tokens("President Bush"), D("1990-01-01")).name == "George Bush"  # type: ignore[union-attr]
    assert layered.lookup(name_tokens("President Bush"), D("2005-01-01")).code_at(None) == ("USA.ELI", None)  # type: ignore[union-attr]
    assert layered.sources == (*default_table.sources, str(path))
    index = layered.names[name_tokens("Hemedti")]
    assert layered.source_of(index) == str(path)


def test_actors_today_user_row_without_aliases_marks_a_known_non_actor(tmp_path: Path) -> None:
    path = tmp_path / "user.tsv"
    path.write_text("# annales actors v1\nkind\tname\troles\taliases\nother\tTyphoon Haiyan\t-\n", encoding="utf-8")
    [entry] = load_dictionary(path).actors
    assert (entry.name, entry.aliases, entry.code_at(None)) == (
        "Typhoon Haiyan",
        ("typhoon haiyan",),
        (None, "null_code"),
    )


def test_actors_today_former_title_is_elite(default_table: ActorTable, make_sentence: SentenceFactory) -> None:
    # issue 12, found on the held-out sentences: "former" beats the title's sector
    sent = make_sentence(["Former", "defence", "minister", "Kim", "Yong", "-", "hyun", "was", "arrested", "."])
    [actor] = _resolve(default_table, [sent], D("2024-12-12"))
    assert (actor.text, actor.code) == ("defence minister Kim Yong-hyun", "KOR.ELI")


@pytest.mark.parametrize(
    ("words", "parse", "pos", "expected"),
    [
        # an agent compounded with its installation is still the target of an attack
        (
            ["Afghan", "militants", "attacked", "police", "checkpoints", "."],
            {3: ("compound", 4)},
            {4: "NOUN"},
            "AFG.POL",
        ),
        (["Israeli", "military", "positions", "were", "hit", "."], {1: ("amod", 2)}, {1: "ADJ", 2: "NOUN"}, "ISR.MIL"),
    ],
)
def test_actors_today_agents_at_their_installations(
    default_table: ActorTable,
    make_sentence: SentenceFactory,
    words: list[str],
    parse: dict[int, tuple[str, int]],
    pos: dict[int, str],
    expected: str,
) -> None:
    actors = _resolve(default_table, [make_sentence(words, parse=parse, pos=pos)], D("2024-04-01"))
    assert actors[-1].code == expected


def test_actors_today_civilians_in_a_place(default_table: ActorTable, make_sentence: SentenceFactory) -> None:
    words = ["Germany", "urged", "Israel", "to", "protect", "civilians", "in", "Gaza", "."]
    parse = {5: ("dobj", 4), 6: ("prep", 5), 7: ("pobj", 6)}
    actors = _resolve(default_table, [make_sentence(words, parse=parse, pos={4: "VERB", 5: "NOUN"})], D("2023-10-20"))
    assert [(a.text, a.code) for a in actors] == [
        ("Germany", "DEU"),
        ("Israel", "ISR"),
        ("civilians", "PSE.CVL"),
        ("Gaza", "PSE"),
    ]
