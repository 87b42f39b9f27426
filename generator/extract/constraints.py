"""Enum, default, range and length facts read from description text (English and Chinese).

The descriptions are the only place these facts are written, in many phrasings (see QUIRKS.md,
"Enums, defaults and ranges inside descriptions"). Each finder is a small pure function over the cell
text (HTML kept: `<i>` runs and `<ul>` lists are evidence). An enum is only reported when its list is
clearly delimited (italic runs, bullets, pipes, 'X - meaning' pairs, 'X: meaning' items or a short
comma/space list of identifier-like tokens); otherwise the description stays text only.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

_UL = "‹ul›"
_DEFAULT_MARK = re.compile(
    r"\(\s*(?:default(?:\s+value)?|預設值|默认值|预设值)\s*\)", re.IGNORECASE
)
_VALUE = re.compile(r"^[A-Za-z0-9][\w.\-/]*$")
_NUM = r"-?\d{1,3}(?:,\d{3})+(?![\d])|-?\d+(?:\.\d+)?"
_STOPWORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "between",
        "by",
        "can",
        "characters",
        "default",
        "empty",
        "for",
        "from",
        "if",
        "in",
        "integer",
        "is",
        "it",
        "must",
        "no",
        "not",
        "note",
        "of",
        "on",
        "one",
        "only",
        "or",
        "positive",
        "range",
        "see",
        "selected",
        "set",
        "that",
        "the",
        "this",
        "to",
        "unit",
        "value",
        "values",
        "when",
        "where",
        "which",
        "with",
        "item",
        "items",
        "specifies",
        "indicates",
    ]
)
_INTRO = re.compile(
    r"(?:valid values?|optional values?|available value options|possible values|取值(?:為|为)?)"
    r"(?!\s*(?:of\s+n\b|範圍|范围))\s*(?:are|is|include)?\s*[:：]?",
    re.IGNORECASE,
)


@dataclass
class Constraints:
    """What a description says about the allowed values of its parameter or field."""

    enum: list[str] = field(default_factory=list)
    default: str | None = None
    minimum: float | None = None
    maximum: float | None = None
    min_length: int | None = None
    max_length: int | None = None


@dataclass
class _Item:
    value: str
    is_default: bool = False


def parse_constraints(description: str) -> Constraints:
    """All constraint facts of one description cell."""
    text = flatten(description)
    items = find_enum(text)
    minimum, maximum = find_range(text)
    min_length, max_length = find_length(text)
    marked = [item.value for item in items if item.is_default]
    return Constraints(
        enum=_unique(value for item in items for value in _expand_range(item.value)),
        default=marked[0] if marked else find_default(text),
        minimum=minimum,
        maximum=maximum,
        min_length=min_length,
        max_length=max_length,
    )


def flatten(description: str) -> str:
    """One line of text: `<i>`/`<code>` runs become ⟦…⟧, `<ul>` becomes ‹ul›, other tags go."""
    text = re.sub(
        r"<(i|code|b|em)\b[^>]*>\s*(.*?)\s*</\1\s*>", r"⟦\2⟧", description, flags=re.DOTALL
    )
    text = re.sub(r"<ul\b[^>]*>", f" {_UL} ", text)
    text = re.sub(r"</?[a-zA-Z][^<>]*>", " ", text)
    text = html.unescape(text).replace("（", "(").replace("）", ")")
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    return " ".join(text.split())


# ---------------------------------------------------------------------------------------------
# Enums


def find_enum(text: str) -> list[_Item]:
    """The values listed after the first 'Valid values:'-like phrase that gives a clear list."""
    for intro in _INTRO.finditer(text):
        segment = text[intro.end() :].strip()
        if re.match(rf"(?:{_NUM})\s*(?:to|~|～)\s*(?:{_NUM})", segment):
            continue  # a range, not a list
        for reader in (_bullet_items, _italic_items, _dash_pairs, _colon_items, _pipe_items):
            items = reader(segment)
            if items is not None:
                return items
        items = _plain_items(segment)
        if items:
            return items
    return []


def _list_body(segment: str) -> str:
    return segment[len(_UL) :].strip() if segment.startswith(_UL) else segment


def _bullet_items(segment: str) -> list[_Item] | None:
    """'• true (Default): Queries all • false: Does not query' -> true*, false; the item's words are
    joined ('• AcceptingS ide : ...' -> 'AcceptingSide'), more than three words is no value."""
    body = _list_body(segment)
    if not body.startswith(("•", "●")):
        return None
    items = []
    for piece in re.split(r"[•●]", body)[1:]:
        head = re.split(r"[:：(]", piece, maxsplit=1)[0].replace("⟦", " ").replace("⟧", " ")
        words = head.split()
        if not words or len(words) > 3:
            return None
        value = "".join(words)  # PDF spacing: 'provisioni ng', '100Base - T'
        if not _VALUE.match(value):
            return None
        items.append(_Item(value, _DEFAULT_MARK.search(piece) is not None))
    return items or None


_GAP = re.compile(r"\s*(?:\([^)]*\))?\s*(?:[:：][^⟦]*|[/,，、|])?\s*")


def _italic_items(segment: str) -> list[_Item] | None:
    """'<i>init</i> <i>provisioning</i>', '<i>Normal FinancialLocked</i>', '<i>JSON (預設值) XML</i>'.

    Consecutive italic runs separated by nothing, a separator, a parenthesis or an 'X: meaning' text.
    """
    body = _list_body(segment)
    if not body.startswith("⟦"):
        return None
    items: list[_Item] = []
    position = 0
    for run in re.finditer(r"⟦([^⟧]*)⟧", body):
        if run.start() != position:
            break
        gap = _GAP.match(body, run.end())
        gap_text = gap.group(0) if gap else ""
        inner = _split_run(run.group(1))
        if inner is None:
            return None
        if _DEFAULT_MARK.search(gap_text) and inner:
            inner[-1].is_default = True
        items.extend(inner)
        position = run.end() + len(gap_text)
    return items or None


def _split_run(run: str) -> list[_Item] | None:
    items = []
    for match in re.finditer(r"([^\s/()]+)\s*(\([^)]*\))?", run):
        if not _VALUE.match(match.group(1)):
            return None
        items.append(_Item(match.group(1), bool(_DEFAULT_MARK.match(match.group(2) or ""))))
    return items


def _dash_pairs(segment: str) -> list[_Item] | None:
    """'- CT - China Telecom - CU - China Unicom', 'VPC - VPC leased line.'"""
    body = _list_body(segment)
    if not re.match(r"(?:[-–]\s+)?[A-Za-z0-9][\w.\-/]*\s+[-–]\s+\S", body):
        return None
    parts = re.split(r"(?:^|\s+)[-–]\s+", body)
    values = [part.strip() for part in parts if part.strip()][0::2]
    if not all(_VALUE.match(value) for value in values):
        return None
    return [_Item(value) for value in values]


def _colon_items(segment: str) -> list[_Item] | None:
    """'<ul> true(Default): enables the feature. false: disables it.' (items without bullets)."""
    if not segment.startswith(_UL):
        return None
    items = []
    for match in re.finditer(
        r"(?:^|\s)([A-Za-z0-9][\w.\-]*)\s*(\([^)]*\))?\s*[:：]", _list_body(segment)
    ):
        if match.group(1).lower() in _STOPWORDS:
            continue
        items.append(_Item(match.group(1), bool(_DEFAULT_MARK.match(match.group(2) or ""))))
    return items or None


def _sentence(segment: str) -> str:
    return re.split(r"\.(?:\s|$)|。|;|；|" + _UL, segment, maxsplit=1)[0]


def _pipe_items(segment: str) -> list[_Item] | None:
    """'group1 | group2 | group5 |', 'AES - 128 - CBC (default) | AES - 192 - CBC |'."""
    sentence = _sentence(segment)
    if "|" not in sentence:
        return None
    items = []
    for piece in sentence.split("|"):
        is_default = _DEFAULT_MARK.search(piece) is not None
        value = re.sub(r"\s*-\s*", "-", _DEFAULT_MARK.sub("", piece)).strip(" ⟦⟧")
        if not value:
            continue
        if not _VALUE.match(value):
            return None
        items.append(_Item(value, is_default))
    return items or None


def _plain_items(segment: str) -> list[_Item]:
    """'5, 10, 20, 50, 100, and 200.', '5,10, and20.', 'Instance Tunnel.', 'true false'."""
    sentence = re.sub(r"\band(?=\d)", "and ", _sentence(segment))
    items: list[_Item] = []
    for match in re.finditer(r"([^\s,，、/]+)\s*(\([^)]*\))?", sentence):
        token = match.group(1).strip("⟦⟧")
        if token in ("and", "or"):
            continue
        if not _VALUE.match(token) or token.lower() in _STOPWORDS:
            return []
        items.append(_Item(token, bool(_DEFAULT_MARK.match(match.group(2) or ""))))
    return items if len(items) <= 16 else []


# ---------------------------------------------------------------------------------------------
# Defaults, ranges, lengths

_DEFAULT_PHRASES = re.compile(
    r"(?:default value\s*(?:is|:|：)|defaults? to|預設值\s*(?:為|是|:|：)?|默认值\s*(?:为|是|:|：)?)"
    r"\s*⟦?\s*([A-Za-z0-9][\w.\-/]*)",
    re.IGNORECASE,
)


def find_default(text: str) -> str | None:
    """'Default value: 50', 'The default value is 1 .', '預設值為 7', '預設值：<i>86400</i>'."""
    for match in _DEFAULT_PHRASES.finditer(text):
        value = match.group(1).rstrip(".")
        if value and value.lower() not in _STOPWORDS:
            return value
    return None


_BRACKET_RANGE = re.compile(rf"\[\s*({_NUM})\s*[-,，~]\s*({_NUM})\s*\]")
_SLASHED_RANGE = re.compile(rf"\\\s*({_NUM})\s*(?:to|-|~)\s*({_NUM})\s*\\")
_WORDED_RANGE = re.compile(
    rf"(?:valid values?|value range(?:\s+is)?|range(?:\s+is)?|optional values?|"
    rf"取值範圍(?:為|是)?|取值范围(?:为|是)?)\s*[:：]?\s*(?:from\s+)?({_NUM})\s*"
    rf"(?:to|~|～|-|–)\s*({_NUM})",
    re.IGNORECASE,
)
_MAXIMUM = re.compile(rf"(?:maximum value|最大值)\s*(?:is|:|：|為|为)?\s*({_NUM})", re.IGNORECASE)
_MINIMUM = re.compile(rf"(?:minimum value|最小值)\s*(?:is|:|：|為|为)?\s*({_NUM})", re.IGNORECASE)
_LIST_INDEX = re.compile(r"\bof\s+[NnMm]\b[^.。]{0,12}$")


def find_range(text: str) -> tuple[float | None, float | None]:
    """(minimum, maximum) of the value; ranges of the list index N ('range of N is 1-5') don't count."""
    for pattern in (_WORDED_RANGE, _BRACKET_RANGE, _SLASHED_RANGE):
        for match in pattern.finditer(text):
            if _LIST_INDEX.search(text[max(0, match.start() - 20) : match.start()]):
                continue
            return _number(match.group(1)), _number(match.group(2))
    maximum = _MAXIMUM.search(text)
    minimum = _MINIMUM.search(text)
    return (
        _number(minimum.group(1)) if minimum else None,
        _number(maximum.group(1)) if maximum else None,
    )


