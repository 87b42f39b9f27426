"""Pagination through a test-local fake client whose methods return attrs pages (sync and async)."""

from __future__ import annotations

from typing import Any, ClassVar

import attrs
import pytest

from aliyun_vpc._client_base import AsyncClientBase, SyncClientBase
from aliyun_vpc._meta import PaginatorMeta
from aliyun_vpc.exceptions import ParamValidationError
from aliyun_vpc.pagination import next_page_kwargs

ALL_VPCS = [f"vpc-{n}" for n in range(23)]
PAGE_STYLE = PaginatorMeta(
    "DescribeVpcs", "page", "page_number", "page_size", "vpcs", "total_count", None
)
TOKEN_STYLE = PaginatorMeta(
    "ListPrefixLists", "token", "next_token", "max_results", "prefix_lists", None, "next_token"
)


@attrs.frozen
class VpcPage:
    vpcs: list[str]
    total_count: int
    page_number: int
    page_size: int


@attrs.frozen
class PrefixListPage:
    prefix_lists: list[str]
    next_token: str | None


def vpc_page(page_number: int = 1, page_size: int = 10) -> VpcPage:
    start = (page_number - 1) * page_size
    return VpcPage(ALL_VPCS[start : start + page_size], len(ALL_VPCS), page_number, page_size)


def prefix_page(next_token: str | None = None, max_results: int = 10) -> PrefixListPage:
    start = int(next_token or 0)
    end = start + max_results
    return PrefixListPage(ALL_VPCS[start:end], str(end) if end < len(ALL_VPCS) else None)


class FakeSync(SyncClientBase):
    PAGINATORS: ClassVar[dict[str, PaginatorMeta]] = {
        "describe_vpcs": PAGE_STYLE,
        "list_prefix_lists": TOKEN_STYLE,
    }

    def __init__(self) -> None:
        super().__init__(access_key_id="a", access_key_secret="b", region_id="cn-hangzhou")
        self.calls: list[dict[str, Any]] = []

    def describe_vpcs(self, **kwargs: Any) -> VpcPage:
        self.calls.append(kwargs)
        return vpc_page(**kwargs)

    def list_prefix_lists(self, **kwargs: Any) -> PrefixListPage:
        self.calls.append(kwargs)
        return prefix_page(**kwargs)


class FakeAsync(AsyncClientBase):
    PAGINATORS = FakeSync.PAGINATORS

    def __init__(self) -> None:
        super().__init__(access_key_id="a", access_key_secret="b", region_id="cn-hangzhou")

    async def describe_vpcs(self, **kwargs: Any) -> VpcPage:
        return vpc_page(**kwargs)

    async def list_prefix_lists(self, **kwargs: Any) -> PrefixListPage:
        return prefix_page(**kwargs)


def test_page_number_style_walks_all_pages() -> None:
    with FakeSync() as client:
        pages = list(client.paginate("describe_vpcs", page_size=10))
        assert [item for page in pages for item in page.vpcs] == ALL_VPCS
        assert [call["page_number"] for call in client.calls[1:]] == [2, 3]
        assert client.calls[0] == {"page_size": 10}


def test_page_number_style_starts_where_asked() -> None:
    with FakeSync() as client:
        pages = list(client.paginate("describe_vpcs", page_number=2, page_size=20))
    assert [page.page_number for page in pages] == [2]


def test_token_style_follows_tokens() -> None:
    with FakeSync() as client:
        pages = list(client.paginate("list_prefix_lists", max_results=7))
        assert [item for page in pages for item in page.prefix_lists] == ALL_VPCS
        assert [call.get("next_token") for call in client.calls] == [None, "7", "14", "21"]


def test_unknown_paginator_is_a_clear_error() -> None:
    with FakeSync() as client, pytest.raises(ParamValidationError, match="create_vpc"):
        next(client.paginate("create_vpc"))


@pytest.mark.parametrize(
    ("meta", "kwargs", "page", "expected"),
    [
        (PAGE_STYLE, {}, VpcPage([], 5, 1, 10), None),  # empty page ends
        (PAGE_STYLE, {"page_number": 3}, VpcPage(["x"], 21, 3, 10), None),  # covers the total
        (PAGE_STYLE, {}, VpcPage(["x"] * 10, 11, 1, 10), {"page_number": 2}),  # size from page
        # the service capped the page size at 10: 10 of 23 seen, more pages remain
        (
            PAGE_STYLE,
            {"page_size": 50},
            VpcPage(["x"] * 10, 23, 1, 10),
            {"page_size": 50, "page_number": 2},
        ),
        # the service ignored PageNumber and answered page 1 again: stop instead of looping
        (PAGE_STYLE, {"page_number": 2}, VpcPage(["x"] * 10, 100, 1, 10), None),
        (TOKEN_STYLE, {"next_token": "t"}, PrefixListPage(["x"], "t"), None),  # repeated token
        (TOKEN_STYLE, {}, PrefixListPage(["x"], ""), None),  # empty token
    ],
)
def test_next_page_kwargs_stops_safely(
    meta: PaginatorMeta, kwargs: dict[str, Any], page: object, expected: dict[str, Any] | None
) -> None:
    assert next_page_kwargs(meta, kwargs, page) == expected


