"""Finding attributions in the parse: cue, speaker phrase and content, before linking and relays.

Each finder returns `Draft`s (token and character ranges only). Finders, in order: reporting
verbs with a clause, a quotation or an object; "according to X" / "as per X"; "there were reports
that" and "it was reported that"; then the quotations no cue claimed (dash- and colon-introduced,
and floating quotes that continue the last speaker).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Token

from reportedly.clean.boilerplate import is_boilerplate
from reportedly.extract import wordnet
from reportedly.extract.attribution.propositions import (
    PROPOSITION_OBJECT_VERBS,
    REFLEXIVE_PRONOUNS,
    finds_a_thing,
    is_bare_value,
    is_party,
    is_proposition,
    names_a_source,
    names_without_predicate,
    second_object,
)
from reportedly.extract.attribution.quotemarks import Quote
from reportedly.extract.attribution.relays import OUTLET_VERBS
from reportedly.extract.attribution.speakers import SPEAKER_CLASSES, Found, phrase, subject_of
from reportedly.extract.cues import (
    ADDRESSEE_VERBS,
    CLAUSE_DEPS,
    CUE_LEMMAS,
    FINDING_VERBS,
    LEARNED_OBJECT_VERBS,
    OBJECT_CONTENT_VERBS,
    SPEECH_VERBS,
    cue_bounds,
    is_cognition,
    prep_of,
)
from reportedly.nlp.doctext import children, tokens

# Fewest words for a quotation to stand as a statement: shorter ones are scare quotes ("crazy").
MIN_QUOTE_WORDS = 4
# Most tokens between a quotation and its cue ("...,” Kabulov, the envoy, told TASS).
MAX_QUOTE_GAP = 12
# Longest tail cut from a content as a relay or inverted cue (", reported Tolo News").
MAX_TAIL_TOKENS = 14
# Verbs that make a content's tail an inverted cue or a relay (", reported Tolo News", ", he added").
TAIL_VERBS = frozenset(
    {"say", "tell", "add", "report", "note", "write", "state", "announce", "claim", "explain"}
)
# The tail's verb comes within this many tokens of its comma (", the minister told reporters").
TAIL_VERB_WITHIN = 6
# A content ending just before closing punctuation and a quote mark takes them in (`"a terrible mistake,"`).
_CLOSING = re.compile(r"[.,!?]?(”|\"|''|’)")
# Verbs whose direct object may be the content: speech verbs and verbs learned from PolNeAR.
OBJECT_OK = SPEECH_VERBS | LEARNED_OBJECT_VERBS
# Dependents after an object that stay in an object content ("as baseless", "with Tehran", "last year").
OBJECT_TAIL_DEPS = frozenset({"prep", "npadvmod", "oprd", "advmod", "xcomp"})
# A line opening with a name and a colon ("Sanders: ..."), the words after it not a quotation.
_NAME_COLON = re.compile(r"(?m)^[ \t]*([^\n:“”\"'‘’]{2,40}?):[ \t]+([^\s“\"‘'][^\n]*)")
# How many heads up from a quotation its clause's verb may sit ("as a [“...”]": noun, preposition, verb).
MAX_INLINE_HOPS = 4
# A colon that ends a paragraph, then the next paragraph (a block quotation without its marks).
_COLON_BLOCK = re.compile(r":[ \t]*\n(?:[ \t]*\n)?[ \t]*([^\n]+)")
# Marks that open a quotation: a paragraph opening with one is a quotation of its own.
QUOTE_OPENERS = frozenset("“”\"«„‘'`")
# Longest name before such a colon ("Sen. Bernie Sanders").
MAX_COLON_NAME_TOKENS = 4
# Verbs whose infinitive is no claim of theirs ("seems to", "continued to"): every other cue takes one.
XCOMP_NEVER = frozenset({"seem", "appear", "continue", "go", "come"})


@dataclass(slots=True)
class Draft:
    """An attribution before linking: token ranges of cue and speaker, characters of content."""

    cue: tuple[int, int]  # characters
    verb: int | None  # token index of the cue's verb, when there is one
    speaker: Found | None
    content: tuple[int, int]  # characters
    direct: bool
    extractor: str
    follows: Draft | None = None  # the attribution a floating quote continues
    how: str = ""  # where a verb's content came from: quote, clause, prep, object, open_object, ...
    side: tuple[int, int] | None = None  # a parenthetical speaker's other side (characters; split.py)

    @property
    def order(self) -> int:
        """Position in text order: where the attribution starts."""
        return min(self.content[0], self.cue[0])


def _chars(doc: Doc, start: int, end: int) -> tuple[int, int]:
    span = doc[start:end]
    return span.start_char, span.end_char


def _close_quote(text: str, content: tuple[int, int]) -> tuple[int, int]:
    """Take in the closing mark of a quotation the content ends inside: `was "a terrible mistake,"`."""
    start, end = content
    m = _CLOSING.match(text, end)
    if m and text.count("“", start, end) + text.count('"', start, end) + text.count("''", start, end) > 0:
        return start, m.end()
    return content


def trim_content(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Token range of a content without its "that", edge punctuation and a relay tail.

    Args:
        doc: the Doc.
        start: first token of the raw content.
        end: token after the raw content.

    Returns:
        the trimmed (start, end) token range.
    """
    toks = tokens(doc)  # each doc[i] would make a new Token: these loops read every token twice
    if end - start > 1 and toks[start].dep_ == "mark" and toks[start].lower_ in ("that", "whether", "if"):
        start += 1 if toks[start].lower_ == "that" else 0
    for i in range(start + 1, end - 1):
        # "... be fired and defended Trump": a coordinated reporting verb starts another claim.
        after = toks[i + 1]
        if (
            toks[i].dep_ == "cc"
            and after.dep_ == "conj"
            and after.lemma_ in CUE_LEMMAS
            and after.tag_ in ("VBD", "VBZ")
        ):
            end = i
            break
    root = doc[start:end].root
    for i in range(start + 1, end - 1):
        # ", giving cover to ...": a participle hung on the content's verb is the speaker's doing, not words.
        after = (
            toks[i + 2] if toks[i + 1].lower_ in ("while", "before", "after") and i + 2 < end else toks[i + 1]
        )
        if toks[i].text == "," and after.tag_ == "VBG" and after.dep_ == "advcl" and after.head.i != root.i:
            end = i
            break
    for i in range(max(start + 1, end - MAX_TAIL_TOKENS), end):
        tok = toks[i]
        if tok.text != "," or i + 1 >= end:
            continue
        tail = doc[i + 1 : end]
        if any(t.lemma_ in TAIL_VERBS and t.pos_ == "VERB" for t in tail[:TAIL_VERB_WITHIN]) or (
            tail[0].lower_ in ("according", "as") and len(tail) > 1 and tail[1].lower_ in ("to", "per")
        ):
            end = i
            break
    while end > start and (
        toks[end - 1].is_punct and toks[end - 1].text in ",;:—-–" or toks[end - 1].is_space
    ):
        end -= 1
    while start < end and (toks[start].is_punct and toks[start].text in ",;:—-–" or toks[start].is_space):
        start += 1
    return start, end


