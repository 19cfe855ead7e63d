"""Reading numbers: digits, number words, vague words, ranges and qualifiers.

Every sentence here is written for the test; none comes from a real report.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tollwatch.extract.numbers import VAGUE, find_quantities, parse_number
from tollwatch.model import Document, Quantity
from tollwatch.pipeline import extract


def only(text: str) -> Quantity:
    """The single quantity in ``text``."""
    qs = find_quantities(text)
    assert len(qs) == 1, [q.text for q in qs]
    return qs[0]


def killed_figures(text: str) -> list:
    result = extract(Document("t", text, published=dt.date(2024, 5, 14)))
    return [f for f in result.figures if f.measure == "killed"]


# --- parse_number -----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("7", 7),
        ("1,018", 1018),
        ("35,000", 35000),
        ("1,250,000", 1250000),
        ("twenty-one", 21),
        ("Twenty-One", 21),
        ("ninety nine", 99),
        ("a hundred and five", 105),
        ("three hundred and forty-two", 342),
        ("two hundred thousand", 200000),
        ("four thousand six hundred", 4600),
        ("a dozen", 12),
    ],
)
def test_parse_number_reads_digits_and_words(text: str, value: int) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["banana", "", "3.5"])
def test_parse_number_returns_none_for_non_integers(text: str) -> None:
    assert parse_number(text) is None


# --- digits and number words --------------------------------------------------


def test_thousands_separator_is_one_number() -> None:
    q = only("Gunmen killed 1,018 villagers.")
    assert (q.text, q.low, q.best, q.high, q.qualifier) == ("1,018", 1018, 1018, 1018, "exact")
    assert q.kind == "digit"


def test_hyphenated_number_word() -> None:
    q = only("twenty-one people died")
    assert (q.text, q.low, q.best, q.high) == ("twenty-one", 21, 21, 21)
    assert q.kind == "word"


def test_number_words_with_and() -> None:
    q = only("a hundred and five people drowned")
    assert (q.text, q.low) == ("a hundred and five", 105)


def test_number_words_in_hundreds_of_thousands() -> None:
    q = only("two hundred thousand people fled")
    assert (q.text, q.low) == ("two hundred thousand", 200000)


def test_offsets_are_shifted_and_match_the_text() -> None:
    text = "The raid left 14 people dead."
    (q,) = find_quantities(text, offset=100)
    assert (q.start, q.end) == (114, 116)
    assert text[q.start - 100 : q.end - 100] == q.text == "14"


def test_decimal_is_not_a_count() -> None:
    assert find_quantities("the convoy drove 3.5 km") == []


# --- vague quantities -----------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "low"),
    [("dozens", 12), ("tens", 10), ("hundreds", 100), ("several", 3), ("thousands", 1000)],
)
def test_vague_word_gives_its_conservative_value(word: str, low: int) -> None:
    q = only(f"{word} of people were hurt" if word != "several" else "several people were hurt")
    assert q.vague
    assert q.kind == "vague"
    assert q.qualifier == "approx"
    assert q.low == low
    assert q.best == low
    assert q.high is None  # "dozens" states no ceiling


def test_vague_lexicon_documents_acled_conventions() -> None:
    assert VAGUE["dozens"][:2] == (12, 12)
    assert VAGUE["tens"][:2] == (10, 10)
    assert VAGUE["hundreds"][:2] == (100, 100)
    assert VAGUE["several"][:2] == (3, 3)
    assert all(row[2] == "approx" for row in VAGUE.values())


def test_a_number_of_is_a_plural_not_one_victim() -> None:
    (f,) = killed_figures("A local paper wrote that a number of fishermen were killed off the coast.")
    assert (f.low, f.qualifier) == (2, "approx")


def test_a_number_of_things_is_no_figure() -> None:
    assert killed_figures("The raid that killed nobody damaged a number of Turkish trucks.") == []
    assert killed_figures("Rioters set fire to a number of dwellings owned by the suspects.") == []


def test_vague_figure_in_a_sentence() -> None:
    (f,) = killed_figures("Dozens of people were killed in the raid on the market.")
    assert (f.low, f.qualifier) == (12, "approx")


# --- ranges -----------------------------------------------------------------------


@pytest.mark.parametrize("phrase", ["between 12 and 19", "12 to 19", "12-19", "12–19", "from 12 to 19"])
def test_range_gives_low_and_high(phrase: str) -> None:
    q = only(f"{phrase} people were killed")
    assert q.text == phrase
    assert (q.low, q.high) == (12, 19)
    assert 12 <= q.best <= 19
    assert q.kind == "range"


@pytest.mark.parametrize("phrase", ["Between 12 and 19", "12 to 19", "12-19", "12–19"])
def test_range_figure_in_a_sentence(phrase: str) -> None:
    (f,) = killed_figures(f"{phrase} people were killed when the bridge was shelled.")
    assert (f.low, f.high) == (12, 19)


def test_word_range() -> None:
    q = only("twelve or thirteen people were missing")
    assert (q.low, q.high) == (12, 13)


@pytest.mark.parametrize(
    "phrase",
    ["at least 6 and up to 9", "at least six but possibly up to nine", "at least 6 and as many as 9"],
)
def test_floor_and_ceiling_stated_together_is_one_range(phrase: str) -> None:
    q = only(f"The shelling of the depot left {phrase} porters dead")
    assert q.text == phrase
    assert (q.low, q.high) == (6, 9)
    assert q.kind == "range"


def test_up_to_after_a_plain_number_is_not_a_range() -> None:
    qs = find_quantities("Guards shot 2 and up to 8 were hurt")
    assert [(q.low, q.high) for q in qs] == [(2, 2), (None, 8)]


# --- qualifiers ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "qualifier", "low", "best", "high"),
    [
        ("at least 40", "at_least", 40, 40, None),
        ("more than 40", "more_than", 40, 41, None),
        ("over 40", "more_than", 40, 41, None),
        ("nearly 40", "at_most", None, 40, 40),
        ("up to 40", "at_most", None, 40, 40),
        ("as many as 40", "at_most", None, 40, 40),
        ("as high as 40", "at_most", None, 40, 40),
        ("about 40", "approx", 40, 40, 40),
        ("some 40", "approx", 40, 40, 40),
        ("around 40", "approx", 40, 40, 40),
        ("40", "exact", 40, 40, 40),
    ],
)
def test_qualifier_bounds_the_number(
    phrase: str, qualifier: str, low: int | None, best: int, high: int | None
) -> None:
    q = only(f"{phrase} people were killed")
    assert q.text == phrase
    assert (q.qualifier, q.low, q.best, q.high) == (qualifier, low, best, high)


@pytest.mark.parametrize(
    ("sentence", "qualifier", "low"),
    [
        ("At least 7 people were killed in the blast.", "at_least", 7),
        ("More than 40 people were killed in the fighting.", "more_than", 40),
        ("Over 40 people were killed in the fighting.", "more_than", 40),
        ("Nearly 30 people were killed in the flooding.", "at_most", None),
        ("Some 50 people were killed in the raid.", "approx", 50),
        ("Eight people were killed in the attack.", "exact", 8),
    ],
)
def test_qualifier_reaches_the_figure(sentence: str, qualifier: str, low: int | None) -> None:
    (f,) = killed_figures(sentence)
    assert (f.qualifier, f.low) == (qualifier, low)


def test_at_most_document_toll_has_no_invented_low() -> None:
    result = extract(Document("t", "Up to 30 people were killed in the landslide."))
    assert result.killed.low is None
    assert result.killed.high == 30


# --- singular victims ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "group"),
    [
        ("A man was shot dead outside his shop on Tuesday.", "men"),
        ("A policeman was killed in the ambush near the checkpoint.", "security_forces"),
        ("A woman was killed when the shell struck her home.", "women"),
    ],
)
def test_singular_victim_counts_one(sentence: str, group: str) -> None:
    (f,) = killed_figures(sentence)
    assert (f.low, f.best, f.high, f.qualifier) == (1, 1, 1, "exact")
    assert f.group == group


def test_pronoun_victim_counts_one() -> None:
    (f,) = killed_figures("Assailants stormed the house of the trader, killing him.")
    assert (f.low, f.best, f.high) == (1, 1, 1)
    assert f.text == "killing him"


# --- negations ------------------------------------------------------------------------


def test_no_one_was_killed_is_a_stated_zero() -> None:
    result = extract(Document("t", "No one was killed in the explosion at the depot."))
    (f,) = result.figures
    assert (f.measure, f.low, f.best, f.high) == ("killed", 0, 0, 0)
    assert result.killed.low == 0
    assert result.killed.best == 0


def test_no_casualties_is_a_stated_zero() -> None:
    result = extract(Document("t", "There were no casualties in the attack on the convoy."))
    (f,) = result.figures
    assert f.low == 0
    assert f.best == 0
    assert f.measure == "casualties"
    assert result.killed.low is None  # casualties are never counted as killed
