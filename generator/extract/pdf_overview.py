"""The 'API overview' chapter: per-group tables of operation name and one-line summary.

Each group table is titled (the title line precedes an 'API Description' header); the header is
repeated, with a leading space, after a page break. Long names wrap without a space
('DescribeBandwidthPackagePublic' / 'IpMonitorData').
"""

from __future__ import annotations

import re

from generator.extract.pdf_despace import squeeze
from generator.extract.pdf_layout import Line, join_words

_HEADER = "API Description"
_OPERATION_NAME = re.compile(r"^[A-Z][a-z]+(?:[A-Z][A-Za-z0-9]*)+$")
_NAME_PIECE = re.compile(r"^[A-Za-z0-9]+$")


def read_overview(lines: list[Line]) -> list[tuple[str, str, int]]:
    """(name, summary, line) for every row of the overview tables."""
    skip = _titles_and_headers(lines)
    entries: list[tuple[str, list[str], int]] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        index += 1
        if line.blank or line.no in skip:
            continue
        first, _, rest = line.stripped.partition(" ")
        if not _OPERATION_NAME.match(first):
            if entries:
                entries[-1][1].append(line.text)
            continue
        name = first
        if not rest:
            while index < len(lines) and _NAME_PIECE.match(lines[index].stripped):
                name += lines[index].stripped
                index += 1
        entries.append((squeeze(name), [rest], line.no))
    return [(name, join_words(summary), number) for name, summary, number in entries]


def _titles_and_headers(lines: list[Line]) -> set[int]:
    """Line numbers of header lines and of the group titles in front of them."""
    skip: set[int] = set()
    for index, line in enumerate(lines):
        if line.stripped != _HEADER:
            continue
        skip.add(line.no)
        if line.text.startswith(" "):
            continue  # repeated at a page break: no title
        previous = index - 1
        while previous >= 0 and lines[previous].blank:
            previous -= 1
        if previous >= 0:
            skip.add(lines[previous].no)
    return skip
