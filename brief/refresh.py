"""Refresh subscriptions: fetch feeds concurrently, fetch and clean new articles, store them.

The shape of a refresh:

* the network side is one asyncio loop (:class:`brief.fetch.Fetcher`: global and per-host
  limits, conditional GET, retries);
* cleaning (article extraction) is CPU work and runs in a process pool of ``workers``
  processes while the network waits;
* the database has exactly one writer: a single thread that runs every store call in order
  (entry look-ups, ``Pipeline.ingest`` in batches, feed status updates), so the loop never
  blocks on SQLite and writes never interleave.

A feed's ETag/Last-Modified are stored only after its new articles are committed, so a
refresh killed half-way fetches the lost entries again next time. A 304 writes nothing.
One failing feed never stops the others: its error is stored on the feed.
"""

from __future__ import annotations

import asyncio
import re
import time
from collections.abc import Callable
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any, TypeVar
from urllib.parse import urlsplit

import httpx

from brief.feeds import FeedEntry, FeedError, ParsedFeed, html_to_text, parse_feed, word_count
from brief.fetch import PAGE_ACCEPT, Fetcher, FetchError, FetchLimits, FetchResult
from brief.models import Article, CleanArticle, Removal
from cache.store import Store

T = TypeVar("T")

FULL_CONTENT_WORDS = 250  # feed content this long is the article; no page fetch
MAX_PAGES_PER_FEED = 50  # a first refresh of a 700-item feed fetches the newest 50 pages
GONE_RECHECK = timedelta(days=7)  # a 404/410 feed is tried again after this long
WRITE_BATCH = 100  # articles per ingest transaction (at most; smaller when the loop is idle)
WRITE_AHEAD_CHARS = 20_000_000  # article text held before storing starts mid-refresh
PAGES_IN_HAND = 32  # article pages fetched but not yet cleaned, at most (bounds memory)
MAX_PAGE_BYTES = 5 * 1024 * 1024
HTML_TYPES = ("text/html", "application/xhtml+xml", "text/plain", "")


# -- results ----------------------------------------------------------------------------------


@dataclass(slots=True)
class RefreshProgress:
    feeds_done: int = 0
    feeds_total: int = 0
    articles_done: int = 0
    articles_total: int = 0
    articles_stored: int = 0  # new entries handed to the pipeline (stored or found duplicate)


@dataclass(slots=True)
class RefreshSummary:
    feeds_ok: int = 0
    feeds_unchanged: int = 0
    feeds_failed: int = 0
    new_articles: int = 0
    errors: list[tuple[str, str]] = field(default_factory=list)  # (feed url, message)
    duplicates: int = 0  # entries already stored under another feed or URL
    pages_fetched: int = 0
    pages_failed: int = 0  # article pages that failed (the feed's own text was kept)
    skipped_gone: int = 0  # feeds marked gone and not due for a re-check
    seconds: float = 0.0
    fetch_seconds: float = 0.0  # until every feed and page was fetched, parsed and cleaned
    peak_buffered_bytes: int = 0  # most response-body bytes held at once (see ByteBudget)
    budget_waits: int = 0  # downloads that waited for room in that budget

    def to_json(self) -> dict[str, Any]:
        return {
            "feeds_ok": self.feeds_ok,
            "feeds_unchanged": self.feeds_unchanged,
            "feeds_failed": self.feeds_failed,
            "new_articles": self.new_articles,
            "duplicates": self.duplicates,
            "pages_fetched": self.pages_fetched,
            "pages_failed": self.pages_failed,
            "skipped_gone": self.skipped_gone,
            "seconds": round(self.seconds, 3),
            "fetch_seconds": round(self.fetch_seconds, 3),
            "errors": [{"feed": u, "error": m} for u, m in self.errors],
        }

    def __str__(self) -> str:
        line = (
            f"{self.feeds_ok} feeds ok, {self.feeds_unchanged} unchanged, "
            f"{self.feeds_failed} failed; {self.new_articles} new articles"
        )
        if self.skipped_gone:
            line += f" ({self.skipped_gone} gone feeds skipped)"
        return line + f" in {self.seconds:.1f} s"


