"""Build src/reportedly/data/events/lexicon.json from the PETRARCH2 CAMEO verb dictionary.

Reads ../shared/data/cameo/CAMEO.2.0.txt (MIT, Open Event Data Alliance) and
../shared/data/plover/CAMEO2PLOVER-2021.txt (PLOVER, CC BY-SA 4.0), and writes one JSON file:

    {"verbs": {lemma: {"code": default CAMEO code or null, "block": index into "blocks" or null,
                       "patterns": [pattern, ...],            # the verb's own (multi-word) patterns
                       "derived": true}},                     # only when the default is its block's (below)
     "blocks": [[pattern, ...], ...],                          # patterns shared by a block's verbs
     "plover": {cameo_code: [PLOVER type, mode or null]}}
    pattern = {"pre": [[alt, ...], ...], "post": [[alt, ...], ...], "code": CAMEO code,
               "verb": the verb of its block the pattern was written for}    # one-word patterns only (below)

Pattern words are lower-cased; a synonym set (&NAME) becomes its list of alternatives; PETRARCH's
role markers ($ + % ^) and phrase brackets are dropped, so a pattern is a bag of words that must
occur before / after the verb. Multi-word verbs ("CARRY_OUT") key on the first word with the rest
as a required pattern. Run: .venv/bin/python scripts/build_event_lexicon.py
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data"
OUT = ROOT / "src" / "reportedly" / "data" / "events" / "lexicon.json"

BLOCK = re.compile(r"^---\s+(\S+)\s+\[([^\]]*)\]")
CODE = re.compile(r"\[([^\]]*)\]")
MARKERS = str.maketrans("", "", "(){}$+%^*|")

# CAMEO 02 (appeal) is not in the 2021 table; PLOVER folds appeals into REQUEST (plover_reference.html).
EXTRA_PLOVER = {"02": ["REQUEST", None]}
# A verb the dictionary leaves uncoded ("REFUSE", "REJECT", "RETURN" sit in blocks headed [---]) takes the
# CAMEO root most of its block's patterns code: the block's authors wrote its patterns for one kind of act
# ("REFUSE ... * PROPOSAL [120]", "RETURN ... * REFUGEES [084]"). The root must be named by more than
# this share of the block's event patterns, and by ten or more (a majority of a few is chance), so a
# block of unrelated senses ("PUT", "SET", "STAGE": protest, arrest, bombing) gets no default.
MIN_BLOCK_SHARE = 0.5
MIN_BLOCK_PATTERNS = 10
# The dictionary's format (dictionaries_format_doc.rst): after a pattern's code "a comment with the
# intended word to be matched is often included". A one-word pattern names a phrasal verb when its word is an
# adverbial particle ("- * AWAY [130] # BREAK": "break away", not "beat away" in BREAK's block, DESTROY): such
# a pattern keeps the verb its comment names, when that is a verb of its block, and the matcher reads a
# particle only for that verb (extract/events/triggers.py).
# Statements (01) are no event and uncoded patterns are noise: neither votes for a block's default.
NON_EVENT_ROOT = "01"


def parse_code(field: str) -> str | None:
    """'043:042' -> '043' (the second is PETRARCH's code for the reversed roles); '---' -> None."""
    first, _, second = field.strip().partition(":")
    code = first.strip() or second.strip()
    return code if code and code.isdigit() else None


def read_synsets(lines: list[str]) -> dict[str, list[str]]:
    sets: dict[str, list[str]] = {}
    name = None
    for line in lines:
        text = line.split("#", 1)[0].strip()
        if text.startswith("&") and not text.startswith("&&"):
            name = text.split()[0].upper()
            sets[name] = []
        elif text.startswith("+") and name:
            word = text[1:].split("{")[0].strip().rstrip("_").replace("_", " ").lower()
            if word:
                sets[name].append(word.split()[-1])
        elif text.startswith("---"):
            name = None
    return sets


def pattern_words(words: list[str], synsets: dict[str, list[str]]) -> list[list[str]]:
    out = []
    for raw in words:
        word = raw.translate(MARKERS).strip().rstrip("_")
        if not word or word in {"-", "*"}:
            continue
        if word.startswith("&"):
            alts = synsets.get(word.upper())
            if alts:
                out.append(sorted(set(alts)))
            continue
        out.append([word.lower().replace("_", " ").split()[-1]])
    return out


def read_verbs(
    lines: list[str], synsets: dict[str, list[str]]
) -> tuple[dict[str, dict[str, object]], list[list[object]]]:
    verbs: dict[str, dict[str, object]] = {}
    blocks: list[list[object]] = []
    block_code: str | None = None
    started = False
    for line in lines:
        text = line.split("#", 1)[0].rstrip()
        if "VERB PATTERNS" in line:
            started = True
            continue
        if not started or not text.strip():
            continue
        head = BLOCK.match(text)
        if head:
            block_code = parse_code(head.group(2))
            blocks.append([])
            continue
        if text.startswith("-"):
            add_pattern(text, blocks[-1], synsets, intended(line))
        elif not text.startswith("&"):
            add_verb(text, block_code, len(blocks) - 1, verbs)
    keep_block_verbs(verbs, blocks)
    return verbs, blocks


def intended(line: str) -> str | None:
    """The first word of a pattern line's comment, lower-cased: the verb it was written for, if any."""
    comment = line.partition("#")[2].split()
    return comment[0].lower() if comment and re.fullmatch(r"[A-Za-z]+", comment[0]) else None


def keep_block_verbs(verbs: dict[str, dict[str, object]], blocks: list[list[object]]) -> None:
    """Drop a pattern's intended verb unless it is a one-word verb of the pattern's own block."""
    members: dict[int, set[str]] = {}
    for lemma, entry in verbs.items():
        if entry["block"] is not None:
            members.setdefault(int(entry["block"]), set()).add(lemma)  # type: ignore[call-overload]
    for index, block in enumerate(blocks):
        for pattern in block:
            verb = pattern.pop("verb", None)  # type: ignore[attr-defined]
            if verb in members.get(index, set()) and len(members[index]) > 1:
                pattern["verb"] = verb  # type: ignore[index]


def add_verb(text: str, block_code: str | None, block: int, verbs: dict[str, dict[str, object]]) -> None:
    code_match = CODE.search(text)
    code = parse_code(code_match.group(1)) if code_match else block_code
    word = text.split("{")[0].split("[")[0].strip().lstrip("+").rstrip("_").lower()
    if not word or not re.fullmatch(r"[a-z][a-z_\-]*", word):
        return
    parts = word.split("_")
    entry = verbs.setdefault(parts[0], {"code": None, "block": None, "patterns": []})
    if len(parts) == 1:
        if entry["code"] is None:
            entry["code"] = code
        if entry["block"] is None:
            entry["block"] = block
    elif code:
        entry["patterns"].append({"pre": [], "post": [[p] for p in parts[1:]], "code": code})  # type: ignore[attr-defined]


def add_pattern(
    text: str, block: list[object], synsets: dict[str, list[str]], verb: str | None = None
) -> None:
    code_match = CODE.search(text)
    code = parse_code(code_match.group(1)) if code_match else None
    if not code:
        return
    body = CODE.sub(" ", text)[1:]
    pre, star, post = body.partition("*")
    if not star:
        return
    pattern = {
        "pre": pattern_words(pre.split(), synsets),
        "post": pattern_words(post.split(), synsets),
        "code": code,
    }
    if not pattern["pre"] and not pattern["post"]:
        return
    if verb and not pattern["pre"] and len(pattern["post"]) == 1:
        pattern["verb"] = verb
    block.append(pattern)


def block_defaults(
    verbs: dict[str, dict[str, object]], blocks: list[list[object]], plover: dict[str, list[str | None]]
) -> int:
    """Give each uncoded verb of a block its block's default (`block_default`); returns how many got one."""
    derived = 0
    for entry in verbs.values():
        if entry["code"] is None and entry["block"] is not None:
            code = block_default(blocks[entry["block"]], plover)  # type: ignore[arg-type, index]
            if code is not None:
                entry["code"], entry["derived"] = code, True
                derived += 1
    return derived


def block_default(patterns: list[dict[str, object]], plover: dict[str, list[str | None]]) -> str | None:
    """The default CAMEO code a block's patterns imply: the event root most of them code (MIN_BLOCK_SHARE,
    MIN_BLOCK_PATTERNS); within it, the code most of the root's patterns share, else
    the root's generic code ("12" -> "120"). None when no root holds the block."""
    codes = [str(p["code"]) for p in patterns if not str(p["code"]).startswith(NON_EVENT_ROOT)]
    roots: dict[str, int] = {}
    for code in codes:
        roots[code[:2]] = roots.get(code[:2], 0) + 1
    ranked = sorted(roots.items(), key=lambda kv: -kv[1])
    if not ranked or ranked[0][1] < MIN_BLOCK_PATTERNS or ranked[0][1] <= MIN_BLOCK_SHARE * len(codes):
        return None
    root = ranked[0][0]
    inner: dict[str, int] = {}
    for code in codes:
        if code.startswith(root):
            inner[code[:3]] = inner.get(code[:3], 0) + 1
    best, count = max(inner.items(), key=lambda kv: kv[1])
    code = best if 2 * count > ranked[0][1] else root + "0"
    return code if code in plover or root in plover else None


def read_plover(path: Path) -> dict[str, list[str | None]]:
    table: dict[str, list[str | None]] = {}
    for line in path.read_text("utf-8").splitlines():
        text = line.split("#", 1)[0].strip()
        match = re.match(r"^(\d{2,4}):\s*([A-Z]+)\s*(?:,\s*([^,]*))?", text)
        if not match:
            continue
        mode = (match.group(3) or "").strip() or None
        table.setdefault(match.group(1), [match.group(2), mode])
    for code, value in EXTRA_PLOVER.items():
        table.setdefault(code, value)
    return table


def main() -> int:
    lines = (SHARED / "cameo" / "CAMEO.2.0.txt").read_text("utf-8", errors="replace").splitlines()
    synsets = read_synsets(lines)
    verbs, blocks = read_verbs(lines, synsets)
    plover = read_plover(SHARED / "plover" / "CAMEO2PLOVER-2021.txt")
    derived = block_defaults(verbs, blocks, plover)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(
        json.dumps(
            {
                "source": "PETRARCH2 CAMEO.2.0.txt (MIT); CAMEO2PLOVER-2021 (CC BY-SA 4.0)",
                "verbs": verbs,
                "blocks": blocks,
                "plover": plover,
            },
            sort_keys=True,
            separators=(",", ":"),
        ),
        "utf-8",
    )
    n_patterns = sum(len(b) for b in blocks)
    print(
        f"{len(verbs)} verbs ({derived} with a block's default), {n_patterns} patterns, "
        f"{len(plover)} CAMEO->PLOVER codes -> {OUT}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
