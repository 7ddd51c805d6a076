"""Epistemic status: what an article really knows of an event.

Two layers. `local_cues` reads the parse around a trigger: negation ("did not meet", "ended
without any results"), offers and intentions ("ready to receive", "will host"), conditions ("if",
"in case"), hedges ("reportedly", "has not been confirmed"). `combine` then weighs those cues with
the stances of the sources whose attributions hold the event: assert from some and deny from
others is `disputed`, a denial alone `denied`, an attributed claim `reported`, the article's own
voice `asserted`.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Token

from reportedly.extract.events.factuality import (
    HAPPENED,
    NOT_HAPPENED,
    UNCERTAIN,
    Factuality,
    features,
    judge_features,
)
from reportedly.model import Stance, Status

# Words that turn an event into an offer, invitation, readiness, promise or plan (PLOVER AGREE).
OFFER_CUES = frozenset(
    {
        "ready",
        "readiness",
        "willing",
        "willingness",
        "prepared",
        "offer",
        "invite",
        "invitation",
        "promise",
        "pledge",
        "plan",
        "intend",
        "intention",
        "vow",
        "propose",
        "proposal",
        "hospitality",
        "agree",
        "commit",
        "commitment",
        "eager",
        # a threat or a preparation announces an act that has not happened yet ("threatened to strike",
        # "is preparing to send troops"): PLOVER codes the threat, not the strike (THREATEN)
        "threaten",
        "prepare",
    }
)
FUTURE_AUX = frozenset({"will", "shall", "'ll"})
# English's periphrastic futures: "is expected / scheduled / set / slated / due / poised / going / about to
# visit" put the event ahead, as a plan or an expectation, not as something that happened; and a
# scheduled or upcoming event noun ("the upcoming talks").
PLANNED_HEADS = frozenset({"expect", "schedule", "set", "slate", "due", "poise", "go", "about"})
PLANNED_MODIFIERS = frozenset({"scheduled", "upcoming", "forthcoming", "expected", "slated"})
# Deictic time words that place an event after the moment of writing ("visits Cairo next week", "talks
# tomorrow", "next week's summit"); "the next day" is relative to a past reference, not the article's now.
FUTURE_DEICTICS = frozenset({"tomorrow", "tonight"})
FUTURE_ADJECTIVES = frozenset({"next", "coming"})
# Verbs of wanting, hoping and deliberating: their complement is the subject's aim, not a fact ("rebels hope
# to seize the airport", "Ankara is considering sending troops"; FactBank's and TimeML's intensional
# predicates). Conatives ("try", "attempt") are left out: the attempt itself is an act.
AIM_VERBS = frozenset({"want", "hope", "wish", "seek", "aim", "intend", "plan", "consider", "plot"})
# Verbs whose subject is the event itself, happening or arranged ("the elections will be held", "the
# meeting will take place", "talks are expected next week", "the vote, set for Sunday").
OCCURRENCE_VERBS = frozenset({"hold", "take", "convene", "stage", "plan"}) | PLANNED_HEADS
CONDITION_MARKS = frozenset({"if", "unless", "whether"})
HYPOTHETICAL_AUX = frozenset({"would", "could", "might", "may", "should"})
# Modals of possibility: on the event's own verb they leave it open ("may meet"), whatever UW's
# annotators lean to (they score "may" +1.4 on average); "would" and "should" are left to the model.
POSSIBILITY_AUX = frozenset({"may", "might", "could"})
HEDGES = frozenset(
    {
        "reportedly",
        "allegedly",
        "purportedly",
        "unconfirmed",
        "unverified",
        "rumored",
        "rumoured",
        "apparently",
        "supposedly",
    }
)
CONFIRM_VERBS = frozenset({"confirm", "verify", "corroborate"})
# "X ended without any results", "talks failed": an outcome that did not come about.
FAILURE_VERBS = frozenset({"fail", "collapse", "stall"})
END_VERBS = frozenset({"end", "conclude", "finish", "close"})
OUTCOME_NOUNS = frozenset({"result", "agreement", "breakthrough", "deal", "outcome", "progress", "success"})
REPORT_VERBS = frozenset(
    {
        "say",
        "tell",
        "report",
        "claim",
        "state",
        "announce",
        "add",
        "write",
        "allege",
        "insist",
        "argue",
        "suggest",
        "believe",
        "think",
        "accord",
    }
)
NEGATIVE_SUBJECTS = frozenset({"nobody", "nothing", "none", "neither"})
REFUSALS = frozenset({"refuse", "decline", "fail", "deny", "reject", "avoid", "forget"})
# Verbs whose to-complement happened ("managed to leave"); under any other the complement is an aim.
IMPLICATIVES = frozenset(
    {
        "manage",
        "begin",
        "start",
        "continue",
        "remember",
        "help",
        "dare",
        "get",
        "happen",
        "use",
        "go",
        "come",
        "seem",
        "appear",
        "tend",
        "agree",
    }
)
IRREALIS_NOUNS = frozenset(
    {
        "effort",
        "attempt",
        "possibility",
        "plan",
        "bid",
        "proposal",
        "offer",
        "threat",
        "risk",
        "chance",
        "goal",
        "aim",
        "intention",
        "hope",
        "way",
        "ability",
        "need",
    }
)
# Verbs that carry an event noun's polarity ("did not hold talks"); other heads do not ("the
# meeting has not been confirmed" is a hedge on the meeting, not its negation).
LIGHT_VERBS = frozenset(
    {
        "hold",
        "have",
        "conduct",
        "launch",
        "stage",
        "attend",
        "make",
        "host",
        "begin",
        "start",
        "open",
        "resume",
        "reach",
        "sign",
        "carry",
        "give",
        "take",
        "do",
    }
)
# Determiners and objects that negate what they attach to: "no meeting", "neither side", "got nothing".
NEGATIVE_DETS = frozenset({"no", "neither"})
NEGATIVE_OBJECTS = frozenset({"nothing", "none"})
# Cues that name a status outright, in priority order, whatever the learned model reads.
# A condition or a modal scopes over everything in its clause: "if he does not agree", "may not
# meet" are hypothetical, not negated.
EXPLICIT_CUES = (
    ("conditional", Status.HYPOTHETICAL),
    ("modal", Status.HYPOTHETICAL),
    ("negated", Status.NEGATED),
    ("failed", Status.NEGATED),
    ("offered", Status.OFFERED),
    ("planned", Status.OFFERED),  # a plan or a schedule: announced, not yet happened
    ("purpose", Status.OFFERED),  # an aim: "mobilized fighters to break the siege"
    ("aim", Status.OFFERED),  # "hope to seize", where the model would tell it as a fact
)
# Cues of an intended act, which the model's "did not happen" overrides ("rejected a proposal to").
INTENDED = frozenset({"offered", "planned", "purpose", "aim"})
# Aims that yield to another mention of the event told as a fact.
AIMS = frozenset({"purpose", "aim"})
# Cues that yield to the model's "uncertain": the rules read the event's own clause, the model the heads
# above it too. A negation under a modal, a condition or an aim up there is left open ("can not return
# Elian without holding a hearing", "can call up reservists without seeking approval": FactBank's
# possible-not, the middle of UW's scale), and so is a purpose clause: with AIMS yielding to the model's
# "happened" and INTENDED to its "did not happen", a purpose clause is offered only where the model gives
# no reading (an aim also where it reads uncertain). Chosen on 5-fold CV over UW train+dev (product
# macro-F1 0.697 -> 0.703) and UW dev (0.699 -> 0.703); either alone helps on CV.
DOUBTED = frozenset({"negated", "purpose"})
# Prefix of the learned model's cue ("learned:uncertain"); its buckets are extract/events/factuality.py's.
LEARNED = "learned:"
# How many heads up from a trigger cues are looked for: its clause and the one or two above it
# ("Moscow is ready to receive", "have confirmed our readiness to demonstrate").
MAX_CLIMB = 3


def _climb(trigger: Token) -> list[Token]:
    chain = [trigger]
    node = trigger
    for _ in range(MAX_CLIMB):
        if (
            node.head.i == node.i
            or node.dep_ in ("ccomp", "parataxis", "conj")
            or node.head.lemma_ in REPORT_VERBS
        ):
            break
        node = node.head
        chain.append(node)
    return chain


def is_negated(trigger: Token) -> bool:
    """'did not meet', 'no meeting', 'did not hold talks', 'no one met', 'neither approves', 'will get
    nothing', 'without replacing' (not 'the meeting has not been confirmed')."""
    if trigger.dep_ in ("pcomp", "pobj") and trigger.head.lower_ == "without":
        return True
    scope = [trigger]
    if (
        trigger.pos_ == "NOUN"
        and trigger.dep_ in ("dobj", "attr")
        and trigger.head.lemma_.lower() in LIGHT_VERBS
    ):
        scope.append(trigger.head)
    for tok in scope:
        for child in tok.children:
            dep, low = child.dep_, child.lower_
            if dep == "neg" or (dep in ("det", "preconj") and low in NEGATIVE_DETS):
                return True
            if tok is trigger and dep == "dobj" and low in NEGATIVE_OBJECTS:
                return True
    return _negative_subject(trigger)


