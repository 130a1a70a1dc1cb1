"""A Markdown report for a newsroom: counts, flagged facts first, per-fact evidence tables.

Article text is untrusted: it is escaped so it can neither inject HTML into a Markdown
viewer nor break a table or turn into a link.
"""

from __future__ import annotations

import re
from collections import Counter

from factcheck.models import Claim, Report, Stance
from factcheck.render.findings import findings
from factcheck.render.view import (
    FLAG_LABELS,
    STANCE_SYMBOLS,
    VERDICT_LABELS,
    Evidence,
    Item,
    build_items,
    claim_counts,
    review_verdict,
    short_ids,
    source_label,
)

MAX_COLUMNS = 24
"""Wider stories list each fact's non-silent sources instead of a source-per-column table."""
_SPECIAL = re.compile(r"([\\`*_\[\]|#~!])")


def esc(text: str | None) -> str:
    """Inline-safe Markdown: HTML neutralised, syntax characters escaped, one line."""
    if not text:
        return ""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _SPECIAL.sub(r"\\\1", " ".join(text.split()))


def render_markdown(report: Report, items: list[Item] | None = None) -> str:
    """The Markdown report; ``items`` are ``build_items(report)`` when already built."""
    items = build_items(report) if items is None else items
    labels = short_ids(report.sources)
    flagged = [i for i in items if i.needs_review]
    info = [i for i in items if i.flags and not i.needs_review]
    others = [i for i in items if not i.flags]
    parts = [_header(report, items), _stories(report, labels), _sources(report, labels),
             _lineage(report, labels),
             f"## Needs review ({len(flagged)})\n"]
    found = {f.fact_id: f.text for f in findings(report)}
    parts += [_item(i, labels, report, found.get(i.id)) for i in flagged] or [
        "Nothing needs review.\n"]
    if info:
        parts += [f"## For information ({len(info)})\n", *_by_story(info, labels, report)]
    parts += [f"## Other facts ({len(others)})\n", *_by_story(others, labels, report),
              _problems(report)]
    return "\n".join(p for p in parts if p).rstrip() + "\n"


def _by_story(items: list[Item], labels: dict[str, str], report: Report) -> list[str]:
    """One stance table per story, with that story's sources as its columns: facts of one
    story say nothing about the sources of another."""
    if len(report.stories) < 2:
        return [_others(items, labels)]
    parts = []
    for story in report.stories:
        own = [i for i in items if i.story == story.id]
        if own:
            columns = {sid: labels[sid] for sid in story.sources if sid in labels}
            parts += [f"### Story {esc(story.id)}: {esc(story.label)}\n",
                      _others(own, columns)]
    return parts


def _stories(report: Report, labels: dict[str, str]) -> str:
    """The stories the input was grouped into, when there is more than one."""
    if len(report.stories) < 2:
        return ""
    lines = [f"## Stories ({len(report.stories)})", "",
             "Claims are checked only against the other sources of their own story.", "",
             "| story | about | sources |", "|---|---|---|"]
    for story in report.stories:
        shown = ", ".join(esc(labels.get(sid, sid)) for sid in story.sources[:12])
        more = f" and {len(story.sources) - 12} more" if len(story.sources) > 12 else ""
        lines.append(f"| {esc(story.id)} | {esc(story.label)} | {shown}{more} |")
    return "\n".join(lines) + "\n"


def _header(report: Report, items: list[Item]) -> str:
    s, run = report.summary, report.run
    flags = Counter(k for i in items for k in i.flag_kinds)
    lines = ["# Fact-check report", "",
             f"{s.sources} sources, {s.claims} claims, {len(items)} facts, "
             f"{sum(1 for i in items if i.needs_review)} need review, {s.problems} problems. "
             f"Engine `{esc(run.engine)}`{_model(report)}, run {esc(run.started_at)}.", ""]
    if flags:
        lines += ["| flag | facts |", "|---|---:|"]
        lines += [f"| {FLAG_LABELS[k]} | {n} |" for k, n in sorted(
            flags.items(), key=lambda kv: list(FLAG_LABELS).index(kv[0]))]
        lines.append("")
    return "\n".join(lines)


def _model(report: Report) -> str:
    return f" (model `{esc(report.run.model)}`)" if report.run.model else ""


def _sources(report: Report, labels: dict[str, str]) -> str:
    lines = ["## Sources", "", "| | source | claims | flagged |", "|---|---|---:|---:|"]
    claims, flagged = claim_counts(report)
    for source in report.sources:
        lines.append(f"| {esc(labels[source.id])} | {esc(source_label(source))} "
                     f"| {claims[source.id]} | {flagged[source.id]} |")
    return "\n".join(lines) + "\n"


def _lineage(report: Report, labels: dict[str, str]) -> str:
    if not report.lineage:
        return ""
    lines = ["## Lineage", "", "Derived sources do not count as independent corroboration.", ""]
    for link in report.lineage:
        shared = "; ".join(f"“{esc(e)}”" for e in link.evidence[:5])
        lines.append(f"- **{esc(labels.get(link.source_id, link.source_id))}** is derived from "
                     f"**{esc(labels.get(link.derived_from, link.derived_from))}** "
                     f"(score {link.score:.2f}){': ' + shared if shared else ''}")
    return "\n".join(lines) + "\n"


