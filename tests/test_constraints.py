"""Constraint facts read from description phrases quoted verbatim from the five documents."""

from __future__ import annotations

import pytest

from generator.extract.constraints import parse_constraints

ENUMS = [
    # 002 l.318: comma list with 'and'
    (
        (
            "The public network bandwidth of the VPN gateway. Unit: Mbit/s. "
            "Valid values: 5, 10, 20, 50, 100, and 200."
        ),
        ["5", "10", "20", "50", "100", "200"],
        None,
    ),
    # 002 l.329: missing spaces
    ("Valid values: 5,10, and20.", ["5", "10", "20"], None),
    # 002 l.505: values separated only by spaces inside <i>
    ("Valid values: <i>Normal FinancialLocked</i>", ["Normal", "FinancialLocked"], None),
    # 002 l.510: <i> items in a <ul>
    (
        'Valid values: <ul style="list-style-type: none"> <i>init</i> <i>provisioning</i>',
        ["init", "provisioning"],
        None,
    ),
    # 000 l.20640: pipes, wrapped
    (
        "Valid values: group1\n | group2 | group5 | group14 | ",
        ["group1", "group2", "group5", "group14"],
        None,
    ),
    # 000 l.18809: pipes, default marker, PDF spacing
    (
        "Valid values: AES - 128 - CBC  (default) | AES -\n\n192 - CBC  | AES - 256 - CBC  | ",
        ["AES-128-CBC", "AES-192-CBC", "AES-256-CBC"],
        "AES-128-CBC",
    ),
    # 002 l.327: '(default)' glued, items without bullets
    (
        (
            'Specifies whether to enable the IPsec-VPN feature. Valid values: <ul style="list-style-type:'
            ' none"> true(default): enables the IPsec-VPN feature. false: disables the IPsec-VPN feature.'
        ),
        ["true", "false"],
        "true",
    ),
    # 003 l.330: 'optional value' with 'X - meaning'
    (
        "Physical Connection type. Default value: VPC; optional value: VPC - VPC leased line.",
        ["VPC"],
        "VPC",
    ),
    # 003 l.1171
    (
        "The next hop type. Available value options: Instance Tunnel. The default value is Instance",
        ["Instance", "Tunnel"],
        "Instance",
    ),
    # 000 l.1723: bullets over wrapped lines
    (
        (
            "Indicates whether to query the\n default VPC in the specified \nregion. Valid value:\n"
            "• true  (Default): Queries all\n\nVPCs in the specified region.\n• false : Does not query the"
            "\n\ndefault VPC."
        ),
        ["true", "false"],
        "true",
    ),
    # 001 l.277: Chinese enum with default marker inside the run
    ("取值： <i>JSON (預設值) XML</i>", ["JSON", "XML"], "JSON"),
    # 001: italic runs with Chinese meanings and a trailing default sentence
    (
        "取值：<i>main</i>（主模式） <i>aggressive</i>（野蠻模式），預設值：<i>main</i>",
        ["main", "aggressive"],
        "main",
    ),
    # 001: italic items with meanings, default inside the meaning
    (
        (
            '取值： <ul style="list-style-type: none"> <i>Instance</i>: ECS執行個體（預設值） '
            "<i>HaVip</i>: 高可用虛擬IP。"
        ),
        ["Instance", "HaVip"],
        "Instance",
    ),
    # 003 l.332: '- X - meaning' pairs
    (
        (
            'Carrier providing physical lines for access. Optional values: <ul style="list-style-type:'
            ' none"> - CT - China Telecom - CU - China Unicom - CM - China Mobile - CO - Other (China)'
            " - Equinix - Equinix - Other - Other (outside China)"
        ),
        ["CT", "CU", "CM", "CO", "Equinix", "Other"],
        None,
    ),
    # 004 l.308: bullets with a glued default marker
    (
        (
            'Optional. The port type of the physical connection. Valid values: <ul style="list-style-type:'
            ' none"> • 100Base-T: 100M electrical port • 1000Base-T(default): 1 Gigabit electrical port'
        ),
        ["100Base-T", "1000Base-T"],
        "1000Base-T",
    ),
    # 000 l.519: PDF spacing around the default marker
    ("The format of the response. Valid values:\nJSON  ( default ) | XML", ["JSON", "XML"], "JSON"),
    # 000: PDF spacing splits bullet values ('provisioni ng', 'AcceptingS ide', '100Base - T')
    (
        "The status of the VPN Gateway. Valid values: • init • provisioni ng • active • updating",
        ["init", "provisioning", "active", "updating"],
        None,
    ),
    (
        (
            "The role of the router interface. Valid values: • Initiating Side : Connection initiator. "
            "• AcceptingS ide : Connection acceptor."
        ),
        ["InitiatingSide", "AcceptingSide"],
        None,
    ),
    (
        (
            "The port type of the physical connection. Valid values: • 100Base - T : 100 Mbps electrical"
            " port • 1000Base - T (default): 1 Gbps electrical port"
        ),
        ["100Base-T", "1000Base-T"],
        "1000Base-T",
    ),
    # 001 l.4697: '1-9' among the listed values is the range 1 to 9
    (
        "購買時長，取值： <i>1-9 / 12 / 24 / 36</i>",
        ["1", "2", "3", "4", "5", "6", "7", "8", "9", "12", "24", "36"],
        None,
    ),
    # 003 l.1380: comma list whose last item holds two values
    (
        "Type of the next hop target object. Optional values: Instance, Tunnel, and HaVip RouterInterface",
        ["Instance", "Tunnel", "HaVip", "RouterInterface"],
        None,
    ),
]


