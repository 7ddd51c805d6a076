"""Score the article `lead` (5W1H) on Giveme5W1H's gold standard (`reportedly eval lead`).

The set (../shared/data/giveme5w1h-dev/data/*.json) gives each article its title, description (the lead
paragraph), text, publication date, and per question the phrases the coders chose. Each article is run
through the whole pipeline as a plain-text article: body = description, then text (when the text does
not already begin with it), the title and published date as the article's own; `--no-clean` is not used.

Per question and article (leniencies stated, as docs/evaluation.md says):
- a question whose annotations are all "no answer" (a count without text) is right when we give none and
  wrong when we give one; a question nobody annotated is not scored;
- otherwise our phrase is compared with every annotated phrase on content words (lower-cased, stop words
  and punctuation dropped): `hit` when it shares a content word with any of them, `f1` the best
  content-word F1 over them (partial credit); a `when` is also a hit (and f1 1.0) when its normalized
  value equals an annotated `parsed` date.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reportedly import registry
from reportedly.errors import ReportedlyError
from reportedly.model import Lead, LeadPart, RawArticle, SourceRef

QUESTIONS = ("who", "what", "when", "where", "why", "how")
# The dev set split by topic (`category`): rules are tuned on the first half only, the second is scored
# as held out (`reportedly eval lead --half held`); the project's own held-out topics are elsewhere.
HALVES = {"tune": ("f1", "tram", "china well"), "held": ("toberone-gate", "gaga protests", "tram victims")}
WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(slots=True)
class LeadReport:
    """Per question: articles scored, hits, summed F1; and the misses for error analysis."""

    articles: int = 0
    scored: dict[str, int] = field(default_factory=lambda: dict.fromkeys(QUESTIONS, 0))
    hits: dict[str, int] = field(default_factory=lambda: dict.fromkeys(QUESTIONS, 0))
    f1: dict[str, float] = field(default_factory=lambda: dict.fromkeys(QUESTIONS, 0.0))
    misses: list[dict[str, Any]] = field(default_factory=list)

    def add(self, question: str, gold: list[dict[str, Any]], found: LeadPart | None, article: str) -> None:
        """Score one question of one article (see the module's leniencies)."""
        if not gold:
            return
        self.scored[question] += 1
        phrases = [g["text"] for g in gold if g.get("text")]
        if not phrases:
            hit, best = found is None, float(found is None)
        elif found is None:
            hit, best = False, 0.0
        else:
            dates = {g.get("parsed") for g in gold if g.get("parsed")}
            same_date = question == "when" and found.value is not None and found.value in dates
            overlaps = [_overlap(found.text, p) for p in phrases]
            hit = same_date or any(o > 0 for o in overlaps)
            best = 1.0 if same_date else max(overlaps)
        self.hits[question] += hit
        self.f1[question] += best
        if not hit:
            self.misses.append({"article": article, "question": question, "found": found and found.text,
                                "gold": phrases})

    def scores(self) -> dict[str, dict[str, float | int]]:
        """Per question: n (articles scored), hit (share with a content word in common), f1 (mean best F1)."""
        return {q: {"n": self.scored[q], "hit": self.hits[q] / self.scored[q] if self.scored[q] else 0.0,
                    "f1": self.f1[q] / self.scored[q] if self.scored[q] else 0.0} for q in QUESTIONS}

    def to_dict(self) -> dict[str, Any]:
        """The report as plain JSON-ready data."""
        return {"articles": self.articles, "scores": self.scores(), "misses": self.misses}


def content_words(text: str) -> list[str]:
    """Lower-cased words of `text` without stop words (spaCy's English list)."""
    from spacy.lang.en.stop_words import STOP_WORDS

    return [w for w in WORD.findall(text.lower()) if w not in STOP_WORDS]


def _overlap(found: str, gold: str) -> float:
    ours, theirs = content_words(found), content_words(gold)
    common = sum(min(ours.count(w), theirs.count(w)) for w in set(ours))
    if not common:
        return 0.0
    precision, recall = common / len(ours), common / len(theirs)
    return 2 * precision * recall / (precision + recall)


def load_gold(data: Path) -> list[dict[str, Any]]:
    """The annotated articles of the set, in file-name order.

    Raises:
        ReportedlyError: the folder holds no article files.
    """
    folder = data / "data" if (data / "data").is_dir() else data
    files = sorted(folder.glob("*.json"))
    if not files:
        raise ReportedlyError(f"no *.json articles in {folder}: --data must be the giveme5w1h-dev folder")
    return [json.loads(f.read_text("utf-8")) | {"_file": f.name} for f in files]


def to_raw(item: dict[str, Any]) -> RawArticle:
    """The article as our pipeline reads it: description then text, title and published date its own."""
    lead, text = (item.get("description") or "").strip(), (item.get("text") or "").strip()
    body = text if lead and text.startswith(lead[:60]) else "\n\n".join(p for p in (lead, text) if p)
    published = (item.get("date_publish") or "")[:10] or None
    return RawArticle(SourceRef(item["_file"], item.get("url"), "text"), body, title=item.get("title"),
                      published=published)


def evaluate_lead(data: Path, limit: int | None = None, topics: tuple[str, ...] | None = None) -> LeadReport:
    """Run the pipeline on every article of the set (or of its `topics`, the articles' `category`) and
    score its `lead` (see the module docstring).

    Raises:
        ReportedlyError: no article of the set is on one of `topics`.
    """
    from reportedly.config import Settings
    from reportedly.model import Article
    from reportedly.runner import analyze_raw

    gold = load_gold(data)
    if topics is not None:
        gold = [g for g in gold if g.get("category") in topics]
        if not gold:
            raise ReportedlyError(f"no article on the topics {', '.join(topics)}")
    gold = gold[:limit]
    report = LeadReport()
    for item, result in zip(gold, analyze_raw([to_raw(g) for g in gold], Settings()), strict=True):
        lead = result.lead if isinstance(result, Article) and result.lead is not None else Lead()
        report.articles += 1
        for question in QUESTIONS:
            annotated = item["fiveWoneH"][question]["annotated"]
            report.add(question, annotated, getattr(lead, question), item["_file"])
    return report


registry.scorers.register("scorers.lead_giveme5w1h.v1", func=evaluate_lead)
