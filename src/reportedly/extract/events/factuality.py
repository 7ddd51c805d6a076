"""The learned factuality model: did the event at a predicate happen, not happen, or is it uncertain?

A linear model over features of the predicate token in the dependency parse: negation in its own
clause and in the clauses above it, modals, their lemmas and their force, conditionals, future,
tense and aspect, questions, hedging adverbs, non-specific arguments and bare nouns, the lemma and
word class of every verb or noun it is embedded under (report, factive, intent, implicative,
preventive), and the polarity those classes compose to (`signature`, the implicative signatures
of Nairn et al. 2006 as TruthTeller computes them). Trained on CPU by
scripts/train_factuality.py on UW event factuality (Lee et al. 2015, research use; only weights
ship); weights in src/reportedly/data/events/factuality.npz. Two heads share the features: a
softmax over three buckets (happened / did not happen / uncertain) and a ridge regression on UW's
-3..+3 scale. extract/events/epistemic.py consults it where its rules have no explicit signal.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from spacy.tokens import Token

from reportedly.weights import feature_index, from_json, require_weights

WEIGHTS = "data/events/factuality.npz"
HAPPENED, NOT_HAPPENED, UNCERTAIN = "happened", "did_not_happen", "uncertain"
# How many heads above the predicate are read: UW's embedded predicates sit under up to three
# verbs and a preposition ("said it would seek to liquidate"); the classes of the top heads still
# matter (dropping H2-H4 costs 0.015 test macro-F1), deeper ones are rare.
MAX_DEPTH = 4


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


MODALS = frozenset(
    {"will", "would", "shall", "should", "can", "could", "may", "might", "must", "'d", "'ll", "wo", "ca"}
)
HEDGE_ADVERBS = _words(
    "reportedly allegedly purportedly apparently supposedly perhaps maybe possibly probably likely "
    "presumably never not already still soon yet again almost nearly hardly barely once eventually "
    "finally ever no"
)
NEGATIVE_WORDS = frozenset(
    {"no", "nobody", "nothing", "none", "neither", "nor", "never", "without", "no one"}
)
# Verb and noun classes of the words a predicate is embedded under. Factives presuppose their
# complement, report verbs attribute it, intent and irrealis words put it in the future or as an aim,
# implicatives entail it, preventives entail that it did not happen.
WORD_CLASSES: dict[str, frozenset[str]] = {
    "report": _words(
        "say tell report claim state announce add write allege insist argue suggest note explain "
        "declare testify accord indicate warn"
    ),
    "belief": _words(
        "believe think expect suspect assume feel guess fear hope doubt wonder consider predict "
        "estimate imagine speculate seem appear"
    ),
    "factive": _words(
        "know realize realise regret discover learn notice reveal acknowledge admit confirm prove "
        "show find forget remember recognize see understand"
    ),
    "intent": _words(
        "want plan try seek intend aim propose attempt wish decide prepare need mean promise threaten "
        "offer agree ask urge call order allow permit require force encourage demand push vow pledge "
        "plot strive struggle hope consider schedule set expect approve authorize recommend"
    ),
    "implicative": _words(
        "manage begin start continue help dare happen use go come tend succeed resume keep finish complete"
    ),
    "preventive": _words(
        "prevent block stop avoid ban prohibit bar oppose reject deny refuse decline fail halt cancel "
        "forbid suspend delay postpone abandon withdraw end resist veto neglect cease quit against"
    ),
    "irrealis": _words(
        "effort attempt possibility plan bid proposal offer threat risk chance goal aim intention "
        "hope way ability need right desire demand request call option prospect potential ready "
        "willing able likely unlikely possible impossible eager reluctant prepared free expected due "
        "about unable fear decision order pressure deadline"
    ),
}


# Modal force (Kratzer's necessity / possibility; Saurí and Pustejovsky's FactBank "probable" /
# "possible"): "will", "must" commit the speaker more than "may", "might", "could"; "would" and
# "should" are the conditional and deontic ones, read as their own class.
MODAL_FORCE = {
    "will": "strong", "shall": "strong", "must": "strong", "'ll": "strong", "wo": "strong",
    "may": "weak", "might": "weak", "could": "weak", "can": "weak", "ca": "weak",
    "would": "cond", "should": "cond", "'d": "cond",
}
# Quantifiers that make an argument non-specific ("any action", "every decision"): the event is not
# anchored to a particular occurrence (UDS's genericity; Govindarajan et al. 2019).
NONSPECIFIC = frozenset({"any", "every", "each", "whatever", "whichever"})


@dataclass(frozen=True, slots=True)
class Factuality:
    """The model's reading of one predicate: its bucket, that bucket's probability, and a -3..+3 value."""

    bucket: str
    probability: float
    value: float


def word_class(lemma: str) -> str | None:
    """The first class of WORD_CLASSES holding `lemma`, or None."""
    for name, words in WORD_CLASSES.items():
        if lemma in words:
            return name
    return None


def _clause(tok: Token, tag: str) -> list[str]:
    """Features of one clause head's own dependents: negation, modals, marks, hedges, tense."""
    out = [f"{tag}T={tok.tag_}"]
    for child in tok.children:
        dep, low = child.dep_, child.lower_
        if dep == "neg" or (dep == "det" and low == "no"):
            out.append(f"{tag}NEG")
        elif dep in ("aux", "auxpass"):
            lemma = child.lemma_.lower()
            if low in MODALS or lemma in MODALS:
                modal = lemma if lemma in MODALS else low
                out.append(f"{tag}MD={modal}")
                out.append(f"{tag}MF={MODAL_FORCE.get(modal, 'other')}")
            elif low == "to":
                out.append(f"{tag}TO")
            elif lemma in ("have", "be", "do", "get"):
                out.append(f"{tag}AUX={dep}|{lemma}")
        elif dep == "mark":
            out.append(f"{tag}MARK={low}")
        elif dep in ("advmod", "npadvmod", "preconj", "cc") and low in HEDGE_ADVERBS:
            out.append(f"{tag}ADV={low}")
        elif dep in ("nsubj", "nsubjpass") and (
            low in NEGATIVE_WORDS or any(g.lower_ == "no" for g in child.children)
        ):
            out.append(f"{tag}NEGSUBJ")
        elif dep == "prep" and low == "without":
            out.append(f"{tag}WITHOUT")
    return out


