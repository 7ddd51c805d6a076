# ruff: noqa: E501  (the generator's SQL reads better unbroken)
"""PostgreSQL next to SQLite: the cost of storing the same articles, and query latency on a large
synthetic PostgreSQL ledger.

`store`: the samples are analyzed once; N variants of them (new ids, days and entity names, as
bench/ledger_latency.py makes them) are stored with the ledger's own `store_batch`, the same
batches into a fresh SQLite file and a fresh PostgreSQL database, in one process, one after the
other; the figure is the ratio of the two times (the machine is shared: absolute times are noise).

`latency`: a PostgreSQL ledger of `--events` events (and `--articles` articles of random words from
a news vocabulary) is generated inside the server (`generate_series`, no analysis): every event
carries a real claim object of the samples' ledger with its id, day, type and status changed, and
two participants among `--entities` entities. Then `claims` (a page of 20, and the CLI's default
1,000), `claims --status`, `claims --actor`, `count_events` and `search` run `--repeats` times
each through `reportedly.open`; p50 and p95 are printed.

Without `--pg` a throwaway cluster is started from Debian's binaries (tests/pgserver.py), on a free
loopback port, and removed afterwards.

`ingest`: `reportedly ingest`'s library function (analysis and storage) on the same PolNeAR texts,
into a fresh SQLite file and a fresh PostgreSQL database, one after the other in one process.

Usage:
  python bench/pg_bench.py ingest --articles 40
  python bench/pg_bench.py store --articles 1000
  python bench/pg_bench.py latency --events 1000000 --articles 100000
"""

from __future__ import annotations

import argparse
import datetime
import json
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

STORE_BATCH = 16  # as `reportedly ingest` stores
FIRST_DAY = datetime.date(2021, 1, 1)
DAYS = 3 * 365
WORDS = [
    "talks",
    "minister",
    "moscow",
    "kabul",
    "taliban",
    "police",
    "arrested",
    "officials",
    "said",
    "government",
    "forces",
    "border",
    "ceasefire",
    "agreement",
    "delegation",
    "meeting",
    "president",
    "security",
    "attack",
    "killed",
    "protest",
    "election",
    "vote",
    "court",
    "ruling",
    "sanctions",
    "embassy",
    "envoy",
    "spokesman",
    "military",
    "troops",
    "refugees",
    "aid",
    "humanitarian",
    "crisis",
    "report",
    "sources",
    "denied",
    "confirmed",
    "statement",
    "week",
    "tuesday",
    "thursday",
    "capital",
    "province",
    "region",
    "leaders",
]


@contextmanager
def _postgres(url: str | None) -> Iterator[Callable[[str], str]]:
    """A function making new databases: on `url`'s server, or on a throwaway cluster."""
    import psycopg

    cluster = None
    if url is None:
        from tests.pgserver import Cluster

        cluster = Cluster().start()
        url = cluster.url
    admin = url

    def make(name: str) -> str:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}" TEMPLATE template0')
        return admin.rsplit("/", 1)[0] + "/" + name

    try:
        yield make
    finally:
        if cluster is not None:
            cluster.stop()


def _base() -> list[Any]:
    from reportedly.config import Settings
    from reportedly.model import Article
    from reportedly.runner import analyze

    samples = sorted(str(p) for p in (ROOT / "samples").iterdir() if p.suffix in (".txt", ".jsonl"))
    return [a for a in analyze(samples, Settings(published="2022-02-01")) if isinstance(a, Article)]


def _variant(article: Any, i: int, rng: random.Random) -> Any:
    k = rng.randrange(100)
    entities = tuple(replace(e, name=f"{e.name} {k}", kb_id=None, aliases=()) for e in article.entities)
    day = FIRST_DAY + datetime.timedelta(days=rng.randrange(DAYS))
    return replace(
        article,
        id=f"a_syn{i:010d}",
        published=day.isoformat(),
        entities=entities,
        duplicate_of=None,
        text=article.text + f"\n\n(variant {i})",
        source=replace(article.source, path=f"syn/{i}"),
    )


def _store(target: str, batches: list[list[Any]]) -> float:
    from reportedly.store.database import connect
    from reportedly.store.writer import store_batch

    with connect(target) as db:
        start = time.perf_counter()
        for batch in batches:
            store_batch(db, batch, [])
        return time.perf_counter() - start


