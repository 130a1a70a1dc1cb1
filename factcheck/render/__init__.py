"""Reports a person (or a program) reads, rendered from a ``Report``.

``render(report, fmt)`` returns the text of one format; ``write_reports`` publishes the
files ``factcheck run`` leaves in its run directory, all three at once (``render.files``).
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TextIO

from factcheck.errors import InputError
from factcheck.models import Report
from factcheck.render.claimreview import render_claimreview
from factcheck.render.files import Writer, publish
from factcheck.render.html import render_html, write_html
from factcheck.render.jsonfile import render_json, write_json
from factcheck.render.jsonl import render_jsonl
from factcheck.render.markdown import render_markdown
from factcheck.render.report import trim
from factcheck.render.view import build_items

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
        return render_json(report)
    if fmt == "jsonl":
        return render_jsonl(report)
    if fmt == "claimreview":
        return render_claimreview(report, machine_made=machine_made,
                                  organization=organization, organization_url=organization_url,
                                  url_template=url_template)
    raise InputError(f"unknown report format {fmt!r}; use one of {', '.join(FORMATS)}")


def write_reports(report: Report, out_dir: Path, run_id: int | str,
                  level: str = "full") -> list[Path]:
    """Publish report.json (at ``level``, see ``trim``), report.md and report.html of run
    ``run_id`` in ``out_dir`` as one set (``runs/<run_id>/``, linked from the top level);
    returns the top-level paths. report.json is streamed to its file, never one string."""
    shown = trim(report) if level == "summary" else report
    items = build_items(report)  # once for both readable reports

    def markdown(handle: TextIO) -> None:
        handle.write(render_markdown(report, items))

    writers: dict[str, Writer] = {"report.json": partial(write_json, shown),
                                  RUN_FILES["md"]: markdown,
                                  RUN_FILES["html"]: partial(write_html, report, items=items)}
    publish(out_dir, str(run_id), writers)
    return [out_dir / name for name in writers]
