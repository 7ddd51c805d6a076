"""Name-matching rules (issue 3) and the resolution gate on tests/fixtures/name_pairs.tsv."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from reportedly.extract.entities.clusters import same_person_linked
from reportedly.extract.names import (
    acronym,
    edit_distance,
    fold,
    given_name,
    is_acronym,
    parse_name,
    person_like,
    same_org,
    same_person,
    translit_distance,
    translit_variant,
)
from reportedly.gazetteer import load_gazetteer

PAIRS = Path(__file__).resolve().parent.parent / "fixtures" / "name_pairs.tsv"
# Pinned floors of the resolution gate. A false merge is the costly error, so precision stays >= 0.99;
# recall is pinned a little under the measured figure: 0.937 on 273 pairs (2026-11-28; the first 232 pairs
# went from 0.906 to 0.953 with the -y/aw folds and given-name equivalents); 325 pairs since issue 15 (52 real
# transliteration variants and namesakes added): 0.919 before the transliteration alternations, 0.938 with
# them, precision 0.995 (one known false merge, "Reza Pahlavi" / "Mohammad Reza Pahlavi": the devotional
# first name rule); 0.952 with the eu/u, zh/j folds and "abd el" joined (2026-12-07).
# The pipeline decides a pair with the gazetteer too (`same_person_linked`: one entry for both names, never
# two distinct ones): recall 0.981 at precision 1.00 on the same pairs (2026-12-07); the four misses are
# middle names and patronymics no rule can tell from a father's name. Lowering a floor needs a reason.
MIN_PRECISION = 0.99
MIN_RECALL = 0.94
MIN_LINKED_PRECISION = 1.0
MIN_LINKED_RECALL = 0.96
MIN_PAIRS = 150


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("Ahmad Massoud", "Ahamd Masoud", True),  # transposition + doubled letter
        ("Ahmad Massoud", "Ahmad Shah Massoud", False),  # extra given name in the middle: the father
        ("Mullah Abdul Ghani Baradar", "Abdul Ghani Baradar", True),  # honorific
        ("Amir Khan Mutaqqi", "Amir Khan Muttaqi", True),
        ("Kabulov", "Zamir Kabulov", True),  # surname alone
        ("Ghani", "Abdul Ghani Baradar", False),  # a lone token is a surname, not a middle name
        ("Kim Jong Un", "Kim Jong Il", False),  # short tokens match exactly
        ("George W. Bush", "George H. W. Bush", False),  # initials on both sides must agree
        ("John F. Kennedy", "John Kennedy", True),
        ("Vladimir Vladimirovich Putin", "Vladimir Putin", True),  # patronymic
        ("Donald Trump", "Donald Trump Jr.", False),
        ("Ahmed Ali Abdullah Saleh", "Ali Abdullah Saleh", False),  # son's leading name
        ("Mohammad Javad Zarif", "Javad Zarif", True),  # devotional first name dropped
        ("Sergei Shoigu", "Sergey Shoygu", True),  # Russian -y after a vowel folds to -i
        ("Abu Mohammed al-Julani", "Abu Muhammad al-Jawlani", True),  # "aw" before a consonant
        ("Vladimir Zelensky", "Volodymyr Zelenskyy", True),  # one given name in two languages
        ("Isaac Herzog", "Yitzhak Herzog", True),
        ("Sayyed Hassan Nasrallah", "Hassan Nasrallah", True),  # "yy" is no Russian -y
        ("Volodymyr Zelensky", "Vladimir Putin", False),  # given names equal, surnames not
        ("Herzog Isaac", "Herzog Yitzhak", False),  # equivalents hold for given names only, not surnames
        ("", "Zamir Kabulov", False),
        # issue 15: two transliteration alternations in a two-word name, never two arbitrary slips
        ("Moammar Gadhafi", "Muammar Qaddafi", True),  # o/u, g/q
        ("Khaled Mashaal", "Khalid Meshaal", True),  # e/i, a/e
        ("Yahya Sinwar", "Yehia Sinwar", True),  # a/e and y/i in one word
        ("Abdullah Abdullah", "Abdallah Abdallah", True),  # the article's vowel: -ul-/-al-
        ("Sergei Rachmaninoff", "Sergei Rachmaninov", True),  # -off/-ov
        ("Khalid Sheikh Mohammed", "Kalid Sheikh Mohammed", True),  # kh/k
        ("Mandy Moore", "Manny Mori", False),  # a slip and two vowel changes
        ("Demi Moore", "Demi Mori", False),  # two vowel changes in a short word make another name
        ("Lee Jae-myung", "Lee Jae-yong", False),
        ("Ahmad Massoud", "Ahmed Shah Masood", False),  # the seed's son and father, spelt otherwise
        ("Kim Jong Un", "Kim Jong-il", False),
        ("Bashar al-Assad", "Hafiz al-Asad", False),
        ("Kim Jong Un", "Kim Jong-eun", True),  # Korean eu / u
        ("Kim Jong-eun", "Kim Jong-il", False),
        ("Gamal Abdel Nasser", "Gamal Abd el-Nasser", True),  # "abd" and its article are one name
        ("Mahmoud Ahmadinejad", "Mahmud Ahmadinezhad", True),  # zh / j
        ("Abd al-Aziz Rantisi", "Aziz Rantisi", False),  # the joined "abd al" is a given name, not a particle
    ],
)
def test_names_same_person_rules(a: str, b: str, expected: bool) -> None:
    assert same_person(a, b) is expected
    assert same_person(b, a) is expected


@pytest.mark.parametrize(
    ("raw", "tokens"),
    [
        ("Mullah Abdul Ghani Baradar", ("abdul", "kani", "baradar")),  # gh, q and k fold together
        ("Bashar al-Assad", ("bashar", "asad")),
        ("President Xi", ("ksi",)),
        ("Gamal Abd el-Nasser", ("gamal", "abdel", "naser")),
    ],
)
def test_names_parse_name_drops_titles_and_particles(raw: str, tokens: tuple[str, ...]) -> None:
    assert parse_name(raw).tokens == tokens


@pytest.mark.parametrize(("a", "b"), [("massoud", "masoud"), ("mutaqqi", "muttaqi"), ("qasem", "ghasem")])
def test_names_fold_transliterations(a: str, b: str) -> None:
    assert fold(a) == fold(b)


@pytest.mark.parametrize(
    ("a", "b", "cost"),
    [
        ("kadafi", "gadafi", 1),  # g/k: one alternation (half a slip)
        ("mashal", "meshal", 1),
        ("rachmaninof", "rachmaninov", 1),  # final f/v only
        ("rahmat", "rakmat", 2),  # h/k is a slip
        ("ahamd", "ahmad", 2),  # a transposition is a slip
        ("khalid", "kalid", 1),  # the h of kh dropped
    ],
)
def test_names_translit_distance(a: str, b: str, cost: int) -> None:
    assert translit_distance(a, b) == cost
    assert translit_distance(b, a) == cost


def test_names_translit_variant_counts_alternations_only() -> None:
    assert translit_variant("muamar kadafi", "moamar gadafi")
    assert not translit_variant("ahmad masud", "ahamd masud")  # a slip is no transliteration
    assert not translit_variant("moamar kadafi muamar", "moamar gadafi")  # word counts differ


@pytest.mark.parametrize(
    ("name", "given"),
    [
        ("Hamdan bin Mohammed Al Maktoum", "hamdan"),
        ("Sheikh Tamim bin Hamad Al Thani", "tamim"),
        ("Mohammed bin Salman", None),  # a devotional first name refers to nobody alone
        ("Hamid Karzai", None),  # no lineage: shortened to the surname instead
    ],
)
def test_names_given_name(name: str, given: str | None) -> None:
    assert given_name(name) == given


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Khalid Sheikh Mohammed", True),
        ("Willi Stoph", True),
        ("World Jewish Congress", False),
        ("Temple Of Understanding", False),
        ("Hamas", False),
    ],
)
def test_names_person_like(name: str, expected: bool) -> None:
    assert person_like(name) is expected


@pytest.mark.parametrize(
    ("a", "b", "distance"), [("ahamd", "ahmad", 1), ("rajiv", "rahul", 3), ("abc", "abc", 0)]
)
def test_names_edit_distance(a: str, b: str, distance: int) -> None:
    assert edit_distance(a, b) == distance


def _full_osa(a: str, b: str) -> int:
    """The textbook optimal-string-alignment distance, uncapped, every cell filled."""
    d = [[i + j if i * j == 0 else 0 for j in range(len(b) + 1)] for i in range(len(a) + 1)]
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] != b[j - 1]))
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
    return d[-1][-1]


def test_names_edit_distance_stops_early_without_changing_the_answer() -> None:
    """The capped distance (which stops once no cell can come under the cap) is the full one, capped: every
    pair of strings up to four letters over a three-letter alphabet, every cap from 1 to 4."""
    from itertools import product

    words = ["".join(w) for n in range(5) for w in product("abc", repeat=n)]
    for a in words:
        for b in words:
            full = _full_osa(a, b)
            for limit in (1, 2, 3, 4):
                assert edit_distance(a, b, limit) == min(full, limit), (a, b, limit)


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("the Resistance Front", "National Resistance Front", True),
        ("Afghan National Resistance Front", "National Resistance Front", True),
        ("National Resistance Force", "National Resistance Front", False),
        ("Front", "National Resistance Front", False),  # one word is too little
    ],
)
def test_names_same_org(a: str, b: str, expected: bool) -> None:
    assert same_org(a, b) is expected


@pytest.mark.parametrize(
    ("name", "acr"), [("National Resistance Front", "NRF"), ("the Islamic State of Iraq", "ISI")]
)
def test_names_acronym(name: str, acr: str) -> None:
    assert acronym(name) == acr
    assert is_acronym(acr)


def _pairs() -> list[dict[str, str]]:
    lines = [line for line in PAIRS.read_text("utf-8").splitlines() if line and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


@pytest.mark.parametrize(
    ("linked", "min_precision", "min_recall"),
    [(False, MIN_PRECISION, MIN_RECALL), (True, MIN_LINKED_PRECISION, MIN_LINKED_RECALL)],
)
def test_names_resolution_gate(linked: bool, min_precision: float, min_recall: float) -> None:
    rows = _pairs()
    assert len(rows) >= MIN_PAIRS
    assert {r["label"] for r in rows} == {"same", "different"}
    assert len({r["category"] for r in rows}) >= 8
    gaz = load_gazetteer()
    tp = fp = fn = 0
    merges = []
    for row in rows:
        a, b = row["name_a"], row["name_b"]
        predicted = same_person_linked(a, b, gaz) if linked else same_person(a, b)
        gold = row["label"] == "same"
        tp += predicted and gold
        fn += gold and not predicted
        if predicted and not gold:
            fp += 1
            merges.append(f"{row['name_a']} / {row['name_b']}")
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    assert precision >= min_precision, f"false merges: {merges}"
    assert recall >= min_recall