def _negative_subject(verb: Token) -> bool:
    return any(
        child.dep_ in ("nsubj", "nsubjpass")
        and (
            child.lower_ in NEGATIVE_SUBJECTS or any(g.lower_ in NEGATIVE_DETS for g in child.children)
        )
        for child in verb.children
    )


def is_negated_deep(trigger: Token) -> bool:
    """Negation the reader infers beyond the event's own clause: 'do n't want to take',
    'without holding a hearing', 'refused to meet' (factuality scoring; events use `is_negated`)."""
    if is_negated(trigger):
        return True
    head = trigger.head
    if trigger.dep_ == "xcomp" and head.i != trigger.i:
        return head.lemma_.lower() in REFUSALS or any(c.dep_ == "neg" for c in head.children)
    return False


def is_irrealis(trigger: Token) -> bool:
    """An event put as an aim, not a fact: 'efforts to woo', 'the possibility of taking', 'to sell'
    under a verb that does not entail it (factuality scoring)."""
    head = trigger.head
    if trigger.dep_ in ("pcomp", "pobj", "acl") and (
        head.head.lemma_.lower() in IRREALIS_NOUNS or head.lemma_.lower() in IRREALIS_NOUNS
    ):
        return True
    has_to = any(c.dep_ == "aux" and c.lower_ == "to" for c in trigger.children)
    return has_to and head.i != trigger.i and head.lemma_.lower() not in IMPLICATIVES