# -- the refresh --------------------------------------------------------------------------------


def refresh(
    store: Store,
    *,
    articles: bool = True,
    transport: httpx.AsyncBaseTransport | None = None,
    progress: Callable[[RefreshProgress], None] | None = None,
    feed_ids: list[int] | None = None,
    limits: FetchLimits | None = None,
    workers: int = 2,
) -> RefreshSummary:
    """Refresh subscriptions (all, or ``feed_ids``). Synchronous: runs its own event loop, so
    call :func:`refresh_async` from code that already runs one."""
    return asyncio.run(refresh_async(
        store, articles=articles, transport=transport, progress=progress, feed_ids=feed_ids,
        limits=limits, workers=workers,
    ))


async def refresh_async(
    store: Store,
    *,
    articles: bool = True,
    transport: httpx.AsyncBaseTransport | None = None,
    progress: Callable[[RefreshProgress], None] | None = None,
    feed_ids: list[int] | None = None,
    limits: FetchLimits | None = None,
    workers: int = 2,
) -> RefreshSummary:
    run = _Refresh(store, articles=articles, progress=progress, workers=workers)
    return await run.run(transport, limits, feed_ids)


@dataclass(slots=True)
class _FeedResult:
    row: dict[str, Any]
    articles: list[Article]
    update: dict[str, Any] | None  # feed columns to store once the articles are committed
    error: str | None = None


