"""Hard layout cases of the PDF export, pinned with verbatim excerpts of
spec/sources/vpc-api-reference-en-20190918.txt (line numbers in the test names' comments)."""

from __future__ import annotations

import json

import pytest

from generator.extract.pdf_errors import read_errors
from generator.extract.pdf_examples import read_examples
from generator.extract.pdf_layout import Line, clean_lines
from generator.extract.pdf_tables import Columns, TableRow, header_columns, read_table

REQUEST = Columns(required=True, example=True)
RESPONSE = Columns(required=False, example=True)


def _excerpt(*lines: str) -> list[Line]:
    return clean_lines("\n".join(lines))


def _unknown(_: str) -> bool:
    return False


def _rows(
    lines: list[str], columns: Columns = REQUEST, known: frozenset[str] = frozenset()
) -> list[TableRow]:
    result = read_table(_excerpt(*lines), columns, known.__contains__)
    assert result.stray == []
    return result.rows


def test_name_wrapped_mid_word_and_example_wrapped_into_description() -> None:
    # lines 1152-1162
    rows = _rows(
        [
            "ClientToke",
            "n",
            "",
            "String No sha223ndd2",
            "333 Optional. The client token that",
            "",
            " guarantees the idempotence",
            " of the request. The value of ",
            "this parameter is generated ",
        ]
    )
    assert [(r.name, r.type, r.required, r.example) for r in rows] == [
        ("ClientToken", "String", "No", "sha223ndd2333")
    ]
    assert rows[0].description.startswith("Optional. The client token that guarantees the")
    assert rows[0].line == 1


def test_list_parameter_with_spaced_dots_across_a_page_break_header() -> None:
    # lines 1746-1763: 'Tag . N .' / 'Key', then the header repeated after a page break
    rows = _rows(
        [
            "Tag . N .",
            "Key",
            "",
            "String No Tag.1.name The filter condition. The value ",
            "range of N is 1-5.",
            " Parameter Type Required",
            "?",
            "",
            "Example ",
            "value",
            "",
            "Description",
            "",
            "Tag . N .",
            "Value",
            "",
            "String No Tag.1.myvpc The value of the filter condition",
            ". The value range of N is 1-5.",
        ]
    )
    assert [(r.name, r.example, r.line) for r in rows] == [
        ("Tag.N.Key", "Tag.1.name", 1),
        ("Tag.N.Value", "Tag.1.myvpc", 14),
    ]
    assert rows[0].description == "The filter condition. The value range of N is 1-5."
    assert rows[1].description == "The value of the filter condition. The value range of N is 1-5."


def test_nesting_mark_name_and_rest_of_name_on_three_lines() -> None:
    # lines 1797-1815 (response table of DescribeVpcs)
    rows = _rows(
        [
            "└IsDefault Boolean false Whether the VPC is the default VPC",
            " in this region.",
            "",
            "└",
            "NatGateway",
            "Ids",
            "",
            "nat-245xxxftwt",
            "4567 The ID of the NAT gateway.",
            "",
            "└RegionId String cn-hangzhou The ID of the region to which the ",
            "VPC belongs.",
        ],
        RESPONSE,
    )
    assert [(r.name, r.type, r.example, r.marked) for r in rows] == [
        ("IsDefault", "Boolean", "false", True),
        ("NatGatewayIds", "", "nat-245xxxftwt4567", True),
        ("RegionId", "String", "cn-hangzhou", True),
    ]
    assert rows[1].description == "The ID of the NAT gateway."


def test_name_glued_to_its_type() -> None:
    # lines 3806-3811
    rows = _rows(
        [
            "PageNumberInteger No 10 The number of pages to return. Default",
            "value: 1 .",
            "",
            "PageSize Integer No 10 The number of rows per page.",
        ],
        known=frozenset({"PageNumber"}),
    )
    assert [(r.name, r.type, r.required, r.example) for r in rows] == [
        ("PageNumber", "Integer", "No", "10"),
        ("PageSize", "Integer", "No", "10"),
    ]
    assert rows[0].doubt == ""


