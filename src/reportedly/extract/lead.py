"""The article's lead: who did what, when, where, why and how (5W1H), read as a news lead is written.

A news story states its main event in its first sentence or two (the inverted pyramid), so the answers
are read there, from the parse, with general rules of lead structure:

- what: the main clause's verb phrase (a reporting verb's reported clause when the lead is "X said Y
  did Z"), linked to the coded event whose trigger it holds;
- who: that clause's subject (the `by` agent of a passive), linked to the entity it mentions; the
  name a title stands before; when the subject names a thing (a race, a building), the first named
  person or organization that is a clause's subject in the lead;
- when: the first point in time (not a length of time) of the lead, then of the next paragraph,
  normalized against the published date; else the dateline's date, else the published date (marked
  by `source`);
- where: the lead's first locative place (a named event as a setting), not the who itself, a party's
  affiliation nor a person's origin; a whole country narrowed to a place in it that the next
  paragraph names; else the dateline's place (marked by `source`);
- why: a cause or purpose clause or phrase on the main verb ("because", "after", "as", "due to",
  "amid", "over", "to" + verb);
- how: a means or manner phrase on the main verb ("by", "with", "using").

A pure function over the analyzed Doc and the article's records; no word list is tuned to a data set.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from spacy.tokens import Doc, Span, Token

from reportedly.extract.cues import SPEECH_VERBS
from reportedly.extract.events.dating import WEEKDAY, context_year, date_index, normalize
from reportedly.extract.places import country_place
from reportedly.model import DocContext, Entity, Event, Lead, LeadPart
from reportedly.model import Span as TextSpan

__all__ = ["extract_lead", "LEAD_SENTENCES"]

# The body's first sentences read as the lead (a one-line first paragraph is often a teaser).
LEAD_SENTENCES = 3
# A lead sentence has at least this many words (skips bylines, "UPDATE:", photo credits).
MIN_SENTENCE_WORDS = 4
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
# Dependents of a noun phrase left out of a short who: clauses and asides about the subject.
ASIDE_DEPS = frozenset({"relcl", "acl", "appos", "punct", "advcl", "cc", "conj", "prep"})
# Clause markers and prepositions of cause and purpose (why), and of means and manner (how).
WHY_MARKS = frozenset({"because", "since", "as", "after", "following"})
WHY_PREPS = frozenset({"because", "due", "amid", "over", "after", "following", "owing"})
HOW_PREPS = frozenset({"by", "with", "using", "through", "via"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# A named event is the setting of what happens at or in it ("at the Brazilian Grand Prix"); spaCy often
# labels such names WORK_OF_ART.
SETTING_LABELS = frozenset({"EVENT", "WORK_OF_ART"})
# Prepositions that place an event (a locative adjunct) and those that say where a person comes from.
LOCATIVE_PREPS = frozenset({"in", "at", "near", "on", "outside", "inside", "across", "around", "into",
                            "off", "throughout", "within", "towards", "toward"})
# Locative prepositions whose object is an area the event is in (not "at" or "into" a target).
AREA_PREPS = frozenset({"in", "near", "on", "inside", "outside", "around", "across", "throughout", "within"})
# Names of parties (who acts) and of things (a race, a building, a law: not a party).
PARTY_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE"})
THING_LABELS = frozenset({"EVENT", "WORK_OF_ART", "FAC", "PRODUCT", "LAW", "LOC"})
# A length of time ("over 100 hours", "a four-day operation", "five-year-old") is not a when.
DURATION = re.compile(
    r"^(?:(?:over|about|around|nearly|almost|more than|less than|some|at least|the past|the last)\s+)?"
    r"(?:\d[\d.,]*|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|few|"
    r"a few|many|hundreds of|dozens of|thousands of|couple of|a couple of)?[\s-]*"
    r"(?:second|minute|hour|day|night|week|fortnight|month|year|decade)s?(?:[\s-]+old)?$",
    re.IGNORECASE)
# Body sentences searched for a date before the dateline and the published date: the lead and its
# next paragraph (the inverted pyramid puts the time there when the lead leaves it out).
WHEN_SENTENCES = 6
TIME_LABELS = frozenset({"DATE", "TIME"})
PRONOUNS = frozenset({"he", "she", "it", "they", "him", "her", "them", "his", "its", "their", "we", "i"})
# A what longer than this many tokens is cut at its last dependent that fits.
MAX_WHAT_TOKENS = 30


def extract_lead(doc: Doc, entities: Sequence[Entity], events: Sequence[Event], ctx: DocContext) -> Lead:
    """The article's 5W1H from its lead sentences, the entities and events found in it, and its
    dateline and published date (`ctx`). Every answer may be None."""
    sents = _lead_sentences(doc)
    verb = next((v for v in (_main_verb(s) for s in sents) if v is not None), None)
    who = what = why = how = None
    if verb is not None:
        subject = _subject(verb)
        thing = subject is not None and _names_a_thing(subject)
        actor = _acting_party(verb, subject, sents) if thing and subject is not None else None
        who = _who(actor or subject, entities, sents) if subject is not None else None
        what = _what(verb, subject, events)
        why = _adjunct(verb, WHY_MARKS, WHY_PREPS, purpose=True)
        how = _adjunct(verb, frozenset(), HOW_PREPS, purpose=False)
    first = verb.sent if verb is not None else None
    ordered = ([first] if first is not None else []) + [s for s in sents if s != first]
    later = [s for s in list(doc.sents)[:WHEN_SENTENCES] if s not in ordered]
    return Lead(who=who, what=what, when=_when(doc, ordered + later, ctx),
                where=_where(ordered, who, entities, ctx, ordered + later)
                or _where(list(doc.sents), who, entities, None),
                why=why, how=how)


def _lead_sentences(doc: Doc) -> list[Span]:
    out = []
    for sent in doc.sents:
        if sum(not t.is_punct and not t.is_space for t in sent) >= MIN_SENTENCE_WORDS:
            out.append(sent)
        if len(out) == LEAD_SENTENCES:
            break
    return out


def _main_verb(sent: Span) -> Token | None:
    """The verb whose clause states the sentence's event: the root, or the clause a reporting root
    reports ("Police said [a man was arrested]")."""
    root = sent.root
    if root.pos_ not in ("VERB", "AUX"):
        return None
    if root.lemma_.lower() in SPEECH_VERBS:
        reported = next((c for c in root.children if c.dep_ == "ccomp" and _subject(c) is not None), None)
        if reported is not None:
            return reported
    return root if _subject(root) is not None else None


def _subject(verb: Token) -> Token | None:
    subject = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)
    if subject is None and verb.dep_ == "conj":  # "... and dozens were injured": the first verb's subject
        return _subject(verb.head) if verb.head.pos_ in ("VERB", "AUX") else None
    if subject is not None and subject.dep_ == "nsubjpass":
        agent = next((c for c in verb.children if c.dep_ == "agent"), None)
        pobj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
        return pobj or subject
    return subject


def _phrase(head: Token) -> Span:
    """The noun phrase of `head` without its asides (relative clauses, appositions, prepositional
    phrases other than an `of` complement, itself cut the same way). A title or description followed
    by the name it stands for ("Williams' veteran driver Felipe Massa") is the name."""
    doc = head.doc
    name = next((c for c in head.rights if c.dep_ == "appos" and c.pos_ == "PROPN" and c.ent_type_ == "PERSON"
                 and not any(t.is_punct for t in doc[head.i + 1:c.i])), None)
    if name is not None and head.pos_ == "NOUN":
        return doc[name.left_edge.i:name.i + 1]
    left = head.left_edge.i
    right = head.i
    for child in head.rights:
        if child.dep_ in ASIDE_DEPS and not (child.dep_ == "prep" and child.lower_ == "of"):
            break  # "Thousands of farmers" keeps its complement; "a man from Ohio, who ..." does not
        if child.dep_ == "prep":
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            right = _phrase(obj).end - 1 if obj is not None else child.i
            break
        right = child.right_edge.i
    return doc[left:right + 1]


def _names_a_thing(subject: Token) -> bool:
    """Whether the subject's phrase names a thing (a race, a building, a product) and no party: "A
    chaotic Brazilian Grand Prix was suspended after Kimi Raikkonen crashed out"."""
    labels = {t.ent_type_ for t in _phrase(subject) if t.ent_type_}
    return bool(labels & THING_LABELS) and not labels & PARTY_LABELS


