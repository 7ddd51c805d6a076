"""Readable help: metavars as command-line users expect them (`PATH`, `TEXT`, `INTEGER`, `PATH...`),
not the Python types typer 0.29 prints (`<list[str]>`, `<bool>`, `<path>`), and no value column for
flags.

Typer has no setting for this: `use_readable_metavars()` replaces the three display methods of its
parameter classes, once, for this process. typer is pinned (pyproject.toml); `tests/test_cli.py`
checks the help text, so an upgrade that changes these methods fails loudly.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, get_args, get_origin

from typer.core import TyperArgument, TyperOption

_DONE: list[bool] = []


def readable_type(param: Any) -> str:
    """The metavar of a parameter's type in click's words: PATH, TEXT, INTEGER, NUMBER, [a|b|c]."""
    desc = param.type_descriptor
    annotation = desc.annotation
    if get_origin(annotation) is list:
        (annotation,) = get_args(annotation)
    if desc.is_choice and desc.choices is not None:
        return "[" + "|".join(str(getattr(c, "value", c)) for c in desc.choices) + "]"
    if desc.is_path or annotation is Path:
        return "PATH"
    if desc.is_datetime:
        return "DATE"
    return {int: "INTEGER", float: "NUMBER", bool: "BOOLEAN"}.get(annotation, "TEXT")


def _option_type(self: TyperOption, ctx: Any) -> str | None:
    if self.is_flag or self.count:
        return None
    if self.metavar is not None:
        return self.metavar
    return readable_type(self) + ("..." if self.multiple or self.nargs != 1 else "")


def _argument_type(self: TyperArgument, ctx: Any) -> str | None:
    return None  # the argument's name column already shows its metavar


def _argument_display(self: TyperArgument) -> str:
    return self.metavar or (self.name or "").upper()  # click's default: the name, upper case


def _argument_name(self: TyperArgument) -> str:
    name = _argument_display(self)
    return name + ("..." if self.nargs != 1 and not name.endswith("...") else "")


def _argument_usage(self: TyperArgument) -> str:
    name = _argument_name(self)
    return name if self.required else f"[{name}]"


def use_readable_metavars() -> None:
    """Make every reportedly command's help show readable metavars (idempotent)."""
    if _DONE:
        return
    patches: dict[Any, dict[str, Any]] = {
        TyperOption: {"display_type_rich": _option_type},
        TyperArgument: {
            "display_type_rich": _argument_type,
            "_rich_display_name": _argument_name,
            "_usage_display_name": _argument_usage,
            "display_name_raw": property(_argument_display),
        },
    }
    for cls, methods in patches.items():
        for name, method in methods.items():
            setattr(cls, name, method)
    _DONE.append(True)
