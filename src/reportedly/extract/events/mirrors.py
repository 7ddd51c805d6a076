"""Verbs of imposing and halting read through the dictionary's codes of the reverse act.

CAMEO's 08 (yield) holds the easing of restrictions its 16, 17 and 19 codes impose, one for one (the CAMEO
manual's names: 0813 "ease curfew" and 1723 "impose curfew", 0872 "ease military blockade" and 191 "impose
blockade, restrict movement"). The PETRARCH2 verb dictionary writes the easing patterns more fully than
their reverse: LIFT * STATE OF SIEGE [0872], LIFT * CURFEW [0813], but DECLARE has CURFEW [1723] and STATE
OF EMERGENCY [1724] and no STATE OF SIEGE, EXTEND has STATE OF EMERGENCY [1724] and no CURFEW. A verb that
codes some phrase as the reverse of a verb that eases it (DECLARE * CURFEW [1723] against LIFT * CURFEW
[0813]) imposes what that verb eases: it reads the easing verb's other patterns with the reverse codes
("declared a state of siege" 191, "will extend curfew" 1723). Only the object names what is imposed (the
verb's object or a passive's subject), as for a synonym's borrowed patterns (triggers._synonym_code).

CAMEO's 16 (reduce relations) halts what 04-07 do, one for one (`HALTS`): a verb the dictionary codes as
halting both aid and talks (END, SUSPEND, HALT ...) on an object noun WordNet derives from a verb of those
roots halts that act ("ended mediation efforts" 165, "suspended food supplies" 160): `halted_match`.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Token

from reportedly.extract import wordnet
from reportedly.extract.events.nominal import derived_verb_codes
from reportedly.extract.events.triggers import (
    OBJECT_DEPS,
    TriggerMatch,
    _holds,
    _words,
    load_lexicon,
    to_plover,
)

# CAMEO 08 easing codes and the code of the act they reverse (the CAMEO manual's code names, one for one):
# administrative sanctions, political freedoms, party bans, curfews, states of emergency (17: coerce),
# economic sanctions (16), military blockades (19).
EASED = {
    "081": "172",
    "0811": "1721",
    "0812": "1722",
    "0813": "1723",
    "0814": "1724",
    "085": "163",
    "0872": "191",
}
# The reversed codes that make a verb one of imposing: what a government declares, imposes, extends and
# lifts by decree (CAMEO 1723 curfew, 1724 state of emergency or martial law). Any shared reversed phrase
# would do in principle, but the dictionary's big blocks of telling and doing share "sanctions" or "ban"
# with an easing verb by accident (SAY, USE, ALLOW): the decree codes are shared by verbs of imposing only
# (DECLARE, IMPOSE, EXTEND, MAINTAIN, TIGHTEN, CLAMP and their block mates).
DECREED = frozenset({"1723", "1724"})

# a pattern as the lexicon holds it: (pre groups, post groups, code, intended verb)
Pattern = tuple[tuple[frozenset[str], ...], tuple[frozenset[str], ...], str, str | None]


@lru_cache(maxsize=1)
def _easing_verbs() -> dict[str, tuple[Pattern, ...]]:
    """Each verb with easing patterns (`EASED` codes) and those patterns."""
    out = {}
    for lemma, (_, patterns) in load_lexicon()["verbs"].items():
        easing = tuple(p for p in patterns if p[2] in EASED)
        if easing:
            out[lemma] = easing
    return out


@lru_cache(maxsize=4096)
def mirrored_patterns(lemma: str) -> tuple[Pattern, ...]:
    """The easing patterns a verb reads reversed (module doc): those of every easing verb with which it shares
    a phrase it codes as the reverse, minus the phrases it codes itself; post-only patterns, most specific
    first ("state of siege" before "siege")."""
    entry = load_lexicon()["verbs"].get(lemma)
    if entry is None:
        return ()
    own = {(p[0], p[1]): p[2] for p in entry[1]}
    found: dict[tuple[frozenset[str], ...], Pattern] = {}
    for other, easing in _easing_verbs().items():
        if other == lemma or not any(
            EASED[p[2]] in DECREED and own.get((p[0], p[1])) == EASED[p[2]] for p in easing
        ):
            continue
        for pre, post, code, _ in easing:
            if not pre and (pre, post) not in own and post not in found:
                found[post] = (pre, post, EASED[code], None)
    return tuple(sorted(found.values(), key=lambda p: -len(p[1])))


def mirrored_match(verb: Token) -> TriggerMatch | None:
    """The reverse of an easing pattern that the verb's object names ("declared a state of siege": CAMEO 191),
    or None."""
    if verb.pos_ != "VERB":
        return None
    patterns = mirrored_patterns(verb.lemma_.lower())
    if not patterns:
        return None
    # the words of the verb's object (or a passive's subject) or particle, as a synonym's patterns read them
    words = _words(t for c in verb.children if c.dep_ in OBJECT_DEPS for t in c.subtree)
    for _, post, code, _ in patterns:  # most specific first
        if _holds(post, words):
            plover = to_plover(code)
            if plover is not None:
                return TriggerMatch(cameo=code, type=plover[0], mode=plover[1], specific=True)
    return None


# CAMEO 16 (reduce relations) halts what 04-07 do, one for one (the CAMEO manual's code names): 164 halt
# negotiations (046 engage in negotiation), 165 halt mediation (045 mediate), 1621-1623 stop economic,
# military, humanitarian aid (071-073), 162 stop material aid (07), 160 reduce relations (06 material
# cooperation), looked up by the longest prefix.
HALTS = {"045": "165", "046": "164", "071": "1621", "072": "1622", "073": "1623", "07": "162", "06": "160"}
# The codes that make a verb one of halting relations: the dictionary codes both "END * TALKS [164]" and
# "- * AID [162]" for the verbs of ending, stopping and suspending (END, HALT, SUSPEND, CUT, WITHHOLD ...).
HALTING = frozenset({"162", "164"})
# WordNet classes of an object noun that names no act: "detained the negotiators" halts no negotiation.
PERSON_CLASS = "noun.person"


@lru_cache(maxsize=4096)
def is_halting(lemma: str) -> bool:
    """Whether the dictionary's patterns of a verb halt both aid and negotiations (`HALTING`)."""
    entry = load_lexicon()["verbs"].get(lemma)
    return entry is not None and {p[2] for p in entry[1]} >= HALTING


def halted_match(verb: Token) -> TriggerMatch | None:
    """A verb of halting on an object noun that derives from a verb the dictionary codes as an act of
    04-07 ("ended mediation efforts": mediate 045, so 165; "suspended food supplies": supply 060, so 160),
    as nominal.py reads a noun through its verb; the object's head first, then its compound modifiers."""
    if verb.pos_ != "VERB" or not is_halting(verb.lemma_.lower()):
        return None
    for obj in (c for c in verb.children if c.dep_ in ("dobj", "nsubjpass") and c.pos_ == "NOUN"):
        for noun in [obj, *(c for c in obj.children if c.dep_ == "compound" and c.pos_ == "NOUN")]:
            lemma = noun.lemma_.lower()
            if PERSON_CLASS in wordnet.lexnames(lemma, "n", senses=1):
                continue
            for code in derived_verb_codes(lemma):
                halted = next((HALTS[code[:n]] for n in (3, 2) if code and code[:n] in HALTS), None)
                plover = to_plover(halted)
                if halted and plover is not None:
                    return TriggerMatch(cameo=halted, type=plover[0], mode=plover[1], specific=True)
    return None
