"""Event arguments from the dependency parse: actors, recipients, host, place, per PLOVER's conventions.

Entities come from the entities stage (`Entity.mentions` offsets); a phrase no entity covers is
left out rather than invented. Coordinations are expanded ("Iran, Libya and North Korea"), and
a phrase naming a group through its members ("members of the NRF", "a delegation of the Islamic
Emirate") counts as the group. PLOVER roles: in a mutual meeting every party is an actor; a visitor
is the actor and the host the recipient.

An event whose text names no place takes the article's frame (`frame_event_location`): the
dateline's place (`reportedly.extract.places.frame_location`), marked `source` "dateline".
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

import pycountry
from spacy.tokens import Doc, Token

from reportedly.extract.places import country_of_adjective, frame_location, is_country_entry
from reportedly.gazetteer import Gazetteer, load_gazetteer
from reportedly.model import DocContext, Entity, Location
from reportedly.nlp.doctext import children


def _words(text: str) -> frozenset[str]:
    """A word list written as text, one word per whitespace-separated item."""
    return frozenset(text.split())


PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})
# Entity types that can be a party to a political event: people, organizations, polities, groups.
# A building ("Betty Ford Center"), a product or a work of art is at most where an event happens.
PARTY_TYPES = frozenset({"PERSON", "ORG", "GPE", "NORP"})
RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})
# Prepositions whose object is the other party of the event ("met with", "attack on", "talks between").
PARTY_PREPS = _words("with against on to between among from toward towards")
# Prepositions by which a verb's object names whom the act bears on ("the embargo against", "the ban on").
OBJECT_TARGET_PREPS = frozenset({"against", "on"})
# Where a country after "at" is kept: the one aimed at ("fired rockets at Israel"), not a place.
AIMED_AT = "at-country"
PLACE_PREPS = frozenset({"in", "at", "near"})
# Prepositions through which a noun names its members' group ("members of", "a delegation of").
GROUP_PREPS = frozenset({"of", "from"})
# Verbs of motion whose destination is where the purpose event happens ("left Kabul for Moscow to meet").
MOTION_VERBS = frozenset({"leave", "travel", "go", "arrive", "fly", "come", "head", "visit"})
# Verbs that lend their subject to an event noun object ("held talks with", "launched an attack on").
# "declare": the CAMEO dictionary's DECLARE block codes its event-noun objects as the subject's own acts
# (DECLARE * CEASEFIRE [0871], * CURFEW [1723], * STATE OF EMERGENCY [1724]): "the ELN declared a ceasefire".
LIGHT_VERBS = _words(
    """
    hold have conduct launch stage carry mount host attend mediate broker follow make begin start
    resume impose declare
    """
)
HOST_VERBS = frozenset({"host", "receive", "welcome"})
MUTUAL_LEMMAS = _words("meet meeting talk negotiate negotiation consult consultation summit discuss confer")
# Event nouns whose "of" names the doer ("a meeting of the delegation", "the trip of Baradar");
# for the others it names the one acted on ("the arrest of X", "the fall of Kabul").
AGENTIVE_OF = _words(
    """
    meeting visit trip talk negotiation summit protest demonstration rally consultation offensive
    withdrawal
    """
)
# Event nouns of a place taken: "the fall of Kabul to the Taliban" names the taker with "to".
CONQUEST_NOUNS = frozenset({"fall", "capture", "takeover", "seizure", "conquest"})
COLLECTIVES = frozenset({"group", "force", "front", "movement", "organization", "party", "army", "militia"})
# Words by which news names an armed group without its name ("opposition forces", "the rebels"): such a
# phrase no entity covers stands for the article's one armed group not already named beside it.
GROUP_DESCRIPTORS = frozenset(
    {"opposition", "rebel", "insurgent", "militant", "resistance", "guerrilla", "insurgency", "militia"}
)
ARMED_GROUP = "armed_group"
# Heads through which a nationality adjective names the country that acts: its arms, armed men and
# armed acts ("Russian missiles struck", "Israeli strikes killed", "Turkish troops", "the Russian
# invasion"). Not "sanctions" or "talks": "Russian sanctions" are mostly sanctions on Russia.
ARMED_NOUNS = _words(
    """
    missile drone strike airstrike troop force soldier army military jet warplane plane aircraft
    artillery police navy rocket shell bomb tank warship helicopter fighter bomber gunboat attack
    assault raid offensive bombing invasion shelling bombardment
    """
)
# NP depth followed when looking for the entity a phrase names (member-of chains, appositions).
MAX_DEPTH = 3


@dataclass
class ArgIndex:
    """Token-level view of the article's entities, built once per Doc."""

    entities: dict[str, Entity]
    by_token: dict[int, str] = field(default_factory=dict)
    armed_groups: tuple[str, ...] = ()
    media: frozenset[int] = frozenset()  # tokens of media entities ("told AFP")
    countries: dict[str, str] = field(default_factory=dict)  # ISO-3 -> the article's country entity
    gazetteer: Gazetteer | None = None

    @classmethod
    def build(cls, doc: Doc, entities: list[Entity]) -> ArgIndex:
        index = cls({e.id: e for e in entities})
        for ent in entities:
            for mention in ent.mentions:
                span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
                for tok in span or ():
                    index.by_token.setdefault(tok.i, ent.id)
        index.armed_groups = tuple(e.id for e in entities if e.kind == ARMED_GROUP and e.mentions)
        index.media = frozenset(i for i, e in index.by_token.items() if index.entities[e].kind == "media")
        index.countries = {
            e.country: e.id
            for e in entities
            if e.country and e.kb_id == f"cty:{e.country}" and e.type in PLACE_TYPES
        }
        if index.countries:
            files = doc._.rp_gazetteer_files if Doc.has_extension("rp_gazetteer_files") else ()
            index.gazetteer = load_gazetteer(tuple(files))
        return index

    def nationality(self, tok: Token) -> str | None:
        """The article's country entity a nationality adjective names ("Russian" -> Russia), or None
        when the word is no such adjective or the article names no such country."""
        if self.gazetteer is None or tok.i in self.by_token or tok.pos_ not in ("ADJ", "PROPN"):
            return None
        iso3 = country_of_adjective(tok.text, self.gazetteer)
        return self.countries.get(iso3) if iso3 else None

    def armed_owner(self, tok: Token) -> list[str]:
        """The country whose arms or armed men `tok` heads: "Russian missiles", "Israeli strikes"."""
        if tok.lemma_.lower() not in ARMED_NOUNS:
            return []
        return [
            e
            for c in children(tok)
            if c.dep_ in ("amod", "compound") and (e := self.nationality(c)) is not None
        ][:1]

    def descriptor_group(self, tok: Token, named: list[str]) -> str | None:
        """The armed group an unnamed phrase like "opposition forces" stands for: the article's only
        armed group not in `named` (the parties beside it), or None when that is not one group."""
        words = {tok.lemma_.lower()} | {
            c.lemma_.lower() for c in children(tok) if c.dep_ in ("compound", "amod")
        }
        if tok.i in self.by_token or words.isdisjoint(GROUP_DESCRIPTORS):
            return None
        left = [e for e in self.armed_groups if e not in named]
        return left[0] if len(left) == 1 else None

    def is_place(self, entity_id: str) -> bool:
        ent = self.entities[entity_id]
        return ent.type in PLACE_TYPES and (ent.geonameid is not None or ent.kind in (None, "place"))


