"""Name matching: when two surface forms name the same person or organization.

The rules (issue 3), in the order `same_person` applies them:
1. Honorifics and titles are dropped (Mullah, Mawlawi, Haji, Sheikh, Dr, President, Minister ...), so are the
   particles al-/el-/bin/ibn; a generational suffix (Jr, Sr, II) is kept aside and must not conflict.
2. Tokens are folded for transliteration (accents, q/k, ph/f, oo/ou/u, doubled letters: "Massoud" = "Masoud",
   "Mutaqqi" = "Muttaqi") and then compared within a small edit budget (one edit per token of 4+ letters,
   two per name; a vowel-only difference counts as one edit: "Mohammed" = "Muhammad"). An edit that is a
   known transliteration alternation costs half a slip (`translit.ALTERNATIONS`: e/i, a/e, o/u, i/y, g/k,
   -ov/-off, a dropped h of kh/gh/th/dh, a vowel doubled into a diphthong, the article's vowel in
   -ul-/-al-/-el-), so a two-word name may differ by two of them ("Moammar Gadhafi" = "Muammar Qaddafi",
   "Khaled Mashaal" = "Khalid Meshaal") but never by two arbitrary slips ("Mandy Moore" / "Manny Mori").
   Russian -y after a vowel folds to -i ("Sergey Shoygu" = "Sergei Shoigu"), Arabic "aw" before a
   consonant to "u" ("Jawlani" = "Julani"); given names (never surnames) of one small equivalence table
   are equal across languages ("Volodymyr" = "Vladimir", "Binyamin" = "Benjamin", "Muhammadu" = "Mohammed").
   A lone given name refers back to a name of given name and lineage ("Hamdan" for "Hamdan bin Mohammed
   Al Maktoum", `given_name`) when the article holds exactly one such person (entities/clusters.py).
3. Every token of the shorter name must match a token of the longer one, in order, the surname last; the
   longer name may carry middle initials, patronymics and a dropped devotional first name ("Mohammad Javad
   Zarif" = "Javad Zarif"), but any other extra given name means a different person ("Ahmad Massoud" is not
   "Ahmad Shah Massoud"), and so does a generational suffix on one side only ("Donald Trump Jr.").
4. A single token is a surname: it matches the last token of the longer name only, or the first of a
   Korean/Taiwanese name written family name first ("Lee" = "Lee Jae-myung", "Lai" = "Lai Ching-te").
False merges are the costly error: every rule errs towards "different".
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from reportedly.extract.translit import (
    MIN_DOUBLE_ALTERNATION_LEN,
    SLIP,
    VOWELS,
    edit_distance,
    translit_distance,
)

# Titles and honorifics ignored for matching (lower case, no dots).
HONORIFICS = frozenset(
    """
    mullah mulla mullo mawlawi maulvi mawlavi molvi maulana mawlana haji hajji alhaji sheikh shaikh sheik
    shaykh sayyid sayed syed seyed ayatollah grand imam qari hazrat emir king queen prince princess crown dr
    doctor prof professor mr mrs ms miss sir dame lord lady president vice prime minister pm deputy foreign
    defence defense interior secretary general gen lt col colonel maj major capt captain brig brigadier
    marshal field admiral adm commander cmdr sgt sergeant sen senator rep gov governor mayor chancellor
    premier chairman chair chief spokesman spokeswoman spokesperson envoy ambassador ustad ustadh mufti rev
    reverend father pope senior junior comrade daw mian
    """.split()  # noqa: SIM905 (a word list reads better as prose)
)
# Particles that transliterations add or drop at will ("Bashar al-Assad" = "Bashar Assad").
PARTICLES = frozenset({"al", "el", "bin", "ibn", "ben", "bint", "ould", "ul", "ud"})
SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
# Korean and Taiwanese romanization: family name, then a hyphenated given name ("Lee Jae-myung",
# "Lai Ching-te", "Kim Jong-un"); the family name alone names the person.
FAMILY_FIRST_RE = re.compile(r"^[A-Z][a-z]+ [A-Z][a-z]+-[a-z]+$")
# Russian and other patronymics may be dropped from the middle without changing the person.
PATRONYMIC_RE = re.compile(r".+(ovich|evich|ovna|evna|ich|ogly|oglu|qizi)$")
# Edits allowed per token and per name: one slip per word, two per name, keeps typos and transliterations
# ("Ahamd" / "Ahmad") while refusing different names ("Rajiv" / "Rahul" are 3 edits apart).
TOKEN_EDIT_BUDGET = 1
NAME_EDIT_BUDGET = 2
# ... but a two-word name gets one: "Mandy Moore" and "Manny Mori" are two people one slip apart per word.
SHORT_NAME_EDIT_BUDGET = 1
# A vowel-only difference of two edits ("Mohammed" / "Muhammad") counts as one slip only in long words:
# in short ones it changes the name ("Moore" / "Mori").
MIN_SKELETON_LEN = 6
# Tokens shorter than this must match exactly after folding: "Un"/"Il", "Li"/"Lu" are different names.
MIN_FUZZY_LEN = 4
_FOLDS = (
    ("ph", "f"),
    ("gh", "q"),
    ("q", "k"),
    ("ck", "k"),
    ("x", "ks"),
    ("oo", "u"),
    ("ou", "u"),
    ("ow", "u"),
    ("ee", "i"),
    ("dh", "d"),
    ("zh", "j"),  # Persian zhe and Russian zh, written j in French-style romanizations: "Ahmadinezhad"
    ("w", "v"),
)
# Devotional first names that transliterations and headlines drop: "(Mohammad) Javad Zarif",
# "(Abdul) Ghani Baradar". Any other extra leading name means another person ("Ahmed Ali Abdullah Saleh",
# son of "Ali Abdullah Saleh").
DROPPABLE_FIRST = frozenset({"mohamad", "muhamad", "mohamed", "muhamed", "abdul", "abd", "sayed", "syed"})
# Given names that are one name across languages and scripts (Ukrainian/Russian, Hebrew/English, the
# forms of Muhammad). Used for given names only, never surnames; the surname must still match.
_GIVEN_GROUPS = (
    "mohammad mohammed mohamed muhammad muhammed mohamad muhamad muhammadu mohd",
    "benjamin binyamin benyamin",
    "isaac yitzhak itzhak yitzchak",
    "petro pyotr petr peter piotr",
    "volodymyr vladimir",
    "oleksandr aleksandr alexander alexandr",
    "oleksiy oleksii aleksei alexei alexey aleksey",
    "mykola nikolai nikolay",
    "andriy andrii andrei andrey",
    "serhiy serhii sergei sergey",
    "dmytro dmitry dmitri dmitriy",
    "yuriy yurii yuri yury",
    "mykhailo mikhail",
    "kyrylo kirill",
    "hryhoriy grigory",
    "omar umar",
    "osama usama",
)
_SPLIT_RE = re.compile(r"[\s\-‐–_/]+")


@dataclass(frozen=True, slots=True)
class NameParts:
    """A person name reduced for matching: folded tokens without titles or particles, and its suffix."""

    tokens: tuple[str, ...]
    suffix: str | None

    @property
    def initials(self) -> frozenset[str]:
        """Middle initials (one-letter tokens that are neither first nor last)."""
        return frozenset(t for t in self.tokens[1:-1] if len(t) == 1)


def ascii_fold(text: str) -> str:
    """Accents stripped, casefolded, apostrophes and dots removed."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return re.sub(r"['’‘`ʼ.,]", "", text)


def fold(token: str) -> str:
    """Transliteration-folded token: "massoud" -> "masud", "mutaqqi" -> "mutaki", "sergey" -> "sergei"."""
    token = re.sub(r"aw(?=[^aeiouy])", "u", token)  # Arabic diphthong: "Jawlani" = "Julani"
    token = re.sub(r"(?<=[aeiou])y(?![aeiouy])", "i", token)  # Russian -y/-iy: "Sergey", "Shoygu", "Dmitriy"
    # Korean: Revised Romanization writes a syllable's initial vowel eu where McCune-Reischauer writes u
    # ("Jong-eun" / "Jong-un"); hyphenated syllables are tokens, so it is the token's start.
    token = re.sub(r"^eu", "u", token)
    for old, new in _FOLDS:
        token = token.replace(old, new)
    token = re.sub(r"(?<=[aeiy])[ae]h$", "a", token)  # ta marbuta: "Haniyeh" = "Haniya"
    return re.sub(r"(.)\1+", r"\1", token)


@lru_cache(maxsize=65536)
def parse_name(name: str) -> NameParts:
    """Split a person name into folded content tokens (titles, particles and suffix removed)."""
    raw = _join_abd([t for t in _SPLIT_RE.split(ascii_fold(name)) if t])
    suffix = next((t for t in raw if t in SUFFIXES), None)
    words = [t for t in raw if t not in SUFFIXES and t not in PARTICLES]
    while len(words) > 1 and words[0] in HONORIFICS:
        words.pop(0)
    words = [w[2:] if w.startswith(("al", "el")) and w[2:3] == "-" else w for w in words]
    return NameParts(tuple(fold(w) for w in words if w), suffix)


# "Abd" ("servant of") and the article after it are one given name however written: "Gamal Abd el-Nasser" =
# "Gamal Abdel Nasser", "Abd al-Aziz" = "Abdalaziz"; the article must not be dropped as a lineage particle.
_ABD = frozenset({"abd", "abdu"})
_ABD_ARTICLES = frozenset({"al", "el", "ul"})


def _join_abd(raw: list[str]) -> list[str]:
    """Raw tokens with "abd" and its article joined into one ("abd", "el" -> "abdel")."""
    out: list[str] = []
    for token in raw:
        if out and out[-1] in _ABD and token in _ABD_ARTICLES:
            out[-1] = "abd" + token
        else:
            out.append(token)
    return out


@lru_cache(maxsize=1)
def _given_equivalents() -> dict[str, int]:
    """Folded given name -> its group number."""
    return {fold(name): i for i, group in enumerate(_GIVEN_GROUPS) for name in group.split()}


def given_cost(a: str, b: str) -> int | None:
    """`token_cost` for given names: 0 also when both are forms of one name ("Volodymyr" / "Vladimir")."""
    groups = _given_equivalents()
    if a in groups and groups.get(a) == groups.get(b):
        return 0
    return token_cost(a, b)


def _skeleton(token: str) -> str:
    return token[0] + "".join(c for c in token[1:] if c not in VOWELS)


def token_cost(a: str, b: str) -> int | None:
    """In half-slips: 0 when two folded tokens are equal, `SLIP` for one slip or a vowel-only difference,
    less for one transliteration alternation, None otherwise."""
    if a == b:
        return 0
    if len(a) == 1 or len(b) == 1:
        return 0 if a[0] == b[0] else None  # an initial stands for any name with that letter
    if min(len(a), len(b)) < MIN_FUZZY_LEN:
        return None
    distance = edit_distance(a, b)  # cheap first: two alternations are two edits, so 3+ edits never match
    if distance > 2:
        return None
    weighted = translit_distance(a, b, limit=SLIP + 1)
    if distance <= TOKEN_EDIT_BUDGET:
        return min(weighted, SLIP)  # one edit: an alternation or a slip
    if weighted == SLIP and min(len(a), len(b)) >= MIN_DOUBLE_ALTERNATION_LEN:
        return weighted  # two alternations: "Yahya" / "Yehia", "Moammar" / "Muammar"
    if min(len(a), len(b)) >= MIN_SKELETON_LEN and _skeleton(a) == _skeleton(b):
        return SLIP
    return None


def _budget(name: NameParts) -> int:
    """The name's edit budget in half-slips."""
    return SLIP * (SHORT_NAME_EDIT_BUDGET if len(name.tokens) <= 2 else NAME_EDIT_BUDGET)


def _skippable(token: str, shorter: NameParts) -> bool:
    """A token of the longer name that may go unmatched in the middle: an initial or a patronymic."""
    return (len(token) == 1 and not shorter.initials) or bool(PATRONYMIC_RE.match(token))


def _align(short: NameParts, long: NameParts) -> bool:
    """Place every token of `short` on `long` in order, surname on surname, within the edit budget."""
    s, t = short.tokens, long.tokens
    last = token_cost(s[-1], t[-1])
    if last is None:
        return False
    if len(s) == 1:
        return True

    def place(i: int, j: int, cost: int) -> bool:
        if i == len(s) - 1:  # all given names placed: what is left before the surname must be skippable
            return cost <= _budget(short) and all(_skippable(x, short) for x in t[j:-1])
        for k in range(j, len(t) - 1):
            step = given_cost(s[i], t[k])
            if step is not None and place(i + 1, k + 1, cost + step):
                return True
            if not _skippable(t[k], short) and (i > 0 or t[k] not in DROPPABLE_FIRST):
                return False  # an extra given name: a different person
        return False

    return place(0, 0, last)


# Name pairs whose answer is kept: an article compares each new mention with every mention of each cluster,
# so the same pairs come back many times (a third of the entity extractor's time before the cache).
SAME_PERSON_CACHE = 65536


@lru_cache(maxsize=SAME_PERSON_CACHE)
def same_person(a: str, b: str) -> bool:
    """Whether two person names can name the same person, by the module's rules (never by context).

    Args:
        a: a name as written ("Mullah Abdul Ghani Baradar", "Ahamd Masoud", "Kabulov").
        b: another.

    Returns:
        True when they match; False when they differ or one is empty.
    """
    pa, pb = parse_name(a), parse_name(b)
    if not pa.tokens or not pb.tokens:
        return False
    if pa.suffix != pb.suffix:
        return False  # "Donald Trump" / "Donald Trump Jr.": father and son until the text says otherwise
    if pa.initials and pb.initials and pa.initials != pb.initials:
        return False
    if "".join(pa.tokens) == "".join(pb.tokens):
        return True
    for one, other, raw in ((pa, pb, b), (pb, pa, a)):
        if len(one.tokens) == 1 and FAMILY_FIRST_RE.match(raw.strip()):
            return one.tokens[0] == other.tokens[0]  # "Lee" = "Lee Jae-myung": the family name comes first
    short, long = sorted((pa, pb), key=lambda p: len(p.tokens))
    if len(short.tokens) == len(long.tokens) and len(short.tokens) > 1:
        costs = [given_cost(x, y) for x, y in zip(short.tokens[:-1], long.tokens[:-1], strict=True)]
        costs.append(token_cost(short.tokens[-1], long.tokens[-1]))
        return None not in costs and sum(c or 0 for c in costs) <= _budget(short)
    return _align(short, long)


# Bump when parse_name or fold change: phoenix.json ships person keys computed with this version, used only
# when it matches (otherwise keys are recomputed at start-up, 2-3 s).
FOLD_VERSION = "3"
# This module's file: tables built with its name folding are keyed by it (reportedly.cache).
NAMES_SOURCE = Path(__file__)


# A PersonIndex as plain data (`PersonIndex.table`): index key -> (entry id, curated) pairs, and key shape
# (`key_shape`) -> the index keys of that shape, each in insertion order.
PersonTable = tuple[dict[str, list[tuple[str, bool]]], dict[str, list[str]]]


class PersonIndex:
    """Gazetteer persons indexed by their folded names, for linking names found in text to entries.

    Linking is stricter than grouping mentions within an article: with 18,000 names in the gazetteer, one
    slip per word would link strangers ("Maurice Cheeks" to "K. N. Choksy"). A name links when its folded
    tokens equal those of an entry's name or alias (so transliterations that fold together still link:
    "Amir Khan Mutaqqi" -> "Amir Khan Muttaqi"), else, for a name of two or more words, when they differ from
    one of its spellings by transliteration alternations alone (`translit_variant`: "Muammar Qaddafi" ->
    "Moammar Gadhafi"), never by an arbitrary slip; a bare surname links only to a curated entry, exactly.
    Typos reach the entry through the article's full names instead ("Ahamd Masoud" joins "Ahmad Massoud").
    """

    def __init__(self, keys: Iterable[tuple[str, str, bool]]) -> None:
        """Build from (entry id, index key of a name or alias, curated) triples (see `index_key`)."""
        self._by_key: dict[str, list[tuple[str, bool]]] = {}
        self._by_shape: dict[str, list[str]] = {}
        for entry_id, key, curated in keys:
            if key and (entry_id, curated) not in self._by_key.get(key, ()):
                if key not in self._by_key:
                    self._by_shape.setdefault(key_shape(key), []).append(key)
                self._by_key.setdefault(key, []).append((entry_id, curated))

    @classmethod
    def from_table(cls, table: PersonTable) -> PersonIndex:
        """An index from its `table()` (as kept in reportedly.cache): both mappings as stored, no key shaped
        again (deriving the shapes of 20,000 keys cost about 0.05 s of each analyzing process's start)."""
        index = cls(())
        index._by_key, index._by_shape = table
        return index

    def table(self) -> PersonTable:
        """(index key -> (entry id, curated) pairs, key shape -> index keys): the index as plain data."""
        return self._by_key, self._by_shape

    def candidates(self, name: str) -> list[str]:
        """Entry ids one of whose names folds to the same tokens as `name` or, failing that, is a
        transliteration variant of it."""
        key = index_key(name)
        if len(parse_name(name).tokens) == 1:
            return list(dict.fromkeys(i for i, curated in self._by_key.get(key, ()) if curated))
        found = self._by_key.get(key) or [
            hit
            for other in self._by_shape.get(key_shape(key), ())
            if translit_variant(key, other)
            for hit in self._by_key[other]
        ]
        return list(dict.fromkeys(i for i, _ in found))


def index_key(name: str) -> str:
    """A person name's linking key: its folded tokens (and suffix), "" when it has none."""
    parts = parse_name(name)
    return " ".join(parts.tokens) + (f" {parts.suffix}" if parts.suffix else "")


def consonant_key(token: str) -> str:
    """A folded token's consonants with the alternating ones merged (g/k, f/v, kh/k): what every
    transliteration of it shares ("gadafi", "kadafi" -> "kdf"); the token itself when it has none."""
    token = re.sub(r"(?<=[kgtdz])h", "", token).replace("g", "k").replace("v", "f")
    return "".join(c for c in token if c not in VOWELS) or token


def key_shape(key: str) -> str:
    """What every transliteration variant of an index key shares: its word count and the consonants of its
    last word, with the alternating ones merged (g/k, f/v, kh/k)."""
    words = key.split()
    return f"{len(words)}:{consonant_key(words[-1])}" if words else ""


@lru_cache(maxsize=SAME_PERSON_CACHE)  # a name is checked against the same index keys in every article
def translit_variant(a: str, b: str) -> bool:
    """Whether two index keys of two or more words differ by known transliteration alternations only (at
    most two per name, given names also by `_GIVEN_GROUPS`), never by an arbitrary edit."""
    ta, tb = a.split(), b.split()
    if len(ta) != len(tb) or len(ta) < 2 or (ta[-1] in SUFFIXES) != (tb[-1] in SUFFIXES):
        return False
    words = [t for t in ta if t not in SUFFIXES]
    budget = SLIP * (SHORT_NAME_EDIT_BUDGET if len(words) <= 2 else NAME_EDIT_BUDGET)
    groups, total = _given_equivalents(), 0
    for i, (x, y) in enumerate(zip(ta, tb, strict=True)):
        if x == y or (i < len(ta) - 1 and x in groups and groups.get(x) == groups.get(y)):
            continue
        if min(len(x), len(y)) < MIN_FUZZY_LEN:
            return False
        cost = translit_distance(x, y, limit=budget + 1, slip=budget + 1)
        if cost >= SLIP and min(len(x), len(y)) < MIN_DOUBLE_ALTERNATION_LEN:
            return False
        total += cost
        if total > budget:
            return False
    return True


# Particles of Arabic (and Maghrebi) names: a name carrying one is "given name + lineage", and its given
# name alone is how articles refer back to it ("Hamdan" for "Hamdan bin Mohammed Al Maktoum").
LINEAGE_PARTICLES = frozenset({"bin", "ibn", "bint", "ould", "al", "el"})


def given_name(name: str) -> str | None:
    """The folded given name by which an article may refer back to a person, or None: only for a name of a
    given name and a lineage (it carries a particle of `LINEAGE_PARTICLES`: "Hamdan bin Mohammed Al
    Maktoum" -> "hamdan"), never a devotional first name ("Mohammed bin Salman" -> None), a title, or a
    name without lineage ("Hamid Karzai" is "Karzai" when shortened)."""
    raw = [t for t in _SPLIT_RE.split(ascii_fold(name)) if t]
    parts = parse_name(name)
    if len(parts.tokens) < 2 or not LINEAGE_PARTICLES & set(raw[1:]):
        return None
    first = parts.tokens[0]
    droppable = {fold(d) for d in DROPPABLE_FIRST} | {fold(h) for h in HONORIFICS}
    groups = _given_equivalents()
    if len(first) < MIN_FUZZY_LEN or first in droppable or groups.get(first) == groups.get(fold("mohammed")):
        return None
    return first


# Words that make a name an organization's, not a person's ("Andean Community", "Peace Conquerors").
_ORG_WORDS = frozenset(
    """
    group front army organisation organization movement party brigade brigades council committee force forces
    league union association jihad mujahideen islamic liberation militants rebels network cell faction people
    peoples national state tigers company corporation bank agency ministry news press times radio tv
    television university institute foundation fund church international community society congress project
    forum watch revolution resistance conspirators monitor mission government office commission
    """.split()  # noqa: SIM905 (a word list reads better as prose)
)


def person_like(name: str) -> bool:
    """Whether a gazetteer name filed under another kind reads as a person's: two to five capitalized words,
    no acronym, no organization word or connective ("Khalid Sheikh Mohammed", "Willi Stoph", not "World
    Jewish Congress", "Temple Of Understanding")."""
    words = [w for w in _SPLIT_RE.split(name) if w]
    folded = {w.casefold().strip(".'") for w in words}
    return (
        2 <= len(words) <= 5
        and all(w[:1].isupper() and not is_acronym(w) for w in words)
        and not folded & (_ORG_WORDS | ORG_STOPWORDS)
    )


def usually_a_person(word: str) -> bool:
    """Whether WordNet's first noun sense of a word is a person ("lawyer", "Clinton"; False without
    WordNet)."""
    from reportedly.extract import wordnet

    return wordnet.available() and wordnet.usual_class(word, "n") == "noun.person"


ORG_STOPWORDS = frozenset({"of", "the", "and", "for", "in", "on", "de", "du", "des", "la", "le", "&"})


# Organization names whose words are kept: clustering compares each unlinked organization mention with
# every name of every cluster (same_org, acronym), so the same names are split again and again.
ORG_TOKENS_CACHE = 16384


@lru_cache(maxsize=ORG_TOKENS_CACHE)
def org_tokens(name: str) -> tuple[str, ...]:
    """An organization name's lower-case words without a leading article."""
    words = [w for w in re.split(r"[\s\-]+", ascii_fold(name)) if w]
    return tuple(words[1:] if words and words[0] == "the" else words)


def acronym(name: str) -> str:
    """Initials of an organization's content words: "National Resistance Front" -> "NRF"."""
    return "".join(w[0] for w in org_tokens(name) if w not in ORG_STOPWORDS).upper()


def is_acronym(text: str) -> bool:
    """ "NRF", "U.N.", "ISIS-K": two or more capitals, no lower-case word."""
    letters = re.sub(r"[.\-&]", "", text)
    return 2 <= len(letters) <= 8 and letters.isupper() and letters.isalpha()


def same_org(a: str, b: str) -> bool:
    """Whether two organization names match by form alone: equal, or one is the other's tail of 2+ words
    ("Resistance Front" / "National Resistance Front" / "Afghan National Resistance Front")."""
    ta, tb = org_tokens(a), org_tokens(b)
    if not ta or not tb:
        return False
    if ta == tb:
        return True
    short, long = sorted((ta, tb), key=len)
    return len(short) >= 2 and long[-len(short) :] == short
