"""Memoized stand-ins for two stock rule components: identical annotations for a fraction of the time.

Profiled on ECB+ news (bench/profile_run.py), en_core_web_sm's `attribute_ruler` and rule `lemmatizer`
each took about a tenth of the stock pipeline's time, all of it per-token Python: the ruler evaluates
its set and regex predicates (`{"IN": [...]}`) on every token through spaCy's Matcher, then sets
attributes one match at a time; the lemmatizer scans word lists of up to 57,528 entries per new word.

- `TagMapAttributeRuler`: which rules match a token is a pure function of its TAG, LOWER, DEP and
  IS_SPACE, and a word no rule names behaves like every other unnamed word with the same regex
  outcomes; so the match list is memoized on (TAG, word or word class, DEP, IS_SPACE), the attributes
  of its single-token rules merged in the stock ruler's order (rule index, the order they were added)
  and set with spaCy's own `set_token_attrs`. Rules of several tokens (7 of 179: "gon na", "let 's")
  are matched position by position from the same memo; a token they target gets every rule applied
  one at a time, in order. A rule written with anything the evaluator does not know (operators, other
  attributes) makes the component fall back to the stock ruler.
- `MemoLemmatizer`: spaCy's rule lemmatizer is a pure function of (ORTH, POS, MORPH) (its own cache is
  keyed on exactly that), so lemmas are memoized on that key and written as one array; new words go to
  a copy of the stock lemmatizer whose word lists are sets.
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
# What a token's memo entry says: single-token rule indices (in order), their attributes merged, and
# the (rule number, position, length) of each longer rule's token it satisfies.
Plan = tuple[tuple[int, ...], dict[int, Any], tuple[tuple[int, int, int], ...]]


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
        self.memo: dict[TokenKey, Plan] = {}
        self.lower_classes: dict[int, int] = {}
        self.class_words: dict[int, str] = {}
        self.named: set[str] = set()
        self.regexes: list[re.Pattern[str]] = []
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
        """Group rule tokens by the TAG or LOWER they require, so a new token tries only its candidates;
        collect the words rules name, so other words share one memo entry per regex outcome."""
        self.by_value, self.generic, self.named, self.regexes = {}, [], set(), []
        for number, (_, pattern, _) in enumerate(self.rules):
            for position, tok in enumerate(pattern):
                entry = (number, position, len(pattern), tok)
                attr = next((a for a in ("LOWER", "TAG") if isinstance(tok.get(a), str)), None)
                if attr is None:
                    self.generic.append(entry)
                else:
                    self.by_value.setdefault((attr, tok[attr]), []).append(entry)
                spec = tok.get("LOWER")
                if isinstance(spec, str):
                    self.named.add(spec)
                elif isinstance(spec, dict):
                    self.named.update(spec.get("IN", ()), spec.get("NOT_IN", ()))
                    if "REGEX" in spec:
                        self.regexes.append(_regex(spec["REGEX"]))

    def _lower_class(self, lower: int) -> int:
        """The word itself (its hash) when a rule names it, else a class shared by every unnamed word
        with the same regex outcomes (a negative number): rules cannot tell such words apart."""
        found = self.lower_classes.get(lower)
        if found is None:
            text = self.vocab.strings[lower]
            if text in self.named:
                found = lower
            else:
                found = -1 - sum(1 << n for n, rx in enumerate(self.regexes) if rx.search(text))
                self.class_words.setdefault(found, text)
            self.lower_classes[lower] = found
        return found

    def _token_matches(self, key: TokenKey) -> Plan:
        """The rules one token satisfies: single-token rules merged in rule order, and the
        (rule number, position, pattern length) of each token of a longer rule it satisfies."""
        strings = self.vocab.strings
        tag = strings[key[0]]
        lower = strings[key[1]] if key[1] >= 0 else self.class_words[key[1]]
        values: dict[str, str | bool] = {"TAG": tag, "LOWER": lower, "DEP": strings[key[2]],
                                         "IS_SPACE": bool(key[3])}
        by_value = self.by_value
        candidates = by_value.get(("TAG", tag), []) + by_value.get(("LOWER", lower), []) + self.generic
        found = sorted((number, position, size) for number, position, size, tok in candidates
                       if all(_value_matches(spec, values[attr]) for attr, spec in tok.items()))
        singles = [self.rules[number][0] for number, _, size in found if size == 1]
        merged: dict[int, Any] = {}
        for rule_index in sorted(singles):
            merged.update(self.attrs[rule_index])
        return tuple(sorted(singles)), merged, tuple(hit for hit in found if hit[2] > 1)

    def __call__(self, doc: Doc) -> Doc:
        """Apply every rule that matches, token by token, in the stock ruler's order."""
        if not self.rules:
            return self.stock(doc) if self.stock is not None else doc
        if len(self.memo) > MAX_MEMO_ENTRIES or len(self.lower_classes) > MAX_MEMO_ENTRIES:
            self.memo.clear()
            self.lower_classes.clear()
        plans: list[Plan] = []
        for tag, lower, dep, space in doc.to_array([TAG, LOWER, DEP, IS_SPACE]).tolist():
            key = (tag, self._lower_class(lower), dep, space)
            plan = self.memo.get(key)
            if plan is None:
                plan = self.memo[key] = self._token_matches(key)
            plans.append(plan)
        extra: dict[int, set[int]] = {}
        for start, plan in enumerate(plans):
            for number, position, size in plan[2]:
                if position == 0 and self._rest_matches(plans, start, number, size):
                    rule_index, _, target = self.rules[number]
                    where = start + (target if target >= 0 else size + target)
                    extra.setdefault(where, set()).add(rule_index)
        for i, (singles, merged, _) in enumerate(plans):
            if i in extra:  # a longer rule also targets this token: apply one rule at a time, in order
                token = doc[i]
                for rule_index in sorted(extra[i].union(singles)):
                    set_token_attrs(token, self.attrs[rule_index])
            elif merged:
                set_token_attrs(doc[i], merged)
        return doc

    @staticmethod
    def _rest_matches(plans: list[Plan], start: int, number: int, size: int) -> bool:
        if start + size > len(plans):
            return False
        return all((number, k, size) in plans[start + k][2] for k in range(1, size))


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
