"""Reports into the ledger: idempotent, in transactional batches, resumable.

Each batch is one transaction: its documents, aliases, figures, places,
events and rejects are stored, the new events are merged into incidents and
the touched incidents reconciled, then it commits. A run killed half-way loses
at most the batch in flight; the next run skips every input id already stored
(as a document or an alias) and goes on. The same text under another input id
is stored once and linked as an alias.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine, delete, select
from sqlalchemy.orm import Session

from tollwatch.ledger import merge, reconcile
from tollwatch.ledger.store import (
    AuditLog,
    DocumentAlias,
    DocumentRow,
    EventRow,
    FigureRow,
    PlaceRow,
    RejectRow,
)
from tollwatch.model import Document, Estimate, Event, Extraction, Figure, Mention, Place
from tollwatch.read import REASON_CODES, Reject

#: Documents per transaction.
DEFAULT_BATCH = 100

Extractor = Callable[[Document], Extraction]


@dataclass(slots=True)
class IngestStats:
    """What one run did: counts of new rows, and of input ids skipped as already stored."""

    documents: int = 0
    aliases: int = 0
    skipped: int = 0
    rejects: int = 0
    incidents_touched: int = 0
    messages: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "aliases": self.aliases,
            "skipped": self.skipped,
            "rejects": self.rejects,
            "incidents_touched": self.incidents_touched,
        }


def content_hash(text: str) -> str:
    """sha256 of the text with whitespace runs collapsed: the identity of a report's content."""
    return hashlib.sha256(re.sub(r"\s+", " ", text).strip().encode("utf-8")).hexdigest()


def _default_extractor() -> Extractor:
    from tollwatch.pipeline import extract

    return extract


