"""Event triggers: the PETRARCH2 CAMEO verb dictionary over the dependency parse, mapped to PLOVER.

The lexicon (src/reportedly/data/events/lexicon.json) is built by scripts/build_event_lexicon.py
from ../shared/data/cameo/CAMEO.2.0.txt (MIT) and ../shared/data/plover/CAMEO2PLOVER-2021.txt.
A verb's CAMEO code is the code of its most specific pattern whose words all occur around the
verb (objects and prepositional phrases after it, the subject before it), else the verb's default; a
statement pattern's words must be in the verb's own phrase (`STATEMENT_DEPTH`). A verb the dictionary
leaves uncoded reads as the patterns of the verbs of its usual WordNet sense do (`_synonym_code`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any, cast

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Token

from reportedly.extract import wordnet
from reportedly.extract.cues import SPEECH_VERBS

# How far after the verb a pattern's words are looked for: PETRARCH patterns cover the verb's
# object and one or two prepositional phrases, rarely more than a dozen words.
POST_WINDOW = 14
# How far before the verb: the subject head ("&MILITARY *"), a few words.
PRE_WINDOW = 6
# Where the words of a statement pattern (a CAMEO code under 02, no event: "- * CHARGE [016]", deny
# responsibility) are looked for: in the verb's own phrase, one phrase down the parse - its object, the
# object of its own preposition, a governed verb's ("refused to respond to criticism"). Such a pattern
# turns the verb's act into no event, so it must name what the verb acts on, as PETRARCH matches within
# the verb phrase: "rejected the charges" is a denial, "rejected an extradition request for X on the
# charge of rebellion" a rejection. Other patterns keep the window.
STATEMENT_DEPTH = 1
# Links that stay inside one phrase (cost no depth): a noun's own modifiers, its "of" phrase ("a
# suspension of aid", "hundreds of prisoners"), a preposition's object, a conjunct or apposition, a
# governed verb ("refused to send").
PHRASE_DEPS = frozenset({
    "pobj", "pcomp", "compound", "amod", "nmod", "nummod", "quantmod", "poss", "det", "predet", "case",
    "prt", "aux", "auxpass", "neg", "cc", "conj", "appos", "xcomp", "punct",
})

# Verbs whose dictionary default is wrong for news on diplomacy (PETRARCH2's own notes say the
# dictionary "could use a lot of additional work"): CAMEO codes from the CAMEO manual. A blank code drops
# the default only: the verb's specific patterns still code ("declared a state of emergency" is 1724).
VERB_OVERRIDES = {
    "mediate": "045",
    "negotiate": "046",
    "host": "043",
    "receive": "043",
    "meet": "040",
    "resist": "190",
    "fall": "",
    "leave": "",
    "join": "",
    "gather": "150",
    "say": "",
    "talk": "040",
    "lead": "",
    "follow": "",
    "remain": "",
    "declare": "",
    "confirm": "",
    "deny": "",
    "demonstrate": "",
    "report": "",
    "prevent": "",
    "interest": "",
    "hold": "",
    # watching: the dictionary codes its synonyms OBSERVE and WATCH 010 (a statement, no event) and puts
    # MONITOR's 090 in no investigation block; "monitor the withdrawal of troops from" still codes
    "monitor": "",
    # urging: the dictionary lists no URGE verb, but writes its patterns ("- * EFFORTS [020] # URGE") in the
    # DEMAND [100] block, whose default it takes
    "urge": "100",
}

# CAMEO 09 (investigate: "crime, corruption, human rights abuses, military actions") against 014 (consider
# a policy option, a statement): a verb of the dictionary's INSPECT and INVESTIGATE blocks that matched no
# pattern and acts on a course of action ("is studying a new proposal", "examine the plan") considers it, as
# the STUDY entry's own "- * WAYS [014]" and "- * {NEW INVESTMENT} [014]" have it; an inquiry's object is a
# wrong or an act ("investigate the killings"). A course of action: what WordNet files under these words'
# first sense.
INVESTIGATE_ROOT = "09"
CONSIDER_CODE = "014"
POLICY_OPTIONS = ("proposal", "plan", "option")

# Words a pattern needs to code a verb whose default is blanked: "led to", "left a statement" match
# one-word patterns of such verbs in everyday senses; "declared a state of emergency" names the act.
MIN_PHRASE_WORDS = 3

# Nouns that name events the verb dictionary cannot see ("a meeting with", "the fall of Kabul").
NOUN_TRIGGERS = {
    "meeting": "040",
    "talk": "046",
    "negotiation": "046",
    "summit": "040",
    "visit": "042",
    "trip": "042",
    "consultation": "040",
    "attack": "190",
    "assault": "190",
    "raid": "190",
    "airstrike": "195",
    "offensive": "190",
    "bombing": "195",
    "fall": "190",
    "protest": "141",
    "demonstration": "141",
    "rally": "141",
    "sanction": "163",
    "arrest": "173",
    "ceasefire": "0871",
    "withdrawal": "0872",
    "invasion": "192",
    "strike": "190",
    "massacre": "200",
    "gathering": "150",
    "mobilization": "150",
    "deployment": "152",
}

# Parts of speech of the words a one-word pattern may name a phrasal verb by ("- * ON", "- * AWAY").
FUNCTION_POS = frozenset({"ADP", "PART", "ADV"})
# Parts of speech of an adverbial particle ("away", "off", "back"): a phrasal verb's idiom, the verb's own.
PARTICLE_POS = frozenset({"PART", "ADV"})
# How such a word hangs on the verb when it is the verb's own ("called on", "called off", "broke away").
OWN_PARTICLE_DEPS = frozenset({"prep", "prt", "advmod", "agent", "dative"})
# The dependents that hold what a verb acts on: where a pattern borrowed from a synonym must find its words.
OBJECT_DEPS = frozenset({"dobj", "nsubjpass", "prt"})
# Entity labels of a phrase of time: "called Erdogan on Saturday" is no "call on".
TIME_ENTITIES = frozenset({"DATE", "TIME"})
# Codes with no PLOVER event: public statements (01), which are what attributions record.
NON_EVENT_ROOTS = ("01",)
# Speech verbs that only relay words though CAMEO gives them a default of their own ("add" is 060).
RELAY_VERBS = frozenset({"add", "brief", "speak", "write"})
# Children that hold what a speech verb reports ("told AFP that Israel would withdraw"), not its own words.
CONTENT_DEPS = frozenset({"ccomp", "parataxis"})


@dataclass(frozen=True, slots=True)
class TriggerMatch:
    """What the lexicon says of one token."""

    cameo: str
    type: str
    mode: str | None
    specific: bool  # a pattern matched, not only the verb's default


@lru_cache(maxsize=1)
def load_lexicon() -> dict[str, Any]:
    """The CAMEO verb lexicon, read once per process, patterns turned into word sets (built once and kept
    in reportedly.cache, keyed by the lexicon file and this module)."""
    from pathlib import Path

    from reportedly import cache

    path = resources.files("reportedly").joinpath("data/events/lexicon.json")
    if not isinstance(path, Path):  # a zipped install: nothing to key the cache on
        return _build_lexicon()
    return cache.load_or_build("event-lexicon", [path, Path(__file__)], _build_lexicon, version="2")


def _build_lexicon() -> dict[str, Any]:
    text = resources.files("reportedly").joinpath("data/events/lexicon.json").read_text("utf-8")
    raw = json.loads(text)
    blocks = [[_compile(p) for p in block] for block in raw["blocks"]]
    verbs = {}
    for lemma, entry in raw["verbs"].items():
        shared = blocks[entry["block"]] if entry.get("block") is not None else []
        own = [_compile(p) for p in entry["patterns"]]
        ordered = sorted(own + shared, key=lambda p: -(len(p[0]) + len(p[1])))  # stable: file order on ties
        verbs[lemma] = (entry["code"], ordered)
    return {"verbs": verbs, "plover": raw["plover"]}


def _compile(
    pattern: dict[str, Any],
) -> tuple[tuple[frozenset[str], ...], tuple[frozenset[str], ...], str, str | None]:
    return (
        tuple(frozenset(g) for g in pattern["pre"]),
        tuple(frozenset(g) for g in pattern["post"]),
        pattern["code"],
        pattern.get("verb"),  # the verb of its block a one-word pattern was written for (a phrasal verb's)
    )


def to_plover(cameo: str | None) -> tuple[str, str | None] | None:
    """The PLOVER (type, mode) of a CAMEO code, by its longest known prefix; None when not an event."""
    if not cameo or cameo.startswith(NON_EVENT_ROOTS):
        return None
    table = load_lexicon()["plover"]
    for size in range(len(cameo), 1, -1):
        if cameo[:size] in table:
            kind, mode = table[cameo[:size]]
            return str(kind), mode
    return None


def is_candidate(token: Token) -> bool:
    """Whether the lexicon knows `token`'s lemma at all (a cheap test before arguments and patterns)."""
    lemma = token.lemma_.lower()
    if token.pos_ == "NOUN":
        return lemma in NOUN_TRIGGERS
    if token.pos_ == "VERB":
        verbs = load_lexicon()["verbs"]
        return bool(VERB_OVERRIDES.get(lemma)) or lemma in verbs or bool(_synonym_entries(lemma))
    return False


