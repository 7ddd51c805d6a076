"""CAMEO actor codes of entities: country ISO-3 + agent codes ("RUSGOV", "AFGREB", "IGOUNO"), or a bare
country ("RUS"), with the primary `sector` (GOV, REB, MIL ...).

Read, in order, from:
1. the gazetteer entry: a code in force on the article's date (Vladimir Putin in 2021 -> RUSGOV; the
   Taliban AFGREB before 2021-08-15, AFGGOV from it), else an undated code, else the entry's country +
   sector (a government officeholder whose dated offices have all ended codes ELI, as Phoenix codes a
   former leader: Ashraf Ghani AFGGOV in 2020, AFGELI in 2022, unless the article's own role for him
   codes otherwise: "Russia's special envoy" GOV); a country is its bare ISO-3 code, + GOV
   when the text makes it act as a government ("Moscow is ready", "Russian officials": `kind`
   government), as PETRARCH codes "Russia" RUS and "the Russian government" RUSGOV;
2. the Phoenix agents dictionary (`reportedly.extract.agents`) over an unlisted organization's name
   ("the Interior Ministry") or a person's role ("the Russian special envoy"), with the entity's
   country, else that of the entity it is affiliated with, else a country or nationality word of the
   name or role ("U.S. Treasury Department", "Egyptian intelligence chief", "his Omani counterpart"),
   else a country owning its first mention ("Japan's Defense Ministry"). An agent the text gives no
   country takes the article's frame: the dateline's country, else its dominant country
   (`dominant_country`). A spokesperson codes as the body he speaks for, never MED;
   an unlisted organization named by a body noun codes by it (`agents.body_code`: "Justice
   Department" GOV, "Republican Party" PTY); one headed by a document noun is no actor
   (`DOCUMENT_HEADS`: "North American Free Trade Agreement"); else the nearest WordNet hypernym the
   dictionary codes (`agents.hypernym_code`: "GOP" PTY, "FBI" COP, "Republicans" PTY);
3. the organization the entity is affiliated with, when the role names no agent ("Kremlin aide" ->
   the Kremlin's RUSGOV);
4. a person's title written before his name, read in the agents dictionary ("Massachusetts Sen."
   USALEG, "Clinton's lawyer" JUD, "former Secretary of State" ELI: `title_before`), else a party word of
   his roles or titles ("Democratic pollster": PTY, `party_code`);
5. the entity's country alone (a people named by its demonym, "Somalis", "Thai": its country's); a
   person with no country takes the article's frame (`is_person_name`), as CAMEO codes an individual
   it cannot identify by his country.
An entity none of these codes has `cameo` None. Each code says how it was read (`cameo_source`) and
whether its country is the frame's (`cameo_inferred`). Last, a group named by a party's adjective takes the
code of the party the article names ("Democratic" beside "the Democratic Party": `_party_members`).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from functools import lru_cache

from reportedly.extract.agents import (
    body_code,
    code_for,
    hypernym_code,
    is_spokesperson,
    lookup,
    match_suffix,
    sector_of,
)
from reportedly.extract.entities import sectors
from reportedly.extract.entities.sectors import MEDIA, name_agent
from reportedly.extract.names import HONORIFICS, person_like, usually_a_person
from reportedly.extract.places import country_of_adjective, resolve_place
from reportedly.gazetteer import Gazetteer, GazetteerEntry
from reportedly.model import Entity

# Words after which a role or name goes on to its complement ("special envoy for Afghanistan",
# "Minister of Defence"): the agent noun is the head before them. sectors.py's prepositions (one list,
# not two copies), and a possessive or a comma.
COMPLEMENT_WORDS = sectors.COMPLEMENT_WORDS | frozenset({"'s", "’s", ","})
GOVERNMENT = "government"
# Words whose WordNet reading as a person's title is kept: every word before every person's first
# mentions is read, and the same words ("said", "President", "the") come back in every article.
NAMES_A_PERSON_CACHE = 8192
GOV_SECTOR = "GOV"
# CAMEO's sector for elites not in office: former government officials (Phoenix codes a leader GOV for
# his terms and ELI by default).
FORMER_SECTOR = "ELI"
# Head nouns of the documents OntoNotes labels LAW ("named documents made into laws"), which a parser
# may tag ORG: "North American Free Trade Agreement", "Justice Against Sponsors of Terrorism Act". A
# document acts in no event: it is coded neither by its nationality word nor by the frame.
DOCUMENT_HEADS = frozenset({
    "agreement", "accord", "accords", "act", "treaty", "pact", "convention", "charter", "protocol",
    "resolution", "deal", "bill", "law", "amendment", "constitution", "declaration", "memorandum",
})
# AP-style abbreviations of titles before a name the agents dictionary lists in full only (it lists
# the military ones, GEN., LT., COL.): "Democratic vice presidential nominee Sen." -> senator (LEG).
# "Rep.", a member of the House of Representatives, is the dictionary's CONGRESSMAN (LEG).
TITLE_ABBREVIATIONS = {"gov.": "governor", "sen.": "senator", "pres.": "president", "amb.": "ambassador",
                       "rep.": "congressman"}
# WordNet's classes of a name's first sense that may code it through its hypernyms
# (`agents.hypernym_code`), by entity type: an organization is a group ("GOP": a party), a people or
# party's members are persons ("Republicans": politicians, PTY; "Catholics": Christians, CHR).
WORDNET_CLASSES = {
    "ORG": frozenset({"noun.group"}),
    "NORP": frozenset({"noun.group", "noun.person"}),
}
# The sectors a NORP may take through WordNet: OntoNotes' NORP are nationalities and religious or
# political groups, so a party's or movement's members (PTY, OPP) or believers (REL and CAMEO's
# religions); a hypernym in another sector reads another sense ("Libertarians": advocates, not
# ADVOCATE [~JUD] lawyers; "Veterans" are no army).
NORP_SECTORS = frozenset({"PTY", "OPP", "REL", "CHR", "MUS", "JEW", "HIN", "BUD"})
# Sectors whose groups named as such take the article's frame country: politicians and the state.
FRAMED_GROUP_SECTORS = frozenset({"PTY", "GOV", "LEG", "JUD", "MIL", "COP", "SPY", "OPP"})
# The sector of political parties (CAMEO PTY; the agents dictionary's PARTY_MEMBER, PARTY_LEADER).
PARTY_SECTOR = "PTY"
# The share of the article's place mentions a country must hold to be its dominant country.
DOMINANT_SHARE = 2 / 3
# ... and the fewest place mentions that make one: a single place, perhaps misread ("White House" as a
# town elsewhere), frames nothing.
DOMINANT_MIN_MENTIONS = 2
# ... and, where no place frames the article, the fewest coded actors that make one (`actors_country`):
# a single actor's country frames nothing, as a single place does not.
DOMINANT_MIN_ACTORS = 2
# Entity types whose mentions place an article in a country (`dominant_country`).
PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})
# A possessive owner right before a mention: "Japan's Defense Ministry", "Russia’s envoy" (up to three
# words, so "the United States'" and "South Korea's" are read whole).
_OWNER = re.compile(r"((?:[A-Z][\w.-]*\s+){0,2}[A-Z][\w.-]*)\s*(?:['’]s|(?<=s)['’])\s+$")
# How far before a mention an owner is looked for (characters).
OWNER_WINDOW = 40
# How an entity's code was read (`Entity.cameo_source`): its gazetteer entry (the Phoenix actor
# dictionaries and the curated entries); the agents dictionary over its name, or over a role or a title
# the article gives it; a party's name or word for its members; WordNet's nearest coded hypernym; the code
# of the organization it is affiliated with; its country alone.
SOURCE_GAZETTEER = "gazetteer"
SOURCE_NAME = "name"
SOURCE_ROLE = "role"
SOURCE_PARTY = "party"
SOURCE_WORDNET = "wordnet"
SOURCE_AFFILIATION = "affiliation"
SOURCE_COUNTRY = "country"
# An organization coded by what the text makes it do ("ABC News reported": media; entities/sectors.py).
SOURCE_ACTIVITY = "activity"
# Gazetteer kinds that give an entry without a code its sector (Phoenix's generated media entries lack
# one; the agents dictionary's NEWS_OUTLET is MED).
MEDIA_SECTOR = "MED"
KIND_SECTORS = {"media": MEDIA_SECTOR}
# A title written before a person's name ("Massachusetts Sen. Elizabeth Warren", "Clinton's lawyer
# Cheryl Mills", "Republican Indiana Gov. Mike Pence"): at most this many words right before a mention,
# within this many characters, of the first mentions read.
TITLE_WORDS = 5
TITLE_WINDOW = 60
TITLE_MENTIONS = 3
# Words before a title that make its office a past one: CAMEO codes former officials ELI, as the agents
# dictionary's FORMER_PRESIDENT, FORMER_PRIME_MINISTER and RETIRED [~ELI] do.
FORMER_WORDS = frozenset({"former", "ex-", "late", "retired"})
# Courtesy titles, which say nothing of an office ("Mrs. Clinton").
COURTESY_TITLES = frozenset({"mr.", "mrs.", "ms.", "mr", "mrs", "ms", "miss", "dr.", "dr"})
# Characters ending a word that end the title before a name: a clause's or quotation's end.
TITLE_STOPS = tuple(',;:"“”()[]!?')
# Characters opening a word that open the title: a dash, a quotation mark, a bracket.
TITLE_OPENERS = "-–—\"“‘'(["


def _role_code(entry: GazetteerEntry, date: str | None) -> tuple[str, str | None] | None:
    """The (code, sector) of the entry's Phoenix role in force on `date`, else of an undated role (Phoenix's
    default), else of the latest dated one: an undated article about Barack Obama is of his presidency
    (USAGOV from 2009), not of his first listed term (USAELI 1978-2000)."""
    coded = [r for r in entry.roles if r.get("code")]
    if date:
        for role in coded:
            start, end = role.get("from"), role.get("to")
            if (start or end) and (start or "")[: len(date)] <= date <= (end or "9999")[: len(date)] + "~":
                return str(role["code"]), role.get("sector")
    undated = [r for r in coded if not r.get("from") and not r.get("to")]
    chosen = undated or sorted(coded, key=lambda r: str(r.get("from") or ""), reverse=True)
    return (str(chosen[0]["code"]), chosen[0].get("sector")) if chosen else None


def entry_code(entry: GazetteerEntry, kind: str | None, date: str | None) -> tuple[str | None, str | None]:
    """(cameo, sector) of a gazetteer entry as the article uses it (see the module docstring)."""
    if entry.id.startswith("cty:"):
        if kind == GOVERNMENT:
            return code_for(entry.country, "~" + GOV_SECTOR), GOV_SECTOR
        return entry.country, None
    role = _role_code(entry, date)
    if role is not None:
        return role[0], role[1] or sector_of(role[0][3:] or role[0])
    sector = FORMER_SECTOR if entry.sector == GOV_SECTOR and _out_of_office(entry, date) else entry.sector
    sector = sector or KIND_SECTORS.get(entry.kind)
    if entry.country or sector:
        return code_for(entry.country, "~" + sector if sector else None), sector
    return None, None


def _out_of_office(entry: GazetteerEntry, date: str | None) -> bool:
    """Whether every dated office of the entry ended before `date` (False without a date or dated roles)."""
    ends = [str(r.get("to") or "") for r in entry.roles if r.get("from") or r.get("to")]
    return bool(date and ends and all(end and end[: len(date)] < date for end in ends))


def head_words(text: str) -> list[str]:
    """The words of a name or role up to its complement: "special envoy for Afghanistan" -> [special,
    envoy]; "Russia's special envoy" -> [special, envoy] (the possessor is the country, not the agent)."""
    words = _owned_words(text)
    for i, word in enumerate(words):
        if word.lower() in COMPLEMENT_WORDS:
            return words[:i]
    return words


def _owned_words(text: str) -> list[str]:
    """The words of a name or role after its possessor, complement kept: "Russia's envoy for X" -> [envoy,
    for, X]."""
    words = text.replace("’", "'").replace("'s ", " 's ").split()
    return words[words.index("'s") + 1 :] if "'s" in words else words


def _with_complement(text: str) -> str | None:
    """The agent code of a phrase the dictionary lists with its complement, starting in the head:
    "Secretary of State" (GOV, where "secretary" alone is unlisted), "Minister of Defence" (GOVMIL, not
    the head's GOV); never one starting in the complement ("envoy for Afghanistan")."""
    head = head_words(text)
    words = _owned_words(text)
    for start in range(len(head)):
        for end in range(len(words), len(head), -1):
            code = lookup(" ".join(words[start:end]))
            if code is not None:
                return code
    return None


def _phrase_agent(text: str) -> str | None:
    """The agent code of one name or role: with its complement, else by its head; a spokesperson codes as
    the body he speaks for ("foreign ministry spokesman" -> GOV), never as the media the dictionary's
    bare SPOKES!PERSON! [~MED] says: None when the role names no body ("Taliban spokesman": his
    affiliation codes him)."""
    text = " ".join(TITLE_ABBREVIATIONS.get(w.lower(), w) for w in text.split())
    head = head_words(text)
    found = _with_complement(text)
    if found is None:
        suffix = match_suffix(head)
        found = suffix[1] if suffix else None
    if found is not None and head and is_spokesperson(head[-1]) and found == lookup(head[-1]):
        body = match_suffix(head[:-1]) if len(head) > 1 else None
        return body[1] if body else None
    return found


def phrase_code(texts: Sequence[str], country: str | None) -> tuple[str | None, str | None]:
    """(cameo, sector) from the first of `texts` (names, roles) the agents dictionary lists: with its
    complement ("Minister of Defence"), else by its head ("special envoy")."""
    for text in texts:
        found = _phrase_agent(text)
        if found is not None:
            return code_for(country, found), sector_of(found)
    return None, None


def _is_document(name: str) -> bool:
    """Whether a name is headed by a document noun (`DOCUMENT_HEADS`): "Free Trade Agreement"."""
    words = head_words(name)
    return bool(words) and words[-1].strip(",").lower() in DOCUMENT_HEADS


def body_name_code(name: str, country: str | None) -> tuple[str | None, str | None]:
    """(cameo, sector) of an organization named by a body noun the dictionary codes through the phrases
    it lists for it (`agents.body_code`): "Justice Department" ("Department of Justice" when listed, else
    a department: GOV), "Republican Party" (PTY), "House" (LEG); (None, None) otherwise. An agreement or
    other document a parser took for an organization is no actor (`DOCUMENT_HEADS`)."""
    words = [w.strip(",") for w in head_words(name)]
    if not words or _is_document(name):
        return None, None
    inverted = lookup(f"{words[-1]} of {' '.join(words[:-1])}") if len(words) > 1 else None
    found = inverted or body_code(words[-1])
    return (code_for(country, found), sector_of(found)) if found else (None, None)


def text_country(texts: Sequence[str], gaz: Gazetteer, anywhere: bool = True) -> str | None:
    """The country a country name or nationality word in `texts` names, before their head: "U.S.
    Treasury Department" -> USA (`anywhere`: an organization's name), "his Omani counterpart" -> OMN,
    "A Nigerien army officer" -> NER. In a role (`anywhere` False) the word must stand right before the
    agent phrase the dictionary lists, or before the head noun: "Iraq War veteran" names no country of
    the veteran. Pairs of words are tried before single ones ("South Korean")."""
    for text in texts:
        words = [w.strip(",") for w in head_words(text)]
        if len(words) > 1 and is_spokesperson(words[-1]):
            words = words[:-1]  # he speaks for the body before him: "Qatari foreign ministry spokesman"
        if anywhere:
            spots = list(range(1, len(words)))
        else:
            agent = match_suffix(words)
            spots = [agent[0] if agent else len(words) - 1]
        for at in spots:
            for size in (2, 1):
                if at - size >= 0 and (found := country_of_adjective(" ".join(words[at - size : at]), gaz)):
                    return found
    return None


def owner_country(text: str, start: int, gaz: Gazetteer) -> str | None:
    """The country owning a mention at `start` of `text`: "Japan's Defense Ministry" -> JPN."""
    found = _OWNER.search(text[max(0, start - OWNER_WINDOW) : start])
    if found is None:
        return None
    words = found.group(1).split()
    return next((c for i in range(len(words)) if (c := country_of_adjective(" ".join(words[i:]), gaz))), None)


def _affiliated_code(ent: Entity, coded: dict[str, Entity]) -> _Code:
    """The code of the first organization the entity is affiliated with that has a sector."""
    for aff in ent.affiliations:
        owner = coded.get(aff.entity) if aff.entity else None
        if owner is not None and owner.type != "PERSON" and owner.cameo and owner.sector:
            return _Code(owner.cameo, owner.sector, SOURCE_AFFILIATION, owner.cameo_inferred)
    return NO_CODE


def dominant_country(entities: Sequence[Entity]) -> str | None:
    """The country the article's places belong to: the one whose places (countries, cities, regions)
    hold `DOMINANT_SHARE` of the article's place mentions or more, of `DOMINANT_MIN_MENTIONS` at least;
    None when no country does (an article about a foreign country's affairs gives its domestic actors
    no country, rather than the foreign one)."""
    counts: dict[str, int] = {}
    for ent in entities:
        if ent.type in PLACE_TYPES and ent.country:
            counts[ent.country] = counts.get(ent.country, 0) + max(1, len(ent.mentions))
    return _dominant(counts) if sum(counts.values()) >= DOMINANT_MIN_MENTIONS else None


def _dominant(counts: dict[str, int]) -> str | None:
    """The country holding `DOMINANT_SHARE` of the mentions counted or more, if one does."""
    total = sum(counts.values())
    return next((c for c, n in counts.items() if n >= DOMINANT_SHARE * total), None)


def code_entities(entities: list[Entity], gaz: Gazetteer, date: str | None, text: str = "",
                  frame: str | None = None) -> list[Entity]:
    """The entities with `cameo` and `sector` filled where the gazetteer, the agents dictionary or
    their country give them; entities that already carry a code keep it.

    Args:
        entities: the article's entities.
        gaz: the gazetteer their `kb_id`s point into.
        date: the article's date (YYYY[-MM[-DD]]) for dated roles, or None.
        text: the article's text, where a mention's possessive owner is read ("" reads none).
        frame: ISO-3 of the article's frame (its dateline's country), or None: the country of an agent
            the text gives none; without it, the article's `dominant_country`.

    Returns:
        the same entities, in the same order.
    """
    by_id = {e.id: e for e in entities}
    frame = frame or dominant_country(entities)
    coded: dict[str, Entity] = {}
    # Organizations first, so that a person affiliated with one can take its code.
    for ent in sorted(entities, key=lambda e: e.type == "PERSON"):
        coded[ent.id] = ent if ent.cameo else _code_one(ent, by_id, coded, gaz, date, text, frame)
    actors = actors_country(list(coded.values()), gaz) if frame is None else None
    if actors is not None:  # no place frames the article, but its coded actors agree on a country
        for ent in entities:
            if coded[ent.id].cameo is None and _reads_as_person(ent, text, gaz):
                coded[ent.id] = _with_code(ent, _Code(actors, None, SOURCE_COUNTRY, True))
    return _party_members([coded[e.id] for e in entities])


def actors_country(entities: Sequence[Entity], gaz: Gazetteer) -> str | None:
    """The country the article's coded actors belong to, where its places frame none (a US politics
    page naming no place: `dominant_country` is None): the one that `DOMINANT_SHARE` of the mentions of
    its coded persons and organizations or more belong to (their `country`, else their code's country),
    over `DOMINANT_MIN_ACTORS` entities at least; codes inferred from a frame are not counted."""
    counts: dict[str, int] = {}
    voters = 0
    for ent in entities:
        if ent.type in PLACE_TYPES or not ent.cameo or ent.cameo_inferred:
            continue
        country = ent.country if ent.country and gaz.country(ent.country) else (
            ent.cameo[:3] if gaz.country(ent.cameo[:3]) else None
        )
        if country is not None:
            voters += 1
            counts[country] = counts.get(country, 0) + max(1, len(ent.mentions))
    return _dominant(counts) if voters >= DOMINANT_MIN_ACTORS else None


def _party_members(entities: list[Entity]) -> list[Entity]:
    """Groups named by a party's adjective take the party's code ("Republicans", "Democratic" where the
    article names the "Republican Party", "the Democratic Party"): a party's members, PARTY_MEMBER
    [~PTY]. Without the party in the article such a word stays uncoded (no dictionary lists it)."""
    parties = {word.lower(): e for e in entities if e.type == "ORG" and e.sector == PARTY_SECTOR
               for word in head_words(e.name)[:-1] if word[:1].isupper()}  # "Ohio Democratic Party"
    out = []
    for ent in entities:
        word = ent.name.lower()
        # "Democrats", "Democratic" -> the Democratic Party; "Republicans" -> the Republican Party
        party = next((p for adj, p in parties.items() if adj.startswith(word.removesuffix("s"))), None)
        if ent.type == "NORP" and not ent.cameo and len(word) > 3 and party is not None:
            ent = dataclasses.replace(ent, cameo=party.cameo, sector=party.sector, cameo_source=SOURCE_PARTY,
                                      cameo_inferred=party.cameo_inferred)
        out.append(ent)
    return out


def _code_one(ent: Entity, by_id: dict[str, Entity], coded: dict[str, Entity], gaz: Gazetteer,
              date: str | None, text: str, frame: str | None = None) -> Entity:
    """One entity with `cameo`, `sector`, `cameo_source` and `cameo_inferred` filled as the module
    docstring says."""
    entry = gaz.get(ent.kb_id) if ent.kb_id else None
    if entry is None and ent.type == "ORG" and _is_document(ent.name):
        return ent  # an agreement is no actor: not "USA" for the North American Free Trade Agreement
    cameo, sector = entry_code(entry, ent.kind, date) if entry else (None, None)
    found = _Code(cameo, sector, SOURCE_GAZETTEER)
    curated_only = entry is not None and not any(r.get("code") for r in entry.roles)
    if entry and curated_only and sector == FORMER_SECTOR and _out_of_office(entry, date):
        # The gazetteer's titled offices ended, but the article may name him in one ("Russia's special
        # envoy" -> GOV; "former president" stays ELI, as the agents dictionary says): the article is
        # newer than a hand-written end date. Phoenix's coded terms are not second-guessed by a role
        # that may be historical ("President Clinton" in 2016).
        in_role = phrase_code([r.text for r in ent.roles], entry.country)
        if in_role[0]:
            found = _Code(*in_role, SOURCE_ROLE)
    if found.cameo is None:
        found = _unlisted_code(ent, by_id, coded, gaz, text, frame)
    return _with_code(ent, found)


@dataclasses.dataclass(frozen=True, slots=True)
class _Code:
    """A CAMEO code read for an entity: the code, its sector, how it was read (`Entity.cameo_source`)
    and whether its country is the article's frame (`Entity.cameo_inferred`)."""

    cameo: str | None
    sector: str | None
    source: str | None = None
    inferred: bool = False


NO_CODE = _Code(None, None)


def _with_code(ent: Entity, found: _Code) -> Entity:
    """The entity carrying `found` (no source nor inference without a code)."""
    coded = found.cameo is not None
    return dataclasses.replace(ent, cameo=found.cameo, sector=found.sector,
                               cameo_source=found.source if coded else None,
                               cameo_inferred=found.inferred and coded)


def _unlisted_code(ent: Entity, by_id: dict[str, Entity], coded: dict[str, Entity], gaz: Gazetteer,
                   text: str, frame: str | None) -> _Code:
    """The code of an entity the gazetteer does not code: steps 2-4 of the module docstring; an agent
    whose country the text does not give takes the article's frame country (`inferred`)."""
    named = ent.type == "ORG" or (  # a person named by a common noun: "army officer"
        ent.type == "PERSON" and ent.kb_id is None and ent.name.split()[-1][:1].islower()
    )
    owners = [by_id[a.entity].country for a in ent.affiliations if a.entity in by_id]
    country = ent.country or next((c for c in owners if c), None)
    if country is None and ent.type in ("PERSON", "ORG"):
        country = text_country([r.text for r in ent.roles], gaz, anywhere=False) or (
            text_country([ent.name], gaz) if named else None
        )
    if country is None and ent.kb_id is None and ent.mentions:
        country = owner_country(text, ent.mentions[0].start, gaz)
    if country is None and ent.type == "NORP":  # a people named as such: "Somalis", "Thai"
        country = country_of_adjective(ent.name, gaz) or (
            country_of_adjective(ent.name[:-1], gaz) if ent.name.endswith("s") else None
        )  # the plural of a demonym: "Yemenis"
    # a group named as such ("Muslims") belongs to no country the text does not give
    agent_country = country or (frame if ent.type != "NORP" else None)
    framed = country is None and agent_country is not None
    found = NO_CODE
    if ent.type == "PERSON":
        found = _Code(*phrase_code([r.text for r in ent.roles], agent_country), SOURCE_ROLE, framed)
    if found.cameo is None and (ent.type != "PERSON" or named):
        found = _Code(*phrase_code([ent.name], agent_country), SOURCE_NAME, framed)
    if found.cameo is None and ent.type == "ORG" and ent.kb_id is None:
        found = _Code(*body_name_code(ent.name, country or frame), SOURCE_NAME, framed)
    if found.cameo is None and ent.type in WORDNET_CLASSES and ent.kb_id is None:
        found = _wordnet_code(ent, country, frame)
    if found.cameo is None and ent.type == "ORG" and ent.kb_id is None:
        found = _sector_code(ent, country, frame)
    if found.cameo is None:
        found = _affiliated_code(ent, coded)
    if found.cameo is None and ent.type == "PERSON":
        found = _title_code(ent, text, gaz, country, frame)
    if found.cameo is None and country:
        found = _Code(code_for(country, "~" + GOV_SECTOR) if ent.kind == GOVERNMENT else country,
                      GOV_SECTOR if ent.kind == GOVERNMENT else None, SOURCE_COUNTRY)
    if found.cameo is None and frame and _reads_as_person(ent, text, gaz):
        # CAMEO codes an individual it cannot identify by his country: the article's frame
        found = _Code(frame, None, SOURCE_COUNTRY, True)
    return found


def _wordnet_code(ent: Entity, country: str | None, frame: str | None) -> _Code:
    """The code of a group or organization by the nearest hypernym the agents dictionary codes."""
    classes = WORDNET_CLASSES[ent.type]
    agent = _member_code(ent.name, classes) if ent.type == "NORP" else hypernym_code(ent.name, classes)
    if agent is not None and ent.type == "NORP" and sector_of(agent) not in NORP_SECTORS:
        agent = None  # "Libertarians" are advocates, but no lawyers (ADVOCATE [~JUD])
    if agent is None:
        return NO_CODE
    sector = sector_of(agent)
    # politicians and state bodies act in the frame's politics; believers ("Catholics") in none
    framed = ent.type != "NORP" or sector in FRAMED_GROUP_SECTORS
    inferred = country is None and framed and frame is not None
    return _Code(code_for(country or (frame if framed else None), agent), sector, SOURCE_WORDNET, inferred)


def _sector_code(ent: Entity, country: str | None, frame: str | None) -> _Code:
    """The code of a company, outlet, school or NGO by its name's legal form or head noun, else of a
    media outlet by what the text makes it do (`entities/sectors.py`), in its country or the frame."""
    agent = name_agent(ent.name)
    source = SOURCE_NAME
    if agent is None and ent.kind == "media":
        agent, source = MEDIA, SOURCE_ACTIVITY
    if agent is None:
        return NO_CODE
    if sector_of(agent) == MEDIA_SECTOR:
        frame = None  # an outlet's country is not the story's: a dateline's agency is often foreign
    where = country or frame
    return _Code(code_for(where, agent), sector_of(agent), source, country is None and frame is not None)


def _member_code(word: str, classes: frozenset[str]) -> str | None:
    """`hypernym_code` of a word for a group's members, or of the member noun of an adjective in -ic
    that WordNet has: "Democratic" -> democrat."""
    agent = hypernym_code(word, classes)
    if agent is None and word.endswith("ic"):
        agent = hypernym_code(word.removesuffix("ic"), classes)
    return agent


def title_before(text: str, start: int) -> str:
    """The title written right before a name at `start` of `text`: the words before it back to a
    clause's end, a possessive owner, or a lowercase word that names no person, courtesy titles left out:
    "Massachusetts Sen." (Elizabeth Warren), "former Secretary of State" (Hillary Clinton), "lawyer"
    (in "Clinton's lawyer Cheryl Mills"); "" when none ("went up against Bernie Sanders")."""
    if start <= 0 or not text[start - 1].isspace():
        return ""
    window = text[max(0, start - TITLE_WINDOW) : start].split()
    if start > TITLE_WINDOW and window:
        window = window[1:]  # a word cut by the window
    run: list[str] = []
    for raw in reversed(window[-TITLE_WORDS:]):
        word = raw.lstrip(TITLE_OPENERS)  # "-Commissioner Hadja Lahbib": a sign-off's dash opens the title
        low = word.lower()
        if not word or word.endswith(TITLE_STOPS) or low.endswith(("'s", "’s", "'", "’")):
            break
        if low in COURTESY_TITLES:
            if run:
                break
            continue
        if word.endswith(".") and not _is_abbreviation(word):
            break  # the end of the sentence before: "... said Trump. Bernie Sanders"
        titled = word[:1].isupper() or low in FORMER_WORDS or (low == "of" and run and run[-1][:1].isupper())
        if not titled and not (word[:1].islower() and _names_a_person(low)):
            break
        run.append(word)
        if word != raw:
            break
    while run and run[-1].lower() == "of":
        run.pop()
    return " ".join(reversed(run))


def _is_abbreviation(word: str) -> bool:
    """Whether a word ending in a period is an abbreviation, not a sentence's last word ("said Trump."):
    a title the dictionary lists in full ("Sen.", "Gov."), a title that names carry ("Gen.", "Lt.":
    `names.HONORIFICS`), or initials ("U.S.", "N.Y.")."""
    low = word.lower()
    return low in TITLE_ABBREVIATIONS or low.removesuffix(".") in HONORIFICS or "." in word[:-1]


@lru_cache(maxsize=NAMES_A_PERSON_CACHE)
def _names_a_person(word: str) -> bool:
    """Whether a lowercase word is a noun whose first WordNet sense is a person ("lawyer", "nominee"):
    a title's head, never a verb or a function word before a name ("against", "told")."""
    from reportedly.extract import wordnet

    return usually_a_person(word) and not wordnet.synsets(word, "v")


def place_country(texts: Sequence[str], gaz: Gazetteer) -> str | None:
    """The country of a country or one of its regions named in `texts` ("Massachusetts Sen." -> USA,
    "Indiana Gov." -> USA), pairs of words first ("New Jersey"); cities are not read (a capitalized word
    may name a town somewhere)."""
    for text in texts:
        words = [w.strip(",") for w in text.split()]
        for size in (2, 1):
            for at in range(len(words) - size + 1):
                place = resolve_place(" ".join(words[at : at + size]), gaz)
                if place is not None and (place.is_country or place.is_region) and place.country:
                    return place.country
    return None


def party_code(texts: Sequence[str]) -> str | None:
    """The agent code of a party's member named by a capitalized word of `texts` ("Democratic pollster",
    "Republican Indiana Gov.", "top Democrat"): WordNet's noun (for an adjective in -ic, its noun:
    "Democratic" -> democrat) whose nearest coded hypernym is PTY (politician: POLITICIAN [~PTY]), as
    NORPs are read (`_wordnet_code`); None when no word is."""
    classes = WORDNET_CLASSES["NORP"]
    for text in texts:
        for word in text.split():
            word = word.strip(",.")
            if not word[:1].isupper() or len(word) < 4:
                continue
            agent = _member_code(word, classes)
            if agent is not None and sector_of(agent) == PARTY_SECTOR:
                return agent
    return None


def _title_code(ent: Entity, text: str, gaz: Gazetteer, country: str | None, frame: str | None) -> _Code:
    """The code of a person by the title written before his name (the agents dictionary: "Sen." LEG,
    "Gov." GOV, "lawyer" JUD; a past office ELI), else by a party word of it or of his roles
    ("Democratic pollster": PTY). Its country: the entity's, else a country or region named in the
    title ("Massachusetts Sen.": USA), else the frame (inferred)."""
    titles = [t for m in ent.mentions[:TITLE_MENTIONS] if (t := title_before(text, m.start))]
    roles = [r.text for r in ent.roles]
    own = country or place_country(titles, gaz) or text_country(titles, gaz)  # "New Jersey", not Jersey
    where = own or frame
    inferred = own is None and frame is not None
    for title in titles:
        agent = _phrase_agent(title)
        if agent is None:
            continue
        if title.split()[0].lower() in FORMER_WORDS and sector_of(agent) != FORMER_SECTOR:
            agent = "~" + FORMER_SECTOR  # "former Secretary of State": FORMER_PRESIDENT [~ELI]
        return _Code(code_for(where, agent), sector_of(agent), SOURCE_ROLE, inferred)
    agent = party_code([*roles, *titles])
    if agent is not None:
        return _Code(code_for(where, agent), sector_of(agent), SOURCE_PARTY, inferred)
    return NO_CODE


def is_person_name(name: str, gaz: Gazetteer) -> bool:
    """Whether a PERSON entity's name reads as a person's, to be coded by its country alone: two to five
    capitalized words with no organization word (`names.person_like`), or one capitalized word whose
    first WordNet sense is a person ("Clinton", "Scott"; a single word WordNet lacks is as often a place
    or a club the parser took for a person: "Sahel", "Everton", "Anfield"); never a name holding a
    country's or a region's ("N. Korea")."""
    if place_country([name], gaz) or any(country_of_adjective(w, gaz) for w in name.split()):
        return False
    words = name.split()
    if len(words) == 1:
        return name[:1].isupper() and usually_a_person(name)
    return person_like(name)


def _reads_as_person(ent: Entity, text: str, gaz: Gazetteer) -> bool:
    """Whether a PERSON entity is one to code by a country alone: its name reads as a person's
    (`is_person_name`) and not every mention names a place's modifier ("Kyauk Kan village": a noun of
    WordNet's noun.location right after it)."""
    return ent.type == "PERSON" and is_person_name(ent.name, gaz) and not (
        text and ent.mentions and all(_place_noun_after(text, m.end) for m in ent.mentions)
    )


def _place_noun_after(text: str, end: int) -> bool:
    """Whether the word right after `end` is a lowercase noun whose first or second WordNet sense is a
    place (noun.location: "village", "town", "district")."""
    from reportedly.extract import wordnet

    words = text[end : end + 30].split()
    if not words or not text[end : end + 1].isspace() or not words[0][:1].islower():
        return False
    if not wordnet.available():
        return False
    word = words[0].strip(".,;:")
    return "noun.location" in wordnet.lexnames(word, "n", 2)
