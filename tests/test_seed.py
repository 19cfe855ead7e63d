"""The issue's acceptance test on the seed report in ``../shared/seed``.

The report and its gold reading live outside the repository (they are not ours
to publish); this test reads them by path and skips when they are absent.
``TOLLWATCH_SHARED`` points at another copy of ``shared/``.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path
from typing import Any

import pytest

from tollwatch.model import Document, Extraction, Figure
from tollwatch.pipeline import extract

SHARED = Path(os.environ.get("TOLLWATCH_SHARED") or Path(__file__).resolve().parents[1].parent / "shared")
SEED = SHARED / "seed"
SOHR = "Syrian Observatory for Human Rights"


@pytest.fixture(scope="module")
def seed() -> tuple[str, dict[str, Any], Extraction]:
    article, gold = SEED / "article.txt", SEED / "gold.json"
    if not (article.is_file() and gold.is_file()):
        pytest.skip(f"seed report not found: {article} and {gold} (set TOLLWATCH_SHARED to shared/)")
    text = article.read_text(encoding="utf-8")
    result = extract(Document("seed-syria-coast-2025", text, published=dt.date(2025, 3, 8)))
    return text, json.loads(gold.read_text(encoding="utf-8")), result


def match(figures: list[Figure], g: dict[str, Any]) -> list[Figure]:
    """Figures that read the gold figure: same low, measure, qualifier and group (list totals aside)."""
    return [
        f
        for f in figures
        if not f.parts
        and (f.low, f.measure, f.qualifier, f.group) == (g["low"], g["measure"], g["qualifier"], g["group"])
    ]


def by_key(seed: tuple[str, dict[str, Any], Extraction], key: str) -> Figure:
    _, gold, result = seed
    (g,) = [g for g in gold["figures"] if g["key"] == key]
    found = match(result.figures, g)
    assert found, f"gold figure {key!r} not found"
    return found[0]


GOLD_KEYS = [
    "total",
    "initial",
    "civilians",
    "security",
    "militants",
    "tuwaym",
    "tuwaym_children",
    "tuwaym_women",
    "janoudiya",
]


def test_gold_lists_nine_figures(seed: tuple[str, dict[str, Any], Extraction]) -> None:
    _, gold, _ = seed
    assert len(gold["figures"]) == 9
    assert sorted(g["key"] for g in gold["figures"]) == sorted(
        k if isinstance(k, str) else k.values[0] for k in GOLD_KEYS
    )


@pytest.mark.parametrize("key", GOLD_KEYS)
def test_gold_figure_is_found(seed: tuple[str, dict[str, Any], Extraction], key: str) -> None:
    """Each gold figure is read with its low, measure, qualifier and group."""
    _, gold, result = seed
    (g,) = [g for g in gold["figures"] if g["key"] == key]
    assert match(result.figures, g), f"gold figure {key!r} not found"


@pytest.mark.parametrize("key", ["civilians", "security", "militants"])
def test_observatory_is_the_source_of_the_breakdown(
    seed: tuple[str, dict[str, Any], Extraction], key: str
) -> None:
    assert by_key(seed, key).source == SOHR


def test_subset_links(seed: tuple[str, dict[str, Any], Extraction]) -> None:
    _, gold, _ = seed
    subsets = [g for g in gold["figures"] if g.get("subset_of")]
    assert len(subsets) == 2
    for g in subsets:
        assert by_key(seed, g["key"]).subset_of == by_key(seed, g["subset_of"]).id


def test_revision_link(seed: tuple[str, dict[str, Any], Extraction]) -> None:
    _, gold, _ = seed
    (rev,) = gold["revisions"]
    assert by_key(seed, rev["to"]).revises == by_key(seed, rev["from"]).id


def test_document_toll_does_not_double_count(seed: tuple[str, dict[str, Any], Extraction]) -> None:
    _, gold, result = seed
    bounds = gold["document_killed"]
    assert result.killed.low is not None
    assert result.killed.best is not None
    assert bounds["low_min"] <= result.killed.low <= bounds["low_max"]
    assert bounds["best_min"] <= result.killed.best <= bounds["best_max"]
    assert 1000 <= result.killed.low <= 1018
    assert 1001 <= result.killed.best <= 1100
    assert result.acled_fatalities == result.killed.low
    assert result.acled_basis == "stated"


@pytest.mark.parametrize("trap", ["14", "three months", "dozens"])
def test_no_figure_on_years_months_or_mourners(
    seed: tuple[str, dict[str, Any], Extraction], trap: str
) -> None:
    text, _, result = seed
    starts = {f.number_start for f in result.figures} | {f.start for f in result.figures}
    hits = [m for m in _occurrences(text, trap) if m in starts]
    assert _occurrences(text, trap), f"{trap!r} no longer occurs in the seed report"
    assert hits == [], [f.text for f in result.figures if f.start in hits or f.number_start in hits]


def _occurrences(text: str, word: str) -> list[int]:
    out, i = [], text.find(word)
    while i != -1:
        if (i == 0 or not text[i - 1].isalnum()) and not text[i + len(word) : i + len(word) + 1].isalnum():
            out.append(i)
        i = text.find(word, i + 1)
    return out


def test_every_figure_span_is_the_text(seed: tuple[str, dict[str, Any], Extraction]) -> None:
    text, _, result = seed
    for f in result.figures:
        assert text[f.start : f.end] == f.text
        assert 0.0 <= f.confidence <= 1.0


def test_output_is_json(seed: tuple[str, dict[str, Any], Extraction]) -> None:
    _, _, result = seed
    d = json.loads(json.dumps(result.to_dict()))
    assert d["language"] == "en"
    assert d["killed"]["low"] == result.killed.low