def is_failed(trigger: Token) -> bool:
    """'the negotiations ended without any results', 'talks failed to reach agreement'."""
    head = trigger.head if trigger.dep_ in ("nsubj", "nsubjpass") else trigger
    lemma = head.lemma_.lower()
    if lemma in FAILURE_VERBS and head is not trigger:  # "Exiles failed to ...": the failing happened
        return True
    if lemma in END_VERBS:
        for prep in head.children:
            if prep.lower_ == "without" and any(p.lemma_.lower() in OUTCOME_NOUNS for p in prep.subtree):
                return True
    return trigger.head.lemma_.lower() in FAILURE_VERBS and trigger.dep_ == "xcomp"


def is_offered(trigger: Token) -> bool:
    """'Moscow is ready to receive', 'they will host', 'confirmed our readiness to demonstrate'."""
    chain = _climb(trigger)
    for depth, tok in enumerate(chain):
        if tok is not trigger and tok.lemma_.lower() in OFFER_CUES:
            return True
        # a future counts on the event's own verb or the one it complements
        # ("will try to meet", "will host talks")
        own = depth == 0 or chain[depth - 1].dep_ in ("xcomp", "dobj")
        for child in tok.children:
            if child.lemma_.lower() in OFFER_CUES and child.dep_ in ("acomp", "dobj", "amod", "attr"):
                return True
            future = child.lower_ in FUTURE_AUX or _future_in_past(child)
            if own and child.dep_ == "aux" and future and tok.pos_ in ("VERB", "AUX"):
                return True
        if any(c.dep_ == "mark" and c.lower_ in CONDITION_MARKS for c in tok.children):
            break  # a condition is no part of the offer above it: "threatened tariffs unless Mexico did more"
    return False


