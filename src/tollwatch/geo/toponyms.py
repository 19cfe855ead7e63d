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
        toks: list[Tok],
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
            and bool(parenthetical(self, text, toks[j - 1].end, None, s_end, index, None))
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
        toks: list[Tok],
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
        admins = parenthetical(self, text, end, nxt, s_end, index, cue)
        if not admins and feature_end is not None:
            # "Garba Tula Town (A, B)": the capitalised kind word stands before it.
            admins = parenthetical(self, text, feature_end, None, s_end, index, cue)
        if admins:
            strong = True
            cue = cue or "paren"
        if all_stop and not strong:
            return []
        if not known and j - i == 1 and "-" in surface and nxt_low in _ROUTE_WORDS:
            # "the Nairobi-Narok highway", "the Isiolo-Meru border": the towns it joins.
            return route_ends(self, text, start, surface, index, before_text, after_text)
        if not known and not strong and prev in PLACE_PREPS and text[end : end + 2] == ", ":
            # "in Kisenye, Homa Bay": an unknown name placed inside a known area.
            comma = comma_admin(self, text, end, nxt, toks, j, s_end, index)
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
            mention.admins = comma_admin(self, text, end, nxt, toks, j, s_end, index)
        return [mention, *mention.admins]
