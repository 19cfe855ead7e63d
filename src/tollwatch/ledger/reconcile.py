"""Tolls per incident, from its reports' claims, with their history.

For each measure (``killed``, ``injured``, and each victim group) every
supporting event makes a *claim* (low, best, high). Reports are read in
publication order (then input id); after each one the estimate is recomputed,
and every change becomes a row of ``estimates_history`` with the publication
time and the reports it rests on.

The rules (UCDP's meaning of low / best / high):

* a claim is *superseded* by a later-published claim that is at least as
  large (a toll that rose), or by a later claim from the same source;
* of the claims left, ``low`` is the lowest low, ``high`` the highest high,
  and ``best`` the best of the most recent report(s) (when several reports
  of that day disagree, the lower median of their bests: a value someone
  stated, never an average);
* when the claims left disagree, the measure is ``disputed`` and its claims
  are kept in ``incidents.claims`` for the analyst.

The ACLED-conservative profile (:func:`acled_fatalities`) is ``killed.low``.
"""

from __future__ import annotations

import datetime as dt
from collections import namedtuple
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from tollwatch.ledger.cluster import PlainRow, events_by_incident
from tollwatch.ledger.reviews import reviewed_members
from tollwatch.ledger.store import (
    DocumentRow,
    EstimateHistory,
    EventRow,
    Incident,
    bulk_insert,
    bulk_update,
    json_text,
    read_in,
    rows_in,
    utcnow,
)
from tollwatch.model import VICTIM_GROUPS, Estimate


@dataclass(frozen=True, slots=True)
class Claim:
    report: str
    published: dt.date | None
    source: str | None
    low: int | None
    best: int | None
    high: int | None

    @property
    def value(self) -> int | None:
        return self.best if self.best is not None else (self.low if self.low is not None else self.high)

    def to_dict(self) -> dict[str, Any]:
        return {
            "report": self.report,
            "published": self.published.isoformat() if self.published else None,
            "source": self.source,
            "low": self.low,
            "best": self.best,
            "high": self.high,
        }


@dataclass(slots=True)
class Reconciled:
    estimate: Estimate
    disputed: bool
    active: list[Claim]


def _when(c: Claim) -> dt.date:
    return c.published or dt.date.min


def _superseded(c: Claim, claims: Sequence[Claim]) -> bool:
    for d in claims:
        if _when(d) <= _when(c) or d.value is None:
            continue
        if (c.source and d.source == c.source) or c.value is None or d.value >= c.value:
            return True
    return False


