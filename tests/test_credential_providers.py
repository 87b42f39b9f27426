"""Each provider end to end against loopback servers (the simulator's STS, metadata and
credentials-URI stand-ins): the requests it sends, what it reads back, and every failure as a
typed error naming the provider, never quoting a secret."""

from __future__ import annotations

import logging
import time
import traceback
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from simulator_cli import running_simulator

from aliyun_vpc import AsyncVpcClient, VpcClient
from aliyun_vpc.config import ClientConfig
from aliyun_vpc.credentials import (
    Credentials,
    CredentialsProviderError,
    CredentialsUriProvider,
    EcsRamRoleProvider,
    EnvironmentProvider,
    InvalidCredentialsError,
    OidcRoleArnProvider,
    RamRoleArnProvider,
)
from aliyun_vpc.exceptions import VpcApiError, VpcError
from aliyun_vpc.signing import sign
from aliyun_vpc_simulator import DEFAULT_ACCESS_KEY_SECRET, Simulator, TemporaryKey
from aliyun_vpc_simulator.credential_endpoints import CredentialsUriServer, SeenRequest

ROLE_ARN = "acs:ram::1234567890:role/vpc-admin"
OIDC_PROVIDER_ARN = "acs:ram::1234567890:oidc-provider/ack-rrsa"
SOURCE = Credentials("testid", DEFAULT_ACCESS_KEY_SECRET)
CONFIGURED = TemporaryKey("STS.configured", "configured-secret", "configured-token", None)
EXPIRED = TemporaryKey("STS.expired", "expired-secret", "expired-token", time.time() - 1)


@pytest.fixture(scope="module")
def sim() -> Iterator[Simulator]:
    with Simulator(security_tokens=[CONFIGURED, EXPIRED]) as simulator:
        yield simulator


def sts_calls(sim: Simulator) -> list[dict[str, str]]:
    assert sim.service is not None and sim.service.sts is not None
    return sim.service.sts.calls


def no_secret_in(error: BaseException, *secrets: str) -> None:
    shown = str(error) + repr(error) + "".join(traceback.format_exception(error))
    for secret in secrets:
        assert secret not in shown


def describe_vpcs_with(sim: Simulator, credentials: Any, signature_version: str = "v1") -> int:
    config = ClientConfig(signature_version="v3" if signature_version == "v3" else "v1")
    with VpcClient(
        credentials=credentials, region_id="cn-hangzhou", endpoint=sim.endpoint, config=config
    ) as client:
        return client.describe_vpcs().total_count or 0


# --- RAM role ARN (AssumeRole) -----------------------------------------------------------------


def test_ram_role_arn_sends_a_signed_assume_role_and_its_keys_work(sim: Simulator) -> None:
    role = RamRoleArnProvider(
        source=SOURCE,
        role_arn=ROLE_ARN,
        role_session_name="ci-job",
        duration_seconds=1800,
        policy='{"Version":"1"}',
        external_id="ext-42",
        sts_endpoint=sim.endpoint,
    )
    found = role.get_credentials()
    call = sts_calls(sim)[-1]
    assert {key: call.get(key) for key in ("Action", "Version", "RoleArn", "RoleSessionName")} == {
        "Action": "AssumeRole",
        "Version": "2015-04-01",
        "RoleArn": ROLE_ARN,
        "RoleSessionName": "ci-job",
    }
    assert call["DurationSeconds"] == "1800" and call["ExternalId"] == "ext-42"
    assert call["Policy"] == '{"Version":"1"}' and call["AccessKeyId"] == "testid"
    unsigned = {key: value for key, value in call.items() if key != "Signature"}
    assert call["Signature"] == sign("POST", unsigned, DEFAULT_ACCESS_KEY_SECRET)
    assert found.access_key_id.startswith("STS.") and found.security_token
    assert found.expiration is not None and 0 < found.expiration - time.time() <= 3600
    assert describe_vpcs_with(sim, role) >= 0
    assert "secret" not in repr(role) and found.access_key_secret not in repr(found)


async def test_ram_role_arn_async_with_a_role_as_source(sim: Simulator) -> None:
    first = RamRoleArnProvider(source=SOURCE, role_arn=ROLE_ARN, sts_endpoint=sim.endpoint)
    second = RamRoleArnProvider(
        source=first, role_arn="acs:ram::1234567890:role/second", sts_endpoint=sim.endpoint
    )
    found = await second.get_credentials_async()
    calls = sts_calls(sim)[-2:]
    assert calls[1]["AccessKeyId"] == (await first.get_credentials_async()).access_key_id
    assert calls[1]["SecurityToken"] and found.provider == "ram_role_arn"
    async with AsyncVpcClient(
        credentials=second, region_id="cn-hangzhou", endpoint=sim.endpoint
    ) as client:
        await client.describe_vpcs()


