"""Issue 16: the date and place of each event in its article (dates v2, places v2), on small articles we wrote.

Events are built by hand on real parses, so these tests exercise the date and place cascades alone,
whatever the coder finds.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from tests.pipeline.resolve.conftest import _actor, _article, _dates, _places

from annales.pipeline.resolve.dates import DateOptions, EventDate, EventDateStage
from annales.pipeline.resolve.dates_background import is_background
from annales.pipeline.resolve.dates_context import _choose, _Clause, news_day, sequel_offset
from annales.pipeline.resolve.places import EventPlaceStage, PlaceOptions
from annales.records import Event

pytestmark = pytest.mark.slow

D = dt.date


def test_dates_background_with_its_own_year_keeps_it(parser: Any) -> None:
    article = _article(parser, "In 2011, protesters accused the government of fraud.", D(2016, 7, 13), [
        ("accused", "EGY.CVL", "EGY.GOV", "ACCUSE"),
    ])  # fmt: skip
    assert _dates(article) == [(D(2011, 1, 1), "clause", None)]


@pytest.mark.parametrize(
    "text",
    [
        "Protesters had accused the government of fraud.",
        "In the past, protesters accused the government of fraud.",
        "Protesters have accused the government of fraud since the election.",
    ],
)
def test_dates_background_without_a_date_is_not_the_publication_date(parser: Any, text: str) -> None:
    article = _article(parser, text, D(2016, 7, 13), [("accused", "EGY.CVL", "EGY.GOV", "ACCUSE")])
    assert _dates(article) == [(None, None, "background_undated")]


def test_dates_a_paragraph_about_an_old_embargo_keeps_its_events_off_the_publication_day(parser: Any) -> None:
    text = (
        "Washington imposed an embargo on Havana in 1962.\n\n"
        "Cuba condemned the United States at the United Nations. The embargo hurt its economy."
    )
    article = _article(parser, text, D(2016, 3, 20), [
        ("imposed", "USA.GOV", "CUB.GOV", "SANCTION"),
        ("condemned", "CUB", "USA", "ACCUSE"),
    ])  # fmt: skip
    dates = _dates(article)
    assert dates[0] == (D(1962, 1, 1), "clause", None)
    assert dates[1][0] == D(2016, 3, 20)  # a new paragraph in the news: the publication day


def test_dates_a_later_act_of_the_same_sentence_takes_its_earlier_date(parser: Any) -> None:
    text = "Police arrested the blogger in May 2017, charged him with resisting arrest, and a court jailed him."
    article = _article(parser, text, D(2018, 4, 5), [
        ("arrested", "AZE.POL", "AZE.MED", "COERCE"),
        ("jailed", "AZE.JUD", "AZE.MED", "COERCE"),
    ])  # fmt: skip
    # the jailing ends a chain of conjoined verbs that begins with the dated arrest: the clause's date is shared
    assert [d[:2] for d in _dates(article)] == [(D(2017, 5, 1), "clause"), (D(2017, 5, 1), "clause")]


def test_dates_a_bare_gerund_has_the_tense_of_its_verb(parser: Any) -> None:
    """ "pleaded guilty on Monday to threatening the senator in March": March of this year, not next."""
    text = "A man pleaded guilty on Monday to threatening the senator in March."
    article = _article(parser, text, D(2019, 11, 19), [("threatening", "USA.CVL", "USA.LEG", "THREATEN")])
    assert _dates(article) == [(D(2019, 3, 1), "clause", None)]


def test_dates_a_date_hung_on_the_subject_dates_the_verb(parser: Any) -> None:
    """ "Trump on April 5 threatened ...": the tagger may call the subject a verb; the date is still the act's."""
    text = "Trump on April 5 threatened to slap tariffs on $100 billion of imports from China."
    article = _article(parser, text, D(2018, 4, 6), [("threatened", "USA.GOV", "CHN", "THREATEN")])
    assert _dates(article) == [(D(2018, 4, 5), "clause", None)]


