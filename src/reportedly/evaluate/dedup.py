"""Scoring syndicated-copy detection on a test built from real article texts (ECB+, CC BY 3.0).

ECB+ groups news articles by topic, and each topic holds two events of one kind ("ecb" and
"ecbplus" subtopics: two different earthquakes, two different arrests), so it holds many distinct
articles on the same event and on look-alike events: exactly the articles a copy detector must not
merge. The test stream is every article of the chosen topics plus generated wire copies of some of
them: truncated to the first k sentences, retitled (a new headline line on top), a few words edited,
a sentence added. Copies are shuffled in with the originals, so a copy may come before its
original; the gold `duplicate_of` of an article is the first-seen member of its copy cluster.

ECB+ itself holds some wire stories twice or more (one story printed by several sites, each lightly
edited: "Mr. LaRue" here, "LaRue" there). These natural copies stay in the stream as gold copies of
each other, scored apart as `natural`. They are found with a measure the detector does not use, so
moving the detector's threshold moves the figures: sentence alignment, at least ALIGNED_SHARE of the
shorter article's sentences (of MIN_ALIGNED_WORDS words or more) each having a counterpart in the
other article whose word sequence matches at SENTENCE_MATCH or more (difflib's ratio), linked
transitively within a topic. Every other pair of articles is distinct (many on the same event) and
must not be linked. A natural copy is a gold link only when it arrives: the same measure, on the texts
as streamed, must link it to an article of its cluster already seen. An article linked to its cluster
only through one still to come (A ~ B ~ C with A and C sharing no sentence, C arriving between A and B),
or pushed under the share by the sentence the stream adds to it, copies nothing seen; it is no gold
link, and a link from it into its own cluster counts as none (`natural.not_yet_copies`).
Harder negatives are added: some articles are printed with one sentence of
another article of their topic that is no copy of theirs (two stories quoting the same statement),
and some open with a recap: the first sentences of another article of their topic, RECAP_SHARE of
its words (a follow-up retelling the earlier story before its own news). A recap shares the other
article's lead, so the detector's index proposes the pair, but under half of either text is shared:
no copy.
"""

from __future__ import annotations

import difflib
import html
import random
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reportedly import registry
from reportedly.clean.dedup import MAX_INDEXED, SyndicationIndex

_TOKEN = re.compile(r'<token t_id="\d+" sentence="(\d+)" number="\d+">(.*?)</token>', re.S)
_WORDS = re.compile(r"\w+")
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
# Share of the distinct articles opening with a recap of another's lead, and the share of that
# other article's words the recap takes (between these two).
RECAP_RATE = 0.15
RECAP_SHARE = (0.35, 0.45)
# Natural copies (see the module's docstring): sentences matched at this difflib ratio of their word
# sequences (a subeditor's touch: a title, a tense, a name's honorific), on at least this share of the
# shorter article's sentences of at least this many words.
SENTENCE_MATCH = 0.8
ALIGNED_SHARE = 0.5
MIN_ALIGNED_WORDS = 5
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
    recap_articles: int = 0
    recap_false: int = 0
    natural_links: int = 0
    natural_correct: int = 0
    natural_not_yet_copies: int = 0
    original_predicted: int = 0
    original_correct: int = 0
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
                "recap_articles": self.recap_articles, "recap_false_links": self.recap_false,
                "recall_by_copy_kind": {k: round(v, 4) for k, v in recall_by_kind.items()},
                "natural": self._natural()}

    def _natural(self) -> dict[str, Any]:
        """ECB+'s own copies: recall of their links; precision of the links made for ECB+ articles."""
        return {"gold_links": self.natural_links, "correct_links": self.natural_correct,
                "not_yet_copies": self.natural_not_yet_copies,
                "recall": round(self.natural_correct / self.natural_links, 4) if self.natural_links else 1.0,
                "predicted_links": self.original_predicted,
                "precision": round(self.original_correct / self.original_predicted, 4)
                if self.original_predicted else 1.0}


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
        edited, start = [], 0  # the edited words back into their sentences (the gold aligns sentences)
        for sentence in sentences:
            end = start + len(sentence.split(" "))
            edited.append(" ".join(words[start:end]))
            start = end
        sentences = edited
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
    """The test stream: every article but briefs, plus generated copies of some, shuffled.

    Args:
        articles: the originals.
        seed: random seed: the same seed gives the same stream.

    Returns:
        (the stream, the number of ECB+ articles that are natural copies of another: their clusters'
        members but one).
    """
    rng = random.Random(seed)
    kept = [a for a in articles if len(" ".join(a.sentences).split()) >= MIN_ORIGINAL_WORDS]
    cluster = natural_clusters(kept)
    copied = [a for a in kept if rng.random() < COPY_RATE]
    # A recap's source has no copy in the stream: a truncated copy is a lead, and a lead inside a recap
    # is a copy by any measure.
    sizes = Counter(cluster.values())
    alone = {a.name for a in kept if sizes[cluster[a.name]] == 1} - {a.name for a in copied}
    items = [_maybe_share_quote(a, kept, cluster, alone, rng) for a in kept]
    for article in copied:
        others = [o for o in kept if o.topic != article.topic] or kept
        for n in range(rng.randint(1, MAX_COPIES)):
            text, kinds = make_copy(article, rng, others)
            copy = StreamItem(f"{article.name}~copy{n}", text, cluster[article.name], article.topic, kinds)
            items.append(copy)
    rng.shuffle(items)
    return items, len(kept) - len(set(cluster.values()))


