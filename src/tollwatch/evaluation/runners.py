"""Run the pipeline over an eval file and score it: ``run_eval`` and ``run_evals``.

The pipeline sees a :class:`~tollwatch.model.Document` built from ``id``,
``text``, ``published`` (and ``title``/``url`` where a record has them); it
never sees a label. Only the scorers below read the label fields, and they
read the pipeline's output contract (``Extraction.to_dict()``), as an outside
evaluator would.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import statistics
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tollwatch.errors import TollwatchError
from tollwatch.evaluation.countries import gold_country
from tollwatch.evaluation.report import ErrorExample, EvalReport, Reference, Score, excerpt
from tollwatch.evaluation.scoring import (
    acled_event_type,
    acled_gold,
    acled_prediction,
    airwars_prediction,
    best_inside,
    children_exact,
    children_prediction,
    gold_children,
    gold_range,
    haversine_km,
    range_exact,
    snake_case,
)
from tollwatch.model import Document

Record = dict[str, Any]
#: One extraction's output contract, or ``None`` when the pipeline raised on the record.
Output = dict[str, Any] | None

KINDS = ("acled", "airwars", "geo", "events", "merge")

#: How many error examples a report keeps.
TOP_ERRORS = 10

#: A place within this distance of the gold coordinates counts as right (README convention).
GEO_RADIUS_KM = 25.0

_GDELT_SOURCE = "quoted from ../shared/README.md: GDELT-style count extractor, largest KILL count"

#: Reference figures quoted verbatim from ../shared/README.md. These are the
#: only score-like constants in the package; nothing here is computed.
GDELT_REFERENCE: dict[str, dict[str, float]] = {
    "acled-kenya": {"exact_deaths": 0.359, "exact_all": 0.778},
    "acled-ghana": {"exact_deaths": 0.352, "exact_all": 0.892},
    "acled-burkina": {"exact_deaths": 0.452, "exact_all": 0.792},
    "airwars-gaza": {"range_exact": 0.270, "best_inside": 0.487},
}


class EvalError(TollwatchError):
    """A problem with an evaluation request or an eval file (codes E3xx)."""

    code = "E300"


# ---------------------------------------------------------------- reading


def dataset_name(path: Path) -> str:
    """``../shared/eval/acled-kenya.jsonl`` → ``acled-kenya``."""
    name = path.name
    for suffix in (".jsonl", ".json", ".gz"):
        name = name.removesuffix(suffix)
    return name


def default_kinds(dataset: str) -> tuple[str, ...]:
    """The evaluations that apply to a file, from its name."""
    if dataset.startswith("acled"):
        return ("acled", "geo", "events")
    if dataset.startswith("airwars"):
        return ("airwars", "geo")
    if dataset.startswith("gvc"):
        return ("geo", "merge")
    return ()


def load_records(path: Path, limit: int | None = None) -> tuple[list[Record], str]:
    """The first ``limit`` records of a JSONL file, and the sha256 of the whole file."""
    try:
        data = path.read_bytes()
    except OSError as err:
        raise EvalError(
            f"cannot read eval file {path}: {err.strerror or err}. Check the path "
            "(the dev sets live in ../shared/eval/).",
            code="E303",
        ) from err
    digest = hashlib.sha256(data).hexdigest()
    records: list[Record] = []
    for lineno, line in enumerate(data.decode("utf-8").splitlines(), start=1):
        if limit is not None and len(records) >= limit:
            break
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            raise EvalError(f"{path}:{lineno}: not a JSON object ({err.msg})", code="E304") from err
        if not isinstance(record, dict) or "text" not in record:
            raise EvalError(f"{path}:{lineno}: a record needs at least 'id' and 'text'", code="E304")
        records.append(record)
    return records, digest


def _parse_date(value: Any) -> dt.date | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def to_document(record: Record, origin: str = "") -> Document:
    """The pipeline's input for a record: id, text, published, title, url — no label field."""
    return Document(
        id=str(record.get("id", origin)),
        text=str(record.get("text") or ""),
        published=_parse_date(record.get("published")),
        title=record.get("title") if isinstance(record.get("title"), str) else None,
        url=record.get("url") if isinstance(record.get("url"), str) else None,
        origin=origin,
    )


