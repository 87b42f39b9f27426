"""Which request comes after a page (sans-IO; the clients' `paginate` drive it).

Page style (PageNumber/PageSize/TotalCount): ask for the next page number until the pages seen cover
TotalCount, or a page comes back short or empty, or the service answers another page than the one
asked for. Token style (NextToken/MaxResults): pass the returned
token back until it is empty or repeats.
"""

from __future__ import annotations

from collections.abc import Mapping, Sized
from typing import Any

from ._meta import PaginatorMeta

__all__ = ["attribute_path", "next_page_kwargs"]


def attribute_path(obj: Any, path: str) -> Any:
    """`obj.a.b` for path "a.b"; None when a step is missing or None."""
    for name in path.split("."):
        obj = getattr(obj, name, None)
        if obj is None:
            return None
    return obj


def _count(items: Any) -> int:
    return len(items) if isinstance(items, Sized) else 0


def next_page_kwargs(
    meta: PaginatorMeta, kwargs: Mapping[str, Any], page: Any
) -> dict[str, Any] | None:
    """The keyword arguments of the next call, or None when `page` was the last one."""
    if meta.style == "token":
        return _next_token_kwargs(meta, kwargs, page)
    return _next_page_number_kwargs(meta, kwargs, page)


def _next_token_kwargs(
    meta: PaginatorMeta, kwargs: Mapping[str, Any], page: Any
) -> dict[str, Any] | None:
    token = attribute_path(page, meta.output_token) if meta.output_token else None
    if not token or token == kwargs.get(meta.input_page):
        return None
    return {**kwargs, meta.input_page: token}


def _next_page_number_kwargs(
    meta: PaginatorMeta, kwargs: Mapping[str, Any], page: Any
) -> dict[str, Any] | None:
    count = _count(attribute_path(page, meta.output_items))
    if count == 0:
        return None
    number = int(kwargs.get(meta.input_page) or 1)
    echoed = attribute_path(page, meta.input_page)
    if echoed is not None and int(echoed) != number:
        return None  # the service ignored PageNumber: asking again would loop forever
    # The size the service used (it may cap the one asked for) decides whether pages remain.
    size = attribute_path(page, meta.input_size) or kwargs.get(meta.input_size)
    if meta.output_total:
        total = attribute_path(page, meta.output_total)
        if total is not None and number * int(size or count) >= int(total):
            return None
    elif size is not None and count < int(size):
        return None
    return {**kwargs, meta.input_page: number + 1}
