"""Where credentials come from: explicit keys, then the default chain in the official order
(environment → OIDC → CLI profile → ini profile → ECS RAM role → credentials URI), every
environment variable by its exact name, CLI and ini profiles in each mode."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from memory_network import attach

from aliyun_vpc._client_base import SyncClientBase
from aliyun_vpc._meta import OperationMeta
from aliyun_vpc.credentials import (
    CliProfileProvider,
    Credentials,
    DefaultCredentialsChain,
    IniProfileProvider,
    ProviderUnavailable,
    credentials_provider,
)
from aliyun_vpc.credentials import environment as env_names
from aliyun_vpc.credentials.profiles import ServiceEndpoints
from aliyun_vpc.credentials.sts import resolve_sts_endpoint
from aliyun_vpc.exceptions import CredentialsNotFoundError, VpcError
from aliyun_vpc_simulator import Simulator

ROLE_ARN = "acs:ram::1234567890:role/vpc-admin"
OIDC_PROVIDER_ARN = "acs:ram::1234567890:oidc-provider/ack-rrsa"
ENV_KEYS = {
    "ALIBABA_CLOUD_ACCESS_KEY_ID": "env-id",
    "ALIBABA_CLOUD_ACCESS_KEY_SECRET": "env-secret",
}


@pytest.fixture(scope="module")
def sim() -> Iterator[Simulator]:
    with Simulator() as simulator:
        yield simulator


def write_cli_config(home: Path, current: str, profiles: list[dict[str, Any]]) -> Path:
    path = home / ".aliyun" / "config.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"current": current, "profiles": profiles}))
    return path


def write_ini(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def test_environment_variable_names_are_the_official_ones() -> None:
    assert {
        name: getattr(env_names, name) for name in env_names.__all__ if name.startswith("ENV_")
    } == {
        "ENV_ACCESS_KEY_ID": "ALIBABA_CLOUD_ACCESS_KEY_ID",
        "ENV_ACCESS_KEY_SECRET": "ALIBABA_CLOUD_ACCESS_KEY_SECRET",
        "ENV_SECURITY_TOKEN": "ALIBABA_CLOUD_SECURITY_TOKEN",
        "ENV_ROLE_ARN": "ALIBABA_CLOUD_ROLE_ARN",
        "ENV_OIDC_PROVIDER_ARN": "ALIBABA_CLOUD_OIDC_PROVIDER_ARN",
        "ENV_OIDC_TOKEN_FILE": "ALIBABA_CLOUD_OIDC_TOKEN_FILE",
        "ENV_ROLE_SESSION_NAME": "ALIBABA_CLOUD_ROLE_SESSION_NAME",
        "ENV_ECS_METADATA": "ALIBABA_CLOUD_ECS_METADATA",
        "ENV_ECS_METADATA_DISABLED": "ALIBABA_CLOUD_ECS_METADATA_DISABLED",
        "ENV_IMDSV1_DISABLED": "ALIBABA_CLOUD_IMDSV1_DISABLED",
        "ENV_CREDENTIALS_URI": "ALIBABA_CLOUD_CREDENTIALS_URI",
        "ENV_PROFILE": "ALIBABA_CLOUD_PROFILE",
        "ENV_CLI_PROFILE_DISABLED": "ALIBABA_CLOUD_CLI_PROFILE_DISABLED",
        "ENV_CREDENTIALS_FILE": "ALIBABA_CLOUD_CREDENTIALS_FILE",
        "ENV_STS_REGION": "ALIBABA_CLOUD_STS_REGION",
        "ENV_VPC_ENDPOINT_ENABLED": "ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED",
    }


def test_explicit_keys_are_static_credentials_and_beat_the_environment() -> None:
    provider = credentials_provider("arg-id", "arg-secret", "arg-token", environ=ENV_KEYS)
    assert provider.get_credentials() == Credentials("arg-id", "arg-secret", "arg-token")


@pytest.mark.parametrize(
    ("key_id", "secret", "token"),
    [("arg-id", None, None), (None, "arg-secret", None), (None, None, "arg-token")],
)
def test_incomplete_explicit_credentials_are_an_error_not_a_fall_through(
    key_id: str | None, secret: str | None, token: str | None
) -> None:
    # The environment holds a complete pair of possibly another account: it must not be used.
    with pytest.raises(CredentialsNotFoundError) as caught:
        credentials_provider(key_id, secret, token, environ=ENV_KEYS)
    message = str(caught.value)
    assert "need both access_key_id and access_key_secret" in message
    assert "env-" not in message and "arg-secret" not in message and "arg-token" not in message


def test_chain_order_is_the_official_one(sim: Simulator, tmp_path: Path) -> None:
    """Every source configured at once; removing the winner each time reveals the next."""
    token_file = tmp_path / "oidc-token"
    token_file.write_text("header.payload.signature")
    write_cli_config(
        tmp_path,
        "default",
        [{"name": "default", "mode": "AK", "access_key_id": "cli-id", "access_key_secret": "s"}],
    )
    ini = tmp_path / ".alibabacloud" / "credentials"
    write_ini(ini, "[default]\ntype = access_key\naccess_key_id = ini-id\naccess_key_secret = s\n")
    metadata = sim.serve_metadata()
    uri = sim.serve_credentials_uri()
    env = {
        **ENV_KEYS,
        "ALIBABA_CLOUD_ROLE_ARN": ROLE_ARN,
        "ALIBABA_CLOUD_OIDC_PROVIDER_ARN": OIDC_PROVIDER_ARN,
        "ALIBABA_CLOUD_OIDC_TOKEN_FILE": str(token_file),
        "ALIBABA_CLOUD_CREDENTIALS_URI": uri.endpoint,
    }

    def winner() -> str:
        chain = DefaultCredentialsChain(
            environ=env,
            home=tmp_path,
            sts_endpoint=sim.endpoint,
            metadata_endpoint=metadata.endpoint,
        )
        return chain.get_credentials().provider

    order = []
    for remove in (
        lambda: [env.pop(name) for name in ENV_KEYS],
        lambda: env.pop("ALIBABA_CLOUD_ROLE_ARN"),
        lambda: env.update(ALIBABA_CLOUD_CLI_PROFILE_DISABLED="true"),
        lambda: ini.unlink(),
        lambda: env.update(ALIBABA_CLOUD_ECS_METADATA_DISABLED="TRUE"),
        lambda: env.pop("ALIBABA_CLOUD_CREDENTIALS_URI"),
    ):
        order.append(winner())
        remove()
    assert order == [
        "environment",
        "oidc_role_arn",
        "cli_profile",
        "ini_profile",
        "ecs_ram_role",
        "credentials_uri",
    ]
    with pytest.raises(CredentialsNotFoundError) as caught:
        winner()
    assert [entry.split(" ")[0] for entry in caught.value.tried] == order
    assert "ALIBABA_CLOUD_ECS_METADATA_DISABLED=true" in caught.value.tried[4]


def test_ecs_metadata_disabled_turns_the_provider_off_in_profiles_too(tmp_path: Path) -> None:
    path = write_cli_config(tmp_path, "ecs", [{"name": "ecs", "mode": "EcsRamRole"}])
    env = {"ALIBABA_CLOUD_ECS_METADATA_DISABLED": "true"}
    with pytest.raises(ProviderUnavailable, match="ALIBABA_CLOUD_ECS_METADATA_DISABLED=true"):
        CliProfileProvider(path=path, environ=env).get_credentials()


def test_nothing_found_names_every_provider_and_why_without_secrets(tmp_path: Path) -> None:
    write_cli_config(
        tmp_path,
        "p",
        [{"name": "p", "mode": "AK", "access_key_id": "only-id", "access_key_secret": ""}],
    )
    env = {
        "ALIBABA_CLOUD_ACCESS_KEY_SECRET": "lonely-secret",
        "ALIBABA_CLOUD_ROLE_ARN": ROLE_ARN,
        "ALIBABA_CLOUD_CREDENTIALS_URI": "http://127.0.0.1:9/",  # discard port: refused
    }
    chain = DefaultCredentialsChain(
        environ=env, home=tmp_path, metadata_endpoint="http://127.0.0.1:9"
    )
    with pytest.raises(CredentialsNotFoundError) as caught:
        chain.get_credentials()
    tried = caught.value.tried
    message = str(caught.value)
    assert len(tried) == 6
    assert "ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET" in tried[0]
    assert "skipped: not all of ALIBABA_CLOUD_ROLE_ARN" in tried[1]
    assert "profile 'p' (AK) lacks access_key_id/access_key_secret" in tried[2]
    assert "not found" in tried[3]
    assert tried[4].startswith("ecs_ram_role") and "unreachable" in tried[4]
    assert tried[5].startswith("credentials_uri") and "unreachable" in tried[5]
    assert "lonely-secret" not in message


def test_chain_reuses_the_winner_and_retries_until_one_answers(tmp_path: Path) -> None:
    env: dict[str, str] = {"ALIBABA_CLOUD_ECS_METADATA_DISABLED": "true"}
    chain = DefaultCredentialsChain(environ=env, home=tmp_path)
    with pytest.raises(CredentialsNotFoundError):
        chain.get_credentials()
    env.update(ENV_KEYS)
    assert chain.get_credentials().access_key_id == "env-id"
    write_cli_config(
        tmp_path,
        "default",
        [{"name": "default", "mode": "AK", "access_key_id": "cli-id", "access_key_secret": "s"}],
    )
    env["ALIBABA_CLOUD_ACCESS_KEY_ID"] = "env-id-2"  # the environment provider reads every call
    assert chain.get_credentials().access_key_id == "env-id-2"


def test_security_token_from_the_environment() -> None:
    env = {**ENV_KEYS, "ALIBABA_CLOUD_SECURITY_TOKEN": "env-token"}
    found = DefaultCredentialsChain(environ=env).get_credentials()
    assert found == Credentials("env-id", "env-secret", "env-token")


def test_oidc_environment_variables_reach_assume_role_with_oidc(
    sim: Simulator, tmp_path: Path
) -> None:
    token_file = tmp_path / "token"
    token_file.write_text("oidc-jwt-1")
    env = {
        "ALIBABA_CLOUD_ROLE_ARN": ROLE_ARN,
        "ALIBABA_CLOUD_OIDC_PROVIDER_ARN": OIDC_PROVIDER_ARN,
        "ALIBABA_CLOUD_OIDC_TOKEN_FILE": str(token_file),
        "ALIBABA_CLOUD_ROLE_SESSION_NAME": "pod-session",
    }
    found = DefaultCredentialsChain(environ=env, sts_endpoint=sim.endpoint).get_credentials()
    assert found.provider == "oidc_role_arn" and found.security_token
    call = sim.service.sts.calls[-1] if sim.service and sim.service.sts else {}
    assert {key: call[key] for key in ("Action", "RoleArn", "OIDCProviderArn", "OIDCToken")} == {
        "Action": "AssumeRoleWithOIDC",
        "RoleArn": ROLE_ARN,
        "OIDCProviderArn": OIDC_PROVIDER_ARN,
        "OIDCToken": "oidc-jwt-1",
    }
    assert call["RoleSessionName"] == "pod-session"


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, "https://sts.aliyuncs.com"),
        ({"ALIBABA_CLOUD_STS_REGION": "cn-shanghai"}, "https://sts.cn-shanghai.aliyuncs.com"),
        (
            {
                "ALIBABA_CLOUD_STS_REGION": "cn-shanghai",
                "ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED": "true",
            },
            "https://sts-vpc.cn-shanghai.aliyuncs.com",
        ),
    ],
)
def test_sts_endpoint_from_region_and_vpc_variables(env: dict[str, str], expected: str) -> None:
    assert resolve_sts_endpoint(None, None, None, env) == expected
    assert resolve_sts_endpoint("http://127.0.0.1:8080", None, None, env) == "http://127.0.0.1:8080"


def test_ecs_metadata_variable_names_the_role_without_listing(sim: Simulator) -> None:
    metadata = sim.serve_metadata(role_name="named-role")
    chain = DefaultCredentialsChain(
        environ={"ALIBABA_CLOUD_ECS_METADATA": "named-role"},
        home=Path("/nonexistent"),
        metadata_endpoint=metadata.endpoint,
    )
    assert chain.get_credentials().provider == "ecs_ram_role"
    assert [request.path for request in metadata.requests] == [
        "/latest/api/token",
        "/latest/meta-data/ram/security-credentials/named-role",
    ]


@pytest.mark.parametrize(("disabled", "works"), [("false", True), ("true", False)])
def test_imdsv1_disabled_variable(sim: Simulator, disabled: str, works: bool) -> None:
    metadata = sim.serve_metadata(imds_v1_only=True)  # an instance without IMDSv2
    chain = DefaultCredentialsChain(
        environ={"ALIBABA_CLOUD_IMDSV1_DISABLED": disabled},
        home=Path("/nonexistent"),
        metadata_endpoint=metadata.endpoint,
    )
    if works:
        assert chain.get_credentials().provider == "ecs_ram_role"
        assert "x-aliyun-ecs-metadata-token" not in metadata.requests[-1].headers
    else:
        with pytest.raises(CredentialsNotFoundError) as caught:
            chain.get_credentials()
        assert "ALIBABA_CLOUD_IMDSV1_DISABLED=true" in caught.value.tried[4]


CLI_PROFILES: list[dict[str, Any]] = [
    {"name": "default", "mode": "AK", "access_key_id": "testid", "access_key_secret": "testsecret"},
    {
        "name": "sts",
        "mode": "StsToken",
        "access_key_id": "STS.file",
        "access_key_secret": "sts-sec",
        "sts_token": "sts-token",
    },
    {
        "name": "role",
        "mode": "RamRoleArn",
        "access_key_id": "testid",
        "access_key_secret": "testsecret",
        "ram_role_arn": ROLE_ARN,
        "ram_session_name": "cli-session",
        "expired_seconds": 900,
        "external_id": "ext-1",
    },
    {"name": "ecs", "mode": "EcsRamRole", "ram_role_name": "SimulatorEcsRole"},
    {
        "name": "oidc",
        "mode": "OIDC",
        "ram_role_arn": ROLE_ARN,
        "oidc_provider_arn": OIDC_PROVIDER_ARN,
        "oidc_token_file": "TOKEN_FILE",
        "role_session_name": "oidc-session",
    },
    {
        "name": "chained",
        "mode": "ChainableRamRoleArn",
        "source_profile": "role",
        "ram_role_arn": "acs:ram::1234567890:role/second",
        "ram_session_name": "second-session",
    },
    {"name": "loop", "mode": "ChainableRamRoleArn", "source_profile": "loop", "ram_role_arn": "x"},
    {"name": "sso", "mode": "CloudSSO"},
]


@pytest.mark.parametrize(
    ("profile", "provider", "sts_action"),
    [
        ("default", "cli_profile", None),
        ("sts", "cli_profile", None),
        ("role", "ram_role_arn", "AssumeRole"),
        ("ecs", "ecs_ram_role", None),
        ("oidc", "oidc_role_arn", "AssumeRoleWithOIDC"),
        ("chained", "ram_role_arn", "AssumeRole"),
    ],
)
def test_cli_profile_modes(
    sim: Simulator, tmp_path: Path, profile: str, provider: str, sts_action: str | None
) -> None:
    token_file = tmp_path / "token"
    token_file.write_text("jwt")
    profiles = json.loads(json.dumps(CLI_PROFILES).replace("TOKEN_FILE", str(token_file)))
    path = write_cli_config(tmp_path, "default", profiles)
    assert sim.service is not None and sim.service.sts is not None
    calls_before = len(sim.service.sts.calls)
    metadata = sim.serve_metadata()
    found = CliProfileProvider(
        path=path,
        endpoints=ServiceEndpoints(sim.endpoint, metadata.endpoint),
        environ={"ALIBABA_CLOUD_PROFILE": profile},
    ).get_credentials()
    assert found.provider == provider
    calls = sim.service.sts.calls[calls_before:]
    assert [call["Action"] for call in calls] == (
        [] if sts_action is None else ["AssumeRole"] * (profile == "chained") + [sts_action]
    )
    if profile == "role":
        assert calls[0]["RoleSessionName"] == "cli-session"
        assert calls[0]["DurationSeconds"] == "900" and calls[0]["ExternalId"] == "ext-1"
        assert calls[0]["AccessKeyId"] == "testid"
    if profile == "chained":  # the second AssumeRole is signed with the first one's STS keys
        assert calls[1]["AccessKeyId"].startswith("STS.") and calls[1]["SecurityToken"]
        assert calls[1]["RoleArn"].endswith("role/second")
    if profile == "sts":
        assert found == Credentials("STS.file", "sts-sec", "sts-token")


@pytest.mark.parametrize(
    ("profile", "reason"),
    [("loop", "is its own source"), ("sso", "mode not supported"), ("absent", "no profile named")],
)
def test_cli_profile_errors_name_the_profile(tmp_path: Path, profile: str, reason: str) -> None:
    path = write_cli_config(tmp_path, "default", CLI_PROFILES)
    with pytest.raises(VpcError, match=reason) as caught:
        CliProfileProvider(profile, path=path).get_credentials()
    assert "testsecret" not in str(caught.value)


def test_cli_profile_uses_current_when_no_name_given(tmp_path: Path) -> None:
    path = write_cli_config(tmp_path, "sts", CLI_PROFILES)
    assert CliProfileProvider(path=path, environ={}).get_credentials().access_key_id == "STS.file"


def test_ini_file_types_sections_and_variables(sim: Simulator, tmp_path: Path) -> None:
    token_file = tmp_path / "token"
    token_file.write_text("jwt\n")
    ini = write_ini(
        tmp_path / "creds.ini",
        "[default]\ntype = access_key  # a comment\naccess_key_id = testid\n"
        "access_key_secret = testsecret\n"
        f"[role]\ntype = ram_role_arn\naccess_key_id = testid\naccess_key_secret = testsecret\n"
        f"role_arn = {ROLE_ARN}\nrole_session_name = ini-session\n"
        "[ecs]\ntype = ecs_ram_role\nrole_name = SimulatorEcsRole\n"
        f"[oidc]\ntype = oidc_role_arn\nrole_arn = {ROLE_ARN}\n"
        f"oidc_provider_arn = {OIDC_PROVIDER_ARN}\noidc_token_file_path = {token_file}\n"
        "[odd]\ntype = rsa_key_pair\n",
    )
    metadata = sim.serve_metadata()
    endpoints = ServiceEndpoints(sim.endpoint, metadata.endpoint)
    env = {"ALIBABA_CLOUD_CREDENTIALS_FILE": str(ini)}
    found = {
        section: IniProfileProvider(
            environ={**env, "ALIBABA_CLOUD_PROFILE": section}, endpoints=endpoints
        ).get_credentials()
        for section in ("default", "role", "ecs", "oidc")
    }
    assert found["default"] == Credentials("testid", "testsecret")
    assert [found[name].provider for name in ("role", "ecs", "oidc")] == [
        "ram_role_arn",
        "ecs_ram_role",
        "oidc_role_arn",
    ]
    with pytest.raises(VpcError, match=r"\[odd\] \(type rsa_key_pair\): type not supported"):
        IniProfileProvider("odd", path=ini).get_credentials()


def test_client_discovers_credentials_from_environment_on_first_call(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(Path, "home", lambda: tmp_path)  # no real profile files
    monkeypatch.setenv("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true")
    for name in (*ENV_KEYS, "ALIBABA_CLOUD_CREDENTIALS_URI", "ALIBABA_CLOUD_ROLE_ARN"):
        monkeypatch.delenv(name, raising=False)
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(dict(httpx.QueryParams(request.read().decode()))["AccessKeyId"])
        return httpx.Response(200, json={})

    op = OperationMeta("DescribeRegions", "describe_regions", "m:R", "m:S", False, True, False)
    with attach(SyncClientBase(), handler) as client:
        with pytest.raises(CredentialsNotFoundError):
            client._invoke(op, {})
        for name, value in ENV_KEYS.items():
            monkeypatch.setenv(name, value)
        client._invoke(op, {})
    assert seen == ["env-id"]
