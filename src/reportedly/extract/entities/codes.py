"""CAMEO actor codes of entities: country ISO-3 + agent codes ("RUSGOV", "AFGREB", "IGOUNO"), or a bare
country ("RUS"), with the primary `sector` (GOV, REB, MIL ...).

Read, in order, from:
1. the gazetteer entry: a Phoenix role code in force on the article's date (Vladimir Putin in 2021 ->
   RUSGOV; an undated code when none is dated), else the entry's country + sector (curated entries:
   Taliban -> AFGREB); a country is its bare ISO-3 code, + GOV when the text makes it act as a
   government ("Moscow is ready", "Russian officials": `kind` government), as PETRARCH codes
   "Russia" RUS and "the Russian government" RUSGOV;
2. the Phoenix agents dictionary (`reportedly.extract.agents`) over an unlisted organization's name
   ("the Interior Ministry") or a person's role ("the Russian special envoy"), with the entity's
   country or that of the country it is affiliated with;
3. the entity's country alone (a people named by its demonym, "Somalis", "Thai": its country's).
An entity none of these codes has `cameo` None.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from reportedly.extract.agents import code_for, match_suffix, sector_of
from reportedly.extract.places import country_of_adjective
from reportedly.gazetteer import Gazetteer, GazetteerEntry
from reportedly.model import Entity

# Words after which a role or name goes on to its complement ("special envoy for Afghanistan",
# "Minister of Defence"): the agent noun is the head before them.
COMPLEMENT_WORDS = frozenset({"of", "for", "to", "in", "at", "on", "with", "from", "'s", "’s", ","})
GOVERNMENT = "government"
GOV_SECTOR = "GOV"


def _role_code(entry: GazetteerEntry, date: str | None) -> tuple[str, str | None] | None:
    """The (code, sector) of the entry's Phoenix role in force on `date`, else of an undated role."""
    coded = [r for r in entry.roles if r.get("code")]
    if date:
        for role in coded:
            start, end = role.get("from"), role.get("to")
            if (start or end) and (start or "")[: len(date)] <= date <= (end or "9999")[: len(date)] + "~":
                return str(role["code"]), role.get("sector")
    undated = [r for r in coded if not r.get("from") and not r.get("to")]
    chosen = undated or coded
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
    if entry.country or entry.sector:
        return code_for(entry.country, "~" + entry.sector if entry.sector else None), entry.sector
    return None, None


def head_words(text: str) -> list[str]:
    """The words of a name or role up to its complement: "special envoy for Afghanistan" -> [special,
    envoy]; "Russia's special envoy" -> [special, envoy] (the possessor is the country, not the agent)."""
    words = text.replace("’", "'").replace("'s ", " 's ").split()
    if "'s" in words:
        words = words[words.index("'s") + 1 :]
    for i, word in enumerate(words):
        if word.lower() in COMPLEMENT_WORDS:
            return words[:i]
    return words


def phrase_code(texts: Sequence[str], country: str | None) -> tuple[str | None, str | None]:
    """(cameo, sector) from the first of `texts` (names, roles) whose head the agents dictionary lists."""
    for text in texts:
        found = match_suffix(head_words(text))
        if found is not None:
            return code_for(country, found[1]), sector_of(found[1])
    return None, None


def code_entities(entities: list[Entity], gaz: Gazetteer, date: str | None) -> list[Entity]:
    """The entities with `cameo` and `sector` filled where the gazetteer, the agents dictionary or
    their country give them; entities that already carry a code keep it.

    Args:
        entities: the article's entities.
        gaz: the gazetteer their `kb_id`s point into.
        date: the article's date (YYYY[-MM[-DD]]) for dated roles, or None.

    Returns:
        the same entities, in the same order.
    """
    by_id = {e.id: e for e in entities}
    out = []
    for ent in entities:
        if ent.cameo:
            out.append(ent)
            continue
        entry = gaz.get(ent.kb_id) if ent.kb_id else None
        cameo, sector = entry_code(entry, ent.kind, date) if entry else (None, None)
        if cameo is None:
            owners = [by_id[a.entity].country for a in ent.affiliations if a.entity in by_id]
            country = ent.country or next((c for c in owners if c), None)
            if country is None and ent.type == "NORP":  # a people named as such: "Somalis", "Thai"
                country = country_of_adjective(ent.name, gaz) or (
                    country_of_adjective(ent.name[:-1], gaz) if ent.name.endswith("s") else None
                )  # the plural of a demonym: "Yemenis"
            texts = [r.text for r in ent.roles] if ent.type == "PERSON" else [ent.name]
            cameo, sector = phrase_code(texts, country)
            if cameo is None and country:
                cameo = code_for(country, "~" + GOV_SECTOR) if ent.kind == GOVERNMENT else country
                sector = GOV_SECTOR if ent.kind == GOVERNMENT else None
        out.append(dataclasses.replace(ent, cameo=cameo, sector=sector))
    return out
