"""Share of events with a location and a date (and of those read in the text), and of event parties with
a CAMEO actor code, over analyzed articles: the golden files by default, or any `analyze --format jsonl`
output.

Run: .venv/bin/python scripts/event_coverage.py [tests/golden/*.json | out.jsonl ...]
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def articles(paths: list[Path]) -> Iterator[dict[str, Any]]:
    """Every article object of the files: a JSON object or list (golden files), or JSON Lines."""
    for path in paths:
        text = path.read_text("utf-8")
        try:
            data = json.loads(text)
        except json.JSONDecodeError:
            data = [json.loads(line) for line in text.splitlines() if line.strip()]
        yield from data if isinstance(data, list) else [data]


def main() -> int:
    paths = [Path(p) for p in sys.argv[1:]] or sorted((ROOT / "tests" / "golden").glob("*.json"))
    n = located = located_text = dated = dated_text = parties = coded = 0
    for article in articles(paths):
        entities = {e["id"]: e for e in article.get("entities", [])}
        for event in article.get("events", []):
            n += 1
            loc, date = event.get("location"), event.get("date")
            located += loc is not None
            located_text += bool(loc and loc.get("source", "text") == "text")
            dated += bool(date and date.get("value"))
            dated_text += bool(date and date.get("value") and date.get("source", "text") == "text")
            for party in [*event["actors"], *event["recipients"]]:
                parties += 1
                coded += bool(entities.get(party, {}).get("cameo"))
    if not n:
        print("no events")
        return 1
    print(f"{n} events: location {located / n:.1%} (from the text {located_text / n:.1%}), "
          f"date {dated / n:.1%} (from the text {dated_text / n:.1%}); "
          f"parties with a CAMEO code {coded}/{parties} = {coded / max(parties, 1):.1%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
