"""Speakers that refer back or are named by a possessive: resolved, linked, typed (issue 14)."""

from __future__ import annotations

from typing import Any

import pytest

from reportedly.extract.attribution.extractor import extract_attributions
from reportedly.model import DocContext


def _attributions(nlp: Any, text: str) -> list[Any]:
    return extract_attributions(nlp(text), [], DocContext("a"))


def test_speakers_the_source_is_the_source_named_before(nlp: Any) -> None:
    text = (
        "A source close to the rebels told Tolo News that the meeting took place in Moscow. "
        "The source said the talks lasted three hours."
    )
    first, second = _attributions(nlp, text)
    assert second.speaker.text == "The source" and second.speaker.kind == "anonymous"
    assert second.speaker.antecedent is not None
    assert second.speaker.antecedent.text == first.speaker.text
    assert [r.text for r in second.via] == ["Tolo News"]  # it spoke to the same outlet


def test_speakers_plural_officials_do_not_refer_back(nlp: Any) -> None:
    text = (
        "A source close to the rebels said that the meeting took place in Moscow. "
        "The officials said the talks lasted three hours."
    )
    _first, second = _attributions(nlp, text)
    assert second.speaker.antecedent is None


def _analyzed(nlp: Any, text: str) -> tuple[dict[str, Any], list[Any]]:
    from reportedly.extract import analyze_doc

    entities, attributions, _events = analyze_doc(nlp(text), DocContext("a"))
    return {e.id: e for e in entities}, attributions


@pytest.mark.parametrize(
    ("text", "speaker", "linked"),
    [
        ("Egypt's foreign ministry said that the talks would resume in Cairo next week.", "Egypt's", "Egypt"),
        ("The Kremlin's spokesman said on Monday that Russia had no plans to attend.", "Kremlin", "Kremlin"),
        ("France's defence ministry said the troops would leave by the end of the year.", "France", "France"),
        ("Russia's foreign ministry denied that any meeting had taken place.", "Russia", "Russia"),
    ],
)
def test_speakers_possessive_organization_is_never_a_person(
    nlp: Any, text: str, speaker: str, linked: str
) -> None:
    entities, (att,) = _analyzed(nlp, text)
    assert speaker in att.speaker.text
    assert att.speaker.kind == "organization"
    # linked to an entity: the organization itself, or the government or organization owning it
    names = {entities[i].name for i in (att.speaker.entity, att.speaker.affiliation) if i in entities}
    assert any(linked in n for n in names), names


def test_speakers_a_persons_spokesman_is_not_an_organization(nlp: Any) -> None:
    entities, atts = _analyzed(nlp, "Donald Trump's spokesman said that the president would not attend.")
    assert all(a.speaker.kind != "organization" or a.speaker.entity is None for a in atts)


@pytest.mark.parametrize(
    ("text", "antecedent"),
    [
        ("The ministry issued a statement, which said that the border would reopen.", "The ministry"),
        ("The report, which said that the army had committed abuses, was published.", "The report"),
        ("The agency said the storm would hit, and it warned that roads would close.", "The agency"),
    ],
)
def test_speakers_which_that_it_resolved_to_antecedent(nlp: Any, text: str, antecedent: str) -> None:
    atts = _attributions(nlp, text)
    pronoun = [a for a in atts if a.speaker.text.lower() in ("which", "that", "it")]
    assert pronoun
    assert all(a.speaker.antecedent is not None for a in pronoun)
    assert pronoun[-1].speaker.antecedent.text == antecedent


def test_speakers_it_with_nothing_to_stand_for_is_dropped(nlp: Any) -> None:
    atts = _attributions(nlp, "The results came out on Tuesday. It said that profits had fallen by half.")
    assert not [a for a in atts if a.speaker.text.lower() == "it"]


@pytest.mark.parametrize(
    ("text", "antecedent"),
    [
        # the noun the relative clause modifies, without the clause or the pronoun itself
        ("Barkley, who said he typically votes Democratic, backed Kasich.", "Barkley"),
        ("The rise came from the 1 percent who said they preferred him.", "the 1 percent"),
        ("Among those who said the economy mattered most, most backed Sanders.", "those"),
        # a date cannot speak: the noun phrase before it
        (
            "The party hopes to re-elect Sen. Rob Portman this year, who has said the law is fair.",
            "Sen. Rob Portman",
        ),
        # a second relative clause conjoined to the first shares its noun
        (
            "The fight is among African Americans, who are expected to make up half of the electorate"
            " and who said that they like the Clintons.",
            "African Americans",
        ),
        # an adjective used as a noun
        ("The numbers are higher because there are many who have said they will back her.", "many"),
        # a clause hung on a noun across other words: the noun phrase right before it
        ("The board met Sen. Rob Portman on Tuesday, who said that the law was fair.", "Sen. Rob Portman"),
        (
            "Clinton released her medical records in July, which showed she was fit for duty.",
            "her medical records",
        ),
    ],
)
def test_speakers_relative_pronoun_is_the_noun_its_clause_modifies(
    nlp: Any, text: str, antecedent: str
) -> None:
    atts = _attributions(nlp, text)
    relative = [a for a in atts if a.speaker.text.lower() in ("who", "which")]
    assert len(relative) == 1
    assert relative[0].speaker.antecedent is not None
    assert relative[0].speaker.antecedent.text == antecedent


@pytest.mark.parametrize(
    "text",
    [
        "The ministry met the envoy. It seems that the talks failed.",
        "The ministry met the envoy. Instead, it appears that the talks have failed.",
        "The ministry met the envoy. It is believed that the talks failed.",
    ],
)
def test_speakers_expletive_it_is_no_speaker(nlp: Any, text: str) -> None:
    atts = _attributions(nlp, text)
    assert atts  # the claim stays, credited to no one
    assert all(a.speaker.kind == "unattributed" and a.speaker.antecedent is None for a in atts)
    assert all(a.speaker.entity is None for a in atts)


