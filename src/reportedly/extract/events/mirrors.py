"""Verbs of imposing read through the dictionary's patterns of easing, with the CAMEO code of the reverse act.

CAMEO's 08 (yield) holds the easing of restrictions its 16, 17 and 19 codes impose, one for one (the CAMEO
manual's names: 0813 "ease curfew" and 1723 "impose curfew", 0872 "ease military blockade" and 191 "impose
blockade, restrict movement"). The PETRARCH2 verb dictionary writes the easing patterns more fully than
their reverse: LIFT * STATE OF SIEGE [0872], LIFT * CURFEW [0813], but DECLARE has CURFEW [1723] and STATE
OF EMERGENCY [1724] and no STATE OF SIEGE, EXTEND has STATE OF EMERGENCY [1724] and no CURFEW. A verb that
codes some phrase as the reverse of a verb that eases it (DECLARE * CURFEW [1723] against LIFT * CURFEW
[0813]) imposes what that verb eases: it reads the easing verb's other patterns with the reverse codes
("declared a state of siege" 191, "will extend curfew" 1723). Only the object names what is imposed (the
verb's object or a passive's subject), as for a synonym's borrowed patterns (triggers._synonym_code).
"""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Token

from reportedly.extract.events.triggers import OBJECT_DEPS, TriggerMatch, load_lexicon, to_plover

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
    a phrase it codes as the reverse, minus the phrases it codes itself; post-only patterns."""
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
    return tuple(found.values())


def mirrored_match(verb: Token) -> TriggerMatch | None:
    """The reverse of an easing pattern that the verb's object names ("declared a state of siege": CAMEO 191),
    or None."""
    if verb.pos_ != "VERB":
        return None
    patterns = mirrored_patterns(verb.lemma_.lower())
    if not patterns:
        return None
    words: set[str] = set()
    for child in verb.children:
        if child.dep_ in OBJECT_DEPS:
            for t in child.subtree:
                words.add(t.lower_)
                words.add(t.lemma_.lower())
    # most specific first: "state of siege" before "siege"
    for _, post, code, _ in sorted(patterns, key=lambda p: -len(p[1])):
        if all(not group.isdisjoint(words) for group in post):
            plover = to_plover(code)
            if plover is not None:
                return TriggerMatch(cameo=code, type=plover[0], mode=plover[1], specific=True)
    return None
