"""Outside packages plug in through the registry and are used by the normal paths: a toy reader
registered from this test module (outside the package) and one installed as a distribution with an
entry point are picked by sniffing and read through `read_inputs`; the extractors `analyze_doc` runs
are the ones registered under its names."""

from __future__ import annotations

import importlib.metadata
from collections.abc import Iterator
from pathlib import Path

import catalogue
import pytest
import spacy

from reportedly import registry
from reportedly.extract import ATTRIBUTIONS, ENTITIES, EVENTS, analyze_doc
from reportedly.ingest import read_inputs
from reportedly.ingest.reader import CONTENT_CERTAIN, NOT_MINE, Payload, Reader, Sample
from reportedly.model import DocContext, Failure, RawArticle

MAX_BYTES = 1 << 20


def sniff_memo(sample: Sample) -> int:
    return CONTENT_CERTAIN if sample.opens_with(b"memo:") else NOT_MINE


def read_memo(payload: Payload) -> Iterator[RawArticle | Failure]:
    for line in payload.text().splitlines()[1:]:
        if line.strip():
            yield RawArticle(source=payload.source, text=line.strip(), title="memo", verbatim=True)


@pytest.fixture
def memo_reader() -> Iterator[str]:
    name = "readers.memo.v1"
    registry.readers.register(name, func=Reader("memo", sniff=sniff_memo, read=read_memo))
    yield name
    del catalogue.REGISTRY[("reportedly", "readers", name)]


def test_plugins_reader_registered_outside_the_package_reads_through_ingest(memo_reader: str,
                                                                             tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"  # named like text: the content decides
    path.write_text("memo:\nRussia will host talks.\n\nKabul agreed.\n", "utf-8")
    items = list(read_inputs([str(path)], MAX_BYTES))
    assert [(i.source.format, i.text) for i in items if isinstance(i, RawArticle)] == [
        ("memo", "Russia will host talks."), ("memo", "Kabul agreed.")]


def test_plugins_reader_leaves_other_inputs_to_the_built_ins(memo_reader: str, tmp_path: Path) -> None:
    path = tmp_path / "plain.txt"
    path.write_text("memo is only a word here.\n", "utf-8")
    (item,) = read_inputs([str(path)], MAX_BYTES)
    assert isinstance(item, RawArticle) and item.source.format == "text"


TOY_MODULE = '''
from reportedly.ingest.reader import BY_SUFFIX, NOT_MINE, Reader
from reportedly.model import RawArticle


def _read(payload):
    yield RawArticle(source=payload.source, text=payload.text().upper(), verbatim=True)


READER = Reader("toy", sniff=lambda s: BY_SUFFIX if s.suffix == "toy" else NOT_MINE, read=_read)
'''


@pytest.fixture
def toy_distribution(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A distribution `toy-reportedly-reader` installed on sys.path, declaring an entry point."""
    site = tmp_path / "site"
    info = site / "toy_reportedly_reader-0.1.dist-info"
    info.mkdir(parents=True)
    (site / "toy_reportedly_reader.py").write_text(TOY_MODULE, "utf-8")
    metadata = "Metadata-Version: 2.1\nName: toy-reportedly-reader\nVersion: 0.1\n"
    (info / "METADATA").write_text(metadata, "utf-8")
    entry_points = "[reportedly_readers]\nreaders.toy.v1 = toy_reportedly_reader:READER\n"
    (info / "entry_points.txt").write_text(entry_points, "utf-8")
    monkeypatch.syspath_prepend(str(site))
    # catalogue reads the installed entry points once, at import: read them again with the toy installed.
    monkeypatch.setattr(catalogue, "AVAILABLE_ENTRY_POINTS", importlib.metadata.entry_points())
    return tmp_path


def test_plugins_reader_from_an_entry_point_reads_through_ingest(toy_distribution: Path) -> None:
    path = toy_distribution / "note.toy"
    path.write_text("talks in Moscow\n", "utf-8")
    assert "readers.toy.v1" in registry.readers.get_all()
    (item,) = read_inputs([str(path)], MAX_BYTES)
    assert isinstance(item, RawArticle)
    assert (item.source.format, item.text) == ("toy", "TALKS IN MOSCOW\n")


def test_plugins_analyze_doc_runs_the_extractors_registered_under_its_names(
        monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []

    def fake(name: str):  # type: ignore[no-untyped-def]
        def run(doc, *args):  # type: ignore[no-untyped-def]
            calls.append(name)
            return [name]
        return run

    for name in (ENTITIES, ATTRIBUTIONS, EVENTS):
        monkeypatch.setitem(catalogue.REGISTRY, ("reportedly", "extractors", name), fake(name))
    doc = spacy.blank("en")("Russia will host talks.")
    assert analyze_doc(doc, DocContext(article_id="a")) == ([ENTITIES], [ATTRIBUTIONS], [EVENTS])
    assert calls == [ENTITIES, ATTRIBUTIONS, EVENTS]


def test_plugins_something_not_a_reader_registered_as_one_is_named(tmp_path: Path) -> None:
    name = "readers.broken.v1"
    registry.readers.register(name, func=lambda payload: iter(()))
    try:
        with pytest.raises(TypeError, match="readers.broken.v1 is registered as a reader but is no"):
            list(read_inputs([str(tmp_path)], MAX_BYTES))
    finally:
        del catalogue.REGISTRY[("reportedly", "readers", name)]


def test_plugins_scorer_registered_with_the_decorator_runs_by_name() -> None:
    from reportedly.evaluate import scorer

    name = "scorers.toy_counts.v1"

    @registry.scorers(name)
    def count_words(data: Path) -> dict[str, int]:
        return {"words": len(str(data).split("/"))}

    try:
        assert scorer(name) is count_words
        assert scorer(name)(Path("a/b/c")) == {"words": 3}
    finally:
        del catalogue.REGISTRY[("reportedly", "scorers", name)]
