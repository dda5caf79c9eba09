from __future__ import annotations

from typing import ClassVar

import pytest

from annales.errors import ConfigError
from annales.pipeline.base import Stage, check_pipeline
from annales.records import Article


class Upper(Stage):
    name: ClassVar[str] = "test.upper"
    requires: ClassVar[tuple[str, ...]] = ("article.text",)
    assigns: ClassVar[tuple[str, ...]] = ("article.title",)

    def process(self, article: Article) -> Article:
        if "boom" in article.text:
            raise ValueError("cannot shout boom")
        article.title = article.text.upper()
        return article


def _article(doc_id: str, text: str) -> Article:
    return Article(doc_id=doc_id, uri=f"mem://{doc_id}", format="text", text=text)


def test_stage_processes_ok_articles_and_passes_others_on() -> None:
    skipped = _article("b", "bonjour")
    skipped.fail("language=fr", status="skipped")
    out = list(Upper().run([_article("a", "hi"), skipped], batch_size=1))
    assert [a.doc_id for a in out] == ["a", "b"]
    assert out[0].title == "HI"
    assert out[1].title is None


def test_stage_records_a_failure_on_the_article_and_counts_it() -> None:
    stage = Upper()
    out = list(stage.run([_article("a", "boom"), _article("b", "fine")]))
    assert out[0].status == "error"
    assert out[0].error is not None and "cannot shout boom" in out[0].error
    assert out[1].title == "FINE"
    assert stage.stats["error_ValueError"] == 1


def test_stage_raises_when_asked_to() -> None:
    stage = Upper()
    stage.raise_errors = True
    with pytest.raises(ValueError, match="boom"):
        list(stage.run([_article("a", "boom")]))


def test_check_pipeline_names_the_missing_field() -> None:
    with pytest.raises(ConfigError, match=r"article\.text"):
        check_pipeline([Upper()], provided=())
    check_pipeline([Upper()], provided=("article.text",))
