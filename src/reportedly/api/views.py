"""View data: what each page shows, as plain JSON-ready dicts.

The HTML page and its `/api` twin call the same function here and get the same dict: the
template renders it, the API returns it. Everything is read through the `Ledger` API
(`reportedly.open`) and its extension `reportedly.api.queries`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from reportedly.api import queries
from reportedly.api.highlight import article_href, entity_href, event_href, marks, segments
from reportedly.api.network import layout
from reportedly.api.relaygraph import layout as relay_layout
from reportedly.errors import ReportedlyError
from reportedly.ledger.api import Ledger
from reportedly.ledger.records import Claim
from reportedly.model import Lead, to_dict

# Rows on one page when the request gives no limit, and the most it may ask for.
DEFAULT_PAGE = 50
MAX_PAGE = 500
# Hits on one search page when the request gives no limit: a search is read from the top (search
# engines show 10-20), and each hit's snippet is cut from its whole text (on PostgreSQL
# `ts_headline`: 10-18 ms for 50 hits on a million-event ledger under load).
SEARCH_PAGE = 20
# Rows in the overview's lists: a glance, not a listing.
OVERVIEW_ROWS = 10
# Counterparts drawn in an entity's network: more than this is unreadable on one ring.
NETWORK_SIZE = 16
# Entities listed next to article hits on the search page.
SEARCH_ENTITIES = 10
# Stances grouped on the ledger page: for, against, and the rest (non-committal, questions).
STANCE_GROUPS = (("for", ("assert", "confirm")), ("against", ("deny",)))
OTHER_GROUP = "non_committal"
STATUSES = (
    "asserted",
    "reported",
    "offered",
    "hypothetical",
    "negated",
    "unconfirmed",
    "denied",
    "confirmed",
    "disputed",
)
# What the CAMEO sector codes stand for (CAMEO codebook 1.1b3, actor codes: the domestic and
# primary role codes, religions), shown beside an entity's code; a code not here is shown bare.
SECTOR_NAMES = {
    "AGR": "agriculture", "BUD": "Buddhist", "BUS": "business", "CHR": "Christian", "COP": "police",
    "CRM": "criminal", "CVL": "civilians", "DEV": "development", "EDU": "education", "ELI": "elites",
    "ENV": "environment", "GOV": "government", "HIN": "Hindu", "HLH": "health", "HRI": "human rights",
    "IGO": "intergovernmental organization", "INS": "insurgents", "JEW": "Jewish", "JUD": "judiciary",
    "LAB": "labor", "LEG": "legislature", "MED": "media", "MIL": "military", "MOD": "moderate",
    "MUS": "Muslim", "NGO": "non-governmental organization", "OPP": "opposition", "PTY": "political party",
    "RAD": "radical", "REB": "rebels", "REF": "refugees", "REL": "religious", "SEP": "separatists",
    "SPY": "intelligence", "UAF": "armed group (unaligned)",
}  # fmt: skip
# Link schemes an article's source URL may have to be shown as a link (anything else is text).
SAFE_SCHEMES = ("http", "https")


class NotFound(ReportedlyError):
    """No article, event or entity with that id."""


@dataclass(frozen=True, slots=True)
class Page:
    """Which slice of a listing a request asks for."""

    limit: int = DEFAULT_PAGE
    offset: int = 0

    def wrap(self, total: int, items: list[Any], *, exact: bool = True) -> dict[str, Any]:
        """The slice with its position in the whole listing; `exact` False when `total` is a lower
        bound (a count stopped at a cap: there are more)."""
        return {
            "total": total,
            "total_exact": exact,
            "limit": self.limit,
            "offset": self.offset,
            "items": items,
            "next": self.offset + self.limit if self.offset + self.limit < total or not exact else None,
            "prev": max(self.offset - self.limit, 0) if self.offset > 0 else None,
        }


def group_sources(
    claim: Claim, as_dicts: list[dict[str, Any]] | None = None
) -> dict[str, list[dict[str, Any]]]:
    """A claim's sources split into for, against and non-committal, each in publication order.

    Args:
        claim: the ledger event.
        as_dicts: `to_dict` of `claim.sources` when the caller has it already (a disputed claim
            can have dozens of sources, and a page fifty claims).
    """
    groups: dict[str, list[dict[str, Any]]] = {name: [] for name, _ in STANCE_GROUPS}
    groups[OTHER_GROUP] = []
    dicts = as_dicts if as_dicts is not None else [to_dict(s) for s in claim.sources]
    for src, data in sorted(
        zip(claim.sources, dicts, strict=True), key=lambda p: (p[0].published or "", p[0].article)
    ):
        name = next((g for g, stances in STANCE_GROUPS if src.stance in stances), OTHER_GROUP)
        groups[name].append({**data, "href": article_href(src.article)})
    return groups


def contradiction_groups(claim: Claim) -> list[dict[str, list[str]]]:
    """A claim's contradicting pairs folded into "these speakers vs those": every supporter
    contradicted by the same deniers shares one line (7 for and 3 against is one line, not 21)."""
    denied_by: dict[str, list[str]] = {}
    for pair in claim.contradictions:
        deniers = denied_by.setdefault(pair.supports.name, [])
        if pair.denies.name not in deniers:
            deniers.append(pair.denies.name)
    lines: dict[tuple[str, ...], list[str]] = {}
    for supporter, deniers in denied_by.items():
        lines.setdefault(tuple(deniers), []).append(supporter)
    return [{"supports": supporters, "denies": list(deniers)} for deniers, supporters in lines.items()]


def claim_view(claim: Claim) -> dict[str, Any]:
    """One ledger event with links, its sources grouped by stance and its contradictions folded."""
    out: dict[str, Any] = to_dict(claim)
    out["href"] = event_href(claim.id)
    out["groups"] = group_sources(claim, out["sources"])
    out["contradiction_groups"] = contradiction_groups(claim)
    for ref in (*out["actors"], *out["recipients"], out["host"], out["mediator"]):
        if ref is not None:
            ref["href"] = entity_href(ref["id"])
    return out


def overview(ledger: Ledger) -> dict[str, Any]:
    """Counts, the latest disputed claims and the latest articles."""
    counts = queries.counts(ledger)
    disputed = [
        {**to_dict(e), "href": event_href(e.id)}
        for e in ledger.events(status="disputed", limit=OVERVIEW_ROWS)
    ]
    recent = queries.recent_articles(ledger, limit=OVERVIEW_ROWS)
    leads = queries.article_leads(ledger, [a.id for a in recent])
    articles = [
        {**to_dict(a), "href": article_href(a.id), "lead": lead_line(leads.get(a.id))} for a in recent
    ]
    return {
        "counts": {**to_dict(counts), "by_status": dict(counts.by_status)},
        "disputed": disputed,
        "articles": articles,
    }


def claims(
    ledger: Ledger,
    page: Page,
    *,
    actor: str | None = None,
    type: str | None = None,  # noqa: A002
    status: str | None = None,
    since: str | None = None,
) -> dict[str, Any]:
    """The claim ledger, filtered, one page of it."""
    filters = {"actor": actor, "type": type, "status": status, "since": since}
    found = queries.claims_page(ledger, **filters, limit=page.limit, offset=page.offset)
    total, exact = capped_count(lambda cap: queries.count_events(ledger, **filters, cap=cap), page)
    return {
        "filters": filters,
        "types": queries.event_types(ledger),
        "statuses": list(STATUSES),
        **page.wrap(total, [claim_view(c) for c in found], exact=exact),
    }


def capped_count(count: Callable[[int], int], page: Page) -> tuple[int, bool]:
    """A count stopped at `queries.COUNT_CAP` (or just past this page, deeper), and whether it is
    exact: beyond the cap the page says "10,000+", as GitHub's search does.

    Args:
        count: counts what is listed no further than its argument plus one (`count_events(cap=)`,
            or `Ledger.count_matches(cap=)` for a caller of the API): a count that stops costs what
            counting the cap costs.
        page: the page asked for.
    """
    cap = max(queries.COUNT_CAP, page.offset + page.limit)
    found = count(cap)
    return min(found, cap), found <= cap


def event(ledger: Ledger, event_id: str, page: Page) -> dict[str, Any]:
    """One ledger event: its claim, the timeline of stances, and every article mention."""
    claim = ledger.claim(event_id)
    if claim is None:
        raise NotFound(f"no ledger event {event_id!r}")
    timeline = [{**to_dict(t), "href": article_href(t.article)} for t in ledger.timeline(claim.id)]
    total, rows = queries.mentions(ledger, claim.id, limit=page.limit, offset=page.offset)
    mentions = [{**to_dict(m), "href": article_href(m.article, f"ev-{m.event}")} for m in rows]
    view = claim_view(claim)
    titles = {t["article"]: t.get("title") for t in timeline}
    # syndicated copies carry no stance of their own, so no timeline entry: their titles in one query
    copies = sorted({c for s in claim.sources for c in s.copies} - set(titles))
    titles.update(queries.article_titles(ledger, copies))
    graph = relay_layout(view["sources"], titles, _origin_names(ledger, claim))
    return {
        "claim": view,
        "timeline": timeline,
        "mentions": page.wrap(total, mentions),
        "relay_graph": to_dict(graph),
    }


def _origin_names(ledger: Ledger, claim: Claim) -> dict[str, str]:
    """Names of the origins no source speaks as: the organization a spokesman speaks for."""
    speaking = {s.speaker.entity for s in claim.sources}
    out = {}
    for s in claim.sources:
        if s.speaker.entity is not None and s.origin != s.speaker.entity and s.origin not in speaking:
            ent = queries.ledger_entity(ledger, s.origin)
            if ent is not None:
                out[s.origin] = ent.name
    return out


def entities(ledger: Ledger, page: Page, *, name: str | None = None) -> dict[str, Any]:
    """People, organizations and places, most mentioned first."""
    found = ledger.entities(name=name, limit=page.limit, offset=page.offset)
    items = [{**to_dict(e), "href": entity_href(e.id)} for e in found]
    return {"filters": {"name": name}, **page.wrap(queries.count_entities(ledger, name=name), items)}


def entity(ledger: Ledger, entity_id: str, page: Page) -> dict[str, Any]:
    """One entity: aliases, dated roles, its events by role, and its counterpart network."""
    ent = queries.ledger_entity(ledger, entity_id)
    if ent is None:
        raise NotFound(f"no entity {entity_id!r}")
    events = []
    for claim in queries.claims_page(ledger, actor=ent.id, limit=page.limit, offset=page.offset):
        roles = [
            r
            for r, refs in (
                ("actor", claim.actors),
                ("recipient", claim.recipients),
                ("host", (claim.host,)),
                ("mediator", (claim.mediator,)),
            )
            if any(ref is not None and ref.id == ent.id for ref in refs)
        ]
        events.append({**claim_view(claim), "roles": roles})
    network = layout(ent.id, ent.name, queries.counterparts(ledger, ent.id, limit=NETWORK_SIZE))
    total = queries.count_events(ledger, actor=ent.id)
    return {
        "entity": to_dict(ent),
        "events": page.wrap(total, events),
        "network": to_dict(network),
        # Counterparts are counted over a sample of a busy entity's events: the page says so.
        "network_sample": queries.COUNTERPART_EVENTS if total > queries.COUNTERPART_EVENTS else None,
    }


def lead_line(lead: Lead | None) -> str | None:
    """The article's lead as one line, "who what, when, in where", or None without a who or a what."""
    if lead is None or (lead.who is None and lead.what is None):
        return None
    line = " ".join(p.text for p in (lead.who, lead.what) if p is not None)
    if lead.when is not None:
        line += f", {lead.when.value or lead.when.text}"
    if lead.where is not None:
        line += f", in {lead.where.name or lead.where.text}"
    return line


