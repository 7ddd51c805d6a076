"""Trigger sense checks: the political reading of a trigger, or none, before an event is coded.

The CAMEO lexicon reads "attack", "strike", "beat", "fight", "meet" as political acts wherever they
occur; in sports, business, weather, health and celebrity news they mostly are not ("attacked the rim",
"rolled a strike", "beat expectations", "fighting cancer", "the storm hit Chicago"). Each check here
is a general rule over the parse, not a list of articles:
  - a contest verb or noun in a sentence that speaks of a sport (`SPORT_WORDS`) is the sport's sense;
  - a trigger whose object is one of its idioms' nouns ("meet expectations", "fight back tears");
  - an act whose subject is no agent (weather, markets, illness: "the storm hit", "shares fell");
  - an attack noun that names no target, no place and no weapon ("Barcelona's attack") is a move in
    a game or a metaphor ("an attack on the smartphone market");
  - a plain telling or saying verb addressed to the press or a medium ("told AFP", "who told
    reporters", "told a news conference") relays words and is no event (`is_relay`);
  - "strike" is a work stoppage (PROTEST) when workers go on it, an assault otherwise;
  - an article about sport or markets (`article_domain`) codes only events with a political party
    (a government, an armed group, an international organization): "the Angels offered Teixeira a
    contract" is no AGREE, "FIFA banned Russia" still is.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.attrs import LEMMA, LOWER
from spacy.strings import hash_string  # type: ignore[attr-defined]  # Cython, no stub
from spacy.tokens import Doc, Token

from reportedly.extract.events.triggers import is_plain_speech
from reportedly.nlp.doctext import children


def _words(text: str) -> frozenset[str]:
    """A word list written as text, one word per whitespace-separated item."""
    return frozenset(text.split())


# Words that only a sports report uses (lemmas, lower case). "goal", "season", "final" (adjective),
# "striker" are left out: politics uses them ("the goal of the talks", "fighting season", "strikers").
SPORT_WORDS = _words(
    """
    goalkeeper midfielder footballer equaliser equalizer touchdown quarterback inning wicket batsman
    bowling tennis football soccer basketball baseball cricket rugby golf hockey tournament
    championship league semifinal semi-final quarterfinal quarter-final playoff referee halftime
    half-time wimbledon olympics match
    """
)
# Nouns with a sports sense only as nouns ("in the final"); as adjectives they are common in
# politics ("a final offensive").
SPORT_NOUNS = frozenset({"final"})
NOMINAL_DEPS = frozenset({"pobj", "dobj", "nsubj", "attr"})  # "in the final" is tagged ADJ, parsed as a noun
# Triggers that name a contest move in a sports report ("beat Chelsea", "face Alcaraz", "attacked").
CONTEST_LEMMAS = _words(
    """
    attack beat defeat thrash crush rout face fire shoot shot strike hit press battle fight clash
    host meet challenge hammer edge overcome stun eliminate oust down sink knock offensive assault
    win lose
    """
)
# Objects that make a trigger an idiom and no event: lemma -> its idioms' object lemmas. Illnesses,
# disasters and social ills are fought by policy, not by force ("to fight fentanyl trafficking").
_ILLNESS = _words(
    """
    cancer disease illness injury virus infection flu malaria pandemic covid tumour tumor obesity
    addiction depression cold fatigue tear urge fire flame blaze wildfire drought inflation pest
    weed bacterium bacteria crime trafficking smuggling corruption poverty hunger
    """
)
_TARGETS = _words("expectation target estimate forecast deadline need requirement standard demand")
IDIOM_OBJECTS: dict[str, frozenset[str]] = {
    "meet": _TARGETS | {"criterion", "threshold", "goal"},
    "beat": _TARGETS | {"odd", "odds", "record", "traffic", "heat", "rush"},
    "exceed": _TARGETS,
    "miss": _TARGETS,
    "fight": _ILLNESS,
    "battle": _ILLNESS,
    "combat": _ILLNESS,
    "attack": _words("rim basket ball box problem question issue task market flank"),
    "hit": _words("post bar crossbar record high low milestone shelf headline note"),
    "strike": frozenset({"balance", "chord", "pose", "note", "gold", "oil"}),
    "shoot": _words("video film scene photo movie episode hoop basket par round"),
    "kill": frozenset({"time", "mood", "engine", "light"}),
    "crush": frozenset({"record", "expectation"}),
}
# Subjects that are no agent of a political act: weather, disease, markets and the economy, and a
# result ("the win lifted Liverpool seven points clear").
NON_AGENTS = _words(
    """
    storm hurricane typhoon cyclone tornado rain rainfall snow snowfall flood flooding earthquake
    quake tsunami wind wildfire fire blaze heatwave drought virus pandemic disease outbreak share
    stock price index market economy rate sale earning revenue profit result inflation currency win victory
    thunderstorm hail frost monsoon landslide mudslide avalanche temperature weather lightning
    """
)
# Weather named by two words whose head alone is no weather ("a heat wave", "a cold snap"): a "wave of
# attacks" acts, a "heat wave" does not.
WEATHER_HEADS = frozenset({"wave", "snap", "spell", "front"})
WEATHER_MODIFIERS = frozenset({"heat", "cold", "dry", "wet", "warm"})
# Attack nouns: without a target, a place or a weapon they are a game's move or a metaphor.
ATTACK_NOUNS = frozenset({"attack", "strike", "offensive", "assault", "raid", "shot"})
# Modifiers that make an attack noun violent on its own ("a drone strike", "a terrorist attack").
WEAPON_WORDS = _words(
    """
    air drone missile rocket military artillery nuclear chemical suicide terrorist terror bomb armed
    gun knife cyber militant insurgent rebel deadly retaliatory ground naval
    """
)
# Compounds that make an attack noun a medical or animal event ("a heart attack", "a shark attack").
NON_POLITICAL_ATTACKS = frozenset({"heart", "panic", "asthma", "anxiety", "shark", "dog", "bear", "allergy"})
# "strike" as a work stoppage: its modifiers, and the verbs that go on it ("went on strike").
LABOUR_WORDS = _words("hunger general labor labour rail teacher worker doctor nurse transport national")
STRIKE_VERBS = _words("go be remain stay call walk launch stage hold join begin")
STRIKE_CODE = "143"  # CAMEO: conduct strike or boycott (PLOVER PROTEST)
# How far a sports word is looked for on either side of the trigger, within its sentence.
SENTENCE_REACH = 60


def is_off_sense(trigger: Token, has_target: bool, has_place: bool, political: bool = False) -> bool:
    """Whether `trigger` is read in a sense that is no political event.

    Args:
        trigger: the candidate verb or event noun.
        has_target: the parse gave it a recipient, or several parties.
        has_place: the parse gave it a location.
        political: a country, government or armed group takes part ("troops attacked Ukraine" in a
            sentence that also names a World Cup playoff): no sports reading then.

    Returns:
        True when one of the module's checks says the word is a game's move, an idiom, an act of
        nature or the market, or an attack noun with nothing attacked.
    """
    lemma = trigger.lemma_.lower()
    if lemma in CONTEST_LEMMAS and not political and _in_sports_sentence(trigger):
        return True
    idioms = IDIOM_OBJECTS.get(lemma)
    if idioms is not None and any(
        c.dep_ in ("dobj", "pobj") and c.lemma_.lower() in idioms for c in _objects(trigger)
    ):
        return True
    if any(c.dep_ == "nsubj" and _is_non_agent(c) for c in children(trigger)):
        return True
    if trigger.pos_ == "NOUN" and lemma in ATTACK_NOUNS:
        mods = {c.lower_ for c in children(trigger) if c.dep_ in ("compound", "amod", "nmod")}
        if mods & NON_POLITICAL_ATTACKS:
            return True
        return not (has_target or has_place or political or mods & WEAPON_WORDS) and not is_work_strike(
            trigger
        )
    return False


# Nouns for the press and its audiences: what a relayed statement is addressed to ("told reporters").
AUDIENCE_NOUNS = _words(
    """
    reporter journalist press media correspondent newsman newspaper agency broadcaster television
    radio channel outlet audience conference briefing interviewer interview newsroom
    """
)
# Prepositions through which a speech verb names its addressee ("spoke to reporters", "interview with").
ADDRESSEE_PREPS = frozenset({"to", "with", "in"})


def is_relay(trigger: Token, media: frozenset[int]) -> bool:
    """Whether a plain telling or saying verb is addressed to the press or a medium: "the source told AFP",
    "who told reporters", "told TASS in an interview". `media` holds the tokens of media entities."""
    if not is_plain_speech(trigger):
        return False
    return any(_is_audience(t, media) for t in _addressees(trigger))


def _addressees(trigger: Token) -> list[Token]:
    """The objects, datives and prepositional objects of a verb, one preposition deep into a channel
    ("in an interview with TASS")."""
    found = [c for c in children(trigger) if c.dep_ in ("dobj", "dative")]
    preps = [c for c in children(trigger) if c.dep_ in ("prep", "dative") and c.lower_ in ADDRESSEE_PREPS]
    for prep in preps:
        for obj in (g for g in children(prep) if g.dep_ == "pobj"):
            found.append(obj)
            found.extend(o for p in children(obj) if p.dep_ == "prep"
                         for o in children(p) if o.dep_ == "pobj")
    return found


def _is_audience(tok: Token, media: frozenset[int]) -> bool:
    return tok.i in media or tok.lemma_.lower() in AUDIENCE_NOUNS


# Subjects that make "attack", "fight", "hit" physical: armed men and their weapons.
FORCE_NOUNS = _words(
    """
    troop force soldier army military police policeman officer militant rebel gunman fighter
    insurgent jihadist militia jet warplane drone artillery navy
    """
)
PHYSICAL_VERBS = _words("attack fight strike hit shell bomb fire raid storm clash target pound")


def is_armed_act(trigger: Token) -> bool:
    """Whether a verb that may be verbal ("attacked the decision") is physical: "Russian forces
    attacked Kharkiv", "police fought protesters" (the typer, trained mostly on statements, says ACCUSE)."""
    if trigger.lemma_.lower() not in PHYSICAL_VERBS:
        return False
    return any(c.dep_ == "nsubj" and c.lemma_.lower() in FORCE_NOUNS for c in children(trigger))


