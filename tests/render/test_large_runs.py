"""Reports of large runs stay in proportion: a fact shows its own story's sources only,
sources never checked get no row, every flagged fact stays listed, report.json is one
record a line."""

from __future__ import annotations

import json
import re

import pytest

import factcheck.render.html as html_module
import factcheck.render.markdown as markdown_module
from factcheck.models import Report, Stance, Story
from factcheck.render import render
from factcheck.render.html import render_html
from factcheck.render.markdown import render_markdown
from factcheck.render.view import build_items


def _two_stories(report: Report) -> Report:
    """The wire and local copies as one story, the rewrite alone in another (so the fact
    k2, which the rewrite shares with the wire copy, is left to its lone claims)."""
    stories = [Story(id="s1", label="fire", sources=["wire_a1", "local_b2"]),
               Story(id="s2", label="farm", sources=["farm_c3"])]
    sources = [s.model_copy(update={"story": "s2" if s.id == "farm_c3" else "s1"})
               for s in report.sources]
    return report.model_copy(update={"stories": stories, "sources": sources,
                                     "clusters": report.clusters[:1]})


def test_a_fact_covers_its_own_storys_sources_only(fire_report: Report) -> None:
    items = {i.id: i for i in build_items(_two_stories(fire_report))}
    k1 = items["k1"]
    assert list(k1.stances) == ["wire_a1", "local_b2"]
    assert {e.source.id for e in k1.evidence} == {"local_b2"}
    assert items["farm_c3#c1"].stances == {"farm_c3": Stance.states}


def test_a_source_never_checked_gets_a_count_not_a_row(fire_report: Report) -> None:
    lone = next(c for c in fire_report.claims if c.id == "local_b2#c2")
    claims = [c.model_copy(update={"checks": []}) if c is lone else c
              for c in fire_report.claims]
    report = fire_report.model_copy(update={"claims": claims})
    item = next(i for i in build_items(report) if i.id == lone.id)
    assert item.evidence == [] and item.unchecked == 2
    section = render_markdown(report).split("### local\\_b2\\#c2")[1].split("###")[0]
    assert "2 other sources of the story were not among the claim's candidates" in section
    assert "not among the claim's candidates" in render_html(report)


def test_every_flagged_fact_is_listed_past_the_card_limit(
        fire_report: Report, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(html_module, "MAX_CARDS", 1)
    flagged = [i.id for i in build_items(fire_report) if i.needs_review]
    assert len(flagged) > 1
    html = render_html(fire_report)
    cards = re.findall(r'<article class="item[^"]*" id="item-([^"]+)"', html)
    brief = re.findall(r'<li class="brief-item" id="item-([^"]+)"', html)
    assert cards == flagged[:1] and brief == flagged[1:]
    assert f"the other {len(flagged) - 1} that need review are listed in brief" in html


def test_each_story_gets_a_matrix_of_its_own_sources(fire_report: Report) -> None:
    html = render_html(_two_stories(fire_report))
    tables = html.split('<table class="matrix">')[1:]
    assert len(tables) == 2
    heads = [re.findall(r'<th scope="col"[^>]*>([^<]+)', t.split("</thead>")[0]) for t in tables]
    assert heads == [["fact", "wire", "local"], ["fact", "farm"]]


def test_a_wide_story_lists_who_says_what_instead_of_a_table(
        fire_report: Report, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(markdown_module, "MAX_COLUMNS", 2)
    others = render_markdown(fire_report).split("## Other facts")[1]
    assert "| fact |" not in others
    assert re.search(r"^- \*\*k2\*\* .*: ● wire, farm; ◐ local$", others, flags=re.M)
    assert "every other source of the story is silent" in others


def test_report_json_is_one_record_a_line(fire_report: Report) -> None:
    text = render(fire_report, "json")
    assert Report.model_validate_json(text) == fire_report
    lines = text.splitlines()
    start = lines.index('  "claims": [')
    records = lines[start + 1:start + 1 + len(fire_report.claims)]
    assert [json.loads(r.rstrip(","))["id"] for r in records] == \
        [c.id for c in fire_report.claims]
