"""The ECB+ corpus (Cybulska & Vossen 2014) as read from ../shared/data/ecbplus: documents rebuilt from
their tokens, with the gold event mentions of the validated sentences and their coreference clusters.

Read by the coreference scorer (reportedly.evaluate.coref) and by the alignment with our parses
(reportedly.evaluate.ecbplus.align); it imports neither.
"""

from __future__ import annotations

import csv
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

DEV_TOPICS = (2, 5, 12, 18, 21, 23, 34, 35)
# Topics 1-35 are in ../shared/data/ecbplus: train is every one not in dev.
ALL_TOPICS = tuple(range(1, 36))
EVENT_TAGS = ("ACTION_", "NEG_ACTION_")
Cluster = frozenset[str]


@dataclass(frozen=True, slots=True)
class EcbDoc:
    """One ECB+ document: text rebuilt from tokens, token offsets, gold event mentions in validated
    sentences."""

    name: str
    topic: int
    text: str
    tokens: dict[str, tuple[int, int, int]]  # t_id -> (start, end, sentence)
    scored: frozenset[int]  # validated sentence numbers
    gold: dict[str, tuple[frozenset[str], str]]  # mention key -> (t_ids, cluster id)


def read_validated(path: Path) -> dict[str, set[int]]:
    """`ECBplus_coreference_sentences.csv`: document name ("1_10ecbplus") -> validated sentence numbers."""
    out: dict[str, set[int]] = {}
    with path.open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            out.setdefault(f"{row['Topic']}_{row['File']}", set()).add(int(row["Sentence Number"]))
    return out


def _clusters(root: ET.Element, name: str) -> dict[str, str]:
    """Markable id -> gold cluster id from the document's relations."""
    instances = {m.get("m_id", ""): m.get("instance_id", "") for m in root.iter() if m.get("instance_id")}
    cluster: dict[str, str] = {}
    for rel in root.iter("CROSS_DOC_COREF"):
        target = next((t.get("m_id", "") for t in rel.iter("target")), "")
        for src in rel.iter("source"):
            cluster[src.get("m_id", "")] = instances.get(target) or rel.get("note") or f"x{target}"
    for rel in root.iter("INTRA_DOC_COREF"):
        ids = [s.get("m_id", "") for s in rel.iter("source")]
        for mid in ids:
            cluster.setdefault(mid, f"{name}:intra:{rel.get('r_id')}")
    return cluster


def read_doc(path: Path, topic: int, validated: dict[str, set[int]]) -> EcbDoc:
    """Parse one ECB+ XML file."""
    root = ET.parse(path).getroot()  # noqa: S314 (the gold files are local, trusted data)
    name = path.stem
    pieces: list[str] = []
    tokens: dict[str, tuple[int, int, int]] = {}
    offset, last_sentence = 0, None
    for tok in root.iter("token"):
        sentence = int(tok.get("sentence", "0"))
        sep = "" if last_sentence is None else ("\n" if sentence != last_sentence else " ")
        pieces.append(sep + (tok.text or ""))
        offset += len(sep)
        tokens[tok.get("t_id", "")] = (offset, offset + len(tok.text or ""), sentence)
        offset += len(tok.text or "")
        last_sentence = sentence
    scored = frozenset(validated.get(name, set()))
    cluster = _clusters(root, name)
    gold: dict[str, tuple[frozenset[str], str]] = {}
    markables = root.find("Markables")
    for m in markables if markables is not None else ():
        anchors = frozenset(a.get("t_id", "") for a in m.iter("token_anchor"))
        if not m.tag.startswith(EVENT_TAGS) or not anchors:
            continue
        if all(tokens[t][2] in scored for t in anchors):
            mid = m.get("m_id", "")
            gold[f"{name}/{mid}"] = (anchors, cluster.get(mid, f"{name}:single:{mid}"))
    return EcbDoc(name=name, topic=topic, text="".join(pieces), tokens=tokens, scored=scored, gold=gold)


def read_split(root: Path, split: str = "dev", topics: Iterable[int] | None = None) -> list[EcbDoc]:
    """The documents of a split (dev, train or all), optionally only some topics."""
    chosen = (
        DEV_TOPICS
        if split == "dev"
        else tuple(t for t in ALL_TOPICS if t not in DEV_TOPICS)
        if split == "train"
        else ALL_TOPICS
    )
    if topics is not None:
        chosen = tuple(t for t in chosen if t in set(topics))
    validated = read_validated(root / "ECBplus_coreference_sentences.csv")
    docs = []
    for topic in chosen:
        folder = root / "ECB+" / str(topic)
        for path in sorted(folder.glob("*.xml")) if folder.is_dir() else ():
            docs.append(read_doc(path, topic, validated))
    return docs
