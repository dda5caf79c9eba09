"""Local paths shown relative to the run's inputs (issue 14): the Python and SQL forms agree."""

from __future__ import annotations

import duckdb
import pytest
from hypothesis import given
from hypothesis import strategies as st

from annales.store.paths import PathDisplay, common_root

ROOTS = ("/home/alice/crawl/", "/mnt/data/feeds/2014/")


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("/home/alice/crawl/site/a.html", "site/a.html"),
        ("file:///home/alice/crawl/feed.jsonl#line=3", "feed.jsonl#line=3"),
        ("/home/alice/crawl", "crawl"),
        ("/home/alice/crawl/", "crawl"),
        ("/mnt/data/feeds/2014/x.warc.gz#record=2", "x.warc.gz#record=2"),
        ("/srv/other/place/y.txt", "…/place/y.txt"),
        ("https://news.example/a", "https://news.example/a"),
        ("relative/path.txt", "relative/path.txt"),
        ("-", "-"),
    ],
)
def test_path_display_show(value: str, shown: str) -> None:
    assert PathDisplay(roots=ROOTS).show(value) == shown
    assert PathDisplay(roots=ROOTS, full=True).show(value) == value


@pytest.mark.parametrize(
    ("first", "last", "root"),
    [
        ("/home/a/crawl/x/1.html", "/home/a/crawl/y/2.html", "/home/a/crawl/"),
        ("/home/a/feed.jsonl#line=1", "/home/a/feed.jsonl#line=9", "/home/a/"),
        ("file:///d1.txt", "file:///d3.txt", "/"),
        ("/a/b.txt", "/a/b.txt", "/a/"),
    ],
)
def test_common_root(first: str, last: str, root: str) -> None:
    assert common_root(first, last) == root


def test_useful_roots_drop_the_filesystem_root() -> None:
    assert PathDisplay.useful_roots(["/", "/a/", "/a/b/", "/a/"]) == ("/a/b/", "/a/")


def test_path_display_apply_rewrites_path_keys_only() -> None:
    data = {"events": [{"doc_uri": "/home/alice/crawl/a.txt", "sentence": "/home/alice/crawl/a.txt"}], "n": 1}
    shown = PathDisplay(roots=ROOTS).apply(data)
    assert shown == {"events": [{"doc_uri": "a.txt", "sentence": "/home/alice/crawl/a.txt"}], "n": 1}


paths = st.one_of(
    st.text(alphabet="/ab.'#%_é\u202e", max_size=30),
    st.sampled_from(ROOTS).flatmap(lambda root: st.text(alphabet="/ab.'#", max_size=12).map(lambda tail: root + tail)),
    st.text(alphabet="/ab", max_size=10).map(lambda tail: "file://" + tail),
)


@given(value=paths)
def test_path_display_sql_equals_python(value: str) -> None:
    display = PathDisplay(roots=(*ROOTS, "/it's/"))
    con = duckdb.connect()
    shown = con.execute(f"SELECT {display.sql('x')} FROM (SELECT ?::VARCHAR AS x)", [value]).fetchone()
    assert shown is not None and shown[0] == display.show(value)


def test_documents_view_shadows_paths_on_one_connection_only() -> None:
    con = duckdb.connect()
    con.execute("CREATE TABLE documents (doc_id VARCHAR, uri VARCHAR, url VARCHAR, site VARCHAR, source VARCHAR)")
    con.execute("INSERT INTO documents VALUES ('d', '/home/alice/crawl/s/a.txt', NULL, '/home/alice/crawl/s', 'X')")
    shown = con.cursor()
    PathDisplay(roots=ROOTS).documents_view(shown)
    assert shown.execute("SELECT uri, site, source FROM documents").fetchall() == [("s/a.txt", "s", "X")]
    assert con.execute("SELECT uri FROM documents").fetchall() == [("/home/alice/crawl/s/a.txt",)]
