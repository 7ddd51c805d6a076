"""The analysis on a Dask distributed cluster: `--scheduler tcp://HOST:PORT` (`Settings.scheduler`).

This process (the client) reads the inputs and sends batches of raw articles; the cluster's workers
clean them and run spaCy and the extractors, and send back finished Articles and Failures: frozen
dataclasses of plain data, never Docs. The client takes the results in input order and checks them
for syndicated copies in that order, as the local runner does (cleaning is the costly part of what
the local runner does before the analysis; the syndication index needs the input order), so
`ingest` stores the same ledger it stores without a cluster.

- Each worker process loads the pipeline once (`PipelineLoader`, a worker plugin; `make_nlp` caches it).
  Start workers with one thread each (`dask worker ADDRESS --nthreads 1`): a second thread in the same
  process would only wait for the first (`_ANALYSIS` serializes them, spaCy is not thread-safe).
- Articles travel in tasks of at most `TASK_ARTICLES`; at most `TASKS_PER_THREAD` tasks per worker
  thread are in flight and inputs are read lazily, so the client's memory stays flat on endless input.
- A worker that dies mid-batch: the scheduler runs its batches again on another worker (Dask's
  `allowed-failures`); the client stores a batch only once, when its result arrives, so nothing is
  lost or doubled. A batch that still fails (the task raised, or every worker running it died) is run
  again one article per task, so only the article at fault is recorded as a Failure, as a local one is.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from itertools import islice
from typing import Any

from distributed.diagnostics.plugin import WorkerPlugin

from reportedly.clean.dedup import Sketch, SyndicationIndex, sketch
from reportedly.config import Settings
from reportedly.errors import ClusterError
from reportedly.model import Article, Failure, RawArticle
from reportedly.runner import Item, _analyze_batch, clean_item

log = logging.getLogger(__name__)

# Articles per task at most (fewer when `Settings.batch_size` is smaller): small tasks keep both ends
# of a run short (the first results arrive sooner; at the end a worker waits for the other's last
# task, half a task on average), and at 8 a task still carries about 0.4 s of analysis, so the
# per-task cost (a submit, a result fetched) stays small next to it.
TASK_ARTICLES = 8
# Tasks in flight per worker thread: one running, one queued behind it on the worker, two travelling
# (the same articles in flight as three batches of 16 minus one).
TASKS_PER_THREAD = 4
# Seconds between two questions to the scheduler about the cluster's worker threads (workers may join
# or leave mid-run and the window follows them; asking once per task was a round trip each).
THREADS_REFRESH_S = 5.0
# Seconds to reach the scheduler, and to wait for a first worker to join it.
CONNECT_TIMEOUT_S = 30
WORKER_TIMEOUT_S = 120
# distributed's Client and Future are only partly annotated: they are handled as Any here.
Client = Any
Future = Any
# The worker's statistical profiler: it samples the running task's stack 100 times a second on the
# worker's event loop, taking the GIL from the analysis each time (with it on, two workers took 9.5
# CPU seconds for 120 articles, 7.9 with it off: one noisy run under load, bench/dask_scaling.py).
# Nothing here reads its profiles.
PROFILER_CALLBACKS = ("profile", "profile-cycle")
# One analysis at a time per worker process: spaCy pipelines are not thread-safe.
_ANALYSIS = threading.Lock()


def analyze_batch(batch: list[RawArticle], settings: Settings) -> list[tuple[Item, Sketch | None]]:
    """The task a worker runs: clean and analyze one batch in this process's pipeline (loaded once),
    and sketch each article for the client's syndication check (`clean.dedup.sketch`: the costly part
    of that check, so the client, which must check in input order, only looks the sketch up).

    Returns:
        an Article or a Failure per raw article, in order, with its sketch (None for a Failure or a
        skipped article); no Article is marked as a copy yet.
    """
    with _ANALYSIS:
        cleaned = [clean_item(raw, settings) for raw in batch]
        sketches = [sketch(item.text, settings.dedup_threshold)
                    if isinstance(item, Article) and item.skipped is None else None for item in cleaned]
        return list(zip(_analyze_batch(cleaned, settings), sketches, strict=True))


class PipelineLoader(WorkerPlugin):
    """Loads the analysis pipeline when a worker starts (or joins later), before its first batch.

    Args:
        gazetteers: extra gazetteer files, read on the worker: they must exist there at the same path.
    """

    idempotent = True

    def __init__(self, gazetteers: tuple[str, ...]) -> None:
        self.gazetteers = gazetteers
        self.name = "reportedly-pipeline-" + "|".join(gazetteers)

    async def setup(self, worker: Any) -> None:
        """Stop the worker's statistical profiler; load the pipeline off its event loop (heartbeats go on)."""
        for name in PROFILER_CALLBACKS:
            callback = getattr(worker, "periodic_callbacks", {}).pop(name, None)
            if callback is not None:
                callback.stop()
        await asyncio.get_running_loop().run_in_executor(None, self._load)

    def _load(self) -> None:
        with _ANALYSIS:
            error = pipeline_error(self.gazetteers)
        if error:  # the worker still starts: the client asks every worker before sending articles
            log.error("cannot load the analysis pipeline: %s", error)


