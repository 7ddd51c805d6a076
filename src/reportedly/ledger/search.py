"""Full-text search of the ledger's articles (SQLite FTS5 or PostgreSQL text search), bounded in
cost on a large ledger.

Ranking by bm25 reads every match's position lists and document size (about 8 µs a match): a
word found in most of a 100,000-article ledger would take half a second to rank whole. A query
therefore ranks at most `RANK_WINDOW` matches, the ones stored last (news is searched for what is
recent); a narrower query ranks all of its matches. Snippets are cut for the page of hits only.
Every query is parameterized; the words are quoted so that no FTS5 syntax in them is interpreted.

On PostgreSQL the same query (every word, literally: `plainto_tsquery`) runs on the stored
`tsvector` under its GIN index (table `article_search`, migration 13 in `store.migrations_pg`) and
is ranked as bm25 ranks, within a narrower window of latest matches (`PG_RANK_WINDOW`, 1,000:
`rank_window`): `ts_rank` of the words joined by OR (`_PG_RANKED`), a sum
over the words of a count of their occurrences that saturates (1 + 1/4 + 1/9 ...), divided by the
logarithm of the text's length (normalization 1). `ts_rank` of the AND query would instead weigh
how near each pair of words stands (all pairs of their positions: 4x the cost on three words, most
of a three-word search's time). The snippet is `ts_headline`'s, marked with the same brackets.
The rank reported is negated, so that on both engines a lower rank is a better hit.
"""

from __future__ import annotations

from typing import Any

from reportedly.ledger.records import SearchHit
from reportedly.store.database import Database

# Matches ranked per query: bm25 over 10,000 matches takes ~40 ms on the 100k-article bench ledger.
RANK_WINDOW = 10_000
# The same on PostgreSQL, where ranking a match reads its tsvector from the TOAST table (about four
# buffer reads, ~5 µs quiet and ~40 µs at a load of 10 on 2 cores): 10,000 took 400-600 ms at a
# million events (issue 12), 1,000 take 40 ms. A leniency: PostgreSQL ranks the 1,000 latest matches,
# SQLite the 10,000 latest (`rank_window`).
PG_RANK_WINDOW = 1_000
# Latest articles the first probe for a PostgreSQL window looks among, per match wanted: a word in
# most articles ("said") fills its window there, reading each of them.
PG_FIRST_SPAN = 1.25
# Tokens of context in a snippet around the matched words.
SNIPPET_TOKENS = 12


def fts_query(text: str) -> str | None:
    """An FTS5 query matching every word of `text` literally (None when there are no words)."""
    words = [w for w in text.replace('"', " ").split() if w]
    return " ".join(f'"{w}"' for w in words) or None


def rank_window(conn: Database) -> int:
    """How many of a query's latest matches are ranked on this ledger's engine."""
    return min(RANK_WINDOW, PG_RANK_WINDOW) if conn.dialect == "postgresql" else RANK_WINDOW


def count_matches(conn: Database, text: str, *, cap: int | None = None) -> int:
    """How many articles hold every word of `text` (all of them, not only the ranked window).

    Args:
        cap: count no further than this many plus one: a count above `cap` means "more than `cap`"
            (`cap + 1` is returned) and costs what counting `cap` matches costs, as
            `api.queries.count_events` counts the claims listing ("police", in 15,000 of a
            million-event ledger's 300,000 articles: 12.9 ms whole, 3.6 ms up to 10,000, on
            PostgreSQL at a load of 5 on 2 cores). A rare conjunction costs the same either way: the
            index intersects the words' lists before the first match is counted.
    """
    query = fts_query(text)
    if query is None:
        return 0
    args: list[object]
    if conn.dialect == "postgresql":
        match, args = f"SELECT 1 FROM article_search WHERE fts @@ {_PG_QUERY}", [_pg_words(text)]
    else:
        match, args = "SELECT 1 FROM articles_fts WHERE articles_fts MATCH ?", [query]
    if cap is not None:
        match, args = f"{match} LIMIT ?", [*args, cap + 1]
    return int(conn.execute(f"SELECT count(*) FROM ({match}) AS m", args).fetchone()[0])


def search(conn: Database, text: str, *, limit: int, offset: int = 0) -> list[SearchHit]:
    """Articles holding every word of `text`, best bm25 first among the `RANK_WINDOW` stored last.

    Args:
        conn: a ledger connection.
        text: words to find, each matched as a literal word.
        limit: the most hits returned.
        offset: ranked hits to skip first (pages stay within the window).

    Returns:
        the hits with a snippet around the match; ties in rank go to the article stored last.
    """
    return search_ranked(conn, text, limit=limit, offset=offset)[0]