def test_action_glued_to_type_with_example_wrapped_after_a_blank_line() -> None:
    # lines 18762-18767: glued header 'ParameterType', 'ActionString', 'CreateSslV' / 'pnServer'
    lines = _excerpt(
        "ParameterType Required? Example value Description",
        "ActionString Yes CreateSslV",
        "",
        "pnServer The name of this action. Value:",
        "CreateSslV pnServer",
    )
    found = header_columns(lines, 0)
    assert found is not None
    columns, start = found
    assert columns == REQUEST
    rows = read_table(lines[start:], columns, _unknown).rows
    assert [(r.name, r.type, r.required, r.example) for r in rows] == [
        ("Action", "String", "Yes", "CreateSslVpnServer")
    ]
    assert rows[0].description == "The name of this action. Value: CreateSslV pnServer"


def test_type_and_required_on_separate_lines() -> None:
    # lines 4762-4768
    rows = _rows(
        [
            "Action String",
            " ",
            "",
            "Yes CreateRout",
            "eTable The name of this action. Value: ",
            "",
            "CreateRout eTable",
        ]
    )
    assert [(r.name, r.type, r.required, r.example) for r in rows] == [
        ("Action", "String", "Yes", "CreateRouteTable")
    ]


def test_example_value_split_over_three_lines() -> None:
    # lines 1255-1265
    rows = _rows(
        [
            "VpcName String No vpc-",
            "hp3ld1aq7k",
            "l4k7skh****",
            "",
            "Optional. The name of the",
            "VPC. The name must be 2 to",
        ]
    )
    assert [(r.name, r.example) for r in rows] == [("VpcName", "vpc-hp3ld1aq7kl4k7skh****")]
    assert rows[0].description == "Optional. The name of the VPC. The name must be 2 to"


def test_multi_word_example_continued_on_the_next_line() -> None:
    # lines 1164-1168
    rows = _rows(
        [
            "Descriptio",
            "n",
            "",
            "String No This is my first",
            " Vpc. Optional. The description",
            "",
            "of the VPC. The description",
        ]
    )
    assert [(r.name, r.example) for r in rows] == [("Description", "This is my first Vpc.")]
    assert rows[0].description == "Optional. The description of the VPC. The description"


def test_footer_glued_to_a_description_and_page_furniture_removed() -> None:
    # lines 21133-21135 and 1915-1924
    lines = _excerpt(
        "the unit is second and the",
        "default value is 86400 .Issue: 20190918 359",
        " Parameter Type Required",
        "</ DescribeVp csResponse >",
        "",
        "36 Issue: 20190918",
        "",
        "Virtual Private Cloud API reference /  6 Virtual Private Cloud (VPC)",
        "     ",
        "https://api.aliyun.com/#product=Vpc&api=DescribeVpcAttribute",
        "• JSON format",
    )
    assert [(line.no, line.text) for line in lines if not line.blank] == [
        (1, "the unit is second and the"),
        (2, "default value is 86400 ."),
        (3, " Parameter Type Required"),
        (4, "</ DescribeVp csResponse >"),
        (11, "• JSON format"),
    ]


def test_error_code_over_four_lines_after_a_repeated_header() -> None:
    # lines 18952-18972: header repeated at a page break, shared message/description line
    rows, stray = read_errors(
        _excerpt(
            " HTTP ",
            "status ",
            "code",
            "",
            "Error code Error message Description",
            "",
            "400 InvalidName The name is not valid The name format is ",
            "invalid.",
            "",
            "404 InvalidVpn",
            "GatewayIns",
            "tanceId.",
            "NotFound",
            "",
            "The specified vpn gateway",
            " instance id does not exist.",
            "",
            "The specified VPN ",
            "connection does not exist",
            ". Check that the VPN ",
            "connection is correct.",
        ),
        _unknown,
    )
    assert stray == []
    assert [(r.status, r.code, r.message, r.description, r.line) for r in rows] == [
        ("400", "InvalidName", "The name is not valid", "The name format is invalid.", 7),
        (
            "404",
            "InvalidVpnGatewayInstanceId.NotFound",
            "The specified vpn gateway instance id does not exist.",
            "The specified VPN connection does not exist. Check that the VPN connection is correct.",
            10,
        ),
    ]


