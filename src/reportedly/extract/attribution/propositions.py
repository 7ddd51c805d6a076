"""Whether a verb's direct object is a proposition (a claim or an event), not a person or a thing.

"denied the meeting", "confirmed the report", "denied wrongdoing": the object stands for something
that is or is not the case, so it can be what a speaker is credited with. "denied the visitors",
"wrote his memoir", "posted a video": a person, a team or a thing, no claim. Checked for the verbs
of saying whose object must be such a proposition (`PROPOSITION_OBJECT_VERBS`); the verbs of judging
("criticized Trump", "endorsed Clinton") keep any object, as PolNeAR annotates them.
"""

from __future__ import annotations

from spacy.tokens import Token


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Verbs of saying whose object is content only when it is a proposition.
PROPOSITION_OBJECT_VERBS = _words("""
deny confirm post tweet announce reveal disclose report acknowledge admit refute rebut
""")
# "write" is left out: PolNeAR annotates a written work as what its author is credited with
# ("wrote his book"), and its dev gate must not fall.
# Nouns that stand for a claim or an event without a derivational suffix saying so.
CLAIM_NOUNS = _words("""
report claim charge rumor rumour story news allegation accusation meeting talk talks deal plan
visit attack strike raid death killing role involvement presence responsibility existence link
links contact contacts tie ties idea notion view theory premise fact truth lie account offer
demand request bid move step decision ban rule law policy change shift split rift cut hike increase
rise fall drop loss win victory defeat result outcome figure figures number numbers data estimate
breach leak hack wrongdoing guilt blame fault mistake error failure problem crisis threat danger
risk possibility likelihood chance speculation suggestion plot scheme coup war ceasefire truce
agreement arrest detention release sale purchase merger takeover layoff closure resignation
appointment nomination candidacy bid exit withdrawal deployment pick choice battle fight struggle
gap gulf divide difference
""")
# Suffixes of nouns made from verbs or adjectives: events, acts and states ("the invasion").
EVENT_SUFFIXES = ("tion", "sion", "ment", "ance", "ence", "ing", "sis", "ure", "ity", "ness", "al", "age")
# Pronouns that can stand for a claim: "denied it", "confirmed this".
CLAIM_PRONOUNS = frozenset(
    {"it", "this", "that", "these", "those", "everything", "anything", "nothing", "something"}
)
# Entity types that name a person, a group or a place: never a proposition by themselves.
NAME_TYPES = frozenset({"PERSON", "NORP", "ORG", "GPE", "LOC", "FAC", "PRODUCT", "WORK_OF_ART"})
# Dependents that make an object a proposition: "reports of a meeting", "the claim that ...".
PROPOSITION_DEPS = frozenset({"acl", "relcl", "ccomp", "prep"})


def is_proposition(obj: Token) -> bool:
    """True when the direct object `obj` stands for a claim or an event (module docstring)."""
    if obj.pos_ == "PRON":
        return obj.lower_ in CLAIM_PRONOUNS
    if obj.ent_type_ in NAME_TYPES:
        return False
    if any(c.dep_ in PROPOSITION_DEPS for c in obj.children):
        return True
    lemma = obj.lemma_.lower()
    return lemma in CLAIM_NOUNS or obj.lower_ in CLAIM_NOUNS or lemma.endswith(EVENT_SUFFIXES)
