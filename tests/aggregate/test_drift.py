"""Drift flags: speaker dropped, hedge dropped, area given another owner, off-topic paragraph."""

from __future__ import annotations

from pathlib import Path

import pytest
from builders import make_source as _source

from factcheck.aggregate.drift import (
    attribution_drift,
    entity_mismatch,
    flag_drift,
    hedging_drift,
    off_topic,
    owned_areas,
)
from factcheck.engine.local import LocalEngine
from factcheck.models import (
    Attribution,
    AttributionKind,
    Certainty,
    Check,
    Claim,
    Cluster,
    FlagKind,
    Report,
    Stance,
    Verdict,
)
from factcheck.pipeline import run_pipeline


def _claim(sid: str, n: int, text: str, speaker: str | None = None,
           kind: AttributionKind = AttributionKind.outlet,
           certainty: Certainty = Certainty.asserted, span: tuple[int, int] = (0, 1)) -> Claim:
    return Claim(id=f"{sid}#c{n}", source_id=sid, text=text, quote=text, span=span,
                 attribution=Attribution(speaker=speaker, kind=kind), certainty=certainty)


def _matched(*claims: Claim) -> list[Claim]:
    """Give each claim a supported check quoting every other claim's sentence."""
    for claim in claims:
        claim.checks = [Check(source_id=o.source_id, verdict=Verdict.supported,
                              evidence=o.quote, evidence_span=o.span, rationale="r",
                              confidence=0.8) for o in claims if o is not claim]
    return list(claims)


def test_attribution_drift_flags_the_outlet_that_drops_the_speaker() -> None:
    said = _claim("a", 1, "Twelve workers were killed.", "fire officials",
                  AttributionKind.reported_speech, Certainty.reported)
    bare = _claim("b", 1, "Twelve workers were killed.")
    assert attribution_drift([said, bare]) == []  # verification never matched them
    found = attribution_drift(_matched(said, bare))
    assert [(c.id, f.kind, f.source_ids) for c, f in found] == \
        [("b#c1", FlagKind.attribution_drift, ["a"])]
    assert "fire officials" in found[0][1].reason


def test_attribution_drift_on_a_different_speaker_but_not_on_the_same_one() -> None:
    union = _claim("a", 1, "Pay rose 4 percent.", "the union", AttributionKind.according_to)
    firm = _claim("b", 1, "Pay rose 4 percent.", "the company", AttributionKind.according_to)
    also_union = _claim("c", 1, "Pay rose 4 percent.", "union leaders",
                        AttributionKind.reported_speech)
    assert {c.id for c, _ in attribution_drift(_matched(union, firm))} == {"a#c1", "b#c1"}
    assert attribution_drift(_matched(union, also_union)) == []


def test_attribution_drift_needs_a_real_change_of_who_asserts() -> None:
    """A vaguer source, a dropped 'reportedly', or the speaker named in the claim itself
    is not a change of who asserts it."""
    named = _claim("a", 1, "Forty people were taken to hospital.", "Paul Okafor",
                   AttributionKind.reported_speech)
    vaguer = _claim("b", 1, "Forty people were taken to hospital.", "officials",
                    AttributionKind.reported_speech)
    hearsay = _claim("c", 1, "The suspect was reportedly released.",
                     kind=AttributionKind.unattributed, certainty=Certainty.hedged)
    bare = _claim("d", 1, "The suspect was released.")
    mayor = _claim("e", 1, "The water is safe, Ruiz said.", "Ana Ruiz",
                   AttributionKind.reported_speech)
    told = _claim("f", 1, "Mayor Ana Ruiz told residents the water is safe.")
    assert attribution_drift(_matched(named, vaguer)) == []
    assert attribution_drift(_matched(hearsay, bare)) == []
    assert attribution_drift(_matched(mayor, told)) == []


def test_hedging_drift_flags_the_outlet_stating_a_hedged_fact() -> None:
    hedged = _claim("a", 1, "Some of the evacuees have reportedly returned home.",
                    certainty=Certainty.hedged, kind=AttributionKind.unattributed)
    plain = _claim("b", 1, "The evacuees have returned home.")
    found = hedging_drift([hedged, plain])
    assert [(c.id, f.source_ids) for c, f in found] == [("b#c1", ["a"])]
    assert "reportedly" in found[0][1].reason
    assert hedging_drift([plain, _claim("c", 1, "The evacuees have returned home.")]) == []


