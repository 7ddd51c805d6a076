"""Governing verbs, light verbs with their own phrase, acts told in the future, one-party events.

Sentences written for this test; the real parse and entities stage, no attributions. Each case states
what PLOVER codes (the relation a governing verb expresses, with the governed act as `content`) and a
control that must not change: an act that is told as done stays that act.
"""

from __future__ import annotations

from typing import Any

import pytest

from reportedly.extract.events.governing import GOVERNING_ROOTS
from reportedly.model import DocContext
from tests.extract.events.parses import PUBLISHED, parsed_events


@pytest.mark.parametrize(
    ("text", "trigger", "kind", "content", "absent"),
    [
        ("Syria threatened to strike Turkish positions on Monday.", "threatened", "THREATEN",
         "to strike Turkish positions on Monday", "ASSAULT"),
        ("Russia refused to send troops to Syria.", "refused", "REJECT",
         "to send troops to Syria", "COOPERATE"),
        ("Eritrea demanded the withdrawal of US staff from Ethiopia.", "demanded", "REQUEST",
         "the withdrawal of US staff from Ethiopia", "RETREAT"),
        # a CAMEO pattern (DEMAND * WITHDRAWAL) already codes the relation: the noun is still its content
        ("Iran demanded the withdrawal of all American forces from Iraq.", "demanded", "REQUEST",
         "the withdrawal of all American forces from Iraq", "RETREAT"),
        ("Turkey plans to attack Kurdish fighters in Syria.", "plans", "THREATEN",
         "to attack Kurdish fighters in Syria", "ASSAULT"),
        ("Japan lodged a protest with North Korea over the missile launch.", "lodged", "ACCUSE",
         "a protest with North Korea over the missile launch", "PROTEST"),
        ("Honduras is willing to withdraw its troops from the border with El Salvador.", "withdraw", "AGREE",
         "withdraw its troops from the border with El Salvador", "RETREAT"),
    ],
)
def test_governing_relation_with_content(
    nlp: Any, text: str, trigger: str, kind: str, content: str, absent: str
) -> None:
    events, _ = parsed_events(nlp, text)
    (event,) = [e for e in events if e.trigger and e.trigger.text == trigger]
    assert event.type == kind
    assert event.content is not None and event.content.text == content
    assert text[event.content.start : event.content.end] == content
    assert absent not in {e.type for e in events}  # the governed act did not happen


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        # told as done: the act itself (CAMEO reads "sent troops" as cooperation, PLOVER as mobilizing; the
        # typer retrained with phrasal patterns reads it as aid by a hair, AID 0.24 against MOBILIZE 0.23:
        # which material act is the typer's call, what this test pins is that no intent is coded)
        ("Russia sent troops to Syria on Monday.", {"COOPERATE", "MOBILIZE", "AID"}),
        ("Japan protested to North Korea over the missile launch.", {"PROTEST"}),
        ("Israel withdrew its troops from southern Gaza.", {"RETREAT"}),
    ],
)
def test_governing_done_acts_keep_their_type(nlp: Any, text: str, kinds: set[str]) -> None:
    events, _ = parsed_events(nlp, text)
    assert kinds & {e.type for e in events}
    assert not {"AGREE", "THREATEN"} & {e.type for e in events}  # no intent to do it
    assert all(e.content is None for e in events)


def test_governing_must_in_a_reported_clause_is_a_demand(nlp: Any) -> None:
    text = "Eritrea's ambassador said Qatar must mediate with Djibouti over the border."
    events, names = parsed_events(nlp, text)
    (request,) = [e for e in events if e.type == "REQUEST"]
    assert [names[r] for r in request.recipients] == ["Qatar"]  # the one who must
    assert request.content is not None and request.content.text.startswith("Qatar must mediate")
    assert "CONSULT" not in {e.type for e in events}


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("Lebanon says it will not accept any more Syrian refugees.", "accept"),
        ("The Taliban have long refused direct talks with the Afghan government.", "refused"),
    ],
)
def test_governing_refusals_are_rejections(nlp: Any, text: str, trigger: str) -> None:
    events, _ = parsed_events(nlp, text)
    (event,) = [e for e in events if e.trigger and e.trigger.text == trigger]
    assert event.type == "REJECT" and event.content is not None
    assert event.status != "negated"  # the refusal happened; what did not is its content