def is_planned(trigger: Token) -> bool:
    """'Putin is expected to visit', 'talks are scheduled to resume', 'he is due to arrive', 'they are
    set to meet', 'is going to sign', 'the upcoming talks', 'the president is to visit', 'travels to
    Cairo next week', 'next week's summit': a plan or an expectation, not yet a fact."""
    if trigger.pos_ == "NOUN" and any(
        c.dep_ == "amod" and c.lower_ in PLANNED_MODIFIERS for c in trigger.children
    ):
        return True
    if trigger.pos_ == "NOUN" and _arranged(trigger):
        return True
    if trigger.dep_ in ("dobj", "attr") and trigger.head.lemma_.lower() in LIGHT_VERBS:
        trigger = trigger.head  # "are scheduled to hold talks": the light verb carries the plan
    if _future_time(trigger):
        return True
    head = trigger.head
    if trigger.dep_ != "xcomp" or head.i == trigger.i:
        return False
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in trigger.children):
        return False
    if head.lemma_ == "be" and head.pos_ == "AUX" and not any(c.dep_ == "expl" for c in head.children):
        # "the president is to visit Moscow": be + to-infinitive, an arrangement (Quirk et al. 1985, 4.48)
        return any(c.dep_ in ("nsubj", "nsubjpass") for c in head.children)
    lemma = head.lemma_.lower() if head.lemma_.lower() in PLANNED_HEADS else head.lower_
    if lemma not in PLANNED_HEADS:
        return False
    if lemma == "go":  # "is going to": the progressive only ("went to see" is a past movement)
        return head.tag_ == "VBG" and any(c.dep_ == "aux" and c.lemma_ == "be" for c in head.children)
    if lemma in ("due", "about"):
        return True
    # "is expected / was scheduled to": the passive (an active "we expect to" is the speaker's own belief)
    return any(c.dep_ == "auxpass" for c in head.children) or head.tag_ == "VBN"


def _arranged(noun: Token) -> bool:
    """An event noun whose own predicate puts it ahead: 'the elections will be held', 'talks are expected
    next week', 'the summit is due on Friday', 'the vote, set for Sunday', 'talks scheduled for Monday'."""
    for child in noun.children:
        if child.dep_ == "acl" and child.tag_ == "VBN" and _arranging(child):
            return True
    verb = noun.head
    if noun.dep_ not in ("nsubj", "nsubjpass") or verb.i == noun.i or verb.pos_ not in ("VERB", "AUX"):
        return False
    lemma = verb.lemma_.lower()
    if lemma == "be":
        return any(c.dep_ == "acomp" and c.lower_ == "due" for c in verb.children)
    if lemma not in OCCURRENCE_VERBS:
        return False
    future = any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX for c in verb.children)
    return future or (noun.dep_ == "nsubjpass" and _arranging(verb)) or _future_time(verb)


def _arranging(verb: Token) -> bool:
    """'scheduled', 'slated'; 'set' or 'expected' for a time ('set for Sunday', 'expected next week'),
    not 'the fire was set by arsonists' or 'the attack had been expected'."""
    lemma = verb.lemma_.lower()
    if lemma in ("schedule", "slate"):
        return True
    if lemma in ("set", "expect", "plan"):
        return any(c.dep_ == "prep" and c.lower_ == "for" for c in verb.children) or _future_time(verb)
    return False


def _future_time(trigger: Token) -> bool:
    """A deictic future time on the event's own word: 'tomorrow', 'next week', 'next week's summit',
    'the coming days' as its adverbial or possessor (not 'the next day', told from a past moment)."""
    for child in trigger.children:
        if child.dep_ not in ("npadvmod", "advmod", "tmod", "poss"):
            continue
        if child.lower_ in FUTURE_DEICTICS:
            return True
        mods = [g for g in child.children if g.dep_ in ("amod", "det")]
        if any(g.lower_ in FUTURE_ADJECTIVES for g in mods) and not any(g.lower_ == "the" for g in mods):
            return True
    return False


def is_purpose(trigger: Token) -> bool:
    """'mobilized thousands of fighters to break the siege', 'flew to Doha (in order) to hold talks':
    a purpose clause, an infinitive adjunct of its clause, states an aim of the act, not that the
    aim was reached (Huddleston and Pullum 2002, ch. 8; TimeML and FactBank mark it as a purpose
    link, not a fact)."""
    if trigger.dep_ in ("dobj", "attr") and trigger.head.lemma_.lower() in LIGHT_VERBS:
        trigger = trigger.head  # "to hold talks": the light verb carries the clause
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in trigger.children):
        return False
    head = trigger.head
    if trigger.dep_ == "acl" and head.lower_ == "order" and head.head.lower_ == "in":
        return True  # "in order to", parsed as the noun's infinitive
    return trigger.dep_ == "advcl" and head.i != trigger.i and head.pos_ in ("VERB", "AUX")


def _future_in_past(aux: Token) -> bool:
    """'Kabulov said Russia would send aid': a reported 'would' with no condition is a future."""
    verb = aux.head
    if aux.lower_ != "would" or any(c.dep_ == "mark" and c.lower_ in CONDITION_MARKS for c in verb.children):
        return False
    if any(c.dep_ == "advcl" and any(g.lower_ in CONDITION_MARKS for g in c.children) for c in verb.children):
        return False
    return is_reported_speech(verb)