def _maybe_share_quote(
    article: EcbArticle, kept: list[EcbArticle], cluster: dict[str, str], alone: set[str], rng: random.Random
) -> StreamItem:
    """The article as a stream item, sometimes with a sentence of another article of its topic (one
    that is no copy of it)."""
    own = cluster[article.name]
    sentences = list(article.sentences)
    same_topic = [o for o in kept if o.topic == article.topic and cluster[o.name] != own]
    kinds: tuple[str, ...] = ()
    draw = rng.random()
    if same_topic and draw < SHARED_QUOTE_RATE:
        pool = rng.choice(same_topic).sentences
        quoted = [s for s in pool if '"' in s and len(s.split()) > 6] or list(pool)
        sentences.insert(rng.randint(1, len(sentences)), rng.choice(quoted))
        kinds = ("shares a sentence",)
    elif (sources := [o for o in same_topic if o.name in alone]) and draw < SHARED_QUOTE_RATE + RECAP_RATE:
        recap = _recap(rng.choice(sources), rng.uniform(*RECAP_SHARE))
        if recap and len(" ".join(recap).split()) <= len(" ".join(sentences).split()):
            sentences = recap + sentences
            kinds = ("recaps another",)
    return StreamItem(article.name, "\n\n".join(sentences), own, article.topic, kinds)


def _recap(article: EcbArticle, share: float) -> list[str]:
    """The first sentences of an article up to `share` of its words (none when one sentence is more)."""
    total, taken, out = len(" ".join(article.sentences).split()), 0, []
    for sentence in article.sentences:
        taken += len(sentence.split())
        if taken > share * total:
            break
        out.append(sentence)
    return out


def natural_clusters(articles: list[EcbArticle]) -> dict[str, str]:
    """Each article's natural-copy cluster, named by its first member (see the module's docstring)."""
    parent = {a.name: a.name for a in articles}

    def root(name: str) -> str:
        while parent[name] != name:
            name = parent[name]
        return name

    words = {a.name: _aligned_sentences(a.sentences) for a in articles}
    for i, first in enumerate(articles):
        for second in articles[i + 1 :]:
            if first.topic == second.topic and root(first.name) != root(second.name) \
                    and aligned_share(words[first.name], words[second.name]) >= ALIGNED_SHARE:
                parent[root(second.name)] = root(first.name)
    return {a.name: root(a.name) for a in articles}


def aligned_share(first: list[tuple[str, ...]], second: list[tuple[str, ...]]) -> float:
    """Share of the shorter list's sentences matched by one of the other's at SENTENCE_MATCH or more."""
    short, long = (first, second) if len(first) <= len(second) else (second, first)
    if not short:
        return 0.0
    hits = 0
    for sentence in short:
        matcher = difflib.SequenceMatcher(None, autojunk=False)
        matcher.set_seq2(sentence)
        for other in long:
            matcher.set_seq1(other)
            if matcher.real_quick_ratio() >= SENTENCE_MATCH and matcher.quick_ratio() >= SENTENCE_MATCH \
                    and matcher.ratio() >= SENTENCE_MATCH:
                hits += 1
                break
    return hits / len(short)


def _aligned_sentences(sentences: Iterable[str]) -> list[tuple[str, ...]]:
    """Sentences as the words `aligned_share` aligns: those of MIN_ALIGNED_WORDS words or more."""
    return [w for w in (tuple(_WORDS.findall(s.lower())) for s in sentences) if len(w) >= MIN_ALIGNED_WORDS]


def score_stream(items: list[StreamItem], index: SyndicationIndex | None = None) -> DedupScore:
    """Run the copy detector over a stream and compare `duplicate_of` with the gold clusters."""
    if index is None:  # not `index or ...`: an empty index is falsy (it has a length)
        index = SyndicationIndex(capacity=MAX_INDEXED)
    score = DedupScore(articles=len(items))
    first_seen: dict[str, str] = {}
    with_original: set[str] = set()  # clusters an ECB+ article of which was seen
    seen: dict[str, list[list[tuple[str, ...]]]] = {}  # each cluster's articles seen, as aligned sentences
    by_id = {item.id: item for item in items}
    for item in items:
        predicted = index.add(item.id, item.text)
        gold = first_seen.setdefault(item.cluster, item.id)
        is_copy = gold != item.id
        original = "~copy" not in item.id
        natural = original and item.cluster in with_original  # an ECB+ copy of an earlier ECB+ article
        with_original.update([item.cluster] if original else [])
        right_cluster = predicted is not None and by_id[predicted].cluster == item.cluster
        sentences = _aligned_sentences(item.text.split("\n\n"))  # a stream text's lines are its sentences
        if natural and all(aligned_share(sentences, other) < ALIGNED_SHARE for other in seen[item.cluster]):
            # Linked to its cluster only through an article not seen yet, or pushed under the share by a
            # sentence the stream added: no copy of anything seen (the gold's own measure, on the texts as
            # streamed). No gold link; a link into its own cluster counts as none, a link elsewhere is wrong.
            score.natural_not_yet_copies += 1
            natural = is_copy = False
            predicted, right_cluster = None if right_cluster else predicted, False
        seen.setdefault(item.cluster, []).append(sentences)
        score.natural_links += natural
        score.natural_correct += natural and right_cluster
        score.original_predicted += original and predicted is not None
        score.original_correct += original and right_cluster
        shares = "shares a sentence" in item.copy_kinds
        score.shared_sentence_articles += shares
        recaps = "recaps another" in item.copy_kinds
        score.recap_articles += recaps
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
            score.recap_false += (not right) and recaps
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
    stream, _ = build_stream(read_ecbplus(data, topics), seed=seed)
    return score_stream(stream).to_dict()


registry.scorers.register("scorers.dedup_ecbplus.v1", func=evaluate_dedup)
