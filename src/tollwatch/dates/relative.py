"""Dates relative to publication: weekdays, ``three days ago``, ``yesterday``, ``last week``, and
the anaphoric expressions (``the following day``) counted from the story's own date."""

from __future__ import annotations

import datetime as dt
import re

from tollwatch.dates.common import (
    NUMBER_WORDS,
    PART,
    WEEKDAYS,
    Cand,
    add_months,
    cand,
    month_end,
    resolve_weekday,
    trie_regex,
)

RE_WEEKDAY = re.compile(r"(?P<wd>(?:mon|tues|wednes|thurs|fri|satur|sun)day|thurs|tues)\b\.?" + PART)
_RE_WEEKDAY_HEAD = re.compile(r"\b(?P<mod>last|this|past|previous|next|on)\s+\Z")
RE_AGO = re.compile(r"(?P<unit>day|week|month|year|decade)s?\s+(?P<dir>ago|earlier|before|later|after)\b")
_RE_AGO_HEAD = re.compile(r"\b(?P<n>\d{1,3}|" + trie_regex(NUMBER_WORDS) + r")\s+\Z")
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
RE_RELATIVE = re.compile(
    r"\b(?P<w>" + trie_regex(_RELATIVE_WORDS) + r")(?:\s+(?P<part>morning|afternoon|evening|night))?\b"
)


def c_weekday(m: re.Match[str], text: str, pub: dt.date | None) -> Cand | None:
    s = m.start()
    if s and text[s - 1].isalpha():
        return None
    wd = WEEKDAYS[m["wd"]]
    end = m.end()
    if m.group(0).endswith(".") and m["wd"].endswith("day"):
        end -= 1
    head = _RE_WEEKDAY_HEAD.search(m.string, max(0, s - 10), s)
    mod = head["mod"] if head else ""
    start = head.start() if head is not None and mod != "on" else s
    if pub is None:
        return cand(start, end, None, None, "day", 4)
    if mod == "next":
        d = pub + dt.timedelta(days=(wd - pub.weekday()) % 7 or 7)
    else:
        d = resolve_weekday(wd, pub, strictly_before=mod in ("last", "previous", "past"))
    return cand(start, end, d, d, "day", 4)


def c_ago(m: re.Match[str], text: str, pub: dt.date | None) -> Cand | None:
    head = _RE_AGO_HEAD.search(m.string, max(0, m.start() - 14), m.start())
    if head is None:
        return None
    n_text = re.sub(r"\s+", " ", head["n"])
    n = int(n_text) if n_text.isdigit() else NUMBER_WORDS.get(n_text)
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
        return cand(s, e, None, None, UNIT_PREC[unit], 3)
    return shift(s, e, pub, -n, unit, 3)


UNIT_PREC = {"day": "day", "week": "week", "month": "month", "year": "year", "decade": "year"}


def shift(start: int, end: int, ref: dt.date, n: int, unit: str, rank: int) -> Cand:
    if unit == "day":
        d = ref + dt.timedelta(days=n)
        return (start, end, d, d, "day", rank)
    if unit == "week":
        d = ref + dt.timedelta(days=7 * n)
        monday = d - dt.timedelta(days=d.weekday())
        return (start, end, monday, monday + dt.timedelta(days=6), "week", rank)
    if unit == "month":
        d = add_months(ref, n)
        return (start, end, d.replace(day=1), month_end(d.year, d.month), "month", rank)
    y = ref.year + n * (10 if unit == "decade" else 1)
    return (start, end, dt.date(y, 1, 1), dt.date(y, 12, 31), "year", rank)


def c_relative(m: re.Match[str], text: str, pub: dt.date | None) -> Cand | None:
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
        d = p - dt.timedelta(days=1)
        return (s, e, d, d, "day", 2)
    if w == "the day before yesterday":
        d = p - dt.timedelta(days=2)
        return (s, e, d, d, "day", 2)
    if w == "overnight":
        return (s, e, p - dt.timedelta(days=1), p, "span", 2)
    monday = p - dt.timedelta(days=p.weekday())
    if w == "last week":
        return (s, e, monday - dt.timedelta(days=7), monday - dt.timedelta(days=1), "week", 2)
    if w == "the past week":
        return (s, e, p - dt.timedelta(days=7), p, "span", 2)
    if w == "this week":
        return (s, e, monday, monday + dt.timedelta(days=6), "week", 2)
    if w == "earlier this week":
        return (s, e, monday, p, "span", 2)
    if w in ("the weekend", "this weekend", "last weekend"):
        sat = resolve_weekday(5, p) if p.weekday() != 6 else p - dt.timedelta(days=1)
        if w == "last weekend" and p.weekday() in (5, 6):
            sat -= dt.timedelta(days=7)
        return (s, e, sat, min(sat + dt.timedelta(days=1), max(p, sat)), "span", 2)
    if w == "last month":
        d = add_months(p.replace(day=1), -1)
        return (s, e, d, month_end(d.year, d.month), "month", 2)
    if w == "the past month":
        return (s, e, add_months(p, -1), p, "span", 2)
    if w == "this month":
        return (s, e, p.replace(day=1), month_end(p.year, p.month), "month", 2)
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
