"""The JSON Schema describes every field the analysis emits, so users can rely on it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jsonschema
import pytest

from reportedly.config import Settings
from reportedly.model import article_to_dict
from reportedly.runner import analyze

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


@pytest.fixture(scope="module")
def sample_outputs(seed_article: Any) -> list[dict[str, Any]]:
    articles = list(analyze([str(path) for path in sorted(SAMPLES.glob("0[2-7]-*"))], Settings()))
    return [article_to_dict(article) for article in [seed_article, *articles]]


def _resolve(schema: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        node = schema["$defs"][node["$ref"].rsplit("/", 1)[1]]
    return node


def _undeclared(schema: dict[str, Any], node: dict[str, Any], value: Any, path: str) -> list[str]:
    """Paths of keys in `value` that the schema node does not name (through $ref, anyOf, items)."""
    node = _resolve(schema, node)
    options = [_resolve(schema, option) for option in node.get("anyOf", node.get("oneOf", []))]
    if options:
        fits = [o for o in options if isinstance(value, dict) == ("properties" in o)] or options
        return _undeclared(schema, fits[0], value, path)
    missing: list[str] = []
    if isinstance(value, dict):
        properties = node.get("properties", {})
        for key, item in value.items():
            if key not in properties:
                missing.append(f"{path}.{key}")
            else:
                missing += _undeclared(schema, properties[key], item, f"{path}.{key}")
    elif isinstance(value, list) and "items" in node:
        for item in value:
            missing += _undeclared(schema, node["items"], item, f"{path}[]")
    return sorted(set(missing))


def test_schema_sample_outputs_validate(
    sample_outputs: list[dict[str, Any]], article_schema: dict[str, Any]
) -> None:
    for output in sample_outputs:
        jsonschema.validate(output, article_schema)


def test_schema_declares_every_emitted_field(
    sample_outputs: list[dict[str, Any]], article_schema: dict[str, Any]
) -> None:
    undeclared: set[str] = set()
    for output in sample_outputs:
        undeclared |= set(_undeclared(article_schema, article_schema["$defs"]["article"], output, "article"))
    assert not undeclared, f"fields emitted but missing from article.schema.json: {sorted(undeclared)}"


def test_schema_undeclared_field_is_found(article_schema: dict[str, Any]) -> None:
    article = {"attributions": [{"speaker": {"text": "he", "nickname": "x"}}]}
    found = _undeclared(article_schema, article_schema["$defs"]["article"], article, "article")
    assert found == ["article.attributions[].speaker.nickname"]
