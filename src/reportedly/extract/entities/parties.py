"""Parties named by a common noun: "armed men attacked", "police detained", "Turkish troops entered",
"clashes with rebels". CAMEO/PETRARCH code these through the Phoenix agents dictionary (GUNMEN -> UAF,
POLICE -> COP) with the country of a nationality adjective; here each becomes an entity of its own, so
events can name it as a party and every export can code it.

A noun phrase is such a party when:
- its head stands where a party stands: subject, object, the `by` agent, the object of a preposition
  that introduces a party (with, against, between ... not in/at/near, which introduce places), or a
  conjunct or apposition of one of these;
- the agents dictionary lists its head with the modifiers right before it ("riot police", "armed men");
- its head is plural (by its tag; a subject tagged as a name, "ALGIERS - Police have arrested", by its
  verb's plural agreement), or names an armed or security body in the singular with "the" and no description
  but its country ("the army", "the Sudanese military"), or a state organ the agents dictionary lists
  officials of (`agents.is_body`) with "the" or "a" ("the government", "a German court", "the
  ministry"): a single office holder ("the president", "the minister"), an individual ("a gunman",
  "the Ukrainian-born fighter") or a place ("went to prison") is no party here;
- no other entity already names it: no named modifier or owner ("Taliban fighters", "NRF's forces",
  "members of the NRF": the named group is the party), and not "the rebels" in an article that names
  an armed group (the events' rule reads that phrase as that group).
Its country is the nationality adjective's ("Turkish troops" -> TUR), else the article's frame: the
dateline's country, else the one country the article names; a country from the frame is written into the
entity's name ("police (Afghanistan)"), so the ledger never merges the police of two countries. It is
linked to the article's entity for that country (an affiliation) when the article names it. Mentions of
one phrase with one country are one entity ("gunmen" ... "the gunmen").
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from spacy.attrs import POS
from spacy.parts_of_speech import NOUN, PROPN
from spacy.tokens import Doc, Token

from reportedly.extract import wordnet
from reportedly.extract.agents import MEMBER_WORDS, code_for, is_body, kind_sectors, match_suffix, sector_of
from reportedly.extract.places import country_of_adjective
from reportedly.gazetteer import Gazetteer
from reportedly.model import Affiliation, Entity, Span
from reportedly.nlp.doctext import children, tokens

PARTY_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "dative"})
# Prepositions whose object is a party ("clashes with rebels", "fired on police", "killed by gunmen");
# in/at/near/into introduce places, of/from owners and origins.
PARTY_PREPS = frozenset({"by", "with", "against", "between", "among", "on", "to", "toward", "towards", "at"})
MODIFIER_DEPS = frozenset({"amod", "compound", "nmod"})
OWNER_DEPS = frozenset({"poss", "compound", "nmod", "amod"})
OWNER_PREPS = frozenset({"of", "from"})
# Sectors of actors that act as a body in CAMEO's political events: the state and its forces, armed
# non-state groups, the opposition and protesters, and labour (LAB: "workers", "employees"), the party of
# strikes (CAMEO 143, PLOVER PROTEST "strike"). Civilians (CVL), "people" (PPL), refugees, business,
# health or education staff are left out: a party of theirs alone made weather and sports reports
# into events ("the heat killed people").
ACTOR_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "SPY", "REB", "UAF", "INS", "OPP", "LAB"})
# Sectors whose bodies act as one party even when named in the singular ("the army", "the police").
COLLECTIVE_SECTORS = frozenset({"MIL", "COP", "REB", "UAF", "CRM", "SPY", "INS"})
# Sectors of the state's organs: a singular body of theirs the dictionary lists officials of (`is_body`:
# "the government", "a German court", "the ministry") acts as one party, with "a" as with "the".
STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "SPY"})
# Agents a named armed group of the article may stand behind ("the rebels", "militants", "opposition
# forces"): the events' unnamed-group rule reads them as that group.
GROUP_SECTORS = frozenset({"REB", "UAF", "OPP"})
# The entity kind of a party by its agent code's primary sector; others are organizations.
KIND_BY_SECTOR = {
    "GOV": "government", "MIL": "government", "COP": "government", "JUD": "government",
    "LEG": "government", "SPY": "government",
    "REB": "armed_group", "UAF": "armed_group", "INS": "armed_group",
    "MED": "media",
}
# WordNet classes of a plural head that a nationality adjective makes a party of that country when the
# agents dictionary lists no phrase for it: "Russian peacekeepers" (PETRARCH codes the adjective alone as
# the country actor: RUS).
NATIONAL_CLASSES = frozenset({"noun.group", "noun.person"})
# Or the dictionary lists kinds of the head, most of them of actor sectors ("forces": ARMED_FORCES,
# GOVERNMENT_FORCES, REBEL_FORCES ...): "Colombian forces" -> COL, whatever WordNet's usual sense
# ("force": strength); at least this many kinds, so one phrase ("HOUSE_OF_X") proves nothing.
MIN_KINDS = 2
# A phrase "AMOUNT of X" is X where the amount stands ("dozens of Russian peacekeepers entered", "a group
# of British lawmakers called for"): an amount is a number, a quantifier or a noun with one of these
# WordNet classes among its first senses ("dozen", "handful": quantity; "band", "team": group; "group"
# itself is WordNet's top class; "majority", "number": a quantity in their second sense).
AMOUNT_CLASSES = frozenset({"noun.quantity", "noun.group", "noun.Tops"})
AMOUNT_SENSES = 2
# Forms of "be" that agree with a plural subject only (the tag VBP covers "have" and "are" in the present).
PLURAL_VERBS = frozenset({"are", "were"})
# How far a conjunct or apposition climbs to the party position of the phrase it continues.
MAX_CONJUNCTS = 3


@dataclass(frozen=True, slots=True)
class AgentMention:
    """A common-noun party in the text: its span, its agent code and its country."""

    start: int
    end: int
    text: str
    name: str  # the phrase with its nationality adjective: "Turkish troops"
    key: str  # what groups mentions into one entity: the phrase's lemmas and the country
    code: str  # the agents dictionary's code: "~MIL", "IGO~"; "" for a country's people ("Colombian forces")
    country: str | None
    framed: bool = False  # the country is the article's frame, not read in the phrase ("police" in Kabul)
    person: bool = False  # one office holder of a country, coded as PETRARCH does ("a Spanish judge": ESPJUD)


def _is_amount(tok: Token) -> bool:
    """Whether a word names an amount or a band of what follows its "of" ("dozens of", "a group of", "a
    majority of", "hundreds of"): a number or quantifier, or a noun with a quantity or group sense among its
    first WordNet senses (`AMOUNT_SENSES`); "members of the NRF" or "forces of Mali" are no amount."""
    if tok.pos_ in ("NUM", "DET", "PRON"):
        return True
    if tok.pos_ != "NOUN":
        return False
    classes = wordnet.lexnames(tok.lemma_.lower() or tok.lower_, "n", AMOUNT_SENSES)
    return bool(AMOUNT_CLASSES & set(classes))


def _through_amount(tok: Token) -> Token:
    """The amount a phrase is counted by ("dozens" for "dozens of soldiers"), else the phrase itself."""
    if tok.dep_ == "pobj" and tok.head.lower_ == "of" and _is_amount(tok.head.head):
        return tok.head.head
    return tok


def _in_party_position(tok: Token) -> bool:
    node = tok
    for _ in range(MAX_CONJUNCTS + 1):
        if node.dep_ in PARTY_DEPS:
            return True
        amount = _through_amount(node)
        if amount.i != node.i:
            node = amount  # "dozens of Russian peacekeepers": the amount stands as the party
            continue
        if node.dep_ == "pobj":
            return node.head.lower_ in PARTY_PREPS
        if node.dep_ not in ("conj", "appos") or node.head.i == node.i:
            return False
        node = node.head
    return False


def _modifiers(tok: Token) -> list[Token]:
    """The contiguous modifiers right before a head, nearest last ("armed", "riot")."""
    found: list[Token] = []
    i = tok.i - 1
    if i < 0:
        return found
    toks = tokens(tok.doc)
    first = tok.sent.start if toks[i].dep_ in MODIFIER_DEPS else i + 1  # Token.sent scans the sentence
    while i >= first and toks[i].dep_ in MODIFIER_DEPS and toks[i].head.i in (tok.i, *(t.i for t in found)):
        found.insert(0, toks[i])
        i -= 1
    return found


def _owner(tok: Token, covered: dict[int, str], country_of: dict[int, str]) -> str | None:
    """What owns the phrase: "" when a named entity that is no country does ("Taliban fighters", "the
    NRF's forces", "troops of the NRF"), an unnamed one ("representatives of several countries") or a
    pronoun ("its troops": the owner is named elsewhere);
    the ISO-3 of an owning country ("China's military", "forces of Mali"); None when nothing does."""
    for child in children(tok):
        owners = [child] if child.dep_ in OWNER_DEPS else (
            [g for g in children(child) if g.dep_ == "pobj"]
            if child.dep_ == "prep" and child.lower_ in OWNER_PREPS else []
        )
        for owner in owners:
            if owner.i in country_of:
                return country_of[owner.i]
            if owner.i in covered or owner.dep_ == "pobj" or (owner.dep_ == "poss" and owner.pos_ == "PRON"):
                return ""  # a named owner, an unnamed one ("representatives of several countries"), "its"
    return None


def _is_subject(tok: Token) -> bool:
    """Whether the phrase is a subject or the `by` agent (or a conjunct of one): the frame's country is
    only inferred for the doer; an object ("deploy troops to Ukraine") is often the subject's own."""
    node = _through_amount(tok)
    for _ in range(MAX_CONJUNCTS + 1):
        if node.dep_ in ("nsubj", "nsubjpass") or (node.dep_ == "pobj" and node.head.dep_ == "agent"):
            return True
        if node.dep_ not in ("conj", "appos") or node.head.i == node.i:
            return False
        node = node.head
    return False


def _is_plural(tok: Token) -> bool:
    """Whether a head is plural: its tag, or, for a subject the tagger read as a name ("ALGIERS, Algeria -
    Police have arrested", capitalized after a dateline), the plural agreement of its verb ("have", "are",
    "were": a singular noun never takes them)."""
    if tok.tag_ in ("NNS", "NNPS"):
        return True
    if tok.dep_ != "nsubj" or tok.tag_ != "NNP":
        return False
    verb = tok.head
    words = [verb, *(c for c in children(verb) if c.dep_ in ("aux", "auxpass"))]
    return any(t.tag_ == "VBP" or t.lower_ in PLURAL_VERBS for t in words)


def _is_body(tok: Token, before: list[Token], sector: str | None, country_of: dict[int, str],
             gaz: Gazetteer) -> bool:
    """Whether a singular head names a body that acts as one party: a security or armed sector, with
    "the" or a country's possessive ("the army", "China's military"), or a state organ the dictionary
    lists officials of, with "the" or "a" too, as a subject or object ("the government", "a court");
    described by nothing but its country ("the Sudanese army", "a German court").
    Not "a gunman" (an individual), "went to prison" (a place), "the Ukrainian-born fighter" (a boxer),
    "the minister" (an office holder)."""
    # an organ only where it acts or is acted on: "went on the court", "in the ministry" name places
    organ = sector in STATE_SECTORS and is_body(tok.text) and (_is_subject(tok) or _object_of_verb(tok))
    if sector not in COLLECTIVE_SECTORS and not organ:
        return False
    articles = ("the", "a", "an") if organ else ("the",)
    if not any((c.dep_ == "det" and c.lower_ in articles) or (c.dep_ == "poss" and c.i in country_of)
               for c in children(tok)):
        return False  # "the army", "China's military", "a court"
    return all(t.i in country_of or _adjective_country(t, gaz) for t in before)


def _adjective_country(tok: Token, gaz: Gazetteer, names: bool = True) -> str | None:
    """The country of a nationality adjective ("Turkish troops"), or (`names`) of a country's name used as
    one: a proper noun compounded with the head ("the U.S. military", "US troops"), which names no entity of
    its own (mentions._country_name_place: an attribute, as adjectives are)."""
    if tok.pos_ == "ADJ" or (names and tok.pos_ == "PROPN" and tok.dep_ == "compound"):
        return country_of_adjective(tok.text, gaz)
    return None


def _national_person(tok: Token, before: list[Token], sector: str | None, covered: dict[int, str],
                     country_of: dict[int, str], gaz: Gazetteer) -> bool:
    """Whether a singular head is one office holder of a country: a nationality adjective right before
    the dictionary's phrase, no "the" ("a Spanish judge", "a Turkish prosecutor"), with an actor sector;
    PETRARCH codes such a phrase as the country plus the agent (ESPJUD, TURJUD).
    Not "a gunman" or "a minister" (no country said), nor "a Ukrainian-born fighter" (no nationality
    adjective), nor "the Russian envoy" (a definite refers back), nor "a senior Taiwan security
    official": one who acts for a body (the dictionary's `MEMBER_WORDS`) is an anonymous source, whose
    body attribution reads as the speaker's affiliation."""
    if tok.tag_ not in ("NN", "NNP") or sector not in ACTOR_SECTORS or not before:
        return False
    if tok.lower_ in MEMBER_WORDS:
        return False
    if any(c.dep_ == "appos" and c.i in covered for c in children(tok)) or (
        tok.dep_ in ("appos", "compound") and tok.head.i in covered
    ):
        return False  # "the Russian envoy, Zamir Kabulov": the title of the one named
    # "the Russian envoy" most often refers back to one the article names: reference resolution's
    # (entities/references.py), not a new party; "a Spanish judge" introduces one
    # a country's name as the attribute ("A Nigerien army officer", the tagger's NNP) stays an anonymous
    # source tied to the country (attribution/speakers.py), as before
    return not any(c.dep_ == "det" and c.lower_ == "the" for c in children(tok)) and _country_before(
        before, country_of, gaz, names=False)


def _country_before(
    before: list[Token], country_of: dict[int, str], gaz: Gazetteer, names: bool = True
) -> bool:
    last = before[-1]
    return last.i in country_of or bool(_adjective_country(last, gaz, names))


def _national_group(tok: Token, mods: list[Token], country_of: dict[int, str], gaz: Gazetteer) -> bool:
    """Whether a plural head the agents dictionary does not list is a country's party by its nationality
    adjective right before it ("Colombian forces", "Russian peacekeepers"): a group or people in
    WordNet's usual sense (`NATIONAL_CLASSES`), or in one of its senses when the dictionary lists kinds
    of it, mostly of actor sectors (`MIN_KINDS`); "Chinese goods" or "Russian missiles" is none."""
    if tok.tag_ not in ("NNS", "NNPS") or not mods:
        return False
    if not _country_before(mods, country_of, gaz):
        return False
    classes = wordnet.lexnames(wordnet.noun_form(tok.lemma_.lower() or tok.lower_), "n")
    if classes[:1] and classes[0] in NATIONAL_CLASSES:
        return True
    kinds = kind_sectors(tok.text)
    total = sum(kinds.values())
    # "forces" is a group in one of its senses; "Russian missiles" (CRUISE_MISSILES ...) in none
    return bool(NATIONAL_CLASSES & set(classes)) and total >= MIN_KINDS and 2 * sum(
        n for s, n in kinds.items() if s in ACTOR_SECTORS) > total


def _object_of_verb(tok: Token) -> bool:
    node = _through_amount(tok)  # "killing dozens of soldiers": an object too
    while node.dep_ in ("conj", "appos") and node.head.i != node.i:
        node = node.head
    return node.dep_ in ("dobj", "dative")


def find_agent_mentions(
    doc: Doc, covered: dict[int, str], country_of: dict[int, str], frame_country: str | None,
    armed_groups: bool, gaz: Gazetteer,
) -> list[AgentMention]:
    """The common-noun parties of a Doc (see the module docstring), in text order.

    Args:
        doc: the parsed article.
        covered: token index -> the id of the entity whose mention holds it.
        country_of: token index -> ISO-3, for the tokens of country mentions ("Turkish", "China's").
        frame_country: ISO-3 of the article's frame (dateline, else its one named country), or None.
        armed_groups: whether the article names an armed group.
        gaz: the gazetteer, for nationality adjectives.

    Returns:
        one AgentMention per party phrase.
    """
    found_at: list[tuple[Token, list[Token], str, str | None, str | None, bool]] = []
    nouns = np.flatnonzero(np.isin(doc.to_array(POS), (NOUN, PROPN))).tolist()  # no Token for other words
    toks = tokens(doc)
    for tok in (toks[i] for i in nouns):
        if tok.i in covered or not _in_party_position(tok):
            continue
        mods = _modifiers(tok)
        found = match_suffix([t.text for t in mods] + [tok.text])
        if found is None and _national_group(tok, mods, country_of, gaz):
            found = (len(mods), "")  # "Colombian forces": the country's, no agent
        if found is None:
            continue
        start, code = found
        sector = sector_of(code)
        if code and sector not in ACTOR_SECTORS and not code.endswith("~"):
            continue  # civilians, people, businesses: parties of no political act by themselves
        person = not _is_plural(tok) and not _is_body(tok, mods[:start], sector, country_of, gaz)
        if person and not _national_person(tok, mods[:start], sector, covered, country_of, gaz):
            continue  # a single office holder or a described individual: a person, not a party
        owner = _owner(tok, covered, country_of)
        if owner == "" or (armed_groups and sector in GROUP_SECTORS):
            continue
        phrase = [*mods[start:], tok]
        if any(t.i in covered for t in phrase):
            phrase = phrase[max(i for i, t in enumerate(phrase) if t.i in covered) + 1 :]
        if not phrase or phrase[-1].i != tok.i:
            continue
        adjectives = [
            (t, iso) for t in mods
                if (iso := country_of.get(t.i) or _adjective_country(t, gaz))
        ]
        named = adjectives[-1] if adjectives and adjectives[-1][0].i < phrase[0].i else None
        found_at.append((tok, phrase, code, owner or (adjectives[-1][1] if adjectives else None),
                         named[0].text if named else None, person))
    # An object without a country of its own takes the country the same phrase has as a subject.
    lemmas = {tok.i: " ".join(t.lemma_.lower() for t in phrase) for tok, phrase, *_ in found_at}
    subject_country = {lemmas[tok.i]: frame_country for tok, *_ in found_at if _is_subject(tok)}
    out = []
    for tok, phrase, code, own, adjective, person in found_at:
        country = own or subject_country.get(lemmas[tok.i])
        if country is None and _object_of_verb(tok):
            continue  # "deployed troops", "withdraw troops": most often the subject's own, not a party
        first, last = phrase[0], phrase[-1]
        text = doc[first.i : last.i + 1].text  # its characters; doc.text would rebuild the whole Doc
        plain = " ".join(t.text if t.pos_ == "PROPN" else t.lower_ for t in phrase)
        if adjective:
            name = f"{adjective} {plain}"  # "Turkish troops"
        elif country:  # the country, said in the name: "police" in Kabul and in Lahore differ
            state = gaz.country(country)
            name = f"{plain} ({state.name if state else country})"
        else:
            name = plain
        key = f"{lemmas[tok.i]}|{country}"
        out.append(AgentMention(first.idx, last.idx + len(last.text), text, name, key, code, country,
                                framed=own is None and country is not None, person=person))
    return out


def _kind(head: AgentMention, sector: str | None) -> str:
    if head.person:
        return "person"  # "a Spanish judge": one office holder, coded as PETRARCH codes him
    if head.code.endswith("~"):
        return "international_organization"
    return KIND_BY_SECTOR.get(sector or "", "organization")


def agent_entities(mentions: list[AgentMention], first_id: int, country_ids: dict[str, str],
                   country_names: dict[str, str]) -> list[Entity]:
    """One entity per group of agent mentions (same phrase, same country), ids from `first_id` on.

    Args:
        mentions: the article's agent mentions, in text order.
        first_id: the number of the first new entity ("e7" -> 7).
        country_ids: ISO-3 -> the article's entity id for that country (the link to a named entity).
        country_names: ISO-3 -> the country's name, for an affiliation the article does not name.

    Returns:
        the new entities, `cameo` and `sector` filled from the agent code and the country.
    """
    groups: dict[str, list[AgentMention]] = {}
    for m in mentions:
        groups.setdefault(m.key, []).append(m)
    out = []
    for n, group in enumerate(groups.values(), start=first_id):
        head = group[0]
        sector = sector_of(head.code)
        affiliations: tuple[Affiliation, ...] = ()
        if head.country:
            affiliations = (Affiliation(name=country_names.get(head.country, head.country),
                                        entity=country_ids.get(head.country), start=None, end=None),)
        out.append(Entity(
            id=f"e{n}",
            name=head.name,
            type="PERSON" if head.person else "ORG",
            kb_id=None,
            aliases=tuple(dict.fromkeys(m.text for m in group)),
            roles=(),
            affiliations=affiliations,
            mentions=tuple(Span(m.start, m.end, m.text) for m in group),
            kind=_kind(head, sector),
            country=head.country,
            cameo=code_for(head.country, head.code or None),
            sector=sector,
            cameo_source="name",  # codes.SOURCE_NAME: the agents dictionary over the phrase
            cameo_inferred=head.framed,
        ))
    return out
