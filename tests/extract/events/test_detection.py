"""Detection rules of issue 13: which parties a sentence names (countries, people no entity covers, the
party an object bears on). Docs are built by hand (no statistical model)."""

from __future__ import annotations

import pytest
from spacy.tokens import Span as DocSpan

from reportedly.extract.events.arguments import ArgIndex, is_country_entity, roles_for
from reportedly.extract.events.extractor import _names_target
from reportedly.extract.places import country_place
from reportedly.model import Entity, Span
from tests.extract.events.parses import found_entities, hand_parse, named_entities


def _place(name: str, iso3: str, geonameid: int | None) -> Entity:
    return Entity("e1", name, "GPE", None, (name,), (), (), (Span(0, len(name), name),),
                  kind="place", country=iso3, geonameid=geonameid)


def test_country_entity_by_the_gazetteer_entry_not_only_pycountry_names() -> None:
    russia = country_place("RUS")
    assert russia is not None and russia.geonameid is not None
    # pycountry lists "Russian Federation", so the name alone is no country; the gazetteer entry is
    assert is_country_entity(_place("Russia", "RUS", russia.geonameid))
    assert not is_country_entity(_place("Moscow", "RUS", 524901))  # a city in it is not
    assert not is_country_entity(_place("Essequibo", "GUY", None))
    assert is_country_entity(_place("Syria", "SYR", None))  # a name pycountry knows


def _verb_object(obj: tuple[str, str], extra: list[tuple[str, str, int, str, str]] | None = None):  # type: ignore[no-untyped-def]
    # "Iran tortured a <obj> ..."
    return hand_parse([
        ("Iran", "Iran", 1, "nsubj", "PROPN"),
        ("tortured", "torture", 1, "ROOT", "VERB"),
        ("a", "a", 3, "det", "DET"),
        (obj[0], obj[1], 1, "dobj", "NOUN"),
        *(extra or []),
    ])


def test_a_person_or_group_object_names_a_target_by_wordnet_class() -> None:
    assert _names_target(_verb_object(("inmate", "inmate"))[1])  # noun.person
    assert _names_target(_verb_object(("crowd", "crowd"))[1])  # noun.group
    assert not _names_target(_verb_object(("referendum", "referendum"))[1])  # noun.act
    assert not _names_target(_verb_object(("rim", "rim"))[1])  # noun.shape


def test_a_possessed_group_is_its_owners() -> None:
    # "Medinsky headed Moscow 's team": the team is Moscow's, no party of its own
    doc = hand_parse([
        ("Medinsky", "Medinsky", 1, "nsubj", "PROPN"),
        ("headed", "head", 1, "ROOT", "VERB"),
        ("Moscow", "Moscow", 4, "poss", "PROPN"),
        ("'s", "'s", 2, "case", "PART"),
        ("team", "team", 1, "dobj", "NOUN"),
    ])
    assert not _names_target(doc[1])


def test_the_object_names_whom_the_act_bears_on() -> None:
    # "Iran lifted the embargo against Libya" / "... the embargo of 1990"
    doc = hand_parse([
        ("Iran", "Iran", 1, "nsubj", "PROPN"),
        ("lifted", "lift", 1, "ROOT", "VERB"),
        ("the", "the", 3, "det", "DET"),
        ("embargo", "embargo", 1, "dobj", "NOUN"),
        ("against", "against", 3, "prep", "ADP"),
        ("Libya", "Libya", 4, "pobj", "PROPN"),
    ])
    entities = named_entities(doc, {"Iran": ("government", "GPE"), "Libya": ("government", "GPE")})
    roles = roles_for(doc[1], ArgIndex.build(doc, entities))
    assert (roles.actors, roles.recipients) == (["e1"], ["e2"])
    # the verb's own target wins over its object's
    doc = hand_parse([
        ("Iran", "Iran", 1, "nsubj", "PROPN"),
        ("gave", "give", 1, "ROOT", "VERB"),
        ("aid", "aid", 1, "dobj", "NOUN"),
        ("on", "on", 2, "prep", "ADP"),
        ("Monday", "Monday", 3, "pobj", "PROPN"),
        ("to", "to", 1, "prep", "ADP"),
        ("Libya", "Libya", 5, "pobj", "PROPN"),
    ])
    entities = named_entities(doc, {"Iran": ("government", "GPE"), "Libya": ("government", "GPE")})
    assert roles_for(doc[1], ArgIndex.build(doc, entities)).recipients == ["e2"]


