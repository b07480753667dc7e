"""The bundled demo corpus: files present, feeds parse, the transport serves them, gold is sane."""

from __future__ import annotations

import html
import json
import re
from collections import Counter
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import feedparser
import httpx
import pytest

from brief.demo import (
    demo_articles,
    demo_dir,
    demo_feed_urls,
    demo_files,
    demo_transport,
    load_manifest,
)

MANIFEST = load_manifest()


@pytest.fixture()
def client() -> httpx.Client:
    return httpx.Client(transport=demo_transport())


def feed_entries(client: httpx.Client, feed: dict) -> list[dict]:
    """(title, link) of each entry, via feedparser, or the JSON Feed spec for JSON feeds."""
    response = client.get(feed["url"])
    assert response.status_code == 200
    if feed["format"] == "jsonfeed":
        data = response.json()
        assert data["version"] == "https://jsonfeed.org/version/1.1"
        return [{"title": item["title"], "link": item["url"]} for item in data["items"]]
    parsed = feedparser.parse(
        response.content, response_headers={"content-type": response.headers["content-type"]}
    )
    assert not parsed.bozo, parsed.get("bozo_exception")
    return [{"title": e.title, "link": e.link} for e in parsed.entries]


def test_every_file_named_by_the_manifest_exists() -> None:
    root = demo_dir()
    named = [f["file"] for f in MANIFEST["feeds"]] + list(MANIFEST["pages"].values())
    named += [entry["file"] for entry in MANIFEST["files"]]
    assert named
    for relative in named:
        assert (root / relative).is_file(), relative
    assert all(path.is_file() for path in demo_files())
    assert demo_feed_urls() == [f["url"] for f in MANIFEST["feeds"]]


def test_feed_formats_cover_rss2_atom_rss1_and_json_feed(client: httpx.Client) -> None:
    versions = set()
    for feed in MANIFEST["feeds"]:
        if feed["format"] == "jsonfeed":
            versions.add("json")
            continue
        parsed = feedparser.parse(client.get(feed["url"]).content)
        versions.add(parsed.version)
    assert {"rss20", "atom10", "rss10", "json"} <= versions


def test_each_feed_yields_entries_whose_pages_are_served(client: httpx.Client) -> None:
    seen = 0
    for feed in MANIFEST["feeds"]:
        entries = feed_entries(client, feed)
        assert entries, feed["url"]
        for entry in entries:
            page = client.get(entry["link"])
            assert page.status_code == 200, entry["link"]
            assert page.headers["content-type"] == "text/html; charset=utf-8"
            # the served page is the article the feed announced
            og_title = re.search(r'<meta property="og:title" content="([^"]*)">', page.text)
            assert og_title and html.unescape(og_title.group(1)) == entry["title"]
            seen += 1
    assert seen == len(MANIFEST["pages"])


def test_one_feed_carries_full_content() -> None:
    full = [f for f in MANIFEST["feeds"] if f["format"] == "rss2-full"]
    assert len(full) == 1
    parsed = feedparser.parse((demo_dir() / full[0]["file"]).read_bytes())
    for entry in parsed.entries:
        text = re.sub(r"<[^>]+>", " ", entry.content[0].value)
        assert len(text.split()) >= 150


def test_content_types_follow_the_feed_format(client: httpx.Client) -> None:
    expected = {
        "rss2": "application/rss+xml",
        "rss2-full": "application/rss+xml",
        "atom": "application/atom+xml",
        "rss1": "application/rdf+xml",
        "jsonfeed": "application/feed+json",
    }
    for feed in MANIFEST["feeds"]:
        content_type = client.get(feed["url"]).headers["content-type"]
        assert content_type.split(";")[0] == expected[feed["format"]]


def test_unknown_urls_are_404(client: httpx.Client) -> None:
    assert client.get("https://northwire.example/news/2026-11-18/no-such-story").status_code == 404
    assert client.get("https://elsewhere.example/").status_code == 404


def test_etag_round_trip_gives_304(client: httpx.Client) -> None:
    url = demo_feed_urls()[0]
    first = client.get(url)
    etag = first.headers["etag"]
    second = client.get(url, headers={"If-None-Match": etag})
    assert second.status_code == 304
    assert second.content == b""
    stale = client.get(url, headers={"If-None-Match": '"something-else"'})
    assert stale.status_code == 200
    assert stale.content == first.content


async def test_transport_serves_async_clients_too() -> None:
    async with httpx.AsyncClient(transport=demo_transport()) as client:
        response = await client.get(demo_feed_urls()[1])
    assert response.status_code == 200
    assert response.content.startswith(b"<?xml")


