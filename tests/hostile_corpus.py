"""Generated hostile answers and requests, and an in-process client that meets them.

`InProcessClient` is the real generated `VpcClient` (request checks, encoding, signing, the call
plan, parsing, error redaction, typed models) whose only replaced part is the sender: `_invoke`
drives the call plan with a function returning the canned answer, so tens of thousands of calls
take seconds. `run_answers` / `run_requests` count every outcome that breaks the rule: an
exception outside `VpcError`, or a secret in an error or in any log record.
"""

from __future__ import annotations

import functools
import json
import logging
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from hostile_support import SECRET, TOKEN, EveryLog, every_log, secret_forms, texts_of

from aliyun_vpc import VpcClient
from aliyun_vpc._meta import OperationMeta
from aliyun_vpc._pipeline import HttpRequest, HttpResponse, drive_sync
from aliyun_vpc.config import ClientConfig
from aliyun_vpc.exceptions import VpcError
from aliyun_vpc.models import CreateBandwidthPackageRequest, DescribeVpcsRequest
from aliyun_vpc.retries import RetryPolicy

IKE_SECRET = json.dumps({"Psk": "psk-Secret-Value-77", "IkeVersion": "ikev2"})
SECRETS = (SECRET, TOKEN, IKE_SECRET)
FORMS = secret_forms(*SECRETS)


class InProcessClient(VpcClient):
    """A `VpcClient` whose sender is a function: no sockets, everything else as shipped."""

    def __init__(self, fmt: Any, signature_version: Any = "v1") -> None:
        config = ClientConfig(
            response_format=fmt,
            signature_version=signature_version,
            retry=RetryPolicy(max_attempts=2, base_delay=0, max_delay=0),
        )
        super().__init__(
            access_key_id="AK",
            access_key_secret=SECRET,
            security_token=TOKEN,
            region_id="cn-hangzhou",
            config=config,
        )
        self.answer = HttpResponse(200, b"{}")

    def _invoke(self, op: OperationMeta, params: dict[str, str]) -> dict[str, Any]:
        def send(request: HttpRequest) -> HttpResponse:
            return self.answer

        return drive_sync(self._core.call_plan(op, params), send, lambda seconds: None)


@dataclass
class Tally:
    """What a run met: outcomes by kind, and the cases that broke the rule."""

    calls: int = 0
    outcomes: dict[str, int] = field(default_factory=dict)
    foreign: list[str] = field(default_factory=list)  # exceptions outside VpcError
    leaks: list[str] = field(default_factory=list)  # a secret in an error or a log record

    def record(self, label: str, call: Callable[[], object]) -> None:
        self.calls += 1
        try:
            call()
        except VpcError as error:
            kind = type(error).__name__
            for text in texts_of(error):
                if any(form in text for form in FORMS):
                    self.leaks.append(f"{label}: {kind}: {text[:200]}")
                    break
        except Exception as error:  # noqa: BLE001 - counting exactly these is the point
            kind = f"FOREIGN {type(error).__name__}"
            self.foreign.append(f"{label}: {type(error).__name__}: {str(error)[:200]}")
        else:
            kind = "ok"
        self.outcomes[kind] = self.outcomes.get(kind, 0) + 1

    def check_logs(self, logs: EveryLog) -> None:
        for line in logs.lines:
            if any(form in line for form in FORMS):
                self.leaks.append(f"log: {line[:200]}")


# -- answers ------------------------------------------------------------------------------------


def _echo(rng: random.Random) -> str:
    """A credential as a service might echo it: whole, percent-encoded once or twice, or cut."""
    secret = rng.choice((SECRET, TOKEN))
    form = rng.choice(secret_forms(secret))
    return form[: rng.randint(4, len(form))] if rng.random() < 0.2 else form


def _vpcs_body(rng: random.Random) -> dict[str, Any]:
    vpcs = [
        {"VpcId": f"vpc-{n}", "VpcName": rng.choice(["a", "", "\u00e9", "x" * 50]), "Tags": {}}
        for n in range(rng.randint(0, 5))
    ]
    return {"RequestId": "r", "TotalCount": len(vpcs), "Vpcs": {"Vpc": vpcs}}


