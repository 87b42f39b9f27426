"""The installed package against the real spec (`aliyun_vpc_simulator/data/spec.json`).

Every operation's documented JSON example response parses into its response model with each
documented field it contains populated; every request built from the documented parameter examples
flattens to exactly the documented wire names. Where a document's example contradicts its own
tables, the disagreement is listed in `EXPECTED_DEFECTS` with the evidence, so a new defect (or a
fixed one) fails the test instead of passing silently.
"""

from __future__ import annotations

import importlib
import json
import logging
import sys
import types
import typing
from collections.abc import Iterator
from importlib import resources
from typing import Any

import attrs
import pytest
from aliyun_vpc._generated.operations import OPERATIONS

Node = dict[str, Any]  # one operation, parameter or response field of the JSON spec

#: "Operation.path.to[].Key: problem" -> why the documents disagree there, with line references.
EXPECTED_DEFECTS: dict[str, str] = {
    **{
        f"{op}: requestId undocumented": f"ec-en-20200415 l.{line}: the example writes "
        "`requestId`; the table documents `RequestId`."
        for op, line in (
            ("ApplyPhysicalConnectionLOA", 964),
            ("CompletePhysicalConnectionLOA", 1027),
            ("CreatePhysicalConnectionOccupancyOrder", 1098),
            ("DescribePhysicalConnectionLOA", 1294),
        )
    },
    "CreateNatGateway: forwardTableIds undocumented": "vpc-en-20190918 l.23261: the example "
    "writes `forwardTableIds`; the table documents `ForwardTableIds`.",
    "CreateNatGateway: natGatewayId undocumented": "vpc-en-20190918 l.23259: the example writes "
    "`natGatewayId`; the table documents `NatGatewayId`.",
    "CreateNatGateway: snatTableIds undocumented": "vpc-en-20190918 l.23256: the example writes "
    "`snatTableIds`; the table documents `SnatTableIds` (l.23228).",
    "DescribeEipGatewayInfo.EipInfos[]: IP undocumented": "vpc-en-20190918 l.32421: the example "
    "writes `IP`; the table documents `Ip`.",
    "DescribeRouteTableList: Success undocumented": "vpc-en-20190918 l.4428: the example has "
    "`Success` (next to `Code` and `message`), which the response table does not list.",
    "DescribeVpnConnections.VpnConnections[]: status undocumented": "vpn-en-20200917 l.2649: "
    "the example writes `status`; the table documents `Status`.",
    "DescribeVpnConnections.VpnConnections[].IkeConfig: RemotId undocumented": "vpn-en-20200917 "
    "l.2656: the example misspells `RemoteId` as `RemotId`.",
    "DownloadVpnConnectionConfig.VpnConnectionConfig.IkeConfig: Localld undocumented": (
        "vpn-en-20200917 l.3005: the example writes `Localld` (lower-case L for I)."
    ),
    "DownloadVpnConnectionConfig.VpnConnectionConfig.IkeConfig: Remoteld undocumented": (
        "vpn-en-20200917 l.2998: the example writes `Remoteld` (lower-case L for I)."
    ),
    "DescribeVirtualBorderRouters.VirtualBorderRouterSet[]: VlanInterfacId undocumented": (
        "ec-en-20200415 l.1729: the example misspells `VlanInterfaceId` as `VlanInterfacId`."
    ),
    "ModifyVRouterAttribute: RouteTableId undocumented": "vpc-en-20190918 l.4031: the example "
    "returns RouteTableId, VpcId and VRouterId; the response table lists only RequestId.",
    "ModifyVRouterAttribute: VRouterId undocumented": "as ModifyVRouterAttribute RouteTableId.",
    "ModifyVRouterAttribute: VpcId undocumented": "as ModifyVRouterAttribute RouteTableId.",
    "DescribeSslVpnClientCerts: SslVpnServers undocumented": "vpc-zh-tw-20220317 l.6415: the "
    "operation's example is a `DescribeSslVpnServersResponse` (copied from 12.13).",
    **{
        f"ModifySslVpnServer: {key} undocumented": "vpc-zh-tw-20220317 l.5783: the JSON example "
        "is DescribeSslVpnServers' paged list, not the single server the table documents."
        for key in ("PageNumber", "PageSize", "SslVpnServers", "TotalCount")
    },
}


@pytest.fixture(scope="module")
def operations() -> list[Node]:
    text = (
        resources.files("aliyun_vpc_simulator")
        .joinpath("data/spec.json")
        .read_text(encoding="utf-8")
    )
    found: list[Node] = json.loads(text)["operations"]
    return found


def _resolve(qualified: str) -> Any:
    module, _, name = qualified.partition(":")
    return getattr(importlib.import_module(module), name)


def _attribute_of(cls: type) -> dict[str, str]:
    """Wire name -> Python attribute name of a generated model class."""
    return {f.metadata["wire"]: f.name for f in attrs.fields(cls) if "wire" in f.metadata}


def _empty(value: Any) -> bool:
    """No data: None, "", an empty list, or a (list wrapper) object holding only empty values."""
    if isinstance(value, dict):
        return all(_empty(item) for item in value.values())
    return value is None or value == "" or value == []


def _items(raw: Any, item_name: str | None) -> list[Any]:
    if isinstance(raw, dict) and item_name in raw:
        raw = raw[item_name]
    return raw if isinstance(raw, list) else [raw]


