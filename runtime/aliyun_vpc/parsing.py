"""Response bodies to dicts, and error answers to typed exceptions.

JSON and XML land in the same shape: the XML root element is dropped, an element with children becomes
a dict, a repeated child tag becomes a list, text becomes a string (XML carries no types; a lone item
of a wrapper list stays a dict - the typed models know which nodes are lists). Bodies that cannot be
read raise `ResponseParseError`, never a bare JSON/XML/Key/Recursion/Lookup error. JSON is decoded by
msgspec (twice as fast as the stdlib on a 10-VPC answer, integers of any size kept exact); what it
refuses goes to the stdlib, so results and error messages are the stdlib's for every input.

Hostile answers are bounded: nesting deeper than `MAX_DEPTH` levels, or more than `MAX_NODES`
objects, lists, strings or elements, is a `ResponseParseError` (the service's answers nest fewer
than 10 levels), so a few megabytes of `{}` cannot grow into gigabytes of dicts. XML is read by
expat straight into dicts (no element tree), and an XML root that is an (X)HTML page is refused.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ._bounded_json import MAX_DEPTH, MAX_NODES, decode_json, snippet
from ._meta import service_traits
from .exceptions import (
    ClientError,
    ResponseParseError,
    ServerError,
    ThrottlingError,
    VpcApiError,
)

__all__ = ["api_error", "parse_body", "parse_response"]

_XML_CHUNK = 1 << 16


def parse_body(content: bytes, response_format: str) -> dict[str, Any]:
    """The body as a dict; `ResponseParseError` when it is malformed, truncated, too deep or too
    large once decoded, or not an object."""
    if response_format == "XML":
        return _parse_xml(content)
    body = decode_json(content)
    if not isinstance(body, dict):
        raise ResponseParseError(f"JSON body is not an object: {snippet(content)}")
    return body


def _parse_xml(content: bytes) -> dict[str, Any]:
    from xml.etree.ElementTree import ParseError

    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import DefusedXMLParser

    builder = _DictBuilder()
    parser = DefusedXMLParser(target=builder)
    failure = None
    view = memoryview(content)
    try:
        for start in range(0, len(view), _XML_CHUNK):  # a refused answer stops at its chunk
            parser.feed(view[start : start + _XML_CHUNK])
        parser.close()
    except (ParseError, DefusedXmlException, LookupError, ValueError) as error:
        failure = str(error)  # LookupError: an encoding declaration Python does not know
    if failure is not None:
        raise ResponseParseError(f"malformed XML body: {failure}: {snippet(content)}")
    if _is_html(builder.root_tag):
        raise ResponseParseError(f"XML body is an HTML page, not an answer: {snippet(content)}")
    value = builder.result
    return value if isinstance(value, dict) else {}


def _is_html(tag: str) -> bool:
    """An (X)HTML root (`<html>`, in any namespace) or any namespaced root: the service's answers
    use neither."""
    return tag.startswith("{") or tag.lower() == "html"


class _DictBuilder:
    """An expat target building the JSON-shaped value directly: bounded depth and element count.

    A frame is [tag, children dict (None until a child starts), text parts]; an element's text
    counts only while it has no children (as the element tree's `text or ""` of a leaf).
    """

    def __init__(self) -> None:
        self.root_tag = ""
        self.result: Any = None
        self._stack: list[list[Any]] = []
        self._elements = 0

    def start(self, tag: str, attrib: Mapping[str, str]) -> None:
        self._elements += 1
        if self._elements > MAX_NODES:
            raise ResponseParseError(f"XML body holds more than {MAX_NODES} elements")
        if len(self._stack) >= MAX_DEPTH:
            raise ResponseParseError(f"XML body nests deeper than {MAX_DEPTH}")
        if self._stack:
            parent = self._stack[-1]
            if parent[1] is None:
                parent[1], parent[2] = {}, []
        else:
            self.root_tag = tag
        self._stack.append([tag, None, []])

    def data(self, text: str) -> None:
        frame = self._stack[-1]
        if frame[1] is None:
            frame[2].append(text)

    def end(self, tag: str) -> None:
        _, children, parts = self._stack.pop()
        value = children if children is not None else "".join(parts)
        if not self._stack:
            self.result = value
            return
        siblings: dict[str, Any] = self._stack[-1][1]
        if tag not in siblings:
            siblings[tag] = value
        elif isinstance(existing := siblings[tag], list):
            existing.append(value)
        else:
            siblings[tag] = [existing, value]

    def close(self) -> Any:
        return self.result


def parse_response(
    status: int, content: bytes, response_format: str, operation: str
) -> dict[str, Any]:
    """The success body, or raise the typed error the response stands for."""
    unreadable: ResponseParseError | None = None
    try:
        body = parse_body(content, response_format)
    except ResponseParseError as error:
        error.http_status, error.operation = status, operation
        unreadable = error
    if unreadable is not None:  # raised here, not in the handler: no parse error as `__context__`
        if status >= 400:
            raise api_error(
                {"Code": f"HTTP{status}", "Message": str(unreadable)}, status, operation
            )
        raise unreadable
    if status >= 400 or "Code" in body and not _is_success_code(body["Code"]):
        raise api_error(body, status, operation)
    return body


def _is_success_code(code: Any) -> bool:
    """Some services echo `Code: "200"`/`"Success"` on success; anything else is an error."""
    return str(code) in ("200", "Success", "OK", "")


def api_error(body: Mapping[str, Any], status: int, operation: str) -> VpcApiError:
    """The exception for an error body: the documented class for its code, else its family."""
    code = str(body.get("Code") or f"HTTP{status}")
    error_class = _documented_errors().get(code) or _family(code, status)
    return error_class(
        code=code,
        message=str(body.get("Message") or ""),
        request_id=_optional_str(body.get("RequestId")),
        host_id=_optional_str(body.get("HostId")),
        http_status=status,
        recommend=_optional_str(body.get("Recommend")),
        operation=operation,
    )


def _family(code: str, status: int) -> type[VpcApiError]:
    """The service's error-family rule (spec traits) for a code the documents do not list."""
    service = service_traits()
    if service.is_throttling(code):
        return ThrottlingError
    return ServerError if status >= service.server_error_status else ClientError


def _optional_str(value: Any) -> str | None:
    return None if value is None else str(value)


_ERRORS_BY_CODE: dict[str, type[VpcApiError]] | None = None


def _documented_errors() -> dict[str, type[VpcApiError]]:
    """The generated code -> class table, imported on first error (empty when not generated)."""
    global _ERRORS_BY_CODE
    if _ERRORS_BY_CODE is None:
        try:
            from .errors import ERRORS_BY_CODE
        except ImportError:
            ERRORS_BY_CODE = {}
        _ERRORS_BY_CODE = ERRORS_BY_CODE
    return _ERRORS_BY_CODE
