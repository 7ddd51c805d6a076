"""Short references ("the organization", "the PM", "he", "she") resolved only when unambiguous.

A reference resolves to an entity when exactly one compatible entity is a candidate; anything else stays
unresolved: we never guess. Resolved references are added to an entity's mentions, not to its aliases.
- Pronouns ("he", "she"): the people of its own sentence up to the pronoun or, when there are none, of the
  sentence before, less those whose gender the text contradicts (an honorific "Mr"/"Ms", a gendered title
  "spokeswoman", a pronoun already resolved to them). People are the named persons and the unnamed ones
  ("a Russian diplomat", "the source"; a noun in a named person's role is that person). It resolves only
  to a lone named person; two candidates of unknown gender, or an unnamed one (a "place" no gazetteer knows
  counts as one: the model may have mistyped a person), leave it unresolved, and so
  does a pronoun inside a quotation (the quoted speaker's, about people we may not see).
- Titles ("the PM", "the president", "the foreign minister"): the persons named before it in the article
  whose role - read from the text, or from the gazetteer's dated roles on the article's date - ends with
  that title, without a qualifier the reference lacks ("first deputy prime minister" is not "the PM",
  "former president" not "the president"). A person of unknown role named near the reference (this
  sentence or the one before) could hold the title too: then it stays unresolved. A title that describes
  someone else ("first deputy of the PM"), carries its own complement ("the president of Russia") or
  introduces a name ("the president, Joe Biden") is no reference.
- Organization nouns ("the organization", "the group", "the militia", "the ministry"): the organizations
  of a compatible kind named earlier in this sentence (its antecedent: "the Front said ... joining the
  organization") or, when there are none, in the sentence before; an organization introduced without a
  name ("a little-known group calling itself ...") there leaves it unresolved, like two candidates.
The Matcher is built once per vocabulary.
"""

from __future__ import annotations

import re
from typing import Any

from spacy.attrs import LOWER, TAG
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from reportedly.extract.entities.clusters import Cluster
from reportedly.extract.entities.mentions import Mention
from reportedly.extract.entities.roles import find_roles
from reportedly.gazetteer import Gazetteer
from reportedly.model import Role
from reportedly.nlp.doctext import children, doc_text

# Organization nouns -> the gazetteer kinds they may refer to (None: an organization the gazetteer lacks).
ORG_NOUN_KINDS: dict[str, frozenset[str | None]] = {
    "organization": frozenset({"organization", "international_organization", "armed_group", None}),
    "organisation": frozenset({"organization", "international_organization", "armed_group", None}),
    "group": frozenset({"organization", "armed_group", None}),
    "movement": frozenset({"organization", "armed_group", None}),
    "militia": frozenset({"armed_group"}),
    "ministry": frozenset({"government"}),
    "agency": frozenset({"media", "international_organization", "government"}),
    "alliance": frozenset({"international_organization", "organization"}),
    "company": frozenset({"organization", None}),
}
# Nouns that must also appear in the organization's name ("the ministry" -> "Ministry of Foreign Affairs").
NAME_BOUND_NOUNS = frozenset({"ministry", "agency", "alliance", "company"})
TITLE_HEADS = frozenset(
    {
        "president",
        "pm",
        "premier",
        "minister",
        "chancellor",
        "envoy",
        "ambassador",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "king",
        "queen",
        "emir",
        "governor",
        "mayor",
        "commander",
        "secretary",
    }
)
TITLE_MODIFIERS = frozenset(
    {"prime", "foreign", "defence", "defense", "interior", "finance", "special", "deputy", "vice", "supreme"}
)
# Words before a role's title that make it another office ("deputy prime minister", "former president").
OTHER_OFFICE = frozenset({"deputy", "vice", "former", "late", "ex", "acting", "assistant", "junior", "first"})
EXPANSIONS = {"pm": ("prime", "minister"), "premier": ("prime", "minister"), "defense": ("defence",)}
# A title reference stands as subject, object, possessor or object of a preposition other than "of".
REF_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "poss", "dative"})
# Words that give a person's gender: honorifics before or in the name, gendered titles, pronouns.
MALE_CUES = frozenset(
    "mr sir lord king prince mullah mawlawi maulvi sheikh shaikh father brother spokesman chairman he".split()  # noqa: SIM905
)
FEMALE_CUES = frozenset(
    "mrs ms miss madam dame lady queen princess sister spokeswoman chairwoman she".split()  # noqa: SIM905
)
# Nouns for people a pronoun may stand for when the text does not name them.
HUMAN_NOUNS = frozenset(
    """
    source official diplomat spokesman spokeswoman spokesperson minister envoy man woman soldier commander
    leader president ambassador officer journalist reporter witness resident driver suspect victim boy girl
    father mother son daughter brother sister wife husband friend lawyer doctor analyst expert member
    negotiator mediator representative aide adviser advisor governor mayor fighter militant gunman
    """.split()  # noqa: SIM905
)
MALE_NOUNS = frozenset({"man", "boy", "father", "son", "brother", "husband", "gunman"})
FEMALE_NOUNS = frozenset({"woman", "girl", "mother", "daughter", "sister", "wife"})
# A pronoun inside a quotation is the quoted speaker's, about people we may not see: left unresolved.
_QUOTE_OPEN, _QUOTE_CLOSE = "“«", "”»"
INDEFINITES = frozenset({"a", "an", "another", "one"})
_ROLE_CUT = re.compile(r"\s(?:of|for|to|at|in|with|on)\s.*$")
# Built once per vocabulary. The vocab is kept with its matcher so its id can never be reused by another
# vocab while cached (a stale Matcher on a new vocab fails with spaCy's E018).
_MATCHERS: dict[int, tuple[Vocab, Matcher]] = {}


