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

from reportedly.errors import InputError

DEV_TOPICS = (2, 5, 12, 18, 21, 23, 34, 35)
# Topics 1-35 are in ../shared/data/ecbplus; a split reads whichever topic folders the data folder holds
# (`topic_folders`): all is every one, train every one not in dev (held-out topics 36-45 included).
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


def topic_folders(root: Path) -> dict[int, Path]:
    """The numbered topic folders under `root`/ECB+ (or `root` itself when it has no ECB+ folder)."""
    base = root / "ECB+" if (root / "ECB+").is_dir() else root
    if not base.is_dir():
        return {}
    return dict(sorted((int(p.name), p) for p in base.iterdir() if p.is_dir() and p.name.isdigit()))


def read_split(root: Path, split: str = "dev", topics: Iterable[int] | None = None) -> list[EcbDoc]:
    """The documents of a split (dev, train or all) among the topic folders `root` holds, optionally only
    some topics.

    Raises:
        InputError: when the split finds no document, or the validated-sentence list is missing.
    """
    if split not in ("dev", "train", "all"):
        raise InputError(str(root), f"unknown split {split!r}: dev, train or all")
    folders = topic_folders(root)
    chosen = tuple(t for t in folders if (t in DEV_TOPICS) == (split == "dev") or split == "all")
    if topics is not None:
        chosen = tuple(t for t in chosen if t in set(topics))
    docs_paths = [(t, p) for t in chosen for p in sorted(folders[t].glob("*.xml"))]
    if not docs_paths:
        held = ", ".join(map(str, folders)) or "none"
        raise InputError(
            str(root),
            f"no ECB+ documents for split {split}"
            + (f" topics {' '.join(map(str, topics))}" if topics is not None else "")
            + f" (topic folders found: {held}; expected ECB+/<topic>/*.xml)",
        )
    csv_path = root / "ECBplus_coreference_sentences.csv"
    if not csv_path.is_file():
        raise InputError(str(csv_path), "missing: the list of validated sentences ECB+ is scored on")
    validated = read_validated(csv_path)
    return [read_doc(path, topic, validated) for topic, path in docs_paths]
