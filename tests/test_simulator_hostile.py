"""The simulator against hostile clients: malformed bytes, slow or idle connections, values XML
cannot carry. Every answer is the service's error shape; no client input reaches stderr."""

from __future__ import annotations

import asyncio
import json
import resource
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import httpx
import pytest
from defusedxml import ElementTree
from hypothesis import given, settings
from hypothesis import strategies as st
from test_simulator import FIXTURE_SPEC, REGION, call, create_vpc, signed_params

from aliyun_vpc_simulator import ServerLimits, Simulator
from aliyun_vpc_simulator.server import BadRequest, HttpRequest, read_request
from aliyun_vpc_simulator.store import ResourceStore, StoredResource, UnstorableValue

HEAD = b"POST / HTTP/1.1\r\nHost: sim\r\n"
#: Raw requests no HTTP/1.1 server should accept, with the status and the part the answer names.
MALFORMED = {
    "negative-chunk-size": (HEAD + b"Transfer-Encoding: chunked\r\n\r\n-5\r\nabc\r\n", 400),
    "bogus-chunk-size": (HEAD + b"Transfer-Encoding: chunked\r\n\r\n0x1\r\na\r\n0\r\n\r\n", 400),
    "huge-chunk-size": (HEAD + b"Transfer-Encoding: chunked\r\n\r\n" + b"f" * 40 + b"\r\n", 400),
    "chunk-without-crlf": (HEAD + b"Transfer-Encoding: chunked\r\n\r\n1\r\naXY0\r\n\r\n", 400),
    "chunked-too-large": (HEAD + b"Transfer-Encoding: chunked\r\n\r\n100001\r\n", 413),
    "unknown-transfer-coding": (HEAD + b"Transfer-Encoding: gzip\r\n\r\n", 400),
    "chunked-and-length": (
        HEAD + b"Transfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n0\r\n\r\n",
        400,
    ),
    "negative-length": (HEAD + b"Content-Length: -1\r\n\r\n", 400),
    "underscore-length": (HEAD + b"Content-Length: 1_0\r\n\r\n0123456789", 400),
    "two-lengths": (HEAD + b"Content-Length: 1\r\nContent-Length: 2\r\n\r\nab", 400),
    "oversized-length": (HEAD + b"Content-Length: 99999999999\r\n\r\n", 413),
    "5000-digit-length": (HEAD + b"Content-Length: " + b"9" * 5000 + b"\r\n\r\n", 400),
    "oversized-head": (b"GET / HTTP/1.1\r\nX-Pad: " + b"a" * 70_000 + b"\r\n\r\n", 431),
    "bad-method": (b"G\x01T / HTTP/1.1\r\n\r\n", 400),
    "bad-version": (b"GET / HTTP/9.9\r\n\r\n", 400),
    "no-version": (b"GET /\r\n\r\n", 400),
    "header-without-colon": (b"GET / HTTP/1.1\r\nHost sim\r\n\r\n", 400),
    "folded-header": (b"GET / HTTP/1.1\r\nHost: sim\r\n continued\r\n\r\n", 400),
    "tls-hello": (b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03\r\n\r\n", 400),
    "garbage": (bytes(range(256)) + b"\r\n\r\n", 400),
    "truncated-body": (HEAD + b"Content-Length: 10\r\n\r\nabc", 400),
}


@pytest.fixture
def sim() -> Iterator[Simulator]:
    with Simulator(spec_path=FIXTURE_SPEC, ready_after_seconds=60) as simulator:
        yield simulator


def port_of(simulator: Simulator) -> int:
    return int(simulator.endpoint.rsplit(":", 1)[1])


def exchange(port: int, raw: bytes, *, half_close: bool = False) -> bytes:
    """Send `raw` on a fresh connection and read until the server closes it (bounded)."""
    with socket.create_connection(("127.0.0.1", port), timeout=5) as connection:
        connection.sendall(raw)
        if half_close:
            connection.shutdown(socket.SHUT_WR)
        received = b""
        while chunk := connection.recv(65536):
            received += chunk
    return received


def error_answer(raw: bytes) -> tuple[int, dict[str, Any]]:
    head, _, body = raw.partition(b"\r\n\r\n")
    status_line, *headers = head.decode("latin-1").split("\r\n")
    assert "Connection: close" in headers
    assert "Content-Type: application/json;charset=utf-8" in headers
    return int(status_line.split(" ")[1]), json.loads(body)


# -- malformed requests --------------------------------------------------------------------------


@pytest.mark.parametrize(("raw", "status"), MALFORMED.values(), ids=MALFORMED.keys())
def test_malformed_requests_get_the_service_error_shape(
    sim: Simulator, raw: bytes, status: int
) -> None:
    answered, body = error_answer(exchange(port_of(sim), raw, half_close=True))
    assert answered == status
    assert body["Code"] == "InvalidParameter" and body["RequestId"] and body["Message"]


def test_a_foreign_method_is_the_documented_unsupported_method(sim: Simulator) -> None:
    raw = exchange(port_of(sim), b"get / HTTP/1.1\r\nConnection: close\r\n\r\n")
    status, body = error_answer(raw)
    assert (status, body["Code"]) == (403, "UnsupportedHTTPMethod")


def test_the_answer_to_an_oversized_body_reaches_a_client_still_sending(sim: Simulator) -> None:
    with socket.create_connection(("127.0.0.1", port_of(sim)), timeout=5) as connection:
        connection.sendall(HEAD + b"Content-Length: 2000000\r\n\r\n")
        try:
            connection.sendall(b"x" * 2_000_000)
        except ConnectionError:
            pass  # the server may stop reading once it has answered; the answer is still there
        answer = connection.recv(65536)
    assert error_answer(answer)[0] == 413


def test_a_signed_5000_digit_page_size_is_an_invalid_parameter(sim: Simulator) -> None:
    response = call(sim.endpoint, "DescribeVpcs", PageSize="9" * 5000)
    assert response.status_code == 400
    assert response.json()["Code"] == "InvalidParameter"
    assert "PageSize" in response.json()["Message"]


def test_client_input_never_reaches_stderr() -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "aliyun_vpc_simulator", "--spec", str(FIXTURE_SPEC)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={"PATH": ""},
    )
    try:
        assert process.stdout is not None
        url = process.stdout.readline().decode().strip()
        port = int(url.rsplit(":", 1)[1])
        for raw, status in MALFORMED.values():
            assert error_answer(exchange(port, raw, half_close=True))[0] == status
        signed = signed_params("DescribeVpcs", PageSize="9" * 5000)
        assert httpx.get(url + "/", params=signed, timeout=5).status_code == 400
    finally:
        process.terminate()
        _, stderr = process.communicate(timeout=10)
    assert stderr == b""


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400) | st.builds(lambda tail: HEAD + tail, st.binary(max_size=200)))
def test_the_request_reader_only_reads_or_refuses(raw: bytes) -> None:
    async def read() -> HttpRequest | None:
        reader = asyncio.StreamReader(limit=256)
        reader.feed_data(raw)
        reader.feed_eof()
        limits = ServerLimits(idle_timeout=1, header_timeout=1, body_timeout=1)
        return await read_request(reader, limits)

    try:
        request = asyncio.run(read())
    except BadRequest as refused:
        assert 400 <= refused.status < 500 and refused.part
    else:
        assert request is None or request.path.startswith("/")


