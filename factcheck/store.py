"""The run store: one SQLite file per run directory, the source of truth for every report.

Rows hold the pydantic models as JSON (the models are the schema of record) next to the
columns we query on. The schema is versioned with ``PRAGMA user_version``; ``MIGRATIONS``
only ever grows, and opening an older file upgrades it in place.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from factcheck.errors import StoreError
from factcheck.models import (
    Check,
    Claim,
    Cluster,
    Flag,
    Lineage,
    Problem,
    RunInfo,
    Source,
    Story,
)

DB_NAME = "factcheck.sqlite"

MIGRATIONS: list[str] = [
    # 1: runs and what they found
    """
    CREATE TABLE runs (
        id INTEGER PRIMARY KEY, started_at TEXT NOT NULL, engine TEXT NOT NULL, data TEXT NOT NULL
    );
    CREATE TABLE sources (
        run_id INTEGER NOT NULL REFERENCES runs(id), id TEXT NOT NULL, position INTEGER NOT NULL,
        data TEXT NOT NULL, PRIMARY KEY (run_id, id)
    );
    CREATE TABLE claims (
        run_id INTEGER NOT NULL REFERENCES runs(id), id TEXT NOT NULL, source_id TEXT NOT NULL,
        position INTEGER NOT NULL, data TEXT NOT NULL, PRIMARY KEY (run_id, id)
    );
    CREATE TABLE checks (
        run_id INTEGER NOT NULL REFERENCES runs(id), claim_id TEXT NOT NULL,
        source_id TEXT NOT NULL, verdict TEXT NOT NULL, data TEXT NOT NULL,
        PRIMARY KEY (run_id, claim_id, source_id)
    );
    CREATE TABLE flags (
        run_id INTEGER NOT NULL REFERENCES runs(id), claim_id TEXT NOT NULL,
        position INTEGER NOT NULL, kind TEXT NOT NULL, data TEXT NOT NULL,
        PRIMARY KEY (run_id, claim_id, position)
    );
    CREATE TABLE problems (
        run_id INTEGER NOT NULL REFERENCES runs(id), position INTEGER NOT NULL,
        stage TEXT NOT NULL, data TEXT NOT NULL, PRIMARY KEY (run_id, position)
    );
    """,
    # 2: content-addressed cache of model responses (shared by every run in the directory)
    """
    CREATE TABLE response_cache (
        key TEXT PRIMARY KEY, model TEXT NOT NULL, created_at TEXT NOT NULL,
        response TEXT NOT NULL, usage TEXT NOT NULL
    );
    """,
    # 3: review decisions, append-only; keyed by claim id (stable across runs), the latest
    # row per claim is its current state. claim_text records what the person saw.
    """
    CREATE TABLE review_decisions (
        id INTEGER PRIMARY KEY AUTOINCREMENT, claim_id TEXT NOT NULL,
        run_id INTEGER NOT NULL REFERENCES runs(id), decision TEXT NOT NULL, verdict TEXT,
        machine_verdict TEXT, reviewer TEXT NOT NULL, decided_at TEXT NOT NULL, note TEXT,
        claim_text TEXT NOT NULL
    );
    CREATE INDEX review_decisions_by_claim ON review_decisions (claim_id, id);
    """,
    # 4: the cross-source picture of each run: claim clusters (in rank order) and lineage
    """
    CREATE TABLE clusters (
        run_id INTEGER NOT NULL REFERENCES runs(id), id TEXT NOT NULL, position INTEGER NOT NULL,
        priority REAL NOT NULL, data TEXT NOT NULL, PRIMARY KEY (run_id, id)
    );
    CREATE TABLE lineage (
        run_id INTEGER NOT NULL REFERENCES runs(id), position INTEGER NOT NULL,
        source_id TEXT NOT NULL, derived_from TEXT NOT NULL, data TEXT NOT NULL,
        PRIMARY KEY (run_id, position)
    );
    """,
    # 5: the decision history cannot be edited or deleted, whoever opens the file
    """
    CREATE TRIGGER review_decisions_no_update BEFORE UPDATE ON review_decisions
    BEGIN SELECT RAISE(ABORT, 'review decisions are append-only'); END;
    CREATE TRIGGER review_decisions_no_delete BEFORE DELETE ON review_decisions
    BEGIN SELECT RAISE(ABORT, 'review decisions are append-only'); END;
    """,
    # 6: browsable (datasette OUT/factcheck.sqlite): claims, checks and flags point at the
    # rows they belong to, and views spell the JSON out in readable columns
    """
    CREATE TABLE claims_v6 (
        run_id INTEGER NOT NULL REFERENCES runs(id), id TEXT NOT NULL, source_id TEXT NOT NULL,
        position INTEGER NOT NULL, data TEXT NOT NULL, PRIMARY KEY (run_id, id),
        FOREIGN KEY (run_id, source_id) REFERENCES sources(run_id, id)
    );
    INSERT INTO claims_v6 SELECT run_id, id, source_id, position, data FROM claims;
    DROP TABLE claims;
    ALTER TABLE claims_v6 RENAME TO claims;
    CREATE TABLE checks_v6 (
        run_id INTEGER NOT NULL REFERENCES runs(id), claim_id TEXT NOT NULL,
        source_id TEXT NOT NULL, verdict TEXT NOT NULL, data TEXT NOT NULL,
        PRIMARY KEY (run_id, claim_id, source_id),
        FOREIGN KEY (run_id, claim_id) REFERENCES claims(run_id, id)
    );
    INSERT INTO checks_v6 SELECT run_id, claim_id, source_id, verdict, data FROM checks;
    DROP TABLE checks;
    ALTER TABLE checks_v6 RENAME TO checks;
    CREATE TABLE flags_v6 (
        run_id INTEGER NOT NULL REFERENCES runs(id), claim_id TEXT NOT NULL,
        position INTEGER NOT NULL, kind TEXT NOT NULL, data TEXT NOT NULL,
        PRIMARY KEY (run_id, claim_id, position),
        FOREIGN KEY (run_id, claim_id) REFERENCES claims(run_id, id)
    );
    INSERT INTO flags_v6 SELECT run_id, claim_id, position, kind, data FROM flags;
    DROP TABLE flags;
    ALTER TABLE flags_v6 RENAME TO flags;
    CREATE INDEX checks_by_source ON checks (run_id, source_id);
    CREATE VIEW source_list AS
    SELECT s.run_id, s.id AS source_id, json_extract(s.data, '$.outlet') AS outlet,
           json_extract(s.data, '$.title') AS title, json_extract(s.data, '$.url') AS url,
           json_extract(s.data, '$.path') AS path,
           (SELECT count(*) FROM claims c WHERE c.run_id = s.run_id AND c.source_id = s.id)
               AS claims,
           json_extract(s.data, '$.text') AS text
    FROM sources s;
    CREATE VIEW claim_list AS
    SELECT c.run_id, c.id AS claim_id, c.source_id,
           json_extract(s.data, '$.outlet') AS outlet, json_extract(c.data, '$.text') AS claim,
           json_extract(c.data, '$.attribution.speaker') AS speaker,
           json_extract(c.data, '$.attribution.kind') AS attribution,
           json_extract(c.data, '$.certainty') AS certainty,
           json_extract(c.data, '$.verdict') AS verdict,
           (SELECT group_concat(f.kind, ', ') FROM flags f
             WHERE f.run_id = c.run_id AND f.claim_id = c.id) AS flags,
           json_extract(c.data, '$.quote') AS quote
    FROM claims c JOIN sources s ON s.run_id = c.run_id AND s.id = c.source_id;
    CREATE VIEW check_list AS
    SELECT k.run_id, k.claim_id, json_extract(c.data, '$.text') AS claim,
           c.source_id AS claim_source, k.source_id AS checked_in,
           json_extract(s.data, '$.outlet') AS checked_outlet, k.verdict,
           json_extract(k.data, '$.confidence') AS confidence,
           json_extract(k.data, '$.evidence') AS evidence,
           json_extract(k.data, '$.rationale') AS rationale
    FROM checks k JOIN claims c ON c.run_id = k.run_id AND c.id = k.claim_id
    LEFT JOIN sources s ON s.run_id = k.run_id AND s.id = k.source_id;
    CREATE VIEW flag_list AS
    SELECT f.run_id, f.claim_id, f.kind, json_extract(f.data, '$.reason') AS reason,
           c.source_id, json_extract(c.data, '$.text') AS claim
    FROM flags f JOIN claims c ON c.run_id = f.run_id AND c.id = f.claim_id;
    CREATE VIEW current_decisions AS
    SELECT d.* FROM review_decisions d
    WHERE d.id = (SELECT max(id) FROM review_decisions e WHERE e.claim_id = d.claim_id);
    """,
    # 7: the stories (events) a run grouped its sources into
    """
    CREATE TABLE stories (
        run_id INTEGER NOT NULL REFERENCES runs(id), id TEXT NOT NULL, position INTEGER NOT NULL,
        data TEXT NOT NULL, PRIMARY KEY (run_id, id)
    );
    """,
    # 8: checkpoints of an unfinished run (its plan, each source's extraction, each story's
    # checks), committed as each finishes and emptied when the run is saved, so a crashed
    # or interrupted run resumes where it stopped (factcheck run --resume OUT)
    """
    CREATE TABLE checkpoints (
        kind TEXT NOT NULL, key TEXT NOT NULL, data TEXT NOT NULL, PRIMARY KEY (kind, key)
    );
    """,
    # 9: a decision may be an 'undo' that withdraws the latest decision still standing, so the
    # current decision is found by replaying each claim's history (a claim whose decisions
    # are all withdrawn has none)
    """
    DROP VIEW current_decisions;
    CREATE VIEW current_decisions AS
    WITH RECURSIVE ordered AS (
        SELECT id, claim_id, decision,
               row_number() OVER (PARTITION BY claim_id ORDER BY id) AS n
        FROM review_decisions
    ), replay(claim_id, n, stack) AS (
        SELECT DISTINCT claim_id, 0, json('[]') FROM review_decisions
        UNION ALL
        SELECT r.claim_id, o.n,
               CASE WHEN o.decision = 'undo' THEN json_remove(r.stack, '$[#-1]')
                    ELSE json_insert(r.stack, '$[#]', o.id) END
        FROM replay r JOIN ordered o ON o.claim_id = r.claim_id AND o.n = r.n + 1
    )
    SELECT d.* FROM review_decisions d
    JOIN replay r ON d.id = json_extract(r.stack, '$[#-1]')
    WHERE r.n = (SELECT max(n) FROM ordered o WHERE o.claim_id = r.claim_id);
    """,
    # 10: OpenAI Batch API jobs (--batch): every batch id with its last known status, and
    # each request's state by custom_id (a hash of its body), so an interrupted run polls
    # its batches again instead of submitting and paying twice
    """
    CREATE TABLE batches (
        id TEXT PRIMARY KEY, stage TEXT NOT NULL, status TEXT NOT NULL,
        input_file_id TEXT NOT NULL, output_file_id TEXT, error_file_id TEXT,
        requests INTEGER NOT NULL, error TEXT, created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE TABLE batch_requests (
        custom_id TEXT PRIMARY KEY, batch_id TEXT NOT NULL REFERENCES batches(id),
        state TEXT NOT NULL, response TEXT
    );
    CREATE INDEX batch_requests_by_batch ON batch_requests (batch_id);
    """,
]
SCHEMA_VERSION = len(MIGRATIONS)


class Store:
    """A run directory's database. Use as a context manager, or call ``close()``."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(path, timeout=30, isolation_level=None)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA foreign_keys=ON")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{path}: not a usable factcheck database ({exc}); "
                             "pass a new --out directory") from exc

    @classmethod
    def in_dir(cls, run_dir: Path) -> Store:
        return cls(run_dir / DB_NAME)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.db.close()

    @property
    def version(self) -> int:
        return self.db.execute("PRAGMA user_version").fetchone()[0]

    def _migrate(self) -> None:
        current = self.version
        if current > SCHEMA_VERSION:
            raise StoreError(f"{self.path}: written by a newer factcheck (schema {current}, "
                             f"this one knows {SCHEMA_VERSION}); upgrade factcheck")
        for number, script in enumerate(MIGRATIONS[current:], start=current + 1):
            with self.transaction():
                for statement in _statements(script):
                    self.db.execute(statement)
                self.db.execute(f"PRAGMA user_version = {number}")

    def transaction(self) -> _Transaction:
        return _Transaction(self.db)

    # -- runs -------------------------------------------------------------------------------

    def save_run(self, run: RunInfo, sources: Sequence[Source], claims: Sequence[Claim],
                 problems: Sequence[Problem], *, clusters: Sequence[Cluster] = (),
                 lineage: Sequence[Lineage] = (), stories: Sequence[Story] = ()) -> int:
        """Write one finished run in a single transaction; returns its id."""
        with self.transaction():
            run_id = self.db.execute(
                "INSERT INTO runs (started_at, engine, data) VALUES (?, ?, ?)",
                (run.started_at, run.engine, run.model_dump_json()),
            ).lastrowid
            assert run_id is not None, "an INSERT always sets lastrowid"
            self._insert_sources(run_id, sources)
            self._insert_claims(run_id, claims)
            self.db.executemany(
                "INSERT INTO problems VALUES (?, ?, ?, ?)",
                [(run_id, i, p.stage, p.model_dump_json()) for i, p in enumerate(problems)],
            )
            self._insert_picture(run_id, clusters, lineage)
            self.db.executemany(
                "INSERT INTO stories VALUES (?, ?, ?, ?)",
                [(run_id, x.id, i, x.model_dump_json()) for i, x in enumerate(stories)],
            )
            self.db.execute("DELETE FROM checkpoints")  # the run is whole: nothing to resume
            # collected batch answers live on in the response cache; a batch still running
            # (a run stopped by --deadline) stays known, so the next run polls it
            self.db.execute("DELETE FROM batch_requests WHERE state != 'submitted'")
        return run_id

    # -- checkpoints of an unfinished run ------------------------------------------------

    def checkpoint(self, kind: str, key: str) -> str | None:
        row = self.db.execute("SELECT data FROM checkpoints WHERE kind = ? AND key = ?",
                              (kind, key)).fetchone()
        return row[0] if row else None

    def put_checkpoints(self, kind: str, rows: Iterable[tuple[str, str]]) -> None:
        """Commit finished work (key, JSON) in one transaction."""
        with self.transaction():
            self.db.executemany("INSERT OR REPLACE INTO checkpoints VALUES (?, ?, ?)",
                                [(kind, key, data) for key, data in rows])

    def _insert_picture(self, run_id: int, clusters: Sequence[Cluster],
                        lineage: Sequence[Lineage]) -> None:
        self.db.executemany(
            "INSERT INTO clusters VALUES (?, ?, ?, ?, ?)",
            [(run_id, k.id, i, k.priority, k.model_dump_json()) for i, k in enumerate(clusters)],
        )
        self.db.executemany(
            "INSERT INTO lineage VALUES (?, ?, ?, ?, ?)",
            [(run_id, i, x.source_id, x.derived_from, x.model_dump_json())
             for i, x in enumerate(lineage)],
        )

    def _insert_sources(self, run_id: int, sources: Iterable[Source]) -> None:
        self.db.executemany(
            "INSERT INTO sources VALUES (?, ?, ?, ?)",
            [(run_id, s.id, i, s.model_dump_json()) for i, s in enumerate(sources)],
        )

    def _insert_claims(self, run_id: int, claims: Iterable[Claim]) -> None:
        for position, claim in enumerate(claims):
            bare = claim.model_dump_json(exclude={"checks", "flags"})
            self.db.execute("INSERT INTO claims VALUES (?, ?, ?, ?, ?)",
                            (run_id, claim.id, claim.source_id, position, bare))
            self.db.executemany(
                "INSERT INTO checks VALUES (?, ?, ?, ?, ?)",
                [(run_id, claim.id, c.source_id, c.verdict, c.model_dump_json())
                 for c in claim.checks],
            )
            self.db.executemany(
                "INSERT INTO flags VALUES (?, ?, ?, ?, ?)",
                [(run_id, claim.id, i, f.kind, f.model_dump_json())
                 for i, f in enumerate(claim.flags)],
            )

    def holds_nothing(self) -> bool:
        """No run, no cached response, no decision, no finished work to resume: nothing a
        person could miss."""
        return not any(self.db.execute(f"SELECT 1 FROM {table} LIMIT 1").fetchone()
                       for table in ("runs", "response_cache", "review_decisions", "batches")) and \
            not self.db.execute("SELECT 1 FROM checkpoints WHERE kind != 'plan' LIMIT 1"
                                ).fetchone()

    def latest_run_id(self) -> int:
        row = self.db.execute("SELECT max(id) FROM runs").fetchone()
        if row[0] is None:
            raise StoreError(f"{self.path}: holds no finished run; run `factcheck run` first")
        return row[0]

    def load_run(self, run_id: int | None = None) -> tuple[RunInfo, list[Source], list[Claim],
                                                        list[Problem]]:
        """Everything one run wrote (default: the latest), in the order it was written."""
        run_id = self.latest_run_id() if run_id is None else run_id
        (data,) = self.db.execute("SELECT data FROM runs WHERE id = ?", (run_id,)).fetchone()
        sources = [Source.model_validate_json(d) for (d,) in self._rows("sources", run_id)]
        checks = self._by_claim("SELECT claim_id, data FROM checks WHERE run_id = ? "
                                "ORDER BY rowid", run_id)
        flags = self._by_claim("SELECT claim_id, data FROM flags WHERE run_id = ? "
                               "ORDER BY claim_id, position", run_id)
        claims = [self._claim(d, checks, flags) for (d,) in self._rows("claims", run_id)]
        problems = [Problem.model_validate_json(d) for (d,) in self._rows("problems", run_id)]
        return RunInfo.model_validate_json(data), sources, claims, problems

    def load_picture(self, run_id: int | None = None) -> tuple[list[Cluster], list[Lineage]]:
        """One run's clusters (in rank order) and source lineage; empty for older runs."""
        run_id = self.latest_run_id() if run_id is None else run_id
        clusters = [Cluster.model_validate_json(d) for (d,) in self._rows("clusters", run_id)]
        lineage = [Lineage.model_validate_json(d) for (d,) in self._rows("lineage", run_id)]
        return clusters, lineage

    def load_stories(self, run_id: int | None = None) -> list[Story]:
        """One run's stories, largest first; empty for runs older than story grouping."""
        run_id = self.latest_run_id() if run_id is None else run_id
        return [Story.model_validate_json(d) for (d,) in self._rows("stories", run_id)]

    def _rows(self, table: str, run_id: int) -> list[tuple[str]]:
        return self.db.execute(
            f"SELECT data FROM {table} WHERE run_id = ? ORDER BY position", (run_id,)
        ).fetchall()

    def _by_claim(self, query: str, run_id: int) -> dict[str, list[str]]:
        """Rows of one run's checks or flags, grouped by claim: one query, not one a claim."""
        grouped: dict[str, list[str]] = {}
        for claim_id, data in self.db.execute(query, (run_id,)):
            grouped.setdefault(claim_id, []).append(data)
        return grouped

    @staticmethod
    def _claim(data: str, checks: dict[str, list[str]], flags: dict[str, list[str]]) -> Claim:
        claim = Claim.model_validate_json(data)
        claim.checks = [Check.model_validate_json(d) for d in checks.pop(claim.id, [])]
        claim.flags = [Flag.model_validate_json(d) for d in flags.pop(claim.id, [])]
        return claim

    # -- model response cache ---------------------------------------------------------------

    def cache_get(self, key: str) -> tuple[str, dict[str, float]] | None:
        """The cached response text and its recorded usage, or None."""
        row = self.db.execute(
            "SELECT response, usage FROM response_cache WHERE key = ?", (key,)
        ).fetchone()
        return (row[0], json.loads(row[1])) if row else None

    def cache_put(self, key: str, model: str, response: str, usage: dict[str, float],
                  created_at: str) -> None:
        self.db.execute(
            "INSERT OR REPLACE INTO response_cache VALUES (?, ?, ?, ?, ?)",
            (key, model, created_at, response, json.dumps(usage, sort_keys=True)),
        )

    # -- OpenAI Batch API jobs (--batch) ---------------------------------------------------

    def batch_submitted(self, batch: BatchRecord, custom_ids: Sequence[str]) -> None:
        """Record a batch the server accepted and its requests, in one transaction."""
        with self.transaction():
            self.db.execute(
                "INSERT OR REPLACE INTO batches VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (batch.id, batch.stage, batch.status, batch.input_file_id,
                 batch.output_file_id, batch.error_file_id, len(custom_ids), batch.error,
                 batch.updated_at, batch.updated_at))
            self.db.executemany(
                "INSERT OR REPLACE INTO batch_requests VALUES (?, ?, 'submitted', NULL)",
                [(custom_id, batch.id) for custom_id in custom_ids])

    def batch_status(self, batch: BatchRecord) -> None:
        self.db.execute(
            "UPDATE batches SET status = ?, output_file_id = ?, error_file_id = ?, error = ?, "
            "updated_at = ? WHERE id = ?",
            (batch.status, batch.output_file_id, batch.error_file_id, batch.error,
             batch.updated_at, batch.id))

    def batch_collected(self, batch: BatchRecord,
                        lines: Iterable[tuple[str, str, str | None]]) -> None:
        """A finished batch's final status and its lines (custom_id, state, response)."""
        with self.transaction():
            self.batch_status(batch)
            self.db.executemany(
                "UPDATE batch_requests SET state = ?, response = ? "
                "WHERE custom_id = ? AND batch_id = ?",
                [(state, response, custom_id, batch.id) for custom_id, state, response in lines])

    def batch_requests(self, custom_ids: Iterable[str]) -> dict[str, tuple[str, str, str | None]]:
        """custom_id -> (batch id, state, response) for the requests a batch holds."""
        found: dict[str, tuple[str, str, str | None]] = {}
        ids = list(custom_ids)
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            rows = self.db.execute(
                "SELECT custom_id, batch_id, state, response FROM batch_requests "
                f"WHERE custom_id IN ({', '.join('?' for _ in chunk)})", chunk).fetchall()
            found.update({row[0]: (row[1], row[2], row[3]) for row in rows})
        return found

    def batch_members(self, batch_id: str) -> list[str]:
        return [row[0] for row in self.db.execute(
            "SELECT custom_id FROM batch_requests WHERE batch_id = ?", (batch_id,))]

    def pending_batches(self) -> list[str]:
        """Ids of the batches with requests submitted and not yet collected."""
        return [row[0] for row in self.db.execute(
            "SELECT DISTINCT batch_id FROM batch_requests WHERE state = 'submitted' "
            "ORDER BY batch_id")]

    def batches(self) -> list[BatchRecord]:
        """Every batch this directory submitted, oldest first."""
        rows = self.db.execute(
            "SELECT id, stage, status, input_file_id, output_file_id, error_file_id, error, "
            "updated_at FROM batches ORDER BY created_at, id").fetchall()
        return [BatchRecord(*row) for row in rows]

    # -- review decisions (append-only: there is no update or delete) ----------------------

    def append_decision(self, row: dict[str, object], expected: int | None = None) -> int:
        """Append one decision; returns the claim's new history length.

        ``expected`` is the history length the person saw: if another decision landed
        since, nothing is written and ``StaleDecision`` says so.
        """
        claim_id = str(row["claim_id"])
        with self.transaction():
            found = self.decision_count(claim_id)
            if expected is not None and found != expected:
                raise StaleDecision(claim_id, expected, found)
            columns = ", ".join(DECISION_COLUMNS)
            self.db.execute(
                f"INSERT INTO review_decisions ({columns}) VALUES "
                f"({', '.join('?' for _ in DECISION_COLUMNS)})",
                [row.get(c) for c in DECISION_COLUMNS],
            )
        return found + 1

    def decision_count(self, claim_id: str) -> int:
        return self.db.execute("SELECT count(*) FROM review_decisions WHERE claim_id = ?",
                               (claim_id,)).fetchone()[0]

    def decision_rows(self, claim_id: str | None = None) -> list[dict[str, object]]:
        """Every decision (or one claim's), oldest first, as column -> value."""
        where, args = ("WHERE claim_id = ?", (claim_id,)) if claim_id else ("", ())
        cursor = self.db.execute(
            f"SELECT id, {', '.join(DECISION_COLUMNS)} FROM review_decisions {where} "
            "ORDER BY id", args)
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, values, strict=True)) for values in cursor.fetchall()]


