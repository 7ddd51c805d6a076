"""Short references ("the PM", "the minister", "the group", "he", "she"): resolved only when one compatible
candidate exists (title from the text or the gazetteer's dated roles, gender from honorifics, kind of
organization), otherwise left unresolved."""

from __future__ import annotations

from typing import Any

import pytest

from reportedly.extract.entities import extract_entities
from reportedly.extract.entities.references import title_fits, title_words
from reportedly.model import DocContext


@pytest.mark.parametrize(
    ("reference", "role", "fits"),
    [
        ("the PM", "Prime Minister of Russia", True),
        ("the PM", "first deputy prime minister", False),  # another office
        ("the minister", "foreign minister", True),
        ("the president", "former president", False),
        ("the envoy", "Russia's special envoy for Afghanistan", True),
        ("the foreign minister", "defence minister", False),
        ("the spokesman", "foreign ministry spokeswoman", False),
    ],
)
def test_entities_references_title_fits(reference: str, role: str, fits: bool) -> None:
    assert title_fits(title_words(reference), title_words(role)) is fits


LAVROV = "Sergei Lavrov met Maria Zakharova in Moscow. The minister said the talks were useful."
KABULOV = (
    "Zamir Kabulov, Russia's special envoy for Afghanistan, arrived in Kabul on Monday. The envoy said it."
)


@pytest.mark.parametrize(
    ("text", "published", "entity", "reference"),
    [
        # the gazetteer's dated role makes Lavrov the only minister; Zakharova is a spokeswoman
        (LAVROV, "2022-03-01", "Sergey Lavrov", "The minister"),
        (LAVROV, None, None, "The minister"),  # no date: no dated role applies, nobody is known as minister
        (KABULOV, None, "Zamir Kabulov", "The envoy"),  # the role read from the appositive
        # a person of unknown role in the window could be the envoy too
        (
            "Zamir Kabulov, Russia's special envoy for Afghanistan, met Bilal Karimi on Monday. "
            "The envoy said it.",
            None,
            None,
            "The envoy",
        ),
        # Baradar was first deputy prime minister, not the PM; the PM himself is not named
        (
            "Mullah Abdul Ghani Baradar arrived in Doha. The PM said the talks were useful.",
            "2022-03-01",
            None,
            "The PM",
        ),
        # two presidents on that date: unresolved
        (
            "Volodymyr Zelensky met Joe Biden in Kyiv. The president said the talks were useful.",
            "2023-01-05",
            None,
            "The president",
        ),
        (
            "Mr Karimi met Ms Zakharova in Moscow on Monday. She said the talks were useful.",
            None,
            "Maria Zakharova",
            "She",
        ),
        ("Bilal Karimi met Maria Zakharova in Moscow on Monday. She said the talks were useful.", None, None,
         "She"),
        # the model tags the lone "Karimi" GPE; an unknown "place" may be a person: unresolved
        ("Karimi met Zakharova in Moscow on Monday. She said the talks were useful.", None, None, "She"),
        # an unnamed person in the window could be "he"; a noun inside the named person's role is that person
        ("Bilal Karimi met a Russian diplomat on Monday. He said the talks were useful.", None, None, "He"),
        ("Bilal Karimi, the spokesman, spoke on Monday. He said the talks were useful.", None, "Bilal Karimi",
         "He"),
        # the pronoun's own sentence decides before the one before it
        ("Bilal Karimi met Zamir Kabulov on Monday. Later Karimi said he was pleased.", None, "Bilal Karimi",
         "he"),
        # inside a quotation the pronoun is the quoted speaker's: unresolved
        ('Bilal Karimi spoke on Monday. "He is lying," Karimi said of the envoy.', None, None, "He"),
        # a group the text introduces without a known name may be "the group"
        ("A little-known group claimed the attack in a post on Telegram. The group said it acted in protest.",
         None, None, "The group"),
        # a news agency is no "group"; two armed groups leave it unresolved
        (
            "The Taliban spoke to TASS on Monday. The group said the talks were useful.",
            None,
            "Taliban",
            "The group",
        ),
        (
            "The Taliban met the Haqqani Network on Monday. The group said the talks were useful.",
            None,
            None,
            "The group",
        ),
    ],
)
def test_entities_references_resolved_only_when_unambiguous(
    nlp: Any, text: str, published: str | None, entity: str | None, reference: str
) -> None:
    ents = extract_entities(nlp(text), DocContext("t", published=published))
    holders = [e.name for e in ents if reference in [m.text for m in e.mentions]]
    assert holders == ([entity] if entity else [])
    assert all(reference not in e.aliases for e in ents)

