"""Merge rules for local news of one shooting told by several reports (fictional examples)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from tollwatch.ledger.keys import mention_keys, merge_keys, person_key
from tollwatch.ledger.merge import block_keys, followup, score_pair
from tollwatch.ledger.store import EventRow


def ev(**kw: Any) -> EventRow:
    day = kw.pop("day", dt.date(2031, 4, 5))
    base: dict[str, Any] = dict(
        place_key="g1", lat=40.0, lon=-90.0, country="US", admin1="Illinois", admin2="Pike County",
        location={"name": "Oakvale", "precision": 1, "feature_code": "PPL"}, date_start=day, date_end=day,
        date_text="Friday", type="violence_against_civilians", sub_type="attack", actors=[],
        killed={"best": 1}, tokens=["boy", "oakvale", "shooting"],
    )  # fmt: skip
    base.update(kw)
    return EventRow(**base)


def test_private_people_are_named_and_officials_are_not() -> None:
    text = (
        "Deputies said the victim, Tobin Marsh, died at the scene. Sheriff Ada Quill asked for calm. "
        "Neighbours knew Wendell Ambry well; Ambry had lived on the lane for years."
    )
    keys = mention_keys(text)
    tobin, wendell, ada = (person_key(n) for n in ("Tobin Marsh", "Wendell Ambry", "Ada Quill"))
    assert {tobin, wendell} <= keys
    assert ada not in keys
    assert f"m:{(tobin or '')[2:]}" in merge_keys(text)


def test_a_town_inside_the_county_of_the_other_report_is_compatible() -> None:
    town = ev(admin2="Pike County")
    county = ev(
        place_key="g2", lat=40.3, lon=-90.4, admin2="Pike County",
        location={"name": "Pike County", "precision": 2, "feature_code": "ADM2"},
    )  # fmt: skip
    result = score_pair(town, county)
    assert result is not None and "a place inside the district (pike county)" in result[1]["reasons"]


def test_a_court_report_months_later_meets_its_shooting_by_town_and_age() -> None:
    shooting = ev()
    hearing = ev(
        day=dt.date(2031, 9, 12), date_text="", tokens=["charged", "oakvale", "teen", "hearing"], killed={}
    )
    ages = ["y:14"]
    assert followup(hearing) and not followup(shooting)
    # Whichever arrives first, the other's probe finds it.
    assert block_keys(hearing, probe=True, ages=ages) & block_keys(shooting, ages=ages)
    assert block_keys(shooting, probe=True, ages=ages) & block_keys(hearing, ages=ages)
    # Without a shared age there is no long-window key in common.
    assert not block_keys(hearing, probe=True, ages=ages) & block_keys(shooting, ages=["y:40"])
    linked = score_pair(shooting, hearing, weak={"y:14"})
    assert linked is not None and linked[0] >= 3.0
    # The same two reports with no detail in common stay apart (dates too far).
    assert score_pair(shooting, hearing) is None


def test_a_name_both_reports_give_joins_them_across_months() -> None:
    first = ev()
    later = ev(day=dt.date(2031, 8, 1), tokens=["oakvale"], place_key="g3", lat=40.01, lon=-90.01)
    result = score_pair(first, later, weak={f"m:{(person_key('Tobin Marsh') or '')[2:]}"})
    assert result is not None and result[0] >= 3.0


def test_the_state_a_report_names_plainly_outvotes_a_town_read_elsewhere() -> None:
    from tollwatch.ledger.describe import _region
    from tollwatch.ledger.store import PlaceRow

    astray = ev(
        document_id=1, location={"name": "Oakvale", "country": "US", "admin1": "Maine", "precision": 1}
    )
    other = ev(
        document_id=2, location={"name": "Pike County", "country": "US", "admin1": "Ohio", "precision": 2}
    )
    places = [PlaceRow(document_id=1, country="US", admin1="Maine", role="event")]
    # Without what the reports' titles and openings say, the two events tie and the places decide.
    assert _region([astray, other], places) == ("US", "Maine")
    # Report 1's own dateline or station names Ohio: its Maine reading is astray.
    assert _region([astray, other], places, {1: "Ohio"}) == ("US", "Ohio")


def test_a_person_named_once_with_a_title_is_an_official_throughout() -> None:
    text = (
        "Chief Ada Quill spoke first. Later Ada Quill said the family of Tobin Marsh had been told; "
        "Marsh was 30."
    )
    keys = mention_keys(text)
    assert person_key("Tobin Marsh") in keys and person_key("Ada Quill") not in keys


def test_a_report_placed_in_its_country_alone_meets_a_regional_one_by_age_in_either_order() -> None:
    regional = ev()
    national = ev(
        place_key=None, admin1=None, admin2=None, location={"name": "United States", "precision": 3}
    )
    ages = ["y:9"]
    assert block_keys(national, probe=True, ages=ages) & block_keys(regional, ages=ages)
    assert block_keys(regional, probe=True, ages=ages) & block_keys(national, ages=ages)


def test_between_two_towns_each_one_reports_event_the_one_the_reports_name_most_wins() -> None:
    from tollwatch.ledger.describe import describe
    from tollwatch.ledger.store import Incident, PlaceRow

    # Fictional: one report's dateline names the town it was filed from, the other the scene.
    filed = ev(document_id=1, place_key="g1", location={"name": "Oakvale", "geonameid": 11, "precision": 1})
    scene = ev(document_id=2, place_key="g2", location={"name": "Elm Falls", "geonameid": 12, "precision": 1})
    places = [
        PlaceRow(document_id=1, geonameid=11, name="Oakvale", country="US", admin1="Illinois"),
        PlaceRow(document_id=1, geonameid=12, name="Elm Falls", country="US", admin1="Illinois"),
        PlaceRow(document_id=2, geonameid=12, name="Elm Falls", country="US", admin1="Illinois"),
    ]
    for members in ([filed, scene], [scene, filed]):
        incident = Incident()
        describe(incident, members, places)
        assert incident.location_name == "Elm Falls"


def test_a_town_outside_the_county_the_reports_keep_naming_loses_to_that_county() -> None:
    from tollwatch.ledger.describe import describe
    from tollwatch.ledger.store import Incident, PlaceRow

    # Fictional: one report reads a namesake town in another county, the other names the county
    # and two of its towns.
    astray = ev(
        document_id=1,
        place_key="g1",
        admin2="Lake County",
        location={
            "name": "Oakvale",
            "geonameid": 11,
            "precision": 1,
            "country": "US",
            "admin1": "Illinois",
            "admin2": "Lake County",
        },
    )
    county = ev(
        document_id=2,
        place_key="g2",
        admin2="Pike County",
        location={
            "name": "Pike County",
            "geonameid": 20,
            "precision": 2,
            "country": "US",
            "admin1": "Illinois",
            "admin2": "Pike County",
        },
    )
    places = [
        PlaceRow(document_id=1, geonameid=11, name="Oakvale", admin2="Lake County", country="US",
                 admin1="Illinois", precision=1, lat=40.0, lon=-90.0, role="event", start=0),
        PlaceRow(document_id=2, geonameid=20, name="Pike County", admin2="Pike County", country="US",
                 admin1="Illinois", precision=2, lat=39.6, lon=-90.9, role="event", start=0),
        PlaceRow(document_id=2, geonameid=21, name="Elm Falls", admin2="Pike County", country="US",
                 admin1="Illinois", precision=1, lat=39.6, lon=-90.8, role="context", start=40),
        PlaceRow(document_id=2, geonameid=21, name="Elm Falls", admin2="Pike County", country="US",
                 admin1="Illinois", precision=1, lat=39.6, lon=-90.8, role="event", start=90),
    ]  # fmt: skip
    incident = Incident()
    describe(incident, [astray, county], places)
    assert incident.location_name == "Elm Falls"
