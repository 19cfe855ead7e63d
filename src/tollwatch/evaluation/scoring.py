"""Pure scoring functions: no I/O, no pipeline, easy to test and to reuse.

The conventions follow ``../shared/README.md`` ("Scoring conventions"):

* ACLED: the prediction is ``acled_fatalities`` when the output has it, else
  ``killed.low``; a missing prediction or a missing gold figure counts as 0.
* Airwars: the prediction is ``victims.civilians`` (low, high), falling back to
  ``killed`` when the output has no civilian figure; gold is ``killed`` =
  [min, max] civilians.
* Places: great-circle distance (haversine) against the gold coordinates.
* Merging (for the ledger's evaluation, later): pairwise precision, recall and
  F1 over document pairs, and B³ over items.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

#: Mean Earth radius (IUGG), in km.
EARTH_RADIUS_KM = 6371.0088

#: ACLED's event types as ``events[0].type`` spells them.
ACLED_EVENT_TYPES: dict[str, str] = {
    "Battles": "battle",
    "Violence against civilians": "violence_against_civilians",
    "Explosions/Remote violence": "explosions_remote_violence",
    "Riots": "riot",
    "Protests": "protest",
    "Strategic developments": "strategic_development",
}


def snake_case(label: str | None) -> str | None:
    """``"Air/drone strike"`` → ``"air_drone_strike"``; idempotent; ``None`` or blank → ``None``."""
    if label is None:
        return None
    out = re.sub(r"[^0-9a-z]+", "_", label.strip().lower()).strip("_")
    return out or None


def acled_event_type(label: str | None) -> str | None:
    """ACLED's ``event_type`` in the names tollwatch's events use (unknown labels are snake_cased)."""
    if label is None:
        return None
    return ACLED_EVENT_TYPES.get(label.strip(), snake_case(label))


# ---------------------------------------------------------------- counting


def ratio(correct: int, n: int) -> float | None:
    """``correct / n``, or ``None`` when there is nothing to score."""
    return correct / n if n else None


def floor3(correct: int, n: int) -> float:
    """``correct / n`` rounded *down* to 3 decimals, exactly (integer arithmetic); 0.0 when n is 0."""
    if n <= 0:
        return 0.0
    return (correct * 1000 // n) / 1000


# ---------------------------------------------------------------- toll predictions


def _get(d: Mapping[str, Any] | None, key: str) -> Any:
    return d.get(key) if isinstance(d, Mapping) else None


def _estimate_empty(est: Mapping[str, Any] | None) -> bool:
    return not isinstance(est, Mapping) or all(est.get(k) is None for k in ("low", "best", "high"))


def acled_prediction(output: Mapping[str, Any]) -> int:
    """The ACLED-comparable figure of one extraction (``Extraction.to_dict()``): never ``None``.

    ``acled_fatalities`` if present, else ``killed.low``, else 0.
    """
    value = output.get("acled_fatalities")
    if value is None:
        value = _get(output.get("killed"), "low")
    return int(value) if value is not None else 0


def acled_gold(record: Mapping[str, Any]) -> int:
    """ACLED's ``fatalities`` label, ``None`` read as 0."""
    value = record.get("fatalities")
    return int(value) if value is not None else 0


@dataclass(frozen=True, slots=True)
class RangePrediction:
    """(low, best, high) of the civilians killed, and where it came from."""

    low: int | None
    best: int | None
    high: int | None
    #: "civilians", "convention" (``civilians_convention``), "killed" (fallback) or "none".
    basis: str

    @property
    def empty(self) -> bool:
        return self.low is None and self.best is None and self.high is None


def airwars_prediction(output: Mapping[str, Any]) -> RangePrediction:
    """``civilians_convention`` when set, else ``victims.civilians`` (low, best, high), else ``killed``."""
    conv = output.get("civilians_convention")
    if not _estimate_empty(conv):
        # the casualty monitors' own convention for plural deaths told with no number,
        # labelled as such (it widens a lone named victim's range, or stands alone)
        assert isinstance(conv, Mapping)
        return RangePrediction(conv.get("low"), conv.get("best"), conv.get("high"), "convention")
    civ = _get(output.get("victims"), "civilians")
    if not _estimate_empty(civ):
        return RangePrediction(civ["low"], civ.get("best"), civ.get("high"), "civilians")
    killed = output.get("killed")
    if not _estimate_empty(killed):
        assert isinstance(killed, Mapping)
        return RangePrediction(killed.get("low"), killed.get("best"), killed.get("high"), "killed")
    return RangePrediction(None, None, None, "none")


