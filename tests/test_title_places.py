"""Places read from a headline when the body names no town. Every sentence here is written
for the test (the reports are fictional)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from tollwatch.ledger.ingest import ingest
from tollwatch.ledger.store import PlaceRow, open_engine
from tollwatch.model import Document
from tollwatch.pipeline import extract

_BODY = (
    "A three-year-old boy died on Sunday after he found a loaded handgun in a bedroom, "
    "officers said. Two adults in the house may face charges of negligent storage."
)


def _doc(title: str | None, text: str = _BODY) -> Document:
    return Document(id="t1", text=text, title=title, published=dt.date(2019, 6, 3))


def test_the_headline_places_a_report_whose_body_names_no_town() -> None:
    doc = _doc("Boy, 3, dies after finding gun at home in Lemoore")
    result = extract(doc)
    assert result.location is not None
    assert (result.location.name, result.location.admin1, result.location.span_field) == (
        "Lemoore",
        "California",
        "title",
    )
    assert result.events and result.events[0].location == result.location
    titled = [p for p in result.places if p.span_field == "title"]
    assert titled and all(p.text == (doc.title or "")[p.start : p.end] for p in titled)
    assert all(p.text == doc.text[p.start : p.end] for p in result.places if p.span_field == "text")


def test_a_town_in_the_body_wins_over_the_headline() -> None:
    body = "A boy, 3, died on Sunday in Hanford after he found a loaded handgun, officers said."
    result = extract(_doc("Boy dies after finding gun at home in Lemoore", body))
    assert result.location is not None and result.location.name == "Hanford"
    assert not [p for p in result.places if p.span_field == "title"]


def test_no_headline_no_place() -> None:
    result = extract(_doc(None))
    assert not [p for p in result.places if p.span_field == "title"]


def test_the_ledger_keeps_where_a_place_was_read(tmp_path: Path) -> None:
    engine = open_engine(f"sqlite:///{tmp_path / 'titles.db'}")
    ingest(engine, [_doc("Boy, 3, dies after finding gun at home in Lemoore")])
    with Session(engine) as session:
        rows = session.scalars(select(PlaceRow)).all()
        assert [(r.text, (r.extra or {}).get("span_field")) for r in rows if r.name == "Lemoore"] == [
            ("Lemoore", "title")
        ]
    engine.dispose()


def test_a_title_word_a_colon_ends_makes_no_person() -> None:
    result = extract(_doc("Sheriff: Catawba County woman dies after accidental shooting at home"))
    assert result.location is not None
    assert (result.location.name, result.location.admin1) == ("Catawba County", "North Carolina")
    # A title just before a name still makes a person: "Sheriff Catawba" is no place.
    person = extract(_doc("Woman dies after shooting, Sheriff Catawba Jones says"))
    assert not [p for p in person.places if p.text.startswith("Catawba")]