def _quote_after(doc: Doc, end_tok: int, quotes: list[Quote], text: str) -> Quote | None:
    """A quotation opening right after token `end_tok - 1` (past a colon, comma or "that")."""
    if end_tok >= len(doc):
        return None
    pos = doc[end_tok - 1].idx + len(doc[end_tok - 1])
    for q in quotes:
        if q.open >= pos:
            gap = text[pos : q.open].strip()
            return q if gap in ("", ":", ",", "that", ": ") and q.words >= MIN_QUOTE_WORDS else None
    return None


def _quote_before(
    doc: Doc, first_tok: int, quotes: list[Quote], allowed: set[int], text: str
) -> Quote | None:
    """A quotation closing just before token `first_tok`, with only punctuation or speaker words between."""
    pos = doc[first_tok].idx
    best = None
    for q in quotes:
        if q.close > pos:
            break
        best = q
    if best is None or best.words < MIN_QUOTE_WORDS:
        return None
    between = doc.char_span(best.close, pos, alignment_mode="expand")
    if between is None or len(between) > MAX_QUOTE_GAP or "\n" in text[best.close : pos]:
        return None
    if all(t.is_punct or t.i in allowed or t.is_space for t in between):
        return best
    return None


def _closes_a_sentence(text: str, quote: Quote) -> bool:
    """True when a quotation's words end with a full stop ('... our policy.'' The network said'): a
    speaker after it opens a new sentence ('“We will win,” he said' ends with a comma)."""
    return text[quote.start : quote.end].rstrip().endswith(".")


def _has_clause_after(verb: Token) -> bool:
    """True when a verb governs a clause of its own after it ("said it would send ...")."""
    return any(c.dep_ == "ccomp" and c.i > verb.i for c in children(verb))


