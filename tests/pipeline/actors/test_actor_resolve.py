"""Actor resolution on hand-built sentences: each kind of mention, dates, context, coreference."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annales.pipeline.actors import ActorResolver, ActorTable, ResolveOptions, mention_head
from annales.pipeline.actors.context import proper_noun_runs
from annales.records import Actor, Sentence

D2013 = dt.date(2013, 4, 23)

SentenceFactory = Callable[..., Sentence]


def _codes(table: ActorTable, sentences: list[Sentence], **kwargs: object) -> list[tuple[str, str | None]]:
    per_sentence = ActorResolver(table).resolve_article(sentences, **kwargs)  # type: ignore[arg-type]
    return [(actor.text, actor.code) for actors in per_sentence for actor in actors]


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (["Russia", "protested", "."], [("Russia", "RUS")]),
        (["The", "United", "States", "agreed", "."], [("United States", "USA")]),
        (["The", "U.S.", "agreed", "."], [("U.S.", "USA")]),
        (["French", "diplomats", "agreed", "."], [("French diplomats", "FRA.GOV")]),
        (["Moscow", "warned", "Washington", "."], [("Moscow", "RUS.GOV"), ("Washington", "USA.GOV")]),
        (["The", "Kremlin", "denied", "it", "."], [("Kremlin", "RUS.GOV")]),
        (["The", "White", "House", "said", "so", "."], [("White House", "USA.GOV")]),
        (["NATO", "and", "the", "OSCE", "met", "."], [("NATO", "NATO"), ("OSCE", "OSCE")]),
        (["The", "UN", "Security", "Council", "voted", "."], [("UN Security Council", "UNO")]),
        (["The", "European", "Union", "agreed", "."], [("European Union", "EU")]),
        (["Boko", "Haram", "attacked", "."], [("Boko Haram", "NGA.INS")]),
        (["Sergei", "Lavrov", "spoke", "."], [("Sergei Lavrov", "RUS.GOV")]),
        (["Sergey", "Lavrov", "spoke", "."], [("Sergey Lavrov", "RUS.GOV")]),
        (["Syrian", "rebels", "fired", "."], [("Syrian rebels", "SYR.REB")]),
        (["Russian", "troops", "moved", "."], [("Russian troops", "RUS.MIL")]),
        (["Georgian", "opposition", "figures", "met", "."], [("Georgian opposition figures", "GEO.OPP")]),
        (["Russia", "'s", "Foreign", "Minister", "spoke", "."], [("Russia's Foreign Minister", "RUS.GOV")]),
        (["the", "Russian", "foreign", "minister", "spoke", "."], [("Russian foreign minister", "RUS.GOV")]),
        (
            ["U.S.", "Vice", "-", "President", "Joe", "Biden", "spoke", "."],
            [("U.S. Vice-President Joe Biden", "USA.GOV")],
        ),
        (["U.S.", "Vice", "-", "President", "spoke", "."], [("U.S. Vice-President", "USA.GOV")]),
        # a role noun takes the side of what precedes it: rebels' negotiators are rebels
        (["Syrian", "rebel", "negotiators", "met", "."], [("Syrian rebel negotiators", "SYR.REB")]),
        # demonyms and agents Phoenix lacked
        (["Swedish", "police", "arrested", "Turks", "."], [("Swedish police", "SWE.POL"), ("Turks", "TUR")]),
        (["the", "Greek", "finance", "minister", "spoke", "."], [("Greek finance minister", "GRC.GOV")]),
        (["a", "Kenyan", "jury", "acquitted", "Germans", "."], [("Kenyan jury", "KEN.JUD"), ("Germans", "DEU")]),
    ],
)
def test_resolver_codes_each_kind_of_mention(
    make_sentence: SentenceFactory, default_table: ActorTable, words: list[str], expected: list[tuple[str, str]]
) -> None:
    sent = make_sentence(words)
    assert _codes(default_table, [sent], as_of=D2013) == expected


@pytest.mark.parametrize(
    ("day", "code", "reason"),
    [
        (dt.date(2000, 6, 1), "GON.ELI", None),  # in office half a year later: already a national figure
        (dt.date(1998, 6, 1), None, "role_out_of_date"),  # years before any office
    ],
)
def test_resolver_a_person_about_to_take_office_is_already_elite(
    make_sentence: SentenceFactory, tiny_table: ActorTable, day: dt.date, code: str | None, reason: str | None
) -> None:
    sent = make_sentence(["Faramir", "Steward", "arrived", "."])
    [[actor]] = ActorResolver(tiny_table).resolve_article([sent], as_of=day)
    assert (actor.code, actor.reason) == (code, reason)


@pytest.mark.parametrize(
    ("day", "code", "reason"),
    [
        (dt.date(2009, 6, 1), "USA.LEG", None),  # a senator then
        (dt.date(2013, 4, 23), "USA.GOV", None),  # Secretary of State
        (dt.date(2019, 6, 1), "USA.ELI", None),  # a former Secretary of State: elite (issue 12)
    ],
)
def test_resolver_person_role_depends_on_date(
    make_sentence: SentenceFactory, default_table: ActorTable, day: dt.date, code: str | None, reason: str | None
) -> None:
    sent = make_sentence(["John", "Kerry", "arrived", "."])
    [[actor]] = ActorResolver(default_table).resolve_article([sent], as_of=day)
    assert (actor.code, actor.reason, actor.name) == (code, reason, "John Kerry")
    assert actor.country == "USA"


def test_resolver_title_codes_person_out_of_date(make_sentence: SentenceFactory, tiny_table: ActorTable) -> None:
    # Faramir's only role ended in 2005; the title still says who he speaks for
    sent = make_sentence(["Gondor", "'s", "foreign", "minister", "Faramir", "Steward", "left", "."])
    assert _codes(tiny_table, [sent], as_of=dt.date(2012, 1, 1)) == [
        ("Gondor's foreign minister Faramir Steward", "GON.GOV")
    ]


@pytest.mark.parametrize(
    ("context", "expected"),
    [("MOR", [("officials", "MOR.GOV")]), (None, [("officials", None)])],
)
def test_resolver_generic_agent_uses_article_country(
    make_sentence: SentenceFactory, tiny_table: ActorTable, context: str | None, expected: list[tuple[str, str | None]]
) -> None:
    sent = make_sentence(["The", "officials", "left", "."])
    assert _codes(tiny_table, [sent], context_country=context) == expected


def test_resolver_generic_agent_without_context_has_reason(
    make_sentence: SentenceFactory, tiny_table: ActorTable
) -> None:
    sent = make_sentence(["The", "officials", "left", "."])
    [[actor]] = ActorResolver(tiny_table).resolve_article([sent])
    assert actor.reason == "no_country_context"


def test_resolver_generic_agent_infers_main_country(make_sentence: SentenceFactory, tiny_table: ActorTable) -> None:
    first = make_sentence(["Mordor", "and", "Mordor", "again", "and", "Gondor", "."])
    second = make_sentence(["Troops", "moved", "."], index=1, offset=first.end + 1)
    assert _codes(tiny_table, [first, second])[-1] == ("Troops", "MOR.MIL")


def test_resolver_main_country_counts_each_person_named(make_sentence: SentenceFactory, tiny_table: ActorTable) -> None:
    # an impeachment story names Ukraine more often than the United States, but its people are American:
    # after a three-sentence lead, Mordor is named three times, Gondor once, and two different Gondorians act
    lead = [make_sentence(["Nothing", "happened", "."], index=i, offset=20 * i) for i in range(3)]
    named = make_sentence(["Mordor", ",", "Mordor", ",", "Mordor", "and", "Gondor", "."], index=3, offset=60)

    def troops_code(people: list[str]) -> str | None:
        acting = make_sentence(people, index=4, offset=100)
        troops = make_sentence(["Troops", "moved", "."], index=5, offset=150)
        actors = ActorResolver(tiny_table).resolve_article([*lead, named, acting, troops], as_of=dt.date(2003, 1, 1))
        return actors[-1][0].code

    assert troops_code(["Aragorn", "Elessar", "met", "Faramir", "Steward", "."]) == "GON.MIL"
    # one Gondorian named twice is one person: Mordor stays the article's country
    assert troops_code(["Aragorn", "Elessar", "met", "Aragorn", "Elessar", "."]) == "MOR.MIL"


def test_resolver_an_article_after_an_agent_starts_a_new_phrase(
    make_sentence: SentenceFactory, tiny_table: ActorTable
) -> None:
    # "called the Gondorian foreign minister a rebel": two phrases, the second no part of the minister's
    words = ["Mordor", "called", "the", "Gondorian", "foreign", "minister", "a", "rebels", "."]
    actors = ActorResolver(tiny_table).resolve_article([make_sentence(words, pos={6: "DET"})])[0]
    assert ("Gondorian foreign minister", "GON.GOV") in [(a.text, a.code) for a in actors]
    # without the article the words stay one phrase ("Gondorian foreign minister rebels")
    joined = ActorResolver(tiny_table).resolve_article([make_sentence([w for w in words if w != "a"])])[0]
    assert [a.text for a in joined if a.text.startswith("Gondorian")] == ["Gondorian foreign minister rebels"]


def test_resolver_an_envoy_is_never_of_the_country_it_is_sent_to(
    make_sentence: SentenceFactory, default_table: ActorTable
) -> None:
    # "Volker, former special envoy to Kyiv" in a story about Ukraine is not Ukraine's envoy
    words = ["the", "special", "envoy", "to", "Kyiv", "testified", "."]
    parse = {2: ("nsubj", 5), 3: ("prep", 2), 4: ("pobj", 3)}
    resolver = ActorResolver(default_table)
    [envoy, kyiv] = resolver.resolve_article([make_sentence(words, parse=parse)], context_country="UKR")[0]
    assert (envoy.code, envoy.reason, kyiv.code) == (None, "no_country_context", "UKR.GOV")
    # in an American story the envoy is the article's
    [envoy, _] = resolver.resolve_article([make_sentence(words, parse=parse)], context_country="USA")[0]
    assert envoy.code == "USA.GOV"


def test_resolver_a_demonym_coordinated_with_another_shares_its_agent(
    make_sentence: SentenceFactory, tiny_table: ActorTable
) -> None:
    # "Gondorian and Mordorian troops": Gondorian troops too
    words = ["Gondorian", "and", "Mordorian", "troops", "met", "."]
    parse = {0: ("amod", 3), 1: ("cc", 0), 2: ("conj", 0), 3: ("nsubj", 4)}
    actors = ActorResolver(tiny_table).resolve_article([make_sentence(words, parse=parse)])[0]
    assert [(a.text, a.code) for a in actors] == [("Gondorian", "GON.MIL"), ("Mordorian troops", "MOR.MIL")]


def test_resolver_a_country_joined_to_an_owning_participle_owns_the_agent(
    make_sentence: SentenceFactory, tiny_table: ActorTable
) -> None:
    # "the Gondor-flagged troops" are Gondor's, in a story about Mordor; "Gondor-backed troops" are not
    words = ["Mordor", "saw", "the", "Gondor", "-", "flagged", "troops", "."]
    parse = {3: ("npadvmod", 5), 4: ("punct", 5), 5: ("amod", 6), 6: ("dobj", 1)}
    resolver = ActorResolver(tiny_table)
    actors = resolver.resolve_article([make_sentence(words, parse=parse)], context_country="MOR")[0]
    assert [(a.text, a.code) for a in actors][-1] == ("troops", "GON.MIL")
    backed = [w if w != "flagged" else "backed" for w in words]
    actors = resolver.resolve_article([make_sentence(backed, parse=parse)], context_country="MOR")[0]
    assert [(a.text, a.code) for a in actors][-1] == ("troops", "MOR.MIL")


def test_resolver_agent_takes_country_from_dependency(make_sentence: SentenceFactory, tiny_table: ActorTable) -> None:
    # "Gondorian well-armed rebels": the demonym modifies "rebels" through the parse, not adjacency
    words = ["Gondorian", "very", "brave", "rebels", "fought", "."]
    sent = make_sentence(words, parse={0: ("amod", 3), 1: ("advmod", 2), 2: ("amod", 3), 3: ("nsubj", 4)})
    sent.tokens[1].pos = "ADV"
    actors = ActorResolver(tiny_table).resolve_article([sent], context_country="MOR")[0]
    assert [(a.text, a.code) for a in actors] == [("Gondorian", "GON"), ("rebels", "GON.REB")]


def test_resolver_surname_corefers_with_earlier_person(make_sentence: SentenceFactory, tiny_table: ActorTable) -> None:
    first = make_sentence(["Aragorn", "Elessar", "arrived", "."], parse={1: ("nsubj", 2)})
    second = make_sentence(["Mr.", "Elessar", "smiled", "."], index=1, offset=first.end + 1)
    actors = ActorResolver(tiny_table).resolve_article([first, second], as_of=dt.date(2011, 1, 1))
    assert [(a.text, a.code, a.name) for a in actors[1]] == [("Mr. Elessar", "GON.GOV", "Aragorn Elessar")]


def test_resolver_surname_unknown_before_full_name(make_sentence: SentenceFactory, tiny_table: ActorTable) -> None:
    sent = make_sentence(["Elessar", "smiled", "."], ents=[(0, 1, "PERSON")])
    [[actor]] = ActorResolver(tiny_table).resolve_article([sent])
    assert (actor.code, actor.reason) == (None, "unknown_name")


@pytest.mark.parametrize("pronoun", ["He", "She"])
def test_resolver_pronoun_takes_previous_subject(
    make_sentence: SentenceFactory, tiny_table: ActorTable, pronoun: str
) -> None:
    first = make_sentence(
        ["Aragorn", "Elessar", "met", "Faramir", "Steward", "."], parse={1: ("nsubj", 2), 4: ("dobj", 2)}
    )
    second = make_sentence([pronoun, "left", "."], index=1, offset=first.end + 1, parse={0: ("nsubj", 1)})
    actors = ActorResolver(tiny_table).resolve_article([first, second], as_of=dt.date(2003, 1, 1))
    assert [(a.text, a.code, a.name) for a in actors[1]] == [(pronoun, "GON.REB", "Aragorn Elessar")]


def test_resolver_pronoun_without_subject_is_unresolved(make_sentence: SentenceFactory, tiny_table: ActorTable) -> None:
    first = make_sentence(["Gondor", "met", "Aragorn", "Elessar", "."], parse={0: ("nsubj", 1), 3: ("dobj", 1)})
    second = make_sentence(["He", "left", "."], index=1, offset=first.end + 1, parse={0: ("nsubj", 1)})
    actors = ActorResolver(tiny_table).resolve_article([first, second])
    assert [(a.text, a.code, a.reason) for a in actors[1]] == [("He", None, "no_antecedent")]


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (["They", "told", "us", "."], []),  # lower-case "us" is a pronoun
        (["US", "forces", "left", "."], [("US forces", "USA.MIL")]),
        (["Turkey", "was", "served", "."], [("Turkey", "TUR")]),
        (["They", "ate", "turkey", "."], []),  # names need a capital letter
    ],
)
def test_resolver_short_and_lowercase_aliases(
    make_sentence: SentenceFactory, default_table: ActorTable, words: list[str], expected: list[tuple[str, str]]
) -> None:
    assert _codes(default_table, [make_sentence(words)]) == expected


def test_resolver_reports_unknown_entities(make_sentence: SentenceFactory, tiny_table: ActorTable) -> None:
    sent = make_sentence(["Bilbo", "Baggins", "met", "Gondor", "."], ents=[(0, 2, "PERSON"), (3, 4, "GPE")])
    [actors] = ActorResolver(tiny_table).resolve_article([sent])
    assert [(a.text, a.code, a.reason) for a in actors] == [
        ("Bilbo Baggins", None, "unknown_name"),
        ("Gondor", "GON", None),
    ]


def test_resolver_offsets_are_article_coordinates(make_sentence: SentenceFactory, tiny_table: ActorTable) -> None:
    first = make_sentence(["Hello", "."])
    second = make_sentence(["Gondor", "'s", "officials", "left", "."], index=1, offset=first.end + 1)
    text = first.text + " " + second.text
    [actor] = ActorResolver(tiny_table).resolve_article([first, second])[1]
    assert text[actor.start : actor.end] == actor.text == "Gondor's officials"
    assert actor.code == "GON.GOV"


@pytest.mark.parametrize(
    ("span", "parse", "head"),
    [
        ((0, 3), {0: ("compound", 2), 1: ("compound", 2), 2: ("nsubj", 3)}, 2),
        ((0, 1), {0: ("nsubj", 3)}, 0),
        ((10, 20), {}, None),
    ],
)
def test_mention_head_finds_head_token(
    make_sentence: SentenceFactory, span: tuple[int, int], parse: dict[int, tuple[str, int]], head: int | None
) -> None:
    sent = make_sentence(["Foreign", "Minister", "Lavrov", "spoke", "."], parse=parse)
    start_tok, end_tok = span
    if end_tok <= len(sent.tokens):
        start, end = sent.tokens[start_tok].idx, sent.tokens[end_tok - 1].end
    else:
        start, end = 500, 600
    actor = Actor("x", None, None, None, None, start, end)
    assert mention_head(sent, actor) == head


def test_resolver_an_office_named_as_an_organisation_takes_the_name_after_it(
    default_table: ActorTable, make_sentence: SentenceFactory
) -> None:
    # "White House Press Secretary" is an organisation entry; its holder's name follows it
    first = make_sentence(
        ["White", "House", "Press", "Secretary", "Stephanie", "Grisham", "said", "."], ents=[(4, 6, "PERSON")]
    )
    second = make_sentence(["Grisham", "urged", "calm", "."], index=1, offset=first.end + 1, ents=[(0, 1, "PERSON")])
    actors = ActorResolver(default_table).resolve_article([first, second], as_of=dt.date(2019, 11, 20))
    assert [(a.text, a.code) for a in actors[0]] == [("White House Press Secretary Stephanie Grisham", "USA.GOV")]
    assert [(a.text, a.code) for a in actors[1]] == [("Grisham", "USA.GOV")]


def test_resolver_a_titled_part_of_a_known_name_is_that_person(
    tiny_table: ActorTable, make_sentence: SentenceFactory
) -> None:
    # "Prince Mohammed arrived in the U.S." in an article that names Crown Prince Mohammed bin Salman
    first = make_sentence(["Foreign", "minister", "Aragorn", "arrived", "."], ents=[(2, 3, "PERSON")])
    second = make_sentence(["Aragorn", "Elessar", "spoke", "."], index=1, offset=first.end + 1)
    actors = ActorResolver(tiny_table).resolve_article(
        [first, second], as_of=dt.date(2012, 1, 1), context_country="MOR"
    )
    assert [(a.code, a.name) for a in actors[0]] == [("GON.GOV", "Aragorn Elessar")]


def test_resolver_a_bare_title_only_one_country_s_named_person_bears_is_that_country_s(
    default_table: ActorTable, make_sentence: SentenceFactory
) -> None:
    # "the crown prince" in an American story beside Crown Prince Mohammed bin Salman is Saudi
    first = make_sentence(["Crown", "Prince", "Mohammed", "bin", "Salman", "arrived", "."])
    second = make_sentence(["The", "crown", "prince", "met", "officials", "."], index=1, offset=first.end + 1)
    day = dt.date(2018, 4, 1)
    actors = ActorResolver(default_table).resolve_article([first, second], as_of=day, context_country="USA")
    assert [(a.text, a.code) for a in actors[1]] == [("crown prince", "SAU.GOV"), ("officials", "USA.GOV")]


def test_resolver_the_president_is_the_last_person_named_president_nearby(
    default_table: ActorTable, make_sentence: SentenceFactory
) -> None:
    # In an Israeli story, "the president's trip" beside "President Barack Obama" is Obama's, not Israel's
    first = make_sentence(["Prime", "Minister", "Benjamin", "Netanyahu", "met", "President", "Barack", "Obama", "."])
    words = ["The", "president", "'s", "trip", "to", "Israel", "ended", "."]
    second = make_sentence(words, index=1, offset=first.end + 1, parse={1: ("poss", 3)})
    day = dt.date(2013, 3, 22)
    actors = ActorResolver(default_table).resolve_article([first, second], as_of=day, context_country="ISR")
    assert [(a.text, a.code) for a in actors[1]] == [("president", "USA.GOV"), ("Israel", "ISR")]
    # three sentences later the title no longer points back to him: the article's country again
    filler = [make_sentence(["Talks", "went", "on", "."], index=i, offset=second.end + 10 * i) for i in (2, 3, 4)]
    late = make_sentence(words, index=5, offset=filler[-1].end + 1, parse={1: ("poss", 3)})
    actors = ActorResolver(default_table).resolve_article(
        [first, second, *filler, late], as_of=day, context_country="ISR"
    )
    assert (actors[5][0].text, actors[5][0].code) == ("president", "ISR.GOV")


def test_resolver_knows_national_police_services(default_table: ActorTable, make_sentence: SentenceFactory) -> None:
    sent = make_sentence(["Gardai", "questioned", "Smith", "after", "the", "RCMP", "called", "."])
    actors = ActorResolver(default_table).resolve_article([sent], as_of=dt.date(2018, 4, 1))
    assert [(a.text, a.code) for a in actors[0] if a.code] == [("Gardai", "IRL.POL"), ("RCMP", "CAN.POL")]


@pytest.mark.parametrize(
    ("title", "code"),
    [(["Majority", "Whip"], "USA.LEG"), (["Deputy", "Speaker"], "USA.LEG"), (["District", "Attorney"], "USA.JUD")],
)
def test_resolver_legislative_and_legal_titles_name_their_holder(
    default_table: ActorTable, make_sentence: SentenceFactory, title: list[str], code: str
) -> None:
    size = len(title)
    sent = make_sentence([*title, "Jane", "Dorsey", "spoke", "."], ents=[(size, size + 2, "PERSON")])
    actors = ActorResolver(default_table).resolve_article([sent], as_of=dt.date(2018, 4, 1), context_country="USA")
    assert [(a.text, a.code) for a in actors[0]] == [(" ".join([*title, "Jane", "Dorsey"]), code)]


def test_resolver_one_person_s_nationality_does_not_make_the_article_s_country(
    default_table: ActorTable, make_sentence: SentenceFactory
) -> None:
    # a Japanese man killed in Ireland, an American among the victims in Manila: the police and the
    # court are the country where it happened
    first = make_sentence(["A", "Japanese", "man", "died", "in", "Ireland", "."], pos={2: "NOUN"})
    second = make_sentence(["Police", "arrested", "a", "youth", "."], index=1, offset=first.end + 1, pos={0: "NOUN"})
    actors = ActorResolver(default_table).resolve_article([first, second], as_of=dt.date(2018, 4, 5))
    assert [(a.text, a.code) for a in actors[1]] == [("Police", "IRL.POL"), ("youth", "IRL.CVL")]
    first = make_sentence(["The", "victims", "included", "an", "American", "."], parse={4: ("dobj", 2)})
    second = make_sentence(["A", "Philippine", "court", "convicted", "five", "men", "."], index=1, offset=first.end + 1)
    third = make_sentence(["The", "judge", "spoke", "."], index=2, offset=second.end + 1, pos={1: "NOUN"})
    actors = ActorResolver(default_table).resolve_article([first, second, third], as_of=dt.date(2018, 4, 5))
    assert [(a.text, a.code) for a in actors[2]] == [("judge", "PHL.JUD")]
    # a passport named as such is no vote either: "US citizen Paul Whelan was detained in Russia"
    first = make_sentence(["US", "citizen", "Paul", "Whelan", "was", "detained", "in", "Russia", "."])
    second = make_sentence(["Police", "said", "."], index=1, offset=first.end + 1, pos={0: "NOUN"})
    actors = ActorResolver(default_table).resolve_article([first, second], as_of=dt.date(2019, 1, 5))
    assert [(a.text, a.code) for a in actors[1]] == [("Police", "RUS.POL")]
    # a people is no person's nationality: "Turkish voters" still vote
    first = make_sentence(["Turkish", "voters", "went", "to", "the", "polls", "."])
    second = make_sentence(["Police", "said", "."], index=1, offset=first.end + 1, pos={0: "NOUN"})
    actors = ActorResolver(default_table).resolve_article([first, second], as_of=dt.date(2018, 4, 5))
    assert [(a.text, a.code) for a in actors[1]] == [("Police", "TUR.POL")]
    # a demonym that modifies something else is no person's nationality: "a Turkish vessel" still votes
    first = make_sentence(["A", "Turkish", "vessel", "sank", "."], parse={1: ("amod", 2)})
    second = make_sentence(["Police", "said", "."], index=1, offset=first.end + 1, pos={0: "NOUN"})
    actors = ActorResolver(default_table).resolve_article([first, second], as_of=dt.date(2018, 4, 5))
    assert [(a.text, a.code) for a in actors[1]] == [("Police", "TUR.POL")]


def test_resolver_knows_the_holy_see_and_libya_s_accord_government(
    default_table: ActorTable, make_sentence: SentenceFactory
) -> None:
    sent = make_sentence(["The", "GNA", "thanked", "the", "Holy", "See", "."], ents=[(1, 2, "ORG"), (4, 6, "GPE")])
    actors = ActorResolver(default_table).resolve_article([sent], as_of=dt.date(2016, 5, 1))
    assert [(a.text, a.code) for a in actors[0]] == [("GNA", "LBY.GOV"), ("Holy See", "VAT")]


def test_resolver_an_organisation_s_headquarters_is_the_organisation_but_its_summit_a_venue(
    default_table: ActorTable, make_sentence: SentenceFactory
) -> None:
    # visiting NATO headquarters is visiting NATO; "the NATO summit in Madrid" only says where
    words = ["Tunisia", "'s", "premier", "visited", "NATO", "headquarters", "."]
    sent = make_sentence(words, parse={4: ("compound", 5), 5: ("dobj", 3)})
    actors = ActorResolver(default_table).resolve_article([sent], as_of=dt.date(2015, 5, 1))
    assert ("NATO", "NATO") in [(a.text, a.code) for a in actors[0]]
    words = ["Tunisia", "'s", "premier", "attended", "the", "NATO", "summit", "."]
    sent = make_sentence(words, parse={5: ("compound", 6), 6: ("dobj", 3)})
    actors = ActorResolver(default_table).resolve_article([sent], as_of=dt.date(2015, 5, 1))
    assert ("NATO", "NATO") not in [(a.text, a.code) for a in actors[0]]


def test_resolver_intelligence_shared_is_information_not_the_spies(
    default_table: ActorTable, make_sentence: SentenceFactory
) -> None:
    words = ["Tunisia", "agreed", "to", "share", "intelligence", "with", "Algeria", "."]
    sent = make_sentence(words, parse={4: ("dobj", 3)}, pos={4: "NOUN"})
    actors = ActorResolver(default_table).resolve_article([sent], as_of=dt.date(2018, 4, 5))
    assert [(a.text, a.code) for a in actors[0] if a.code] == [("Tunisia", "TUN"), ("Algeria", "DZA")]
    sent = make_sentence(["Tunisian", "intelligence", "arrested", "two", "men", "."], parse={1: ("nsubj", 2)})
    actors = ActorResolver(default_table).resolve_article([sent], as_of=dt.date(2018, 4, 5))
    assert ("Tunisian intelligence", "TUN.SPY") in [(a.text, a.code) for a in actors[0]]


def test_resolver_titled_unknown_name_corefers(tiny_table: ActorTable, make_sentence: SentenceFactory) -> None:
    first = make_sentence(
        ["Mordor", "'s", "foreign", "minister", "Gothmog", "Lieutenant", "arrived", "."],
        parse={5: ("nsubj", 6)},
        ents=[(4, 6, "PERSON")],
    )
    second = make_sentence(["Lieutenant", "smiled", "."], index=1, offset=first.end + 1, ents=[(0, 1, "PERSON")])
    actors = ActorResolver(tiny_table).resolve_article([first, second])
    assert [(a.text, a.code, a.name) for a in actors[0]] == [
        ("Mordor's foreign minister Gothmog Lieutenant", "MOR.GOV", "Gothmog Lieutenant")
    ]
    assert [(a.text, a.code, a.name) for a in actors[1]] == [("Lieutenant", "MOR.GOV", "Gothmog Lieutenant")]


def _unrecognised(sent: Sentence, propn: range) -> Sentence:
    """The sentence as the default parse gives it: no entity recogniser, proper nouns tagged."""
    for i in propn:
        sent.tokens[i].pos = "PROPN"
    return dataclasses.replace(sent, entities=[], recognised=False)


def test_resolver_titled_name_without_recogniser_corefers(
    tiny_table: ActorTable, make_sentence: SentenceFactory
) -> None:
    # "White House Press Secretary Stephanie Grisham ... Grisham urged": the run of proper nouns after the
    # title is its holder's name, though no recogniser tagged it a PERSON
    first = make_sentence(["Mordor", "'s", "foreign", "minister", "Gothmog", "Lieutenant", "arrived", "."])
    second = make_sentence(["Lieutenant", "smiled", "."], index=1, offset=first.end + 1)
    first, second = _unrecognised(first, range(0, 1)), _unrecognised(second, range(0, 1))
    for i in (4, 5):
        first.tokens[i].pos = "PROPN"
    actors = ActorResolver(tiny_table).resolve_article([first, second])
    assert [(a.text, a.code, a.name) for a in actors[0]] == [
        ("Mordor's foreign minister Gothmog Lieutenant", "MOR.GOV", "Gothmog Lieutenant")
    ]
    assert [(a.text, a.code, a.name) for a in actors[1]] == [("Lieutenant", "MOR.GOV", "Gothmog Lieutenant")]


def test_resolver_title_without_owner_lends_no_code_to_later_surname(
    tiny_table: ActorTable, make_sentence: SentenceFactory
) -> None:
    # "Foreign Minister Gothmog Lieutenant" in a Gondorian story: the title's country is only the
    # article's guess, so a later "Lieutenant" is not coded by it
    lead = make_sentence(["Gondor", "and", "Gondor", "."])
    first = make_sentence(["The", "foreign", "minister", "Gothmog", "Lieutenant", "arrived", "."], index=1, offset=20)
    second = make_sentence(["Lieutenant", "smiled", "."], index=2, offset=first.end + 1)
    first, second = _unrecognised(first, range(3, 5)), _unrecognised(second, range(0, 1))
    actors = ActorResolver(tiny_table).resolve_article([lead, first, second])
    assert [(a.text, a.code) for a in actors[1]] == [("foreign minister Gothmog Lieutenant", "GON.GOV")]
    assert [(a.text, a.code, a.reason) for a in actors[2]] == [("Lieutenant", None, "unknown_name")]


_APPOSED = ["Gothmog", "Lieutenant", ",", "Mordor", "'s", "foreign", "minister", ",", "arrived", "."]
_APPOSED_PARSE = {0: ("compound", 1), 1: ("nsubj", 8), 3: ("poss", 6), 4: ("case", 3), 5: ("amod", 6), 6: ("appos", 1)}


def test_resolver_unknown_name_in_apposition_with_a_title_is_its_holder(
    tiny_table: ActorTable, make_sentence: SentenceFactory
) -> None:
    # "Kristy Campbell, Bush's spokeswoman, denied ... Campbell said": the title says whose the name is
    first = make_sentence(_APPOSED, parse=_APPOSED_PARSE)
    second = make_sentence(["Lieutenant", "smiled", "."], index=1, offset=first.end + 1)
    first, second = _unrecognised(first, range(0, 4)), _unrecognised(second, range(0, 1))
    actors = ActorResolver(tiny_table).resolve_article([first, second])
    assert ("Gothmog Lieutenant", "MOR.GOV") in [(a.text, a.code) for a in actors[0]]
    assert [(a.text, a.code) for a in actors[1]] == [("Lieutenant", "MOR.GOV")]


def test_resolver_a_title_that_says_no_owner_lends_no_code_to_an_apposed_name(
    tiny_table: ActorTable, make_sentence: SentenceFactory
) -> None:
    words = ["Gothmog", "Lieutenant", ",", "the", "foreign", "minister", ",", "arrived", "."]
    parse = {0: ("compound", 1), 1: ("nsubj", 7), 3: ("det", 5), 4: ("amod", 5), 5: ("appos", 1)}
    lead = make_sentence(["Gondor", "and", "Gondor", "."])
    sent = _unrecognised(make_sentence(words, index=1, offset=20, parse=parse), range(0, 2))
    actors = ActorResolver(tiny_table).resolve_article([lead, sent])
    assert ("Gothmog Lieutenant", None) in [(a.text, a.code) for a in actors[1]]


@pytest.mark.parametrize("options", [{"short_alias": -1}, {"pronouns": ("He",)}])
def test_resolve_options_reject_bad_values(options: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        ResolveOptions(**options)  # type: ignore[arg-type]


_WORDS = ["Gondor", "'s", "foreign", "minister", "Aragorn", "Elessar", "he", "She", "rebels", "officials", "-", "the"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=12), st.integers(0, 50))
def test_resolver_spans_match_text(
    tiny_table: ActorTable, make_sentence: SentenceFactory, words: list[str], offset: int
) -> None:
    sent = make_sentence(words, offset=offset, ents=[(0, 1, "PERSON")])
    [actors] = ActorResolver(tiny_table).resolve_article([sent], as_of=dt.date(2011, 1, 1))
    for actor in actors:
        assert sent.start <= actor.start < actor.end <= sent.end
        assert sent.text[actor.start - offset : actor.end - offset] == actor.text
        assert (actor.code is None) == (actor.reason is not None)
    assert [a.start for a in actors] == sorted(a.start for a in actors)


@pytest.mark.slow
def test_resolver_takes_a_short_title_case_alias_only_as_a_one_word_organisation(
    parser: object, default_table: ActorTable
) -> None:
    """ "talks with Eta" (British style for ETA) names the group; "Eta Mtendere", a person, does not."""
    group = parser.parse("The Spanish government refused to negotiate with Eta.")  # type: ignore[attr-defined]
    person = parser.parse("Eta Mtendere met the president.")  # type: ignore[attr-defined]
    assert ("Eta", "ESP.REB") in _codes(default_table, group, as_of=dt.date(2010, 1, 1))
    assert all(code != "ESP.REB" for _, code in _codes(default_table, person, as_of=dt.date(2010, 1, 1)))


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("The Spanish government refused to negotiate with Eta.", True),
        ("Eta Mtendere met the president.", False),  # a person's first name, capitalised words around it
        ("Officials met in Orlando, Fla. on Monday.", False),  # an abbreviation, not the FLA
    ],
)
def test_resolver_takes_a_short_title_case_organisation_without_the_recogniser(
    parser: object, default_table: ActorTable, text: str, found: bool
) -> None:
    """Parsed without entities (`annales.nlp.spacy.v3`): a lone proper noun of letters between lower-case
    words may be a short organisation alias written in title case."""
    sentences = parser.parse(text)  # type: ignore[attr-defined]
    for sent in sentences:  # as the parse without the recogniser leaves them
        sent.recognised = False
        sent.entities = []
        sent.tokens = [dataclasses.replace(tok, ent_type="", ent_iob="O") for tok in sent.tokens]
    codes = [code for _, code in _codes(default_table, sentences, as_of=dt.date(2010, 1, 1))]
    assert ("ESP.REB" in codes) is found
    assert not any(code and code.startswith("FLA") for code in codes)


def test_resolver_reports_unknown_proper_nouns_without_entities(
    make_sentence: SentenceFactory, tiny_table: ActorTable
) -> None:
    """A sentence parsed without the entity recogniser (`annales.nlp.spacy.v3`): runs of proper nouns stand
    for its names (issue 13), without days and months; the known ones resolve as before."""
    words = ["Bilbo", "Baggins", "met", "Gondor", "'s", "envoy", "in", "Bree", "on", "Monday", "."]
    pos = {0: "PROPN", 1: "PROPN", 2: "VERB", 3: "PROPN", 7: "PROPN", 9: "PROPN"}
    sent = make_sentence(words, pos=pos)
    sent.recognised = False
    [actors] = ActorResolver(tiny_table).resolve_article([sent])
    unknown = [(a.text, a.reason, a.kind) for a in actors if a.code is None]
    assert unknown == [("Bilbo Baggins", "unknown_name", "proper_noun"), ("Bree", "unknown_name", "proper_noun")]
    assert [a.code for a in actors if a.code] == ["GON"]


def test_resolver_without_entities_reads_no_proper_nouns_in_a_recognised_sentence(
    make_sentence: SentenceFactory, tiny_table: ActorTable
) -> None:
    """After the recogniser ran, its entities are the whole answer: a proper noun it did not tag is no name."""
    sent = make_sentence(["Bilbo", "met", "Gondor", "."], pos={0: "PROPN", 2: "PROPN"})
    [actors] = ActorResolver(tiny_table).resolve_article([sent])
    assert [(a.text, a.code) for a in actors] == [("Gondor", "GON")]


@pytest.mark.parametrize(
    ("words", "pos", "runs"),
    [
        (["Rapid", "Support", "Forces", "fought"], {0: "PROPN", 1: "PROPN", 2: "PROPN"}, [(0, 3)]),
        (["On", "Monday", ",", "Hemedti", "spoke"], {1: "PROPN", 3: "PROPN"}, [(3, 4)]),
        (["Mr.", "Burhan", "and", "Hemedti"], {0: "PROPN", 1: "PROPN", 3: "PROPN"}, [(1, 2), (3, 4)]),
        (["the", "2019", "Act"], {1: "PROPN", 2: "PROPN"}, [(2, 3)]),
        (["they", "fought"], {}, []),
        # a hyphen touching proper nouns on both sides is inside the name
        (["Ben", "Murray", "-", "Bruce", "spoke"], {0: "PROPN", 1: "PROPN", 3: "PROPN"}, [(0, 4)]),
        (["Gondor", "-", "based", "rebels"], {0: "PROPN"}, [(0, 1)]),
    ],
)
def test_proper_noun_runs(
    make_sentence: SentenceFactory, words: list[str], pos: dict[int, str], runs: list[tuple[int, int]]
) -> None:
    assert proper_noun_runs(make_sentence(words, pos=pos).tokens) == runs


D2019 = dt.date(2019, 11, 19)


def test_resolver_a_surname_after_another_given_name_is_someone_else(
    make_sentence: SentenceFactory, default_table: ActorTable
) -> None:
    """ "Tim Morrison" (a White House aide) is not Scott Morrison, and neither is the article's next "Morrison"."""
    first = make_sentence(["Tim", "Morrison", "testified", "."], pos={0: "PROPN", 1: "PROPN"})
    second = make_sentence(["Morrison", "said", "so", "."], index=1, offset=first.end + 1, pos={0: "PROPN"})
    assert _codes(default_table, [first, second], as_of=D2019) == []


