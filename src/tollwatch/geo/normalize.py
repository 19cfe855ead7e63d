"""Name normalisation shared by the gazetteer build and the lookups.

Both sides of a lookup pass through :func:`normalize`, so "Al-Ladhiqiyah",
"al Lādhiqīyah" and "El Ladhiqiyah" meet on one key: casefolded, diacritics
stripped, apostrophes and ʿayn marks dropped, hyphens and dots turned into
spaces, and Arabic article tokens (al-, el-, ad-, ash-, as-, …) removed when
other words follow.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

#: Arabic article forms (and their sun-letter assimilations) as they appear in
#: romanised names. Dropped as whole tokens so "As-Senoubar" meets "Senoubar".
ARTICLES = frozenset(
    "al el il ul ad ed ud adh ath as es us ash esh ar er ur at et ut az ez uz an en un aal".split()
)

#: Abbreviations expanded so "St. Louis" meets "Saint Louis".
_EXPAND = {"st": "saint", "ste": "sainte", "ft": "fort", "mt": "mount"}

# Letters NFKD does not decompose into a base letter and a mark.
_SPECIAL = str.maketrans(
    {
        "ı": "i",
        "ł": "l",
        "Ł": "l",
        "ø": "o",
        "Ø": "o",
        "æ": "ae",
        "Æ": "ae",
        "œ": "oe",
        "Œ": "oe",
        "ß": "ss",
        "đ": "d",
        "Đ": "d",
        "ð": "d",
        "þ": "th",
        "ħ": "h",
        "ŧ": "t",
    }
)

# Marks that carry no letter: apostrophes, ʿayn/hamza signs, backticks.
_DROP_RE = re.compile(r"[\u0027\u2018\u2019\u02bb\u02bc\u02be\u02bf\u02b9\u0060\u00b4\u2032]")
_SPACE_RE = re.compile(r"[^0-9a-z]+")
_ELISION_RE = re.compile(r"\b([ld])['\u2019](?=[a-z])")
#: The characters _DROP_RE drops (the elision's apostrophes among them).
_MARKS = frozenset("\u0027\u2018\u2019\u02bb\u02bc\u02be\u02bf\u02b9\u0060\u00b4\u2032")


def strip_diacritics(text: str) -> str:
    """Remove combining marks (é → e, Ḩ → H) and map a few special letters."""
    if text.isascii():
        return text
    text = text.translate(_SPECIAL)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=65536)
def normalize(name: str) -> str:
    """The lookup key of a place name ("" when nothing is left)."""
    text = strip_diacritics(name).casefold()
    if not _MARKS.isdisjoint(text):  # speed: most names hold no apostrophe or mark to drop
        text = _ELISION_RE.sub(r"\1 ", text)  # "l'Oudalan" → "l oudalan", "d'Ivoire" → "d ivoire"
        text = _DROP_RE.sub("", text)
    tokens = _SPACE_RE.sub(" ", text).split()
    if len(tokens) > 1:
        kept = [t for t in tokens if t not in ARTICLES]
        if kept:
            tokens = kept
    return " ".join(_EXPAND.get(t, t) for t in tokens)


def is_latin(name: str) -> bool:
    """True when a name is written in Latin letters (after stripping diacritics)."""
    return strip_diacritics(name).isascii()