def _mixed_start(verb: Token, quote: Quote) -> int | None:
    """The first token of the clause a quotation closing before `verb` ends, when the quotation is
    part of it: 'The plan sends a message that the priority "is increasing the tax at the top," Mr.
    Kamin said' credits Mr. Kamin with the whole clause, the quoted words its last part. The
    quotation's own head lies before its opening mark in the sentence (not the cue: '“We will
    win,” he said'); the clause is that head's highest ancestor before the mark. None otherwise.
    """
    doc = verb.doc
    inside = doc.char_span(quote.start, quote.end, alignment_mode="expand")
    if inside is None or not len(inside):
        return None
    head = inside.root.head
    if head.i >= inside.start or head.idx >= quote.open or head.sent.start != verb.sent.start:
        return None
    while head.head.i != head.i and head.head.i != verb.i and head.head.idx < quote.open:
        head = head.head
    # the clause and the cue are one sentence's two halves: the clause is what the verb says, or the
    # verb of saying is inserted in it ("..., he said"; not "... when she added the words")
    if not (
        (head.head.i == verb.i and head.dep_ in ("ccomp", "parataxis"))
        or (verb.head.i == head.i and verb.dep_ in ("ccomp", "parataxis"))
    ):
        return None
    if any(c.dep_ in ("dobj", "ccomp") and c.i > verb.i for c in children(verb)):
        return None  # the verb's own words follow it: "she added the words, ..."
    start = head.left_edge.i
    while start < inside.start and (doc[start].is_punct or doc[start].is_space):
        start += 1
    return start if start < inside.start and head.i != verb.i else None


def _clause_content(verb: Token, cue_end: int, open_object: bool) -> tuple[tuple[int, int], str] | None:
    """The content a verb governs and how it was found: its clause, a preposition's object, its object.

    `open_object` lets any verb take its direct object (a candidate for the learned filter); the
    rules alone let only speech verbs and learned object verbs do so ("open_object" marks the others).
    """
    doc = verb.doc
    verbs = [verb] + [c for c in verb.conjuncts if c.i > verb.i and c.i < cue_end]
    for v in verbs:
        # a clause after the verb first: with one on each side ("Stocks to watch: Tesla says deliveries
        # rose"), the one before is a label or another sentence's words the parser hung on it
        for child in sorted(children(v), key=lambda c: c.i < v.i):
            if child.dep_ in CLAUSE_DEPS:
                if child.dep_ == "xcomp" and (v.lemma_ in XCOMP_NEVER or is_reduced_passive(v)):
                    continue
                if child.dep_ == "xcomp" and not any(
                    t.dep_ == "aux" and t.lower_ == "to" for t in child.lefts
                ):
                    continue
                if v.lemma_ in FINDING_VERBS and any(
                    c.dep_ == "nsubj" and c.lower_ in REFLEXIVE_PRONOUNS for c in children(child)
                ):
                    continue  # "found himself sprawled on the court": where he ended up, no finding
                start = child.left_edge.i
                if child.dep_ == "xcomp":
                    # "urged Democrats to moderate ...": PolNeAR's content takes in the one addressed
                    obj = next((c for c in children(v) if c.dep_ == "dobj" and v.i < c.i < child.i), None)
                    start = obj.left_edge.i if obj is not None else start
                return trim_content(doc, start, child.right_edge.i + 1), "clause"
    if is_cognition(verb):
        return None
    prep = prep_of(verb)
    obj = next((c for c in children(prep) if c.dep_ in ("pobj", "pcomp")), None) if prep is not None else None
    if obj is not None:
        if obj.dep_ == "pobj" and is_party(obj):
            return None  # "referring to the star witnesses": a person is no claim (issue 14)
        return trim_content(doc, obj.left_edge.i, obj.right_edge.i + 1), "prep"
    for v in verbs:
        how = "object"
        if v.lemma_ not in OBJECT_CONTENT_VERBS and (
            v.lemma_ in ADDRESSEE_VERBS or v.lemma_ not in OBJECT_OK
        ):
            if not open_object or v.lemma_ in ADDRESSEE_VERBS:
                continue
            how = "open_object"
        for child in children(v):
            if child.dep_ == "dobj" and child.i > v.i:
                if v.lemma_ in PROPOSITION_OBJECT_VERBS and not is_proposition(child):
                    continue  # "denied the visitors", "wrote his memoir": no claim
                if is_bare_value(child):
                    continue  # "Hillis added 101": a score, no claim
                if names_without_predicate(v, child) or names_a_source(v, child) or finds_a_thing(v, child):
                    continue  # "branded North Korea" (no predicate), "echoing Mr. Putin" (a source),
                    # "found a note" (a thing found)
                # The object with the rest of its verb phrase: "dismissed the claims as baseless".
                rest = [c.right_edge.i for c in v.rights if c.i > child.i and c.dep_ in OBJECT_TAIL_DEPS]
                if (predicate := second_object(v, child)) is not None:
                    rest.append(predicate.right_edge.i)  # "branded North Korea an outlaw nation"
                end = max([child.right_edge.i, *rest]) + 1
                return trim_content(doc, child.left_edge.i, end), how
    return None


# Clauses that open a sentence under its main clause ("Though ...", "If ...", "When ..."): an
# inserted "he said" hung on one of them speaks the whole sentence.
SUBORDINATE_DEPS = frozenset({"advcl"})


