"""The ledger: status rules over time, merged sources, order-free results, the read API."""

from __future__ import annotations

import dataclasses
import itertools
import re
from typing import Any

import pytest

import reportedly
from reportedly.merge.status import OWN_VOICE, StanceFact, compute_status, contradictions, status_history
from reportedly.model import Article, to_dict
from reportedly.store.database import connect
from reportedly.store.writer import store_batch
from tests.store.builders import ArticleBuilder, moscow_meeting


def f(
    speaker: str, stance: str, kind: str = "person", participant: bool = False, day: str | None = "2021-12-01"
) -> StanceFact:
    return StanceFact(speaker=speaker, kind=kind, stance=stance, participant=participant, published=day)


@pytest.mark.parametrize(
    "facts,readings,expected",
    [
        ([f("src", "assert", "anonymous")], [], "reported"),
        ([f("ANI", "assert", OWN_VOICE)], [], "asserted"),
        ([f("src", "assert", "anonymous"), f("mfa", "deny", "organization", True)], [], "disputed"),
        ([f("nrf", "confirm", "person", True)], [], "confirmed"),
        ([f("nrf", "confirm", "person", True), f("taliban", "deny", "person", True)], [], "disputed"),
        ([f("nrf", "confirm", "person", True), f("pundit", "deny")], [], "confirmed"),
        ([f("src", "confirm", "anonymous", True)], [], "reported"),  # anonymous is not on the record
        ([f("mfa", "deny", "organization")], [], "denied"),
        ([f("karimi", "non_committal")], [], "unconfirmed"),
        ([], ["negated", "negated"], "negated"),
        ([f("kabulov", "assert", "person", True)], ["offered"], "offered"),
        (
            [f("x", "assert", "person", False, "2021-12-01"), f("x", "deny", "person", False, "2021-12-02")],
            [],
            "denied",
        ),
        (
            [f("x", "deny", "person", False, "2021-12-01"), f("x", "assert", "person", False, "2021-12-01")],
            [],
            "denied",
        ),
    ],
)
def test_ledger_status_rules(facts: list[StanceFact], readings: list[str], expected: str) -> None:
    assert compute_status(facts, readings) == expected


def test_ledger_status_over_time() -> None:
    facts = [
        f("src", "assert", "anonymous", day="2021-11-29"),
        f("mujahid", "deny", "person", True, "2021-12-01"),
        f("mujahid", "confirm", "person", True, "2021-12-05"),
    ]
    assert status_history(facts) == [
        ("2021-11-29", "reported"),
        ("2021-12-01", "disputed"),
        ("2021-12-05", "confirmed"),
    ]
    assert contradictions(facts) == []  # the denial was withdrawn


STORY = [
    ("a1", "2021-11-29", "a source close to NRF", "anonymous", "assert", "National Resistance Front", None),
    ("a2", "2021-12-01", "Zabihullah Mujahid", "person", "deny", "Taliban", None),
    ("a3", "2021-12-01", "Zabihullah Mujahid", "person", "deny", "Taliban", "a2"),  # a syndicated copy
    ("a4", "2021-12-03", "Ali Maisam Nazary", "person", "confirm", "National Resistance Front", None),
]


def _story() -> list[Article]:
    return [
        moscow_meeting(aid, day, who, kind, stance, member_of=org, duplicate_of=dup)
        for aid, day, who, kind, stance, org, dup in STORY
    ]


def _ledger_of(db: str, articles: list[Article], batch: int = 1) -> Any:
    """The ledger of these articles stored `batch` at a time into `db` (a `new_ledger` target)."""
    conn = connect(db)
    for i in range(0, len(articles), batch):
        store_batch(conn, articles[i : i + batch], [])
    conn.close()
    return reportedly.open(db)


def test_ledger_story_one_disputed_event(new_ledger: Any) -> None:
    with _ledger_of(new_ledger(), _story()) as ledger:
        (claim,) = ledger.claims()
    assert claim.status == "disputed"
    assert [(h.day, h.status) for h in claim.history] == [
        ("2021-11-29", "reported"),
        ("2021-12-01", "disputed"),
    ]
    assert [m.article for m in claim.mentions] == ["a1", "a2", "a3", "a4"]
    denial = [s for s in claim.sources if s.stance == "deny"]
    assert len(denial) == 1 and denial[0].article == "a2" and denial[0].copies == ("a3",)
    assert denial[0].via == ("Tolo News", "ANI") and denial[0].participant
    assert {c.denies.name for c in claim.contradictions} == {"Zabihullah Mujahid"}
    assert claim.mediator is not None and claim.mediator.name == "Russia"


