"""A local Vpc API simulator driven by the spec: what moto is for AWS.

    with Simulator() as sim:
        client = VpcClient(access_key_id=DEFAULT_ACCESS_KEY_ID,
                           access_key_secret=DEFAULT_ACCESS_KEY_SECRET,
                           region_id="cn-hangzhou", endpoint=sim.endpoint)

It verifies signatures, validates parameters against the spec, keeps state for the core resource
families (VPC, VSwitch, route table, EIP, NAT/VPN/customer gateway, IPsec connection, physical
connection, VBR), answers other operations with the documents' example response, and can inject
throttling, server errors, dropped connections and latency.

Temporary credentials: the same endpoint answers STS AssumeRole / AssumeRoleWithOIDC (see `sts`),
`serve_metadata()` and `serve_credentials_uri()` start loopback stand-ins for the ECS metadata
service and a credentials URI; what they issue lives `credential_lifetime_seconds` (at most) and is
accepted, with its SecurityToken, until then.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from pathlib import Path
from types import TracebackType
from typing import Self

from .credential_endpoints import CredentialsUriServer, MetadataServer
from .credential_store import CredentialStore, TemporaryKey
from .faults import FaultSettings
from .resources import Lifecycle
from .server import HttpServer, ServerLimits
from .service import SimulatedService
from .spec_index import SpecIndex
from .sts import StsService

__all__ = [
    "DEFAULT_ACCESS_KEY_ID",
    "DEFAULT_ACCESS_KEY_SECRET",
    "FaultSettings",
    "Lifecycle",
    "ServerLimits",
    "Simulator",
    "TemporaryKey",
]

#: The key pair the simulator accepts unless told otherwise (the documents' examples use them).
DEFAULT_ACCESS_KEY_ID = "testid"
DEFAULT_ACCESS_KEY_SECRET = "testsecret"


class Simulator:
    """A running simulated endpoint on 127.0.0.1. Use as a context manager or start()/stop()."""

    def __init__(
        self,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        spec_path: str | Path | None = None,
        access_key_id: str = DEFAULT_ACCESS_KEY_ID,
        access_key_secret: str = DEFAULT_ACCESS_KEY_SECRET,
        throttle_rate: float = 0.0,
        error_rate: float = 0.0,
        drop_rate: float = 0.0,
        latency_ms: float = 0.0,
        seed: int | None = None,
        ready_after_seconds: float = Lifecycle.ready_after_seconds,
        ready_after_describes: int = Lifecycle.ready_after_describes,
        strict: bool = False,
        credential_lifetime_seconds: float = 3600.0,
        security_tokens: Iterable[TemporaryKey] = (),
        oidc_tokens: Collection[str] | None = None,
        limits: ServerLimits | None = None,
    ) -> None:
        self._host = host
        self._port = port
        self._spec_path = Path(spec_path) if spec_path is not None else None
        self.credentials = CredentialStore(
            {access_key_id: access_key_secret}, credential_lifetime_seconds
        )
        for key in security_tokens:
            self.credentials.add_temporary(key)
        self._oidc_tokens = oidc_tokens
        self._stand_ins: list[MetadataServer | CredentialsUriServer] = []
        self._faults = FaultSettings(throttle_rate, error_rate, drop_rate, latency_ms, seed)
        self._lifecycle = Lifecycle(ready_after_seconds, ready_after_describes)
        self._strict = strict
        self._limits = limits or ServerLimits()
        self._server: HttpServer | None = None
        self.service: SimulatedService | None = None

    @property
    def endpoint(self) -> str:
        """The base URL, e.g. "http://127.0.0.1:53117"."""
        if self._server is None:
            raise RuntimeError("the simulator is not running")
        return f"http://{self._host}:{self._server.port}"

    def start(self) -> Self:
        """Load the spec (the packaged one by default) and start listening."""
        if self._server is None:
            spec = SpecIndex.load(self._spec_path)
            self.service = SimulatedService(
                spec, self.credentials, self._faults, self._lifecycle, strict=self._strict
            )
            self.service.sts = StsService(
                self.credentials, self._oidc_tokens, simulator_data=spec.simulator_data
            )
            server = HttpServer(self.service, self._host, self._port, self._limits)
            server.start()
            self._server = server
        return self

    def serve_metadata(
        self,
        role_name: str = "SimulatorEcsRole",
        *,
        imds_v2_only: bool = False,
        imds_v1_only: bool = False,
    ) -> MetadataServer:
        """Start an ECS metadata stand-in (its `endpoint` is the `metadata_endpoint=` to use)."""
        server = MetadataServer(
            self.credentials, role_name, imds_v2_only=imds_v2_only, imds_v1_only=imds_v1_only
        )
        self._stand_ins.append(server)
        return server

    def serve_credentials_uri(self) -> CredentialsUriServer:
        """Start a credentials URI stand-in (its `endpoint` is the URI)."""
        server = CredentialsUriServer(self.credentials)
        self._stand_ins.append(server)
        return server

    def stop(self) -> None:
        """Stop listening and drop open connections; the state goes with it."""
        while self._stand_ins:
            self._stand_ins.pop().stop()
        if self._server is not None:
            self._server.stop()
            self._server = None

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()
