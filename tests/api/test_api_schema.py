"""The JSON API against its own OpenAPI schema, property-based (schemathesis over hypothesis).

Schemathesis draws requests from the schema (valid ones and, through its negative mode, invalid
ones: wrong types, out-of-range numbers, odd strings) and checks every response: never a 500, a
status code the schema documents, the documented content type, and a body that conforms to the
documented schema (the one error shape for every error status). Examples are bounded and
derandomized so the run stays well under a minute and is the same each time.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode

EXAMPLES = 25  # per operation (valid and invalid requests); 7 operations


@pytest.fixture(scope="module")
def api_schema(ledger_db: Path) -> Any:
    from reportedly.api.app import make_app

    web = make_app(ledger_db, allowed_hosts=["testserver"])  # the ASGI test client's Host
    return schemathesis.openapi.from_asgi("/api/openapi.json", web)


OPERATIONS = [
    "/api",
    "/api/claims",
    "/api/events/{event_id}",
    "/api/entities",
    "/api/entities/{entity_id}",
    "/api/articles/{article_id}",
    "/api/search",
]


@pytest.mark.parametrize("path", OPERATIONS)
def test_api_schema_every_response_conforms(api_schema: Any, path: str) -> None:
    # schemathesis' own pytest plugin (`from_fixture`) does not run under pytest 9; its strategies do
    operation = api_schema[path]["GET"]
    modes = [GenerationMode.POSITIVE, GenerationMode.NEGATIVE]

    @given(case=st.one_of(*(operation.as_strategy(generation_mode=m) for m in modes)))
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def check(case: Any) -> None:
        response = case.call()
        assert response.status_code < 500, (case.path, case.query, response.text[:300])
        case.validate_response(response)

    check()
