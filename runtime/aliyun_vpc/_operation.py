"""Operation descriptors: what a generated client method hands the runtime.

A generated method is a typed signature and one call:

    return self._call(_models.create_vpc.CREATE_VPC, request, locals())

The descriptor (`Operation`) is defined in the model module, beside the request and response classes
it holds; the models package imports that module when the first call names it (a model module is
imported by the first call that needs it, not before). `build_request` turns the method's arguments
(its `locals()`) into the request model.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Generic, Protocol, Self, TypeVar

from .exceptions import ParamValidationError

if TYPE_CHECKING:
    from ._meta import OperationMeta

__all__ = ["NOT_FIELDS", "Operation", "RequestModel", "ResponseModel", "build_request"]


class RequestModel(Protocol):
    """A generated request class: its fields become wire parameters."""

    def to_query(self) -> dict[str, str]: ...


class ResponseModel(Protocol):
    """A generated response class: built from the parsed body."""

    @classmethod
    def from_wire(cls, data: Mapping[str, Any]) -> Self: ...


Request = TypeVar("Request", bound=RequestModel)
Response = TypeVar("Response", bound=ResponseModel)

#: The generated method's own locals that are not request fields (the generator keeps request
#: fields from taking these names).
NOT_FIELDS = frozenset({"self", "request"})


class Operation(Generic[Request, Response]):
    """One operation: its wire name, request class and response class; its behaviour row (the
    generated `OPERATIONS` entry) is looked up on the first call."""

    __slots__ = ("_meta", "name", "request_class", "response_class")

    def __init__(self, name: str, request: type[Request], response: type[Response]) -> None:
        self.name = name  # wire Action, the key of the generated OPERATIONS table
        self.request_class = request
        self.response_class = response
        self._meta: OperationMeta | None = None

    @property
    def meta(self) -> OperationMeta:
        meta = self._meta
        if meta is None:
            from ._generated.operations import OPERATIONS

            meta = self._meta = OPERATIONS[self.name]
        return meta

    def wire_params(self, request: Request | None, arguments: Mapping[str, Any]) -> dict[str, str]:
        """The wire parameters of one call (see `build_request`)."""
        return build_request(self.request_class, request, arguments).to_query()

    def parse(self, body: Mapping[str, Any]) -> Response:
        """The typed response of a parsed body."""
        return self.response_class.from_wire(body)

    def __repr__(self) -> str:
        return f"Operation({self.name!r})"


def build_request(
    cls: type[Request], request: Request | None, arguments: Mapping[str, Any]
) -> Request:
    """The request model given, or one built from the keyword arguments (never both: a keyword
    that is not None next to a request is refused); `arguments` is the generated method's
    `locals()`: `self`, `request` and one entry per keyword, None when not given. A required one
    left at None is refused when the request is encoded (`ParamValidationError`, naming it). A
    positional request of another class (a dict, another operation's request) is refused, naming
    both."""
    fields = {name: value for name, value in arguments.items() if name not in NOT_FIELDS}
    if request is None:
        return cls(**fields)
    if any(value is not None for value in fields.values()):
        raise TypeError("pass a request object or keyword arguments, not both")
    if not isinstance(request, cls):
        given = type(request)
        raise ParamValidationError(
            f"expected a {cls.__module__}.{cls.__qualname__}, got "
            f"{given.__module__}.{given.__qualname__}"
        )
    return request
