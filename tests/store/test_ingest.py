"""`ingest` end to end: idempotent, resumable after SIGKILL, failures retried on request."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from reportedly.config import Settings
from reportedly.errors import StoreError
from reportedly.pipeline import STORE_BATCH, ingest
from reportedly.store.database import connect, is_url
from tests.store.builders import recount_entities, stored_counts

ROOT = Path(__file__).resolve().parents[2]
# Enough small articles for a few write transactions, so a kill lands between two of them.
N_ARTICLES = STORE_BATCH * 3
PEOPLE = ("Ahmad Massoud", "Abdul Ghani Baradar", "Zamir Kabulov", "Amir Khan Muttaqi")


def _write_corpus(folder: Path, n: int) -> None:
    for i in range(n):
        a, b = PEOPLE[i % 4], PEOPLE[(i + 1) % 4]
        (folder / f"{i:03d}.txt").write_text(
            f"Story number {i}\n\nKABUL (ANI): {a} met {b} in Moscow on day {i}, a source told Tolo News.\n",
            encoding="utf-8",
        )


def _state(db: str) -> tuple[int, int, int, int]:
    with connect(db, readonly=True) as conn:
        articles = conn.execute("SELECT count(*), count(DISTINCT id) FROM articles").fetchone()
        orphans = conn.execute("SELECT count(*) FROM mentions WHERE event_id IS NULL").fetchone()[0]
        index = (
            "SELECT count(*) FROM articles_fts"
            if conn.dialect == "sqlite"
            else "SELECT count(DISTINCT rowid) FROM article_search"  # migration 13's index table
        )
        return articles[0], articles[1], orphans, conn.execute(index).fetchone()[0]


def test_ingest_resumes_after_sigkill(tmp_path: Path, new_ledger: Any) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    _write_corpus(corpus, N_ARTICLES)
    db = new_ledger()
    cmd = [
        sys.executable,
        "-c",
        "from reportedly.cli import main; main()",
        "ingest",
        str(corpus),
        "--db",
        str(db),
    ]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 300
    stored = 0
    while time.monotonic() < deadline and proc.poll() is None:
        if is_url(db) or Path(db).exists():
            try:
                stored = _state(db)[0]
            except StoreError:  # the schema is being created
                stored = 0
            if stored > 0:
                break
        time.sleep(0.02)
    if proc.poll() is None:
        os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    total, distinct, orphans, fts = _state(db)
    assert 0 < total < N_ARTICLES  # killed between two transactions
    assert total == distinct and orphans == 0 and fts == total  # consistent after the kill
    report = ingest([str(corpus)], Settings(db=db))
    assert report.already_stored == total
    assert report.stored == N_ARTICLES - total
    total, distinct, orphans, fts = _state(db)
    assert (total, distinct, orphans, fts) == (N_ARTICLES, N_ARTICLES, 0, N_ARTICLES)
    with connect(db, readonly=True) as conn:  # the per-entity counts moved with the rows: nothing
        assert stored_counts(conn) == recount_entities(conn)  # lost or doubled by the kill


def test_ingest_retry_failed(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    _write_corpus(corpus, 2)
    bad = corpus / "bad.txt"
    bad.write_bytes(b"")
    db = tmp_path / "l.db"
    first = ingest([str(corpus)], Settings(db=db))
    assert (first.stored, first.failed) == (2, 1)
    second = ingest([str(corpus)], Settings(db=db))
    assert (second.stored, second.already_stored, second.failed, second.skipped_failed) == (0, 2, 0, 1)
    bad.write_text("Fixed\n\nKABUL (ANI): Ahmad Massoud met Zamir Kabulov in Moscow.\n", encoding="utf-8")
    third = ingest([str(corpus)], Settings(db=db), retry_failed=True)
    assert (third.stored, third.already_stored, third.failed) == (1, 2, 0)
    assert sqlite3.connect(db).execute("SELECT count(*) FROM failures").fetchone()[0] == 0


def _secret_setup(tmp_path: Path) -> tuple[Path, Path, Path]:
    """An input folder with one article and a symlink out of it to a folder holding a 'secret'."""
    outside = tmp_path / "outside"
    outside.mkdir()
    secret = outside / "secret.txt"
    secret.write_text("Secret\n\nKABUL (ANI): Zamir Kabulov met Amir Khan Muttaqi in Moscow.\n", "utf-8")
    corpus = tmp_path / "in"
    corpus.mkdir()
    _write_corpus(corpus, 1)
    (corpus / "escape").symlink_to(outside, target_is_directory=True)
    return corpus, secret, tmp_path / "l.db"


def _stored_paths(db: Path) -> list[str]:
    return [r[0] for r in sqlite3.connect(db).execute("SELECT path FROM articles ORDER BY path")]


def test_ingest_retry_never_follows_a_refused_symlink(tmp_path: Path) -> None:
    corpus, _secret, db = _secret_setup(tmp_path)
    first = ingest([str(corpus)], Settings(db=db))
    assert (first.stored, first.failed) == (1, 1)  # the symlink out of the folder is refused
    for paths in ([str(corpus)], []):
        again = ingest(paths, Settings(db=db), retry_failed=True)
        assert again.stored == 0
    assert _stored_paths(db) == [str(corpus / "000.txt")]
    failures = sqlite3.connect(db).execute("SELECT path, error FROM failures").fetchall()
    assert failures == [(str(corpus / "escape"), "symlink points outside the input folder; not followed")]


def test_ingest_retry_ignores_a_hand_edited_failure_path(tmp_path: Path) -> None:
    corpus, secret, db = _secret_setup(tmp_path)
    ingest([str(corpus)], Settings(db=db))
    conn = sqlite3.connect(db)
    with conn:  # a ledger received from someone else may name any local path
        for path in (str(secret), str(secret.parent), f"{secret}:1", "/etc/hostname"):
            conn.execute(
                "INSERT INTO failures (path, error, first_seen, last_seen) VALUES (?, 'x', 'd', 'd')", (path,)
            )
    conn.close()
    for paths in ([str(corpus)], []):
        assert ingest(paths, Settings(db=db), retry_failed=True).stored == 0
    assert _stored_paths(db) == [str(corpus / "000.txt")]


def test_ingest_retry_rereads_a_failed_jsonl_line(tmp_path: Path) -> None:
    corpus = tmp_path / "in"
    corpus.mkdir()
    feed = corpus / "x.jsonl"
    good = '{"text": "KABUL (ANI): Ahmad Massoud met Zamir Kabulov in Moscow."}'
    feed.write_text(good + "\n{broken\n", "utf-8")
    db = tmp_path / "l.db"
    assert ingest([str(corpus)], Settings(db=db)).failed == 1
    feed.write_text(good + '\n{"text": "KABUL (ANI): Amir Khan Muttaqi met Zamir Kabulov."}\n', "utf-8")
    assert ingest([str(corpus)], Settings(db=db)).skipped_failed == 1
    again = ingest([str(corpus)], Settings(db=db), retry_failed=True)
    assert (again.stored, again.already_stored, again.failed) == (1, 1, 0)
    assert sqlite3.connect(db).execute("SELECT count(*) FROM failures").fetchone()[0] == 0


SAMPLES = ROOT / "samples"


@pytest.mark.parametrize(
    "runs",
    [[["03", "04"]], [["03"], ["04"]], [["04", "03"]], [["04"], ["03"]]],
    ids=["one run", "two runs", "copy first", "copy first, two runs"],
)
def test_ingest_copy_across_runs(new_ledger: Any, runs: list[list[str]]) -> None:
    db = new_ledger()
    for run in runs:
        ingest([str(next(SAMPLES.glob(f"{n}-*.jsonl"))) for n in run], Settings(db=db))
    with connect(db, readonly=True) as conn:
        rows = conn.execute("SELECT path, id, duplicate_of FROM articles ORDER BY path").fetchall()
    (orig_path, orig_id, orig_dup), (_copy_path, _copy_id, copy_dup) = rows
    # one day for both: the longer text is the original (04 is a truncated copy), whichever came first
    assert "03-" in orig_path and orig_dup is None and copy_dup == orig_id


def test_ingest_sketches_each_article_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The runner's check for copies within the run and the check against stored articles share one
    near-copy sketch per article (it was computed twice: the costliest part of an ingester's own work)."""
    from reportedly import runner
    from reportedly.clean import dedup

    made: list[str] = []
    real = dedup.sketch

    def counting(text: str, threshold: float = dedup.LSH_THRESHOLD) -> dedup.Sketch:
        made.append(text)
        return real(text, threshold)

    monkeypatch.setattr(dedup, "sketch", counting)
    monkeypatch.setattr(runner, "sketch", counting)
    db = tmp_path / "l.db"
    samples = sorted(str(p) for p in SAMPLES.iterdir() if p.suffix in (".txt", ".jsonl"))
    assert ingest(samples, Settings(db=db, published="2022-02-01")).stored == 7
    texts = [r[0] for r in sqlite3.connect(db).execute("SELECT text FROM articles WHERE skipped IS NULL")]
    assert len(texts) == 7 and sorted(made) == sorted(texts)


