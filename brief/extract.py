"""HTML pages to clean articles: trafilatura for the main text and metadata, then ``clean_text``.

Settings were chosen by measurement (tests/bench/bench_extraction.py, docs/benchmarks.md):
trafilatura's fast mode without comments keeps the most article text for the least CPU, and
the text-level cleaner removes what it lets through (headline repeats, teasers, promotions).
Where its output is empty or tiny, a second pass with ``favor_recall`` and trafilatura's
baseline extractor are tried and the longest result kept.

trafilatura and htmldate are imported inside the functions: the TUI must not pay for them
at startup.
"""

from __future__ import annotations

import codecs
import logging
import re
from datetime import datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

from brief.clean import byline_name, clean_text, guess_language
from brief.models import CleanArticle
from brief.normalize import normalize_text

_log = logging.getLogger(__name__)
_TINY = 250  # characters: below this the first pass is treated as a miss
_META_CHARSET_RE = re.compile(
    rb"""<meta[^>]+?charset\s*=\s*["']?\s*([a-zA-Z0-9_:.+-]{2,40})""", re.IGNORECASE
)
_XML_ENCODING_RE = re.compile(rb"""<\?xml[^>]+encoding\s*=\s*["']([a-zA-Z0-9_.:+-]{2,40})""")
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# WHATWG: labels that browsers decode as another encoding.
_ENCODING_ALIASES = {"iso-8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252",
                     "us-ascii": "cp1252", "ascii": "cp1252", "iso8859-1": "cp1252",
                     "gb2312": "gb18030", "gbk": "gb18030", "x-sjis": "shift_jis"}


def decode_html(data: bytes | str) -> str:
    """Bytes to text: byte-order mark, then the declared charset, then UTF-8, then cp1252."""
    if isinstance(data, str):
        return data
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(encoding, errors="replace")
    head = data[:4096]
    declared = _META_CHARSET_RE.search(head) or _XML_ENCODING_RE.search(head)
    candidates: list[str] = []
    if declared:
        label = declared.group(1).decode("ascii", "ignore").lower()
        candidates.append(_ENCODING_ALIASES.get(label, label))
    candidates += ["utf-8", "cp1252"]
    for encoding in candidates:
        try:
            codecs.lookup(encoding)
            text = data.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            continue
        # A page declared as cp1252 that is really UTF-8 (a common misconfiguration).
        if encoding == "cp1252" and declared and _looks_like_mojibake(text):
            try:
                return data.decode("utf-8")
            except UnicodeDecodeError:
                pass
        return text
    return data.decode("utf-8", errors="replace")


def _looks_like_mojibake(text: str) -> bool:
    return len(re.findall("[\u00c2\u00c3][\u0080-\u00bf]", text)) > 3


def _language(tree: Any) -> str | None:
    lang = tree.get("lang") or tree.get("xml:lang")
    if not lang:
        for meta in tree.iterfind(".//head/meta[@content]"):
            key = (meta.get("http-equiv") or meta.get("property") or meta.get("name") or "").lower()
            if key in ("content-language", "og:locale", "language", "dc.language"):
                lang = meta.get("content")
                break
    if not lang:
        return None
    code = lang.strip().replace("_", "-").split("-")[0].split(",")[0].lower()
    return code if code.isalpha() and 2 <= len(code) <= 3 else None


