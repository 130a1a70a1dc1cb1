"""The stories stage: group a feed's sources into stories (the events they report).

Cross-checking only makes sense between articles about the same event; a feed mixes
many. Sources are grouped before any claim is checked, in time that grows about linearly
with the feed: each source is a vector of its terms weighted by rarity (idf), its most
distinctive terms look up a few candidate neighbours through an inverted index (a
bounded window of each term's postings, so a term every article shares costs no more than
a rare one), the candidates' exact cosine similarity decides an edge when it reaches the
threshold fitted on data (``data/grouping.json``, written by
``benchmarks/stories/fit.py``), and the connected components are the stories.
"""

from __future__ import annotations

from factcheck.stories.grouping import (
    SINGLE,
    STORY_MODES,
    Grouping,
    group_sources,
    load_grouping,
    similarity_edges,
)

__all__ = ["SINGLE", "STORY_MODES", "Grouping", "group_sources", "load_grouping",
           "similarity_edges"]
