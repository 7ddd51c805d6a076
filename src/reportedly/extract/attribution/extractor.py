"""Attribution: who said what, through whom, with what stance.

`extract_attributions` finds drafts in the parse (drafts.py), keeps the outermost claim
where one sits inside another (PolNeAR's univocal reading: "Kabulov said that officials declared
..." credits Kabulov), then links speakers to entities (speakers.py), builds relay chains
(relays.py) with the dateline's agency outermost, and reads the stance (stance.py).
"""

from __future__ import annotations

import re

import numpy as np
from spacy.attrs import LEMMA, POS
from spacy.symbols import VERB
from spacy.tokens import Doc

from reportedly.extract.attribution.contentend import refine_ends
from reportedly.extract.attribution.cuefilter import JUDGING_VERBS, candidate_lemmas, keep_likely
from reportedly.extract.attribution.drafts import (
    MIN_QUOTE_WORDS,
    Draft,
    colon_blocks,
    from_according,
    from_colon_clause,
    from_inline_quote,
    from_it_reported,
    from_name_colon,
    from_report_noun,
    from_verb,
)
from reportedly.extract.attribution.kinds import governs_act, is_name, kind_of, says_words, subject_head
from reportedly.extract.attribution.quotemarks import Quote, find_quotes, split_turns
from reportedly.extract.attribution.references import resolve_anonymous, resolve_thing
from reportedly.extract.attribution.relays import (
    OUTLET_VERBS,
    MediaMention,
    addressee_relays,
    media_mentions,
    outlet_relays,
)
from reportedly.extract.attribution.speakers import (
    THING_PRONOUNS,
    Found,
    is_media,
    make_speaker,
    needs_antecedent,
    resolve,
)
from reportedly.extract.attribution.split import join_split
from reportedly.extract.attribution.stance import stance_of
from reportedly.extract.cues import SPEECH_VERBS, find_cues
from reportedly.model import Attribution, DocContext, Entity, Relay, Span, Speaker, SpeakerKind
from reportedly.registry import extractors

# A dash-introduced speaker ("“...” -Commissioner X") runs at most this many tokens.
MAX_DASH_SPEAKER_TOKENS = 8
# Dashes that introduce a quotation's speaker after it: hyphen, em and en dash, and the horizontal bar
# (U+2015), the quotation dash of typesetting ("“...” ― Pamela Padilla").
SPEAKER_DASHES = ("-", "—", "–", "―")
# A floating quotation continues the last speaker only within this many characters of its claim.
MAX_FLOAT_DISTANCE = 1500
# A transcript turn's label at a quotation's start: one to three words in capitals, then a colon.
_TRANSCRIPT_LABEL = re.compile(r"([A-Z][A-Z'’.-]+(?: [A-Z][A-Z'’.-]+){0,2}):[ \t]+")
# A label that opens this many quotations of an article is a transcript's speaker, named or not.
MIN_TRANSCRIPT_TURNS = 2
# Characters at a content's edges that do not change what it says: quote marks, punctuation, spaces.
_EDGE = frozenset(" \n\t“”\"'‘’«»„`,.;:!?—–-")


def extract_attributions(doc: Doc, entities: list[Entity], ctx: DocContext) -> list[Attribution]:
    """The attributions of one article, ids "q1", "q2", ... in text order.

    Args:
        doc: the parsed article; offsets index `doc.text`.
        entities: the article's entities (may be empty); speakers and relays link to them.
        ctx: the article's context; its dateline's agency is every claim's outermost relay.

    Returns:
        Attribution records in text order.
    """
    text = doc.text  # rebuilt from the tokens on every access: read once
    drafts = find_drafts(doc, text)
    media, preps = media_mentions(doc, entities)
    linked = link_speakers(doc, drafts, entities)
    # "it" or "which" that stands for nothing found: no speaker, so no attribution
    drafts = [d for d, s in zip(drafts, linked, strict=True) if s is not None]
    speakers = [s for s in linked if s is not None]
    agency = Relay(None, ctx.dateline.agency) if ctx.dateline and ctx.dateline.agency else None
    if agency is not None:
        agency = _agency_relay(agency, entities)
    chains = relay_chains(doc, drafts, speakers, entities, (media, preps))
    out = []
    for n, (draft, speaker, chain) in enumerate(zip(drafts, speakers, chains, strict=True), start=1):
        via = list(chain)
        if agency is not None and not (via and _same(via[-1], agency)):
            via = [r for r in via if not _same(r, agency)] + [agency]
        cue = Span(draft.cue[0], draft.cue[1], text[draft.cue[0] : draft.cue[1]])
        content = Span(draft.content[0], draft.content[1], text[draft.content[0] : draft.content[1]])
        out.append(
            Attribution(
                f"q{n}",
                speaker,
                cue,
                content,
                draft.direct,
                tuple(via),
                _stance(doc, draft, cue, content),
                draft.extractor,
                _kind(doc, draft, speaker),
            )
        )
    return out


