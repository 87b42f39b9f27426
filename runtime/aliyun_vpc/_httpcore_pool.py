"""The sync client's default sender: httpx's connection pool (httpcore), used without httpx objects.

`httpx.HTTPTransport` is a thin layer over an `httpcore.ConnectionPool` that turns each `httpx.Request`
into an `httpcore.Request` and each answer back into an `httpx.Response`; for a signed RPC call that
round of URL parsing and header normalisation costs about as much as the SDK's own work (~40 us a
call, see benchmarks/README.md). This sender builds the `httpcore.Request` straight from our
`HttpRequest` on the same pool, with the same TLS context (`httpx.create_ssl_context`), limits and
keep-alive expiry httpx would use, through an environment proxy as `httpx.HTTPTransport(proxy=)` would
(`proxy_settings`). The pool's sockets go through `DeadlineBackend`, which cuts every
socket operation's timeout to the call's deadline (`_reading.time_left`), as the wait for a free
pooled connection is cut before the request goes in; the body is read within
`max_response_size`. Failures surface as the httpx exceptions of the same name, as from
`httpx.HTTPTransport`.
"""

from __future__ import annotations

import contextvars
import ssl
import typing
from collections.abc import Mapping
from urllib.parse import unquote, urlsplit

import httpcore
import httpx

from ._origin import Origin, wire_headers
from ._pipeline import HttpRequest, HttpResponse
from ._reading import AnswerBody, time_left, timeouts_within

__all__ = ["DeadlineBackend", "HttpcorePoolSender", "as_httpx_error", "proxy_settings"]

_KEEPALIVE_EXPIRY = 5.0  # seconds; httpx's default
_DEADLINE: contextvars.ContextVar[float | None] = contextvars.ContextVar(
    "aliyun_vpc_deadline", default=None
)


class HttpcorePoolSender:
    """Blocking sends over one `httpcore.ConnectionPool` to one endpoint, directly or through
    `proxy` (an http://, https:// or socks5:// URL, credentials in its user info)."""

    def __init__(
        self,
        endpoint: str,
        max_connections: int,
        timeouts: Mapping[str, float],
        max_response_size: int,
        proxy: str | None = None,
    ) -> None:
        self._origin = origin = Origin.parse(endpoint)
        self._scheme = origin.scheme.encode("ascii")
        self._host = origin.host.encode("ascii")
        self._timeouts = timeouts
        self._max_size = max_response_size
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context() if origin.scheme == "https" else None,
            max_connections=max_connections,
            max_keepalive_connections=max_connections,
            keepalive_expiry=_KEEPALIVE_EXPIRY,
            network_backend=DeadlineBackend(httpcore.SyncBackend()),
            proxy=proxy_settings(proxy) if proxy else None,
        )

    def send(self, request: HttpRequest) -> HttpResponse:
        """Send and read the whole answer; raises the httpx exception for a failure below HTTP."""
        url = httpcore.URL(
            scheme=self._scheme,
            host=self._host,
            port=self._origin.port,
            target=request.target.encode("ascii"),
        )
        core_request = httpcore.Request(
            request.method.encode("ascii"),
            url,
            headers=wire_headers(request),
            content=request.body,
            extensions={  # the pool's wait too ends at the deadline (the backend cuts the rest)
                "timeout": timeouts_within(self._timeouts, request.deadline)
            },
        )
        body = AnswerBody(self._max_size)
        token = _DEADLINE.set(request.deadline)
        try:
            response = self._pool.handle_request(core_request)
            try:
                for chunk in response.iter_stream():
                    body.add(chunk)
            finally:
                response.close()
        except httpx.TransportError:
            raise
        except Exception as error:  # httpcore's exceptions share no base class
            raise as_httpx_error(error) from error
        finally:
            _DEADLINE.reset(token)
        return HttpResponse(response.status, body.content())

    def close(self) -> None:
        self._pool.close()


class DeadlineBackend(httpcore.NetworkBackend):
    """A network backend whose streams never wait past the deadline of the call being sent."""

    def __init__(self, backend: httpcore.NetworkBackend) -> None:
        self._backend = backend

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: typing.Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        timeout = time_left(timeout, _DEADLINE.get(), httpcore.ConnectTimeout)
        return _DeadlineStream(
            self._backend.connect_tcp(host, port, timeout, local_address, socket_options)
        )

    def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: typing.Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        raise httpcore.ConnectError("the client connects over TCP only")

    def sleep(self, seconds: float) -> None:
        self._backend.sleep(seconds)


class _DeadlineStream(httpcore.NetworkStream):
    __slots__ = ("_stream",)

    def __init__(self, stream: httpcore.NetworkStream) -> None:
        self._stream = stream

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._stream.read(
            max_bytes, time_left(timeout, _DEADLINE.get(), httpcore.ReadTimeout)
        )

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._stream.write(buffer, time_left(timeout, _DEADLINE.get(), httpcore.WriteTimeout))

    def close(self) -> None:
        self._stream.close()

    def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        timeout = time_left(timeout, _DEADLINE.get(), httpcore.ConnectTimeout)
        return _DeadlineStream(self._stream.start_tls(ssl_context, server_hostname, timeout))

    def get_extra_info(self, info: str) -> typing.Any:
        return self._stream.get_extra_info(info)


def proxy_settings(proxy: str) -> httpcore.Proxy:
    """httpcore's form of a proxy URL: its user info as basic credentials, TLS to an https:// one
    verified as the endpoint is."""
    parts = urlsplit(proxy)
    netloc = parts.netloc.rpartition("@")[2]
    auth = None
    if parts.username is not None:
        auth = (unquote(parts.username), unquote(parts.password or ""))
    return httpcore.Proxy(
        parts._replace(netloc=netloc).geturl(),
        auth=auth,
        ssl_context=httpx.create_ssl_context() if parts.scheme == "https" else None,
    )


def as_httpx_error(error: Exception) -> Exception:
    """httpx's exception of the same name for an httpcore one (httpcore.ReadTimeout ->
    httpx.ReadTimeout); anything else unchanged."""
    for cls in type(error).__mro__:
        if cls.__module__.startswith("httpcore"):
            mapped = getattr(httpx, cls.__name__, None)
            if isinstance(mapped, type) and issubclass(mapped, httpx.TransportError):
                return mapped(str(error))
    return error
