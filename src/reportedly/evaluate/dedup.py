"""Scoring syndicated-copy detection on a test built from real article texts (ECB+, CC BY 3.0).

ECB+ groups news articles by topic, and each topic holds two events of one kind ("ecb" and
"ecbplus" subtopics: two different earthquakes, two different arrests), so it holds many distinct
articles on the same event and on look-alike events: exactly the articles a copy detector must not
merge. The test stream is every article of the chosen topics plus generated wire copies of some of
them: truncated to the first k sentences, retitled (a new headline line on top), a few words edited,
a sentence added. Copies are shuffled in with the originals, so a copy may come before its
original; the gold `duplicate_of` of an article is the first-seen member of its copy cluster.

ECB+ itself holds some wire stories twice (one story printed by two sites, each lightly edited:
"Mr. LaRue" here, "LaRue" there). Which of those are "copies" is a judgement call, so the stream
keeps one article of each such group and leaves the others out (an article sharing
NATURAL_COPY_CONTAINMENT of its shingles with an earlier one of its topic); what is left are
distinct articles, many on the same event, which must not be linked. Harder negatives are added:
some distinct articles are printed with one sentence of another article of their topic (two
stories quoting the same statement), which shares a sentence with it and is still no copy.
"""

from __future__ import annotations

import html
import random
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reportedly import registry
from reportedly.clean.dedup import MAX_INDEXED, SyndicationIndex, containment, fingerprints, shingle_hashes

_TOKEN = re.compile(r'<token t_id="\d+" sentence="(\d+)" number="\d+">(.*?)</token>', re.S)
_NO_SPACE_BEFORE = {",", ".", ";", ":", "!", "?", "%", ")", "'s", "n't", "''", "'"}
_NO_SPACE_AFTER = {"(", "$", "``"}
# A copy keeps at least this many sentences and words of its original: less is a brief, not a copy.
MIN_COPY_SENTENCES = 2
MIN_COPY_WORDS = 40
# Share of the originals that get copies, and how many copies each gets at most.
COPY_RATE = 0.5
MAX_COPIES = 2
# Words changed in an edited copy: "lightly edited" (a subeditor's touch, not a rewrite).
MAX_EDITED_WORDS = 3
# Share of the distinct articles printed with a sentence (a quote, when there is one) of another
# article of their topic: written separately, so not copies, however alike.
SHARED_QUOTE_RATE = 0.3
# Containment at which two ECB+ originals are the same story printed twice (found, not generated):
# below it, two articles of one topic share quotes and names but were written separately.
NATURAL_COPY_CONTAINMENT = 0.5
# Originals shorter than this many words are briefs too short to tell copies from coincidences.
MIN_ORIGINAL_WORDS = 40
_EDITS = {"said": "stated", "says": "stated", "on": "on", "police": "officers", "killed": "left dead",
          "people": "persons", "told": "said to", "Monday": "Tuesday", "the": "a"}
_ADDED = ["The Associated Press contributed to this report.",
          "This story has been updated with more details.",
          "Officials did not immediately respond to requests for comment.",
          "More details are expected to be released later in the day."]
_HEADLINES = ["BREAKING NEWS", "Update: officials give details", "Latest on the story", "World news in brief"]


@dataclass(frozen=True, slots=True)
class EcbArticle:
    """One ECB+ article as sentences of text."""

    name: str
    topic: str
    sentences: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class StreamItem:
    """One article of the test stream, and the cluster of copies it belongs to."""

    id: str
    text: str
    cluster: str
    topic: str
    copy_kinds: tuple[str, ...] = ()


@dataclass(slots=True)
class DedupScore:
    """Precision and recall of `duplicate_of` on one test stream."""

    articles: int = 0
    gold_links: int = 0
    predicted_links: int = 0
    correct_links: int = 0
    exact_links: int = 0
    same_topic_false: int = 0
    shared_sentence_articles: int = 0
    shared_sentence_false: int = 0
    natural_copies: int = 0
    missed_by_kind: dict[str, int] = field(default_factory=dict)
    copies_by_kind: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """The scores and counts as plain JSON values."""
        precision = self.correct_links / self.predicted_links if self.predicted_links else 1.0
        recall = self.correct_links / self.gold_links if self.gold_links else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        recall_by_kind = {k: 1 - self.missed_by_kind.get(k, 0) / n
                          for k, n in sorted(self.copies_by_kind.items())}
        return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4),
                "exact_first_seen": round(self.exact_links / self.gold_links, 4) if self.gold_links else 1.0,
                "articles": self.articles, "gold_links": self.gold_links,
                "predicted_links": self.predicted_links,
                "correct_links": self.correct_links, "same_topic_false_links": self.same_topic_false,
                "shared_sentence_articles": self.shared_sentence_articles,
                "shared_sentence_false_links": self.shared_sentence_false,
                "ecbplus_copies_left_out": self.natural_copies,
                "recall_by_copy_kind": {k: round(v, 4) for k, v in recall_by_kind.items()}}