_CHARS = r"\s*(?:個|个)?\s*(?:ASCII\s*)?(?:characters|chars|字元|字符)"
_LENGTH_RANGE = re.compile(rf"(\d+)\s*(?:to|and|-|~|–)\s*(\d+){_CHARS}", re.IGNORECASE)
_LENGTH_MAX = re.compile(
    rf"(?:maximum of|up to|at most|no more than|not exceed|exceed|最大不超過|最多|不超過|不能超過)"
    rf"\s*(\d+){_CHARS}",
    re.IGNORECASE,
)


def find_length(text: str) -> tuple[int | None, int | None]:
    """(min_length, max_length): 'must be 2 to 128 characters in length', 'up to 64 characters'."""
    match = _LENGTH_RANGE.search(text)
    if match:
        return int(match.group(1)), int(match.group(2))
    match = _LENGTH_MAX.search(text)
    return (None, int(match.group(1))) if match else (None, None)


def _expand_range(value: str) -> list[str]:
    """'1-9' among listed values (001 l.4697 'Period': '1-9 / 12 / 24 / 36') stands for 1 to 9."""
    match = re.fullmatch(r"(\d{1,3})-(\d{1,3})", value)
    if match is None or int(match.group(1)) >= int(match.group(2)):
        return [value]
    return [str(number) for number in range(int(match.group(1)), int(match.group(2)) + 1)]


def _number(text: str) -> float:
    return float(text.replace(",", ""))


def _unique(values: Iterable[str]) -> list[str]:
    seen: list[str] = []
    for value in values:
        if value not in seen:
            seen.append(value)
    return seen
