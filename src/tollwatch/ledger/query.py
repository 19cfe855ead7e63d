"""What the CLI and the exports read out of the ledger: plain dicts, a few queries each.

:func:`incident_records` is the one incident shape every export starts from
(the JSON Lines export writes it as it is).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, func, select, text
from sqlalchemy.orm import Session

from tollwatch import __version__
from tollwatch.ledger.light import TOLL_GROUPINGS as TOLL_GROUPINGS
from tollwatch.ledger.light import toll_records, tolls_sql
from tollwatch.ledger.store import (
    DocumentAlias,
    DocumentRow,
    EstimateHistory,
    EventRow,
    FigureRow,
    Incident,
    IncidentReport,
    RejectRow,
)


@dataclass(slots=True)
class Filters:
    """``tollwatch incidents`` filters; ``bbox`` is (min lon, min lat, max lon, max lat)."""

    country: str | None = None
    admin1: str | None = None
    type: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    bbox: tuple[float, float, float, float] | None = None


def _filtered(filters: Filters | None) -> Select[Any]:
    return where(select(Incident), filters or Filters()).order_by(Incident.date_start, Incident.key)


def where(stmt: Select[Any], f: Any) -> Select[Any]:
    """``stmt`` narrowed by ``f``'s country, admin1, type, since, until and bbox (any object with
    those attributes: the CLI's :class:`Filters`, the service's query parameters)."""
    if f.country:
        stmt = stmt.where(Incident.country == f.country.upper())
    if f.admin1:
        stmt = stmt.where(Incident.admin1 == f.admin1)
    if f.type:
        stmt = stmt.where(Incident.type == f.type)
    if f.since:
        stmt = stmt.where(Incident.date_start >= f.since)
    if f.until:
        stmt = stmt.where(Incident.date_start <= f.until)
    if f.bbox:
        w, s, e, n = f.bbox
        stmt = stmt.where(Incident.lon.between(w, e), Incident.lat.between(s, n))
    return stmt


def _est(incident: Incident, measure: str) -> dict[str, int | None]:
    return {k: getattr(incident, f"{measure}_{k}") for k in ("low", "best", "high")}


def dataset_version(session: Session) -> str:
    """``<tollwatch version>+<digest>``: the digest changes whenever any incident or toll does."""
    digest = hashlib.sha256()
    rows = session.execute(
        select(
            Incident.key, Incident.killed_low, Incident.killed_best, Incident.killed_high, Incident.n_reports
        ).order_by(Incident.key)
    )
    for row in rows:
        digest.update(repr(tuple(row)).encode())
    return f"{__version__}+{digest.hexdigest()[:12]}"


def _reports(session: Session, ids: list[int]) -> dict[int, list[tuple[str, bool, int]]]:
    """Per incident: (input id, primary, document id) of each supporting report and its aliases."""
    aliases: dict[int, list[str]] = defaultdict(list)
    for doc_id, input_id in session.execute(select(DocumentAlias.document_id, DocumentAlias.input_id)):
        aliases[doc_id].append(input_id)
    out: dict[int, list[tuple[str, bool, int]]] = defaultdict(list)
    rows = session.execute(
        select(IncidentReport.incident_id, DocumentRow.input_id, IncidentReport.primary, DocumentRow.id)
        .join(DocumentRow, DocumentRow.id == IncidentReport.document_id)
        .where(IncidentReport.incident_id.in_(ids))
        .order_by(DocumentRow.published, DocumentRow.input_id)
    )
    for incident_id, input_id, primary, doc_id in rows:
        for name in [input_id, *sorted(aliases.get(doc_id, []))]:
            out[incident_id].append((name, primary, doc_id))
    return out


def _histories(session: Session, keys: list[str]) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    rows = session.scalars(
        select(EstimateHistory)
        .where(EstimateHistory.incident_key.in_(keys))
        .order_by(EstimateHistory.changed_at, EstimateHistory.id)
    )
    for h in rows:
        out[h.incident_key].append(
            {
                "measure": h.measure,
                "low": h.low,
                "best": h.best,
                "high": h.high,
                "disputed": h.disputed,
                "changed_at": h.changed_at.isoformat() if h.changed_at else None,
                "reports": list(h.reports),
            }
        )
    return out


def _record(
    inc: Incident,
    reports: list[tuple[str, bool, int]],
    history: list[dict[str, Any]],
    version: str,
    within: list[str] | None = None,
) -> dict[str, Any]:
    return {
        "id": inc.key,
        "type": inc.type,
        "sub_type": inc.sub_type,
        "reports": _unique(r[0] for r in reports),
        "primary_reports": _unique(r[0] for r in reports if r[1]),
        "killed": _est(inc, "killed"),
        "injured": _est(inc, "injured"),
        "victims": dict(inc.victims or {}),
        "acled_fatalities": inc.killed_low or 0,
        "location": {
            "name": inc.location_name,
            "lat": inc.lat,
            "lon": inc.lon,
            "country": inc.country,
            "admin1": inc.admin1,
            "admin2": inc.admin2,
            "precision": inc.geo_precision,
            "where_prec": inc.where_prec,
        },
        "date": {
            "start": inc.date_start.isoformat() if inc.date_start else None,
            "end": inc.date_end.isoformat() if inc.date_end else None,
            "precision": inc.date_precision,
        },
        "actors": list(inc.actors or []),
        "disputed": inc.disputed,
        "claims": dict(inc.claims or {}),
        # Its toll is a part of these incidents' (see Incident.nested): sums leave it out.
        "nested": bool(inc.nested),
        "within": within or [],
        "history": history,
        "n_reports": inc.n_reports,
        "dataset_version": version,
    }


def _unique(items: Any) -> list[str]:
    return list(dict.fromkeys(items))


def incident_records(session: Session, filters: Filters | None = None) -> list[dict[str, Any]]:
    """Every incident (matching ``filters``) in the export shape, ordered by date then id."""
    incidents = list(session.scalars(_filtered(filters)))
    ids = [i.id for i in incidents]
    reports = _reports(session, ids) if ids else {}
    histories = _histories(session, [i.key for i in incidents]) if ids else {}
    version = dataset_version(session)
    within = containers(session, [i.id for i in incidents if i.nested])
    return [
        _record(i, reports.get(i.id, []), histories.get(i.key, []), version, within.get(i.id))
        for i in incidents
    ]


def containers(session: Session, ids: Sequence[int]) -> dict[int, list[str]]:
    """Per nested incident id: the keys of the incidents whose events hold its killed figures."""
    if not ids:
        return {}
    parts = session.execute(
        select(IncidentReport.incident_id, EventRow.document_id, EventRow.within_ordinal)
        .join(EventRow, EventRow.id == IncidentReport.event_id)
        .where(IncidentReport.incident_id.in_(list(ids)), EventRow.within_ordinal.is_not(None))
    ).all()
    wanted = {(doc, ordinal) for _, doc, ordinal in parts}
    docs = sorted({doc for doc, _ in wanted})
    holders: dict[tuple[int, int | None], str] = {}
    rows = session.execute(
        select(EventRow.document_id, EventRow.ordinal, Incident.key)
        .join(IncidentReport, IncidentReport.event_id == EventRow.id)
        .join(Incident, Incident.id == IncidentReport.incident_id)
        .where(EventRow.document_id.in_(docs))
    )
    for doc, ordinal, key in rows:
        if (doc, ordinal) in wanted:
            holders[(doc, ordinal)] = key
    out: dict[int, list[str]] = defaultdict(list)
    for incident_id, doc, within in parts:
        held = holders.get((doc, within))
        if held and held not in out[incident_id]:
            out[incident_id].append(held)
    return dict(out)


def sources_of(session: Session, incident_keys: Sequence[str]) -> dict[str, list[dict[str, Any]]]:
    """Per incident: its reports' source, title, url and publication date (for ACLED/UCDP columns)."""
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    rows = session.execute(
        select(Incident.key, DocumentRow)
        .join(IncidentReport, IncidentReport.incident_id == Incident.id)
        .join(DocumentRow, DocumentRow.id == IncidentReport.document_id)
        .where(Incident.key.in_(list(incident_keys)))
        .order_by(DocumentRow.published, DocumentRow.input_id)
    )
    for key, doc in rows:
        out[key].append(
            {
                "id": doc.input_id,
                "source": doc.source,
                "title": doc.title,
                "url": doc.url,
                "published": doc.published.isoformat() if doc.published else None,
                "lead": doc.text[:300],
            }
        )
    return out


