"""The event place stage: place in the sentence, visit destination, dateline fallback, reasons."""

from __future__ import annotations

from typing import Any

import pytest

from annales.pipeline.base import check_pipeline
from annales.pipeline.nlp.parse import SpacyParser
from annales.pipeline.resolve.places import EventPlaceStage, PlaceOptions
from annales.records import Actor, Article, Entity, Event, Sentence, Token

# (text, lemma, pos, dep, head, ent_type)
Row = tuple[str, str, str, str, int, str]


def _sentence(rows: list[Row], *, start: int = 0, index: int = 0) -> Sentence:
    tokens, offset = [], start
    for i, (text, lemma, pos, dep, head, ent) in enumerate(rows):
        tokens.append(Token(i, text, offset, lemma, pos, pos, dep, head, ent_type=ent, ent_iob="B" if ent else "O"))
        offset += len(text) + 1
    entities, i = [], 0
    while i < len(tokens):
        if tokens[i].ent_type:
            j = i + 1
            while j < len(tokens) and tokens[j].ent_type == tokens[i].ent_type and tokens[j].text != ",":
                j += 1
            text = " ".join(t.text for t in tokens[i:j])
            entities.append(Entity(i, j, tokens[i].ent_type, text))
            i = j
        else:
            i += 1
    text = " ".join(t.text for t in tokens)
    return Sentence(index=index, start=start, end=start + len(text), text=text, tokens=tokens, entities=entities)


def _event(sent: Sentence, trigger: str, *, mode: str | None = None) -> Event:
    tok = next(t for t in sent.tokens if t.text == trigger)
    return Event(
        event_id="e1",
        doc_id="d1",
        sentence_index=sent.index,
        sentence=sent.text,
        span=(tok.idx, tok.end),
        actor=Actor("Ministers", None, None, None, None),
        recipient=None,
        type="CONSULT",
        mode=mode,
        contexts=(),
        cameo="040",
        goldstein=1.0,
        quad=1,
        status="occurred",
        negated=False,
        confidence=1.0,
        trigger=trigger,
    )


def _article(sent: Sentence, event: Event, *, prefix: str = "") -> Article:
    return Article(doc_id="d1", uri="u", format="text", text=prefix + sent.text, sentences=[sent], events=[event])


def _stage(*, use_dateline: bool = True) -> EventPlaceStage:
    """The v1 stage (no document context); tests/pipeline/resolve/test_places_context.py covers v2."""
    stage = EventPlaceStage(PlaceOptions(use_dateline=use_dateline, document_context=False))
    stage.raise_errors = True
    return stage


MET_IN_MUNICH: list[Row] = [
    ("Ministers", "minister", "NOUN", "nsubj", 1, ""),
    ("met", "meet", "VERB", "ROOT", 1, ""),
    ("in", "in", "ADP", "prep", 1, ""),
    ("Munich", "Munich", "PROPN", "pobj", 2, "GPE"),
    ("on", "on", "ADP", "prep", 1, ""),
    ("Friday", "Friday", "PROPN", "pobj", 4, "DATE"),
]
TRAVEL_TO_MOSCOW: list[Row] = [
    ("Kerry", "Kerry", "PROPN", "nsubj", 2, "PERSON"),
    ("will", "will", "AUX", "aux", 2, ""),
    ("travel", "travel", "VERB", "ROOT", 2, ""),
    ("to", "to", "ADP", "prep", 2, ""),
    ("Moscow", "Moscow", "PROPN", "pobj", 3, "GPE"),
]
BOMB_IN_CAPITAL: list[Row] = [
    ("A", "a", "DET", "det", 1, ""),
    ("bomb", "bomb", "NOUN", "nsubj", 2, ""),
    ("exploded", "explode", "VERB", "ROOT", 2, ""),
    ("at", "at", "ADP", "prep", 2, ""),
    ("a", "a", "DET", "det", 6, ""),
    ("metro", "metro", "NOUN", "compound", 6, ""),
    ("station", "station", "NOUN", "pobj", 3, ""),
    ("in", "in", "ADP", "prep", 6, ""),
    ("a", "a", "DET", "det", 10, ""),
    ("European", "european", "ADJ", "amod", 10, "NORP"),
    ("capital", "capital", "NOUN", "pobj", 7, ""),
]
SAID_USEFUL: list[Row] = [
    ("The", "the", "DET", "det", 1, ""),
    ("minister", "minister", "NOUN", "nsubj", 2, ""),
    ("said", "say", "VERB", "ROOT", 2, ""),
    ("talks", "talk", "NOUN", "nsubj", 4, ""),
    ("helped", "help", "VERB", "ccomp", 2, ""),
]
RUSSIA_SAID: list[Row] = [
    ("Russia", "Russia", "PROPN", "nsubj", 1, "GPE"),
    ("condemned", "condemn", "VERB", "ROOT", 1, ""),
    ("the", "the", "DET", "det", 3, ""),
    ("strike", "strike", "NOUN", "dobj", 1, ""),
]
GATHERED_UNKNOWN: list[Row] = [
    ("Protesters", "protester", "NOUN", "nsubj", 1, ""),
    ("gathered", "gather", "VERB", "ROOT", 1, ""),
    ("in", "in", "ADP", "prep", 1, ""),
    ("Zzyzxbury", "Zzyzxbury", "PROPN", "pobj", 2, "GPE"),
]
SHELLED_IDLIB_PROVINCE: list[Row] = [
    ("Jets", "jet", "NOUN", "nsubj", 1, ""),
    ("shelled", "shell", "VERB", "ROOT", 1, ""),
    ("towns", "town", "NOUN", "dobj", 1, ""),
    ("in", "in", "ADP", "prep", 2, ""),
    ("Idlib", "Idlib", "PROPN", "compound", 5, "GPE"),
    ("province", "province", "NOUN", "pobj", 3, ""),
]
MET_IN_PARIS_TEXAS: list[Row] = [
    ("Police", "police", "NOUN", "nsubj", 1, ""),
    ("met", "meet", "VERB", "ROOT", 1, ""),
    ("in", "in", "ADP", "prep", 1, ""),
    ("Paris", "Paris", "PROPN", "pobj", 2, "GPE"),
    (",", ",", "PUNCT", "punct", 3, ""),
    ("Texas", "Texas", "PROPN", "appos", 3, "GPE"),
]

