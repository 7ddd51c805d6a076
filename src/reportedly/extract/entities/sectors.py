"""Sectors of organizations the gazetteer and the agents dictionary's phrases leave uncoded: companies,
media outlets, schools and NGOs, by the Phoenix agents dictionary's sectors (BUS, MED, EDU, NGO; issue 13).

- A name ending in a company's legal form ("Exxon Mobil Corp", "Wells Fargo & Co", "Acme Ltd") is a
  company: the dictionary's COMPANY / CORPORATION [~BUS], which it lists in full only.
- A name whose head noun (before its complement: "Alliance to Reclaim Our Schools" is an alliance)
  has a first WordNet sense, a group or a communication, reaching a hypernym the dictionary codes in
  one of `HEAD_SECTORS` ("Gazette" -> newspaper MED; not BUS: "Trans-Pacific Partnership").
- An organization the text makes a media outlet by what it does: the subject of a verb of publishing
  or broadcasting whose content is a clause opened by "that" ("ABC News reported that ...", not
  "Nordvik Shipping reported third-quarter earnings", which a parser may read as a clause), or the
  one a person tells something ("told ABC News"): the dictionary's NEWS_OUTLET [~MED]. An outlet
  takes no frame country (a dateline's agency is often foreign: IANS in a Myanmar story): "MED"
  unless the text gives its country.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc

from reportedly.extract.agents import hypernym_code, sector_of

# Legal forms of companies written after their names, which the agents dictionary lists in full
# (COMPANY, CORPORATION [~BUS]).
LEGAL_FORMS = frozenset({"inc", "corp", "co", "ltd", "llc", "plc", "lp", "llp", "gmbh", "ag", "nv", "bv"})
BUSINESS = "~BUS"
MEDIA = "~MED"
# The sectors a head noun's WordNet hypernym may give: a business by its name alone is too often an
# agreement ("Trans-Pacific Partnership": partnership -> a business firm); companies come by legal form.
HEAD_SECTORS = frozenset({"MED", "EDU", "NGO"})
# Words after which a name goes on to its complement (codes.COMPLEMENT_WORDS adds possessives to them).
COMPLEMENT_WORDS = frozenset({"of", "for", "to", "in", "at", "on", "with", "from"})
# WordNet classes of a head noun read for its sector: an organization ("institute") or a publication
# ("gazette").
HEAD_CLASSES = frozenset({"noun.group", "noun.communication"})
# Verbs whose subject publishes or broadcasts: what media do (WordNet's synsets {report}, {publish,
# write}, {air, broadcast}; the dictionary's NEWS_OUTLET, PUBLISHER, BROADCASTING_COMPANY).
PUBLISHING_VERBS = frozenset({"report", "publish", "write", "broadcast", "air"})
# The verb whose dative is the outlet a person talks to ("told ABC News").
TELL = frozenset({"tell"})
SUBJECTS = frozenset({"nsubj"})
DATIVES = frozenset({"dative", "dobj"})
# The content clause of a verb of publishing ("reported that ..."): companies report things too.
CLAUSES = frozenset({"ccomp"})


def name_agent(name: str) -> str | None:
    """The agent code ("~BUS", "~MED" ...) of an organization by its name's legal form or its head
    noun's WordNet hypernyms (see the module docstring); None when neither says."""
    words = [w.strip(",.").lower() for w in name.replace("&", " ").split()]
    if len(words) > 1 and words[-1] in LEGAL_FORMS:
        return BUSINESS
    for at, word in enumerate(words):
        if word in COMPLEMENT_WORDS:  # "Alliance to Reclaim Our Schools": the head is the alliance
            words = words[:at]
            break
    if not words:
        return None
    agent = hypernym_code(words[-1], HEAD_CLASSES)
    return agent if agent is not None and sector_of(agent) in HEAD_SECTORS else None


def acts_as_media(doc: Doc, spans: Iterable[tuple[int, int]]) -> bool:
    """Whether a mention (token ranges) of an organization is the subject of a verb of publishing or
    broadcasting, or the dative of "tell" (see the module docstring)."""
    for start, end in spans:
        root = doc[start:end].root
        head = root.head
        lemma = (head.lemma_ or head.lower_).lower()
        if head.pos_ != "VERB" or head.i == root.i:
            continue
        if root.dep_ in SUBJECTS and lemma in PUBLISHING_VERBS and any(
            c.dep_ in CLAUSES and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)
            for c in head.children
        ):
            return True
        if root.dep_ in DATIVES and lemma in TELL:
            return True
    return False
