"""WARC reader: HTML response records are articles; a truncated archive yields what precedes the cut."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from reportedly.ingest import read_inputs
from reportedly.model import Failure, RawArticle
from tests.conftest import FIXTURES

ARCHIVE = FIXTURES / "inputs" / "newsroom.warc.gz"


def _kinds(path: Path) -> list[str]:
    return [type(item).__name__ for item in read_inputs([str(path)], 1 << 20)]


@pytest.mark.parametrize("compressed", [True, False])
def test_warc_html_responses_are_articles(tmp_path: Path, compressed: bool) -> None:
    path = ARCHIVE
    if not compressed:
        path = tmp_path / "newsroom.warc"
        path.write_bytes(gzip.decompress(ARCHIVE.read_bytes()))
    first, second = read_inputs([str(path)], 1 << 20)  # request, warcinfo and image records skipped
    assert isinstance(first, RawArticle) and isinstance(second, RawArticle)
    assert first.source.url == "https://news.example.com/2024/04/02/bridge-reopens"
    assert first.source.format == "warc" and first.source.path == f"{path}#1"
    assert "replaced more than 300 steel cables" in first.text and "Privacy policy" not in first.text
    assert (first.title, first.published) == ("Bridge reopens after repairs", "2024-04-02")
    assert "5 percent pay rise" in second.text


@pytest.mark.parametrize(("compressed", "share", "articles"), [
    (False, 0.80, 1),  # cut inside the second HTML record
    (False, 0.20, 0),  # cut before any HTML record
    (True, 0.50, 1),   # gzip cut after the first HTML record's member
    (True, 0.95, 2),   # gzip cut in the last (image) record
])
def test_warc_truncated_keeps_records_before_cut(tmp_path: Path, compressed: bool, share: float,
                                                 articles: int) -> None:
    data = ARCHIVE.read_bytes() if compressed else gzip.decompress(ARCHIVE.read_bytes())
    cut = tmp_path / ("cut.warc.gz" if compressed else "cut.warc")
    cut.write_bytes(data[: int(len(data) * share)])
    items = list(read_inputs([str(cut)], 1 << 20))
    assert [type(i).__name__ for i in items] == ["RawArticle"] * articles + ["Failure"]
    failure = items[-1]
    assert isinstance(failure, Failure) and failure.source.path == str(cut)
    assert "truncated" in failure.error and f"after {articles} HTML records" in failure.error


@pytest.mark.parametrize("compressed", [True, False])
@pytest.mark.parametrize("share", [i / 20 for i in range(1, 20)])
def test_warc_any_cut_ends_in_one_failure(tmp_path: Path, compressed: bool, share: float) -> None:
    data = ARCHIVE.read_bytes() if compressed else gzip.decompress(ARCHIVE.read_bytes())
    cut = tmp_path / ("cut.warc.gz" if compressed else "cut.warc")
    cut.write_bytes(data[: int(len(data) * share)])
    kinds = _kinds(cut)
    assert kinds[-1] == "Failure" and kinds.count("Failure") == 1 and kinds.count("RawArticle") <= 2