@pytest.mark.parametrize(
    ("source", "role_arn", "code"),
    [
        (Credentials("testid", "wrong-secret"), ROLE_ARN, "IncompleteSignature"),
        (Credentials("nobody", "wrong-secret"), ROLE_ARN, "InvalidAccessKeyId.NotFound"),
        (SOURCE, "not-an-arn", "InvalidParameter.RoleArn"),
    ],
)
def test_sts_error_is_a_typed_error_naming_provider_and_code(
    sim: Simulator, source: Credentials, role_arn: str, code: str
) -> None:
    role = RamRoleArnProvider(source=source, role_arn=role_arn, sts_endpoint=sim.endpoint)
    with pytest.raises(CredentialsProviderError) as caught:
        role.get_credentials()
    assert caught.value.provider == "ram_role_arn"
    assert f"STS AssumeRole answered HTTP 400 {code}" in str(caught.value)
    no_secret_in(caught.value, "wrong-secret", DEFAULT_ACCESS_KEY_SECRET)


def test_sts_down_is_a_typed_error() -> None:
    role = RamRoleArnProvider(source=SOURCE, role_arn=ROLE_ARN, sts_endpoint="http://127.0.0.1:9")
    with pytest.raises(CredentialsProviderError, match="ram_role_arn: STS AssumeRole unreachable"):
        role.get_credentials()


# --- OIDC role (AssumeRoleWithOIDC) --------------------------------------------------------------


def oidc_provider(sim: Simulator, token_file: Path) -> OidcRoleArnProvider:
    return OidcRoleArnProvider(
        role_arn=ROLE_ARN,
        oidc_provider_arn=OIDC_PROVIDER_ARN,
        oidc_token_file=token_file,
        role_session_name="pod",
        sts_endpoint=sim.endpoint,
    )


def test_oidc_rereads_the_token_file_at_every_refresh(tmp_path: Path) -> None:
    token_file = tmp_path / "token"
    with Simulator(credential_lifetime_seconds=2) as short:
        provider = oidc_provider(short, token_file)
        seen = []
        for token in ("jwt-one\n", "jwt-two"):  # one trailing newline is a file's line end
            token_file.write_text(token)
            found = provider.get_credentials()
            seen.append(sts_calls(short)[-1]["OIDCToken"])
            assert found.expiration is not None
            time.sleep(max(0.0, found.expiration - time.time() - 0.2))  # past refresh time
        assert seen == ["jwt-one", "jwt-two"]
        assert sts_calls(short)[-1]["Action"] == "AssumeRoleWithOIDC"
        assert "Signature" not in sts_calls(short)[-1]  # authenticated by the token, unsigned
        assert describe_vpcs_with(short, provider) >= 0


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("jwt\n\n", "control character (U+000A) at position 3"),
        ("jwt\r", "control character (U+000D) at position 3"),
        ("j\x00wt", "control character (U+0000) at position 1"),
        ("", "the OIDC token file is empty"),
    ],
)
def test_oidc_token_with_control_characters_is_refused_without_quoting_it(
    sim: Simulator, tmp_path: Path, content: str, reason: str
) -> None:
    token_file = tmp_path / "token"
    token_file.write_text(content, newline="")
    with pytest.raises(CredentialsProviderError) as caught:
        oidc_provider(sim, token_file).get_credentials()
    assert reason in str(caught.value) and caught.value.provider == "oidc_role_arn"
    if content:
        no_secret_in(caught.value, content)


@pytest.mark.parametrize("kind", ["missing", "directory", "not-utf8"])
def test_unreadable_token_file_is_a_typed_error(sim: Simulator, tmp_path: Path, kind: str) -> None:
    token_file = tmp_path / "token"
    if kind == "directory":
        token_file.mkdir()
    elif kind == "not-utf8":
        token_file.write_bytes(b"\xff\xfe")
    with pytest.raises(CredentialsProviderError) as caught:
        oidc_provider(sim, token_file).get_credentials()
    assert "oidc_role_arn: cannot read the OIDC token file" in str(caught.value)


def test_oidc_token_refused_by_sts(tmp_path: Path) -> None:
    token_file = tmp_path / "token"
    token_file.write_text("stolen")
    with (
        Simulator(oidc_tokens={"the-real-one"}) as strict,
        pytest.raises(CredentialsProviderError) as caught,
    ):
        oidc_provider(strict, token_file).get_credentials()
    assert "AuthenticationFail.OIDCToken.Invalid" in str(caught.value)
    no_secret_in(caught.value, "stolen")


# --- ECS RAM role (metadata service) -------------------------------------------------------------


