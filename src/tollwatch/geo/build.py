"""Build the embedded gazetteer index: ``python -m tollwatch.geo.build [--force] [PATH]``.

Run by ``make`` at install time. It is idempotent: when the index already
matches the installed data packages and data files (its stamp), it returns at
once without touching the file.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tollwatch.geo.gazetteer import index_path
from tollwatch.geo.gazetteer_build import build_index


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tollwatch.geo.build", description=__doc__)
    parser.add_argument(
        "path", nargs="?", type=Path, help="index file (default: $TOLLWATCH_GAZETTEER or the package)"
    )
    parser.add_argument("--force", action="store_true", help="rebuild even when the index is current")
    args = parser.parse_args(argv)
    path = args.path or index_path()
    built = build_index(path, force=args.force, quiet=False)
    if not built:
        print(f"gazetteer: {path} is current", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
