"""End to end: the seed article's nine attributions, and attribution patterns on parsed sentences."""

from __future__ import annotations

from typing import Any

import pytest
import spacy
import yaml
from spacy.tokens import Doc

from reportedly.extract.attribution.drafts import is_passive_adjunct
from reportedly.extract.attribution.extractor import extract_attributions
from reportedly.model import Dateline, DocContext


def _norm(text: str) -> str:
    return text.replace("’", "'").replace("“", '"').replace("”", '"').strip()


@pytest.fixture(scope="module")
def expected(shared: Any) -> list[dict[str, Any]]:
    # Only the attributions section: other sections of the reference hold prose YAML cannot parse.
    text = (shared / "seed" / "russia-host-talks.expected.yaml").read_text("utf-8")
    section = text[text.index("\nattributions:") : text.index("\nevents:")]
    return list(yaml.safe_load(section)["attributions"])


def _name(article: Any, entity_id: str | None, text: str) -> str:
    names = {e.id: e.name for e in article.entities}
    return names.get(entity_id or "", text)


def test_quotes_seed_has_nine_attributions_in_order(
    seed_article: Any, expected: list[dict[str, Any]]
) -> None:
    got = seed_article.attributions
    assert [a.id for a in got] == [f"q{n}" for n in range(1, len(expected) + 1)]
    assert [_norm(a.content.text) for a in got] == [_norm(e["content"]) for e in expected]


@pytest.mark.parametrize("index", range(9))
def test_quotes_seed_attribution_matches_reference(
    seed_article: Any, expected: list[dict[str, Any]], index: int
) -> None:
    want, got = expected[index], seed_article.attributions[index]
    text = seed_article.text
    assert text[got.content.start : got.content.end] == got.content.text
    assert text[got.cue.start : got.cue.end] == got.cue.text
    assert _norm(got.cue.text) == _norm(want["cue"])
    assert got.direct == want["direct"]
    assert got.stance == want["stance"]
    assert [_name(seed_article, r.entity, r.text) for r in got.via] == want["via"]
    speaker = want["speaker"]
    if isinstance(speaker, dict):
        assert got.speaker.kind == speaker["kind"]
        assert _norm(got.speaker.text) == _norm(speaker["text"]) or speaker["kind"] == "organization"
    else:
        name = _name(seed_article, got.speaker.entity, got.speaker.text)
        assert speaker.split()[-1].lower() in name.lower()


def test_quotes_seed_source_close_to_nrf_is_anonymous(seed_article: Any) -> None:
    source = seed_article.attributions[3].speaker
    assert source.kind == "anonymous"
    nrf = [
        e.id
        for e in seed_article.entities
        if any("NRF" in m.text or "Resistance" in m.text for m in e.mentions)
    ]
    if nrf:  # linked once the entities stage finds NRF
        assert source.affiliation in nrf


def _attributions(nlp: Any, text: str, agency: str | None = None) -> list[Any]:
    ctx = DocContext("t", dateline=Dateline("X (AP):", None, None, agency) if agency else None)
    return extract_attributions(nlp(text), [], ctx)


@pytest.mark.parametrize(
    ("text", "speaker", "cue", "content", "direct"),
    [
        (
            "“We will not back down from this fight,” the senator said on Monday.",
            "the senator",
            "said",
            "We will not back down from this fight,",
            True,
        ),
        (
            '"We will not back down from this fight," said Maria Lopez.',
            "Maria Lopez",
            "said",
            "We will not back down from this fight,",
            True,
        ),
        (
            "Maria Lopez said: “We will not back down from this fight.”",
            "Maria Lopez",
            "said",
            "We will not back down from this fight.",
            True,
        ),
        (
            "The minister said on Tuesday that the border would reopen next week.",
            "The minister",
            "said",
            "the border would reopen next week",
            False,
        ),
        (
            "The health agency urged residents to stay indoors during the afternoon.",
            "The health agency",
            "urged",
            "residents to stay indoors during the afternoon",  # PolNeAR: the addressee joins an infinitive
            False,
        ),
        (
            "The ministry released a statement saying that the border would stay closed.",
            "The ministry",  # the sender speaks, not "a statement"
            "released a statement saying",
            "the border would stay closed",
            False,
        ),
        (
            "According to the police, three people were arrested near the station.",
            "the police",
            "according to",
            "three people were arrested near the station",
            False,
        ),
        (
            "“The water is not safe to drink yet” -Commissioner Ann Bell",
            "Commissioner Ann Bell",
            "-",
            "The water is not safe to drink yet",
            True,
        ),
        # the horizontal bar (U+2015), typesetting's quotation dash, with or without a space
        (
            "“He is ignorant of our culture and of the lives we lead.”― Pamela Padilla",
            "Pamela Padilla",
            "―",
            "He is ignorant of our culture and of the lives we lead.",
            True,
        ),
        # a no-break space before the dash and after the name: the name alone speaks
        (
            "“I am so ashamed to be an American right now.”\u00a0― Jacklyn Ashley\u00a0\n",
            "Jacklyn Ashley",
            "―",
            "I am so ashamed to be an American right now.",
            True,
        ),
    ],
)
def test_quotes_patterns(nlp: Any, text: str, speaker: str, cue: str, content: str, direct: bool) -> None:
    (att,) = _attributions(nlp, text)
    assert (att.speaker.text, att.cue.text.lower(), att.content.text, att.direct) == (
        speaker,
        cue,
        content,
        direct,
    )


