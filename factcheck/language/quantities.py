"""Numbers in news text: what they count, how precise the wording is, and whether two agree.

Journalists round. "over 13,000" means a bit over 13,000, not "any number above it", so each
qualifier maps to an interval sized by the stated precision; two figures for the same measure
conflict only when their intervals cannot overlap.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from factcheck.language.text import fold
from factcheck.language.units import CURRENCY_SYMBOLS as _CURRENCY_SYMBOLS
from factcheck.language.units import CURRENCY_WORDS as _CURRENCY_WORDS
from factcheck.language.units import IRREGULAR_PLURALS as _IRREGULAR_PLURALS
from factcheck.language.units import MEASURE_WORDS as _MEASURE_WORDS
from factcheck.language.units import PEOPLE
from factcheck.language.units import PERSON_STATES as _PERSON_STATES
from factcheck.language.units import SYNONYMS as _SYNONYMS
from factcheck.models import Qualifier, Quantity

_WORD_UNITS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
_WORD_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
_SCALES = {
    "hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
    "dozen": 12, "bn": 1e9, "mn": 1e6, "mln": 1e6, "tn": 1e12, "m": 1e6, "k": 1e3,
}
_MONEY_ONLY_SCALES = frozenset({"m", "k"})
# Vague plurals: "thousands of people" -> an interval, not a point.
_VAGUE = {
    "dozens": (24, 99), "scores": (40, 99), "hundreds": (200, 999), "thousands": (2e3, 9999),
    "tens of thousands": (2e4, 99999), "hundreds of thousands": (2e5, 999999),
    "millions": (2e6, 9.99e8),
}
# Qualifier phrases, longest first so "more than" wins over "more".
_QUALIFIERS: list[tuple[str, Qualifier]] = sorted([
    ("an estimated", Qualifier.about), ("estimated", Qualifier.about),
    ("approximately", Qualifier.about), ("approx.", Qualifier.about),
    ("around", Qualifier.about), ("roughly", Qualifier.about), ("some", Qualifier.about),
    ("about", Qualifier.about), ("circa", Qualifier.about), ("an approximate", Qualifier.about),
    ("nearly", Qualifier.close_to), ("almost", Qualifier.close_to),
    ("close to", Qualifier.close_to), ("just under", Qualifier.close_to),
    ("just shy of", Qualifier.close_to), ("nearing", Qualifier.close_to),
    ("over", Qualifier.over), ("more than", Qualifier.over), ("above", Qualifier.over),
    ("in excess of", Qualifier.over), ("upwards of", Qualifier.over),
    ("just over", Qualifier.over), ("exceeding", Qualifier.over), ("well over", Qualifier.over),
    ("at least", Qualifier.at_least), ("no fewer than", Qualifier.at_least),
    ("no less than", Qualifier.at_least), ("a minimum of", Qualifier.at_least),
    ("up to", Qualifier.at_most), ("as many as", Qualifier.at_most),
    ("at most", Qualifier.at_most), ("no more than", Qualifier.at_most),
    ("a maximum of", Qualifier.at_most),
    ("fewer than", Qualifier.under), ("less than", Qualifier.under),
    ("under", Qualifier.under), ("below", Qualifier.under),
], key=lambda pair: -len(pair[0]))
_QUALIFIER_RE = re.compile(
    r"(?<![\w])(" + "|".join(re.escape(q) for q, _ in _QUALIFIERS) + r")\s+$", re.IGNORECASE
)

_NUMBER_WORD = (
    r"(?:(?:" + "|".join(_WORD_TENS) + r")(?:-(?:" + "|".join(list(_WORD_UNITS)[:9]) + r"))?"
    r"|" + "|".join(sorted(_WORD_UNITS, key=len, reverse=True)) + r"|a|an)"
)
_TOKEN_RE = re.compile(
    r"(?:(?P<cur>US\$|[$€£¥])\s?)?"
    r"(?:(?P<num>(?<![\w.,:/])\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d,]\d)|(?<![\w.,:/])\d+(?:\.\d+)?)"
    r"|(?P<vague>\b(?:tens of thousands|hundreds of thousands|dozens|scores|hundreds"
    r"|thousands|millions)\b)"
    r"|(?P<word>\b" + _NUMBER_WORD + r"\b)(?=[\s-]))"
    r"(?:[\s-]?(?P<scale>dozen|hundred|thousand|million|billion|trillion|bn|mn|mln|tn|m|k)\b)?"
    r"(?:\s?(?P<pct>%|percent\b|per cent\b|pct\b|percentage points?\b))?",
    re.IGNORECASE,
)
_TIME_AFTER = re.compile(
    r"^(?::\d|\s*(?:a\.m\.|p\.m\.|am\b|pm\b|o'clock|gmt\b|utc\b|hrs\b|local time))", re.IGNORECASE
)
_MONTHS = (
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec"
).split()
_MONTH_BEFORE = re.compile(r"\b(?:" + "|".join(_MONTHS) + r")\.?\s+$", re.IGNORECASE)
_MONTH_AFTER = re.compile(r"^(?:st|nd|rd|th)?\s+(?:of\s+)?(?:" + "|".join(_MONTHS) + r")\b",
                          re.IGNORECASE)
_YEAR_CONTEXT = re.compile(
    r"(?:\b(?:in|since|by|of|until|till|from|during|before|after|through|to|and|early|mid|late"
    r"|spring|summer|autumn|fall|winter|year|fiscal|fy)|(?<!\d)\d{1,2},|['’-])\s*$",
    re.IGNORECASE,
)
_WORD_AFTER = re.compile(r"\s+([A-Za-z][A-Za-z'’]*(?:-[A-Za-z]+)*)")

# Words that end a noun phrase after a number: function words, auxiliaries, pronouns.
_STOP = frozenset("""
a an the of in on at to from by for with into onto over under since during across than as about
after before between including and or but nor while who whom whose which that where when why how
is are was were be been being has have had do does did will would can could may might must should
shall it its they their them he she his her we our you your i me my this these those some all
each more most other another such also already now then still just so not no only very too there
here what per if because said says say told according
""".split())
# Measures written BEFORE their number: "magnitude 6.8", "a 6.8-magnitude quake", "Category 4".
_PREFIX_UNITS = ("magnitude", "category", "level", "grade", "stage", "phase", "tier")
_UNIT_BEFORE = re.compile(r"\b(" + "|".join(_PREFIX_UNITS) + r")(?:\s+of)?\s+$", re.IGNORECASE)
_UNIT_HYPHEN = re.compile(r"-(" + "|".join(_PREFIX_UNITS) + r")\b", re.IGNORECASE)

class Relation(StrEnum):
    consistent = "consistent"
    conflicting = "conflicting"
    incomparable = "incomparable"


@dataclass
class _Raw:
    """A parsed number before qualifier and unit are attached."""

    start: int
    end: int
    value: float
    sig_step: float
    scale: float = 1.0
    low: float | None = None
    high: float | None = None
    unit: str | None = None
    percent: str | None = None


def singular(word: str) -> str:
    """Lowercase singular of a noun: 'containers' -> 'container', 'people' -> 'person'."""
    w = fold(word).lower().strip("'")
    if w in _IRREGULAR_PLURALS:
        return _IRREGULAR_PLURALS[w]
    if len(w) > 3 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 3 and w.endswith(("ches", "shes", "sses", "xes", "zes")):
        return w[:-2]
    if len(w) > 2 and w.endswith("s") and not w.endswith(("ss", "us", "is", "ous")):
        return w[:-1]
    return w


def canonical_unit(unit: str | None) -> str | None:
    """Normalise a unit for comparison: head noun, singular, general synonyms folded."""
    if not unit:
        return None
    if unit.isupper() and len(unit) == 3:
        return unit
    lowered = fold(unit).lower().strip()
    if lowered.startswith("percentage point"):
        return "percentage point"
    if lowered in _SYNONYMS:
        head = _SYNONYMS[lowered]
    else:
        head = singular(lowered.split()[-1])
        head = _SYNONYMS.get(head, _CURRENCY_WORDS.get(head, head))
    return "person" if head in _PERSON_STATES else head


def is_plural_noun(word: str) -> bool:
    """Looks like a plural (or mass) noun: the head of what a number counts."""
    w = word.lower()
    if w in _IRREGULAR_PLURALS or w in _MEASURE_WORDS:
        return True
    return len(w) > 2 and w.endswith("s") and not w.endswith(("ss", "us", "is", "ous"))


def _step(value: float, digits: str) -> float:
    """The rounding step of the figure as written: 13,000 -> 1,000; 10,000 -> 10,000."""
    if value == 0:
        return 1.0
    magnitude = 10 ** math.floor(math.log10(abs(value)))
    core = digits.replace(",", "")
    if "." in core:
        decimals = len(core.split(".")[1])
        written = float(core) if core.replace(".", "").isdigit() else 0.0
        scale = value / written if written else 1.0
        return (10 ** -decimals) * scale
    stripped = core.rstrip("0") or "0"
    sig = max(1, len(stripped.lstrip("0")))
    return max(magnitude / 10 ** (sig - 1), 1e-9)


def _word_value(word: str) -> float | None:
    """'twenty-five' -> 25; 'a'/'an' -> 1 (only meaningful before a scale word)."""
    w = word.lower()
    if w in ("a", "an"):
        return 1.0
    tens, _, unit = w.partition("-")
    if tens in _WORD_TENS:
        return float(_WORD_TENS[tens] + (_WORD_UNITS.get(unit, 0) if unit else 0))
    return float(_WORD_UNITS[w]) if w in _WORD_UNITS else None


def _noun_run(text: str, pos: int) -> list[re.Match[str]]:
    """The words right after a number that can belong to its noun phrase (at most four)."""
    run: list[re.Match[str]] = []
    while len(run) < 4:
        m = _WORD_AFTER.match(text, pos)
        if not m or _ends_phrase(m.group(1)):
            break
        run.append(m)
        pos = m.end()
    return run


def _ends_phrase(word: str) -> bool:
    w = fold(word).lower()
    if w in _STOP:
        return True
    return len(w) >= 6 and w.endswith("ly") and not w.endswith(("ily", "ply", "ally"))


def _head(run: list[re.Match[str]], value: float) -> re.Match[str] | None:
    """The counted noun: the first plural in the run ('shipping containers' -> containers)."""
    for m in run:
        if is_plural_noun(m.group(1)):
            return m
    if run and value == 1:
        nouns = [m for m in run if not m.group(1).lower().endswith(("ed", "ing"))]
        return (nouns or run)[0]
    return None


def _skip_number(text: str, m: re.Match[str]) -> bool:
    """Times of day, dates, model names and ordinals are not quantities."""
    start, end = m.start("num"), m.end("num")
    if re.search(r"[A-Za-z]-$", text[max(0, start - 2):start]):
        return True
    if m.end() < len(text) and (text[m.end()].isalpha() or text[m.end()] in "/:"):
        return True
    if _TIME_AFTER.match(text[end:end + 12]) and not m.group("pct"):
        return True
    return bool(_MONTH_BEFORE.search(text[max(0, start - 12):start])
                or _MONTH_AFTER.match(text[end:end + 16]))


def looks_like_year(text: str, start: int, end: int) -> bool:
    """A bare four-digit 1800-2100 is a year unless it plainly counts a plural noun."""
    token = text[start:end]
    if not (len(token) == 4 and token.isdigit() and 1800 <= int(token) <= 2100):
        return False
    if _YEAR_CONTEXT.search(text[max(0, start - 20):start]):
        return True
    run = _noun_run(text, end)
    return not (run and is_plural_noun(run[0].group(1)))


def _parse(text: str, m: re.Match[str]) -> _Raw | None:
    """Value, rounding step and counted noun of one number token, or None to skip it."""
    scale_word = (m.group("scale") or "").lower()
    currency = _CURRENCY_SYMBOLS.get((m.group("cur") or "").lower())
    if scale_word in _MONEY_ONLY_SCALES and not currency:
        return None
    scale = _SCALES.get(scale_word, 1.0)
    if m.group("vague"):
        low, high = _VAGUE[m.group("vague").lower()]
        raw: _Raw | None = _Raw(m.start(), m.end(), float(low), 1.0, low=float(low),
                                high=float(high))
    elif m.group("word"):
        raw = _parse_word(text, m, scale)
    else:
        raw = _parse_digits(text, m, scale, bool(currency or scale_word or m.group("pct")))
    if raw is None:
        return None
    raw.percent = m.group("pct")
    return _attach_unit(text, raw, currency, is_word=bool(m.group("word")))


def _parse_word(text: str, m: re.Match[str], scale: float) -> _Raw | None:
    before = text[max(0, m.start() - 8):m.start()]
    if re.search(r"\b(?:the|both|these|those|all)\s+$", before, re.IGNORECASE):
        return None  # "the two nations" refers back; it does not count anything new
    word = m.group("word").lower()
    base = _word_value(word)
    if base is None or (word in ("a", "an") and scale == 1.0):
        return None
    value = base * scale
    return _Raw(m.start(), m.end(), value, _step(value, str(int(base))), scale=scale)


def _parse_digits(text: str, m: re.Match[str], scale: float, marked: bool) -> _Raw | None:
    if _skip_number(text, m):
        return None
    if not marked and looks_like_year(text, m.start("num"), m.end("num")):
        return None
    digits = m.group("num")
    value = float(digits.replace(",", "")) * scale
    return _Raw(m.start(), m.end(), value, _step(value, digits), scale=scale)


def _attach_unit(text: str, raw: _Raw, currency: str | None, is_word: bool) -> _Raw | None:
    if raw.percent:
        pct = raw.percent.lower()
        raw.unit = "percentage points" if pct.startswith("percentage") else "percent"
        return raw
    pos = raw.end
    of = re.match(r"\s+of(?:\s+the)?(?=\s)", text[pos:pos + 12]) if raw.low is not None else None
    run = _noun_run(text, pos + (of.end() if of else 0))
    head = _head(run, raw.value)
    if currency:
        raw.unit = currency
        return raw
    if head is None and _unit_first(text, raw):
        return raw
    if head is None:
        return None if is_word or raw.low is not None else raw
    word = head.group(1)
    raw.unit = _CURRENCY_WORDS.get(singular(word), word)
    raw.end = head.end()
    return raw


def _unit_first(text: str, raw: _Raw) -> bool:
    """Attach a measure named before the number or hyphened to it; True if one was found."""
    if hyphen := _UNIT_HYPHEN.match(text, raw.end):
        raw.unit, raw.end = hyphen.group(1).lower(), hyphen.end()
        return True
    offset = max(0, raw.start - 16)
    if before := _UNIT_BEFORE.search(text[offset:raw.start]):
        raw.unit, raw.start = before.group(1).lower(), offset + before.start(1)
        return True
    return False


def _qualifier(text: str, start: int) -> tuple[Qualifier, int]:
    """The hedge word right before a number, and where the phrase starts."""
    m = _QUALIFIER_RE.search(text[max(0, start - 24):start])
    if not m:
        return Qualifier.exact, start
    phrase = fold(m.group(1)).lower()
    kind = next(q for p, q in _QUALIFIERS if p == phrase)
    return kind, max(0, start - 24) + m.start(1)


def _one_sig(value: float, step: float) -> bool:
    return value > 0 and step >= 10 ** math.floor(math.log10(value)) * 0.999


def interval(value: float, step: float, qualifier: Qualifier) -> tuple[float, float | None]:
    """The range a careful reader allows for the wording (see the module docstring)."""
    coarse = _one_sig(value, step)
    margin = value if coarse else max(2 * step, 0.15 * value)
    if value < 20:
        margin = max(margin, 3.0) if coarse or step >= 1 else margin
    if qualifier == Qualifier.about:
        return value * 0.9, value * 1.1
    if qualifier == Qualifier.close_to:
        return value - max(0.1 * value, min(step, 1.0)), value
    over = step if coarse and value >= 20 else margin
    if qualifier == Qualifier.over:
        return value, value + over
    if qualifier == Qualifier.under:
        return max(0.0, value - (value / 2 if coarse and value >= 20 else margin)), value
    if qualifier == Qualifier.at_least:
        # A floor that is expected to rise, yet "at least 120" is not "nearly 300": allow
        # what "over" allows, or half as much again, whichever is wider.
        return value, value + max(over, value / 2)
    if qualifier == Qualifier.at_most:
        return 0.0, value
    half = min(step / 2, 0.05 * value)
    return value - half, value + half


_RANGE_GAP = re.compile(r"^\s*(?:-|to|and)\s*$", re.IGNORECASE)


def _merge_range(text: str, first: _Raw, second: _Raw) -> _Raw | None:
    """'between 10 and 20 people', '10-20 people', '10 to 12 million' -> one ranged figure."""
    gap = fold(text[first.end:second.start])
    if first.unit or first.low is not None or not _RANGE_GAP.match(gap):
        return None
    before = fold(text[max(0, first.start - 12):first.start]).lower()
    if "and" in gap.lower() and not before.rstrip().endswith("between"):
        return None
    if "to" in gap.lower() and before.rstrip().endswith("from"):
        return None
    low = first.value
    if first.scale == 1 and second.scale > 1 and low <= second.value / second.scale:
        low *= second.scale
    if low > second.value:
        return None
    start = first.start - 8 if before.rstrip().endswith("between") else first.start
    return _Raw(max(0, start), second.end, low, second.sig_step, low=low, high=second.value,
                unit=second.unit, percent=second.percent)


def _to_quantity(text: str, raw: _Raw) -> Quantity:
    qualifier, start = _qualifier(text, raw.start)
    if raw.low is not None:
        low, high = raw.low, raw.high
        if qualifier == Qualifier.exact:
            qualifier = Qualifier.about
    else:
        low, high = interval(raw.value, raw.sig_step, qualifier)
    return Quantity(value=_tidy(raw.value), low=_tidy(low), high=_tidy(high), unit=raw.unit,
                    qualifier=qualifier,
                    text=text[start:raw.end])


def extract_quantities(text: str) -> list[Quantity]:
    """Every counted figure in ``text``, in text order; years and times of day are skipped."""
    return list(_extract_quantities(text))


@lru_cache(maxsize=16384)
def _extract_quantities(text: str) -> tuple[Quantity, ...]:
    """Memoised: the same passages are parsed once per claim that retrieves them."""
    raws: list[_Raw] = []
    for m in _TOKEN_RE.finditer(text):
        raw = _parse(text, m)
        if raw is None:
            continue
        merged = _merge_range(text, raws[-1], raw) if raws else None
        if merged:
            raws[-1] = merged
        else:
            raws.append(raw)
    return tuple(_to_quantity(text, raw) for raw in raws)


def same_measure(a: Quantity, b: Quantity) -> bool:
    """Do both figures count the same kind of thing (after singular + synonym folding)?"""
    unit_a, unit_b = canonical_unit(a.unit), canonical_unit(b.unit)
    return unit_a is not None and (unit_a == unit_b or {unit_a, unit_b} <= PEOPLE)


def compare(a: Quantity, b: Quantity) -> Relation:
    """Consistent when the ranges the wordings allow overlap; incomparable unless same measure."""
    if not same_measure(a, b):
        return Relation.incomparable
    low_a, high_a = _bounds(a)
    low_b, high_b = _bounds(b)
    tolerance = 1e-9 * max(abs(a.value), abs(b.value), 1.0)
    if low_a > high_b + tolerance or low_b > high_a + tolerance:
        return Relation.conflicting
    return Relation.consistent


def _tidy(x: float | None) -> float | None:
    """Drop float noise (12100.000000000002) so report.json stays readable and stable."""
    return None if x is None else float(f"{x:.10g}")


def _bounds(q: Quantity) -> tuple[float, float]:
    low = q.low if q.low is not None else -math.inf
    high = q.high if q.high is not None else math.inf
    return low, high