def features(trigger: Token) -> list[str]:
    """The features of a predicate token in its parsed sentence.

    Args:
        trigger: the predicate (a verb, an event noun or adjective).

    Returns:
        string features: its own clause, then each head above it up to MAX_DEPTH with its word class.
    """
    lemma = trigger.lemma_.lower()
    out = [f"L={lemma}", f"P={trigger.pos_}", f"D={trigger.dep_}", *_clause(trigger, "")]
    own_class = word_class(lemma)
    if own_class:
        out.append(f"OC={own_class}")
    out.extend(_modifiers(trigger))
    node, negations, path = trigger, 0, []
    for depth in range(1, MAX_DEPTH + 1):
        head = node.head
        if head.i == node.i:
            break
        link = node.dep_
        if link == "pobj":  # read through the preposition: "efforts to stop" vs "the fall of Kabul"
            out.append(f"PREP{depth}={head.lower_}")
            if head.lower_ in ("without", "against"):
                negations += 1
            node, head = head, head.head
            if head.i == node.i:
                break
        path.append(node.dep_)
        hlemma = head.lemma_.lower()
        cls = word_class(hlemma) or head.pos_
        out += [f"H{depth}={node.dep_}|{hlemma}", f"HC{depth}={node.dep_}|{cls}", f"HC={cls}", f"HL={hlemma}"]
        clause = _clause(head, "A")
        negations += sum(f == "ANEG" for f in clause)
        out += [f for f in clause if not f.startswith("AT=")] + [f"{f}@{depth}" for f in clause[:1]]
        node = head
    out.append("PATH=" + ">".join(path[:2]))
    out.append(f"SIG={signature(trigger)}")
    out.append(f"NEGS={min(negations, 2)}")
    out.extend(_sentence(trigger, node))
    return out


# The links along which a head's polarity reaches its dependent: complements and objects, not
# adjuncts, subjects or coordinated clauses.
COMPLEMENT_LINKS = frozenset({"xcomp", "ccomp", "dobj", "attr", "acl", "acomp", "oprd"})
# Prepositions that introduce a complement ("efforts to", "prohibited from", "hope for", "the
# possibility of"), as against adjuncts ("in", "by", "because of", "including").
COMPLEMENT_PREPOSITIONS = frozenset({"of", "to", "for", "from", "on", "about", "into", "without", "against"})


# Classes of governing words that entail or presuppose (the negative of) their complement.
ENTAILING = frozenset({"implicative", "preventive", "factive"})