MET_AT_KREMLIN: list[Row] = [
    ("Leaders", "leader", "NOUN", "nsubj", 1, ""),
    ("met", "meet", "VERB", "ROOT", 1, ""),
    ("at", "at", "ADP", "prep", 1, ""),
    ("the", "the", "DET", "det", 4, ""),
    ("Kremlin", "Kremlin", "PROPN", "pobj", 2, "ORG"),
]
MET_AT_GAZPROM: list[Row] = [
    ("Leaders", "leader", "NOUN", "nsubj", 1, ""),
    ("met", "meet", "VERB", "ROOT", 1, ""),
    ("at", "at", "ADP", "prep", 1, ""),
    ("Zzyzxcorp", "Zzyzxcorp", "PROPN", "pobj", 2, "ORG"),
]
RALLIED_EMBASSY_IN_KIEV: list[Row] = [
    ("Crowds", "crowd", "NOUN", "nsubj", 1, ""),
    ("rallied", "rally", "VERB", "ROOT", 1, ""),
    ("outside", "outside", "ADP", "prep", 1, ""),
    ("the", "the", "DET", "det", 5, ""),
    ("U.S.", "U.S.", "PROPN", "compound", 5, "GPE"),
    ("embassy", "embassy", "NOUN", "pobj", 2, ""),
    ("in", "in", "ADP", "prep", 5, ""),
    ("Kiev", "Kiev", "PROPN", "pobj", 6, "GPE"),
]
FIGHTING_IN_TWO: list[Row] = [
    ("Fighting", "fighting", "NOUN", "nsubj", 1, ""),
    ("continued", "continue", "VERB", "ROOT", 1, ""),
    ("in", "in", "ADP", "prep", 1, ""),
    ("Zzyzxbury", "Zzyzxbury", "PROPN", "pobj", 2, "NORP"),
    ("and", "and", "CCONJ", "cc", 3, ""),
    ("Idlib", "Idlib", "PROPN", "conj", 3, "GPE"),
]

VISIT_RUSSIAN_CAPITAL: list[Row] = [
    ("Kerry", "Kerry", "PROPN", "nsubj", 2, "PERSON"),
    ("would", "would", "AUX", "aux", 2, ""),
    ("visit", "visit", "VERB", "ROOT", 2, ""),
    ("the", "the", "DET", "det", 5, ""),
    ("Russian", "russian", "ADJ", "amod", 5, "NORP"),
    ("capital", "capital", "NOUN", "dobj", 2, ""),
]


def test_event_place_stage_declares_its_fields() -> None:
    stage = EventPlaceStage()
    assert stage.name == "annales.resolve.places.v2"
    check_pipeline([stage], provided=("article.events", "article.sentences"))


