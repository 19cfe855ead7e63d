"""Where, what and when an incident is: its type, place, dates and actors, from its events.

The place is chosen by votes: the region (country and state) most of the
incident's evidence points to (its events' places, the other places its reports
name, the state a US report's title and opening name plainly), then the most
precise event place inside it, narrowed to a town the reports name within it.
"""

from __future__ import annotations

from collections import Counter, defaultdict, namedtuple
from collections.abc import Iterable, Mapping, Sequence
from operator import itemgetter
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from tollwatch.ledger.store import DocumentRow, EventRow, Incident, PlaceRow, read_in, utcnow

#: A cluster of events and their merge evidence (as in :mod:`tollwatch.ledger.cluster`).
Cluster = tuple[list[EventRow], dict[int, int | None]]
#: Ids per ``IN (...)`` list.
CHUNK = 500

#: The columns of a place that :func:`_region` and :func:`_narrower` read.
_PLACE_FIELDS = (
    "id",
    "document_id",
    "role",
    "name",
    "text",
    "lat",
    "lon",
    "country",
    "admin1",
    "admin2",
    "precision",
    "where_prec",
    "geonameid",
    "start",
)


_PlaceFields = namedtuple("_PlaceFields", _PLACE_FIELDS)  # type: ignore[misc]


def incident_places(session: Session, clusters: list[Cluster], keys: list[str]) -> dict[str, list[Any]]:
    """Per incident key: the places its reports name (one query per chunk of documents)."""
    by_doc: dict[int, list[Any]] = defaultdict(list)
    docs = sorted({e.document_id for members, _ in clusters for e in members})
    # The order SQLite's index gives, on every backend: ties between places fall to it.
    for row in read_in(session, PlaceRow, _PLACE_FIELDS, "document_id", docs, "ORDER BY document_id, id"):
        p: Any = _PlaceFields._make(row)
        by_doc[p.document_id].append(p)
    return {
        key: [p for d in sorted({e.document_id for e in members}) for p in by_doc.get(d, [])]
        for key, (members, _) in zip(keys, clusters, strict=True)
    }


#: Votes for a region: an event's own place, and any other place its report names.
EVENT_VOTE, PLACE_VOTE, CONTEXT_VOTE = 2.0, 1.0, 0.5
#: Votes of the state a US report's title and opening name plainly (a dateline, "Town, ST", a
#: station's call sign), and of an event its report placed outside that state.
REPORT_STATE_VOTE, ASTRAY_VOTE = 3.0, 0.5
#: Characters of a report read for its state: the title, dateline and lede name it.
STATE_SPAN = 3000


def report_states(session: Session, clusters: Sequence[Cluster]) -> dict[int, str]:
    """Per document of an incident placed in the US: the state its title and opening name plainly
    (one state holds most of the evidence, a dateline, "Town, ST" or a station's call sign at least)."""
    from tollwatch.geo.gazetteer import get_gazetteer
    from tollwatch.geo.usa import scan

    docs = sorted(
        {e.document_id for members, _ in clusters if any(m.country == "US" for m in members) for e in members}
    )
    out: dict[int, str] = {}
    if not docs:
        return out
    gazetteer = get_gazetteer()
    for chunk in (docs[i : i + CHUNK] for i in range(0, len(docs), CHUNK)):
        rows = session.execute(
            select(DocumentRow.id, DocumentRow.title, DocumentRow.text).where(DocumentRow.id.in_(chunk))
        )
        for doc_id, title, text in rows:
            ctx = scan(f"{title or ''}\n{(text or '')[:STATE_SPAN]}", gazetteer)
            top = ctx.top
            if top and ctx.share(top) >= 0.6 and ctx.states[top] >= 1.5:
                out[doc_id] = top
    return out


def _rehome(loc: dict[str, Any], region: tuple[str, str]) -> dict[str, Any] | None:
    """The place of the same name inside ``region``: "Putnam County" read in Tennessee by one report
    when the reports point to Ohio is Ohio's Putnam County (the most populous of its kind there)."""
    from tollwatch.geo.gazetteer import get_gazetteer

    name = loc.get("name")
    if not name or region[0] != loc.get("country") or not region[1]:
        return None
    county = (loc.get("precision") or 9) == 2
    kind = ("ADM2",) if county else ("PPL",)
    found = [
        e
        for e in get_gazetteer().search(name, region[0])
        if e.admin1 == region[1] and e.feature_code.startswith(kind)
    ]
    if not found:
        return None
    e = max(found, key=lambda x: (x.population, -x.id))
    return {
        "name": e.name,
        "text": loc.get("text") or e.name,
        "geonameid": e.geonameid,
        "lat": e.lat,
        "lon": e.lon,
        "country": e.country,
        "admin1": e.admin1,
        "admin2": e.admin2,
        "feature_code": e.feature_code,
        "precision": loc.get("precision"),
        "where_prec": loc.get("where_prec"),
    }


def _region_of(loc: Any) -> tuple[str, str] | None:
    get = loc.get if isinstance(loc, dict) else (lambda k: getattr(loc, k, None))
    country = get("country")
    if not country:
        return None
    return country, get("admin1") or ""


