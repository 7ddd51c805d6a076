"""Terminal tables for analyzed articles. Article text is untrusted: it is always passed as Text,
never as rich markup, so "[bold]" in an article prints as itself."""

from __future__ import annotations

import re

from rich.console import Console
from rich.table import Table
from rich.text import Text

from reportedly.cli.tables import FIXED, ID, TEXT, make_table
from reportedly.model import Article, Attribution, Entity, Event

# Longest content shown in a table cell before it is cut with an ellipsis.
MAX_CELL_CHARS = 160


# Characters that act on a terminal instead of printing (escape sequences, bells, backspaces, bidi
# overrides that reorder what is shown): file names and article text are untrusted.
_ACTIVE = "\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff"
_ACTIVE_IN_LINE = re.compile(f"[{_ACTIVE}\n\t]")
_ACTIVE_IN_CELL = re.compile(f"[{_ACTIVE}]")


def printable(text: str, *, one_line: bool = True) -> str:
    """`text` with every terminal-active character written as its escape ("\\x1b", "\\u202e");
    `one_line` escapes line breaks and tabs too (a failure is one line)."""
    pattern = _ACTIVE_IN_LINE if one_line else _ACTIVE_IN_CELL
    return pattern.sub(lambda m: m.group().encode("unicode_escape", "backslashreplace").decode("ascii"), text)


def _t(value: object) -> Text:
    return Text("" if value is None else printable(str(value), one_line=False))


def _cut(text: str, limit: int = MAX_CELL_CHARS) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def render_article(console: Console, article: Article) -> None:
    """Print one article: its metadata, then entities, attributions and events as tables."""
    head = Table(show_header=False, box=None, pad_edge=False, title=_t(article.title or "(untitled)"),
                 title_justify="left", title_style="bold")
    head.add_column(style="dim")
    head.add_column()
    dateline = article.dateline
    where = ", ".join(x for x in (dateline.place, dateline.country, dateline.agency) if x) if dateline else ""
    rows = [
        ("id", article.id),
        ("source", article.source.path or article.source.url),
        ("published", article.published),
        ("language", article.language),
        ("dateline", f"{dateline.text}  →  {where}" if dateline else None),
        ("removed", "; ".join(f"{r.text!r} ({r.reason})" for r in article.removed) or None),
        ("duplicate of", article.duplicate_of),
        ("skipped", article.skipped),
    ]
    for key, value in rows:
        if value is not None:
            head.add_row(_t(key), _t(value))
    console.print(head)
    if article.entities:
        console.print(entity_table(article.entities, console.width))
    if article.attributions:
        console.print(attribution_table(article.attributions, article.entities, console.width))
    if article.events:
        console.print(event_table(article.events, article.entities, article.attributions, console.width))
    console.print()


def entity_table(entities: tuple[Entity, ...], width: int = 80) -> Table:
    """Entities with their aliases, roles and affiliations."""
    rows = [
        [ent.name, ent.type, ent.kb_id or "", ", ".join(a for a in ent.aliases if a != ent.name),
         "; ".join(r.text for r in ent.roles), ", ".join(a.name for a in ent.affiliations)]
        for ent in entities
    ]
    columns = [("name", TEXT), ("type", FIXED), ("kb", ID), ("aliases", TEXT), ("roles", TEXT),
               ("affiliations", TEXT)]
    return make_table(columns, rows, width, title="Entities")


def chain(att: Attribution, names: dict[str, str]) -> str:
    """ "Zamir Kabulov → TASS → Tolo News → ANI": the speaker, then each relay outwards."""
    speaker = names.get(att.speaker.entity or "", att.speaker.text)
    return " → ".join([speaker, *(names.get(r.entity or "", r.text) for r in att.via)])


def attribution_table(atts: tuple[Attribution, ...], entities: tuple[Entity, ...], width: int = 80) -> Table:
    """Each claim with its speaker, relay chain, cue, stance and content (cut to one line)."""
    names = {e.id: e.name for e in entities}
    rows = [
        [att.stance, "yes" if att.direct else "", att.speaker.kind, att.cue.text, chain(att, names),
         _cut(att.content.text)]
        for att in atts
    ]
    columns = [("stance", FIXED), ("direct", FIXED), ("kind", FIXED), ("cue", TEXT), ("chain", TEXT),
               ("content", TEXT)]
    return make_table(columns, rows, width, title="Attributions")


def event_table(events: tuple[Event, ...], entities: tuple[Entity, ...],
                atts: tuple[Attribution, ...], width: int = 80) -> Table:
    """Events with their type, arguments, place, date, status and sources."""
    names = {e.id: e.name for e in entities}
    speakers = {a.id: names.get(a.speaker.entity or "", a.speaker.text) for a in atts}

    def who(ids: tuple[str, ...]) -> str:
        return ", ".join(names.get(i, i) for i in ids)

    rows = []
    for ev in events:
        sources = "; ".join(f"{speakers.get(s.attribution or '', 'article')}: {s.stance}" for s in ev.sources)
        rows.append([
            ev.type + (f" ({ev.mode})" if ev.mode else ""), ev.cameo or "", ev.status,
            ev.date.value or "" if ev.date else "", who(ev.actors), who(ev.recipients),
            names.get(ev.mediator or "", ev.mediator or ""),
            (ev.location.name or ev.location.text) if ev.location else "", sources,
            _cut(ev.evidence[0].text, 80) if ev.evidence else "",
        ])
    columns = [("type", FIXED), ("cameo", FIXED), ("status", FIXED), ("when", FIXED), ("actors", TEXT),
               ("recipients", TEXT), ("mediator", TEXT), ("where", TEXT), ("sources", TEXT),
               ("evidence", TEXT)]
    return make_table(columns, rows, width, title="Events")
