"""The whole PDF-export document through `generator.extract.pdf_en.parse`."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest

from generator.documents import document_info
from generator.extract.pdf_en import parse
from generator.extract.raw import RawDocument, RawOperation

SOURCE = Path(__file__).resolve().parent.parent / "spec" / "sources"
PATH = SOURCE / "vpc-api-reference-en-20190918.txt"
INFO = document_info("vpc-en-20190918")
WIRE_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9]*(\.(N|M|[A-Za-z][A-Za-z0-9]*))*$")
# `grep -nE '^ ?[0-9]+\.[0-9]+ ' <document>` lists 154 lines; one of them ('255.252 The subnet
# mask ...', line 11516) is a table cell, so the document has 153 operation sections.
OPERATION_SECTIONS = 153


@pytest.fixture(scope="module")
def document() -> RawDocument:
    return parse(PATH, INFO)


def _operation(document: RawDocument, name: str) -> RawOperation:
    return next(op for op in document.operations if op.name == name)


def test_parses_in_well_under_two_seconds() -> None:
    started = time.perf_counter()
    parse(PATH, INFO)
    assert time.perf_counter() - started < 2.0


def test_every_operation_section_is_found_once(document: RawDocument) -> None:
    names = [op.name for op in document.operations]
    assert len(names) == OPERATION_SECTIONS
    assert len(set(names)) == len(names)
    assert names[0] == "CreateVpc" and names[-1] == "DeleteFlowLog"
    assert all(op.title.endswith(" " + op.name) for op in document.operations)


def test_groups_are_the_chapter_headings(document: RawDocument) -> None:
    groups = list(dict.fromkeys(op.group for op in document.operations))
    assert groups[:4] == ["Virtual Private Cloud (VPC)", "VSwitch", "VRouter", "Route table"]
    assert groups[-2:] == ["EIP", "Flow log API"]
    assert len(groups) == 15


def test_names_are_wire_names_or_reported(document: RawDocument) -> None:
    warned = {w.line for w in document.warnings if "is not an identifier" in w.message}
    rows = [(p.line, p.name) for op in document.operations for p in op.params]
    rows += [(f.line, f.name) for op in document.operations for f in op.response]
    odd = [(line, name) for line, name in rows if not WIRE_NAME.match(name)]
    assert {line for line, _ in odd} == warned
    # DescribeEipAddresses writes literal indices: Filter.1.Key ... Filter.2.Value
    assert sorted(name for _, name in odd) == [
        "Filter.1.Key",
        "Filter.1.Value",
        "Filter.2.Key",
        "Filter.2.Value",
    ]


def test_no_parameter_is_listed_twice(document: RawDocument) -> None:
    for op in document.operations:
        names = [param.name for param in op.params]
        assert len(names) == len(set(names)), op.name


def test_action_rows_name_their_operation(document: RawDocument) -> None:
    mismatched = {
        op.name: op.action_value
        for op in document.operations
        if op.action_value is not None and op.action_value != op.name
    }
    # the document's one defect: the example cell repeats the name (line 9383)
    assert mismatched == {"DescribeBgpGroups": "DescribeBgpGroupsDescribeBgpGroups"}
    assert sum(op.action_value is not None for op in document.operations) == OPERATION_SECTIONS


def test_error_codes_are_rejoined(document: RawDocument) -> None:
    codes = {error.code for op in document.operations for error in op.errors}
    assert "InvalidVpnGatewayInstanceId.NotFound" in codes
    assert "InvalidParameter.Spec.ValueNotSupported" in codes
    shapes = re.compile(r"^[A-Za-z][A-Za-z0-9]*(\.[A-Za-z][A-Za-z0-9]*)*$|^[A-Z][A-Z0-9_.]+$")
    assert [code for code in codes if not shapes.match(code)] == []


def test_json_examples_parse_after_clean_up(document: RawDocument) -> None:
    examples = [e for op in document.operations for e in op.examples if e.kind == "json"]
    failures = []
    for example in examples:
        try:
            json.loads(example.text)
        except json.JSONDecodeError:
            failures.append(example.line)
    assert len(examples) >= OPERATION_SECTIONS
    assert failures == [9084]  # DescribeBgpNetworks lost its inner braces, not only the outer


def test_every_operation_has_one_request_example(document: RawDocument) -> None:
    for op in document.operations:
        requests = [e for e in op.examples if e.kind == "request"]
        assert len(requests) == 1, op.name
        first, *more = requests[0].text.split("\n")
        assert "/?" in first and " " not in requests[0].text, op.name
        assert all(line.startswith("&") for line in more), op.name


def test_summary_is_the_first_sentence_and_bullets_stay_apart(document: RawDocument) -> None:
    op = _operation(document, "CreateVpc")  # lines 1105-1120
    assert op.summary == "Creates a VPC."
    lines = op.description.split("\n")
    assert lines[0] == "Note the following before you call this API action:"
    assert lines[1].startswith("• You can only specify one IP address range for a VPC. You can")
    assert lines[1].endswith("The default CIDR block is 172.16.0.0/12.")
    assert len(lines) == 6
    assert all(op.summary for op in document.operations)


def test_common_parameters(document: RawDocument) -> None:
    assert [(p.name, p.required) for p in document.common_parameters] == [
        ("Format", "No"),
        ("Version", "Yes"),
        ("AccessKeyId", "Yes"),
        ("Signature", "Yes"),
        ("SignatureMethod", "Yes"),
        ("Timestamp", "Yes"),
        ("SignatureVersion", "Yes"),
        ("SignatureNonce", "Yes"),
    ]
    assert document.common_errors == []


def test_overview(document: RawDocument) -> None:
    overview = {name: (summary, line) for name, summary, line in document.overview}
    assert overview["DescribeVpcs"] == ("Query created VPCs.", 146)
    assert overview["DescribeBandwidthPackagePublicIpMonitorData"][0] == (
        "Query the monitoring data of a public IP in the NAT bandwidth package."
    )
    assert overview["ModifyVpcAttribute"][0] == "Modify the name and description of a VPC."
    assert "CreaeNatGateway" in overview  # the overview's typo, kept as printed


def test_warnings_are_few_and_located(document: RawDocument) -> None:
    assert 0 < len(document.warnings) <= 15
    assert all(w.doc == "vpc-en-20190918" and w.line > 0 for w in document.warnings)


# DescribeVpcs, lines 1699-2006, read line by line.
DESCRIBE_VPCS_PARAMS = [
    ("Action", "String", "Yes", "DescribeVpcs", 1713),
    ("RegionId", "String", "No", "cn-hangzhou", 1717),
    ("Isdefault", "Boolean", "No", "false", 1723),
    ("PageNumber", "Integer", "No", "10", 1732),
    ("PageSize", "Integer", "No", "1", 1735),
    ("ResourceGroupId", "String", "No", "xxxxx", 1740),
    ("Tag.N.Key", "String", "No", "Tag.1.name", 1746),
    ("Tag.N.Value", "String", "No", "Tag.1.myvpc", 1759),
    ("VpcId", "String", "No", "vpc-257gq64xxxxx", 1765),
    ("VpcName", "String", "No", "Vpc-1", 1774),
]
DESCRIBE_VPCS_RESPONSE = [
    ("Vpcs", "", None, False, 1778),
    ("CidrBlock", "String", "10.0.0.0/24", True, 1779),
    ("CreationTime", "String", "2018-04-18T15:02:37Z", True, 1780),
    ("Description", "String", "description", True, 1787),
    ("Ipv6CidrBlock", "String", "224.224.223.212/24", True, 1791),
    ("IsDefault", "Boolean", "false", True, 1797),
    ("NatGatewayIds", "", "nat-245xxxftwt4567", True, 1800),
    ("RegionId", "String", "cn-hangzhou", True, 1807),
    ("ResourceGroupId", "String", "rg-acfmxazb4ph6aiy", True, 1810),
    ("RouterTableIds", "", "vtb-bp145q7glnuzdvzu21pom", True, 1817),
    ("Status", "String", "Available", True, 1823),
    ("Tags", "", None, True, 1829),
    ("Key", "String", "env", True, 1830),
    ("Value", "String", "internal", True, 1831),
    ("UserCidrs", "", "10.0.0.0/8", True, 1832),
    ("VRouterId", "String", "vrt-bp1lhl0taikrteen80oxx", True, 1833),
    ("VSwitchIds", "", '{ "VSwitchId": [] }', True, 1836),
    ("VpcId", "String", "vpc-bp15zckdt37pq72zvw3", True, 1837),
    ("VpcName", "String", "vpc1", True, 1840),
    ("TotalCount", "Integer", "1", False, 1841),
    ("PageNumber", "Integer", "1", False, 1842),
    ("PageSize", "Integer", "21", False, 1843),
    ("RequestId", "String", "9B941224-B647-4644-A746-641906D6B954", False, 1846),
]


def test_describe_vpcs_golden(document: RawDocument) -> None:
    op = _operation(document, "DescribeVpcs")
    assert (op.title, op.line, op.group) == (
        "6.3 DescribeVpcs",
        1699,
        "Virtual Private Cloud (VPC)",
    )
    assert op.summary == "Queries VPCs in a region."
    assert op.action_value == "DescribeVpcs"
    assert [(p.name, p.type, p.required, p.example, p.line) for p in op.params] == (
        DESCRIBE_VPCS_PARAMS
    )
    assert [(f.name, f.type, f.example, f.marked, f.line) for f in op.response] == (
        DESCRIBE_VPCS_RESPONSE
    )
    descriptions = {p.name: p.description for p in op.params}
    # printed 'The maximum value is 50 ,' / 'and the default value is 10 .' (lines 1737-1738)
    assert descriptions["PageSize"] == (
        "The number of rows per page. The maximum value is 50, and the default value is 10."
    )
    assert descriptions["VpcId"] == (
        "The ID of the VPC. You can specify up to 20 VPC IDs. Separate multiple VPC IDs with commas."
    )
    assert [(e.http_status, e.code) for e in op.errors] == [("500", "InternalError")]
    assert op.refers_to_common_errors
    assert [(e.kind, e.line) for e in op.examples] == [
        ("request", 1856),
        ("xml", 1861),
        ("json", 1925),
    ]
    body = json.loads(op.examples[2].text)
    assert body["Vpcs"]["Vpc"][0]["ResourceGroupId"] == "rg-acfmxazb4ph6aiy"
    assert body["Vpcs"]["Vpc"][1]["VSwitchIds"] == {"VSwitchId": ["vsw-bp12mw1f8k3jgygk9bmlj"]}
    assert "<CreationTime>2018-12-06T06:11:55Z</CreationTime>" in op.examples[1].text


def test_response_table_headed_request_parameters_is_read_as_response(
    document: RawDocument,
) -> None:
    op = _operation(document, "ModifyBgpGroupAttribute")
    assert [p.name for p in op.params][-1] == "PeerASN"  # line 9652
    assert [f.name for f in op.response] == ["RequestId"]
    assert any(w.line == 9653 for w in document.warnings)


def test_a_scratch_copy_parses_the_same_whatever_else_lies_beside_it(
    document: RawDocument, tmp_path: Path
) -> None:
    """The identifier evidence comes from the document table, not from the folder's other files."""
    copy = tmp_path / PATH.name
    copy.write_bytes(PATH.read_bytes())
    (tmp_path / "unrelated-notes.txt").write_text("ResourceGr oupIdX ClientToke nX\n" * 50)
    assert parse(copy, INFO) == document
