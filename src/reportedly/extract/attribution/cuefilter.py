"""The learned cue filter: which verb drafts are attributions in PolNeAR's reading.

Every verb with a speaker and a content becomes a draft (extract/attribution/drafts.py `from_verb`) when its
lemma is in the cue lexicon or among the candidate lemmas learned with the weights (verbs that head
a gold cue in at least a tenth of their drafts in PolNeAR train: trying every verb would triple the
extractor's time for the few cues the others give). A logistic regression over features of the
draft (the verb's lemma, tag and dependency, its dependents, how the content was found, the
speaker's head, the content's length and root) gives the probability that the verb heads a gold
cue. A draft the hand-written rules accept (a lexicon verb, a content they allow) is dropped only
under a low threshold; any other draft is added only over a higher one. Both thresholds ship with
the weights; the filter runs before nested claims are resolved. Trained on CPU by
scripts/train_attribution.py on PolNeAR train; weights in data/attribution/cue_filter.npz
(feature names and weights only, no corpus text). Without the weights file, the rules decide alone.
"""

from __future__ import annotations

import math
from functools import lru_cache

import numpy as np
from spacy.tokens import Doc

from reportedly.extract.attribution.contentend import weight_map
from reportedly.extract.attribution.drafts import Draft
from reportedly.extract.cues import COGNITION_VERBS, CUE_LEMMAS, SPEECH_VERBS
from reportedly.nlp.doctext import children, tokens
from reportedly.weights import feature_index, from_json, read_weights


def _words(text: str) -> frozenset[str]:
    """A word set from whitespace-separated text (keeps long lexicons readable)."""
    return frozenset(text.split())


WEIGHTS = "data/attribution/cue_filter.npz"
# Logits are clipped here before exp: beyond it the probability is 0 or 1 to float precision anyway.
MAX_LOGIT = 30.0
# Contents for which the filter may add a draft the rules do not make: a clause, an infinitive or a
# quotation, i.e. what someone says, thinks or intends. A verb outside the lexicon with an object or a
# prepositional object ("approved a buyback", "attacked a convoy", "linked to Al-Qaeda") is an event,
# not a claim, in the ledger's reading, whatever PolNeAR's annotators counted.
ADD_HOWS = frozenset({"clause", "parenthetical", "inverted", "quote_after", "quote_before"}) | {
    f"quote_{h}" for h in ("clause", "prep", "object", "parenthetical")
}
# Verbs of judging and saying outside the hand-written lexicon that may still take an object for content
# ("lambasted the plan", "downplayed the risk"): picked by hand from the learned candidate lemmas,
# leaving out those whose object is an audience or a thing done ("addressed the crowd", "celebrated").
JUDGING_VERBS = _words("""
affirm allude bash champion chide contradict criticise deride disparage dispute downplay elaborate
extoll herald insult invoke knock lambast laud lecture liken mock needle opine outline overstate
posit preach pronounce publicize reaffirm rebuke renounce reprimand repudiate ridicule satirize
savage scold spotlight taunt trash trumpet underscore voice vouch admire dislike hate like regret
relish perceive regard
""")
# Content lengths (tokens) are read in buckets: 1, 2-3, 4-7, 8-15, 16-31, 32+.
_LENGTH_BUCKETS = (1, 3, 7, 15, 31)
# Ways of finding a content that the rules alone accept for a lexicon verb ("open_object" is not one).
RULE_HOWS = frozenset(
    {"quote_after", "quote_before", "clause", "prep", "object", "parenthetical", "inverted"}
) | {f"quote_{h}" for h in ("clause", "prep", "object", "parenthetical")}


def may_add(doc: Doc, draft: Draft) -> bool:
    """True when the filter may add this draft the rules do not make (ADD_HOWS, or a judging verb)."""
    if draft.how in ADD_HOWS:
        return True
    return draft.verb is not None and doc[draft.verb].lemma_ in JUDGING_VERBS


def rule_accepts(doc: Doc, draft: Draft) -> bool:
    """True when the hand-written rules alone make this draft an attribution (the lexicon's verbs)."""
    return draft.verb is not None and doc[draft.verb].lemma_ in CUE_LEMMAS and draft.how in RULE_HOWS


def _klass(lemma: str) -> str:
    if lemma in SPEECH_VERBS:
        return "speech"
    if lemma in COGNITION_VERBS:
        return "cognition"
    return "learned" if lemma in CUE_LEMMAS else "none"


def _bucket(n: int) -> int:
    return next((i for i, b in enumerate(_LENGTH_BUCKETS) if n <= b), len(_LENGTH_BUCKETS))