def _ledger(db: str) -> dict[str, Any]:
    """Everything a ledger shows: events with statuses, sources and contradictions; entities; failures."""
    import reportedly
    from reportedly.model import to_dict

    with reportedly.open(db) as ledger:
        return {
            "claims": to_dict(ledger.claims(limit=10**6)),
            "entities": to_dict(ledger.entities(limit=10**6)),
            "failures": [f.path for f in ledger.failures()],
            "articles": sorted((a.id, a.duplicate_of) for a in ledger.articles()),
        }


def test_ingest_two_writers_at_once_leave_one_writers_ledger(new_ledger: Any) -> None:
    """Two ingesters, each given half of the samples, write one ledger at the same time: it is the
    ledger one ingester leaves. The story's events merge across the halves (the cross-article merge
    runs under the writer lock), and the copy (04 of 03) counts once."""
    samples = sorted(str(p) for p in SAMPLES.iterdir() if p.suffix in (".txt", ".jsonl"))
    halves = [
        [p for p in samples if Path(p).name[:2] in names]
        for names in (("01", "02", "05"), ("03", "04", "06", "07"))
    ]
    one, two = new_ledger("one"), new_ledger("two")
    assert ingest(samples, Settings(db=one, published="2022-02-01")).failed == 0
    connect(two).close()  # the schema first, so that both start on a ledger
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                "-c",
                "from reportedly.cli import main; main()",
                "ingest",
                *half,
                "--db",
                two,
                "--published",
                "2022-02-01",
            ],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )  # fmt: skip
        for half in halves
    ]
    for proc in procs:
        _, err = proc.communicate(timeout=600)
        assert proc.returncode == 0, err.decode(errors="replace")
    assert _ledger(two) == _ledger(one)
    again = ingest(samples, Settings(db=two, published="2022-02-01"))  # re-ingest: nothing new
    assert (again.stored, again.already_stored) == (0, len(samples))
    assert _ledger(two) == _ledger(one)