def test_quotes_floating_quote_continues_last_speaker(nlp: Any) -> None:
    text = (
        "“We are ready to talk to anyone who wants peace,” Lonechild said.\n\n"
        "The council meets again on Monday.\n\n"
        "“Nobody in this community wants another winter like the last one.”\n\n"
    )
    first, second = _attributions(nlp, text)
    assert second.direct and second.content.text.startswith("Nobody")
    assert second.speaker.text == first.speaker.text == "Lonechild"
    # the same mention as the attribution it continues
    assert (second.speaker.start, second.speaker.end) == (first.speaker.start, first.speaker.end)


@pytest.mark.parametrize(
    ("text", "mention"),
    [
        # a pronoun speaker: the float keeps the pronoun's mention and its antecedent
        (
            "Warren questioned the bank's chief executive on Tuesday.\n\n"
            "“This just isn't right,” she said.\n\n"
            "The bank's shares fell two percent in the afternoon.\n\n"
            "“You squeezed employees to the breaking point.”",
            "she",
        ),
        # a named speaker: the float keeps that mention, not the article's first one
        (
            "Lonechild spoke at the council on Monday.\n\n"
            "“We are ready to talk to anyone who wants peace,” Lonechild said, pointing at the map.\n\n"
            "The council meets again in March.\n\n"
            "“Nobody in this community wants another winter like the last one.”",
            "Lonechild",
        ),
    ],
)
def test_quotes_floating_quote_keeps_last_speakers_mention(nlp: Any, text: str, mention: str) -> None:
    *_, first, second = _attributions(nlp, text)
    assert second.content.text.startswith(("You", "Nobody")) and second.direct
    assert second.speaker.text == first.speaker.text == mention
    assert second.speaker.start == first.speaker.start == text.rindex(f"{mention} said")
    assert second.speaker.antecedent == first.speaker.antecedent


@pytest.mark.parametrize(
    ("text", "content"),
    [
        # a quotation split by its own speaker and cue, within a sentence and over the next one
        (
            "“The talks were constructive,” the envoy said, “and they will resume in March.”",
            "The talks were constructive,” the envoy said, “and they will resume in March.",
        ),
        # the verb's own words ("reporters on Friday") between the credit and the second half
        (
            "“The talks were constructive,” the envoy told reporters on Friday, "
            "“and they will resume in March.”",
            "The talks were constructive,” the envoy told reporters on Friday, "
            "“and they will resume in March.",
        ),
        (
            "“We are ready to talk to anyone who wants peace,” Lonechild said.\n\n"
            "“Nobody in this community wants another winter like the last one.”",
            "We are ready to talk to anyone who wants peace,” Lonechild said.\n\n"
            "“Nobody in this community wants another winter like the last one.",
        ),
        # an inserted speaker: both sides of "he said" are the content
        (
            "The talks, he said, were constructive and will resume in March.",
            "The talks, he said, were constructive and will resume in March",
        ),
        # the parse hangs the insertion on the subject, or makes the verb of saying the root
        (
            "The difference now, he told me on Friday, is that he leads a news program.",
            "The difference now, he told me on Friday, is that he leads a news program",
        ),
        (
            "These employees, Stumpf explained earlier in the hearing, were well paid.",
            "These employees, Stumpf explained earlier in the hearing, were well paid",
        ),
        # hung on the subordinate clause that opens the sentence: the whole sentence is said
        (
            "Though that transition was relatively seamless, he said, replacing Clinton would be "
            "much more acrimonious.",
            "Though that transition was relatively seamless, he said, replacing Clinton would be "
            "much more acrimonious",
        ),
    ],
)
def test_quotes_one_record_over_an_inserted_speaker(nlp: Any, text: str, content: str) -> None:
    (att,) = _attributions(nlp, text)
    assert att.content.text == content
    assert att.content.start < att.cue.start < att.content.end


