"""Tests for the shared tab-export primitives (generator.extract.tabular), on verbatim excerpts.

Excerpts use '⇥' for a tab so they read like the QUIRKS survey.
"""

from __future__ import annotations

import pytest

from generator.extract.tabular import (
    Line,
    drop_repeated_rows,
    example_kind,
    heading_of,
    join_split_code,
    join_split_value,
    read_code_blocks,
    read_tables,
    reattach_cut_tails,
    split_mark,
    split_sections,
    to_error,
    to_field,
    to_param,
)


def lines_of(text: str, first: int = 1) -> list[Line]:
    return [Line(n, t.replace("⇥", "\t")) for n, t in enumerate(text.split("\n"), start=first)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("4. VPN Gateway", ("4", "VPN Gateway")),
        ("4.1. CreateVpnGateway", ("4.1", "CreateVpnGateway")),
        ("8.SSL-VPN", ("8", "SSL-VPN")),
        (
            "4.13 CreatePhysicalConnectionOccupancyOrder",
            ("4.13", "CreatePhysicalConnectionOccupancyOrder"),
        ),
        ("6 Border Gateway Protocol (BGP)", ("6", "Border Gateway Protocol (BGP)")),
        ("1.1. 調用API", ("1.1", "調用API")),
        ("1. Create the string to be signed by using the request parameter.", None),
        ("4.1. CreateVpnGateway⇥14", None),
        ("400⇥InvalidParams. AlreadyExists⇥bgp network already exists⇥x", None),
        ("- 1.** You shall download and obtain this document", None),
    ],
)
def test_heading_of(text: str, expected: tuple[str, str] | None) -> None:
    assert heading_of(lines_of(text)[0]) == expected


def test_split_sections_keeps_preamble_and_cuts_at_every_depth() -> None:
    doc = lines_of(
        "Legal disclaimer\n\n4. VPN Gateway\n\n4.1. CreateVpnGateway\n\nsummary\n8.SSL-VPN"
    )
    preamble, sections = split_sections(doc)
    assert [line.text for line in preamble] == ["Legal disclaimer", ""]
    assert [(s.number, s.title, s.line, s.depth) for s in sections] == [
        ("4", "VPN Gateway", 3, 1),
        ("4.1", "CreateVpnGateway", 5, 2),
        ("8", "SSL-VPN", 8, 1),
    ]
    assert [line.text for line in sections[1].body] == ["", "summary"]


# 004 line 294-303: one request table cut three times by page breaks (header repeated).
CUT_REQUEST_TABLE = """Request parameters

Parameter⇥Type⇥Required ?⇥Example value⇥Description
Action⇥String⇥Yes⇥CreatePhysicalConnection⇥The name of this action. Value: CreatePhysicalConnection

Parameter⇥Type⇥Required ?⇥Example value⇥Description
ClientToken⇥String⇥Yes⇥dgfdg12344ff⇥The client token.

Response parameters

Parameter⇥Type⇥Example value⇥Description
RequestId⇥String⇥8A6A5EC5-6F6C-4906-9689-56ACE58A13E0⇥The request ID."""


def test_read_tables_merges_repeated_headers_and_splits_on_new_header() -> None:
    tables, stray = read_tables(lines_of(CUT_REQUEST_TABLE))
    assert stray == []
    assert [(t.kind, t.heading, t.line) for t in tables] == [
        ("request", "Request parameters", 3),
        ("response", "Response parameters", 11),
    ]
    request = tables[0]
    assert [row.get("name") for row in request.rows] == ["Action", "ClientToken"]
    assert [row.after_header_repeat for row in request.rows] == [False, True]
    assert request.columns == ("name", "type", "required", "example", "description")


def test_read_tables_error_header_variants_and_separator_row() -> None:
    text = (
        "Error codes\n\nHttpCode⇥Error codes⇥Error message⇥Description\n"
        "400⇥InvalidName⇥The name is not valid⇥x\n\n"
        "HTTP status code⇥Error code⇥Error message⇥Description\n"
        "------------------⇥------------⇥---------------⇥-------------\n\n"
        "400⇥VpnGateway.Configuring⇥The specified service is configuring.⇥y"
    )
    tables, stray = read_tables(lines_of(text))
    assert stray == []
    (table,) = tables  # both header spellings give the same columns: a page break, not a new table
    assert table.kind == "error"
    assert [to_error(row).code for row in table.rows] == [
        "InvalidName",
        "VpnGateway.Configuring",
    ]


def test_read_tables_reports_headerless_rows_and_ignores_fenced_lines() -> None:
    text = "Style⇥Description⇥Example\nBold⇥Bold formatting⇥Click OK .\n```\na⇥b\n```"
    tables, stray = read_tables(lines_of(text))
    assert tables == []
    assert [line.number for line in stray] == [1, 2]