def test_owned_areas_reads_possessive_and_of_forms() -> None:
    found = owned_areas("Rain hit Peru's Tacna region and the Arica province of Chile.")
    assert [(o.name, o.owner) for o in found] == [("tacna", "Peru"), ("arica", "Chile")]
    assert owned_areas("The mayor's Tacna office opened.") == []


def test_entity_mismatch_between_owners_of_the_same_area() -> None:
    a = _source("a", "The quake struck Peru's Tacna region on Monday.")
    b = _source("b", "The quake struck Chile's Tacna region on Monday.")
    c = _source("c", "The quake struck the Tacna region of Peru on Monday.")
    claims = [_claim(s.id, 1, s.text, span=(0, len(s.text))) for s in (a, b, c)]
    found = {c.id: f for c, f in entity_mismatch(claims, [a, b, c])}
    assert set(found) == {"a#c1", "b#c1", "c#c1"}
    assert found["b#c1"].source_ids == ["a", "c"]
    assert found["a#c1"].source_ids == ["b"]


OFF_TOPIC_SOURCES = [
    _source("a", "Floodwater rose through the town centre overnight.\n"
                 "Rescue crews used boats to reach stranded residents on rooftops.\n"
                 "The recipe calls for two cups of flour, a pinch of salt and three ripe "
                 "bananas, whisked together and baked until the crust turns golden."),
    _source("b", "Rescue crews in boats reached residents stranded by floodwater.\n"
                 "The town centre was under a metre of water by the morning."),
]


def test_off_topic_flags_claims_of_an_unrelated_paragraph() -> None:
    text = OFF_TOPIC_SOURCES[0].text
    start = text.index("The recipe")
    recipe = _claim("a", 3, text[start:], span=(start, len(text)))
    crews = _claim("a", 2, "Rescue crews used boats.", span=(text.index("Rescue"),
                                                             text.index("Rescue") + 5))
    found = off_topic([recipe, crews], OFF_TOPIC_SOURCES)
    assert [c.id for c, _ in found] == ["a#c3"]


QUAKE_SOURCES = [
    _source("wire", "A magnitude 6.8 earthquake struck the eastern province on Tuesday, killing "
            "at least 120 people and injuring more than 900, the national disaster agency said.\n"
            "The quake hit at 3:14 a.m. local time at a depth of 10 kilometres, according to "
            "the agency. Rescue teams pulled 43 survivors from collapsed buildings overnight.\n"
            "\"We are racing against time,\" the interior minister told reporters in the "
            "provincial capital. He said about 2,500 rescuers had been deployed.\n"
            "The government declared three days of national mourning."),
    _source("blog", "A powerful earthquake hit the province early Tuesday, killing nearly 300 "
            "people, officials said.\nThe interior minister said 2,500 rescuers were working "
            "through the night. Local media reported that more than 900 people were injured.\n"
            "The government has not declared national mourning, a spokesperson said."),
    _source("summary", "A magnitude 6.8 quake struck the province on Tuesday, killing about "
            "120 people. Roughly 2,500 rescuers were deployed, the interior minister said."),
]


def test_on_topic_detail_in_new_words_is_not_off_topic() -> None:
    wire = QUAKE_SOURCES[0].text
    start = wire.index("The quake hit")
    detail = _claim("wire", 2, wire[start:start + 40], span=(start, start + 40))
    assert off_topic([detail], QUAKE_SOURCES) == []


def test_flag_drift_adds_flags_to_claims_and_their_cluster() -> None:
    said = _claim("a", 1, "Twelve workers were killed.", "fire officials",
                  AttributionKind.reported_speech, Certainty.reported)
    bare = _claim("b", 1, "Twelve workers were killed.")
    _matched(said, bare)
    cluster = Cluster(id="k1", canonical=said.text, claim_ids=[said.id, bare.id],
                      stances={"a": Stance.states, "b": Stance.states}, independent_sources=2)
    sources = [_source("a", "x"), _source("b", "y")]
    flag_drift([said, bare], [cluster], sources)
    assert [f.kind for f in bare.flags] == [FlagKind.attribution_drift]
    assert [f.kind for f in cluster.flags] == [FlagKind.attribution_drift]
    assert said.flags == []


# -- a factory fire, three outlets, through the real pipeline -----------------------------------

