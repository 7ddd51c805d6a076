"""Whether a verb's direct object is a proposition (a claim or an event), not a person or a thing.

"denied the meeting", "confirmed the report", "denied wrongdoing": the object stands for something
that is or is not the case, so it can be what a speaker is credited with. "denied the visitors",
"posted his memoir", "posted a video": a person, a team or a thing, no claim. Checked for the verbs
of saying whose object must be such a proposition (`PROPOSITION_OBJECT_VERBS`); the verbs of judging
("criticized Trump", "endorsed Clinton") keep any object, as PolNeAR annotates them, except that a
verb of naming needs its predicate ("branded North Korea" alone says nothing) and a verb of
repeating words has no person for content ("echoing Mr. Putin": Putin is the words' source).

What a noun stands for comes from WordNet 3.0 (extract/wordnet.py), not from a list of words: a
noun is a proposition when one of its two most frequent senses is an act, an event, a state, a
thought or another abstraction of what happens or holds (`PROPOSITION_CLASSES`), or a communication
that carries a message or is an act of communicating (a claim, an allegation, news, a report as
informing, an offer, talks), a document (a ban, a law) or an amount stated. A communication that
is a work or a medium (a memoir, a book, a video, an address) is a thing made; a person, a group,
an artifact or an object is no claim. A gerund whose stem is a verb ("the signing of the
striker") is an event. Nouns WordNet lacks fall back on derivational suffixes.

The same holds for a preposition's object and for what an object is (issue 14's unseen news): a
person is no claim ("referring to the star witnesses", `is_party`), nor a bare number ("Hillis added
101", `is_bare_value`), nor the finder himself ("found himself sprawled").
"""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Token

from reportedly.extract import wordnet
from reportedly.extract.attribution.speakers import SPEAKER_CLASSES
from reportedly.extract.cues import FINDING_VERBS
from reportedly.nlp.doctext import children


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Verbs of saying whose object is content only when it is a proposition.
PROPOSITION_OBJECT_VERBS = _words("""
deny confirm post tweet announce reveal disclose report acknowledge admit refute rebut write claim
""")
# "claim" is one: "claimed victory", "claimed responsibility for the attack" are said; "claimed the
# final spot on the podium" is won (issue 14's unseen-news sample).
# Verbs of naming: they credit a predicate about their object ("branded North Korea an outlaw
# nation", "labelled the candidate unfit", "characterized Kaine as ..."); a bare object that is no
# proposition ("branded North Korea") carries no claim.
NAMING_VERBS = _words("label brand characterize characterise dub term")
# Reflexive pronouns: an object that is the subject itself ("calling itself ...").
REFLEXIVE_PRONOUNS = frozenset({"itself", "himself", "herself", "themselves", "themself", "oneself"})
# Dependents of a naming verb that carry its predicate: an object predicate, "as ...", a clause.
PREDICATE_DEPS = frozenset({"oprd", "xcomp", "ccomp", "acomp", "advcl"})
# Verbs of repeating another's words: a person or group as their object is the words' source, not
# what is said ("echoing Mr. Putin", "citing officials", "quoted the minister").
REPEATING_VERBS = _words("echo cite quote repeat paraphrase")
# "write" is one of them: "wrote his memoir", "wrote a novel", "wrote an article about the scandal"
# credit a work, no claim a quote tracker counts (issue 14), while "wrote a letter to the mayor" (a
# message), "wrote that ..." and a quotation stay. PolNeAR annotates a written work as what its author
# is credited with: dev loses two such contents ("wrote his book", "wrote a memoir of her time").
# WordNet classes of senses that stand for what happens, holds or is thought (lexicographer files).
PROPOSITION_CLASSES = frozenset(
    {
        "noun.act",
        "noun.event",
        "noun.cognition",
        "noun.state",
        "noun.process",
        "noun.phenomenon",
        "noun.attribute",
        "noun.relation",
        "noun.feeling",
        "noun.motive",
        "noun.quantity",  # an amount stated: "announced 20 million euros in aid"
    }
)
# Senses under these hypernyms carry a claim or are something done: a message (a statement, news,
# an allegation) or a psychological feature (every act and event, a speech act or a talk included,
# and every thought).
MESSAGE_ANCESTORS = ("message", "psychological_feature", "document")
# Senses read per noun, most frequent first: "meeting" is a gathering first and an event second.
SENSES = 2
# Classes of a first sense that no second sense redeems: a creature is never a claim ("the goalkeeper").
CREATURE_CLASSES = frozenset({"noun.person", "noun.animal"})
# Suffixes of nouns made from verbs or adjectives, for nouns WordNet lacks: events, acts and states.
EVENT_SUFFIXES = ("tion", "sion", "ment", "ance", "ence", "ing", "sis", "ure", "ity", "ness", "al", "age")
# Pronouns that can stand for a claim: "denied it", "confirmed this".
CLAIM_PRONOUNS = frozenset(
    {"it", "this", "that", "these", "those", "everything", "anything", "nothing", "something"}
)
# Penn tags of a finite verb: one right after an object makes the object a bare clause's subject.
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
# Dependents after an object that predicate something of it (a small clause: "shows Clinton ahead",
# "showing Clinton stumbling", "found him guilty"), and the prepositions that do ("with a lead").
SMALL_CLAUSE_DEPS = frozenset({"acl", "oprd", "xcomp", "ccomp", "acomp", "advmod"})
SMALL_CLAUSE_PREPS = frozenset({"with", "without"})
# Entity types that name a person, a group or a place: never a proposition by themselves.
NAME_TYPES = frozenset({"PERSON", "NORP", "ORG", "GPE", "LOC", "FAC", "PRODUCT", "WORK_OF_ART"})
# Object pronouns that stand for people: a preposition's object that is one of them is no claim.
PERSONAL_OBJECTS = frozenset({"him", "her", "them", "me", "us", "you", "himself", "herself", "themselves"})
# Entity types that name a person or a group: a preposition's object naming one is no claim.
PARTY_TYPES = frozenset({"PERSON", "NORP", "ORG"})
# Dependents that make an object a proposition: "the claim that ...", "reports Russia hosted ...".
PROPOSITION_DEPS = frozenset({"acl", "relcl", "ccomp"})


