"""Events on hand-built parses: the CAMEO->PLOVER map, triggers, roles, coordination, sources."""

from __future__ import annotations

import dataclasses

import pytest
import spacy
from spacy.tokens import Doc

from reportedly.extract.events import extract_events
from reportedly.extract.events.senses import is_relay
from reportedly.extract.events.triggers import match_token, to_plover
from reportedly.extract.events.typer import resolve_yield
from reportedly.model import Attribution, DocContext, Span, Speaker
from tests.extract.events.parses import found_entities, hand_parse, named_entities


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("190", ("ASSAULT", None)),
        ("0841", ("RETREAT", "release")),
        ("081", ("CONCEDE", None)),
        ("044", ("CONSULT", "third-party")),
        ("173", ("COERCE", "arrest")),
        ("0211", ("REQUEST", None)),
        ("010", None),
        ("", None),
        (None, None),
    ],
)
def test_events_to_plover(code: str | None, expected: tuple[str, str | None] | None) -> None:
    assert to_plover(code) == expected


@pytest.mark.parametrize(
    ("label", "cameo", "expected"),
    [
        ("YIELD", "0841", "RETREAT"),
        ("YIELD", "081", "CONCEDE"),
        ("YIELD", None, "RETREAT"),
        ("ASSAULT", "190", "ASSAULT"),
    ],
)
def test_events_resolve_yield(label: str, cameo: str | None, expected: str) -> None:
    assert resolve_yield(label, cameo) == expected


# "Iran , Libya and Korea attacked Israel" / "... did not attack Israel"
ATTACK = [
    ("Iran", "Iran", 4, "nsubj", "PROPN"),
    (",", ",", 0, "punct", "PUNCT"),
    ("Libya", "Libya", 0, "conj", "PROPN"),
    ("and", "and", 2, "cc", "CCONJ"),
    ("attacked", "attack", 4, "ROOT", "VERB"),
    ("Israel", "Israel", 4, "dobj", "PROPN"),
]
NAMES = {"Iran": ("government", "GPE"), "Libya": ("government", "GPE"), "Israel": ("government", "GPE")}


def test_events_coordinated_actors_expanded() -> None:
    doc = hand_parse(ATTACK)
    entities = named_entities(doc, NAMES)
    (event,) = extract_events(doc, entities, [], DocContext("t"))
    assert (event.id, event.type, event.actors, event.recipients, event.status) == (
        "v1",
        "ASSAULT",
        ("e1", "e2"),
        ("e3",),
        "asserted",
    )
    assert event.sources[0].attribution is None
    assert doc.text[event.trigger.start : event.trigger.end] == "attacked"


@pytest.mark.parametrize(("stance", "status"), [("assert", "reported"), ("deny", "denied")])
def test_events_sources_from_attributions(stance: str, status: str) -> None:
    doc = hand_parse(ATTACK)
    entities = named_entities(doc, NAMES)
    content = Span(0, len(doc.text), doc.text)
    attribution = Attribution(
        "q1",
        Speaker(None, "officials", "organization", None, None),
        Span(0, 0, ""),
        content,
        False,
        (),
        stance,
    )
    (event,) = extract_events(doc, entities, [attribution], DocContext("t"))
    assert [(s.attribution, s.stance) for s in event.sources] == [("q1", stance)]
    assert event.status == status


def test_events_no_entity_no_event() -> None:
    doc = hand_parse(ATTACK)
    assert extract_events(doc, [], [], DocContext("t")) == []


@pytest.mark.parametrize(
    ("spec", "index", "plover"),
    [
        (
            [
                ("police", "police", 1, "nsubj", "NOUN"),
                ("arrested", "arrest", 1, "ROOT", "VERB"),
                ("protesters", "protester", 1, "dobj", "NOUN"),
            ],
            1,
            "COERCE",
        ),
        ([("Karimi", "Karimi", 1, "nsubj", "PROPN"), ("said", "say", 1, "ROOT", "VERB")], 1, None),
        ([("the", "the", 1, "det", "DET"), ("meeting", "meeting", 1, "ROOT", "NOUN")], 1, "CONSULT"),
    ],
)
def test_events_match_token(
    spec: list[tuple[str, str, int, str, str]], index: int, plover: str | None
) -> None:
    match = match_token(hand_parse(spec)[index])
    assert (match.type if match else None) == plover