def tolls(session: Session, by: str) -> list[dict[str, Any]]:
    """Killed and injured summed over incidents, grouped ``by`` country, admin1, day or week.

    The SQL is :func:`tollwatch.ledger.light.tolls_sql`, which the CLI also runs
    without SQLAlchemy over a SQLite file.
    """
    sql, names = tolls_sql(by)
    return toll_records(session.execute(text(sql)), names)


def find_incident(session: Session, key: str) -> Incident | None:
    """An incident by its id (``I…``), or the primary incident of a report's input id."""
    incident = session.scalar(select(Incident).where(Incident.key == key))
    if incident is not None:
        return incident
    doc_id = session.scalar(select(DocumentRow.id).where(DocumentRow.input_id == key))
    if doc_id is None:
        doc_id = session.scalar(select(DocumentAlias.document_id).where(DocumentAlias.input_id == key))
    if doc_id is None:
        return None
    return session.scalar(
        select(Incident)
        .join(IncidentReport, IncidentReport.incident_id == Incident.id)
        .where(IncidentReport.document_id == doc_id, IncidentReport.primary.is_(True))
    )


def show(session: Session, key: str) -> dict[str, Any] | None:
    """One incident: its record, plus each report's evidence and supporting sentences."""
    incident = find_incident(session, key)
    if incident is None:
        return None
    record = incident_records_by_keys(session, [incident.key])[0]
    rows = session.execute(
        select(IncidentReport, DocumentRow, EventRow)
        .join(DocumentRow, DocumentRow.id == IncidentReport.document_id)
        .join(EventRow, EventRow.id == IncidentReport.event_id)
        .where(IncidentReport.incident_id == incident.id)
        .order_by(DocumentRow.published, DocumentRow.input_id)
    )
    details = []
    for link, doc, ev in rows:
        why = dict(link.evidence or {})
        if why.get("via_event") is not None:
            via = session.get(EventRow, why["via_event"])
            why["via_report"] = _input_id(session, via.document_id) if via else None
        details.append(
            {
                "report": doc.input_id,
                "published": doc.published.isoformat() if doc.published else None,
                "source": doc.source,
                "title": doc.title,
                "primary": link.primary,
                "event": ev.event_key,
                "event_type": ev.type,
                "killed": ev.killed,
                "injured": ev.injured,
                "why": why,
                "sentences": _sentences(session, doc.id, ev),
            }
        )
    record["supporting"] = details
    return record


