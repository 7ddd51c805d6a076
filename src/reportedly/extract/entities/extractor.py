"""Entities: mentions grouped into real-world entities, with roles and affiliations.

`extract_entities(doc, ctx)` is the stage's one entry point. The work is split by concern:
mentions.py (what is a mention, capitals by context), names.py (when two names are one person),
clusters.py (grouping), roles.py (titles from the parse), places.py (geonames), references.py (short
references such as "the organization", "the PM" or "he", only when unambiguous), placenames.py
(places the parser typed as a person, organization or people, retyped where the text supports the
place), sectors.py (companies, outlets, schools by name or by what they do). Records hold plain values.

Entity fields: `id` "e1", "e2", ... in order of first mention; `mentions` every span of it in the text;
`type` PERSON | ORG | GPE | LOC | NORP | FAC; `kind` one of person, organization, government, media,
armed_group, international_organization, place (a country is `government` when the text makes it act -
subject of a verb, "Russian officials", "Moscow is ready" - and `place` otherwise); `kb_id` the gazetteer
id or None; `country` ISO-3; `geonameid` for places and countries.
"""

from __future__ import annotations

import re

import pycountry
from spacy.tokens import Doc

from reportedly import registry
from reportedly.extract.entities.clusters import Cluster, acts_as_government, cluster_mentions
from reportedly.extract.entities.codes import code_entities
from reportedly.extract.entities.mentions import Mention, acronym_definitions, collect_mentions
from reportedly.extract.entities.parties import agent_entities, find_agent_mentions
from reportedly.extract.entities.placenames import retype_places
from reportedly.extract.entities.references import resolve_references
from reportedly.extract.entities.roles import find_roles
from reportedly.extract.entities.sectors import acts_as_media
from reportedly.extract.places import country_of_adjective, frame_location, resolve_place
from reportedly.gazetteer import Gazetteer, GazetteerEntry, load_gazetteer
from reportedly.model import Affiliation, DocContext, Entity, Role, Span
from reportedly.nlp.doctext import doc_ents, doc_text

YEAR_RE = re.compile(r"\b(19[5-9]\d|20\d\d)\b")
KIND_BY_LABEL = {"PERSON": "person", "ORG": "organization", "GPE": "place", "LOC": "place", "FAC": "place"}
# Role heads for which a nationality adjective names the person's employer ("the Russian envoy").
GOV_ROLE_HEADS = frozenset(
    {
        "envoy",
        "ambassador",
        "minister",
        "official",
        "diplomat",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "president",
        "premier",
        "representative",
        "negotiator",
        "secretary",
        "chancellor",
        "consul",
        "attache",
        "emissary",
    }
)


def reference_date(doc: Doc, ctx: DocContext) -> str | None:
    """The article's date for dated gazetteer facts: published, else the dateline's, else the latest year
    the text names ("In November 2021"), else None."""
    if ctx.published:
        return ctx.published
    if ctx.dateline and ctx.dateline.date and not ctx.dateline.date.startswith("-"):
        return ctx.dateline.date
    years = [m.group(1) for e in doc_ents(doc) if e.label_ == "DATE" for m in YEAR_RE.finditer(e.text)]
    return max(years) if years else None


def resolve_government_phrases(mentions: list[Mention], gaz: Gazetteer, date: str | None) -> list[Mention]:
    """ "Afghan authorities" -> the actor the gazetteer says governed Afghanistan on the article's date, but
    only when the article itself names that actor; otherwise the phrase stays a mention of the country."""
    if date is None:
        return mentions
    named = {m.kb for m in mentions if m.kb and not m.kb.startswith("cty:")}
    out = []
    for m in mentions:
        if m.how == "officials" and m.kb and m.kb.startswith("cty:"):
            rulers = [e.id for e in gaz.governing(m.kb[4:], date) if e.id in named]
            if len(rulers) == 1:
                m = Mention(
                    m.start, m.end, m.text, "ORG", m.tok_start, m.tok_end, rulers[0], None, m.how, True
                )
        out.append(m)
    return out


def extract_entities(doc: Doc, ctx: DocContext) -> list[Entity]:
    """The entities of one article, in order of first mention.

    Args:
        doc: the article parsed by `make_nlp` (its gazetteer files are stamped on `doc._`).
        ctx: what else is known of the article (date, dateline).

    Returns:
        Entity records with ids "e1", "e2", ...; mentions are offsets into `doc.text`.
    """
    files = doc._.rp_gazetteer_files if Doc.has_extension("rp_gazetteer_files") else ()
    gaz = load_gazetteer(tuple(files))
    mentions = collect_mentions(doc, gaz)
    defined = {mentions[a].text: mentions[b].text for a, b in acronym_definitions(doc, mentions).items()}
    date = reference_date(doc, ctx)
    mentions = resolve_government_phrases(mentions, gaz, date)
    clusters = cluster_mentions(mentions, gaz, defined)
    clusters = retype_places(doc, resolve_references(doc, clusters, gaz, date), gaz)
    ids = {id(c): f"e{i}" for i, c in enumerate(clusters, 1)}
    by_kb = _by_kb(clusters)  # once per article, not once per entity
    entities = [_build(doc, c, ids, clusters, gaz, by_kb) for c in clusters]
    entities += _dateline_agency(entities, ctx, gaz)
    entities += _agent_parties(doc, clusters, ids, entities, ctx, gaz)
    frame = frame_location(ctx.dateline, gaz)
    return code_entities(entities, gaz, date, doc_text(doc), frame.country if frame else None)


