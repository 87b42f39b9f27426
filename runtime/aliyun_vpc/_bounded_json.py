"""JSON decoding with bounds: how deep and how many values an answer may hold.

A few megabytes of `{}` would decode into gigabytes of dicts, and a thousand nested lists into a
`RecursionError`; here both are a `ResponseParseError` (the service's answers nest fewer than 10
levels and hold a few thousand values). The response parser and the models (for JSON text inside
a field, such as IkeConfig) decode through `decode_json`; request encoding checks JSON parameters
with `json_limits_exceeded`.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from typing import Any

from .exceptions import ResponseParseError

__all__ = ["MAX_DEPTH", "MAX_NODES", "decode_json", "json_limits_exceeded", "snippet"]

_SNIPPET = 200
#: Deepest nesting accepted in an answer (and in a JSON text inside one, such as IkeConfig).
MAX_DEPTH = 64
#: Most containers, strings or XML elements accepted in one answer (a 50-item page holds ~2,000).
MAX_NODES = 250_000


@functools.cache
def _json_decoder() -> tuple[Callable[[bytes | str], Any], type[Exception]]:
    """msgspec's decoder and the error it raises; imported by the first answer, not at import."""
    import msgspec

    return msgspec.json.Decoder().decode, msgspec.DecodeError


def decode_json(content: bytes | str) -> Any:
    """A JSON value, within `MAX_DEPTH` and `MAX_NODES`; else `ResponseParseError`."""
    raw = content.encode("utf-8", "surrogatepass") if isinstance(content, str) else content
    # An upper bound of the objects, lists and strings (brackets and quotes inside strings count
    # too), counted at C speed without a copy, so a huge body is refused before anything grows.
    if raw.count(b"{") + raw.count(b"[") + raw.count(b'"') // 2 > MAX_NODES:
        raise ResponseParseError(f"JSON body holds more than {MAX_NODES} values: {snippet(raw)}")
    value, failure = _decode(raw)
    if failure is not None:
        raise ResponseParseError(f"malformed JSON body: {failure}: {snippet(raw)}")
    brackets = raw.translate(None, _NOT_BRACKETS)  # well-formed: at most 2 * MAX_NODES bytes
    too_large = None if _shallow(brackets) else json_limits_exceeded(value)
    if too_large:
        raise ResponseParseError(f"JSON body {too_large}: {snippet(raw)}")
    return value


def _shallow(brackets: bytes) -> bool:
    """Whether brackets nest at most `MAX_DEPTH` deep, at C speed: each round removes the
    innermost pairs. Brackets inside strings count too, so False only means "walk the value"."""
    if _TOO_MANY_OPEN[0] in brackets or _TOO_MANY_OPEN[1] in brackets:
        return False
    for _ in range(MAX_DEPTH):
        if not brackets:
            return True
        brackets = brackets.replace(b"{}", b"").replace(b"[]", b"")
    return not brackets


_TOO_MANY_OPEN = (b"{" * (MAX_DEPTH + 1), b"[" * (MAX_DEPTH + 1))
_NOT_BRACKETS = bytes(sorted(set(range(256)) - set(b"{}[]")))


def _decode(raw: bytes) -> tuple[Any, str | None]:
    """(value, None), or (None, why not): the decoders' errors (which keep the whole body) end
    here, so none becomes the `__context__` of the `ResponseParseError`."""
    decode, refused = _json_decoder()
    try:
        try:
            return decode(raw), None
        except refused:  # the stdlib decides what msgspec refuses (UTF-16, NaN)
            return json.loads(raw), None
    except RecursionError:
        return None, "nested too deeply"
    except (ValueError, UnicodeDecodeError) as error:
        return None, str(error)


def json_limits_exceeded(value: Any) -> str | None:
    """Why a JSON-shaped value is beyond `MAX_DEPTH` or `MAX_NODES` containers, or None.

    Level by level, without recursion, counting containers as visited: a cycle or a list holding
    itself many times is bounded too.
    """
    level = [value] if isinstance(value, _CONTAINERS) else []
    depth = visited = 0
    while level:
        depth += 1
        visited += len(level)
        if depth > MAX_DEPTH:
            return f"nested deeper than {MAX_DEPTH} levels"
        if visited > MAX_NODES:
            return f"more than {MAX_NODES} objects and lists"
        below: list[Any] = []
        for node in level:
            below += [
                child
                for child in (node.values() if isinstance(node, dict) else node)
                if isinstance(child, _CONTAINERS)
            ]
        level = below
    return None


#: What `json.dumps` writes as an object or array (other mappings are not JSON-serialisable).
_CONTAINERS = (dict, list, tuple)


def snippet(content: bytes) -> str:
    """The head of a body for an error message, quoted; bounded to `_SNIPPET` characters."""
    text = content[:_SNIPPET].decode("utf-8", "replace")
    return repr(text) + ("..." if len(content) > _SNIPPET else "")
