"""Resolve place mentions to gazetteer entries, in context.

Evidence, strongest first:

* admin context: "X (Admin2, Admin1)" (ACLED), "X (Tartous)", "X, Texas",
  "Balkh province" — a candidate inside the named areas wins;
* country context: country names, demonyms ("Syrian"), datelines, and the
  countries of the other, unambiguous places in the text;
* priors: population and feature type (a town for a bare name, an admin area
  after "county"/"province" or in an admin slot).

Context outweighs the population prior, so a village of population 0 whose
name and context fit is not buried under a city of the same name elsewhere.

An ACLED-style mention whose town is not in the gazetteer falls back to its
most specific resolved admin item (precision 2 for a district-level area, 3
for a province). An unresolved mention keeps its text and offsets, with
``lat``/``lon`` None and the country (and admin1) that the context gives.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass

from tollwatch.geo.gazetteer import Entry, Gazetteer, admin_key, haversine_km
from tollwatch.geo.normalize import normalize
from tollwatch.geo.toponyms import Hints, Toponym
from tollwatch.geo.usa import StateContext, state_of

#: Feature codes of point-like places (towns, camps, bases, neighbourhoods).
_AREA_CODES = frozenset({"ADM1", "ADM2", "ADM3", "ADM4", "ADMD", "RGN", "PCLI", "PCLD", "PCLS", "PCL"})


@dataclass(slots=True)
class Resolved:
    """What resolution says about one mention (``entry`` None when unresolved)."""

    mention: Toponym
    entry: Entry | None
    country: str | None
    admin1: str | None
    admin2: str | None
    precision: int | None
    where_prec: int | None
    #: Coordinates borrowed from an admin item (ACLED fallback), else the entry's.
    lat: float | None = None
    lon: float | None = None
    name: str | None = None
    fallback: bool = False
    #: The admin entry whose point a fallback borrowed.
    via: Entry | None = None


def precision_of(entry: Entry, near: bool) -> tuple[int, int]:
    """(ACLED geo_precision, UCDP where_prec) for a resolved entry."""
    code = entry.feature_code
    if code.startswith("PCL"):
        return 3, 6
    if code == "RGN":
        return 3, 5
    if code == "ADM1":
        return 3, 4
    if code in ("ADM2", "ADM3", "ADM4", "ADMD"):
        return 2, 3
    if near:
        return 2, 2
    return 1, 1


#: Countries whose main subdivisions are called counties in English (ISO 3166-2's
#: category names): "Embu County" is the Kenyan county, not Embu in Brazil.
COUNTY_COUNTRIES = frozenset("US GB IE KE LR NO SE TW HU HR EE LT RO PL CN".split())


def _county_named(m: Toponym) -> bool:
    """ "X County" / "X county": the mention is followed by the word county."""
    return m.after.startswith((" county", "-county")) and not m.after.startswith(" county jail")


def _pop_prior(entry: Entry) -> float:
    return 0.35 * math.log10(entry.population + 1)


#: Weights of the country vote.
_W_COUNTRY_NAME = 2.0
_W_DEMONYM = 1.0
_W_STRONG = 1.0
_W_PREP = 0.8
_W_BARE = 0.3


def is_primary(entry: Entry, key: str) -> bool:
    """True when ``key`` is the entry's own name, not one of its alternate names."""
    return normalize(entry.name) == key or admin_key(entry.name) == key


def _softmax(scores: dict[str, float]) -> dict[str, float]:
    if not scores:
        return {}
    top = max(scores.values())
    weights = {cc: math.exp(s - top) for cc, s in scores.items()}
    total = sum(weights.values())
    return {cc: w / total for cc, w in weights.items()}


@dataclass(slots=True)
class CountryVote:
    """The document's country vote: raw votes, shares, and the winner."""

    votes: dict[str, float]
    share: dict[str, float]
    dominant: str | None


