"""US local news: state context, towns inside the voted state, neighbourhoods, main place."""

from __future__ import annotations

from tollwatch.geo.gazetteer import get_gazetteer
from tollwatch.geo.places import find_places, main_location
from tollwatch.geo.usa import scan, state_of
from tollwatch.model import Document, Place
from tollwatch.text.segment import segment


def places(text: str) -> list[Place]:
    return find_places(Document(id="t", text=text), segment(text))


def main(text: str) -> Place:
    place = main_location(places(text))
    assert place is not None
    return place


def test_state_surfaces() -> None:
    assert state_of("Fla.") == "Florida"
    assert state_of("KY") == "Kentucky"
    assert state_of("Ore") == "Oregon"
    assert state_of("N.C.") == "North Carolina"
    assert state_of("Narnia") is None


def test_datelines_vote_the_us_and_their_state() -> None:
    g = get_gazetteer()
    ctx = scan("NAPLES, Fla. — A man was shot outside a bar late Friday.", g)
    assert ctx.top == "Florida" and ctx.us > 0 and ctx.dateline is not None
    assert ctx.dateline[0] == "NAPLES"
    ctx = scan("LOUISVILLE, KY (WAVE) – Officers found a man shot on the porch.", g)
    assert ctx.top == "Kentucky" and ctx.us > 0
    ctx = scan("(KOIN) SALEM, Ore. -- Two people were hurt in a shooting.", g)
    assert ctx.top == "Oregon"


def test_town_state_pairs_names_and_counties_vote_a_state() -> None:
    g = get_gazetteer()
    assert scan("The boy had moved from Fort Worth, Texas, last year.", g).top == "Texas"
    assert scan("Deputies of the Lucas County Sheriff's Office found the car.", g).top == "Ohio"
    assert scan("Nobody in Ohio had heard of him.", g).top == "Ohio"
    assert scan("Two people were shot (KDKA) on the porch.", g).us > 0


def test_no_state_evidence_in_a_foreign_report() -> None:
    ctx = scan("Gunmen killed two herders near Isiolo (Isiolo North, Isiolo) on Monday.", get_gazetteer())
    assert not ctx.states and ctx.us == 0


def test_town_resolves_inside_the_voted_state_not_abroad() -> None:
    text = (
        "Teen shot near the bus depot in Salisbury\n\n"
        "SALISBURY, N.C. — A 17-year-old was shot near the bus depot on Friday night, "
        "the Rowan County Sheriff's Office said."
    )
    p = main(text)
    assert p.country == "US" and p.admin1 == "North Carolina"
    assert p.name == "Salisbury"


def test_bare_town_in_a_us_story_is_not_the_foreign_namesake() -> None:
    text = (
        "A man was shot in Toledo on Saturday night. Police said the shooting happened "
        "in the 1200 block of Main Street and a suspect is in the county jail."
    )
    p = main(text)
    assert p.country == "US" and p.admin1 == "Ohio"


def test_neighbourhood_near_the_city_named_in_the_text() -> None:
    text = (
        "Two men were shot in Englewood on Sunday, Chicago police said. "
        "The men were taken to a hospital in Chicago, Illinois."
    )
    p = by_text(places(text), "Englewood")
    assert p.admin1 == "Illinois"


def test_dateline_town_with_state_abbreviation() -> None:
    text = "BATON ROUGE, La. (AP) -- Officers said a toddler fired a pistol inside a parked car."
    p = main(text)
    assert p.name == "Baton Rouge" and p.admin1 == "Louisiana"


def test_hospital_named_after_a_place_is_not_the_event_place() -> None:
    text = (
        "Four men were shot on the Lower East Side of New York on Sunday. "
        "The victims were taken to Bellevue Hospital."
    )
    found = places(text)
    assert by_text(found, "Bellevue").role == "context"
    p = main_location(found)
    assert p is not None and p.admin1 == "New York"


def test_no_town_inside_a_two_word_state() -> None:
    text = "Officials in Catawba County, North Carolina said a man was shot dead at his farm."
    assert all(p.text != "Carolina" for p in places(text))
    assert main(text).admin1 == "North Carolina"


def by_text(found: list[Place], text: str) -> Place:
    for p in found:
        if p.text == text:
            return p
    raise AssertionError(f"{text!r} not found in {[p.text for p in found]}")


def test_acronym_in_parentheses_is_no_call_sign() -> None:
    text = "Youths threw stones outside Kenyatta International Conference Centre (KICC) in Nairobi."
    assert scan(text, get_gazetteer()).us == 0


def test_an_attacked_university_keeps_its_place() -> None:
    text = "Gunmen attacked Garissa University, killing 147 students."
    assert by_text(places(text), "Garissa").role == "event"


def test_a_station_votes_for_its_state() -> None:
    from tollwatch.geo.usa import stations

    assert stations("A toddler was hurt on Elm Street, WSMV Channel 4 learned.") == ["Tennessee"]
    assert stations("(WAVE) -- A man was hurt.") == ["Kentucky"]
    assert stations("Read more at wave3.com and on KMOV.com") == ["Kentucky", "Missouri"]
    # Signs that are words, and acronyms that are no station, are not read as stations.
    assert stations("A WAVE of calls reached the police, WHO said nothing.") == []
    assert stations("The Kenya Defence Forces (KDF) said so.") == []


def test_a_state_someone_moved_from_votes_little() -> None:
    ctx = scan(
        "The girl, who had moved from Iowa last year, was shot in Southeast D.C. on Friday.", get_gazetteer()
    )
    assert ctx.top == "Washington, D.C."


def test_the_other_places_a_story_names_choose_the_state_of_an_ambiguous_town() -> None:
    from tollwatch.model import Document
    from tollwatch.pipeline import extract

    text = "A teenager was shot in Columbus on Sunday. He was taken to a hospital in Macon, where he died."
    result = extract(Document(id="fictional", text=text))
    assert [(p.name, p.admin1) for p in result.places][:2] == [("Columbus", "Georgia"), ("Macon", "Georgia")]


def test_a_headline_naming_the_station_state_resolves_an_ambiguous_county() -> None:
    import datetime as dt

    from tollwatch.model import Document
    from tollwatch.pipeline import extract

    # Fictional report: Sumter County exists in Florida and South Carolina.
    body = "Sumter County deputies are looking for a man after a shooting early Wednesday left one dead."
    plain = extract(Document(id="f1", text=body, published=dt.date(2031, 5, 7)))
    titled = extract(
        Document(
            id="f2",
            text=body,
            title="Deputies seek man after deadly shooting - Columbia, South Carolina",
            published=dt.date(2031, 5, 7),
        )
    )
    assert plain.location is not None and titled.location is not None
    assert titled.location.admin1 == "South Carolina"
    assert plain.location.admin1 != titled.location.admin1
