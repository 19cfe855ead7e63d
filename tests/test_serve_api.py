"""The service's API against a real uvicorn process (``tollwatch serve``) on 127.0.0.1."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from tollwatch.ledger.store import DocumentRow, make_engine

if TYPE_CHECKING:
    from serve_fixtures import Server

pytest_plugins = ["serve_fixtures"]

BUS = {
    "id": "test-bus-crash",
    "published": "2024-09-03",
    "title": "Bus overturns on the Harrowgate road",
    "source": "written for the tollwatch tests",
    "text": (
        "Seven people were killed on Tuesday when a bus overturned on the mountain road outside "
        "Harrowgate, police said. Fourteen passengers were taken to hospital."
    ),
}

SCRIPTED = {
    "id": "test-scripted",
    "published": "2024-09-05",
    "title": "<script>window.__pwned = 1</script> Market attack",
    "text": (
        'Three people were killed <script>window.__pwned = 1; alert("x")</script> when gunmen opened '
        "fire at a market in Pellham on Thursday, residents said. <img src=x onerror=alert(2)>"
    ),
}


def _figure(detail: dict[str, Any], text: str) -> dict[str, Any]:
    return next(f for d in detail["documents"] for f in d["figures"] if f["text"] == text)


def test_writes_need_an_analyst_token(server: Server) -> None:
    with server.client() as anon:
        r = anon.post("/api/documents", json=BUS)
        assert r.status_code == 401
        assert r.json()["error"]["code"] == "unauthorized"
        assert anon.patch("/api/figures/1", json={"action": "accept", "reason": "x"}).status_code == 401
    with server.client("reader") as reader:
        r = reader.post("/api/documents", json=BUS)
        assert r.status_code == 403
        assert "reader" in r.json()["error"]["message"]
        assert reader.post("/api/incidents/x/split", json={"report": "y", "reason": "z"}).status_code == 403
    with httpx_bad_token(server) as bad:
        assert bad.post("/api/documents", json=BUS).status_code == 401


def httpx_bad_token(server: Server) -> Any:
    import httpx

    return httpx.Client(base_url=server.url, headers={"Authorization": "Bearer nope"}, timeout=30)


def test_analyst_ingests_and_gets_ids(server: Server) -> None:
    with server.client("analyst") as analyst:
        r = analyst.post("/api/documents", json=[BUS])
        assert r.status_code == 201, r.text
        (stored,) = r.json()["documents"]
        assert stored["id"] == BUS["id"] and stored["document_id"] and stored["incidents"]
        detail = analyst.get(f"/api/incidents/{stored['incidents'][0]}").json()
        assert detail["killed"]["best"] == 7
        assert _figure(detail, "Seven people were killed")["start"] == 0


def test_correction_survives_reingest_and_is_logged(server: Server) -> None:
    with server.client("analyst") as analyst:
        first = analyst.post("/api/documents", json=BUS).json()["documents"][0]
        key = first["incidents"][0]
        fig = _figure(analyst.get(f"/api/incidents/{key}").json(), "Seven people were killed")
        r = analyst.patch(
            f"/api/figures/{fig['id']}", json={"action": "correct", "best": 8, "reason": "hospital list"}
        )
        assert r.status_code == 200, r.text
        assert r.json()["incidents"][0]["killed"]["best"] == 8

        # The same report again: skipped, the correction stands.
        assert analyst.post("/api/documents", json=BUS).status_code == 201
        assert analyst.get(f"/api/incidents/{key}").json()["killed"]["best"] == 8

        # Re-extraction: the stored report is gone and read again (new figure rows, new ids).
        engine = make_engine(server.db)
        with Session(engine) as session, session.begin():
            session.execute(delete(DocumentRow).where(DocumentRow.input_id == BUS["id"]))
        engine.dispose()
        stored = analyst.post("/api/documents", json=BUS).json()["documents"][0]
        detail = analyst.get(f"/api/incidents/{stored['incidents'][0]}").json()
        again = _figure(detail, "Seven people were killed")
        assert stored["document_id"] is not None and not stored["alias"]
        assert again["extracted"]["best"] == 7
        assert (again["best"], again["review"]["status"]) == (8, "correct")
        assert detail["killed"]["best"] == 8
        log = detail["review_log"]
        assert any(e["action"] == "figure_correct" and e["reason"] == "hospital list" for e in log)
        entry = next(e for e in log if e["reason"] == "hospital list")
        assert entry["who"] == "test-analyst" and entry["before"]["extracted"]["best"] == 7
        assert entry["after"]["review"]["best"] == 8


def test_review_log_is_append_only(server: Server) -> None:
    import sqlalchemy.exc

    from tollwatch.ledger.reviews import ReviewLog

    engine = make_engine(server.db)
    try:
        with Session(engine) as session, session.begin():
            session.add(ReviewLog(actor="t", role="admin", action="note", before={}, after={}, reason="r"))
        try:
            with Session(engine) as session, session.begin():
                session.execute(delete(ReviewLog))
            raise AssertionError("review_log accepted a DELETE")
        except sqlalchemy.exc.DatabaseError as err:
            assert "append-only" in str(err)
        with Session(engine) as session:
            assert session.scalar(select(ReviewLog.id).limit(1)) is not None
    finally:
        engine.dispose()


def test_report_markup_is_escaped(server: Server) -> None:
    with server.client("analyst") as analyst:
        r = analyst.post("/api/documents", json=SCRIPTED)
        assert r.status_code == 201, r.text
        key = r.json()["documents"][0]["incidents"][0]
        page = analyst.get(f"/incidents/{key}").text
    assert "<script>window.__pwned" not in page
    assert "&lt;script&gt;window.__pwned" in page
    assert "<img src=x" not in page
    assert "script-src 'self'" in analyst_headers(server, key)


def analyst_headers(server: Server, key: str) -> str:
    with server.client() as anon:
        return anon.get(f"/incidents/{key}").headers["content-security-policy"]


def test_reads_filters_and_errors(server: Server) -> None:
    with server.client() as anon:
        listing = anon.get("/api/incidents", params={"country": "SY", "per_page": 5}).json()
        assert listing["total"] >= 1 and len(listing["items"]) <= 5
        assert {i["location"]["country"] for i in listing["items"]} == {"SY"}
        big = anon.get("/api/incidents", params={"min_toll": 100}).json()
        assert all((i["killed"]["best"] or 0) >= 100 for i in big["items"])
        assert anon.get("/api/incidents", params={"bbox": "30,30,40,40"}).json()["total"] >= 1
        assert anon.get("/api/incidents", params={"bbox": "1,2"}).json()["error"]["code"] == "bad_bbox"
        assert anon.get("/api/tolls", params={"by": "week"}).status_code == 200
        assert anon.get("/api/tolls", params={"by": "year"}).status_code == 422
        r = anon.get("/api/incidents/Inothing")
        assert r.status_code == 404 and r.json()["error"]["code"] == "not_found"
        assert anon.get("/api/export", params={"format": "geojson"}).json()["type"] == "FeatureCollection"
        assert anon.get("/?format=json").json()["items"]
        assert anon.get("/review?format=json").json()["items"]
    with server.client("analyst") as analyst:
        r = analyst.patch("/api/figures/1", json={"action": "correct", "reason": "no value"})
        assert r.status_code == 422 and "best" in r.json()["error"]["message"]
        big_body = {"id": "big", "text": "x" * (3 * 1024 * 1024)}
        assert analyst.post("/api/documents", json=big_body).status_code == 413
        assert analyst.post("/api/documents", json=[]).status_code == 422
        r = analyst.post("/api/documents", json={"id": "blank", "text": "   "})
        assert r.status_code == 422 and "empty" in r.json()["error"]["message"]
