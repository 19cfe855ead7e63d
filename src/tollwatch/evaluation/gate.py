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
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import tollwatch
from tollwatch.evaluation.report import EvalReport
from tollwatch.evaluation.runners import EvalError, dataset_name, default_kinds, run_evals
from tollwatch.evaluation.scoring import floor3

#: The dev files the gate measures (``<shared>/eval/<name>.jsonl``).
GATE_FILES = ("acled-kenya", "acled-ghana", "acled-burkina", "airwars-gaza", "gvc-train")

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


#: The gate measures with this PYTHONHASHSEED, so that a stage whose output
#: depends on set or dict-of-hash order cannot make the gate flaky. (That is a
#: bug of the stage: ``check_deterministic`` shows it.)
HASH_SEED = "0"

#: ``{"kind.score": (correct, n)}``
Counts = dict[str, tuple[int, int]]


def score_counts(reports: dict[str, EvalReport]) -> Counts:
    """The gated scores of some reports (coverage figures are left out)."""
    return {f"{r.kind}.{s.name}": (s.correct, s.n) for r in reports.values() for s in r.scores if s.gated}


def measure_file(path: Path, *, progress: bool = False) -> dict[str, EvalReport]:
    """Every evaluation that applies to the file, from one extraction pass, in this process."""
    return run_evals(default_kinds(dataset_name(path)), path, progress=progress)


def measure_counts(path: Path, *, hash_seed: str | None = "default") -> Counts:
    """:func:`measure_file`'s scores as counts, in a child process with ``PYTHONHASHSEED=hash_seed``.

    ``"default"`` means :data:`HASH_SEED`. Runs in this process when the seed is
    already in force, or when the seed is ``None``.
    """
    if hash_seed == "default":
        hash_seed = HASH_SEED
    if hash_seed is None or os.environ.get("PYTHONHASHSEED") == hash_seed:
        return score_counts(measure_file(path))
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "counts.json"
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        cmd = [sys.executable, "-m", "tollwatch.evaluation.gate", str(path), str(out)]
        proc = subprocess.run(cmd, env=env, stderr=subprocess.PIPE, text=True, check=False)
        if proc.returncode != 0:
            raise EvalError(
                f"measuring {path} failed (exit {proc.returncode}):\n{proc.stderr[-3000:]}", code="E305"
            )
        data = json.loads(out.read_text(encoding="utf-8"))
    return {k: (int(c), int(n)) for k, (c, n) in data.items()}


def check_deterministic(path: Path, seeds: tuple[str, ...] = ("0", "1")) -> dict[str, list[tuple[int, int]]]:
    """Scores that differ between hash seeds: ``{"kind.score": [counts per seed]}``; empty when stable."""
    runs = [measure_counts(path, hash_seed=seed) for seed in seeds]
    return {k: [r[k] for r in runs] for k in runs[0] if len({r.get(k) for r in runs}) > 1}


def minimums_from(counts: Counts) -> dict[str, float]:
    """``{"kind.score": correct / n rounded down to 3 decimals}``; a score with n = 0 gets 0.0."""
    return {key: floor3(correct, n) for key, (correct, n) in counts.items()}


def update_minimums(
    shared: Path | None = None, minimums_path: Path | None = None, *, progress: bool = False
) -> dict[str, Any]:
    """Measure every gate file on the current code and write the minimums file; returns what it wrote."""
    shared = shared or shared_dir()
    minimums_path = minimums_path or default_minimums_path()
    files: dict[str, Any] = {}
    for name in GATE_FILES:
        path = gate_path(shared, name)
        if progress:
            print(f"measuring {path} …", file=sys.stderr)
        counts = measure_counts(path)
        files[name] = {
            "file": f"eval/{name}.jsonl",
            "sha256": file_sha256(path),
            "scores": minimums_from(counts),
        }
    data = {
        "about": (
            "Eval gate minimums: scores measured on the file with this sha256, rounded down to 3 decimals. "
            f"Written by `{UPDATE_COMMAND}`; never edit by hand."
        ),
        "measured_with": {
            "tollwatch": tollwatch.__version__,
            "date": dt.date.today().isoformat(),
            "PYTHONHASHSEED": HASH_SEED,
        },
        "files": files,
    }
    minimums_path.parent.mkdir(parents=True, exist_ok=True)
    minimums_path.write_text(json.dumps(data, indent=2, sort_keys=False) + "\n", encoding="utf-8")
    return data


def regressions(minimums: dict[str, float], counts: Counts) -> list[str]:
    """Each stored score the current run falls below (or no longer reports), as a message."""
    problems = []
    for key, minimum in minimums.items():
        if key not in counts:
            problems.append(f"{key}: no longer measured (minimum {minimum})")
            continue
        correct, n = counts[key]
        value = correct / n if n else 0.0
        if value < minimum:
            problems.append(f"{key}: {value:.4f} ({correct}/{n}) < minimum {minimum}")
    return problems


def _child(argv: list[str]) -> int:
    """``python -m tollwatch.evaluation.gate PATH OUT``: write PATH's score counts to OUT as JSON."""
    path, out = Path(argv[0]), Path(argv[1])
    counts = score_counts(measure_file(path))
    out.write_text(json.dumps(counts), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(_child(sys.argv[1:]))