class Resolver:
    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gaz = gazetteer
        self._supported: set[str] = set()
        self._states = StateContext()
        self._named: set[str] = set()

    def candidates(self, key: str) -> tuple[Entry, ...]:
        return self.gaz.lookup(key)

    # ------------------------------------------------------------------ country context

    def _mention_countries(self, key: str, admin: bool = False, county: bool = False) -> dict[str, float]:
        """How likely each country is for one name on its own (population, own name, area;
        ``county``: named "X County")."""
        best: dict[str, float] = {}
        for e in self.candidates(key):
            if e.is_country:
                continue
            s = 0.5 * math.log10(e.population + 10)
            if not is_primary(e, key):
                s -= 1.5
            if admin and e.feature_code in _AREA_CODES:
                s += 1.0
            if county:
                s += 1.5 if e.country in COUNTY_COUNTRIES else -1.0
            if s > best.get(e.country, -99.0):
                best[e.country] = s
        return _softmax(best)

    def _admin1_keys(self, key: str, cc: str) -> set[str]:
        """Admin1 names (bare keys) that an admin item ``key`` may stand for in ``cc``."""
        out = {key}
        for e in self.candidates(key):
            if e.country == cc and e.feature_code in ("ADM1", "RGN"):
                for name in (e.name, e.admin1):
                    if name:
                        out.add(admin_key(name))
        return out

    def _inside(self, e: Entry, admin1_keys: set[str]) -> bool:
        return bool(e.admin1) and admin_key(e.admin1 or "") in admin1_keys

    def group_fit(self, m: Toponym) -> dict[str, float]:
        """How well "X (A, B)" fits together in each country: the last item an admin1
        (or the country), the others areas or towns inside it, X a place inside them."""
        items = m.admins
        last = items[-1]
        fit: dict[str, float] = defaultdict(float)
        last_fit: dict[str, float] = {}
        for e in self.candidates(last.key):
            if e.is_country:
                f = 3.0
            elif e.feature_code in ("ADM1", "RGN"):
                f = 3.0 if is_primary(e, last.key) else 2.5
            elif e.is_admin:
                f = 2.0
            else:
                f = 1.0
            last_fit[e.country] = max(last_fit.get(e.country, 0.0), f)
        for cc, f in last_fit.items():
            fit[cc] += f
        for k, item in enumerate([*items[:-1], m]):
            head = k == len(items) - 1
            per: dict[str, float] = {}
            for e in self.candidates(item.key):
                if e.is_country:
                    continue
                inside = e.country in last_fit and self._inside(e, self._admin1_keys(last.key, e.country))
                f = (2.0 if inside else 0.5) if head else 3.0 if inside else 1.5 if e.is_admin else 1.0
                if not is_primary(e, item.key):
                    f *= 0.5
                per[e.country] = max(per.get(e.country, 0.0), f)
            for cc, f in per.items():
                fit[cc] += f
        return dict(fit)

    def country_vote(self, mentions: list[Toponym], hints: Hints) -> CountryVote:
        votes: dict[str, float] = defaultdict(float)
        demonyms: dict[str, list[float]] = defaultdict(list)
        for cc, pos in hints.countries:
            demonyms[cc].append(0.5 if pos in hints.weak else 1.0)
        for cc, ws in demonyms.items():
            votes[cc] += _W_DEMONYM * sum(sorted(ws, reverse=True)[:2])
        seen_cues: set[str] = set()
        for cue in hints.cues:
            key = cue.text.casefold()
            if key in seen_cues:
                continue
            seen_cues.add(key)
            for cc, w in cue.countries:
                votes[cc] += w
        if hints.us.us > 0:
            votes["US"] += hints.us.us
        weights: dict[str, float] = {}
        counties: set[str] = set()
        named_seen: set[str] = set()
        for m in mentions:
            if m.admin_item:
                continue
            named = self.gaz.country_names.get(m.key)
            if m.border:
                if named and named not in named_seen:
                    votes[named] += 0.3
                continue
            if named:
                if named not in named_seen:
                    named_seen.add(named)
                    votes[named] += _W_COUNTRY_NAME
                continue
            if m.admins:
                if self._us_state(m, hints.us) is not None:
                    votes["US"] += 2.0
                    continue
                for cc, f in self.group_fit(m).items():
                    votes[cc] += f
                continue
            w = _W_STRONG if m.strong else _W_PREP if m.prep else _W_BARE
            weights[m.key] = max(weights.get(m.key, 0.0), w)
            if _county_named(m):
                counties.add(m.key)
        for key, w in weights.items():
            for cc, p in self._mention_countries(key, county=key in counties).items():
                votes[cc] += w * p
        total = sum(votes.values())
        if not votes or total <= 0:
            return CountryVote({}, {}, None)
        share = {cc: v / total for cc, v in votes.items()}
        dominant = max(votes.items(), key=lambda kv: (kv[1], kv[0]))[0]
        return CountryVote(dict(votes), share, dominant)

    # ------------------------------------------------------------------ resolution

    def resolve(self, mentions: list[Toponym], hints: Hints) -> tuple[list[Resolved], CountryVote]:
        """Resolve every mention, inside the document's country first."""
        vote = self.country_vote(mentions, hints)
        dominant, share = vote.dominant, vote.share
        out: dict[int, Resolved] = {}
        anchors: list[Entry] = []
        # Heads of parentheticals first: they anchor the rest.
        order = sorted(
            range(len(mentions)),
            key=lambda i: (0 if mentions[i].admins else 1 if mentions[i].admin_item else 2, i),
        )
        self._supported = {m.key for m in mentions if m.strong or m.prep}
        self._states = hints.us if dominant == "US" else StateContext()
        # Countries the text itself names (a name, a demonym, a cue): a place
        # there needs no other support.
        self._named = {cc for cc, _pos in hints.countries}
        self._named.update(cc for cue in hints.cues for cc, _w in cue.countries[:1])
        self._named.update(
            cc for m in mentions if not m.admin_item and (cc := self.gaz.country_names.get(m.key)) is not None
        )
        for i in order:
            m = mentions[i]
            if i in out:
                continue
            us_state = self._us_state(m, self._states) if m.admins else None
            if us_state is not None:
                group = self._resolve_us_group(m, us_state, dominant, share, anchors)
            elif m.admins:
                group = self._resolve_group(m, dominant, share, anchors)
            if m.admins:
                out[i] = group[0]
                for item_res in group[1:]:
                    j = self._index_of(mentions, item_res.mention)
                    if j is not None:
                        out[j] = item_res
                continue
            res = self._resolve_one(m, dominant, share, anchors, admin_entries=[])
            if res is None:
                continue
            out[i] = res
            if res.entry is not None and not res.entry.is_country and m.cue != "site":
                anchors.append(res.entry)
        base_states = self._states
        # Second pass: ambiguous names again, now that every other place is known
        # ("Bastrop" near "Travis County" is the Texas one).
        for i, res in list(out.items()):
            m = mentions[i]
            if res.entry is None or m.admins or m.admin_item or len(self.candidates(m.key)) < 2:
                continue
            others = [a for a in anchors if a is not res.entry and normalize(a.name) != m.key]
            if base_states.states or dominant == "US":
                # The states of the other places the story names vote too.
                votes = dict(base_states.states)
                for a in {id(a): a for a in others}.values():
                    if a.country == "US" and a.admin1 and not a.is_country:
                        votes[a.admin1] = votes.get(a.admin1, 0.0) + 1.0
                self._states = StateContext(votes, base_states.us, base_states.dateline)
            again = self._resolve_one(m, dominant, share, others, admin_entries=[])
            if again is not None and again.entry is not None:
                out[i] = again
        self._states = base_states
        return [out[i] for i in sorted(out)], vote

    @staticmethod
    def _us_state(m: Toponym, states: StateContext) -> str | None:
        """The US state of "Town, ST" / "TOWN, Fla." when the text's state evidence has it."""
        if len(m.admins) != 1 or not states.states:
            return None
        state = state_of(m.admins[0].text)
        return state if state is not None and state in states.states else None

    def _resolve_us_group(
        self, m: Toponym, state: str, dominant: str | None, share: dict[str, float], anchors: list[Entry]
    ) -> list[Resolved]:
        """ "Town, State": the town inside that state, else the state itself."""
        state_entry = next(
            (
                e
                for e in self.candidates(normalize(state))
                if e.country == "US" and e.feature_code == "ADM1" and (e.admin1 or e.name) == state
            ),
            None,
        )
        item = m.admins[0]
        item_res = (
            self._from_entry(item, state_entry)
            if state_entry is not None
            else Resolved(item, None, "US", state, None, None, None)
        )
        inside = [
            e for e in self.candidates(m.key) if e.country == "US" and e.admin1 == state and not e.is_country
        ]
        if inside:
            best = max(
                inside,
                key=lambda e: (
                    self._score(e, m, dominant, share, anchors, [], m.cue == "admin")
                    + (1.0 if is_primary(e, m.key) else 0.0),
                    e.population,
                ),
            )
            anchors.append(best)
            return [self._from_entry(m, best), item_res]
        if state_entry is not None:
            return [self._fallback(m, [item_res], "US"), item_res]
        return [Resolved(m, None, "US", state, None, None, None), item_res]

    @staticmethod
    def _index_of(mentions: list[Toponym], target: Toponym) -> int | None:
        for k, m in enumerate(mentions):
            if m is target:
                return k
        return None

    def _score(
        self,
        e: Entry,
        m: Toponym,
        dominant: str | None,
        share: dict[str, float],
        anchors: list[Entry],
        admin_entries: list[Entry],
        admin_slot: bool,
    ) -> float:
        s = _pop_prior(e)
        if not e.is_country and not is_primary(e, m.key):
            s -= 1.5  # an alternate name: GeoNames keeps many odd ones
        if e.feature_code == "ADM2" and m.cue is None and not admin_slot and normalize(e.name) != m.key:
            s -= 1.0  # "Park" for "Park County": a county is named with its kind
        if dominant is not None:
            if e.country == dominant:
                s += 3.0
            s += 2.0 * share.get(e.country, 0.0)
            if dominant == "US" and e.country != "US" and not e.is_country and e.country not in self._named:
                # A US local story names a place abroad only with its country.
                s -= 4.0
        states = self._states
        if states.states and e.country == "US" and e.admin1:
            # Inside the state the story is about first.
            s += 3.0 * states.share(e.admin1)
        if admin_entries:
            s += self._admin_fit(e, admin_entries)
        if anchors and not e.is_country:
            near = [
                d
                for a in anchors
                if a.country == e.country and (d := haversine_km(a.lat, a.lon, e.lat, e.lon)) < 100
            ]
            if near:
                s += 1.0
                if min(near) < 25 and e.feature_code not in _AREA_CODES:
                    # A neighbourhood or suburb of a city the text names.
                    s += 1.0
        if e.is_country and self.gaz.country_names.get(m.key) == e.country:
            s += 3.0
        is_area = e.feature_code in _AREA_CODES
        if _county_named(m) and not e.is_country:
            s += 1.5 if e.country in COUNTY_COUNTRIES else -1.0
        if admin_slot or m.cue == "admin":
            s += 2.0 if is_area and not e.is_country else 0.0
        elif m.cue in ("village", "town", "camp", "base"):
            s += 1.0 if not is_area else -1.0
        elif is_area and not e.is_country:
            s -= 0.5
        if e.feature_code in ("RFGC", "AIRB", "PPLX") and m.cue in ("camp", "base", "village"):
            s += 1.0
        return s

    def _admin_fit(self, e: Entry, admins: list[Entry]) -> float:
        """How well ``e`` sits inside the resolved admin items (most specific first)."""
        best = 0.0
        for rank, a in enumerate(admins):
            if a.is_country:
                if e.country == a.country:
                    best = max(best, 1.0)
                continue
            if e.country != a.country:
                continue
            ak = admin_key(a.name)
            names = {admin_key(x) for x in (e.admin1, e.admin2) if x}
            akeys = {admin_key(x) for x in (a.admin1, a.admin2, a.name) if x}
            if ak in names or (a.feature_code == "ADM1" and a.admin1 and admin_key(a.admin1) in names):
                best = max(best, 4.0 - 0.5 * rank)
                continue
            if names & akeys and a.feature_code != "ADM1" and e.admin2 and a.admin2:
                best = max(best, 3.5 - 0.5 * rank)
                continue
            # Provinces and counties can be 300 km across (Marsabit, Oudalan's neighbours).
            radius = 250.0 if a.feature_code == "ADM1" else 60.0
            if haversine_km(e.lat, e.lon, a.lat, a.lon) < radius:
                best = max(best, 3.0 - 0.5 * rank)
        return best

    def _pick(
        self,
        m: Toponym,
        dominant: str | None,
        share: dict[str, float],
        anchors: list[Entry],
        admin_entries: list[Entry],
        admin_slot: bool = False,
        country: str | None = None,
    ) -> tuple[Entry | None, float]:
        cands = self.gaz.lookup(m.key)
        if country:
            cands = tuple(e for e in cands if e.country == country)
        if not cands:
            return None, 0.0
        best: tuple[float, Entry] | None = None
        for e in cands:
            s = self._score(e, m, dominant, share, anchors, admin_entries, admin_slot)
            if best is None or s > best[0] or (s == best[0] and e.population > best[1].population):
                best = (s, e)
        assert best is not None
        return best[1], best[0]

    def _resolve_one(
        self,
        m: Toponym,
        dominant: str | None,
        share: dict[str, float],
        anchors: list[Entry],
        admin_entries: list[Entry],
    ) -> Resolved | None:
        entry, _score = self._pick(m, dominant, share, anchors, admin_entries, admin_slot=m.admin_item)
        if entry is not None and not m.strong and not entry.is_country:
            supported = m.prep or m.key in self._supported
            big = entry.population >= 100_000 or entry.feature_code in ("ADM1", "RGN")
            # A bare capitalised word with no preposition or cue anywhere in the
            # text is more likely a name or a common word than a place…
            named_here = (
                entry.country in self._named
                and entry.country != "US"
                and is_primary(entry, m.key)
                and (entry.population >= 1000 or entry.is_admin)
            )
            # …unless it is a town of a country the text itself names ("a Kenyan
            # official…", "KDF troops…") under its own name ("an Isiolo boys school").
            if not supported and not big and not named_here:
                return None
            # …and so is one whose readings lie outside the story's countries.
            if dominant is not None and share.get(entry.country, 0.0) < 0.1 and entry.population < 100_000:
                return None
        if (
            entry is not None
            and dominant is not None
            and not entry.is_country
            and entry.country != dominant
            and entry.population < 100_000
            and share.get(entry.country, 0.0) < 0.5 * share.get(dominant, 0.0)
        ):
            # A small place abroad while the story is clearly elsewhere: most likely
            # a namesake of a local place the gazetteer lacks.
            entry = None
        if (
            entry is not None
            and not entry.is_country
            and not is_primary(entry, m.key)
            and entry.population < 100_000
            and share.get(entry.country, 0.0) < 0.5
        ):
            # Only an alternate spelling of a small place the story gives no reason for.
            entry = None
        if (
            entry is not None
            and dominant is not None
            and not entry.is_country
            and entry.country != dominant
            and not is_primary(entry, m.key)
            and entry.population < 1_000_000
            and share.get(entry.country, 0.0) < 0.5 * share.get(dominant, 0.0)
        ):
            # An alternate spelling of a town abroad while the story is elsewhere
            # ("Pensa" is no spelling of Penza in a report from Burkina Faso).
            entry = None
        if entry is None:
            if not m.strong:
                return None
            admin1 = self._states.top if dominant == "US" else None
            return Resolved(m, None, dominant, admin1, None, None, None)
        return self._from_entry(m, entry)

    def _from_entry(self, m: Toponym, entry: Entry) -> Resolved:
        precision, where = precision_of(entry, m.near)
        return Resolved(
            m,
            entry,
            entry.country,
            entry.admin1 if not entry.is_country else None,
            entry.admin2,
            precision,
            where,
            entry.lat,
            entry.lon,
            entry.name,
        )

    def _resolve_group(
        self, m: Toponym, dominant: str | None, share: dict[str, float], anchors: list[Entry]
    ) -> list[Resolved]:
        """ "X (A3, A2, A1)": resolve the items from the most general down, then X."""
        fit = self.group_fit(m)
        country = (
            max(fit, key=lambda cc: (fit[cc] + 3.0 * share.get(cc, 0.0), cc)) if fit else None
        ) or dominant
        items = m.admins
        resolved_items: list[Resolved | None] = [None] * len(items)
        chain: list[Entry] = []  # most general first while resolving
        for k in range(len(items) - 1, -1, -1):
            item = items[k]
            entry, _ = self._pick(
                item, dominant, share, anchors, list(reversed(chain)), admin_slot=True, country=country
            )
            if entry is None:
                resolved_items[k] = Resolved(item, None, country, None, None, None, None)
                continue
            resolved_items[k] = self._from_entry(item, entry)
            chain.append(entry)
        specific_first = list(reversed(chain))
        head_entry, _ = self._pick(m, dominant, share, anchors, specific_first, country=country)
        if (
            head_entry is not None
            and specific_first
            and self._admin_fit(head_entry, specific_first) == 0.0
            and head_entry.population < 50_000
        ):
            # The name exists, but not inside the areas the note names.
            head_entry = None
        if head_entry is not None:
            head = self._from_entry(m, head_entry)
            anchors.append(head_entry)
        else:
            head = self._fallback(m, resolved_items, country)
        return [head, *(r for r in resolved_items if r is not None)]

    def _fallback(self, m: Toponym, items: list[Resolved | None], country: str | None) -> Resolved:
        """The town is unknown: take the most specific resolved admin item."""
        admin1 = None
        for r in reversed(items):
            if r is not None and r.entry is not None and r.entry.feature_code == "ADM1":
                admin1 = r.entry.admin1 or r.entry.name
                break
        for r in items:
            if r is None or r.entry is None:
                continue
            e = r.entry
            if e.is_country:
                precision, where = 3, 6
            elif e.feature_code == "ADM1" or e.feature_code == "RGN":
                precision, where = 3, 4
            else:
                # A district, or a commune named after its seat.
                precision, where = 2, 3
            return Resolved(
                m,
                None,
                e.country,
                e.admin1 or admin1,
                e.admin2 if e.feature_code != "ADM1" else None,
                precision,
                where,
                e.lat,
                e.lon,
                e.name,
                fallback=True,
                via=e,
            )
        return Resolved(m, None, country, admin1, None, None, None)
