"""Secrets never appear in logs, reprs, exception messages or tracebacks."""

from __future__ import annotations

import logging
import traceback
from urllib.parse import parse_qsl, quote

import httpx
import pytest
from aliyun_vpc._generated.operations import OPERATIONS
from memory_network import attach

from aliyun_vpc._client_base import SyncClientBase
from aliyun_vpc._logging import redact_params
from aliyun_vpc._meta import OperationMeta
from aliyun_vpc.config import ClientConfig
from aliyun_vpc.credentials import Credentials
from aliyun_vpc.exceptions import ClientError, TransportError
from aliyun_vpc.retries import RetryPolicy

SECRET = "Very-Secret-Key-6x1"
TOKEN = "Sts-Token-Value-q7"
CREATE = OperationMeta("CreateVpc", "create_vpc", "m:R", "m:S", True, False, True)
FAST = RetryPolicy(max_attempts=3, base_delay=0.001, max_delay=0.001)


def secret_client(
    retry: RetryPolicy | bool, config: ClientConfig, token: str = TOKEN
) -> SyncClientBase:
    """A client signing with the secret keys the tests look for."""
    return SyncClientBase(
        credentials=Credentials("AKID", SECRET, token),
        region_id="cn-hangzhou",
        retry=retry,
        config=config,
    )


def test_credentials_repr_and_str_mask_secret_and_token() -> None:
    credentials = Credentials("AKID", SECRET, TOKEN)
    for text in (repr(credentials), str(credentials), f"{credentials}", repr([credentials])):
        assert SECRET not in text and TOKEN not in text
        assert "AKID" in text


def test_redact_params_masks_signature_and_credentials() -> None:
    params = {"Signature": "sig", "SecurityToken": TOKEN, "AccessKeyId": "AKID", "VpcId": "v"}
    assert redact_params(params) == {
        "Signature": "***",
        "SecurityToken": "***",
        "AccessKeyId": "***",
        "VpcId": "v",
    }


@pytest.mark.parametrize("signature_version", ["v1", "v3"])
def test_logs_and_errors_carry_no_secret(
    caplog: pytest.LogCaptureFixture, signature_version: str
) -> None:
    signatures: list[str] = []
    answers = iter(
        [
            httpx.Response(400, json={"Code": "Throttling", "Message": "slow", "RequestId": "r1"}),
            httpx.ConnectError("refused"),
            httpx.Response(400, json={"Code": "InvalidParameter", "Message": "bad"}),
        ]
    )

    def handler(request: httpx.Request) -> httpx.Response:
        params = dict(parse_qsl(request.read().decode()))
        signatures.append(params.get("Signature") or request.headers["authorization"])
        answer = next(answers)
        if isinstance(answer, Exception):
            raise answer
        return answer

    caplog.set_level(logging.DEBUG, logger="aliyun_vpc")
    with attach(
        secret_client(FAST, ClientConfig(signature_version=signature_version)),
        handler,
    ) as client:
        with pytest.raises(ClientError) as caught:
            client._invoke(CREATE, {"VpcName": "v"})
        client_text = repr(client) + str(vars(client))
    assert len(signatures) == 3
    assert "CreateVpc attempt=1 status=400" in caplog.text  # the log does say what happened
    rendered = "".join(traceback.format_exception(caught.value)) + repr(caught.value)
    for text in (caplog.text, rendered, client_text):
        assert SECRET not in text and TOKEN not in text
        assert not any(signature in text for signature in signatures)


def test_transport_error_message_has_no_secret_in_url() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused", request=request)

    with (
        attach(
            secret_client(False, ClientConfig(http_method="GET")),
            handler,
        ) as client,
        pytest.raises(TransportError) as caught,
    ):
        client._invoke(CREATE, {})
    rendered = "".join(traceback.format_exception(caught.value))
    assert TOKEN not in rendered and "Signature=" not in rendered


@pytest.mark.parametrize("http_method", ["GET", "POST"])
def test_secrets_echoed_by_the_service_are_masked_in_the_error(http_method: str) -> None:
    """SignatureDoesNotMatch echoes the server's string to sign: it holds the SecurityToken (and
    secret parameters such as a BGP AuthKey) percent-encoded twice."""
    token = "Sts/Token+Value=q7 ü"
    auth_key = "bgp-md5*Key/9"

    def handler(request: httpx.Request) -> httpx.Response:
        query = request.url.query.decode() if http_method == "GET" else request.read().decode()
        query = query.split("&Signature=")[0]
        string_to_sign = f"{http_method}&%2F&" + quote(query, safe="")
        return httpx.Response(
            400,
            json={
                "Code": "SignatureDoesNotMatch",
                "Message": f"Specified signature is not matched. server string to sign is:"
                f"{string_to_sign}; raw token {token}; query {query}",
                "Recommend": f"https://api.aliyun.com/troubleshoot?q={quote(token, safe='')}",
            },
        )

    with (
        attach(
            secret_client(False, ClientConfig(http_method=http_method), token),
            handler,
        ) as client,
        pytest.raises(ClientError) as caught,
    ):
        # AuthKey is secret because the spec marks it `sensitive: true` (OperationMeta.sensitive)
        client._invoke(OPERATIONS["CreateBgpGroup"], {"VpcName": "v", "AuthKey": auth_key})
    error = caught.value
    rendered = "".join(traceback.format_exception(error)) + repr(error) + str(error.recommend)
    assert "server string to sign is:" in error.message and "VpcName%3Dv" in error.message
    assert "SecurityToken%3D***%26" in error.message  # masked where it was, the rest kept
    for secret in (token, auth_key):
        for form in (
            secret,
            quote(secret, safe="-_.~"),
            quote(quote(secret, safe="-_.~"), safe=""),
        ):
            assert form not in rendered
