"""``tollwatch gazetteer ...`` commands (stub: filled by the geoparsing work)."""

from __future__ import annotations

import click


@click.group()
def gazetteer() -> None:
    """Build, inspect and extend the embedded gazetteer."""
