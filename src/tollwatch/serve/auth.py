"""Who is calling: bearer tokens for the API, a cookie session (with CSRF) for the dashboard.

* ``Authorization: Bearer TOKEN`` — API calls. No CSRF check: a browser never
  adds this header on its own.
* Cookie session — the dashboard's forms. ``POST /login`` with a token sets
  ``tw_session`` (HttpOnly, SameSite=Strict) and ``tw_csrf`` (readable by our
  script); every form post and script write must echo ``tw_csrf`` in a
  ``csrf`` field or an ``X-CSRF-Token`` header (double submit).

Writes need an analyst or admin token: none → 401, a reader → 403. Reads are
public unless the app is private.
"""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.orm import Session

from tollwatch.ledger.reviews import Principal, check_token

SESSION_COOKIE = "tw_session"
CSRF_COOKIE = "tw_csrf"
CSRF_HEADER = "x-csrf-token"


class ApiError(Exception):
    """An error answered as ``{"error": {"code", "message"}}`` with ``status``."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


@dataclass(frozen=True, slots=True)
class Caller:
    principal: Principal | None
    via: str  # "bearer", "cookie" or "none"

    @property
    def name(self) -> str:
        return self.principal.name if self.principal else "anonymous"

    @property
    def can_write(self) -> bool:
        return self.principal is not None and self.principal.can_write


def get_session(request: Request) -> Iterator[Session]:
    with Session(request.app.state.engine) as session:
        yield session


def _caller(request: Request, session: Session) -> Caller:
    header = request.headers.get("authorization")
    if header is not None:
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise ApiError(401, "bad_authorization", "use 'Authorization: Bearer TOKEN'")
        principal = check_token(session, token.strip())
        if principal is None:
            raise ApiError(401, "bad_token", "the token is unknown or revoked")
        return Caller(principal, "bearer")
    cookie = request.cookies.get(SESSION_COOKIE)
    if cookie:
        principal = check_token(session, cookie)
        if principal is not None:
            return Caller(principal, "cookie")
    return Caller(None, "none")


def caller(request: Request, session: Annotated[Session, Depends(get_session)]) -> Caller:
    """The caller, whatever the app's mode (for pages that show more to analysts)."""
    who = _caller(request, session)
    request.state.caller = who
    return who


def reader(request: Request, who: Annotated[Caller, Depends(caller)]) -> Caller:
    """Reads: anyone in public mode; a valid token (any role) in private mode."""
    if request.app.state.private and who.principal is None:
        raise ApiError(401, "unauthorized", "this ledger is private: send 'Authorization: Bearer TOKEN'")
    return who


def writer(request: Request, who: Annotated[Caller, Depends(caller)]) -> Caller:
    """API writes: an analyst or admin token; a cookie session must also pass the CSRF check."""
    if who.principal is None:
        raise ApiError(401, "unauthorized", "writes need 'Authorization: Bearer TOKEN' (analyst or admin)")
    if not who.can_write:
        raise ApiError(403, "forbidden", f"a {who.principal.role} token cannot change the ledger")
    if who.via == "cookie":
        check_csrf(request, request.headers.get(CSRF_HEADER))
    return who


def check_csrf(request: Request, submitted: str | None) -> None:
    """Double submit: the form's (or header's) token must equal the ``tw_csrf`` cookie."""
    expected = request.cookies.get(CSRF_COOKIE) or ""
    if not expected or not submitted or not hmac.compare_digest(expected, submitted):
        raise ApiError(403, "csrf", "the form's CSRF token is missing or stale; reload the page")


def new_csrf() -> str:
    return secrets.token_urlsafe(24)
