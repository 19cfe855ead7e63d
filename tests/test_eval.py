"""Scoring functions and evaluation plumbing, on small records written for these tests."""

from __future__ import annotations

import json
import re
import types
from pathlib import Path
from typing import Any

import pytest

from tollwatch.eval import (
    EvalError,
    RangePrediction,
    acled_event_type,
    acled_prediction,
    airwars_prediction,
    b_cubed,
    best_inside,
    children_exact,
    floor3,
    haversine_km,
    pairwise_prf,
    range_exact,
    run_eval,
    run_evals,
    score_acled,
    score_airwars,
    score_events,
    score_geo,
    snake_case,
    to_document,
)
from tollwatch.evaluation.gate import minimums_from, regressions, score_counts
from tollwatch.model import Document, Estimate, Event, Extraction, Place


def out(
    *,
    acled: int | None = None,
    killed: tuple[int | None, int | None, int | None] | None = None,
    civilians: tuple[int | None, int | None, int | None] | None = None,
    children: int | None = None,
    location: dict[str, Any] | None = None,
    events: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """A minimal output contract (the fields the scorers read)."""
    empty = {"low": None, "best": None, "high": None}

    def est(t: tuple[int | None, int | None, int | None] | None) -> dict[str, int | None]:
        return dict(zip(("low", "best", "high"), t, strict=True)) if t else dict(empty)

    victims = {"civilians": est(civilians), "children": {"low": children, "best": children, "high": children}}
    return {
        "acled_fatalities": acled,
        "killed": est(killed),
        "victims": victims,
        "location": location or {},
        "events": events or [],
    }


# ---------------------------------------------------------------- pure helpers


def test_snake_case_and_event_types() -> None:
    assert snake_case("Air/drone strike") == "air_drone_strike"
    assert snake_case("Remote explosive/landmine/IED") == "remote_explosive_landmine_ied"
    assert snake_case("air_drone_strike") == "air_drone_strike"
    assert snake_case("  ") is None
    assert snake_case(None) is None
    assert acled_event_type("Battles") == "battle"
    assert acled_event_type("Violence against civilians") == "violence_against_civilians"
    assert acled_event_type("Explosions/Remote violence") == "explosions_remote_violence"
    assert acled_event_type("Riots") == "riot"
    assert acled_event_type("Protests") == "protest"
    assert acled_event_type("Strategic developments") == "strategic_development"


def test_floor3_rounds_down_exactly() -> None:
    assert floor3(2, 3) == 0.666
    assert floor3(289, 1000) == 0.289
    assert floor3(1, 1) == 1.0
    assert floor3(0, 0) == 0.0
    assert floor3(2, 3) <= 2 / 3


def test_acled_prediction_prefers_acled_figure_then_killed_low_then_zero() -> None:
    assert acled_prediction(out(acled=12, killed=(3, 5, 20))) == 12
    assert acled_prediction(out(killed=(3, 5, 20))) == 3
    assert acled_prediction(out()) == 0
    assert acled_prediction({}) == 0


def test_airwars_prediction_falls_back_to_killed() -> None:
    assert airwars_prediction(out(civilians=(2, 3, 4), killed=(9, 9, 9))) == RangePrediction(
        2, 3, 4, "civilians"
    )
    assert airwars_prediction(out(killed=(5, 6, 7))) == RangePrediction(5, 6, 7, "killed")
    assert airwars_prediction(out()).empty


def test_range_exact_and_best_inside() -> None:
    pred = RangePrediction(4, 5, 6, "civilians")
    assert range_exact(pred, (4, 6))
    assert not range_exact(pred, (4, 7))
    assert not range_exact(pred, None)
    assert range_exact(RangePrediction(None, None, None, "none"), None)
    assert best_inside(pred, (5, 5))
    assert best_inside(pred, (1, 9))
    assert not best_inside(pred, (6, 9))
    assert not best_inside(RangePrediction(4, None, 6, "killed"), (4, 6))


def test_children_exact_with_and_without_breakdown() -> None:
    assert children_exact(2, (2, 3))
    assert not children_exact(None, (2, 3))
    assert children_exact(None, None)
    assert children_exact(0, None)
    assert not children_exact(1, None)


def test_haversine_known_distances() -> None:
    assert haversine_km(0.0, 0.0, 0.0, 0.0) == 0.0
    # One degree of latitude is about 111.2 km.
    assert haversine_km(0.0, 36.0, 1.0, 36.0) == pytest.approx(111.195, abs=0.01)
    # Antipodes: half the circumference.
    assert haversine_km(0.0, 0.0, 0.0, 180.0) == pytest.approx(20015.1, abs=0.1)
    assert haversine_km(10.0, 20.0, -5.0, 7.0) == pytest.approx(haversine_km(-5.0, 7.0, 10.0, 20.0))


def test_pairwise_prf() -> None:
    gold = {"a": 1, "b": 1, "c": 2, "d": 2}
    assert pairwise_prf(gold, gold).f1 == 1.0
    # Everything in one cluster: 6 predicted pairs, 2 of them right.
    lumped = pairwise_prf(dict.fromkeys(gold, 0), gold)
    assert lumped.precision == pytest.approx(2 / 6)
    assert lumped.recall == 1.0
    # Singletons: no predicted pair, nothing found.
    split = pairwise_prf({k: k for k in gold}, gold)
    assert (split.precision, split.recall, split.f1) == (1.0, 0.0, 0.0)
    # Items only one side labels are ignored.
    assert pairwise_prf({**gold, "z": 1}, gold).f1 == 1.0


def test_b_cubed() -> None:
    gold = {"a": 1, "b": 1, "c": 2, "d": 2}
    assert b_cubed(gold, gold).f1 == 1.0
    lumped = b_cubed(dict.fromkeys(gold, 0), gold)
    assert lumped.precision == pytest.approx(0.5)
    assert lumped.recall == 1.0
    assert lumped.f1 == pytest.approx(2 / 3)
    split = b_cubed({k: k for k in gold}, gold)
    assert split.precision == 1.0
    assert split.recall == pytest.approx(0.5)
    assert b_cubed({}, gold).f1 == 0.0


# ---------------------------------------------------------------- scorers


def test_score_acled_counts() -> None:
    records = [
        {"id": "r1", "text": "Two were killed.", "fatalities": 2},
        {"id": "r2", "text": "A march passed off calmly.", "fatalities": 0},
        {"id": "r3", "text": "Shots were fired.", "fatalities": None},
        {"id": "r4", "text": "Five died.", "fatalities": 5},
        {"id": "r5", "text": "Nobody was hurt.", "fatalities": 0},
    ]
    outputs: list[dict[str, Any] | None] = [
        out(acled=2),
        out(),  # null prediction reads as 0
        out(killed=(None, None, None)),  # null gold reads as 0
        out(killed=(3, 3, 3)),  # under
        out(killed=(1, 1, 1)),  # over
    ]
    report = score_acled(records, outputs, "acled-kenya")
    assert (report.score("exact_all").correct, report.score("exact_all").n) == (3, 5)
    assert (report.score("exact_deaths").correct, report.score("exact_deaths").n) == (1, 2)
    assert report.confusion["over_count"] == 1
    assert report.confusion["under_count"] == 1
    assert report.confusion["deaths_where_gold_is_0"] == 1
    assert [e.id for e in report.errors] == ["r4", "r5"]
    assert {r.name for r in report.references} == {"gdelt.exact_deaths", "gdelt.exact_all"}
    saved = json.dumps(report.to_dict())
    assert "Five died" not in saved  # ids and numbers only
    assert "Five died" in report.to_text(show_text=True)


def test_score_acled_crash_is_wrong_even_for_zero_gold() -> None:
    report = score_acled([{"id": "x", "text": "Calm day.", "fatalities": 0}], [None])
    assert report.score("exact_all").correct == 0


def test_score_airwars() -> None:
    records = [
        {"id": "a1", "text": "t", "killed": [3, 3], "killed_breakdown": {"children": [1, 1]}},
        {"id": "a2", "text": "t", "killed": [4, 6], "killed_breakdown": {"men": [2, 2]}},
        {"id": "a3", "text": "t", "killed": None, "killed_breakdown": None},
        {"id": "a4", "text": "t", "killed": None},
        {"id": "a5", "text": "t", "killed": [2, 5], "killed_breakdown": {"children": [2, 3]}},
    ]
    outputs: list[dict[str, Any] | None] = [
        out(civilians=(3, 3, 3), killed=(5, 5, 5), children=1),  # civilians used; right
        out(killed=(4, 5, 6)),  # fallback to killed; right
        out(),  # unknown gold, no figure: right
        out(killed=(1, 1, 1)),  # unknown gold but a figure: wrong
        out(civilians=(2, 9, 9), children=0),  # wrong range, best outside, children wrong
    ]
    report = score_airwars(records, outputs, "airwars-gaza")
    got = {s.name: (s.correct, s.n) for s in report.scores}
    assert got["range_exact"] == (3, 5)
    assert got["range_exact_known"] == (2, 3)
    assert got["best_inside"] == (2, 3)
    assert got["children_low_exact"] == (1, 2)
    # All rows: a1 right, a2/a3/a4 have no gold children and predict none, a5 wrong.
    assert got["children_low_exact_all"] == (4, 5)
    assert report.confusion["prediction_basis"] == {"civilians": 2, "killed": 2, "none": 1}


def test_score_geo() -> None:
    records = [
        {"id": "g1", "text": "t", "lat": 0.0, "lon": 36.0, "country": "Kenya"},
        {"id": "g2", "text": "t", "lat": 0.0, "lon": 36.0, "country": "Kenya"},
        {"id": "g3", "text": "t", "lat": 12.0, "lon": -1.5, "country": "Burkina Faso"},
        {"id": "g4", "text": "t", "lat": None, "lon": None},
    ]
    outputs: list[dict[str, Any] | None] = [
        out(location={"lat": 0.1, "lon": 36.0, "country": "KE"}),  # ~11 km
        out(location={"lat": 1.0, "lon": 36.0, "country": "KE"}),  # ~111 km
        out(),
        out(location={"lat": 31.5, "lon": 34.4, "country": "PS"}),
    ]
    report = score_geo(records, outputs, "airwars-gaza")
    got = {s.name: (s.correct, s.n) for s in report.scores}
    assert got["within_25km"] == (1, 3)
    # g4 has no country field: airwars files are PS.
    assert got["country"] == (3, 4)
    assert got["located"] == (3, 4)
    assert [e.id for e in report.errors] == ["g2"]


def test_score_events() -> None:
    records = [
        {"id": "e1", "text": "t", "event_type": "Battles", "sub_event_type": "Armed clash"},
        {"id": "e2", "text": "t", "event_type": "Protests", "sub_event_type": "Peaceful protest"},
        {"id": "e3", "text": "t", "event_type": "Riots", "sub_event_type": "Mob violence"},
    ]
    outputs: list[dict[str, Any] | None] = [
        out(events=[{"type": "battle", "sub_type": "armed_clash"}]),
        out(events=[{"type": "protest", "sub_type": "Protest with intervention"}]),
        out(),
    ]
    report = score_events(records, outputs, "acled-ghana")
    got = {s.name: (s.correct, s.n) for s in report.scores}
    assert got["type"] == (2, 3)
    assert got["sub_type"] == (1, 3)
    assert got["has_event"] == (2, 3)


# ---------------------------------------------------------------- plumbing, with a stand-in pipeline


def _fake_extract(document: Document) -> Extraction:
    """Reads "N killed" and "in Nairobi"; enough to drive run_eval end to end."""
    match = re.search(r"(\d+) killed", document.text)
    n = int(match.group(1)) if match else None
    location = (
        Place("Nairobi", 0, 7, lat=-1.286, lon=36.817, country="KE") if "Nairobi" in document.text else None
    )
    events = [Event(id="e1", type="battle")] if "clash" in document.text else []
    return Extraction(
        id=document.id,
        published=document.published,
        language="en",
        killed=Estimate(n, n, n),
        injured=Estimate(),
        victims={},
        acled_fatalities=None,
        acled_basis=None,
        events=events,
        location=location,
    )


@pytest.fixture
def fake_pipeline(monkeypatch: pytest.MonkeyPatch) -> list[Document]:
    seen: list[Document] = []

    def extract(document: Document) -> Extraction:
        seen.append(document)
        if "boom" in document.text:
            raise RuntimeError("stand-in failure")
        return _fake_extract(document)

    module = types.ModuleType("tollwatch.pipeline")
    module.extract = extract  # type: ignore[attr-defined]
    monkeypatch.setitem(__import__("sys").modules, "tollwatch.pipeline", module)
    return seen


def _write(tmp_path: Path, name: str, rows: list[dict[str, Any]]) -> Path:
    path = tmp_path / name
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def _row(
    rid: str, text: str, published: str, fatalities: int, lat: float, lon: float, kind: str
) -> dict[str, Any]:
    sub = {"Battles": "Armed clash", "Protests": "Peaceful protest"}[kind]
    return {
        "id": rid,
        "text": text,
        "published": published,
        "fatalities": fatalities,
        "lat": lat,
        "lon": lon,
        "country": "Kenya",
        "event_type": kind,
        "sub_event_type": sub,
    }


ROWS = [
    _row("k1", "In a clash near Nairobi 3 killed.", "2021-05-02", 3, -1.29, 36.82, "Battles"),
    _row("k2", "Traders marched in Nairobi.", "2021-05-03", 0, -1.29, 36.82, "Protests"),
    _row("k3", "A boom was heard, 2 killed.", "bad", 2, 0.5, 35.3, "Battles"),
]


def test_run_eval_acled_end_to_end(tmp_path: Path, fake_pipeline: list[Document]) -> None:
    path = _write(tmp_path, "acled-kenya.jsonl", ROWS)
    report = run_eval("acled", path)
    assert report.dataset == "acled-kenya"
    assert report.n == 3
    assert (report.score("exact_all").correct, report.score("exact_deaths").correct) == (2, 1)
    assert report.crashes == [{"id": "k3", "error": "RuntimeError"}]
    assert len(report.sha256) == 64
    json.dumps(report.to_dict())
    # The pipeline gets id, text and date only: no label field reaches it.
    assert fake_pipeline[0].published is not None and fake_pipeline[0].published.isoformat() == "2021-05-02"
    assert fake_pipeline[2].published is None
    assert "exact_all" in report.to_text()


def test_run_evals_extracts_once(tmp_path: Path, fake_pipeline: list[Document]) -> None:
    path = _write(tmp_path, "acled-kenya.jsonl", ROWS)
    reports = run_evals(["acled", "geo", "events"], path, limit=2, progress=True)
    assert len(fake_pipeline) == 2
    assert reports["geo"].score("within_25km").correct == 2
    assert reports["geo"].score("country").correct == 2
    assert reports["events"].score("type").correct == 1
    counts = score_counts(reports)
    assert counts["events.type"] == (1, 2)
    # Coverage figures are reported but not gated.
    assert "geo.located" not in counts and "events.has_event" not in counts
    mins = minimums_from(counts)
    assert mins["acled.exact_all"] == 1.0
    assert mins["events.type"] == 0.5
    assert regressions(mins, counts) == []
    assert regressions({**mins, "events.type": 0.6}, counts) != []
    assert regressions({"geo.nope": 0.0}, counts) != []


def test_document_never_carries_labels() -> None:
    doc = to_document(ROWS[0], "f:1")
    assert (doc.id, doc.text, doc.origin) == ("k1", ROWS[0]["text"], "f:1")
    assert doc.source is None and doc.title is None


def test_merge_and_unknown_kind_are_coded_errors(tmp_path: Path) -> None:
    path = _write(tmp_path, "gvc-train.jsonl", ROWS)
    with pytest.raises(EvalError, match=r"E306: .*label field 'incident'"):
        run_eval("merge", path)
    with pytest.raises(EvalError, match="E302"):
        run_eval("casualties", path)
    with pytest.raises(EvalError, match="E303"):
        run_eval("acled", tmp_path / "missing.jsonl")


def test_bad_json_line_is_reported_with_its_line(tmp_path: Path, fake_pipeline: list[Document]) -> None:
    path = tmp_path / "acled-x.jsonl"
    path.write_text('{"id": "a", "text": "ok"}\n{not json\n', encoding="utf-8")
    with pytest.raises(EvalError, match=r"E304: .*acled-x.jsonl:2"):
        run_eval("acled", path)


def test_update_minimums_writes_measured_scores(
    tmp_path: Path, fake_pipeline: list[Document], monkeypatch: pytest.MonkeyPatch
) -> None:
    from tollwatch.evaluation import gate

    # The stand-in pipeline lives in this process: measure here, not in a child.
    monkeypatch.setattr(gate, "HASH_SEED", None)

    shared = tmp_path / "shared"
    (shared / "eval").mkdir(parents=True)
    for name in gate.GATE_FILES:
        # gvc files are also scored for merging, which needs the gold cluster field.
        rows = [{**r, "incident": str(i)} for i, r in enumerate(ROWS)] if name.startswith("gvc") else ROWS
        _write(shared / "eval", f"{name}.jsonl", rows)
    target = tmp_path / "minimums.json"
    data = gate.update_minimums(shared, target)
    assert json.loads(target.read_text()) == data
    kenya = data["files"]["acled-kenya"]
    assert kenya["sha256"] == gate.file_sha256(shared / "eval" / "acled-kenya.jsonl")
    assert kenya["scores"]["acled.exact_all"] == 0.666  # 2/3 rounded down
    assert "airwars.range_exact" in data["files"]["airwars-gaza"]["scores"]
    assert regressions(kenya["scores"], gate.measure_counts(shared / "eval" / "acled-kenya.jsonl")) == []
