"""The Markdown report: counts, flagged first, evidence tables, reviews, escaped text."""

from __future__ import annotations

from factcheck.models import Report
from factcheck.render.markdown import esc, render_markdown
from factcheck.render.view import build_items

HOSTILE_PARTS = ("<script>", "<img src=x", "</script>")


def test_counts_and_flagged_before_other_facts(fire_report: Report) -> None:
    text = render_markdown(fire_report)
    assert "3 sources, 5 claims, 3 facts, 2 need review" in text
    assert text.index("## Needs review (2)") < text.index("### k1") \
        < text.index("## Other facts (1)")
    assert text.index("### k1") < text.index("### local\\_b2\\#c2")


def test_each_flagged_fact_has_an_evidence_table_row_per_source(fire_report: Report) -> None:
    section = render_markdown(fire_report).split("### k1", 1)[1].split("###", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| ") and "---" not in line]
    assert len(rows) == 1 + len(fire_report.sources)  # header + one per source
    assert [r.split(" | ")[1] for r in rows[1:]] == ["states", "states · contradicted", "supported"]
    assert fire_report.clusters[0].flags[0].reason in section


def test_review_and_lineage_are_shown(fire_report: Report) -> None:
    text = render_markdown(fire_report)
    assert "**Reviewed** (local\\_b2\\#c2): set verdict → not mentioned by Dana Editor" in text
    assert "**farm** is derived from **wire** (score 0.87)" in text


def test_article_text_cannot_inject_html_or_break_tables(fire_report: Report) -> None:
    text = render_markdown(fire_report)
    for part in HOSTILE_PARTS:
        assert part not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert esc("a | b") == "a \\| b"
    assert esc("line\nbreak") == "line break"
    assert esc("[x](javascript:y)") == "\\[x\\](javascript:y)"


def test_same_report_same_markdown(fire_report: Report) -> None:
    assert render_markdown(fire_report) == render_markdown(fire_report.model_copy(deep=True))


def test_seeds_markdown_lists_every_fact_that_needs_review(seeds_report: Report) -> None:
    text = render_markdown(seeds_report)
    flagged = [i for i in build_items(seeds_report) if i.needs_review]
    assert flagged, "the seeds should raise some flags"
    assert f"## Needs review ({len(flagged)})" in text
    assert len(flagged) == seeds_report.summary.needs_review
    flagged_part = text.split("## For information", 1)[0]
    for item in flagged:
        assert esc(item.canonical) in flagged_part
