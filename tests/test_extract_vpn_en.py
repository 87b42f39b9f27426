"""Tests for the VPN Gateway reference parser (002): verbatim excerpts, then the whole document.

Excerpts use '⇥' for a tab.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.documents import document_info
from generator.extract import vpn_en
from generator.extract.raw import RawDocument, RawOperation

SOURCE = (
    Path(__file__).resolve().parents[1] / "spec/sources/vpn-gateway-api-reference-en-20200917.txt"
)
INFO = document_info("vpn-en-20200917")
PARAM_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9]*(\.(N|M|[A-Za-z][A-Za-z0-9]*))*$")


def parse_excerpt(tmp_path: Path, text: str) -> RawDocument:
    path = tmp_path / "excerpt.txt"
    path.write_text(text.replace("⇥", "\t"), encoding="utf-8")
    return vpn_en.parse(path, INFO)


def only_operation(doc: RawDocument) -> RawOperation:
    (operation,) = doc.operations
    return operation


OVERVIEW_AND_COMMON = """1. List of operations by function

VPN gateways

API⇥Description
CreateVpnGateway⇥Creates a VPN gateway.
UntagResources⇥Removes tags from the specified VPN gateways.

3.Common parameters

Common request parameters

Parameter⇥Type⇥Required?⇥Description
Format⇥String⇥No⇥The format of the response. Valid values: <i>JSON (default) XML</i>
Version⇥String⇥Yes⇥The version of the API. It uses the date format <code>YYYY-MM-DD</code> .

4. VPN Gateway

4.8. UnTagResources

Removes tags from specified resources at a time.

Request parameters

Parameter⇥Type⇥Required⇥Example⇥Description
Action⇥String⇥Yes⇥UnTagResources⇥The operation that you want to perform. Set the value to UntagResources .
TagKey.N⇥RepeatList⇥No⇥FinanceDept⇥The key of the tag you want to remove.

Examples

Sample requests

```
http(s)://[Endpoint]/? Action=UntagResources
&RegionId=cn-hangzhou
```

