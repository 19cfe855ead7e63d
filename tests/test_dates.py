"""Date expressions: explicit, numeric, weekday and relative, resolved against the publication date.

All sentences are written for these tests.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tollwatch.dates import date_for_span, find_dates, is_background
from tollwatch.model import DateSpan, Document, Sentence

# a Saturday
PUB = dt.date(2024, 6, 15)


def _dates(text: str, published: dt.date | None = PUB) -> list[DateSpan]:
    doc = Document("t", text, published)
    found = find_dates(doc, [])
    for d in found:
        assert text[d.start : d.end] == d.text
    return found


def _one(text: str, published: dt.date | None = PUB) -> DateSpan:
    found = _dates(text, published)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "span", "day"),
    [
        ("Gunmen raided the market on 3 June 2024, witnesses said.", "3 June 2024", dt.date(2024, 6, 3)),
        ("The vote was held on June 3, 2024 in the capital.", "June 3, 2024", dt.date(2024, 6, 3)),
        ("The vote was held on the 3rd of June 2024.", "3rd of June 2024", dt.date(2024, 6, 3)),
        ("A court date was set for 4/6/2024 by the judge.", "4/6/2024", dt.date(2024, 6, 4)),
        ("The filing is dated 2024-06-04 in the registry.", "2024-06-04", dt.date(2024, 6, 4)),
        ("Traders marched through town on Sept 9th 2023.", "Sept 9th 2023", dt.date(2023, 9, 9)),
    ],
)
def test_explicit_dates(text: str, span: str, day: dt.date) -> None:
    d = _one(text)
    assert d.text == span
    assert d.start_date == d.end_date == day
    assert d.precision == "day"


def test_numeric_dates_read_day_first_unless_impossible() -> None:
    assert _one("Filed 05/04/2024.").start_date == dt.date(2024, 4, 5)
    # 13 cannot be a month: read month first
    assert _one("Filed 04/13/2024.").start_date == dt.date(2024, 4, 13)


def test_month_typos_and_abbreviations() -> None:
    d = _one("The herders returned on Octobr 5 to the wells.")
    assert d.text == "Octobr 5"
    assert d.start_date == dt.date(2023, 10, 5)  # October 2024 is after publication
    m = _one("Prices had risen since Sept 2021 in the valley.")
    assert (m.start_date, m.end_date, m.precision) == (dt.date(2021, 9, 1), dt.date(2021, 9, 30), "month")


def test_day_and_month_without_year_take_the_latest_year() -> None:
    assert _one("Students walked out on 10 June.").start_date == dt.date(2024, 6, 10)
    assert _one("Students walked out on 20 June.").start_date == dt.date(2023, 6, 20)


def test_ordinal_day_resolves_in_the_publication_month() -> None:
    d = _one("The market burned on the 12th, residents said.")
    assert d.text == "the 12th"
    assert d.start_date == dt.date(2024, 6, 12)
    assert _dates("Soldiers of the 2nd battalion patrolled the road.") == []


@pytest.mark.parametrize(
    ("text", "span", "day"),
    [
        ("Fighting broke out Thursday near the river.", "Thursday", dt.date(2024, 6, 13)),
        ("Shops were looted Friday night in the old town.", "Friday night", dt.date(2024, 6, 14)),
        # published on a Saturday: "Saturday" is that day
        ("The shelling stopped by Saturday morning.", "Saturday morning", dt.date(2024, 6, 15)),
        ("A bus was stopped on Sunday at a checkpoint.", "Sunday", dt.date(2024, 6, 9)),
        ("A bus was stopped last Saturday at a checkpoint.", "last Saturday", dt.date(2024, 6, 8)),
    ],
)
def test_weekdays_resolve_to_the_latest_such_day(text: str, span: str, day: dt.date) -> None:
    d = _one(text)
    assert (d.text, d.start_date, d.end_date, d.precision) == (span, day, day, "day")


@pytest.mark.parametrize(
    ("text", "start", "end", "precision"),
    [
        (
            "Two wells were poisoned yesterday, elders said.",
            dt.date(2024, 6, 14),
            dt.date(2024, 6, 14),
            "day",
        ),
        ("The camp was shelled overnight.", dt.date(2024, 6, 14), dt.date(2024, 6, 15), "span"),
        ("Raids continued last week in the north.", dt.date(2024, 6, 3), dt.date(2024, 6, 9), "week"),
        ("The road was cut earlier this month.", dt.date(2024, 6, 1), dt.date(2024, 6, 15), "span"),
        ("The dam failed last year after heavy rain.", dt.date(2023, 1, 1), dt.date(2023, 12, 31), "year"),
        ("The council was formed three months ago.", dt.date(2024, 3, 1), dt.date(2024, 3, 31), "month"),
        ("The war began 14 years ago.", dt.date(2010, 1, 1), dt.date(2010, 12, 31), "year"),
    ],
)
def test_relative_expressions(text: str, start: dt.date, end: dt.date, precision: str) -> None:
    d = _one(text)
    assert (d.start_date, d.end_date, d.precision) == (start, end, precision)


def test_anaphoric_days_count_from_the_story_date() -> None:
    found = _dates("On 2 May 2024 a convoy was hit. The following day the road was closed.")
    assert [d.start_date for d in found] == [dt.date(2024, 5, 2), dt.date(2024, 5, 3)]


def test_without_publication_date_relative_expressions_stay_unresolved() -> None:
    found = _dates("On 2 May 2024 the depot burned; more fires came Thursday and yesterday.", published=None)
    assert found[0].start_date == dt.date(2024, 5, 2)
    rest = found[1:]
    assert [d.text for d in rest] == ["Thursday", "yesterday"]
    assert all(d.start_date is None and d.end_date is None for d in rest)
    # a day and month with no year needs the reference date too
    assert _one("Students walked out on 10 June.", published=None).start_date is None


def test_background_dates_and_the_date_helper() -> None:
    text = "The rebels, who took the town two years ago, attacked it again Tuesday. Schools stayed shut."
    found = _dates(text)
    ago, tuesday = found
    assert is_background(ago, PUB)
    assert not is_background(tuesday, PUB)
    sents = [Sentence(0, 71, text[:71], 0), Sentence(72, len(text), text[72:], 0)]
    # a span in the first sentence takes its own date, not the recollection
    assert date_for_span(found, 11, 20, sents, PUB) is tuesday
    # the next sentence of the paragraph borrows it
    assert date_for_span(found, 80, 90, sents, PUB) is tuesday
    # no date at all: the publication date
    fallback = date_for_span([], 0, 5, sents, PUB)
    assert fallback is not None and fallback.start_date == PUB


def test_weekday_beside_an_explicit_date_is_not_repeated() -> None:
    found = _dates("The strike began on Monday, 10 June 2024 at dawn.")
    assert [d.text for d in found] == ["10 June 2024"]
