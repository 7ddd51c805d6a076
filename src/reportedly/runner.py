"""The pipeline runner: inputs -> RawArticles -> CleanArticles -> Docs -> Articles.

The runner is the article boundary: an exception raised while handling one article becomes a
Failure naming the article and the reason, and the batch goes on. Nothing is dropped silently.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from itertools import islice
from typing import Any

from reportedly.clean import clean_article
from reportedly.clean.dedup import Sketch, SyndicationIndex, sketch
from reportedly.config import Settings
from reportedly.ingest import read_inputs
from reportedly.ingest.select import Selection, Skipped
from reportedly.ingest.web import FetchPolicy
from reportedly.model import Article, CleanArticle, DocContext, Failure, RawArticle

log = logging.getLogger(__name__)

Item = Article | Failure
# Pipelines (by id) that have analyzed a batch in this process: later batches run in memory zones.
_WARMED: set[int] = set()
# Batches queued per worker process: two keeps every worker busy while the next batch is cleaned.
PENDING_PER_WORKER = 2
# spaCy batches read at once in one process and parsed shortest article first, so that each spaCy batch
# holds articles of like length: the parser and NER decode a batch step by step until its longest article
# is done (nlp/heldgil.py), and a step with one or two articles left costs nearly a full step's fixed
# overhead. On 256 ECB+ articles in input order, 60% of the decoding steps had at most 4 articles left.
# Every article is annotated alone (no value crosses articles in a batch), so outputs do not change;
# results keep the input order. A group's first result waits for its whole group to be read.
SORTED_BATCHES = 8
# A batch of the longest articles holds fewer of them: at most this many times the characters of an
# average batch of the group (`length_batches`), so that peak memory (the parser's per-token arrays) stays
# near an unsorted batch's. On 300 ECB+ articles: the longest article per batch, summed over the batches
# (the decoding steps), 110k characters in input order, 80k so; the largest batch 46k characters, 51k
# so (unbounded: 58k and 99k).
BATCH_CHARS_FACTOR = 1.5
# A spaCy batch of short articles holds up to this many times `batch_size` of them, within the same
# character budget (so peak memory is unchanged: the budget, not the count, bounds the long articles'
# batches). Fewer batches are fewer decoding steps, each a near-fixed cost: on 300 ECB+ articles, parse
# CPU in one process 8.56 -> 8.30 s (median of 3 interleaved passes, under load), largest batch 51k
# characters either way, annotations identical (heads, labels, entities, tags, lemmas).
SHORT_BATCH_FACTOR = 2


def internal_reason(step: str, err: BaseException) -> str:
    """A failure reason for an unexpected error: the step and the error's kind, never its message
    ("'NoneType' object has no attribute ...", which says nothing to a user; the log has it)."""
    return f"{step} failed: internal error ({type(err).__name__}); the log has the details"


def analyze(
    paths: Iterable[str], settings: Settings, on_skip: Callable[[Skipped], None] | None = None
) -> Iterator[Item]:
    """Analyze every article found in `paths`, yielding results in input order.

    Args:
        paths: files, folders or '-' (stdin).
        settings: the run's settings.
        on_skip: called with each file of a folder that is not an article (README, binary...).

    Yields:
        an Article per article read, a Failure per input or article that could not be handled.
    """
    yield from analyze_raw(read(paths, settings, on_skip), settings)


def read(paths: Iterable[str], settings: Settings,
         on_skip: Callable[[Skipped], None] | None = None) -> Iterator[RawArticle | Failure]:
    """The inputs read under the run's settings (sizes, folder selection, fetch policy): what
    `analyze` analyzes and `pipeline.ingest` analyzes and stores."""
    selection = Selection(settings.include, settings.exclude)
    return read_inputs(paths, settings.max_input_bytes, settings.max_html_bytes, selection=selection,
                       on_skip=on_skip, fetch=FetchPolicy.from_settings(settings))


def analyze_raw(items: Iterable[RawArticle | Failure], settings: Settings,
                sketches: dict[str, Sketch] | None = None) -> Iterator[Item]:
    """Analyze RawArticles (from any reader, or built by a caller) in this machine's processes;
    Failures pass through. `pipeline.analyze_raw` sends them to a Dask cluster when one is set.

    Args:
        sketches: when given, each article's near-copy sketch (`clean.dedup.sketch`) is put there
            under its id as the article is checked for being a copy, for a caller that checks it
            against another index too (`pipeline.ingest`), so it is computed once.
    """
    dedup = SyndicationIndex(threshold=settings.dedup_threshold)
    cleaned = (_clean_one(item, settings, dedup, sketches) for item in items)
    iterator = iter(cleaned)
    # one process: several spaCy batches at a time, parsed by length (SORTED_BATCHES); a pool's workers
    # take one spaCy batch each, so that the last batches spread over every worker
    group = settings.batch_size * (SORTED_BATCHES if settings.n_process <= 1 else 1)
    batches = iter(lambda: list(islice(iterator, group)), [])
    if settings.n_process > 1:
        yield from _analyze_parallel(batches, settings)
        return
    for batch in batches:
        yield from _analyze_batch(batch, settings)


def _clean_one(item: RawArticle | Failure, settings: Settings, dedup: SyndicationIndex,
               sketches: dict[str, Sketch] | None = None) -> Item:
    """The item cleaned, and marked when it copies an article `dedup` saw before."""
    cleaned = clean_item(item, settings)
    if not isinstance(cleaned, Article) or cleaned.skipped is not None:
        return cleaned
    sketched = sketch(cleaned.text, settings.dedup_threshold)
    if sketches is not None:
        sketches[cleaned.id] = sketched
    original = dedup.add(cleaned.id, cleaned.text, sketched)
    return cleaned if original is None else replace(cleaned, duplicate_of=original)


def clean_item(item: RawArticle | Failure, settings: Settings) -> Item:
    """A raw article cleaned into an Article not yet analyzed (nor checked for being a copy), or the
    Failure saying why it cannot be; a Failure passes through."""
    if isinstance(item, Failure):
        return item
    try:
        article = clean_article(item, clean=settings.clean, published=settings.published)
    except Exception as err:  # the article boundary: one bad article never kills a batch
        log.warning("%s: cleaning failed: %r", item.source.path, err)
        return Failure(item.source, internal_reason("cleaning", err))
    skipped = _skip_reason(article, settings)
    if len(article.text) > settings.max_article_chars:
        return Failure(item.source, f"article body has {len(article.text):,} characters, more than the "
                       f"{settings.max_article_chars:,} analyzed")
    return _to_article(article, None, skipped)


def _skip_reason(article: CleanArticle, settings: Settings) -> str | None:
    if not article.text.strip():
        return "empty body after cleaning"
    if article.language not in settings.languages:
        return f"language '{article.language}' is not analyzed (analyzed: {', '.join(settings.languages)})"
    return None


def _to_article(clean: CleanArticle, duplicate_of: str | None, skipped: str | None) -> Article:
    return Article(
        id=clean.id, source=clean.source, title=clean.title, published=clean.published,
        language=clean.language, dateline=clean.dateline, text=clean.text, removed=clean.removed,
        duplicate_of=duplicate_of, author=clean.author, skipped=skipped,
    )


def _analyze_batch(batch: list[Item], settings: Settings) -> list[Item]:
    todo = [i for i, item in enumerate(batch) if isinstance(item, Article) and item.skipped is None]
    if not todo:
        return batch
    from reportedly.nlp.memory import collector_paused

    with collector_paused(not _WARMED):  # the process's first batch loads everything (nlp/memory.py)
        return _analyze_todo(batch, todo, settings)


def _analyze_todo(batch: list[Item], todo: list[int], settings: Settings) -> list[Item]:
    from reportedly.nlp.doctext import keep_text
    from reportedly.nlp.pipeline import make_nlp

    nlp = make_nlp(tuple(str(p) for p in settings.gazetteers))
    out = list(batch)
    # Strings and lexemes that spaCy adds for this batch's words are freed when it is done, so the
    # vocabulary does not grow without end on a firehose; records hold plain str, never Docs. A
    # process's first batch runs outside a zone: matchers and tables built lazily on first use keep
    # their strings for good.
    zone = nlp.memory_zone() if id(nlp) in _WARMED else contextlib.nullcontext()
    _WARMED.add(id(nlp))
    lengths = [len(batch[i].text) for i in todo]  # type: ignore[union-attr]
    with zone:
        for part in length_batches(lengths, settings.batch_size, SHORT_BATCH_FACTOR * settings.batch_size):
            indices = [todo[k] for k in part]
            texts = [batch[i].text for i in indices]  # type: ignore[union-attr]
            for index, text, doc in zip(indices, texts, nlp.pipe(texts, batch_size=len(texts)), strict=True):
                article = batch[index]
                assert isinstance(article, Article)
                keep_text(doc, text)  # the extractors' doc_text: spaCy would rebuild it from the tokens
                out[index] = _extract_one(article, doc)
    return out


def length_batches(lengths: list[int], batch_size: int, max_texts: int | None = None) -> list[list[int]]:
    """The spaCy batches to parse texts of these lengths in: positions shortest first (SORTED_BATCHES),
    at most `max_texts` texts a batch and, past one text, no more than BATCH_CHARS_FACTOR times the
    characters of an average batch of `batch_size` of them, so that the longest texts' batch needs
    little more memory than a batch in input order would.

    Args:
        lengths: the texts' lengths in characters, in input order.
        batch_size: the texts of an average batch (Settings.batch_size), which sets the character budget.
        max_texts: texts per batch at most (SHORT_BATCH_FACTOR times `batch_size` in the runner); by
            default `batch_size`.

    Returns:
        positions into `lengths`, batch by batch; every position once.
    """
    order = sorted(range(len(lengths)), key=lengths.__getitem__)  # stable: ties keep the input order
    most = batch_size if max_texts is None else max_texts
    batches = max(1, -(-len(lengths) // batch_size))
    budget = BATCH_CHARS_FACTOR * sum(lengths) / batches
    out: list[list[int]] = []
    current: list[int] = []
    chars = 0
    for position in order:
        if current and (len(current) == most or chars + lengths[position] > budget):
            out.append(current)
            current, chars = [], 0
        current.append(position)
        chars += lengths[position]
    if current:
        out.append(current)
    return out


def _analyze_parallel(batches: Iterator[list[Item]], settings: Settings) -> Iterator[Item]:
    """Analyze batches in `settings.n_process` worker processes, yielding results in input order.

    Reading, cleaning and syndication checks stay in this process (they are ordered and cheap); each
    worker runs spaCy and the extractors on whole batches and sends back finished Articles, never Docs.
    At most PENDING_PER_WORKER batches per worker are in flight, so memory stays flat on endless input.
    """
    import multiprocessing
    from collections import deque

    from reportedly.nlp.pipeline import make_nlp

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    if context.get_start_method() == "fork":
        from reportedly.nlp.memory import collector_paused

        with collector_paused():  # loaded once, frozen, shared copy-on-write
            make_nlp(tuple(str(p) for p in settings.gazetteers))
    pool = context.Pool(settings.n_process)
    try:
        pending: deque[Any] = deque()
        for batch in batches:
            pending.append(pool.apply_async(_analyze_batch, (batch, settings)))
            if len(pending) >= PENDING_PER_WORKER * settings.n_process:
                yield from pending.popleft().get()
        while pending:
            yield from pending.popleft().get()
        pool.close()
    finally:
        pool.terminate()
        pool.join()


def _extract_one(article: Article, doc: object) -> Item:
    from reportedly.extract import analyze_doc
    from reportedly.extract.lead import extract_lead

    ctx = DocContext(article_id=article.id, published=article.published, dateline=article.dateline,
                     title=article.title)
    try:
        entities, attributions, events = analyze_doc(doc, ctx)  # type: ignore[arg-type]
        lead = extract_lead(doc, entities, events, ctx)  # type: ignore[arg-type]
    except Exception as err:  # the article boundary
        log.warning("%s: analysis failed: %r", article.source.path, err)
        return Failure(article.source, internal_reason("analysis", err))
    return replace(article, entities=tuple(entities), attributions=tuple(attributions), events=tuple(events),
                   lead=lead)


def progress_counter(callback: Callable[[Item], None], items: Iterable[Item]) -> Iterator[Item]:
    """Pass items through, calling `callback` on each (for progress bars)."""
    for item in items:
        callback(item)
        yield item
