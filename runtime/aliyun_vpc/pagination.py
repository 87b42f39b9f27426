"""Which request comes after a page (sans-IO; the clients' `paginate` drive it).

Page style (PageNumber/PageSize/TotalCount): ask for the next page number until the pages seen cover
TotalCount, or a page comes back short or empty, or the service answers another page than the one
asked for, or a page size that is not positive. Token style (NextToken/MaxResults): pass the
returned token back until it is empty or repeats.

`PageWalk` adds what one page cannot tell: a page holding an item an earlier page held (the service
ignored PageNumber, or repeated a token) is not yielded and ends the walk, so no item is yielded
twice; a token already sent ends it too.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sized
from typing import Any

from ._meta import PaginatorMeta

__all__ = ["PageWalk", "attribute_path", "next_page_kwargs"]


class PageWalk:
    """One `paginate` walk: `request` is the next call's keyword arguments (None: done)."""

    def __init__(self, meta: PaginatorMeta, kwargs: Mapping[str, Any]) -> None:
        self.meta = meta
        self.request: dict[str, Any] | None = dict(kwargs)
        self._seen_items: set[bytes] = set()
        self._sent_tokens: set[Any] = set()
        self._pages = 0
        self._items = 0

    def accept(self, page: Any) -> bool:
        """Whether `page` is new (to be yielded); `request` becomes the next call or None."""
        asked, self.request = self.request, None
        if asked is None or not self._is_new(asked, page):
            return False
        self._pages += 1
        following = next_page_kwargs(self.meta, asked, page)
        if following is not None and self.meta.style == "token":
            self._sent_tokens.add(asked.get(self.meta.input_page))
            if following[self.meta.input_page] in self._sent_tokens:
                following = None  # a token already sent: the walk would go round in circles
        if following is not None and self.meta.output_total:
            total = _as_int(attribute_path(page, self.meta.output_total))
            if total is not None and self._items >= total:
                following = None
        self.request = following
        return True

    def _is_new(self, asked: Mapping[str, Any], page: Any) -> bool:
        if self._pages and self.meta.style == "page":
            echoed = _as_int(attribute_path(page, self.meta.input_page))
            if echoed is not None and echoed != _as_int(asked.get(self.meta.input_page)):
                return False  # another page than the one asked for: one already yielded
        items = attribute_path(page, self.meta.output_items)
        keys = [_item_key(item) for item in items] if isinstance(items, list) else []
        if any(key in self._seen_items for key in keys):
            return False
        self._seen_items.update(keys)
        self._items += len(keys)
        return True


def _item_key(item: Any) -> bytes:
    """A fixed-size fingerprint of an item (its repr: attrs models and text show every field)."""
    return hashlib.blake2b(repr(item).encode("utf-8", "backslashreplace"), digest_size=16).digest()


def _as_int(value: Any) -> int | None:
    """An integer from a page's or a request's number, or None for anything else."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().lstrip("-").isdigit() and len(value) < 20:
        return int(value)
    return None


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
    number = _as_int(kwargs.get(meta.input_page)) or 1
    echoed = attribute_path(page, meta.input_page)
    if echoed is not None and _as_int(echoed) != number:
        return None  # the service ignored PageNumber: asking again would loop forever
    # The size the service used (it may cap the one asked for) decides whether pages remain.
    answered_size = attribute_path(page, meta.input_size)
    size = _as_int(kwargs.get(meta.input_size) if answered_size is None else answered_size)
    if size is not None and size <= 0:
        return None  # no page size can be trusted to advance: -1, 0
    if meta.output_total:
        total = _as_int(attribute_path(page, meta.output_total))
        if total is not None and number * (size or count) >= total:
            return None
    elif size is not None and count < size:
        return None
    return {**kwargs, meta.input_page: number + 1}