def store(args: argparse.Namespace) -> None:
    base = _base()
    rng = random.Random(args.seed)
    variants = [_variant(base[i % len(base)], i, rng) for i in range(args.articles)]
    batches = [variants[i : i + STORE_BATCH] for i in range(0, len(variants), STORE_BATCH)]
    with tempfile.TemporaryDirectory() as tmp, _postgres(args.pg) as make:
        sqlite_s = _store(str(Path(tmp) / "l.db"), batches)
        pg_s = _store(make("bench_store"), batches)
    print(
        f"stored {args.articles} articles ({len(batches)} batches of {STORE_BATCH}): "
        f"SQLite {sqlite_s:.1f} s ({args.articles / sqlite_s:.0f}/s), "
        f"PostgreSQL {pg_s:.1f} s ({args.articles / pg_s:.0f}/s); PostgreSQL / SQLite = {pg_s / sqlite_s:.2f}"
    )


def ingest_both(args: argparse.Namespace) -> None:
    """`reportedly ingest`'s library function on the same articles, into SQLite and PostgreSQL."""
    import shutil

    from reportedly.config import Settings
    from reportedly.pipeline import ingest
    from reportedly.runner import analyze

    texts = sorted((args.shared / "data" / "polnear" / "train" / "text").glob("*.txt"))[: args.articles]
    with tempfile.TemporaryDirectory() as tmp, _postgres(args.pg) as make:
        folder = Path(tmp) / "in"
        folder.mkdir()
        for path in texts:
            shutil.copy(path, folder / path.name)
        list(analyze([str(texts[0])], Settings()))  # the pipeline loaded before either is timed
        times = {}
        for name, target in (("SQLite", str(Path(tmp) / "l.db")), ("PostgreSQL", make("bench_ingest"))):
            start = time.perf_counter()
            report = ingest([str(folder)], Settings(db=target))
            times[name] = time.perf_counter() - start
            print(
                f"{name}: {report.stored} stored, {report.events} events in {times[name]:.1f} s", flush=True
            )
    print(
        f"ingest of {len(texts)} PolNeAR articles: PostgreSQL / SQLite = {times['PostgreSQL'] / times['SQLite']:.2f}"
    )