def _is_non_agent(subject: Token) -> bool:
    lemma = subject.lemma_.lower()
    if lemma in NON_AGENTS:
        return True
    return lemma in WEATHER_HEADS and any(c.lemma_.lower() in WEATHER_MODIFIERS for c in children(subject))


def is_work_strike(trigger: Token) -> bool:
    """Whether the noun "strike" is a work stoppage: "went on strike", "a general strike", "strike by"."""
    if trigger.lemma_.lower() != "strike" or trigger.pos_ != "NOUN":
        return False
    mods = {c.lemma_.lower() for c in children(trigger) if c.dep_ in ("compound", "amod", "nmod")}
    if mods & LABOUR_WORDS:
        return True
    if any(c.dep_ == "prep" and c.lower_ == "by" for c in children(trigger)):
        return True
    head = trigger.head
    return head.lower_ == "on" and head.head.lemma_.lower() in STRIKE_VERBS


def _objects(trigger: Token) -> list[Token]:
    """Direct objects, and objects of prepositions ("fought back tears", "fight against cancer")."""
    out = []
    for child in children(trigger):
        if child.dep_ == "dobj":
            out.append(child)
        elif child.dep_ == "prep":
            out.extend(g for g in children(child) if g.dep_ == "pobj")
    return out


def _in_sports_sentence(trigger: Token) -> bool:
    doc = trigger.doc
    start = trigger.i
    while start > max(0, trigger.i - SENTENCE_REACH) and not doc[start].is_sent_start:
        start -= 1
    end = trigger.i + 1
    while end < min(len(doc), trigger.i + SENTENCE_REACH) and not doc[end].is_sent_start:
        end += 1
    for tok in doc[start:end]:
        low = tok.lemma_.lower()
        if low in SPORT_WORDS or (low in SPORT_NOUNS and (tok.pos_ == "NOUN" or tok.dep_ in NOMINAL_DEPS)):
            return True
        if (tok.pos_ == "VERB" and low == "score") or (low == "set" and _has_mod(tok, "straight")):
            return True  # "scoring twice", "in straight sets"
    return False


