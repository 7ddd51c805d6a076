"""Cold start: tables built once into reportedly.cache and read back unchanged; light commands stay light."""

from __future__ import annotations

import gc
import json
import os
import pickle
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

from reportedly import cache

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src"
# Modules no light command may import: spaCy, the model's libraries and the analysis stages.
HEAVY = ("spacy", "thinc", "reportedly.extract", "reportedly.nlp", "reportedly.runner", "datasketch", "scipy",
         "trafilatura", "dateparser", "psycopg", "distributed")  # a SQLite ledger, no cluster: no driver


@pytest.fixture()
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv(cache.ENV_DIR, str(folder))
    return folder


def _counting_builder(value: Any) -> tuple[list[int], Any]:
    calls: list[int] = []

    def build() -> Any:
        calls.append(1)
        return value

    return calls, build


def test_table_built_once_then_read(cache_dir: Path, tmp_path: Path) -> None:
    source = tmp_path / "data.txt"
    source.write_text("one", "utf-8")
    calls, build = _counting_builder({"a": [1, 2], "b": (b"x", frozenset({"y"}))})
    first = cache.load_or_build("t", [source], build, version="1")
    second = cache.load_or_build("t", [source], build, version="1")
    assert first == second == {"a": [1, 2], "b": (b"x", frozenset({"y"}))}
    assert len(calls) == 1
    assert [p.name.split("-")[0] for p in cache_dir.glob("*.pickle")] == ["t"]


def test_changed_source_or_version_rebuilds_and_prunes(cache_dir: Path, tmp_path: Path) -> None:
    source = tmp_path / "data.txt"
    source.write_text("one", "utf-8")
    calls, build = _counting_builder([1])
    cache.load_or_build("t", [source], build, version="1")
    source.write_text("two", "utf-8")
    cache.load_or_build("t", [source], build, version="1")
    cache.load_or_build("t", [source], build, version="2")
    cache.load_or_build("t", [source, "a constant"], build, version="2")
    assert len(calls) == 4
    assert len(list(cache_dir.glob("t-*.pickle"))) == 1  # older builds of the same table are removed


def test_corrupt_or_foreign_file_is_rebuilt(cache_dir: Path) -> None:
    calls, build = _counting_builder({"x": 1})
    cache.load_or_build("t", ["s"], build, version="1")
    (path,) = cache_dir.glob("t-*.pickle")
    path.write_bytes(path.read_bytes()[:5])  # torn
    assert cache.load_or_build("t", ["s"], build, version="1") == {"x": 1}
    path.write_bytes(pickle.dumps({"x": Path("elsewhere")}))  # a class: refused
    assert cache.load_or_build("t", ["s"], build, version="1") == {"x": 1}
    assert len(calls) == 3
    assert cache.load_or_build("t", ["s"], build, version="1") == {"x": 1}
    assert len(calls) == 3  # the rebuilt file was written back


def test_unwritable_folder_still_builds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", "utf-8")
    monkeypatch.setenv(cache.ENV_DIR, str(blocker / "cache"))
    calls, build = _counting_builder([1, 2])
    assert cache.load_or_build("t", ["s"], build, version="1") == [1, 2]
    assert cache.load_or_build("t", ["s"], build, version="1") == [1, 2]
    assert len(calls) == 2


def test_arrays_are_mapped_back_equal(cache_dir: Path) -> None:
    import numpy as np

    arrays = {"f": np.arange(12, dtype=np.float16).reshape(3, 4), "u": np.arange(5, dtype=np.uint32),
              "s": np.array(["en", "de"])}
    calls, build = _counting_builder(arrays)
    cache.load_or_build_arrays("a", ["s"], build, version="1")
    back = cache.load_or_build_arrays("a", ["s"], build, version="1")
    assert len(calls) == 1
    for key, value in arrays.items():
        assert back[key].dtype == value.dtype and (back[key] == value).all()
    (path,) = cache_dir.glob("a-*.arrays")
    path.write_bytes(b"\xff" * 20)
    assert (cache.load_or_build_arrays("a", ["s"], build, version="1")["u"] == arrays["u"]).all()
    assert len(calls) == 2


