"""``patiently bench``: the analyser's detectors and heads measured on public datasets.

    from patiently.bench.tasks import run_bench
    run_bench("epitome", ["emotional-reactions-dev.csv"], dimension="er") -> dict

:mod:`.tasks` holds the tasks, :mod:`.readers` the formats, :mod:`.metrics` the metrics
(numpy only), :mod:`.cli` the ``bench`` and ``train-heads`` commands. Nothing is imported
here so that :mod:`patiently.heads.train` can use the readers without a cycle.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any


def run_bench(task: str, files: list[str | Path], **kwargs: Any) -> dict[str, Any]:
    from .tasks import run_bench as _run

    return _run(task, files, **kwargs)
