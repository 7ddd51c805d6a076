"""Score publication dates from our HTML reader on htmldate's evaluation set, as htmldate scores itself.

The set (../shared/data/extraction/htmldate-eval) gives each page its gold publication date
(YYYY-MM-DD). Per page (htmldate tests/comparison.py `evaluate_result`): the right date is a true
positive, a wrong date a false positive, no date where there is one a false negative, no date where
there is none a true negative. F = 2tp / (2tp + fp + fn).
By default the page alone is scored, as htmldate's own figures are: no URL (a date in the URL makes
the task easier); `use_url=True` gives the URL too, as our feed and WARC readers do.
"""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reportedly import registry
from reportedly.errors import InputError, ReportedlyError
from reportedly.evaluate.extraction import find_page, pick_sample

# The gold files of the set and where their pages live (htmldate's README.txt in the set).
GOLD_FILES = ("eval_default.json", "eval_mediacloud_2020.json")
PAGE_FOLDERS = ("cache", "eval", "test_set")


@dataclass(slots=True)
class DateReport:
    """Counts and scores over the pages, and the pages we got wrong (for error analysis)."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    wrong: list[dict[str, str | None]] = field(default_factory=list)

    def add(self, gold: str | None, found: str | None, url: str) -> None:
        """Count one page."""
        if found is None:
            self.tn += gold is None
            self.fn += gold is not None
        elif found == gold:
            self.tp += 1
        else:
            self.fp += 1
        if found != gold:
            self.wrong.append({"page": url, "gold": gold, "found": found})

    def scores(self) -> dict[str, float]:
        """precision, recall, accuracy and F as htmldate reports them (0.0 on empty denominators)."""
        total = self.tp + self.fp + self.fn + self.tn
        return {
            "precision": self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0,
            "recall": self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0,
            "accuracy": (self.tp + self.tn) / total if total else 0.0,
            "f1": 2 * self.tp / (2 * self.tp + self.fp + self.fn) if self.tp + self.fp + self.fn else 0.0,
        }

    def to_dict(self) -> dict[str, Any]:
        """The report as plain JSON-ready data."""
        return {"pages": self.tp + self.fp + self.fn + self.tn, **self.scores(),
                "tp": self.tp, "fp": self.fp, "fn": self.fn, "tn": self.tn, "wrong": self.wrong}


def load_date_pages(data: Path, sample: int | None = None) -> list[tuple[str, str | None, Path]]:
    """(url, gold date, gzipped page path) for every page of the set, optionally a seeded sample.

    Raises:
        ReportedlyError: the folder holds none of the gold files.
    """
    golds = [data / name for name in GOLD_FILES if (data / name).is_file()]
    if not golds:
        raise ReportedlyError(f"no {' or '.join(GOLD_FILES)} in {data}: --data must be the htmldate-eval "
                              "folder")
    pages = []
    for gold in golds:
        for url, item in json.loads(gold.read_text("utf-8")).items():
            path = find_page(data, PAGE_FOLDERS, item["file"])
            if path is not None:
                pages.append((url, item.get("date") or None, path))
    return pick_sample(pages, sample)


def evaluate_dates(data: Path, sample: int | None = None, use_url: bool = False) -> DateReport:
    """Score our reader's publication date (reportedly.ingest.html.find_published) on the set.

    Args:
        data: the htmldate-eval folder.
        sample: score a seeded sample of this many pages instead of all.
        use_url: give the page's URL to the date finder too.

    Returns:
        the counts, the scores, and the pages whose date was wrong or missing.
    """
    report = DateReport()
    for url, gold, path in load_date_pages(data, sample):
        report.add(gold, _find(gzip.decompress(path.read_bytes()), url if use_url else None, url), url)
    return report


def _find(page: bytes, url: str | None, name: str) -> str | None:
    from reportedly.ingest.files import decode
    from reportedly.ingest.html import find_published

    try:
        return find_published(decode(page, name), url)
    except InputError:  # a page our reader refuses has no date: a miss, as htmldate counts one
        return None


registry.scorers.register("scorers.dates_htmldate.v1", func=evaluate_dates)
