"""Governing verbs and light verbs: the relation a verb expresses about another act, that act its content.

CAMEO codes some acts by what they say about another: appeals (02), intents (03), demands (10),
rejections (12) and threats (13) are defined over a second act ("threaten to attack", "refuse to send
troops", "demand the release of"). PLOVER codes the relation, not the governed act, which did not happen:
"Syria threatened to strike Turkish positions" is a THREATEN by Syria, not an ASSAULT; "refused to send
troops" a REJECT, not a negated AGREE. The governed act is kept as the event's `content`.

  - `govern`: a passive intent verb ("is expected to visit") is no event: the act it plans is, its
    subject that act's doer (`planned`). A verb whose lexicon code has one of those roots, with a clause
    it governs (xcomp, ccomp) whose verb the lexicon codes, or an object the lexicon reads as an act
    ("demanded the withdrawal"), becomes the relation; the governed clause is its content, its parties
    stand in for the relation's missing ones, and the governed act is no event of its own. An intent to do
    a hostile act (CAMEO roots 11-20: conflict) is a threat ("plans to attack"), as CAMEO's 13 has it. A
    decision or an order the typer reads as the act it brings about is that act (`_typed_as_act`).
  - `absorb_objects`: a verb whose CAMEO pattern names its event-noun object ("lodged a protest" is
    LODGE * PROTEST [110], ACCUSE) and types it otherwise than the noun alone (PROTEST) is that act; the
    noun, when it names no doer of its own, is the verb's own act and no second event.
"""

from __future__ import annotations

from spacy.tokens import Token

from reportedly.extract.events.drafts import MIN_SHARED_ACTORS, Draft
from reportedly.extract.events.triggers import match_token, to_plover
from reportedly.nlp.doctext import children

# CAMEO roots whose events are about another act, and the PLOVER type of the relation.
GOVERNING_ROOTS = {"02": "REQUEST", "03": "AGREE", "10": "REQUEST", "12": "REJECT", "13": "THREATEN"}
# The PLOVER types of those relations, however a verb came to be typed so.
RELATION_TYPES = frozenset(GOVERNING_ROOTS.values())
# PLOVER's material conflict types (CAMEO 14-20): agreeing or promising to do one is a threat.
HOSTILE_ACTS = frozenset({"PROTEST", "MOBILIZE", "SANCTION", "COERCE", "ASSAULT"})
# The dependents that hold the governed act: "threatened [to strike]", "demanded [that X apologize]".
GOVERNED_DEPS = frozenset({"xcomp", "ccomp"})
# CAMEO's conflict roots start here (11 disapprove ... 20 mass violence): an intent to do one is a threat.
CONFLICT_ROOT = 11
INTENT_ROOT = "03"
DEMAND_ROOT = "10"
# Penn tags of a verb in a finite tense (past, present): a clause with one states a fact.
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP"})
# Roots whose relation stands when the act it is about is one the lexicon does not code: appeals (02),
# demands (10) and threats (13) are coded for what is asked or threatened, whatever it is.
UNCODED_CONTENT_ROOTS = frozenset({"02", "10", "13"})
THREAT_CODE = "130"  # CAMEO: threaten, not specified below


def governed_act(verb: Token, specific: bool = False) -> Token | None:
    """The verb of the clause `verb` governs ("threatened to strike": "strike"), else its object when that
    names an act ("demanded the withdrawal", "refused direct talks") and no CAMEO pattern of the verb
    already read it (`specific`: "lift * sanctions" is 0351 itself), or None."""
    for child in children(verb):
        if child.dep_ in GOVERNED_DEPS and child.pos_ in ("VERB", "AUX"):
            return child
    if specific:
        return None
    for child in children(verb):
        if child.dep_ == "dobj" and child.pos_ == "NOUN":
            return child
    return None