@pytest.mark.parametrize("order", [(0, 1, 0), (1, 0, 1)])
def test_events_match_token_readings_follow_their_doc(order: tuple[int, ...]) -> None:
    # match_token keeps the last Doc's readings: another Doc, same token index, must be read afresh
    docs = [
        hand_parse([("police", "police", 1, "nsubj", "NOUN"), ("arrested", "arrest", 1, "ROOT", "VERB")]),
        hand_parse([("Karimi", "Karimi", 1, "nsubj", "PROPN"), ("said", "say", 1, "ROOT", "VERB")]),
    ]
    expected = ["COERCE", None]
    for n in order:
        match = match_token(docs[n][1])
        assert (match.type if match else None) == expected[n]


def _said(text: str, content: str, stance: str) -> Attribution:
    start = text.index(content)
    return Attribution(
        "q1",
        Speaker(None, "Mujahid", "person", None, None),
        Span(0, 0, ""),
        Span(start, start + len(content), content),
        False,
        (),
        stance,
    )


@pytest.mark.parametrize(
    ("text", "names", "content", "expected"),
    [
        # a source asserting that no such meeting took place denies the meeting the article asserts
        (
            "Baradar met Massoud in Moscow. No such meeting took place, Mujahid said.",
            ["Baradar", "Massoud", "Moscow"],
            "No such meeting took place",
            [("CONSULT", "disputed", [(None, "assert"), ("q1", "deny")])],
        ),
        # a reported 'would' with no condition is a promise, not a hypothesis: PLOVER codes a cooperative
        # act told in the future as the intent to do it (AGREE, CAMEO 033)
        (
            "Mujahid said Russia would send aid to Afghanistan.",
            ["Russia", "Afghanistan"],
            "Russia would send aid to Afghanistan",
            [("AGREE", "offered", [("q1", "assert")])],
        ),
    ],
)
def test_events_statuses_end_to_end(
    nlp: object,
    text: str,
    names: list[str],
    content: str,
    expected: list[tuple[str, str, list[tuple[str | None, str]]]],
) -> None:
    doc = nlp(text)  # type: ignore[operator]
    entities = found_entities(text, names)
    events = extract_events(doc, entities, [_said(text, content, "assert")], DocContext("t"))
    got = [(e.type, e.status, [(s.attribution, s.stance) for s in e.sources]) for e in events]
    assert got == expected


def test_events_lone_subject_without_target_is_not_coded() -> None:
    # "Iran attacked ." : a verb's bare default on a lone subject, no target, no CAMEO pattern
    doc = hand_parse(
        [
            ("Iran", "Iran", 1, "nsubj", "PROPN"),
            ("attacked", "attack", 1, "ROOT", "VERB"),
            (".", ".", 1, "punct", "PUNCT"),
        ]
    )
    entities = named_entities(doc, {"Iran": ("government", "GPE")})
    assert extract_events(doc, entities, [], DocContext("t")) == []


def _told(verb: tuple[str, str], addressee: str) -> Doc:
    """'Umerov <verb> <addressee>'."""
    return hand_parse(
        [
            ("Umerov", "Umerov", 1, "nsubj", "PROPN"),
            (verb[0], verb[1], 1, "ROOT", "VERB"),
            (addressee, addressee.lower().rstrip("s"), 1, "dobj", "NOUN"),
        ]
    )


@pytest.mark.parametrize(
    ("verb", "addressee", "media", "relay"),
    [
        (("told", "tell"), "reporters", frozenset(), True),
        (("informed", "inform"), "journalists", frozenset(), True),
        (("told", "tell"), "AFP", frozenset({2}), True),  # a media entity
        (("told", "tell"), "Erdogan", frozenset(), False),  # a party, not the press
        (("accused", "accuse"), "reporters", frozenset(), False),  # PLOVER codes accusations
        (("warned", "warn"), "journalists", frozenset(), False),  # and threats
        (("urged", "urge"), "reporters", frozenset(), False),
    ],
)
def test_events_relay_verb(verb: tuple[str, str], addressee: str, media: frozenset[int], relay: bool) -> None:
    assert is_relay(_told(verb, addressee)[1], media) is relay


