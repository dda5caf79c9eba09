"""Code conversion, normalisation and dated roles."""

from __future__ import annotations

import datetime as dt

import pytest

from annales.codes import ActorCode
from annales.pipeline.actors import ActorEntry, Role, phoenix_to_code
from annales.pipeline.actors.model import is_sector_code, name_tokens, norm_token


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("USAGOV", "USA.GOV"),
        ("usagov", "USA.GOV"),
        ("USAGOVLEG", "USA.LEG"),  # government-legislature: a legislator
        ("RUSGOVMED", "RUS.GOV"),
        ("PSEREBHMS", "PSE.REB"),
        ("RUSCOP", "RUS.POL"),
        ("USA", "USA"),
        ("IGOUNO", "UNO"),
        ("IGOWSTNAT", "NATO"),
        ("IGOEUREEC", "EU"),
        ("IGOUNOJUDICJ", "UNO.JUD"),
        ("IGOBUSIMF", "IMF"),
        ("NGOUSA", "USA.NGO"),
        ("MNCUSAMED", "USA.BUS"),
        ("MORORC", "MOR.ORC"),
        # issue 12: our organisation codes for Phoenix's IGO chunks, specialised bodies first
        ("IGOUNOIAE", "IAEA"),
        ("IGOUNOHLHWHO", "UNO.HLH"),
        ("IGOUNOREFHCR", "UNO.REF"),
        ("IGOUNODEVWBK", "WBK"),
        ("IGOWAFBUSWAS", "ECOWAS"),
        ("IGOJUDICC", "ICC"),
        ("IGOMOSOIC", "OIC"),
        ("IGOEURCOE", "COE"),
        ("IGOAGRICO", "IGO"),  # an organisation without our code is a generic IGO, not a made-up country
        ("NGOHRIAMN", "NGO"),  # an international NGO (Amnesty)
        ("NGOGBRHRI", "GBR.NGO"),
        ("IMGMUSISI", "INS"),  # MUS is a religion here, not Mauritius
        ("---", None),
        ("+++", None),
    ],
)
def test_phoenix_to_code_converts(raw: str, code: str | None) -> None:
    assert phoenix_to_code(raw) == code
    if code is not None:
        assert str(ActorCode.parse(code)) == code


@pytest.mark.parametrize(
    ("phrase", "tokens"),
    [
        ("JOHN_KERRY_", ("john", "kerry")),
        ("MR._OBAMA_", ("mr", "obama")),
        ("U.S.", ("u.s.",)),
        ("Vice-President", ("vice", "president")),
        ("THE_UNITED_NATIONS_", ("united", "nations")),
        ("Russia\u2019s Foreign Minister", ("russia", "'s", "foreign", "minister")),
        ("MANFRED_WÖRNER_", ("manfred", "worner")),
        ("Binali Yıldırım", ("binali", "yildirim")),  # letters Unicode does not decompose (issue 12)
        ("Łukasz Støre", ("lukasz", "store")),
    ],
)
def test_name_tokens_normalises(phrase: str, tokens: tuple[str, ...]) -> None:
    assert name_tokens(phrase) == tokens


@pytest.mark.parametrize(("text", "norm"), [("US", "u.s."), ("us", "us"), ("Mr.", "mr"), ("U.N.", "u.n.")])
def test_norm_token_handles_abbreviations(text: str, norm: str) -> None:
    assert norm_token(text) == norm


KERRY = ActorEntry(
    "John Kerry",
    "person",
    (Role("USA.LEG", dt.date(1985, 1, 3), dt.date(2013, 2, 1)), Role("USA.GOV", dt.date(2013, 2, 1), None)),
    ("john kerry",),
)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (dt.date(2009, 1, 1), ("USA.LEG", None)),
        (dt.date(2013, 4, 23), ("USA.GOV", None)),  # the later-starting role wins on the boundary too
        (dt.date(1970, 1, 1), (None, "role_out_of_date")),
        (None, ("USA.GOV", None)),
    ],
)
def test_actor_entry_code_at_picks_dated_role(day: dt.date | None, expected: tuple[str | None, str | None]) -> None:
    assert KERRY.code_at(day) == expected


def test_actor_entry_default_role_applies_outside_dates() -> None:
    entry = ActorEntry("Dol", "country", (Role(None, end=dt.date(1995, 6, 30)), Role("DOL")), ("dol",))
    assert entry.code_at(dt.date(1990, 1, 1)) == (None, "null_code")
    assert entry.code_at(dt.date(2000, 1, 1)) == ("DOL", None)


def test_model_a_bare_sector_is_no_country_but_poland_is() -> None:
    assert is_sector_code("MED") and is_sector_code("BUS")
    assert not is_sector_code("POL")  # Poland, not the police
    assert not is_sector_code("NGO") and not is_sector_code("RUS") and not is_sector_code(None)