def is_hypothetical(trigger: Token) -> bool:
    """'if they meet', 'would attack', 'in case they are interested' on the event's own clause."""
    for tok in _climb(trigger)[:2]:
        for child in tok.children:
            if child.dep_ == "mark" and child.lower_ in CONDITION_MARKS:
                return True
            if child.dep_ == "aux" and child.lower_ in HYPOTHETICAL_AUX and not _future_in_past(child):
                return True
        if tok.dep_ == "advcl" and any(c.lower_ in CONDITION_MARKS for c in tok.children):
            return True
    return False


def is_unconfirmed(trigger: Token) -> bool:
    """'reportedly met', 'the unconfirmed meeting', 'the meeting has not been confirmed'."""
    for tok in _climb(trigger)[:2]:
        if tok.lemma_.lower() in CONFIRM_VERBS and any(c.dep_ == "neg" for c in tok.children):
            return True
        if any(c.lower_ in HEDGES for c in tok.children):
            return True
    return False


def is_conditional(trigger: Token) -> bool:
    """'if they meet', 'unless X agrees', 'if Kopp were indicted and convicted': a condition marked
    on the event's clause (or its first conjunct's) or the one above."""
    while trigger.dep_ == "conj" and trigger.head.i != trigger.i:
        trigger = trigger.head
    for tok in _climb(trigger)[:2]:
        if any(c.dep_ == "mark" and c.lower_ in CONDITION_MARKS for c in tok.children):
            return True
        if tok.dep_ == "advcl" and any(c.lower_ in CONDITION_MARKS for c in tok.children):
            return True
    return False


def is_possible(trigger: Token) -> bool:
    """'Massoud may meet Baradar', 'could be expected to take the case': a modal of possibility on
    the event's verb or the verb it complements ('could not come' is a past inability: negation)."""
    verbs = [trigger]
    if trigger.dep_ == "xcomp" and trigger.head.i != trigger.i:
        verbs.append(trigger.head)
    for verb in verbs:
        inability = any(c.dep_ == "neg" for c in verb.children)
        for child in verb.children:
            modal = child.lower_
            if child.dep_ == "aux" and modal in POSSIBILITY_AUX and not (inability and modal == "could"):
                return True
    return False


def rule_cues(trigger: Token) -> frozenset[str]:
    """The cues the rules read off the parse for the event at `trigger`.

    Returns:
        a subset of {"negated", "failed", "offered", "planned", "purpose", "hypothetical", "conditional",
        "modal", "unconfirmed"}: "conditional" and "modal" are the explicit parts of "hypothetical" (a marked
        condition; may, might or could on the event's own verb).
    """
    checks = {
        "negated": is_negated,
        "failed": is_failed,
        "offered": is_offered,
        "planned": is_planned,
        "purpose": is_purpose,
        "hypothetical": is_hypothetical,
        "conditional": is_conditional,
        "modal": is_possible,
        "unconfirmed": is_unconfirmed,
    }
    return frozenset(name for name, check in checks.items() if check(trigger))


def local_cues(trigger: Token) -> frozenset[str]:
    """The rules' cues for the event at `trigger` plus the learned model's reading of it.

    Returns:
        `rule_cues` and one of "learned:happened", "learned:did_not_happen", "learned:uncertain"; an aim
        ("purpose", or "aim" added here: `is_aim`) the model reads as happened keeps no learned reading.
    """
    cues = rule_cues(trigger)
    reading = judge_features(model_features(trigger, cues)).bucket
    if reading == HAPPENED and not cues & INTENDED and is_aim(trigger):
        cues |= {"aim"}  # where the model reads it as uncertain or not happening, its reading stands
    if cues & AIMS and reading == HAPPENED:
        return cues  # an aim is not told as a fact here, whatever UW's raters lean to (see `combine`)
    return cues | {LEARNED + reading}


def is_aim(trigger: Token) -> bool:
    """'rebels hope to seize the airport', 'is considering sending troops', 'they want to hold talks':
    the complement of a verb of wanting or deliberating (AIM_VERBS), unless that verb is negated."""
    if trigger.dep_ in ("dobj", "attr") and trigger.head.lemma_.lower() in LIGHT_VERBS:
        trigger = trigger.head  # "want to hold talks": the light verb carries the aim
    head = trigger.head
    if trigger.dep_ != "xcomp" or head.i == trigger.i or head.lemma_.lower() not in AIM_VERBS:
        return False
    return not is_negated(head)


