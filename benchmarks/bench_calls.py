"""Per-call client overhead of DescribeVpcs (10 VPCs in the JSON answer): ours vs the official SDKs.

    .venv/bin/python benchmarks/bench_calls.py [--calls 2000] [--seconds 10] [--rounds 3]
                                               [--mode stubbed|loopback|both] [--profile]
                                               [--vpcs 10]   (1: a small, common answer)

Mode "stubbed" (no sockets), at three depths (--stub-level network|adapter|core|all):
  - network: everything runs, HTTP/1.1 serialization and parsing, pooling and keep-alive included;
    only the sockets are in-memory stand-ins (`_network_stub.py`) answering a canned HTTP response:
    an httpcore network backend under ours, an in-memory socket under the official clients' urllib3;
  - adapter: each client cut at its HTTP library's transport adapter, so the HTTP-library plumbing
    above it (request objects, headers, URL encoding) stays in:
    - ours: `httpx.MockTransport` passed as `transport=` (an injected transport goes through
      httpx.Request/Response objects; the default sender skips them, see `_httpcore_pool.py`);
    - official alibabacloud-vpc20160428 (Tea/Darabonba, `Config(signature_algorithm='v2')`, i.e.
      HMAC-SHA1 RPC signature v1.0): `requests.adapters.HTTPAdapter.send` patched in-process to
      answer a ready `requests.Response` (DaraCore.do_action, PreparedRequest.prepare and
      Session.send still run);
    - aliyun-python-sdk-core AcsClient + DescribeVpcsRequest: the same patch on its vendored
      requests. AcsClient answers bytes, so the case adds `json.loads` (what its users do);
  - core: the HTTP library skipped too: build + sign + serialize + parse into models only.
  Floor rows (no SDK at all: the HTTP library alone, the JSON decoder alone) show the least a call
  can cost at that depth with the libraries used.
Mode "loopback": the same calls over real HTTP/1.1 keep-alive to `_loopback_server.py` (a separate
process on 127.0.0.1 answering the canned JSON to every request; it checks no signature).

Each case: warm-up, then min(--calls, --seconds) timed calls; --rounds rounds interleaved across the
cases, median round reported. Ratios use the official alibabacloud-vpc20160428 client of the same run.
Targets: stubbed per-call cost ours <= 0.2x official; loopback calls/s ours >= 1.3x official.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import io
import json
import os
import pstats
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import (
    ACCESS_KEY_ID,
    ACCESS_KEY_SECRET,
    REGION,
    LoopbackServer,
    command_line,
    describe_vpcs_body,
    ensure_our_package,
    median,
    print_table,
)
from _network_stub import CannedBackend, canned_urllib3, http_response

# loopback traffic must not go through a proxy picked up from the environment
for _var in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
    os.environ.pop(_var, None)

VPCS = 10  # VPCs in the canned answer (--vpcs)
BODY = describe_vpcs_body(VPCS)
STUB_HOST = "vpc.aliyuncs.com"
OURS = "ours (aliyun_vpc.VpcClient)"
OFFICIAL = "official alibabacloud-vpc20160428"
CORE = "aliyun-python-sdk-core AcsClient"

Call = Callable[[], Any]


# --------------------------------------------------------------------------- stubs of the official side


def _requests_response(module: Any, request: Any) -> Any:
    response = module.models.Response()
    response.status_code = 200
    response.reason = "OK"
    response._content = BODY
    response.headers = module.structures.CaseInsensitiveDict(
        {"Content-Type": "application/json;charset=utf-8", "Content-Length": str(len(BODY))}
    )
    response.url = request.url
    response.request = request
    response.encoding = "utf-8"
    return response


@contextlib.contextmanager
def stub_requests_adapter(module: Any) -> Iterator[None]:
    """Make `module.adapters.HTTPAdapter.send` (and subclasses) answer BODY without a socket."""
    adapter_class = module.adapters.HTTPAdapter
    original = adapter_class.send

    def send(self: Any, request: Any, *args: Any, **kwargs: Any) -> Any:
        return _requests_response(module, request)

    adapter_class.send = send
    try:
        yield
    finally:
        adapter_class.send = original


@contextlib.contextmanager
def stub_official() -> Iterator[None]:
    import requests

    with stub_requests_adapter(requests):
        yield


@contextlib.contextmanager
def stub_core() -> Iterator[None]:
    from aliyunsdkcore.vendored import requests as vendored

    with stub_requests_adapter(vendored):
        yield


@contextlib.contextmanager
def stub_official_core() -> Iterator[None]:
    """Replace DaraCore.do_action (the Tea core's only sync send) by: compose the URL, answer BODY."""
    from darabonba.core import DaraCore
    from darabonba.response import DaraResponse

    original = DaraCore.__dict__["do_action"]

    def do_action(request: Any, runtime_option: Any = None) -> Any:
        DaraCore.compose_url(request)  # URL + query encoding is part of serializing the request
        response = DaraResponse()
        response.status_code = 200
        response.status_message = "OK"
        response.headers = {"content-type": "application/json;charset=utf-8"}
        response.body = BODY
        return response

    DaraCore.do_action = staticmethod(do_action)
    try:
        yield
    finally:
        DaraCore.do_action = original


@contextlib.contextmanager
def stub_core_core() -> Iterator[None]:
    """Replace AcsClient's HttpResponse.get_response_object (its send) by answering BODY."""
    from aliyunsdkcore.http.http_response import HttpResponse

    original = HttpResponse.get_response_object
    headers = {"Content-Type": "application/json;charset=utf-8"}

    def get_response_object(self: Any) -> tuple[int, dict[str, str], bytes]:
        return 200, headers, BODY

    HttpResponse.get_response_object = get_response_object  # type: ignore[method-assign]
    try:
        yield
    finally:
        HttpResponse.get_response_object = original  # type: ignore[method-assign]


@contextlib.contextmanager
def network_official() -> Iterator[None]:
    """requests' urllib3 connects to an in-memory socket answering BODY."""
    import urllib3

    with canned_urllib3(urllib3, http_response(BODY)):
        yield


@contextlib.contextmanager
def network_core() -> Iterator[None]:
    """AcsClient's vendored urllib3 connects to an in-memory socket answering BODY."""
    from aliyunsdkcore.vendored.requests.packages import urllib3

    with canned_urllib3(urllib3, http_response(BODY)):
        yield


# --------------------------------------------------------------------------- official clients


def official_call(endpoint_host: str, protocol: str) -> Call:
    from alibabacloud_tea_openapi.models import Config
    from alibabacloud_vpc20160428.client import Client
    from alibabacloud_vpc20160428.models import DescribeVpcsRequest

    client = Client(
        Config(
            access_key_id=ACCESS_KEY_ID,
            access_key_secret=ACCESS_KEY_SECRET,
            region_id=REGION,
            endpoint=endpoint_host,
            protocol=protocol,
            signature_algorithm="v2",
        )
    )

    def call() -> Any:
        response = client.describe_vpcs(DescribeVpcsRequest(region_id=REGION, page_size=10))
        vpcs = response.body.vpcs.vpc
        assert response.body.total_count == VPCS and vpcs[-1].vpc_id, "bad parse"
        return response

    return call


def core_call(endpoint_host: str, protocol: str) -> Call:
    from aliyunsdkcore.client import AcsClient
    from aliyunsdkvpc.request.v20160428.DescribeVpcsRequest import DescribeVpcsRequest

    client = AcsClient(ACCESS_KEY_ID, ACCESS_KEY_SECRET, REGION)

    def call() -> Any:
        request = DescribeVpcsRequest()
        request.set_PageSize(10)
        request.set_endpoint(endpoint_host)
        request.set_protocol_type(protocol)
        body = json.loads(client.do_action_with_exception(request))
        assert body["TotalCount"] == VPCS and body["Vpcs"]["Vpc"][-1]["VpcId"], "bad parse"
        return body

    return call


# --------------------------------------------------------------------------- our client (wired separately)


def _check_ours(response: Any) -> None:
    vpcs = response.vpcs
    if not isinstance(
        vpcs, list
    ):  # tolerate a wrapper object shaped like the wire ({"Vpc": [...]})
        vpcs = vpcs.vpc
    assert response.total_count == VPCS and vpcs[-1].vpc_id, "bad parse"


def our_client(endpoint: str = f"http://{STUB_HOST}", transport: Any | None = None) -> Any:
    import aliyun_vpc

    return aliyun_vpc.VpcClient(
        access_key_id=ACCESS_KEY_ID,
        access_key_secret=ACCESS_KEY_SECRET,
        region_id=REGION,
        endpoint=endpoint,
        transport=transport,
    )


def checked_call(client: Any) -> Call:
    """One checked DescribeVpcs call of our client."""

    def call() -> Any:
        response = client.describe_vpcs(region_id=REGION, page_size=10)
        _check_ours(response)
        return response

    return call


def ours_call(endpoint: str, transport: Any | None) -> Call:
    return checked_call(our_client(endpoint, transport))


def ours_stubbed_call() -> Call:
    import httpx

    headers = {"content-type": "application/json;charset=utf-8"}

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, headers=headers, content=BODY)

    return ours_call(f"http://{STUB_HOST}", httpx.MockTransport(handler))


