"""Unit tests of the PLOVER coder on hand-built parses (no spaCy model)."""

from __future__ import annotations

import datetime as dt

import pytest
from tests.pipeline.coding.conftest import ArticleFactory, build_sentence, mention

from annales.codes import PLOVER_TYPES
from annales.pipeline.base import check_pipeline
from annales.pipeline.coding import CoderOptions, PloverCoder, event_id
from annales.records import Article, Event

# Unit tests exercise the lexicon and the frames; the learned model is measured on real text
# (benchmarks/eval_realnews.py) and tested in test_learned.py.
LEXICON_ONLY = CoderOptions(learned_model=False)

MET = "Gondor/gondor/PROPN/nsubj/1 met/meet/VERB/ROOT/1 Rohan/rohan/PROPN/dobj/1 ./././punct/1"


def _triples(events: list[Event]) -> set[tuple[str | None, str | None, str]]:
    return {(e.actor.code, e.recipient.code if e.recipient else None, e.type) for e in events}


def test_coder_declares_stage_contract() -> None:
    assert PloverCoder.name == "annales.coder.plover.v2"
    assert PloverCoder.requires == ("article.sentences", "article.mentions")
    check_pipeline([PloverCoder(LEXICON_ONLY)], provided=("article.sentences", "article.mentions"))


def test_coder_codes_subject_verb_object(make_article: ArticleFactory, coder: PloverCoder) -> None:
    article = coder.process(make_article(MET, [(0, "GON"), (2, "ROH")]))
    event, reverse = article.events  # v2: a meeting gives one event per direction (issue 11)
    assert (reverse.actor.code, reverse.recipient and reverse.recipient.code) == ("ROH", "GON")
    assert (event.actor.code, event.recipient and event.recipient.code, event.type) == ("GON", "ROH", "CONSULT")
    assert event.cameo == "040" and event.quad == 1 and event.goldstein == 1.0
    assert event.status == "occurred" and not event.negated
    assert event.type in PLOVER_TYPES
    assert article.text[event.span[0] : event.span[1]] == "Gondor met Rohan"
    assert event.trigger == "met" and event.sentence == article.sentences[0].text
    assert 0.0 < event.confidence <= 1.0


@pytest.mark.parametrize(
    ("spec", "status"),
    [
        ("Gondor/gondor/PROPN/nsubj/2 will/will/AUX/aux/2 visit/visit/VERB/ROOT/2 Rohan/rohan/PROPN/dobj/2", "planned"),
        ("Gondor/gondor/PROPN/nsubj/2 may/may/AUX/aux/2 visit/visit/VERB/ROOT/2 Rohan/rohan/PROPN/dobj/2", "planned"),
        (
            "Gondor/gondor/PROPN/nsubj/1 plans/plan/VERB/ROOT/1 to/to/PART/aux/3 visit/visit/VERB/xcomp/1 "
            "Rohan/rohan/PROPN/dobj/3",
            "planned",
        ),
        (
            "Gondor/gondor/PROPN/nsubj/2 could/could/AUX/aux/2 visit/visit/VERB/ROOT/2 Rohan/rohan/PROPN/dobj/2",
            "hypothetical",
        ),
        ("Gondor/gondor/PROPN/nsubj/1 visited/visit/VERB/ROOT/1 Rohan/rohan/PROPN/dobj/1", "occurred"),
    ],
)
def test_coder_reads_modality(make_article: ArticleFactory, coder: PloverCoder, spec: str, status: str) -> None:
    article = coder.process(make_article(spec, [(0, "GON"), (len(spec.split()) - 1, "ROH")]))
    (event,) = article.events
    assert event.status == status
    assert (event.type, event.mode) == ("CONSULT", "visit")


