"""Acceptance of a live model's answers on two invented stories (not the seeds), per stage.

Extraction of one version of each story (the LLM engine, every sentence), then verification
of its first sentences against the other version. Prints what was accepted, what was
rejected and why, the verdicts, calls and seconds: the measure for a prompt or schema
change before the cassettes are re-recorded.

    python benchmarks/llm_own_articles.py --base-url http://127.0.0.1:8765/v1 [--model M]
"""

from __future__ import annotations

import argparse
import hashlib
import tempfile
import time
from collections import Counter
from pathlib import Path

from factcheck.language.retrieval import PassageIndex
from factcheck.language.text import sentences
from factcheck.llm import LLMEngine, LLMSettings
from factcheck.models import Claim, Source
from factcheck.store import Store

STORIES = {
    "dam": ("""Reservoir falls to record low near Brask

The Ulmen reservoir above Brask fell to 31 percent of capacity on Sunday, the regional \
water board said.
"We have not seen levels like this since the board began measuring in 1962," said Jonas \
Hiltunen, the board's chief engineer.
He said households in Brask would face a watering ban from July 1.

Farmers east of the town have lost about a third of their barley crop, according to the \
local growers' union.
Some residents blame a new bottling plant for drawing too much groundwater.
""", """Brask to ban garden watering as reservoir shrinks

Water in the Ulmen reservoir dropped to 31 percent of capacity at the weekend, according \
to the regional water board.
The board's chief engineer, Jonas Hiltunen, said a watering ban would start on July 15.
The growers' union said farmers had lost about a third of their barley.
The bottling plant's owner denied that it takes more water than its permit allows.
"""),
    "tram": ("""Tram drivers in Velmora strike over pay

Tram drivers in Velmora walked out on Thursday, halting all 14 lines, the transit \
authority said.
The drivers' union is asking for a 9 percent raise over two years.
Its leader, Carla Menotti, said the strike could last until Sunday.
The authority offered 4 percent, a spokesman told reporters.
""", """Velmora trams stand still as drivers strike

All 14 tram lines in Velmora stopped on Thursday when drivers went on strike.
Union leader Carla Menotti said drivers want a raise of 9 percent over two years.
The transit authority has offered 5 percent, according to a statement.
Buses ran as usual, the authority said.
"""),
}
CHECKED = {"dam": 4, "tram": 3}
"""Body sentences of the first version checked against the second."""


def source(source_id: str, text: str) -> Source:
    return Source(id=source_id, path=f"{source_id}.txt", format="txt", text=text,
                  sha256=hashlib.sha256(text.encode()).hexdigest())


def body_claims(src: Source, limit: int) -> list[Claim]:
    spans = [s for s in sentences(src.text) if src.text[s[0]:s[1]].endswith(".")][1:]
    return [Claim(id=f"{src.id}#c{n}", source_id=src.id, text=src.text[a:b],
                  quote=src.text[a:b], span=(a, b))
            for n, (a, b) in enumerate(spans[:limit], start=1)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base-url", required=True)
    parser.add_argument("--model", default="smollm2")
    parser.add_argument("--mode", default="tools")
    parser.add_argument("--stage", choices=["both", "extract", "verify"], default="both")
    args = parser.parse_args()
    settings = LLMSettings(model=args.model, base_url=args.base_url, mode=args.mode,
                           max_tokens=384, context_tokens=4096, max_retries=1,
                           concurrency=1, timeout=900.0, use_cache=False)
    pairs = {name: (source(f"{name}_a", a), source(f"{name}_b", b))
             for name, (a, b) in STORIES.items()}
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "run.sqlite") as store:
        if args.stage in ("both", "extract"):
            extract(LLMEngine(settings, store), [a for a, _ in pairs.values()])
        if args.stage in ("both", "verify"):
            verify(LLMEngine(settings, store), pairs)


def extract(engine: LLMEngine, sources: list[Source]) -> None:
    start = time.perf_counter()
    result = engine.extract(sources)
    rejected = [p for p in result.problems if "rejected:" in p.message]
    print(f"extraction: {len(result.claims)} accepted, {len(rejected)} rejected, "
          f"{len(result.problems) - len(rejected)} windows failed; "
          f"{engine.usage()['calls']:.0f} calls, {time.perf_counter() - start:.0f} s")
    for claim in result.claims:
        print(f"  accepted {claim.id}: {claim.text!r} ({claim.attribution.kind}, "
              f"speaker {claim.attribution.speaker!r})")
    for problem in result.problems:
        print(f"  problem: {problem.message}")


def verify(engine: LLMEngine, pairs: dict[str, tuple[Source, Source]]) -> None:
    start = time.perf_counter()
    asked = [(claim, b) for name, (a, b) in pairs.items()
             for claim in body_claims(a, CHECKED[name])]
    every = [s for pair in pairs.values() for s in pair]
    result = engine.verify_pairs(asked, PassageIndex(every))
    checks = [ch for found in result.checks.values() for ch in found]
    verdicts = Counter(ch.verdict.value for ch in checks)
    print(f"verification: {len(checks)} checks ({dict(verdicts)}), {len(result.problems)} "
          f"failed; {engine.usage()['calls']:.0f} calls, {time.perf_counter() - start:.0f} s")
    for claim, _ in asked:
        for check in result.checks.get(claim.id, []):
            print(f"  {claim.id} {check.verdict.value}: evidence {check.evidence!r}")
    for problem in result.problems:
        print(f"  problem: {problem.claim_id}: {problem.message}")


if __name__ == "__main__":
    main()
