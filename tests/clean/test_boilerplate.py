"""The boilerplate line filter: furniture goes (with its reason), look-alike sentences stay."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reportedly.clean.boilerplate import classify_lines, is_boilerplate, remove_boilerplate

# (line, expected reason or None when it is article text). Furniture seen on news pages after
# trafilatura, next to real sentences that share its words.
TABLE: list[tuple[str, str | None]] = [
    ("Leave a Comment", "comment prompt"),
    ("Leave a reply", "comment prompt"),
    ("12 Comments", "comment prompt"),
    ("Join the conversation", "comment prompt"),
    ("Share this article", "share prompt"),
    ("Share on WhatsApp", "share prompt"),
    ("Facebook Twitter WhatsApp Email", "share prompt"),
    ("Copy link", "share prompt"),
    ("(image -instagramkshvid)", "photo credit"),
    ("Photo: Reuters", "photo credit"),
    ("File photo | AFP", "photo credit"),
    ("Image source, Getty Images", "photo credit"),
    ("(AP Photo/Rahmat Gul)", "photo credit"),
    ("Representational image", "photo credit"),
    ("Getty Images", "photo credit"),
    ("Photo by John Doe", "photo credit"),
    ("Caption: The minister says the talks will resume in March", "photo credit"),
    ("Photo caption | Protesters gather outside parliament", "photo credit"),
    ("The caption says the minister met protesters.", None),
    ("Captions were added later, the editor said.", None),
    ("Also Read: Taliban name new cabinet", "related links"),
    ("ALSO READ | India, Russia sign defence pact", "related links"),
    ("» Read more: Kabul airport reopens", "related links"),
    ("Watch: Biden speaks on Afghanistan", "related links"),
    ("Related Stories", "related links"),
    ("Sign up for our daily newsletter", "subscribe prompt"),
    ("Subscribe now", "subscribe prompt"),
    ("Subscribe to our YouTube channel for the latest videos", "subscribe prompt"),
    ("Get the latest news and updates delivered to your inbox", "subscribe prompt"),
    ("Get our free newsletter, straight to your inbox every morning", "newsletter plug"),
    ("Download the Tolo News app for the latest updates", "app plug"),
    ("Get it on Google Play", "app plug"),
    ("Follow us on Twitter and Facebook", "follow prompt"),
    ("Join our Telegram channel for breaking news", "follow prompt"),
    ("Advertisement", "advertisement"),
    ("Story continues below advertisement", "advertisement"),
    ("By Staff Reporter", "byline"),
    ("By Humeyra Pamuk and Simon Lewis", "byline"),
    ("By John Smith, Reuters", "byline"),
    ("(Reporting by Jane Doe in Kabul; Editing by John Roe)", "byline"),
    ("Reporting by Mohammad Yunus Yawar in Kabul and Gleb Stolyarov in Moscow; Writing by Alex Richardson",
     "byline"),
    # Wire trailers: kept out of the body (their names and cities are no actors of the story), listed in
    # `removed`; trafilatura's eval gold keeps "Additional reporting by" in one Reuters page (see module).
    ("Reporting by Rami Ayyub in Washington and Nidal al-Mughrabi in Gaza; Editing by Bill Berkrot",
     "byline"),
    ("Additional reporting by Steve Gorman; Editing by Marguerita Choy, Nick Zieminski and Simon Moore",
     "byline"),
    ("Reporting by the Moscow bureau; Editing by Alex Richardson", "byline"),
    ("Associated Press writer Jane Doe in Kabul contributed to this report.", "byline"),
    ("Jane Doe in Kabul contributed reporting.", "byline"),
    ("Our Standards: The Thomson Reuters Trust Principles., opens new tab", "disclaimer"),
    ("— Associated Press writer Samba Diallo contributed from Bamako, Mali.", "byline"),
    ("PTI ZH ZH", "byline"),  # agency desk codes
    ("ksk/pgh", "byline"),
    ("___", "separator"),
    ("Follow AP’s coverage of the war in Ukraine at https://apnews.com/hub/russia-ukraine", "follow prompt"),
    ("PTI said the toll rose to 12.", None),
    ("He said yes/no.", None),
    ("Putin contributed.", None),
    ("The ministry contributed to this report.", None),
    ("(With inputs from PTI)", "byline"),
    ("(ANI)", "byline"),
    ("Updated: Nov 30, 2021 10:15 IST", "timestamp"),
    ("Published on Tuesday, November 30, 2021 at 2:45 pm", "timestamp"),
    ("© 2021 Reuters. All rights reserved.", "copyright"),
    ("Copyright 2021 The Associated Press. All rights reserved.", "copyright"),
    ("Skip to main content", "navigation"),
    ("Click here to read the full report", "navigation"),
    ("(This story has not been edited by our staff and is auto-generated from a syndicated feed.)",
     "disclaimer"),
    # Look-alikes: real sentences that must stay.
    ("The newsletter was banned by the junta.", None),
    ("“Watch what happens if they cross the border,” the commander said.", None),
    ("“Leave a comment and we will delete it,” the minister joked.", None),
    ("By 2030, the country plans to double its output.", None),
    ("By Friday, the troops had left the valley.", None),
    ("Published reports said 30 people had died.", None),
    ("Copyright lawsuits are rising across Europe.", None),
    ("Apple removed the game from its App Store on Friday.", None),
    ("Residents were told to download the app to book vaccines.", None),
    ("Photos circulated on social media showed long queues at the airport.", None),
    ("Pictures, videos and posts shared online show the blast.", None),
    ("Video shot by a bystander shows police beating a man.", None),
    ("Reporting by the BBC revealed the deal last year.", None),
    ("Inputs from residents helped police find the suspects.", None),
    ("Comments by the minister angered the opposition.", None),
    ("Sharing of intelligence between the two countries has stopped.", None),
    ("He said the app had been downloaded a million times.", None),
    ("Follow-up talks are expected in Doha next week.", None),
    ("Related talks in Oslo ended without a deal.", None),
    ("Subscribers to the service lost access on Monday.", None),
    ("The Taliban said they would register all journalists.", None),
    ("Advertisements for the rally appeared in several newspapers.", None),
    ("Updated figures show the economy shrank by 4%.", None),
    ("Home Minister Amit Shah visited the site on Tuesday.", None),
    ("The ministry said the image was fake.", None),
    ("ISBN 978-3-7828-1534-5", None),
    ("2", None),
    ("x x x", None),
    ("Video-On-Demand", None),
    ("10:15 IST", "timestamp"),
]


@pytest.mark.parametrize(("line", "reason"), TABLE)
def test_boilerplate_line_table(line: str, reason: str | None) -> None:
    assert is_boilerplate(line) == reason


def test_boilerplate_table_is_large_and_balanced() -> None:
    assert len(TABLE) >= 40
    assert sum(reason is None for _, reason in TABLE) >= 20


def test_boilerplate_trailing_credit_leaves_paragraph() -> None:
    text = "Russia denied the meeting, reported Tolo News. (image -instagramkshvid)\n\nLeave a Comment"
    kept, removed = remove_boilerplate(text)
    assert kept == "Russia denied the meeting, reported Tolo News.\n"
    assert [(r.text, r.reason) for r in removed] == [
        ("(image -instagramkshvid)", "photo credit"), ("Leave a Comment", "comment prompt")]


@pytest.mark.parametrize(
    ("text", "names", "removed"),
    [
        ("By Jane Doe\nKabul is calm.\nBy Jane Doe", (), ["By Jane Doe", "By Jane Doe"]),
        ("Jane Doe\nKabul is calm.\nJane Doe", (), ["Jane Doe"]),
        ("Jane Doe\nKabul is calm.", ("Jane Doe",), ["Jane Doe"]),
        ("- one\n-\n-\n0\n0\nKabul is calm.", (), []),
        (">>> run()\n>>> run()\nKabul is calm.", (), []),
    ],
)
def test_boilerplate_repeated_bylines(text: str, names: tuple[str, ...], removed: list[str]) -> None:
    kept, gone = remove_boilerplate(text, names)
    assert [r.text for r in gone] == removed
    assert "Kabul is calm." in kept


_PROSE = st.sampled_from([line for line, reason in TABLE if reason is None])
_FURNITURE = st.sampled_from([line for line, reason in TABLE if reason is not None])
_ANY_LINE = st.text(max_size=40).map(lambda s: s.replace("\n", " "))
_LINES = st.lists(st.one_of(_PROSE, _FURNITURE, st.just(""), _ANY_LINE), max_size=15)


@settings(max_examples=150, deadline=None)
@given(_LINES)
def test_boilerplate_idempotent(lines: list[str]) -> None:
    once, _ = remove_boilerplate("\n".join(lines))
    twice, removed_again = remove_boilerplate(once)
    assert twice == once
    assert removed_again == []


@settings(max_examples=150, deadline=None)
@given(_LINES)
def test_boilerplate_accounts_for_every_line(lines: list[str]) -> None:
    text = "\n".join(lines)
    verdicts = classify_lines(text)
    assert len(verdicts) == len(text.split("\n"))
    for verdict in verdicts:
        if not verdict.line.strip():
            assert verdict.removed is None
            continue
        parts = [verdict.kept] + ([verdict.removed.text] if verdict.removed else [])
        assert " ".join(" ".join(parts).split()) == " ".join(verdict.line.split())
        assert verdict.kept or verdict.removed is not None