def test_coder_conditional_clause_is_hypothetical(make_article: ArticleFactory, coder: PloverCoder) -> None:
    spec = (
        "If/if/SCONJ/mark/2 Mordor/mordor/PROPN/nsubj/2 attacks/attack/VERB/advcl/5 Rohan/rohan/PROPN/dobj/2 "
        ",/,/PUNCT/punct/5 Gondor/gondor/PROPN/nsubj/5"
    )
    spec = spec.replace("Gondor/gondor/PROPN/nsubj/5", "Gondor/gondor/PROPN/nsubj/6 responds/respond/VERB/ROOT/6")
    article = coder.process(make_article(spec, [(1, "MOR"), (3, "ROH"), (5, "GON")]))
    assert [(e.type, e.status) for e in article.events] == [("ASSAULT", "hypothetical")]


@pytest.mark.parametrize("keep", [True, False])
def test_coder_marks_negation(make_article: ArticleFactory, keep: bool) -> None:
    spec = (
        "Gondor/gondor/PROPN/nsubj/3 did/do/AUX/aux/3 not/not/PART/neg/3 meet/meet/VERB/ROOT/3 Rohan/rohan/PROPN/dobj/3"
    )
    stage = PloverCoder(CoderOptions(keep_negated=keep, learned_model=False))
    article = stage.process(make_article(spec, [(0, "GON"), (4, "ROH")]))
    assert [e.negated for e in article.events] == ([True, True] if keep else [])  # both directions of a meeting
    assert stage.stats["dropped_negated"] == (0 if keep else 1)
    assert all(e.goldstein == 0.0 and e.quad == 0 for e in article.events)  # v2: what did not happen weighs nothing


def test_coder_codes_reported_event_not_statement(make_article: ArticleFactory, coder: PloverCoder) -> None:
    spec = (
        "Rohan/rohan/PROPN/nsubj/1 said/say/VERB/ROOT/1 Mordor/mordor/PROPN/nsubj/4 had/have/AUX/aux/4 "
        "attacked/attack/VERB/ccomp/1 Gondor/gondor/PROPN/dobj/4"
    )
    article = coder.process(make_article(spec, [(0, "ROH"), (2, "MOR"), (5, "GON")]))
    assert _triples(article.events) == {("MOR", "GON", "ASSAULT")}


def test_coder_codes_speech_act_when_it_is_the_event(make_article: ArticleFactory, coder: PloverCoder) -> None:
    spec = (
        "Rohan/rohan/PROPN/nsubj/1 accused/accuse/VERB/ROOT/1 Mordor/mordor/PROPN/dobj/1 of/of/ADP/prep/1 "
        "attacking/attack/VERB/pcomp/3 Gondor/gondor/PROPN/dobj/4"
    )
    article = coder.process(make_article(spec, [(0, "ROH"), (2, "MOR"), (5, "GON")]))
    assert _triples(article.events) == {("ROH", "MOR", "ACCUSE")}


def test_coder_codes_several_events_per_sentence(make_article: ArticleFactory, coder: PloverCoder) -> None:
    spec = (
        "Gondor/gondor/PROPN/nsubj/1 met/meet/VERB/ROOT/1 Rohan/rohan/PROPN/dobj/1 and/and/CCONJ/cc/1 "
        "urged/urge/VERB/conj/1 it/it/PRON/dobj/4 to/to/PART/aux/7 negotiate/negotiate/VERB/xcomp/4"
    )
    article = coder.process(make_article(spec, [(0, "GON"), (2, "ROH")]))
    assert _triples(article.events) == {("GON", "ROH", "CONSULT"), ("ROH", "GON", "CONSULT"), ("GON", "ROH", "REQUEST")}
    request = next(e for e in article.events if e.type == "REQUEST")
    assert request.cameo == "026" and request.mode == "meet"  # appeal to meet or negotiate


def test_coder_joint_actors_give_one_event_per_direction(make_article: ArticleFactory, coder: PloverCoder) -> None:
    spec = "Gondor/gondor/PROPN/nsubj/3 and/and/CCONJ/cc/0 Rohan/rohan/PROPN/conj/0 met/meet/VERB/ROOT/3"
    article = coder.process(make_article(spec, [(0, "GON"), (2, "ROH")]))
    assert _triples(article.events) == {("GON", "ROH", "CONSULT"), ("ROH", "GON", "CONSULT")}


