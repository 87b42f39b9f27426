"""Tolerant readers for the documents' response examples (JSON and XML) -> Python values.

The examples are hand-written and broken in many ways (QUIRKS.md, "Request/response examples"):
brace-less bodies, '{{', stray '}', trailing commas, PDF spacing inside keys and tag names, misspelt
roots, doubled '>', mismatched tag case, unclosed tags. Each reader repairs what it can and returns
None when nothing sensible remains. Both unwrap the '<Action>Response' wrapper.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from generator.extract.raw import RawExample
from generator.model import Examples

_FENCE = re.compile(r"^\s*```\w*\s*$", re.MULTILINE)
_XML_DECLARATION = re.compile(r"<\?xml[^>]*\?>")
_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)


@dataclass
class ReadExamples:
    """The operation's `Examples` plus the parsed response tree the response builder works from."""

    examples: Examples
    response: dict[str, Any] | None  # JSON if readable, else the XML read as a dict
    response_is_json: bool
    second_opinion: dict[str, Any] | None = None  # the XML read as a dict when JSON is `response`


def read_examples(raw_examples: Iterable[RawExample]) -> ReadExamples:
    """Pick the request text and the first readable JSON and XML response examples."""
    request: str | None = None
    json_value: Any = None
    xml_text: str | None = None
    xml_value: dict[str, Any] | None = None
    for example in raw_examples:
        text = strip_fences(example.text)
        if example.kind == "request":
            request = request or text
            continue
        parsed_json = parse_json_example(text) if _looks_like_json(text) else None
        if parsed_json is not None:
            json_value = json_value if json_value is not None else parsed_json
        elif xml_text is None and text.lstrip().startswith("<"):
            xml_text = text
            xml_value = parse_xml_example(text)
    is_json = isinstance(json_value, dict)
    return ReadExamples(
        Examples(request=request, response_json=json_value, response_xml=xml_text),
        json_value if is_json else xml_value,
        response_is_json=is_json,
        second_opinion=xml_value if is_json else None,
    )


def strip_fences(text: str) -> str:
    """Drop Markdown code fences (an example may be split over two fenced blocks)."""
    return _FENCE.sub("", text).strip()


def _looks_like_json(text: str) -> bool:
    body = _XML_DECLARATION.sub("", text).lstrip()
    return body.startswith(("{", "[", '"'))


# ---------------------------------------------------------------------------------------------
# JSON


def parse_json_example(text: str) -> Any:
    """A JSON example as a Python value, repaired and unwrapped; None when unreadable."""
    body = _COMMENT.sub("", _XML_DECLARATION.sub("", strip_fences(text))).strip()
    if not body:
        return None
    for candidate in (body, _repair_json(body)):
        try:
            return unwrap_response(json.loads(candidate))
        except ValueError:
            continue
    return None


def _repair_json(body: str) -> str:
    body = re.sub(r"^\{\s*\{", "{", body)
    if not body.startswith(("{", "[")):
        body = "{" + body + "}"
    body = re.sub(
        r'"\s*([^"\n]*?)\s*"(\s*:)',
        lambda m: '"' + "".join(m.group(1).split()) + '"' + m.group(2),
        body,
    )
    body = re.sub(r'("|\d|true|false|null|[}\]])(\s*\n\s*")', r"\1,\2", body)
    body = re.sub(r",(\s*[}\]])", r"\1", body)
    return _balance(body)


def _balance(body: str) -> str:
    """Drop closers that close nothing, then close whatever is still open."""
    out: list[str] = []
    stack: list[str] = []
    in_string = escaped = False
    for char in body:
        if in_string:
            in_string = not (char == '"' and not escaped)
            escaped = char == "\\" and not escaped
        elif char == '"':
            in_string = True
        elif char in "{[":
            stack.append("}" if char == "{" else "]")
        elif char in "}]":
            if not stack or stack[-1] != char:
                continue
            stack.pop()
        out.append(char)
    return "".join(out) + "".join(reversed(stack))


def unwrap_response(value: Any) -> Any:
    """{'CreateVpnGatewayResponse': {...}} -> {...}."""
    if isinstance(value, dict) and len(value) == 1:
        ((key, inner),) = value.items()
        if key.endswith("Response") and isinstance(inner, dict):
            return inner
    return value


# ---------------------------------------------------------------------------------------------
# XML

_TAG = re.compile(r"<\s*(/?)\s*([^<>!?]*?)\s*(/?)\s*>")


@dataclass
class _Element:
    name: str
    text: str = ""
    children: list[_Element] | None = None


def parse_xml_example(text: str) -> dict[str, Any] | None:
    """An XML example as a dict (repeated children -> lists, leaves -> strings), root unwrapped."""
    body = _XML_DECLARATION.sub("", strip_fences(text)).replace(">>", ">")
    tokens = list(_tokens(body))
    if not tokens or tokens[0][0] != "open":
        return None
    root = _build_tree(tokens)
    value = _to_value(root)
    return value if isinstance(value, dict) else {}


def _tokens(body: str) -> Iterable[tuple[str, str]]:
    position = 0
    for match in _TAG.finditer(body):
        between = body[position : match.start()].strip()
        if between:
            yield "text", between
        name = "".join(match.group(2).split())
        if match.group(3):
            yield "empty", name
        else:
            yield ("close" if match.group(1) else "open"), name
        position = match.end()


def _build_tree(tokens: list[tuple[str, str]]) -> _Element:
    root = _Element(tokens[0][1], children=[])
    stack = [root]
    for kind, value in tokens[1:]:
        top = stack[-1]
        if kind == "text":
            top.text = " ".join((top.text + " " + value).split())
        elif kind == "empty":
            _add_child(top, _Element(value))
        elif kind == "open":
            if value.lower() == top.name.lower() and not top.children and top.text:
                stack.pop()  # '<status>x<status>': an opening tag written where the close belongs
                continue
            child = _Element(value)
            _add_child(top, child)
            stack.append(child)
        else:
            names = [element.name.lower() for element in stack]
            if value.lower() in names[1:]:
                del stack[len(names) - 1 - names[::-1].index(value.lower()) :]
    return root


def _add_child(parent: _Element, child: _Element) -> None:
    if parent.children is None:
        parent.children = []
    parent.children.append(child)


def _to_value(element: _Element) -> Any:
    if not element.children:
        return element.text.strip().strip("\"'")
    out: dict[str, Any] = {}
    for child in element.children:
        value = _to_value(child)
        if child.name in out:
            previous = out[child.name]
            out[child.name] = (previous if isinstance(previous, list) else [previous]) + [value]
        else:
            out[child.name] = value
    return out
