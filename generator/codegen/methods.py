"""Client method contexts: one description per operation, rendered as a sync and an async method.

The documentation of an operation is written once, on its request model (`document_request`):
summary and description, each parameter on its field, and the documented errors. A client method
carries the summary and a pointer to that model (its `request` annotation, which IDEs resolve).
"""

from __future__ import annotations

from dataclasses import dataclass

from aliyun_vpc._operation import NOT_FIELDS
from generator.codegen import docs
from generator.codegen.errors import ErrorClass
from generator.codegen.models import ModelModule
from generator.codegen.traits import ServiceTraits, default_traits
from generator.model import ErrorEntry

#: The prefix of a models module's alias in the client modules (`_m_vpc`).
MODULE_ALIAS = "_m_"


@dataclass
class Argument:
    name: str
    annotation: str  # qualified for the client modules and optional (`list[_m_common.Tag] | None`)


@dataclass
class Method:
    name: str  # python method, e.g. "describe_vpcs"
    operation: str  # wire Action
    module: str  # the models module defining its request, response and descriptor, e.g. "vpc"
    alias: str  # TYPE_CHECKING alias of the model module in client.py
    handle: str  # the operation's descriptor in its model module, e.g. "DESCRIBE_VPCS"
    request: str
    response: str
    arguments: list[Argument]
    doc: str  # short: the summary and where the full documentation is


def _sentence(text: str) -> str:
    """Text ending with a full stop (document messages often lack one)."""
    text = text.strip()
    return text if not text or text[-1] in ".!?:;)" else f"{text}."


def _error_line(error: ErrorClass, entries: list[ErrorEntry]) -> str:
    """`- X: `Code` (HTTP 400): message. Description.` (one list item of the request's doc)."""
    status = entries[0].http_status
    http = "" if status is None else f"HTTP {status}"
    label = (
        http if error.class_name == error.code else f"`{error.code}` ({http})".replace(" ()", "")
    )
    text = " ".join(_sentence(line) for line in docs.error_doc(entries).splitlines())
    return f"- {error.class_name}: " + (f"{label}: {text}" if label else text)


def document_request(
    module: ModelModule, errors: list[ErrorClass], traits: ServiceTraits | None = None
) -> None:
    """Complete the request model's documentation, the operation's only full text: the region
    default on its field, and the documented errors (classes of `aliyun_vpc.errors`)."""
    region = (traits or default_traits()).region_parameter
    request = module.request
    for attr in request.attributes:
        if attr.wire == region:
            attr.doc = f"{attr.doc}\nDefaults to the client's region.".strip()
    if errors:
        lines = ["", "", "Errors (classes of `aliyun_vpc.errors`):"]
        for error in errors:
            entries = [entry for entry in module.operation.errors if entry.code == error.code]
            lines.append(_error_line(error, entries))
        request.doc += "\n".join(lines)


def method_doc(module: ModelModule) -> str:
    """The operation's summary, and the model documenting its parameters and errors."""
    summary = module.operation.summary.strip() or module.operation.name
    return docs.wrap(f"{_sentence(summary)} Parameters and errors: `{module.request.name}`.")


def build_method(module: ModelModule, name: str) -> Method:
    alias = f"{MODULE_ALIAS}{module.family}"
    reserved = NOT_FIELDS & {attr.name for attr in module.request.attributes}
    if reserved:
        raise ValueError(f"{module.operation.name}: a parameter is named {sorted(reserved)}")
    return Method(
        name=name,
        operation=module.operation.name,
        module=module.family,
        alias=alias,
        handle=module.module.upper(),
        request=module.request.name,
        response=module.response.name,
        arguments=[
            Argument(
                attr.name,
                attr.type_ref.qualified(MODULE_ALIAS) + ("" if not attr.required else " | None"),
            )
            for attr in module.request.attributes
        ],
        doc=method_doc(module),
    )
