"""Undo the PDF export's spacing inside description prose (summaries, descriptions, messages).

The export breaks long runs of letters with a space ('provisioni ng', 'DescribeVp cs'), pads code
spans ('2016 - 04 - 28', '10 . 0 . 0 . 0 / 8', 'VRouter : VRouter', '50 , and') and keeps a space
where a line wrapped after a hyphen ('single- mode'). Prose may hold real ' - ' dashes and bullets,
so pieces are rejoined only on evidence: the joined text is a known identifier, word or compound
token (`Vocabulary.knows_text`) while a piece is not, or it has the shape of a date, IP address,
CIDR block, version or resource id.
"""

from __future__ import annotations

import re
import string

from generator.extract.pdf_vocab import Vocabulary

_MAX_PIECES = 6  # 'DescribeVi rtualBorde rRoutersFo rPhysicalC onnection'
_CHUNK = 10  # the export breaks runs of letters and digits every 10 (or 20) characters
_ALNUM = string.ascii_letters + string.digits
_CHUNK_BREAK = re.compile(r"(?<![A-Za-z0-9])(?:[A-Za-z0-9]{10})+ [A-Za-z0-9]")
_LEADING = "([\"'•"
_TRAILING = ".,;:)]\"'?!"
_PIECE = re.compile(r"^[A-Za-z0-9*]+(?:[-.:/][A-Za-z0-9*]+)*$")
_CHAIN = re.compile(r"(?<![\w*.:/-])[\w*]+(?: ?[-./:] ?[\w*]+)+")
_SEPARATOR = re.compile(r"( ?[-./:] ?)")
_DATE_OR_ADDRESS = re.compile(
    r"^(?:\d{4}-\d{2}-\d{2}|YYYY-MM-DD(?:Thh:mm(?::ss)?Z)?"  # date, date format
    r"|\d{1,3}(?:\.\d{1,3}){3}(?:/\d{1,3})?)$"  # IP address, CIDR block
)
_VERSION = re.compile(r"^\d+\.\d+$")
_DOTTED_NAME = re.compile(r"^[A-Z][A-Za-z0-9]*$")
_ID_TAIL = re.compile(r"^[A-Za-z0-9*]*[0-9*][A-Za-z0-9*]*$")
_SPACING = [
    # a bullet item's value before its colon: '• north - america : North America', '• zh - CN (
    (re.compile(r"(?<=• )([A-Za-z0-9]+) - ([A-Za-z0-9]+)(?= ?(?:\( ?\w+ ?\) ?)?:)"), r"\1-\2"),
    (re.compile(r"(?<=[A-Za-z])- (?=[a-z]|[A-Z]{2,}\b)"), "-"),  # 'single- mode', 'non- ECMP'
    (re.compile(r"(?<= )/ (?=\d{1,3}\b)"), "/"),  # 'mask / 32'
    (re.compile(r"(?<=\S) (?=[,;])"), ""),  # '50 , and'
    # 'is 10 .', 'VRouter : VRouter'; not before a name ('IkeConfig . LocalIdIPs')
    (re.compile(r"(?<=[\w*)]) (?=[.:](?: (?![A-Za-z]*[a-z][A-Z])|$))"), ""),
    (re.compile(r"(?<![^ (])\( "), "("),  # '( default )'
    (re.compile(r"(?<=\S) \)"), ")"),
]


def despace_prose(text: str, vocabulary: Vocabulary) -> str:
    """`text` (lines kept) with the export's spacing artefacts undone where evidence allows."""
    return "\n".join(_despace_line(line, vocabulary) for line in text.split("\n"))


def _despace_line(line: str, vocabulary: Vocabulary) -> str:
    line = _rejoin_words(line, vocabulary)
    line = _CHAIN.sub(lambda match: _join_chain(match.group(), vocabulary), line)
    for pattern, replacement in _SPACING:
        line = pattern.sub(replacement, line)
    return line


def _rejoin_words(line: str, vocabulary: Vocabulary) -> str:
    """Adjacent tokens rejoined where their concatenation is known and one of them is not."""
    if not _CHUNK_BREAK.search(line):
        return line
    tokens = line.split(" ")
    out: list[str] = []
    start = 0
    while start < len(tokens):
        end = _join_end(tokens, start, vocabulary)
        out.append("".join(tokens[start:end]))
        start = end
    return " ".join(out)


def _join_end(tokens: list[str], start: int, vocabulary: Vocabulary) -> int:
    """The end (exclusive) of the longest run of tokens from `start` that reads as one word."""
    first = tokens[start]
    pieces = [first.lstrip(_LEADING)]
    best = start + 1
    for end in range(start + 1, min(len(tokens), start + _MAX_PIECES)):
        if not _ends_in_chunk(pieces[-1]):
            break
        token = tokens[end]
        core = token.rstrip(_TRAILING)
        pieces.append(core)
        if _PIECE.match(core) and _reads_as_one(pieces, vocabulary):
            best = end + 1
        if core != token:
            break
    return best


def _ends_in_chunk(piece: str) -> bool:
    """A piece the export may have broken off: it ends in a run of letters and digits as long as
    the export's chunks ('immediatel' / 'y', not 'effect' / 'immediately' or 'life' / 'time')."""
    tail = len(piece) - len(piece.rstrip(_ALNUM))
    return bool(_PIECE.match(piece)) and tail > 0 and tail % _CHUNK == 0


def _reads_as_one(pieces: list[str], vocabulary: Vocabulary) -> bool:
    """The pieces make a known word and one of them is not known."""
    return vocabulary.knows_text("".join(pieces)) and not all(
        vocabulary.knows_text(piece) for piece in pieces
    )


def _join_chain(chain: str, vocabulary: Vocabulary) -> str:
    """'AES - 128 - CBC', 'IkeConfig . IkeMode : The': the longest known runs squeezed."""
    if " " not in chain:
        return chain
    parts = _SEPARATOR.split(chain)
    words, separators = parts[0::2], parts[1::2]
    out = ""
    start = 0
    while start < len(words):
        end = next(
            (
                end
                for end in range(len(words) - 1, start, -1)
                if _accepts(words[start : end + 1], separators[start:end], vocabulary)
            ),
            start,
        )
        out += words[start] + "".join(
            separator.strip() + word
            for separator, word in zip(separators[start:end], words[start + 1 : end + 1])
        )
        if end < len(separators):
            out += separators[end]
        start = end + 1
    return out


def _accepts(words: list[str], separators: list[str], vocabulary: Vocabulary) -> bool:
    """Whether `words` joined by the bare `separators` make one token on the evidence."""
    marks = [separator.strip() for separator in separators]
    joined = words[0] + "".join(mark + word for mark, word in zip(marks, words[1:]))
    if _DATE_OR_ADDRESS.match(joined):
        return True
    if any(separator in (". ", ": ") for separator in separators):
        return False  # a full stop or colon in prose ('Value: DescribeZones', 'is 10. 2. The')
    if _VERSION.match(joined) or vocabulary.knows_text(joined):
        return True
    if set(marks) == {"."}:
        return all(vocabulary.knows(word) for word in words) and all(
            _DOTTED_NAME.match(word) for word in words[1:]
        )
    return marks == ["-"] and words[0] in vocabulary.id_prefixes and bool(_ID_TAIL.match(words[1]))
