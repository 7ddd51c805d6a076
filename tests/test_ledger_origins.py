"""Origins: the rule that traces each report to one independent origin, and status counting origins."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import reportedly
from reportedly.merge.claims import origin_of
from reportedly.merge.status import StanceFact, compute_status, contradictions, side_counts
from reportedly.model import Article
from reportedly.store.database import connect
from reportedly.store.writer import store_batch


def spk(
    kind: str, entity: str | None = None, key: str = "", affiliation: str | None = None
) -> dict[str, Any]:
    return {
        "kind": kind,
        "entity": entity,
        "key": key or entity,
        "affiliation": affiliation,
        "own_voice": False,
    }


AFF = {"nazary": frozenset({"nrf"}), "kabulov": frozenset({"russia", "mfa"})}


def test_origin_spokesman_folds_into_organization_speaking_or_his_only_one() -> None:
    assert origin_of(spk("person", "nazary"), [], "a1", AFF, {"nrf", "nazary"}) == "nrf"
    assert origin_of(spk("person", "nazary"), [], "a1", AFF, {"nazary"}) == "nrf"  # his only organization
    assert origin_of(spk("person", "kabulov"), [], "a1", AFF, {"kabulov"}) == "kabulov"  # which of two?
    assert origin_of(spk("person", "kabulov"), [], "a1", AFF, {"kabulov", "mfa"}) == "mfa"
    assert origin_of(spk("organization", "nrf"), [], "a1", AFF, {"nrf"}) == "nrf"
    # "An RSF spokesman": unnamed, tied to the RSF, is the RSF whoever else speaks
    rsf = spk("person", key="person:an rsf spokesman", affiliation="rsf")
    assert origin_of(rsf, ["AP"], "a1", AFF, set()) == "rsf"
    assert origin_of(spk("person", key="person:john smith"), [], "a1", AFF, set()) == "person:john smith"


def test_origin_anonymous_by_tie_and_first_relay() -> None:
    src = spk("anonymous", key="anonymous:a source close to the nrf", affiliation="nrf")
    tolo = origin_of(src, ["Tolo News"], "a1", AFF, set())
    assert tolo == origin_of(src, ["Tolo News", "ANI"], "a2", AFF, set())  # ANI relays Tolo News
    assert tolo == origin_of(src, ["TOLO  News", "Pajhwok"], "a3", AFF, set())
    assert tolo != origin_of(src, ["Reuters"], "a4", AFF, set())  # another outlet's own source
    # no relay: the article that quotes the source is its first relay
    assert origin_of(src, [], "a1", AFF, set()) != origin_of(src, [], "a2", AFF, set())
    untied = spk("anonymous", key="anonymous:a diplomat")
    assert origin_of(untied, ["AFP"], "a1", AFF, set()) != origin_of(src, ["AFP"], "a1", AFF, set())


def test_origin_own_voice_is_the_article() -> None:
    own = {**spk("media", key="own_voice:a1"), "own_voice": True}
    assert origin_of(own, [], "a1", AFF, set()) == "own_voice:a1"


def _f(speaker: str, stance: str, origin: str, day: str, participant: bool = True) -> StanceFact:
    return StanceFact(speaker, "person", stance, participant, day, origin=origin)


def test_status_counts_origins_latest_stance_per_origin() -> None:
    # the spokesman denies on day 1, his organization confirms on day 2: one voice, latest wins
    facts = [
        _f("mujahid", "deny", "taliban", "2021-12-01"),
        _f("taliban", "confirm", "taliban", "2021-12-02"),
    ]
    assert compute_status(facts) == "confirmed"
    # counted per speaker the day-1 denial would still stand against the confirmation
    per_speaker = [StanceFact(f.speaker, f.kind, f.stance, f.participant, f.published) for f in facts]
    assert compute_status(per_speaker) == "disputed"


def test_contradictions_pair_origins_not_reports() -> None:
    facts = [
        _f("nrf", "confirm", "nrf", "2021-12-01"),
        _f("nazary", "confirm", "nrf", "2021-12-01"),
        _f("taliban", "deny", "taliban", "2021-12-01"),
        _f("mujahid", "deny", "taliban", "2021-12-01"),
    ]
    assert len(contradictions(facts)) == 1


def test_side_counts_origins_and_reports() -> None:
    reports = [
        ("assert", "nrf", 1),
        ("confirm", "nrf", 2),
        ("assert", "anon@tolo", 3),
        ("deny", "taliban", 1),
    ]
    assert side_counts(reports) == [("for", 2, 6), ("against", 1, 1)]


def test_origins_seed_moscow_meeting(tmp_path: Path, seed_article: Article) -> None:
    db = tmp_path / "l.db"
    store_batch(connect(db), [seed_article], [])
    with reportedly.open(db) as ledger:
        claims = ledger.claims(type="CONSULT")
    (moscow,) = [c for c in claims if c.location and c.location.name == "Moscow"]
    sides = {s.side: (s.origins, s.reports) for s in moscow.origins}
    # for: the anonymous NRF source through Tolo News and Tolo News' unattributed reports;
    # against: Russia's foreign ministry; neither: the Taliban and their spokesman Karimi, one origin
    assert sides == {"for": (2, 2), "against": (1, 1), "neither": (1, 2)}
    assert moscow.n_origins == 4 < len(moscow.sources)


def test_origin_named_speaker_without_entity_is_its_name() -> None:
    ministry = spk("organization", key="organization:egypts foreign ministry", affiliation="egypt")
    assert origin_of(ministry, ["AFP"], "a1", AFF, set()) == "organization:egypts foreign ministry"
    assert origin_of(ministry, ["Reuters"], "a2", AFF, set()) == "organization:egypts foreign ministry"


def test_ledger_possessive_organization_speaker_is_not_a_person(tmp_path: Path) -> None:
    from reportedly.config import Settings
    from reportedly.runner import analyze

    path = tmp_path / "egypt.txt"
    path.write_text(
        "Egypt's foreign ministry denied that Egyptian officials met Hamas leaders in Cairo on Monday.\n",
        encoding="utf-8",
    )
    (article,) = list(analyze([str(path)], Settings(published="2024-01-02")))
    db = tmp_path / "l.db"
    store_batch(connect(db), [article], [])
    with reportedly.open(db) as ledger:
        speakers = [s.speaker for c in ledger.claims() for s in c.sources if not s.own_voice]
    assert speakers, "the ministry's statement is a source"
    assert all(s.kind != "person" for s in speakers)
    assert all(s.name != "Egypt" for s in speakers)
