"""A story as data (the JSON ``show --json`` prints) and as Markdown, alone or as a briefing."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any

from brief.dates import describe_date
from brief.models import Fact, Story

if TYPE_CHECKING:
    from brief.services import Library


def _iso(dt: datetime | None) -> str | None:
    return dt.isoformat() if dt else None


def story_summary_json(s: Story) -> dict[str, Any]:
    """The fields ``brief stories --json`` prints for one story."""
    return {
        "id": s.id, "headline": s.headline, "size": s.size, "sources": s.sources,
        "first_seen": _iso(s.first_seen), "last_seen": _iso(s.last_seen),
        "article_ids": s.article_ids, "unread": s.unread, "starred": s.starred,
        "why": s.why,
    }


def story_json(lib: Library, story_id: int) -> dict[str, Any]:
    """Everything about one story (``show --json``); raises KeyError for an unknown id."""
    s = lib.story(story_id)
    if s is None:
        raise KeyError(f"no story {story_id}")
    facts = lib.story_facts(story_id)
    views = lib.story_articles(story_id)
    arts = [a for a in (lib.article(i) for i in s.article_ids) if a is not None]
    return {
        **story_summary_json(s),
        "summary": facts.summary,
        "articles": [
            {"id": a.id, "external_id": a.external_id, "title": a.title, "source": a.source,
             "url": a.url, "published": _iso(a.published), "duplicate_of": a.duplicate_of}
            for a in arts
        ],
        "also_in": {str(v.article.id): v.also_in for v in views if v.also_in},
        "facts": [{"text": f.text, "value": f.value, "unit": f.unit, "qualifier": f.qualifier,
                   "context": f.context, "sources": list(f.sources)} for f in facts.facts],
        "quotes": [{"speaker": q.speaker, "role": q.role, "text": q.text,
                    "sources": list(q.sources)} for q in facts.quotes],
        "entities": [{"name": e.name, "kind": e.kind, "mentions": e.mentions,
                      "sources": list(e.sources)} for e in facts.entities],
        "timeline": [{"date": t.date, "precision": t.precision, "inferred": t.inferred,
                      "text": t.text, "sources": list(t.sources)} for t in facts.timeline],
        "conflicts": [{"kind": c.kind, "subject": c.subject,
                       "values": [{"value": v.value, "sources": list(v.sources)}
                                  for v in c.values]} for c in facts.conflicts],
    }


def _sources(values: Iterable[str]) -> str:
    names = list(dict.fromkeys(values))
    return ", ".join(names) if names else "unknown outlet"


def _md_line(text: str) -> str:
    """One line of article text, with Markdown's active characters escaped."""
    out = " ".join(str(text).split())
    for ch in "\\`*_[]<>#|":
        out = out.replace(ch, "\\" + ch)
    return out


def _md_figure(fact: Mapping[str, Any]) -> str:
    """A key figure in the words round it, the figure in bold; the figure alone without them."""
    text, context = str(fact.get("text") or ""), fact.get("context")
    parts = Fact.in_context(text, " ".join(str(context).split()) if context else None)
    if parts is None:
        return _md_line(text)
    before, _, after = parts
    return f"{_md_line(before)}{' ' if before.endswith(' ') else ''}**{_md_line(text)}**" \
           f"{' ' if after.startswith(' ') else ''}{_md_line(after)}"


def story_markdown(story: Mapping[str, Any]) -> str:
    lines = [f"## {_md_line(story.get('headline') or '(untitled story)')}", ""]
    sources = story.get("sources") or []
    lines.append(f"*{len(story.get('articles') or [])} articles from {len(sources)} outlets: "
                 f"{_md_line(_sources(sources))}*")
    lines.append("")
    if story.get("summary"):
        lines += [_md_line(story["summary"]), ""]
    if story.get("facts"):
        lines.append("**Key figures**")
        for f in story["facts"][:8]:
            n = len(f.get("sources") or [])
            lines.append(f"- {_md_figure(f)} ({n} outlet{'s' if n != 1 else ''}: "
                         f"{_md_line(_sources(f.get('sources') or []))})")
        lines.append("")
    if story.get("conflicts"):
        lines.append("**Where outlets disagree**")
        for c in story["conflicts"]:
            shown = describe_date if c.get("kind") == "date" else str
            vals = "; ".join(f"{_md_line(shown(v['value']))} "
                             f"({_md_line(_sources(v.get('sources') or []))})"
                             for v in c.get("values") or [])
            lines.append(f"- {_md_line(c.get('subject') or c.get('kind', ''))}: {vals}")
        lines.append("")
    if story.get("quotes"):
        lines.append("**Quotes**")
        for q in story["quotes"][:6]:
            who = q.get("speaker") or "unattributed"
            if q.get("role"):
                who = f"{who}, {q['role']}"
            lines.append(f"- “{_md_line(q['text'])}” — {_md_line(who)} "
                         f"({_md_line(_sources(q.get('sources') or []))})")
        lines.append("")
    if story.get("timeline"):
        lines.append("**Timeline**")
        for t in story["timeline"]:
            mark = " (inferred)" if t.get("inferred") else ""
            lines.append(f"- {describe_date(t['date'])}{mark}: {_md_line(t['text'])}")
        lines.append("")
    if story.get("articles"):
        lines.append("**Articles**")
        for a in story["articles"]:
            src = _md_line(a.get("source") or "unknown outlet")
            title = _md_line(a.get("title") or "")
            url = f" <{a['url']}>" if a.get("url") else ""
            copy = " (copy)" if a.get("duplicate_of") else ""
            lines.append(f"- {src}: {title}{copy}{url}")
        lines.append("")
    return "\n".join(lines)


def briefing_markdown(stories: Iterable[Mapping[str, Any]], title: str = "Briefing") -> str:
    stories = list(stories)
    parts = [f"# {title}", "", f"{len(stories)} stories", ""]
    parts += [story_markdown(s) for s in stories]
    return "\n".join(parts)