def _parenthetical_content(
    verb: Token, cue_start: int, found: Found
) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """The clause an inserted "..., he said." hangs on: its longer side and its other side (tokens).

    Inserted mid-sentence ("The talks, he said, were constructive"), the words run on both sides of
    "he said": the longer side is drafted (the cue filter and the learned end read it), and the
    other is joined to it afterwards (split.py). The parse marks the insertion as a parataxis, hung
    on the clause or on its subject ("The difference now, he told me, is that ..."); where it makes
    the verb of saying the sentence's root instead ("These employees, Stumpf explained, were ..."),
    the speaker set off by commas on both sides says it (`_set_off`).
    """
    doc = verb.doc
    first, last = min(cue_start, found.start), max(verb.right_edge.i, found.end - 1) + 1
    if verb.dep_ == "parataxis":
        head = verb.head
        while head.pos_ not in ("VERB", "AUX") and head.dep_ != "ROOT" and head.head.i != head.i:
            head = head.head  # hung on the clause's subject: the clause is the subject's head
        while head.dep_ in SUBORDINATE_DEPS and head.head.i > verb.i:
            # "Though that transition was seamless, he said, replacing Clinton would be ...": hung on
            # the subordinate clause before it; what he says is the sentence the clause belongs to
            head = head.head
        lo, stop = head.left_edge.i, head.right_edge.i + 1
    elif (comma := _set_off(verb, first)) is not None:
        lo, stop, last = verb.sent.start, verb.sent.end, comma
    else:
        return None
    before = trim_content(doc, lo, first)
    while stop > last and doc[stop - 1].text == ".":
        stop -= 1
    after = trim_content(doc, last, stop) if stop > last else (last, last)
    if not any(t.pos_ in ("VERB", "AUX") for t in [*doc[before[0] : before[1]], *doc[after[0] : after[1]]]):
        return None  # "Yesterday, he told reporters.": no clause to credit
    return (before, after) if before[1] - before[0] >= after[1] - after[0] else (after, before)


def _set_off(verb: Token, first: int) -> int | None:
    """The token after an inserted "..., Stumpf explained earlier, ..." (its closing comma or the
    sentence's end), when a verb of saying and its speaker stand between commas mid-sentence and
    govern no clause of their own."""
    doc, sent = verb.doc, verb.sent
    if verb.lemma_ not in SPEECH_VERBS or first <= sent.start or doc[first - 1].text != ",":
        return None
    for i in range(verb.i + 1, sent.end):
        if doc[i].text == "," or (doc[i].is_punct and i == sent.end - 1):
            return i
        if not verb.is_ancestor(doc[i]) or doc[i].dep_ in CLAUSE_DEPS:
            return None  # words of another phrase than the verb's own ("me on Friday")
    return sent.end


def _inserted_side(
    verb: Token, content: tuple[int, int], cue_start: int, found: Found
) -> tuple[int, int] | None:
    """The clause on the other side of an inserted speaker and cue, when the verb's clause is one side.

    "It was on her watch, the senator said, that ...": the parse hangs "said" on the first clause
    (parataxis) and the second on "said"; "... so bad, Mr. Obama noted, that ...": both clauses hang
    on "noted". Either way the sentence runs over the inserted words, set off by commas on both sides.
    """
    doc = verb.doc
    first, last = min(cue_start, found.start), max(verb.i, found.end - 1) + 1
    if first == 0 or last >= len(doc) or doc[first - 1].text != "," or doc[last].text != ",":
        return None
    # the clause after: the side before is the head clause (parataxis) or a clause child
    if content[0] > last:
        before = next(
            (c for c in children(verb) if c.dep_ in CLAUSE_DEPS and c.right_edge.i == first - 2), None
        )
        if before is not None:
            return trim_content(doc, before.left_edge.i, first)
        if verb.dep_ == "parataxis" and verb.head.i < first:
            return trim_content(doc, verb.head.left_edge.i, first)
        return None
    if content[1] <= first:  # the clause before: the side after is a clause child right after the comma
        after = next((c for c in children(verb) if c.dep_ in CLAUSE_DEPS and c.left_edge.i == last + 1), None)
        if after is not None:
            return trim_content(doc, after.left_edge.i, after.right_edge.i + 1)
    return None


