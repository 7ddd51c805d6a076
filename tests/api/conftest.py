"""A small ledger for the web tests: the bundled samples plus one hostile article, ingested once."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest

from tests.conftest import ROOT, make_target

# The seed's date (samples/01-russia-host-talks.jsonl carries it; kept for the hostile article's run).
SEED_PUBLISHED = "2022-02-01"
# The test client's address: a loopback name, which the server trusts in the Host header.
LOCAL = "http://127.0.0.1"
# An article an attacker wrote: markup and a javascript: link in the text, title, author and URL.
HOSTILE = {
    "title": "Talks <script>alert('title')</script> in Moscow",
    "url": "javascript:alert('url')",
    "published": "2021-12-08",
    "author": "<img src=x onerror=alert('author')>",
    "text": (
        "MOSCOW (Reuters) - Russian Foreign Minister Sergei Lavrov met Taliban officials in Moscow on "
        "Tuesday, the ministry said. <script>alert(1)</script>\n\n"
        'Read more at <a href="javascript:alert(2)">this link</a> and '
        "<a href='javascript:alert(3)'>that one</a>.\n\n"
        "Lavrov said the talks were useful, according to state media."
    ),
}


@pytest.fixture(scope="session")
def ledger_db(backend: str, request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    """A ledger built as `make run` builds it (samples/), plus the hostile article, on each backend."""
    from reportedly.config import Settings
    from reportedly.pipeline import ingest

    folder = tmp_path_factory.mktemp("web")
    hostile = folder / "hostile.jsonl"
    hostile.write_text(json.dumps(HOSTILE) + "\n", encoding="utf-8")
    db = make_target(backend, request, folder, "ledger")
    samples = sorted(str(p) for p in (ROOT / "samples").iterdir() if p.suffix in (".txt", ".jsonl"))
    report = ingest([*samples, str(hostile)], Settings(db=db, published=SEED_PUBLISHED))
    assert report.failed == 0 and report.stored >= 2, report
    return db


@pytest.fixture(scope="session")
def client(ledger_db: str) -> Iterator[Any]:
    """A test client of the app without a token."""
    from fastapi.testclient import TestClient

    from reportedly.api.app import make_app

    with TestClient(make_app(ledger_db), base_url=LOCAL) as test_client:
        yield test_client


@pytest.fixture(scope="session")
def ids(ledger_db: str) -> dict[str, str]:
    """Ids of one record of each kind in the test ledger (the hostile article among them)."""
    import reportedly

    with reportedly.open(ledger_db) as ledger:
        articles = list(ledger.articles())
        hostile = next(a for a in articles if "alert(1)" in a.text)
        claim = (ledger.claims(status="disputed", limit=1) or ledger.claims(limit=1))[0]
        entity = (claim.actors or claim.recipients)[-1]  # one with events and counterparts
    return {"article": articles[0].id, "hostile": hostile.id, "event": claim.id, "entity": entity.id}
