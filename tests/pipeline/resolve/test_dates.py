"""Event dates: tense from the parse, the expression attached to the trigger, the stage."""

from __future__ import annotations

import datetime as dt
import importlib.util
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annales.pipeline.base import check_pipeline
from annales.pipeline.resolve import dates
from annales.pipeline.resolve.dates import (
    NO_ANCHOR,
    DateOptions,
    EventDateStage,
    resolve_event_date,
    sentence_tense,
    text_tense,
)
from annales.records import Actor, Article, Event, Sentence, Token

SATURDAY = dt.date(2013, 7, 13)

# (text, pos, tag, dep, head, morph); lemma is the lower-cased text unless given after "|".
Row = tuple[str, str, str, str, int, str]


def _sentence(rows: list[Row], *, start: int = 0, index: int = 0) -> Sentence:
    tokens, offset = [], start
    for i, (text, pos, tag, dep, head, morph) in enumerate(rows):
        word, _, lemma = text.partition("|")
        tokens.append(Token(i, word, offset, lemma or word.lower(), pos, tag, dep, head, morph=morph))
        offset += len(word) + 1
    text = " ".join(t.text for t in tokens)
    return Sentence(index=index, start=start, end=start + len(text), text=text, tokens=tokens)


PAST = "Tense=Past|VerbForm=Fin"
SAID_THAT: list[Row] = [
    ("Kerry", "PROPN", "NNP", "nsubj", 1, ""),
    ("said|say", "VERB", "VBD", "ROOT", 1, PAST),
    ("on", "ADP", "IN", "prep", 1, ""),
    ("Thursday", "PROPN", "NNP", "pobj", 2, ""),
    ("that", "SCONJ", "IN", "mark", 6, ""),
    ("Russia", "PROPN", "NNP", "nsubj", 6, ""),
    ("attacked|attack", "VERB", "VBD", "ccomp", 1, PAST),
    ("Ukraine", "PROPN", "NNP", "dobj", 6, ""),
    ("on", "ADP", "IN", "prep", 6, ""),
    ("Monday", "PROPN", "NNP", "pobj", 8, ""),
    (".", "PUNCT", ".", "punct", 1, ""),
]
WILL_TRAVEL: list[Row] = [
    ("Kerry", "PROPN", "NNP", "nsubj", 2, ""),
    ("will", "AUX", "MD", "aux", 2, "VerbForm=Fin"),
    ("travel", "VERB", "VB", "ROOT", 2, "VerbForm=Inf"),
    ("to", "ADP", "IN", "prep", 2, ""),
    ("Moscow", "PROPN", "NNP", "pobj", 3, ""),
    ("July", "PROPN", "NNP", "npadvmod", 2, ""),
    ("14-15", "NUM", "CD", "nummod", 5, ""),
    (".", "PUNCT", ".", "punct", 2, ""),
]
PLANS_TO: list[Row] = [
    ("Obama", "PROPN", "NNP", "nsubj", 1, ""),
    ("plans|plan", "VERB", "VBZ", "ROOT", 1, "Tense=Pres"),
    ("to", "PART", "TO", "aux", 3, ""),
    ("visit", "VERB", "VB", "xcomp", 1, "VerbForm=Inf"),
    ("Israel", "PROPN", "NNP", "dobj", 3, ""),
    ("on", "ADP", "IN", "prep", 3, ""),
    ("Wednesday", "PROPN", "NNP", "pobj", 5, ""),
    (".", "PUNCT", ".", "punct", 1, ""),
]
CONJOINED: list[Row] = [
    ("Ministers", "NOUN", "NNS", "nsubj", 1, ""),
    ("met|meet", "VERB", "VBD", "ROOT", 1, PAST),
    ("on", "ADP", "IN", "prep", 1, ""),
    ("Monday", "PROPN", "NNP", "pobj", 2, ""),
    ("and", "CCONJ", "CC", "cc", 1, ""),
    ("signed|sign", "VERB", "VBD", "conj", 1, PAST),
    ("a", "DET", "DT", "det", 7, ""),
    ("deal", "NOUN", "NN", "dobj", 5, ""),
    (".", "PUNCT", ".", "punct", 1, ""),
]