def test_dates_a_when_clause_on_a_year_takes_that_year(parser: Any) -> None:
    """ "echoes of 2007, when the government accused opposition figures": the clause describes 2007."""
    text = "The saga has echoes of 2007, when the Georgian government accused opposition figures of plotting a coup."
    article = _article(parser, text, D(2009, 3, 26), [("accused", "GEO.GOV", "GEO.OPP", "ACCUSE")])
    assert _dates(article) == [(D(2007, 1, 1), "clause", None)]


def test_dates_follow_up_sentence_takes_the_leads_date(parser: Any) -> None:
    text = "Kerry met Lavrov in Geneva on Monday. Kerry also urged Russia to release the detained journalist."
    article = _article(parser, text, D(2016, 7, 13), [
        ("met", "USA.GOV", "RUS.GOV", "CONSULT"),
        ("urged", "USA.GOV", "RUS", "REQUEST"),
    ])  # fmt: skip
    assert _dates(article) == [(D(2016, 7, 11), "clause", None), (D(2016, 7, 11), "lead", None)]


# 2019-11-20 is a Wednesday: "on Tuesday" is the day before.
WEDNESDAY = D(2019, 11, 20)
_HEARING = (
    "US President Donald Trump has claimed victory in the impeachment inquiry.\n\n"
    '"We will win," Trump tweeted after the committee concluded its third hearing on Tuesday.\n\n'
    "In the morning, lawmakers grilled a Pentagon official.\n\n"
    '"Today\'s hearing is over," the White House said. The White House called the process a sham.'
)


def test_dates_the_one_recent_day_an_article_names_is_its_news_day(parser: Any) -> None:
    """A Wednesday article whose only recent day is "on Tuesday" tells Tuesday's news: its undated past acts
    are Tuesday's, not the publication day's; "today" in a quote is the speaker's day and does not count, and
    "Tuesday" is read in the tense of its own clause, not the quote's "will"."""
    article = _article(parser, _HEARING, WEDNESDAY, [
        ("grilled", "USA.LEG", "USA.MIL", "ACCUSE"),
        ("called", "USA.GOV", "USA.LEG", "ACCUSE"),
    ])  # fmt: skip
    assert _dates(article) == [(D(2019, 11, 19), "news_day", None), (D(2019, 11, 19), "news_day", None)]


def test_dates_an_infinitive_takes_the_tense_of_its_verb(parser: Any) -> None:
    """ "Protesters have tried to block the plant": the trying is past, so the blocking is the news day's."""
    text = (
        "Three people died in clashes at a fuel plant on Tuesday.\n\n"
        "Protesters have tried to block the plant, the ombudsman said."
    )
    article = _article(parser, text, WEDNESDAY, [("block", "BOL.CVL", "BOL.GOV", "PROTEST")])
    assert _dates(article) == [(D(2019, 11, 19), "news_day", None)]


def test_dates_a_present_tense_act_of_the_news_day_takes_it_too(parser: Any) -> None:
    """ "The Democrats are alleging..." in a Wednesday paper telling Tuesday's news is Tuesday's news, not
    Wednesday's: the news day (and a dated lead) dates the article's undated acts whatever their tense."""
    text = _HEARING + " The Democrats are alleging that Trump abused his office."
    article = _article(parser, text, WEDNESDAY, [("alleging", "USA.LEG", "USA.GOV", "ACCUSE")])
    assert _dates(article) == [(D(2019, 11, 19), "news_day", None)]


def test_dates_today_in_a_quote_is_the_news_day(parser: Any) -> None:
    """ "'We learned nothing new in today's proceedings,' she said", in a Wednesday paper telling Tuesday's
    news, was said on Tuesday: the quote's "today" is the speaker's day, and so is the same act elsewhere."""
    text = _HEARING + ' "We have learned nothing new in today\'s proceedings," the White House said.'
    article = _article(parser, text, WEDNESDAY, [
        ("called", "USA.GOV", "USA.LEG", "ACCUSE"),
        ("learned", "USA.GOV", "USA.LEG", "ACCUSE"),
    ])  # fmt: skip
    assert _dates(article) == [(D(2019, 11, 19), "story", None), (D(2019, 11, 19), "clause", None)]
    # with no news day (the paper names its own day too) the quote's "today" is the publication day
    article = _article(parser, text + " On Wednesday, the Senate met.", WEDNESDAY, [
        ("learned", "USA.GOV", "USA.LEG", "ACCUSE"),
    ])  # fmt: skip
    assert _dates(article) == [(WEDNESDAY, "clause", None)]


