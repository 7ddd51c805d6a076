"""Full-text search of the ledger's articles (SQLite FTS5), bounded in cost on a large ledger.

Ranking by bm25 reads every match's position lists and document size (about 8 µs a match): a
word found in most of a 100,000-article ledger would take half a second to rank whole. A query
therefore ranks at most `RANK_WINDOW` matches, the ones stored last (news is searched for what is
recent); a narrower query ranks all of its matches. Snippets are cut for the page of hits only.
Every query is parameterized; the words are quoted so that no FTS5 syntax in them is interpreted.
"""

from __future__ import annotations

import sqlite3

from reportedly.ledger.records import SearchHit

# Matches ranked per query: bm25 over 10,000 matches takes ~40 ms on the 100k-article bench ledger.
RANK_WINDOW = 10_000
# Tokens of context in a snippet around the matched words.
SNIPPET_TOKENS = 12


def fts_query(text: str) -> str | None:
    """An FTS5 query matching every word of `text` literally (None when there are no words)."""
    words = [w for w in text.replace('"', " ").split() if w]
    return " ".join(f'"{w}"' for w in words) or None


def count_matches(conn: sqlite3.Connection, text: str) -> int:
    """How many articles hold every word of `text` (all of them, not only the ranked window)."""
    query = fts_query(text)
    if query is None:
        return 0
    sql = "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?"
    return int(conn.execute(sql, (query,)).fetchone()[0])


def search(conn: sqlite3.Connection, text: str, *, limit: int, offset: int = 0) -> list[SearchHit]:
    """Articles holding every word of `text`, best bm25 first among the `RANK_WINDOW` stored last.

    Args:
        conn: a ledger connection.
        text: words to find, each matched as a literal word.
        limit: the most hits returned.
        offset: ranked hits to skip first (pages stay within the window).

    Returns:
        the hits with a snippet around the match; ties in rank go to the article stored last.
    """
    query = fts_query(text)
    if query is None:
        return []
    # the rowid of the window's oldest match: FTS5 walks a doclist backwards by rowid without ranking
    floor = conn.execute(
        "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rowid DESC LIMIT 1 OFFSET ?",
        (query, RANK_WINDOW - 1),
    ).fetchone()
    ranked = conn.execute(
        "SELECT rowid, rank FROM articles_fts WHERE articles_fts MATCH ? AND rowid >= ? "
        "ORDER BY rank, rowid DESC LIMIT ? OFFSET ?",
        (query, floor[0] if floor else 0, limit, offset),
    ).fetchall()
    hits = []
    for rowid, rank in ranked:
        row = conn.execute(
            "SELECT a.id, a.title, a.published, snippet(articles_fts, 1, '[', ']', '…', ?) "
            "FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid "
            "WHERE articles_fts MATCH ? AND articles_fts.rowid = ?",
            (SNIPPET_TOKENS, query, rowid),
        ).fetchone()
        hits.append(
            SearchHit(article=row[0], title=row[1], published=row[2], snippet=row[3], rank=float(rank))
        )
    return hits
