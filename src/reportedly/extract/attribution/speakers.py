"""Speakers: the noun phrase a cue credits, linked to an entity or typed (anonymous, unattributed, ...).

Linking goes by offsets: the entity whose mention holds the speaker's head word. Pronouns ("she
said") and bare titles ("the envoy said") resolve to the last named speaker before them, or to the
nearest person entity mentioned before them.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import chain

from spacy.tokens import Doc, Token

from reportedly.extract import wordnet
from reportedly.extract.cues import sent_channel
from reportedly.extract.places import country_of_adjective
from reportedly.gazetteer import load_gazetteer
from reportedly.model import Entity, Span, Speaker, SpeakerKind
from reportedly.nlp.doctext import children, doc_text


def _words(text: str) -> frozenset[str]:
    """A word set from whitespace-separated text (keeps long lexicons readable)."""
    return frozenset(text.split())


PRONOUNS = frozenset({"he", "she", "they", "who", "i", "we", "it", "which", "that", "you"})
PERSON_PRONOUNS = frozenset({"he", "she", "i", "who"})
# Pronouns resolved by references.resolve_thing, or the attribution is dropped: "it" and the
# relative pronouns (which stand for the noun their clause modifies, never a nearby one).
THING_PRONOUNS = frozenset({"it", "which", "that", "who"})
RELATIVE_PRONOUNS = frozenset({"which", "that", "who"})
# Entity types that cannot speak: a relative clause on one modifies the noun before it
# ("released her records in July, which showed ...").
MUTE_TYPES = frozenset({"DATE", "TIME", "LOC", "FAC", "QUANTITY", "ORDINAL", "MONEY"})
# WordNet classes of a noun's usual sense that can speak: a person or a group ("the ministry").
SPEAKER_CLASSES = frozenset({"noun.person", "noun.group"})
# Raising verbs: their subject "it" is an expletive when a clause follows ("it seems that ...").
RAISING_VERBS = frozenset({"seem", "appear"})
# Head nouns that name a source without naming it: "a source close to ...", "officials said".
ANONYMOUS_HEADS = _words("""
source official diplomat insider aide person people analyst observer expert witness resident
spokesman spokeswoman spokesperson representative member commander officer staffer adviser advisor
lawmaker
""")
# Head nouns of an organization named by its owner: "Egypt's foreign ministry", "Iran's army".
ORG_HEADS = _words("""
ministry office government army military embassy council agency committee cabinet parliament court
police force guard presidency administration department commission authority service navy
secretariat mission delegation leadership command headquarters
""")
# Head nouns of someone speaking for the organization that owns them: "the Kremlin's spokesman".
VOICE_HEADS = _words("spokesman spokeswoman spokesperson representative")
# Entity types that own an organization ("Egypt's", "the Kremlin's"); a person's aide is not one.
OWNER_TYPES = frozenset({"ORG", "GPE", "NORP"})
# Tags of finite verbs, which always have a subject of their own.
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP"})
# Determiners that leave a source unnamed: "a source", "one official", "another diplomat".
INDEFINITE_DETS = frozenset({"a", "an", "one", "another", "some", "several", "two", "three", "many"})
# Head nouns of titles that refer back to a person named earlier: "the envoy said".
TITLE_HEADS = _words("""
envoy minister president leader spokesman spokeswoman spokesperson governor senator ambassador
chairman chief director secretary official commander candidate nominee mayor premier king queen
prince general
""")
# Words that make an organization a news medium.
MEDIA_WORDS = _words("""
news agency newspaper outlet channel tv television radio times post journal tribune herald gazette
telegraph guardian daily press wire broadcaster magazine media network reuters tass afp ani xinhua
bbc cnn associated
""")
# Media organizations known by name alone.
MEDIA_NAMES = frozenset(
    {
        "tass",
        "reuters",
        "afp",
        "ap",
        "ani",
        "xinhua",
        "bbc",
        "cnn",
        "ria",
        "interfax",
        "pti",
        "ians",
        "bloomberg",
        "politico",
        "axios",
        "fox",
        "nbc",
        "abc",
        "cbs",
        "msnbc",
        "aljazeera",
        "irna",
        "tolonews",
        "pajhwok",
        "yonhap",
        "kyodo",
        "dpa",
        "efe",
        "ansa",
    }
)
# Dependencies cut from the tail of a common-noun speaker phrase (its appositions, relative clauses).
TRIM_DEPS = frozenset({"appos", "relcl", "acl", "punct"})


@dataclass(frozen=True, slots=True)
class Found:
    """A speaker phrase found in the parse: its token range and head."""

    start: int
    end: int
    head: int
    chars: tuple[int, int] | None = None  # character range, where it is not whole tokens ("-Commissioner X")


def subject_of(verb: Token, cue_lemmas: frozenset[str] = frozenset()) -> Token | None:
    """The token naming who speaks through `verb`: its subject, its passive agent, or an inherited one.

    Args:
        verb: a reporting verb.
        cue_lemmas: the reporting lemmas, to see through a cue misattached inside another's clause.

    Returns:
        the subject's head token, or None when the cue has no source ("was asked").
    """
    node: Token | None = _reporter_of_adjunct(verb, cue_lemmas) or verb
    for _ in range(4):  # a subject shared along "said ... and added", "saying", up to a few hops
        assert node is not None
        subjects = [c for c in children(node) if c.dep_ in ("nsubj", "csubj")]
        if len(subjects) > 1:
            # '"If it ..., it will," said James Acton': the parser gives the verb the quotation's
            # subject too; a quote mark between a subject and its verb puts that one inside the words
            outside = [c for c in subjects if not _quote_between(c, node)]
            return (outside or subjects)[0]
        for child in children(node):
            if child.dep_ in ("nsubj", "csubj"):
                return child
            if child.dep_ == "agent":
                return next((g for g in children(child) if g.dep_ == "pobj"), None)
        if any(c.dep_ == "nsubjpass" for c in children(node)):
            return None
        if node.dep_ == "conj" and node.head.lemma_ not in cue_lemmas:
            # "says the response was X and says he ...": the parser hung the second cue inside the
            # first one's clause; its subject is the first cue's.
            outer = next(
                (a for a in node.head.ancestors if a.lemma_ in cue_lemmas and a.pos_ == "VERB"), None
            )
            if outer is not None and outer.tag_ == node.tag_:
                node = outer
                continue
        if node is verb and node.dep_ == "advcl" and node.tag_ in FINITE_TAGS:
            lost = _phrase_just_before(node)  # a finite verb has its own subject: the parser lost it
            if lost is not None:
                return lost
        if node.dep_ == "xcomp" and node.head.i != node.i:
            obj = next((c for c in children(node.head) if c.dep_ == "dobj" and c.i < node.i), None)
            if obj is not None and _can_speak(obj):
                return obj  # object control: "it forced his rival to distance herself": the rival
        if node.dep_ in ("conj", "advcl", "xcomp", "acomp") and node.head.i != node.i:
            node = node.head  # "was reluctant to endorse": the subject of "was"
            continue
        if node.dep_ == "pcomp" and node.head.head is not node.head:
            node = node.head.head  # "by saying ...": the subject of the verb the preposition hangs on
            continue
        if node.dep_ == "acl" and node.tag_ == "VBG" and node.head.pos_ in ("NOUN", "PROPN"):
            if sent_channel(node) is not None:
                node = node.head.head  # "X released a statement saying ...": X speaks
                continue
            return node.head  # "a statement saying ...", "Clinton's op-ed supporting biofuels"
        return None
    return None


# Dependencies along which a reported clause hangs under the verb that reports it.
_REPORTED_DEPS = frozenset({"ccomp", "xcomp", "conj"})


def _reporter_of_adjunct(verb: Token, cue_lemmas: frozenset[str]) -> Token | None:
    """The verb that reports the clause a participle of saying closes: "Perdue said he didn't believe
    it, arguing that ..." (the parser hangs "arguing" on "believe"): Perdue argues, not "he". The
    outermost verb of the cue lexicon above the participle's head, through reported clauses; None
    when the participle is no adjunct set off by a comma or no such verb reports its head."""
    doc = verb.doc
    if verb.tag_ != "VBG" or verb.dep_ != "advcl" or verb.i == 0 or doc[verb.i - 1].text != ",":
        return None
    outer, node = None, verb.head
    while node.dep_ in _REPORTED_DEPS and node.head.i != node.i:
        node = node.head
        if node.lemma_ in cue_lemmas and node.pos_ == "VERB" and node.i < verb.i:
            outer = node  # reported after ("met ..., agreeing to ..., officials said"): the clause's own
    return outer


def _quote_between(a: Token, b: Token) -> bool:
    """True when a quote mark stands between tokens `a` and `b` (either order)."""
    lo, hi = sorted((a.i, b.i))
    return any(t.is_quote for t in a.doc[lo + 1 : hi])


def _can_speak(token: Token) -> bool:
    """A person, group or place named, a pronoun, or a noun for an unnamed source or a title."""
    lemma = token.lemma_.lower()
    if token.pos_ == "PRON" or lemma in ANONYMOUS_HEADS or lemma in TITLE_HEADS:
        return True
    return token.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") and not _names_a_thing(token)


def _names_a_thing(token: Token) -> bool:
    """True when the noun phrase headed by `token` names something that cannot speak, whatever the
    parser tagged: a common noun whose usual sense (WordNet) is no person or group ("his State of the
    Union address": the parser heads the phrase with the name, "address" takes it as a compound).
    """
    head = token
    last = token.right_edge
    while last.i > token.i and last.is_punct:
        last = last.doc[last.i - 1]
    if (
        last.i != token.i
        and last.pos_ == "NOUN"
        and any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in children(last))
    ):
        head = last  # the name is the last noun's modifier: the last noun heads the phrase
    if head.pos_ != "NOUN":
        return False
    usual = wordnet.usual_class(head.lemma_.lower(), "n")
    return usual is not None and usual not in SPEAKER_CLASSES


def _phrase_just_before(verb: Token) -> Token | None:
    """The head of the noun phrase ending right before `verb`, when it can speak: "came after a source
    close to the NRF told Tolo News" (parsed as "after a source ...", with "told" left subjectless)."""
    if verb.i == 0 or verb.i - 1 < verb.sent.start:
        return None
    node, best = verb.doc[verb.i - 1], None
    while node.right_edge.i == verb.i - 1 and node.i != node.head.i:
        if node.pos_ in ("NOUN", "PROPN", "PRON"):
            best = node
        node = node.head
    if best is None:
        return None
    speaks = best.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") or best.lemma_.lower() in ANONYMOUS_HEADS
    return best if speaks else None


def phrase(head: Token) -> Found:
    """The speaker phrase around `head`: its subtree, less trailing clauses for common nouns."""
    start, end = head.left_edge.i, head.right_edge.i + 1
    name = next((c for c in head.rights if c.dep_ == "appos" and c.pos_ == "PROPN"), None)
    if head.pos_ != "PROPN" and name is not None:
        # "The Russian envoy for Afghanistan, Zamir Kabulov": the title with the name it introduces.
        head, end = name, name.right_edge.i + 1
    elif head.pos_ != "PROPN":
        cut = [c.i for c in head.rights if c.dep_ in TRIM_DEPS and c.i > head.i]
        if cut:
            end = min(cut)
            while end > head.i + 1 and head.doc[end - 1].is_punct and head.doc[end - 1].text not in ")]":
                end -= 1
    while start < head.i and (head.doc[start].is_punct or head.doc[start].is_space):
        start += 1
    while end > head.i + 1 and (head.doc[end - 1].text in {",", "—", "-", "–"} or head.doc[end - 1].is_space):
        end -= 1
    return Found(start, end, head.i)


def relative_antecedent(pronoun: Token) -> Found | None:
    """The phrase a relative pronoun stands for: the noun its relative clause modifies, or None.

    The clause is the pronoun's head under a `relcl` arc (through "and who ...": a conjoined
    clause shares the first one's noun); the noun is that arc's head, the phrase its words before
    the clause ("the 1 percent who said": "the 1 percent"; "those who said": "those"). A date or a
    place, which cannot speak, hands over to the noun phrase before it ("released her records in
    July, which showed": her records; "re-elect Sen. Rob Portman this year, who endorsed":
    Portman), and so does a noun the parser hung the clause on across other words; None when
    there is none.
    """
    clause = pronoun.head
    for _ in range(3):  # "who are expected to ... and who maintain": up the conjunct's clauses
        if clause.dep_ not in ("conj", "xcomp") or clause.head.i == clause.i:
            break
        clause = clause.head
    if clause.dep_ != "relcl" or clause.head.i == clause.i or clause.head.i > pronoun.i:
        return None
    doc = pronoun.doc
    target: Token | None = clause.head
    assert target is not None
    if target.pos_ == "ADJ":  # an adjective a relative clause hangs on is used as a noun: "many who"
        return Found(target.left_edge.i, target.i + 1, target.i)
    in_clause = {t.i for t in clause.subtree}
    inside = {t.i for t in target.subtree} - in_clause
    end = target.i + 1
    while end < clause.left_edge.i and end in inside:
        end += 1
    if any(not doc[i].is_punct for i in range(end, clause.left_edge.i)):
        # the parser hung the clause on a noun far before it ("The board met Portman on Tuesday,
        # who said"): the noun phrase right before the clause is meant
        target = _noun_before(doc, clause.left_edge.i, pronoun.sent.start)
    elif target.ent_type_ in MUTE_TYPES:
        target = _noun_before(doc, target.left_edge.i, pronoun.sent.start)
    if target is None or not _can_stand(target):
        return None
    found = phrase(target)
    start, end = found.start, target.i + 1
    while end < found.end and end not in in_clause and end < clause.left_edge.i:
        end += 1
    while end > target.i + 1 and (doc[end - 1].is_punct or doc[end - 1].is_space):
        if doc[end - 1].text in ")]":
            break
        end -= 1
    return Found(start, end, found.head)


def _can_stand(token: Token) -> bool:
    """A noun, a number ("four in 10 who said") or a non-personal pronoun ("those who said")."""
    if token.pos_ == "PRON":
        return token.lower_ not in PRONOUNS
    return token.pos_ in ("NOUN", "PROPN", "NUM") and token.ent_type_ not in MUTE_TYPES


def _noun_before(doc: Doc, index: int, sent_start: int) -> Token | None:
    """The head of the nearest noun phrase that can speak before token `index` in its sentence,
    past dates and places, climbing from a prepositional object to the noun its preposition hangs
    on ("records of the campaign in July": records)."""
    for i in range(index - 1, sent_start - 1, -1):
        token = doc[i]
        if not _can_stand(token):
            continue
        while token.dep_ in ("compound", "flat", "nmod", "amod", "nummod") and token.head.i > token.i:
            token = token.head
        while token.dep_ == "pobj" and token.head.dep_ == "prep" and _can_stand(token.head.head):
            token = token.head.head
        return token
    return None


def is_expletive(doc: Doc, found: Found) -> bool:
    """True for an "it" that stands for nothing: the subject of a raising verb or of "be" with an
    adjective, with the clause it announces after them ("It seems that ...", "It is clear that ...",
    "it's hard to know ..."), or marked `expl` by the parser."""
    it = doc[found.head]
    if it.lower_ != "it" or found.end - found.start != 1:
        return False
    if it.dep_ == "expl":
        return True
    verb = it.head
    if it.dep_ not in ("nsubj", "nsubjpass") or verb is it:
        return False
    clauses = ("ccomp", "csubj", "xcomp")
    passive = it.dep_ == "nsubjpass" or any(c.dep_ == "auxpass" for c in children(verb))
    if passive or verb.lemma_ in RAISING_VERBS:
        return any(c.dep_ in ("ccomp", "csubj") and c.i > verb.i for c in children(verb))
    if verb.lemma_ != "be" and verb.norm_ != "'s":  # "it’s hard to know": the curly "’s" keeps its lemma
        return False
    return any(
        pred.dep_ == "acomp"
        and pred.tag_ in ("JJ", "VBN")
        and pred.i > verb.i
        and any(c.dep_ in clauses for c in (*children(verb), *children(pred)) if c.i > pred.i)
        for pred in children(verb)
    )


def entity_at(entities: list[Entity], start: int, end: int) -> Entity | None:
    """The entity with a mention overlapping the characters [start, end), the longest such mention."""
    best: tuple[int, Entity] | None = None
    for entity in entities:
        for m in entity.mentions:
            if m.start < end and start < m.end and (best is None or m.end - m.start > best[0]):
                best = (m.end - m.start, entity)
    return best[1] if best else None


def is_media(doc: Doc, start: int, end: int, entity: Entity | None) -> bool:
    """True when tokens [start, end) name a news medium (by entity kind, name or wording)."""
    if entity is not None and entity.kind == "media":
        return True
    words = [t.lower_ for t in doc[start:end]]
    joined = "".join(words)
    if joined in MEDIA_NAMES or any(w in MEDIA_NAMES for w in words):
        return True
    return any(w in MEDIA_WORDS for w in words) and any(
        t.pos_ == "PROPN" or t.lower_ == "media" for t in doc[start:end]
    )


def is_anonymous(head: Token) -> bool:
    """True for unnamed sources: plural ("officials said") or indefinite ("a source")."""
    if head.tag_ in ("NNS", "NNPS"):
        return True
    det = next((c for c in children(head) if c.dep_ == "det"), None)
    return det is None or det.lower_ in INDEFINITE_DETS


def is_voice(head: Token) -> bool:
    """True for one person who speaks for an organization: "spokesman", "representative" (singular)."""
    return head.lemma_.lower() in VOICE_HEADS and head.tag_ == "NN"


def kind_of(doc: Doc, found: Found, entity: Entity | None) -> str:
    """The speaker's kind: person, organization, media, anonymous or unattributed."""
    head = doc[found.head]
    if head.lemma_.lower() in {"report", "rumor", "rumour", "speculation"}:
        return SpeakerKind.UNATTRIBUTED.value
    if is_media(doc, found.start, found.end, entity):
        return SpeakerKind.MEDIA.value
    if head.lemma_.lower() in ANONYMOUS_HEADS and head.pos_ != "PROPN":
        named = [c for c in children(head) if c.dep_ in ("compound", "nmod") and c.pos_ == "PROPN"]
        if named and is_voice(head):
            return SpeakerKind.PERSON.value  # "An RSF spokesman": one person speaking for the RSF
        if named and head.tag_ == "NN" and is_anonymous(head):
            # "A Nigerien army officer", "a Taiwan security official": one unnamed person from that side
            return SpeakerKind.ANONYMOUS.value
        if named:
            return SpeakerKind.ORGANIZATION.value  # "Taliban officials": the organization speaking
        if is_anonymous(head) or head.lemma_.lower() not in TITLE_HEADS:
            return SpeakerKind.ANONYMOUS.value  # "the source told AFP": still no name (not a title)
    if head.lemma_.lower() in TITLE_HEADS and head.pos_ == "NOUN" and entity is None:
        return SpeakerKind.PERSON.value  # "the governor said": a person, unnamed here
    if entity is not None:
        return SpeakerKind.PERSON.value if entity.type == "PERSON" else SpeakerKind.ORGANIZATION.value
    if head.ent_type_ == "PERSON" or head.lower_ in PERSON_PRONOUNS:
        return SpeakerKind.PERSON.value
    if head.ent_type_ in ("ORG", "GPE", "NORP") or head.pos_ != "PROPN":
        return SpeakerKind.ORGANIZATION.value
    return SpeakerKind.PERSON.value


def affiliation_of(doc: Doc, found: Found, entities: list[Entity], own: Entity | None) -> str | None:
    """The entity an anonymous or collective speaker belongs to: "a source close to the NRF"."""
    words = [
        t for t in doc[found.start : found.end] if t.i != found.head and (t.pos_ == "PROPN" or t.ent_type_)
    ]
    # a named entity first ("The office of ... Netanyahu"); else the country a nationality word names
    named = (e for t in words if (e := entity_at(entities, t.idx, t.idx + len(t))) is not None)
    # generators: the gazetteer is consulted only when no named entity answers
    countries = (e for t in words if (e := _country_entity(doc, t, entities)) is not None)
    return next((e.id for e in chain(named, countries) if e is not own), None)


def _country_entity(doc: Doc, token: Token, entities: list[Entity]) -> Entity | None:
    """The article's entity for the country a nationality word names ("Nigerien" -> Niger) when no
    entity mention covers the word: its government face first (an army officer speaks from the state)."""
    if token.ent_type_ not in ("GPE", "NORP"):
        return None
    files = doc._.rp_gazetteer_files if Doc.has_extension("rp_gazetteer_files") else ()
    country = country_of_adjective(token.text, load_gazetteer(tuple(files)))
    if country is None:
        return None
    same = [e for e in entities if e.country == country and e.type == "GPE"]
    return min(same, key=lambda e: e.kind != "government", default=None)


def possessive_org(doc: Doc, found: Found, entities: list[Entity]) -> Speaker | None:
    """ "Egypt's foreign ministry", "the Kremlin's spokesman": an organization named by its owner.

    The speaker's head is an organization noun or a spokesperson, and a possessive names a
    government or organization: the speaker is an organization, never a person. A spokesperson is
    the organization it speaks for (entity: the owner); an organization noun is its own entity when
    one covers it ("Ministry of Foreign Affairs of Russia"), and is tied to its owner (affiliation).

    Returns:
        the speaker, or None when the phrase is not such a possessive.
    """
    head = doc[found.head]
    lemma = head.lemma_.lower()
    if lemma not in ORG_HEADS and lemma not in VOICE_HEADS:
        return None
    owner = next((c for c in children(head) if c.dep_ == "poss"), None)
    if owner is None or not (owner.pos_ == "PROPN" or owner.ent_type_ in OWNER_TYPES):
        return None
    owned = entity_at(entities, owner.idx, owner.idx + len(owner))
    if owned is not None and owned.type not in OWNER_TYPES:
        return None  # "Trump's spokesman": a person's aide
    if owned is None and owner.ent_type_ not in OWNER_TYPES:
        return None
    span = doc[found.start : found.end]
    kind = SpeakerKind.ORGANIZATION.value
    owner_id = owned.id if owned is not None else None
    own = entity_at(entities, head.idx, head.idx + len(head))
    if lemma in VOICE_HEADS or (own is not None and own is owned):
        # a spokesperson speaks as its owner; one entity naming the whole phrase is the speaker
        return Speaker(owner_id, span.text, kind, span.start_char, span.end_char)
    own_id = own.id if own is not None and own.type != "PERSON" else None
    return Speaker(own_id, span.text, kind, span.start_char, span.end_char, affiliation=owner_id)


def make_speaker(doc: Doc, found: Found, entities: list[Entity]) -> Speaker:
    """The Speaker record for a phrase found in the parse (before pronoun resolution)."""
    head = doc[found.head]
    span = doc[found.start : found.end]
    if found.chars is None and (owned := possessive_org(doc, found, entities)) is not None:
        return owned
    if found.chars is not None:
        span = doc.char_span(found.chars[0], found.chars[1]) or span
        text, start, end = doc_text(doc)[found.chars[0] : found.chars[1]], found.chars[0], found.chars[1]
        entity = entity_at(entities, start, end)
        return Speaker(entity.id if entity else None, text, kind_of(doc, found, entity), start, end)
    entity = entity_at(entities, head.idx, head.idx + len(head))
    kind = kind_of(doc, found, entity)
    affiliation = None
    voice = kind == SpeakerKind.PERSON.value and is_voice(head)  # "An RSF spokesman": the RSF's
    if (voice or kind in (SpeakerKind.ANONYMOUS.value, SpeakerKind.ORGANIZATION.value)) and entity is None:
        affiliation = affiliation_of(doc, found, entities, entity)
        if kind == SpeakerKind.ORGANIZATION.value and head.lemma_.lower() in ANONYMOUS_HEADS:
            entity_id, affiliation = affiliation, None
            return Speaker(entity_id, span.text, kind, span.start_char, span.end_char)
    return Speaker(
        entity.id if entity else None,
        span.text,
        kind,
        span.start_char,
        span.end_char,
        affiliation=affiliation,
    )


def needs_antecedent(doc: Doc, found: Found) -> bool:
    """True for pronouns and bare titles ("he", "the envoy") that stand for someone named before."""
    head = doc[found.head]
    if head.lower_ in PRONOUNS and found.end - found.start == 1:
        return True
    return (
        head.lemma_.lower() in TITLE_HEADS
        and head.pos_ == "NOUN"
        and found.end - found.start <= 3
        and doc[found.start].lower_ == "the"
        and not any(t.pos_ == "PROPN" for t in doc[found.start : found.end])
    )


def resolve(
    speaker: Speaker, doc: Doc, found: Found, earlier: list[Speaker], entities: list[Entity]
) -> Speaker:
    """Resolve a pronoun or title speaker to the last named speaker (or person entity) before it.

    Args:
        speaker: the speaker as found, text and offsets of the pronoun or title.
        doc: the Doc.
        found: its phrase in the parse.
        earlier: named speakers of earlier attributions, in text order.
        entities: the article's entities.

    Returns:
        the speaker with `entity`, `kind` and `antecedent` filled from the referent.
    """
    head = doc[found.head]
    if head.lower_ in THING_PRONOUNS or head.lower_ == "you":
        return speaker  # "it", "which", "that", "who": references.resolve_thing
    plural = head.lower_ in {"they", "we"}
    before = [p for p in earlier if p.start is None or p.start < (speaker.start or 0)]
    persons = [p for p in before if (p.kind == SpeakerKind.PERSON.value) != plural]
    others = [p for p in before if p.kind in (SpeakerKind.PERSON.value, SpeakerKind.ORGANIZATION.value)]
    if persons or others:
        prior = (persons or others)[-1]
        resolved = with_antecedent(speaker, prior)
        if not plural:
            resolved = Speaker(
                resolved.entity,
                resolved.text,
                SpeakerKind.PERSON.value,
                resolved.start,
                resolved.end,
                resolved.affiliation,
                resolved.antecedent,
            )
        return resolved
    if not plural:
        for entity in sorted(
            entities,
            key=lambda e: -max((m.start for m in e.mentions if m.end <= (speaker.start or 0)), default=-1),
        ):
            if entity.type == "PERSON" and any(m.end <= (speaker.start or 0) for m in entity.mentions):
                return Speaker(
                    entity.id,
                    speaker.text,
                    SpeakerKind.PERSON.value,
                    speaker.start,
                    speaker.end,
                    antecedent=Span(*_last_mention(entity, speaker.start or 0)),
                )
    return speaker


def _last_mention(entity: Entity, before: int) -> tuple[int, int, str]:
    m = max((m for m in entity.mentions if m.end <= before), key=lambda m: m.start)
    return m.start, m.end, m.text


def with_antecedent(speaker: Speaker, prior: Speaker) -> Speaker:
    antecedent = prior.antecedent
    if antecedent is None and prior.start is not None and prior.end is not None:
        antecedent = Span(prior.start, prior.end, prior.text)
    return Speaker(
        prior.entity,
        speaker.text,
        prior.kind,
        speaker.start,
        speaker.end,
        affiliation=prior.affiliation,
        antecedent=antecedent,
    )