def _matcher(vocab: Vocab) -> Matcher:
    cached = _MATCHERS.get(id(vocab))
    if cached is None or cached[0] is not vocab:
        matcher = Matcher(vocab)
        matcher.add("ORG_REF", [[{"LOWER": "the"}, {"LOWER": {"IN": sorted(ORG_NOUN_KINDS)}}]])
        # One pattern per pronoun: an exact first token is compared in C, a set is a Python call per token.
        matcher.add("PERSON_REF", [[{"LOWER": word, "POS": "PRON"}] for word in ("he", "she")])
        title: list[dict[str, Any]] = [
            {"LOWER": "the"},
            {"LOWER": {"IN": sorted(TITLE_MODIFIERS)}, "OP": "*"},
            {"LOWER": {"IN": sorted(TITLE_HEADS)}},
        ]
        matcher.add("TITLE_REF", [title], greedy="LONGEST")
        cached = _MATCHERS[id(vocab)] = (vocab, matcher)
    return cached[1]


def title_words(text: str) -> tuple[str, ...]:
    """A title's words up to its complement, lower case, abbreviations expanded: "the PM" -> ("prime",
    "minister"); "Russian envoy for Afghanistan" -> ("russian", "envoy")."""
    text = _ROLE_CUT.sub("", text.casefold().replace("-", " ").replace("’", "'"))
    out: list[str] = []
    for word in text.split():
        out.extend(EXPANSIONS.get(word, (word,)))
    return tuple(w for w in out if w not in ("the", "a", "an"))


def title_fits(reference: tuple[str, ...], role: tuple[str, ...]) -> bool:
    """Whether a role's title words end with the reference's, with no other-office qualifier before them
    that the reference lacks."""
    n = len(reference)
    if not n or len(role) < n or role[-n:] != reference:
        return False
    return not any(w in OTHER_OFFICE or w.startswith("ex") and "-" in w for w in role[:-n])


def _text_roles(doc: Doc, c: Cluster, taken: frozenset[int]) -> list[Role]:
    """The titles the text gives a person, with their evidence spans."""
    return [r for m in c.mentions if m.how == "name" for r in find_roles(doc, m.tok_start, m.tok_end, taken)]


def _dated_titles(c: Cluster, gaz: Gazetteer | None, date: str | None) -> list[str]:
    """The gazetteer's titles of a person valid on `date` (none without a date)."""
    entry = gaz.get(c.kb) if gaz and c.kb else None
    titles = []
    for role in entry.roles if entry and date else ():
        start, end = str(role.get("from") or "0000"), str(role.get("to") or "9999")
        if role.get("title") and start[: len(date or "")] <= (date or "") <= end[: len(date or "")] + "~":
            titles.append(str(role["title"]))
    return titles


