"""Evaluation against the ``../shared/eval`` formats: re-exports :mod:`tollwatch.evaluation`.

``python -m tollwatch.eval acled ../shared/eval/acled-kenya.jsonl`` scores a
file; ``python -m tollwatch.eval --update-minimums`` re-measures the eval gate.
"""

from __future__ import annotations

from tollwatch.evaluation import *  # noqa: F403
from tollwatch.evaluation import __all__ as __all__

if __name__ == "__main__":
    from tollwatch.evaluation.command import main

    main()
