"""Source lineage: a summary or rewrite is found, with its direction and evidence."""

from __future__ import annotations

from pathlib import Path

import pytest
from builders import make_source as _source

from factcheck.aggregate.lineage import detect_lineage, families
from factcheck.engine.local import LocalEngine
from factcheck.models import Lineage, Report, Source
from factcheck.pipeline import run_pipeline

ORIGINAL = (
    "Floodwaters swept through the river town of Ashford on Sunday after three days of "
    "torrential rain, forcing about 4,300 residents from their homes, the county emergency "
    "office said.\n"
    "The swollen Meldon river broke through a levee near the old paper mill before dawn, "
    "and volunteers in flat-bottomed boats ferried stranded families to the high school gym.\n"
    "Two elderly residents were rescued from the roof of a submerged bungalow by a coast "
    "guard helicopter, officials said. Power was cut to roughly 9,000 households.\n"
    "The mayor said repairs to the breached levee could cost as much as $12 million and "
    "asked the state for emergency funds."
)
SUMMARY = (
    "Ashford flooded on Sunday after torrential rain, and about 4,300 residents were forced "
    "from their homes.\n"
    "The Meldon river broke through a levee near the old paper mill, and volunteers in "
    "flat-bottomed boats ferried stranded families to safety. Power was cut to roughly 9,000 "
    "households."
)
INDEPENDENT = (
    "Residents of Ashford spent Monday shovelling mud out of their living rooms as the water "
    "began to recede.\n"
    "Insurance assessors arrived in the afternoon, and the regional utility said it had "
    "restored electricity to most customers by evening.\n"
    "Local shop owners complained that the warning sirens sounded too late to move stock."
)
OTHER = (
    "In Ashford, church halls opened as shelters and a food bank reported record demand on "
    "Monday.\n"
    "Engineers inspected bridges across the county; two were closed to traffic pending "
    "repairs, the highways agency said."
)


@pytest.fixture
def flood_sources() -> list[Source]:
    return [_source("orig", ORIGINAL), _source("summ", SUMMARY), _source("indep", INDEPENDENT),
            _source("other", OTHER)]


def test_summary_derives_from_its_original(flood_sources: list[Source]) -> None:
    found = detect_lineage(flood_sources, [])
    assert [(x.source_id, x.derived_from) for x in found] == [("summ", "orig")]
    evidence = " ".join(found[0].evidence)
    assert "4,300" in evidence and "9,000" in evidence
    assert all(e in SUMMARY for e in found[0].evidence)
    assert 0.5 <= found[0].score <= 1.0


def test_independent_reports_of_one_event_are_not_lineage(flood_sources: list[Source]) -> None:
    found = detect_lineage([flood_sources[0], flood_sources[2], flood_sources[3]], [])
    assert found == []


def test_detection_is_deterministic_and_order_independent(flood_sources: list[Source]) -> None:
    first = detect_lineage(flood_sources, [])
    again = detect_lineage(list(reversed(flood_sources)), [])
    assert {(x.source_id, x.derived_from, x.score) for x in first} == \
        {(x.source_id, x.derived_from, x.score) for x in again}


def test_fewer_than_two_sources_have_no_lineage(flood_sources: list[Source]) -> None:
    assert detect_lineage(flood_sources[:1], []) == []


def test_families_collapse_chains_to_their_root(flood_sources: list[Source]) -> None:
    chain = [Lineage(source_id="summ", derived_from="orig", score=0.9, evidence=["x"]),
             Lineage(source_id="other", derived_from="summ", score=0.6, evidence=["y"])]
    roots = families(flood_sources, chain)
    assert roots == {"orig": "orig", "summ": "orig", "indep": "indep", "other": "orig"}


@pytest.fixture(scope="module")
def seed_report(tmp_path_factory: pytest.TempPathFactory) -> Report:
    seeds = sorted(str(p) for p in (Path(__file__).parents[2] / "seeds").glob("*.txt"))
    out = tmp_path_factory.mktemp("seeds")
    return run_pipeline(seeds, out, lambda store: LocalEngine()).report


def test_seed_summary_is_derived_from_the_fuller_article(seed_report: Report) -> None:
    ids = [s.id for s in seed_report.sources]
    summary, full = ids[0], ids[1]
    pairs = {(x.source_id, x.derived_from) for x in seed_report.lineage}
    assert (summary, full) in pairs
    assert (full, summary) not in pairs
    found = next(x for x in seed_report.lineage if x.source_id == summary)
    texts = {s.id: s.text for s in seed_report.sources}
    assert found.evidence and all(e in texts[summary] for e in found.evidence)
    assert any(ch.isdigit() for ch in found.evidence[0])  # a shared figure leads
