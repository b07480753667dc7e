"""A fault-injecting HTTP server on 127.0.0.1 for the reliability tests.

Each path maps to a *fault*: a function that writes whatever it likes to the client socket,
well-formed or not. The factories below cover what hostile or broken servers do: answer too
slowly, trickle, reset the connection mid-body, send a status with or without Retry-After,
redirect in loops or to other schemes, stream 50 MB, send a gzip bomb, or send bytes that are
not HTTP at all. Large bodies are streamed from one reusable chunk, so the server itself holds
almost nothing in memory (the tests measure the client's memory in the same process).

Only ever binds 127.0.0.1.
"""

from __future__ import annotations

import gzip
import socket
import threading
import time
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Hit:
    path: str
    headers: dict[str, str]


Fault = Callable[[BaseHTTPRequestHandler], None]


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 256  # listen backlog: many clients at once must not be turned away


class FaultServer:
    def __init__(self) -> None:
        self.routes: dict[str, Fault] = {}
        self.hits: list[Hit] = []
        self._lock = threading.Lock()
        self.server = _Server(("127.0.0.1", 0), _handler_class(self))
        self.port = self.server.server_address[1]
        self._thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    def url(self, path: str, scheme: str = "http") -> str:
        return f"{scheme}://127.0.0.1:{self.port}{path}"

    def add(self, path: str, fault: Fault) -> str:
        self.routes[path] = fault
        return self.url(path)

    def count(self, path: str) -> int:
        with self._lock:
            return sum(1 for h in self.hits if h.path == path)

    def start(self) -> FaultServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@contextmanager
def serve() -> Iterator[FaultServer]:
    fs = FaultServer().start()
    try:
        yield fs
    finally:
        fs.stop()


