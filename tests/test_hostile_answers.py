"""Hostile answers: each is a `ResponseParseError` (or a typed API error), never a bare
RecursionError/LookupError/empty success, in bounded memory."""

from __future__ import annotations

import json
import time
import tracemalloc

import pytest
from hostile_support import Answer, raw_server

from aliyun_vpc import VpcClient
from aliyun_vpc._bounded_json import MAX_DEPTH, MAX_NODES
from aliyun_vpc.config import ClientConfig
from aliyun_vpc.exceptions import ClientError, ResponseParseError, ServerError
from aliyun_vpc.models import DescribeVpnConnectionResponse
from aliyun_vpc.parsing import parse_body, parse_response
from aliyun_vpc.retries import RetryPolicy

DEEP = 1_000


def deep_json(depth: int, opener: str = '{"a":', closer: str = "}") -> bytes:
    return ('{"RequestId":"r","X":' + opener * depth + "1" + closer * depth + "}").encode()


def deep_xml(depth: int) -> bytes:
    return b"<R><RequestId>r</RequestId>" + b"<a>" * depth + b"x" + b"</a>" * depth + b"</R>"


@pytest.mark.parametrize(
    "content",
    [deep_json(DEEP), deep_json(DEEP, "[", "]"), deep_json(100_000, "[", "]"), deep_json(65)],
    ids=["objects-1000", "lists-1000", "lists-100000", "objects-65"],
)
def test_deep_json_is_a_parse_error(content: bytes) -> None:
    with pytest.raises(ResponseParseError, match="deep"):
        parse_body(content, "JSON")


def test_json_at_the_depth_limit_is_read() -> None:
    assert parse_body(deep_json(MAX_DEPTH - 2), "JSON")["RequestId"] == "r"


@pytest.mark.parametrize("depth", [DEEP, 100_000])
def test_deep_xml_is_a_parse_error(depth: int) -> None:
    with pytest.raises(ResponseParseError, match="deep"):
        parse_body(deep_xml(depth), "XML")


def test_deep_json_text_inside_a_field_is_kept_not_raised() -> None:
    """IkeConfig arrives as JSON text; 1,000 levels inside it are refused like the body."""
    ike = '{"IkeMode":' * DEEP + '"main"' + "}" * DEEP
    parsed = DescribeVpnConnectionResponse.from_wire({"RequestId": "r", "IkeConfig": ike})
    assert parsed.ike_config is None and parsed.extra["IkeConfig"] == ike


@pytest.mark.parametrize(
    "declaration",
    [b"x-no-such-encoding", b"utf-7000", b"\xff\xfe"],
    ids=["unknown", "bad", "bytes"],
)
def test_unknown_xml_encoding_is_a_parse_error(declaration: bytes) -> None:
    content = (
        b'<?xml version="1.0" encoding="' + declaration + b'"?><R><RequestId>r</RequestId></R>'
    )
    with pytest.raises(ResponseParseError):
        parse_body(content, "XML")


XHTML = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n'
    b'<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" '
    b'"http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">\n'
    b'<html xmlns="http://www.w3.org/1999/xhtml"><head><title>502 Bad Gateway</title></head>'
    b"<body><h1>Bad Gateway</h1></body></html>"
)


@pytest.mark.parametrize(
    "content",
    [XHTML, b"<html><head><title>Error</title></head><body><p>x</p></body></html>"],
    ids=["xhtml", "html"],
)
def test_an_html_page_in_xml_mode_is_a_parse_error(content: bytes) -> None:
    with pytest.raises(ResponseParseError, match="HTML"):
        parse_response(200, content, "XML", "DescribeVpcs")


def test_an_xhtml_page_through_the_default_sender_is_a_parse_error() -> None:
    with raw_server(Answer(200, XHTML, "text/html")) as url:
        config = ClientConfig(response_format="XML", retry=RetryPolicy.disabled())
        with (
            VpcClient(
                access_key_id="AK",
                access_key_secret="S" * 30,
                region_id="cn-hangzhou",
                endpoint=url,
                config=config,
            ) as client,
            pytest.raises(ResponseParseError, match="HTML"),
        ):
            client.describe_vpcs()


VALID_JSON = json.dumps(
    {"RequestId": "r", "TotalCount": 2, "Vpcs": {"Vpc": [{"VpcId": "v1"}, {"VpcId": "v2"}]}}
).encode()
VALID_XML = (
    b'<?xml version="1.0" encoding="UTF-8"?><DescribeVpcsResponse><RequestId>r</RequestId>'
    b"<Vpcs><Vpc><VpcId>v1</VpcId></Vpc><Vpc><VpcId>v2</VpcId></Vpc></Vpcs></DescribeVpcsResponse>"
)


@pytest.mark.parametrize(("content", "fmt"), [(VALID_JSON, "JSON"), (VALID_XML, "XML")])
def test_every_truncation_is_a_parse_error(content: bytes, fmt: str) -> None:
    for end in range(len(content)):
        with pytest.raises(ResponseParseError):
            parse_body(content[:end], fmt)
    assert parse_body(content, fmt)["RequestId"] == "r"


@pytest.mark.parametrize("status", [200, 400, 500])
def test_a_truncated_body_at_any_status_is_a_typed_error(status: int) -> None:
    expected = {200: ResponseParseError, 400: ClientError, 500: ServerError}[status]
    with pytest.raises(expected) as caught:
        parse_response(status, VALID_JSON[:30], "JSON", "DescribeVpcs")
    assert caught.value.__context__ is None and caught.value.__cause__ is None


def _peak_while(call: object, *args: object) -> tuple[float, BaseException | None]:
    """Peak traced megabytes allocated while calling, and what it raised."""
    tracemalloc.start()
    raised = None
    try:
        call(*args)  # type: ignore[operator]
    except ResponseParseError as error:
        raised = error
    finally:
        peak = tracemalloc.get_traced_memory()[1] / 1e6
        tracemalloc.stop()
    return peak, raised


MB = 1024 * 1024


@pytest.mark.parametrize(
    ("content", "fmt"),
    [
        (b'{"RequestId":"r","Items":[' + b"{}," * (50 * MB // 3) + b"{}]}", "JSON"),
        (b'{"RequestId":"r","Items":[' + b'"",' * (50 * MB // 3) + b'""]}', "JSON"),
        (b"<R>" + b"<a/>" * (50 * MB // 4) + b"</R>", "XML"),
        (b"<R>" + b"<a><b/></a>" * (50 * MB // 11) + b"</R>", "XML"),
    ],
    ids=["json-empty-objects", "json-empty-strings", "xml-empty-elements", "xml-nested"],
)
def test_a_50_mb_answer_of_tiny_values_is_refused_in_bounded_memory(
    content: bytes, fmt: str
) -> None:
    started = time.monotonic()
    peak, raised = _peak_while(parse_body, content, fmt)
    assert isinstance(raised, ResponseParseError) and str(MAX_NODES) in str(raised)
    assert peak < 100, f"{peak:.0f} MB above the answer itself"
    assert time.monotonic() - started < 30


def test_an_answer_just_under_the_node_limit_is_read_in_bounded_memory() -> None:
    count = MAX_NODES - 10
    content = b'{"RequestId":"r","Items":[' + b"{}," * (count - 1) + b"{}]}"
    peak, raised = _peak_while(parse_body, content, "JSON")
    assert raised is None and peak < 100, f"{peak:.0f} MB"
