"""enrich(): raw rows -> Operations (parameters, errors, examples, sources, warnings)."""

from __future__ import annotations

import pytest

from generator.extract.enrich import clean_example, enrich, is_required, wire_name
from generator.extract.raw import (
    RawDocument,
    RawError,
    RawExample,
    RawField,
    RawNamedType,
    RawOperation,
    RawParam,
)
from generator.model import DocumentInfo, Operation

INFO = DocumentInfo("ec-en-undated", "f.txt", "T", "express-connect", "en", "undated")


def param(
    name: str, type_: str = "String", required: str = "No", example: str | None = None, **kw: str
) -> RawParam:
    return RawParam(
        name,
        type_,
        required,
        example,
        kw.get("description", ""),
        int(kw.get("line", "5")),
        kw.get("parent"),
    )


def enrich_one(
    op: RawOperation, named: list[RawNamedType] | None = None
) -> tuple[Operation, list[str]]:
    ops, warnings = enrich(RawDocument(INFO, [op], named_types=named or []))
    return ops[0], [w.message for w in warnings]


def operation(params: list[RawParam], **kw: object) -> RawOperation:
    return RawOperation(
        name=str(kw.get("name", "CreateThing")),
        title="4.1 CreateThing",
        line=100,
        group="Things",
        params=params,
        **{k: v for k, v in kw.items() if k != "name"},  # type: ignore[arg-type]
    )


def test_action_row_is_dropped_and_a_different_value_is_reported() -> None:
    # 001 l.4481: DescribeSnatTableEntries gives another operation's Action value
    action = param(
        "Action",
        required="是",
        description="要執行的操作。取值： <i>DescribeForwardTableEntries</i>",
    )
    op, warnings = enrich_one(
        operation([action, param("RegionId")], name="DescribeSnatTableEntries")
    )
    assert [p.name for p in op.parameters] == ["RegionId"]
    assert len(warnings) == 1
    assert (
        "DescribeForwardTableEntries" in warnings[0] and "DescribeSnatTableEntries" in warnings[0]
    )


def test_matching_action_row_gives_no_warning() -> None:
    op, warnings = enrich_one(operation([param("Action", example="CreateThing")]))
    assert op.parameters == [] and warnings == []


TYPES = [
    (param("RegionId", "String"), "string"),
    (param("PageNumber", "int"), "integer"),  # 003 l.1058
    (param("OrderId", "Long"), "long"),
    (param("AutoPay", "Boolean"), "boolean"),
    (param("ResourceId.N", "RepeatList"), "string"),  # 002 l.800
    (param("Filter.N.Value.N", "RepeatList"), "string"),  # 004 l.464
    (param("Data", "List"), "list"),
    (param("IpssecConfig", "JSON String"), "json"),  # 001 l.6011
    (
        param("IkeConfig", "String", description='<pre>{"IkeVersion":"ikev1"}</pre>'),
        "json",
    ),  # 002 l.2212
    (param("Config", "String", example='{"a": 1}'), "json"),
    (param("NextHopList", "NextHopListType"), "list"),  # 003 l.1173
]


@pytest.mark.parametrize(("row", "wire_type"), TYPES)
def test_parameter_types(row: RawParam, wire_type: str) -> None:
    named = [RawNamedType("NextHopListType", 1, item_type="NextHopItemType")]
    op, _ = enrich_one(operation([row]), named)
    assert op.parameters[0].type == wire_type
    assert op.parameters[0].doc_type == row.type


def test_unknown_type_is_reported_and_taken_as_string() -> None:
    op, warnings = enrich_one(operation([param("Odd", "Frobnicator")]))
    assert op.parameters[0].type == "string" and "Frobnicator" in warnings[0]


