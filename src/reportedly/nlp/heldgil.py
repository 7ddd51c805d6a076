"""The stock parser and NER, decoded step by step with the GIL held: the same transitions, half the time.

spaCy's greedy decoder (`Parser.greedy_parse`) releases the GIL and runs its C loop (`_parseC`) over the
batch. In the pinned spaCy 3.8.18 wheel (built with Cython 3.3), every `nogil` helper of the parse state
(`StateC.B_`, `safe_get`, `entity_is_open`, ... called dozens of times per transition by `set_valid`)
takes and drops the GIL around its body (`PyGILState_Ensure`/`Release`); with the GIL released, that is
two mutex round trips per call. `perf` on en_core_web_sm's NER over ECB+ news put about 60% of its
decoding time in `pthread_mutex_lock`/`unlock`, `take_gil` and `drop_gil`.

`HeldGilParser` runs the same decoder one step at a time from Python, the way spaCy's own training loop
does, so the GIL is held and those calls cost a thread-local lookup:

- the step model, features, hidden layer and scores are spaCy's own (`ParserStepModel`,
  `precompute_hiddens`: `sum_state_features`, bias, maxout), and the output layer is thinc's `Linear`
  arithmetic (BLIS `gemm`, then the bias) called directly: the numbers `predict_states` computes;
- each step's transitions are chosen and applied by the stock `Parser.transition_states` (its C
  `c_transition_batch`: `set_valid`, `arg_max_if_valid`, the move), now with the GIL held.

Only the loop changes hands, so the annotations are the stock component's (tests/nlp/test_pipeline.py
compares heads, labels, sentence starts and entities on news; a 300-article check found no difference).
A whole `pipe` batch (the runner's 16 articles) is decoded together: each Python step then advances every
unfinished article, and the per-step cost is shared. A beam model, unseen classes (whose scores the stock
loop rewrites per step) or a step model without an output layer fall back to the stock decoder.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc

HELD_GIL_PARSER = "rp_held_gil_parser"
HELD_GIL_NER = "rp_held_gil_ner"
# Docs per decoding batch when the caller gives none (nlp(text) passes one; nlp.pipe passes its own).
DEFAULT_BATCH_SIZE = 256

# spaCy's DependencyParser or EntityRecognizer: Cython classes whose methods mypy cannot see.
Parser = Any


class HeldGilParser:
    """A stock `parser` or `ner` component whose greedy decoding loop runs with the GIL held.

    Attributes other than `__call__` and `pipe` (labels, moves, model, cfg, ...) are the stock
    component's, so code that reads them sees no difference.
    """

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.vocab = nlp.vocab
        self.stock: Parser | None = None

    def load_from(self, stock: Parser) -> None:
        """Decode for `stock` (its model, transition system and annotation code are used as they are)."""
        self.stock = stock

    def __getattr__(self, name: str) -> Any:
        if name == "stock" or self.__dict__.get("stock") is None:
            raise AttributeError(name)
        return getattr(self.__dict__["stock"], name)

    def __call__(self, doc: Doc) -> Doc:
        """Annotate one Doc."""
        self._annotate([doc])
        return doc

    def pipe(self, docs: Iterable[Doc], *, batch_size: int = DEFAULT_BATCH_SIZE) -> Iterator[Doc]:
        """Annotate a stream of Docs, `batch_size` at a time, yielding them in order."""
        stream = iter(docs)
        while docs_in_order := list(islice(stream, batch_size)):
            self._annotate(docs_in_order)
            yield from docs_in_order

    def _annotate(self, docs: list[Doc]) -> None:
        stock = self.stock
        assert stock is not None, "HeldGilParser used before load_from"
        by_length = sorted(docs, key=len)
        if stock.cfg.get("beam_width", 1) != 1 or not any(len(doc) for doc in docs):
            states = stock.predict(by_length)
        else:
            states = greedy_parse(stock, by_length)
        stock.set_annotations(by_length, states)


def greedy_parse(stock: Parser, docs: list[Doc]) -> list[Any]:
    """The stock greedy decoder's states for `docs`, computed step by step with the GIL held.

    Args:
        stock: a loaded spaCy parser or entity recognizer (beam width 1).
        docs: the Docs to decode (already tokenized and, for the parser, with `doc.tensor` set).

    Returns:
        the final parse states, one per Doc, for `stock.set_annotations`.
    """
    stock._ensure_labels_are_added(docs)
    batch = stock.moves.init_batch(docs)
    model = stock.model.predict(docs)  # spaCy's ParserStepModel: token vectors and precomputed features
    try:
        upper = model.vec2scores
        if upper is None or not bool(np.all(model._class_mask)):
            return list(stock.predict(docs))  # no output layer, or unseen classes: the stock loop
        weights, bias = upper.get_param("W"), upper.get_param("b")
        ops, state2vec = upper.ops, model.state2vec
        states = [state for state in batch if not state.is_final()]
        while states:
            hidden = state2vec.predict(model.get_token_ids(states))
            scores = ops.gemm(hidden, weights, trans2=True)  # thinc's Linear forward, without its overhead
            scores += bias
            states = stock.transition_states(states, scores)
    finally:
        model.clear_memory()
    return list(batch)


@Language.factory(HELD_GIL_PARSER, assigns=["token.dep", "token.head", "token.is_sent_start", "doc.sents"],
                  requires=["doc.tensor"])
def make_held_gil_parser(nlp: Language, name: str) -> HeldGilParser:
    """The dependency parser decoded with the GIL held (stock component given with `load_from`)."""
    return HeldGilParser(nlp, name)


@Language.factory(HELD_GIL_NER, assigns=["doc.ents", "token.ent_iob", "token.ent_type"])
def make_held_gil_ner(nlp: Language, name: str) -> HeldGilParser:
    """The entity recognizer decoded with the GIL held (stock component given with `load_from`)."""
    return HeldGilParser(nlp, name)
