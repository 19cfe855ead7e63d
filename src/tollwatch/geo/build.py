"""Build the embedded gazetteer index at install time (stub: filled by the geoparsing work).

``python -m tollwatch.geo.build`` is run by ``make``; it must be idempotent and quick
when the index is already current.
"""

from __future__ import annotations


def main() -> int:
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