AFTER_CLAUSE: list[Row] = [
    ("Talks|talk", "NOUN", "NNS", "nsubj", 1, ""),
    ("stalled|stall", "VERB", "VBD", "ROOT", 1, PAST),
    ("on", "ADP", "IN", "prep", 1, ""),
    ("Saturday", "PROPN", "NNP", "pobj", 2, ""),
    ("after", "SCONJ", "IN", "mark", 6, ""),
    ("Biden", "PROPN", "NNP", "nsubj", 6, ""),
    ("met|meet", "VERB", "VBD", "advcl", 1, PAST),
    ("Lavrov", "PROPN", "NNP", "dobj", 6, ""),
]
ANNOUNCED_AFTER: list[Row] = [
    ("Lavrov", "PROPN", "NNP", "nsubj", 1, ""),
    ("announced|announce", "VERB", "VBD", "ROOT", 1, PAST),
    ("it", "PRON", "PRP", "dobj", 1, ""),
    ("after", "ADP", "IN", "prep", 1, ""),
    ("meeting|meet", "VERB", "VBG", "pcomp", 3, ""),
    ("Biden", "PROPN", "NNP", "dobj", 4, ""),
    ("on", "ADP", "IN", "prep", 4, ""),
    ("Saturday", "PROPN", "NNP", "pobj", 6, ""),
]

POSTPONED_UNTIL: list[Row] = [
    ("Talks|talk", "NOUN", "NNS", "nsubjpass", 2, ""),
    ("were|be", "AUX", "VBD", "auxpass", 2, PAST),
    ("postponed|postpone", "VERB", "VBN", "ROOT", 2, "Tense=Past|VerbForm=Part"),
    ("until", "ADP", "IN", "prep", 2, ""),
    ("Saturday", "PROPN", "NNP", "pobj", 3, ""),
]
BEFORE_POSSESSIVE: list[Row] = [
    ("Before", "ADP", "IN", "prep", 4, ""),
    ("Friday", "PROPN", "NNP", "poss", 2, ""),
    ("announcement", "NOUN", "NN", "pobj", 0, ""),
    ("it", "PRON", "PRP", "nsubj", 4, ""),
    ("hesitated|hesitate", "VERB", "VBD", "ROOT", 4, PAST),
]
REPORTED_MISSING: list[Row] = [
    ("Roth", "PROPN", "NNP", "nsubjpass", 2, ""),
    ("was|be", "AUX", "VBD", "auxpass", 2, PAST),
    ("reported|report", "VERB", "VBN", "ROOT", 2, "Tense=Past|VerbForm=Part"),
    ("missing", "VERB", "VBG", "xcomp", 2, ""),
    ("last", "ADJ", "JJ", "amod", 5, ""),
    ("July", "PROPN", "NNP", "npadvmod", 2, ""),
]


def _event(sent: Sentence, trigger: str, *, index: int = 0) -> Event:
    token = next(t for t in sent.tokens if t.text == trigger)
    return Event(
        event_id="e1",
        doc_id="d1",
        sentence_index=index,
        sentence=sent.text,
        span=(token.idx, token.end),
        actor=Actor("Kerry", "USA.GOV", "USA", "GOV", "John Kerry"),
        recipient=None,
        type="CONSULT",
        mode=None,
        contexts=(),
        cameo="040",
        goldstein=1.0,
        quad=1,
        status="occurred",
        negated=False,
        confidence=1.0,
        trigger=trigger,
    )


