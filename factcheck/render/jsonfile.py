"""``report.json`` written as it is read: one record a line, streamed to the file.

Pretty-printing every field on its own line made a feed's report.json mostly indentation
(a check sits five levels deep), and building it as one string held the whole file in
memory. Here each source, story, claim, cluster, lineage link and problem is one compact
JSON line inside its list, written straight to the file: the same JSON value, a fraction
of the size, and ``grep``/``jq`` still find a record by its line.
"""

from __future__ import annotations

import io
import json
from typing import TextIO

from pydantic import BaseModel

from factcheck.models import Report


def write_json(report: Report, out: TextIO) -> None:
    """``report`` as JSON on ``out``: top-level fields in model order, list items one per
    line, ``run`` and ``summary`` indented (they are small and read by people)."""
    names = list(Report.model_fields)
    out.write("{\n")
    for n, name in enumerate(names):
        comma = "," if n < len(names) - 1 else ""
        value = getattr(report, name)
        key = json.dumps(name)
        if isinstance(value, list) and value:
            out.write(f"  {key}: [\n")
            last = len(value) - 1
            for i, item in enumerate(value):
                out.write(f"    {item.model_dump_json()}{',' if i < last else ''}\n")
            out.write(f"  ]{comma}\n")
        elif isinstance(value, BaseModel):
            nested = value.model_dump_json(indent=2).replace("\n", "\n  ")
            out.write(f"  {key}: {nested}{comma}\n")
        else:
            out.write(f"  {key}: {json.dumps(value, ensure_ascii=False)}{comma}\n")
    out.write("}\n")


def render_json(report: Report) -> str:
    """The text ``write_json`` writes (for stdout)."""
    buffer = io.StringIO()
    write_json(report, buffer)
    return buffer.getvalue()