def _template() -> dict[str, Any]:
    """A real claim object of the samples' ledger (the median by size) to stamp every event with."""
    import reportedly
    from reportedly.config import Settings
    from reportedly.pipeline import ingest

    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "l.db")
        samples = sorted(str(p) for p in (ROOT / "samples").iterdir() if p.suffix in (".txt", ".jsonl"))
        ingest(samples, Settings(db=db, published="2022-02-01"))
        from reportedly.store.database import connect

        with connect(db, readonly=True) as conn:
            n = conn.execute("SELECT count(*) FROM events").fetchone()[0]
            row = conn.execute(  # the median claim by size: typical, not the largest
                "SELECT data FROM events ORDER BY length(data), id LIMIT 1 OFFSET ?", (n // 2,)
            ).fetchone()
        del reportedly
        return dict(json.loads(row[0]))


def _generate(url: str, events: int, articles: int, entities: int) -> None:
    import psycopg

    from reportedly.store.database import connect

    connect(url).close()  # the schema
    claim = _template()
    claim.update(id="@ID@", actors=["@A@"], recipients=["@B@"], host=None, mediator=None, status="@S@")
    claim.update(type="@T@", first_published="@D@", last_published="@D@")
    template = json.dumps(claim, ensure_ascii=False, sort_keys=True)
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(
            "INSERT INTO entities (id, key, nkey, block, name, type, name_doc, n_articles, n_events) "
            "SELECT 'ent' || i, 'per:p' || i, 'per:p' || i, 'p' || i, 'Person ' || i, 'PERSON', i, i %% 50, i %% 90 "
            "FROM generate_series(1, %s) i",
            (entities,),
        )
        conn.execute(
            "INSERT INTO entity_names SELECT i, 'Person ' || i FROM generate_series(1, %s) i", (entities,)
        )
        conn.execute(
            "INSERT INTO events (id, type, status, date_value, first_published, last_published, n_mentions, "
            "n_sources, contradicted, data) "
            "SELECT id, t, s, NULL, d, d, 3, 3, (i %% 7 = 0)::int, "
            "replace(replace(replace(replace(replace(replace(%s, '@ID@', id), '@A@', 'ent' || (1 + i %% %s)), "
            "'@B@', 'ent' || (1 + (i::bigint * 7919) %% %s)), '@S@', s), '@T@', t), '@D@', d) "
            "FROM (SELECT i, 'ev_' || lpad(to_hex(i), 12, '0') AS id, "
            "(ARRAY['CONSULT','ACCUSE','ASSAULT','COERCE','COOPERATE','AID','DEMAND','PROTEST'])[1 + i %% 8] AS t, "
            "(ARRAY['reported','confirmed','disputed','denied','claimed'])[1 + (i / 8) %% 5] AS s, "
            "to_char(date '2021-01-01' + (i %% 1095), 'YYYY-MM-DD') AS d "
            "FROM generate_series(1, %s) i) g",
            (template, entities, entities, events),
        )
        conn.execute(
            "INSERT INTO event_participants SELECT 'ev_' || lpad(to_hex(i), 12, '0'), 'ent' || (1 + i %% %s), "
            "'actor' FROM generate_series(1, %s) i",
            (entities, events),
        )
        conn.execute(
            "INSERT INTO event_participants SELECT 'ev_' || lpad(to_hex(i), 12, '0'), "
            "'ent' || (1 + (i::bigint * 7919) %% %s), 'recipient' FROM generate_series(1, %s) i ON CONFLICT DO NOTHING",
            (entities, events),
        )
        conn.execute(
            "INSERT INTO articles (id, path, format, title, published, text, data, ingested_at) "
            "SELECT 'a_syn' || i, 'syn/' || i, 'txt', 'Story ' || i, "
            "to_char(date '2021-01-01' + (i %% 1095), 'YYYY-MM-DD'), "
            "(SELECT string_agg((%s::text[])[1 + ((i::bigint * 31 + k * 17 + k * k * i::bigint) %% %s)], ' ') "
            " FROM generate_series(1, 200) k), '{}', '2026-01-01T00:00:00+00:00' "
            "FROM generate_series(1, %s) i",
            (WORDS, len(WORDS), articles),
        )
        conn.execute("ANALYZE")


def _p(times: list[float], q: float) -> float:
    return statistics.quantiles(times, n=100)[int(q) - 1] * 1000 if len(times) > 1 else times[0] * 1000


def latency(args: argparse.Namespace) -> None:
    import reportedly
    from reportedly.api import queries

    with _postgres(args.pg) as make:
        url = make("bench_latency")
        start = time.perf_counter()
        _generate(url, args.events, args.articles, args.entities)
        print(
            f"generated {args.events:,} events, {args.articles:,} articles, {args.entities:,} entities "
            f"in {time.perf_counter() - start:.0f} s",
            flush=True,
        )
        with reportedly.open(url) as ledger:
            checks: dict[str, Callable[[], object]] = {
                "claims --limit 20 (a web page)": lambda: ledger.claims(limit=20),
                "claims (latest 1000, the CLI default)": lambda: ledger.claims(),
                "claims --status disputed --limit 20": lambda: ledger.claims(status="disputed", limit=20),
                "claims --actor 'Person 17' --limit 20": lambda: ledger.claims(actor="Person 17", limit=20),
                "claims page at offset 5000 (web)": lambda: queries.claims_page(
                    ledger, limit=20, offset=5000
                ),
                "count of --type CONSULT (web total)": lambda: queries.count_events(ledger, type="CONSULT"),
                "search 'ceasefire' --limit 20": lambda: ledger.search("ceasefire", limit=20),
                "search 'police arrested' --limit 20": lambda: ledger.search("police arrested", limit=20),
                "search 'kabul talks minister' --limit 20": lambda: ledger.search(
                    "kabul talks minister", limit=20
                ),
                "entities --name 'Person 12'": lambda: ledger.entities(name="Person 12", limit=20),
            }
            for label, check in checks.items():
                check()  # warm
                times = []
                for _ in range(args.repeats):
                    t0 = time.perf_counter()
                    check()
                    times.append(time.perf_counter() - t0)
                print(f"{label:42s} p50 {_p(times, 50):8.1f} ms   p95 {_p(times, 95):8.1f} ms", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--pg", help="a PostgreSQL server URL to create the bench databases on")
    parser.add_argument("--seed", type=int, default=13)
    sub = parser.add_subparsers(dest="command", required=True)
    p_store = sub.add_parser("store", help="store the same articles into SQLite and PostgreSQL")
    p_store.add_argument("--articles", type=int, default=1000)
    p_ing = sub.add_parser("ingest", help="`reportedly ingest` of the same articles into both")
    p_ing.add_argument("--articles", type=int, default=40)
    p_ing.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    p_lat = sub.add_parser("latency", help="query latency on a large synthetic PostgreSQL ledger")
    p_lat.add_argument("--events", type=int, default=1_000_000)
    p_lat.add_argument("--articles", type=int, default=100_000)
    p_lat.add_argument("--entities", type=int, default=50_000)
    p_lat.add_argument("--repeats", type=int, default=40)
    args = parser.parse_args()
    {"store": store, "ingest": ingest_both, "latency": latency}[args.command](args)


if __name__ == "__main__":
    main()
