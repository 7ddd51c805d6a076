"""Direct quotations found by their quote marks, in every style news text uses.

One left-to-right scan over the text with a regular expression (no per-token loop). Styles: curly
“...”, straight "...", guillemets «...», TeX/NYT ``...'' and ''...'', low „...“, right marks on
both sides ”...”, and single ‘...’ (only where the marks cannot be apostrophes). A quote left open
at a paragraph break continues when the next paragraph opens with its mark (the multi-paragraph
convention; in text flattened to one line, when the mark follows a finished sentence); otherwise it is
dropped and the scan goes on after the break, so an unbalanced mark never swallows the article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Every mark that can open or close a quotation.
_MARK = re.compile(r"``|''|[“”«»„\"‘’]")
# Which closing marks end a quote opened with each mark.
_CLOSERS = {
    "“": ("”", '"'),
    '"': ('"', "”", "“"),
    "«": ("»",),
    "``": ("''", '"', "”"),
    "''": ("''",),
    "„": ("“", "”"),
    "‘": ("’",),
    # ”...”: the same right mark on both sides (Swedish and Finnish typesetting, and English text
    # whose editor turned every straight mark into a closing one: '” ― Veronica Cruz\n”Mr. Trump’s ...”')
    "”": ("”",),
}
# Curly marks that open a quotation inside a straight one ('"... episode of “Shark Tank.” But ..."').
_NESTED_OPENERS = frozenset({"“", "«", "„", "``"})
# A quote this long without a closing mark is abandoned: no quotation in news runs this far.
MAX_QUOTE_CHARS = 6000


@dataclass(frozen=True, slots=True)
class Quote:
    """One quotation: `open`/`close` are the offsets of its marks, `start`/`end` of its inside."""

    open: int
    start: int
    end: int
    close: int  # offset just after the closing mark
    words: int = 0  # how many words the quotation holds


def _is_opening(text: str, pos: int, mark: str) -> bool:
    before = text[pos - 1] if pos > 0 else " "
    after = text[pos + len(mark)] if pos + len(mark) < len(text) else " "
    if after.isspace():
        return False
    if mark in ("“", "«", "``", "„"):
        return True
    # Straight, doubled, single and right marks open only after a space, a bracket or a dash.
    return before.isspace() or before in "([{—–-:/"


def _is_closing(text: str, pos: int, mark: str) -> bool:
    if mark != "’":
        return True
    after = text[pos + 1] if pos + 1 < len(text) else " "
    return not after.isalnum()  # "don’t" holds an apostrophe, not a closing mark


def find_quotes(text: str) -> list[Quote]:
    """The balanced quotations of `text`, in text order, nested marks ignored.

    Args:
        text: the article text.

    Returns:
        Quote records; unbalanced marks are skipped and the scan resumes after them.
    """
    quotes: list[Quote] = []
    marks = [(m.start(), m.group()) for m in _MARK.finditer(text)]
    closes: dict[int, tuple[int, int, str] | None] = {}  # each opener's close, found once
    i = 0
    while i < len(marks):
        pos, mark = marks[i]
        if mark not in _CLOSERS or not _is_opening(text, pos, mark):
            i += 1
            continue
        close = _find_close(text, marks, i, closes)
        if close is None:
            i += 1
            continue
        j, end_pos, end_mark = close
        start = pos + len(mark)
        words = len(text[start:end_pos].split())
        quotes.append(Quote(pos, start, end_pos, end_pos + len(end_mark), words))
        i = j + 1
    return quotes


def _find_close(
    text: str,
    marks: list[tuple[int, str]],
    i: int,
    closes: dict[int, tuple[int, int, str] | None] | None = None,
) -> tuple[int, int, str] | None:
    """The index, position and mark that close the quotation opened by `marks[i]`, or None.

    `closes` keeps each opener's answer for one text: a nested opener is skipped through its own close,
    and unclosed nested openers would otherwise be rescanned from each outer one (2^n scans for n)."""
    if closes is None:
        closes = {}
    if i not in closes:
        closes[i] = _scan_close(text, marks, i, closes)
    return closes[i]


def _scan_close(
    text: str, marks: list[tuple[int, str]], i: int, closes: dict[int, tuple[int, int, str] | None]
) -> tuple[int, int, str] | None:
    pos, mark = marks[i]
    closers = _CLOSERS[mark]
    continued: list[int] = []  # the openers of the quotation's later paragraphs
    j = i + 1
    while j < len(marks):
        cpos, cmark = marks[j]
        if cpos - pos > MAX_QUOTE_CHARS:
            return None
        paragraph = _opens_next_paragraph(text, marks, i, j)
        if paragraph is None:
            # Each later paragraph's opener would scan to the same break: answered now, never rescanned.
            closes.update(dict.fromkeys(continued))
            return None
        if paragraph:
            continued.append(j)
            j += 1
            continue
        if cmark in _NESTED_OPENERS and _opens_after_space(text, cpos, cmark):
            # '"PENCE: ... an episode of “Shark Tank.” But ...', '“... what he calls “hell” than
            # live ...” ― Adriana Rodarte': a curly quotation inside another is skipped whole; its
            # closing mark would otherwise close the outer quotation
            inner = _find_close(text, marks, j, closes)
            if inner is not None:
                j = inner[0] + 1
                continue
        if (
            cmark in closers
            and _is_closing(text, cpos, cmark)
            and not (cmark == mark and _is_opening(text, cpos, cmark) and cmark not in ('"', "''"))
        ):
            return j, cpos, cmark
        j += 1
    closes.update(dict.fromkeys(continued))
    return None


def _opens_next_paragraph(text: str, marks: list[tuple[int, str]], i: int, j: int) -> bool | None:
    """Whether `marks[j]` opens the next paragraph of the quotation opened by `marks[i]` (the news
    convention: each paragraph opens with the mark, only the last closes), or None where the
    quotation cannot run on: a paragraph break before any other mark, or a paragraph in between
    that opens with none ('“A.\n\nNarration.\n\n“B,” she said': “A stays unclosed, as textacy's
    `direct_quotations` would refuse it)."""
    (pos, mark), (cpos, cmark) = marks[i], marks[j]
    if _crosses_paragraph(text, marks[j - 1][0], cpos):
        para = text.rfind("\n", pos, cpos) + 1
        return (
            text[para:cpos].strip() == ""
            and cmark == mark
            and "\n" not in text[marks[j - 1][0] : para].rstrip()
        ) or None
    # the same convention in text whose paragraph breaks were flattened to spaces
    # ('He said: "We have a difficult scene. "We have carriages on their side," he said')
    return cmark == mark and _continues_flattened(text, cpos, mark)


def _opens_after_space(text: str, pos: int, mark: str) -> bool:
    """True when the mark at `pos` stands where a quotation opens: after a space, bracket or dash."""
    before = text[pos - 1] if pos > 0 else " "
    return (before.isspace() or before in "([{—–-:/") and _is_opening(text, pos, mark)


# What ends a flattened paragraph before the mark that opens the quotation's next one: a sentence's
# last punctuation, a closing bracket or single mark allowed after it, then a space.
_PARAGRAPH_END = re.compile(r"[.?!…][)\]’']?[ \t]+$")


def _continues_flattened(text: str, pos: int, mark: str) -> bool:
    """True when the mark at `pos`, the quotation's own opening mark, opens its next paragraph.

    A quotation never closes with a space before its mark, so the same mark after a finished
    sentence and a space, with a capital, digit or mark after it, is the multi-paragraph convention
    without its line break rather than a close; an opener inside a sentence ('what he calls “hell”')
    is not."""
    after = text[pos + len(mark) : pos + len(mark) + 1]
    return (
        _opens_after_space(text, pos, mark)
        and not after.islower()  # '... a coward? "the widow read': a close spaced by a tokenizer
        and _PARAGRAPH_END.search(text, max(0, pos - 4), pos) is not None
    )


def _crosses_paragraph(text: str, start: int, end: int) -> bool:
    return "\n" in text[start:end]


# A paragraph of a quotation that opens with a transcript turn's label: its mark, one to three words
# in capitals and a colon ('"PENCE: Well, look, ...').
_TURN = re.compile(r"\n[ \t]*(\"|“|'')([A-Z][A-Z'’.-]+(?: [A-Z][A-Z'’.-]+){0,2}):[ \t]")


def split_turns(quotes: list[Quote], text: str) -> list[Quote]:
    """Quotations that run over the turns of a quoted transcript, cut at each turn.

    A transcript quoted paragraph by paragraph ('"WALLACE: ...' then '"PENCE: ...', each paragraph
    opening with the mark: the multi-paragraph convention) scans as one quotation; each paragraph
    that opens with a speaker's label starts a quotation of its own, so that every turn is its
    speaker's (extractor._transcript_labels). A quotation that does not open with a label is whole.
    """
    out: list[Quote] = []
    for q in quotes:
        if _TURN.match("\n" + text[q.open : q.start + 40]) is None:
            out.append(q)
            continue
        start, mark_at = q.start, q.open
        for m in _TURN.finditer(text, q.start, q.end):
            end = m.start()
            while end > start and text[end - 1].isspace():
                end -= 1
            out.append(Quote(mark_at, start, end, end, len(text[start:end].split())))
            mark_at, start = m.start(1), m.end(1)
        out.append(Quote(mark_at, start, q.end, q.close, len(text[start : q.end].split())))
    return out