def _light(verb: tuple[str, str], noun: tuple[str, str]):  # type: ignore[no-untyped-def]
    # "Police <verb> an <noun>"
    return hand_parse([
        ("Police", "police", 1, "nsubj", "NOUN"),
        (verb[0], verb[1], 1, "ROOT", "VERB"),
        ("an", "an", 3, "det", "DET"),
        (noun[0], noun[1], 1, "dobj", "NOUN"),
    ])


def test_an_event_noun_under_a_light_verb_reads_as_its_verb() -> None:
    from reportedly.extract.events.nominal import nominal_match

    match = nominal_match(_light(("launched", "launch"), ("investigation", "investigation"))[3])
    assert match is not None and (match.cameo, match.type) == ("090", "ACCUSE")  # INVESTIGATE
    # a verb that decides rather than does, a noun no light verb governs, a noun with no coded verb
    assert nominal_match(_light(("made", "make"), ("investigation", "investigation"))[3]) is None
    assert nominal_match(_light(("praised", "praise"), ("investigation", "investigation"))[3]) is None
    assert nominal_match(_light(("launched", "launch"), ("election", "election"))[3]) is None


def test_the_noun_object_of_a_governed_act_is_no_event_of_its_own() -> None:
    from reportedly.extract.events import extract_events
    from reportedly.model import DocContext

    # "Iran threatened to impose sanctions on Israel": the threat, not the sanctions
    doc = hand_parse([
        ("Iran", "Iran", 1, "nsubj", "PROPN"),
        ("threatened", "threaten", 1, "ROOT", "VERB"),
        ("to", "to", 3, "aux", "PART"),
        ("impose", "impose", 1, "xcomp", "VERB"),
        ("sanctions", "sanction", 3, "dobj", "NOUN"),
        ("on", "on", 4, "prep", "ADP"),
        ("Israel", "Israel", 5, "pobj", "PROPN"),
    ])
    entities = named_entities(doc, {"Iran": ("government", "GPE"), "Israel": ("government", "GPE")})
    events = extract_events(doc, entities, [], DocContext("t"))
    assert [(e.type, e.trigger.text, e.actors, e.recipients) for e in events] == [
        ("THREATEN", "threatened", ("e1",), ("e2",))
    ]


def _rejected(words: list[tuple[str, str, int, str, str]], governments: tuple[str, ...] = ("Iraq",)):  # type: ignore[no-untyped-def]
    from reportedly.extract.events import extract_events
    from reportedly.model import DocContext

    doc = hand_parse(words)
    entities = named_entities(doc, {name: ("government", "GPE") for name in governments})
    events = extract_events(doc, entities, [], DocContext("t"))
    return [(e.type, e.trigger.text, e.actors, e.recipients) for e in events]


def test_a_rejection_of_an_act_stands_with_one_public_actor() -> None:
    # "Iraq rejected the referendum": PLOVER codes the rejection though no party is named as its target
    assert _rejected([
        ("Iraq", "Iraq", 1, "nsubj", "PROPN"),
        ("rejected", "reject", 1, "ROOT", "VERB"),
        ("the", "the", 3, "det", "DET"),
        ("referendum", "referendum", 1, "dobj", "NOUN"),
    ]) == [("REJECT", "rejected", ("e1",), ())]
    # "Iraq declined to be identified": the verb names nothing it rejects
    assert _rejected([
        ("Iraq", "Iraq", 1, "nsubj", "PROPN"),
        ("declined", "decline", 1, "ROOT", "VERB"),
        ("to", "to", 4, "aux", "PART"),
        ("be", "be", 4, "auxpass", "AUX"),
        ("identified", "identify", 1, "xcomp", "VERB"),
    ]) == []


def test_co_actors_of_a_rejection_want_a_target() -> None:
    # "Iraq and Iran rejected the referendum": joint sources with no target named are no one-actor
    # rejection (extractor._stands_alone's one-actor condition); one of them alone is (above)
    assert _rejected([
        ("Iraq", "Iraq", 3, "nsubj", "PROPN"),
        ("and", "and", 0, "cc", "CCONJ"),
        ("Iran", "Iran", 0, "conj", "PROPN"),
        ("rejected", "reject", 3, "ROOT", "VERB"),
        ("the", "the", 5, "det", "DET"),
        ("referendum", "referendum", 3, "dobj", "NOUN"),
    ], governments=("Iraq", "Iran")) == []


