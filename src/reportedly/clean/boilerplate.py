"""A news-specific line filter for the boilerplate that survives main-text extraction.

Precision first: a rule matches a *whole* line, and most rules need the reader-facing form of a
prompt (an imperative at the start of the line: "Sign up", "Follow us", "Download the app") or a
fixed label ("Also Read:", "Photo:"), so a sentence that merely mentions a newsletter, an app or a
photo stays. A line opening with a quote mark is speech and is never removed. Every removal is
returned with its reason, so nothing leaves an article silently.

Wire trailers ("Reporting by X in Kabul; Editing by Y", "AP writer X contributed to this report") go, as
bylines: their names and cities are no actors of the story and would become entities. trafilatura's eval
gold keeps one ("Additional reporting by", a must-have segment of one Reuters page out of 990) and drops
Reuters' "Our Standards: The Thomson Reuters Trust Principles" footer, which goes here too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from reportedly.model import Removed
from reportedly.registry import cleaners

# Lines longer than this are prose, whatever words they hold: no boilerplate rule removes them.
MAX_BOILERPLATE_LINE = 200
# A line shorter than this that repeats an earlier line is a repeated byline, label or caption;
# longer repeats are left alone (a repeated paragraph is the writer's, not the page's).
MAX_REPEATED_LINE = 80
# Only a name-like repeat goes (capitalized words, no sentence end): repeated list markers, table
# cells, numbers and code lines are content (seen on trafilatura's evaluation pages).
_NAME_LIKE = re.compile(r"^(?:By\s+)?[A-Z][\w'\u2019.&-]*(?:[ ,|]+[\w'\u2019.&-]+){0,7}$")

# Name particles written in lower case, alone or hyphened to the next word ("Nidal al-Mughrabi").
_PARTICLE = r"(?:de|da|van|von|der|la|le|bin|ibn|al|el|abu)"
_NAME = (rf"(?:{_PARTICLE}-)?[A-Z][\w.'\u2019-]*"
         rf"(?:\s+(?:(?:{_PARTICLE}-)?[A-Z][\w.'\u2019-]*|{_PARTICLE}))*")
_NAMES = rf"{_NAME}(?:\s*(?:,|and|&)\s*{_NAME})*"
# Names credited in a wire trailer, each maybe with a place: "Jane Doe in Kabul and John Roe".
_ONE_CREDIT = rf"(?:(?:the\s+)?{_NAME}\s+(?:bureau|newsroom|staff|team)|{_NAME}(?:\s+in\s+{_NAME})?)"
_CREDITED = rf"{_ONE_CREDIT}(?:\s*(?:,|and|&)\s*{_ONE_CREDIT})*"
_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
          r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_WEEKDAY = r"(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?"
# A date/time stamp made only of numbers, month and weekday names, am/pm and time zones.
_STAMP = rf"(?:(?:\d[\d:./-]*|{_MONTH}|{_WEEKDAY}|[ap]\.?m\.?|(?-i:[A-Z]{{2,4}})|at|on|,|\||-|\s)+)"
_AGENCY = r"(?:ani|pti|ians|uni|reuters|ap|afp|agencies|agency|xinhua|tass|dpa|bloomberg|wire services?)"

_SOCIAL = r"(?:facebook|twitter|x|whatsapp|linkedin|telegram|reddit|email|print|copy link|messenger)"
_CHANNELS = r"(?:telegram|whatsapp|facebook|instagram|linkedin|youtube|google news|twitter|x)"
_CREDIT_WORDS = (r"image|photo|video|pic|picture|file image|file photo|representational image|"
                 r"representative image|representational photo|representative photo")
_ROLE = r"(?:(?:additional )?reporting|writing|editing|compiled|edited|fact-checking|graphics)"

# (reason, alternatives; each matched against the whole stripped line, case-insensitive unless marked).
_LINE_RULES: list[tuple[str, tuple[str, ...]]] = [
    ("comment prompt", (
        r"(?:leave|post|add|write|submit) (?:a|your) (?:comment|reply)s?[.!]?",
        r"\d* ?comments?", r"comments? \(\d+\)", r"(?:show|view|load|see) (?:all )?\d* ?comments?",
        r"join the (?:conversation|discussion)[.!]?", r"be the first to comment[.!]?")),
    ("share prompt", (
        r"(?:share|tweet|email|e-mail|print|pin|whatsapp)(?: (?:this|the) (?:article|story|page|post))?"
        r"(?: (?:on|via) \w+)?[:!.]?",
        r"share (?:on|via|to|with) .{1,40}", r"copy(?: the)? link",
        rf"(?=.*(?:facebook|twitter|whatsapp|linkedin|telegram|reddit|email))"
        rf"{_SOCIAL}(?:[ ,|/•·]+{_SOCIAL})+")),
    ("newsletter plug", (
        r"(?:get|receive|want) (?:our|the|the latest|more) .{0,60}newsletters?.{0,80}",
        r".{0,60}newsletters? (?:delivered|straight|direct(?:ly)?) (?:to|into) your .{0,40}")),
    ("subscribe prompt", (
        r"(?:subscribe|sign up|signup)\b.{0,100}\b(?:newsletters?|updates|alerts|inbox|channel|subscription|"
        r"free trial|briefing|podcast|youtube)\b.{0,60}",
        r"subscribe(?: now| today| here)?[.!]?", r"register (?:now|here|for free|today)\b.{0,100}",
        r"get (?:the latest|all the latest|our|breaking)\b.{0,100}"
        r"\b(?:updates|alerts|inbox|news|headlines)\b.{0,60}",
        r"(?:click|tap) (?:here )?to subscribe.*", r"to subscribe,? .{0,80}",
        r"(?:you can )?(?:now )?(?:also )?(?:subscribe|sign up) to (?:our|the) .{1,80}")),
    ("app plug", (
        r"(?:download|get|install|try) (?:our|the) (?:[\w'\u2019-]+ ){0,4}app\b.{0,100}",
        r"(?:download|get it|available) on (?:the )?(?:app store|google play).{0,60}")),
    ("follow prompt", (
        r"(?:follow|like) us on .{1,80}", rf"follow (?:@\w+|.{{1,40}} on {_CHANNELS}).{{0,60}}",
        rf"(?:join|follow) (?:us|our \w+(?: \w+)?) on {_CHANNELS}.{{0,60}}",
        r"click here to (?:join|follow) .{0,80}",
        r"follow (?:ap|reuters|afp|the associated press)['\u2019]s coverage .{1,160}",
        rf"(?:join|follow) our (?:official )?{_CHANNELS} (?:channel|group|page|community|account).{{0,60}}")),
    ("related links", (
        r"(?:also read|read also|read more|see also|related(?: stories| articles| news| coverage)?|"
        r"recommended(?: for you)?|you may also like|don'?t miss|trending(?: now)?|must read|also watch|"
        r"watch|more on this|more from \w+(?: \w+)?|in pics|in photos)\s*[:|\-–—»]\s*.{0,160}",
        r"also read|read more|related stories|related articles|related coverage|you may also like",
        r"recommended for you|more stories|top stories|latest news|trending now|more from (?:\w+ ){0,3}\w+")),
    ("photo credit", (
        r"(?:photo|image|picture|file photo|pic|video|graphic|illustration|representational image|"
        r"representative image)s?(?: credits?)?\s*[:/|]\s*.{0,120}",
        r"(?:image source|image caption|media caption|image copyright|photo credits?)\s*[:,|]?\s*.{0,120}",
        # a labelled caption ("Caption: The minister says ..."): the label, then a colon or bar
        r"(?:(?:photo|image|picture|video) )?captions?\s*[:|]\s*.{0,180}",
        r"(?:photo|image|picture|file photo|video)s?(?: credits?)?(?:\s+-|\s*[–—])\s*(?:[\w@./&'-]+\s*){1,4}",
        r"\(?(?:photo|image|picture)s?\s*(?:by|courtesy|credit)[:]?\s.{0,80}\)?",
        r"\((?:ap|afp|reuters|ani|pti|epa|getty images?|xinhua)(?:\s*photos?)?\s*/\s*[^)]{1,60}\)",
        rf"\((?:{_CREDIT_WORDS})s?\b[^)]{{0,80}}\)",
        r"getty images|afp via getty images|shutterstock|istock(?:photo)?|ap photo|reuters photo",
        r"(?:representational|representative|file) (?:image|photo|picture)s?")),
    ("advertisement", (
        r"advertisements?|sponsored(?: content)?|ad|ads by \w+|promoted(?: content)?",
        r"story continues (?:below|after) (?:this )?advertisement|scroll (?:down )?to continue.*",
        r"continue reading (?:below|the main story)",
        r"article continues (?:below|after) (?:this )?ad(?:vertisement)?")),
    ("byline", (
        rf"(?:by|written by|posted by|edited by|compiled by)\s+(?-i:{_NAMES})"
        rf"(?:\s*[,|]\s*(?-i:{_NAME}))?(?:\s*\|\s*{_STAMP})?",
        r"\(with inputs? (?:from|by) [^)]{1,60}\)\.?", r"with inputs? from .{1,40}",
        rf"\(?{_ROLE} by\s+(?-i:{_CREDITED})(?:\s*[;,]\s*(?:and\s+)?{_ROLE} by\s+(?-i:{_CREDITED}))*\.?\)?",
        rf"\(?{_AGENCY}\)?",
        # desk codes closing agency copy: "PTI ZH ZH", "IANS ksk/pgh", "ksk/pgh"
        r"(?-i:(?:PTI|IANS|UNI|ANI)(?:\s+[A-Z]{2,4}){1,4})",
        r"(?-i:(?:(?:PTI|IANS|UNI|ANI)\s+)?[a-z]{2,4}(?:/[a-z]{2,4}){1,3})",
        # AP's trailer: "Associated Press writer Jane Doe in Kabul contributed to this report."
        rf"(?:(?:the )?associated press |ap )?(?:staff )?(?:writers?|reporters?|correspondents?|"
        rf"videojournalists?|photographers?) (?-i:{_CREDITED}) contributed(?: reporting)?"
        rf"(?: to this (?:report|story|article))?(?: from (?-i:{_NAME})(?:, (?-i:{_NAME}))?)?\.?",
        rf"(?-i:{_CREDITED}) contributed "
        rf"(?:reporting(?: to this (?:report|story))?|to this (?:report|story))\.?",
        r"(?:by )?(?:staff reporter|our correspondent|special correspondent|express news service|tnn|"
        r"press trust of india|news desk|web desk|online desk)")),
    ("timestamp", (
        rf"(?:updated|published|posted|last updated|first published|created)(?:\s+(?:on|at))?\s*[:\-]?\s*"
        rf"(?=[\d]|{_MONTH}|{_WEEKDAY}){_STAMP}",
        rf"(?=.*(?:{_MONTH}|\d:\d\d|(?<![\d-])\d{{1,4}}[./-]\d{{1,2}}[./-]\d{{2,4}}(?![\d-]))){_STAMP}(?<=\d)"
        r"\s*(?:ist|gmt|utc|et|edt|est|pst|pt)?")),
    ("copyright", (
        r"(?:©|\(c\)|copyright\s*(?:©|\(c\)|\d{4})).{0,140}", r".{0,100}\ball rights reserved\.?.{0,60}")),
    ("separator", (r"[_=*~•#-]{3,}",)),
    ("navigation", (
        r"home|skip to (?:main )?content|back to top|next article|previous article|next story",
        r"(?:click|tap) here(?: to| for) .{0,80}",
        r"loading\.*|print this page|go to comments|menu|search|close",
        r"sign in|log in|login|open in app|listen to (?:this )?(?:article|story)(?: \d+ min)?",
        r"\d+ min(?:ute)?s? read|reading time:? .{1,20}")),
    ("disclaimer", (
        r"\(?(?:this|the) (?:story|article|report|copy) (?:has|was|is) (?:been )?(?:not been edited|"
        r"published|auto-generated|generated|edited) .{0,60}"
        r"(?:wire agency|syndicated|agency|automated) feed.{0,80}",
        r".{0,60}only the headline (?:and picture )?(?:of this report )?(?:may have been|has been) "
        r"(?:reworked|changed).{0,60}",
        r"\(?disclaimer:.{0,200}",
        r"our standards:? (?:the )?thomson reuters trust principles\.?(?:,? opens new tab)?",
        r"\(?(?:the )?views expressed (?:in this|above|here).{0,160}")),
]
_COMPILED = [(reason, re.compile("^(?:" + "|".join(alts) + ")$", re.IGNORECASE))
             for reason, alts in _LINE_RULES]

# Credits pinned to the end of a paragraph: "... reported Tolo News. (image -instagramkshvid)".
_TRAILING_CREDIT = re.compile(
    rf"\s*\((?:(?:{_CREDIT_WORDS}|graphic)s?\b[^()\n]{{0,80}}|"
    r"(?:ap|afp|reuters|epa|getty images)\s*photo[^()\n]{0,60})\)\s*$",
    re.IGNORECASE,
)
# A quote mark opening a line: the line is someone's speech, never page furniture.
_OPENING_QUOTE = re.compile("^[\"'\u201c\u201d\u2018\u2019\u00ab\u201e\u2039`]")
# Bullets, arrows and pipes that decorate a furniture line ("» Also Read: ...", "| Share |").
_DECORATION = "|•·»«>›‹■▶►–—-*"


@dataclass(frozen=True, slots=True)
class LineVerdict:
    """What the filter did with one input line: the part kept (maybe empty) and the part removed."""

    line: str
    kept: str
    removed: Removed | None


def is_boilerplate(line: str) -> str | None:
    """The reason this whole line is boilerplate, or None when it is article text.

    Args:
        line: one line of a body.

    Returns:
        the rule's reason ("share prompt", "byline", ...) or None.
    """
    stripped = line.strip()
    if not stripped or len(stripped) > MAX_BOILERPLATE_LINE or _OPENING_QUOTE.match(stripped):
        return None
    bare = stripped.strip(_DECORATION).strip()
    for candidate in dict.fromkeys((stripped, bare)):
        for reason, pattern in _COMPILED:
            if candidate and pattern.match(candidate):
                return reason
    return None


def split_trailing_credits(line: str) -> tuple[str, list[str]]:
    """Take every photo credit off the end of a line: ("text", ["(image -x)"]), credits in line order."""
    credits: list[str] = []
    while (credit := _TRAILING_CREDIT.search(line)) and credit.start() > 0 and line[: credit.start()].strip():
        credits.insert(0, credit.group().strip())
        line = line[: credit.start()].rstrip()
    return line, credits


def classify_lines(text: str, byline_names: Iterable[str] = ()) -> list[LineVerdict]:
    """Decide, line by line, what stays and what goes.

    Args:
        text: a normalized body, paragraphs separated by newlines.
        byline_names: author names known from metadata; a line that is only one of them is a byline.

    Returns:
        one verdict per input line, in order.
    """
    authors = {name.strip().lower() for name in byline_names if name.strip()}
    seen_short: set[str] = set()
    verdicts: list[LineVerdict] = []
    for line in text.split("\n"):
        body, credits = split_trailing_credits(line.strip())
        reason = is_boilerplate(body)
        if reason is None and body.lower() in authors:
            reason = "byline"
        if (reason is None and len(body) < MAX_REPEATED_LINE and body.lower() in seen_short
                and _NAME_LIKE.match(body)):
            reason = "repeated line"
        if reason is not None:
            verdicts.append(LineVerdict(line, "", Removed(text=line.strip(), reason=reason)))
            continue
        if body and len(body) < MAX_REPEATED_LINE:
            seen_short.add(body.lower())
        removed = Removed(text=" ".join(credits), reason="photo credit") if credits else None
        verdicts.append(LineVerdict(line, body if credits else line, removed))
    return verdicts


@cleaners.register("cleaners.boilerplate.v1")
def remove_boilerplate(text: str, byline_names: Iterable[str] = ()) -> tuple[str, list[Removed]]:
    """Drop boilerplate lines and trailing credits; return the kept text and what was removed.

    A short line repeating an earlier line of the same article (a byline printed twice) is removed too.

    Args:
        text: a normalized body, paragraphs separated by newlines.
        byline_names: author names known from metadata; a line that is only one of them is a byline.

    Returns:
        (cleaned text, removed lines with reasons), in text order.
    """
    verdicts = classify_lines(text, byline_names)
    kept = [v.kept for v in verdicts if v.removed is None or v.kept]
    return "\n".join(kept), [v.removed for v in verdicts if v.removed is not None]
