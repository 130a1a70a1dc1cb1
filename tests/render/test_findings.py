"""The terminal summary states each finding: who gives which figure or name, by outlet."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rich.console import Console

from factcheck import check
from factcheck.models import Report
from factcheck.render.findings import findings, source_labels
from factcheck.render.report import print_summary

WIRE = {
    "title": "Floods force thousands from homes in northern Chile",
    "outlet": "Andes Wire", "url": "https://example.org/andes/floods", "published": "2025-02-11",
    "text": "ARICA, Chile (Andes Wire) - Flash floods forced close to 4,500 residents from "
            "their homes in Chile's Tarapaca region on Tuesday, regional officials said.\n\n"
            "The regional governor, Marta Quispe, said 12 shelters had been opened in schools "
            "and that the army had sent 300 soldiers to clear roads.\n\nForecasters warned "
            "that more rain could fall on Wednesday, and officials asked residents of "
            "low-lying districts to stay away from riverbeds.",
}
SUMMARY = ("Floods in Chile: what we know\n\nRead at example.org\n\nFlash floods forced more "
           "than 9,000 residents from their homes in Peru's Tarapaca region on Tuesday. The "
           "regional governor, Marta Quispe, said 12 shelters had been opened in schools and "
           "that the army had sent 300 soldiers to clear roads. Forecasters warned that more "
           "rain could fall on Wednesday.\n")


@pytest.fixture(scope="module")
def floods(tmp_path_factory: pytest.TempPathFactory) -> Report:
    folder = tmp_path_factory.mktemp("floods")
    (folder / "wire.json").write_text(json.dumps(WIRE), encoding="utf-8")
    (folder / "summary.txt").write_text(SUMMARY, encoding="utf-8")
    return check([str(folder / "wire.json"), str(folder / "summary.txt")])


def _lines(report: Report) -> list[str]:
    console = Console(record=True, width=400)
    print_summary(report, console)
    return console.export_text().splitlines()


def test_a_figure_and_a_place_owner_in_dispute_are_named_with_their_outlets(
        floods: Report) -> None:
    first = findings(floods)[0]
    assert "'close to 4,500 residents' (Andes Wire)" in first.text
    assert "'more than 9,000 residents' (summary.txt)" in first.text
    assert first.text.index("4,500") < first.text.index("9,000")  # the original's figure first
    assert ("summary.txt says 'Peru's Tarapaca region' where Andes Wire, the source it is "
            "derived from, says 'Chile's Tarapaca region'") in first.text
    assert first.flags[:2] == ("numeric_discrepancy", "entity_mismatch")


def test_summary_opens_with_the_findings_then_the_counts(floods: Report) -> None:
    lines = _lines(floods)
    assert lines[0].startswith("2 sources, 7 claims; 1 fact needs review")
    assert "4,500" in lines[2] and "Andes Wire" in lines[2] and "numeric discrepancy" in lines[2]
    assert not any("summary" in line and "#" in line for line in lines)  # no hash ids
    assert lines.index(next(x for x in lines if "Claims per source" in x)) > 2


def test_unknown_outlet_is_the_file_name_and_a_shared_outlet_says_which_file(
        floods: Report) -> None:
    assert source_labels(floods) == {"wire": "Andes Wire", "summary": "summary.txt"}
    twice = floods.model_copy(deep=True)
    for source in twice.sources:
        source.outlet = "Andes Wire"
    assert source_labels(twice)["summary"] == "Andes Wire (summary.txt)"


def test_seeds_first_lines_name_the_containers_and_the_kursk_owner(
        seeds_report: Report) -> None:
    lines = _lines(seeds_report)
    containers = lines[2]
    for words in ("20,000", "nytimes.com", "13,000", "AP", "numeric discrepancy"):
        assert words in containers
    kursk = next(line for line in lines[3:6] if "Kursk" in line)
    summary_file = Path(seeds_report.sources[0].path).name
    assert (f"{summary_file} says 'Ukraine's Kursk region' where nytimes.com, the source it "
            "is derived from, says 'Russia’s Kursk region'") in kursk


def test_a_figure_many_sources_give_names_three_and_counts_the_rest(floods: Report) -> None:
    from factcheck.render.findings import _some

    assert _some(["a", "b", "c", "d"]) == "a, b, c, d"
    assert _some(["a", "b", "c", "d", "e", "f"]) == "a, b, c and 3 more"


def test_markdown_and_html_carry_the_same_finding(floods: Report) -> None:
    from factcheck.render.html import render_html
    from factcheck.render.markdown import render_markdown

    text = findings(floods)[0].text
    assert "**In short:** 'close to 4,500 residents' (Andes Wire)" in render_markdown(floods)
    html = render_html(floods)
    assert "<strong>In short:</strong> " + text.replace("'", "&#39;") in html


def test_source_ids_are_replaced_as_whole_words_only() -> None:
    from factcheck.render.findings import name_sources

    labels = {"a": "Alpha Wire", "text-1": "t1.txt"}
    assert name_sources("a says 12; a b c", labels) == "Alpha Wire says 12; Alpha Wire b c"
    assert name_sources("text-10 and text-1, data", labels) == "text-10 and t1.txt, data"


def test_with_several_stories_each_finding_says_which(floods: Report) -> None:
    from factcheck.models import Story

    report = floods.model_copy(deep=True)
    report.stories = [Story(id="s1", label="Tarapaca floods", sources=["wire", "summary"]),
                      Story(id="s2", label="other", sources=[])]
    for cluster in report.clusters:
        cluster.story = "s1"
    assert findings(report)[0].story == "s1 (Tarapaca floods)"
    assert "[s1 (Tarapaca floods)] 'close to 4,500" in _lines(report)[2]
    assert findings(floods)[0].story == ""  # one story: nothing to say
