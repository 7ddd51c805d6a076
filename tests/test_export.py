"""Exports: JSONL round-trips the stored articles; the other formats carry every event and source."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest

import reportedly
from reportedly.export import CAMEO_COLUMNS, CSV_COLUMNS, FORMATS, export
from reportedly.store.codec import article_from_dict
from reportedly.store.database import connect
from reportedly.store.writer import store_batch
from tests.test_ledger import _story


@pytest.fixture()
def db(new_ledger: Any) -> str:
    path = new_ledger()
    with connect(path) as conn:
        store_batch(conn, _story(), [])
    return path


def _run(db: str, fmt: str) -> tuple[int, str]:
    out = io.StringIO()
    with reportedly.open(db) as ledger:
        n = export(ledger, fmt, out)
    return n, out.getvalue()


def test_export_jsonl_round_trip(db: str, new_ledger: Any) -> None:
    n, text = _run(db, "jsonl")
    back = [article_from_dict(json.loads(line)) for line in text.splitlines()]
    assert n == len(back) == 4
    assert back == _story()
    again = new_ledger("again")  # stored again from the export, the ledger is the same
    with connect(again) as conn:
        store_batch(conn, back, [])
    with reportedly.open(db) as a, reportedly.open(again) as b:
        assert a.claims() == b.claims()


@pytest.mark.parametrize(
    "fmt,columns,delimiter", [("cameo-tsv", CAMEO_COLUMNS, "\t"), ("csv", CSV_COLUMNS, ",")]
)
def test_export_tables(db: str, fmt: str, columns: tuple[str, ...], delimiter: str) -> None:
    n, text = _run(db, fmt)
    rows = list(csv.DictReader(io.StringIO(text), delimiter=delimiter))
    assert tuple(rows[0].keys()) == columns and len(rows) == n
    if fmt == "csv":  # one row per source: the copy counts once
        assert sorted(r["stance"] for r in rows) == ["assert", "confirm", "deny"]
    else:  # a mutual meeting of two actors: one row per actor
        assert sorted(r["SourceActorFull"] for r in rows) == ["Abdul Ghani Baradar", "Ahmad Massoud"]


@pytest.mark.parametrize("fmt,key,value", [("plover-jsonl", "event", "CONSULT"), ("ftm", "schema", "Event")])
def test_export_json_lines(db: str, fmt: str, key: str, value: str) -> None:
    _n, text = _run(db, fmt)
    records = [json.loads(line) for line in text.splitlines()]
    assert any(r[key] == value for r in records)
    if fmt == "ftm":
        people = {r["properties"]["name"][0] for r in records if r["schema"] == "Person"}
        assert {"Ahmad Massoud", "Abdul Ghani Baradar"} <= people


def test_export_formats_known(db: str) -> None:
    assert set(FORMATS) == {"jsonl", "plover-jsonl", "cameo-tsv", "csv", "ftm"}
    with pytest.raises(ValueError, match="unknown export format"):
        _run(db, "xml")
