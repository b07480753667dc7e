"""Feed documents (RSS 0.9x/1.0/2.0, Atom, JSON Feed) into plain entries.

``parse_feed`` never raises anything but :class:`FeedError`, whose message is one clear line.

Parser choice (measured, see docs/benchmarks.md "## Fetcher"): feedparser-rs parses the real
feed files about 20x faster than feedparser with the same entry counts; feedparser stays as the
fallback when feedparser-rs rejects a document or garbles it (undeclared non-UTF-8 text, or
entries whose HTML bodies it dropped). JSON Feed is read with the standard json module.
"""

from __future__ import annotations

import calendar
import hashlib
import html
import io
import json
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

MAX_FEED_BYTES = 20 * 1024 * 1024
MAX_ENTRIES = 2000
MAX_TITLE_CHARS = 300
MAX_AUTHOR_CHARS = 200
MAX_BODY_CHARS = 2_000_000
FUTURE_SLACK = timedelta(days=2)  # a date further ahead than this is a typo: treated as unknown


class FeedError(Exception):
    """The document is not a usable feed; the message is one line for the user."""


@dataclass(slots=True)
class FeedEntry:
    external_id: str  # the GUID, else the link, else a hash of what the entry says
    url: str | None
    title: str
    summary: str = ""  # HTML or text, as the feed gives it
    content: str = ""  # the feed's full content (content:encoded, atom:content), if any
    author: str | None = None
    published: datetime | None = None
    has_title: bool = True  # False when the title was derived (no <title> in the feed)

    @property
    def guid(self) -> str:
        return self.external_id


@dataclass(slots=True)
class ParsedFeed:
    title: str | None
    site_url: str | None
    entries: list[FeedEntry] = field(default_factory=list)
    parser: str = ""  # which parser read it: "feedparser-rs", "feedparser" or "json"


# -- text helpers ------------------------------------------------------------------------------

_TAG = re.compile(r"<[^>]*>")
_WS = re.compile(r"\s+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_BLOCK = re.compile(
    r"<\s*(?:br|/p|/div|/h[1-6]|/li|/blockquote|/tr|/section|/article)\b[^>]*>", re.I
)
_DROP = re.compile(r"<(script|style|noscript|template)\b.*?</\1\s*>", re.I | re.S)


def plain(text: str | None, limit: int | None = None) -> str:
    """One line of plain text: tags dropped, entities decoded, control characters and runs
    of whitespace collapsed."""
    if not text:
        return ""
    if "<" in text:
        text = _TAG.sub(" ", _DROP.sub(" ", text))
    if "&" in text:
        text = html.unescape(text)
    text = _WS.sub(" ", _CONTROL.sub(" ", text)).strip()
    if limit is not None and len(text) > limit:
        cut = text[:limit].rsplit(" ", 1)[0]
        text = (cut or text[:limit]) + "…"
    return text


def html_to_text(markup: str | None) -> str:
    """Paragraph-preserving plain text from a fragment of feed HTML (cheap; no cleaning)."""
    if not markup:
        return ""
    text = _DROP.sub(" ", markup)
    text = _BLOCK.sub("\n\n", text)
    text = _TAG.sub(" ", text)
    text = html.unescape(text)
    text = _CONTROL.sub(" ", text)
    paras = (_WS.sub(" ", p).strip() for p in re.split(r"\n\s*\n", text))
    return "\n\n".join(p for p in paras if p)


def word_count(markup: str | None) -> int:
    return len(plain(markup).split())


def http_url(value: Any, base: str | None = None) -> str | None:
    """An absolute http(s) URL, or None (other schemes are never followed)."""
    if not isinstance(value, str):
        return None
    value = value.strip()
    if not value or any(c in value for c in "\r\n\t\x00 "):
        value = value.replace("\r", "").replace("\n", "").replace("\t", "").strip()
        if not value or " " in value or "\x00" in value:
            return None
    if base and not value.lower().startswith(("http://", "https://")):
        try:
            value = urljoin(base, value)
        except ValueError:
            return None
    try:
        parts = urlsplit(value)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return value


def _utc(dt: datetime | None) -> datetime | None:
    if dt is None:
        return None
    dt = dt.replace(tzinfo=UTC) if dt.tzinfo is None else dt.astimezone(UTC)
    if dt > datetime.now(UTC) + FUTURE_SLACK or dt.year < 1990:
        return None
    return dt


