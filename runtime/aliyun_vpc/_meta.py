"""Behaviour as data: the record types the generated `_generated.operations` table is made of.

Handwritten (never overwritten by the generator). The generator emits
`aliyun_vpc/_generated/operations.py` with one `OperationMeta` per operation and the reviewed
paginator and waiter entries of the spec, and `aliyun_vpc/_generated/service.py` with the service
traits (`SERVICE`); the runtime reads them to decide idempotency, retries, error classes, pagination
and waiting, and holds no fact about the API itself.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple


class OperationMeta(NamedTuple):
    name: str  # wire Action, e.g. "CreateVpc"
    method: str  # Python method name, e.g. "create_vpc"
    client_token: bool  # has a ClientToken parameter: auto-filled, reused on every retry
    read_only: bool  # Describe*/List*/Get*...: safe to retry whatever happened
    region_id: bool  # takes RegionId: the runtime fills in the client's region_id when not given
    # Parameters the spec marks `sensitive: true` (wire names, `N`/`M` for list indices): their
    # values never reach a log or an error message.
    sensitive: frozenset[str] = frozenset()


class ServiceTraits(NamedTuple):
    """Facts about the whole service (spec/behaviour.yaml `traits`), generated as `SERVICE`."""

    idempotency_token: str  # the parameter auto-filled per call and reused on every retry
    region_parameter: str  # the parameter filled in from the client's region when not given
    retryable_codes: frozenset[str]  # transient server codes: retried for idempotent calls
    throttling_prefix: str  # codes starting with it are flow-control refusals (ThrottlingError)
    server_error_status: int  # an undocumented code with an HTTP status from here on: ServerError
    filter_parameter: str  # key/value filters: <filter_parameter>.N.<filter_key> and
    filter_key: str  # <filter_parameter>.N.<filter_value>.M
    filter_value: str

    def is_throttling(self, code: str) -> bool:
        """Whether an error code is a flow-control refusal (Throttling, Throttling.User...)."""
        return code.startswith(self.throttling_prefix)


def service_traits() -> ServiceTraits:
    """The generated service traits (`aliyun_vpc._generated.service.SERVICE`)."""
    from ._generated.service import SERVICE

    return SERVICE


class PaginatorMeta(NamedTuple):
    operation: str  # wire Action
    style: str  # "page" (PageNumber/PageSize/TotalCount) or "token" (NextToken/MaxResults)
    input_page: str  # python kwarg: "page_number" or "next_token"
    input_size: str  # python kwarg: "page_size" or "max_results"
    output_items: str  # python attribute of the response holding the page's items, e.g. "vpcs"
    output_total: str | None  # "total_count" when documented
    output_token: str | None  # "next_token" when documented


class WaiterMeta(NamedTuple):
    name: str  # e.g. "vpc_available"
    operation: str  # the Describe* operation to poll, wire Action
    id_argument: str  # python kwarg of the Describe call that selects the resource, e.g. "vpc_id"
    items: str  # python attribute path to the list of resources in the response, e.g. "vpcs"
    status: str  # python attribute of one resource holding its status, e.g. "status"
    success: tuple[str, ...]  # statuses that end the wait successfully
    failure: tuple[str, ...]  # statuses that end it with an error
    # set when the Describe call selects by `Filter.N.Key=<filter_key>` (the id argument's value
    # becomes that filter's value) rather than by the id argument itself
    filter_key: str | None = None
    # with filter_key: the Describe method's argument holding the filters, and the class of one
    # filter (imported by the generated accessor on the first wait)
    filter_argument: str | None = None
    filter_model: Callable[[], type[Any]] | None = None
