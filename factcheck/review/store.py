"""Review decisions: validated on the way in, kept forever, the latest one is the state.

The SQL lives in ``factcheck.store`` (table ``review_decisions``); this module turns rows
into models and decides what a decision means for the claim's verdict.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from factcheck.aggregate import machine_verdict
from factcheck.errors import InputError
from factcheck.models import Claim, Decision, Review, Verdict
from factcheck.store import DB_NAME, Store

MAX_REVIEWER = 80
MAX_NOTE = 4000


class DecisionRecord(BaseModel):
    """One entry of a claim's review history, exactly as stored."""

    model_config = ConfigDict(extra="forbid")

    id: int
    claim_id: str
    run_id: int
    decision: Decision
    verdict: Verdict | None = None
    machine_verdict: Verdict | None = None
    reviewer: str
    decided_at: str
    note: str | None = None
    claim_text: str


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def clean_reviewer(name: str | None) -> str:
    """The reviewer name without control characters; refuses an empty one."""
    cleaned = _printable(name or "").strip()[:MAX_REVIEWER]
    if not cleaned:
        raise InputError("a reviewer name is required (--reviewer NAME, or the name field)")
    return cleaned


def _printable(text: str) -> str:
    return "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch)[0] != "C")


def resolve_verdict(claim: Claim, decision: Decision, verdict: Verdict | None) -> Verdict | None:
    """The verdict a decision settles on: the machine's when confirmed, the chosen one when set."""
    if decision is Decision.undo:
        raise InputError("undo withdraws a decision; it is not one (use record_undo)")
    if decision is Decision.set_verdict:
        if verdict is None:
            raise InputError("set_verdict needs a verdict: " + ", ".join(v.value for v in Verdict))
        return verdict
    if verdict is not None:
        raise InputError(f"{decision.value} takes no verdict; use set_verdict to choose one")
    return machine_verdict(claim) if decision is Decision.confirm else None


def record_decision(store: Store, run_id: int, claim: Claim, decision: Decision, reviewer: str,
                    *, verdict: Verdict | None = None, note: str | None = None,
                    seen: int | None = None, at: str | None = None) -> int:
    """Append a decision on ``claim``; returns how many decisions its history now holds.

    ``seen`` is the history length the person was shown; a mismatch raises
    ``factcheck.store.StaleDecision`` and writes nothing.
    """
    note = _printable(note or "").strip()[:MAX_NOTE] or None
    row: dict[str, object] = {
        "claim_id": claim.id, "run_id": run_id, "decision": decision.value,
        "verdict": _value(resolve_verdict(claim, decision, verdict)),
        "machine_verdict": _value(machine_verdict(claim)), "reviewer": clean_reviewer(reviewer),
        "decided_at": at or now_iso(), "note": note, "claim_text": claim.text,
    }
    return store.append_decision(row, expected=seen)


def record_undo(store: Store, run_id: int, claim: Claim, reviewer: str, *,
                seen: int | None = None, at: str | None = None) -> DecisionRecord:
    """Append an ``undo`` that withdraws the claim's latest standing decision (history keeps
    both); returns the decision withdrawn. Refuses when nothing stands."""
    withdrawn = standing(history(store, claim.id))
    if withdrawn is None:
        raise InputError(f"nothing to undo on {claim.id}: it has no standing decision")
    row: dict[str, object] = {
        "claim_id": claim.id, "run_id": run_id, "decision": Decision.undo.value,
        "verdict": None, "machine_verdict": _value(machine_verdict(claim)),
        "reviewer": clean_reviewer(reviewer), "decided_at": at or now_iso(),
        "note": f"undoes {withdrawn.decision.value} by {withdrawn.reviewer} "
                f"({withdrawn.decided_at})", "claim_text": claim.text,
    }
    store.append_decision(row, expected=seen)
    return withdrawn


def standing(records: Sequence[DecisionRecord]) -> DecisionRecord | None:
    """The decision in force after replaying a history in which ``undo`` withdraws the
    latest decision still standing."""
    stack: list[DecisionRecord] = []
    for record in records:
        if record.decision is Decision.undo:
            if stack:
                stack.pop()
        else:
            stack.append(record)
    return stack[-1] if stack else None


def _value(verdict: Verdict | None) -> str | None:
    return verdict.value if verdict is not None else None


def history(store: Store, claim_id: str | None = None) -> list[DecisionRecord]:
    """Every decision (or one claim's), oldest first."""
    return [DecisionRecord.model_validate(row) for row in store.decision_rows(claim_id)]


def current_reviews(store: Store, claims: Sequence[Claim]) -> dict[str, Review]:
    """Claim id -> its latest decision, for claims whose text is still what was reviewed.

    Decisions are keyed by claim id, which is stable across runs on the same input; when a
    later run words the claim differently, the old decision no longer applies to it.
    """
    by_claim: dict[str, list[DecisionRecord]] = {}
    for record in history(store):
        by_claim.setdefault(record.claim_id, []).append(record)
    reviews: dict[str, Review] = {}
    for claim in claims:
        records = by_claim.get(claim.id, [])
        latest = standing(records)
        if latest is not None and latest.claim_text == claim.text:
            reviews[claim.id] = to_review(latest, len(records))
    return reviews


def to_review(record: DecisionRecord, count: int) -> Review:
    return Review(decision=record.decision, verdict=record.verdict,
                  machine_verdict=record.machine_verdict, reviewer=record.reviewer,
                  decided_at=record.decided_at, note=record.note, decisions=count)


def apply_reviews(store: Store, claims: Sequence[Claim]) -> None:
    """Fill ``Claim.review`` in place from the store's latest decisions."""
    reviews = current_reviews(store, claims)
    for claim in claims:
        claim.review = reviews.get(claim.id)


def open_run_store(run_dir: Path) -> Store:
    """The database of an existing run directory; never creates one."""
    path = run_dir / DB_NAME
    if not path.is_file():
        raise InputError(f"no factcheck run in {run_dir} (no {DB_NAME}); "
                         f"run `factcheck run ARTICLES... --out {run_dir}` first")
    return Store(path)
