"""Key facts for one story: summary, corroborated figures, quotes, entities, timeline and the
points where outlets disagree. Pure, rule-based, CPU-only; called by the pipeline after each
ingest batch for every changed story, and stored, so the TUI never waits for it."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import date

from brief.entities import SourcedText, rank_entities
from brief.figures import SourcedFigures, find_figures, merge_figures
from brief.models import Article, StoryFacts
from brief.quotes import SourcedQuotes, find_quotes, merge_quotes
from brief.sentences import strip_datelines
from brief.summary import SummaryText, summarize
from brief.timeline import DatedArticle, build_timeline, infer_references

log = logging.getLogger(__name__)
MAX_TEXT = 100_000  # characters of one article looked at (long-form pieces are ~30,000)


def outlet(article: Article) -> str:
    """The name shown for who published an article."""
    return article.source or (f"article {article.id}" if article.id is not None else "unknown")


def independent_keys(articles: Sequence[Article]) -> list[str]:
    """One key per independent outlet: an article and its near-copies (``duplicate_of``) share
    the original's key, and so do several articles from one outlet, so that copies and repeats
    count once when ranking by how many outlets agree."""
    by_id = {a.id: a for a in articles if a.id is not None}
    keys = []
    for i, a in enumerate(articles):
        root = a
        seen: set[int] = set()
        while root.duplicate_of is not None and root.duplicate_of in by_id:
            if root.duplicate_of in seen:
                break
            seen.add(root.duplicate_of)
            root = by_id[root.duplicate_of]
        if root.duplicate_of is not None:  # original outside this story
            keys.append(f"id:{root.duplicate_of}")
        elif root.source:
            keys.append(f"outlet:{root.source.strip().lower()}")
        elif root.id is not None:
            keys.append(f"id:{root.id}")
        else:
            keys.append(f"pos:{i}")
    return keys


def inferred_publish_dates(articles: Sequence[Article]) -> dict[int, date]:
    """For the story's articles that have no publish date: the date the timeline assumes
    (inferred from the dates the story's articles state), when a year supports it. Meant for
    ``Article.published`` with ``published_inferred=True``. Never raises."""
    try:
        arts = [a for a in articles if a.text or a.title]
        keys = independent_keys(arts)
        refs = infer_references(
            [
                DatedArticle(a.id, outlet(a), k, strip_datelines((a.text or "")[:MAX_TEXT]),
                             a.published)
                for a, k in zip(arts, keys, strict=True)
            ]
        )
        return {
            a.id: ref.day
            for a, (ref, inferred) in zip(arts, refs, strict=True)
            if a.id is not None and inferred and ref is not None and ref.year_known
        }
    except Exception:  # noqa: BLE001 - never raise to the pipeline
        log.exception("inferred_publish_dates failed")
        return {}


def story_facts(articles: Sequence[Article]) -> StoryFacts:
    """Everything the facts pane shows for one story. Never raises: a stage that fails leaves
    its part empty (and is logged)."""
    facts = StoryFacts()
    try:
        arts = [a for a in articles if (a.text or a.title)]
        keys = independent_keys(arts)
        names = [outlet(a) for a in arts]
        texts = [strip_datelines((a.text or "")[:MAX_TEXT]) for a in arts]
    except Exception:  # noqa: BLE001 - never raise to the pipeline
        log.exception("story_facts: bad input")
        return facts
    try:
        facts.summary = summarize(
            [SummaryText(a.title or "", t, k) for a, t, k in zip(arts, texts, keys, strict=True)]
        )
    except Exception:  # noqa: BLE001
        log.exception("story_facts: summary failed")
    try:
        figs = [
            SourcedFigures(a.id, n, k, find_figures(t))
            for a, n, k, t in zip(arts, names, keys, texts, strict=True)
        ]
        facts.facts, figure_conflicts = merge_figures(figs)
        facts.conflicts.extend(figure_conflicts)
    except Exception:  # noqa: BLE001
        log.exception("story_facts: figures failed")
    try:
        qs = [
            SourcedQuotes(a.id, n, k, find_quotes(t))
            for a, n, k, t in zip(arts, names, keys, texts, strict=True)
        ]
        facts.quotes = merge_quotes(qs)
    except Exception:  # noqa: BLE001
        log.exception("story_facts: quotes failed")
    try:
        facts.entities = rank_entities(
            [SourcedText(n, k, t) for n, k, t in zip(names, keys, texts, strict=True)]
        )
    except Exception:  # noqa: BLE001
        log.exception("story_facts: entities failed")
    try:
        timeline, date_conflicts = build_timeline(
            [
                DatedArticle(a.id, n, k, t, a.published)
                for a, n, k, t in zip(arts, names, keys, texts, strict=True)
            ]
        )
        facts.timeline = timeline
        facts.conflicts.extend(date_conflicts)
    except Exception:  # noqa: BLE001
        log.exception("story_facts: timeline failed")
    return facts
