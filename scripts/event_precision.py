"""Count the events the extractor codes on ECB+ documents of chosen topics (a precision probe).

ECB+ (../shared/data/ecbplus, CC BY 3.0) groups news by topic: sports and celebrity topics (1, 4, 5, 7,
10, 25, 29, 31) should yield few PLOVER events, political ones (9, 11, 12, 19) should keep theirs.
Each document is its tokens joined by spaces, run through the parse, the entities stage and the events
stage (no attributions: statuses are not probed). Parses are cached with --cache.
Run: .venv/bin/python scripts/event_precision.py --topics 1,4,5,7,10,25,29,31 [--cache /tmp/ecb] [--list]
"""

from __future__ import annotations

import argparse
import html
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TOKEN = re.compile(r"<token[^>]*>([^<]*)</token>")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--topics", default="1,4,5,7,10,25,29,31", help="Comma-separated ECB+ topics.")
    parser.add_argument("--published", default="2009-01-01", help="Publication date given to every document.")
    parser.add_argument("--cache", type=Path, default=None, help="Folder to keep the parsed DocBins in.")
    parser.add_argument("--list", action="store_true", help="Print every event with its sentence.")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "scripts"))
    from train_events import parse

    from reportedly.extract.entities import extract_entities
    from reportedly.extract.events import extract_events
    from reportedly.model import DocContext
    from reportedly.nlp.pipeline import make_nlp

    topics = [t.strip() for t in args.topics.split(",") if t.strip()]
    files = sorted(f for t in topics for f in (args.shared / "data" / "ecbplus" / "ECB+" / t).glob("*.xml"))
    texts = [html.unescape(" ".join(TOKEN.findall(f.read_text("utf-8")))) for f in files]
    cached = args.cache / f"ecb_{'_'.join(topics)}.spacy" if args.cache else None
    docs = parse(make_nlp(), texts, cached)
    kinds: Counter[str] = Counter()
    for path, doc in zip(files, docs, strict=True):
        ctx = DocContext(path.stem, published=args.published)
        for event in extract_events(doc, extract_entities(doc, ctx), [], ctx):
            kinds[event.type] += 1
            if args.list:
                print(
                    path.name,
                    event.type,
                    event.trigger.text if event.trigger else "",
                    "|",
                    event.evidence[0].text,
                )
    total = sum(kinds.values())
    print(f"topics {','.join(topics)}: {len(files)} documents, {total} events {dict(kinds.most_common())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