def _inverted_outlet(verb: Token) -> Draft | None:
    """ "The school will close, reported the Daily Star.": the named outlet after the verb speaks."""
    doc = verb.doc
    if verb.lemma_ not in OUTLET_VERBS or verb.i == 0 or doc[verb.i - 1].text != ",":
        return None
    name = next((c for c in verb.rights if c.dep_ in ("nsubj", "dobj") and c.pos_ == "PROPN"), None)
    sent = verb.sent
    if name is None or name.right_edge.i + 2 < sent.end:
        return None
    lo, hi = trim_content(doc, sent.start, verb.i - 1)
    if hi <= lo:
        return None
    found = phrase(name)
    cue = _chars(doc, verb.i, verb.i + 1)
    return Draft(cue, verb.i, found, _chars(doc, lo, hi), False, "quotes.indirect.v1", how="inverted")


def _clip(doc: Doc, found: Found, stop: int) -> Found:
    end = stop
    while end > found.head + 1 and (
        doc[end - 1].is_punct
        or doc[end - 1].dep_ in ("nsubj", "advmod")
        or doc[end - 1].lower_ in ("who", "which", "that")
    ):
        end -= 1
    return Found(found.start, max(end, found.head + 1), found.head, found.chars)


def on_boilerplate_line(text: str, index: int) -> bool:
    """True when the character at `index` sits on a line the cleaner removes as boilerplate (a
    related-links line, a photo caption or credit, a share prompt: clean.boilerplate.is_boilerplate),
    for text that comes in without cleaning."""
    start = text.rfind("\n", 0, index) + 1
    end = text.find("\n", index)
    return _is_boilerplate(text[start : end if end >= 0 else len(text)])


@lru_cache(maxsize=4096)
def _is_boilerplate(line: str) -> bool:
    return is_boilerplate(line) is not None


def from_verb(verb: Token, quotes: list[Quote], text: str, open_object: bool = False) -> Draft | None:
    """The attribution a reporting verb makes, if it has a speaker and a content.

    Args:
        verb: a token whose lemma is a reporting cue (or any verb, as a candidate for the learned filter).
        quotes: the article's quotations.
        text: the Doc's text (`Doc.text` is rebuilt on every access: read it once per article).
        open_object: let the verb take its direct object as content whatever its lemma.

    Returns:
        a Draft, or None when the verb credits no one or nothing.
    """
    doc = verb.doc
    if on_boilerplate_line(text, verb.idx):
        return None  # "READ MORE: Minister says ...", "Photo: ... speaks to reporters": no article text
    inverted = _inverted_outlet(verb)
    if inverted is not None:
        return inverted
    subject = subject_of(verb, CUE_LEMMAS)
    if subject is None:
        return None
    found = phrase(subject)
    start, end = cue_bounds(verb)
    if found.start < start < found.end:  # "Aguilar, who also said ...": the speaker stops before its cue
        found = _clip(doc, found, start)
    cue = _chars(doc, start, end)
    allowed = set(range(found.start, found.end)) | set(range(start, end))
    after = _quote_after(doc, end, quotes, text)
    if after is not None and not is_cognition(verb):
        return Draft(
            cue, verb.i, found, (after.start, after.end), True, "quotes.direct.v1", how="quote_after"
        )
    if subject.head.i != verb.i and subject.head.head.i != verb.i and found.start < start:
        # '“...,” he said, citing X': the subject is another verb's ("said"), and so is the quotation
        # before it; only one right before this cue could be this verb's
        before = _quote_before(doc, start, quotes, set(range(start, end)), text)
    else:
        before = _quote_before(doc, min(start, found.start), quotes, allowed, text)
    if before is not None and _closes_a_sentence(text, before) and _has_clause_after(verb):
        # "... ''not in line with our policy.'' The network said it would send ...": a quotation
        # that ends its own sentence is the previous speaker's; this verb says its own clause
        before = None
    if before is not None and not is_cognition(verb):
        mixed = _mixed_start(verb, before)
        if mixed is not None:  # the quotation is the end of a clause the speaker is credited with
            content = (doc[mixed].idx, before.close)
            return Draft(cue, verb.i, found, content, False, "quotes.indirect.v1", how="clause")
        return Draft(
            cue, verb.i, found, (before.start, before.end), True, "quotes.direct.v1", how="quote_before"
        )
    clause = _clause_content(verb, end, False)
    if is_passive_adjunct(verb):
        # "said when asked what ...": the question is the asker's, whom the text does not name, not
        # the words of the one asked (issue 14); PolNeAR annotates it with no source
        if clause is None or clause[0][1] <= clause[0][0]:
            return None
        content = _close_quote(text, _chars(doc, *clause[0]))
        return Draft(cue, verb.i, None, content, False, "quotes.unattributed.v1", how=clause[1])
    side = (
        _inserted_side(verb, clause[0], start, found)
        if clause is not None and clause[1] == "clause"
        else None
    )
    if clause is None:
        parenthetical = _parenthetical_content(verb, start, found)
        if parenthetical is not None:
            clause, side = (parenthetical[0], "parenthetical"), parenthetical[1]
    if clause is None and open_object:
        clause = _clause_content(verb, end, True)
    if clause is None or clause[0][1] <= clause[0][0]:
        return None
    content = _chars(doc, *clause[0])
    for q in quotes:  # a clause that is a whole quotation is a direct quote
        if q.open <= content[0] <= q.start + 1 and q.end - 1 <= content[1] <= q.close:
            return Draft(
                cue, verb.i, found, (q.start, q.end), True, "quotes.direct.v1", how="quote_" + clause[1]
            )
    draft = Draft(cue, verb.i, found, _close_quote(text, content), False, "quotes.indirect.v1", how=clause[1])
    if side is not None and side[1] > side[0]:
        draft.side = _chars(doc, *side)
    return draft


