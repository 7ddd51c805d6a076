"""Places the parser typed as a person, an organization or a people ("Djibo" ORG, "Kyauk Kan" PERSON,
"Kinmen" NORP): an entity whose every mention is a place name, with the place reading supported and no
person evidence, becomes a place (GPE) with its country, so that it is coded as CAMEO codes a place: by
its country (issue 13).

An entity is retyped only when all of these hold:
- every mention of it is a name (no pronoun or "the group" resolved to it: a pronoun's antecedent is a
  person or a body) of at most `MAX_WORDS` words, and either resolves to a place by exact lookup
  (`places.resolve_place`: a country's region, a city of the geonames lists, with the article's
  countries to settle ambiguous names) or stands before a noun whose first senses are places in
  WordNet ("Kyauk Kan village": its country then is the one country the article names);
- the place reading is supported: one mention is a place's conjunct ("Seville and Córdoba"), follows a
  locative preposition ("in Djibo") or a place noun ("the town of Djibo"), or every mention precedes a
  place noun (a settlement, district or island in WordNet), or (for an organization or a people, not a
  person: towns are named after people, "Raleigh" in a US story) the name is a gazetteer region of a
  country the article names ("Kinmen") or a city of it of `CONTEXT_CITY_POPULATION` ("Seville" in
  Spain); a person's name WordNet knows as a person's stays his;
- no mention carries person evidence: a courtesy title or a person noun right before it ("Mr. Paris",
  "striker Jordan"), a verb of communication or cognition it is the subject of ("Jordan said"), a person
  or role noun it modifies ("Everton manager": a club's), and no other person's name of the article
  holds it ("Paris" beside "Paris Hilton").
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from spacy.tokens import Doc, Token

from reportedly.extract.entities.clusters import Cluster
from reportedly.extract.entities.mentions import Mention
from reportedly.extract.names import HONORIFICS, usually_a_person
from reportedly.extract.places import Place, country_of_adjective, resolve_place
from reportedly.gazetteer import Gazetteer

# The types a parser gives places by mistake (OntoNotes' PERSON, ORG, NORP).
MISTYPED = frozenset({"PERSON", "ORG", "NORP"})
# A place name has at most this many words ("Kyauk Kan", "Borno State"); longer spans are titles or bodies.
MAX_WORDS = 3
# A city of the article's country this large is a place by its name alone (not for a person's name):
# smaller towns share their names with companies and people (as places.ALT_MIN_POPULATION says).
CONTEXT_CITY_POPULATION = 100_000
# Prepositions before a name that read it as a place: "in Djibo", "near Kinmen".
LOCATIVE = frozenset({"in", "at", "near", "outside", "around", "across", "inside", "throughout", "towards"})
# WordNet senses of a noun read to make it a place noun ("village", "town", "district"): its first two,
# under one of these hypernyms (a settlement, an administrative district, an island; not any
# noun.location: "the Oprah empire", "the Sony dump").
PLACE_NOUN_SENSES = 2
PLACE_NOUN_ANCESTORS = ("settlement", "administrative_district", "island")
# The labels of places, whose conjunct is read as a place too ("Seville and Córdoba").
PLACE_LABELS = frozenset({"GPE", "LOC"})
# Verb classes whose subject is a person (or a body): "Jordan said", "Paris believes".
PERSON_VERB_CLASSES = frozenset({"verb.communication", "verb.cognition"})
SUBJECTS = frozenset({"nsubj", "nsubjpass"})
# Courtesy titles (names.HONORIFICS holds the folded honorifics; these are the forms written before a name).
COURTESY = frozenset({"mr", "mrs", "ms", "miss", "dr", "sir", "madam", "lady", "lord"})
# The words before a name that make it a person's, dots dropped ("Mr.", "Gen."): built once, not per cluster.
TITLES = frozenset(h.casefold().rstrip(".") for h in HONORIFICS) | COURTESY


def retype_places(doc: Doc, clusters: list[Cluster], gaz: Gazetteer) -> list[Cluster]:
    """The clusters, with those that are places mistyped (see the module docstring) retyped GPE.

    Args:
        doc: the parsed article.
        clusters: the article's entity clusters, references resolved.
        gaz: the gazetteer (countries, regions).

    Returns:
        a new list in the same order; a retyped cluster is replaced by a GPE cluster whose mentions carry
        the place (the list passed in is left as it was).
    """
    context = frozenset(
        c.kb[4:] for c in clusters if c.kb and c.kb.startswith("cty:")
    ) | frozenset(m.place.country for c in clusters for m in c.mentions if m.place and m.place.country)
    person_names = [m.text for c in clusters if c.label == "PERSON" for m in c.mentions if m.how == "name"]
    place_tokens = {i for c in clusters if c.label in PLACE_LABELS for m in c.mentions
                    for i in range(m.tok_start, m.tok_end)}
    out = list(clusters)
    # organizations and peoples first: a person's name is read as a place beside them ("Seville and Córdoba")
    for at in sorted(range(len(out)), key=lambda i: out[i].label == "PERSON"):
        cluster = out[at]
        place = _place_of(doc, cluster, gaz, context, person_names, place_tokens)
        if place is not None:
            out[at] = Cluster("GPE", None, [dataclasses.replace(m, label="GPE", place=place, kb=None)
                                            for m in cluster.mentions])
            place_tokens |= {i for m in cluster.mentions for i in range(m.tok_start, m.tok_end)}
    return out


def _place_of(doc: Doc, cluster: Cluster, gaz: Gazetteer, context: frozenset[str],
              person_names: list[str], place_tokens: set[int]) -> Place | None:
    """The place a mistyped cluster names, or None when it is no place by the module's rules."""
    if cluster.label not in MISTYPED or cluster.kb or not cluster.mentions:
        return None
    mentions = cluster.mentions
    if any(m.how != "name" or len(m.text.split()) > MAX_WORDS for m in mentions):
        return None
    texts = {m.text for m in mentions}
    if not all(w[:1].isupper() for t in texts for w in t.split()):
        return None  # a place's name is capitalized ("communist country" is no place)
    if any(country_of_adjective(t, gaz) for t in texts):
        return None  # a nationality word ("Afghan") is an attribute, read in mentions.py
    places = [resolve_place(t, gaz, context) for t in sorted(texts)]
    named = next((p for p in places if p is not None and p.country), None)
    noun_after = all(_place_noun(_token_after(doc, m)) for m in mentions)
    if named is None and not (noun_after and len(context) == 1):
        return None
    if any(p is None for p in places) and not noun_after:
        return None  # one of its names is no place
    if _person_evidence(doc, mentions, person_names):
        return None
    if named is not None:
        located = noun_after or any(_located(doc, m, place_tokens) for m in mentions)
        if cluster.label == "PERSON":
            # towns are named after people ("Lincoln", "Madison" in a US story): a person's name needs its
            # syntax to read as a place, and one WordNet knows as a person's stays one
            return named if located and not _person_word(texts) else None
        # a town's name in the article's country is no place by itself ("expects Holt to insert himself"):
        # a region or a city of it is ("the Kinmen islands" in a story naming Taiwan, "Seville" in Spain)
        large = named.is_region or named.population >= CONTEXT_CITY_POPULATION
        in_context = named.country in context and large
        return named if located or in_context else None
    (country,) = context  # "Kyauk Kan village" in an article naming only Myanmar
    name = max(texts, key=len)
    return Place(name, country, None)


