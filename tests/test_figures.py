"""Casualty figures: measure, group, scope, source, spans, and what is not a figure.

Every sentence here is written for the test; none comes from a real report.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tollwatch.extract.figures import find_figures
from tollwatch.model import Document, Extraction, Figure
from tollwatch.pipeline import extract
from tollwatch.text.segment import segment

PUBLISHED = dt.date(2024, 5, 14)


def run(text: str) -> Extraction:
    return extract(Document("t", text, published=PUBLISHED))


def figures(text: str) -> list[Figure]:
    doc = Document("t", text, published=PUBLISHED)
    return find_figures(doc, segment(text))


def one(text: str) -> Figure:
    figs = figures(text)
    assert len(figs) == 1, [(f.measure, f.low, f.text) for f in figs]
    return figs[0]


def at(figs: list[Figure], number: str) -> list[Figure]:
    """Figures (list totals aside) whose number span reads ``number``."""
    return [
        f for f in figs if not f.parts and f.sentence[f.number_start - f.sentence_start :].startswith(number)
    ]


# --- measure ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "measure", "low"),
    [
        ("Six civilians were killed in the shelling of the market.", "killed", 6),
        ("Four people were injured in the stampede at the stadium.", "injured", 4),
        ("Police said the explosion wounded 20 passers-by.", "injured", 20),
        ("The blast caused 15 casualties, a hospital official said.", "casualties", 15),
        ("Eleven fishermen are missing after the boat was attacked.", "missing", 11),
        ("Gunmen kidnapped 23 students from the school dormitory.", "kidnapped", 23),
        ("Police detained 40 protesters in the capital on Friday.", "detained", 40),
        ("The fighting displaced 3,000 families from the valley.", "displaced", 3000),
    ],
)
def test_measure(sentence: str, measure: str, low: int) -> None:
    f = one(sentence)
    assert (f.measure, f.low) == (measure, low)


def test_casualties_are_never_counted_as_killed() -> None:
    result = run("The blast caused 15 casualties, a hospital official said.")
    assert result.killed.low is None
    assert result.killed.best is None
    assert result.acled_fatalities is None


def test_killed_and_wounded_in_one_sentence() -> None:
    figs = figures("Police said the explosion killed 9 people and wounded 20 others.")
    assert sorted((f.measure, f.low) for f in figs) == [("injured", 20), ("killed", 9)]


# --- group ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "group", "group_text"),
    [
        ("Eight people were killed when gunmen stopped the bus.", "people", "people"),
        ("Six civilians were killed in the shelling.", "civilians", "civilians"),
        ("Four children were killed when the shell hit the school.", "children", "children"),
        ("Three women were killed in the raid on the village.", "women", "women"),
        ("Two men were shot dead at the market.", "men", "men"),
        ("Five soldiers were killed in the ambush.", "security_forces", "soldiers"),
        ("Nine police officers were killed in the attack.", "security_forces", "police officers"),
        ("Twelve militants were killed in the operation.", "militants", "militants"),
    ],
)
def test_group_and_group_text(sentence: str, group: str, group_text: str) -> None:
    f = one(sentence)
    assert f.measure == "killed"
    assert f.group == group
    assert f.group_text == group_text


# --- scope --------------------------------------------------------------------------


def test_incident_scope() -> None:
    assert one("Five people were killed in the attack on Monday.").scope == "incident"


def test_cumulative_toll_since_a_month() -> None:
    f = one("Health officials said 35,000 people have been killed since October.")
    assert f.low == 35000
    assert f.scope == "cumulative"


def test_background_killing_in_a_protest_note() -> None:
    f = one("Residents protested in the town after a man was killed by police last week.")
    assert f.low == 1
    assert f.scope == "background"


def test_background_killing_protest_without_a_date() -> None:
    figs = figures("Hundreds of residents marched on the police station after a man was killed in custody.")
    assert not any(f.low == 100 for f in figs)
    assert all(f.scope == "background" for f in figs)


def test_killing_in_an_earlier_year_is_background() -> None:
    f = one("Militants killed three soldiers in the same town in 2019, officials said.")
    assert f.scope == "background"


# --- source ---------------------------------------------------------------------------


def test_source_according_to() -> None:
    f = one("According to the Red Crescent, 14 people were killed in the flooding of the camp.")
    assert f.source == "Red Crescent"


@pytest.mark.parametrize(
    ("sentence", "source"),
    [
        ("Eight soldiers were killed in the attack, police said.", "police"),
        ("Eight soldiers were killed in the attack, Colonel Amadou Keita said.", "Colonel Amadou Keita"),
        ("The Northern Rights Monitor said 40 fighters were killed.", "Northern Rights Monitor"),
    ],
)
def test_source_said(sentence: str, source: str) -> None:
    assert one(sentence).source == source


def test_source_according_to_a_lowercase_name() -> None:
    f = one("According to the monitoring group, 40 fighters were killed in the clashes.")
    assert f.source is not None
    assert "monitoring group" in f.source


def test_source_said_after_with_a_modifier() -> None:
    f = one("Eight people were killed in the attack, the provincial governor said.")
    assert f.source is not None
    assert "governor" in f.source


def test_no_source_when_none_is_named() -> None:
    assert one("Eight people were killed when gunmen stopped the bus.").source is None


def test_additionally_continues_the_previous_source() -> None:
    figs = figures(
        "According to the Northern Rights Monitor, 40 fighters were killed in the clashes. "
        "Additionally, 12 civilians died in the shelling."
    )
    assert [(f.low, f.source) for f in figs] == [
        (40, "Northern Rights Monitor"),
        (12, "Northern Rights Monitor"),
    ]


def test_additionally_does_not_cross_a_paragraph() -> None:
    figs = figures(
        "According to the Northern Rights Monitor, 40 fighters were killed in the clashes.\n"
        "Additionally, 12 civilians died in the shelling."
    )
    assert [(f.low, f.source) for f in figs] == [(40, "Northern Rights Monitor"), (12, None)]


def test_without_a_continuation_word_the_source_is_not_inherited() -> None:
    figs = figures(
        "According to the Northern Rights Monitor, 40 fighters were killed in the clashes. "
        "Separately, 12 civilians died in the shelling."
    )
    assert [(f.low, f.source) for f in figs] == [(40, "Northern Rights Monitor"), (12, None)]


# --- text and spans --------------------------------------------------------------------


SPAN_REPORT = (
    "Market Bombing Kills 12\n"
    "Twelve people were killed when a bomb exploded at a busy market on Monday, police said. "
    "At least 30 others were injured.\n"
    "In a separate attack, gunmen shot dead a farmer and his son in a nearby village."
)


def test_figure_text_is_the_document_slice() -> None:
    figs = figures(SPAN_REPORT)
    assert figs
    for f in figs:
        assert SPAN_REPORT[f.start : f.end] == f.text
        assert f.start <= f.number_start <= f.number_end <= f.end
        assert SPAN_REPORT[f.sentence_start : f.sentence_start + len(f.sentence)] == f.sentence
        for m in f.mentions:
            assert SPAN_REPORT[m.start : m.end] == m.text


def test_figure_text_covers_number_and_casualty_word() -> None:
    f = one("At least 7 people were killed in the blast.")
    assert f.text == "At least 7 people were killed"


def test_to_dict_contract() -> None:
    d = one("At least 7 people were killed in the blast.").to_dict()
    for key in (
        "id", "measure", "low", "best", "high", "qualifier", "group", "group_text", "scope",
        "text", "start", "end", "mentions", "sentence", "source", "subset_of", "revises",
        "confidence", "parts", "part_of",
    ):  # fmt: skip
        assert key in d


# --- confidence ------------------------------------------------------------------------


def test_confidence_is_a_probability() -> None:
    for f in figures(SPAN_REPORT + " Dozens of people were hurt. Hundreds of homes were burnt."):
        assert 0.0 <= f.confidence <= 1.0


def test_vague_figure_is_less_confident_than_a_stated_one() -> None:
    vague = one("Dozens of people were killed in the raid.")
    exact = one("Twelve people were killed in the raid.")
    assert vague.confidence < exact.confidence


# --- subsets ----------------------------------------------------------------------------


def test_including_children_and_women_are_subsets() -> None:
    figs = figures(
        "At least 27 victims of the massacre were buried in the village, "
        "including eight children and five women."
    )
    (whole,) = at(figs, "At least 27")
    (children,) = at(figs, "eight")
    (women,) = at(figs, "five")
    assert whole.subset_of is None
    assert (children.group, children.low, children.subset_of) == ("children", 8, whole.id)
    assert (women.group, women.low, women.subset_of) == ("women", 5, whole.id)


def test_among_them_is_a_subset() -> None:
    figs = figures("Twenty people were killed in the raid, among them six children.")
    (whole,) = at(figs, "Twenty")
    (children,) = at(figs, "six")
    assert children.subset_of == whole.id


def test_among_the_dead_in_the_next_sentence_is_a_subset() -> None:
    figs = figures("Twenty people were killed in the raid. Among the dead were six children.")
    (whole,) = at(figs, "Twenty")
    (children,) = at(figs, "six")
    assert (children.group, children.subset_of) == ("children", whole.id)


# --- revisions ---------------------------------------------------------------------------


def test_risen_toll_revises_the_initial_one() -> None:
    figs = figures(
        "The death toll was initially reported at more than 200. The toll has now risen to over 350."
    )
    (initial,) = at(figs, "more than 200")
    (later,) = at(figs, "over 350")
    assert later.revises == initial.id
    assert initial.revises is None


def test_revision_within_one_sentence() -> None:
    figs = figures("At first the toll was put at more than 200, but by evening it had climbed to over 350.")
    (initial,) = at(figs, "more than 200")
    (later,) = at(figs, "over 350")
    assert later.revises == initial.id


# --- repeated mentions -------------------------------------------------------------------


def test_repeated_claim_is_one_figure_with_mentions() -> None:
    text = (
        "Fifteen people were killed when a bomb went off at the bus station.\n"
        "Police confirmed that 15 people were killed in the bombing."
    )
    figs = [f for f in figures(text) if f.measure == "killed"]
    assert len(figs) == 1
    (f,) = figs
    assert f.low == 15
    assert len(f.mentions) == 1
    assert f.mentions[0].text.startswith("15 people")


def test_headline_and_lead_are_one_figure() -> None:
    figs = [f for f in figures(SPAN_REPORT) if f.measure == "killed" and f.low == 12]
    assert len(figs) == 1
    assert len(figs[0].mentions) >= 1


# --- enumerations -----------------------------------------------------------------------------


def test_enumeration_gets_a_total_with_parts() -> None:
    figs = figures(
        "3 commandos, 7 soldiers, 4 police officers and 11 Taliban militants were killed in the fighting."
    )
    totals = [f for f in figs if f.parts]
    assert len(totals) == 1
    (total,) = totals
    assert (total.measure, total.low, total.best) == ("killed", 25, 25)
    parts = [f for f in figs if f.part_of == total.id]
    assert sorted(p.id for p in parts) == sorted(total.parts)
    assert sorted((p.low, p.group) for p in parts) == [
        (3, "security_forces"),
        (4, "security_forces"),
        (7, "security_forces"),
        (11, "militants"),
    ]


def test_enumeration_total_counts_once_in_the_toll() -> None:
    result = run(
        "3 commandos, 7 soldiers, 4 police officers and 11 Taliban militants were killed in the fighting."
    )
    assert result.killed.low == 25
    assert result.killed.best == 25


# --- not casualty figures ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "forbidden"),
    [
        ("The war began 14 years ago and has killed many.", "14"),
        ("A 35-year-old man was killed in the attack.", "35"),
        ("The bomb exploded at 3 pm, killing two people.", "3"),
        ("The attackers fled 10 km into the forest after killing two guards.", "10"),
        ("Five people were killed on 12 March in the raid.", "12"),
        ("Three people were killed and the raiders burnt 20 houses.", "20"),
        ("Bandits killed 40 cattle and injured two herders.", "40"),
        ("The victim, a father of four, was shot dead by gunmen.", "four"),
        (
            "Two soldiers killed in the ambush were buried on Sunday, with dozens attending the service.",
            "dozens",
        ),
        ("Dozens of mourners attended the funeral of the two soldiers killed in the ambush.", "Dozens"),
        ("The government came to power three months ago and gunmen killed two guards.", "three"),
    ],
)
def test_not_a_casualty_figure(sentence: str, forbidden: str) -> None:
    figs = figures(sentence)
    assert at(figs, forbidden) == [], [(f.low, f.text) for f in at(figs, forbidden)]


def test_funeral_mourners_are_not_victims() -> None:
    figs = figures("Dozens attended the funeral of the slain teacher.")
    assert at(figs, "Dozens") == []


def test_things_do_not_make_a_toll() -> None:
    result = run("Bandits killed 40 cattle and burnt 20 houses in the village.")
    assert result.killed.low is None
    assert result.killed.best is None


def test_age_of_a_victim_is_not_a_count() -> None:
    result = run("A 35-year-old man was killed in the attack.")
    assert (result.killed.low, result.killed.best) == (1, 1)


# --- language --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "Le bilan est de 12 morts et 30 blessés selon la police, qui a ouvert une enquête sur "
            "les circonstances de l'attaque dans la ville.",
            "fr",
        ),
        (
            "Die Polizei sagte, dass bei dem Anschlag in der Stadt zwölf Menschen getötet und viele "
            "weitere verletzt wurden, und die Ermittlungen dauern an.",
            "de",
        ),
    ],
)
def test_non_english_is_flagged_and_not_read(text: str, language: str) -> None:
    result = run(text)
    assert result.language == language
    assert result.language != "en"
    assert result.figures == []
    assert result.killed.low is None
    assert result.warnings


def test_a_short_note_naming_spanish_looking_places_is_read_as_english() -> None:
    result = run("Gunmen raided El Paso de la Cruz. 3 people died.")
    assert result.language == "en"
    assert result.killed.low == 3


def test_english_is_read() -> None:
    result = run("Eight people were killed when gunmen stopped the bus, the police said on Monday.")
    assert result.language == "en"
    assert result.killed.low == 8


# --- killing verbs and victims that short notes use -------------------------------


@pytest.mark.parametrize(
    ("text", "killed_low"),
    [
        ("A trader went missing on Sunday. Her body was found in a well two days later.", 1),
        ("Villagers caught the burglar and stoned him to death.", 1),
        ("The crowd seized the suspect and burnt him alive.", 1),
        ("Raiders seized a headman on the road. He was tortured to death later.", 1),
        ("Herders beat to death the governor's cook during a quarrel over grazing.", 1),
        ("Raiders killed a healer and his son near the well.", 2),
        ("Three clerks of the council were shot, hacked and decapitated by a gang.", 3),
        ("Residents of the estate set alight 3 suspected burglars caught at night.", 3),
        ("Two rangers were ambushed and set ablaze on the park road.", 2),
        ("A herder riding a motorbike was killed by a roadside bomb.", 1),
    ],
)
def test_killing_words_of_short_notes(text: str, killed_low: int) -> None:
    assert run(text).killed.low == killed_low


@pytest.mark.parametrize(
    "text",
    [
        "Hundreds of traders rioted and set ablaze a lorry after it hit a child's bicycle.",
        "Two shops were set ablaze as hundreds of angry students marched through the town.",
        "A scooter belonging to a local nurse was set ablaze overnight.",
        "A retired judge's house was set ablaze by unknown people.",
        "Six are hurt when youths protesting a robbery and murder fight running battles with police.",
    ],
)
def test_no_death_where_things_burn_or_the_killing_is_the_protests_cause(text: str) -> None:
    assert run(text).killed.low is None


def test_body_a_protest_is_about_is_background() -> None:
    text = "Traders blocked the highway after the body of a driver was found near the market."
    result = run(text)
    assert [f.scope for f in result.figures if f.measure == "killed"] == ["background"]
    assert result.killed.low is None


def test_bodies_counted_after_a_clash_stay_in_the_toll() -> None:
    text = "Rioters fought police in the slum. Witnesses saw 3 bodies carried away from the scene."
    assert run(text).killed.low == 3


def test_a_killing_word_before_the_victims_noun_describes_them() -> None:
    result = run("The remains of a beheaded boy were found under the rubble.")
    assert result.killed.low == 1
    assert result.victims["children"].low == 1


def test_a_funeral_for_a_slain_victim_is_no_new_death() -> None:
    assert run("Mourners carried the coffin of a slain teacher to the church on Sunday.").killed.low is None


@pytest.mark.parametrize(
    ("text", "killed_low"),
    [
        ("Early on Friday, a herder, thought to be one of the gang, was killed by a mine he was laying.", 1),
        ("A chief who went missing on Monday was found dead near the river the next day.", 1),
        ("A convict freed on parole is lynched in the market.", 1),
        ("A father of six is killed by raiders in the valley.", 1),
        (
            "12 rangers from the park post in the district, on a night patrol along the river, "
            "died as a mine exploded.",
            12,
        ),
        ("Village chief of Loru abducted and executed by armed men.", 1),
        ("Health worker assassinated at night in the hamlet.", 1),
        ("Vendors stoned a youth accused of robbery to death near the stalls.", 1),
        ("Angry youths set a suspected thief alight.", 1),
        ("A crowd lynches and burns a suspected thief near the station.", 1),
        ("The army claims to kill four rebels after an ambush.", 4),
        ("The girl was struck by a falling rock, leading to her death on Sunday.", 1),
        ("Between the 3rd and 4th of Oct. two people killed in a feud.", 2),
        ("A nurse was abducted on Monday. The nurse's body was later found in a ditch.", 1),
    ],
)
def test_victims_behind_long_subjects_and_split_verbs(text: str, killed_low: int) -> None:
    assert run(text).killed.low == killed_low


def test_a_murder_suspect_the_mob_lynched_is_one_death() -> None:
    assert run("Vigilantes seized a robbery suspect who the crowd lynched to death.").killed.low == 1


@pytest.mark.parametrize(
    ("text", "killed_low"),
    [
        ("Villagers beat to death two suspected cattle rustlers near the river.", 2),
        ("A mob lynched an off-duty soldier in the town. The victim was killed.", 1),
        ("Fighting between two rival clans left 7 people killed in the valley.", 7),
        ("The chief of Bolu (near the river) was shot dead at a festival.", 1),
        ("In a quarrel over the new imam, two people were killed.", 2),
        ("Raiders shot dead a policeman and a court interpreter near the depot.", 2),
    ],
)
def test_definite_victims_and_the_nearer_number(text: str, killed_low: int) -> None:
    assert run(text).killed.low == killed_low


@pytest.mark.parametrize(
    "text",
    [
        "Robbers killed a guard dog at the gate of the farm.",
        "Bailiffs executed a court warrant at the farm on Monday.",
        "Kin marched over the herder whom officers clubbed to death some weeks before.",
        "The preacher warned that a minister could die this year.",
        "Residents accused the police of murdering the trader.",
        "Mourners placed the coffin of a person who died in a crash on the road.",
    ],
)
def test_no_new_death_in_animals_warrants_threats_and_accusations(text: str) -> None:
    assert run(text).killed.low is None


@pytest.mark.parametrize(
    "text",
    [
        "A crowd beat up a man who had allegedly killed his uncle in the village.",
        "The chief said four patients had died at the clinic in the previous month owing to neglect.",
        "Students rallied for a widow whom a judge had sentenced to death over her spouse's murder.",
        "Pupils staged a protest after their teacher was knocked down and killed by a lorry.",
        "Traders storm the council offices after gunmen kill a watchman and a cook.",
        "The day after robbers shot and killed a pastor, residents blocked roads in protest.",
        "Nurses marched to demand justice for a colleague. The colleague was stabbed to death last month.",
        "Pupils protested the killing of a student by a mob. The student was lynched by mistake.",
    ],
)
def test_deaths_behind_a_protest_or_before_the_event_are_background(text: str) -> None:
    assert run(text).killed.low is None


def test_the_killing_of_a_person_is_one_death() -> None:
    assert run("Police are investigating the killing of a trader near the well.").killed.low == 1


@pytest.mark.parametrize(
    "text",
    [
        "Residents burned tyres in protest to the killing of a rider by a policeman.",
        "Following an alleged murder of a farmer last spring, villagers burned the suspects' huts.",
        "Drivers protested, saying a gang was behind the recent murder of a conductor.",
    ],
)
def test_a_killing_named_as_the_cause_is_background(text: str) -> None:
    assert run(text).killed.low is None


@pytest.mark.parametrize(
    ("text", "killed_low"),
    [
        ("Soldiers shot dead a suspected but unarmed herder near the well.", 1),
        ("Bandits killed and robbed a merchant on the road to the market.", 1),
        ("Vigilantes beat a presumed goat thief to death near the mine.", 1),
        ("A healer was hung near the village after a quarrel.", 1),
        ("Rebels abducted, executed, and mutilated a ranger near the border.", 1),
        ("Rebels slit the throats of two shepherds in the hills.", 2),
        ("A suspected thief caught by vigilantes was reportedly shot dead by police.", 1),
        ("At least nine were tortured and then summarily executed in the camp.", 9),
        ("Three herders from a camp [near the border] were killed by a mine.", 3),
        ("A ranger went missing and was found murdered three days later.", 1),
        ("Raiders hit the post, at least four soldiers and policemen killed.", 4),
        ("Troops arrested six men in the market, their corpses were later found near a well.", 6),
        ("Rebels executed a man who was searching for his son whom they had earlier abducted.", 1),
        ("A trader was abducted at night and was later found hanged.", 1),
    ],
)
def test_victims_of_coordinated_and_hedged_killings(text: str, killed_low: int) -> None:
    assert run(text).killed.low == killed_low


def test_a_denied_report_of_a_death_is_no_toll() -> None:
    text = "Rebels abducted a priest in the north. The church denied reports that he was found dead."
    assert run(text).killed.low is None


def test_a_recent_death_under_investigation_is_background() -> None:
    assert run("Police were looking into the recent death of a presumed thief.").killed.low is None


@pytest.mark.parametrize(
    ("text", "killed_low"),
    [
        ("A man, said to be a member of the gang, was killed by a bomb he was carrying.", 1),
        ("Man found killed, throat slit, in a field near the river.", 1),
        ("Former district mayor was crushed to death during the riot.", 1),
        ("A prisoner freed on a pardon is lynched in the market.", 1),
        ("Raiders attacked the quarry, killing three 'non-local' stone workers.", 3),
        ("A senior councillor of the county (a known critic) was shot dead along with two guards.", 3),
    ],
)
def test_asides_quotes_and_bare_subjects(text: str, killed_low: int) -> None:
    assert run(text).killed.low == killed_low


def test_a_pronoun_after_a_recalled_massacre_is_a_new_death() -> None:
    text = (
        "Police shot dead a wanted gang member. He was behind a raid that claimed the lives of 40 people "
        "in 2014. He was shot dead at his hideout."
    )
    assert run(text).killed.low == 1


@pytest.mark.parametrize(
    ("text", "killed_low"),
    [
        ("Gunmen killed a councillor of the town and his driver heading home from the market.", 2),
        ("Attackers hacked to death a village chief and his assistant in the office.", 2),
        ("Late on Sunday, a farmer and his 9-year-old son were killed by raiders near the well.", 2),
        ("Soldiers executed four men in the market and five others at a farm nearby.", 9),
        ("Troops executed ten villagers including members of a herding clan and three traders.", 10),
    ],
)
def test_later_items_of_a_list_share_the_killing(text: str, killed_low: int) -> None:
    assert run(text).killed.low == killed_low


@pytest.mark.parametrize(
    ("text", "killed_low"),
    [
        ("Clans fought over a well in the valley.Four people died in the fighting.", 4),
        ("A herder was shot with arrows, and his corpse mutilated, by raiders at night.", 1),
        ("Early on Monday, a major of the National Defence Forces was ambushed and killed by gunmen.", 1),
    ],
)
def test_run_on_sentences_corpses_and_officers(text: str, killed_low: int) -> None:
    assert run(text).killed.low == killed_low


def test_a_decimal_is_still_no_count() -> None:
    assert run("The blast left a crater 2.5 metres deep and killed 4 people.").killed.low == 4


@pytest.mark.parametrize(
    "text",
    [
        "Riders burned a lorry after its driver lost control and killed a hawker on the road.",
        "Villagers torched a bus that had collided with a cart in a traffic accident, killing two people.",
        "Mourners protested the death of a vendor (separately coded) outside the station.",
    ],
)
def test_road_crashes_and_deaths_coded_elsewhere_are_background(text: str) -> None:
    assert run(text).killed.low is None


def test_police_who_accidentally_shot_a_rider_killed_him() -> None:
    assert run("Officers breaking up the crowd mistakenly shot and killed a cyclist.").killed.low == 1


def test_a_man_shot_down_at_a_gate_is_dead() -> None:
    assert run("An unknown man was shot down at the gate of the barracks.").killed.low == 1


def test_the_whole_a_partitive_count_is_taken_from_is_no_figure() -> None:
    figs = figures("The shelling killed a shepherd and three of his seven sons near the well.")
    lows = {f.low for f in figs if f.measure == "killed"}
    assert 3 in lows
    assert 7 not in lows


def test_verb_after_a_long_breakdown_aside_is_found() -> None:
    figs = figures(
        "At dawn, between 9 and 11 members of the Saleh clan, including three mothers and four of their "
        "small sons and a newborn girl born that very week, were reportedly killed in the strike."
    )
    whole = [f for f in figs if f.low == 9]
    assert whole and (whole[0].measure, whole[0].high) == ("killed", 11)


def test_verb_after_a_dash_aside_is_found() -> None:
    figs = figures(
        "At least 12 villagers from two hamlets of the valley – including four women, five children and "
        "a doctor (one of whom had just arrived) – were reportedly killed in the raid."
    )
    whole = [f for f in figs if f.low == 12]
    assert whole and whole[0].measure == "killed"


def test_verb_after_two_asides_in_a_row_is_found() -> None:
    figs = figures(
        "At least 9 people, including two boys and three women, one of whom was a nurse, were killed "
        "and 6 others were hurt."
    )
    nine = [f for f in figs if f.low == 9]
    assert nine and nine[0].measure == "killed"


def test_generations_are_not_people() -> None:
    figs = figures("Relatives from three generations of the Nasser household were killed in the shelling.")
    assert [f.low for f in figs if f.measure == "killed"] == []


def test_age_after_a_name_with_a_lowercase_particle_is_no_figure() -> None:
    figs = figures(
        "Relatives named two of the dead: Samir Khalil al-Hout , 58, and his wife, "
        "50-year-old Huda, were both killed."
    )
    assert 58 not in {f.low for f in figs}


def test_a_toll_told_only_after_injuries_counts_the_injured() -> None:
    figs = figures("Medics counted fewer injuries by evening, putting the toll at nine.")
    (nine,) = [f for f in figs if f.low == 9]
    assert nine.measure == "injured"


def test_a_toll_after_deaths_and_injuries_is_still_the_dead() -> None:
    figs = figures("The blast killed 4 and wounded 6, raising the toll to 5 by night.")
    assert [f.measure for f in figs if f.low == 5] == ["killed"]


@pytest.mark.parametrize(
    "text",
    [
        "Police said Dana Reyes, 9, died of a gunshot wound on Friday.",
        "He was rushed to a children's hospital, where he was pronounced dead.",
        "The farmer later passed away at a trauma center, the sheriff said.",
        "She passed away two days later.",
    ],
)
def test_one_death_without_a_number(text: str) -> None:
    assert run(text).killed.to_dict() == {"low": 1, "best": 1, "high": 1}


def test_a_named_death_and_its_pronoun_are_one_person() -> None:
    text = (
        "Police said Dana Reyes, 9, died of a gunshot wound on Friday. "
        "She was flown to a trauma unit, where she was pronounced dead."
    )
    assert run(text).killed.best == 1


def test_an_injured_man_who_later_passed_away_is_killed() -> None:
    result = run("A hunter accidentally shot himself in the leg. The man later passed away in hospital.")
    assert result.killed.best == 1


@pytest.mark.parametrize(
    "text",
    [
        "She dialed 911, hung up, and waited on the steps.",
        "A 911 dispatcher said the caller sounded calm.",
        "The boy's aunt told NBC 6 on Monday that he was brave.",
    ],
)
def test_phone_lines_and_channels_are_not_people(text: str) -> None:
    assert run(text).figures == []


def test_a_lead_printed_twice_is_one_claim() -> None:
    lead = "A 9-year-old boy died Friday night after a shooting inside his home in Dalton."
    result = run(f"{lead}\n\n{lead}")
    assert result.killed.best == 1
    (fig,) = result.figures
    assert len(fig.mentions) == 1


def test_a_relative_with_a_verb_of_their_own_is_not_a_casualty() -> None:
    text = "A 9-year-old boy died Friday night and his father remains in the hospital after the shooting."
    assert run(text).killed.best == 1
    assert run("A boy was killed and his father was wounded.").injured.best == 1


@pytest.mark.parametrize(
    "text",
    [
        "Over the weekend, two pupils have died in separate gun-related incidents, the district said.",
        "Marsh became the second of three young men shot dead in the county that weekend.",
    ],
)
def test_a_round_up_of_separate_incidents_is_no_incident_toll(text: str) -> None:
    result = run(text)
    assert [f.scope for f in result.figures] == ["cumulative"] and result.killed.best is None


def test_killing_all_of_a_count() -> None:
    assert run("Gunmen opened fire on a minibus, killing all five passengers.").killed.best == 5
    result = run("The gunman shot four people at the gate, killing all four.")
    assert (result.killed.best, result.injured.best) == (4, None)


def test_a_subject_who_fatally_shot_others_is_not_a_victim() -> None:
    result = run(
        "A father fatally shot his two small boys and later turned the rifle on himself, deputies said."
    )
    victims = [f for f in result.figures if not f.perpetrator]
    assert [(f.low, f.group) for f in victims] == [(2, "children")]
    assert run("A teenager was fatally shot on Friday night.").killed.best == 1


def test_a_yearly_average_is_no_incident_toll() -> None:
    result = run("Every year, roughly a dozen minors in the state die from unintentional shootings.")
    assert [f.scope for f in result.figures] == ["cumulative"] and result.killed.best is None


def test_gallery_caption_counters_are_not_people() -> None:
    result = run("2 of 8 A boy was shot in the leg at a park on Sunday.")
    assert [(f.measure, f.low) for f in result.figures] == [("injured", 1)]
    assert run("Police said 3 of 8 people were killed.").killed.best == 3


@pytest.mark.parametrize(
    "text",
    [
        "Maria Lopez, who lives a few doors down, heard the shots.",
        "Pictured: Sam, 12 (left) and Ella, 9 (front) at a birthday party last year.",
    ],
)
def test_distances_and_caption_ages_are_not_people(text: str) -> None:
    assert run(text).figures == []


def test_the_owner_of_a_gun_is_not_a_casualty() -> None:
    result = run("Police said one hunter's rifle discharged, fatally injuring a teenager.")
    assert [(f.measure, f.low, f.text) for f in result.figures] == [
        ("killed", 1, "fatally injuring a teenager")
    ]


def test_a_killer_who_died_is_among_the_bodies_counted() -> None:
    text = "Two students were found dead inside a house in what police called a murder-suicide."
    assert run(text).killed.best == 2
    text = "Deputies said a father killed his two daughters and then himself in a murder-suicide at the farm."
    assert run(text).killed.best == 3


def test_a_family_of_n_is_n_people_and_a_family_is_no_count() -> None:
    assert run("A family of four was killed when a shell hit their house.").killed.best == 4
    assert run("A family was killed in the strike.").figures == []


def test_a_murder_suicide_told_before_the_bodies_is_not_one_more() -> None:
    text = "Police are calling it a murder-suicide. One man and two children were found dead in the house."
    assert run(text).killed.best == 3


def test_his_sons_is_no_count_of_one() -> None:
    assert run("Deputies said he shot and killed his sons at the house.").figures == []
    assert run("Gunmen killed his brother on Friday.").killed.best == 1


@pytest.mark.parametrize(
    "text",
    [
        "Gunmen killed the women at the market.",
        "The gunman killed the children in the classroom.",
        "Soldiers shot dead the men near the river.",
    ],
)
def test_plurals_without_an_s_are_not_one_person(text: str) -> None:
    assert run(text).figures == []


def test_the_bodies_of_the_family_hold_the_killer_but_children_do_not() -> None:
    lead = "Deputies are calling it a murder-suicide. "
    assert run(lead + "They found the bodies of a man and two children in the kitchen.").killed.best == 3
    assert run(lead + "They found a man and his two children dead in the kitchen.").killed.best == 3


def test_a_death_a_year_and_a_half_ago_is_background() -> None:
    result = run("A year and a half ago a 12-year-old girl was killed in crossfire on the same block.")
    assert [f.scope for f in result.figures] == ["background"] and result.killed.best is None


@pytest.mark.parametrize(
    "sentence",
    [
        "A neighbour said two of the killed victims were girls.",
        "A neighbour said two of the dead people were girls.",
        "A neighbour said two of those killed were girls.",
    ],
)
def test_the_group_after_of_the_killed_victims_were(sentence: str) -> None:
    f = one(sentence)
    assert (f.group, f.low) == ("children", 2)
