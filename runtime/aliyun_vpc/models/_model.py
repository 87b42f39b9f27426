"""Model classes declare their fields; reading responses and writing requests is done here, once.

A generated model is an attrs class whose fields carry their wire name and their conversion in the
field metadata (`wire("VpcId", STR)`). From these, each class gets a plan on first use:
`from_wire` reads a response object through it, `wire_tree` writes a request as the tree the
flattening rule (`aliyun_vpc._wire_params`) turns into wire parameters.

Conversions: `STR`, `INT`, `LONG`, `FLOAT`, `BOOL` (documented scalar types; `integer(low, high)`
and `long(low, high)` add documented bounds), `JSON` (a JSON-typed value), `OBJECT` (an object of
undocumented fields), `ANY`, `enum(E)`, `model(M)`, and `list_of(item, item_name)`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Self

import attrs

from .._wire_params import WireValue, flatten
from . import _base as _b

__all__ = [
    "ANY",
    "BOOL",
    "FLOAT",
    "INT",
    "JSON",
    "LONG",
    "OBJECT",
    "STR",
    "Conversion",
    "Model",
    "RequestModel",
    "ResponseModel",
    "enum",
    "integer",
    "list_of",
    "long",
    "model",
    "wire",
]


class Conversion:
    """How one documented type is read from a response and written to a request.

    A received value of type `exact` is kept as it is, and so is None where `none_as_is` (lists
    read it as `[]`); any other goes through `read`.
    """

    __slots__ = ("exact", "none_as_is")

    def __init__(self, exact: type | None, none_as_is: bool = True) -> None:
        self.exact = exact
        self.none_as_is = none_as_is

    def read(self, owner: type, extra: dict[str, Any], key: str, raw: Any) -> Any:
        raise NotImplementedError

    def write(self, value: Any, label: str) -> WireValue:
        raise NotImplementedError


class _Scalar(Conversion):
    __slots__ = ("bounds", "convert", "encode")

    def __init__(
        self,
        exact: type | None,
        convert: Callable[[Any], Any],
        encode: Callable[..., str],
        bounds: tuple[int | None, int | None] | None = None,
    ) -> None:
        super().__init__(exact)
        self.convert = convert
        self.encode = encode
        self.bounds = bounds

    def read(self, owner: type, extra: dict[str, Any], key: str, raw: Any) -> Any:
        return _b.coerce(owner, extra, key, raw, self.convert)

    def write(self, value: Any, label: str) -> WireValue:
        if self.bounds is None:
            return self.encode(value, label)
        return self.encode(value, label, *self.bounds)


class _Enum(Conversion):
    __slots__ = ("enum_cls",)

    def __init__(self, enum_cls: type[_b.OpenEnum]) -> None:
        super().__init__(None)
        self.enum_cls = enum_cls

    def read(self, owner: type, extra: dict[str, Any], key: str, raw: Any) -> Any:
        return _b.member(owner, extra, key, raw, self.enum_cls)

    def write(self, value: Any, label: str) -> WireValue:
        return _b.wire_str(value, label)


class _Model(Conversion):
    __slots__ = ("model_cls",)

    def __init__(self, model_cls: type[Any]) -> None:
        super().__init__(None)
        self.model_cls = model_cls

    def read(self, owner: type, extra: dict[str, Any], key: str, raw: Any) -> Any:
        return _b.model(owner, extra, key, raw, self.model_cls.from_wire)

    def write(self, value: Any, label: str) -> WireValue:
        if not isinstance(value, self.model_cls):
            raise _b.wrong_type(label, self.model_cls.__name__, value)
        tree: dict[str, WireValue] = value.wire_tree()
        return tree


class _List(Conversion):
    __slots__ = ("item", "item_name")

    def __init__(self, item: Conversion, item_name: str | None) -> None:
        super().__init__(None, none_as_is=False)
        self.item = item
        self.item_name = item_name

    def read(self, owner: type, extra: dict[str, Any], key: str, raw: Any) -> Any:
        item = self.item
        if isinstance(item, _Model):
            fields = _plan(item.model_cls).wire_names
            return _b.items(
                owner, extra, key, raw, self.item_name, item.model_cls.from_wire, fields
            )
        convert = item.convert if isinstance(item, _Scalar) else _b.as_any
        return _b.items(owner, extra, key, raw, self.item_name, _item_converter(convert))

    def write(self, value: Any, label: str) -> WireValue:
        values = _b.wire_list(value, label)
        if isinstance(self.item, _Model):
            model_cls = self.item.model_cls
            for item in values:
                if not isinstance(item, model_cls):
                    raise _b.wrong_type(label, f"a list of {model_cls.__name__}", item)
        return [self.item.write(item, label) for item in values]


#: Optional-value converters and the item converters of the same type (a list item is never None).
_ITEM_CONVERTERS: dict[Callable[[Any], Any], Callable[[Any], Any]] = {
    _b.opt_str: _b.as_str,
    _b.opt_int: _b.as_int,
    _b.opt_float: _b.as_float,
    _b.opt_bool: _b.as_bool,
}


def _item_converter(convert: Callable[[Any], Any]) -> Callable[[Any], Any]:
    return _ITEM_CONVERTERS.get(convert, convert)


STR: Conversion = _Scalar(str, _b.opt_str, _b.wire_str)
INT: Conversion = _Scalar(int, _b.opt_int, _b.wire_int)
LONG: Conversion = _Scalar(int, _b.opt_int, _b.wire_long)
FLOAT: Conversion = _Scalar(float, _b.opt_float, _b.wire_float)
BOOL: Conversion = _Scalar(bool, _b.opt_bool, _b.wire_bool)
JSON: Conversion = _Scalar(None, _b.as_any, _b.wire_json)
OBJECT: Conversion = _Scalar(None, _b.opt_dict, _b.wire_json)
ANY: Conversion = _Scalar(None, _b.as_any, _b.wire_json)


def integer(minimum: int | None, maximum: int | None) -> Conversion:
    """An Integer (32-bit) with its documented bounds (None: only the type's own)."""
    return _Scalar(int, _b.opt_int, _b.wire_int, (minimum, maximum))


def long(minimum: int | None, maximum: int | None) -> Conversion:
    """A Long (64-bit) with its documented bounds (None: only the type's own)."""
    return _Scalar(int, _b.opt_int, _b.wire_long, (minimum, maximum))


def enum(enum_cls: type[_b.OpenEnum]) -> Conversion:
    """Text with documented values: read as a member of `enum_cls` (unknown values too)."""
    return _Enum(enum_cls)


def model(model_cls: type[Any]) -> Conversion:
    """A nested object of a generated model class."""
    return _Model(model_cls)


def list_of(item: Conversion, item_name: str | None = None) -> Conversion:
    """A list; `item_name` is the key a response wraps the items in (`{"Vpc": [...]}`)."""
    return _List(item, item_name)


def wire(name: str, conversion: Conversion) -> dict[str, Any]:
    """The metadata of a model field: its wire name and its conversion."""
    return {"wire": name, "conversion": conversion}


@attrs.frozen
class _Plan:
    """A model class's fields in declaration order: for reading (attribute, wire name,
    conversion) and for writing (attribute, wire name, conversion, required, the label naming it
    in an error: `DescribeVpcsRequest.page_size`)."""

    reads: tuple[tuple[str, str, Conversion], ...]
    writes: tuple[tuple[str, str, Conversion, bool, str], ...]
    wire_names: frozenset[str]


_PLANS: dict[type, _Plan] = {}


def _plan(cls: type) -> _Plan:
    plan = _PLANS.get(cls)
    if plan is None:
        fields = [field for field in attrs.fields(cls) if "conversion" in field.metadata]
        plan = _PLANS[cls] = _Plan(
            reads=tuple((f.name, f.metadata["wire"], f.metadata["conversion"]) for f in fields),
            writes=tuple(
                (
                    f.name,
                    f.metadata["wire"],
                    f.metadata["conversion"],
                    _required(f),
                    f"{cls.__name__}.{f.name}",
                )
                for f in fields
            ),
            wire_names=frozenset(f.metadata["wire"] for f in fields),
        )
    return plan


def _required(field: attrs.Attribute[Any]) -> bool:
    return field.default is attrs.NOTHING


class Model:
    """What every model shares: `repr` (fields declared `repr=False`, the secrets, left out) and
    `==` (same class, equal fields), written once here rather than generated by attrs for each
    class, which halves the cost of defining a model class (a chapter module defines dozens)."""

    __slots__ = ()
    __hash__ = None  # type: ignore[assignment]  # mutable, compared by value: unhashable

    def __repr__(self) -> str:
        shown = _shown_fields(type(self))
        inner = ", ".join(f"{name}={getattr(self, name)!r}" for name in shown)
        return f"{type(self).__qualname__}({inner})"

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        names = _field_names(type(self))
        return all(getattr(self, name) == getattr(other, name) for name in names)


_SHOWN: dict[type, tuple[str, ...]] = {}
_NAMES: dict[type, tuple[str, ...]] = {}


def _shown_fields(cls: type) -> tuple[str, ...]:
    """The fields `repr` shows, in declaration order."""
    shown = _SHOWN.get(cls)
    if shown is None:
        shown = _SHOWN[cls] = tuple(f.name for f in attrs.fields(cls) if f.repr)
    return shown


def _field_names(cls: type) -> tuple[str, ...]:
    """Every field, in declaration order."""
    names = _NAMES.get(cls)
    if names is None:
        names = _NAMES[cls] = tuple(f.name for f in attrs.fields(cls))
    return names


class RequestModel(Model):
    """A model written to requests: `wire_tree` (nested objects) and `to_query` (a request)."""

    __slots__ = ()

    def wire_tree(self) -> dict[str, WireValue]:
        """The fields set (and the required ones), by wire name, as the flattening rule takes them."""
        tree: dict[str, WireValue] = {}
        for name, wire_name, conversion, required, label in _plan(type(self)).writes:
            value = getattr(self, name)
            if value is not None or required:
                tree[wire_name] = conversion.write(value, label)
        return tree

    def to_query(self) -> dict[str, str]:
        """The request as wire parameters (`Tag.1.Key`, booleans as true/false, JSON compact)."""
        return flatten(self.wire_tree())


class ResponseModel(Model):
    """A model read from responses; keys the documents do not describe land in its `extra` field."""

    __slots__ = ()

    @classmethod
    def from_wire(cls, data: Mapping[str, Any]) -> Self:
        """Build from a response object (JSON or XML as a dict); bad values go to `extra`."""
        read = _READERS.get(cls) or _reader(cls)
        result: Self = read(data)
        return result


_READERS: dict[type, Callable[[Mapping[str, Any]], Any]] = {}


def _reader(cls: type) -> Callable[[Mapping[str, Any]], Any]:
    """The `from_wire` of `cls`, compiled once from its declared fields (as attrs compiles
    `__init__`): a value of the declared type, or None, is taken as it is, one test per field;
    any other goes through its conversion."""
    plan = _plan(cls)
    namespace: dict[str, Any] = {
        "cls": cls,
        "known": plan.wire_names,
        "undocumented": _b.undocumented,
    }
    lines = [
        "def from_wire(data):",
        "    extra = undocumented(cls, data, known)",
        "    get = data.get",
    ]
    for index, (_, wire_name, conversion) in enumerate(plan.reads):
        value, key, read, exact = f"v{index}", f"key{index}", f"read{index}", f"type{index}"
        namespace.update({key: wire_name, read: conversion.read, exact: conversion.exact})
        tests = [f"{value} is not None"] if conversion.none_as_is else []
        if conversion.exact is not None:
            tests.append(f"type({value}) is not {exact}")
        lines.append(f"    {value} = get({key})")
        lines.append(f"    if {' and '.join(tests) or 'True'}:")
        lines.append(f"        {value} = {read}(cls, extra, {key}, {value})")
    arguments = "".join(f"{name}=v{index}, " for index, (name, _, _) in enumerate(plan.reads))
    lines.append(f"    return cls({arguments}extra=extra)")
    source = "\n".join(lines)  # names and values are the model's own, passed in `namespace`
    exec(compile(source, f"<from_wire of {cls.__qualname__}>", "exec"), namespace)  # noqa: S102
    reader: Callable[[Mapping[str, Any]], Any] = namespace["from_wire"]
    _READERS[cls] = reader
    return reader