def test_a_table_goes_on_over_blank_lines() -> None:
    # 003 line 333-334: a continuation line with leading tabs after a blank line.
    text = (
        "Name⇥Type⇥Required?⇥Description\n"
        "LineOperator⇥String⇥Yes⇥Carrier providing physical lines for access. Optional values:\n\n"
        '⇥⇥⇥<ul style="list-style-type: none"> - CT - China Telecom'
    )
    (table,), stray = read_tables(lines_of(text))
    first, after_blank = table.rows
    assert first.get("name") == "LineOperator"
    assert (after_blank.line, after_blank.get("name")) == (4, "")
    assert after_blank.get("description").startswith("<ul")
    assert stray == []


def test_reattach_cut_tail_002_line_2212() -> None:
    text = (
        "Parameter⇥Type⇥Required⇥Example⇥Description\n"
        "IkeConfig⇥String⇥No⇥<pre>{}</pre>⇥<p>Phase 1:</p> The default value is the public IP address of the\n\n"
        "Parameter⇥Type⇥Required⇥Example⇥Description\n"
        "IpsecConfig⇥String⇥No⇥<pre>{}</pre>⇥<p>customer gateway.</p> <p>The configurations of Phase 2 negotiations:</p>"
    )
    (table,), _ = read_tables(lines_of(text))
    assert reattach_cut_tails(table) == [2]
    ike, ipsec = table.rows
    assert ike.get("description").endswith("public IP address of the customer gateway.")
    assert ipsec.get("description") == "<p>The configurations of Phase 2 negotiations:</p>"


def test_reattach_leaves_complete_cells_alone() -> None:
    # 002 line 2335-2337: a lower-case cell that does not follow a page break.
    text = (
        "Parameter⇥Type⇥Example⇥Description\n"
        "EnableDpd⇥Boolean⇥true⇥<p>Indicates whether to enable DPD.</p>\n\n"
        "Parameter⇥Type⇥Example⇥Description\n"
        "EnableNatTraversal⇥Boolean⇥true⇥<p>indicates whether to enable the NAT traversal feature.</p>"
    )
    (table,), _ = read_tables(lines_of(text))
    assert reattach_cut_tails(table) == []
    assert table.rows[1].get("description").startswith("<p>indicates")


def test_drop_repeated_rows_004_spec_twice() -> None:
    text = (
        "Parameter⇥Type⇥Example value⇥Description\n"
        "Spec⇥String⇥Large⇥The specification of the physical connection.\n"
        "Spec⇥String⇥Large⇥The specification of the physical connection.\n"
        "Status⇥String⇥Initial⇥x"
    )
    (table,), _ = read_tables(lines_of(text))
    dropped = drop_repeated_rows(table)
    assert [row.line for row in dropped] == [3]
    assert [row.get("name") for row in table.rows] == ["Spec", "Status"]


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("└ IkeConfig", (True, "IkeConfig")),
        ("↳VpnGatewayId", (True, "VpnGatewayId")),
        ("<code>↳Remoteld</code>", (True, "Remoteld")),
        ("L_SslVpnServerId", (True, "SslVpnServerId")),
        ("<code>L-Status</code>", (True, "Status")),
        ("<code>TotalCount</code>", (False, "TotalCount")),
        ("LocalAsn", (False, "LocalAsn")),
        ("VlanInterf aceId", (False, "VlanInterfaceId")),
    ],
)
def test_split_mark(cell: str, expected: tuple[bool, str]) -> None:
    assert split_mark(cell) == expected


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("InvalidVpnGateway InstanceId.NotFound", "InvalidVpnGatewayInstanceId.NotFound"),
        ("InvalidFilterKey .ValueNotSupported", "InvalidFilterKey.ValueNotSupported"),
        ("InvalidParams. AlreadyExists", "InvalidParams.AlreadyExists"),
    ],
)
def test_join_split_code(code: str, expected: str) -> None:
    assert join_split_code(code) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("vsw- bp1y9ovl1cu9ou4tv ****", "vsw-bp1y9ovl1cu9ou4tv****"),
        ("54B48E3D-DF70- 471B-AA93- 08E683A1B457", "54B48E3D-DF70-471B-AA93-08E683A1B457"),
        ("2017-06-08T12:20 :55", "2017-06-08T12:20:55"),
        ("VPN gateway", "VPN gateway"),
        ("Example for China site: PREPAY. Example for international site: POSTPAY", None),
        ('<pre>{"IpsecEncAlg": "aes", "IpsecLifetime": 86400}</pre>', None),
        ("Room Ax-x, Building B, No. x of xxx Avenue, New York, US", None),
    ],
)
def test_join_split_value(value: str, expected: str | None) -> None:
    assert join_split_value(value) == (value if expected is None else expected)


