"""A small, offline language check: is this report English?

tollwatch's rules are English rules. Rather than read a French or Arabic
report with them and produce nonsense, we flag it. The check counts English
function words among the first words of the text; it needs no model and
costs microseconds. It answers ``en``, ``und`` (too short or no Latin
letters to tell) or a best guess among a few languages common in conflict
reporting, by their own function words.
"""

from __future__ import annotations

import re

from tollwatch import settings

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)

_FUNCTION_WORDS: dict[str, frozenset[str]] = {
    "en": frozenset(
        "the of and to in a is was were that for on with as by at from it his her "
        "their they he she be been has have had are this which an or not but".split()
    ),
    "fr": frozenset("le la les des du de et est une un dans pour sur par au aux qui que ont été".split()),
    "es": frozenset("el la los las de del y en un una por con para que se fue fueron al".split()),
    "pt": frozenset("o a os as de do da dos das e em um uma por com para que foi foram".split()),
    "de": frozenset("der die das und ist ein eine nicht mit von zu den im dem wurden sind".split()),
}


def detect_language(text: str) -> str:
    """Return ``en`` for English text, another ISO 639-1 code or ``und``."""
    words = _WORD.findall(text[: settings.LANGUAGE_SAMPLE_CHARS].lower())
    if not words:
        return "und"
    latin = sum(map(str.isascii, words))
    if latin < len(words) * 0.5:
        return "und"
    if len(words) < settings.LANGUAGE_MIN_WORDS:
        return "en"  # too short to tell: headlines and one-line notes are read as English
    if sum(map(_FUNCTION_WORDS["en"].__contains__, words)) >= settings.LANGUAGE_EN_MIN_SHARE * len(words):
        return "en"  # enough English: the other languages need not be counted
    scores = {lang: sum(map(fw.__contains__, words)) for lang, fw in _FUNCTION_WORDS.items()}
    best = max(scores, key=lambda k: scores[k])
    return best