def _handler_class(fs: FaultServer) -> type[BaseHTTPRequestHandler]:
    class H(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:  # noqa: N802
            with fs._lock:
                fs.hits.append(Hit(self.path, {k.lower(): v for k, v in self.headers.items()}))
            fault = fs.routes.get(self.path) or fs.routes.get(self.path.split("?")[0])
            self.close_connection = True
            try:
                (fault or status(404))(self)
            except OSError:
                pass  # the client went away (it gave up, as it should)

    return H


# -- building blocks -----------------------------------------------------------------------------


def _head(h: BaseHTTPRequestHandler, code: int, headers: dict[str, str]) -> None:
    h.send_response(code)
    for k, v in headers.items():
        h.send_header(k, v)
    h.send_header("Connection", "close")
    h.end_headers()


def respond(body: bytes = b"", *, code: int = 200,
            content_type: str = "application/rss+xml; charset=utf-8",
            headers: dict[str, str] | None = None) -> Fault:
    """A complete, well-formed response."""

    def fault(h: BaseHTTPRequestHandler) -> None:
        hdrs = {"Content-Type": content_type, "Content-Length": str(len(body)), **(headers or {})}
        _head(h, code, hdrs)
        h.wfile.write(body)

    return fault


def conditional(body: bytes, etag: str,
                content_type: str = "application/rss+xml; charset=utf-8") -> Fault:
    """200 with an ETag, or 304 when the request carries that ETag in If-None-Match."""
    full = respond(body, content_type=content_type, headers={"ETag": etag})

    def fault(h: BaseHTTPRequestHandler) -> None:
        if h.headers.get("If-None-Match") == etag:
            _head(h, 304, {"ETag": etag})
            return
        full(h)

    return fault


def status(code: int, *, retry_after: str | None = None, body: bytes = b"error") -> Fault:
    headers = {"Retry-After": retry_after} if retry_after is not None else {}
    return respond(body, code=code, content_type="text/plain", headers=headers)


def redirect(location: str, code: int = 302) -> Fault:
    return respond(b"", code=code, content_type="text/plain", headers={"Location": location})


def slow(fault: Fault, delay: float) -> Fault:
    """Say nothing for ``delay`` seconds, then answer."""

    def wrapped(h: BaseHTTPRequestHandler) -> None:
        time.sleep(delay)
        fault(h)

    return wrapped


def trickle(chunk: bytes, count: int, interval: float) -> Fault:
    """A chunked body, one small chunk every ``interval`` seconds (never silent for long)."""

    def fault(h: BaseHTTPRequestHandler) -> None:
        _head(h, 200, {"Content-Type": "application/rss+xml", "Transfer-Encoding": "chunked"})
        for _ in range(count):
            h.wfile.write(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
            h.wfile.flush()
            time.sleep(interval)
        h.wfile.write(b"0\r\n\r\n")

    return fault


def reset_mid_body(body: bytes, after: int) -> Fault:
    """Declare the whole length, send ``after`` bytes, then reset the connection (RST)."""

    def fault(h: BaseHTTPRequestHandler) -> None:
        _head(h, 200, {"Content-Type": "application/rss+xml", "Content-Length": str(len(body))})
        h.wfile.write(body[:after])
        h.wfile.flush()
        h.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER,
                                b"\x01\x00\x00\x00\x00\x00\x00\x00")
        h.connection.close()

    return fault


_CHUNK = (b"<p>" + b"filler " * 9000 + b"</p>\n")[:65536]


def stream(total: int, *, declare_length: bool = True,
           content_type: str = "application/rss+xml") -> Fault:
    """``total`` bytes of a feed-looking body, streamed from one reusable 64 KB chunk."""

    def fault(h: BaseHTTPRequestHandler) -> None:
        headers = {"Content-Type": content_type}
        if declare_length:
            headers["Content-Length"] = str(total)
        else:
            headers["Transfer-Encoding"] = "chunked"
        _head(h, 200, headers)
        sent = 0
        while sent < total:
            piece = _CHUNK[: total - sent]
            if declare_length:
                h.wfile.write(piece)
            else:
                h.wfile.write(f"{len(piece):x}\r\n".encode() + piece + b"\r\n")
            sent += len(piece)
        if not declare_length:
            h.wfile.write(b"0\r\n\r\n")

    return fault


@lru_cache(maxsize=4)
def gzip_bomb_bytes(decompressed: int) -> bytes:
    """A gzip stream of ``decompressed`` zero bytes (about 1000:1)."""
    z = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    block = b"\x00" * (1 << 20)
    out = [z.compress(block) for _ in range(decompressed // len(block))]
    out.append(z.flush())
    return b"".join(out)


def gzip_bomb(decompressed: int = 1 << 30) -> Fault:
    data = gzip_bomb_bytes(decompressed)
    return respond(data, content_type="application/rss+xml",
                   headers={"Content-Encoding": "gzip"})


def short_body(body: bytes, declared: int) -> Fault:
    """Declare ``declared`` bytes, send ``body`` (fewer), then close cleanly (FIN)."""

    def fault(h: BaseHTTPRequestHandler) -> None:
        _head(h, 200, {"Content-Type": "application/rss+xml", "Content-Length": str(declared)})
        h.wfile.write(body)
        h.wfile.flush()

    return fault


def huge_headers(total: int) -> Fault:
    """A status line, then ``total`` bytes of headers."""

    def fault(h: BaseHTTPRequestHandler) -> None:
        h.wfile.write(b"HTTP/1.1 200 OK\r\n")
        line = b"X-Filler: " + b"f" * 1000 + b"\r\n"
        for _ in range(total // len(line)):
            h.wfile.write(line)
        h.wfile.write(b"Content-Length: 0\r\n\r\n")

    return fault


def slow_headers(count: int, interval: float) -> Fault:
    """Headers one at a time, each within any read timeout, never reaching the body."""

    def fault(h: BaseHTTPRequestHandler) -> None:
        h.wfile.write(b"HTTP/1.1 200 OK\r\n")
        h.wfile.flush()
        for i in range(count):
            h.wfile.write(f"X-Drip-{i}: x\r\n".encode())
            h.wfile.flush()
            time.sleep(interval)

    return fault


def not_http() -> Fault:
    """Bytes that are not an HTTP response at all, then close."""

    def fault(h: BaseHTTPRequestHandler) -> None:
        h.wfile.write(b"\x16\x03\x01 this is not HTTP \x00\xff\r\n\r\n")
        h.wfile.flush()

    return fault


def sequence(*faults: Fault) -> Fault:
    """The n-th request gets the n-th fault (the last one repeats)."""
    lock = threading.Lock()
    state = {"n": 0}

    def fault(h: BaseHTTPRequestHandler) -> None:
        with lock:
            n = state["n"]
            state["n"] += 1
        faults[min(n, len(faults) - 1)](h)

    return fault


# -- feed documents ------------------------------------------------------------------------------


def rss(title: str, items: list[dict[str, str]], *, encoding: str = "utf-8",
        prolog: bool = True) -> bytes:
    """An RSS 2.0 document; item values are inserted as given (escape them yourself)."""
    parts = []
    for it in items:
        parts.append("<item>" + "".join(f"<{k}>{v}</{k}>" for k, v in it.items()) + "</item>")
    head = f'<?xml version="1.0" encoding="{encoding}"?>' if prolog else ""
    doc = (f'{head}<rss version="2.0"><channel><title>{title}</title>'
           f"<link>http://127.0.0.1/</link>{''.join(parts)}</channel></rss>")
    return doc.encode(encoding)


def gz(data: bytes) -> bytes:
    return gzip.compress(data)