def test_resolver_the_known_given_name_keeps_the_surname(
    make_sentence: SentenceFactory, default_table: ActorTable
) -> None:
    """The full name, a spelling of its given name, or the full name again after a namesake: the known person."""
    first = make_sentence(["Scott", "Morrison", "spoke", "."], pos={0: "PROPN", 1: "PROPN"})
    second = make_sentence(["Tim", "Morrison", "testified", "."], index=1, offset=first.end + 1, pos={0: "PROPN"})
    third = make_sentence(["Scott", "Morrison", "and", "Morrison", "met", "."], index=2, offset=second.end + 1)
    codes = _codes(default_table, [first, second, third], as_of=D2019)
    assert codes == [("Scott Morrison", "AUS.GOV"), ("Scott Morrison", "AUS.GOV"), ("Morrison", "AUS.GOV")]
    sergey = make_sentence(["Sergey", "Lavrov", "spoke", "."], pos={0: "PROPN", 1: "PROPN"})
    assert _codes(default_table, [sergey], as_of=D2013) == [("Sergey Lavrov", "RUS.GOV")]


@pytest.mark.parametrize(
    "words",
    [
        ["In", "February", "Morrison", "spoke", "."],  # a month tagged as a proper noun
        ["Mr.", "Morrison", "spoke", "."],  # an honorific
        ["Prime", "Minister", "Morrison", "spoke", "."],  # a title the table matches
    ],
)
def test_resolver_a_capitalised_word_that_is_no_given_name_keeps_the_surname(
    make_sentence: SentenceFactory, default_table: ActorTable, words: list[str]
) -> None:
    sent = make_sentence(words, pos={i: "PROPN" for i, w in enumerate(words) if w[0].isupper()})
    assert [code for _, code in _codes(default_table, [sent], as_of=D2019)] == ["AUS.GOV"]


def test_resolver_without_parts_of_speech_sets_no_surname_aside(
    make_sentence: SentenceFactory, default_table: ActorTable
) -> None:
    """Words without a tagger (a sentence the gate dropped) give no given name: the surname stays the table's."""
    sent = make_sentence(["Tim", "Morrison", "testified", "."])
    assert _codes(default_table, [sent], as_of=D2019) == [("Morrison", "AUS.GOV")]