def test_concurrent_processes_build_one_whole_file(cache_dir: Path) -> None:
    script = textwrap.dedent(
        """
        import json, time
        from reportedly import cache
        def build():
            time.sleep(0.3)
            return {"rows": list(range(100000))}
        print(json.dumps(len(cache.load_or_build("race", ["s"], build, version="1")["rows"])))
        """
    )
    env = {**os.environ, "PYTHONPATH": str(SRC), cache.ENV_DIR: str(cache_dir)}
    command = [sys.executable, "-c", script]
    runs = [subprocess.Popen(command, env=env, stdout=subprocess.PIPE) for _ in range(4)]
    assert [json.loads(run.communicate(timeout=120)[0]) for run in runs] == [100000] * 4
    assert len(list(cache_dir.glob("race-*.pickle"))) == 1
    assert not list(cache_dir.glob(".*.tmp"))  # no temporary file left behind
    assert cache.load_or_build("race", ["s"], lambda: {"rows": []}, version="1")["rows"][-1] == 99999


def test_gazetteer_from_cache_equals_the_built_one(cache_dir: Path) -> None:
    from reportedly import gazetteer

    built = gazetteer._build(())
    gazetteer._load.cache_clear()
    try:
        gazetteer.load_gazetteer()  # builds and stores
        gazetteer._load.cache_clear()
        cached = gazetteer.load_gazetteer()  # read back
        assert cached._cache_key is not None
        assert list(cached.entries) == list(built.entries)
        assert all(cached.entries[i] == e for i, e in built.entries.items())
        assert cached._by_name == built._by_name and cached.places == built.places
        assert cached.person_keys == built.person_keys
        for name in ("Taliban", "Islamic Emirate", "Tolo News", "Ahmad Massoud", "Russia"):
            assert cached.lookup(name) == built.lookup(name)
        for iso3, date in (("AFG", "2022-01-01"), ("AFG", "2019"), ("RUS", "2022")):
            assert cached.governing(iso3, date) == built.governing(iso3, date)
    finally:
        gazetteer._load.cache_clear()


def test_derived_tables_equal_their_builders(cache_dir: Path) -> None:
    from reportedly import gazetteer
    from reportedly.extract.entities import clusters
    from reportedly.nlp import rules

    gazetteer._load.cache_clear()
    clusters.person_index.cache_clear()
    try:
        gaz = gazetteer.load_gazetteer()
        fresh = gazetteer._build(())
        assert rules.ruler_patterns() == rules._patterns(fresh)
        assert rules.ruler_patterns() == rules._patterns(fresh)  # second read from the cache
        index = clusters.person_index(gaz)
        clusters.person_index.cache_clear()
        assert clusters.person_index(gaz).table() == index.table() == clusters.person_index(fresh).table()
        built = clusters.filed_person_index(fresh)  # persons filed under other kinds, built, not cached
        clusters.filed_person_index(gaz)  # built and stored
        clusters.filed_person_index.cache_clear()
        cached = clusters.filed_person_index(gaz)  # read back
        assert built.table()[0] and cached.table() == built.table()  # the keys and their shapes
        for name in ("Khalid Sheikh Mohammed", "Khaled Sheikh Mohamed", "Willi Stoph", "Taliban"):
            assert cached.candidates(name) == built.candidates(name)
        assert built.candidates("Khalid Sheikh Mohammed")
    finally:
        gazetteer._load.cache_clear()
        clusters.person_index.cache_clear()
        clusters.filed_person_index.cache_clear()


