"""One decoded input to one or more ``Document``s, by format.

HTML goes through trafilatura (main text and metadata); the text it returns is the "raw"
text that boilerplate spans point into. JSON and JSONL hold records with fields
``title``/``text``/``url``/``outlet`` (and ``id``); a record's digest is taken over its
canonical JSON, since several records share one file.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from factcheck.ingest.document import Document, normalise_newlines
from factcheck.ingest.markdown import markup_cuts
from factcheck.ingest.readers import Input, problem
from factcheck.models import Problem

Parsed = tuple[list[Document], list[Problem]]

_TEXT_KEYS = ("text", "content", "body", "article")
_TITLE_KEYS = ("title", "headline")
_OUTLET_KEYS = ("outlet", "source", "publisher", "site_name", "sitename")
_URL_KEYS = ("url", "link")
_DATE_KEYS = ("published", "date", "datePublished", "published_at", "pubdate")
_LIST_KEYS = ("articles", "items", "records", "data")


def parse(inp: Input) -> Parsed:
    if inp.format == "html":
        return _html(inp)
    if inp.format in ("json", "jsonl"):
        return _json(inp) if inp.format == "json" else _jsonl(inp)
    doc = Document(inp.text, inp.format, inp.path, inp.sha256, inp.name)
    if inp.format == "md":
        doc.markup = markup_cuts(doc.raw)
    return [doc], []


def _html(inp: Input) -> Parsed:
    try:
        import trafilatura

        result = trafilatura.bare_extraction(inp.text, with_metadata=True, include_comments=False)
    except Exception as error:  # one bad page must not stop the run
        return [], [problem(inp.path, f"cannot extract text from the HTML ({error}); "
                            "save the article as .txt")]
    text = _field(result, "text")
    if not text or not text.strip():
        return [], [problem(inp.path, "no article text found in the HTML; save it as .txt")]
    doc = Document(normalise_newlines(text), "html", inp.path, inp.sha256, inp.name,
                   title=_field(result, "title"), outlet=_field(result, "sitename"),
                   url=_field(result, "url"), published=_field(result, "date"))
    return [doc], []


def _field(result: Any, name: str) -> str | None:
    """trafilatura 2 returns an object, 1.x a dict; empty values count as absent."""
    value = result.get(name) if isinstance(result, dict) else getattr(result, name, None)
    return value.strip() if isinstance(value, str) and value.strip() else None


def _json(inp: Input) -> Parsed:
    try:
        data = json.loads(inp.text)
    except json.JSONDecodeError as error:
        if error.msg == "Extra data":  # several objects, one per line: really JSONL
            return _jsonl(inp)
        return [], [problem(inp.path, f"malformed JSON at line {error.lineno}, column "
                            f"{error.colno} ({error.msg}); fix it or save the article as .txt")]
    records = _records(data)
    if records is None:
        return [], [problem(inp.path, "no article records (expected an object with a 'text' "
                            "field, or a list of them)")]
    if isinstance(data, dict) and records == [data]:
        return _from_records(inp, [(0, data)], single=True)
    return _from_records(inp, list(enumerate(records, 1)), single=False)


def _records(data: Any) -> list[Any] | None:
    if isinstance(data, list):
        return data
    if isinstance(data, dict):
        if any(key in data for key in _TEXT_KEYS):
            return [data]
        for key in _LIST_KEYS:
            if isinstance(data.get(key), list):
                return data[key]
    return None


def _jsonl(inp: Input) -> Parsed:
    numbered: list[tuple[int, Any]] = []
    problems: list[Problem] = []
    for n, (lineno, line) in enumerate(_nonblank(inp.text), 1):
        try:
            numbered.append((n, json.loads(line)))
        except json.JSONDecodeError as error:
            problems.append(problem(inp.path, f"malformed JSON on line {lineno} ({error.msg}); "
                                    "that record was skipped"))
    docs, more = _from_records(inp, numbered, single=False)
    for doc in docs:
        doc.format = "jsonl"
    return docs, problems + more


def _nonblank(text: str) -> list[tuple[int, str]]:
    return [(i, line) for i, line in enumerate(text.split("\n"), 1) if line.strip()]


def _from_records(inp: Input, numbered: list[tuple[int, Any]], single: bool) -> Parsed:
    docs: list[Document] = []
    problems: list[Problem] = []
    for n, record in numbered:
        where = inp.path if single else f"{inp.path} record {n}"
        doc = _record(inp, record, n, single)
        if isinstance(doc, str):
            problems.append(problem(where, doc, inp.path))
        else:
            doc.where = where
            docs.append(doc)
    return docs, problems


def _record(inp: Input, record: Any, n: int, single: bool) -> Document | str:
    """A Document, or the reason the record cannot be one."""
    if not isinstance(record, dict):
        return "not a JSON object; each record needs a 'text' field"
    text = _first(record, _TEXT_KEYS)
    if not text:
        return "no 'text' field (or it is empty); that record was skipped"
    name = str(record["id"]) if record.get("id") not in (None, "") else (
        inp.name if single else f"{inp.name}-{n}")
    digest = inp.sha256 if single else hashlib.sha256(
        json.dumps(record, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()
    return Document(normalise_newlines(text), inp.format, inp.path, digest, name,
                    title=_first(record, _TITLE_KEYS), outlet=_first(record, _OUTLET_KEYS),
                    url=_first(record, _URL_KEYS), published=_first(record, _DATE_KEYS))


def _first(record: dict[str, Any], keys: tuple[str, ...]) -> str | None:
    """The first non-empty string among ``keys``; {'name': ...} objects count (NewsAPI)."""
    for key in keys:
        value = record.get(key)
        if isinstance(value, dict):
            value = value.get("name")
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None
