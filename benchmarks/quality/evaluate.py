"""Score the local engine's verdicts and flags against hand-written gold on small stories.

Each ``stories/<story>/`` holds a few ``*.txt`` sources (ids are the file stems) and a
``gold.json`` naming chosen claims by a distinctive substring of their quote in one source,
with the verdict expected against each other source (one label, or a list of acceptable
labels, the first being the preferred one) and the claim-level flags expected. Flags of the
kinds in ``CORE_FLAGS`` are always scored (a claim with none expected must show none); other
kinds only where the item lists them; ``optional_flags`` are never scored for that item.

    .venv/bin/python benchmarks/quality/evaluate.py                 # every story
    .venv/bin/python benchmarks/quality/evaluate.py --split dev     # dev stories only
    .venv/bin/python benchmarks/quality/evaluate.py --json out.json
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from factcheck.engine.local import LocalEngine
from factcheck.models import Claim, Report, Verdict
from factcheck.pipeline import run_pipeline

STORIES = Path(__file__).parent / "stories"
CORE_FLAGS = ("contradicted", "numeric_discrepancy", "single_source")
VERDICTS = [v.value for v in Verdict]


@dataclass
class StoryScore:
    """Counts for one story (or several added together) plus readable misses."""

    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)
    flags: Counter[tuple[str, str]] = field(default_factory=Counter)
    """(kind, 'tp' | 'fp' | 'fn') -> count."""
    misses: list[str] = field(default_factory=list)

    def add(self, other: StoryScore) -> None:
        self.confusion.update(other.confusion)
        self.flags.update(other.flags)
        self.misses.extend(other.misses)

    def accuracy(self) -> float:
        total = sum(self.confusion.values())
        right = sum(n for (gold, got), n in self.confusion.items() if got == gold or
                    got.startswith("~"))
        return right / total if total else 0.0


def load_gold(story: Path) -> dict:
    return json.loads((story / "gold.json").read_text(encoding="utf-8"))


def run_story(story: Path, out_dir: Path) -> Report:
    """Run the whole local pipeline on the story's sources, as the CLI would."""
    paths = sorted(str(p) for p in story.glob("*.txt"))
    return run_pipeline(paths, out_dir, lambda _store: LocalEngine()).report


def find_claim(report: Report, source_id: str, quote: str) -> Claim | None:
    """The claim of ``source_id`` whose span overlaps most the first place ``quote`` occurs."""
    source = next(s for s in report.sources if s.id == source_id)
    start = source.text.lower().find(quote.lower())
    if start < 0:
        raise ValueError(f"gold quote {quote!r} is not in source {source_id}")
    end = start + len(quote)
    owned = [c for c in report.claims if c.source_id == source_id]
    overlap = [(min(end, c.span[1]) - max(start, c.span[0]), c) for c in owned]
    best = max(overlap, key=lambda pair: pair[0], default=(0, None))
    return best[1] if best[0] > 0 else None


def _accepted(expected: str | list[str]) -> list[str]:
    return [expected] if isinstance(expected, str) else list(expected)


def _score_checks(item: dict, claim: Claim | None, score: StoryScore, label: str) -> None:
    verdicts = {c.source_id: c for c in claim.checks} if claim else {}
    for other, expected in sorted(item["expect"].items()):
        accepted = _accepted(expected)
        check = verdicts.get(other)
        got = check.verdict.value if check else "no_claim"
        # "~" marks an acceptable alternative, so the matrix shows it apart from exact hits.
        shown = got if got == accepted[0] or got not in accepted else f"~{got}"
        score.confusion[(accepted[0], shown)] += 1
        if got not in accepted:
            why = f" ({check.rationale})" if check else ""
            score.misses.append(f"{label} vs {other}: expected {'/'.join(accepted)}, "
                                f"got {got}{why}")


