"""Thresholds and limits, in one place, each with the reason for its value.

Word lists live in ``tollwatch/data/*.txt``; numbers that tune behaviour live
here. Nothing else in the package should carry a bare tuning literal.
"""

from __future__ import annotations

#: Largest document accepted (bytes). News reports are a few KB; 5 MB catches
#: a mis-pointed file (a PDF, a database dump) without rejecting long reports.
MAX_DOCUMENT_BYTES = 5 * 1024 * 1024

#: Characters read for the language check: enough words to judge, cheap.
LANGUAGE_SAMPLE_CHARS = 1500

#: Fewer words than this and we cannot tell; short notes are taken as English.
LANGUAGE_MIN_WORDS = 8

#: English text has 25–40 % function words; 12 % leaves room for lists and
#: headlines while other languages score near zero on the English list.
LANGUAGE_EN_MIN_SHARE = 0.12