# -- values an XML answer cannot carry -----------------------------------------------------------


@pytest.mark.parametrize(
    "bad", ["\x01", "\x00", "\x1b", "\ufffe"], ids=["SOH", "NUL", "ESC", "FFFE"]
)
@pytest.mark.parametrize("response_format", ["JSON", "XML"])
def test_names_xml_cannot_carry_are_refused_when_written(
    sim: Simulator, bad: str, response_format: str
) -> None:
    vpc_id = create_vpc(sim.endpoint, VpcName="fine")
    name = f"a{bad}b"
    created = call(sim.endpoint, "CreateVpc", RegionId=REGION, VpcName=name, Format=response_format)
    modified = call(
        sim.endpoint,
        "ModifyVpcAttribute",
        RegionId=REGION,
        VpcId=vpc_id,
        Description=name,
        Format=response_format,
    )
    for refused, code in ((created, "InvalidVpcName.Malformed"), (modified, "InvalidParameter")):
        assert refused.status_code == 400
        if response_format == "XML":
            assert ElementTree.fromstring(refused.content).findtext("Code") == code
        else:
            assert refused.json()["Code"] == code
    described = call(sim.endpoint, "DescribeVpcs", RegionId=REGION, Format="XML")
    root = ElementTree.fromstring(described.content)
    assert [vpc.findtext("VpcName") for vpc in root.findall("./Vpcs/Vpc")] == ["fine"]
    assert [vpc.findtext("Description") for vpc in root.findall("./Vpcs/Vpc")] == [""]


