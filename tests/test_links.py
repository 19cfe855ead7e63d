"""Links between figures: list totals, repeated mentions, revisions, subsets.

Every sentence here is written for the test; none comes from a real report.
"""

from __future__ import annotations

import datetime as dt

from tollwatch.extract.figures import find_figures
from tollwatch.model import Document, Figure
from tollwatch.text.segment import segment


def figures(text: str) -> list[Figure]:
    return find_figures(Document("t", text, published=dt.date(2024, 5, 14)), segment(text))


def by_low(figs: list[Figure], low: int) -> Figure:
    (f,) = [f for f in figs if f.low == low and not f.parts]
    return f


def check_ids(figs: list[Figure]) -> None:
    """Every link points at a figure that exists."""
    ids = {f.id for f in figs}
    assert len(ids) == len(figs)
    for f in figs:
        assert f.subset_of is None or f.subset_of in ids
        assert f.revises is None or f.revises in ids
        assert f.part_of is None or f.part_of in ids
        assert all(p in ids for p in f.parts)


# --- enumerations ---------------------------------------------------------------


def test_enumeration_of_four_groups_sums_to_a_total() -> None:
    figs = figures(
        "6 commandos, 5 soldiers, 2 police officers and 9 Taliban militants were killed overnight."
    )
    check_ids(figs)
    (total,) = [f for f in figs if f.parts]
    assert (total.low, total.best, total.high) == (22, 22, 22)
    assert total.measure == "killed"
    assert set(total.group_text.split("+")) == {"security_forces", "militants"}
    parts = [f for f in figs if f.id in total.parts]
    assert len(parts) == 4
    assert all(p.part_of == total.id for p in parts)
    assert sum(p.low for p in parts) == total.low


def test_two_item_list_with_a_singular_victim() -> None:
    figs = figures("Two soldiers and a policeman were killed in the ambush.")
    check_ids(figs)
    (total,) = [f for f in figs if f.parts]
    assert total.low == 3
    assert sorted(f.low for f in figs if f.part_of == total.id) == [1, 2]


def test_list_total_text_is_the_document_slice() -> None:
    text = "Villagers said 4 farmers and 3 herders were killed when the gunmen arrived."
    figs = figures(text)
    (total,) = [f for f in figs if f.parts]
    assert text[total.start : total.end] == total.text
    assert total.text.startswith("4 farmers")


def test_different_measures_are_not_one_list() -> None:
    figs = figures("Six soldiers and 5 militants were killed and 3 civilians were injured.")
    (total,) = [f for f in figs if f.parts]
    assert total.low == 11
    injured = by_low(figs, 3)
    assert injured.measure == "injured"
    assert injured.part_of is None


def test_appositive_breakdown_is_a_subset_not_a_list() -> None:
    figs = figures("Five people, a mother and four children, died when the rocket struck their house.")
    check_ids(figs)
    whole = by_low(figs, 5)
    assert not [f for f in figs if f.parts]
    assert by_low(figs, 4).subset_of == whole.id
    assert by_low(figs, 1).subset_of == whole.id


# --- mentions ------------------------------------------------------------------------


def test_same_claim_in_two_sentences_is_one_figure() -> None:
    text = "Gunmen killed 7 villagers on Sunday. Police confirmed 7 villagers were killed."
    figs = figures(text)
    check_ids(figs)
    (f,) = figs
    assert f.low == 7
    assert [text[m.start : m.end] for m in f.mentions] == [m.text for m in f.mentions]
    assert len(f.mentions) == 1


def test_mention_takes_the_more_specific_group() -> None:
    text = "Market Bombing Kills 12\nTwelve traders were killed when a bomb exploded at the market."
    (f,) = figures(text)
    assert f.group == "civilians"
    assert len(f.mentions) == 1


def test_different_groups_with_the_same_number_are_not_merged() -> None:
    text = "Gunmen killed 7 villagers. Separately, 7 soldiers were killed in an ambush elsewhere."
    figs = figures(text)
    assert sorted(f.group for f in figs) == ["civilians", "security_forces"]
    assert all(not f.mentions for f in figs)


# --- revisions -------------------------------------------------------------------------


