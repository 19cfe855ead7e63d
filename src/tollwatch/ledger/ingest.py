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
from tollwatch.ledger.rows import document_row, event_rows, figure_values, place_values
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
from tollwatch.model import Document, Extraction
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

    def add(self, other: IngestStats) -> None:
        """Add what another part of the run did (a batch stored in another process)."""
        self.documents += other.documents
        self.aliases += other.aliases
        self.skipped += other.skipped
        self.rejects += other.rejects
        self.incidents_touched += other.incidents_touched
        self.messages += other.messages

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
    writer: str = "inline",
) -> IngestStats:
    """Store ``items`` (from :func:`tollwatch.read.iter_documents`) and merge them.

    ``on_batch(done, rejected)`` is called after each committed batch (for a
    progress bar). ``workers`` > 1 extracts through a Dask bag of processes.

    Each batch is first read and extracted (input ids already stored are left
    out, so a resumed run does not extract them again), then stored and merged
    in one transaction, which checks the ids again: another run may have stored
    some meanwhile. ``writer`` says where the batches are stored: ``"inline"``
    (here, one after the other), ``"process"`` (a second process stores each
    batch while this one extracts the next: see :mod:`tollwatch.ledger.writer`)
    or ``"auto"`` (a second process when the machine has more than one CPU, the
    input fills more than one batch and the database is a file or a server).
    The stored rows are the same either way.
    """
    from tollwatch.ledger.writer import open_writer

    run = extractor or _default_extractor()
    stats = IngestStats()
    chunks = batches(items, batch)
    first = next(chunks, None)
    if first is None:
        return stats
    store = open_writer(writer, engine, stats, on_batch, more=len(first) >= batch)
    ok = False
    try:
        store.put(_prepare(engine, first, run, workers))
        for chunk in chunks:
            store.put(_prepare(engine, chunk, run, workers))
        ok = True
    finally:
        store.close(ok)
    return stats


@dataclass(slots=True)
class Prepared:
    """A batch read and extracted, not yet stored."""

    size: int
    rejects: list[Reject]
    #: Documents not stored before, each with its extraction (or its extraction's reject).
    fresh: list[tuple[Document, Extraction | Reject]]
    skipped: int


def _prepare(engine: Engine, chunk: list[Document | Reject], run: Extractor, workers: int) -> Prepared:
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
    return Prepared(len(chunk), rejects, list(zip(fresh, results, strict=True)), len(docs) - len(fresh))


def commit(engine: Engine, ready: Prepared, stats: IngestStats, planner: Planner) -> tuple[int, int]:
    """Store one prepared batch in one transaction, adding what it did to ``stats``; returns
    ``(batch size, records rejected)``."""
    before, documents = stats.rejects, stats.documents
    with Session(engine) as session, session.begin():
        _ingest_batch(session, ready, stats)
    planner.grown(stats.documents - documents)
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


class Planner:
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
        self.documents = 0

    def grown(self, new: int) -> None:
        """Count ``new`` documents stored; analyze when the run's total has doubled."""
        self.documents += new
        if self.next is None or self.documents < self.next:
            return
        self.next = 2 * self.documents
        quote = self.engine.dialect.identifier_preparer.quote
        names = ", ".join(quote(model.__tablename__) for model in _GROWING)
        with self.engine.begin() as conn:
            conn.exec_driver_sql(f"ANALYZE {names}")


def _ingest_batch(session: Session, ready: Prepared, stats: IngestStats) -> None:
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
    rows = [document_row(doc, result, digest) for digest, (doc, result) in firsts.items()]
    new_ids = bulk_insert(session, DocumentRow, rows, key="input_id")
    stored.update((digests[input_id], doc_id) for input_id, doc_id in new_ids.items())
    stats.documents += len(rows)
    _store_aliases(session, later, {d.id: stored[digests[d.id]] for d in later}, stats)
    figures, places, events, identity_by_key = [], [], [], {}
    for digest, (doc, result) in firsts.items():
        doc_id = stored[digest]
        figures += [figure_values(f, doc_id, result.extractor_version) for f in result.figures]
        places += [place_values(p, doc_id) for p in result.places]
        mine = event_rows(doc_id, doc, result)
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
