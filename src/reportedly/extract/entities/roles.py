"""Roles and titles of people, read from the parse, each with its evidence span.

Patterns (all from the dependency parse of en_core_web_sm, so no per-name loops):
- appositive after the name: "Bilal Karimi, deputy spokesman for the Islamic Emirate";
- the name as appositive of a title: "The Russian envoy for Afghanistan, Zamir Kabulov";
- a title before the name: "late former Afghan guerrilla commander Ahmad Shah Massoud", "Foreign Minister
  Sergei Lavrov", "Ukrainian President Volodymyr Zelenskiy";
- a title whose complement the parser ran into the name: "Russia's special envoy for Afghanistan Zamir
  Kabulov" (parsed "for [Afghanistan Zamir Kabulov]") -> "Russia's special envoy for Afghanistan";
- "<group> led by <name>": "the Islamic Emirate delegation led by Amir Khan Mutaqqi" -> "led the Islamic
  Emirate delegation" (only when the group names an entity: "the only defiant group led by" is no role).
Kinship appositives ("the son of ...") are relations, not roles, and are skipped.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from reportedly.extract.names import HONORIFICS
from reportedly.model import Role
from reportedly.nlp.doctext import children

KINSHIP = frozenset(
    {
        "son",
        "daughter",
        "father",
        "mother",
        "brother",
        "sister",
        "wife",
        "husband",
        "uncle",
        "aunt",
        "nephew",
        "niece",
        "cousin",
        "widow",
        "grandson",
        "granddaughter",
        "child",
    }
)
# Children of a title noun that belong to the title ("deputy spokesman for X"); anything after the first
# comma, conjunction or other dependency ends it ("the leader of X, and Ismail Khan").
TITLE_CHILD_DEPS = frozenset({"det", "amod", "compound", "nmod", "poss", "nummod", "prep", "case", "pobj"})
TITLE_PREPS = frozenset({"of", "for", "to", "at", "with"})
LEADING_SKIP = frozenset({"the", "a", "an", ","})
PLACE_TYPES = frozenset({"GPE", "LOC"})
# Forms of address that are no office: "Mawlawi Amir Khan Muttaqi", "Mr Karimi".
COURTESY = frozenset(
    "mr mrs ms miss mullah mulla mawlawi maulvi mawlavi molvi maulana haji hajji alhaji hazrat sayyid sayed "  # noqa: SIM905
    "syed seyed sheikh shaikh ustad qari mian daw sir".split()
)
# Longest role kept, in tokens: longer appositives are clauses, not titles.
MAX_ROLE_TOKENS = 12


def _title_range(head: Token, stop: int | None = None) -> tuple[int, int]:
    """Token range of a title noun with its modifiers, cut at the first comma/conjunction after it."""
    start = head.i
    for child in head.lefts:
        if child.dep_ in TITLE_CHILD_DEPS and (stop is None or child.i < stop):
            start = min(start, child.left_edge.i)
    end = head.i + 1
    for child in head.rights:
        if stop is not None and child.i >= stop:
            break
        if child.dep_ != "prep" or child.lower_ not in TITLE_PREPS:
            break
        end = child.right_edge.i + 1 if stop is None else min(child.right_edge.i + 1, stop)
    while start < end and head.doc[start].lower_ in LEADING_SKIP:
        start += 1
    while end > start and head.doc[end - 1].is_punct:
        end -= 1
    return start, end


def _title_of(head: Token) -> Token:
    """The title an appositive name belongs to: "envoy" when the parser hung the name on the title's
    complement ("Russia's special envoy for Afghanistan, Zamir Kabulov" -> appos of "Afghanistan")."""
    prep = head.head
    if (
        head.pos_ == "PROPN"
        and head.dep_ == "pobj"
        and prep.dep_ == "prep"
        and prep.lower_ in TITLE_PREPS
        and prep.head.pos_ == "NOUN"
    ):
        return prep.head
    return head


def _role(doc: Doc, start: int, end: int, text: str | None = None) -> Role | None:
    if end <= start or end - start > MAX_ROLE_TOKENS:
        return None
    span = doc[start:end]
    if not any(t.pos_ in ("NOUN", "PROPN") for t in span) or span.root.lower_ in KINSHIP:
        return None
    if "\n" in span.text or all(t.is_upper for t in span if t.is_alpha):
        return None  # a dateline or headline fragment ("PM ET"), not a title
    if all(t.lower_.rstrip(".") in COURTESY for t in span) or all(t.ent_type_ in PLACE_TYPES for t in span):
        return None  # "Mawlawi", "Mr": a form of address; "Afghanistan": a place, not a title
    return Role(text or span.text, span.start_char, span.end_char)


def _led_by(doc: Doc, root: Token, entity_tokens: frozenset[int]) -> Role | None:
    by = root.head
    if root.dep_ != "pobj" or by.dep_ != "agent" or by.head.lemma_ != "lead" or by.head.dep_ != "acl":
        return None
    group = by.head.head
    start, end = _title_range(group, stop=by.head.i)
    if not any(i in entity_tokens for i in range(start, end)):
        return None
    words = doc[start:end].text
    evidence = doc[start : by.i + 1]
    article = "" if any(c.dep_ == "poss" for c in children(group)) else "the "  # "led Niger's junta"
    return Role(f"led {article}{words}", evidence.start_char, evidence.end_char)


def find_roles(doc: Doc, tok_start: int, tok_end: int, entity_tokens: frozenset[int]) -> list[Role]:
    """Roles given to the person named by tokens [tok_start, tok_end).

    Args:
        doc: the parsed article.
        tok_start: first token of the name.
        tok_end: one past its last token.
        entity_tokens: token indices inside any entity mention (for the "led by" pattern).

    Returns:
        roles in text order, each with its evidence span.
    """
    name = doc[tok_start:tok_end]
    root = name.root
    roles: list[Role | None] = []
    lefts = [t for t in root.lefts if t.i < tok_start and t.dep_ in ("compound", "amod", "nmod")]
    # A title noun, or a capitalized title ("Foreign Minister", "Ukrainian President").
    if any(t.pos_ == "NOUN" or (t.pos_ == "PROPN" and t.lower_ in HONORIFICS) for t in lefts):
        start = min(t.left_edge.i for t in lefts)
        roles.append(_role(doc, *_trim_left(doc, start, tok_start)))
    if root.dep_ == "appos" and root.head.i < tok_start:
        roles.append(_role(doc, *_title_range(_title_of(root.head), stop=tok_start)))
    for child in root.rights:
        if child.dep_ == "appos" and child.i >= tok_end:
            roles.append(_role(doc, *_title_range(child)))
    roles.append(_run_in_title(doc, root, tok_start))
    roles.append(_led_by(doc, root, entity_tokens))
    return [r for r in roles if r is not None]


def _run_in_title(doc: Doc, root: Token, tok_start: int) -> Role | None:
    """ "<title> for <Place> <Name>": the name is the object of the title's preposition, after a place."""
    prep = root.head
    if root.dep_ != "pobj" or prep.dep_ != "prep" or prep.lower_ not in TITLE_PREPS or prep.i >= tok_start:
        return None
    title, between = prep.head, doc[prep.i + 1 : tok_start]
    if title.pos_ != "NOUN" or not len(between) or any(t.ent_type_ not in PLACE_TYPES for t in between):
        return None
    start, _ = _title_range(title, stop=title.i + 1)
    return _role(doc, start, tok_start)


def _trim_left(doc: Doc, start: int, end: int) -> tuple[int, int]:
    while start < end and doc[start].lower_ in LEADING_SKIP:
        start += 1
    return start, end