def is_plain_speech(token: Token) -> bool:
    """Whether `token` is a verb of plain telling or saying: an attribution cue whose CAMEO default is a
    public statement ("told", "informed", "stressed"), or a relaying verb ("added"). Cues PLOVER codes
    ("accused", "warned", "urged", "rejected") have defaults of their own and are not plain."""
    lemma = token.lemma_.lower()
    if token.pos_ != "VERB" or lemma not in SPEECH_VERBS:
        return False
    if lemma in RELAY_VERBS:
        return True
    entry = load_lexicon()["verbs"].get(lemma)
    return entry is not None and str(entry[0] or "").startswith(NON_EVENT_ROOTS)


def match_token(token: Token, patterns: bool = True) -> TriggerMatch | None:
    """The lexicon's reading of `token` as an event trigger, or None.

    Args:
        token: a verb or an event noun in a parsed Doc.
        patterns: False reads only the verb's default code (cheap: no pattern is tried).

    Returns:
        its CAMEO code and PLOVER type, or None when the lexicon has no event for it.
    """
    # the extractor, the typer and the governing rules each ask about the same tokens (about three
    # times a trigger): the readings of the last Doc asked about are kept (a Doc is never changed)
    doc, readings = _LAST_DOC
    memo = cast("dict[tuple[int, bool], TriggerMatch | None]", readings)
    if doc is not token.doc:
        memo = {}
        _LAST_DOC[:] = (token.doc, memo)
    key = (token.i, patterns)
    if key not in memo:
        memo[key] = _match_token(token, patterns)
    return memo[key]