def _has_mod(tok: Token, word: str) -> bool:
    return any(c.lower_ == word for c in children(tok))


def is_idiom(tok: Token) -> bool:
    """Verbs the lexicon reads as events in idioms that are not: 'took place', 'what he called rebels',
    'according to', 'are going to be'."""
    lemma = tok.lemma_.lower()
    if lemma == "accord":
        return True
    if lemma == "take" and any(c.lower_ == "place" for c in children(tok)):
        return True
    if lemma == "go" and tok.tag_ == "VBG" and any(c.dep_ == "xcomp" for c in children(tok)):
        return True  # "are going to be a factor": a future, no trip
    return lemma == "call" and any(c.dep_ == "oprd" or c.lower_ == "what" for c in children(tok))


# Words of a sports report or a market report, counted once each over the whole article.
DOMAIN_WORDS = {
    "sports": SPORT_WORDS
    | {
        "coach",
        "playoff",
        "player",
        "quarterback",
        "rebound",
        "dunk",
        "touchdown",
        "knockout",
        "heavyweight",
        "champion",
        "nba",
        "nfl",
        "mlb",
        "nhl",
        "ncaa",
        "fifa",
        "uefa",
        "roster",
        "teammate",
        "pitcher",
        "slugger",
        "baseman",
        "cornerback",
        "linebacker",
        "boxer",
        "boxing",
        "bout",
        "scoring",
        "stadium",
        "win",
        "victory",
        "defeat",
        "game",
        "team",
        "season",
        "score",
        "title",
        "outfielder",
        "infielder",
        "hitter",
        "scout",
        "franchise",
        "club",
    },
    "markets": _words(
        """
        share stock earning investor revenue profit analyst quarterly nasdaq dividend ipo
        shareholder valuation stake
        """
    ),
}
# Words of political news; an article with as many of these as of a domain's is not that domain's.
POLITICAL_WORDS = _words(
    """
    government minister president parliament military troops army election sanction war ceasefire
    embassy diplomat protest rebel militant opposition treaty senator ministry
    """
)
# Distinct domain words an article needs to be that domain's: one or two occur anywhere ("a game
# changer", "stake"); sports and market reports use a handful in their first paragraphs.
MIN_DOMAIN_WORDS = 4
# Kinds of entity whose acts are political wherever they are told.
POLITICAL_KINDS = frozenset({"government", "armed_group", "international_organization"})


def article_domain(doc: Doc) -> str | None:
    """'sports' or 'markets' when the article is a sports or market report, else None."""
    # string hashes: no Python string per token; sets of ints (np.unique and np.isin took 4x as long)
    words = set(doc.to_array([LEMMA, LOWER]).ravel().tolist())
    political = len(_hashes(POLITICAL_WORDS).intersection(words))
    for domain, vocabulary in DOMAIN_WORDS.items():
        found = len(_hashes(vocabulary).intersection(words))
        if found >= MIN_DOMAIN_WORDS and found > political:
            return domain
    return None


@lru_cache(maxsize=8)
def _hashes(words: frozenset[str]) -> frozenset[int]:
    return frozenset(hash_string(w) for w in words)
