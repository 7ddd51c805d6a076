"""`reportedly ingest`: analyze inputs (`runner`) and store everything in the ledger database (`store`).

Articles already stored are recognized before the analysis (the article id is a hash of the text),
so re-ingesting is a no-op and an interrupted ingest resumes where it stopped. Syndicated copies of
articles stored by earlier runs are recognized too (`CopyFinder`), so a copy counts once as a
source whenever it arrives. Inputs that failed
are recorded with the reason; they are skipped on later runs unless `retry_failed` is set.

A recorded failure path is data, never a place to read from: a ledger may come from someone else,
and a path the folder walk refused (a symlink out of the folder) must stay refused. So retrying
re-reads exactly what this run's own paths yield, walked by the same rules (`ingest.files`), and
only stops skipping the inputs among them that failed before.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from itertools import islice

from reportedly import runner
from reportedly.clean import article_id
from reportedly.clean.dedup import Sketch, SyndicationIndex
from reportedly.clean.normalize import normalize_text
from reportedly.config import Settings
from reportedly.ingest.select import Skipped
from reportedly.ledger.records import IngestReport
from reportedly.model import Article, Failure, RawArticle
from reportedly.runner import Item
from reportedly.store import lookups
from reportedly.store.database import Database, connect
from reportedly.store.writer import store_batch

# Articles per write transaction: small enough that a kill loses little work, large enough that
# the per-commit cost (a WAL append and a sync) is noise next to the analysis.
STORE_BATCH = 16
# Stored articles a new one is checked against for being a syndicated copy of an earlier run's
# article: copies follow their original within hours, and this many recent articles cover that
# for most feeds at a startup cost of about a second.
RECENT_ARTICLES = 2000
# Sketches of articles in flight (analyzed, not stored yet) kept for the copy check at storing: more
# than any run keeps in flight; one dropped early is only computed again.
SKETCHES_KEPT = 4096


def analyze(paths: Iterable[str], settings: Settings,
            on_skip: Callable[[Skipped], None] | None = None) -> Iterator[Item]:
    """`runner.analyze`, on the Dask cluster at `settings.scheduler` when one is set."""
    return analyze_raw(runner.read(paths, settings, on_skip), settings)


def analyze_raw(items: Iterable[RawArticle | Failure], settings: Settings,
                sketches: dict[str, Sketch] | None = None) -> Iterator[Item]:
    """`runner.analyze_raw` in this machine's processes, or cleaning and analysis on the Dask cluster
    at `settings.scheduler` (`reportedly.runner_dask`, imported only then: it loads distributed).
    `sketches` as for `runner.analyze_raw`."""
    if settings.scheduler:
        from reportedly.runner_dask import analyze_on_cluster

        return analyze_on_cluster(items, settings, sketches)
    return runner.analyze_raw(items, settings, sketches)


@dataclass
class _Counts:
    already_stored: int = 0
    skipped_failed: int = 0


class CopyFinder:
    """Marks syndicated copies of articles stored by earlier runs (the runner sees only its own run).

    Args:
        conn: the ledger database; its `RECENT_ARTICLES` latest articles are indexed.
        settings: the run's settings (`dedup_threshold`).
    """

    def __init__(self, conn: Database, settings: Settings) -> None:
        self._index = SyndicationIndex(threshold=settings.dedup_threshold)
        self._seen = 0  # the storage order (rowid) of the latest article indexed
        for rowid, stored_id, text in lookups.recent_articles(conn, limit=RECENT_ARTICLES):
            self._index.add(stored_id, text)
            self._seen = rowid

    def refresh(self, conn: Database) -> None:
        """Index the articles stored since (by other ingesters at the same time, or this one).

        Called under the ledger's writer lock, so that an ingester marks a copy of an article
        another ingester has just stored as one ingester would."""
        for rowid, stored_id, text in lookups.recent_articles(conn, after=self._seen):
            self._index.add(stored_id, text)
            self._seen = rowid

    def mark(self, article: Article, sketched: Sketch | None = None) -> Article:
        """The article, with `duplicate_of` set when it copies an earlier article the runner did not see.

        Args:
            sketched: the article's sketch when the runner computed it (else computed here).
        """
        if article.skipped is not None:
            return article
        original = self._index.add(article.id, article.text, sketched)
        if article.duplicate_of is None and original is not None and original != article.id:
            return replace(article, duplicate_of=original)
        return article


def _forget_oldest(sketches: dict[str, Sketch], keep: int) -> None:
    """Drop all but the `keep` latest sketches: those of articles whose analysis failed are never taken."""
    for key in list(islice(sketches, max(0, len(sketches) - keep))):
        del sketches[key]


def failed_paths(conn: Database) -> list[str]:
    """The input paths with a recorded failure."""
    return lookups.failed_paths(conn)


def _pending(
    items: Iterable[RawArticle | Failure],
    conn: Database,
    failed: set[str],
    retry: bool,
    counts: _Counts,
) -> Iterator[RawArticle | Failure]:
    """Items still to analyze: not stored yet, and not failed before (unless retrying)."""
    for item in items:
        path = item.source.path or "-"
        if path in failed and not retry:
            counts.skipped_failed += 1
            continue
        if isinstance(item, RawArticle):
            try:  # the article boundary: text a reader let through must not stop the run here
                key = article_id(normalize_text(item.text))
            except (UnicodeError, ValueError) as err:
                yield Failure(item.source, f"text cannot be stored: {type(err).__name__}")
                continue
            if lookups.is_stored(conn, key):
                counts.already_stored += 1
                continue
        yield item


def store_results(conn: Database, copies: CopyFinder, batch: list[Article | Failure],
                  sketches: dict[str, Sketch] | None = None) -> int:
    """Store one batch of analysis results (what `ingest` does with each, local or distributed).

    One write transaction, under the ledger's writer lock: the articles other ingesters stored
    meanwhile are indexed first, so copies of them are marked as one ingester would mark them.
    The runner's sketches of the batch's articles (`runner.analyze_raw`) are taken out of `sketches`.

    Returns:
        the number of articles newly stored.
    """
    with conn.transaction():
        copies.refresh(conn)
        sketches = {} if sketches is None else sketches
        articles = [copies.mark(i, sketches.pop(i.id, None)) for i in batch if isinstance(i, Article)]
        return store_batch(conn, articles, [i for i in batch if isinstance(i, Failure)])


def ingest(
    paths: list[str],
    settings: Settings,
    *,
    retry_failed: bool = False,
    on_item: Callable[[Article | Failure], None] | None = None,
    on_skip: Callable[[Skipped], None] | None = None,
) -> IngestReport:
    """Analyze inputs and store articles, entities, events and failures in `settings.db`.

    Args:
        paths: files, folders or '-' (stdin), as for `reportedly analyze`.
        settings: the run's settings (`settings.db` is the database).
        retry_failed: do not skip the inputs among `paths` that failed before (they are read again;
            recorded failure paths outside `paths`, or refused by the walk, are never read).
        on_item: called with each analyzed article or failure (progress display).
        on_skip: called with each file of a folder that is not an article (README, binary...).

    Returns:
        counts of what was stored, skipped and failed.

    Raises:
        StoreError: the database cannot be opened or written.
    """
    conn = connect(settings.db)
    try:
        failed = set(failed_paths(conn))
        counts = _Counts()
        pending = _pending(runner.read(paths, settings, on_skip), conn, failed, retry_failed, counts)
        stored = n_failed = 0
        copies = CopyFinder(conn, settings)
        sketches: dict[str, Sketch] = {}
        results = iter(analyze_raw(pending, settings, sketches))
        while batch := list(islice(results, STORE_BATCH)):
            for item in batch:
                if on_item:
                    on_item(item)
            n_failed += sum(isinstance(i, Failure) for i in batch)
            stored += store_results(conn, copies, batch, sketches)
            _forget_oldest(sketches, SKETCHES_KEPT)
        events = lookups.count_events(conn)
    finally:
        conn.close()
    return IngestReport(
        stored=stored,
        already_stored=counts.already_stored,
        failed=n_failed,
        skipped_failed=counts.skipped_failed,
        events=int(events),
    )
