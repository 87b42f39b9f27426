"""Build the per-operation model module context: request/response classes, nested classes, enums.

Everything a template needs is decided here: Python names, annotations (local to the model module
and qualified for `client.py`), defaults, and the conversion to use for each attribute. Templates only
lay it out.

Decisions:
- responses: scalars and objects default to None, lists default to an empty list (absent and empty
  mean the same on the wire); unknown keys land in `extra`;
- string response fields with documented values get an open enum class (`VpcStatus`): unknown values
  are still accepted as pseudo-members;
- requests: a string parameter with documented values is typed `<Enum> | str` (either is accepted,
  `to_query` sends the value); the enum is the response enum of the same wire name and values when
  the module has one, else one named after the parameter (`InstanceChargeType`; `FilterKey` for
  `Filter.N.Key`; made unique with a number); boolean, integer and JSON parameters keep their plain types (values
  stay in the docstrings); a group of indexed parameters (`Tag.N.Key`) becomes
  `tags: list[Tag] | None`; RegionId is never required because the client supplies it;
- nested classes are named after the documented model / item / parameter group; a name already used
  in the module by a class of a different shape becomes `<Parent><Name>`; the same shape is reused
  (a request `Tag` and a response `Tag` are one class with both conversions).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from generator.codegen import docs
from generator.codegen.naming import (
    attribute_name,
    class_name,
    enum_member_name,
    plural,
    safe_identifier,
    snake_case,
    unique,
)
from generator.codegen.request_tree import ParamNode, build_tree
from generator.codegen.traits import ServiceTraits, default_traits
from generator.model import Field, Operation, Parameter

#: wire type -> (annotation, query encoder, item converter, optional-value converter)
_SCALARS = {
    "string": ("str", "_b.wire_str", "as_str", "opt_str"),
    "integer": ("int", "_b.wire_int", "as_int", "opt_int"),
    "long": ("int", "_b.wire_long", "as_int", "opt_int"),
    "float": ("float", "_b.wire_float", "as_float", "opt_float"),
    "double": ("float", "_b.wire_float", "as_float", "opt_float"),
    "boolean": ("bool", "_b.wire_bool", "as_bool", "opt_bool"),
}
#: Placeholder for a nested class name inside a from-wire argument, filled once names settle.
_MODEL = "{model}"
#: Local names `from_wire` uses besides one per attribute.
_FROM_WIRE_LOCALS = frozenset({"cls", "data", "extra", "get"})
_JSON_ANNOTATION = "_b.JsonValue"
_TYPING_NAMES = frozenset({"Any", "ClassVar", "Mapping", "Self"})


@dataclass
class TypeRef:
    """An annotation naming module-local classes; rendered bare or qualified by a module alias."""

    template: str  # "list[{0}] | None"
    classes: tuple[str, ...] = ()

    def render(self, qualifier: str = "") -> str:
        return self.template.format(*(f"{qualifier}{name}" for name in self.classes))


@dataclass
class EnumClass:
    name: str
    doc: str
    members: list[tuple[str, str]]  # (member name, wire value)


@dataclass
class QueryPlan:
    """How an attribute goes on the wire: kind scalar | scalar_list | model | model_list."""

    kind: str
    wire: str
    encoder: str = ""  # scalars: the `_b.wire_*` check-and-encode function applied to each value
    bounds: tuple[int | None, int | None] | None = None  # integers: documented minimum, maximum

    def encode(self, expression: str, label: str) -> str:
        """The call encoding `expression`; `label` names the attribute in a type error."""
        bounds = "" if self.bounds is None else ", {}, {}".format(*self.bounds)
        return f"{self.encoder}({expression}, {label!r}{bounds})"


@dataclass
class WireRead:
    """How `from_wire` reads an attribute; kind value | list | any.

    value: `get(wire)`, then, unless it is None or already of type `exact` ("": no type is taken
    as is), `_b.<helper>(cls, extra, wire, value, <argument>)`; list: `_b.<helper>(...)` with the
    item name and the item converter as argument; any: the value as received.
    """

    kind: str
    wire: str
    helper: str = ""  # coerce | member | model | items
    argument: str = ""  # converter, enum class or nested `from_wire`
    exact: str = ""
    item_name: str | None = None


@dataclass
class Attribute:
    name: str
    wire: str
    type_ref: TypeRef
    required: bool
    factory: str | None  # "list" for response lists, else None
    doc: str
    read: WireRead | None = None  # response role
    query: QueryPlan | None = None  # request role
    local: str = ""  # the variable holding the attribute's value in `from_wire`
    secret: bool = False  # `sensitive: true` in the spec: left out of the model's repr

    @property
    def annotation(self) -> str:
        return self.type_ref.render()

    def shape(self) -> tuple[str, str, str, bool, str | None]:
        return (self.name, self.wire, self.annotation, self.required, self.factory)


@dataclass
class ModelClass:
    name: str
    doc: str
    attributes: list[Attribute]
    request_role: bool = False
    response_role: bool = False
    root: str = ""  # "request" | "response" for the operation's two top classes

    def shape(self) -> tuple[tuple[str, str, str, bool, str | None], ...]:
        return tuple(attr.shape() for attr in self.attributes)

    def merge(self, other: ModelClass) -> None:
        """Take on the roles (and conversions) of a same-shaped class."""
        self.request_role |= other.request_role
        self.response_role |= other.response_role
        for mine, theirs in zip(self.attributes, other.attributes, strict=True):
            mine.read = mine.read or theirs.read
            mine.query = mine.query or theirs.query

    @property
    def wire_names(self) -> list[str]:
        return sorted(attr.wire for attr in self.attributes)


@dataclass
class ModelModule:
    """One `models/<operation>.py`."""

    operation: Operation
    module: str  # "describe_vpcs"
    request: ModelClass
    response: ModelClass
    classes: list[ModelClass] = field(default_factory=list)  # definition order, roots last
    enums: list[EnumClass] = field(default_factory=list)


class _ModuleBuilder:
    """Registers classes and enums of one module, settling names deterministically."""

    def __init__(self, op: Operation, traits: ServiceTraits) -> None:
        self.op = op
        self.traits = traits
        self.taken: set[str] = set(_TYPING_NAMES)
        self.request_name = unique(f"{class_name(op.name)}Request", self.taken, "")
        self.response_name = unique(f"{class_name(op.name)}Response", self.taken, "")
        self.classes: dict[str, ModelClass] = {}
        self.enums: list[EnumClass] = []
        #: (wire name, values) -> enum class, for request parameters to reuse response enums.
        self.enum_by_values: dict[tuple[str, tuple[str, ...]], str] = {}
        #: Request annotations waiting for their enum: (annotation, wire segment, parameter, name).
        self.pending_enums: list[tuple[TypeRef, str, Parameter, str]] = []

    # -- classes -----------------------------------------------------------------------------

    def register(self, desired: str, parent: str, model: ModelClass) -> str:
        """Add a nested class, reusing a same-shaped class of that name; return its final name."""
        for candidate in (desired, f"{parent}{desired}"):
            existing = self.classes.get(candidate)
            if existing is not None and existing.shape() == model.shape():
                existing.merge(model)
                return candidate
            if candidate not in self.taken:
                break
        model.name = unique(candidate, self.taken, "")
        self.classes[model.name] = model
        return model.name

    def enum(self, name: str, wire: str, values: list[str], doc: str) -> str:
        """Add an enum class named `name` (made unique); return its final name."""
        name = unique(name, self.taken, "")
        distinct = tuple(dict.fromkeys(values))
        member_names: set[str] = set()
        members = [(unique(enum_member_name(value), member_names), value) for value in distinct]
        self.enums.append(EnumClass(name=name, doc=doc.strip(), members=members))
        self.enum_by_values.setdefault((wire, distinct), name)
        return name

    def settle_request_enums(self) -> None:
        """Name the enums of request parameters, once every response enum is known."""
        for type_ref, wire, param, desired in self.pending_enums:
            name = self.enum_by_values.get((wire, tuple(dict.fromkeys(param.enum))))
            if name is None:
                name = self.enum(desired, wire, param.enum, param.description)
            type_ref.classes = (name,)

    # -- request side ------------------------------------------------------------------------

    def request_attributes(self, nodes: list[ParamNode], owner: str, top: bool) -> list[Attribute]:
        names: set[str] = set()
        return [self.request_attribute(node, owner, top, names) for node in nodes]

    def request_attribute(
        self, node: ParamNode, owner: str, top: bool, names: set[str]
    ) -> Attribute:
        lead = node.param
        is_list = node.indexed or (lead is not None and lead.type == "list")
        base = snake_case(node.wire)
        name = unique(safe_identifier(plural(base) if is_list else base), names)
        required = top and node.required and node.wire != self.traits.region_parameter
        if node.children:
            children = self.request_attributes(list(node.children.values()), node.wire, False)
            nested = ModelClass(
                name="",
                doc=docs.group_doc(node.leaves(), lead) or f"One `{node.wire}` entry.",
                attributes=children,
                request_role=True,
            )
            item = self.register(class_name(node.wire), class_name(owner), nested)
            doc = docs.group_doc(node.leaves(), lead)
            kind = "model_list" if is_list else "model"
            template = "list[{0}]" if is_list else "{0}"
            ref = TypeRef(template if required else f"{template} | None", (item,))
            return Attribute(
                name, node.wire, ref, required, None, doc, query=QueryPlan(kind, node.wire)
            )
        assert lead is not None  # a node without children is a documented parameter
        annotation, encoder = _request_scalar(lead)
        enum = annotation == "str" and bool(lead.enum)
        if enum:  # `{0}` is the enum, named by `settle_request_enums`
            annotation, encoder = "{0} | str", "_b.wire_str"
        template = f"list[{annotation}]" if is_list else annotation
        ref = TypeRef(template if required else f"{template} | None")
        if enum:
            ref.classes = (f"<{lead.name}: {', '.join(lead.enum)}>",)  # unique until settled
            desired = (
                class_name(node.wire) if top else f"{class_name(owner)}{class_name(node.wire)}"
            )
            self.pending_enums.append((ref, node.wire, lead, desired))
        kind = "scalar_list" if is_list else "scalar"
        return Attribute(
            name,
            node.wire,
            ref,
            required,
            None,
            docs.parameter_doc(lead),
            query=QueryPlan(kind, node.wire, encoder, _integer_bounds(lead)),
            secret=bool(lead.sensitive),
        )

    # -- response side -----------------------------------------------------------------------

    def response_attributes(self, fields: list[Field], owner: str) -> list[Attribute]:
        names: set[str] = set()
        seen_wire: set[str] = set()
        attributes = []
        for fld in fields:
            if fld.name in seen_wire:
                continue
            seen_wire.add(fld.name)
            attributes.append(self.response_attribute(fld, owner, names))
        return attributes

    def response_attribute(self, fld: Field, owner: str, names: set[str]) -> Attribute:
        name = unique(attribute_name(fld.name), names)
        doc = docs.field_doc(fld)
        if fld.type == "list":
            ref, convert = self.item_conversion(fld, owner)
            read = WireRead("list", fld.name, "items", convert, item_name=fld.item_name)
            return Attribute(name, fld.name, ref, False, "list", doc, read=read)
        ref, read = self.value_read(fld, owner)
        return Attribute(name, fld.name, ref, False, None, doc, read=read)

    def value_read(self, fld: Field, owner: str) -> tuple[TypeRef, WireRead]:
        """The annotation and the reading of a response field that is not a list."""
        if fld.type == "object" and not fld.fields:
            read = WireRead("value", fld.name, "coerce", "_b.opt_dict")
            return TypeRef("dict[str, Any] | None"), read
        if fld.type == "object":
            model = self.response_model(fld, fld.model or fld.name, owner, fld.description)
            read = WireRead("value", fld.name, "model", f"{_MODEL}.from_wire")
            return TypeRef("{0} | None", (model,)), read
        if fld.type == "json":
            return TypeRef("Any"), WireRead("any", fld.name)
        if fld.type == "string" and fld.enum:
            desired = f"{owner}{class_name(fld.name)}"
            enum = self.enum(desired, fld.name, fld.enum, fld.description)
            return TypeRef("{0} | None", (enum,)), WireRead("value", fld.name, "member", _MODEL)
        annotation, _, _, converter = _SCALARS.get(fld.type, _SCALARS["string"])
        read = WireRead("value", fld.name, "coerce", f"_b.{converter}", exact=annotation)
        return TypeRef(f"{annotation} | None"), read

    def item_conversion(self, fld: Field, owner: str) -> tuple[TypeRef, str]:
        """The list annotation and the converter applied to each item."""
        if fld.item_type == "object" or (fld.item_type is None and fld.fields):
            desired = fld.model or fld.item_name or fld.name
            doc = f"One entry of `{fld.name}`: {fld.description.strip()}".rstrip(": ")
            model = self.response_model(fld, desired, owner, doc)
            return TypeRef("list[{0}]", (model,)), f"{_MODEL}.from_wire"
        if fld.item_type is None:
            return TypeRef("list[Any]"), "_b.as_any"
        annotation, _, converter, _ = _SCALARS.get(fld.item_type, _SCALARS["string"])
        return TypeRef(f"list[{annotation}]"), f"_b.{converter}"

    def response_model(self, fld: Field, desired: str, owner: str, doc: str) -> str:
        own_name = class_name(desired)
        nested = ModelClass(
            name="",
            doc=doc.strip() or f"The `{fld.name}` object.",
            attributes=self.response_attributes(fld.fields, own_name),
            response_role=True,
        )
        return self.register(own_name, class_name(owner), nested)


def _request_scalar(param: Parameter) -> tuple[str, str]:
    """(annotation, query encoder) for one leaf parameter."""
    if param.type in ("json", "object"):
        return _JSON_ANNOTATION, "_b.wire_json"
    annotation, encoder, _, _ = _SCALARS.get(param.type, _SCALARS["string"])
    return annotation, encoder


def _integer_bounds(param: Parameter) -> tuple[int | None, int | None] | None:
    """The documented minimum and maximum of an integer parameter (None for one not given; the
    encoder checks its type's range anyway), or None when the documents give neither or they
    contradict each other (or the documented example)."""
    if param.type not in ("integer", "long") or (param.minimum is None and param.maximum is None):
        return None
    low = None if param.minimum is None else math.ceil(param.minimum)
    high = None if param.maximum is None else math.floor(param.maximum)
    if low is not None and high is not None and low > high:
        return None
    example = _integer(param.example)
    if example is not None and (
        (low is not None and example < low) or (high is not None and example > high)
    ):
        return None  # the documents' own example is out of range (MinRxInterval: 100, 200-1000)
    return low, high


def _integer(text: str | None) -> int | None:
    try:
        return None if text is None else int(text)
    except ValueError:
        return None


def _finish_from_wire(model: ModelClass) -> None:
    """Fill in class names the readings reference, and the local variable of each attribute."""
    taken = {attr.name for attr in model.attributes} | _FROM_WIRE_LOCALS
    for attr in model.attributes:
        clash = attr.name in _FROM_WIRE_LOCALS
        attr.local = unique(f"{attr.name}_", taken) if clash else attr.name
        if attr.read is not None and attr.type_ref.classes:
            attr.read.argument = attr.read.argument.replace(_MODEL, attr.type_ref.classes[0])


def build_module(op: Operation, traits: ServiceTraits | None = None) -> ModelModule:
    """The complete model module context for one operation (`traits`: the repository's unless told;
    the region parameter is optional, hidden parameters are left out)."""
    traits = traits or default_traits()
    builder = _ModuleBuilder(op, traits)
    params = [p for p in op.parameters if p.name not in traits.hidden_parameters]
    request = ModelClass(
        name=builder.request_name,
        doc=f"Parameters of {op.name}.\n\n{docs.operation_doc(op)}",
        attributes=builder.request_attributes(build_tree(params), builder.request_name, True),
        request_role=True,
        root="request",
    )
    response = ModelClass(
        name=builder.response_name,
        doc=f"Result of {op.name}.",
        attributes=builder.response_attributes(op.response, op.name),
        response_role=True,
        root="response",
    )
    builder.settle_request_enums()
    classes = [*builder.classes.values(), request, response]
    for model in classes:
        _finish_from_wire(model)
    return ModelModule(
        operation=op,
        module=snake_case(op.name),
        request=request,
        response=response,
        classes=classes,
        enums=builder.enums,
    )
