"""Score main-text extraction on trafilatura's evaluation set, the way trafilatura scores itself.

The set (../shared/data/extraction/trafilatura-eval) annotates each page with text segments that
must appear in the extracted text (`with`) and boilerplate that must not (`without`). A `with`
segment found is a true positive, one missed a false negative; a `without` segment found is a false
positive, one absent a true negative. Matching is a substring test after collapsing whitespace on
both sides, and the counts are micro-averaged over the whole set (trafilatura tests/eval_common.py).

Two extractors run over the same pages in one pass, so their figures are comparable:
`trafilatura` (bare `trafilatura.extract` with the options trafilatura's own quality gate uses) and
`reportedly` (our HTML reader followed by our cleaning, as `reportedly analyze` runs them). The
scored text of ours is the body with what cleaning moved (not removed) out of it put back: the title
line (to `title`) and the dateline (to `dateline`).
"""

from __future__ import annotations

import gzip
import json
import random
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reportedly import registry
from reportedly.errors import InputError, ReportedlyError

# Where trafilatura's evaluation looks for a page: cache/ first, then eval/ (tests/eval_common.py).
PAGE_FOLDERS = ("cache", "eval")
# The seed of every sample: the same pages on every machine, so pinned floors mean the same thing.
SAMPLE_SEED = 20261128
# trafilatura's quality-gate options ("fallback" runner, tests/eval_common.py EXTRACT_OPTS).
TRAFILATURA_OPTS: dict[str, Any] = {
    "fast": False, "include_comments": False, "include_tables": True, "include_formatting": False,
}

Extractor = Callable[[bytes, str], "ExtractedText"]


@dataclass(frozen=True, slots=True)
class ExtractedText:
    """What one extractor made of a page: the text to score and the lines cleaning removed."""

    text: str | None
    removed: tuple[tuple[str, str], ...] = ()


@dataclass(slots=True)
class Confusion:
    """Micro-averaged counts of segment matches, with the scores trafilatura reports."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    def add(self, tp: int, fp: int, fn: int, tn: int) -> None:
        """Add one page's counts."""
        self.tp, self.fp, self.fn, self.tn = self.tp + tp, self.fp + fp, self.fn + fn, self.tn + tn

    def scores(self) -> dict[str, float]:
        """precision, recall, accuracy and F1 (0.0 where a denominator is empty)."""
        total = self.tp + self.fp + self.fn + self.tn
        return {
            "precision": self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0,
            "recall": self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0,
            "accuracy": (self.tp + self.tn) / total if total else 0.0,
            "f1": 2 * self.tp / (2 * self.tp + self.fp + self.fn) if self.tp + self.fp + self.fn else 0.0,
        }


@dataclass(slots=True)
class ExtractionReport:
    """Scores per extractor, plus the real text our cleaning removed (segment, line, reason, page)."""

    pages: int = 0
    confusion: dict[str, Confusion] = field(default_factory=dict)
    wrongly_removed: list[dict[str, str]] = field(default_factory=list)
    errors: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """The report as plain JSON-ready data."""
        return {
            "pages": self.pages,
            "scores": {name: {**c.scores(), "tp": c.tp, "fp": c.fp, "fn": c.fn, "tn": c.tn}
                       for name, c in self.confusion.items()},
            "errors": self.errors,
            "wrongly_removed": self.wrongly_removed,
        }


def norm(text: str) -> str:
    """Collapse whitespace, so a line break in the output never costs a match."""
    return re.sub(r"\s+", " ", text).strip()


def count_page(item: dict[str, Any], text: str | None) -> tuple[int, int, int, int]:
    """(tp, fp, fn, tn) of a page: `with` segments found, `without` found, `with` missed, `without` absent."""
    found = norm(text) if text else ""
    tp = sum(1 for seg in item["with"] if found and norm(seg) in found)
    fp = sum(1 for seg in item["without"] if found and norm(seg) in found)
    return tp, fp, len(item["with"]) - tp, len(item["without"]) - fp