def _date_from_struct(value: Any) -> datetime | None:
    try:
        return _utc(datetime.fromtimestamp(calendar.timegm(tuple(value)[:9]), UTC))
    except (TypeError, ValueError, OverflowError, OSError):
        return None


_TZ_NAMES = {"EST": "-0500", "EDT": "-0400", "CST": "-0600", "CDT": "-0500", "MST": "-0700",
             "MDT": "-0600", "PST": "-0800", "PDT": "-0700", "UTC": "+0000", "GMT": "+0000",
             "Z": "+0000"}


def parse_date(value: Any) -> datetime | None:
    """A feed date string (RFC 822, ISO 8601 and common near-misses) in UTC, or None."""
    if not isinstance(value, str) or not value.strip():
        return None
    s = value.strip()[:80]
    try:
        return _utc(datetime.fromisoformat(s.replace("Z", "+00:00")))
    except ValueError:
        pass
    try:
        return _utc(parsedate_to_datetime(s))
    except (TypeError, ValueError, IndexError):
        pass
    # "Sun, 12 August 2012 10:00:00 EST": full month names, named zones
    m = re.match(
        r"(?:[A-Za-z]{3,9},?\s+)?(\d{1,2})\s+([A-Za-z]{3})[A-Za-z]*\.?\s+(\d{4})"
        r"(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*([A-Za-z]{1,4}|[+-]\d{4})?",
        s,
    )
    if m:
        day, mon, year, hh, mm, ss, tz = m.groups()
        tz = _TZ_NAMES.get((tz or "").upper(), tz if tz and tz[0] in "+-" else "+0000")
        try:
            return _utc(parsedate_to_datetime(
                f"{int(day)} {mon.title()} {year} {hh or '00'}:{mm or '00'}:{ss or '00'} {tz}"
            ))
        except (TypeError, ValueError, IndexError):
            return None
    return None


_DATEISH = re.compile(r"^\d{4}-\d{2}-\d{2}|^[A-Z][a-z]{2}, \d{1,2} [A-Z][a-z]{2} \d{4}")


def clean_author(value: Any) -> str | None:
    if isinstance(value, dict):
        value = value.get("name")
    text = plain(value if isinstance(value, str) else None, MAX_AUTHOR_CHARS)
    if not text or _DATEISH.match(text) or text.startswith(("http://", "https://")):
        return None
    # "editor@example.org (Jo Bloggs)" -> "Jo Bloggs"
    m = re.match(r"^\S+@\S+\s+\((.+)\)$", text)
    if m:
        text = m.group(1).strip()
    elif re.fullmatch(r"\S+@\S+", text):
        return None
    return text or None


def derive_title(body: str, url: str | None) -> str:
    """A title for an entry that has none: the start of its text, else its URL's last part."""
    text = plain(body)
    if text:
        first = re.split(r"(?<=[.!?])\s", text, maxsplit=1)[0]
        title = plain(first, 90)
        if title:  # empty when the decoded text looked like a tag ("&lt; x&gt;")
            return title
    if url:
        slug = urlsplit(url).path.rstrip("/").rsplit("/", 1)[-1]
        slug = re.sub(r"\.\w{2,5}$", "", slug)
        words = re.sub(r"[-_+]+", " ", slug).strip()
        if words and not words.isdigit():
            return plain(words[:1].upper() + words[1:], 90)
    return "Untitled entry"


def _fingerprint(*parts: str | None) -> str:
    h = hashlib.sha1("\x1f".join(p or "" for p in parts).encode("utf-8", "replace"))
    return "sha1:" + h.hexdigest()


# -- entry point -----------------------------------------------------------------------------


def parse_feed(data: bytes, url: str | None = None) -> ParsedFeed:
    """Parse a feed document. Raises FeedError (one clear line) on anything unusable."""
    try:
        return _parse_feed(data, url)
    except FeedError:
        raise
    except RecursionError:
        raise FeedError("not a usable feed: the document is nested too deeply") from None
    except MemoryError:
        raise FeedError("not a usable feed: the document is too large to parse") from None
    except Exception as e:  # a parser bug must not take the refresh down
        raise FeedError(f"not a usable feed: {type(e).__name__}: {str(e)[:120]}") from None


