"""The learned content end: where an indirect content stops, in PolNeAR's reading.

The parse gives a content as a subtree, and PolNeAR's annotators often stop elsewhere: before a
relative clause or a trailing phrase ("... the 1994 crime bill, which put more police ..."), or
after one the parser hung outside the clause. Each indirect content gets candidate ends: its own,
every token boundary of its sentence before a comma, dash, bracket, or a token starting a clause or
phrase (CUT_DEPS), and the sentence's end. A logistic regression scores each candidate as the gold
end; the best one wins. Trained on CPU by scripts/train_attribution.py on PolNeAR train; weights in
data/attribution/content_end.npz (feature names and weights only). Without it the parse's end stays.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
from spacy.attrs import DEP, HEAD, IS_PUNCT, IS_SPACE, LEMMA, LOWER, ORTH, POS, SENT_START, TAG
from spacy.strings import StringStore
from spacy.symbols import VERB
from spacy.tokens import Doc

from reportedly.extract.attribution.drafts import Draft
from reportedly.extract.cues import CUE_LEMMAS
from reportedly.weights import feature_index, read_weights

WEIGHTS = "data/attribution/content_end.npz"
# Dependencies of a token that may start what a content leaves out (or takes in, past its parse end).
CUT_DEPS = frozenset({"relcl", "prep", "advcl", "cc", "conj", "acl", "npadvmod", "appos", "agent", "mark"})
# Punctuation a content may stop before.
CUT_PUNCT = frozenset({",", ";", ":", "—", "–", "-", "--", "(", ")", "."})
# Function words read by their form; other words by their part of speech.
_FORM_POS = frozenset({"ADP", "SCONJ", "CCONJ", "PRON", "DET", "PUNCT", "PART"})
# A content is extended at most this many tokens past its parse end (to its sentence's end).
MAX_EXTEND = 40
# Two words that credit what comes before them ("..., according to X", "..., as per X"): a content is
# never extended over them (drafts.trim_content cuts the same tail from a parse's content).
CREDIT_TAILS = (("according", "to"), ("as", "per"))
# Distances (tokens) from the parse's end, in buckets.
_DIST_BUCKETS = (0, 1, 3, 6, 12, 25)


def _bucket_of(n: int) -> str:
    b = next((i for i, b in enumerate(_DIST_BUCKETS) if abs(n) <= b), len(_DIST_BUCKETS))
    return f"-{b}" if n < 0 else str(b)


# Bucket names of every distance a content can move (a lookup instead of a scan per candidate).
_BUCKETS = {n: _bucket_of(n) for n in range(-4 * MAX_EXTEND, 4 * MAX_EXTEND + 1)}


def _bucket(n: int) -> str:
    return _BUCKETS.get(n) or _bucket_of(n)


@dataclass(frozen=True, slots=True)
class _Ids:
    """The string ids `Columns.of` compares a Doc's columns with."""

    cut: np.ndarray  # CUT_DEPS and CUT_PUNCT
    cue: np.ndarray  # CUE_LEMMAS
    pairs: frozenset[tuple[int, int]]  # CREDIT_TAILS
    comma: int
    vbg: int


# The last StringStore's ids: (store, ids).
_LAST_IDS: list[Any] = [None, None]


def _ids(strings: StringStore) -> _Ids:
    """The ids of the words and labels the columns test, added to `strings` once per store (every
    article of a run shares its pipeline's store), not once per article."""
    last, ids = _LAST_IDS
    if last is not strings:
        ids = _Ids(
            # np.isin makes the same array of a list on every call
            np.asarray([strings.add(x) for x in CUT_DEPS | CUT_PUNCT]),
            np.asarray([strings.add(lemma) for lemma in CUE_LEMMAS]),
            frozenset((strings.add(a), strings.add(b)) for a, b in CREDIT_TAILS),
            strings.add(","),
            strings.add("VBG"),
        )
        _LAST_IDS[:] = (strings, ids)
    return ids  # type: ignore[no-any-return]


