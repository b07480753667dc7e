"""The fetcher's per-request savings change nothing a server sees: cookies are still kept and
sent back, and a pooled connection the server closed while idle is still noticed."""

from __future__ import annotations

import asyncio
import socket
import threading
import time

from brief.fetch import Fetcher, FetchLimits, _Cookies, _QuickBackend
from tests.loopback import Route, serve


def test_cookies_are_kept_and_sent_back() -> None:
    with serve() as lb:
        set_it = lb.add("/login", Route(b"hi", headers={"Set-Cookie": "session=abc; Path=/"}))
        plain = lb.add("/page", Route(b"page"))

        async def go() -> None:
            async with Fetcher() as f:
                assert (await f.get(plain)).content == b"page"
                assert (await f.get(set_it)).content == b"hi"
                assert (await f.get(plain)).content == b"page"
                client = f._client_for(plain)
                assert isinstance(client._cookies, _Cookies)
                assert isinstance(client._transport._pool._network_backend,  # type: ignore[attr-defined]
                                  _QuickBackend)

        asyncio.run(go())
        assert [r.headers.get("cookie") for r in lb.requests] == [None, None, "session=abc"]


def test_an_idle_connection_the_server_closed_is_not_reused() -> None:
    """A keep-alive server that hangs up 0.1 s after each response: the second request must
    notice (the socket reads as closed) and open a new connection, not fail."""
    srv = socket.socket()
    srv.bind(("127.0.0.1", 0))
    srv.listen(8)
    port = srv.getsockname()[1]
    accepted: list[int] = []

    def serve_one(conn: socket.socket) -> None:
        with conn:
            data = b""
            while b"\r\n\r\n" not in data:
                chunk = conn.recv(4096)
                if not chunk:
                    return
                data += chunk
            conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Type: text/plain\r\n\r\nok")
            time.sleep(0.1)  # then hang up while the client keeps the connection pooled

    def accept_loop() -> None:
        while True:
            try:
                conn, _ = srv.accept()
            except OSError:
                return
            accepted.append(1)
            threading.Thread(target=serve_one, args=(conn,), daemon=True).start()

    threading.Thread(target=accept_loop, daemon=True).start()
    url = f"http://127.0.0.1:{port}/x"

    async def go() -> list[bytes]:
        async with Fetcher(limits=FetchLimits(retries=0)) as f:  # no retry to hide a failure
            first = (await f.get(url)).content
            await asyncio.sleep(0.4)
            second = (await f.get(url)).content
            return [first, second]

    try:
        assert asyncio.run(go()) == [b"ok", b"ok"]
        assert len(accepted) == 2  # a new connection for the second request
    finally:
        srv.close()