def test_echoed_text_xml_cannot_carry_is_replaced() -> None:
    with Simulator(spec_path=FIXTURE_SPEC, strict=True) as strict:
        response = call(strict.endpoint, "DescribeVpcs", Format="XML", **{"Bad\x01Name": "x"})
    root = ElementTree.fromstring(response.content)
    assert root.findtext("Code") == "UnsupportedParameter"
    assert "Bad\ufffdName" in (root.findtext("Message") or "")


# -- timeouts and connection limits --------------------------------------------------------------


def closed_after(connection: socket.socket, limit: float) -> float:
    """Seconds until the server closes `connection` (reading whatever it sends), at most `limit`."""
    started = time.monotonic()
    connection.settimeout(limit)
    while connection.recv(65536):
        pass
    return time.monotonic() - started


def test_idle_header_and_body_timeouts_close_the_connection() -> None:
    limits = ServerLimits(idle_timeout=0.5, header_timeout=0.5, body_timeout=0.5)
    with Simulator(spec_path=FIXTURE_SPEC, limits=limits) as simulator:
        address = ("127.0.0.1", port_of(simulator))
        with socket.create_connection(address) as idle:
            assert closed_after(idle, 10) < 5
        with socket.create_connection(address) as dripping:
            started = time.monotonic()
            with pytest.raises(OSError):  # reset or broken pipe once the server gave up
                for byte in b"GET / HTTP/1.1\r\nX-Slow: " + b"a" * 100:
                    dripping.sendall(bytes([byte]))
                    time.sleep(0.1)
                    assert time.monotonic() - started < 5
        with socket.create_connection(address) as slow_body:
            slow_body.sendall(HEAD + b"Content-Length: 10\r\n\r\nabc")
            assert closed_after(slow_body, 10) < 5
        assert call(simulator.endpoint, "DescribeVpcs").status_code == 200


def test_connections_beyond_the_limit_are_answered_503() -> None:
    limits = ServerLimits(max_connections=2)
    with Simulator(spec_path=FIXTURE_SPEC, limits=limits) as simulator:
        address = ("127.0.0.1", port_of(simulator))
        with socket.create_connection(address), socket.create_connection(address):
            time.sleep(0.2)  # both accepted
            with socket.create_connection(address, timeout=5) as third:
                status, body = error_answer(third.recv(65536))
        assert (status, body["Code"]) == (503, "ServiceUnavailable")


@pytest.mark.parametrize(
    "settings_", [{"idle_timeout": 0}, {"body_timeout": -1}, {"max_body_bytes": 0}]
)
def test_limits_are_checked(settings_: dict[str, float]) -> None:
    with pytest.raises(ValueError):
        ServerLimits(**settings_)  # type: ignore[arg-type]


def raise_open_files_limit(wanted: int) -> None:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard != resource.RLIM_INFINITY and hard < wanted:
        pytest.skip(f"needs {wanted} file descriptors, the hard limit is {hard}")
    if soft != resource.RLIM_INFINITY and soft < wanted:
        resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))


