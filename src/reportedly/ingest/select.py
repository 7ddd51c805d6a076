"""Which files of a folder are articles: by `--include`/`--exclude` globs, by name and extension, and by
sniffing the first bytes of files whose name says nothing.

A folder of news usually holds other files too (a README, a Makefile, images, scripts). Reading them
as articles puts a README's sentences into the ledger and makes a PNG fail the run; they are skipped
instead, each with a reason the command lists. Files named on the command line are always read:
the selection applies to what a folder walk finds.
"""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass
from pathlib import Path

# Extensions of the formats the readers take (a trailing .gz is looked through).
ARTICLE_SUFFIXES = frozenset(
    {"txt", "text", "html", "htm", "xhtml", "xml", "rss", "atom", "warc", "arc", "jsonl", "ndjson", "json"}
)
# Extensions that are never articles: code, configuration, documentation sources, media, archives, data.
OTHER_SUFFIXES = frozenset(
    {
        "py", "pyc", "js", "ts", "css", "sh", "c", "h", "cpp", "go", "rs", "java", "rb", "pl", "r",
        "toml", "yaml", "yml", "ini", "cfg", "conf", "lock", "mk", "cmake", "md", "rst", "tex",
        "png", "jpg", "jpeg", "gif", "bmp", "svg", "webp", "ico", "tif", "tiff", "mp3", "mp4", "wav",
        "avi", "mov", "webm", "pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "odt", "zip", "tar",
        "tgz", "bz2", "xz", "7z", "rar", "whl", "jar", "db", "sqlite", "sqlite3", "npz", "npy", "pkl",
        "parquet", "bin", "exe", "so", "dll", "o", "a", "woff", "woff2", "ttf", "otf", "csv", "tsv",
    }
)
# Stems of files that describe a folder rather than report news (README.md, LICENSE, CHANGES.txt).
README_STEMS = frozenset(
    {"readme", "license", "licence", "copying", "changelog", "changes", "history", "notice", "authors",
     "contributing", "contributors", "install", "todo", "news-index", "manifest"}
)
# Build and tooling files, whatever their extension.
BUILD_NAMES = frozenset(
    {"makefile", "gnumakefile", "dockerfile", "containerfile", "cmakelists.txt", "procfile", "justfile",
     "rakefile", "vagrantfile", "jenkinsfile", "requirements.txt", "requirements.lock", "setup.py"}
)
# Magic numbers of binary formats a folder of articles often holds, with a name for the reason.
MAGIC = (
    (b"\x89PNG", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"%PDF", "PDF document"),
    (b"PK\x03\x04", "ZIP archive"),
    (b"\x7fELF", "executable"),
    (b"SQLite format 3", "SQLite database"),
    (b"RIFF", "media file"),
)
# Bytes read to sniff a file whose name says nothing.
SNIFF_BYTES = 4096


@dataclass(frozen=True, slots=True)
class Skipped:
    """A file a folder walk found and did not read, with why."""

    path: str
    reason: str


@dataclass(frozen=True, slots=True)
class Selection:
    """Globs that narrow a folder walk. A file matching an `include` glob skips the name rules;
    one matching an `exclude` glob is skipped. Globs match the path below the folder or the name."""

    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()

    def skip_reason(self, path: Path, root: Path) -> str | None:
        """Why a file found under `root` is not read, or None to read it."""
        rel = path.relative_to(root).as_posix() if path.is_relative_to(root) else path.name
        hit = _first_match(self.exclude, rel, path.name)
        if hit is not None:
            return f"excluded by --exclude {hit}"
        if self.include:
            if _first_match(self.include, rel, path.name) is None:
                return "not matched by --include"
            return sniff_binary(path)
        return name_reason(path.name) or sniff_binary(path)


def _first_match(globs: tuple[str, ...], rel: str, name: str) -> str | None:
    return next((g for g in globs if fnmatch.fnmatch(rel, g) or fnmatch.fnmatch(name, g)), None)


def _suffix(name: str) -> str:
    base = name.lower().removesuffix(".gz")
    return base.rsplit(".", 1)[-1] if "." in base else ""


def name_reason(name: str) -> str | None:
    """Why a file name is not an article's (README-like, build file, code, media...), or None."""
    lower = name.lower()
    stem = lower.removesuffix(".gz").split(".", 1)[0]
    if stem in README_STEMS:
        return "README-like file, not an article"
    if lower in BUILD_NAMES or lower.endswith(".mk"):
        return "build file, not an article"
    suffix = _suffix(name)
    if suffix in OTHER_SUFFIXES:
        return f".{suffix} file, not an article (name it with --include to read it)"
    return None


def sniff_binary(path: Path) -> str | None:
    """Why a file is binary (a known magic number, or NUL bytes in its first bytes), or None."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(SNIFF_BYTES)
    except OSError:
        return None  # the reader reports the error for this file
    if head[:2] == b"\x1f\x8b":
        return None  # gzip: the readers look through it
    for magic, what in MAGIC:
        if head.startswith(magic):
            return f"binary file ({what}), not an article"
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "binary file (NUL bytes), not an article"
    return None
