"""Parser for the undated Express Connect document (003): quirk excerpts and whole-document checks.

Excerpts are copied verbatim from spec/sources/express-connect-api-reference-en-undated.txt (line
numbers in the test names' comments); tabs are written as \\t.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.documents import document_info
from generator.extract.ec_en_undated import parse
from generator.extract.raw import RawDocument, RawField, RawOperation, RawParam

SOURCE = Path(__file__).resolve().parents[1] / "spec" / "sources"
FILE = "express-connect-api-reference-en-undated.txt"
INFO = document_info("ec-en-undated")
PARAM_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9]*(\.(N|M|n|m|[A-Za-z][A-Za-z0-9]*))*$")


def parse_text(tmp_path: Path, text: str) -> RawDocument:
    path = tmp_path / FILE
    path.write_text(text, encoding="utf-8")
    return parse(path, INFO)


def only_operation(document: RawDocument) -> RawOperation:
    assert len(document.operations) == 1
    return document.operations[0]


@pytest.fixture(scope="module")
def document() -> RawDocument:
    return parse(SOURCE / FILE, INFO)


def operation(document: RawDocument, name: str) -> RawOperation:
    return next(op for op in document.operations if op.name == name)


# -- excerpts ---------------------------------------------------------------------------------

# Lines 314-336 (abridged): prose title, Name header with a 'Name' parameter, continuation line.
CREATE = (
    "Physical Connection Related Interfaces\n\n"
    "Apply for Physical Connection access\n\n"
    "Description\n\n"
    "- Created Physical Connections are in Initial state.\n\n"
    "Request parameters\n\n"
    "Name\tType\tRequired?\tDescription\n"
    "Action\tString\tYes\tRequired parameter, with a value: CreatePhysicalConnection.\n"
    "LineOperator\tString\tYes\tCarrier providing physical lines for access. Optional values:\n"
    "\n"
    '\t\t\t<ul style="list-style-type: none"> - CT - China Telecom - CU - China Unicom\n'
    "Name\tString\tNo\tPhysical Connection name.\n"
)


def test_prose_title_operation_named_by_action_row(tmp_path: Path) -> None:
    op = only_operation(parse_text(tmp_path, CREATE))
    assert op.name == "CreatePhysicalConnection"
    assert op.action_value == "CreatePhysicalConnection"
    assert op.title == "Apply for Physical Connection access"
    assert op.group == "Physical Connection Related Interfaces"
    assert op.line == 3


def test_name_header_versus_name_parameter(tmp_path: Path) -> None:
    op = only_operation(parse_text(tmp_path, CREATE))
    assert [p.name for p in op.params] == ["Action", "LineOperator", "Name"]
    assert op.params[2].description == "Physical Connection name."


def test_continuation_line_with_leading_tabs_joins_the_row_above(tmp_path: Path) -> None:
    op = only_operation(parse_text(tmp_path, CREATE))
    line_operator = op.params[1]
    assert line_operator.line == 13
    assert line_operator.description == (
        "Carrier providing physical lines for access. Optional values: "
        '<ul style="list-style-type: none"> - CT - China Telecom - CU - China Unicom'
    )


# Lines 409-437: split Action value and split parameter names, Markdown separator row.
MODIFY = (
    "Physical Connection Related Interfaces\n\n"
    "Modify Physical Conneciton attributes\n\n"
    "Description\n\n"
    "Modifies Physical Conneciton attributes.\n\n"
    "Request parameters\n\n"
    "Name\tType\tRequired?\tDescription\n"
    "Action\tString\tYes\tRequired parameter, with a value: ModifyPhysicalConnec tionAttribute\n"
    "PhysicalConnectionI d\tString\tYes\tID of the Physical Conneciton whose attributes need"
    " modification\n"
    "RedundantPhysicalC onnectionId\tString\tNo\tRedundant Physical Conneciton ID\n"
    "ClientToken\tString\tNo\tIt is used to ensure the idempotence of the request.\n"
    "--\t--\t--\t--\n\n"
    "Return parameters\n\n"
    "The return parameters are all public return parameters.\n"
)


def test_split_action_value_and_names_are_rejoined(tmp_path: Path) -> None:
    op = only_operation(parse_text(tmp_path, MODIFY))
    assert op.name == "ModifyPhysicalConnectionAttribute"
    assert op.summary == "Modifies Physical Conneciton attributes."
    assert [p.name for p in op.params] == [
        "Action",
        "PhysicalConnectionId",
        "RedundantPhysicalConnectionId",
        "ClientToken",
    ]


def test_markdown_separator_row_is_not_a_parameter(tmp_path: Path) -> None:
    document = parse_text(tmp_path, MODIFY)
    assert all(not p.name.startswith("-") for p in only_operation(document).params)
    assert document.warnings == []


# Lines 824-845: the Action value on the continuation line.
RECOVER = (
    "Virtual Border Router Related Interfaces\n\n"
    "Restore a VBR\n\n"
    "Description\n\n"
    "Restores a VBR.\n\n"
    "Request parameters\n\n"
    "Name\tType\tRequired?\tDescription\n"
    "Action\tString\tYes\tRequired parameter,\n"
    "\n"
    "\t\t\twith a value: RecoverVirtualBorderRouter\n"
    "RegionId\tString\tYes\tRegion\n"
)


def test_action_value_on_a_continuation_line(tmp_path: Path) -> None:
    op = only_operation(parse_text(tmp_path, RECOVER))
    assert op.name == "RecoverVirtualBorderRouter"
    assert (
        op.params[0].description == "Required parameter, with a value: RecoverVirtualBorderRouter"
    )
    assert [p.name for p in op.params] == ["Action", "RegionId"]


# Lines 1197-1226 (abridged): column-split name, 'Error Code' heading and capitalised header.
DELETE_ROUTE = (
    "Route Table Related Interfaces\n\n"
    "Delete a custom route\n\n"
    "Description\n\n"
    "Delete the specified RouteEntry\n\n"
    "Request Parameters\n\n"
    "Name\tType\tRequired?\tDescription\n"
    "Action\tString\tYes\tRequired parameter, with a value:DeleteRouteEntry\n"
    "DestinationCidrBloc\tString\tYes\tThe RouteEntry' s\n"
    "\n"
    "k\t\t\tDestCidrBlock\n"
    "NextHopId\tString\tYes\tThe RouteEntry's next hop ID\n\n"
    "Error Code\n\n"
    "Error Code\tDescription\tHttp status code\tMeaning\n"
    "IncorretRouteEntryStatus\tSome route entry status blocked this operation.\t400\t1. If any"
    " route entry is in an intermediate status, a route entry cannot be deleted.\n"
    "InvalidRouteTableId.NotFound\tSpecified route table does not exist.\t404\tThe RouteTableId"
    " does not exist\n"
)


def test_column_split_parameter_name(tmp_path: Path) -> None:
    op = only_operation(parse_text(tmp_path, DELETE_ROUTE))
    destination = op.params[1]
    assert (destination.name, destination.type, destination.required) == (
        "DestinationCidrBlock",
        "String",
        "Yes",
    )
    assert destination.description == "The RouteEntry' s DestCidrBlock"
    assert op.params[2].name == "NextHopId"


def test_error_code_variant_columns_and_typo_kept(tmp_path: Path) -> None:
    op = only_operation(parse_text(tmp_path, DELETE_ROUTE))
    first, second = op.errors
    assert (first.code, first.http_status) == ("IncorretRouteEntryStatus", "400")
    assert first.message == "Some route entry status blocked this operation."
    assert first.description.startswith("1. If any route entry")
    assert (second.code, second.http_status, second.message) == (
        "InvalidRouteTableId.NotFound",
        "404",
        "Specified route table does not exist.",
    )
    assert not op.refers_to_common_errors


# Lines 352-370 (abridged): error table in code/message/status/meaning order, split row.
ERRORS = (
    "Physical Connection Related Interfaces\n\n"
    "Cancel Physical Connection access\n\n"
    "Description\n\n"
    "Cancels Physical Connection access.\n\n"
    "Request parameters\n\n"
    "Name\tType\tRequired?\tDescription\n"
    "Action\tString\tYes\tRequired parameter, with a value: CancelPhysicalConnection\n\n"
    "Error codes\n\n"
    "Error code\tDescription\tHTTP status code\tMeaning\n"
    "InvalidRedundantPhysicalConnectionStat\tinvalid redundant physical connection\t400\t"
    "The specified RedundantPhysicalC\n"
    "\n"
    "us\tstatus.\t\tonnection status is invalid.\n"
    "InvalidCircuitCode.Malformed\tcircuitCode is illegal.\t400\tThe specified CircuitCode is"
    " invalid.\n"
    "InvalidRegionId.NotFound\t\t404\tThe specified RegionID does not exist.\n"
)


def test_row_split_column_wise_rejoins_every_cell(tmp_path: Path) -> None:
    op = only_operation(parse_text(tmp_path, ERRORS))
    split = op.errors[0]
    assert split.code == "InvalidRedundantPhysicalConnectionStatus"
    assert split.message == "invalid redundant physical connection status."
    assert split.http_status == "400"
    assert split.line == 17
    assert [error.code for error in op.errors[1:]] == [
        "InvalidCircuitCode.Malformed",
        "InvalidRegionId.NotFound",
    ]
    assert op.errors[2].message == ""


# Lines 1228-1255 (abridged): named-type response, lower-case types, pointer to common errors.
DESCRIBE_ROUTE_TABLES = (
    "Route Table Related Interfaces\n\n"
    "Query the RouteEntry list\n\n"
    "Description\n\n"
    "Query the list of route tables under the user name.\n\n"
    "Request Parameters\n\n"
    "Name\tType\tRequired?\tDescription\n"
    "Action\tString\tYes\tRequired parameter, with a value:DescribeRouteTables\n"
    "PageNumber\tint\tNo\tPage number of the instance status list.\n"
    "RegionId\tstring\tYes\tRegion of the instance\n\n"
    "Return Parameters\n\n"
    "Name\tType\tDescription\n"
    "RouteTables\tRouteTableSetType\tRouteTable details, RouteTableSetType collection\n"
    "TotalCount\tInteger\tThe number of items on the list\n\n"
    "Error Code\n\n"
    "Refer to Public Error Codes.\n"
)


def test_named_type_and_lower_case_types_kept_verbatim(tmp_path: Path) -> None:
    document = parse_text(tmp_path, DESCRIBE_ROUTE_TABLES)
    op = only_operation(document)
    assert [(p.name, p.type) for p in op.params[1:]] == [
        ("PageNumber", "int"),
        ("RegionId", "string"),
    ]
    assert [(f.name, f.type) for f in op.response] == [
        ("RouteTables", "RouteTableSetType"),
        ("TotalCount", "Integer"),
    ]
    assert document.warnings == []  # undefined named types are enrich's to resolve or report


def test_refer_to_public_error_codes(tmp_path: Path) -> None:
    op = only_operation(parse_text(tmp_path, DESCRIBE_ROUTE_TABLES))
    assert op.refers_to_common_errors
    assert op.errors == []


# Lines 1328-1349 and 1499-1526 (abridged): the Data Type appendix.
DATA_TYPES = (
    "Data Type\n\n"
    "AccessPointSetType\n\n"
    "Description\n\n"
    "Set of leased line access point information. It is a list comprised of AccessPointTypes.\n\n"
    "Node name\n\n"
    "It depends on the interface.\n\n"
    "Subnode\n\n"
    "AccessPointType\n\n"
    "VirtualBorderRouterForPhysicalConnectionTy\n\n"
    "pe\n\n"
    "Description\n\n"
    "Set of VBR information on a physical leased line\n\n"
    "Node name\n\n"
    "It depends on the interface.\n\n"
    "Subnode\n\n"
    "Name\tType\tDescription\n"
    "VbrId\tString\tVBR ID\n"
    "VbrOwnerUid\tString\tUID of a VBR owner. If the VBR owner is the physical leased line"
    " owner, an empty value is returned.\n\n"
    "Appendix\n"
)


def test_set_type_is_a_list_of_its_subnode(tmp_path: Path) -> None:
    named = parse_text(tmp_path, DATA_TYPES).named_types[0]
    assert (named.name, named.item_type, named.fields, named.line) == (
        "AccessPointSetType",
        "AccessPointType",
        [],
        3,
    )


def test_broken_type_heading_and_its_fields(tmp_path: Path) -> None:
    document = parse_text(tmp_path, DATA_TYPES)
    named = document.named_types[1]
    assert named.name == "VirtualBorderRouterForPhysicalConnectionType"
    assert named.item_type is None
    assert [(f.name, f.type, f.parent) for f in named.fields] == [
        ("VbrId", "String", named.name),
        ("VbrOwnerUid", "String", named.name),
    ]
    assert document.warnings == []


# -- the whole document -----------------------------------------------------------------------


def test_operation_count_matches_the_section_titles(document: RawDocument) -> None:
    # 26 sections: 7 physical connection, 7 VBR, 6 router interface, 3 route table, 3 region.
    assert len(document.operations) == 26
    names = [op.name for op in document.operations]
    assert len(set(names)) == len(names)
    assert all(op.name == op.action_value for op in document.operations)


def test_parameter_and_field_names_are_wire_names(document: RawDocument) -> None:
    rows: list[RawParam | RawField] = [p for op in document.operations for p in op.params]
    rows += [field for op in document.operations for field in op.response]
    rows += [field for named in document.named_types for field in named.fields]
    assert [row.name for row in rows if not PARAM_NAME.match(row.name)] == []


def test_chapters_become_groups(document: RawDocument) -> None:
    groups = {op.group for op in document.operations}
    assert groups == {
        "Physical Connection Related Interfaces",
        "Virtual Border Router Related Interfaces",
        "Router Interface Related Interfaces",
        "Route Table Related Interfaces",
        "Region Related Interfaces",
    }


def test_common_parameters_and_errors(document: RawDocument) -> None:
    assert [p.name for p in document.common_parameters] == [
        "Format",
        "Version",
        "AccessKeyId",
        "Signature",
        "SignatureMethod",
        "Timestamp",
        "SignatureVersion",
        "SignatureNonce",
    ]
    assert document.common_parameters[4].description == (
        "The signature method. HMAC-SHA1 currently supported."
    )
    # 41 rows under 'Public Error Codes' (line 185 on), 2 under 'Server Errors' (line 1600 on).
    assert len(document.common_errors) == 43
    nonce = next(e for e in document.common_errors if e.code.startswith("SignatureNonce"))
    assert (nonce.code, nonce.line) == ("SignatureNonceUsed", 200)
    assert [e.code for e in document.common_errors[-2:]] == ["ServiceUnavailable", "InternalError"]


def test_named_types_of_the_appendix(document: RawDocument) -> None:
    by_name = {named.name: named for named in document.named_types}
    assert by_name["PhysicalConnectionSetType"].item_type == "PhysicalConnectionType"
    assert by_name["NextHopListType"].item_type == "NextHopItemType"
    assert by_name["VirtualBorderRouterSetType"].item_type == "VirtualBorderRouterType"
    assert "VirtualBorderRouterForPhysicalConnectionType" in by_name
    assert len(by_name["RouterInterfaceItemType"].fields) == 23
    assert "OppositeInterfaceBusinessStatus" in {
        f.name for f in by_name["RouterInterfaceItemType"].fields
    }


def test_golden_describe_physical_connections(document: RawDocument) -> None:
    """Lines 372-407, read line by line, with its named-type response (lines 1398-1446)."""
    op = operation(document, "DescribePhysicalConnections")
    assert (op.title, op.line) == ("Query the Physical Connection list", 372)
    assert op.summary == "Queries the Physical Connection list"
    assert [(p.name, p.type, p.required, p.line) for p in op.params] == [
        ("Action", "String", "Yes", 384),
        ("RegionId", "String", "Yes", 385),
        ("Filter.n.Key", "String", "No", 386),
        ("Filter.n.Value.m", "String", "No", 387),
        ("PageNumber", "Integer", "No", 388),
        ("PageSize", "Integer", "No", 391),
    ]
    assert op.params[4].description.endswith("the content of the last page is returned.")
    assert [(f.name, f.type, f.line) for f in op.response] == [
        ("PhysicalConnectionSet", "PhysicalConnectionSetType", 398),
        ("TotalCount", "Integer", 399),
        ("PageNumber", "Integer", 400),
        ("PageSize", "Integer", 401),
    ]
    assert [(e.code, e.http_status, e.line) for e in op.errors] == [
        ("InvalidRegionId.NotFound", "404", 406),
        ("InvalidFilterKey.ValueNotSupported", "404", 407),
    ]
    by_name = {named.name: named for named in document.named_types}
    item = by_name[by_name["PhysicalConnectionSetType"].item_type or ""]
    assert [f.name for f in item.fields] == [
        "PhysicalConnectionId",
        "AccessPointId",
        "Type",
        "Status",
        "BusinessStatus",
        "CreationTime",
        "EnabledTime",
        "LineOperator",
        "Spec",
        "PeerLocation",
        "PortType",
        "RedundantPhysicalConnectionId",
        "Name",
        "Description",
        "ADLocation",
        "PortNumber",
        "CircuitCode",
        "Bandwidth",
    ]
    assert next(f.type for f in item.fields if f.name == "CircuitCode") == "Long"
    status = next(f for f in item.fields if f.name == "Status")
    assert "- being allocated - Allocated" in status.description


def test_warnings_are_the_known_defects(document: RawDocument) -> None:
    lines = {w.line: w.message for w in document.warnings}
    assert sorted(lines) == [646, 818]
    assert "'Caller'" in lines[646] and "'r'" in lines[818]
