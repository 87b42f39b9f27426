"""Credentials and where they come from: static keys, the environment, STS roles (RAM role ARN,
OIDC/RRSA), the ECS instance role, a credentials URI, CLI and ini profiles, and the default chain
that tries them in the official SDKs' order (see `chain`).

Importing this package is cheap: the providers that talk to a service (and httpx) load when first
named. A `Credentials` never shows its secret or token in repr/str, and no error quotes one.

    from aliyun_vpc.credentials import RamRoleArnProvider, Credentials
    role = RamRoleArnProvider(source=Credentials("id", "secret"), role_arn="acs:ram::1:role/x")
    VpcClient(credentials=role, region_id="cn-hangzhou")
"""

from __future__ import annotations

import importlib

from . import environment
from .environment import *  # the variable names and EnvironmentProvider (its __all__)
from .errors import (
    CredentialsExpiredError,
    CredentialsProviderError,
    InvalidCredentialsError,
    ProviderUnavailable,
)
from .model import AsyncCredentialsProvider, Credentials, CredentialsProvider

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from .chain import DefaultCredentialsChain, credentials_provider
    from .ecs_metadata import EcsRamRoleProvider
    from .oidc import OidcRoleArnProvider
    from .plans import fetch_async
    from .profiles import CliProfileProvider, IniProfileProvider
    from .ram_role_arn import RamRoleArnProvider
    from .refreshing import RefreshingProvider
    from .uri import CredentialsUriProvider

__all__ = [
    "AsyncCredentialsProvider",
    "CliProfileProvider",
    "Credentials",
    "CredentialsExpiredError",
    "CredentialsProvider",
    "CredentialsProviderError",
    "CredentialsUriProvider",
    "DefaultCredentialsChain",
    "EcsRamRoleProvider",
    "IniProfileProvider",
    "InvalidCredentialsError",
    "OidcRoleArnProvider",
    "ProviderUnavailable",
    "RamRoleArnProvider",
    "RefreshingProvider",
    "credentials_provider",
    "fetch_async",
]
__all__ += environment.__all__

_LAZY = {
    "DefaultCredentialsChain": ".chain",
    "credentials_provider": ".chain",
    "EcsRamRoleProvider": ".ecs_metadata",
    "OidcRoleArnProvider": ".oidc",
    "fetch_async": ".plans",
    "CliProfileProvider": ".profiles",
    "IniProfileProvider": ".profiles",
    "RamRoleArnProvider": ".ram_role_arn",
    "RefreshingProvider": ".refreshing",
    "CredentialsUriProvider": ".uri",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value
    return value
