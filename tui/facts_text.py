"""The facts and timeline pane's content: figures, conflicts, quotes, timeline, entities."""

from __future__ import annotations

import re

from rich.text import Text

from brief.models import Fact, StoryFacts
from tui.safe_text import clean, literal

CONFLICT_MARK = "⚠"
SUBJECT_MAX = 90  # a conflict's subject is a label; long ones are cut
FIGURE_CONTEXT_WORDS = 4  # words shown either side of a figure
ENTITY_KINDS = (("person", "People"), ("org", "Organisations"), ("place", "Places"),
                ("other", "Other"))


def _outlets(sources: tuple[str, ...]) -> str:
    return ", ".join(clean(s, single_line=True) for s in sources)


def _heading(out: Text, title: str) -> None:
    if out:
        out.append("\n\n")
    out.append(title, "bold underline")


def _figure(f: Fact, side: int = FIGURE_CONTEXT_WORDS) -> Text:
    """The figure in the words round it (the figure in bold) when the fact has them, at most
    ``side`` words either side: the pane is narrow."""
    text = clean(f.text, single_line=True)
    parts = Fact.in_context(text, clean(f.context, single_line=True) if f.context else None, side)
    if parts is None:
        return Text(text)
    before, _, after = parts
    out = Text(before)
    out.append(text, "bold")
    out.append(after)
    return out


def facts_text(facts: StoryFacts) -> Text:
    out = Text()
    # a figure is disputed when it is one of the values outlets disagree on
    conflicted = {
        clean(v.value, single_line=True).lower()
        for c in facts.conflicts if c.kind == "figure" for v in c.values
    }
    if facts.conflicts:
        _heading(out, f"{CONFLICT_MARK} Outlets disagree")
        for c in facts.conflicts:
            out.append("\n")
            out.append(f"{CONFLICT_MARK} ", "bold red")
            subject = clean(c.subject, single_line=True)
            if len(subject) > SUBJECT_MAX:
                subject = subject[: SUBJECT_MAX - 1].rstrip() + "…"
            out.append(subject, "bold")
            out.append(f" ({c.kind})", "dim")
            if c.kind == "date":
                from brief.dates import describe_date  # on first use: 8 ms off the start-up

            for v in c.values:
                out.append("\n    ")
                out.append_text(literal(describe_date(v.value) if c.kind == "date" else v.value))
                if v.sources:
                    out.append(f"  — {_outlets(v.sources)}", "dim")
    if facts.facts:
        _heading(out, "Figures")
        for f in facts.facts:
            n = len(f.sources)
            out.append("\n")
            text = clean(f.text, single_line=True).lower()
            disputed = any(
                v and re.search(rf"(?<!\w){re.escape(v)}(?!\w)", text) for v in conflicted
            )
            out.append(f"{CONFLICT_MARK} " if disputed else "• ", "bold red" if disputed else "")
            out.append_text(_figure(f))
            out.append(f"  ×{n}" if n > 1 else "  ×1", "bold green" if n > 1 else "dim")
            if f.sources:
                out.append(f" {_outlets(f.sources)}", "dim")
    if facts.quotes:
        _heading(out, "Quotes")
        for q in facts.quotes:
            out.append("\n“")
            out.append_text(literal(q.text, "italic"))
            out.append("”\n    — ")
            out.append_text(literal(q.speaker or "unattributed", "bold"))
            if q.role:
                out.append(", ")
                out.append_text(literal(q.role))
            if q.sources:
                out.append(f" ({_outlets(q.sources)})", "dim")
    if facts.timeline:
        _heading(out, "Timeline")
        for t in facts.timeline:
            out.append("\n")
            out.append(f"{clean(t.date, single_line=True):<10}", "bold")
            out.append("~ " if t.inferred else "  ", "dim")
            out.append_text(literal(t.text))
            if t.sources:
                out.append(f"  ({_outlets(t.sources)})", "dim")
    if facts.entities:
        _heading(out, "Who and where")
        for kind, label in ENTITY_KINDS:
            names = [e for e in facts.entities if e.kind == kind] or (
                [e for e in facts.entities if e.kind not in {k for k, _ in ENTITY_KINDS}]
                if kind == "other" else []
            )
            if names:
                out.append(f"\n{label}: ", "bold")
                out.append(", ".join(
                    clean(e.name, single_line=True) + (f" ({e.mentions})" if e.mentions > 1 else "")
                    for e in names
                ))
    if not out:
        out.append("No figures, quotes or dates found for this story yet.", "italic dim")
    return out