@dataclass
class Roles:
    """What the parse gives for one trigger."""

    actors: list[str] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    host: str | None = None
    location: Location | None = None


def np_entities(tok: Token, index: ArgIndex, depth: int = 0) -> list[str]:
    """The entities a noun phrase headed by `tok` names, coordinations expanded."""
    if depth > MAX_DEPTH:
        return []
    found: list[str] = []
    if tok.i in index.by_token:
        found.append(index.by_token[tok.i])
    elif tok.lower_ in RELATIVE_PRONOUNS:
        found.extend(_antecedent(tok, index, depth))
    else:
        for child in children(tok):
            if child.dep_ in ("compound", "poss", "amod", "nmod", "appos") and child.i in index.by_token:
                found.append(index.by_token[child.i])
                break
            if child.dep_ == "prep" and child.lower_ in GROUP_PREPS:
                found.extend(
                    e for g in children(child) if g.dep_ == "pobj" for e in np_entities(g, index, depth + 1)
                )
        if not found:
            found.extend(index.armed_owner(tok))  # "Russian missiles": Russia
        if not found and (group := index.descriptor_group(tok, [])) is not None:
            found.append(group)  # "the rebels" in an article about one armed group
    for child in children(tok):  # "the delegation led by Amir Khan Mutaqqi": the leader is a party too
        if child.dep_ == "acl":
            found.extend(
                e
                for a in children(child)
                if a.dep_ == "agent"
                for g in children(a)
                for e in np_entities(g, index, depth + 1)
            )
    for child in children(tok):
        if child.dep_ in ("conj", "appos") and not (child.dep_ == "appos" and found):
            found.extend(np_entities(child, index, depth + 1))
            if child.dep_ == "conj" and (group := index.descriptor_group(child, found)) is not None:
                found.append(group)  # "Afghanistan's authorities and opposition forces"
        elif child.dep_ == "appos":  # "A, the leader of X, and B": the parser may hang B off the apposition
            found.extend(
                e for g in children(child) if g.dep_ == "conj" for e in np_entities(g, index, depth + 1)
            )
        if child.dep_ == "preconj":
            continue
    return _unique(found)