def test_quotes_pronoun_resolves_to_last_speaker(nlp: Any) -> None:
    text = "Lonechild said the talks would resume. She said that the chiefs had agreed to meet in June."
    first, second = _attributions(nlp, text)
    assert second.speaker.text == "She"
    assert second.speaker.antecedent is not None and second.speaker.antecedent.text == "Lonechild"


def test_quotes_unbalanced_mark_keeps_rest_of_article(nlp: Any) -> None:
    text = (
        "“This sentence opens a quote that never closes, the mayor said.\n\n"
        "Later, the police chief said that the road had been cleared by noon."
    )
    atts = _attributions(nlp, text)
    assert any(a.content.text == "the road had been cleared by noon" for a in atts)


def test_quotes_unattributed_reports(nlp: Any) -> None:
    (att,) = _attributions(nlp, "It was reported that the airport had been closed for two days.")
    assert (
        att.speaker.kind == "unattributed" and att.content.text == "the airport had been closed for two days"
    )


def test_quotes_dateline_agency_is_outermost_relay(nlp: Any) -> None:
    atts = _attributions(nlp, "The governor told Reuters that the bridge would be rebuilt.", agency="AP")
    assert [r.text for r in atts[0].via] == ["Reuters", "AP"]


@pytest.mark.parametrize(
    ("text", "speaker", "kind", "stance"),
    [
        (
            "Officials familiar with the talks said the deal was close.",
            "Officials familiar with the talks",
            "anonymous",
            "assert",
        ),
        ("Diplomats said the embassy would reopen in March.", "Diplomats", "anonymous", "assert"),
        ("The governor said that schools would close.", "The governor", "person", "assert"),
        (
            "The army rejected reports that soldiers had fired on the crowd.",
            "The army",
            "organization",
            "deny",
        ),
        ("The ministry dismissed the claims as baseless.", "The ministry", "organization", "deny"),
        (
            "The spokesman did not deny that the meeting took place.",
            "The spokesman",
            "person",
            "non_committal",
        ),
        ("There were reports that the president had left the country.", "reports", "unattributed", "assert"),
        ("The school will close on Monday, reported the Daily Star.", "the Daily Star", "media", "assert"),
        ("The source told AFP that the talks would resume.", "The source", "anonymous", "assert"),
        (
            "The denial came after a source close to the rebels told Tolo News that talks had taken place.",
            "a source close to the rebels",
            "anonymous",
            "assert",
        ),
    ],
)
def test_quotes_speaker_kind_and_stance(nlp: Any, text: str, speaker: str, kind: str, stance: str) -> None:
    (att,) = _attributions(nlp, text)
    assert (att.speaker.text, att.speaker.kind, att.stance) == (speaker, kind, stance)


@pytest.mark.parametrize(
    ("text", "speaker", "content"),
    [
        (
            "The talks, he said, were constructive and will resume.",
            "he",
            "The talks, he said, were constructive and will resume",
        ),
        (
            "It was on her watch, the senator said, that the agency lost track of the funds.",
            "the senator",
            "It was on her watch, the senator said, that the agency lost track of the funds",
        ),
        ("The talks were constructive, he said.", "he", "The talks were constructive"),
        (
            "The border will reopen next week, the minister told reporters on Tuesday.",
            "the minister",
            "The border will reopen next week",
        ),
    ],
)
def test_quotes_parenthetical_and_trailing_speakers(nlp: Any, text: str, speaker: str, content: str) -> None:
    # Inside the content, the content is both sides of "he said" (PolNeAR's two fragments).
    (att,) = _attributions(nlp, text)
    assert (att.speaker.text, att.content.text, att.direct) == (speaker, content, False)
    assert att.cue.text in ("said", "told")


