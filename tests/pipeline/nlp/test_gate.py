"""The event gate on hand-made word lists, with a tiny vocabulary (no spaCy model)."""

from __future__ import annotations

from types import MappingProxyType

import pytest

from annales.pipeline.nlp.gate import EventGate, GateOptions, GateVocabulary, WordForms

# A slice of spaCy's English rules, exceptions and index, enough for the words below.
FORMS = WordForms(
    rules={"verb": (("ed", ""), ("ed", "e"), ("s", ""), ("ing", "")), "noun": (("s", ""),), "adj": ()},
    exceptions={"verb": {"met": ("meet",), "said": ("say",)}, "noun": {}, "adj": {}},
    index={
        "verb": frozenset({"meet", "say", "rise", "arrest", "walk", "talk", "rate"}),
        "noun": frozenset({"price", "talk", "weather", "i"}),
        "adj": frozenset({"ready"}),
    },
    closed=frozenset({"to", "was", "is", "i", "the", "they", "he", "on"}),
)


def _vocabulary() -> GateVocabulary:
    names = {("kerry",): 0, ("sergei", "lavrov"): 1, ("russia",): 2, ("us",): 3}
    agents = {("officials",): "GOV", ("security", "forces"): "MIL"}
    longest = {"kerry": 1, "sergei": 2, "russia": 1, "us": 1, "officials": 1, "security": 2}
    return GateVocabulary(
        names=MappingProxyType(names),
        agents=MappingProxyType(agents),
        longest=MappingProxyType(longest),
        predicates=frozenset({"meet", "arrest"}),
        nouns=frozenset({"talk", "i"}),
        actor_words=frozenset({"he", "they", "we", "both"}),
        pair_nouns=frozenset({"sides", "countries"}),
        implicit=frozenset({"arrest"}),
    )


def _decide(gate: EventGate, sentence: str) -> str | None:
    return gate.decide(sentence.split())


@pytest.fixture()
def gate() -> EventGate:
    return EventGate(_vocabulary(), FORMS, GateOptions(triggers="vocabulary"))


@pytest.mark.parametrize(
    ("sentence", "reason"),
    [
        ("Kerry met Lavrov on Monday .", None),  # a name and an irregular form of a lexicon verb
        ("Prices rose on Monday .", "no_actor"),
        ("officials walked to the talks .", None),  # an agent and a plural event noun
        ("Kerry walked to the river .", "no_trigger"),  # no lexicon word in "vocabulary" mode
        ("He was arrested on Monday .", None),  # a pronoun
        ("Two men were arrested on Monday .", None),  # the implicit agent of an agentless passive
        ("security forces met .", None),  # a two-word agent
        ("Then both sides met .", None),
        ("In the end the two countries met .", None),
        ("The weather is cold .", "no_actor"),
        ("Prices rose to the talks on Monday .", "no_actor"),  # a trigger alone is not enough
    ],
)
def test_gate_decides_from_words_alone(gate: EventGate, sentence: str, reason: str | None) -> None:
    assert gate.decide(sentence.split()) == reason


def test_gate_capitalised_word_may_be_a_name(gate: EventGate) -> None:
    # the entity recogniser could make "Smithers" an unresolved actor: keep the sentence
    assert _decide(gate, "Yesterday Smithers met reporters .") is None
    # calendar words and the first word of a sentence are no names
    assert _decide(gate, "Talks met in January on Monday .") == "no_actor"


def test_gate_short_alias_needs_capitals(gate: EventGate) -> None:
    assert _decide(gate, "talk to us about it , they met") is None  # "they" is the actor here
    assert _decide(gate, "the meeting of us met") == "no_actor"
    assert _decide(gate, "the meeting of US met") is None


def test_gate_closed_words_are_never_event_nouns(gate: EventGate) -> None:
    # "is" -> "i" by the noun rule "s" -> "", and "i" is in the (model's) noun list: not a trigger
    assert _decide(gate, "Kerry is here .") == "no_trigger"


def test_gate_verbs_mode_keeps_any_possible_verb() -> None:
    gate = EventGate(_vocabulary(), FORMS, GateOptions(triggers="verbs"))
    assert _decide(gate, "Kerry walked to the river .") is None
    assert _decide(gate, "Kerry , the weather .") == "no_trigger"


def test_gate_options_are_checked() -> None:
    with pytest.raises(ValueError, match="gate_triggers"):
        GateOptions(triggers="nouns")  # type: ignore[arg-type]
    assert str(GateOptions()) == "gate-verbs"
    assert str(GateOptions(enabled=False)) == "nogate"


def test_word_forms_separate_predicates_and_nouns() -> None:
    said = FORMS.lemmas("said")
    assert "say" in said.predicate and said.verb
    assert said.noun == frozenset()  # a form the tables know only as a verb is no noun
    talks = FORMS.lemmas("talks")
    assert "talk" in talks.noun and "talk" in talks.predicate
    assert FORMS.lemmas("Smithers").noun == frozenset({"smithers"})  # unknown words are their own lemma
    assert FORMS.lemmas("was").noun == frozenset()  # closed-class words are never nouns
