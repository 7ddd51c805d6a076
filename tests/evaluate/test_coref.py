"""ECB+ cross-document event coreference: the metrics on textbook cases, and a pinned gate."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportedly.evaluate.conll import b_cubed, ceaf_e, conll, muc
from reportedly.evaluate.coref import (
    aligned_scores,
    evaluate_coref,
    evaluate_ledger_coref,
    read_split,
)

C = frozenset


@pytest.mark.parametrize(
    "metric,key,response,expected",
    [
        # Vilain et al. 1995's example: key {A B C D}, response {A B} {C D}: recall 2/3, precision 1.
        (muc, [C("abcd")], [C("ab"), C("cd")], (2 / 3, 1.0)),
        (muc, [C("ab"), C("cd")], [C("abcd")], (1.0, 2 / 3)),
        # B3: key {a b} {c}, response {a b c}: recall 1, precision (2*(2/3) + 1/3) / 3 = 5/9.
        (b_cubed, [C("ab"), C("c")], [C("abc")], (1.0, 5 / 9)),
        # CEAF-e: phi4({a b}, {a b c}) = 0.8 aligned, {c} left: recall 0.8 / 2, precision 0.8 / 1.
        (ceaf_e, [C("ab"), C("c")], [C("abc")], (0.4, 0.8)),
        # twinless response mentions lower precision only
        (b_cubed, [C("ab")], [C("ab"), C("x")], (1.0, 2 / 3)),
    ],
)
def test_coref_metrics(metric, key, response, expected) -> None:  # type: ignore[no-untyped-def]
    recall, precision, _f1 = metric(key, response)
    assert recall == pytest.approx(expected[0]) and precision == pytest.approx(expected[1])


@pytest.mark.parametrize("clusters", [[C("ab"), C("c")], [C("abc")]])
def test_coref_perfect_response(clusters: list[frozenset[str]]) -> None:
    assert conll(clusters, clusters)["conll_f1"] == pytest.approx(100.0)


def test_coref_reads_ecbplus(shared: Path) -> None:
    docs = read_split(shared / "data" / "ecbplus", "dev", [2])
    assert len(docs) == 21
    for doc in docs:
        for tokens, _cluster in doc.gold.values():
            assert all(doc.tokens[t][2] in doc.scored for t in tokens)


# Pinned floors on the whole dev split (topics 2, 5, 12, 18, 21, 23, 34, 35; 197 documents, 1,245 gold
# mentions; about 40 s under load): the general event-mention detector and event coreference (predicted
# mentions, predicted document groups: the honest setting), the same with gold topics, and gold mentions
# (the merging without detection errors). The three topics used before (2, 5, 12; 15 s) scored CoNLL 53.1
# against the split's 63.0: a sample 10 points off the figure published. Measured 2026-12-07 with
# `reportedly eval coref --split dev --json`, after the cuts and mention thresholds were chosen with
# held-out fold detectors: CoNLL 63.0 (gold topics 62.3, gold mentions 74.9), event-mention F1 84.2
# (P 88.5, R 80.2); before: 63.0 (62.4, 75.0), 84.0. Floors 1.5 points under; raise them when figures
# rise, lower one only with the reason in the commit. After WordNet features and out-of-topic lemma rates
# (2026-12-07, same command): CoNLL 63.7 (gold topics 62.5, gold mentions 74.3), event-mention F1 85.7
# (P 88.7, R 82.9); three floors raised, the gold-mentions floor kept at 73.5 (0.6 points lower there).
# After the pair scorer's L2 strength was chosen by cross-validation (1.0 -> 0.1; same command): CoNLL 63.9
# (gold topics 63.3, gold mentions 74.9), event-mention F1 86.0 (P 88.0, R 84.2); the gold-topics and
# mention floors raised to within 2 points.
GATE_TOPICS = None
FLOORS = {"predicted": 62.0, "gold_topics": 61.5, "gold_mentions": 73.5, "mention_f1": 84.5}


def test_coref_gate(shared: Path) -> None:
    scores = evaluate_coref(shared / "data" / "ecbplus", "dev", GATE_TOPICS)
    assert scores["documents"] == 197  # the whole dev split
    assert scores["conll_f1"] >= FLOORS["predicted"]
    assert scores["settings"]["gold_topics"]["conll_f1"] >= FLOORS["gold_topics"]
    assert scores["settings"]["gold_mentions"]["conll_f1"] >= FLOORS["gold_mentions"]
    assert scores["mentions"]["f1"] >= FLOORS["mention_f1"]


# The ledger's own merging of PLOVER events on the eight dev topics (about 30 s of CPU): its extractor
# codes PLOVER events only, so mention recall (and CoNLL F1) stays low; the merging on the mentions it
# detects is gated. Topic 2 alone (the sample before) found 15 mentions, and its floors sat 24.7 and 20
# points under the figures. Measured 2026-12-07 on the eight: CoNLL 6.9, detected-only 65.9, mention
# precision 99.1 (108 of 109 detected mentions are gold; 1,245 gold mentions). Floors within 2 points.
# Merging apart from detection (issue 15). Measured 2026-12-07 on the merged tree (issue 13's detection
# rules and common-noun parties, issue 15's place/government entities, issue 18's order-free entity rule 3)
# with `reportedly eval coref --split dev --system ledger --json`: CoNLL 7.9, detected-only 68.3 (mention
# precision 99.1), coverage 9.3% of gold mentions; on those 116 aligned mentions CoNLL 68.5, pairwise
# precision 69.8, recall 34.6 (the learned coreference on the same mentions: CoNLL 81.4, not gated here).
# Floors sit within 2 points. The pairwise precision floor moved DOWN from 71.5 (set on the coref branch
# alone, where it measured 73.5 at recall 25.4): the merged tree codes more of the gold mentions and links
# more of them (recall 25.4 -> 34.6), at 3.7 points of link precision; aligned CoNLL rose 65.0 -> 68.5.
# Session 6's merged tree (the typer types every candidate verb; issue 13's PLV end to end R 0.670 -> 0.697,
# P 0.685 -> 0.720) codes 113 gold mentions instead of 117: CoNLL 7.2, detected-only 66.2, coverage 9.0,
# aligned 66.5, pairwise P 68.3, R 33.0. The detected-only floor moved DOWN 66.5 -> 64.5 and the aligned
# floor 66.5 -> 64.5 for that trade-off: on ~115 mentions one mention moves these figures about a point.
# After detect2 (singular bodies as parties, bounded statement patterns): detected-only 66.8, aligned 67.1,
# pairwise P 68.5, R 33.3; the two floors rise to 65.0, within 2 points.
LEDGER_TOPICS = (2, 5, 12, 18, 21, 23, 34, 35)
LEDGER_FLOORS = {
    "conll_f1": 6.4,
    # detected-only 65.0 -> 69.0, aligned 65.0 -> 69.0, coverage 8.5 -> 8.0, pairwise P 66.0 -> 67.0,
    # R 32.5 -> 33.5: a stated trade-off of issue 13's background rule (an act with no actor in a
    # subordinate phrase is no event: held-out PLV precision 0.715 -> 0.744): the ledger codes 8 fewer of
    # these gold mentions (113 -> 105, coverage 9.1 -> 8.4) and merges the rest better (detected-only
    # 66.9 -> 70.9, aligned 67.5 -> 71.2, pairwise P 67.7 -> 68.8, R 33.7 -> 35.3)
    # detected-only 69.0 -> 67.0, aligned 69.0 -> 67.5, pairwise P 67.0 -> 62.5, R 33.5 -> 31.0
    # (2026-12-08, a stated trade-off of issue 13's typer-side rules and detection round, which bring PLV
    # held-out end to end to R 0.751 at P 0.755): the ledger codes 2 more of these gold mentions (105 ->
    # 107, coverage 8.4 -> 8.6); "nabbed" now codes two more mentions of the topic-12 hijacking and joins
    # them rightly, a new "Striking" ASSAULT joins them wrongly, and "approached" (CONSULT 040 in the
    # CAMEO dictionary), which the typer now outvotes at LEXICON_RATIO 0.8, is typed SUPPORT in one
    # article and ACCUSE in the other, so two mentions of one event split (detected-only 70.9 -> 68.8,
    # aligned 71.2 -> 69.1, pairwise P 68.8 -> 64.1, R 35.3 -> 32.7)
    "detected_only": 67.0,
    "mention_precision": 97.5,
    "coverage": 8.0,
    "aligned": 67.5,
    # 68.0 -> 66.0 (issue 13's detection rules, a stated trade-off): the ledger codes more gold mentions
    # (coverage 9.0 -> 9.2, pairwise recall 33.3 -> 33.6, aligned CoNLL 67.1 -> 67.2) and pairwise precision
    # falls 68.5 -> 67.7; on ~115 mentions one mention moves it about a point
    "pairwise_precision": 62.5,
    "pairwise_recall": 31.0,
}


def test_coref_ledger_gate(shared: Path) -> None:
    scores = evaluate_ledger_coref(shared / "data" / "ecbplus", "dev", LEDGER_TOPICS, compare_learned=False)
    assert scores["conll_f1"] >= LEDGER_FLOORS["conll_f1"]
    assert scores["detected_only"]["conll_f1"] >= LEDGER_FLOORS["detected_only"]
    assert scores["mentions"]["precision"] >= LEDGER_FLOORS["mention_precision"]
    assert scores["coverage"] >= LEDGER_FLOORS["coverage"]
    assert scores["aligned"]["conll_f1"] >= LEDGER_FLOORS["aligned"]
    assert scores["aligned"]["pairwise"]["precision"] >= LEDGER_FLOORS["pairwise_precision"]
    assert scores["aligned"]["pairwise"]["recall"] >= LEDGER_FLOORS["pairwise_recall"]
    assert "learned" not in scores


@pytest.mark.parametrize(
    ("key", "response", "mentions", "precision", "recall"),
    [
        ([C("abc")], [C("ab"), C("c")], set("abc"), 100.0, 33.3),  # one of three gold links found
        ([C("ab"), C("c")], [C("abc")], set("abc"), 33.3, 100.0),  # two of three links false
        ([C("abcd")], [C("ab"), C("xy")], set("ab"), 100.0, 100.0),  # only the aligned mentions count
        ([C("ab")], [C("a"), C("b")], set("ab"), 0.0, 0.0),
    ],
)
def test_coref_aligned_pairwise(  # type: ignore[no-untyped-def]
    key, response, mentions, precision, recall
) -> None:
    scores = aligned_scores(key, response, mentions)
    assert scores["pairwise"]["precision"] == precision
    assert scores["pairwise"]["recall"] == recall
    assert scores["mentions"] == len(mentions)


def test_coref_aligned_cuts_both_sides() -> None:
    """Gold mentions the system never coded and its own false alarms leave the aligned score alone."""
    scores = aligned_scores([C("ab"), C("cd")], [C("ab"), C("x")], set("ab"))
    assert scores["conll_f1"] == pytest.approx(100.0)
