"""Credential discovery order: explicit > environment > CLI profile file > error naming what was tried."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx
import pytest
from aliyun_vpc._client_base import SyncClientBase
from aliyun_vpc._meta import OperationMeta
from aliyun_vpc.credentials import Credentials, resolve_credentials
from aliyun_vpc.exceptions import CredentialsNotFoundError
from memory_network import attach

ENV = {
    "ALIBABA_CLOUD_ACCESS_KEY_ID": "env-id",
    "ALIBABA_CLOUD_ACCESS_KEY_SECRET": "env-secret",
}


def write_profiles(tmp_path: Path, current: str, profiles: list[dict[str, Any]]) -> Path:
    path = tmp_path / "config.json"
    path.write_text(json.dumps({"current": current, "profiles": profiles}))
    return path


PROFILES = [
    {"name": "default", "mode": "AK", "access_key_id": "file-id", "access_key_secret": "file-sec"},
    {
        "name": "sts",
        "mode": "StsToken",
        "access_key_id": "STS.file",
        "access_key_secret": "sts-sec",
        "sts_token": "sts-token",
    },
]


def test_explicit_beats_environment_and_file(tmp_path: Path) -> None:
    path = write_profiles(tmp_path, "default", PROFILES)
    found = resolve_credentials("arg-id", "arg-secret", "arg-token", environ=ENV, config_path=path)
    assert found == Credentials("arg-id", "arg-secret", "arg-token")


def test_environment_beats_file(tmp_path: Path) -> None:
    path = write_profiles(tmp_path, "default", PROFILES)
    env = {**ENV, "ALIBABA_CLOUD_SECURITY_TOKEN": "env-token"}
    assert resolve_credentials(environ=env, config_path=path) == Credentials(
        "env-id", "env-secret", "env-token"
    )


def test_current_profile_from_file(tmp_path: Path) -> None:
    path = write_profiles(tmp_path, "default", PROFILES)
    assert resolve_credentials(environ={}, config_path=path) == Credentials("file-id", "file-sec")


def test_profile_selected_by_environment_with_sts_token(tmp_path: Path) -> None:
    path = write_profiles(tmp_path, "default", PROFILES)
    found = resolve_credentials(environ={"ALIBABA_CLOUD_PROFILE": "sts"}, config_path=path)
    assert found == Credentials("STS.file", "sts-sec", "sts-token")


@pytest.mark.parametrize(
    ("key_id", "secret", "token"),
    [("arg-id", None, None), (None, "arg-secret", None), (None, None, "arg-token")],
)
def test_incomplete_explicit_credentials_are_an_error_not_a_fall_through(
    key_id: str | None, secret: str | None, token: str | None
) -> None:
    # The environment holds a complete pair of possibly another account: it must not be used.
    with pytest.raises(CredentialsNotFoundError) as caught:
        resolve_credentials(key_id, secret, token, environ=ENV, config_path=Path("/nonexistent"))
    message = str(caught.value)
    assert "need both access_key_id and access_key_secret" in message
    assert "env-" not in message and "arg-secret" not in message and "arg-token" not in message


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (None, "not found"),
        ("{not json", "unreadable"),
        (json.dumps({"current": "x", "profiles": PROFILES}), "no profile named 'x'"),
        (
            json.dumps({"current": "p", "profiles": [{"name": "p", "mode": "RamRoleArn"}]}),
            "unsupported mode",
        ),
        (
            json.dumps({"current": "p", "profiles": [{"name": "p", "access_key_id": "i"}]}),
            "lacks access_key_id/access_key_secret",
        ),
    ],
)
def test_nothing_found_names_every_source(tmp_path: Path, content: str | None, reason: str) -> None:
    path = tmp_path / "config.json"
    if content is not None:
        path.write_text(content)
    with pytest.raises(CredentialsNotFoundError) as caught:
        resolve_credentials(environ={}, config_path=path)
    message = str(caught.value)
    assert "explicit arguments" in message
    assert "ALIBABA_CLOUD_ACCESS_KEY_ID" in message
    assert str(path) in message and reason in message
    assert len(caught.value.tried) == 3


def test_client_discovers_credentials_from_environment_on_first_call(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(Path, "home", lambda: tmp_path)  # no real ~/.aliyun/config.json
    for name in ENV:
        monkeypatch.delenv(name, raising=False)
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(dict(httpx.QueryParams(request.read().decode()))["AccessKeyId"])
        return httpx.Response(200, json={})

    op = OperationMeta("DescribeRegions", "describe_regions", "m:R", "m:S", False, True, False)
    with attach(SyncClientBase(), handler) as client:
        with pytest.raises(CredentialsNotFoundError):
            client._invoke(op, {})
        for name, value in ENV.items():
            monkeypatch.setenv(name, value)
        client._invoke(op, {})
    assert seen == ["env-id"]