def _to_xml(tag: str, value: Any) -> str:
    if isinstance(value, dict):
        inner = "".join(_to_xml(k, v) for k, v in value.items())
    elif isinstance(value, list):
        return "".join(_to_xml(tag, item) for item in value)
    else:
        inner = str(value).replace("&", "&amp;").replace("<", "&lt;")
    return f"<{tag}>{inner}</{tag}>"


def _error_body(rng: random.Random) -> dict[str, Any]:
    fields = ["Code", "Message", "RequestId", "HostId", "Recommend"]
    body: dict[str, Any] = {name: f"{name.lower()}-value" for name in fields}
    for name in rng.sample(fields, rng.randint(1, len(fields))):
        body[name] = f"{body[name]} {_echo(rng)}"
    return body


def _serialize(rng: random.Random, body: Any, fmt: str) -> bytes:
    if fmt == "XML":
        return ('<?xml version="1.0" encoding="UTF-8"?>' + _to_xml("R", body)).encode()
    return json.dumps(body, ensure_ascii=rng.random() < 0.5).encode()


def _deep(rng: random.Random, fmt: str) -> bytes:
    depth = rng.choice([65, 100, 999, 1_000, 5_000, 50_000])
    if fmt == "XML":
        return b"<R>" + b"<a>" * depth + _echo(rng).encode() + b"</a>" * depth + b"</R>"
    opener, closer = rng.choice([(b"[", b"]"), (b'{"a":', b"}")])
    inside = json.dumps(_echo(rng)).encode()
    return b'{"RequestId":"r","X":' + opener * depth + inside + closer * depth + b"}"


def _mutate(rng: random.Random, content: bytes) -> bytes:
    data = bytearray(content)
    for _ in range(rng.randint(1, 4)):
        action = rng.randrange(4)
        spot = rng.randrange(len(data) + 1)
        if action == 0:
            del data[spot:]  # truncation
        elif action == 1 and data:
            data[min(spot, len(data) - 1)] = rng.randrange(256)
        elif action == 2:
            data[spot:spot] = rng.choice(
                [b"{", b"[", b"<", b"&", b'"', b"\x00", b"\xff\xfe", b"]]>", b"NaN", b"1e999999"]
            )
        else:
            data[spot:spot] = _echo(rng).encode()
    return bytes(data)


_PAGES = [
    b"<html><body>502 Bad Gateway</body></html>",
    b'<html xmlns="http://www.w3.org/1999/xhtml"><head/><body><p>error</p></body></html>',
    b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><r>&b;</r>',
    b'<?xml version="1.0"?><!DOCTYPE r SYSTEM "file:///etc/passwd"><r>x</r>',
    b"",
    b"null",
    b"[]",
    b'"text"',
    b"12",
    b"\xef\xbb\xbf{}",
]


def hostile_answer(rng: random.Random, fmt: str) -> tuple[int, bytes]:
    """One answer: a status and a body, from the families above."""
    status = rng.choice([200, 200, 200, 400, 403, 404, 500, 502, 503, 302, 204])
    family = rng.randrange(8)
    if family == 0:
        return status, _serialize(rng, _error_body(rng), fmt)
    if family == 1:
        return status, _deep(rng, fmt)
    if family == 2:
        return status, rng.choice(_PAGES) + _echo(rng).encode() * rng.randint(0, 1)
    if family == 3:
        encoding = rng.choice(
            ["x-unknown", "utf-7", "ebcdic", "utf-16", "latin-1", "utf-32", "\u00e9"]
        )
        return (
            status,
            f'<?xml version="1.0" encoding="{encoding}"?><R><RequestId>r</RequestId></R>'.encode(),
        )
    if family == 4:
        return status, bytes(rng.randrange(256) for _ in range(rng.randint(0, 300)))
    if family == 5:
        count = rng.choice([10, 1_000, 20_000, 300_000])
        item = rng.choice([b"{},", b"[],", b'"",', b"1,"])
        return status, b'{"RequestId":"r","Items":[' + item * count + b"1]}"
    body = _serialize(rng, _error_body(rng) if status >= 400 else _vpcs_body(rng), fmt)
    return status, body if family == 6 else _mutate(rng, body)


