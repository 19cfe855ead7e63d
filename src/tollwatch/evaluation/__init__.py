"""Scoring tollwatch against the ``../shared/eval`` formats (ACLED, Airwars, places, events).

``run_eval(kind, path)`` runs the pipeline over a JSONL file and returns an
:class:`EvalReport`; the pure scoring functions (haversine, pairwise and B³
over clusterings, the ACLED and Airwars predictions) live in
:mod:`tollwatch.evaluation.scoring`. ``tollwatch.eval`` re-exports all of it.
"""

from __future__ import annotations

from tollwatch.evaluation.report import ErrorExample, EvalReport, Reference, Score
from tollwatch.evaluation.runners import (
    GDELT_REFERENCE,
    KINDS,
    EvalError,
    default_kinds,
    load_records,
    run_eval,
    run_evals,
    score_acled,
    score_airwars,
    score_events,
    score_geo,
    to_document,
)
from tollwatch.evaluation.scoring import (
    PRF,
    RangePrediction,
    acled_event_type,
    acled_gold,
    acled_prediction,
    airwars_prediction,
    b_cubed,
    best_inside,
    children_exact,
    floor3,
    haversine_km,
    pairwise_prf,
    range_exact,
    snake_case,
)

__all__ = [
    "GDELT_REFERENCE",
    "KINDS",
    "PRF",
    "ErrorExample",
    "EvalError",
    "EvalReport",
    "RangePrediction",
    "Reference",
    "Score",
    "acled_event_type",
    "acled_gold",
    "acled_prediction",
    "airwars_prediction",
    "b_cubed",
    "best_inside",
    "children_exact",
    "default_kinds",
    "floor3",
    "haversine_km",
    "load_records",
    "pairwise_prf",
    "range_exact",
    "run_eval",
    "run_evals",
    "score_acled",
    "score_airwars",
    "score_events",
    "score_geo",
    "snake_case",
    "to_document",
]
