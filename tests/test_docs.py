"""Every command is documented, shows an example in its help, and every doc link resolves."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest
import typer.main

from reportedly.cli import app

ROOT = Path(__file__).resolve().parent.parent
DOC_FILES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


def _commands() -> list[tuple[str, click.Command]]:
    root = typer.main.get_command(app)
    ctx = click.Context(root)
    found: list[tuple[str, click.Command]] = []

    def walk(command: click.Command, path: list[str]) -> None:
        if hasattr(command, "list_commands"):
            for name in command.list_commands(ctx):
                sub = command.get_command(ctx, name)
                assert sub is not None
                walk(sub, [*path, name])
        else:
            found.append((" ".join(path), command))

    walk(root, [])
    return found


COMMANDS = _commands()


def test_docs_command_list_is_complete() -> None:
    names = {name for name, _ in COMMANDS}
    assert {"analyze", "ingest", "claims", "serve", "eval attribution", "gazetteer validate"} <= names


@pytest.mark.parametrize(("name", "command"), COMMANDS, ids=[name for name, _ in COMMANDS])
def test_docs_every_command_documented(name: str, command: click.Command) -> None:
    text = "\n".join(path.read_text(encoding="utf-8") for path in DOC_FILES)
    group, _, leaf = name.rpartition(" ")
    # "reportedly eval attribution" or a list form such as "reportedly eval extraction|dates|attribution".
    pattern = rf"reportedly {re.escape(group) + ' ' if group else ''}(?:[\w-]+\|)*{re.escape(leaf)}\b"
    assert re.search(pattern, text), f"`reportedly {name}` appears in neither README.md nor docs/"


@pytest.mark.parametrize(("name", "command"), COMMANDS, ids=[name for name, _ in COMMANDS])
def test_docs_every_command_has_an_example(name: str, command: click.Command) -> None:
    assert f"reportedly {name}" in (command.help or ""), f"`reportedly {name} --help` shows no example"


@pytest.mark.parametrize("doc", DOC_FILES, ids=[path.name for path in DOC_FILES])
def test_docs_relative_links_resolve(doc: Path) -> None:
    for target in re.findall(r"\]\(([^)#:]+)(?:#[^)]*)?\)", doc.read_text(encoding="utf-8")):
        assert (doc.parent / target).exists(), f"{doc.name} links to missing {target}"
