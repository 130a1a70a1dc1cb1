"""The learned verifier: features, the shipped model file, calibration, and its verdicts."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from factcheck.verify.features import FEATURES, claim_from_text, featurize
from factcheck.verify.gaps import missing_parts
from factcheck.verify.model import (
    Calibration,
    Tree,
    load,
    read_document,
    training_data_hash,
    training_files,
)

DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"
DOC = ("The harbour authority of Tallow Point said on Monday that 420 ships docked in May. "
       "A second pier will open in 2026, chief engineer Mara Quist told reporters. "
       "The authority did not raise its fees this year.")


def _features(claim: str, doc: str = DOC) -> dict[str, float]:
    return featurize(claim_from_text(claim), doc).values


def test_number_swap_is_found_in_the_aligned_sentence() -> None:
    same = _features("420 ships docked at Tallow Point in May.")
    swapped = _features("240 ships docked at Tallow Point in May.")
    assert same["numbers_missing_align"] == 0 and swapped["numbers_missing_align"] == 1


def test_figure_written_elsewhere_in_the_document_still_counts_as_missing() -> None:
    # 2026 occurs in the document, but not in the sentence about ships docking.
    values = _features("2026 ships docked at Tallow Point in May.")
    assert values["numbers_missing_doc"] == 0 and values["numbers_missing_align"] == 1


def test_entity_swap_in_the_same_slot() -> None:
    doc = "The storm flooded Arden's river district on Friday."
    swapped = _features("The storm flooded Bellmoor's river district on Friday.", doc)
    same = _features("The storm flooded Arden's river district on Friday.", doc)
    assert swapped["names_missing_align"] == 1 and same["names_missing_align"] == 0


def test_negation_mismatch() -> None:
    negated = _features("The authority raised its fees this year.")
    plain = _features("The authority did not raise its fees this year.")
    assert negated["negation_mismatch"] == 1 and plain["negation_mismatch"] == 0


def test_hedging_is_read() -> None:
    hedged = _features("A second pier may open in 2026.")
    certain = _features("A second pier will open in 2026.")
    assert hedged["hedge_mismatch"] == 1 and certain["hedge_mismatch"] == 0


def test_missing_part_is_named_in_the_claims_words() -> None:
    claim = claim_from_text("A second pier will open in 2026 with a rail link to the port.")
    found = featurize(claim, DOC).findings
    assert any("rail link" in part for part in missing_parts(claim, found))


def test_feature_vector_follows_the_declared_order() -> None:
    result = featurize(claim_from_text("420 ships docked in May."), DOC)
    assert list(result.values) == list(FEATURES) or set(result.values) == set(FEATURES)
    assert result.vector() == [result.values[n] for n in FEATURES]


def test_tree_and_calibration_evaluate_as_written() -> None:
    tree = Tree(((0, 0.5, ~0, 1), (1, 2.0, ~1, ~2)), (-1.0, 0.25, 3.0))
    assert tree.value([0.4, 9.0]) == -1.0
    assert tree.value([0.6, 1.0]) == 0.25 and tree.value([0.6, 2.5]) == 3.0
    cal = Calibration((0.1, 0.5, 0.9), (0.0, 0.4, 1.0))
    assert cal(0.0) == 0.0 and cal(0.3) == pytest.approx(0.2) and cal(0.95) == 1.0


def test_shipped_model_loads_and_matches_the_feature_list() -> None:
    model = load()
    assert model.features == tuple(FEATURES)
    assert 0 < model.supported.threshold < 1 and 0 < model.mentioned.threshold < 1
    assert len(model.supported.trees) > 10


def test_model_scores_rank_a_supported_claim_above_a_swapped_one() -> None:
    model = load()
    good = featurize(claim_from_text("420 ships docked at Tallow Point in May."), DOC)
    bad = featurize(claim_from_text("240 ships docked at Tallow Point in June."), DOC)
    assert model.supported.probability(good.vector()) > model.supported.probability(
        bad.vector())


def _needs_data() -> None:
    if not DATA.is_dir():
        pytest.skip(f"labelled data folder {DATA} is absent; the training-data checks need it")


def test_recorded_training_data_hash_matches_shared_data() -> None:
    _needs_data()
    files = training_files(DATA)
    assert files, f"no training files in {DATA}"
    assert read_document()["data_sha256"] == training_data_hash(files), (
        "the shipped verifier was trained on other data: rerun benchmarks/verifier/train.py")


def test_supported_confidence_is_calibrated_on_a_dev_set() -> None:
    """Mean confidence of checks called supported is within 0.1 of their precision."""
    _needs_data()
    from factcheck.verify.evaluate import _pair as pair_of
    from factcheck.verify.evaluate import _sources
    from factcheck.verify.local import verify_claim

    path = DATA / "factcheck_gpt_stance.jsonl.gz"
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        rows = [json.loads(line) for _, line in zip(range(800), lines, strict=False)]
    said, right = [], []
    for n, row in enumerate(rows, 1):
        claim, _, doc = _sources(pair_of(n, row, str(path)))
        check = verify_claim(claim, doc)
        if check.verdict.value == "supported":
            said.append(check.confidence)
            right.append(row["supported"] == 1)
    assert len(said) >= 30
    assert abs(sum(said) / len(said) - sum(right) / len(right)) <= 0.1


STORY = ("Harbour pilots in Tallow Point went on strike on Monday over new shift rules. "
         "The union said close to 900 pilots had joined the walkout by the evening. "
         "Mayor Ilse Varnhagen met union leaders at the town hall later that day.")


def _verdict(claim_text: str, story: str = STORY) -> tuple[str, list[str]]:
    from builders import make_source

    from factcheck.verify import verify_claim

    check = verify_claim(claim_from_text(claim_text, "other"), make_source("pilots", story))
    return check.verdict.value, check.missing


def test_sharing_only_the_names_is_another_statement() -> None:
    """The source names the mayor but says nothing of what the claim says of her."""
    verdict, _ = _verdict("Mayor Ilse Varnhagen has praised the new ferry timetable as a "
                          "triumph of careful planning.")
    assert verdict == "not_mentioned"


def test_an_agreeing_figure_means_the_source_speaks_of_the_claim() -> None:
    """'About 900 pilots' agrees with 'close to 900': whatever else the claim adds, the
    source is not silent about it."""
    verdict, _ = _verdict("About 900 pilots joined the walkout, demanding a pension review "
                          "and hazard bonuses from the port operator.")
    assert verdict in {"supported", "partially_supported"}


def test_a_figure_the_source_never_gives_is_not_supported() -> None:
    verdict, missing = _verdict("Some 1,300 harbour pilots in Tallow Point went on strike on "
                                "Monday over new shift rules.")
    assert verdict == "partially_supported"
    assert any("1,300" in part for part in missing)