# The Doc `match_token` last read and its readings by (token index, patterns); held by reference, so
# another Doc at the same address is never taken for it.
_LAST_DOC: list[Any] = [None, {}]


def _match_token(token: Token, patterns: bool) -> TriggerMatch | None:
    lemma = token.lemma_.lower()
    if token.pos_ in ("NOUN", "PROPN"):
        code = NOUN_TRIGGERS.get(lemma)
        specific = False
    elif token.pos_ == "VERB":
        code, specific = _verb_code(token, lemma, patterns)
    else:
        return None
    plover = to_plover(code)
    if plover is None or code is None:
        return None
    return TriggerMatch(cameo=code, type=plover[0], mode=plover[1], specific=specific)


def _verb_code(token: Token, lemma: str, use_patterns: bool = True) -> tuple[str | None, bool]:
    entry = load_lexicon()["verbs"].get(lemma)
    if lemma in VERB_OVERRIDES and (VERB_OVERRIDES[lemma] or entry is None):
        return VERB_OVERRIDES[lemma] or None, False
    if entry is None:
        return _synonym_code(token, lemma, use_patterns)
    default, patterns = entry
    if lemma in VERB_OVERRIDES:  # a blanked default: only its phrases code ("declared a state of emergency")
        default = None
        patterns = [p for p in patterns if len(p[0]) + len(p[1]) >= MIN_PHRASE_WORDS]
    code, specific = _pattern_code(token, lemma, patterns, default, use_patterns)
    if code is None and lemma not in VERB_OVERRIDES:
        return _synonym_code(token, lemma, use_patterns)
    return code, specific


