"""Conversion helpers shared by the generated model modules: wire values in and out, open enums,
undocumented keys kept in `extra`."""

from __future__ import annotations

import enum
import json
import logging
from collections.abc import Callable, Mapping
from typing import Any, TypeVar, cast

from .._bounded_json import decode_json, json_limits_exceeded
from ..exceptions import ParamValidationError, ResponseParseError

T = TypeVar("T")
E = TypeVar("E", bound=enum.Enum)

#: Logs each model attribute whose wire value could not be converted, once per process.
_LOGGER = logging.getLogger("aliyun_vpc")
_REPORTED: set[str] = set()

#: A JSON-type request parameter: a mapping or list (sent compact), or text already encoded.
JsonValue = dict[str, Any] | list[Any] | str


class OpenEnum(enum.StrEnum):
    """A string enum that also accepts values the documents do not list.

    An unknown value becomes a pseudo-member (name and value both the value) instead of an error,
    so a new status on the service side never breaks parsing.
    """

    @classmethod
    def _missing_(cls, value: object) -> Any:
        if not isinstance(value, str):
            return None
        member = str.__new__(cls, value)
        member._name_ = value
        member._value_ = value
        return cls._value2member_map_.setdefault(value, member)


def as_str(value: Any) -> str:
    """Text as given; numbers as their decimal text; booleans as true/false."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return enc_bool(value)
    if isinstance(value, int | float):
        return str(value)
    raise TypeError(f"expected text, got {type(value).__name__}")


def as_int(value: Any) -> int:
    """An integer from a JSON number or a text ("5"); only when no information is lost."""
    if isinstance(value, bool):
        raise TypeError(f"expected an integer, got {value!r}")
    if isinstance(value, float):
        if not value.is_integer():
            raise ValueError(f"expected an integer, got {value!r}")
        return int(value)
    if isinstance(value, int | str):
        return int(value)
    raise TypeError(f"expected an integer, got {type(value).__name__}")


def as_float(value: Any) -> float:
    """A float from a JSON number or a text ("1.5")."""
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise TypeError(f"expected a number, got {type(value).__name__}")
    return float(value)


def as_bool(value: Any) -> bool:
    """A boolean from JSON true/false or a text ("true", "false", "1", "0")."""
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("true", "1"):
        return True
    if text in ("false", "0"):
        return False
    raise ValueError(f"expected a boolean, got {value!r}")


def as_any(value: Any) -> Any:
    """A value of undocumented type, as received."""
    return value


def opt_str(value: Any) -> str | None:
    return None if value is None else as_str(value)


def opt_int(value: Any) -> int | None:
    return None if value is None or value == "" else as_int(value)


def opt_float(value: Any) -> float | None:
    return None if value is None or value == "" else as_float(value)


def opt_bool(value: Any) -> bool | None:
    return None if value is None or value == "" else as_bool(value)


def _mapping(value: Any) -> Mapping[str, Any] | None:
    """An object from a dict, or from JSON text holding one (some fields arrive encoded)."""
    if value is None or value == "":
        return None
    if isinstance(value, str) and value.lstrip().startswith("{"):
        try:
            value = decode_json(value)
        except ResponseParseError as error:
            reason = str(error)  # raised outside the handler: nothing chained
        else:
            reason = ""
        if reason:
            raise ValueError(reason)
    if type(value) is dict or isinstance(value, Mapping):
        return value
    raise TypeError(f"expected an object, got {type(value).__name__}")


def opt_dict(value: Any) -> dict[str, Any] | None:
    mapping = _mapping(value)
    return None if mapping is None else dict(mapping)


#: Item converters that return an item of this exact type unchanged.
_IDENTITY_FOR: dict[Callable[[Any], Any], type] = {
    as_str: str,
    as_int: int,
    as_float: float,
    as_bool: bool,
}


# -- reading response objects ---------------------------------------------------------------------
#
# `from_wire` takes a value that already has its documented type as it is (one `type(x) is T`
# test). Anything else goes through the helpers below: the documents disagree with each other (and
# so, at times, with the service) about some types, so a value is converted when nothing is lost
# (numbers and booleans sent as text), and otherwise kept as received in the object's `extra`, the
# attribute left unset (None, or an empty list), with a warning logged once per model attribute.


def undocumented(owner: type, data: Any, known: frozenset[str]) -> dict[str, Any]:
    """The keys of a response object the documents do not describe, as a new dict."""
    if type(data) is not dict and not isinstance(data, Mapping):
        raise TypeError(f"{owner.__name__}: expected an object, got {type(data).__name__}")
    if len(data) <= len(known) and known.issuperset(data):
        return {}
    extra = dict(data)
    for key in known:
        extra.pop(key, None)
    return extra


def coerce(
    owner: type, extra: dict[str, Any], key: str, raw: Any, convert: Callable[[Any], T | None]
) -> T | None:
    """`convert(raw)`, or None with `raw` kept in `extra[key]` when it cannot be converted."""
    try:
        return convert(raw)
    except (TypeError, ValueError) as exc:
        _keep(owner, extra, key, raw, exc)
        return None


def member(owner: type, extra: dict[str, Any], key: str, raw: Any, enum_cls: type[E]) -> E | None:
    """A member of `enum_cls`; unknown values become pseudo-members (see `OpenEnum`)."""
    if type(raw) is str and raw:
        found = enum_cls._value2member_map_.get(raw)
        if found is not None:
            return cast(E, found)
    text = coerce(owner, extra, key, raw, opt_str)
    return None if text is None or text == "" else enum_cls(text)


def model(
    owner: type,
    extra: dict[str, Any],
    key: str,
    raw: Any,
    convert: Callable[[Mapping[str, Any]], T],
) -> T | None:
    """A nested object (a dict, or JSON text holding one)."""
    mapping = raw if type(raw) is dict else coerce(owner, extra, key, raw, _mapping)
    return None if mapping is None else convert(mapping)


def items(
    owner: type,
    extra: dict[str, Any],
    key: str,
    raw: Any,
    item_name: str | None,
    convert: Callable[[Any], T],
    item_fields: frozenset[str] | None = None,
) -> list[T]:
    """A plain list from the wire forms of a list; `[]` when an item cannot be converted.

    `{"Vpc": [...]}` (wrapper keyed by the item name), a bare `[...]`, XML's single-item form
    (`{"Vpc": {...}}`), an absent or empty value (`None`, `""`, `{}`) -> `[]`. Where the documents
    do not name the item (`item_name` None), a one-key wrapper is recognised by its shape, given
    the wire names of an object item's fields (`item_fields`; None for scalar items).
    """
    if raw is None:
        return []
    value = raw
    if type(value) is dict or isinstance(value, Mapping):
        if item_name is not None:
            value = value.get(item_name, value)
        elif len(value) == 1:
            value = _unnamed_wrapper_content(value, item_fields)
    if not isinstance(value, list):
        if not value and (value is None or value == "" or isinstance(value, Mapping)):
            return []
        value = [value]
    exact = _IDENTITY_FOR.get(convert)
    if exact is not None:
        for item in value:
            if type(item) is not exact:
                break
        else:
            return value[:]  # every item is already what `convert` would return
    try:
        return [convert(item) for item in value]
    except (TypeError, ValueError) as exc:
        _keep(owner, extra, key, raw, exc)
        return []


def _unnamed_wrapper_content(value: Mapping[str, Any], item_fields: frozenset[str] | None) -> Any:
    """The content of `{"Tag": ...}` when it wraps the list, else `value` itself (one item).

    The live service wraps lists (`"Tags": {"Tag": [...]}`) where some documents only show the
    item. A one-key object is a wrapper when the items are scalars (an item cannot be an object),
    or when its key is not a field of the item model and it holds a list or an object.
    """
    ((key, content),) = value.items()
    if item_fields is None:
        return content
    if key not in item_fields and isinstance(content, list | dict):
        return content
    return value


def _keep(owner: type, extra: dict[str, Any], key: str, raw: Any, error: Exception) -> None:
    extra[key] = raw
    where = f"{owner.__module__}.{owner.__qualname__}.{key}"
    if where not in _REPORTED:
        _REPORTED.add(where)
        # the value's type, never the value: an answer may echo a credential into any field
        _LOGGER.warning(
            "%s: a %s value failed %s; kept in `extra` as received",
            where,
            type(raw).__name__,
            type(error).__name__,
        )


def enc_bool(value: bool) -> str:
    return "true" if value else "false"


# -- writing request parameters -------------------------------------------------------------------
#
# Each checks that a value has its documented type before it is signed and sent, so a wrong type is
# a `ParamValidationError` naming the attribute (`DescribeVpcsRequest.page_size`), not a server
# error or a failure deep in the signing code. The message gives the type, never the value.


def wrong_type(label: str, expected: str, value: Any) -> ParamValidationError:
    """The error for a value of the wrong type: names the type, never the value."""
    kind = type(value)
    got = (
        kind.__name__ if kind.__module__ == "builtins" else f"{kind.__module__}.{kind.__qualname__}"
    )
    return ParamValidationError(f"{label}: expected {expected}, got {got}")


def wire_str(value: Any, label: str) -> str:
    """Text (enum members included), sent as is; an int as its digits (ids, VLAN ids, owner ids
    the documents type as text)."""
    if type(value) is str:
        return value
    if isinstance(value, str):
        return str(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return _wire_integer(value, label, _INT64, None, None)
    raise wrong_type(label, "str", value)


#: The range of the documents' Integer (32-bit) and Long (64-bit) types.
_INT32 = (-(2**31), 2**31 - 1)
_INT64 = (-(2**63), 2**63 - 1)


def wire_int(value: Any, label: str, minimum: int | None = None, maximum: int | None = None) -> str:
    """An Integer parameter: an int within 32 bits and the documented minimum and maximum."""
    return _wire_integer(value, label, _INT32, minimum, maximum)


def wire_long(
    value: Any, label: str, minimum: int | None = None, maximum: int | None = None
) -> str:
    """A Long parameter: an int within 64 bits and the documented minimum and maximum."""
    return _wire_integer(value, label, _INT64, minimum, maximum)


def _wire_integer(
    value: Any, label: str, limits: tuple[int, int], minimum: int | None, maximum: int | None
) -> str:
    if not isinstance(value, int) or isinstance(value, bool):
        raise wrong_type(label, "int", value)
    low = limits[0] if minimum is None else max(minimum, limits[0])
    high = limits[1] if maximum is None else min(maximum, limits[1])
    if low <= value <= high:
        return str(int(value))
    shown = int(value) if -(2**64) < value < 2**64 else f"an integer of {value.bit_length()} bits"
    raise ParamValidationError(f"{label}: {shown} is out of range; allowed {low}..{high}")


def wire_float(value: Any, label: str) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        return _wire_integer(value, label, _INT64, None, None)
    if isinstance(value, float):
        return str(value)
    raise wrong_type(label, "float", value)


def wire_bool(value: Any, label: str) -> str:
    if isinstance(value, bool):
        return enc_bool(value)
    raise wrong_type(label, "bool", value)


def wire_json(value: Any, label: str) -> str:
    """A JSON-type parameter: text as given, a mapping or list as compact JSON."""
    if isinstance(value, str):
        return value
    if isinstance(value, Mapping | list | tuple):
        too_large = json_limits_exceeded(value)
        if too_large:
            raise ParamValidationError(f"{label}: {too_large}")
        try:
            return json.dumps(value, separators=(",", ":"), ensure_ascii=False)
        except (TypeError, ValueError) as error:
            reason = str(error)
        raise ParamValidationError(f"{label}: not JSON-serialisable: {reason}")
    raise wrong_type(label, "a dict, list or JSON text", value)


def wire_list(value: Any, label: str) -> list[Any] | tuple[Any, ...]:
    """A repeated parameter's values (`Name.1`, `Name.2`...): a list or tuple."""
    if isinstance(value, list | tuple):
        return value
    raise wrong_type(label, "a list", value)
