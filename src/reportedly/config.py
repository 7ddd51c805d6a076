"""Settings: one object, declared once as data with defaults and help text.

Load it once (in the CLI or the API) and pass it down; nothing deeper reads the environment.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


def _setting(default: Any, help: str) -> Any:
    return field(default=default, metadata={"help": help})


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything a run can be told. Every field's help text is checked by a test."""

    clean: bool = _setting(
        True, "Clean bodies (boilerplate lines, unicode); False keeps plain text verbatim."
    )
    published: str | None = _setting(
        None, "Publication date (YYYY-MM-DD) for inputs that carry none; anchors relative dates."
    )
    max_input_bytes: int = _setting(
        64 * 1024 * 1024, "Largest input (after decompression) read; larger ones fail, capping gzip bombs."
    )
    max_html_bytes: int = _setting(
        10 * 1024 * 1024,
        "Largest HTML page (or WARC record) extracted; larger pages fail at once instead of "
        "taking trafilatura minutes.",
    )
    max_article_chars: int = _setting(
        2_000_000, "Longest article body analyzed; longer bodies fail with a clear reason."
    )
    include: tuple[str, ...] = _setting(
        (), "Globs: read only the files of a folder that match one (--include '*.html')."
    )
    exclude: tuple[str, ...] = _setting((), "Globs: skip the files of a folder that match one.")
    fetch_timeout: float = _setting(15.0, "Seconds to wait for a web site (connect, then each read).")
    fetch_retries: int = _setting(2, "Retries of a URL after a network error or a 5xx/429 answer.")
    languages: tuple[str, ...] = _setting(
        ("en",), "Languages the analysis stages run on; others are skipped."
    )
    batch_size: int = _setting(
        16, "Articles per spaCy batch (one process puts up to twice as many short articles in a batch, "
        "within the characters of an average one): sets peak memory."
    )
    n_process: int = _setting(1, "spaCy worker processes.")
    scheduler: str | None = _setting(
        None, "Dask scheduler address (tcp://HOST:PORT): the analysis runs on that cluster's workers."
    )
    dedup_threshold: float = _setting(0.5, "MinHash Jaccard at which two articles become dedup candidates.")
    gazetteers: tuple[Path, ...] = _setting(
        (), "Extra gazetteer files (YAML or JSON) added to the built-in one."
    )
    db: str | Path = _setting(
        Path("reportedly.db"),
        "Database of the claim ledger: a SQLite file or postgresql://user@host:port/dbname.",
    )

    def replace(self, **changes: Any) -> Settings:
        """A copy with some fields changed."""
        return dataclasses.replace(self, **changes)


def describe() -> dict[str, str]:
    """Each setting's name and help text (for docs and `--help`)."""
    return {f.name: f.metadata.get("help", "") for f in dataclasses.fields(Settings)}