registry.extractors.register("extractors.entities.v1", func=extract_entities)


def _valid_iso3(code: str | None) -> str | None:
    return code if code and len(code) == 3 and pycountry.countries.get(alpha_3=code) else None


def _name(c: Cluster, entry: GazetteerEntry | None) -> str:
    if entry:
        return entry.name
    names = [m.text for m in c.mentions if m.how == "name"] or [m.text for m in c.mentions]
    return max(names, key=lambda n: (len(n.split()), len(n))) if c.label in ("PERSON", "ORG") else names[0]


def _kind(doc: Doc, c: Cluster, entry: GazetteerEntry | None) -> str | None:
    if entry and entry.id.startswith("cty:"):
        return "government" if any(acts_as_government(m) for m in c.mentions) else "place"
    if entry and c.label == "PERSON":
        return "person"  # also for a person the gazetteer files among armed groups or governments
    if entry:
        return entry.kind
    names = [(m.tok_start, m.tok_end) for m in c.mentions if m.how == "name"]
    if c.label == "ORG" and acts_as_media(doc, names):
        return "media"  # "ABC News reported", "told ABC News" (entities/sectors.py)
    return KIND_BY_LABEL.get(c.label)


def _build(doc: Doc, c: Cluster, ids: dict[int, str], clusters: list[Cluster], gaz: Gazetteer,
           by_kb: dict[str, Cluster]) -> Entity:
    entry = gaz.get(c.kb) if c.kb else None
    place = next((m.place for m in c.mentions if m.place), None)
    if place is None and entry and entry.id.startswith("cty:"):
        place = resolve_place(entry.name, gaz)
    mentions = tuple(Span(m.start, m.end, m.text) for m in sorted(c.mentions, key=lambda m: m.start))
    roles = _roles(doc, c, clusters) if c.label == "PERSON" else ()
    return Entity(
        id=ids[id(c)],
        name=_name(c, entry),
        type=entry.type if entry and c.label != "PERSON" else c.label,
        kb_id=c.kb,
        aliases=tuple(dict.fromkeys(m.text for m in mentions if _is_name(c, m))),
        roles=roles,
        affiliations=_affiliations(doc, c, roles, ids, clusters, gaz, entry, by_kb),
        mentions=mentions,
        kind=_kind(doc, c, entry),
        country=_valid_iso3(entry.country if entry else None) or (place.country if place else None),
        geonameid=place.geonameid if place else None,
    )


def _is_name(c: Cluster, span: Span) -> bool:
    return any(m.start == span.start and m.how != "reference" for m in c.mentions)


def _roles(doc: Doc, c: Cluster, clusters: list[Cluster]) -> tuple[Role, ...]:
    entity_tokens = frozenset(i for k in clusters for m in k.mentions for i in range(m.tok_start, m.tok_end))
    # A role naming another person is a parse of a list or a cast ("Andre Iguodala, Andre Miller"), no title.
    others = [m for k in clusters if k is not c and k.label == "PERSON" for m in k.mentions]
    found: dict[str, Role] = {}
    for m in sorted(c.mentions, key=lambda m: m.start):
        if m.how == "name":
            for role in find_roles(doc, m.tok_start, m.tok_end, entity_tokens):
                if not any(role.start <= o.start < role.end for o in others):
                    found.setdefault(role.text.casefold(), role)
    return tuple(found.values())


def _cluster_at(clusters: list[Cluster], start: int, end: int) -> Cluster | None:
    for c in clusters:
        if any(start <= m.start and m.end <= end for m in c.mentions):
            return c
    return None


