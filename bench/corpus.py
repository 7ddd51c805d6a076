"""Benchmark corpora: real news articles rebuilt from ECB+ tokens, and a seeded stream of recombinations.

ECB+ (Cybulska & Vossen 2014, CC BY 3.0) ships each article as tokens with sentence numbers, no
whitespace. `load_articles` rebuilds readable text: the tokens are detokenized by the rules of
`detokenize`, each sentence becomes a paragraph (news sites put one or two sentences in a paragraph),
the ECB+ "plus" articles lose their URL line and date line and keep their headline as the title.

`stream_articles` recombines the sentences of those articles into new ones, without end, from a seed:
each synthetic article takes the length of a real one and draws its sentences from the same topic,
so the stream reads like news on the same events and never repeats an article.
"""

from __future__ import annotations

import html
import json
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

_TOKEN = re.compile(r'<token t_id="\d+" sentence="(\d+)" number="\d+">(.*?)</token>', re.S)
# Tokens written without a space before them (closing punctuation, clitics).
_NO_SPACE_BEFORE = {",", ".", ";", ":", "!", "?", "%", ")", "]", "}", "''", "'s", "n't", "'re", "'ve", "'ll",
                    "'d", "'m", "'S", "N'T", "...", "'", "\u201d", "\u2019", "\u2019s", "\u2026"}
# Tokens written without a space after them (opening brackets, currency).
_NO_SPACE_AFTER = {"(", "[", "{", "``", "$", "#", "\u201c", "\u2018"}
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
# A line of at most this many tokens holding a month and a number is the article's date line.
DATE_LINE_MAX_TOKENS = 8


@dataclass(frozen=True, slots=True)
class BenchArticle:
    """One benchmark article: what a JSONL input line carries."""

    text: str
    title: str | None
    url: str | None
    topic: str

    def to_json(self) -> str:
        """The article as a JSONL line for `reportedly analyze`."""
        record = {"text": self.text, "title": self.title, "url": self.url}
        return json.dumps({k: v for k, v in record.items() if v is not None}, ensure_ascii=False)

    @property
    def words(self) -> int:
        """Whitespace-separated words of title and text: the unit of every words/s figure."""
        return len(self.text.split()) + (len(self.title.split()) if self.title else 0)


def detokenize(tokens: list[str]) -> str:
    """Rebuild a sentence from PTB-style tokens: spaces by punctuation rules, `` and '' as straight quotes."""
    out: list[str] = []
    glue_next = False
    open_quote = False
    for i, tok in enumerate(tokens):
        if tok == '"':
            tok = "''" if open_quote else "``"
        no_space = glue_next or tok in _NO_SPACE_BEFORE or not out
        if tok == "-" and 0 < i < len(tokens) - 1 and out[-1][-1:].isalnum() and tokens[i + 1][:1].isalnum():
            no_space, glue_next = True, True  # a compound: "court - mandated" -> "court-mandated"
        elif tok in ("\u2019", ":") and 0 < i < len(tokens) - 1 and (tokens[i + 1] in ("s", "t", "ll", "re")
                                                                   or tokens[i + 1][:1].isdigit()):
            glue_next = True  # "DeGeneres ’ s" -> "DeGeneres’s", "08 : 06" -> "08:06"
        else:
            glue_next = tok in _NO_SPACE_AFTER
        if tok == "``":
            open_quote = True
        elif tok == "''":
            open_quote = False
        out.append(("" if no_space else " ") + tok)
    return "".join(out).replace("``", '"').replace("''", '"')


def _sentences(path: Path) -> list[list[str]]:
    by_sentence: dict[int, list[str]] = {}
    for sentence, token in _TOKEN.findall(path.read_text("utf-8")):
        by_sentence.setdefault(int(sentence), []).append(html.unescape(token))
    return [by_sentence[k] for k in sorted(by_sentence)]


def _is_date_line(tokens: list[str]) -> bool:
    low = " ".join(tokens).lower()
    return (len(tokens) <= DATE_LINE_MAX_TOKENS and any(m in low for m in _MONTHS)
            and any(t.isdigit() for t in tokens))


def read_article(path: Path) -> BenchArticle | None:
    """One ECB+ file as an article; None when no body is left."""
    sentences = _sentences(path)
    url = title = None
    if sentences and sentences[0] and sentences[0][0].lower().startswith("http"):
        url = "".join(sentences.pop(0))
        if sentences:
            title = detokenize(sentences.pop(0))
        if sentences and _is_date_line(sentences[0]):
            sentences.pop(0)
    body = "\n\n".join(detokenize(s) for s in sentences if s)
    if not body.strip():
        return None
    return BenchArticle(text=body, title=title, url=url, topic=path.parent.name)


def load_articles(ecbplus: Path, limit: int | None = None) -> list[BenchArticle]:
    """Real articles from ECB+, in a fixed order that interleaves topics (so a prefix spans many events).

    Args:
        ecbplus: the ECB+ folder (holding one folder per topic of *.xml files).
        limit: how many articles to return (all when None).

    Returns:
        the articles, the first `limit` of the interleaved order.
    """
    topics = sorted((p for p in ecbplus.iterdir() if p.is_dir()), key=lambda p: (len(p.name), p.name))
    if not topics:
        raise FileNotFoundError(f"no ECB+ topic folders in {ecbplus}")
    per_topic = [[a for f in sorted(t.glob("*.xml")) if (a := read_article(f)) is not None] for t in topics]
    out: list[BenchArticle] = []
    for rank in range(max(len(p) for p in per_topic)):
        out.extend(p[rank] for p in per_topic if rank < len(p))
    return out[:limit] if limit is not None else out


def stream_articles(seed_articles: list[BenchArticle], seed: int = 13) -> Iterator[BenchArticle]:
    """An endless stream of new articles recombined from the sentences of `seed_articles`.

    Args:
        seed_articles: the real articles whose sentences and lengths are drawn from.
        seed: the random seed; the same seed gives the same stream.

    Yields:
        articles in the same topics, each of a real article's length, sentences drawn at random.
    """
    rng = random.Random(seed)
    pools: dict[str, list[str]] = {}
    for article in seed_articles:
        pools.setdefault(article.topic, []).extend(article.text.split("\n\n"))
    titles = [a.title for a in seed_articles if a.title]
    while True:
        model = rng.choice(seed_articles)
        pool = pools[model.topic]
        size = model.text.count("\n\n") + 1
        text = "\n\n".join(rng.sample(pool, min(size, len(pool))))
        title = rng.choice(titles) if titles else None
        yield BenchArticle(text=text, title=title, url=None, topic=model.topic)


def write_jsonl(articles: list[BenchArticle], path: Path) -> Path:
    """Write articles as a JSONL input file for `reportedly analyze`; return the path."""
    path.write_text("".join(a.to_json() + "\n" for a in articles), "utf-8")
    return path
