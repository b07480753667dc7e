"""OPML subscription lists: import (nested outlines become folder paths) and export.

``parse_opml(render_opml(feeds)) == feeds`` for any list of feeds (round trip without loss):
a folder path "News/World" is written as nested outlines and read back the same way.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from xml.sax.saxutils import quoteattr

from brief.feeds import http_url

MAX_OPML_BYTES = 10 * 1024 * 1024
MAX_DEPTH = 50


class OpmlError(ValueError):
    """The file is not usable OPML; the message is one line."""


@dataclass(frozen=True, slots=True)
class OpmlFeed:
    url: str
    title: str | None = None
    folder: str | None = None  # "News/World" for nested outlines


def parse_opml(data: bytes) -> list[OpmlFeed]:
    """Every feed outline (``xmlUrl``), in document order, with its folder path.

    Raises OpmlError for anything that is not OPML. Outlines whose ``xmlUrl`` is not an
    http(s) URL are skipped; a feed listed twice is kept once (its first place wins).
    """
    from lxml import etree

    if len(data) > MAX_OPML_BYTES:
        raise OpmlError(f"OPML file too large ({len(data) // (1024 * 1024)} MB)")
    if not data.strip():
        raise OpmlError("not OPML: the file is empty")
    if b"<!entity" in data[:65536].lower():
        raise OpmlError("refused: the OPML file declares XML entities (possible entity-expansion attack)")
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False, recover=False,
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as e:
        raise OpmlError(f"not OPML: invalid XML ({str(e).splitlines()[0][:120]})") from None
    except ValueError as e:
        raise OpmlError(f"not OPML: {e}") from None
    if not isinstance(root.tag, str) or etree.QName(root).localname.lower() != "opml":
        raise OpmlError("not OPML: the document's root element is not <opml>")
    body = next((c for c in root if isinstance(c.tag, str)
                 and etree.QName(c).localname.lower() == "body"), None)
    if body is None:
        raise OpmlError("not OPML: no <body> element")
    out: list[OpmlFeed] = []
    seen: set[str] = set()

    def walk(node: etree._Element, path: list[str]) -> None:
        if len(path) > MAX_DEPTH:
            raise OpmlError(f"OPML outlines nested more than {MAX_DEPTH} deep")
        for child in node:
            if not isinstance(child.tag, str) or etree.QName(child).localname.lower() != "outline":
                continue
            attrs = {k.lower(): v for k, v in child.attrib.items() if isinstance(k, str)}
            label = _one_line(attrs.get("title") or attrs.get("text"))
            xml_url = attrs.get("xmlurl")
            if xml_url:
                url = http_url(xml_url)
                if label == xml_url.strip() and not attrs.get("title"):
                    label = ""  # exported without a title: the URL stood in for it
                if url and url not in seen:
                    seen.add(url)
                    out.append(OpmlFeed(url=url, title=label or None,
                                        folder="/".join(path) or None))
                walk(child, path)  # some exporters nest feeds inside a feed outline
            else:
                walk(child, [*path, label.replace("/", "∕")] if label else path)

    walk(body, [])
    return out


def render_opml(feeds: Iterable[OpmlFeed], title: str = "brief subscriptions") -> str:
    """An OPML 2.0 document; folders become nested outlines, everything in first-seen order."""
    root: _Folder = {}
    for f in feeds:
        node = root
        for part in (f.folder or "").split("/"):
            if part:
                sub = node.get(part)
                if not isinstance(sub, dict):
                    sub = node[part] = {}
                node = sub
        node[f"\x00{len(node)}"] = f  # a feed: keys that no folder name can take
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<opml version="2.0">',
        f"  <head><title>{_escape(title)}</title></head>",
        "  <body>",
    ]

    def emit(node: _Folder, depth: int) -> None:
        pad = "  " * depth
        for name, child in node.items():
            if isinstance(child, OpmlFeed):
                url = quoteattr(_xml_safe(child.url))
                if child.title:
                    label = quoteattr(_xml_safe(child.title))
                    lines.append(
                        f'{pad}<outline type="rss" text={label} title={label} xmlUrl={url}/>'
                    )
                else:
                    lines.append(f'{pad}<outline type="rss" text={url} xmlUrl={url}/>')
                continue
            label = quoteattr(_xml_safe(name))
            lines.append(f"{pad}<outline text={label} title={label}>")
            emit(child, depth + 1)
            lines.append(f"{pad}</outline>")

    emit(root, 2)
    lines += ["  </body>", "</opml>", ""]
    return "\n".join(lines)


_Folder = dict[str, "OpmlFeed | _Folder"]


def _one_line(value: str | None) -> str:
    return " ".join((value or "").split())


def _xml_safe(text: str) -> str:
    """Text without the control characters XML 1.0 cannot carry."""
    return "".join(c for c in text if c in "\t\n\r" or (ord(c) >= 0x20 and c not in "\ufffe\uffff"))


def _escape(text: str) -> str:
    text = _xml_safe(text)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
