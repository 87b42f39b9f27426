"""Failures of a credential provider, each naming the provider and never quoting a secret."""

from __future__ import annotations

from ..exceptions import VpcError

__all__ = [
    "CredentialsExpiredError",
    "CredentialsProviderError",
    "InvalidCredentialsError",
    "ProviderUnavailable",
]


class CredentialsProviderError(VpcError):
    """A provider could not produce credentials (service down, error answer, malformed answer,
    unreadable file). `provider` names it; `reason` says why."""

    def __init__(self, provider: str, reason: str) -> None:
        self.provider = provider
        self.reason = reason
        super().__init__(f"{provider}: {reason}")


class CredentialsExpiredError(CredentialsProviderError):
    """The provider's credentials expired and refreshing them failed."""


class InvalidCredentialsError(CredentialsProviderError, ValueError):
    """A key, secret or token holds a control character or text that cannot be encoded."""


class ProviderUnavailable(CredentialsProviderError):
    """The provider is not configured here (its variables or files are absent): the default chain
    moves on to the next one."""