def pipeline_error(gazetteers: tuple[str, ...]) -> str | None:
    """Run on each worker: why its pipeline cannot be loaded (a missing gazetteer file ...), or None."""
    from reportedly.nlp.pipeline import make_nlp

    try:
        make_nlp(gazetteers)  # cached: loaded once per process
    except Exception as err:
        return f"{type(err).__name__}: {err}"
    return None


@dataclass(frozen=True)
class _Slot:
    """One batch in flight: its items, its raw articles, and the future analyzing them (None: no article)."""

    batch: list[RawArticle | Failure]
    part: list[RawArticle]
    future: Future | None


def analyze_on_cluster(items: Iterable[RawArticle | Failure], settings: Settings,
                       sketches: dict[str, Sketch] | None = None) -> Iterator[Item]:
    """Clean and analyze `items` on the cluster at `settings.scheduler`, yielding results in input order.

    Failures among `items` pass through; syndicated copies are marked here, in input order, with the
    sketches the workers computed (put in `sketches` under each article's id when given, as
    `runner.analyze_raw` does).

    Raises:
        ClusterError: the scheduler cannot be reached, no worker joins it, or it is lost mid-run.
    """
    dedup = SyndicationIndex(threshold=settings.dedup_threshold)
    iterator = iter(items)
    size = max(1, min(settings.batch_size, TASK_ARTICLES))
    batches = iter(lambda: list(islice(iterator, size)), [])
    client = connect(str(settings.scheduler))
    try:
        _load_pipelines(client, tuple(str(p) for p in settings.gazetteers))
        threads = _Threads(client)
        pending: deque[_Slot] = deque()
        for batch in batches:
            pending.append(_submit(client, batch, settings))
            while len(pending) >= TASKS_PER_THREAD * threads.count():
                yield from _mark_copies(_collect(client, pending.popleft(), settings), dedup, sketches)
        while pending:
            yield from _mark_copies(_collect(client, pending.popleft(), settings), dedup, sketches)
    except Exception as err:
        if isinstance(err, ClusterError) or client.status == "running":
            raise
        raise _lost(str(settings.scheduler)) from err
    finally:
        client.close()


def _lost(address: str) -> ClusterError:
    return ClusterError(f"lost the Dask scheduler at {address}: the articles stored so far are kept; "
                        "run the same command again to resume")


def _mark_copies(pairs: list[tuple[Item, Sketch | None]], dedup: SyndicationIndex,
                 sketches: dict[str, Sketch] | None) -> Iterator[Item]:
    """Each item, an analyzed article marked when it copies one seen before (as `runner._clean_one` does)."""
    for item, sketched in pairs:
        if isinstance(item, Article) and item.skipped is None:
            if sketches is not None and sketched is not None:
                sketches[item.id] = sketched
            original = dedup.add(item.id, item.text, sketched)
            yield item if original is None else replace(item, duplicate_of=original)
        else:
            yield item


