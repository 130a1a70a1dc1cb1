"""Measure an engine's verdicts on labelled (document, claim) pairs: ``factcheck eval``.

Each pair goes through the engine's own ``verify`` (the code path of ``factcheck run``):
the claim is a one-claim source, the document the other source of its story. The score
is binary balanced accuracy (``supported`` against everything else, judged per data set
when the lines name one), with the four-way confusion matrix when labels are four-way.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from factcheck.engine import Engine
from factcheck.errors import InputError
from factcheck.language.retrieval import PassageIndex
from factcheck.models import Claim, Source, Verdict
from factcheck.verify.features import claim_from_text

FIX = ('each line must be a JSON object with "doc", "claim" and "label" (supported, '
       'partially_supported, contradicted, not_mentioned) or "supported" (0 or 1)')


@dataclass(frozen=True)
class Pair:
    line: int
    doc: str
    claim: str
    supported: bool
    label: Verdict | None
    dataset: str


@dataclass
class Scores:
    """Per data set: binary outcomes and, for four-way labels, the confusion matrix."""

    binary: dict[str, Counter[tuple[bool, bool]]] = field(default_factory=dict)
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)
    pairs: int = 0
    seconds: float = 0.0
    failed: int = 0
    decided_by: Counter[str] = field(default_factory=Counter)
    """Checks per engine that decided them (the hybrid engine mixes local and llm)."""

    def add(self, pair: Pair, verdict: Verdict | None) -> None:
        self.pairs += 1
        if verdict is None:
            self.failed += 1
            return
        said = verdict == Verdict.supported
        self.binary.setdefault(pair.dataset, Counter())[(pair.supported, said)] += 1
        if pair.label is not None:
            self.confusion[(pair.label.value, verdict.value)] += 1


def _pair(line: int, raw: Any, path: str) -> Pair:
    where = f"line {line}"
    if not isinstance(raw, dict):
        raise InputError(f"{where}: not a JSON object; {FIX}", path)
    doc, claim = raw.get("doc"), raw.get("claim")
    if not isinstance(doc, str) or not doc.strip() or not isinstance(claim, str) \
            or not claim.strip():
        raise InputError(f'{where}: "doc" and "claim" must be non-empty strings; {FIX}', path)
    label = _label(raw.get("label"))
    truth = raw.get("supported")
    if truth not in (0, 1, True, False, None) or (truth is None and label is None):
        raise InputError(f"{where}: no usable label (label={raw.get('label')!r}, "
                         f"supported={truth!r}); {FIX}", path)
    supported = bool(truth) if truth is not None else label == Verdict.supported
    return Pair(line, doc, claim, supported, label, str(raw.get("dataset") or "all"))


def _label(value: object) -> Verdict | None:
    try:
        return Verdict(str(value)) if value is not None else None
    except ValueError:
        return None


def read_pairs(path: Path) -> list[Pair]:
    """Every pair of a JSON Lines file (``.gz`` allowed); a bad line stops with its number."""
    name = str(path)
    try:
        lines = _lines(path)
        return [_pair(n, _json(text, n, name), name) for n, text in lines if text.strip()]
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", name) from exc


def _lines(path: Path) -> list[tuple[int, str]]:
    if path.suffix == ".gz":
        import gzip

        with gzip.open(path, "rt", encoding="utf-8") as f:
            return list(enumerate(f, 1))
    return list(enumerate(path.read_text(encoding="utf-8").splitlines(), 1))


def _json(text: str, line: int, path: str) -> Any:
    try:
        return json.loads(text)
    except ValueError as exc:
        raise InputError(f"line {line}: invalid JSON ({exc}); {FIX}", path) from exc


def _sources(pair: Pair) -> tuple[Claim, Source, Source]:
    """The pair as a run sees it: a one-claim source and the document to check it against."""
    digest = hashlib.sha256(f"{pair.line}\0{pair.claim}\0{pair.doc}".encode()).hexdigest()
    claim_source = Source(id=f"claim{pair.line}", path=f"line {pair.line}", format="jsonl",
                          text=pair.claim, sha256=digest)
    doc = Source(id=f"doc{pair.line}", path=f"line {pair.line}", format="jsonl",
                 text=pair.doc, sha256=digest)
    return claim_from_text(pair.claim, claim_source.id), claim_source, doc


def evaluate(engine: Engine, pairs: Iterable[Pair]) -> Scores:
    """Verify every pair with ``engine``; a pair the engine could not check counts as failed."""
    scores = Scores()
    started = time.perf_counter()
    for pair in pairs:
        claim, own, doc = _sources(pair)
        result = engine.verify([claim], [own, doc], PassageIndex([own, doc]))
        checks = result.checks.get(claim.id, [])
        scores.add(pair, checks[0].verdict if checks else None)
        scores.decided_by.update(c.engine for c in checks[:1])
    scores.seconds = time.perf_counter() - started
    return scores


def balanced_accuracy(outcomes: Counter[tuple[bool, bool]]) -> float | None:
    """Mean of the recall on supported and on unsupported pairs (None when one is absent)."""
    rates = []
    for truth in (True, False):
        total = outcomes[(truth, True)] + outcomes[(truth, False)]
        if total:
            rates.append(outcomes[(truth, truth)] / total)
    return sum(rates) / len(rates) if len(rates) == 2 else None


def summary(scores: Scores, usage: dict[str, float]) -> dict[str, Any]:
    """The result as data (``--json``) and the source of the printed table."""
    overall: Counter[tuple[bool, bool]] = sum(scores.binary.values(), Counter())
    per_set = {name: {"pairs": sum(c.values()), "balanced_accuracy": balanced_accuracy(c)}
               for name, c in sorted(scores.binary.items())}
    sets = [v["balanced_accuracy"] for v in per_set.values() if v["balanced_accuracy"] is not None]
    return {"pairs": scores.pairs, "failed": scores.failed,
            "balanced_accuracy": balanced_accuracy(overall),
            "mean_dataset_balanced_accuracy": sum(sets) / len(sets) if sets else None,
            "datasets": per_set, "confusion": _confusion(scores.confusion),
            "pairs_per_second": scores.pairs / scores.seconds if scores.seconds else None,
            "decided_by": dict(sorted(scores.decided_by.items())),
            "calls_per_pair": usage.get("calls", 0.0) / scores.pairs if scores.pairs else 0.0,
            "usage": usage}


def _confusion(cells: Counter[tuple[str, str]]) -> dict[str, dict[str, int]]:
    verdicts = [v.value for v in Verdict]
    return {label: {said: cells[(label, said)] for said in verdicts}
            for label in verdicts if any(cells[(label, s)] for s in verdicts)}


def format_summary(result: dict[str, Any]) -> Sequence[str]:
    """Lines for the terminal."""
    ba = result["balanced_accuracy"]
    lines = [f"{result['pairs']} pairs ({result['failed']} not checked), "
             f"{result['pairs_per_second'] or 0:.1f} pairs/s",
             f"balanced accuracy (supported vs not): {_num(ba)}"]
    if len(result["datasets"]) > 1:
        lines.append(f"mean over data sets: {_num(result['mean_dataset_balanced_accuracy'])}")
        lines += [f"  {name:<28} {v['pairs']:>6} pairs  BA {_num(v['balanced_accuracy'])}"
                  for name, v in result["datasets"].items()]
    if result["confusion"]:
        verdicts = [v.value for v in Verdict]
        lines.append("confusion (rows: label, columns: verdict): " + " / ".join(verdicts))
        lines += [f"  {label:<20} " + " ".join(f"{row[v]:>6}" for v in verdicts)
                  for label, row in result["confusion"].items()]
    decided = result["decided_by"]
    if set(decided) - {"local"}:
        total = sum(decided.values()) or 1
        lines.append("decided by: " + ", ".join(f"{k} {v} ({v / total:.0%})"
                                                  for k, v in decided.items()))
        lines.append(f"model calls per pair: {result['calls_per_pair']:.2f}")
    lines += [f"{k}: {v:g}" for k, v in result["usage"].items()]
    return lines


def _num(x: float | None) -> str:
    return "n/a" if x is None else f"{x:.3f}"
