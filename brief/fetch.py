"""Polite, bounded HTTP fetching (httpx, asyncio).

One :class:`Fetcher` per refresh: a global concurrency limit and a per-host limit, timeouts
(connect, read, and a total deadline per request so a trickling server cannot hold a slot),
redirects followed by hand (at most ``max_redirects``; only http and https, never another
scheme, never a local file), retries with exponential backoff for transient failures,
``Retry-After`` honoured up to a cap, gzip/deflate/brotli decoded here with caps on both the
compressed and the decompressed size (streamed, so a 50 MB response or a gzip bomb costs at
most the cap in memory), a shared budget for the body bytes all downloads hold at once
(:class:`ByteBudget`: 64 hostile bodies in flight cost the budget, not 64 caps), a clear
User-Agent, and conditional GET (ETag / Last-Modified).

Every failure is a :class:`FetchError` whose message is one line a user can act on.
"""

from __future__ import annotations

import asyncio
import collections
import email.utils
import random
import select
import socket
import ssl
import zlib
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpcore
import httpx


def _skip_missing_sniffio() -> None:
    """httpcore tries ``import sniffio`` on every request (to tell asyncio from trio); when it
    is not installed, each failed attempt searches sys.path again (~3 ms of CPU per request,
    a third of a full-text refresh's main process). Recording it as absent makes the same
    ImportError immediate; nothing changes when sniffio is installed."""
    import importlib.util
    import sys

    if "sniffio" not in sys.modules and importlib.util.find_spec("sniffio") is None:
        sys.modules["sniffio"] = None  # type: ignore[assignment]


_skip_missing_sniffio()

USER_AGENT = "brief/0.1 (+https://github.com/brief-reader/brief)"
FEED_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, "
    "application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"
)
PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"

REDIRECTS = {301, 302, 303, 307, 308}
TRANSIENT_STATUS = {408, 425, 429, 500, 502, 503, 504}


@dataclass(slots=True)
class FetchLimits:
    concurrency: int = 64  # requests in flight at once, all hosts together
    per_host: int = 8  # requests in flight at once to one host
    connect_timeout: float = 10.0
    read_timeout: float = 20.0  # silence between two bytes
    total_timeout: float = 60.0  # one request, headers and body, at most this long
    max_redirects: int = 5
    retries: int = 2  # extra attempts after a transient failure
    backoff: float = 0.5  # first retry after this many seconds, doubling
    max_retry_after: float = 30.0  # wait at most this long for a Retry-After
    max_bytes: int = 10 * 1024 * 1024  # decompressed body
    max_compressed_bytes: int = 10 * 1024 * 1024  # body on the wire
    max_buffered_bytes: int = 128 * 1024 * 1024  # decoded bodies held at once, all requests


