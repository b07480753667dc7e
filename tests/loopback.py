"""A small HTTP server on 127.0.0.1 for fetcher tests and benchmarks.

Routes map a path to a :class:`Route` (a canned response with optional ETag/Last-Modified,
gzip or brotli, delay, status, extra headers) or to a function of the request. Every request
is recorded so a test can assert what was sent (conditional headers, User-Agent, counts).
"""

from __future__ import annotations

import gzip
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Request:
    method: str
    path: str
    headers: dict[str, str]


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    content_type: str = "application/xml; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    etag: str | None = None
    last_modified: str | None = None
    encoding: str | None = None  # "gzip" or "br": compress the body on the wire
    delay: float = 0.0  # seconds before answering
    chunks: list[bytes] | None = None  # send these, one flush each (with chunk_delay between)
    chunk_delay: float = 0.0
    reset_after: int | None = None  # close the socket after this many body bytes


Handler = Callable[[Request], Route]


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a client that hangs up (timeouts, cancelled refreshes) is expected here


class Loopback:
    def __init__(self, latency: float = 0.0, tls: tuple[str, str] | None = None) -> None:
        self.routes: dict[str, Route | Handler] = {}
        self.requests: list[Request] = []
        self.latency = latency
        self._lock = threading.Lock()
        self.server = _QuietServer(("127.0.0.1", 0), _make_handler(self))
        self.server.daemon_threads = True
        self.server.request_queue_size = 512
        self.port = self.server.server_address[1]
        self.scheme = "http"
        if tls is not None:  # (certificate file, key file): serve https
            import ssl

            ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            ctx.load_cert_chain(*tls)
            self.server.socket = ctx.wrap_socket(self.server.socket, server_side=True,
                                                 do_handshake_on_connect=False)
            self.scheme = "https"
        self._thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    def url(self, path: str) -> str:
        return f"{self.scheme}://127.0.0.1:{self.port}{path}"

    def add(self, path: str, route: Route | Handler) -> str:
        self.routes[path] = route
        return self.url(path)

    def hits(self, path: str) -> list[Request]:
        with self._lock:
            return [r for r in self.requests if r.path == path]

    def start(self) -> Loopback:
        self._thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def _make_handler(lb: Loopback) -> type[BaseHTTPRequestHandler]:
    class H(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: object) -> None:  # quiet
            pass

        def do_GET(self) -> None:  # noqa: N802
            req = Request("GET", self.path, {k.lower(): v for k, v in self.headers.items()})
            with lb._lock:
                lb.requests.append(req)
            if lb.latency:
                time.sleep(lb.latency)
            route = lb.routes.get(self.path) or lb.routes.get(self.path.split("?")[0])
            if route is None:
                route = Route(b"not here", status=404, content_type="text/plain")
            elif callable(route):
                route = route(req)
            self._answer(req, route)

        def _answer(self, req: Request, r: Route) -> None:
            if r.delay:
                time.sleep(r.delay)
            status = r.status
            if status == 200 and (
                (r.etag and req.headers.get("if-none-match") == r.etag)
                or (r.last_modified and not r.etag
                    and req.headers.get("if-modified-since") == r.last_modified)
            ):
                status = 304
            body = b"" if status == 304 else r.body
            if r.encoding == "gzip":
                body = gzip.compress(body)
            elif r.encoding == "br":
                import brotli

                body = brotli.compress(body)
            self.send_response(status)
            if status != 304:
                self.send_header("Content-Type", r.content_type)
            if r.encoding and status != 304:
                self.send_header("Content-Encoding", r.encoding)
            if r.etag:
                self.send_header("ETag", r.etag)
            if r.last_modified:
                self.send_header("Last-Modified", r.last_modified)
            for k, v in r.headers.items():
                self.send_header(k, v)
            if r.chunks is not None:
                self.send_header("Transfer-Encoding", "chunked")
                self.end_headers()
                try:
                    for c in r.chunks:
                        self.wfile.write(f"{len(c):x}\r\n".encode() + c + b"\r\n")
                        self.wfile.flush()
                        if r.chunk_delay:
                            time.sleep(r.chunk_delay)
                    self.wfile.write(b"0\r\n\r\n")
                except OSError:
                    pass
                return
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            try:
                if r.reset_after is not None:
                    self.wfile.write(body[: r.reset_after])
                    self.wfile.flush()
                    self.connection.setsockopt(
                        socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00"
                    )
                    self.close_connection = True
                    self.connection.close()
                    return
                self.wfile.write(body)
            except OSError:
                pass

    return H


@contextmanager
def serve(latency: float = 0.0, tls: tuple[str, str] | None = None) -> Iterator[Loopback]:
    lb = Loopback(latency, tls).start()
    try:
        yield lb
    finally:
        lb.stop()
