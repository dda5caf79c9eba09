"""Chrome removal: line patterns, per-site line statistics, syndicated copies, header dates."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from annales.pipeline.extract import LineStats, classify_line, clean_text, collect_line_stats
from annales.pipeline.extract.boilerplate import MAX_STAT_LINE_CHARS, line_key
from annales.records import Article

BODY = [
    "Russian Foreign Minister Sergei Lavrov met U.S. Secretary of State John Kerry in Geneva on Friday.",
    "The two men discussed a ceasefire in Syria and the delivery of humanitarian aid to Aleppo.",
    "Kerry said both sides had agreed to meet again in two weeks to review progress on the plan.",
]


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Accessibility links", "navigation"),
        ("1. Skip to content", "navigation"),
        ("  3. Skip to more DW sites", "navigation"),
        ("Breaking News", "navigation"),
        ("XS", "short_token"),
        ("LG", "short_token"),
        ("|", "symbols"),
        ("Comments: 0", "comments"),
        ("12 comments", "comments"),
        ("Author: us-russia", "author"),
        ("By Jane Smith and Ali Khan", "byline"),
        ("Image: Getty Images", "image_credit"),
        ("Sergey Lavrov (L) and Joe Biden(Photo by Johannes Simon/Getty Images)", "image_credit"),
        ("• 16x9 Image", "image_credit"),
        ("https://p.dw.com/p/17XBn", "url"),
        ("With reporting by Reuters, AP, AFP, Interfax, and TASS", "credit"),
        ("rc / ccp (AFP, AP, dpa, Reuters)", "credit"),
        ("(Reporting by Jane Smith; Editing by Tom Brown)", "credit"),
        ("More In: International | News | World", "tags"),
        ("U.S., Russia in new shadow boxingApril 13, 2013", "related_link"),
        ("April 13, 2013", "date_line"),
        ("Are the U.S. and Russia...", "teaser"),
        ("Copyright 2019 Example News. All rights reserved.", "copyright"),
        ("© 2016 Steppe Wire. All rights reserved.", "copyright"),
        ("World | Middle East", "breadcrumb"),
        ("Home > World > Europe", "breadcrumb"),
    ],
)
def test_classify_line_chrome(line: str, reason: str) -> None:
    assert classify_line(line.strip()) == reason


@pytest.mark.parametrize(
    "line",
    [
        *BODY,
        "Kerry To Visit Moscow For Talks With Lavrov On Syria",
        "Perceived chemical threat",
        '"We will make that happen," he added.',
        "Lavrov, Kerry begin talks in Brussels",
        # a paragraph with a photo credit glued to its end is a paragraph, not a credit line
        "Russian Foreign Minister Sergei Lavrov met U.S. Secretary of State John Kerry in Geneva on Friday to "
        "discuss a ceasefire in Syria and aid to the besieged city of Aleppo, officials said on Saturday. "
        "(Photo: Reuters)",
    ],
)
def test_classify_line_keeps_content(line: str) -> None:
    assert classify_line(line) is None


def _article(text: str, site: str = "site-a") -> Article:
    return Article(doc_id="x", uri="u", format="text", raw=text.encode(), site=site)


def _stats(texts: list[str], site: str = "site-a") -> LineStats:
    return collect_line_stats(_article(text, site) for text in texts)


def _doc(title: str, body: list[str], chrome: str = "Voice of the Steppe Radio") -> str:
    return "\n\n".join([chrome, title, *body, "Listen live on our app"])


def test_clean_text_removes_site_repeated_lines() -> None:
    names = ["Kyiv", "Minsk", "Riga", "Tbilisi", "Baku", "Yerevan"]
    texts = [_doc(f"Talks in {name}", [f"{line[:-1]} in {name}." for line in BODY]) for name in names]
    cleaned = clean_text(texts[0], site="site-a", stats=_stats(texts))
    assert "Voice of the Steppe" not in cleaned.text and "Listen live" not in cleaned.text
    assert cleaned.removed["repeated"] == 2
    assert cleaned.title == "Talks in Kyiv"
    assert cleaned.text.split("\n\n") == [f"{line[:-1]} in Kyiv." for line in BODY]


def test_clean_text_repeats_counted_per_site_only() -> None:
    texts = [_doc(f"Story number {i} about talks", BODY) for i in range(6)]
    stats = _stats(texts, site="site-a")
    cleaned = clean_text(texts[0], site="site-b", stats=stats)
    assert "Listen live on our app" in cleaned.text and "repeated" not in cleaned.removed


def test_clean_text_keeps_syndicated_copies_and_their_title() -> None:
    story = _doc("Lavrov and Kerry agree on Syria ceasefire", BODY)
    others = [
        _doc(f"Other story {i} today", [f"Unrelated sentence number {i} about the weather in Kyiv today."])
        for i in range(7)
    ]
    texts = [story, story.replace("Listen live on our app", ""), story, *others]
    cleaned = clean_text(texts[1], site="site-a", stats=_stats(texts))
    assert cleaned.text.split("\n\n") == BODY
    assert cleaned.title == "Lavrov and Kerry agree on Syria ceasefire"
    assert cleaned.removed["repeated"] == 1  # the station name only


def test_clean_text_header_date_and_footer_date_trap() -> None:
    text = "\n\n".join(
        [
            "1. Skip to content",
            "US, Russia ponder differences",
            "February 2, 2013",
            *BODY,
            "U.S., Russia in new shadow boxingApril 13, 2013",
            "More In: International | News | World",
        ]
    )
    cleaned = clean_text(text)
    assert (cleaned.published, cleaned.published_source) == (dt.date(2013, 2, 2), "line")
    assert cleaned.text.split("\n\n") == BODY
    assert dict(cleaned.removed) == {"navigation": 1, "date_line": 1, "related_link": 1, "tags": 1}


def test_clean_text_date_only_in_footer_is_not_published() -> None:
    text = "\n\n".join([*BODY, "Related: Kerry in new talksApril 13, 2013", "April 14, 2013"])
    cleaned = clean_text(text)
    assert cleaned.published is None
    assert cleaned.text.split("\n\n") == BODY


def test_clean_text_date_after_body_start_is_ignored() -> None:
    text = "\n\n".join(["Kerry in Geneva", BODY[0], "July 14, 2016", *BODY[1:]])
    assert clean_text(text).published is None


def test_clean_text_dateline_with_year() -> None:
    text = "GENEVA, Sept. 9, 2016 (Reuters) - " + BODY[0] + "\n\n" + BODY[1]
    cleaned = clean_text(text)
    assert (cleaned.published, cleaned.published_source) == (dt.date(2016, 9, 9), "dateline")
    assert cleaned.dateline is not None and cleaned.dateline.place == "GENEVA"


def test_clean_text_footer_after_credit_line_cut() -> None:
    body = [*BODY, *[line.replace(".", ", officials said.") for line in BODY]]
    text = "\n\n".join([*body, "With reporting by Reuters and AFP", "Our station is banned in Russia.", "LG"])
    cleaned = clean_text(text)
    assert cleaned.text.split("\n\n") == body
    assert cleaned.removed["footer"] == 1 and cleaned.removed["credit"] == 1


def test_clean_text_comment_count_at_top_does_not_cut() -> None:
    text = "\n\n".join(["Kerry in Geneva", "Comments: 0", *BODY])
    assert clean_text(text).text.split("\n\n") == BODY


def test_clean_text_duplicate_lines_and_repeated_title_dropped() -> None:
    text = "\n".join(
        [
            "Russia, US agree to revive Syria peace plan",
            "Author: x",
            "Russia, US agree to revive Syria peace plan",
            BODY[0],
            BODY[0],
            BODY[1],
        ]
    )
    cleaned = clean_text(text)
    assert cleaned.text.split("\n\n") == [BODY[0], BODY[1]]
    assert cleaned.title == "Russia, US agree to revive Syria peace plan"
    assert dict(cleaned.removed) == {"author": 1, "duplicate_line": 1}  # title copies are moved, not counted


def test_clean_text_joins_hard_wrapped_lines() -> None:
    wrapped = (
        "Russian Foreign Minister Sergei Lavrov met U.S.\nSecretary of State John Kerry in Geneva on\n"
        "Friday to discuss a ceasefire in Syria and\naid to the besieged city of Aleppo, officials said."
    )
    cleaned = clean_text(wrapped + "\n\n" + BODY[1])
    assert cleaned.text == wrapped.replace("\n", " ") + "\n\n" + BODY[1]


def test_clean_text_joins_a_line_wrapped_mid_sentence_among_whole_paragraphs() -> None:
    """A long first line that ends mid-sentence, followed by one in lower case, is the lead's first half, not
    a headline to take as the title; lines that are whole paragraphs stay apart."""
    text = (
        "A top aide of Rome's new mayor has been arrested on suspicion of corruption, months after the mayor was\n"
        "elected promising to clean up local government.\n"
        "The aide was arrested on Friday, as part of an investigation of business deals dating from 2013.\n"
        "He is the head of personnel in city hall and is considered the mayor's right-hand man in the council."
    )
    cleaned = clean_text(text)
    assert cleaned.title is None
    paragraphs = cleaned.text.split("\n\n")
    assert paragraphs[0].startswith("A top aide of Rome's new mayor") and paragraphs[0].endswith("local government.")
    assert len(paragraphs) == 3


def test_clean_text_joins_a_line_ending_on_a_function_word() -> None:
    """No sentence ends on "and": the next line continues it, though it starts with a capital."""
    text = (
        "The activist said the arrests followed a request which comes from the French and\n"
        "Spanish governments' side, and that several of his colleagues were questioned for hours.\n"
        "The police said they had found weapons and explosives at a farm in the south of the country."
    )
    paragraphs = clean_text(text).text.split("\n\n")
    assert len(paragraphs) == 2 and "French and Spanish governments" in paragraphs[0]


@pytest.mark.parametrize("gap", ["\n", "\n\n"])
def test_clean_text_a_dateline_alone_on_its_line_opens_the_body(gap: str) -> None:
    """ "KABUL (Reuters)" on a line of its own is the body's dateline, not a credit line to drop."""
    text = "KABUL (Reuters)" + gap + BODY[0]
    cleaned = clean_text(text)
    assert cleaned.text.startswith("KABUL (Reuters) - ")
    assert cleaned.dateline is not None and cleaned.dateline.place == "KABUL"