def article(ledger: Ledger, article_id: str) -> dict[str, Any]:
    """One article: its text cut into highlighted segments, annotations, dateline, removed lines."""
    art = ledger.article(article_id)
    if art is None:
        raise NotFound(f"no article {article_id!r}")
    entity_ids = queries.article_entity_ids(ledger, art.id)
    event_ids = queries.article_event_ids(ledger, art.id)
    url = art.source.url
    link = url if url and urlsplit(url).scheme.lower() in SAFE_SCHEMES else None
    ents = [
        {
            "id": e.id,
            "name": e.name,
            "type": e.type,
            "ledger": entity_ids.get(e.id),
            "href": entity_href(entity_ids[e.id]) if e.id in entity_ids else None,
        }
        for e in art.entities
    ]
    evs = [
        {
            **to_dict(e),
            "ledger": event_ids.get(e.id),
            "href": event_href(event_ids[e.id]) if e.id in event_ids else None,
        }
        for e in art.events
    ]
    return {
        "article": {
            "id": art.id,
            "title": art.title,
            "published": art.published,
            "language": art.language,
            "source": to_dict(art.source),
            "link": link,
            "dateline": to_dict(art.dateline),
            "author": art.author,
            "duplicate_of": art.duplicate_of,
            "skipped": art.skipped,
            "removed": to_dict(art.removed),
            "lead": to_dict(art.lead),
            "lead_line": lead_line(art.lead),
        },
        "segments": to_dict(segments(art.text, marks(art, entity_ids, event_ids))),
        "entities": ents,
        "attributions": to_dict(art.attributions),
        "events": evs,
    }


