"""The actor stage on hand-built and (slow) really parsed articles."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from annales.pipeline.actors import ActorStage, ActorTable, mention_head
from annales.records import Article, Sentence

SentenceFactory = Callable[..., Sentence]


def _resolved(parser: Any, text: str, published: dt.date) -> Article:
    """`text` parsed and through the actor stage with the shipped table."""
    article = Article("d", "mem://d", "text", text=text, published=published)
    parser.process(article)
    ActorStage(table=ActorTable.default()).process(article)
    return article


def test_actor_stage_fills_sorted_mentions_and_counts(make_sentence: SentenceFactory, tiny_table: ActorTable) -> None:
    first = make_sentence(["Gondor", "and", "Mordor", "met", "."])
    second = make_sentence(["Bilbo", "officials", "left", "."], index=1, offset=first.end + 1, ents=[(0, 1, "PERSON")])
    article = Article("d1", "mem://d1", "text", published=dt.date(2012, 1, 1), sentences=[first, second])
    stage = ActorStage(table=tiny_table)
    stage.raise_errors = True
    stage.process(article)
    assert [(m.text, m.code) for m in article.mentions] == [
        ("Gondor", "GON"),
        ("Mordor", "MOR"),
        ("Bilbo", None),
        ("officials", "GON.GOV"),
    ]
    assert stage.stats["mentions"] == 4 and stage.stats["resolved"] == 3
    assert stage.stats["unresolved_unknown_name"] == 1


@pytest.mark.slow
def test_actor_stage_on_parsed_text(parser: Any) -> None:
    text = (
        "U.S. Secretary of State John Kerry met Russia's Foreign Minister Sergei Lavrov in Geneva. "
        "Mr. Lavrov said Moscow wants talks. He added that Syrian rebels must leave."
    )
    article = Article("d2", "mem://d2", "text", text=text, published=dt.date(2013, 4, 23))
    parser.process(article)
    ActorStage(table=ActorTable.default()).process(article)
    found = {(m.text, m.code) for m in article.mentions}
    assert {
        ("U.S. Secretary of State John Kerry", "USA.GOV"),
        ("Russia's Foreign Minister Sergei Lavrov", "RUS.GOV"),
        ("Mr. Lavrov", "RUS.GOV"),
        ("Moscow", "RUS.GOV"),
        ("He", "RUS.GOV"),
        ("Syrian rebels", "SYR.REB"),
    } <= found
    kerry = next(m for m in article.mentions if m.name == "John Kerry")
    head = mention_head(article.sentences[0], kerry)
    assert head is not None and article.sentences[0].tokens[head].text == "Kerry"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "police"),
    [
        ("LONDON, Ky. (WKYT) - London Police have arrested two people on drug charges.\n\nPolice also arrested a man.",
         "USA.POL"),
        ("Gary Wilson of Palestine, Texas, fled the Palestine police in 2007.\n\nThe police arrested him later.",
         "USA.POL"),
        ("LONDON (Reuters) - London police have arrested two people on drug charges.\n\nPolice also arrested a man.",
         "GBR.POL"),
    ],
)  # fmt: skip
def test_actor_stage_a_town_named_with_its_state_is_no_foreign_country(parser: Any, text: str, police: str) -> None:
    """ "LONDON, Ky.": the article is Kentucky's, its police are American (a capital or country namesake)."""
    article = _resolved(parser, text, dt.date(2016, 12, 11))
    codes = {m.code for m in article.mentions if "olice" in m.text}
    assert codes == {police}


@pytest.mark.slow
def test_actor_stage_a_name_coded_with_a_bare_sector_is_an_agent_of_the_articles_country(parser: Any) -> None:
    """Phoenix codes "CNN" MED and hundreds of firms BUS: a sector, not a country. Such a name is an agent of
    the article's country and never votes for a country "MED"."""
    text = "CNN said the Kenyan police arrested two men.\n\nCNN said the police later released them. CNN reported it."
    article = _resolved(parser, text, dt.date(2016, 12, 11))
    codes = {(m.text, m.code) for m in article.mentions}
    assert ("CNN", "KEN.MED") in codes
    assert ("police", "KEN.POL") in codes
    assert not any(code and code.split(".")[0] == "MED" for _, code in codes)


@pytest.mark.slow
def test_actor_stage_a_one_word_name_followed_by_a_surname_is_someone_else(parser: Any) -> None:
    """The table knows a Guinean minister by the one word "Diane": "Judge Diane Nicolosi" is not him."""
    text = "Judge Diane Nicolosi denied the request on Friday."
    article = _resolved(parser, text, dt.date(2009, 3, 28))
    assert not any(m.code and m.code.startswith("GIN") for m in article.mentions)


