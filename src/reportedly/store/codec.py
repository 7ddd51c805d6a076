"""Records to and from the contract's JSON shape: what is stored reads back unchanged.

`article_from_dict` is the inverse of `model.article_to_dict`. The decoding follows the record
classes' type hints, so a field a colleague adds to `model.py` (with a default) round-trips without
a change here; a test checks the round trip on hand-built and on real analysis output.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from functools import cache
from typing import Any, Union

from reportedly.model import Article


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def from_dict(tp: Any, value: Any) -> Any:
    """Build a value of type `tp` (a record class, tuple, optional, dict or plain type) from JSON.

    Args:
        tp: the annotation to decode into.
        value: the decoded JSON value.

    Returns:
        the typed value; missing record fields take their defaults.

    Raises:
        TypeError: a required record field is missing.
    """
    if value is None:
        return None
    origin = typing.get_origin(tp)
    if origin in (Union, types.UnionType):
        inner = [a for a in typing.get_args(tp) if a is not type(None)]
        return from_dict(inner[0], value) if len(inner) == 1 else value
    if origin is tuple:
        return tuple(from_dict(typing.get_args(tp)[0], v) for v in value)
    if origin is list:
        return [from_dict(typing.get_args(tp)[0], v) for v in value]
    if origin is dict:
        return dict(value)
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        hints = _hints(tp)
        return tp(
            **{
                f.name: from_dict(hints[f.name], value[f.name])
                for f in dataclasses.fields(tp)
                if f.name in value
            }
        )
    return value


def article_from_dict(d: dict[str, Any]) -> Article:
    """An Article from the contract's article object (as `analyze --format jsonl` prints it).

    Args:
        d: the decoded JSON object.

    Returns:
        the Article; `model.article_to_dict` of it gives `d` back.
    """
    article: Article = from_dict(Article, d)
    return article
