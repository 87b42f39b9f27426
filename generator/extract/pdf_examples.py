"""The 'Examples' block of an operation: request URL and response bodies.

Labels are unreliable ('XML format' above JSON and the reverse), so each block's kind is read from
its content; the label is kept as printed.
"""

from __future__ import annotations

import re

from generator.extract.pdf_despace import (
    clean_json,
    clean_request_example,
    clean_xml,
    example_kind,
)
from generator.extract.pdf_layout import Line
from generator.extract.raw import RawExample

_REQUEST_LABEL = re.compile(r"^Request examples?$")
_RESPONSE_LABEL = re.compile(r"^Response examples?$")
_FORMAT_LABEL = re.compile(r"^(?:•\s*)?(?:XML|JSON)\s+format$")


def read_examples(lines: list[Line]) -> list[RawExample]:
    """Examples found in the lines of an 'Examples' block, in document order."""
    examples: list[RawExample] = []
    label = ""
    chunk: list[Line] = []
    for line in lines:
        text = line.stripped
        if _REQUEST_LABEL.match(text) or _RESPONSE_LABEL.match(text) or _FORMAT_LABEL.match(text):
            _flush(chunk, label, examples)
            label, chunk = text, []
        else:
            chunk.append(line)
    _flush(chunk, label, examples)
    return examples


def _flush(chunk: list[Line], label: str, examples: list[RawExample]) -> None:
    content = [line for line in chunk if not line.blank]
    if not content:
        return
    text = "\n".join(line.text.rstrip() for line in chunk if not line.blank)
    kind = example_kind(text)
    if kind == "request":
        cleaned = clean_request_example([line.text for line in content])
    elif kind == "xml":
        cleaned = clean_xml(text)
    else:
        cleaned = clean_json(text)
    examples.append(RawExample(kind=kind, text=cleaned, line=content[0].no, label=label))
