"""Array-based stand-ins for two stock rule components, giving identical annotations for less time.

Profiled on ECB+ news (bench/profile_run.py), en_core_web_sm's `attribute_ruler` and rule `lemmatizer` each
took about a tenth of the stock pipeline's time, all of it per-token Python: the ruler evaluates its
set and regex predicates (`{"IN": [...]}`) on every token through spaCy's Matcher, then sets attributes
one match at a time; the lemmatizer calls a Python method per token even when its cache has the answer.

- `TagMapAttributeRuler` reads TAG, LOWER, DEP and IS_SPACE as one array. Which rules match a token is a
  pure function of those four values, so it is memoized on them; the rules are applied to each token
  in the stock ruler's order (rule index, the order they were added), with spaCy's own
  `set_token_attrs`, and rules of several tokens (7 of 179: "gon na", "let 's") are matched position
  by position from the same per-token memo. A rule written with anything the evaluator does not know
  (operators, other attributes) makes the component fall back to the stock ruler.
- `MemoLemmatizer`: spaCy's rule lemmatizer is a pure function of (ORTH, POS, MORPH) (its own cache is
  keyed on exactly that), so lemmas are memoized on that key and written as one array.
"""

from __future__ import annotations

import copy
import re
from functools import lru_cache
from typing import Any, cast

import numpy as np
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.language import Language
from spacy.lookups import Lookups
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs

FAST_RULER = "rp_memo_attribute_ruler"
FAST_LEMMATIZER = "rp_memo_lemmatizer"
# Token attributes the evaluator reads, in the order of the memo key, and the predicates it knows.
KEY_ATTRS = ("TAG", "LOWER", "DEP", "IS_SPACE")
PREDICATES = frozenset({"IN", "NOT_IN", "REGEX"})
# The lemmatizer's table of known words per part of speech (lists in the model, tested by membership).
INDEX_TABLE = "lemma_index"
# Memo entries kept before a memo starts afresh: keys grow with the vocabulary, which has no end on a
# firehose; 200k entries (tens of MB) hold every frequent word form many times over.
MAX_MEMO_ENTRIES = 200_000

TokenKey = tuple[int, int, int, int]
Pattern = list[dict[str, Any]]