def _parse_feed(data: bytes, url: str | None) -> ParsedFeed:
    if not isinstance(data, bytes | bytearray | memoryview):
        raise FeedError("not a usable feed: expected bytes")
    data = bytes(data)
    if len(data) > MAX_FEED_BYTES:
        raise FeedError(f"feed is too large ({len(data) // 1024 // 1024} MB)")
    head = data[:2048].lstrip(b"\xef\xbb\xbf\xff\xfe\x00 \t\r\n")
    if not head.strip():
        raise FeedError("empty document: no feed here")
    if head[:1] in (b"{", b"["):
        return _parse_json_feed(data, url)
    if head.startswith(b"%PDF"):
        raise FeedError("not a feed: the server sent a PDF")
    if b"\x00" in data[:512] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise FeedError("not a feed: the server sent binary data")
    low = head[:1024].lower()
    if (b"<html" in low or b"<!doctype html" in low) and not any(
        t in data[:65536].lower() for t in (b"<rss", b"<feed", b"<rdf:rdf", b"<channel")
    ):
        raise FeedError("not a feed: the server sent an HTML page (try the site URL to discover its feed)")
    if b"<!entity" in data[:65536].lower():
        # Internal entity declarations are how "billion laughs" documents blow up memory:
        # drop the DOCTYPE's internal subset and read the rest without them.
        data = _DOCTYPE_SUBSET.sub(b"", data, count=1)
        if b"<!entity" in data[:65536].lower():
            raise FeedError("refused: the feed declares XML entities outside its DOCTYPE")

    parsed: ParsedFeed | None = None
    try:
        parsed = _from_feedparser_dict(_rs_parse(data), url, "feedparser-rs")
    except FeedError:
        parsed = None
    if parsed is not None and any(e.url is None for e in parsed.entries) \
            and _PRIVATE_LINK.search(data):
        _restore_private_links(parsed, data, url)
    if parsed is None or _garbled(parsed, data):
        if parsed is None and _too_deep(data):  # feedparser would crawl through it, slowly
            raise FeedError("not a usable feed: XML elements nested more than 256 deep")
        fallback = _from_feedparser_dict(_fp_parse(data), url, "feedparser", strict=parsed is None)
        if fallback is not None and (parsed is None or fallback.entries or not parsed.entries):
            parsed = fallback
    if parsed is None:
        raise FeedError("not a usable feed: no RSS, Atom or JSON Feed document found")
    return parsed


_DOCTYPE_SUBSET = re.compile(rb"<!DOCTYPE[^\[>]*\[.*?\]\s*>", re.I | re.S)


def _too_deep(data: bytes) -> bool:
    """Whether the XML nests past libxml2's default limit (256): a hostile document that
    feedparser would take seconds and hundreds of MB to walk."""
    from lxml import etree

    parser = etree.XMLParser(recover=True, resolve_entities=False, no_network=True,
                             load_dtd=False, huge_tree=False)
    try:
        etree.fromstring(data, parser)
    except (etree.XMLSyntaxError, ValueError):
        pass
    return any("Excessive depth" in str(e) for e in parser.error_log)


def _rs_parse(data: bytes) -> Any:
    try:
        import feedparser_rs
    except ImportError:
        raise FeedError("feedparser-rs unavailable") from None
    try:
        return feedparser_rs.parse(data)
    except Exception as e:
        raise FeedError(str(e)[:120]) from None


def _fp_parse(data: bytes) -> Any:
    import feedparser

    # A BytesIO, never bytes or str: feedparser opens a str/bytes argument as a URL or a file name.
    return feedparser.parse(io.BytesIO(data), sanitize_html=False, resolve_relative_uris=False)


# feedparser-rs blanks links to loopback and private-network hosts (a LAN or self-hosted feed
# is legitimate for a reader); such links are read back from the document itself.
_PRIVATE_LINK = re.compile(
    rb"://(?:127\.|10\.|192\.168\.|172\.(?:1[6-9]|2\d|3[01])\.|169\.254\.|0\.0\.0\.0|"
    rb"localhost|\[|[^/\s<\"']*\.local\b)",
    re.I,
)


