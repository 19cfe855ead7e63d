"""The application factory: ``create_app(db_url, private=False, ...)``."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from tollwatch import __version__
from tollwatch.serve import api, pages
from tollwatch.serve.auth import ApiError

HERE = Path(__file__).parent
#: Largest request body accepted (a report is at most a few hundred kB).
MAX_BODY_BYTES = 2 * 1024 * 1024
#: Reports per POST /api/documents.
MAX_DOCUMENTS = 100

log = logging.getLogger("tollwatch.serve")

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; object-src 'none'; base-uri 'none'; "
    "frame-ancestors 'none'; form-action 'self'; img-src 'self' data: https://*.tile.openstreetmap.org"
)


class BodyLimit:
    """413 for a body larger than ``limit``, by Content-Length or by counting a chunked body."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = dict(scope.get("headers") or []).get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.limit):
            await _too_large(send, self.limit)
            return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.limit:
                raise ApiError(413, "too_large", f"the request body is larger than {self.limit} bytes")
            return message

        await self.app(scope, counted, send)


async def _too_large(send: Send, limit: int) -> None:
    body = f'{{"error": {{"code": "too_large", "message": "the request body is larger than {limit} bytes"}}}}'
    await send(
        {"type": "http.response.start", "status": 413, "headers": [(b"content-type", b"application/json")]}
    )
    await send({"type": "http.response.body", "body": body.encode()})


def create_app(
    db_url: str | None = None,
    private: bool = False,
    *,
    redact_names: bool = False,
    max_body: int = MAX_BODY_BYTES,
    max_documents: int = MAX_DOCUMENTS,
    secure_cookies: bool = False,
) -> FastAPI:
    """The service over the ledger at ``db_url`` (migrated on start, as every command does)."""
    from tollwatch.ledger import reviews  # noqa: F401  (registers the service's tables)
    from tollwatch.ledger.store import open_engine

    app = FastAPI(
        title="tollwatch",
        version=__version__,
        description="Incidents, casualty figures with provenance, and their review.",
    )
    app.state.engine = open_engine(db_url)
    app.state.private = private
    app.state.redact_names = redact_names
    app.state.max_documents = max_documents
    app.state.secure_cookies = secure_cookies
    app.state.vendor = (HERE / "static" / "vendor" / "node_modules" / "leaflet" / "dist").is_dir()
    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    _errors(app)

    @app.middleware("http")
    async def headers(request: Request, call_next: Any) -> Any:
        response = await call_next(request)
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        return response

    app.add_middleware(BodyLimit, limit=max_body)
    return app


def _errors(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def api_error(request: Request, exc: ApiError) -> Any:
        if exc.status == 401 and pages.wants_html(request):
            return pages.login_redirect(request)
        return api.error_response(exc.status, exc.code, exc.message)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Any:
        problems = []
        for e in exc.errors()[:5]:
            where = ".".join(str(x) for x in e.get("loc", ()) if x != "body") or "body"
            problems.append(f"{where}: {e.get('msg', 'invalid')}")
        return api.error_response(422, "invalid", "; ".join(problems) or "the request is invalid")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Any:
        code = {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code, "http_error")
        return api.error_response(exc.status_code, code, str(exc.detail))

    @app.exception_handler(Exception)
    async def crashed(request: Request, exc: Exception) -> Any:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return api.error_response(500, "internal", "the server failed; the error is in its log")