def _acting_party(verb: Token, subject: Token, sents: Sequence[Span]) -> Token | None:
    """The first named person or organization that is the subject of a clause in the lead, the main
    clause's own subordinate clauses first."""
    candidates = [t for t in verb.subtree if t.dep_ in SUBJECT_DEPS and t != subject]
    candidates += [t for s in sents for t in s if t.dep_ in SUBJECT_DEPS and t not in candidates]
    return next((t for t in candidates if t.ent_type_ in ("PERSON", "ORG")), None)


def _part(span: Span | Token, **fields: object) -> LeadPart:
    if isinstance(span, Token):
        span = span.doc[span.i:span.i + 1]
    while len(span) > 1 and (span[-1].is_space or span[-1].is_punct):
        span = span[:-1]
    return LeadPart(text=span.text, start=span.start_char, end=span.end_char, **fields)  # type: ignore[arg-type]


def _ents_in(sent: Span, doc_ents: Sequence[Span]) -> list[Span]:
    """`sent.ents` from the Doc's entities read once: `Span.ents` rebuilds every entity of the Doc on
    each call (entities never overlap, so those within the sentence are the same)."""
    return [ent for ent in doc_ents if ent.start >= sent.start and ent.end <= sent.end]


def _entity_at(start: int, end: int, entities: Iterable[Entity]) -> Entity | None:
    for entity in entities:
        if any(m.start < end and start < m.end for m in entity.mentions):
            return entity
    return None