def _affiliations(
    doc: Doc,
    c: Cluster,
    roles: tuple[Role, ...],
    ids: dict[int, str],
    clusters: list[Cluster],
    gaz: Gazetteer,
    entry: GazetteerEntry | None,
    by_kb: dict[str, Cluster],
) -> tuple[Affiliation, ...]:
    found: dict[str, Affiliation] = {}

    def add(target: Cluster | None, name: str, start: int | None, end: int | None) -> None:
        if target is c:
            return
        key = ids[id(target)] if target else name
        if key not in found:
            found[key] = Affiliation(
                name=_name(target, gaz.get(target.kb) if target.kb else None) if target else name,
                entity=ids[id(target)] if target else None,
                start=start,
                end=end,
            )

    for role in roles:
        for other in clusters:
            for m in other.mentions:
                if role.start <= m.start and m.end <= role.end and _affiliating(doc, other, m):
                    add(other, m.text, role.start, role.end)
        head = doc.char_span(role.start, role.end, alignment_mode="expand")
        if head is not None and head.root.lemma_.lower() in GOV_ROLE_HEADS:
            for ent in (e for e in doc_ents(doc) if e.label_ == "NORP" and head.start <= e.start < head.end):
                iso3 = country_of_adjective(ent.text, gaz)
                if iso3:
                    add(
                        by_kb.get(f"cty:{iso3}"),
                        gaz.country(iso3).name if gaz.country(iso3) else iso3,  # type: ignore[union-attr]
                        role.start,
                        role.end,
                    )
    for role_fact in entry.roles if entry else ():
        org = role_fact.get("org")
        if org in by_kb:
            add(by_kb[org], "", None, None)
    if entry and entry.kind == "government" and not entry.id.startswith("cty:") and entry.country:
        country = gaz.country(entry.country)
        add(by_kb.get(f"cty:{entry.country}"), country.name if country else entry.country, None, None)
    return tuple(found.values())


def _by_kb(clusters: list[Cluster]) -> dict[str, Cluster]:
    """The article's clusters by gazetteer id; a country's government, when the article has it apart
    from the place, wins over the place: it is what a person serves."""
    governs = {id(k): any(acts_as_government(m) for m in k.mentions) for k in clusters}
    return {k.kb: k for k in sorted(clusters, key=lambda k: governs[id(k)]) if k.kb}


def _affiliating(doc: Doc, other: Cluster, m: Mention) -> bool:
    """An organization inside a role is the person's affiliation; a country only after "of" or as a
    possessor ("President of Russia", "Russia's envoy"), not "envoy for Afghanistan"."""
    if other.label in ("ORG",) or (other.kb and not other.kb.startswith("cty:") and other.label != "PERSON"):
        return True
    if other.kb and other.kb.startswith("cty:"):
        before = doc[m.tok_start - 1].lower_ if m.tok_start > 0 else ""
        after = doc[m.tok_end].text if m.tok_end < len(doc) else ""
        return before == "of" or after in ("'s", "’s")
    return False


def _dateline_agency(entities: list[Entity], ctx: DocContext, gaz: Gazetteer) -> list[Entity]:
    """The agency of the dateline ("(ANI):") as an entity, when the body never names it: it relays every
    claim of the article. It has no mention in the body (the dateline is not part of `text`)."""
    agency = ctx.dateline.agency if ctx.dateline else None
    if not agency:
        return []
    found = gaz.lookup(agency, kind="media")
    kb = found[0].id if len(found) == 1 or (found and found[0].ruler) else None
    if any(e.kb_id == kb and kb or e.name == agency for e in entities):
        return []
    entry = gaz.get(kb) if kb else None
    return [
        Entity(
            id=f"e{len(entities) + 1}",
            name=entry.name if entry else agency,
            type="ORG",
            kb_id=kb,
            aliases=(agency,),
            roles=(),
            affiliations=(),
            mentions=(),
            kind="media",
            country=_valid_iso3(entry.country if entry else None),
        )
    ]


def _agent_parties(doc: Doc, clusters: list[Cluster], ids: dict[int, str], entities: list[Entity],
                   ctx: DocContext, gaz: Gazetteer) -> list[Entity]:
    """Parties named by a common noun ("armed men", "Turkish troops"), after the named entities
    (entities/parties.py); their country is a nationality adjective's, else the article's frame."""
    covered = {i: ids[id(c)] for c in clusters for m in c.mentions for i in range(m.tok_start, m.tok_end)}
    country_ids = {c.kb[4:]: ids[id(c)] for c in clusters if c.kb and c.kb.startswith("cty:")}
    country_of = {
        i: c.kb[4:]
        for c in clusters
        if c.kb and c.kb.startswith("cty:")
        for m in c.mentions
        for i in range(m.tok_start, m.tok_end)
    }
    frame = frame_location(ctx.dateline, gaz)
    frame_country = frame.country if frame else None
    if frame_country is None and len(country_ids) == 1:
        frame_country = next(iter(country_ids))  # the one country the article names
    armed = any(e.kind == "armed_group" for e in entities)
    found = find_agent_mentions(doc, covered, country_of, frame_country, armed, gaz)
    names = {m.country: e.name for m in found if m.country and (e := gaz.country(m.country))}
    return agent_entities(found, len(entities) + 1, country_ids, names)
