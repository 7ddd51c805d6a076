"""Name-matching rules (issue 3) and the resolution gate on tests/fixtures/name_pairs.tsv."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from reportedly.extract.names import (
    acronym,
    edit_distance,
    fold,
    is_acronym,
    parse_name,
    same_org,
    same_person,
)

PAIRS = Path(__file__).resolve().parent.parent / "fixtures" / "name_pairs.tsv"
# Pinned floors of the resolution gate. A false merge is the costly error, so precision stays >= 0.99;
# recall is pinned a little under the measured 0.937 (273 pairs, 2026-11-28; the first 232 pairs went from
# 0.906 to 0.953 with the -y/aw folds and given-name equivalents): lowering it needs a reason.
MIN_PRECISION = 0.99
MIN_RECALL = 0.92
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
    ],
)
def test_names_parse_name_drops_titles_and_particles(raw: str, tokens: tuple[str, ...]) -> None:
    assert parse_name(raw).tokens == tokens


@pytest.mark.parametrize(("a", "b"), [("massoud", "masoud"), ("mutaqqi", "muttaqi"), ("qasem", "ghasem")])
def test_names_fold_transliterations(a: str, b: str) -> None:
    assert fold(a) == fold(b)


@pytest.mark.parametrize(
    ("a", "b", "distance"), [("ahamd", "ahmad", 1), ("rajiv", "rahul", 3), ("abc", "abc", 0)]
)
def test_names_edit_distance(a: str, b: str, distance: int) -> None:
    assert edit_distance(a, b) == distance


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


def test_names_resolution_gate() -> None:
    rows = _pairs()
    assert len(rows) >= MIN_PAIRS
    assert {r["label"] for r in rows} == {"same", "different"}
    assert len({r["category"] for r in rows}) >= 8
    tp = fp = fn = 0
    merges = []
    for row in rows:
        predicted, gold = same_person(row["name_a"], row["name_b"]), row["label"] == "same"
        tp += predicted and gold
        fn += gold and not predicted
        if predicted and not gold:
            fp += 1
            merges.append(f"{row['name_a']} / {row['name_b']}")
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    assert precision >= MIN_PRECISION, f"false merges: {merges}"
    assert recall >= MIN_RECALL
