"""How telling a word is: its rarity in general English, from a shipped frequency table.

Matching "the council approved" proves little; matching "desalination" proves a lot. The
weights come from general-English word frequencies (Zipf scale, built from the ``wordfreq``
data by ``benchmarks/verifier/rarity_table.py``), never from one story's or one data set's
words, so they mean the same on any input. A term missing from the table is rarer than
everything in it.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources

_TABLE = "word_rarity.json"
_UNSEEN_ZIPF = 1.5
_CEILING = 8.0


@cache
def _zipf() -> dict[str, float]:
    """Stem -> Zipf frequency (log10 of uses per billion words)."""
    raw = resources.files("factcheck.verify").joinpath("data", _TABLE).read_text("utf-8")
    buckets: dict[str, str] = json.loads(raw)["zipf_x10"]
    return {stem: int(z) / 10 for z, stems in buckets.items() for stem in stems.split()}


def zipf(term: str) -> float:
    """General-English Zipf frequency of an analysed term (digits count as common)."""
    if term.replace(".", "").isdigit():
        return 5.0
    return _zipf().get(term, _UNSEEN_ZIPF)


def weight(term: str) -> float:
    """Information weight of a term: 0.5 for the commonest words, 6.5 for unseen ones."""
    return max(0.5, _CEILING - zipf(term) - 1.0)


def table(frequencies: dict[str, float]) -> dict[str, object]:
    """The shipped file's content for stem -> Zipf frequency (grouped to stay small)."""
    buckets: dict[str, list[str]] = {}
    for stem, z in sorted(frequencies.items()):
        buckets.setdefault(str(round(z * 10)), []).append(stem)
    ordered = sorted(buckets.items(), key=lambda kv: -int(kv[0]))
    return {"source": "wordfreq (en), analysed with factcheck.language.retrieval.analyse",
            "zipf_x10": {k: " ".join(v) for k, v in ordered}}
