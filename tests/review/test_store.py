import sqlite3
from pathlib import Path

import pytest

from factcheck.errors import InputError
from factcheck.models import Decision, Verdict
from factcheck.render.report import load_report
from factcheck.review.store import (
    current_reviews,
    history,
    open_run_store,
    record_decision,
)
from factcheck.store import MIGRATIONS, StaleDecision, Store

from .conftest import fire_claims, save_fire_run


def _claim(store: Store, claim_id: str):  # type: ignore[no-untyped-def]
    return next(c for c in store.load_run()[2] if c.id == claim_id)


def test_history_is_append_only_and_latest_is_current(fire_run: Path) -> None:
    with open_run_store(fire_run) as store:
        claim = _claim(store, "blog#c2")
        assert record_decision(store, 1, claim, Decision.confirm, "Ann", seen=0) == 1
        assert record_decision(store, 1, claim, Decision.set_verdict, "Bo",
                               verdict=Verdict.supported, note="90 counts volunteers", seen=1) == 2
        records = history(store, "blog#c2")
        review = current_reviews(store, [claim])["blog#c2"]
    assert [r.reviewer for r in records] == ["Ann", "Bo"]
    assert records[0].verdict is Verdict.contradicted  # confirm keeps the machine verdict
    assert {r.machine_verdict for r in records} == {Verdict.contradicted}
    assert (review.reviewer, review.verdict, review.decisions) == ("Bo", Verdict.supported, 2)
    assert review.note == "90 counts volunteers"


def test_store_offers_no_way_to_change_history(fire_run: Path) -> None:
    with open_run_store(fire_run) as store:
        record_decision(store, 1, _claim(store, "wire#c2"), Decision.not_a_claim, "Ann")
        methods = [m for m in dir(store) if "decision" in m]
    assert not [m for m in methods if any(w in m for w in ("update", "delete", "set_", "edit"))]


def test_stale_view_is_refused_and_writes_nothing(fire_run: Path) -> None:
    with open_run_store(fire_run) as first, open_run_store(fire_run) as second:
        claim = _claim(first, "blog#c3")
        record_decision(first, 1, claim, Decision.confirm, "Ann", seen=0)
        with pytest.raises(StaleDecision, match="someone else decided"):
            record_decision(second, 1, claim, Decision.not_a_claim, "Bo", seen=0)
        assert [r.reviewer for r in history(second, "blog#c3")] == ["Ann"]


def test_wal_mode_lets_two_reviewers_write(fire_run: Path) -> None:
    with open_run_store(fire_run) as a, open_run_store(fire_run) as b:
        assert a.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        record_decision(a, 1, _claim(a, "blog#c3"), Decision.confirm, "Ann")
        record_decision(b, 1, _claim(b, "farm#c2"), Decision.confirm, "Bo")
        assert len(history(a)) == len(history(b)) == 2


@pytest.mark.parametrize(("decision", "verdict", "reviewer", "message"), [
    (Decision.set_verdict, None, "Ann", "needs a verdict"),
    (Decision.confirm, Verdict.supported, "Ann", "takes no verdict"),
    (Decision.confirm, None, "  \x07 ", "reviewer name is required"),
])
def test_bad_decisions_are_refused(fire_run: Path, decision: Decision, verdict: Verdict | None,
                                   reviewer: str, message: str) -> None:
    with open_run_store(fire_run) as store:
        with pytest.raises(InputError, match=message):
            record_decision(store, 1, _claim(store, "blog#c3"), decision, reviewer,
                            verdict=verdict)
        assert history(store) == []


def test_reviews_flow_into_the_report(fire_run: Path) -> None:
    with open_run_store(fire_run) as store:
        record_decision(store, 1, _claim(store, "farm#c2"), Decision.set_verdict, "Ann",
                        verdict=Verdict.contradicted)
        report = load_report(store)
    reviewed = {c.id: c.review for c in report.claims if c.review}
    assert list(reviewed) == ["farm#c2"]
    assert reviewed["farm#c2"].verdict is Verdict.contradicted
    assert reviewed["farm#c2"].machine_verdict is Verdict.not_mentioned


