"""Linked events into incidents: components, order-independent clustering, incident rows.

The connected component of the link graph around new events is clustered
again from scratch, its events sorted by (published, input id, ordinal), so
the result never depends on arrival order. Analyst decisions (``split``/
``join``) are must-link and cannot-link constraints on event keys, applied on
every run. Every query here is one per batch (chunked ``IN`` lists), never one
per event or per incident, and the clustering looks only at clusters an event
is linked to, so its cost grows with the links, not with the component squared.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, cast

from sqlalchemy import Table, or_, select
from sqlalchemy.orm import Session

from tollwatch.ledger.describe import describe, incident_places, report_states
from tollwatch.ledger.store import (
    AnalystDecision,
    DocumentRow,
    EventLink,
    EventRow,
    Incident,
    IncidentReport,
    bulk_insert,
    bulk_update,
    read_in,
    rows_in,
    utcnow,
    within,
)

#: A pair scoring at least this is linked.
LINK_THRESHOLD = 3.0
#: An event joins a cluster when its mean score to the members reaches this share of the threshold.
MEAN_SHARE = 0.6
#: A link this strong (people or an address in common) joins a cluster on a lower mean.
SURE_LINK = 6.0
SURE_SHARE = 0.3
#: Ids per ``IN (...)`` list.
CHUNK = 500

Cluster = tuple[list[EventRow], dict[int, int | None]]


def table(model: type[Any]) -> Table:
    """A mapped class's table, for Core bulk statements (executemany, no ORM bookkeeping)."""
    return cast(Table, model.__table__)


def chunks(items: Iterable[Any], size: int = CHUNK) -> Iterator[list[Any]]:
    batch = list(items)
    for i in range(0, len(batch), size):
        yield batch[i : i + size]


class PlainRow:
    """A row for reading (an event) or for writing as a plain row (an incident): its columns as
    ordinary attributes. A mapped instance would route every read and write through SQLAlchemy's
    instrumentation, the larger part of the merge's own cost; these are never added to a session."""

    def __init__(self, values: dict[str, Any]) -> None:
        self.__dict__.update(values)


def transient(model: type[Any], values: dict[str, Any]) -> Any:
    """A stand-in for a ``model`` row holding ``values`` (a :class:`PlainRow`), read and written
    by the merge and reconcile, never by the session."""
    return PlainRow(values)


def load_events(session: Session, ids: Iterable[int]) -> dict[int, EventRow]:
    """Events by id, read as plain rows (:class:`PlainRow`: no identity map, no ORM loading)."""
    names = list(table(EventRow).columns.keys())
    out: dict[int, EventRow] = {}
    for row in read_in(session, EventRow, names, "id", sorted(ids)):
        out[row[0]] = transient(EventRow, dict(zip(names, row, strict=True)))
    return out


def component(session: Session, start: Iterable[int]) -> set[int]:
    """Event ids reachable from ``start`` over links and analyst must-links."""
    found = set(start)
    frontier = set(found)
    # Links are only ever written by Core inserts, never left pending in the session.
    links = "SELECT a, b FROM event_links WHERE a {in_} OR b {in_}"
    # Asked once, not at every step: the walk itself writes no decision.
    joins = session.scalar(select(AnalystDecision.id).where(AnalystDecision.kind == "join").limit(1))
    while frontier:
        batch = sorted(frontier)
        frontier = set()
        for a, b in rows_in(session, links, batch):
            frontier |= {a, b} - found
        if joins is not None:
            frontier |= _decision_neighbours(session, [*batch, *frontier]) - found
        found |= frontier
    return found


def _decision_neighbours(session: Session, ids: list[int]) -> set[int]:
    keys = [
        k
        for chunk in chunks(ids)
        for k in session.scalars(select(EventRow.event_key).where(EventRow.id.in_(chunk)))
    ]
    other: set[str] = set()
    for chunk in chunks(keys):
        rows = session.execute(
            select(AnalystDecision.event_a, AnalystDecision.event_b).where(
                AnalystDecision.kind == "join",
                or_(AnalystDecision.event_a.in_(chunk), AnalystDecision.event_b.in_(chunk)),
            )
        )
        other |= {k for pair in rows for k in pair}
    other -= set(keys)
    return {
        i
        for chunk in chunks(other)
        for i in session.scalars(select(EventRow.id).where(EventRow.event_key.in_(chunk)))
    }


