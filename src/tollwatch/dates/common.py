"""Vocabulary (month and weekday names, number words), date arithmetic and the candidate tuple
that the explicit and relative readers share."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterable

# --------------------------------------------------------------------------- vocabulary

MONTH_NAMES = [
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
    for i, name in enumerate(MONTH_NAMES, 1):
        if len(name) >= 5:
            for t in _typos(name):
                months.setdefault(t, i)
    # real words that a typo of a month name would swallow
    for word in ("marh", "june", "juen", "julu"):
        months.pop(word, None)
    for i, name in enumerate(MONTH_NAMES, 1):
        months[name] = i
    months.update(_MONTH_EXTRA)
    return months


MONTHS: dict[str, int] = _build_months()


def trie_regex(words: Iterable[str]) -> str:
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


ORD = r"(?:st|nd|rd|th)?"

WEEKDAYS = {
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

NUMBER_WORDS = {
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

PART = r"(?:\s+(?P<part>morning|afternoon|evening|night|midnight|dawn))?"


# --------------------------------------------------------------------------- date arithmetic


def month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def add_months(d: dt.date, months: int) -> dt.date:
    idx = d.year * 12 + d.month - 1 + months
    y, m = divmod(idx, 12)
    return dt.date(y, m + 1, min(d.day, calendar.monthrange(y, m + 1)[1]))


def safe_date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def resolve_weekday(weekday: int, published: dt.date, strictly_before: bool = False) -> dt.date:
    """The most recent ``weekday`` (0 = Monday) on or before ``published``."""
    back = (published.weekday() - weekday) % 7
    if back == 0 and strictly_before:
        back = 7
    return published - dt.timedelta(days=back)


def infer_year(month: int, day: int | None, published: dt.date | None) -> int | None:
    """The year that makes month/day the latest such date on or before ``published``."""
    if published is None:
        return None
    y = published.year
    if month > published.month or (month == published.month and day is not None and day > published.day):
        y -= 1
    return y


def expand_year(y: int) -> int:
    if y >= 100:
        return y
    return 2000 + y if y < 70 else 1900 + y


# --------------------------------------------------------------------------- candidates

# A candidate: (start, end, start_date, end_date, precision, rank).  Higher rank
# wins an overlap between two patterns (explicit beats weekday beats relative).
# A precision "anchor:N:unit" marks an expression counted from the story's own
# date, resolved in a second pass.
Cand = tuple[int, int, dt.date | None, dt.date | None, str | None, int]

FLAGS = re.IGNORECASE
RANK_EXPLICIT = 6


def cand(start: int, end: int, a: dt.date | None, b: dt.date | None, prec: str | None, rank: int) -> Cand:
    if a is None or b is None:
        return (start, end, None, None, prec, rank)
    return (start, end, a, b, prec, rank)


def month_ok(token: str, has_year: bool) -> int | None:
    """The month a token names, or None.

    Abbreviations and typos must be capitalised unless a year follows, and the
    words "may" and "march" only count capitalised (they are also a verb).
    """
    low = token.lower()
    month = MONTHS.get(low)
    if month is None:
        return None
    if token[0].islower() and not has_year and (low not in MONTH_NAMES or low in ("may", "march")):
        return None
    return month