def detokenize(tokens: Iterable[str]) -> str:
    """PTB-style tokens back to a readable sentence (spacing only; words are what dedup reads)."""
    out: list[str] = []
    glue = True
    for token in tokens:
        token = html.unescape(token)
        out.append(token if glue or token in _NO_SPACE_BEFORE else " " + token)
        glue = token in _NO_SPACE_AFTER
    return "".join(out).replace("``", '"').replace("''", '"')


def read_ecbplus(root: Path, topics: Iterable[str] | None = None) -> list[EcbArticle]:
    """The articles of the ECB+ corpus (or of some topics), URL lines dropped.

    Args:
        root: the ecbplus folder (holding ECB+/<topic>/*.xml) or the ECB+ folder itself.
        topics: topic folder names to read; all when None.

    Returns:
        the articles in a fixed order (topic, then file name).

    Raises:
        FileNotFoundError: when no ECB+ topic folder is found under `root`.
    """
    base = root / "ECB+" if (root / "ECB+").is_dir() else root
    wanted = set(topics) if topics is not None else None
    folders = sorted((p for p in base.iterdir() if p.is_dir() and (wanted is None or p.name in wanted)),
                     key=lambda p: (len(p.name), p.name)) if base.is_dir() else []
    if not folders:
        raise FileNotFoundError(f"no ECB+ topic folders under {root}")
    articles = []
    for folder in folders:
        for path in sorted(folder.glob("*.xml")):
            by_sentence: dict[int, list[str]] = {}
            for number, token in _TOKEN.findall(path.read_text("utf-8")):
                by_sentence.setdefault(int(number), []).append(token)
            sentences = [detokenize(by_sentence[k]) for k in sorted(by_sentence)]
            sentences = [s for s in sentences if s and not s.lower().startswith("http")]
            if len(sentences) >= MIN_COPY_SENTENCES:
                articles.append(EcbArticle(path.stem, folder.name, tuple(sentences)))
    return articles


def make_copy(article: EcbArticle, rng: random.Random, others: list[EcbArticle]
              ) -> tuple[str, tuple[str, ...]]:
    """A wire copy of an article: truncated, retitled, lightly edited and/or lengthened by a sentence.

    Args:
        article: the original.
        rng: the seeded random source.
        others: articles of other topics, where an added sentence may come from.

    Returns:
        (the copy's text, the kinds of change made, sorted).
    """
    sentences = list(article.sentences)
    kinds: set[str] = set()
    shortest = next((k for k in range(MIN_COPY_SENTENCES, len(sentences) + 1)
                     if len(" ".join(sentences[:k]).split()) >= MIN_COPY_WORDS), len(sentences))
    if shortest < len(sentences) and rng.random() < 0.7:
        sentences = sentences[: rng.randint(shortest, len(sentences) - 1)]
        kinds.add("truncated")
    if rng.random() < 0.5:
        words = " ".join(sentences).split(" ")
        for _ in range(rng.randint(1, MAX_EDITED_WORDS)):
            i = rng.randrange(len(words))
            words[i] = _EDITS.get(words[i], rng.choice(["reportedly", "also", words[i].upper()]))
        sentences = [" ".join(words)]
        kinds.add("edited")
    if rng.random() < 0.4:
        extra = rng.choice(_ADDED) if rng.random() < 0.5 else rng.choice(rng.choice(others).sentences)
        sentences.insert(rng.choice([0, len(sentences)]), extra)
        kinds.add("sentence added")
    if rng.random() < 0.4:
        sentences.insert(0, rng.choice(_HEADLINES))
        kinds.add("retitled")
    return "\n\n".join(sentences), tuple(sorted(kinds or {"verbatim"}))


