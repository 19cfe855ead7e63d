"""Identity keys read from a report's text, for merging: people, addresses and ages.

Two reports about the same shooting rarely share a date (a trial comes months
later) and often disagree on the place (a neighbourhood, a city, a county), but
they name the same people and streets. These keys say so:

* ``n:<first> <last>``: a person named with an age ("Dara Quinn, 14",
  "14-year-old Dara Quinn") or identified by the police ("identified the
  victim as Dara Quinn"); middle names and initials dropped.
* ``a:<number>:<street>``: a street address ("3401 Larkspur St.");
* ``b:<hundreds>:<street>``: the block of an address or a block reference
  ("the 1800 block of N 20th Street", and 1815 N 20th St. too);
* ``y:<age>``: an age of a person named or described ("Dara Quinn, 14",
  "a 7-year-old boy"): weak on its own.
* ``m:<first> <last>``: a person named without an age, in a way that marks a
  private person rather than an official ("the victim, Tobin Marsh",
  "Wendell Ambry ... Ambry was"): weak, but strong when the other report names
  the same person with an age (:func:`tollwatch.ledger.merge.shared_identity`).
  Names after an official's title ("Sheriff", "Sgt.", "Judge", "spokesman")
  are never keys: officials appear in every story from their town.

:func:`toll_keys` adds ``f:<number>`` for each large death toll a report states
(its own or one it revises: "up from more than 600"); a later report quoting the
earlier count is the same incident when place and dates allow it.

``n:``, ``a:`` and ``b:`` are *strong* keys: one shared is evidence enough that
two reports describe the same incident (see :mod:`tollwatch.ledger.merge`).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable

from tollwatch.model import Figure

#: Prefixes of keys that identify an incident on their own.
STRONG = ("n:", "a:", "b:")
#: Death tolls at least this large are distinctive enough to be keys.
LARGE_TOLL = 100

_CAP = r"[A-Z][a-z]+(?:['’-][A-Z]?[a-z]+)?"
_NAME = rf"(?:{_CAP}|Mc[A-Z][a-z]+|O['’][A-Z][a-z]+)"
_FULL = rf"{_NAME}(?:\s+(?:[A-Z]\.|{_NAME}))?\s+{_NAME}(?:,?\s+(?:Jr|Sr|II|III)\.?)?"
_NAME_AGE = re.compile(rf"\b({_FULL}),\s+(\d{{1,2}})(?=[,;.)\s])(?!\.\d)(?!\s*(?:years|%|percent|p\.m|a\.m))")
_AGE_NAME = re.compile(rf"\b(\d{{1,2}})-year-old\s+(?:[a-z]+\s+){{0,2}}({_FULL})\b")
_IDENTIFIED = re.compile(rf"\b(?:identified|named)\s+(?:[a-z]+\s+){{0,3}}as\s+({_FULL})\b")
#: Titles and roles of officials and reporters: a name after one is no key.
_OFFICIAL = re.compile(
    r"(?:\b(?:Sheriff|Chief|Officer|Sgt|Sergeant|Lt|Lieutenant|Capt|Captain|Cpl|Det|Detective|Deputy|Trooper"
    r"|Agent|Judge|Justice|Mayor|Gov|Governor|Sen|Senator|Rep|Representative|Attorney|Prosecutor|Coroner"
    r"|Dr|Commissioner|Superintendent|President|Director|Pastor|Rev|Reverend|Principal|Coach|Councilman"
    r"|Councilwoman|Alderman|Spokesman|Spokeswoman|Spokesperson|Investigator|Examiner|Marshal|Constable"
    r"|spokesman|spokeswoman|spokesperson|reporter|anchor|meteorologist|photographer|By|by|Copyright)\.?"
    r"|\b(?:D\.A|A\.D\.A)\.?)\s*,?\s*$"
)
#: Words after a name that mark an official speaking for an office.
_OFFICIAL_AFTER = re.compile(
    r"^,?\s+(?:a|the|an)?\s*(?:\w+\s+){0,3}?(?:spokes(?:man|woman|person)|officer|sheriff|chief|detective"
    r"|prosecutor|attorney|judge|coroner|deputy|sergeant|lieutenant|captain|investigator|reporter|director)\b",
    re.IGNORECASE,
)
#: Words just before a name that mark a private person: a victim, a suspect, a relative.
_PERSON_BEFORE = re.compile(
    r"\b(?:victim|victims|suspect|suspects|shooter|gunman|teen|teenager|boy|girl|man|woman|son|daughter"
    r"|father|mother|dad|mom|brother|sister|grandson|granddaughter|grandfather|grandmother|uncle|aunt"
    r"|cousin|nephew|niece|husband|wife|boyfriend|girlfriend|friend|neighbor|student|child|toddler|infant"
    r"|baby|defendant|identified\s+as|named|charged|killing\s+of|death\s+of|murder\s+of|shooting\s+of)"
    r"\s*,?\s*$",
    re.IGNORECASE,
)
#: Words just after a name that mark a private person.
_PERSON_AFTER = re.compile(
    r"^(?:,\s+(?:who|whose|of|a|an)\b|\s+(?:was|were|is|had\s+been|has\s+been)\s+(?:\w+\s+)?"
    r"(?:shot|killed|wounded|injured|charged|arrested|found|taken|pronounced|booked|accused|sentenced|convicted"
    r"|hit|struck|dead|rushed|transported)\b|\s+(?:died|pleaded|pled|faces|allegedly|shot|fired))",
)
_MENTION = re.compile(rf"\b({_FULL})\b")
_CAPWORD = re.compile(r"\b[A-Z][a-z]+(?:['’-][A-Z]?[a-z]+)?\b")
#: What :data:`_NAME_AGE` and the second form of :data:`_AGE` cannot match without.
_COMMA_NUMBER = re.compile(r",\s+\d")
_AGE = re.compile(r"\b(\d{1,2})-year-old\b|\b[A-Z][a-z]+,\s+(\d{1,2}),")

_SUFFIX = (
    r"Street|St|Avenue|Ave|Road|Rd|Drive|Dr|Boulevard|Blvd|Lane|Ln|Court|Ct|Place|Pl|Way|Parkway|Pkwy"
    r"|Highway|Hwy|Circle|Cir|Terrace|Ter|Trail|Trl|Pike|Square|Sq"
)
_DIR = r"(?:(?:N|S|E|W|NE|NW|SE|SW)\.?|North|South|East|West)"
_STREET = rf"(?:{_DIR}\s+)?((?:\d{{1,3}}(?:st|nd|rd|th)|[A-Z][a-z]+)(?:\s+[A-Z][a-z]+)?)\s+(?:{_SUFFIX})\b"
_ADDRESS = re.compile(rf"\b(\d{{2,5}})\s+{_STREET}")
_BLOCK = re.compile(rf"\b(\d{{1,5}})\s+block\s+of\s+(?:the\s+)?{_STREET}", re.IGNORECASE)

#: Capitalised words that start sentences or titles, never a person's first or last name.
_NOT_NAMES = frozenset(
    """police officers officer sheriff deputies deputy chief detective sgt lt capt mayor judge
    county city state street avenue road north south east west new the a an and but
    january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday
    news local update breaking video photos family friends authorities investigators
    department district attorney prosecutors court jail hospital center school university
    church high middle elementary park lake river mount saint st fort port san santa los las
    he she they his her their it this that these those when while after before during
    associated press reported reports according said says
    office office's sheriff's sheriffs image images caption photo photos buy getty inc llc co corp
    tribune chronicle times post herald journal gazette daily star sun press radio television tv
    channel metro resources side gardens heights hills village township services affairs
    northeast northwest southeast southwest boy girl man woman teen shot killed dies dead""".split()
)


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


@functools.lru_cache(maxsize=8192)
def person_key(name: str) -> str | None:
    """``n:first last`` for a full name, or ``None`` when it is not a person's name."""
    words = [w for w in re.split(r"\s+", _fold(name).replace(",", " ")) if w]
    words = [w for w in words if not re.fullmatch(r"[a-z]\.|jr\.?|sr\.?|ii|iii", w)]
    if len(words) < 2 or any(w in _NOT_NAMES for w in (words[0], words[-1])):
        return None
    return f"n:{sound_of(words[0])} {words[-1]}"