def ours_network_call() -> Call:
    """Our client on its default sender (httpx's httpcore pool driven directly), the pool connecting
    to an in-memory network backend instead of TCP (internal hooks: `client._sender()`, the
    backend under the pool's deadline-keeping `_network_backend`)."""
    client = our_client()
    client._sender()._sender._pool._network_backend._backend = CannedBackend(http_response(BODY))
    return checked_call(client)


class _CoreStubTransport:
    """Stands in for the client's SyncHttpTransport: answers BODY to every signed HttpRequest."""

    def __init__(self) -> None:
        from aliyun_vpc._pipeline import HttpResponse

        self._response = HttpResponse(200, BODY)

    def send(self, request: Any) -> Any:
        return self._response

    def close(self) -> None:
        pass


def ours_core_call() -> Call:
    """Our client with its HTTP transport object replaced (internal hook: `client._http`)."""
    client = our_client()
    client._http = _CoreStubTransport()  # the pool would only be created by the first call
    return checked_call(client)


# --------------------------------------------------------------------------- floors (no SDK at all)
#
# What one call costs at least when a layer the issue prescribes is used with no SDK work on top:
# the lines under the clients in the tables, so a ratio target can be checked against its floor.

_FORM_BODY = (  # a signed DescribeVpcs form body of the usual length
    b"AccessKeyId=LTAI5tBenchmarkKeyId&Action=DescribeVpcs&Format=JSON&PageSize=10"
    b"&RegionId=cn-hangzhou&SignatureMethod=HMAC-SHA1&SignatureNonce=3f1c0e9a8b7d6c5e4f3a2b1c0d9e8f7a"
    b"&SignatureVersion=1.0&Timestamp=2026-11-22T01%3A45%3A43Z&Version=2016-04-28"
    b"&Signature=zIxz0Jjm7ZCWE5NA6o5qerVwERw%3D"
)


