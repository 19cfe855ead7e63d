"""Analysts' reviews of figures, the review log and API tokens.

A review (accept, reject or correct low / best / high) is stored apart from
the extracted figures, in ``figure_reviews``, keyed by the report's content
hash and the figure's span. Re-extracting or re-ingesting the same text makes
new figure rows, but the same key, so a review is never overwritten by a run of
the extractor: it is applied whenever figures are read (:func:`effective`) and
when tolls are reconciled (:func:`reviewed_events`, called from
:func:`tollwatch.ledger.reconcile.reconcile`).

Every review action (and every split or join made through the service) is
appended to ``review_log``: who, when, the state before and after, and why.
The migration guards that table against UPDATE and DELETE.

Tokens (``api_tokens``) are stored as sha256 digests; the token itself is
shown once, when it is created.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Integer,
    String,
    Text,
    UniqueConstraint,
    select,
)
from sqlalchemy.orm import Mapped, Session, mapped_column

from tollwatch.ledger.store import Base, DocumentRow, EventRow, FigureRow, utcnow, within

ROLES = ("reader", "analyst", "admin")
#: Roles that may change the ledger (review figures, split and join incidents).
WRITE_ROLES = ("analyst", "admin")
ACTIONS = ("accept", "reject", "correct")


class ApiToken(Base):
    __tablename__ = "api_tokens"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(16))
    #: sha256 hex digest of the token; the token itself is never stored.
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    revoked: Mapped[bool] = mapped_column(Boolean, default=False)


class FigureReview(Base):
    """The current review of one figure, keyed by content hash and span (not by row id)."""

    __tablename__ = "figure_reviews"
    id: Mapped[int] = mapped_column(primary_key=True)
    content_hash: Mapped[str] = mapped_column(String(64), index=True)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    number_start: Mapped[int] = mapped_column(Integer)
    number_end: Mapped[int] = mapped_column(Integer)
    measure: Mapped[str] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(16))
    low: Mapped[int | None] = mapped_column(Integer)
    best: Mapped[int | None] = mapped_column(Integer)
    high: Mapped[int | None] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(Text)
    actor: Mapped[str] = mapped_column(String(200))
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    __table_args__ = (
        UniqueConstraint("content_hash", "start", "end", "number_start", "number_end", "measure"),
    )


class ReviewLog(Base):
    """Append-only: one row per review action, split or join."""

    __tablename__ = "review_log"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    actor: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(16))
    action: Mapped[str] = mapped_column(String(32))
    incident_key: Mapped[str | None] = mapped_column(String(32), index=True)
    content_hash: Mapped[str | None] = mapped_column(String(64), index=True)
    report: Mapped[str | None] = mapped_column(String(512))
    before: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    after: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    reason: Mapped[str] = mapped_column(Text, default="")


# ---------------------------------------------------------------- tokens


@dataclass(frozen=True, slots=True)
class Principal:
    """Who is calling: a token's name and role."""

    name: str
    role: str

    @property
    def can_write(self) -> bool:
        return self.role in WRITE_ROLES


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def create_token(session: Session, role: str, name: str | None = None) -> tuple[ApiToken, str]:
    """A new token for ``role``; returns the row and the token (shown once, stored hashed)."""
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r}; use one of {', '.join(ROLES)}")
    token = "tw_" + secrets.token_urlsafe(32)
    row = ApiToken(name=name or f"{role}-{secrets.token_hex(3)}", role=role, token_hash=hash_token(token))
    session.add(row)
    session.flush()
    return row, token


def check_token(session: Session, token: str) -> Principal | None:
    """The principal behind ``token``, or ``None`` for an unknown or revoked token."""
    if not token or len(token) > 200:
        return None
    digest = hash_token(token)
    row = session.scalar(select(ApiToken).where(ApiToken.token_hash == digest))
    if row is None or row.revoked or not hmac.compare_digest(row.token_hash, digest):
        return None
    return Principal(row.name, row.role)


# ---------------------------------------------------------------- reviews