@pytest.mark.parametrize(
    ("trigger", "value"),
    [("attacked", dt.date(2013, 7, 8)), ("said", dt.date(2013, 7, 11))],
)
def test_resolve_event_date_picks_the_date_of_its_clause(trigger: str, value: dt.date) -> None:
    sent = _sentence(SAID_THAT)
    result = resolve_event_date(sent, _event(sent, trigger), anchor=SATURDAY)
    assert (result.date, result.source, result.granularity) == (value, "text", "day")


@pytest.mark.parametrize(("trigger", "value"), [("attacked", dt.date(2013, 7, 8)), ("said", dt.date(2013, 7, 11))])
def test_resolve_event_date_without_parse_stays_in_clause(trigger: str, value: dt.date) -> None:
    sent = _sentence(SAID_THAT)
    event = _event(sent, trigger)
    sent.tokens = []
    assert resolve_event_date(sent, event, anchor=SATURDAY).date == value


def test_resolve_event_date_malformed_parse_uses_clause_heuristic() -> None:
    sent = _sentence(SAID_THAT)
    event = _event(sent, "attacked")
    sent.tokens[9].head = 99  # a head outside the sentence: the parse is not trusted
    assert resolve_event_date(sent, event, anchor=SATURDAY).date == dt.date(2013, 7, 8)


@pytest.mark.parametrize(
    ("text", "tense"),
    [
        ("Kerry will visit Moscow.", "future"),
        ("Kerry'll visit Moscow.", "future"),
        ("Kerry is going to visit Moscow.", "future"),
        ("Kerry plans to visit Moscow.", "future"),
        ("Kerry said he would visit Moscow.", "present"),
        ("Kerry visited Moscow.", "past"),
    ],
)
def test_text_tense_from_words(text: str, tense: str) -> None:
    assert text_tense(text) == tense


def test_resolve_event_date_future_range() -> None:
    sent = _sentence(WILL_TRAVEL)
    result = resolve_event_date(sent, _event(sent, "travel"), anchor=SATURDAY)
    assert (result.date, result.date_end) == (dt.date(2013, 7, 14), dt.date(2013, 7, 15))


@pytest.mark.parametrize("trigger", ["plans", "visit"])
def test_resolve_event_date_crosses_infinitive_complement(trigger: str) -> None:
    sent = _sentence(PLANS_TO)
    assert resolve_event_date(sent, _event(sent, trigger), anchor=SATURDAY).date == dt.date(2013, 7, 17)


def test_resolve_event_date_shares_date_with_conjoined_verb() -> None:
    sent = _sentence(CONJOINED)
    assert resolve_event_date(sent, _event(sent, "signed"), anchor=SATURDAY).date == dt.date(2013, 7, 8)


@pytest.mark.parametrize(
    ("rows", "trigger", "value"),
    [
        (AFTER_CLAUSE, "met", dt.date(2013, 7, 13)),  # a time clause shares its main clause's date
        (ANNOUNCED_AFTER, "announced", dt.date(2013, 7, 14)),  # the date belongs to "meeting": fallback
        (ANNOUNCED_AFTER, "meeting", SATURDAY),
    ],
)
def test_resolve_event_date_time_clauses(rows: list[Row], trigger: str, value: dt.date) -> None:
    sent = _sentence(rows)
    result = resolve_event_date(sent, _event(sent, trigger), anchor=dt.date(2013, 7, 14))
    assert result.date == value
    assert result.source == ("published" if trigger == "announced" else "text")


@pytest.mark.parametrize(
    ("rows", "trigger", "value", "source"),
    [
        (POSTPONED_UNTIL, "postponed", SATURDAY, "published"),  # "until Saturday" bounds, not dates
        (BEFORE_POSSESSIVE, "announcement", dt.date(2013, 7, 12), "text"),  # Friday's announcement
        (REPORTED_MISSING, "missing", dt.date(2012, 7, 1), "text"),  # a complement shares its verb's date
    ],
)
def test_resolve_event_date_bounds_and_complements(rows: list[Row], trigger: str, value: dt.date, source: str) -> None:
    sent = _sentence(rows)
    result = resolve_event_date(sent, _event(sent, trigger), anchor=SATURDAY)
    assert (result.date, result.source) == (value, source)


