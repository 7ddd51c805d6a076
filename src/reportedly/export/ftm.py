"""`ftm`: FollowTheMoney entities, one JSON object per line, made with `followthemoney`'s own model so
every property is cleaned and checked as Aleph and `ftm` will read it.

- People (`Person`), organizations (`Organization`, governments as `PublicBody`), countries and other
  places an event involves (`PublicBody` with a jurisdiction, `LegalEntity`), with aliases, ISO
  countries, positions, the gazetteer's `wikidataId`, the CAMEO actor code as `classification`
  ("RUSGOV") and its sector as `sector` ("GOV").
- One `Article` per stored article (title, publication date, URL, publisher, language, text), and one
  `Mention` per entity named in an article (`document` -> the article, `resolved` -> the entity):
  where each entity was read.
- One `Event` per ledger event: `involved` holds every actor, recipient, host and mediator,
  `organizer` the host, `proof` the reporting articles, `date` the event's (partial) date, `country`
  where it happened.

Ids are the ledger's with `_` turned into `-` (`ev_3f2a` -> `ev-3f2a`): FtM ids allow only letters,
digits, `.` and `-`, and silently drops links to ids outside that pattern.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from typing import Any, TextIO

from reportedly.export.common import (
    EXPORT_LIMIT,
    ActorInfo,
    ExportContext,
    iso2,
    register_exporter,
    write_lines,
)
from reportedly.ledger.api import Ledger
from reportedly.ledger.records import Claim
from reportedly.model import Article

SCHEMAS = {"PERSON": "Person", "ORG": "Organization", "NORP": "Organization", "GPE": "PublicBody"}
# Gazetteer kinds that make an organization a public body.
PUBLIC_KINDS = {"government", "international_organization"}
_NOT_ID = re.compile(r"[^0-9a-zA-Z.-]+")


def ftm_id(ledger_id: str) -> str:
    """An FtM-valid id for a ledger id: `_` (and anything else outside [0-9a-zA-Z.-]) becomes `-`."""
    return _NOT_ID.sub("-", ledger_id).strip("-.")


def _schema(info: ActorInfo) -> str:
    kind = info.entity.kind if info.entity else None
    if kind in PUBLIC_KINDS:
        return "PublicBody"
    return SCHEMAS.get(info.type, "LegalEntity")


def _entity(info: ActorInfo) -> dict[str, Any]:
    from followthemoney import model

    proxy = model.make_entity(_schema(info))
    proxy.id = ftm_id(info.id)
    proxy.add("name", info.name)
    country = iso2(info.country)
    proxy.add("country", country)
    if info.type == "GPE":
        proxy.add("jurisdiction", country)
    proxy.add("wikidataId", info.qid)
    proxy.add("classification", info.cameo)
    proxy.add("sector", info.sector)
    if info.entity is not None:
        proxy.add("alias", [a for a in info.entity.aliases if a != info.name])
        if proxy.schema.name == "Person":
            proxy.add("position", sorted({r.text for r in info.entity.roles}))
    return dict(proxy.to_dict())


def _involved(claim: Claim) -> list[str]:
    refs = [*claim.actors, *claim.recipients, claim.host, claim.mediator]
    return list(dict.fromkeys(r.id for r in refs if r is not None))


def _event(claim: Claim, ctx: ExportContext) -> dict[str, Any]:
    from followthemoney import model

    proxy = model.make_entity("Event")
    proxy.id = ftm_id(claim.id)
    proxy.add("name", claim.summary or claim.type)
    proxy.add("summary", f"{claim.type} ({claim.status}), {len(claim.sources)} sources")
    proxy.add("involved", [ftm_id(i) for i in _involved(claim)])
    if claim.host is not None:
        proxy.add("organizer", ftm_id(claim.host.id))
    proxy.add("date", claim.date.value if claim.date else None)
    if claim.location is not None:
        proxy.add("location", claim.location.name or claim.location.text)
        proxy.add("country", iso2(claim.location.country))
    articles = sorted({m.article for m in claim.mentions})
    proxy.add("proof", [ftm_id(a) for a in articles])
    proxy.add("sourceUrl", [u for u in (ctx.url(a) for a in articles) if u])
    proxy.add("keywords", [claim.type, claim.status, *([claim.cameo] if claim.cameo else [])])
    return dict(proxy.to_dict())


def _article(article: Article) -> dict[str, Any]:
    from followthemoney import model

    proxy = model.make_entity("Article")
    proxy.id = ftm_id(article.id)
    proxy.add("title", article.title)
    proxy.add("publishedAt", article.published)
    proxy.add("sourceUrl", article.source.url)
    proxy.add("publisher", article.dateline.agency if article.dateline else None)
    proxy.add("language", article.language)
    proxy.add("bodyText", article.text)
    return dict(proxy.to_dict())


def _mentions(article: Article, links: dict[str, str], ctx: ExportContext) -> Iterator[dict[str, Any]]:
    from followthemoney import model

    for entity in article.entities:
        ledger_id = links.get(entity.id)
        if ledger_id is None:
            continue
        proxy = model.make_entity("Mention")
        proxy.id = "mention-" + hashlib.sha1(f"{article.id}|{ledger_id}".encode()).hexdigest()
        proxy.add("name", entity.mentions[0].text if entity.mentions else entity.name)
        proxy.add("document", ftm_id(article.id))
        proxy.add("resolved", ftm_id(ledger_id))
        proxy.add("detectedSchema", _schema(ctx.actors[ledger_id]))
        yield dict(proxy.to_dict())


def to_ftm(ledger: Ledger) -> Iterator[dict[str, Any]]:
    """Every FtM entity of the ledger: actors, articles with their mentions, then events."""
    ctx = ExportContext.read(ledger)
    claims = ledger.claims(limit=EXPORT_LIMIT)
    involved = {i for c in claims for i in _involved(c)}
    exported = [i for i, info in ctx.actors.items() if info.type in SCHEMAS or i in involved]
    for entity_id in exported:
        yield _entity(ctx.actors[entity_id])
    keep = set(exported)
    for article in ledger.articles():
        yield _article(article)
        links = {k: v for k, v in ledger.article_entities(article.id).items() if v in keep}
        yield from _mentions(article, links, ctx)
    for claim in claims:
        yield _event(claim, ctx)


@register_exporter("exporters.ftm.v1", "ftm", "FollowTheMoney entities (actors, articles, mentions, events)")
def write_ftm(ledger: Ledger, out: TextIO) -> int:
    """The ledger as FollowTheMoney entities, one JSON object per line."""
    return write_lines(out, to_ftm(ledger))
