"""Profiles: the Alibaba Cloud CLI's ~/.aliyun/config.json and the ini file ~/.alibabacloud/credentials.

Both name a kind of credential per profile and build the provider for it once (a role profile
then refreshes like any role provider). CLI modes: AK, StsToken, RamRoleArn, EcsRamRole, OIDC,
ChainableRamRoleArn (a role assumed with another profile's credentials). Ini types: access_key,
ram_role_arn, ecs_ram_role, oidc_role_arn.
"""

from __future__ import annotations

import configparser
import json
import threading
from abc import ABC, abstractmethod
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .ecs_metadata import EcsRamRoleProvider
from .environment import ENV_CREDENTIALS_FILE, ENV_PROFILE, environment
from .errors import CredentialsProviderError, ProviderUnavailable
from .model import Credentials, CredentialsProvider
from .oidc import OidcRoleArnProvider
from .plans import fetch_async
from .ram_role_arn import RamRoleArnProvider
from .sts import DEFAULT_DURATION_SECONDS

__all__ = ["CliProfileProvider", "IniProfileProvider", "ServiceEndpoints"]


@dataclass(frozen=True, slots=True)
class ServiceEndpoints:
    """Where the providers a profile builds send their requests (None: the real services)."""

    sts_endpoint: str | None = None
    metadata_endpoint: str | None = None


class _ProfileProvider(ABC):
    """A profile of a file: reads it and builds the profile's provider on first use, then hands
    that provider's credentials out."""

    name = "profile"
    #: The profile when neither the argument nor ALIBABA_CLOUD_PROFILE names one.
    default_profile: str | None = None

    def __init__(
        self,
        profile_name: str | None = None,
        *,
        path: str | Path | None = None,
        endpoints: ServiceEndpoints = ServiceEndpoints(),
        environ: Mapping[str, str] | None = None,
    ) -> None:
        env = environment(environ)
        self.path = self._locate(path, env)
        self.profile_name = profile_name or env.get(ENV_PROFILE) or self.default_profile
        self._endpoints = endpoints
        self._environ = environ
        self._inner: CredentialsProvider | None = None
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.profile_name!r}, path={str(self.path)!r})"

    @staticmethod
    @abstractmethod
    def _locate(path: str | Path | None, environ: Mapping[str, str]) -> Path:
        """The file: `path`, else where the environment or the convention puts it."""

    @abstractmethod
    def _from_file(self) -> CredentialsProvider:
        """The profile's provider, read from the file."""

    def _read_text(self) -> str:
        try:
            return self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise ProviderUnavailable(self.name, f"{self.path} not found") from None
        except (OSError, UnicodeDecodeError) as error:
            raise CredentialsProviderError(
                self.name, f"{self.path} unreadable: {type(error).__name__}"
            ) from None

    def _provider(self) -> CredentialsProvider:
        with self._lock:
            if self._inner is None:
                self._inner = self._from_file()
            return self._inner

    def get_credentials(self) -> Credentials:
        return self._provider().get_credentials()

    async def get_credentials_async(self) -> Credentials:
        return await fetch_async(self._provider())


def _text(profile: Mapping[str, Any], key: str) -> str | None:
    value = profile.get(key)
    return value if isinstance(value, str) and value else None


