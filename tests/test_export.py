"""Exports, each loaded back the way its users load it: JSONL through the codec, FtM through
followthemoney's own model, the event TSV positionally as Phoenix data, PLOVER against the manual's
data fields, CSV with every date column parsed."""

from __future__ import annotations

import csv
import dataclasses
import datetime
import io
import json
import re
from typing import Any

import catalogue
import pytest

import reportedly
from reportedly.export import CSV_COLUMNS, export, exporter_for, formats, register_exporter
from reportedly.export.cameo import goldstein, quad_class
from reportedly.export.common import ActorInfo, ExportContext, event_day
from reportedly.export.ftm import ftm_id
from reportedly.export.phoenix import PHOENIX_COLUMNS, dyads, to_phoenix
from reportedly.ledger.records import Claim, EntityRef
from reportedly.model import EventDate, Location
from reportedly.store.codec import article_from_dict
from reportedly.store.database import connect
from reportedly.store.writer import store_batch
from tests.test_ledger import _story

FTM_ID = re.compile(r"^[0-9a-zA-Z]([0-9a-zA-Z.-]*[0-9a-zA-Z])?$")


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


def test_export_formats_come_from_the_registry(db: str) -> None:
    assert set(formats()) == {"jsonl", "plover-jsonl", "cameo-tsv", "csv", "ftm"}
    with pytest.raises(ValueError, match=r"unknown export format 'xml' \(known: cameo-tsv, csv, ftm"):
        _run(db, "xml")


def test_export_outside_exporter_registers_by_name(db: str) -> None:
    @register_exporter("exporters.toy.v1", "toy", "one line per event id")
    def write_toy(ledger: Any, out: Any) -> int:
        ids = [c.id for c in ledger.claims()]
        out.write("\n".join(ids) + "\n")
        return len(ids)

    try:
        assert "toy" in formats() and exporter_for("toy").description == "one line per event id"
        n, text = _run(db, "toy")
        assert n == 1 and text.startswith("ev_")
    finally:
        catalogue._remove(("reportedly", "exporters", "exporters.toy.v1"))
    assert "toy" not in formats()


# ---- FollowTheMoney -------------------------------------------------------------------------------


def _ftm(db: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in _run(db, "ftm")[1].splitlines()]


def test_export_ftm_validates_with_followthemoney(db: str) -> None:
    from followthemoney import model

    records = _ftm(db)
    for record in records:
        assert FTM_ID.match(record["id"]), record["id"]
        assert model.get(record["schema"]).validate(record) is None, record
        proxy = model.get_proxy(record)  # cleaned by FtM: nothing may be dropped
        assert proxy.to_dict()["properties"] == record["properties"]


def test_export_ftm_keeps_every_link(db: str) -> None:
    records = _ftm(db)
    ids = {r["id"] for r in records}
    with reportedly.open(db) as ledger:
        (claim,) = ledger.claims()
    (event,) = [r for r in records if r["schema"] == "Event"]
    participants = {a.id for a in claim.actors} | {claim.mediator.id}  # type: ignore[union-attr]
    assert sorted(event["properties"]["involved"]) == sorted(ftm_id(i) for i in participants)
    links = [v for r in records for k, vs in r["properties"].items()
             if k in ("involved", "organizer", "proof", "document", "resolved") for v in vs]
    assert links and all(v in ids for v in links)  # no dangling reference
    russia = next(r for r in records if r["properties"]["name"] == ["Russia"])
    assert russia["schema"] == "PublicBody" and russia["properties"]["wikidataId"] == ["Q159"]


def test_export_ftm_has_article_and_mention_provenance(db: str) -> None:
    records = _ftm(db)
    articles = {r["id"] for r in records if r["schema"] == "Article"}
    mentions = [r for r in records if r["schema"] == "Mention"]
    assert articles == {"a1", "a2", "a3", "a4"}
    massoud = next(r["id"] for r in records if r["properties"]["name"] == ["Ahmad Massoud"])
    read_in = {m["properties"]["document"][0] for m in mentions if m["properties"]["resolved"] == [massoud]}
    assert read_in == articles


# ---- Phoenix ----------------------------------------------------------------------------------------


