"""Rebuild factcheck/verify/data/word_rarity.json from the wordfreq package's English data.

Each of the 40,000 commonest English words is analysed the way the verifier analyses text
(folded, stemmed, synonyms merged); a stem keeps the highest frequency of its words.
Usage: python benchmarks/verifier/rarity_table.py  (needs the [train] extra)
"""

from __future__ import annotations

import json
from pathlib import Path

from wordfreq import top_n_list, zipf_frequency

from factcheck.language.retrieval import analyse
from factcheck.verify.rarity import table

OUT = Path(__file__).resolve().parents[2] / "factcheck" / "verify" / "data" / "word_rarity.json"
WORDS = 40_000


def frequencies() -> dict[str, float]:
    found: dict[str, float] = {}
    for word in top_n_list("en", WORDS):
        terms = analyse(word)
        if len(terms) != 1 or terms[0].isdigit():
            continue
        found[terms[0]] = max(found.get(terms[0], 0.0), zipf_frequency(word, "en"))
    return found


def main() -> None:
    OUT.write_text(json.dumps(table(frequencies()), indent=0) + "\n", encoding="utf-8")
    print(f"wrote {OUT} ({OUT.stat().st_size // 1024} KiB)")


if __name__ == "__main__":
    main()