@lru_cache(maxsize=1)
def _message_synsets() -> frozenset[int]:
    return frozenset(s for word in MESSAGE_ANCESTORS for s in wordnet.synsets(word, "n"))


def _propositional(synset: int) -> bool:
    name = wordnet.lexname(synset)
    if name in PROPOSITION_CLASSES:
        return True
    return name == "noun.communication" and not _message_synsets().isdisjoint(wordnet.hypernyms(synset))


@lru_cache(maxsize=4096)
def noun_is_proposition(word: str) -> bool | None:
    """Whether WordNet reads the noun `word` (a lemma) as a claim or an event; None when it lacks it."""
    senses = wordnet.synsets(word, "n")
    if not senses:
        return None
    if wordnet.lexname(senses[0]) in CREATURE_CLASSES:
        return False
    if any(_propositional(s) for s in senses[:SENSES]):
        return True
    # a gerund: "the signing", "the shelling" (WordNet keeps some only in another sense)
    return word.endswith("ing") and bool(
        wordnet.synsets(word[:-3], "v") or wordnet.synsets(word[:-3] + "e", "v")
    )


# WordNet's own detachment rules for plural nouns (its `morphy`): "taxes" -> "tax", "talks" -> "talk".
PLURAL_ENDINGS = (
    ("s", ""),
    ("ses", "s"),
    ("xes", "x"),
    ("zes", "z"),
    ("ches", "ch"),
    ("shes", "sh"),
    ("ies", "y"),
)


def _singulars(token: Token) -> tuple[str, ...]:
    """A plural noun's singular forms that WordNet knows (spaCy's lemma can err: "taxes" -> "taxis")."""
    if token.tag_ not in ("NNS", "NNPS"):
        return ()
    word = token.lower_
    return tuple(
        word[: -len(end)] + base
        for end, base in PLURAL_ENDINGS
        if word.endswith(end) and wordnet.synsets(word[: -len(end)] + base, "n")
    )


def names_a_source(verb: Token, obj: Token) -> bool:
    """True when a verb of repeating words (REPEATING_VERBS) has a person or a group as its object."""
    if verb.lemma_ not in REPEATING_VERBS:
        return False
    if obj.pos_ == "PRON":
        return obj.lower_ in ("him", "her", "them", "me", "us")
    if obj.ent_type_ in ("PERSON", "ORG", "NORP"):
        return True
    return obj.pos_ == "NOUN" and wordnet.usual_class(obj.lemma_.lower(), "n") in SPEAKER_CLASSES


def names_without_predicate(verb: Token, obj: Token) -> bool:
    """True for a naming verb (NAMING_VERBS) whose object is no proposition and that has no predicate,
    and for a verb whose object is its own subject and whose predicate is a name ("a group calling
    itself Cyber Cedars"): a name taken, no claim. A self-description stays ("portrayed himself as a
    shrewd manipulator", "describes itself as the legitimate administration")."""
    if obj.lower_ in REFLEXIVE_PRONOUNS:
        return any(c.dep_ in ("oprd", "dobj") and c.i > obj.i and c.pos_ == "PROPN" for c in children(verb))
    if verb.lemma_ not in NAMING_VERBS or is_proposition(obj):
        return False
    tails = [c for c in (*children(verb), *children(obj)) if c.i > obj.i]
    return not any(c.dep_ in PREDICATE_DEPS or c.lower_ == "as" for c in tails) and not second_object(
        verb, obj
    )


def second_object(verb: Token, obj: Token) -> Token | None:
    """A naming verb's second object, its predicate as the parser hangs it ("branded X an outlaw nation")."""
    if verb.lemma_ not in NAMING_VERBS:
        return None
    return next((c for c in children(verb) if c.dep_ == "dobj" and c.i > obj.i), None)


def _complement(clause: Token) -> bool:
    """True unless `clause` is a relative clause whose pronoun fills a place in it: "the claim that it
    failed" says what the claim is, "his memoir, which became a bestseller" only says more of a thing
    (a relative clause the parser read for a complement keeps its "that" as a mark)."""
    return clause.dep_ != "relcl" or any(c.dep_ == "mark" for c in children(clause))