def test_events_relay_pattern_reads_own_words_only() -> None:
    """'told Erdogan that Russia would withdraw troops': the withdrawal is the content's, not the verb's."""
    doc = hand_parse(
        [
            ("Putin", "Putin", 1, "nsubj", "PROPN"),
            ("told", "tell", 1, "ROOT", "VERB"),
            ("Erdogan", "Erdogan", 1, "dobj", "PROPN"),
            ("that", "that", 6, "mark", "SCONJ"),
            ("Russia", "Russia", 6, "nsubj", "PROPN"),
            ("would", "would", 6, "aux", "AUX"),
            ("withdraw", "withdraw", 1, "ccomp", "VERB"),
            ("troops", "troop", 6, "dobj", "NOUN"),
        ]
    )
    assert match_token(doc[1]) is None
    assert match_token(doc[6]) is not None


def _rejected(request_words: list[tuple[str, str, int, str, str]]) -> Doc:
    return hand_parse(
        [
            ("court", "court", 1, "nsubj", "NOUN"),
            ("rejected", "reject", 1, "ROOT", "VERB"),
            *request_words,
        ]
    )


def test_events_statement_pattern_reads_the_verb_phrase_only() -> None:
    """"- * CHARGE [016]" (deny responsibility, a statement) codes "rejected the charge", not "rejected a
    request for X on the charge of rebellion": a statement pattern's word must sit in the verb's phrase."""
    near = _rejected([("the", "the", 3, "det", "DET"), ("charge", "charge", 1, "dobj", "NOUN")])
    assert match_token(near[1]) is None  # 016: a statement, no event
    far = _rejected(
        [
            ("a", "a", 3, "det", "DET"),
            ("request", "request", 1, "dobj", "NOUN"),
            ("on", "on", 3, "prep", "ADP"),
            ("the", "the", 6, "det", "DET"),
            ("charge", "charge", 4, "pobj", "NOUN"),
        ]
    )
    match = match_token(far[1])
    assert match is not None and match.type == "REJECT"
    assert match.cameo.startswith("12")


def test_events_candidates_read_from_arrays(nlp: spacy.language.Language) -> None:
    """The extractor's candidate tokens, read from one lemma/POS/dependency array with answers kept per pair,
    are the tokens `is_candidate` accepts and the nouns a verb takes as direct object (event nouns under a
    light verb, `nominal.py`), in order, in every Doc (the same pair in a later Doc: the kept answer)."""
    from reportedly.extract.events.extractor import _candidates
    from reportedly.extract.events.triggers import is_candidate

    texts = ["Russia attacked Ukraine on Monday, and the attack was condemned by the talks' hosts.",
             "The talks ended; Iran will attack. Protesters met the police and an attack followed.",
             "Moscow had held secret contacts with Washington, and Kabul launched an investigation."]
    for doc in nlp.pipe(texts):
        expected = [t.i for t in doc if is_candidate(t) or (t.pos_ == "NOUN" and t.dep_ == "dobj")]
        assert expected  # the test texts hold event words
        assert [t.i for t in _candidates(doc)] == expected
    held = next(nlp.pipe(texts[2:]))
    assert "contacts" in [t.text for t in _candidates(held)]  # no candidate itself: read through "held"


# "ICE returned skulls that date to Peru .": the parse hangs the "to" phrase inside the object
RETURNED = [
    ("ICE", "ICE", 1, "nsubj", "PROPN"),
    ("returned", "return", 1, "ROOT", "VERB"),
    ("skulls", "skull", 1, "dobj", "NOUN"),
    ("that", "that", 4, "nsubj", "PRON"),
    ("date", "date", 2, "relcl", "VERB"),
    ("to", "to", 4, "prep", "ADP"),
    ("Peru", "Peru", 5, "pobj", "PROPN"),
    (".", ".", 1, "punct", "PUNCT"),
]