def combine(claims: Sequence[Claim]) -> Reconciled:
    """The estimate the ``claims`` support, and whether they disagree."""
    stated = [c for c in claims if c.value is not None]
    if not stated:
        return Reconciled(Estimate(), False, [])
    active = [c for c in stated if not _superseded(c, stated)]
    lows = [c.low if c.low is not None else c.value for c in active]
    highs = [c.high if c.high is not None else c.value for c in active]
    latest = max(_when(c) for c in active)
    recent = sorted(c.value for c in active if _when(c) == latest)  # type: ignore[type-var]
    best = recent[(len(recent) - 1) // 2]
    low = min(x for x in lows if x is not None)
    high = max(x for x in highs if x is not None)
    disputed = len({c.value for c in active}) > 1
    return Reconciled(Estimate(low, best, high), disputed, active)


def died_of_wounds(injured: Sequence[Claim], killed: Sequence[Claim]) -> list[Claim]:
    """Injured claims less the wounded who died since: a report's wounded who a later report counts
    among the dead ("the boy shot on Tuesday has died") are dead, not injured.

    An injured claim from a report that states no deaths loses the deaths a later report
    gives, when they are no more than the wounded it counted: the dead of a shooting first
    reported without dead are its wounded (a larger toll is dead found, not the wounded).
    A report that already counts dead beside its wounded is left as it is: a later, higher
    toll may count the same dead another way (attackers included)."""
    if not injured or not killed:
        return list(injured)
    final = combine(killed).estimate.best
    if not final:
        return list(injured)
    own = {c.report: c.value or 0 for c in killed}
    out = []
    for c in injured:
        rise = final if not own.get(c.report) else 0
        value = c.value
        if rise > 0 and value is not None and rise <= value and _when(c) <= max(_when(k) for k in killed):
            low = None if c.low is None else max(0, c.low - rise)
            best = None if c.best is None else max(0, c.best - rise)
            high = None if c.high is None else max(0, c.high - rise)
            c = Claim(c.report, c.published, c.source, low, best, high)
        out.append(c)
    return out


def acled_fatalities(incident: Incident) -> int:
    """ACLED's convention: the conservative (low) killed figure, 0 when none is stated."""
    return incident.killed_low or 0


def _claims(events: Sequence[Any], docs: Mapping[int, Any], measure: str) -> list[Claim]:
    out = []
    for ev in events:
        if measure in ("killed", "injured"):
            est = getattr(ev, measure) or {}
        else:
            est = (ev.victims or {}).get(measure) or {}
        if all(est.get(k) is None for k in ("low", "best", "high")):
            continue
        doc = docs[ev.document_id]
        out.append(
            Claim(doc.input_id, doc.published, doc.source, est.get("low"), est.get("best"), est.get("high"))
        )
    return sorted(out, key=lambda c: (_when(c), c.report))


def _history(key: str, measure: str, claims: list[Claim]) -> list[dict[str, Any]]:
    """The estimate after each report, as ``estimates_history`` rows (only when it changed)."""
    rows: list[dict[str, Any]] = []
    last: tuple[Any, ...] | None = None
    for i, claim in enumerate(claims):
        if i + 1 < len(claims) and (_when(claims[i + 1]), claims[i + 1].report) == (
            _when(claim),
            claim.report,
        ):
            continue
        result = combine(claims[: i + 1])
        state = (result.estimate.low, result.estimate.best, result.estimate.high, result.disputed)
        if state == last:
            continue
        last = state
        when = dt.datetime.combine(claim.published, dt.time()) if claim.published else None
        rows.append(
            {
                "incident_key": key,
                "measure": measure,
                "low": state[0],
                "best": state[1],
                "high": state[2],
                "disputed": result.disputed,
                "changed_at": when,
                "reports": sorted({c.report for c in result.active}),
                "recorded_at": utcnow(),
            }
        )
    return rows


def _apply(incident: Incident, events: Sequence[Any], docs: Mapping[int, Any]) -> list[dict[str, Any]]:
    """Set ``incident``'s tolls from its events; returns its new history rows."""
    disputed: dict[str, Any] = {}
    victims: dict[str, Any] = {}
    history: list[dict[str, Any]] = []
    killed_claims: list[Claim] = []
    # A victim group no event states has no claim, so no estimate and no history: skipped.
    stated = {group for ev in events for group in ev.victims or ()}
    for measure in ("killed", "injured", *(g for g in VICTIM_GROUPS if g in stated)):
        claims = _claims(events, docs, measure)
        if measure == "killed":
            killed_claims = claims
        elif measure == "injured":
            claims = died_of_wounds(claims, killed_claims)
        result = combine(claims)
        history += _history(incident.key, measure, claims)
        if result.disputed:
            disputed[measure] = [c.to_dict() for c in result.active]
        est = result.estimate
        if measure in ("killed", "injured"):
            setattr(incident, f"{measure}_low", est.low)
            setattr(incident, f"{measure}_best", est.best)
            setattr(incident, f"{measure}_high", est.high)
        elif not est.is_empty():
            victims[measure] = est.to_dict()
    incident.victims = victims
    incident.claims = disputed
    incident.disputed = bool(disputed)
    incident.nested = nested(events)
    return history


def nested(events: Sequence[Any]) -> bool:
    """True when each of the events with a killed toll is, in its own report, a part of
    another event's toll (``within_ordinal``) and that event is not one of these: the
    incident's deaths are then counted in another incident, and sums leave it out."""
    bearing = [e for e in events if (e.killed or {}).get("best") is not None]
    if not bearing:
        return False
    here = {(e.document_id, e.ordinal) for e in events}
    return all(
        e.within_ordinal is not None and (e.document_id, e.within_ordinal) not in here for e in bearing
    )


#: The incident columns :func:`_apply` sets.
TOLLS = (
    "killed_low",
    "killed_best",
    "killed_high",
    "injured_low",
    "injured_best",
    "injured_high",
    "victims",
    "claims",
    "disputed",
    "nested",
)


def _documents(session: Session, ids: set[int]) -> dict[int, Any]:
    rows = read_in(session, DocumentRow, _DocumentFields._fields, "id", sorted(ids))
    return {row[0]: _DocumentFields._make(row) for row in rows}


_DocumentFields = namedtuple("_DocumentFields", ("id", "input_id", "published", "source"))


def reconcile(session: Session, incident: Incident, events: Sequence[EventRow]) -> None:
    """Recompute ``incident``'s tolls and rewrite its history from its events."""
    reconcile_incidents(session, [incident], {incident.id: list(events)})


def reconcile_incidents(
    session: Session, incidents: Sequence[Incident], members: Mapping[int, list[EventRow]] | None = None
) -> None:
    """Reconcile each of ``incidents`` (after a merge); ``members``: their events in merge order, if known."""
    if not incidents:
        return
    if members is None:
        members = events_by_incident(session, [i.id for i in incidents])
    members = reviewed_members(session, members)  # analysts' figure reviews (ledger/reviews.py)
    everything = [e for i in incidents for e in members.get(i.id, [])]
    docs = _documents(session, {e.document_id for e in everything})
    keys = [i.key for i in incidents]
    rows_in(session, "DELETE FROM estimates_history WHERE incident_key {in_}", keys, fetch=False)
    # Incidents the merge wrote as plain rows (never in the session) hold the tolls
    # their row holds: those whose tolls change are written the same way, one bulk
    # update by id (most incidents state no toll, and a new one was written without).
    plain = [i for i in incidents if isinstance(i, PlainRow)]
    stored = [_tolls(i) for i in plain]
    history = [row for i in incidents for row in _apply(i, members.get(i.id, []), docs)]
    if history:
        bulk_insert(session, EstimateHistory, history)
    changed = [i for i, before in zip(plain, stored, strict=True) if _tolls(i) != before]
    bulk_update(session, Incident, [{"id": i.id, **{n: i.__dict__[n] for n in TOLLS}} for i in changed])
    session.flush()


def _tolls(incident: PlainRow) -> str:
    """A plain incident's toll columns as JSON text: equal only when the stored values would be
    (types, key order and all)."""
    return json_text([incident.__dict__[n] for n in TOLLS])
