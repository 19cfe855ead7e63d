"""A report's records as ledger rows: documents, figures, places and events (plain dicts for
bulk inserts, or ORM rows), and figures read back from their rows."""

from __future__ import annotations

from typing import Any

from tollwatch.ledger import merge
from tollwatch.ledger.store import FigureRow, PlaceRow, utcnow
from tollwatch.model import Document, Estimate, Event, Extraction, Figure, Mention, Place


def document_row(doc: Document, result: Extraction, digest: str) -> dict[str, Any]:
    return {
        "input_id": doc.id,
        "content_hash": digest,
        "url": doc.url,
        "title": doc.title,
        "published": doc.published,
        "source": doc.source,
        "text": doc.text,
        "language": result.language,
        "extractor_version": result.extractor_version,
        "ingested_at": utcnow(),
        "killed": result.killed.to_dict(),
        "injured": result.injured.to_dict(),
        "victims": {k: v.to_dict() for k, v in result.victims.items()},
        "acled_fatalities": result.acled_fatalities,
        "warnings": list(result.warnings),
    }


def figure_row(figure: Figure, document_id: int, extractor_version: str) -> FigureRow:
    """A :class:`Figure` as a row: every field kept, mentions as JSON."""
    return FigureRow(**figure_values(figure, document_id, extractor_version))


def figure_values(figure: Figure, document_id: int, extractor_version: str) -> dict[str, Any]:
    """:func:`figure_row` as a plain dict, for bulk inserts."""
    return dict(
        document_id=document_id,
        figure_id=figure.id,
        measure=figure.measure,
        low=figure.low,
        best=figure.best,
        high=figure.high,
        qualifier=figure.qualifier,
        group=figure.group,
        group_text=figure.group_text,
        scope=figure.scope,
        text=figure.text,
        start=figure.start,
        end=figure.end,
        sentence=figure.sentence,
        sentence_start=figure.sentence_start,
        mentions=[m.to_dict() for m in figure.mentions],
        source=figure.source,
        place=figure.place,
        subset_of=figure.subset_of,
        revises=figure.revises,
        confidence=figure.confidence,
        parts=list(figure.parts),
        part_of=figure.part_of,
        perpetrator=figure.perpetrator,
        number_start=figure.number_start,
        number_end=figure.number_end,
        unverified=figure.unverified,
        cue_start=figure.cue_start,
        extractor_version=extractor_version,
        span_field=figure.span_field,
    )


_PLACE_COLUMNS = frozenset(PlaceRow.__table__.columns.keys()) - {"id", "extra", "document_id"}


def place_row(place: Place, document_id: int) -> PlaceRow:
    """A :class:`Place` as a row; fields the schema lacks are kept in ``extra``."""
    return PlaceRow(**place_values(place, document_id))


def place_values(place: Place, document_id: int) -> dict[str, Any]:
    """:func:`place_row` as a plain dict, for bulk inserts."""
    data = place.to_dict()
    known = {k: data.get(k) for k in _PLACE_COLUMNS}
    extra = {k: v for k, v in data.items() if k not in _PLACE_COLUMNS}
    return {"document_id": document_id, "extra": extra, **known}


def figure_from_row(row: FigureRow) -> Figure:
    """The :class:`Figure` a row stores (the inverse of :func:`figure_row`)."""
    return Figure(
        id=row.figure_id,
        measure=row.measure,
        low=row.low,
        best=row.best,
        high=row.high,
        qualifier=row.qualifier,
        group=row.group,
        group_text=row.group_text,
        scope=row.scope,
        text=row.text,
        start=row.start,
        end=row.end,
        sentence=row.sentence,
        sentence_start=row.sentence_start,
        mentions=[Mention(m["start"], m["end"], m["text"]) for m in row.mentions or []],
        source=row.source,
        place=row.place,
        subset_of=row.subset_of,
        revises=row.revises,
        confidence=row.confidence,
        parts=list(row.parts or []),
        part_of=row.part_of,
        perpetrator=row.perpetrator,
        number_start=row.number_start,
        number_end=row.number_end,
        unverified=row.unverified,
        cue_start=row.cue_start,
        span_field=row.span_field or "text",
    )


