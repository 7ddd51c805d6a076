"""Mentions grouped into entities within one article, by name rules and the gazetteer; never by guess.

Order of work: countries and their government phrases by ISO code, a country's government (a mention that
acts) apart from the place (one that locates); persons by `names.same_person` or by
one gazetteer id ("Hemedti" and "Mohamed Hamdan Dagalo" are aliases of one entry)
(longest names first, so a bare surname joins the one full name it fits or, when it fits several, the one
introduced before it; when several were introduced, it stays apart, unresolved);
organizations by gazetteer id, then by form (tails of 2+ words, acronyms defined in the text or
derived from a known name); places by geonames id or exact name. Two mentions whose gazetteer entries are
recorded as distinct-from never share an entity.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from reportedly.extract.entities.mentions import Mention
from reportedly.extract.names import (
    FOLD_VERSION,
    NAMES_SOURCE,
    PersonIndex,
    PersonTable,
    acronym,
    given_name,
    index_key,
    is_acronym,
    parse_name,
    person_like,
    same_org,
    same_person,
)
from reportedly.gazetteer import Gazetteer, normalize

# This module's file: `names_person`, which chooses the filed persons, shapes their cached index.
_SOURCE = Path(__file__)


@dataclass
class Cluster:
    """Mentions of one real-world entity, being built."""

    label: str
    kb: str | None = None
    mentions: list[Mention] = field(default_factory=list)
    ambiguous: bool = False  # a name that fits several entities of the article: left unresolved

    @property
    def first(self) -> int:
        return min(m.start for m in self.mentions)

    def names(self, gaz: Gazetteer) -> list[str]:
        """Its mention names plus the gazetteer names of its kb entry."""
        own = [m.text for m in self.mentions if m.how == "name"]
        entry = gaz.get(self.kb) if self.kb else None
        return own + list(entry.names if entry else ())


@lru_cache(maxsize=8)
def person_index(gaz: Gazetteer) -> PersonIndex:
    """The gazetteer's persons indexed by folded name (built once per gazetteer file set, then read from
    reportedly.cache by later processes)."""

    def build() -> PersonTable:
        shipped = gaz.person_keys if gaz.person_keys_version == FOLD_VERSION else {}
        return PersonIndex(
            (e.id, key, e.ruler)
            for e in gaz.persons()
            for key in (shipped[e.id] if e.id in shipped else [index_key(n) for n in e.names])
        ).table()

    return PersonIndex.from_table(gaz.derived("person-index", build, [NAMES_SOURCE], FOLD_VERSION))


@lru_cache(maxsize=8)
def filed_person_index(gaz: Gazetteer) -> PersonIndex:
    """Entries of other kinds that are persons by their name (see `names_person`), indexed the same way
    (built once per gazetteer file set, then read from reportedly.cache: building it folds every name of
    every entry, about a second of each analyzing process's start)."""

    def build() -> PersonTable:
        return PersonIndex(
            (e.id, index_key(n), e.ruler)
            for e in gaz.entries.values()
            if e.kind != "person" and names_person(e.id, gaz)
            for n in e.names
        ).table()

    sources = [NAMES_SOURCE, _SOURCE]
    return PersonIndex.from_table(gaz.derived("filed-person-index", build, sources, FOLD_VERSION))


def person_kb(text: str, gaz: Gazetteer, any_kind: bool = False) -> str | None:
    """The one gazetteer person this name fits, or None when it fits none or several; with `any_kind`, a
    person the gazetteer files under another kind when no person entry fits (for a PERSON mention)."""
    found = person_index(gaz).candidates(text)
    if not found and any_kind:
        found = filed_person_index(gaz).candidates(text)
    if len(found) > 1:
        found = _curated_duplicate(found, gaz)
    return found[0] if len(found) == 1 else None


def _curated_duplicate(found: list[str], gaz: Gazetteer) -> list[str]:
    """The one curated entry among several a name fits, when the generated others are of its country and
    nothing says they are other people: the Phoenix lists hold one person under several spellings ("Umar Al
    Bashir" beside "Omar al-Bashir"), and a hand-written entry is kept current; else `found` unchanged."""
    entries = [gaz.get(i) for i in found]
    curated = [e for e in entries if e is not None and e.ruler]
    if len(curated) != 1 or None in entries:
        return found
    one = curated[0]
    others = [e for e in entries if e is not None and e is not one]
    if all((e.country, e.kind) == (one.country, one.kind) and not gaz.distinct(one.id, e.id) for e in others):
        return [one.id]
    return found


def names_person(kb: str | None, gaz: Gazetteer) -> bool:
    """Whether a gazetteer entry is a person: filed as one, or filed under another kind with a person's name
    (the Phoenix lists file "Khalid Sheikh Mohammed" among armed groups, "Willi Stoph" among governments)."""
    entry = gaz.get(kb) if kb else None
    return entry is not None and (
        entry.kind == "person" or (not entry.id.startswith("cty:") and person_like(entry.name))
    )


def _conflict(a: str | None, b: str | None, gaz: Gazetteer) -> bool:
    return bool(a and b and (a != b or gaz.distinct(a, b)))


def _names_person(m: Mention, full: list[str], gaz: Gazetteer) -> bool:
    """Whether a non-PERSON mention is a person's name: its gazetteer entry is a person ("Putin" tagged GPE),
    or it is no known place and names a person found elsewhere in the text ("Muttaqi met Kabulov" after
    "Amir Khan Muttaqi", "led by Ahamd Masoud" tagged ORG). A lone word is retyped only when no gazetteer
    entry bears that name; a place geonames knows is never retyped."""
    entry = gaz.get(m.kb) if m.kb else None
    if entry is not None:
        return entry.kind == "person"
    if m.label not in ("ORG", "NORP", "GPE", "LOC", "FAC") or m.place is not None or m.how != "name":
        return False
    tokens = parse_name(m.text).tokens
    if not tokens:
        return False
    if m.label in ("GPE", "LOC", "FAC") and person_kb(m.text, gaz):
        return True  # a curated person's name the model took for a place
    return (len(tokens) > 1 or not gaz.lookup(m.text)) and any(same_person(m.text, f) for f in full)


def retype_persons(mentions: list[Mention], gaz: Gazetteer) -> list[Mention]:
    """Mentions that name a person (see `_names_person`) become PERSON mentions; persons get their
    gazetteer id by name."""
    full = [m.text for m in mentions if m.label == "PERSON" and len(parse_name(m.text).tokens) > 1]
    out = []
    for m in mentions:
        if m.label != "PERSON" and _names_person(m, full, gaz):
            m = replace(m, label="PERSON")
        if m.label == "PERSON" and (m.kb is None or (gaz.get(m.kb) and gaz.get(m.kb).kind != "person")):  # type: ignore[union-attr]
            # a person mention keeps an entry of another kind that is a person when no person entry fits
            m = replace(
                m, kb=person_kb(m.text, gaz, any_kind=True) or (m.kb if names_person(m.kb, gaz) else None)
            )
        out.append(m)
    return out


def same_person_linked(a: str, b: str, gaz: Gazetteer) -> bool:
    """Whether two person names name one person as an article's grouping decides it for a pair: one
    gazetteer person for both ("Abu Mazen" / "Mahmoud Abbas"), else `same_person` unless they link to two
    entries or to entries recorded as distinct ("Reza Pahlavi" / "Mohammad Reza Pahlavi")."""
    ka, kb = person_kb(a, gaz, any_kind=True), person_kb(b, gaz, any_kind=True)
    if ka and ka == kb:
        return True
    return not _conflict(ka, kb, gaz) and same_person(a, b)


def cluster_persons(mentions: list[Mention], gaz: Gazetteer) -> list[Cluster]:
    """Person mentions grouped: longest names first; a mention joins the one cluster it fits."""
    clusters: list[Cluster] = []
    order = sorted(mentions, key=lambda m: (-len(parse_name(m.text).tokens), m.start))
    for m in order:
        fits = [
            c
            for c in clusters
            if not c.ambiguous
            and not _conflict(m.kb, c.kb, gaz)
            and any(same_person(m.text, other.text) for other in c.mentions)
        ]
        if m.kb:
            fits = [c for c in fits if c.kb == m.kb] or [c for c in fits if c.kb is None]
            # the gazetteer links both names to one person ("Hemedti", "Mohamed Hamdan Dagalo")
            fits = fits or [c for c in clusters if c.kb == m.kb and not c.ambiguous]
        if len(fits) > 1:  # a surname refers back to the one person introduced so far under that name
            fits = [c for c in fits if any(o.start < m.start for o in c.mentions)] or fits
        if len(fits) == 1:
            fits[0].mentions.append(m)
            fits[0].kb = fits[0].kb or m.kb
        elif fits:  # several fit (a bare "Massoud" after two Massouds): grouped apart, unresolved
            same = [c for c in clusters if c.ambiguous and same_person(m.text, c.mentions[0].text)]
            if same:
                same[0].mentions.append(m)
            else:
                clusters.append(Cluster("PERSON", None, [m], ambiguous=True))
        else:
            clusters.append(Cluster("PERSON", m.kb, [m]))
    return _join_given_names(clusters)


def _join_given_names(clusters: list[Cluster]) -> list[Cluster]:
    """A lone given name joins the one person of the article it is the given name of ("Hamdan" after
    "Hamdan bin Mohammed Al Maktoum", see `names.given_name`); with two such persons, or a person of that
    surname, it stays apart."""
    full = [c for c in clusters if len(c.mentions) and len(parse_name(c.mentions[0].text).tokens) > 1]
    out = []
    for c in clusters:
        tokens = parse_name(c.mentions[0].text).tokens
        if (
            len(tokens) == 1
            and not c.kb
            and not c.ambiguous
            and all(len(parse_name(m.text).tokens) == 1 for m in c.mentions)
        ):
            surnames = [f for f in full if parse_name(f.mentions[0].text).tokens[-1] == tokens[0]]
            owners = [f for f in full if any(given_name(m.text) == tokens[0] for m in f.mentions)]
            if len(owners) == 1 and not surnames:
                owners[0].mentions.extend(c.mentions)
                continue
        out.append(c)
    return out


def _org_fits(m: Mention, c: Cluster, gaz: Gazetteer, defined: dict[str, str]) -> bool:
    names = c.names(gaz)
    if normalize(m.text) in {normalize(n) for n in names}:
        return True
    if is_acronym(m.text):
        return defined.get(m.text) in names or any(
            acronym(n) == m.text.replace(".", "") for n in names if not is_acronym(n)
        )
    return any(same_org(m.text, n) for n in names)


def cluster_orgs(mentions: list[Mention], gaz: Gazetteer, defined: dict[str, str]) -> list[Cluster]:
    """Organization (and NORP, FAC) mentions grouped by gazetteer id, then by form; ambiguous ones alone."""
    clusters: list[Cluster] = []
    by_kb: dict[str, Cluster] = {}
    for m in mentions:
        if m.kb is None:
            continue
        if m.kb not in by_kb:
            by_kb[m.kb] = Cluster(m.label, m.kb)
            clusters.append(by_kb[m.kb])
        by_kb[m.kb].mentions.append(m)
    for m in sorted((m for m in mentions if not m.kb), key=lambda m: (is_acronym(m.text), -len(m.text))):
        fits = (
            [c for c in clusters if c.label == m.label or c.kb]
            if m.label != "NORP"
            else [c for c in clusters if c.label == "NORP"]
        )
        fits = [c for c in fits if _org_fits(m, c, gaz, defined)]
        if len(fits) == 1:
            fits[0].mentions.append(m)
        else:
            clusters.append(Cluster(m.label, None, [m]))
    return clusters


def cluster_places(mentions: list[Mention]) -> list[Cluster]:
    """Places grouped by geonames id, else by exact text."""
    groups: dict[object, Cluster] = {}
    for m in mentions:
        key = m.place.geonameid if m.place and m.place.geonameid else ("name", m.text.casefold())
        groups.setdefault(key, Cluster(m.label)).mentions.append(m)
    return list(groups.values())


def acts_as_government(m: Mention) -> bool:
    """Whether a country's mention names its government rather than the place: it acts (subject of a
    verb or a predicate of will, "Moscow is ready", "Russia denied") or is a government phrase ("Russian
    officials"); a location ("in Russia", "Russia's streets") is the place (mentions.py sets `agentive`)."""
    return m.agentive or m.how != "name"


def cluster_mentions(mentions: list[Mention], gaz: Gazetteer, defined: dict[str, str]) -> list[Cluster]:
    """Every mention in exactly one cluster, clusters in order of first mention.

    Args:
        mentions: the article's mentions (countries' government phrases already resolved to their actor).
        gaz: the gazetteer.
        defined: acronyms defined in the text -> their long form ("NRF" -> "National Resistance Force").
    """
    mentions = retype_persons(mentions, gaz)
    persons = [m for m in mentions if m.label == "PERSON"]
    countries = [m for m in mentions if m.kb and m.kb.startswith("cty:")]
    places = [m for m in mentions if m.label in ("GPE", "LOC") and not m.kb]
    rest = [m for m in mentions if m not in persons and m not in countries and m not in places]
    by_country: dict[tuple[str, bool], Cluster] = {}
    for m in countries:  # a country acting is its government, one named as a place the place: two entities
        by_country.setdefault((m.kb or "", acts_as_government(m)), Cluster("GPE", m.kb)).mentions.append(m)
    clusters = (
        cluster_persons(persons, gaz)
        + list(by_country.values())
        + cluster_orgs(rest, gaz, defined)
        + cluster_places(places)
    )
    return sorted(clusters, key=lambda c: c.first)
