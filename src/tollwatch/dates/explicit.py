"""Explicit dates: numeric and ISO dates, day-month-year, month-led dates, bare months, years and
ordinal days (``on the 7th``). Each reader turns a regex match into a candidate."""

from __future__ import annotations

import datetime as dt
import re

from tollwatch.dates.common import (
    MONTH_NAMES,
    MONTHS,
    ORD,
    Cand,
    add_months,
    cand,
    expand_year,
    infer_year,
    month_end,
    month_ok,
    safe_date,
    trie_regex,
)

# --------------------------------------------------------------------------- patterns
# Speed: every pattern runs over the lower-cased text (same length, same offsets)
# without re.IGNORECASE, and each starts with a literal or a digit so that the
# regex engine can skip ahead; context before a match (a modifier such as
# "early" or "last") is read from a short slice afterwards.  Cheap substring
# gates skip the patterns a text cannot match.

_MON = r"\b(?P<mon>" + trie_regex(MONTHS) + r")\b\.?"
_YEAR_TAIL = r"(?:,?\s+(?P<year>(?:19|20)\d\d)(?!\d))?"
_RANGE = r"\s*(?:-|–|to|and|&)\s*"

RE_NUMERIC = re.compile(r"\d{1,4}[-/.]\d{1,2}[-/.]\d{2,4}(?![\d/])")
# on 15/04 (no year): only after "on", where a ratio cannot stand
RE_ON_DAY_MONTH = re.compile(r"\bon\s+(?P<a>\d{1,2})/(?P<b>\d{1,2})(?![\d/])")
# 7 March 2025, 7th of March, 10-12 March 2021, 10 and 11 Aug
RE_DMY = re.compile(
    r"(?P<d>\d{1,2})"
    + ORD
    + r"(?:"
    + _RANGE
    + r"(?P<d2>\d{1,2})"
    + ORD
    + r")?(?:\s+of)?\s+"
    + _MON
    + _YEAR_TAIL
)
# March 7, 2025; Sept 1st 2019; August 10 and 11; March 2025; (in) March
RE_MONTH_LED = re.compile(
    _MON
    + r"(?:\s+(?:the\s+)?(?P<d>\d{1,2})"
    + ORD
    + r"\b(?:"
    + _RANGE
    + r"(?P<d2>\d{1,2})"
    + ORD
    + r"\b)?(?![\d:]))?"
    + _YEAR_TAIL
)
_RE_MONTH_HEAD = re.compile(
    r"(?:\b(?P<mod>early|mid|late|(?:the\s+)?end\s+of|beginning\s+of|start\s+of)[\s-]+)?"
    r"(?:\b(?P<pre>in|since|during|of|this|last|until|by)\s+)?\Z"
)
RE_YEAR = re.compile(r"(?:19|20)\d\d(?!\d)")
_RE_YEAR_HEAD = re.compile(r"\b(?P<pre>in|since|during|early|late|mid|of|until|by)[\s-]+\Z")
# "on the 7th" anywhere; a bare "the 7th" only before punctuation or a joining word
# (not "the 2nd battalion")
RE_ORDINAL = re.compile(
    r"the\s+(?P<d>\d{1,2})(?:st|nd|rd|th)\b"
    r"(?P<ok>(?=\s*(?:[,.;:)]|$|and\b|at\b|in\b|when\b|as\b|after\b|before\b)))?"
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


def c_numeric(m: re.Match[str], text: str, pub: dt.date | None) -> Cand | None:
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
        d = safe_date(x, y, z)
    elif len(parts[0]) <= 2 and (len(parts[2]) == 4 or (len(parts[2]) == 2 and seps == {"/"})):
        day, month = (x, y) if y <= 12 else (y, x)  # day first, unless it cannot be
        d = safe_date(expand_year(z), month, day)
    else:
        return None
    if d is None or not 1900 <= d.year <= 2099:
        return None
    return cand(s, m.end(), d, d, "day", 9)


def c_on_day_month(m: re.Match[str], text: str, pub: dt.date | None) -> Cand | None:
    day, month = int(m["a"]), int(m["b"])
    if not (1 <= day <= 31 and 1 <= month <= 12):
        return None
    year = infer_year(month, day, pub)
    start = m.start("a")
    if year is None:
        return cand(start, m.end(), None, None, "day", 8)
    d = safe_date(year, month, day)
    return None if d is None else cand(start, m.end(), d, d, "day", 8)


def c_dmy(m: re.Match[str], text: str, pub: dt.date | None) -> Cand | None:
    s = m.start()
    if s and (text[s - 1].isdigit() or text[s - 1] in ",."):
        return None
    month = month_ok(text[m.start("mon") : m.end("mon")], m["year"] is not None)
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
    year = int(m["year"]) if m["year"] else infer_year(month, day, pub)
    prec = "day" if day0 is None else "span"
    if year is None:
        return cand(s, m.end(), None, None, prec, 8)
    b = safe_date(year, month, day)
    a = b if day0 is None else safe_date(year, month, day0)
    if a is None or b is None:
        return None
    return cand(s, m.end(), a, b, prec, 8)


_RE_DAY_TOKEN = re.compile(r"\d{1,2}(?:st|nd|rd|th)?")


def c_month_led(m: re.Match[str], text: str, pub: dt.date | None) -> Cand | None:
    token = text[m.start("mon") : m.end("mon")]
    has_year = m["year"] is not None
    month = month_ok(token, has_year)
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
    if not has_year and low not in MONTH_NAMES and low != "sept":
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
        year = infer_year(month, None, pub)
    prec = "span" if mod else "month"
    if year is None:
        return cand(start, m.end(), None, None, prec, 7)
    a = dt.date(year, month, 1)
    b = month_end(year, month)
    if mod:
        lo, hi = _MOD_SPAN.get(mod, (1, 31))
        return cand(start, m.end(), a.replace(day=lo), b.replace(day=min(hi, b.day)), prec, 7)
    return cand(start, m.end(), a, b, prec, 7)


def _mdy(m: re.Match[str], month: int, pub: dt.date | None) -> Cand | None:
    day = int(m["d"])
    if not 1 <= day <= 31:
        return None
    day2 = int(m["d2"]) if m["d2"] else None
    end = m.end()
    if day2 is not None and not day < day2 <= 31:
        day2 = None
        end = _RE_DAY_TOKEN.match(m.string, m.start("d")).end()  # type: ignore[union-attr]
    year = int(m["year"]) if m["year"] else infer_year(month, day2 or day, pub)
    prec = "day" if day2 is None else "span"
    if year is None:
        return cand(m.start(), end, None, None, prec, 8)
    a = safe_date(year, month, day)
    b = a if day2 is None else safe_date(year, month, day2)
    return cand(m.start(), end, a, b, prec, 8)


def c_year(m: re.Match[str], text: str, pub: dt.date | None) -> Cand | None:
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
        return cand(head.start(), m.end(), dt.date(y, lo, 1), month_end(y, hi), "span", 6)
    return cand(s, m.end(), dt.date(y, 1, 1), dt.date(y, 12, 31), "year", 6)


def c_ordinal(m: re.Match[str], text: str, pub: dt.date | None) -> Cand | None:
    s = m.start()
    if s and text[s - 1].isalnum():
        return None
    after_on = m.string.endswith("on ", max(0, s - 3), s)
    day = int(m["d"])
    if not 1 <= day <= 31 or not (after_on or m["ok"] is not None):
        return None
    if pub is None:
        return cand(s, m.end(), None, None, "day", 5)
    ref = pub if day <= pub.day else add_months(pub.replace(day=1), -1)
    d = safe_date(ref.year, ref.month, day)
    return None if d is None else cand(s, m.end(), d, d, "day", 5)
