"""Short references ("the organization", "the group", "he", "she") resolved only when unambiguous.

A reference resolves to an entity when exactly one entity of the right sort is named in the window made of
the sentence before and this sentence up to the reference: "she" after two women, or after a man and a
woman, stays unresolved, since the text gives no gender we could trust. A nominal reference ("the
organization") looks first in its own sentence only, where an organization named earlier is its antecedent
("the Afghan National Resistance Front said ... people were joining the organization"). Anything else
stays unresolved: we never guess.
Titles ("the PM", "the minister") are not resolved here: an article often names an office-holder it never
mentions ("first deputy of the PM"). Resolved references are added to an entity's mentions, not to its
aliases. The Matcher is built once per vocabulary.
"""

from __future__ import annotations

from spacy.matcher import Matcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

from reportedly.extract.clusters import Cluster
from reportedly.extract.mentions import Mention

ORG_NOUNS = ["organization", "organisation", "group", "movement", "militia"]
ORG_KINDS_LABELS = frozenset({"ORG"})
# Built once per vocabulary. The vocab is kept with its matcher so its id can never be reused by another
# vocab while cached (a stale Matcher on a new vocab fails with spaCy's E018).
_MATCHERS: dict[int, tuple[Vocab, Matcher]] = {}


def _matcher(vocab: Vocab) -> Matcher:
    cached = _MATCHERS.get(id(vocab))
    if cached is None or cached[0] is not vocab:
        matcher = Matcher(vocab)
        matcher.add("ORG_REF", [[{"LOWER": "the"}, {"LOWER": {"IN": ORG_NOUNS}}]])
        matcher.add("PERSON_REF", [[{"LOWER": {"IN": ["he", "she"]}, "POS": "PRON"}]])
        cached = _MATCHERS[id(vocab)] = (vocab, matcher)
    return cached[1]


def _candidates(clusters: list[Cluster], label: str, start: int, end: int) -> list[Cluster]:
    return [
        c
        for c in clusters
        if c.label == label and any(start <= m.start < end and m.how != "reference" for m in c.mentions)
    ]


def resolve_references(doc: Doc, clusters: list[Cluster]) -> list[Cluster]:
    """Add the unambiguous short references of `doc` to their clusters (in place) and return the clusters.

    Args:
        doc: the parsed article.
        clusters: the article's entity clusters.
    """
    matcher = _matcher(doc.vocab)
    sents = list(doc.sents)
    taken = {i for c in clusters for m in c.mentions for i in range(m.tok_start, m.tok_end)}
    for match_id, start, end in matcher(doc):
        if any(i in taken for i in range(start, end)):
            continue
        label = "ORG" if doc.vocab.strings[match_id] == "ORG_REF" else "PERSON"
        sent = doc[start].sent
        index = next(i for i, s in enumerate(sents) if s.start == sent.start)
        here = _candidates(clusters, label, sent.start_char, doc[start].idx)
        before = (
            _candidates(clusters, label, sents[index - 1].start_char, sents[index - 1].end_char)
            if index
            else []
        )
        # "the organization" names back to its own sentence's organization; a pronoun needs one candidate in
        # the window of this sentence and the one before it.
        window = list({id(c): c for c in here + before}.values())
        found = here if label == "ORG" and here else window
        if len(found) == 1:
            span = doc[start:end]
            found[0].mentions.append(
                Mention(span.start_char, span.end_char, span.text, label, start, end, how="reference")
            )
    return clusters
