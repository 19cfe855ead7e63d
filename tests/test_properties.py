"""Property tests: reports composed from a small grammar of casualty sentences.

The grammar is our own: random numbers, victim groups, verbs, qualifiers,
subsets ("including N children"), separate attacks, and sentences that must
not add (cumulative and background tolls, things, ages).
"""

from __future__ import annotations

import datetime as dt
import random

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tollwatch.extract.numbers import find_quantities
from tollwatch.model import Document, Extraction, Figure
from tollwatch.pipeline import extract

PUBLISHED = dt.date(2024, 5, 14)
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

WORDS = {
    2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine",
    11: "eleven", 12: "twelve", 15: "fifteen", 20: "twenty", 21: "twenty-one", 40: "forty",
}  # fmt: skip
GROUPS = ["people", "civilians", "villagers", "soldiers", "police officers", "militants", "fighters"]
QUALIFIERS = ["", "at least ", "more than ", "about ", "nearly ", "some "]
PLACES = ["market", "village", "checkpoint", "bus station", "camp", "mosque", "school"]
TOWNS = ["Dalmora", "Kessin", "Ombaru", "Tiravel", "Husk", "Velanti", "Oroba", "Semmet"]


def cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def number(draw: st.DrawFn, lo: int = 2, hi: int = 400) -> tuple[int, str]:
    n = draw(st.integers(lo, hi))
    if n in WORDS and draw(st.booleans()):
        return n, WORDS[n]
    return n, f"{n:,}"


@st.composite
def casualty_sentence(draw: st.DrawFn, qualifiers: tuple[str, ...] = tuple(QUALIFIERS)) -> str:
    """One sentence of the grammar."""
    n, num = number(draw)
    group = draw(st.sampled_from(GROUPS))
    qual = draw(st.sampled_from(qualifiers))
    place = draw(st.sampled_from(PLACES))
    town = draw(st.sampled_from(TOWNS))
    kind = draw(
        st.sampled_from(
            [
                "passive", "active", "died", "subset", "separate", "injured",
                "list", "cumulative", "background", "things", "age", "zero",
            ]
        )
    )  # fmt: skip
    if kind == "passive":
        return cap(f"{qual}{num} {group} were killed in an attack on the {place} in {town}.")
    if kind == "active":
        return f"Gunmen killed {qual}{num} {group} near the {place} in {town}."
    if kind == "died":
        return cap(f"{qual}{num} {group} died when a bomb exploded at the {place} in {town}.")
    if kind == "subset":
        k, knum = number(draw, 1, max(1, n - 1))
        if k == 1:
            knum = "one"
        sub = draw(st.sampled_from(["children", "women"]))
        return cap(f"{qual}{num} people were killed in {town}, including {knum} {sub}.")
    if kind == "separate":
        return f"In a separate attack in {town}, {qual}{num} {group} were killed."
    if kind == "injured":
        return cap(f"{qual}{num} {group} were injured in the clashes in {town}.")
    if kind == "list":
        _, mnum = number(draw, 2, 60)
        return f"{num} soldiers and {mnum} militants were killed in fighting near {town}."
    if kind == "cumulative":
        return f"Officials said {num} {group} have been killed in the region since January."
    if kind == "background":
        return f"Residents of {town} protested after a man was killed by police last week."
    if kind == "things":
        return f"The raiders burnt {num} houses and stole {n + 3} cattle in {town}."
    if kind == "age":
        return f"A {n % 80 + 18}-year-old trader was shot dead in {town}."
    return f"No one was killed in the blast at the {place} in {town}."


reports = st.lists(casualty_sentence(), min_size=1, max_size=6)
#: The grammar without upper bounds ("nearly N"), whose low is not stated.
BOUNDED = tuple(q for q in QUALIFIERS if q != "nearly ")
bounded_reports = st.lists(casualty_sentence(BOUNDED), min_size=1, max_size=6)


@st.composite
def incident_paragraph(draw: st.DrawFn) -> str:
    """A paragraph that reports its own incident ("In a separate attack, …") or adds nothing."""
    sentence = draw(casualty_sentence(BOUNDED))
    if sentence.startswith(("In a separate", "Officials said", "Residents of", "The raiders", "No one")):
        return sentence
    return f"In a separate attack, {sentence[:1].lower()}{sentence[1:]}"