def order(session: Session, events: list[EventRow]) -> list[EventRow]:
    """``events`` by (published, input id, ordinal): the merge order."""
    docs: dict[int, tuple[dt.date, str]] = {}
    wanted = sorted({e.document_id for e in events})
    rows = read_in(session, DocumentRow, ("id", "published", "input_id"), "id", wanted)
    docs.update({i: (p or dt.date.min, k) for i, p, k in rows})
    return sorted(events, key=lambda e: (*docs[e.document_id], e.ordinal))


def _decisions(session: Session, keys: list[str]) -> tuple[set[frozenset[str]], set[frozenset[str]]]:
    if session.scalar(select(AnalystDecision.id).limit(1)) is None:
        return set(), set()
    rows: list[tuple[int, str, str, str]] = []
    for chunk in chunks(keys):
        rows += session.execute(
            select(
                AnalystDecision.id, AnalystDecision.kind, AnalystDecision.event_a, AnalystDecision.event_b
            ).where(or_(AnalystDecision.event_a.in_(chunk), AnalystDecision.event_b.in_(chunk)))
        ).all()
    must: set[frozenset[str]] = set()
    cannot: set[frozenset[str]] = set()
    for _, kind, a, b in sorted(set(rows)):
        pair = frozenset((a, b))
        # The later decision on a pair wins.
        (must if kind == "join" else cannot).add(pair)
        (cannot if kind == "join" else must).discard(pair)
    return must, cannot


def _units(ordered: list[EventRow], must: set[frozenset[str]]) -> list[list[EventRow]]:
    """Events grouped by must-link (union-find), each unit in the order of its first event."""
    parent = {e.event_key: e.event_key for e in ordered}

    def find(k: str) -> str:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    for pair in must:
        a, b = tuple(pair)
        if a in parent and b in parent:
            parent[find(a)] = find(b)
    units: dict[str, list[EventRow]] = {}
    for e in ordered:
        units.setdefault(find(e.event_key), []).append(e)
    return list(units.values())


def _cluster(
    ordered: list[EventRow], scores: dict[tuple[int, int], float], must: set[frozenset[str]], cannot: set
) -> list[Cluster]:
    """Greedy average-link over units in order; returns clusters and, per event, the event it joined via.

    Only clusters holding an event linked to the unit are candidates (an
    unlinked pair scores 0), so the cost follows the links.
    """
    neighbours: dict[int, dict[int, float]] = defaultdict(dict)
    for (a, b), s in scores.items():
        neighbours[a][b] = s
        neighbours[b][a] = s
    clusters: list[Cluster] = []
    docs: list[set[int]] = []
    where: dict[int, int] = {}
    for unit in _units(ordered, must):
        linked = {where[m] for u in unit for m in neighbours[u.id] if m in where}
        best, best_mean, via = None, 0.0, None
        for idx in sorted(linked):
            members = clusters[idx][0]
            if any(u.document_id in docs[idx] for u in unit) or _blocked(unit, members, cannot):
                continue
            pairs = [(s, m) for u in unit for m, s in neighbours[u.id].items() if where.get(m) == idx]
            top, top_id = max(pairs)
            mean = sum(s for s, _ in pairs) / (len(unit) * len(members))
            sure = top >= SURE_LINK and mean >= SURE_SHARE * LINK_THRESHOLD
            if top >= LINK_THRESHOLD and (mean >= MEAN_SHARE * LINK_THRESHOLD or sure) and mean > best_mean:
                best, best_mean, via = idx, mean, top_id
        if best is None:
            best = len(clusters)
            clusters.append(([], {}))
            docs.append(set())
        clusters[best][0].extend(unit)
        clusters[best][1].update({e.id: via for e in unit})
        docs[best].update(e.document_id for e in unit)
        where.update({e.id: best for e in unit})
    return clusters


def _pk(a: int, b: int) -> tuple[int, int]:
    return (min(a, b), max(a, b))


def _blocked(unit: list[EventRow], members: list[EventRow], cannot: set) -> bool:
    if not cannot:
        return False
    return any(frozenset((u.event_key, m.event_key)) in cannot for u in unit for m in members)


def incident_key(first_event_key: str) -> str:
    return "I" + hashlib.sha1(first_event_key.encode("utf-8")).hexdigest()[:10]


