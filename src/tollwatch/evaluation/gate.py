"""The eval gate: minimum scores per dev file, stored beside the file's sha256.

``tests/eval_gate/minimums.json`` is written only by :func:`update_minimums`
(``python -m tollwatch.eval --update-minimums``), from scores measured on the
current code and rounded down to 3 decimals; nobody types its numbers.
``tests/eval_gate/test_eval_gate.py`` fails when a score drops below its
minimum, or when a file's hash changed (re-measure then).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from pathlib import Path
from typing import Any

import tollwatch
from tollwatch.evaluation.report import EvalReport
from tollwatch.evaluation.runners import default_kinds, run_evals
from tollwatch.evaluation.scoring import floor3

#: The dev files the gate measures (``<shared>/eval/<name>.jsonl``).
GATE_FILES = ("acled-kenya", "acled-ghana", "acled-burkina", "airwars-gaza")

#: Environment variable naming the shared folder (default: ``../shared`` beside the repo).
SHARED_ENV = "TOLLWATCH_SHARED"

UPDATE_COMMAND = "python -m tollwatch.eval --update-minimums"


def repo_root() -> Path:
    """The checkout this package runs from (``src/tollwatch/evaluation`` → repo)."""
    return Path(tollwatch.__file__).resolve().parents[2]


def shared_dir(root: Path | None = None) -> Path:
    """``$TOLLWATCH_SHARED`` if set, else ``<repo>/../shared``."""
    env = os.environ.get(SHARED_ENV)
    if env:
        return Path(env)
    return (root or repo_root()).parent / "shared"


def default_minimums_path(root: Path | None = None) -> Path:
    return (root or repo_root()) / "tests" / "eval_gate" / "minimums.json"


def file_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def gate_path(shared: Path, name: str) -> Path:
    return shared / "eval" / f"{name}.jsonl"


def measure_file(path: Path, *, progress: bool = False) -> dict[str, EvalReport]:
    """Every evaluation that applies to the file, from one extraction pass."""
    from tollwatch.evaluation.runners import dataset_name

    return run_evals(default_kinds(dataset_name(path)), path, progress=progress)


def minimums_from(reports: dict[str, EvalReport]) -> dict[str, float]:
    """``{"kind.score": value rounded down to 3 decimals}``; a score with n = 0 gets 0.0."""
    out: dict[str, float] = {}
    for report in reports.values():
        for s in report.scores:
            out[f"{report.kind}.{s.name}"] = floor3(s.correct, s.n)
    return out


def update_minimums(
    shared: Path | None = None, minimums_path: Path | None = None, *, progress: bool = False
) -> dict[str, Any]:
    """Measure every gate file on the current code and write the minimums file; returns what it wrote."""
    shared = shared or shared_dir()
    minimums_path = minimums_path or default_minimums_path()
    files: dict[str, Any] = {}
    for name in GATE_FILES:
        path = gate_path(shared, name)
        reports = measure_file(path, progress=progress)
        first = next(iter(reports.values()))
        files[name] = {
            "file": f"eval/{name}.jsonl",
            "sha256": first.sha256,
            "n": first.n,
            "scores": minimums_from(reports),
        }
    data = {
        "about": (
            "Eval gate minimums: scores measured on the file with this sha256, rounded down to 3 decimals. "
            f"Written by `{UPDATE_COMMAND}`; never edit by hand."
        ),
        "measured_with": {"tollwatch": tollwatch.__version__, "date": dt.date.today().isoformat()},
        "files": files,
    }
    minimums_path.parent.mkdir(parents=True, exist_ok=True)
    minimums_path.write_text(json.dumps(data, indent=2, sort_keys=False) + "\n", encoding="utf-8")
    return data


def regressions(minimums: dict[str, float], reports: dict[str, EvalReport]) -> list[str]:
    """Each stored score the current run falls below (or no longer reports), as a message."""
    current: dict[str, Any] = {}
    for report in reports.values():
        for s in report.scores:
            current[f"{report.kind}.{s.name}"] = s
    problems = []
    for key, minimum in minimums.items():
        score = current.get(key)
        if score is None:
            problems.append(f"{key}: no longer measured (minimum {minimum})")
            continue
        value = score.value if score.value is not None else 0.0
        if value < minimum:
            problems.append(f"{key}: {value:.4f} ({score.correct}/{score.n}) < minimum {minimum}")
    return problems
