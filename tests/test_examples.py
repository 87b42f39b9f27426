"""Tolerant JSON/XML example readers, on the broken examples the documents contain."""

from __future__ import annotations

import pytest

from generator.extract.examples import parse_json_example, parse_xml_example, read_examples
from generator.extract.raw import RawExample

JSON_CASES = [
    # 002 l.371: '<Action>Response' wrapper
    (
        (
            '```\n{\n  "CreateVpnGatewayResponse": {\n    "Name": "myVpn",\n'
            '    "RequestId": "54B4"\n  }\n}\n```'
        ),
        {"Name": "myVpn", "RequestId": "54B4"},
    ),
    # 004 l.2678: unfenced, brace-less
    (
        '"RequestId": "C1221A1F-2ACD-4592-8F27-474E02883159"',
        {"RequestId": "C1221A1F-2ACD-4592-8F27-474E02883159"},
    ),
    # 000 l.9082: brace-less with PDF spacing inside keys
    (
        '  " BgpNetwork s ": {\n   " BgpNetwork ": [ { " DstCidrBlock ": "1" } ]\n },\n " PageSize ": 10',
        {"BgpNetworks": {"BgpNetwork": [{"DstCidrBlock": "1"}]}, "PageSize": 10},
    ),
    # 000 l.29158: '{{'
    ('{{\n "RequestId": "x",\n "Code": 1\n}', {"RequestId": "x", "Code": 1}),
    # 004 l.1187: stray '}' after the closing fence
    ('{\n  "code": "200",\n  "success": true\n}\n```\n\n}', {"code": "200", "success": True}),
    # trailing commas and a missing comma between lines
    ('{\n "A": [1, 2,],\n "B": "x"\n "C": null,\n}', {"A": [1, 2], "B": "x", "C": None}),
    # 001 l.2146: XML declaration in front of a JSON body
    ('<?xml version="1.0" encoding="UTF-8"?>\n{\n "RequestId": "r"\n}', {"RequestId": "r"}),
]


@pytest.mark.parametrize(("text", "expected"), JSON_CASES)
def test_json_examples_are_repaired(text: str, expected: object) -> None:
    assert parse_json_example(text) == expected


def test_hopeless_json_is_none() -> None:
    assert parse_json_example("this is not an example") is None


XML_CASES = [
    # 002 l.2592 / 2605: root without 'Response', doubled '>'
    (
        (
            "<DescribeVpnConnections>\n  <EffectImmediately>>true</EffectImmediately>\n"
            "</DescribeVpnConnections>"
        ),
        {"EffectImmediately": "true"},
    ),
    # 004 l.1268: mismatched tag case
    ("<R>\n  <LineType> MSTP </lineType>\n  <A>1</A>\n</R>", {"LineType": "MSTP", "A": "1"}),
    # 004 l.341/342: stray quote, example split over two fences
    (
        (
            '<CreatePhysicalConnectionResponse>\n  <RequestId>8A6A5EC5"</RequestId>\n'
            "  <PhysicalConnectionId>pc-*****</PhysicalConnectionId>\n```\n\n```\n"
            "</CreatePhysicalConnectionResponse>"
        ),
        {"RequestId": "8A6A5EC5", "PhysicalConnectionId": "pc-*****"},
    ),
    # 000 l.1303: split and padded tag names, a close tag wrapped over two lines
    (
        (
            "< DescribeVp csResponse >\n  < ResourceGr oupId > rg-1 </ ResourceGr\noupId >\n"
            "  < Vpcs >\n    < Vpc >< VpcName /></ Vpc >\n    < Vpc >< VpcName >a</ VpcName ></ Vpc >\n"
            "  </ Vpcs >\n</ DescribeVp csResponse >"
        ),
        {"ResourceGroupId": "rg-1", "Vpcs": {"Vpc": [{"VpcName": ""}, {"VpcName": "a"}]}},
    ),
    # 001 l.6128: an opening tag written where the closing one belongs
    (
        "<R>\n  <status>ipsec_sa_established\n        <status>\n  <Other>1</Other>\n</R>",
        {"status": "ipsec_sa_established", "Other": "1"},
    ),
]


@pytest.mark.parametrize(("text", "expected"), XML_CASES)
def test_xml_examples_are_repaired(text: str, expected: object) -> None:
    assert parse_xml_example(text) == expected


def test_hopeless_xml_is_none() -> None:
    assert parse_xml_example("no tags here") is None


def test_read_examples_counts_json_under_an_xml_label_as_json() -> None:
    read = read_examples(
        [
            RawExample("request", "```\nhttps://vpc.aliyuncs.com/?Action=X\n```", 1),
            RawExample("xml", '{{\n "RequestId": "r"\n}', 5, label="XML format"),
            RawExample("xml", "<XResponse><RequestId>q</RequestId></XResponse>", 9),
        ]
    )
    assert read.examples.request == "https://vpc.aliyuncs.com/?Action=X"
    assert read.examples.response_json == {"RequestId": "r"}
    assert read.examples.response_xml == "<XResponse><RequestId>q</RequestId></XResponse>"
    assert read.response == {"RequestId": "r"} and read.response_is_json


def test_read_examples_falls_back_to_the_xml_tree() -> None:
    read = read_examples([RawExample("xml", "<XResponse><A>1</A></XResponse>", 3)])
    assert read.examples.response_json is None
    assert read.response == {"A": "1"} and not read.response_is_json
