"""Subscribe to a feed URL or a site URL (its feed discovered)."""

from __future__ import annotations

from typing import Any

from brief.convert import feed_from_row
from brief.discover import DiscoveryError, find_feed_url
from brief.fetch import FetchError, check_url
from brief.models import Feed
from cache.store import Store


def subscribe(
    store: Store, url: str, *, title: str | None = None, folder: str | None = None,
    transport: Any = None,
) -> Feed:
    """Find the feed (the URL itself or one the page advertises), store the subscription and
    return it. Raises ValueError with a one-line message when there is no feed to be had."""
    try:
        check_url(url)
    except FetchError as e:
        raise ValueError(e.message) from None
    existing = store.find_feed(url)
    if existing is not None and existing["url"] == url:
        return feed_from_row(existing)
    try:
        found = find_feed_url(url, transport)
    except DiscoveryError as e:
        raise ValueError(str(e)) from None
    feed_id = store.add_feed(
        found.url, title=title or found.feed.title, folder=folder, site_url=found.feed.site_url,
    )
    row = store.feed_row(feed_id)
    assert row is not None
    if title and row.get("title") != title or folder and row.get("folder") != folder:
        changes = {k: v for k, v in (("title", title), ("folder", folder)) if v}
        store.update_feed(feed_id, **changes)
        row = store.feed_row(feed_id) or row
    return feed_from_row(row)