@lru_cache(maxsize=256)
def _regex(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def _value_matches(spec: Any, value: str | bool) -> bool:
    if not isinstance(spec, dict):
        return bool(spec == value)
    for op, arg in spec.items():
        if op == "IN" and value not in arg:
            return False
        if op == "NOT_IN" and value in arg:
            return False
        if op == "REGEX" and not _regex(arg).search(str(value)):
            return False
    return True


def _supported(pattern: Pattern) -> bool:
    return all(set(tok) <= set(KEY_ATTRS) and all(
        not isinstance(v, dict) or set(v) <= PREDICATES for v in tok.values()) for tok in pattern)


class TagMapAttributeRuler:
    """spaCy's AttributeRuler, its matching memoized per token on (TAG, LOWER, DEP, IS_SPACE)."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.vocab = nlp.vocab
        self.stock: AttributeRuler | None = None
        # (rule index, alternative pattern, target index) of the stock ruler, in its order.
        self.rules: list[tuple[int, Pattern, int]] = []
        self.attrs: list[dict[int, Any]] = []
        self.memo: dict[TokenKey, tuple[tuple[int, int, int], ...]] = {}
        self.by_value: dict[tuple[str, str], list[tuple[int, int, int, dict[str, Any]]]] = {}
        self.generic: list[tuple[int, int, int, dict[str, Any]]] = []

    def load_from(self, stock: AttributeRuler) -> None:
        """Take the stock ruler's rules; keep the stock ruler itself if a rule is beyond the evaluator."""
        self.stock = stock
        self.attrs = list(stock.attrs)
        rules: list[tuple[int, Pattern, int]] = []
        for index, rule in enumerate(stock.patterns):
            alternatives = cast(list[Pattern], rule["patterns"])
            rules.extend((index, list(alt), int(cast(int, rule.get("index", 0)))) for alt in alternatives)
        self.rules = rules if all(_supported(p) for _, p, _ in rules) else []
        self._index()

    def _index(self) -> None:
        """Group rule tokens by the TAG or LOWER they require, so a new token tries only its candidates."""
        self.by_value, self.generic = {}, []
        for number, (_, pattern, _) in enumerate(self.rules):
            for position, tok in enumerate(pattern):
                entry = (number, position, len(pattern), tok)
                attr = next((a for a in ("LOWER", "TAG") if isinstance(tok.get(a), str)), None)
                if attr is None:
                    self.generic.append(entry)
                else:
                    self.by_value.setdefault((attr, tok[attr]), []).append(entry)

    def _token_matches(self, key: TokenKey) -> tuple[tuple[int, int, int], ...]:
        """(rule number, position in its pattern, pattern length) for each rule token the key satisfies."""
        strings = self.vocab.strings
        values: dict[str, str | bool] = {"TAG": strings[key[0]], "LOWER": strings[key[1]],
                                         "DEP": strings[key[2]], "IS_SPACE": bool(key[3])}
        by_value = self.by_value
        tag, lower = strings[key[0]], strings[key[1]]
        candidates = by_value.get(("TAG", tag), []) + by_value.get(("LOWER", lower), []) + self.generic
        found = [(number, position, size) for number, position, size, tok in candidates
                 if all(_value_matches(spec, values[attr]) for attr, spec in tok.items())]
        return tuple(sorted(found))

    def __call__(self, doc: Doc) -> Doc:
        """Apply every rule that matches, token by token, in the stock ruler's order."""
        if not self.rules:
            return self.stock(doc) if self.stock is not None else doc
        if len(self.memo) > MAX_MEMO_ENTRIES:
            self.memo.clear()
        rows = doc.to_array([TAG, LOWER, DEP, IS_SPACE]).tolist()
        keys = cast(list[TokenKey], [tuple(row) for row in rows])
        per_token: list[tuple[tuple[int, int, int], ...]] = []
        for key in keys:
            hits = self.memo.get(key)
            if hits is None:
                hits = self.memo[key] = self._token_matches(key)
            per_token.append(hits)
        todo: dict[int, set[int]] = {}
        for start, hits in enumerate(per_token):
            for number, position, size in hits:
                if position == 0 and (size == 1 or self._rest_matches(per_token, start, number, size)):
                    rule_index, _, target = self.rules[number]
                    todo.setdefault(start + (target if target >= 0 else size + target), set()).add(rule_index)
        for i, rule_indices in todo.items():
            token = doc[i]
            for rule_index in sorted(rule_indices):
                set_token_attrs(token, self.attrs[rule_index])
        return doc

    @staticmethod
    def _rest_matches(per_token: list[tuple[tuple[int, int, int], ...]], start: int, number: int,
                      size: int) -> bool:
        if start + size > len(per_token):
            return False
        return all((number, k, size) in per_token[start + k] for k in range(1, size))


class MemoLemmatizer:
    """spaCy's rule lemmatizer, memoized on (ORTH, POS, MORPH) and written to the Doc as one array."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.vocab = nlp.vocab
        self.stock: Lemmatizer | None = None
        self.memo: dict[tuple[int, int, int], tuple[int, str]] = {}

    def load_from(self, stock: Lemmatizer) -> None:
        """Use a copy of the stock lemmatizer for tokens not seen before, its word lists made sets.

        spaCy's rule lemmatizer tests candidate lemmas with `form in index`, and the index tables are
        lists of tens of thousands of words: a linear scan per candidate, most of a new token's cost.
        Sets answer the same membership questions at once; the stock component is left untouched.
        """
        fast = copy.copy(stock)
        lookups = Lookups()
        for name in stock.lookups.tables:
            table = stock.lookups.get_table(name)
            sets = name == INDEX_TABLE
            data = {k: frozenset(v) if sets and isinstance(v, list) else v for k, v in table.items()}
            lookups.add_table(name, data)
        fast.lookups = lookups
        fast.cache = {}
        # The stock instance bound `lemmatize` to its own method in __init__: bind the copy's.
        fast.lemmatize = getattr(fast, f"{fast.mode}_lemmatize")
        self.stock = fast

    def __call__(self, doc: Doc) -> Doc:
        """Lemmatize the tokens that have no lemma yet (the stock component's overwrite=False)."""
        if self.stock is None or not len(doc):
            return doc
        values = doc.to_array([ORTH, POS, MORPH, LEMMA]).tolist()
        lemmas = [row[3] for row in values]
        if len(self.memo) > MAX_MEMO_ENTRIES:
            self.memo.clear()
        used: dict[int, str] = {}
        for i, (orth, pos, morph, lemma) in enumerate(values):
            if lemma:
                continue
            found = self.memo.get((orth, pos, morph))
            if found is None:
                text = self.stock.lemmatize(doc[i])[0]
                found = self.memo[(orth, pos, morph)] = (int(self.vocab.strings.add(text)), text)
            lemmas[i] = found[0]
            used[found[0]] = found[1]
        strings = self.vocab.strings
        for key, text in used.items():
            if key not in strings:  # type: ignore[operator]  # a hash: freed with an earlier memory zone
                strings.add(text)
        column = np.asarray(lemmas, dtype=np.uint64).reshape(-1, 1)
        doc.from_array([LEMMA], column)  # type: ignore[arg-type]  # thinc's Ints2d is a numpy array here
        return doc


@Language.factory(FAST_RULER, assigns=["token.pos", "token.morph", "token.lemma"], requires=["token.tag"])
def make_memo_attribute_ruler(nlp: Language, name: str) -> TagMapAttributeRuler:
    """The memoized attribute ruler (rules taken from the stock one with `load_from`)."""
    return TagMapAttributeRuler(nlp, name)


@Language.factory(FAST_LEMMATIZER, assigns=["token.lemma"], requires=["token.pos"])
def make_memo_lemmatizer(nlp: Language, name: str) -> MemoLemmatizer:
    """The memoized rule lemmatizer (tables taken from the stock one with `load_from`)."""
    return MemoLemmatizer(nlp, name)
