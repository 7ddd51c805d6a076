"""Task wrappers the Dask tests put in place of `runner_dask.analyze_batch` (imported on the workers).

Each calls the real task after its test's own step: leaving a marker (which worker process started
which batch) and pausing, raising on a poisoned article, or killing its worker on one.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from reportedly.clean.dedup import Sketch
from reportedly.config import Settings
from reportedly.model import Article, Failure, RawArticle
from reportedly.runner_dask import analyze_batch

# Where the marking task leaves its markers (set in the workers' environment by the test cluster).
MARKERS_ENV = "REPORTEDLY_TEST_MARKERS"
# Seconds the marking task pauses after its marker: the window in which the test kills its worker.
PAUSE_S = 2.0
POISON = "POISONED"

Item = Article | Failure
Result = list[tuple[Item, Sketch | None]]


def _poisoned(batch: list[RawArticle]) -> bool:
    return any(POISON in raw.text for raw in batch)


def marking_batch(batch: list[RawArticle], settings: Settings) -> Result:
    """Leave `MARKERS/<pid>-<n>` naming the batch's first article, pause, then analyze."""
    folder = Path(os.environ[MARKERS_ENV])
    first = batch[0].source.path if batch else "-"
    n = len(list(folder.iterdir()))
    (folder / f"{os.getpid()}-{n}").write_text(str(first), encoding="utf-8")
    time.sleep(PAUSE_S)
    return analyze_batch(batch, settings)


def raising_batch(batch: list[RawArticle], settings: Settings) -> Result:
    """Raise on a batch holding a poisoned article, as a bug outside the per-article boundary would."""
    if _poisoned(batch):
        raise RuntimeError("poisoned article")
    return analyze_batch(batch, settings)


def dying_batch(batch: list[RawArticle], settings: Settings) -> Result:
    """Kill this worker process on a batch holding a poisoned article, as a segfault or an OOM kill would."""
    if _poisoned(batch):
        os._exit(1)
    return analyze_batch(batch, settings)
