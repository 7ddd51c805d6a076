"""Entity mentions: the named spans of a Doc, typed, cleaned and linked to the gazetteer where exact.

What becomes a mention (decisions documented here, tested in tests/extract/entities/):
- PERSON, ORG, GPE, LOC, FAC spans of the NER (statistical + gazetteer ruler), a leading "the" dropped.
- "<Org> officials" ("Islamic Emirate officials") and "<Country adj> officials / authorities / government"
  ("Russian officials", "new Afghan authorities", "Afghanistan's authorities"): the whole phrase is a mention
  of the organization or country (a country's authorities may resolve to the actor governing it, in
  entities.py). A bare nationality adjective ("the Russian envoy") is an attribute, not a mention.
- Capitals by context: a capital that acts - subject of an active verb ("Moscow denied", "Washington said"),
  of a predicate of will ("Moscow is ready"), possessor, agent or party of an act ("Moscow's decision", "a
  demand by Moscow", "sanctions imposed by Washington", "talks with Moscow", "to talk with Moscow") - is the
  country's government (metonymy); anywhere else ("in Moscow", "visits to Moscow", "Moscow was hit",
  "Moscow is a city", "Moscow's streets") it is the place. The same test makes a country act.
- A span the model cut before a place ("the Gulf of" + "Aden") is joined to it; a lone title abbreviation
  ("Dr", "Gen"), a common acronym ("DUI", "CEO") or a portfolio inside a title ("Defence" in "Defence
  Minister X", "State" in "Secretary of State") is no mention; a country tagged NORP ("border with
  Tajikistan") is the country.
- Spans the model mistypes are retyped by exact lookups only: an ORG/PERSON span that is exactly a country
  or a gazetteer region becomes GPE ("Balkh", "Mali" tagged PERSON), never one that merely shares a city's
  name ("Obama", a town in Japan); a lone nationality adjective tagged PERSON ("Tajik") is an attribute;
  an ORG span naming a person is retyped in clusters.py by name matching.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from reportedly.extract.places import Place, country_of_adjective, country_place, resolve_place
from reportedly.gazetteer import Gazetteer
from reportedly.nlp.doctext import children, doc_ents, doc_text, tokens

ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC"})
# Nouns that turn an organization or a nationality into its people speaking for it.
OFFICIAL_NOUNS = frozenset(
    {
        "officials",
        "official",
        "authorities",
        "government",
        "administration",
        "regime",
        "leadership",
        "leaders",
        "diplomats",
    }
)
# ("Kremlin spokesman" is one person, a role of Peskov, not a mention of the Kremlin.)
# Of those, the ones that may stand after a nationality adjective as the country's government.
COUNTRY_GOV_NOUNS = frozenset(
    {
        "officials",
        "authorities",
        "government",
        "administration",
        "regime",
        "leadership",
        "leaders",
        "diplomats",
    }
)
# Adjectives kept in a government phrase: "new Afghan authorities", "interim Afghan government".
GOV_PHRASE_ADJS = frozenset({"new", "interim", "de", "facto", "caretaker", "transitional", "current"})
SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
# Predicates of will or stance: "Moscow is ready / willing / opposed" is the government speaking.
ACTOR_ADJECTIVES = frozenset(
    {
        "ready",
        "willing",
        "unwilling",
        "prepared",
        "keen",
        "eager",
        "determined",
        "reluctant",
        "opposed",
        "open",
        "committed",
        "concerned",
        "confident",
        "interested",
        "adamant",
        "firm",
    }
)
BE_FORMS = frozenset({"be", "is", "was", "are", "were", "been", "'s", "’s"})
# Verbs whose subject is a place even when it is a capital: "Kabul lies", "Moscow borders", "Kyiv shook".
PLACE_VERBS = frozenset(
    {
        "lie",
        "sit",
        "border",
        "stretch",
        "straddle",
        "overlook",
        "house",
        "swelter",
        "shiver",
        "shake",
        "flood",
    }
)
# Nouns whose possessor acts: "Moscow's decision" is the government's, "Moscow's streets" the city's.
ACT_NOUNS = frozenset(
    {
        "decision",
        "position",
        "stance",
        "response",
        "offer",
        "proposal",
        "demand",
        "demands",
        "invasion",
        "war",
        "policy",
        "refusal",
        "denial",
        "claim",
        "claims",
        "plan",
        "support",
        "threat",
        "move",
        "statement",
        "request",
        "warning",
        # dealings between states: "Moscow's talks", "talks with Pyongyang"
        "talks",
        "negotiations",
        "dialogue",
        "deal",
        "agreement",
        "relations",
        "ties",
        # the state's people: "Russia's envoy", "Moscow's ambassador"
        "envoy",
        "ambassador",
        "minister",
        "president",
        "government",
        "military",
        "army",
        "forces",
        "troops",
        "officials",
        "delegation",
        "spokesman",
        "spokeswoman",
        "secretary",
        "ministry",
        "action",
    }
)
# Portfolios the model tags ORG inside a title ("Defence Minister", "Secretary of State").
PORTFOLIOS = frozenset(
    {
        "defence",
        "defense",
        "foreign",
        "interior",
        "finance",
        "state",
        "justice",
        "health",
        "energy",
        "economy",
        "home",
        "trade",
        "agriculture",
        "education",
        "treasury",
        "homeland",
        "security",
        "affairs",
    }
)
PORTFOLIO_TITLES = frozenset({"minister", "secretary", "ministers", "secretaries"})
# Acronyms the model tags ORG that name no actor: offences, offices, measures ("suspicion of DUI").
NON_ENTITY_ACRONYMS = frozenset(
    {"DUI", "DWI", "OWI", "CEO", "CFO", "COO", "MVP", "GDP", "CPI", "IPO", "ATM", "SUV", "CCTV", "DNA", "PM"}
)
# Tags of a last token no name ends with, swept into a headline's PERSON span ("Ellen DeGeneres Returns").
NON_NAME_TAGS = frozenset({"NNS", "VBZ", "VBD", "VBN", "VBG", "VBP"})
# A verb or adverb the model swept into a headline's name ("Colts Beat", "Teixeira Reportedly Bumped").
HEADLINE_VERB_TAGS = frozenset({"VBZ", "VBD", "VBN", "VBG", "VBP", "RB"})
# Title abbreviations that the model sometimes tags alone ("Dr . Regina Benjamin" -> "Dr"): no mention.
LONE_TITLES = frozenset(
    {"dr", "mr", "mrs", "ms", "prof", "gen", "lt", "col", "maj", "capt", "sgt", "sen", "rev"}
)
POSSESSIVES = frozenset({"'s", "’s"})
# A PERSON/ORG span that is exactly the name of a city this large is the city ("arming Kyiv"); smaller
# towns share their names with people ("Obama", Japan; "Teixeira", Brazil).
RETYPE_CITY_POPULATION = 1_000_000
# Title abbreviations the model sweeps into an organization's span ("Oregon State Police Lt").
TRAILING_TITLES = frozenset(
    {
        "capt",
        "lt",
        "sgt",
        "gen",
        "col",
        "maj",
        "cmdr",
        "adm",
        "det",
        "insp",
        "supt",
        "cpl",
        "pvt",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "chief",
        "director",
    }
)


@dataclass(frozen=True, slots=True)
class Mention:
    """One mention of an entity: char offsets into doc.text, token offsets, and what is known of it."""

    start: int
    end: int
    text: str
    label: str
    tok_start: int
    tok_end: int
    kb: str | None = None
    place: Place | None = None
    how: str = "name"  # name | metonym | officials | reference
    agentive: bool = False  # subject of a verb: a country acting, not a place


def _mention(doc: Doc, start: int, end: int, label: str, **extra: object) -> Mention:
    span = doc[start:end]
    # Span.text joins every token's text; the Doc's text, kept once, holds the same characters
    text = doc_text(doc)[span.start_char:span.end_char] if end > start else span.text
    return Mention(span.start_char, span.end_char, text, label, start, end, **extra)  # type: ignore[arg-type]


def _trim(ent: Span) -> tuple[int, int]:
    """The span without a leading article, trailing punctuation or possessive ("Bettie Page:", "Meyer's"),
    and, for organizations, a trailing title the model swept in ("Woodburn Police Department Capt")."""
    start, end = ent.start, ent.end
    toks = tokens(ent.doc)  # toks[i] would make a new Token per read
    while start < end - 1 and toks[start].lower_ in ("the", "a", "an"):
        start += 1
    while end > start + 1 and (
        toks[end - 1].is_punct
        or toks[end - 1].text in POSSESSIVES
        or (ent.label_ == "ORG" and toks[end - 1].lower_.rstrip(".") in TRAILING_TITLES)
        or (ent.label_ == "PERSON" and end - start > 2 and toks[end - 1].tag_ in NON_NAME_TAGS)
        or (
            ent.label_ in ("PERSON", "ORG")
            and toks[end - 1].pos_ in ("VERB", "ADV")
            and toks[end - 1].tag_ in HEADLINE_VERB_TAGS
        )
    ):
        end -= 1
    return start, end


def _kb_for(ent: Span, text: str, gaz: Gazetteer) -> str | None:
    if ent.ent_id_ and gaz.get(ent.ent_id_):
        return ent.ent_id_
    found = [e for e in gaz.lookup(text) if not e.id.startswith("cty:")]
    curated = [e for e in found if e.ruler]
    pool = curated or found
    return pool[0].id if len({e.id for e in pool}) == 1 else None


# A name right after an opening bracket is an aside ("Kabul [Afghanistan]"), whatever the parser makes of it.
BRACKETS_OPEN = frozenset({"[", "("})


def _is_agentive(doc: Doc, start: int, end: int) -> bool:
    """Whether the span acts by its syntax: subject of an active verb that is no place verb, subject of a
    copula with a predicate of will, possessor, "by" agent or "with" party of an act noun, agent of a passive
    verb, or the "with" party of a verb (see the module docstring)."""
    if start > 0 and doc[start - 1].text in BRACKETS_OPEN:
        return False  # "Kabul [Afghanistan], (ANI):": a bracketed name is an aside, never a subject
    root = doc[start:end].root
    while root.dep_ == "conj" and root.head.i != root.i:  # "Moscow and Beijing said": the first conjunct's
        root = root.head
    head = root.head
    if any(_will_to_act(c) for c in children(root)):
        return True  # a headline drops the copula: "Russia ready to host talks"
    if root.dep_ in ("poss", "compound"):  # "Moscow's decision", "US military action", "US Secretary"
        return head.lemma_.lower() in ACT_NOUNS or head.lower_ in ACT_NOUNS
    if root.dep_ == "pobj" and head.lower_ in ("by", "with"):
        act = head.head
        if head.lower_ == "with" and act.pos_ == "VERB":  # the other party: "talk with Beijing"
            return (act.lemma_.lower() or act.lower_) not in PLACE_VERBS
        # the agent of an act ("imposed by Washington", "a demand by Berlin") or a party to it ("talks with
        # Pyongyang", "a deal with Tehran")
        return head.dep_ == "agent" or act.lemma_.lower() in ACT_NOUNS or act.lower_ in ACT_NOUNS
    if root.dep_ not in SUBJECT_DEPS or head.pos_ not in ("VERB", "AUX"):
        return False
    if (head.lemma_ or head.lower_) in BE_FORMS:
        return any(c.dep_ == "acomp" and c.lower_ in ACTOR_ADJECTIVES for c in children(head))
    if any(c.dep_ == "prt" for c in children(head)):
        return True  # "Pyongyang would not sit down with ...": a phrasal verb is an act
    return (head.lemma_.lower() or head.lower_) not in PLACE_VERBS


def _will_to_act(token: Token) -> bool:
    """An adjective of will with the act it wills: "ready to host" (the copula a headline drops)."""
    return token.dep_ in ("amod", "acomp") and token.lower_ in ACTOR_ADJECTIVES and any(
        c.dep_ == "xcomp" for c in children(token)
    )


def _gov_phrase(doc: Doc, start: int, end: int, nouns: frozenset[str]) -> tuple[int, int] | None:
    """The token range of "<X> officials" / "<X>'s authorities" / "new <X> authorities", if it follows."""
    j = end + (1 if end < len(doc) and doc[end].text in POSSESSIVES else 0)
    if j >= len(doc) or doc[j].lower_ not in nouns:
        return None
    first = start
    while first > 0 and doc[first - 1].lower_ in GOV_PHRASE_ADJS:
        first -= 1
    return first, j + 1


def _country_mention(doc: Doc, ent: Span, gaz: Gazetteer, iso3: str, place: Place | None) -> Mention | None:
    start, end = _trim(ent)
    phrase = _gov_phrase(doc, start, end, COUNTRY_GOV_NOUNS)
    if phrase:
        return _mention(doc, *phrase, "GPE", kb=f"cty:{iso3}", place=place, how="officials", agentive=True)
    if place is None:
        return None  # "the Russian envoy": an attribute of the envoy, not a mention of Russia
    return _mention(
        doc,
        start,
        end,
        "GPE",
        kb=f"cty:{iso3}" if gaz.country(iso3) else None,
        place=place,
        agentive=_is_agentive(doc, start, end),
    )


def _country_name_place(doc: Doc, ent: Span, start: int, end: int, iso3: str) -> Place | None:
    """The country when a GPE span of proper nouns is one of its names the geonames lists lack ("Britain",
    "UK": gazetteer aliases of the United Kingdom), None for a nationality adjective ("Russian", "Afghan")."""
    if ent.label_ != "GPE" or any(t.tag_ != "NNP" for t in doc[start:end]):
        return None
    root = doc[start:end].root
    if root.dep_ in ("amod", "compound") and root.head.pos_ == "NOUN":
        return None  # "A Nigerien army officer", "US troops": an attribute, as adjectives are
    return country_place(iso3)


def _portfolio_of_title(doc: Doc, start: int, end: int) -> bool:
    """ "Defence" in "Defence Minister X", "State" in "Secretary of State X": part of a title, no body."""
    if any(t.lower_ not in PORTFOLIOS for t in doc[start:end]):
        return False
    after = doc[end].lower_ if end < len(doc) else ""
    before = doc[start - 2 : start].text.lower() if start >= 2 else ""
    return after in PORTFOLIO_TITLES or before in ("secretary of", "minister of")


def mention_of(doc: Doc, ent: Span, gaz: Gazetteer, context: frozenset[str]) -> Mention | None:
    """The mention an NER span stands for, or None when it is no entity of ours (a nationality adjective).

    Args:
        doc: the parsed article.
        ent: one of `doc.ents`.
        gaz: the gazetteer.
        context: ISO-3 codes of the countries the article names (to settle ambiguous city names).
    """
    start, end = _trim(ent)
    text = doc[start:end].text
    if (
        ent.label_ in ("NORP", "ORG", "GPE") or (ent.label_ == "PERSON" and end - start == 1)
    ) and not ent.ent_id_:
        iso3 = country_of_adjective(text, gaz)
        if iso3 and not resolve_place(text, gaz):  # a nationality adjective, even one tagged ORG
            return _country_mention(doc, ent, gaz, iso3, _country_name_place(doc, ent, start, end, iso3))
    if ent.label_ == "NORP":
        country = resolve_place(text, gaz)
        if country is not None and country.is_country and country.country:
            return _country_mention(doc, ent, gaz, country.country, country)
        return _mention(doc, start, end, "NORP")
    if end - start == 1 and (doc[start].lower_.rstrip(".") in LONE_TITLES or text in NON_ENTITY_ACRONYMS):
        return None
    if ent.label_ == "ORG" and _portfolio_of_title(doc, start, end):
        return None
    kb = _kb_for(ent, text, gaz) if ent.label_ in ("ORG", "PERSON") else None
    place = None if kb else resolve_place(text, gaz, context)
    retype = (
        place is not None
        and (
            place.is_country
            or place.is_region
            or place.capital_of is not None  # a capital is no one's name ("Dushanbe" tagged ORG)
            or place.population >= RETYPE_CITY_POPULATION
        )
        and not [
            e for e in gaz.lookup(text) if not e.id.startswith("cty:")
        ]  # the country's own entry is fine
    )
    if place is not None and (ent.label_ in ("GPE", "LOC", "FAC") or retype):
        if place.is_country and place.country:
            return _country_mention(doc, ent, gaz, place.country, place)
        if place.capital_of and _is_agentive(doc, start, end):
            return _mention(
                doc, start, end, "GPE", kb=f"cty:{place.capital_of}", how="metonym", agentive=True
            )
        return _mention(doc, start, end, "LOC" if ent.label_ == "LOC" else "GPE", place=place)
    if ent.label_ == "ORG":
        phrase = _gov_phrase(doc, start, end, OFFICIAL_NOUNS)
        if phrase:
            return _mention(doc, *phrase, "ORG", kb=kb, how="officials", agentive=True)
    if ent.label_ in ("GPE", "LOC") and kb is None:
        kb = _kb_for(ent, text, gaz)
    return _mention(doc, start, end, ent.label_, kb=kb, agentive=_is_agentive(doc, start, end))


def _joined(ents: list[Span]) -> list[Span]:
    """Entity spans with a span ending in "of" joined to the entity right after it ("the Gulf of" + "Aden"
    -> "the Gulf of Aden"; the ruler pinned "Aden" and the model labelled the rest)."""
    out: list[Span] = []
    for ent in ents:
        prev = out[-1] if out else None
        if prev is not None and prev.end == ent.start and prev[-1].lower_ == "of" and len(prev) > 1:
            label = "LOC" if prev.label_ in ("LOC", "GPE", "FAC") else prev.label_
            out[-1] = Span(ent.doc, prev.start, ent.end, label=label)
        else:
            out.append(ent)
    return out


def collect_mentions(doc: Doc, gaz: Gazetteer) -> list[Mention]:
    """Every entity mention of the Doc, in text order.

    Args:
        doc: the parsed article (ents from the model and the gazetteer ruler).
        gaz: the gazetteer.

    Returns:
        mentions with char offsets into doc.text.
    """
    ents = _joined([e for e in doc_ents(doc) if e.label_ in ENTITY_LABELS])
    context = frozenset(
        p.country
        for e in ents
        if e.label_ == "GPE" and (p := resolve_place(e.text, gaz)) and p.is_country and p.country
    )
    out = [m for e in ents if (m := mention_of(doc, e, gaz, context)) is not None]
    return sorted(out, key=lambda m: (m.start, -m.end))


def acronym_definitions(doc: Doc, mentions: list[Mention]) -> dict[int, int]:
    """ "National Resistance Force (NRF)": index of the acronym's mention -> index of the long form's."""
    by_start = {m.tok_start: i for i, m in enumerate(mentions)}
    out = {}
    for i, m in enumerate(mentions):
        j = m.tok_end
        if j + 2 < len(doc) + 1 and j < len(doc) and doc[j].text == "(" and j + 1 in by_start:
            acr = mentions[by_start[j + 1]]
            if acr.tok_end < len(doc) and doc[acr.tok_end].text == ")" and acr.text.isupper():
                out[by_start[j + 1]] = i
    return out
