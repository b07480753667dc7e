"""Load the bundled demo corpus: its feeds are fetched through the real refresh path from an
in-memory transport, and its plain-text files are ingested like a user's own files."""

from __future__ import annotations

from typing import Any

from brief.services import Library


def load_demo(lib: Library) -> str:
    """Subscribe to the demo feeds, refresh them offline and ingest the demo files.

    Returns the refresh summary line.
    """
    from brief.demo import demo_dir, demo_transport, load_manifest
    from brief.ingest import InputProblem, load_inputs, parse_published
    from brief.pipeline import Pipeline
    from brief.refresh import refresh

    store = lib.store
    store.set_meta("demo", "1")
    manifest: dict[str, Any] = load_manifest()
    with store.transaction():
        for feed in manifest.get("feeds", []):
            store.add_feed(feed["url"], title=feed.get("title"), folder=feed.get("folder"))
    summary = refresh(store, articles=True, transport=demo_transport())
    pipeline = Pipeline(store)
    for entry in manifest.get("files", []):
        spec = entry if isinstance(entry, dict) else {"file": entry}
        path = demo_dir() / spec["file"]
        items = load_inputs(
            [str(path)], source=spec.get("source"),
            published=parse_published(spec.get("published")),
        )
        pipeline.ingest(a for a in items if not isinstance(a, InputProblem))
    lib.record_refresh()
    return str(summary)
