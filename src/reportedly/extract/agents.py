"""Agents: the CAMEO codes of parties named by a common noun ("armed men", "riot police", "the foreign
minister"), read from the PETRARCH2 Phoenix agents dictionary (`data/cameo/Phoenix.agents.txt`).

The dictionary maps a phrase to an agent code: `GUNMEN [~UAF]`, `RIOT_POLICE {} [~COP]`,
`PEACEKEEPING_TROOPS {} [IGO~]`. Its format (PETRARCH's `dictionaries_format_doc.rst`, "Agent
Dictionary") is read in full:
- `~CODE` is added after the actor's country ("Turkish troops" -> TUR + MIL), `CODE~` before it;
- a regular plural is generated for the last word (+S, Y -> IES, SS -> +ES) unless the phrase ends
  with `_` or the record has `{}`; `{PLURAL}` gives an irregular plural instead;
- `!SET! = A, B` substitution sets expand every `!SET!` marker with each member, without plurals;
- words joined by `_` are consecutive; PETRARCH lets other words intervene where a blank separates
  them, which this lookup, matching a noun phrase's words, reads as consecutive too.
The table is built once and cached (`reportedly.cache`) keyed by the file's content.

`is_body(noun)` tells a body (an institution: "government", "court", "ministry") from an office
holder ("minister", "president") by the dictionary itself: it lists officials, spokespersons,
representatives or a delegation of a body ("GOVERNMENT_OFFICIAL", "COURT_OFFICIAL",
"MILITARY_SPOKES!PERSON!", "MINISTRY_DELEGATION_"), never of an office holder.

`body_code(noun)` codes a body the dictionary does not list by itself from the phrases it lists for it:
its members ("PARTY_MEMBER" [~PTY]: a party is PTY) or two kinds of it or more ("DEPARTMENT_OF_DEFENSE"
[~GOVMIL], "DEPARTMENT_OF_COMMERCE" [~GOVBUS] ...: a department is GOV), when they agree on one sector.
`hypernym_code(name)` bridges WordNet 3.0 to the dictionary: a group or organization the dictionary does
not list takes the code of the nearest WordNet hypernym of its first sense that it does list ("GOP" is a
party: PTY; "Republicans" are politicians: POLITICIAN [~PTY]; "FBI" is a law enforcement agency: COP).
`kind_sectors(noun)` counts the sectors of the kinds of a noun the dictionary lists ("forces": ARMED_FORCES,
GOVERNMENT_FORCES ...) where it does not list the noun by itself.
`is_spokesperson(word)` tells the dictionary's word for one who speaks for a body (SPOKES!PERSON!).

`code_for(country, agent)` joins an ISO-3 country and an agent code the way CAMEO actor codes are
written (RUS + ~GOV -> RUSGOV, AFG + ~REB -> AFGREB, IGO~ + SYR -> IGOSYR); `sector_of` names the
agent's primary sector (its first three letters: GOV, MIL, REB, COP, UAF ...).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from functools import lru_cache
from importlib import resources
from pathlib import Path

# Bump when the table built from the dictionary changes shape or meaning (the cached copy is rebuilt).
TABLE_VERSION = "1"
DICTIONARY = "data/cameo/Phoenix.agents.txt"
# CAMEO sector codes are three letters; an agent code chains one or more ("GOVMED": government media).
SECTOR_CHARS = 3
_CODE = re.compile(r"\[\s*(~?[A-Z]+~?)\s*[\]}]")
_PLURAL = re.compile(r"\{([^}]*)\}")
_SET = re.compile(r"^(![A-Z]+!)\s*=\s*(.+)$")
_HYPHEN = re.compile(r"\s*-\s*")
# The words after a body's name in the dictionary's phrases for the people who act for it:
# "GOVERNMENT_OFFICIAL", "MILITARY_SPOKES!PERSON!" (expanded: spokesman ...), "MINISTRY_DELEGATION_".
MEMBER_WORDS = frozenset({
    "official", "officials", "spokesman", "spokesmen", "spokeswoman", "spokeswomen", "spokesperson",
    "representative", "representatives", "delegation",
})
# A body has members: "PARTY_MEMBER", "STAFF_MEMBER", "POLITBURO_MEMBER" (`body_code`); "state official"
# or "high official" name no body "state" or "high".
MEMBER_NOUNS = frozenset({"member", "members"})
# Words joining a body to its complement in the dictionary's phrases: "DEPARTMENT_OF_DEFENSE". A noun
# takes its kinds' sector when the dictionary lists two kinds of it or more (one phrase, "HOUSE_OF_X",
# may be a name of its own).
COMPLEMENT_LINKS = frozenset({"of", "for"})


def _path() -> Path:
    return Path(str(resources.files("reportedly").joinpath(DICTIONARY)))


def key(text: str) -> str:
    """The lookup form of a phrase: lower case, words separated by one space, hyphens kept tight
    ("Arms - runner" and "ARMS-RUNNER" are one key)."""
    words = " ".join(text.replace("_", " ").split()).lower()
    return _HYPHEN.sub("-", words)


def _plurals(phrase: str) -> list[str]:
    """The regular plural of a phrase's last word (the dictionary's rule), none when it ends with `_`."""
    if phrase.endswith("_") or not phrase:
        return []
    if phrase.endswith("SS"):
        return [phrase + "ES"]
    if phrase.endswith("Y"):
        # The documented rule is Y -> IES; a vowel before Y makes the plain plural ("attorneys") too.
        return [phrase[:-1] + "IES"] + ([phrase + "S"] if phrase[-2:-1] in "AEIOU" else [])
    if phrase.endswith("S"):
        return []  # already a plural or a mass noun ("ARMED_FORCES", "POLICE_PERSONNEL")
    return [phrase + "S"]


def parse_records(lines: Sequence[str]) -> Iterator[tuple[str, str]]:
    """(phrase key, agent code) for every phrase the dictionary's lines define, plurals and
    substitutions expanded; records without a code are skipped.

    Args:
        lines: the dictionary's lines.

    Returns:
        an iterator of (key, code) with codes as written ("~UAF", "IGO~").
    """
    sets: dict[str, list[str]] = {}
    for raw in lines:
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        found = _SET.match(line)
        if found:
            sets[found.group(1)] = [m.strip() for m in found.group(2).split(",") if m.strip()]
            continue
        code = _CODE.search(line)
        if code is None:
            continue
        head = line[: code.start()]
        plural = _PLURAL.search(head)
        phrase = (head[: plural.start()] if plural else head).strip()
        forms = [phrase]
        for marker, members in sets.items():
            if marker in phrase:
                forms = [f.replace(marker, m) for f in forms for m in members]
        expanded = forms != [phrase]
        for form in forms:
            yield key(form), code.group(1)
            if expanded:
                continue  # substituted members carry their own number (MAN, MEN)
            if plural is None:
                yield from ((key(p), code.group(1)) for p in _plurals(form))
            elif plural.group(1).strip():
                yield key(plural.group(1)), code.group(1)


def build_table() -> dict[str, str]:
    """The whole dictionary as {phrase key: agent code}; the first record of a phrase wins."""
    table: dict[str, str] = {}
    lines = _path().read_text("utf-8", errors="replace").splitlines()
    for phrase, code in parse_records(lines):
        table.setdefault(phrase, code)
    return table


@lru_cache(maxsize=1)
def agent_table() -> dict[str, str]:
    """{phrase key: agent code} for every phrase of the agents dictionary (cached on disk)."""
    from reportedly import cache

    return cache.load_or_build("agents", [_path(), Path(__file__)], build_table, version=TABLE_VERSION)


def lookup(phrase: str) -> str | None:
    """The agent code of a phrase as written ("armed men" -> "~UAF"), or None."""
    return agent_table().get(key(phrase))


@lru_cache(maxsize=1)
def _kinds() -> dict[str, dict[str, int]]:
    table = agent_table()
    out: dict[str, dict[str, int]] = {}
    for phrase, code in table.items():
        words = phrase.split()
        sector = sector_of(code)
        if len(words) >= 2 and sector:
            counts = out.setdefault(words[-1], {})
            counts[sector] = counts.get(sector, 0) + 1
    return out


def kind_sectors(noun: str) -> dict[str, int]:
    """How many of the dictionary's phrases that end with `noun` are of each sector: the kinds of it that
    it lists ("forces": ARMED_FORCES, GOVERNMENT_FORCES ... MIL 15, REB 8, UAF 6); {} when none."""
    return _kinds().get(key(noun), {})


def match_suffix(words: Sequence[str]) -> tuple[int, str] | None:
    """The longest run of `words` ending with the last one that the dictionary lists, as (index of
    its first word, code): ["Turkish", "riot", "police"] -> (1, "~COP"). None when none is listed."""
    table = agent_table()
    for start in range(len(words)):
        code = table.get(key(" ".join(words[start:])))
        if code is not None:
            return start, code
    return None


@lru_cache(maxsize=1)
def _bodies() -> frozenset[str]:
    table = agent_table()
    out = set()
    for phrase, code in table.items():
        words = phrase.split(" ")
        if len(words) == 2 and words[1] in MEMBER_WORDS and sector_of(table.get(words[0])) == sector_of(code):
            out.add(words[0])
    return frozenset(out)


def is_body(noun: str) -> bool:
    """Whether a one-word noun names a body the dictionary lists people acting for, in its own sector
    ("government": GOVERNMENT_OFFICIAL [~GOV]; "court": COURT_OFFICIAL [~JUD]); "minister" is none."""
    return key(noun) in _bodies()


@lru_cache(maxsize=1)
def _derived_bodies() -> dict[str, str]:
    table = agent_table()
    members: dict[str, set[str]] = {}
    kinds: dict[str, dict[str, str]] = {}
    for phrase, code in table.items():
        words = phrase.split(" ")
        if words[0] in table or not code.startswith("~"):
            continue  # listed by itself (`lookup` codes it), or an IGO-style prefix code
        if len(words) == 2 and words[1] in MEMBER_NOUNS:
            members.setdefault(words[0], set()).add(code)
        elif len(words) >= 3 and words[1] in COMPLEMENT_LINKS:  # one kind per complement, plurals folded
            kinds.setdefault(words[0], {})[phrase.rstrip("s")] = code
    out = {}
    for noun, codes in [*members.items(), *((n, set(k.values())) for n, k in kinds.items() if len(k) >= 2)]:
        sectors = {sector_of(c) for c in codes}
        if len(sectors) == 1 and noun not in out:
            out[noun] = "~" + str(sectors.pop())
    return out


def body_code(noun: str) -> str | None:
    """The agent code of a body noun: as listed, else the one sector of the phrases the dictionary lists
    for its people or its kinds ("party" -> "~PTY", "department" -> "~GOV", "house" -> "~LEG"); None
    when it lists none or they disagree ("council": GOV, LEG, JUD)."""
    return lookup(noun) or _derived_bodies().get(key(noun))


# How far up WordNet's hypernym tree a name's first sense may climb to a phrase the dictionary lists:
# beyond three steps the classes are too general to code an actor (organization, social group, person).
MAX_HYPERNYM_STEPS = 3


@lru_cache(maxsize=8192)  # a pure function of the name: an article names the same groups again
def hypernym_code(name: str, classes: frozenset[str] = frozenset({"noun.group"})) -> str | None:
    """The agent code of the nearest hypernym of a name's first WordNet noun sense (itself first) that
    the dictionary lists or `body_code` codes: "GOP" -> Republican Party -> party "~PTY";
    "Republicans" -> republican -> politician "~PTY"; "FBI" -> law enforcement agency "~COP". A plural
    WordNet lacks is read as its singular. The first sense must be of one of WordNet's lexicographer
    `classes` (an organization is a noun.group: "Amazon" names no warriors). None when WordNet lacks the
    name or no near hypernym is coded."""
    from reportedly.extract import wordnet

    if not wordnet.available():
        return None
    senses = wordnet.synsets(wordnet.noun_form(name), "n")
    if not senses or wordnet.lexname(senses[0]) not in classes:
        return None
    for synset, _ in sorted(wordnet.hypernyms(senses[0], MAX_HYPERNYM_STEPS).items(), key=lambda x: x[1]):
        for lemma in wordnet.lemmas(synset):
            found = body_code(lemma.replace("_", " "))
            if found is not None:
                return found
    return None


def is_spokesperson(word: str) -> bool:
    """Whether a word is the dictionary's for one who speaks for a body ("spokesman", "spokeswomen")."""
    return key(word).startswith("spokes") and key(word) in MEMBER_WORDS


def agent_name(code: str) -> str:
    """The bare agent code, markers dropped: "~GOVMED" -> "GOVMED", "IGO~" -> "IGO"."""
    return code.strip("~")


def sector_of(code: str | None) -> str | None:
    """The primary sector of an agent or actor code's agent part: "~GOVMED" -> "GOV"."""
    bare = agent_name(code) if code else ""
    return bare[:SECTOR_CHARS] or None


def code_for(country: str | None, agent: str | None) -> str | None:
    """A CAMEO actor code from a country (ISO-3 or a CAMEO region/IGO code) and an agent code:
    ("RUS", "~GOV") -> "RUSGOV", ("SYR", "IGO~") -> "IGOSYR", (None, "~UAF") -> "UAF",
    ("RUS", None) -> "RUS"; None when both are missing."""
    if agent is None:
        return country
    bare = agent_name(agent)
    if country is None:
        return bare
    return bare + country if agent.endswith("~") else country + bare