@pytest.mark.parametrize(
    ("text", "value", "source"),
    [
        ("MOSCOW, July 12 (Reuters) - Russian forces attacked the town.", SATURDAY, "published"),
        ("MOSCOW, July 12 (Reuters) - Russian forces attacked the town on Thursday.", dt.date(2013, 7, 11), "text"),
        ("WASHINGTON (AP) — Russian forces attacked the town on Thursday.", dt.date(2013, 7, 11), "text"),
    ],
)
def test_resolve_event_date_ignores_dateline(text: str, value: dt.date, source: str) -> None:
    sent = Sentence(index=0, start=0, end=len(text), text=text)
    event = _event(_sentence([("attacked", "VERB", "VBD", "ROOT", 0, PAST)], start=text.index("attacked")), "attacked")
    result = resolve_event_date(sent, event, anchor=SATURDAY)
    assert (result.date, result.source) == (value, source)


def test_resolve_event_date_falls_back_to_published() -> None:
    sent = _sentence(
        [
            ("Russia", "PROPN", "NNP", "nsubj", 1, ""),
            ("attacked|attack", "VERB", "VBD", "ROOT", 1, PAST),
            ("Ukraine", "PROPN", "NNP", "dobj", 1, ""),
        ]
    )
    result = resolve_event_date(sent, _event(sent, "attacked"), anchor=SATURDAY)
    assert (result.date, result.source, result.granularity, result.reason) == (SATURDAY, "published", "day", None)


def test_resolve_event_date_without_anchor_leaves_relative_null() -> None:
    sent = _sentence(SAID_THAT)
    result = resolve_event_date(sent, _event(sent, "attacked"), anchor=None)
    assert (result.date, result.source, result.reason) == (None, None, NO_ANCHOR)


def test_resolve_event_date_with_borrowed_anchor_records_story() -> None:
    sent = _sentence(SAID_THAT)
    result = resolve_event_date(sent, _event(sent, "attacked"), anchor=SATURDAY, source="story")
    assert (result.date, result.source) == (dt.date(2013, 7, 8), "story")


@pytest.mark.parametrize(
    ("rows", "trigger", "tense"),
    [
        (WILL_TRAVEL, 2, "future"),
        (PLANS_TO, 3, "future"),
        (PLANS_TO, 1, "future"),
        (SAID_THAT, 6, "past"),
        (
            [
                ("He", "PRON", "PRP", "nsubj", 2, ""),
                ("has", "AUX", "VBZ", "aux", 2, "Tense=Pres"),
                ("met", "VERB", "VBN", "ROOT", 2, "Tense=Past|VerbForm=Part"),
            ],
            2,
            "past",
        ),
        ([("He", "PRON", "PRP", "nsubj", 1, ""), ("meets|meet", "VERB", "VBZ", "ROOT", 1, "Tense=Pres")], 1, "present"),
        (
            [
                ("He", "PRON", "PRP", "nsubj", 2, ""),
                ("would", "AUX", "MD", "aux", 2, ""),
                ("visit", "VERB", "VB", "ROOT", 2, ""),
            ],
            2,
            "present",
        ),
        (
            [
                ("He", "PRON", "PRP", "nsubj", 2, ""),
                ("may", "AUX", "MD", "aux", 2, ""),
                ("visit", "VERB", "VB", "ROOT", 2, ""),
            ],
            2,
            "future",
        ),
        (
            [
                ("Talks|talk", "NOUN", "NNS", "nsubj", 1, ""),
                ("failed|fail", "VERB", "VBD", "ROOT", 1, PAST),
            ],
            0,
            "past",
        ),
        (
            [
                ("He", "PRON", "PRP", "nsubj", 1, ""),
                ("planned|plan", "VERB", "VBD", "ROOT", 1, PAST),
                ("to", "PART", "TO", "aux", 3, ""),
                ("visit", "VERB", "VB", "xcomp", 1, ""),
            ],
            3,
            "present",
        ),
    ],
)
def test_sentence_tense_from_parse(rows: list[Row], trigger: int, tense: str) -> None:
    assert sentence_tense(_sentence(rows), trigger) == tense


