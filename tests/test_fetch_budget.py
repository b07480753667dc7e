"""The fetcher's shared byte budget: all downloads in flight together hold at most
``FetchLimits.max_buffered_bytes`` of body (tests/loopback.py serves the bodies)."""

from __future__ import annotations

import asyncio
import gzip
import random
import time
from collections.abc import Iterator

import brotli
import pytest

from brief.fetch import ByteBudget, Fetcher, FetchError, FetchLimits
from brief.refresh import refresh
from cache.store import Store
from tests.loopback import Loopback, Route, serve

MB = 1024 * 1024


@pytest.fixture
def server() -> Iterator[Loopback]:
    with serve() as lb:
        yield lb


def noise(n: int, seed: int) -> bytes:
    """Incompressible bytes (so the compressed bodies are as large on the wire)."""
    return random.Random(seed).randbytes(n)


def pieces(data: bytes, size: int = 64 * 1024) -> list[bytes]:
    return [data[i:i + size] for i in range(0, len(data), size)]


def limits(budget: int, **kw: object) -> FetchLimits:
    base: dict[str, object] = dict(concurrency=24, per_host=24, max_bytes=2 * MB,
                                   max_compressed_bytes=2 * MB, backoff=0.01, read_timeout=15.0,
                                   total_timeout=20.0, max_buffered_bytes=budget)
    base.update(kw)
    return FetchLimits(**base)  # type: ignore[arg-type]


def large_routes(lb: Loopback, n: int, size: int, delay: float = 0.04) -> dict[str, bytes]:
    """``n`` large bodies of every kind, each trickling in over ~0.3 s so they overlap:
    declared length, chunked (no length), gzip and brotli (decoded size unknown)."""
    out = {}
    for i in range(n):
        data = noise(size, i)
        kind = i % 4
        if kind == 0:
            route = Route(data, content_type="text/html", delay=0.2)
        elif kind == 1:
            route = Route(chunks=pieces(data), chunk_delay=delay, content_type="text/html")
        elif kind == 2:
            route = Route(chunks=pieces(gzip.compress(data)), chunk_delay=delay,
                          headers={"Content-Encoding": "gzip"}, content_type="text/html")
        else:
            route = Route(chunks=pieces(brotli.compress(data)), chunk_delay=delay,
                          headers={"Content-Encoding": "br"}, content_type="text/html")
        out[lb.add(f"/big{i}", route)] = data
    return out


async def fetch_all(lim: FetchLimits, urls: list[str]) -> tuple[list[bytes | str], ByteBudget]:
    async with Fetcher(limits=lim) as f:
        async def one(u: str) -> bytes | str:
            try:
                return (await f.get(u)).content
            except FetchError as e:
                return e.message

        got = await asyncio.wait_for(asyncio.gather(*(one(u) for u in urls)), 60)
        return list(got), f.budget