@pytest.mark.parametrize(
    ("text", "cues"),
    [
        (
            "“It is a reflection of the anger that people feel,” he said, citing the lack of jobs.",
            {"said": "It is a reflection of the anger that people feel,", "citing": "the lack of jobs"},
        ),
        (
            "“We have come a long way in nine months,” she said, noting that the economy had grown.",
            {"said": "We have come a long way in nine months,", "noting": "the economy had grown"},
        ),
    ],
)
def test_quotes_one_attribution_per_content(nlp: Any, text: str, cues: dict[str, str]) -> None:
    # The participle's subject is the main verb's, and so is the quotation before them: the
    # participle credits its own words, and the quotation is credited once.
    atts = _attributions(nlp, text)
    assert {a.cue.text: a.content.text for a in atts} == cues


def test_quotes_one_draft_per_content_nearest_cue_kept() -> None:
    from reportedly.extract.attribution.drafts import Draft
    from reportedly.extract.attribution.extractor import _one_per_content

    text = '"We will win this race," Smith said, adding he was sure.'
    quote = (1, 23)  # without its marks
    marked = (0, 24)  # the same words with their marks: an indirect reading of the quotation
    said = Draft((31, 35), None, None, quote, True, "quotes.direct.v1")
    adding = Draft((37, 43), None, None, marked, False, "quotes.indirect.v1")
    other = Draft((37, 43), None, None, (44, 55), False, "quotes.indirect.v1")
    assert _one_per_content([adding, said, other], text) == [said, other]


def test_quotes_name_colon_line_credits_the_person(nlp: Any) -> None:
    text = (
        "Bernie Sanders: Clinton needs to get away from all of this personality stuff.\n\n"
        "READ MORE: the debate is on Monday."
    )
    (att,) = _attributions(nlp, text)
    assert (att.speaker.text, att.cue.text, att.direct) == ("Bernie Sanders", ":", False)
    assert att.content.text == "Clinton needs to get away from all of this personality stuff"


@pytest.mark.parametrize(
    ("label", "speaker"),
    [
        ("Sanders", ["Sanders"]),  # a headline's surname the tagger reads as a noun: the article names him
        ("Update", []),  # capitalized, but no person of the article
        ("Analysis", []),  # a label, no name
    ],
)
def test_quotes_name_colon_headline_names_a_person_of_the_article(
    nlp: Any, label: str, speaker: list[str]
) -> None:
    text = (
        f"{label}: Clinton needs to get away from all of this personality stuff with Trump.\n\n"
        "Bernie Sanders offered some pointed advice to Hillary Clinton on Friday."
    )
    colon = [a for a in _attributions(nlp, text) if a.cue.text == ":"]
    assert [a.speaker.text for a in colon] == speaker


@pytest.mark.parametrize(
    ("intro", "speaker"),
    [
        ("The governor added:", ["The governor"]),  # a block quotation that lost its marks
        ("In a speech last July, Limbaugh said:", ["Limbaugh"]),
        ("CNN also noted the sparse attendance:", []),  # the colon introduces something else
        ("Here is the schedule:", []),  # nobody says it
    ],
)
def test_quotes_block_quotation_after_a_colon(nlp: Any, intro: str, speaker: list[str]) -> None:
    text = f"{intro}\n\nIt is typical of the senator. She knows nothing, but the mouth never stops.\n"
    block = [a for a in _attributions(nlp, text) if a.cue.text == ":"]
    assert [a.speaker.text for a in block] == speaker
    assert all(a.direct and a.content.text.startswith("It is typical") for a in block)


@pytest.mark.parametrize(
    ("text", "records"),
    [
        # a participle of saying after a comma closes the reported clause: a second claim of the
        # reporting verb's subject, whatever clause the parser hangs it on
        (
            "Sen. David Perdue said he didn’t believe those claims hurt Romney, "
            "arguing that it was divisions in the party that were a bigger hurdle.",
            [
                ("Sen. David Perdue", "said", "he didn’t believe those claims hurt Romney"),
                ("Sen. David Perdue", "arguing", "it was divisions in the party that were a bigger hurdle"),
            ],
        ),
        (
            "Foreign policy analysts said geopolitical factors have raised Burma's appeal, citing the "
            "strategic importance of a nation that borders China.",
            [
                ("Foreign policy analysts", "said", "geopolitical factors have raised Burma's appeal"),
                ("Foreign policy analysts", "citing", "the strategic importance of a nation that borders "
                 "China"),
            ],
        ),
    ],
)
def test_quotes_participle_of_saying_is_a_second_claim(
    nlp: Any, text: str, records: list[tuple[str, str, str]]
) -> None:
    assert [(a.speaker.text, a.cue.text, a.content.text) for a in _attributions(nlp, text)] == records


