"""Credentials and where they come from.

Discovery order: explicit arguments > environment (ALIBABA_CLOUD_ACCESS_KEY_ID,
ALIBABA_CLOUD_ACCESS_KEY_SECRET, ALIBABA_CLOUD_SECURITY_TOKEN) > the Alibaba Cloud CLI profile file
(~/.aliyun/config.json: the `current` profile, or the one ALIBABA_CLOUD_PROFILE names). When none
yields a key pair, `CredentialsNotFoundError` names every source that was tried. A `Credentials` never
shows its secret or token in repr/str.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from .exceptions import CredentialsNotFoundError

__all__ = [
    "ENV_ACCESS_KEY_ID",
    "ENV_ACCESS_KEY_SECRET",
    "ENV_PROFILE",
    "ENV_SECURITY_TOKEN",
    "Credentials",
    "CredentialsProvider",
    "default_config_path",
    "resolve_credentials",
]

ENV_ACCESS_KEY_ID = "ALIBABA_CLOUD_ACCESS_KEY_ID"
ENV_ACCESS_KEY_SECRET = "ALIBABA_CLOUD_ACCESS_KEY_SECRET"
ENV_SECURITY_TOKEN = "ALIBABA_CLOUD_SECURITY_TOKEN"
ENV_PROFILE = "ALIBABA_CLOUD_PROFILE"


@dataclass(frozen=True, slots=True)
class Credentials:
    """An AccessKey pair, plus the STS token for temporary credentials."""

    access_key_id: str
    access_key_secret: str = field(repr=False)
    security_token: str | None = field(default=None, repr=False)

    def __repr__(self) -> str:
        token = ", security_token=***" if self.security_token else ""
        return f"Credentials(access_key_id={self.access_key_id!r}, access_key_secret=***{token})"

    __str__ = __repr__

    def get_credentials(self) -> Credentials:
        """Static credentials are their own provider."""
        return self


class CredentialsProvider(Protocol):
    """Anything that hands out current credentials (e.g. a refreshing STS source)."""

    def get_credentials(self) -> Credentials: ...


def default_config_path() -> Path:
    """The Alibaba Cloud CLI configuration file."""
    return Path.home() / ".aliyun" / "config.json"


def resolve_credentials(
    access_key_id: str | None = None,
    access_key_secret: str | None = None,
    security_token: str | None = None,
    *,
    environ: Mapping[str, str] | None = None,
    config_path: Path | None = None,
) -> Credentials:
    """The first complete key pair among explicit arguments, environment and CLI profile file."""
    env = os.environ if environ is None else environ
    tried: list[str] = []

    if access_key_id and access_key_secret:
        return Credentials(access_key_id, access_key_secret, security_token or None)
    if access_key_id or access_key_secret or security_token:
        # Half a key pair is a mistake: falling back to the environment or the profile file could
        # silently sign with another account's keys.
        raise CredentialsNotFoundError(
            [
                "explicit arguments (need both access_key_id and access_key_secret;"
                + " the environment and profile file were not consulted)"
            ]
        )
    tried.append("explicit arguments (none given)")

    env_id, env_secret = env.get(ENV_ACCESS_KEY_ID), env.get(ENV_ACCESS_KEY_SECRET)
    if env_id and env_secret:
        return Credentials(env_id, env_secret, env.get(ENV_SECURITY_TOKEN) or None)
    tried.append(f"environment ({ENV_ACCESS_KEY_ID} and {ENV_ACCESS_KEY_SECRET})")

    path = config_path or default_config_path()
    found, reason = _from_profile_file(path, env.get(ENV_PROFILE))
    if found is not None:
        return found
    tried.append(f"profile file {path} ({reason})")
    raise CredentialsNotFoundError(tried)


def _from_profile_file(path: Path, wanted: str | None) -> tuple[Credentials | None, str]:
    """Credentials from the CLI config file, or None and why not (never quoting a secret)."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None, "not found"
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        return None, f"unreadable: {type(error).__name__}"
    if not isinstance(document, dict):
        return None, "not a JSON object"
    name = wanted or document.get("current") or "default"
    profiles = document.get("profiles")
    profile = (
        next(
            (p for p in profiles if isinstance(p, dict) and p.get("name") == name),
            None,
        )
        if isinstance(profiles, list)
        else None
    )
    if profile is None:
        return None, f"no profile named {name!r}"
    return _profile_credentials(profile, name)


def _profile_credentials(profile: dict[str, Any], name: str) -> tuple[Credentials | None, str]:
    mode = profile.get("mode") or "AK"
    if mode not in ("AK", "StsToken"):
        return None, f"profile {name!r} has unsupported mode {mode!r}"
    key_id, secret = profile.get("access_key_id"), profile.get("access_key_secret")
    if not (isinstance(key_id, str) and key_id and isinstance(secret, str) and secret):
        return None, f"profile {name!r} lacks access_key_id/access_key_secret"
    token = profile.get("sts_token") if mode == "StsToken" else None
    if mode == "StsToken" and not token:
        return None, f"profile {name!r} (StsToken) lacks sts_token"
    return Credentials(key_id, secret, token), ""
