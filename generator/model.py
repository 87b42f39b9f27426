"""The spec's data model: what the extractor produces and everything downstream consumes.

One `Spec` holds the service facts and the operations. Per-document snapshots and the merged view
share these classes; `to_dict`/`from_dict` give the plain form written to YAML and `spec --json`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

#: The wire types a parameter or response field may have (issue 2, item 6).
WIRE_TYPES = ("string", "integer", "long", "float", "double", "boolean", "list", "object", "json")


@dataclass
class Source:
    """Where a fact was read: document id, 1-based line, and the section it sits in."""

    doc: str  # a document id; a family ("vpc/en") in the merged view
    line: int | None = None  # kept in per-document snapshots only (it moves with every edit)
    section: str = ""


@dataclass
class Parameter:
    """One request parameter as it goes on the wire (`Tag.N.Key`, `Filter.N.Value.M`)."""

    name: str
    type: str
    required: bool = False
    description: str = ""
    example: str | None = None
    enum: list[str] = field(default_factory=list)
    default: str | None = None
    minimum: float | None = None
    maximum: float | None = None
    min_length: int | None = None
    max_length: int | None = None
    doc_type: str = ""  # the type cell exactly as the document writes it
    sensitive: bool | None = None  # a secret (key, password): never logged; None = not stated
    sources: list[Source] = field(default_factory=list)


@dataclass
class Field:
    """A response node. Objects have `fields`; lists have `item_type` and, for lists of objects, `fields`.

    `item_name` is the wire wrapper key of a list (`Vpcs` -> `{"Vpc": [...]}` has item_name `Vpc`);
    None when the list is a bare JSON array. `model` names the class for object nodes and list-of-object
    items (named types from the documents keep their names).
    """

    name: str
    type: str
    description: str = ""
    example: str | None = None
    enum: list[str] = field(default_factory=list)
    item_name: str | None = None
    item_type: str | None = None
    model: str | None = None
    fields: list[Field] = field(default_factory=list)
    doc_type: str = ""
    sources: list[Source] = field(default_factory=list)


@dataclass
class ErrorEntry:
    """One documented error: HTTP status, code, message and a longer description."""

    code: str
    http_status: int | None = None
    message: str = ""
    description: str = ""
    sources: list[Source] = field(default_factory=list)


@dataclass
class Examples:
    """The operation's worked examples as the documents give them (after clean-up)."""

    request: str | None = None
    response_json: Any = None  # parsed JSON value, unwrapped from an '<Action>Response' key
    response_xml: str | None = None


@dataclass
class Operation:
    name: str
    product: str  # vpc | vpn-gateway | express-connect
    group: str  # the chapter it is documented in, e.g. "VPC", "VSwitch", "NAT Gateway"
    summary: str = ""
    description: str = ""
    parameters: list[Parameter] = field(default_factory=list)
    response: list[Field] = field(default_factory=list)
    errors: list[ErrorEntry] = field(default_factory=list)
    examples: Examples = field(default_factory=Examples)
    sources: list[Source] = field(default_factory=list)


@dataclass
class DocumentInfo:
    id: str  # e.g. "vpc-en-20190918"
    file: str  # file name under spec/sources/
    title: str
    product: str
    language: str  # en | zh-TW
    revision: str  # date "2019-09-18" or "undated"
    sha256: str = ""
    family: str = ""  # e.g. "vpc/en" (spec/documents.yaml)


@dataclass
class Service:
    product: str = "Vpc"
    version: str = "2016-04-28"
    endpoint: str = "vpc.aliyuncs.com"
    protocol: str = "RPC"
    signature_method: str = "HMAC-SHA1"
    signature_version: str = "1.0"
    format: str = "JSON"
    common_parameters: list[Parameter] = field(default_factory=list)
    common_errors: list[ErrorEntry] = field(default_factory=list)
    documents: list[DocumentInfo] = field(default_factory=list)


@dataclass
class Spec:
    service: Service
    operations: list[Operation] = field(default_factory=list)  # sorted by name

    def operation(self, name: str) -> Operation:
        for op in self.operations:
            if op.name == name:
                return op
        raise KeyError(name)


# ---------------------------------------------------------------------------------------------
# Plain-data conversion. Keys come out in field-declaration order; empty/None values are omitted
# so the YAML stays short and a diff shows only facts that exist.


def to_dict(obj: Any) -> Any:
    if isinstance(obj, list):
        return [to_dict(item) for item in obj]
    if hasattr(obj, "__dataclass_fields__"):
        out: dict[str, Any] = {}
        for f in fields(obj):
            value = getattr(obj, f.name)
            if value is None or value == [] or value == "" or value == {}:
                continue
            if isinstance(value, Examples) and value == Examples():
                continue
            out[f.name] = to_dict(value)
        return out
    return obj


_NESTED: dict[type, dict[str, type]] = {}


def from_dict(cls: type, data: Any) -> Any:
    """Inverse of `to_dict` for the classes above (no validation: see generator.spec_io)."""
    if not hasattr(cls, "__dataclass_fields__"):
        return data
    kwargs: dict[str, Any] = {}
    hints = _field_classes(cls)
    for key, value in data.items():
        target = hints.get(key)
        if target is None:
            kwargs[key] = value
        elif isinstance(value, list):
            kwargs[key] = [from_dict(target, item) for item in value]
        else:
            kwargs[key] = from_dict(target, value)
    return cls(**kwargs)


def _field_classes(cls: type) -> dict[str, type]:
    if cls not in _NESTED:
        table: dict[type, dict[str, type]] = {
            Operation: {
                "parameters": Parameter,
                "response": Field,
                "errors": ErrorEntry,
                "examples": Examples,
                "sources": Source,
            },
            Parameter: {"sources": Source},
            Field: {"fields": Field, "sources": Source},
            ErrorEntry: {"sources": Source},
            Service: {
                "common_parameters": Parameter,
                "common_errors": ErrorEntry,
                "documents": DocumentInfo,
            },
            Spec: {"service": Service, "operations": Operation},
        }
        _NESTED.update(table)
    return _NESTED.get(cls, {})
