"""Geoparsing fallbacks: institutions named after towns, parentheticals after kind words or
org-like names, violence at a funeral, the country as a last resort, area seats (own sentences)."""

from __future__ import annotations

import datetime as dt

from tollwatch.geo.gazetteer import get_gazetteer, haversine_km
from tollwatch.geo.places import find_places, funeral_is_scene, main_location
from tollwatch.model import Document, Place, Sentence
from tollwatch.pipeline import extract


def places(text: str) -> list[Place]:
    return find_places(Document(id="t", text=text), [Sentence(0, len(text), text)])


def by_text(found: list[Place], text: str) -> Place:
    for p in found:
        if p.text == text:
            return p
    raise AssertionError(f"{text!r} not found in {[p.text for p in found]}")


def test_a_school_named_after_its_town_places_the_story() -> None:
    found = places("Pupils of Bungoma High School marched through the streets over a fee increase.")
    p = by_text(found, "Bungoma")
    assert p.country == "KE" and p.basis == "institution"
    loc = main_location(found)
    assert loc is not None and loc.text == "Bungoma"


def test_a_town_the_text_names_beats_the_town_an_institution_is_named_after() -> None:
    found = places("Students of Bungoma High School clashed with police in Kakamega on Monday.")
    loc = main_location(found)
    assert loc is not None and loc.text == "Kakamega"


def test_an_institution_is_not_preferred_in_a_us_story() -> None:
    out = extract(
        Document(id="t", text="A gunman opened fire at Columbia University in New York, killing two.")
    )
    assert out.location is not None and out.location.name == "New York"


def test_parenthetical_after_a_capitalised_kind_word() -> None:
    found = places("Herders raided Kakuma Refugee Camp (Turkana West, Turkana) at dawn, killing one.")
    loc = main_location(found)
    assert loc is not None and loc.country == "KE" and loc.lat is not None
    assert by_text(found, "Turkana").country == "KE"


def test_parenthetical_after_a_name_ending_like_an_organisation() -> None:
    found = places("Bandits ambushed a lorry near Archers Post (Samburu East, Samburu) on Monday.")
    p = by_text(found, "Archers Post")
    assert p.country == "KE" and p.basis == "parenthetical"


def test_violence_at_a_funeral_happens_where_the_funeral_is() -> None:
    assert funeral_is_scene("a retired teacher was killed by a mob at a funeral in kisii county.")
    assert funeral_is_scene("mourners set fire to a shop after the burial.")
    assert not funeral_is_scene(
        "mourners gathered at a funeral in riverton for six soldiers killed in a clash."
    )
    found = places("On 3 May 2021, a retired teacher was killed by a mob at a funeral in Kisii county.")
    assert by_text(found, "Kisii").role == "event"
    assert main_location(found) is not None


def test_only_a_funeral_place_still_gives_the_country() -> None:
    text = "Mourners gathered at a funeral in Kisii for six soldiers killed in a clash with rebels."
    out = extract(Document(id="t", text=text, published=dt.date(2021, 5, 3)))
    assert by_text(out.places, "Kisii").role == "funeral"
    loc = out.location
    assert loc is not None and loc.country == "KE" and loc.basis == "country" and loc.name != "Kisii"


def test_a_destination_alone_gives_no_country() -> None:
    text = "Dozens of families fled to Kenya after the attack."
    out = extract(Document(id="t", text=text, published=dt.date(2021, 5, 3)))
    assert out.location is None or out.location.country != "KE" or out.location.basis != "country"


def test_a_county_point_is_its_namesake_town() -> None:
    g = get_gazetteer()
    county = next(e for e in g.search("Narok", "KE") if e.feature_code == "ADM1")
    town = next(e for e in g.search("Narok", "KE") if e.feature_code.startswith("PPL"))
    assert haversine_km(county.lat, county.lon, town.lat, town.lon) < 1.0


def test_x_county_prefers_a_country_that_has_counties() -> None:
    found = places("On 7 October 2019, a priest was abducted and killed in Embu County by unknown men.")
    assert by_text(found, "Embu").country == "KE"
    found = places("Gunmen shot two men in Orange County on Friday.")
    assert by_text(found, "Orange").country == "US"


def test_an_alternate_spelling_of_a_town_abroad_is_no_reading_in_another_country() -> None:
    found = places("Koglweogo fighters clashed with militants in Burkina Faso near Pensa, killing four.")
    assert all(p.country != "RU" for p in found)
    loc = main_location(found)
    assert loc is not None and loc.country == "BF"