def test_ecs_ram_role_asks_for_an_imdsv2_token_first_and_sends_it(sim: Simulator) -> None:
    metadata = sim.serve_metadata(role_name="web", imds_v2_only=True)
    provider = EcsRamRoleProvider(metadata_endpoint=metadata.endpoint)
    found = provider.get_credentials()
    requests = metadata.requests
    assert [(r.method, r.path) for r in requests] == [
        ("PUT", "/latest/api/token"),
        ("GET", "/latest/meta-data/ram/security-credentials/"),
        ("GET", "/latest/meta-data/ram/security-credentials/web"),
    ]
    assert requests[0].headers["x-aliyun-ecs-metadata-token-ttl-seconds"] == "21600"
    token = requests[1].headers["x-aliyun-ecs-metadata-token"]
    assert token and requests[2].headers["x-aliyun-ecs-metadata-token"] == token
    assert found.provider == "ecs_ram_role" and describe_vpcs_with(sim, provider) >= 0


async def test_ecs_ram_role_falls_back_to_imdsv1_async(sim: Simulator) -> None:
    metadata = sim.serve_metadata(imds_v1_only=True)
    provider = EcsRamRoleProvider(metadata_endpoint=metadata.endpoint, role_name="SimulatorEcsRole")
    found = await provider.get_credentials_async()
    assert found.security_token
    assert "x-aliyun-ecs-metadata-token" not in metadata.requests[-1].headers


def test_metadata_service_down_is_a_typed_error() -> None:
    provider = EcsRamRoleProvider(metadata_endpoint="http://127.0.0.1:9", role_name="r")
    with pytest.raises(CredentialsProviderError) as caught:
        provider.get_credentials()
    assert str(caught.value).startswith("ecs_ram_role: metadata service unreachable (Connect")


def test_metadata_without_a_role(sim: Simulator) -> None:
    metadata = sim.serve_metadata(role_name="")
    with pytest.raises(CredentialsProviderError, match="no RAM role attached"):
        EcsRamRoleProvider(metadata_endpoint=metadata.endpoint).get_credentials()


# --- credentials URI and malformed answers --------------------------------------------------------


class ScriptedServer(CredentialsUriServer):
    """A credentials URI (and metadata role path) answering whatever the test sets."""

    status = 200
    body: bytes | dict[str, Any] = b""

    def answer(self, request: SeenRequest) -> tuple[int, bytes | dict[str, Any]]:
        if request.method == "PUT":
            return 404, b""
        return self.status, self.body


VALID = {
    "Code": "Success",
    "AccessKeyId": "STS.x",
    "AccessKeySecret": "answer-secret",
    "SecurityToken": "answer-token",
    "Expiration": "2999-01-01T00:00:00Z",
}


@pytest.mark.parametrize(
    ("status", "body", "reason"),
    [
        (200, b"<html>not json</html>", "answer is not a JSON object"),
        (200, b"[1, 2]", "answer is not a JSON object"),
        (200, {**VALID, "Code": "Failed"}, "Code is not Success"),
        (200, {**VALID, "SecurityToken": None}, "lacks AccessKeyId, AccessKeySecret or Security"),
        (200, {**VALID, "Expiration": "tomorrow"}, "no valid Expiration"),
        (200, {**VALID, "Expiration": "2001-01-01T00:00:00Z"}, "have already expired"),
        (200, {**VALID, "SecurityToken": "tok\r\nX-Injected: 1"}, "control character (U+000D)"),
        (500, {"Code": "InternalError", "Message": "boom"}, "HTTP 500 InternalError: boom"),
    ],
)
@pytest.mark.parametrize("kind", ["uri", "metadata"])
def test_malformed_answers_are_typed_errors_without_secrets(
    status: int, body: bytes | dict[str, Any], reason: str, kind: str
) -> None:
    server = ScriptedServer(Simulator().credentials)
    server.status, server.body = status, body
    try:
        provider: Any = (
            CredentialsUriProvider(server.endpoint)
            if kind == "uri"
            else EcsRamRoleProvider(metadata_endpoint=server.endpoint, role_name="r")
        )
        with pytest.raises(CredentialsProviderError) as caught:
            provider.get_credentials()
    finally:
        server.stop()
    assert caught.value.provider == ("credentials_uri" if kind == "uri" else "ecs_ram_role")
    assert reason in str(caught.value)
    no_secret_in(caught.value, "answer-secret", "answer-token", "tok\r\n")


def test_credentials_uri_provider_reads_a_valid_answer(sim: Simulator) -> None:
    uri = sim.serve_credentials_uri()
    provider = CredentialsUriProvider(uri.endpoint + "/?role=x")
    found = provider.get_credentials()
    assert uri.requests[-1].path == "/?role=x" and found.provider == "credentials_uri"
    assert describe_vpcs_with(sim, provider) >= 0


