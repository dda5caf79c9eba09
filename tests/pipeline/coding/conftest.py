"""Fixtures of the coder tests: hand-built sentences, the tiny fictional dictionaries, a coder."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest

from annales.pipeline.coding import CoderOptions, PloverCoder
from annales.records import Actor, Article, Event, Sentence, Token

DATA = Path(__file__).parent / "data"
_TAGS = {"VERB": "VBD", "AUX": "MD", "PROPN": "NNP", "NOUN": "NN", "PRON": "PRP", "ADP": "IN", "PART": "TO"}


def build_sentence(spec: str, *, index: int = 0, offset: int = 0) -> Sentence:
    """A parsed sentence from "word/lemma/POS/dep/head" items (head = token index), offsets computed."""
    tokens: list[Token] = []
    idx = offset
    for i, item in enumerate(spec.split()):
        word, lemma, pos, dep, head = item.split("/")
        tag = _TAGS.get(pos, pos)
        if pos == "AUX" and lemma in ("do", "be", "have"):
            tag = "VBD"
        tokens.append(Token(i=i, text=word, idx=idx, lemma=lemma, pos=pos, tag=tag, dep=dep, head=int(head)))
        idx += len(word) + 1
    text = " ".join(t.text for t in tokens)
    return Sentence(index=index, start=offset, end=offset + len(text), text=text, tokens=tokens)


def mention(sent: Sentence, i: int, code: str) -> Actor:
    """An actor mention covering token `i` of `sent`."""
    tok = sent.tokens[i]
    country, _, sector = code.partition(".")
    return Actor(
        text=tok.text, code=code, country=country, sector=sector or None, name=tok.text, start=tok.idx, end=tok.end
    )


ArticleFactory = Callable[[str, Sequence[tuple[int, str]]], Article]


@pytest.fixture()
def make_article() -> ArticleFactory:
    """Build a one-sentence article from a token spec and (token index, actor code) mentions."""

    def make(spec: str, mentions: Sequence[tuple[int, str]]) -> Article:
        sent = build_sentence(spec)
        article = Article(doc_id="doc1", uri="mem://doc1", format="text", text=sent.text)
        article.sentences = [sent]
        article.mentions = [mention(sent, i, code) for i, code in mentions]
        return article

    return make


@pytest.fixture(scope="session")
def coder() -> PloverCoder:
    """A coder with default options that raises on errors."""
    stage = PloverCoder(CoderOptions(learned_model=False))
    stage.raise_errors = True
    return stage


@pytest.fixture(scope="session")
def data_dir() -> Path:
    return DATA


def code_with_table(parser: Any, text: str, published: dt.date) -> list[Event]:
    """Code `text` as a user runs it: the real parse, the shipped actor table, the learned model on."""
    from annales.pipeline.actors import ActorTable
    from annales.pipeline.coding import code_text

    return code_text(text, published=published, table=ActorTable.default(), parser=parser)


def dyads(events: Sequence[Event], *, countries: bool = False) -> set[tuple[str | None, str | None, str]]:
    """(actor, recipient, type) of each event: codes, or countries with `countries`."""
    if countries:
        return {(e.actor.country, e.recipient.country if e.recipient else None, e.type) for e in events}
    return {(e.actor.code, e.recipient.code if e.recipient else None, e.type) for e in events}
