"""Create -> describe (paginated) -> modify -> delete -> gone, for every stateful resource family.

One case per family of the simulator's table (VPC, VSwitch, route table, EIP, NAT gateway, VPN
gateway, customer gateway, IPsec connection, physical connection, VBR), each on a fresh simulator
and entirely through the generated client; request values come from the documents' examples.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import attrs
import pytest
from aliyun_vpc._generated.operations import PAGINATORS
from e2e_support import (
    REGION_ID,
    create_resource,
    documented_status,
    id_values,
    operation_meta,
    request_kwargs,
    spec_operations,
    wire_value,
)

from aliyun_vpc import VpcClient, errors
from aliyun_vpc.exceptions import VpcApiError
from aliyun_vpc_simulator import DEFAULT_ACCESS_KEY_ID, DEFAULT_ACCESS_KEY_SECRET, Simulator
from aliyun_vpc_simulator.families import ResourceFamily, packaged_families

PAGE_SIZE = 2
CREATED = 3  # resources per family: two pages of PAGE_SIZE


@pytest.fixture
def client() -> Iterator[VpcClient]:
    # Resources stay in their initial status until described once (never by the clock).
    with (
        Simulator(ready_after_seconds=3600, ready_after_describes=1) as simulator,
        VpcClient(
            access_key_id=DEFAULT_ACCESS_KEY_ID,
            access_key_secret=DEFAULT_ACCESS_KEY_SECRET,
            region_id=REGION_ID,
            endpoint=simulator.endpoint,
            retry=False,
        ) as opened,
    ):
        yield opened


def dependencies(family: ResourceFamily) -> list[ResourceFamily]:
    """The families whose ids the create operation takes, their own dependencies first."""
    names = {parameter["name"] for parameter in spec_operations()[family.create]["parameters"]}
    ordered: list[ResourceFamily] = []
    for other in packaged_families():
        if other is not family and other.id_field in names:
            ordered.extend(item for item in dependencies(other) if item not in ordered)
            if other not in ordered:
                ordered.append(other)
    return ordered


def listing(client: VpcClient, family: ResourceFamily) -> list[Any]:
    """Every page of the family's list operation, PAGE_SIZE per page."""
    return list(client.paginate(operation_meta(family.describe).method, page_size=PAGE_SIZE))


def items_of(family: ResourceFamily, page: Any) -> list[Any]:
    items: list[Any] = getattr(
        page, PAGINATORS[operation_meta(family.describe).method].output_items
    )
    return items


def all_items(family: ResourceFamily, pages: list[Any]) -> list[Any]:
    return [item for page in pages for item in items_of(family, page)]


def name_parameter(family: ResourceFamily) -> str:
    """The modify operation's name parameter (`VpcName`, `Name`, ...) that list items show."""
    modify = family.modify[0]
    return next(
        str(parameter["name"])
        for parameter in spec_operations()[modify]["parameters"]
        if parameter["name"].endswith("Name") and parameter["name"] != family.id_field
    )


def call(client: VpcClient, action: str, values: dict[str, Any]) -> Any:
    return getattr(client, operation_meta(action).method)(**request_kwargs(action, values))


def has_wire_field(item: Any, wire: str) -> bool:
    return any(field.metadata.get("wire") == wire for field in attrs.fields(type(item)))


def shows_status(family: ResourceFamily, item: Any) -> bool:
    """Whether the family has a status and its list items document a Status field."""
    return family.initial_status is not None and has_wire_field(item, "Status")


def assert_not_found(
    family: ResourceFamily, action: str, raised: pytest.ExceptionInfo[VpcApiError]
) -> None:
    """The family's not-found code with the operation's documented status (the simulator answers
    404 where the table does not list it), as the code's generated class when one exists."""
    error = raised.value
    assert error.code == family.not_found_code
    assert error.http_status == (documented_status(action, error.code) or 404)
    assert isinstance(error, errors.ERRORS_BY_CODE.get(family.not_found_code, VpcApiError))


#: Families whose lifecycle the spec breaks (defects reported; the xfail is strict).
SPEC_DEFECTS: dict[str, str] = {}


def _cases() -> list[Any]:
    cases = []
    for family in packaged_families():
        reason = SPEC_DEFECTS.get(family.name)
        marks = (
            [pytest.mark.xfail(strict=True, raises=AssertionError, reason=reason)] if reason else []
        )
        cases.append(pytest.param(family, marks=marks, id=family.name))
    return cases


@pytest.mark.parametrize("family", _cases())
def test_lifecycle(client: VpcClient, family: ResourceFamily) -> None:
    parents: dict[str, str] = {}
    for needed in dependencies(family):
        parents[needed.id_field] = create_resource(client, needed, parents)
    created = [create_resource(client, family, parents) for _ in range(CREATED)]

    pages = listing(client, family)
    assert [len(items_of(family, page)) for page in pages] == [PAGE_SIZE, CREATED - PAGE_SIZE]
    assert [int(page.total_count) for page in pages] == [CREATED, CREATED]
    listed = all_items(family, pages)
    assert [wire_value(item, family.id_field) for item in listed] == created
    for item in listed:
        for field, parent_id in id_values(family.create, parents).items():
            if has_wire_field(item, field):
                assert wire_value(item, field) == parent_id
        if shows_status(family, item):
            assert str(wire_value(item, "Status")) == family.initial_status

    name = name_parameter(family)
    target, *others = created
    call(
        client,
        family.modify[0],
        {**id_values(family.modify[0], parents), family.id_field: target, name: "renamed-e2e"},
    )
    relisted = all_items(family, listing(client, family))
    names = {wire_value(item, family.id_field): wire_value(item, name) for item in relisted}
    assert names[target] == "renamed-e2e"
    assert all(names[other] != "renamed-e2e" for other in others)
    if shows_status(family, relisted[0]):
        statuses = {str(wire_value(item, "Status")) for item in relisted}
        assert statuses == {family.ready_status or family.initial_status}
    if family.show:
        shown = call(client, family.show, {family.id_field: target})
        assert wire_value(shown, family.id_field) == target

    call(client, family.delete, {family.id_field: target})
    remaining = listing(client, family)
    assert [wire_value(item, family.id_field) for item in all_items(family, remaining)] == others
    assert int(remaining[0].total_count) == CREATED - 1
    with pytest.raises(VpcApiError) as raised:
        call(client, family.delete, {family.id_field: target})
    assert_not_found(family, family.delete, raised)
    with pytest.raises(VpcApiError) as raised:
        call(
            client,
            family.modify[0],
            {**id_values(family.modify[0], parents), family.id_field: target},
        )
    assert_not_found(family, family.modify[0], raised)
    if family.show:
        with pytest.raises(VpcApiError) as raised:
            call(client, family.show, {family.id_field: target})
        assert_not_found(family, family.show, raised)