def _antecedent(pronoun: Token, index: ArgIndex, depth: int) -> list[str]:
    clause = pronoun.head
    if clause.dep_ != "relcl":
        return []
    noun = _agreeing_noun(clause)
    named: list[str] = []
    if noun.dep_ == "attr":  # "NRF remained the only group (led by M) who ...": the subject is meant
        named = [
            e
            for s in children(noun.head)
            if s.dep_ in ("nsubj", "nsubjpass")
            for e in np_entities(s, index, depth + 1)
        ]
    named = named or np_entities(noun, index, depth + 1)
    if not named and noun.dep_ == "appos":  # "NRF (NRF), the only group who": the entity before the comma
        before = [i for i in range(noun.head.left_edge.i, noun.i) if i in index.by_token]
        named = [index.by_token[before[-1]]] if before else []
    if not named and noun.dep_ in ("attr", "appos"):
        subject = [c for c in children(noun.head) if c.dep_ in ("nsubj", "nsubjpass")]
        named = (
            [e for s in subject for e in np_entities(s, index, depth + 1)]
            if noun.dep_ == "attr"
            else np_entities(noun.head, index, depth + 1)
        )
    return named


def _agreeing_noun(clause: Token) -> Token:
    """The noun a relative clause is about: the parser's head, unless a plural verb ('who are') hangs
    off a singular name, when the nearest collective or plural noun above it is meant."""
    noun = clause.head
    plural = any(t.lower_ in ("are", "were") for t in [clause, *children(clause)])
    if not plural or noun.tag_ != "NNP":
        return noun
    for above in noun.ancestors:
        if above.tag_ == "NNS" or above.lemma_.lower() in COLLECTIVES:
            return above
    return noun


