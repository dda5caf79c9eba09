"""Event words in senses that are no event (issue 11, output that is wrong), each beside the sense that is one: request
verbs that ask nothing of anyone (police summoned to a scene, a question, a push that is no plea), commitment verbs
that promise nothing (a crime committed, a proposal that only describes a thing), a warning of a hazard, a body's
own session, a news conference, a statement told to the press, an envoy recalled for consultations, an honour
conferred, an investigation ended, a threat that names a danger, agreeing with a decision (an endorsement), a crime
named as a charge's content. Real spaCy parses and the actor table, as a user runs it."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from tests.pipeline.coding.conftest import code_with_table, dyads, mention

from annales.pipeline.coding.matching import _charged_crime, speech_occasion, told_the_press
from annales.pipeline.coding.syntax import ParsedSentence

PUBLISHED = dt.date(2019, 11, 18)

# (text, the PLOVER type it must not produce)
NO_EVENT = [
    ("French police were called to a home in Lyon for a report of a burglary.", "REQUEST"),
    ('"Why now?" the German foreign minister asked.', "REQUEST"),
    ("The German foreign minister asked about the Russian proposal.", "REQUEST"),
    ("Turkish forces pressed into a Syrian Kurdish enclave on Sunday.", "REQUEST"),
    ("The French president said he would press the reset button in relations with Russia.", "REQUEST"),
    ("French police believed the German suspect committed the robbery in Lyon.", "AGREE"),
    ("The Russian suspect faces a charge of conspiracy to commit computer intrusion in Germany.", "AGREE"),
    ("German protests were sparked by proposed legislation from the Russian government.", "AGREE"),
    ("American doctors warned that migrants are not the only people at risk of illness.", "THREATEN"),
    ("Russian diplomats warned that Russians travelling to Britain could face provocations.", "THREATEN"),
    ("German doctors warned that Russian children would face serious health risks.", "THREATEN"),
    ("Germany recalled its ambassador to Moscow for consultations.", "CONSULT"),
    ("A Nigerian university will confer an honorary doctorate on the governor.", "CONSULT"),
    ("Swedish prosecutors dropped the investigation into the Australian publisher.", "ACCUSE"),
    ("The Swedish investigation into the Australian publisher had been shelved in 2017.", "ACCUSE"),
    ("Tunisia strengthened its ties with Algeria, responding to the terrorist threat along the border.", "THREATEN"),
    ("Unemployment is the biggest threat to the Indian prime minister's bid for another term.", "THREATEN"),
    ("The Mexican president released a communique to the American press.", "RETREAT"),
    ("French police declined to identify the German suspect.", "REJECT"),
    ("The Indian man withdrew money from a Russian bank.", "RETREAT"),
    ("Germany agreed with the French decision to sanction Russia.", "AGREE"),
    ("The American president killed the Canadian trade deal.", "ASSAULT"),
    # a crime named as what someone is charged with is the charge's content, not a second event
    ("The American man is facing three counts of assault.", "ASSAULT"),
    ("The German man was convicted of rape and sexual assault.", "ASSAULT"),
    ("The French police arrested the German man for assault.", "ASSAULT"),
    # what a protest or a complaint is about, hung by the parser on its light verb, is its topic
    ("China lodged a formal protest with Japan over the visit.", "CONSULT"),
    ("China protested to Japan over the visit.", "CONSULT"),
    # an attack a state's note protests is its content, not the protester's attack
    ("The Indian foreign secretary lodged a strong protest with Pakistan over the attack.", "ASSAULT"),
    # a crowd protesting in the street demonstrates; it does not lodge a state's complaint
    ("Hundreds of Palestinians protested outside the Israeli embassy in Amman.", "ACCUSE"),
    ("Germany filed a complaint against Russia over the arrest of a German journalist.", "COERCE"),
    ("Iran test-fired a ballistic missile on Sunday.", "ASSAULT"),
    # dispersing protesters with tear gas is violent repression (CAMEO 175), not a protest by the police
    ("Iraqi security forces used tear gas to disperse Iraqi protesters.", "PROTEST"),
    # the plot a suspect is arrested for is the charge's content, not an attack by the suspects
    ("Israeli police arrested three Palestinians suspected of planning an attack.", "ASSAULT"),
    # what is discussed is a topic, not an act of those who discuss it
    ("The German chancellor discussed the poisoning with the Russian president.", "ASSAULT"),
    # a news conference is where someone speaks, not a meeting with the parties named in what is said
    (
        "Russian Foreign Minister Sergei Lavrov told a news conference in Moscow that Washington had violated"
        " the treaty.",
        "CONSULT",
    ),
    ("The German chancellor held a press conference in Berlin on the Russian sanctions.", "CONSULT"),
    # a body's own session is no meeting of parties
    ("The Zimbabwean councillor moved the motion during a full council meeting in Harare.", "CONSULT"),
    ("The French president announced the plan at a cabinet meeting in Paris.", "CONSULT"),
    # a meeting asked for is no meeting held
    ("Britain is reviewing the Russian request to meet with the German ambassador.", "CONSULT"),
    ("Russia's threat to attack Ukrainian ports alarmed Ukraine.", "ASSAULT"),
]

# (text, an (actor country, recipient country, type) it must produce)
EVENT = [
    ("Germany pressed Russia to withdraw its troops.", ("DEU", "RUS", "REQUEST")),
    ("Germany pressed Russia over its troops in Ukraine.", ("DEU", "RUS", "REQUEST")),
    ("Germany pressed for sanctions on Russia.", ("DEU", "RUS", "REQUEST")),
    ("The German foreign minister asked Russia for an explanation.", ("DEU", "RUS", "REQUEST")),
    ("The German foreign minister asked Russia to explain the move.", ("DEU", "RUS", "REQUEST")),
    ("Germany committed to send aid to Russia.", ("DEU", "RUS", "AGREE")),
    ("Germany proposed talks with Russia.", ("DEU", "RUS", "AGREE")),
    ("Germany promised Russia talks.", ("DEU", "RUS", "AGREE")),
    ("Russia warned that Germany would face consequences.", ("RUS", "DEU", "THREATEN")),
    ("The German chancellor flew to Moscow for talks with Putin.", ("DEU", "RUS", "CONSULT")),
    ("Swedish prosecutors opened an investigation into the Australian publisher.", ("SWE", "AUS", "ACCUSE")),
    # prosecuting is pressing charges (ACCUSE, as "charge" and "indict"), not an arrest
    ("Turkey had been prosecuting four Israeli soldiers in absentia.", ("TUR", "ISR", "ACCUSE")),
    ("Russia issued a threat to Ukraine.", ("RUS", "UKR", "THREATEN")),
    ("Azerbaijan released the Russian journalist.", ("AZE", "RUS", "RETREAT")),
    ("Russia declined the German offer.", ("RUS", "DEU", "REJECT")),
    ("Russia withdrew its troops from Syria.", ("RUS", "SYR", "RETREAT")),
    ("Germany agreed with the French decision to sanction Russia.", ("DEU", "FRA", "SUPPORT")),
    ("Germany agreed with France on sanctions.", ("DEU", "FRA", "AGREE")),
    # leniency of a court, not a sanction: "reduced his sentence and suspended it"
    ("A Russian court reduced the sentence of the German activist.", ("RUS", "DEU", "CONCEDE")),
    ("A Russian court suspended the sentence of the German journalist.", ("RUS", "DEU", "CONCEDE")),
    ("Union members rejected a pay offer from British Airways.", ("GBR", "GBR", "REJECT")),
    ("Russian soldiers gunned down two Ukrainian officers.", ("RUS", "UKR", "ASSAULT")),
    # easing a trade sanction is a concession, not a sanction ("suspend" alone cuts ties)
    ("The United States suspended its tariffs on Chinese goods.", ("USA", "CHN", "CONCEDE")),
    ("The United States scrapped the tariffs on Chinese steel.", ("USA", "CHN", "CONCEDE")),
    # reluctance is a refusal, not an offer ("reluctant to commit to a meeting")
    ("China was reluctant to commit to a meeting with the United States.", ("CHN", "USA", "REJECT")),
    ("Russia was unwilling to meet the Georgian president.", ("RUS", "GEO", "REJECT")),
    # an agentless passive: the implied court charges the person of its country it names, not no one
    ("A Russian diplomat was charged with spying.", ("RUS", "RUS", "ACCUSE")),
    ("The Justice Department charged two prison officers with falsifying records.", ("USA", "USA", "ACCUSE")),
    # military positions are attacked by force; a deal or a bill is killed, and a project fought, by rejecting it
    ("Russian forces attacked Ukrainian positions near Donetsk.", ("RUS", "UKR", "ASSAULT")),
    ("The American president killed the Canadian trade deal.", ("USA", "CAN", "REJECT")),
    ("Canadian farmers fought the Chinese project in court.", ("CAN", "CHN", "REJECT")),
    # a missile test-fired is a show of force, not an attack
    ("Iran test-fired a ballistic missile on Sunday.", ("IRN", None, "MOBILIZE")),
    # calling an accusation false is denying it, not criticising its author
    ('Russia\'s foreign ministry called the American claims "groundless and unfounded".', ("RUS", "USA", "REJECT")),
    ("Russia called the American sanctions illegal.", ("RUS", "USA", "ACCUSE")),
    # weapons or drugs recovered by the police are seized
    ("Nigerian police recovered 86 firearms from the Nigerian gang.", ("NGA", "NGA", "COERCE")),
    ("Chilean police fired tear gas at protesters in Santiago.", ("CHL", "CHL", "ASSAULT")),
    ("Hundreds of Palestinians protested outside the Israeli embassy in Amman.", ("PSE", "ISR", "PROTEST")),
    ("Thousands of Iranians rallied in front of the British embassy in Tehran.", ("IRN", "GBR", "PROTEST")),
    ("Russia protested the American decision.", ("RUS", "USA", "ACCUSE")),
    # two parties who discuss something meet, whatever the model reads in the word alone
    ("The German chancellor and the Russian president discussed the crisis in Syria.", ("DEU", "RUS", "CONSULT")),
    # counts faced are charges
    ("The American man is facing three counts of assault.", ("USA", "USA", "ACCUSE")),
    # a plural body of several parties is each of them: one event per direction between its members
    ("The foreign ministers of Russia, Iran and Turkey met in Astana.", ("IRN", "TUR", "CONSULT")),
    (
        "The heads of three airlines - Air France KLM, Lufthansa and Ryanair - met in Brussels.",
        ("DEU", "IRL", "CONSULT"),
    ),
    # a noun's infinitive is what it asks, threatens or refuses, and names its target
    ("Britain is reviewing the Russian request to meet with the German ambassador.", ("RUS", "DEU", "REQUEST")),
    ("Russia's threat to attack Ukrainian ports alarmed Ukraine.", ("RUS", "UKR", "THREATEN")),
    ("Russia's refusal to meet the Georgian president angered Georgia.", ("RUS", "GEO", "REJECT")),
    ("The French president held a council meeting with the German chancellor in Paris.", ("FRA", "DEU", "CONSULT")),
    # a passive act with no "by" agent of its own is done by whose means it was done with
    ("Iran was threatened with American sanctions.", ("USA", "IRN", "THREATEN")),
    ("Iran was threatened with sanctions by the United States.", ("USA", "IRN", "THREATEN")),
    # a resignation is to no one (our guideline), not to the critics of an "after" clause
    (
        "The Georgian prime minister resigned on Monday after weeks of protests by Georgian students.",
        ("GEO", None, "RETREAT"),
    ),
    # a headline drops the passive's auxiliary: its subject is still whom the act is done to
    ("Hong Kong 'threatened with Chinese military intervention'", ("CHN", "HKG", "THREATEN")),
]


@pytest.mark.slow
@pytest.mark.parametrize(("text", "kind"), NO_EVENT)
def test_a_sense_that_is_no_event(parser: Any, text: str, kind: str) -> None:
    events = code_with_table(parser, text, PUBLISHED)
    assert all(e.type != kind for e in events), dyads(events)


@pytest.mark.slow
@pytest.mark.parametrize(("text", "dyad"), EVENT)
def test_the_sense_that_is_an_event(parser: Any, text: str, dyad: tuple[str, str, str]) -> None:
    events = code_with_table(parser, text, PUBLISHED)
    assert dyad in dyads(events, countries=True), dyads(events)


@pytest.mark.slow
def test_a_threat_with_an_owner_and_no_named_target_is_a_threat(parser: Any) -> None:
    events = code_with_table(parser, "Russia's threat to cut gas supplies alarmed Ukraine.", PUBLISHED)
    assert any(e.type == "THREATEN" and e.actor.country == "RUS" for e in events), dyads(events)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "crime", "content"),
    [
        ("The man was charged with murder.", "murder", True),
        ("The man faces murder charges.", "murder", True),
        ("The man was charged with the murder of a Japanese student.", "murder", False),
        ("The murder shocked the town.", "murder", False),
        ("The men were suspected of planning an attack.", "attack", True),
        ("The men were planning an attack.", "attack", False),
    ],
)
def test_a_crime_is_a_charges_content_unless_it_names_its_victim(
    parser: Any, text: str, crime: str, content: bool
) -> None:
    sent = parser.parse(text)[0]
    ps = ParsedSentence.build(sent, [])
    assert _charged_crime(ps, next(t.i for t in sent.tokens if t.text == crime)) is content


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "noun", "occasion"),
    [
        ("The minister told a news conference that talks had failed.", "conference", True),
        ("The spokesman said at a press briefing that the ban stays.", "briefing", True),
        ("The two leaders held a joint news conference.", "conference", False),
        ("The minister gave a press conference with his Russian counterpart.", "conference", False),
        ("The ministers attended a conference on Syria.", "conference", False),
    ],
)
def test_a_news_conference_is_where_someone_speaks(parser: Any, text: str, noun: str, occasion: bool) -> None:
    sent = parser.parse(text)[0]
    ps = ParsedSentence.build(sent, [])
    assert speech_occasion(ps, next(t.i for t in sent.tokens if t.text == noun)) is occasion


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "listener", "code", "press"),
    [
        ("The prosecutor told news outlets that a grand jury indicted the mayor.", "outlets", "USA.MED", True),
        ("The prosecutor told Reuters that a grand jury indicted the mayor.", "Reuters", "MED", True),
        ("The minister told Russia that Germany would expel its diplomats.", "Russia", "RUS", False),
        ("The minister told the ambassador to leave.", "ambassador", "RUS.GOV", False),
    ],
)
def test_a_statement_told_to_the_press_is_no_request_of_it(
    parser: Any, text: str, listener: str, code: str, press: bool
) -> None:
    sent = parser.parse(text)[0]
    at = next(t.i for t in sent.tokens if t.text == listener)
    ps = ParsedSentence.build(sent, [mention(sent, at, code)])
    assert told_the_press(ps, next(t.i for t in sent.tokens if t.text == "told")) is press


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "dyad"),
    [
        ("Sarkozy said he would appeal.", ("FRA.ELI", "FRA.JUD", "REJECT")),  # a legal appeal rejects a ruling
        ("Sarkozy appealed the ruling.", ("FRA.ELI", "FRA.JUD", "REJECT")),
        ("Sarkozy said he would appeal to the Supreme Court.", ("FRA.ELI", "FRA.JUD", "REJECT")),
        ("Merkel appealed to Russia to respect the ceasefire.", ("DEU.GOV", "RUS", "REQUEST")),  # a plea
        ("Sarkozy appealed to voters.", ("FRA.ELI", "FRA.CVL", "REQUEST")),
        ("Two Russian men pleaded not guilty to the charges.", ("RUS.PPL", "RUS.JUD", "REJECT")),  # a plea of innocence
    ],
)
def test_an_appeal_or_a_plea_of_innocence_rejects_and_an_appeal_to_someone_asks(
    parser: Any, text: str, dyad: tuple[str, str, str]
) -> None:
    """ "would appeal", "appealed the ruling": the appellant rejects the court's decision (our guideline: REJECT,
    the court of the appellant's country its recipient), as a plea of not guilty rejects the charges; "appealed
    to Russia to ..." asks something of Russia."""
    assert dyad in dyads(code_with_table(parser, text, dt.date(2013, 3, 22)))