def test_without_total_a_short_page_ends() -> None:
    meta = PAGE_STYLE._replace(output_total=None)
    full = VpcPage(["x"] * 10, 0, 1, 10)
    short = VpcPage(["x"] * 3, 0, 2, 10)
    assert next_page_kwargs(meta, {"page_size": 10}, full) == {"page_size": 10, "page_number": 2}
    assert next_page_kwargs(meta, {"page_size": 10, "page_number": 2}, short) is None


async def test_async_pagination_both_styles() -> None:
    async with FakeAsync() as client:
        vpcs = [
            v async for page in client.paginate("describe_vpcs", page_size=5) for v in page.vpcs
        ]
        lists = [
            p async for page in client.paginate("list_prefix_lists") for p in page.prefix_lists
        ]
    assert vpcs == ALL_VPCS and lists == ALL_VPCS


def test_every_documented_paging_pair_has_a_paginator() -> None:
    """PageNumber+PageSize or NextToken+MaxResults, and DescribeRouteEntryList's MaxResult."""
    from aliyun_vpc._generated.operations import PAGINATORS

    assert PAGINATORS["describe_route_entry_list"] == PaginatorMeta(
        operation="DescribeRouteEntryList",
        style="token",
        input_page="next_token",
        input_size="max_result",
        output_items="route_entrys",
        output_total=None,
        output_token="next_token",
    )
    assert PAGINATORS["list_tag_resources"].input_size == "max_results"


class HostileSync(SyncClientBase):
    """A service that answers `pages` in turn whatever is asked (the last one again and again)."""

    PAGINATORS = FakeSync.PAGINATORS

    def __init__(self, pages: list[Any]) -> None:
        super().__init__(access_key_id="a", access_key_secret="b", region_id="cn-hangzhou")
        self.pages = pages
        self.calls = 0

    def _next(self) -> Any:
        self.calls += 1
        assert self.calls < 50, "the paginator does not stop"
        return self.pages[min(self.calls, len(self.pages)) - 1]

    def describe_vpcs(self, **kwargs: Any) -> Any:
        return self._next()

    def list_prefix_lists(self, **kwargs: Any) -> Any:
        return self._next()


class HostileAsync(AsyncClientBase):
    PAGINATORS = FakeSync.PAGINATORS

    def __init__(self, pages: list[Any]) -> None:
        super().__init__(access_key_id="a", access_key_secret="b", region_id="cn-hangzhou")
        self.sync = HostileSync.__new__(HostileSync)
        self.sync.pages, self.sync.calls = pages, 0

    async def describe_vpcs(self, **kwargs: Any) -> Any:
        return HostileSync._next(self.sync)

    async def list_prefix_lists(self, **kwargs: Any) -> Any:
        return HostileSync._next(self.sync)


NOT_ECHOED: Any = None
HOSTILE_WALKS = [
    # PageSize=-1 with a positive TotalCount, the page number echoed as asked: one page
    ("describe_vpcs", [VpcPage(["a", "b"], 500, 1, -1), VpcPage(["c"], 500, 2, -1)], 1),
    ("describe_vpcs", [VpcPage(["a"], 500, 1, 0), VpcPage(["b"], 500, 2, 0)], 1),
    # PageNumber ignored, no PageNumber echoed: the same page again is not yielded
    ("describe_vpcs", [attrs.evolve(vpc_page(1, 5), page_number=NOT_ECHOED)], 1),
    # a later page repeating one item of an earlier one ends the walk before it
    ("describe_vpcs", [VpcPage(["a", "b"], 9, 1, 2), VpcPage(["b", "c"], 9, 2, 2)], 1),
    # the total is reached by the items seen even when the page size says otherwise
    ("describe_vpcs", [VpcPage(["a", "b", "c"], 3, 1, 1), VpcPage(["d"], 3, 2, 1)], 1),
    # a token already sent comes back after a detour
    (
        "list_prefix_lists",
        [PrefixListPage(["a"], "t1"), PrefixListPage(["b"], "t2"), PrefixListPage(["c"], "t1")],
        3,
    ),
    # the same first item under a new token
    ("list_prefix_lists", [PrefixListPage(["a"], "t1"), PrefixListPage(["a"], "t2")], 1),
]


@pytest.mark.parametrize(("method", "pages", "expected"), HOSTILE_WALKS)
def test_hostile_services_end_the_walk_without_repeating_an_item(
    method: str, pages: list[Any], expected: int
) -> None:
    with HostileSync(pages) as client:
        walked = list(client.paginate(method))
    items = [item for page in walked for item in (getattr(page, "vpcs", None) or page.prefix_lists)]
    assert len(walked) == expected
    assert len(items) == len(set(items))


@pytest.mark.parametrize(("method", "pages", "expected"), HOSTILE_WALKS)
async def test_hostile_services_end_the_async_walk_too(
    method: str, pages: list[Any], expected: int
) -> None:
    async with HostileAsync(pages) as client:
        walked = [page async for page in client.paginate(method)]
    assert len(walked) == expected


def test_non_positive_page_sizes_end_the_walk() -> None:
    page = VpcPage(["x"], 500, 1, -1)
    assert next_page_kwargs(PAGE_STYLE, {}, page) is None
    assert next_page_kwargs(PAGE_STYLE, {"page_size": 0}, attrs.evolve(page, page_size=0)) is None