def test_governing_relation_takes_the_act_parties(nlp: Any) -> None:
    events, names = parsed_events(nlp, "Othman Hashim asked to meet Aung San Suu Kyi in Naypyitaw.")
    (request,) = [e for e in events if e.type == "REQUEST"]
    assert [names[a] for a in request.actors] == ["Othman Hashim"]
    assert [names[r] for r in request.recipients] == ["Aung San Suu Kyi"]


def test_governing_speaker_pronoun_is_the_reporting_group(nlp: Any) -> None:
    events, names = parsed_events(
        nlp, "Japan's Defense Ministry said it had lodged a protest with North Korea."
    )
    (accuse,) = [e for e in events if e.type == "ACCUSE"]
    assert [names[a] for a in accuse.actors] and "North Korea" in {names[r] for r in accuse.recipients}


def test_governing_one_party_events_need_a_public_actor(nlp: Any) -> None:
    public, _ = parsed_events(nlp, "Syria threatened to strike back within days.")
    person, _ = parsed_events(nlp, "Jack Ketsoyan asked to respect the privacy of the family.")
    assert "THREATEN" in {e.type for e in public}
    assert person == []


def test_governing_roots_are_cameo_verbal_relations() -> None:
    # appeal, intend, demand, reject, threaten: CAMEO's categories defined over another act
    assert set(GOVERNING_ROOTS) == {"02", "03", "10", "12", "13"}


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("Russian President Vladimir Putin is expected to visit India next month.", "visit"),
        ("Peace talks between Israel and Hamas are scheduled to resume on Monday in Doha.", None),
    ],
)
def test_governing_passive_intent_is_no_event(nlp: Any, text: str, trigger: str | None) -> None:
    """"X is expected to visit": no one expresses an intent (CAMEO 03), so the verb is no event; the planned
    act is, with the passive's subject as its doer."""
    events, names = parsed_events(nlp, text)
    assert not [e for e in events if e.trigger and e.trigger.text in ("expected", "scheduled")]
    if trigger is not None:
        (event,) = [e for e in events if e.trigger and e.trigger.text == trigger]
        assert [names[a] for a in event.actors] == ["Vladimir Putin"]


def test_governing_object_control_gives_the_infinitive_its_doer(nlp: Any) -> None:
    """"prompting Taipei to put its forces on alert": the object of the verb an infinitive hangs off does
    the infinitive's act, not that verb's subject."""
    text = "China's military began drills around Taiwan, prompting Taipei to put its forces on alert."
    events, names = parsed_events(nlp, text)
    (alert,) = [e for e in events if e.trigger and e.trigger.text == "put"]
    assert [names[a] for a in alert.actors] == ["Taipei"]


@pytest.mark.parametrize(
    ("text", "trigger", "kind", "content"),
    [
        # the lexicon codes no reflecting or exercising restraint: the appeal is coded all the same
        ("China called on Japan to reflect on its history.", "called", "REQUEST",
         "to reflect on its history"),
        ("The United Nations urged both sides to exercise restraint.", "urged", "REQUEST",
         "to exercise restraint"),
    ],
)
def test_governing_relation_about_an_uncoded_act(
    nlp: Any, text: str, trigger: str, kind: str, content: str
) -> None:
    events, _ = parsed_events(nlp, text)
    (event,) = [e for e in events if e.trigger and e.trigger.text == trigger]
    assert (event.type, event.content.text if event.content else None) == (kind, content)


