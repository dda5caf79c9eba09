"""Consistency of the CAMEO table (Goldstein, quad, PLOVER mapping) and the predicate lexicon."""

from __future__ import annotations

import pytest

from annales.codes import PLOVER_TYPES, CameoCode
from annales.errors import DictionaryError
from annales.pipeline.coding import CoderOptions, CodingTables
from annales.pipeline.coding.tables import parse_cameo_table, parse_lexicon

# Unit tests exercise the lexicon and the frames; the learned model is measured on real text
# (benchmarks/eval_realnews.py) and tested in test_learned.py.
LEXICON_ONLY = CoderOptions(learned_model=False)

TABLES = CodingTables.default()


def _root_quad(code: str) -> int:
    root = int(code[:2])
    return 1 if root <= 5 else 2 if root <= 8 else 3 if root <= 13 else 4


def test_tables_version_is_registered_name() -> None:
    assert TABLES.version == "annales.coder.plover.v1"


@pytest.mark.parametrize("entry", list(TABLES.cameo), ids=lambda e: e.code)
def test_cameo_table_rows_are_consistent(entry) -> None:  # type: ignore[no-untyped-def]
    CameoCode(entry.code)  # raises on a malformed code
    assert -10.0 <= entry.goldstein <= 10.0
    assert entry.quad == _root_quad(entry.code)
    assert entry.plover_type == "" or entry.plover_type in PLOVER_TYPES
    parent = TABLES.cameo.entries.get(entry.code[:-1]) if len(entry.code) == 4 else None
    if parent is not None:
        assert entry.goldstein == parent.goldstein  # 4-digit codes carry their 3-digit weight


def test_cameo_table_covers_every_root_and_type() -> None:
    roots = {entry.code[:2] for entry in TABLES.cameo}
    assert roots == {f"{n:02d}" for n in range(1, 21)}
    assert {entry.plover_type for entry in TABLES.cameo} - {""} == set(PLOVER_TYPES)


@pytest.mark.parametrize(
    ("code", "ptype", "mode", "goldstein", "quad"),
    [
        ("042", "CONSULT", "visit", 1.9, 1),
        ("057", "SUPPORT", None, 8.0, 1),
        ("0841", "RETREAT", "release", 7.0, 2),
        ("112", "ACCUSE", "disapprove", -2.0, 3),
        ("1053", "REQUEST", "yield", -5.0, 3),
        ("138", "THREATEN", "violence", -7.0, 3),
        ("163", "SANCTION", "discontinue", -8.0, 4),
        ("173", "COERCE", "arrest", -5.0, 4),
        ("195", "ASSAULT", "heavy-weapons", -10.0, 4),
        ("026", "REQUEST", "meet", 4.0, 1),
    ],
)
def test_cameo_table_known_facts(code: str, ptype: str, mode: str | None, goldstein: float, quad: int) -> None:
    entry = TABLES.cameo.get(code)
    assert entry is not None
    assert (entry.plover_type, entry.mode, entry.goldstein, entry.quad) == (ptype, mode, goldstein, quad)


@pytest.mark.parametrize(("code", "parent"), [("0849", "084"), ("1991", "199"), ("211", None)])
def test_cameo_table_falls_back_to_parent(code: str, parent: str | None) -> None:
    entry = TABLES.cameo.get(code)
    expected = TABLES.cameo.entries.get(parent) if parent else None
    if parent == "199":
        expected = TABLES.cameo.entries["19"]
    assert entry is expected


def test_lexicon_rows_map_to_plover_types() -> None:
    """Every row codes a PLOVER type, except rows that silence a broader row of the same lemma with a CAMEO
    code PLOVER leaves uncoded ("declined to comment": 011, beside "decline" = REJECT)."""
    assert len(TABLES.lexicon) > 200
    silencing = 0
    for rows in TABLES.lexicon.rows.values():
        for row in rows:
            ptype = row.type or TABLES.cameo.get(row.cameo).plover_type  # type: ignore[union-attr]
            if not ptype and row.cameo == "011":
                silencing += 1
                broader = [r for r in rows if r.lemma == row.lemma and r.cameo != "011"]
                assert broader and row.cues, (row.lemma, row.cameo)
                continue
            assert ptype in PLOVER_TYPES, (row.lemma, row.cameo)
    assert silencing >= 1


