"""The bundled demo corpus: invented feeds, article pages and a plain-text article.

``demo_transport()`` serves every feed and page URL in ``manifest.json`` from the files in
this package, so the whole pipeline (fetch, clean, store, dedupe, cluster, facts) runs offline.
The gold grouping, near-copy pair and planted disagreements are in ``manifest.json``
(``stories``, ``near_copies``, ``conflicts``) and described in ``README.md``.
"""

from __future__ import annotations

import hashlib
import json
from email.utils import parsedate_to_datetime
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit, urlunsplit

if TYPE_CHECKING:
    import httpx

__all__ = [
    "demo_articles",
    "demo_dir",
    "demo_feed_urls",
    "demo_files",
    "demo_transport",
    "load_manifest",
]

#: Every response carries this Last-Modified; the corpus is static.
LAST_MODIFIED = "Mon, 23 Nov 2026 18:00:00 GMT"

HTML_TYPE = "text/html; charset=utf-8"


def demo_dir() -> Path:
    """The directory holding ``manifest.json``, ``feeds/``, ``pages/`` and ``files/``."""
    return Path(__file__).resolve().parent


@cache
def _manifest_text() -> str:
    return (demo_dir() / "manifest.json").read_text(encoding="utf-8")


def load_manifest() -> dict[str, Any]:
    """The parsed manifest (a fresh copy each call, so callers may mutate it)."""
    manifest: dict[str, Any] = json.loads(_manifest_text())
    return manifest


def demo_feed_urls() -> list[str]:
    """The demo feeds' URLs, in manifest order."""
    return [feed["url"] for feed in load_manifest()["feeds"]]


def demo_files() -> list[Path]:
    """Absolute paths of the local plain-text articles.

    Manifest ``files`` entries are ``{"file", "source", "published"}`` objects (a bare path
    string is accepted too); ``source`` and ``published`` are what ``ingest`` should be given.
    """
    entries = load_manifest()["files"]
    return [demo_dir() / (e["file"] if isinstance(e, dict) else e) for e in entries]


def demo_articles() -> list[dict[str, Any]]:
    """Gold metadata for every article: ``ref``, ``url``, ``feed_link``, ``outlet``, ``title``,
    ``published`` (ISO 8601), ``story`` ... (see README.md)."""
    articles: list[dict[str, Any]] = load_manifest()["articles"]
    return articles


def _strip_query(url: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc.lower(), parts.path, "", ""))


def _routes() -> dict[str, tuple[str, str]]:
    """URL (without query or fragment) -> (file relative to demo_dir, Content-Type)."""
    manifest = load_manifest()
    routes: dict[str, tuple[str, str]] = {}
    for feed in manifest["feeds"]:
        routes[_strip_query(feed["url"])] = (feed["file"], feed["content_type"])
    for url, page in manifest["pages"].items():
        routes[_strip_query(url)] = (page, HTML_TYPE)
    for url, page in manifest.get("sites", {}).items():
        routes[_strip_query(url)] = (page, HTML_TYPE)
    return routes


def _etag(body: bytes) -> str:
    return '"' + hashlib.sha256(body).hexdigest()[:20] + '"'


def _not_modified(headers: Any, etag: str) -> bool:
    if_none_match = headers.get("if-none-match")
    if if_none_match is not None:
        tags = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
        return etag in tags or "*" in tags
    if_modified_since = headers.get("if-modified-since")
    if if_modified_since:
        try:
            since = parsedate_to_datetime(if_modified_since)
        except (TypeError, ValueError):
            return False
        return since >= parsedate_to_datetime(LAST_MODIFIED)
    return False


def demo_transport(log: list[tuple[str, str, int]] | None = None) -> httpx.MockTransport:
    """An ``httpx.MockTransport`` serving the demo feeds and pages (sync and async clients).

    Known URLs (feeds, article pages, outlet front pages) get 200 with the right Content-Type,
    an ``ETag`` and ``Last-Modified``; a matching ``If-None-Match`` (or ``If-Modified-Since``)
    gets 304; the manifest's ``redirects`` get 301 with a ``Location``; unknown URLs get 404.
    Query strings are ignored, so tracking parameters on feed links still resolve. When ``log``
    is a list, ``(method, url, status)`` is appended to it for every request answered.
    """
    import httpx

    routes = _routes()
    redirects = {_strip_query(k): v for k, v in load_manifest().get("redirects", {}).items()}
    root = demo_dir()
    bodies: dict[str, bytes] = {}

    def handler(request: httpx.Request) -> httpx.Response:
        response = respond(request)
        if log is not None:
            log.append((request.method, str(request.url), response.status_code))
        return response

    def respond(request: httpx.Request) -> httpx.Response:
        if request.method not in ("GET", "HEAD"):
            return httpx.Response(405, headers={"Allow": "GET, HEAD"}, request=request)
        key = _strip_query(str(request.url))
        if key in redirects:
            return httpx.Response(
                301, headers={"Location": redirects[key], "Content-Length": "0"}, request=request
            )
        route = routes.get(key)
        if route is None:
            return httpx.Response(
                404,
                headers={"Content-Type": "text/plain; charset=utf-8"},
                content=b"404 Not Found (not part of the brief demo corpus)\n",
                request=request,
            )
        relative, content_type = route
        body = bodies.get(relative)
        if body is None:
            body = bodies[relative] = (root / relative).read_bytes()
        etag = _etag(body)
        headers = {
            "ETag": etag,
            "Last-Modified": LAST_MODIFIED,
            "Cache-Control": "max-age=300",
        }
        if _not_modified(request.headers, etag):
            return httpx.Response(304, headers=headers, request=request)
        headers["Content-Type"] = content_type
        headers["Content-Length"] = str(len(body))
        if request.method == "HEAD":
            return httpx.Response(200, headers=headers, request=request)
        # A stream (not ``content=``) so that clients reading with ``aiter_raw()``/``iter_raw()``
        # get the bytes: a Response built from ``content`` counts as already consumed.
        return httpx.Response(200, headers=headers, stream=httpx.ByteStream(body), request=request)

    return httpx.MockTransport(handler)
