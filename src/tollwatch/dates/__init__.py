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

from tollwatch.dates.common import resolve_weekday
from tollwatch.dates.resolve import date_for_span, event_dates, find_dates, is_background

__all__ = [
    "date_for_span",
    "event_dates",
    "find_dates",
    "is_background",
    "resolve_weekday",
]
