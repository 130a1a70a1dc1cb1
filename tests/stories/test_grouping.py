"""Story grouping: articles of one event together, two events of the same kind apart, and
claims checked only within their story. Articles of our own on invented events."""

from __future__ import annotations

from pathlib import Path

import pytest
from builders import make_source
from click.testing import CliRunner

from factcheck.cli import cli
from factcheck.engine.local import LocalEngine
from factcheck.models import Report, Source
from factcheck.pipeline import run_pipeline
from factcheck.stories import group_sources, load_grouping, similarity_edges
from factcheck.stories.grouping import CANDIDATES

# Two warehouse fires in different towns (same wording, other names and figures) and a
# court ruling: three stories.
FIRE_A = [
    "Fire destroys Pellworth warehouse\n\nA fire destroyed the Corvane Logistics warehouse "
    "on Ashby Road in Pellworth on Monday. About 240 residents were evacuated. Fire chief "
    "Marta Olsberg said the cause was still under investigation. Twelve workers were hurt.",
    "Flames tore through the Corvane Logistics warehouse on Ashby Road, Pellworth, on Monday. "
    "Officials moved some 240 people out of nearby streets, and chief Marta Olsberg told "
    "reporters the cause was not yet known.",
    "PELLWORTH — Corvane Logistics said its Ashby Road warehouse was lost in Monday's fire. "
    "Olsberg, the fire chief, said 60 firefighters fought the blaze for nine hours.",
]
FIRE_B = [
    "Fire destroys Dunmere warehouse\n\nA fire destroyed the Halvik Freight warehouse on "
    "Quarry Lane in Dunmere on Thursday. About 80 residents were evacuated. Fire chief "
    "Tomas Reinholt said the cause was still under investigation.",
    "Flames tore through the Halvik Freight warehouse on Quarry Lane, Dunmere, on Thursday. "
    "Officials moved some 80 people out of nearby streets, fire chief Tomas Reinholt said.",
]
RULING = [
    "Court blocks Ostrava Mills merger\n\nA court in Brennick blocked the merger of Ostrava "
    "Mills with a rival on Tuesday. Judge Ilse Varga ruled the 310 million dollar deal would "
    "harm competition in the Lannor valley.",
    "Judges in Brennick stopped Ostrava Mills from merging with its competitor. The deal, "
    "worth 310 million dollars, would reduce competition, Judge Ilse Varga wrote.",
]


def _sources() -> list[Source]:
    texts = [*FIRE_A, *FIRE_B, *RULING]
    order = [0, 3, 5, 1, 4, 6, 2]  # interleaved, as a feed arrives
    return [make_source(f"n{i}", texts[i]) for i in order]


def _events(stories: list[list[str]]) -> set[frozenset[str]]:
    return {frozenset(s) for s in stories}


def test_articles_of_one_event_share_a_story_and_same_kind_events_do_not() -> None:
    stories = group_sources(_sources())
    assert _events([s.sources for s in stories]) == {
        frozenset({"n0", "n1", "n2"}), frozenset({"n3", "n4"}), frozenset({"n5", "n6"})}
    assert [s.id for s in stories] == ["s1", "s2", "s3"]  # largest first
    assert stories[0].sources == ["n0", "n1", "n2"]  # in input order
    assert "Olsberg" in stories[0].label or "Corvane Logistics" in stories[0].label


def test_single_mode_is_one_story_of_everything() -> None:
    stories = group_sources(_sources(), "single")
    assert len(stories) == 1 and len(stories[0].sources) == 7
    with pytest.raises(ValueError, match="story mode"):
        group_sources(_sources(), "pairs")


def test_candidate_pairs_stay_linear_in_the_number_of_sources() -> None:
    """Every article of one big story shares every name: still at most CANDIDATES pairs
    per source, not all n*(n-1)/2."""
    sources = [make_source(f"x{i}", FIRE_A[i % 2] + f" Report number {i}.") for i in range(150)]
    edges = similarity_edges(sources)
    assert len(edges) <= len(sources) * CANDIDATES < len(sources) * (len(sources) - 1) // 2
    assert len(group_sources(sources)) == 1


def test_fitted_parameters_say_where_they_come_from() -> None:
    grouping = load_grouping()
    assert 0 < grouping.threshold < 1 and 0 <= grouping.names_weight <= 1
    assert "benchmarks/stories/fit.py" in grouping.fitted_on


