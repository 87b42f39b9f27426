"""Shared by the hostile-input tests: a loopback server answering raw bytes, secrets to look for,
and one check that no secret shows in an exception (chain included) or in any captured log line."""

from __future__ import annotations

import contextlib
import http.server
import logging
import threading
import traceback
from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import quote

SECRET = "Hs7+kQ/secretValue=Zx9w2Lm4Pq8Rt6Yu"
TOKEN = "STS.tokenValue+Ab/Cd=Ef1234567890gh"
AUTH_KEY = "bgpMd5Key+Secret/Value=42"


def secret_forms(*secrets: str) -> list[str]:
    """Each secret as is and percent-encoded once and twice (as a signed request carries it)."""
    forms = []
    for secret in secrets:
        once = quote(secret, safe="-_.~")
        forms += [secret, once, quote(once, safe="-_.~")]
    return forms


@dataclass
class Answer:
    status: int = 200
    body: bytes = b"{}"
    content_type: str = "application/json"
    requests: list[str] = field(default_factory=list)


@contextlib.contextmanager
def raw_server(answer: Answer) -> Iterator[str]:
    """A loopback HTTP server answering `answer` to every request; yields its base URL."""

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def _answer(self) -> None:
            length = int(self.headers.get("content-length") or 0)
            answer.requests.append(self.rfile.read(length).decode("utf-8", "replace"))
            self.send_response(answer.status)
            self.send_header("Content-Type", answer.content_type)
            self.send_header("Content-Length", str(len(answer.body)))
            self.end_headers()
            self.wfile.write(answer.body)

        do_GET = do_POST = _answer

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=2)


class EveryLog(logging.Handler):
    """Every record of every logger (installed on the root logger at DEBUG), formatted fully."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.setFormatter(logging.Formatter("%(name)s %(levelname)s %(message)s"))
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))


@contextlib.contextmanager
def every_log() -> Iterator[EveryLog]:
    root = logging.getLogger()
    handler, level = EveryLog(), root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    named = [logging.getLogger(n) for n in ("aliyun_vpc", "httpcore", "httpx", "asyncio")]
    levels = [logger.level for logger in named]
    for logger in named:
        logger.setLevel(logging.DEBUG)
    try:
        yield handler
    finally:
        root.removeHandler(handler)
        root.setLevel(level)
        for logger, old in zip(named, levels, strict=True):
            logger.setLevel(old)


def texts_of(error: BaseException) -> list[str]:
    """str, repr, the formatted traceback and every attribute text of `error` and its chain."""
    texts = ["".join(traceback.format_exception(error))]
    seen: set[int] = set()
    pending: list[BaseException | None] = [error]
    while pending:
        current = pending.pop()
        if current is None or id(current) in seen:
            continue
        seen.add(id(current))
        texts += [str(current), repr(current)]
        texts += [repr(value) for value in vars(current).values()]
        pending += [current.__cause__, current.__context__]
    return texts


def assert_no_secret(error: BaseException, logs: EveryLog, *secrets: str) -> None:
    forms = secret_forms(*secrets)
    for text in [*texts_of(error), *logs.lines]:
        for form in forms:
            assert form not in text, f"secret form {form!r} in: {text[:300]}"