def figure_key(figure: FigureRow, content_hash: str) -> tuple[Any, ...]:
    """What a review is attached to: the report's content and the figure's span and measure.

    The span's field (``span_field``) is not in it, and need not be: a headline figure is
    read only for a measure its report's text states no figure of (killed only), so no
    figure of the same report and measure can share its offsets in the text.
    """
    return (content_hash, figure.start, figure.end, figure.number_start, figure.number_end, figure.measure)


def _review_key(r: FigureReview) -> tuple[Any, ...]:
    return (r.content_hash, r.start, r.end, r.number_start, r.number_end, r.measure)


def reviews_for(session: Session, hashes: Sequence[str]) -> dict[tuple[Any, ...], FigureReview]:
    """Every review of figures in the reports with these content hashes, by figure key."""
    if not hashes:
        return {}
    rows = session.scalars(select(FigureReview).where(FigureReview.content_hash.in_(set(hashes))))
    return {_review_key(r): r for r in rows}


def review_dict(r: FigureReview | None) -> dict[str, Any] | None:
    if r is None:
        return None
    return {
        "status": r.status,
        "low": r.low,
        "best": r.best,
        "high": r.high,
        "reason": r.reason,
        "by": r.actor,
        "at": r.updated_at.isoformat(timespec="seconds"),
    }


def effective(figure: FigureRow, review: FigureReview | None) -> dict[str, Any]:
    """low / best / high after the review, and whether the figure counts at all."""
    if review is None or review.status == "accept":
        return {"low": figure.low, "best": figure.best, "high": figure.high, "counts": True}
    if review.status == "reject":
        return {"low": figure.low, "best": figure.best, "high": figure.high, "counts": False}
    return {"low": review.low, "best": review.best, "high": review.high, "counts": True}


def review_figure(
    session: Session,
    figure: FigureRow,
    action: str,
    who: Principal,
    reason: str,
    values: dict[str, int | None] | None = None,
    incident_key: str | None = None,
) -> FigureReview:
    """Store ``who``'s review of ``figure`` (replacing an earlier one) and log it."""
    if action not in ACTIONS:
        raise ValueError(f"unknown action {action!r}; use one of {', '.join(ACTIONS)}")
    doc = session.get(DocumentRow, figure.document_id)
    assert doc is not None
    key = figure_key(figure, doc.content_hash)
    review = reviews_for(session, [doc.content_hash]).get(key)
    before = {"extracted": _values(figure), "review": review_dict(review)}
    if review is None:
        review = FigureReview(
            content_hash=doc.content_hash,
            start=figure.start,
            end=figure.end,
            number_start=figure.number_start,
            number_end=figure.number_end,
            measure=figure.measure,
        )
        session.add(review)
    vals = values or {}
    review.status = action
    review.low, review.best, review.high = (
        (vals.get("low"), vals.get("best"), vals.get("high")) if action == "correct" else (None, None, None)
    )
    review.reason, review.actor, review.updated_at = reason, who.name, utcnow()
    session.flush()
    session.add(
        ReviewLog(
            actor=who.name,
            role=who.role,
            action=f"figure_{action}",
            incident_key=incident_key,
            content_hash=doc.content_hash,
            report=doc.input_id,
            before=before,
            after={"figure": figure.figure_id, "text": figure.text, "review": review_dict(review)},
            reason=reason,
        )
    )
    session.flush()
    return review


def _values(f: FigureRow) -> dict[str, Any]:
    return {"figure": f.figure_id, "text": f.text, "low": f.low, "best": f.best, "high": f.high}


def log_decision(session: Session, who: Principal, action: str, before: dict[str, Any],
                 after: dict[str, Any], reason: str, incident_key: str | None) -> None:  # fmt: skip
    """Log a split or join made through the service."""
    session.add(
        ReviewLog(
            actor=who.name,
            role=who.role,
            action=action,
            incident_key=incident_key,
            before=before,
            after=after,
            reason=reason,
        )
    )