def test_export_phoenix_loads_positionally(db: str) -> None:
    n, text = _run(db, "cameo-tsv")
    rows = [dict(zip(PHOENIX_COLUMNS, r, strict=True)) for r in csv.reader(io.StringIO(text), delimiter="\t")]
    assert len(PHOENIX_COLUMNS) == 26 and len(rows) == n == 1  # a meeting of two: one dyad, no header
    (row,) = rows
    datetime.datetime.strptime(row["Date"], "%Y%m%d")
    # codes, never names: Massoud is AFGREB; the builder's Baradar (rp:baradar) is not in the gazetteer
    assert {row["SourceActorFull"], row["TargetActorFull"]} == {"AFGREB", ""}
    assert {row["SourceActorEntity"], row["TargetActorEntity"]} == {"AFG", ""}
    assert row["CountryCode"] == "RUS" and row["LocationName"] == "Moscow"
    assert (float(row["Lat"]), float(row["Lon"])) == pytest.approx((55.75, 37.62), abs=0.01)
    assert row["SentenceID"].startswith("ev_") and row["EventID"] == row["SentenceID"] + "-1"


def _claim(actors: int, recipients: int, **kw: Any) -> Claim:
    refs = [EntityRef(f"en_{i}", f"N{i}") for i in range(actors + recipients)]
    base = Claim(id="ev_1", type="CONSULT", mode=None, cameo="040", actors=tuple(refs[:actors]),
                 recipients=tuple(refs[actors:]), host=None, mediator=None, location=None, date=None,
                 status="reported", mentions=(), sources=(), first_published="2022-02-01")
    return dataclasses.replace(base, **kw)


@pytest.mark.parametrize("actors,recipients,pairs", [(3, 0, 3), (2, 0, 1), (1, 0, 1), (2, 1, 2), (2, 2, 4)])
def test_export_phoenix_one_row_per_dyad(actors: int, recipients: int, pairs: int) -> None:
    ctx = ExportContext(ledger=None)  # type: ignore[arg-type]
    found = dyads(_claim(actors, recipients), ctx)
    assert len(found) == pairs == len(set(found))
    assert all(s is not None and s != t for s, t in found)


@pytest.mark.parametrize(
    "date,published,day,precision",
    [
        ("2021-09", "2022-02-02", "2021-09-01", "month"),
        ("2021", None, "2021-01-01", "year"),
        ("2021-09-14", "2022-02-02", "2021-09-14", "day"),
        (None, "2022-02-02", "2022-02-02", "published"),
        (None, None, None, None),
    ],
)
def test_export_event_day(
    date: str | None, published: str | None, day: str | None, precision: str | None
) -> None:
    assert event_day(EventDate(date or "", date) if date else None, published) == (day, precision)


def test_export_phoenix_row_codes() -> None:
    ctx = ExportContext(ledger=None, actors={  # type: ignore[arg-type]
        "en_0": ActorInfo("en_0", "N0", "ORG", "AFG", "REB", None),
        "en_1": ActorInfo("en_1", "N1", "GPE", "RUS", "GOV", "Q159"),
    })
    claim = _claim(1, 1, date=EventDate("in September", "2021-09"), cameo="0874",
                   location=Location("Kabul", "Kabul", "AFG", 1138958))
    (row,) = to_phoenix(claim, ctx)
    assert (row["Date"], row["Year"], row["Month"], row["Day"]) == ("20210901", "2021", "09", "01")
    actors = (row["SourceActorFull"], row["SourceActorRole"], row["TargetActorFull"])
    assert actors == ("AFGREB", "REB", "RUSGOV")
    assert (row["EventRootCode"], row["QuadClass"], row["GoldsteinScore"]) == ("08", 2, 10.0)


@pytest.mark.parametrize(
    "code,score,quad",
    [("040", 1.0, 1), ("046", 7.0, 1), ("0874", 10.0, 2), ("1123", -2.0, 3), ("190", -10.0, 4),
     ("0469", 7.0, 1), (None, None, None), ("xx", None, None)],
)
def test_export_cameo_numbers(code: str | None, score: float | None, quad: int | None) -> None:
    assert goldstein(code) == score and quad_class(code) == quad


# ---- PLOVER -----------------------------------------------------------------------------------------

PLOVER_FIELDS = {
    "id", "date", "date_resolution", "event", "mode", "context", "actor", "recipient", "event_loc"
}


def test_export_plover_follows_the_manual_fields(db: str) -> None:
    _n, text = _run(db, "plover-jsonl")
    (record,) = [json.loads(line) for line in text.splitlines()]
    assert set(record) >= PLOVER_FIELDS
    assert all(isinstance(record[k], list) for k in ("event", "mode", "context", "actor", "recipient"))
    assert record["event"] == ["CONSULT"]
    datetime.date.fromisoformat(record["date"])
    assert record["date_resolution"] in {"day", "month", "year", "published"}
    massoud = next(a for a in record["actor"] if a["entity_text"] == "Ahmad Massoud")
    assert (massoud["code"], massoud["sector"]) == ("AFG", "REB")
    assert {"code", "sector", "identifier_id", "wikidata_id", "entity_text"} <= set(massoud)
    # how the code was read travels through the ledger (migration 14): his gazetteer entry
    assert (massoud["cameo_source"], massoud["cameo_inferred"]) == ("gazetteer", False)
    assert record["mediator"]["wikidata_id"] == "Q159"
    loc = record["event_loc"]
    assert (loc["extracted_place"], loc["resolved_place"], loc["country_code"]) == ("Moscow", "Moscow", "RUS")
    assert loc["geonameid"] == 524901 and loc["lat"] == pytest.approx(55.75, abs=0.01)