@pytest.mark.parametrize("order", list(itertools.permutations(range(4)))[::5])
def test_ledger_order_free(new_ledger: Any, order: tuple[int, ...]) -> None:
    story = _story()
    with _ledger_of(new_ledger("a"), story) as ledger:
        expected = to_dict(ledger.claims())
    with _ledger_of(new_ledger("b"), [story[i] for i in order], batch=2) as ledger:
        assert to_dict(ledger.claims()) == expected


@pytest.mark.parametrize(
    "kwargs,n",
    [
        ({"actor": "Abdul Ghani Baradar"}, 1),
        ({"actor": "Mullah Baradar"}, 1),
        ({"actor": "Taliban"}, 0),  # a known entity that takes part in no event
        ({"type": "CONSULT"}, 1),
        ({"type": "ASSAULT"}, 0),
        ({"status": "disputed"}, 1),
        ({"status": "confirmed"}, 0),
        ({"since": "2021-12-03"}, 1),
        ({"since": "2021-12-04"}, 0),
    ],
)
def test_ledger_claims_filters(new_ledger: Any, kwargs: dict[str, str], n: int) -> None:
    with _ledger_of(new_ledger(), _story()) as ledger:
        assert len(ledger.claims(**kwargs)) == n
        assert len(ledger.events(**kwargs)) == n


@pytest.mark.parametrize(
    "kwargs,named",
    [
        ({"since": "2022/02/01"}, "YYYY-MM-DD"),
        ({"since": "2021-12"}, "YYYY-MM-DD"),
        ({"status": "bogus"}, "disputed"),
        ({"type": "MEETING"}, "CONSULT"),
        ({"actor": "Nobody"}, "no entity named 'Nobody'"),
        ({"actor": "Mullah Baradr"}, "Mullah Baradar"),
    ],
)
def test_ledger_claims_reject_unknown_filters(new_ledger: Any, kwargs: dict[str, str], named: str) -> None:
    from reportedly.errors import InvalidArgument

    with _ledger_of(new_ledger(), _story()) as ledger:
        for method in (ledger.claims, ledger.events):
            with pytest.raises(InvalidArgument, match=re.escape(named)) as err:
                method(**kwargs)
            assert isinstance(err.value, ValueError) and err.value.param == next(iter(kwargs))


def test_ledger_timeline_and_search(new_ledger: Any) -> None:
    with _ledger_of(new_ledger(), _story()) as ledger:
        (event,) = ledger.events()
        timeline = ledger.timeline(event.id[:8])
        assert [(t.day, t.stance, t.status_after) for t in timeline] == [
            ("2021-11-29", "assert", "reported"),
            ("2021-12-01", "deny", "disputed"),
            ("2021-12-03", "confirm", "disputed"),
        ]
        assert ledger.timeline("ev_nothing") == []
        hits = ledger.search("Baradar Moscow")
        assert {h.article for h in hits} == {"a1", "a2", "a3", "a4"}
        assert ledger.search('"') == []


def _named(name: str, alias: str) -> bool:
    """What the name filter means: a substring, or under three letters a whole alias ("UN")."""
    return name.lower() in alias.lower() if len(name) >= 3 else name.lower() == alias.lower()


@pytest.mark.parametrize(
    "name", ["assou", "nrf", "NRF", "MULLAH", "Ru", "a", "zzz", "%", "_", 'x"y', "Tal ban"]
)
def test_ledger_entities_by_name_and_page(new_ledger: Any, name: str) -> None:
    with _ledger_of(new_ledger(), _story()) as ledger:
        everyone = ledger.entities()
        expected = [e for e in everyone if any(_named(name, a) for a in e.aliases)]
        assert ledger.entities(name=name) == expected  # the trigram index agrees with a plain scan
        assert ledger.count_entities(name=name) == len(expected)
        assert ledger.entities(limit=2, offset=1) == everyone[1:3]
    order = [(-e.articles, e.name) for e in everyone]
    assert order == sorted(order) and everyone[0].articles == len(STORY)


