"""Credentials URI: a local endpoint (a sidecar, an agent) that hands out temporary credentials.

`GET <uri>` answers `{"Code": "Success", "AccessKeyId", "AccessKeySecret", "SecurityToken",
"Expiration"}`; the URI comes from the argument or ALIBABA_CLOUD_CREDENTIALS_URI.
"""

from __future__ import annotations

from collections.abc import Mapping

from ..exceptions import VpcError
from .answers import credentials_from, parse_json_object
from .environment import ENV_CREDENTIALS_URI, environment
from .errors import CredentialsProviderError, ProviderUnavailable
from .plans import FetchPlan, base_url, http_call
from .refreshing import RefreshingProvider

__all__ = ["CredentialsUriProvider"]


class CredentialsUriProvider(RefreshingProvider):
    """Credentials from `uri`, refreshed before they expire."""

    name = "credentials_uri"

    def __init__(
        self,
        uri: str | None = None,
        *,
        environ: Mapping[str, str] | None = None,
        connect_timeout: float = 5.0,
        read_timeout: float = 10.0,
    ) -> None:
        super().__init__(connect_timeout=connect_timeout, read_timeout=read_timeout)
        uri = uri or environment(environ).get(ENV_CREDENTIALS_URI) or ""
        if not uri:
            raise ProviderUnavailable(self.name, f"{ENV_CREDENTIALS_URI} is not set")
        try:
            base_url(uri)
        except VpcError:  # its message would quote the URI, which may carry a token
            raise CredentialsProviderError(
                self.name, "the credentials URI is not an http(s) URL with a host"
            ) from None
        self.uri = uri

    def __repr__(self) -> str:
        return f"CredentialsUriProvider({base_url(self.uri)!r})"

    def _fetch_plan(self) -> FetchPlan:
        reply = yield http_call(
            "GET", self.uri, {"accept": "application/json"}, None, self.timeouts
        )
        answer = parse_json_object(self.name, "credentials URI", reply)
        if answer.get("Code") != "Success":
            raise CredentialsProviderError(
                self.name, "credentials URI answer's Code is not Success"
            )
        return credentials_from(self.name, "credentials URI", answer)
