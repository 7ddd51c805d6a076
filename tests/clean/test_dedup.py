"""The syndicated-copy index: truncated and edited copies found, distinct stories apart, memory bounded."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reportedly.clean import dedup
from reportedly.clean.dedup import MAX_INDEXED, SyndicationIndex, containment, fingerprints, shingle_hashes

PARAGRAPHS = [
    "The Russian envoy for Afghanistan said on Tuesday that Moscow was ready to receive delegates of both "
    "the "
    "new authorities and the opposition forces to prevent a war.",
    "In an interview with the news agency, the envoy said Russian officials had repeatedly declared that "
    "they "
    "would host such meetings if both sides were interested.",
    "A source close to the resistance front said Russia had mediated a meeting recently between the two "
    "sides "
    "in Moscow, which officials have neither confirmed nor denied.",
    "The negotiations between the front and the government ended without any results in Tehran last month, "
    "according to people familiar with the talks.",
    "Norway hosted meetings between a delegation of the government and women's rights activists in Oslo, and "
    "there were reports that the deputy leader had left for Moscow.",
]
STORY = "\n\n".join(PARAGRAPHS)
OTHER_STORY = (
    "Moscow is ready to host talks on Afghanistan, the Kremlin said, as diplomats from China, Pakistan and "
    "Iran "
    "prepared to meet in the Russian capital next week.\n\nThe meeting will discuss humanitarian aid and the "
    "security of the region's borders, a foreign ministry spokeswoman told reporters on Wednesday, adding "
    "that "
    "no date had been set for a visit by the Afghan delegation.\n\nAnalysts said Russia hoped to keep its "
    "influence in Central Asia while avoiding any formal recognition of the new government in Kabul."
)


@pytest.mark.parametrize(
    "copy",
    [
        STORY,
        "\n\n".join(PARAGRAPHS[:2]),
        "\n\n".join(PARAGRAPHS[:3]).replace("Tuesday", "Wednesday").replace("repeatedly", "often"),
        "Russia offers to host Afghan talks\n\n" + "\n\n".join(PARAGRAPHS[:4]),
        STORY + "\n\nThe Associated Press contributed to this report.",
    ],
    ids=["verbatim", "truncated", "edited", "retitled", "sentence-added"],
)
def test_dedup_finds_wire_copies(copy: str) -> None:
    index = SyndicationIndex()
    assert index.add("original", STORY) is None
    assert index.add("copy", copy) == "original"


def test_dedup_full_story_after_its_short_copy() -> None:
    index = SyndicationIndex()
    assert index.add("short", "\n\n".join(PARAGRAPHS[:2])) is None
    assert index.add("full", STORY) == "short"


def test_dedup_original_printed_whole_below_a_new_top() -> None:
    # A follow-up printing the earlier story in full under a longer top of its own: neither its lead
    # nor its whole text is like the original, a window inside it is (before windows: not found).
    index = SyndicationIndex()
    original = "\n\n".join(PARAGRAPHS[:2])
    top = " ".join(f"Paragraph {i} tells of fresh clashes near district {i} and of talks." for i in range(20))
    assert index.add("original", original) is None
    assert index.add("follow-up", top + "\n\n" + original) == "original"


def test_dedup_same_event_different_story_not_linked() -> None:
    index = SyndicationIndex()
    index.add("a", STORY)
    assert index.add("b", OTHER_STORY) is None


def test_dedup_names_first_copy_seen() -> None:
    index = SyndicationIndex()
    index.add("first", STORY)
    index.add("second", STORY + "\n\nAn added line at the end of the second copy of the story.")
    third = STORY + "\n\nAn added line at the end of the second copy of the story."
    assert index.add("third", third) == "first"


@pytest.mark.parametrize("text", ["", "Too short to tell.", "Kabul (AP) — Ten words are not enough to call "
                                                            "it."])
def test_dedup_short_texts_never_copies(text: str) -> None:
    index = SyndicationIndex()
    index.add("a", text)
    assert index.add("b", text) is None


def test_dedup_same_id_twice_is_not_its_own_copy() -> None:
    index = SyndicationIndex()
    index.add("a", STORY)
    assert index.add("a", STORY) is None


def test_dedup_memory_bounded_oldest_forgotten() -> None:
    index = SyndicationIndex(capacity=3)
    index.add("old", STORY)
    for i in range(3):
        filler = f"Unrelated filler story number {i} " * 5 + OTHER_STORY.replace("Moscow", f"City{i}")
        index.add(f"filler{i}", filler)
    assert len(index) == 3
    assert len(index._bands) == 3
    assert index.add("late-copy", STORY) is None
    assert MAX_INDEXED >= 10_000


def _stream() -> list[tuple[str, str]]:
    """Originals, copies (truncated, edited, printed below a new top), an unrelated story, a short text."""
    top = " ".join(f"Paragraph {i} tells of fresh clashes near district {i} and of talks." for i in range(20))
    return [("story", STORY), ("other", OTHER_STORY), ("short", "Too short to tell."),
            ("cut", "\n\n".join(PARAGRAPHS[:2])), ("edited", STORY.replace("Tuesday", "Monday")),
            ("below", top + "\n\n" + "\n\n".join(PARAGRAPHS[:2])), ("other-copy", OTHER_STORY + " More.")]


def test_dedup_sketch_computed_elsewhere_gives_the_same_answers(monkeypatch: pytest.MonkeyPatch) -> None:
    # What a Dask worker ships back with the article: the index then answers as if it sketched the text
    # itself, without sketching it again.
    stream = _stream()
    plain = SyndicationIndex()
    expected = [plain.add(i, t) for i, t in stream]
    assert expected.count(None) == 3 and expected[3:] == ["story", "story", "story", "other"]
    sketches = [dedup.sketch(t) for _, t in stream]
    assert len(sketches[2].keys) == 0  # too short to be a copy: neither stored nor checked
    monkeypatch.setattr(dedup, "sketch", lambda *_: pytest.fail("sketched again"))
    given = SyndicationIndex()
    assert [given.add(i, t, s) for (i, t), s in zip(stream, sketches, strict=True)] == expected


def test_dedup_sketch_of_another_band_shape_is_recomputed() -> None:
    stream = _stream()
    foreign = [dedup.sketch(t, threshold=0.8) for _, t in stream]  # (5, 11) bands, not (14, 4)
    assert foreign[0].shape != dedup.band_shape(dedup.LSH_THRESHOLD)
    index, plain = SyndicationIndex(), SyndicationIndex()
    answers = [index.add(i, t, s) for (i, t), s in zip(stream, foreign, strict=True)]
    assert answers == [plain.add(i, t) for i, t in stream]


def test_dedup_containment_and_hashes_are_stable() -> None:
    a = fingerprints(shingle_hashes(STORY))
    b = fingerprints(shingle_hashes(PARAGRAPHS[0]))
    assert containment(a, b) == 1.0
    assert containment(a, fingerprints(shingle_hashes(OTHER_STORY))) < 0.1
    plain, styled = shingle_hashes("one two three four five"), shingle_hashes("One two, three four five")
    assert plain.tolist() == styled.tolist()


def test_dedup_end_to_end_duplicate_of(tmp_path: Path) -> None:
    import json

    from typer.testing import CliRunner

    from reportedly.cli import app

    lines = [{"text": STORY, "title": "Russia offers talks"},
             {"text": "\n\n".join(PARAGRAPHS[:3]), "title": "Moscow ready to host Afghan sides"},
             {"text": OTHER_STORY, "title": "Kremlin to host Afghan meeting"}]
    feed = tmp_path / "wire.jsonl"
    feed.write_text("".join(json.dumps(line) + "\n" for line in lines), "utf-8")
    result = CliRunner().invoke(app, ["analyze", str(feed)])
    assert result.exit_code == 0, result.output
    first, copy, other = (json.loads(line) for line in result.stdout.splitlines() if line.strip())
    assert (first["duplicate_of"], copy["duplicate_of"], other["duplicate_of"]) == (None, first["id"], None)


def test_sketches_equal_datasketch_minhash() -> None:
    """The numpy sketches are datasketch's own (affine32, seed 1): same permutations, values, band shape.
    They are computed without datasketch only so that no process imports it (and scipy) to analyze."""
    from datasketch import MinHash
    from datasketch.lsh import _optimal_param

    from reportedly.clean.dedup import NUM_PERM, _permutations, band_shape, sketch_values

    stock = MinHash(num_perm=NUM_PERM, seed=1)
    assert (_permutations() == stock.permutations).all()
    assert _permutations().dtype == stock.permutations.dtype
    for text in (STORY, OTHER_STORY, STORY[:400], "one two three four five"):
        prints = fingerprints(shingle_hashes(text))
        sketch = MinHash(num_perm=NUM_PERM, hashfunc=lambda v: v, permutations=stock.permutations,
                         scheme="affine32")
        sketch.update_batch(prints.tolist())
        assert sketch_values(prints).tolist() == sketch.hashvalues.tolist()
        assert sketch_values(prints).dtype == sketch.hashvalues.dtype
    empty = MinHash(num_perm=NUM_PERM).hashvalues.tolist()
    assert sketch_values(fingerprints(shingle_hashes(""))).tolist() == empty
    for threshold in (0.3, 0.5, 0.8):
        assert band_shape(threshold) == _optimal_param(threshold, NUM_PERM, 0.5, 0.5)


def test_dedup_middle_of_a_story_found_through_sampled_shingles(monkeypatch: pytest.MonkeyPatch) -> None:
    """A copy of paragraphs from the middle of a long roundup (its lead dropped) meets none of the
    original's sketched leads and too little of its whole text for the LSH: the sampled shingles propose
    it (with no sampled candidates, it is missed)."""
    from reportedly.clean import dedup

    roundup = "\n\n".join([OTHER_STORY, STORY, OTHER_STORY.replace("Moscow", "Beijing")])
    middle = "\n\n".join(PARAGRAPHS[1:4])
    index = SyndicationIndex()
    index.add("roundup", roundup)
    assert index.add("middle", middle) == "roundup"
    monkeypatch.setattr(dedup, "MIN_SHARED_SAMPLES", 10**6)
    lsh_only = SyndicationIndex()
    lsh_only.add("roundup", roundup)
    assert lsh_only.add("middle", middle) is None


def test_dedup_stock_phrases_propose_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    """A sample posted under MAX_POSTING articles is a stock phrase: it neither takes more articles nor
    proposes the ones it holds (here, with room for two, the roundup and its copy fill every posting)."""
    from reportedly.clean import dedup

    monkeypatch.setattr(dedup, "MIN_SHARED_SAMPLES", 1)
    roundup = "\n\n".join([OTHER_STORY, STORY, OTHER_STORY.replace("Moscow", "Beijing")])
    middle = "\n\n".join(PARAGRAPHS[1:4])
    monkeypatch.setattr(dedup, "MAX_POSTING", 2)
    index = SyndicationIndex()
    index.add("roundup", roundup)
    assert index.add("reprint", roundup) == "roundup"
    assert index.add("middle", middle) is None
    assert len(index._sampled._samples["middle"]) == 0


def test_dedup_forgetting_clears_the_sampled_postings() -> None:
    index = SyndicationIndex(capacity=1)
    index.add("old", STORY)
    index.add("new", OTHER_STORY)
    assert "old" not in str(index._sampled._postings)
    assert set(index._sampled._samples) == {"new"}


# A story's family in the stream: the original, its copies (truncated, edited, retitled, lengthened) and
# a distinct story on the same event.
FAMILY = {
    "original": STORY,
    "truncated": "\n\n".join(PARAGRAPHS[:3]),
    "edited": STORY.replace("Tuesday", "Wednesday").replace("repeatedly", "often"),
    "retitled": "Russia offers to host Afghan talks\n\n" + "\n\n".join(PARAGRAPHS[:4]),
    "lengthened": STORY + "\n\nThe Associated Press contributed to this report.",
    "other": OTHER_STORY,
}


@settings(max_examples=60, deadline=None)
@given(st.permutations(sorted(FAMILY)))
def test_dedup_clusters_do_not_depend_on_ingest_order(order: list[str]) -> None:
    """Whatever the order, the copies and the original form one cluster, every member naming the first of
    them seen, and the distinct story stays alone."""
    index = SyndicationIndex()
    named = {name: index.add(name, FAMILY[name]) for name in order}
    copies = [name for name in order if name != "other"]
    first = copies[0]
    assert named[first] is None and named["other"] is None
    assert all(named[name] == first for name in copies[1:]), named


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["the", "talks", "in", "Moscow", "said", "a", "Taliban", "envoy", "on", "war",
                                 "peace", "Kabul", "Monday"]), min_size=0, max_size=900))
def test_dedup_sketch_minima_taken_once_equal_each_runs_minhash(words: list[str]) -> None:
    """`sketch` permutes the shingles once and takes every run's minima from there; its keys are those of
    each run's own MinHash (`sketch_values` of the run's fingerprints): the whole text, the leads longer
    than LEAD_SPAN times over, and the first MAX_WINDOWS windows every half size from the half size."""
    text = " ".join(words)
    bands, rows = dedup.band_shape(dedup.LSH_THRESHOLD)
    found = dedup.sketch(text)
    grams = shingle_hashes(text)
    if len(fingerprints(grams)) < dedup.MIN_SHINGLES:
        assert not len(found.keys) and not len(found.query_keys)
        return

    def keys(run: np.ndarray) -> list[int]:
        return dedup.band_keys(dedup.sketch_values(fingerprints(run)), bands, rows).tolist()

    stored = keys(grams)
    for size in dedup.LEAD_SHINGLES:
        if len(grams) > dedup.LEAD_SPAN * size:
            stored += keys(grams[:size])
    windows = [keys(grams[i : i + size]) for size in dedup.WINDOW_SHINGLES
               for i in range(size // 2, len(grams) - size + 1, size // 2)][: dedup.MAX_WINDOWS]
    assert found.keys.tolist() == stored
    assert found.query_keys.tolist() == [key for window in windows for key in window]
