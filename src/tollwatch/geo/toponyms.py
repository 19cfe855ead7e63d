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

from tollwatch.geo.cues import Cue
from tollwatch.geo.cues import scan as scan_cues
from tollwatch.geo.gazetteer import Gazetteer, admin_key, get_gazetteer
from tollwatch.geo.normalize import ARTICLES, normalize
from tollwatch.geo.toponym_words import (
    _ABBREVIATIONS,
    _BORDER_RE,
    _CAMEL_RE,
    _DETERMINERS,
    _DIRECTIONS,
    _LOCAL_ORGS,
    _OF_PLACE,
    _OFFICE_TITLES,
    _PLACE_FOLLOWERS,
    _POSSESSIVE_RE,
    _ROUTE_WORDS,
    _SITE_ORGS,
    _STATE_WORDS,
    _TOKEN_RE,
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
from tollwatch.geo.usa import StateContext, two_word_states
from tollwatch.geo.usa import scan as scan_states


@dataclass(slots=True)
class Toponym:
    """A place mention before resolution."""

    text: str
    start: int
    end: int
    key: str
    sentence: int
    #: "village", "town", "camp", "admin", "near", "base", "area", "paren", "site"
    #: (the town an institution is named after) or None
    cue: str | None = None
    #: "near X", "the area of X": ACLED precision 2, UCDP 2.
    near: bool = False
    #: Cue-marked: a place even when the gazetteer does not know it.
    strong: bool = False
    #: Items of an "X (Admin2, Admin1)" parenthetical or "X, Admin" after it.
    admins: list[Toponym] = field(default_factory=list)
    #: This mention is itself an admin item of another mention.
    admin_item: bool = False
    #: The words before and after, lowercased, for role rules.
    before: str = ""
    after: str = ""
    #: After a place preposition ("in", "near", "at", "from"…).
    prep: bool = False
    #: "the border with X", "jihadists from X": a neighbour of the story's country, not its place.
    border: bool = False


@dataclass(slots=True)
class Hints:
    """Country hints that are not place mentions (demonyms, organisations' names)."""

    countries: list[tuple[str, int]] = field(default_factory=list)
    #: Armed groups, parties, institutions… that point at countries (``data/geo/country_cues.csv``).
    cues: list[Cue] = field(default_factory=list)
    #: Positions (in ``countries``) of demonyms that describe people, not the state.
    weak: set[int] = field(default_factory=set)
    #: US state evidence (datelines, "Town, State", state names, counties, call signs).
    us: StateContext = field(default_factory=StateContext)


@dataclass(slots=True)
class _Tok:
    text: str
    start: int
    end: int
    low: str
    cap: bool


def _is_cap(word: str) -> bool:
    first = word[0]
    if first.isupper():
        return True
    # "al-Assad", "el-Balah": a lowercase article joined to a capitalised name.
    dash = word.find("-")
    return 0 < dash <= 3 and dash + 1 < len(word) and word[dash + 1].isupper() and word[:dash] in ARTICLES


def _tokens(text: str, offset: int) -> list[_Tok]:
    out: list[_Tok] = []
    append = out.append
    for m in _TOKEN_RE.finditer(text):
        word = m.group()
        start = m.start() + offset
        last = word[-1]
        if last in "'’" or (last == "s" and len(word) > 2 and word[-2] in "'’"):
            pm = _POSSESSIVE_RE.search(word)
            if pm and pm.start() > 0:
                word = word[: pm.start()]
        first = word[0]
        if first.isupper():
            # Acronyms (UN, ISGS, KDF, MoH) are no place names; datelines are handled apart.
            # (No capital after the first letter, no camel case: the search is skipped.)
            cap = len(word) == 1 or not (
                word.isupper() or (not word[1:].islower() and _CAMEL_RE.search(word))
            )
        elif first.isalpha() and "-" in word[:4] and _is_cap(word):
            cap = len(word) == 1 or not (word.isupper() or _CAMEL_RE.search(word))
        else:
            cap = False
        append(_Tok(word, start, start + len(word), word.casefold(), cap))
    return out


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
        toks = _tokens(text[s_start:s_end], s_start)
        n = len(toks)
        out: list[Toponym] = []
        i = 0
        # A dateline: "NAIROBI, Kenya —" or "BANIYAS (Reuters) —" at a paragraph start.
        if n and toks[0].text.isupper() and len(toks[0].text) > 2:
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
            if gap[:1] in (",", "(", " ") and (gap.strip()[:1] in (",", "(", "—", "-", "–")):
                for t in toks[:j]:
                    t.cap = True
                # "LOUISVILLE, KY (WAVE)": the state after the comma.
                if gap[:1] == "," and j < n and toks[j].text.isupper() and 1 < len(toks[j].text) <= 4:
                    toks[j].cap = True
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
            got = self._run(text, toks, i, j, index, persons, hints, s_start, s_end)
            out.extend(got)
            i = j
            if got:
                # Skip the words a parenthetical or a comma admin already took.
                last = max(t.end for t in got)
                while i < n and toks[i].start < last:
                    i += 1
        return out

    def _run(
        self,
        text: str,
        toks: list[_Tok],
        i: int,
        j: int,
        index: int,
        persons: set[str],
        hints: Hints,
        s_start: int,
        s_end: int,
    ) -> list[Toponym]:
        stop = self.stop
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
        if i >= j:
            return []
        prev = toks[i - 1].low if i > 0 else ""
        if prev in TITLES:
            titled = True
        words = [t.low for t in toks[i:j]]
        # "Homa Bay Governor Jane Doe": the place an office belongs to, then a person.
        for k in range(i + 1, j):
            if toks[k].low in _OFFICE_TITLES:
                key = normalize(text[toks[i].start : toks[k - 1].end])
                if key not in self.gaz.demonyms and self.known(key):
                    found = self._mention(text, toks, i, k, index, persons, hints, titled, s_start, s_end)
                    for t in found:
                        t.prep = True
                        if not t.admin_item:
                            t.cue = t.cue or "site"  # where the office is, not always the event
                    persons.update(t.low for t in toks[k + 1 : j] if t.low not in TITLES)
                    return found
                break
        # Organisations: "Syrian Observatory for Human Rights", "Kenya Defence Forces".
        # A run followed by an admin parenthetical is a place, whatever its last word
        # ("Archers Post (Samburu East, Samburu)").
        paren_next = (
            (
                toks[j - 1].low not in _OFFICE_TITLES  # "Riverton MP (Party)": a party, not an area
                and text[toks[j - 1].end : toks[j - 1].end + 2] == " ("
            )
            and bool(self._parenthetical(text, toks[j - 1].end, None, s_end, index, None))
        )
        for k, w in enumerate(words[1:], start=1):
            if w in ("of", "and") and not toks[i + k].cap:
                break  # "Students of Riverton High School": the parts are read one by one
            if w in ORG_HEADS and not paren_next:
                cc = self.gaz.country_of_word(toks[i].text)
                if cc:
                    hints.countries.append((cc, toks[i].start))
                # "Indianapolis Metropolitan Police": the place a local authority
                # is named after still tells where the story is; so does the town a
                # school or a hospital is named after ("Riverton High School").
                if not (_LOCAL_ORGS | _SITE_ORGS).intersection(words[k:]):
                    return []
                for b in range(i + k, i, -1):
                    key = normalize(text[toks[i].start : toks[b - 1].end])
                    if key not in self.gaz.demonyms and self.known(key):
                        # "Kitui County Assembly": the kind word stays with the name.
                        end = b + 1 if b < i + k and toks[b].low in FEATURE_AFTER else b
                        found = self._mention(
                            text, toks, i, end, index, persons, hints, titled, s_start, s_end
                        )
                        site = not _LOCAL_ORGS.intersection(words[k:])
                        for t in found:
                            t.prep = True
                            if site and not t.admin_item:
                                # Where the institution is: context, never the event by itself.
                                t.cue = t.cue or "site"
                        return found
                return []
        nxt = toks[j] if j < len(toks) else None
        nxt_low = nxt.low if nxt is not None else ""
        if nxt is not None and nxt_low in ORG_HEADS and nxt.cap is False and nxt_low in ("police", "forces"):
            # "Kenyan police", "Syrian forces": a country hint only.
            pass
        # Split at "of"/"and" when the whole run is not a known name.
        if j - i > 1 and not self.known(normalize(" ".join(t.text for t in toks[i:j]))):
            parts: list[tuple[int, int]] = []
            a = i
            for k in range(i, j):
                if toks[k].low in ("of", "and", "the") and not toks[k].cap:
                    if a < k:
                        parts.append((a, k))
                    a = k + 1
            if a < j:
                parts.append((a, j))
            if len(parts) > 1:
                result: list[Toponym] = []
                for a, b in parts:
                    result.extend(self._run(text, toks, a, b, index, persons, hints, s_start, s_end))
                return result
        return self._mention(text, toks, i, j, index, persons, hints, titled, s_start, s_end)

    def _mention(
        self,
        text: str,
        toks: list[_Tok],
        i: int,
        j: int,
        index: int,
        persons: set[str],
        hints: Hints,
        titled: bool,
        s_start: int,
        s_end: int,
    ) -> list[Toponym]:
        n = len(toks)
        words = [t.low for t in toks[i:j]]
        # A capitalised admin/feature word at the end: "Nairobi County", "Balkh Province".
        cue: str | None = None
        strong = False
        feature_end: int | None = None
        whole = words[-1] == "city" and self.known(normalize(text[toks[i].start : toks[j - 1].end]))
        if j - i > 1 and words[-1] in FEATURE_AFTER and not whole:  # "Universal City" is its name
            cue = FEATURE_AFTER[words[-1]]
            strong = True
            feature_end = toks[j - 1].end
            j -= 1
            words = words[:-1]
        start, end = toks[i].start, toks[j - 1].end
        surface = text[start:end]
        key = normalize(surface)
        if not key or (j - i == 1 and cue is None and words[0] in FEATURE_AFTER):
            return []  # "Region", "County" alone
        nxt = toks[j] if j < n else None
        nxt_low = nxt.low if nxt is not None else ""
        after_text = text[end : min(s_end, end + 60)]
        before_text = text[max(s_start, start - 60) : start].casefold()
        prev = toks[i - 1].low if i > 0 else ""
        prev2 = toks[i - 2].low if i > 1 else ""

        # Demonyms and country adjectives: hints, not places.
        cc = self.gaz.demonyms.get(key) if j - i == 1 else None
        if cc is not None and self.gaz.country_names.get(key) is None:
            hints.countries.append((cc, start))
            if nxt_low not in _STATE_WORDS:
                # "an Ivorian trader": a person's nationality, weaker than "Kenyan police".
                hints.weak.add(start)
            return []
        is_country = self.gaz.country_names.get(key)

        # People: after a title, before "said", or already seen as a person.
        if titled or (key in persons and not is_country):
            persons.update(words)
            persons.add(key)
            return []
        if nxt is not None and nxt_low in SPEECH_VERBS and not is_country and not after_text.startswith(","):
            persons.update(words)
            persons.add(key)
            return []
        if (nxt is not None and nxt_low in ("jr", "sr")) or re.match(r",\s*\d{1,2}\s*[,)]", after_text):
            # "Erica Rodriguez, 21," — an age after a name.
            persons.update(words)
            persons.add(key)
            return []
        # Peoples: "Pokot raiders", "Fulani herders".
        if (
            nxt is not None
            and not nxt.cap
            and nxt_low in PEOPLE_HEADS
            and not is_country
            and text[nxt.end : nxt.end + 2] != " ("  # "Sakai community (District, Region)"
        ):
            return []
        if (
            nxt is not None
            and not nxt.cap
            and nxt_low in ORG_HEADS
            and nxt_low not in FEATURE_AFTER
            and not self.known(key)
        ):
            # "Kenyan police" / "Baniyas police": keep places, drop unknown words.
            return []

        # Cues around the name.
        if cue is None and nxt is not None and not nxt.cap and nxt_low in FEATURE_AFTER:
            gap = text[end : nxt.start]
            if gap in (" ", "-"):
                cue = FEATURE_AFTER[nxt_low]
                strong = True
        if prev == "of" and prev2 in FEATURE_BEFORE:
            c = FEATURE_BEFORE[prev2]
            strong = True
            cue = cue or "near" if c == "near" else cue or c
        near = cue == "near" or prev in NEAR_WORDS or (prev == "of" and prev2 in ("outskirts", "vicinity"))

        all_stop = all(w in self.stop for w in words)
        first = key.split()[0]
        known = self.known(key)
        if not known and (first in self.stop or first in self.gaz.demonyms):
            # "Alawite-majority villages", "Sunni areas": a people, not a place.
            return []
        sentence_initial = i == 0 or (i == 1 and toks[0].low in self.stop)
        if (
            not known
            and j - i == 1
            and len(key) > 4
            and key[:2] in ("el", "al")
            and any(e.name[:3].casefold() in ("el ", "el-", "al ", "al-") for e in self.gaz.lookup(key[2:]))
        ):
            # "Elwak" for El Wak, "Alfashir" for Al-Fashir: the article written joined
            # (only for places whose name has the article: "Alajo" is not Ajo).
            key, known = key[2:], True
        admins = self._parenthetical(text, end, nxt, s_end, index, cue)
        if not admins and feature_end is not None:
            # "Garba Tula Town (A, B)": the capitalised kind word stands before it.
            admins = self._parenthetical(text, feature_end, None, s_end, index, cue)
        if admins:
            strong = True
            cue = cue or "paren"
        if all_stop and not strong:
            return []
        if not known and j - i == 1 and "-" in surface and nxt_low in _ROUTE_WORDS:
            # "the Nairobi-Narok highway", "the Isiolo-Meru border": the towns it joins.
            return self._route_ends(text, start, surface, index, before_text, after_text)
        if not known and not strong and prev in PLACE_PREPS and text[end : end + 2] == ", ":
            # "in Kisenye, Homa Bay": an unknown name placed inside a known area.
            comma = self._comma_admin(text, end, nxt, toks, j, s_end, index)
            if comma:
                strong = True
                cue = cue or "paren"
                admins = comma
        if not known and not strong:
            kind = _appositive_kind(after_text, prev, prev2)
            if kind is not None:
                # "Tuwaym, a village on the coast", "residents of Tuwaym", "in Tuwaym, on the
                # coast": the text itself says the unknown name is a place
                strong, cue = True, cue or kind
        if not known and not strong:
            if (
                1 < j - i <= 4
                and not any(w in _DIRECTIONS for w in words)
                and (
                    not any(self.known(normalize(w)) for w in words if len(w) > 3)
                    # "Darian Colbert": a first word that is no place before a surname that is one
                    or (
                        len(words[0]) > 2
                        and not self.known(normalize(words[0]))
                        and words[0] not in CONNECTORS
                    )
                    or (j - i == 2 and words[0] in self.given)  # "Daniel Frazier"
                )
            ):
                # "Omar Haddu": an unknown run of names is most likely a person.
                persons.update(w for w in words if w not in CONNECTORS)
            return []
        if (
            not strong
            and sentence_initial
            and j - i == 1
            and prev not in PLACE_PREPS
            and words[0] in self.stop
        ):
            # A lone capitalised word opening a sentence that is a common word.
            return []
        if not strong and j - i > 1 and not known:
            return []
        if (
            not strong
            and j - i == 1
            and key in self.given
            and prev not in PLACE_PREPS
            and not surface.isupper()  # a dateline
            and not (nxt is not None and not nxt.cap and nxt_low in _PLACE_FOLLOWERS)
            and not after_text.startswith(",")
        ):
            # "Riley", "Fatima": a person unless something places them.
            return []
        if not strong and not known:
            return []
        if cue is None and nxt is not None and nxt_low in _OFFICE_TITLES:
            cue = "site"  # "the Riverton governor": where the office is, not always the event
        mention = Toponym(
            text=surface,
            start=start,
            end=end,
            key=key,
            sentence=index,
            cue=cue,
            near=near,
            strong=strong,
            admins=admins,
            before=before_text,
            after=after_text.casefold(),
            prep=prev in PLACE_PREPS
            or (prev == "of" and prev2 in _OF_PLACE)
            or (prev in _DETERMINERS and prev2 in PLACE_PREPS)
            or (nxt is not None and not nxt.cap and nxt_low in _PLACE_FOLLOWERS)
            or (nxt is not None and nxt_low in _OFFICE_TITLES)
            or after_text.startswith(","),
            border=_BORDER_RE.search(before_text) is not None
            or (prev == "from" and is_country is not None and not prev2.startswith("kilomet")),
        )
        if not admins and not mention.admins:
            # "Bastrop, Texas", "Nahri Shahi district, Balkh": an admin after a comma.
            mention.admins = self._comma_admin(text, end, nxt, toks, j, s_end, index)
        return [mention, *mention.admins]

    def _route_ends(
        self, text: str, start: int, surface: str, index: int, before: str, after: str
    ) -> list[Toponym]:
        out: list[Toponym] = []
        offset = 0
        for part in surface.split("-"):
            key = normalize(part)
            p_start = start + offset
            offset += len(part) + 1
            if len(key) < 3 or key in self.stop or not self.known(key):
                continue
            out.append(
                Toponym(
                    text=part,
                    start=p_start,
                    end=p_start + len(part),
                    key=key,
                    sentence=index,
                    cue="near",
                    near=True,
                    before=before,
                    after=after.casefold(),
                    prep=True,
                )
            )
        return out if len(out) >= 1 else []

    def _admin_item_key(self, raw: str) -> str:
        """The lookup key of an admin item: its bare name when that is known
        ("Eastern region" → "eastern"), else its whole name."""
        key = normalize(raw)
        bare = admin_key(raw)
        if bare and bare != key and (self.known(bare) or not self.known(key)):
            return bare
        return key

    def _parenthetical(
        self, text: str, end: int, nxt: _Tok | None, s_end: int, index: int, cue: str | None
    ) -> list[Toponym]:
        """Items of "X (Admin2, Admin1)" or "X village (A3, A2, A1)"."""
        if nxt is not None and nxt.low in _OFFICE_TITLES:
            return []  # "Riverton MP (Party)": the office holder's party
        pos = end
        if (
            nxt is not None
            and not nxt.cap
            and (
                (cue is not None and nxt.low in FEATURE_AFTER)
                or nxt.low in PEOPLE_HEADS
                or nxt.low in _PLACE_FOLLOWERS
                or nxt.low in _DIRECTIONS
            )
        ):
            pos = nxt.end  # "Larteh town (A, B)", "Eastleigh residents (A, B)", "Riverton central (A, B)"
        if text[pos : pos + 2] != " (":
            return []
        close = text.find(")", pos + 2, min(s_end, pos + 120))
        if close < 0:
            return []
        inner_start = pos + 2
        items: list[Toponym] = []
        cursor = inner_start
        for part in text[inner_start:close].split(","):
            raw = part.strip()
            lead = len(part) - len(part.lstrip())
            p_start = cursor + lead
            cursor += len(part) + 1
            if not raw or not raw[0].isupper() or len(raw) > 40:
                return []
            if raw.isupper() and len(raw) <= 5:  # "(AP)", "(MoH)"-like acronyms
                return []
            if any(ch.isdigit() for ch in raw):
                return []
            key = self._admin_item_key(raw)
            if not key:
                return []
            items.append(
                Toponym(
                    text=raw,
                    start=p_start,
                    end=p_start + len(raw),
                    key=key,
                    sentence=index,
                    cue="admin",
                    strong=True,
                    admin_item=True,
                )
            )
        if not items or len(items) > 4:
            return []
        return items

    def _comma_admin(
        self, text: str, end: int, nxt: _Tok | None, toks: list[_Tok], j: int, s_end: int, index: int
    ) -> list[Toponym]:
        if text[end : end + 2] != ", " or j >= len(toks) or not toks[j].cap:
            return []
        k = j
        while (
            k + 1 < len(toks)
            and toks[k + 1].cap
            and text[toks[k].end : toks[k + 1].start] == " "
            and k - j < 3
        ):
            k += 1
        typed = False
        if toks[k].low in FEATURE_AFTER and k > j:
            k -= 1
            typed = True
        start, stop = toks[j].start, toks[k].end
        raw = text[start:stop]
        key = normalize(raw)
        if not key or (not typed and any(w in self.stop for w in key.split())):
            return []
        # Only when it names an admin area or a country.
        if not any(e.is_admin or e.is_country for e in self.gaz.lookup(key)):
            return []
        return [
            Toponym(
                text=raw,
                start=start,
                end=stop,
                key=key,
                sentence=index,
                cue="admin",
                strong=True,
                admin_item=True,
            )
        ]
