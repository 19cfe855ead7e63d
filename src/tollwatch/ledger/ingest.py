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

from tollwatch import settings
from tollwatch.ledger import merge, reconcile
from tollwatch.ledger.cluster import transient
from tollwatch.ledger.keys import merge_keys, toll_keys
from tollwatch.ledger.store import (
    AuditLog,
    BlockKey,
    DocumentAlias,
    DocumentRow,
    EstimateHistory,
    EventLink,
    EventRow,
    FigureRow,
    Incident,
    IncidentReport,
    PlaceRow,
    RejectRow,
    bulk_insert,
    read_in,
    rows_in,
    utcnow,
    within,
)
from tollwatch.model import Document, Estimate, Event, Extraction, Figure, Mention, Place
from tollwatch.read import REASON_CODES, Reject

#: Documents per transaction (see settings.INGEST_BATCH).
DEFAULT_BATCH = settings.INGEST_BATCH

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

    Each batch is first read and extracted (input ids already stored are left
    out, so a resumed run does not extract them again), then stored and merged
    in one transaction, which checks the ids again: another run may have stored
    some meanwhile. (Extracting the next batch in this thread while another
    stores the last one was tried and was slower: each of the store's many short
    database calls waited for the extraction to hand back the GIL.)
    """
    run = extractor or _default_extractor()
    stats = IngestStats()
    planner = _Planner(engine)
    for chunk in batches(items, batch):
        _report(on_batch, _commit(engine, _prepare(engine, chunk, run, workers), stats, planner))
    return stats


def _report(on_batch: Callable[[int, int], None] | None, done: tuple[int, int]) -> None:
    if on_batch is not None:
        on_batch(*done)


@dataclass(slots=True)
class _Prepared:
    """A batch read and extracted, not yet stored."""

    size: int
    rejects: list[Reject]
    #: Documents not stored before, each with its extraction (or its extraction's reject).
    fresh: list[tuple[Document, Extraction | Reject]]
    skipped: int


def _prepare(engine: Engine, chunk: list[Document | Reject], run: Extractor, workers: int) -> _Prepared:
    """Leave out input ids already stored, and extract the rest (no write, no transaction held)."""
    docs = [item for item in chunk if isinstance(item, Document)]
    with Session(engine) as session:
        known = _known_ids(session, [d.id for d in docs])
    fresh: list[Document] = []
    for doc in docs:
        if doc.id not in known:
            known.add(doc.id)
            fresh.append(doc)
    results = _extract_all(fresh, run, workers)
    rejects = [item for item in chunk if isinstance(item, Reject)]
    return _Prepared(len(chunk), rejects, list(zip(fresh, results, strict=True)), len(docs) - len(fresh))


def _commit(engine: Engine, ready: _Prepared, stats: IngestStats, planner: _Planner) -> tuple[int, int]:
    """Store one prepared batch in one transaction; returns ``(batch size, records rejected)``."""
    before = stats.rejects
    with Session(engine) as session, session.begin():
        _ingest_batch(session, ready, stats)
    planner.grown(stats.documents)
    return ready.size, stats.rejects - before


#: The tables an ingest fills.
_GROWING = (
    DocumentRow,
    DocumentAlias,
    FigureRow,
    PlaceRow,
    EventRow,
    BlockKey,
    EventLink,
    Incident,
    IncidentReport,
    EstimateHistory,
    RejectRow,
)


class _Planner:
    """Keeps PostgreSQL's planner statistics in step with a ledger that grows during the run.

    A fresh ledger's tables look empty to the planner until autovacuum analyzes
    them (a minute or more), so lookups by ``IN`` lists and updates by id stay
    sequential scans, each slower as the tables fill. The ledger's tables are
    analyzed after the first batch and whenever the documents stored by this
    run have doubled since: a few times per run, milliseconds each.
    """

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.next = 1 if engine.dialect.name == "postgresql" else None

    def grown(self, documents: int) -> None:
        if self.next is None or documents < self.next:
            return
        self.next = 2 * documents
        quote = self.engine.dialect.identifier_preparer.quote
        names = ", ".join(quote(model.__tablename__) for model in _GROWING)
        with self.engine.begin() as conn:
            conn.exec_driver_sql(f"ANALYZE {names}")


def _ingest_batch(session: Session, ready: _Prepared, stats: IngestStats) -> None:
    for reject in ready.rejects:
        _store_reject(session, reject, stats)
    # Ids stored since the batch was prepared (by the batch before it, or by another run).
    known = _known_ids(session, [doc.id for doc, _ in ready.fresh])
    stats.skipped += ready.skipped + len(known)
    fresh = [(doc, result) for doc, result in ready.fresh if doc.id not in known]
    good: list[tuple[Document, Extraction]] = []
    for doc, result in fresh:
        if isinstance(result, Reject):
            _store_reject(session, result, stats)
        else:
            good.append((doc, result))
    # An earlier run may have rejected these records (say, the extractor failed): they are read now.
    origins = sorted({doc.origin for doc, _ in good if doc.origin})
    if origins:
        session.execute(delete(RejectRow).where(within(session, RejectRow.origin, origins)))
    new_events, identity = _store_documents(session, good, stats)
    touched, members = merge.merge_events(session, new_events, identity)
    reconcile.reconcile_incidents(session, touched, members)
    stats.incidents_touched += len(touched)
    if fresh or stats.rejects:
        session.add(
            AuditLog(
                action="ingest_batch",
                detail={"documents": [d.id for d, _ in fresh], "incidents": sorted(i.key for i in touched)},
            )
        )


def _known_ids(session: Session, ids: list[str]) -> set[str]:
    if not ids:
        return set()
    sql = (
        "SELECT input_id FROM documents WHERE input_id {in_}"
        " UNION ALL SELECT input_id FROM document_aliases WHERE input_id {in_}"
    )
    return {i for (i,) in rows_in(session, sql, ids)}


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


def _stored_hashes(session: Session, digests: set[str]) -> dict[str, int]:
    out: dict[str, int] = {}
    for digest, doc_id in read_in(
        session, DocumentRow, ("content_hash", "id"), "content_hash", sorted(digests)
    ):
        out.setdefault(digest, doc_id)
    return out


def _store_documents(
    session: Session, good: list[tuple[Document, Extraction]], stats: IngestStats
) -> tuple[list[EventRow], dict[int, list[str]]]:
    """Insert the batch's documents, aliases, figures, places and events (a few statements in all).

    Returns the new events and, per event id, the identity keys of its report
    (on its first event only: they name the report's main incident).
    """
    digests = {doc.id: content_hash(doc.text) for doc, _ in good}
    stored = _stored_hashes(session, set(digests.values()))
    firsts: dict[str, tuple[Document, Extraction]] = {}
    later: list[Document] = []
    for doc, result in good:
        digest = digests[doc.id]
        if digest in stored or digest in firsts:
            later.append(doc)
        else:
            firsts[digest] = (doc, result)
    rows = [_document_row(doc, result, digest) for digest, (doc, result) in firsts.items()]
    new_ids = bulk_insert(session, DocumentRow, rows, key="input_id")
    stored.update((digests[input_id], doc_id) for input_id, doc_id in new_ids.items())
    stats.documents += len(rows)
    _store_aliases(session, later, {d.id: stored[digests[d.id]] for d in later}, stats)
    figures, places, events, identity_by_key = [], [], [], {}
    for digest, (doc, result) in firsts.items():
        doc_id = stored[digest]
        figures += [figure_values(f, doc_id, result.extractor_version) for f in result.figures]
        places += [place_values(p, doc_id) for p in result.places]
        mine = _event_rows(doc_id, doc, result)
        events += mine
        text_keys = merge_keys(f"{doc.title or ''}\n{doc.text}")
        identity_by_key[mine[0]["event_key"]] = text_keys + toll_keys(result.figures, doc.text)
    bulk_insert(session, FigureRow, figures)
    bulk_insert(session, PlaceRow, places)
    if not events:
        return [], {}
    ids = bulk_insert(session, EventRow, events, key="event_key")
    # Plain rows carrying their new ids: the merge reads them, the session never writes them again.
    new = [transient(EventRow, {"id": ids[row["event_key"]], **row}) for row in events]
    return new, {ev.id: identity_by_key[ev.event_key] for ev in new if ev.event_key in identity_by_key}


def _store_aliases(
    session: Session, docs: list[Document], targets: dict[str, int], stats: IngestStats
) -> None:
    rows = [
        {
            "input_id": d.id,
            "document_id": targets[d.id],
            "url": d.url,
            "published": d.published,
            "source": d.source,
            "ingested_at": utcnow(),
        }
        for d in docs
    ]
    bulk_insert(session, DocumentAlias, rows)
    stats.aliases += len(rows)


def _document_row(doc: Document, result: Extraction, digest: str) -> dict[str, Any]:
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


def _event_rows(doc_id: int, doc: Document, result: Extraction) -> list[dict[str, Any]]:
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
    _mark_within(out, parents)
    return out


def _mark_within(rows: list[dict[str, Any]], killed: dict[str, set[str | None]]) -> None:
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
