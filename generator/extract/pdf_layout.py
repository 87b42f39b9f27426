"""Page furniture of the PDF export: footers, running headers, link annotations.

`clean_lines` turns the document text into numbered `Line`s with the furniture removed (a footer
glued onto a content line is cut off). Line numbers stay those of the original file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_FOOTER_LINE = re.compile(r"^\s*(?:Issue: \d{8} \d+|\d+ Issue: \d{8})\s*$")
_FOOTER_GLUED = re.compile(r"\s*Issue: \d{8} \d+\s*$")
_RUNNING_HEADER = re.compile(r"^.*API reference /\s+\d+ ")
_LINK_ANNOTATION = re.compile(r"^\s*https://api\.aliyun\.com/#\S*\s*$")


@dataclass(frozen=True)
class Line:
    """One line of the document: 1-based number and text as exported (spaces kept)."""

    no: int
    text: str

    @property
    def blank(self) -> bool:
        return not self.text.strip()

    @property
    def stripped(self) -> str:
        return self.text.strip()


def is_furniture(text: str) -> bool:
    """True for a footer, running header or link annotation line."""
    return bool(
        _FOOTER_LINE.match(text) or _RUNNING_HEADER.match(text) or _LINK_ANNOTATION.match(text)
    )


def clean_lines(text: str) -> list[Line]:
    """The document's lines without page furniture; a glued footer is cut off its line."""
    lines: list[Line] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        if is_furniture(raw):
            continue
        lines.append(Line(number, _FOOTER_GLUED.sub("", raw)))
    return lines


def join_words(parts: list[str]) -> str:
    """Wrapped prose lines joined by single spaces (no space before closing punctuation)."""
    out = ""
    for part in (p.strip() for p in parts):
        if not part:
            continue
        if out and not part[0] in ".,;:)":
            out += " "
        out += part
    return re.sub(r"[ \t]+", " ", out)


def join_wrapped(parts: list[str]) -> str:
    """Wrapped pieces of one cell value joined as the export shows them.

    The export keeps the space at a wrap point as a trailing space on the first line or a leading
    space on the next; pieces without either were one word cut by the column width.
    """
    out = ""
    space_pending = False
    for part in parts:
        piece = part.strip()
        if not piece:
            continue
        if out and (space_pending or part[0].isspace()):
            out += " "
        out += piece
        space_pending = part[-1].isspace()
    return out
