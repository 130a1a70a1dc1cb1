"""The run database is browsable (datasette OUT/factcheck.sqlite): keys and readable views."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from factcheck import check
from factcheck.models import Claim, RunInfo, Source
from factcheck.store import DB_NAME, MIGRATIONS, Store, _statements

FIRST = ("The harbour authority said 1,200 ships called at the port last year, a record. "
         "Director Aino Halme said a second quay will open in 2027.")
SECOND = ("About 900 ships called at the port last year, the harbour authority said. "
          "A second quay will open in 2027, according to the director.")


@pytest.fixture
def db(tmp_path: Path) -> sqlite3.Connection:
    check([FIRST, SECOND], out=tmp_path / "run")
    return sqlite3.connect(tmp_path / "run" / DB_NAME)


def _parents(db: sqlite3.Connection, table: str) -> set[tuple[str, str, str]]:
    return {(row[2], row[3], row[4]) for row in db.execute(f"PRAGMA foreign_key_list({table})")}


def test_rows_point_at_the_rows_they_belong_to(db: sqlite3.Connection) -> None:
    assert ("sources", "source_id", "id") in _parents(db, "claims")
    assert ("claims", "claim_id", "id") in _parents(db, "checks")
    assert ("claims", "claim_id", "id") in _parents(db, "flags")
    assert ("runs", "run_id", "id") in _parents(db, "sources")
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []


def test_views_spell_out_claims_checks_and_flags(db: sqlite3.Connection) -> None:
    views = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'view'")}
    assert {"source_list", "claim_list", "check_list", "flag_list", "current_decisions"} <= views
    claims = db.execute("SELECT claim_id, source_id, claim FROM claim_list").fetchall()
    assert claims and all(text for _, _, text in claims)
    assert {source for _, source, _ in claims} == {"text-1", "text-2"}
    checks = db.execute("SELECT claim_source, checked_in, verdict FROM check_list").fetchall()
    assert checks and all(a != b for a, b, _ in checks)
    stored = db.execute("SELECT count(*) FROM checks").fetchone()[0]
    assert len(checks) == stored
    assert db.execute("SELECT claims FROM source_list").fetchall()


def test_a_claim_of_an_unknown_source_is_refused(tmp_path: Path) -> None:
    with Store.in_dir(tmp_path) as store:
        claim = Claim(id="x#c1", source_id="x", text="t", quote="t", span=(0, 1))
        source = Source(id="y", path="y.txt", format="txt", text="t", sha256="0" * 64)
        with pytest.raises(sqlite3.IntegrityError):
            store.save_run(RunInfo(engine="local", started_at="2026-01-01T00:00:00+00:00"),
                           [source], [claim], [])


def test_an_older_database_is_upgraded_with_its_rows(tmp_path: Path) -> None:
    db = sqlite3.connect(tmp_path / DB_NAME, isolation_level=None)
    for number, script in enumerate(MIGRATIONS[:5], start=1):
        for statement in _statements(script):
            db.execute(statement)
        db.execute(f"PRAGMA user_version = {number}")
    db.execute("INSERT INTO runs VALUES (1, '2026-01-01', 'local', '{}')")
    db.execute("INSERT INTO sources VALUES (1, 'a', 0, '{\"outlet\": \"Port News\"}')")
    db.execute("INSERT INTO claims VALUES (1, 'a#c1', 'a', 0, '{\"text\": \"Ships came.\"}')")
    db.close()
    with Store.in_dir(tmp_path) as store:
        rows = store.db.execute("SELECT outlet, claim FROM claim_list").fetchall()
    assert rows == [("Port News", "Ships came.")]
