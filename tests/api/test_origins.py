"""One source counted once: independent origins in the ledger `make run` builds (samples/).

The ledger fixture ingests samples/ as the Makefile's run target does. The Moscow meeting of
Baradar and Massoud is relayed by Tolo News, ANI and Pajhwok (and a syndicated copy), yet only
the anonymous NRF source (first quoted by Tolo News), the NRF on record (with its spokesman Nazary)
and Tolo News' unattributed reports stand behind it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import reportedly
from reportedly.cli import app
from reportedly.ledger.records import Claim


@pytest.fixture(scope="module")
def moscow(ledger_db: Path) -> Claim:
    with reportedly.open(ledger_db) as ledger:
        claims = ledger.claims(actor="Ahmad Massoud", type="CONSULT")
    (claim,) = [c for c in claims if c.location and c.location.name == "Moscow"]
    return claim


def _origins(claim: Claim, name_part: str) -> set[str]:
    """Origins of the named (on-record) speakers whose name holds `name_part`."""
    return {
        s.origin
        for s in claim.sources
        if name_part in s.speaker.name and s.speaker.kind in ("person", "organization")
    }


def test_origins_moscow_meeting_at_most_three_for(moscow: Claim) -> None:
    sides = {s.side: s for s in moscow.origins}
    assert 2 <= sides["for"].origins <= 3
    # every outlet's report counts as a report, not as an origin
    assert sides["for"].reports > sides["for"].origins
    support = {s.origin for s in moscow.sources if s.stance in ("assert", "confirm")}
    assert len(support) == sides["for"].origins


def test_origins_anonymous_nrf_source_once_whatever_relays_it(moscow: Claim) -> None:
    anonymous = [
        s for s in moscow.sources if s.speaker.kind == "anonymous" and "source close" in s.speaker.name
    ]
    assert len({s.article for s in anonymous}) >= 3  # Tolo News, ANI, Pajhwok
    assert len({s.origin for s in anonymous}) == 1
    # "the source" in Tolo News' story is the source named before it: no source of its own
    assert not [s for s in moscow.sources if s.speaker.name == "the source"]


def test_origins_spokesman_and_organization_share_one(moscow: Claim) -> None:
    assert _origins(moscow, "Nazary") == _origins(moscow, "National Resistance Front")
    assert len(_origins(moscow, "Nazary")) == 1
    assert _origins(moscow, "Mujahid") == _origins(moscow, "Taliban")
    assert _origins(moscow, "Taliban") != _origins(moscow, "National Resistance Front")


def test_origins_min_origins_filter_api(ledger_db: Path, moscow: Claim) -> None:
    with reportedly.open(ledger_db) as ledger:
        everything = ledger.claims()
        few = ledger.claims(min_origins=moscow.n_origins)
        none = ledger.claims(min_origins=moscow.n_origins + 1 + max(c.n_origins for c in everything))
    assert moscow.id in {c.id for c in few}
    assert all(c.n_origins >= moscow.n_origins for c in few)
    assert len(few) < len(everything)
    assert none == []


def test_origins_cli_json_and_min_origins(ledger_db: Path, moscow: Claim) -> None:
    runner = CliRunner(env={"COLUMNS": "200"})
    base = ["claims", "--db", str(ledger_db), "--format", "json"]
    out = json.loads(runner.invoke(app, [*base, "--min-origins", str(moscow.n_origins)]).output)
    event = next(c for c in out if c["id"] == moscow.id)
    assert all(s["origin"] for s in event["sources"])
    assert {o["side"] for o in event["origins"]} >= {"for", "against"}
    assert all(len({s["origin"] for s in c["sources"]}) >= moscow.n_origins for c in out)
    table = runner.invoke(app, ["claims", "--db", str(ledger_db), "--type", "CONSULT"]).output
    assert "origins," in table and "reports" in table
    bad = runner.invoke(app, [*base, "--min-origins", "0"])
    assert bad.exit_code != 0


def test_origins_web_event_page_and_json(client: Any, moscow: Claim) -> None:
    data = client.get(f"/api/events/{moscow.id}").json()
    claim = data.get("claim", data)
    assert all(s["origin"] for s in claim["sources"])
    assert claim["origins"][0]["side"] == "for"
    page = client.get(f"/events/{moscow.id}").text
    assert "Independent origins" in page and "origins," in page


def test_origins_claim_found_by_its_id_or_a_unique_prefix(ledger_db: Path, moscow: Claim) -> None:
    with reportedly.open(ledger_db) as ledger:
        assert ledger.claim(moscow.id) == moscow
        assert ledger.claim(moscow.id[:12]) == moscow  # "ev_" and 9 hex digits: unique here
        assert ledger.claim(moscow.id[:5]) is None  # shorter than MIN_PREFIX: no prefix search
        assert ledger.claim("ev_not-an-id") is None