def test_corpus_size_and_spread() -> None:
    articles = demo_articles()
    outlets = Counter(a["outlet"] for a in articles)
    assert len(articles) >= 28
    assert len(outlets) >= 6
    assert len(MANIFEST["stories"]) >= 6
    for article in articles:
        assert 150 <= article["words"] <= 450, article["id"]
        published = datetime.fromisoformat(article["published"])
        assert published.tzinfo is not None


def test_gold_grouping_is_a_partition_of_the_articles() -> None:
    refs = [a["ref"] for a in demo_articles()]
    grouped = [ref for story in MANIFEST["stories"] for ref in story["articles"]]
    assert sorted(grouped) == sorted(refs)
    assert len(set(refs)) == len(refs)


def test_near_copies_and_conflicts_point_at_real_articles() -> None:
    by_ref = {a["ref"]: a for a in demo_articles()}
    assert MANIFEST["near_copies"]
    for a, b in MANIFEST["near_copies"]:
        assert by_ref[a]["story"] == by_ref[b]["story"]
        assert by_ref[a]["outlet"] != by_ref[b]["outlet"]
    kinds = Counter(c["kind"] for c in MANIFEST["conflicts"])
    assert kinds["figure"] >= 2 and kinds["date"] >= 1
    for conflict in MANIFEST["conflicts"]:
        assert len(conflict["values"]) >= 2
        for value in conflict["values"]:
            for ref in value["articles"]:
                assert by_ref[ref]["story"] == conflict["story"]


def test_figure_conflicts_are_written_in_the_articles(client: httpx.Client) -> None:
    by_ref = {a["ref"]: a for a in demo_articles()}
    for conflict in MANIFEST["conflicts"]:
        if conflict["kind"] != "figure":
            continue
        for value in conflict["values"]:
            for ref in value["articles"]:
                page = client.get(by_ref[ref]["url"]).text
                assert value["value"].lower() in page.lower(), (ref, value["value"])


def test_the_plain_text_article_has_a_title_line_and_pasted_boilerplate() -> None:
    (path,) = demo_files()
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] and not lines[1]
    text = "\n".join(lines)
    assert "Share this article" in text and "Read More:" in text


def test_a_title_carries_rich_markup_like_text() -> None:
    titles = [a["title"] for a in demo_articles()]
    assert any("[bold]" in t and "[/]" in t for t in titles)
    # the JSON feed keeps it verbatim
    ledger = json.loads((demo_dir() / "feeds/lakesideledger.json").read_text(encoding="utf-8"))
    assert any("[bold]" in item["title"] for item in ledger["items"])


def test_pages_carry_metadata_and_boilerplate() -> None:
    for url, relative in MANIFEST["pages"].items():
        page = (demo_dir() / relative).read_text(encoding="utf-8")
        assert f'<link rel="canonical" href="{url}">' in page
        for needle in (
            'property="og:title"',
            'property="og:site_name"',
            'property="article:published_time"',
            "<html lang=",
        ):
            assert needle in page, (relative, needle)
    pages = [(demo_dir() / p).read_text(encoding="utf-8") for p in MANIFEST["pages"].values()]
    assert sum("Leave a Comment" in p for p in pages) >= 10
    assert sum("Read More:" in p or "READ MORE:" in p for p in pages) >= 20
    assert all("cookie" in p.lower() for p in pages)


async def test_pages_can_be_read_as_a_raw_stream() -> None:
    """The fetcher streams bodies (``send(stream=True)`` + ``aiter_raw``) to cap their size."""
    url = next(iter(MANIFEST["pages"]))
    async with httpx.AsyncClient(transport=demo_transport()) as client:
        request = client.build_request("GET", url)
        response = await client.send(request, stream=True)
        chunks = [chunk async for chunk in response.aiter_raw()]
        await response.aclose()
    body = b"".join(chunks)
    assert response.status_code == 200
    assert int(response.headers["content-length"]) == len(body)
    assert b"<html" in body


def test_front_pages_advertise_their_feeds(client: httpx.Client) -> None:
    feeds = {f["site_url"]: f["url"] for f in MANIFEST["feeds"]}
    assert set(MANIFEST["sites"]) == set(feeds)
    for home, feed_url in feeds.items():
        page = client.get(home)
        assert page.status_code == 200
        alternates = re.findall(
            r'<link rel="alternate" type="[^"]+" title="[^"]*" href="([^"]+)"', page.text
        )
        assert [html.unescape(a) for a in alternates] == [feed_url]


