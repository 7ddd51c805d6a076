"""A hand-judged proxy for issue 14's outside measurement: statements on news the models never saw.

The quote tracker's gold (Gender Gap Tracker style: direct and indirect quotes with a speaker) is
measured outside the repository. This proxy reads news unlike PolNeAR from ../shared: the 46
Giveme5W1H dev articles (BBC, Daily Mail, Guardian, NY Times, ...) and the first two ECB+ "ecbplus"
texts of each training topic (50 texts, LA Times to SEACOM's press page; the tokens rejoined), runs
`reportedly analyze` on them, draws 80 `kind: statement` attributions (45 Giveme5W1H, 35 ECB+; seed
14) and scores a judgment file: each drawn attribution is a real quotation or claim with the right
speaker and content span, or one of issue 14's false classes.

    .venv/bin/python bench/attribution_proxy.py build /tmp/proxy          # the texts
    .venv/bin/reportedly analyze /tmp/proxy -q > before.jsonl             # any checkout
    .venv/bin/python bench/attribution_proxy.py sample before.jsonl       # the 80, to judge
    .venv/bin/python bench/attribution_proxy.py score before.jsonl after.jsonl \\
        --judged bench/attribution_proxy_judged.tsv                       # precision before / after

`score` finds each judged attribution of the first run in the second (same content span, or same
cue and content start) and counts it kept when it is still a statement; attributions the second run
adds are listed to be judged by hand. The texts belong to their publishers: they are read from
../shared, never copied into the repository; the judgment file holds offsets and verdicts only.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import re
import sys
from pathlib import Path
from typing import Any

from reportedly.evaluate.ecbplus.corpus import read_split

SEED = 14
GIVEME = 45  # of the 80 drawn: Giveme5W1H's articles hold 550 of 767 statements, ECB+ 217
ECB = 35
ECB_PER_TOPIC = 2


def _detokenize(line: str) -> str:
    """ECB+ keeps one token per element: rejoin punctuation, clitics, hyphens and quote marks."""
    s = re.sub(r" ([,.;:!?%)\]])", r"\1", line)
    s = re.sub(r"([(\[$]) ", r"\1", s)
    s = re.sub(r" (n't|'s|'re|'ve|'ll|'d|'m)\b", r"\1", s)
    s = re.sub(r"(\w) - (\w)", r"\1-\2", s)
    parts = s.split('"')
    out = parts[0]
    for i, part in enumerate(parts[1:]):
        if i % 2 == 0:  # an opening mark
            out = out.rstrip() + (' "' if out.strip() else '"') + part.lstrip()
        else:
            out = out.rstrip() + '"' + part
    return out


def _curly(text: str) -> str:
    """Rejoin curly quote marks and apostrophes ECB+ keeps as tokens of their own."""
    text = text.replace("“ ", "“").replace(" ”", "”")
    text = re.sub(r" ’ (s|t|re|ve|ll|d|m)\b", r"’\1", text)
    text = re.sub(r"(\w) ’ ", r"\1’ ", text)
    return re.sub(r" ' (s|t)\b", r"'\1", text)


def build(shared: Path, into: Path) -> int:
    """Write the proxy's texts into `into`; returns how many."""
    for data in ("giveme5w1h-dev/data", "ecbplus"):
        if not (shared / "data" / data).is_dir():
            raise SystemExit(f"no {shared / 'data' / data}: --shared names the folder holding data/")
    into.mkdir(parents=True, exist_ok=True)
    n = 0
    for path in sorted((shared / "data/giveme5w1h-dev/data").glob("*.json")):
        article = json.loads(path.read_text("utf-8"))
        name = f"g5_{article['publisher']}_{article['dId'][:8]}.txt"
        (into / name).write_text(article["title"] + "\n\n" + article["text"], "utf-8")
        n += 1
    by_topic: dict[int, list[Any]] = {}
    for doc in read_split(shared / "data/ecbplus", "train"):
        if "ecbplus" in doc.name:
            by_topic.setdefault(doc.topic, []).append(doc)
    for docs in by_topic.values():
        for doc in sorted(docs, key=lambda d: d.name)[:ECB_PER_TOPIC]:
            lines = [_detokenize(line) for line in doc.text.split("\n")[1:] if line.strip()]  # no URL line
            # the title, the date, and the body as one paragraph
            text = _curly("\n\n".join(lines[:2] + [" ".join(lines[2:])]))
            (into / f"ecb_{doc.name.replace('.xml', '')}.txt").write_text(text, "utf-8")
            n += 1
    return n


