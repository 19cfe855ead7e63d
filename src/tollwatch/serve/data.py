"""Queries the service's pages and API share: incident lists, one incident, figures to review.

Every filter is a bound parameter (SQLAlchemy expressions); nothing is built by
string formatting.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session

from tollwatch.ledger import query, reviews
from tollwatch.ledger.store import DocumentRow, EstimateHistory, FigureRow, Incident, IncidentReport

MAX_PER_PAGE = 500


@dataclass(slots=True)
class IncidentFilters:
    country: str | None = None
    admin1: str | None = None
    type: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    bbox: tuple[float, float, float, float] | None = None
    min_toll: int | None = None
    q: str | None = None

    def active(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name in ("country", "admin1", "type", "since", "until", "min_toll", "q"):
            value = getattr(self, name)
            if value not in (None, ""):
                out[name] = value.isoformat() if isinstance(value, dt.date) else value
        if self.bbox:
            out["bbox"] = ",".join(str(x) for x in self.bbox)
        return out


def _toll_expr() -> Any:
    return func.coalesce(Incident.killed_best, Incident.killed_low, Incident.killed_high)


def _where(stmt: Select[Any], f: IncidentFilters) -> Select[Any]:
    stmt = query.where(stmt, f)  # the same filters as `tollwatch incidents`
    if f.min_toll is not None:
        stmt = stmt.where(_toll_expr() >= f.min_toll)
    if f.q:
        pattern = "%" + f.q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        titles = (
            select(IncidentReport.incident_id)
            .join(DocumentRow, DocumentRow.id == IncidentReport.document_id)
            .where(DocumentRow.title.ilike(pattern, escape="\\"))
        )
        stmt = stmt.where(or_(Incident.location_name.ilike(pattern, escape="\\"), Incident.id.in_(titles)))
    return stmt


def _summary(inc: Incident, title: str | None) -> dict[str, Any]:
    return {
        "id": inc.key,
        "type": inc.type,
        "sub_type": inc.sub_type,
        "date": {
            "start": inc.date_start.isoformat() if inc.date_start else None,
            "end": inc.date_end.isoformat() if inc.date_end else None,
        },
        "location": {
            "name": inc.location_name,
            "lat": inc.lat,
            "lon": inc.lon,
            "country": inc.country,
            "admin1": inc.admin1,
        },
        "killed": {"low": inc.killed_low, "best": inc.killed_best, "high": inc.killed_high},
        "injured": {"low": inc.injured_low, "best": inc.injured_best, "high": inc.injured_high},
        "disputed": inc.disputed,
        "nested": bool(inc.nested),
        "n_reports": inc.n_reports,
        "title": title,
    }


def list_incidents(session: Session, f: IncidentFilters, page: int = 1, per_page: int = 50) -> dict[str, Any]:
    """One page of incidents (date, then id order) and the number matching ``f``."""
    total = session.scalar(_where(select(func.count(Incident.id)), f)) or 0
    stmt = _where(select(Incident), f).order_by(Incident.date_start, Incident.key)
    rows = list(session.scalars(stmt.limit(per_page).offset((page - 1) * per_page)))
    titles = _titles(session, [r.id for r in rows])
    return {
        "items": [_summary(r, titles.get(r.id)) for r in rows],
        "total": total,
        "page": page,
        "per_page": per_page,
        "filters": f.active(),
    }


def _titles(session: Session, ids: list[int]) -> dict[int, str]:
    """The title of each incident's first primary report (else first report)."""
    if not ids:
        return {}
    out: dict[int, str] = {}
    rows = session.execute(
        select(IncidentReport.incident_id, DocumentRow.title, IncidentReport.primary)
        .join(DocumentRow, DocumentRow.id == IncidentReport.document_id)
        .where(IncidentReport.incident_id.in_(ids))
        .order_by(IncidentReport.primary.desc(), DocumentRow.published, DocumentRow.id)
    )
    for incident_id, title, _primary in rows:
        if title and incident_id not in out:
            out[incident_id] = title
    return out


def timeline(session: Session, f: IncidentFilters) -> dict[str, Any]:
    """Killed per incident day (now), and the total as reports revised it (steps)."""
    days: dict[str, int] = defaultdict(int)
    keys = []
    rows = session.execute(
        _where(select(Incident.key, Incident.date_start, _toll_expr(), Incident.nested), f)
    )
    for key, day, best, nested in rows:
        if nested:  # its toll is a part of another incident's: summing it would count deaths twice
            continue
        keys.append(key)
        if day is not None and best:
            days[day.isoformat()] += best
    steps: list[dict[str, Any]] = []
    if keys and len(keys) <= 5000:
        steps = _revision_steps(session, keys)
    return {"days": [{"day": d, "killed": n} for d, n in sorted(days.items())], "steps": steps}