def subject_entities(verb: Token, index: ArgIndex) -> list[str]:
    """The agent of a verb: its subject, the `by` agent of a passive, or its governing verb's subject (its
    object for an infinitive it governs after one: `_object_controller`)."""
    node: Token | None = verb
    for _ in range(MAX_DEPTH + 1):
        if node is None:
            return []
        subjects = [c for c in children(node) if c.dep_ == "nsubj"]
        if len(subjects) > 1:
            # a dateline the parser reads as a second subject ("ALGIERS, Algeria - Police have arrested"):
            # the subject nearest the verb that names a party is its agent
            at = node.i
            subjects.sort(key=lambda c: abs(at - c.i))
            return next((found for c in subjects if (found := np_entities(c, index))), [])
        for child in children(node):
            if child.dep_ == "nsubj":
                return np_entities(child, index)
            if child.dep_ == "agent":
                return [e for g in children(child) for e in np_entities(g, index)]
        if node.dep_ == "xcomp" and (controller := _object_controller(node)) is not None:
            return np_entities(controller, index)  # "prompting Taipei to put its forces on alert"
        if node.dep_ in ("xcomp", "acomp", "advcl", "conj", "pcomp") and node.head.i != node.i:
            node = node.head
        elif node.dep_ in ("relcl", "acl"):
            return np_entities(node.head, index)
        else:
            return []
    return []


def _object_controller(clause: Token) -> Token | None:
    """The object of the verb an infinitive hangs off, which does the infinitive's act ("urged Iran to
    release", "prompting Taipei to put its forces on alert"): object control, not the governing verb's
    subject. None when that verb has no object before the clause, or is a verb of motion, whose infinitive
    tells the purpose of its subject's trip ("had left Kabul for Moscow to meet Ahmad Massoud")."""
    if clause.head.lemma_.lower() in MOTION_VERBS:
        return None
    return next((c for c in children(clause.head) if c.dep_ == "dobj" and c.i < clause.i), None)


def party_entities(tok: Token, index: ArgIndex) -> tuple[dict[str, list[str]], Location | None]:
    """Entities around `tok` by how they attach ("obj" for objects, else the preposition), and its place."""
    parties: dict[str, list[str]] = {}
    location = None
    for child in children(tok):
        preposition = child.dep_ == "prep" or (
            child.dep_ == "dative" and child.pos_ == "ADP"
        )  # "send tanks to"
        if child.dep_ in ("dobj", "nsubjpass", "dative", "attr") and tok.pos_ != "NOUN" and not preposition:
            parties.setdefault("obj", []).extend(np_entities(child, index))
        elif child.dep_ == "agent":
            parties.setdefault("by", []).extend(e for g in children(child) for e in np_entities(g, index))
        elif preposition:
            for obj in (g for g in children(child) if g.dep_ == "pobj"):
                if child.lower_ == "with" and (child.i > 0 and child.doc[child.i - 1].text == ","):
                    continue  # ", with members of the NRF gathering in ...": an absolute clause of its own
                named = np_entities(obj, index)
                places = [e for e in named if index.is_place(e)]
                if (
                    child.lower_ == "at"
                    and places
                    and all(is_country_entity(index.entities[e]) for e in places)
                ):
                    parties.setdefault(AIMED_AT, []).extend(named)  # "fired rockets at Israel": a target
                elif child.lower_ in PLACE_PREPS and places:
                    location = location or make_location(obj, places[0], index)
                else:
                    parties.setdefault(child.lower_, []).extend(named)
    return parties, location


def _pick(parties: dict[str, list[str]], keys: frozenset[str] | tuple[str, ...]) -> list[str]:
    return [e for key, named in parties.items() if key in keys for e in named]


def make_location(obj: Token, entity_id: str, index: ArgIndex) -> Location:
    """A Location for the place entity named by the phrase headed by `obj` (the phrase as text)."""
    ent = index.entities[entity_id]
    span = obj.doc[obj.left_edge.i : obj.right_edge.i + 1]
    return Location(text=span.text, name=ent.name, country=ent.country, geonameid=ent.geonameid)


def roles_for(trigger: Token, index: ArgIndex) -> Roles:
    """Actors, recipients, host and location of the event at `trigger`."""
    roles = Roles()
    lemma = trigger.lemma_.lower()
    parties, roles.location = party_entities(trigger, index)
    others = _pick(parties, PARTY_PREPS | {"obj", AIMED_AT})
    if trigger.pos_ == "NOUN":
        _noun_roles(trigger, index, roles, parties, others)
    else:
        _verb_roles(trigger, index, roles, parties, others)
    _place_or_party(trigger, index, roles)
    if roles.host is None and lemma in MUTUAL_LEMMAS:
        roles.host = _named_host(trigger, index)
        if roles.host is not None:
            roles.actors = [e for e in roles.actors if e != roles.host]
            roles.recipients = _unique([*roles.recipients, roles.host])  # PLOVER: the host is a recipient
    return roles


