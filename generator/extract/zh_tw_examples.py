"""Fenced example blocks of the Traditional Chinese VPC document (001): finding, classifying.

Labels ('- XML格式', '• JSON格式', 'XML 格式') are unreliable: TerminatePhysicalConnection's
'XML格式' block is an XML declaration followed by a JSON body. The kind is therefore read from
the content.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.extract.raw import RawExample

_FENCE = "```"
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>\s*")
_LABEL_BULLET = re.compile(r"^[-•●]\s*")


@dataclass
class Fence:
    start: int  # 0-based index of the opening ``` line
    end: int  # 0-based index of the closing ``` line (or the last line if unclosed)
    text: str  # the lines between the fences


def find_fences(lines: list[str]) -> dict[int, Fence]:
    """Code fences keyed by the index of their opening line."""
    fences: dict[int, Fence] = {}
    index = 0
    while index < len(lines):
        if lines[index].strip().startswith(_FENCE):
            end = next(
                (pos for pos in range(index + 1, len(lines)) if lines[pos].strip() == _FENCE),
                len(lines) - 1,
            )
            fences[index] = Fence(index, end, "\n".join(lines[index + 1 : end]).strip("\n"))
            index = end + 1
        else:
            index += 1
    return fences


def example_kind(text: str) -> str:
    """'request' for a URL, 'json' for a JSON body (even behind an XML declaration), else 'xml'."""
    stripped = text.strip()
    if stripped.startswith("http"):
        return "request"
    body = _XML_DECLARATION.sub("", stripped)
    if body.startswith(("{", "[", '"')):
        return "json"
    return "xml"


def clean_label(text: str) -> str:
    """'- XML格式' -> 'XML格式'."""
    return _LABEL_BULLET.sub("", text.strip())


def to_example(fence: Fence, label: str) -> RawExample:
    return RawExample(
        kind=example_kind(fence.text), text=fence.text, line=fence.start + 2, label=label
    )


def label_mismatch(example: RawExample) -> bool:
    """True when the label names one format and the block holds the other."""
    label = example.label.upper()
    return (example.kind == "json" and "XML" in label) or (
        example.kind == "xml" and "JSON" in label
    )


def xml_root(text: str) -> str | None:
    """The root element's name of an XML example."""
    match = re.search(r"<([A-Za-z][\w.]*)[\s>]", _XML_DECLARATION.sub("", text))
    return match.group(1) if match else None
