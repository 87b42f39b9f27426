"""Documentation text for generated docstrings, taken from the spec (never invented).

Functions here return plain text (paragraphs separated by blank lines); escaping for Python source
is the template filters' job (`generator.codegen.render`).
"""

from __future__ import annotations

import re
import textwrap

from generator.model import ErrorEntry, Field, Operation, Parameter

WRAP_WIDTH = 88


def wrap(text: str, width: int = WRAP_WIDTH) -> str:
    """Re-flow each paragraph; lines starting with `-` or `•` stay list items."""
    out: list[str] = []
    for line in text.strip().splitlines():
        stripped = line.strip()
        if not stripped:
            if out and out[-1] != "":
                out.append("")
            continue
        bullet = stripped[:2] if stripped[:2] in ("- ", "• ") else ""
        out.extend(
            textwrap.wrap(
                stripped,
                width=width,
                subsequent_indent="  " if bullet else "",
                break_long_words=False,
                break_on_hyphens=False,
            )
        )
    return "\n".join(out).strip()


def _stated(description: str, word: str, value: str) -> bool:
    """Whether the description already says it: mentions `word` and the value as a word."""
    text = description.lower()
    return (
        word in text
        and re.search(rf"(?<![\w.-]){re.escape(value.lower())}(?![\w-])", text) is not None
    )


def _facts(
    description: str,
    enum: list[str],
    default: str | None,
    example: str | None,
    extra: list[str] | None = None,
) -> list[str]:
    """The structured facts the description does not already state, as short sentences."""
    facts = [fact for fact in extra or [] if not _stated(description, *_fact_words(fact))]
    if enum and not all(_stated(description, "", value) for value in enum):
        facts.append("Valid values: " + ", ".join(f"`{value}`" for value in enum) + ".")
    if default is not None and not _stated(description, "default", default):
        facts.append(f"Default: `{default}`.")
    if example is not None:
        facts.append(f"Example: `{example}`.")
    return facts


def _fact_words(fact: str) -> tuple[str, str]:
    """(`maximum`, `50`) for "Maximum: 50."; the last number of the fact is its value."""
    label, _, value = fact.rstrip(".").partition(": ")
    return label.split()[0].lower(), value.split()[-1]


def _bounds(label: str, noun: str, low: float | None, high: float | None) -> list[str]:
    if low is not None and high is not None:
        return [f"{label}: {_number(low)} to {_number(high)}."]
    if low is not None:
        return [f"Minimum{noun}: {_number(low)}."]
    if high is not None:
        return [f"Maximum{noun}: {_number(high)}."]
    return []


def _ranges(param: Parameter) -> list[str]:
    return _bounds("Range", "", param.minimum, param.maximum) + _bounds(
        "Length", " length", param.min_length, param.max_length
    )


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def _enum(values: list[str], wire_type: str) -> list[str]:
    """Documented values worth listing: a boolean's true/false go without saying."""
    return [] if wire_type == "boolean" else values


def parameter_doc(param: Parameter) -> str:
    """Description, then valid values, range, default and example of one wire parameter."""
    description = param.description.strip()
    facts = _facts(
        description, _enum(param.enum, param.type), param.default, param.example, _ranges(param)
    )
    return "\n".join(part for part in [description, " ".join(facts)] if part)


def field_doc(field: Field) -> str:
    """Description, valid values and example of one response field."""
    description = field.description.strip()
    facts = _facts(description, _enum(field.enum, field.type), None, field.example)
    return "\n".join(part for part in [description, " ".join(facts)] if part)


def group_doc(params: list[Parameter], lead: Parameter | None) -> str:
    """A parameter group (`Tag.N.*`): its own description, then one line per wire parameter."""
    lines = [lead.description.strip()] if lead is not None and lead.description else []
    for param in params:
        if param is lead:
            continue
        lines.append(f"`{param.name}`: {parameter_doc(param)}".replace("\n", " "))
    return "\n".join(lines)


def operation_doc(op: Operation) -> str:
    """Summary and description of an operation."""
    parts = [op.summary.strip() or op.name]
    if op.description.strip() and op.description.strip() != op.summary.strip():
        parts.append(op.description.strip())
    return "\n\n".join(parts)


def error_doc(entries: list[ErrorEntry]) -> str:
    """Distinct documented messages/descriptions of one error code, in source order."""
    seen: list[str] = []
    for entry in entries:
        for text in (entry.message.strip(), entry.description.strip()):
            if text and text not in seen:
                seen.append(text)
    return "\n".join(seen)
