"""Epistemic status: cues read off hand-built parses, and how cues and source stances combine."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from reportedly.extract.events.epistemic import (
    combine,
    is_aim,
    is_reported_speech,
    learned_reading,
    local_cues,
    rule_cues,
)
from reportedly.extract.events.factuality import features, signature
from reportedly.model import Status
from tests.extract.events.parses import hand_parse

CASES = [
    # "Massoud did not meet Baradar" -> negated
    (
        [
            ("Massoud", "Massoud", 3, "nsubj", "PROPN"),
            ("did", "do", 3, "aux", "AUX"),
            ("not", "not", 3, "neg", "PART"),
            ("meet", "meet", 3, "ROOT", "VERB"),
            ("Baradar", "Baradar", 3, "dobj", "PROPN"),
        ],
        3,
        {"negated"},
    ),
    # "Moscow is ready to receive delegates" -> offered
    (
        [
            ("Moscow", "Moscow", 1, "nsubj", "PROPN"),
            ("is", "be", 1, "ROOT", "AUX"),
            ("ready", "ready", 1, "acomp", "ADJ"),
            ("to", "to", 4, "aux", "PART"),
            ("receive", "receive", 2, "xcomp", "VERB"),
            ("delegates", "delegate", 4, "dobj", "NOUN"),
        ],
        4,
        {"offered"},
    ),
    # "they will host meetings" -> offered
    (
        [
            ("they", "they", 2, "nsubj", "PRON"),
            ("will", "will", 2, "aux", "AUX"),
            ("host", "host", 2, "ROOT", "VERB"),
            ("meetings", "meeting", 2, "dobj", "NOUN"),
        ],
        2,
        {"offered"},
    ),
    # "if they meet" -> hypothetical, and explicitly conditional
    (
        [
            ("if", "if", 2, "mark", "SCONJ"),
            ("they", "they", 2, "nsubj", "PRON"),
            ("meet", "meet", 2, "ROOT", "VERB"),
        ],
        2,
        {"hypothetical", "conditional"},
    ),
    # "they may meet" -> hypothetical, and an explicit modal of possibility
    (
        [
            ("they", "they", 2, "nsubj", "PRON"),
            ("may", "may", 2, "aux", "AUX"),
            ("meet", "meet", 2, "ROOT", "VERB"),
        ],
        2,
        {"hypothetical", "modal"},
    ),
    # "if Kopp were indicted and convicted": the condition reaches the second conjunct
    (
        [
            ("if", "if", 3, "mark", "SCONJ"),
            ("Kopp", "Kopp", 3, "nsubjpass", "PROPN"),
            ("were", "be", 3, "auxpass", "AUX"),
            ("indicted", "indict", 3, "ROOT", "VERB"),
            ("and", "and", 3, "cc", "CCONJ"),
            ("convicted", "convict", 3, "conj", "VERB"),
        ],
        5,
        {"conditional"},
    ),
    # "they could not come": a past inability is negation, not an open possibility
    (
        [
            ("they", "they", 3, "nsubj", "PRON"),
            ("could", "could", 3, "aux", "AUX"),
            ("not", "not", 3, "neg", "PART"),
            ("come", "come", 3, "ROOT", "VERB"),
        ],
        3,
        {"negated", "hypothetical"},
    ),
    # "no one met Baradar": a negative subject negates its verb
    (
        [
            ("no", "no", 1, "det", "DET"),
            ("one", "one", 2, "nsubj", "PRON"),
            ("met", "meet", 2, "ROOT", "VERB"),
            ("Baradar", "Baradar", 2, "dobj", "PROPN"),
        ],
        2,
        {"negated"},
    ),
    # "they did not begin talks": a verb that carries its object's polarity
    (
        [
            ("they", "they", 3, "nsubj", "PRON"),
            ("did", "do", 3, "aux", "AUX"),
            ("not", "not", 3, "neg", "PART"),
            ("begin", "begin", 3, "ROOT", "VERB"),
            ("talks", "talk", 3, "dobj", "NOUN"),
        ],
        4,
        {"negated"},
    ),
    # "neither side met", "they got nothing", "without replacing it"
    (
        [
            ("neither", "neither", 1, "det", "DET"),
            ("side", "side", 2, "nsubj", "NOUN"),
            ("met", "meet", 2, "ROOT", "VERB"),
        ],
        2,
        {"negated"},
    ),
    (
        [
            ("they", "they", 1, "nsubj", "PRON"),
            ("got", "get", 1, "ROOT", "VERB"),
            ("nothing", "nothing", 1, "dobj", "PRON"),
        ],
        1,
        {"negated"},
    ),
    (
        [
            ("without", "without", 0, "ROOT", "ADP"),
            ("replacing", "replace", 0, "pcomp", "VERB"),
            ("it", "it", 1, "dobj", "PRON"),
        ],
        1,
        {"negated"},
    ),
    # "they could try to meet": the modal on the verb the event complements
    (
        [
            ("they", "they", 2, "nsubj", "PRON"),
            ("could", "could", 2, "aux", "AUX"),
            ("try", "try", 2, "ROOT", "VERB"),
            ("to", "to", 4, "aux", "PART"),
            ("meet", "meet", 2, "xcomp", "VERB"),
        ],
        4,
        {"hypothetical", "modal"},
    ),
    # "exiles failed to overthrow Castro": the overthrow failed, the failing itself happened
    (
        [
            ("exiles", "exile", 1, "nsubj", "NOUN"),
            ("failed", "fail", 1, "ROOT", "VERB"),
            ("to", "to", 3, "aux", "PART"),
            ("overthrow", "overthrow", 1, "xcomp", "VERB"),
            ("Castro", "Castro", 3, "dobj", "PROPN"),
        ],
        3,
        {"failed"},
    ),
    (
        [
            ("exiles", "exile", 1, "nsubj", "NOUN"),
            ("failed", "fail", 1, "ROOT", "VERB"),
            ("to", "to", 3, "aux", "PART"),
            ("overthrow", "overthrow", 1, "xcomp", "VERB"),
            ("Castro", "Castro", 3, "dobj", "PROPN"),
        ],
        1,
        set(),
    ),
    # "Russia reportedly attacked Kyiv" -> unconfirmed
    (
        [
            ("Russia", "Russia", 2, "nsubj", "PROPN"),
            ("reportedly", "reportedly", 2, "advmod", "ADV"),
            ("attacked", "attack", 2, "ROOT", "VERB"),
            ("Kyiv", "Kyiv", 2, "dobj", "PROPN"),
        ],
        2,
        {"unconfirmed"},
    ),
    # "The meeting has not been confirmed" -> unconfirmed, not negated
    (
        [
            ("The", "the", 1, "det", "DET"),
            ("meeting", "meeting", 5, "nsubjpass", "NOUN"),
            ("has", "have", 5, "aux", "AUX"),
            ("not", "not", 5, "neg", "PART"),
            ("been", "be", 5, "auxpass", "AUX"),
            ("confirmed", "confirm", 5, "ROOT", "VERB"),
        ],
        1,
        {"unconfirmed"},
    ),
    # "the negotiations ended without any results" -> failed
    (
        [
            ("the", "the", 1, "det", "DET"),
            ("negotiations", "negotiation", 2, "nsubj", "NOUN"),
            ("ended", "end", 2, "ROOT", "VERB"),
            ("without", "without", 2, "prep", "ADP"),
            ("any", "any", 5, "det", "DET"),
            ("results", "result", 3, "pobj", "NOUN"),
        ],
        1,
        {"failed"},
    ),
    # "Norway hosted talks" -> nothing
    (
        [
            ("Norway", "Norway", 1, "nsubj", "PROPN"),
            ("hosted", "host", 1, "ROOT", "VERB"),
            ("talks", "talk", 1, "dobj", "NOUN"),
        ],
        1,
        set(),
    ),
]


@pytest.mark.parametrize(("spec", "trigger", "cues"), CASES)
def test_epistemic_rule_cues(
    spec: list[tuple[str, str, int, str, str]], trigger: int, cues: set[str]
) -> None:
    assert set(rule_cues(hand_parse(spec)[trigger])) == cues


@pytest.mark.parametrize(("spec", "trigger", "cues"), CASES)
def test_epistemic_local_cues_add_one_learned_reading(
    spec: list[tuple[str, str, int, str, str]], trigger: int, cues: set[str]
) -> None:
    found = set(local_cues(hand_parse(spec)[trigger]))
    learned = {c for c in found if c.startswith("learned:")}
    assert found - learned == cues
    assert len(learned) == 1


@pytest.mark.parametrize(
    ("cues", "stances", "status"),
    [
        (set(), [(None, "assert")], Status.ASSERTED),
        (set(), [("q1", "assert")], Status.REPORTED),
        (set(), [("q1", "assert"), ("q2", "non_committal"), ("q3", "deny")], Status.DISPUTED),
        (set(), [("q1", "deny")], Status.DENIED),
        (set(), [("q1", "deny"), ("q2", "non_committal")], Status.DENIED),
        (set(), [("q1", "confirm")], Status.CONFIRMED),
        (set(), [("q1", "assert"), ("q2", "non_committal")], Status.UNCONFIRMED),
        ({"unconfirmed"}, [(None, "assert")], Status.UNCONFIRMED),
        ({"negated"}, [(None, "assert")], Status.NEGATED),
        ({"failed"}, [(None, "assert")], Status.NEGATED),
        ({"offered"}, [("q1", "assert")], Status.OFFERED),
        ({"hypothetical"}, [(None, "assert")], Status.HYPOTHETICAL),
        (set(), [(None, "assert"), ("q7", "assert")], Status.ASSERTED),
        # the learned reading decides where the rules are only suggestive
        ({"learned:did_not_happen"}, [(None, "assert")], Status.NEGATED),
        ({"learned:uncertain"}, [(None, "assert")], Status.UNCONFIRMED),
        ({"learned:uncertain", "hypothetical"}, [("q1", "assert")], Status.HYPOTHETICAL),
        ({"learned:happened", "hypothetical"}, [(None, "assert")], Status.ASSERTED),
        ({"learned:happened", "hypothetical"}, [("q1", "assert")], Status.REPORTED),
        # one mention told as a fact is enough
        ({"learned:happened", "learned:uncertain"}, [(None, "assert")], Status.ASSERTED),
        # explicit signals outrank it
        ({"learned:happened", "negated"}, [(None, "assert")], Status.NEGATED),
        ({"learned:happened", "conditional", "hypothetical"}, [(None, "assert")], Status.HYPOTHETICAL),
        ({"learned:happened", "modal", "hypothetical"}, [(None, "assert")], Status.HYPOTHETICAL),
        ({"learned:happened", "offered"}, [("q1", "assert")], Status.OFFERED),
        ({"learned:uncertain", "offered"}, [(None, "assert")], Status.OFFERED),
        # an offer read as not happening: "rejected a proposal to combine"
        ({"learned:did_not_happen", "offered"}, [(None, "assert")], Status.NEGATED),
        ({"learned:did_not_happen"}, [("q1", "assert"), ("q2", "deny")], Status.DISPUTED),
        ({"learned:uncertain"}, [("q1", "confirm")], Status.CONFIRMED),
        # a condition scopes over the negation inside it: "if he does not agree"
        ({"conditional", "hypothetical", "negated"}, [(None, "assert")], Status.HYPOTHETICAL),
        # a negation the model reads as open, from a modal or an aim above its clause: "can not return
        # him without holding a hearing"; read as not happening, it stays negated
        ({"learned:uncertain", "negated"}, [(None, "assert")], Status.UNCONFIRMED),
        ({"learned:uncertain", "negated", "hypothetical"}, [(None, "assert")], Status.HYPOTHETICAL),
        ({"learned:did_not_happen", "negated"}, [(None, "assert")], Status.NEGATED),
        # a purpose is offered only where the model does not read it as open, as an aim
        ({"learned:uncertain", "purpose"}, [(None, "assert")], Status.UNCONFIRMED),
        ({"learned:uncertain", "offered"}, [(None, "assert")], Status.OFFERED),
        ({"learned:uncertain", "negated", "offered"}, [(None, "assert")], Status.UNCONFIRMED),
    ],
)
def test_epistemic_combine(cues: set[str], stances: list[tuple[str | None, str]], status: Status) -> None:
    assert combine(cues, stances) is status


def test_epistemic_reported_speech() -> None:
    # "Kabulov said Russia attacked"
    doc = hand_parse(
        [
            ("Kabulov", "Kabulov", 1, "nsubj", "PROPN"),
            ("said", "say", 1, "ROOT", "VERB"),
            ("Russia", "Russia", 3, "nsubj", "PROPN"),
            ("attacked", "attack", 1, "ccomp", "VERB"),
        ]
    )
    assert is_reported_speech(doc[3]) and not is_reported_speech(doc[1])


def _tagged(spec: list[tuple[str, str, str, str, int, str]]) -> Doc:
    """(word, lemma, tag, pos, head, dep) per token: what the learned model reads."""
    nlp = spacy.blank("en")
    return Doc(
        nlp.vocab,
        words=[t[0] for t in spec],
        lemmas=[t[1] for t in spec],
        tags=[t[2] for t in spec],
        pos=[t[3] for t in spec],
        heads=[t[4] for t in spec],
        deps=[t[5] for t in spec],
    )


# "Massoud did not want to meet Baradar ."
NOT_WANT = [
    ("Massoud", "Massoud", "NNP", "PROPN", 3, "nsubj"),
    ("did", "do", "VBD", "AUX", 3, "aux"),
    ("not", "not", "RB", "PART", 3, "neg"),
    ("want", "want", "VB", "VERB", 3, "ROOT"),
    ("to", "to", "TO", "PART", 5, "aux"),
    ("meet", "meet", "VB", "VERB", 3, "xcomp"),
    ("Baradar", "Baradar", "NNP", "PROPN", 5, "dobj"),
    (".", ".", ".", "PUNCT", 3, "punct"),
]
# "If Massoud meets Baradar , talks could follow ."
IF_MEETS = [
    ("If", "if", "IN", "SCONJ", 2, "mark"),
    ("Massoud", "Massoud", "NNP", "PROPN", 2, "nsubj"),
    ("meets", "meet", "VBZ", "VERB", 7, "advcl"),
    ("Baradar", "Baradar", "NNP", "PROPN", 2, "dobj"),
    (",", ",", ",", "PUNCT", 7, "punct"),
    ("talks", "talk", "NNS", "NOUN", 7, "nsubj"),
    ("could", "could", "MD", "AUX", 7, "aux"),
    ("follow", "follow", "VB", "VERB", 7, "ROOT"),
    (".", ".", ".", "PUNCT", 7, "punct"),
]
# "Did Massoud refuse to meet Baradar ?"
REFUSE_Q = [
    ("Did", "do", "VBD", "AUX", 2, "aux"),
    ("Massoud", "Massoud", "NNP", "PROPN", 2, "nsubj"),
    ("refuse", "refuse", "VB", "VERB", 2, "ROOT"),
    ("to", "to", "TO", "PART", 4, "aux"),
    ("meet", "meet", "VB", "VERB", 2, "xcomp"),
    ("Baradar", "Baradar", "NNP", "PROPN", 4, "dobj"),
    ("?", "?", ".", "PUNCT", 2, "punct"),
]


# hand-built: "merger" (the, proposed) under "approval" through "of"; "vote" with we, will, next week
PROPOSED = [
    ("the", "the", "DT", "DET", 2, "det"),
    ("proposed", "propose", "VBN", "VERB", 2, "amod"),
    ("merger", "merger", "NN", "NOUN", 3, "pobj"),
    ("of", "of", "IN", "ADP", 4, "prep"),
    ("approval", "approval", "NN", "NOUN", 4, "ROOT"),
    ("we", "we", "PRP", "PRON", 7, "nsubj"),
    ("will", "will", "MD", "AUX", 7, "aux"),
    ("vote", "vote", "VB", "VERB", 4, "appos"),
    ("next", "next", "JJ", "ADJ", 9, "amod"),
    ("week", "week", "NN", "NOUN", 7, "npadvmod"),
]


@pytest.mark.parametrize(
    ("spec", "trigger", "present", "absent"),
    [
        # negation scope: the governing clause's "not" reaches the complement, not its own clause
        (NOT_WANT, 5, {"ANEG", "NEGS=1", "H1=xcomp|want", "HC1=xcomp|intent", "TO"}, {"NEG", "NEGS=0"}),
        (NOT_WANT, 3, {"NEG", "NEGS=0", "T=VB"}, {"ANEG"}),
        # conditional and modal: the mark on the event's clause, the modal on the clause above
        (IF_MEETS, 2, {"MARK=if", "AMD=could", "H1=advcl|follow", "T=VBZ"}, {"MD=could", "QUESTION"}),
        (IF_MEETS, 7, {"MD=could"}, {"MARK=if"}),
        # a refusal's complement, in a question
        (REFUSE_Q, 4, {"HC1=xcomp|preventive", "QUESTION", "NEGS=0"}, {"ANEG"}),
        # a noun's determiner and adjective, a time word and a subject pronoun
        (PROPOSED, 2, {"DET=the", "AMOD=propose", "PREP1=of", "H1=prep|approval"}, {"SUBJ=we"}),
        (PROPOSED, 7, {"SUBJ=we", "ADVL=week", "ADVL=next", "MD=will"}, {"AMOD=propose"}),
    ],
)
def test_epistemic_model_features(
    spec: list[tuple[str, str, str, str, int, str]], trigger: int, present: set[str], absent: set[str]
) -> None:
    feats = set(features(_tagged(spec)[trigger]))
    assert present <= feats
    assert not absent & feats


# "Massoud met Baradar ." and "Massoud did not meet Baradar ."
MET = [
    ("Massoud", "Massoud", "NNP", "PROPN", 1, "nsubj"),
    ("met", "meet", "VBD", "VERB", 1, "ROOT"),
    ("Baradar", "Baradar", "NNP", "PROPN", 1, "dobj"),
    (".", ".", ".", "PUNCT", 1, "punct"),
]
DID_NOT_MEET = [
    ("Massoud", "Massoud", "NNP", "PROPN", 3, "nsubj"),
    ("did", "do", "VBD", "AUX", 3, "aux"),
    ("not", "not", "RB", "PART", 3, "neg"),
    ("meet", "meet", "VB", "VERB", 3, "ROOT"),
    ("Baradar", "Baradar", "NNP", "PROPN", 3, "dobj"),
    (".", ".", ".", "PUNCT", 3, "punct"),
]


@pytest.mark.parametrize(
    ("spec", "trigger", "bucket"),
    [(MET, 1, "happened"), (DID_NOT_MEET, 3, "did_not_happen"), (IF_MEETS, 2, "uncertain")],
)
def test_epistemic_learned_reading_clear_cases(
    spec: list[tuple[str, str, str, str, int, str]], trigger: int, bucket: str
) -> None:
    assert learned_reading(_tagged(spec)[trigger]).bucket == bucket


def test_epistemic_learned_value_orders_the_scale() -> None:
    cases = ((MET, 1), (IF_MEETS, 2), (DID_NOT_MEET, 3))
    met, cond, neg = (learned_reading(_tagged(spec)[i]).value for spec, i in cases)
    assert met > cond > 0 > neg


@pytest.mark.parametrize(
    ("text", "word", "planned"),
    [
        ("Putin is expected to visit Kabul next week.", "visit", True),
        ("Peace talks are scheduled to resume on Monday.", "resume", True),
        ("The envoy is due to arrive in Doha on Friday.", "arrive", True),
        ("The two sides are set to sign a ceasefire.", "sign", True),
        ("The government is going to close the border.", "close", True),
        ("The upcoming talks will focus on trade.", "talks", True),
        ("Iran and Saudi Arabia are scheduled to hold talks in Baghdad.", "talks", True),
        ("The envoy went to see the minister.", "see", False),
        ("We expect to win the vote.", "win", False),
        ("Putin visited Kabul last week.", "visited", False),
        ("The president is to visit Moscow.", "visit", True),
        ("Kerry travels to Cairo next week.", "travels", True),
        ("Next week's summit in Geneva will focus on trade.", "summit", True),
        ("The talks resume tomorrow.", "resume", True),
        ("The envoy arrived in Doha and met the minister the next day.", "met", False),
        ("The envoy met the minister last week.", "met", False),
        ("Elections will be held next month.", "Elections", True),
        ("The summit is due on Friday.", "summit", True),
        ("The vote, set for Sunday, could decide the race.", "vote", True),
        ("Talks scheduled for Monday were called off.", "Talks", True),
        ("Elections were held last month.", "Elections", False),
        ("The fire was set by arsonists.", "fire", False),
    ],
)
def test_epistemic_planned_cue(nlp: object, text: str, word: str, planned: bool) -> None:
    doc = nlp(text)  # type: ignore[operator]
    token = next(t for t in doc if t.text == word)
    assert ("planned" in rule_cues(token)) is planned


@pytest.mark.parametrize(
    ("text", "word", "offered"),
    [
        ("Israel threatened to strike Iran.", "strike", True),
        ("Russia is preparing to send troops.", "send", True),
        ("Israel struck Iran.", "struck", False),
        ("The EU is preparing a new package of sanctions.", "sanctions", True),
        ("Washington threatened to impose tariffs unless Mexico did more to stop drugs.", "stop", False),
    ],
)
def test_epistemic_threats_and_preparations_are_not_yet_facts(
    nlp: object, text: str, word: str, offered: bool
) -> None:
    doc = nlp(text)  # type: ignore[operator]
    token = next(t for t in doc if t.text == word)
    assert ("offered" in rule_cues(token)) is offered


@pytest.mark.parametrize(
    ("text", "word", "aim"),
    [
        ("Rebels hope to seize the airport.", "seize", True),
        ("Ankara is considering sending troops.", "sending", True),
        ("They want to hold talks.", "talks", True),
        ("Ankara does not want to send troops.", "send", False),
        ("The army tried to storm the building.", "storm", False),
        ("Rebels seized the airport.", "seized", False),
    ],
)
def test_epistemic_aim_cue(nlp: object, text: str, word: str, aim: bool) -> None:
    doc = nlp(text)  # type: ignore[operator]
    token = next(t for t in doc if t.text == word)
    assert is_aim(token) is aim


def test_epistemic_aim_is_offered_where_the_model_would_tell_it_as_a_fact() -> None:
    assert combine({"aim"}, [(None, "assert")]) == Status.OFFERED
    # another mention tells it as a fact
    assert combine({"aim", "learned:happened"}, [(None, "assert")]) == Status.ASSERTED


def test_epistemic_planned_event_is_offered_not_asserted() -> None:
    assert combine({"planned", "learned:happened"}, [(None, "assert")]) == Status.OFFERED
    assert combine({"planned", "learned:did_not_happen"}, [(None, "assert")]) == Status.NEGATED


@pytest.mark.parametrize(
    ("text", "word", "purpose"),
    [
        ("The army mobilized thousands of fighters to break the siege.", "break", True),
        ("The envoy flew to Doha in order to hold talks with the Taliban.", "talks", True),
        ("The army broke the siege to the delight of residents.", "broke", False),
        ("The rebels tried to break the siege.", "break", False),  # an aim of "try": the model's to read
        ("The envoy managed to hold talks.", "talks", False),
    ],
)
def test_epistemic_purpose_cue(nlp: object, text: str, word: str, purpose: bool) -> None:
    doc = nlp(text)  # type: ignore[operator]
    token = next(t for t in doc if t.text == word)
    assert ("purpose" in rule_cues(token)) is purpose


def test_epistemic_purpose_is_an_aim_unless_told_as_a_fact_elsewhere(nlp: object) -> None:
    doc = nlp("The army mobilized thousands of fighters to break the siege.")  # type: ignore[operator]
    cues = local_cues(next(t for t in doc if t.text == "break"))
    assert "purpose" in cues and "learned:happened" not in cues
    assert combine(cues, [(None, "assert")]) is Status.OFFERED
    # the same act told as a fact in another mention ("fighting the Taliban", "joined to fight them")
    assert combine({"purpose", "learned:happened"}, [(None, "assert")]) is Status.ASSERTED
    assert combine({"purpose", "learned:did_not_happen"}, [(None, "assert")]) is Status.NEGATED


@pytest.mark.parametrize(
    ("text", "word", "polarity"),
    [
        ("The rebels attacked the town.", "attacked", "+"),
        ("The rebels did not attack the town.", "attack", "-"),
        ("The court refused to order a hearing.", "order", "-"),  # a negative implicative
        ("The court did not refuse to order a hearing.", "order", "+"),  # two negatives
        ("He managed to leave the country.", "leave", "+"),  # an implicative passes its polarity
        ("He did not manage to leave the country.", "leave", "-"),
        ("He is prohibited from organizing a defence.", "organizing", "-"),  # a preventive, through "from"
        ("He decided against seeking a white knight.", "seeking", "-"),
        ("She knew that he had left.", "left", "+"),  # a factive presupposes its complement
        ("She did not know that he had left.", "left", "+"),
        ("They want to sell the company.", "sell", "?"),  # an intent leaves it open
        ("They do not want to sell the company.", "sell", "-"),  # "does n't want to take": not taken
        ("The talks may resume on Monday.", "resume", "?"),  # a weak modal
        ("They sent troops to secure the border.", "secure", "?"),  # an aim
        ("No weapon was recovered in the searches.", "searches", "+"),  # an adjunct keeps its own polarity
        ("The army ended the blockade.", "blockade", "+"),  # a preventive's object happened
    ],
)
def test_factuality_signature(nlp: object, text: str, word: str, polarity: str) -> None:
    doc = nlp(text)  # type: ignore[operator]
    token = next(t for t in doc if t.text == word)
    assert signature(token) == polarity