@dataclass
class BatchRecord:
    """One Batch API job as the store knows it (``updated_at``: ISO time of that status)."""

    id: str
    stage: str
    status: str
    input_file_id: str
    output_file_id: str | None = None
    error_file_id: str | None = None
    error: str | None = None
    updated_at: str = ""


DECISION_COLUMNS = ("claim_id", "run_id", "decision", "verdict", "machine_verdict", "reviewer",
                    "decided_at", "note", "claim_text")


class StaleDecision(StoreError):
    """A review decision made on a view that another decision has since overtaken."""

    def __init__(self, claim_id: str, expected: int, found: int) -> None:
        self.claim_id, self.expected, self.found = claim_id, expected, found
        super().__init__(f"{claim_id}: someone else decided on this claim after you opened "
                         f"it (its history holds {found}, you saw {expected}); your decision "
                         "was not saved. Read the latest one and decide again.")


def _statements(script: str) -> list[str]:
    """Split a migration into complete SQL statements (trigger bodies hold ';' too)."""
    statements, pending = [], ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            statements.append(pending.strip())
            pending = ""
    if pending.strip():
        raise ValueError(f"incomplete SQL statement in a migration: {pending.strip()[:60]}")
    return statements


class _Transaction:
    """BEGIN IMMEDIATE ... COMMIT, rolled back on any exception (autocommit connection)."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def __enter__(self) -> None:
        self.db.execute("BEGIN IMMEDIATE")

    def __exit__(self, exc_type: object, *rest: object) -> None:
        self.db.execute("ROLLBACK" if exc_type else "COMMIT")