def test_old_feed_addresses_redirect_to_a_served_feed(client: httpx.Client) -> None:
    assert MANIFEST["redirects"]
    for old, new in MANIFEST["redirects"].items():
        moved = client.get(old)
        assert moved.status_code == 301
        assert moved.headers["location"] == new
        assert client.get(old, follow_redirects=True).status_code == 200


def test_transport_log_records_each_request() -> None:
    log: list[tuple[str, str, int]] = []
    with httpx.Client(transport=demo_transport(log=log)) as client:
        first = client.get(demo_feed_urls()[2])
        client.get(demo_feed_urls()[2], headers={"If-None-Match": first.headers["etag"]})
        client.get("https://northwire.example/missing")
    assert [status for _, _, status in log] == [200, 304, 404]
    assert log[0] == ("GET", demo_feed_urls()[2], 200)


def _source_paragraphs(article_id: str) -> list[str]:
    raw = (demo_dir() / "source" / f"{article_id}.txt").read_text(encoding="utf-8")
    return [" ".join(p.split()) for p in raw.partition("\n\n")[2].split("\n\n") if p.strip()]


def _plain_quotes(text: str) -> str:
    return text.replace("\u201c", '"').replace("\u201d", '"').replace("\u2019", "'")


def test_trafilatura_recovers_every_paragraph_of_every_page() -> None:
    import trafilatura

    for article in demo_articles():
        if not article["url"]:
            continue
        page = (demo_dir() / article["file"]).read_text(encoding="utf-8")
        text = " ".join(_plain_quotes(trafilatura.extract(page, url=article["url"]) or "").split())
        for paragraph in _source_paragraphs(article["id"]):
            assert paragraph[:80] in text, (article["id"], paragraph[:80])
        meta = trafilatura.extract_metadata(page, default_url=article["url"])
        assert meta.title == article["title"]
        assert meta.date == article["published"][:10]


def test_generated_files_match_the_sources(tmp_path: Path) -> None:
    """feeds/, pages/, files/, manifest.json and README.md are what build.py makes of source/."""
    from brief.demo.build import build

    build(tmp_path)
    generated = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*") if p.is_file())
    assert generated
    for relative in generated:
        assert (demo_dir() / relative).read_bytes() == (tmp_path / relative).read_bytes(), relative


def test_gold_timelines_name_dates_stated_by_the_story_s_own_articles() -> None:
    story_of = {a["ref"]: a["story"] for a in demo_articles()}
    formats = {"day": "%Y-%m-%d", "month": "%Y-%m", "year": "%Y"}
    for story in MANIFEST["stories"]:
        assert len(story["timeline"]) >= 3, story["name"]
        for event in story["timeline"]:
            datetime.strptime(event["date"], formats[event["precision"]])
            assert event["articles"]
            assert all(story_of[ref] == story["name"] for ref in event["articles"])


def _gold_rows(story_of_ref: Callable[[dict[str, Any]], int]) -> list[dict[str, Any]]:
    rows = []
    for n, article in enumerate(demo_articles(), start=1):
        rows.append(
            {
                "id": n,
                "url": article["feed_link"],  # as linked from the feed, utm_* and all
                "external_id": Path(article["file"]).name if not article["url"] else f"g{n}",
                "story_id": story_of_ref(article),
                "duplicate_of": None,
                "text": "",
            }
        )
    return rows


def test_evaluate_scores_a_perfect_grouping_as_perfect() -> None:
    from brief.demo.evaluate import clustering_scores, dedupe_scores, match_gold

    names = [s["name"] for s in MANIFEST["stories"]]
    rows = _gold_rows(lambda a: names.index(a["story"]) + 1)
    found = match_gold(rows, demo_articles())
    assert len(found) == len(demo_articles())
    scores = clustering_scores(found, MANIFEST)
    assert scores["pairwise_f1"] == 1.0 and scores["bcubed_f1"] == 1.0
    assert scores["predicted_stories"] == len(names)
    a, b = MANIFEST["near_copies"][0]
    found[b]["duplicate_of"] = found[a]["id"]
    assert dedupe_scores(found, MANIFEST) == {
        "near_copy_pairs": 1,
        "found": 1,
        "wrongly_marked": [],
    }


def test_evaluate_penalises_one_big_cluster() -> None:
    from brief.demo.evaluate import clustering_scores, match_gold

    found = match_gold(_gold_rows(lambda a: 1), demo_articles())
    scores = clustering_scores(found, MANIFEST)
    assert scores["pairwise_recall"] == 1.0
    assert scores["pairwise_precision"] < 0.25
    assert scores["predicted_stories"] == 1