def test_lexicon_covers_every_plover_type() -> None:
    covered = set()
    for rows in TABLES.lexicon.rows.values():
        for row in rows:
            covered.add(row.type or TABLES.cameo.get(row.cameo).plover_type)  # type: ignore[union-attr]
    covered.discard("")  # the silencing rows (see above)
    assert covered == set(PLOVER_TYPES)


def test_lexicon_orders_specific_rows_first() -> None:
    rows = TABLES.lexicon.candidates("V", "withdraw")
    assert [len(r.cues) for r in rows] == sorted((len(r.cues) for r in rows), reverse=True)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("V\tmeet\t\t999\t\t\t\n", "E214"),
        ("V\tmeet\t\t040\tFIGHT\t\t\n", "E211"),
        ("V\tmeet\tfoo:bar\t040\t\t\t\n", "E212"),
        ("V\tmeet\t\t040\t\t\tweird\n", "E215"),
        ("X\tmeet\t\t040\t\t\t\n", "E213"),
    ],
)
def test_lexicon_rejects_bad_rows(text: str, code: str) -> None:
    with pytest.raises(DictionaryError) as info:
        parse_lexicon(text, cameo=TABLES.cameo)
    assert info.value.code == code


def test_lexicon_reads_the_joint_cue() -> None:
    lexicon = parse_lexicon("V\ttalk\tjoint\t040\t\t\tsym\n", cameo=TABLES.cameo)
    (row,) = lexicon.candidates("V", "talk")
    assert [cue.kind for cue in row.cues] == ["joint"]
    with pytest.raises(DictionaryError, match="E212"):
        parse_lexicon("V\ttalk\tjointly\t040\t\t\t\n", cameo=TABLES.cameo)


def test_cameo_table_rejects_bad_rows() -> None:
    with pytest.raises(DictionaryError, match="E210"):
        parse_cameo_table("040\tConsult\t1.0\n")
    with pytest.raises(DictionaryError, match="E211"):
        parse_cameo_table("040\tConsult\t1.0\t1\tTALK\t\t\n")


def test_tables_from_paths_load_an_edited_lexicon(tmp_path, make_article) -> None:  # type: ignore[no-untyped-def]
    from importlib import resources

    from annales.pipeline.coding import PloverCoder

    folder = resources.files("annales") / "data" / "coding"
    cameo = tmp_path / "cameo.tsv"
    cameo.write_text(folder.joinpath("cameo.tsv").read_text(encoding="utf-8"), encoding="utf-8")
    lexicon = tmp_path / "lexicon.tsv"
    lexicon.write_text("V\tparley\t\t040\t\t\t\n", encoding="utf-8")
    tables = CodingTables.from_paths(cameo, lexicon)
    assert len(tables.lexicon) == 1 and CodingTables.default() is CodingTables.default()
    spec = "Gondor/gondor/PROPN/nsubj/1 parleyed/parley/VERB/ROOT/1 Rohan/rohan/PROPN/dobj/1"
    events = PloverCoder(LEXICON_ONLY, tables=tables).process(make_article(spec, [(0, "GON"), (2, "ROH")])).events
    assert [(e.type, e.cameo) for e in events] == [("CONSULT", "040")] * 2  # one per direction (a meeting)
    assert PloverCoder(LEXICON_ONLY).process(make_article(spec, [(0, "GON"), (2, "ROH")])).events == []


def test_cameo_table_is_rebuilt_by_the_builder(shared_dir) -> None:  # type: ignore[no-untyped-def]
    import importlib.util
    from pathlib import Path

    tool = Path(__file__).resolve().parents[3] / "tools" / "coding_build_cameo.py"
    spec = importlib.util.spec_from_file_location("coding_build_cameo", tool)
    assert spec is not None and spec.loader is not None
    builder = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(builder)
    source = shared_dir / "data" / "plover" / "CAMEO2PLOVER-2021.txt"
    assert builder.build(source.read_text(encoding="utf-8")) == builder.TARGET.read_text(encoding="utf-8")
