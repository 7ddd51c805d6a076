"""Checks that a rendered page holds no markup or link from untrusted text."""

from __future__ import annotations

from html.parser import HTMLParser

# The only script a page may load: the app's own static file.
OWN_SCRIPT = "/static/app.js"
# Tags that untrusted text must never become.
FORBIDDEN_TAGS = {"img", "iframe", "object", "embed", "form", "base", "meta", "link"}
ALLOWED_FORMS = {"/search", "/claims", "/entities"}
OWN_LINKS = {("stylesheet", "/static/style.css"), ("icon", "/static/favicon.svg")}


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"event handler attribute {name}={value!r} on <{tag}>")
            if name in ("href", "src", "action") and value is not None:
                self.hrefs.append(value)
                if value.strip().lower().startswith(("javascript:", "data:", "vbscript:")):
                    self.problems.append(f"<{tag} {name}={value!r}>")
        if tag == "script" and values.get("src") != OWN_SCRIPT:
            self.problems.append(f"<script {values}>")
        if tag in FORBIDDEN_TAGS and not _expected(tag, values):
            self.problems.append(f"<{tag} {values}>")


def _expected(tag: str, values: dict[str, str | None]) -> bool:
    """The page's own head and forms, not something from an article."""
    if tag == "meta":
        return set(values) <= {"charset", "name", "content"}
    if tag == "link":
        return (values.get("rel"), values.get("href")) in OWN_LINKS
    if tag == "form":
        return values.get("action") in ALLOWED_FORMS
    return False


def problems(html: str) -> list[str]:
    """Everything in the page that untrusted text could have injected."""
    collector = _Collector()
    collector.feed(html)
    return collector.problems


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def visible_text(html: str) -> str:
    """The page's text as a browser shows it: tags dropped, character references decoded."""
    parser = _Text()
    parser.feed(html)
    return "".join(parser.parts)