def test_clean_text_keeps_short_lowercase_lines_apart() -> None:
    """Menu words in lower case are no continuation of a short line."""
    text = "Home\nworld\nsport\n\n" + BODY[0]
    assert "Home world" not in clean_text(text).text


def test_collect_line_stats_counts_documents_not_occurrences() -> None:
    stats = _stats(["Menu line\nMenu line\n" + BODY[0], "Menu line\n" + BODY[1], BODY[2]])
    assert stats.repeats("site-a", "Menu line") == (2, 3)
    assert stats.repeats("site-a", "menu   LINE") == (2, 3)  # case and spaces do not matter
    assert stats.repeats("elsewhere", "Menu line") == (0, 0)


def test_collect_line_stats_skips_html_errors_and_long_lines() -> None:
    long_line = "x" * (MAX_STAT_LINE_CHARS + 1)
    html = Article(doc_id="h", uri="h", format="html", raw=b"<html><body><p>Menu line</p></body></html>", site="s")
    failed = _article("Menu line", site="s")
    failed.fail("binary")
    stats = collect_line_stats([html, failed, _article(f"Menu line\n{long_line}", site="s")])
    assert stats.repeats("s", "Menu line") == (1, 1)
    assert line_key(long_line) not in stats.sites["s"].counts


def test_line_stats_is_immutable() -> None:
    stats = _stats(["Menu line\n" + BODY[0]])
    with pytest.raises(dataclasses.FrozenInstanceError):
        stats.sites = {}  # type: ignore[misc]
    with pytest.raises(TypeError):
        stats.sites["other"] = stats.sites["site-a"]  # type: ignore[index]


