"""ACLED's CSV layout: exactly ACLED's columns, in ACLED's order, one row per incident.

Conventions (documented in the README):

* ``event_type`` / ``sub_event_type`` use ACLED's labels ("Battles", "Air/drone strike"…);
  our humanitarian types (displacement, outages…) have no ACLED type and keep their name.
* ``fatalities`` is the ACLED-conservative figure, the incident's ``killed.low``; an
  incident with no stated toll gets 0 here only, because ACLED requires a number (every
  other export keeps it null).
* ``inter1``/``inter2``/``interaction`` use ACLED's actor-type labels ("State forces").
* ``tags`` carries ``disputed toll`` when sources disagree, ``fatalities within <incident>;
  not to be summed`` for a nested incident (its toll a part of another row's), and the
  dataset version.
* ``event_id_cnty`` is the country code and the tollwatch incident id; ``timestamp`` the
  export time (Unix seconds); ``source_scale`` and ``admin3`` are left empty.
"""

from __future__ import annotations

import datetime as dt
from typing import IO, Any

from tollwatch.export import ExportData, register
from tollwatch.export.common import acled_labels, country_name, country_numeric, joined, write_csv

COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
    "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
    "fatalities", "tags", "timestamp",
)  # fmt: skip

DISORDER = {
    "battle": "Political violence",
    "violence_against_civilians": "Political violence",
    "explosions_remote_violence": "Political violence",
    "riot": "Political violence; Demonstrations",
    "protest": "Demonstrations",
    "strategic_development": "Strategic developments",
}


def _time_precision(date: dict[str, Any]) -> int | str:
    if not date["start"]:
        return ""
    if date["precision"] == "day":
        return 1
    days = (dt.date.fromisoformat(date["end"]) - dt.date.fromisoformat(date["start"])).days
    return 2 if days <= 7 else 3


def _notes(r: dict[str, Any], sources: list[dict[str, Any]]) -> str:
    lead = sources[0]["lead"].strip() if sources else ""
    k = r["killed"]
    toll = f"killed low/best/high {k['low']}/{k['best']}/{k['high']}" if k["best"] is not None else "no toll"
    extra = " Sources disagree on the toll." if r["disputed"] else ""
    return f"{lead} [tollwatch: {len(r['reports'])} report(s); {toll}.{extra}]"


def row(r: dict[str, Any], sources: list[dict[str, Any]], version: str, stamp: int) -> dict[str, Any]:
    types, subs = acled_labels()
    loc, date = r["location"], r["date"]
    actors = r["actors"] or []
    a1 = actors[0] if actors else {}
    a2 = actors[1] if len(actors) > 1 else {}
    inter1, inter2 = a1.get("interaction") or "", a2.get("interaction") or ""
    civilian = r["type"] == "violence_against_civilians" or "civilians" in (r["victims"] or {})
    tags = ["disputed toll"] if r["disputed"] else []
    if r.get("nested"):  # its fatalities are a part of another row's: summing both counts them twice
        tags.append(f"fatalities within {', '.join(r['within']) or 'another event'}; not to be summed")
    return {
        "event_id_cnty": f"{loc['country'] or 'XX'}-{r['id']}",
        "event_date": date["start"],
        "year": date["start"][:4] if date["start"] else "",
        "time_precision": _time_precision(date),
        "disorder_type": DISORDER.get(r["type"], ""),
        "event_type": types.get(r["type"], r["type"]),
        "sub_event_type": subs.get(r["sub_type"] or "", r["sub_type"]),
        "actor1": a1.get("name", ""),
        "assoc_actor_1": joined(a.get("name") for a in actors[2:]),
        "inter1": inter1,
        "actor2": a2.get("name", ""),
        "assoc_actor_2": "",
        "inter2": inter2,
        "interaction": f"{inter1}-{inter2}" if inter2 else (f"{inter1} only" if inter1 else ""),
        "civilian_targeting": "Civilian targeting" if civilian else "",
        "iso": country_numeric(loc["country"]),
        "region": "",
        "country": country_name(loc["country"]),
        "admin1": loc["admin1"],
        "admin2": loc["admin2"],
        "admin3": "",
        "location": loc["name"],
        "latitude": loc["lat"],
        "longitude": loc["lon"],
        "geo_precision": loc["precision"],
        "source": joined(s["source"] for s in sources),
        "source_scale": "",
        "notes": _notes(r, sources),
        "fatalities": r["killed"]["low"] or 0,
        "tags": joined([*tags, f"tollwatch dataset {version}"]),
        "timestamp": stamp,
    }


@register("acled", ".csv", columns=COLUMNS, sidecar=True)
def write(data: ExportData, out: IO[bytes]) -> None:
    stamp = int(dt.datetime.fromisoformat(data.generated_at).timestamp())
    rows = (row(r, data.sources.get(r["id"], []), data.version, stamp) for r in data.records)
    write_csv(out, COLUMNS, rows)
