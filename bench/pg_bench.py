# ruff: noqa: E501  (the generator's SQL reads better unbroken)
"""PostgreSQL next to SQLite: the cost of storing the same articles, and query latency on a large
synthetic PostgreSQL ledger.

`store`: the samples are analyzed once; N variants of them (new ids, days and entity names, as
bench/ledger_latency.py makes them) are stored with the ledger's own `store_batch`, the same
batches into a fresh SQLite file and a fresh PostgreSQL database, in one process, one after the
other; the figure is the ratio of the two times (the machine is shared: absolute times are noise).

`latency`: a PostgreSQL ledger of `--events` events, `--articles` articles and `--entities` entities,
shaped as news ledgers are (see `_generate`: real PolNeAR sentences, Zipf-popular actors, several
sources per event, mentions with evidence), is bulk-loaded with COPY into the schema the migrations
make, with no analysis (`bench/pg_template.json` is a real claim object of the samples' ledger that
every event's object starts from). Then the readers users run - `claims` with its filters, the web's
claims, event and entity pages, `entities --name` and `search` of one to three words - run
`--repeats` times each through `reportedly.open` and the web server's `views`; p50 and p95 are
printed with the load average. `--reuse` measures the `bench_latency` database already on `--pg`.

Without `--pg` a throwaway cluster is started from Debian's binaries (tests/pgserver.py), on a free
loopback port, and removed afterwards.

`ingest`: `reportedly ingest`'s library function (analysis and storage) on the same PolNeAR texts,
into a fresh SQLite file and a fresh PostgreSQL database, one after the other in one process.

Usage:
  python bench/pg_bench.py ingest --articles 40
  python bench/pg_bench.py store --articles 1000
  python bench/pg_bench.py latency --events 1000000 --articles 300000 --entities 50000
  python bench/pg_bench.py --pg URL latency --reuse --only search   # again, on the kept ledger
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


def _sentences(shared: Path) -> tuple[list[list[str]], list[str]]:
    """The sentences of the PolNeAR train texts (per article, in order), and their proper nouns
    (capitalized words seen at least twice away from a sentence start): real words, real phrases and
    real document frequencies for the generated articles, real-looking names for the entities."""
    import re
    from collections import Counter

    texts = sorted((shared / "data" / "polnear" / "train" / "text").glob("*.txt"))
    if not texts:
        raise SystemExit(f"no PolNeAR texts under {shared}/data/polnear/train/text (give --shared)")
    articles, caps = [], Counter()
    for path in texts:
        text = " ".join(path.read_text(errors="replace").split())
        sents = [s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z\"'])", text) if len(s.split()) >= 4]
        if len(sents) >= 3:
            articles.append(sents)
        for sent in sents:
            caps.update(w for w in sent.split()[1:] if re.fullmatch(r"[A-Z][a-z]{2,}", w))
    return articles, [w for w, n in caps.most_common(3000) if n >= 2]


def _tsv(value: object) -> str:
    """One field of COPY's text format."""
    if value is None:
        return "\\N"
    text = str(value)
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def _copy(conn: Any, table: str, columns: str, rows: Iterator[tuple[object, ...]]) -> int:
    """Rows into `table` through COPY, in chunks of text (no per-row round trip)."""
    n, chunk = 0, []
    with conn.cursor().copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
        for row in rows:
            chunk.append("\t".join(map(_tsv, row)))
            n += 1
            if len(chunk) == 20_000:
                copy.write("\n".join(chunk) + "\n")
                chunk = []
        if chunk:
            copy.write("\n".join(chunk) + "\n")
    return n


def _copy_file(conn: Any, table: str, columns: str, path: Path) -> int:
    """A file of COPY text rows into `table`; the number of rows."""
    n = 0
    with conn.cursor().copy(f"COPY {table} ({columns}) FROM STDIN") as copy, path.open("rb") as rows:
        while block := rows.read(1 << 23):
            copy.write(block)
            n += block.count(b"\n")
    return n