def search(ledger: Ledger, text: str, page: Page) -> dict[str, Any]:
    """Articles matching the words (full text), and entities whose name holds them."""
    text = text.strip()
    if not text:
        return {"q": "", "entities": [], "matches": 0, "matches_exact": True, **page.wrap(0, [])}
    found, ranked = ledger.search_ranked(text, limit=page.limit, offset=page.offset)
    hits = [{**to_dict(h), "href": article_href(h.article)} for h in found]
    ents = [
        {"id": e.id, "name": e.name, "type": e.type, "articles": e.articles, "href": entity_href(e.id)}
        for e in ledger.entities(name=text, limit=SEARCH_ENTITIES)
    ]
    # the ranked window holds every match when it is not full, and is a lower bound when it is: no
    # count of its own (a rare conjunction's count cost as much as its ranking on PostgreSQL), except
    # that a full window asks whether one more match exists, so exactly `window` matches read exact
    window = queries.search_window(ledger)
    exact = ranked < window or ledger.count_matches(text, cap=window) <= window
    return {
        "q": text,
        "entities": ents,
        "matches": ranked,  # every match when exact; else at least this many ("1,000+")
        "matches_exact": exact,
        # pages go through the ranked matches: `total` is exact
        **page.wrap(ranked, hits),
    }
