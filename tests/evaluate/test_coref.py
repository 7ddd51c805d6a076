"""ECB+ cross-document event coreference: the metrics on textbook cases, and a pinned gate."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportedly.evaluate.coref import (
    b_cubed,
    ceaf_e,
    conll,
    evaluate_coref,
    evaluate_ledger_coref,
    muc,
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


# Pinned floors on three dev topics (about 15 s): the general event-mention detector and event
# coreference (predicted mentions, predicted document groups: the honest setting), the same with
# gold topics, and gold mentions (the merging without detection errors). Raise them when figures rise.
GATE_TOPICS = (2, 5, 12)
# Measured 2026-11-28 on topics 2, 5, 12: CoNLL 52.9 (gold topics 53.4, gold mentions 69.5),
# event-mention F1 78.3 (P 86.2, R 71.8).
FLOORS = {"predicted": 51.9, "gold_topics": 52.4, "gold_mentions": 68.5, "mention_f1": 77.3}


def test_coref_gate(shared: Path) -> None:
    scores = evaluate_coref(shared / "data" / "ecbplus", "dev", GATE_TOPICS)
    assert scores["conll_f1"] >= FLOORS["predicted"]
    assert scores["settings"]["gold_topics"]["conll_f1"] >= FLOORS["gold_topics"]
    assert scores["settings"]["gold_mentions"]["conll_f1"] >= FLOORS["gold_mentions"]
    assert scores["mentions"]["f1"] >= FLOORS["mention_f1"]


# The ledger's own merging of PLOVER events on the eight dev topics (about 30 s of CPU): its extractor
# codes PLOVER events only, so mention recall (and CoNLL F1) stays low; the merging on the mentions it
# detects is gated. Topic 2 alone (the sample before) found 15 mentions, and its floors sat 24.7 and 20
# points under the figures. Measured 2026-12-07 on the eight: CoNLL 6.9, detected-only 65.9, mention
# precision 99.1 (108 of 109 detected mentions are gold; 1,245 gold mentions). Floors within 2 points.
# The order-free entity rule 3 (issue 18: symmetric name test, linked entities never join unlinked
# ones by name, bare surnames by exact key only) moved detected-only from 64.7 to 63.4 (CoNLL 6.8 ->
# 6.6, precision unchanged) on these 109 mentions: its floor moved from 64.0 to 63.0 for that trade-off.
LEDGER_TOPICS = (2, 5, 12, 18, 21, 23, 34, 35)
LEDGER_FLOORS = {"conll_f1": 5.5, "detected_only": 63.0, "mention_precision": 97.0}


def test_coref_ledger_gate(shared: Path) -> None:
    scores = evaluate_ledger_coref(shared / "data" / "ecbplus", "dev", LEDGER_TOPICS)
    assert scores["conll_f1"] >= LEDGER_FLOORS["conll_f1"]
    assert scores["detected_only"]["conll_f1"] >= LEDGER_FLOORS["detected_only"]
    assert scores["mentions"]["precision"] >= LEDGER_FLOORS["mention_precision"]