@pytest.mark.parametrize("window", [2, 10])
def test_ledger_search_pages_within_the_ranked_window(
    new_ledger: Any, window: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reportedly.ledger import search

    monkeypatch.setattr(search, "RANK_WINDOW", window)
    with _ledger_of(new_ledger(), _story()) as ledger:
        hits = ledger.search("moscow BARADAR", limit=10)
        assert ledger.count_matches("moscow BARADAR") == len(STORY)
        assert {h.article for h in hits} == {a for a, *_ in STORY[-min(window, len(STORY)) :]}
        assert (
            ledger.search("moscow BARADAR", limit=1) + ledger.search("moscow BARADAR", limit=9, offset=1)
            == hits
        )
        assert all("[Moscow]" in h.snippet and "[Baradar]" in h.snippet for h in hits)
        assert [h.rank for h in hits] == sorted(h.rank for h in hits)


@pytest.mark.parametrize("window", [2, 10])
def test_ledger_search_ranked_counts_the_window_and_count_matches_stops_at_its_cap(
    new_ledger: Any, window: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`search_ranked` says how many matches it ranked (all of them, or the full window); `count_matches`
    with a cap counts no further than the cap plus one ("more than `cap`")."""
    from reportedly.ledger import search

    monkeypatch.setattr(search, "RANK_WINDOW", window)
    query, matches = "moscow BARADAR", len(STORY)
    with _ledger_of(new_ledger(), _story()) as ledger:
        assert ledger.search_ranked(query, limit=10) == (ledger.search(query, limit=10), min(window, matches))
        assert ledger.search_ranked("nowhere-to-be-found", limit=10) == ([], 0)
        assert [ledger.count_matches(query, cap=c) for c in (1, matches - 1, matches, matches + 5)] == [
            2, matches, matches, matches,
        ]
        assert ledger.count_matches(query, cap=0) == 1


def test_ledger_search_ranks_as_bm25_on_both_engines(new_ledger: Any) -> None:
    """A multi-word search ranks as bm25 does on either engine: the words more often, first; at the same
    counts, the shorter text first. (PostgreSQL ranked by how near each pair of words stands.)"""
    filler = "Officials met in the capital on Tuesday to discuss aid for the region and its people. "
    texts = {
        "once": "Kabul talks with the minister. " + filler * 3,
        "often": "Kabul talks with the minister. Kabul talks, the minister said. Kabul talks again. "
        + filler * 3,
        "once-long": "Kabul talks with the minister. " + filler * 12,
        "apart": "Kabul " + filler * 2 + "talks " + filler + "minister.",
    }
    articles = []
    for aid, text in texts.items():
        builder = ArticleBuilder(aid, published="2021-12-01")
        builder.span(text)
        articles.append(builder.build())
    with _ledger_of(new_ledger(), articles) as ledger:
        order = [h.article for h in ledger.search("kabul talks minister", limit=10)]
    assert order.index("often") < order.index("once") < order.index("once-long")
    assert set(order) == set(texts)


def test_ledger_records_frozen(new_ledger: Any) -> None:
    with _ledger_of(new_ledger(), _story()) as ledger:
        claim = ledger.claims()[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        claim.status = "confirmed"  # type: ignore[misc]


def test_ledger_separate_events_stay_apart(new_ledger: Any) -> None:
    b = ArticleBuilder("t1", published="2021-12-02")
    b.entity("Amir Khan Muttaqi", kb_id="rp:muttaqi")
    b.entity("Ahmad Massoud", kb_id="rp:ahmad-massoud")
    b.event("CONSULT", actors=("Amir Khan Muttaqi", "Ahmad Massoud"), place="Tehran")
    with _ledger_of(new_ledger(), [*_story(), b.build()]) as ledger:
        assert sorted(len(c.mentions) for c in ledger.claims()) == [1, 4]


CONTRACT_FIELDS = {
    "id",
    "type",
    "mode",
    "cameo",
    "actors",
    "recipients",
    "host",
    "mediator",
    "location",
    "date",
    "status",
    "mentions",
    "sources",
}


def test_ledger_real_seed_disputed_meeting(new_ledger: Any, seed_article: Article) -> None:
    with _ledger_of(new_ledger(), [seed_article]) as ledger:
        claims = ledger.claims(type="CONSULT")
    moscow = [c for c in claims if c.location and c.location.name == "Moscow"]
    assert len(moscow) == 1
    claim = moscow[0]
    assert claim.status == "disputed"
    assert {s.stance for s in claim.sources} >= {"assert", "deny"}
    assert all(s.via and s.via[-1] == "ANI" for s in claim.sources if not s.own_voice)
    data = to_dict(claim)
    assert set(data) >= CONTRACT_FIELDS
    assert set(data["sources"][0]) >= {"speaker", "via", "stance", "article", "published"}
    assert set(data["sources"][0]["speaker"]) >= {"name", "kind"}


def _taliban_article(aid: str, day: str, cameo: str) -> Article:
    b = ArticleBuilder(aid, published=day)
    b.entity("Taliban", type="ORG", kb_id="rp:taliban", kind="armed_group")
    built = b.build()
    # how each article read the code (a made-up contrast: the government code by a role)
    source = "role" if cameo.endswith("GOV") else "gazetteer"
    coded = tuple(dataclasses.replace(e, cameo=cameo, sector=cameo[3:], cameo_source=source)
                  for e in built.entities)
    return dataclasses.replace(built, entities=coded)


@pytest.mark.parametrize("order", [(0, 1, 2), (2, 1, 0), (1, 2, 0)])
def test_ledger_entity_keeps_the_code_of_its_latest_article(new_ledger: Any, order: tuple[int, ...]) -> None:
    """Phoenix dates codes: the Taliban are AFGREB before 2021-08-15, AFGGOV from it. The ledger entity
    carries its latest article's code in any arrival order, not the alphabetically least (AFGGOV)."""
    story = [_taliban_article("t1", "2020-03-01", "AFGREB"), _taliban_article("t2", "2022-05-01", "AFGGOV"),
             _taliban_article("t3", "2023-01-01", "AFGREB")]
    name = "o" + "".join(map(str, order))
    with _ledger_of(new_ledger(name), [story[i] for i in order]) as ledger:
        (taliban,) = [e for e in ledger.entities() if e.name == "Taliban"]
    assert (taliban.cameo, taliban.sector) == ("AFGREB", "REB")
    assert (taliban.cameo_source, taliban.cameo_inferred) == ("gazetteer", False)  # the same article's
    with _ledger_of(new_ledger(name + "two"), [story[i] for i in order if i < 2]) as ledger:
        (taliban,) = [e for e in ledger.entities() if e.name == "Taliban"]
    assert (taliban.cameo, taliban.sector) == ("AFGGOV", "GOV")
    assert (taliban.cameo_source, taliban.cameo_inferred) == ("role", False)


@pytest.mark.parametrize("order", [(0, 1), (1, 0)])
def test_ledger_entity_code_read_outranks_a_later_inferred_one(new_ledger: Any, order: tuple[int, ...]
                                                               ) -> None:
    """A code inferred from a later article's frame (a bare country) does not replace one read about the
    entity, in either arrival order; between two read codes the latest still wins (above)."""
    read = _taliban_article("r1", "2020-03-01", "AFGREB")
    later = _taliban_article("r2", "2023-01-01", "AFGREB")
    inferred = dataclasses.replace(later, entities=tuple(
        dataclasses.replace(e, cameo="AFG", sector=None, cameo_source="country", cameo_inferred=True)
        for e in later.entities))
    story = [read, inferred]
    with _ledger_of(new_ledger("inf" + "".join(map(str, order))), [story[i] for i in order]) as ledger:
        (taliban,) = [e for e in ledger.entities() if e.name == "Taliban"]
    assert (taliban.cameo, taliban.cameo_source, taliban.cameo_inferred) == ("AFGREB", "gazetteer", False)


def test_search_planner_settings_end_with_it_on_postgresql(
    postgres: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A PostgreSQL search turns index and sequential scans off for its own statements only (`SET
    LOCAL`, in a transaction or savepoint of its own): after it, or after a statement of it fails,
    the connection plans as before, and a failure inside a write transaction surfaces as itself
    (a session `RESET` after it would fail instead, on the aborted transaction)."""
    from reportedly.ledger import search

    db = connect(str(postgres.database(f"settings{id(monkeypatch)}")))
    db.migrate()
    db.execute("SET enable_indexscan = on")
    seen = []

    def failing(conn: Any, *args: Any, **kwargs: Any) -> list[Any]:
        seen.append(conn.execute("SELECT current_setting('enable_indexscan')").fetchone()[0])
        conn.execute("SELECT 1 / 0")
        return []

    assert search.search(db, "moscow", limit=10) == []
    monkeypatch.setattr(search, "_ranked_postgresql", failing)
    with pytest.raises(Exception, match="division by zero"):
        search.search(db, "moscow", limit=10)
    with pytest.raises(Exception, match="division by zero"), db.transaction():
        search.search(db, "moscow", limit=10)
    assert seen == ["off", "off"]
    assert db.execute(
        "SELECT current_setting('enable_indexscan'), current_setting('enable_seqscan')"
    ).fetchone() == (
        "on",
        "on",
    )
    db.close()


def test_ledger_claim_decoding_fills_every_field_by_name() -> None:
    """A stored claim object with a distinct value in every field decodes into the field of that
    name (the decoder builds records positionally, for speed), and a listing's shared small records
    (`_Shared`) change no claim: equal to decoding each claim on its own."""
    from reportedly.ledger.api import _claim, _Shared
    from reportedly.ledger.records import EntityRef

    def source(n: int, stance: str) -> dict[str, Any]:
        return {
            "speaker": {"name": f"speaker{n}", "kind": "person", "entity": f"en_s{n}"},
            "via": [f"via{n}"], "stance": stance, "article": f"art{n}", "published": f"2022-0{n}-01",
            "copies": [f"copy{n}"], "participant": True, "content": f"said{n}", "own_voice": False,
            "origin": f"origin{n}",
        }  # fmt: skip

    stored = {
        "id": "ev_1", "type": "CONSULT", "mode": "mode1", "cameo": "040", "actors": ["en_a"],
        "recipients": ["en_r"], "host": "en_h", "mediator": "en_m",
        "location": {"text": "Moscow", "name": "Moskva", "country": "RUS", "geonameid": 524901,
                     "source": "dateline"},
        "date": {"text": "Tuesday", "value": "2022-01-04", "source": "text"}, "status": "disputed",
        "mentions": [{"article": "art1", "event": "v1"}], "sources": [source(1, "assert"), source(2, "deny")],
        "history": [{"day": "2022-01-04", "status": "reported"}],
        "contradictions": [{"supports": source(1, "")["speaker"], "denies": source(2, "")["speaker"]}],
        "first_published": "2022-01-01", "last_published": "2022-02-01",
    }  # fmt: skip
    refs = {"en_a": EntityRef("en_a", "Actor", "RUS"), "en_h": EntityRef("en_h", "Host")}
    claim = _claim(stored, refs)
    assert (claim.id, claim.type, claim.mode, claim.cameo, claim.status) == (
        "ev_1", "CONSULT", "mode1", "040", "disputed"
    )  # fmt: skip
    assert (claim.first_published, claim.last_published) == ("2022-01-01", "2022-02-01")
    assert claim.actors == (refs["en_a"],) and claim.host == refs["en_h"]
    assert (claim.recipients[0].name, claim.mediator and claim.mediator.name) == ("en_r", "en_m")
    assert to_dict(claim.location) == stored["location"] and to_dict(claim.date) == stored["date"]
    assert [to_dict(m) for m in claim.mentions] == stored["mentions"]
    assert [to_dict(h) for h in claim.history] == stored["history"]
    for got, want in zip(claim.sources, stored["sources"], strict=True):
        assert to_dict(got) == {**want, "speaker": want["speaker"]}
    assert to_dict(claim.contradictions[0]) == stored["contradictions"][0]
    assert claim.summary == "CONSULT: Actor in Moskva"
    assert [(o.side, o.origins, o.reports) for o in claim.origins] == [("for", 1, 2), ("against", 1, 2)]
    shared = _Shared()
    other = {**stored, "id": "ev_2", "sources": [source(2, "assert")], "contradictions": []}
    both = [_claim(stored, refs, shared), _claim(other, refs, shared)]
    assert both == [claim, _claim(other, refs)]
    assert both[1].sources[0].speaker is both[0].sources[1].speaker  # made once, shared


def test_ledger_search_snippets_find_the_match_anywhere(new_ledger: Any) -> None:
    """Every hit's snippet marks the words searched for, wherever they stand in a long text,
    including a word first seen inside a longer one ("police" in "policeman"); a match only in the
    title still has a snippet."""
    filler = "Officials met in the capital on Tuesday to discuss aid for the region and its people. "
    texts = {
        "deep": filler * 30 + "The border police arrested two men near Herat. " + filler * 30,
        "inside": "A policeman spoke. " + filler * 20 + "Then the police arrived at the border. " + filler,
        "start": "Police arrested two men at the border. " + filler * 40,
    }
    articles = []
    for aid, text in texts.items():
        builder = ArticleBuilder(aid, published="2021-12-01")
        builder.span(text)
        articles.append(builder.build())
    titled = ArticleBuilder("title-only", published="2021-12-01", title="Border police on alert")
    titled.span(filler * 3)
    articles.append(titled.build())
    with _ledger_of(new_ledger(), articles) as ledger:
        hits = {h.article: h.snippet for h in ledger.search("border police", limit=10)}
    assert set(hits) == {*texts, "title-only"}
    for aid in texts:
        assert re.search(r"\[border\] \[police\]|\[police\]", hits[aid], re.I), (aid, hits[aid])
        assert "[police]" in hits[aid].lower() and len(hits[aid]) < 400, hits[aid]
    assert hits["title-only"], hits
