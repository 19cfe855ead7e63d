"""Merge keys read from report text, the merge scores (MUC, CEAF-e, B³) on tiny clusterings,
and ingest cost beside bare extraction."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest

from tollwatch.evaluation.scoring import b_cubed, ceaf_e, conll_f1, hungarian_min, max_assignment, muc
from tollwatch.ledger.keys import merge_keys, person_key, sound_of, strong, toll_keys
from tollwatch.ledger.merge import identity_probe, identity_stored, shared_identity
from tollwatch.model import Document

GOLD = {1: "a", 2: "a", 3: "a", 4: "b", 5: "b"}
PRED = {1: "x", 2: "x", 3: "y", 4: "y", 5: "y"}


def test_muc_counts_links_kept() -> None:
    # Gold {1,2,3} is cut in two (1 of 2 links kept), {4,5} whole: recall 2/3; precision the same by symmetry.
    m = muc(PRED, GOLD)
    assert (m.precision, m.recall) == pytest.approx((2 / 3, 2 / 3))
    assert muc(GOLD, GOLD).f1 == 1.0
    singletons = {i: i for i in GOLD}
    assert muc(singletons, GOLD).recall == 0.0 and muc(singletons, GOLD).precision == 1.0


def test_ceaf_e_aligns_clusters_one_to_one() -> None:
    # phi4({1,2,3},{1,2}) = 0.8 and phi4({4,5},{3,4,5}) = 0.8: 1.6 over 2 clusters each side.
    c = ceaf_e(PRED, GOLD)
    assert (c.precision, c.recall) == pytest.approx((0.8, 0.8))
    one = {i: "all" for i in GOLD}
    # One predicted cluster aligns with gold {1,2,3}: phi4 = 6/8; precision 0.75/1, recall 0.75/2.
    assert (ceaf_e(one, GOLD).precision, ceaf_e(one, GOLD).recall) == pytest.approx((0.75, 0.375))


def test_b_cubed_and_conll() -> None:
    b = b_cubed(PRED, GOLD)
    assert b.precision == pytest.approx((2 / 2 + 2 / 2 + 1 / 3 + 2 / 3 + 2 / 3) / 5)
    assert b.recall == pytest.approx((2 / 3 + 2 / 3 + 1 / 3 + 1 + 1) / 5)
    assert conll_f1(PRED, GOLD) == pytest.approx((muc(PRED, GOLD).f1 + b.f1 + ceaf_e(PRED, GOLD).f1) / 3)
    assert conll_f1(GOLD, GOLD) == pytest.approx(1.0)


def test_hungarian_matches_brute_force() -> None:
    import itertools
    import random

    rng = random.Random(7)
    for _ in range(50):
        n, m = rng.randint(1, 5), rng.randint(1, 5)
        w = [[rng.random() for _ in range(m)] for _ in range(n)]
        small, large = (n, m) if n <= m else (m, n)
        cells = w if n <= m else [list(c) for c in zip(*w, strict=True)]
        best = max(
            sum(cells[i][p[i]] for i in range(small)) for p in itertools.permutations(range(large), small)
        )
        assert -hungarian_min([[-x for x in row] for row in w]) == pytest.approx(best)
        assert max_assignment(w) == pytest.approx(best)


def test_people_addresses_and_blocks() -> None:
    text = (
        "Darnell Okafor, 14, of Elm Falls died. Police identified the driver as Mary Ann Smith. "
        "It happened at 3401 Larkspur St. near the 1800 block of N 20th Street. A 7-year-old boy was hurt. "
        "Police Chief John Doe, 55, spoke."
    )
    keys = merge_keys(text)
    darnell, mary = person_key("Darnell Okafor"), person_key("Mary Ann Smith")
    assert darnell == f"n:{sound_of('darnell')} okafor" and mary == f"n:{sound_of('mary')} smith"
    assert {darnell, mary, "a:3401:larkspur", "b:3400:larkspur", "b:1800:20th"} <= set(keys)
    assert {"y:14", "y:7"} <= set(keys)
    assert not any(k.startswith("n:police") or k == person_key("Chief Doe") for k in keys)
    assert strong(keys) >= {darnell, "a:3401:larkspur"} and "y:7" not in strong(keys)


def test_a_named_victim_is_strong_when_either_report_gives_the_age() -> None:
    first = merge_keys("Darnell Okafor, 14, was shot on Friday.")
    named = (person_key("Darnell Okafor") or "")[2:]
    later = [f"m:{named}"]  # a later report names him without his age
    matched = identity_stored(first) & identity_probe(later)
    assert shared_identity(matched, later) == ({f"n:{named}"}, set())
    plain = identity_stored([f"m:{named}"]) & identity_probe(later)
    assert shared_identity(plain, later) == (set(), {f"m:{named}"})


def test_toll_keys_quote_earlier_counts_not_years_or_distances() -> None:
    text = "The death toll passed 1,000, up from more than 600. In 2025 they were killed 300 km away."
    assert toll_keys([], text) == ["f:1000", "f:600"]


def test_ingest_costs_a_small_multiple_of_extraction(tmp_path: Path) -> None:
    from tollwatch.ledger.ingest import ingest
    from tollwatch.ledger.store import open_engine
    from tollwatch.pipeline import extract

    places = ["Nairobi", "Kisumu", "Mombasa", "Nakuru", "Eldoret", "Garissa"]
    docs = [
        Document(
            id=f"n{i}",
            text=f"Police said {i % 7 + 1} people were killed when gunmen attacked a market in "
            f"{places[i % len(places)]} on Monday. {i % 5} others were injured.",
            published=dt.date(2021, 1, 1) + dt.timedelta(days=i // 3),
        )
        for i in range(300)
    ]
    start = time.perf_counter()
    results = {d.id: extract(d) for d in docs}
    bare = time.perf_counter() - start
    engine = open_engine(str(tmp_path / "speed.db"))
    start = time.perf_counter()
    ingest(engine, docs, extractor=lambda d: results[d.id])
    ledger = time.perf_counter() - start
    engine.dispose()
    # The ledger's own work (extraction excluded) within a generous multiple of bare extraction.
    assert ledger < 6 * bare + 1.0, f"ledger {ledger:.2f} s vs extraction {bare:.2f} s"


def test_a_given_name_spelt_two_ways_gives_one_identity_key() -> None:
    from tollwatch.ledger.keys import merge_keys, sound_of

    # Fictional reports of one shooting by two outlets.
    first = merge_keys("The boy, Ezequiel Marlow, 9, died at the scene, deputies said.")
    second = merge_keys("Ezekiel Marlow, 9, was shot by his brother while they played, his aunt said.")
    shared = {k for k in set(first) & set(second) if k.startswith("n:")}
    assert shared == {f"n:{sound_of('ezekiel')} marlow"}
    # Different given names stay apart, and so do different surnames.
    other = merge_keys("Robin Marlow, 9, died at the scene, deputies said.")
    assert not {k for k in set(first) & set(other) if k.startswith("n:")}
    assert sound_of("erica") == sound_of("erika") and sound_of("tommy") == sound_of("tommie")
