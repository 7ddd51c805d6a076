"""Golden end-to-end tests: every fixture page in tests/fixtures/articles/ through the real pipeline.

Each `<slug>.html` is read by content (sniffed, then the HTML reader with the page URL from
`<slug>.meta.json`), and all pages go through one `analyze_raw` call in slug order, so the syndication
check sees the original before its copy. Each Article becomes its contract JSON, with the in-article
ids (`e1`, `q2`, `v3`: numbered in extraction order, so one new entity would renumber every later one)
replaced by readable keys (an entity's name, "speaker / cue / opening words" for an attribution,
"TYPE trigger" for an event), and is compared with `tests/golden/<slug>.json`. The article id and
`duplicate_of` stay: they are content hashes the schema requires.

`pytest tests/test_golden.py --update-golden` rewrites the golden files (and deletes those whose
fixture is gone); review the diff like code. Besides golden equality, behaviour tests check what must
hold whatever the extractors do: offsets index the text, chrome never reaches the text, the foreign
page is skipped, the syndicated copy points to its original, the page date is read.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Iterator
from typing import Any

import jsonschema
import pytest

from reportedly.config import Settings
from reportedly.ingest import html, sniff_format
from reportedly.model import Article, Failure, RawArticle, SourceRef, article_to_dict, failure_to_dict
from reportedly.runner import analyze_raw
from tests.conftest import FIXTURES, ROOT

ARTICLES_DIR = FIXTURES / "articles"
GOLDEN_DIR = ROOT / "tests" / "golden"
SLUGS = sorted(path.stem for path in ARTICLES_DIR.glob("*.html"))
# STYLE.md section 8: a fixture set large enough to cover the phenomena, small enough to run in seconds.
MIN_FIXTURES, MAX_FIXTURES = 20, 40
LICENCES = re.compile(r"^(written-for-tests|CC BY 3\.0 \(ECB\+.*\))$")
# Lines of diff shown when a golden file differs: the first hunk, cut to stay readable.
MAX_DIFF_LINES = 60
# Where an id reference may appear in the contract JSON, as (key, is a list of ids).
_ENTITY_REFS = {"entity": False, "affiliation": False, "actors": True, "recipients": True, "host": False,
                "mediator": False}

Result = Article | Failure


def _meta(slug: str) -> dict[str, Any]:
    return json.loads((ARTICLES_DIR / f"{slug}.meta.json").read_text("utf-8"))


def _read(slug: str) -> Iterator[RawArticle | Failure]:
    """The page read the way `reportedly analyze` reads it, plus the URL only the meta file knows."""
    display = f"tests/fixtures/articles/{slug}.html"
    data = (ARTICLES_DIR / f"{slug}.html").read_bytes()
    source = SourceRef(path=display, url=_meta(slug)["url"], format=sniff_format(data, display))
    if source.format != "html":
        yield Failure(source, f"fixture sniffed as {source.format}, not html")
        return
    yield from html.read_html(data.decode("utf-8"), source)


@pytest.fixture(scope="session")
def fixture_results() -> dict[str, Result]:
    """Every fixture analyzed once, in slug order, in one batch run of the real pipeline."""
    raws = [item for slug in SLUGS for item in _read(slug)]
    results = list(analyze_raw(raws, Settings()))
    assert len(results) == len(SLUGS), "one result per fixture page"
    return dict(zip(SLUGS, results, strict=True))


@pytest.fixture(scope="session")
def fixture_articles(fixture_results: dict[str, Result]) -> dict[str, Article]:
    failed = {slug: r.error for slug, r in fixture_results.items() if isinstance(r, Failure)}
    assert not failed, f"fixture pages that failed: {failed}"
    return {slug: r for slug, r in fixture_results.items() if isinstance(r, Article)}


def _unique(keys: list[str]) -> list[str]:
    """Keys made unique by a ' #n' suffix on the second and later repeats."""
    seen: dict[str, int] = {}
    out = []
    for key in keys:
        seen[key] = seen.get(key, 0) + 1
        out.append(key if seen[key] == 1 else f"{key} #{seen[key]}")
    return out


def _attribution_key(item: dict[str, Any]) -> str:
    words = " ".join(item["content"]["text"].split()[:5])
    return f"{item['speaker']['text'] or '?'} / {item['cue']['text']} / {words}"


def _event_key(item: dict[str, Any]) -> str:
    trigger = item.get("trigger") or (item["evidence"][0] if item["evidence"] else None)
    return f"{item['type']} {trigger['text'] if trigger else '?'}"


def _replace_refs(node: Any, entities: dict[str, str], attributions: dict[str, str]) -> Any:
    """Every id reference under the known reference keys replaced by its readable key."""
    if isinstance(node, list):
        return [_replace_refs(item, entities, attributions) for item in node]
    if not isinstance(node, dict):
        return node
    out = {}
    for key, value in node.items():
        if key in _ENTITY_REFS and isinstance(value, list):
            value = [entities.get(v, v) for v in value]
        elif key in _ENTITY_REFS and isinstance(value, str):
            value = entities.get(value, value)
        elif key == "attribution" and isinstance(value, str):
            value = attributions.get(value, value)
        out[key] = _replace_refs(value, entities, attributions)
    return out


def to_golden(result: Result) -> dict[str, Any]:
    """The contract JSON of one result, in-article ids replaced by readable keys."""
    if isinstance(result, Failure):
        return failure_to_dict(result)
    data = article_to_dict(result)
    entities = dict(zip([e["id"] for e in data["entities"]],
                        _unique([e["name"] for e in data["entities"]]), strict=True))
    attributions = dict(zip([a["id"] for a in data["attributions"]],
                            _unique([_attribution_key(a) for a in data["attributions"]]), strict=True))
    events = _unique([_event_key(v) for v in data["events"]])
    event_ids = dict(zip([v["id"] for v in data["events"]], events, strict=True))
    data = _replace_refs(data, entities, attributions)
    what = (data.get("lead") or {}).get("what")
    if what and what.get("event"):
        what["event"] = event_ids.get(what["event"], what["event"])
    for item in data["entities"]:
        item["id"] = entities[item["id"]]
    for item in data["attributions"]:
        item["id"] = attributions[item["id"]]
    for item, key in zip(data["events"], events, strict=True):
        item["id"] = key
    return data


def dump_golden(data: dict[str, Any]) -> str:
    return json.dumps(data, sort_keys=True, indent=1, ensure_ascii=False) + "\n"


def first_hunk(expected: str, actual: str, name: str) -> str:
    """The first differing part of two texts as a unified diff, at most MAX_DIFF_LINES lines."""
    diff = list(difflib.unified_diff(expected.splitlines(), actual.splitlines(),
                                     f"{name} (golden)", f"{name} (now)", lineterm=""))
    hunk_starts = [i for i, line in enumerate(diff) if line.startswith("@@")]
    end = hunk_starts[1] if len(hunk_starts) > 1 else len(diff)
    shown = diff[: min(end, MAX_DIFF_LINES)]
    more = len(hunk_starts) - 1
    return "\n".join(shown) + (f"\n... and {more} more differing part(s)" if more > 0 else "")


def test_golden_fixture_set_complete() -> None:
    assert MIN_FIXTURES <= len(SLUGS) <= MAX_FIXTURES, f"{len(SLUGS)} fixture pages"
    for slug in SLUGS:
        meta = _meta(slug)
        assert {"url", "published", "licence", "notes"} <= meta.keys(), slug
        assert meta["url"].startswith("https://"), slug
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", meta["published"]), slug
        assert LICENCES.match(meta["licence"]), slug
        assert meta["notes"].strip(), slug
    expected = {f"{slug}{suffix}" for slug in SLUGS for suffix in (".html", ".meta.json")}
    strays = {p.name for p in ARTICLES_DIR.iterdir()} - expected
    assert strays <= {"README.md", "KNOWN_ISSUES.md"}, f"files without a page or meta: {sorted(strays)}"


def test_golden_no_stale_files(update_golden: bool) -> None:
    stale = sorted(p for p in GOLDEN_DIR.glob("*.json") if p.stem not in SLUGS)
    if update_golden:
        for path in stale:
            path.unlink()
        return
    assert not stale, f"golden files without a fixture page (run --update-golden): {[p.name for p in stale]}"


@pytest.mark.parametrize("slug", SLUGS)
def test_golden_output_matches(slug: str, fixture_results: dict[str, Result], update_golden: bool) -> None:
    actual = dump_golden(to_golden(fixture_results[slug]))
    path = GOLDEN_DIR / f"{slug}.json"
    if update_golden:
        if not path.exists() or path.read_text("utf-8") != actual:
            path.write_text(actual, encoding="utf-8")
        return
    assert path.exists(), f"{path.name} missing: run pytest tests/test_golden.py --update-golden"
    expected = path.read_text("utf-8")
    if expected != actual:
        pytest.fail(f"{slug}: output differs from tests/golden/{path.name} (if intended, rerun with "
                    f"--update-golden and review the diff):\n{first_hunk(expected, actual, path.name)}",
                    pytrace=False)


@pytest.mark.parametrize("slug", SLUGS)
def test_golden_file_validates(slug: str, article_schema: dict[str, Any]) -> None:
    path = GOLDEN_DIR / f"{slug}.json"
    if not path.exists():
        pytest.fail(f"{path.name} missing: run pytest tests/test_golden.py --update-golden")
    jsonschema.validate(json.loads(path.read_text("utf-8")), article_schema)


def _spans(article: Article) -> Iterator[tuple[str, int, int, str]]:
    """(where, start, end, text) for every offset-carrying record of an article."""
    for entity in article.entities:
        for span in entity.mentions:
            yield f"entity {entity.name}", span.start, span.end, span.text
    for item in article.attributions:
        speaker = item.speaker
        if speaker.start is not None and speaker.end is not None:
            yield f"speaker of {item.id}", speaker.start, speaker.end, speaker.text
        if (antecedent := speaker.antecedent) is not None:
            yield f"antecedent of {item.id}", antecedent.start, antecedent.end, antecedent.text
        yield f"cue of {item.id}", item.cue.start, item.cue.end, item.cue.text
        yield f"content of {item.id}", item.content.start, item.content.end, item.content.text
    for event in article.events:
        for span in event.evidence:
            yield f"evidence of {event.id}", span.start, span.end, span.text
        if event.trigger is not None:
            yield f"trigger of {event.id}", event.trigger.start, event.trigger.end, event.trigger.text


@pytest.mark.parametrize("slug", SLUGS)
def test_golden_offsets_index_text(slug: str, fixture_articles: dict[str, Article]) -> None:
    article = fixture_articles[slug]
    wrong = [(where, start, end, text, article.text[start:end])
             for where, start, end, text in _spans(article) if article.text[start:end] != text]
    assert not wrong, f"{slug}: spans whose text is not text[start:end]: {wrong[:5]}"


@pytest.mark.parametrize("slug", SLUGS)
def test_golden_roles_stand_on_their_evidence(slug: str, fixture_articles: dict[str, Article]) -> None:
    # A role is a phrase ("led Niger's junta") whose offsets give its evidence ("Niger's junta, led by"):
    # the evidence lies in the text and holds the role's last word.
    article = fixture_articles[slug]
    wrong = [(entity.name, role.text, article.text[role.start:role.end])
             for entity in article.entities for role in entity.roles
             if not 0 <= role.start < role.end <= len(article.text)
             or role.text.split()[-1].lower() not in article.text[role.start:role.end].lower()]
    assert not wrong, f"{slug}: roles without their evidence: {wrong[:5]}"


@pytest.mark.parametrize("slug", SLUGS)
def test_golden_page_date_and_chrome(slug: str, fixture_articles: dict[str, Article]) -> None:
    article, meta = fixture_articles[slug], _meta(slug)
    assert article.published == meta["published"], f"{slug}: the date the page carries"
    leaked = [line for line in meta.get("chrome", []) if line in article.text]
    assert not leaked, f"{slug}: page furniture left in the text: {leaked}"
    assert all(r.text.strip() and r.reason.strip() for r in article.removed), slug


def test_golden_chrome_lines_listed_as_removed(fixture_articles: dict[str, Article]) -> None:
    """Pages whose chrome sits inside the article body list what cleaning took out, with reasons."""
    english = [slug for slug in SLUGS if _meta(slug).get("language", "en") == "en"]
    bare = [slug for slug in english if not fixture_articles[slug].removed]
    assert not bare, f"English pages with in-article chrome but nothing listed as removed: {bare}"


@pytest.mark.parametrize("slug", [s for s in SLUGS if _meta(s).get("language", "en") != "en"])
def test_golden_foreign_page_marked_and_skipped(slug: str, fixture_articles: dict[str, Article]) -> None:
    article = fixture_articles[slug]
    assert article.language == _meta(slug)["language"]
    assert article.skipped, "a language the pipeline does not analyze is skipped, with the reason"
    assert (article.entities, article.attributions, article.events) == ((), (), ())
    assert article.text.strip(), "the page is kept, only the analysis is skipped"


@pytest.mark.parametrize("slug", [s for s in SLUGS if "text_has" in _meta(s) or "text_lacks" in _meta(s)])
def test_golden_script_page_keeps_text_as_text(slug: str, fixture_articles: dict[str, Article]) -> None:
    text, meta = fixture_articles[slug].text, _meta(slug)
    assert [s for s in meta.get("text_has", []) if s not in text] == [], "written text lost"
    assert [s for s in meta.get("text_lacks", []) if s in text] == [], "script or link code leaked"


def test_golden_syndicated_copy_points_to_original(fixture_articles: dict[str, Article]) -> None:
    copies = {slug: _meta(slug)["copy_of"] for slug in SLUGS if "copy_of" in _meta(slug)}
    assert copies, "the set has a syndicated copy"
    got = {slug: a.duplicate_of for slug, a in fixture_articles.items() if a.duplicate_of is not None}
    want = {copy: fixture_articles[original].id for copy, original in copies.items()}
    assert got == want, "only syndicated copies are duplicates, each of its original"


def _strings(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for value in node.values():
            yield from _strings(value)
    elif isinstance(node, list):
        for item in node:
            yield from _strings(item)
    elif isinstance(node, str):
        yield node


@pytest.mark.parametrize("slug", SLUGS)
def test_golden_keeps_no_in_article_ids(slug: str, fixture_articles: dict[str, Article]) -> None:
    """Every entity, attribution and event id is replaced, wherever a new field refers to one."""
    article = fixture_articles[slug]
    ids = {item.id for item in (*article.entities, *article.attributions, *article.events)}
    left = sorted(ids & set(_strings(to_golden(article))))
    assert not left, f"{slug}: ids left in the golden JSON (add their field to _ENTITY_REFS): {left}"