def connect(address: str) -> Client:
    """A client of the scheduler at `address`, once at least one worker has joined it."""
    import distributed

    dask: Any = distributed
    try:
        client: Client = dask.Client(address, timeout=CONNECT_TIMEOUT_S, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as err:
        raise ClusterError(f"cannot reach the Dask scheduler at {address}: {err}") from None
    try:
        client.wait_for_workers(1, timeout=WORKER_TIMEOUT_S)
    except (OSError, TimeoutError) as err:
        client.close()
        raise ClusterError(
            f"no Dask worker joined the scheduler at {address} in {WORKER_TIMEOUT_S} s"
        ) from err
    threads = client.nthreads()
    if any(n > 1 for n in threads.values()):
        log.warning("Dask workers with more than one thread analyze one batch at a time: start them "
                    "with --nthreads 1 (and --nworkers N for N processes)")
    return client


def _load_pipelines(client: Client, gazetteers: tuple[str, ...]) -> None:
    """Have every worker, present and future, load the pipeline; fail at once if one cannot."""
    client.register_plugin(PipelineLoader(gazetteers))
    for worker, error in client.run(pipeline_error, gazetteers).items():
        if error:
            raise ClusterError(f"the Dask worker at {worker} cannot load the analysis pipeline: {error}")


class _Threads:
    """The cluster's worker threads, asked of the scheduler at most every THREADS_REFRESH_S seconds."""

    def __init__(self, client: Client) -> None:
        self._client = client
        self._count = 1
        self._asked = -THREADS_REFRESH_S

    def count(self) -> int:
        now = time.monotonic()
        if now - self._asked >= THREADS_REFRESH_S:
            self._count = max(1, sum(self._client.nthreads().values()))
            self._asked = now
        return self._count


def _submit(client: Client, batch: list[RawArticle | Failure], settings: Settings) -> _Slot:
    part = [item for item in batch if isinstance(item, RawArticle)]
    future = client.submit(analyze_batch, part, settings, pure=False) if part else None
    return _Slot(batch, part, future)


def _collect(client: Client, slot: _Slot, settings: Settings) -> list[tuple[Item, Sketch | None]]:
    """The slot's batch with each raw article replaced by its result and sketch, waiting as needed."""
    results = iter(_result(client, slot.part, slot.future, settings) if slot.future is not None else [])
    return [next(results) if isinstance(item, RawArticle) else (item, None) for item in slot.batch]


def _result(client: Client, part: list[RawArticle], future: Future,
            settings: Settings) -> list[tuple[Item, Sketch | None]]:
    try:
        result: list[tuple[Item, Sketch | None]] = future.result()
        return result
    except Exception as err:
        reason = _reason(err, client)
    finally:
        future.release()
    if len(part) > 1:  # find the article at fault: each one on its own
        log.warning("a batch of %d articles failed on the cluster (%s): retrying them one by one",
                    len(part), reason)
        singles = [client.submit(analyze_batch, [item], settings, pure=False) for item in part]
        pairs = zip(part, singles, strict=True)
        return [x for item, single in pairs for x in _result(client, [item], single, settings)]
    (item,) = part
    log.warning("%s: analysis failed on the cluster: %s", item.source.path, reason)
    return [(Failure(item.source, f"analysis failed: {reason}"), None)]


def _reason(err: Exception, client: Client) -> str:
    from distributed.scheduler import KilledWorker

    if client.status != "running":  # the client closed: the scheduler is gone
        raise err
    if isinstance(err, KilledWorker):
        return f"every Dask worker analyzing it died ({err.allowed_failures + 1} tries)"
    return f"{type(err).__name__}: {err}"

