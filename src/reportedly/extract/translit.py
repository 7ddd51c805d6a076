"""Edit distances between folded name tokens: plain, and weighted by transliteration conventions.

`translit_distance` counts in half-slips: an arbitrary edit is a slip (`SLIP`), an edit that romanizations
of one sound alternate between half of one (`ALTERNATION`), so two such edits cost what one typo does.
`reportedly.extract.names` decides with them whether two names are one person.
"""

from __future__ import annotations

# Costs in half-slips: an arbitrary edit is a slip (2), a transliteration alternation half of one (1).
SLIP = 2
ALTERNATION = 1
# Vowel and consonant pairs that romanizations of one sound alternate between (folded forms: q is already k,
# gh is k, ou/oo are u): Arabic short vowels (e/i, a/e, o/u: "Khaled"/"Khalid", "Meshaal"/"Mashaal",
# "Moammar"/"Muammar"), i/y glides ("Yahya"/"Yehia"), the qaf read g in the Gulf and Libya ("Gaddafi"/
# "Qaddafi"), and the old French -off for Russian -ov (word-final f/v: "Rachmaninoff").
ALTERNATIONS = frozenset(frozenset(pair) for pair in ("ei", "ae", "ou", "iy", "ey", "gk"))
# A token differing by two alternations must be this long: in short ones two vowel changes make another
# name ("Moore" / "Mori").
MIN_DOUBLE_ALTERNATION_LEN = 5
VOWELS = frozenset("aeiouy")


def edit_distance(a: str, b: str, limit: int = 3) -> int:
    """Optimal-string-alignment distance (a transposition is one edit), capped at `limit`.

    Most pairs it is asked about are different names ("clinton" / "comiti"). The letters the two do not
    share (as multisets) bound the distance from below: an insertion or a deletion changes their number
    by one, a substitution by at most two, a transposition not at all; that settles most pairs without
    the table. The table's rows stop once one is all at `limit` (each cell of the next row comes from one
    of its cells plus one, or through a transposition from the row before plus one, which is never less
    than the cell it skips diagonally); each cell takes the least of its ways by comparisons, not `min`.
    """
    if abs(len(a) - len(b)) >= limit:
        return limit
    rest = list(b)  # b's letters that a does not share
    for c in a:
        if c in rest:
            rest.remove(c)
    if len(a) - len(b) + 2 * len(rest) >= 2 * limit - 1:
        return limit
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        before_a = a[i - 2] if i > 1 else ""
        for j, cb in enumerate(b, 1):
            best = prev[j - 1] + (ca != cb)
            if prev[j] + 1 < best:
                best = prev[j] + 1
            if cur[j - 1] + 1 < best:
                best = cur[j - 1] + 1
            if i > 1 and j > 1 and ca == b[j - 2] and before_a == cb and prev2[j - 2] + 1 < best:
                best = prev2[j - 2] + 1
            cur[j] = best
        if min(cur) >= limit:
            return limit  # no later cell comes under it (a transposition: d[i-1][j-2] + 1 >= d[i][j-1])
        prev2, prev = prev, cur
    return min(prev[-1], limit)


def _sub_cost(a: str, b: str, i: int, j: int) -> int:
    """Cost of writing a[i] for b[j]: 0, an alternation, or a slip."""
    x, y = a[i], b[j]
    if x == y:
        return 0
    if frozenset((x, y)) in ALTERNATIONS:
        return ALTERNATION
    if {x, y} == {"f", "v"} and i == len(a) - 1 and j == len(b) - 1:
        return ALTERNATION  # "Rachmaninoff" / "Rachmaninov" (doubled letters are folded already)
    after = (a[i + 1 : i + 2], b[j + 1 : j + 2])
    if {x, y} <= set("aeu") and after == ("l", "l") and i > 0 and j > 0:
        return ALTERNATION  # the article inside a name: "Abdullah"/"Abdallah", "Abdul"/"Abdel"
    return SLIP


def _indel_cost(word: str, i: int) -> int:
    """Cost of word[i] missing from the other word: a dropped h of kh/gh/th/dh/zh or a vowel doubled into a
    diphthong ("Raeisi"/"Raisi") is an alternation; any other letter a slip."""
    c, before = word[i], word[i - 1 : i]
    if c == "h" and before in ("k", "g", "t", "d", "z"):
        return ALTERNATION
    nearby = word[i - 1 : i] + word[i + 1 : i + 2]
    if 0 < i < len(word) - 1 and c in VOWELS and any(v in VOWELS for v in nearby):
        return ALTERNATION
    return SLIP


def translit_distance(a: str, b: str, limit: int = 3 * SLIP, slip: int = SLIP) -> int:
    """Weighted optimal-string-alignment distance between folded tokens, in half-slips (`slip` an arbitrary
    edit, `ALTERNATION` a known transliteration alternation), capped at `limit`. With `slip` at `limit`
    only alternations are counted: the distance of a pure transliteration variant.

    Each letter's insertion/deletion cost is computed once (not once per cell), and the table stops as soon
    as two consecutive rows are at `limit` or over: costs are never negative, so every later cell, hence the
    result, would be too (person linking calls this with `slip` at `limit`, where one arbitrary edit ends it).
    """
    if abs(len(a) - len(b)) * ALTERNATION >= limit:
        return limit
    del_a = [slip if (cost := _indel_cost(a, i)) == SLIP else cost for i in range(len(a))]
    del_b = [slip if (cost := _indel_cost(b, j)) == SLIP else cost for j in range(len(b))]
    prev2: list[int] = []
    prev = [0]
    for cost in del_b:
        prev.append(prev[-1] + cost)
    for i in range(1, len(a) + 1):
        ca, drop = a[i - 1], del_a[i - 1]
        cur = [prev[0] + drop] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cb = b[j - 1]
            if ca == cb:
                sub = 0
            else:
                sub = _sub_cost(a, b, i - 1, j - 1)
                if sub == SLIP:
                    sub = slip
            cur[j] = min(prev[j] + drop, cur[j - 1] + del_b[j - 1], prev[j - 1] + sub)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb and ca != cb:
                cur[j] = min(cur[j], prev2[j - 2] + slip)
        if min(cur) >= limit and min(prev) >= limit:
            return limit
        prev2, prev = prev, cur
    return min(prev[-1], limit)