def _restore_private_links(parsed: ParsedFeed, data: bytes, url: str | None) -> None:
    from lxml import etree

    try:
        parser = etree.XMLParser(recover=True, resolve_entities=False, no_network=True,
                                 load_dtd=False, huge_tree=False)
        root = etree.fromstring(data, parser)
    except (etree.XMLSyntaxError, ValueError):
        return
    if root is None:
        return
    base = parsed.site_url or url
    raw: list[tuple[str, str | None]] = []
    for el in root.iter("{*}item", "{*}entry"):  # filtered in C, any or no namespace
        guid, link = "", None
        for child in el:
            if not isinstance(child.tag, str):
                continue
            name = etree.QName(child).localname
            if name in ("guid", "id") and child.text:
                guid = child.text.strip()
            elif name == "link" and link is None:
                rel = child.get("rel", "alternate")
                href = child.get("href") or (child.text or "").strip()
                if rel == "alternate" and href:
                    link = http_url(href, base)
        raw.append((guid, link))
    by_guid = {g: lk for g, lk in raw if g and lk}
    same_order = len(raw) == len(parsed.entries)
    for n, entry in enumerate(parsed.entries):
        if entry.url is not None:
            continue
        link = by_guid.get(entry.external_id)
        if link is None and same_order:
            link = raw[n][1]
        if link is None:
            continue
        entry.url = link
        if entry.external_id.startswith("sha1:"):
            entry.external_id = link
    unique: dict[str, FeedEntry] = {}  # restored links can make two entries one
    for entry in parsed.entries:
        unique.setdefault(entry.external_id, entry)
    parsed.entries = list(unique.values())


_NONEMPTY_BODY = re.compile(
    rb"<(?:description|summary|content|content:encoded)\b[^>/]*>"
    rb"(?!\s*(?:<!\[CDATA\[\s*\]\]>)?\s*</)",
    re.I,
)


def _garbled(parsed: ParsedFeed, data: bytes) -> bool:
    """Signs that feedparser-rs misread a document feedparser reads better."""
    texts = [parsed.title or ""] + [e.title + e.summary[:500] for e in parsed.entries[:50]]
    if any("\ufffd" in t for t in texts) and b"\xef\xbf\xbd" not in data:
        return True  # an undeclared legacy encoding decoded as UTF-8
    if (
        parsed.entries
        and not any(e.summary or e.content for e in parsed.entries)
        and len(_NONEMPTY_BODY.findall(data, 0, 2_000_000)) >= 2
    ):
        return True  # bodies present in the document but dropped
    if not parsed.entries and (data.count(b"<item") or data.count(b"<entry")):
        return True
    return False


def _get(obj: Any, key: str, default: Any = None) -> Any:
    try:
        value = obj.get(key, default)
    except Exception:
        return default
    return default if value is None else value


def _from_feedparser_dict(
    d: Any, url: str | None, parser: str, strict: bool = True
) -> ParsedFeed | None:
    feed = _get(d, "feed", {})
    raw_entries = list(_get(d, "entries", []) or [])
    version = _get(d, "version", "")
    if not raw_entries and (not version or _get(d, "bozo")):
        if not strict:
            return None
        exc = _get(d, "bozo_exception")
        why = f" ({str(exc).splitlines()[0][:100]})" if exc else ""
        if parser == "feedparser":
            raise FeedError(f"not a usable feed: no RSS, Atom or JSON Feed document found{why}")
        return None
    site_url = http_url(_get(feed, "link"), url)
    base = site_url or url
    title = plain(_get(feed, "title"), MAX_TITLE_CHARS) or None
    entries: list[FeedEntry] = []
    seen: set[str] = set()
    for e in raw_entries[:MAX_ENTRIES]:
        entry = _entry(e, base)
        if entry is None or entry.external_id in seen:
            continue
        seen.add(entry.external_id)
        entries.append(entry)
    return ParsedFeed(title=title, site_url=site_url, entries=entries, parser=parser)