def test_a_relative_clause_names_what_it_rejects_unless_its_pronoun_is_the_subject() -> None:
    # "a claim Iraq rejected": the modified noun is what is rejected (extractor._names_object)
    assert _rejected([
        ("a", "a", 1, "det", "DET"),
        ("claim", "claim", 1, "ROOT", "NOUN"),
        ("Iraq", "Iraq", 3, "nsubj", "PROPN"),
        ("rejected", "reject", 1, "relcl", "VERB"),
    ]) == [("REJECT", "rejected", ("e1",), ())]
    # "Iraq, which rejected": the pronoun is the subject, and nothing rejected is named
    assert _rejected([
        ("Iraq", "Iraq", 0, "ROOT", "PROPN"),
        (",", ",", 0, "punct", "PUNCT"),
        ("which", "which", 3, "nsubj", "PRON"),
        ("rejected", "reject", 0, "relcl", "VERB"),
    ]) == []


def test_people_as_a_demonstrations_subject() -> None:
    from reportedly.extract.events.extractor import _has_people_subject

    # "Thousands of people marched": the counted people; "Protesters marched": the people themselves
    counted = hand_parse([
        ("Thousands", "thousand", 3, "nsubj", "NOUN"),
        ("of", "of", 0, "prep", "ADP"),
        ("people", "people", 1, "pobj", "NOUN"),
        ("marched", "march", 3, "ROOT", "VERB"),
    ])
    assert _has_people_subject(counted[3])
    plain = hand_parse(
        [("Protesters", "protester", 1, "nsubj", "NOUN"), ("marched", "march", 1, "ROOT", "VERB")]
    )
    assert _has_people_subject(plain[1])
    # "The tanks rolled": things, no people
    things = hand_parse([("The", "the", 1, "det", "DET"), ("tanks", "tank", 2, "nsubj", "NOUN"),
                   ("rolled", "roll", 2, "ROOT", "VERB")])
    assert not _has_people_subject(things[2])


def _subordinate(head: tuple[str, str, str], mention: tuple[str, str, str, str]):  # type: ignore[no-untyped-def]
    # "Germany summoned the envoy <head word> <mention>": the mention hangs off a preposition or a noun
    return hand_parse([
        ("Germany", "Germany", 1, "nsubj", "PROPN"),
        ("summoned", "summon", 1, "ROOT", "VERB"),
        ("the", "the", 3, "det", "DET"),
        ("envoy", "envoy", 1, "dobj", "NOUN"),
        (head[0], head[1], 1 if head[2] == "prep" else 3, head[2], "ADP" if head[2] == "prep" else "NOUN"),
        (mention[0], mention[1], 4, mention[2], mention[3]),
    ])


def test_an_actorless_mention_in_a_subordinate_phrase_is_background() -> None:
    from reportedly.extract.events.extractor import _is_background

    assert _is_background(_subordinate(("about", "about", "prep"), ("raid", "raid", "pobj", "NOUN"))[5])
    # "a package of sanctions": an "of" phrase is its head's content
    package = _subordinate(("of", "of", "prep"), ("sanctions", "sanction", "pobj", "NOUN"))
    assert not _is_background(package[5])
    # a clause telling what a document says is its content: "a report accusing ..." (noun.communication)
    report = _subordinate(("report", "report", "appos"), ("accusing", "accuse", "acl", "VERB"))
    assert not _is_background(report[5])
    plane = _subordinate(("plane", "plane", "appos"), ("flying", "fly", "acl", "VERB"))
    assert _is_background(plane[5])
    # a main clause's verb or a verb's object is never background
    assert not _is_background(report[1]) and not _is_background(report[3])


def test_an_actorless_background_act_is_no_event_but_the_main_act_is(nlp: object) -> None:
    from reportedly.extract.events import extract_events
    from reportedly.model import DocContext
    text = "Germany summoned the Egyptian ambassador to complain about a raid on the offices of Amnesty."
    entities = found_entities(text, ["Germany", "Amnesty"])
    events = extract_events(nlp(text), entities, [], DocContext("t"))  # type: ignore[operator]
    triggers = [e.trigger.text for e in events if e.trigger]
    assert triggers and "raid" not in triggers  # the complaint stands, the raid no one is said to make not