def _load_links(
    session: Session, ids: list[int]
) -> tuple[dict[tuple[int, int], float], dict[tuple[int, int], Any]]:
    wanted = set(ids)
    scores: dict[tuple[int, int], float] = {}
    evidence: dict[tuple[int, int], dict[str, Any]] = {}
    # The order SQLite's index gives, on every backend: scores are summed in this order.
    rows = read_in(session, EventLink, ("a", "b", "score", "evidence"), "a", ids, "ORDER BY a, id")
    if rows:
        for a, b, score, ev in rows:
            if b in wanted:
                scores[(a, b)] = score
                evidence[(a, b)] = ev
    return scores, evidence


def recluster(session: Session, event_ids: set[int]) -> list[Incident]:
    """Cluster ``event_ids`` from scratch and rewrite their incidents; returns them."""
    return recluster_members(session, event_ids)[0]


def recluster_members(
    session: Session, event_ids: set[int], known: Mapping[int, EventRow] | None = None
) -> tuple[list[Incident], dict[int, list[EventRow]]]:
    """:func:`recluster`, plus each touched incident's events in merge order (for reconcile).

    ``known``: events already in hand (the batch's new ones, the candidates the merge
    loaded), not read again. With it, the incidents are written as plain rows and
    returned as :class:`PlainRow` objects (see :func:`write_plain`): the ingest's path.
    """
    if not event_ids:
        return [], {}
    ids = sorted(event_ids)
    if known is None:
        events = [
            e
            for chunk in chunks(ids)
            for e in session.scalars(select(EventRow).where(EventRow.id.in_(chunk)))
        ]
    else:
        have = {i: known[i] for i in ids if i in known}
        have.update(load_events(session, [i for i in ids if i not in have]))
        events = [have[i] for i in ids]
    ordered = order(session, events)
    scores, evidence = _load_links(session, ids)
    must, cannot = _decisions(session, [e.event_key for e in ordered])
    clusters = _cluster(ordered, scores, must, cannot)
    old = {i for (i,) in read_in(session, IncidentReport, ("incident_id",), "event_id", ids)}
    rows_in(session, "DELETE FROM incident_reports WHERE event_id {in_}", ids, fetch=False)
    touched = _write_incidents(session, clusters, evidence, must, plain=known is not None)
    _drop_empty(session, old - {i.id for i in touched})
    return touched, {inc.id: members for inc, (members, _) in zip(touched, clusters, strict=True)}


def _write_incidents(
    session: Session,
    clusters: list[Cluster],
    evidence: dict[tuple[int, int], Any],
    must: set[frozenset[str]],
    plain: bool = False,
) -> list[Incident]:
    keys = [incident_key(members[0].event_key) for members, _ in clusters]
    places = incident_places(session, clusters, keys)
    states = report_states(session, clusters)
    if plain:
        touched = write_plain(session, clusters, keys, places, states)
        _write_reports(session, touched, clusters, evidence, must)
        return touched
    existing = {
        inc.key: inc
        for chunk in chunks(keys)
        for inc in session.scalars(select(Incident).where(Incident.key.in_(chunk)))
    }
    touched = []
    for key, (members, _) in zip(keys, clusters, strict=True):
        incident = existing.get(key)
        if incident is None:
            incident = Incident(key=key, type=members[0].type)
            session.add(incident)
        describe(incident, members, places.get(key, []) if places else [], states)
        touched.append(incident)
    session.flush()
    _write_reports(session, touched, clusters, evidence, must)
    return touched


#: Incident columns :func:`describe` sets; the rest are the key, the id and reconcile's tolls.
DESCRIBED = (
    "type",
    "sub_type",
    "actors",
    "location_name",
    "lat",
    "lon",
    "country",
    "admin1",
    "admin2",
    "geo_precision",
    "where_prec",
    "date_start",
    "date_end",
    "date_precision",
    "week",
    "n_reports",
    "updated_at",
)