def finds_a_thing(verb: Token, obj: Token) -> bool:
    """True for a verb of finding or showing (cues.FINDING_VERBS) whose object is a thing found or
    shown, not a finding: "Police found a note", "identified the suspect", "showed a photo". What is
    found is a claim when WordNet reads the noun as what happens, holds or is thought (an act, event,
    state, thought: "the audit found irregularities", "a poll showed support"), or a clause says it
    ("found evidence that ..."); a message, a document or a work found is a thing, whatever it says.
    The verbs that also take a message for claim ("confirmed the report", "revealed the plan") keep
    the rule of the verbs of saying (`PROPOSITION_OBJECT_VERBS`)."""
    if verb.lemma_ not in FINDING_VERBS or verb.lemma_ in PROPOSITION_OBJECT_VERBS:
        return False
    if obj.lower_ in REFLEXIVE_PRONOUNS:
        return True  # "found himself sprawled on the court": where the subject ended up, no finding
    doc = obj.doc
    after = obj.right_edge.i + 1
    if after < len(doc) and doc[after].tag_ in FINITE_TAGS:
        return False  # the subject of a bare clause the parse broke: "showed the businessman lost $916m"
    for c in (*obj.rights, *(r for r in verb.rights if r.i > obj.i)):
        # a quotation after a colon the parser hangs on the noun ("a note: “...”") is what the
        # thing says, not what was found
        if any(t.is_punct for t in doc[obj.i + 1 : c.left_edge.i + 1]):
            continue
        if (c.dep_ in PROPOSITION_DEPS and _complement(c)) or _predicates(c):
            return False
    if obj.pos_ == "PRON" or obj.ent_type_ in NAME_TYPES:
        return not is_proposition(obj)
    for word in (*_singulars(obj), obj.lemma_.lower(), obj.lower_):
        senses = wordnet.synsets(word, "n")
        if senses:
            if wordnet.lexname(senses[0]) in CREATURE_CLASSES:
                return True
            return not any(wordnet.lexname(s) in PROPOSITION_CLASSES for s in senses[:SENSES])
    return not is_proposition(obj)


def is_party(obj: Token) -> bool:
    """True when a preposition's object `obj` is a person, a group or a creature, never a claim:
    "referring to the star witnesses", "spoke about Mr. Trump", "pointed to them". A name of a person
    or group, a personal pronoun, or a common noun whose most frequent WordNet sense is a person or an
    animal (CREATURE_CLASSES). A clause or a gerund is what it says ("pointed to rising costs"), and
    a person with a predicate is a claim about them ("referred to King as a criminal")."""
    prep = obj.head
    if any(c.lower_ == "as" for c in (*children(prep.head), *children(obj)) if c.i > obj.i):
        return False  # a predicate names the person: "referred to King as a criminal"
    if obj.pos_ == "PRON":
        return obj.lower_ in PERSONAL_OBJECTS
    if obj.ent_type_ in PARTY_TYPES:
        return True
    if obj.pos_ != "NOUN" or obj.ent_type_:
        return False
    for word in (*_singulars(obj), obj.lemma_.lower(), obj.lower_):
        senses = wordnet.synsets(word, "n")
        if senses:
            return wordnet.lexname(senses[0]) in CREATURE_CLASSES
    return False


def is_bare_value(obj: Token) -> bool:
    """True when an object is a bare number: "Hillis added 101" (a score). An amount names its unit
    ("announced 20 million euros"); an adjective the parser reads as object may head a quotation's
    title ("sings “American Skin”") and stays, and so does "one" standing for a noun named before it
    ("disdain for super PACs, ... endorsed one")."""
    if obj.pos_ != "NUM" or obj.lower_ == "one":
        return False
    return not any(c.dep_ in ("prep", "compound") for c in children(obj))


def _predicates(dep: Token) -> bool:
    """A predicate of a verb's object, making object and predicate a small clause: "shows Clinton
    ahead", "shows Clinton with a lead", "showing Clinton stumbling", "found him guilty"."""
    return dep.dep_ in SMALL_CLAUSE_DEPS or (dep.dep_ == "prep" and dep.lower_ in SMALL_CLAUSE_PREPS)


def is_proposition(obj: Token) -> bool:
    """True when the direct object `obj` stands for a claim or an event (module docstring)."""
    if obj.pos_ == "PRON":
        return obj.lower_ in CLAIM_PRONOUNS
    if obj.ent_type_ in NAME_TYPES:
        return False
    if any(c.dep_ in PROPOSITION_DEPS and _complement(c) for c in children(obj)):
        return True
    for word in (*_singulars(obj), obj.lemma_.lower(), obj.lower_):
        known = noun_is_proposition(word)
        if known is not None:
            return known
    # unknown to WordNet: "reports of a meeting" (a prepositional dependent), a derived noun
    return any(c.dep_ == "prep" for c in children(obj)) or obj.lemma_.lower().endswith(EVENT_SUFFIXES)