def from_according(doc: Doc, start: int, end: int) -> Draft | None:
    """ "According to X, ..." / "..., as per X": X speaks the clause the phrase hangs on."""
    prep = doc[end - 1]
    obj = next((c for c in children(prep) if c.dep_ == "pobj"), None)
    if obj is None:
        return None
    found = phrase(obj)
    head = doc[start].head
    while head.dep_ not in ("ROOT", "ccomp", "conj") and head.head.i != head.i and head.pos_ != "VERB":
        head = head.head
    lo, hi = head.left_edge.i, head.right_edge.i + 1
    phrase_end = max(found.end, obj.right_edge.i + 1)
    if start <= lo + 1:  # "According to X, content."
        lo = phrase_end
    elif _inserted(doc, start, phrase_end, hi) and (right := trim_content(doc, phrase_end, hi))[0] < right[1]:
        # "The economy, according to the bank, will grow": the content runs over the inserted
        # credit, as over an inserted "he said" (split.py); its two sides are what is said (not
        # when the words after it are another claim: "..., according to X, and said ...")
        lo, hi = trim_content(doc, lo, start)[0], right[1]
    else:  # "content, according to X."
        hi = min(hi, start)
    lo, hi = (lo, hi) if lo < start < hi else trim_content(doc, lo, hi)
    if hi <= lo:
        return None
    while hi > lo and doc[hi - 1].is_punct and doc[hi - 1].text in ".":
        hi -= 1
    return Draft(_chars(doc, start, end), None, found, _chars(doc, lo, hi), False, "quotes.according.v1")


def _inserted(doc: Doc, start: int, phrase_end: int, hi: int) -> bool:
    """True when the crediting phrase doc[start:phrase_end] is set off by commas (or dashes) inside
    its clause, words on both sides: "The economy, according to the bank, will grow"."""
    if start == 0 or phrase_end >= hi - 1:
        return False
    before, after = doc[start - 1], doc[phrase_end]
    marks = (",", "—", "–", "--")
    words_after = any(not t.is_punct for t in doc[phrase_end + 1 : hi])
    return before.text in marks and after.text in marks and words_after


def from_name_colon(doc: Doc, text: str) -> list[Draft]:
    """ "Sanders: Clinton needs to get away from ...": a line opening with a person's name and a colon.

    Headlines and transcripts credit the words after the colon to the person named before it. Only
    a name (proper nouns of a PERSON entity, or words the article's PERSON entities use elsewhere:
    "Sanders:" above "Bernie Sanders offered ...", at most MAX_COLON_NAME_TOKENS) counts: "READ MORE:",
    "Poll:" or "UPDATE:" do not; a quotation after the colon is `_dash_or_colon`'s (extractor.py).
    """
    drafts = []
    persons: set[str] | None = None  # the words of the article's PERSON entities, read when needed
    for m in _NAME_COLON.finditer(text):
        name = doc.char_span(m.start(1), m.end(1), alignment_mode="expand")
        rest = doc.char_span(m.start(2), m.end(2), alignment_mode="expand")
        if name is None or rest is None or not 0 < len(name) <= MAX_COLON_NAME_TOKENS:
            continue
        words = [t for t in name if not t.is_punct]
        if any(t.pos_ != "PROPN" for t in words) or name.root.ent_type_ != "PERSON":
            # a headline's "Sanders:" the tagger misses (read as a noun, no entity): capitalized
            # words the article's PERSON entities use elsewhere ("Bernie Sanders offered ...")
            if persons is None:
                persons = {t.lower_ for ent in doc.ents if ent.label_ == "PERSON" for t in ent}
            if not all(t.text[:1].isupper() and t.lower_ in persons for t in words):
                continue
        words = [t for t in rest if not t.is_punct]
        if len(words) < MIN_QUOTE_WORDS or not any(t.pos_ in ("VERB", "AUX") for t in rest):
            continue
        end = m.end(2)
        while end > m.start(2) and text[end - 1] in ". ":
            end -= 1
        found = Found(name.start, name.end, name.root.i)
        colon = m.end(1)
        drafts.append(Draft((colon, colon + 1), None, found, (m.start(2), end), False, "quotes.colon.v1"))
    return drafts