def test_quotes_quotation_ending_its_sentence_is_not_the_next_speakers(nlp: Any) -> None:
    text = (
        "Simonyan told Ms. Martin that her statement was “not in line with our editorial policy.” "
        "The network said it would send Ms. Martin to Crimea for a better understanding."
    )
    network = next(a for a in _attributions(nlp, text) if a.speaker.text == "The network")
    assert (network.content.text, network.direct) == (
        "it would send Ms. Martin to Crimea for a better understanding", False)
    # a quotation closing on a comma before its speaker stays his
    (att,) = _attributions(nlp, "“We will send her to Crimea,” the network said.")
    assert (att.speaker.text, att.content.text) == ("the network", "We will send her to Crimea,")


def test_quotes_no_clause_beside_an_inserted_speaker_is_no_attribution(nlp: Any) -> None:
    assert _attributions(nlp, "Yesterday, he told reporters.") == []


@pytest.mark.parametrize(
    ("text", "speaker", "content"),
    [
        # set off inside the clause: both sides are the content (PolNeAR's two fragments)
        (
            "The economy, according to the central bank, will grow by 2 percent next year.",
            "the central bank",
            "The economy, according to the central bank, will grow by 2 percent next year",
        ),
        (
            "The attack, as per the ministry, killed 12 people.",
            "the ministry",
            "The attack, as per the ministry, killed 12 people",
        ),
        # at the end or the start: one side
        (
            "The economy will grow, according to the central bank.",
            "the central bank",
            "The economy will grow",
        ),
        ("According to the bank, the economy will grow.", "the bank", "the economy will grow"),
    ],
)
def test_quotes_according_inside_the_content(nlp: Any, text: str, speaker: str, content: str) -> None:
    (att,) = _attributions(nlp, text)
    assert (att.speaker.text, att.content.text, att.direct) == (speaker, content, False)


def test_quotes_according_before_another_claim_keeps_its_side(nlp: Any) -> None:
    # the words after the credit are another claim of another verb: not this content
    text = (
        "Scott's relatives watched the police videos on Thursday, according to their attorneys, "
        "and said they came away with more questions than answers."
    )
    according = next(a for a in _attributions(nlp, text) if a.cue.text == "according to")
    assert according.content.text == "Scott's relatives watched the police videos on Thursday"


@pytest.mark.parametrize(
    ("text", "speakers"),
    [
        # a verb inside that says nothing of its subject's: the claim is the credited source's
        ("According to police, officers saw Scott get out of a car with a handgun.", ["police"]),
        ("Clinton plans to visit Charlotte on Sunday, according to a campaign aide.", ["a campaign aide"]),
        # a verb of saying inside: its subject speaks, the credited outlet relays
        (
            "According to Yahoo News, Clinton spokesman Jesse Lehrich said Friday that she would sign it.",
            ["Clinton spokesman Jesse Lehrich"],
        ),
    ],
)
def test_quotes_according_frames_what_no_one_inside_says(nlp: Any, text: str, speakers: list[str]) -> None:
    assert [a.speaker.text for a in _attributions(nlp, text)] == speakers


@pytest.mark.parametrize(
    ("text", "content"),
    [
        # the quotation ends a clause the speaker is credited with: the clause is the content
        (
            "The plan would send a clear message that the priority "
            '"is increasing the tax liability at the top," Mr. Kamin said.',
            "The plan would send a clear message that the priority "
            '"is increasing the tax liability at the top,"',
        ),
        (
            'The ministry called the strikes "a grave violation of international law," the spokesman said.',
            'The ministry called the strikes "a grave violation of international law,"',
        ),
    ],
)
def test_quotes_mixed_quotation_before_its_speaker(nlp: Any, text: str, content: str) -> None:
    (att,) = _attributions(nlp, text)
    assert (att.content.text, att.direct) == (content, False)


def test_quotes_whole_quotation_before_its_speaker_stays_direct(nlp: Any) -> None:
    # words before the quotation that are no part of its clause do not join it
    text = 'In a statement on Tuesday, "we will never surrender to these people," he said.'
    (att,) = _attributions(nlp, text)
    assert (att.content.text, att.direct) == ("we will never surrender to these people,", True)


