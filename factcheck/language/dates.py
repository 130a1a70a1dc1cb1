"""Dates in news text: what period a phrase names and whether two phrases can both be true.

Values are ISO 8601: a date (2024-10-12), a partial date (2023-08, 2023), a month or day
without a year (--05, --10-12), or an interval for seasons and parts of a year
(2023-06/2023-08). Relative phrases ("last year", "on Friday") keep ``value=None`` unless a
reference date is given, because the article's own date is usually unknown.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from functools import lru_cache

from factcheck.language.quantities import looks_like_year
from factcheck.language.text import fold
from factcheck.models import DateMention

_MONTH_NAMES = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTH_ABBR = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
               "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12}
_MONTHS = {**_MONTH_NAMES, **_MONTH_ABBR}
_WEEKDAYS = [name for name in calendar.day_name]
_SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11)}
_PARTS = {"early": (1, 4), "mid": (5, 8), "late": (9, 12), "the end of": (10, 12),
          "the start of": (1, 3), "the beginning of": (1, 3), "the first half of": (1, 6),
          "the second half of": (7, 12)}
_RELATIONS = {
    "since": "since", "from": "since", "as early as": "since", "until": "until",
    "till": "until", "through": "until", "by": "until", "in": "in", "during": "in",
    "within": "in", "throughout": "in", "on": "on", "as of": "on", "before": "before",
    "prior to": "before", "ahead of": "before", "after": "after", "following": "after",
}

# Month names must be capitalised so "may" and "march" the verbs are not dates.
_MONTH = (r"(?:" + "|".join(sorted((m.capitalize() for m in _MONTHS), key=len, reverse=True))
          + r")(?:\.(?=\s))?")
_YEAR = r"(?:1[89]\d\d|20\d\d)(?![\d,]\d|%)"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_REL = r"(?i:" + "|".join(sorted(map(re.escape, _RELATIONS), key=len, reverse=True)) + r")"
_CORE = (
    rf"(?P<iso>\d{{4}}-\d{{2}}-\d{{2}})"
    rf"|(?P<md_m>{_MONTH})\s+(?P<md_d>{_DAY})\b(?:,?\s+(?P<md_y>{_YEAR}))?"
    rf"|(?P<dm_d>{_DAY})\s+(?:of\s+)?(?P<dm_m>{_MONTH})(?:,?\s+(?P<dm_y>{_YEAR}))?"
    rf"|(?P<my_m>{_MONTH})(?:\s+of)?,?\s+(?P<my_y>{_YEAR})"
    rf"|(?i:(?:the\s+)?(?P<season>spring|summer|autumn|fall|winter)\s+(?:of\s+)?)(?P<s_y>{_YEAR})"
    rf"|(?P<part>(?i:early|mid|late|the end of|the start of|the beginning of"
    rf"|the first half of|the second half of))[\s-]+(?P<p_y>{_YEAR})"
    rf"|(?:the\s+)?(?P<decade>(?:1[89]|20)\d0)s\b"
    rf"|(?P<rel>(?i:(?:earlier|later)\s+this|last|this|next|past|previous|coming|the\s+previous))"
    rf"\s+(?P<r_unit>(?i:year|month|week|weekend|spring|summer|autumn|fall|winter)\b"
    rf"|{_MONTH}|{'|'.join(_WEEKDAYS)})"
    rf"|(?P<deictic>(?i:yesterday|today|tomorrow|tonight))\b"
    rf"|(?P<weekday>{'|'.join(_WEEKDAYS)})\b"
    rf"|(?P<month>{_MONTH})\b"
    rf"|(?<![\d,.$])\b(?P<year>{_YEAR})\b"
)
_DATE_RE = re.compile(rf"(?:\b(?P<prep>{_REL})\s+(?:the\s+)?)?(?:{_CORE})")


def _month(name: str) -> int:
    return _MONTHS[name.lower().rstrip(".")]


def _day(token: str) -> int:
    return int(re.sub(r"\D", "", token))


def _ymd(year: str | None, month: int, day: int | None = None) -> str:
    head = f"{int(year):04d}-{month:02d}" if year else f"--{month:02d}"
    return head if day is None else f"{head}-{day:02d}"


def _span_value(year: int, months: tuple[int, int]) -> str:
    return f"{year:04d}-{months[0]:02d}/{year:04d}-{months[1]:02d}"


def _season_value(season: str, year: str) -> str:
    """Seasons are northern-hemisphere months; winter spans both year readings (Dec-Feb)."""
    y = int(year)
    if season.lower() == "winter":
        return f"{y - 1:04d}-12/{y + 1:04d}-02"
    return _span_value(y, _SEASONS[season.lower()])


def _absolute_value(g: dict[str, str | None]) -> str | None:
    """The ISO value of a phrase that names its own period (no reference date needed)."""
    if g["iso"]:
        return g["iso"]
    if g["md_m"]:
        return _ymd(g["md_y"], _month(g["md_m"]), _day(g["md_d"] or "1"))
    if g["dm_m"]:
        return _ymd(g["dm_y"], _month(g["dm_m"]), _day(g["dm_d"] or "1"))
    if g["my_m"]:
        return _ymd(g["my_y"], _month(g["my_m"]))
    if g["season"]:
        return _season_value(g["season"], g["s_y"] or "0")
    if g["part"]:
        return _span_value(int(g["p_y"] or 0), _PARTS[" ".join(g["part"].lower().split())])
    if g["decade"]:
        return f"{g['decade']}/{int(g['decade']) + 9}"
    if g["month"]:
        return _ymd(None, _month(g["month"]))
    return g["year"]


def _relative_value(g: dict[str, str | None], ref: dt.date | None) -> str | None:
    """Resolve 'last year', 'this month', 'last November', 'on Friday' against ``ref``."""
    if ref is None:
        return None
    if g["deictic"]:
        shift = {"yesterday": -1, "tomorrow": 1}.get(g["deictic"].lower(), 0)
        return (ref + dt.timedelta(days=shift)).isoformat()
    if g["weekday"]:
        back = (ref.weekday() - _WEEKDAYS.index(g["weekday"])) % 7
        return (ref - dt.timedelta(days=back)).isoformat()
    return _relative_period(" ".join((g["rel"] or "").lower().split()), g["r_unit"] or "", ref)


def _relative_period(rel: str, unit: str, ref: dt.date) -> str | None:
    offset = {"last": -1, "past": -1, "previous": -1, "the previous": -1, "next": 1,
              "coming": 1}.get(rel, 0)
    key = unit.lower().rstrip(".")
    if key == "year":
        return f"{ref.year + offset:04d}"
    if key == "month":
        month_index = ref.year * 12 + ref.month - 1 + offset
        return f"{month_index // 12:04d}-{month_index % 12 + 1:02d}"
    if key in _MONTHS:
        month = _MONTHS[key]
        year = ref.year - 1 if offset < 0 and month >= ref.month else ref.year
        return _ymd(str(year + (1 if offset > 0 and month <= ref.month else 0)), month)
    return None


def _relation(prep: str | None) -> str | None:
    return _RELATIONS.get(" ".join(prep.lower().split())) if prep else None


def extract_dates(text: str, reference: dt.date | None = None) -> list[DateMention]:
    """Every date phrase in ``text`` in order; ``reference`` (publication date) resolves
    relative phrases when known."""
    return list(_extract_dates(text, reference))


@lru_cache(maxsize=16384)
def _extract_dates(text: str, reference: dt.date | None) -> tuple[DateMention, ...]:
    """Memoised: the same passages are parsed once per claim that retrieves them."""
    mentions: list[DateMention] = []
    for m in _DATE_RE.finditer(text):
        g = m.groupdict()
        if g["month"] and not g["prep"]:
            continue  # a bare capitalised month name is too often something else
        if g["year"] and not looks_like_year(text, m.start("year"), m.end("year")):
            continue
        relative = g["rel"] or g["deictic"] or g["weekday"]
        value = _relative_value(g, reference) if relative else _absolute_value(g)
        mentions.append(DateMention(text=m.group(), value=value, relation=_relation(g["prep"])))
    return tuple(mentions)


_START, _END, _POINT = "start", "end", "point"
_GROUPS = {"since": _START, "after": _START, "until": _END, "before": _END}
_TOLERANCE = dt.timedelta(days=1)  # time zones: "late Thursday" in one city is Friday in another


def _parse_point(value: str) -> tuple[dt.date, dt.date] | None:
    parts = value.split("-")
    if not parts[0].isdigit() or len(parts[0]) != 4:
        return None
    year = int(parts[0])
    if len(parts) == 1:
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    month = int(parts[1])
    if len(parts) == 2:
        return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])
    day = dt.date(year, month, int(parts[2]))
    return day, day


def date_range(mention: DateMention) -> tuple[dt.date, dt.date] | None:
    """First and last day of the period the phrase names (ignoring since/before); None when
    there is no value or no year."""
    if not mention.value:
        return None
    try:
        first, _, last = mention.value.partition("/")
        begin = _parse_point(first)
        end = _parse_point(last) if last else begin
    except ValueError:
        return None
    if begin is None or end is None:
        return None
    return begin[0], end[1]


def _month_day(value: str | None) -> tuple[int, int | None] | None:
    """Month (and day) of a value that has them: '--05', '2023-05', '--10-12', '2024-10-12'."""
    if not value or "/" in value:
        return None
    parts = value.lstrip("-").split("-") if value.startswith("--") else value.split("-")[1:]
    if not parts or not parts[0].isdigit():
        return None
    return int(parts[0]), int(parts[1]) if len(parts) > 1 else None


def _yearless(a: DateMention, b: DateMention) -> bool | None:
    """Compare when at least one side lacks a year: only month/day can be checked."""
    ma, mb = _month_day(a.value), _month_day(b.value)
    if ma is None or mb is None:
        return None
    if ma[0] != mb[0]:
        return False
    return True if ma[1] is None or mb[1] is None else abs(ma[1] - mb[1]) <= 1


def dates_compatible(a: DateMention, b: DateMention) -> bool | None:
    """Can both phrases be true of the same fact? None when that cannot be told."""
    if a.value is None or b.value is None:
        same = " ".join(fold(a.text).lower().split()) == " ".join(fold(b.text).lower().split())
        return True if same else None
    ga, gb = _GROUPS.get(a.relation or "", _POINT), _GROUPS.get(b.relation or "", _POINT)
    if {ga, gb} == {_START, _END}:
        return None
    ra, rb = date_range(a), date_range(b)
    if ra is None or rb is None:
        return _yearless(a, b) if ga == gb or _POINT in (ga, gb) else None
    slack = _slack(ra, rb)
    if ga == gb:
        return ra[0] <= rb[1] + slack and rb[0] <= ra[1] + slack
    bound, point = (ra, rb) if ga != _POINT else (rb, ra)
    if _END in (ga, gb):
        return point[0] <= bound[1] + slack
    return point[1] >= bound[0] - slack


def _slack(ra: tuple[dt.date, dt.date], rb: tuple[dt.date, dt.date]) -> dt.timedelta:
    """Time zones shift a day, so a day named on one side gets a day's slack; two months or
    years do not ('in 2021' vs 'in 2022' must clash)."""
    if ra[0] == ra[1] or rb[0] == rb[1]:
        return _TOLERANCE
    return dt.timedelta(0)