def _statements(path: Path) -> list[tuple[str, dict[str, Any], str]]:
    rows = []
    for line in path.read_text("utf-8").splitlines():
        article = json.loads(line)
        name = Path(article["source"]["path"]).name
        rows += [(name, a, article["text"]) for a in article["attributions"] if a.get("kind") == "statement"]
    return rows


def draw(path: Path) -> list[tuple[str, dict[str, Any], str]]:
    """The 80 statements to judge, in file and offset order."""
    rows = _statements(path)
    giveme = [r for r in rows if r[0].startswith("g5")]
    ecb = [r for r in rows if not r[0].startswith("g5")]
    if len(giveme) < GIVEME or len(ecb) < ECB:
        raise SystemExit(f"{path}: {len(giveme)} Giveme5W1H and {len(ecb)} ECB+ statements, fewer than the "
                         f"{GIVEME} and {ECB} to draw: is it `reportedly analyze` over the built texts?")
    rng = random.Random(SEED)  # draws what `random.seed(SEED)` and the module's `sample` drew
    sample = rng.sample(giveme, GIVEME) + rng.sample(ecb, ECB)
    return sorted(sample, key=lambda r: (r[0], (r[1]["cue"] or r[1]["content"])["start"]))


def _find(rows: list[dict[str, Any]], att: dict[str, Any]) -> dict[str, Any] | None:
    content = att["content"]
    cue_start = (att["cue"] or {}).get("start")
    for other in rows:
        if (other["content"]["start"], other["content"]["end"]) == (content["start"], content["end"]):
            return other
    for other in rows:
        if ((other["cue"] or {}).get("start"), other["content"]["start"]) == (cue_start, content["start"]):
            return other
    return None


def score(before: Path, after: Path, judged: Path) -> dict[str, Any]:
    """Precision of the judged sample before and after, and the statements the second run adds."""
    verdicts = list(csv.DictReader(judged.read_text("utf-8").splitlines(), delimiter="\t"))
    sample = draw(before)
    if len(verdicts) != len(sample):
        raise SystemExit(f"{judged}: {len(verdicts)} verdicts for a sample of {len(sample)}")
    by_file: dict[str, list[dict[str, Any]]] = {}
    for name, att, _text in _statements(after):
        by_file.setdefault(name, []).append(att)
    kept = kept_true = 0
    removed: dict[str, int] = {}
    for (name, att, _text), row in zip(sample, verdicts, strict=True):
        if row["file"] != name or int(row["content_start"]) != att["content"]["start"]:
            raise SystemExit(f"{judged}: {row} judges another statement than {name} at "
                             f"{att['content']['start']}: is {before} the judged run?")
        if _find(by_file.get(name, []), att) is None:
            removed[row["verdict"]] = removed.get(row["verdict"], 0) + 1
            continue
        kept += 1
        kept_true += row["verdict"] == "true"
    true_before = sum(r["verdict"] == "true" for r in verdicts)
    old = {(n, a["content"]["start"], a["content"]["end"]) for n, a, _t in _statements(before)}
    added = [
        (n, (a["speaker"] or {}).get("text"), (a["cue"] or {}).get("text"), a["content"]["text"][:100])
        for n, a, _t in _statements(after)
        if (n, a["content"]["start"], a["content"]["end"]) not in old
    ]
    return {
        "precision_before": round(true_before / len(verdicts), 3),
        "precision_after": round(kept_true / kept, 3) if kept else None,
        "kept": kept,
        "removed_by_verdict": removed,
        "added_statements": added,
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build")
    b.add_argument("into", type=Path)
    b.add_argument("--shared", type=Path, default=Path("../shared"))
    s = sub.add_parser("sample")
    s.add_argument("analyzed", type=Path)
    c = sub.add_parser("score")
    c.add_argument("before", type=Path)
    c.add_argument("after", type=Path)
    c.add_argument("--judged", type=Path, default=Path(__file__).with_name("attribution_proxy_judged.tsv"))
    args = parser.parse_args()
    if args.command == "build":
        print(build(args.shared, args.into), "texts")
    elif args.command == "sample":
        for i, (name, att, text) in enumerate(draw(args.analyzed)):
            speaker, cue, content = att["speaker"] or {}, att["cue"] or {}, att["content"]
            print(f"#{i}\t{name}\t{content['start']}\t{speaker.get('text')}\t{cue.get('text')}\t{content['text'][:200]}")
            print("\t" + text[max(0, content["start"] - 200) : content["end"] + 80].replace("\n", " / "))
    else:
        json.dump(score(args.before, args.after, args.judged), sys.stdout, indent=1)
        print()


if __name__ == "__main__":
    main()
