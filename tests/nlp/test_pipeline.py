"""The pipeline's memoized rule components and held-GIL decoders annotate exactly as spaCy's stock ones do."""

from __future__ import annotations

import platform
from typing import Any

import pytest
import spacy
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

from reportedly.nlp.heldgil import HELD_GIL_NER, HELD_GIL_PARSER, HeldGilParser
from reportedly.nlp.memoized import FAST_LEMMATIZER, FAST_RULER, TagMapAttributeRuler
from reportedly.nlp.pipeline import (
    MODEL_PACKAGE,
    PARAGRAPH_BREAKS,
    add_paragraph_breaks,
    is_hard_wrapped,
    paragraph_breaks,
    speed_up,
)
from tests.conftest import SEED

# Texts that reach every kind of stock rule: tag map, word exceptions, DEP conditions, the rules of
# several tokens ("gon na", "let 's", "ai n't", "y' all", "There is"), and whitespace tokens.
TEXTS = [
    "There is no way we're gonna let 's go, y'all. I ain't sure he did it; it was done to me.",
    "Something happened.\n\n  Nobody knows whether the talks, which Russia hosted, will resume.",
    "KABUL, Afghanistan (AP) — The Taliban said on Monday they had seized the city.  \n",
    "  ",
    PARAGRAPHS := (
        "Ukraine’s president said the offensive would continue. “We will push them back, and we will do it"
        " faster.”\nRussia’s Defense Ministry said its forces had attacked Ukrainian positions near Kupiansk."
        "\n\nAid is arriving, said European Commissioner Hadja Lahbib\nThe convoy reached Gaza on Monday"
        " after Israel and Egypt met in Cairo, the United Nations said."),
]
# The stock parser continues a sentence over two of PARAGRAPHS's breaks: after a closing quote mark, and
# after a credit line with no final stop.


def _annotations(doc: Doc) -> list[tuple[Any, ...]]:
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i, t.ent_type_, t.ent_iob_,
             t.is_sent_start) for t in doc]


def _crossing_sentences(doc: Doc) -> list[str]:
    """The sentences that run over a paragraph break (their trailing whitespace aside)."""
    return [sent.text for sent in doc.sents if "\n" in sent.text.strip()]


@pytest.fixture(scope="module")
def stock_and_fast() -> tuple[Language, Language]:
    """Stock spaCy and the sped-up pipeline, both with the paragraph-break rule before the parser: the
    comparisons check that the held-GIL parser keeps preset sentence starts as the stock one does."""
    stock = spacy.load(MODEL_PACKAGE)
    fast = spacy.load(MODEL_PACKAGE)
    speed_up(fast)
    for nlp in (stock, fast):
        add_paragraph_breaks(nlp)
    return stock, fast


def test_pipeline_runs_the_memoized_components(nlp: Language) -> None:
    factories = {name: nlp.get_pipe_meta(name).factory for name in nlp.pipe_names}
    assert factories["attribute_ruler"] == FAST_RULER
    assert factories["lemmatizer"] == FAST_LEMMATIZER
    assert factories["parser"] == HELD_GIL_PARSER
    assert factories["ner"] == HELD_GIL_NER
    assert {"tok2vec", "tagger", "parser", "ner"} <= set(nlp.pipe_names)
    assert nlp.pipe_names.index(PARAGRAPH_BREAKS) < nlp.pipe_names.index("parser")


@pytest.mark.parametrize(("text", "preset"), [
    ("He said “go.”\nThey went.", ["They"]),
    ("A\n\nB \n C\n", ["B", "C"]),  # a blank line, spaces around the newline, a final newline
    ("One two. Three\tfour  five", []),  # no newline: nothing preset
    ("\n\nLead\nNext", ["Lead", "Next"]),
])
def test_pipeline_paragraph_breaks_preset_sentence_starts(text: str, preset: list[str]) -> None:
    doc = paragraph_breaks(spacy.blank("en")(text))
    rest = doc[1:]  # spaCy reads the first token as a sentence start whatever is set
    assert [t.text for t in rest if t.is_sent_start] == preset
    assert all(t.is_sent_start is None for t in rest if t.text not in preset), "the parser decides the rest"


WRAPPED = """KABUL, Dec 1 (Reuters) - Afghanistan's Taliban administration said on
Wednesday it had held talks with a delegation of the opposition in the
Iranian capital, the first such meeting since the group took power in
August, but that the discussions ended without an agreement on a
broader government.

A spokesman for the opposition front confirmed the meeting and said
further talks were planned.
"""


