"""An article's text cut into segments between annotation offsets, for highlighting.

Article text is untrusted. Nothing here builds HTML: each segment carries its raw text and the
template escapes it (Jinja autoescape), so no markup in an article can ever reach the page as
markup. Links are built only from ledger ids, never from article text.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from reportedly.model import Article


@dataclass(frozen=True, slots=True)
class Mark:
    """One annotation over `text[start:end]`."""

    start: int
    end: int
    kind: str  # entity | speaker | cue | quote | trigger
    href: str | None = None
    title: str | None = None
    anchor: str | None = None  # an element id for the first segment of this mark
    entity: str | None = None  # ledger entity id (the page's script highlights its other mentions)


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of text under the same annotations."""

    text: str
    classes: tuple[str, ...] = ()
    href: str | None = None
    title: str | None = None
    anchor: str | None = None
    entity: str | None = None


def entity_href(entity_id: str) -> str:
    """The entity page of a ledger entity."""
    return f"/entities/{quote(entity_id, safe='')}"


def event_href(event_id: str) -> str:
    """The event page of a ledger event."""
    return f"/events/{quote(event_id, safe='')}"


def article_href(article_id: str, anchor: str | None = None) -> str:
    """The article page, optionally at an element id."""
    return f"/articles/{quote(article_id, safe='')}" + (f"#{quote(anchor, safe='')}" if anchor else "")


def marks(article: Article, entity_ids: dict[str, str], event_ids: dict[str, str]) -> list[Mark]:
    """Every annotation of an article: entity mentions, attributions, event triggers.

    Args:
        article: a stored article.
        entity_ids: the article's entity ids mapped to ledger entity ids.
        event_ids: the article's event ids mapped to ledger event ids.

    Returns:
        the marks, in no particular order.
    """
    out: list[Mark] = []
    for ent in article.entities:
        lid = entity_ids.get(ent.id)
        out += [
            Mark(
                m.start,
                m.end,
                "entity",
                entity_href(lid) if lid else None,
                f"{ent.name} ({ent.type})",
                entity=lid,
            )
            for m in ent.mentions
        ]
    for att in article.attributions:
        said = f"{att.speaker.text}: {att.stance}" + (
            f" via {' > '.join(r.text for r in att.via)}" if att.via else ""
        )
        if att.speaker.start is not None and att.speaker.end is not None:
            out.append(
                Mark(att.speaker.start, att.speaker.end, "speaker", title=said, anchor=f"att-{att.id}")
            )
        out.append(Mark(att.cue.start, att.cue.end, "cue", title=said))
        out.append(Mark(att.content.start, att.content.end, f"quote stance-{_token(att.stance)}", title=said))
    for ev in article.events:
        lid = event_ids.get(ev.id)
        if ev.trigger is not None:
            out.append(
                Mark(
                    ev.trigger.start,
                    ev.trigger.end,
                    "trigger",
                    event_href(lid) if lid else None,
                    f"{ev.type} ({ev.status})",
                    anchor=f"ev-{ev.id}",
                )
            )
    return out


def segments(text: str, marks: list[Mark]) -> list[Segment]:
    """Cut `text` at every mark boundary; each piece gets the classes of the marks covering it.

    The link of a piece is that of the narrowest linked mark covering it. Marks with offsets
    outside the text are dropped.

    Args:
        text: the article text.
        marks: annotations with offsets into `text`.

    Returns:
        segments whose texts join back to `text` exactly.
    """
    valid = [m for m in marks if 0 <= m.start < m.end <= len(text)]
    cuts = sorted({0, len(text), *(m.start for m in valid), *(m.end for m in valid)})
    starting: dict[int, list[Mark]] = {}
    for m in valid:
        starting.setdefault(m.start, []).append(m)
    active: list[Mark] = []
    out: list[Segment] = []
    for left, right in zip(cuts, cuts[1:], strict=False):
        active = [m for m in active if m.end > left] + starting.get(left, [])
        if not active:
            out.append(Segment(text[left:right]))
            continue
        linked = sorted((m for m in active if m.href), key=lambda m: m.end - m.start)
        first = [m.anchor for m in active if m.anchor and m.start == left]
        classes = tuple(dict.fromkeys(c for m in active for c in m.kind.split()))
        titled = sorted((m for m in active if m.title), key=lambda m: m.end - m.start)
        out.append(
            Segment(
                text[left:right],
                classes,
                linked[0].href if linked else None,
                titled[0].title if titled else None,
                first[0] if first else None,
                linked[0].entity if linked else None,
            )
        )
    return out


def _token(value: str) -> str:
    """A value safe to use inside a class name."""
    return "".join(c if c.isalnum() else "_" for c in value)