def test_coder_joint_actors_share_a_recipient(make_article: ArticleFactory, coder: PloverCoder) -> None:
    spec = (
        "Gondor/gondor/PROPN/nsubj/3 and/and/CCONJ/cc/0 Rohan/rohan/PROPN/conj/0 attacked/attack/VERB/ROOT/3 "
        "Mordor/mordor/PROPN/dobj/3"
    )
    article = coder.process(make_article(spec, [(0, "GON"), (2, "ROH"), (4, "MOR")]))
    assert _triples(article.events) == {("GON", "MOR", "ASSAULT"), ("ROH", "MOR", "ASSAULT")}


def test_coder_passive_agent_is_actor(make_article: ArticleFactory, coder: PloverCoder) -> None:
    spec = (
        "Rohan/rohan/PROPN/nsubjpass/2 was/be/AUX/auxpass/2 attacked/attack/VERB/ROOT/2 by/by/ADP/agent/2 "
        "Mordor/mordor/PROPN/pobj/3"
    )
    article = coder.process(make_article(spec, [(0, "ROH"), (4, "MOR")]))
    assert _triples(article.events) == {("MOR", "ROH", "ASSAULT")}


def test_coder_event_noun_with_light_verb(make_article: ArticleFactory, coder: PloverCoder) -> None:
    spec = (
        "Gondor/gondor/PROPN/nsubj/1 held/hold/VERB/ROOT/1 talks/talk/NOUN/dobj/1 with/with/ADP/prep/2 "
        "Rohan/rohan/PROPN/pobj/3"
    )
    article = coder.process(make_article(spec, [(0, "GON"), (4, "ROH")]))
    assert _triples(article.events) == {("GON", "ROH", "CONSULT"), ("ROH", "GON", "CONSULT")}


def test_coder_sanctions_against_noun(make_article: ArticleFactory, coder: PloverCoder) -> None:
    spec = (
        "Gondor/gondor/PROPN/poss/2 's/'s/PART/case/0 sanctions/sanction/NOUN/nsubj/3 hurt/hurt/VERB/ROOT/3 "
        "Mordor/mordor/PROPN/dobj/3"
    )
    spec = spec.replace("sanctions/sanction/NOUN/nsubj/3", "sanctions/sanction/NOUN/nsubj/5 against/against/ADP/prep/2")
    spec = spec.replace(
        "hurt/hurt/VERB/ROOT/3 Mordor/mordor/PROPN/dobj/3", "Mordor/mordor/PROPN/pobj/3 bite/bite/VERB/ROOT/5"
    )
    article = coder.process(make_article(spec, [(0, "GON"), (4, "MOR")]))
    assert _triples(article.events) == {("GON", "MOR", "SANCTION")}


def test_coder_requires_recipient_for_aid(make_article: ArticleFactory) -> None:
    stage = PloverCoder(LEXICON_ONLY)
    spec = "Gondor/gondor/PROPN/nsubj/1 donated/donate/VERB/ROOT/1 food/food/NOUN/dobj/1"
    article = stage.process(make_article(spec, [(0, "GON")]))
    assert article.events == []
    assert stage.stats["sentence_no_recipient"] == 1


@pytest.mark.parametrize(
    ("spec", "mentions", "reason"),
    [
        (MET, [], "sentence_no_actor"),
        ("Gondor/gondor/PROPN/nsubj/1 slept/sleep/VERB/ROOT/1", [(0, "GON")], "sentence_no_predicate"),
        ("Rohan/rohan/PROPN/dobj/1 met/meet/VERB/ROOT/1", [(0, "ROH")], "sentence_no_actor"),
    ],
)
def test_coder_counts_sentences_without_events(
    make_article: ArticleFactory, spec: str, mentions: list[tuple[int, str]], reason: str
) -> None:
    stage = PloverCoder(LEXICON_ONLY)
    article = stage.process(make_article(spec, mentions))
    assert article.events == []
    assert stage.stats[reason] == 1


def test_coder_skips_dropped_sentences(make_article: ArticleFactory) -> None:
    stage = PloverCoder(LEXICON_ONLY)
    article = make_article(MET, [(0, "GON"), (2, "ROH")])
    article.sentences[0].dropped = "too_long"
    stage.process(article)
    assert article.events == []
    assert stage.stats["sentence_skipped_too_long"] == 1


