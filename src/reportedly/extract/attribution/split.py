"""One content on both sides of its own speaker and cue: '“A,” he said, “B.”', "The talks, he said, were ...".

A sentence interrupted by the words that credit it is one statement: PolNeAR annotates it as one
attribution with two content fragments, and an analyst reads one claim. Without this, a quotation's
second half came out as a floating quote (often credited to the previous speaker) or as a second
record, and an inserted speaker's indirect content kept only its longer side.

The joined record's content runs from the first side's start to the second side's end, over the
speaker and the cue; their own offsets say which words credit the content rather than say it
(`evaluate.attribution.to_polnear` cuts them out again for PolNeAR's fragments).
"""

from __future__ import annotations

from spacy.tokens import Doc

from reportedly.extract.attribution.drafts import MAX_QUOTE_GAP, Draft
from reportedly.extract.attribution.quotemarks import Quote

# What a quotation's first half ends with when its sentence goes on after the speaker: '“A,” he said'.
SPLIT_ENDINGS = (",", "—", "–", "-", "...", "…")
# Punctuation and space allowed between the crediting words and the quotation's other half.
_GAP = frozenset(" \n\t,")


def credit_range(doc: Doc, draft: Draft) -> tuple[int, int]:
    """Characters of a draft's crediting words: its cue and its speaker phrase, whichever side each is."""
    lo, hi = draft.cue
    if draft.speaker is not None:
        found = draft.speaker
        chars = found.chars or (doc[found.start].idx, doc[found.end - 1].idx + len(doc[found.end - 1]))
        lo, hi = min(lo, chars[0]), max(hi, chars[1])
    return lo, hi


def join_split(doc: Doc, drafts: list[Draft], quotes: list[Quote], text: str) -> list[Draft]:
    """Join each verb draft's content with its other side across its speaker and cue, in place.

    Args:
        doc: the parsed article.
        drafts: the verb drafts (contents final: after the filter and the learned ends).
        quotes: the article's quotations.
        text: `doc.text`, read once.

    Returns:
        the drafts, a quotation half another draft had taken alone dropped (it is the joined one's).
    """
    claimed = {d.content for d in drafts}  # contents as drafted, before any is joined
    for draft in drafts:
        if draft.verb is None or draft.speaker is None or draft.follows is not None:
            continue
        if draft.direct and draft.how in ("quote_after", "quote_before"):
            other = _other_half(doc, draft, quotes, text)
            if other is not None and (other.start, other.end) not in claimed:  # no other verb's half
                draft.content = (min(draft.content[0], other.start), max(draft.content[1], other.end))
        elif draft.side is not None and draft.side[1] > draft.side[0]:
            draft.content = (min(draft.content[0], draft.side[0]), max(draft.content[1], draft.side[1]))
    joined = [d for d in drafts if d.content[0] < d.cue[0] < d.content[1]]
    return [
        d
        for d in drafts
        if not any(
            j is not d and j.content[0] <= d.content[0] and d.content[1] <= j.content[1] for j in joined
        )
    ]


def _other_half(doc: Doc, draft: Draft, quotes: list[Quote], text: str) -> Quote | None:
    """The quotation on the other side of the draft's speaker and cue, when one sentence runs over them."""
    lo, hi = credit_range(doc, draft)
    mine = next((q for q in quotes if (q.start, q.end) == draft.content), None)
    if mine is None:
        return None
    first: Quote | None
    second: Quote | None
    if mine.close <= lo:  # the first half: '“A,” he said, ...'
        first, second = mine, next((q for q in quotes if q.open >= hi), None)
    else:  # the second half: '..., he said, “B.”'
        before = [q for q in quotes if q.close <= lo]
        first, second = (before[-1] if before else None), mine
    if first is None or second is None or text[first.close : lo].strip(" \n\t,"):
        return None
    gap = text[hi : second.open]
    if _splits(text, first) and _joins(doc, draft, hi, second.open, gap, ","):
        return second if first is mine else first
    if first is mine and _joins(doc, draft, hi, second.open, gap, "."):
        return second  # '“A,” he said. “B.”': the next sentence goes on with his words
    return None


def _splits(text: str, first: Quote) -> bool:
    """The first half stops mid-sentence: it ends with a comma or a dash inside its marks."""
    return text[first.start : first.end].rstrip().endswith(SPLIT_ENDINGS)


def _joins(doc: Doc, draft: Draft, hi: int, second: int, gap: str, stop: str) -> bool:
    """Only `stop` (a comma, or a full stop), or the cue verb's own words ("in an interview,"), between
    the credit and the second half; a paragraph break only after a full stop."""
    if ("\n" in gap and stop != ".") or not gap.rstrip(" \t\n").endswith(stop):
        return False
    if all(c in _GAP or c == stop for c in gap):
        return True
    span = doc.char_span(hi, second, alignment_mode="expand")
    if span is None or len(span) > MAX_QUOTE_GAP or draft.verb is None:
        return False
    verb = doc[draft.verb]
    return all(t.is_punct or t.is_space or verb.is_ancestor(t) for t in span)
