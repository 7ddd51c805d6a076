"""Share of event parties that carry a CAMEO actor code (issue 13: "every event's actors carry CAMEO codes").

An event party is an entity an event names as actor, recipient, host or mediator; it is coded when
its entity has `cameo`. Reads contract JSON: golden files (`tests/golden/*.json`, one article each)
or JSON Lines written by `reportedly analyze` (one article a line).

    python bench/cameo_coverage.py tests/golden/*.json
    reportedly analyze samples/ > /tmp/samples.jsonl && python bench/cameo_coverage.py /tmp/samples.jsonl
    python bench/cameo_coverage.py --list tests/golden/*.json   # every uncoded party, and each code
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

PARTY_LISTS = ("actors", "recipients")
PARTY_SINGLES = ("host", "mediator")


@dataclass(frozen=True, slots=True)
class Party:
    """One entity in one event's roles: the article, the entity's name, type and code."""

    article: str
    name: str
    type: str | None
    cameo: str | None


def parties(article: dict[str, Any]) -> Iterator[Party]:
    """Each distinct entity that an event of `article` names as a party, once per article."""
    entities = {e["id"]: e for e in article.get("entities", [])}
    seen: set[str] = set()
    for event in article.get("events", []):
        ids = [i for k in PARTY_LISTS for i in event.get(k) or []]
        ids += [event[k] for k in PARTY_SINGLES if event.get(k)]
        for ref in ids:
            if ref in seen or ref not in entities:
                continue
            seen.add(ref)
            ent = entities[ref]
            title = str(article.get("title") or article.get("id"))
            yield Party(title, ent["name"], ent.get("type"), ent.get("cameo"))


def read_articles(paths: Iterable[str]) -> Iterator[dict[str, Any]]:
    """Articles from golden JSON files or JSON Lines files (failures and skipped lines left out)."""
    for path in paths:
        text = Path(path).read_text("utf-8")
        if path.endswith(".json"):
            yield json.loads(text)
            continue
        for line in text.splitlines():
            record = json.loads(line) if line.strip() else {}
            if "entities" in record:
                yield record


def coverage(articles: Iterable[dict[str, Any]]) -> tuple[int, int]:
    """(coded parties, all parties) over `articles`."""
    found = [p for a in articles for p in parties(a)]
    return sum(1 for p in found if p.cameo), len(found)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("paths", nargs="+", help="golden .json files or analyze output .jsonl files")
    parser.add_argument("--list", action="store_true", help="print every party with its code")
    args = parser.parse_args(argv)
    articles = list(read_articles(args.paths))
    if args.list:
        for party in (p for a in articles for p in parties(a)):
            print(f"{party.cameo or '-':10} {party.type or '-':7} {party.name}  [{party.article[:50]}]")
    coded, total = coverage(articles)
    share = coded / total if total else 0.0
    print(json.dumps({"articles": len(articles), "parties": total, "coded": coded, "share": round(share, 3)}))


if __name__ == "__main__":
    main()