def test_decision_survives_a_rerun_but_not_a_reworded_claim(fire_run: Path) -> None:
    with open_run_store(fire_run) as store:
        record_decision(store, 1, _claim(store, "blog#c3"), Decision.confirm, "Ann")
        record_decision(store, 1, _claim(store, "farm#c2"), Decision.confirm, "Ann")
    claims = fire_claims()
    claims[-2].text = "Two warehouse workers were injured."  # farm#c2 reworded by a new run
    save_fire_run(fire_run, claims)
    with open_run_store(fire_run) as store:
        report = load_report(store)
        assert len(history(store)) == 2
    assert {c.id for c in report.claims if c.review} == {"blog#c3"}


def test_missing_run_directory_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="factcheck run"):
        open_run_store(tmp_path / "nothing")
    assert not (tmp_path / "nothing").exists()


def test_older_database_gains_the_decisions_table(tmp_path: Path) -> None:
    path = tmp_path / "factcheck.sqlite"
    db = sqlite3.connect(path)
    db.executescript(MIGRATIONS[0] + ";" + MIGRATIONS[1] + "; PRAGMA user_version = 2;")
    db.close()
    with Store(path) as store:
        tables = {r[0] for r in store.db.execute("SELECT name FROM sqlite_master")}
    assert "review_decisions" in tables


def test_confirm_derives_the_machine_verdict_when_the_run_left_it_unset(tmp_path: Path) -> None:
    claims = fire_claims()
    for claim in claims:
        claim.verdict = None
    save_fire_run(tmp_path, claims)
    with open_run_store(tmp_path) as store:
        record_decision(store, 1, _claim(store, "wire#c2"), Decision.confirm, "Ann")
        record_decision(store, 1, _claim(store, "blog#c3"), Decision.confirm, "Ann")
        records = history(store)
    assert [(r.verdict, r.machine_verdict) for r in records] == [
        (Verdict.contradicted, Verdict.contradicted), (Verdict.not_mentioned,
                                                       Verdict.not_mentioned)]


def test_undo_withdraws_the_latest_standing_decision_and_keeps_history(fire_run: Path) -> None:
    from factcheck.review.store import record_undo

    with open_run_store(fire_run) as store:
        claim = _claim(store, "blog#c2")
        with pytest.raises(InputError, match="nothing to undo"):
            record_undo(store, 1, claim, "Ann", seen=0)
        record_decision(store, 1, claim, Decision.confirm, "Ann", seen=0)
        record_decision(store, 1, claim, Decision.not_a_claim, "Bo", seen=1)
        withdrawn = record_undo(store, 1, claim, "Bo", seen=2)
        after_one = current_reviews(store, [claim])["blog#c2"]
        record_undo(store, 1, claim, "Bo", seen=3)
        after_two = current_reviews(store, [claim])
        records = history(store, "blog#c2")
        with pytest.raises(InputError):
            record_decision(store, 1, claim, Decision.undo, "Bo", seen=4)
    assert withdrawn.decision is Decision.not_a_claim
    assert (after_one.decision, after_one.reviewer, after_one.decisions) == (
        Decision.confirm, "Ann", 3)
    assert after_two == {}  # both withdrawn: pending again
    assert [r.decision.value for r in records] == ["confirm", "not_a_claim", "undo", "undo"]
    assert records[2].note and "not_a_claim by Bo" in records[2].note


def test_current_decisions_view_replays_undos(fire_run: Path) -> None:
    from factcheck.review.store import record_undo

    with open_run_store(fire_run) as store:
        claims = {c.id: c for c in store.load_run()[2]}
        record_decision(store, 1, claims["blog#c2"], Decision.confirm, "Ann", seen=0)
        record_decision(store, 1, claims["blog#c2"], Decision.not_a_claim, "Bo", seen=1)
        record_undo(store, 1, claims["blog#c2"], "Bo", seen=2)
        record_decision(store, 1, claims["wire#c2"], Decision.confirm, "Ann", seen=0)
        record_undo(store, 1, claims["wire#c2"], "Ann", seen=1)
        record_decision(store, 1, claims["farm#c2"], Decision.needs_more_evidence, "Cy",
                        seen=0)
        rows = store.db.execute("SELECT claim_id, decision, reviewer FROM current_decisions "
                                "ORDER BY claim_id").fetchall()
        python = current_reviews(store, list(claims.values()))
    assert rows == [("blog#c2", "confirm", "Ann"), ("farm#c2", "needs_more_evidence", "Cy")]
    assert {k: (v.decision.value, v.reviewer) for k, v in python.items()} == {
        claim: (decision, reviewer) for claim, decision, reviewer in rows}