def _noun_roles(trigger: Token, index: ArgIndex, roles: Roles, parties: dict[str, list[str]],
                others: list[str]) -> None:
    """Roles of an event noun: its owner ("Israeli strikes"), the subject of its light verb ("held
    talks"), 'by' and 'of' phrases by the noun's kind; the location from the noun's or its governor's
    subtree."""
    lemma = trigger.lemma_.lower()
    owner = [
        e
        for c in children(trigger)
        if c.dep_ in ("poss", "compound", "amod")
        for e in np_entities(c, index)
    ] or index.armed_owner(trigger)  # "Israeli strikes killed"
    light = (
        trigger.head
        if trigger.dep_ in ("dobj", "attr") and trigger.head.lemma_.lower() in LIGHT_VERBS
        else None
    )
    subject = subject_entities(light, index) if light is not None else []
    taker = _pick(parties, ("to",)) if lemma in CONQUEST_NOUNS else []
    others = [e for e in others if e not in taker]
    doers = _pick(parties, ("of",)) if lemma in AGENTIVE_OF else []
    agents = owner + taker + _pick(parties, ("by",)) + doers
    patients = [] if lemma in AGENTIVE_OF else _pick(parties, ("of",))
    if light is not None and light.lemma_.lower() in HOST_VERBS:
        roles.host = subject[0] if subject else None
        roles.actors, roles.recipients = _unique(agents + others), subject
    elif lemma in MUTUAL_LEMMAS:
        roles.actors = _unique(subject + agents + others + _mutual_in_subtree(trigger, index))
    else:
        roles.actors, roles.recipients = _unique(subject + agents), _unique(others + patients)
    if roles.location is None:
        governor = (
            light
            if light is not None
            else (trigger.head if trigger.dep_ in ("nsubj", "nsubjpass") else None)
        )
        roles.location = _place_in_subtree(trigger, index) or (
            _place_in_subtree(governor, index) if governor is not None else None
        )


def _verb_roles(trigger: Token, index: ArgIndex, roles: Roles, parties: dict[str, list[str]],
                others: list[str]) -> None:
    """Roles of an event verb: its subject acts (a host receives what it hosts), its objects receive."""
    lemma = trigger.lemma_.lower()
    subject = subject_entities(trigger, index)
    if lemma in HOST_VERBS:
        inner = [e for c in children(trigger) if c.dep_ == "dobj" for e in _inner_parties(c, index)]
        roles.host = subject[0] if subject else None
        roles.actors, roles.recipients = _unique(inner or others), subject
    elif lemma in MUTUAL_LEMMAS:
        roles.actors = _unique(subject + others)
    else:
        roles.actors = _unique(subject + _pick(parties, ("by",)))
        roles.recipients = others or _object_targets(trigger, index)


def transfer_recipients(verb: Token, index: ArgIndex) -> list[str]:
    """The parties a verb of transfer gives its object to, when the parse hangs the "to" phrase inside the
    object ("returned 12 skulls that date back to A.D. 640 to Peru", "returned a manuscript, missing since
    1943, to Venafro"): CAMEO reads the target of such verbs in the verb phrase after the object (PETRARCH's
    "RETURN * ARTWORK [0842]", "SEND * AID [070]" take the recipient where the phrase names one). The last
    "to" phrase after the object's head that names a party; none when the verb has its own "to" phrase."""
    if verb.pos_ != "VERB" or any(c.dep_ in ("prep", "dative") and c.lower_ == "to" for c in children(verb)):
        return []
    for obj in (c for c in children(verb) if c.dep_ == "dobj"):
        phrases = [t for t in obj.subtree if t.dep_ == "prep" and t.lower_ == "to" and t.i > obj.i]
        for prep in reversed(phrases):
            named = [e for g in children(prep) if g.dep_ == "pobj" for e in np_entities(g, index)]
            if named:
                return _unique(named)
    return []