def features(doc: Doc, draft: Draft) -> list[str]:
    """The features of a verb draft.

    Args:
        doc: the parsed article.
        draft: a draft with a verb (`draft.verb` is not None).

    Returns:
        string features (conjunctions joined with "|").
    """
    assert draft.verb is not None
    toks = tokens(doc)  # doc[i] makes a new Token per read
    verb = toks[draft.verb]
    lemma, klass = verb.lemma_.lower(), _klass(verb.lemma_)
    how = draft.how
    out = [
        f"L={lemma}",
        f"K={klass}",
        f"H={how}",
        f"LH={lemma}|{how}",
        f"KH={klass}|{how}",
        f"T={verb.tag_}",
        f"D={verb.dep_}",
        f"KD={klass}|{verb.dep_}",
        f"LD={lemma}|{verb.dep_}",
        f"HL={verb.head.lemma_.lower()}|{_klass(verb.head.lemma_)}",
        f"R={rule_accepts(doc, draft)}",
    ]
    for child in children(verb):
        out.append(f"C={child.dep_}")
        if child.dep_ in ("aux", "neg", "auxpass", "prt"):
            out.append(f"A={child.lower_}")
    out.extend(_speaker(doc, draft))
    out.extend(_content(doc, draft, how))
    if verb.i > 0:
        out.append(f"LW={toks[verb.i - 1].lower_}")
    if verb.i + 1 < len(toks):
        out.append(f"RW={toks[verb.i + 1].lower_}|{how}")
    return out


def _speaker(doc: Doc, draft: Draft) -> list[str]:
    if draft.speaker is None:
        return ["S=none"]
    head = tokens(doc)[draft.speaker.head]
    word = head.lemma_.lower() if head.pos_ in ("PRON", "NOUN") else head.pos_
    return [
        f"S={head.pos_}",
        f"SE={head.ent_type_}",
        f"SW={word}",
        f"SL={_bucket(draft.speaker.end - draft.speaker.start)}",
        f"SB={draft.speaker.start < draft.verb if draft.verb is not None else True}",
    ]


def _content(doc: Doc, draft: Draft, how: str) -> list[str]:
    span = doc.char_span(draft.content[0], draft.content[1], alignment_mode="expand")
    if span is None or len(span) == 0:
        return ["CR=none"]
    root = span.root
    return [
        f"CL={_bucket(len(span))}",
        f"CLH={_bucket(len(span))}|{how}",
        f"CR={root.dep_}|{root.pos_}",
        f"CT={root.tag_}",
        f"CE={root.ent_type_}",
        f"CA={draft.content[0] > draft.cue[0]}",
    ]


# (feature index, weights, bias, threshold to add a draft, threshold to drop a rule's draft,
#  candidate lemmas outside the lexicon)
Model = tuple[dict[str, int], np.ndarray, float, float, float, frozenset[str]]


@lru_cache(maxsize=1)
def load_filter() -> Model | None:
    """The shipped weights, read once per process."""
    npz = read_weights(WEIGHTS)
    if npz is None:
        return None
    return (
        feature_index(npz["vocab"]),
        npz["w"].astype(np.float32),
        float(npz["b"]),
        float(npz["add"]),
        float(npz["drop"]),
        frozenset(from_json(npz["lemmas"])),
    )


def candidate_lemmas() -> frozenset[str]:
    """The lemmas outside the cue lexicon whose verbs are drafted for the filter (none without weights)."""
    model = load_filter()
    return model[5] if model is not None else frozenset()


def probability(feats: list[str], model: Model) -> float:
    """The model's probability that a draft with these features is an attribution."""
    weight = weight_map(model[0], model[1])
    z = model[2] + sum(weight[f] for f in set(feats) if f in weight)
    return 1.0 / (1.0 + math.exp(-max(-MAX_LOGIT, min(MAX_LOGIT, z))))


def keep_likely(
    doc: Doc, drafts: list[Draft], rules_only: frozenset[int] | set[int] = frozenset()
) -> list[Draft]:
    """The verb drafts the learned filter keeps (the rules' own choice when no weights ship).

    Args:
        doc: the parsed article.
        drafts: verb drafts, candidates from every verb.
        rules_only: ids of drafts the rules alone decide on.

    Returns:
        the drafts kept, in the same order.
    """
    model = load_filter()
    out = []
    for d in drafts:
        accepted = rule_accepts(doc, d)
        if model is None or id(d) in rules_only:
            keep = accepted
        else:
            threshold = model[4] if accepted else (model[3] if may_add(doc, d) else None)
            keep = threshold is not None and probability(features(doc, d), model) >= threshold
        if keep:
            out.append(d)
    return out