# ---- CSV --------------------------------------------------------------------------------------------


def test_export_csv_dates_parse(db: str) -> None:
    n, text = _run(db, "csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert tuple(rows[0].keys()) == CSV_COLUMNS and len(rows) == n
    assert sorted(r["stance"] for r in rows) == ["assert", "confirm", "deny"]  # the copy counts once
    for row in rows:
        for column in ("event_date", "published"):
            if row[column]:
                datetime.date.fromisoformat(row[column])
        assert row["event_date_precision"] in {"", "day", "month", "year"}


# ---- CAMEO actor codes and inferred arguments (issue 13) ---------------------------------------------


def _coded_story() -> list[Any]:
    """The story with the analysis's codes on Baradar (not in the gazetteer) in the first article only,
    and a published-date event date: the ledger keeps the code, every export carries it."""
    articles = _story()
    first = articles[0]
    entities = tuple(
        dataclasses.replace(e, cameo="AFGGOV", sector="GOV") if e.name == "Abdul Ghani Baradar" else e
        for e in first.entities
    )
    events = tuple(dataclasses.replace(v, date=EventDate("2021-11-29", "2021-11-29", source="published"))
                   for v in first.events)
    return [dataclasses.replace(first, entities=entities, events=events), *articles[1:]]


@pytest.fixture()
def coded_db(new_ledger: Any) -> str:
    path = new_ledger()
    with connect(path) as conn:
        store_batch(conn, _coded_story(), [])
    return path


def test_export_actor_codes_in_every_format(coded_db: str) -> None:
    with reportedly.open(coded_db) as ledger:
        baradar = next(e for e in ledger.entities() if e.name == "Abdul Ghani Baradar")
    assert (baradar.cameo, baradar.sector) == ("AFGGOV", "GOV")  # later articles without a code keep it
    _n, tsv = _run(coded_db, "cameo-tsv")
    reader = csv.reader(io.StringIO(tsv), delimiter="\t")
    (row,) = [dict(zip(PHOENIX_COLUMNS, r, strict=True)) for r in reader]
    assert {row["SourceActorFull"], row["TargetActorFull"]} == {"AFGREB", "AFGGOV"}
    _n, text = _run(coded_db, "plover-jsonl")
    (record,) = [json.loads(line) for line in text.splitlines()]
    assert {a["entity_text"]: a["cameo"] for a in record["actor"]} == {
        "Ahmad Massoud": "AFGREB", "Abdul Ghani Baradar": "AFGGOV"}
    assert record["date_resolution"] == "published"  # inferred from the article, not read in the text
    _n, text = _run(coded_db, "csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert {(r["actors"], r["actors_cameo"]) for r in rows} == {
        ("Abdul Ghani Baradar; Ahmad Massoud", "AFGGOV; AFGREB")}  # the codes in the names' order
    assert {r["event_date_source"] for r in rows} == {"published"}
    _n, text = _run(coded_db, "ftm")
    people = {e["properties"]["name"][0]: e["properties"] for e in map(json.loads, text.splitlines())
              if e["schema"] == "Person"}
    assert (people["Abdul Ghani Baradar"]["classification"], people["Abdul Ghani Baradar"]["sector"]) == (
        ["AFGGOV"], ["GOV"])


@pytest.mark.parametrize(
    "source,precision",
    [("text", "day"), ("published", "published"), ("dateline", "dateline")],
)
def test_export_event_day_says_an_inferred_date(source: str, precision: str) -> None:
    date = EventDate("2021-09-14", "2021-09-14", source=source)
    assert event_day(date, "2021-09-20") == ("2021-09-14", precision)


def test_export_phoenix_full_code_is_the_entity_code() -> None:
    ctx = ExportContext(ledger=None, actors={  # type: ignore[arg-type]
        "en_0": ActorInfo("en_0", "N0", "GPE", "RUS", None, None, cameo="RUS"),  # a country named
        "en_1": ActorInfo("en_1", "N1", "ORG", "TUR", "MIL", None, cameo="TURMIL"),
    })
    (row,) = to_phoenix(_claim(1, 1), ctx)
    codes = (row["SourceActorFull"], row["TargetActorFull"], row["TargetActorRole"])
    assert codes == ("RUS", "TURMIL", "MIL")
