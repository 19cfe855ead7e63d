"""Analyst decisions: split a report out of an incident, or join two incidents.

A decision is stored as cannot-link (split) or must-link (join) pairs of event
keys in ``analyst_decisions``; the merge applies them on every run, so they
survive re-ingests and later reports. After storing, the affected events are
clustered again and their incidents reconciled at once.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from tollwatch.errors import ConfigError
from tollwatch.ledger import merge, reconcile
from tollwatch.ledger.query import find_incident
from tollwatch.ledger.store import (
    AnalystDecision,
    AuditLog,
    DocumentAlias,
    DocumentRow,
    EventRow,
    Incident,
    IncidentReport,
)


def _incident(session: Session, key: str) -> Incident:
    incident = find_incident(session, key)
    if incident is None:
        raise ConfigError(f"no incident {key!r}; list them with `tollwatch incidents`", code="E401")
    return incident


def _members(session: Session, incident: Incident) -> list[EventRow]:
    return list(
        session.scalars(
            select(EventRow)
            .join(IncidentReport, IncidentReport.event_id == EventRow.id)
            .where(IncidentReport.incident_id == incident.id)
        )
    )


def _document_id(session: Session, input_id: str) -> int:
    doc_id = session.scalar(select(DocumentRow.id).where(DocumentRow.input_id == input_id))
    if doc_id is None:
        doc_id = session.scalar(select(DocumentAlias.document_id).where(DocumentAlias.input_id == input_id))
    if doc_id is None:
        raise ConfigError(f"no report {input_id!r} in the ledger", code="E402")
    return doc_id


def _apply(session: Session, event_ids: set[int]) -> list[str]:
    touched = merge.recluster(session, merge.component(session, event_ids))
    reconcile.reconcile_incidents(session, touched)
    return sorted(i.key for i in touched)


def split(session: Session, key: str, report: str, note: str | None = None) -> list[str]:
    """Take ``report`` out of incident ``key``; returns the incidents it now spans."""
    incident = _incident(session, key)
    doc_id = _document_id(session, report)
    members = _members(session, incident)
    mine = [e for e in members if e.document_id == doc_id]
    if not mine:
        raise ConfigError(f"report {report!r} does not support incident {incident.key}", code="E403")
    others = [e for e in members if e.document_id != doc_id]
    for a in mine:
        for b in others:
            session.add(AnalystDecision(kind="split", event_a=a.event_key, event_b=b.event_key, note=note))
    session.add(AuditLog(action="split", detail={"incident": incident.key, "report": report}))
    session.flush()
    return _apply(session, {e.id for e in members})


def join(session: Session, key1: str, key2: str, note: str | None = None) -> list[str]:
    """Merge incidents ``key1`` and ``key2``; returns the resulting incident ids."""
    first, second = _incident(session, key1), _incident(session, key2)
    if first.id == second.id:
        return [first.key]
    a, b = _members(session, first), _members(session, second)
    for x in a:
        for y in b:
            session.add(AnalystDecision(kind="join", event_a=x.event_key, event_b=y.event_key, note=note))
    session.add(AuditLog(action="join", detail={"incidents": [first.key, second.key]}))
    session.flush()
    return _apply(session, {e.id for e in a + b})
