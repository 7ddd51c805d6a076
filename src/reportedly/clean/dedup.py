"""Syndicated copies: MinHash LSH and sampled shingles propose, a containment check decides.

Wire copies are truncated (the first N paragraphs), retitled and lightly edited. The Jaccard
similarity of a truncated copy to its full story falls with the cut (a copy of the first 3 of 15
paragraphs has J ~ 0.2), so the full-text sketch alone would miss it. Each article is therefore
indexed with its whole text and with leads of doubling length (LEAD_SHINGLES), and a new article
queries with all of them. A copy keeps the lead of its original, so short copies meet their
original's lead of about their length, and long ones meet its whole text.
A rewrite edited in most sentences shares no long run with its original, so the LSH may not propose it;
a sample of each text's shingles (those whose hash is 0 modulo SAMPLE_EVERY) is posted too, and the
articles sharing a few samples are candidates whatever their lengths (SAMPLE_EVERY). The decision is
containment: the share of the shorter text's shingles found in the longer one, exact (hashed
shingles are kept per article, not estimated). The candidate sharing most wins (the earliest on a
tie), and the answer is the first article of its copies seen, so every copy of a story names the
same article.

Memory is bounded: the index keeps the MAX_INDEXED most recent articles and forgets the oldest,
so an unbounded stream holds at most that many articles' shingles and sketches.
"""

from __future__ import annotations

import hashlib
import re
from collections import OrderedDict
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

# Word 3-grams: short enough that a one-word edit costs only 3 of them, long enough that two
# stories on one event written separately share few. A rewrite edited in most of its sentences (a
# title, a tense, an honorific) keeps more of its 3-grams than of its 4-grams: on `reportedly eval
# dedup` (issue 20), 3-grams found 61 of ECB+'s 74 own near-copies against 57 with 4-grams, at the same
# precision on the generated copies (P 0.981 either way at MIN_CONTAINMENT 0.6).
SHINGLE_WORDS = 3
# Permutations per sketch: 64 keeps the LSH's memory per article small; candidates are checked
# exactly, so the sketch only has to propose, not to measure.
NUM_PERM = 64
# LSH proposes pairs from this Jaccard up (of whole texts or of leads).
LSH_THRESHOLD = 0.5
# Leads sketched, in shingles: a copy cut to n words meets the original's lead nearest n in length
# (Jaccard >= 0.7 before edits when each lead doubles the last), and a full story arriving after
# its short copy meets the copy the same way.
LEAD_SHINGLES = (25, 50, 100, 200)
# A lead is sketched only when the text is this many times longer: a longer lead is so like the
# whole text (Jaccard >= 2/3) that the full sketch stands in for it, saving memory (at 2, recall
# on `reportedly eval dedup` fell by a point; at 1.5 it holds).
LEAD_SPAN = 1.5
# Windows of a new text, past its lead, whose sketches also query the index (never stored: memory is
# unchanged): an original printed whole inside a longer text, below the new text's own top, meets
# the window of about its length that covers it (windows overlap by half: Jaccard >= 0.5 with an
# original of the window's length). At most MAX_WINDOWS per text (the first ones: a copy's own top
# is short).
WINDOW_SHINGLES = (50, 100, 200)
MAX_WINDOWS = 40
# Candidates from sampled shingles (Broder's mod-m sampling): every shingle whose hash is 0 modulo
# SAMPLE_EVERY is posted under the article, so two texts sharing n shingles share about n / SAMPLE_EVERY
# samples whatever their lengths and wherever in them the shared part lies. A lightly edited rewrite
# (a word changed in most sentences) shares too few whole leads or windows for the LSH to propose it,
# but still half its shingles: the articles sharing at least MIN_SHARED_SAMPLES samples are candidates
# too (the MAX_SAMPLED_CANDIDATES sharing most). A sample posted under more than MAX_POSTING articles is
# a stock phrase ("said in a statement on"): it proposes nothing.
SAMPLE_EVERY = 8
MIN_SHARED_SAMPLES = 2
MAX_SAMPLED_CANDIDATES = 20
MAX_POSTING = 500
# Share of the shorter text's shingles found in the longer text to call it a copy.
MIN_CONTAINMENT = 0.6
# Below this many shingles (one sentence) a text is too short to call a copy of anything.
MIN_SHINGLES = 12
# Articles remembered: a copy is usually published within hours of its original, and 50k recent
# articles cover days of a large feed. Measured (RSS, 300-word articles): about 6.5 KB per article
# (130 MB for 20k, flat once the index is full), so a full index holds about 330 MB however long
# the stream. The sampled-shingle postings (issue 20) add about 1.6 KB per article (tracemalloc, 3,750
# ECB+ texts of 321 words: 6.2 -> 7.8 KB), about 80 MB more when the index is full.
MAX_INDEXED = 50_000

