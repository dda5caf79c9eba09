"""The pairs an event keeps: a country's measure is never aimed at that country itself (issue 11)."""

from __future__ import annotations

from annales.pipeline.coding.dyads import no_own_target
from annales.pipeline.coding.predicates import Predicate
from annales.pipeline.coding.tables import LexEntry
from annales.records import Actor


def _party(code: str) -> Actor:
    country, _, sector = code.partition(".")
    return Actor(text=code, code=code, country=country, sector=sector or None, name=code, start=0, end=1)


def _pred(pos: str, lemma: str) -> Predicate:
    entry = LexEntry(pos=pos, lemma=lemma, cues=(), cameo="163", type="", mode="", flags=frozenset(), line=0)
    return Predicate(i=0, entry=entry, cameo="163", type="SANCTION", mode=None)


def test_a_countrys_tariffs_are_not_aimed_at_itself() -> None:
    """ "Import tariffs are a tax", said an economist in an American story: the American guess on both sides
    leaves the tariffs with no target; a target of another country stays."""
    usa, usa_gov, chn = _party("USA"), _party("USA.GOV"), _party("CHN")
    assert no_own_target(_pred("N", "tariff"), [(usa, usa_gov)]) == [(usa, None)]
    assert no_own_target(_pred("N", "tariff"), [(usa, chn), (usa, usa_gov)]) == [(usa, chn), (usa, None)]
    # one pair per actor once the target is gone
    assert no_own_target(_pred("N", "sanction"), [(usa, usa_gov), (usa, _party("USA.LEG"))]) == [(usa, None)]


def test_other_acts_keep_a_target_of_their_own_country() -> None:
    """A court's sentence, an arrest, a verb of sanctioning: domestic targets are what they are about."""
    usa_jud, usa_crm = _party("USA.JUD"), _party("USA.CRM")
    assert no_own_target(_pred("V", "sanction"), [(usa_jud, usa_crm)]) == [(usa_jud, usa_crm)]
    assert no_own_target(_pred("N", "conviction"), [(usa_jud, usa_crm)]) == [(usa_jud, usa_crm)]
