"""The article's lead: who did what, when, where, why and how (5W1H), read as a news lead is written.

A news story states its main event in its first sentence or two (the inverted pyramid), so the answers
are read there, from the parse, with general rules of lead structure:

- the main clause: the first clause of the lead (the inverted pyramid), unless its subject is a
  description or a pronoun ("The singer", "Some", "It") and a later clause of the first sentences has a
  who the headline names (a headline states the story's main event);
- what: the main clause's verb phrase (a reporting verb's reported clause when the lead is "X said Y
  did Z"), linked to the coded event whose trigger it holds;
- who: that clause's subject (the `by` agent of a passive), linked to the entity it mentions; the
  name a title stands before; when the subject names a thing (a race, a building), the first named
  person or organization that is a clause's subject in the lead. A person whose full name opens the
  headline ("Lady Gaga protests outside Trump Tower") is the who, at their first mention in the text;
  so is a person the headline names when no clause's who is named in it;
- when: the first point in time (not a length of time) of the lead, then of the next paragraph,
  normalized against the published date; else the dateline's date, else the published date (marked
  by `source`);
- where: the lead's first locative place (a named event as a setting), not the who itself, a party's
  affiliation nor a person's origin; a whole country narrowed to a place in it that the next
  paragraph names; else the dateline's place (marked by `source`), resolved in the gazetteer as the
  events' fallback location is (name, country, geonameid);
- why: a cause or purpose clause or phrase on the main verb ("because", "after", "as", "due to",
  "amid", "over", "to" + verb);
- how: a means or manner phrase on the main verb ("by", "with", "using").

A pure function over the analyzed Doc and the article's records; no word list is tuned to a data set.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from spacy.attrs import DEP, ENT_TYPE
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc, Span, Token

from reportedly.extract.cues import SPEECH_VERBS
from reportedly.extract.events.arguments import frame_event_location
from reportedly.extract.events.dating import WEEKDAY, context_year, date_index, normalize
from reportedly.extract.places import is_country_entry, resolve_place
from reportedly.gazetteer import load_gazetteer
from reportedly.model import DocContext, Entity, Event, Lead, LeadPart
from reportedly.model import Span as TextSpan
from reportedly.nlp.doctext import children, doc_ents, doc_text

__all__ = ["extract_lead", "LEAD_SENTENCES"]

# The body's first sentences read as the lead (a one-line first paragraph is often a teaser).
LEAD_SENTENCES = 3
# Sentences whose main clauses may be the lead's when the headline names their who: a lead paragraph
# is one to three sentences, often after a teaser or a photo caption.
CANDIDATE_SENTENCES = 5
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
# A headline's locative phrase with a proper name ("protests outside Trump Tower", "crash in Croydon"),
# and the word after it (a content word makes the name a modifier: "in Essequibo dispute").
HEADLINE_LOCATIVE = re.compile(
    r"\b(in|at|near|outside|inside)\s+(?:the\s+)?([A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)*)(?:\s+(\w+))?")
# Dependencies of a name that describes a noun rather than placing the event.
MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "npadvmod", "poss"})
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
WORD = re.compile(r"\w+", re.UNICODE)
THIRD_PERSON = frozenset({"he", "she", "it", "they"})
PRONOUNS = frozenset({"he", "she", "it", "they", "him", "her", "them", "his", "its", "their", "we", "i"})
# A what longer than this many tokens is cut at its last dependent that fits.
MAX_WHAT_TOKENS = 30


def extract_lead(doc: Doc, entities: Sequence[Entity], events: Sequence[Event], ctx: DocContext) -> Lead:
    """The article's 5W1H from its lead sentences, the entities and events found in it, its headline,
    dateline and published date (`ctx`). Every answer may be None."""
    sents = _lead_sentences(doc, CANDIDATE_SENTENCES)
    clauses = [v for v in (_main_verb(s) for s in sents) if v is not None]
    headline = _headline_words(ctx.title)
    verb, who, named = _main_clause(clauses, entities, sents[:LEAD_SENTENCES], headline)
    person, opens = _headline_person(entities, ctx.title or "")
    if person is not None and (opens or not named):  # a headline's own subject, or the person it names
        who = person
    what = why = how = None
    if verb is not None:
        what = _what(verb, _subject(verb), events)
        why = _adjunct(verb, WHY_MARKS, WHY_PREPS, purpose=True)
        how = _adjunct(verb, frozenset(), HOW_PREPS, purpose=False)
    first = verb.sent if verb is not None else None
    lead = sents[:LEAD_SENTENCES]
    ordered = ([first] if first is not None else []) + [s for s in lead if s != first]
    later = [s for s in list(doc.sents)[:WHEN_SENTENCES] if s not in ordered]
    headline_place = _headline_place(doc, who, entities, ctx.title)
    return Lead(who=who, what=what, when=_when(doc, ordered + later, ctx),
                where=_where(ordered, who, entities, ordered + later, headline_place, ctx.title or "")
                or _frame_where(doc, ctx) or _where(list(doc.sents), who, entities),
                why=why, how=how)


def _main_clause(clauses: Sequence[Token], entities: Sequence[Entity], sents: Sequence[Span],
                 headline: frozenset[str]) -> tuple[Token | None, LeadPart | None, bool]:
    """The lead's main clause, its who, and whether the headline names that who. The inverted pyramid
    puts the main event first, so the first clause is the main one when its who is a name or the
    headline names it. A first clause whose who is a description or a pronoun ("The singer", "Some",
    "It") gives way to the first clause of the lead sentences whose who (its subject, a passive's
    agent or patient) the headline names, as the headline states the story's main event. A subject
    that names a thing (a race, a building) gives way to the first named person or organization that
    is a clause's subject in the lead."""
    first: tuple[Token | None, LeadPart | None] = (clauses[0], None) if clauses else (None, None)
    for index, verb in enumerate(clauses):
        for subject in _subjects(verb):
            thing = _names_a_thing(subject)
            actor = _acting_party(verb, subject, sents) if thing else None
            who = _who(actor or subject, entities, sents)
            head = _name_of(actor or subject)
            if (actor is not None or not thing) and _in_headline(head, who, entities, headline):
                return verb, who, True
            if index == 0 and first[1] is None:
                first = (verb, who)
                if not headline or _is_named(head):
                    return (*first, False)  # a lead that names its party is its own main clause
    return (*first, False)