def test_governing_a_warning_of_a_fact_is_no_relation(nlp: Any) -> None:
    """Only an act to do (an infinitive) is a relation's uncoded content: a clause may state a fact."""
    events, _ = parsed_events(nlp, "Spokesman Majed al-Ansari warned that gaps remain on key issues.")
    assert events == [] or all(e.content is None for e in events)


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("“Russia must be pressured,” Ukrainian President Volodymyr Zelenskyy said on Friday.", "Zelensky"),
        ("“Every strike is an answer to our proposals,” Ukrainian President Volodymyr Zelenskyy said. "
         "“Russia must be pressured.”", "Zelensky"),
        ("Russia must be pressured, analysts wrote.", None),
    ],
)
def test_governing_obligation_is_the_speakers_demand(nlp: Any, text: str, speaker: str | None) -> None:
    """An obligation names no act that happened: the one quoted demands it (the one pressured is the
    act's, not the demand's target), and with no one quoted there is no event."""
    from reportedly.extract import analyze_doc

    entities, _, events = analyze_doc(nlp(text), DocContext("t", published=PUBLISHED))
    names = {e.id: e.name for e in entities}
    assert "COERCE" not in {e.type for e in events}
    requests = [e for e in events if e.type == "REQUEST"]
    if speaker is None:
        assert not requests
        return
    (request,) = requests
    assert [names[a] for a in request.actors] == [speaker] or speaker in names[request.actors[0]]
    assert request.recipients == ()
    assert request.content is not None and request.content.text.startswith("Russia must be pressured")


@pytest.mark.parametrize(
    "text",
    [
        "“Russia must have attacked the dam,” Ukrainian President Volodymyr Zelenskyy said on Friday.",
        "Zelenskyy said Russia must have attacked the dam.",
    ],
)
def test_governing_an_inferred_act_is_no_demand(nlp: Any, text: str) -> None:
    """'must have attacked' infers an act that happened (the epistemic "must"), quoted or reported: no
    one demands it, so it is no REQUEST."""
    from reportedly.extract import analyze_doc

    _, _, events = analyze_doc(nlp(text), DocContext("t", published=PUBLISHED))
    assert "REQUEST" not in {e.type for e in events}


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        # CAMEO's default for AGREE is 050, no intent root: the typer's AGREE is the relation all the same
        ("Prime Minister Andrej Babis agreed to resign on January 17.", "CONCEDE"),
        ("China has agreed to lift a ban on imports of British beef.", "CONCEDE"),
    ],
)
def test_governing_typed_agreement_holds_its_act(nlp: Any, text: str, absent: str) -> None:
    events, _ = parsed_events(nlp, text)
    (agree,) = [e for e in events if e.type == "AGREE"]
    assert agree.trigger is not None and agree.trigger.text == "agreed"
    assert agree.content is not None and agree.content.text.startswith("to ")
    assert absent not in {e.type for e in events}  # the act agreed to did not happen yet


@pytest.mark.parametrize(
    ("text", "kind", "condition"),
    [
        ("Hezbollah threatened to shell Haifa if Israel hits Beirut.", "THREATEN", "hits"),
        ("Russia will take countermeasures if European countries deploy troops to Ukraine.", None, "deploy"),
        ("Germany and France said they would trigger sanctions unless Tehran resumed cooperation.", None,
         "resumed"),
    ],
)
def test_governing_a_condition_is_no_event(nlp: Any, text: str, kind: str | None, condition: str) -> None:
    """An act marked by "if" or "unless" is the condition of another, not an act: the threat stands."""
    events, _ = parsed_events(nlp, text)
    assert condition not in {e.trigger.text for e in events if e.trigger}
    if kind is not None:
        assert kind in {e.type for e in events}


def test_governing_what_a_call_is_for_is_its_content() -> None:
    """'called for sanctions against Moscow' (CAMEO: CALL FOR * SANCTIONS): the sanctions are the call's
    content, not an event of their own; their target becomes the call's. A hand-built parse, so the test
    reads the rule, not the typer."""
    import spacy
    from spacy.tokens import Doc

    from reportedly.extract.events.drafts import Draft
    from reportedly.extract.events.governing import govern

    words = ["Berlin", "called", "for", "sanctions", "against", "Moscow", "."]
    heads = [1, 1, 1, 2, 3, 4, 1]
    deps = ["nsubj", "ROOT", "prep", "pobj", "prep", "pobj", "punct"]
    pos = ["PROPN", "VERB", "ADP", "NOUN", "ADP", "PROPN", "PUNCT"]
    doc = Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps, pos=pos)

    def draft(i: int, kind: str, cameo: str, actors: list[str], recipients: list[str]) -> Draft:
        return Draft(doc[i], kind, cameo, None, actors, recipients, None, None, None, set(), [doc[i]])

    call, sanctions = draft(1, "THREATEN", "1312", ["e1"], []), draft(3, "SANCTION", "163", [], ["e2"])
    assert govern([call, sanctions]) == [call]
    assert call.content == (3, 6) and call.recipients == ["e2"]
    # a verb coded as no relation (a meeting) governs nothing: both events stay
    other = draft(1, "CONSULT", "04", ["e1"], [])
    assert len(govern([other, draft(3, "SANCTION", "163", [], ["e2"])])) == 2