def _infinitive(verb: Token) -> bool:
    """A to-infinitive ("efforts to woo"), as against a participle ("the line drawn")."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _negated_here(tok: Token) -> bool:
    """Negation on a clause head itself: "not", "no X", "nobody", "never"."""
    for child in tok.children:
        low = child.lower_
        if child.dep_ == "neg" or (child.dep_ == "det" and low in ("no", "neither")):
            return True
        if child.dep_ in ("nsubj", "nsubjpass") and (
            low in NEGATIVE_WORDS or any(g.lower_ == "no" for g in child.children)
        ):
            return True
    return False


def signature(trigger: Token) -> str:
    """The predicate's polarity computed up its chain of heads, as implicative signatures compose
    (Karttunen 1971, 2012; Nairn, Condoravdi and Karttunen 2006; TruthTeller in Lotan et al. 2013,
    Stanovsky et al. 2017's strongest factuality features): "+" entailed, "-" entailed not to have
    happened, "?" left open.

    Negation flips the polarity of its own clause; an implicative ("managed to") passes its own
    polarity to its complement, a negative implicative or preventive ("refused to", "prevented X
    from", "against") passes the opposite; a factive ("knew that") presupposes its complement and
    stops; a report or belief verb passes it ("did not think that X" is neg-raised); an intent or
    irrealis word ("wants to", "efforts to"), or any other verb's to-infinitive ("sent troops to
    secure", a purpose clause "to break the siege"), leaves it open unless negated ("does not want to
    take": not taken); a weak modal on the way ("may", "could") or a condition leaves it open.
    """
    polarity = -1 if _negated_here(trigger) else 1
    node = trigger
    for _ in range(MAX_DEPTH):
        if any(c.dep_ == "aux" and MODAL_FORCE.get(c.lower_) == "weak" for c in node.children) or any(
            c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") for c in node.children
        ):
            return "?"
        head = node.head
        if head.i == node.i:
            break
        link = node.dep_
        through = None
        if link in ("pobj", "pcomp") and head.dep_ == "prep":  # read through the preposition
            through = head.lower_
            if through not in COMPLEMENT_PREPOSITIONS:
                break  # "in an interview", "because of the attacks": an adjunct phrase
            node, head = head, head.head
            if head.i == node.i:
                break
        elif link == "advcl" and _infinitive(node):
            return "?"  # a purpose clause: "mobilized fighters to break the siege"
        elif link not in COMPLEMENT_LINKS or (link == "acl" and not _infinitive(node)):
            break  # an adjunct, a subject or a coordinate clause: its head's polarity is not the predicate's
        cls = word_class(head.lemma_.lower())
        if link == "xcomp" and _infinitive(node) and cls not in ENTAILING:
            return "-" if _negated_here(head) != (polarity < 0) else "?"  # an aim: "sent troops to secure"
        if through in ("without", "against"):
            polarity = -polarity
        elif through is not None and cls is None:
            break  # "in the searches", "because of the attacks": an adjunct phrase
        negated = _negated_here(head)
        if cls == "factive":
            break
        if cls in ("intent", "irrealis") or (cls == "belief" and not negated and link != "ccomp"):
            # open, unless one negative rules it out: "does not want to take", "decided against seeking"
            return "-" if negated != (polarity < 0) else "?"
        if cls == "preventive" and (link in ("xcomp", "ccomp") or through == "from"):
            # "refused to order", "prohibited from organizing"; not its object ("ended the war")
            polarity = -polarity
        if negated:
            polarity = -polarity
        node = head
    return "+" if polarity > 0 else "-"


def _modifiers(trigger: Token) -> list[str]:
    """A noun's determiner and adjectives ("the proposed merger", "any decision"); time words and the
    subject pronoun on the predicate's clause ("next week", "we")."""
    out = []
    noun = trigger.pos_ == "NOUN"
    for child in trigger.children:
        dep = child.dep_
        if noun and dep in ("det", "poss"):
            out.append(f"DET={child.lower_ if dep == 'det' else 'POSS'}")
        elif noun and dep == "amod":
            out.append(f"AMOD={child.lemma_.lower()}")
        elif dep in ("npadvmod", "advmod", "tmod"):
            out.append(f"ADVL={child.lemma_.lower()}")
            out.extend(f"ADVL={g.lemma_.lower()}" for g in child.children if g.dep_ == "amod")
        elif dep in ("nsubj", "nsubjpass") and child.pos_ == "PRON":
            out.append(f"SUBJ={child.lower_}")
        quantifiers = [child, *(g for g in child.children if g.dep_ == "det")]
        if dep in ("nsubj", "nsubjpass", "dobj", "det") and any(q.lower_ in NONSPECIFIC for q in quantifiers):
            out.append("NONSPEC")
    if noun and not any(c.dep_ in ("det", "poss") for c in trigger.children):
        out.append(f"BARE={trigger.tag_}")  # "charges of abuse": a bare noun names a kind, not an occurrence
    return out


def _sentence(trigger: Token, root: Token) -> list[str]:
    """A question mark closing the sentence of the predicate's topmost head read."""
    doc = trigger.doc
    end = root.right_edge.i
    out = []
    for tok in doc[end : min(end + 2, len(doc))]:
        if tok.text == "?":
            out.append("QUESTION")
            break
    return out


@lru_cache(maxsize=1)
def load_model() -> tuple[dict[str, int], np.ndarray, np.ndarray, np.ndarray, float, list[str]]:
    """The shipped weights, read once per process: (feature index, W, b, ridge w, ridge b, labels)."""
    npz = require_weights(WEIGHTS)
    return (
        feature_index(npz["vocab"]),
        npz["W"].astype(np.float32),
        npz["b"].astype(np.float32),
        npz["R"].astype(np.float32),
        float(npz["r0"]),
        from_json(npz["labels"]),
    )


def judge_features(feats: list[str]) -> Factuality:
    """The model's reading of a feature list from `features`."""
    index, weights, bias, ridge, ridge_bias, labels = load_model()
    rows = sorted({index[f] for f in feats if f in index})
    logits = bias + (weights[rows].sum(axis=0) if rows else 0.0)
    probs = np.exp(logits - logits.max())
    probs /= probs.sum()
    best = int(np.argmax(probs))
    value = ridge_bias + float(ridge[rows].sum()) if rows else ridge_bias
    return Factuality(labels[best], float(probs[best]), max(-3.0, min(3.0, value)))
