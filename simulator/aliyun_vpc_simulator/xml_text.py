"""The characters an XML 1.0 document cannot carry, not even as character references."""

from __future__ import annotations

import re

#: C0 controls other than tab, LF and CR; lone surrogates; U+FFFE and U+FFFF (XML 1.0, 2.2).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def has_non_xml_characters(text: str) -> bool:
    """Whether `text` holds a character no XML answer can carry."""
    return _NOT_XML.search(text) is not None


def xml_carriable(text: str) -> str:
    """`text` with each such character replaced by U+FFFD (for echoed, never stored, text)."""
    return _NOT_XML.sub("\ufffd", text)
