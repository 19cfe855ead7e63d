"""Coded, actionable errors.

Every error tollwatch raises for bad input or bad configuration carries a code
(``E001`` …) and a message that says what was wrong and how to fix it, in the
manner of spaCy's ``Errors``. Codes are stable: documentation and tests refer
to them.
"""

from __future__ import annotations


class TollwatchError(Exception):
    """Base class: ``code`` is stable, ``str(err)`` is ``"E001: message"``."""

    code = "E000"

    def __init__(self, message: str, *, code: str | None = None) -> None:
        if code is not None:
            self.code = code
        super().__init__(f"{self.code}: {message}")
        self.message = message


class InputError(TollwatchError):
    """A record that cannot be read. It is rejected; other records go on.

    ``origin`` names the file and line (``path:line``), ``reason`` a short
    machine-readable reason (``malformed_json``, ``empty_text``, ``not_utf8``,
    ``too_large``, ``missing_field``, ``bad_date``).
    """

    code = "E100"

    def __init__(self, origin: str, reason: str, message: str, *, code: str = "E100") -> None:
        super().__init__(f"{origin}: {message}", code=code)
        self.origin = origin
        self.reason = reason


class ConfigError(TollwatchError):
    """A bad option or setting."""

    code = "E200"
