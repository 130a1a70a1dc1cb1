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

from factcheck.aggregate import (
    fact_flags,
    flagged_claim_ids,
    flagged_facts,
    needs_review,
)
from factcheck.models import (
    Claim,
    Cluster,
    Flag,
    FlagKind,
    Lineage,
    Problem,
    Report,
    RunInfo,
    Source,
    Stance,
    Story,
    Summary,
    Verdict,
)
from factcheck.render.findings import Finding, findings
from factcheck.render.view import claim_counts
from factcheck.review.store import apply_reviews
from factcheck.store import Store

REPORT_JSON = "report.json"


def summarize(sources: Sequence[Source], claims: Sequence[Claim],
              problems: Sequence[Problem], clusters: Sequence[Cluster] = ()) -> Summary:
    review, info = flagged_facts(claims, clusters)
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
        flagged_claims=len(flagged_claim_ids(claims, clusters)),
        needs_review=len(review),
        for_information=len(info),
        problems=len(problems),
    )


def build_report(run: RunInfo, sources: Sequence[Source], claims: Sequence[Claim],
                 problems: Sequence[Problem], clusters: Sequence[Cluster] = (),
                 lineage: Sequence[Lineage] = (), stories: Sequence[Story] = ()) -> Report:
    return Report(run=run, sources=list(sources), stories=list(stories), claims=list(claims),
                  clusters=list(clusters), lineage=list(lineage),
                  problems=list(problems),
                  summary=summarize(sources, claims, problems, clusters))


def load_report(store: Store, run_id: int | None = None) -> Report:
    """The report of one stored run (default: the latest), with the latest human reviews."""
    run, sources, claims, problems = store.load_run(run_id)
    apply_reviews(store, claims)
    clusters, lineage = store.load_picture(run_id)
    return build_report(run, sources, claims, problems, clusters, lineage,
                        store.load_stories(run_id))


REPORT_LEVELS = ("full", "summary")
"""``full``: every check and stance. ``summary``: what is implied is left out (see ``trim``)."""


def trim(report: Report) -> Report:
    """The ``summary`` level: ``not_mentioned`` checks and ``silent`` stances are implied
    (a source of the story without a check or stance did not mention it) and evidence is
    given by ``evidence_span`` into its source's ``text`` only, so each text is stored once.
    Counts in ``summary`` are those of the full report."""
    claims = [c.model_copy(update={"checks": [
        k.model_copy(update={"evidence": None}) for k in c.checks
        if k.verdict != Verdict.not_mentioned]}) for c in report.claims]
    clusters = [k.model_copy(update={"stances": {
        s: v for s, v in k.stances.items() if v != Stance.silent}}) for k in report.clusters]
    return report.model_copy(update={"claims": claims, "clusters": clusters})


def print_summary(report: Report, console: Console) -> None:
    """What most needs a person, stated in words, then the counts; for stderr."""
    console.print(Text(_headline(report), style="bold"))
    review, info = flagged_facts(report.claims, report.clusters)
    if review:
        _print_findings(console, findings(report))
    elif not report.clusters and (flagged := [c for c in report.claims
                                              if needs_review(c.flags)]):
        _print_claims(console, flagged)
    console.print(_sources_table(report))
    if report.summary.checks:
        console.print(_verdicts_line(report))
    if info:
        console.print(Text(f"For information: {_count(len(info), 'fact')} with "
                           f"{_flag_names(_info_flags(info, report))} only.", style="dim"))
    _print_usage(report, console)
    for problem in report.problems:
        console.print(f"[yellow]{problem.stage.value}:[/] {escape(problem.message)}",
                      highlight=False)


def _headline(report: Report) -> str:
    s = report.summary
    verb = "needs" if s.needs_review == 1 else "need"
    return (f"{s.sources} sources, {s.claims} claims; {_count(s.needs_review, 'fact')} {verb} "
            f"review ({_count(s.flagged_claims, 'claim')})")


def _info_flags(clusters: Sequence[Cluster], report: Report) -> list[Flag]:
    by_id = {c.id: c for c in report.claims}
    return [f for k in clusters for f in fact_flags(k, by_id)]


def _sources_table(report: Report) -> Table:
    table = Table(title="Claims per source", title_justify="left")
    for column in ("source", "outlet", "claims", "flagged"):
        table.add_column(column, justify="right" if column in ("claims", "flagged") else "left")
    claims, flagged = claim_counts(report)
    for source in report.sources:
        outlet = Text(source.outlet) if source.outlet else Text(Path(source.path).name,
                                                                 style="dim")
        table.add_row(Text(source.id), outlet, str(claims[source.id]), str(flagged[source.id]))
    return table


def _verdicts_line(report: Report) -> str:
    parts = [f"{name.replace('_', ' ')}: {count}"
             for name, count in report.summary.verdicts.items()]
    return f"checks: {report.summary.checks} ({', '.join(parts)})"


def _flag_names(flags: Sequence[Flag]) -> str:
    order = list(FlagKind)
    return _kind_names(sorted({f.kind for f in flags}, key=order.index))


def _kind_names(kinds: Sequence[FlagKind]) -> str:
    return " · ".join(k.value.replace("_", " ") for k in kinds)


def _print_item(console: Console, label: str, flags: Sequence[Flag], detail: str,
                text: str) -> None:
    """Two lines an item: its flags, then its wording cut to the terminal's width."""
    head = Text(f"{label:<5} ", style="bold")
    head.append(_flag_names(flags), style="red")
    head.append(f"  {detail}", style="dim")
    console.print(head)
    console.print(Text("      " + text, no_wrap=True, overflow="ellipsis"))


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _print_findings(console: Console, found: Sequence[Finding], limit: int = 10) -> None:
    """One line a fact, most urgent first: what differs and who says what, then its flags."""
    console.print(Text("Needs review, most urgent first", style="bold underline"))
    for finding in found[:limit]:
        line = Text(f"{finding.fact_id:<5} ", style="bold")
        if finding.story:
            line.append(f"[{finding.story}] ", style="cyan")
        line.append(finding.text)
        line.append(f"  [{_kind_names(finding.flags)}; "
                    f"{_count(finding.claims, 'claim')}, "
                    f"{_count(finding.independent_sources, 'independent source')}]",
                    style="dim")
        console.print(line)
    if len(found) > limit:
        console.print(f"... and {len(found) - limit} more in report.html")


def _print_claims(console: Console, claims: Sequence[Claim], limit: int = 10) -> None:
    console.print(Text("Needs review", style="bold underline"))
    for claim in claims[:limit]:
        _print_item(console, claim.id, claim.flags, "", claim.text)
    if len(claims) > limit:
        console.print(f"... and {len(claims) - limit} more in report.html")


def _print_usage(report: Report, console: Console) -> None:
    usage = report.run.usage
    if not usage:
        return
    console.print(
        f"model calls: {usage.get('calls', 0):.0f}, cache hits: {usage.get('cache_hits', 0):.0f}, "
        f"tokens: {usage.get('prompt_tokens', 0):.0f} in / "
        f"{usage.get('completion_tokens', 0):.0f} out, cost: ${usage.get('cost_usd', 0):.4f}"
        + (f" ({usage['batch_calls']:.0f} calls through the Batch API, at half price)"
           if usage.get("batch_calls") else "")
    )