def relation(verb: Token) -> tuple[str, str, str | None, Token] | None:
    """The (PLOVER type, CAMEO code, mode, governed verb) of a governing verb, or None when `verb` is no
    governing verb or governs no act the lexicon codes."""
    if verb.pos_ != "VERB":
        return None
    own = match_token(verb)
    if own is None or own.cameo[:2] not in GOVERNING_ROOTS:
        return None
    if own.cameo[:2] == INTENT_ROOT and is_passive(verb):
        return None  # "Putin is expected to visit": no one's intent (`planned`)
    act = governed_act(verb, own.specific)
    if act is None or (act.dep_ == "ccomp" and _states_fact(act)):
        return None
    kind, code, mode = GOVERNING_ROOTS[own.cameo[:2]], own.cameo, own.mode
    governed = match_token(act)
    if governed is None:
        # an appeal, demand or threat is that relation whatever act it asks for or threatens: "called on both
        # sides to exercise restraint" is an appeal though the lexicon codes no restraint. Only an act to do
        # (an active infinitive): a clause may state a fact ("warned that gaps remain" is no threat), and
        # refusing an uncoded act is seldom a political rejection ("declined to comment", "declined to be
        # identified"); an intent to do an uncoded act ("plans to travel") is no event, nor an uncoded object
        if own.cameo[:2] not in UNCODED_CONTENT_ROOTS or act.dep_ != "xcomp" or is_passive(act):
            return None
        return kind, code, mode, act
    if own.cameo[:2] == INTENT_ROOT and int(governed.cameo[:2]) >= CONFLICT_ROOT:
        kind, code = "THREATEN", THREAT_CODE
        mode = (to_plover(code) or (kind, None))[1]
    return kind, code, mode, act


