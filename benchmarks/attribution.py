"""Speaker-head precision, recall and F1 of the local engine on PolNeAR, by cue type.

Reads ``../shared/data/polnear_train.jsonl.gz`` (2016 US election news with who-said-what
annotated; see its README), splits the articles by a hash of their id into a development
part and a held-out part (one in five articles), and scores the speaker the extractor finds
for each claim against the annotated source of the statement the claim reports.

- A gold attribution counts when its cue is a statement cue (PolNeAR also annotates beliefs
  and intentions: "we mocked", "he figures"); it is ``said/told/according to`` or ``other
  statement`` by its cue.
- A claim is matched to the gold attribution whose content it overlaps most. Its speaker
  mention (as written, before pronoun resolution: PolNeAR annotates "he" as "he") is right
  when its head word equals the gold source's head word.
- Recall: gold statements whose overlapping claim names the right head. Precision: claims
  with a speaker whose head is right, over claims with a speaker that overlap a gold
  statement of that cue type or no gold attribution at all (a speaker for nothing).

Also checks every speaker over the whole file: each must be a noun phrase
(``factcheck.extract.speakers.is_noun_phrase``). Usage::

    .venv/bin/python benchmarks/attribution.py [--split heldout|dev|all] [--data PATH]
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from factcheck.extract import mentions
from factcheck.extract.speakers import is_noun_phrase

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "polnear_train.jsonl.gz"
HELD_OUT = 5
"""One article in this many (by id hash) is held out."""
SAID = re.compile(r"^(?:say|says|said|saying|tell|tells|told|telling|according to)$", re.I)
STATEMENT = re.compile(
    r"\b(?:say|says|said|saying|tell|tells|told|telling|according|add|adds|added|announc\w*"
    r"|warn\w*|argu\w*|claim\w*|den(?:y|ies|ied|ying)|wr(?:ite|ites|ote|itten|iting)|tweet\w*"
    r"|statement|cit(?:e|es|ed|ing)|not(?:e|es|ed|ing)|explain\w*|insist\w*|stat(?:e|es|ed|ing)"
    r"|report\w*|ask\w*|repl\w*|respond\w*|acknowledg\w*|admit\w*|assert\w*|declar\w*"
    r"|confirm\w*|predict\w*|promis\w*|suggest\w*|contend\w*|maintain\w*|testif\w*|recall\w*"
    r"|describ\w*|call(?:s|ed|ing)?|urg\w*|accus\w*|criticiz\w*|prais\w*|vow\w*|pledg\w*"
    r"|complain\w*|conced\w*|emphasiz\w*|stress\w*|point(?:s|ed)? out|speech|interview"
    r"|post\w*|email\w*|told|quot\w*|show\w*|found|estimat\w*)\b", re.I)
_POSSESSIVE = re.compile(r"['\u2019]s?$")


def head(text: str) -> str:
    """Head word of a speaker phrase: before an appositive or bracket, the last word."""
    text = re.sub(r"\([^)]*\)", " ", text).split(",")[0]
    words = [_POSSESSIVE.sub("", w) for w in re.findall(r"[\w'\u2019.-]+", text)]
    words = [w.strip(".").lower() for w in words if any(c.isalpha() for c in w)]
    return words[-1] if words else ""


def cue_type(cue: str) -> str | None:
    words = " ".join(cue.lower().split())
    if SAID.match(words) or words.endswith(("said", "told", "says", "according to")):
        return "said/told/according to"
    return "other statement" if STATEMENT.search(words) else None


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def line(self, name: str) -> str:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return (f"{name:<26} precision {p:.3f}  recall {r:.3f}  F1 {f:.3f}  "
                f"(tp {self.tp}, fp {self.fp}, fn {self.fn})")


@dataclass
class Tally:
    by_type: dict[str, Score] = field(default_factory=dict)
    spurious: int = 0
    not_np: list[str] = field(default_factory=list)
    speakers: int = 0

    def score(self, kind: str) -> Score:
        return self.by_type.setdefault(kind, Score())


def _overlap(a: tuple[int, int], spans: list[list[int]]) -> int:
    return sum(max(0, min(a[1], e) - max(a[0], s)) for s, e in spans)


def _gold(row: dict) -> list[tuple[str | None, str, list[list[int]]]]:
    """(cue type or None, gold head, content spans) of each annotated attribution."""
    found = []
    for a in row["attributions"]:
        source, cue, content = a.get("source") or {}, a.get("cue") or {}, a.get("content") or {}
        if not source.get("text") or not content.get("spans"):
            continue
        found.append((cue_type(cue.get("text", "")), head(source["text"]), content["spans"]))
    return found


def score_article(row: dict, tally: Tally) -> None:
    text = row["text"]
    gold = _gold(row)
    hit: set[int] = set()
    for m in mentions(text):
        said = text[m.speaker[0]:m.speaker[1]] if m.speaker else None
        if said is not None:
            tally.speakers += 1
            if not is_noun_phrase(said):
                tally.not_np.append(said)
        best = max(range(len(gold)), key=lambda i: _overlap(m.quote, gold[i][2]), default=None)
        if best is None or _overlap(m.quote, gold[best][2]) == 0:
            tally.spurious += said is not None
            continue
        kind, gold_head, _ = gold[best]
        if kind is None or said is None:
            continue
        if head(said) == gold_head:
            tally.score(kind).tp += best not in hit
            hit.add(best)
        else:
            tally.score(kind).fp += 1
    for i, (kind, _, _) in enumerate(gold):
        if kind is not None and i not in hit:
            tally.score(kind).fn += 1


def _check_all(row: dict, tally: Tally) -> None:
    for m in mentions(row["text"]):
        if m.speaker:
            tally.speakers += 1
            said = row["text"][m.speaker[0]:m.speaker[1]]
            if not is_noun_phrase(said):
                tally.not_np.append(said)


def held_out(article_id: str) -> bool:
    return int(hashlib.sha256(article_id.encode()).hexdigest(), 16) % HELD_OUT == 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("heldout", "dev", "all"), default="heldout")
    parser.add_argument("--data", type=Path, default=DATA)
    args = parser.parse_args()
    if not args.data.exists():
        sys.exit(f"{args.data}: not found; put the shared data folder beside the repository")
    scored, checked = Tally(), Tally()
    with gzip.open(args.data, "rt", encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            if args.split == "all" or (args.split == "heldout") == held_out(row["id"]):
                score_article(row, scored)
            if args.split != "all":
                _check_all(row, checked)
    total = Score()
    for kind in ("said/told/according to", "other statement"):
        s = scored.score(kind)
        print(s.line(kind))
        total.tp, total.fp, total.fn = total.tp + s.tp, total.fp + s.fp, total.fn + s.fn
    total.fp += scored.spurious
    print(total.line("all statement cues"))
    print(f"speakers for text no one annotated as attributed: {scored.spurious}")
    check = checked if args.split != "all" else scored
    print(f"speakers that are not noun phrases, whole file: {len(check.not_np)} of "
          f"{check.speakers}" + (f" (e.g. {Counter(check.not_np).most_common(5)})"
                                 if check.not_np else ""))


if __name__ == "__main__":
    main()