def _run(tmp_path: Path, mode: str = "auto") -> Report:
    for n, source in enumerate(_sources()):
        (tmp_path / f"{source.id}.txt").write_text(source.text, encoding="utf-8")
        assert n < 10
    return run_pipeline([str(tmp_path)], tmp_path / f"out-{mode}", lambda store: LocalEngine(),
                        story_mode=mode).report


def test_claims_are_checked_only_against_their_own_story(tmp_path: Path) -> None:
    report = _run(tmp_path)
    story_of = {s.id: s.story for s in report.sources}
    assert set(story_of.values()) == {s.id for s in report.stories}
    checks = [(c.source_id, k.source_id) for c in report.claims for k in c.checks]
    assert checks and all(story_of[a] == story_of[b] for a, b in checks)
    members = {s.id: set(s.sources) for s in report.stories}
    for claim in report.claims:  # one check per other source of its story
        assert {k.source_id for k in claim.checks} == members[story_of[claim.source_id]] - {
            claim.source_id}
    by_id = {c.id: c for c in report.claims}
    for cluster in report.clusters:
        assert cluster.story is not None
        assert {story_of[by_id[i].source_id] for i in cluster.claim_ids} == {cluster.story}
        assert set(cluster.stances) == members[cluster.story]


def test_single_mode_checks_every_other_source(tmp_path: Path) -> None:
    report = _run(tmp_path, "single")
    assert len(report.stories) == 1
    assert all(len(c.checks) == 6 for c in report.claims)


def test_cli_story_mode_and_report_fields(tmp_path: Path) -> None:
    for source in _sources():
        (tmp_path / f"{source.id}.txt").write_text(source.text, encoding="utf-8")
    for mode, stories in (("auto", 3), ("single", 1)):
        out = tmp_path / mode
        result = CliRunner().invoke(cli, ["run", str(tmp_path), "--out", str(out), "-q",
                                          "--story-mode", mode])
        assert result.exit_code == 0, result.output
        report = Report.model_validate_json((out / "report.json").read_text(encoding="utf-8"))
        assert len(report.stories) == stories
        assert all(s.story for s in report.sources)


def test_markdown_report_is_grouped_by_story(tmp_path: Path) -> None:
    for source in _sources():
        (tmp_path / f"{source.id}.txt").write_text(source.text, encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["run", str(tmp_path), "--out", str(out), "-q"])
    assert result.exit_code == 0, result.output
    markdown = (out / "report.md").read_text(encoding="utf-8")
    assert "## Stories (3)" in markdown
    tables = markdown.split("### Story ")[1:]
    assert len(tables) >= 2
    for table in tables:  # each story's stance table has that story's sources only
        header = next(line for line in table.splitlines() if line.startswith("| fact |"))
        assert header.count("|") - 2 in (2, 3)


def test_a_brief_that_names_no_one_stays_a_story_of_its_own() -> None:
    """Wording alone fits either fire: joining one would give it false contradictions."""
    brief = make_source("brief", "A fire destroyed a warehouse in the city on Monday. Some "
                        "residents were evacuated, the fire chief said.")
    stories = group_sources([*_sources(), brief])
    assert ["brief"] in [s.sources for s in stories]
    assert len(stories) == 4


def test_one_look_alike_pair_does_not_chain_two_events_together() -> None:
    """Two same-kind events in one region, each of three articles, and a pair of articles
    across them that share the region's names: still two stories."""
    def article(town: str, firm: str, chief: str, people: int, extra: str) -> str:
        return (f"Fire destroys {town} depot\n\nA fire destroyed the {firm} depot in {town} "
                f"on Monday, the Varnholm Fire Service said. About {people} residents were "
                f"evacuated. Fire chief {chief} said the cause was not yet known. {extra}")
    region = "Crews from Varnholm Fire Service and the Osterlund Ambulance Board helped."
    one = [article("Pellby", "Corvane Logistics", "Marta Olsberg", 240, x) for x in
           ("Twelve workers were hurt.", "Roads were closed.", region)]
    two = [article("Dunmere", "Halvik Freight", "Tomas Reinholt", 80, x) for x in
           ("Nine workers were hurt.", "Trains were halted.", region)]
    sources = [make_source(f"a{i}", t) for i, t in enumerate(one)] + [
        make_source(f"b{i}", t) for i, t in enumerate(two)]
    assert _events([s.sources for s in group_sources(sources)]) == {
        frozenset({"a0", "a1", "a2"}), frozenset({"b0", "b1", "b2"})}