def test_quotes_verb_with_its_own_words_takes_no_clause_before(nlp: Any) -> None:
    # a title quoted before "she added the words, ..." is no part of what she added
    text = (
        "Ms. LaBelle got a huge roar from the crowd when, at the end of her rendition of the anthem "
        "''A Change Is Gonna Come,'' she added the words, ''Hillary Clinton.''"
    )
    assert all(not a.content.text.startswith("Ms. LaBelle") for a in _attributions(nlp, text))


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "President Obama is rolling out a new campaign message: "
            '"It is about me and my legacy, and I want you to vote."',
            "President Obama",
        ),
        ('The senator had a simple message for voters: "Go out and vote next Tuesday."', "The senator"),
    ],
)
def test_quotes_colon_after_a_clause_of_saying_credits_its_subject(nlp: Any, text: str, speaker: str) -> None:
    (att,) = _attributions(nlp, text)
    assert (att.speaker.text, att.cue.text, att.direct) == (speaker, ":", True)


@pytest.mark.parametrize(
    "text",
    [
        'Police found a note in the car: "I am sorry for everything I did."',  # a thing bearing words
        'The reason was simple: "We had no money left to pay anyone."',  # no one to speak
    ],
)
def test_quotes_colon_after_other_clauses_credits_no_one(nlp: Any, text: str) -> None:
    # the colon rule's own answer; "found a note" is no claim either (test_propositions.py)
    assert not any(a.extractor == "quotes.colon.v1" for a in _attributions(nlp, text))


@pytest.mark.parametrize(
    "text",
    [
        'Police found a note: "I am sorry for what I have done to all of you."',
        'Police found a note in the car. "I am sorry for what I have done to all of you."',
    ],
)
def test_quotes_a_thing_found_credits_no_one(nlp: Any, text: str) -> None:
    # "found a note" is no statement, and the quotation after it has no speaker to float onto
    assert _attributions(nlp, text) == []


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "Clinton has largely ignored tax reform. Said Ellis: “I don't get the sense she is interested.”",
            "Ellis",
        ),
        (
            "The debate went on.\n\nSen. Bernie Sanders: “We need a political revolution in this country.”",
            "Sen. Bernie Sanders",
        ),
    ],
)
def test_quotes_colon_after_a_name_opening_a_sentence(nlp: Any, text: str, speaker: str) -> None:
    (att,) = _attributions(nlp, text)
    assert (att.speaker.text, att.cue.text, att.direct) == (speaker, ":", True)


TRANSCRIPT = (
    "Gov. Mike Pence spoke to Fox News Sunday.\n\n"
    '"WALLACE: Let us start with the breaking news on the debate story tonight."\n\n'
    '"PENCE: Well, look, the campaign thinks this is an episode of reality television."\n\n'
    '"WALLACE: Do you really see those two things as equivalent here?"'
)


def test_quotes_transcript_labels_credit_their_speakers(nlp: Any) -> None:
    got = [(a.speaker.text, a.cue.text, a.content.text[:8]) for a in _attributions(nlp, TRANSCRIPT)]
    # WALLACE takes two turns, PENCE one turn and is named in the article
    assert got == [("WALLACE", ":", "Let us s"), ("PENCE", ":", "Well, lo"), ("WALLACE", ":", "Do you r")]


@pytest.mark.parametrize(
    "text",
    [
        # a lone label in capitals that names no one in the article
        '"UPDATE: The minister will speak to reporters on Monday morning about it."',
        # the same in the middle of an article: no label, no speaker
        'The memo was short. "NOTE: The minister will speak to reporters on Monday morning."',
    ],
)
def test_quotes_a_lone_capital_label_is_no_speaker(nlp: Any, text: str) -> None:
    assert _attributions(nlp, text) == []


def test_quotes_clause_after_the_verb_before_a_clause_before_it(nlp: Any) -> None:
    # the parser hangs the headline's label on "says" as a second clause: the one after is the content
    (att,) = _attributions(nlp, "Stocks to watch: Tesla says deliveries rose in the third quarter")
    assert (att.speaker.text, att.content.text) == ("Tesla", "deliveries rose in the third quarter")


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # a quotation inside a sentence under a verb of communication: its subject's words
        (
            "The rally was loud.\n\nTrump tells his supporters at a Michigan rally to “go to your place "
            "and vote” and then “go pick some other place and go sit there with your friends.”",
            "Trump",
        ),
        (
            "The senator spoke for an hour.\n\nShe told the crowd about her plan, and about “a future "
            "where every family can afford a home.”",
            "She",
        ),
    ],
)
def test_quotes_inline_quotation_credits_its_clauses_subject(nlp: Any, text: str, speaker: str) -> None:
    att = _attributions(nlp, text)[-1]
    assert att.speaker.text == speaker and att.direct