class _Refresh:
    def __init__(self, store: Store, *, articles: bool, progress: Callable[[RefreshProgress], None]
                 | None, workers: int) -> None:
        self.store = store
        self.full_text = articles
        self.progress_cb = progress
        self.workers = workers
        self.summary = RefreshSummary()
        self.progress = RefreshProgress()
        self.db = ThreadPoolExecutor(1, thread_name_prefix="brief-db")  # the one writer
        # Look-ups of known entries use a second connection (WAL: readers never wait for the
        # writer), so a long ingest batch does not hold up the feeds still being fetched.
        self.reader_store: Store | None = None
        self.reader = ThreadPoolExecutor(1, thread_name_prefix="brief-read")
        self.pool: Executor | None = None
        self._pool_lock = asyncio.Lock()
        self.fetcher: Fetcher | None = None
        self.queue: asyncio.Queue[_FeedResult | None] = asyncio.Queue()
        self.urls_this_run: set[str] = set()
        self.pages_in_hand = asyncio.Semaphore(PAGES_IN_HAND)
        self._pipeline: Any = None
        self._new_ids: list[int] = []  # articles stored by this refresh, for the repair pass

    # -- helpers ---------------------------------------------------------------------------------

    async def in_db(self, fn: Callable[..., T], *args: Any) -> T:
        return await asyncio.get_running_loop().run_in_executor(self.db, fn, *args)

    def open_reader(self) -> None:
        if self.store.path is None:
            return
        try:
            from cache.store import open_store

            self.reader_store = open_store(self.store.path, create=False)
        except Exception:
            self.reader_store = None

    async def known(self, feed_id: int, entries: list[FeedEntry]) -> list[FeedEntry]:
        if self.reader_store is None:
            return await self.in_db(self.new_entries, self.store, feed_id, entries)
        return await asyncio.get_running_loop().run_in_executor(
            self.reader, self.new_entries, self.reader_store, feed_id, entries,
        )

    def tick(self) -> None:
        if self.progress_cb is not None:
            try:
                self.progress_cb(RefreshProgress(
                    self.progress.feeds_done, self.progress.feeds_total,
                    self.progress.articles_done, self.progress.articles_total,
                    self.progress.articles_stored,
                ))
            except Exception:
                pass  # a display problem never stops a refresh

    async def clean_pool(self) -> Executor:
        """The worker processes, started on first use. Forked (instant, no re-imports), after
        the cleaning code is imported here: a forked child must never need an import lock
        another thread of this process might have held at the time of the fork."""
        async with self._pool_lock:
            if self.pool is None:
                loop = asyncio.get_running_loop()
                await loop.run_in_executor(None, _warm_up, self.full_text)
                try:
                    import multiprocessing

                    self.pool = ProcessPoolExecutor(
                        self.workers, mp_context=multiprocessing.get_context("fork"),
                    )
                except (OSError, ValueError, ImportError):
                    self.pool = ThreadPoolExecutor(1)
        return self.pool

    # -- main ------------------------------------------------------------------------------------

    async def run(self, transport: httpx.AsyncBaseTransport | None, limits: FetchLimits | None,
                  feed_ids: list[int] | None) -> RefreshSummary:
        started = time.perf_counter()
        try:
            rows = await self.in_db(self.store.feed_rows)
            await asyncio.get_running_loop().run_in_executor(self.reader, self.open_reader)
            if feed_ids is not None:
                wanted = set(feed_ids)
                rows = [r for r in rows if r["id"] in wanted]
            else:
                due = [r for r in rows if _due(r)]
                self.summary.skipped_gone = len(rows) - len(due)
                rows = due
            self.progress.feeds_total = len(rows)
            self.tick()
            writer = asyncio.create_task(self.writer())
            try:
                async with Fetcher(transport, limits) as fetcher:
                    self.fetcher = fetcher
                    await asyncio.gather(*(self.one_feed(r) for r in rows))
                self.summary.fetch_seconds = time.perf_counter() - started
                self.summary.peak_buffered_bytes = fetcher.budget.peak_buffered
                self.summary.budget_waits = fetcher.budget.waits
            finally:
                await self.queue.put(None)
                await writer
            if self._pipeline is not None and self._new_ids:  # one repair pass per refresh
                await self.in_db(self._pipeline.relink, self._new_ids)
            if self._pipeline is not None:  # facts once per changed story, not once per batch,
                # computed in the worker processes (both cores) while this writer stores them;
                # a few stories are not worth starting the workers for
                pool = self.pool
                if pool is None and len(await self.in_db(self.store.stale_story_ids, 8)) >= 8:
                    pool = await self.clean_pool()
                await self.in_db(self._pipeline.update_stale_facts, 50, pool)
        finally:
            if self.pool is not None:
                self.pool.shutdown(wait=True, cancel_futures=True)
            self.db.shutdown(wait=True)
            if self.reader_store is not None:
                self.reader.submit(self.reader_store.close).result()
            self.reader.shutdown(wait=True)
        self.summary.seconds = time.perf_counter() - started
        return self.summary

    async def one_feed(self, row: dict[str, Any]) -> None:
        try:
            result = await self.feed_result(row)
        except Exception as e:  # a bug in one feed's handling must not stop the others
            result = _FeedResult(row, [], _failure(row, None, f"internal error: {type(e).__name__}: {e}"),
                                 error=f"internal error: {type(e).__name__}: {e}")
        self.progress.feeds_done += 1
        self.tick()
        if result.error is None and result.update is None:
            self.summary.feeds_unchanged += 1
            return
        await self.queue.put(result)

    async def feed_result(self, row: dict[str, Any]) -> _FeedResult:
        assert self.fetcher is not None
        try:
            # the body counts in the fetcher's budget until it is parsed (and then dropped)
            async with self.fetcher.hold(
                row["url"], etag=row.get("etag"), last_modified=row.get("last_modified"),
            ) as res:
                if res.not_modified:
                    if row.get("last_error") or row.get("failures") or row.get("gone"):
                        return _FeedResult(row, [], _success(row, res, None))
                    return _FeedResult(row, [], None)  # 304: nothing parsed, nothing written
                try:
                    if len(res.content) > 256 * 1024:  # a big feed: let the loop breathe
                        parsed = await asyncio.to_thread(parse_feed, res.content, res.final_url)
                    else:
                        parsed = parse_feed(res.content, res.final_url)
                except FeedError as e:
                    return _FeedResult(row, [], _failure(row, res.status, str(e)), error=str(e))
                finally:
                    res.content = b""
        except FetchError as e:
            return _FeedResult(row, [], _failure(row, e.status, e.message, gone=e.gone),
                               error=e.message)
        new = await self.known(row["id"], parsed.entries)
        self.progress.articles_total += len(new)
        self.tick()
        source = row.get("title") or parsed.title or _site_name(parsed.site_url or row["url"])
        pages_left = MAX_PAGES_PER_FEED if self.full_text else 0
        with_page: list[FeedEntry] = []
        from_feed: list[FeedEntry] = []
        for entry in new:
            if pages_left > 0 and self.wants_page(entry):
                with_page.append(entry)
                pages_left -= 1
            else:
                from_feed.append(entry)
        if entry_urls := [e.url for e in new if e.url]:
            self.urls_this_run.update(entry_urls)
        feed_articles, page_articles = await asyncio.gather(
            self.articles_from_feed(row["id"], source, from_feed),
            asyncio.gather(*(self.article(row["id"], source, e) for e in with_page)),
        )
        articles = await self.prepare([*feed_articles, *page_articles])
        return _FeedResult(row, articles, _success(row, res, parsed))

    async def prepare(self, articles: list[Article]) -> list[Article]:
        """Hash and featurize the feed's new articles in a worker, so the one writer only
        looks up, stores and clusters."""
        if len(articles) < 2:
            return articles
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(await self.clean_pool(), prepare_articles, articles)

    def wants_page(self, entry: FeedEntry) -> bool:
        """Whether the entry's article page is worth fetching: full text is on, the feed's own
        content is not already complete, and no other feed in this refresh has the URL."""
        return bool(
            self.full_text and entry.url and entry.url not in self.urls_this_run
            and word_count(entry.content) < FULL_CONTENT_WORDS
        )

    async def articles_from_feed(self, feed_id: int, source: str,
                                 entries: list[FeedEntry]) -> list[Article]:
        """Articles from the feed's own text (no page). Many or long bodies are cleaned in
        the worker processes, in one job."""
        if not entries:
            return []
        bodies = [e.content or e.summary for e in entries]
        if len(bodies) >= 8 or sum(map(len, bodies)) > 20_000:
            loop = asyncio.get_running_loop()
            cleans = await loop.run_in_executor(await self.clean_pool(), clean_fragments, bodies)
        else:
            cleans = clean_fragments(bodies)
        self.progress.articles_done += len(entries)
        self.tick()
        return [self.build(feed_id, source, e, c) for e, c in zip(entries, cleans, strict=True)]

    @staticmethod
    def new_entries(store: Store, feed_id: int, entries: list[FeedEntry]) -> list[FeedEntry]:
        out = []
        for e in entries:
            if store.known_entry(feed_id, e.external_id, e.url):
                continue
            out.append(e)
        return out

    async def article(self, feed_id: int, source: str, entry: FeedEntry) -> Article:
        try:
            clean = await self.page_article(entry)
        finally:
            self.progress.articles_done += 1
            self.tick()
        return self.build(feed_id, source, entry, clean)

    @staticmethod
    def build(feed_id: int, source: str, entry: FeedEntry, clean: CleanArticle | None) -> Article:
        text = clean.text if clean is not None else ""
        if not text.strip():
            text = html_to_text(entry.content or entry.summary)
        title = entry.title
        if not entry.has_title and clean is not None and clean.title:
            title = clean.title
        return Article(
            id=None, external_id=entry.external_id, feed_id=feed_id, url=entry.url,
            canonical_url=_safe_canonical(entry.url, clean.canonical_url if clean else None),
            title=title, text=text, source=source,
            byline=entry.author or (clean.byline if clean else None),
            published=entry.published or (clean.published if clean else None),
            lang=clean.lang if clean else None,
            removed=list(clean.removed) if clean else [],
        )

    async def page_article(self, entry: FeedEntry) -> CleanArticle | None:
        """The entry's article page, fetched and cleaned; the feed's text if that fails."""
        loop = asyncio.get_running_loop()
        body = entry.content or entry.summary
        assert self.fetcher is not None and entry.url is not None
        async with self.pages_in_hand:
            try:
                # the page counts in the fetcher's budget until it is cleaned
                async with self.fetcher.hold(entry.url, accept=PAGE_ACCEPT,
                                             max_bytes=MAX_PAGE_BYTES) as page:
                    self.summary.pages_fetched += 1
                    ctype = page.content_type
                    if ctype not in HTML_TYPES and not ctype.endswith("+xml"):
                        raise FetchError(f"not an HTML page ({ctype})")
                    try:
                        clean = await loop.run_in_executor(
                            await self.clean_pool(), clean_page, page.content, page.charset,
                            page.final_url,
                        )
                    except Exception:  # one odd page must not fail its feed: keep the feed's text
                        clean = None
                    finally:
                        page.content = b""
            except FetchError:
                self.summary.pages_failed += 1
                return clean_fragment(body)
        if clean is None or word_count(clean.text) < word_count(body):
            fallback = clean_fragment(body)
            if clean is not None:
                fallback.title, fallback.byline = clean.title, clean.byline
                fallback.lang, fallback.canonical_url = clean.lang, clean.canonical_url
            return fallback
        return clean

    # -- the one writer ---------------------------------------------------------------------------

    async def writer(self) -> None:
        """Store finished feeds in batches.

        With full text, storing runs alongside the fetching: the cleaning happens in worker
        processes, so the pipeline's CPU work overlaps it. Without, everything left is in this
        process and ingest is CPU-bound Python that would hold the GIL against the event loop,
        so storing waits until the network work is done (or too much text is waiting)."""
        write_ahead = 1 if self.full_text else WRITE_AHEAD_CHARS
        pending: list[_FeedResult] = []
        chars = 0
        while True:
            item = await self.queue.get()
            if item is not None:
                pending.append(item)
                chars += sum(len(a.text) for a in item.articles)
                if chars < write_ahead:
                    continue
            while pending:
                batch: list[_FeedResult] = []
                size = 0
                while pending and (size < WRITE_BATCH or not batch):
                    batch.append(pending.pop(0))
                    size += len(batch[-1].articles)
                await self.in_db(self.write, batch)
                self.progress.articles_stored += size
                self.tick()
            chars = 0
            if item is None:
                return

    def write(self, batch: list[_FeedResult]) -> None:
        """Store a batch's articles (one transaction), then each feed's new state."""
        articles = [a for r in batch for a in r.articles]
        stored = True
        if articles:
            try:
                if self._pipeline is None:
                    from brief.pipeline import Pipeline

                    self._pipeline = Pipeline(self.store)
                report = self._pipeline.ingest(articles, facts=False, relink=False)
                self._new_ids.extend(report.article_ids)
                self.summary.new_articles += report.new
                self.summary.duplicates += report.duplicates
            except Exception as e:
                stored = False
                message = f"could not store articles: {type(e).__name__}: {str(e)[:160]}"
                for r in batch:
                    if r.articles:
                        r.error = message
                        r.update = _failure(r.row, None, message)
        for r in batch:
            if r.error is not None:
                self.summary.feeds_failed += 1
                self.summary.errors.append((r.row["url"], r.error))
            else:
                self.summary.feeds_ok += 1
            if r.update:
                moved = r.update.get("url")
                if moved and self.store.find_feed(moved) is not None:
                    del r.update["url"]  # already subscribed at the new address
                try:
                    self.store.update_feed(r.row["id"], **r.update)
                except Exception as e:  # the feed may have been removed meanwhile
                    if stored:
                        self.summary.errors.append((r.row["url"], f"could not save feed state: {e}"))