class CliProfileProvider(_ProfileProvider):
    """A profile of the CLI's config.json: `profile_name`, else ALIBABA_CLOUD_PROFILE, else the
    file's `current` one."""

    name = "cli_profile"

    @staticmethod
    def _locate(path: str | Path | None, environ: Mapping[str, str]) -> Path:
        return Path(path) if path is not None else Path.home() / ".aliyun" / "config.json"

    def _from_file(self) -> CredentialsProvider:
        text = self._read_text()
        try:
            document = json.loads(text)
        except ValueError as error:
            raise CredentialsProviderError(
                self.name, f"{self.path} unreadable: {type(error).__name__}"
            ) from None
        if not isinstance(document, dict) or not isinstance(document.get("profiles"), list):
            raise CredentialsProviderError(self.name, f"{self.path} has no profiles list")
        profiles = {
            p["name"]: p
            for p in document["profiles"]
            if isinstance(p, dict) and isinstance(p.get("name"), str)
        }
        name = self.profile_name or _text(document, "current") or "default"
        return self._profile(profiles, name, ())

    def _profile(
        self, profiles: Mapping[str, Mapping[str, Any]], name: str, via: tuple[str, ...]
    ) -> CredentialsProvider:
        profile = profiles.get(name)
        if profile is None:
            raise ProviderUnavailable(self.name, f"no profile named {name!r} in {self.path}")
        if name in via:
            raise CredentialsProviderError(self.name, f"profile {name!r} is its own source")
        mode = _text(profile, "mode") or "AK"
        where = f"profile {name!r} ({mode})"
        key_id, secret = _text(profile, "access_key_id"), _text(profile, "access_key_secret")
        need_keys = mode in ("AK", "StsToken", "RamRoleArn")
        if need_keys and not (key_id and secret):
            raise CredentialsProviderError(
                self.name, f"{where} lacks access_key_id/access_key_secret"
            )
        role: dict[str, Any] = {
            "role_arn": _text(profile, "ram_role_arn") or "",
            "role_session_name": _text(profile, "ram_session_name"),
            "duration_seconds": profile.get("expired_seconds") or DEFAULT_DURATION_SECONDS,
            "policy": _text(profile, "policy"),
            "sts_region": _text(profile, "sts_region"),
            "enable_vpc": profile.get("enable_vpc"),
            "sts_endpoint": self._endpoints.sts_endpoint,
            "environ": self._environ,
        }
        if mode == "AK":
            assert key_id and secret
            return Credentials(key_id, secret, provider=self.name)
        if mode == "StsToken":
            assert key_id and secret
            token = _text(profile, "sts_token")
            if token is None:
                raise CredentialsProviderError(self.name, f"{where} lacks sts_token")
            return Credentials(key_id, secret, token, provider=self.name)
        if mode in ("RamRoleArn", "ChainableRamRoleArn"):
            if mode == "RamRoleArn":
                assert key_id and secret
                source: CredentialsProvider = Credentials(key_id, secret, provider=self.name)
            else:
                source_name = _text(profile, "source_profile") or ""
                source = self._profile(profiles, source_name, (*via, name))
            return RamRoleArnProvider(
                source=source, external_id=_text(profile, "external_id"), **role
            )
        if mode == "EcsRamRole":
            return EcsRamRoleProvider(
                role_name=_text(profile, "ram_role_name"),
                metadata_endpoint=self._endpoints.metadata_endpoint,
                environ=self._environ,
            )
        if mode == "OIDC":
            del role["role_session_name"]
            return OidcRoleArnProvider(
                oidc_provider_arn=_text(profile, "oidc_provider_arn"),
                oidc_token_file=_text(profile, "oidc_token_file"),
                role_session_name=_text(profile, "role_session_name"),
                **role,
            )
        raise CredentialsProviderError(self.name, f"{where}: mode not supported")


class IniProfileProvider(_ProfileProvider):
    """A section of the ini credentials file: `path`, else ALIBABA_CLOUD_CREDENTIALS_FILE, else
    ~/.alibabacloud/credentials (or credentials.ini, the name newer official SDKs use); the
    section is `profile_name`, else ALIBABA_CLOUD_PROFILE, else `default`."""

    name = "ini_profile"
    default_profile = "default"
    profile_name: str  # never None, with a default profile

    @staticmethod
    def _locate(path: str | Path | None, environ: Mapping[str, str]) -> Path:
        chosen = path or environ.get(ENV_CREDENTIALS_FILE) or None
        return Path(chosen) if chosen else _default_ini_path()

    def _from_file(self) -> CredentialsProvider:
        parser = configparser.ConfigParser(interpolation=None)
        text = self._read_text()
        try:
            parser.read_string(text)
        except configparser.Error as error:
            raise CredentialsProviderError(
                self.name, f"{self.path} is not an ini file: {type(error).__name__}"
            ) from None
        if not parser.has_section(self.profile_name):
            raise ProviderUnavailable(self.name, f"no section [{self.profile_name}] in {self.path}")
        section = {
            key: value.split("#", 1)[0].strip() for key, value in parser[self.profile_name].items()
        }
        return self._section(section)

    def _section(self, section: Mapping[str, str]) -> CredentialsProvider:
        kind = section.get("type", "")
        where = f"[{self.profile_name}] (type {kind or 'missing'})"

        def keys() -> Credentials:
            key_id, secret = section.get("access_key_id"), section.get("access_key_secret")
            if not (key_id and secret):
                raise CredentialsProviderError(
                    self.name, f"{where} lacks access_key_id/access_key_secret"
                )
            return Credentials(key_id, secret, provider=self.name)

        if kind == "access_key":
            return keys()
        if kind == "ram_role_arn":
            return RamRoleArnProvider(
                source=keys(),
                role_arn=section.get("role_arn", ""),
                role_session_name=section.get("role_session_name") or None,
                policy=section.get("policy") or None,
                sts_endpoint=self._endpoints.sts_endpoint,
                environ=self._environ,
            )
        if kind == "ecs_ram_role":
            return EcsRamRoleProvider(
                role_name=section.get("role_name") or None,
                metadata_endpoint=self._endpoints.metadata_endpoint,
                environ=self._environ,
            )
        if kind == "oidc_role_arn":
            return OidcRoleArnProvider(
                role_arn=section.get("role_arn") or None,
                oidc_provider_arn=section.get("oidc_provider_arn") or None,
                oidc_token_file=section.get("oidc_token_file_path") or None,
                role_session_name=section.get("role_session_name") or None,
                policy=section.get("policy") or None,
                sts_endpoint=self._endpoints.sts_endpoint,
                environ=self._environ,
            )
        raise CredentialsProviderError(self.name, f"{where}: type not supported")


def _default_ini_path() -> Path:
    folder = Path.home() / ".alibabacloud"
    plain = folder / "credentials"
    newer = folder / "credentials.ini"
    return newer if newer.exists() and not plain.exists() else plain