def open_descriptors() -> int:
    return len(list(Path("/proc/self/fd").iterdir()))


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="counts /proc/self/fd")
def test_a_thousand_idle_or_slow_connections_are_held_then_closed() -> None:
    """500 idle and 500 slowloris connections: a signed call is still fast, all are cut off."""
    raise_open_files_limit(4096)
    limits = ServerLimits(idle_timeout=6, header_timeout=6)
    with Simulator(spec_path=FIXTURE_SPEC, limits=limits) as simulator:
        baseline = open_descriptors()
        address = ("127.0.0.1", port_of(simulator))
        held = [socket.create_connection(address, timeout=5) for _ in range(1000)]
        slow = set(held[::2])
        for connection in slow:
            connection.sendall(b"GET / HTTP/1.1\r\nX-Slow: ")
        held_both_ends = baseline + 2000  # the server has accepted every connection
        deadline = time.monotonic() + 5
        while open_descriptors() < held_both_ends and time.monotonic() < deadline:
            time.sleep(0.05)
        assert open_descriptors() >= held_both_ends
        with httpx.Client(timeout=5) as client:
            assert (
                client.get(
                    simulator.endpoint + "/", params=signed_params("DescribeVpcs")
                ).status_code
                == 200
            )
            latencies = []
            for _ in range(20):
                started = time.perf_counter()
                response = client.get(
                    simulator.endpoint + "/", params=signed_params("DescribeVpcs")
                )
                latencies.append(time.perf_counter() - started)
                assert response.status_code == 200
        assert open_descriptors() >= held_both_ends  # measured while all were held
        median = statistics.median(latencies)
        print(f"\nsigned DescribeVpcs with 1,000 held connections: median {median * 1000:.1f} ms")
        assert median < 0.25  # about 2 ms on an idle machine; generous for a loaded CI runner
        for connection in held:
            connection.setblocking(False)
        deadline = time.monotonic() + 30
        open_ = set(held)
        while open_ and time.monotonic() < deadline:
            for connection in list(open_):
                try:
                    if connection in slow:
                        connection.send(b"a")
                    if connection.recv(4096) == b"":
                        open_.discard(connection)
                except BlockingIOError:
                    pass
                except OSError:
                    open_.discard(connection)  # reset: closed by the server
            time.sleep(0.2)
        assert not open_, f"{len(open_)} connections still open after 30 s"
        for connection in held:
            connection.close()
        assert open_descriptors() <= baseline + 5


def test_a_well_formed_chunked_form_body_is_read(sim: Simulator) -> None:
    form = urlencode(signed_params("DescribeVpcs", "POST"))
    half = len(form) // 2
    chunks = b"".join(
        f"{len(part):x};ext=1\r\n".encode() + part + b"\r\n"
        for part in (form[:half].encode(), form[half:].encode())
    )
    raw = (
        HEAD
        + b"Content-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n"
        + b"Connection: close\r\n\r\n"
        + chunks
        + b"0\r\nX-Trailer: 1\r\n\r\n"
    )
    answer = exchange(port_of(sim), raw)
    assert answer.startswith(b"HTTP/1.1 200 "), answer
    assert b'"TotalCount":0' in answer


def test_cli_limits_are_flags_and_checked() -> None:
    refused = subprocess.run(
        [sys.executable, "-m", "aliyun_vpc_simulator", "--idle-timeout", "0"],
        capture_output=True,
        text=True,
        env={"PATH": ""},
        timeout=30,
        check=False,
    )
    assert refused.returncode == 2
    assert "idle_timeout must be a positive number" in refused.stderr
    assert "Traceback" not in refused.stderr


def test_the_store_refuses_what_xml_cannot_carry_and_keeps_the_rest() -> None:
    store = ResourceStore()
    for attributes in ({"VpcName": "a\x01b"}, {"Bad\x00Name": "x"}, {"Description": "\ufffe"}):
        with pytest.raises(UnstorableValue):
            store.add(StoredResource("vpc", "vpc-1", attributes, 0.0))
    assert store.all("vpc") == []
    store.add(StoredResource("vpc", "vpc-1", {"VpcName": "tab\tnew\nline ünï"}, 0.0))
    with pytest.raises(UnstorableValue) as refused:
        store.update("vpc", "vpc-1", {"Description": "esc\x1b"})
    assert refused.value.attribute == "Description"
    assert store.all("vpc")[0].attributes == {"VpcName": "tab\tnew\nline ünï"}