def _score_flags(item: dict, claim: Claim | None, score: StoryScore, label: str) -> None:
    expected = set(item.get("flags", []))
    scored = (set(CORE_FLAGS) | expected) - set(item.get("optional_flags", []))
    found = {f.kind.value for f in claim.flags} if claim else set()
    for kind in sorted(scored):
        outcome = {(True, True): "tp", (False, True): "fp", (True, False): "fn"}.get(
            (kind in expected, kind in found))
        if outcome:
            score.flags[(kind, outcome)] += 1
        if outcome in ("fp", "fn"):
            word = "missing" if outcome == "fn" else "unexpected"
            score.misses.append(f"{label}: {word} flag {kind}")


def score_story(story: Path, report: Report) -> StoryScore:
    """Compare one story's report with its gold file."""
    score = StoryScore()
    for item in load_gold(story)["items"]:
        claim = find_claim(report, item["source"], item["quote"])
        label = f"{story.name}/{item['source']} {item['quote']!r}"
        if claim is None:
            score.misses.append(f"{label}: no claim covers this quote")
        _score_checks(item, claim, score, label)
        _score_flags(item, claim, score, label)
    return score


def evaluate(story: Path) -> StoryScore:
    with tempfile.TemporaryDirectory() as tmp:
        return score_story(story, run_story(story, Path(tmp)))


def stories(split: str | None = None, names: list[str] | None = None) -> list[Path]:
    found = sorted(p for p in STORIES.iterdir() if (p / "gold.json").is_file())
    found = [p for p in found if not names or p.name in names]
    return [p for p in found if split is None or load_gold(p)["split"] == split]


def _matrix(score: StoryScore) -> list[str]:
    columns = VERDICTS + [f"~{v}" for v in VERDICTS] + ["no_claim"]
    columns = [c for c in columns if any(got == c for _, got in score.confusion)]
    head = f"{'gold / got':<20}" + "".join(f"{c[:14]:>15}" for c in columns)
    rows = [head]
    for gold in VERDICTS:
        counts = [score.confusion.get((gold, c), 0) for c in columns]
        if any(counts):
            rows.append(f"{gold:<20}" + "".join(f"{n:>15}" for n in counts))
    return rows


def _flag_table(score: StoryScore) -> list[str]:
    rows = [f"{'flag':<22}{'tp':>5}{'fp':>5}{'fn':>5}{'precision':>11}{'recall':>8}"]
    for kind in sorted({k for k, _ in score.flags}):
        tp, fp, fn = (score.flags.get((kind, o), 0) for o in ("tp", "fp", "fn"))
        precision = f"{tp / (tp + fp):.2f}" if tp + fp else "-"
        recall = f"{tp / (tp + fn):.2f}" if tp + fn else "-"
        rows.append(f"{kind:<22}{tp:>5}{fp:>5}{fn:>5}{precision:>11}{recall:>8}")
    return rows


def summary(score: StoryScore) -> dict:
    """The numbers a person compares between runs."""
    flags = {o: sum(n for (_, out), n in score.flags.items() if out == o)
             for o in ("tp", "fp", "fn")}
    return {"checks": sum(score.confusion.values()), "accuracy": round(score.accuracy(), 3),
            "flag_precision": round(flags["tp"] / max(1, flags["tp"] + flags["fp"]), 3),
            "flag_recall": round(flags["tp"] / max(1, flags["tp"] + flags["fn"]), 3)}


def report_lines(title: str, score: StoryScore, misses: bool = True) -> list[str]:
    lines = [f"== {title}: {json.dumps(summary(score))}", *_matrix(score), "",
             *_flag_table(score)]
    if misses and score.misses:
        lines += ["", "misses:", *(f"  - {m}" for m in score.misses)]
    return [*lines, ""]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", choices=["dev", "held_out"])
    parser.add_argument("--story", action="append", help="only this story (repeatable)")
    parser.add_argument("--json", type=Path, help="also write the per-story numbers here")
    args = parser.parse_args(argv)
    totals: dict[str, StoryScore] = {}
    results = {}
    for story in stories(args.split, args.story):
        score = evaluate(story)
        results[story.name] = summary(score)
        print("\n".join(report_lines(story.name, score)))
        totals.setdefault(load_gold(story)["split"], StoryScore()).add(score)
    for split, score in sorted(totals.items()):
        print("\n".join(report_lines(f"split {split}", score, misses=False)))
        results[f"split:{split}"] = summary(score)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
