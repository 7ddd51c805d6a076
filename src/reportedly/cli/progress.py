"""Feedback on long commands: a live progress bar on a terminal (articles/s, stored, failed, and the
time left when the number of articles is known), one summary line when stderr is a file or a pipe,
nothing but errors with `--quiet`."""

from __future__ import annotations

import time
from types import TracebackType
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    SpinnerColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text

QuietOption = Annotated[
    bool, typer.Option("--quiet", "-q", help="Print nothing but errors (no progress, no summary).")
]


class RateColumn(ProgressColumn):
    """Articles per second since the start."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:.1f} articles/s" if speed else "- articles/s", style="progress.data.speed")


class Feedback:
    """Counts articles as they come and shows them: a bar on a terminal, a summary line otherwise.

    Use as a context manager; call `advance(failed=...)` once per article handled.
    """

    def __init__(self, console: Console, label: str, total: int | None = None, quiet: bool = False) -> None:
        self.console = console
        self.label = label
        self.quiet = quiet
        self.done = self.stored = self.failed = 0
        self._start = time.monotonic()
        self._live = console.is_terminal and not quiet
        columns: list[ProgressColumn] = [SpinnerColumn(), TextColumn("{task.description}")]
        if total is not None:
            columns += [BarColumn(), MofNCompleteColumn(), TimeRemainingColumn()]
        else:
            columns += [TextColumn("{task.completed} articles"), TimeElapsedColumn()]
        columns += [RateColumn(), TextColumn("{task.fields[counts]}")]
        self._progress = Progress(*columns, console=console, transient=True, disable=not self._live)
        self._task = self._progress.add_task(label, total=total, counts="")

    def __enter__(self) -> Feedback:
        self._progress.__enter__()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, err: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._progress.__exit__(kind, err, tb)

    def advance(self, *, failed: bool = False) -> None:
        """One more article handled (stored or printed), or failed."""
        self.done += 1
        self.failed += failed
        self.stored += not failed
        counts = f"{self.stored} ok, {self.failed} failed"
        self._progress.update(self._task, advance=1, counts=counts)

    def rate(self) -> float:
        """Articles per second since the start."""
        return self.done / max(time.monotonic() - self._start, 1e-9)

    def summary(self, line: str) -> None:
        """Print the closing line (unless quiet), with the time and rate."""
        if not self.quiet:
            took = time.monotonic() - self._start
            self.console.print(Text(f"{line} ({took:.1f} s, {self.rate():.1f} articles/s)"), soft_wrap=True)