incident_reports = st.lists(incident_paragraph(), min_size=1, max_size=6)


def run(text: str) -> Extraction:
    return extract(Document("p", text, published=PUBLISHED))


def top_level_killed(figures: list[Figure]) -> list[Figure]:
    revised = {f.revises for f in figures if f.revises}
    return [
        f
        for f in figures
        if f.measure == "killed"
        and f.scope == "incident"
        and f.subset_of is None
        and f.part_of is None
        and f.id not in revised
    ]


@SETTINGS
@given(bounded_reports, st.sampled_from([" ", "\n"]))
def test_killed_low_never_exceeds_the_top_level_sum(sentences: list[str], joiner: str) -> None:
    text = joiner.join(sentences)
    result = run(text)
    if result.killed.low is None:
        return
    tops = top_level_killed(result.figures)
    assert result.killed.low <= sum(f.low for f in tops if f.low is not None), text


NEARLY_RIVALS = [
    "Nearly 22 people were killed in an attack on the market in Dalmora.",
    "Nearly 23 people were killed in an attack on the market in Dalmora.",
]


@SETTINGS
@example(NEARLY_RIVALS, " ")
@given(reports, st.sampled_from([" ", "\n"]))
def test_killed_low_never_exceeds_the_top_level_sum_with_upper_bounds(
    sentences: list[str], joiner: str
) -> None:
    text = joiner.join(sentences)
    result = run(text)
    if result.killed.low is None:
        return
    tops = top_level_killed(result.figures)
    assert result.killed.low <= sum(f.low for f in tops if f.low is not None), text


def test_shuffling_a_zero_and_an_upper_bound_keeps_the_toll() -> None:
    a = "In a separate attack, nearly 13 people were killed in an attack on the market."
    b = "No one was killed in the blast at the bus station."
    one, other = run(f"{a}\n{b}").killed, run(f"{b}\n{a}").killed
    assert (one.low, one.best) == (other.low, other.best)


def test_shuffling_two_unmarked_paragraphs_keeps_the_toll() -> None:
    a = "13 people were killed in an attack on the market."
    b = "2 people were killed in an attack on the market."
    one, other = run(f"{a}\n{b}").killed, run(f"{b}\n{a}").killed
    assert (one.low, one.best) == (other.low, other.best)


@SETTINGS
@given(incident_reports, st.randoms(use_true_random=False))
def test_shuffling_paragraphs_keeps_the_toll(sentences: list[str], rnd: random.Random) -> None:
    text = "\n".join(sentences)
    shuffled = list(sentences)
    rnd.shuffle(shuffled)
    a, b = run(text).killed, run("\n".join(shuffled)).killed
    assert (a.low, a.best) == (b.low, b.best), (text, "\n".join(shuffled))


@SETTINGS
@given(reports, st.sampled_from([" ", "\n", "\n\n"]))
def test_every_figure_text_is_its_span(sentences: list[str], joiner: str) -> None:
    text = joiner.join(sentences)
    result = run(text)
    for f in result.figures:
        assert text[f.start : f.end] == f.text
        assert 0.0 <= f.confidence <= 1.0
        for m in f.mentions:
            assert text[m.start : m.end] == m.text


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300), st.integers(0, 1000))
def test_find_quantities_never_raises_and_spans_are_in_range(text: str, offset: int) -> None:
    for q in find_quantities(text, offset):
        assert offset <= q.start < q.end <= offset + len(text)
        assert text[q.start - offset : q.end - offset] == q.text


NUMBER_PIECES = [*"0123456789,.-– ", "and ", "a ", "hundred ", "thousand ", "twenty", "one", "dozens "]
number_like = st.lists(st.sampled_from(NUMBER_PIECES), max_size=30).map("".join)


@settings(max_examples=100, deadline=None)
@given(number_like)
def test_find_quantities_on_number_soup(text: str) -> None:
    for q in find_quantities(text):
        assert 0 <= q.start < q.end <= len(text)
        assert text[q.start : q.end] == q.text
        for v in (q.low, q.best, q.high):
            assert v is None or v >= 0
        if q.low is not None and q.high is not None:
            assert q.low <= q.high