@pytest.mark.parametrize(("description", "enum", "default"), ENUMS)
def test_enum_and_marked_default(description: str, enum: list[str], default: str | None) -> None:
    found = parse_constraints(description)
    assert found.enum == enum
    assert found.default == default


NO_ENUM = [
    # bullets that are sentences, not values
    "Valid values: • The CIDR block cannot be modified after a VPC is created. • Only VPCs",
    # 003 l.1412: a dash list whose items cannot be told apart ('progress- Approved')
    (
        'Physical leased line status. Optional values: <ul style="list-style-type: none">- Initial - '
        "Application in progress- Approved - Application approved- Allocating – Resources"
    ),
    "This is an optional value, where only one item can be selected",
    "Valid values: 0 to 86400",
    "The default value is the ID of the VPN gateway.",
    "Valid values of N: 1 to 20",
]


@pytest.mark.parametrize("description", NO_ENUM)
def test_unclear_lists_give_no_enum(description: str) -> None:
    assert parse_constraints(description).enum == []


DEFAULTS = [
    ("Valid values:20~100. Default value: 50.", "50"),
    ("The number of pages to return.\n\nThe default value is 1 .", "1"),
    ("取值範圍為 [0, 86400]，單位為秒，預設值：<i>86400</i>", "86400"),
    ("預設值為 7。", "7"),
    ("The default value is the ID of the VPN gateway.", None),
]


@pytest.mark.parametrize(("description", "default"), DEFAULTS)
def test_default(description: str, default: str | None) -> None:
    assert parse_constraints(description).default == default


RANGES = [
    ("Valid values:20~100. Default value: 50.", 20, 100),
    (
        "Optional. The peak bandwidth of the bandwidth package. Value range: 5 to 5000. Unit: Mbit/s",
        5,
        5000,
    ),
    ("802.1Q VLAN ID [1-2999]", 1, 2999),
    ("The value range is [1,100], and the default value is 10.", 1, 100),
    (
        "Bandwidth of the Physical Conneciton access interface, in Mbps. Optional value: \\2 to 10,240\\",
        2,
        10240,
    ),
    ("取值範圍為：[1,2999]。", 1, 2999),
    ("Default value: 100; optional values: 2 to 10,000.", 2, 10000),
    ("The maximum value is 50 ,\nand the default value is 10 .", None, 50),
    # ranges of the list index N describe the list's length, not the value
    ("The filter condition. The \nvalue range of N is 1-5.", None, None),
    ("Optional. The filter condition . Value range of N: 1 to 5.", None, None),
    ("The tag key. Valid values of N: 1 to 20.", None, None),
]


@pytest.mark.parametrize(("description", "minimum", "maximum"), RANGES)
def test_range(description: str, minimum: float | None, maximum: float | None) -> None:
    found = parse_constraints(description)
    assert (found.minimum, found.maximum) == (minimum, maximum)


LENGTHS = [
    ("The name must be 2 to 128 characters in length and can contain letters", 2, 128),
    ("It contains 2 to 256 characters but cannot begin with http:// or https://.", 2, 256),
    (
        "The value must be unique among different requests and must be 1 to 64 ASCII characters in length.",
        1,
        64,
    ),
    ("長度為 2-128個字元，必須以字母或中文開頭", 2, 128),
    ("由用戶端生成該參數值，要保證在不同請求間唯一，最大不超過64個 ASCII 字元。", None, 64),
    (
        "It must be unique among all requests and can contain a maximum of 64 ASCII characters.",
        None,
        64,
    ),
    ("The ID of the VPC.", None, None),
]


@pytest.mark.parametrize(("description", "min_length", "max_length"), LENGTHS)
def test_length(description: str, min_length: int | None, max_length: int | None) -> None:
    found = parse_constraints(description)
    assert (found.min_length, found.max_length) == (min_length, max_length)