@pytest.mark.parametrize(
    ("text", "why"),
    [
        (_HEARING + " On Wednesday, the Senate met.", "the article names the publication day too"),
        (
            "Lawmakers met on Monday and the committee held a hearing on Tuesday.\n\n"
            "In the morning, lawmakers grilled a Pentagon official. The White House called the process a sham.",
            "the lead names two recent days: which one is the news is not known",
        ),
    ],
)
def test_dates_no_news_day_when_the_article_names_another_recent_day(parser: Any, text: str, why: str) -> None:
    article = _article(parser, text, WEDNESDAY, [("called", "USA.GOV", "USA.LEG", "ACCUSE")])
    assert _dates(article) == [(WEDNESDAY, "published", None)], why


def test_dates_the_lead_s_recent_day_is_the_news_day_among_several(parser: Any) -> None:
    """The hearing of Tuesday told in the lead is the news; a Monday named further down is a detail of it
    ("The couple were found dead Thursday ... one suspect was in jail on Friday")."""
    article = _article(parser, _HEARING + " On Monday, the Senate met.", WEDNESDAY, [
        ("called", "USA.GOV", "USA.LEG", "ACCUSE"),
    ])  # fmt: skip
    assert _dates(article) == [(D(2019, 11, 19), "news_day", None)]


def test_dates_a_deadline_is_no_news_day(parser: Any) -> None:
    """ "A deadline of Tuesday" in a Wednesday paper is a limit, not the day the article tells."""
    text = (
        "Doctors warned that migrants in detention are at risk.\n\n"
        "The group had set a deadline of Tuesday for the administration to respond."
    )
    article = _article(parser, text, WEDNESDAY, [("warned", "USA.HLH", "USA.GOV", "THREATEN")])
    assert news_day(article) is None
    assert _dates(article) == [(WEDNESDAY, "published", None)]


def test_dates_no_news_day_without_a_publication_date(parser: Any) -> None:
    """Without a publication date nothing is recent: the act keeps no date, with its reason."""
    article = _article(parser, _HEARING, None, [("called", "USA.GOV", "USA.LEG", "ACCUSE")])
    assert news_day(article) is None
    assert _dates(article) == [(None, None, "no_date_in_text")]


def test_dates_days_counted_from_what_was_told_before(parser: Any) -> None:
    """ "The following day", "two days later", "the day before": from the last day an earlier sentence
    dated (its own or counted), not from the publication."""
    text = (
        "NATO ministers met in Brussels on March 5.\n\n"
        "The following day, Clinton met Lavrov in Geneva and praised him.\n\n"
        "Two days later, Russia accused Ukraine of shelling.\n\nThe day before, Lavrov had criticized NATO."
    )
    article = _article(parser, text, D(2009, 3, 15), [
        ("met", "NATO", None, "CONSULT"),
        ("met", "USA.GOV", "RUS.GOV", "CONSULT"),
        ("praised", "USA.GOV", "RUS.GOV", "SUPPORT"),
        ("accused", "RUS", "UKR", "ACCUSE"),
        ("criticized", "RUS.GOV", "NATO", "ACCUSE"),
    ])  # fmt: skip
    assert _dates(article) == [
        (D(2009, 3, 5), "clause", None),
        (D(2009, 3, 6), "context", None),
        (D(2009, 3, 6), "context", None),  # both events of the sentence count from the same earlier day
        (D(2009, 3, 8), "context", None),
        (D(2009, 3, 7), "context", None),
    ]


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("The next day, talks resumed.", 1),
        ("A day later the army withdrew.", 1),
        ("Three days later, they met again.", 3),
        ("Two days earlier, rebels had attacked.", -2),
        ("The previous day, police arrested him.", -1),
        ("The day before, he resigned.", -1),
        ("The day before yesterday, he resigned.", None),  # a day word counted from publication
        ("They met on the day after the election.", None),  # counted from a named event: not handled
        ("Talks resumed on Monday.", None),
    ],
)
def test_sequel_offset_reads_days_counted_from_the_story(text: str, days: int | None) -> None:
    assert sequel_offset(text) == days