def test_a_demonym_alone_gives_the_country() -> None:
    out = extract(Document(id="t", text="A Kenyan police officer shot a trader dead on Monday."))
    assert out.location is not None and out.location.country == "KE"


def test_parenthetical_after_a_direction_word() -> None:
    text = (
        "Hundreds marched against the bombing of Gaza after prayers in Nairobi central "
        "(Starehe, Nairobi) on Friday."
    )
    loc = main_location(places(text))
    assert loc is not None and loc.country == "KE"


def test_a_town_named_in_the_event_beats_a_province_only_fallback() -> None:
    loc = main_location(places("Raiders killed three women near Kapedo in Tiaty, Baringo county."))
    assert loc is not None and loc.name == "Kapedo"


def test_an_article_written_joined_to_the_name() -> None:
    found = places(
        "On Monday, militants attacked a convoy near Elwak (Mandera county), killing five soldiers."
    )
    p = by_text(found, "Elwak")
    assert p.name == "El Wak" and p.country == "KE"


def test_a_town_far_inside_a_large_county_stays_resolved() -> None:
    found = places("Gunmen killed one herder and stole cattle in Sololo, Marsabit County, on Monday.")
    assert by_text(found, "Sololo").name == "Sololo"


def test_a_name_starting_like_an_article_is_not_split() -> None:
    found = places("Police raided a clinic in Alajo near Accra on Monday.")
    assert all(p.country != "US" for p in found)


def test_the_place_an_office_belongs_to_places_the_story() -> None:
    found = places("Arsonists burned the office of the Homa Bay Governor late on Friday.")
    p = by_text(found, "Homa Bay")
    assert p.country == "KE" and p.basis == "institution"
    loc = main_location(found)
    assert loc is not None and loc.text == "Homa Bay"


def test_an_office_holders_party_is_no_admin_parenthetical() -> None:
    text = "Kapsaret MP (Jubilee), traders and youths marched in Eldoret town (Ainabkoi, Uasin Gishu)."
    loc = main_location(places(text))
    assert loc is not None and loc.name == "Eldoret"


def test_a_protest_over_a_statement_is_no_reacting_place() -> None:
    text = "People of Kathwana in Tharaka-Nithi marched against remarks made by their governor."
    out = extract(Document(id="t", text=text, published=dt.date(2021, 5, 3)))
    assert out.location is not None and out.location.name == "Kathwana"


def test_a_reacting_country_stays_a_trap() -> None:
    text = (
        "Gunmen killed eleven villagers near Kathwana in Tharaka-Nithi county on Tuesday. "
        "Norway condemned the killings in a statement."
    )
    out = extract(Document(id="t", text=text, published=dt.date(2021, 5, 3)))
    assert out.location is not None and out.location.name == "Kathwana"


def test_the_dateline_town_beats_a_university_named_after_the_state() -> None:
    text = (
        "FLAGSTAFF, Ariz. (AP) -- A student at Northern Arizona University shot four people on Friday, "
        "killing one, police said."
    )
    out = extract(Document(id="t", text=text, published=dt.date(2015, 10, 9)))
    assert out.location is not None and out.location.name == "Flagstaff"


def test_a_bare_town_name_counts_in_a_country_the_text_names() -> None:
    text = "Rival pupils at an Isiolo boys school brawled for two days, Kenyan police reported."
    loc = main_location(places(text))
    assert loc is not None and loc.name == "Isiolo" and loc.country == "KE"


def test_a_bare_word_stays_no_place_without_its_country() -> None:
    loc = main_location(places("Isiolo boys fought for three days over music."))
    assert loc is None or loc.name != "Isiolo"


def test_polytechnics_institutes_and_local_assemblies_name_their_town() -> None:
    for text, town in [
        ("Sunyani Polytechnic students blocked a road with tyres.", "Sunyani"),
        ("Students of the Kumasi Technical Institute clashed with police.", "Kumasi"),
        ("Traders protested against the Tamale Metropolitan Assembly over a planned relocation.", "Tamale"),
        (
            "Demonstrators gathered at the Kitui County Assembly, supporters of the Governor of Kitui.",
            "Kitui",
        ),
    ]:
        loc = main_location(places(text))
        assert loc is not None and loc.name == town, text


def test_a_school_named_after_another_states_town_does_not_move_a_us_story() -> None:
    text = (
        "COLUMBUS, Ohio -- A teenager was shot and killed near Linden Academy on the city's east side, "
        "Columbus police said."
    )
    out = extract(Document(id="t", text=text, published=dt.date(2015, 6, 1)))
    assert out.location is not None and out.location.admin1 == "Ohio"


