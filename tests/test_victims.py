"""Named victim lists: one entry per person, counted by group.

The names below are invented for the test.
"""

from __future__ import annotations

import datetime as dt

from tollwatch.extract.victims import CHILD_AGE, list_start, read_victim_lists
from tollwatch.model import Document, Figure
from tollwatch.pipeline import extract

TWO = (
    "A drone strike hit a family home on Tuesday night. The victims were named as: "
    "Rami Haddad 12 years old male killed Leila Haddad 34 years old female killed"
)

MIXED = (
    "The strike hit the house. Names of the victims: Sami Nour 8 months old male killed, "
    "Huda Nour Adult female injured, Karim Nour Age unknown male killed, Yusuf Nour Child male killed"
)


def read(text: str) -> list[Figure]:
    return read_victim_lists(Document("t", text), 0)


def test_list_start_is_found() -> None:
    assert list_start(TWO) == TWO.index("The victims were named as:")
    assert list_start("No list in this text.") == len("No list in this text.")


def test_child_and_woman_are_counted() -> None:
    figs = read(TWO)
    (total,) = [f for f in figs if f.parts]
    assert (total.measure, total.low, total.group) == ("killed", 2, "people")
    groups = {f.group: f.low for f in figs if f.part_of == total.id}
    assert groups == {"children": 1, "women": 1}


def test_each_entry_keeps_its_span() -> None:
    for f in read(TWO) + read(MIXED):
        text = TWO if f.text in TWO else MIXED
        assert text[f.start : f.end] == f.text
        for m in f.mentions:
            assert text[m.start : m.end] == m.text


def test_entry_span_names_the_victim() -> None:
    figs = read(TWO)
    (child,) = [f for f in figs if f.group == "children"]
    assert child.text == "Rami Haddad 12 years old male killed"


def test_ages_in_months_and_age_words() -> None:
    figs = read(MIXED)
    killed = {f.group: f.low for f in figs if f.measure == "killed" and f.part_of}
    injured = {f.group: f.low for f in figs if f.measure == "injured" and f.part_of}
    assert killed == {"children": 2, "men": 1}  # 8 months old, "Child"; an adult of unknown age
    assert injured == {"women": 1}


def test_child_age_is_the_un_convention() -> None:
    assert CHILD_AGE == 18
    text = "The victims were named as: Ziad Amer 17 years old male killed Omar Amer 18 years old male killed"
    groups = {f.group: f.low for f in read(text) if f.part_of}
    assert groups == {"children": 1, "men": 1}


def test_no_list_no_figures() -> None:
    assert read("Two people were killed in the strike.") == []


def test_document_toll_from_a_list() -> None:
    result = extract(Document("t", TWO, published=dt.date(2024, 1, 9)))
    assert (result.killed.low, result.killed.best) == (2, 2)
    assert result.victims["children"].low == 1
    assert result.victims["women"].low == 1


def test_named_list_does_not_add_to_a_stated_toll() -> None:
    text = "Nine people were killed when the strike hit the house. " + TWO.split(". ", 1)[1]
    result = extract(Document("t", text, published=dt.date(2024, 1, 9)))
    assert (result.killed.low, result.killed.best) == (9, 9)
    assert result.victims["children"].low == 1


def _toll(text: str) -> tuple[int | None, int | None, int | None]:
    est = extract(Document("t", text, published=dt.date(2024, 3, 2))).victims["civilians"]
    return est.low, est.best, est.high


def test_named_list_sets_the_floor_of_an_up_to_toll() -> None:
    text = (
        "Up to four civilians died when a shell struck a grocery in the east of the town. "
        "The victims were named as: Omar Saleh 40 years old male killed Dina Saleh 9 years old female killed "
        "Tariq Saleh 6 years old male killed"
    )
    assert _toll(text) == (3, 4, 4)


def test_named_list_longer_than_the_stated_toll_is_not_trusted_over_it() -> None:
    text = (
        "Two civilians died when a shell struck a grocery. "
        "The victims were named as: Omar Saleh 40 years old male killed Dina Saleh 9 years old female killed "
        "Tariq Saleh 6 years old male killed"
    )
    assert _toll(text) == (2, 2, 2)


def test_entry_matched_to_the_fatality_register_without_a_status_is_one_dead() -> None:
    text = (
        "A shell hit the yard. The victims were named as: "
        "Nabil Aziz 9 years old male Matched to MoH ID 123456789 Samar Aziz 30 years old female killed"
    )
    figs = read(text)
    (total,) = [f for f in figs if f.parts and f.measure == "killed"]
    assert total.low == 2
    assert {f.group: f.low for f in figs if f.part_of == total.id} == {"children": 1, "women": 1}


