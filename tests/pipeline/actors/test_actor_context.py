"""Regression tests of actor context: datelines, owners, clause places, idioms, definites, pronoun gender."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annales.pipeline.actors import ActorResolver, ActorStage, ActorTable
from annales.pipeline.actors.dateline import dateline_end, find_datelines
from annales.pipeline.actors.dictionary import read_actor_tsv, read_agent_tsv
from annales.pipeline.actors.gender import GenderTable
from annales.pipeline.actors.model import ActorDictionary
from annales.records import Actor, Article, Sentence

SentenceFactory = Callable[..., Sentence]
D2003 = dt.date(2003, 1, 1)


def _resolve(table: ActorTable, sentences: list[Sentence], **kwargs: object) -> list[list[Actor]]:
    return ActorResolver(table).resolve_article(sentences, **kwargs)  # type: ignore[arg-type]


def _coded(actors: list[Actor]) -> list[tuple[str, str | None, str | None]]:
    return [(actor.text, actor.code, actor.reason) for actor in actors]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("GENEVA, Sept. 10, 2016 (Steppe Wire) - U.S. Secretary of State John Kerry agreed.", 38),
        ("MINSK (Reuters) - Leaders met.", 17),
        ("KIEV \u2014 Protesters marched.", 6),
        ("BAKU - Protesters gathered.", 6),
        ("KIEV, Ukraine - Protesters gathered.", 15),
        ("Geneva, Sept. 10 (Reuters) - Talks ended.", 28),
        ("Damascus, SANA - President al-Assad received the envoy.", 16),  # a state agency, bare
        ("Obama, GOP - talks failed.", None),  # a bare word after the comma is an agency only if it is one
        ("Kerry said - and Lavrov agreed.", None),  # mixed case needs a date or an agency
        ("Iran agreed - at last.", None),
        ("U.S. - Russia talks ended.", None),  # too few capital letters
        ("The talks failed - again.", None),
    ],
)
def test_actor_dateline_end_finds_wire_datelines(text: str, expected: int | None) -> None:
    assert dateline_end(text) == expected


def test_actor_dateline_only_at_paragraph_starts(make_sentence: SentenceFactory) -> None:
    text = "Intro line.\nBAKU - Protesters gathered. ROME - not a dateline mid-paragraph."
    sent = make_sentence(["Intro", "line", "."])
    assert find_datelines([sent], text) == [(12, 18)]


@pytest.mark.parametrize(
    "words",
    [
        ["OSGILIATH", "\u2014", "Rebels", "attacked", "."],
        ["GONDOR", ",", "Sept.", "10", ",", "2016", "(", "Wire", ")", "\u2014", "Rebels", "attacked", "."],
        ["Osgiliath", ",", "Sept.", "10", "(", "Wire", ")", "\u2014", "Rebels", "attacked", "."],
    ],
)
def test_actor_dateline_mentions_are_not_actors(
    make_sentence: SentenceFactory, tiny_table: ActorTable, words: list[str]
) -> None:
    sent = make_sentence(words, parse={0: ("nsubj", len(words) - 2)})
    actors = _resolve(tiny_table, [sent], text=sent.text, context_country="MOR")[0]
    assert _coded(actors) == [(words[0], None, "dateline"), ("Rebels", "MOR.REB", None)]


def test_actor_dateline_country_only_when_nothing_else(make_sentence: SentenceFactory, tiny_table: ActorTable) -> None:
    alone = make_sentence(["OSGILIATH", "\u2014", "Rebels", "attacked", "."])
    assert _coded(_resolve(tiny_table, [alone], text=alone.text)[0])[-1] == ("Rebels", "GON.REB", None)
    other = make_sentence(["OSGILIATH", "\u2014", "Mordor", "and", "rebels", "attacked", "."])
    assert _coded(_resolve(tiny_table, [other], text=other.text)[0])[-1] == ("rebels", "MOR.REB", None)


@pytest.fixture(scope="module")
def office_table(tiny_table: ActorTable) -> ActorTable:
    """The tiny table plus a Gondorian institution whose name is also a generic agent."""
    actors = ["kind\tname\troles\taliases", "org\tWhite Tower\tGON.GOV\tForeign Office"]
    agents = ["pattern\tsector", "foreign office\tGOV"]
    extra = ActorDictionary(
        "office",
        actors=tuple(read_actor_tsv(actors, source="office")),
        agents=tuple(read_agent_tsv(agents, source="office")),
    )
    return tiny_table.with_user(extra)


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (["Mordor", "'s", "Foreign", "Office", "rejected", "it", "."], ("Mordor's Foreign Office", "MOR.GOV")),
        (["Mordorian", "Foreign", "Office", "rejected", "it", "."], ("Mordorian Foreign Office", "MOR.GOV")),
        (["The", "Foreign", "Office", "rejected", "it", "."], ("Foreign Office", "GON.GOV")),
    ],
)
def test_actor_possessive_country_owns_institution(
    make_sentence: SentenceFactory, office_table: ActorTable, words: list[str], expected: tuple[str, str]
) -> None:
    actors = _resolve(office_table, [make_sentence(words)])[0]
    assert [(actor.text, actor.code) for actor in actors] == [expected]


@pytest.mark.parametrize(
    ("words", "parse", "expected"),
    [
        # "in Osgiliath" locates the clause: it beats the article's country
        (["Protesters", "gathered", "in", "Osgiliath", "."], {0: ("nsubj", 1), 2: ("prep", 1), 3: ("pobj", 2)}, "GON"),
        # an object is no location: the article's country stays
        (["Protesters", "attacked", "Gondor", "."], {0: ("nsubj", 1), 2: ("dobj", 1)}, "MOR"),
        # troops are not from wherever they are
        (
            ["Troops", "gathered", "in", "Osgiliath", "."],
            {0: ("nsubj", 1), 2: ("prep", 1), 3: ("pobj", 2)},
            "MOR",
        ),
        # a place of another clause does not count
        (
            ["Protesters", "said", "talks", "began", "in", "Osgiliath", "."],
            {0: ("nsubj", 1), 2: ("nsubj", 3), 3: ("ccomp", 1), 4: ("prep", 3), 5: ("pobj", 4)},
            "MOR",
        ),
    ],
)
def test_actor_agent_takes_place_of_its_clause(
    make_sentence: SentenceFactory,
    tiny_table: ActorTable,
    words: list[str],
    parse: dict[int, tuple[str, int]],
    expected: str,
) -> None:
    pos = {i: "VERB" for i, (dep, _) in parse.items() if dep in ("ccomp",)} | {1: "VERB"}
    sent = make_sentence(words, parse=parse, pos=pos)
    actors = _resolve(tiny_table, [sent], context_country="MOR")[0]
    assert actors[0].code == f"{expected}.{'MIL' if words[0] == 'Troops' else 'ACT'}"


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (["European", "officials", "said", "so", "."], ("officials", None, "regional_modifier")),
        (["Western", "officials", "said", "so", "."], ("officials", None, "regional_modifier")),
        (["Elvish", "officials", "said", "so", "."], ("officials", "MOR.GOV", None)),  # a local group
    ],
)
def test_actor_regional_modifier_keeps_agent_unresolved(
    make_sentence: SentenceFactory,
    tiny_table: ActorTable,
    words: list[str],
    expected: tuple[str, str | None, str | None],
) -> None:
    sent = make_sentence(words, parse={0: ("amod", 1), 1: ("nsubj", 2)}, ents=[(0, 1, "NORP")])
    actors = _resolve(tiny_table, [sent], context_country="MOR")[0]
    assert [actor for actor in _coded(actors) if actor[0] == "officials"] == [expected]


@pytest.mark.parametrize(
    ("words", "parse"),
    [
        (["He", "defended", "freedom", "of", "the", "press", "."], {2: ("dobj", 1), 3: ("prep", 2), 5: ("pobj", 3)}),
        (["The", "board", "of", "governors", "met", "."], {1: ("nsubj", 4), 2: ("prep", 1), 3: ("pobj", 2)}),
        (["They", "held", "a", "press", "conference", "."], {3: ("compound", 4), 4: ("dobj", 1)}),
    ],
)
def test_actor_idioms_are_not_actors(
    make_sentence: SentenceFactory, default_table: ActorTable, words: list[str], parse: dict[int, tuple[str, int]]
) -> None:
    pos = {i: "NOUN" for i in range(len(words)) if words[i].islower() and words[i] not in ("of", "the", "a")}
    actors = _resolve(default_table, [make_sentence(words, parse=parse, pos=pos)], context_country="RUS")[0]
    assert [actor.code for actor in actors] == [None] * len(actors)
    assert "not_actor" in {actor.reason for actor in actors}


@pytest.mark.parametrize(
    ("words", "parse"),
    [
        (["Aragorn", "Elessar", "'s", "troops", "moved", "."], {1: ("poss", 3), 3: ("nsubj", 4)}),
        (["Aragorn", "Elessar", "sent", "his", "troops", "."], {1: ("nsubj", 2), 3: ("poss", 4), 4: ("dobj", 2)}),
        (["Troops", "of", "Aragorn", "Elessar", "moved", "."], {0: ("nsubj", 4), 1: ("prep", 0), 3: ("pobj", 1)}),
        (["Aragorn", "Elessar", ",", "whose", "troops", "moved", "."], {4: ("appos", 1)}),
        (["The", "troops", ",", "Aragorn", "Elessar", ",", "moved", "."], {1: ("nsubj", 6), 4: ("appos", 1)}),
    ],
)
def test_actor_agent_takes_owner_person_country(
    make_sentence: SentenceFactory, tiny_table: ActorTable, words: list[str], parse: dict[int, tuple[str, int]]
) -> None:
    actors = _resolve(tiny_table, [make_sentence(words, parse=parse)], context_country="MOR", as_of=D2003)[0]
    troops = [actor for actor in actors if actor.text.lower() == "troops"]
    assert [actor.code for actor in troops] == ["GON.MIL"]
    assert all(actor.text != "his" for actor in actors)  # a possessive pronoun is no mention


def test_actor_definite_description_refers_to_org(make_sentence: SentenceFactory, default_table: ActorTable) -> None:
    first = make_sentence(["The", "International", "Atomic", "Energy", "Agency", "met", "."])
    second = make_sentence(
        ["The", "agency", "'s", "director", "general", "criticized", "the", "alliance", "."],
        index=1,
        offset=first.end + 1,
        parse={1: ("poss", 4), 4: ("nsubj", 5), 7: ("dobj", 5)},
        pos={1: "NOUN", 7: "NOUN"},
    )
    actors = _resolve(default_table, [first, second], context_country="IRN")[1]
    # the IAEA is its own organisation code since issue 12; "the alliance": no IGO of that name before
    assert _coded(actors) == [("director general", "IAEA", None)]
    nato = make_sentence(["NATO", "met", "."])
    later = make_sentence(["The", "alliance", "agreed", "."], index=1, offset=nato.end + 1, pos={1: "NOUN"})
    assert _coded(_resolve(default_table, [nato, later])[1]) == [("The alliance", "NATO", None)]


def test_actor_the_group_refers_to_the_armed_group_just_named(
    make_sentence: SentenceFactory, tiny_table: ActorTable
) -> None:
    """ "The Orc Band attacked. The group said ...": the group is the Orc Band; three sentences on it is not."""
    first = make_sentence(["The", "Orc", "Band", "attacked", "."], parse={2: ("nsubj", 3)})
    second = make_sentence(["The", "group", "said", "so", "."], index=1, offset=first.end + 1, pos={1: "NOUN"})
    assert _coded(_resolve(tiny_table, [first, second])[1]) == [("The group", "MOR.REB", None)]
    filler = [make_sentence(["It", "rained", "."], index=k, offset=first.end + 1 + 12 * (k - 1)) for k in (1, 2, 3)]
    late = make_sentence(["The", "group", "said", "so", "."], index=4, offset=first.end + 40, pos={1: "NOUN"})
    assert _coded(_resolve(tiny_table, [first, *filler, late])[4]) == []


@pytest.fixture(scope="module")
def genders() -> GenderTable:
    return GenderTable.from_lines(["word\tgender", "aragorn\tm", "faramir\tf"])


@pytest.mark.parametrize(("pronoun", "expected"), [("He", "Aragorn Elessar"), ("She", "Faramir Steward")])
def test_actor_pronoun_respects_gender(
    make_sentence: SentenceFactory, tiny_table: ActorTable, genders: GenderTable, pronoun: str, expected: str
) -> None:
    first = make_sentence(
        ["Faramir", "Steward", "met", "Aragorn", "Elessar", "."], parse={1: ("nsubj", 2), 4: ("dobj", 2)}
    )
    second = make_sentence([pronoun, "left", "."], index=1, offset=first.end + 1, parse={0: ("nsubj", 1)})
    actors = ActorResolver(tiny_table, genders=genders).resolve_article([first, second], as_of=D2003)
    assert [actor.name for actor in actors[1]] == [expected]


def test_actor_pronoun_prefers_subject_of_unknown_gender(
    make_sentence: SentenceFactory, tiny_table: ActorTable
) -> None:
    only_faramir = GenderTable.from_lines(["faramir\tm"])
    first = make_sentence(
        ["Aragorn", "Elessar", "met", "Faramir", "Steward", "."], parse={1: ("nsubj", 2), 4: ("dobj", 2)}
    )
    second = make_sentence(["He", "left", "."], index=1, offset=first.end + 1, parse={0: ("nsubj", 1)})
    actors = ActorResolver(tiny_table, genders=only_faramir).resolve_article([first, second], as_of=D2003)
    assert [actor.name for actor in actors[1]] == ["Aragorn Elessar"]


def test_actor_pronoun_without_gender_needs_one_candidate(
    make_sentence: SentenceFactory, tiny_table: ActorTable
) -> None:
    words = ["Aragorn", "Elessar", "spoke", "and", "Faramir", "Steward", "listened", "."]
    first = make_sentence(words, parse={1: ("nsubj", 2), 5: ("nsubj", 6), 6: ("conj", 2)}, pos={2: "VERB", 6: "VERB"})
    second = make_sentence(["He", "left", "."], index=1, offset=first.end + 1, parse={0: ("nsubj", 1)})
    empty = GenderTable.from_lines([])
    actors = ActorResolver(tiny_table, genders=empty).resolve_article([first, second], as_of=D2003)
    assert _coded(actors[1]) == [("He", None, "no_antecedent")]


def test_actor_object_pronoun_skips_own_subject(
    make_sentence: SentenceFactory, tiny_table: ActorTable, genders: GenderTable
) -> None:
    first = make_sentence(["Faramir", "Steward", "arrived", "."], parse={1: ("nsubj", 2)}, pos={2: "VERB"})
    second = make_sentence(
        ["Aragorn", "Elessar", "thanked", "her", "."],
        index=1,
        offset=first.end + 1,
        parse={1: ("nsubj", 2), 3: ("dobj", 2)},
        pos={2: "VERB", 3: "PRON"},
    )
    actors = ActorResolver(tiny_table, genders=genders).resolve_article([first, second], as_of=D2003)
    assert [(actor.text, actor.name) for actor in actors[1]] == [
        ("Aragorn Elessar", "Aragorn Elessar"),
        ("her", "Faramir Steward"),
    ]


def test_actor_bundled_genders_know_common_names() -> None:
    table = GenderTable.default()
    assert (table.guess(["Angela", "Merkel"]), table.guess(["Barack", "Obama"]), table.guess(["Zzyx"])) == (
        "f",
        "m",
        None,
    )


@pytest.mark.parametrize(
    ("words", "parse"),
    [
        (["Opposition", "groups", "marched", "."], {0: ("compound", 1), 1: ("nsubj", 2)}),
        (["The", "Parliament", "speaker", "said", "so", "."], {1: ("compound", 2), 2: ("nsubj", 3)}),
    ],
)
def test_actor_agent_compounded_with_group_noun_stays_actor(
    make_sentence: SentenceFactory, default_table: ActorTable, words: list[str], parse: dict[int, tuple[str, int]]
) -> None:
    pos = {i: "NOUN" for i in range(1, len(words) - 1)}
    actors = _resolve(default_table, [make_sentence(words, parse=parse, pos=pos)], context_country="ZWE")[0]
    assert [actor.code is not None for actor in actors] == [True]


@pytest.mark.parametrize(
    ("words", "parse", "expected"),
    [
        (["They", "met", "in", "an", "Osgiliath", "hotel", "."], {4: ("compound", 5)}, (None, "place")),
        # a street named after a group or an organisation is an address, never the group
        (
            ["They", "met", "on", "Orc", "Band", "Street", "."],
            {3: ("compound", 4), 4: ("compound", 5)},
            (None, "place"),
        ),
        (
            ["They", "met", "on", "White", "Council", "Road", "."],
            {3: ("compound", 4), 4: ("compound", 5)},
            (None, "place"),
        ),
        (["The", "Orc", "Band", "fighters", "fled", "."], {1: ("compound", 2), 2: ("compound", 3)}, ("MOR.REB", None)),
        (["Osgiliath", "officials", "met", "."], {0: ("compound", 1)}, ("GON.GOV", None)),
        (["They", "met", "Gondor", "."], {2: ("dobj", 1)}, ("GON", None)),
    ],
)
def test_actor_place_naming_a_site_is_not_actor(
    make_sentence: SentenceFactory,
    tiny_table: ActorTable,
    words: list[str],
    parse: dict[int, tuple[str, int]],
    expected: tuple[str | None, str | None],
) -> None:
    actors = _resolve(tiny_table, [make_sentence(words, parse=parse)])[0]
    assert [(actor.code, actor.reason) for actor in actors] == [expected]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "mention", "expected"),
    [
        ("GENEVA, Sept. 10, 2016 (Wire) - John Kerry and Sergei Lavrov agreed on a plan.", "GENEVA", None),
        (
            "BAKU - Protesters gathered outside the parliament in Yerevan on Saturday.",
            "Protesters",
            "ARM.CVL",
        ),  # protesters are civilians (issue 12)
        (
            "American police said the American teen was arrested. The teen killed 12 people at a school in Germany.",
            "people",
            "DEU.PPL",
        ),  # people are where they are killed, not of the article's country
        ("Pakistan's Foreign Office rejected the accusation.", "Pakistan's Foreign Office", "PAK.GOV"),
        ("Moon Jae-in convened his national security council.", "national security council", "KOR.GOV"),
        ("Barack Obama met Angela Merkel in Berlin. She said the talks went well.", "She", "DEU.GOV"),
        ("Russia said the journalists defended freedom of the press.", "press", None),
    ],
)
def test_actor_context_on_parsed_text(parser: Any, text: str, mention: str, expected: str | None) -> None:
    article = Article("d", "mem://d", "text", text=text, published=dt.date(2017, 8, 10))
    parser.process(article)
    ActorStage(table=ActorTable.default()).process(article)
    assert [m.code for m in article.mentions if m.text == mention] == [expected]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("ABKIEV abc,.()-\u2014 0123\n"), max_size=60))
def test_actor_dateline_end_is_within_text_and_ends_at_dash(text: str) -> None:
    end = dateline_end(text)
    assert end is None or (
        0 < end <= len(text) and text[end - 1] in "-\u2013\u2014" and text[end : end + 1] in ("", " ", "\n")
    )
