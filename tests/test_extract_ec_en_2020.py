"""Tests for the Express Connect 2020-04-15 parser (004): verbatim excerpts, then the whole document.

Excerpts use '⇥' for a tab.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.documents import document_info
from generator.extract import ec_en_2020
from generator.extract.raw import RawDocument

SOURCE = (
    Path(__file__).resolve().parents[1]
    / "spec/sources/express-connect-api-reference-en-20200415.txt"
)
INFO = document_info("ec-en-20200415")
PARAM_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9]*(\.(N|M|[A-Za-z][A-Za-z0-9]*))*$")


def parse_excerpt(tmp_path: Path, text: str) -> RawDocument:
    path = tmp_path / "excerpt.txt"
    path.write_text(text.replace("⇥", "\t"), encoding="utf-8")
    return ec_en_2020.parse(path, INFO)


OCCUPANCY_SECTION = """Creates an order for the initial installation fee.

Request parameters

Parameter⇥Type⇥Required ?⇥Example value⇥Description
Action⇥String⇥Yes⇥CreatePhysicalConnectionOccupancyOrder⇥The name of this action.
"""

DUPLICATED_SECTION = f"""1 API overview

Physical connections

API⇥Description
#unique_16⇥Submits an application for the LOA.
CreatePhysicalConnectionOccupationOrder⇥Creates an order for the resource occupation fee.

4 Physical connections

4.10 CreatePhysicalConnectionOccupancyOrder

{OCCUPANCY_SECTION}
4.13 CreatePhysicalConnectionOccupancyOrder

{OCCUPANCY_SECTION}

"""


def test_duplicated_section_kept_once_and_overview_typos_warned(tmp_path: Path) -> None:
    doc = parse_excerpt(tmp_path, DUPLICATED_SECTION)
    (operation,) = doc.operations
    assert (operation.name, operation.line, operation.group) == (
        "CreatePhysicalConnectionOccupancyOrder",
        11,
        "Physical connections",
    )
    assert [name for name, _, _ in doc.overview] == [
        "#unique_16",
        "CreatePhysicalConnectionOccupationOrder",
    ]
    assert [(w.line, w.message) for w in doc.warnings] == [
        (
            20,
            (
                "section 4.13 repeats CreatePhysicalConnectionOccupancyOrder of section 4.10 "
                "(line 11, identical text); kept the first"
            ),
        ),
        (6, "overview names '#unique_16', which no operation section has"),
        (
            7,
            "overview names 'CreatePhysicalConnectionOccupationOrder', which no operation section has",
        ),
    ]


# 004 line 445-594, cut down: Filter.N.Value.N, unmarked children, Spec twice, a split error code.
DESCRIBE_EXCERPT = """4 Physical connections

4.3 DescribePhysicalConnections

Queries physical connections in a specified region.

Request parameters

Parameter⇥Type⇥Required ?⇥Example value⇥Description
Filter.N.Value.N⇥RepeatList⇥No⇥1⇥<p>Optional. The value of the corresponding filter condition. Value range of N: 1 to 5</p>

Response parameters

Parameter⇥Type⇥Example value⇥Description
PhysicalConnectionSet⇥⇥⇥The list of physical connections.
AccessPointId⇥String⇥eip-2zeerraiwb7uj6i0d0fo3⇥The ID of the physical connection access point.
Spec⇥String⇥Large⇥The specification of the physical connection.
Spec⇥String⇥Large⇥The specification of the physical connection.

Parameter⇥Type⇥Example value⇥Description
Status⇥String⇥Initial⇥<p>The status of the physical connection.</p>

Error codes

HTTP status code⇥Error code⇥Error message⇥Description
400⇥InvalidDescription.Malformed⇥The specified ? Description? is not valid.⇥The description is invalid.
404⇥InvalidFilterKey .ValueNotSupported⇥Specified filter key is not supported: Filter.X.key⇥The filter key is not supported.