#: Soundex's letter classes: a given name spelt two ways ("Ezekiel"/"Ezequiel", "Erica"/"Erika",
#: "Tommy"/"Tommie") gets one code.
_SOUNDEX = {
    c: d for d, letters in enumerate(("aeiouyhw", "bfpv", "cgjkqsxz", "dt", "l", "mn", "r")) for c in letters
}


def sound_of(given: str) -> str:
    """The Soundex code of a given name (its first letter and three digits), the name itself
    when it holds a letter Soundex does not know."""
    letters = [c for c in given if c.isalpha()]
    if not letters or any(c not in _SOUNDEX for c in letters):
        return given
    out, last = [letters[0]], _SOUNDEX[letters[0]]
    for c in letters[1:]:
        code = _SOUNDEX[c]
        if code and code != last:
            out.append(str(code))
        if c not in "hw":
            last = code
    return "".join(out)[:4].ljust(4, "0")


def _street(name: str) -> str:
    return re.sub(r"\s+", " ", _fold(name)).strip()


def merge_keys(text: str) -> list[str]:
    """The identity keys of a report's text (title and body), sorted and unique.

    A pattern is only run over a text holding the words it cannot match without (a comma
    before a number, "-year-old", "identified" or "named", "block"): most reports hold few."""
    keys: set[str] = set()
    comma_number = _COMMA_NUMBER.search(text) is not None
    year_old = "-year-old" in text
    for m in _NAME_AGE.finditer(text) if comma_number else ():
        if 0 < int(m.group(2)) < 100:
            keys.add(f"y:{int(m.group(2))}")
            key = person_key(m.group(1))
            if key:
                keys.add(key)
    for m in _AGE_NAME.finditer(text) if year_old else ():
        key = person_key(m.group(2))
        if key:
            keys.add(key)
    for m in _IDENTIFIED.finditer(text) if "identified" in text or "named" in text else ():
        key = person_key(m.group(1))
        if key:
            keys.add(key)
    keys |= {f"m:{k[2:]}" for k in mention_keys(text)} - {f"m:{k[2:]}" for k in keys if k.startswith("n:")}
    for m in _AGE.finditer(text) if comma_number or year_old else ():
        keys.add(f"y:{int(m.group(1) or m.group(2))}")
    for m in _ADDRESS.finditer(text):
        number, street = int(m.group(1)), _street(m.group(2))
        keys.add(f"a:{number}:{street}")
        keys.add(f"b:{number // 100 * 100}:{street}")
    for m in _BLOCK.finditer(text) if "block" in text.lower() else ():
        keys.add(f"b:{int(m.group(1)) // 100 * 100}:{_street(m.group(2))}")
    return sorted(keys)