def _person_word(texts: Iterable[str]) -> bool:
    """Whether WordNet's first sense of one of the names is a person ("Lincoln", "Jordan" the player is
    not: its first sense is the river)."""
    return any(usually_a_person(t) for t in texts)


def _token_after(doc: Doc, m: Mention) -> Token | None:
    return doc[m.tok_end] if m.tok_end < len(doc) else None


def _token_before(doc: Doc, m: Mention) -> Token | None:
    return doc[m.tok_start - 1] if m.tok_start > 0 else None


def _place_noun(token: Token | None) -> bool:
    """Whether a token is a lowercase noun whose first senses are places in WordNet ("village", "town",
    "islands")."""
    from reportedly.extract import wordnet

    if token is None or not token.text[:1].islower() or token.pos_ not in ("NOUN", "PROPN"):
        return False
    if token.dep_ == "compound" or not wordnet.available():
        return False  # "the BET town hall": the noun modifies another, a hall, not a town
    word = wordnet.noun_form(token.lemma_.lower() or token.lower_)
    return wordnet.is_a(word, "n", PLACE_NOUN_ANCESTORS, senses=PLACE_NOUN_SENSES)


def _located(doc: Doc, m: Mention, place_tokens: set[int]) -> bool:
    """Whether a mention reads as a place by its syntax: conjoined with a place ("Seville and Córdoba"),
    after a locative preposition ("in Djibo") or after a place noun and "of" ("the town of Djibo")."""
    root = doc[m.tok_start : m.tok_end].root
    conjuncts = [root.head] if root.dep_ == "conj" else []
    conjuncts += [c for c in root.children if c.dep_ == "conj"]
    if any(c.i in place_tokens for c in conjuncts):
        return True  # "Seville and Córdoba": a place's conjunct
    before = _token_before(doc, m)
    if before is None:
        return False
    if before.lower_ in LOCATIVE:
        return True
    return before.lower_ == "of" and before.i > 0 and _place_noun(doc[before.i - 1])


def _person_evidence(doc: Doc, mentions: Iterable[Mention], person_names: list[str]) -> bool:
    """Whether any mention reads as a person's or a body's name (see the module docstring)."""
    from reportedly.extract import wordnet

    for m in mentions:
        if any(m.text != name and m.text in name.split() for name in person_names):
            return True  # "Paris" beside "Paris Hilton"
        before = _token_before(doc, m)
        if before is not None and before.lower_.rstrip(".") in TITLES:
            return True
        if before is not None and before.text[:1].islower() and _person_noun(before):
            return True  # "striker Jordan"
        root = doc[m.tok_start : m.tok_end].root
        head = root.head
        if root.dep_ in SUBJECTS and head.pos_ in ("VERB", "AUX") and wordnet.available() \
                and wordnet.usual_class(head.lemma_.lower() or head.lower_, "v") in PERSON_VERB_CLASSES:
            return True  # "Jordan said"
        after = _token_after(doc, m)
        if after is not None and _person_noun(after):
            return True  # "Everton manager": a club's, not a town's
    return False


def _person_noun(token: Token) -> bool:
    """Whether a token is a common noun whose first WordNet sense is a person ("manager", "striker")."""
    return token.pos_ == "NOUN" and usually_a_person(token.lemma_.lower() or token.lower_)