@pytest.mark.parametrize(
    ("rows", "trigger", "mode", "name", "country", "source"),
    [
        (MET_IN_MUNICH, "met", None, "Munich", "DEU", "text"),
        (TRAVEL_TO_MOSCOW, "travel", None, "Moscow", "RUS", "visit"),
        (TRAVEL_TO_MOSCOW, "travel", "visit", "Moscow", "RUS", "visit"),
        (SHELLED_IDLIB_PROVINCE, "shelled", None, "Idlib Governorate", "SYR", "text"),
        (MET_IN_PARIS_TEXAS, "met", None, "Paris", "USA", "text"),
        (MET_AT_KREMLIN, "met", None, "Moscow", "RUS", "text"),
        (RALLIED_EMBASSY_IN_KIEV, "rallied", None, "Kyiv", "UKR", "text"),
        (FIGHTING_IN_TWO, "continued", None, "Idlib", "SYR", "text"),
        (VISIT_RUSSIAN_CAPITAL, "visit", "visit", "Moscow", "RUS", "visit"),
    ],
)
def test_event_place_stage_reads_the_place_of_the_sentence(
    rows: list[Row], trigger: str, mode: str | None, name: str, country: str, source: str
) -> None:
    sent = _sentence(rows)
    event = _event(sent, trigger, mode=mode)
    _stage().process(_article(sent, event))
    assert event.place is not None, event.place_reason
    assert (event.place.name, event.place.country, event.place.source) == (name, country, source)
    assert event.place_reason is None


@pytest.mark.parametrize(
    ("rows", "trigger", "reason"),
    [
        (BOMB_IN_CAPITAL, "exploded", "vague"),
        (SAID_USEFUL, "said", "no_toponym"),
        (RUSSIA_SAID, "condemned", "no_toponym"),
        (GATHERED_UNKNOWN, "gathered", "unknown_name"),
    ],
)
def test_event_place_stage_leaves_a_reason_when_unresolved(rows: list[Row], trigger: str, reason: str) -> None:
    sent = _sentence(rows)
    event = _event(sent, trigger)
    stage = _stage()
    stage.process(_article(sent, event))
    assert (event.place, event.place_reason) == (None, reason)
    assert stage.stats[f"unresolved_{reason}"] == 1


@pytest.mark.parametrize(("use_dateline", "expected"), [(True, "RUS"), (False, None)])
def test_event_place_stage_falls_back_to_the_dateline(use_dateline: bool, expected: str | None) -> None:
    prefix = "MOSCOW (Reuters) - "
    sent = _sentence(SAID_USEFUL, start=len(prefix))
    event = _event(sent, "said")
    _stage(use_dateline=use_dateline).process(_article(sent, event, prefix=prefix))
    assert (event.place.country if event.place else None) == expected
    if event.place:
        assert event.place.source == "dateline"


def test_event_place_stage_prefers_the_sentence_over_the_dateline() -> None:
    prefix = "MOSCOW (Reuters) - "
    sent = _sentence(MET_IN_MUNICH, start=len(prefix))
    event = _event(sent, "met")
    _stage().process(_article(sent, event, prefix=prefix))
    assert event.place is not None and event.place.name == "Munich"


def test_event_place_stage_unknown_org_is_no_evidence_against_the_dateline() -> None:
    prefix = "MOSCOW (Reuters) - "
    sent = _sentence(MET_AT_GAZPROM, start=len(prefix))
    event = _event(sent, "met")
    _stage().process(_article(sent, event, prefix=prefix))
    assert event.place is not None and event.place.source == "dateline"


def test_event_place_stage_vague_place_does_not_take_the_dateline() -> None:
    prefix = "PARIS (AFP) - "
    sent = _sentence(BOMB_IN_CAPITAL, start=len(prefix))
    event = _event(sent, "exploded")
    _stage().process(_article(sent, event, prefix=prefix))
    assert (event.place, event.place_reason) == (None, "vague")


def test_event_place_stage_passes_articles_without_events() -> None:
    article = Article(doc_id="d", uri="u", format="text", text="Nothing here.")
    assert _stage().process(article) is article


def test_event_place_stage_missing_sentence_uses_dateline_or_reason() -> None:
    sent = _sentence(SAID_USEFUL)
    event = _event(sent, "said")
    event.sentence_index = 99
    _stage().process(_article(sent, event))
    assert (event.place, event.place_reason) == (None, "no_toponym")