def _is_named(subject: Token) -> bool:
    """Whether the subject is a name (a proper noun or a named party) or a third-person pronoun for a
    party its own sentence names before ("Yemen's Houthi group said it had fired"), not a description
    or a pronoun without one."""
    if subject.pos_ == "PRON":  # "we", "I": a quotation's voice, not the lead's party
        before = subject.doc[subject.sent.start:subject.i]
        return subject.lower_ in THIRD_PERSON and any(t.ent_type_ in PARTY_LABELS for t in before)
    return subject.pos_ == "PROPN" or subject.ent_type_ in PARTY_LABELS


def _subjects(verb: Token) -> list[Token]:
    """Who may be said to act in the clause: its subject; for a passive with a `by` agent, the agent
    then the patient subject ("victims have been named by police")."""
    agent = _subject(verb)
    if agent is None:
        return []
    patient = next((c for c in children(verb) if c.dep_ == "nsubjpass"), None)
    return [agent] + ([patient] if patient is not None and patient != agent else [])


def _headline_words(title: str | None) -> frozenset[str]:
    """The headline's content words, lower-cased, a plural's -s dropped."""
    return frozenset(_stem(w) for w in WORD.findall((title or "").lower()) if w not in STOP_WORDS)


def _stem(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def _in_headline(subject: Token, who: LeadPart, entities: Sequence[Entity], headline: frozenset[str]) -> bool:
    """Whether the headline names the who: its head noun (with the nouns compounded on it, not a place
    name: "the London Mayor" is no Londoner), or the name of the party the subject is a mention of
    (not of one a description or a pronoun was taken for)."""
    words = [t.lower_ for t in (subject, *(c for c in children(subject) if c.dep_ == "compound"))
             if t.ent_type_ not in PLACE_LABELS or subject.ent_type_ in PLACE_LABELS]
    entity = _entity_at(subject.idx, subject.idx + len(subject.text), entities)
    if entity is not None and entity.id == who.entity and entity.type in PARTY_LABELS:
        words += WORD.findall(entity.name.lower())  # a mention of the party, not a guess at whom it means
    return any(_stem(w) in headline for w in words if w not in STOP_WORDS)


def _headline_person(entities: Sequence[Entity], title: str) -> tuple[LeadPart | None, bool]:
    """The person the headline names first, at their first mention by name in the text, and whether
    the headline opens with them (its subject: "Lady Gaga protests outside Trump Tower"). The headline
    spells the whole name as a name: a single word tagged a person is as often a place or a brand
    ("Croydon"), and "Croydon tram derailment" names no "Croydon Tram"."""
    named = []
    flags = re.IGNORECASE if title.isupper() else 0
    for entity in entities:
        mentions = [m for m in entity.mentions if m.text[:1].isupper() and m.text.lower() not in PRONOUNS]
        if entity.type != "PERSON" or not mentions:
            continue
        words = [w for w in WORD.findall(entity.name) if w.lower() not in STOP_WORDS]
        if len(words) < 2 or (not flags and any(w not in title for w in words)):
            continue  # a word missing from the title's characters cannot match (no regex compiled for it)
        found = [re.search(rf"\b{re.escape(w)}\b", title, flags) for w in words]
        if all(found):
            named.append((min(m.start() for m in found if m), min(mentions, key=lambda m: m.start), entity))
    if not named:
        return None, False
    at, mention, entity = min(named, key=lambda found: found[0])
    opening = title[:at].rstrip()
    return (LeadPart(text=mention.text, start=mention.start, end=mention.end, entity=entity.id),
            not opening or opening.endswith(":"))


def _lead_sentences(doc: Doc, count: int) -> list[Span]:
    out = []
    for sent in doc.sents:
        if sum(not t.is_punct and not t.is_space for t in sent) >= MIN_SENTENCE_WORDS:
            out.append(sent)
        if len(out) == count:
            break
    return out


def _main_verb(sent: Span) -> Token | None:
    """The verb whose clause states the sentence's event: the root, or the clause a reporting root
    reports ("Police said [a man was arrested]")."""
    root = sent.root
    if root.pos_ not in ("VERB", "AUX"):
        return None
    if root.lemma_.lower() in SPEECH_VERBS:
        reported = next((c for c in children(root) if c.dep_ == "ccomp" and _subject(c) is not None), None)
        if reported is not None:
            return reported
    return root if _subject(root) is not None else None


def _subject(verb: Token) -> Token | None:
    subject = next((c for c in children(verb) if c.dep_ in SUBJECT_DEPS), None)
    if subject is None and verb.dep_ == "conj":  # "... and dozens were injured": the first verb's subject
        return _subject(verb.head) if verb.head.pos_ in ("VERB", "AUX") else None
    if subject is not None and subject.dep_ == "nsubjpass":
        agent = next((c for c in children(verb) if c.dep_ == "agent"), None)
        pobj = next((c for c in children(agent) if c.dep_ == "pobj"), None) if agent is not None else None
        return pobj or subject
    return subject


def _phrase(head: Token) -> Span:
    """The noun phrase of `head` without its asides (relative clauses, appositions, prepositional
    phrases other than an `of` complement, itself cut the same way). A title or description followed
    by the name it stands for ("Williams' veteran driver Felipe Massa") is the name."""
    doc = head.doc
    name = _name_of(head)
    if name is not head:
        return doc[name.left_edge.i:name.i + 1]
    left = head.left_edge.i
    right = head.i
    for child in head.rights:
        if child.dep_ in ASIDE_DEPS and not (child.dep_ == "prep" and child.lower_ == "of"):
            break  # "Thousands of farmers" keeps its complement; "a man from Ohio, who ..." does not
        if child.dep_ == "prep":
            obj = next((c for c in children(child) if c.dep_ == "pobj"), None)
            right = _phrase(obj).end - 1 if obj is not None else child.i
            break
        right = child.right_edge.i
    return doc[left:right + 1]


def _name_of(head: Token) -> Token:
    """The name a title or description stands before ("Williams' veteran driver [Felipe Massa]",
    "Product makers [Mondelez International]"), else the head itself."""
    if head.pos_ != "NOUN":
        return head
    return next((c for c in head.rights if c.dep_ == "appos" and c.pos_ == "PROPN"
                 and c.ent_type_ in ("PERSON", "ORG")
                 and not any(t.is_punct for t in head.doc[head.i + 1:c.i])), head)


def _names_a_thing(subject: Token) -> bool:
    """Whether the subject's phrase names a thing (a race, a building, a product) and no party: "A
    chaotic Brazilian Grand Prix was suspended after Kimi Raikkonen crashed out"."""
    if subject.ent_type_ in THING_LABELS:
        return True  # the head's own name: "The Brazilian Grand Prix" is a race, whatever its modifiers
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


def _ents_in(sent: Span, ents: Sequence[Span]) -> list[Span]:
    """`sent.ents` from the Doc's entities read once: `Span.ents` rebuilds every entity of the Doc on
    each call (entities never overlap, so those within the sentence are the same)."""
    return [ent for ent in ents if ent.start >= sent.start and ent.end <= sent.end]


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
    return any(c.dep_ == "poss" or c.lower_ in ("the", "this", "that") for c in children(subject)
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
    verbs = [verb, *(c for c in children(verb) if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX"))]
    for head in verbs:
        for child in head.rights:
            if child.dep_ == "advcl":
                mark = next((c for c in children(child) if c.dep_ in ("mark", "aux")), None)
                if mark is not None and (mark.lower_ in marks or (purpose and mark.tag_ == "TO")):
                    return _part(child.doc[child.left_edge.i:child.right_edge.i + 1])
                if not purpose and child.tag_ == "VBG" and child.lower_ in preps:
                    return _part(child.doc[child.i:child.right_edge.i + 1])
            if child.dep_ == "prep" and child.lower_ in preps and len(list(children(child))):
                return _part(child.doc[child.i:child.right_edge.i + 1])
    return None


def _when(doc: Doc, sents: Sequence[Span], ctx: DocContext) -> LeadPart | None:
    dates = date_index(doc)
    year = context_year(dates)
    ents = doc_ents(doc)
    for sent in sents:
        for ent in _ents_in(sent, ents):
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
           refine: Sequence[Span] = (), headline: LeadPart | None = None, title: str = "") -> LeadPart | None:
    """The place of the lead's event: in the first sentence that names one, the first place named as
    a locative adjunct ("in Croydon", "at a soaking Brazilian Grand Prix": a named event is a
    setting), else the first named at all; never the who, a party the entity extractor typed (an
    organization), a party's affiliation ("Yemen's Houthi group") nor where a person comes from ("a
    man from Beckenham"). A whole country the event is "in" gives way to a place in it that `refine`
    (the next paragraph) names as a locative, as a story narrows from "in China" to the town."""
    found = _places(sents, who, entities)
    best, prep = found[0] if found else (None, None)
    described = _described(sents, who, entities) if best is not None else []
    if best is not None and prep is None and best in described:
        # a name describing a noun ("US-based") gives way to a locative place of the next paragraph
        best, prep = next(((p, where) for p, where in _places(refine, who, entities) if where), (best, prep))
    if headline is not None and not (best is not None and (
            _is_country(headline) and best.country == headline.country and not _is_country(best)
            or best not in described
            and _headline_at(best, title) <= _headline_at(headline, title))):
        return headline  # the headline's place, unless the lead's lies in it or the headline names it before
    if best is not None and prep == "in" and _is_country(best):
        inner = [p for p, where in _places(refine, who, entities)
                 if where and p.country == best.country and not _is_country(p)]
        return inner[0] if inner else best
    return best


def _headline_at(part: LeadPart, title: str) -> float:
    """Where the headline first spells a proper word of the place's phrase or name (inf: nowhere)."""
    words = {w for w in WORD.findall(f"{part.text} {part.name or ''}") if w[:1].isupper()}
    found = [m.start() for w in words for m in [re.search(rf"\b{re.escape(w)}\b", title)] if m]
    return min(found, default=float("inf"))


def _headline_place(doc: Doc, who: LeadPart | None, entities: Sequence[Entity],
                    title: str | None) -> LeadPart | None:
    """The place the headline names first ("Croydon tram crash: ...", "... outside Trump Tower"), at its
    first mention in the text (a locative one first); not the who. A place is a name the text tags
    as one, names more than once and the gazetteer resolves (or a facility or a geographic feature),
    or a proper name the headline puts after a locative preposition; not a whole country nor a place
    the text makes a subject or owner ("Moscow said", "China's military"): a headline's countries and
    capitals are most often its parties ("China stages drills around Taiwan"). The headline states
    where the main event happened more often than the lead's first place does."""
    if not title:
        return None
    flags = re.IGNORECASE if title.isupper() else 0
    gaz = load_gazetteer(tuple(doc._.rp_gazetteer_files if Doc.has_extension("rp_gazetteer_files") else ()))
    context = frozenset(e.country for e in entities if e.country)
    strings = doc.vocab.strings
    subjects, places = {strings[d] for d in SUBJECT_DEPS}, {strings[p] for p in PLACE_LABELS}
    acting = {doc[i].text for i, (dep, label) in enumerate(doc.to_array([DEP, ENT_TYPE]).tolist())
              if dep in subjects and label in places}  # from one array: no Token for the other words
    best: tuple[int, bool, LeadPart] | None = None
    for ent in doc_ents(doc):
        if ent.label_ not in PLACE_LABELS or _is_the(ent, who):
            continue
        if doc_text(doc).count(ent.text) < 2:  # doc_text builds the text once per Doc
            continue  # a place the story names once is not where it happens ("over the Essequibo region")
        words = [w for w in WORD.findall(ent.text) if w.lower() not in STOP_WORDS]
        found = [re.search(rf"\b{re.escape(w)}\b", title, flags) for w in words]
        if not words or not all(found):
            continue
        entity = _entity_at(ent.start_char, ent.end_char, entities)
        if entity is not None and entity.type not in PLACE_LABELS:
            continue  # read as a party ("Mondelez International")
        place = resolve_place(ent.text, gaz, context) if entity is None or entity.geonameid is None else None
        if ent.label_ == "GPE" and place is None and (entity is None or entity.geonameid is None):
            continue  # a name the gazetteer does not know as a place ("F1", "Brexit")
        if place is not None:
            part = _part(ent, name=place.name, country=place.country, geonameid=place.geonameid)
        else:
            part = (_part(ent, name=ent.text) if entity is None else
                    _part(ent, name=entity.name, country=entity.country, geonameid=entity.geonameid))
        if _is_country(part) or ent.text in acting:
            continue  # a country or a capital the text makes act ("Moscow said") is a party, not a setting
        key = (min(m.start() for m in found if m), _locative_prep(ent) is None)
        if best is None or key < best[:2]:
            best = (*key, part)
    for match in HEADLINE_LOCATIVE.finditer(title):
        if best is not None and best[0] <= match.start(2):
            break
        if match.group(3) and match.group(3).lower() not in STOP_WORDS:
            continue
        named = _proper_name_in(doc, match.group(2), who, entities)
        if named is not None and not _is_country(named) and match.group(2) not in acting:
            best = (match.start(2), False, named)
            break
    return best[2] if best is not None else None


def _proper_name_in(doc: Doc, name: str, who: LeadPart | None, entities: Sequence[Entity]) -> LeadPart | None:
    """The first mention of `name` in the text as a proper name (every word a proper noun), not the who
    nor a party's name."""
    for match in re.finditer(rf"\b{re.escape(name)}\b", doc_text(doc)):
        span = doc.char_span(match.start(), match.end())
        if span is None or not all(t.pos_ == "PROPN" for t in span) or _is_the(span, who):
            continue
        if span.root.dep_ == "poss" or span.root.dep_ in SUBJECT_DEPS:
            continue  # "China's military", "Moscow said": a party
        entity = _entity_at(span.start_char, span.end_char, entities)
        if entity is not None and entity.type not in PLACE_LABELS:
            if any(m.start == span.start_char and m.end == span.end_char for m in entity.mentions):
                return None  # the name of a party
            entity = None  # a party's name inside the place's ("Trump" in "Trump Tower")
        if entity is None:
            return _part(span, name=span.text)
        return _part(span, name=entity.name, country=entity.country, geonameid=entity.geonameid)
    return None


def _frame_where(doc: Doc, ctx: DocContext) -> LeadPart | None:
    """The dateline's place (source "dateline"), resolved as the events' fallback location is: its
    gazetteer name, country and geonameid; the place as written when the gazetteer does not know it."""
    dateline = ctx.dateline
    if dateline is None or not dateline.place:
        return None
    place = frame_event_location(doc, ctx)
    if place is None or place.geonameid is None:
        return LeadPart(text=dateline.place, start=None, end=None, source="dateline", name=dateline.place,
                        country=dateline.country)
    return LeadPart(text=place.text, start=None, end=None, source="dateline", name=place.name,
                    country=place.country, geonameid=place.geonameid)


def _places(sents: Sequence[Span], who: LeadPart | None,
            entities: Sequence[Entity]) -> list[tuple[LeadPart, str | None]]:
    """The places `_where` may answer in `sents`, each with its locative preposition (or None): by
    sentence, and in a sentence locative adjuncts first, each in text order; after them all, names
    that describe a noun ("the US election", "US-based", "UK bars"), which place the event less often."""
    out: list[tuple[LeadPart, str | None]] = []
    described: list[tuple[LeadPart, str | None]] = []
    ents = doc_ents(sents[0].doc) if sents else ()
    for sent in sents:
        locative: list[tuple[LeadPart, str | None]] = []
        other: list[tuple[LeadPart, str | None]] = []
        for ent in _ents_in(sent, ents):
            part, prep = _place_part(ent, who, entities)
            if part is None:
                continue
            if prep is None and ent.root.dep_ in MODIFIER_DEPS and ent.label_ not in SETTING_LABELS:
                described.append((part, prep))
            else:
                (locative if prep or ent.label_ in SETTING_LABELS else other).append((part, prep))
        out += locative + other
    return out + described


def _described(sents: Sequence[Span], who: LeadPart | None, entities: Sequence[Entity]) -> list[LeadPart]:
    """The names in `sents` that describe a noun (the last places `_places` gives)."""
    ents = doc_ents(sents[0].doc) if sents else ()
    return [part for sent in sents for ent in _ents_in(sent, ents)
            if ent.root.dep_ in MODIFIER_DEPS and ent.label_ not in SETTING_LABELS
            for part, prep in [_place_part(ent, who, entities)] if part is not None and prep is None]


def _place_part(ent: Span, who: LeadPart | None,
                entities: Sequence[Entity]) -> tuple[LeadPart | None, str | None]:
    """The name as a place `_where` may answer, with its locative preposition; None for a name that is
    no place, the who itself, an origin or an affiliation."""
    prep = _locative_prep(ent)
    setting = ent.label_ in SETTING_LABELS and prep in ("in", "at")
    if (ent.label_ not in PLACE_LABELS and not setting) or _is_the(ent, who) or _origin(ent):
        return None, None  # the subject ("China said ...") is the who, not the where
    entity = _entity_at(ent.start_char, ent.end_char, entities)
    if entity is not None and entity.type not in PLACE_LABELS and not setting:
        return None, None  # the entity extractor read the name as a party ("Mondelez International")
    span = _place_phrase(ent)
    if entity is None or setting:
        return _part(span, name=ent.text), prep
    return _part(span, name=entity.name, country=entity.country, geonameid=entity.geonameid), prep


def _is_country(part: LeadPart) -> bool:
    return is_country_entry(part.country, part.geonameid)


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
    China", "in the Saudi city of Jeddah") or narrows ("in the Catatumbo region"), or None."""
    head = ent.root
    if head.dep_ in ("compound", "nmod") and head.head.dep_ == "pobj":
        head = head.head  # "in the Catatumbo region": the name narrows a locative noun
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
