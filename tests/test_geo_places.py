"""Geoparsing: toponyms, resolution, roles and the main location (own sentences)."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from tollwatch.geo.gazetteer import get_gazetteer, haversine_km
from tollwatch.geo.normalize import normalize
from tollwatch.geo.places import find_places, main_location
from tollwatch.model import Document, Place, Sentence

SHARED = Path(__file__).resolve().parents[2] / "shared"


def places(text: str) -> list[Place]:
    return find_places(Document(id="t", text=text), [Sentence(0, len(text), text)])


def by_text(found: list[Place], text: str) -> Place:
    for p in found:
        if p.text == text:
            return p
    raise AssertionError(f"{text!r} not found in {[p.text for p in found]}")


def test_normalize_unifies_articles_diacritics_and_hyphens() -> None:
    assert normalize("Al-Lādhiqīyah") == normalize("El Ladhiqiyah") == "ladhiqiyah"
    assert normalize("Murang'a") == "muranga"
    assert normalize("Tin-Akoff") == "tin akoff"
    assert normalize("St. Louis") == "saint louis"


def test_spelling_variants_resolve_to_one_place() -> None:
    g = get_gazetteer()
    for a, b in [("Lattakia", "Latakia"), ("Banyas", "Baniyas"), ("Jableh", "Jablah"), ("Tartous", "Tartus")]:
        ea = next(e for e in g.search(a, "SY") if not e.is_admin)
        eb = next(e for e in g.search(b, "SY") if not e.is_admin)
        assert ea.id == eb.id


def test_offsets_and_resolution_with_country_context() -> None:
    text = "Gunmen opened fire on a bus in Banyas, killing six Syrian soldiers."
    p = by_text(places(text), "Banyas")
    assert text[p.start : p.end] == "Banyas"
    assert p.country == "SY" and p.lat is not None
    assert p.role == "event" and p.precision == 1 and p.where_prec == 1


def test_unresolved_cue_marked_village_keeps_country_from_context() -> None:
    text = "Syrian rights monitors said that in the hillside village of Qarawiyya, 12 men were shot dead."
    p = by_text(places(text), "Qarawiyya")
    assert p.lat is None and p.country == "SY"


def test_acled_parenthetical_falls_back_to_admin_area() -> None:
    text = "On 2 May 2022, bandits killed two herders in Olkesumet village (Laikipia North, Laikipia)."
    found = places(text)
    loc = main_location(found)
    assert loc is not None and loc.text == "Olkesumet"
    assert loc.country == "KE" and loc.lat is not None
    assert loc.precision in (2, 3) and loc.where_prec in (3, 4)


def test_acled_parenthetical_prefers_town_inside_named_admin() -> None:
    text = "On 1 June 2021, police shot a suspect in Lamu town (Lamu West, Lamu)."
    loc = main_location(places(text))
    assert loc is not None and loc.country == "KE" and loc.precision == 1
    assert haversine_km(loc.lat or 0, loc.lon or 0, -2.27, 40.90) < 25


def test_near_gives_precision_two() -> None:
    text = "Militants ambushed a patrol near Dori on Tuesday; four soldiers died in Burkina Faso."
    p = by_text(places(text), "Dori")
    assert p.country == "BF" and p.precision == 2 and p.where_prec == 2


def test_funeral_place_is_not_the_event() -> None:
    text = (
        "Three guards were killed in an ambush near Jablah on Monday. "
        "Mourners gathered in Al-Janoudiya for the funeral of the guards."
    )
    found = find_places(
        Document(id="t", text=text),
        [Sentence(0, 60, text[:60]), Sentence(61, len(text), text[61:])],
    )
    assert by_text(found, "Al-Janoudiya").role == "funeral"
    loc = main_location(found)
    assert loc is not None and loc.text == "Jablah"


def test_flight_destination_and_reacting_country() -> None:
    text = (
        "After the shelling of Idlib killed nine people, families were fleeing to Turkey. "
        "In a statement, Germany condemned the attack, and Canada's foreign ministry urged restraint."
    )
    found = places(text)
    assert by_text(found, "Turkey").role == "destination"
    assert by_text(found, "Germany").role == "origin"
    assert by_text(found, "Canada").role == "origin"
    loc = main_location(found)
    assert loc is not None and loc.text == "Idlib"


def test_person_named_like_a_town_is_not_a_place() -> None:
    text = "Officers arrived at the scene in Memphis, Tennessee, within minutes. Jackson said he heard shots."
    found = places(text)
    assert "Jackson" not in [p.text for p in found]
    assert by_text(found, "Memphis").admin1 == "Tennessee"


def test_organisations_and_demonyms_are_not_places() -> None:
    text = "The Syrian Observatory for Human Rights said Syrian forces and the Islamic State fought in Raqqa."
    found = places(text)
    texts = [p.text for p in found]
    assert "Syrian Observatory" not in texts and "Syrian" not in texts and "Islamic State" not in texts
    assert by_text(found, "Raqqa").country == "SY"


def test_months_and_sentence_openers_are_not_places() -> None:
    text = "On Friday, March 3, police said nothing. Police later confirmed the toll in Garissa, Kenya."
    texts = [p.text for p in places(text)]
    assert "March" not in texts and "Friday" not in texts and "Police" not in texts
    assert "Garissa" in texts


def test_main_location_falls_back_to_country() -> None:
    text = "Violence across Syria left dozens dead, monitors said."
    loc = main_location(places(text))
    assert loc is not None and loc.country == "SY" and loc.precision == 3 and loc.where_prec == 6


def test_empty_document() -> None:
    assert find_places(Document(id="e", text=""), []) == []
    assert main_location([]) is None


def test_lookup_speed_sanity() -> None:
    g = get_gazetteer().open()
    words = [f"Nowhereville{i}" for i in range(5000)] + ["Nairobi", "Latakia", "Dori", "Gaza"] * 1250
    started = time.perf_counter()
    for w in words:
        g.lookup(normalize(w))
    assert time.perf_counter() - started < 1.0


@pytest.mark.slow
def test_seed_gold_places() -> None:
    gold_path = SHARED / "seed" / "gold.json"
    if not gold_path.exists():
        pytest.skip(f"../shared is absent ({gold_path} not found): seed gold places not checked")
    from tollwatch.text.segment import segment

    text = (SHARED / "seed" / "article.txt").read_text(encoding="utf-8")
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    found = find_places(Document(id="seed", text=text), segment(text))
    for want in gold["places"]:
        hits = [p for p in found if normalize(p.text) == normalize(want["name"]) or p.name == want["name"]]
        assert hits, f"{want['name']} not found"
        assert any(p.country == want["country"] for p in hits), want["name"]
        if "lat" in want:
            best = min(
                haversine_km(p.lat, p.lon, want["lat"], want["lon"]) for p in hits if p.lat is not None
            )
            assert best <= want["km"], (want["name"], best)


# --------------------------------------------------------------------------- country vote


def test_country_cues_are_found_with_their_countries() -> None:
    from tollwatch.geo.cues import scan

    found = {c.text: dict(c.countries) for c in scan("KDF troops and boda-boda riders met NPP youths.")}
    assert "KE" in found["KDF"] and "KE" in found["boda-boda"] and "GH" in found["NPP"]
    assert scan("Nothing here names a group.") == []


def test_armed_forces_cue_picks_the_country_of_an_ambiguous_town() -> None:
    text = "On 3 May 2021, KDF soldiers shot dead two suspects in Kwale town."
    loc = main_location(places(text))
    assert loc is not None and loc.country == "KE" and loc.precision == 1


def test_region_in_parenthetical_decides_the_country() -> None:
    text = "On 2 June 2020, rival party supporters fought in Banda (Banda, Bono); one man was stabbed."
    loc = main_location(places(text))
    assert loc is not None and loc.country == "GH" and loc.basis in ("parenthetical", "admin")


def test_alternate_names_of_small_places_do_not_beat_a_city() -> None:
    loc = main_location(places("Angry youths burnt tyres in Kumasi after a man died in custody."))
    assert loc is not None and loc.country == "GH"


def test_unknown_village_after_a_comma_falls_back_to_the_area() -> None:
    text = "On 9 March 2020, a mob beat a suspected thief to death in Xelbrinoko, Homa Bay."
    loc = main_location(places(text))
    assert loc is not None and loc.text == "Xelbrinoko" and loc.country == "KE"
    assert loc.basis == "admin" and loc.precision == 3


def test_weekday_after_a_town_and_residents_of() -> None:
    loc = main_location(places("A suspected thief was beaten to death by a crowd in Murang'a on Thursday."))
    assert loc is not None and loc.name and loc.country == "KE"
    loc = main_location(places("Residents of Eldama Ravine attacked two men accused of theft."))
    assert loc is not None and loc.country == "KE" and loc.precision == 1


def test_neighbour_country_is_not_the_event_place() -> None:
    text = "Koglweogo members said jihadists from Mali attacked the police station, wounding two."
    found = places(text)
    assert by_text(found, "Mali").role == "context"
    loc = main_location(found)
    assert loc is not None and loc.country == "BF" and loc.basis == "country"


def test_dateline_with_state_abbreviation() -> None:
    text = "NAPLES, Fla. - A man was shot in the head at a mall on Saturday, police said."
    loc = main_location(places(text))
    assert loc is not None and loc.country == "US" and loc.admin1 == "Florida"
