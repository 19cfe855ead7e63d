"""Events: type and sub-type, actors, place, date and toll. All texts are written for these tests."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from tollwatch.dates import find_dates
from tollwatch.events import (
    ALIASES,
    EVENT_TYPES,
    SUB_TYPES,
    build_events,
    classify,
    country_name,
    event_names,
)
from tollwatch.model import Document, Event, Figure, Place, Sentence

PUB = dt.date(2023, 5, 6)  # a Saturday

SHARED = Path(__file__).resolve().parents[2] / "shared"


def _sentences(text: str) -> list[Sentence]:
    """A plain splitter for the tests: on . ! ? and newlines; a blank-line or newline starts a paragraph."""
    out: list[Sentence] = []
    pos = 0
    for par, line in enumerate(text.split("\n")):
        for m in re.finditer(r"[^.!?]+[.!?]?", line):
            chunk = m.group(0)
            lead = len(chunk) - len(chunk.lstrip())
            body = chunk.strip()
            if body:
                s = pos + m.start() + lead
                out.append(Sentence(s, s + len(body), body, par))
        pos += len(line) + 1
    return out


def _place(text: str, name: str, role: str = "event", country: str | None = "KE", nth: int = 0) -> Place:
    starts = [m.start() for m in re.finditer(re.escape(name), text)]
    s = starts[nth]
    return Place(name, s, s + len(name), name=name, country=country, role=role)


def _fig(
    text: str, fid: str, phrase: str, best: int, group: str = "people", measure: str = "killed"
) -> Figure:
    s = text.index(phrase)
    return Figure(
        id=fid,
        measure=measure,
        low=best,
        best=best,
        high=best,
        qualifier="exact",
        group=group,
        group_text=group,
        scope="incident",
        text=phrase,
        start=s,
        end=s + len(phrase),
        sentence="",
    )


def _events(
    text: str,
    places: list[Place] | None = None,
    figures: list[Figure] | None = None,
    published: dt.date | None = PUB,
) -> list[Event]:
    doc = Document("d", text, published)
    sents = _sentences(text)
    return build_events(doc, sents, figures or [], places or [], find_dates(doc, sents))


# --------------------------------------------------------------------------- types


@pytest.mark.parametrize(
    ("text", "typ", "sub"),
    [
        (
            "On 2 May 2023, soldiers clashed with militants near a river crossing. Two fighters died.",
            "battle",
            "armed_clash",
        ),
        (
            "On 2 May 2023, the army recaptured the district town after heavy fighting with rebels.",
            "battle",
            "government_regains_territory",
        ),
        (
            "On 2 May 2023, gunmen attacked a hamlet and shot dead two farmers in their fields.",
            "violence_against_civilians",
            "attack",
        ),
        (
            "On 2 May 2023, unknown gunmen abducted a schoolteacher on the road to the market.",
            "violence_against_civilians",
            "abduction_forced_disappearance",
        ),
        (
            "On 2 May 2023, a guard raped a woman held at a roadside post.",
            "violence_against_civilians",
            "sexual_violence",
        ),
        (
            "On 2 May 2023, a roadside bomb exploded under a police truck, wounding three officers.",
            "explosions_remote_violence",
            "remote_explosive_landmine_ied",
        ),
        (
            "On 2 May 2023, an air force airstrike hit a militant camp in the hills.",
            "explosions_remote_violence",
            "air_strike",
        ),
        (
            "On 2 May 2023, a drone struck a pickup carrying fighters on the highway.",
            "explosions_remote_violence",
            "drone_strike",
        ),
        (
            "On 2 May 2023, a grenade was thrown into a bar, injuring four drinkers.",
            "explosions_remote_violence",
            "grenade",
        ),
        (
            "On 2 May 2023, residents protested over water cuts and burnt tyres on the highway.",
            "riot",
            "violent_demonstration",
        ),
        (
            "On 2 May 2023, a mob lynched a man accused of stealing a goat at the cattle market.",
            "riot",
            "mob_violence",
        ),
        (
            "On 2 May 2023, nurses marched to the county offices demanding unpaid salaries.",
            "protest",
            "peaceful_protest",
        ),
        (
            "On 2 May 2023, traders demonstrated against new levies. Police fired tear gas to disperse them.",
            "protest",
            "protest_with_intervention",
        ),
        (
            "On 2 May 2023, students held a peaceful protest; police opened fire and shot dead a student.",
            "protest",
            "excessive_force_against_protesters",
        ),
        (
            "Arrests: On 2 May 2023, police arrested four men suspected of planning an attack.",
            "strategic_development",
            "arrests",
        ),
        (
            "On 2 May 2023, militants looted shops and set a granary on fire. No casualties were reported.",
            "strategic_development",
            "looting_arson",
        ),
        (
            "On 2 May 2023, the elders of two clans signed a peace agreement at the chief's camp.",
            "strategic_development",
            "agreement",
        ),
        (
            "On 2 May 2023, soldiers defused an explosive device found near a bridge.",
            "strategic_development",
            "disrupted_weapons_use",
        ),
    ],
)
def test_main_event_type(text: str, typ: str, sub: str) -> None:
    events = _events(text)
    assert (events[0].type, events[0].sub_type) == (typ, sub)
    assert classify(text).type == typ


@pytest.mark.parametrize(
    ("text", "typ", "sub"),
    [
        # a denied riot cue keeps a protest
        (
            "On 3 May 2023, teachers marched in the town centre over late pay. No clashes were reported.",
            "protest",
            "peaceful_protest",
        ),
        # "stormed out" of a meeting is a walk-out, not storming a building
        (
            "On 3 May 2023, ward councillors stormed out of the assembly and protested outside the hall.",
            "protest",
            "peaceful_protest",
        ),
        # "who were throwing stones" is the crowd acting, not a passive
        (
            "On 3 May 2023, police dispersed youths who were throwing stones during a protest over fuel.",
            "riot",
            "violent_demonstration",
        ),
        # a crowd's violence with no protest word is a riot
        (
            "On 3 May 2023, angered villagers blocked the highway with logs after a boy drowned in a quarry.",
            "riot",
            "violent_demonstration",
        ),
        # mob justice later in a note outweighs a lone attack cue before it
        (
            "On 3 May 2023, a man was found with a stolen phone. Later he was lynched in the market square.",
            "riot",
            "mob_violence",
        ),
        # an armed group's attack that wounds police is a battle
        (
            "On 3 May 2023, militants attacked a village near the border; two police officers were wounded.",
            "battle",
            "armed_clash",
        ),
        # those who bury the dead did not kill them; "people killed in" names victims, not a crowd
        (
            "On 3 May 2023, villagers buried nineteen people killed in the night raid on the farms.",
            "violence_against_civilians",
            "attack",
        ),
        (
            "On 3 May 2023, nine farmers killed by unknown gunmen were found near the river.",
            "violence_against_civilians",
            "attack",
        ),
        # police force on people who are not protesting is an attack on civilians
        (
            "On 3 May 2023, police fired tear gas at shoppers in a market while enforcing a curfew.",
            "violence_against_civilians",
            "attack",
        ),
    ],
)
def test_crowd_and_force_readings(text: str, typ: str, sub: str) -> None:
    c = classify(text)
    assert (c.type, c.sub_type) == (typ, sub)


def test_every_emitted_name_is_in_the_types_file() -> None:
    text = (
        "Gunmen attacked a village on Tuesday and killed five civilians. Families fled to a camp.\n"
        "Looters burned the market. Power outages hit the district. Police sealed off roads to the area.\n"
        "The United Nations condemned the killings."
    )
    for ev in _events(text):
        assert ev.type in EVENT_TYPES
        assert ev.sub_type is None or ev.sub_type in SUB_TYPES[ev.type]
    assert ALIASES["looting_arson"] == "looting_property_destruction"
    assert "looting_property_destruction" in SUB_TYPES["strategic_development"]


def test_humanitarian_impacts_are_their_own_events() -> None:
    text = (
        "Gunmen attacked a village on Tuesday and killed five civilians.\n"
        "Hundreds of families fled to a camp across the border. Water and power outages followed.\n"
        "Authorities sealed off roads leading to the valley.\n"
        "The United Nations condemned the killings and urged an inquiry."
    )
    events = _events(text)
    names = set().union(*(event_names(e) for e in events))
    assert {"violence_against_civilians", "displacement", "infrastructure_outage", "road_closure"} <= names
    assert "international_reaction" in names
    assert events[0].type == "violence_against_civilians"


def test_an_event_can_have_no_figures() -> None:
    events = _events("On 2 May 2023, nurses marched to the county offices demanding unpaid salaries.")
    assert events[0].figures == []
    assert events[0].killed.is_empty()


# --------------------------------------------------------------------------- actors


def test_actors_state_and_civilians_take_the_location_country() -> None:
    text = "On 2 May 2023, police officers shot dead a hawker in Kisumu town during a curfew patrol."
    ev = _events(text, [_place(text, "Kisumu")])[0]
    assert ev.type == "violence_against_civilians"
    names = [(a.name, a.interaction) for a in ev.actors]
    assert names == [("Police Forces of Kenya", "State forces"), ("Civilians (Kenya)", "Civilians")]


def test_named_groups_and_identity_militias() -> None:
    text = "On 2 May 2023, Al Shabaab militants ambushed soldiers near Mandera. Three soldiers were killed."
    ev = _events(text, [_place(text, "Mandera")])[0]
    assert ev.type == "battle"
    assert [a.name for a in ev.actors] == ["Al Shabaab", "Military Forces of Kenya"]
    assert ev.actors[0].interaction == "Rebel group"

    text2 = "On 2 May 2023, Pokot raiders attacked herders and stole cattle near Kapedo, killing one herder."
    ev2 = _events(text2, [_place(text2, "Kapedo")])[0]
    assert ev2.actors[0].name == "Pokot Ethnic Militia (Kenya)"
    assert ev2.actors[0].interaction == "Identity militia"


def test_protesters_and_rioters() -> None:
    text = "On 2 May 2023, traders demonstrated in Kumasi against new market tolls."
    ev = _events(text, [_place(text, "Kumasi", country="GH")])[0]
    assert ev.actors[0].name == "Protesters (Ghana)"
    assert ev.actors[0].interaction == "Protesters"

    text2 = "On 2 May 2023, a mob beat to death a suspected thief in Nakuru town."
    ev2 = _events(text2, [_place(text2, "Nakuru")])[0]
    assert (ev2.type, ev2.sub_type) == ("riot", "mob_violence")
    assert ev2.actors[0].name == "Rioters (Kenya)"
    assert ev2.actors[1].name == "Civilians (Kenya)"


def test_unnamed_armed_group_and_country_from_a_demonym() -> None:
    text = "Unknown gunmen killed a Ghanaian trader on Friday at a roadside stall."
    ev = _events(text)[0]
    assert ev.actors[0].name == "Unidentified Armed Group (Ghana)"
    assert ev.actors[0].interaction == "Political militia"


def test_country_names_follow_acled() -> None:
    assert country_name("SY") == "Syria"
    assert country_name("KE") == "Kenya"
    assert country_name("BFA") == "Burkina Faso"
    assert country_name(None) is None


# --------------------------------------------------------------------------- places: the traps


def test_funeral_place_is_not_the_event_location() -> None:
    text = (
        "Rebels ambushed an army convoy near Hill Pass on Thursday, killing six soldiers.\n"
        "A funeral for the soldiers was held in Riverton on Saturday."
    )
    places = [_place(text, "Hill Pass"), _place(text, "Riverton", role="event")]
    figs = [_fig(text, "f1", "killing six soldiers", 6, "security_forces")]
    ev = _events(text, places, figs)[0]
    assert ev.type == "battle"
    assert ev.location is not None and ev.location.name == "Hill Pass"
    assert ev.date is not None and ev.date.start_date == dt.date(2023, 5, 4)
    assert figs[0].place == "Hill Pass"


def test_funeral_place_first_still_not_the_location() -> None:
    text = "Mourners gathered at a funeral in Riverton for six soldiers killed in a clash with rebels."
    places = [_place(text, "Riverton", role="event")]
    ev = _events(text, places)[0]
    assert ev.location is None or ev.location.name != "Riverton"


def test_flight_destination_is_not_the_event_location() -> None:
    text = (
        "Gunmen shot dead two traders in Eastgate on Monday. "
        "The wounded were flown to Capital City for treatment."
    )
    places = [_place(text, "Eastgate"), _place(text, "Capital City", role="event")]
    ev = _events(text, places)[0]
    assert ev.location is not None and ev.location.name == "Eastgate"


def test_reacting_country_is_not_the_event_location() -> None:
    text = (
        "Militants attacked a village and killed eleven civilians on Wednesday.\n"
        "Norway condemned the killings in a statement."
    )
    places = [_place(text, "Norway", role="event", country="NO")]
    events = _events(text, places)
    assert events[0].location is None or events[0].location.name != "Norway"
    reaction = next(e for e in events if e.type == "international_reaction")
    assert reaction.location is not None and reaction.location.name == "Norway"


# --------------------------------------------------------------------------- tolls and figures


def test_figures_are_assigned_and_summed_without_subsets() -> None:
    text = (
        "On 2 May 2023, gunmen attacked a village in Upper Vale and killed 12 people, including 5 children."
    )
    places = [_place(text, "Upper Vale")]
    total = _fig(text, "f1", "killed 12 people", 12)
    kids = _fig(text, "f2", "5 children", 5, "children")
    kids.subset_of = "f1"
    ev = _events(text, places, [total, kids])[0]
    assert set(ev.figures) == {"f1", "f2"}
    assert ev.killed.low == 12
    assert total.place == kids.place == "Upper Vale"


def test_events_are_split_by_day() -> None:
    text = (
        "Gunmen killed villagers in the hills on Thursday.\n"
        "The killings resumed on Friday in the valley, residents said."
    )
    events = _events(text)
    days = sorted(e.date.start_date for e in events if e.date and e.type == "violence_against_civilians")
    assert days == [dt.date(2023, 5, 4), dt.date(2023, 5, 5)]


def test_no_publication_date_keeps_relative_dates_unresolved() -> None:
    ev = _events("Gunmen killed two herders on Thursday near the wells.", published=None)[0]
    assert ev.date is not None and ev.date.text == "Thursday" and ev.date.start_date is None


def _country(text: str, name: str, role: str = "event", code: str = "NL") -> Place:
    p = _place(text, name, role=role, country=code)
    p.feature_code, p.basis = "PCLI", "country"
    return p


_WIDE_AND_VILLAGE = (
    "Clashes between soldiers and rebels erupted near Port Elm on Thursday.\n"
    "More than 500 people have been killed in the violence.\n"
    "Revenge killings of civilians began on Friday, residents said.\n"
    "A rights group said at least 400 civilians were killed.\n"
    "In the village of Ashford, 20 villagers were buried in a mass grave, including six children."
)


def _wide_and_village() -> tuple[list[Event], list[Figure]]:
    text = _WIDE_AND_VILLAGE
    places = [_place(text, "Port Elm"), _place(text, "Ashford")]
    total = _fig(text, "f0", "More than 500 people have been killed", 500)
    wide = _fig(text, "f1", "at least 400 civilians were killed", 400, "civilians")
    village = _fig(text, "f2", "20 villagers were buried", 20)
    kids = _fig(text, "f3", "six children", 6, "children")
    kids.subset_of = "f2"
    figs = [total, wide, village, kids]
    return _events(text, places, figs), figs


def test_a_village_toll_is_its_own_event_and_not_added_to_the_wide_toll() -> None:
    events, figs = _wide_and_village()
    wide = figs[1]
    assert events[0].type == "battle"
    attacks = [e for e in events if e.type == "violence_against_civilians"]
    at_village = [e for e in attacks if e.location is not None and e.location.name == "Ashford"]
    assert len(at_village) == 1
    assert set(at_village[0].figures) == {"f2", "f3"}
    assert at_village[0].killed.low == 20  # the six children are inside the 20
    for e in events:
        if e is not at_village[0]:
            assert "f2" not in e.figures and "f3" not in e.figures
            assert e.killed.is_empty() or e.killed.low in (400, 500)  # never 420 or 520
    # the report-wide figure belongs to the main event (inside its total) and to the attack event holding it
    assert {"f0", "f1"} <= set(events[0].figures)
    assert events[0].killed.low == 500
    assert wide.place != "Ashford"
    assert any("f1" in e.figures for e in attacks if e not in at_village)


def test_a_figure_takes_no_place_from_a_later_paragraph() -> None:
    _evs, (_total, wide, village, kids) = _wide_and_village()
    assert village.place == kids.place == "Ashford"
    assert wide.place == "Port Elm"  # the main location: its sentence and paragraph name none


def test_a_country_wide_figure_is_placed_in_the_country_and_goes_to_the_main_event() -> None:
    text = _WIDE_AND_VILLAGE.replace("were killed.", "were killed across Norland.")
    places = [_place(text, "Port Elm"), _country(text, "Norland"), _place(text, "Ashford")]
    total = _fig(text, "f0", "More than 500 people have been killed", 500)
    wide = _fig(text, "f1", "at least 400 civilians were killed", 400, "civilians")
    village = _fig(text, "f2", "20 villagers were buried", 20)
    events = _events(text, places, [total, wide, village])
    assert wide.place == "Norland" and village.place == "Ashford"
    assert "f1" in events[0].figures and "f2" not in events[0].figures
    assert all(e.killed.low in (None, 20, 400, 500) for e in events)


def test_a_paragraph_names_the_place_for_its_later_sentences() -> None:
    text = (
        "Gunmen raided Millbrook village on Monday. Eight people were killed, including two women.\n"
        "The army later retook Hill Pass."
    )
    places = [_place(text, "Millbrook"), _place(text, "Hill Pass")]
    total = _fig(text, "f1", "Eight people were killed", 8)
    women = _fig(text, "f2", "two women", 2, "women")
    women.subset_of = "f1"
    events = _events(text, places, [total, women])
    assert total.place == women.place == "Millbrook"
    assert events[0].killed.low == 8


def test_displacement_is_located_where_people_fled_from() -> None:
    text = (
        "Gunmen attacked Eastgate on Monday, killing five civilians.\n"
        "Hundreds of residents fled to Westland, officials in Westland said."
    )
    places = [
        _place(text, "Eastgate"),
        _country(text, "Westland", role="destination", code="WL"),
        _country(text, "Westland", role="origin", code="WL"),
    ]
    places[2].start = text.rindex("Westland")
    places[2].end = places[2].start + len("Westland")
    events = _events(text, places)
    moved = next(e for e in events if e.type == "displacement")
    assert moved.location is not None and moved.location.name == "Eastgate"
    assert any(p.role == "destination" and p.name == "Westland" for p in places)


def test_displacement_from_a_named_town() -> None:
    text = (
        "Soldiers clashed with rebels near Hill Pass on Monday.\n"
        "Families fled Millbrook as the fighting spread, many of them fleeing to Westland."
    )
    places = [
        _place(text, "Hill Pass"),
        _place(text, "Millbrook"),
        _country(text, "Westland", role="destination", code="WL"),
    ]
    events = _events(text, places)
    moved = next(e for e in events if e.type == "displacement")
    assert moved.location is not None and moved.location.name == "Millbrook"


# --------------------------------------------------------------------------- the seed (slow)


@pytest.mark.slow
def test_seed_article_dates_and_types() -> None:
    if not (SHARED / "seed" / "article.txt").exists():
        pytest.skip("../shared/seed is absent: the seed acceptance check needs the shared data")
    from tollwatch.extract.figures import find_figures
    from tollwatch.geo.places import find_places
    from tollwatch.text.segment import segment

    text = (SHARED / "seed" / "article.txt").read_text(encoding="utf-8")
    gold = json.loads((SHARED / "seed" / "gold.json").read_text(encoding="utf-8"))
    doc = Document("seed", text, dt.date.fromisoformat(gold["published"]))
    sents = segment(text)
    figures = find_figures(doc, sents)
    events = build_events(doc, sents, figures, find_places(doc, sents), find_dates(doc, sents))
    names = set().union(*(event_names(e) for e in events))
    assert {e["type"] for e in gold["events"]} <= names
    event_days = {e.date.start_date.isoformat() for e in events if e.date and e.date.start_date}
    assert {d["date"] for d in gold["dates"]} <= event_days
    assert events[0].type == "battle"
    main = events[0].location
    assert main is not None and main.country == "SY"
    assert main.name in ("Jablah", "Latakia", "Syria") or main.admin1 == "Latakia"
    moved = next(e for e in events if e.type == "displacement")
    assert moved.location is not None and moved.location.country == "SY"
    reaction = next(e for e in events if e.type == "international_reaction")
    assert reaction.location is not None and reaction.location.country == "FR"
    by_id = {f.id: f for f in figures}
    assert next(f for f in figures if f.low == 745).place != "Tuwaym"
    for e in events:
        mine = {by_id[i].low for i in e.figures}
        assert not ({745, 31} <= mine), "the coast-wide toll and a village's toll in one event"
        assert e.killed.low is None or e.killed.low <= 1018
    tuwaym = [e for e in events if e.location is not None and e.location.text == "Tuwaym"]
    assert tuwaym and tuwaym[0].killed.low == 31


def test_an_unmapped_village_is_not_replaced_by_its_country() -> None:
    text = "Men from the Norland village of Quorrel buried 14 people killed in the night raid."
    village = _place(text, "Quorrel", country="NL")
    village.name = None  # named in the text, but in no gazetteer: no name or coordinates
    country = _country(text, "Norland", role="context")
    country.lat, country.lon = 52.1, 5.3
    fig = _fig(text, "f0", "14 people killed", 14)
    events = _events(text, [country, village], [fig])
    assert events[0].location is not None and events[0].location.text == "Quorrel"


def test_dead_known_only_from_a_funeral_are_not_placed_in_another_sentences_village() -> None:
    from tollwatch.pipeline import extract

    text = (
        "Residents of Quorrelby, a village on the coast, buried 12 people killed in the raids. "
        "In Jablah, mourners attended a funeral for three members of Syria's security forces "
        "who were killed in the clashes."
    )
    out = extract(Document("d", text, PUB))
    soldiers = [e for e in out.events if e.killed.best == 3]
    assert soldiers, [(e.type, e.killed) for e in out.events]
    loc = soldiers[0].location
    # the funeral's town is not where they died, nor is the village of the other sentence
    assert loc is None or (loc.name == "Syria" and loc.basis == "country"), loc


def test_a_killer_who_killed_himself_stays_with_the_people_he_killed() -> None:
    text = (
        "Authorities are investigating a murder-suicide at a trailer park in Walden, according to state "
        "police. Officers found a man and his two children dead in the kitchen after a call about an "
        "unresponsive man."
    )
    from tollwatch.pipeline import extract

    result = extract(Document("t", text, published=dt.date(2031, 3, 9)))
    main = result.events[0]
    assert main.killed.best == 3 and result.killed.best == 3
    assert {f.id for f in result.figures if f.measure == "killed"} <= set(main.figures)
    assert [e.id for e in result.events] == [f"t:e{i + 1}" for i in range(len(result.events))]


def test_a_town_its_sentence_puts_inside_the_nearest_county_is_the_event_place() -> None:
    from tollwatch.events.location import event_location

    # Fictional: "… a home in the village of Elm Falls in Pike County, police said. Officers found
    # two men dead inside." The event's own sentence names no place.
    text = (
        "Police said a shooting happened at a home in the village of Elm Falls in Pike County. "
        "Officers found two men dead inside."
    )
    first, second = Sentence(0, 86, text[:86]), Sentence(86, len(text), text[86:])

    def place(town: bool, admin1: str, admin2: str, lat: float, lon: float) -> Place:
        start, end, name = (60, 69, "Elm Falls") if town else (73, 77, "Pike County")
        return Place(
            text=text[start:end], start=start, end=end, name=name, lat=lat, lon=lon, country="US",
            admin1=admin1, admin2=admin2, feature_code="PPL" if town else "ADM2",
            precision=1 if town else 2, role="event",
        )  # fmt: skip

    town = place(True, "Illinois", "Pike County", 39.6, -90.8)
    county = place(False, "Illinois", "Pike County", 39.6, -90.9)
    elsewhere = place(False, "Ohio", "Pike County", 39.6, -90.9)
    assert text[town.start : town.end] == "Elm Falls" and text[county.start : county.end] == "Pike"
    found = event_location(text, "violence_against_civilians", [second], [first, second], [town, county])
    assert found is town
    # A town of another county the sentence names stays second to the nearer county.
    other = place(True, "Ohio", "Lake County", 41.0, -83.0)
    found = event_location(text, "violence_against_civilians", [second], [first, second], [other, elsewhere])
    assert found is elsewhere