def test_entry_the_list_doubts_is_not_counted() -> None:
    text = (
        "A shell hit the yard. The victims were named as: Samar Aziz 30 years old female killed "
        "Fadi Aziz male uncertain whether dead or hurt killed"
    )
    figs = read(text)
    (total,) = [f for f in figs if f.parts and f.measure == "killed"]
    assert total.low == 1
    assert not [f for f in figs if f.measure == "injured"]


def _children(text: str) -> tuple[int | None, int | None, int | None]:
    est = extract(Document("t", text, published=dt.date(2024, 3, 2))).victims["children"]
    return est.low, est.best, est.high


_THREE_CHILDREN_NAMED = (
    "The victims were named as: Omar Saleh 40 years old male killed Dina Saleh 9 years old female killed "
    "Tariq Saleh 6 years old male killed Rana Saleh 3 years old female killed"
)


def test_named_children_are_the_floor_of_a_partial_prose_count() -> None:
    text = (
        "A shell struck the Saleh home before dawn. Their father was killed with two of their sons. "
        + _THREE_CHILDREN_NAMED
    )
    assert _children(text)[0] == 3


def test_stated_children_subset_of_the_toll_outranks_the_list() -> None:
    text = (
        "Four civilians, including two children, died when a shell struck the Saleh home before dawn. "
        + _THREE_CHILDREN_NAMED
    )
    assert _children(text)[0] == 2


def test_list_entry_without_an_age_takes_the_age_the_prose_gives() -> None:
    text = (
        "A shell hit the Darwish flat. Killed were 9-year-old Lina Darwish and her father. "
        "The victims were named as: Lina Darwish female killed Sami Darwish 41 years old male killed"
    )
    figs = read(text)
    (total,) = [f for f in figs if f.parts and f.measure == "killed"]
    assert {f.group: f.low for f in figs if f.part_of == total.id} == {"children": 1, "men": 1}


def test_names_listed_after_children_colon_are_children() -> None:
    text = (
        "A shell hit the Darwish flat, killing a couple and their two children: "
        "Lina Darwish and Adam Darwish. "
        "The victims were named as: Lina Darwish female killed Adam Darwish male killed "
        "Sami Darwish 41 years old male killed"
    )
    figs = read(text)
    (total,) = [f for f in figs if f.parts and f.measure == "killed"]
    assert {f.group: f.low for f in figs if f.part_of == total.id} == {"children": 2, "men": 1}


def test_status_word_inside_an_entry_does_not_split_it() -> None:
    text = "A shell hit the yard. The victims were named as: Karim Odeh, killed 44 years old male killed"
    figs = read(text)
    (total,) = [f for f in figs if f.parts and f.measure == "killed"]
    assert total.low == 1


def test_names_of_the_victims_in_prose_do_not_start_the_list() -> None:
    text = (
        "A cousin posted the names of the victims: 40-year-old Samir Odeh was killed with his wife "
        "and their two sons. The victims were named as: Samir Odeh 40 years old male killed "
        "Lina Odeh Adult female killed Karim Odeh 9 years old male killed Yusuf Odeh 6 years old male killed"
    )
    figs = read_victim_lists(Document("t", text), 0)
    kids = [f for f in figs if f.group == "children" and f.measure == "killed"]
    assert [f.low for f in kids] == [2]
    assert list_start(text) == text.index("The victims were named as")


_NAMED_FAMILY = (
    " when a strike hit their house. The victims were named as: Omar Haddad 41 years old male killed "
    "Rania Haddad 9 years old female killed Dima Haddad 6 years old female killed "
    "Sami Haddad 3 years old male killed Lina Haddad Adult female killed"
)


def test_relatives_named_in_prose_do_not_cap_the_listed_children() -> None:
    lead = "Five members of the Haddad family were killed, including two daughters,"
    children = extract(Document("t", lead + _NAMED_FAMILY)).victims["children"]
    assert (children.low, children.best) == (3, 3)


def test_a_stated_number_of_children_stays_the_low() -> None:
    lead = "Five members of the Haddad family were killed, including two children,"
    children = extract(Document("t", lead + _NAMED_FAMILY)).victims["children"]
    assert (children.low, children.best) == (2, 3)


def test_one_of_those_killed_was_a_child() -> None:
    text = "At least two people died when the shell hit. A neighbour said one of those killed was a child."
    assert extract(Document("t", text)).victims["children"].low == 1


def test_an_infant_listed_beside_children_is_one_more_child() -> None:
    text = "Fourteen civilians were killed in the raid, including three women, six children and a baby."
    assert _children(text)[0] == 7


def test_an_infant_among_the_children_is_not_one_more() -> None:
    text = (
        "Fourteen civilians were killed in the raid, including three women and six children, "
        "one of them a baby."
    )
    assert _children(text)[0] == 6


