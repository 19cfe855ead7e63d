"""``merge`` evaluation: ingest a labelled file into a fresh ledger and score its incidents.

The ledger sees each record's ``id``, ``text``, ``published`` and ``title``
only. Each document's *primary* incident (``primary_reports`` in the incident
export; aliases included) is compared with the gold cluster in the label
field: pairwise P/R/F1, B³, MUC, CEAF-e and the CoNLL mean. Per predicted
incident, the gold incident is the majority gold label of its primary reports;
its ``killed.best`` and ``injured.best`` are compared exactly with the gold
``killed``/``injured`` and its place with the gold ``lat``/``lon`` (25 km).

``baseline="date"`` adds the same scores for clustering by publication date
alone (same day, same cluster); a date cluster's toll is the commonest
document-level ``killed.best`` of its reports and its place the commonest
place of their first events.
"""

from __future__ import annotations

import tempfile
import time
from collections import Counter
from collections.abc import Callable, Hashable, Mapping, Sequence
from pathlib import Path
from typing import Any

from tollwatch.evaluation.report import ErrorExample, EvalReport, Score
from tollwatch.evaluation.scoring import PRF, b_cubed, ceaf_e, haversine_km, muc, pairwise_prf

Record = dict[str, Any]

#: A place within this distance of the gold coordinates counts as right.
RADIUS_KM = 25.0
#: F1-like scores are stored as counts out of this many (the gate compares correct / n).
SCALE = 100_000
BASELINES = ("date",)