@pytest.mark.parametrize(
    ("act", "expected"),
    [
        # an agreement to do a hostile act is a threat (CAMEO 13), as an intent to do one is
        (("strike", "ASSAULT", "190"), ("THREATEN", "130", None)),
        # an agreement to do another act stays the typer's relation, the act its content
        (("lift", "RETREAT", "081"), ("AGREE", "050", None)),
    ],
)
def test_governing_typed_relation_holds_its_infinitive(
    act: tuple[str, str, str], expected: tuple[str, str, str | None]
) -> None:
    """A verb the lexicon codes as no relation but the typer typed as one governs its infinitive's act
    (`_typed_relation`). A hand-built parse with no lemmas, so the lexicon codes nothing and the test
    reads the rule, not the typer."""
    import spacy
    from spacy.tokens import Doc

    from reportedly.extract.events.drafts import Draft
    from reportedly.extract.events.governing import govern

    words = ["Moscow", "agreed", "to", act[0], "Kyiv", "."]
    heads = [1, 1, 3, 1, 3, 1]
    deps = ["nsubj", "ROOT", "aux", "xcomp", "dobj", "punct"]
    pos = ["PROPN", "VERB", "PART", "VERB", "PROPN", "PUNCT"]
    doc = Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps, pos=pos)

    def draft(i: int, kind: str, cameo: str, actors: list[str], recipients: list[str]) -> Draft:
        return Draft(doc[i], kind, cameo, None, actors, recipients, None, None, None, set(), [doc[i]])

    agree = draft(1, "AGREE", "050", ["e1"], [])
    assert govern([agree, draft(3, act[1], act[2], [], ["e2"])]) == [agree]  # the act is its content
    assert (agree.type, agree.cameo, agree.mode) == expected
    assert agree.content == (2, 5) and agree.recipients == ["e2"]
    # typed as no relation, the same verb governs nothing: both drafts stay
    assert len(govern([draft(1, "CONSULT", "040", ["e1"], []), draft(3, act[1], act[2], [], ["e2"])])) == 2


@pytest.mark.parametrize(
    ("verb", "typed", "relation"),
    [
        # the typer reads the decision (an intent, CAMEO 03) as the act it takes: no relation, both stay
        ("decide", "RETREAT", False),
        # the typer reads it as the dictionary's relation: the act is its content
        ("decide", "AGREE", True),
        # an order (a demand, CAMEO 10) the typer reads as coercion is that coercion
        ("order", "COERCE", False),
        # a demand the typer reads as the act it asks for stays the demand ("urged ... to lift the ban")
        ("urge", "RETREAT", True),
    ],
)
def test_governing_a_verb_typed_as_an_act_governs_nothing(verb: str, typed: str, relation: bool) -> None:
    """'Japan decided to lift curfews': a verb the lexicon codes as an intent or a demand is that relation
    unless the typer reads it as the act it brings about (`_typed_as_act`). A hand-built parse with lemmas,
    so the lexicon reads the verbs and the typer's label is the one given."""
    import spacy
    from spacy.tokens import Doc

    from reportedly.extract.events.drafts import Draft
    from reportedly.extract.events.governing import govern
    from reportedly.extract.events.triggers import match_token

    words = ["Japan", verb + "d" if verb.endswith("e") else verb + "ed", "to", "lift", "curfews", "."]
    lemmas = ["Japan", verb, "to", "lift", "curfew", "."]
    heads = [1, 1, 3, 1, 3, 1]
    deps = ["nsubj", "ROOT", "aux", "xcomp", "dobj", "punct"]
    pos = ["PROPN", "VERB", "PART", "VERB", "NOUN", "PUNCT"]
    doc = Doc(spacy.blank("en").vocab, words=words, lemmas=lemmas, heads=heads, deps=deps, pos=pos)
    own = match_token(doc[1])
    assert own is not None and own.cameo[:2] in ("03", "10")  # the dictionary: an intent or a demand

    governing = Draft(doc[1], typed, own.cameo, None, ["e1"], [], None, None, None, set(), [doc[1]])
    lift = Draft(doc[3], "RETREAT", "081", None, [], ["e2"], None, None, None, set(), [doc[3]])
    kept = govern([governing, lift])
    assert (kept == [governing]) == relation
    assert (governing.content is not None) == relation


