"""Client method contexts: signature pieces and the docstring of each operation method."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

from generator.codegen import docs
from generator.codegen.errors import ErrorClass
from generator.codegen.models import ModelModule
from generator.codegen.traits import ServiceTraits, default_traits
from generator.model import ErrorEntry

_ARG_INDENT = " " * 4
#: The prefix of a models module's alias in client.py (`_m_vpc`).
MODULE_ALIAS = "_m_"


@dataclass
class Argument:
    name: str
    annotation: str  # qualified for client.py (`_m_common.Tag`)
    required: bool


@dataclass
class Method:
    name: str  # python method, e.g. "describe_vpcs"
    operation: str  # wire Action
    module: str  # the models module defining its request and response, e.g. "vpc"
    alias: str  # TYPE_CHECKING alias of the model module in client.py
    handle: str  # module-level `_Operation` of client.py, e.g. "_DESCRIBE_VPCS"
    request: str
    response: str
    arguments: list[Argument]
    doc: str


def _argument_doc(name: str, text: str) -> list[str]:
    """`name: text` wrapped, continuation lines indented under the name (list items hang)."""
    lines: list[str] = []
    for index, paragraph in enumerate(text.splitlines() or [""]):
        first = f"{name}: {paragraph}" if index == 0 else paragraph.strip()
        hang = "  " if index and first[:2] in ("- ", "• ") else ""
        lines.extend(
            textwrap.wrap(
                first,
                width=docs.WRAP_WIDTH,
                initial_indent=_ARG_INDENT if index == 0 else _ARG_INDENT * 2,
                subsequent_indent=_ARG_INDENT * 2 + hang,
                break_long_words=False,
                break_on_hyphens=False,
            )
            or [_ARG_INDENT + first]
        )
    return lines


def _sentence(text: str) -> str:
    """Text ending with a full stop (document messages often lack one)."""
    text = text.strip()
    return text if not text or text[-1] in ".!?:;)" else f"{text}."


def _raises_doc(error: ErrorClass, entries: list[ErrorEntry]) -> list[str]:
    """`aliyun_vpc.errors.X: `Code` (HTTP 400): message. Description.`"""
    status = entries[0].http_status
    http = "" if status is None else f"HTTP {status}"
    label = (
        http if error.class_name == error.code else f"`{error.code}` ({http})".replace(" ()", "")
    )
    text = " ".join(_sentence(line) for line in docs.error_doc(entries).splitlines())
    return _argument_doc(
        f"aliyun_vpc.errors.{error.class_name}", f"{label}: {text}" if label else text
    )


def method_doc(
    module: ModelModule, errors: list[ErrorClass], traits: ServiceTraits | None = None
) -> str:
    """Summary, description, arguments (from the documents), return type and documented errors."""
    region = (traits or default_traits()).region_parameter
    request = module.request
    lines = [docs.wrap(docs.operation_doc(module.operation)), "", "Args:"]
    lines += _argument_doc(
        "request", f"A `{request.name}`; or give its fields as keyword arguments instead."
    )
    for attr in request.attributes:
        text = attr.doc or "Undocumented."
        if attr.wire == region:
            text += "\nDefaults to the client's region."
        lines += _argument_doc(attr.name, text)
    lines += ["", "Returns:", f"{_ARG_INDENT}{module.response.name}"]
    if errors:
        lines += ["", "Raises:"]
        for error in errors:
            entries = [entry for entry in module.operation.errors if entry.code == error.code]
            lines += _raises_doc(error, entries)
    return "\n".join(lines)


def build_method(
    module: ModelModule,
    name: str,
    errors: list[ErrorClass],
    traits: ServiceTraits | None = None,
) -> Method:
    alias = f"{MODULE_ALIAS}{module.family}"
    return Method(
        name=name,
        operation=module.operation.name,
        module=module.family,
        alias=alias,
        handle=f"_{module.module.upper()}",
        request=module.request.name,
        response=module.response.name,
        arguments=[
            Argument(attr.name, attr.type_ref.qualified(MODULE_ALIAS), attr.required)
            for attr in module.request.attributes
        ],
        doc=method_doc(module, errors, traits),
    )