@lru_cache(maxsize=4096)
def _synonym_entries(lemma: str) -> tuple[tuple[str, tuple[Any, ...]], ...]:
    """The lexicon's (default, patterns) of the one-word synonyms of a verb's usual (first) WordNet sense,
    in WordNet's order: "reduce" -> CUT, "retake" -> RECAPTURE; none whose default is overridden."""
    verbs = load_lexicon()["verbs"]
    return tuple(
        (verbs[s][0], tuple(p for p in verbs[s][1] if _names_thing(p)))
        for s in wordnet.synonyms(lemma, "v", senses=1)
        if s in verbs and s not in VERB_OVERRIDES
    )


def _names_thing(pattern: tuple[Any, ...]) -> bool:
    """Whether a pattern names what the act is about by a content word ("CUT * AID"), not only by
    prepositions and particles ("GO - * TO [042]"): a synonym lends the first, not its own phrasal senses
    ("moved to Florida" is no visit)."""
    return any(not group <= STOP_WORDS for group in (*pattern[0], *pattern[1]))


def _synonym_code(token: Token, lemma: str, use_patterns: bool) -> tuple[str | None, bool]:
    """A verb the dictionary codes no act for ("reduced military aid"): PETRARCH's verb blocks are synonym
    sets sharing patterns, and WordNet's usual sense of the verb names more synonyms than the block lists.
    The first synonym's pattern that holds codes it ("CUT * AID [162]"). A synonym's default is not
    borrowed ("retook the town" stays uncoded unless a RECAPTURE pattern holds): borrowing it cost the
    cross-validation (R 0.672, P 0.637: "sacked" read as FIRE, "violated" as BREAK)."""
    entries = _synonym_entries(lemma)
    if use_patterns and entries:
        # a borrowed pattern must name what the verb acts on: its words in the verb's object (or a passive's
        # subject) or particle, not in a later phrase: "became a pinup of GIs in World War II", "became a
        # Christian but struggled" are no "GO * WAR", "GO * STRUGGLE"
        near = _words(t for c in token.children if c.dep_ in OBJECT_DEPS for t in c.subtree)
        for _, patterns in entries:
            for pre_groups, post_groups, code, *_ in patterns:
                if not pre_groups and _holds(post_groups, near):
                    return code, True
    return None, False


def _pattern_code(
    token: Token, lemma: str, patterns: list[Any], default: str | None, use_patterns: bool
) -> tuple[str | None, bool]:
    """The code of the most specific of `patterns` whose words hold around `token`, else `default`."""
    if not use_patterns or not patterns:
        return default, False
    doc = token.doc
    # a plain speech verb's patterns read its own words: "told AFP that ... a truce" codes no truce
    content = (
        {t.i for c in token.children if c.dep_ in CONTENT_DEPS for t in c.subtree}
        if is_plain_speech(token)
        else set()
    )
    after = doc[token.i + 1 : min(token.right_edge.i, token.i + POST_WINDOW) + 1]
    post = _words(t for t in after if t.i not in content)
    # a passive verb's subject is its object ("the agreement was signed by ..."): CAMEO's patterns
    # name the object after the verb, so the subject's words are read with those after it
    post |= _words(t for c in token.children if c.dep_ == "nsubjpass" for t in c.subtree)
    # the other word sets are read when a pattern first needs them (many verbs' patterns need none)
    pre: set[str] | None = None
    near: set[str] | None = None
    phrasal: set[str] | None = None
    plain: set[str] | None = None
    for pre_groups, post_groups, code, intended in patterns:  # most specific first: the first match is best
        if code.startswith(NON_EVENT_ROOTS):
            if near is None:
                near = _words(_below(token, STATEMENT_DEPTH, {t.i for t in after} - content))
            words = near
        elif len(post_groups) == 1 and not pre_groups:
            if phrasal is None:
                phrasal = _phrasal_words(token, after, content, post)
            words = phrasal
            if intended not in (None, lemma):
                # a pattern another verb of the block was written for reads no adverbial particle: "- * AWAY
                # [130] # BREAK" is "break away", an idiom of its own, and "have not beaten their neighbours
                # away" no threat. A preposition's phrase is the synonyms' shared complement ("appeal for").
                if plain is None:
                    plain = phrasal - _words(t for t in after if t.pos_ in PARTICLE_POS)
                words = plain
        else:
            words = post
        if not _holds(post_groups, words):
            continue
        if pre_groups:
            if pre is None:
                start = token.i
                while start > max(0, token.i - PRE_WINDOW) and not doc[start].is_sent_start:
                    start -= 1  # back to the sentence start or the window's edge (Token.sent walks the Doc)
                pre = _words(t for t in doc[start : token.i] if t.i not in content)
            if not _holds(pre_groups, pre):
                continue
        return code, True
    if default and default.startswith(INVESTIGATE_ROOT) and _acts_on_option(token):
        return CONSIDER_CODE, False
    return default, False