# Word hashes kept (`_word_hash`): a news vocabulary's frequent words many times over, a few MB.
WORD_HASHES_KEPT = 65536

_WORD = re.compile(r"\w+", re.UNICODE)
# Odd 64-bit multiplier combining word hashes into an n-gram hash (a polynomial rolling hash).
_MIX = np.uint64(0x9E3779B97F4A7C15)


def shingles(text: str, size: int = SHINGLE_WORDS) -> list[str]:
    """Lower-cased word n-grams of a text, in order (with repeats)."""
    words = _WORD.findall(text.lower())
    return [" ".join(words[i : i + size]) for i in range(max(0, len(words) - size + 1))]


def shingle_hashes(text: str, size: int = SHINGLE_WORDS) -> np.ndarray:
    """32-bit hashes of the lower-cased word n-grams of a text, in order (with repeats).

    Each distinct word is hashed once (blake2b: the same on every machine and run) and n-grams are
    combined arithmetically, which is many times faster than hashing every n-gram string.
    """
    words = _WORD.findall(text.lower())
    if len(words) < size:
        return np.zeros(0, dtype=np.uint32)
    table = {w: _word_hash(w) for w in set(words)}
    word_hashes = np.fromiter((table[w] for w in words), dtype=np.uint64, count=len(words))
    combined = np.zeros(len(words) - size + 1, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for offset in range(size):
            combined = combined * _MIX + word_hashes[offset : offset + len(combined)]
        return ((combined * _MIX) >> np.uint64(32)).astype(np.uint32)


@lru_cache(maxsize=WORD_HASHES_KEPT)
def _word_hash(word: str) -> int:
    """A word's 64-bit hash (blake2b), kept for the words seen most recently: most words of an article
    were in the articles before it."""
    return int.from_bytes(hashlib.blake2b(word.encode("utf-8"), digest_size=8).digest(), "little")


def fingerprints(hashes: np.ndarray) -> np.ndarray:
    """The sorted distinct shingle hashes: the exact set containment is measured on."""
    return np.unique(hashes)


def containment(a: np.ndarray, b: np.ndarray) -> float:
    """Share of the smaller fingerprint set's members found in the larger one."""
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    if not len(small):
        return 0.0
    return len(np.intersect1d(small, large, assume_unique=True)) / len(small)


# The sketches are datasketch's MinHash (scheme "affine32", seed 1), computed here with numpy: importing
# datasketch imports scipy (0.3 s of CPU in every process). tests/clean/test_dedup.py checks that the
# permutations, the sketches and the band shape equal datasketch's own.
MINHASH_SEED = 1
_U32_MAX = np.uint32(0xFFFFFFFF)
# The MurmurHash3 32-bit finalizer's constants (datasketch premixes every input hash with it).
_FMIX32 = (np.uint32(16), np.uint32(0x85EBCA6B), np.uint32(13), np.uint32(0xC2B2AE35), np.uint32(16))


@lru_cache(maxsize=1)
def _permutations() -> np.ndarray:
    """The affine permutations (a odd, b) as datasketch draws them for `MinHash(num_perm, seed=1)`."""
    gen = np.random.RandomState(MINHASH_SEED)
    a = gen.randint(0, 1 << 31, NUM_PERM, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = gen.randint(0, 1 << 32, NUM_PERM, dtype=np.uint32)
    return np.array([a, b])


def sketch_values(prints: np.ndarray) -> np.ndarray:
    """The MinHash of a set of 32-bit hashes: premixed, permuted (a * h + b mod 2^32), minimum per
    permutation; all 2^32 - 1 for an empty set."""
    if not len(prints):
        return np.full(NUM_PERM, _U32_MAX, dtype=np.uint32)
    ceiling = np.full(NUM_PERM, _U32_MAX, dtype=np.uint32)
    values: np.ndarray = np.minimum(ceiling, _permuted(prints).min(axis=0))
    return values


@lru_cache(maxsize=8)
def band_shape(threshold: float) -> tuple[int, int]:
    """(bands, rows) of the LSH for a Jaccard threshold: datasketch's `_optimal_param` (equal weights on
    false positives and negatives), which integrates with scipy, so it is kept in reportedly.cache."""
    import importlib.util
    from pathlib import Path

    from reportedly import cache

    def optimum() -> tuple[int, int]:
        from datasketch.lsh import _optimal_param

        bands, rows = _optimal_param(threshold, NUM_PERM, 0.5, 0.5)
        return int(bands), int(rows)

    spec = importlib.util.find_spec("datasketch")
    locations = list(spec.submodule_search_locations or ()) if spec else []
    sources: list[Path | str] = [Path(locations[0]) / "lsh.py"] if locations else []
    return cache.load_or_build("lsh-shape", [*sources, f"{threshold!r} {NUM_PERM}"], optimum, version="1")


def band_keys(sketch: np.ndarray, bands: int, rows: int) -> np.ndarray:
    """The sketch's band keys: each band's rows folded into one 64-bit number, band number mixed in."""
    return _band_keys_of(sketch.reshape(1, -1), bands, rows)


@dataclass(frozen=True, slots=True)
class Sketch:
    """What the index needs of one text, computed once wherever the text is: a Dask worker ships it
    back with the article, so the client, which checks copies in input order, only looks it up; and
    one ingest's two indexes (this run's copies, earlier runs' copies) share it.

    Attributes:
        prints: the text's fingerprints (`fingerprints`).
        keys: the band keys it is stored under (whole text and leads).
        query_keys: the band keys it also queries with (windows, never stored).
        shape: the (bands, rows) the keys were cut for: an index of another shape recomputes them.
    """

    prints: np.ndarray
    keys: np.ndarray
    query_keys: np.ndarray
    shape: tuple[int, int]


def sketch(text: str, threshold: float = LSH_THRESHOLD) -> Sketch:
    """The text's Sketch for an index of this LSH threshold (without band keys for a text too short to
    be a copy, under MIN_SHINGLES distinct shingles: the index neither stores nor checks it).

    Every MinHash here (whole text, leads, windows) is that of a run of shingles: `sketch_values` of the
    run's fingerprints is the least permuted value of each permutation over the run, repeats or not, so the
    shingles are permuted once (`_permuted`) and each run takes its minima from there."""
    bands, rows = band_shape(threshold)
    grams = shingle_hashes(text)
    prints = fingerprints(grams)
    if len(prints) < MIN_SHINGLES:
        none = np.zeros(0, dtype=np.uint64)
        return Sketch(prints, none, none, (bands, rows))
    permuted = _permuted(grams)
    stored = [permuted.min(axis=0)]
    stored += [permuted[:size].min(axis=0) for size in LEAD_SHINGLES if len(grams) > LEAD_SPAN * size]
    keys = _band_keys_of(np.stack(stored), bands, rows)
    windows = _window_minima(permuted)
    query = _band_keys_of(windows, bands, rows) if len(windows) else np.zeros(0, dtype=np.uint64)
    return Sketch(prints, keys, query, (bands, rows))


def _permuted(hashes: np.ndarray) -> np.ndarray:
    """Each shingle hash premixed and permuted as `sketch_values` does: one row per shingle, one column
    per permutation."""
    s1, m1, s2, m2, s3 = _FMIX32
    hv = np.asarray(hashes, dtype=np.uint32).reshape(-1, 1)
    hv = hv ^ (hv >> s1)
    hv = hv * m1
    hv = hv ^ (hv >> s2)
    hv = hv * m2
    hv = hv ^ (hv >> s3)
    a, b = _permutations()
    permuted: np.ndarray = hv * a + b
    return permuted


def _window_minima(permuted: np.ndarray) -> np.ndarray:
    """The MinHash of each window inside the text, for querying only: a copy may hold its original below a
    lead of its own (a follow-up printing the earlier story in full under a new top), where neither its
    lead nor its whole text is like the original's (WINDOW_SHINGLES). Windows of each size start every half
    size from the half size on; at most MAX_WINDOWS, the smaller sizes' first. A window is two half-size
    blocks, so the minima of the blocks are taken once (`minimum.reduceat`) and paired."""
    count = len(permuted)
    found: list[np.ndarray] = []
    left = MAX_WINDOWS
    for size in WINDOW_SHINGLES:
        half = size // 2
        windows = min(left, max(0, (count - size) // half))  # starts half, 2 half, ... up to count - size
        if windows <= 0:
            continue
        edges = np.arange(0, (windows + 2) * half, half)
        blocks = np.minimum.reduceat(permuted[: (windows + 2) * half], edges, axis=0)
        found.append(np.minimum(blocks[1 : windows + 1], blocks[2 : windows + 2]))
        left -= windows
    return np.concatenate(found) if found else np.zeros((0, NUM_PERM), dtype=np.uint32)


def _band_keys_of(sketches: np.ndarray, bands: int, rows: int) -> np.ndarray:
    """`band_keys` of several sketches (one a row), concatenated in their order: each band's rows
    folded into one 64-bit number, band number mixed in."""
    table = sketches[:, : bands * rows].astype(np.uint64).reshape(len(sketches), bands, rows)
    keys = np.broadcast_to(np.arange(bands, dtype=np.uint64), (len(sketches), bands))
    with np.errstate(over="ignore"):
        for column in range(rows):
            keys = keys * _MIX + table[:, :, column]
    return np.asarray(keys).reshape(-1)


def _post(table: dict[int, str | list[str]], key: int, article_id: str) -> None:
    """Post an id under a key of a table holding an id, or a list of ids when several share the key."""
    held = table.get(key)
    if held is None:
        table[key] = article_id
    elif isinstance(held, str):
        table[key] = [held, article_id]
    else:
        held.append(article_id)


def _unpost(table: dict[int, str | list[str]], key: int, article_id: str) -> None:
    """Take an id from under a key (`_post`'s table); a key left with one id holds it bare, none goes."""
    held = table[key]
    if isinstance(held, str):
        del table[key]
        return
    held.remove(article_id)
    if len(held) == 1:
        table[key] = held[0]


class _BandIndex:
    """MinHash LSH banding over compact tables: one dict from a band's 64-bit key to the ids in it.

    datasketch's MinHashLSH keeps a set per bucket and a list of byte keys per entry (about 17 KB
    per article here); a bucket here is an id, or a list of ids when several share it (6.5 KB).
    The bands and rows are datasketch's own optimum for the threshold.
    """

    def __init__(self, threshold: float) -> None:
        self.bands, self.rows = band_shape(threshold)
        self._buckets: dict[int, str | list[str]] = {}
        self._keys: dict[str, np.ndarray] = {}

    def __len__(self) -> int:
        return len(self._keys)

    def query(self, keys: np.ndarray) -> set[str]:
        """Ids sharing at least one band key."""
        found: set[str] = set()
        for key in keys.tolist():
            bucket = self._buckets.get(key)
            if isinstance(bucket, str):
                found.add(bucket)
            elif bucket:
                found.update(bucket)
        return found

    def insert(self, article_id: str, keys: np.ndarray) -> None:
        """Put an article in the buckets of its band keys."""
        unique = np.unique(keys)
        self._keys[article_id] = unique
        for key in unique.tolist():
            _post(self._buckets, key, article_id)

    def remove(self, article_id: str) -> None:
        """Take an article out of every bucket; empty buckets go."""
        for key in self._keys.pop(article_id).tolist():
            _unpost(self._buckets, key, article_id)


class _SampleIndex:
    """Sampled shingles posted under the articles holding them (SAMPLE_EVERY): one dict from a sample to
    an id, or to a list of ids when several share it (as in _BandIndex)."""

    def __init__(self) -> None:
        self._postings: dict[int, str | list[str]] = {}
        self._samples: dict[str, np.ndarray] = {}

    @staticmethod
    def samples(prints: np.ndarray) -> np.ndarray:
        """The fingerprints kept as samples: those 0 modulo SAMPLE_EVERY (after a mix, so that the
        choice does not follow the low bits of the shingle hash)."""
        with np.errstate(over="ignore"):
            mixed = (prints.astype(np.uint64) * _MIX) >> np.uint64(40)
        kept: np.ndarray = prints[mixed % np.uint64(SAMPLE_EVERY) == 0]
        return kept

    def query(self, samples: np.ndarray) -> list[str]:
        """Ids sharing at least MIN_SHARED_SAMPLES samples, most shared first (the MAX_SAMPLED_CANDIDATES
        first; ties by id)."""
        shared: dict[str, int] = {}
        for sample in samples.tolist():
            posting = self._postings.get(sample)
            if posting is None or (not isinstance(posting, str) and len(posting) >= MAX_POSTING):
                continue  # a stock phrase: it would propose hundreds of articles, and nothing
            for article_id in (posting,) if isinstance(posting, str) else posting:
                shared[article_id] = shared.get(article_id, 0) + 1
        found = sorted(((n, i) for i, n in shared.items() if n >= MIN_SHARED_SAMPLES),
                       key=lambda pair: (-pair[0], pair[1]))
        return [article_id for _, article_id in found[:MAX_SAMPLED_CANDIDATES]]

    def insert(self, article_id: str, samples: np.ndarray) -> None:
        """Post an article under its samples (not under a full posting: a stock phrase)."""
        kept = []
        for sample in samples.tolist():
            posting = self._postings.get(sample)
            if posting is not None and not isinstance(posting, str) and len(posting) >= MAX_POSTING:
                continue
            _post(self._postings, sample, article_id)
            kept.append(sample)
        self._samples[article_id] = np.array(kept, dtype=np.uint32)

    def remove(self, article_id: str) -> None:
        """Take an article out of its postings; empty postings go."""
        for sample in self._samples.pop(article_id).tolist():
            _unpost(self._postings, sample, article_id)


class SyndicationIndex:
    """Remembers recent articles and says which earlier one a new article copies.

    Args:
        threshold: LSH Jaccard threshold for proposing candidates.
        min_containment: containment at which a candidate is a copy.
        capacity: most articles remembered; the oldest is forgotten first.
    """

    def __init__(self, threshold: float = LSH_THRESHOLD, min_containment: float = MIN_CONTAINMENT,
                 capacity: int = MAX_INDEXED) -> None:
        self._threshold = threshold
        self._bands = _BandIndex(threshold)
        self._sampled = _SampleIndex()
        self._prints: OrderedDict[str, np.ndarray] = OrderedDict()
        self._root: dict[str, str] = {}
        self._order: dict[str, int] = {}
        self._seen = 0
        self._min_containment = min_containment
        self._capacity = capacity

    def __len__(self) -> int:
        return len(self._prints)

    def add(self, article_id: str, text: str, sketched: Sketch | None = None) -> str | None:
        """Index an article; return the id of the first article of its copies seen, or None.

        Args:
            article_id: the article's id (adding the same id twice returns None the second time).
            text: the cleaned body.
            sketched: `sketch(text, threshold)` when already computed (on a Dask worker ...); it is
                recomputed from `text` when None or cut for another band shape.

        Returns:
            the id of the first-seen article this one is a copy of (transitively), or None.
        """
        if article_id in self._prints:
            return None
        if sketched is None or sketched.shape != (self._bands.bands, self._bands.rows):
            sketched = sketch(text, self._threshold)
        if len(sketched.prints) < MIN_SHINGLES:
            return None
        query = np.concatenate([sketched.keys, sketched.query_keys])
        samples = _SampleIndex.samples(sketched.prints)
        candidates = self._bands.query(query)
        candidates.update(self._sampled.query(samples))
        original = self._find_original(sketched.prints, candidates)
        self._remember(article_id, sketched.prints, sketched.keys, samples, original)
        return original

    def _find_original(self, prints: np.ndarray, candidates: set[str]) -> str | None:
        best, best_share = None, self._min_containment
        for candidate in sorted(candidates, key=self._order.__getitem__):
            share = containment(prints, self._prints[candidate])
            if share > best_share or (best is None and share >= best_share):
                best, best_share = candidate, share
        return self._root.get(best, best) if best is not None else None

    def _remember(self, article_id: str, prints: np.ndarray, keys: np.ndarray, samples: np.ndarray,
                  original: str | None) -> None:
        while len(self._prints) >= self._capacity:
            self._forget_oldest()
        self._prints[article_id] = prints
        self._order[article_id] = self._seen
        self._seen += 1
        if original is not None:
            self._root[article_id] = original
        self._bands.insert(article_id, keys)
        self._sampled.insert(article_id, samples)

    def _forget_oldest(self) -> None:
        oldest, _ = self._prints.popitem(last=False)
        del self._order[oldest]
        self._root.pop(oldest, None)
        self._bands.remove(oldest)
        self._sampled.remove(oldest)