# -- feed state ----------------------------------------------------------------------------------


def _now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def _due(row: dict[str, Any]) -> bool:
    if not row.get("gone"):
        return True
    last = row.get("last_fetched")
    try:
        when = datetime.fromisoformat(last) if last else None
    except ValueError:
        when = None
    if when is None:
        return True
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return datetime.now(UTC) - when >= gone_recheck(row)


def gone_recheck(row: dict[str, Any]) -> timedelta:
    """How long a gone feed rests: a 410 a week; a 404 a day per failure in a row, up to a
    week (a 404 is as often a broken deploy as a removed feed)."""
    if row.get("last_status") == 410:
        return GONE_RECHECK
    return min(GONE_RECHECK, timedelta(days=max(1, int(row.get("failures") or 1))))


def _failure(row: dict[str, Any], status: int | None, message: str, *, gone: bool = False
             ) -> dict[str, Any]:
    return {
        "last_fetched": _now(), "last_status": status, "last_error": message[:500],
        "failures": int(row.get("failures") or 0) + 1, "gone": 1 if gone else 0,
    }


def _success(row: dict[str, Any], res: FetchResult, parsed: ParsedFeed | None) -> dict[str, Any]:
    update: dict[str, Any] = {
        "last_fetched": _now(), "last_status": res.status, "last_error": None, "failures": 0,
        "gone": 0,
    }
    if not res.not_modified:
        update["etag"] = res.etag
        update["last_modified"] = res.last_modified
    if parsed is not None and res.permanent_redirect and res.final_url != row["url"]:
        update["url"] = res.final_url  # moved for good (301/308) and a feed is there
    if parsed is not None:
        if parsed.title and not row.get("title"):
            update["title"] = parsed.title
        if parsed.site_url and not row.get("site_url"):
            update["site_url"] = parsed.site_url
    return update


