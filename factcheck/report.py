"""Reports: ``report.json`` exported from the store, and the summary a person reads.

``report.json`` is always an export of the run store, never written from memory, so what
the file says and what the database holds cannot drift apart.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from factcheck.models import (
    Claim,
    Cluster,
    Lineage,
    Problem,
    Report,
    RunInfo,
    Source,
    Summary,
    Verdict,
)
from factcheck.review.store import apply_reviews
from factcheck.store import Store

REPORT_JSON = "report.json"


def summarize(sources: Sequence[Source], claims: Sequence[Claim],
              problems: Sequence[Problem]) -> Summary:
    per_source = Counter(c.source_id for c in claims)
    verdicts = Counter(check.verdict.value for c in claims for check in c.checks)
    flags = Counter(f.kind.value for c in claims for f in c.flags)
    return Summary(
        sources=len(sources),
        claims=len(claims),
        checks=sum(len(c.checks) for c in claims),
        claims_per_source={s.id: per_source.get(s.id, 0) for s in sources},
        verdicts={v.value: verdicts.get(v.value, 0) for v in Verdict},
        flags=dict(sorted(flags.items())),
        flagged_claims=sum(1 for c in claims if c.flags),
        problems=len(problems),
    )


def build_report(run: RunInfo, sources: Sequence[Source], claims: Sequence[Claim],
                 problems: Sequence[Problem], clusters: Sequence[Cluster] = (),
                 lineage: Sequence[Lineage] = ()) -> Report:
    return Report(run=run, sources=list(sources), claims=list(claims),
                  clusters=list(clusters), lineage=list(lineage),
                  problems=list(problems), summary=summarize(sources, claims, problems))


def load_report(store: Store, run_id: int | None = None) -> Report:
    """The report of one stored run (default: the latest), with the latest human reviews."""
    run, sources, claims, problems = store.load_run(run_id)
    apply_reviews(store, claims)
    clusters, lineage = store.load_picture(run_id)
    return build_report(run, sources, claims, problems, clusters, lineage)


def write_json(report: Report, path: Path) -> Path:
    path.write_text(report.model_dump_json(indent=2) + "\n", encoding="utf-8")
    return path


def export(store: Store, out_dir: Path, run_id: int | None = None) -> Report:
    """Write ``report.json`` for a stored run into ``out_dir`` and return the report."""
    report = load_report(store, run_id)
    write_json(report, out_dir / REPORT_JSON)
    return report


def print_summary(report: Report, console: Console) -> None:
    """Claims per source, verdict counts and flagged claims, for a person (stderr)."""
    console.print(_sources_table(report))
    if report.summary.checks:
        console.print(_verdicts_line(report))
    flagged = [c for c in report.claims if c.flags]
    if flagged:
        console.print(_flagged_table(flagged))
    _print_usage(report, console)
    for problem in report.problems:
        console.print(f"[yellow]{problem.stage.value}:[/] {escape(problem.message)}",
                      highlight=False)


def _sources_table(report: Report) -> Table:
    table = Table(title=f"{report.summary.sources} sources, {report.summary.claims} claims, "
                  f"{report.summary.flagged_claims} flagged", title_justify="left")
    for column in ("source", "outlet", "claims", "flagged"):
        table.add_column(column, justify="right" if column in ("claims", "flagged") else "left")
    for source in report.sources:
        own = [c for c in report.claims if c.source_id == source.id]
        table.add_row(Text(source.id), Text(source.outlet or ""), str(len(own)),
                      str(sum(1 for c in own if c.flags)))
    return table


def _verdicts_line(report: Report) -> str:
    parts = [f"{name.replace('_', ' ')}: {count}"
             for name, count in report.summary.verdicts.items()]
    return f"checks: {report.summary.checks} ({', '.join(parts)})"


def _flagged_table(claims: Sequence[Claim], limit: int = 15) -> Table:
    table = Table(title="Flagged claims", title_justify="left", show_lines=False)
    table.add_column("claim")
    table.add_column("flags")
    table.add_column("text", overflow="fold")
    for claim in claims[:limit]:
        kinds = ", ".join(sorted({f.kind.value for f in claim.flags}))
        table.add_row(Text(claim.id), kinds, Text(claim.text))
    if len(claims) > limit:
        table.caption = f"... and {len(claims) - limit} more in report.json"
    return table


def _print_usage(report: Report, console: Console) -> None:
    usage = report.run.usage
    if not usage:
        return
    console.print(
        f"model calls: {usage.get('calls', 0):.0f}, cache hits: {usage.get('cache_hits', 0):.0f}, "
        f"tokens: {usage.get('prompt_tokens', 0):.0f} in / "
        f"{usage.get('completion_tokens', 0):.0f} out, cost: ${usage.get('cost_usd', 0):.4f}"
    )