For a list of error codes, visit the [API Error Center](#).
"""


def test_overview_common_parameters_and_wire_name(tmp_path: Path) -> None:
    doc = parse_excerpt(tmp_path, OVERVIEW_AND_COMMON)
    assert doc.overview == [
        ("CreateVpnGateway", "Creates a VPN gateway.", 6),
        ("UntagResources", "Removes tags from the specified VPN gateways.", 7),
    ]
    assert [(p.name, p.required, p.example) for p in doc.common_parameters] == [
        ("Format", "No", None),
        ("Version", "Yes", None),
    ]
    operation = only_operation(doc)
    # Title 'UnTagResources', Action cell 'UnTagResources'; the request and overview say 'Untag'.
    assert (operation.name, operation.title, operation.action_value) == (
        "UntagResources",
        "UnTagResources",
        "UnTagResources",
    )
    assert (operation.group, operation.line) == ("VPN Gateway", 19)
    assert operation.refers_to_common_errors
    assert [p.name for p in operation.params] == ["Action", "TagKey.N"]
    messages = [w.message for w in doc.warnings]
    assert "title 'UnTagResources' differs from the wire name 'UntagResources'" in messages
    assert "overview names 'CreateVpnGateway', which no operation section has" in messages


ERRORS_AND_VALUES = """4. VPN Gateway

4.2. ModifyVpnGatewayAttribute

You can call this operation to modify the name and description of a VPN gateway.

Debugging

OpenAPI Explorer automatically calculates the signature value.

Response parameters

Parameter⇥Type⇥Example⇥Description
VpcId⇥String⇥vpc-bp1ub1yt9cvakoel***⇥The ID of the VPC to which the VPN gateway belongs.

Parameter⇥Type⇥Example⇥Description
VSwitchId⇥String⇥vsw- bp1y9ovl1cu9ou4tv ****⇥The ID of the VSwitch to which the VPN gateway belongs.

Error codes

HTTP status code⇥Error code⇥Error message⇥Description
404⇥InvalidVpnGateway InstanceId.NotFound⇥The specified vpn gateway instance id does not exist.⇥x

HTTP status code⇥Error code⇥Error message⇥Description
400⇥InvalidDescription⇥The description is not valid⇥y
"""


def test_split_tables_error_code_and_example_spaces(tmp_path: Path) -> None:
    operation = only_operation(parse_excerpt(tmp_path, ERRORS_AND_VALUES))
    assert operation.summary.startswith("You can call this operation to modify")
    assert operation.description == ""
    assert [(f.name, f.example, f.line) for f in operation.response] == [
        ("VpcId", "vpc-bp1ub1yt9cvakoel***", 14),
        ("VSwitchId", "vsw-bp1y9ovl1cu9ou4tv****", 17),
    ]
    assert [(e.http_status, e.code) for e in operation.errors] == [
        ("404", "InvalidVpnGatewayInstanceId.NotFound"),
        ("400", "InvalidDescription"),
    ]
    assert not operation.refers_to_common_errors


NESTED_RESPONSE = """4. VPN Gateway

4.7. ListTagResources

Queries tags that are attached to one or more resources.

Descriptions

- Set **ResourceId.N** or **Tag.N** in the request to specify the query object.

Response parameters

Parameter⇥Type⇥Example⇥Description
TagResources⇥Array of TagResource⇥⇥Resources to which the specified tags are attached.
TagResource⇥⇥⇥
ResourceId⇥String⇥vpc-bp16qjewdsunr41m1****⇥The ID of the resource.

7.3. DescribeVpnConnections

Queries one or more IPsec connections.

Response parameters

Parameter⇥Type⇥Example value⇥Description
VpnConnections⇥⇥⇥A list of IPsec connections.
└ IkeConfig⇥⇥⇥Configurations of phase one negotiation.

Parameter⇥Type⇥Example value⇥Description
<code>↳Remoteld</code>⇥String⇥139.xx.xx.167⇥The peer ID.
<code>TotalCount</code>⇥Integer⇥<code>10</code>⇥The number of queried entries.
"""


def test_container_rows_marks_and_item_rows(tmp_path: Path) -> None:
    tags, connections = parse_excerpt(tmp_path, NESTED_RESPONSE).operations
    assert (
        tags.description
        == "- Set **ResourceId.N** or **Tag.N** in the request to specify the query object."
    )
    assert [(f.name, f.type, f.marked) for f in tags.response] == [
        ("TagResources", "Array of TagResource", False),
        ("TagResource", "", False),
        ("ResourceId", "String", False),
    ]
    assert [(f.name, f.type, f.example, f.marked) for f in connections.response] == [
        ("VpnConnections", "", "", False),
        ("IkeConfig", "", "", True),
        ("Remoteld", "String", "139.xx.xx.167", True),
        ("TotalCount", "Integer", "10", False),
    ]


# 002 line 2207-2216: the IkeConfig description is cut by a page break; its tail opens IpsecConfig's.
CUT_DESCRIPTION = """7. IPsec-VPN

7.1. CreateVpnConnection

You can call this operation to create an IPsec VPN connection.

Request parameters

Parameter⇥Type⇥Required⇥Example⇥Description
IkeConfig⇥String⇥No⇥<pre>{"IkeVersion":"ikev1"}</pre>⇥<p>The configurations of Phase 1 negotiations:</p> • IkeConfig.Remoteld: the identifier of the customer gateway. The default value is the public IP address of the

Parameter⇥Type⇥Required⇥Example⇥Description
IpsecConfig⇥String⇥No⇥<pre>{"IpsecEncAlg": "aes", "IpsecLifetime": 86400}</pre>⇥<p>customer gateway.</p> <p>The configurations of Phase 2 negotiations:</p>
"""


def test_cut_description_tail_goes_back(tmp_path: Path) -> None:
    ike, ipsec = only_operation(parse_excerpt(tmp_path, CUT_DESCRIPTION)).params
    assert ike.description.endswith("the public IP address of the customer gateway.")
    assert ipsec.description == "<p>The configurations of Phase 2 negotiations:</p>"
    assert ipsec.example == '<pre>{"IpsecEncAlg": "aes", "IpsecLifetime": 86400}</pre>'


# --- the whole document ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def document() -> RawDocument:
    return vpn_en.parse(SOURCE, INFO)


def test_operation_count_and_names(document: RawDocument) -> None:
    # 37 operation headings, counted in the document: 4.1-4.8, 5.1-5.5, 6.1-6.9, 7.1-7.6, 8.1-8.9.
    names = [op.name for op in document.operations]
    assert len(names) == 37
    assert len(set(names)) == 37
    assert [op.group for op in document.operations].count("SSL-VPN") == 9
    assert {name for name, _, _ in document.overview} == set(names)


def test_every_name_is_well_formed(document: RawDocument) -> None:
    bad = [
        (op.name, row.name, row.line)
        for op in document.operations
        for row in [*op.params, *op.response]
        if not PARAM_NAME.match(row.name)
    ]
    assert bad == []
    codes = [e.code for op in document.operations for e in op.errors]
    assert codes and all(re.fullmatch(r"[A-Za-z][\w.]*", code) for code in codes)


def test_every_operation_has_its_action_row_and_examples(document: RawDocument) -> None:
    for op in document.operations:
        assert op.params[0].name == "Action", op.name
        assert op.action_value and op.action_value.lower() == op.name.lower(), op.name
        assert {ex.kind for ex in op.examples} == {"request", "xml", "json"}, op.name


def test_warnings_are_the_genuine_defects(document: RawDocument) -> None:
    assert [(w.line, w.message) for w in document.warnings] == [
        (953, "title 'UnTagResources' differs from the wire name 'UntagResources'"),
        (964, "UntagResources: Action row gives 'UnTagResources'"),
    ]


def test_golden_create_vpn_connection(document: RawDocument) -> None:
    """Checked line by line against the document, lines 2188-2283."""
    op = next(op for op in document.operations if op.name == "CreateVpnConnection")
    assert (op.title, op.line, op.group, op.action_value) == (
        "CreateVpnConnection",
        2188,
        "IPsec-VPN",
        "CreateVpnConnection",
    )
    assert op.summary == "You can call this operation to create an IPsec VPN connection."
    assert op.description == ""
    assert [(p.name, p.type, p.required, p.line) for p in op.params] == [
        ("Action", "String", "Yes", 2199),
        ("CustomerGatewayId", "String", "Yes", 2200),
        ("LocalSubnet", "String", "Yes", 2201),
        ("RegionId", "String", "Yes", 2202),
        ("RemoteSubnet", "String", "Yes", 2203),
        ("VpnGatewayId", "String", "Yes", 2204),
        ("ClientToken", "String", "No", 2207),
        ("Name", "String", "No", 2208),
        ("EffectImmediately", "Boolean", "No", 2209),
        ("IkeConfig", "String", "No", 2212),
        ("IpsecConfig", "String", "No", 2215),
        ("HealthCheckConfig", "String", "No", 2216),
        ("AutoConfigRoute", "Boolean", "No", 2219),
        ("EnableDpd", "Boolean", "No", 2220),
        ("EnableNatTraversal", "Boolean", "No", 2221),
        ("BgpConfig", "String", "No", 2224),
    ]
    params = {p.name: p for p in op.params}
    assert params["CustomerGatewayId"].example == "vpn-bp1q8bgx4xnk**"
    assert params["LocalSubnet"].example == "1.1.1.0/24,1.1.2.0/24"
    assert params["IkeConfig"].example.startswith('<pre>{"IkeVersion":"ikev1","IkeMode":"main"')
    assert params["IkeConfig"].description.endswith(
        "The default value is the public IP address of the customer gateway."
    )
    assert params["IpsecConfig"].description.startswith(
        "<p>The configurations of Phase 2 negotiations:</p>"
    )
    assert [(f.name, f.type, f.example, f.marked) for f in op.response] == [
        ("VpnConnectionId", "String", "vco-bp15oes1py4i6****", False),
        ("CreateTime", "Long", "1544666102000", False),
        ("Name", "String", "test", False),
        ("RequestId", "String", "082AD562-B8DB-4BB2-861F-DA1FCA01FD76", False),
    ]
    assert [(e.http_status, e.code) for e in op.errors] == [
        ("403", "Forbidden.SubUser"),
        ("403", "Forbidden"),
        ("400", "Resource.QuotaFull"),
        ("404", "InvalidCustomerGatewayInstanceId.NotFound"),
        ("404", "InvalidVpnGatewayInstanceId.NotFound"),
        ("400", "InvalidVpnConnection.AlreadyExists"),
        ("400", "VpnGateway.Configuring"),
        ("400", "VpnGateway.FinancialLocked"),
        ("400", "QuotaExceeded.PolicyBasedRoute"),
    ]
    assert op.errors[-1].message.startswith(
        "The maximum number of policy-based routes is exceeded."
    )
    assert [(ex.kind, ex.line, ex.label) for ex in op.examples] == [
        ("request", 2239, "Sample requests:"),
        ("xml", 2253, "XML format"),
        ("json", 2262, "JSON format"),
    ]
    assert (
        op.examples[0].text.splitlines()[0] == "http(s)://[Endpoint]/? Action=CreateVpnConnection"
    )
    assert op.examples[2].text == (
        '{\n  "CreateTime": 1544666102000,\n  "VpnConnectionId": "vco-bp15oes1py4i6****"\n}'
    )
    assert op.refers_to_common_errors