def _listed(text: str) -> dict[str, int]:
    figs = read(text)
    (total,) = [f for f in figs if f.parts and f.measure == "killed"]
    return {f.group: f.low for f in figs if f.part_of == total.id and f.low is not None}


def test_a_victim_listed_twice_is_counted_once() -> None:
    text = (
        "A shell hit the Nassar home. The victims were named as: Huda Karim Salem Nassar 15 years old "
        "female killed Omar Karim Salem Nassar 41 years old male killed "
        "Huda Karim Salem Nasar 15 years old female killed"
    )
    assert _listed(text) == {"children": 1, "men": 1}


def test_a_second_entry_with_an_unknown_age_is_the_same_victim() -> None:
    text = (
        "A shell hit the Nassar home. The victims were named as: Huda Karim Salem Nassar Age unknown "
        "female killed Huda Karim Salem Nassar 15 years old female killed"
    )
    assert _listed(text) == {"children": 1}


def test_unnamed_victims_and_relatives_are_not_one_another() -> None:
    text = (
        "A shell hit the Nassar home. The victims were named as: Child of Rania Child killed "
        "Child of Rania Child killed Omar Karim Salem Nassar 41 years old male killed "
        "Omar Karim Salem Nassar's son Age unknown male killed"
    )
    assert _listed(text) == {"children": 2, "men": 2}


def test_child_of_someone_with_an_adult_age_is_an_adult() -> None:
    text = (
        "A shell hit the Nassar home. The victims were named as: Child of Rania Nassar 1 Adult male killed "
        "Child of Rania Nassar 2 Age unknown killed"
    )
    assert _listed(text) == {"men": 1, "children": 1}


def test_an_unknown_age_in_the_list_takes_the_prose_child() -> None:
    text = (
        "Those killed included Yara Fadi al-Hilu, a female child, and her uncle. "
        "The victims were named as: Yara Fadi al-Hilu Age unknown female killed "
        "Sami Hilu 44 years old male killed"
    )
    assert _listed(text) == {"children": 1, "men": 1}


def test_one_name_in_two_arabic_spellings_is_one_victim() -> None:
    text = (
        "A shell hit the Nassar home. The victims were named as: Huda Karim Nassar هدى كريم نصار "
        "15 years old female killed Huda Karim Nassar هدي كريم نصار 15 years old female killed"
    )
    assert _listed(text) == {"children": 1}


def test_two_arabic_names_behind_one_transliteration_are_two_victims() -> None:
    text = (
        "A report mourned 9-year-old Hala Karim Nassar. The victims were named as: "
        "Hala Karim Nassar هلا كريم نصار Age unknown female killed "
        "Hala Karim Nassar حلا كريم نصار 9 years old female killed"
    )
    assert _listed(text) == {"women": 1, "children": 1}


def test_dead_of_unknown_age_and_no_named_child_give_none_to_that_many_children() -> None:
    text = (
        "Four people died when a shell hit the Nassar home. The victims were named as: "
        "Omar Karim Nassar 41 years old male killed Salma Nassar Adult female killed "
        "Son of Omar Nassar Age unknown male killed Lina Omar Nassar female killed"
    )
    children = extract(Document("t", text)).victims["children"]
    assert (children.low, children.high) == (0, 2)
    assert extract(Document("t", text)).killed.low == 4


def test_a_list_of_adults_says_nothing_of_children() -> None:
    text = (
        "Two people died when a shell hit the Nassar home. The victims were named as: "
        "Omar Karim Nassar 41 years old male killed Salma Nassar Adult female killed"
    )
    assert "children" not in extract(Document("t", text)).victims


def test_an_age_span_reaching_below_eighteen_may_be_a_child() -> None:
    text = (
        "Two men died when a shell hit the yard. The victims were named as: "
        "Karim Odeh 18 years old male (17-19) killed Sami Odeh 40 years old male (38-42) killed"
    )
    children = extract(Document("t", text)).victims["children"]
    assert (children.low, children.high) == (0, 1)


def test_children_of_another_sources_higher_toll_are_not_this_incidents() -> None:
    text = (
        "Six civilians were killed when a shell hit the Nassar home. A local agency reported that "
        "40 people were killed, including 15 children. The victims were named as: Omar Nassar 40 years "
        "old male killed Lina Nassar 9 years old female killed Sami Nassar 7 years old male killed"
    )
    assert _children(text)[0] == 2


def test_children_of_the_only_toll_stand_even_when_it_is_a_claim() -> None:
    text = "A shell hit the Nassar home. A local agency reported eight deaths, including five children."
    assert _children(text)[0] == 5
