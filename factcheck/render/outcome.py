"""A finished run's exit code and headline: a batch script must tell failure from success.

0 done; 1 failed (a stage produced nothing because its model calls failed, or the run was
stopped early); 2 some inputs were unreadable; 3 some model calls failed and the report is
partial. When several apply, the first of 1, 3, 2 wins: a rerun fixes 3, a person fixes 2.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from factcheck.models import Report, StageFailures

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_PARTIAL = 0, 1, 2, 3
NOUNS = {"extract": ("extraction", "found no claims"), "verify": ("verification",
                                                                  "checked nothing")}


@dataclass(frozen=True)
class Outcome:
    code: int
    message: str | None = None
    """One line for stderr (an error for code 1, a warning for 3), None when all is well."""


def run_outcome(report: Report, report_path: Path, *, stopped_reason: str | None = None,
                input_problems: int = 0) -> Outcome:
    """The exit code and one-line message for a run whose report is ``report_path``."""
    failures = report.run.failures
    produced = {"extract": report.summary.claims, "verify": report.summary.checks}
    for stage, entry in failures.stages.items():
        if entry.failed and not produced.get(stage, 1):
            return Outcome(EXIT_FAILED, f"{_failed(stage, entry)}: {_short(entry.first)}; "
                                        f"see {report_path}")
    if stopped_reason:
        return Outcome(EXIT_FAILED, f"stopped early: {stopped_reason}; what was done is "
                                    f"saved in {report_path}")
    if failures.total:
        calls = sum(e.calls for e in failures.stages.values())
        kinds = ", ".join(f"{k.value} {n}" for k, n in failures.kinds.items())
        first = _short(next(e.first for e in failures.stages.values() if e.first))
        return Outcome(EXIT_PARTIAL, f"{failures.total} of {calls} model calls failed "
                                     f"({kinds}; first: {first}); the report is partial: "
                                     f"see {report_path}")
    return Outcome(EXIT_USAGE if input_problems else EXIT_OK)


def _failed(stage: str, entry: StageFailures) -> str:
    noun, empty = NOUNS.get(stage, (stage, "produced nothing"))
    if entry.failed == entry.calls == 1:
        return f"the one {noun} call failed"
    if entry.failed == entry.calls:
        return f"all {entry.calls} {noun} calls failed"
    return f"{entry.failed} of {entry.calls} {noun} calls failed and the others {empty}"


def _short(text: str | None, limit: int = 200) -> str:
    flat = " ".join((text or "").split())
    return flat if len(flat) <= limit else flat[:limit - 3] + "..."
