"""Identifier vocabulary: evidence for rejoining names and codes the PDF export broke.

Gathered from this document's own unbreakable places (operation headings, JSON keys, XML tags and
URL parameter names in examples, whose spacing can be squeezed exactly) and from identifier-like
tokens of the other documents in the same folder. It only decides how a broken token rejoins; it
is never a source of facts.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from generator.extract.pdf_despace import squeeze

_IDENTIFIER = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:\.[A-Za-z][A-Za-z0-9]*)*")
_CAMEL = re.compile(r"[a-z0-9][A-Z]|^[A-Z]{2,}[a-z]|\.")
_WORDLIKE = re.compile(r"[a-z]{2}")
_JSON_KEY = re.compile(r"\"\s*([A-Za-z][A-Za-z0-9 \n]*?)\s*\"\s*:")
_XML_TAG = re.compile(r"<\s*/?\s*([A-Za-z][A-Za-z0-9 \n]*?)\s*/?\s*>")
_URL_PARAMETER = re.compile(r"&\s*([A-Za-z][A-Za-z0-9 .\n]*?)\s*=")
_HEADING = re.compile(r"^\s*\d+\.\d+ ([A-Za-z][A-Za-z0-9]+)\s*$", re.MULTILINE)
CODE_SHAPE = re.compile(r"^[A-Z][A-Za-z0-9]*(?:\.[A-Za-z][A-Za-z0-9]*)*$|^[A-Z][A-Z0-9_]+$")


@dataclass
class Vocabulary:
    """Known identifiers (parameter/field/operation names) and error codes."""

    names: set[str] = field(default_factory=set)
    codes: set[str] = field(default_factory=set)

    def knows(self, word: str) -> bool:
        return word in self.names

    def knows_code(self, code: str) -> bool:
        return code in self.codes or code in self.names


def example_names(text: str) -> set[str]:
    """JSON keys, XML tag names and URL parameter names in (raw or cleaned) example text."""
    found: set[str] = set()
    for pattern in (_JSON_KEY, _XML_TAG, _URL_PARAMETER):
        found.update(squeeze(match) for match in pattern.findall(text))
    return {name for name in found if name}


def _identifier_tokens(text: str) -> Iterable[str]:
    for token in _IDENTIFIER.findall(text):
        if len(token) >= 3 and _CAMEL.search(token) and _WORDLIKE.search(token):
            yield token


def build_vocabulary(document_text: str, other_texts: Iterable[str]) -> Vocabulary:
    """The vocabulary of this document's exact places plus the other documents' identifiers."""
    vocabulary = Vocabulary()
    vocabulary.names.update(example_names(document_text))
    vocabulary.names.update(_HEADING.findall(document_text))
    for text in other_texts:
        for token in _identifier_tokens(text):
            if "." in token and CODE_SHAPE.match(token):
                vocabulary.codes.add(token)
            else:
                vocabulary.names.add(token)
    return vocabulary