def load_pages(data: Path, sample: int | None = None) -> list[tuple[str, dict[str, Any], Path]]:
    """(url, annotation, gzipped page path) for the pages of the set, optionally a seeded sample.

    Raises:
        ReportedlyError: the folder holds no evaldata.json.
    """
    gold = data / "evaldata.json"
    if not gold.is_file():
        raise ReportedlyError(f"{gold} not found: --data must be the trafilatura-eval folder")
    items = json.loads(gold.read_text("utf-8"))
    pages = []
    for url, item in items.items():
        path = find_page(data, PAGE_FOLDERS, item["file"])
        if path is not None:
            pages.append((url, item, path))
    return pick_sample(pages, sample)


def find_page(data: Path, folders: Iterable[str], name: str) -> Path | None:
    """The gzipped copy of page `name` in the first of `folders` (under data/html) that holds it."""
    for folder in folders:
        path = data / "html" / folder / f"{name}.gz"
        if path.is_file():
            return path
    return None


def pick_sample(pages: list[Any], sample: int | None) -> list[Any]:
    """A seeded sample of `sample` items in their original order (all items when None)."""
    if sample is None or sample >= len(pages):
        return pages
    keep = sorted(random.Random(SAMPLE_SEED).sample(range(len(pages)), sample))
    return [pages[i] for i in keep]


def run_trafilatura(html: bytes, url: str) -> ExtractedText:
    """Bare trafilatura 2.x, with the options of its own quality gate (the baseline)."""
    import trafilatura

    return ExtractedText(trafilatura.extract(html, **TRAFILATURA_OPTS))


def run_reportedly(html: bytes, url: str) -> ExtractedText:
    """Our HTML reader then our cleaning, as `reportedly analyze` runs them on an HTML file."""
    from reportedly.clean import clean_article
    from reportedly.ingest.files import decode
    from reportedly.ingest.html import extract_html
    from reportedly.model import SourceRef

    source = SourceRef(path=url, url=None, format="html")
    try:
        raw = extract_html(decode(html, url), source)
    except InputError:
        return ExtractedText(None)
    article = clean_article(raw)
    parts = [article.dateline.text if article.dateline else "", article.text]
    if raw.title and raw.text.lstrip().partition("\n")[0].strip() == raw.title.strip():
        parts.insert(0, raw.title)  # cleaning moved the title line to `title`: kept, not lost
    return ExtractedText("\n".join(parts), tuple((r.text, r.reason) for r in article.removed))


EXTRACTORS: dict[str, Extractor] = {"trafilatura": run_trafilatura, "reportedly": run_reportedly}


def evaluate_extraction(data: Path, sample: int | None = None,
                        extractors: Iterable[str] = ("trafilatura", "reportedly")) -> ExtractionReport:
    """Score each extractor on the same pages of trafilatura's evaluation set, side by side.

    Args:
        data: the trafilatura-eval folder (evaldata.json and html/).
        sample: score a seeded sample of this many pages instead of all.
        extractors: names from EXTRACTORS.

    Returns:
        the report: micro-averaged scores per extractor, and every `with` segment that our
        extraction found but our cleaning then removed, with the line and the rule that removed it.
    """
    names = list(extractors)
    report = ExtractionReport(confusion={name: Confusion() for name in names},
                              errors={name: 0 for name in names})
    for url, item, path in load_pages(data, sample):
        html = gzip.decompress(path.read_bytes())
        report.pages += 1
        for name in names:
            try:
                result = EXTRACTORS[name](html, url)
            except Exception:  # a crash counts as a full miss, as in trafilatura's own scoring
                report.errors[name] += 1
                result = ExtractedText(None)
            report.confusion[name].add(*count_page(item, result.text))
            report.wrongly_removed.extend(_wrongly_removed(url, item, result))
    return report


def _wrongly_removed(url: str, item: dict[str, Any], result: ExtractedText) -> list[dict[str, str]]:
    found = norm(result.text or "")
    lost = []
    for seg in item["with"]:
        if norm(seg) in found:
            continue
        for line, reason in result.removed:
            if norm(seg) in norm(line) or (len(norm(line)) > 20 and norm(line) in norm(seg)):
                lost.append({"page": url, "segment": seg, "line": line, "reason": reason})
    return lost


registry.scorers.register("scorers.extraction_trafilatura.v1", func=evaluate_extraction)