@pytest.mark.parametrize(
    ("text", "kind", "actor", "recipient"),
    [
        # praise of a party's act: the one welcoming is the source (CAMEO 051/052), not a host
        ("The European Union welcomed Iran's decision to release the prisoners.", "SUPPORT", "European Union",
         "Iran"),
        # a visit hosted: PLOVER's host is the recipient, the visitor the actor
        ("Qatar hosted the Taliban delegation in Doha.", "CONSULT", "Taliban", "Qatar"),
    ],
)
def test_governing_hosting_verbs_host_only_visits(nlp: Any, text: str, kind: str, actor: str,
                                                 recipient: str) -> None:
    events, names = parsed_events(nlp, text)
    (event,) = [e for e in events if e.type == kind]
    assert [names[a] for a in event.actors] == [actor]
    assert [names[r] for r in event.recipients] == [recipient]


@pytest.mark.parametrize(
    ("word", "tag", "aux", "relation"),
    [
        # an act to be done: the demand, the act its content
        ("withdraw", "VB", None, True),
        # a fact stated in a finite tense ("insists it is strictly enforcing all sanctions"): no demand
        ("withdrew", "VBD", None, False),
        ("withdrawing", "VBG", ("is", "VBZ"), False),
        # a future act is still one to be done
        ("withdraw", "VB", ("will", "MD"), True),
    ],
)
def test_governing_a_clause_stating_a_fact_is_no_relation(
    word: str, tag: str, aux: tuple[str, str] | None, relation: bool
) -> None:
    """'China insists Israel withdraw troops' is a demand (CAMEO 10); 'China insists Israel withdrew troops'
    states a fact (`_states_fact`): both drafts stay. A hand-built parse with lemmas and tags."""
    import spacy
    from spacy.tokens import Doc

    from reportedly.extract.events.drafts import Draft
    from reportedly.extract.events.governing import govern
    from reportedly.extract.events.triggers import match_token

    before = ["China", "insists", "Israel"] + ([aux[0]] if aux else [])
    words = [*before, word, "troops", "."]
    verb = len(before)
    lemmas = ["China", "insist", "Israel"] + ([aux[0]] if aux else []) + ["withdraw", "troop", "."]
    tags = ["NNP", "VBZ", "NNP"] + ([aux[1]] if aux else []) + [tag, "NNS", "."]
    pos = ["PROPN", "VERB", "PROPN"] + (["AUX"] if aux else []) + ["VERB", "NOUN", "PUNCT"]
    heads = [1, 1, verb] + ([verb] if aux else []) + [1, verb, 1]
    deps = ["nsubj", "ROOT", "nsubj"] + (["aux"] if aux else []) + ["ccomp", "dobj", "punct"]
    doc = Doc(spacy.blank("en").vocab, words=words, lemmas=lemmas, tags=tags, pos=pos, heads=heads, deps=deps)
    own, act = match_token(doc[1]), match_token(doc[verb])
    assert own is not None and own.cameo.startswith("10") and act is not None

    insist = Draft(doc[1], own.type, own.cameo, None, ["e1"], [], None, None, None, set(), [doc[1]])
    withdraw = Draft(doc[verb], act.type, act.cameo, None, ["e2"], [], None, None, None, set(), [doc[verb]])
    kept = govern([insist, withdraw])
    assert (kept == [insist]) == relation
    assert (insist.content is not None) == relation