def test_clean_text_long_menu_does_not_hide_header_date() -> None:
    menu = ["Home", "World", "Europe", "Asia", "Sport", "Video", "Search", "Sign in"] * 3
    text = "\n".join([*menu, "Kerry in Geneva", "February 2, 2013", *BODY])
    cleaned = clean_text(text)
    assert cleaned.published == dt.date(2013, 2, 2)


def test_clean_text_header_is_limited() -> None:
    lead = [f"Short line number {word}" for word in "abcdefghijklmnopq"]  # 17 short non-chrome lines
    text = "\n".join([*lead, "February 2, 2013", *BODY])
    assert clean_text(text).published is None


# --- issue 14: copies of one article are one document; site statistics never empty a document

WIRE = _doc("Kerry and Lavrov meet in Munich", BODY)
CITIES = ["Kyiv", "Minsk", "Riga", "Tbilisi", "Baku", "Yerevan"]


def test_collect_line_stats_counts_copies_of_one_article_once_issue_14() -> None:
    others = [
        _doc(f"Other story {i} today", [f"Unrelated sentence number {i} about the weather in Kyiv."]) for i in range(3)
    ]
    stats = _stats([WIRE] * 6 + others)
    lines = stats.sites["site-a"]
    assert lines.docs == 4
    assert lines.counts[line_key(BODY[0])] == 1
    assert lines.counts[line_key("Listen live on our app")] == 4