def gold_range(value: Any) -> tuple[int, int] | None:
    """A gold ``[min, max]`` (Airwars) as a tuple, ``None`` when unknown."""
    if not isinstance(value, Sequence) or isinstance(value, str) or len(value) != 2:
        return None
    lo, hi = value
    if lo is None or hi is None:
        return None
    return int(lo), int(hi)


def range_exact(pred: RangePrediction, gold: tuple[int, int] | None) -> bool:
    """Both ends right. A gold of ``None`` (unknown) is matched only by a prediction with no figure."""
    if gold is None:
        return pred.empty
    return pred.low == gold[0] and pred.high == gold[1]


def best_inside(pred: RangePrediction, gold: tuple[int, int]) -> bool:
    """``best`` within [min, max] (inclusive); a missing ``best`` is wrong."""
    return pred.best is not None and gold[0] <= pred.best <= gold[1]


def children_prediction(output: Mapping[str, Any]) -> int | None:
    """``victims.children.low`` of one extraction, ``None`` when absent."""
    value = _get(_get(output.get("victims"), "children"), "low")
    return int(value) if value is not None else None


def gold_children(record: Mapping[str, Any]) -> tuple[int, int] | None:
    """Airwars' ``killed_breakdown.children`` as (min, max), ``None`` when there is no such breakdown."""
    return gold_range(_get(record.get("killed_breakdown"), "children"))


def children_exact(pred_low: int | None, gold: tuple[int, int] | None) -> bool:
    """``victims.children.low`` against the children's min.

    With no gold breakdown, a prediction of ``None`` or 0 is right (the
    "all rows" reading: a missing breakdown is taken as no children reported).
    """
    if gold is None:
        return pred_low is None or pred_low == 0
    return pred_low == gold[0]


# ---------------------------------------------------------------- places


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km between two (lat, lon) points in degrees."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp = p2 - p1
    dl = math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


# ---------------------------------------------------------------- clusterings


@dataclass(frozen=True, slots=True)
class PRF:
    """Precision, recall and F1 (harmonic mean; 0 when both are 0)."""

    precision: float
    recall: float
    f1: float

    @classmethod
    def of(cls, precision: float, recall: float) -> PRF:
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return cls(precision, recall, f1)

    def to_dict(self) -> dict[str, float]:
        return {"precision": self.precision, "recall": self.recall, "f1": self.f1}


def _common(
    predicted: Mapping[Hashable, Hashable], gold: Mapping[Hashable, Hashable]
) -> list[tuple[Hashable, Hashable]]:
    """(predicted cluster, gold cluster) for the items both clusterings label."""
    return [(predicted[item], gold[item]) for item in gold if item in predicted]


def _pairs(n: int) -> int:
    return n * (n - 1) // 2


def pairwise_prf(predicted: Mapping[Hashable, Hashable], gold: Mapping[Hashable, Hashable]) -> PRF:
    """Pairwise P/R/F1: a pair of items is positive when both sit in the same cluster.

    Only items labelled by both mappings count. With no predicted (or no gold)
    same-cluster pair, precision (or recall) is 1.0: nothing was claimed
    wrongly (or nothing was there to find).
    """
    cells = _common(predicted, gold)
    both = sum(_pairs(c) for c in Counter(cells).values())
    pred_pairs = sum(_pairs(c) for c in Counter(p for p, _ in cells).values())
    gold_pairs = sum(_pairs(c) for c in Counter(g for _, g in cells).values())
    precision = both / pred_pairs if pred_pairs else 1.0
    recall = both / gold_pairs if gold_pairs else 1.0
    return PRF.of(precision, recall)


def b_cubed(predicted: Mapping[Hashable, Hashable], gold: Mapping[Hashable, Hashable]) -> PRF:
    """B³ (Bagga & Baldwin 1998): per-item overlap of its predicted and gold clusters, averaged.

    Only items labelled by both mappings count; with none, all three are 0.
    """
    cells = _common(predicted, gold)
    if not cells:
        return PRF(0.0, 0.0, 0.0)
    overlap = Counter(cells)
    pred_size = Counter(p for p, _ in cells)
    gold_size = Counter(g for _, g in cells)
    precision = sum(overlap[(p, g)] / pred_size[p] for p, g in cells) / len(cells)
    recall = sum(overlap[(p, g)] / gold_size[g] for p, g in cells) / len(cells)
    return PRF.of(precision, recall)


def _clusters(mapping: Mapping[Hashable, Hashable], items: Sequence[Hashable]) -> list[frozenset[Hashable]]:
    groups: dict[Hashable, set[Hashable]] = {}
    for item in items:
        groups.setdefault(mapping[item], set()).add(item)
    return [frozenset(g) for g in groups.values()]


