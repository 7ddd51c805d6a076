"""Verbs of staying read through the state a verb of placing puts its object in.

The PETRARCH2 verb dictionary codes raising an alert as placing forces in a state: PUT * (ON ALERT) [152],
PLACE * (ON STATE) (OF ALERT) [152] (CAMEO 152 "increase military alert status", PLOVER MOBILIZE). News
tells the state itself: "troops remained on alert", "forces stayed on alert". A verb of WordNet's "remain"
sense ("stay the same; remain in a certain state": remain, stay, rest) with the placing pattern's phrase as
its own prepositional phrase tells that its subject is in the state the pattern puts its object in. Only for
mobilization (CAMEO 15): there the forces put in the state are the acting side's own, so the subject is the
event's source; in a state of custody or trial ("remained in custody": PUT * IN CUSTODY [173]) the subject is
the one acted on, and no source is named.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Token

from reportedly.extract import wordnet
from reportedly.extract.events.triggers import TriggerMatch, _holds, _words, load_lexicon, to_plover

# The verb of placing (WordNet's "put, set, place, pose, position, lay": put into a certain place or
# abstract location) whose prepositional patterns name states.
PLACING_VERB = "put"
# The verb whose usual sense is staying in a state; its first sense's synonyms stay as it does.
STAYING_VERB = "remain"
# CAMEO's mobilization root (PLOVER MOBILIZE): the only states read so (module doc).
MOBILIZE_ROOT = "15"
# Prepositions that open a prepositional phrase pattern ("(ON ALERT)").
PREPOSITIONS = frozenset({"on", "in", "under", "at"})

Phrase = tuple[frozenset[str], ...]


@lru_cache(maxsize=1)
def staying_verbs() -> frozenset[str]:
    """The verbs of staying in a state: "remain" and its usual sense's synonyms ("stay", "rest")."""
    return frozenset({STAYING_VERB, *wordnet.synonyms(STAYING_VERB, "v", senses=1)})


@lru_cache(maxsize=1)
def state_patterns() -> tuple[tuple[Phrase, str], ...]:
    """The placing verb's patterns that are a prepositional phrase only ("(ON ALERT)"), of mobilization codes,
    longest first."""
    entry = load_lexicon()["verbs"].get(PLACING_VERB)
    if entry is None:
        return ()
    found = {
        post: code
        for pre, post, code, _ in entry[1]
        if not pre and post and code.startswith(MOBILIZE_ROOT) and not post[0].isdisjoint(PREPOSITIONS)
    }
    return tuple(sorted(found.items(), key=lambda item: -len(item[0])))


def state_match(verb: Token) -> TriggerMatch | None:
    """The placing pattern a verb of staying tells of its subject ("remained on alert": CAMEO 152), or None:
    the pattern's words must be the verb's own prepositional phrases (not an object's)."""
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in staying_verbs():
        return None
    words = _words(t for c in verb.children if c.dep_ == "prep" for t in c.subtree)
    for post, code in state_patterns():
        if _holds(post, words):
            plover = to_plover(code)
            if plover is not None:
                return TriggerMatch(cameo=code, type=plover[0], mode=plover[1], specific=True)
    return None
