"""The ledger commands' tables, readable at 80 columns (a narrow terminal, or output piped to a file).

Ids are never cut or wrapped: they are arguments to other commands (`reportedly timeline ev_...`), so
their column is as wide as the longest id. Free text (summaries, speakers, quotes, aliases) is cut to
one line with an ellipsis instead of wrapping a word per line. Article text is untrusted: every cell
is a `rich.text.Text`, never markup.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from rich.cells import cell_len, set_cell_size
from rich.console import Console, ConsoleOptions
from rich.segment import Segment
from rich.style import Style
from rich.table import Table
from rich.text import Text

# Column kinds: an id (whole, never wrapped), a short fixed value (a date, a status, a count), free text.
ID, FIXED, TEXT = "id", "fixed", "text"
# Longest text kept in a cell before the table's own ellipsis: the terminal width cuts it further.
MAX_CELL_CHARS = 90
# Narrowest a free-text column gets, however little room is left.
MIN_TEXT = 6


def cell(value: object) -> Text:
    """A cell: the value as plain text (never markup), cut at `MAX_CELL_CHARS`."""
    text = "" if value is None else str(value)
    return Text(text if len(text) <= MAX_CELL_CHARS else text[: MAX_CELL_CHARS - 1] + "…")


def make_table(
    columns: Sequence[tuple[str, str]],
    rows: Sequence[Sequence[object]],
    width: int,
    title: str | None = None,
) -> Table:
    """A borderless table that fits `width`: id and fixed columns keep their whole values, free-text
    columns share what is left and cut their values to one line with an ellipsis.

    Args:
        columns: (header, kind) pairs; kind is `ID`, `FIXED` or `TEXT`.
        rows: the values, one sequence per row, in column order.
        width: the width to fit (the console's).
        title: an optional title above the table.
    """
    cells, widths = _layout(columns, rows, width)
    table = Table(title=title, title_justify="left", box=None, pad_edge=False, padding=(0, 1, 0, 0),
                  header_style="bold", collapse_padding=True)
    for (header, kind), w in zip(columns, widths, strict=True):
        style = "cyan" if kind == ID else None
        table.add_column(header, width=w, no_wrap=True, overflow="ellipsis", style=style)
    for row in cells:
        table.add_row(*row)
    return table


def table_lines(
    columns: Sequence[tuple[str, str]], rows: Sequence[Sequence[object]], width: int, *,
    blank_after: bool = False,
) -> TableLines | None:
    """The lines `make_table` (untitled) prints, laid out here: each cell cut to its column's width
    with an ellipsis and padded, the cells joined by one space, the header bold and ids cyan; None
    where rich would lay the table out otherwise or the cell arithmetic is not one character a cell
    (columns wider than `width`; a line break, tab, control, wide or zero-width character in a
    cell), for the caller to print `make_table`'s. `blank_after`: a blank line follows the table.

    The same characters and styles for a fraction of the CPU: rich's table measures, pads and crops
    each cell through several renderables, ~1 ms for a claim's few sources, 0.9 s of the 1,000-claim
    listing of `reportedly claims` (issue 12), where its decoding is ~50 ms."""
    cells, widths = _layout(columns, rows, width)
    if sum(widths) + len(widths) - 1 > width or not all(_plain_cell(c.plain) for row in cells for c in row):
        return None
    styles = ["cyan" if kind == ID else "" for _h, kind in columns]
    last = len(widths) - 1
    lines = []
    for n, row in enumerate([[h for h, _kind in columns], *([c.plain for c in r] for r in cells)]):
        line: list[tuple[str, str]] = []
        for i, (value, w) in enumerate(zip(row, widths, strict=True)):
            style = "bold" if n == 0 else styles[i]
            line.append((_fit_cell(value, w), style))
            if i < last:
                line.append((" ", style))  # the cell's right padding, styled as rich pads it
        lines.append(line)
    return TableLines(lines, blank_after=blank_after)


class TableLines:
    """Lines of (text, style) pieces laid out already, printed as they are: the segments rich's
    table yields for them (each piece and each cell's padding one segment, so a terminal gets the
    same escape codes)."""

    def __init__(self, lines: list[list[tuple[str, str]]], *, blank_after: bool = False) -> None:
        self.lines = lines
        self.blank_after = blank_after

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Segment]:
        get_style = console.get_style
        plain = Style()
        for line in self.lines:
            for text, style in line:
                yield Segment(text, get_style(style) if style else plain)
            yield Segment.line()
        if self.blank_after:
            yield Segment.line()


def _plain_cell(text: str) -> bool:
    """Whether each character of `text` is one printable cell wide (no line break, tab, control,
    wide or zero-width character: their layout is left to rich)."""
    return text.isprintable() and (text.isascii() or cell_len(text) == len(text))


def _fit_cell(text: str, width: int) -> str:
    """`text` cut to `width` cells with an ellipsis, or padded to it, as rich cuts a table cell that
    does not wrap (`Text.truncate(overflow="ellipsis")`, then padded to the column's width)."""
    size = cell_len(text)
    if size > width:
        return set_cell_size(text, width - 1) + "…"
    return text + " " * (width - size)


def _layout(
    columns: Sequence[tuple[str, str]], rows: Sequence[Sequence[object]], width: int
) -> tuple[list[list[Text]], list[int]]:
    """The cells of `rows` and the columns' widths fitting `width` (see `make_table`)."""
    cells = [[cell(v) for v in row] for row in rows]
    natural = [max([len(h), *(len(r[i]) for r in cells)]) for i, (h, _kind) in enumerate(columns)]
    return cells, _fit(natural, [kind == TEXT for _h, kind in columns], width - (len(columns) - 1))


def _fit(natural: list[int], flexible: list[bool], room: int) -> list[int]:
    """Column widths: fixed columns their natural width; flexible ones share the rest fairly (a column
    that needs less than its share gives the remainder to the others), at least `MIN_TEXT` each."""
    widths = list(natural)
    left = room - sum(w for w, flex in zip(natural, flexible, strict=True) if not flex)
    pending = sorted((w, i) for i, (w, flex) in enumerate(zip(natural, flexible, strict=True)) if flex)
    while pending:
        share = max(MIN_TEXT, left // len(pending))
        w, i = pending.pop(0)
        widths[i] = min(w, share)
        left -= widths[i]
    return widths


SOURCE_COLUMNS = (
    ("  published", FIXED), ("stance", FIXED), ("article", ID), ("speaker", TEXT), ("via", TEXT)
)


def print_claims(console: Console, claims: Iterable[Any]) -> None:
    """Each claim as a heading (id, status, what, status over time) over a table of its sources."""
    for c in claims:
        where = c.date.value if c.date else ""
        head = Text(f"{c.id}  ", style="bold cyan")
        head.append(c.status.upper(), style="bold red" if c.contradictions else "bold green")
        head.append(f"  {c.summary}" + (f" ({where})" if where else ""), style="bold")
        history = " -> ".join(f"{h.status} {h.day or 'undated'}" for h in c.history)
        head.append(f"\n  status over time: {history}", style="dim")
        if c.origins:
            head.append("\n  " + "; ".join(origins_line(x) for x in c.origins), style="dim")
        if c.contradictions:
            pro = ", ".join(dict.fromkeys(x.supports.name for x in c.contradictions))
            con = ", ".join(dict.fromkeys(x.denies.name for x in c.contradictions))
            head.append(f"\n  contradicted: {pro}  vs  {con}", style="red")
        rows = []
        for s in c.sources:
            copies = f" +{len(s.copies)}" if s.copies else ""
            speaker = f"{s.speaker.name} [{s.speaker.kind}]"
            rows.append(["  " + (s.published or "undated"), s.stance, s.article + copies, speaker,
                         " > ".join(s.via)])
        lines = table_lines(SOURCE_COLUMNS, rows, console.width, blank_after=True)
        if lines is None:
            console.print(head)
            console.print(make_table(SOURCE_COLUMNS, rows, console.width))
            console.print()
        else:  # the same three, printed at once (a print costs as much again as a claim's lines)
            console.print(head, lines)


def origins_line(count: Any) -> str:
    """One side's independent origins and reports: "for: 2 origins, 7 reports"."""
    o, r = count.origins, count.reports
    return f"{count.side}: {o} origin{'s' * (o != 1)}, {r} report{'s' * (r != 1)}"


def events_table(events: Sequence[Any], width: int) -> Table:
    """Ledger events one per line; `*` marks a contradicted status."""
    rows = [
        [e.id, e.status + ("*" if e.contradicted else ""), e.date, e.articles, e.sources,
         e.last_published, e.summary]
        for e in events
    ]
    columns = [("event", ID), ("status", FIXED), ("date", FIXED), ("arts", FIXED), ("srcs", FIXED),
               ("last seen", FIXED), ("what", TEXT)]
    table = make_table(columns, rows, width, title="Ledger events")
    if any(e.contradicted for e in events):
        table.caption = "* contradicted: some sources assert what others deny"
        table.caption_justify = "left"
    return table


def entities_table(entities: Sequence[Any], width: int) -> Table:
    """Entities with their ids (for --actor), CAMEO actor codes, aliases, roles and affiliations."""
    rows = [
        [e.id, e.name, e.type, e.cameo, e.articles, ", ".join(e.aliases),
         "; ".join(dict.fromkeys(r.text for r in e.roles)), ", ".join(e.affiliations)]
        for e in entities
    ]
    columns = [("id", ID), ("name", TEXT), ("type", FIXED), ("cameo", FIXED), ("arts", FIXED),
               ("aliases", TEXT), ("roles", TEXT), ("affiliations", TEXT)]
    return make_table(columns, rows, width, title="Entities")


def timeline_table(event: str, entries: Sequence[Any], width: int) -> Table:
    """Every statement on one event in publication order, with the status after each."""
    rows = [
        [t.day or "undated", t.stance, t.status_after, t.article, f"{t.speaker.name} [{t.speaker.kind}]",
         " > ".join(t.via), t.title or ""]
        for t in entries
    ]
    columns = [("published", FIXED), ("stance", FIXED), ("status after", FIXED), ("article", ID),
               ("speaker", TEXT), ("via", TEXT), ("title", TEXT)]
    return make_table(columns, rows, width, title=f"Timeline of {event}")


def search_table(text: str, hits: Sequence[Any], width: int) -> Table:
    """Articles matching a search, best first, with a one-line snippet."""
    rows = [[h.article, h.published, h.title, h.snippet.replace("\n", " ")] for h in hits]
    columns = [("article", ID), ("published", FIXED), ("title", TEXT), ("snippet", TEXT)]
    return make_table(columns, rows, width, title=f"Articles matching {text!r}")