def test_collect_line_stats_counts_near_copies_once_issue_14() -> None:
    # the same article with another timestamp, spacing, case and chrome around it
    copies = [
        WIRE,
        WIRE.replace("Voice of the Steppe Radio", "Updated 10:32 GMT"),
        "Share on Facebook\n\n" + WIRE.upper(),
        WIRE.replace("\n\n", "\n\n\n"),
    ]
    stats = _stats(copies)
    assert stats.sites["site-a"].docs == 1
    assert stats.sites["site-a"].counts[line_key(BODY[1])] == 1


def test_clean_text_of_a_feed_of_copies_keeps_the_article_issue_14() -> None:
    texts = [WIRE] * 6 + [
        _doc(f"Other story {i}", [f"Unrelated sentence {i} about the weather today."]) for i in range(2)
    ]
    cleaned = clean_text(WIRE, site="site-a", stats=_stats(texts))
    assert cleaned.text.split("\n\n") == BODY


def test_clean_text_site_statistics_never_empty_a_document_issue_14() -> None:
    # Edited copies (a distinct closing sentence each) defeat the near-copy key: every body line
    # really is in every document of the site. The floor keeps the text and says why.
    edited = [
        _doc("Kerry and Lavrov meet", [*BODY, f"An update from {city} was added to this story."]) for city in CITIES
    ]
    cleaned = clean_text(edited[0], site="site-a", stats=_stats(edited))
    assert all(line in cleaned.text for line in BODY)
    assert cleaned.kept["repeated"] == len(BODY)
    assert "Listen live on our app" not in cleaned.text  # short chrome lines still go


def test_clean_text_floor_still_removes_chrome_of_a_long_article_issue_14() -> None:
    texts = [_doc(f"Talks in {name}", [f"{line[:-1]} in {name}." for line in BODY]) for name in CITIES]
    cleaned = clean_text(texts[0], site="site-a", stats=_stats(texts))
    assert cleaned.removed["repeated"] == 2 and not cleaned.kept