def test_dates_a_sequel_without_an_earlier_date_falls_through(parser: Any) -> None:
    text = "The following day, Kerry met Lavrov."
    article = _article(parser, text, D(2016, 7, 13), [("met", "USA.GOV", "RUS.GOV", "CONSULT")])
    assert _dates(article) == [(D(2016, 7, 13), "published", None)]


def test_dates_same_event_elsewhere_lends_its_date(parser: Any) -> None:
    text = "Iran and Iraq signed a border accord on Sunday. The accord was signed by Iran with Iraq after long talks."
    article = _article(parser, text, D(2019, 3, 13), [
        ("signed", "IRN", "IRQ", "AGREE"),
        ("signed", "IRN", "IRQ", "AGREE"),
    ])  # fmt: skip
    assert _dates(article)[1] == (D(2019, 3, 10), "story", None)


def test_dates_the_same_parties_lend_their_date_before_the_same_countries(parser: Any) -> None:
    """Two protests of Pakistanis against their government: the lawyers' undated protest is the lawyers' one of
    March 9, not the opposition's of March 2 told first (both are PAK protests against PAK)."""
    text = (
        "Opposition supporters protested against the government on March 2. Lawyers protested against the "
        "government on March 9. The lawyers' protest against the government was peaceful."
    )
    article = _article(parser, text, D(2009, 3, 16), [
        ("protested", "PAK.OPP", "PAK.GOV", "PROTEST"),
        ("protested", "PAK.JUD", "PAK.GOV", "PROTEST"),
        ("protest", "PAK.JUD", "PAK.GOV", "PROTEST"),
    ])  # fmt: skip
    assert _dates(article)[2] == (D(2009, 3, 9), "story", None)


def test_dates_a_coarse_phrase_never_overrides_a_finer_date_of_the_same_event() -> None:
    event = Event("e", "d", 0, "", (0, 1), _actor("USA"), _actor("RUS"), "CONSULT", None, (), "040", 0.0, 1,
                  "occurred", False, 0.9)  # fmt: skip
    coarse = EventDate(D(2016, 1, 1), None, "clause", "year")
    fine = EventDate(D(2016, 7, 11), None, "clause", "day")
    chosen = _choose(_Clause(event, None, coarse, False), [coarse, fine], None, D(2016, 7, 13))
    assert (chosen.date, chosen.source, chosen.granularity) == (D(2016, 7, 11), "story", "day")


def test_dates_v1_keeps_the_publication_date_fallback(parser: Any) -> None:
    article = _article(parser, "Protesters had accused the government of fraud.", D(2016, 7, 13), [
        ("accused", "EGY.CVL", "EGY.GOV", "ACCUSE"),
    ])  # fmt: skip
    EventDateStage(DateOptions(document_context=False)).process(article)
    assert article.events[0].date == D(2016, 7, 13)


def test_is_background_reads_tense_and_cue_words(parser: Any) -> None:
    sent = parser.parse("The rebels had seized the town.")[0]
    assert is_background(sent, 3)
    sent = parser.parse("The rebels seized the town.")[0]
    assert not is_background(sent, 2)


def test_places_dateline_only_where_the_parties_are(parser: Any) -> None:
    text = (
        "WASHINGTON (Reuters) - Sudan's army shelled rebel positions on Monday. "
        "The United States condemned Sudan over the shelling."
    )
    article = _article(parser, text, D(2023, 5, 3), [
        ("shelled", "SDN.MIL", "SDN.REB", "ASSAULT"),
        ("condemned", "USA", "SDN", "ACCUSE"),
    ])  # fmt: skip
    assert _places(article) == [("Sudan", "actors"), ("Washington", "dateline")]


