"""Find the feed behind a URL: the URL itself, a ``<link rel="alternate">`` on the page, or a
common feed path on the site (``/feed``, ``/rss.xml``, ...)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import unescape
from urllib.parse import urlsplit, urlunsplit

from brief.feeds import FeedError, ParsedFeed, http_url, parse_feed
from brief.fetch import FEED_ACCEPT, Fetcher, FetchError

FEED_TYPES = {
    "application/rss+xml": 0,
    "application/atom+xml": 0,
    "application/feed+json": 1,
    "application/json": 2,
    "application/rdf+xml": 1,
    "application/xml": 3,
    "text/xml": 3,
}
COMMON_PATHS = (
    "/feed", "/rss", "/feed.xml", "/rss.xml", "/atom.xml", "/index.xml", "/feed.json",
    "/feeds/posts/default", "/?feed=rss2",
)
MAX_CANDIDATES = 8

_LINK = re.compile(r"<link\b([^>]*)>", re.I | re.S)
_ATTR = re.compile(r"""([a-zA-Z_:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""")
_BASE = re.compile(r"<base\b[^>]*\bhref\s*=\s*[\"']?([^\"'\s>]+)", re.I)


class DiscoveryError(ValueError):
    """No feed could be found; the message is one line."""


@dataclass(frozen=True, slots=True)
class FeedLink:
    url: str
    title: str | None = None
    type: str | None = None


@dataclass(slots=True)
class Discovered:
    url: str  # the feed's URL (after any redirects)
    feed: ParsedFeed


def feed_links(html: str | bytes, base_url: str) -> list[FeedLink]:
    """Feed links a page advertises with ``<link rel="alternate" type="...">``, best first."""
    if isinstance(html, bytes):
        html = html.decode("utf-8", errors="replace")
    head = html[:500_000]
    m = _BASE.search(head)
    base = http_url(unescape(m.group(1)), base_url) if m else None
    base = base or base_url
    found: list[tuple[int, int, FeedLink]] = []
    seen: set[str] = set()
    for n, tag in enumerate(_LINK.finditer(head)):
        attrs = {}
        for a in _ATTR.finditer(tag.group(1)):
            attrs[a.group(1).lower()] = unescape(a.group(2) or a.group(3) or a.group(4) or "")
        rels = attrs.get("rel", "").lower().split()
        kind = attrs.get("type", "").lower().split(";")[0].strip()
        if "alternate" not in rels or kind not in FEED_TYPES:
            continue
        # a comments feed is a last resort
        rank = 10 if "comments" in attrs.get("title", "").lower() else FEED_TYPES[kind]
        url = http_url(attrs.get("href"), base)
        if url and url not in seen:
            seen.add(url)
            found.append((rank, n, FeedLink(url, attrs.get("title") or None, kind)))
    return [f for _, _, f in sorted(found, key=lambda t: (t[0], t[1]))]


def common_feed_urls(url: str) -> list[str]:
    parts = urlsplit(url)
    return [urlunsplit((parts.scheme, parts.netloc, "", "", "")) + p for p in COMMON_PATHS]


async def discover(url: str, fetcher: Fetcher) -> Discovered:
    """The feed at ``url`` or advertised by the page there. Raises DiscoveryError."""
    try:
        res = await fetcher.get(url, accept=FEED_ACCEPT + ", text/html;q=0.8")
    except FetchError as e:
        raise DiscoveryError(f"cannot fetch {url}: {e.message}") from None
    try:
        return Discovered(res.final_url, parse_feed(res.content, res.final_url))
    except FeedError as e:
        first_error = str(e)
    candidates = [f.url for f in feed_links(res.text(), res.final_url)]
    tried: set[str] = {url, res.final_url}
    for candidate in [*candidates, *common_feed_urls(res.final_url)]:
        if candidate in tried or len(tried) > MAX_CANDIDATES + 2:
            continue
        tried.add(candidate)
        try:
            feed_res = await fetcher.get(candidate)
            parsed = parse_feed(feed_res.content, feed_res.final_url)
        except (FetchError, FeedError):
            continue
        if parsed.entries or candidate in candidates:
            return Discovered(feed_res.final_url, parsed)
    if candidates:
        raise DiscoveryError(f"{url} advertises a feed, but none of its feed links worked")
    raise DiscoveryError(
        f"no feed found at {url}: it is not a feed ({first_error}) and names none "
        "with <link rel=\"alternate\">"
    )


def find_feed_url(url: str, transport: object | None = None) -> Discovered:
    """Synchronous :func:`discover` with its own Fetcher (for ``brief add``)."""
    import asyncio

    async def go() -> Discovered:
        async with Fetcher(transport) as f:  # type: ignore[arg-type]
            return await discover(url, f)

    return asyncio.run(go())
