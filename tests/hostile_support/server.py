"""A raw-socket HTTP server on 127.0.0.1 that misbehaves on purpose.

Like the project's VirtualWeb it works as a forward proxy (absolute-URI
requests, or plain ones routed by their Host header), but every answer is
written by hand on the socket, so it can also reset the connection, drip a
body a few bytes at a time, never answer, announce 50 MB, or send a gzip
bomb. Every request is logged. Loops are bounded in bytes and in time, and
``stop()`` ends every handler within a fraction of a second.
"""

from __future__ import annotations

import socket
import socketserver
import struct
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from http import HTTPStatus
from urllib.parse import urlsplit

MAX_REQUEST_HEAD = 64 * 1024
#: No handler keeps a connection longer than this.
MAX_HANDLER_SECONDS = 20.0


@dataclass
class Exchange:
    """What one handler has to work with: the socket and the server's stop flag."""

    sock: socket.socket
    stopping: threading.Event

    def send(self, data: bytes) -> bool:
        """Send all of ``data``; False once the client has gone."""
        try:
            self.sock.sendall(data)
        except OSError:
            return False
        return True


Behaviour = Callable[[Exchange], None]


def head(status: int, headers: Mapping[str, str]) -> bytes:
    lines = [f"HTTP/1.1 {status} {HTTPStatus(status).phrase}"]
    lines += [f"{name}: {value}" for name, value in headers.items()]
    lines.append("Connection: close")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


def answer(body: bytes, status: int = 200, content_type: str = "text/html; charset=utf-8",
           **headers: str) -> Behaviour:  # fmt: skip
    """A plain, well-behaved answer."""
    all_headers = {"Content-Type": content_type, "Content-Length": str(len(body))}
    all_headers.update({name.replace("_", "-"): value for name, value in headers.items()})

    def behave(exchange: Exchange) -> None:
        exchange.send(head(status, all_headers) + body)

    return behave


def reset() -> Behaviour:
    """Close at once with a TCP reset (SO_LINGER 0): "connection reset by peer"."""

    def behave(exchange: Exchange) -> None:
        exchange.sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))

    return behave


def hang(seconds: float = MAX_HANDLER_SECONDS) -> Behaviour:
    """Read the request and never answer (until the client gives up)."""

    def behave(exchange: Exchange) -> None:
        exchange.sock.settimeout(0.2)
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline and not exchange.stopping.is_set():
            try:
                if exchange.sock.recv(1024) == b"":
                    return  # the client closed the connection
            except TimeoutError:
                continue
            except OSError:
                return

    return behave


def drip(body: bytes, every: float = 0.5, chunk: int = 4) -> Behaviour:
    """Headers at once, then the body ``chunk`` bytes every ``every`` seconds."""

    def behave(exchange: Exchange) -> None:
        headers = {"Content-Type": "text/html; charset=utf-8", "Content-Length": str(len(body))}
        if not exchange.send(head(200, headers)):
            return
        deadline = time.monotonic() + MAX_HANDLER_SECONDS
        for start in range(0, len(body), chunk):
            if exchange.stopping.wait(every) or time.monotonic() > deadline:
                return
            if not exchange.send(body[start : start + chunk]):
                return

    return behave


def stream(total: int, announce: bool, content_type: str = "text/html; charset=utf-8",
           pattern: bytes = b"<p>" + b"x" * 1000 + b"</p>\n") -> Behaviour:  # fmt: skip
    """A body of ``total`` bytes, written until the client stops reading.

    With ``announce`` the Content-Length says how large it is; without it the
    body simply runs until the connection closes.
    """

    def behave(exchange: Exchange) -> None:
        headers = {"Content-Type": content_type}
        if announce:
            headers["Content-Length"] = str(total)
        if not exchange.send(head(200, headers) + b"<html><body>"):
            return
        block = pattern * max(1, 65536 // len(pattern))
        sent = 0
        while sent < total and not exchange.stopping.is_set():
            piece = block[: total - sent]
            if not exchange.send(piece):
                return
            sent += len(piece)

    return behave


def sequence(*behaviours: Behaviour) -> Behaviour:
    """The first answer the first time, the second the next time, and so on (the last repeats)."""
    served = iter(behaviours)
    last: list[Behaviour] = []
    lock = threading.Lock()

    def behave(exchange: Exchange) -> None:
        with lock:
            chosen = next(served, None)
            if chosen is not None:
                last[:] = [chosen]
            current = last[0]
        current(exchange)

    return behave


@dataclass(frozen=True)
class Logged:
    host: str
    path: str


@dataclass
class HostileWeb:
    """Serves ``routes`` ({host: {path: behaviour}}) on 127.0.0.1."""

    routes: dict[str, dict[str, Behaviour]]
    requests: list[Logged] = field(default_factory=list)
    stopping: threading.Event = field(default_factory=threading.Event)
    _server: socketserver.ThreadingTCPServer | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def start(self) -> str:
        web = self

        class Handler(socketserver.BaseRequestHandler):
            def handle(self) -> None:
                web.handle(self.request)

        server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
        server.daemon_threads = True
        self._server = server
        threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                         daemon=True).start()  # fmt: skip
        return self.url

    @property
    def url(self) -> str:
        assert self._server is not None
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def stop(self) -> None:
        self.stopping.set()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()

    def __enter__(self) -> HostileWeb:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def paths(self, host: str) -> list[str]:
        with self._lock:
            return [r.path for r in self.requests if r.host == host]

    def handle(self, sock: socket.socket) -> None:
        sock.settimeout(5)
        try:
            request_head = _read_head(sock)
        except OSError:
            return
        if request_head is None:
            return
        host, path = _target(request_head)
        with self._lock:
            self.requests.append(Logged(host, path))
        behaviour = self.routes.get(host, {}).get(path)
        if behaviour is None:
            known = host in self.routes
            behaviour = answer(b"<html><body>404</body></html>" if known else b"no such host",
                               status=404 if known else 502)  # fmt: skip
        behaviour(Exchange(sock, self.stopping))


def _read_head(sock: socket.socket) -> str | None:
    data = b""
    while b"\r\n\r\n" not in data:
        piece = sock.recv(4096)
        if not piece:
            return None
        data += piece
        if len(data) > MAX_REQUEST_HEAD:
            return None
    return data.split(b"\r\n\r\n", 1)[0].decode("latin-1")


def _target(request_head: str) -> tuple[str, str]:
    lines = request_head.split("\r\n")
    parts = lines[0].split(" ")
    target = parts[1] if len(parts) > 1 else "/"
    headers = dict(_header_pairs(lines[1:]))
    if target.startswith(("http://", "https://")):
        split = urlsplit(target)
        host = split.netloc
        target = split.path + (f"?{split.query}" if split.query else "")
    else:
        host = headers.get("host", "")
    return host.lower().removesuffix(":80"), target or "/"


def _header_pairs(lines: list[str]) -> Iterator[tuple[str, str]]:
    for line in lines:
        name, sep, value = line.partition(":")
        if sep:
            yield name.strip().lower(), value.strip()
