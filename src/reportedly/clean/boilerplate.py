"""A news-specific line filter for the boilerplate that survives main-text extraction.

Every removal is returned with its reason, so nothing leaves an article silently.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from reportedly.model import Removed
from reportedly.registry import cleaners

# Lines longer than this are prose, whatever words they hold: no boilerplate rule removes them.
MAX_BOILERPLATE_LINE = 200

# (reason, pattern matched against a whole stripped line, case-insensitive)
_LINE_RULES: list[tuple[str, str]] = [
    ("comment prompt", r"(leave|post|add|write) a (comment|reply)|\d* ?comments?|comments? \(\d+\)|"
     r"join the (conversation|discussion)|show comments|view comments"),
    ("share prompt", r"(share|tweet|email|print|pin)( (this|the) (article|story|page|post))?( on \w+)?[:!.]?|"
     r"share (on|via|to) .*|(facebook|twitter|x|whatsapp|linkedin|telegram|reddit|email)"
     r"([ ,|/•·]+(facebook|twitter|x|whatsapp|linkedin|telegram|reddit|email|print|copy link))+|copy link"),
    ("subscribe prompt", r".{0,80}\b(subscribe|sign up|signup|register)\b.{0,80}\b(newsletter|updates|"
     r"channel|inbox|free|today|now|alerts|daily|weekly)\b.*|subscribe( now| today)?[.!]?"),
    ("newsletter plug", r".{0,60}\bnewsletters?\b.{0,60}"),
    ("app plug", r".{0,80}\b(download|get|install) (our|the) (\w+ )?app\b.*|.{0,60}\b(app store|google play)\b.*"),
    ("follow prompt", r"(follow|like) us on .*|follow (@\w+|\w+ on (twitter|x|facebook|instagram|telegram)).*|"
     r".{0,40}\bjoin (us|our \w+) on (telegram|whatsapp|facebook)\b.*"),
    ("related links", r"(also read|read also|read more|see also|related( stories| articles| news)?|"
     r"recommended( for you)?|more from .{1,40}|you may also like|don'?t miss|trending( now)?|"
     r"must read|watch)\s*[:|\-–—].*|(also read|read more|related stories|related articles|you may also like)"),
    ("photo credit", r"(photo|image|picture|file photo|pic|video|graphic|illustration)s?"
     r"( credit)?s?\s*[:/|\-–—(].{0,120}|\(?(photo|image|picture)s?\s*(by|courtesy|credit)[:]?\s.{0,80}\)?|"
     r"\((image|photo|video|representational image|file image|representative image)[^)]{0,80}\)|"
     r".{0,80}\((getty|afp|reuters|ap|epa|ani|pti)( images)?( photo)?\)|"
     r"(getty images|afp via getty images|shutterstock|istock)"),
    ("advertisement", r"advertisement|advertisements|sponsored( content)?|ad|promoted( content)?|"
     r"story continues (below|after) (this )?advertisement|scroll to continue.*"),
    ("byline", r"(by|written by|reporting by|edited by|compiled by|with inputs from)\s+[A-Z]?[\w .,'&-]{1,80}|"
     r"(updated|published|posted|last updated|first published)( on| at)?\s*[:\-]?\s*.{4,60}"),
    ("copyright", r"(©|\(c\)|copyright)\s?.{0,120}|all rights reserved\.?.*"),
    ("navigation", r"(home|skip to (main )?content|back to top|next article|previous article|click here.*|"
     r"tap here.*|loading\.*|print this page|top stories|latest news)"),
    ("disclaimer", r"(\(?this (story|article|report) (has|was) (been )?(published|auto-generated|generated) from "
     r"an? (wire agency|syndicated) feed.*|.{0,60}only the headline (and picture )?(of this report )?"
     r"(may have been|has been) (reworked|changed).*)"),
]
_COMPILED = [(reason, re.compile(rf"^(?:{pattern})$", re.IGNORECASE)) for reason, pattern in _LINE_RULES]

# Credits pinned to the end of a paragraph: "... reported Tolo News. (image -instagramkshvid)".
_TRAILING_CREDIT = re.compile(
    r"\s*\((?:image|photo|video|pic|picture|file photo|representational image|representative image|"
    r"graphic)s?\b[^()\n]{0,80}\)\s*$",
    re.IGNORECASE,
)


def is_boilerplate(line: str) -> str | None:
    """The reason this whole line is boilerplate, or None when it is article text."""
    stripped = line.strip().strip("|•·»«>").strip()
    if not stripped or len(stripped) > MAX_BOILERPLATE_LINE:
        return None
    for reason, pattern in _COMPILED:
        if pattern.match(stripped):
            return reason
    return None


@cleaners.register("clean.boilerplate.v1")
def remove_boilerplate(text: str, byline_names: Iterable[str] = ()) -> tuple[str, list[Removed]]:
    """Drop boilerplate lines and trailing credits; return the kept text and what was removed.

    A line repeating an earlier line of the same article (a byline printed twice) is removed too.

    Args:
        text: a normalized body, paragraphs separated by newlines.
        byline_names: author names known from metadata; a line that is only one of them is a byline.

    Returns:
        (cleaned text, removed lines with reasons), in text order.
    """
    removed: list[Removed] = []
    kept: list[str] = []
    authors = {name.strip().lower() for name in byline_names if name.strip()}
    seen_short: set[str] = set()
    for line in text.split("\n"):
        stripped = line.strip()
        reason = is_boilerplate(stripped)
        if reason is None and stripped.lower() in authors:
            reason = "byline"
        if reason is None and stripped and len(stripped) < 80 and stripped.lower() in seen_short:
            reason = "repeated line"
        if reason is not None:
            removed.append(Removed(text=stripped, reason=reason))
            continue
        if stripped and len(stripped) < 80:
            seen_short.add(stripped.lower())
        credit = _TRAILING_CREDIT.search(line)
        if credit and credit.start() > 0:
            removed.append(Removed(text=credit.group().strip(), reason="photo credit"))
            line = line[: credit.start()]
        kept.append(line)
    return "\n".join(kept), removed
