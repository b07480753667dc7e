"""A story or a whole briefing as Markdown, from the JSON shape ``show --json`` prints."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from brief.dates import describe_date


def _sources(values: Iterable[str]) -> str:
    names = list(dict.fromkeys(values))
    return ", ".join(names) if names else "unknown outlet"


def _md_line(text: str) -> str:
    """One line of article text, with Markdown's active characters escaped."""
    out = " ".join(str(text).split())
    for ch in "\\`*_[]<>#|":
        out = out.replace(ch, "\\" + ch)
    return out


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
            lines.append(f"- {_md_line(f['text'])} ({n} outlet{'s' if n != 1 else ''}: "
                         f"{_md_line(_sources(f.get('sources') or []))})")
        lines.append("")
    if story.get("conflicts"):
        lines.append("**Where outlets disagree**")
        for c in story["conflicts"]:
            vals = "; ".join(f"{_md_line(v['value'])} ({_md_line(_sources(v.get('sources') or []))})"
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
