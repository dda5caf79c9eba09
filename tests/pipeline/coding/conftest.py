"""Fixtures of the coder tests: hand-built sentences, the tiny fictional dictionaries, a coder."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from annales.pipeline.coding import CoderOptions, PloverCoder
from annales.records import Actor, Article, Sentence, Token

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