def _item(item: Item, labels: dict[str, str], report: Report, finding: str | None) -> str:
    kinds = ", ".join(FLAG_LABELS[k] for k in item.flag_kinds)
    lines = [f"### {esc(item.id)} · {kinds}", "", f"> {esc(item.canonical)}", ""]
    lines += [f"**In short:** {esc(finding)}", ""] if finding else []
    lines += [f"- **{FLAG_LABELS[f.kind]}:** {esc(f.reason)}" for f in item.flags]
    lines.append(f"- **Stated by:** {_stated_by(item, labels)}")
    lines += [_review_line(c) for c in item.reviewed]
    lead = item.lead
    lines += ["", "| source | verdict | evidence |", "|---|---|---|",
              f"| {esc(labels[lead.source_id])} | states | “{esc(lead.quote)}”"
              f"{_speaker(lead)} |"]
    lines += [_evidence_row(e, labels) for e in item.evidence]
    if item.unchecked:
        lines += ["", f"*{_unchecked(item.unchecked)}*"]
    return "\n".join(lines) + "\n"


def _unchecked(n: int) -> str:
    """Why a story's other sources have no row: they were not among the claim's candidates."""
    return (f"{n} other source{'s' if n > 1 else ''} of the story "
            f"{'were' if n > 1 else 'was'} not among the claim's candidates and "
            f"{'do' if n > 1 else 'does'} not mention it (not checked; see --top-k).")


def _stated_by(item: Item, labels: dict[str, str]) -> str:
    stated = ", ".join(esc(labels[s]) for s in item.stating if s in labels)
    if item.independent is not None:
        stated += f" ({item.independent} independent)"
    return stated


def _speaker(claim: Claim) -> str:
    who = claim.attribution
    return f" — {esc(who.speaker)}" if who.speaker else ""


def _evidence_row(evidence: Evidence, labels: dict[str, str]) -> str:
    words = ["states"] if evidence.states else []
    words += [VERDICT_LABELS[evidence.verdict]] if evidence.verdict else []
    verdict = " · ".join(words)
    text = f"“{esc(evidence.text)}”" if evidence.text else ""
    note = f" <br>*{esc(evidence.note)}*" if evidence.note else ""
    return f"| {esc(labels[evidence.source.id])} | {verdict} | {text}{note} |"


def _review_line(claim: Claim) -> str:
    review = claim.review
    assert review is not None
    settled = review_verdict(claim)
    verdict = f" → {VERDICT_LABELS[settled]}" if settled else ""
    note = f": {esc(review.note)}" if review.note else ""
    return (f"- **Reviewed** ({esc(claim.id)}): {review.decision.value.replace('_', ' ')}"
            f"{verdict} by {esc(review.reviewer)}, {esc(review.decided_at)}{note}")


def _others(items: list[Item], labels: dict[str, str]) -> str:
    if not items:
        return ""
    if len(labels) > MAX_COLUMNS:
        return _stance_list(items, labels)
    order = list(labels)
    lines = ["| fact | " + " | ".join(esc(labels[s]) for s in order) + " |",
             "|---|" + "---|" * len(order)]
    for item in items:
        mark = " (reviewed)" if item.reviewed else ""
        cells = " | ".join(STANCE_SYMBOLS[item.stances[s]] for s in order)
        lines.append(f"| **{esc(item.id)}** {esc(_trim(item.canonical))}{mark} | {cells} |")
    legend = ", ".join(f"{sym} {stance.value.replace('_', ' ')}"
                       for stance, sym in STANCE_SYMBOLS.items())
    return "\n".join(lines) + f"\n\n{legend}\n"


def _stance_list(items: list[Item], labels: dict[str, str]) -> str:
    """A story too wide for a table: one line a fact naming only the sources that say
    something on it (every other source of the story is silent)."""
    lines = []
    for item in items:
        mark = " (reviewed)" if item.reviewed else ""
        said: dict[Stance, list[str]] = {}
        for sid, stance in item.stances.items():
            if stance is not Stance.silent and sid in labels:
                said.setdefault(stance, []).append(esc(labels[sid]))
        who = "; ".join(f"{STANCE_SYMBOLS[stance]} {', '.join(ids)}"
                        for stance, ids in sorted(said.items(), key=lambda kv: _ORDER[kv[0]]))
        lines.append(f"- **{esc(item.id)}** {esc(_trim(item.canonical))}{mark}: {who}")
    legend = ", ".join(f"{sym} {stance.value.replace('_', ' ')}"
                       for stance, sym in STANCE_SYMBOLS.items() if stance is not Stance.silent)
    return "\n".join(lines) + f"\n\n{legend}; every other source of the story is silent.\n"


_ORDER = {stance: n for n, stance in enumerate(STANCE_SYMBOLS)}


def _trim(text: str, limit: int = 140) -> str:
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def _problems(report: Report) -> str:
    if not report.problems:
        return ""
    lines = [f"## Problems ({len(report.problems)})", ""]
    lines += [f"- {p.stage.value}: {esc(p.message)}" for p in report.problems]
    return "\n".join(lines) + "\n"