def test_places_a_city_or_region_named_nearby_places_an_act_at_home(parser: Any) -> None:
    text = (
        "Police fought insurgents for three days in a wooded area of Dagestan.\n\n"
        "Helicopter gunships fired on the militant positions. Police arrested four men.\n\n"
        "Protesters in Moscow later marched against the war."
    )
    article = _article(parser, text, D(2009, 6, 1), [
        ("fired", "RUS.MIL", "RUS.INS", "ASSAULT"),
        ("arrested", "RUS.POL", "RUS.INS", "COERCE"),
        ("marched", "RUS.CVL", None, "PROTEST"),
    ])  # fmt: skip
    places = _places(article)
    # a new paragraph looks back to the lead only; the last one names its own city
    assert places[0] == ("Dagestan", "nearby") and places[1] == ("Dagestan", "nearby")
    assert places[2][0] == "Moscow"


def test_places_nearby_prefers_the_city_to_its_region(parser: Any) -> None:
    text = "A man from Ohio and a woman from Cincinnati were charged on Monday. Police arrested them at home."
    article = _article(parser, text, D(2016, 11, 23), [("arrested", "USA.POL", "USA.CRM", "COERCE")])
    assert _places(article) == [("Cincinnati", "nearby")]


def test_places_where_the_doer_is_the_act_is(parser: Any) -> None:
    """ "A jury in Fort Worth deliberated ... before convicting Webb": the place of the subject of a governing
    clause; not when the act's clause has a subject of its own ("officials in Geneva said troops attacked")."""
    text = "A federal jury in Fort Worth deliberated for ten minutes before convicting Webb of kidnapping."
    article = _article(parser, text, D(2019, 11, 19), [("convicting", "USA.JUD", "USA.CRM", "SANCTION")])
    assert _places(article) == [("Fort Worth", "clause")]
    text = "Officials in Geneva said Russian troops attacked a convoy near the border."
    article = _article(parser, text, D(2019, 11, 19), [("attacked", "RUS.MIL", "UKR.MIL", "ASSAULT")])
    assert _places(article)[0][0] != "Geneva"


def test_places_the_events_own_sentence_beats_the_dateline(parser: Any) -> None:
    """A material act whose sentence names a city or region of its country is there, not at the dateline."""
    text = (
        "MAKHACHKALA, Russia (AP) - Police said a shootout on Thursday north of the capital of "
        "Kabardino-Balkariya killed four gunmen. Police detained two suspects."
    )
    article = _article(parser, text, D(2009, 3, 20), [
        ("shootout", "RUS.POL", "RUS.UAF", "ASSAULT"),
        ("detained", "RUS.POL", "RUS.UAF", "COERCE"),
    ])  # fmt: skip
    assert _places(article) == [("Kabardino-Balkariya", "nearby"), ("Makhachkala", "dateline")]


def test_places_a_topic_is_not_a_place(parser: Any) -> None:
    text = "Putin and Erdogan held a phone call to discuss Syria."
    article = _article(parser, text, D(2019, 2, 18), [("call", "RUS.GOV", "TUR.GOV", "CONSULT")])
    assert _places(article) == [(None, "no_toponym")]


def test_places_talks_on_a_country_in_a_city_are_in_the_city(parser: Any) -> None:
    text = "Diplomats held talks on Ukraine in Geneva."
    article = _article(parser, text, D(2019, 2, 18), [("talks", "USA.GOV", "RUS.GOV", "CONSULT")])
    assert _places(article) == [("Geneva", "clause")]


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        ("Pence criticised Russia at the Munich Security Conference.", "criticised", "Munich"),
        ("Kerry visited the Russian capital.", "visited", "Moscow"),
        ("Police arrested activists in Birmingham, Alabama.", "arrested", "Birmingham"),
        ("The ambassador met officials at the Russian Foreign Ministry.", "met", "Moscow"),
        ("Protesters gathered outside the German parliament.", "gathered", "Berlin"),
    ],
)
def test_places_hidden_in_names_and_descriptions(parser: Any, text: str, trigger: str, expected: str) -> None:
    # a meeting is CONSULT: a statement's place is never one that only locates a noun of its object
    ptype = "CONSULT" if trigger == "met" else "ACCUSE"
    article = _article(parser, text, D(2019, 2, 18), [(trigger, "USA.GOV", "RUS.GOV", ptype)])
    EventPlaceStage().process(article)
    place = article.events[0].place
    assert place is not None and place.name == expected
    assert place.country == {"Moscow": "RUS", "Birmingham": "USA"}.get(expected, "DEU")