def _muc_side(keys: list[frozenset[Hashable]], other: Mapping[Hashable, Hashable]) -> float:
    links = sum(len(k) - 1 for k in keys)
    if not links:
        return 1.0
    found = sum(len(k) - len({other[i] for i in k}) for k in keys)
    return found / links


def muc(predicted: Mapping[Hashable, Hashable], gold: Mapping[Hashable, Hashable]) -> PRF:
    """MUC (Vilain et al. 1995): links kept when each cluster is cut by the other clustering.

    Only items labelled by both mappings count. With no gold (or predicted)
    link at all, recall (or precision) is 1.0, as in :func:`pairwise_prf`.
    """
    items = [item for item in gold if item in predicted]
    recall = _muc_side(_clusters(gold, items), predicted)
    precision = _muc_side(_clusters(predicted, items), gold)
    return PRF.of(precision, recall)


def max_assignment(weights: Sequence[Sequence[float]]) -> float:
    """The largest total weight of a one-to-one assignment of rows to columns.

    scipy's ``linear_sum_assignment`` when scipy is installed, else
    :func:`hungarian_min` on the negated matrix.
    """
    if not weights or not weights[0]:
        return 0.0
    try:
        from scipy.optimize import linear_sum_assignment
    except ImportError:
        cost = [[-w for w in row] for row in weights]
        return -hungarian_min(cost)
    rows, cols = linear_sum_assignment([list(r) for r in weights], maximize=True)
    return float(sum(weights[r][c] for r, c in zip(rows, cols, strict=True)))


def hungarian_min(cost: Sequence[Sequence[float]]) -> float:
    """Least total cost of assigning every row of a rectangular matrix to its own column.

    The O(n²m) Kuhn–Munkres algorithm with potentials; rows > columns is
    handled by transposing.
    """
    if len(cost) > len(cost[0]):
        cost = [list(col) for col in zip(*cost, strict=True)]
    n, m = len(cost), len(cost[0])
    u, v = [0.0] * (n + 1), [0.0] * (m + 1)
    owner, way = [0] * (m + 1), [0] * (m + 1)
    for i in range(1, n + 1):
        owner[0], j0 = i, 0
        least, used = [math.inf] * (m + 1), [False] * (m + 1)
        while owner[j0]:
            used[j0] = True
            i0, delta, j1 = owner[j0], math.inf, 0
            for j in range(1, m + 1):
                if not used[j]:
                    cur = cost[i0 - 1][j - 1] - u[i0] - v[j]
                    if cur < least[j]:
                        least[j], way[j] = cur, j0
                    if least[j] < delta:
                        delta, j1 = least[j], j
            for j in range(m + 1):
                if used[j]:
                    u[owner[j]] += delta
                    v[j] -= delta
                else:
                    least[j] -= delta
            j0 = j1
        while j0:
            j1 = way[j0]
            owner[j0], j0 = owner[j1], j1
    return sum(cost[owner[j] - 1][j - 1] for j in range(1, m + 1) if owner[j])


def ceaf_e(predicted: Mapping[Hashable, Hashable], gold: Mapping[Hashable, Hashable]) -> PRF:
    """Entity-based CEAF (Luo 2005): the best one-to-one alignment of clusters under φ4.

    φ4(K, R) = 2|K ∩ R| / (|K| + |R|); recall is the aligned total over the
    number of gold clusters, precision over the number of predicted clusters.
    Only items labelled by both mappings count; with none, all three are 0.
    """
    items = [item for item in gold if item in predicted]
    if not items:
        return PRF(0.0, 0.0, 0.0)
    keys, responses = _clusters(gold, items), _clusters(predicted, items)
    index = {item: j for j, r in enumerate(responses) for item in r}
    weights = [[0.0] * len(responses) for _ in keys]
    for i, k in enumerate(keys):
        for item in k:
            weights[i][index[item]] += 1.0
        for j in {index[item] for item in k}:
            weights[i][j] = 2 * weights[i][j] / (len(k) + len(responses[j]))
    total = max_assignment(weights)
    return PRF.of(total / len(responses), total / len(keys))


def conll_f1(predicted: Mapping[Hashable, Hashable], gold: Mapping[Hashable, Hashable]) -> float:
    """The CoNLL-2012 score: the mean of the MUC, B³ and CEAF-e F1."""
    return (muc(predicted, gold).f1 + b_cubed(predicted, gold).f1 + ceaf_e(predicted, gold).f1) / 3
