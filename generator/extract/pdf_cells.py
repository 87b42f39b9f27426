"""The example and description cells of a parameter-table row in the PDF export.

The example column is narrow: a value that does not fit continues on the following lines, either
alone ('vpc-' / 'hp3ld1aq7k' / 'l4k7skh****') or in front of the description's first line
('sha223ndd2' / '333 Optional. The client token that'). Multi-word examples ('This is my first' /
'Vpc. Optional. The description') end at a full stop or where the description starts.
"""

from __future__ import annotations

import re

from generator.extract.pdf_layout import Line, join_wrapped

# Words a description starts with and an example value never is.
DESCRIPTION_STARTERS = frozenset(
    {"The", "A", "An", "Optional.", "Required.", "Indicates", "Specifies", "Whether", "If"}
)
_VALUE_LIKE = re.compile(r"[0-9\-./:{}*_=@]")
_TOKEN = re.compile(r"\S+")
_PADDED_EXAMPLE = re.compile(r"^([A-Za-z0-9]+) ([-./:]) (?=[A-Za-z0-9])")  # 'E1 - 2M The port'


def is_value_like(token: str) -> bool:
    """A token that reads as a value (an ID, a number, a CIDR block), not as an English word."""
    return bool(_VALUE_LIKE.search(token)) and any(char.isalnum() or char == "{" for char in token)


def split_example(rest: str, tail: list[Line], typed: bool) -> tuple[str | None, str, list[Line]]:
    """(example, start of the description, remaining description lines) of a row.

    `rest` is the head line after the type/Required cells (spaces as exported); `tail` the lines
    after the head line up to the next row. Rows without a type (containers) only have an example
    when it reads as a value.
    """
    rest = _PADDED_EXAMPLE.sub(r"\1\2", rest.lstrip())
    text = rest.strip()
    if not text:
        return None, "", tail
    tokens = text.split()
    if tokens[0] in DESCRIPTION_STARTERS or (not typed and not is_value_like(tokens[0])):
        return None, text, tail
    if tokens[0].startswith("{"):
        return _braced(text, tail)
    if len(tokens) > 2 and len(tokens[0]) == 1 and not tokens[0].isalnum():
        tokens = [tokens[0] + tokens[1], *tokens[2:]]  # '! PWZ2wsq': the export's padding
    count = _example_token_count(tokens)
    if count < len(tokens):
        return " ".join(tokens[:count]), " ".join(tokens[count:]), tail
    return _continued(rest, tail)


def _example_token_count(tokens: list[str]) -> int:
    if len(tokens) == 1:
        return 1
    if tokens[1][:1].islower():
        return _words_until_sentence_end(tokens)
    if (
        len(tokens) > 2
        and tokens[2] in DESCRIPTION_STARTERS
        and tokens[1] not in DESCRIPTION_STARTERS
    ):
        return 2  # 'My GA The description of ...': a two-word example before the sentence
    return 1


def _words_until_sentence_end(tokens: list[str]) -> int:
    """How many of a multi-word example's tokens come before the description."""
    for index, token in enumerate(tokens):
        if token in DESCRIPTION_STARTERS:
            return index
        if token.endswith("."):
            return index + 1
    return len(tokens)


def _continued(first: str, tail: list[Line]) -> tuple[str, str, list[Line]]:
    """An example that ran to the end of its line, completed from the following lines."""
    multi_word = " " in first.strip() or first[-1:].isspace()
    pieces = [first]
    description = ""
    position = 0
    while position < len(tail) and tail[position].blank:
        position += 1
    while position < len(tail) and not tail[position].blank:
        line = tail[position]
        spans = [match.span() for match in _TOKEN.finditer(line.text)]
        tokens = [line.text[start:end] for start, end in spans]
        taken = _words_until_sentence_end(tokens) if multi_word else 1
        hyphen_open = pieces[-1].rstrip().endswith("-")  # 'Beijing-Fengtai-' / 'A The name'
        if taken == 0 or (tokens[0] in DESCRIPTION_STARTERS and not hyphen_open):
            break
        position += 1
        if taken < len(tokens):
            pieces.append(line.text[: spans[taken - 1][1]])
            description = line.text[spans[taken][0] :].strip()
            break
        pieces.append(line.text)
        if multi_word and tokens[-1].endswith("."):
            break
    return join_wrapped(pieces), description, tail[position:]


def _braced(text: str, tail: list[Line]) -> tuple[str, str, list[Line]]:
    """A JSON fragment as example ('{ "VSwitchId": [] } A list of VSwitches.'), maybe wrapped."""
    pieces: list[str] = []
    depth = 0
    candidates = [text] + [line.stripped for line in tail]
    for used, piece in enumerate(candidates):
        for position, char in enumerate(piece):
            depth += {"{": 1, "}": -1}.get(char, 0)
            if depth == 0:
                pieces.append(piece[: position + 1])
                return " ".join(p for p in pieces if p), piece[position + 1 :].strip(), tail[used:]
        pieces.append(piece)
    return text, "", tail