def test_places_a_name_headed_by_a_common_word_hides_no_place(parser: Any) -> None:
    """ "the Council of Europe" is headed by "Council": no town called Council (Idaho) is in it."""
    text = "Russia's membership in the Council of Europe is not threatened by sanctions, two of its officials said."
    article = _article(parser, text, D(2009, 3, 11), [("threatened", "COE", "RUS", "THREATEN")])
    EventPlaceStage().process(article)
    place = article.events[0].place
    assert place is None or place.country != "USA"


def test_places_an_act_is_where_its_actor_was_that_day(parser: Any) -> None:
    """ "HANOI - Esper accused China ... He urged Vietnam": the urging is at the dateline (a Vietnamese party),
    so the accusation of the same actor, paragraph and day is there too; a later paragraph is not."""
    text = (
        "HANOI, Vietnam (AP) - U.S. Defense Secretary Mark Esper on Wednesday accused China of coercion. "
        "He urged Vietnam to push back.\n\n"
        "Esper also criticised Beijing."
    )
    article = _article(parser, text, D(2019, 11, 20), [
        ("accused", "USA.GOV", "CHN", "ACCUSE"),
        ("urged", "USA.GOV", "VNM", "REQUEST"),
        ("criticised", "USA.GOV", "CHN.GOV", "ACCUSE"),
    ])  # fmt: skip
    assert _places(article) == [("Hanoi", "whereabouts"), ("Hanoi", "dateline"), (None, "no_toponym")]


def test_places_a_hosted_visit_is_in_the_hosts_country(parser: Any) -> None:
    article = _article(parser, "Putin hosted Erdogan on Tuesday.", D(2016, 8, 10), [
        ("hosted", "TUR.GOV", "RUS.GOV", "CONSULT"),
    ])  # fmt: skip
    assert _places(article) == [("Russia", "host")]


def test_places_travel_to_a_city_to_meet_happens_in_the_city(parser: Any) -> None:
    article = _article(parser, "Kerry travelled to Moscow to meet Putin.", D(2016, 8, 10), [
        ("travelled", "USA.GOV", "RUS.GOV", "CONSULT"),
    ])  # fmt: skip
    assert _places(article) == [("Moscow", "visit")]


def test_places_v1_puts_every_event_at_the_dateline(parser: Any) -> None:
    text = "WASHINGTON (Reuters) - Sudan's army shelled rebel positions on Monday."
    article = _article(parser, text, D(2023, 5, 3), [("shelled", "SDN.MIL", "SDN.REB", "ASSAULT")])
    EventPlaceStage(PlaceOptions(document_context=False)).process(article)
    assert article.events[0].place is not None and article.events[0].place.name == "Washington"


_TRIAL = (
    "An Ohio man who plotted to attack a police station in Cincinnati was sentenced on Wednesday.\n\n"
    "The man grew up in Cincinnati and was arrested in 2015.\n\n"
    "A federal judge sentenced him to 20 years in prison. The Justice Department welcomed the sentence. "
    "His lawyers demanded a new trial."
)


def test_places_an_act_on_site_takes_the_city_the_article_is_set_in(parser: Any) -> None:
    """A court's ruling with no place of its own is in the city the article names most (twice at least);
    a statement about it is in a city of its speaker's country named nearby, and a foreign government's
    in none of the article's cities."""
    text = _TRIAL.replace("The Justice Department", "The Canadian government")
    article = _article(parser, text, D(2016, 11, 23), [
        ("sentenced him", "USA.JUD", "USA.CRM", "SANCTION"),
        ("welcomed", "CAN.GOV", "USA.JUD", "SUPPORT"),
        ("demanded", "USA.JUD", "USA.GOV", "REQUEST"),  # lawyers (coded JUD) asking: a statement
    ])  # fmt: skip
    assert _places(article) == [("Cincinnati", "setting"), (None, "no_toponym"), ("Cincinnati", "speaker")]