def _article(published: dt.date | None) -> Article:
    first = _sentence(SAID_THAT)
    second = _sentence(
        [
            ("Talks", "NOUN", "NNS", "nsubj", 1, ""),
            ("began|begin", "VERB", "VBD", "ROOT", 1, PAST),
            ("on", "ADP", "IN", "prep", 1, ""),
            ("2013-07-01", "NUM", "CD", "pobj", 2, ""),
        ],
        start=first.end + 1,
        index=1,
    )
    article = Article(doc_id="d1", uri="mem://d1", format="text", published=published)
    article.text = f"{first.text} {second.text}"
    article.sentences = [first, second]
    article.events = [_event(first, "attacked"), _event(second, "began", index=1)]
    return article


@pytest.mark.parametrize(("document_context", "source"), [(False, "text"), (True, "clause")])
def test_event_date_stage_fills_every_event(document_context: bool, source: str) -> None:
    stage = EventDateStage(DateOptions(document_context=document_context))
    stage.raise_errors = True
    article = stage.process(_article(SATURDAY))
    assert [(e.date, e.date_source, e.granularity) for e in article.events] == [
        (dt.date(2013, 7, 8), source, "day"),
        (dt.date(2013, 7, 1), source, "day"),
    ]
    assert stage.stats[f"date_{source}"] == 2


def test_event_date_stage_without_published_dates_absolute_only() -> None:
    article = EventDateStage().process(_article(None))
    assert [(e.date, e.date_reason) for e in article.events] == [
        (None, NO_ANCHOR),
        (dt.date(2013, 7, 1), None),
    ]


def test_event_date_stage_counts_missing_sentence() -> None:
    article = _article(SATURDAY)
    article.events[0].sentence_index = 9
    stage = EventDateStage(DateOptions(fall_back_to_published=False))
    stage.process(article)
    assert (article.events[0].date_reason, stage.stats["date_sentence_missing"]) == ("sentence_missing", 1)


def test_dates_exported_members_are_pinned() -> None:
    assert sorted(dates.__all__) == sorted(
        [
            "NO_ANCHOR",
            "DateOptions",
            "EventDate",
            "EventDateStage",
            "TimeExpr",
            "choose_expression",
            "find_trigger",
            "head_verb",
            "resolve_event_date",
            "resolve_expressions",
            "sentence_tense",
            "text_tense",
        ]
    )
    assert all(hasattr(dates, name) for name in dates.__all__)