def run_answers(count: int, seed: int = 13) -> Tally:
    """`count` hostile answers to DescribeVpcs (JSON and XML) and to DescribeVpnConnection (whose
    IkeConfig is JSON text inside the answer)."""
    rng = random.Random(seed)
    tally = Tally()
    clients = {fmt: InProcessClient(fmt) for fmt in ("JSON", "XML")}
    with every_log() as logs:
        for number in range(count):
            fmt = "XML" if number % 3 == 2 else "JSON"
            client = clients[fmt]
            status, body = hostile_answer(rng, fmt)
            if number % 7 == 0:  # JSON text inside a field
                ike = _deep(rng, "JSON").decode() if rng.random() < 0.5 else _echo(rng)
                body = _serialize(rng, {"RequestId": "r", "IkeConfig": ike}, fmt)
                client.answer = HttpResponse(status, body)
                tally.record(
                    f"answer {number}",
                    functools.partial(client.describe_vpn_connection, vpn_connection_id="v"),
                )
                continue
            client.answer = HttpResponse(status, body)
            tally.record(f"answer {number}", client.describe_vpcs)
        tally.check_logs(logs)
    logging.getLogger("aliyun_vpc").handlers.clear()
    return tally


# -- requests -----------------------------------------------------------------------------------


def _hostile_value(rng: random.Random) -> Any:
    choices: list[Callable[[], Any]] = [
        lambda: "ok",
        lambda: "\ud800" + rng.choice(["", "text"]),
        lambda: "text" + rng.choice(["\udfff", "\x00", "\n", ""]),
        lambda: "\u0000\u001b\u202e\ufffe",
        lambda: "x" * rng.choice([1, 1_000, 100_000]),
        lambda: rng.choice([0, -1, 1, 2**31, -(2**31) - 1, 2**63, 10**4400, True]),
        lambda: rng.choice([1.5, float("nan"), float("inf")]),
        lambda: None,
        lambda: [rng.choice(["a", 1, None])] * rng.randint(0, 3),
        lambda: _nested_json(rng.choice([2, 70, 1_000, 10_000])),
        lambda: {"Psk": "psk", "Bad": object()},
        lambda: b"bytes",
        lambda: object(),
    ]
    return rng.choice(choices)()


def _nested_json(depth: int) -> Any:
    value: Any = {"Psk": "psk"}
    for _ in range(depth):
        value = {"a": [value]}
    return value


def _request_call(rng: random.Random, client: InProcessClient) -> Callable[[], object]:
    kind = rng.randrange(5)
    if kind == 0:
        names = [
            "vpc_id",
            "vpc_name",
            "page_size",
            "page_number",
            "is_default",
            "resource_group_id",
            "tags",
        ]
        kwargs = {name: _hostile_value(rng) for name in rng.sample(names, rng.randint(1, 4))}
        return lambda: client.describe_vpcs(**kwargs)
    if kind == 1:
        kwargs = {
            "customer_gateway_id": _hostile_value(rng),
            "local_subnet": "10.0.0.0/8",
            "remote_subnet": "10.1.0.0/16",
            "vpn_gateway_id": "vpn",
            "ike_config": rng.choice([IKE_SECRET, IKE_SECRET + "\ud800", _hostile_value(rng)]),
        }
        return lambda: client.create_vpn_connection(**kwargs)
    if kind == 2:
        request = CreateBandwidthPackageRequest(
            bandwidth=_hostile_value(rng), ip_count=_hostile_value(rng), nat_gateway_id="n"
        )
        return lambda: client.create_bandwidth_package(request)
    if kind == 3:
        positional = rng.choice(
            [
                {"VpcId": "x"},
                DescribeVpcsRequest(vpc_name="prod"),
                "DescribeVpcs",
                5,
                [SECRET],
            ]
        )
        return lambda: client.delete_vpc(positional)  # type: ignore[call-overload]
    tags = [_hostile_value(rng) for _ in range(rng.randint(0, 3))]
    return lambda: client.describe_vpcs(tags=tags)


def run_requests(count: int, seed: int = 13) -> Tally:
    """`count` hostile requests (v1 and V3) against a service answering a valid page."""
    rng = random.Random(seed)
    tally = Tally()
    clients = [InProcessClient("JSON", version) for version in ("v1", "v3")]
    ok = HttpResponse(200, json.dumps(_vpcs_body(rng)).encode())
    with every_log() as logs:
        for number in range(count):
            client = clients[number % 2]
            client.answer = ok
            tally.record(f"request {number}", _request_call(rng, client))
        tally.check_logs(logs)
    return tally
