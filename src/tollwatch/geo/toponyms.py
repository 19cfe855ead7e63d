"""Place mentions in text, with character offsets.

A mention is a run of capitalised words (1–4, allowing Arabic articles such as
``al-``/``El-``, hyphens and diacritics) that the gazetteer knows, or that a
cue marks as a place even when the gazetteer does not know it: "the village
of X", "X town", "X county", "near X", an ACLED parenthetical "X (Admin2,
Admin1)". False friends are skipped: people (after a title, before "said"),
organisations ("Syrian Observatory", "Ministry of …", "Police"), demonyms
("Syrian", "Kenyan": kept as country hints), months, weekdays, sentence
openers and common words that some gazetteer place happens to share.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from tollwatch.geo.cues import scan as scan_cues
from tollwatch.geo.gazetteer import Gazetteer, get_gazetteer
from tollwatch.geo.normalize import normalize
from tollwatch.geo.toponym_admins import comma_admin, parenthetical, route_ends
from tollwatch.geo.toponym_types import Hints, Tok, Toponym, tokens
from tollwatch.geo.toponym_words import (
    _ABBREVIATIONS,
    _BORDER_RE,
    _DETERMINERS,
    _DIRECTIONS,
    _LOCAL_ORGS,
    _OF_PLACE,
    _OFFICE_TITLES,
    _PLACE_FOLLOWERS,
    _ROUTE_WORDS,
    _SITE_ORGS,
    _STATE_WORDS,
    CONNECTORS,
    FEATURE_AFTER,
    FEATURE_BEFORE,
    NEAR_WORDS,
    ORG_HEADS,
    PEOPLE_HEADS,
    PLACE_PREPS,
    SPEECH_VERBS,
    TITLES,
    _appositive_kind,
    given_names,
    not_places,
)
from tollwatch.geo.usa import scan as scan_states
from tollwatch.geo.usa import two_word_states


@dataclass(slots=True)
class _Sentence:
    """One sentence being read: its words, and what the reading learns (people, country hints)."""

    text: str
    toks: list[Tok]
    index: int
    persons: set[str]
    hints: Hints
    start: int
    end: int


@dataclass(slots=True)
class _Name:
    """A candidate name ``toks[i:j]`` and what stands around it, as :meth:`ToponymFinder._mention`
    reads it; the rules fill in the cue, the evidence and the admin items."""

    i: int
    j: int
    words: list[str]
    start: int
    end: int
    surface: str
    key: str
    nxt: Tok | None
    #: Up to 60 characters before the name (casefolded) and after it (as written).
    before: str
    after: str
    prev: str
    prev2: str
    cue: str | None = None
    strong: bool = False
    #: Where a capitalised kind word after the name ("… Town") ends.
    feature_end: int | None = None
    is_country: object = None
    near: bool = False
    known: bool = False
    admins: list[Toponym] = field(default_factory=list)


class ToponymFinder:
    """Finds :class:`Toponym` spans in sentences; one per process is enough."""

    def __init__(self, gazetteer: Gazetteer | None = None) -> None:
        self.gaz = gazetteer or get_gazetteer()
        self.stop = not_places()
        self.given = given_names()

    def known(self, key: str) -> bool:
        return bool(key) and bool(self.gaz.lookup(key))

    def find(
        self, text: str, sentences: list[tuple[int, int]], persons: set[str] | None = None
    ) -> tuple[list[Toponym], Hints]:
        """Mentions in ``text`` sentence by sentence (``sentences`` are (start, end) offsets)."""
        persons = persons if persons is not None else set()
        hints = Hints(cues=scan_cues(text), us=scan_states(text, self.gaz))
        found: list[Toponym] = []
        for index, (s_start, s_end) in enumerate(sentences):
            found.extend(self._sentence(text, s_start, s_end, index, persons, hints))
        # Words learnt to be people's names anywhere in the text ("Haddu said")
        # are no places elsewhere, unless a cue says so.
        found = [t for t in found if t.strong or t.key not in persons]
        # A bare name inside a cue ("Al Shabaab", "Jubilee Party") is the cue's, not a place.
        if hints.cues:
            found = [
                t
                for t in found
                if t.strong or t.prep or not any(c.start <= t.start < c.end for c in hints.cues)
            ]
        spans = two_word_states(text) if hints.us.states else []
        if spans:
            # "Carolina" of "North Carolina" is the state's, not a town.
            found = [
                t
                for t in found
                if not any(a <= t.start and t.end <= b and (a, b) != (t.start, t.end) for a, b in spans)
            ]
        found.sort(key=lambda t: t.start)
        return found, hints

    # ------------------------------------------------------------------ one sentence

    def _sentence(
        self, text: str, s_start: int, s_end: int, index: int, persons: set[str], hints: Hints
    ) -> list[Toponym]:
        toks = tokens(text[s_start:s_end], s_start)
        sentence = _Sentence(text, toks, index, persons, hints, s_start, s_end)
        n = len(toks)
        out: list[Toponym] = []
        i = 0
        dateline = self._dateline(text, toks)
        while i < n:
            tok = toks[i]
            if not tok.cap:
                i += 1
                continue
            # Grow a run of capitalised words joined by single spaces or connectors.
            j = i + 1
            while j < n and j - i < 6:
                gap = text[toks[j - 1].end : toks[j].start]
                initial = len(toks[j - 1].text) == 1 and toks[j - 1].text.isupper()  # "Michael C. Chandler"
                if gap != " " and not (gap == ". " and (toks[j - 1].low in _ABBREVIATIONS or initial)):
                    break
                nxt = toks[j]
                if nxt.cap:
                    j += 1
                    continue
                if (
                    nxt.low in CONNECTORS
                    and j + 1 < n
                    and toks[j + 1].cap
                    and text[nxt.end : toks[j + 1].start] in (" ", "-")
                ):
                    j += 2
                    continue
                break
            got = self._run(sentence, i, j)
            for t in got:
                if t.end <= dateline:
                    t.prep = True  # the place the report is filed from is used as a place
            out.extend(got)
            i = j
            if got:
                # Skip the words a parenthetical or a comma admin already took.
                last = max(t.end for t in got)
                while i < n and toks[i].start < last:
                    i += 1
        return out

    @staticmethod
    def _dateline(text: str, toks: list[Tok]) -> int:
        """Where a dateline opening the sentence ends ("NAIROBI, Kenya —", "BANIYAS (Reuters) —",
        "UNIVERSAL CITY --"), its words made name words; 0 when there is none."""
        n = len(toks)
        if not (n and toks[0].text.isupper() and len(toks[0].text) > 2):
            return 0
        j = 1
        while (
            j < n
            and j < 3
            and toks[j].text.isupper()
            and len(toks[j].text) > 1
            and text[toks[j - 1].end : toks[j].start] in (" ", ". ")
        ):
            j += 1
        gap = text[toks[j - 1].end : toks[j - 1].end + 3]
        if not (gap[:1] in (",", "(", " ") and (gap.strip()[:1] in (",", "(", "—", "-", "–"))):
            return 0
        for t in toks[:j]:
            t.cap = True
        end = toks[j - 1].end
        # "LOUISVILLE, KY (WAVE)": the state after the comma.
        if gap[:1] == "," and j < n and toks[j].text.isupper() and 1 < len(toks[j].text) <= 4:
            toks[j].cap = True
            end = toks[j].end
        return end

    def _run(self, s: _Sentence, i: int, j: int) -> list[Toponym]:
        """The mentions in the capitalised run ``toks[i:j]``."""
        trimmed = self._trim(s, i, j)
        if trimmed is None:
            return []
        i, j, titled = trimmed
        found = self._office_place(s, i, j, titled)
        if found is None:
            found = self._institution_place(s, i, j, titled)
        if found is not None:
            return found
        parts = self._parts(s, i, j)
        if len(parts) > 1:
            return [t for a, b in parts for t in self._run(s, a, b)]
        return self._mention(s, i, j, titled)

    def _trim(self, s: _Sentence, i: int, j: int) -> tuple[int, int, bool] | None:
        """The run without its leading openers and titles and its trailing connectors, and
        whether a title stood before it; ``None`` when nothing is left."""
        text, toks, stop = s.text, s.toks, self.stop
        # Leading sentence openers and titles ("In Al-Janoudiya", "President Bashar").
        titled = False
        while (
            i < j
            and (toks[i].low in stop or toks[i].low in TITLES)
            # "Lower East Side": a known name that opens with a direction word.
            and not (
                toks[i].low in _DIRECTIONS
                and j - i > 1
                and self.known(normalize(text[toks[i].start : toks[j - 1].end]))
            )
        ):
            if (
                toks[i].low in _DIRECTIONS
                and i + 1 < j
                and FEATURE_AFTER.get(toks[i + 1].low) == "admin"
                and (i + 2 == j or toks[i + 2].low in CONNECTORS)
            ):
                break  # "Central Region", "Eastern Province": a region named by its direction
            if toks[i].low in TITLES:
                titled = True
            i += 1
        # Trailing lowercase connectors cannot end a name, nor a weekday or month
        # ("in Murang'a Thursday morning").
        while j > i and (
            (toks[j - 1].low in CONNECTORS and not toks[j - 1].cap)
            or (
                j - i > 1
                and toks[j - 1].low in stop
                and toks[j - 1].low not in _DIRECTIONS
                and toks[j - 1].low not in _SITE_ORGS
                and not (toks[j - 1].low == "assembly" and j - i > 2)  # "Tamale Metropolitan Assembly"
            )
        ):
            j -= 1
        # "Embakasi East": a known place with a direction the gazetteer lacks.
        if (
            j - i > 1
            and toks[j - 1].low in _DIRECTIONS
            and not self.known(normalize(text[toks[i].start : toks[j - 1].end]))
            and self.known(normalize(text[toks[i].start : toks[j - 2].end]))
        ):
            j -= 1
        # "Southwest Baltimore", "North Philadelphia": a part of a known place named by its
        # direction, where the whole is no name the gazetteer knows.
        if (
            j - i > 1
            and toks[i].low in _DIRECTIONS
            and not self.known(normalize(text[toks[i].start : toks[j - 1].end]))
            and self.known(normalize(text[toks[i + 1].start : toks[j - 1].end]))
        ):
            i += 1
        if i >= j:
            return None
        # A title just before the run ("Sheriff Ann Cole"), not one a colon ends ("Sheriff: Iredell
        # County man …", a headline's speaker).
        before = i > 0 and toks[i - 1].low in TITLES and text[toks[i - 1].end : toks[i].start] in (" ", ". ")
        return i, j, titled or before

    def _office_place(self, s: _Sentence, i: int, j: int, titled: bool) -> list[Toponym] | None:
        """ "Homa Bay Governor Jane Doe": the place an office belongs to, then a person
        (``None``: the run holds no office title after a known place)."""
        text, toks = s.text, s.toks
        for k in range(i + 1, j):
            if toks[k].low in _OFFICE_TITLES:
                key = normalize(text[toks[i].start : toks[k - 1].end])
                if key not in self.gaz.demonyms and self.known(key):
                    found = self._mention(s, i, k, titled)
                    for t in found:
                        t.prep = True
                        if not t.admin_item:
                            t.cue = t.cue or "site"  # where the office is, not always the event
                    s.persons.update(t.low for t in toks[k + 1 : j] if t.low not in TITLES)
                    return found
                break
        return None

    def _institution_place(self, s: _Sentence, i: int, j: int, titled: bool) -> list[Toponym] | None:
        """Organisations: "Syrian Observatory for Human Rights", "Kenya Defence Forces" name no
        place, but a local authority's or a school's town does (``None``: no organisation)."""
        text, toks = s.text, s.toks
        words = [t.low for t in toks[i:j]]
        # A run followed by an admin parenthetical is a place, whatever its last word
        # ("Archers Post (Samburu East, Samburu)").
        paren_next = (
            (
                toks[j - 1].low not in _OFFICE_TITLES  # "Riverton MP (Party)": a party, not an area
                and text[toks[j - 1].end : toks[j - 1].end + 2] == " ("
            )
            and bool(parenthetical(self, text, toks[j - 1].end, None, s.end, s.index, None))
        )
        for k, w in enumerate(words[1:], start=1):
            if w in ("of", "and") and not toks[i + k].cap:
                return None  # "Students of Riverton High School": the parts are read one by one
            if w in ORG_HEADS and not paren_next:
                cc = self.gaz.country_of_word(toks[i].text)
                if cc:
                    s.hints.countries.append((cc, toks[i].start))
                # "Indianapolis Metropolitan Police": the place a local authority
                # is named after still tells where the story is; so does the town a
                # school or a hospital is named after ("Riverton High School").
                if not (_LOCAL_ORGS | _SITE_ORGS).intersection(words[k:]):
                    return []
                return self._named_after(s, i, i + k, titled, site=not _LOCAL_ORGS.intersection(words[k:]))
        return None

    def _named_after(self, s: _Sentence, i: int, head: int, titled: bool, site: bool) -> list[Toponym]:
        """The known place an institution ``toks[i:head]`` is named after, if any."""
        text, toks = s.text, s.toks
        for b in range(head, i, -1):
            key = normalize(text[toks[i].start : toks[b - 1].end])
            if key not in self.gaz.demonyms and self.known(key):
                # "Kitui County Assembly": the kind word stays with the name.
                end = b + 1 if b < head and toks[b].low in FEATURE_AFTER else b
                found = self._mention(s, i, end, titled)
                for t in found:
                    t.prep = True
                    if site and not t.admin_item:
                        # Where the institution is: context, never the event by itself.
                        t.cue = t.cue or "site"
                return found
        return []

    def _parts(self, s: _Sentence, i: int, j: int) -> list[tuple[int, int]]:
        """The run split at "of"/"and"/"the" when the whole run is not a known name."""
        toks = s.toks
        if j - i <= 1 or self.known(normalize(" ".join(t.text for t in toks[i:j]))):
            return [(i, j)]
        parts: list[tuple[int, int]] = []
        a = i
        for k in range(i, j):
            if toks[k].low in ("of", "and", "the") and not toks[k].cap:
                if a < k:
                    parts.append((a, k))
                a = k + 1
        if a < j:
            parts.append((a, j))
        return parts

    def _mention(self, s: _Sentence, i: int, j: int, titled: bool) -> list[Toponym]:
        """The place ``toks[i:j]`` names (with the admin items beside it), or nothing when the
        words are a person, a people, an organisation, a nationality or no name at all."""
        n = self._name(s, i, j)
        if n is None or self._not_a_place(s, n, titled):
            return []
        self._cues_around(s, n)
        found = self._evidence(s, n)
        if found is not None:
            return found
        if self._unplaced(s, n):
            return []
        if n.cue is None and n.nxt is not None and n.nxt.low in _OFFICE_TITLES:
            n.cue = "site"  # "the Riverton governor": where the office is, not always the event
        elif n.cue is None and n.nxt is not None and n.nxt.cap and n.nxt.low in _LOCAL_ORGS:
            # "Universal City Police said": a local authority sits in the town it is named after,
            # which tells where the story is when nothing else does.
            n.cue = "authority"
        return self._toponym(s, n)

    def _name(self, s: _Sentence, i: int, j: int) -> _Name | None:
        """The candidate name and its surroundings; a capitalised kind word at its end
        ("Nairobi County", "Balkh Province") is a cue, not part of the name."""
        text, toks = s.text, s.toks
        words = [t.low for t in toks[i:j]]
        cue: str | None = None
        feature_end: int | None = None
        whole = words[-1] == "city" and self.known(normalize(text[toks[i].start : toks[j - 1].end]))
        if j - i > 1 and words[-1] in FEATURE_AFTER and not whole:  # "Universal City" is its name
            cue = FEATURE_AFTER[words[-1]]
            feature_end = toks[j - 1].end
            j -= 1
            words = words[:-1]
        start, end = toks[i].start, toks[j - 1].end
        surface = text[start:end]
        key = normalize(surface)
        if not key or (j - i == 1 and cue is None and words[0] in FEATURE_AFTER):
            return None  # "Region", "County" alone
        return _Name(
            i=i,
            j=j,
            words=words,
            start=start,
            end=end,
            surface=surface,
            key=key,
            nxt=toks[j] if j < len(toks) else None,
            before=text[max(s.start, start - 60) : start].casefold(),
            after=text[end : min(s.end, end + 60)],
            prev=toks[i - 1].low if i > 0 else "",
            prev2=toks[i - 2].low if i > 1 else "",
            cue=cue,
            strong=cue is not None,
            feature_end=feature_end,
        )

    def _not_a_place(self, s: _Sentence, n: _Name, titled: bool) -> bool:
        """Demonyms (kept as country hints), people (learnt as such), peoples and organisations."""
        nxt_low = n.nxt.low if n.nxt is not None else ""
        cc = self.gaz.demonyms.get(n.key) if n.j - n.i == 1 else None
        if cc is not None and self.gaz.country_names.get(n.key) is None:
            s.hints.countries.append((cc, n.start))
            if nxt_low not in _STATE_WORDS:
                # "an Ivorian trader": a person's nationality, weaker than "Kenyan police".
                s.hints.weak.add(n.start)
            return True
        n.is_country = self.gaz.country_names.get(n.key)
        # People: after a title, before "said", or already seen as a person.
        person = (
            titled
            or (n.key in s.persons and not n.is_country)
            or (nxt_low in SPEECH_VERBS and not n.is_country and not n.after.startswith(","))
            # "Erica Rodriguez, 21," — an age after a name.
            or nxt_low in ("jr", "sr")
            or re.match(r",\s*\d{1,2}\s*[,)]", n.after) is not None
        )
        if person:
            s.persons.update(n.words)
            s.persons.add(n.key)
            return True
        nxt = n.nxt
        if nxt is None or nxt.cap:
            return False
        # Peoples: "Pokot raiders", "Fulani herders" ("Sakai community (District, Region)" is a place).
        if nxt_low in PEOPLE_HEADS and not n.is_country and s.text[nxt.end : nxt.end + 2] != " (":
            return True
        # "Kenyan police" / "Baniyas police": keep places, drop unknown words.
        return nxt_low in ORG_HEADS and nxt_low not in FEATURE_AFTER and not self.known(n.key)

    def _cues_around(self, s: _Sentence, n: _Name) -> None:
        """Kind words after the name ("X town") and before it ("the village of X"), and "near"."""
        nxt, prev, prev2 = n.nxt, n.prev, n.prev2
        if n.cue is None and nxt is not None and not nxt.cap and nxt.low in FEATURE_AFTER:
            if s.text[n.end : nxt.start] in (" ", "-"):
                n.cue = FEATURE_AFTER[nxt.low]
                n.strong = True
        if prev == "of" and prev2 in FEATURE_BEFORE:
            c = FEATURE_BEFORE[prev2]
            n.strong = True
            n.cue = n.cue or c
        n.near = (
            n.cue == "near" or prev in NEAR_WORDS or (prev == "of" and prev2 in ("outskirts", "vicinity"))
        )

    def _evidence(self, s: _Sentence, n: _Name) -> list[Toponym] | None:
        """Whether the gazetteer knows the name and what in the text marks it as a place
        (admin items, a route, an appositive); a list when that settles the mention, else ``None``."""
        text, words, key = s.text, n.words, n.key
        all_stop = all(w in self.stop for w in words)
        n.known = self.known(key)
        if not n.known and (key.split()[0] in self.stop or key.split()[0] in self.gaz.demonyms):
            # "Alawite-majority villages", "Sunni areas": a people, not a place.
            return []
        if (
            not n.known
            and n.j - n.i == 1
            and len(key) > 4
            and key[:2] in ("el", "al")
            and any(e.name[:3].casefold() in ("el ", "el-", "al ", "al-") for e in self.gaz.lookup(key[2:]))
        ):
            # "Elwak" for El Wak, "Alfashir" for Al-Fashir: the article written joined
            # (only for places whose name has the article: "Alajo" is not Ajo).
            n.key, n.known = key[2:], True
        n.admins = parenthetical(self, text, n.end, n.nxt, s.end, s.index, n.cue)
        if not n.admins and n.feature_end is not None:
            # "Garba Tula Town (A, B)": the capitalised kind word stands before it.
            n.admins = parenthetical(self, text, n.feature_end, None, s.end, s.index, n.cue)
        if n.admins:
            n.strong = True
            n.cue = n.cue or "paren"
        if all_stop and not n.strong:
            return []
        nxt_low = n.nxt.low if n.nxt is not None else ""
        if not n.known and n.j - n.i == 1 and "-" in n.surface and nxt_low in _ROUTE_WORDS:
            # "the Nairobi-Narok highway", "the Isiolo-Meru border": the towns it joins.
            return route_ends(self, text, n.start, n.surface, s.index, n.before, n.after)
        if not n.known and not n.strong and n.prev in PLACE_PREPS and text[n.end : n.end + 2] == ", ":
            # "in Kisenye, Homa Bay": an unknown name placed inside a known area.
            comma = comma_admin(self, text, n.end, n.nxt, s.toks, n.j, s.end, s.index)
            if comma:
                n.strong = True
                n.cue = n.cue or "paren"
                n.admins = comma
        if not n.known and not n.strong:
            kind = _appositive_kind(n.after, n.prev, n.prev2)
            if kind is not None:
                # "Tuwaym, a village on the coast", "residents of Tuwaym", "in Tuwaym, on the
                # coast": the text itself says the unknown name is a place
                n.strong, n.cue = True, n.cue or kind
        return None

    def _unplaced(self, s: _Sentence, n: _Name) -> bool:
        """A name nothing marks as a place that is more likely a person or a common word."""
        if n.strong:
            return False
        words, width = n.words, n.j - n.i
        if not n.known:
            if 1 < width <= 4 and not any(w in _DIRECTIONS for w in words) and self._person_like(words):
                # "Omar Haddu": an unknown run of names is most likely a person.
                s.persons.update(w for w in words if w not in CONNECTORS)
            return True
        sentence_initial = n.i == 0 or (n.i == 1 and s.toks[0].low in self.stop)
        if sentence_initial and width == 1 and n.prev not in PLACE_PREPS and words[0] in self.stop:
            return True  # a lone capitalised word opening a sentence that is a common word
        nxt = n.nxt
        # "Riley", "Fatima": a person unless something places them.
        return (
            width == 1
            and n.key in self.given
            and n.prev not in PLACE_PREPS
            and not n.surface.isupper()  # a dateline
            and not (nxt is not None and not nxt.cap and nxt.low in _PLACE_FOLLOWERS)
            and not n.after.startswith(",")
        )

    def _person_like(self, words: list[str]) -> bool:
        """An unknown run of capitalised words that reads as a person's name."""
        return (
            not any(self.known(normalize(w)) for w in words if len(w) > 3)
            # "Darian Colbert": a first word that is no place before a surname that is one
            or (len(words[0]) > 2 and not self.known(normalize(words[0])) and words[0] not in CONNECTORS)
            or (len(words) == 2 and words[0] in self.given)  # "Daniel Frazier"
        )

    def _toponym(self, s: _Sentence, n: _Name) -> list[Toponym]:
        nxt, prev, prev2 = n.nxt, n.prev, n.prev2
        mention = Toponym(
            text=n.surface,
            start=n.start,
            end=n.end,
            key=n.key,
            sentence=s.index,
            cue=n.cue,
            near=n.near,
            strong=n.strong,
            admins=n.admins,
            before=n.before,
            after=n.after.casefold(),
            prep=prev in PLACE_PREPS
            or (prev == "of" and prev2 in _OF_PLACE)
            or (prev in _DETERMINERS and prev2 in PLACE_PREPS)
            or (nxt is not None and not nxt.cap and nxt.low in _PLACE_FOLLOWERS)
            or (nxt is not None and nxt.low in _OFFICE_TITLES)
            or n.cue == "authority"
            or n.after.startswith(","),
            border=_BORDER_RE.search(n.before) is not None
            or (prev == "from" and n.is_country is not None and not prev2.startswith("kilomet")),
        )
        if not n.admins:
            # "Bastrop, Texas", "Nahri Shahi district, Balkh": an admin after a comma.
            mention.admins = comma_admin(self, s.text, n.end, nxt, s.toks, n.j, s.end, s.index)
        return [mention, *mention.admins]