def _parse_date(value: str | None) -> datetime | None:
    if not value:
        return None
    for fmt in ("%Y-%m-%dT%H:%M:%S%z", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d"):
        try:
            return datetime.strptime(value, fmt)
        except ValueError:
            continue
    return None


def _canonical(tree: Any, url: str | None) -> str | None:
    for link in tree.iterfind(".//head/link[@rel][@href]"):
        if link.get("rel", "").lower() == "canonical":
            href = link.get("href", "").strip()
            if href.startswith("//"):
                href = "https:" + href
            elif url and not href.startswith(("http://", "https://")):
                href = urljoin(url, href)
            if href.startswith(("http://", "https://")):
                return href
    return None


_DATE_META = (
    "article:published_time",
    "og:article:published_time",
    "article:published",
    "datepublished",
    "publishdate",
    "pubdate",
    "dc.date.issued",
    "dcterms.created",
    "parsely-pub-date",
    "sailthru.date",
)


def _meta_date(tree: Any) -> datetime | None:
    """The publication time a page states in its meta tags, in ISO 8601 (the common case)."""
    found: dict[str, str] = {}
    for meta in tree.iterfind(".//head/meta[@content]"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        if key in _DATE_META and key not in found:
            found[key] = meta.get("content", "").strip()
    for key in _DATE_META:
        value = found.get(key)
        if not value or not value[:4].isdigit():
            continue
        try:
            stamp = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            continue
        if 1990 <= stamp.year <= datetime.now().year + 1:
            return stamp
    return None


def _metadata(tree: Any, url: str | None) -> dict[str, Any]:
    """Title, byline, date, site name, canonical URL and language, from the cheap sources.

    trafilatura's own ``extract_metadata`` also mines categories, tags and licences and, for
    authors, copies and prunes the whole tree. Here the meta tags come first; JSON-LD and the
    title element are read only for what they lack, and htmldate finds the date.
    """
    from htmldate import find_date
    from trafilatura.metadata import examine_meta, extract_meta_json, extract_title

    out: dict[str, Any] = {}
    doc = examine_meta(tree)
    if doc.author and " " not in doc.author:
        doc.author = None
    if not (doc.author and doc.title and doc.sitename):
        try:
            doc = extract_meta_json(tree, doc)
        except Exception:  # trafilatura's JSON-LD reader trips on odd markup
            pass
    out["title"] = doc.title or extract_title(tree)
    out["byline"] = doc.author
    canonical = _canonical(tree, url)
    out["canonical_url"] = canonical
    site = doc.sitename
    if not site:
        host = urlsplit(canonical or url or "").hostname
        site = host[4:] if host and host.startswith("www.") else host
    out["site"] = site.lstrip("@") if site else None
    published = _meta_date(tree)
    if published is None:
        try:
            date = find_date(
                tree,
                extensive_search=False,
                original_date=True,
                outputformat="%Y-%m-%dT%H:%M:%S%z",
                url=canonical or url,
            )
        except Exception:
            date = None
        published = _parse_date(date)
    out["published"] = published
    out["lang"] = _language(tree)
    h1 = tree.find(".//body//h1")
    out["headline"] = " ".join(h1.text_content().split())[:300] if h1 is not None else None
    return out


def _text(doc: Any) -> str:
    return (getattr(doc, "text", None) or "") if doc is not None else ""


def extract_html(html: str | bytes, *, url: str | None = None) -> CleanArticle:
    """Extract and clean the article in one HTML page. Never raises."""
    try:
        return _extract(html, url)
    except Exception:
        _log.debug("extract_html failed for %s", url, exc_info=True)
        return CleanArticle(text="", url=url)


def _extract(html: str | bytes, url: str | None) -> CleanArticle:
    from trafilatura import bare_extraction
    from trafilatura.utils import load_html

    text_html = decode_html(html) if isinstance(html, (bytes, bytearray)) else str(html or "")
    if not text_html.strip():
        return CleanArticle(text="", url=url)
    head = text_html[:2000].lower()
    fragment = "<html" not in head and "<body" not in head
    if fragment:
        # A fragment, e.g. feed content: inside <article>, trafilatura keeps inline markup
        # in its paragraph (directly in <body> it splits text at every link).
        text_html = f"<html><body><article>{text_html}</article></body></html>"
    tree = load_html(text_html)
    if tree is None:
        return CleanArticle(text="", url=url)

    options: dict[str, Any] = {"url": url, "include_comments": False, "include_tables": True}
    doc = bare_extraction(tree, fast=True, **options)
    text = _text(doc)
    meta = _metadata(tree, url)  # before the fallbacks: baseline() may alter the tree
    if len(text) < _TINY:
        second = _text(bare_extraction(tree, favor_recall=True, **options))
        if len(second) > len(text):
            text = second
    if len(text) < _TINY:
        from trafilatura import baseline

        try:
            _body, base_text, _length = baseline(tree)
        except Exception:
            base_text = ""
        if len(base_text or "") > len(text):
            text = base_text

    # A fragment has no title of its own: a heading inside it is content.
    title = normalize_text(meta["title"]) if meta.get("title") and not fragment else None
    if fragment:
        meta["headline"] = None
    # The page's <h1> often words the headline differently from its <title>; the cleaner
    # drops a leading repeat of either (it splits titles on " | ").
    headline = meta.get("headline")
    headlines: str | None
    if headline and title and headline.lower() not in title.lower():
        headlines = f"{title} | {normalize_text(headline)}"
    else:
        headlines = title or (normalize_text(headline) if headline else None)
    cleaned, removed = clean_text(text, lang=meta.get("lang"), title=headlines)
    byline = normalize_text(meta["byline"]) if meta.get("byline") else None
    if not byline:  # the "By ..." line the cleaner took out of the text
        byline = next((byline_name(r.text) for r in removed if r.reason == "byline"), None)
    return CleanArticle(
        text=cleaned,
        title=title or None,
        byline=byline,
        published=meta.get("published"),
        site=meta.get("site") or None,
        lang=guess_language(cleaned) or meta.get("lang"),
        url=url or meta.get("canonical_url"),
        canonical_url=meta.get("canonical_url"),
        removed=removed,
    )
