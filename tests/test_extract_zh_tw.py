"""Parser for the Traditional Chinese VPC document (001): quirk excerpts and whole-document checks.

Excerpts are copied from spec/sources/vpc-api-reference-zh-tw-20220317.txt (source lines in the
comments; long cells abridged); tabs are written as \\t and code fences as FENCE.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.documents import document_info
from generator.extract.raw import RawDocument, RawField, RawOperation, RawParam
from generator.extract.zh_tw import parse

SOURCE = Path(__file__).resolve().parents[1] / "spec" / "sources"
FILE = "vpc-api-reference-zh-tw-20220317.txt"
INFO = document_info("vpc-zh-tw-20220317")
PARAM_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9]*(\.(N|M|n|m|[A-Za-z][A-Za-z0-9]*))*$")
FENCE = "```"


def parse_text(tmp_path: Path, text: str) -> RawDocument:
    path = tmp_path / FILE
    path.write_text(text.replace("FENCE", FENCE), encoding="utf-8")
    return parse(path, INFO)


def only_operation(document: RawDocument) -> RawOperation:
    assert len(document.operations) == 1
    return document.operations[0]


def warned(document: RawDocument) -> dict[int, str]:
    return {warning.line: warning.message for warning in document.warnings}


@pytest.fixture(scope="module")
def document() -> RawDocument:
    return parse(SOURCE / FILE, INFO)


# -- excerpts ---------------------------------------------------------------------------------

# Lines 474 and 592-686 (abridged): sub-table 'Vpc' under 'Vpcs', XML example copied from CreateVpc.
DESCRIBE_VPCS = """3. 專用網路 (VPC)

3.3. DescribeVpcs

查詢已建立的VPC。

請求參數

名稱\t類型\t是否必須\t描述
Action\tString\t是\t要執行的操作。取值： <i>DescribeVpcs</i>
PageSize\tInteger\t否\t分頁查詢時每頁的行數，最大值為50，預設值為10。

返回參數

名稱\t類型\t描述
RequestId\tString\t請求ID。
Vpcs\tJSON String\tVPC的詳細資料。

Vpc

名稱\t類型\t描述
VpcId\tString\tVPC的ID。
UserCidrs\tString\t使用者側網段的列表。

樣本

請求樣本

FENCE
https://vpc.aliyuncs.com/?Action=DescribeVpcs
&RegionId=us-west-1
&公共請求參數
FENCE

返回樣本

- XML格式

FENCE
<?xml version="1.0" encoding="UTF-8"?>
<CreateVpcResponse>
  <RequestId>0ED8D006-F706-4D23-88ED-E11ED28DCAC0</RequestId>
</CreateVpcResponse>
FENCE

- JSON格式

FENCE
{
  "PageNumber": 1,
  "RequestId": "9B941224-B647-4644-A746-641906D6B954"
}
FENCE
"""


def test_operation_named_from_the_section_title_in_its_chapter(tmp_path: Path) -> None:
    op = only_operation(parse_text(tmp_path, DESCRIBE_VPCS))
    assert (op.name, op.title, op.line, op.group) == (
        "DescribeVpcs",
        "3.3. DescribeVpcs",
        3,
        "專用網路 (VPC)",
    )
    assert op.summary == "查詢已建立的VPC。"
    assert op.action_value == "DescribeVpcs"
    assert [(p.name, p.type, p.required, p.example) for p in op.params] == [
        ("Action", "String", "是", None),
        ("PageSize", "Integer", "否", None),
    ]


def test_item_sub_table_rows_get_the_container_as_parent(tmp_path: Path) -> None:
    op = only_operation(parse_text(tmp_path, DESCRIBE_VPCS))
    assert [(f.name, f.type, f.parent) for f in op.response] == [
        ("RequestId", "String", None),
        ("Vpcs", "JSON String", None),
        ("VpcId", "String", "Vpcs"),
        ("UserCidrs", "String", "Vpcs"),
    ]


def test_examples_kept_with_placeholder_and_copied_xml(tmp_path: Path) -> None:
    document = parse_text(tmp_path, DESCRIBE_VPCS)
    request, xml, json = only_operation(document).examples
    assert (request.kind, request.label, request.line) == ("request", "請求樣本", 30)
    assert request.text.endswith("&公共請求參數")
    assert (xml.kind, xml.label) == ("xml", "XML格式")
    assert "<CreateVpcResponse>" in xml.text
    assert (json.kind, json.label) == ("json", "JSON格式")
    assert json.text.startswith("{") and json.text.endswith("}")
    assert list(warned(document)) == [xml.line]
    assert "CreateVpcResponse" in warned(document)[xml.line]


# Lines 2112-2153 (abridged): an 'XML格式' block holding an XML declaration and a JSON body.
TERMINATE = """8.物理專線