def _entry(e: Any, base: str | None) -> FeedEntry | None:
    link = http_url(_get(e, "link"), base)
    if link is None:
        for alt in _get(e, "links", []) or []:
            href = http_url(_get(alt, "href"), base)
            if href and _get(alt, "rel", "alternate") == "alternate":
                link = href
                break
    guid = _get(e, "id", "")
    guid = guid.strip()[:1000] if isinstance(guid, str) else ""
    if link is None and guid:
        link = http_url(guid)  # a permalink GUID
    contents = []
    for c in _get(e, "content", []) or []:
        value = _get(c, "value", "")
        if isinstance(value, str) and value.strip():
            contents.append(value)
    content = max(contents, key=len) if contents else ""
    summary = _get(e, "summary", "")
    summary = summary if isinstance(summary, str) else ""
    if summary and content and plain(summary) == plain(content):
        summary = content
    content, summary = content[:MAX_BODY_CHARS], summary[:MAX_BODY_CHARS]
    raw_title = _get(e, "title", "")
    title = plain(raw_title if isinstance(raw_title, str) else "", MAX_TITLE_CHARS)
    has_title = bool(title)
    if not title:
        title = derive_title(summary or content, link)
    if not (guid or link or summary or content or has_title):
        return None
    published = None
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        published = _date_from_struct(_get(e, key)) if _get(e, key) else None
        if published:
            break
    if published is None:
        for key in ("published", "updated", "created", "dc_date"):
            published = parse_date(_get(e, key))
            if published:
                break
    author = clean_author(_get(e, "author")) or None
    if author is None:
        for a in _get(e, "authors", []) or []:
            author = clean_author(_get(a, "name"))
            if author:
                break
    external_id = guid or link or _fingerprint(title, summary or content)
    return FeedEntry(
        external_id=external_id, url=link, title=title, summary=summary, content=content,
        author=author, published=published, has_title=has_title,
    )


# -- JSON Feed -----------------------------------------------------------------------------------


def _parse_json_feed(data: bytes, url: str | None) -> ParsedFeed:
    try:
        doc = json.loads(data.decode("utf-8-sig", errors="replace"))
    except (ValueError, RecursionError) as e:
        raise FeedError(f"not a usable feed: invalid JSON ({str(e)[:80]})") from None
    if not isinstance(doc, dict) or not isinstance(doc.get("items"), list):
        raise FeedError("not a usable feed: JSON without an \"items\" list is not a JSON Feed")
    site_url = http_url(doc.get("home_page_url"), url)
    base = http_url(doc.get("feed_url"), url) or site_url or url
    feed_title = plain(doc.get("title") if isinstance(doc.get("title"), str) else None,
                       MAX_TITLE_CHARS) or None
    feed_authors = doc.get("authors") or ([doc["author"]] if doc.get("author") else [])
    entries: list[FeedEntry] = []
    seen: set[str] = set()
    for item in doc["items"][:MAX_ENTRIES]:
        if not isinstance(item, dict):
            continue
        link = http_url(item.get("url"), base) or http_url(item.get("external_url"), base)
        content = item.get("content_html") or item.get("content_text") or ""
        content = content if isinstance(content, str) else ""
        if item.get("content_text") and not item.get("content_html"):
            content = html.escape(content)
        summary: str = item["summary"] if isinstance(item.get("summary"), str) else ""
        raw_title = item.get("title") if isinstance(item.get("title"), str) else ""
        title = plain(raw_title, MAX_TITLE_CHARS)
        has_title = bool(title)
        if not title:
            title = derive_title(summary or content, link)
        guid = item.get("id")
        guid = str(guid).strip()[:1000] if isinstance(guid, str | int) else ""
        published = parse_date(item.get("date_published")) or parse_date(item.get("date_modified"))
        authors = item.get("authors") or ([item["author"]] if item.get("author") else feed_authors)
        author = None
        for a in authors if isinstance(authors, list) else []:
            author = clean_author(a)
            if author:
                break
        if not (guid or link or summary or content or has_title):
            continue
        external_id = guid or link or _fingerprint(title, summary or content)
        if external_id in seen:
            continue
        seen.add(external_id)
        entries.append(FeedEntry(
            external_id=external_id, url=link, title=title, summary=summary[:MAX_BODY_CHARS],
            content=content[:MAX_BODY_CHARS], author=author, published=published,
            has_title=has_title,
        ))
    return ParsedFeed(title=feed_title, site_url=site_url, entries=entries, parser="json")
