"""The service in process: private mode, name redaction, cookie sessions with CSRF, tokens, highlights."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from tollwatch.cli import main
from tollwatch.ledger.ingest import ingest
from tollwatch.ledger.reviews import ApiToken, create_token, hash_token
from tollwatch.ledger.store import open_engine
from tollwatch.model import Document
from tollwatch.serve.app import create_app
from tollwatch.serve.text import REDACTED, redact, segments

REPORT = Document(
    id="test-named",
    published=__import__("datetime").date(2024, 6, 2),
    title="Shooting in Corbel Street",
    text=(
        "Two people were killed when a gunman fired on a crowd in Corbel on Sunday. "
        "The victims were named as Layla Nasser and her neighbour, Mr Haddad. "
        "A witness, Tomas Greer, said the attacker fled on foot."
    ),
)


@pytest.fixture
def ledger(tmp_path: Path) -> tuple[str, dict[str, str]]:
    url = f"sqlite:///{tmp_path / 'app.db'}"
    engine = open_engine(url)
    ingest(engine, [REPORT])
    with Session(engine) as session, session.begin():
        tokens = {role: create_token(session, role)[1] for role in ("reader", "analyst")}
    engine.dispose()
    return url, tokens


def _incident(client: TestClient, headers: dict[str, str] | None = None) -> str:
    return client.get("/api/incidents", headers=headers or {}).json()["items"][0]["id"]


def test_private_mode_needs_a_token_for_reads(ledger: tuple[str, dict[str, str]]) -> None:
    url, tokens = ledger
    client = TestClient(create_app(url, private=True))
    r = client.get("/api/incidents")
    assert r.status_code == 401 and r.json()["error"]["code"] == "unauthorized"
    assert client.get("/", follow_redirects=False).status_code == 303  # to the login page
    assert (
        client.get("/api/incidents", headers={"Authorization": f"Bearer {tokens['reader']}"}).status_code
        == 200
    )


def test_names_are_redacted_for_the_public_only(ledger: tuple[str, dict[str, str]]) -> None:
    url, tokens = ledger
    client = TestClient(create_app(url, redact_names=True))
    key = _incident(client)
    public = client.get(f"/incidents/{key}").text
    assert "Layla Nasser" not in public and "Haddad" not in public and "Tomas Greer" not in public
    assert REDACTED in public and "Corbel" in public
    client.post("/login", data={"token": tokens["analyst"], "next": "/"})
    assert "Layla Nasser" in client.get(f"/incidents/{key}").text


def test_cookie_forms_need_the_csrf_token(ledger: tuple[str, dict[str, str]]) -> None:
    url, tokens = ledger
    client = TestClient(create_app(url))
    key = _incident(client)
    fig = client.get(f"/api/incidents/{key}").json()["documents"][0]["figures"][0]
    form = {"action": "correct", "best": "3", "reason": "coroner"}
    anon = client.post(f"/incidents/{key}/figures/{fig['id']}", data=form, follow_redirects=False)
    assert anon.status_code == 303 and anon.headers["location"].startswith("/login")
    r = client.post(
        "/login", data={"token": tokens["analyst"], "next": "//evil.example/"}, follow_redirects=False
    )
    assert r.status_code == 303 and r.headers["location"] == "/"
    csrf = client.cookies["tw_csrf"]
    r = client.post(f"/incidents/{key}/figures/{fig['id']}", data=form, follow_redirects=False)
    assert r.status_code == 403 and r.json()["error"]["code"] == "csrf"
    r = client.post(
        f"/incidents/{key}/figures/{fig['id']}", data=form | {"csrf": csrf}, follow_redirects=False
    )
    assert r.status_code == 303
    assert client.get(f"/api/incidents/{key}").json()["killed"]["best"] == 3
    # A script call on the cookie session needs the header; a bearer call does not.
    body = {"action": "accept", "reason": "ok"}
    assert client.patch(f"/api/figures/{fig['id']}", json=body).status_code == 403
    assert (
        client.patch(f"/api/figures/{fig['id']}", json=body, headers={"X-CSRF-Token": csrf}).status_code
        == 200
    )
    bearer = TestClient(create_app(url))
    headers = {"Authorization": f"Bearer {tokens['analyst']}"}
    assert bearer.patch(f"/api/figures/{fig['id']}", json=body, headers=headers).status_code == 200


def test_bad_login_is_401(ledger: tuple[str, dict[str, str]]) -> None:
    client = TestClient(create_app(ledger[0]))
    r = client.post("/login", data={"token": "tw_wrong"})
    assert r.status_code == 401 and "unknown" in r.text


def test_token_create_prints_the_token_last_and_stores_its_hash(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 't.db'}"
    result = CliRunner().invoke(main, ["token", "create", "--role", "analyst", "--db", db])
    assert result.exit_code == 0, result.output
    token = result.stdout.strip().splitlines()[-1].split()[-1]
    assert token.startswith("tw_") and len(token) > 30
    engine = open_engine(db)
    with Session(engine) as session:
        row = session.scalars(select(ApiToken)).one()
    assert row.role == "analyst" and row.token_hash == hash_token(token) and token not in row.token_hash
    bad = CliRunner().invoke(main, ["token", "create", "--role", "root", "--db", db])
    assert bad.exit_code == 2


def test_segments_mark_the_innermost_figure() -> None:
    text = "Ten people, four of them children, died."
    figs = [
        {"id": 1, "start": 0, "end": 10, "text": "Ten people"},
        {"id": 2, "start": 0, "end": 34, "text": "Ten people, four of them children"},
        {"id": 3, "start": 12, "end": 33, "text": "four of them children"},
    ]
    parts = segments(text, figs)
    assert "".join(p.text for p in parts) == text
    assert [(p.text, p.figure["id"] if p.figure else None) for p in parts] == [
        ("Ten people", 1),
        (", ", 2),
        ("four of them children", 3),
        (",", 2),
        (" died.", None),
    ]


def test_redact_keeps_places_and_sentence_starts() -> None:
    out = redact("Police in Kestrel Bay said Amina Yusuf and Dr. Okafor were hurt. Residents fled.")
    assert "Amina" not in out and "Okafor" not in out and "Kestrel Bay" in out
    assert re.search(r"Residents fled", out)
