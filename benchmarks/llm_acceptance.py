"""How much of what a model answered was accepted, per stage, from a run's report.json.

Extraction: model claims accepted, claims rejected (by reason: ids not shown, number or
name not in the sentences, pronoun opening, words not those of the sentences, speaker not
in the article) and windows that failed as a whole. Verification: model checks made (by
verdict), pairs the model failed on, and checks decided without a call.

    python benchmarks/llm_acceptance.py cassettes/seeds-run.report.json [--json]
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

REASONS = {  # first match wins: the pronoun message also says "name who or what"
    "were not shown": "sentence id not shown", "no sentence id": "no sentence id",
    "pronoun": "opens with a pronoun", "number": "number not in the sentences",
    "speaker": "speaker not in the article", "name": "name not in the sentences",
    "words are not those": "not what the sentences say", "JSON": "JSON in the claim text",
    "not a statement": "not a statement",
}


def reason(message: str) -> str:
    detail = message.split("rejected:", 1)[-1]
    return next((label for key, label in REASONS.items() if key in detail), "other")


def acceptance(report: dict[str, Any]) -> dict[str, Any]:
    claims = report["claims"]
    problems = report["problems"]
    extract = [p for p in problems if p["stage"] == "extract"]
    rejected = [p for p in extract if "rejected:" in p["message"]]
    accepted = sum(c.get("engine") == "llm" for c in claims)
    checks = [ch for c in claims for ch in c["checks"] if ch.get("engine") == "llm"]
    unasked = [ch for ch in checks if "was not asked" in ch["rationale"]]
    made = [ch for ch in checks if ch not in unasked]
    failed = [p for p in problems if p["stage"] == "verify"]
    return {
        "extraction": {"accepted": accepted, "rejected": len(rejected),
                       "acceptance_rate": _rate(accepted, accepted + len(rejected)),
                       "rejected_by_reason": dict(Counter(map(reason, [
                           p["message"] for p in rejected])).most_common()),
                       "failed_windows": len(extract) - len(rejected)},
        "verification": {"made": len(made), "failed": len(failed),
                         "acceptance_rate": _rate(len(made), len(made) + len(failed)),
                         "verdicts": dict(Counter(ch["verdict"] for ch in made)),
                         "without_a_call": len(unasked),
                         "failure_reasons": dict(Counter(_first_words(p["message"])
                                                         for p in failed).most_common(5))},
        "usage": {k: v for k, v in report["run"]["usage"].items() if "." not in k},
    }


def _first_words(message: str) -> str:
    text = re.sub(r"\d+", "N", message.split(": ", 1)[-1])
    return " ".join(text.split()[:8])


def _rate(part: int, whole: int) -> float | None:
    return round(part / whole, 3) if whole else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("report", type=Path)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    result = acceptance(json.loads(args.report.read_text(encoding="utf-8")))
    if args.json:
        print(json.dumps(result, indent=2))
        return
    for stage, figures in result.items():
        print(stage)
        for key, value in figures.items():
            print(f"  {key}: {value}")


if __name__ == "__main__":
    main()
