"""The README's tour runs on the bundled samples as `make run` does: `reportedly ingest samples/`
skips samples/README.md, every sample carries its own date, and the Moscow meeting is one event."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import reportedly
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def samples_db(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    from reportedly.config import Settings
    from reportedly.pipeline import ingest

    db = tmp_path_factory.mktemp("samples") / "reportedly.db"
    skipped: list[str] = []
    report = ingest([str(ROOT / "samples")], Settings(db=db), on_skip=lambda s: skipped.append(s.path))
    assert (report.stored, report.failed) == (7, 0), report
    return db, skipped


def test_samples_readme_command_is_make_run() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    make_run = re.search(r"^run:.*\n\t(.+)$", (ROOT / "Makefile").read_text(encoding="utf-8"), re.M)
    assert make_run is not None
    assert make_run.group(1) == "$(BIN)/reportedly ingest samples/ --db $(DB)"
    assert "reportedly ingest samples/ --db reportedly.db" in readme


def test_samples_folder_gives_the_sample_ledger(samples_db: tuple[Path, list[str]]) -> None:
    db, skipped = samples_db
    assert skipped == [str(ROOT / "samples" / "README.md")]
    with reportedly.open(db) as ledger:
        assert all(a.published for a in ledger.articles())  # the seed's date is in its file
        meetings = ledger.claims(actor="Abdul Ghani Baradar", type="CONSULT")
    (meeting,) = meetings  # one event, not one per undated/dated half
    assert meeting.status == "disputed" and {a.name for a in meeting.actors} >= {"Ahmad Massoud"}
    assert len({m.article for m in meeting.mentions}) >= 5  # the seed's mention merged with the follow-ups