def test_speakers_referential_it_still_resolves(nlp: Any) -> None:
    # "it" with a clause after a speech verb is the agency, not an expletive
    atts = _attributions(nlp, "The agency said the storm would hit, and it warned that roads would close.")
    it = [a for a in atts if a.speaker.text.lower() == "it"]
    assert it and it[0].speaker.antecedent is not None


@pytest.mark.parametrize(
    ("text", "org"),
    [
        ("An RSF spokesman denied the accusation.", "Rapid Support Forces"),
        ("A Taliban spokesman said the talks in Moscow were useful.", "Taliban"),
    ],
)
def test_speakers_an_organizations_spokesman_is_a_person_tied_to_it(nlp: Any, text: str, org: str) -> None:
    entities, (att,) = _analyzed(nlp, text)
    assert att.speaker.kind == "person" and att.speaker.entity is None
    assert att.speaker.affiliation in entities and org in entities[att.speaker.affiliation].name


def test_speakers_officials_of_an_organization_stay_the_organization(nlp: Any) -> None:
    entities, (att,) = _analyzed(nlp, "Taliban officials said the talks in Moscow were useful.")
    assert att.speaker.kind == "organization" and "Taliban" in entities[att.speaker.entity].name


@pytest.mark.parametrize(
    ("text", "country"),
    [
        # the nationality word has no entity mention of its own: the country's entity is found by it
        (
            "Niger's junta expelled the envoy. A Nigerien army officer said instructors had arrived.",
            "NER",
        ),
        ("Taiwan held drills on Monday. A Taiwan security official said the ships had left.", "TWN"),
    ],
)
def test_speakers_one_unnamed_officer_of_a_country_is_anonymous_tied_to_it(
    nlp: Any, text: str, country: str
) -> None:
    entities, atts = _analyzed(nlp, text)
    att = atts[-1]
    assert att.speaker.kind == "anonymous" and att.speaker.entity is None
    assert att.speaker.affiliation in entities and entities[att.speaker.affiliation].country == country


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # object control: the object of "led ... to" speaks, not the subject of "led"
        (
            "The decisive victory led the party chairman to declare that Trump was the nominee.",
            "the party chairman",
        ),
        # an object that cannot speak leaves the subject
        ("She used a crude expression to describe the Turks as ingratiating.", "She"),
        # a name the parser made the object's head, a common noun its real head: an address cannot speak
        (
            "Obama used his State of the Union address to call out Republicans for blocking the bill.",
            "Obama",
        ),
        # a person named inside the object still speaks for it
        ("The scandal prompted Senator Warren to accuse the bank of fraud.", "Senator Warren"),
    ],
)
def test_speakers_object_control_credits_the_object_that_can_speak(nlp: Any, text: str, speaker: str) -> None:
    atts = _attributions(nlp, text)
    assert [a.speaker.text for a in atts] == [speaker]


@pytest.mark.parametrize(
    "text",
    [
        "The ministry met the envoy. Similarly, it’s hard to know where the donors will put their money.",
        "The ministry met the envoy. It’s implied that he won’t stand in her way.",
    ],
)
def test_speakers_expletive_it_with_a_curly_contraction_or_passive_is_no_speaker(nlp: Any, text: str) -> None:
    atts = [a for a in _attributions(nlp, text) if a.speaker.text.lower() in ("it", "reports")]
    assert atts  # the claim stays, credited to no one
    assert all(a.speaker.kind == "unattributed" for a in atts)


def test_speakers_it_never_stands_for_a_plural_speaker(nlp: Any) -> None:
    text = (
        "The company said on Monday that it would act. Politicians and some technologists said the rules "
        "were too weak. It said that it had suspended 125,000 accounts."
    )
    it = [a for a in _attributions(nlp, text) if a.speaker.text == "It"]
    assert it and it[0].speaker.antecedent is not None
    assert it[0].speaker.antecedent.text == "The company"


@pytest.mark.parametrize(
    ("words", "heads", "deps", "speaker"),
    [
        # '"It will," said James Acton.': the parser gives "said" the quotation's subject too
        (
            ['"', "It", "will", ",", '"', "said", "James", "Acton", "."],
            [5, 5, 5, 5, 5, 5, 7, 5, 5],
            ["punct", "nsubj", "aux", "punct", "punct", "ROOT", "compound", "nsubj", "punct"],
            "Acton",
        ),
        # '"My reaction, that was outrageous," the strategist said.'
        (
            ["“", "My", "reaction", ",", "”", "the", "strategist", "said", "."],
            [7, 2, 7, 7, 7, 6, 7, 7, 7],
            ["punct", "poss", "nsubj", "punct", "punct", "det", "nsubj", "ROOT", "punct"],
            "strategist",
        ),
        # one subject, no quotation: that subject
        (
            ["Acton", "said", "it", "will", "."],
            [1, 1, 3, 1, 1],
            ["nsubj", "ROOT", "nsubj", "ccomp", "punct"],
            "Acton",
        ),
    ],
)
def test_speakers_a_subject_inside_the_quotation_is_not_the_speaker(
    words: list[str], heads: list[int], deps: list[str], speaker: str
) -> None:
    import spacy
    from spacy.tokens import Doc

    from reportedly.extract.attribution.speakers import subject_of

    doc = Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps)
    verb = next(t for t in doc if t.dep_ == "ROOT")
    subject = subject_of(verb)
    assert subject is not None and subject.text == speaker