# --- secrets checked when credentials are loaded ---------------------------------------------------


@pytest.mark.parametrize("bad", ["Qz7\nKp", "Qz7\x00Kp", "Qz7\x1bKp", "Qz7\ud800Kp", "Qz7\x85"])
@pytest.mark.parametrize("field", ["access_key_secret", "security_token", "access_key_id"])
def test_control_characters_and_lone_surrogates_are_refused(field: str, bad: str) -> None:
    values = {"access_key_id": "id", "access_key_secret": "secret", "security_token": "token"}
    values[field] = bad
    with pytest.raises(InvalidCredentialsError) as caught:
        Credentials(values["access_key_id"], values["access_key_secret"], values["security_token"])
    assert isinstance(caught.value, VpcError)
    no_secret_in(caught.value, bad, "Qz7")


def test_environment_secret_with_a_newline_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    env = {
        "ALIBABA_CLOUD_ACCESS_KEY_ID": "id",
        "ALIBABA_CLOUD_ACCESS_KEY_SECRET": "env-secret",
        "ALIBABA_CLOUD_SECURITY_TOKEN": "env-token\n",
    }
    with pytest.raises(InvalidCredentialsError, match="SecurityToken holds a control") as caught:
        EnvironmentProvider(env).get_credentials()
    assert caught.value.provider == "environment"
    no_secret_in(caught.value, "env-token", "env-secret")


# --- the simulator's SecurityToken checks ------------------------------------------------------------


@pytest.mark.parametrize(
    ("credentials", "code"),
    [
        (Credentials("STS.configured", "configured-secret", "configured-token"), None),
        (Credentials("STS.configured", "configured-secret", "forged"), "Malformed"),
        (Credentials("STS.configured", "configured-secret"), "MissingSecurityToken"),
        (Credentials("STS.expired", "expired-secret", "expired-token"), "Expired"),
        (Credentials("STS.configured", "configured-secret", "expired-token"), "MismatchWith"),
        (Credentials("testid", DEFAULT_ACCESS_KEY_SECRET, "configured-token"), "MismatchWith"),
    ],
)
@pytest.mark.parametrize("signature_version", ["v1", "v3"])
def test_simulator_checks_security_tokens(
    sim: Simulator, credentials: Credentials, code: str | None, signature_version: str
) -> None:
    """v1 carries the token as SecurityToken, V3 as the x-acs-security-token header."""
    if code is None:
        assert describe_vpcs_with(sim, credentials, signature_version) >= 0
        return
    with pytest.raises(VpcApiError) as caught:
        describe_vpcs_with(sim, credentials, signature_version)
    assert code in caught.value.code and caught.value.http_status == 400
    no_secret_in(caught.value, credentials.access_key_secret)


def test_simulator_cli_serves_the_stand_ins() -> None:
    with running_simulator(
        "--serve-metadata", "--serve-credentials-uri", "--credential-lifetime-seconds", "60"
    ) as printed:
        endpoint = printed.readline().strip()
        metadata = printed.readline().strip().removeprefix("metadata_endpoint=")
        uri = printed.readline().strip().removeprefix("ALIBABA_CLOUD_CREDENTIALS_URI=")
        for provider in (
            CredentialsUriProvider(uri),
            EcsRamRoleProvider(metadata_endpoint=metadata),
        ):
            found = provider.get_credentials()
            assert found.expiration is not None and found.expiration - time.time() <= 60
            with VpcClient(credentials=found, region_id="cn-hangzhou", endpoint=endpoint) as c:
                c.describe_vpcs()


def test_no_secret_in_any_log_or_repr_while_providers_fetch_and_sign(
    sim: Simulator, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    token_file = tmp_path / "token"
    token_file.write_text("oidc-secret-token")
    metadata = sim.serve_metadata()
    uri = sim.serve_credentials_uri()
    providers: list[Any] = [
        RamRoleArnProvider(source=SOURCE, role_arn=ROLE_ARN, sts_endpoint=sim.endpoint),
        oidc_provider(sim, token_file),
        EcsRamRoleProvider(metadata_endpoint=metadata.endpoint),
        CredentialsUriProvider(uri.endpoint),
    ]
    secrets = [DEFAULT_ACCESS_KEY_SECRET, "oidc-secret-token"]
    with caplog.at_level(logging.DEBUG):
        for provider in providers:
            found = provider.get_credentials()
            assert found.security_token is not None
            secrets += [found.access_key_secret, found.security_token]
            describe_vpcs_with(sim, provider)
    shown = caplog.text + "".join(repr(p) + str(p) for p in providers)
    assert caplog.records  # the DEBUG lines were captured
    for secret in secrets:
        assert secret not in shown