@pytest.mark.parametrize(
    ("name", "parent", "wire"),
    [
        ("Tag . N . Key", None, "Tag.N.Key"),  # 000 l.1746
        ("Filter.n.Key", None, "Filter.N.Key"),  # 003 l.386
        ("Filter.n.Value.m", None, "Filter.N.Value.M"),
        ("Filter.N.Value.N", None, "Filter.N.Value.M"),  # 004 l.464
        ("NextHopType", "NextHopList", "NextHopList.N.NextHopType"),  # 001 l.1254
        ("Key", "Tag.N", "Tag.N.Key"),
        ("<code>RegionId</code>", None, "RegionId"),
    ],
)
def test_wire_names(name: str, parent: str | None, wire: str) -> None:
    assert wire_name(name, parent) == wire


def test_sub_table_rows_replace_their_parent_row() -> None:
    rows = [
        param("NextHopList", "List", "否", description="路由條目的下一跳列表。"),
        param("NextHopType", parent="NextHopList"),
        param("NextHopId", parent="NextHopList"),
    ]
    op, _ = enrich_one(operation(rows))
    assert [p.name for p in op.parameters] == [
        "NextHopList.N.NextHopType",
        "NextHopList.N.NextHopId",
    ]


@pytest.mark.parametrize(
    ("cell", "description", "required"),
    [
        ("Yes", "", True),
        ("No", "", False),
        ("是", "", True),
        ("否", "", False),
        ("", "Required parameter, with a value: CreatePhysicalConnection.", True),
        ("", "Optional. The client token.", False),
        ("No", "Required when InstanceChargeType is PREPAY.", False),
    ],
)
def test_required(cell: str, description: str, required: bool) -> None:
    assert is_required(cell, description) is required


@pytest.mark.parametrize(
    ("example", "name", "clean"),
    [
        ("AccessPointId=ap-cn-beijing-ft-A", "AccessPointId", "ap-cn-beijing-ft-A"),  # 004 l.296
        ("<code>10</code>", "TotalCount", "10"),  # 002 l.2571
        (
            "Example for China site: PREPAY. Example for international site: POSTPAY",
            "InstanceChargeType",
            "PREPAY",
        ),
        ("N/A", "VSwitches", None),
        ("", "X", None),
        ("cn-hangzhou", "RegionId", "cn-hangzhou"),
    ],
)
def test_clean_example(example: str, name: str, clean: str | None) -> None:
    assert clean_example(example, name) == clean


def test_parameter_carries_constraints_plain_description_and_source() -> None:
    description = (
        "<p>The maximum number of clients.</p> <p>Valid values: 5,10, and20.</p> "
        "<p>Default value: 5.</p>"
    )
    op, _ = enrich_one(
        operation(
            [param("SslConnections", "Integer", "No", "5", description=description, line="329")]
        )
    )
    p = op.parameters[0]
    assert (p.enum, p.default, p.example, p.required) == (["5", "10", "20"], "5", "5", False)
    assert (
        p.description
        == "The maximum number of clients.\nValid values: 5,10, and20.\nDefault value: 5."
    )
    assert (p.sources[0].doc, p.sources[0].line, p.sources[0].section) == (
        "ec-en-undated",
        329,
        "4.1 CreateThing",
    )


def test_errors_are_cleaned() -> None:
    errors = [
        RawError(
            "400",
            "InvalidParams. AlreadyExists",
            "The specified ? Description? is not valid.",
            "<p>Bad.</p>",
            3191,
        ),
        RawError("", "InvalidFilterKey .ValueNotSupported", "m", "", 594),
    ]
    op, _ = enrich_one(operation([], errors=errors))
    first, second = op.errors
    assert (first.code, first.http_status, first.message, first.description) == (
        "InvalidParams.AlreadyExists",
        400,
        "The specified ? Description? is not valid.",
        "Bad.",
    )
    assert first.sources[0].line == 3191
    assert (second.code, second.http_status) == ("InvalidFilterKey.ValueNotSupported", None)