def _object_targets(verb: Token, index: ArgIndex) -> list[str]:
    """The parties a verb's object names as the one it bears on, when the verb names none itself: "lifted
    its embargo against Libya", "lift the ban on Cypriot ships" (CAMEO's patterns read such an object
    and its phrase as the verb's: "LIFT * EMBARGO")."""
    objects = [c for c in children(verb) if c.dep_ == "dobj"]
    return _unique([e for g in object_targets(objects) for e in np_entities(g, index)])


def object_targets(objects: Iterable[Token]) -> list[Token]:
    """The heads of the phrases by which common-noun objects name whom an act bears on: "the ban on
    [journalists]", "the embargo against [Libya]", in order."""
    return [
        g
        for o in objects
        if o.pos_ == "NOUN"
        for c in children(o)
        if c.dep_ == "prep" and c.lower_ in OBJECT_TARGET_PREPS
        for g in children(c)
        if g.dep_ == "pobj"
    ]


def _place_or_party(trigger: Token, index: ArgIndex, roles: Roles) -> None:
    """The location from the objects or a destination when none yet; places acted on become the
    location, and only parties stay actors and recipients."""
    if roles.location is None and trigger.pos_ != "NOUN":  # "met Muttaqi in Moscow" parsed under the object
        objects = [c for c in children(trigger) if c.dep_ == "dobj"]
        roles.location = next((p for o in objects if (p := _place_in_subtree(o, index))), None)
    if roles.location is None:
        roles.location = _destination(trigger, index)
    places = [
        e for e in roles.recipients if _is_pure_place(e, index) and not is_country_entity(index.entities[e])
    ]
    if places and roles.location is None:  # "the fall of Kabul": a place acted on is where it happened
        roles.location = _location_of(places[0], trigger, index)
    roles.recipients = [  # a country acted on is a party ("condemned the United States"), a city a place
        e
        for e in roles.recipients
        if e not in roles.actors
        and not _only_place(e, roles, index)
        and (e not in places or roles.location is None or roles.location.name != index.entities[e].name)
        and (is_country_entity(index.entities[e]) or not _is_pure_place(e, index))
    ]
    roles.actors = [e for e in roles.actors if not _only_place(e, roles, index)]
    roles.actors = [e for e in roles.actors if index.entities[e].type in PARTY_TYPES]
    roles.recipients = [e for e in roles.recipients if index.entities[e].type in PARTY_TYPES]


def _named_host(trigger: Token, index: ArgIndex) -> str | None:
    """The host a meeting names without a hosting verb of its own: "talks hosted by Qatar", "talks in
    China's capital" (the country whose capital it is)."""
    for child in children(trigger):
        if child.dep_ == "acl" and child.lemma_.lower() in HOST_VERBS:
            named = [
                e
                for a in children(child)
                if a.dep_ == "agent"
                for g in children(a)
                for e in np_entities(g, index)
            ]
            if named:
                return named[0]
    for prep in children(trigger):
        if prep.dep_ != "prep" or prep.lower_ not in PLACE_PREPS:
            continue
        for obj in children(prep):
            if obj.dep_ == "pobj" and obj.lemma_.lower() == "capital":
                owners = [
                    index.by_token[c.i] for c in children(obj) if c.dep_ == "poss" and c.i in index.by_token
                ]
                if owners and is_country_entity(index.entities[owners[0]]):
                    return owners[0]
    return None


def is_country_entity(entity: Entity) -> bool:
    """Whether an entity is a whole country: its name is one (`is_country`), or the gazetteer placed it at
    its country's own entry ("Russia", "Turkey", "Ankara" read as Turkey's government), which pycountry's
    current names miss (it lists "Russian Federation", "Türkiye", no "Britain")."""
    return is_country(entity.name) or is_country_entry(entity.country, entity.geonameid)