# Shares of the ledger statuses (most events are one source's plain report) and of PLOVER types.
STATUS_SHARES = {
    "asserted": 40, "reported": 25, "unconfirmed": 9, "confirmed": 7, "offered": 5,
    "disputed": 5, "denied": 4, "hypothetical": 3, "negated": 2,
}  # fmt: skip
TYPE_SHARES = {
    "CONSULT": 16, "ACCUSE": 12, "ASSAULT": 10, "AGREE": 8, "COOPERATE": 7, "REQUEST": 7, "SUPPORT": 6,
    "COERCE": 6, "PROTEST": 5, "REJECT": 5, "THREATEN": 4, "AID": 4, "MOBILIZE": 3, "SANCTION": 3,
    "CONCEDE": 2, "RETREAT": 2,
}  # fmt: skip
# Sources per event: most events come from one article, a few are widely reported.
SOURCE_SHARES = {1: 50, 2: 22, 3: 12, 4: 7, 5: 4, 6: 2, 8: 2, 12: 1}
SPEAKER_KINDS = {"media": 35, "person": 30, "organization": 20, "anonymous": 8, "unattributed": 7}
STANCES = {"assert": 70, "confirm": 8, "deny": 10, "non_committal": 8, "question": 4}
ENTITY_TYPES = {"PERSON": 55, "ORG": 30, "GPE": 15}
AGENCIES = ("AFP", "Reuters", "AP", "DPA", "Xinhua", "ANI", "PTI", "EFE")


def _pick(rng: Any, shares: dict[Any, int], n: int) -> Any:
    """n draws of the keys of `shares` in proportion to their values (a numpy array)."""
    import numpy as np

    keys = list(shares)
    weights = np.array([shares[k] for k in keys], dtype=float)
    return np.array(keys, dtype=object)[rng.choice(len(keys), size=n, p=weights / weights.sum())]


