"""Write ``reports.jsonl``: a fictional merge test set (run from anywhere; deterministic).

Every record is invented for this repository and says so (``"fictional": true`` and
"(Fictional example.)" in its text). Real town names are used so that places
resolve in the gazetteer; the incidents, tolls, sources and newspapers are made up.

Each incident has 3 or 4 short reports, published 0–3 days after it, that vary
their wording: verbs, number words or digits, qualifiers, spellings (Baniyas /
Banyas), weekday or date references. Tolls rise in later reports (revisions) and
some sources disagree (contradictions). Near-misses: the same town on another
day with another kind of violence, and the same kind on the same day in a
neighbouring town. ``incident`` is the gold label; the pipeline never reads it.

    python tests/data/merge_set/generate.py
"""

from __future__ import annotations

import datetime as dt
import json
import random
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).parent

#: Town → spellings used in reports (the first is the usual one).
TOWNS: dict[str, list[str]] = {
    "Baniyas": ["Baniyas", "Banyas"],
    "Jableh": ["Jableh", "Jablah"],
    "Latakia": ["Latakia"],
    "Tartus": ["Tartus"],
    "Garissa": ["Garissa"],
    "Mandera": ["Mandera"],
    "Lamu": ["Lamu"],
    "Kisumu": ["Kisumu"],
    "Eldoret": ["Eldoret"],
    "Nakuru": ["Nakuru"],
    "Wajir": ["Wajir"],
    "Moyale": ["Moyale"],
    "Maiduguri": ["Maiduguri"],
    "Kaduna": ["Kaduna"],
    "Jos": ["Jos"],
    "Bawku": ["Bawku"],
    "Tamale": ["Tamale"],
    "Djibo": ["Djibo"],
    "Kaya": ["Kaya"],
    "Dori": ["Dori"],
    "Ouahigouya": ["Ouahigouya"],
    "Bunia": ["Bunia"],
    "Goma": ["Goma"],
    "Mopti": ["Mopti"],
}

NUMBER_WORDS = {
    2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine",
    10: "ten", 11: "eleven", 12: "twelve", 13: "thirteen", 14: "fourteen", 15: "fifteen",
    16: "sixteen", 17: "seventeen", 18: "eighteen", 19: "nineteen", 20: "twenty",
}  # fmt: skip

SOURCES = [
    "Northern Ledger", "Coastline Courier", "Daily Meridian", "The Evening Lantern", "Valley Post",
    "Frontier Wire", "Morning Signal", "The Civic Herald", "Plainsman Review", "Harbour Dispatch",
]  # fmt: skip
OFFICIALS = ["police said", "a local official said", "the regional governor said",
             "hospital staff said", "a health official told reporters", "residents said"]  # fmt: skip


@dataclass
class Kind:
    name: str
    leads: list[str]
    revisions: list[str]
    titles: list[str]
    quiet: list[str]


KINDS = [
    Kind(
        "gun_attack",
        [
            "{Q}{N} people were killed when gunmen opened fire on a market in {T} {D}, {O}.",
            "Armed men shot dead {q}{n} civilians in {T} {D}, {O}.",
            "Attackers on motorbikes killed {q}{n} villagers in {T} {D}, according to {o2}.",
            "{Q}{N} civilians died after gunmen stormed a village near {T} {D}, {O}.",
        ],
        [
            "The number of people killed by gunmen in {T} {D} has risen to {n}, {O}.",
            "{Q}{N} people are now known to have died in the gun attack in {T} {D}, {O}.",
            "Funerals were held for {n} victims of the shooting at the market in {T} {D}, {O}.",
        ],
        ["Gunmen kill villagers in {T}", "Market shooting in {T}", "Deadly gun attack near {T}"],
        ["Shops in {T} stayed shut after gunmen attacked the market {D}, {O}."],
    ),
    Kind(
        "bombing",
        [
            "A bomb exploded at a crowded bus station in {T} {D}, killing {q}{n} people, {O}.",
            "{Q}{N} people were killed when an explosive device went off at a bus station in {T} {D}, {O}.",
            "A blast tore through the bus station in {T} {D}, leaving {q}{n} people dead, {O}.",
        ],
        [
            "The death toll from the bus station bombing in {T} {D} rose to {n}, {O}.",
            "{Q}{N} people are now confirmed dead after the explosion at the bus station in {T} {D}, {O}.",
        ],
        ["Bomb blast at {T} bus station", "Explosion in {T} kills travellers", "{T} bombing toll rises"],
        ["Investigators combed the wrecked bus station in {T} after the explosion {D}, {O}."],
    ),
    Kind(
        "clash",
        [
            "{Q}{N} soldiers and militants were killed in fighting between the army and insurgents"
            " in {T} {D}, {O}.",
            "Clashes between government troops and rebels in {T} {D} left {q}{n} people dead, {O}.",
            "The army said it fought rebels outside {T} {D}; {q}{n} combatants died in the battle, {O}.",
        ],
        [
            "The toll from the battle between troops and rebels in {T} {D} has climbed to {n}, {O}.",
            "{Q}{N} fighters died in the clashes between the army and rebels at {T} {D}, {O}.",
        ],
        ["Army and rebels clash in {T}", "Heavy fighting near {T}", "Battle for {T}"],
        ["Residents of {T} described hours of gunfire between soldiers and rebels {D}, {O}."],
    ),
    Kind(
        "airstrike",
        [
            "An air strike hit a school in {T} {D}, killing {q}{n} people, {O}.",
            "{Q}{N} people died when warplanes bombed a school in {T} {D}, {O}.",
            "A drone strike on a school in {T} {D} killed {q}{n} people, {O}.",
        ],
        [
            "The death toll from the air strike on the school in {T} {D} reached {n}, {O}.",
            "{Q}{N} people are now reported killed in the strike on a school in {T} {D}, {O}.",
        ],
        ["Air strike on {T} school", "School hit in {T}", "Strike in {T} kills pupils and teachers"],
        ["Rescue teams searched the rubble of the school in {T} after the air strike {D}, {O}."],
    ),
    Kind(
        "riot",
        [
            "{Q}{N} people died when rioters clashed with police in {T} {D}, {O}.",
            "Rioting in {T} {D} left {q}{n} people dead as protesters fought police, {O}.",
        ],
        [
            "The number of people killed in the riots in {T} {D} has risen to {n}, {O}.",
            "{Q}{N} people are now said to have died in the rioting in {T} {D}, {O}.",
        ],
        ["Riots in {T}", "Deadly unrest in {T}", "{T} riot toll rises"],
        ["Burnt-out cars lined the streets of {T} after the rioting {D}, {O}."],
    ),
]