def httpx_floor_call() -> Call:
    """httpx.HTTPTransport alone on the in-memory network: send the form POST, read the answer."""
    import httpx

    transport = httpx.HTTPTransport()
    transport._pool._network_backend = CannedBackend(http_response(BODY))
    headers = {
        "user-agent": "bench",
        "accept": "application/json",
        "content-type": "application/x-www-form-urlencoded",
    }
    url = httpx.URL(f"http://{STUB_HOST}/")
    return _read_each(
        lambda: transport.handle_request(
            httpx.Request("POST", url, headers=headers, content=_FORM_BODY)
        )
    )


def httpcore_floor_call() -> Call:
    """httpcore's connection pool alone (what our sync client sends through by default)."""
    import httpcore

    pool = httpcore.ConnectionPool(network_backend=CannedBackend(http_response(BODY)))
    url = httpcore.URL(scheme=b"http", host=STUB_HOST.encode(), port=None, target=b"/")
    headers = [
        (b"host", STUB_HOST.encode()),
        (b"user-agent", b"bench"),
        (b"accept", b"application/json"),
        (b"content-type", b"application/x-www-form-urlencoded"),
        (b"content-length", str(len(_FORM_BODY)).encode()),
    ]
    return _read_each(
        lambda: pool.handle_request(
            httpcore.Request(b"POST", url, headers=headers, content=_FORM_BODY)
        )
    )


def _read_each(send: Callable[[], Any]) -> Call:
    """A call that sends, reads the whole answer and closes it, as a client's transport does."""

    def call() -> Any:
        response = send()
        try:
            body = response.read()
        finally:
            response.close()
        assert len(body) == len(BODY), "bad read"
        return body

    return call


def json_floor_call() -> Call:
    """The stdlib's json.loads of the answer alone (what the official clients decode with)."""

    def call() -> Any:
        return json.loads(BODY)

    return call