def _nominal_humans(doc: Doc, taken: frozenset[int], roles: list[Role]) -> list[tuple[int, str]]:
    """Unnamed people ("a Russian diplomat", "the source") as (char offset, gender "m", "f" or ""): each
    could be what a pronoun stands for. Nouns inside a named person's role ("Karimi, the spokesman") are
    that person, not another one."""
    out = []
    common = doc.vocab.strings["NN"]
    for tok in (doc[i] for i, tag in enumerate(doc.to_array(TAG).tolist()) if tag == common):  # no Token else
        if tok.i in taken or (tok.lemma_.lower() or tok.lower_) not in HUMAN_NOUNS:
            continue
        if any(r.start <= tok.idx < r.end for r in roles):
            continue
        word = tok.lower_
        out.append(
            (
                tok.idx,
                "m" if word in MALE_CUES | MALE_NOUNS else "f" if word in FEMALE_CUES | FEMALE_NOUNS else "",
            )
        )
    return out


def _gender(doc: Doc, c: Cluster, roles: list[str]) -> set[str]:
    """The genders the text gives a person: honorifics before or in its names, gendered titles, pronouns."""
    cues = {w for r in roles for w in title_words(r)}
    for m in c.mentions:
        if m.how == "reference":
            cues.add(m.text.casefold())
        elif m.tok_start > 0:
            cues.add(doc[m.tok_start - 1].lower_.rstrip("."))
        cues.add(m.text.split()[0].casefold().rstrip(".") if m.text.split() else "")
    return ({"m"} if cues & MALE_CUES else set()) | ({"f"} if cues & FEMALE_CUES else set())


def _in_quote(text: str, idx: int) -> bool:
    """Whether the character at `idx` lies inside a quotation of its paragraph (curly or straight quotes)."""
    para = text[text.rfind("\n", 0, idx) + 1 : idx]
    curly = sum(para.count(q) for q in _QUOTE_OPEN) > sum(para.count(q) for q in _QUOTE_CLOSE)
    return curly or para.count('"') % 2 == 1


def _named_in(c: Cluster, start: int, end: int) -> bool:
    return any(start <= m.start < end and m.how != "reference" for m in c.mentions)


def _is_title_reference(span: Span) -> bool:
    """A title standing for a person: subject, object or possessor, with no complement or name of its own."""
    head = span[-1]
    if head.dep_ not in REF_DEPS or any(c.dep_ in ("appos", "prep", "compound") for c in head.rights):
        return False
    if head.dep_ == "pobj" and head.head.lower_ == "of":
        return False  # "first deputy of the PM": part of someone else's title
    nxt = head.doc[head.i + 1] if head.i + 1 < len(head.doc) else None
    return nxt is None or nxt.pos_ != "PROPN"