def _site_name(url: str) -> str:
    host = (urlsplit(url).hostname or url).lower()
    return host[4:] if host.startswith("www.") else host


def _safe_canonical(url: str | None, canonical: str | None) -> str | None:
    """A page's declared canonical URL, unless it points somewhere implausible (another site,
    or a site's front page): a wrong canonical would merge unrelated articles."""
    if not canonical or not url:
        return None
    try:
        a, b = urlsplit(url), urlsplit(canonical)
    except ValueError:
        return None
    if b.scheme not in ("http", "https") or not b.hostname:
        return None
    same_site = (a.hostname or "").removeprefix("www.") == b.hostname.removeprefix("www.")
    if not same_site or b.path.strip("/") == "":
        return None
    return canonical


# -- cleaning (runs in worker processes) ---------------------------------------------------------

_META_CHARSET = re.compile(rb"<meta[^>]+charset=[\"']?([A-Za-z0-9_.:-]+)", re.I)


def decode_html(content: bytes, charset: str | None) -> str:
    """Page bytes as text: BOM, then the HTTP charset, then <meta charset>, then UTF-8."""
    if content.startswith(b"\xef\xbb\xbf"):
        return content[3:].decode("utf-8", errors="replace")
    candidates = [charset]
    m = _META_CHARSET.search(content[:4096])
    if m:
        candidates.append(m.group(1).decode("ascii", "replace"))
    for enc in candidates:
        if not enc:
            continue
        try:
            return content.decode(enc, errors="replace")
        except (LookupError, UnicodeError):  # unknown, or a codec (idna) that cannot replace
            continue
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError:
        return content.decode("cp1252", errors="replace")