extractors.register("extractors.attributions.v1", func=extract_attributions)


def find_drafts(doc: Doc, text: str) -> list[Draft]:
    """Every attribution draft of `doc`, outermost claims only, in text order."""
    quotes = split_turns(find_quotes(text), text)
    cues = find_cues(doc)
    candidates = verb_drafts(doc, quotes, text, cues, candidate_lemmas())
    drafts = keep_likely(doc, candidates, _relayed(doc, candidates))
    refine_ends(doc, drafts)
    drafts = join_split(doc, drafts, quotes, text)
    for start, end in cues.get("THERE_REPORTS", []):
        _add(drafts, from_report_noun(doc, start, end))
    for start, end in cues.get("IT_REPORTED", []):
        _add(drafts, from_it_reported(doc, start, end))
    for colon in from_name_colon(doc, text):
        if not any(_overlaps(colon.content, d.content) for d in drafts):
            drafts.append(colon)
    for start, end in cues.get("ACCORDING", []):
        draft = from_according(doc, start, end)
        if draft is not None and _frames(doc, draft, drafts):
            drafts.append(draft)
    blocks = colon_blocks(doc, text, quotes)  # block quotations that lost their marks
    drafts.extend(blocks)
    inside_quote = [(q.start, q.end) for q in quotes if q.words >= MIN_QUOTE_WORDS]
    inside_quote += [b.content for b in blocks]
    # A cue inside a quotation belongs to the quoted speaker's words, not to the article.
    drafts = [d for d in drafts if d.direct or not any(_inside(d.cue, q) for q in inside_quote)]
    drafts = _outermost(doc, drafts)
    drafts = _one_per_content(drafts, text)
    drafts.sort(key=lambda d: d.order)
    drafts = _add_unclaimed_quotes(doc, drafts, quotes, text)
    drafts.sort(key=lambda d: d.order)
    return drafts


def verb_drafts(
    doc: Doc,
    quotes: list[Quote],
    text: str,
    cues: dict[str, list[tuple[int, int]]],
    lemmas: frozenset[str] | None = None,
) -> list[Draft]:
    """A draft for every verb with a speaker and a content: the cue lexicon's and candidate lemmas'.

    Args:
        doc: the parsed article.
        quotes: its quotations.
        text: `doc.text`, read once.
        cues: `find_cues(doc)`; its VERB matches are the lexicon's verbs (also when tagged AUX).
        lemmas: other verbs' lemmas to draft (None: every verb, as in training).

    Returns:
        drafts in text order, a verb inside an earlier draft's cue skipped ("neither confirmed nor denied").
    """
    drafts: list[Draft] = []
    taken: set[int] = set()
    for i in _verb_indices(doc, cues, lemmas):
        if i in taken:
            continue
        verb = doc[i]
        # only a judging verb's object can be a content the filter adds (cuefilter.may_add)
        draft = from_verb(verb, quotes, text, open_object=verb.lemma_ in JUDGING_VERBS)
        if draft is not None:
            drafts.append(draft)
            span = doc.char_span(*draft.cue, alignment_mode="expand")
            taken.update(range(span.start, span.end) if span is not None else ())
    return drafts


def _verb_indices(
    doc: Doc, cues: dict[str, list[tuple[int, int]]], lemmas: frozenset[str] | None
) -> list[int]:
    """The lexicon's verbs and the verbs with a candidate lemma (every verb for None), in text order.

    Read with `Doc.to_array` (indexing every token would build a Token object each).
    """
    found = {start for start, _end in cues.get("VERB", [])}
    arr = doc.to_array([POS, LEMMA])
    if lemmas is None:
        found.update(np.flatnonzero(arr[:, 0] == VERB).tolist())
    elif lemmas:
        strings = doc.vocab.strings
        wanted = [strings[lemma] for lemma in lemmas if lemma in strings]
        verbs = np.flatnonzero(arr[:, 0] == VERB)  # the lemma test on the verbs only: the same answers
        found.update(verbs[np.isin(arr[verbs, 1], wanted)].tolist())
    return sorted(found)