def _input_id(session: Session, doc_id: int) -> str | None:
    return session.scalar(select(DocumentRow.input_id).where(DocumentRow.id == doc_id))


def _sentences(session: Session, doc_id: int, ev: EventRow) -> list[dict[str, Any]]:
    wanted = set(ev.figures or [])
    figures = session.scalars(
        select(FigureRow).where(FigureRow.document_id == doc_id).order_by(FigureRow.start)
    )
    out = []
    for f in figures:
        if wanted and f.figure_id not in wanted:
            continue
        out.append(
            {
                "figure": f.figure_id,
                "measure": f.measure,
                "low": f.low,
                "best": f.best,
                "high": f.high,
                "text": f.text,
                "sentence": f.sentence,
                "source": f.source,
                "span_field": f.span_field or "text",
            }
        )
    return out


def incident_records_by_keys(session: Session, keys: Sequence[str]) -> list[dict[str, Any]]:
    incidents = list(session.scalars(select(Incident).where(Incident.key.in_(list(keys)))))
    ids = [i.id for i in incidents]
    reports = _reports(session, ids)
    histories = _histories(session, list(keys))
    version = dataset_version(session)
    within = containers(session, [i.id for i in incidents if i.nested])
    return [
        _record(i, reports.get(i.id, []), histories.get(i.key, []), version, within.get(i.id))
        for i in incidents
    ]


def rejects(session: Session) -> list[dict[str, Any]]:
    """Every stored reject, oldest first."""
    rows = session.scalars(select(RejectRow).order_by(RejectRow.id))
    return [
        {
            "code": r.code,
            "origin": r.origin,
            "reason": r.reason,
            "message": r.message,
            "raw": r.raw,
            "created_at": r.created_at.isoformat(),
        }
        for r in rows
    ]


def snapshot(session: Session) -> dict[str, Any]:
    """Counts and the incident partition (as sets of input ids): for tests and audits."""
    records = incident_records(session)
    return {
        "documents": session.scalar(select(func.count(DocumentRow.id))),
        "aliases": session.scalar(select(func.count(DocumentAlias.id))),
        "figures": session.scalar(select(func.count(FigureRow.id))),
        "incidents": sorted(
            json.dumps([sorted(r["reports"]), r["killed"], r["injured"], r["disputed"]]) for r in records
        ),
    }
