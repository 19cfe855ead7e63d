"""The eval gate: scores on ../shared/eval may not fall below tests/eval_gate/minimums.json.

Minimums are measured, never typed: after tuning, re-measure with
``python -m tollwatch.eval --update-minimums`` and commit the new file.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from tollwatch.evaluation.gate import (
    GATE_FILES,
    SHARED_ENV,
    UPDATE_COMMAND,
    file_sha256,
    gate_path,
    measure_counts,
    regressions,
)

pytestmark = pytest.mark.slow

ROOT = Path(__file__).parents[2]
MINIMUMS = Path(__file__).with_name("minimums.json")


def _shared() -> Path:
    env = os.environ.get(SHARED_ENV)
    return Path(env) if env else ROOT.parent / "shared"


def _minimums() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(MINIMUMS.read_text(encoding="utf-8"))
    return data["files"]


@pytest.mark.parametrize("name", GATE_FILES)
def test_scores_stay_above_minimums(name: str) -> None:
    shared = _shared()
    if not shared.is_dir():
        pytest.skip(f"{shared} is absent: the eval gate needs ../shared (or ${SHARED_ENV}); CI always has it")
    path = gate_path(shared, name)
    if not path.is_file():
        pytest.skip(f"{path} is absent")
    entry = _minimums().get(name)
    assert entry is not None, f"{name} has no minimums: run `{UPDATE_COMMAND}` and commit minimums.json"
    digest = file_sha256(path)
    assert digest == entry["sha256"], (
        f"{path} changed (sha256 {digest[:12]}…, minimums were measured on {entry['sha256'][:12]}…): "
        f"re-measure with `{UPDATE_COMMAND}` and commit tests/eval_gate/minimums.json"
    )
    # Measured in a child process with a fixed PYTHONHASHSEED (see gate.HASH_SEED).
    problems = regressions(entry["scores"], measure_counts(path))
    assert not problems, f"{name} regressed below its eval-gate minimums:\n  " + "\n  ".join(problems)


def test_minimums_cover_every_gate_file() -> None:
    files = _minimums()
    assert set(files) == set(GATE_FILES), f"re-run `{UPDATE_COMMAND}`"
    for name, entry in files.items():
        assert len(entry["sha256"]) == 64, name
        assert all(0.0 <= v <= 1.0 for v in entry["scores"].values()), name