def _relayed(doc: Doc, drafts: list[Draft]) -> set[int]:
    """Ids of the drafts inside an outlet's report ("..., the ministry denied it, reported Tolo News").

    The learned filter leaves them to the rules: PolNeAR credits such a sentence to the outlet alone,
    while reportedly reads the outlet as a relay of the claims inside (issue #4, relay chains).
    """
    outlets = [d for d in drafts if _is_outlet_report(doc, d)]
    return {id(d) for d in drafts if any(o is not d and _inside(d.cue, o.content) for o in outlets)}


def _add(drafts: list[Draft], draft: Draft | None) -> None:
    if draft is not None and not any(d.cue == draft.cue or d.content == draft.content for d in drafts):
        drafts.append(draft)


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _inside(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return b[0] <= a[0] and a[1] <= b[1]


def _frames(doc: Doc, according: Draft, drafts: list[Draft]) -> bool:
    """True when an "according to X" draft credits its clause: no other draft's content overlaps it,
    or the drafts inside it are no one's words ("According to police, officers saw Scott get out of
    a car"; "..., according to the Tax Foundation" over "would see their incomes go up"): X is the
    source, and `_outermost` drops them. A verb of saying inside keeps its speaker ("According to
    Yahoo News, Clinton's spokesman said ...": the spokesman speaks, the outlet relays)."""
    for d in drafts:
        if not _overlaps(according.content, d.content):
            continue
        if not _inside(d.cue, according.content) or d.verb is None or doc[d.verb].lemma_ in SPEECH_VERBS:
            return False
    return True


def _outermost(doc: Doc, drafts: list[Draft]) -> list[Draft]:
    """Drop claims nested in another's content; an outlet's "reported" over other claims is a relay."""
    keep = []
    for draft in drafts:
        inner = [d for d in drafts if d is not draft and _inside(d.cue, draft.content)]
        if inner and _is_outlet_report(doc, draft):
            continue  # "..., the ministry denied it, reported Tolo News": Tolo News relays the inner claims
        outer = [d for d in drafts if d is not draft and _inside(draft.cue, d.content)]
        if outer and not all(_is_outlet_report(doc, d) and _inside(draft.cue, d.content) for d in outer):
            continue
        keep.append(draft)
    return keep


def _core(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """A content's characters without the quote marks, punctuation and spaces at its edges."""
    start, end = span
    while start < end and text[start] in _EDGE:
        start += 1
    while end > start and text[end - 1] in _EDGE:
        end -= 1
    return start, end


def _distance(draft: Draft) -> int:
    """Characters between a draft's cue and its content (0 when one holds the other)."""
    (cs, ce), (ts, te) = draft.cue, draft.content
    return max(0, ts - ce, cs - te)


def _one_per_content(drafts: list[Draft], text: str) -> list[Draft]:
    """One draft per content: of several cues on the same words, the one nearest to them.

    '“...,” he said, citing X' gives "said" and "citing" the same quotation, a direct and an
    indirect reading of one quotation give it twice (with or without its marks): one record, from
    the cue nearest the words (the earlier one on a tie). Contents that merely overlap are different
    claims ("said ..., adding ..." credits two).
    """
    best: dict[tuple[int, int], Draft] = {}
    for draft in drafts:
        key = _core(text, draft.content)
        kept = best.get(key)
        if kept is None or (_distance(draft), draft.cue[0]) < (_distance(kept), kept.cue[0]):
            best[key] = draft
    chosen = {id(d) for d in best.values()}
    return [d for d in drafts if id(d) in chosen]


def _is_outlet_report(doc: Doc, draft: Draft) -> bool:
    if draft.verb is None or draft.speaker is None:
        return False
    verb = doc[draft.verb]
    return verb.lemma_ in OUTLET_VERBS and is_media(doc, draft.speaker.start, draft.speaker.end, None)


def _add_unclaimed_quotes(doc: Doc, drafts: list[Draft], quotes: list[Quote], text: str) -> list[Draft]:
    """Quotations no cue claimed: dash- or colon-introduced, or floating after the last claim."""
    out = list(drafts)
    labels = _transcript_labels(doc, quotes, text)
    for q in quotes:
        if q.words < MIN_QUOTE_WORDS or any(_overlaps((q.start, q.end), d.content) for d in out):
            continue
        draft = labels.get(q.start) or _dash_or_colon(doc, q, text)
        if draft is None and _opens_inside_sentence(doc, q):
            draft = from_inline_quote(doc, q, quotes)
        if draft is None:
            before = [d for d in out if d.content[1] <= q.open and d.speaker is not None]
            if before:
                last = max(before, key=lambda d: d.content[1])
                if q.open - last.content[1] <= MAX_FLOAT_DISTANCE:
                    root = last.follows or last
                    draft = Draft(
                        root.cue,
                        root.verb,
                        root.speaker,
                        (q.start, q.end),
                        True,
                        "quotes.floating.v1",
                        follows=root,
                    )
        if draft is not None:
            out.append(draft)
    return out


def _opens_inside_sentence(doc: Doc, q: Quote) -> bool:
    """True when words of its sentence come before the quotation's opening mark."""
    span = doc.char_span(q.start, q.end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    sent = span[0].sent
    return any(not t.is_punct and not t.is_space for t in doc[sent.start : span.start])


def _transcript_labels(doc: Doc, quotes: list[Quote], text: str) -> dict[int, Draft]:
    """Quoted transcript turns, '"PENCE: Well, look, ..."': a quotation opening with a speaker's label
    in capitals and a colon is that speaker's, the words after the label its content (by the
    quotation's start). A label counts when the article names a person by it ("Gov. Mike Pence") or
    opens at least MIN_TRANSCRIPT_TURNS quotations (a transcript: "WALLACE:" and "PENCE:" take turns);
    a lone "UPDATE:" or "NOTE:" is no speaker."""
    found: dict[int, tuple[str, re.Match[str]]] = {}
    for q in quotes:
        m = _TRANSCRIPT_LABEL.match(text, q.start, q.end)
        if m is not None:
            found[q.start] = (m.group(1).lower(), m)
    turns: dict[str, int] = {}
    for label, _ in found.values():
        turns[label] = turns.get(label, 0) + 1
    persons = {t.lower_ for ent in doc.ents if ent.label_ == "PERSON" for t in ent}
    out = {}
    for start, (label, m) in found.items():
        if turns[label] < MIN_TRANSCRIPT_TURNS and not set(label.split()) <= persons:
            continue
        name = doc.char_span(m.start(1), m.end(1), alignment_mode="expand")
        if name is None or not len(name):
            continue
        end = next(q.end for q in quotes if q.start == start)
        speaker = Found(name.start, name.end, name[-1].i)
        colon = m.end(1)
        out[start] = Draft((colon, colon + 1), None, speaker, (m.end(), end), True, "quotes.colon.v1")
    return out


def _dash_or_colon(doc: Doc, q: Quote, text: str) -> Draft | None:
    """ "“...” -Commissioner X" and "X: “...”": the speaker named beside the quotation, no verb."""
    rest = text[q.close : q.close + 4]
    stripped = rest.lstrip(" \u00a0")  # a no-break space often binds the dash to the quotation
    if stripped[:1] in SPEAKER_DASHES:
        dash = q.close + len(rest) - len(stripped)
        span = doc.char_span(
            dash + 1,
            text.find("\n", dash) if "\n" in text[dash:] else len(text),
            alignment_mode="expand",
        )
        if span is not None and 0 < len(span) <= MAX_DASH_SPEAKER_TOKENS:
            words = [t for t in span if not t.is_punct and not t.is_space]
            if words:
                first = dash + 1 + len(text[dash + 1 :]) - len(text[dash + 1 :].lstrip())
                last = words[-1].idx + len(words[-1])
                found = Found(words[0].i, words[-1].i + 1, span.root.i, chars=(first, last))
                return Draft((dash, dash + 1), None, found, (q.start, q.end), True, "quotes.dash.v1")
    colon = text.rfind(":", max(0, q.open - 3), q.open)
    if colon >= 0:
        line = text.rfind("\n", 0, colon) + 1
        # or the sentence's start, when the name opens a sentence inside a paragraph ("... Said Ellis: “...”")
        punct = doc.char_span(colon, colon + 1, alignment_mode="expand")
        if punct is not None:
            line = max(line, punct[0].sent.start_char)
        span = doc.char_span(line, colon, alignment_mode="expand")
        if span is not None and 0 < len(span) <= 4 and any(t.pos_ == "PROPN" for t in span):
            first = span.start + 1 if span[0].pos_ == "VERB" and len(span) > 1 else span.start
            speaker = doc[first : span.end]  # "Said Ellis:": Ellis
            return Draft(
                (colon, colon + 1),
                None,
                Found(speaker.start, speaker.end, speaker.root.i),
                (q.start, q.end),
                True,
                "quotes.colon.v1",
            )
        return from_colon_clause(doc, colon, q)
    return None


def link_speakers(doc: Doc, drafts: list[Draft], entities: list[Entity]) -> list[Speaker | None]:
    """A Speaker per draft: linked to an entity, typed, pronouns and titles resolved in text order.

    None where the speaker is "it", "which" or "that" standing for nothing found (and a floating
    quote continuing such a draft).
    """
    named: list[Speaker] = []
    out: list[Speaker | None] = []
    by_draft: dict[int, Speaker | None] = {}
    for draft in drafts:
        if draft.follows is not None and id(draft.follows) in by_draft:
            prior = by_draft[id(draft.follows)]
            if prior is None:
                out.append(None)
                continue
            # the quotation continues that attribution: its speaker is the same mention ("she" in
            # '“A,” she said, referencing X. “B”'), resolved to the same antecedent
            speaker = prior
        elif draft.speaker is None:
            speaker = Speaker(None, "reports", SpeakerKind.UNATTRIBUTED.value, None, None)
        else:
            speaker = make_speaker(doc, draft.speaker, entities)
            if needs_antecedent(doc, draft.speaker):
                thing = doc[draft.speaker.head].lower_ in THING_PRONOUNS
                resolved = (resolve_thing if thing else resolve)(speaker, doc, draft.speaker, named, entities)
                by_draft[id(draft)] = resolved
                out.append(resolved)
                continue
            elif (back := resolve_anonymous(speaker, doc, draft.speaker, named)) is not speaker:
                speaker = back
            elif speaker.kind != SpeakerKind.UNATTRIBUTED.value:
                named.append(speaker)
        by_draft[id(draft)] = speaker
        out.append(speaker)
    return out


def _speaker_key(speaker: Speaker) -> str:
    if speaker.entity:
        return speaker.entity
    text = speaker.antecedent.text if speaker.antecedent else speaker.text
    words = [w.strip(",.").lower() for w in text.split() if w[:1].isupper()]
    return words[-1] if words else text.lower()


def relay_chains(
    doc: Doc,
    drafts: list[Draft],
    speakers: list[Speaker],
    entities: list[Entity],
    found_media: tuple[list[MediaMention], list[int]],
) -> list[list[Relay]]:
    """The relays of each draft, nearest first: the medium addressed, then the crediting outlets."""
    addressed: list[list[Relay]] = []
    media, preps = found_media
    for draft in drafts:
        verb = doc[draft.verb] if draft.verb is not None else None
        addressed.append(addressee_relays(verb, entities, media, preps) if verb is not None else [])
    # A speaker interviewed by a medium speaks through it in the rest of the article too.
    interviews: dict[str, list[Relay]] = {}
    for speaker, relays in zip(speakers, addressed, strict=True):
        if relays:
            interviews.setdefault(_speaker_key(speaker), relays)
    chains = []
    for draft, speaker, relays in zip(drafts, speakers, addressed, strict=True):
        chain = list(relays) or list(interviews.get(_speaker_key(speaker), []))
        cue_span = doc.char_span(*draft.cue, alignment_mode="expand")
        if cue_span is not None:
            sent = cue_span.sent
            exclude = set(range(cue_span.start, cue_span.end))
            if draft.speaker is not None and draft.follows is None:
                exclude |= set(range(draft.speaker.start, draft.speaker.end))
            for _, relay in outlet_relays(list(sent), exclude, entities, media):
                chain.append(relay)
        deduped: list[Relay] = []
        for relay in chain:
            if not any(_same(relay, r) for r in deduped) and not _same(
                relay, Relay(speaker.entity, speaker.text)
            ):
                deduped.append(relay)
        chains.append(deduped)
    return chains


def _same(a: Relay, b: Relay) -> bool:
    if a.entity and b.entity:
        return a.entity == b.entity
    return a.text.lower() == b.text.lower()


def _agency_relay(agency: Relay, entities: list[Entity]) -> Relay:
    for entity in entities:
        if entity.name.lower() == agency.text.lower() or agency.text in entity.aliases:
            return Relay(entity.id, entity.name)
    return agency


def _stance(doc: Doc, draft: Draft, cue: Span, content: Span) -> str:
    span = doc.char_span(cue.start, cue.end, alignment_mode="expand")
    verb = doc[draft.verb] if draft.verb is not None else None
    words = [t.lower_ for t in span] if span is not None else cue.text.lower().split()
    return stance_of(cue.text, verb.lemma_ if verb is not None else "", words, content.text)


def _kind(doc: Doc, draft: Draft, speaker: Speaker) -> str:
    root = draft.follows or draft
    if root.verb is None:
        verb, says, acts = "", True, False
    else:
        token = doc[root.verb]
        verb, says, acts = token.lemma_, says_words(token, draft.direct), governs_act(token)
    head = root.speaker.head if root.speaker is not None else None
    subject = subject_head(doc, head, speaker.antecedent)
    if subject is None:
        return kind_of(verb, "", says, acts=acts)
    return kind_of(verb, subject.lemma_.lower(), says, is_name(subject), acts)
