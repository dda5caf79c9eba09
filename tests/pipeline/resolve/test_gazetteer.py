"""The offline gazetteer: name folding, loading, lookups and invariants."""

from __future__ import annotations

import gzip
import math
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annales.errors import ConfigError
from annales.pipeline.resolve.gazetteer import (
    FEATURES,
    Gazetteer,
    default_geo_dir,
    distance_km,
    load_gazetteer,
    normalize_name,
)


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return load_gazetteer()


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Paris", "paris"),
        ("  São Paulo ", "sao paulo"),
        ("St. Louis", "saint louis"),
        ("Russia's", "russia"),
        ("The Hague", "hague"),
        ("the", "the"),
        ("U.S.", "u s"),
        ("Nagorno-Karabakh", "nagorno karabakh"),
        ("", ""),
        ("...", ""),
    ],
)
def test_normalize_name_folds_case_accents_and_punctuation(name: str, key: str) -> None:
    assert normalize_name(name) == key


@pytest.mark.parametrize(
    ("a", "b", "low", "high"),
    [
        ((48.8534, 2.3488), (51.5085, -0.1257), 330, 350),  # Paris - London
        ((0.0, 0.0), (0.0, 0.0), 0, 0.001),
        ((0.0, 179.5), (0.0, -179.5), 100, 120),  # across the antimeridian
    ],
)
def test_distance_km_matches_known_distances(
    a: tuple[float, float], b: tuple[float, float], low: float, high: float
) -> None:
    assert low <= distance_km(*a, *b) <= high


def test_load_gazetteer_is_cached_and_large(gaz: Gazetteer) -> None:
    assert load_gazetteer() is gaz
    assert len(gaz) > 200_000
    assert gaz.n_names > 300_000


def test_shipped_files_stay_small() -> None:
    total = sum(path.stat().st_size for path in default_geo_dir().glob("*.tsv.gz"))
    assert 0 < total < 15 * 1024 * 1024


@pytest.mark.parametrize(
    ("name", "feature", "country"),
    [
        ("Paris", "city", "FRA"),
        ("Germany", "country", "DEU"),
        ("U.S.", "country", "USA"),
        ("Irish", "country", "IRL"),
        ("Texas", "region", "USA"),
        ("Crimea", "area", "UKR"),
        ("Gaza Strip", "area", "PSE"),
        ("Europe", "area", None),
    ],
)
def test_gazetteer_lookup_finds_known_places(gaz: Gazetteer, name: str, feature: str, country: str | None) -> None:
    assert any(e.feature == feature and e.country == country for e in gaz.lookup(name))


@pytest.mark.parametrize("name", ["Zzyzxbury", "", "   ", "!!!"])
def test_gazetteer_lookup_unknown_is_empty(gaz: Gazetteer, name: str) -> None:
    assert gaz.lookup(name) == ()
    assert name not in gaz


def test_gazetteer_lookup_orders_best_prior_first(gaz: Gazetteer) -> None:
    cands = gaz.lookup("Georgia")
    assert [c.feature for c in cands[:2]] == ["country", "region"]


def test_gazetteer_entries_have_alpha3_countries(gaz: Gazetteer) -> None:
    entries = [gaz.entry(pid) for pid in range(0, len(gaz), 997)]
    assert all(e.country is None or (len(e.country) == 3 and e.country.isupper()) for e in entries)
    assert all(e.feature in FEATURES for e in entries)


def _write_tiny(folder: Path, places: list[str], names: list[str]) -> None:
    with gzip.open(folder / "places.tsv.gz", "wt", encoding="utf-8") as fh:
        fh.write("\n".join(places) + "\n")
    with gzip.open(folder / "names.tsv.gz", "wt", encoding="utf-8") as fh:
        fh.write("\n".join(names) + "\n")


def test_load_gazetteer_reads_a_given_folder(tmp_path: Path) -> None:
    _write_tiny(
        tmp_path,
        ["1\tArnor\tcountry\tARN\t\t10.0\t20.0\t1000\t", "0\tFornost\tcity\tARN\t01\t11.0\t21.0\t50\tcap"],
        ["arnor\t0", "fornost\t1", "norbury\t1"],
    )
    tiny = load_gazetteer(str(tmp_path))
    assert len(tiny) == 2
    (city,) = tiny.lookup("Norbury")
    assert (city.name, city.geonameid, city.is_capital, city.admin1) == ("Fornost", None, True, "01")


@pytest.mark.parametrize("pid", [-1, 2, 10**9])
def test_gazetteer_entry_out_of_range_raises(tmp_path: Path, pid: int) -> None:
    _write_tiny(
        tmp_path,
        ["1\tArnor\tcountry\tARN\t\t10.0\t20.0\t1000\t", "0\tFornost\tcity\tARN\t01\t11.0\t21.0\t50\tcap"],
        ["arnor\t0"],
    )
    with pytest.raises(IndexError):
        load_gazetteer(str(tmp_path)).entry(pid)


def test_load_gazetteer_missing_files_say_how_to_build(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"E060.*build_gazetteer"):
        load_gazetteer(str(tmp_path))


def test_load_gazetteer_rejects_unknown_feature(tmp_path: Path) -> None:
    _write_tiny(tmp_path, ["1\tArnor\tkingdom\tARN\t\t10.0\t20.0\t1000\t"], ["arnor\t0"])
    with pytest.raises(ValueError, match="unknown feature"):
        load_gazetteer(str(tmp_path)).lookup("Arnor")


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40))
def test_gazetteer_lookup_never_raises_and_gives_valid_points(name: str) -> None:
    for entry in load_gazetteer().lookup(name):
        assert -90.0 <= entry.lat <= 90.0
        assert -180.0 <= entry.lon <= 180.0
        assert not math.isnan(entry.lat + entry.lon)
        assert entry.population >= 0


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40))
def test_normalize_name_is_idempotent(name: str) -> None:
    key = normalize_name(name)
    assert normalize_name(key) == key