8.6. TerminatePhysicalConnection

在物理專線開通後終止物理專線接入。

請求參數

名稱\t類型\t是否必須\t描述
Action\tString\t是\t要執行的操作。取值： <i>TerminatePhysicalConnection</i>

返回樣本

XML格式

FENCE
<?xml version="1.0" encoding="UTF-8"?>
{
  "RequestId": "513E0A50-4F2D-4CBE-BF35-40559DF65D79"
}
FENCE
"""


def test_xml_labelled_json_block_is_json(tmp_path: Path) -> None:
    document = parse_text(tmp_path, TERMINATE)
    op = only_operation(document)
    assert op.group == "物理專線"
    (example,) = op.examples
    assert (example.kind, example.label, example.line) == ("json", "XML格式", 17)
    assert list(warned(document)) == [17]


# Lines 1238-1265 (abridged): request sub-table 'Next HopList', '參數' header and a dashes row.
DELETE_ROUTE_ENTRY = """6.路由表

6.2. DeleteRouteEntry

刪除VPC路由器或邊界路由器的路由表中的路由條目。

請求參數

名稱\t類型\t是否必須\t描述
Action\tString\t是\t要執行的操作。取值： DeleteRouteEntry
NextHopList\tList\t否\t路由條目的下一跳列表。在刪除ECMP路由條目時，指定該參數。

Next HopList

參數\t類型\t是否必須\t描述
----\t----\t------\t----

參數\t類型\t是否必須\t描述
NextHopType\tString\t否\t下一跳的類型
NextHopId\tString\t否\t下一跳執行個體的ID。

返回參數

名稱\t類型\t描述
RequestId\tString\t請求ID。
"""


def test_request_sub_table_rows_get_their_parameter_as_parent(tmp_path: Path) -> None:
    document = parse_text(tmp_path, DELETE_ROUTE_ENTRY)
    op = only_operation(document)
    assert op.group == "路由表"
    assert op.action_value == "DeleteRouteEntry"
    assert [(p.name, p.parent, p.line) for p in op.params] == [
        ("Action", None, 10),
        ("NextHopList", None, 11),
        ("NextHopType", "NextHopList", 19),
        ("NextHopId", "NextHopList", 20),
    ]
    assert [f.parent for f in op.response] == [None]
    assert document.warnings == []


# Lines 3492-3503 and 4358-4375 (abridged): Simplified headings and a glued '删除' header cell.
SIMPLIFIED = """10.BGP

10.7. DeleteBgpPeer

删除指定的BGP邻居。

请求参数

名称\t类型\t是否必须\t描述
Action\tString\t是\t要执行的操作。取值： <i>DeleteBgpPeer</i>

名稱\t類型\t是否必須\t描述
BgpPeerId\tString\t是\tBGP鄰居的ID。

返回參數

名稱\t類型\t描述
RequestId\tString\t請求ID。

11.NAT Gateway

11.9. DeleteForwardEntry

删除指定的DNAT条目。

 说明 当DNAT表中有DNAT条目的状态为Pending或Modifying时，无法删除DNAT条目。

请求参数

删除名称\t类型\t是否必须\t描述
Action\tString\t是\t要执行的操作。取值： <i>DeleteForwardEntry</i>
ForwardEntryId\tString\t是\tDNAT条目ID。

返回参数

名称\t类型\t描述
RequestId\tString\t请求ID。
"""


def test_simplified_headings_and_glued_header_cell(tmp_path: Path) -> None:
    document = parse_text(tmp_path, SIMPLIFIED)
    peer, forward = document.operations
    assert (peer.group, forward.group) == ("BGP", "NAT Gateway")
    assert [p.name for p in peer.params] == ["Action", "BgpPeerId"]
    assert [p.name for p in forward.params] == ["Action", "ForwardEntryId"]
    assert [f.name for f in forward.response] == ["RequestId"]
    assert (
        forward.description
        == "说明 当DNAT表中有DNAT条目的状态为Pending或Modifying时，无法删除DNAT条目。"
    )
    assert document.warnings == []


# Lines 543-558 and 901-904: the name cell lost from the RequestId and Action rows.
LOST_NAMES = """3. 專用網路 (VPC)

3.2. DeleteVpc

刪除一個专有網路 (VPC)。

請求參數

名稱\t類型\t是否必須\t描述
\tString\t是\t要執行的操作。取值： <i>DeleteVpc</i>
VpcId\tString\t是\t要刪除的VPC的ID。

返回參數