def extract_records(
    records: Sequence[Record], *, progress: bool = False, label: str = "extracting", origin: str = ""
) -> tuple[list[Output], list[dict[str, str]]]:
    """Run the pipeline on each record. A record the pipeline raises on gets ``None`` and a crash entry."""
    from tollwatch.pipeline import extract

    outputs: list[Output] = []
    crashes: list[dict[str, str]] = []

    def one(i: int, record: Record) -> None:
        try:
            outputs.append(extract(to_document(record, f"{origin}:{i + 1}")).to_dict())
        except Exception as err:
            outputs.append(None)
            crashes.append({"id": str(record.get("id")), "error": type(err).__name__})

    if not progress:
        for i, record in enumerate(records):
            one(i, record)
        return outputs, crashes

    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=True,
    ) as bar:
        task = bar.add_task(label, total=len(records))
        for i, record in enumerate(records):
            one(i, record)
            bar.advance(task)
    return outputs, crashes


# ---------------------------------------------------------------- scorers
# Each takes the records and the outputs (same order) and returns a report
# whose file fields (path, sha256, seconds) the caller fills in.


def _top_errors(errors: Iterable[ErrorExample]) -> list[ErrorExample]:
    return sorted(errors, key=lambda e: -e.size)[:TOP_ERRORS]


def _report(kind: str, dataset: str, records: Sequence[Record]) -> EvalReport:
    return EvalReport(kind=kind, dataset=dataset, path="", sha256="", n=len(records))


def score_acled(records: Sequence[Record], outputs: Sequence[Output], dataset: str = "") -> EvalReport:
    """Exact match of the ACLED figure, over all rows and over rows with deaths."""
    report = _report("acled", dataset, records)
    exact = exact_deaths = n_deaths = 0
    over = under = false_deaths = missed_deaths = 0
    basis: Counter[str] = Counter()
    errors: list[ErrorExample] = []
    for record, output in zip(records, outputs, strict=True):
        gold = acled_gold(record)
        pred = acled_prediction(output) if output is not None else None
        if output is None:
            basis["crashed"] += 1
        elif output.get("acled_fatalities") is not None:
            basis["acled_fatalities"] += 1
        elif (output.get("killed") or {}).get("low") is not None:
            basis["killed.low"] += 1
        else:
            basis["none (read as 0)"] += 1
        right = pred == gold
        exact += right
        if gold > 0:
            n_deaths += 1
            exact_deaths += right
            missed_deaths += pred == 0
        elif pred is not None and pred > 0:
            false_deaths += 1
        if pred is not None and pred > gold:
            over += 1
        elif pred is not None and pred < gold:
            under += 1
        if not right:
            rid = str(record.get("id"))
            errors.append(ErrorExample(rid, gold, pred, abs((pred or 0) - gold) + (pred is None)))
    report.scores = [
        Score("exact_all", exact, len(records), "predicted == fatalities, every row (null = 0)"),
        Score("exact_deaths", exact_deaths, n_deaths, "predicted == fatalities, rows with fatalities > 0"),
    ]
    report.confusion = {
        "exact": exact,
        "over_count": over,
        "under_count": under,
        "deaths_where_gold_is_0": false_deaths,
        "predicted_0_where_gold_has_deaths": missed_deaths,
        "crashed": len(records) - sum(o is not None for o in outputs),
        "prediction_basis": dict(basis),
    }
    report.errors = _top_errors(errors)
    report.excerpts = _excerpts(records, report.errors)
    ref = GDELT_REFERENCE.get(dataset, {})
    report.references = [Reference(f"gdelt.{k}", v, _GDELT_SOURCE) for k, v in ref.items()]
    report.notes = [
        "prediction = acled_fatalities if not null, else killed.low; null prediction and null gold count as 0"
    ]
    return report