[See common error codes.](#)
"""


def test_flat_children_repeated_row_and_written_names(tmp_path: Path) -> None:
    doc = parse_excerpt(tmp_path, DESCRIBE_EXCERPT)
    (operation,) = doc.operations
    assert [p.name for p in operation.params] == ["Filter.N.Value.N"]
    assert [(f.name, f.type, f.marked) for f in operation.response] == [
        ("PhysicalConnectionSet", "", False),
        ("AccessPointId", "String", False),
        ("Spec", "String", False),
        ("Status", "String", False),
    ]
    assert [(e.code, e.message) for e in operation.errors] == [
        ("InvalidDescription.Malformed", "The specified ? Description? is not valid."),
        (
            "InvalidFilterKey.ValueNotSupported",
            "Specified filter key is not supported: Filter.X.key",
        ),
    ]
    assert operation.refers_to_common_errors
    assert [(w.line, w.message) for w in doc.warnings] == [
        (18, "DescribePhysicalConnections: row 'Spec' repeats the row above; kept one")
    ]


# 004 line 2650-2680: a response table headed 'Request parameters' and an unfenced JSON example.
MISLABELLED = """6 Border Gateway Protocol (BGP)

6.4 ModifyBgpGroupAttribute

Modifies the configurations of a BGP group.

Request parameters

Parameter⇥Type⇥Required ?⇥Example value⇥Description
PeerASN⇥String⇥No⇥1111⇥The ASN of the BGP peer.

Request parameters

Parameter⇥Type⇥Example value⇥Description
RequestId⇥String⇥8C3C6D7C-A1CE-4FD8-BC57-DC493A55F76F⇥The ID of the request.

Examples

Response example

- JSON format

"RequestId": "C1221A1F-2ACD-4592-8F27-474E02883159"

Error codes
"""


def test_response_table_headed_request_parameters(tmp_path: Path) -> None:
    doc = parse_excerpt(tmp_path, MISLABELLED)
    (operation,) = doc.operations
    assert [p.name for p in operation.params] == ["PeerASN"]
    assert [(f.name, f.line) for f in operation.response] == [("RequestId", 15)]
    assert [(ex.kind, ex.text, ex.label) for ex in operation.examples] == [
        ("json", '"RequestId": "C1221A1F-2ACD-4592-8F27-474E02883159"', "- JSON format")
    ]
    assert [(w.line, w.message) for w in doc.warnings] == [
        (14, "ModifyBgpGroupAttribute: response table headed 'Request parameters'")
    ]


# 004 line 2888-2910: '↳' marks switch to '└' after a page break (DescribeBgpPeers).
MARK_SWITCH = """6 Border Gateway Protocol (BGP)

6.7 DescribeBgpPeers

Queries BGP peers in a region.

Response parameters

Parameter⇥Type⇥Example value⇥Description
BgpPeers⇥⇥⇥A list of BGP peers.
↳PeerAsn⇥String⇥active⇥The ASN of the BGP peer.

Parameter⇥Type⇥Example value⇥Description
└RegionId⇥String⇥cn-shanghai⇥The ID of the region to which the BGP group belongs.
TotalCount⇥Integer⇥10⇥The number of queried entries.
"""


def test_mark_switch_after_page_break(tmp_path: Path) -> None:
    (operation,) = parse_excerpt(tmp_path, MARK_SWITCH).operations
    assert [(f.name, f.marked) for f in operation.response] == [
        ("BgpPeers", False),
        ("PeerAsn", True),
        ("RegionId", True),
        ("TotalCount", False),
    ]


# --- the whole document ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def document() -> RawDocument:
    return ec_en_2020.parse(SOURCE, INFO)


def test_operation_count_and_names(document: RawDocument) -> None:
    # 33 operation headings counted in the document (4.1-4.13, 5.1-5.9, 6.1-6.11); 4.13 repeats
    # 4.10, so 32 operations remain.
    names = [op.name for op in document.operations]
    assert len(names) == 32
    assert len(set(names)) == 32
    assert names.count("CreatePhysicalConnectionOccupancyOrder") == 1


def test_every_name_is_well_formed(document: RawDocument) -> None:
    bad = [
        (op.name, row.name, row.line)
        for op in document.operations
        for row in [*op.params, *op.response]
        if not PARAM_NAME.match(row.name)
    ]
    assert bad == []


def test_warnings_are_the_genuine_defects(document: RawDocument) -> None:
    assert [w.line for w in document.warnings] == [
        502,
        1192,
        1324,
        2617,
        2514,
        2654,
        99,
        100,
        111,
        113,
        115,
    ]
    assert "DescribeBgpGroupsDescribeBgpGroups" in document.warnings[4].message


def test_golden_describe_physical_connections(document: RawDocument) -> None:
    """Checked line by line against the document, lines 445-596."""
    op = next(op for op in document.operations if op.name == "DescribePhysicalConnections")
    assert (op.line, op.group, op.action_value) == (
        445,
        "Physical connections",
        "DescribePhysicalConnections",
    )
    assert op.summary == "Queries physical connections in a specified region."
    assert [(p.name, p.type, p.required, p.example, p.line) for p in op.params] == [
        ("Action", "String", "Yes", "DescribePhysicalConnections", 456),
        ("RegionId", "String", "Yes", "cn-hangzhou", 459),
        ("ClientToken", "String", "No", "23243242rggyt", 460),
        ("Filter.N.Key", "String", "No", "1", 463),
        ("Filter.N.Value.N", "RepeatList", "No", "1", 464),
        ("IncludeReservationData", "Boolean", "No", "false", 467),
        ("PageNumber", "Integer", "No", "10", 468),
        ("PageSize", "Integer", "No", "1", 469),
    ]
    names = [f.name for f in op.response]
    assert names == [
        "PhysicalConnectionSet",
        "AccessPointId",
        "AdLocation",
        "Bandwidth",
        "BusinessStatus",
        "ChargeType",
        "CircuitCode",
        "CreationTime",
        "Description",
        "EnabledTime",
        "EndTime",
        "HasReservationData",
        "LineOperator",
        "LoaStatus",
        "Name",
        "PeerLocation",
        "PhysicalConnectionId",
        "PortNumber",
        "PortType",
        "RedundantPhysicalConnectionId",
        "ReservationActiveTime",
        "ReservationInternetChargeType",
        "ReservationOrderType",
        "Spec",
        "Status",
        "Type",
        "TotalCount",
        "PageNumber",
        "PageSize",
        "RequestId",
    ]
    assert not any(f.marked for f in op.response)
    container = op.response[0]
    assert (container.type, container.example, container.line) == ("", "", 474)
    assert op.response[-1].example == "EEC8EAB1-F299-4F5C-8E54-0A3129164C27"
    assert [(e.http_status, e.code, e.line) for e in op.errors] == [
        ("404", "InvalidFilterKey.ValueNotSupported", 594)
    ]
    assert [(ex.kind, ex.line) for ex in op.examples] == [
        ("request", 519),
        ("xml", 529),
        ("json", 558),
    ]
    json_text = op.examples[2].text
    assert '"CreationTime":"2017-12-13T02:28:42Z",\n\n    "Name": "TEST",' in json_text
    assert json_text.rstrip().endswith('"Bandwidth": 2\n  }\n}\n}\n}')
    assert op.refers_to_common_errors
