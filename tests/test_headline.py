"""Headline figures: read when the body's toll leaves the dead uncounted, or counts fewer.

Every sentence here is written for the test.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from tollwatch.extract.figures import find_figures
from tollwatch.ledger.ingest import ingest
from tollwatch.ledger.rows import figure_from_row
from tollwatch.ledger.store import FigureRow, open_engine
from tollwatch.model import Document
from tollwatch.pipeline import extract
from tollwatch.serve.text import segments
from tollwatch.text.segment import segment

_BODY = (
    "Officers were called to a house on Larkspur Lane in Dunmore on Tuesday evening. "
    "Investigators said the handgun belonged to a relative. No arrests have been made."
)


def _doc(title: str | None, text: str = _BODY) -> Document:
    return Document(id="h1", text=text, title=title, published=dt.date(2016, 5, 4))


def _killed(text: str) -> list[int | None]:
    doc = Document(id="s", text=text)
    return [f.best for f in find_figures(doc, segment(text)) if f.measure == "killed"]


def _spans_hold(doc: Document, figures: list) -> bool:
    return all(f.text == (getattr(doc, f.span_field) or "")[f.start : f.end] for f in figures)


def test_an_age_alone_names_one_victim() -> None:
    assert _killed("Police said the 4-year-old died at a hospital in Dunmore.") == [1]
    assert _killed("A 9-month-old dies after a shooting in Dunmore") == [1]


def test_an_ampersand_joins_shot_and_killed() -> None:
    assert _killed("Woman Shot & Killed In Dunmore") == [1]


def test_a_headline_comma_joins_shot_and_killed() -> None:
    assert _killed("Dunmore man shot, killed outside his home") == [1]


def test_the_headline_gives_the_toll_the_body_does_not_state() -> None:
    doc = _doc("Toddler dies after being shot at Dunmore home")
    result = extract(doc)
    assert result.killed.best == 1
    assert result.events[0].killed.best == 1
    head = [f for f in result.figures if f.span_field == "title"]
    assert head and all(f.id.startswith("h") for f in head)
    assert _spans_hold(doc, result.figures)
    assert {f["span_field"] for f in result.to_dict()["figures"]} == {"title"}


def test_a_smaller_headline_count_never_lowers_the_body() -> None:
    body = _BODY + " Two men were killed in the shooting."
    result = extract(_doc("Man dies after shooting at Dunmore home", body))
    assert result.killed.best == 2
    assert all(f.span_field == "text" for f in result.figures)


def test_a_headline_total_wins_over_a_body_that_counts_some_of_the_dead() -> None:
    body = _BODY + " Deputies found two bodies in the kitchen."
    doc = _doc("Three dead after shooting at Dunmore home", body)
    result = extract(doc)
    assert result.killed.best == 3
    assert result.events[0].killed.best == 3
    assert any(f.span_field == "title" and f.best == 3 for f in result.figures)
    assert _spans_hold(doc, result.figures)


def test_deaths_told_only_as_background_leave_the_headline_to_count() -> None:
    # the body tells a death only as the suspect's past ("a man who was charged … for killing …")
    body = _BODY + " Neighbors said the suspect is a man who was charged in 2012 for killing his cousin."
    result = extract(_doc("Boy shot and killed at Dunmore home", body))
    assert any(f.span_field == "text" and f.scope == "background" for f in result.figures)
    assert result.killed.best == 1
    assert any(f.span_field == "title" for f in result.figures)


def test_a_body_that_tells_of_deaths_is_not_overruled_by_its_headline() -> None:
    # the body's own reading (here: deaths on separate days, a running count) wins
    body = _BODY + " Two teenagers died in separate shootings in Dunmore this week."
    result = extract(_doc("Two Dunmore teens die in shootings", body))
    assert all(f.span_field == "text" for f in result.figures)


def test_a_headline_the_body_repeats_is_read_once() -> None:
    title = "Officers were called to a house on Larkspur Lane"
    result = extract(_doc(title))
    assert result.killed.best is None
    assert all(f.span_field == "text" for f in result.figures)


def test_no_headline_no_count() -> None:
    assert extract(_doc(None)).killed.best is None
    assert extract(_doc("Police investigate Dunmore shooting")).killed.best is None


def test_the_ledger_keeps_a_headline_span(tmp_path: Path) -> None:
    doc = _doc("Toddler dies after being shot at Dunmore home")
    engine = open_engine(str(tmp_path / "ledger.db"))
    try:
        ingest(engine, [doc])
        with Session(engine) as s:
            rows = list(s.scalars(select(FigureRow).where(FigureRow.span_field == "title")))
            assert rows
            back = [figure_from_row(r) for r in rows]
    finally:
        engine.dispose()
    assert all(f.span_field == "title" for f in back)
    assert _spans_hold(doc, back)


def test_a_headline_figure_is_marked_in_the_headline_only() -> None:
    title = "Toddler dies after shooting"
    text = "Toddler dies after shooting, police said."
    fig = {"id": 7, "start": 0, "end": 12, "text": "Toddler dies", "span_field": "title"}
    assert all(p.figure is None for p in segments(text, [fig]))
    marked = [p for p in segments(title, [fig], field="title") if p.figure is not None]
    assert [p.text for p in marked] == ["Toddler dies"]


def test_a_headline_of_bare_nouns_joined_by_a_comma_is_a_list() -> None:
    result = extract(_doc("Father, 5-Year-Old Daughter Shot & Killed In Dunmore"))
    assert result.killed.best == 2


def test_an_apposition_still_tells_who_the_one_victim_was() -> None:
    text = "Deputies shot and killed Ray Mendel, a 40-year-old farmer from Dunmore."
    assert extract(Document(id="s", text=text)).killed.best == 1
    assert extract(Document(id="s", text="One person, a 12-year-old boy, was killed.")).killed.best == 1