def test_a_dateline_read_as_a_second_subject_is_not_the_agent() -> None:
    from reportedly.extract.events.arguments import subject_entities

    # "ALGIERS , Police have arrested Benhadj": the parser hangs the dateline off the verb as a subject
    doc = hand_parse([
        ("ALGIERS", "ALGIERS", 4, "nsubj", "PROPN"),
        (",", ",", 4, "punct", "PUNCT"),
        ("Police", "police", 4, "nsubj", "PROPN"),
        ("have", "have", 4, "aux", "AUX"),
        ("arrested", "arrest", 4, "ROOT", "VERB"),
        ("Benhadj", "Benhadj", 4, "dobj", "PROPN"),
    ])
    entities = named_entities(doc, {"Police": ("organization", "ORG"), "Benhadj": ("person", "PERSON")})
    assert subject_entities(doc[4], ArgIndex.build(doc, entities)) == ["e1"]


def _declared(verb: tuple[str, str], words: list[tuple[str, str, int, str, str]]):  # type: ignore[no-untyped-def]
    # "Morales <verb> <words...>": the object's tokens hang from index 2 on
    return hand_parse(
        [("Morales", "Morales", 1, "nsubj", "PROPN"), (verb[0], verb[1], 1, "ROOT", "VERB"), *words]
    )


STATE_OF_SIEGE = [
    ("a", "a", 3, "det", "DET"),
    ("state", "state", 1, "dobj", "NOUN"),
    ("of", "of", 3, "prep", "ADP"),
    ("siege", "siege", 4, "pobj", "NOUN"),
]
ON_ALERT = [("on", "on", 1, "prep", "ADP"), ("alert", "alert", 2, "pobj", "NOUN")]
CURFEW = [("the", "the", 3, "det", "DET"), ("curfew", "curfew", 1, "dobj", "NOUN")]


@pytest.mark.parametrize(
    ("verb", "words", "cameo"),
    [
        # DECLARE codes STATE OF EMERGENCY 1724 where LIFT codes it 0814: it reads LIFT * STATE OF SIEGE
        # [0872] reversed, CAMEO 191 (impose blockade, restrict movement)
        (("declared", "declare"), STATE_OF_SIEGE, "191"),
        # EXTEND codes STATE OF EMERGENCY 1724 and no CURFEW: LIFT * CURFEW [0813] reversed is 1723
        (("extended", "extend"), CURFEW, "1723"),
        # a verb no decree code links to an easing verb reads nothing reversed ("said the curfew")
        (("praised", "praise"), CURFEW, None),
        # DECLARE with an object no easing pattern names
        (("declared", "declare"), [("victory", "victory", 1, "dobj", "NOUN")], None),
    ],
)
def test_events_mirrors_a_verb_of_imposing_reads_an_easing_pattern_reversed(
    verb: tuple[str, str], words: list[tuple[str, str, int, str, str]], cameo: str | None
) -> None:
    from reportedly.extract.events.mirrors import mirrored_match

    match = mirrored_match(_declared(verb, words)[1])
    assert (match.cameo if match else None) == cameo
    if match is not None:
        assert match.type == "COERCE" and match.specific


@pytest.mark.parametrize(
    ("verb", "words", "cameo"),
    [
        # "Troops remained on alert": PUT * (ON ALERT) [152], the subject in the state (MOBILIZE)
        (("remained", "remain"), ON_ALERT, "152"),
        (("stayed", "stay"), ON_ALERT, "152"),
        # "remained in custody": PUT * IN CUSTODY [173] puts the subject in the state, no mobilization
        (("remained", "remain"), [("in", "in", 1, "prep", "ADP"), ("custody", "custody", 2, "pobj", "NOUN")],
         None),
        # not a verb of staying
        (("went", "go"), ON_ALERT, None),
    ],
)
def test_events_states_a_verb_of_staying_tells_the_state_a_placing_pattern_names(
    verb: tuple[str, str], words: list[tuple[str, str, int, str, str]], cameo: str | None
) -> None:
    from reportedly.extract.events.states import state_match

    doc = hand_parse([("Troops", "troop", 1, "nsubj", "NOUN"), (verb[0], verb[1], 1, "ROOT", "VERB"), *words])
    match = state_match(doc[1])
    assert (match.cameo if match else None) == cameo
    if match is not None:
        assert match.type == "MOBILIZE"


