"""Response bodies to dicts (JSON and XML alike) and error bodies to typed exceptions."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from aliyun_vpc.exceptions import (
    ClientError,
    ResponseParseError,
    ServerError,
    ThrottlingError,
)
from aliyun_vpc.parsing import api_error, parse_body, parse_response


def to_xml(root: str, value: object) -> str:
    """Serialize a JSON-shaped value the way the service's XML format does."""
    if isinstance(value, dict):
        inner = "".join(
            (
                "".join(to_xml(key, item) for item in child)
                if isinstance(child, list)
                else to_xml(key, child)
            )
            for key, child in value.items()
        )
    else:
        inner = str(value)
    return f"<{root}>{inner}</{root}>"


def test_json_and_xml_land_in_the_same_shape() -> None:
    body = {
        "RequestId": "r-1",
        "TotalCount": "3",
        "Vpcs": {
            "Vpc": [
                {"VpcId": "vpc-1", "VSwitchIds": {"VSwitchId": ["vsw-1", "vsw-2"]}},
                {"VpcId": "vpc-2", "Description": "a & b <c>"},
            ]
        },
    }
    xml = to_xml("DescribeVpcsResponse", body).replace("a & b <c>", "a &amp; b &lt;c&gt;")
    assert parse_body(json.dumps(body).encode(), "JSON") == body
    assert parse_body(xml.encode(), "XML") == body


def test_xml_empty_element_is_empty_string() -> None:
    assert parse_body(b"<R><RequestId>r</RequestId><Description/></R>", "XML") == {
        "RequestId": "r",
        "Description": "",
    }


XML_KEYS = st.from_regex(r"[A-Z][A-Za-z]{0,8}", fullmatch=True)
XML_TEXT = st.from_regex(r"[A-Za-z0-9 ._:/-]{1,12}", fullmatch=True).filter(
    lambda text: text.strip() == text
)
XML_VALUES = st.recursive(
    XML_TEXT,
    lambda children: st.dictionaries(
        XML_KEYS, children | st.lists(children, min_size=2, max_size=3), min_size=1, max_size=3
    ),
    max_leaves=12,
)


@given(st.dictionaries(XML_KEYS, XML_VALUES, min_size=1, max_size=4))
def test_xml_round_trips_json_shaped_documents(body: dict[str, object]) -> None:
    assert parse_body(to_xml("Response", body).encode(), "XML") == body


@pytest.mark.parametrize(
    ("content", "fmt"),
    [
        (b'{"RequestId": "r"', "JSON"),
        (b"null", "JSON"),
        (b'"text"', "JSON"),
        (b"<R><RequestId>r</Request", "XML"),
        (b"not xml at all", "XML"),
    ],
)
def test_malformed_bodies_raise_parse_error(content: bytes, fmt: str) -> None:
    with pytest.raises(ResponseParseError):
        parse_body(content, fmt)


def test_parse_error_message_quotes_a_bounded_snippet() -> None:
    content = b"x" * 10_000
    with pytest.raises(ResponseParseError) as caught:
        parse_body(content, "JSON")
    assert len(str(caught.value)) < 400


@pytest.mark.parametrize(
    ("code", "status", "family"),
    [
        ("Throttling.NotYetDocumented", 400, ThrottlingError),
        ("Throttling.NotYetDocumented", 503, ThrottlingError),
        ("NotYetDocumented.ServerFault", 500, ServerError),
        ("NotYetDocumented", 400, ClientError),
        ("NotYetDocumented.Status", 200, ClientError),
    ],
)
def test_family_of_undocumented_codes(code: str, status: int, family: type) -> None:
    from aliyun_vpc.errors import ERRORS_BY_CODE

    assert code not in ERRORS_BY_CODE
    error = api_error({"Code": code, "Message": "m", "RequestId": "r"}, status, "Op")
    assert type(error) is family
    assert (error.code, error.http_status, error.request_id, error.operation) == (
        code,
        status,
        "r",
        "Op",
    )


def test_success_body_returned_and_code_body_raised() -> None:
    assert parse_response(200, b'{"RequestId": "r", "VpcId": "v"}', "JSON", "Op")["VpcId"] == "v"
    with pytest.raises(ClientError) as caught:
        parse_response(200, b'{"Code": "Forbidden", "Message": "no"}', "JSON", "Op")
    assert caught.value.http_status == 200 and caught.value.message == "no"


def test_error_without_code_uses_http_status() -> None:
    with pytest.raises(ServerError) as caught:
        parse_response(500, b'{"RequestId": "r"}', "JSON", "Op")
    assert caught.value.code == "HTTP500" and caught.value.request_id == "r"


@pytest.mark.parametrize(
    "content",
    [
        b'{"RequestId": "r", "OwnerId": 123456789012345678901234567890}',  # beyond 64 bits
        '{"RequestId": "r", "Description": "vpc ü"}'.encode("utf-16"),
        b'{"RequestId": "r", "Ratio": NaN}',
    ],
)
def test_bodies_the_fast_decoder_refuses_decode_as_the_stdlib_does(content: bytes) -> None:
    body = parse_body(content, "JSON")
    expected = json.loads(content)
    assert body.keys() == expected.keys() and body["RequestId"] == "r"
    assert json.dumps(body) == json.dumps(expected)


JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()  # any size: 64-bit limits must not round
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda children: st.lists(children, max_size=3)
    | st.dictionaries(st.text(), children, max_size=3),
    max_leaves=15,
)


@given(st.dictionaries(st.text(), JSON_VALUES, max_size=5), st.booleans())
def test_json_bodies_decode_exactly_as_the_stdlib(
    body: dict[str, object], ascii_only: bool
) -> None:
    content = json.dumps(body, ensure_ascii=ascii_only).encode()
    assert parse_body(content, "JSON") == json.loads(content)
