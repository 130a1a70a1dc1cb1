"""Junk in other wordings goes; real sentences that look close to junk stay."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from factcheck.ingest.patterns import classify, source_site
from factcheck.models import Source

IngestOne = Callable[[str, str], Source]

FACTORY_FIRE = """\
Menu
Skip to content
Blaze destroys textile factory, 3 workers missing
Breaking
By Jane Smith | Valley Post
Updated 2 hours ago

DUNMORE (Valley News Service) - A fire tore through a textile factory on Monday, leaving three \
workers missing, the county fire chief said.

"We lost the roof within twenty minutes," fire chief Alan Brooks said in \
an interview with local radio.

The company, which supplies several clothing brands, said it had 2 million \
subscribers to its workwear rental service and would pay the families.

Advertisement

Read more: Flood warnings issued for the river valley

Investigators said the cause was not yet known.

Reporting by Jane Smith; Editing by Tom Lee
Subscribe to continue reading. You've reached your free article limit.
© 2025 Valley Post Media. This material may not be published, broadcast, rewritten or redistributed.
Disclaimer: This content was generated with the assistance of AI and reviewed by our editors.

Related Articles:
Warehouse fire closes highway
Mill owner charged over safety breaches

Jane Smith is a staff writer who covers labour and industry for the Valley Post. \
She previously worked as a correspondent in the capital.