@pytest.mark.parametrize(
    ("text", "why"),
    [
        (_TRIAL.replace("grew up in Cincinnati", "grew up there"), "a city named once is no setting"),
        (_TRIAL.replace("A federal judge", "A Canadian judge"), "no party of the setting's country"),
    ],
)
def test_places_no_setting_without_a_city_named_twice_in_the_parties_country(parser: Any, text: str, why: str) -> None:
    actor = "CAN.JUD" if "Canadian" in text else "USA.JUD"
    article = _article(parser, text, D(2016, 11, 23), [("sentenced him", actor, "CAN.CRM", "SANCTION")])
    assert _places(article)[0][1] != "setting", why  # (the American judge's lead city is a nearby one)


def test_places_a_material_act_nothing_nearer_places_falls_through_to_the_setting(parser: Any) -> None:
    """A material act whose country has no city nearby and no place in the gazetteer is not left
    without a place when the article is set in a city of one of its parties."""
    text = (
        "Officials in Cincinnati said the trial opened in Cincinnati on Monday.\n\n"
        "Court papers say the defendant attacked the envoy."
    )
    article = _article(parser, text, D(2016, 11, 23), [("attacked", "USA.CRM", "XGN.GOV", "ASSAULT")])
    assert _places(article) == [("Cincinnati", "setting")]


def test_places_a_venue_the_gazetteer_does_not_know_is_not_overruled_by_the_setting(parser: Any) -> None:
    """ "A meeting in the Oval Office" names its place; that the gazetteer cannot place it does not send
    the meeting to the city the article is otherwise set in."""
    text = (
        "Officials in Beijing welcomed the trade deal, and markets in Beijing rose.\n\n"
        "Trump met Liu He, China's top trade negotiator, in the Oval Office."
    )
    article = _article(parser, text, D(2019, 11, 18), [("met", "USA.GOV", "CHN.GOV", "CONSULT")])
    assert _places(article)[0][0] != "Beijing"


def test_places_an_act_takes_a_city_of_its_actor_s_country_named_nearby(parser: Any) -> None:
    """A statement with no place of its own is made where its actor's country is named nearby: in Tehran for
    Iran's ministry; the American reply names no American city, and a denial that did not happen has none."""
    text = (
        "Thousands marched in Tehran on Sunday. The Iranian foreign ministry accused the United States of "
        "meddling.\n\nThe State Department rejected the claim."
    )
    article = _article(parser, text, D(2019, 11, 18), [
        ("accused", "IRN.GOV", "USA", "ACCUSE"),
        ("rejected", "USA.GOV", "IRN.GOV", "REJECT"),
    ])  # fmt: skip
    assert _places(article) == [("Tehran", "speaker"), (None, "no_toponym")]
    article.events[0].negated = True
    assert _places(article)[0] == (None, "no_toponym")


def test_dates_an_event_n_days_after_or_before_counts_from_its_main_clause(parser: Any) -> None:
    """ "The crash comes a day after the Taliban swapped hostages" after a lead of Wednesday: the swap was on
    Tuesday; "arrested him on Monday, three days before protesters stormed the building": on Thursday."""
    text = (
        "Two soldiers died in a helicopter crash, the military said on Wednesday. "
        "The crash comes a day after the Taliban swapped two Western hostages.\n\n"
        "Police arrested him on Monday, three days before protesters stormed the building."
    )
    article = _article(parser, text, WEDNESDAY, [
        ("swapped", "AFG.INS", None, "RETREAT"),
        ("arrested", "AFG.POL", "AFG.CVL", "COERCE"),
        ("stormed", "AFG.CVL", "AFG.GOV", "PROTEST"),
    ])  # fmt: skip
    assert _dates(article) == [
        (WEDNESDAY - dt.timedelta(days=1), "context", None),
        (D(2019, 11, 18), "clause", None),
        (D(2019, 11, 21), "context", None),
    ]


def test_is_background_never_for_what_is_to_come(parser: Any) -> None:
    """ "will examine how the parolee was monitored": a recalled clause inside it is no recollection of the act."""
    sent = parser.parse("The attorney general said he will examine how the parolee was monitored in the past.")[0]
    trigger = next(t.i for t in sent.tokens if t.text == "examine")
    assert not is_background(sent, trigger)