def from_report_noun(doc: Doc, start: int, end: int) -> Draft | None:
    """ "there were reports (released) that ...": an unattributed claim."""
    noun = doc[end - 1]
    cue_end = end
    holder = noun
    for child in noun.rights:
        if child.dep_ == "acl" and child.i == cue_end and child.tag_ == "VBN":
            cue_end, holder = child.i + 1, child
    clause = next((c for c in children(holder) if c.dep_ in ("ccomp", "acl") and c.i >= cue_end), None)
    if clause is None:
        return None
    lo, hi = trim_content(doc, clause.left_edge.i, clause.right_edge.i + 1)
    return Draft(
        _chars(doc, start, cue_end),
        None,
        Found(noun.i, noun.i + 1, noun.i),
        _chars(doc, lo, hi),
        False,
        "quotes.unattributed.v1",
    )


def from_it_reported(doc: Doc, start: int, end: int) -> Draft | None:
    """ "it was reported that ...": an unattributed claim with no speaker named."""
    verb = doc[end - 1]
    clause = next((c for c in children(verb) if c.dep_ == "ccomp"), None)
    if clause is None:
        return None
    lo, hi = trim_content(doc, clause.left_edge.i, clause.right_edge.i + 1)
    return Draft(_chars(doc, start, end), None, None, _chars(doc, lo, hi), False, "quotes.unattributed.v1")


# Entity types and WordNet classes of a subject that can speak a quotation its clause introduces.
COLON_SPEAKER_TYPES = frozenset({"PERSON", "ORG", "NORP", "GPE"})
COLON_SPEAKER_PRONOUNS = frozenset({"he", "she", "they", "we", "i"})
# WordNet hypernyms of an object that is words said ("a message", "the following comment", "a
# warning"), not a thing that bears words ("a note", "a sign", "a video").
COLON_MESSAGES = ("message", "speech_act")


def colon_blocks(doc: Doc, text: str, quotes: list[Quote]) -> list[Draft]:
    """Block quotations that lost their marks: 'The governor added:' ending a paragraph, then a
    paragraph of his words with no quote mark ('It's typical of Hillary Clinton. She knows ...').

    Web pages set such quotations in a <blockquote>; the text keeps the words, not the marks. The
    paragraph counts when the clause before the colon says something (`from_colon_clause`'s rule, a
    verb of the cue lexicon's speech verbs included: "added"), the colon follows that verb and no
    quotation opens the paragraph: a direct quotation of the clause's subject, the colon its cue.
    """
    out = []
    for m in _COLON_BLOCK.finditer(text):
        start, end = m.start(1), m.end(1)
        while end > start and text[end - 1] in " \t":
            end -= 1
        if text[start] in QUOTE_OPENERS or len(text[start:end].split()) < MIN_QUOTE_WORDS:
            continue
        if any(q.open <= start < q.close for q in quotes):
            continue
        block = Quote(m.start() + 1, start, end, end, len(text[start:end].split()))
        draft = from_colon_clause(doc, m.start(), block, SPEECH_VERBS)
        if draft is not None and _ends_on_verb(doc, m.start()):
            out.append(draft)
    return out


def _ends_on_verb(doc: Doc, colon: int) -> bool:
    """True when the colon follows the verb of saying itself ("Limbaugh added:", "he said last July:",
    "Soerens argued that:"): words of its own after it ("noted the sparse attendance:", "reminded
    viewers that he doesn't:") introduce something else than the paragraph's words."""
    span = doc.char_span(colon, colon + 1, alignment_mode="expand")
    if span is None or span.start == 0:
        return False
    i = span.start - 1
    while i > 0 and (doc[i].lower_ == "that" or doc[i].dep_ in ("advmod", "prt", "npadvmod")):
        i -= 1
    return doc[i].pos_ == "VERB" and doc[i].dep_ == "ROOT"


