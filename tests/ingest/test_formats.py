"""HTML, JSON, JSONL and Markdown inputs built in the test."""

from __future__ import annotations

import io
import json
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from factcheck.ingest import ingest
from factcheck.models import Source

WriteFn = Callable[[str, str | bytes], Path]
IngestOne = Callable[[str, str], Source]

HTML = """<!doctype html><html><head><title>Storm floods port city | Coast Herald</title>
<meta property="og:site_name" content="Coast Herald">
<link rel="canonical" href="https://herald.example.com/storm"></head>
<body><nav><a href="/">Home</a> | <a href="/weather">Weather</a></nav>
<article><h1>Storm floods port city</h1>
<p>PORT AVERY (Reuters) - Hurricane Lena made landfall on Wednesday with winds of
150 km/h, flooding the harbour district, the national weather service said.</p>
<p>"The water rose faster than anyone expected," said harbour master Tom Okafor.</p>
<p>About 12,000 homes lost power, the utility said on Thursday.</p>
<p>Sign up for our weekly newsletter to get storm updates.</p></article>
<footer><p>&copy; 2025 Coast Herald. All rights reserved.</p></footer></body></html>
"""

RECORD = {"title": "Turnout hits record in city vote",
          "text": "Turnout hits record in city vote\n\nTurnout reached 71% in Sunday's municipal "
                  "election, the electoral commission said on Monday.\n\nAlready a subscriber? "
                  "Sign in.",
          "url": "https://vote.example.org/turnout", "outlet": "Civic Times",
          "published": "2024-05-13T08:00:00Z"}


def test_html_uses_the_extractor_and_its_metadata(ingest_one: IngestOne) -> None:
    source = ingest_one("storm.html", HTML)
    assert source.format == "html"
    assert source.title == "Storm floods port city"
    assert source.outlet == "Coast Herald" and source.url == "https://herald.example.com/storm"
    assert source.text.startswith("PORT AVERY (Reuters) - Hurricane Lena made landfall")
    assert "About 12,000 homes lost power" in source.text
    for junk in ("<p>", "Home", "newsletter", "All rights reserved", "Storm floods port city"):
        assert junk not in source.text


def test_json_fields_win_and_title_line_is_removed(ingest_one: IngestOne) -> None:
    source = ingest_one("vote.json", json.dumps(RECORD))
    assert (source.id, source.format) == ("vote", "json")
    assert (source.title, source.outlet, source.url, source.published) == (
        RECORD["title"], RECORD["outlet"], RECORD["url"], RECORD["published"])
    assert source.text == ("Turnout reached 71% in Sunday's municipal election, the electoral "
                           "commission said on Monday.")
    assert {b.kind for b in source.removed} == {"title", "paywall"}
    for entry in source.removed:
        assert RECORD["text"][entry.span[0]:entry.span[1]] == entry.text


def test_json_list_gets_numbered_ids_unless_a_record_has_one(write: WriteFn) -> None:
    records = [{"text": "The plant will reopen in May, the company said."},
               {"id": "gov-statement", "text": "The governor declared an emergency on Friday."},
               {"text": "Insurers put losses at $2 billion, a trade group said."}]
    result = ingest([str(write("batch.json", json.dumps(records)))])
    assert [s.id for s in result.sources] == ["batch-1", "gov-statement", "batch-3"]
    assert len({s.sha256 for s in result.sources}) == 3


def test_json_articles_wrapper_and_nested_source_name(write: WriteFn) -> None:
    data = {"status": "ok", "articles": [
        {"source": {"id": None, "name": "Wire Digest"}, "content": "Rescuers found two "
         "survivors under the rubble on Tuesday, the civil defence agency said."}]}
    result = ingest([str(write("feed.json", json.dumps(data)))])
    assert [(s.id, s.outlet) for s in result.sources] == [("feed-1", "Wire Digest")]


def test_malformed_json_gives_line_and_column(write: WriteFn) -> None:
    path = write("bad.json", '{\n  "text": "ok",\n  "title": oops\n}')
    result = ingest([str(path)])
    assert result.sources == []
    assert "malformed JSON at line 3" in result.problems[0].message


def test_json_without_article_records(write: WriteFn) -> None:
    result = ingest([str(write("meta.json", json.dumps({"schema_version": "1.0"})))])
    assert "no article records" in result.problems[0].message


def test_jsonl_skips_bad_lines_with_their_number(write: WriteFn) -> None:
    lines = [json.dumps({"text": "The quake struck at 3 a.m., seismologists said."}), "",
             "{not json", json.dumps({"title": "No body"}), "[1, 2]",
             json.dumps({"text": "Aftershocks continued into Sunday, residents said."})]
    result = ingest([str(write("feed.jsonl", "\n".join(lines)))])
    assert [s.id for s in result.sources] == ["feed-1", "feed-5"]
    assert all(s.format == "jsonl" for s in result.sources)
    messages = [p.message for p in result.problems]
    assert "line 3" in messages[0] and "record 3" in messages[1] and "record 4" in messages[2]


def test_markdown_to_plain_text(ingest_one: IngestOne) -> None:
    md = ("# Dam breach forces evacuations\n\n"
          "**RIVERTON** - About *4,000* residents were told to leave after the "
          "[state water agency](https://water.example.gov/notice) reported a breach on "
          "`Tuesday`, officials said.\n\n"
          "![Flooded road](https://img.example.com/road.jpg)\n\n"
          "> \"We had twenty minutes,\" said resident __Maya Lin__.\n\n"
          "- Shelters opened at two schools, the county said.\n\n---\n")
    source = ingest_one("dam.md", md)
    assert source.format == "md" and source.title == "Dam breach forces evacuations"
    assert source.text == (
        "RIVERTON - About 4,000 residents were told to leave after the state water agency "
        "reported a breach on Tuesday, officials said.\n\n"
        "\"We had twenty minutes,\" said resident Maya Lin.\n\n"
        "Shelters opened at two schools, the county said.")
    listed = "\n".join(b.text for b in source.removed)
    assert "https://water.example.gov/notice" in listed and "Flooded road" in listed
    for entry in source.removed:
        assert md[entry.span[0]:entry.span[1]] == entry.text


def test_stdin_formats_are_sniffed() -> None:
    html = ingest(["-"], stdin=io.StringIO(HTML)).sources[0]
    assert html.format == "html" and html.outlet == "Coast Herald"
    data = ingest(["-"], stdin=io.StringIO(json.dumps(RECORD))).sources[0]
    assert data.format == "json" and data.title == RECORD["title"]


def test_unusable_html_extractor_is_a_problem_not_a_crash(
        write: WriteFn, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "trafilatura", None)
    page, text = write("page.html", HTML), write("note.txt", "Crews restored water to the "
                                                 "east side on Friday, the city said.")
    result = ingest([str(page), str(text)])
    assert [s.id for s in result.sources] == ["note"]
    assert "cannot extract text from the HTML" in result.problems[0].message