def _generate(url: str, shared: Path, events: int, articles: int, entities: int, seed: int) -> dict[str, int]:
    """A PostgreSQL ledger of the project's schema (migrated by `connect`), bulk-loaded with COPY.

    Shape, as a news ledger has it:
    * articles: published over three years and stored in that order; each text is 12 real sentences,
      three runs of four from three PolNeAR articles (real phrases and word frequencies), ~260 words;
    * entities: names from PolNeAR's proper nouns; how often one takes part in events follows Zipf's
      law (the most frequent actor is in ~9% of events, as "Russia" or "Trump" are);
    * events: type, status and number of sources drawn from the shares above; sources are articles
      published within three days; each source's speaker, stance and origin; one mention per source
      article with its evidence sentence; actors and recipients in `event_participants`;
    * entity counts (migration 5), name documents (migration 6), keys (migration 8), each event's
      origins (migration 12), the search table's rows (migration 13), an alias per person and a
      dated role for some, as the writer leaves them.
    Nothing is analyzed: the point is the size and shape the readers meet."""
    import shutil

    import numpy as np
    import psycopg

    from reportedly.store.database import connect

    connect(url).close()  # the schema, through the project's migrations
    rng = np.random.default_rng(seed)
    pool, caps = _sentences(shared)
    # articles, in publication order
    days = [(FIRST_DAY + datetime.timedelta(days=d)).isoformat() for d in range(DAYS)]
    art_day = (np.arange(articles) * DAYS // articles).astype(int)
    art_id = [f"a_syn{i:010d}" for i in range(articles)]
    src_art = rng.integers(len(pool), size=(articles, 3))
    src_at = rng.random((articles, 3))
    agency = rng.integers(len(AGENCIES) + 4, size=articles)

    def article_rows() -> Iterator[tuple[object, ...]]:
        for i in range(articles):
            parts = []
            for k in range(3):
                sents = pool[src_art[i, k]]
                first = int(src_at[i, k] * max(1, len(sents) - 4))
                parts.extend(sents[first : first + 4])
            title = " ".join(parts[0].split()[:10]).rstrip(".,;:")
            yield (
                art_id[i], f"syn/{i}", None, "txt", title, days[art_day[i]], "en",
                AGENCIES[agency[i]] if agency[i] < len(AGENCIES) else None, None, None,
                " ".join(parts), "{}", "2026-01-01T00:00:00+00:00",
            )  # fmt: skip

    # entities: unique two-word names from the proper nouns, Zipf popularity by index
    names: list[str] = []
    seen: set[str] = set()
    while len(names) < entities:
        a, b = rng.integers(len(caps), size=2)
        name = f"{caps[a]} {caps[b]}"
        if a != b and name.lower() not in seen:
            seen.add(name.lower())
            names.append(name)
    ent_type = _pick(rng, ENTITY_TYPES, entities)
    ent_id = [f"en_syn{i:08d}" for i in range(entities)]
    zipf = 1.0 / np.arange(1, entities + 1)
    zipf_cdf = np.cumsum(zipf) / zipf.sum()
    by_rank = rng.permutation(entities)  # popularity rank -> entity index (ids carry no rank)

    def popular(n: int) -> Any:
        return by_rank[np.minimum(np.searchsorted(zipf_cdf, rng.random(n)), entities - 1)]

    # events
    ev_type = _pick(rng, TYPE_SHARES, events)
    ev_status = _pick(rng, STATUS_SHARES, events)
    ev_nsrc = _pick(rng, SOURCE_SHARES, events).astype(int)
    ev_center = rng.integers(articles, size=events)
    ev_actor = popular(events)
    ev_recipient = popular(events)
    ev_has_recipient = rng.random(events) < 0.7
    per_day = max(1, articles // DAYS)
    ids: set[str] = set()
    ev_id = []
    while len(ev_id) < events:
        i = f"ev_{int(rng.integers(2**48)):012x}"
        if i not in ids:
            ids.add(i)
            ev_id.append(i)
    del ids
    template = json.loads((HERE / "pg_template.json").read_text())
    # mentions and participants wait in files until their events are in (their foreign keys)
    spool = Path(tempfile.mkdtemp(prefix="reportedly-gen-"))
    mentions, participants = (spool / "mentions.tsv").open("w"), (spool / "participants.tsv").open("w")
    local = np.zeros(articles, dtype=np.int32)

    def event_rows() -> Iterator[tuple[object, ...]]:
        n_total = sum(int(x) for x in ev_nsrc)
        kinds = iter(_pick(rng, SPEAKER_KINDS, n_total))
        stances = iter(_pick(rng, STANCES, n_total))
        offsets = iter(rng.integers(0, 3 * per_day + 1, size=n_total))
        speakers = iter(popular(n_total))
        evidence = iter(rng.integers(len(pool), size=n_total))
        for j in range(events):
            actor = ent_id[ev_actor[j]]
            recipient = (
                ent_id[ev_recipient[j]] if ev_has_recipient[j] and ev_recipient[j] != ev_actor[j] else None
            )
            arts = sorted(
                {min(articles - 1, int(ev_center[j]) + int(next(offsets))) for _ in range(ev_nsrc[j])}
            )
            sources, refs = [], []
            for a in arts:
                kind, stance, who = next(kinds), next(stances), next(speakers)
                local[a] += 1
                mention = f"v{local[a]}"
                refs.append({"article": art_id[a], "event": mention})
                published = days[art_day[a]]
                if kind == "media":
                    name, entity, origin = AGENCIES[a % len(AGENCIES)], None, f"own_voice:{art_id[a]}"
                elif kind in ("person", "organization"):
                    name, entity, origin = names[who], ent_id[who], ent_id[who]
                else:
                    name, entity, origin = "officials", None, f"{kind}:officials:{art_id[a]}"
                sources.append({
                    "article": art_id[a], "content": None, "copies": [], "key": origin, "origin": origin,
                    "own_voice": kind == "media", "participant": entity in (actor, recipient),
                    "published": published, "speaker": {"entity": entity, "kind": kind, "name": name},
                    "stance": stance, "via": [],
                })  # fmt: skip
                sents = pool[next(evidence)]
                row = (
                    f"{art_id[a]}:{mention}", art_id[a], mention, ev_type[j], published, published,
                    json.dumps({"evidence": sents[0], "trigger": sents[0].split()[1]}), ev_id[j],
                )  # fmt: skip
                mentions.write("\t".join(map(_tsv, row)) + "\n")
            first, last = sources[0]["published"], sources[-1]["published"]
            claim = dict(template)
            claim.update(
                id=ev_id[j], type=ev_type[j], status=ev_status[j], actors=[actor],
                recipients=[recipient] if recipient else [], first_published=first, last_published=last,
                date={"source": "published", "text": first, "value": first}, mentions=refs,
                sources=sources, history=[{"day": first, "status": ev_status[j]}],
            )  # fmt: skip
            participants.write(f"{ev_id[j]}\t{actor}\tactor\n")
            if recipient:
                participants.write(f"{ev_id[j]}\t{recipient}\trecipient\n")
            yield (
                ev_id[j], ev_type[j], ev_status[j], first, first, last, len(sources), len(sources),
                int(ev_status[j] == "disputed"), len({s["origin"] for s in sources}),
                json.dumps(claim, ensure_ascii=False),
            )  # fmt: skip

    counts: dict[str, int] = {}
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("SET maintenance_work_mem = '256MB'")
        # the generated rows are consistent by construction: no foreign-key trigger per row (superuser)
        conn.execute("SET session_replication_role = replica")
        # the migrations' secondary indexes are built once after the load (as pg_restore does),
        # from their own definitions: the same schema, without maintaining each index row by row
        indexes = conn.execute(
            "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.schemaname = 'public' AND NOT EXISTS "
            "(SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)"
        ).fetchall()
        for name, _ in indexes:
            conn.execute(f'DROP INDEX "{name}"')
        counts["articles"] = _copy(
            conn, "articles",
            "id, path, url, format, title, published, language, agency, duplicate_of, skipped, text, data, ingested_at",
            article_rows(),
        )  # fmt: skip
        # the search index's rows, as migration 13's trigger writes them (no trigger runs here)
        conn.execute(
            "INSERT INTO article_search (rowid, fts) SELECT rowid, to_tsvector('simple', "
            "reportedly_unaccent(coalesce(title, '') || ' ' || text)) FROM articles ORDER BY rowid"
        )
        counts["entities"] = _copy(
            conn, "entities", "id, key, nkey, block, name, type, name_doc",
            (
                (ent_id[i], f"{ent_type[i].lower()}:{names[i].lower()}", f"{ent_type[i].lower()}:{names[i].lower()}",
                 names[i].split()[-1].lower(), names[i], ent_type[i], i)
                for i in range(entities)
            ),
        )  # fmt: skip
        _copy(conn, "entity_keys", "key, entity_id",
              ((f"{ent_type[i].lower()}:{names[i].lower()}", ent_id[i]) for i in range(entities)))  # fmt: skip
        alias_art = rng.integers(articles, size=entities)
        persons = [i for i in range(entities) if ent_type[i] == "PERSON"]
        _copy(conn, "entity_names", "rowid, names",
              ((i, names[i] + ("\n" + names[i].split()[-1] if ent_type[i] == "PERSON" else ""))
               for i in range(entities)))  # fmt: skip
        _copy(conn, "entity_aliases", "entity_id, alias, article_id",
              ((ent_id[i], names[i].split()[-1], art_id[alias_art[i]]) for i in persons))  # fmt: skip
        roles = ("spokesman", "minister", "president", "commander", "governor", "leader")
        _copy(conn, "entity_roles", "entity_id, role, article_id, published",
              ((ent_id[i], roles[i % len(roles)], art_id[alias_art[i]], days[art_day[alias_art[i]]])
               for i in persons if i % 3 == 0))  # fmt: skip
        counts["events"] = _copy(
            conn, "events",
            "id, type, status, date_value, first_published, last_published, n_mentions, n_sources, contradicted, n_origins, data",
            event_rows(),
        )  # fmt: skip
        mentions.close()
        participants.close()
        counts["mentions"] = _copy_file(
            conn,
            "mentions",
            "id, article_id, local_id, type, published, ref_date, data, event_id",
            spool / "mentions.tsv",
        )
        counts["event_participants"] = _copy_file(
            conn, "event_participants", "event_id, entity_id, role", spool / "participants.tsv"
        )
        shutil.rmtree(spool)
        for _, definition in indexes:
            conn.execute(definition)
        conn.execute(
            "UPDATE entities e SET n_events = c.n, n_mentions = c.n, n_articles = c.n FROM "
            "(SELECT entity_id, count(*) AS n FROM event_participants GROUP BY entity_id) c "
            "WHERE c.entity_id = e.id"
        )
        conn.execute("VACUUM ANALYZE")  # what autovacuum leaves a ledger in: statistics, visibility map
        counts["bytes"] = conn.execute("SELECT pg_database_size(current_database())").fetchone()[0]
    return counts


def _p(times: list[float], q: float) -> float:
    return statistics.quantiles(times, n=100)[int(q) - 1] * 1000 if len(times) > 1 else times[0] * 1000


def _checks(ledger: Any) -> dict[str, Callable[[], object]]:
    """The reads users make, through the functions the CLI (`Ledger`) and the web server (`views`) call."""
    from reportedly.api import views
    from reportedly.api.queries import connection

    db = connection(ledger)
    ranked = [r[0] for r in db.execute("SELECT name FROM entities ORDER BY n_events DESC, id")]
    top, mid, rare = ranked[0], ranked[100], ranked[len(ranked) // 2]
    top_id = db.execute("SELECT id FROM entities WHERE name = ?", (top,)).fetchone()[0]
    mid_id = db.execute("SELECT id FROM entities WHERE name = ?", (mid,)).fetchone()[0]
    latest = db.execute("SELECT max(last_published) FROM events").fetchone()[0]
    month = (datetime.date.fromisoformat(latest) - datetime.timedelta(days=30)).isoformat()
    year = (datetime.date.fromisoformat(latest) - datetime.timedelta(days=365)).isoformat()
    wide = db.execute("SELECT id FROM events ORDER BY n_sources DESC, id LIMIT 1").fetchone()[0]
    page = views.Page(limit=views.DEFAULT_PAGE)
    search_page = views.Page(limit=getattr(views, "SEARCH_PAGE", views.DEFAULT_PAGE))
    return {
        "claims (CLI default: latest 1000)": lambda: ledger.claims(),
        "claims --limit 20": lambda: ledger.claims(limit=20),
        "claims --status disputed --limit 20": lambda: ledger.claims(status="disputed", limit=20),
        f"claims --actor TOP ({top}) --limit 20": lambda: ledger.claims(actor=top, limit=20),
        f"claims --actor MID ({mid}) --limit 20": lambda: ledger.claims(actor=mid, limit=20),
        f"claims --actor RARE ({rare}) --limit 20": lambda: ledger.claims(actor=rare, limit=20),
        "claims --actor TOP --status disputed --limit 20": lambda: ledger.claims(
            actor=top, status="disputed", limit=20
        ),
        "claims --min-origins 3 --limit 20": lambda: ledger.claims(min_origins=3, limit=20),
        "claims --since (last 30 days) --limit 20": lambda: ledger.claims(since=month, limit=20),
        "claims --type SANCTION --status denied --since (1 year)": lambda: ledger.claims(
            type="SANCTION", status="denied", since=year, limit=20
        ),
        "web /claims (page 1 of 50, total, types)": lambda: views.claims(ledger, page),
        "web /claims?status=disputed": lambda: views.claims(ledger, page, status="disputed"),
        "web /claims?actor=MID&since=(1 year)": lambda: views.claims(ledger, page, actor=mid, since=year),
        "web /claims page at offset 5000": lambda: views.claims(ledger, views.Page(limit=50, offset=5000)),
        "web event page (most sources)": lambda: views.event(ledger, wide, page),
        "web entity page TOP": lambda: views.entity(ledger, top_id, page),
        "web entity page MID": lambda: views.entity(ledger, mid_id, page),
        "entities --name (3 letters of MID)": lambda: ledger.entities(name=mid[:3], limit=20),
        **{
            f"search '{q}' --limit 20": (lambda q=q: ledger.search(q, limit=20))  # type: ignore[misc]
            for q in SEARCHES
        },
        # the page the web serves by default (20 hits since views.SEARCH_PAGE, 50 before), and at 50
        **{f"web /search?q={q}": (lambda q=q: views.search(ledger, q, search_page)) for q in SEARCHES},  # type: ignore[misc]
        **{f"web /search?q={q}&limit=50": (lambda q=q: views.search(ledger, q, page)) for q in SEARCHES},  # type: ignore[misc]
    }


# One, two and three words, common and rarer (PolNeAR's words: the generated texts are its sentences).
SEARCHES = (
    "police",
    "refugees",
    "police officers",
    "islamic state",
    "white house officials",
    "syrian refugees crisis",
)


def latency(args: argparse.Namespace) -> None:
    import os

    import reportedly

    with _postgres(args.pg) as make:
        url = make("bench_latency") if not args.reuse else args.pg.rsplit("/", 1)[0] + "/bench_latency"
        if not args.reuse:
            start = time.perf_counter()
            counts = _generate(url, args.shared, args.events, args.articles, args.entities, args.seed)
            print(
                f"generated {counts} ({counts['bytes'] / 2**30:.1f} GiB) in {time.perf_counter() - start:.0f} s",
                flush=True,
            )
        with reportedly.open(url) as ledger:
            checks = _checks(ledger)
            only = [c for c in checks if not args.only or any(o in c for o in args.only)]
            print(f"load average before: {os.getloadavg()[0]:.1f}", flush=True)
            for label in only:
                check = checks[label]
                check()  # warm
                times = []
                for _ in range(args.repeats):
                    t0 = time.perf_counter()
                    check()
                    times.append(time.perf_counter() - t0)
                print(
                    f"{label:60s} p50 {_p(times, 50):8.1f} ms   p95 {_p(times, 95):8.1f} ms   "
                    f"(load {os.getloadavg()[0]:.1f})",
                    flush=True,
                )


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
    p_lat.add_argument("--articles", type=int, default=300_000)
    p_lat.add_argument("--entities", type=int, default=50_000)
    p_lat.add_argument("--repeats", type=int, default=40)
    p_lat.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    p_lat.add_argument(
        "--reuse", action="store_true", help="measure the bench_latency database on --pg as it is"
    )
    p_lat.add_argument("--only", nargs="*", help="only the queries whose label holds one of these")
    args = parser.parse_args()
    {"store": store, "ingest": ingest_both, "latency": latency}[args.command](args)


if __name__ == "__main__":
    main()