def msgspec_floor_call() -> Call:
    """msgspec's JSON decoding of the answer alone (what ours decodes with)."""
    import msgspec

    decode = msgspec.json.Decoder().decode

    def call() -> Any:
        return decode(BODY)

    return call


FLOOR_HTTPX = "floor: httpx transport alone, no SDK"
FLOOR_HTTPCORE = "floor: httpcore pool alone, no SDK"
FLOOR_JSON = "floor: json.loads of the body alone"
FLOOR_MSGSPEC = "floor: msgspec decode of the body alone"


# --------------------------------------------------------------------------- timing


def time_case(call: Call, calls: int, seconds: float, warmup: int) -> tuple[int, float]:
    """Number of calls made and the seconds they took."""
    for _ in range(warmup):
        call()
    deadline = time.perf_counter() + seconds
    start = time.perf_counter()
    done = 0
    while done < calls:
        call()
        done += 1
        if (done & 63) == 0 and time.perf_counter() > deadline:
            break
    return done, time.perf_counter() - start


class Case:
    def __init__(self, name: str, make: Callable[[], Call], stub: Callable[[], Any] | None) -> None:
        self.name = name
        self.make = make
        self.stub = stub or contextlib.nullcontext
        self.call: Call | None = None
        self.error: str | None = None
        self.per_call: list[float] = []  # seconds per call, one entry per round


def run_mode(title: str, cases: list[Case], args: argparse.Namespace) -> dict[str, float]:
    for case in cases:
        try:
            with case.stub():
                case.call = case.make()
                case.call()  # one checked call before timing
        except Exception as error:  # noqa: BLE001 - the package is being built: report, go on
            case.error = f"{type(error).__name__}: {error}"
    for _ in range(args.rounds):
        for case in cases:
            if case.error or case.call is None:
                continue
            try:
                with case.stub():
                    done, took = time_case(case.call, args.calls, args.seconds, args.warmup)
                case.per_call.append(took / done)
            except Exception as error:  # noqa: BLE001 - the package is being built: report, go on
                case.error = f"{type(error).__name__}: {error}"

    per_call = {c.name: median(c.per_call) for c in cases if c.per_call and not c.error}
    official = per_call.get(OFFICIAL)
    rows = []
    for case in cases:
        if case.name not in per_call:
            rows.append([case.name, "ERROR", "", "", "", (case.error or "no result")[:80]])
            continue
        cost = per_call[case.name]
        rows.append(
            [
                case.name,
                f"{1 / cost:,.0f}",
                f"{cost * 1e6:,.1f}",
                f"{cost / official:.3f}x" if official else "n/a",
                f"{official / cost:.2f}x" if official else "n/a",
                "",
            ]
        )
    print(
        f"\n{title}  (median of {args.rounds} rounds, <= {args.calls} calls or {args.seconds:g} s each)"
    )
    print_table(
        ["client", "calls/s", "us/call", "cost vs official", "speed vs official", "note"], rows
    )
    return per_call


