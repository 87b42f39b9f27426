"""Parser for the Express Connect API reference, 2020-04-15 (document 004, tab export).

004 is laid out like the VPN Gateway reference (002), so it is read by the same English
tab-reference reader. Its own defects surface there as warnings: the duplicated section (4.10 and
4.13 CreatePhysicalConnectionOccupancyOrder, first kept), the repeated 'Spec' row, the response
table headed 'Request parameters' (ModifyBgpGroupAttribute), the overview's '#unique_6' entries
and spelling variants. Unmarked children of containers (PhysicalConnectionSet, PMInfo) are
delivered flat and in order; enrich builds the tree with the examples.
"""

from __future__ import annotations

from pathlib import Path

from generator.extract.raw import RawDocument
from generator.extract.vpn_en import parse_english_reference
from generator.model import DocumentInfo


def parse(path: Path, info: DocumentInfo) -> RawDocument:
    """Read document 004 (ec-en-20200415)."""
    return parse_english_reference(path, info)
