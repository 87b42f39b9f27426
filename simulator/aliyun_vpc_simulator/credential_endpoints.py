"""Loopback stand-ins for the ECS instance metadata service and a credentials URI.

Both hand out temporary credentials from the simulator's `CredentialStore` (so the simulator
accepts them for Vpc calls until they expire) and record every request they get in `requests`.

- `MetadataServer`: `PUT /latest/api/token` (needs the TTL header) returns an IMDSv2 token;
  `GET /latest/meta-data/ram/security-credentials/` lists the role, `.../<role>` returns its
  credentials (`{"Code": "Success", ...}`). `imds_v2_only=True` refuses reads without a valid token,
  `imds_v1_only=True` answers the token request with 404 (an older instance).
- `CredentialsUriServer`: `GET /` returns `{"Code": "Success", ...}`.
"""

from __future__ import annotations

import json
import os
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from .credential_store import CredentialStore

__all__ = ["CredentialsUriServer", "MetadataServer", "SeenRequest"]

TOKEN_PATH = "/latest/api/token"
CREDENTIALS_PATH = "/latest/meta-data/ram/security-credentials/"
TOKEN_TTL_HEADER = "X-aliyun-ecs-metadata-token-ttl-seconds"
TOKEN_HEADER = "X-aliyun-ecs-metadata-token"


@dataclass(frozen=True)
class SeenRequest:
    """One request a stand-in received: what tests assert on."""

    method: str
    path: str
    headers: dict[str, str]
    at: float


class _LoopbackServer:
    """A threaded HTTP server on 127.0.0.1 whose `answer` decides each response."""

    def __init__(self, store: CredentialStore, host: str = "127.0.0.1") -> None:
        self._store = store
        self.requests: list[SeenRequest] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def _serve(self) -> None:
                headers = {name.lower(): value for name, value in self.headers.items()}
                seen = SeenRequest(self.command, self.path, headers, time.time())
                outer.requests.append(seen)
                status, body = outer.answer(seen)
                data = body if isinstance(body, bytes) else json.dumps(body).encode()
                try:
                    self.send_response(status)
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except ConnectionError:
                    self.close_connection = True  # the client left: nothing to answer

            do_GET = do_PUT = do_POST = _serve

            def log_message(self, format: str, *args: Any) -> None:
                """Quiet: tests read `requests` instead."""

        self._server = ThreadingHTTPServer((host, 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    @property
    def endpoint(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    def answer(self, request: SeenRequest) -> tuple[int, bytes | dict[str, Any]]:
        raise NotImplementedError

    def credentials_body(self) -> dict[str, Any]:
        """Fresh temporary credentials in the metadata/URI answer shape."""
        key = self._store.issue(time.time())
        assert key.expires_at is not None
        return {
            "Code": "Success",
            "AccessKeyId": key.access_key_id,
            "AccessKeySecret": key.access_key_secret,
            "SecurityToken": key.security_token,
            "Expiration": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(key.expires_at)),
            "LastUpdated": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        }

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(5)


class MetadataServer(_LoopbackServer):
    """The ECS metadata service's RAM role endpoints."""

    def __init__(
        self,
        store: CredentialStore,
        role_name: str = "SimulatorEcsRole",
        *,
        imds_v2_only: bool = False,
        imds_v1_only: bool = False,
    ) -> None:
        self.role_name = role_name
        self.imds_v2_only = imds_v2_only
        self.imds_v1_only = imds_v1_only
        self._tokens: set[str] = set()
        super().__init__(store)

    def answer(self, request: SeenRequest) -> tuple[int, bytes | dict[str, Any]]:
        if request.path == TOKEN_PATH and request.method == "PUT":
            if self.imds_v1_only:
                return 404, b"Not Found"
            if not request.headers.get(TOKEN_TTL_HEADER.lower(), "").isdigit():
                return 400, b"missing or bad " + TOKEN_TTL_HEADER.encode()
            issued = os.urandom(16).hex()
            self._tokens.add(issued)
            return 200, issued.encode()
        token = request.headers.get(TOKEN_HEADER.lower())
        if token is not None and token not in self._tokens:
            return 401, b"Unauthorized"
        if token is None and self.imds_v2_only:
            return 401, b"Unauthorized"
        if request.method != "GET":
            return 405, b"Method Not Allowed"
        if request.path == CREDENTIALS_PATH:
            return 200, self.role_name.encode()
        if request.path == CREDENTIALS_PATH + self.role_name:
            return 200, self.credentials_body()
        return 404, b"Not Found"


class CredentialsUriServer(_LoopbackServer):
    """A credentials URI (as a sidecar or agent would serve it)."""

    def answer(self, request: SeenRequest) -> tuple[int, bytes | dict[str, Any]]:
        if request.method != "GET" or request.path.split("?")[0] != "/":
            return 404, b"Not Found"
        return 200, self.credentials_body()