SLOW_CASES = [
    ("German and French ministers met in Munich on Friday.", "met", None, "Munich", "text"),
    ("EU leaders met in Brussels on the sidelines of the summit.", "met", None, "Brussels", "text"),
    (
        "MOSCOW (Reuters) - Russia's foreign minister criticized the plan on Monday.",
        "criticized",
        None,
        "Moscow",
        "dateline",
    ),
    ("WASHINGTON — The president said he would sign the bill.", "said", None, "Washington", "dateline"),
    ("Brussels, April 23 (AFP) - NATO ministers agreed on a new plan.", "agreed", None, "Brussels", "dateline"),
    ("Kerry will travel to Moscow next week for talks.", "travel", "visit", "Moscow", "visit"),
    ("Putin visited Beijing last month.", "visited", "visit", "Beijing", "visit"),
    ("Israeli troops clashed with Palestinians in the West Bank.", "clashed", None, "West Bank", "text"),
    ("John Kerry would visit the Russian capital on July 14.", "visit", "visit", "Moscow", "visit"),
    # the event is the purpose of a journey: it happens at the destination
    ("Kerry will travel to Moscow on July 14 to meet Lavrov.", "meet", None, "Moscow", "visit"),
    ("Freeland left for Washington on Monday to meet her counterparts.", "meet", None, "Washington", "visit"),
    # a town named after "the town of" or "his hometown of" is where the act was
    ("Sharif ignored a house arrest order in his hometown of Lahore.", "ignored", None, "Lahore", "text"),
    ("Police arrested two teenagers in the town of Aschaffenburg.", "arrested", None, "Aschaffenburg", "text"),
    # the first words of a longer name count only as a place's own name: "Ben" is no Bern
    ("Obama met Netanyahu at Ben Gurion International Airport in Tel Aviv.", "met", None, "Tel Aviv", "text"),
]


@pytest.mark.slow
@pytest.mark.parametrize(("text", "trigger", "mode", "name", "source"), SLOW_CASES)
def test_event_place_stage_on_parsed_text(
    parser: SpacyParser, text: str, trigger: str, mode: str | None, name: str, source: str
) -> None:
    sentences = parser.parse(text)
    sent = next(s for s in sentences if trigger in s.text)
    tok = next(t for t in sent.tokens if t.text == trigger)
    event = _event(sent, trigger, mode=mode)
    event.span = (tok.idx, tok.end)
    article = Article(doc_id="d1", uri="u", format="text", text=text, sentences=sentences, events=[event])
    _stage().process(article)
    assert event.place is not None, event.place_reason
    assert (event.place.name, event.place.source) == (name, source)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "trigger", "reason"),
    [
        ("A bomb exploded at a metro station in a European capital, police said.", "exploded", "vague"),
        # "at 1517 Locust Street": a venue we cannot resolve, not the town of Locust it is named after
        ("Police arrested a man at 1517 Locust Street.", "arrested", "unknown_name"),
    ],
)
def test_event_place_stage_leaves_a_vague_place_or_a_street_unplaced(
    parser: SpacyParser, text: str, trigger: str, reason: str
) -> None:
    sentences = parser.parse(text)
    event = _event(sentences[0], trigger)
    _stage().process(Article(doc_id="d1", uri="u", format="text", text=text, sentences=sentences, events=[event]))
    assert (event.place, event.place_reason) == (None, reason)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "trigger", "ptype", "place"),
    [
        # an agreement is not where the plan it agrees on is
        (
            "GENEVA, Sept. 10 (Wire) - Kerry and Lavrov agreed early on Saturday on a plan to restore "
            "a nationwide truce in Syria, after talks in a Geneva hotel.",
            "agreed",
            "AGREE",
            ("Geneva", "CHE", "dateline"),
        ),
        # a statement's place is not that of a noun of its object: the criticism was not made in Libya
        (
            "PARIS, Feb. 1 (Wire) - Macron criticised NATO's intervention in Libya.",
            "criticised",
            "ACCUSE",
            ("Paris", "FRA", "dateline"),
        ),
        # an act done during a visit happens at the visit's destination, not at the dateline
        (
            "AMMAN, March 22 (Wire) - Kerry discussed the issue with Netanyahu during his visit to Israel.",
            "discussed",
            "CONSULT",
            ("Israel", "ISR", "visit"),
        ),
    ],
)
def test_event_place_of_a_statement_is_where_it_was_made_not_what_it_is_about(
    parser: Any, text: str, trigger: str, ptype: str, place: tuple[str, str, str]
) -> None:
    sentences = parser.parse(text)
    sent = next(s for s in sentences if trigger in s.text)
    event = _event(sent, trigger)
    event.type = ptype
    article = Article(doc_id="d1", uri="u", format="text", text=text, sentences=sentences, events=[event])
    _stage().process(article)
    assert event.place is not None
    assert (event.place.name, event.place.country, event.place.source) == place
