"""Claim flags read from the checks: contradictions, numeric discrepancies, additions."""

from __future__ import annotations

from collections.abc import Sequence

from builders import make_source as source

from factcheck.aggregate.flags import flag_claims
from factcheck.language.quantities import extract_quantities
from factcheck.language.text import find_span, sentences
from factcheck.models import Check, Claim, FigureCheck, Flag, FlagKind, Lineage, Source, Verdict
from factcheck.verify import verify_claim, with_figures

QUAKE_A = ("A magnitude 6.1 earthquake struck the coastal region on Sunday.\n"
           "The earthquake killed 34 people and damaged hundreds of homes.\n"
           "A local bakery reopened on Monday.")
QUAKE_B = ("At least 58 people were killed when the earthquake struck the coastal region.\n"
           "Rescue teams searched collapsed homes through the night.")
QUAKE_C = "The earthquake killed 34 people, officials said, and rescue teams were sent."


def claim_of(src: Source, fragment: str, n: int = 1) -> Claim:
    text = next(src.text[a:b] for a, b in sentences(src.text) if fragment in src.text[a:b])
    span = find_span(src.text, text)
    assert span is not None
    return Claim(id=f"{src.id}#c{n}", source_id=src.id, text=text, quote=text, span=span,
                 quantities=extract_quantities(text))


def checked(claims: Sequence[Claim], sources: Sequence[Source]) -> None:
    for c in claims:
        c.checks = [with_figures(c, verify_claim(c, s)) for s in sources if s.id != c.source_id]


def kinds(flags: Sequence[Flag]) -> list[FlagKind]:
    return [f.kind for f in flags]


def test_death_toll_discrepancy_names_both_figures_and_the_source() -> None:
    sources = [source("a", QUAKE_A), source("b", QUAKE_B), source("c", QUAKE_C)]
    toll = claim_of(sources[0], "killed 34 people")
    checked([toll], sources)
    flag_claims([toll])
    numeric = [f for f in toll.flags if f.kind == FlagKind.numeric_discrepancy]
    # 'at least 58' cannot be 34; source c agrees, so only b is named
    assert [f.source_ids for f in numeric] == [["b"]]
    assert "34 people" in numeric[0].reason and "58 people" in numeric[0].reason
    assert FlagKind.single_source not in kinds(toll.flags)


def test_numeric_flag_fires_even_when_the_engine_said_supported() -> None:
    sources = [source("a", QUAKE_A), source("b", QUAKE_B)]
    toll = claim_of(sources[0], "killed 34 people")
    evidence = QUAKE_B.splitlines()[0]
    said = Check(source_id="b", verdict=Verdict.supported, evidence=evidence,
                 rationale="engine said so", confidence=0.9)
    toll.checks = [with_figures(toll, said)]  # what either engine hands on
    flag_claims([toll])
    assert kinds(toll.flags) == [FlagKind.numeric_discrepancy]


def test_numeric_flag_reads_the_comparison_on_the_check() -> None:
    """The flag recomputes nothing: the figures verification recorded decide, and only
    the clashing ones are named."""
    sources = [source("a", QUAKE_A), source("b", QUAKE_B)]
    toll = claim_of(sources[0], "killed 34 people")
    toll.checks = [Check(source_id="b", verdict=Verdict.partially_supported,
                         evidence="a text without any number", rationale="r", confidence=0.5,
                         figures=[FigureCheck(claim="34 people", other="58 people",
                                              agrees=False),
                                  FigureCheck(claim="6.1", other="6.1", agrees=True)])]
    flag_claims([toll])
    assert kinds(toll.flags) == [FlagKind.numeric_discrepancy]
    assert "'34 people' here vs '58 people'" in toll.flags[0].reason
    assert "6.1" not in toll.flags[0].reason
    toll.flags, toll.checks[0].figures = [], toll.checks[0].figures[1:]
    flag_claims([toll])
    assert toll.flags == []


def test_no_numeric_flag_without_evidence_to_read() -> None:
    """Flags read the checks: a verdict quoting nothing gives no figure to compare."""
    sources = [source("a", QUAKE_A), source("b", QUAKE_B)]
    toll = claim_of(sources[0], "killed 34 people")
    toll.checks = [Check(source_id="b", verdict=Verdict.supported, evidence=None,
                         rationale="engine said so", confidence=0.9)]
    flag_claims([toll])
    assert toll.flags == []


