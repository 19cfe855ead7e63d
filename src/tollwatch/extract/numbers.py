"""Reading numbers out of text: digits, number words, vague words, ranges, qualifiers.

This stage knows nothing about casualties: it finds every :class:`Quantity`
in a string, with its offsets, its bounds and how the words bound it. The
figures stage decides which of them count people killed or hurt.

Conventions (the word lists live in ``data/lexicon``):

* exact ``n``: low = best = high = n.
* ``at_least n``: low = best = n, high unknown.
* ``more_than n``: low = n (ACLED codes "more than 600" as 600), best = n + 1.
* ``at_most n`` ("nearly", "up to"): low unknown, best = high = n.
* ``approx n`` ("about", "some", vague words): low = best = high = n.
* ranges "12 to 19": low 12, high 19, best the midpoint rounded down; "at least 11 and
  up to 15" (a floor and a ceiling stated together) is the range 11–15.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from tollwatch.model import Quantity
from tollwatch.text.alternation import by_first_char

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}  # fmt: skip
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
_NUMWORDS = {**_UNITS, **_TENS, **_SCALES, "dozen": 12}


def _load_tsv(name: str) -> list[list[str]]:
    text = resources.files("tollwatch.data.lexicon").joinpath(name).read_text(encoding="utf-8")
    return [ln.split("\t") for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]


VAGUE: dict[str, tuple[int, int, str]] = {
    row[0]: (int(row[1]), int(row[2]), row[3]) for row in _load_tsv("vague.tsv")
}
QUALIFIERS: dict[str, str] = {row[0]: row[1] for row in _load_tsv("qualifiers.tsv")}

# Speed: the word lists are grouped by first letter (see by_first_char), the same match.
_NW = by_first_char(sorted(_NUMWORDS, key=len, reverse=True), re.I)
_NUMWORD_RUN = (
    rf"(?:(?:a|an)\s+(?=(?:hundred|thousand|dozen)\b))?(?:{_NW})"
    rf"(?:(?:\s+and\s+|\s*-\s*|\s+)(?:{_NW})\b)*"
)
_DIGITS = r"\d{1,3}(?:,\d{3})+(?![\d])|\d+(?:\.\d+)?"
_ONE_NUM = rf"(?:{_DIGITS}|{_NUMWORD_RUN})"
_VAGUE_WORDS = by_first_char([re.escape(v) for v in sorted(VAGUE, key=len, reverse=True)], re.I)
_QUAL_WORDS = by_first_char([re.escape(q) for q in sorted(QUALIFIERS, key=len, reverse=True)], re.I)

_QUANTITY = re.compile(
    rf"""(?ix)
    (?<![\w$£€#/:-])(?<!\d\.)(?<!\.\.)
    (?P<qual>(?:{_QUAL_WORDS})\s+)?
    (?:
        (?<=least\s)(?P<r5a>{_ONE_NUM}),?\s+(?:and|but|or)\s+(?:possibly\s+|perhaps\s+|potentially\s+)?
            (?:up\s+to|as\s+many\s+as)\s+(?P<r5b>{_ONE_NUM})
      | between\s+(?P<r1a>{_ONE_NUM})\s+and\s+(?P<r1b>{_ONE_NUM})
      | from\s+(?P<r2a>{_ONE_NUM})\s+to\s+(?P<r2b>{_ONE_NUM})
      | (?P<r3a>{_DIGITS}|{_NUMWORD_RUN})\s+(?:to|or)\s+(?P<r3b>{_ONE_NUM})(?!\s*(?:years?|-year))
      | (?P<r4a>{_DIGITS})\s*[-–—]\s*(?P<r4b>{_DIGITS})(?!\s*(?:years?|-year))
      | (?P<vague>{_VAGUE_WORDS})(?=\s+(?:of\s+)?[a-z])
      | (?P<num>{_ONE_NUM})
    )
    \b(?![.,]\d)
    """
)


def parse_number(text: str) -> int | None:
    """Return the value of a digit string or number words, or ``None``.

    >>> parse_number("1,018"), parse_number("twenty-one"), parse_number("a hundred and five")
    (1018, 21, 105)
    """
    t = text.strip().lower().replace("–", "-")
    if t and t[0].isdigit():
        t = t.replace(",", "")
        if "." in t:
            return None
        return int(t)
    total = 0
    current = 0
    seen = False
    for word in re.split(r"[\s-]+", t):
        if word in ("and", ""):
            continue
        if word in ("a", "an"):
            current = max(current, 1)
            continue
        if word in _UNITS:
            current += _UNITS[word]
        elif word in _TENS:
            current += _TENS[word]
        elif word == "dozen":
            current = max(current, 1) * 12
        elif word == "hundred":
            current = max(current, 1) * 100
        elif word in ("thousand", "million"):
            total += max(current, 1) * _SCALES[word]
            current = 0
        else:
            return None
        seen = True
    return total + current if seen else None


def _bounds(value: int, qualifier: str) -> tuple[int | None, int | None, int | None]:
    if qualifier == "at_least":
        return value, value, None
    if qualifier == "more_than":
        return value, value + 1, None
    if qualifier == "at_most":
        return None, value, value
    return value, value, value


def find_quantities(text: str, offset: int = 0) -> list[Quantity]:
    """Return every number in ``text`` as a :class:`Quantity`, offsets shifted by ``offset``.

    Years, times, decimals and money are *not* filtered here (the figures
    stage judges context); they come out with ``kind`` set to ``digit``.
    """
    out: list[Quantity] = []
    for m in _QUANTITY.finditer(text):
        q = _from_match(m, offset)
        if q is not None:
            out.append(q)
    return out


def _from_match(m: re.Match[str], offset: int) -> Quantity | None:
    qual_text = (m.group("qual") or "").strip().lower()
    qualifier = QUALIFIERS.get(qual_text, "exact")
    start, end = m.start(), m.end()
    if qual_text == "some" and m.group("num") is None and m.group("vague") is None:
        qualifier = "approx"
    for a, b in (("r5a", "r5b"), ("r1a", "r1b"), ("r2a", "r2b"), ("r3a", "r3b"), ("r4a", "r4b")):
        if m.group(a):
            if a == "r5a":
                qualifier = "exact"  # "at least 11 and up to 15": both ends are stated
            lo, hi = parse_number(m.group(a)), parse_number(m.group(b))
            if lo is None or hi is None:
                return None
            if hi < lo:
                if a == "r4a":
                    return None  # "1990-91" style or a score: not a range of people
                lo, hi = hi, lo
            best = (lo + hi) // 2
            q_lo = None if qualifier == "at_most" else lo
            q_hi = None if qualifier in ("at_least", "more_than") else hi
            return Quantity(
                offset + start, offset + end, m.group(0), q_lo, best, q_hi,
                qualifier if qualifier != "exact" else "approx", kind="range",
            )  # fmt: skip
    if m.group("vague"):
        low, best, vq = VAGUE[m.group("vague").lower()]
        q = qualifier if qualifier != "exact" else vq
        lo, mid, hi = _bounds(low, q)
        if q == "approx":
            hi = None  # "dozens" has no stated ceiling
        return Quantity(
            offset + start, offset + end, m.group(0), lo, best if lo else mid, hi, q, True, "vague"
        )
    raw = m.group("num")
    value = parse_number(raw)
    if value is None:
        return None
    kind = "digit" if raw[0].isdigit() else "word"
    if qual_text == "some" and kind == "word" and value == 1:
        return None
    lo, mid, hi = _bounds(value, qualifier)
    return Quantity(offset + start, offset + end, m.group(0), lo, mid, hi, qualifier, False, kind)


@lru_cache(maxsize=64)
def word_value(word: str) -> int | None:
    """The value of one number word ("three" → 3), cached."""
    return _NUMWORDS.get(word.lower())
