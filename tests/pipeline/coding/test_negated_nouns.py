"""Negation carried by the noun of an act ("made no apology", "held no talks", "reached no agreement"): the
event is output with `negated` set, as the annotation guideline codes it. Real spaCy parses and the actor
table, as a user runs it."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from tests.pipeline.coding.conftest import code_with_table

PUBLISHED = dt.date(2019, 11, 18)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "kind", "negated"),
    [
        ("Israel made no apology to Turkey.", "CONCEDE", True),
        ("Russia held no talks with Ukraine.", "CONSULT", True),
        ("Russia reached no agreement with Ukraine.", "AGREE", True),
        ("Russia held talks with Ukraine.", "CONSULT", False),
        ("Israel made an apology to Turkey.", "CONCEDE", False),
    ],
)
def test_an_act_whose_noun_is_no_x_is_negated(parser: Any, text: str, kind: str, negated: bool) -> None:
    events = [e for e in code_with_table(parser, text, PUBLISHED) if e.type == kind]
    assert events and all(e.negated == negated for e in events), [(e.type, e.negated) for e in events]