FIRE = {
    "wire": "Fire at textile factory kills 12 workers\n\n"
            "LIMA, Peru (Wire) — A fire tore through a textile factory in Peru's Tacna region on "
            "Tuesday, killing 12 workers and injuring 30 others, fire officials said.\n\n"
            "The blaze started in a storage room filled with synthetic fabric shortly after "
            "2 p.m., according to the regional fire chief, Carlos Mendoza. Firefighters needed "
            "five hours to bring it under control.\n\n"
            "About 200 people were working in the building when the fire broke out. The owner "
            "of the factory has reportedly been arrested by police.\n\n"
            "Labour inspectors had cited the plant twice last year for blocked emergency exits, "
            "the labour ministry said in a statement.\n",
    "rewrite": "Deadly blaze at garment plant\n\n"
               "A devastating fire swept through a textile factory in Chile's Tacna region on "
               "Tuesday. 12 workers were killed and 30 others were injured in the blaze.\n\n"
               "The fire began in a storage room full of synthetic fabric shortly after 2 p.m. "
               "Firefighters fought the flames for five hours.\n\n"
               "The owner of the factory has been arrested by police.\n\n"
               "The recipe calls for two cups of flour, a pinch of salt and three ripe bananas, "
               "whisked together and baked for forty minutes until the crust turns golden.\n",
    "local": "Families wait for news after factory fire\n\n"
             "Relatives gathered outside the burned textile factory on Wednesday, a day after a "
             "fire killed 12 workers.\n\n"
             "Regional fire chief Carlos Mendoza said the fire started in a storage room where "
             "synthetic fabric was kept. Around 200 employees were inside the plant at the time."
             "\n\nThe labour ministry said inspectors had cited the factory twice last year for "
             "blocked emergency exits. Prosecutors opened an investigation into the company.\n",
}


@pytest.fixture(scope="module")
def fire(tmp_path_factory: pytest.TempPathFactory) -> Report:
    folder = tmp_path_factory.mktemp("fire")
    paths = []
    for name, text in FIRE.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
        paths.append(str(folder / f"{name}.txt"))
    return run_pipeline(paths, folder / "run", lambda s: LocalEngine()).report


def _flagged(report: Report, kind: FlagKind) -> dict[str, str]:
    return {c.id: c.quote for c in report.claims if any(f.kind == kind for f in c.flags)}


def test_fire_story_drift_flags(fire: Report) -> None:
    attribution = _flagged(fire, FlagKind.attribution_drift)
    assert any(i.startswith("rewrite#") and "12 workers" in q for i, q in attribution.items())
    hedging = _flagged(fire, FlagKind.hedging_drift)
    assert [q for i, q in hedging.items() if i.startswith("rewrite#")] == \
        ["The owner of the factory has been arrested by police."]
    mismatch = _flagged(fire, FlagKind.entity_mismatch)
    assert {i.split("#")[0] for i in mismatch} == {"wire", "rewrite"}
    off = _flagged(fire, FlagKind.off_topic)
    assert list(off.values()) and all("recipe" in q for q in off.values())


def test_fire_story_cluster_flags_and_ranking(fire: Report) -> None:
    kinds = {f.kind for k in fire.clusters for f in k.flags}
    assert {FlagKind.attribution_drift, FlagKind.hedging_drift, FlagKind.entity_mismatch,
            FlagKind.off_topic} <= kinds
    priorities = [k.priority for k in fire.clusters]
    assert priorities == sorted(priorities, reverse=True)


def test_seed_entity_mismatch_is_found(tmp_path: Path, seeds_dir: Path) -> None:
    paths = sorted(str(p) for p in seeds_dir.glob("*.txt"))[:2]
    report = run_pipeline(paths, tmp_path, lambda s: LocalEngine()).report
    assert _flagged(report, FlagKind.entity_mismatch)


def test_attribution_drift_precision_on_hand_made_stories(tmp_path: Path) -> None:
    """Every flag a real change of who asserts the claim; most real changes found."""
    from tests.aggregate.drift_cases import CASES

    hits = wrong = missed = 0
    for name, (texts, expected) in CASES.items():
        folder = tmp_path / name
        folder.mkdir()
        for sid, text in texts.items():
            (folder / f"{sid}.txt").write_text(text, encoding="utf-8")
        report = run_pipeline(sorted(str(p) for p in folder.glob("*.txt")), folder / "run",
                              lambda s: LocalEngine()).report
        got = set(_flagged(report, FlagKind.attribution_drift))
        got_sources = {i.split("#")[0] for i in got}
        hits += len(got_sources & expected)
        wrong += len(got_sources - expected)
        missed += len(expected - got_sources)
    assert wrong == 0
    assert hits / (hits + missed) >= 0.75
