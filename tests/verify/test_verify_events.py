"""The local verifier on small articles about other events (not the seeds' story)."""

from __future__ import annotations

from factcheck.models import Check, Claim, Source, Verdict
from factcheck.verify import verify_claim

FIRE_A = (
    "A fire swept through a garment factory in Riverton on Tuesday night.\n"
    "The fire killed 12 workers, the fire service said.\n"
    "The blaze started in a storage room on the ground floor.\n"
    "The company confirmed that the building had passed a safety inspection in March."
)
FIRE_B = (
    "Nineteen workers died when fire tore through a garment factory late on Tuesday.\n"
    "Investigators said the blaze started in a storage room on the ground floor.\n"
    "The company denied that the building had passed a safety inspection."
)
FIRE_C = "A fire swept through a garment factory in Lakeside on Tuesday night."
VOTE_A = ("Maria Lopez won 52% of the vote in the mayoral race, officials said on Sunday.\n"
          "Turnout was 61 percent, the highest in a decade.")
VOTE_B = ("Lopez took 48 percent of the vote in the mayoral race.\n"
          "Turnout reached 61%, election officials said.")
EARN_A = ("Northwind Corp reported quarterly revenue of $4.2 billion.\n"
          "Its quarterly profit was $900 million.")
EARN_B = ("Northwind Corp said quarterly revenue reached $4.2 billion, while quarterly profit "
          "came to $1.3 billion.")
STORM_A = "Hurricane Delta made landfall near Port Ellis on Oct. 12, 2024, with 120 mph winds."
STORM_B = "The hurricane made landfall near Port Ellis on October 14, bringing heavy rain."
LAUNCH_A = "The company's rocket failed to launch on Tuesday because of high winds."
LAUNCH_B = "The company's rocket launched on Tuesday despite high winds."


def run(make_source, make_claim, texts: dict[str, str], sid: str, sentence: str,
        other: str, places: tuple[str, ...] = ()) -> tuple[Claim, Check, Source]:
    sources = [make_source(k, v) for k, v in texts.items()]
    by_id = {s.id: s for s in sources}
    claim = make_claim(by_id[sid], sentence, places=places)
    check = verify_claim(claim, by_id[other])
    if check.evidence_span is not None:
        start, end = check.evidence_span
        assert by_id[other].text[start:end] == check.evidence
    return claim, check, by_id[other]


def test_different_death_toll_is_contradicted(make_source, make_claim) -> None:
    _, check, _ = run(make_source, make_claim, {"a": FIRE_A, "b": FIRE_B}, "a",
                      "The fire killed 12 workers, the fire service said.", "b")
    assert check.verdict == Verdict.contradicted
    assert "12 workers" in check.rationale and "Nineteen workers" in check.rationale
    assert check.evidence is not None and "Nineteen" in check.evidence


def test_same_fact_in_other_words_is_supported(make_source, make_claim) -> None:
    _, check, _ = run(make_source, make_claim, {"a": FIRE_A, "b": FIRE_B}, "a",
                      "The blaze started in a storage room on the ground floor.", "b")
    assert check.verdict == Verdict.supported
    assert check.evidence is not None and "storage room" in check.evidence


def test_confirmed_versus_denied_is_contradicted(make_source, make_claim) -> None:
    _, check, _ = run(make_source, make_claim, {"a": FIRE_A, "b": FIRE_B}, "a",
                      "The company confirmed that the building had passed a safety "
                      "inspection in March.", "b")
    assert check.verdict == Verdict.contradicted
    assert "denied" in (check.evidence or "")


def test_failed_to_launch_versus_launched_is_contradicted(make_source, make_claim) -> None:
    _, check, _ = run(make_source, make_claim, {"a": LAUNCH_A, "b": LAUNCH_B}, "a",
                      LAUNCH_A, "b")
    assert check.verdict == Verdict.contradicted


def test_another_place_in_the_same_role_contradicts(make_source, make_claim) -> None:
    _, check, _ = run(make_source, make_claim, {"a": FIRE_A, "c": FIRE_C}, "a",
                      "A fire swept through a garment factory in Riverton on Tuesday night.",
                      "c", places=("Riverton",))
    assert check.verdict == Verdict.contradicted
    assert "Riverton" in check.rationale and "Lakeside" in check.rationale


def test_vote_share_conflict_ignores_turnout(make_source, make_claim) -> None:
    texts = {"a": VOTE_A, "b": VOTE_B}
    _, share, _ = run(make_source, make_claim, texts, "a",
                      "Maria Lopez won 52% of the vote in the mayoral race, officials said on "
                      "Sunday.", "b")
    assert share.verdict == Verdict.contradicted and "48 percent" in share.rationale
    _, turnout, _ = run(make_source, make_claim, texts, "a",
                        "Turnout was 61 percent, the highest in a decade.", "b")
    assert turnout.verdict != Verdict.contradicted


def test_revenue_agrees_and_profit_conflicts(make_source, make_claim) -> None:
    texts = {"a": EARN_A, "b": EARN_B}
    _, revenue, _ = run(make_source, make_claim, texts, "a",
                        "Northwind Corp reported quarterly revenue of $4.2 billion.", "b")
    assert revenue.verdict == Verdict.supported
    _, profit, _ = run(make_source, make_claim, texts, "a",
                       "Its quarterly profit was $900 million.", "b")
    assert profit.verdict == Verdict.contradicted and "$1.3 billion" in profit.rationale


def test_different_landfall_day_is_partial(make_source, make_claim) -> None:
    _, check, _ = run(make_source, make_claim, {"a": STORM_A, "b": STORM_B}, "a", STORM_A, "b")
    assert check.verdict == Verdict.partially_supported
    assert "October 14" in check.rationale
    assert any("October 14" in part for part in check.missing)


def test_unrelated_event_is_not_mentioned(make_source, make_claim) -> None:
    _, check, _ = run(make_source, make_claim, {"a": FIRE_A, "r": EARN_A}, "a",
                      "The blaze started in a storage room on the ground floor.", "r")
    assert check.verdict == Verdict.not_mentioned
    assert check.evidence is None and check.evidence_span is None
