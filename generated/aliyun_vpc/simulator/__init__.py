"""A local Vpc API simulator driven by the spec: what moto is for AWS.

    with Simulator() as sim:
        client = VpcClient(access_key_id=DEFAULT_ACCESS_KEY_ID,
                           access_key_secret=DEFAULT_ACCESS_KEY_SECRET,
                           region_id="cn-hangzhou", endpoint=sim.endpoint)

It verifies signatures, validates parameters against the spec, keeps state for the core resource
families (VPC, VSwitch, route table, EIP, NAT/VPN/customer gateway, IPsec connection, physical
connection, VBR), answers other operations with the documents' example response, and can inject
throttling, server errors, dropped connections and latency.
"""

from __future__ import annotations

from pathlib import Path
from types import TracebackType
from typing import Self

from .faults import FaultSettings
from .resources import Lifecycle
from .server import HttpServer
from .service import SimulatedService
from .spec_index import SpecIndex

__all__ = [
    "DEFAULT_ACCESS_KEY_ID",
    "DEFAULT_ACCESS_KEY_SECRET",
    "FaultSettings",
    "Lifecycle",
    "Simulator",
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
    ) -> None:
        self._host = host
        self._port = port
        self._spec_path = Path(spec_path) if spec_path is not None else None
        self._credentials = {access_key_id: access_key_secret}
        self._faults = FaultSettings(throttle_rate, error_rate, drop_rate, latency_ms, seed)
        self._lifecycle = Lifecycle(ready_after_seconds, ready_after_describes)
        self._strict = strict
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
                spec, self._credentials, self._faults, self._lifecycle, strict=self._strict
            )
            server = HttpServer(self.service, self._host, self._port)
            server.start()
            self._server = server
        return self

    def stop(self) -> None:
        """Stop listening and drop open connections; the state goes with it."""
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
