"""Running the readers over a text, choosing among overlapping candidates, and dating a span."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence

from tollwatch.dates.common import FLAGS, MONTH_NAMES, MONTHS, RANK_EXPLICIT, Cand, trie_regex
from tollwatch.dates.explicit import (
    RE_DMY,
    RE_MONTH_LED,
    RE_NUMERIC,
    RE_ON_DAY_MONTH,
    RE_ORDINAL,
    RE_YEAR,
    c_dmy,
    c_month_led,
    c_numeric,
    c_on_day_month,
    c_ordinal,
    c_year,
)
from tollwatch.dates.relative import (
    RE_AGO,
    RE_RELATIVE,
    RE_WEEKDAY,
    UNIT_PREC,
    c_ago,
    c_relative,
    c_weekday,
    shift,
)
from tollwatch.model import DateSpan, Document, Sentence

_Resolver = Callable[[re.Match[str], str, dt.date | None], Cand | None]

#: (gate, pattern, resolver): the pattern runs only when one of the gate's
#: substrings is in the lower-cased text (an empty gate always runs).
_PATTERNS: list[tuple[tuple[str, ...], re.Pattern[str], _Resolver]] = [
    (("/", "-", "."), RE_NUMERIC, c_numeric),
    (("/",), RE_ON_DAY_MONTH, c_on_day_month),
    ((), RE_DMY, c_dmy),
    ((), RE_MONTH_LED, c_month_led),
    (("19", "20"), RE_YEAR, c_year),
    (("st", "nd", "rd", "th"), RE_ORDINAL, c_ordinal),
    (("day", "thurs", "tues"), RE_WEEKDAY, c_weekday),
    ((" ago", "later", "earlier", "before", "after"), RE_AGO, c_ago),
    (("day", "night", "week", "month", "year", "morning", "evening", "afternoon"), RE_RELATIVE, c_relative),
]


def _lower(text: str) -> str:
    """``text`` lower-cased with its length (so every offset) unchanged."""
    low = text.lower()
    if len(low) != len(text):  # a few non-ASCII letters grow when lowered
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return low


def _candidates(text: str, pub: dt.date | None) -> list[Cand]:
    low = _lower(text)
    cands: list[Cand] = []
    for gate, rx, fn in _PATTERNS:
        if gate and not any(map(low.__contains__, gate)):
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
    cands.sort(key=lambda c: (-(c[1] - c[0]) - 1000 * (c[5] >= RANK_EXPLICIT), -c[5], c[0]))
    taken: list[Cand] = []
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
                out.append(DateSpan(text[s:e], s, e, None, None, UNIT_PREC.get(unit, "day")))
                continue
            c = shift(s, e, anchor, int(n_text), unit, 0)
            if unit == "day" and abs(int(n_text)) == 7:
                day = anchor + dt.timedelta(days=int(n_text))
                c = (s, e, day, day, "week", 0)
            s, e, a, b, prec = c[0], c[1], c[2], c[3], c[4]
        out.append(DateSpan(text[s:e], s, e, a, b, prec))
        if a is not None and prec == "day" and a == b:
            anchor = a
    return out


_RE_FULL_MONTH_DOT = re.compile(r"(?:" + "|".join(MONTH_NAMES) + r")\.$", FLAGS)


def _drop_weekday_beside_date(text: str, cands: list[Cand]) -> list[Cand]:
    """ "Friday, 7 March 2025": the weekday names the explicit date beside it; keep one span."""
    out: list[Cand] = []
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


_RE_BACKGROUND = re.compile(r"\b(?:month|year|decade)s?\s+ago\b|\blast\s+year\b|\bsince\b", FLAGS)


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


_RE_EXPLICIT = re.compile(r"\d|" + trie_regex(MONTHS), FLAGS)


def _is_explicit(d: DateSpan) -> bool:
    return _RE_EXPLICIT.search(d.text) is not None


def _containing(sentences: Sequence[Sentence], pos: int) -> Sentence | None:
    for s in sentences:
        if s.start <= pos < s.end:
            return s
    return None