def test_event_date_stage_declares_its_fields() -> None:
    check_pipeline([EventDateStage()], provided=("article.events", "article.sentences"))
    assert EventDateStage.name == "annales.resolve.dates.v2"
    assert EventDateStage.assigns == ("event.date",)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "trigger", "value"),
    [
        ("Kerry said on Thursday that Russia attacked Ukraine on Monday.", "attacked", dt.date(2013, 7, 8)),
        ("Kerry said on Thursday that Russia attacked Ukraine on Monday.", "said", dt.date(2013, 7, 11)),
        (
            "Kerry will travel to Moscow July 14-15, the State Department said on July 11.",
            "travel",
            dt.date(2013, 7, 14),
        ),
        ("The army attacked the town last June, officials said yesterday.", "attacked", dt.date(2013, 6, 1)),
        ("MOSCOW, July 12 (Reuters) - Russian forces attacked the town.", "attacked", SATURDAY),
        ("Microsoft broke sales records in 2010 when it released the Kinect.", "released", dt.date(2010, 1, 1)),
        (
            "The exchange followed a unanimous vote at the Council on Thursday to impose new sanctions on Mordor.",
            "impose",
            dt.date(2013, 7, 11),
        ),
        ("Abe said he would raise it when he speaks to Trump later this week.", "speaks", dt.date(2013, 7, 14)),
        # a date that modifies a noun is the noun's: the call was on July 2, the grilling on the publication day
        ("Lawmakers grilled the envoy on Trump's July 2 phone call with Putin.", "call", dt.date(2013, 7, 2)),
        ("Lawmakers grilled the envoy on Trump's July 2 phone call with Putin.", "grilled", SATURDAY),
        # ... unless the noun frames the act itself
        ("In a July 5 letter, the ministers pleaded with Russia to reconsider.", "pleaded", dt.date(2013, 7, 5)),
        ("At Monday's meeting, Russia warned Ukraine.", "warned", dt.date(2013, 7, 8)),
        # a chain of conjoined verbs shares the first one's date
        ("Aragorn tried to enter Rohan on July 2 but was caught and deported.", "deported", dt.date(2013, 7, 2)),
        # ... and an event the act is about frames nothing: the denial is not of March 4
        ("Russia denied any role in the March 4 nerve agent poisoning of a former spy.", "denied", SATURDAY),
        # the parser hangs "on July 9" on the noun the trigger completes: the rallies are on July 9
        (
            "She is now one of the key figures in the call for big rallies on July 9 that will demand his resignation.",
            "rallies",
            dt.date(2013, 7, 9),
        ),
        # "May" as a subject is the prime minister, not the month: the backing is the publication day's
        ("May has received strong backing from the United States.", "backing", SATURDAY),
        # a participle that describes the act tells its time
        ("The opposition plans a series of protests beginning on July 9.", "protests", dt.date(2013, 7, 9)),
        # a date inside a "since" phrase is where a span begins, not when the act happened
        ("The opposition has stepped up pressure since the defeat in a war last June.", "stepped", SATURDAY),
        # a to-infinitive has the tense of its verb: the awards are next Friday, the crossing last Monday
        ("She says she will be allowed to play at the awards on Friday.", "play", dt.date(2013, 7, 19)),
        ("He tried to cross the border on Monday.", "cross", dt.date(2013, 7, 8)),
        # the sentence's main verb takes the day of its "when" clause
        ("Two officers were gunned down when they pulled over a car on Monday.", "gunned", dt.date(2013, 7, 8)),
    ],
)
def test_resolve_event_date_with_real_parse(parser, text: str, trigger: str, value: dt.date) -> None:  # type: ignore[no-untyped-def]
    sent = parser.parse(text)[0]
    assert resolve_event_date(sent, _event(sent, trigger), anchor=SATURDAY).date == value


@pytest.mark.slow
def test_eval_dates_meets_floors(shared_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = Path(__file__).resolve().parents[3] / "benchmarks" / "eval_dates.py"
    spec = importlib.util.spec_from_file_location("eval_dates", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "eval_dates", module)  # dataclasses look their module up
    spec.loader.exec_module(module)
    figures = module.evaluate(shared_dir / "data" / "tempeval3" / "platinum", with_dateparser=False)
    assert module.gate(figures, module.FLOORS) == []


@settings(max_examples=60, deadline=None)
@given(
    text=st.text(min_size=1, max_size=120),
    at=st.integers(0, 119),
    anchor=st.one_of(st.none(), st.dates(min_value=dt.date(1200, 1, 1), max_value=dt.date(2800, 12, 31))),
)
def test_resolve_event_date_never_raises_without_parse(text: str, at: int, anchor: dt.date | None) -> None:
    sent = Sentence(index=0, start=0, end=len(text), text=text)
    event = _event(_sentence([("x", "VERB", "VBD", "ROOT", 0, PAST)], start=min(at, len(text) - 1)), "x")
    result = resolve_event_date(sent, event, anchor=anchor)
    assert (result.date is None) == (result.reason is not None)
    if result.date is not None and result.source == "published":
        assert result.date == anchor