def clean_page(content: bytes, charset: str | None, url: str | None) -> CleanArticle | None:
    """Extract the article from a page (the cleaner's extract_html); None if it fails."""
    html = decode_html(content, charset)
    if not html.strip():
        return None
    try:
        from brief.extract import extract_html
    except ImportError:
        return clean_fragment(html)
    try:
        return extract_html(html, url=url)
    except Exception:
        return None


def _warm_up(pages: bool) -> None:
    """Run the cleaning code once so every module it imports lazily is loaded."""
    if pages:
        clean_page(b"<html><head><title>t</title></head><body><article><p>Warm up text for "
                   b"the extractor, long enough to count as a paragraph of an article.</p>"
                   b"</article></body></html>", "utf-8", "http://localhost/warm-up")
    clean_fragment("<p>warm up</p>")
    import brief.facts  # noqa: F401 - story facts are computed in the workers too
    prepare_articles([Article(id=None, external_id=None, title="Warm up",
                              text="Warm up text for the hashing and clustering features.")])


def prepare_articles(articles: list[Article]) -> list[Article]:
    """Worker job: the pure per-article index inputs (see brief.pipeline.prepare_article)."""
    from brief.pipeline import prepare_article

    return [prepare_article(a) for a in articles]


def clean_fragments(bodies: list[str]) -> list[CleanArticle]:
    return [clean_fragment(b) for b in bodies]


