"""Fuzzed inputs (hypothesis): ingest and the quantity and date parsers never crash, and
whatever they report lies inside the text they were given."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factcheck.ingest import ingest
from factcheck.language.dates import extract_dates
from factcheck.language.quantities import extract_quantities

NEWSY = st.sampled_from([
    "about", "over", "nearly", "close to", "at least", "more than", "up to", "some", "$",
    "%", "per cent", "million", "billion", "1,200", "3.5", "20,000", "1998", "2024-10-03",
    "on Friday", "since August 2023", "in October", "last week", "troops", "containers",
    "metres", "USD", "half", "a dozen", "twice", "-", "–", ",", ".", " ", "\n", "\n\n",
    "said", "\u201c", "\u201d", "Mr.", "No.", "12 March", "March 12", "noon", "10am",
])
TEXT = st.one_of(st.text(max_size=300),
                 st.lists(NEWSY, max_size=60).map(" ".join),
                 st.lists(st.one_of(NEWSY, st.text(max_size=8)), max_size=40).map("".join))
FUZZ = settings(max_examples=200, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture])


@FUZZ
@given(TEXT)
def test_quantities_are_found_inside_the_text(text: str) -> None:
    for quantity in extract_quantities(text):
        assert quantity.text and quantity.text in text
        if quantity.low is not None and quantity.high is not None:
            assert quantity.low <= quantity.high


@FUZZ
@given(TEXT, st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 1, 1)))
def test_dates_are_found_inside_the_text(text: str, reference: dt.date) -> None:
    for mention in extract_dates(text, reference):
        assert mention.text and mention.text in text


FORMATS = st.sampled_from(["txt", "md", "html", "json", "jsonl"])
RAW = st.one_of(TEXT, st.binary(max_size=300).map(lambda b: b.decode("latin-1")),
                st.builds(lambda t, b: f"<html><body><h1>{t}</h1><p>{b}</p></body></html>",
                          TEXT, TEXT),
                st.builds(lambda t: '{"title": "T", "text": ' + repr(t).replace("'", '"') + "}",
                          TEXT))


@FUZZ
@given(st.lists(st.tuples(FORMATS, RAW), min_size=1, max_size=3))
def test_ingest_never_crashes_and_keeps_offsets_inside_the_text(
        tmp_path_factory, files: list[tuple[str, str]]) -> None:
    folder: Path = tmp_path_factory.mktemp("fuzz")
    for n, (fmt, raw) in enumerate(files):
        (folder / f"in{n}.{fmt}").write_text(raw, encoding="utf-8", errors="surrogatepass")
    result = ingest([str(folder)])
    assert len(result.sources) + len(result.problems) >= 1
    for problem in result.problems:
        assert "\n" not in problem.message
    raws = {str(folder / f"in{n}.{fmt}"): raw for n, (fmt, raw) in enumerate(files)}
    for source in result.sources:
        assert source.text.strip()
        raw = raws[source.path].replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
        for removed in source.removed:
            start, end = removed.span
            assert 0 <= start <= end
            if source.format in ("txt", "md"):  # spans point into the raw input
                assert end <= len(raw) and raw[start:end] == removed.text