def search_ranked(conn: Database, text: str, *, limit: int, offset: int = 0) -> tuple[list[SearchHit], int]:
    """`search`, and how many matches it ranked: every match when there are fewer than
    `rank_window`, else the window (then there are at least that many). The number comes from the
    probe that finds the window's floor, so a page that shows it needs no count of its own."""
    query = fts_query(text)
    if query is None:
        return [], 0
    if conn.dialect == "postgresql":
        return _search_postgresql(conn, _pg_words(text), limit=limit, offset=offset)
    # the window: the latest `rank_window` matches (FTS5 walks a doclist backwards by rowid without
    # ranking); fewer than that is every match, counted on the way
    ranked, oldest = conn.execute(
        "SELECT count(*), min(rowid) FROM (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? "
        "ORDER BY rowid DESC LIMIT ?) AS m",
        (query, window := rank_window(conn)),
    ).fetchone()
    rows = conn.execute(
        "SELECT rowid, rank FROM articles_fts WHERE articles_fts MATCH ? AND rowid >= ? "
        "ORDER BY rank, rowid DESC LIMIT ? OFFSET ?",
        (query, oldest if ranked >= window else 0, limit, offset),
    ).fetchall()
    if not rows:
        return [], int(ranked)
    # the snippets of the whole page in one statement (one per hit would match the words again each time)
    rowids = [r[0] for r in rows]
    found = {
        r[0]: r[1:]
        for r in conn.execute(
            "SELECT a.rowid, a.id, a.title, a.published, snippet(articles_fts, 1, '[', ']', '…', ?) "
            "FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid "
            "WHERE articles_fts MATCH ? AND articles_fts.rowid BETWEEN ? AND ? "
            f"AND articles_fts.rowid IN ({','.join('?' * len(rowids))})",
            (SNIPPET_TOKENS, query, min(rowids), max(rowids), *rowids),
        )
    }
    hits = [
        SearchHit(article=a, title=t, published=p, snippet=snip, rank=float(rank))
        for rowid, rank in rows
        for a, t, p, snip in (found[rowid],)
    ]
    return hits, int(ranked)


# The words of a query as a tsquery: every word, literally (no operators), unaccented as the index is.
_PG_QUERY = "plainto_tsquery('simple', reportedly_unaccent(?))"
# The same words joined by OR, for ranking only (a lexeme of plainto_tsquery's text form is quoted and
# holds no space, so only its operators read " & "); with normalization 1 (by the text's length).
_PG_RANKED = f"ts_rank(win.fts, replace({_PG_QUERY}::text, ' & ', ' | ')::tsquery, 1)"
_PG_HEADLINE = (
    f"StartSel=[, StopSel=], MaxWords={2 * SNIPPET_TOKENS}, MinWords={SNIPPET_TOKENS}, MaxFragments=1"
)


def _pg_words(text: str) -> str:
    """The query's words as `fts_query` reads them (quotes are not words)."""
    return " ".join(w for w in text.replace('"', " ").split() if w)


def _pg_floor(db: Database, words: str, window: int, top: int | None) -> tuple[int, int]:
    """The `rowid` of the oldest match in the window of `window` latest matches (0: all of them),
    and how many matches the window holds (`window`, or every match when there are fewer); `top`
    is the latest article's.

    Each probe looks among the latest articles only (the primary key's range ANDed with the GIN
    index in one bitmap, migration 13), so it visits the matches there and no others: first among
    `PG_FIRST_SPAN` times `window` articles, then among as many as the share of matches seen says
    the window needs (with a margin), then among all (at once when none were seen, or the span
    needed is over half the ledger). A word in 5% of 300,000 articles visits about
    1,250 matches, not its 15,000 (2 ms, where reading them all took 75 ms at a load of 13)."""
    if top is None:
        return 0, 0
    span = int(PG_FIRST_SPAN * window)
    while True:
        above = max(top - span, 0)
        found = db.execute(
            f"SELECT count(*), min(rowid) FROM (SELECT rowid FROM article_search WHERE fts @@ {_PG_QUERY} "
            "AND rowid > ? ORDER BY rowid DESC LIMIT ?) AS m",
            (words, above, window),
        ).fetchone()
        if found[0] >= window:
            return int(found[1]), window
        if above == 0:
            return 0, int(found[0])  # every match, fewer than the window
        # the span the share of matches seen calls for; a query that rare reads all its matches at
        # once (off the GIN index alone: a key range over most of the ledger costs more than it saves)
        span = int(span * window / found[0] * 1.25 + 1) if found[0] else top
        if span > top // 2:
            span = top


def _search_postgresql(db: Database, words: str, *, limit: int, offset: int) -> tuple[list[SearchHit], int]:
    """`search_ranked` on PostgreSQL: rank the window of latest matches, headline the page of hits only.

    The window is the matches from `_pg_floor` on (its bitmap of both indexes, again), each ranked off
    its out-of-line tsvector; the tsquery is written out where it is used, so the planner sees it."""
    # Bitmap scans only: the planner does not price reading a tsvector out of line, so it would walk
    # the primary key backwards testing every article (20,000 TOAST reads to find 1,000 matches of a
    # word in 5% of them), or scan the whole table; set for these statements only (`SET LOCAL`).
    top = db.execute("SELECT max(rowid) FROM article_search").fetchone()[0]  # off the primary key
    with db.local_settings(enable_indexscan="off", enable_seqscan="off"):
        floor, ranked = _pg_floor(db, words, rank_window(db), top)
        rows = _ranked_postgresql(db, words, floor, limit=limit, offset=offset)
    hits = [
        SearchHit(article=r[0], title=r[1], published=r[2], snippet=r[3], rank=-float(r[4])) for r in rows
    ]
    return hits, ranked


def _ranked_postgresql(db: Database, words: str, floor: int, *, limit: int, offset: int) -> list[Any]:
    """The page of the window's matches (`rowid` from `floor` on) best first, with headlines."""
    return db.execute(
        f"SELECT a.id, a.title, a.published, ts_headline('simple', a.text, {_PG_QUERY}, ?), hits.rank "
        f"FROM (SELECT win.rowid, {_PG_RANKED} AS rank "
        f"FROM (SELECT rowid, fts FROM article_search WHERE fts @@ {_PG_QUERY} AND rowid >= ?) AS win "
        "ORDER BY rank DESC, win.rowid DESC LIMIT ? OFFSET ?) AS hits "
        "JOIN articles a ON a.rowid = hits.rowid ORDER BY hits.rank DESC, hits.rowid DESC",
        (words, _PG_HEADLINE, words, words, floor, limit, offset),
    ).fetchall()
