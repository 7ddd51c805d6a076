"""Articles over HTTP: pages and feeds fetched with httpx, politely and within bounds.

Every request sends a User-Agent naming reportedly, has a timeout, is retried a few times on a
network error or a 5xx/429 answer (with a growing pause), stops reading past a size cap, and asks the
site's robots.txt first (RFC 9309: a missing robots.txt allows everything, an unreachable one
allows nothing). A URL that cannot be fetched becomes a Failure naming it, like an unreadable file.
"""

from __future__ import annotations

import time
import urllib.robotparser
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from reportedly.config import Settings
from reportedly.errors import InputError
from reportedly.ingest.reader import Payload, Reader
from reportedly.model import Failure, RawArticle, SourceRef

USER_AGENT = "reportedly/0.1 (news claim ledger; +https://pypi.org/project/reportedly/)"
# Seconds to wait for a connection or a read: a stalled site must not stall a watch.
TIMEOUT_S = 15.0
# Tries after the first one, on network errors and 5xx/429 answers.
RETRIES = 2
# Pause before the first retry, doubled before each next one.
BACKOFF_S = 1.0
# HTTP answers worth retrying: server errors and rate limiting.
RETRY_STATUS = frozenset({429, 500, 502, 503, 504})


def is_url(path: str) -> bool:
    """Whether a command-line input is an http(s) URL rather than a file."""
    return path.startswith(("http://", "https://"))


@dataclass(frozen=True, slots=True)
class FetchPolicy:
    """How politely and how far to fetch."""

    timeout: float = TIMEOUT_S
    retries: int = RETRIES
    backoff: float = BACKOFF_S
    max_bytes: int = 64 * 1024 * 1024
    user_agent: str = USER_AGENT

    @classmethod
    def from_settings(cls, settings: Settings) -> FetchPolicy:
        """The policy a run's settings ask for."""
        return cls(timeout=settings.fetch_timeout, retries=settings.fetch_retries,
                   max_bytes=settings.max_input_bytes)


@dataclass(frozen=True, slots=True)
class Fetched:
    """One HTTP answer: 200 with its content, or 304 (not modified since the validators given)."""

    url: str
    status: int
    content: bytes
    etag: str | None
    last_modified: str | None


class FetchError(InputError):
    """A URL could not be fetched (network error, HTTP error, too large, refused by robots.txt)."""


@dataclass
class Fetcher:
    """An HTTP client with a policy and a robots.txt cache per site. Close it when done."""

    policy: FetchPolicy = field(default_factory=FetchPolicy)
    client: Any = None
    _robots: dict[str, urllib.robotparser.RobotFileParser | None] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.client is None:
            import httpx

            headers = {"User-Agent": self.policy.user_agent}
            self.client = httpx.Client(timeout=self.policy.timeout, follow_redirects=True, headers=headers)

    def close(self) -> None:
        """Close the connections."""
        self.client.close()

    def get(self, url: str, etag: str | None = None, last_modified: str | None = None) -> Fetched:
        """Fetch a URL (conditionally, when validators are given), retrying transient errors.

        Raises:
            FetchError: robots.txt disallows it, the site cannot be reached, it answers an error,
                or the body is larger than the policy's cap.
        """
        if not self.allowed(url):
            raise FetchError(url, "robots.txt disallows fetching this URL; not fetched")
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        problem = ""
        for attempt in range(self.policy.retries + 1):
            if attempt:
                time.sleep(self.policy.backoff * 2 ** (attempt - 1))
            try:
                fetched = self._once(url, headers)
            except FetchError as err:
                raise err
            except Exception as err:  # noqa: BLE001 - httpx's network errors: retried, then reported
                problem = f"cannot fetch: {type(err).__name__}: {err}".rstrip(": ")
                continue
            if fetched.status in RETRY_STATUS:
                problem = f"HTTP {fetched.status}"
                continue
            if fetched.status not in (200, 304):
                raise FetchError(url, f"HTTP {fetched.status}")
            return fetched
        raise FetchError(url, f"{problem} (after {self.policy.retries + 1} tries)")

    def _once(self, url: str, headers: dict[str, str]) -> Fetched:
        with self.client.stream("GET", url, headers=headers) as reply:
            body = bytearray()
            if reply.status_code == 200:
                for chunk in reply.iter_bytes():
                    body += chunk
                    if len(body) > self.policy.max_bytes:
                        raise FetchError(url, f"larger than {self.policy.max_bytes:,} bytes; not read")
            return Fetched(str(reply.url), reply.status_code, bytes(body), reply.headers.get("ETag"),
                           reply.headers.get("Last-Modified"))

    def allowed(self, url: str) -> bool:
        """Whether the site's robots.txt lets this User-Agent fetch `url` (read once per site)."""
        parts = urlsplit(url)
        site = f"{parts.scheme}://{parts.netloc}"
        if site not in self._robots:
            self._robots[site] = self._read_robots(site)
        rules = self._robots[site]
        return rules is None or rules.can_fetch(self.policy.user_agent, url)

    def _read_robots(self, site: str) -> urllib.robotparser.RobotFileParser | None:
        rules = urllib.robotparser.RobotFileParser(site + "/robots.txt")
        try:
            reply = self.client.get(site + "/robots.txt")
        except Exception:  # noqa: BLE001 - unreachable robots.txt: RFC 9309 says assume disallowed
            rules.parse(["User-agent: *", "Disallow: /"])
            return rules
        if reply.status_code >= 500:
            rules.parse(["User-agent: *", "Disallow: /"])
        elif reply.status_code >= 400:
            return None  # no robots.txt: everything is allowed
        else:
            rules.parse(reply.text.splitlines())
        return rules


def read_url(url: str, fetcher: Fetcher, max_html_bytes: int,
             choose: Callable[[bytes, str], Reader]) -> Iterator[RawArticle | Failure]:
    """The articles at a URL: a page is one article, a feed one per item (as a feed file is read).

    `choose` picks the registered reader for the fetched bytes, as for a file (ingest.choose_reader).
    Any problem becomes a Failure naming the URL; the batch goes on.
    """
    fmt = "unknown"
    try:
        fetched = fetcher.get(url)
        reader = choose(fetched.content, urlsplit(fetched.url).path or "page.html")
        fmt = reader.format
        source = SourceRef(path=url, url=fetched.url, format=fmt)
        yield from reader(Payload(fetched.content, source, max_html_bytes))
    except InputError as err:
        yield Failure(SourceRef(path=url, url=url, format=fmt), err.problem)
