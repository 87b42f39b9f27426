"""No secret in any failure: every field of the error, its chained exceptions, `str`, `repr`,
the formatted traceback and the log records of every logger (root at DEBUG, httpcore/httpx/asyncio
included), for every failure kind, through both default senders."""

from __future__ import annotations

import asyncio
import json
import socket
from typing import Any
from urllib.parse import quote

import pytest
from hostile_support import SECRET, TOKEN, Answer, assert_no_secret, every_log, raw_server

from aliyun_vpc import AsyncVpcClient, VpcClient
from aliyun_vpc.config import ClientConfig
from aliyun_vpc.credentials import InvalidCredentialsError
from aliyun_vpc.exceptions import (
    ClientError,
    ResponseParseError,
    ServerError,
    TransportError,
    VpcError,
)
from aliyun_vpc.retries import RetryPolicy

ONCE, TWICE = quote(SECRET, safe=""), quote(quote(SECRET, safe=""), safe="")
TOKEN_TWICE = quote(quote(TOKEN, safe=""), safe="")
IKE = json.dumps({"Psk": "psk-Secret-Value-77", "IkeVersion": "ikev2"})


def _json(body: dict[str, Any]) -> bytes:
    return json.dumps(body).encode()


ECHOED = {
    "Code": f"Bad.{SECRET}",
    "Message": f"string to sign: POST&%2F&AccessKeyId%3DAK%26SecurityToken%3D{TOKEN_TWICE}",
    "RequestId": f"req-{ONCE}",
    "HostId": f"{TOKEN}.vpc.aliyuncs.com",
    "Recommend": f"https://example.com/?s={TWICE}&ike={quote(IKE, safe='')}",
}
CUT = b'{"RequestId": "r", "Note": "' + b"x" * 170 + SECRET.encode() + b'"'
CASES: dict[str, tuple[Answer, str, type[VpcError]]] = {
    "server-error-fields": (Answer(500, _json(ECHOED)), "JSON", ServerError),
    "client-error-fields": (Answer(400, _json(ECHOED)), "JSON", ClientError),
    "200-error-code": (Answer(200, _json(ECHOED)), "JSON", ClientError),
    "400-truncated": (Answer(400, _json(ECHOED)[:-40]), "JSON", ClientError),
    "200-malformed": (
        Answer(200, b"oops " + SECRET.encode() + TOKEN.encode()),
        "JSON",
        ResponseParseError,
    ),
    "200-cut-in-snippet": (Answer(200, CUT), "JSON", ResponseParseError),
    "503-html": (
        Answer(503, b"<html>" + TOKEN.encode() + b"</html>", "text/html"),
        "JSON",
        ServerError,
    ),
    "200-xhtml": (
        Answer(
            200,
            b'<html xmlns="http://www.w3.org/1999/xhtml"><p>' + SECRET.encode() + b"</p></html>",
        ),
        "XML",
        ResponseParseError,
    ),
    "400-xml-error": (
        Answer(
            400,
            b"<Error><Code>X"
            + ONCE.encode()
            + b"</Code><HostId>"
            + TOKEN.encode()
            + b"</HostId><RequestId>"
            + SECRET.encode()
            + b"</RequestId></Error>",
            "text/xml",
        ),
        "XML",
        ClientError,
    ),
    "200-deep": (
        Answer(
            200,
            b'{"a":' + b"[" * 2000 + b"]" * 2000 + b', "s": "' + SECRET.encode() + b'"}',
        ),
        "JSON",
        ResponseParseError,
    ),
}


def _config(fmt: Any, signature_version: Any = "v1") -> ClientConfig:
    retry = RetryPolicy(max_attempts=2, base_delay=0.001, max_delay=0.001, total_deadline=10)
    return ClientConfig(response_format=fmt, signature_version=signature_version, retry=retry)


def _call(
    mode: str, url: str, config: ClientConfig, token: str | None = TOKEN, secret: str = SECRET
) -> None:
    kwargs: dict[str, Any] = {
        "access_key_id": "AK",
        "access_key_secret": secret,
        "security_token": token,
        "region_id": "cn-hangzhou",
        "endpoint": url,
        "config": config,
    }
    request: dict[str, Any] = {
        "customer_gateway_id": "cgw",
        "local_subnet": "10.0.0.0/8",
        "remote_subnet": "10.1.0.0/16",
        "vpn_gateway_id": "vpn",
        "ike_config": IKE,
    }
    if mode == "sync":
        with VpcClient(**kwargs) as client:
            client.create_vpn_connection(**request)
        return

    async def run() -> None:
        async with AsyncVpcClient(**kwargs) as client:
            await client.create_vpn_connection(**request)

    asyncio.run(run())


MODES = ["sync", "async"]


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("case", sorted(CASES))
def test_no_secret_in_any_answer_failure(mode: str, case: str) -> None:
    answer, fmt, expected = CASES[case]
    with raw_server(answer) as url, every_log() as logs, pytest.raises(VpcError) as caught:
        _call(mode, url, _config(fmt))
    assert type(caught.value).__mro__.count(expected) == 1, repr(caught.value)
    assert answer.requests, "the request was sent"
    assert_no_secret(caught.value, logs, SECRET, TOKEN, IKE)


@pytest.mark.parametrize("mode", MODES)
def test_no_secret_in_a_transport_failure(mode: str) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # closed again: nothing listens there
    with every_log() as logs, pytest.raises(TransportError) as caught:
        _call(mode, f"http://127.0.0.1:{port}", _config("JSON"))
    assert_no_secret(caught.value, logs, SECRET, TOKEN, IKE)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("bad", ["\n", "\r\n", "\x00", "\x1b"])
def test_a_v3_token_with_a_control_character_is_refused_unprinted(mode: str, bad: str) -> None:
    """A token read from a file with its newline: refused when the credentials are loaded, before
    any sender (or httpcore's DEBUG log) sees the header, and never printed."""
    answer = Answer(200, b'{"RequestId": "r"}')
    with (
        raw_server(answer) as url,
        every_log() as logs,
        pytest.raises(InvalidCredentialsError) as caught,
    ):
        _call(mode, url, _config("JSON", "v3"), token=TOKEN + bad)
    assert answer.requests == []
    assert "SecurityToken holds a control character" in str(caught.value)
    assert_no_secret(caught.value, logs, SECRET, TOKEN, TOKEN + bad)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("signature_version", ["v1", "v3"])
def test_a_lone_surrogate_in_the_secret_is_refused_unprinted(
    mode: str, signature_version: str
) -> None:
    answer = Answer(200, b'{"RequestId": "r"}')
    with (
        raw_server(answer) as url,
        every_log() as logs,
        pytest.raises(InvalidCredentialsError) as caught,
    ):
        _call(mode, url, _config("JSON", signature_version), secret=SECRET + "\udc80")
    assert answer.requests == []
    assert_no_secret(caught.value, logs, SECRET, TOKEN)


def test_a_redacted_server_error_keeps_no_unredacted_context() -> None:
    answer = Answer(502, b"<html>bad gateway " + SECRET.encode() + b"</html>", "text/html")
    with raw_server(answer) as url, pytest.raises(ServerError) as caught:
        _call("sync", url, _config("JSON"))
    assert caught.value.__context__ is None and caught.value.__cause__ is None
    assert "***" in caught.value.message