def _acts_on_option(verb: Token) -> bool:
    """Whether the verb's object (or a passive's subject) names a course of action (`POLICY_OPTIONS`)."""
    return any(
        c.dep_ in ("dobj", "nsubjpass")
        and c.pos_ == "NOUN"
        and wordnet.is_a(c.lemma_.lower(), "n", POLICY_OPTIONS, senses=1)
        for c in verb.children
    )


def _phrasal_words(token: Token, after: Any, content: set[int], post: set[str]) -> set[str]:
    """The words a one-word pattern of a preposition or particle ("CALL - * ON", "- * FOR") reads: it
    names a phrasal verb, so the word must be the verb's own ("called on both sides"), not one of a later
    phrase ("called Erdogan on Saturday", "called Erdogan to apologize for the case")."""
    function = [t for t in after if t.pos_ in FUNCTION_POS and t.i not in content]
    own = [t for t in function if _is_own_particle(t, token)]
    phrasal = (post - _words(function)) | _words(own)
    phrasal |= _words(t for c in token.children if c.dep_ == "nsubjpass" for t in c.subtree)
    return phrasal


def _is_own_particle(word: Token, verb: Token) -> bool:
    """Whether a preposition or particle belongs to `verb` itself: its child, not in a phrase of time
    ("on Saturday")."""
    if word.head.i != verb.i or word.dep_ not in OWN_PARTICLE_DEPS:
        return False
    return not any(c.dep_ == "pobj" and c.ent_type_ in TIME_ENTITIES for c in word.children)


def _below(token: Token, depth: int, allowed: set[int]) -> list[Token]:
    """The tokens at most `depth` phrases below `token` in the parse (links in `PHRASE_DEPS` and into an
    "of" phrase cost nothing), among `allowed` (the window after the verb) or in a passive verb's
    subject ("the charges were rejected"): "released hundreds of prisoners", "a suspension of aid",
    not "rejected a request for X on the charge of rebellion"."""
    out: list[Token] = []
    stack = [(token, 0, False)]
    while stack:
        tok, level, passive = stack.pop()
        if tok.i != token.i and (tok.i in allowed or passive):
            out.append(tok)
        for child in tok.children:
            free = child.dep_ in PHRASE_DEPS or (child.dep_ == "prep" and child.lower_ == "of")
            below = level if free else level + 1
            if below <= depth:
                stack.append((child, below, passive or (tok.i == token.i and child.dep_ == "nsubjpass")))
    return out


def _holds(groups: tuple[frozenset[str], ...], words: set[str]) -> bool:
    # a plain loop: this runs for every pattern of every candidate verb, and all() over a generator costs more
    for group in groups:  # noqa: SIM110
        if group.isdisjoint(words):
            return False
    return True


def _words(tokens: Any) -> set[str]:
    out: set[str] = set()
    for t in tokens:
        out.add(t.lower_)
        out.add(t.lemma_.lower())
    return out