@dataclass(frozen=True, slots=True)
class Columns:
    """The token attributes the model reads, as lists read once per article with `Doc.to_array`
    (indexing a Doc builds a Token object on every access); strings are looked up on demand."""

    strings: StringStore
    pos: list[int]
    lower: list[int]
    dep: list[int]
    head: list[int]  # absolute index of each token's head
    sent_start: list[bool]
    cut: list[bool]  # a cut point: CUT_PUNCT or a CUT_DEPS dependent
    blank: list[bool]  # punctuation or space
    cue: list[bool]  # a verb of the cue lexicon
    credit: list[bool]  # the first word of a crediting tail: "according" (to), "as" (per)
    adjunct: list[bool]  # a participle of the cue lexicon after a comma: "..., saying that ..."

    @classmethod
    def of(cls, doc: Doc) -> Columns:
        """The columns of `doc`."""
        arr = doc.to_array([POS, LOWER, DEP, HEAD, SENT_START, IS_PUNCT, IS_SPACE, ORTH, LEMMA, TAG])
        strings = doc.vocab.strings
        ids = _ids(strings)
        cut = np.isin(arr[:, 2], ids.cut) | np.isin(arr[:, 7], ids.cut)
        head = arr[:, 3].astype(np.int64) + np.arange(len(doc))  # relative offsets, stored wrapped
        cue = arr[:, 0] == VERB
        cue[cue] = np.isin(arr[cue, 8], ids.cue)  # the lemma test on the verbs only: the same answers
        nxt = np.append(arr[1:, 1], 0)[: len(doc)]  # the next token's form (0 past the last)
        credit = np.zeros(len(doc), dtype=bool)
        for word, after in ids.pairs:
            credit |= (arr[:, 1] == word) & (nxt == after)
        comma = arr[:, 7] == ids.comma
        adjunct = cue & (arr[:, 9] == ids.vbg) & np.concatenate(([False], comma[:-1]))
        return cls(
            strings,
            arr[:, 0].tolist(),
            arr[:, 1].tolist(),
            arr[:, 2].tolist(),
            head.tolist(),
            (arr[:, 4].astype(np.int64) == 1).tolist(),
            cut.tolist(),
            ((arr[:, 5] + arr[:, 6]) > 0).tolist(),
            cue.tolist(),
            credit.tolist(),
            adjunct.tolist(),
        )

    def at(self, i: int) -> str:
        """The word at `i`: a function word's lower form, another's part of speech; "END" past the text."""
        if i >= len(self.pos):
            return "END"
        pos = self.strings[self.pos[i]]
        return self.strings[self.lower[i]] if pos in _FORM_POS else pos

    def dep_at(self, i: int) -> str:
        """The dependency label of token `i`."""
        return self.strings[self.dep[i]]


def candidates(cols: Columns, lo: int, hi: int, after_cue: bool = False) -> list[int]:
    """Candidate end tokens (exclusive) of the content [lo, hi): its own, cut points, the sentence end.

    `after_cue`: the content follows its verb ("said ..."), rather than coming before it ("...,
    officials said").
    """
    n = len(cols.pos)
    if after_cue:
        # "said he didn't believe it, arguing that ...": a participle of saying set off by a comma
        # opens a second claim of the same speaker (PolNeAR annotates two): the content stops before
        # its comma. Before the cue ("met ..., agreeing to ..., officials said") it is what is reported.
        hi = next((i - 1 for i in range(lo + 2, hi) if cols.adjunct[i]), hi)
    sent_end = hi  # Token.sent walks the Doc from its start: scan forward from the content's end instead
    while sent_end < n and sent_end - hi < MAX_EXTEND and not cols.sent_start[sent_end]:
        if cols.cue[sent_end] or cols.credit[sent_end]:
            # "... and denied targeting civilians": another claim starts, the content stops before;
            # "..., as per the media outlet": the words credit the content, they are no part of it
            break
        sent_end += 1
    ends = {hi}
    ends.update(i for i in range(lo + 1, max(sent_end, hi)) if cols.cut[i])
    end = sent_end
    while end > lo + 1 and cols.blank[end - 1]:
        end -= 1
    ends.add(end)
    return sorted(e for e in ends if e > lo)


