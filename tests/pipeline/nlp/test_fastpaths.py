"""The fast paths of the attribute ruler and the lemmatizer give spaCy's own annotations (issue 13)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from annales.pipeline.nlp.fastpaths import RuleIndex, install_fast_paths
from annales.pipeline.nlp.parse import MODEL_PACKAGE, PARAGRAPH_COMPONENT, SpacyParser, load_model

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[3]
# Sentences that reach the ruler's rarer patterns: "gon na", "got ta", "let 's", "ai n't", "nothin'",
# "y' all", "c'm on", expletive "there is", object pronouns, auxiliaries and "not".
TRICKY = [
    "We're gonna win, and you gotta believe it, let's go.",
    "It ain't over. There's nothin' left, y'all, c'mon!",
    "They told me and I told you it was not true; don't do it, he doesn't have to.",
    "She had had enough. What did he do? Which is which, and that is that.",
    "Is it? Am I? Are they? He gets what he got.",
]


def _texts() -> list[str]:
    return TRICKY + [path.read_text(encoding="utf-8") for path in sorted((REPO / "examples" / "news").glob("*/*.txt"))]


def test_fast_paths_give_spacy_annotations_issue_13(parser: SpacyParser) -> None:
    import spacy
    from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, MORPH, ORTH, POS, SENT_START, TAG

    load_model()  # registers the paragraph component
    plain = spacy.load(MODEL_PACKAGE)
    plain.add_pipe(PARAGRAPH_COMPONENT, before="parser")
    fast = parser.nlp
    attrs = [ORTH, TAG, POS, MORPH, LEMMA, DEP, HEAD, ENT_TYPE, ENT_IOB, SENT_START]
    for ours, theirs in zip(fast.pipe(_texts()), plain.pipe(_texts()), strict=True):
        assert np.array_equal(ours.to_array(attrs), theirs.to_array(attrs)), ours.text[:60]
        assert [t.lemma_ for t in ours] == [t.lemma_ for t in theirs]
        assert [str(t.morph) for t in ours] == [str(t.morph) for t in theirs]


def test_fast_paths_are_installed_on_the_loaded_model(parser: SpacyParser) -> None:
    ruler = parser.nlp.get_pipe("attribute_ruler")
    assert getattr(ruler.pipe, "__self__", None).__class__ is RuleIndex


def test_fast_paths_leave_an_unknown_ruler_pattern_to_spacy() -> None:
    import spacy

    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "a", "OP": "+"}]], {"TAG": "DT"})  # a quantifier: not supported by the index
    assert install_fast_paths(nlp) == []
    assert [t.tag_ for t in nlp("a a b")] == ["DT", "DT", ""]