QUALIFIERS = ["", "at least ", "more than ", "about ", "nearly "]


def _num(rng: random.Random, n: int) -> str:
    return NUMBER_WORDS[n] if n in NUMBER_WORDS and rng.random() < 0.5 else str(n)


def _day_ref(rng: random.Random, event: dt.date, published: dt.date) -> str:
    if published == event and rng.random() < 0.3:
        return "today" if rng.random() < 0.5 else event.strftime("on %A")
    if (published - event).days == 1 and rng.random() < 0.3:
        return "yesterday" if rng.random() < 0.5 else event.strftime("on %A night")
    if rng.random() < 0.25:
        return f"on {event.day} {event.strftime('%B')}"
    return event.strftime("on %A")


def _fill(rng: random.Random, template: str, town: str, n: int, event: dt.date, published: dt.date) -> str:
    q = rng.choice(QUALIFIERS)
    number = _num(rng, n)
    official = rng.choice(OFFICIALS)
    text = template.format(
        Q=q.capitalize(),
        N=number if q else number.capitalize(),
        q=q,
        n=number,
        T=town,
        D=_day_ref(rng, event, published),
        O=official,
        o2=official.split(" said")[0].split(" told")[0],
    )
    return text[0].upper() + text[1:] + " (Fictional example.)"


def _tolls(rng: random.Random, style: str) -> list[int]:
    first = rng.randint(3, 14)
    if style == "revision":
        return [first, first + rng.randint(2, 5), first + rng.randint(6, 12), first + rng.randint(6, 12)]
    if style == "contradiction":
        return [first, first + rng.randint(3, 6), first, first + rng.randint(3, 6)]
    return [first] * 4


@dataclass
class Plan:
    label: str
    town: str
    kind: Kind
    date: dt.date
    style: str


def plans(rng: random.Random) -> list[Plan]:
    out: list[Plan] = []
    base = dt.date(2024, 3, 4)
    towns = list(TOWNS)
    for i in range(64):
        town = towns[i % len(towns)]
        # Towns recur every len(towns) incidents: a later visit is a near-miss
        # (same town, another day, usually another kind of violence).
        visit = i // len(towns)
        date = base + dt.timedelta(days=(i % len(towns)) * 9 + visit * 2 + rng.choice([0, visit and 1]))
        kind = KINDS[(i + 2 * (i // len(towns))) % len(KINDS)]
        style = ("revision", "contradiction", "steady")[i % 3]
        out.append(Plan(f"M{i:03d}", town, kind, date, style))
    # Same day, same kind of violence, neighbouring towns (about 20 km apart): separate incidents.
    pairs = [("Baniyas", "Jableh", 0), ("Jableh", "Latakia", 1), ("Tartus", "Baniyas", 3)]
    for n, (a, b, k) in enumerate(pairs):
        date = dt.date(2024, 11, 4) + dt.timedelta(days=12 * n)
        for m, town in enumerate((a, b)):
            out.append(Plan(f"M{64 + 2 * n + m:03d}", town, KINDS[k], date, ("revision", "steady")[m]))
    return out


def reports(rng: random.Random, plan: Plan) -> list[dict[str, object]]:
    tolls = _tolls(rng, plan.style)
    n_reports = rng.choice([3, 3, 4])
    out = []
    for j in range(n_reports):
        published = plan.date + dt.timedelta(days=min(j, 3) if j else rng.choice([0, 1]))
        town = rng.choice(TOWNS[plan.town])
        if j == 0:
            template = rng.choice(plan.kind.leads)
        elif j == n_reports - 1 and rng.random() < 0.15:
            template = rng.choice(plan.kind.quiet)
        else:
            template = rng.choice(plan.kind.revisions if plan.style == "revision" else plan.kind.leads)
        text = _fill(rng, template, town, tolls[j], plan.date, published)
        out.append(
            {
                "id": f"merge-{plan.label.lower()}-{j + 1}",
                "published": published.isoformat(),
                "source": rng.choice(SOURCES),
                "title": rng.choice(plan.kind.titles).format(T=town),
                "text": text,
                "fictional": True,
                "incident": plan.label,
            }
        )
    return out


def main() -> None:
    rng = random.Random(20250308)
    records = [r for plan in plans(rng) for r in reports(rng, plan)]
    records.sort(key=lambda r: (str(r["published"]), str(r["id"])))
    with (HERE / "reports.jsonl").open("w", encoding="utf-8") as out:
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    incidents = {r["incident"] for r in records}
    print(f"wrote {len(records)} reports over {len(incidents)} incidents")


if __name__ == "__main__":
    main()
