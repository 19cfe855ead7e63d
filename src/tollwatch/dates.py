"""Date expressions and their resolution against the publication date.

What is read (each match keeps its exact character span):

* explicit dates: ``7 March 2025``, ``7th of March``, ``March 7, 2025``,
  ``Sept 1st 2019``, ``March 2025``, ``in March``, ``early/mid/late March``,
  day ranges (``10-12 March``, ``August 10 and 11``), ``in 2016``;
* numeric dates: ``7/3/2025`` is read **day first** (ACLED and UK usage); when
  the first number cannot be a day-first reading (second number > 12) it is
  read month first; ISO ``2025-03-07`` is always year-month-day;
* ordinal days ``on the 7th`` (the latest such day on or before publication);
* weekdays (``Thursday``, ``Saturday morning``, ``last Friday``): the most recent
  such day on or before ``published`` (``last`` excludes the publication day);
* relative expressions: ``yesterday``, ``today``, ``last night``, ``overnight``,
  ``last week``, ``this week``, ``(over) the weekend``, ``earlier this month``,
  ``last month``, ``last year``, ``three months ago``, ``14 years ago``;
* anaphoric ones (``the previous day``, ``the following day``, ``two days later``)
  are counted from the nearest preceding resolved day, else from ``published``.

Month names tolerate the typos common in coder notes (one dropped or swapped
letter: ``Octobr``, ``Setpember``) and the usual abbreviations (``Sept``).

Without ``published``, explicit dates that carry a year still resolve; any
expression that needs the reference date keeps its text and offsets with
``start_date=None`` — nothing is guessed.

Precision is one of ``day``, ``span``, ``week``, ``month``, ``year``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable, Iterable, Sequence

from tollwatch.model import DateSpan, Document, Sentence

__all__ = [
    "date_for_span",
    "event_dates",
    "find_dates",
    "is_background",
    "resolve_weekday",
]

_D = dt.timedelta

# --------------------------------------------------------------------------- vocabulary

_MONTH_NAMES = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]

#: Abbreviations and frequent misspellings seen in wire copy and coder notes.
_MONTH_EXTRA = {
    "jan": 1,
    "feb": 2,
    "febuary": 2,
    "feburary": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}


def _typos(word: str) -> set[str]:
    """One deleted or one swapped adjacent letter (first letter kept)."""
    out = set()
    for i in range(1, len(word)):
        out.add(word[:i] + word[i + 1 :])
    for i in range(1, len(word) - 1):
        out.add(word[:i] + word[i + 1] + word[i] + word[i + 2 :])
    return {w for w in out if len(w) >= 4}


def _build_months() -> dict[str, int]:
    months: dict[str, int] = {}
    for i, name in enumerate(_MONTH_NAMES, 1):
        if len(name) >= 5:
            for t in _typos(name):
                months.setdefault(t, i)
    # real words that a typo of a month name would swallow
    for word in ("marh", "june", "juen", "julu"):
        months.pop(word, None)
    for i, name in enumerate(_MONTH_NAMES, 1):
        months[name] = i
    months.update(_MONTH_EXTRA)
    return months


MONTHS: dict[str, int] = _build_months()


def _trie_regex(words: Iterable[str]) -> str:
    """A compact alternation (a trie) of ``words``: fast to match, unlike a flat ``a|b|c``."""
    trie: dict[str, dict] = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, dict]) -> str:
        end = "" in node
        alts = [re.escape(ch) + emit(sub) for ch, sub in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if end:
            body = "(?:" + body + ")?"
        return body

    return emit(trie)


_ORD = r"(?:st|nd|rd|th)?"

_WEEKDAYS = {
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
    "thurs": 3,
    "tues": 1,
}

_NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "a couple of": 2,
}

_PART = r"(?:\s+(?P<part>morning|afternoon|evening|night|midnight|dawn))?"

# --------------------------------------------------------------------------- patterns
# Speed: every pattern runs over the lower-cased text (same length, same offsets)
# without re.IGNORECASE, and each starts with a literal or a digit so that the
# regex engine can skip ahead; context before a match (a modifier such as
# "early" or "last") is read from a short slice afterwards.  Cheap substring
# gates skip the patterns a text cannot match.

_MON = r"\b(?P<mon>" + _trie_regex(MONTHS) + r")\b\.?"
_YEAR_TAIL = r"(?:,?\s+(?P<year>(?:19|20)\d\d)(?!\d))?"
_RANGE = r"\s*(?:-|–|to|and|&)\s*"

_RE_NUMERIC = re.compile(r"\d{1,4}[-/.]\d{1,2}[-/.]\d{2,4}(?![\d/])")
# on 15/04 (no year): only after "on", where a ratio cannot stand
_RE_ON_DAY_MONTH = re.compile(r"\bon\s+(?P<a>\d{1,2})/(?P<b>\d{1,2})(?![\d/])")
# 7 March 2025, 7th of March, 10-12 March 2021, 10 and 11 Aug
_RE_DMY = re.compile(
    r"(?P<d>\d{1,2})"
    + _ORD
    + r"(?:"
    + _RANGE
    + r"(?P<d2>\d{1,2})"
    + _ORD
    + r")?(?:\s+of)?\s+"
    + _MON
    + _YEAR_TAIL
)
# March 7, 2025; Sept 1st 2019; August 10 and 11; March 2025; (in) March
_RE_MONTH_LED = re.compile(
    _MON
    + r"(?:\s+(?:the\s+)?(?P<d>\d{1,2})"
    + _ORD
    + r"\b(?:"
    + _RANGE
    + r"(?P<d2>\d{1,2})"
    + _ORD
    + r"\b)?(?![\d:]))?"
    + _YEAR_TAIL
)
_RE_MONTH_HEAD = re.compile(
    r"(?:\b(?P<mod>early|mid|late|(?:the\s+)?end\s+of|beginning\s+of|start\s+of)[\s-]+)?"
    r"(?:\b(?P<pre>in|since|during|of|this|last|until|by)\s+)?\Z"
)
_RE_YEAR = re.compile(r"(?:19|20)\d\d(?!\d)")
_RE_YEAR_HEAD = re.compile(r"\b(?P<pre>in|since|during|early|late|mid|of|until|by)[\s-]+\Z")
# "on the 7th" anywhere; a bare "the 7th" only before punctuation or a joining word
# (not "the 2nd battalion")
_RE_ORDINAL = re.compile(
    r"the\s+(?P<d>\d{1,2})(?:st|nd|rd|th)\b"
    r"(?P<ok>(?=\s*(?:[,.;:)]|$|and\b|at\b|in\b|when\b|as\b|after\b|before\b)))?"
)
_RE_WEEKDAY = re.compile(r"(?P<wd>(?:mon|tues|wednes|thurs|fri|satur|sun)day|thurs|tues)\b\.?" + _PART)
_RE_WEEKDAY_HEAD = re.compile(r"\b(?P<mod>last|this|past|previous|next|on)\s+\Z")
_RE_AGO = re.compile(r"(?P<unit>day|week|month|year|decade)s?\s+(?P<dir>ago|earlier|before|later|after)\b")
_RE_AGO_HEAD = re.compile(r"\b(?P<n>\d{1,3}|" + _trie_regex(_NUMBER_WORDS) + r")\s+\Z")
_RELATIVE_WORDS = [
    "yesterday",
    "the day before yesterday",
    "today",
    "tonight",
    "this morning",
    "this afternoon",
    "this evening",
    "last night",
    "late last night",
    "overnight",
    "last week",
    "this week",
    "earlier this week",
    "the past week",
    "last weekend",
    "the weekend",
    "this weekend",
    "last month",
    "this month",
    "earlier this month",
    "the past month",
    "last year",
    "this year",
    "earlier this year",
    "the previous day",
    "the day before",
    "the previous night",
    "the previous evening",
    "the night before",
    "the following day",
    "the next day",
    "the following morning",
    "the next morning",
    "the following night",
    "earlier that day",
    "later that day",
    "earlier in the day",
    "the same day",
    "that day",
    "that night",
    "the previous week",
    "the following week",
]
_RE_RELATIVE = re.compile(
    r"\b(?P<w>" + _trie_regex(_RELATIVE_WORDS) + r")(?:\s+(?P<part>morning|afternoon|evening|night))?\b"
)

_MOD_SPAN = {
    "early": (1, 10),
    "beginning of": (1, 10),
    "start of": (1, 10),
    "mid": (11, 20),
    "late": (21, 31),
    "end of": (21, 31),
    "the end of": (21, 31),
}

# --------------------------------------------------------------------------- date arithmetic


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _add_months(d: dt.date, months: int) -> dt.date:
    idx = d.year * 12 + d.month - 1 + months
    y, m = divmod(idx, 12)
    return dt.date(y, m + 1, min(d.day, calendar.monthrange(y, m + 1)[1]))


def _safe_date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def resolve_weekday(weekday: int, published: dt.date, strictly_before: bool = False) -> dt.date:
    """The most recent ``weekday`` (0 = Monday) on or before ``published``."""
    back = (published.weekday() - weekday) % 7
    if back == 0 and strictly_before:
        back = 7
    return published - _D(days=back)


def _infer_year(month: int, day: int | None, published: dt.date | None) -> int | None:
    """The year that makes month/day the latest such date on or before ``published``."""
    if published is None:
        return None
    y = published.year
    if month > published.month or (month == published.month and day is not None and day > published.day):
        y -= 1
    return y


def _expand_year(y: int) -> int:
    if y >= 100:
        return y
    return 2000 + y if y < 70 else 1900 + y


# --------------------------------------------------------------------------- candidates

# A candidate: (start, end, start_date, end_date, precision, rank).  Higher rank
# wins an overlap between two patterns (explicit beats weekday beats relative).
# A precision "anchor:N:unit" marks an expression counted from the story's own
# date, resolved in a second pass.
_Cand = tuple[int, int, dt.date | None, dt.date | None, str | None, int]

_FLAGS = re.IGNORECASE
_RANK_EXPLICIT = 6


def _span(start: int, end: int, a: dt.date | None, b: dt.date | None, prec: str | None, rank: int) -> _Cand:
    if a is None or b is None:
        return (start, end, None, None, prec, rank)
    return (start, end, a, b, prec, rank)


def _month_ok(token: str, has_year: bool) -> int | None:
    """The month a token names, or None.

    Abbreviations and typos must be capitalised unless a year follows, and the
    words "may" and "march" only count capitalised (they are also a verb).
    """
    low = token.lower()
    month = MONTHS.get(low)
    if month is None:
        return None
    if token[0].islower() and not has_year and (low not in _MONTH_NAMES or low in ("may", "march")):
        return None
    return month


def _c_numeric(m: re.Match[str], text: str, pub: dt.date | None) -> _Cand | None:
    s = m.start()
    if s and (text[s - 1].isdigit() or text[s - 1] in "/.-"):
        return None
    raw = m.group(0)
    seps = {c for c in raw if not c.isdigit()}
    parts = re.split(r"[-/.]", raw)
    if len(parts) != 3 or len(seps) != 1:
        return None
    x, y, z = (int(p) for p in parts)
    if len(parts[0]) == 4:  # ISO year-month-day
        d = _safe_date(x, y, z)
    elif len(parts[0]) <= 2 and (len(parts[2]) == 4 or (len(parts[2]) == 2 and seps == {"/"})):
        day, month = (x, y) if y <= 12 else (y, x)  # day first, unless it cannot be
        d = _safe_date(_expand_year(z), month, day)
    else:
        return None
    if d is None or not 1900 <= d.year <= 2099:
        return None
    return _span(s, m.end(), d, d, "day", 9)


def _c_on_day_month(m: re.Match[str], text: str, pub: dt.date | None) -> _Cand | None:
    day, month = int(m["a"]), int(m["b"])
    if not (1 <= day <= 31 and 1 <= month <= 12):
        return None
    year = _infer_year(month, day, pub)
    start = m.start("a")
    if year is None:
        return _span(start, m.end(), None, None, "day", 8)
    d = _safe_date(year, month, day)
    return None if d is None else _span(start, m.end(), d, d, "day", 8)


def _c_dmy(m: re.Match[str], text: str, pub: dt.date | None) -> _Cand | None:
    s = m.start()
    if s and (text[s - 1].isdigit() or text[s - 1] in ",."):
        return None
    month = _month_ok(text[m.start("mon") : m.end("mon")], m["year"] is not None)
    if month is None:
        return None
    day = int(m["d"])
    day0: int | None = None
    if m["d2"]:
        day0, day = day, int(m["d2"])
        if not 1 <= day0 < day:
            return None
    if not 1 <= day <= 31:
        return None
    year = int(m["year"]) if m["year"] else _infer_year(month, day, pub)
    prec = "day" if day0 is None else "span"
    if year is None:
        return _span(s, m.end(), None, None, prec, 8)
    b = _safe_date(year, month, day)
    a = b if day0 is None else _safe_date(year, month, day0)
    if a is None or b is None:
        return None
    return _span(s, m.end(), a, b, prec, 8)


_RE_DAY_TOKEN = re.compile(r"\d{1,2}(?:st|nd|rd|th)?")


def _c_month_led(m: re.Match[str], text: str, pub: dt.date | None) -> _Cand | None:
    token = text[m.start("mon") : m.end("mon")]
    has_year = m["year"] is not None
    month = _month_ok(token, has_year)
    if month is None:
        return None
    if m["d"] is not None:
        return _mdy(m, month, pub)
    low = token.lower()
    head = _RE_MONTH_HEAD.search(m.string, max(0, m.start() - 24), m.start())
    mod = re.sub(r"\s+", " ", head["mod"]) if head and head["mod"] else ""
    pre = head["pre"] if head and head["pre"] else ""
    # a bare month name needs a year, a modifier or a preposition, and a real spelling
    if not (has_year or mod or pre):
        return None
    if not has_year and low not in _MONTH_NAMES and low != "sept":
        return None
    if low == "may" and not has_year and pre not in ("in", "since", "during", "until", "by"):
        return None
    start = head.start() if head is not None and (mod or pre == "last") else m.start()
    year: int | None
    if has_year:
        year = int(m["year"])
    elif pre == "last":
        year = None if pub is None else (pub.year - 1 if month >= pub.month else pub.year)
    else:
        year = _infer_year(month, None, pub)
    prec = "span" if mod else "month"
    if year is None:
        return _span(start, m.end(), None, None, prec, 7)
    a = dt.date(year, month, 1)
    b = _month_end(year, month)
    if mod:
        lo, hi = _MOD_SPAN.get(mod, (1, 31))
        return _span(start, m.end(), a.replace(day=lo), b.replace(day=min(hi, b.day)), prec, 7)
    return _span(start, m.end(), a, b, prec, 7)


def _mdy(m: re.Match[str], month: int, pub: dt.date | None) -> _Cand | None:
    day = int(m["d"])
    if not 1 <= day <= 31:
        return None
    day2 = int(m["d2"]) if m["d2"] else None
    end = m.end()
    if day2 is not None and not day < day2 <= 31:
        day2 = None
        end = _RE_DAY_TOKEN.match(m.string, m.start("d")).end()  # type: ignore[union-attr]
    year = int(m["year"]) if m["year"] else _infer_year(month, day2 or day, pub)
    prec = "day" if day2 is None else "span"
    if year is None:
        return _span(m.start(), end, None, None, prec, 8)
    a = _safe_date(year, month, day)
    b = a if day2 is None else _safe_date(year, month, day2)
    return _span(m.start(), end, a, b, prec, 8)


def _c_year(m: re.Match[str], text: str, pub: dt.date | None) -> _Cand | None:
    s = m.start()
    if s and text[s - 1].isalnum():
        return None
    head = _RE_YEAR_HEAD.search(m.string, max(0, s - 10), s)
    if head is None:
        return None
    y = int(m.group(0))
    pre = head["pre"]
    if pre in ("early", "late", "mid"):
        lo, hi = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}[pre]
        return _span(head.start(), m.end(), dt.date(y, lo, 1), _month_end(y, hi), "span", 6)
    return _span(s, m.end(), dt.date(y, 1, 1), dt.date(y, 12, 31), "year", 6)


def _c_ordinal(m: re.Match[str], text: str, pub: dt.date | None) -> _Cand | None:
    s = m.start()
    if s and text[s - 1].isalnum():
        return None
    after_on = m.string.endswith("on ", max(0, s - 3), s)
    day = int(m["d"])
    if not 1 <= day <= 31 or not (after_on or m["ok"] is not None):
        return None
    if pub is None:
        return _span(s, m.end(), None, None, "day", 5)
    ref = pub if day <= pub.day else _add_months(pub.replace(day=1), -1)
    d = _safe_date(ref.year, ref.month, day)
    return None if d is None else _span(s, m.end(), d, d, "day", 5)


def _c_weekday(m: re.Match[str], text: str, pub: dt.date | None) -> _Cand | None:
    s = m.start()
    if s and text[s - 1].isalpha():
        return None
    wd = _WEEKDAYS[m["wd"]]
    end = m.end()
    if m.group(0).endswith(".") and m["wd"].endswith("day"):
        end -= 1
    head = _RE_WEEKDAY_HEAD.search(m.string, max(0, s - 10), s)
    mod = head["mod"] if head else ""
    start = head.start() if head is not None and mod != "on" else s
    if pub is None:
        return _span(start, end, None, None, "day", 4)
    if mod == "next":
        d = pub + _D(days=(wd - pub.weekday()) % 7 or 7)
    else:
        d = resolve_weekday(wd, pub, strictly_before=mod in ("last", "previous", "past"))
    return _span(start, end, d, d, "day", 4)


def _c_ago(m: re.Match[str], text: str, pub: dt.date | None) -> _Cand | None:
    head = _RE_AGO_HEAD.search(m.string, max(0, m.start() - 14), m.start())
    if head is None:
        return None
    n_text = re.sub(r"\s+", " ", head["n"])
    n = int(n_text) if n_text.isdigit() else _NUMBER_WORDS.get(n_text)
    if n is None:
        return None
    unit = m["unit"]
    direction = m["dir"]
    sign = -1 if direction in ("ago", "earlier", "before") else 1
    s, e = head.start(), m.end()
    if direction != "ago":
        # "two days later" counts from the story's own date
        return (s, e, None, None, f"anchor:{sign * n}:{unit}", 3)
    if pub is None:
        return _span(s, e, None, None, _UNIT_PREC[unit], 3)
    return _shift(s, e, pub, -n, unit, 3)


_UNIT_PREC = {"day": "day", "week": "week", "month": "month", "year": "year", "decade": "year"}


def _shift(start: int, end: int, ref: dt.date, n: int, unit: str, rank: int) -> _Cand:
    if unit == "day":
        d = ref + _D(days=n)
        return (start, end, d, d, "day", rank)
    if unit == "week":
        d = ref + _D(days=7 * n)
        monday = d - _D(days=d.weekday())
        return (start, end, monday, monday + _D(days=6), "week", rank)
    if unit == "month":
        d = _add_months(ref, n)
        return (start, end, d.replace(day=1), _month_end(d.year, d.month), "month", rank)
    y = ref.year + n * (10 if unit == "decade" else 1)
    return (start, end, dt.date(y, 1, 1), dt.date(y, 12, 31), "year", rank)


def _c_relative(m: re.Match[str], text: str, pub: dt.date | None) -> _Cand | None:
    w = re.sub(r"\s+", " ", m["w"])
    s, e = m.start(), m.end()
    if w in _ANAPHORA:
        return (s, e, None, None, f"anchor:{_ANAPHORA[w]}:day", 2)
    if pub is None:
        return (s, e, None, None, _REL_PREC.get(w, "day"), 2)
    p = pub
    if w in ("today", "tonight", "this morning", "this afternoon", "this evening"):
        return (s, e, p, p, "day", 2)
    if w in ("yesterday", "last night", "late last night"):
        d = p - _D(days=1)
        return (s, e, d, d, "day", 2)
    if w == "the day before yesterday":
        d = p - _D(days=2)
        return (s, e, d, d, "day", 2)
    if w == "overnight":
        return (s, e, p - _D(days=1), p, "span", 2)
    monday = p - _D(days=p.weekday())
    if w == "last week":
        return (s, e, monday - _D(days=7), monday - _D(days=1), "week", 2)
    if w == "the past week":
        return (s, e, p - _D(days=7), p, "span", 2)
    if w == "this week":
        return (s, e, monday, monday + _D(days=6), "week", 2)
    if w == "earlier this week":
        return (s, e, monday, p, "span", 2)
    if w in ("the weekend", "this weekend", "last weekend"):
        sat = resolve_weekday(5, p) if p.weekday() != 6 else p - _D(days=1)
        if w == "last weekend" and p.weekday() in (5, 6):
            sat -= _D(days=7)
        return (s, e, sat, min(sat + _D(days=1), max(p, sat)), "span", 2)
    if w == "last month":
        d = _add_months(p.replace(day=1), -1)
        return (s, e, d, _month_end(d.year, d.month), "month", 2)
    if w == "the past month":
        return (s, e, _add_months(p, -1), p, "span", 2)
    if w == "this month":
        return (s, e, p.replace(day=1), _month_end(p.year, p.month), "month", 2)
    if w == "earlier this month":
        return (s, e, p.replace(day=1), p, "span", 2)
    if w == "last year":
        return (s, e, dt.date(p.year - 1, 1, 1), dt.date(p.year - 1, 12, 31), "year", 2)
    if w == "this year":
        return (s, e, dt.date(p.year, 1, 1), dt.date(p.year, 12, 31), "year", 2)
    if w == "earlier this year":
        return (s, e, dt.date(p.year, 1, 1), p, "span", 2)
    return None


#: Expressions counted from the story's own date (days offset from the anchor).
_ANAPHORA = {
    "the previous day": -1,
    "the day before": -1,
    "the previous night": -1,
    "the previous evening": -1,
    "the night before": -1,
    "the following day": 1,
    "the next day": 1,
    "the following morning": 1,
    "the next morning": 1,
    "the following night": 1,
    "earlier that day": 0,
    "later that day": 0,
    "earlier in the day": 0,
    "the same day": 0,
    "that day": 0,
    "that night": 0,
    "the previous week": -7,
    "the following week": 7,
}
_REL_PREC = {
    "overnight": "span",
    "last week": "week",
    "this week": "week",
    "earlier this week": "span",
    "the past week": "span",
    "last weekend": "span",
    "the weekend": "span",
    "this weekend": "span",
    "last month": "month",
    "this month": "month",
    "earlier this month": "span",
    "the past month": "span",
    "last year": "year",
    "this year": "year",
    "earlier this year": "span",
}

_Resolver = Callable[[re.Match[str], str, dt.date | None], _Cand | None]

#: (gate, pattern, resolver): the pattern runs only when one of the gate's
#: substrings is in the lower-cased text (an empty gate always runs).
_PATTERNS: list[tuple[tuple[str, ...], re.Pattern[str], _Resolver]] = [
    (("/", "-", "."), _RE_NUMERIC, _c_numeric),
    (("/",), _RE_ON_DAY_MONTH, _c_on_day_month),
    ((), _RE_DMY, _c_dmy),
    ((), _RE_MONTH_LED, _c_month_led),
    (("19", "20"), _RE_YEAR, _c_year),
    (("st", "nd", "rd", "th"), _RE_ORDINAL, _c_ordinal),
    (("day", "thurs", "tues"), _RE_WEEKDAY, _c_weekday),
    ((" ago", "later", "earlier", "before", "after"), _RE_AGO, _c_ago),
    (("day", "night", "week", "month", "year", "morning", "evening", "afternoon"), _RE_RELATIVE, _c_relative),
]


def _lower(text: str) -> str:
    """``text`` lower-cased with its length (so every offset) unchanged."""
    low = text.lower()
    if len(low) != len(text):  # a few non-ASCII letters grow when lowered
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return low


def _candidates(text: str, pub: dt.date | None) -> list[_Cand]:
    low = _lower(text)
    cands: list[_Cand] = []
    for gate, rx, fn in _PATTERNS:
        if gate and not any(g in low for g in gate):
            continue
        for m in rx.finditer(low):
            c = fn(m, text, pub)
            if c is not None:
                cands.append(c)
    return cands


# --------------------------------------------------------------------------- public API


def find_dates(document: Document, sentences: Sequence[Sentence] = ()) -> list[DateSpan]:
    """Return the date expressions in the document, in text order, resolved where possible.

    ``text == document.text[start:end]`` holds for every span. ``sentences`` is
    accepted for the pipeline's signature; the patterns run over the whole text.
    """
    text = document.text
    if not text:
        return []
    pub = document.published
    cands = _candidates(text, pub)
    if not cands:
        return []
    # keep the best non-overlapping candidates: longer first, then higher rank
    cands.sort(key=lambda c: (-(c[1] - c[0]) - 1000 * (c[5] >= _RANK_EXPLICIT), -c[5], c[0]))
    taken: list[_Cand] = []
    for c in cands:
        if all(c[1] <= t[0] or c[0] >= t[1] for t in taken):
            taken.append(c)
    taken.sort(key=lambda c: c[0])
    taken = _drop_weekday_beside_date(text, taken)
    out: list[DateSpan] = []
    anchor = pub
    for s, e, a, b, prec, _rank in taken:
        if text[e - 1] == "." and _RE_FULL_MONTH_DOT.search(text, s, e):
            e -= 1  # "in March." ends the sentence; the full stop is not part of the date
        if prec is not None and prec.startswith("anchor:"):
            _, n_text, unit = prec.split(":")
            if anchor is None:
                out.append(DateSpan(text[s:e], s, e, None, None, _UNIT_PREC.get(unit, "day")))
                continue
            c = _shift(s, e, anchor, int(n_text), unit, 0)
            if unit == "day" and abs(int(n_text)) == 7:
                c = (s, e, anchor + _D(days=int(n_text)), anchor + _D(days=int(n_text)), "week", 0)
            s, e, a, b, prec = c[0], c[1], c[2], c[3], c[4]
        out.append(DateSpan(text[s:e], s, e, a, b, prec))
        if a is not None and prec == "day" and a == b:
            anchor = a
    return out


_RE_FULL_MONTH_DOT = re.compile(r"(?:" + "|".join(_MONTH_NAMES) + r")\.$", _FLAGS)


def _drop_weekday_beside_date(text: str, cands: list[_Cand]) -> list[_Cand]:
    """ "Friday, 7 March 2025": the weekday names the explicit date beside it; keep one span."""
    out: list[_Cand] = []
    for i, c in enumerate(cands):
        if c[5] == 4:
            nxt = cands[i + 1] if i + 1 < len(cands) else None
            prv = cands[i - 1] if i else None
            if nxt is not None and nxt[5] >= 5 and re.fullmatch(r"[\s,]*(?:the\s+)?", text[c[1] : nxt[0]]):
                continue
            if prv is not None and prv[5] >= 5 and re.fullmatch(r"\s*[,(]\s*", text[prv[1] : c[0]]):
                continue
        out.append(c)
    return out


_RE_BACKGROUND = re.compile(r"\b(?:month|year|decade)s?\s+ago\b|\blast\s+year\b|\bsince\b", _FLAGS)


def is_background(date: DateSpan, published: dt.date | None = None) -> bool:
    """True for a date that recalls the past ("14 years ago", "last year") rather than dating the story."""
    if _RE_BACKGROUND.search(date.text):
        return True
    if published is not None and date.end_date is not None:
        return (published - date.end_date).days > 62
    return False


def event_dates(dates: Sequence[DateSpan], published: dt.date | None = None) -> list[DateSpan]:
    """The dates that can date the story's events (background recollections left out)."""
    return [d for d in dates if not is_background(d, published)]