def batches(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    batch: list[Any] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def ingest(
    engine: Engine,
    items: Iterable[Document | Reject],
    *,
    batch: int = DEFAULT_BATCH,
    extractor: Extractor | None = None,
    workers: int = 1,
    on_batch: Callable[[int, int], None] | None = None,
) -> IngestStats:
    """Store ``items`` (from :func:`tollwatch.read.iter_documents`) and merge them.

    ``on_batch(done, rejected)`` is called after each committed batch (for a
    progress bar). ``workers`` > 1 extracts through a Dask bag of processes.
    """
    run = extractor or _default_extractor()
    stats = IngestStats()
    for chunk in batches(items, batch):
        before = stats.rejects
        with Session(engine) as session, session.begin():
            _ingest_batch(session, chunk, run, workers, stats)
        if on_batch is not None:
            on_batch(len(chunk), stats.rejects - before)
    return stats


def _ingest_batch(
    session: Session, chunk: list[Document | Reject], run: Extractor, workers: int, stats: IngestStats
) -> None:
    docs = [item for item in chunk if isinstance(item, Document)]
    for item in chunk:
        if isinstance(item, Reject):
            _store_reject(session, item, stats)
    known = _known_ids(session, [d.id for d in docs])
    fresh: list[Document] = []
    for doc in docs:
        if doc.id in known:
            stats.skipped += 1
            continue
        known.add(doc.id)
        fresh.append(doc)
    results = _extract_all(fresh, run, workers)
    new_events: list[EventRow] = []
    for doc, result in zip(fresh, results, strict=True):
        if isinstance(result, Reject):
            _store_reject(session, result, stats)
            continue
        if doc.origin:
            # An earlier run rejected this record (say, the extractor failed): it is read now.
            session.execute(delete(RejectRow).where(RejectRow.origin == doc.origin))
        new_events.extend(_store_document(session, doc, result, stats))
    session.flush()
    touched = merge.merge_events(session, new_events)
    reconcile.reconcile_incidents(session, touched)
    stats.incidents_touched += len(touched)
    if fresh or stats.rejects:
        session.add(
            AuditLog(
                action="ingest_batch",
                detail={"documents": [d.id for d in fresh], "incidents": sorted(i.key for i in touched)},
            )
        )


def _known_ids(session: Session, ids: list[str]) -> set[str]:
    if not ids:
        return set()
    found = set(session.scalars(select(DocumentRow.input_id).where(DocumentRow.input_id.in_(ids))))
    found |= set(session.scalars(select(DocumentAlias.input_id).where(DocumentAlias.input_id.in_(ids))))
    return found


def _extract_one(run: Extractor, doc: Document) -> Extraction | Reject:
    try:
        return run(doc)
    except Exception as exc:
        line = doc.origin.rsplit(":", 1)[-1]
        return Reject(
            doc.origin or doc.id,
            int(line) if line.isdigit() else 0,
            "extract_failed",
            f"document {doc.id!r} could not be processed: {type(exc).__name__}: {exc}",
        )


def _extract_all(docs: list[Document], run: Extractor, workers: int) -> list[Extraction | Reject]:
    if workers <= 1 or len(docs) < 2:
        return [_extract_one(run, d) for d in docs]
    import functools

    import dask.bag as db

    bag = db.from_sequence(docs, npartitions=min(workers, len(docs)))
    out = bag.map(functools.partial(_extract_one, run)).compute(scheduler="processes", num_workers=workers)
    return list(out)


def _store_reject(session: Session, reject: Reject, stats: IngestStats) -> None:
    exists = session.scalar(
        select(RejectRow.id).where(RejectRow.origin == reject.origin, RejectRow.reason == reject.reason)
    )
    if exists is not None:
        return
    session.add(
        RejectRow(
            origin=reject.origin,
            reason=reject.reason,
            code=REASON_CODES.get(reject.reason, "E100"),
            message=reject.message,
            raw=reject.raw,
        )
    )
    session.flush()
    stats.rejects += 1
    stats.messages.append(str(reject))


def _store_document(
    session: Session, doc: Document, result: Extraction, stats: IngestStats
) -> list[EventRow]:
    digest = content_hash(doc.text)
    same = session.scalar(select(DocumentRow).where(DocumentRow.content_hash == digest).limit(1))
    if same is not None:
        session.add(
            DocumentAlias(
                input_id=doc.id, document_id=same.id, url=doc.url, published=doc.published, source=doc.source
            )
        )
        stats.aliases += 1
        return []
    row = DocumentRow(
        input_id=doc.id,
        content_hash=digest,
        url=doc.url,
        title=doc.title,
        published=doc.published,
        source=doc.source,
        text=doc.text,
        language=result.language,
        extractor_version=result.extractor_version,
        killed=result.killed.to_dict(),
        injured=result.injured.to_dict(),
        victims={k: v.to_dict() for k, v in result.victims.items()},
        acled_fatalities=result.acled_fatalities,
        warnings=list(result.warnings),
    )
    session.add(row)
    session.flush()
    for figure in result.figures:
        session.add(figure_row(figure, row.id, result.extractor_version))
    for place in result.places:
        session.add(place_row(place, row.id))
    events = _event_rows(row, doc, result)
    session.add_all(events)
    stats.documents += 1
    return events


def figure_row(figure: Figure, document_id: int, extractor_version: str) -> FigureRow:
    """A :class:`Figure` as a row: every field kept, mentions as JSON."""
    return FigureRow(
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
    )


def place_row(place: Place, document_id: int) -> PlaceRow:
    """A :class:`Place` as a row; fields the schema lacks are kept in ``extra``."""
    data = place.to_dict()
    columns = set(PlaceRow.__table__.columns.keys())
    known = {k: v for k, v in data.items() if k in columns and k not in ("id", "extra")}
    extra = {k: v for k, v in data.items() if k not in known}
    return PlaceRow(document_id=document_id, extra=extra, **known)


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
    )


def _event_rows(row: DocumentRow, doc: Document, result: Extraction) -> list[EventRow]:
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
        out.append(_event_row(row, doc, result, ev, ordinal, synthetic, killed, injured))
    return out


def _event_row(
    row: DocumentRow,
    doc: Document,
    result: Extraction,
    ev: Event,
    ordinal: int,
    synthetic: bool,
    killed: Estimate,
    injured: Estimate,
) -> EventRow:
    place: Place | None = ev.location or result.location
    if place is None:
        # An invented or unresolved place still names where it happened: its text blocks and scores.
        place = next(
            (p for p in result.places if p.role == "event"), result.places[0] if result.places else None
        )
    start = ev.date.start_date if ev.date and ev.date.start_date else doc.published
    end = ev.date.end_date if ev.date and ev.date.end_date else start
    span_text = doc.text[ev.start : ev.end] if ev.end > ev.start else doc.text
    return EventRow(
        document_id=row.id,
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
        tokens=merge.tokens(f"{doc.title or ''} {span_text}"),
    )