def test_error_code_piece_after_a_blank_line() -> None:
    # lines 23399-23406
    rows, _ = read_errors(
        _excerpt(
            "400 InvalidPar",
            "",
            "ameter.Spec",
            ".ValueNotSu",
            "pported",
            "",
            "The specified Spec is not ",
            "valid.",
            "",
            "The specification is invalid.",
        ),
        _unknown,
    )
    assert [(r.code, r.message) for r in rows] == [
        ("InvalidParameter.Spec.ValueNotSupported", "The specified Spec is not valid.")
    ]


def test_json_example_without_braces_is_despaced_and_closed() -> None:
    # lines 9082-9094 (DescribeBgpNetworks)
    examples = read_examples(
        _excerpt(
            "• JSON format",
            "",
            '  " BgpNetwork s ": {',
            '    " BgpNetwork ": [',
            "      ",
            '        " DstCidrBlo ck ": " 10 . 1 . 1 . 0 / 24 ",',
            '        " VpcId ": ""',
            "      ",
            '  " RequestId ": " 6F513A15 - 669F - 419D - B511 - 08A8529205 9B ",',
            '  " PageSize ": 10 ,',
            '  " TotalCount ": 1',
        )
    )
    assert [(e.kind, e.label, e.line) for e in examples] == [("json", "• JSON format", 3)]
    text = examples[0].text
    assert text.startswith("{\n")
    assert '"BgpNetworks": {' in text
    assert '"DstCidrBlock": "10.1.1.0/24"' in text
    assert '"RequestId": "6F513A15-669F-419D-B511-08A85292059B"' in text


def test_xml_label_followed_by_json_with_a_doubled_brace() -> None:
    # lines 29157-29166
    examples = read_examples(
        _excerpt(
            "Response example",
            "XML format",
            "{{",
            '    " RequestId ": " 01FDDD49 - C4B7 - 4D2A - A8E5 - A93915C450 A6 "',
            "}",
            "",
            "JSON format",
            "{",
            ' " RequestId ":" 01FDDD49 - C4B7 - 4D2A - A8E5 - A93915C450 A6 "',
            " }",
        )
    )
    assert [(e.kind, e.label) for e in examples] == [
        ("json", "XML format"),
        ("json", "JSON format"),
    ]
    for example in examples:
        assert json.loads(example.text) == {"RequestId": "01FDDD49-C4B7-4D2A-A8E5-A93915C450A6"}


def test_xml_and_request_examples_are_despaced() -> None:
    # lines 1298-1310 (CreateVpc)
    examples = read_examples(
        _excerpt(
            "Request example",
            "",
            "https :// vpc . aliyuncs . com /? Action = CreateVpc",
            "& RegionId = cn - hangzhou",
            "&< CommonPara meters >",
            "",
            "Response example",
            "XML  format",
            "< CreateVpcR esponse >",
            "       < ResourceGr oupId > rg - acfmxazb4p h ****</ ResourceGr",
            "oupId >",
            "</ CreateVpcR esponse >",
        )
    )
    assert [(e.kind, e.line) for e in examples] == [("request", 3), ("xml", 9)]
    assert examples[0].text == (
        "https://vpc.aliyuncs.com/?Action=CreateVpc\n&RegionId=cn-hangzhou\n&<CommonParameters>"
    )
    assert examples[1].text == (
        "<CreateVpcResponse>\n"
        "       <ResourceGroupId>rg-acfmxazb4ph****</ResourceGroupId>\n"
        "</CreateVpcResponse>"
    )


