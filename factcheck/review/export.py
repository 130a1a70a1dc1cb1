"""``factcheck review RUN_DIR --export FILE``: the whole decision history, for other tools.

Every decision ever made (undos included), oldest first, with who made it and when: the
append-only history as it is stored. ``.jsonl`` gives one JSON object a line, ``.csv`` a
header row and one row a decision; ``-`` writes JSON Lines to stdout.
"""

from __future__ import annotations

import csv
import io
import json
import os
import sys
from pathlib import Path

from factcheck.errors import InputError
from factcheck.review.store import DecisionRecord, history, open_run_store

FORMATS = (".jsonl", ".csv")
COLUMNS = tuple(DecisionRecord.model_fields)


def export_decisions(run_dir: Path, target: str) -> int:
    """Write the decisions of ``run_dir`` to ``target`` (a .jsonl/.csv path or ``-``);
    returns how many were written."""
    fmt = ".jsonl" if target == "-" else Path(target).suffix.lower()
    if fmt not in FORMATS:
        raise InputError(f"cannot export decisions to {target!r}: name a .jsonl or .csv file "
                         "(or - for JSON Lines on stdout)")
    with open_run_store(run_dir) as store:
        records = history(store)
    text = _csv(records) if fmt == ".csv" else _jsonl(records)
    if target == "-":
        sys.stdout.write(text)
    else:
        _write(Path(target), text)
    return len(records)


def _jsonl(records: list[DecisionRecord]) -> str:
    return "".join(json.dumps(r.model_dump(mode="json"), ensure_ascii=False) + "\n"
                   for r in records)


def _csv(records: list[DecisionRecord]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for record in records:
        writer.writerow({k: "" if v is None else v
                         for k, v in record.model_dump(mode="json").items()})
    return buffer.getvalue()


def _write(path: Path, text: str) -> None:
    """Whole file or nothing: written beside the target, then renamed over it."""
    if not path.parent.is_dir():
        raise InputError(f"cannot export decisions to {path}: folder {path.parent} does not "
                         "exist")
    partial = path.with_name(f".{path.name}.partial")
    partial.write_text(text, encoding="utf-8", newline="")
    os.replace(partial, path)