@dataclass
class _AirwarsTally:
    """The Airwars counts, row by row."""

    exact_all: int = 0
    exact_known: int = 0
    n_known: int = 0
    inside: int = 0
    child_exact: int = 0
    n_child: int = 0
    child_exact_all: int = 0
    low_over: int = 0
    low_under: int = 0
    unknown_empty: int = 0
    basis: Counter[str] = field(default_factory=Counter)
    errors: list[ErrorExample] = field(default_factory=list)

    def add(self, record: Record, output: Output) -> None:
        gold = gold_range(record.get("killed"))
        gchild = gold_children(record)
        rid = str(record.get("id"))
        if output is None:
            self.basis["crashed"] += 1
            self.n_known += gold is not None
            self.n_child += gchild is not None
            self.errors.append(ErrorExample(rid, list(gold) if gold else None, "crashed", 1e9))
            return
        pred = airwars_prediction(output)
        self.basis[pred.basis] += 1
        right = range_exact(pred, gold)
        self.exact_all += right
        if gold is None:
            self.unknown_empty += right
        else:
            self.n_known += 1
            self.exact_known += right
            self.inside += best_inside(pred, gold)
            if pred.low is not None and pred.low > gold[0]:
                self.low_over += 1
            elif pred.low is None or pred.low < gold[0]:
                self.low_under += 1
        pchild = children_prediction(output)
        self.child_exact_all += children_exact(pchild, gchild)
        if gchild is not None:
            self.n_child += 1
            self.child_exact += children_exact(pchild, gchild)
        if not right:
            size = abs((pred.low or 0) - (gold[0] if gold else 0)) + abs(
                (pred.high or 0) - (gold[1] if gold else 0)
            )
            self.errors.append(
                ErrorExample(rid, list(gold) if gold else None, [pred.low, pred.best, pred.high], size)
            )

    def scores(self, n: int) -> list[Score]:
        return [
            Score(
                "range_exact",
                self.exact_all,
                n,
                "low == min and high == max; null gold needs no figure at all",
            ),
            Score(
                "range_exact_known",
                self.exact_known,
                self.n_known,
                "low == min and high == max, rows with gold killed",
            ),
            Score("best_inside", self.inside, self.n_known, "min <= best <= max, rows with gold killed"),
            Score(
                "children_low_exact",
                self.child_exact,
                self.n_child,
                "children.low == children min, rows with a children figure",
            ),
            Score(
                "children_low_exact_all",
                self.child_exact_all,
                n,
                "as above, every row; no gold children = null or 0 wanted",
            ),
        ]


def score_airwars(records: Sequence[Record], outputs: Sequence[Output], dataset: str = "") -> EvalReport:
    """Civilians killed as a range against Airwars' [min, max], and children against the children's min."""
    report = _report("airwars", dataset, records)
    tally = _AirwarsTally()
    for record, output in zip(records, outputs, strict=True):
        tally.add(record, output)
    n = len(records)
    report.scores = tally.scores(n)
    report.confusion = {
        "prediction_basis": dict(tally.basis),
        "gold_unknown_rows": n - tally.n_known,
        "gold_unknown_predicted_empty": tally.unknown_empty,
        "low_above_min": tally.low_over,
        "low_below_min_or_missing": tally.low_under,
    }
    report.errors = _top_errors(tally.errors)
    report.excerpts = _excerpts(records, report.errors)
    ref = GDELT_REFERENCE.get(dataset, {})
    report.references = [Reference(f"gdelt.{k}", v, _GDELT_SOURCE) for k, v in ref.items()]
    report.notes = [
        "prediction = victims.civilians (low, best, high), or killed when the output has no civilian figure",
        "rows whose gold killed is null count as right in range_exact only when the output has neither "
        "a civilian nor a killed figure",
        "children_low_exact_all: rows without a gold children figure count as right "
        "when children.low is null or 0",
    ]
    return report


