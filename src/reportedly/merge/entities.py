"""Cross-article entity resolution: one person or organization across articles is one entity.

The rules, in order (the store applies them against what the ledger already holds):
1. A gazetteer id (`kb_id`) decides: every entity with the same kb_id is one ledger entity, and two
   different kb_ids are never merged (this is where the gazetteer's distinct-from links bite:
   Ahmad Massoud and his father Ahmad Shah Massoud have different ids).
2. Without a kb_id, the exact match key (type group + normalized name) decides.
3. Otherwise the within-article name rules of `reportedly.extract.names` (`same_person` for people,
   `same_org` for organizations) are tried against ledger entities sharing the blocking key (the
   surname, the last word of an organization's name); exactly one match merges, none or several
   (ambiguous: "Massoud" could be the son or the father) makes a new entity. A match never crosses
   two different kb_ids.

Rules 1 and 2 do not depend on the order articles arrive in; rule 3 can (a bare surname seen
before the full name becomes its own entity until the full name arrives and attaches to it).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from reportedly.extract.names import (
    ascii_fold,
    consonant_key,
    org_tokens,
    parse_name,
    same_org,
    same_person,
)
from reportedly.model import Entity
from reportedly.registry import mergers

# Entity types grouped for matching: an ORG and a NORP ("the Taliban" tagged either way) can be one
# actor; a person is never an organization; places match places.
TYPE_GROUPS = {"PERSON": "per", "ORG": "org", "NORP": "org", "GPE": "place", "LOC": "place", "FAC": "place"}
# The ledger key suffix of a country's government, beside the country place (`entity_key`).
GOVERNMENT_SUFFIX = "GOV"
# Hex digits of the SHA-256 in a ledger entity id: 48 bits, collision-free at ledger scale.
ID_HEX_CHARS = 12


@dataclass(frozen=True, slots=True)
class Candidate:
    """A ledger entity a new article entity might be."""

    id: str
    name: str
    kb_id: str | None
    aliases: tuple[str, ...] = ()


def type_group(entity_type: str) -> str:
    """The matching group of an entity type ("per", "org", "place", or the type lower-cased)."""
    return TYPE_GROUPS.get(entity_type, entity_type.lower())


def name_key(name: str, entity_type: str) -> str:
    """The exact-match key of a name: people by their folded name tokens (titles dropped)."""
    group = type_group(entity_type)
    if group == "per":
        tokens = parse_name(name).tokens
        return "per:" + " ".join(tokens) if tokens else "per:" + ascii_fold(name)
    if group == "org":
        return "org:" + " ".join(org_tokens(name))
    return f"{group}:" + " ".join(ascii_fold(name).split())


def entity_key(entity: Entity) -> str:
    """The ledger key of an article entity: its gazetteer id when known, else its name key. A country is
    two ledger entities: the place ("kb:cty:RUS") and its government ("kb:cty:RUS:GOV", kind government:
    "Moscow is ready", "Russia denied")."""
    if entity.kb_id and entity.kb_id.startswith("cty:") and entity.kind == "government":
        return f"kb:{entity.kb_id}:{GOVERNMENT_SUFFIX}"
    return f"kb:{entity.kb_id}" if entity.kb_id else name_key(entity.name, entity.type)


def country_faces(entity: Entity) -> tuple[str, ...]:
    """The ledger ids of a country's place and government (`entity_key`) for an entity of either: to event
    merging one country, as a participant's organization is ("Russia hosted talks" and "talks in Russia")."""
    if not (entity.kb_id and entity.kb_id.startswith("cty:")):
        return ()
    place = f"kb:{entity.kb_id}"
    return (ledger_entity_id(place), ledger_entity_id(f"{place}:{GOVERNMENT_SUFFIX}"))


def block_key(name: str, entity_type: str) -> str | None:
    """The key an entity is filed under for fuzzy matching.

    People: the consonants of the surname, alternating letters merged (`names.consonant_key`), and the
    first name's initial (any vowel one class, g = k), so transliterations meet ("Moammar Gadhafi" and
    "Muammar Qaddafi": "per:kdf:m"; "Usama bin Ladin" and "Osama bin Laden": "per:ldn:a"), or the surname
    alone for a bare surname ("per:kblf:*"). Organizations of two words or more: their last two words
    ("org:resistance front"), which `same_org`'s tail rule needs in common. Other entities: None (exact
    keys only).
    """
    group = type_group(entity_type)
    if group == "per":
        tokens = parse_name(name).tokens
        if not tokens:
            return None
        first = _initial(tokens[0]) if len(tokens) > 1 else "*"
        return f"per:{consonant_key(tokens[-1])}:{first}"
    if group == "org":
        words = org_tokens(name)
        return f"org:{' '.join(words[-2:])}" if len(words) >= 2 else None
    return None


def _initial(token: str) -> str:
    first = token[0]
    return "a" if first in "aeiouy" else "k" if first == "g" else first


def lookup_blocks(name: str, entity_type: str) -> tuple[list[str], str | None]:
    """Where to look for an entity's candidates: exact block keys, and a block prefix (bare surnames
    match any first name: "per:kabulov:")."""
    block = block_key(name, entity_type)
    if block is None:
        return [], None
    if block.startswith("per:"):
        surname = block.rsplit(":", 1)[0]
        return ([], surname + ":") if block.endswith(":*") else ([block, surname + ":*"], None)
    return [block], None


def ledger_entity_id(key: str) -> str:
    """A ledger entity id from the key it was created under (stable across runs and machines)."""
    return "en_" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:ID_HEX_CHARS]


def names_match(names: tuple[str, ...], other: tuple[str, ...], entity_type: str) -> bool:
    """Whether any name of one entity matches any name of another by the within-article rules."""
    group = type_group(entity_type)
    match = same_person if group == "per" else same_org if group == "org" else None
    if match is None:
        return False
    return any(match(a, b) for a in names for b in other)


def pick_match(entity: Entity, candidates: list[Candidate]) -> Candidate | None:
    """The one ledger entity the article entity is, by rule 3, or None (no match, or ambiguous).

    Args:
        entity: the article entity (its name and aliases are tried).
        candidates: ledger entities of the same type group sharing its blocking key.

    Returns:
        the single matching candidate whose kb_id does not conflict, else None.
    """
    names = (entity.name, *entity.aliases)
    hits = [
        c
        for c in candidates
        if not (entity.kb_id and c.kb_id and c.kb_id != entity.kb_id)
        and names_match(names, (c.name, *c.aliases), entity.type)
    ]
    return hits[0] if len(hits) == 1 else None


def better_name(current: str, new: str) -> str:
    """The display name to keep: the longer one, ties to the alphabetically first (order-free)."""
    return min(current, new, key=lambda n: (-len(n), n))


mergers.register("mergers.entities.v1", func=pick_match)
