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

import io
import json
from functools import lru_cache
from importlib import resources

import numpy as np
from spacy.tokens import Doc

from reportedly.extract.drafts import Draft

WEIGHTS = "data/attribution/content_end.npz"
# Dependencies of a token that may start what a content leaves out (or takes in, past its parse end).
CUT_DEPS = frozenset({"relcl", "prep", "advcl", "cc", "conj", "acl", "npadvmod", "appos", "agent", "mark"})
# Punctuation a content may stop before.
CUT_PUNCT = frozenset({",", ";", ":", "—", "–", "-", "--", "(", ")", "."})
# Function words read by their form; other words by their part of speech.
_FORM_POS = frozenset({"ADP", "SCONJ", "CCONJ", "PRON", "DET", "PUNCT", "PART"})
# Distances (tokens) from the parse's end, in buckets.
_DIST_BUCKETS = (0, 1, 3, 6, 12, 25)


def _bucket(n: int) -> str:
    b = next((i for i, b in enumerate(_DIST_BUCKETS) if abs(n) <= b), len(_DIST_BUCKETS))
    return f"-{b}" if n < 0 else str(b)


def _word(doc: Doc, i: int) -> str:
    if i >= len(doc):
        return "END"
    t = doc[i]
    return t.lower_ if t.pos_ in _FORM_POS else t.pos_


def candidates(doc: Doc, lo: int, hi: int) -> list[int]:
    """Candidate end tokens (exclusive) of the content [lo, hi): its own, cut points, the sentence end."""
    sent_end = doc[lo].sent.end if hi > lo else hi
    ends = {hi}
    for i in range(lo + 1, max(sent_end, hi)):
        t = doc[i]
        if t.text in CUT_PUNCT or t.dep_ in CUT_DEPS:
            ends.add(i)
    end = sent_end
    while end > lo + 1 and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    ends.add(end)
    return sorted(e for e in ends if e > lo)


def features(doc: Doc, lo: int, hi: int, end: int, how: str) -> list[str]:
    """The features of ending the content [lo, hi) at `end` instead."""
    nxt = doc[end] if end < len(doc) else None
    prev = doc[end - 1]
    rel = "same" if end == hi else ("cut" if end < hi else "extend")
    out = [
        f"REL={rel}",
        f"RH={rel}|{how}",
        f"N={_word(doc, end)}",
        f"NR={_word(doc, end)}|{rel}",
        f"P={_word(doc, end - 1)}",
        f"NP={_word(doc, end - 1)}|{_word(doc, end)}",
        f"DIST={_bucket(end - hi)}",
        f"LEN={_bucket(end - lo)}",
        f"PD={prev.dep_}",
    ]
    if nxt is not None:
        out += [f"ND={nxt.dep_}", f"NDR={nxt.dep_}|{rel}", f"N2={_word(doc, end + 1)}"]
        head = nxt.head
        out.append(f"NH={'in' if lo <= head.i < end else 'out'}|{nxt.dep_}")
        out.append(
            f"SENT={nxt.is_sent_start or nxt.is_punct and end + 1 < len(doc) and doc[end + 1].is_sent_start}"
        )
    return out


@lru_cache(maxsize=1)
def load_model() -> tuple[dict[str, int], np.ndarray, float] | None:
    """The shipped weights, read once per process: (feature index, weights, bias)."""
    path = resources.files("reportedly").joinpath(WEIGHTS)
    if not path.is_file():
        return None
    with np.load(io.BytesIO(path.read_bytes()), allow_pickle=False) as npz:
        vocab = json.loads(str(npz["vocab"]))
        return {f: i for i, f in enumerate(vocab)}, npz["w"].astype(np.float32), float(npz["b"])


def best_end(doc: Doc, lo: int, hi: int, how: str, model: tuple[dict[str, int], np.ndarray, float]) -> int:
    """The candidate end the model scores highest (ties keep the parse's end)."""
    index, weights, _ = model
    best, best_z = hi, None
    for end in candidates(doc, lo, hi):
        z = sum(float(weights[index[f]]) for f in set(features(doc, lo, hi, end, how)) if f in index)
        if best_z is None or z > best_z or (z == best_z and end == hi):
            best, best_z = end, z
    return best


def refine_ends(doc: Doc, drafts: list[Draft]) -> None:
    """Move the end of each indirect verb draft's content to the model's best candidate, in place."""
    model = load_model()
    if model is None:
        return
    for draft in drafts:
        if draft.direct or draft.verb is None:
            continue
        span = doc.char_span(draft.content[0], draft.content[1], alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        end = best_end(doc, span.start, span.end, draft.how, model)
        if end != span.end:
            draft.content = (draft.content[0], doc[end - 1].idx + len(doc[end - 1]))