def score_geo(records: Sequence[Record], outputs: Sequence[Output], dataset: str = "") -> EvalReport:
    """The document's ``location`` against the record's coordinates and country."""
    report = _report("geo", dataset, records)
    near = n_coords = located = country_ok = n_country = 0
    distances: list[float] = []
    buckets: Counter[str] = Counter()
    errors: list[ErrorExample] = []
    for record, output in zip(records, outputs, strict=True):
        loc = (output or {}).get("location") or {}
        plat, plon = loc.get("lat"), loc.get("lon")
        has_pred = isinstance(plat, int | float) and isinstance(plon, int | float)
        located += has_pred
        glat, glon = record.get("lat"), record.get("lon")
        rid = str(record.get("id"))
        if glat is not None and glon is not None:
            n_coords += 1
            if isinstance(plat, int | float) and isinstance(plon, int | float):
                km = haversine_km(float(glat), float(glon), float(plat), float(plon))
                distances.append(km)
                near += km <= GEO_RADIUS_KM
                buckets[_bucket(km)] += 1
                if km > GEO_RADIUS_KM:
                    errors.append(ErrorExample(rid, [glat, glon], [plat, plon, round(km, 1)], km))
            else:
                buckets["no location"] += 1
        gcountry = gold_country(record, dataset)
        if gcountry is not None:
            n_country += 1
            country_ok += loc.get("country") == gcountry
    report.scores = [
        Score(
            "within_25km", near, n_coords, "location within 25 km of the gold lat/lon, rows with coordinates"
        ),
        Score("country", country_ok, n_country, "location.country == gold ISO2, rows with a known country"),
        Score("located", located, len(records), "output has a location with lat/lon", gated=False),
    ]
    report.confusion = {
        "distance_km": dict(sorted(buckets.items())),
        "median_km_when_located": round(statistics.median(distances), 1) if distances else None,
    }
    report.errors = _top_errors(errors)
    report.excerpts = _excerpts(records, report.errors)
    report.notes = [
        "country names become ISO2 via pycountry when installed, else a built-in table; "
        "Airwars records (no country field) are PS, GVC records US"
    ]
    return report


def score_events(records: Sequence[Record], outputs: Sequence[Output], dataset: str = "") -> EvalReport:
    """``events[0].type``/``sub_type`` against ACLED's ``event_type``/``sub_event_type``."""
    report = _report("events", dataset, records)
    type_ok = n_type = sub_ok = n_sub = has_event = 0
    pairs: Counter[tuple[str, str]] = Counter()
    per_type: dict[str, list[int]] = {}
    errors: list[ErrorExample] = []
    for record, output in zip(records, outputs, strict=True):
        events = (output or {}).get("events") or []
        first = events[0] if events else {}
        has_event += bool(events)
        ptype = first.get("type")
        psub = snake_case(first.get("sub_type"))
        gtype = acled_event_type(record.get("event_type") or None)
        gsub = snake_case(record.get("sub_event_type") or None)
        rid = str(record.get("id"))
        if gtype is not None:
            n_type += 1
            ok = ptype == gtype
            type_ok += ok
            tally = per_type.setdefault(gtype, [0, 0])
            tally[0] += ok
            tally[1] += 1
            if not ok:
                pairs[(gtype, str(ptype))] += 1
                errors.append(ErrorExample(rid, gtype, ptype))
        if gsub is not None:
            n_sub += 1
            sub_ok += psub == gsub
    report.scores = [
        Score("type", type_ok, n_type, "events[0].type == ACLED event_type (snake_case)"),
        Score("sub_type", sub_ok, n_sub, "events[0].sub_type == ACLED sub_event_type (snake_case)"),
        Score("has_event", has_event, len(records), "output has at least one event", gated=False),
    ]
    report.confusion = {
        "per_gold_type (correct, n)": {k: tuple(v) for k, v in sorted(per_type.items())},
        "top_confusions (gold -> predicted)": {
            f"{g} -> {p}": c for (g, p), c in pairs.most_common(TOP_ERRORS)
        },
    }
    report.errors = errors[:TOP_ERRORS]
    report.excerpts = _excerpts(records, report.errors)
    return report


