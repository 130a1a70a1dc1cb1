"""The stories stage: group a feed's sources into stories (the events they report).

Cross-checking only makes sense between articles about the same event; a feed mixes
many. Sources are grouped before any claim is checked, in time that grows about linearly
with the feed: each source is a vector of its terms weighted by rarity (idf), its most
distinctive terms look up a few candidate neighbours through an inverted index (a
bounded window of each term's postings, so a term every article shares costs no more than
a rare one), and the candidates' exact similarities decide. Two kinds of evidence make a
core edge: a blended cosine at the threshold and enough shared names and figures; an edge
needs a third source linked to both ends unless an end has no other link, so one pair of
look-alike articles cannot chain two events together. The cores' connected components
are the stories' cores; each source outside them joins the core it is nearest to on
average (not its single best neighbour) when that is clear of every other core and rests
on shared names, else it stays a story of its own. Every threshold is fitted on data
(``data/grouping.json``, written by ``benchmarks/stories/fit.py``).
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