def test_many_large_bodies_at_once_stay_within_the_budget(server: Loopback) -> None:
    big = large_routes(server, 24, MB // 2)
    small = {server.add(f"/s{i}", Route(f"small {i}".encode())): f"small {i}".encode()
             for i in range(30)}
    want = {**big, **small}
    urls = list(want)  # every slot busy with a large body first

    budget = 3 * MB
    got, spent = asyncio.run(fetch_all(limits(budget, max_bytes=MB, max_compressed_bytes=MB),
                                       urls))
    assert got == [want[u] for u in urls]  # every body, large and small, arrives whole
    assert 0 < spent.peak_buffered <= budget
    assert spent.peak_reserved <= budget
    assert spent.waits > 0  # the budget did hold downloads back
    assert spent.reserved == 0 and spent.buffered == 0  # everything given back

    # the same downloads without a shared budget: more than the budget in memory at once
    got, free = asyncio.run(fetch_all(limits(1024 * MB, max_bytes=MB, max_compressed_bytes=MB),
                                      urls))
    assert got == [want[u] for u in urls]
    assert free.peak_buffered > budget and free.waits == 0, free.peak_buffered


def test_a_body_larger_than_the_whole_budget_fails_alone(server: Loopback) -> None:
    big = large_routes(server, 4, 2 * MB - 1000)
    small = [server.add(f"/s{i}", Route(b"fine")) for i in range(10)]
    got, spent = asyncio.run(fetch_all(limits(1 * MB), [*big, *small]))
    for message in got[:4]:
        assert message == ("response too large: more than 1 MB, all that downloads in flight "
                           "may hold together")
    assert got[4:] == [b"fine"] * 10
    assert spent.peak_buffered <= 1 * MB and spent.reserved == 0


def test_waiting_for_room_does_not_count_against_the_request_deadline(server: Loopback) -> None:
    # room for one body at a time; each takes ~0.4 s, so the last waits ~1.2 s: longer than
    # the 1 s deadline, which only counts time spent on the server
    data = noise(1 * MB, 9)
    urls = [server.add(f"/slow{i}", Route(chunks=pieces(data, 128 * 1024), chunk_delay=0.05))
            for i in range(4)]
    got, spent = asyncio.run(fetch_all(limits(int(2.2 * MB), total_timeout=1.0), urls))
    assert got == [data] * 4
    assert spent.waits >= 3 and spent.peak_buffered <= 2.2 * MB


def test_the_budget_never_deadlocks_and_cancelled_waiters_give_back() -> None:
    """Random downloads against the budget alone (no network): each grows step by step as a
    download does; some are cancelled while waiting. All finish, nothing leaks."""
    async def go() -> ByteBudget:
        budget = ByteBudget(4 * MB, 1 * MB + 1, 16)
        rng = random.Random(5)

        async def download(size: int) -> None:
            lease = budget.lease(1 * MB + 1)
            try:
                held = 0
                while held < size:
                    held = min(size, held + rng.randint(1, 200_000))
                    await lease.cover(held)
                    assert lease.granted >= held
                    lease.use(held)
                    assert budget.reserved <= budget.total
                    await asyncio.sleep(rng.random() / 1000)
                lease.shrink()
                await asyncio.sleep(rng.random() / 500)  # held after the download (parsing)
            finally:
                lease.release()

        sem = asyncio.Semaphore(16)  # the fetcher's concurrency

        async def limited(size: int) -> None:
            async with sem:
                await download(size)

        tasks = [asyncio.create_task(limited(rng.randint(1, 1 * MB))) for _ in range(300)]
        await asyncio.sleep(0.01)
        for t in tasks[::7]:
            t.cancel()
        await asyncio.wait_for(asyncio.gather(*tasks, return_exceptions=True), 30)
        return budget

    budget = asyncio.run(go())
    assert budget.reserved == 0 and budget.buffered == 0 and not budget._waiters
    assert budget.peak_reserved <= budget.total and budget.waits > 0


def test_a_refresh_of_many_large_feeds_keeps_every_small_feed(server: Loopback,
                                                            store: Store) -> None:
    def feed(name: str, n: int, pad: int) -> bytes:
        items = "".join(f"<item><title>{name} story {i}</title><link>{server.url(f'/{name}/{i}')}"
                        f"</link><guid>{name}-{i}</guid><description>Summary {i} of {name}."
                        "</description></item>" for i in range(n))
        padding = f"<!-- {'x' * pad} -->" if pad else ""
        return (f"<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel>"
                f"<title>{name}</title><link>{server.url('/')}</link>{padding}{items}"
                "</channel></rss>").encode()

    for i in range(16):  # large feeds, trickling in so they are in flight together
        body = feed(f"big{i}", 2, int(1.2 * MB))
        store.add_feed(server.add(f"/big{i}.xml", Route(chunks=pieces(body), chunk_delay=0.01)))
    for i in range(30):
        store.add_feed(server.add(f"/small{i}.xml", Route(feed(f"small{i}", 3, 0))))
    budget = 5 * MB
    started = time.perf_counter()
    summary = refresh(store, articles=False, limits=limits(budget, retries=0), workers=1)
    assert time.perf_counter() - started < 60
    assert summary.feeds_failed == 0, summary.errors
    assert summary.feeds_ok == 46 and summary.new_articles == 16 * 2 + 30 * 3
    assert 0 < summary.peak_buffered_bytes <= budget
    assert summary.budget_waits > 0