def mention_keys(text: str) -> set[str]:
    """``n:``-shaped keys of people a report names without an age, when the words
    around the name, or the surname used alone again, mark a private person."""
    out: set[str] = set()
    officials: set[str] = set()
    words: Counter[str] | None = None
    for m in _MENTION.finditer(text):
        name = m.group(1)
        before = text[max(0, m.start() - 40) : m.start()]
        after = text[m.end() : m.end() + 60]
        key = person_key(name)
        if key is None:
            continue
        if _OFFICIAL.search(before) or _OFFICIAL_AFTER.match(after):
            officials.add(key)  # named with a title once: an official everywhere in the text
            continue
        if _PERSON_BEFORE.search(before) or _PERSON_AFTER.match(after):
            out.add(key)
            continue
        if words is None:
            words = Counter(_CAPWORD.findall(text))
        if words[name.split()[-1].rstrip(".,")] >= 2:  # the surname used again: "Ambry told police"
            out.add(key)
    return out - officials


def strong(keys: set[str] | list[str]) -> set[str]:
    """The keys that identify an incident on their own."""
    return {k for k in keys if k.startswith(STRONG)}


_SENTENCE = re.compile(r"[^.!?\n]+")
_THREE_DIGITS = re.compile(r"\d{3}")
_DEATH = re.compile(r"\b(?:killed|kill|kills|dead|deaths?|died|toll|bodies|lives)\b", re.IGNORECASE)
_NUMBER = re.compile(r"(?<![\d,.])(\d{1,3}(?:,\d{3})+|\d{3,6})(?![\d,]*\d)(?!\s*(?:km|kilomet|miles|met|%))")


def toll_keys(figures: Iterable[Figure], text: str = "") -> list[str]:
    """``f:<n>``: each killed figure of at least :data:`LARGE_TOLL` a report states, or any such
    number in a sentence about deaths (an earlier count quoted: "up from more than 600"); years excluded."""
    values = {f.low or f.best for f in figures if f.measure == "killed"}
    # Every number _NUMBER reads holds three digits in a row: a text without is not split.
    for sentence in _SENTENCE.findall(text) if _THREE_DIGITS.search(text) else ():
        if _DEATH.search(sentence):
            for m in _NUMBER.finditer(sentence):
                value = int(m.group(1).replace(",", ""))
                if not 1900 <= value <= 2100:
                    values.add(value)
    return sorted(f"f:{v}" for v in values if v is not None and v >= LARGE_TOLL)
