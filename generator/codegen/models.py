"""Build one operation's models: request/response classes, nested classes, enums.

Everything a template needs is decided here: Python names, annotations (bare in the models module
and qualified for `client.py`), defaults, and each attribute's runtime conversion
(`aliyun_vpc.models._model`: `_m.STR`, `_m.list_of(_m.model(Tag), "Tag")`...). Templates only lay
it out. Names are first settled per operation (the names its former module used, kept in
`local_names`); `generator.codegen.shapes` then makes identical nested classes and enums of all
operations one shared shape and gives each its final name and module.

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

#: wire type -> (annotation, the runtime conversion of that type in `aliyun_vpc.models._model`)
_SCALARS = {
    "string": ("str", "STR"),
    "integer": ("int", "INT"),
    "long": ("int", "LONG"),
    "float": ("float", "FLOAT"),
    "double": ("float", "FLOAT"),
    "boolean": ("bool", "BOOL"),
}
_JSON_ANNOTATION = "_b.JsonValue"
#: An integer conversion -> the runtime function giving it documented bounds.
_BOUNDED = {"INT": "integer", "LONG": "long"}
_TYPING_NAMES = frozenset({"Any", "ClassVar", "Mapping", "Self"})


@dataclass
class TypeRef:
    """An annotation naming generated classes; rendered bare or qualified by their modules' aliases.

    `targets` are the class objects themselves, so a name settled later (shared shapes,
    `generator.codegen.shapes`) shows in every annotation.
    """

    template: str  # "list[{0}] | None"
    targets: tuple[ModelClass | EnumClass, ...] = ()

    @property
    def classes(self) -> tuple[str, ...]:
        return tuple(target.name for target in self.targets)

    def render(self) -> str:
        return self.template.format(*self.classes)

    def qualified(self, prefix: str) -> str:
        """Each class qualified by its module's alias: `list[_m_common.Tag] | None`."""
        return self.template.format(*(f"{prefix}{t.family}.{t.name}" for t in self.targets))


@dataclass(eq=False)
class EnumClass:
    name: str
    doc: str
    members: list[tuple[str, str]]  # (member name, wire value)
    desired: str = ""  # the name the rule proposes (before clashes are settled)
    fallback: str = ""  # the name proposed when `desired` is taken by another shape
    family: str = ""  # the shapes module defining it (`generator.codegen.shapes`)
    users: list[str] = field(default_factory=list)  # operations using it, in spec order

    @property
    def values(self) -> tuple[str, ...]:
        return tuple(value for _, value in self.members)


@dataclass
class QueryPlan:
    """How an attribute goes on the wire: kind scalar | scalar_list | model | model_list."""

    kind: str
    wire: str
    conversion: str = ""  # scalars: STR, INT, LONG, FLOAT, BOOL or JSON (`_model`); else ""
    bounds: tuple[int | None, int | None] | None = None  # integers: documented minimum, maximum


@dataclass
class WireRead:
    """How a response attribute is read: kind value | list; `conversion` is a scalar conversion
    (STR, INT, FLOAT, BOOL, OBJECT, ANY) or, for the attribute's class, "enum" / "model"."""

    kind: str
    wire: str
    conversion: str
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
    secret: bool = False  # `sensitive: true` in the spec: left out of the model's repr

    @property
    def annotation(self) -> str:
        return self.type_ref.render()

    @property
    def conversion(self) -> str:
        """The field's runtime conversion (`aliyun_vpc.models._model`): `_m.STR`, `_m.integer(1,
        50)`, `_m.list_of(_m.model(Tag), "Tag")`...; a request's writing decides the item type."""
        target = self.type_ref.classes[0] if self.type_ref.targets else ""
        if self.query is not None:
            kind, name = self.query.kind, self.query.conversion
            listed = kind in ("scalar_list", "model_list")
            name = "model" if kind in ("model", "model_list") else "enum" if target else name
        else:
            assert self.read is not None
            name, listed = self.read.conversion, self.read.kind == "list"
        if name in ("model", "enum"):
            item = f"_m.{name}({target})"
        elif self.query is not None and self.query.bounds is not None:
            item = "_m.{}({}, {})".format(_BOUNDED[name], *self.query.bounds)
        else:
            item = f"_m.{name}"
        item_name = self.read.item_name if self.read is not None else None
        if not listed:
            return item
        return f"_m.list_of({item}, {item_name!r})" if item_name else f"_m.list_of({item})"

    def shape(self) -> tuple[str, str, str, bool, str | None]:
        return (self.name, self.wire, self.annotation, self.required, self.factory)