def _gold_int(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


def _incidents(path: Path, records: Sequence[Record], progress: bool) -> list[dict[str, Any]]:
    """Ingest ``records`` into a temporary SQLite ledger; the incident export plus per-report facts."""
    from sqlalchemy.orm import Session

    from tollwatch.evaluation.runners import to_document
    from tollwatch.ledger.ingest import ingest
    from tollwatch.ledger.query import incident_records
    from tollwatch.ledger.store import open_engine

    docs = []
    for i, record in enumerate(records):
        doc = to_document({k: record.get(k) for k in ("id", "text", "published", "title")}, f"{path}:{i + 1}")
        docs.append(doc)
    with tempfile.TemporaryDirectory(prefix="tollwatch-merge-") as tmp:
        engine = open_engine(str(Path(tmp) / "merge.db"))
        try:
            ingest(engine, docs)
            with Session(engine) as session:
                out = incident_records(session)
                out.append({"_docs": _document_facts(session)})
        finally:
            engine.dispose()
    return out


def _document_facts(session: Any) -> dict[str, dict[str, Any]]:
    """Per input id (aliases too): its extraction's killed/injured best and its first event's place."""
    from sqlalchemy import select

    from tollwatch.ledger.store import DocumentAlias, DocumentRow, EventRow

    facts: dict[str, dict[str, Any]] = {}
    by_doc: dict[int, dict[str, Any]] = {}
    rows = session.execute(
        select(
            DocumentRow.id,
            DocumentRow.input_id,
            DocumentRow.killed,
            DocumentRow.injured,
            EventRow.lat,
            EventRow.lon,
        )
        .join(EventRow, EventRow.document_id == DocumentRow.id)
        .where(EventRow.ordinal == 0)
    )
    for doc_id, input_id, killed, injured, lat, lon in rows:
        fact = {
            "killed": (killed or {}).get("best"),
            "injured": (injured or {}).get("best"),
            "lat": lat,
            "lon": lon,
        }
        facts[input_id] = by_doc[doc_id] = fact
    for input_id, doc_id in session.execute(select(DocumentAlias.input_id, DocumentAlias.document_id)):
        if doc_id in by_doc:
            facts[input_id] = by_doc[doc_id]
    return facts


def _scaled(name: str, value: float, description: str, gated: bool = True) -> Score:
    return Score(name, round(value * SCALE), SCALE, description, gated)


def cluster_scores(predicted: Mapping[Any, Any], gold: Mapping[Any, Any]) -> dict[str, PRF]:
    return {
        "pairwise": pairwise_prf(predicted, gold),
        "b3": b_cubed(predicted, gold),
        "muc": muc(predicted, gold),
        "ceaf_e": ceaf_e(predicted, gold),
    }


def _cluster_rows(scores: dict[str, PRF], prefix: str, gated: bool) -> list[Score]:
    pw, b3 = scores["pairwise"], scores["b3"]
    conll = (scores["muc"].f1 + b3.f1 + scores["ceaf_e"].f1) / 3
    return [
        _scaled(f"{prefix}pairwise_f1", pw.f1, "pairwise F1 over document pairs", gated),
        _scaled(f"{prefix}pairwise_precision", pw.precision, "pairwise precision", gated),
        _scaled(f"{prefix}pairwise_recall", pw.recall, "pairwise recall", gated),
        _scaled(f"{prefix}b3_f1", b3.f1, "B³ F1", gated),
        _scaled(f"{prefix}muc_f1", scores["muc"].f1, "MUC F1", gated),
        _scaled(f"{prefix}ceaf_e_f1", scores["ceaf_e"].f1, "CEAF-e F1", gated),
        _scaled(f"{prefix}conll_f1", conll, "CoNLL F1 (mean of MUC, B³, CEAF-e)", gated),
    ]


def _within(lat: Any, lon: Any, gold: Record) -> bool:
    if None in (lat, lon, gold.get("lat"), gold.get("lon")):
        return False
    return haversine_km(float(lat), float(lon), float(gold["lat"]), float(gold["lon"])) <= RADIUS_KM


Incident = tuple[str, list[str], Any, Any, Any, Any]  # key, members, killed, injured, lat, lon


def incident_scores(
    incidents: Sequence[Incident], gold_of: Mapping[str, Hashable], gold_record: Mapping[Hashable, Record]
) -> tuple[list[int], list[ErrorExample]]:
    """[killed exact, injured exact, within 25 km, n, n with gold coordinates] over predicted incidents,
    and the toll errors. As in the geo scores, only incidents whose gold has coordinates count for the
    distance (GVA leaves some incidents without them)."""
    killed = injured = near = n = located = 0
    errors: list[ErrorExample] = []
    for key, members, k, inj, lat, lon in incidents:
        labels = sorted(str(gold_of[m]) for m in members if m in gold_of)
        if not labels:
            continue
        label = Counter(labels).most_common(1)[0][0]
        gold = gold_record[label]
        n += 1
        gk, gi = _gold_int(gold.get("killed")), _gold_int(gold.get("injured"))
        killed += (k or 0) == gk
        injured += (inj or 0) == gi
        near += _within(lat, lon, gold)
        located += gold.get("lat") is not None and gold.get("lon") is not None
        if (k or 0) != gk:
            errors.append(ErrorExample(f"{key} (gold {label})", gk, k, abs((k or 0) - gk)))
    return [killed, injured, near, n, located], errors


def _incident_rows(counts: list[int], prefix: str, gated: bool) -> list[Score]:
    k, i, near, n, located = counts
    return [
        Score(f"{prefix}killed_exact", k, n, "incident killed.best == gold killed (majority gold)", gated),
        Score(f"{prefix}injured_exact", i, n, "incident injured.best == gold injured", gated),
        Score(
            f"{prefix}within_25km",
            near,
            located,
            "incident place within 25 km of the gold lat/lon, incidents whose gold has coordinates",
            gated,
        ),
    ]


def _date_baseline(
    records: Sequence[Record], facts: Mapping[str, dict[str, Any]]
) -> tuple[dict[str, str], list[Incident]]:
    predicted = {
        str(r.get("id")): str(r.get("published") or "")[:10] or f"nodate:{r.get('id')}" for r in records
    }
    groups: dict[str, list[str]] = {}
    for rid, day in predicted.items():
        groups.setdefault(day, []).append(rid)
    incidents: list[Incident] = []
    for day, members in groups.items():
        known = [facts[m] for m in members if m in facts]

        def common(field: str, rows: list[dict[str, Any]] = known) -> Any:
            values = Counter(r[field] for r in rows if r[field] is not None)
            return max(values.items(), key=lambda kv: (kv[1], kv[0]))[0] if values else None

        places = Counter((r["lat"], r["lon"]) for r in known if r["lat"] is not None)
        lat, lon = places.most_common(1)[0][0] if places else (None, None)
        incidents.append((day, members, common("killed"), common("injured"), lat, lon))
    return predicted, incidents


def score_merge_ledger(
    records: Sequence[Record],
    exported: Sequence[dict[str, Any]],
    facts: Mapping[str, dict[str, Any]],
    label: str,
    baseline: str | None,
) -> tuple[list[Score], list[ErrorExample], dict[str, Any]]:
    """Scores of the exported incidents (and of the baseline) against ``records[label]``."""
    gold = {str(r.get("id")): r.get(label) for r in records if r.get(label) is not None}
    gold_of = {rid: str(g) for rid, g in gold.items()}
    gold_record: dict[Hashable, Record] = {}
    for r in records:
        if r.get(label) is not None:
            gold_record.setdefault(str(r.get(label)), r)
    predicted: dict[str, str] = {}
    incidents: list[Incident] = []
    for inc in exported:
        members = [m for m in inc["primary_reports"] if m not in predicted]
        predicted.update({m: inc["id"] for m in members})
        loc = inc["location"]
        incidents.append(
            (inc["id"], members, inc["killed"]["best"], inc["injured"]["best"], loc["lat"], loc["lon"])
        )
    for rid in gold:
        predicted.setdefault(rid, f"unplaced:{rid}")
    scores = _cluster_rows(cluster_scores(predicted, gold_of), "", True)
    counts, errors = incident_scores(incidents, gold_of, gold_record)
    scores += _incident_rows(counts, "", True)
    confusion: dict[str, Any] = {
        "documents": len(gold),
        "gold_incidents": len(set(gold_of.values())),
        "predicted_incidents": len(set(predicted[r] for r in gold)),
        "documents_without_primary_incident": sum(1 for r in gold if predicted[r].startswith("unplaced:")),
    }
    if baseline == "date":
        base_pred, base_incidents = _date_baseline(records, facts)
        scores += _cluster_rows(cluster_scores(base_pred, gold_of), "baseline_date.", False)
        scores += _incident_rows(
            incident_scores(base_incidents, gold_of, gold_record)[0], "baseline_date.", False
        )
        confusion["baseline_date_clusters"] = len(set(base_pred.values()))
    return scores, sorted(errors, key=lambda e: -e.size)[:10], confusion


def run_merge_eval(
    path: Path,
    records: Sequence[Record],
    *,
    dataset: str,
    label: str | None = None,
    baseline: str | None = None,
    progress: bool = False,
    error: Callable[[str, str], Exception] | None = None,
) -> EvalReport:
    """Ingest ``records`` into a temporary ledger and score its merging against ``label``."""
    label = label or "incident"
    if error is not None and records and not any(label in r for r in records):
        raise error(f"no record of {path} has the label field {label!r}: give --label FIELD", "E306")
    if error is not None and baseline not in (None, *BASELINES):
        raise error(f"unknown baseline {baseline!r}; choose one of {', '.join(BASELINES)}", "E307")
    start = time.perf_counter()
    exported = _incidents(path, records, progress)
    facts: dict[str, dict[str, Any]] = exported.pop()["_docs"]
    seconds = time.perf_counter() - start
    report = EvalReport(kind="merge", dataset=dataset, path=str(path), sha256="", n=len(records))
    report.scores, report.errors, report.confusion = score_merge_ledger(
        records, exported, facts, label, baseline
    )
    report.seconds = seconds
    report.notes.append(
        f"F1 scores are stored as counts out of {SCALE:,}; label field {label!r}; "
        f"ingest + merge took {seconds:.1f} s ({len(records) / max(seconds, 1e-9):.1f} docs/s)"
    )
    return report
