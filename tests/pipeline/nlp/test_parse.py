from __future__ import annotations

import pytest

from annales.errors import DependencyError
from annales.pipeline.nlp.parse import MAX_SENTENCE_CHARS, ParseOptions, SpacyParser, load_model
from annales.records import Article

pytestmark = pytest.mark.slow


def test_parse_offsets_point_into_the_text(parser: SpacyParser) -> None:
    text = "Kerry met Lavrov in Geneva. Russia's Foreign Minister said he would return."
    for sent in parser.parse(text):
        assert text[sent.start : sent.end] == sent.text
        for tok in sent.tokens:
            assert text[tok.idx : tok.end] == tok.text
            assert 0 <= tok.head < len(sent.tokens)


def test_parse_blank_line_ends_a_sentence(parser: SpacyParser) -> None:
    text = "Lavrov, Kerry begin talks in Brussels\n\nRussian Foreign Minister Sergei Lavrov met Kerry."
    sentences = parser.parse(text)
    assert [s.text for s in sentences] == [
        "Lavrov, Kerry begin talks in Brussels",
        "Russian Foreign Minister Sergei Lavrov met Kerry.",
    ]


def test_parse_entities_and_dependencies_are_filled(parser: SpacyParser) -> None:
    (sent,) = parser.parse("Barack Obama visited Berlin on Monday.")
    labels = {ent.label for ent in sent.entities}
    assert {"PERSON", "GPE"} <= labels
    assert any(tok.dep == "ROOT" and tok.lemma == "visit" for tok in sent.tokens)


def test_parse_stage_fills_articles_in_batches(parser: SpacyParser) -> None:
    articles = [
        Article(doc_id=str(i), uri=str(i), format="text", text=f"Talks number {i} began. They ended.") for i in range(5)
    ]
    before = parser.stats["sentences"]
    out = list(parser.run(articles, batch_size=2))
    assert all(len(a.sentences) == 2 for a in out)
    assert parser.stats["sentences"] - before == 10


def test_parse_marks_overlong_sentences_as_dropped(parser: SpacyParser) -> None:
    text = "The list goes on " + ", ".join(["item"] * (MAX_SENTENCE_CHARS // 5)) + "."
    sentences = parser.parse(text)
    assert any(s.dropped == "too_long" for s in sentences)


def test_parse_missing_model_names_the_fix() -> None:
    with pytest.raises(DependencyError, match="pip install"):
        load_model("no_such_model_package")


def test_parse_options_are_checked() -> None:
    with pytest.raises(ValueError):
        ParseOptions(batch_size=0)


def test_parse_joins_a_british_co_prefix_into_one_word(parser: SpacyParser) -> None:
    """spaCy splits "co-operated" into "co", "-", "operated" and parses "co" as the verb: the three are one
    token again, with the lemma the lexicon and the model know ("cooperate") and the word's own tag, heading
    the clause ("will co-operate" is planned, with "will" its auxiliary); a free-standing "operated" keeps
    its own lemma."""
    [sent] = parser.parse("France co-operated with Spain and operated two ships.")
    assert [(t.text, t.lemma) for t in sent.tokens if t.text.endswith("operated")] == [
        ("co-operated", "cooperate"),
        ("operated", "operate"),
    ]
    [sent] = parser.parse("France will co-operate with Spain.")
    words = {t.text: t for t in sent.tokens}
    assert "co" not in words and words["co-operate"].dep == "ROOT" and words["co-operate"].tag == "VB"
    assert sent.tokens[words["will"].head].text == "co-operate"
    assert sent.text[words["co-operate"].idx - sent.start :].startswith("co-operate")


@pytest.mark.parametrize(
    "text",
    [
        "Officer Hege and a partner, Sgt. Mark Dunakin, were shot on Saturday.",
        "Police Chief Lt. Dan Smith said Det. Joe Lee and Capt. Mary Roe arrested the man on Monday.",
    ],
)
def test_parse_a_rank_abbreviation_ends_no_sentence(parser: SpacyParser, text: str) -> None:
    """spaCy splits "Sgt." into "Sgt" + "." and its sentence tagger then ended a sentence there."""
    assert [s.text for s in parser.parse(text)] == [text]
