"""Cross-article entity resolution: one person or organization across articles is one entity.

The rules (the store applies them against what the ledger already holds, `store.entities`):
1. A gazetteer id (`kb_id`) decides: every entity with the same kb_id is one ledger entity, and two
   different kb_ids are never merged (this is where the gazetteer's distinct-from links bite:
   Ahmad Massoud and his father Ahmad Shah Massoud have different ids). A linked entity never joins
   an unlinked one by name alone.
2. Without a kb_id, the exact match key (type group + normalized name) decides.
3. And `keys_match`: two unlinked names of one fuzzy block (`fuzzy_block`: people of two name tokens
   or more by surname consonants and first initial, organizations by their last two words) that match
   by the within-article rules of `reportedly.extract.names` (`same_person`, `same_org`) both ways.
   An entity is every article entity joined by such pairs, so a name matching two ledger entities
   makes them one (the store merges them, the other id redirecting).

The test depends on the two names only, so the entities do not depend on the order articles arrive
in. `pick_match` (exactly one candidate merges, none or several, ambiguous, make a new entity) is
the older within-call form, kept registered as `mergers.entities.v1`; the ledger no longer uses it.
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


def fuzzy_block(name: str, entity_type: str) -> str | None:
    """The block an unlinked entity's name is matched in by rule 3 across articles, or None (exact keys
    only): people of two name tokens or more (a bare surname could be anyone of that name: it joins
    only its exact key), organizations of two words or more."""
    group = type_group(entity_type)
    if group == "per" and len(parse_name(name).tokens) < 2:
        return None
    return block_key(name, entity_type)


def keys_match(name: str, other: str, entity_type: str) -> bool:
    """Rule 3 across articles: whether two names of unlinked entities are one entity. Symmetric and a
    function of the two names only, so the entities it forms do not depend on arrival order."""
    block = fuzzy_block(name, entity_type)
    if block is None or block != fuzzy_block(other, entity_type):
        return False
    return names_match((name,), (other,), entity_type) and names_match((other,), (name,), entity_type)


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