def learned_reading(trigger: Token) -> Factuality:
    """The learned model's reading of the predicate at `trigger` (its parse and the rules' cues)."""
    return judge_features(model_features(trigger, rule_cues(trigger)))


def _learned(cues: set[str]) -> str | None:
    """The model's reading over an event's mentions: told as a fact once is enough to count as happened."""
    for bucket in (HAPPENED, NOT_HAPPENED, UNCERTAIN):
        if LEARNED + bucket in cues:
            return bucket
    return None


def combine(cues: Iterable[str], stances: Iterable[tuple[str | None, str]]) -> Status:
    """The event's status from its local cues and its sources' (attribution id, stance) pairs.

    Args:
        cues: from `local_cues`, over every mention of the event.
        stances: one (attribution id or None for the article's voice, stance) per source.

    Returns:
        the Status. Explicit signals first: a denial against an assertion (disputed), a denial,
        a marked condition or a modal of possibility, negation (unless the model reads it as
        uncertain: DOUBTED) or failure on the event's own clause, an offer, a plan or an aim (unless
        the model reads it as not happening: "rejected a proposal to combine"; an aim also yields to
        another mention told as a fact, a purpose to the model's uncertain), a confirmation.
        Then the learned model decides where the rules are only suggestive (modals, aims, negation
        above the event's clause, or nothing at all): did not happen is negated, uncertain is
        hypothetical (or unconfirmed when no rule names a modality). Without a learned reading the
        rules' modal cue stands. Then hedges, the article's own voice and attribution.
    """
    cues = set(cues)
    pairs = list(stances)
    kinds = {stance for _, stance in pairs}
    for_it = kinds & {Stance.ASSERT.value, Stance.CONFIRM.value}
    if Stance.DENY.value in kinds:
        return Status.DISPUTED if for_it else Status.DENIED
    learned = _learned(cues)
    for cue, status in EXPLICIT_CUES:
        if cue in AIMS and learned == HAPPENED:
            continue  # an aim in one mention, told as a fact in another ("fighting", "joined to fight")
        if learned == UNCERTAIN and (cue in DOUBTED or (cue in INTENDED and "negated" in cues)):
            continue  # see DOUBTED; a negated offer left open is no offer ("when no one else will")
        if cue in cues and not (cue in INTENDED and learned == NOT_HAPPENED):
            return status  # an offer the model reads as not happening was rejected or withdrawn
    if Stance.CONFIRM.value in kinds:
        return Status.CONFIRMED
    if learned == NOT_HAPPENED:
        return Status.NEGATED
    if learned == UNCERTAIN:
        return Status.HYPOTHETICAL if "hypothetical" in cues else Status.UNCONFIRMED
    if learned is None and "hypothetical" in cues:
        return Status.HYPOTHETICAL
    if (None, Stance.ASSERT.value) in pairs and "unconfirmed" not in cues:
        return Status.ASSERTED  # the article's own voice outranks the sources it also cites
    if "unconfirmed" in cues or Stance.NON_COMMITTAL.value in kinds:
        return Status.UNCONFIRMED
    if any(attribution is not None for attribution, _ in pairs):
        return Status.REPORTED
    return Status.ASSERTED


def model_features(trigger: Token, cues: Iterable[str]) -> list[str]:
    """The learned model's features of `trigger`: its parse features plus the rules' own readings
    (the rule cues, deep negation, irrealis, reported speech), so the model learns how far to trust each."""
    rules = [f"R={cue}" for cue in sorted(cues)]
    checks = (("deepneg", is_negated_deep), ("irrealis", is_irrealis), ("reported", is_reported_speech))
    for name, check in checks:
        if check(trigger):
            rules.append(f"R={name}")
    return [*features(trigger), *rules]


def is_reported_speech(trigger: Token) -> bool:
    """Whether the trigger sits in the complement of a reporting verb ('X said Y met Z')."""
    node = trigger
    for _ in range(MAX_CLIMB + 2):
        if node.head.i == node.i:
            return False
        if node.dep_ in ("ccomp", "parataxis") and node.head.lemma_.lower() in REPORT_VERBS:
            return True
        node = node.head
    return False
