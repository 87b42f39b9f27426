"""Lists whose wrapper key the documents never name are read in every wire form the service uses."""

from __future__ import annotations

import json
from typing import Any

import pytest

from aliyun_vpc.models import DescribeRouteTablesRouteTable as RouteTable
from aliyun_vpc.models import Vpc
from aliyun_vpc.parsing import parse_body

TWO_TAGS = [{"Key": "env", "Value": "prod"}, {"Key": "team", "Value": "net"}]


@pytest.mark.parametrize(
    ("tags", "expected"),
    [
        ({"Tag": TWO_TAGS}, [("env", "prod"), ("team", "net")]),  # what the live service sends
        (TWO_TAGS, [("env", "prod"), ("team", "net")]),  # what the document's table shows
        ({"Tag": {"Key": "env", "Value": "prod"}}, [("env", "prod")]),  # XML, one item
        ({"Key": "env"}, [("env", None)]),  # one bare item with a single field: not a wrapper
        ({"Tag": []}, []),
        ({}, []),
    ],
)
def test_object_list_with_unnamed_wrapper(tags: Any, expected: list[tuple[str, str]]) -> None:
    vpc = Vpc.from_wire({"VpcId": "vpc-1", "Tags": tags})
    assert [(tag.key, tag.value) for tag in vpc.tags] == expected
    assert vpc.extra == {}
    assert all(tag.extra == {} for tag in vpc.tags)


@pytest.mark.parametrize(
    ("ids", "expected"),
    [
        ({"VSwitchId": ["vsw-1", "vsw-2"]}, ["vsw-1", "vsw-2"]),
        ({"VSwitchId": "vsw-1"}, ["vsw-1"]),  # XML, one item
        (["vsw-1"], ["vsw-1"]),
    ],
)
def test_scalar_list_with_unnamed_wrapper(ids: Any, expected: list[str]) -> None:
    table = RouteTable.from_wire({"RouteTableId": "vtb-1", "VSwitchIds": ids})
    assert table.v_switch_ids == expected and table.extra == {}


def test_xml_and_json_answers_give_the_same_tags() -> None:
    json_body = {"VpcId": "vpc-1", "Tags": {"Tag": TWO_TAGS}}
    xml_body = (
        "<Vpc><VpcId>vpc-1</VpcId><Tags>"
        + "".join(f"<Tag><Key>{t['Key']}</Key><Value>{t['Value']}</Value></Tag>" for t in TWO_TAGS)
        + "</Tags></Vpc>"
    )
    from_json = Vpc.from_wire(parse_body(json.dumps(json_body).encode(), "JSON"))
    from_xml = Vpc.from_wire(parse_body(xml_body.encode(), "XML"))
    assert from_json == from_xml and len(from_json.tags) == 2