def log_entries(session: Session, incident_key: str, hashes: Sequence[str]) -> list[dict[str, Any]]:
    """Log rows about an incident or about any of its reports, oldest first."""
    cond = ReviewLog.incident_key == incident_key
    if hashes:
        cond = cond | ReviewLog.content_hash.in_(set(hashes))
    rows = session.scalars(select(ReviewLog).where(cond).order_by(ReviewLog.at, ReviewLog.id))
    return [
        {
            "id": r.id,
            "at": r.at.isoformat(timespec="seconds"),
            "who": r.actor,
            "role": r.role,
            "action": r.action,
            "incident": r.incident_key,
            "report": r.report,
            "before": r.before,
            "after": r.after,
            "reason": r.reason,
        }
        for r in rows
    ]


# ---------------------------------------------------------------- reconciliation


@dataclass(slots=True)
class ReviewedEvent:
    """An event's claims with its report's reviewed figures applied (never written back)."""

    id: int
    document_id: int
    event_key: str
    killed: dict[str, Any]
    injured: dict[str, Any]
    victims: dict[str, Any]
    #: As the event's (``reconcile.nested`` reads them).
    ordinal: int = 0
    within_ordinal: int | None = None


def _reviews_by_document(
    session: Session, doc_ids: set[int]
) -> dict[int, dict[tuple[Any, ...], FigureReview]]:
    by_doc: dict[int, dict[tuple[Any, ...], FigureReview]] = {}
    if not doc_ids or not _any_review(session):
        return by_doc
    rows = session.execute(
        select(DocumentRow.id, FigureReview)
        .join(FigureReview, FigureReview.content_hash == DocumentRow.content_hash)
        .where(within(session, DocumentRow.id, sorted(doc_ids)))
    )
    for doc_id, review in rows:
        by_doc.setdefault(doc_id, {})[_review_key(review)] = review
    return by_doc


def _any_review(session: Session) -> bool:
    """Whether any figure has a review (usually none: the ingest then skips the join)."""
    if session.autoflush and (session.new or session.dirty or session.deleted):
        session.flush()
    return session.connection().exec_driver_sql("SELECT id FROM figure_reviews LIMIT 1").first() is not None


def reviewed_events(session: Session, events: Sequence[EventRow]) -> Sequence[Any]:
    """``events``, with those whose report has reviewed figures re-tolled from the reviewed figures.

    One query when no report of ``events`` has a review (the usual case).
    """
    by_doc = _reviews_by_document(session, {e.document_id for e in events})
    if not by_doc:
        return events
    return [_retolled(session, e, by_doc[e.document_id]) if e.document_id in by_doc else e for e in events]


def reviewed_members(session: Session, members: Mapping[int, list[EventRow]]) -> Mapping[int, list[Any]]:
    """:func:`reviewed_events` for every incident's events at once (one query per 500 reports)."""
    by_doc = _reviews_by_document(session, {e.document_id for evs in members.values() for e in evs})
    if not by_doc:
        return members
    return {
        key: [_retolled(session, e, by_doc[e.document_id]) if e.document_id in by_doc else e for e in evs]
        for key, evs in members.items()
    }


def _retolled(session: Session, ev: EventRow, reviews: dict[tuple[Any, ...], FigureReview]) -> ReviewedEvent:
    from dataclasses import replace

    from tollwatch.extract.toll import document_toll
    from tollwatch.ledger.rows import figure_from_row

    doc = session.get(DocumentRow, ev.document_id)
    assert doc is not None
    rows = list(session.scalars(select(FigureRow).where(FigureRow.document_id == ev.document_id)))
    wanted = set(ev.figures or [])
    if wanted:
        rows = [r for r in rows if r.figure_id in wanted]
    figures = []
    for row in rows:
        eff = effective(row, reviews.get(figure_key(row, doc.content_hash)))
        if eff["counts"]:
            figures.append(replace(figure_from_row(row), low=eff["low"], best=eff["best"], high=eff["high"]))
    toll = document_toll(figures, doc.text)
    return ReviewedEvent(
        id=ev.id,
        document_id=ev.document_id,
        event_key=ev.event_key,
        killed=toll.killed.to_dict(),
        injured=toll.injured.to_dict(),
        victims={k: v.to_dict() for k, v in toll.victims.items()},
        ordinal=ev.ordinal,
        within_ordinal=ev.within_ordinal,
    )