def test_operation_facts_examples_and_response() -> None:
    op_raw = operation(
        [],
        summary="Queries <b>things</b>.",
        description="Note:\n- one\n- two",
        response=[RawField("RequestId", "String", "r", "The ID of the request.", 120)],
        examples=[
            RawExample("request", "```\nhttps://vpc.aliyuncs.com/?Action=CreateThing\n```", 110),
            RawExample(
                "json", '{"CreateThingResponse": {"RequestId": "r", "ThingId": "t-1"}}', 115
            ),
        ],
    )
    op, warnings = enrich_one(op_raw)
    assert (op.name, op.product, op.group, op.summary) == (
        "CreateThing",
        "express-connect",
        "Things",
        "Queries things.",
    )
    assert op.description == "Note:\n- one\n- two"
    assert op.examples.response_json == {"RequestId": "r", "ThingId": "t-1"}
    assert op.examples.request == "https://vpc.aliyuncs.com/?Action=CreateThing"
    assert [f.name for f in op.response] == ["RequestId", "ThingId"]
    assert op.sources[0].line == 100
    assert warnings == [
        "response example key 'ThingId' is absent from the response table: added from the example"
    ]


def test_json_parameter_takes_no_constraints_from_its_inner_keys() -> None:
    # 002 l.2212: the description lists IkeVersion's values, which are not IkeConfig's
    description = (
        '<pre>{"IkeVersion":"ikev1"}</pre> IkeVersion: Valid values: ikev1 | ikev2 (default: ikev1)'
    )
    op, _ = enrich_one(operation([param("IkeConfig", "String", description=description)]))
    assert (op.parameters[0].type, op.parameters[0].enum, op.parameters[0].default) == (
        "json",
        [],
        None,
    )


def test_named_list_type_parameter_goes_on_the_wire_as_its_members() -> None:
    # 003 l.1173 'NextHopList NextHopListType'; l.1367-1381 the item type's fields
    named = [
        RawNamedType("NextHopListType", 1383, item_type="NextHopItemType"),
        RawNamedType(
            "NextHopItemType",
            1367,
            fields=[
                RawField("NextHopType", "String", None, "Optional values: Instance, Tunnel", 1380),
                RawField("NextHopId", "String", None, "ID of the next-hop instance", 1381),
            ],
        ),
    ]
    op, warnings = enrich_one(
        operation([param("NextHopList", "NextHopListType", line="1173")]), named
    )
    assert [(p.name, p.type, p.required) for p in op.parameters] == [
        ("NextHopList.N.NextHopType", "string", False),
        ("NextHopList.N.NextHopId", "string", False),
    ]
    assert op.parameters[0].enum == ["Instance", "Tunnel"]
    assert [s.line for s in op.parameters[1].sources] == [1173, 1381]
    assert warnings == []


def test_examples_of_another_operation_add_no_response_keys() -> None:
    # 000 l.21715: DescribeSslVpnClientCerts shows DescribeSslVpnServers' examples
    xml = "<DescribeSslVpnServersResponse><RequestId>r</RequestId><SslVpnServers/>"
    xml += "</DescribeSslVpnServersResponse>"
    op_raw = operation(
        [],
        name="DescribeSslVpnClientCerts",
        response=[RawField("RequestId", "String", "r", "The ID of the request.", 120)],
        examples=[
            RawExample("xml", xml, 130),
            RawExample("json", '{"RequestId": "r", "SslVpnServers": {"SslVpnServer": []}}', 140),
        ],
    )
    op, warnings = enrich_one(op_raw)
    assert [f.name for f in op.response] == ["RequestId"]
    assert warnings == ["response examples are DescribeSslVpnServers's (XML root, keys): not used"]


def test_a_wrong_xml_root_over_the_tables_keys_keeps_the_example() -> None:
    # 001 l.3396: DescribeBgpPeers' own keys inside a <DescribeBgpGroupsResponse>
    xml = "<DescribeBgpGroupsResponse><BgpPeers><BgpPeer><Hold>1</Hold></BgpPeer></BgpPeers>"
    xml += "</DescribeBgpGroupsResponse>"
    op_raw = operation(
        [],
        name="DescribeBgpPeers",
        response=[RawField("BgpPeers", "List", None, "The peers.", 120)],
        examples=[
            RawExample("xml", xml, 130),
            RawExample("json", '{"BgpPeers": {"BgpPeer": [{"Hold": 1}]}}', 140),
        ],
    )
    op, _ = enrich_one(op_raw)
    assert [f.name for f in op.response[0].fields] == ["Hold"]
