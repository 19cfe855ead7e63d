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
    events = build_events(
        doc, sents, find_figures(doc, sents), find_places(doc, sents), find_dates(doc, sents)
    )
    names = set().union(*(event_names(e) for e in events))
    assert {e["type"] for e in gold["events"]} <= names
    event_days = {e.date.start_date.isoformat() for e in events if e.date and e.date.start_date}
    assert {d["date"] for d in gold["dates"]} <= event_days
    assert events[0].type == "battle"
