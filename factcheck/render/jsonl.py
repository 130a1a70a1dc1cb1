"""JSON Lines: one claim per line, with its source, checks, flags and cluster, for pipelines."""

from __future__ import annotations

import json

from factcheck.models import Report


def render_jsonl(report: Report) -> str:
    """One object per claim in report order; each line parses on its own."""
    cluster_of = {cid: k.id for k in report.clusters for cid in k.claim_ids}
    outlets = {s.id: s.outlet for s in report.sources}
    lines = []
    for claim in report.claims:
        record = claim.model_dump(mode="json")
        record["outlet"] = outlets.get(claim.source_id)
        record["cluster_id"] = cluster_of.get(claim.id)
        lines.append(_one_line(json.dumps(record, ensure_ascii=False)))
    return "".join(line + "\n" for line in lines)


def _one_line(text: str) -> str:
    """Escape the Unicode line separators that some line readers split on."""
    for separator in ("\x85", "\u2028", "\u2029"):
        text = text.replace(separator, f"\\u{ord(separator):04x}")
    return text