def clean_fragment(markup: str | None) -> CleanArticle:
    """A feed's own HTML (summary or full content) as clean text."""
    text = html_to_text(markup)
    removed: list[Removal] = []
    try:
        from brief.clean import clean_text
    except ImportError:
        return CleanArticle(text=text)
    try:
        text, removed = clean_text(text)
    except Exception:
        pass
    return CleanArticle(text=text, removed=list(removed))


# -- a single article page -----------------------------------------------------------------------


def fetch_article(url: str, transport: httpx.AsyncBaseTransport | None = None) -> CleanArticle:
    """Download one article page and clean it (``brief ingest URL``). Raises FetchError."""

    async def go() -> FetchResult:
        async with Fetcher(transport) as f:
            return await f.get(url, accept=PAGE_ACCEPT)

    page = asyncio.run(go())
    if page.content_type not in HTML_TYPES and not page.content_type.endswith("+xml"):
        raise FetchError(f"not an HTML page ({page.content_type}): {url}", url=url)
    clean = clean_page(page.content, page.charset, page.final_url)
    if clean is None or not clean.text.strip():
        raise FetchError(f"no article text found at {url}", url=url)
    if clean.url is None:
        clean.url = page.final_url
    return clean


# -- progress on a terminal ----------------------------------------------------------------------


def run_with_progress(
    store: Store,
    *,
    articles: bool = True,
    show_progress: bool = True,
    console: Any = None,
    transport: httpx.AsyncBaseTransport | None = None,
    feed_ids: list[int] | None = None,
) -> RefreshSummary:
    """``refresh`` with a rich progress bar (feeds and articles) when ``show_progress``."""
    if not show_progress:
        return refresh(store, articles=articles, transport=transport, feed_ids=feed_ids)
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    console = console or Console(stderr=True)
    with Progress(
        TextColumn("{task.description:>8}"), BarColumn(), MofNCompleteColumn(),
        TimeElapsedColumn(), console=console, transient=True,
    ) as bar:
        feeds_task = bar.add_task("feeds", total=None)
        art_task = bar.add_task("articles", total=None, visible=articles)
        store_task = bar.add_task("stored", total=None)

        def show(p: RefreshProgress) -> None:
            bar.update(feeds_task, completed=p.feeds_done, total=p.feeds_total)
            bar.update(art_task, completed=p.articles_done, total=p.articles_total or None)
            bar.update(store_task, completed=p.articles_stored, total=p.articles_total or None)

        return refresh(store, articles=articles, transport=transport, feed_ids=feed_ids,
                       progress=show)