@dataclass(eq=False)
class ModelClass:
    name: str
    doc: str
    attributes: list[Attribute]
    request_role: bool = False
    response_role: bool = False
    root: str = ""  # "request" | "response" for the operation's two top classes
    desired: str = ""  # the name the rule proposes (before clashes are settled)
    fallback: str = ""  # `<Parent><Name>`: proposed when `desired` is taken by another shape
    family: str = ""  # the shapes module defining it (`generator.codegen.shapes`)
    users: list[str] = field(default_factory=list)  # operations using it, in spec order

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
    def bases(self) -> list[str]:
        """The runtime classes that read (`ResponseModel`) and write (`RequestModel`) it."""
        roles = (("_m.ResponseModel", self.response_role), ("_m.RequestModel", self.request_role))
        return [base for base, role in roles if role]


@dataclass
class ModelModule:
    """One `models/<operation>.py`: the request and response classes of an operation.

    `classes` and `enums` are the nested shapes it uses, under the names this module gave them
    (`local_names`); `generator.codegen.shapes` replaces them by the shared shapes.
    """

    operation: Operation
    module: str  # "describe_vpcs"
    request: ModelClass
    response: ModelClass
    classes: list[ModelClass] = field(default_factory=list)  # definition order, roots last
    enums: list[EnumClass] = field(default_factory=list)
    #: The module's own name for each shape it used before shapes were shared -> that shape.
    local_names: dict[str, ModelClass | EnumClass] = field(default_factory=dict)
    family: str = ""  # the models module defining its classes (`generator.codegen.shapes`)


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
        self.enum_by_values: dict[tuple[str, tuple[str, ...]], EnumClass] = {}
        #: Request annotations waiting for their enum: (annotation, wire segment, parameter, name).
        self.pending_enums: list[tuple[TypeRef, str, Parameter, str]] = []

    # -- classes -----------------------------------------------------------------------------

    def register(self, desired: str, parent: str, model: ModelClass) -> ModelClass:
        """Add a nested class, reusing a same-shaped class of that name; return the class."""
        model.desired, model.fallback = desired, f"{parent}{desired}"
        for candidate in (desired, f"{parent}{desired}"):
            existing = self.classes.get(candidate)
            if existing is not None and existing.shape() == model.shape():
                existing.merge(model)
                return existing
            if candidate not in self.taken:
                break
        model.name = unique(candidate, self.taken, "")
        self.classes[model.name] = model
        return model

    def enum(
        self, name: str, wire: str, values: list[str], doc: str, proposal: str = ""
    ) -> EnumClass:
        """Add an enum class named `name` (made unique) in this module; return it. `proposal` is
        the name proposed for the shared shape (default: `name`)."""
        desired = proposal or name
        name = unique(name, self.taken, "")
        distinct = tuple(dict.fromkeys(values))
        member_names: set[str] = set()
        members = [(unique(enum_member_name(value), member_names), value) for value in distinct]
        fallback = f"{class_name(self.op.name)}{desired}"
        enum = EnumClass(name, doc.strip(), members, desired=desired, fallback=fallback)
        self.enums.append(enum)
        self.enum_by_values.setdefault((wire, distinct), enum)
        return enum

    def settle_request_enums(self) -> None:
        """Name the enums of request parameters, once every response enum is known."""
        for type_ref, wire, param, desired in self.pending_enums:
            enum = self.enum_by_values.get((wire, tuple(dict.fromkeys(param.enum))))
            if enum is None:
                enum = self.enum(desired, wire, param.enum, param.description)
            type_ref.targets = (enum,)

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
        annotation, conversion = _request_scalar(lead)
        enum = annotation == "str" and bool(lead.enum)
        if enum:  # `{0}` is the enum, named by `settle_request_enums`
            annotation = "{0} | str"
        template = f"list[{annotation}]" if is_list else annotation
        ref = TypeRef(template if required else f"{template} | None")
        if enum:  # a placeholder, unique until `settle_request_enums` sets the enum
            values = ", ".join(lead.enum)
            ref.targets = (EnumClass(name=f"<{lead.name}: {values}>", doc="", members=[]),)
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
            query=QueryPlan(kind, node.wire, conversion, _integer_bounds(lead)),
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
            ref, conversion = self.item_conversion(fld, owner)
            read = WireRead("list", fld.name, conversion, item_name=fld.item_name)
            return Attribute(name, fld.name, ref, False, "list", doc, read=read)
        ref, read = self.value_read(fld, owner)
        return Attribute(name, fld.name, ref, False, None, doc, read=read)

    def value_read(self, fld: Field, owner: str) -> tuple[TypeRef, WireRead]:
        """The annotation and the reading of a response field that is not a list."""
        if fld.type == "object" and not fld.fields:
            return TypeRef("dict[str, Any] | None"), WireRead("value", fld.name, "OBJECT")
        if fld.type == "object":
            model = self.response_model(fld, fld.model or fld.name, owner, fld.description)
            return TypeRef("{0} | None", (model,)), WireRead("value", fld.name, "model")
        if fld.type == "json":
            return TypeRef("Any"), WireRead("value", fld.name, "ANY")
        if fld.type == "string" and fld.enum:
            desired = f"{owner}{class_name(fld.name)}"
            own = class_name(
                fld.name
            )  # `RouteTableType` of `RouteTable` is not `RouteTableRoute...`
            proposal = own if own.startswith(owner) else desired
            enum = self.enum(desired, fld.name, fld.enum, fld.description, proposal)
            return TypeRef("{0} | None", (enum,)), WireRead("value", fld.name, "enum")
        annotation, conversion = _SCALARS.get(fld.type, _SCALARS["string"])
        return TypeRef(f"{annotation} | None"), WireRead("value", fld.name, conversion)

    def item_conversion(self, fld: Field, owner: str) -> tuple[TypeRef, str]:
        """The list annotation and the conversion of each item."""
        if fld.item_type == "object" or (fld.item_type is None and fld.fields):
            desired = fld.model or fld.item_name or fld.name
            doc = f"One entry of `{fld.name}`: {fld.description.strip()}".rstrip(": ")
            model = self.response_model(fld, desired, owner, doc)
            return TypeRef("list[{0}]", (model,)), "model"
        if fld.item_type is None:
            return TypeRef("list[Any]"), "ANY"
        annotation, conversion = _SCALARS.get(fld.item_type, _SCALARS["string"])
        return TypeRef(f"list[{annotation}]"), conversion

    def response_model(self, fld: Field, desired: str, owner: str, doc: str) -> ModelClass:
        own_name = class_name(desired)
        nested = ModelClass(
            name="",
            doc=doc.strip() or f"The `{fld.name}` object.",
            attributes=self.response_attributes(fld.fields, own_name),
            response_role=True,
        )
        return self.register(own_name, class_name(owner), nested)


def _request_scalar(param: Parameter) -> tuple[str, str]:
    """(annotation, conversion) for one leaf parameter."""
    if param.type in ("json", "object"):
        return _JSON_ANNOTATION, "JSON"
    return _SCALARS.get(param.type, _SCALARS["string"])


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
    local_names: dict[str, ModelClass | EnumClass] = {c.name: c for c in builder.classes.values()}
    local_names.update((enum.name, enum) for enum in builder.enums)
    return ModelModule(
        operation=op,
        module=snake_case(op.name),
        request=request,
        response=response,
        classes=classes,
        enums=builder.enums,
        local_names=local_names,
    )