@pytest.mark.parametrize(
    ("verb", "words", "cameo"),
    [
        # END codes END * TALKS [164] and - * AID [162]: it halts; "mediation" derives from MEDIATE (045),
        # halted 165, read off the object's compound modifier ("mediation efforts")
        (("ended", "end"), [("mediation", "mediation", 3, "compound", "NOUN"),
                            ("efforts", "effort", 1, "dobj", "NOUN")], "165"),
        # SUSPEND * supplies: SUPPLY's default 060, material cooperation reduced (160)
        (("suspended", "suspend"), [("supplies", "supply", 1, "dobj", "NOUN")], "160"),
        # a person the verb acts on halts nothing ("negotiator" derives from NEGOTIATE)
        (("suspended", "suspend"), [("negotiators", "negotiator", 1, "dobj", "NOUN")], None),
        # a verb that halts no relations (PRAISE) on the same object
        (("praised", "praise"), [("mediation", "mediation", 1, "dobj", "NOUN")], None),
    ],
)
def test_events_mirrors_a_verb_of_halting_halts_the_act_its_object_names(
    verb: tuple[str, str], words: list[tuple[str, str, int, str, str]], cameo: str | None
) -> None:
    from reportedly.extract.events.mirrors import halted_match

    match = halted_match(_declared(verb, words)[1])
    assert (match.cameo if match else None) == cameo
    if match is not None:
        assert match.type == "SANCTION"


@pytest.mark.parametrize(("verb", "lends"), [(("declared", "declare"), True), (("praised", "praise"), False)])
def test_events_declaring_lends_its_subject_to_the_event_noun(verb: tuple[str, str], lends: bool) -> None:
    # "Iran declared a ceasefire": DECLARE * CEASEFIRE [0871] codes the noun as the subject's act
    doc = hand_parse([
        ("Iran", "Iran", 1, "nsubj", "PROPN"),
        (verb[0], verb[1], 1, "ROOT", "VERB"),
        ("a", "a", 3, "det", "DET"),
        ("ceasefire", "ceasefire", 1, "dobj", "NOUN"),
    ])
    entities = named_entities(doc, {"Iran": ("government", "GPE")})
    assert roles_for(doc[3], ArgIndex.build(doc, entities)).actors == (["e1"] if lends else [])



@pytest.mark.parametrize(
    ("noun", "label", "named"),
    [
        (("ship", "ship"), "NORP", True),  # "a Turkish ship": a craft of a country (CARGO_SHIP, WARSHIP ...)
        (("plane", "plane"), "NORP", True),
        (("ship", "ship"), "", False),  # no country before it
        (("car", "car"), "NORP", False),  # no craft
    ],
)
def test_events_a_countrys_craft_is_a_target(noun: tuple[str, str], label: str, named: bool) -> None:
    # "Libya released a Turkish <noun>"
    doc = hand_parse([
        ("Libya", "Libya", 1, "nsubj", "PROPN"),
        ("released", "release", 1, "ROOT", "VERB"),
        ("a", "a", 4, "det", "DET"),
        ("Turkish", "turkish", 4, "amod", "ADJ"),
        (noun[0], noun[1], 1, "dobj", "NOUN"),
    ])
    if label:
        doc.ents = [DocSpan(doc, 3, 4, label=label)]
    assert _names_target(doc[1]) == named


def test_derived_verb_codes_read_overrides_as_nominal_and_halting_readings_share_them() -> None:
    """A noun reads the code of the verb it derives from, the same for event nouns under light verbs and
    objects of halting: an override wins, a blank override is no code ("leader": lead's dictionary
    default 060 is overridden blank, so "halted the leader" would not be a halt of aid)."""
    from reportedly.extract.events.nominal import derived_verb_codes
    from reportedly.extract.events.triggers import VERB_OVERRIDES, load_lexicon

    assert VERB_OVERRIDES["lead"] == "" and load_lexicon()["verbs"]["lead"][0] == "060"
    assert list(derived_verb_codes("leader")) == [""]
    assert list(derived_verb_codes("mediation")) == ["045"]
    assert list(derived_verb_codes("guidance")) == []  # no verb in its first sense