def test_records_clean_name_type_example_but_keep_description_html() -> None:
    text = (
        "Parameter⇥Type⇥Example value⇥Description\n"
        "<code>TotalCount</code>⇥Integer⇥<code>10</code>⇥<p>The number.</p> <i>x</i>\n"
        "VpnGateways⇥N/A⇥N/A⇥A list of VPN Gateways."
    )
    (table,), _ = read_tables(lines_of(text))
    total, gateways = (to_field(row, table) for row in table.rows)
    assert (total.name, total.type, total.example) == ("TotalCount", "Integer", "10")
    assert total.description == "<p>The number.</p> <i>x</i>"
    assert (gateways.type, gateways.example, gateways.marked) == ("N/A", "N/A", False)


def test_param_without_example_column_has_none_example() -> None:
    text = "Parameter⇥Type⇥Required?⇥Description\nFormat⇥String⇥No⇥The format."
    (table,), _ = read_tables(lines_of(text))
    param = to_param(table.rows[0], table)
    assert (param.name, param.required, param.example, param.line) == ("Format", "No", None, 2)


# 004 line 338-346: XML example split over two fences at a page break.
SPLIT_XML = """XML format

```
<CreatePhysicalConnectionResponse>
  <PhysicalConnectionId>pc-*****</PhysicalConnectionId>
```

```
</CreatePhysicalConnectionResponse>
```

JSON format

```
{
  "PhysicalConnectionId":"pc-*****"
}
```"""


def test_code_blocks_join_split_xml_and_keep_next_block() -> None:
    xml, json_block = read_code_blocks(lines_of(SPLIT_XML))
    assert xml.text == (
        "<CreatePhysicalConnectionResponse>\n"
        "  <PhysicalConnectionId>pc-*****</PhysicalConnectionId>\n"
        "</CreatePhysicalConnectionResponse>"
    )
    assert (xml.line, xml.label, example_kind(xml.text)) == (4, "XML format", "xml")
    assert [line for line, _ in xml.repairs] == [9]
    assert (json_block.label, example_kind(json_block.text), json_block.repairs) == (
        "JSON format",
        "json",
        [],
    )


def test_closing_brace_after_fence_appended_to_cut_json() -> None:
    # 004 line 1565-1572 (DeleteVirtualBorderRouter)
    text = '```\n{\n  "RequestId": "0ED8D006"\n```\n\n}\n\nError codes'
    (block,) = read_code_blocks(lines_of(text))
    assert block.text == '{\n  "RequestId": "0ED8D006"\n}'
    assert block.repairs == [(6, "appended '}' found after the fence")]


def test_stray_brace_after_complete_json_dropped_and_noted() -> None:
    # 004 line 1178-1192 (CreatePhysicalConnectionSetupOrder)
    text = '```\n{\n  "code": "200",\n  "success": true\n}\n```\n\n}\n\nError codes'
    (block,) = read_code_blocks(lines_of(text))
    assert block.text == '{\n  "code": "200",\n  "success": true\n}'
    assert block.repairs == [(8, "dropped stray '}' after the fence")]


def test_tail_blocks_of_requests_and_json_members_are_joined() -> None:
    # 004 line 640-649 (request cut before '&<CommonParameters>') and 002 line 2487-2501.
    request = "```\nhttps://vpc.aliyuncs.com/?Action=X\n&RegionId=cn-shanghai\n```\n\n```\n&<CommonParameters>\n```"
    (block,) = read_code_blocks(lines_of(request))
    assert block.text.endswith("&RegionId=cn-shanghai\n&<CommonParameters>")
    member = (
        '```\n{\n  "A": 1,\n}\n```\n\n```\n\n"VpnBgpConfig": {\n  "Status": "success"\n}\n}\n\n```'
    )
    (block,) = read_code_blocks(lines_of(member))
    assert '"A": 1,\n}\n\n"VpnBgpConfig"' in block.text


def test_unfenced_labelled_json_is_read() -> None:
    # 004 line 2676-2680 (ModifyBgpGroupAttribute)
    text = '- JSON format\n\n"RequestId": "C1221A1F-2ACD-4592-8F27-474E02883159"\n\nError codes'
    (block,) = read_code_blocks(lines_of(text))
    assert (block.text, block.line, block.label) == (
        '"RequestId": "C1221A1F-2ACD-4592-8F27-474E02883159"',
        3,
        "- JSON format",
    )
    assert example_kind(block.text) == "json"


def test_prose_after_a_label_is_not_a_block() -> None:
    assert read_code_blocks(lines_of("JSON format\n\nThe response is empty.\n")) == []