def test_language_identifier_from_cache_scores_as_py3langid(cache_dir: Path) -> None:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    from reportedly.clean import language

    stock = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    texts = ["Moscow is ready to host talks on Afghanistan, the envoy said.",
             "Der Bundestag hat am Dienstag beschlossen, dass die Sitzung ausfällt.",
             "La Russie est prête à accueillir des pourparlers.", "Москва готова принять переговоры.",
             "Taliban spokesman Zabihullah Mujahid said.", ""]
    for _ in range(2):  # built, then mapped from the cache
        language._identifier.cache_clear()
        ours = language._identifier()
        assert [ours.rank(t) for t in texts] == [stock.rank(t) for t in texts]
    language._identifier.cache_clear()


def test_readers_import_their_heavy_libraries_only_for_their_inputs() -> None:
    """Every reader is registered on import, but trafilatura, feedparser and warcio load only when an
    HTML page, a feed or a WARC arrives: a run over plain text never pays for them."""
    heavy = ("trafilatura", "feedparser", "warcio", "lxml.html")
    code = ("import sys, reportedly.ingest as i; assert len(i.registered_readers()) == 5; "
            f"print(sorted(m for m in {heavy!r} if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_collector_paused_restores_thresholds_and_freezes() -> None:
    from reportedly.nlp.memory import collector_paused

    before = gc.get_threshold()
    frozen = gc.get_freeze_count()
    with collector_paused():
        assert gc.get_threshold()[0] > before[0]
        kept = [[i] for i in range(1000)]
    assert gc.get_threshold() == before and gc.get_freeze_count() >= frozen + len(kept)
    with collector_paused(active=False):
        assert gc.get_threshold() == before
    gc.unfreeze()


def _run_cli(args: list[str], db: Path | None = None) -> dict[str, Any]:
    """Run the CLI in a fresh interpreter (uvicorn's server stubbed); list the heavy modules it imported."""
    script = textwrap.dedent(
        f"""
        import json, sys
        import uvicorn
        uvicorn.run = uvicorn.Server.run = lambda *a, **k: None  # `serve` builds its app, then would serve
        from reportedly.cli import main  # the script's entry point: its error handling runs too
        sys.argv = ["reportedly", *{args!r}]
        try:
            main()
            code = 0
        except SystemExit as exit:
            code = exit.code
        heavy = sorted(m for m in sys.modules if m.startswith({HEAVY!r}))
        print(json.dumps({{"code": code, "heavy": heavy}}))
        """
    )
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True,
                          timeout=120, cwd=db.parent if db else None)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


@pytest.fixture(scope="module")
def small_ledger(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from reportedly.config import Settings
    from reportedly.pipeline import ingest

    db = tmp_path_factory.mktemp("cold") / "ledger.db"
    report = ingest([str(ROOT.parent / "shared" / "seed" / "russia-host-talks.txt")],
                    Settings(db=db, published="2021-11-30"))
    assert report.stored == 1
    return db


def test_help_imports_nothing_heavy() -> None:
    result = _run_cli(["--help"])
    assert result == {"code": 0, "heavy": []}


@pytest.mark.parametrize(
    "args",
    [["claims"], ["entities"], ["search", "Moscow"], ["serve", "--port", "0"], ["analyze", "--help"],
     ["ingest", "--help"]],
)
def test_ledger_commands_import_nothing_heavy(args: list[str], small_ledger: Path) -> None:
    result = _run_cli([*args, "--db", str(small_ledger)] if "--help" not in args else args, small_ledger)
    assert result == {"code": 0, "heavy": []}


def test_dateline_places_from_cache_equal_the_built_ones(cache_dir: Path) -> None:
    from reportedly.clean import dateline

    built = dateline._build_known_places()
    dateline._known_places.cache_clear()
    try:
        for _ in range(2):  # built and stored, then read back
            dateline._known_places.cache_clear()
            assert list(dateline._known_places().items()) == list(built.items())
        assert list(cache_dir.glob("dateline-places-*.pickle"))
    finally:
        dateline._known_places.cache_clear()