@pytest.mark.slow
def test_actor_stage_an_article_that_names_no_country_takes_its_dateline_s(parser: Any) -> None:
    """ "CROMWELL — Police arrested...", after a glued headline, names no country the table knows: the
    gazetteer's Cromwell (Connecticut) makes its police American rather than of no country."""
    text = "Loud music complaint leads to arrest. CROMWELL — Police arrested a tenant on Sunday."
    article = _resolved(parser, text, dt.date(2009, 3, 30))
    assert {m.code for m in article.mentions if m.text == "Police"} == {"USA.POL"}


@pytest.mark.slow
def test_actor_stage_an_article_with_no_country_takes_that_of_the_big_city_it_names_twice(parser: Any) -> None:
    """No country, person, group or dateline the table knows, but Belfast twice: the court is British."""
    text = (
        "A man was remanded in custody after appearing in court. He stood in the dock of Belfast "
        "Magistrate's Court. He was arrested in north Belfast on Tuesday."
    )
    article = _resolved(parser, text, dt.date(2018, 4, 5))
    assert {m.code for m in article.mentions if m.text == "court"} == {"GBR.JUD"}


@pytest.mark.slow
def test_actor_stage_a_dateline_glued_after_a_headline_names_no_party(parser: Any) -> None:
    """ "Pakistan to restore chief justice. ISLAMABAD, Pakistan — Pakistan agreed...": the dateline after the
    glued headline is where the reporter filed, no party; the country named after its dash is."""
    text = (
        "Pakistan to restore chief justice ousted by Musharraf. "
        "ISLAMABAD, Pakistan — Pakistan agreed Monday to reinstate a fired chief justice."
    )
    article = _resolved(parser, text, dt.date(2009, 3, 16))
    second = article.sentences[1]
    inside = [m for m in article.mentions if second.start <= m.start < second.end]
    assert [m.code for m in inside if m.text == "ISLAMABAD"] == [None]
    assert "PAK" in {m.code for m in inside if m.text == "Pakistan"}


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "name", "code"),
    [
        ("Lawmakers questioned Fiona Hill, a Russia expert, on Tuesday.", "Russia", None),
        ("A China analyst at Chatham House said Beijing would respond.", "China", None),
        # a demonym is a nationality; a country that owns the person is the country
        ("A Russian expert at Chatham House said Moscow would respond.", "Russian", "RUS"),
        ("Russia's top arms control expert said Moscow would respond.", "Russia", "RUS"),
    ],
)
def test_actor_stage_a_country_named_for_what_someone_studies_is_no_party(
    parser: Any, text: str, name: str, code: str | None
) -> None:
    """ "a Russia expert", "a Ukraine specialist", "a China analyst": the country is what they study or cover."""
    article = _resolved(parser, text, dt.date(2019, 11, 20))
    assert [m.code for m in article.mentions if m.text == name] == [code]


@pytest.mark.slow
def test_actor_stage_an_unknown_person_whose_nationality_is_stated_is_of_that_country(parser: Any) -> None:
    """ "Australian-born Assange" (the table does not know him): every mention of that surname in the article,
    before and after, is of Australia; a stranger whose nationality no mention states stays uncoded."""
    text = (
        "Prosecutors in Sweden have dropped an investigation into Julian Merriweather. "
        "Australian-born Merriweather faces a charge of conspiracy in the US. "
        "Swedish prosecutors said Merriweather had denied the allegation, and so had Tom Oakridge."
    )
    article = _resolved(parser, text, dt.date(2019, 11, 19))
    merriweather = {(m.text, m.code) for m in article.mentions if "Merriweather" in m.text}
    assert merriweather == {("Julian Merriweather", "AUS"), ("Merriweather", "AUS")}
    assert [m.code for m in article.mentions if m.text == "Tom Oakridge"] == [None]
    # a town before a title is where someone sits, no nationality
    article = _resolved(
        parser, "Calgary MLA Sandra Jansen drew an ovation. Jansen said it was hateful.", dt.date(2016, 11, 23)
    )
    assert [m.code for m in article.mentions if m.text == "Jansen"] == [None]


@pytest.mark.slow
def test_actor_stage_salisbury_is_no_longer_zimbabwe(parser: Any) -> None:
    """Phoenix keeps "Salisbury", Harare's name until 1982, as Zimbabwe: in today's news it is the English city
    (the Skripal poisoning), never a party of Zimbabwe; Harare still is Zimbabwe's government."""
    text = "The former spy was poisoned in Salisbury, Britain says. Officials in Harare were not involved."
    article = _resolved(parser, text, dt.date(2018, 3, 31))
    assert not any(m.code and m.code.startswith("ZWE") for m in article.mentions if m.text == "Salisbury")
    assert [m.code for m in article.mentions if m.text == "Harare"] == ["ZWE.GOV"]
