"""Event nouns the trigger lexicon does not list, read through the verb WordNet derives them from.

CAMEO's verb dictionary codes verbs; news often tells the act as a noun under a light verb: "launched an
investigation into", "held bilateral discussions with", "imposed blockades on", "carried out a raid".
WordNet links such a noun to its verb ("investigation" -> "investigate", derivationally related forms), and
the dictionary codes the verb (INVESTIGATE 090). The noun then reads as the verb would by default. Only a
noun a light verb takes as its object (`LIGHT_VERBS`: the verb lends the noun its subject) and only the
noun's first (most frequent) sense: "a study of the market" or "the raid on the fridge" in other frames are
left alone.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from reportedly.extract import wordnet
from reportedly.extract.events.arguments import LIGHT_VERBS
from reportedly.extract.events.triggers import VERB_OVERRIDES, TriggerMatch, load_lexicon, to_plover

# Light verbs that decide rather than do ("made a decision", "had a discussion" are kept by "have"): the
# noun after them names no act of their subject's.
NOT_LENDING = frozenset({"make", "have", "follow", "attend"})


def nominal_match(noun: Token) -> TriggerMatch | None:
    """The lexicon's default reading of the verb an event noun derives from, when a light verb governs the
    noun ("launched an investigation": INVESTIGATE 090); None otherwise."""
    if noun.pos_ != "NOUN" or noun.dep_ != "dobj":
        return None
    light = noun.head.lemma_.lower()
    if light not in LIGHT_VERBS or light in NOT_LENDING:
        return None
    for code in derived_verb_codes(noun.lemma_.lower()):
        plover = to_plover(code)
        if code and plover is not None:
            return TriggerMatch(cameo=code, type=plover[0], mode=plover[1], specific=False)
    return None


def derived_verb_codes(noun: str) -> Iterator[str | None]:
    """The lexicon's default code of each verb the noun lemma `noun` derives from in its first WordNet
    sense ("mediation": mediate 045), in WordNet's order; an override wins, and a blank override ("")
    or a verb the lexicon lacks (None) is no code: "leader" reads no "lead" 060."""
    verbs = load_lexicon()["verbs"]
    for lemma, pos in wordnet.derivations(noun, "n", senses=1):
        if pos != "v":
            continue
        entry = verbs.get(lemma)
        yield VERB_OVERRIDES[lemma] if lemma in VERB_OVERRIDES else (entry[0] if entry else None)
