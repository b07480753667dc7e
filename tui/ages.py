"""Humanized ages ("3 hours ago") against an injectable clock, so screens are reproducible."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

Clock = Callable[[], datetime]


def system_clock() -> datetime:
    return datetime.now(UTC)


def fixed_clock(when: datetime) -> Clock:
    """A clock that always says ``when`` (for tests and snapshots)."""
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return lambda: when


def age(when: datetime | None, now: datetime) -> str:
    """"3 hours ago", "just now", "in 2 days" (for a date ahead of the clock)."""
    if when is None:
        return "undated"
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    if now.tzinfo is None:
        now = now.replace(tzinfo=UTC)
    import humanize  # imported on first use: keeps it off the start-up path

    delta = now - when
    if abs(delta.total_seconds()) < 60:
        return "just now"
    ahead = delta.total_seconds() < 0
    span = -delta if ahead else delta
    if 14 <= span.days < 56:  # humanize says "a month" from 16 days: weeks read truer
        words = f"{span.days // 7} weeks"
        return f"in {words}" if ahead else f"{words} ago"
    if ahead:
        return "in " + humanize.naturaldelta(span)
    return humanize.naturaltime(delta)


def short_date(when: datetime | None) -> str:
    if when is None:
        return "undated"
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when.astimezone(UTC).strftime("%a %d %b %Y %H:%M UTC")