@lru_cache(maxsize=4096)
def is_country(name: str) -> bool:
    """Whether a place name is a whole country ("United States"): a polity, so a party to events."""
    try:
        pycountry.countries.lookup(name)
    except LookupError:
        return False
    return True


def _is_pure_place(entity_id: str, index: ArgIndex) -> bool:
    ent = index.entities[entity_id]
    return ent.type in PLACE_TYPES and ent.kind in (None, "place")


def _location_of(entity_id: str, near: Token, index: ArgIndex) -> Location | None:
    """The Location of a place entity, its text the mention nearest `near`."""
    ent = index.entities[entity_id]
    if not ent.mentions:
        return None
    mention = min(ent.mentions, key=lambda m: abs(m.start - near.idx))
    return Location(text=mention.text, name=ent.name, country=ent.country, geonameid=ent.geonameid)


def _mutual_in_subtree(noun: Token, index: ArgIndex) -> list[str]:
    """'a meeting of A led by B with C and D': the with-parties may hang off any word of the phrase."""
    return [
        e
        for tok in noun.subtree
        if tok.dep_ == "prep" and tok.lower_ in ("with", "between") and tok.head.i != noun.i
        for obj in children(tok)
        if obj.dep_ == "pobj"
        for e in np_entities(obj, index)
    ]


def _place_in_subtree(noun: Token, index: ArgIndex) -> Location | None:
    """'a meeting of A with B, C and D in Tehran': the place may hang off any word of the phrase."""
    for tok in noun.subtree:
        if tok.dep_ == "prep" and tok.lower_ in PLACE_PREPS:
            for obj in (g for g in children(tok) if g.dep_ == "pobj"):
                places = [e for e in np_entities(obj, index) if index.is_place(e)]
                if places:
                    return make_location(obj, places[0], index)
    return None


def _inner_parties(noun: Token, index: ArgIndex) -> list[str]:
    """'meetings between A and B': the parties of an event noun, else the noun's own entities."""
    parties, _ = party_entities(noun, index)
    return _pick(parties, PARTY_PREPS | {"of"}) or np_entities(noun, index)


def _destination(trigger: Token, index: ArgIndex) -> Location | None:
    """Where a purpose event happens: 'left Kabul for Moscow to meet' -> Moscow."""
    head = trigger.head
    if trigger.dep_ not in ("advcl", "xcomp") or head.lemma_.lower() not in MOTION_VERBS:
        return None
    for child in children(head):
        if child.dep_ == "prep" and child.lower_ in ("for", "to", "in"):
            for obj in children(child):
                places = [e for e in np_entities(obj, index) if index.is_place(e)]
                if places:
                    return make_location(obj, places[0], index)
    return None


def _only_place(entity_id: str, roles: Roles, index: ArgIndex) -> bool:
    """A place named as the event's location is not also one of its parties."""
    return (
        roles.location is not None
        and index.is_place(entity_id)
        and index.entities[entity_id].name == roles.location.name
    )


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


def frame_event_location(doc: Doc, ctx: DocContext) -> Location | None:
    """The dateline's place as an event location (source "dateline"), for events whose text names
    none; None when the article has no dateline place or country.

    Args:
        doc: the parsed article (its gazetteer files are stamped on `doc._`).
        ctx: the article's dateline.

    Returns:
        a Location whose `text` is the dateline's place as written (not in the article body).
    """
    dateline = ctx.dateline
    if dateline is None or not (dateline.place or dateline.country):
        return None
    files = doc._.rp_gazetteer_files if Doc.has_extension("rp_gazetteer_files") else ()
    place = frame_location(dateline, load_gazetteer(tuple(files)))
    if place is None:
        return None
    text = dateline.place if dateline.place and not place.is_country else (dateline.country or place.name)
    return Location(text=text, name=place.name, country=place.country, geonameid=place.geonameid,
                    source="dateline")
