"""Lineage direction from a journalist's evidence, and what a derived text adds.

Articles of our own: a wire story on a ferry strike with two padded rewrites (longer than
the wire, so "less material" alone would point the wrong way), an independent report, and
a product recall press release with the coverage that followed it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from builders import make_source

from factcheck.aggregate.direction import Side, decide
from factcheck.engine.local import LocalEngine
from factcheck.models import FlagKind, Report
from factcheck.pipeline import run_pipeline

WIRE = (
    "Ferry strike ends\n\n"
    "HOBART, Tasmania (Coast Wire) — Ferry crews on the Derwent crossing ended a nine-day "
    "strike on Monday after the operator agreed to a 6 percent pay rise, the maritime union "
    "said.\n"
    "About 14,000 commuters a day had been forced onto a single congested road bridge during "
    "the walkout, city traffic officials said.\n"
    "The union's regional secretary, Maren Holt, said crews would run a reduced timetable on "
    "Tuesday while the two newest vessels were inspected after sitting idle at the wharf.\n"
    "The operator said the settlement would cost it an extra $3.2 million a year."
)
REWRITE_A = (
    "Ferry crews on the Derwent crossing ended a nine-day strike on Monday after the operator "
    "agreed to a 6 percent pay rise, according to the maritime union. It is a development that "
    "many residents will welcome after a difficult period for the whole community.\n"
    "About 14,000 commuters a day had been forced onto a single congested road bridge during "
    "the walkout. Many of them said the delays had made it hard to get to work on time.\n"
    "Maren Holt said crews would run a reduced timetable on Tuesday while the two newest "
    "vessels were inspected after sitting idle at the wharf. The union plans a members' "
    "ballot on a second agreement covering 42 depot workers.\n"
    "The settlement would cost the operator an extra $3.2 million a year. Observers say the "
    "agreement could shape future negotiations across the sector for years to come."
)
REWRITE_B = (
    "After nine days, the Derwent crossing ferry strike is over: crews ended the walkout on "
    "Monday when the operator agreed to a 6 percent pay rise, the maritime union said. This "
    "is welcome news for everyone who depends on the service every single day.\n"
    "About 14,000 commuters a day had been forced onto a single congested road bridge. The "
    "strain on the roads was felt by many drivers across the city during the dispute.\n"
    "Crews would run a reduced timetable on Tuesday while the two newest vessels were "
    "inspected after sitting idle at the wharf, union regional secretary Maren Holt said.\n"
    "According to the operator, the settlement would cost it an extra $3.2 million a year."
)
INDEPENDENT = (
    "Passengers queued at dawn on Tuesday at Bellerive pier as the first ferry in more than a "
    "week pulled in.\n"
    "Cafe owners near the terminal said trade had halved while the boats were tied up, and a "
    "school principal said attendance had dropped during the dispute.\n"
    "A harbour master said the older vessels would carry extra passengers until the newest "
    "ones were cleared to sail."
)
RELEASE = {
    "title": "Lumora Foods recalls oat bars",
    "url": "https://www.lumora-foods.example/news/oat-bar-recall",
    "published": "2026-02-03T09:00:00+00:00",
    "text": "Lumora Foods is voluntarily recalling 18,500 boxes of its Harvest oat bars because "
            "the bars may contain undeclared peanuts.\n"
            "The affected boxes carry best-before dates from May 2026 to July 2026 and were "
            "sold in supermarkets in three provinces.\n"
            "Customers who bought the bars can return them to the store for a full refund, "
            "the company said.",
}
COVERAGE = {
    "title": "Oat bar recall over peanut fears",
    "url": "https://valley-courier.example/business/oat-bars",
    "published": "2026-02-04T07:30:00+00:00",
    "text": "Lumora Foods is voluntarily recalling 18,500 boxes of its Harvest oat bars because "
            "the bars may contain undeclared peanuts, the company said on Tuesday.\n"
            "The affected boxes carry best-before dates from May 2026 to July 2026 and were "
            "sold in supermarkets in three provinces, according to the company's statement.\n"
            "Allergy groups urged parents to check lunch boxes, and one supermarket chain "
            "said it had already cleared the bars from its shelves before the announcement.\n"
            "Customers who bought the bars can return them to the store for a full refund.",
}


def _run(tmp_path: Path, files: dict[str, str]) -> Report:
    paths = []
    for name, content in files.items():
        path = tmp_path / name
        path.write_text(content, encoding="utf-8")
        paths.append(str(path))
    # One story by construction; the pier report shares no name or figure with the others,
    # so grouping would give it a story of its own and take it out of the lineage contrast.
    return run_pipeline(paths, tmp_path / "out", lambda store: LocalEngine(),
                        story_mode="single").report


@pytest.fixture(scope="module")
def ferry(tmp_path_factory: pytest.TempPathFactory) -> Report:
    return _run(tmp_path_factory.mktemp("ferry"), {
        "wire.txt": WIRE, "rewrite_a.txt": REWRITE_A, "rewrite_b.txt": REWRITE_B,
        "pier.txt": INDEPENDENT})


def test_both_rewrites_derive_from_the_wire_story_with_its_credit_as_reason(
        ferry: Report) -> None:
    edges = {x.source_id: x for x in ferry.lineage}
    assert edges["rewrite_a"].derived_from == "wire"
    assert edges["rewrite_b"].derived_from == "wire"  # not its sibling rewrite_a
    assert "rewrite_a" in edges["rewrite_b"].direction
    assert "wire" not in edges and "pier" not in edges
    assert "(Coast Wire)" in edges["rewrite_a"].direction
    assert edges["rewrite_a"].evidence  # shared material, quoted from the rewrite


REWRITE_OF_A = (
    "Derwent ferry crews have ended their nine-day strike after the operator agreed to a 6 "
    "percent pay rise, according to the maritime union, a development many residents will "
    "welcome after a difficult period for the whole community.\n"
    "About 14,000 commuters a day had been forced onto a single congested road bridge, and "
    "many said the delays had made it hard to get to work on time.\n"
    "The union plans a members' ballot on a second agreement covering 42 depot workers. "
    "Observers say the agreement could shape future negotiations across the sector."
)


def test_a_rewrite_of_a_rewrite_keeps_the_rewrite_as_its_parent(tmp_path: Path) -> None:
    """What only rewrite_a added (the depot ballot, the observers) betrays its copy."""
    report = _run(tmp_path, {"wire.txt": WIRE, "rewrite_a.txt": REWRITE_A,
                             "copy_of_a.txt": REWRITE_OF_A, "pier.txt": INDEPENDENT})
    edges = {x.source_id: x.derived_from for x in report.lineage}
    assert edges == {"rewrite_a": "wire", "copy_of_a": "rewrite_a"}


def test_rewrites_are_longer_than_the_wire_so_length_alone_would_reverse_it() -> None:
    assert len(REWRITE_A) > len(WIRE) and len(REWRITE_B) > len(WIRE)


def test_wire_outlet_comes_from_its_dateline(ferry: Report) -> None:
    wire = next(s for s in ferry.sources if s.id == "wire")
    assert wire.outlet == "Coast Wire"
    assert all(s.outlet is None for s in ferry.sources if s.id != "wire")


def test_checks_between_parent_and_child_are_marked_derived(ferry: Report) -> None:
    claim = next(c for c in ferry.claims if c.source_id == "rewrite_a")
    marks = {k.source_id: k.derived for k in claim.checks}
    assert marks["wire"] is True and marks["pier"] is False


def test_what_a_rewrite_adds_is_flagged_with_both_texts(ferry: Report) -> None:
    added = [(c, f) for c in ferry.claims for f in c.flags
             if f.kind == FlagKind.added_in_derivative]
    assert added, "the depot workers' ballot appears only in the rewrite"
    claim, flag = next((c, f) for c, f in added if "42 depot workers" in c.quote)
    assert claim.source_id == "rewrite_a" and flag.source_ids == ["wire"]
    assert "'42'" in flag.reason and "42 depot workers" in flag.reason
    assert FlagKind.added_in_derivative.tier.value == "needs_review"


def test_a_faithful_copy_of_a_parent_sentence_is_not_an_addition(ferry: Report) -> None:
    copied = [c for c in ferry.claims if c.source_id == "rewrite_a"
              and "14,000 commuters" in c.quote]
    assert copied and not any(f.kind == FlagKind.added_in_derivative for f in copied[0].flags)


def test_press_release_is_the_parent_of_its_coverage_by_publication_time(
        tmp_path: Path) -> None:
    report = _run(tmp_path, {"release.json": json.dumps(RELEASE),
                             "coverage.json": json.dumps(COVERAGE)})
    assert [(x.source_id, x.derived_from) for x in report.lineage] == [("coverage", "release")]
    assert "published first" in report.lineage[0].direction
    outlets = {s.id: (s.outlet, s.outlet_rule) for s in report.sources}
    assert outlets["release"][0] == "lumora-foods.example"
    assert "URL" in (outlets["release"][1] or "")


def _side(sid: str, text: str, *, share: float = 0.1, support: float | None = None,
          upstream: str | None = None, outlet: str | None = None) -> Side:
    source = make_source(sid, text).model_copy(update={"upstream": upstream, "outlet": outlet})
    return Side(source, share, support, size=len(text.split()))


def test_an_upstream_line_beats_every_other_rule() -> None:
    long_copy = _side("copy", "word " * 400, upstream="harbour-gazette.example")
    short_original = _side("orig", "PORT LINCOLN (HG) — word " * 10,
                           outlet="harbour-gazette.example")
    way = decide(long_copy, short_original)
    assert (way.derived, way.original) == ("copy", "orig")
    assert "harbour-gazette.example" in way.reason


def test_a_shorter_paraphrase_holding_more_shared_material_is_the_derived_one() -> None:
    summary = _side("summary", "word " * 50, share=0.4)
    full = _side("full", "word " * 200, share=0.1)
    way = decide(full, summary)
    assert (way.derived, way.original) == ("summary", "full")
    assert "shorter" in way.reason