def test_an_american_institution_named_after_a_state_is_no_place() -> None:
    found = places("A student at Washington State University was shot on Friday, police said.")
    assert all(p.basis != "institution" for p in found)


def test_the_text_says_an_unknown_name_is_a_place() -> None:
    # Quorrelby is in no gazetteer; the words around it say it is a place
    for text in (
        "Gunmen raided Quorrelby, a hill village east of the capital, and killed six people.",
        "Residents of Quorrelby fled after six people were killed in the raid.",
        "In Quorrelby, near the northern border, six people were killed on Friday.",
    ):
        p = by_text(places(text), "Quorrelby")
        assert p.lat is None and p.role == "event"


def test_an_unknown_name_without_such_words_is_no_place() -> None:
    found = places("Quorrelby, the new coach, said six players were injured on Friday.")
    assert all(p.text != "Quorrelby" for p in found)


def test_a_surname_that_is_also_a_town_is_a_person() -> None:
    for text in (
        "The boy died in a hunting accident, according to a statement from Sheriff Dana R. Chandler.",
        "Darian Colbert, 26, was arrested. Police said Colbert opened fire on the couple outside the store.",
        "Daniel Frazier, 40, was asleep upstairs. Minutes later she went over to Daniel and fired twice.",
    ):
        result = extract(Document("t", text, published=dt.date(2031, 3, 9)))
        assert not [p for p in result.places if p.text in ("Chandler", "Colbert", "Daniel")]


def test_a_city_named_city_keeps_its_whole_name() -> None:
    result = extract(
        Document(
            "t",
            "A teenager was shot dead in Universal City, Texas, on Saturday.",
            published=dt.date(2031, 3, 9),
        )
    )
    assert [(p.text, p.admin1) for p in result.places if p.role == "event"][:1] == [
        ("Universal City", "Texas")
    ]


def test_a_direction_before_a_known_city_names_part_of_it() -> None:
    result = extract(
        Document(
            "t",
            "A nine-year-old girl was shot dead at a Northwest Baltimore home on Friday, police said.",
            published=dt.date(2031, 3, 9),
        )
    )
    assert [(p.text, p.name, p.admin1) for p in result.places if p.lat is not None][:1] == [
        ("Baltimore", "Baltimore", "Maryland")
    ]
    # A direction that belongs to the name stays with it.
    south = extract(
        Document("t", "Two men were killed in South Sudan on Friday.", published=dt.date(2031, 3, 9))
    )
    assert [p.name for p in south.places][:1] == ["South Sudan"]


def test_a_dateline_town_is_used_as_a_place() -> None:
    # Fictional: a dateline naming a town with no preposition before it.
    text = (
        "UNIVERSAL CITY -- A man was shot dead outside a store early Sunday, police said.\n\n"
        "Officers from KENS 5's area said the shooting followed an argument."
    )
    result = extract(Document("t", text, published=dt.date(2031, 3, 9)))
    assert [(p.text, p.admin1) for p in result.places if p.lat is not None][:1] == [
        ("UNIVERSAL CITY", "Texas")
    ]


def test_a_local_police_named_after_its_town_places_the_story() -> None:
    text = "A man, 34, was found shot dead in a parked car early Sunday, Kalamazoo Police said."
    result = extract(Document("t", text, published=dt.date(2031, 3, 9)))
    assert result.location is not None
    assert (result.location.name, result.location.admin1) == ("Kalamazoo", "Michigan")


def test_a_town_the_report_names_beats_the_state_its_first_sentence_names() -> None:
    # Fictional: the lede names only the state, the next sentence the town.
    text = (
        "Three people were found shot dead inside a Vermont motel room on Friday, police said.\n\n"
        "Officers arrived at the Pine Lodge in Rutland around 2 p.m. after a call from the front desk."
    )
    result = extract(Document("t", text, published=dt.date(2031, 3, 9)))
    assert result.location is not None
    assert (result.location.name, result.location.admin1) == ("Rutland", "Vermont")


def test_a_village_the_gazetteer_lacks_stays_the_place_over_a_town_elsewhere() -> None:
    # Fictional: the village is unknown; the town is where the bodies were taken.
    text = (
        "Two men were found shot dead in a car near the village of Quorrelby, Vermont, on Friday.\n\n"
        "The bodies were taken to a hospital in Rutland, police said."
    )
    result = extract(Document("t", text, published=dt.date(2031, 3, 9)))
    assert result.location is not None
    assert (result.location.text, result.location.admin1) == ("Quorrelby", "Vermont")