@pytest.mark.parametrize(
    "text",
    [
        # under a verb that is no speech, or a copula: words about the subject, not the subject's
        "The council met on Monday.\n\nNorth Korea displayed “complete disregard of the repeated "
        "demands of the international community.”",
        "The council met on Monday.\n\nThe governor is “temperamentally unfit to be commander-in-chief "
        "of anything at all.”",
    ],
)
def test_quotes_inline_quotation_under_other_verbs_credits_no_subject(nlp: Any, text: str) -> None:
    assert all(a.extractor != "quotes.inline.v1" for a in _attributions(nlp, text))


@pytest.mark.parametrize("sep", ["\n\n", " "])  # paragraphs, and paragraphs flattened to spaces
def test_quotes_multi_paragraph_quotation_is_one_statement_of_its_speaker(nlp: Any, sep: str) -> None:
    text = (
        "Rail officials met on Monday.\n\nThe police chief said: “We have a very difficult scene."
        + sep
        + "“Carriages are lying on their side and will have to be moved carefully.”"
    )
    got = _attributions(nlp, text)
    assert len(got) == 1
    assert got[0].speaker.text == "The police chief"
    assert got[0].content.text == (
        "We have a very difficult scene."
        + sep
        + "“Carriages are lying on their side and will have to be moved carefully."
    )


# Issue 14's unseen-news sample: a passive participle of asking opening an adverbial clause borrows
# its subject from the main verb, but that subject is the one asked: the question is not his words.
# The question stays, unattributed: the asker is not named (PolNeAR annotates it with no source).
@pytest.mark.parametrize(
    ("text", "speaker", "content", "question"),
    [
        (
            "“We are a totally different team,” Greg McDermott said when asked what Echenique means"
            " to his club.",
            "Greg McDermott",
            "We are a totally different team",
            "what Echenique means to his club",
        ),
        (
            "When asked whether he would run again, Smith said he had not decided.",
            "Smith",
            "he had not decided",
            "whether he would run again",
        ),
        (
            "Asked about the delay, the minister said the trains would run on Monday.",
            "the minister",
            "the trains would run on Monday",
            "the delay",
        ),
    ],
)
def test_quotes_the_one_asked_is_no_speaker_of_the_question(
    nlp: Any, text: str, speaker: str, content: str, question: str
) -> None:
    found = {a.content.text.strip(" ,."): a.speaker for a in _attributions(nlp, text)}
    assert found[content].text == speaker
    assert found.get(question) is None or found[question].kind == "unattributed"


def test_quotes_asked_by_an_agent_credits_the_agent() -> None:
    doc = Doc(
        spacy.blank("en").vocab,
        words=["Asked", "by", "reporters", "whether", "he", "would", "run", ",", "he", "said", "no"],
        heads=[9, 0, 1, 6, 6, 6, 0, 9, 9, 9, 9],
        deps=["advcl", "agent", "pobj", "mark", "nsubj", "aux", "ccomp", "punct", "nsubj", "ROOT", "dobj"],
        tags=["VBN", "IN", "NNS", "IN", "PRP", "MD", "VB", ",", "PRP", "VBD", "UH"],
    )
    bare = Doc(
        doc.vocab,
        words=["He", "said", "when", "asked", "what", "it", "means"],
        heads=[1, 1, 3, 1, 6, 6, 3],
        deps=["nsubj", "ROOT", "advmod", "advcl", "dobj", "nsubj", "ccomp"],
        tags=["PRP", "VBD", "WRB", "VBD", "WP", "PRP", "VBZ"],
    )
    when_he = Doc(
        doc.vocab,
        words=["He", "said", "when", "she", "asked", "why"],
        heads=[1, 1, 4, 4, 1, 4],
        deps=["nsubj", "ROOT", "advmod", "nsubj", "advcl", "advmod"],
        tags=["PRP", "VBD", "WRB", "PRP", "VBD", "WRB"],
    )
    assert not is_passive_adjunct(doc[0])  # a "by" agent names the asker
    assert is_passive_adjunct(bare[3])  # "when asked", tagged a past tense
    assert not is_passive_adjunct(when_he[4])  # "when she asked": her own question