def test_events_transfer_recipient_inside_the_object() -> None:
    doc = hand_parse(RETURNED)
    entities = named_entities(doc, {"ICE": ("government", "ORG"), "Peru": ("government", "GPE")})
    (event,) = extract_events(doc, entities, [], DocContext("t"))
    assert (event.type, event.actors, event.recipients) == ("RETREAT", ("e1",), ("e2",))


def test_events_transfer_recipient_needs_a_party() -> None:
    # no entity in the "to" phrase: one actor of a return and no target is no event
    doc = hand_parse(RETURNED)
    entities = named_entities(doc, {"ICE": ("government", "ORG")})
    assert extract_events(doc, entities, [], DocContext("t")) == []


@pytest.mark.parametrize(
    ("spec", "verb", "code"),
    [
        # "US reduced aid .": REDUCE has no default; its usual sense's synonym CUT codes "CUT * AID [162]"
        (
            [
                ("US", "US", 1, "nsubj", "PROPN"),
                ("reduced", "reduce", 1, "ROOT", "VERB"),
                ("aid", "aid", 1, "dobj", "NOUN"),
                (".", ".", 1, "punct", "PUNCT"),
            ],
            "reduced",
            "162",
        ),
        # "She became Christian but struggled .": GO * STRUGGLE is borrowed only from the verb's object
        (
            [
                ("She", "she", 1, "nsubj", "PRON"),
                ("became", "become", 1, "ROOT", "VERB"),
                ("Christian", "Christian", 1, "attr", "PROPN"),
                ("but", "but", 1, "cc", "CCONJ"),
                ("struggled", "struggle", 1, "conj", "VERB"),
                (".", ".", 1, "punct", "PUNCT"),
            ],
            "became",
            None,
        ),
    ],
)
def test_events_synonym_patterns(
    spec: list[tuple[str, str, int, str, str]], verb: str, code: str | None
) -> None:
    doc = hand_parse(spec)
    match = match_token(next(t for t in doc if t.text == verb))
    assert (match.cameo if match else None) == code


# "Herrera refused to resign ." : a one-party rejection whose content names the act
REFUSED = [
    ("Herrera", "Herrera", 1, "nsubj", "PROPN"),
    ("refused", "refuse", 1, "ROOT", "VERB"),
    ("to", "to", 3, "aux", "PART"),
    ("resign", "resign", 1, "xcomp", "VERB"),
    (".", ".", 1, "punct", "PUNCT"),
]


@pytest.mark.parametrize(("role", "coded"), [("GOV", True), ("CVL", False)])
def test_events_person_with_a_political_role_stands_alone(role: str, coded: bool) -> None:
    # "President Herrera" is coded GOV with his country unsaid; a private person's role codes nothing
    doc = hand_parse(REFUSED)
    (herrera,) = named_entities(doc, {"Herrera": ("person", "PERSON")})
    entities = [dataclasses.replace(herrera, cameo=role, sector=role)]
    events = extract_events(doc, entities, [], DocContext("t"))
    assert [(e.type, e.actors) for e in events] == ([("REJECT", ("e1",))] if coded else [])


