"""Wire datelines: "KABUL, Afghanistan (AP) —", "MOSCOW, Nov 30 (Reuters) -", "Kabul [Afghanistan], (ANI):".

The dateline names where the story was filed, the agency that filed it (the outermost relay of
every claim in the article), and sometimes the date. It leaves the body and goes to `dateline`.
"""

from __future__ import annotations

import re

from reportedly.model import Dateline
from reportedly.registry import cleaners

# Agency as printed -> canonical name. Longer names first so "AFP" does not shadow "AFP/Getty".
AGENCIES: dict[str, str] = {
    "ap": "AP", "associated press": "AP", "reuters": "Reuters", "afp": "AFP", "agence france-presse": "AFP",
    "ani": "ANI", "pti": "PTI", "ians": "IANS", "xinhua": "Xinhua", "dpa": "dpa", "tass": "TASS",
    "itar-tass": "TASS", "uni": "UNI", "bernama": "Bernama", "yonhap": "Yonhap", "kyodo": "Kyodo",
    "aa": "Anadolu", "anadolu": "Anadolu", "efe": "EFE", "ansa": "ANSA", "sputnik": "Sputnik",
    "ria novosti": "RIA Novosti", "interfax": "Interfax", "irna": "IRNA", "wafa": "WAFA", "spa": "SPA",
    "wam": "WAM", "kuna": "KUNA", "apa": "APA", "kyodo news": "Kyodo", "bloomberg": "Bloomberg",
    "upi": "UPI", "cna": "CNA", "pna": "PNA", "mena": "MENA", "sana": "SANA", "ukrinform": "Ukrinform",
    "kcna": "KCNA", "antara": "Antara", "ap photo": "AP", "nna": "NNA", "qna": "QNA", "bna": "BNA",
    "xinhua net": "Xinhua", "afp-jiji": "AFP", "jiji": "Jiji", "ptv": "PTV", "app": "APP", "bss": "BSS",
    "rss": "RSS", "tolo news": "Tolo News", "tolonews": "Tolo News", "pajhwok": "Pajhwok", "ndtv": "NDTV",
}
_AGENCY_ALT = "|".join(sorted((re.escape(k) for k in AGENCIES), key=len, reverse=True))
_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
          r"Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_DATE = rf"(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?|\d{{1,2}}\s+{_MONTH}(?:\s+\d{{4}})?)"
_PLACE = r"[A-Z][A-Za-z'\u2019.\-]*(?:\s+[A-Z][A-Za-z'\u2019.\-]*){0,3}"
_SEP = r"(?:\s*(?:—|–|--|-|:|\.)\s*|\s+)"

_WITH_AGENCY = re.compile(
    rf"""^\s*(?P<place>{_PLACE})
    (?:\s*\[(?P<country1>[^\]\n]{{2,40}})\])?
    (?:,\s*(?P<country2>(?!{_MONTH}\b){_PLACE}))?
    (?:,?\s*(?P<date>{_DATE}))?
    [\s,.]*
    [(\[/]\s*(?P<agency>{_AGENCY_ALT})\s*[)\]/]\.?
    (?P<sep>{_SEP})""",
    re.VERBOSE | re.IGNORECASE,
)
# "MOSCOW, November 30. /TASS/." is matched above; here the bare forms: "KABUL —", "GAZA CITY, Gaza —".
_BARE = re.compile(
    rf"""^\s*(?P<place>[A-Z][A-Z'.\-]+(?:\s+[A-Z][A-Z'.\-]+){{0,3}})
    (?:,\s*(?P<country2>(?!{_MONTH}\b){_PLACE}))?
    (?:,?\s*(?P<date>{_DATE}))?
    \s*(?P<sep>—|–|--|\s-\s|:)\s*""",
    re.VERBOSE,
)
# Short all-caps words that open sentences and are not places.
_NOT_PLACES = {"UPDATE", "BREAKING", "EXCLUSIVE", "ANALYSIS", "OPINION", "WATCH", "LIVE", "NOTE", "EDITOR'S NOTE"}


@cleaners.register("clean.dateline.v1")
def parse_dateline(text: str) -> tuple[Dateline | None, int]:
    """Find a dateline at the start of `text`.

    Returns:
        (the Dateline or None, the number of leading characters it occupies, separator included).
    """
    match = _WITH_AGENCY.match(text) or _BARE.match(text)
    if match is None:
        return None, 0
    groups = match.groupdict()
    place = groups["place"].strip().rstrip(",.")
    if place.upper() in _NOT_PLACES:
        return None, 0
    agency_raw = groups.get("agency")
    agency = AGENCIES.get(agency_raw.lower()) if agency_raw else None
    country = (groups.get("country1") or groups.get("country2") or "").strip() or None
    end = match.end()
    return (
        Dateline(
            text=text[: match.end("sep") if groups.get("sep") else end].strip(),
            place=_title_case(place),
            country=_title_case(country) if country else None,
            agency=agency,
            date=_normalize_date(groups.get("date")),
        ),
        end,
    )


def _title_case(name: str) -> str:
    return name.title() if name.isupper() else name


_MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], start=1)}


def _normalize_date(raw: str | None) -> str | None:
    """ "Nov 30" -> "--11-30"; "30 November 2021" -> "2021-11-30". """
    if not raw:
        return None
    month = next((num for name, num in _MONTHS.items() if re.search(rf"\b{name}", raw, re.IGNORECASE)), None)
    numbers = re.findall(r"\d+", raw)
    days = [int(n) for n in numbers if len(n) <= 2]
    years = [n for n in numbers if len(n) == 4]
    if month is None or not days:
        return None
    year = years[0] if years else "-"
    return f"{year}-{month:02d}-{days[0]:02d}"