名稱\t類型\t描述
\tString\t請求ID。
"""


def test_lost_name_cells_restored_from_the_description(tmp_path: Path) -> None:
    document = parse_text(tmp_path, LOST_NAMES)
    op = only_operation(document)
    assert [p.name for p in op.params] == ["Action", "VpcId"]
    assert op.action_value == "DeleteVpc"
    assert [(f.name, f.type) for f in op.response] == [("RequestId", "String")]
    assert sorted(warned(document)) == [10, 16]
    assert "RequestId" in warned(document)[16]


# Lines 2313-2387 (abridged): new-style tables, 返回資料, error table and the error-centre pointer.
OCCUPANCY_ORDER = """8.物理專線

8.10. CreatePhysicalConnectionOccupancyOrder

調用CreatePhysicalConnectionOccupancyOrder建立資源佔用費訂單。

調試

前往【[API Explorer](#)】線上調試，API Explorer 提供線上調用 API。

請求參數

名稱\t類型\t是否必選\t樣本值\t描述
Action\tString\t是\tCreatePhysicalConnectionOccupancyOrder\t要執行的操作。 取值： CreatePhysicalConnectionOccupancyOrder 。
Period\tInteger\t否\t1\t購買時間長度。

返回資料

名稱\t類型\t樣本值\t描述
RequestId\tString\tCBCE910E-D396-4944-8764-B4047838B2D1\t請求ID。

錯誤碼

HttpCode\t錯誤碼\t錯誤資訊\t描述
404\tInvalidPhysicalConnectionId.NotFound\tThe PhysicalConnectionId provided does not exist in our records.\t該物理專線不存在。
400\tForbidden.NotAllowedInState\tThe request does not allow in this state.\t該狀態無法執行請求。

訪問[錯誤中心](#)查看更多錯誤碼。
"""


def test_new_style_tables_with_example_column(tmp_path: Path) -> None:
    document = parse_text(tmp_path, OCCUPANCY_ORDER)
    op = only_operation(document)
    assert op.summary == "調用CreatePhysicalConnectionOccupancyOrder建立資源佔用費訂單。"
    assert op.description == ""  # the 調試 paragraph is not part of the description
    assert [(p.name, p.required, p.example) for p in op.params] == [
        ("Action", "是", "CreatePhysicalConnectionOccupancyOrder"),
        ("Period", "否", "1"),
    ]
    assert op.action_value == "CreatePhysicalConnectionOccupancyOrder"
    assert [(f.name, f.example, f.description) for f in op.response] == [
        ("RequestId", "CBCE910E-D396-4944-8764-B4047838B2D1", "請求ID。")
    ]
    assert document.warnings == []


def test_error_table_and_pointer_to_the_error_centre(tmp_path: Path) -> None:
    op = only_operation(parse_text(tmp_path, OCCUPANCY_ORDER))
    assert [(e.http_status, e.code, e.description, e.line) for e in op.errors] == [
        ("404", "InvalidPhysicalConnectionId.NotFound", "該物理專線不存在。", 25),
        ("400", "Forbidden.NotAllowedInState", "該狀態無法執行請求。", 26),
    ]
    assert op.errors[1].message == "The request does not allow in this state."
    assert op.refers_to_common_errors


# Lines 4474-4480 and 6056-6079 (abridged): another operation's Action value; a response header
# repeated mid-table.
ACTION_AND_REPEAT = """11.NAT Gateway

11.11. DescribeSnatTableEntries

查詢已建立的SNAT條目。

請求參數

名稱\t類型\t是否必須\t描述
Action\tString\t是\t要執行的操作。取值： <i>DescribeForwardTableEntries</i>
SnatTableId\tString\t是\tSNAT表ID。

12.VPN網關

12.20. DescribeVpnConnections

查詢已建立的IPsec串連。

返回參數

名稱\t類型\t描述
RequestId\tString\t請求ID。
PageNumber\tInteger\t當前頁碼。

名稱\t類型\t描述
PageSize\tString\t每頁包含多少條目。
VpnConnections\tList\tIPsec串連列表的詳細資料。
"""


def test_section_title_names_the_operation_action_value_kept(tmp_path: Path) -> None:
    document = parse_text(tmp_path, ACTION_AND_REPEAT)
    snat = document.operations[0]
    assert (snat.name, snat.action_value) == (
        "DescribeSnatTableEntries",
        "DescribeForwardTableEntries",
    )
    assert 10 in warned(document)


def test_response_header_repeated_mid_table_continues_it(tmp_path: Path) -> None:
    connections = parse_text(tmp_path, ACTION_AND_REPEAT).operations[1]
    assert [(f.name, f.parent) for f in connections.response] == [
        ("RequestId", None),
        ("PageNumber", None),
        ("PageSize", None),
        ("VpnConnections", None),
    ]


# Lines 6011 and 2524: misspelt names are delivered as written.
TYPOS = """12.VPN網關

12.19. CreateVpnConnection

建立IPsec串連。

請求參數

名稱\t類型\t是否必須\t描述
Action\tString\t是\t要執行的操作。取值： <i>CreateVpnConnection</i>
IpssecConfig\tJSON String\t否\t<p>第二階段協商的配置資訊：</p>
PeerGatewayIps\tString\t是\tVBR的客戶側互聯IP。
"""


def test_misspelt_names_delivered_as_written(tmp_path: Path) -> None:
    op = only_operation(parse_text(tmp_path, TYPOS))
    assert [(p.name, p.type) for p in op.params[1:]] == [
        ("IpssecConfig", "JSON String"),
        ("PeerGatewayIps", "String"),
    ]
    assert op.params[1].description == "<p>第二階段協商的配置資訊：</p>"


# -- the whole document -----------------------------------------------------------------------


def test_operation_count_matches_the_section_headings(document: RawDocument) -> None:
    # 92 'N.M. <Name>' headings in chapters 3-15 (4+2+4+2+6+11+7+10+13+23+1+2+7).
    assert len(document.operations) == 92
    names = [op.name for op in document.operations]
    assert len(set(names)) == len(names)
    assert len({op.group for op in document.operations}) == 13


def test_parameter_and_field_names_are_wire_names(document: RawDocument) -> None:
    rows: list[RawParam | RawField] = [p for op in document.operations for p in op.params]
    rows += [field for op in document.operations for field in op.response]
    assert [row.name for row in rows if not PARAM_NAME.match(row.name)] == []


def test_every_operation_has_an_action_row_and_examples(document: RawDocument) -> None:
    assert all(op.action_value for op in document.operations)
    mismatched = {
        op.name: op.action_value for op in document.operations if op.name != op.action_value
    }
    assert mismatched == {
        "DescribeSnatTableEntries": "DescribeForwardTableEntries",
        "DescribeVpnGateway": "DescribeVpnGateways",
    }
    assert all(op.examples for op in document.operations)


def test_common_parameters(document: RawDocument) -> None:
    """Section 1.2, lines 268-286: the table is split by a repeated header."""
    assert [(p.name, p.required, p.line) for p in document.common_parameters] == [
        ("Format", "否", 277),
        ("Version", "是", 278),
        ("AccessKeyId", "是", 279),
        ("Signature", "是", 280),
        ("SignatureMethod", "是", 281),
        ("Timestamp", "是", 284),
        ("SignatureVersion", "是", 285),
        ("SignatureNonce", "是", 286),
    ]
    assert document.common_errors == []


def test_golden_create_common_bandwidth_package(document: RawDocument) -> None:
    """Lines 6462-6517, read line by line. Besides 001 only 000 documents this operation."""
    op = next(op for op in document.operations if op.name == "CreateCommonBandwidthPackage")
    assert (op.title, op.line, op.group) == ("13.1. CreateCommonBandwidthPackage", 6464, "共用頻寬")
    assert (op.summary, op.description) == ("建立共用頻寬。", "")
    assert [(p.name, p.type, p.required, p.line) for p in op.params] == [
        ("Action", "String", "是", 6471),
        ("RegionId", "String", "是", 6472),
        ("Bandwidth", "Integer", "是", 6473),
        ("InternetChargeType", "String", "否", 6474),
        ("Ratio", "Integer", "否", 6475),
        ("Name", "String", "否", 6476),
        ("Description", "String", "否", 6477),
    ]
    assert op.params[4].description.startswith("共用頻寬的保底百分比，取值範圍為[10, 100]")
    assert "<code>http://</code>" in op.params[5].description
    assert [(f.name, f.type, f.description, f.line) for f in op.response] == [
        ("RequestId", "String", "請求ID。", 6482),
        ("BandwidthPackageId", "String", "共用頻寬的ID。", 6483),
    ]
    assert op.errors == [] and not op.refers_to_common_errors
    request, json, xml = op.examples
    assert (request.kind, request.line) == ("request", 6490)
    assert request.text.splitlines()[1] == "&RegionID=cn-hangzhou"
    assert (json.kind, json.label, json.line) == ("json", "JSON格式", 6501)
    assert '"CreateCommonBandwidthPackageResponse": {' in json.text
    assert (xml.kind, xml.label, xml.line) == ("xml", "XML格式", 6512)
    assert xml.text.endswith("</CreateCommonBandwidthPackageResponse>")


def test_warnings_are_genuine_defects(document: RawDocument) -> None:
    lines = warned(document)
    assert "RequestId" in lines[561] and "Action" in lines[904]
    assert "holds json" in lines[2149]
    assert "DescribeForwardTableEntries" in lines[4481]
    xml_roots = [line for line, message in lines.items() if "XML example's root" in message]
    assert {646, 798, 1750}.issubset(xml_roots)
    assert len(lines) == len(document.warnings) <= 20
