"""Arrival order and interruptions against the ledger, on real articles (issue 18).

What holds (docs/ledger.md, "What arrival order changes"): stopping and resuming an ingest, and the
size of its write batches, never change the ledger; in any order every article is stored, no id is
reused, and every gazetteer-linked entity of every article lands in the one ledger entity of its
gazetteer id, and nowhere else; and the whole ledger (entities, events, statuses) is the same in
every order, the fuzzy name rule (entity rule 3) included.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from bench.order import signature as _ledger
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reportedly.config import Settings
from reportedly.merge.entities import entity_key
from reportedly.model import Article
from reportedly.pipeline import CopyFinder
from reportedly.store.database import connect
from reportedly.store.writer import store_batch

# Real news from the PolNeAR train split: enough articles on the same politicians that entities
# merge across articles, few enough that the analysis stays a few seconds. The named ones (found by
# shrinking the train split) made entity rule 3 give different ledgers in different orders before it
# became a symmetric test of two names (`merge.entities.keys_match`) with merges.
N_FIRST = 19
ORDER_SENSITIVE = (
    "huff-post_2016-03-02_bernie-sanders-beats-hillary-cli",
    "huff-post_2016-03-09_carly-fiorina-endorses-ted-cruz-",
    "huff-post_2016-03-09_networks-didn-t-cut-from-donald-",
    "huff-post_2016-03-15_pastor-wants-girl-scout-leaders-",
    "huff-post_2016-03-15_ted-cruz-physically-assaulting-a",
    "huff-post_2016-03-16_donald-trump-got-more-votes-in-o",
    "huff-post_2016-03-23_how-the-democratic-elite-betraye",
    "huff-post_2016-04-08_cecile-richards-i-m-sick-of-men-",
    "huff-post_2016-04-12_republicans-finally-confirmed-a-",
    "huff-post_2016-04-27_bernie-sanders-suffered-a-big-bl",
    "huff-post_2016-05-02_huffpollster-indiana-s-gop-prima",
)
N_ARTICLES = N_FIRST + len(ORDER_SENSITIVE)
CASES = settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def corpus(shared: Path) -> list[Article]:
    from reportedly.runner import analyze

    folder = shared / "data" / "polnear" / "train" / "text"
    paths = sorted(folder.glob("*.txt"))[:N_FIRST] + [folder / f"{name}.txt" for name in ORDER_SENSITIVE]
    items = list(analyze([str(p) for p in paths], Settings()))
    # the runner marks copies in its own order; the ledger's writer below marks them again
    return [replace(a, duplicate_of=None) for a in items if isinstance(a, Article)]


def _ingest(db: Path, articles: list[Article], batch: int, stops: frozenset[int]) -> None:
    """Store in batches; at each stop the 'process' dies between two batches and a new run resumes."""
    conn = connect(db)
    copies = CopyFinder(conn, Settings())
    for n, start in enumerate(range(0, len(articles), batch)):
        if n in stops:
            conn.close()
            conn = connect(db)
            copies = CopyFinder(conn, Settings())
        store_batch(conn, [copies.mark(a) for a in articles[start : start + batch]], [])
    conn.close()


def _gazetteer_entities(db: Path, corpus: list[Article]) -> dict[str, set[str]]:
    """Gazetteer key -> the ledger entities holding the article entities linked to it (a country's
    government, "kb:cty:RUS:GOV", is an entity apart from the place: `entity_key`)."""
    linked = {(a.id, e.id): e.kb_id for a in corpus for e in a.entities if e.kb_id}
    keys = {(a.id, e.id): entity_key(e) for a in corpus for e in a.entities if e.kb_id}
    conn = sqlite3.connect(db)
    try:
        rows = conn.execute(
            "SELECT ae.article_id, ae.local_id, e.id, e.kb_id FROM article_entities ae "
            "JOIN entities e ON e.id = ae.entity_id"
        ).fetchall()
    finally:
        conn.close()
    out: dict[str, set[str]] = {}
    for article, local, entity, kb_id in rows:
        if (article, local) in linked:
            assert kb_id == linked[article, local]  # never filed under another gazetteer id
            out.setdefault(keys[article, local], set()).add(entity)
    return out


@pytest.fixture()
def dbs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    def fresh() -> Path:
        return tmp_path_factory.mktemp("ledger") / "l.db"

    yield fresh


@CASES
@given(batch=st.integers(1, 20), stops=st.frozensets(st.integers(0, 30), max_size=4))
def test_order_interruptions_and_batches_change_nothing(
    corpus: list[Article], dbs: Any, batch: int, stops: frozenset[int]
) -> None:
    reference, resumed = dbs(), dbs()
    _ingest(reference, corpus, 16, frozenset())
    _ingest(resumed, corpus, batch, stops)
    assert _ledger(resumed) == _ledger(reference)


@CASES
@given(order=st.permutations(range(N_ARTICLES)), stops=st.frozensets(st.integers(0, 30), max_size=3))
def test_order_any_order_keeps_articles_and_gazetteer_entities(
    corpus: list[Article], dbs: Any, order: list[int], stops: frozenset[int]
) -> None:
    reference, shuffled = dbs(), dbs()
    _ingest(reference, corpus, 16, frozenset())
    _ingest(shuffled, [corpus[i] for i in order if i < len(corpus)], 4, stops)
    one, other = _ledger(reference), _ledger(shuffled)
    assert other["articles"] == one["articles"] and len(one["articles"]) == len(corpus)
    by_kb = _gazetteer_entities(shuffled, corpus)
    assert by_kb and all(len(entities) == 1 for entities in by_kb.values())  # one entity per id
    assert set(by_kb) == set(_gazetteer_entities(reference, corpus))


@CASES
@given(order=st.permutations(range(N_ARTICLES)), stops=st.frozensets(st.integers(0, 30), max_size=3))
def test_order_free_ledger(corpus: list[Article], dbs: Any, order: list[int], stops: frozenset[int]) -> None:
    reference, shuffled = dbs(), dbs()
    _ingest(reference, corpus, 16, frozenset())
    _ingest(shuffled, [corpus[i] for i in order if i < len(corpus)], 4, stops)
    assert _ledger(shuffled) == _ledger(reference)


# Three syndicated copies of one report and a denial, published on consecutive days: whichever copy
# arrives first, the earliest published is the original (the copy finder names the first to arrive).
COPY_DAYS = {"c1": "2022-01-31", "c2": "2022-02-01", "c3": "2022-02-02"}


def _copies_in(
    target: str, order: tuple[str, ...], batch: int
) -> tuple[dict[str, str | None], set[tuple[str, str]]]:
    from tests.store.builders import moscow_meeting

    conn = connect(target)
    first = order[0]
    arrivals = [
        moscow_meeting(aid, COPY_DAYS[aid], "a source close to NRF", "anonymous", "assert",
                       duplicate_of=None if aid == first else first)
        for aid in order
    ] + [moscow_meeting("deny", "2022-02-03", "Zabihullah Mujahid", "person", "deny", member_of="Taliban")]
    for start in range(0, len(arrivals), batch):
        store_batch(conn, arrivals[start : start + batch], [])
    originals = dict(conn.execute("SELECT id, duplicate_of FROM articles").fetchall())
    events = {(r[0], r[1]) for r in conn.execute("SELECT id, data FROM events")}
    conn.close()
    return originals, events


@pytest.mark.parametrize("batch", [1, 4])
def test_order_earliest_published_copy_is_the_original(batch: int, new_ledger: Callable[..., str]) -> None:
    import itertools

    results = [
        _copies_in(new_ledger(f"l{n}"), order, batch)
        for n, order in enumerate(itertools.permutations(COPY_DAYS))
    ]
    originals, events = results[0]
    assert originals == {"c1": None, "c2": "c1", "c3": "c1", "deny": None}
    assert all(r == (originals, events) for r in results)  # the same claims, sources and statuses


N_LARGE = 300  # a few hundred real articles: what issue 18 asks the property of


@pytest.fixture(scope="module")
def large_corpus(shared: Path) -> list[Article]:
    from reportedly.runner import analyze

    paths = sorted((shared / "data" / "polnear" / "train" / "text").glob("*.txt"))[:N_LARGE]
    items = list(analyze([str(p) for p in paths], Settings()))
    return [replace(a, duplicate_of=None) for a in items if isinstance(a, Article)]


@pytest.mark.slow
@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    seed=st.integers(0, 2**32 - 1),
    batch=st.integers(1, 32),
    stops=st.frozensets(st.integers(0, 300), max_size=5),
)
def test_order_free_ledger_a_few_hundred_articles(
    large_corpus: list[Article], dbs: Any, seed: int, batch: int, stops: frozenset[int]
) -> None:
    import random

    reference, shuffled = dbs(), dbs()
    _ingest(reference, large_corpus, 16, frozenset())
    _ingest(shuffled, random.Random(seed).sample(large_corpus, len(large_corpus)), batch, stops)
    assert _ledger(shuffled) == _ledger(reference)


def _spokesman_confirms() -> Article:
    from tests.store.builders import ArticleBuilder

    b = ArticleBuilder("said", published="2022-02-01")
    b.entity("Taliban", "ORG", kb_id="rp:taliban")
    b.entity("Zabihullah Mujahid", kb_id="rp:mujahid")
    q = b.says("Zabihullah Mujahid", "confirm")
    b.event("CONSULT", actors=("Taliban",), place="Moscow", date="2022-01-31", sources=((q, "confirm"),))
    return b.build()


def _spokesman_of_the_taliban() -> Article:
    from tests.store.builders import ArticleBuilder

    b = ArticleBuilder("member", published="2022-02-02")
    b.entity("Taliban", "ORG", kb_id="rp:taliban")
    b.entity("Zabihullah Mujahid", kb_id="rp:mujahid", member_of=("Taliban",), roles=("spokesman",))
    return b.build()


@pytest.mark.parametrize("same_batch", [False, True])
def test_order_an_affiliation_learnt_later_updates_the_status(
    same_batch: bool, new_ledger: Callable[..., str]
) -> None:
    """The spokesman confirming is an on-record participant once the ledger knows he belongs to the
    Taliban, whichever article told it first."""
    statuses = []
    said, member = _spokesman_confirms(), _spokesman_of_the_taliban()
    for n, arrivals in enumerate(([said, member], [member, said])):
        conn = connect(new_ledger(f"l{n}"))
        for batch in [arrivals] if same_batch else [[a] for a in arrivals]:
            store_batch(conn, batch, [])
        statuses.append([r[0] for r in conn.execute("SELECT status FROM events")])
        conn.close()
    assert statuses[0] == statuses[1] == ["confirmed"]