@pytest.mark.parametrize(
    ("spec", "recipients"),
    [
        # the object's "to" phrase, when the verb has none of its own
        (RETURNED, ["Peru"]),
        # two "to" phrases after the object: the last one that names a party
        (
            [
                ("ICE", "ICE", 1, "nsubj", "PROPN"),
                ("returned", "return", 1, "ROOT", "VERB"),
                ("skulls", "skull", 1, "dobj", "NOUN"),
                ("that", "that", 4, "nsubj", "PRON"),
                ("date", "date", 2, "relcl", "VERB"),
                ("to", "to", 4, "prep", "ADP"),
                ("Spain", "Spain", 5, "pobj", "PROPN"),
                ("to", "to", 2, "prep", "ADP"),
                ("Peru", "Peru", 7, "pobj", "PROPN"),
                (".", ".", 1, "punct", "PUNCT"),
            ],
            ["Peru"],
        ),
        # the verb's own "to" phrase names the recipient: the object's is no part of it
        (
            [
                ("ICE", "ICE", 1, "nsubj", "PROPN"),
                ("returned", "return", 1, "ROOT", "VERB"),
                ("skulls", "skull", 1, "dobj", "NOUN"),
                ("that", "that", 4, "nsubj", "PRON"),
                ("date", "date", 2, "relcl", "VERB"),
                ("to", "to", 4, "prep", "ADP"),
                ("Spain", "Spain", 5, "pobj", "PROPN"),
                ("to", "to", 1, "prep", "ADP"),
                ("Peru", "Peru", 7, "pobj", "PROPN"),
                (".", ".", 1, "punct", "PUNCT"),
            ],
            [],
        ),
    ],
)
def test_events_transfer_recipients_read_the_objects_last_to_phrase(
    spec: list[tuple[str, str, int, str, str]], recipients: list[str]
) -> None:
    from reportedly.extract.events.arguments import ArgIndex, transfer_recipients

    doc = hand_parse(spec)
    names = {"ICE": ("government", "ORG"), "Spain": ("government", "GPE"), "Peru": ("government", "GPE")}
    entities = named_entities(doc, {w: names[w] for w in names if any(t.text == w for t in doc)})
    index = ArgIndex.build(doc, entities)
    found = transfer_recipients(doc[1], index)
    assert [index.entities[e].name for e in found] == recipients


# "Thousands of people marched in Bamako .": a demonstration no entity names a source of
MARCHED = [
    ("Thousands", "thousand", 3, "nsubj", "NOUN"),
    ("of", "of", 0, "prep", "ADP"),
    ("people", "people", 1, "pobj", "NOUN"),
    ("marched", "march", 3, "ROOT", "VERB"),
    ("in", "in", 3, "prep", "ADP"),
    ("Bamako", "Bamako", 4, "pobj", "PROPN"),
    (".", ".", 3, "punct", "PUNCT"),
]
TANKS_ROLLED = [
    ("The", "the", 1, "det", "DET"),
    ("tanks", "tank", 2, "nsubj", "NOUN"),
    *((w, lem, h - 1, d, p) for w, lem, h, d, p in MARCHED[3:]),
]


@pytest.mark.parametrize(
    ("spec", "place", "types"),
    [
        (MARCHED, True, ["PROTEST"]),  # people march in a named place: PLOVER's PROTEST needs no source
        (MARCHED, False, []),  # no place either: nothing to code
        (TANKS_ROLLED, True, []),  # things, no people
    ],
)
def test_events_demonstration_by_unnamed_people_with_a_place(
    spec: list[tuple[str, str, int, str, str]], place: bool, types: list[str]
) -> None:
    doc = hand_parse(spec)
    (bamako,) = named_entities(doc, {"Bamako": ("place", "GPE")})
    entities = [dataclasses.replace(bamako, country="MLI")] if place else []
    events = extract_events(doc, entities, [], DocContext("t"))
    assert [(e.type, e.actors) for e in events] == [(t, ()) for t in types]


# "France and Germany welcomed Iran 's decision .": praise by two subjects (a hosting verb typed SUPPORT)
WELCOMED = [
    ("France", "France", 3, "nsubj", "PROPN"),
    ("and", "and", 0, "cc", "CCONJ"),
    ("Germany", "Germany", 0, "conj", "PROPN"),
    ("welcomed", "welcome", 3, "ROOT", "VERB"),
    ("Iran", "Iran", 6, "poss", "PROPN"),
    ("'s", "'s", 4, "case", "PART"),
    ("decision", "decision", 3, "dobj", "NOUN"),
    (".", ".", 3, "punct", "PUNCT"),
]


def test_events_praise_by_a_hosting_verb_keeps_every_subject() -> None:
    doc = hand_parse(WELCOMED)
    names = {"France": ("government", "GPE"), "Germany": ("government", "GPE"), "Iran": ("government", "GPE")}
    events = extract_events(doc, named_entities(doc, names), [], DocContext("t"))
    assert [(e.type, e.actors, e.recipients) for e in events] == [("SUPPORT", ("e1", "e2"), ("e3",))]