def test_lower_case_type_followed_by_required_starts_a_row() -> None:
    # lines 20168-20192 (CreateVpnConnection): 'LocalSubne' / 't' / 'string Yes ...' after the
    # previous row's description; the row used to be swallowed into CustomerGatewayId's description.
    rows = _rows(
        [
            "CustomerGa",
            "tewayId",
            "",
            "String Yes vcg-",
            "bp1q8bgx4x",
            "nkm2ogj0fiu",
            "",
            "The ID of the customer gateway",
            ".",
            "LocalSubne",
            "t",
            "",
            "string Yes 1.1.1.0/24,1.1.2",
            ".0/24",
            "",
            "The CIDR block of the VPC ",
            "to be connected with the on",
            "-premises data center.",
        ],
        known=frozenset({"CustomerGatewayId", "LocalSubnet"}),
    )
    assert [(r.name, r.type, r.required) for r in rows] == [
        ("CustomerGatewayId", "String", "Yes"),
        ("LocalSubnet", "string", "Yes"),
    ]
    assert rows[0].description == "The ID of the customer gateway."
    assert rows[1].description.startswith("The CIDR block of the VPC to be connected")


def test_prose_starting_with_a_lower_case_type_word_is_not_a_row() -> None:
    rows = _rows(["Period Integer No 1 The subscription period, as", "long as the order lasts."])
    assert [r.name for r in rows] == ["Period"]
    assert rows[0].description.endswith("as long as the order lasts.")


def test_wrapped_end_of_a_list_item_is_not_a_container_row() -> None:
    # lines 6402-6422 (DescribeRouteEntryList): 'IP' is a known field name elsewhere in the document
    lines = [
        "String Instance The type of the next hop.",
        "• Instance: ECS instance",
        "• HaVip: High-Availability Virtual",
        "",
        "IP Address",
        "• VpnGateway: VPN Gateway",
        "",
        "Weight Integer 100 The weight of the route entry.",
        "NextHops The list of next hops.",
    ]
    rows = _rows(["NextHopType", "", *lines], RESPONSE, frozenset({"IP", "NextHops"}))
    assert [(r.name, r.type) for r in rows] == [
        ("NextHopType", "String"),
        ("Weight", "Integer"),
        ("NextHops", ""),  # a known name after a finished line still opens a container row
    ]
    assert "High-Availability Virtual IP Address" in rows[0].description


def test_wrapped_end_of_an_example_value_is_not_a_container_row() -> None:
    # lines 6535-6539 (DescribeZones): 'Zone' is a known name (the XML example's <Zone>)
    rows = _rows(
        [
            "Zones N/A N/A A list of zones.",
            "└LocalName String China Hangzhou",
            "",
            " Zone B The name of the zone.",
            "└ZoneId String cn-hangzhou-b The ID of the zone.",
        ],
        RESPONSE,
        frozenset({"Zone", "Zones"}),
    )
    assert [(r.name, r.marked) for r in rows] == [
        ("Zones", False),
        ("LocalName", True),
        ("ZoneId", True),
    ]
    assert rows[1].description.endswith("The name of the zone.")


@pytest.mark.parametrize(
    ("line", "example", "description"),
    [
        ("Description String No My GA The description of the", "My GA", "The description of the"),
        ("└RegionName String China Qingdao The name of the region.", "China Qingdao", "The name"),
        ("└AuthKey String ! PWZ2wsq The authentication key", "!PWZ2wsq", "The authentication key"),
        ("Name String No NAT Gateway Optional. The name of", "NAT Gateway", "Optional. The name"),
        ("└VpcId String vpc-1 The ID of the VPC.", "vpc-1", "The ID of the VPC."),
        ("└Status String Available Available: ready.", "Available", "Available: ready."),
    ],
)
def test_example_cell_before_a_sentence(line: str, example: str, description: str) -> None:
    # lines 27539, 10404 and the DescribeRegions table: a two-word example ends where the sentence
    # opens with an article; one exported with padding after a leading '!' is rejoined
    columns = REQUEST if " No " in line else RESPONSE
    (row,) = _rows([line], columns, frozenset({"Description", "RegionName", "AuthKey", "Name"}))
    assert (row.example, row.description[: len(description)]) == (example, description)


def test_example_wrapped_after_a_hyphen_takes_the_next_token_even_a_capital_a() -> None:
    # lines 6705-6707 (DescribeAccessPoints); the XML example returns 'Beijing-Fengtai-A'
    rows = _rows(["└Name String Beijing-Fengtai-", "", "A The name of the access point."], RESPONSE)
    assert [(r.example, r.description) for r in rows] == [
        ("Beijing-Fengtai-A", "The name of the access point.")
    ]
