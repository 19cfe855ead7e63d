"""Rules for shooting reports (US local news style): sentences written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from tollwatch.model import Document, Extraction
from tollwatch.pipeline import extract


def run(text: str) -> Extraction:
    return extract(Document("t", text, dt.date(2016, 5, 2)))


def killed_injured(text: str) -> tuple[int | None, int | None]:
    r = run(text)
    return r.killed.best, r.injured.best


def test_shot_and_later_died_is_one_death_and_no_injury() -> None:
    text = "On Saturday a 9-year-old boy was shot near his school and later died at the hospital."
    assert killed_injured(text) == (1, None)


def test_shot_who_died_later() -> None:
    assert killed_injured("Deputies shot one suspect, who died later in hospital.")[0] == 1


def test_people_shot_count_as_injured_beyond_the_dead() -> None:
    text = "Five people were shot outside the bar. One of them died at the scene."
    k, i = killed_injured(text)
    assert (k, i) == (1, 4)


def test_headline_victim_without_article() -> None:
    text = "Teen Fatally Shot Near Riverside Park\nPolice are looking for the driver of a grey sedan."
    assert killed_injured(text)[0] == 1


def test_age_names_a_victim() -> None:
    assert killed_injured("A 15-year-old girl was fatally shot on Elm Street late Monday.")[0] == 1


def test_age_in_apposition_is_not_a_count() -> None:
    text = "Marcus Dale, 34, of Fairview, was pronounced dead at the scene."
    r = run(text)
    assert r.killed.best == 1
    assert not [f for f in r.figures if f.low == 34]


def test_street_address_is_not_a_count() -> None:
    text = "Officers found a man shot dead outside 4410 Maple Grove Drive on Sunday."
    r = run(text)
    assert r.killed.best == 1
    assert not [f for f in r.figures if f.low == 4410]


@pytest.mark.parametrize(
    "text",
    [
        "The man shot his wife and her sister before turning the gun on himself. Both women died.",
        "Police said the father shot and killed his two sons and then killed himself.",
    ],
)
def test_attacker_who_killed_himself_counts_and_is_a_perpetrator(text: str) -> None:
    r = run(text)
    assert r.victims["perpetrators"].low == 1
    perps = [f for f in r.figures if f.perpetrator and f.measure == "killed"]
    assert perps and all(text[f.start : f.end] == f.text for f in perps)


def test_murder_suicide_total_includes_the_shooter() -> None:
    text = "Police said the father shot and killed his two sons and then killed himself."
    assert run(text).killed.best == 3


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        # the killer is the subject of the killing verb, never one of its objects
        ("A man killed his 40-year-old brother and two young nephews before turning the gun on himself.", 4),
        ("The man shot his relatives, killing three, then shot himself. It was a murder-suicide.", 4),
        ("Deputies said a man killed three relatives before turning the gun on himself.", 4),
        # a count of the bodies holds the killer
        ("Three people were found dead at the farm in what deputies called a murder-suicide.", 3),
    ],
)
def test_a_killer_beside_the_victims_of_his_verb_adds_one(text: str, killed: int) -> None:
    assert run(text).killed.best == killed


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        ("Two boys were killed and their father committed suicide.", 3),
        ("Deputies said the woman killed her husband before committing suicide in the garage.", 2),
        ("Police said a father killed his two children and then himself.", 3),
    ],
)
def test_a_suicide_after_a_killing_is_the_killers_death(text: str, killed: int) -> None:
    r = run(text)
    assert r.killed.best == killed
    perps = [f for f in r.figures if f.perpetrator and f.measure == "killed"]
    assert len(perps) == 1 and text[perps[0].start : perps[0].end] == perps[0].text
    assert perps[0].text in ("committed suicide", "committing suicide", "then himself")


def test_a_suicide_with_no_killing_before_it_is_not_a_killers_death() -> None:
    # a suspect's suicide in custody is told apart from the attack
    text = "Three suspects were arrested; one of them later committed suicide in a cell."
    assert run(text).killed.best is None


def test_the_victim_of_a_killing_verb_is_not_the_killer_who_took_his_own_life() -> None:
    text = (
        "A 15-year-old boy shot his sister and then committed suicide on Monday, deputies said. "
        "Investigators said the teen killed the 8-year-old girl with a rifle."
    )
    assert run(text).killed.best == 2


def test_accidental_self_shooting_is_an_injury() -> None:
    text = "Playing with a pistol, a 4-year-old girl shot herself in the leg by accident; she will survive."
    assert killed_injured(text) == (None, 1)


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        ("Two adults, one child dead in Dunmore shooting", 3),
        (
            "The identities of those killed were not released, but deputies said they include "
            "two adults and one child.",
            3,
        ),
        # a stated whole broken down by commas stays the whole
        ("Three people, two adults and a child, were killed in the fire.", 3),
    ],
)
def test_a_count_of_adults_holds_no_children(text: str, killed: int) -> None:
    assert run(text).killed.best == killed


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        ("An elderly couple was found shot dead in their car, deputies said.", 2),
        ("The couple's son was killed in the crossfire.", 1),
        ("Police waited a couple of hours before a man was found dead.", 1),
        ("A Dunmore couple and their three children were found dead in the farmhouse.", 5),
        # a possessive may open a list's next item
        ("A farmer and his two sons were killed in the raid.", 3),
    ],
)
def test_a_couple_is_two_people(text: str, killed: int) -> None:
    assert run(text).killed.best == killed


def test_deaths_set_in_another_month_are_an_earlier_case() -> None:
    text = (
        "A man was shot and killed outside a Dunmore bar on Saturday, police said. "
        "In August, two brothers were found dead in a field near the same road."
    )
    r = run(text)  # published 2 May 2016
    assert r.killed.best == 1
    assert [f.scope for f in r.figures if f.measure == "killed" and f.best == 2] == ["background"]
    same_month = "In May, two brothers were found dead in a field near Dunmore."
    assert run(same_month).killed.best == 2


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        # a surname alone is a person when an age follows it
        ("Deputies said Marsh fatally shot Cole, 44, and his brother before committing suicide.", 3),
        ("Police said the gunman killed Dale, 52, outside the store.", 1),
        ("A woman fatally shot her two daughters before turning the gun on herself.", 3),
    ],
)
def test_a_surname_with_an_age_is_a_victim_and_the_killer_adds_one(text: str, killed: int) -> None:
    assert run(text).killed.best == killed


@pytest.mark.parametrize(
    "text",
    [
        "Marla Dean, 16, is accused of shooting and killing her 12-year-old cousin on Friday.",
        "Prosecutors charged a 17-year-old as an adult in the shooting death of a teenage boy.",
    ],
)
def test_a_charge_that_is_the_sentences_news_reports_the_killing(text: str) -> None:
    r = run(text)
    assert r.killed.best == 1
    assert [f.scope for f in r.figures if f.measure == "killed"] == ["incident"]


def test_the_crime_of_a_person_something_else_happened_to_is_background() -> None:
    text = "Youths marched for a woman sentenced last year to death for killing her husband."
    charged = [f for f in run(text).figures if f.measure == "killed"]
    assert charged and all(f.scope == "background" for f in charged)
    assert run("Villagers lynched a man suspected of killing two children.").killed.best == 1