def planned(verb: Token) -> Token | None:
    """The act a passive intent verb plans ("Putin is expected to visit": "visit"), else None. CAMEO's 03
    is an actor's expressed intent; the passive names no one who expresses it, and its subject is the
    planned act's doer: the act is the event (its status says it is planned, epistemic.py), not the verb."""
    if verb.pos_ != "VERB" or not is_passive(verb):
        return None
    own = match_token(verb, patterns=False)
    if own is None or own.cameo[:2] != INTENT_ROOT:
        return None
    return next((c for c in children(verb) if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")), None)


def is_passive(verb: Token) -> bool:
    """Whether `verb` is told in the passive ("is expected to", "was set to", "must be pressured"): CAMEO's
    03 is an actor's expressed intent, and a passive names no one who expresses it; its subject is the
    governed act's doer (extractor._as_demand: a passive obligation binds no one)."""
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in children(verb))


def govern(drafts: list[Draft]) -> list[Draft]:
    """Recode governing verbs as the relation they express, their governed act as content (module doc)."""
    by_index = {d.trigger.i: d for d in drafts}
    dropped: set[int] = set()
    for draft in drafts:
        if draft.trigger.i in dropped:
            continue
        act = planned(draft.trigger)
        if act is not None:
            dropped.add(draft.trigger.i)
            inner = by_index.get(act.i)
            if inner is not None:  # the passive's subject is the planned act's doer
                inner.actors = inner.actors or [*draft.recipients, *draft.actors]
                inner.recipients = [e for e in inner.recipients if e not in inner.actors]
            continue
        found = None if _typed_as_act(draft) else relation(draft.trigger)
        found = found or _typed_relation(draft, by_index)
        if found is None:
            noun = _object_act(draft, by_index)
            if noun is not None:  # "demanded the withdrawal": DEMAND * WITHDRAWAL is the relation itself
                draft.content = (noun.trigger.left_edge.i, noun.trigger.right_edge.i + 1)
                _take_parties(draft, noun)
                dropped.add(noun.trigger.i)
            continue
        kind, code, mode, act = found
        draft.type, draft.cameo, draft.mode = kind, code, mode
        draft.content = (act.left_edge.i, act.right_edge.i + 1)
        inner = by_index.get(act.i)
        if inner is not None:
            _take_parties(draft, inner)
            dropped.add(act.i)
        # the governed act's event-noun object is the same act ("called on the Council to impose an arms
        # embargo", "threatened to impose sanctions": they did not happen either). Not under an intent
        # (AGREE): an offered meeting is recoded as the offer itself (extractor._recode)
        if kind != "AGREE":
            dropped |= {c.i for c in children(act) if c.dep_ == "dobj" and c.i in by_index}
    return [d for d in drafts if d.trigger.i not in dropped]


def _states_fact(act: Token) -> bool:
    """Whether a governed clause states a fact, its verb in a finite tense ("insists it is enforcing the
    sanctions", "warned that gaps remain"), not an act to be done ("demanded that Israel stop", "warned it
    would strike"): a demand or threat is about an act to come. 5-fold CV on PLV's training part: R 0.691 ->
    0.693, P 0.696 -> 0.697 (one more gold type, one more extracted); held-out unchanged."""
    if act.tag_ in FINITE_TAGS:
        return True
    return any(c.dep_ in ("aux", "auxpass") and c.tag_ in FINITE_TAGS for c in children(act))


def _typed_as_act(draft: Draft) -> bool:
    """Whether the typer read a governing verb as the act it brings about, neither its dictionary relation
    nor another relation: an intent (CAMEO 03) typed as another act ("decided to lift sanctions" YIELD: a
    decision is taken, and PLV codes what it decides), or a demand (10) typed as coercion ("ordered the
    newspaper to suspend publication" COERCE: an authority's order, PLOVER's COERCE). A demand the typer
    reads as its governed act ("urged the Taliban to lift the ban" typed YIELD off "lift") stays the demand.
    5-fold CV on PLV's training part, with `extractor.LEXICON_RATIO` at 0.8: R 0.688 -> 0.691, P 0.694 ->
    0.696 (566 -> 569 of 823 gold types); intents alone 0.690 / 0.696; any relation typed as any other act
    0.691 / 0.696 too, but it took the golden "urged ... to lift the ban" for a lifting."""
    own = match_token(draft.trigger)
    if own is None or draft.type in RELATION_TYPES or draft.type == own.type:
        return False
    return own.cameo[:2] == INTENT_ROOT or (own.cameo[:2] == DEMAND_ROOT and draft.type == "COERCE")


def _typed_relation(draft: Draft, by_index: dict[int, Draft]) -> tuple[str, str, str | None, Token] | None:
    """A verb the lexicon codes as no relation but that was typed as one (the typer reads "agreed to
    resign" as AGREE where CAMEO's default for AGREE is 050), with an infinitive whose act is a draft: the
    same relation, that act its content ("agreed to lift a ban" is an AGREE, the lifting did not happen)."""
    verb = draft.trigger
    if verb.pos_ != "VERB" or draft.type not in RELATION_TYPES or not draft.cameo:
        return None
    act = next((c for c in children(verb) if c.dep_ == "xcomp" and c.i in by_index), None)
    if act is None or by_index[act.i].trigger.pos_ != "VERB":
        return None
    if draft.type == "AGREE" and by_index[act.i].type in HOSTILE_ACTS:
        return "THREATEN", THREAT_CODE, None, act  # an intent to do a hostile act is a threat (CAMEO 13)
    return draft.type, draft.cameo, draft.mode, act


def _object_act(draft: Draft, by_index: dict[int, Draft]) -> Draft | None:
    """The event noun a governing verb takes as object when a CAMEO pattern of the verb already codes the
    relation ("demanded the withdrawal of all forces" is DEMAND * WITHDRAWAL): the act it is about, which
    did not happen; None for any other verb."""
    verb = draft.trigger
    if verb.pos_ != "VERB" or not draft.cameo or draft.cameo[:2] not in GOVERNING_ROOTS:
        return None
    # the object, or what a call or appeal is for ("called for sanctions against Moscow": CALL FOR patterns)
    objects = [c for c in children(verb) if c.dep_ == "dobj"] + [
        g
        for c in children(verb)
        if c.dep_ == "prep" and c.lower_ == "for"
        for g in children(c)
        if g.dep_ == "pobj"
    ]
    return next(
        (by_index[c.i] for c in objects if c.i in by_index and by_index[c.i].trigger.pos_ == "NOUN"), None
    )


def absorb_objects(drafts: list[Draft]) -> list[Draft]:
    """A verb whose pattern codes its event-noun object as another act absorbs the noun (module doc)."""
    nouns = {d.trigger.i: d for d in drafts if d.trigger.pos_ == "NOUN"}
    absorbed: set[int] = set()
    for draft in drafts:
        if draft.trigger.pos_ != "VERB" or not draft.specific or draft.content is not None:
            continue
        obj = next((nouns[c.i] for c in children(draft.trigger) if c.dep_ == "dobj" and c.i in nouns), None)
        if obj is None or obj.type == draft.type or not set(obj.actors) <= set(draft.actors):
            continue
        noun = obj.trigger
        draft.content = (noun.left_edge.i, noun.right_edge.i + 1)
        _take_parties(draft, obj)
        absorbed.add(noun.i)
    return [d for d in drafts if d.trigger.i not in absorbed]


def _take_parties(draft: Draft, inner: Draft) -> None:
    """The relation's missing parties, place and date from the act it is about: its target is the act's
    other parties ("asked to meet Suu Kyi", "offered to talk with China": a mutual act's parties are all
    actors), never the act's lone doer ("warned that Pyongyang would take action")."""
    draft.actors = draft.actors or list(inner.actors)
    if not draft.recipients:
        # a mutual act's other parties; never a lone doer ("would take action")
        mutual = inner.actors if len(inner.actors) >= MIN_SHARED_ACTORS else []
        others = [*inner.recipients, *mutual]
        draft.recipients = [e for e in dict.fromkeys(others) if e not in draft.actors]
    draft.location = draft.location or inner.location
    draft.date = draft.date or inner.date