3 Comments
Join the discussion
Save my name, email, and website in this browser for the next time I comment.
Share | Tweet | Email
"""

REAL = [
    "The streaming company said it added 2 million subscribers in the quarter.",
    "Customers who subscribe before June will pay less, the company said.",
    "Related charges were filed against two other executives, prosecutors said.",
    "Copyright lawsuits against the company rose sharply last year.",
    "By Tuesday, officials had evacuated 300 people.",
    "Sources said the talks had stalled.",
    "Source code for the app was leaked online, the firm said.",
    "It is prohibited to fly drones near the airport, police said.",
    "The mayor said in an interview that the dam was safe.",
    "Share prices fell 3% on Monday.",
    "Analysis of the black box data will take weeks, investigators said.",
    "Updated figures showed 41 people had died.",
    "Users must enable two-factor authentication, the bank said.",
    "Via a spokesperson, the company declined to comment.",
]

JUNK = {
    "Subscribe now to continue reading.": "paywall",
    "This article is only available to subscribers.": "paywall",
    "We use cookies to improve your experience on our site.": "paywall",
    "JavaScript is disabled in your browser.": "paywall",
    "READ MORE: Storm batters coast": "related_link",
    "You may also like": "related_link",
    "Copyright (c) 2021 Foo Media": "copyright",
    "Thanks for reading this blog! We are not affiliated with the agency.": "site_notice",
    "Leave a comment": "comment_form",
    "Follow us on Twitter and Facebook": "ui_text",
    "5 min read": "ui_text",
    "Associated Press writer Jo Bloggs contributed to this report.": "byline",
    "* * *": "markup",
}


@pytest.fixture
def fire(ingest_one: IngestOne) -> Source:
    return ingest_one("fire.txt", FACTORY_FIRE)


def test_factory_fire_keeps_only_the_reporting(fire: Source) -> None:
    assert fire.title == "Blaze destroys textile factory, 3 workers missing"
    assert fire.outlet == "Valley News Service"
    assert fire.text.split("\n\n") == [
        "DUNMORE (Valley News Service) - A fire tore through a textile factory on Monday, "
        "leaving three \
workers missing, the county fire chief said.",
        "\"We lost the roof within twenty minutes,\" fire chief Alan Brooks said in an "
        "interview with local radio.",
        "The company, which supplies several clothing brands, said it had 2 million subscribers "
        "to its workwear rental service and would pay the families.",
        "Investigators said the cause was not yet known.",
    ]


def test_factory_fire_junk_is_listed_by_kind(fire: Source) -> None:
    kinds = {b.kind for b in fire.removed}
    assert {"ui_text", "title", "byline", "paywall", "copyright", "site_notice",
            "related_link", "author_bio", "comment_form"} <= kinds
    related = [b.text for b in fire.removed if b.kind == "related_link"]
    assert "Warehouse fire closes highway" in related
    bio = " ".join(b.text for b in fire.removed if b.kind == "author_bio")
    assert "staff writer" in bio and "She previously worked" in bio


def test_spans_index_the_raw_text(fire: Source) -> None:
    for entry in fire.removed:
        assert FACTORY_FIRE[entry.span[0]:entry.span[1]] == entry.text
    spans = [b.span for b in fire.removed]
    assert spans == sorted(spans)


@pytest.mark.parametrize("line", REAL)
def test_real_sentences_are_not_junk(line: str) -> None:
    assert classify(line) is None
    assert source_site(line) is None


@pytest.mark.parametrize(("line", "kind"), sorted(JUNK.items()))
def test_junk_in_other_wordings(line: str, kind: str) -> None:
    assert classify(line) == kind


def test_closing_profile_of_a_non_journalist_is_kept(ingest_one: IngestOne) -> None:
    text = ("Election officials finished counting ballots in the Northfield district on "
            "Sunday, the commission said.\n\n"
            "Maria Ortega is a retired teacher who volunteered at the polling station for "
            "20 years, and she said the queues were the longest she had seen.\n")
    source = ingest_one("count.txt", text)
    assert "Maria Ortega is a retired teacher" in source.text
    assert source.removed == []


def test_sentence_lead_is_not_a_title_and_short_text_has_none(ingest_one: IngestOne) -> None:
    text = ("Shares of Kestrel Mining fell 8% on Thursday after the company cut its forecast.\n"
            "The company blamed lower copper prices.\n")
    source = ingest_one("kestrel.txt", text)
    assert source.title is None and source.text == text.strip()


@pytest.mark.parametrize(("line", "site"), [
    ("Read at www.example-news.com", "example-news.com"),
    ("Source: Politics - Example.org", "example.org"),
    ("Original Source: https://www.wire.example.net/story/1", "wire.example.net"),
    ("Source: Harbour Gazette", "Harbour Gazette"),
])
def test_source_lines_name_the_site(line: str, site: str) -> None:
    assert source_site(line) == site


def test_read_at_line_is_removed_and_names_the_upstream(ingest_one: IngestOne) -> None:
    text = ("Quarterly revenue rose 9% to $4.1 billion, the retailer said on Wednesday.\n"
            "Read at www.example-news.com\n")
    source = ingest_one("retail.txt", text)
    assert source.outlet is None  # unknown stays unknown
    assert source.upstream == "example-news.com"
    assert "Read at" not in source.text
    assert [b.kind for b in source.removed] == ["source_line"]


@pytest.mark.parametrize("line", ["Originally published at www.harbour-gazette.example",
                                  "via harbour-gazette.example",
                                  "Original Source: https://harbour-gazette.example/a/1"])
def test_upstream_lines_never_give_the_outlet(ingest_one: IngestOne, line: str) -> None:
    text = ("MARLOW, Tasmania (Coast Wire) - The ferry service resumed on Monday after a "
            "two-day strike, the operator said.\n" + line + "\n")
    source = ingest_one("ferry.txt", text)
    assert source.outlet == "Coast Wire"
    assert source.upstream == "harbour-gazette.example"


def test_a_plain_source_line_on_a_rewrite_names_its_upstream(ingest_one: IngestOne) -> None:
    text = ("The ferry service resumed on Monday after a two-day strike, the operator said.\n"
            "Source: harbour-gazette.example\n")
    source = ingest_one("ferry.txt", text)
    assert (source.outlet, source.upstream) == (None, "harbour-gazette.example")


def test_json_metadata_decides_the_outlet(ingest_one: IngestOne) -> None:
    record = ('{"title": "Ferry strike ends", "url": "https://www.harbour-gazette.example/f",'
              ' "text": "The ferry service resumed on Monday after a two-day strike, the '
              'operator said."}')
    source = ingest_one("ferry.json", record)
    assert source.outlet == "harbour-gazette.example"
    assert source.outlet_rule is not None and "URL" in source.outlet_rule
