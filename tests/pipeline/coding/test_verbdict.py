"""User verb dictionaries in the PETRARCH format."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.pipeline.coding.conftest import ArticleFactory, build_sentence

from annales.errors import DictionaryError
from annales.pipeline.coding import (
    CoderOptions,
    PloverCoder,
    load_verb_dictionary,
    merge_verb_dictionaries,
    parse_verb_dictionary,
)
from annales.pipeline.coding.syntax import ParsedSentence

# Unit tests exercise the lexicon and the frames; the learned model is measured on real text
# (benchmarks/eval_realnews.py) and tested in test_learned.py.
LEXICON_ONLY = CoderOptions(learned_model=False)

RESTORE = (
    "Gondor/gondor/PROPN/nsubj/1 restored/restore/VERB/ROOT/1 diplomatic/diplomatic/ADJ/amod/3 "
    "{word}/{word}/NOUN/dobj/1 with/with/ADP/prep/1 Rohan/rohan/PROPN/pobj/4"
)


def test_verbdict_reads_blocks_forms_and_synsets(data_dir: Path) -> None:
    verbs = load_verb_dictionary(data_dir / "tiny.verbs.txt")
    assert len(verbs) == 2
    assert {"RESTORE", "GREET", "GREETS", "GREETED"} <= set(verbs.forms)
    restore = verbs.forms["RESTORE"]
    assert restore.code == "050"
    assert [p.code for p in restore.patterns] == ["064", "---"]
    assert restore.patterns[0].after == ((("TIES",), ("RELATIONS",)),)


@pytest.mark.parametrize(("word", "code"), [("ties", "064"), ("relations", "064"), ("bridges", "050")])
def test_verbdict_pattern_refines_default_code(data_dir: Path, word: str, code: str) -> None:
    verbs = load_verb_dictionary(data_dir / "tiny.verbs.txt")
    sent = build_sentence(RESTORE.format(word=word))
    hit = verbs.match(ParsedSentence.build(sent, []), 1)
    assert hit is not None and hit.code == code


def test_verbdict_null_code_pattern_blocks_match(data_dir: Path) -> None:
    verbs = load_verb_dictionary(data_dir / "tiny.verbs.txt")
    sent = build_sentence(RESTORE.format(word="monuments"))
    assert verbs.match(ParsedSentence.build(sent, []), 1) is None


def test_verbdict_paired_codes_give_reverse_event(data_dir: Path, make_article: ArticleFactory) -> None:
    coder = PloverCoder(LEXICON_ONLY, verbs=load_verb_dictionary(data_dir / "tiny.verbs.txt"))
    spec = "Gondor/gondor/PROPN/nsubj/1 greeted/greet/VERB/ROOT/1 Rohan/rohan/PROPN/dobj/1"
    events = coder.process(make_article(spec, [(0, "GON"), (2, "ROH")])).events
    assert {(e.actor.code, e.recipient and e.recipient.code, e.cameo, e.type) for e in events} == {
        ("GON", "ROH", "042", "CONSULT"),
        ("ROH", "GON", "043", "CONSULT"),
    }


def test_verbdict_user_code_overrides_lexicon(data_dir: Path, make_article: ArticleFactory) -> None:
    spec = RESTORE.format(word="ties").replace("ties/ties", "ties/tie")
    plain = PloverCoder(LEXICON_ONLY).process(make_article(spec, [(0, "GON"), (5, "ROH")])).events
    user = PloverCoder(LEXICON_ONLY, verbs=load_verb_dictionary(data_dir / "tiny.verbs.txt"))
    coded = user.process(make_article(spec, [(0, "GON"), (5, "ROH")])).events
    assert [e.cameo for e in plain] == ["050"]
    assert [(e.cameo, e.type) for e in coded] == [("064", "COOPERATE")]


def test_verbdict_as_fallback_only_codes_verbs_our_lexicon_lacks(data_dir: Path, make_article: ArticleFactory) -> None:
    """`verb_dictionary_fallback`: a user dictionary fills gaps (greet) and never overrides our rows (restore)."""
    verbs = load_verb_dictionary(data_dir / "tiny.verbs.txt")
    fallback = PloverCoder(CoderOptions(learned_model=False, verb_dictionary_fallback=True), verbs=verbs)
    restore = RESTORE.format(word="ties").replace("ties/ties", "ties/tie")
    coded = fallback.process(make_article(restore, [(0, "GON"), (5, "ROH")])).events
    assert [e.cameo for e in coded] == ["050"]  # our lexicon's code, not the dictionary's 064
    greet = "Gondor/gondor/PROPN/nsubj/1 greeted/greet/VERB/ROOT/1 Rohan/rohan/PROPN/dobj/1"
    events = fallback.process(make_article(greet, [(0, "GON"), (2, "ROH")])).events
    assert {e.cameo for e in events} == {"042", "043"}


def test_verbdict_unmapped_codes_kept_only_on_request(make_article: ArticleFactory) -> None:
    verbs = parse_verb_dictionary("--- GREET [991] ---\nGREET\n")
    spec = "Gondor/gondor/PROPN/nsubj/1 greeted/greet/VERB/ROOT/1 Rohan/rohan/PROPN/dobj/1"
    assert PloverCoder(LEXICON_ONLY, verbs=verbs).process(make_article(spec, [(0, "GON"), (2, "ROH")])).events == []
    kept = PloverCoder(CoderOptions(keep_unmapped_codes=True, learned_model=False), verbs=verbs)
    events = kept.process(make_article(spec, [(0, "GON"), (2, "ROH")])).events
    assert [(e.cameo, e.type) for e in events] == [("991", "")]


def test_verbdict_rejects_pattern_outside_block() -> None:
    with pytest.raises(DictionaryError, match="E220"):
        parse_verb_dictionary("- * TIES [064]\n")


def test_verbdict_missing_file_raises(tmp_path: Path) -> None:
    with pytest.raises(DictionaryError, match="E221"):
        load_verb_dictionary(tmp_path / "none.txt")


def test_verbdict_loaded_from_options(data_dir: Path, make_article: ArticleFactory) -> None:
    first = data_dir / "tiny.verbs.txt"
    coder = PloverCoder(CoderOptions(verb_dictionaries=[str(first)]))  # type: ignore[arg-type]
    spec = "Gondor/gondor/PROPN/nsubj/1 greeted/greet/VERB/ROOT/1 Rohan/rohan/PROPN/dobj/1"
    assert {e.cameo for e in coder.process(make_article(spec, [(0, "GON"), (2, "ROH")])).events} == {"042", "043"}
    assert coder.options.verb_dictionaries == (str(first),)


def test_verbdict_merge_later_wins(data_dir: Path) -> None:
    base = load_verb_dictionary(data_dir / "tiny.verbs.txt")
    override = parse_verb_dictionary("--- GREET [040] ---\nGREET\n")
    merged = merge_verb_dictionaries([base, override])
    assert merged.forms["GREET"].code == "040" and merged.forms["RESTORE"].code == "050"
    with pytest.raises(ValueError, match="verb_dictionaries"):
        CoderOptions(verb_dictionaries="one.txt", learned_model=False)  # type: ignore[arg-type]