def write_plain(
    session: Session,
    clusters: list[Cluster],
    keys: list[str],
    places: Mapping[str, Sequence[Any]],
    states: Mapping[int, str],
) -> list[Incident]:
    """:func:`describe` each cluster's incident and write it as a plain row: one bulk insert of
    the new ones (ids read back by key), one bulk update by id of the others. The incidents are
    returned as :class:`PlainRow` objects carrying their ids (never added to the session): reconcile
    writes their tolls the same way (:func:`tollwatch.ledger.reconcile.reconcile_incidents`)."""
    incidents = table(Incident)
    names = list(incidents.columns.keys())
    existing: dict[str, Incident] = {}
    for row in read_in(session, Incident, names, "key", keys):
        stored = dict(zip(names, row, strict=True))
        existing[stored["key"]] = transient(Incident, stored)
    touched: list[Incident] = []
    fresh: list[Incident] = []
    for key, (members, _) in zip(keys, clusters, strict=True):
        incident = existing.get(key)
        if incident is None:
            # What a new ``Incident(key=..., type=...)`` holds once flushed: the columns' defaults.
            values: dict[str, Any] = dict.fromkeys(names)
            del values["id"]
            values.update(
                key=key,
                type=members[0].type,
                actors=[],
                victims={},
                disputed=False,
                nested=False,
                claims={},
                n_reports=0,
                updated_at=utcnow(),
            )
            incident = transient(Incident, values)
            fresh.append(incident)
        describe(incident, members, places.get(key, []) if places else [], states)
        touched.append(incident)
    new_names = [n for n in names if n != "id"]
    ids = bulk_insert(session, Incident, [{n: i.__dict__[n] for n in new_names} for i in fresh], key="key")
    for incident in fresh:
        incident.__dict__["id"] = ids[incident.key]
    changed = [i for i in touched if i.key in existing]
    bulk_update(session, Incident, [{"id": i.id, **{n: i.__dict__[n] for n in DESCRIBED}} for i in changed])
    return touched


def _write_reports(
    session: Session,
    touched: list[Incident],
    clusters: list[Cluster],
    evidence: dict[tuple[int, int], Any],
    must: set[frozenset[str]],
) -> None:
    rows = []
    for incident, (members, via) in zip(touched, clusters, strict=True):
        for ev in members:
            rows.append(
                {
                    "incident_id": incident.id,
                    "document_id": ev.document_id,
                    "event_id": ev.id,
                    "primary": ev.ordinal == 0,
                    "evidence": _why(ev, members, via.get(ev.id), evidence, must),
                }
            )
    if rows:
        bulk_insert(session, IncidentReport, rows)


def _why(
    ev: EventRow,
    members: list[EventRow],
    through: int | None,
    evidence: dict[tuple[int, int], Any],
    must: set,
) -> dict[str, Any]:
    if through is None:
        if ev is not members[0] and any(ev.event_key in p for p in must):
            return {"reason": "joined by an analyst decision"}
        return {"reason": "first report of the incident"}
    why = {"via_event": through, **evidence.get(_pk(ev.id, through), {})}
    if not why.get("reasons"):
        why["reason"] = "joined by an analyst decision"
    return why


def _drop_empty(session: Session, incident_ids: set[int]) -> None:
    ids = sorted(incident_ids)
    if not ids:
        return
    keys = [k for (k,) in read_in(session, Incident, ("key",), "id", ids)]
    rows_in(session, "DELETE FROM estimates_history WHERE incident_key {in_}", keys, fetch=False)
    for incident in session.scalars(select(Incident).where(within(session, Incident.id, ids))):
        session.delete(incident)
    session.flush()


def events_by_incident(session: Session, incident_ids: Iterable[int]) -> dict[int, list[EventRow]]:
    """Each incident's events, in merge order."""
    out: dict[int, list[EventRow]] = defaultdict(list)
    for chunk in chunks(incident_ids):
        rows = session.execute(
            select(IncidentReport.incident_id, EventRow)
            .join(EventRow, EventRow.id == IncidentReport.event_id)
            .where(IncidentReport.incident_id.in_(chunk))
        )
        for incident_id, ev in rows:
            out[incident_id].append(ev)
    everything = order(session, [e for evs in out.values() for e in evs])
    rank = {e.id: i for i, e in enumerate(everything)}
    return {k: sorted(v, key=lambda e: rank[e.id]) for k, v in out.items()}


__all__ = [
    "LINK_THRESHOLD",
    "MEAN_SHARE",
    "Sequence",
    "chunks",
    "component",
    "describe",
    "events_by_incident",
    "incident_key",
    "order",
    "recluster",
    "recluster_members",
]