def profile_ours(args: argparse.Namespace) -> None:
    level = "core" if args.stub_level == "all" else args.stub_level
    make = {"network": ours_network_call, "adapter": ours_stubbed_call, "core": ours_core_call}
    call = make[level]()
    for _ in range(args.warmup):
        call()
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(args.profile_calls):
        call()
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out).strip_dirs()
    stats.sort_stats("cumulative").print_stats(args.profile_top)
    stats.sort_stats("tottime").print_stats(args.profile_top)
    print(f"\ncProfile of our stubbed ({level}-level) DescribeVpcs call x{args.profile_calls}")
    print(out.getvalue())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mode", choices=["stubbed", "loopback", "both"], default="both")
    parser.add_argument(
        "--stub-level",
        choices=["network", "adapter", "core", "all"],
        default="all",
        help="stubbed mode: replace the sockets, the HTTP library's transport adapter, "
        "everything below the SDK core, or run all three",
    )
    parser.add_argument(
        "--calls", type=int, default=2000, help="max timed calls per case and round"
    )
    parser.add_argument(
        "--seconds", type=float, default=10.0, help="max seconds per case and round"
    )
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument(
        "--vpcs", type=int, default=10, help="VPCs in the canned answer (10: ~11 KB; 1: ~1.2 KB)"
    )
    parser.add_argument("--warmup", type=int, default=100)
    parser.add_argument("--profile", action="store_true", help="cProfile our stubbed call path")
    parser.add_argument("--profile-calls", type=int, default=2000)
    parser.add_argument("--profile-top", type=int, default=25)
    args = parser.parse_args()

    print(f"command: {command_line()}")
    global VPCS, BODY
    VPCS, BODY = args.vpcs, describe_vpcs_body(args.vpcs)
    print(f"response body: DescribeVpcs, {VPCS} VPCs, {len(BODY)} bytes JSON")
    ours_missing = ensure_our_package()
    if ours_missing:
        print(f"NOTE: our client is not usable yet ({ours_missing}); its rows show ERROR")

    results: dict[str, dict[str, float]] = {}
    if args.mode in ("stubbed", "both") and args.stub_level in ("network", "all"):
        cases = [
            Case(OURS, ours_network_call, None),
            Case(OFFICIAL, lambda: official_call(STUB_HOST, "http"), network_official),
            Case(CORE, lambda: core_call(STUB_HOST, "http"), network_core),
            Case(FLOOR_HTTPX, httpx_floor_call, None),
            Case(FLOOR_HTTPCORE, httpcore_floor_call, None),
        ]
        results["stubbed-network"] = run_mode(
            "stubbed network: in-memory sockets, the whole HTTP stack runs", cases, args
        )
    if args.mode in ("stubbed", "both") and args.stub_level in ("adapter", "all"):
        cases = [
            Case(OURS, ours_stubbed_call, None),
            Case(OFFICIAL, lambda: official_call(STUB_HOST, "https"), stub_official),
            Case(CORE, lambda: core_call(STUB_HOST, "https"), stub_core),
        ]
        results["stubbed"] = run_mode(
            "stubbed at the HTTP library's transport adapter (no sockets)", cases, args
        )
    if args.mode in ("stubbed", "both") and args.stub_level in ("core", "all"):
        cases = [
            Case(OURS, ours_core_call, None),
            Case(OFFICIAL, lambda: official_call(STUB_HOST, "https"), stub_official_core),
            Case(CORE, lambda: core_call(STUB_HOST, "https"), stub_core_core),
            Case(FLOOR_JSON, json_floor_call, None),
            Case(FLOOR_MSGSPEC, msgspec_floor_call, None),
        ]
        results["stubbed-core"] = run_mode(
            "stubbed below the SDK core, HTTP library skipped (no sockets)", cases, args
        )

    if args.mode in ("loopback", "both"):
        with tempfile.TemporaryDirectory() as tmp:
            body_file = Path(tmp) / "body.json"
            body_file.write_bytes(BODY)
            with LoopbackServer(body_file) as server:
                print(f"\nloopback server: {server.endpoint} (separate process)")
                cases = [
                    Case(OURS, lambda: ours_call(server.endpoint, None), None),
                    Case(OFFICIAL, lambda: official_call(server.host, "http"), None),
                    Case(CORE, lambda: core_call(server.host, "http"), None),
                ]
                results["loopback"] = run_mode("real HTTP over loopback", cases, args)

    print("\ntargets")
    for key, label in (
        ("stubbed-network", "network-level"),
        ("stubbed", "adapter-level"),
        ("stubbed-core", "core-level"),
    ):
        stubbed = results.get(key, {})
        if OURS in stubbed and OFFICIAL in stubbed:
            ratio = stubbed[OURS] / stubbed[OFFICIAL]
            verdict = "PASS" if ratio <= 0.2 else "FAIL"
            print(
                f"  stubbed ({label}) per-call cost ours/official = {ratio:.3f}  "
                f"(target <= 0.2)  {verdict}"
            )
        elif key in results:
            print(f"  stubbed ({label}): n/a (a case failed)")
    loopback = results.get("loopback", {})
    if OURS in loopback and OFFICIAL in loopback:
        ratio = loopback[OFFICIAL] / loopback[OURS]
        verdict = "PASS" if ratio >= 1.3 else "FAIL"
        print(f"  loopback calls/s ours/official = {ratio:.2f}  (target >= 1.3)  {verdict}")
    elif "loopback" in results:
        print("  loopback: n/a (a case failed)")

    if args.profile:
        if ours_missing:
            print("\n--profile: our client is not usable yet")
        else:
            profile_ours(args)


if __name__ == "__main__":
    main()