def test_pipeline_paragraph_breaks_hard_wrapped_text_breaks_at_blank_lines() -> None:
    assert is_hard_wrapped(WRAPPED)
    doc = paragraph_breaks(spacy.blank("en")(WRAPPED))
    assert [t.text for t in doc[1:] if t.is_sent_start] == ["A"]  # not "Wednesday", "Iranian", ...


@pytest.mark.parametrize("text", [
    "Short paragraph one.\nShort paragraph two.\nThree.\nFour.\nFive.\n",  # short paragraphs end in stops
    "A long paragraph extracted from a page " * 5 + "\n" + "and another one " * 10,  # over a terminal width
])
def test_pipeline_paragraph_breaks_unwrapped_text(text: str) -> None:
    assert not is_hard_wrapped(text)


def test_pipeline_paragraph_breaks_keep_earlier_presets() -> None:
    doc = spacy.blank("en")("Mr. Smith went.\nHe left. Then")
    doc[1].is_sent_start, doc[8].is_sent_start = False, True  # set by an earlier component
    paragraph_breaks(doc)
    assert [t.is_sent_start for t in doc[1:]] == [False, None, None, None, True, None, None, True]


def test_pipeline_sentences_end_at_paragraph_breaks(stock_and_fast: tuple[Language, Language]) -> None:
    stock, fast = stock_and_fast
    with stock.select_pipes(disable=[PARAGRAPH_BREAKS]):
        assert len(_crossing_sentences(stock(PARAGRAPHS))) == 2, "the stock parser joins paragraphs"
    assert _crossing_sentences(stock(PARAGRAPHS)) == []
    doc = fast(PARAGRAPHS)
    assert _crossing_sentences(doc) == []
    assert [sent[0].text for sent in doc.sents if sent.start and doc[sent.start - 1].is_space] == [
        "Russia", "Aid", "The"]


def test_pipeline_spans_stay_within_their_paragraph(nlp: Language) -> None:
    from reportedly.extract import analyze_doc
    from reportedly.model import DocContext

    _, attributions, events = analyze_doc(nlp(PARAGRAPHS), DocContext("t"))
    contents = [a.content for a in attributions]
    evidence = [span for event in events for span in event.evidence]
    assert {"Russia’s Defense Ministry", "the United Nations"} <= {a.speaker.text for a in attributions}
    assert len(evidence) >= 2, "the attack and the meeting are events"
    for span in contents + evidence:
        assert PARAGRAPHS[span.start:span.end] == span.text
        assert "\n" not in span.text.strip(), span.text
    quote = next(a for a in attributions if a.content.text.startswith("We will push"))
    assert quote.speaker.text == "Ukraine’s president"  # not the ministry of the next paragraph


def test_pipeline_annotations_equal_stock(stock_and_fast: tuple[Language, Language]) -> None:
    stock, fast = stock_and_fast
    texts = [*TEXTS, SEED.read_text("utf-8")] * 2  # twice: the second pass runs from the memos
    for expected, got in zip(stock.pipe(texts), fast.pipe(texts), strict=True):
        assert _annotations(got) == _annotations(expected)


def test_pipeline_annotations_equal_stock_on_news(
    stock_and_fast: tuple[Language, Language], shared: Any
) -> None:
    from bench.corpus import load_articles

    stock, fast = stock_and_fast
    texts = [a.text for a in load_articles(shared / "data" / "ecbplus" / "ECB+", 12)]
    for expected, got in zip(stock.pipe(texts), fast.pipe(texts), strict=True):
        assert _annotations(got) == _annotations(expected)


@pytest.mark.parametrize("texts", [
    ["Officials said the talks in Doha had ended.", "", "  ", "Putin met Erdogan in Sochi on Friday."],
    [SEED.read_text("utf-8")],
    ["Kabul.", "A man in New York said Microsoft's chief, Satya Nadella, had resigned."] * 3,
])
@pytest.mark.parametrize("name", ["parser", "ner"])
def test_held_gil_parser_equals_stock_decoder(
    stock_and_fast: tuple[Language, Language], texts: list[str], name: str
) -> None:
    stock, fast = stock_and_fast
    decoder = fast.get_pipe(name)
    assert isinstance(decoder, HeldGilParser)
    assert decoder.labels == stock.get_pipe(name).labels  # other attributes are the stock component's
    with stock.select_pipes(disable=[name]):  # the same input: every component before this one
        docs = list(stock.pipe(texts))
    expected = list(stock.get_pipe(name).pipe([d.copy() for d in docs], batch_size=4))
    assert [_annotations(d) for d in decoder.pipe([d.copy() for d in docs], batch_size=4)] == [
        _annotations(d) for d in expected]
    assert [_annotations(decoder(d.copy())) for d in docs] == [_annotations(d) for d in expected]