class FetchError(Exception):
    """A request that gave no usable response. ``status`` is the HTTP status, if any."""

    def __init__(self, message: str, *, status: int | None = None, url: str | None = None,
                 retry_after: float | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.status = status
        self.url = url
        self.retry_after = retry_after

    @property
    def gone(self) -> bool:
        return self.status in (404, 410)


@dataclass(slots=True)
class FetchResult:
    url: str  # what was asked for
    final_url: str  # after redirects
    status: int
    content: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    not_modified: bool = False
    permanent_redirect: bool = False  # every hop was a 301/308: the subscription moved

    @property
    def etag(self) -> str | None:
        return self.headers.get("etag")

    @property
    def last_modified(self) -> str | None:
        return self.headers.get("last-modified")

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()

    @property
    def charset(self) -> str | None:
        for part in self.headers.get("content-type", "").split(";")[1:]:
            k, _, v = part.partition("=")
            if k.strip().lower() == "charset" and v.strip():
                return v.strip().strip('"').lower()
        return None

    def text(self) -> str:
        """The body as text: the declared charset if Python knows it, else UTF-8 (lossy)."""
        for enc in (self.charset, "utf-8"):
            if not enc:
                continue
            try:
                return self.content.decode(enc, errors="replace")
            except (LookupError, UnicodeError):  # unknown, or a codec (idna) that cannot replace
                continue
        return self.content.decode("utf-8", errors="replace")


def check_url(url: str) -> str:
    """The URL if brief may fetch it (absolute http or https), else FetchError."""
    try:
        parts = urlsplit(url.strip())
    except (ValueError, AttributeError):
        raise FetchError(f"not a valid URL: {str(url)[:200]!r}", url=str(url)) from None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        what = f"{scheme}: URL" if scheme else "URL without http:// or https://"
        raise FetchError(f"refused to fetch a {what} (only http and https)", url=url)
    if not parts.hostname:
        raise FetchError(f"not a valid URL (no host): {url[:200]}", url=url)
    try:
        _ = parts.port
    except ValueError:
        raise FetchError(f"not a valid URL (bad port): {url[:200]}", url=url) from None
    return url.strip()


def parse_retry_after(value: str | None) -> float | None:
    """Seconds from a Retry-After header (delta-seconds or an HTTP date), or None."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


_BROTLI_BLOCK = 32752  # brotli's first output block: with this limit, one call yields at most it
_ZLIB_STEP = 64 * 1024  # decoded bytes per step when streaming against the budget


class _Decoder:
    """Content-Encoding decoding with a cap on the output, fed chunk by chunk.

    ``feed`` decodes a whole chunk; the fetcher instead ``push``es a chunk and decodes it in
    ``step``s of at most ``need()`` bytes each, so it can make room in the shared budget
    before the bytes exist (a gzip bomb's 64 KB chunk never becomes 10 MB at once)."""

    def __init__(self, encoding: str, limit: int) -> None:
        self.limit = limit
        self.size = 0
        self.chunks: list[bytes] = []
        self._input: bytes | None = None  # pushed and not yet decoded
        self._more = False  # the last step filled its room: more output may be waiting
        codings = [c.strip().lower() for c in encoding.split(",") if c.strip()]
        codings = [c for c in codings if c != "identity"]
        if len(codings) > 1:
            raise FetchError(f"unsupported stacked Content-Encoding: {encoding[:60]}")
        self.coding = codings[0] if codings else ""
        if self.coding in ("gzip", "x-gzip"):
            self.z: Any = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif self.coding == "deflate":
            self.z = None  # zlib-wrapped or raw: decided on the first bytes
        elif self.coding == "br":
            import brotli

            self.z = brotli.Decompressor()
        elif self.coding:
            raise FetchError(f"unsupported Content-Encoding: {self.coding[:40]}")

    def _emit(self, data: bytes) -> None:
        self.size += len(data)
        if self.size > self.limit:
            raise FetchError(
                f"response too large: more than {self.limit // (1024 * 1024) or self.limit} "
                f"{'MB' if self.limit >= 1024 * 1024 else 'bytes'} once decompressed"
            )
        if data:
            self.chunks.append(data)

    def push(self, chunk: bytes) -> None:
        """Take the next chunk from the wire (call only when ``pending()`` is false)."""
        self._input = chunk

    def pending(self) -> bool:
        return self._input is not None or self._more

    def need(self) -> int:
        """Room (bytes) the next ``step`` may fill."""
        if not self.coding:
            return len(self._input or b"")
        return _BROTLI_BLOCK if self.coding == "br" else _ZLIB_STEP

    def step(self, room: int) -> None:
        """Decode at most ``room`` bytes of output (brotli: at most one block of it)."""
        data, self._input = self._input, None
        self._more = False
        try:
            if not self.coding:
                if data is not None:
                    self._emit(data)
            elif self.coding == "br":
                out = self.z.process(data or b"", output_buffer_limit=max(1, room))
                self._more = len(out) >= max(1, room) and not self.z.is_finished()
                self._emit(out)
            else:
                if self.z is None:
                    chunk = data or b""
                    raw = not (len(chunk) >= 2 and chunk[0] & 0x0F == 8 and
                               ((chunk[0] << 8) | chunk[1]) % 31 == 0)
                    self.z = zlib.decompressobj(-zlib.MAX_WBITS if raw else zlib.MAX_WBITS)
                room = max(1, room)
                out = self.z.decompress(data or b"", room)
                tail = self.z.unconsumed_tail
                self._more = len(out) >= room and not self.z.eof
                if tail:
                    self._input = tail
                elif self.z.eof and self.z.unused_data and self.coding != "deflate":
                    self._input = self.z.unused_data  # another gzip member follows
                    self.z = zlib.decompressobj(16 + zlib.MAX_WBITS)
                self._emit(out)
        except FetchError:
            raise
        except Exception as e:
            raise FetchError(f"corrupt {self.coding} response body ({str(e)[:60]})") from None

    def feed(self, chunk: bytes) -> None:
        self.push(chunk)
        while self.pending():
            self.step(self.limit - self.size + 1)

    def finish(self) -> bytes:
        if self.coding in ("gzip", "x-gzip", "deflate") and self.z is not None:
            try:
                self._emit(self.z.flush())
            except zlib.error:
                pass
        chunks, self.chunks = self.chunks, []
        return chunks[0] if len(chunks) == 1 else b"".join(chunks)


class ByteBudget:
    """The response-body bytes all of one Fetcher's downloads may hold at once.

    Each download reserves room before it decodes into it (:class:`_Lease`), first in small
    steps up to ``small`` bytes, then, if it grows beyond that, all it may still need at once
    (its cap, or its declared length); a reservation that does not fit waits, first come
    first served. Deadlock-free by construction: a download waits holding at most ``small``
    bytes, and ``small`` is chosen so that ``concurrency * small`` plus the largest single
    reservation fit in ``total``, so once everything else is waiting the first waiter fits.
    Bodies handed out by :meth:`Fetcher.hold` stay counted until their block ends; the code
    in such a block must not fetch (it would wait on itself).

    ``buffered``/``peak_buffered`` are the decoded bytes actually held, ``reserved``/
    ``peak_reserved`` what was reserved for them (never more than ``total``), ``waits`` how
    many reservations had to wait. Not counted: the compressed chunk being decoded (one read,
    at most 64 KB per download) and, once a body is complete, the one copy made joining its
    chunks (synchronous, so one body at a time).
    """

    def __init__(self, total: int, largest: int, concurrency: int) -> None:
        self.total = max(1, total)
        self.largest = min(largest, self.total)
        self.small = max(0, (self.total - self.largest) // max(1, concurrency))
        self.reserved = 0
        self.peak_reserved = 0
        self.buffered = 0
        self.peak_buffered = 0
        self.waits = 0
        self._waiters: collections.deque[tuple[int, asyncio.Future[None]]] = collections.deque()

    def lease(self, ceiling: int) -> _Lease:
        return _Lease(self, ceiling)

    async def _acquire(self, n: int, deadline: asyncio.Timeout | None) -> None:
        if not self._waiters and self.reserved + n <= self.total:
            self._take(n)
            return
        loop = asyncio.get_running_loop()
        fut: asyncio.Future[None] = loop.create_future()
        self._waiters.append((n, fut))
        self.waits += 1
        # time spent waiting for room is not the server's: the request's deadline pauses
        when = deadline.when() if deadline is not None else None
        started = loop.time()
        if when is not None:
            deadline.reschedule(None)  # type: ignore[union-attr]
        try:
            await fut
        except BaseException:
            if fut.done() and not fut.cancelled():
                self._release(n)  # granted, then cancelled before it could be used
            else:
                fut.cancel()
                self._wake()  # it may have been first in line
            raise
        if when is not None:
            deadline.reschedule(loop.time() + (when - started))  # type: ignore[union-attr]

    def _take(self, n: int) -> None:
        self.reserved += n
        if self.reserved > self.peak_reserved:
            self.peak_reserved = self.reserved

    def _release(self, n: int) -> None:
        self.reserved -= n
        if self._waiters:
            self._wake()

    def _wake(self) -> None:
        waiters = self._waiters
        while waiters:
            n, fut = waiters[0]
            if fut.done():  # cancelled
                waiters.popleft()
                continue
            if self.reserved + n > self.total:
                return
            waiters.popleft()
            self._take(n)
            fut.set_result(None)

    def _use(self, delta: int) -> None:
        self.buffered += delta
        if self.buffered > self.peak_buffered:
            self.peak_buffered = self.buffered


class _Lease:
    """One download's share of the budget; reusable (released between attempts)."""

    __slots__ = ("budget", "ceiling", "capped", "granted", "used")

    def __init__(self, budget: ByteBudget, ceiling: int) -> None:
        self.budget = budget
        self.granted = 0
        self.used = 0
        self.reset(ceiling)

    def reset(self, ceiling: int) -> None:
        """A new body, at most ``ceiling`` bytes (call with nothing held)."""
        self.capped = ceiling > self.budget.total  # the budget, not the cap, is the limit
        self.ceiling = min(ceiling, self.budget.total)  # the most this download may reserve

    async def cover(self, n: int, deadline: asyncio.Timeout | None = None) -> None:
        """Reserve room for ``n`` bytes in all (at most ``ceiling``), waiting if need be."""
        if n <= self.granted:
            return
        budget = self.budget
        if n <= budget.small:
            target = min(budget.small, max(n, self.granted + _ZLIB_STEP))
        else:
            target = self.ceiling  # beyond the small share: all it may need, at once
        target = min(max(target, min(n, self.ceiling)), self.ceiling)
        if target > self.granted:
            await budget._acquire(target - self.granted, deadline)
            self.granted = target

    def use(self, n: int) -> None:
        """The download now holds ``n`` decoded bytes."""
        if n > self.granted and self.capped:
            raise FetchError(self.too_large())
        self.budget._use(n - self.used)
        self.used = n

    def too_large(self) -> str:
        total = self.budget.total
        size = f"{total // (1024 * 1024)} MB" if total >= 1024 * 1024 else f"{total} bytes"
        return (f"response too large: more than {size}, all that downloads in flight "
                "may hold together")

    def shrink(self) -> None:
        """Give back what was reserved and not used (the body is complete)."""
        if self.granted > self.used:
            self.budget._release(self.granted - self.used)
            self.granted = self.used

    def release(self) -> None:
        self.budget._use(-self.used)
        granted, self.granted, self.used = self.granted, 0, 0
        if granted:
            self.budget._release(granted)


Sleep = Callable[[float], Awaitable[None]]


class _Cookies(httpx.Cookies):
    """The client's cookie jar, which looks at a response only when it sets a cookie: httpx
    otherwise builds urllib request and response stand-ins for every response (a tenth of
    the CPU a request costs). Cookies are kept and sent back exactly as before."""

    def extract_cookies(self, response: httpx.Response) -> None:
        if "set-cookie" in response.headers:
            super().extract_cookies(response)


class _QuickBackend(httpcore.AsyncNetworkBackend):
    """httpcore's network backend, with one change to the streams it opens: before every
    request httpcore asks each idle pooled connection whether its socket is readable (a
    server that hung up), and anyio answers by rebuilding its table of socket attributes,
    a getpeername() call included, each time. Here the socket is looked up once per stream
    and polled directly, as httpcore itself then does."""

    def __init__(self, inner: httpcore.AsyncNetworkBackend) -> None:
        self._inner = inner

    async def connect_tcp(self, host: str, port: int, timeout: float | None = None,
                          local_address: str | None = None,
                          socket_options: Any = None) -> httpcore.AsyncNetworkStream:
        return _quick_readable(await self._inner.connect_tcp(
            host, port, timeout=timeout, local_address=local_address,
            socket_options=socket_options,
        ))

    async def connect_unix_socket(self, path: str, timeout: float | None = None,
                                  socket_options: Any = None) -> httpcore.AsyncNetworkStream:
        return await self._inner.connect_unix_socket(path, timeout=timeout,
                                                     socket_options=socket_options)

    async def sleep(self, seconds: float) -> None:
        await self._inner.sleep(seconds)


def _quick_readable(stream: httpcore.AsyncNetworkStream) -> httpcore.AsyncNetworkStream:
    """``stream`` answering ``get_extra_info("is_readable")`` from its socket, looked up once
    (and the same for the TLS stream ``start_tls`` makes of it)."""
    sock = stream.get_extra_info("socket")
    slow_info = stream.get_extra_info
    slow_tls = stream.start_tls

    def get_extra_info(info: str) -> Any:
        if info == "is_readable":
            return _is_readable(sock)
        return slow_info(info)

    async def start_tls(*args: Any, **kw: Any) -> httpcore.AsyncNetworkStream:
        return _quick_readable(await slow_tls(*args, **kw))

    if sock is not None:
        setattr(stream, "get_extra_info", get_extra_info)  # noqa: B010 - an instance's method
        setattr(stream, "start_tls", start_tls)  # noqa: B010
    return stream


def _is_readable(sock: Any) -> bool:
    """httpcore's ``is_socket_readable``: readable data waiting, or no socket any more."""
    fd = sock.fileno()
    if fd < 0:
        return True
    if not hasattr(select, "poll"):  # pragma: no cover - Windows
        return bool(select.select([fd], [], [], 0)[0])
    p = select.poll()
    p.register(fd, select.POLLIN)
    return bool(p.poll(0))


def _lighten(client: httpx.AsyncClient) -> None:
    """The two per-request savings above, where this httpx has the parts they replace."""
    if isinstance(getattr(client, "_cookies", None), httpx.Cookies):
        client._cookies = _Cookies()
    pool = getattr(getattr(client, "_transport", None), "_pool", None)
    backend = getattr(pool, "_network_backend", None)
    if isinstance(backend, httpcore.AsyncNetworkBackend):
        pool._network_backend = _QuickBackend(backend)  # type: ignore[union-attr]


class Fetcher:
    """Use as ``async with Fetcher(...) as f: await f.get(url)``."""

    def __init__(
        self,
        transport: httpx.AsyncBaseTransport | None = None,
        limits: FetchLimits | None = None,
        *,
        user_agent: str = USER_AGENT,
        sleep: Sleep | None = None,
    ) -> None:
        self.limits = limits or FetchLimits()
        self.transport = transport
        self.user_agent = user_agent
        self.sleep: Sleep = sleep or asyncio.sleep
        self._client: httpx.AsyncClient | None = None  # with a caller's transport: one client
        self._clients: dict[str, httpx.AsyncClient] = {}  # else one per host (see _client_for)
        self._ssl: ssl.SSLContext | None = None
        self._open = False
        self._global: asyncio.Semaphore | None = None
        self._hosts: dict[str, asyncio.Semaphore] = {}
        self.requests = 0  # requests sent, retries and redirects included
        self.budget = self._new_budget()

    def _new_budget(self) -> ByteBudget:
        lim = self.limits
        return ByteBudget(lim.max_buffered_bytes, lim.max_bytes + 1, lim.concurrency)

    def _new_client(self, connections: int, **kw: Any) -> httpx.AsyncClient:
        lim = self.limits
        client = httpx.AsyncClient(
            follow_redirects=False,
            timeout=httpx.Timeout(
                connect=lim.connect_timeout, read=lim.read_timeout, write=lim.read_timeout,
                pool=None,
            ),
            limits=httpx.Limits(
                max_connections=connections, max_keepalive_connections=connections,
            ),
            headers={"User-Agent": self.user_agent, "Accept-Encoding": "gzip, deflate, br"},
            trust_env=False,  # no proxies or .netrc credentials from the environment
            **kw,
        )
        _lighten(client)
        return client

    async def __aenter__(self) -> Fetcher:
        if self.transport is not None:
            self._client = self._new_client(self.limits.concurrency, transport=self.transport)
        self._global = asyncio.Semaphore(self.limits.concurrency)
        self.budget = self._new_budget()
        self._open = True
        return self

    async def __aexit__(self, *exc: object) -> None:
        clients = list(self._clients.values()) + ([self._client] if self._client else [])
        self._clients.clear()
        self._client = None
        self._open = False
        for client in clients:
            try:
                await client.aclose()
            except Exception:
                pass

    def _client_for(self, url: str) -> httpx.AsyncClient:
        """One connection pool per host. httpcore scans every pooled connection on each
        request, so a single pool of 64 connections costs more CPU than the parsing; a pool
        per host never holds more than ``per_host`` connections. One TLS context for all."""
        if self._client is not None:
            return self._client
        parts = urlsplit(url)
        key = f"{parts.scheme}://{parts.netloc}".lower()
        client = self._clients.get(key)
        if client is None:
            if self._ssl is None:
                import certifi

                self._ssl = ssl.create_default_context(cafile=certifi.where())
            client = self._clients[key] = self._new_client(self.limits.per_host, verify=self._ssl)
        return client

    def _host_slot(self, url: str) -> asyncio.Semaphore:
        host = (urlsplit(url).hostname or "").lower()
        sem = self._hosts.get(host)
        if sem is None:
            sem = self._hosts[host] = asyncio.Semaphore(self.limits.per_host)
        return sem

    async def get(
        self, url: str, *, etag: str | None = None, last_modified: str | None = None,
        accept: str = FEED_ACCEPT, max_bytes: int | None = None,
    ) -> FetchResult:
        """GET with redirects, retries and caps (``max_bytes`` lowers the body cap for this
        request). Raises FetchError. The body leaves the budget when it is returned."""
        lease = self.budget.lease(0)
        try:
            return await self._get(url, etag, last_modified, accept, max_bytes, lease)
        finally:
            lease.release()

    @asynccontextmanager
    async def hold(
        self, url: str, *, etag: str | None = None, last_modified: str | None = None,
        accept: str = FEED_ACCEPT, max_bytes: int | None = None,
    ) -> AsyncIterator[FetchResult]:
        """``async with fetcher.hold(url) as res:`` like :meth:`get`, but the body stays
        counted in the budget until the block ends: for a body that is worked on (parsed,
        cleaned) before it is dropped. Never fetch inside the block."""
        lease = self.budget.lease(0)
        try:
            yield await self._get(url, etag, last_modified, accept, max_bytes, lease)
        finally:
            lease.release()

    async def _get(
        self, url: str, etag: str | None, last_modified: str | None, accept: str,
        max_bytes: int | None, lease: _Lease,
    ) -> FetchResult:
        if not self._open:
            raise RuntimeError("Fetcher used outside 'async with'")
        start = check_url(url)
        current = start
        seen = {current}
        permanent = True
        for _hop in range(self.limits.max_redirects + 1):
            headers = {"Accept": accept}
            if etag:
                headers["If-None-Match"] = etag
            if last_modified:
                headers["If-Modified-Since"] = last_modified
            status, resp_headers, body = await self._with_retries(current, headers, max_bytes,
                                                                  lease)
            if status in REDIRECTS and resp_headers.get("location"):
                location = resp_headers["location"].strip()
                try:
                    target = urljoin(current, location)
                except ValueError:
                    raise FetchError(f"bad redirect target: {location[:200]}",
                                     status=status, url=start) from None
                try:
                    check_url(target)
                except FetchError:
                    raise FetchError(
                        f"refused redirect to a non-HTTP URL: {target[:200]}", status=status,
                        url=start,
                    ) from None
                if target in seen:
                    raise FetchError(f"redirect loop at {target[:200]}", status=status, url=start)
                seen.add(target)
                permanent = permanent and status in (301, 308)
                current = target
                continue
            if status == 304:
                return FetchResult(start, current, 304, b"", resp_headers, not_modified=True,
                                   permanent_redirect=permanent and current != start)
            if status >= 400 or status < 200:
                raise FetchError(_status_message(status, resp_headers), status=status, url=start)
            return FetchResult(start, current, status, body, resp_headers,
                               permanent_redirect=permanent and current != start)
        raise FetchError(
            f"too many redirects (more than {self.limits.max_redirects})", url=start,
        )

    async def _with_retries(
        self, url: str, headers: dict[str, str], max_bytes: int | None, lease: _Lease,
    ) -> tuple[int, dict[str, str], bytes]:
        lim = self.limits
        attempt = 0
        while True:
            try:
                status, resp_headers, body = await self._once(url, headers, max_bytes, lease)
            except FetchError as e:
                if e.retry_after is None or attempt >= lim.retries:
                    raise
                delay = e.retry_after
            else:
                if status not in TRANSIENT_STATUS or attempt >= lim.retries:
                    return status, resp_headers, body
                retry_after = parse_retry_after(resp_headers.get("retry-after"))
                if retry_after is not None and retry_after > lim.max_retry_after:
                    return status, resp_headers, body  # not worth waiting for: try next refresh
                delay = retry_after if retry_after is not None else (
                    lim.backoff * (2**attempt) * (1 + random.random() / 4)
                )
            attempt += 1
            await self.sleep(min(delay, lim.max_retry_after))

    async def _once(
        self, url: str, headers: dict[str, str], max_bytes: int | None, lease: _Lease,
    ) -> tuple[int, dict[str, str], bytes]:
        """One request. Transport failures raise FetchError (retry_after set if transient)."""
        lease.release()  # whatever an earlier attempt or hop held
        try:
            return await self._attempt(url, headers, max_bytes, lease)
        except BaseException:
            lease.release()
            raise

    async def _attempt(
        self, url: str, headers: dict[str, str], max_bytes: int | None, lease: _Lease,
    ) -> tuple[int, dict[str, str], bytes]:
        assert self._global is not None
        client = self._client_for(url)
        lim = self.limits
        async with self._host_slot(url), self._global:  # host first: no global slot idles
            self.requests += 1
            request: httpx.Request | None = None
            try:
                async with asyncio.timeout(lim.total_timeout) as deadline:
                    request = client.build_request("GET", url, headers=headers)
                    response = await client.send(request, stream=True)
                    try:
                        resp_headers = {k.lower(): v for k, v in response.headers.items()}
                        if response.status_code in REDIRECTS or response.status_code == 304 or (
                            response.status_code >= 400
                        ):
                            return response.status_code, resp_headers, b""
                        body = await self._read_body(response, resp_headers, max_bytes, lease,
                                                     deadline)
                        return response.status_code, resp_headers, body
                    finally:
                        await response.aclose()
            except TimeoutError:
                raise FetchError(
                    f"took longer than {lim.total_timeout:g} s", url=url
                ) from None
            except httpx.HTTPError as e:
                raise _transport_error(e, url, lim) from None
            except httpx.InvalidURL as e:  # httpx parses a Location even when not following it
                if request is None:  # the URL itself (too long, characters httpx refuses)
                    raise FetchError(f"not a valid URL ({str(e)[:80]}): {url[:200]}",
                                     url=url) from None
                raise FetchError(
                    f"refused redirect to an invalid or non-HTTP URL ({str(e)[:80]})", url=url,
                ) from None

    async def _read_body(
        self, response: httpx.Response, headers: dict[str, str], max_bytes: int | None,
        lease: _Lease, deadline: asyncio.Timeout | None = None,
    ) -> bytes:
        """The body, decoded, each step's room reserved in the budget before it is decoded."""
        lim = self.limits
        if max_bytes is not None and max_bytes < lim.max_bytes:
            lim = replace(lim, max_bytes=max_bytes,
                          max_compressed_bytes=min(max_bytes, lim.max_compressed_bytes))
        declared = headers.get("content-length", "")
        length = int(declared) if declared.isdigit() else None
        if length is not None and length > lim.max_compressed_bytes:
            raise FetchError(
                f"response too large: {length // (1024 * 1024)} MB "
                f"(limit {lim.max_compressed_bytes // (1024 * 1024)} MB)"
            )
        encoding = headers.get("content-encoding", "")
        decoder = _Decoder(encoding, lim.max_bytes)
        exact = length is not None and not decoder.coding  # the decoded size is known
        lease.reset(length if exact and length is not None else lim.max_bytes + 1)
        if response.is_stream_consumed:  # an in-memory response (httpx.MockTransport), decoded
            body = response.content
            if len(body) > lim.max_bytes:
                raise FetchError(
                    f"response too large: more than {lim.max_bytes // (1024 * 1024)} MB"
                )
            await lease.cover(len(body), deadline)
            lease.use(len(body))
            return body
        if exact and length:
            if lease.capped:
                raise FetchError(lease.too_large())
            await lease.cover(length, deadline)  # all of it, once
        received = 0
        async for chunk in response.aiter_raw():
            received += len(chunk)
            if received > lim.max_compressed_bytes:
                raise FetchError(
                    f"response too large: more than {lim.max_compressed_bytes // (1024 * 1024)} MB"
                )
            decoder.push(chunk)
            while decoder.pending():
                room = lease.granted - decoder.size
                need = decoder.need()
                if room < need:
                    await lease.cover(decoder.size + need, deadline)
                    room = lease.granted - decoder.size
                decoder.step(room)
                lease.use(decoder.size)
        body = decoder.finish()
        lease.use(len(body))
        lease.shrink()
        return body


def _backoff(lim: FetchLimits, attempt: int) -> float:
    return lim.backoff * (2**attempt)


_REASONS = {
    400: "Bad Request", 401: "Unauthorized (the feed needs a login)", 403: "Forbidden",
    404: "Not Found", 405: "Method Not Allowed", 406: "Not Acceptable", 408: "Request Timeout",
    410: "Gone (removed for good)", 429: "Too Many Requests", 451: "Unavailable For Legal Reasons",
    500: "Internal Server Error", 502: "Bad Gateway", 503: "Service Unavailable",
    504: "Gateway Timeout",
}


def _status_message(status: int, headers: dict[str, str]) -> str:
    msg = f"HTTP {status} {_REASONS.get(status, 'error')}".rstrip()
    if status in REDIRECTS:
        msg = f"HTTP {status} redirect without a Location header"
    retry_after = parse_retry_after(headers.get("retry-after"))
    if retry_after is not None and status in TRANSIENT_STATUS:
        msg += f" (server asks to retry after {retry_after:.0f} s)"
    return msg


def _causes(e: BaseException) -> list[BaseException]:
    """The exceptions behind ``e`` (its __cause__/__context__ chain and exception groups)."""
    out: list[BaseException] = []
    todo = [e.__cause__, e.__context__]
    while todo and len(out) < 20:
        c = todo.pop()
        if c is None or c in out:
            continue
        out.append(c)
        todo += [c.__cause__, c.__context__]
        if isinstance(c, BaseExceptionGroup):
            todo += list(c.exceptions)
    return out


def _transport_error(e: httpx.HTTPError, url: str, lim: FetchLimits) -> FetchError:
    host = urlsplit(url).hostname or url
    detail = str(e).strip().splitlines()[0][:120] if str(e).strip() else type(e).__name__
    transient = _backoff(lim, 0)
    # Timeouts are not retried: a slow server would hold its feed for several timeouts.
    if isinstance(e, httpx.ConnectTimeout):
        return FetchError(f"could not connect to {host}: timed out", url=url)
    if isinstance(e, httpx.ReadTimeout):
        return FetchError(
            f"{host} stopped responding (nothing for {lim.read_timeout:g} s)", url=url,
        )
    if isinstance(e, httpx.TimeoutException):
        return FetchError(f"timed out talking to {host}", url=url)
    if isinstance(e, httpx.ConnectError):
        low = " ".join([detail, *(str(c) for c in _causes(e))]).lower()
        if any(isinstance(c, ConnectionRefusedError) for c in _causes(e)):
            return FetchError(f"connection refused by {host}", url=url, retry_after=transient)
        if any(isinstance(c, socket.gaierror) for c in _causes(e)):
            return FetchError(f"DNS lookup failed for {host}", url=url)
        if any(isinstance(c, ssl.SSLError) for c in _causes(e)):
            return FetchError(f"TLS error with {host}: {detail}", url=url)
        if any(s in low for s in ("name or service", "nodename", "getaddrinfo", "name resolution",
                                  "no address associated", "temporary failure in name")):
            return FetchError(f"DNS lookup failed for {host}", url=url)
        if any(s in low for s in ("ssl", "certificate", "tls", "handshake")):
            return FetchError(f"TLS error with {host}: {detail}", url=url)
        if "refused" in low:
            return FetchError(f"connection refused by {host}", url=url, retry_after=transient)
        return FetchError(f"could not connect to {host}: {detail}", url=url, retry_after=transient)
    if isinstance(e, httpx.RemoteProtocolError | httpx.ReadError):
        return FetchError(
            f"connection to {host} broke off mid-response ({detail})", url=url,
            retry_after=transient,
        )
    if isinstance(e, httpx.UnsupportedProtocol):
        return FetchError(f"refused to fetch {url[:200]} (only http and https)", url=url)
    if isinstance(e, httpx.InvalidURL):
        return FetchError(f"not a valid URL: {url[:200]}", url=url)
    return FetchError(f"request to {host} failed: {detail}", url=url)


async def fetch_once(url: str, transport: httpx.AsyncBaseTransport | None = None,
                     accept: str = PAGE_ACCEPT) -> FetchResult:
    """One GET with the default limits (for ``brief add`` and ``brief ingest URL``)."""
    async with Fetcher(transport) as f:
        return await f.get(url, accept=accept)