def build_stream(articles: list[EcbArticle], seed: int = 0) -> tuple[list[StreamItem], int]:
    """The test stream: the distinct articles, plus generated copies of some, shuffled.

    Args:
        articles: the originals.
        seed: random seed: the same seed gives the same stream.

    Returns:
        (the stream, the number of ECB+ articles left out as copies of another ECB+ article).
    """
    rng = random.Random(seed)
    distinct = _distinct(articles)
    items = [_maybe_share_quote(a, distinct, rng) for a in distinct]
    for article in distinct:
        if rng.random() >= COPY_RATE:
            continue
        others = [o for o in distinct if o.topic != article.topic] or distinct
        for n in range(rng.randint(1, MAX_COPIES)):
            text, kinds = make_copy(article, rng, others)
            items.append(StreamItem(f"{article.name}~copy{n}", text, article.name, article.topic, kinds))
    rng.shuffle(items)
    return items, len(articles) - len(distinct)


def _maybe_share_quote(article: EcbArticle, distinct: list[EcbArticle], rng: random.Random) -> StreamItem:
    """The article as a stream item, sometimes with a sentence of another article of its topic."""
    sentences = list(article.sentences)
    same_topic = [o for o in distinct if o.topic == article.topic and o.name != article.name]
    kinds: tuple[str, ...] = ()
    if same_topic and rng.random() < SHARED_QUOTE_RATE:
        pool = rng.choice(same_topic).sentences
        quoted = [s for s in pool if '"' in s and len(s.split()) > 6] or list(pool)
        sentences.insert(rng.randint(1, len(sentences)), rng.choice(quoted))
        kinds = ("shares a sentence",)
    return StreamItem(article.name, "\n\n".join(sentences), article.name, article.topic, kinds)


def _distinct(articles: list[EcbArticle]) -> list[EcbArticle]:
    """The articles minus briefs and minus those that are ECB+'s own copies of an earlier one."""
    kept: list[tuple[EcbArticle, Any]] = []
    for article in articles:
        text = "\n\n".join(article.sentences)
        if len(text.split()) < MIN_ORIGINAL_WORDS:
            continue
        prints = fingerprints(shingle_hashes(text))
        if all(other.topic != article.topic or containment(prints, seen) < NATURAL_COPY_CONTAINMENT
               for other, seen in kept):
            kept.append((article, prints))
    return [article for article, _ in kept]


def score_stream(items: list[StreamItem], index: SyndicationIndex | None = None) -> DedupScore:
    """Run the copy detector over a stream and compare `duplicate_of` with the gold clusters."""
    index = index or SyndicationIndex(capacity=MAX_INDEXED)
    score = DedupScore(articles=len(items))
    first_seen: dict[str, str] = {}
    by_id = {item.id: item for item in items}
    for item in items:
        predicted = index.add(item.id, item.text)
        gold = first_seen.setdefault(item.cluster, item.id)
        is_copy = gold != item.id
        shares = "shares a sentence" in item.copy_kinds
        score.shared_sentence_articles += shares
        score.gold_links += is_copy
        for kind in item.copy_kinds if is_copy else ():
            score.copies_by_kind[kind] = score.copies_by_kind.get(kind, 0) + 1
        if predicted is not None:
            score.predicted_links += 1
            right = by_id[predicted].cluster == item.cluster
            score.correct_links += right and is_copy
            score.exact_links += predicted == gold
            score.same_topic_false += (not right) and by_id[predicted].topic == item.topic
            score.shared_sentence_false += (not right) and shares
        if is_copy and (predicted is None or by_id[predicted].cluster != item.cluster):
            for kind in item.copy_kinds:
                score.missed_by_kind[kind] = score.missed_by_kind.get(kind, 0) + 1
    return score


def evaluate_dedup(data: Path, topics: Iterable[str] | None = None, seed: int = 0) -> dict[str, Any]:
    """Precision and recall of syndicated-copy detection on a stream built from ECB+.

    Args:
        data: the ecbplus folder.
        topics: topic folders to use (all when None).
        seed: the stream's random seed.

    Returns:
        the scores and counts (see DedupScore.to_dict).
    """
    stream, natural = build_stream(read_ecbplus(data, topics), seed=seed)
    score = score_stream(stream)
    score.natural_copies = natural
    return score.to_dict()


registry.scorers.register("scorers.dedup_ecbplus.v1", func=evaluate_dedup)
