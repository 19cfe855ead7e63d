"""The JSON API (``/api/...``); the OpenAPI document is at ``/openapi.json``."""

from __future__ import annotations

import datetime as dt
import io
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Body, Depends, Path, Query, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BeforeValidator
from sqlalchemy.orm import Session

from tollwatch.ledger import query
from tollwatch.serve import actions, data
from tollwatch.serve.auth import ApiError, Caller, get_session, reader, writer

router = APIRouter(prefix="/api", tags=["api"])

EXPORT_TYPES = {
    "acled": "text/csv; charset=utf-8",
    "ucdp": "text/csv; charset=utf-8",
    "geojson": "application/geo+json",
    "jsonl": "application/x-ndjson",
}


def _blank_is_none(value: Any) -> Any:
    """An empty form field (``?since=``) means "no filter"."""
    return None if value == "" else value


Blank = BeforeValidator(_blank_is_none)

KeyPath = Annotated[str, Path(min_length=1, max_length=500, description="incident id (I…) or a report's id")]


def parse_bbox(value: str | None) -> tuple[float, float, float, float] | None:
    if not value:
        return None
    try:
        w, s, e, n = (float(x) for x in value.split(","))
    except ValueError:
        raise ApiError(400, "bad_bbox", "bbox is W,S,E,N: four numbers in degrees") from None
    if not (-180 <= w <= e <= 180 and -90 <= s <= n <= 90):
        raise ApiError(400, "bad_bbox", "bbox needs -180 <= W <= E <= 180 and -90 <= S <= N <= 90")
    return (w, s, e, n)


def incident_filters(
    country: Annotated[str | None, Query(max_length=8, description="ISO 3166-1 alpha-2, e.g. SY")] = None,
    admin1: Annotated[str | None, Query(max_length=200)] = None,
    type: Annotated[str | None, Query(max_length=64, description="event type, e.g. battle")] = None,
    since: Annotated[dt.date | None, Blank, Query(description="first incident date (YYYY-MM-DD)")] = None,
    until: Annotated[dt.date | None, Blank, Query(description="last incident date (YYYY-MM-DD)")] = None,
    bbox: Annotated[str | None, Query(max_length=100, description="W,S,E,N in degrees")] = None,
    min_toll: Annotated[
        str | None, Query(pattern=r"^[0-9]{0,8}$", description="killed (best) at least, a whole number")
    ] = None,
    q: Annotated[str | None, Query(max_length=200, description="place name or report title contains")] = None,
) -> data.IncidentFilters:
    if since and until and since > until:
        raise ApiError(400, "bad_dates", "'since' is after 'until'")
    least = int(min_toll) if min_toll else None
    return data.IncidentFilters(country, admin1, type, since, until, parse_bbox(bbox), least, q or None)


Filters = Annotated[data.IncidentFilters, Depends(incident_filters)]
DB = Annotated[Session, Depends(get_session)]
Reader = Annotated[Caller, Depends(reader)]
Writer = Annotated[Caller, Depends(writer)]
Page = Annotated[int, Query(ge=1, le=1_000_000)]
PerPage = Annotated[int, Query(ge=1, le=data.MAX_PER_PAGE)]


@router.post("/documents", status_code=201, summary="Ingest one report or a list of reports")
def post_documents(
    request: Request,
    who: Writer,
    body: Annotated[actions.DocumentIn | list[actions.DocumentIn], Body()],
) -> dict[str, Any]:
    """Same path as `tollwatch ingest`: extracted, merged and reconciled before the answer."""
    records = body if isinstance(body, list) else [body]
    if not records:
        raise ApiError(422, "empty", "send one report object or a non-empty list of them")
    if len(records) > request.app.state.max_documents:
        raise ApiError(413, "too_many", f"at most {request.app.state.max_documents} reports per request")
    return actions.ingest_documents(request.app.state.engine, records)


@router.get("/incidents", summary="Incidents, filtered and paginated")
def get_incidents(
    session: DB, who: Reader, filters: Filters, page: Page = 1, per_page: PerPage = 50
) -> dict[str, Any]:
    return data.list_incidents(session, filters, page, per_page)


@router.get("/incidents/{key}", summary="One incident: figures, sentences, reports, toll history, log")
def get_incident(request: Request, session: DB, who: Reader, key: KeyPath) -> dict[str, Any]:
    record = data.incident_detail(session, key)
    if record is None:
        raise ApiError(404, "not_found", f"no incident or report {key!r}")
    return record


@router.get("/tolls", summary="Killed and injured summed by country, admin1, day or week")
def get_tolls(
    session: DB, who: Reader, by: Literal["country", "admin1", "day", "week"] = "country"
) -> dict[str, Any]:
    return {"by": by, "rows": query.tolls(session, by)}


@router.get("/timeline", summary="Killed per incident day, and the total as reports revised it")
def get_timeline(session: DB, who: Reader, filters: Filters) -> dict[str, Any]:
    return data.timeline(session, filters)


@router.get("/export", summary="Every incident as ACLED or UCDP CSV, GeoJSON or JSON Lines")
def get_export(
    request: Request, who: Reader, format: Literal["acled", "ucdp", "geojson", "jsonl"] = "jsonl"
) -> Response:
    from tollwatch.export import export

    out = io.BytesIO()
    export(request.app.state.engine, format, out)
    suffix = {"acled": "csv", "ucdp": "csv"}.get(format, format)
    return Response(
        out.getvalue(),
        media_type=EXPORT_TYPES[format],
        headers={"Content-Disposition": f'attachment; filename="incidents-{format}.{suffix}"'},
    )


@router.get("/figures", summary="Figures to review, least confident first")
def get_figures(session: DB, who: Reader, page: Page = 1, per_page: PerPage = 50) -> dict[str, Any]:
    return data.doubtful_figures(session, page, per_page)


@router.patch("/figures/{figure_id}", summary="Accept, reject or correct a figure, with a reason")
def patch_figure(
    request: Request,
    who: Writer,
    figure_id: Annotated[int, Path(ge=1, le=2**62)],
    body: actions.ReviewIn,
) -> dict[str, Any]:
    return actions.review(request.app.state.engine, figure_id, body, who)


@router.post("/incidents/{key}/split", summary="Take a report out of an incident")
def post_split(request: Request, who: Writer, key: KeyPath, body: actions.SplitIn) -> dict[str, Any]:
    return actions.split(request.app.state.engine, key, body, who)


@router.post("/incidents/{key}/merge", summary="Merge two incidents")
def post_merge(request: Request, who: Writer, key: KeyPath, body: actions.MergeIn) -> dict[str, Any]:
    return actions.merge(request.app.state.engine, key, body, who)


def error_response(status: int, code: str, message: str) -> JSONResponse:
    return JSONResponse({"error": {"code": code, "message": message}}, status_code=status)