# Hand-built rules: precedence by rule order, set predicates, regexes, DEP conditions, a target index
# on the second and on the last token of a two-token rule.
RULES: list[dict[str, Any]] = [
    {"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "NOUN"}},
    {"patterns": [[{"TAG": "VBD"}]], "attrs": {"POS": "VERB", "MORPH": "Tense=Past"}},
    {"patterns": [[{"LOWER": {"IN": ["talks", "war"]}}]], "attrs": {"LEMMA": "talk"}},
    {"patterns": [[{"TAG": {"NOT_IN": ["NN", ""]}, "DEP": "aux"}]], "attrs": {"POS": "AUX"}},
    {"patterns": [[{"LOWER": {"REGEX": "^gon$"}}, {"LOWER": "na"}]], "attrs": {"LEMMA": "to"}, "index": 1},
    {"patterns": [[{"LOWER": "let"}, {"LOWER": "'s"}]], "attrs": {"LEMMA": "us"}, "index": -1},
    {"patterns": [[{"TAG": "NN", "LOWER": "war"}]], "attrs": {"POS": "PROPN"}},
    {"patterns": [[{"IS_SPACE": True}], [{"LOWER": "xx"}]], "attrs": {"TAG": "_SP", "POS": "SPACE"}},
]
WORDS = ["war", "talks", "had", "gon", "na", "let", "'s", "\n", "xx", "na"]
TAGS = ["NN", "NN", "VBD", "VBG", "TO", "VB", "PRP", "", "NN", "TO"]
DEPS = ["nsubj", "dobj", "aux", "ROOT", "aux", "conj", "dobj", "dep", "dobj", "aux"]


@pytest.mark.parametrize("rules", [RULES, list(reversed(RULES)), RULES[4:] + RULES[:4]])
def test_fast_attribute_ruler_equals_attribute_ruler(rules: list[dict[str, Any]]) -> None:
    nlp = spacy.blank("en")
    stock = AttributeRuler(nlp.vocab)
    stock.add_patterns(rules)
    fast = TagMapAttributeRuler(nlp, "fast")
    fast.load_from(stock)
    assert fast.rules, "every hand-built rule is within the evaluator"
    heads = [3, 3, 3, 3, 3, 3, 5, 3, 3, 3]
    for _ in range(2):  # cold memo, then warm
        expected = stock(Doc(nlp.vocab, words=WORDS, tags=TAGS, deps=DEPS, heads=heads))
        got = fast(Doc(nlp.vocab, words=WORDS, tags=TAGS, deps=DEPS, heads=heads))
        assert _annotations(got) == _annotations(expected)


def test_fast_attribute_ruler_falls_back_on_unknown_rules() -> None:
    nlp = spacy.blank("en")
    stock = AttributeRuler(nlp.vocab)
    stock.add_patterns([{"patterns": [[{"LOWER": "a", "OP": "+"}]], "attrs": {"LEMMA": "x"}}])
    fast = TagMapAttributeRuler(nlp, "fast")
    fast.load_from(stock)
    assert fast.rules == []
    assert [t.lemma_ for t in fast(Doc(nlp.vocab, words=["a", "a", "b"]))] == ["x", "x", ""]


@pytest.mark.parametrize("text", ["The Zorblaxian envoys were negotiating quietly with Qwertyvians.",
                                  "Officials said the talks had been held in Doha."])
def test_pipeline_lemmas_survive_memory_zones(nlp: Language, text: str) -> None:
    with nlp.memory_zone():
        first = [t.lemma_ for t in nlp(text)]
    with nlp.memory_zone():  # the memo's strings of the first zone were freed with it
        second = [t.lemma_ for t in nlp(text)]
    assert second == first
    assert {"negotiate", "hold"} & set(first)


@pytest.mark.skipif(platform.libc_ver()[0] != "glibc", reason="mallopt is glibc's")
def test_memory_keep_large_blocks_on_glibc(nlp: Language) -> None:
    from reportedly.nlp.memory import keep_large_blocks

    assert keep_large_blocks()  # make_nlp has set the thresholds; the cached answer says it worked
