"""The document toll: each person counted once, low/best/high, ACLED's coding.

Every report here is written for the test; none comes from a real report.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tollwatch.extract.numbers import find_quantities
from tollwatch.extract.toll import acled_coding, document_toll
from tollwatch.model import Document, Estimate, Extraction
from tollwatch.pipeline import extract

PUBLISHED = dt.date(2024, 5, 14)


def run(text: str) -> Extraction:
    return extract(Document("t", text, published=PUBLISHED))


def killed(text: str) -> tuple[int | None, int | None, int | None]:
    k = run(text).killed
    return k.low, k.best, k.high


# --- one incident -------------------------------------------------------------


def test_single_figure_is_the_toll() -> None:
    assert killed("Eight people were killed when gunmen attacked a bus.") == (8, 8, 8)


def test_all_sides_are_counted() -> None:
    text = "Militants stormed the camp, killing 12 soldiers. Five attackers were also killed in the fighting."
    result = run(text)
    assert (result.killed.low, result.killed.best) == (17, 17)
    assert result.victims["security_forces"].low == 12
    assert result.victims["militants"].low == 5


def test_nothing_stated_is_null_not_zero() -> None:
    result = run("Gunmen attacked a village market on Monday and looted several shops.")
    assert result.killed.to_dict() == {"low": None, "best": None, "high": None}
    assert result.acled_fatalities is None
    assert result.acled_basis is None


def test_stated_zero_is_zero() -> None:
    result = run("No one was killed in the explosion, police said.")
    assert result.killed.low == 0
    assert result.acled_fatalities == 0
    assert result.acled_basis == "stated"


def test_injured_is_its_own_toll() -> None:
    result = run("Police said the explosion killed 9 people and wounded 20 others.")
    assert (result.killed.low, result.injured.low) == (9, 20)


# --- what must not add ------------------------------------------------------------


def test_repeated_mention_does_not_add() -> None:
    text = (
        "Market Bombing Kills 12\n"
        "Twelve people were killed when a bomb exploded at a busy market on Monday, police said.\n"
        "The 12 victims included traders and shoppers."
    )
    assert killed(text)[:2] == (12, 12)


def test_subset_does_not_add() -> None:
    text = (
        "At least 27 victims of the massacre were buried in the village, "
        "including eight children and five women."
    )
    result = run(text)
    assert (result.killed.low, result.killed.best) == (27, 27)
    assert result.victims["children"].low == 8
    assert result.victims["women"].low == 5


def test_superseded_toll_does_not_add() -> None:
    text = "Ten people were killed on Monday. The death toll rose to 14 on Tuesday."
    assert killed(text) == (14, 14, 14)


def test_chain_of_revisions_keeps_the_last() -> None:
    text = (
        "Ten people were killed on Monday. The death toll rose to 14 on Tuesday. "
        "By Wednesday the toll had reached 19."
    )
    assert killed(text)[:2] == (19, 19)


def test_superseded_toll_in_the_same_sentence_does_not_add() -> None:
    text = "At first the toll was put at more than 200, but by evening it had climbed to over 350."
    result = run(text)
    assert result.killed.low == 350


def test_initially_reported_then_later_reported_is_a_revision() -> None:
    text = (
        "A local radio station initially reported the deaths of three children in the shelling, "
        "but most outlets later reported the deaths of four children."
    )
    assert run(text).victims["children"].low == 4


def test_parts_of_a_stated_whole_do_not_add() -> None:
    text = "Eleven people were killed, including four police officers, the governor said."
    assert killed(text)[:2] == (11, 11)


def test_enumeration_parts_do_not_add_beyond_their_total() -> None:
    text = "Six soldiers and 5 militants were killed and 3 civilians were injured."
    result = run(text)
    assert (result.killed.low, result.killed.best) == (11, 11)
    assert result.injured.low == 3


def test_cumulative_figure_does_not_add() -> None:
    text = (
        "Eight people were killed in the attack. Officials said 35,000 people have been killed since October."
    )
    assert killed(text) == (8, 8, 8)


def test_cumulative_so_far_this_year_does_not_add() -> None:
    text = (
        "Five people were killed in the attack. "
        "Officials said 400 people have been killed in the region so far this year."
    )
    assert killed(text) == (5, 5, 5)


def test_background_killing_does_not_add() -> None:
    text = (
        "Five people were killed in the attack. "
        "Residents protested after a man was killed by soldiers last week."
    )
    assert killed(text) == (5, 5, 5)


def test_earlier_attack_in_a_past_year_does_not_add() -> None:
    text = (
        "Two people were killed when gunmen opened fire at the bar. "
        "The shooting came weeks after three people were killed in a similar attack in 2023."
    )
    assert killed(text) == (2, 2, 2)


def test_only_a_background_killing_gives_no_toll() -> None:
    result = run("Residents protested in the town after a man was killed by police last week.")
    assert result.killed.low is None
    assert result.acled_fatalities is None


# --- distinct incidents add ---------------------------------------------------------------


def test_separate_attack_adds() -> None:
    text = (
        "Gunmen killed six villagers in the morning raid. "
        "In a separate attack, bandits killed four farmers in a nearby village."
    )
    assert killed(text) == (10, 10, 10)


def test_separate_singular_victims_add() -> None:
    text = (
        "A man was killed in the north of the city. In a separate attack, a woman was shot dead in the south."
    )
    result = run(text)
    assert (result.killed.low, result.killed.best) == (2, 2)
    assert result.victims["men"].low == 1
    assert result.victims["women"].low == 1


def test_second_attack_with_the_same_number_adds() -> None:
    text = "The raid killed 9 people. Nine people were killed in a second attack on the next village."
    assert killed(text)[:2] == (18, 18)


def test_another_n_people_in_a_second_attack_adds() -> None:
    text = (
        "Fifteen people were killed in the bombing, including 4 women. "
        "Another 3 people were killed in a second attack."
    )
    assert killed(text)[:2] == (18, 18)


def test_separate_attack_cue_far_from_the_number_adds() -> None:
    text = (
        "Twenty-two people were killed in an attack on the market in Kessin.\n"
        "In a separate attack in the town of Dalmora, gunmen killed 13 people."
    )
    assert killed(text)[:2] == (35, 35)


# --- disagreement ---------------------------------------------------------------------------


def test_others_said_gives_a_range() -> None:
    text = "At least two people were killed in the clash, police said. Others said three people died."
    low, best, high = killed(text)
    assert (low, high) == (2, 3)
    assert best is not None
    assert 2 <= best <= 3


def test_rival_sources_give_a_range() -> None:
    text = "At least 12 people were killed on Friday, the police said. Hospital sources put the toll at 15."
    low, _, high = killed(text)
    assert (low, high) == (12, 15)


def test_rival_upper_bounds_do_not_invent_a_low() -> None:
    text = (
        "Nearly 22 people were killed when gunmen stormed the market. "
        "Up to 30 people were killed, hospital sources said."
    )
    result = run(text)
    assert all(f.low is None for f in result.figures)
    assert result.killed.low is None


# --- claimed, unverified ------------------------------------------------------------------


def test_unverified_claim_counts_only_towards_high() -> None:
    text = (
        "Eight soldiers were killed in the attack, the army said.\n"
        "The rebels claimed they killed 50 soldiers; the claim could not be independently verified."
    )
    result = run(text)
    claimed = [f for f in result.figures if f.low == 50]
    assert claimed
    assert all(f.unverified for f in claimed)
    assert (result.killed.low, result.killed.best) == (8, 8)
    assert result.killed.high == 50
    assert result.acled_fatalities == 8


def test_unverified_claim_does_not_taint_the_previous_sentence() -> None:
    text = (
        "The blast killed 5 people, police said. The rebels claimed they killed 30 soldiers in a "
        "separate raid; that number could not be independently verified."
    )
    (five,) = [f for f in run(text).figures if f.low == 5]
    assert not five.unverified


# --- victims by group -----------------------------------------------------------------------


def test_victims_by_group() -> None:
    text = "Two soldiers were killed in the ambush. Three villagers were also killed."
    result = run(text)
    assert result.killed.low == 5
    assert result.victims["security_forces"].to_dict() == {"low": 2, "best": 2, "high": 2}
    assert result.victims["civilians"].to_dict() == {"low": 3, "best": 3, "high": 3}
    d = result.to_dict()["victims"]
    assert d["children"] == {"low": None, "best": None, "high": None}


def test_contrasting_claim_in_the_same_sentence_is_a_range() -> None:
    text = (
        "Most outlets said six people were killed in the market fire, but a medical charity "
        "reported nine deaths."
    )
    low, _, high = killed(text)
    assert (low, high) == (6, 9)


def test_two_counts_in_one_sentence_without_a_contrast_still_add() -> None:
    assert killed("Six people were killed in the market and nine died at the depot.") == (15, 15, 15)


def test_vague_smaller_count_is_part_of_the_toll_not_a_rival_claim() -> None:
    text = (
        "At least nine civilians died in the shelling of the quarter. "
        "A number of members of the Haddad family were reported among those killed."
    )
    assert run(text).victims["civilians"].to_dict() == {"low": 9, "best": 9, "high": 9}


def test_deaths_in_the_plural_without_a_number_are_two_civilians_by_convention_only() -> None:
    result = run(
        "A shell hit a bakery in the camp at noon. A local page reported martyrs and wounded, "
        "but gave no names or numbers."
    )
    # a convention, labelled as such: never a figure, a victim count or the killed toll
    assert result.civilians_convention is not None
    assert result.civilians_convention.to_dict() == {"low": 2, "best": 2, "high": 2}
    assert "civilians" not in result.victims
    assert result.killed.is_empty()  # no number is stated: the killed toll stays empty
    assert all(f.low != 2 for f in result.figures)
    assert result.acled_basis != "stated"


def test_no_plural_convention_when_a_figure_is_stated_or_deaths_are_not_told() -> None:
    stated = run(
        "Three civilians were killed when a shell hit the bakery. Medics spoke of martyrs and wounded."
    )
    assert stated.victims["civilians"].low == 3 and stated.civilians_convention is None
    wounded = run("A shell hit a bakery in the camp; several were wounded.")
    assert "civilians" not in wounded.victims and wounded.civilians_convention is None


def test_plural_deaths_raise_the_high_of_a_single_victim() -> None:
    text = (
        "A drone strike killed one civilian, a baker, in the square. "
        "A neighbour wrote of martyrs and wounded."
    )
    result = run(text)
    assert result.victims["civilians"].to_dict() == {"low": 1, "best": 1, "high": 1}
    assert result.civilians_convention is not None
    assert result.civilians_convention.to_dict() == {"low": 1, "best": 1, "high": 2}


def test_vague_larger_count_is_a_higher_claim_not_more_dead() -> None:
    text = (
        "At least one civilian was killed by the drone strike on the square. "
        "A reporter at the scene wrote that a number of citizens died."
    )
    result = run(text)
    assert (result.killed.low, result.killed.high) == (1, 2)
    assert result.victims["civilians"].to_dict() == {"low": 1, "best": 1, "high": 2}


def test_bare_ceiling_above_a_stated_count_is_its_high_end() -> None:
    text = "Shelling killed 5 civilians in the camp, and up to 8 civilians may have died there."
    low, _, high = killed(text)
    assert (low, high) == (5, 8)


def test_claim_after_a_semicolon_in_the_same_sentence_is_a_rival() -> None:
    text = (
        "Volunteers named four children among the dead at the market; the district office "
        "put the toll at seven children."
    )
    result = run(text)
    assert (result.victims["children"].low, result.victims["children"].high) == (4, 7)


def test_vague_count_adds_no_one_beyond_a_stated_toll() -> None:
    text = "Three fishermen were killed when the boat was shelled. Residents said several people had died."
    assert killed(text) == (3, 3, 3)


def test_vague_count_of_others_after_a_fighters_toll_still_adds() -> None:
    text = (
        "Four soldiers were killed in the ambush on the convoy. Several villagers also died in the crossfire."
    )
    assert killed(text)[0] == 7


def test_smaller_count_in_the_reports_own_voice_is_part_of_the_toll() -> None:
    text = (
        "A barrage on the market killed at least 24 civilians on Sunday. "
        "Seven members of the Khatib family were also killed there."
    )
    assert killed(text)[0] == 24


def test_smaller_own_count_is_part_of_the_toll_in_either_order() -> None:
    toll = "A barrage on the market killed at least 24 civilians on Sunday."
    part = "Seven members of the Khatib family were killed there."
    assert killed(f"{toll} {part}")[0] == killed(f"{part} {toll}")[0] == 24


def test_running_total_of_a_war_does_not_add_or_rival() -> None:
    text = (
        "Four civilians were killed when the strike hit their car. "
        "A cousin wrote that 15 members of the clan had now been killed in the war."
    )
    assert killed(text) == (4, 4, 4)


def test_equal_general_count_after_a_breakdown_is_the_same_dead() -> None:
    text = (
        "A toddler and a teenage boy were killed by the shell. "
        "A medic wrote that two victims had been killed."
    )
    assert killed(text) == (2, 2, 2)


def test_larger_general_count_raises_the_civilian_high() -> None:
    text = (
        "At least three civilians died when a drone hit a bakery queue in the old town. "
        "A local radio station later put the number of deaths at five."
    )
    assert run(text).victims["civilians"].to_dict() == {"low": 3, "best": 3, "high": 5}


def test_general_count_naming_a_fighter_leaves_the_civilian_range() -> None:
    text = (
        "Two civilians died when a drone hit a farm track. "
        "A news site reported that four people were killed, one of them a militant commander."
    )
    assert run(text).victims["civilians"].to_dict() == {"low": 2, "best": 2, "high": 2}


def test_much_larger_general_count_is_a_wider_event() -> None:
    text = (
        "Two civilians died when a drone hit a farm track. "
        "Across the province that night, air raids caused the deaths of 40 people."
    )
    assert run(text).victims["civilians"].to_dict() == {"low": 2, "best": 2, "high": 2}


# --- ACLED -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "fatalities"),
    [
        ("At least 12 people were killed in the raid.", 12),
        ("More than 600 people were killed in the offensive.", 600),
        ("Dozens of people were killed in the attack.", 12),
        ("Hundreds of people were killed in the offensive.", 100),
        ("Between 12 and 19 people were killed in the clashes.", 12),
    ],
)
def test_acled_fatalities_is_the_conservative_stated_figure(sentence: str, fatalities: int) -> None:
    result = run(sentence)
    assert result.acled_fatalities == fatalities
    assert result.acled_basis == "stated"


def test_acled_coding_of_an_upper_bound_only() -> None:
    assert acled_coding(Estimate(None, 30, 30)) == (30, "stated")
    assert acled_coding(Estimate()) == (None, None)


# --- no invented numbers -------------------------------------------------------------------


def test_figures_never_carry_invented_numbers() -> None:
    text = (
        "At least 7 people were killed and up to 30 were injured. Dozens of people were hurt. "
        "Between 12 and 19 people were killed in a separate attack."
    )
    result = run(text)
    plain = [f for f in result.figures if not f.parts]
    assert len(plain) >= 4
    for f in plain:
        span = text[f.number_start : max(f.number_end, f.end)]
        stated = {v for q in find_quantities(span) for v in (q.low, q.high)}
        assert f.low is None or f.low in stated, (f.text, f.low)
        assert f.high is None or f.high in stated, (f.text, f.high)
    (up_to,) = [f for f in plain if f.qualifier == "at_most"]
    assert (up_to.low, up_to.high) == (None, 30)


def test_document_toll_on_no_figures() -> None:
    toll = document_toll([], "")
    assert toll.killed.is_empty()
    assert toll.acled_fatalities is None


# --- coders' remarks on how a toll was shared out -------------------------------


@pytest.mark.parametrize(
    ("text", "fatalities"),
    [
        ("Fighting in two hamlets left 9 dead (coded as 7 here and 2 for the other hamlet).", 7),
        ("A truck hit a mine on the track; the toll is unclear (coded at a low estimate of 3).", 3),
        ("Raids on four farms over a weekend caused 8 deaths (coded across 4 events).", 2),
        ("Twelve people were killed in the riots, which were split between 3 events.", 4),
    ],
)
def test_acled_coding_follows_the_coders_share(text: str, fatalities: int) -> None:
    result = run(text)
    assert result.acled_fatalities == fatalities
    assert result.acled_basis == "coder_note"


def test_coded_location_is_not_a_coded_toll() -> None:
    result = run("Five people were killed near the border (coded as Tarba at geoprecision 2).")
    assert result.acled_fatalities == 5
    assert result.acled_basis == "stated"


# --- dead beside those already counted -------------------------------------------


@pytest.mark.parametrize(
    ("text", "low"),
    [
        ("The ambush killed 3 guards. Another guard died of his wounds on Friday.", 4),
        ("Bandits killed 5 porters and wounded four others, two of whom later died.", 7),
        ("Troops said they killed 9 rebels; the rebels admitted 2 dead in their ranks.", 11),
        ("Gunmen killed 2 travellers on the road. A few hours later they shot 1 farmer dead.", 3),
        ("A ranger was shot dead at the gate, along with two other rangers.", 3),
        ("Three porters were killed in the ambush, as was one of the gunmen.", 4),
        ("A farmer was hacked to death along with a herder.", 2),
    ],
)
def test_dead_beside_those_already_counted_add(text: str, low: int) -> None:
    assert killed(text)[0] == low


def test_a_shared_object_makes_the_subject_no_victim() -> None:
    text = "A crowd of villagers near the market beat and killed two suspected thieves."
    assert killed(text)[0] == 2


@pytest.mark.parametrize(
    ("text", "low"),
    [
        ("Villagers lynched a man who had been arrested in May for killing 6 herders.", 1),
        ("A mob clubbed to death a herder they blamed for the murder of two boys.", 1),
        ("A trader was killed in the raid. The governor denied reports that 12 people were shot dead.", 1),
    ],
)
def test_a_suspects_past_crime_and_a_denied_report_add_nothing(text: str, low: int) -> None:
    assert killed(text)[0] == low


def test_a_suspect_killed_is_still_counted() -> None:
    assert killed("A man suspected of stealing a goat was lynched by residents.")[0] == 1


def test_a_second_group_after_an_including_subset_is_inside_the_total() -> None:
    text = "Nine people including five pupils and four guards were killed in the blast."
    assert killed(text)[0] == 9


def test_people_abducted_along_with_a_victim_found_dead_are_not_counted_dead() -> None:
    text = "The body of a headmaster who was abducted along with three other people was found near the road."
    assert killed(text)[0] == 1


@pytest.mark.parametrize(
    ("text", "low"),
    [
        (
            "Gunmen raided the market. One death was reported. Later the toll was raised from 1 to 3.",
            3,
        ),
        ("The death toll rose from 4 to 9 overnight.", 9),
    ],
)
def test_a_toll_raised_from_one_number_to_another_is_the_new_number(text: str, low: int) -> None:
    assert killed(text)[0] == low


def test_from_one_number_to_another_without_a_rise_is_a_range() -> None:
    assert killed("From 10 to 12 people were killed in the raid.")[:2] == (10, 11)


@pytest.mark.parametrize(
    ("text", "low"),
    [
        ("Two clans clashed over a well. One person from each side was killed.", 2),
        (
            "Twelve people were reportedly killed in the market. "
            "Residents blamed the killing of at least four on a gang.",
            12,
        ),
        ("Three suspected remnants of the Valley Hunters Group were on 12/05 lynched by villagers.", 3),
        (
            "Gunmen shot and killed a grade six pupil at the village school and his grandfather "
            "near the river.",
            2,
        ),
    ],
)
def test_each_side_a_partial_count_a_date_before_the_verb_and_a_list_across_a_place(
    text: str, low: int
) -> None:
    assert killed(text)[0] == low


def test_a_clause_after_the_dead_names_no_new_victim() -> None:
    text = "At least 9 people were killed in the strike. Most of the civilian dead were women and children."
    result = run(text)
    assert result.killed.low == 9
    assert "civilians" not in result.victims


def test_a_man_and_his_son_fit_inside_a_civilian_toll() -> None:
    text = "Six civilians were killed in the strike. A teacher was killed together with his son."
    assert killed(text)[0] == 6


def test_a_named_place_that_owns_something_is_no_victim() -> None:
    text = "Three civilians were killed near the Al-Amal Children's hospital on Monday."
    result = run(text)
    assert result.killed.low == 3
    assert "children" not in result.victims


def test_sons_and_daughters_are_relatives_not_children() -> None:
    text = "A shell killed a farmer, his wife and their two daughters in the village on Monday."
    assert "children" not in run(text).victims


def test_a_son_with_a_child_age_is_a_child() -> None:
    text = "A shell killed a farmer and his 6-year-old son in the village on Monday."
    assert run(text).victims["children"].low == 1
