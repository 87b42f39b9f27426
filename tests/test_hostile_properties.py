"""Property tests: the response parser, the request encoder and the paginators meet any input
with a result or a `VpcError`, in bounded depth, time and memory."""

from __future__ import annotations

import json
import time
import tracemalloc
from typing import Any

import attrs
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aliyun_vpc._bounded_json import MAX_DEPTH, json_limits_exceeded
from aliyun_vpc._meta import PaginatorMeta
from aliyun_vpc._pipeline import ClientCore
from aliyun_vpc.config import ClientConfig
from aliyun_vpc.exceptions import ParamValidationError, VpcError
from aliyun_vpc.models import (
    DescribeVpcsRequest,
    DescribeVpcsResponse,
    Tag,
)
from aliyun_vpc.pagination import PageWalk
from aliyun_vpc.parsing import parse_response

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SECONDS = 5.0  # per example, generous for a loaded CI machine
MEGABYTES = 50.0


def _bounded(call: Any, *args: Any) -> Any:
    """`call(*args)`; asserts it took under SECONDS and MEGABYTES; returns result or VpcError."""
    started = time.monotonic()
    tracemalloc.start()
    try:
        return call(*args)
    except VpcError as error:
        return error
    finally:
        peak = tracemalloc.get_traced_memory()[1] / 1e6
        tracemalloc.stop()
        assert peak < MEGABYTES and time.monotonic() - started < SECONDS


SCALARS = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20)
JSON_VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4)
    | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=30,
)


def _wrap(value: Any, depth: int, kind: str) -> Any:
    for _ in range(depth):
        value = [value] if kind == "list" else {"a": value}
    return value


@st.composite
def answers(draw: st.DrawFn) -> tuple[int, bytes, str]:
    fmt = draw(st.sampled_from(["JSON", "XML"]))
    status = draw(st.sampled_from([200, 400, 404, 500, 503]))
    family = draw(st.integers(0, 3))
    if family == 0:
        return status, draw(st.binary(max_size=500)), fmt
    if family == 1:
        value = _wrap(
            draw(JSON_VALUES), draw(st.integers(0, 300)), draw(st.sampled_from(["list", "dict"]))
        )
        body = json.dumps({"RequestId": "r", "X": value}).encode()
        cut = draw(st.integers(0, len(body)))
        return status, body[: cut if draw(st.booleans()) else len(body)], "JSON"
    if family == 2:
        depth = draw(st.integers(0, 300))
        tag = draw(st.sampled_from(["a", "html", "Vpc", "x:y"]))
        inner = f"<R>{'<a>' * depth}{draw(st.text(max_size=10))}{'</a>' * depth}</R>"
        return (
            status,
            f"<{tag}>".encode() + inner.encode("utf-8", "replace") + f"</{tag}>".encode(),
            "XML",
        )
    encoding = draw(st.text(min_size=1, max_size=12).filter(lambda t: '"' not in t))
    declaration = f'<?xml version="1.0" encoding="{encoding}"?><R><RequestId>r</RequestId></R>'
    return status, declaration.encode("utf-8", "replace"), "XML"


@SETTINGS
@given(answers())
def test_any_answer_is_a_body_or_a_vpc_error(answer: tuple[int, bytes, str]) -> None:
    status, content, fmt = answer
    outcome = _bounded(parse_response, status, content, fmt, "DescribeVpcs")
    if not isinstance(outcome, VpcError):
        assert isinstance(outcome, dict) and json_limits_exceeded(outcome) is None
        typed = _bounded(DescribeVpcsResponse.from_wire, outcome)
        assert isinstance(typed, DescribeVpcsResponse | VpcError)


HOSTILE = (
    SCALARS
    | st.integers(min_value=-(10**5000), max_value=10**5000)
    | st.text(alphabet=st.characters(categories=["Cs", "Cc", "Co", "Cn"]), max_size=5)
    | st.builds(lambda depth: _wrap("x", depth, "dict"), st.integers(0, 2000))
    | st.lists(st.text(max_size=3), max_size=3)
    | st.builds(object)
)
FIELDS = ["vpc_id", "vpc_name", "page_size", "page_number", "is_default", "resource_group_id"]
CORE = ClientCore(
    ClientConfig(region_id="cn-hangzhou"),
    "https://vpc.aliyuncs.com",
    "ua",
    None,
    (None, None, None),
)


def _encode(kwargs: dict[str, Any], tags: list[Any]) -> dict[str, str]:
    from aliyun_vpc._generated.operations import OPERATIONS

    query = DescribeVpcsRequest(**kwargs, tags=tags or None).to_query()
    return CORE.prepare(OPERATIONS["DescribeVpcs"], query)


@SETTINGS
@given(
    st.dictionaries(st.sampled_from(FIELDS), HOSTILE, max_size=4),
    st.lists(st.builds(Tag, key=HOSTILE, value=HOSTILE) | HOSTILE, max_size=3),
)
def test_any_request_is_encoded_or_refused(kwargs: dict[str, Any], tags: list[Any]) -> None:
    outcome = _bounded(_encode, kwargs, tags)
    if isinstance(outcome, VpcError):
        assert isinstance(outcome, ParamValidationError)
        return
    for key, value in outcome.items():
        value.encode("utf-8")  # every parameter can be sent
        if key in ("PageSize", "PageNumber"):
            assert -(2**31) <= int(value) < 2**31


@attrs.frozen
class Page:
    vpcs: list[str]
    total_count: Any
    page_number: Any
    page_size: Any
    next_token: Any = None


PAGE = PaginatorMeta(
    "DescribeVpcs", "page", "page_number", "page_size", "vpcs", "total_count", None
)
TOKEN = PaginatorMeta("ListX", "token", "next_token", "max_results", "vpcs", None, "next_token")
NUMBERS = st.none() | st.integers(-5, 30) | st.sampled_from(["", "3", "x", "-1"])
PAGES = st.builds(
    Page,
    vpcs=st.lists(st.sampled_from([f"v{n}" for n in range(12)]), max_size=5, unique=True),
    total_count=NUMBERS,
    page_number=NUMBERS,
    page_size=NUMBERS,
    next_token=st.none() | st.sampled_from(["", "t1", "t2", "t3"]),
)


@SETTINGS
@given(st.sampled_from([PAGE, TOKEN]), st.lists(PAGES, min_size=1, max_size=40))
def test_any_service_walk_ends_without_an_item_twice(
    meta: PaginatorMeta, pages: list[Page]
) -> None:
    walk = PageWalk(meta, {})
    calls, yielded = 0, []
    while walk.request is not None:
        page = pages[min(calls, len(pages) - 1)]  # then the last page for ever
        calls += 1
        assert calls <= len(pages) + 1, "the walk does not end"
        if walk.accept(page):
            yielded += page.vpcs
    assert len(yielded) == len(set(yielded))


def test_the_depth_limit_is_what_the_parser_enforces() -> None:
    body = json.dumps({"R": _wrap(1, MAX_DEPTH - 1, "list")}).encode()
    assert isinstance(parse_response(200, body, "JSON", "Op"), dict)
    deeper = json.dumps({"R": _wrap(1, MAX_DEPTH, "list")}).encode()
    assert isinstance(_bounded(parse_response, 200, deeper, "JSON", "Op"), VpcError)
