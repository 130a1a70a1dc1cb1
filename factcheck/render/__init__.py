"""Reports a person (or a program) reads, rendered from a ``Report``.

``render(report, fmt)`` returns the text of one format; ``write_reports`` writes the files
``factcheck run`` leaves next to ``report.json``.
"""

from __future__ import annotations

from pathlib import Path

from factcheck.errors import InputError
from factcheck.models import Report
from factcheck.render.claimreview import render_claimreview
from factcheck.render.html import render_html
from factcheck.render.jsonl import render_jsonl
from factcheck.render.markdown import render_markdown

FORMATS: tuple[str, ...] = ("md", "html", "json", "jsonl", "claimreview")
RUN_FILES: dict[str, str] = {"md": "report.md", "html": "report.html"}


def render(report: Report, fmt: str, *, machine_made: bool = False,
           organization: str | None = None, organization_url: str | None = None,
           url_template: str | None = None) -> str:
    """The report in ``fmt`` (one of ``FORMATS``); ``machine_made`` only affects claimreview."""
    if fmt == "md":
        return render_markdown(report)
    if fmt == "html":
        return render_html(report)
    if fmt == "json":
        return report.model_dump_json(indent=2) + "\n"
    if fmt == "jsonl":
        return render_jsonl(report)
    if fmt == "claimreview":
        return render_claimreview(report, machine_made=machine_made,
                                  organization=organization, organization_url=organization_url,
                                  url_template=url_template)
    raise InputError(f"unknown report format {fmt!r}; use one of {', '.join(FORMATS)}")


def write_reports(report: Report, out_dir: Path) -> list[Path]:
    """Write report.md and report.html into a run directory; returns the paths written."""
    written = []
    for fmt, name in RUN_FILES.items():
        path = out_dir / name
        path.write_text(render(report, fmt), encoding="utf-8")
        written.append(path)
    return written
