"""The runner in worker processes: the same results in the same order, and no read-ahead on endless input."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import pytest

from reportedly import runner
from reportedly.config import Settings
from reportedly.model import Article, Failure, RawArticle, SourceRef, article_to_dict, failure_to_dict
from reportedly.runner import (
    BATCH_CHARS_FACTOR,
    PENDING_PER_WORKER,
    SORTED_BATCHES,
    analyze_raw,
    length_batches,
)
from tests.conftest import SEED

SENTENCES = [
    "Russia said on Monday it was ready to host talks between the Taliban and the opposition.",
    "The envoy, Zamir Kabulov, told reporters in Moscow that the meeting could take place next month.",
    "Officials in Kabul denied that fighters had attacked the northern province of Balkh.",
    "The United Nations called for a ceasefire, according to a statement released on Tuesday.",
]


def _raw(n: int) -> RawArticle:
    body = " ".join(SENTENCES[(n + k) % len(SENTENCES)] for k in range(3)) + f" Report number {n}."
    return RawArticle(SourceRef(path=f"article-{n}.txt", url=None, format="text"), body, title=f"Report {n}")


def _items() -> list[RawArticle | Failure]:
    seed = RawArticle(SourceRef(path=str(SEED), url=None, format="text"), SEED.read_text("utf-8"))
    bad = Failure(SourceRef(path="broken.html", url=None, format="html"), "not a page")
    return [seed, _raw(0), bad, _raw(1), _raw(1), _raw(2), _raw(3), _raw(4)]


def _as_dicts(items: Iterator[Article | Failure]) -> list[dict[str, object]]:
    return [article_to_dict(i) if isinstance(i, Article) else failure_to_dict(i) for i in items]


def test_parallel_results_equal_single_process() -> None:
    settings = Settings(batch_size=2)
    single = _as_dicts(analyze_raw(_items(), settings))
    parallel = _as_dicts(analyze_raw(_items(), settings.replace(n_process=2)))
    assert parallel == single
    assert [d.get("source", {}).get("path") if "error" not in d else "failure" for d in parallel][:3] == [
        str(SEED), "article-0.txt", "failure"]


def _varied(n: int) -> RawArticle:
    """Articles of very different lengths (1 to 12 sentences), so that parsing by length reorders them."""
    body = " ".join(SENTENCES[(n + k) % len(SENTENCES)] for k in range(1 + (n * 7) % 12))
    return RawArticle(SourceRef(path=f"varied-{n}.txt", url=None, format="text"), body + f" Item {n}.")


def test_runner_parses_by_length_with_input_order_results(monkeypatch: pytest.MonkeyPatch) -> None:
    items: list[RawArticle | Failure] = [_varied(n) for n in range(9)]
    settings = Settings(batch_size=2)
    by_length = _as_dicts(analyze_raw(items, settings))
    monkeypatch.setattr(runner, "SORTED_BATCHES", 1)  # one spaCy batch read at a time, as before
    in_order = _as_dicts(analyze_raw(items, settings))
    assert by_length == in_order
    assert [d["source"]["path"] for d in by_length] == [f"varied-{n}.txt" for n in range(9)]  # type: ignore[index]
    lengths = [len(d["text"]) for d in by_length]  # type: ignore[arg-type]
    assert lengths != sorted(lengths)  # the input is not already in length order


@pytest.mark.parametrize(("lengths", "batch_size", "expected"), [
    ([5, 1, 3], 16, [[1, 2, 0]]),  # one batch, shortest first
    ([10, 10, 10, 10], 2, [[0, 1], [2, 3]]),  # equal lengths keep the input order
    ([1, 1, 1, 1, 1, 1, 100, 1], 4, [[0, 1, 2, 3], [4, 5, 7], [6]]),  # the long text alone
    ([300, 1, 1, 1], 2, [[1, 2], [3], [0]]),  # budget 1.5 x 151.5: over it, a batch of its own
    ([], 16, []),
])
def test_length_batches(lengths: list[int], batch_size: int, expected: list[list[int]]) -> None:
    assert length_batches(lengths, batch_size) == expected


@pytest.mark.parametrize(("lengths", "batch_size", "max_texts", "expected"), [
    ([1, 1, 1, 1, 1, 1, 100, 1], 4, 8, [[0, 1, 2, 3, 4, 5, 7], [6]]),  # short texts: more than batch_size
    ([1, 1, 1, 1, 1, 1], 2, 4, [[0, 1, 2], [3, 4, 5]]),  # budget 1.5 x 2: the characters bind first
    ([1] * 9 + [100], 4, 8, [[0, 1, 2, 3, 4, 5, 6, 7], [8], [9]]),  # max_texts binds before the budget
])
def test_length_batches_short_texts_share_a_batch(lengths: list[int], batch_size: int, max_texts: int,
                                                  expected: list[list[int]]) -> None:
    assert length_batches(lengths, batch_size, max_texts) == expected


def test_length_batches_bounds_each_batch() -> None:
    lengths = [(n * 7919) % 997 + 1 for n in range(64)]
    batches = length_batches(lengths, 16)
    assert sorted(p for b in batches for p in b) == list(range(64))
    budget = BATCH_CHARS_FACTOR * sum(lengths) / 4
    for b in batches:
        assert len(b) <= 16 and (len(b) == 1 or sum(lengths[p] for p in b) <= budget)
    flat = [lengths[p] for b in batches for p in b]
    assert flat == sorted(flat)


@pytest.mark.parametrize("n_process", [1, 2])
def test_parallel_reads_ahead_a_bounded_number_of_articles(n_process: int) -> None:
    consumed = itertools.count()

    def endless() -> Iterator[RawArticle]:
        for n in itertools.count():
            next(consumed)
            yield _raw(n)

    settings = Settings(batch_size=2, n_process=n_process)
    results = analyze_raw(endless(), settings)
    taken = list(itertools.islice(results, 5))
    results.close()  # type: ignore[attr-defined]  # a generator: closing it stops the workers
    read = next(consumed)
    assert len(taken) == 5 and all(isinstance(a, Article) for a in taken)
    # one process reads a group of batches (parsed by length); a pool, the batches in flight
    ahead = SORTED_BATCHES if n_process == 1 else PENDING_PER_WORKER * n_process + 1
    limit = 5 + settings.batch_size * ahead
    assert read <= limit, f"read {read} articles to give 5 (limit {limit})"


def test_parallel_vocabulary_does_not_grow_across_batches(nlp: object) -> None:
    from reportedly.nlp.pipeline import make_nlp

    def novel(n: int) -> RawArticle:
        words = " ".join(f"Qzx{n}v{k}ombra" for k in range(20))
        return RawArticle(SourceRef(path=f"novel-{n}.txt", url=None, format="text"),
                          f"Officials named {words} in a statement on Monday, reporters said.")

    settings = Settings(batch_size=2)
    strings = make_nlp(()).vocab.strings
    list(analyze_raw([novel(n) for n in range(4)], settings))
    before = len(strings)
    list(analyze_raw([novel(n) for n in range(4, 16)], settings))
    assert len(strings) == before