def event_rows(doc_id: int, doc: Document, result: Extraction) -> list[dict[str, Any]]:
    events = list(result.events)
    synthetic = not events
    if synthetic:
        # A report without an event still belongs to an incident: it stands for itself.
        events = [
            Event(
                id=f"{doc.id}:e0",
                type="unknown",
                location=result.location,
                killed=result.killed,
                injured=result.injured,
                victims=dict(result.victims),
                start=0,
                end=len(doc.text),
            )
        ]
    out = []
    for ordinal, ev in enumerate(events):
        killed, injured = ev.killed, ev.injured
        if len(events) == 1 and killed.is_empty() and injured.is_empty():
            killed, injured = result.killed, result.injured
        out.append(_event_row(doc_id, doc, result, ev, ordinal, synthetic, killed, injured))
    parents = {f.id: {f.subset_of, f.part_of} - {None} for f in result.figures if f.measure == "killed"}
    mark_within(out, parents)
    return out


def mark_within(rows: list[dict[str, Any]], killed: dict[str, set[str | None]]) -> None:
    """Set ``within_ordinal`` on each event row of one report whose killed figures all belong
    to another of its events (or are subsets or parts of its figures) with a toll at least as
    large: a part of that event's toll. ``killed``: the report's killed figures, each with the
    figures it is a subset or part of. The largest such event holds it; between events with
    the same figures, the earlier one holds the later."""
    for row in rows:
        mine = set(row["figures"]) & killed.keys()
        best = row["killed"].get("best")
        if not mine or best is None:
            continue
        hosts = [
            other
            for other in rows
            if other is not row
            and all(f in other["figures"] or killed[f] & set(other["figures"]) for f in mine)
            and (other["killed"].get("best") or -1) >= best
            and (len(other["figures"]) > len(row["figures"]) or other["ordinal"] < row["ordinal"])
        ]
        if hosts:
            row["within_ordinal"] = max(hosts, key=lambda o: (o["killed"]["best"], -o["ordinal"]))["ordinal"]


def _event_row(
    doc_id: int,
    doc: Document,
    result: Extraction,
    ev: Event,
    ordinal: int,
    synthetic: bool,
    killed: Estimate,
    injured: Estimate,
) -> dict[str, Any]:
    place: Place | None = ev.location or result.location
    if place is None:
        # An invented or unresolved place still names where it happened: its text blocks and scores.
        place = next(
            (p for p in result.places if p.role == "event"), result.places[0] if result.places else None
        )
    start = ev.date.start_date if ev.date and ev.date.start_date else doc.published
    end = ev.date.end_date if ev.date and ev.date.end_date else start
    span_text = doc.text[ev.start : ev.end] if ev.end > ev.start else doc.text
    return dict(
        document_id=doc_id,
        event_key=f"{doc.id}#{ordinal}",
        ordinal=ordinal,
        synthetic=synthetic,
        type=ev.type or "unknown",
        sub_type=ev.sub_type,
        actors=[a.to_dict() for a in ev.actors],
        date_start=start,
        date_end=end,
        date_precision=ev.date.precision if ev.date else ("day" if start else None),
        date_text=ev.date.text if ev.date else None,
        location=place.to_dict() if place else {},
        place_key=merge.place_key(place),
        lat=place.lat if place else None,
        lon=place.lon if place else None,
        country=place.country if place else None,
        admin1=place.admin1 if place else None,
        admin2=place.admin2 if place else None,
        killed=killed.to_dict(),
        injured=injured.to_dict(),
        victims={k: v.to_dict() for k, v in ev.victims.items()},
        figures=list(ev.figures),
        start=ev.start,
        end=ev.end,
        within_ordinal=None,
        tokens=merge.tokens(f"{doc.title or ''} {span_text}"),
    )
