"""Undo the PDF export's spacing inside example text.

The export pads punctuation with spaces (`cn - hangzhou`, `https :// vpc . aliyuncs . com`) and
breaks every run of ten letters or digits with a space (`ResourceGr oupId`, `acfmxazb4p h`). Names
(JSON keys, XML tags, URL parameter names) never contain spaces, so they are squeezed exactly; values
are rejoined on the evidence of those two patterns.
"""

from __future__ import annotations

import itertools
import re

_CHUNK = 10  # the export breaks runs of letters/digits after this many characters
_PUNCTUATION_PADDING = re.compile(r"\s*([-./:_*%@=+#&|~?!$^\\])\s*")
_ALNUM_TAIL = re.compile(r"[A-Za-z0-9]+$")
_PLAIN_WORD = re.compile(r"^[a-z]+$")
_XML_TAG = re.compile(r"<\s*([/?!]?)([^<>]*?)\s*(/?)\s*>", re.DOTALL)
_XML_PROLOG_ATTR = re.compile(r"(\w+)\s*=\s*\"([^\"]*)\"")
_JSON_STRING = re.compile(r"\"([^\"]*)\"(\s*:)?", re.DOTALL)
_URL_PARAMETER = re.compile(r"^&")
_BROKEN_NUMBER = re.compile(r"(?<![0-9])([0-9]{10}) ([0-9])")


def squeeze(text: str) -> str:
    """A name the export padded or broke: all whitespace removed."""
    return "".join(text.split())


def _rejoin_chunks(text: str) -> str:
    """Remove the spaces that break ten-character runs (`bp1qpo0kug 3a20qqe9h7 v`)."""
    words = text.split(" ")
    out = words[0]
    for previous, word in itertools.pairwise(words):
        tail = _ALNUM_TAIL.search(previous)
        broken = (
            tail is not None
            and len(tail.group()) == _CHUNK
            and tail.start() + len(tail.group()) == len(previous)
            and word[:1].isalnum()
            and not (_PLAIN_WORD.match(tail.group()) and _PLAIN_WORD.match(word) and len(word) > 2)
        )
        out += word if broken else " " + word
    return out


def despace_value(text: str) -> str:
    """A value from an example with the export's padding and chunk breaks removed (best effort)."""
    flat = " ".join(text.split())
    flat = _PUNCTUATION_PADDING.sub(r"\1", flat)
    return _rejoin_chunks(flat)


def clean_request_example(lines: list[str]) -> str:
    """A request URL example: one line per parameter, all spacing removed."""
    out: list[str] = []
    for line in lines:
        piece = squeeze(line)
        if not piece:
            continue
        if out and not _URL_PARAMETER.match(piece):
            out[-1] += piece
        else:
            out.append(piece)
    return "\n".join(out)


def _clean_xml_tag(match: re.Match[str]) -> str:
    lead, body, self_closing = match.group(1), match.group(2), match.group(3)
    if lead == "?":
        name = body.split()[0] if body.split() else ""
        attributes = " ".join(
            f'{key}="{squeeze(value)}"' for key, value in _XML_PROLOG_ATTR.findall(body)
        )
        return f"<?{name} {attributes}?>" if attributes else f"<?{name}?>"
    if lead == "!":
        return match.group(0)
    return f"<{lead}{squeeze(body)}{self_closing}>"


def clean_xml(text: str) -> str:
    """An XML example with tag names squeezed and text values despaced; layout kept."""
    pieces: list[str] = []
    position = 0
    for match in _XML_TAG.finditer(text):
        pieces.append(_clean_xml_text(text[position : match.start()]))
        pieces.append(_clean_xml_tag(match))
        position = match.end()
    pieces.append(_clean_xml_text(text[position:]))
    return "".join(pieces).strip("\n")


def _clean_xml_text(text: str) -> str:
    """Text between two tags: indentation kept, a value despaced."""
    return despace_value(text) if text.strip() else text


def clean_json(text: str) -> str:
    """A JSON example with keys squeezed, string values despaced and lost outer braces restored."""

    def replace(match: re.Match[str]) -> str:
        if match.group(2):
            return f'"{squeeze(match.group(1))}":'
        return f'"{despace_value(match.group(1))}"'

    cleaned = _JSON_STRING.sub(replace, text).strip("\n")
    cleaned = _BROKEN_NUMBER.sub(r"\1\2", cleaned)
    if cleaned.strip()[:1] not in ("{", "["):
        cleaned = "{\n" + cleaned + "\n}"
    return _balance_brackets(cleaned)


def _balance_brackets(text: str) -> str:
    """Close brackets the export lost (a '}' at a page break); drop a doubled opening '{{'."""
    stack: list[str] = []
    for segment_index, segment in enumerate(text.split('"')):
        if segment_index % 2:
            continue  # inside a string
        for char in segment:
            if char in "{[":
                stack.append("}" if char == "{" else "]")
            elif char in "}]" and stack:
                stack.pop()
    if stack and text.lstrip().startswith("{{"):
        stack.pop()
        text = text.replace("{{", "{", 1)
    return text + "".join("\n" + closer for closer in reversed(stack))


def example_kind(text: str) -> str:
    """'request', 'xml' or 'json' by the example's first characters."""
    head = text.lstrip()
    if head.startswith("<"):
        return "xml"
    if head[:1] in ("{", "[", '"'):
        return "json"
    return "request"