def _region(
    members: list[EventRow], places: Sequence[PlaceRow], states: Mapping[int, str] | None = None
) -> tuple[str, str] | None:
    """The (country, admin1) most of the incident's reports point to: its events' places, the
    other places the reports name (a state, a county, a town near by), and the US state a report's
    title and opening name plainly (``states``, per document). A town geocoded to the wrong state
    in one report (a victim's first name read as a town) is outvoted by the others."""
    states = states or {}
    votes: dict[tuple[str, str], float] = defaultdict(float)
    for doc in sorted({e.document_id for e in members if e.document_id in states}):
        votes[("US", states[doc])] += REPORT_STATE_VOTE
    for e in members:
        key = _region_of(e.location or {})
        if key and key[1]:
            own = states.get(e.document_id)
            votes[key] += ASTRAY_VOTE if own and key != ("US", own) else EVENT_VOTE
    for p in places:
        key = _region_of(p)
        if key and key[1]:
            own = states.get(p.document_id)
            if own and key != ("US", own):
                votes[key] += ASTRAY_VOTE * CONTEXT_VOTE
            else:
                votes[key] += CONTEXT_VOTE if p.role == "context" else PLACE_VOTE
    if not votes:
        return None
    return max(votes.items(), key=lambda kv: (kv[1], kv[0]))[0]


def _main_county(events: list[EventRow], places: Sequence[PlaceRow]) -> list[EventRow]:
    """When the incident's event places lie in different counties, those in the county most of
    the places its reports name lie in (at least twice the votes of any other): a town read in
    one report ("Franklin") loses to the county the other reports keep naming, and its towns."""
    counties = {e.admin2 for e in events if e.admin2}
    if len(counties) < 2:
        return []
    votes = _counts(p.admin2 for p in places if p.admin2 in counties)
    ranked = sorted(votes.items(), key=lambda kv: (-kv[1], kv[0]))
    if not ranked or (len(ranked) > 1 and ranked[0][1] < 2 * ranked[1][1]):
        return []
    return [e for e in events if e.admin2 == ranked[0][0]]


def _narrower(loc: dict[str, Any], places: Sequence[PlaceRow]) -> dict[str, Any] | None:
    """For an incident placed at a county or a state only: the town its reports name most often
    inside that county or state (a town named in the text beats the centroid of its county)."""
    precision = loc.get("precision") or 9
    if precision < 2 or not loc.get("country"):
        return None
    county = loc.get("name") if precision == 2 else None
    towns = [
        p
        for p in places
        if p.precision == 1
        and p.lat is not None
        and p.country == loc.get("country")
        and p.admin1 == loc.get("admin1")
        and (county is None or p.admin2 == county)
    ]
    if not towns:
        return None
    counts = Counter(p.geonameid or p.name for p in towns)
    # Ties fall to content (never to storage order), so the result does not depend on arrival order.
    best = max(
        towns,
        key=lambda p: (
            counts[p.geonameid or p.name],
            p.role != "context",
            -p.start,
            p.name or "",
            p.geonameid or 0,
        ),
    )
    return {
        "name": best.name,
        "text": best.text,
        "lat": best.lat,
        "lon": best.lon,
        "country": best.country,
        "admin1": best.admin1,
        "admin2": best.admin2,
        "precision": best.precision,
        "where_prec": best.where_prec,
    }


def _counts(values: Iterable[Any]) -> dict[Any, int]:
    """``Counter(values)`` as a plain dict (same counts, same order), without Counter's
    per-call cost (an ABC check): :func:`describe` counts a few values per incident."""
    out: dict[Any, int] = {}
    for v in values:
        out[v] = out.get(v, 0) + 1
    return out


def _most_common(counts: dict[Any, int]) -> Any:
    """``Counter.most_common(1)[0][0]``: the first counted of the most frequent values."""
    return max(counts.items(), key=itemgetter(1))[0]


def describe(
    incident: Incident,
    members: list[EventRow],
    places: Sequence[PlaceRow] = (),
    states: Mapping[int, str] | None = None,
) -> None:
    """Type, place, date and actors of an incident, from its events (tolls are reconcile's).

    ``places``: the places its reports name; the incident's place is the most precise
    of its events' places inside the region most of them point to."""
    types = _counts(e.type for e in members if e.type != "unknown")
    first = members[0]
    incident.type = _most_common(types) if types else first.type
    subs = _counts(e.sub_type for e in members if e.type == incident.type and e.sub_type)
    incident.sub_type = _most_common(subs) if subs else None
    placed = [e for e in members if e.location]
    if placed:
        votes = _counts(e.place_key for e in members)
        region = _region(members, places or [], states)
        inside = [e for e in placed if _region_of(e.location) == region]
        inside = _main_county(inside, places or []) or inside
        # Between places as precise and as often an event's, the one the reports name most.
        named = _counts(p.geonameid for p in places or [] if p.geonameid is not None)
        loc = min(
            inside or placed,
            key=lambda e: (
                e.location.get("precision") or 9,
                -votes[e.place_key],
                -named.get(e.location.get("geonameid"), 0),
            ),
        ).location
        if not inside and region is not None:
            loc = _rehome(loc, region) or loc
        loc = _narrower(loc, places or []) or loc
        incident.location_name = loc.get("name") or loc.get("text")
        incident.lat, incident.lon = loc.get("lat"), loc.get("lon")
        incident.country, incident.admin1 = loc.get("country"), loc.get("admin1")
        incident.admin2 = loc.get("admin2")
        incident.geo_precision, incident.where_prec = loc.get("precision"), loc.get("where_prec")
    dated = [e for e in members if e.date_start and e.date_text] or [e for e in members if e.date_start]
    if dated:
        incident.date_start = min(e.date_start for e in dated)  # type: ignore[type-var]
        incident.date_end = max(e.date_end or e.date_start for e in dated)  # type: ignore[type-var]
        incident.date_precision = "day" if incident.date_start == incident.date_end else "span"
        iso = incident.date_start.isocalendar()  # type: ignore[union-attr]
        incident.week = f"{iso.year}-W{iso.week:02d}"
    actors: dict[str, dict[str, Any]] = {}
    for e in members:
        for a in e.actors:
            actors.setdefault(a.get("name") or "", a)
    incident.actors = [a for n, a in actors.items() if n]
    incident.n_reports = len({e.document_id for e in members})
    incident.updated_at = utcnow()
