"""The reporting-cue lexicon and the matchers that find cues in a Doc, built once per vocab.

The verb list started from the reporting verbs of news style guides and was widened with the cue
lemmas that occur at least a few times in PolNeAR's training annotations (speech, cognition and
evaluation verbs: PolNeAR annotates "Trump wants ..." and "Cruz denounced ..." as attributions).
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

from spacy.matcher import Matcher
from spacy.tokens import Doc, Token
from spacy.vocab import Vocab


def _words(text: str) -> frozenset[str]:
    """A word set from whitespace-separated text (keeps long lexicons readable)."""
    return frozenset(text.split())


# Verbs of saying: attributions whenever they have a speaker and a clause, a quote or an object.
SPEECH_VERBS = _words("""
say tell add state announce declare claim argue note explain insist report write tweet post warn
predict suggest acknowledge admit concede confirm deny reject dismiss refute rebut assert allege
contend maintain reply respond answer ask question wonder recall remark comment observe mention
stress emphasize reiterate repeat conclude testify promise vow pledge threaten urge joke quip
complain charge accuse blame criticize praise hint indicate reveal disclose estimate caution assure
boast counter retort agree disagree confide inform learn recount speculate shout yell exclaim
whisper tout forecast describe call label brand characterize dub denounce condemn slam blast decry
lament applaud hail endorse defend support oppose propose demand order instruct advise recommend
suggest acknowledge contend cite quote show find tell write read predict project calculate signal
concede confess lie declare proclaim relay convey communicate convince persuade remind reassure
cheer welcome
""")

# Verbs of cognition and attitude: attributions only with a clausal complement ("thinks that ...").
COGNITION_VERBS = _words("""
believe think feel know expect hope fear worry doubt suspect assume understand realize want wish
consider guess imagine reckon figure bet see view insist trust anticipate envision foresee sense
""")

# Verbs whose direct object is the content: "denied the meeting", "confirmed the talks".
OBJECT_CONTENT_VERBS = _words("""
deny confirm reject dismiss refute rebut announce reveal disclose criticize praise denounce condemn
slam blast decry lament applaud hail endorse defend support oppose propose demand describe call
label brand characterize dub acknowledge admit cite predict want promise pledge vow threaten
question recommend welcome report
""")

# Verbs whose object is the person addressed, not the content ("told supporters", "urged voters").
ADDRESSEE_VERBS = frozenset(
    {
        "tell",
        "ask",
        "inform",
        "remind",
        "assure",
        "reassure",
        "convince",
        "persuade",
        "urge",
        "instruct",
        "order",
        "advise",
        "warn",
        "quote",
        "cite",
        "brief",
        "thank",
    }
)


def _learned(min_precision: float = 0.0) -> frozenset[str]:
    """Cue lemmas learned from PolNeAR train by scripts/build_cue_lexicon.py (lemmas and counts only).

    Args:
        min_precision: keep lemmas that headed a gold cue in at least this share of their uses.
    """
    path = resources.files("reportedly").joinpath("data/attribution/cue_lexicon.json")
    if not path.is_file():
        return frozenset()
    lemmas = json.loads(path.read_text("utf-8"))["lemmas"]
    return frozenset(k for k, (cue, total) in lemmas.items() if cue / total >= min_precision)


# Light verbs that head cues only as part of a phrase ("is expected", "made clear"): never cues alone.
_LIGHT = frozenset({"be", "have", "do", "get", "make", "go", "come"})
LEARNED_VERBS = _learned() - COGNITION_VERBS - _LIGHT
# Learned verbs precise enough to take a bare object as content ("embraced the plan"): half their uses.
LEARNED_OBJECT_VERBS = _learned(0.5) - COGNITION_VERBS - _LIGHT
CUE_LEMMAS = SPEECH_VERBS | COGNITION_VERBS | LEARNED_VERBS

# What kind of claim a cue makes (attributions[].kind), from the lexicon above and PolNeAR train's
# cue inventory (data/attribution/cue_lexicon.json): a belief is held ("analysts believe", "fears"),
# a finding is what evidence shows ("the audit found"), everything else is a statement.
# Beliefs: the cognition verbs plus the attitude lemmas PolNeAR annotates as cues (hope, fear,
# worry, expect, intend, prefer, deem); "insist" and "see" stay statements.
BELIEF_VERBS = (COGNITION_VERBS | _words("fear worry expect hope intend prefer deem doubt suspect")) - _words(
    "insist see"
)
# Verbs that report what evidence shows: the lexicon's and PolNeAR's cue lemmas of discovery
# (show, find, suggest, indicate, reveal, conclude, estimate, document, determine, project).
FINDING_VERBS = _words("""
show find suggest indicate reveal conclude estimate document determine project predict forecast
confirm demonstrate establish uncover identify
""")
# Verbs of deciding and of directing by authority: "the board may decline to review the case",
# "ordered officials to", "refused to attend". What follows them is an act decided, not words said:
# PolNeAR annotates them as attributions (its cue lemmas refuse, seek, agree, decline, rule, order, sue,
# resist, balk, offer), a quote tracker does not. With an infinitive or an object they are decisions;
# with a that-clause or a quotation ("agreed that ...", "ruled that ...") they stay statements. The
# list is those cue lemmas (less "offer", a proposal made in words) and the verbs of the same
# classes in VerbNet (decide, order/command, forbid/allow, vote/elect, approve/veto).
DECISION_VERBS = _words("""
decide decline refuse agree seek rule order sue resist balk choose opt elect vote approve veto
authorize allow permit forbid ban command direct resolve
""")
# Subjects that are evidence rather than a speaker: a finding verb with one of these as its subject
# is a finding ("the poll showed", "an investigation found"); "the minister found" stays a statement.
EVIDENCE_NOUNS = _words("""
study poll survey report investigation inquiry probe audit review analysis research footage video
image photo data census test experiment evidence record document autopsy assessment findings figure
statistic model trial sample examination
""")

# Nouns that report without a named source: "there were reports that", "it was reported".
REPORT_NOUNS = frozenset({"report", "rumor", "rumour", "claim", "speculation", "allegation"})

# Adverbs kept inside a cue when they sit between its auxiliaries and the verb ("has repeatedly said").
CUE_ADVERB_DEPS = frozenset({"aux", "auxpass", "neg", "advmod", "preconj"})

# Channels named inside a cue: "said in a statement", "wrote in an op-ed".
CHANNEL_NOUNS = frozenset(
    {
        "statement",
        "interview",
        "release",
        "email",
        "letter",
        "tweet",
        "post",
        "speech",
        "op",
        "essay",
        "memo",
        "filing",
        "video",
        "message",
        "column",
        "book",
    }
)
# Prepositional cues: the preposition is part of the cue, its object the content ("called for X").
PREP_CUES = {
    "point": ("to",),
    "refer": ("to",),
    "call": ("for",),
    "respond": ("to",),
    "react": ("to",),
    "argue": ("for", "against"),
    "advocate": ("for",),
    "push": ("for",),
    "rail": ("against",),
    "speak": ("about", "of", "out"),
    "talk": ("about",),
    "complain": ("about",),
    "warn": ("of", "about"),
    "apologize": ("for",),
    "vouch": ("for",),
    "hint": ("at",),
    "boast": ("about", "of"),
}

# Verbs whose infinitive complement joins them in PolNeAR's cue ("continued to call for", "tried to
# explain"): the governing verb and the infinitive make one cue in most of their PolNeAR train uses.
XCOMP_IN_CUE = _words("continue try have begin start go use need spend struggle")
# Most tokens from a governing verb to its infinitive in one cue ("went on to explain": 3).
MAX_XCOMP_GAP = 3
# A time right after the cue verb is part of the cue in PolNeAR ("said Friday"): 77 of 126 train uses.
CUE_TIME_ENTS = frozenset({"DATE", "TIME"})

# Prepositions that join a verb outside the lexicon in PolNeAR's cue, their object being the content:
# each is inside the gold cue in most of its uses right after a cue verb in PolNeAR train ("to" 602 of
# 687). For the lexicon's verbs it costs exact cue F1 on train (PREP_CUES lists their prepositions).
CUE_PREPS = _words("to for about against with over into upon on of")

# Dependency labels of a cue verb's clausal content.
CLAUSE_DEPS = frozenset({"ccomp", "xcomp", "csubj"})


@lru_cache(maxsize=8)
def _matcher(vocab: Vocab) -> Matcher:
    matcher = Matcher(vocab)
    # A set ("IN") on a pattern's first token is a Python call on every token of every Doc; an exact value
    # is compared in C. So small sets there are spelled out, one pattern per value: the same matches
    # (find_cues sorts them), half the per-token calls.
    matcher.add("VERB", [[{"LEMMA": {"IN": sorted(CUE_LEMMAS)}, "POS": pos}] for pos in ("VERB", "AUX")])
    matcher.add("ACCORDING", [[{"LOWER": "according"}, {"LOWER": "to"}], [{"LOWER": "as"}, {"LOWER": "per"}]])
    matcher.add(
        "THERE_REPORTS",
        [
            [
                {"LOWER": "there"},
                {"LEMMA": "be"},
                {"OP": "*", "POS": {"IN": ["DET", "ADJ", "ADV"]}},
                {"LEMMA": {"IN": sorted(REPORT_NOUNS)}, "TAG": {"IN": ["NNS", "NN"]}},
            ]
        ],
    )
    matcher.add(
        "IT_REPORTED",
        [
            [
                {"LOWER": "it"},
                {"LEMMA": "be", "OP": "+"},
                {"LEMMA": {"IN": ["report", "say", "claim", "allege", "rumor", "believe"]}, "TAG": "VBN"},
            ]
        ],
    )
    dashes, quotes = ["-", "—", "–", "--"], ("”", '"', "''", "’")
    matcher.add("QUOTE_DASH", [[{"TEXT": quote}, {"TEXT": {"IN": dashes}}] for quote in quotes])
    return matcher


def find_cues(doc: Doc) -> dict[str, list[tuple[int, int]]]:
    """Every cue match in `doc`, as token ranges by kind (VERB, ACCORDING, THERE_REPORTS, ...).

    Args:
        doc: a parsed Doc.

    Returns:
        kind -> sorted list of (start, end) token indices; overlapping matches of one kind are kept.
    """
    found: dict[str, list[tuple[int, int]]] = {}
    strings = doc.vocab.strings
    for match_id, start, end in _matcher(doc.vocab)(doc):
        found.setdefault(strings[match_id], []).append((start, end))
    for spans in found.values():
        spans.sort()
    return found


def is_cognition(token: Token) -> bool:
    """True for attitude verbs that need a clause to be a cue ("believes that ...")."""
    return token.lemma_ in COGNITION_VERBS and token.lemma_ not in SPEECH_VERBS


def prep_of(verb: Token) -> Token | None:
    """The preposition a prepositional cue takes in ("pointed to", "called for"), when it follows.

    Besides the lexicon's pairs, a verb outside the lexicon (a candidate for the learned filter) takes
    in a following preposition of CUE_PREPS whose object is no time ("sided with"; not "met on Tuesday").
    """
    if verb.i + 1 >= len(verb.doc):
        return None
    nxt = verb.doc[verb.i + 1]
    if nxt.head.i != verb.i or nxt.dep_ != "prep":
        return None
    want = PREP_CUES.get(verb.lemma_)
    if want is not None:
        return nxt if nxt.lower_ in want else None
    if nxt.lower_ not in CUE_PREPS or verb.lemma_ in CUE_LEMMAS:
        return None
    obj = next((c for c in nxt.children if c.dep_ == "pobj"), None)
    return nxt if obj is not None and obj.ent_type_ not in CUE_TIME_ENTS else None


def sent_channel(verb: Token) -> Token | None:
    """The verb that sends the channel a participle hangs on: "released" in "released a statement saying"."""
    noun = verb.head
    if (
        verb.dep_ == "acl"
        and verb.tag_ == "VBG"
        and noun.lemma_ in CHANNEL_NOUNS
        and noun.dep_ == "dobj"
        and noun.head.pos_ == "VERB"
    ):
        return noun.head
    return None


def cue_bounds(verb: Token) -> tuple[int, int]:
    """The cue's token range: the verb with its auxiliaries, negation and adverbs just before it.

    Coordinated cues ("neither confirmed nor denied") run to the last coordinated reporting verb.

    Args:
        verb: the reporting verb.

    Returns:
        (start, end) token indices, end exclusive.
    """
    start = verb.i
    for child in reversed(list(verb.lefts)):
        if child.i == start - 1 and child.dep_ in CUE_ADVERB_DEPS and not child.is_punct:
            start = child.i
        elif child.i < start - 1:
            break
    head = verb.head
    if (
        verb.dep_ == "xcomp"
        and (head.lemma_ in XCOMP_IN_CUE or head.lemma_ not in CUE_LEMMAS and head.pos_ in ("VERB", "AUX"))
        and 0 < verb.i - head.i <= MAX_XCOMP_GAP
    ):
        start = min(start, cue_bounds(head)[0])  # "went on to explain": one cue
    sender = sent_channel(verb)
    if sender is not None and sender.i < verb.i:
        start = min(start, cue_bounds(sender)[0])  # "released a statement saying": one cue
    end = _particles(verb, verb.i + 1)
    prep = prep_of(verb)
    if prep is not None:
        end = prep.i + 1
    elif end < len(verb.doc) and verb.doc[end].lower_ == "in" and verb.doc[end].head.i == verb.i:
        # "said in a statement": the channel is part of the cue
        obj = next((c for c in verb.doc[end].children if c.dep_ == "pobj"), None)
        if obj is not None and obj.lemma_ in CHANNEL_NOUNS and obj.i - end <= 3:
            end = obj.i + 1
    for conj in verb.conjuncts:
        if conj.i > verb.i and conj.lemma_ in CUE_LEMMAS and conj.i - end <= 2:
            end = conj.i + 1
    return start, end


def _particles(verb: Token, end: int) -> int:
    """The cue's end past a particle ("pointed out") and a time ("said Friday") right after the verb."""
    doc = verb.doc
    while end < len(doc) and doc[end].head.i == verb.i:
        tok = doc[end]
        if tok.dep_ == "prt" or (tok.dep_ == "npadvmod" and tok.ent_type_ in CUE_TIME_ENTS):
            end = tok.right_edge.i + 1
        else:
            break
    return end