def from_colon_clause(
    doc: Doc, colon: int, quote: Quote, speech: frozenset[str] = frozenset()
) -> Draft | None:
    """ 'Obama is rolling out a new campaign message: "It's about me."', 'Sanders made the following
    comment: "..."': a quotation after a colon that ends a clause whose subject can speak (a person
    or group by name, entity type or WordNet class) and whose verb is a verb of communication
    (WordNet's usual sense) or has a message or speech act for object (COLON_MESSAGES): the subject
    speaks it, the colon its cue.

    Args:
        doc: the parsed article.
        colon: the colon's character offset, right before the quotation `quote`.
        quote: a quotation no cue claimed.
        speech: lemmas that say something whatever WordNet's usual sense ("added:").
    """
    span = doc.char_span(colon, colon + 1, alignment_mode="expand")
    if span is None:
        return None
    sent = span[0].sent
    words = doc[sent.start : span.start]
    verbs = [t for t in words if t.pos_ in ("VERB", "AUX") and t.dep_ in ("ROOT", "ccomp", "conj")]
    if not verbs:
        return None
    verb = verbs[0] if verbs[0].dep_ == "ROOT" else verbs[-1]
    subject = next((c for c in children(verb) if c.dep_ == "nsubj" and c.i < span.start), None)
    if subject is None or not _can_speak(subject):
        return None
    objects = [c for c in children(verb) if c.dep_ == "dobj" and c.i < span.start]
    says = verb.lemma_ in speech or wordnet.usual_class(verb.lemma_, "v") == "verb.communication" or any(
        wordnet.is_a(o.lemma_.lower(), "n", COLON_MESSAGES, senses=1) for o in objects
    )
    if not says:
        return None
    return Draft((colon, colon + 1), None, phrase(subject), (quote.start, quote.end), True, "quotes.colon.v1")


def is_reduced_passive(verb: Token) -> bool:
    """True for a passive participle modifying a noun ("the cuts proposed by the government to address
    the crisis"): what was proposed is the noun it modifies; an infinitive after it says what for."""
    return verb.dep_ == "acl" and verb.tag_ == "VBN"


# Dependents that give a participle its own subject or make it active ("having said that").
_OWN_SUBJECT_OR_AUX = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "aux", "auxpass", "agent"})


def is_passive_adjunct(verb: Token) -> bool:
    """True for a bare passive participle opening an adverbial clause ("when asked what ...", "Asked
    about the driver, he said ...", "Told of the ruling, ..."): its understood subject, the one the
    clause borrows from the main verb, is the participle's patient, the one asked or told; what the
    participle governs (the question, what he was told) is someone else's words. A perfect ("having
    said that") has an auxiliary and a passive with a "by" agent names its speaker: neither is one."""
    if verb.dep_ != "advcl" or any(c.dep_ in _OWN_SUBJECT_OR_AUX for c in children(verb)):
        return False
    if verb.tag_ == "VBN":
        return True
    # "said when asked what ...": the tagger reads a participle right after its subordinator as a past
    # tense; a finite verb there would have its subject between them ("when he asked")
    before = verb.doc[verb.i - 1] if verb.i > 0 else None
    return (
        verb.tag_ == "VBD"
        and before is not None
        and before.head.i == verb.i
        and before.dep_ in ("mark", "advmod")
        and before.tag_ in ("WRB", "IN")
    )


def _can_speak(subject: Token) -> bool:
    if subject.pos_ == "PRON":
        return subject.lower_ in COLON_SPEAKER_PRONOUNS
    if subject.ent_type_:
        return subject.ent_type_ in COLON_SPEAKER_TYPES
    return subject.pos_ == "NOUN" and wordnet.usual_class(subject.lemma_.lower(), "n") in SPEAKER_CLASSES


def from_inline_quote(doc: Doc, quote: Quote, quotes: list[Quote]) -> Draft | None:
    """ 'Reid has gone after Trump as a “human leech who will bleed the country”': a quotation no cue
    claimed that opens inside a sentence is the words of that clause's subject when the verb it hangs
    under is one of communication (WordNet's usual sense: "Trump tells his supporters to “...”",
    "Blige sings ... before asking her, “...”") and the subject can speak (a person or group by name,
    entity type or WordNet class, or a personal pronoun) and stands outside every quotation. A
    quotation under another verb ("North Korea displayed “complete disregard ...”", "Trump is
    “temperamentally unfit”") quotes someone about the subject, not the subject: None.

    Args:
        doc: the parsed article.
        quote: a quotation no cue claimed, opening after the start of its sentence.
        quotes: every quotation of the article.
    """
    first = doc.char_span(quote.start, quote.end, alignment_mode="expand")
    if first is None or not len(first):
        return None
    node = first.root
    for _ in range(MAX_INLINE_HOPS):
        if node.head.i == node.i:  # the root (a Token is a new object on each access: no `is`)
            break
        node = node.head
        if node.pos_ not in ("VERB", "AUX") or quote.start <= node.idx < quote.end:
            continue
        subject = next((c for c in children(node) if c.dep_ == "nsubj"), None)
        if subject is None:
            continue
        quoted = any(q.start <= subject.idx < q.end for q in quotes)
        says = node.pos_ == "VERB" and wordnet.usual_class(node.lemma_, "v") == "verb.communication"
        if says and not quoted and _can_speak(subject):
            cue = _chars(doc, node.i, node.i + 1)
            return Draft(cue, node.i, phrase(subject), (quote.start, quote.end), True, "quotes.inline.v1")
        break
    return None
