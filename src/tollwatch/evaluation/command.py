"""``python -m tollwatch.eval``: score a file, or re-measure the eval gate's minimums."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from tollwatch.errors import TollwatchError
from tollwatch.evaluation.runners import KINDS, run_evals


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("kind", required=False, type=click.Choice([*KINDS, "all"]))
@click.argument("path", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--limit", type=int, default=None, help="Score only the first N records.")
@click.option(
    "--json",
    "json_out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Also write the report(s) as JSON (ids and numbers only).",
)
@click.option("--show-text/--no-show-text", default=True, help="Show text excerpts of the error examples.")
@click.option("--progress/--no-progress", default=True, help="Progress bar on stderr.")
@click.option(
    "--update-minimums",
    is_flag=True,
    help="Measure every gate file on the current code and rewrite tests/eval_gate/minimums.json.",
)
@click.option(
    "--shared",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="The shared folder (default: $TOLLWATCH_SHARED or ../shared beside the repo).",
)
@click.option(
    "--minimums",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="The minimums file to write (default: tests/eval_gate/minimums.json).",
)
def main(
    kind: str | None,
    path: Path | None,
    limit: int | None,
    json_out: Path | None,
    show_text: bool,
    progress: bool,
    update_minimums: bool,
    shared: Path | None,
    minimums: Path | None,
) -> None:
    """Score tollwatch on an eval file: KIND is acled, airwars, geo, events (or all that apply)."""
    try:
        if update_minimums:
            from tollwatch.evaluation.gate import default_minimums_path
            from tollwatch.evaluation.gate import update_minimums as update

            data = update(shared, minimums, progress=progress)
            click.echo(f"wrote {minimums or default_minimums_path()}")
            for name, entry in data["files"].items():
                click.echo(f"  {name}: {entry['scores']}")
            return
        if kind is None or path is None:
            raise click.UsageError("give KIND and PATH, or --update-minimums")
        from tollwatch.evaluation.runners import dataset_name, default_kinds

        kinds = list(default_kinds(dataset_name(path))) if kind == "all" else [kind]
        reports = run_evals(kinds, path, limit=limit, progress=progress)
    except TollwatchError as err:
        click.echo(str(err), err=True)
        sys.exit(2)
    for report in reports.values():
        click.echo(report.to_text(show_text=show_text))
        click.echo()
    if json_out is not None:
        json_out.parent.mkdir(parents=True, exist_ok=True)
        payload = {k: r.to_dict() for k, r in reports.items()}
        json_out.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
