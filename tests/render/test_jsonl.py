"""JSONL: one self-standing JSON object per claim, with its source id and checks."""

from __future__ import annotations

import json

from factcheck.models import Claim, Report
from factcheck.render.jsonl import render_jsonl


def test_one_line_per_claim_in_report_order(fire_report: Report) -> None:
    lines = render_jsonl(fire_report).splitlines()
    records = [json.loads(line) for line in lines]
    assert [r["id"] for r in records] == [c.id for c in fire_report.claims]
    assert all(r["source_id"] == r["id"].split("#")[0] for r in records)
    assert all(len(r["checks"]) == len(fire_report.sources) - 1 for r in records)


def test_records_round_trip_to_claims_plus_cluster_and_outlet(fire_report: Report) -> None:
    records = [json.loads(line) for line in render_jsonl(fire_report).splitlines()]
    by_id = {r["id"]: r for r in records}
    assert by_id["wire_a1#c1"]["cluster_id"] == "k1"
    assert by_id["local_b2#c2"]["cluster_id"] is None
    assert by_id["wire_a1#c1"]["outlet"] == "Wire Agency"
    claim = Claim.model_validate({k: v for k, v in by_id["local_b2#c2"].items()
                                  if k not in ("cluster_id", "outlet")})
    assert claim == fire_report.claims[3]


def test_newlines_in_text_never_split_a_record(fire_report: Report) -> None:
    claim = fire_report.claims[0].model_copy(update={"text": "two\nlines\u2028here\x85too"})
    report = fire_report.model_copy(update={"claims": [claim]})
    text = render_jsonl(report)
    assert len(text.splitlines()) == 1 and json.loads(text)["text"] == "two\nlines\u2028here\x85too"


def test_empty_report_is_empty(fire_report: Report) -> None:
    assert render_jsonl(fire_report.model_copy(update={"claims": []})) == ""
