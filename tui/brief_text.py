"""The brief of a story and the reader of one article, as Rich Text built from safe text."""

from __future__ import annotations

from datetime import datetime

from rich.text import Text

from brief.models import Article, Story
from brief.services import ArticleView
from tui.ages import age, short_date
from tui.safe_text import clean, literal, paragraphs

READER_MAX_CHARS = 200_000  # past this a terminal reader is no place for it (and slow to lay out)


def outlet(article: Article) -> str:
    return clean(article.source, single_line=True) or "unknown outlet"


def also_in_label(outlets: list[str]) -> str:
    n = len(outlets)
    return "" if n == 0 else f"also in {n} outlet" + ("" if n == 1 else "s")


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}" + ("" if n == 1 else "s")


def brief_header(story: Story, summary: str, now: datetime) -> Text:
    """Headline, summary, then when and by how many outlets (dim)."""
    out = Text()
    out.append_text(literal(story.headline or "(no headline)", "bold"))
    summary = clean(summary, single_line=True)
    if summary:
        out.append("\n")
        out.append(summary)
    out.append("\n")
    meta = [f"story {story.id}", _plural(len(story.sources), "outlet"),
            _plural(story.size, "article"), f"updated {age(story.last_seen, now)}"]
    if story.unread:
        meta.append(f"{story.unread} unread")
    if story.starred:
        meta.append("★ starred")
    if story.dismissed:
        meta.append("dismissed")
    out.append(" · ".join(meta), "dim")
    return out


def article_line(view: ArticleView, now: datetime) -> Text:
    """One article in the brief: outlet, title, age, and where else it ran."""
    a = view.article
    line = Text()
    line.append("  " if a.read else "● ", "bold")
    line.append(outlet(a), "bold")
    line.append("  ")
    line.append_text(literal(a.title or "(untitled)"))
    line.append(f"  {age(a.published or a.fetched_at, now)}", "dim")
    also = also_in_label(view.also_in)
    if also:
        line.append(f"  ({also}: {', '.join(clean(s, single_line=True) for s in view.also_in)})",
                    "italic dim")
    return line


def reader_text(
    article: Article, links: list[str], now: datetime, *, show_removed: bool = False
) -> Text:
    """The article as the reader shows it: title, outlet, byline, date, link, paragraphs."""
    out = Text()
    out.append_text(literal(article.title or "(untitled)", "bold"))
    out.append("\n")
    meta = [outlet(article)]
    if article.byline:
        meta.append("by " + clean(article.byline, single_line=True))
    when = article.published or article.fetched_at
    dated = short_date(when) + f" ({age(when, now)})"
    if article.published_inferred:
        dated += ", date inferred"
    meta.append(dated)
    out.append(" · ".join(meta), "dim")
    for url in links or ([article.url] if article.url else []):
        out.append("\n")
        out.append(clean(url, single_line=True), "underline dim")
    out.append("\n")
    text = article.text or ""
    cut = len(text) > READER_MAX_CHARS
    paras = paragraphs(text[:READER_MAX_CHARS] if cut else text)
    if not paras:
        out.append("\n(no text: press o to open the page in the browser)", "italic dim")
    for p in paras:
        out.append("\n")
        out.append(p)
        out.append("\n")
    if cut:
        out.append(f"\n[the text goes on for {len(text) - READER_MAX_CHARS:,} more characters: "
                   "press o to read it in the browser]\n", "italic dim")
    if show_removed:
        out.append("\n")
        out.append(f"Removed by the cleaner ({len(article.removed)})", "bold reverse")
        out.append("\n")
        if not article.removed:
            out.append("\nNothing was removed from this article.\n", "italic dim")
        for r in article.removed:
            out.append("\n")
            out.append(f"[{clean(r.reason, single_line=True)}] ", "bold")
            out.append(clean(r.text, single_line=True), "dim strike")
            out.append("\n")
    elif article.removed:
        out.append(f"\n{len(article.removed)} block(s) removed by the cleaner: press x to see them.",
                   "italic dim")
    return out
