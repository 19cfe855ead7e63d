"""What the service changes, shared by the API and the dashboard's forms.

Ingest goes through :func:`tollwatch.ledger.ingest.ingest` (the CLI's path),
splits and joins through :mod:`tollwatch.ledger.decisions`, reviews through
:mod:`tollwatch.ledger.reviews`; each call is one transaction.
"""

from __future__ import annotations

import json
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from tollwatch.errors import ConfigError, InputError
from tollwatch.ledger import decisions, reconcile, reviews
from tollwatch.ledger.ingest import ingest
from tollwatch.ledger.query import find_incident
from tollwatch.ledger.store import DocumentAlias, DocumentRow, FigureRow, Incident, IncidentReport
from tollwatch.model import Document
from tollwatch.read import Reject, parse_record, reject_from_error
from tollwatch.serve.auth import ApiError, Caller
from tollwatch.serve.data import incidents_of_document

MAX_COUNT = 10_000_000


class DocumentIn(BaseModel):
    """A report, the same shape as a line of a JSON Lines input (other fields are ignored)."""

    model_config = ConfigDict(extra="allow")
    id: str = Field(min_length=1, max_length=500)
    text: str = Field(min_length=1)
    published: str | None = Field(default=None, description="YYYY-MM-DD or an ISO timestamp")
    title: str | None = None
    url: str | None = None
    source: str | None = None


class ReviewIn(BaseModel):
    action: Literal["accept", "reject", "correct"]
    low: int | None = Field(default=None, ge=0, le=MAX_COUNT)
    best: int | None = Field(default=None, ge=0, le=MAX_COUNT)
    high: int | None = Field(default=None, ge=0, le=MAX_COUNT)
    reason: str = Field(min_length=1, max_length=2000)

    @model_validator(mode="after")
    def _values(self) -> ReviewIn:
        if self.action != "correct":
            return self
        if self.best is None:
            raise ValueError("a correction needs 'best' (and optionally 'low' and 'high')")
        low = self.low if self.low is not None else self.best
        high = self.high if self.high is not None else self.best
        if not low <= self.best <= high:
            raise ValueError("a correction needs low <= best <= high")
        return self


class SplitIn(BaseModel):
    report: str = Field(min_length=1, max_length=500, description="input id of the report to take out")
    reason: str = Field(min_length=1, max_length=2000)


class MergeIn(BaseModel):
    other: str = Field(min_length=1, max_length=500, description="id of the incident to merge with")
    reason: str = Field(min_length=1, max_length=2000)


def ingest_documents(engine: Engine, records: list[DocumentIn]) -> dict[str, Any]:
    """Ingest ``records`` as the CLI would; returns their document and incident ids."""
    items: list[Document | Reject] = []
    for n, record in enumerate(records, start=1):
        raw = json.dumps(record.model_dump(exclude_none=True), ensure_ascii=False).encode("utf-8")
        try:
            items.append(parse_record(raw, origin=f"request:{n}"))
        except InputError as err:
            items.append(reject_from_error(err, n, raw.decode("utf-8")[:200]))
    stats = ingest(engine, items)
    rejected = [str(m) for m in stats.messages]
    ids = [item.id for item in items if isinstance(item, Document)]
    if not ids:
        raise ApiError(422, "rejected", "; ".join(rejected) or "no document could be read")
    with Session(engine) as session:
        stored = [_stored(session, input_id) for input_id in ids]
    return {"documents": stored, "rejects": rejected, "stats": stats.to_dict()}


def _stored(session: Session, input_id: str) -> dict[str, Any]:
    doc_id = session.scalar(select(DocumentRow.id).where(DocumentRow.input_id == input_id))
    alias = False
    if doc_id is None:
        doc_id = session.scalar(select(DocumentAlias.document_id).where(DocumentAlias.input_id == input_id))
        alias = doc_id is not None
    keys: list[str] = []
    if doc_id is not None:
        keys = list(
            session.scalars(
                select(Incident.key)
                .join(IncidentReport, IncidentReport.incident_id == Incident.id)
                .where(IncidentReport.document_id == doc_id)
                .distinct()
                .order_by(Incident.key)
            )
        )
    return {"id": input_id, "document_id": doc_id, "alias": alias, "incidents": keys}


def review(engine: Engine, figure_id: int, body: ReviewIn, who: Caller) -> dict[str, Any]:
    """Store a review of figure ``figure_id`` and reconcile the incidents its report supports."""
    assert who.principal is not None
    with Session(engine) as session, session.begin():
        figure = session.get(FigureRow, figure_id)
        if figure is None:
            raise ApiError(404, "not_found", f"no figure {figure_id}")
        incidents = incidents_of_document(session, figure.document_id)
        values = {"low": body.low, "best": body.best, "high": body.high}
        if body.action == "correct":
            values["low"] = body.low if body.low is not None else body.best
            values["high"] = body.high if body.high is not None else body.best
        reviews.review_figure(
            session,
            figure,
            body.action,
            who.principal,
            body.reason,
            values,
            incidents[0].key if incidents else None,
        )
        reconcile.reconcile_incidents(session, incidents)
        result = {
            "figure": figure_id,
            "action": body.action,
            "incidents": [
                {"id": i.key, "killed": _est(i, "killed"), "injured": _est(i, "injured")} for i in incidents
            ],
        }
    return result


def _est(i: Incident, measure: str) -> dict[str, int | None]:
    return {k: getattr(i, f"{measure}_{k}") for k in ("low", "best", "high")}


def _decision_error(err: ConfigError) -> ApiError:
    status = {"E401": 404, "E402": 404, "E403": 409}.get(err.code, 400)
    return ApiError(status, "not_found" if status == 404 else "conflict", err.message)


def split(engine: Engine, key: str, body: SplitIn, who: Caller) -> dict[str, Any]:
    assert who.principal is not None
    with Session(engine) as session, session.begin():
        try:
            keys = decisions.split(session, key, body.report, note=body.reason)
        except ConfigError as err:
            raise _decision_error(err) from None
        after = {"incidents": keys}
        reviews.log_decision(session, who.principal, "split", {"incident": key, "report": body.report},
                             after, body.reason, key)  # fmt: skip
        for k in keys:
            if k != key:
                reviews.log_decision(
                    session, who.principal, "split", {"incident": key}, after, body.reason, k
                )
    return {"incidents": keys}


def merge(engine: Engine, key: str, body: MergeIn, who: Caller) -> dict[str, Any]:
    assert who.principal is not None
    with Session(engine) as session, session.begin():
        if find_incident(session, key) is None:
            raise ApiError(404, "not_found", f"no incident {key!r}")
        try:
            keys = decisions.join(session, key, body.other, note=body.reason)
        except ConfigError as err:
            raise _decision_error(err) from None
        before = {"incidents": [key, body.other]}
        for k in sorted({key, body.other, *keys}):
            reviews.log_decision(session, who.principal, "merge", before, {"incidents": keys}, body.reason, k)
    return {"incidents": keys}