def _problems(model: Any, fields: list[Node], example: dict[str, Any], path: str) -> Iterator[str]:
    """Each way the parsed `model` fails to reflect the `example` the documents give."""
    documented = {field["name"] for field in fields}
    for key in sorted(model.extra):
        yield f"{path}: {key} {'not converted' if key in documented else 'undocumented'}"
    names = _attribute_of(type(model))
    for field in fields:
        raw = example.get(field["name"])
        if _empty(raw) or field["name"] in model.extra:
            continue
        value = getattr(model, names[field["name"]])
        where = f"{path}.{field['name']}"
        if _empty(value):
            yield f"{where}: not populated"
        elif field["type"] == "object" and field["fields"]:
            yield from _problems(value, field["fields"], raw, where)
        elif field["type"] == "list" and field["fields"]:
            raws = _items(raw, field["item_name"])
            if len(value) != len(raws):
                yield f"{where}: {len(value)} items parsed from {len(raws)}"
            for item, item_raw in zip(value, raws, strict=False):
                yield from _problems(item, field["fields"], item_raw, f"{where}[]")


def test_example_responses_populate_every_documented_field(
    operations: list[Node], caplog: pytest.LogCaptureFixture
) -> None:
    usable = [op for op in operations if isinstance(op["examples"]["response_json"], dict)]
    assert len(usable) > len(operations) // 2  # the documents give JSON examples for most
    found: set[str] = set()
    passing = 0
    with caplog.at_level(logging.ERROR, logger="aliyun_vpc"):  # mismatches are asserted below
        for op in usable:
            example = op["examples"]["response_json"]
            parsed = _resolve(OPERATIONS[op["name"]].response_class).from_wire(example)
            problems = set(_problems(parsed, op["response"]["fields"], example, op["name"]))
            passing += not problems
            found |= problems
    sys.stderr.write(f"\n{passing} of {len(usable)} example responses parse without a defect\n")
    assert sorted(found - EXPECTED_DEFECTS.keys()) == [], "new disagreements"
    assert sorted(EXPECTED_DEFECTS.keys() - found) == [], "listed defects no longer occur"


# -- requests ------------------------------------------------------------------------------------


def _pattern(wire_name: str) -> str:
    """A wire name with each list index written N: `Filter.2.Value.M` -> `Filter.N.Value.N`."""
    return ".".join(
        "N" if part.upper() in ("N", "M") or part.isdigit() else part
        for part in wire_name.split(".")
    )


def _expected_names(parameters: list[Node]) -> set[str]:
    """The wire names a request with two items in every list produces.

    A row documenting a group (`NextHopList` above `NextHopList.N.NextHopId`) is not sent itself.
    """
    documented = [p["name"] for p in parameters if p["name"] != "Action"]
    parts = [_pattern(name).split(".") for name in documented]
    groups = {".".join(path[:end]) for path in parts for end in range(1, len(path))}
    names: set[str] = set()
    for name in (name for name in documented if _pattern(name) not in groups):
        filled = [""]
        for part in name.split("."):
            if _pattern(part) == "N":
                filled = [f"{head}{index}." for head in filled for index in (1, 2)]
            else:
                filled = [f"{head}{part}." for head in filled]
        names.update(head.rstrip(".") for head in filled)
    return names


def _scalar(annotation: Any, example: str | None) -> tuple[Any, str | None]:
    """A keyword-argument value from a documented example, and its expected wire text."""
    if annotation is bool:
        value = (example or "true").strip().lower() == "true"
        return value, "true" if value else "false"
    if annotation in (int, float):
        try:
            number = annotation(example)
        except (TypeError, ValueError):
            number = annotation(1)
        return number, str(number)
    text = example or "x"
    return text, text


class _RequestBuilder:
    """Keyword arguments for one request class from the documented parameter examples."""

    def __init__(self, parameters: list[Node]) -> None:
        self.by_pattern = {_pattern(p["name"]): p for p in parameters}
        self.expected_values: dict[str, str] = {}  # wire pattern -> wire text

    def arguments(self, cls: type, prefix: str) -> dict[str, Any]:
        hints = typing.get_type_hints(cls, vars(sys.modules[cls.__module__]))
        return {
            field.name: self.value(hints[field.name], f"{prefix}{field.metadata['wire']}")
            for field in attrs.fields(cls)
            if "wire" in field.metadata
        }

    def value(self, annotation: Any, pattern: str) -> Any:
        if _is_union(annotation):
            members = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
            # `X | None` is an X; a wider union is a JSON value, which may be given as text
            annotation = members[0] if len(members) == 1 else str
        if typing.get_origin(annotation) is list:
            (item,) = typing.get_args(annotation)
            return [self.value(item, f"{pattern}.N") for _ in range(2)]
        if attrs.has(annotation):
            return annotation(**self.arguments(annotation, f"{pattern}."))
        value, wire = _scalar(annotation, self.by_pattern[pattern].get("example"))
        self.expected_values[pattern] = wire
        return value


def _is_union(annotation: Any) -> bool:
    return typing.get_origin(annotation) in (typing.Union, types.UnionType)


def test_requests_from_examples_flatten_to_the_documented_wire_names(
    operations: list[Node],
) -> None:
    for op in operations:
        builder = _RequestBuilder(op["parameters"])
        cls = _resolve(OPERATIONS[op["name"]].request_class)
        query = cls(**builder.arguments(cls, "")).to_query()
        assert set(query) == _expected_names(op["parameters"]), op["name"]
        for name, text in query.items():
            assert text == builder.expected_values[_pattern(name)], f"{op['name']} {name}"