def score_merge(records: Sequence[Record], outputs: Sequence[Output], dataset: str = "") -> EvalReport:
    raise EvalError(
        "merge evaluation ingests the records into a ledger: call run_eval('merge', path) "
        "(tollwatch.evaluation.merging), not a scorer over extraction outputs",
        code="E301",
    )


SCORERS: dict[str, Callable[[Sequence[Record], Sequence[Output], str], EvalReport]] = {
    "acled": score_acled,
    "airwars": score_airwars,
    "geo": score_geo,
    "events": score_events,
    "merge": score_merge,
}


def _bucket(km: float) -> str:
    for edge in (1, 25, 100, 500):
        if km <= edge:
            return f"<= {edge:>3} km"
    return ">  500 km"


def _excerpts(records: Sequence[Record], errors: Sequence[ErrorExample]) -> dict[str, str]:
    wanted = {e.id for e in errors}
    return {
        str(r.get("id")): excerpt(str(r.get("text") or "")) for r in records if str(r.get("id")) in wanted
    }


# ---------------------------------------------------------------- entry points


def _check_kinds(kinds: Iterable[str]) -> list[str]:
    out = list(kinds)
    for kind in out:
        if kind not in SCORERS:
            raise EvalError(
                f"unknown evaluation kind {kind!r}; choose one of {', '.join(KINDS)}", code="E302"
            )
    return out


def run_evals(
    kinds: Iterable[str],
    path: Path,
    *,
    limit: int | None = None,
    progress: bool = False,
    label: str | None = None,
    baseline: str | None = None,
) -> dict[str, EvalReport]:
    """Extract each record of ``path`` once and score it for every kind; reports keyed by kind.

    ``merge`` ingests the records into a temporary ledger instead (see
    :mod:`tollwatch.evaluation.merging`); ``label`` names its gold cluster field
    and ``baseline="date"`` adds the publication-date baseline.
    """
    wanted = _check_kinds(kinds)
    path = Path(path)
    dataset = dataset_name(path)
    records, digest = load_records(path, limit)
    reports: dict[str, EvalReport] = {}
    if "merge" in wanted:
        from tollwatch.evaluation.merging import run_merge_eval

        def error(message: str, code: str) -> Exception:
            return EvalError(message, code=code)

        merge = run_merge_eval(
            path, records, dataset=dataset, label=label, baseline=baseline, progress=progress, error=error
        )
        merge.sha256, merge.limit = digest, limit
        reports["merge"] = merge
        wanted = [k for k in wanted if k != "merge"]
        if not wanted:
            return reports
    start = time.perf_counter()
    outputs, crashes = extract_records(records, progress=progress, label=dataset, origin=str(path))
    seconds = time.perf_counter() - start
    for kind in wanted:
        report = SCORERS[kind](records, outputs, dataset)
        report.path = str(path)
        report.sha256 = digest
        report.limit = limit
        report.seconds = seconds
        report.crashes = crashes[:TOP_ERRORS]
        if crashes:
            report.notes.append(f"{len(crashes)} record(s) raised in the pipeline; they are scored as wrong")
        reports[kind] = report
    return reports


def run_eval(
    kind: str,
    path: Path,
    *,
    limit: int | None = None,
    progress: bool = False,
    label: str | None = None,
    baseline: str | None = None,
) -> EvalReport:
    """Run the pipeline over a JSONL eval file and score it as ``kind`` (acled, airwars, geo, events, merge).

    ``merge`` ingests the file into a temporary ledger and scores its incidents
    against the gold clusters in ``label`` (default ``incident``).
    """
    return run_evals([kind], path, limit=limit, progress=progress, label=label, baseline=baseline)[kind]