@pytest.mark.parametrize("published", [dt.date(2016, 7, 11), None])
def test_coder_sets_date_from_publication(
    make_article: ArticleFactory, coder: PloverCoder, published: dt.date | None
) -> None:
    article = make_article(MET, [(0, "GON"), (2, "ROH")])
    article.published = published
    event = coder.process(article).events[0]
    assert event.date == published and event.published == published
    assert event.date_source == ("published" if published else None)
    assert event.date_reason == (None if published else "no_publication_date")
    assert event.place is None and event.place_reason == "not_resolved"


def test_coder_event_ids_are_deterministic(make_article: ArticleFactory) -> None:
    first = PloverCoder(LEXICON_ONLY).process(make_article(MET, [(0, "GON"), (2, "ROH")])).events[0]
    again = PloverCoder(LEXICON_ONLY).process(make_article(MET, [(0, "GON"), (2, "ROH")])).events[0]
    assert first.event_id == again.event_id
    assert first.event_id == event_id("doc1", 0, 1, "GON", "ROH", "CONSULT")
    assert first.event_id != event_id("doc1", 0, 1, "ROH", "GON", "CONSULT")


def test_coder_pronoun_subject_uses_earlier_sentence(coder: PloverCoder) -> None:
    first = build_sentence("Gondor/gondor/PROPN/nsubj/1 spoke/speak/VERB/ROOT/1")
    second = build_sentence(
        "It/it/PRON/nsubj/1 attacked/attack/VERB/ROOT/1 Mordor/mordor/PROPN/dobj/1", index=1, offset=first.end + 1
    )
    article = Article(doc_id="d", uri="d", format="text", text=first.text + " " + second.text)
    article.sentences = [first, second]
    article.mentions = [mention(first, 0, "GON"), mention(second, 2, "MOR")]
    (event,) = coder.process(article).events
    assert (event.actor.code, event.recipient and event.recipient.code) == ("GON", "MOR")
    assert event.confidence < 0.8  # pronoun resolution lowers confidence


def test_coder_min_confidence_filters(make_article: ArticleFactory) -> None:
    stage = PloverCoder(CoderOptions(min_confidence=0.99, learned_model=False))
    assert stage.process(make_article(MET, [(0, "GON"), (2, "ROH")])).events == []
    assert stage.stats["dropped_low_confidence"] == 2  # the meeting in both directions


@pytest.mark.parametrize("value", [-0.1, 1.5])
def test_coder_options_reject_bad_confidence(value: float) -> None:
    with pytest.raises(ValueError, match="min_confidence"):
        CoderOptions(min_confidence=value, learned_model=False)


def test_coder_options_str_is_short_id() -> None:
    assert str(LEXICON_ONLY) == "plover-v2-c0"
    assert str(CoderOptions(min_confidence=0.5, keep_negated=False, version=1)) == "plover-v1-c0.5-noneg"


@pytest.mark.parametrize(
    ("spec", "future_type"),
    [
        ("Gondor/gondor/PROPN/nsubj/2 will/will/AUX/aux/2 visit/visit/VERB/ROOT/2 Rohan/rohan/PROPN/dobj/2", "AGREE"),
        (
            "Gondor/gondor/PROPN/nsubj/2 will/will/AUX/aux/2 attack/attack/VERB/ROOT/2 Rohan/rohan/PROPN/dobj/2",
            "THREATEN",
        ),
    ],
)
def test_coder_plover_future_rule(make_article: ArticleFactory, spec: str, future_type: str) -> None:
    plain = PloverCoder(LEXICON_ONLY).process(make_article(spec, [(0, "GON"), (3, "ROH")])).events[0]
    ruled = PloverCoder(CoderOptions(plover_future_rule=True, learned_model=False)).process(
        make_article(spec, [(0, "GON"), (3, "ROH")])
    )
    assert plain.status == "planned" and plain.type != future_type
    assert ruled.events[0].type == future_type and ruled.events[0].status == "planned"
