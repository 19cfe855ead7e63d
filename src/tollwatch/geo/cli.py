"""``tollwatch gazetteer ...``: build, inspect and extend the embedded gazetteer."""

from __future__ import annotations

import json
from pathlib import Path

import click

from tollwatch.geo.gazetteer import get_gazetteer, index_path
from tollwatch.geo.gazetteer_build import build_index
from tollwatch.geo.gazetteer_import import import_geonames


@click.group()
def gazetteer() -> None:
    """Build, inspect and extend the embedded gazetteer."""


@gazetteer.command("build")
@click.option("--force", is_flag=True, help="Rebuild even when the index is current.")
def build_cmd(force: bool) -> None:
    """Build the index (quick no-op when it is current)."""
    path = index_path()
    if not build_index(path, force=force, quiet=False):
        click.echo(f"gazetteer: {path} is current", err=True)


@gazetteer.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--alternate-names",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="GeoNames alternateNames file (alternateNamesV2.txt) for extra spellings.",
)
def import_cmd(file: Path, alternate_names: Path | None) -> None:
    """Add a GeoNames dump FILE (allCountries.txt, SY.txt, …) to the index."""
    try:
        count = import_geonames(file, alternate_names)
    except ValueError as err:
        raise click.ClickException(str(err)) from err
    click.echo(f"gazetteer: imported {count:,} places from {file} into {index_path()}", err=True)


@gazetteer.command("lookup")
@click.argument("name")
@click.option("--country", help="ISO 3166-1 alpha-2 code to restrict to (e.g. SY).")
@click.option("--limit", default=20, show_default=True, help="Most candidates to print.")
def lookup_cmd(name: str, country: str | None, limit: int) -> None:
    """Print the gazetteer entries for NAME as JSON lines, most populous first."""
    for entry in get_gazetteer().search(name, country)[:limit]:
        click.echo(json.dumps(entry.to_dict(), ensure_ascii=False))


@gazetteer.command("info")
def info_cmd() -> None:
    """Print the index's path, stamp and size as JSON."""
    stats = get_gazetteer().stats()
    stats["path"] = str(index_path())
    click.echo(json.dumps(stats, ensure_ascii=False, indent=2))