def date_for_span(
    dates: Sequence[DateSpan],
    start: int,
    end: int,
    sentences: Sequence[Sentence] = (),
    published: dt.date | None = None,
) -> DateSpan | None:
    """The date for the text in ``[start, end)``.

    The nearest date expression before ``end`` in the same sentence, else the
    nearest preceding one in the same paragraph, else the document's first
    explicit (day-precision, resolved) date, else its first resolved day
    ("Thursday"), else ``published`` (as a span with empty text at 0), else
    ``None``. Background dates ("three months ago") are skipped.
    """
    usable = event_dates(dates, published)
    sent = _containing(sentences, start)
    if sent is not None:
        lo, hi = sent.start, sent.end
        same = [d for d in usable if lo <= d.start and d.end <= max(hi, end)]
        before = [d for d in same if d.start < end]
        if before:
            return before[-1]
        if same:
            return same[0]
        para = [s for s in sentences if s.paragraph == sent.paragraph]
        plo = min(s.start for s in para)
        prev = [d for d in usable if plo <= d.start < lo]
        if prev:
            return prev[-1]
    else:
        # no sentences: the nearest date before the span, within 300 characters
        prev = [d for d in usable if d.start < end and start - d.end < 300]
        if prev:
            return prev[-1]
    for d in usable:
        if d.start_date is not None and d.precision == "day" and _is_explicit(d):
            return d
    for d in usable:  # no explicit date: the first resolved day ("Thursday") dates the story
        if d.start_date is not None and d.precision == "day":
            return d
    if published is not None:
        return DateSpan("", 0, 0, published, published, "day")
    return None


_RE_EXPLICIT = re.compile(r"\d|" + _trie_regex(MONTHS), _FLAGS)


def _is_explicit(d: DateSpan) -> bool:
    return _RE_EXPLICIT.search(d.text) is not None


def _containing(sentences: Sequence[Sentence], pos: int) -> Sentence | None:
    for s in sentences:
        if s.start <= pos < s.end:
            return s
    return None
