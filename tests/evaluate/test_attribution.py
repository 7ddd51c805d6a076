"""The PolNeAR scorer: protocol unit tests on hand-made gold, and the quality gate on a dev sample."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from reportedly.evaluate.attribution import (
    QUOTE_OVERLAP,
    GoldAttribution,
    GoldDoc,
    QuoteScore,
    Score,
    gold_kind,
    load_polnear,
    parsed_extractor,
    read_ann,
    score_doc,
    score_quotes,
    to_polnear,
)
from reportedly.model import Attribution, Span, Speaker

TEXT = '"We will win this race," Smith said. Jones said that taxes would rise.'


def _att(
    text: str, source: str, cue: str, content: str, direct: bool, nth: int = 0, kind: str = "statement"
) -> Attribution:
    def span(part: str) -> Span:
        start = text.index(part)
        return Span(start, start + len(part), part)

    s = span(source)
    return Attribution(
        "q1",
        Speaker(None, source, "person", s.start, s.end),
        span(cue),
        span(content),
        direct,
        (),
        "assert",
        kind=kind,
    )


def _gold(text: str, source: str, cue: str, content: str) -> GoldAttribution:
    def frag(part: str) -> tuple[tuple[int, int], ...]:
        start = text.index(part)
        return ((start, start + len(part)),)

    return GoldAttribution(frag(source), frag(cue), frag(content))


GOLD = GoldDoc(
    "t",
    TEXT,
    (
        _gold(TEXT, "Smith", "said", '"We will win this race,"'),
        _gold(TEXT, "Jones", "said that", "that taxes would rise"),
    ),
)


def test_attribution_to_polnear_adds_quote_marks_and_that() -> None:
    direct = _att(TEXT, "Smith", "said", "We will win this race,", True)
    indirect = _att(TEXT, "Jones", "said that", "taxes would rise", False)
    assert TEXT[slice(*to_polnear(TEXT, direct)["content"][0])] == '"We will win this race,"'
    assert TEXT[slice(*to_polnear(TEXT, indirect)["content"][0])] == "that taxes would rise"


@pytest.mark.parametrize(
    ("text", "content", "direct", "fragments"),
    [
        (
            '"We will win," Smith said, "and soon."',
            'We will win," Smith said, "and soon.',
            True,
            ['"We will win,"', '"and soon."'],
        ),
        (
            'Smith said: "We will win." The rest follows.',
            "We will win.",
            True,
            ['"We will win."'],
        ),
        (
            "The talks, Smith said, were constructive.",
            "The talks, Smith said, were constructive",
            False,
            ["The talks", "were constructive"],
        ),
    ],
)
def test_attribution_to_polnear_cuts_inserted_speaker(
    text: str, content: str, direct: bool, fragments: list[str]
) -> None:
    # A content over its own speaker and cue is PolNeAR's two fragments, without the words that credit it.
    att = _att(text, "Smith", "said", content, direct)
    assert [text[a:b] for a, b in to_polnear(text, att)["content"]] == fragments


@pytest.mark.parametrize(
    ("gold_source", "antecedent", "right"),
    [
        ("Warren", "Warren", True),  # "she" resolved to the gold source: a quote tracker's Warren
        ("Warren", "Jones", False),  # resolved to someone else
        ("Warren", None, False),  # unresolved: the pronoun is not the gold source
        ("she", None, True),  # the gold source is the pronoun itself
    ],
)
def test_attribution_speaker_counts_the_antecedent_of_a_pronoun(
    gold_source: str, antecedent: str | None, right: bool
) -> None:
    text = "Warren met Jones. “You went on television,” she said."
    att = _att(text, "she", "said", "You went on television,", True)
    if antecedent is not None:
        start = text.index(antecedent)
        ante = Span(start, start + len(antecedent), antecedent)
        att = replace(att, speaker=replace(att.speaker, antecedent=ante))
    gold = GoldDoc("t", text, (_gold(text, gold_source, "said", "“You went on television,”"),))
    score = Score()
    score_doc(score, gold, [att])
    assert score.summary()["speaker_accuracy_0.3"] == (100.0 if right else 0.0)


@pytest.mark.parametrize(
    ("content", "exact", "begin", "loose", "strict"),
    [
        ("taxes would rise", 1.0, 1.0, 1.0, 1.0),  # "that" restored: exact
        ("taxes would", 0.0, 1.0, 1.0, 0.0),  # same start, 12/21 of gold: found at 0.3, not at 0.8
        ("rise", 0.0, 0.0, 0.0, 0.0),  # 4/21 of gold: not found
    ],
)
def test_attribution_protocols(content: str, exact: float, begin: float, loose: float, strict: float) -> None:
    score = Score()
    gold = GoldDoc("t", TEXT, GOLD.attributions[1:])
    score_doc(score, gold, [_att(TEXT, "Jones", "said", content, False, 1)])
    summary = score.summary()
    assert summary["content_exact"]["f1"] == 100 * exact  # type: ignore[index]
    assert summary["content_begin"]["f1"] == 100 * begin  # type: ignore[index]
    assert summary["quote_0.3"]["f1"] == 100 * loose  # type: ignore[index]
    assert summary["quote_0.8"]["f1"] == 100 * strict  # type: ignore[index]


def test_attribution_read_ann_discontinuous(tmp_path: Path) -> None:
    ann = tmp_path / "a_1.ann"
    ann.write_text(
        "T1\tSource 0 5\tSmith\nT2\tCue 6 10\tsaid\nT3\tContent 11 15;20 25\txxxx yyyyy\n"
        "T4\tAttribution 6 10\tsaid\nE1\tAttribution:T4 Source:T1 Cue:T2 Content:T3\n",
        "utf-8",
    )
    (att,) = read_ann(ann)
    assert att.content == ((11, 15), (20, 25)) and att.source == ((0, 5),)


# Floors on the whole PolNeAR dev split (84 articles, about 30 s under load; the first 12 articles, the
# sample before, took 9 s but were easy: source 77.8 there against 71.4 on the split, so its floors sat
# 3 points above the split's figure and moved with which articles came first). Measured 2026-12-07 with
# `reportedly eval attribution --split dev` after one record over an inserted speaker (split.py), the
# hidden inserted speakers, name-colon lines and the weights retrained on them: source 71.4, cue 67.5,
# content 57.9, quote 74.1 at 0.3 and 65.8 at 0.8, speaker accuracy 89.4 (before: 71.4, 67.5, 57.1,
# 72.3, 57.2, 87.1). Floors 1.5 points under; raise them with the extractor, never lower them without
# the reason in the commit. Raised 2026-12-07 after WordNet's propositions and kinds and the weights
# retrained on them: source 71.6, cue 67.6, content 58.0, quote 75.0 at 0.3 and 66.1 at 0.8, speaker
# accuracy 89.0. Raised 2026-12-07 after the quotation dash, mixed quotations, inserted "according
# to", colon-introduced quotations, written works, the clause after a verb of saying first and the
# weights retrained on them: source 72.3, cue 68.1, content 58.5, quote 75.5 at 0.3 and 66.7 at 0.8,
# speaker accuracy 89.7. Raised 2026-12-07 after floating quotations keep their speaker's mention,
# quoted transcript turns, "Said X:", things found no claims and a subject inside the quotation no
# speaker, weights retrained: source 72.6, cue 68.3, content 58.5, quote 75.5 at 0.3 and 66.8 at 0.8,
# speaker accuracy 90.8; then inline quotations under a verb of communication: source 72.8, quote
# 75.6 at 0.3, speaker accuracy 91.0. Raised 2026-12-07 after right-mark quotations, transcript turns,
# block quotations, "according to" framing, participles of saying as second claims and the weights
# retrained on them: source 73.6, cue 69.2, content 59.7, quote 76.3 at 0.3 and 67.9 at 0.8, speaker
# accuracy 91.6.
DEV_SAMPLE: int | None = None
FLOORS = {
    "source_exact": 72.1,
    "cue_exact": 67.7,
    "content_exact": 58.2,
    "quote_0.3": 74.8,
    "quote_0.8": 66.4,
}


# Matched quotations whose speaker is right (GGT protocol, 0.3 overlap).
# 91.6 (2026-12-07, "according to" framing, transcript turns); 92.2 once the scorer counted a
# pronoun's resolved antecedent as its documented protocol says (91.6 with the pronoun's span alone).
SPEAKER_ACCURACY_FLOOR = 90.7


# Statements only (GGT protocol at 0.3, `eval attribution --quotes`) on the same split, measured on
# 2026-12-07: quote F1 74.2, speaker accuracy 90.2 (before one record over an inserted speaker: 71.8 /
# 87.8; before the decision kind, one attribution per content and participles' own contents: 71.1 /
# 87.6). A floor 1.5 points under each. Raised 2026-12-07 after WordNet's propositions and kinds and
# the weights retrained on them: 74.9, speaker accuracy 89.9 (its floor stays). Raised 2026-12-07
# after the quotation dash, mixed quotations, colon-introduced quotations and the clause after a verb
# of saying first: 75.5, speaker accuracy 90.6. Speaker floor raised 2026-12-07 after floating
# quotations keep their speaker's mention, transcript turns, things found no claims and a subject
# inside the quotation no speaker: 75.5, speaker accuracy 91.6; inline quotations: 75.6, 91.9.
# Raised 2026-12-07 after this round of issue 14 (right-mark quotations, transcript turns, block
# quotations, "according to" framing, participles of saying, sentence-final quotations): 76.4, 92.6;
# speaker accuracy 93.1 once a pronoun's resolved antecedent counts (the documented GGT check).
QUOTE_FLOOR = 74.9
QUOTE_SPEAKER_FLOOR = 91.6


@pytest.fixture(scope="module")
def dev_scores(shared: Path, nlp: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    """Both protocols on one parse of the dev sample: all kinds, and statements only."""
    docs = load_polnear(shared / "data" / "polnear", "dev", limit=DEV_SAMPLE)
    score, quotes = Score(), QuoteScore()
    for gold, (doc, predicted) in zip(docs, parsed_extractor()([d.text for d in docs]), strict=True):
        score_doc(score, gold, predicted)
        score_quotes(quotes, gold, doc, predicted)
    return score.summary(), quotes.summary()


@pytest.fixture(scope="module")
def dev_score(dev_scores: tuple[dict[str, Any], dict[str, Any]]) -> dict[str, Any]:
    return dev_scores[0]


@pytest.mark.parametrize("measure", sorted(FLOORS))
def test_attribution_polnear_dev_floor(dev_score: dict[str, Any], measure: str) -> None:
    assert dev_score["articles"] == 84  # the whole split
    assert dev_score[measure]["f1"] >= FLOORS[measure], dev_score


def test_attribution_polnear_dev_speaker_accuracy(dev_score: dict[str, Any]) -> None:
    assert dev_score["speaker_accuracy_0.3"] >= SPEAKER_ACCURACY_FLOOR, dev_score


def test_attribution_polnear_dev_statements_only(dev_scores: tuple[dict[str, Any], dict[str, Any]]) -> None:
    quotes = dev_scores[1]
    assert quotes[f"quote_{QUOTE_OVERLAP}"]["f1"] >= QUOTE_FLOOR, quotes
    assert quotes[f"speaker_accuracy_{QUOTE_OVERLAP}"] >= QUOTE_SPEAKER_FLOOR, quotes


QUOTES_TEXT = (
    '"We will win this race," Smith said. Analysts believe the race is close. '
    "The board declined to review the case."
)


def _quote_gold(text: str) -> GoldDoc:
    return GoldDoc(
        "q",
        text,
        (
            _gold(text, "Smith", "said", '"We will win this race,"'),
            _gold(text, "Analysts", "believe", "the race is close"),
            _gold(text, "The board", "declined", "to review the case"),
        ),
    )


def test_attribution_gold_kind_reads_the_gold_cue(nlp: Any) -> None:
    gold = _quote_gold(QUOTES_TEXT)
    doc = nlp(QUOTES_TEXT)
    assert [gold_kind(doc, g) for g in gold.attributions] == ["statement", "belief", "decision"]


@pytest.mark.parametrize(
    ("kinds", "f1", "speakers"),
    [
        (("statement", "belief", "decision"), 100.0, 100.0),  # beliefs and decisions leave both sides
        (("statement", "statement", "statement"), 50.0, 100.0),  # a belief emitted as a statement: false
        (("belief", "belief", "decision"), 0.0, 0.0),  # the statement missed
    ],
)
def test_attribution_statements_only_protocol(
    nlp: Any, kinds: tuple[str, ...], f1: float, speakers: float
) -> None:
    text = QUOTES_TEXT
    predicted = [
        _att(text, "Smith", "said", "We will win this race,", True, kind=kinds[0]),
        _att(text, "Analysts", "believe", "the race is close", False, kind=kinds[1]),
        _att(text, "The board", "declined", "to review the case", False, kind=kinds[2]),
    ]
    score = QuoteScore()
    score_quotes(score, _quote_gold(text), nlp(text), predicted)
    summary = score.summary()
    assert summary["gold_statements"] == 1
    assert summary[f"quote_{QUOTE_OVERLAP}"]["f1"] == f1  # type: ignore[index]
    assert summary[f"speaker_accuracy_{QUOTE_OVERLAP}"] == speakers