def test_context_dates_background_not_the_news_told_after_an_old_date(parser: Any) -> None:
    """A paragraph that recalls 2008 and then tells the day's news: the news is not dated 2008."""
    text = "In July 2008, the gunman killed a woman in Louisville. Prosecutors charged him with murder."
    article = _article(parser, text, D(2009, 3, 31), [
        ("killed", "USA.CRM", "USA.CVL", "ASSAULT"),
        ("charged", "USA.JUD", "USA.CRM", "ACCUSE"),
    ])  # fmt: skip
    EventDateStage(DateOptions()).process(article)
    assert article.events[0].date == D(2008, 7, 1)
    assert article.events[1].date_source != "context"


def test_context_an_old_date_a_speaker_recalls_dates_no_paragraph(parser: Any) -> None:
    """ "recalling that Morocco was the first country to recognize the United States in 1777": the year dates
    the recognition, not the paragraph; what the deputy speaker praised after it is the day's news."""
    text = (
        "Scalise highlighted the relations between the two countries on Wednesday, recalling that Morocco was "
        "the first country to recognize the United States in 1777. El Abdi praised the relations and called "
        "for their strengthening."
    )
    article = _article(parser, text, D(2018, 4, 5), [
        ("recognize", "MAR.GOV", "USA", "SUPPORT"),
        ("praised", "MAR.LEG", "USA.LEG", "SUPPORT"),
    ])  # fmt: skip
    EventDateStage(DateOptions()).process(article)
    assert article.events[0].date == D(1777, 1, 1)
    assert article.events[1].date is not None and article.events[1].date.year == 2018


def test_dates_now_names_no_day_of_news(parser: Any) -> None:
    """ "The registry is now running" does not make the publication day a day of news: the article's one
    recent day ("on Monday") is still its news day."""
    text = (
        "A local man admitted in court that he shot his girlfriend. He pleaded guilty to murder. "
        "A state registry of offenders is now up and running in 14 counties. The judge said Monday he agreed."
    )
    article = _article(parser, text, D(2009, 3, 31), [("pleaded", "USA.JUD", "USA.CRM", "SANCTION")])
    assert _dates(article) == [(D(2009, 3, 30), "news_day", None)]


def test_dates_a_trailing_participle_shares_its_clause_s_day(parser: Any) -> None:
    """ "went on a rampage on Sunday morning, killing seven residents": the killing is Sunday's, not the date of
    another American killing told elsewhere in the article."""
    text = (
        "Earlier this month, a man killed ten people in Alabama on March 10. "
        "A gunman went on a rampage in a nursing home on Sunday morning, killing seven residents."
    )
    article = _article(parser, text, D(2009, 3, 30), [
        ("killed", "USA.CRM", "USA.CVL", "ASSAULT"),
        ("killing", "USA.CRM", "USA.CVL", "ASSAULT"),
    ])  # fmt: skip
    assert _dates(article)[1][:2] == (D(2009, 3, 29), "clause")


def test_dates_a_weekday_of_the_past_week_is_the_news_day(parser: Any) -> None:
    """ "made her first court appearance Thursday morning" in the next Tuesday's paper: the article's news is
    Thursday's, five days before publication, and so is "She was remanded to custody" told after it."""
    text = (
        "A woman accused of a fatal hit-and-run made her first court appearance Thursday morning. "
        "She was remanded to custody on a bond."
    )
    article = _article(parser, text, D(2009, 3, 31), [("remanded", "USA.JUD", "USA.CRM", "COERCE")])
    assert _dates(article) == [(D(2009, 3, 26), "news_day", None)]


def test_places_a_domestic_act_with_no_place_of_its_own_is_at_the_article_s_setting(parser: Any) -> None:
    """ "A gunman shot two men" in a story that names Louisville twice is in Louisville, not at the middle of
    the United States."""
    text = (
        "A gunman shot two men on Monday.\n\n"
        "The Louisville police chief said the investigation continues. The mayor of Louisville spoke too."
    )
    article = _article(parser, text, D(2009, 3, 31), [("shot", "USA.CRM", "USA.CVL", "ASSAULT")])
    assert _places(article) == [("Louisville", "setting")]