def features(cols: Columns, lo: int, hi: int, end: int, how: str) -> list[str]:
    """The features of ending the content [lo, hi) at `end` instead."""
    rel = "same" if end == hi else ("cut" if end < hi else "extend")
    nxt, prev = cols.at(end), cols.at(end - 1)
    out = [
        f"REL={rel}",
        f"RH={rel}|{how}",
        f"N={nxt}",
        f"NR={nxt}|{rel}",
        f"P={prev}",
        f"NP={prev}|{nxt}",
        f"DIST={_bucket(end - hi)}",
        f"LEN={_bucket(end - lo)}",
        f"PD={cols.dep_at(end - 1)}",
    ]
    if end < len(cols.pos):
        dep = cols.dep_at(end)
        out += [f"ND={dep}", f"NDR={dep}|{rel}", f"N2={cols.at(end + 1)}"]
        out.append(f"NH={'in' if lo <= cols.head[end] < end else 'out'}|{dep}")
        after = end + 1 < len(cols.pos) and cols.sent_start[end + 1]
        out.append(f"SENT={cols.sent_start[end] or cols.blank[end] and after}")
    return out


@lru_cache(maxsize=1)
def load_model() -> tuple[dict[str, int], np.ndarray, float] | None:
    """The shipped weights, read once per process: (feature index, weights, bias)."""
    npz = read_weights(WEIGHTS)
    if npz is None:
        return None
    return feature_index(npz["vocab"]), npz["w"].astype(np.float32), float(npz["b"])


# Each model's weights by feature name: id pair -> (index, weights, {feature: weight}); the model's
# objects are kept with its map, so their ids stay theirs.
_WEIGHT_MAPS: dict[tuple[int, int], tuple[Any, Any, dict[str, float]]] = {}


def weight_map(index: dict[str, int], weights: np.ndarray) -> dict[str, float]:
    """`{f: float(weights[index[f]])}`, made once per model.

    A score sums a few features' weights for every candidate (the content end's) or every draft (the
    cue filter's): a dict read instead of a numpy scalar read and a float per feature. The same
    floats, summed in the same order.

    Args:
        index: feature name -> row of `weights`.
        weights: the model's weights.

    Returns:
        feature name -> its weight as a Python float; do not change it.
    """
    key = (id(index), id(weights))
    found = _WEIGHT_MAPS.get(key)
    if found is None:
        if len(_WEIGHT_MAPS) >= 8:  # models made in a loop (training, tests): keep a few
            _WEIGHT_MAPS.clear()
        values = weights.tolist()
        weight = {f: values[i] for f, i in index.items() if i < len(values)}
        found = _WEIGHT_MAPS[key] = (index, weights, weight)
    return found[2]


def best_end(
    cols: Columns,
    lo: int,
    hi: int,
    how: str,
    model: tuple[dict[str, int], np.ndarray, float],
    after_cue: bool = False,
) -> int:
    """The candidate end the model scores highest (ties keep the parse's end)."""
    weight = weight_map(model[0], model[1])
    best, best_z = hi, None
    for end in candidates(cols, lo, hi, after_cue):
        z = sum(weight[f] for f in set(features(cols, lo, hi, end, how)) if f in weight)
        if best_z is None or z > best_z or (z == best_z and end == hi):
            best, best_z = end, z
    return best


def refine_ends(doc: Doc, drafts: list[Draft]) -> None:
    """Move the end of each indirect verb draft's content to the model's best candidate, in place."""
    model = load_model()
    todo = [d for d in drafts if not d.direct and d.verb is not None]
    if model is None or not todo:
        return
    cols = Columns.of(doc)
    for draft in todo:
        span = doc.char_span(draft.content[0], draft.content[1], alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        after_cue = draft.verb is not None and draft.verb < span.start
        end = best_end(cols, span.start, span.end, draft.how, model, after_cue)
        if end != span.end:
            draft.content = (draft.content[0], doc[end - 1].idx + len(doc[end - 1]))
