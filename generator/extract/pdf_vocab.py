"""Identifier vocabulary: evidence for rejoining names, codes and words the PDF export broke.

Gathered from this document's own unbreakable places (operation headings, JSON keys, XML tags and
URL parameter names in examples, whose spacing can be squeezed exactly) and from the tokens of the
other documents in the same folder, which are clean exports. It only decides how a broken token rejoins; it is never a source
of facts.
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
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]*")
_COMPOUND = re.compile(r"[A-Za-z0-9*]+(?:[-.:/][A-Za-z0-9*]+)+")
_ID_PREFIX = re.compile(r"^([a-z]{2,5})-(?=[a-z0-9*]{6,}$)[a-z]*[0-9*]")
_HEADING = re.compile(r"^\s*\d+\.\d+ ([A-Za-z][A-Za-z0-9]+)\s*$", re.MULTILINE)
CODE_SHAPE = re.compile(r"^[A-Z][A-Za-z0-9]*(?:\.[A-Za-z][A-Za-z0-9]*)*$|^[A-Z][A-Z0-9_]+$")


@dataclass
class Vocabulary:
    """Known identifiers (parameter/field/operation names), error codes and prose words.

    `words` and `compounds` are lower-case: the other documents' words and tokens joined by
    punctuation ('cn-hangzhou', '100base-t', 'vpc.aliyuncs.com'); `id_prefixes` are the heads of
    resource ids among them ('vpc', 'vsw', 'rg').
    """

    names: set[str] = field(default_factory=set)
    codes: set[str] = field(default_factory=set)
    words: set[str] = field(default_factory=set)
    compounds: set[str] = field(default_factory=set)
    id_prefixes: set[str] = field(default_factory=set)

    def knows(self, word: str) -> bool:
        return word in self.names

    def knows_text(self, text: str) -> bool:
        """An identifier, a word (in plain, capitalised or upper case) or a compound token seen in
        a clean place; a number."""
        lower = text.lower()
        if text in self.names or lower in self.compounds or text.isdigit():
            return True
        plain = text.islower() or text.isupper() or text[1:].islower()
        return plain and lower in self.words

    def knows_code(self, code: str) -> bool:
        return code in self.codes or code in self.names


def example_names(text: str) -> set[str]:
    """JSON keys, XML tag names and URL parameter names in (raw or cleaned) example text."""
    found: set[str] = set()
    for pattern in (_JSON_KEY, _XML_TAG, _URL_PARAMETER):
        found.update(squeeze(match) for match in pattern.findall(text))
    return {name for name in found if name}


def _identifier_tokens(text: str) -> Iterable[str]:
    """Camel-case or dotted identifiers; the parts of a dotted one ('IkeConfig.LocalIdIPsec')."""
    for token in _IDENTIFIER.findall(text):
        for name in {token, *token.split(".")}:
            if len(name) >= 3 and _CAMEL.search(name) and _WORDLIKE.search(name):
                yield name


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
        vocabulary.words.update(word.lower() for word in _WORD.findall(text))
        _add_compounds(vocabulary, text)
    return vocabulary


def _add_compounds(vocabulary: Vocabulary, text: str) -> None:
    for token in _COMPOUND.findall(text):
        lower = token.lower()
        vocabulary.compounds.add(lower)
        prefix = _ID_PREFIX.match(lower)
        if prefix:
            vocabulary.id_prefixes.add(prefix.group(1))
