"""The dashboard's HTML pages. Each has a JSON twin: ``?format=json`` (or the ``/api/...`` route)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote, urlencode

import jinja2
from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from sqlalchemy.orm import Session

from tollwatch.ledger import query
from tollwatch.ledger.reviews import check_token
from tollwatch.serve import actions, charts, data, text
from tollwatch.serve.api import DB, Filters, KeyPath, Page, PerPage, Reader
from tollwatch.serve.auth import (
    CSRF_COOKIE,
    SESSION_COOKIE,
    ApiError,
    Caller,
    caller,
    check_csrf,
    get_session,
    new_csrf,
)

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(
    env=jinja2.Environment(
        loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"),
        autoescape=True,
        trim_blocks=False,
    )
)
Format = Annotated[str | None, Query(alias="format", pattern="^(html|json)$")]


def wants_html(request: Request) -> bool:
    return not request.url.path.startswith("/api/") and request.query_params.get("format") != "json"


def login_redirect(request: Request) -> Response:
    return RedirectResponse(f"/login?next={quote(request.url.path)}", status_code=303)


def _render(request: Request, name: str, context: dict[str, Any]) -> Response:
    who: Caller | None = getattr(request.state, "caller", None)
    csrf = request.cookies.get(CSRF_COOKIE) or ""
    base = {
        "who": who,
        "csrf": csrf,
        "vendor": request.app.state.vendor,
        "private": request.app.state.private,
    }
    response = templates.TemplateResponse(request, name, base | context)
    if who is not None and who.via == "cookie" and not csrf:
        _set_csrf(request, response)
    return response


def _set_csrf(request: Request, response: Response) -> None:
    response.set_cookie(
        CSRF_COOKIE, new_csrf(), httponly=False, samesite="strict", secure=request.app.state.secure_cookies
    )


def _redacting(request: Request, who: Caller) -> bool:
    """Names are hidden from the public (and readers) when the app is configured so."""
    return bool(request.app.state.redact_names) and not who.can_write


@router.get("/", response_class=HTMLResponse)
@router.get("/incidents", response_class=HTMLResponse)
def dashboard(
    request: Request, session: DB, who: Reader, filters: Filters, fmt: Format = None,
    page: Page = 1, per_page: PerPage = 50,
) -> Response:  # fmt: skip
    listing = data.list_incidents(session, filters, page, per_page)
    if fmt == "json":
        return JSONResponse(listing)
    line = data.timeline(session, filters)
    active = filters.active()
    pages = max(1, -(-listing["total"] // per_page))
    links = {
        "prev": f"?{urlencode(active | {'page': page - 1, 'per_page': per_page})}" if page > 1 else None,
        "next": f"?{urlencode(active | {'page': page + 1, 'per_page': per_page})}" if page < pages else None,
    }
    return _render(
        request,
        "dashboard.html",
        {
            "listing": listing,
            "filters": active,
            "facets": data.facets(session),
            "timeline": charts.timeline_svg(line["days"], line["steps"], "killed per day and revisions"),
            "api_query": urlencode(active | {"per_page": data.MAX_PER_PAGE}),
            "links": links,
            "pages": pages,
        },
    )


@router.get("/incidents/{key}", response_class=HTMLResponse)
def incident_page(request: Request, session: DB, who: Reader, key: KeyPath, fmt: Format = None) -> Response:
    record = data.incident_detail(session, key)
    if record is None:
        raise ApiError(404, "not_found", f"no incident or report {key!r}")
    if fmt == "json":
        return JSONResponse(record)
    redacting = _redacting(request, who)
    docs = []
    for doc in record["documents"]:
        parts = text.segments(doc["text"], doc["figures"])
        heading = text.segments(doc["title"] or "", doc["figures"], field="title")
        if redacting:
            parts, heading = text.redact_segments(parts), text.redact_segments(heading)
        docs.append(doc | {"segments": parts, "title_segments": heading})
    doubtful = sorted(
        (f for d in record["documents"] for f in d["figures"]), key=lambda f: (f["confidence"], f["id"])
    )
    return _render(
        request,
        "incident.html",
        {
            "r": record,
            "docs": docs,
            "doubtful": doubtful,
            "chart": charts.history_svg(record["history"]),
            "redact": text.redact if redacting else (lambda s: s),
        },
    )


@router.get("/review", response_class=HTMLResponse)
def review_page(
    request: Request, session: DB, who: Reader, fmt: Format = None, page: Page = 1, per_page: PerPage = 50
) -> Response:
    listing = data.doubtful_figures(session, page, per_page)
    if fmt == "json":
        return JSONResponse(listing)
    redact = text.redact if _redacting(request, who) else (lambda s: s)
    return _render(request, "review.html", {"listing": listing, "redact": redact})


@router.get("/tolls", response_class=HTMLResponse)
def tolls_page(
    request: Request, session: DB, who: Reader, by: str = "country", fmt: Format = None
) -> Response:
    if by not in query.TOLL_GROUPINGS:
        raise ApiError(400, "bad_grouping", f"by is one of {', '.join(query.TOLL_GROUPINGS)}")
    rows = query.tolls(session, by)
    if fmt == "json":
        return JSONResponse({"by": by, "rows": rows})
    return _render(request, "tolls.html", {"by": by, "rows": rows, "groupings": query.TOLL_GROUPINGS})


# ---------------------------------------------------------------- forms (cookie session + CSRF)


def _form_writer(request: Request, who: Caller, csrf: str | None) -> Caller:
    if who.principal is None:
        raise ApiError(401, "unauthorized", "log in with an analyst token")
    if not who.can_write:
        raise ApiError(403, "forbidden", f"a {who.principal.role} token cannot change the ledger")
    if who.via == "cookie":
        check_csrf(request, csrf)
    return who


def _optional_int(value: str | None) -> int | None:
    if value is None or not value.strip():
        return None
    try:
        return int(value)
    except ValueError:
        raise ApiError(422, "invalid", f"{value!r} is not a whole number") from None


@router.post("/incidents/{key}/figures/{figure_id}")
def review_form(
    request: Request,
    who: Annotated[Caller, Depends(caller)],
    key: KeyPath,
    figure_id: int,
    action: Annotated[str, Form()],
    reason: Annotated[str, Form()] = "",
    low: Annotated[str | None, Form()] = None,
    best: Annotated[str | None, Form()] = None,
    high: Annotated[str | None, Form()] = None,
    csrf: Annotated[str | None, Form()] = None,
) -> Response:
    _form_writer(request, who, csrf)
    try:
        body = actions.ReviewIn.model_validate(
            {
                "action": action,
                "reason": reason,
                "low": _optional_int(low),
                "best": _optional_int(best),
                "high": _optional_int(high),
            }
        )
    except ValueError as err:
        raise ApiError(422, "invalid", str(err).splitlines()[-1]) from None
    actions.review(request.app.state.engine, figure_id, body, who)
    return RedirectResponse(f"/incidents/{quote(key)}#figure-{figure_id}", status_code=303)


@router.post("/incidents/{key}/split-form")
def split_form(
    request: Request,
    who: Annotated[Caller, Depends(caller)],
    key: KeyPath,
    report: Annotated[str, Form()],
    reason: Annotated[str, Form()],
    csrf: Annotated[str | None, Form()] = None,
) -> Response:
    _form_writer(request, who, csrf)
    result = actions.split(request.app.state.engine, key, actions.SplitIn(report=report, reason=reason), who)
    target = result["incidents"][0] if result["incidents"] else key
    return RedirectResponse(f"/incidents/{quote(target)}", status_code=303)


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request, next: str = "/") -> Response:
    request.state.caller = None
    return _render(request, "login.html", {"next": _safe_next(next), "error": None})


@router.post("/login")
def login(
    request: Request,
    session: Annotated[Session, Depends(get_session)],
    token: Annotated[str, Form(max_length=300)],
    next: Annotated[str, Form(max_length=500)] = "/",
) -> Response:
    principal = check_token(session, token.strip())
    if principal is None:
        request.state.caller = None
        context = {"next": _safe_next(next), "error": "That token is unknown or revoked."}
        response = _render(request, "login.html", context)
        response.status_code = 401
        return response
    response = RedirectResponse(_safe_next(next), status_code=303)
    secure = request.app.state.secure_cookies
    response.set_cookie(SESSION_COOKIE, token.strip(), httponly=True, samesite="strict", secure=secure)
    _set_csrf(request, response)
    return response


@router.post("/logout")
def logout(request: Request, csrf: Annotated[str | None, Form()] = None) -> Response:
    check_csrf(request, csrf)
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie(SESSION_COOKIE)
    response.delete_cookie(CSRF_COOKIE)
    return response


def _safe_next(value: str) -> str:
    """Only a path on this site (never ``//host`` or a URL) to go back to after login."""
    if not value.startswith("/") or value.startswith("//") or "\\" in value:
        return "/"
    return value