def _who(subject: Token, entities: Sequence[Entity], sents: Sequence[Span]) -> LeadPart:
    """The subject's phrase and entity. A pronoun or a definite description ("the teenager", "The
    company") stands for a party the lead names: its own entity's name when it is linked to one, else
    the first person or organization the lead sentences name."""
    span = _phrase(subject)
    own = _entity_at(subject.idx, subject.idx + len(subject.text), entities)
    if any(t.pos_ == "PROPN" for t in span) or not _stands_for_a_name(subject):
        entity = own or _entity_at(span.start_char, span.end_char, entities)
        return _part(span, entity=entity.id if entity else None)
    parties = [own] if own is not None else [e for e in entities if e.type in ("PERSON", "ORG")]
    named = _named_in(sents, parties)
    if named is None:
        return _part(span, entity=own.id if own else None)
    return LeadPart(text=named[1].text, start=named[1].start, end=named[1].end, entity=named[0].id)


def _stands_for_a_name(subject: Token) -> bool:
    if subject.pos_ == "PRON":
        return subject.lower_ not in ("some", "many", "most", "all", "we", "you", "i", "one", "none")
    return any(c.dep_ == "poss" or c.lower_ in ("the", "this", "that") for c in subject.children
               if c.i < subject.i)


def _named_in(sents: Sequence[Span], entities: Sequence[Entity]) -> tuple[Entity, TextSpan] | None:
    """The first mention by name (not a pronoun or a description) of one of `entities` in `sents`."""
    best: tuple[Entity, TextSpan] | None = None
    for entity in entities:
        for mention in entity.mentions:
            if not mention.text[:1].isupper() or mention.text.lower() in PRONOUNS:
                continue
            if any(s.start_char <= mention.start < s.end_char for s in sents) and (
                    best is None or mention.start < best[1].start):
                best = (entity, mention)
    return best


def _what(verb: Token, subject: Token | None, events: Sequence[Event]) -> LeadPart:
    """The verb phrase: the verb (with its auxiliaries after the subject), its objects and complements,
    up to the first clause or phrase set off by a comma, or a why/how/when adjunct."""
    doc = verb.doc
    left = verb.i
    for child in verb.lefts:
        if child.dep_ in ("aux", "auxpass", "neg") and (subject is None or child.i > subject.right_edge.i):
            left = min(left, child.i)
    right = verb.i
    for child in verb.rights:
        if child.dep_ in ("punct", "advcl", "mark", "cc") or _is_adjunct(child):
            break
        if child.right_edge.i - left >= MAX_WHAT_TOKENS:
            break
        right = child.right_edge.i
    span = doc[left:right + 1]
    event = next((e.id for e in events if e.trigger is not None
                  and e.trigger.start < span.end_char and span.start_char < e.trigger.end), None)
    return _part(span, event=event)


