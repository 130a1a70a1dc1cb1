"""``render`` dispatches every format; ``write_reports`` publishes json, md and html."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from factcheck.errors import InputError
from factcheck.models import Report
from factcheck.render import FORMATS, render, write_reports


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_renders_text_ending_in_a_newline(fire_report: Report, fmt: str) -> None:
    text = render(fire_report, fmt)
    assert text.endswith("\n") and text.strip()


def test_json_is_the_report_itself(fire_report: Report) -> None:
    assert Report.model_validate_json(render(fire_report, "json")) == fire_report


def test_machine_made_only_changes_claimreview(fire_report: Report) -> None:
    plain = json.loads(render(fire_report, "claimreview"))
    machine = json.loads(render(fire_report, "claimreview", machine_made=True))
    assert len(machine) > len(plain)
    assert render(fire_report, "md", machine_made=True) == render(fire_report, "md")


def test_unknown_format_is_a_usage_error(fire_report: Report) -> None:
    with pytest.raises(InputError, match="unknown report format 'pdf'"):
        render(fire_report, "pdf")


def test_write_reports_writes_markdown_and_html(fire_report: Report, tmp_path: Path) -> None:
    written = write_reports(fire_report, tmp_path, 1)
    assert sorted(p.name for p in written) == ["report.html", "report.json", "report.md"]
    assert {p.resolve().parent for p in written} == {(tmp_path / "runs" / "1").resolve()}
    assert (tmp_path / "report.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert (tmp_path / "report.md").read_text(encoding="utf-8").startswith("# Fact-check")
