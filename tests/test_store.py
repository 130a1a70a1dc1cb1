import sqlite3
from pathlib import Path

import pytest

from factcheck.errors import StoreError
from factcheck.models import (
    Check,
    Claim,
    Flag,
    FlagKind,
    Problem,
    ProblemStage,
    RunInfo,
    Source,
    Verdict,
)
from factcheck.store import MIGRATIONS, SCHEMA_VERSION, Store


def _run(store: Store, engine: str = "local") -> int:
    source = Source(id="a", path="a.txt", format="txt", text="The dam holds 3 million m3.",
                    sha256="0" * 64)
    claim = Claim(id="a#c1", source_id="a", text="The dam holds 3 million m3.",
                  quote="The dam holds 3 million m3.", span=(0, 27),
                  checks=[Check(source_id="b", verdict=Verdict.supported, evidence="x",
                                evidence_span=(0, 1), rationale="r", confidence=0.5)],
                  flags=[Flag(kind=FlagKind.single_source, reason="only here")])
    problem = Problem(stage=ProblemStage.ingest, message="c.bin: binary file", path="c.bin")
    run = RunInfo(engine=engine, started_at="2026-01-01T00:00:00+00:00")
    return store.save_run(run, [source], [claim], [problem])


def test_round_trip_keeps_checks_flags_and_problems(tmp_path: Path) -> None:
    with Store.in_dir(tmp_path) as store:
        run_id = _run(store)
        run, sources, claims, problems = store.load_run(run_id)
    assert run.engine == "local"
    assert [s.id for s in sources] == ["a"]
    assert claims[0].checks[0].verdict is Verdict.supported
    assert claims[0].flags[0].kind is FlagKind.single_source
    assert problems[0].path == "c.bin"


def test_latest_run_is_default(tmp_path: Path) -> None:
    with Store.in_dir(tmp_path) as store:
        _run(store, "local")
        _run(store, "llm")
        assert store.load_run()[0].engine == "llm"


def test_empty_store_says_what_to_do(tmp_path: Path) -> None:
    with Store.in_dir(tmp_path) as store, pytest.raises(StoreError, match="factcheck run"):
        store.load_run()


def test_migrates_old_schema_in_place(tmp_path: Path) -> None:
    path = tmp_path / "factcheck.sqlite"
    db = sqlite3.connect(path)
    db.executescript(MIGRATIONS[0] + "; PRAGMA user_version = 1;")
    db.close()
    with Store(path) as store:
        assert store.version == SCHEMA_VERSION
        store.cache_put("k", "m", "{}", {"calls": 1}, "2026-01-01")
        assert store.cache_get("k") == ("{}", {"calls": 1})


def test_refuses_newer_schema(tmp_path: Path) -> None:
    path = tmp_path / "factcheck.sqlite"
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.close()
    with pytest.raises(StoreError, match="newer factcheck"):
        Store(path)


def test_not_a_database(tmp_path: Path) -> None:
    path = tmp_path / "factcheck.sqlite"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="--out"):
        Store(path)


def test_failed_save_leaves_nothing_half_written(tmp_path: Path) -> None:
    with Store.in_dir(tmp_path) as store:
        _run(store)
        with pytest.raises(sqlite3.IntegrityError):
            source = Source(id="a", path="a", format="txt", text="t", sha256="1")
            store.save_run(RunInfo(engine="x", started_at="t"), [source, source], [], [])
        assert store.db.execute("SELECT count(*) FROM runs").fetchone()[0] == 1


def test_review_history_cannot_be_rewritten(tmp_path: Path) -> None:
    with Store.in_dir(tmp_path) as store:
        run_id = _run(store)
        store.db.execute(
            "INSERT INTO review_decisions (claim_id, run_id, decision, reviewer, decided_at, "
            "claim_text) VALUES ('a#c1', ?, 'confirm', 'Ana', 't', 'x')", (run_id,))
        for statement in ("UPDATE review_decisions SET reviewer = 'Bo'",
                          "DELETE FROM review_decisions"):
            with pytest.raises(sqlite3.IntegrityError, match="append-only"):
                store.db.execute(statement)
        assert store.db.execute("SELECT reviewer FROM review_decisions").fetchall() == [("Ana",)]