def _is_adjunct(child: Token) -> bool:
    """A prepositional phrase of time, cause or means: said in its own answer, not in what."""
    word = child.lower_
    if child.dep_ == "prep" and (word in WHY_PREPS or word in HOW_PREPS):
        return True
    return child.dep_ in ("prep", "npadvmod") and any(t.ent_type_ in TIME_LABELS for t in child.subtree)


def _adjunct(verb: Token, marks: frozenset[str], preps: frozenset[str], purpose: bool) -> LeadPart | None:
    """The first clause or phrase on the main verb (or a verb coordinated with it) introduced by one of
    `marks` (a subordinate clause) or `preps` (a prepositional phrase); with `purpose`, also an
    infinitive clause of purpose ("to protest ...")."""
    verbs = [verb, *(c for c in verb.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX"))]
    for head in verbs:
        for child in head.rights:
            if child.dep_ == "advcl":
                mark = next((c for c in child.children if c.dep_ in ("mark", "aux")), None)
                if mark is not None and (mark.lower_ in marks or (purpose and mark.tag_ == "TO")):
                    return _part(child.doc[child.left_edge.i:child.right_edge.i + 1])
                if not purpose and child.tag_ == "VBG" and child.lower_ in preps:
                    return _part(child.doc[child.i:child.right_edge.i + 1])
            if child.dep_ == "prep" and child.lower_ in preps and len(list(child.children)):
                return _part(child.doc[child.i:child.right_edge.i + 1])
    return None


def _when(doc: Doc, sents: Sequence[Span], ctx: DocContext) -> LeadPart | None:
    dates = date_index(doc)
    year = context_year(dates)
    doc_ents = doc.ents
    for sent in sents:
        for ent in _ents_in(sent, doc_ents):
            if ent.label_ not in TIME_LABELS or (ent.text.isdigit() and len(ent.text) != 4):
                continue  # a bare number tagged DATE is an age or a count ("Collett, 62,")
            if DURATION.match(ent.text.strip()):
                continue  # a length of time, not a point in it ("after over 100 hours")
            clock = ent.label_ == "TIME" and not WEEKDAY.search(ent.text)
            # A time of day ("at around 6am") is on the day of publication.
            value = ctx.published if clock else normalize(ent.text, ctx.published, year)
            if value is not None:
                return _part(ent, value=value)
    if ctx.dateline is not None and ctx.dateline.date and not ctx.dateline.date.startswith("--"):
        return LeadPart(text=ctx.dateline.date, start=None, end=None, source="dateline",
                        value=ctx.dateline.date)
    if ctx.published:
        return LeadPart(text=ctx.published, start=None, end=None, source="published", value=ctx.published)
    return None


def _where(sents: Sequence[Span], who: LeadPart | None, entities: Sequence[Entity],
           ctx: DocContext | None, refine: Sequence[Span] = ()) -> LeadPart | None:
    """The place of the lead's event: in the first sentence that names one, the first place named as
    a locative adjunct ("in Croydon", "at a soaking Brazilian Grand Prix": a named event is a
    setting), else the first named at all; never the who, a party the entity extractor typed (an
    organization), a party's affiliation ("Yemen's Houthi group") nor where a person comes from ("a
    man from Beckenham"). A whole country the event is "in" gives way to a place in it that `refine`
    (the next paragraph) names as a locative, as a story narrows from "in China" to the town. Else
    (with `ctx`) the dateline's place."""
    found = _places(sents, who, entities)
    if found:
        best, prep = found[0]
        if prep == "in" and _is_country(best):
            inner = [p for p, where in _places(refine, who, entities)
                     if where and p.country == best.country and not _is_country(p)]
            return inner[0] if inner else best
        return best
    dateline = ctx.dateline if ctx is not None else None
    if dateline is not None and dateline.place:
        return LeadPart(text=dateline.place, start=None, end=None, source="dateline", name=dateline.place,
                        country=dateline.country)
    return None


def _places(sents: Sequence[Span], who: LeadPart | None,
            entities: Sequence[Entity]) -> list[tuple[LeadPart, str | None]]:
    """The places `_where` may answer in `sents`, each with its locative preposition (or None): by
    sentence, and in a sentence locative adjuncts first, each in text order."""
    out: list[tuple[LeadPart, str | None]] = []
    doc_ents = sents[0].doc.ents if sents else ()
    for sent in sents:
        locative: list[tuple[LeadPart, str | None]] = []
        other: list[tuple[LeadPart, str | None]] = []
        for ent in _ents_in(sent, doc_ents):
            prep = _locative_prep(ent)
            setting = ent.label_ in SETTING_LABELS and prep in ("in", "at")
            if (ent.label_ not in PLACE_LABELS and not setting) or _is_the(ent, who) or _origin(ent):
                continue  # the subject ("China said ...") is the who, not the where
            entity = _entity_at(ent.start_char, ent.end_char, entities)
            if entity is not None and entity.type not in PLACE_LABELS and not setting:
                continue  # the entity extractor read the name as a party ("Mondelez International")
            span = _place_phrase(ent)
            if entity is None or setting:
                part = _part(span, name=ent.text)
            else:
                part = _part(span, name=entity.name, country=entity.country, geonameid=entity.geonameid)
            (locative if setting or prep else other).append((part, prep))
        out += locative + other
    return out


def _is_country(part: LeadPart) -> bool:
    country = country_place(part.country) if part.country else None
    return country is not None and part.geonameid is not None and country.geonameid == part.geonameid


def _place_phrase(ent: Span) -> Span:
    """The place's phrase: the name, or the common noun it locates when that noun is itself the object
    of a locative preposition ("in [a village in central China]", "near [the Sandilands stop in
    Croydon]")."""
    prep = ent.root.head if ent.root.dep_ == "pobj" else None
    if prep is None or prep.lower_ != "in" or prep.head.pos_ != "NOUN" or prep.head.dep_ != "pobj":
        return ent
    if prep.head.head.lower_ not in AREA_PREPS:
        return ent  # "fired at a ship in the Red Sea": the ship is a target, the Red Sea the place
    return ent.doc[prep.head.left_edge.i:ent.end]


def _locative_prep(ent: Span) -> str | None:
    """The locative preposition whose object the name is ("in London", "in a village in central
    China", "in the Saudi city of Jeddah"), or None."""
    head = ent.root
    while head.dep_ in ("pobj", "conj", "appos") and head.head.i != head.i:
        head = head.head
        if head.dep_ == "prep" or head.pos_ == "ADP":
            if head.lower_ == "of" and head.head.dep_ == "pobj":
                head = head.head  # "the city of Jeddah": the city's own preposition
                continue
            return head.lower_ if head.lower_ in LOCATIVE_PREPS else None
    return None


def _origin(ent: Span) -> bool:
    """Whether the name says where a party comes from or belongs, not where the event is: "a
    42-year-old man, from Beckenham", "the envoy for Afghanistan", "Yemen's Houthi group"."""
    head = ent.root
    if head.dep_ == "poss":
        return True
    noun = head.head
    if head.dep_ in ("compound", "amod") and noun.dep_ == "appos" and noun.head.ent_type_ == "PERSON":
        return True  # "Dane Chinnery, a 19-year-old Crystal Palace fan": a description of a person
    prep = head.head if head.dep_ == "pobj" else None
    return prep is not None and prep.lower_ in ("from", "for") and prep.head.pos_ in ("NOUN", "PROPN", "PRON")


def _is_the(ent: Span, part: LeadPart | None) -> bool:
    """Whether the name is the answer `part` itself ("China" in "China said"), not a place named inside
    it ("Dozens of rescuers in China", "The Brazilian Grand Prix")."""
    return part is not None and part.start is not None and part.end is not None and (
        ent.start_char <= part.start and part.end <= ent.end_char)