def test_contradicted_and_single_source_flags() -> None:
    sources = [source("a", QUAKE_A), source("b", QUAKE_B)]
    lonely = claim_of(sources[0], "bakery")
    toll = claim_of(sources[0], "killed 34 people", n=2)
    checked([lonely, toll], sources)
    flag_claims([lonely, toll])
    assert lonely.flags == []  # single_source is decided per fact, by the clusters
    assert kinds(toll.flags) == [FlagKind.contradicted, FlagKind.numeric_discrepancy]
    assert toll.flags[0].source_ids == ["b"]


def test_seed_containers_claims_get_numeric_flags_both_ways(seed_text: dict[str, str]) -> None:
    sources = [source(sid, text) for sid, text in seed_text.items()]
    by_prefix = {s.id[:3]: s for s in sources}
    close_to = claim_of(by_prefix["001"], "close to 20,000 shipping containers")
    over = claim_of(by_prefix["002"], "over 13,000 containers")
    troops = claim_of(by_prefix["001"], "an estimated 11,000 troops", n=2)
    claims = [close_to, over, troops]
    checked(claims, sources)
    flag_claims(claims)

    def numeric_ids(c: Claim) -> set[str]:
        return {i for f in c.flags if f.kind == FlagKind.numeric_discrepancy
                for i in f.source_ids}

    assert {by_prefix["002"].id, by_prefix["003"].id} <= numeric_ids(close_to)
    assert by_prefix["001"].id in numeric_ids(over)
    assert numeric_ids(troops) == set()
    assert FlagKind.contradicted not in kinds(troops.flags)


def test_flags_are_stable_and_not_duplicated_on_a_second_run() -> None:
    sources = [source("a", QUAKE_A), source("b", QUAKE_B), source("c", QUAKE_C)]
    toll = claim_of(sources[0], "killed 34 people")
    checked([toll], sources)
    flag_claims([toll])
    first = list(toll.flags)
    flag_claims([toll])
    assert toll.flags == first


FLOOD_PARENT = ("Floodwater reached the old town of Veria in Greece's Imathia region on "
                "Monday. About 2,000 residents were evacuated, some of whom have returned "
                "home.\nThe river crested at 6 metres, the fire service said.")


def _derived(quote: str, verdict: Verdict, evidence: str | None) -> Claim:
    child = Claim(id="summary#c1", source_id="summary", text=quote, quote=quote,
                  span=(0, len(quote)))
    child.checks = [Check(source_id="parent", verdict=verdict, evidence=evidence,
                          rationale="r", confidence=0.6)]
    return child


def _added_flags(child: Claim) -> list[Flag]:
    parent = source("parent", FLOOD_PARENT)
    lineage = [Lineage(source_id="summary", derived_from="parent", score=0.9, evidence=[])]
    flag_claims([child], lineage, [parent, source("summary", child.quote)])
    return [f for f in child.flags if f.kind == FlagKind.added_in_derivative]


def test_a_summary_contradicting_its_parent_reports_what_it_changed() -> None:
    """Even when verification calls it a contradiction, the derived text's own additions
    are named: the whole group for the parent's 'some of whom', a place given a new owner."""
    evidence = FLOOD_PARENT.splitlines()[0].split(". ")[1]
    child = _derived("About 2,000 residents have returned home to Veria in Albania's "
                     "Imathia region.", Verdict.contradicted, evidence)
    added = _added_flags(child)
    assert len(added) == 1 and added[0].source_ids == ["parent"]
    assert "'some of whom'" in added[0].reason and "'Albania's Imathia'" in added[0].reason
    assert evidence in added[0].reason  # both texts


def test_a_supported_or_faithful_derived_claim_is_no_addition() -> None:
    faithful = _derived("About 2,000 residents of Greece's Imathia region were evacuated, "
                        "some of whom have returned home.", Verdict.partially_supported,
                        FLOOD_PARENT.splitlines()[0])
    assert _added_flags(faithful) == []
    supported = _derived("Albania's Imathia region flooded.", Verdict.supported, "x")
    assert _added_flags(supported) == []