def _revision_steps(session: Session, keys: list[str]) -> list[dict[str, Any]]:
    current: dict[str, int] = {}
    total = 0
    out: list[dict[str, Any]] = []
    rows = session.execute(
        select(
            EstimateHistory.incident_key,
            EstimateHistory.best,
            EstimateHistory.low,
            EstimateHistory.changed_at,
        )
        .where(EstimateHistory.measure == "killed", EstimateHistory.changed_at.is_not(None))
        .order_by(EstimateHistory.changed_at, EstimateHistory.id)
    )
    wanted = set(keys)
    for key, best, low, when in rows:
        if key not in wanted or when is None:
            continue
        value = best if best is not None else (low or 0)
        total += value - current.get(key, 0)
        current[key] = value
        day = when.date().isoformat()
        if out and out[-1]["day"] == day:
            out[-1]["total"] = total
        else:
            out.append({"day": day, "total": total})
    return out


def figure_dict(row: FigureRow, review: reviews.FigureReview | None, doc: DocumentRow) -> dict[str, Any]:
    eff = reviews.effective(row, review)
    return {
        "id": row.id,
        "figure": row.figure_id,
        "report": doc.input_id,
        "measure": row.measure,
        "low": eff["low"],
        "best": eff["best"],
        "high": eff["high"],
        "counts": eff["counts"],
        "extracted": {"low": row.low, "best": row.best, "high": row.high},
        "review": reviews.review_dict(review),
        "qualifier": row.qualifier,
        "group": row.group,
        "scope": row.scope,
        "text": row.text,
        "start": row.start,
        "end": row.end,
        "sentence": row.sentence,
        "sentence_start": row.sentence_start,
        "source": row.source,
        "confidence": row.confidence,
        "unverified": row.unverified,
        "span_field": row.span_field or "text",
    }


def incident_detail(session: Session, key: str) -> dict[str, Any] | None:
    """The incident record (``query.show``), each report's text and figures, and the review log."""
    record = query.show(session, key)
    if record is None:
        return None
    incident = session.scalar(select(Incident).where(Incident.key == record["id"]))
    assert incident is not None
    docs = list(
        session.scalars(
            select(DocumentRow)
            .join(IncidentReport, IncidentReport.document_id == DocumentRow.id)
            .where(IncidentReport.incident_id == incident.id)
            .order_by(DocumentRow.published, DocumentRow.input_id)
            .distinct()
        )
    )
    found = reviews.reviews_for(session, [d.content_hash for d in docs])
    figures_of = _figures_by_doc(session, [d.id for d in docs])
    record["documents"] = []
    for doc in docs:
        figs = [
            figure_dict(r, found.get(reviews.figure_key(r, doc.content_hash)), doc)
            for r in figures_of.get(doc.id, [])
        ]
        record["documents"].append(
            {
                "id": doc.input_id,
                "title": doc.title,
                "url": doc.url,
                "source": doc.source,
                "published": doc.published.isoformat() if doc.published else None,
                "text": doc.text,
                "figures": figs,
            }
        )
    record["review_log"] = reviews.log_entries(session, incident.key, [d.content_hash for d in docs])
    return record


def _figures_by_doc(session: Session, doc_ids: list[int]) -> dict[int, list[FigureRow]]:
    out: dict[int, list[FigureRow]] = defaultdict(list)
    rows = session.scalars(
        select(FigureRow).where(FigureRow.document_id.in_(doc_ids)).order_by(FigureRow.start, FigureRow.id)
    )
    for r in rows:
        out[r.document_id].append(r)
    return out


def doubtful_figures(session: Session, page: int = 1, per_page: int = 50) -> dict[str, Any]:
    """Figures, least confident first, each with its review and an incident it supports."""
    total = session.scalar(select(func.count(FigureRow.id))) or 0
    rows = session.execute(
        select(FigureRow, DocumentRow)
        .join(DocumentRow, DocumentRow.id == FigureRow.document_id)
        .order_by(FigureRow.confidence, FigureRow.id)
        .limit(per_page)
        .offset((page - 1) * per_page)
    ).all()
    found = reviews.reviews_for(session, [d.content_hash for _, d in rows])
    incident_of = _incident_keys(session, [d.id for _, d in rows])
    items = []
    for fig, doc in rows:
        item = figure_dict(fig, found.get(reviews.figure_key(fig, doc.content_hash)), doc)
        item["incident"] = incident_of.get(doc.id)
        items.append(item)
    return {"items": items, "total": total, "page": page, "per_page": per_page}


def _incident_keys(session: Session, doc_ids: list[int]) -> dict[int, str]:
    out: dict[int, str] = {}
    rows = session.execute(
        select(IncidentReport.document_id, Incident.key)
        .join(Incident, Incident.id == IncidentReport.incident_id)
        .where(IncidentReport.document_id.in_(doc_ids))
        .order_by(IncidentReport.primary.desc(), Incident.id)
    )
    for doc_id, key in rows:
        out.setdefault(doc_id, key)
    return out


def incidents_of_document(session: Session, document_id: int) -> list[Incident]:
    return list(
        session.scalars(
            select(Incident)
            .join(IncidentReport, IncidentReport.incident_id == Incident.id)
            .where(IncidentReport.document_id == document_id)
            .distinct()
        )
    )


def facets(session: Session) -> dict[str, list[str]]:
    """Countries and event types present, for the filter form."""
    countries = [
        c for c in session.scalars(select(Incident.country).distinct().order_by(Incident.country)) if c
    ]
    types = [t for t in session.scalars(select(Incident.type).distinct().order_by(Incident.type)) if t]
    return {"countries": countries, "types": types}