class _Resolver:
    """The state of one article's resolution: its clusters, the sentences and what each person holds."""

    def __init__(self, doc: Doc, clusters: list[Cluster], gaz: Gazetteer | None, date: str | None) -> None:
        self.doc, self.clusters = doc, clusters
        self.text = doc_text(doc)  # spaCy rebuilds doc.text from every token on each access: read it once
        self.sents = list(doc.sents)
        self.taken = frozenset(i for c in clusters for m in c.mentions for i in range(m.tok_start, m.tok_end))
        # Ambiguous surnames ("Massoud" after two Massouds) are candidates that block, never antecedents.
        persons = [c for c in clusters if c.label == "PERSON"]
        text_roles = {id(c): [] if c.ambiguous else _text_roles(doc, c, self.taken) for c in persons}
        self.roles = {
            id(c): [r.text for r in text_roles[id(c)]] + ([] if c.ambiguous else _dated_titles(c, gaz, date))
            for c in persons
        }
        spans = [r for rs in text_roles.values() for r in rs]
        self.nominals = _nominal_humans(doc, self.taken, spans)
        # "A little-known group calling itself ...": an organization the text introduces without a name we
        # know; "the group" after it may be that one.
        strings = doc.vocab.strings
        kinds = {strings[word] for word in ORG_NOUN_KINDS}  # their hashes: no Token made for other words
        self.new_groups = [
            t.idx
            for t in (doc[i] for i, lower in enumerate(doc.to_array(LOWER).tolist()) if lower in kinds)
            if t.i not in self.taken
            and any(c.dep_ == "det" and c.lower_ in INDEFINITES for c in children(t))
        ]
        # A "place" neither geonames nor the gazetteer knows may be a person the model mistyped ("Karimi"
        # tagged GPE): it blocks a pronoun like an unnamed person.
        self.nominals += [
            (m.start, "")
            for c in clusters
            if c.label in ("GPE", "LOC", "FAC") and not c.kb and not any(m.place for m in c.mentions)
            for m in c.mentions
        ]
        entries = {id(c): gaz.get(c.kb) if gaz and c.kb else None for c in clusters}
        self.kinds = {key: entry.kind if entry else None for key, entry in entries.items()}
        self.gaz = gaz

    def window(self, start: int) -> tuple[int, int]:
        """Char range of the sentence before the token at `start` and its own sentence up to it."""
        sent = self.doc[start].sent
        index = next(i for i, s in enumerate(self.sents) if s.start == sent.start)
        return (self.sents[index - 1].start_char if index else sent.start_char), self.doc[start].idx

    def persons(self) -> list[Cluster]:
        return [c for c in self.clusters if id(c) in self.roles]

    def pronoun(self, start: int) -> Cluster | None:
        """Its own sentence first, then the one before: the first with a compatible person decides, and
        resolves only when that person is the only one there and is named."""
        if _in_quote(self.text, self.doc[start].idx):
            return None
        gender = "m" if self.doc[start].lower_ == "he" else "f"
        sent_lo, hi = self.doc[start].sent.start_char, self.doc[start].idx
        prev_lo, _ = self.window(start)
        for lo, up in ((sent_lo, hi), (prev_lo, sent_lo)):
            named = [
                c
                for c in self.persons()
                if _named_in(c, lo, up) and _gender(self.doc, c, self.roles[id(c)]) <= {gender}
            ]
            unnamed = [g for i, g in self.nominals if lo <= i < up and g in ("", gender)]
            if named or unnamed:
                return named[0] if len(named) == 1 and not unnamed and not named[0].ambiguous else None
        return None

    def title(self, span: Span) -> Cluster | None:
        if not _is_title_reference(span):
            return None
        ref = title_words(span.text)
        before = [c for c in self.persons() if _named_in(c, 0, span.start_char)]
        fits = [c for c in before if any(title_fits(ref, title_words(r)) for r in self.roles[id(c)])]
        lo, hi = self.window(span.start)
        unknown = [c for c in before if not self.roles[id(c)] and _named_in(c, lo, hi)]
        return fits[0] if len(fits) == 1 and not unknown else None

    def organization(self, span: Span) -> Cluster | None:
        noun = span[-1].lower_
        kinds = ORG_NOUN_KINDS[noun]

        def fits(c: Cluster) -> bool:
            if c.label != "ORG" or self.kinds[id(c)] not in kinds:
                return False
            names = c.names(self.gaz) if self.gaz else [m.text for m in c.mentions]
            return noun not in NAME_BOUND_NOUNS or any(noun in n.casefold() for n in names)

        sent_lo, hi = span.sent.start_char, span.start_char
        prev_lo, _ = self.window(span.start)
        for lo, up in ((sent_lo, hi), (prev_lo, sent_lo)):
            named = [c for c in self.clusters if fits(c) and _named_in(c, lo, up)]
            unnamed = [i for i in self.new_groups if lo <= i < up]
            if named or unnamed:
                return named[0] if len(named) == 1 and not unnamed else None
        return None


def resolve_references(
    doc: Doc, clusters: list[Cluster], gaz: Gazetteer | None = None, date: str | None = None
) -> list[Cluster]:
    """Add the unambiguous short references of `doc` to their clusters (in place) and return the clusters.

    Args:
        doc: the parsed article.
        clusters: the article's entity clusters.
        gaz: the gazetteer (entity kinds, dated roles); without it only the text is used.
        date: the article's date (YYYY[-MM[-DD]]) for the gazetteer's dated roles; None uses none of them.
    """
    matches = sorted(_matcher(doc.vocab)(doc), key=lambda m: m[1])
    if not matches:
        return clusters  # no short reference: no roles or unnamed people to compute
    resolver = _Resolver(doc, clusters, gaz, date)
    for match_id, start, end in matches:
        if any(i in resolver.taken for i in range(start, end)):
            continue
        span, kind = doc[start:end], doc.vocab.strings[match_id]
        if kind == "ORG_REF":
            found, label = resolver.organization(span), "ORG"
        elif kind == "TITLE_REF":
            found, label = resolver.title(span), "PERSON"
        else:
            found, label = resolver.pronoun(start), "PERSON"
        if found is not None:
            found.mentions.append(
                Mention(span.start_char, span.end_char, span.text, label, start, end, how="reference")
            )
    return clusters
