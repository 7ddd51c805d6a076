"""attributions[].kind: statement, belief, finding or decision, from the cue's lemma class, its subject
and whether it governs words or an act."""

from __future__ import annotations

from typing import Any

import pytest

from reportedly.extract.attribution.extractor import extract_attributions
from reportedly.extract.attribution.kinds import governs_act, kind_of
from reportedly.extract.cues import BELIEF_VERBS, CUE_LEMMAS, DECISION_VERBS, FINDING_VERBS
from reportedly.model import DocContext


@pytest.mark.parametrize(
    ("lemma", "subject", "kind"),
    [
        ("say", "minister", "statement"),
        ("deny", "ministry", "statement"),
        ("believe", "analyst", "belief"),
        ("fear", "resident", "belief"),
        ("expect", "official", "belief"),
        ("find", "audit", "finding"),
        ("show", "footage", "finding"),
        ("suggest", "poll", "finding"),
        ("find", "minister", "statement"),  # a person who "found" something speaks for himself
        ("say", "report", "statement"),  # a report that says is still a statement
        ("", "source", "statement"),  # "according to a source": no verb
        ("decline", "board", "decision"),
        ("order", "judge", "decision"),
        ("appear", "it", "belief"),  # "it appears that ...": an inference no one states
        ("seem", "", "belief"),
    ],
)
def test_kind_of_cue_class_and_subject(lemma: str, subject: str, kind: str) -> None:
    assert kind_of(lemma, subject) == kind


@pytest.mark.parametrize(
    ("lemma", "says", "kind"), [("agree", True, "statement"), ("agree", False, "decision")]
)
def test_kind_of_decision_verb_with_words_is_a_statement(lemma: str, says: bool, kind: str) -> None:
    assert kind_of(lemma, "minister", says) == kind


def test_kind_classes_do_not_overlap_and_beliefs_are_cues() -> None:
    assert not (BELIEF_VERBS & FINDING_VERBS)
    assert not (DECISION_VERBS & (BELIEF_VERBS | FINDING_VERBS))
    assert CUE_LEMMAS | {"fear", "worry", "expect", "hope", "intend", "prefer", "deem"} >= BELIEF_VERBS


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("The minister said that the talks would resume next week.", "statement"),
        ("Analysts believe that the talks will collapse within a month.", "belief"),
        ("The audit found that the ministry had overspent by millions.", "finding"),
        ("A new poll showed that most voters oppose the plan.", "finding"),
        ("The board may decline to review the case.", "decision"),
        ("The judge ordered officials to release the documents by Friday.", "decision"),
        ("The minister agreed that the talks had been useful.", "statement"),
        ("“We will not attend the talks in Moscow,” the minister refused.", "statement"),
        ("It appears that the security flaw affects all the other versions of the browser.", "belief"),
    ],
)
def test_kind_end_to_end(nlp: Any, text: str, kind: str) -> None:
    (att,) = extract_attributions(nlp(text), [], DocContext("a"))
    assert att.kind == kind


def test_kind_seed_attributions_are_statements(seed_article: Any) -> None:
    assert {a.kind for a in seed_article.attributions} == {"statement"}


@pytest.mark.parametrize(
    ("lemma", "subject", "named", "kind"),
    [
        # evidence by WordNet's class of the subject's usual sense, no list needed
        ("show", "slide", False, "finding"),  # an artifact
        ("suggest", "email", False, "finding"),  # a communication
        ("show", "transcript", False, "finding"),
        ("find", "ministry", False, "statement"),  # a group speaks for itself
        ("find", "court", False, "statement"),
        ("find", "researcher", False, "statement"),  # a person
        ("find", "trump", True, "statement"),  # a name is never evidence ("trump" is also a card)
        ("show", "it", False, "statement"),  # an unresolved pronoun ("it" is also IT)
    ],
)
def test_kind_of_evidence_from_wordnet(lemma: str, subject: str, named: bool, kind: str) -> None:
    assert kind_of(lemma, subject, named=named) == kind


@pytest.mark.parametrize(
    ("lemma", "acts", "says", "kind"),
    [
        ("try", True, False, "decision"),  # "tried to block the merger": verb.social
        ("fail", True, False, "decision"),
        ("offer", True, False, "decision"),  # "offered to talk": verb.possession, like "agreed to"
        ("threaten", True, False, "statement"),  # "threatened to sue": a threat is uttered (its 2nd sense)
        ("persuade", True, False, "statement"),  # verb.social first, verb.communication second
        ("vow", True, False, "statement"),  # "vowed to resign": verb.communication
        ("urge", True, False, "statement"),  # "urged officials to": words addressed
        ("try", False, False, "statement"),  # no infinitive: the rule does not apply
        ("try", True, True, "statement"),  # words said as well
    ],
)
def test_kind_of_action_verb_with_infinitive_is_a_decision(
    lemma: str, acts: bool, says: bool, kind: str
) -> None:
    assert kind_of(lemma, "minister", says, acts=acts) == kind


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Leaked emails suggest that the deal was agreed in May.", "finding"),
        ("Another slide shows that most avocados come from Mexico.", "finding"),
        ("The minister vowed to resign if the bill passed.", "statement"),
    ],
)
def test_kind_wordnet_end_to_end(nlp: Any, text: str, kind: str) -> None:
    (att,) = extract_attributions(nlp(text), [], DocContext("a"))
    assert att.kind == kind


def test_governs_act_reads_the_infinitive(nlp: Any) -> None:
    assert governs_act(nlp("The board tried to block the merger.")[2])
    assert not governs_act(nlp("The board said the merger was blocked.")[2])