def test_toll_rose_revises_the_earlier_figure() -> None:
    figs = figures("Ten people were killed on Monday. The death toll rose to 14 on Tuesday.")
    check_ids(figs)
    assert by_low(figs, 14).revises == by_low(figs, 10).id


def test_chain_of_revisions() -> None:
    figs = figures(
        "Ten people were killed on Monday. The death toll rose to 14 on Tuesday. "
        "By Wednesday the toll had reached 19."
    )
    assert by_low(figs, 14).revises == by_low(figs, 10).id
    assert by_low(figs, 19).revises == by_low(figs, 14).id


def test_initially_reported_then_risen() -> None:
    figs = figures("At first the toll was put at more than 200, but by evening it had climbed to over 350.")
    check_ids(figs)
    later = by_low(figs, 350)
    earlier = by_low(figs, 200)
    assert later.revises == earlier.id
    assert (earlier.qualifier, later.qualifier) == ("more_than", "more_than")


def test_revision_pair_is_not_a_list() -> None:
    figs = figures("At first the toll was put at more than 200, but by evening it had climbed to over 350.")
    assert not [f for f in figs if f.parts]


# --- subsets --------------------------------------------------------------------------------


def test_including_subsets_point_at_the_whole() -> None:
    figs = figures(
        "In the hill village, 31 victims of the raid were buried in a single grave, "
        "including nine children and four women."
    )
    check_ids(figs)
    whole = by_low(figs, 31)
    assert (by_low(figs, 9).group, by_low(figs, 9).subset_of) == ("children", whole.id)
    assert (by_low(figs, 4).group, by_low(figs, 4).subset_of) == ("women", whole.id)


def test_including_security_forces() -> None:
    figs = figures("Eleven people were killed, including four police officers, the governor said.")
    assert by_low(figs, 4).subset_of == by_low(figs, 11).id


def test_subset_with_its_own_verb_takes_that_measure() -> None:
    figs = figures(
        "Three farmers were killed by the blast, and many villagers, among them at least seven children, "
        "were wounded by the debris."
    )
    kids = by_low(figs, 7)
    assert (kids.measure, kids.group, kids.subset_of) == ("injured", "children", None)


def test_subset_before_another_count_keeps_the_measure_of_its_whole() -> None:
    figs = figures(
        "Five guests were killed, including two boys, and 11 others were wounded at the wedding hall."
    )
    boys = by_low(figs, 2)
    assert (boys.measure, boys.subset_of) == ("killed", by_low(figs, 5).id)


def test_a_larger_count_after_including_is_no_subset() -> None:
    figs = figures(
        "The blast killed 5 porters, including two boys, and up to 8 civilians in all, a clinic said."
    )
    eight = by_low(figs, 8) if any(f.low == 8 for f in figs) else next(f for f in figs if f.high == 8)
    assert (eight.measure, eight.subset_of) == ("killed", None)


def test_floor_and_ceiling_of_one_group_are_not_summed_as_a_list() -> None:
    figs = figures("At least three porters, among them a cook, and up to five porters died in the landslide.")
    assert not [f for f in figs if f.parts]


def test_among_the_dead_at_the_end_of_the_next_sentence() -> None:
    figs = figures("Twenty people were killed in the raid. Six children were among the dead.")
    assert by_low(figs, 6).subset_of == by_low(figs, 20).id


def test_of_the_dead_in_the_next_sentence() -> None:
    figs = figures("Thirty people were killed in the attack. Of the dead, 11 were children.")
    assert by_low(figs, 11).subset_of == by_low(figs, 30).id


def test_victims_added_with_along_with_are_a_list() -> None:
    figs = figures("The shell killed Omar Haddad along with 4 relatives near the well.")
    (total,) = [f for f in figs if f.parts]
    assert total.low == 5


def test_among_them_in_the_next_sentence_is_a_subset_of_the_earlier_toll() -> None:
    figs = figures(
        "Shelling of the river port left more than 300 people dead over two days, a monitor said. "
        "Among them, at least 210 civilians were killed in their homes."
    )
    check_ids(figs)
    assert by_low(figs, 210).subset_of == by_low(figs, 300).id
