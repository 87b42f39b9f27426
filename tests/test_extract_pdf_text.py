"""De-spacing of description prose from the PDF export (`generator.extract.pdf_text`).

Inputs are description cells of spec/sources/vpc-api-reference-en-20190918.txt as the parser
assembles them (wrapped lines joined by one space); comments give the lines they are printed on.
The vocabulary is the real one: this document's exact places plus the other four documents.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.documents import document_info, unrelated_texts
from generator.extract.pdf_en import parse
from generator.extract.pdf_text import despace_prose
from generator.extract.pdf_vocab import Vocabulary, build_vocabulary
from generator.extract.raw import RawDocument

SOURCE = Path(__file__).resolve().parent.parent / "spec" / "sources"
PATH = SOURCE / "vpc-api-reference-en-20190918.txt"


@pytest.fixture(scope="module")
def vocabulary() -> Vocabulary:
    return build_vocabulary(PATH.read_text(encoding="utf-8"), unrelated_texts(PATH, "vpc/en"))


@pytest.fixture(scope="module")
def document() -> RawDocument:
    return parse(PATH, document_info("vpc-en-20190918"))


@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        ("• provisioni ng •", "• provisioning •"),  # line 16754
        ("• AcceptingS ide : Connection", "• AcceptingSide: Connection"),  # line 7057
        ("Value: DescribeVp cs", "Value: DescribeVpcs"),  # line 1715
        (  # lines 12424-12426: pieces of 20 characters
            "Value: DescribeVirtualBorde rRoutersForPhysicalC onnection",
            "Value: DescribeVirtualBorderRoutersForPhysicalConnection",
        ),
        ("Value: Deactivate RouterInte rface", "Value: DeactivateRouterInterface"),  # a known piece
        ("the InstanceCh argeType parameter", "the InstanceChargeType parameter"),
        ("connection takes effect immediatel y.", "connection takes effect immediately."),  # 18163
        (
            "The ID of the Global Accelerati on instance.",
            "The ID of the Global Acceleration instance.",
        ),
        (
            "• IkeConfig . LocalIdIPs ec : The identification",
            "• IkeConfig.LocalIdIPsec: The identification",
        ),
        ("• IpsecConfi g . IpsecLifet ime : The", "• IpsecConfig.IpsecLifetime: The"),
    ],
)
def test_words_broken_by_the_export_are_rejoined(
    vocabulary: Vocabulary, printed: str, expected: str
) -> None:
    assert despace_prose(printed, vocabulary) == expected


@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        ("The version of VPC APIs is 2016 - 04 - 28 .", "The version of VPC APIs is 2016-04-28."),
        ("format: YYYY - MM - DDThh : mm : ssZ . For", "format: YYYY-MM-DDThh:mm:ssZ. For"),  # 540
        ("Format: YYYY-MM- DDThh:mmZ.", "Format: YYYY-MM-DDThh:mmZ."),  # 24710
        ("Default value: 1 . 0", "Default value: 1.0"),
        ("blocks 10.0.0. 0/8 and", "blocks 10.0.0.0/8 and"),
        ("& LocalSubne t = 10 . 0 . 0 . 0 / 8", "& LocalSubnet = 10.0.0.0/8"),  # line 18881
        ("Valid values: AES - 128 - CBC (default) |", "Valid values: AES-128-CBC (default) |"),
        ("• 100Base - T : 100 Mbps", "• 100Base-T: 100 Mbps"),  # line 15168
        ("Value: HMAC - SHA1", "Value: HMAC-SHA1"),
        ("use vpc . aliyuncs . com as", "use vpc.aliyuncs.com as"),
        ("VSwitchId string Yes vsw- 25naue4gz The", "VSwitchId string Yes vsw-25naue4gz The"),
        (
            "• IkeConfig . IkeMode : The negotiation mode",
            "• IkeConfig.IkeMode: The negotiation mode",
        ),
        ("• Mini . 2 : 2 Mbps", "• Mini.2: 2 Mbps"),  # line 7078
        ("• Ikeconfig . IkeEncAlg: The", "• Ikeconfig.IkeEncAlg: The"),  # the typo kept
        ("• north - america : North America", "• north-america: North America"),  # 27490
        ("• zh - CN ( default ) : Chinese", "• zh-CN (default): Chinese"),  # line 6910
        ("Gbps single- mode optical port", "Gbps single-mode optical port"),
        ("the on -premises data center", "the on-premises data center"),
        ("(Pay-As- You-Go)", "(Pay-As-You-Go)"),
        ("entries (non- ECMP) can", "entries (non-ECMP) can"),
        ("of / 16 to", "of /16 to"),
    ],
)
def test_padding_around_punctuation_is_removed_on_evidence(
    vocabulary: Vocabulary, printed: str, expected: str
) -> None:
    assert despace_prose(printed, vocabulary) == expected


def test_sentence_punctuation_loses_the_padding_of_code_spans(vocabulary: Vocabulary) -> None:
    # lines 1737-1738
    printed = "The maximum value is 50 , and the default value is 10 ."
    expected = "The maximum value is 50, and the default value is 10."
    assert despace_prose(printed, vocabulary) == expected
    assert despace_prose("value: group2 . • group5", vocabulary) == "value: group2. • group5"


@pytest.mark.parametrize(
    "prose",
    [
        "The IKE life time.",  # line 18185: two words, not a chunk break
        "This parameter uses the ISO 8601 format",  # line 24709
        "as follows: - PeeringSubnetMask can be in the range of /24 to /30.",  # line 12673
        "For example, - LocalGatewayIp: 192.168.xx. 17 - PeerGatewayIp: 192.168.xx. 18",  # 12679
        "address 10.0.0.0/8. 2. The",  # a numbered sentence after a CIDR block
        "Value: DescribeZones",  # a colon in prose is not a compound token
        "Modify a NAT bandwidth package- Remove public IPs.",  # line 213
        "parameter is not valid. . •",  # the document's doubled full stop
    ],
)
def test_prose_without_evidence_is_left_alone(vocabulary: Vocabulary, prose: str) -> None:
    assert despace_prose(prose, vocabulary) == prose


def test_lines_are_despaced_one_by_one(vocabulary: Vocabulary) -> None:
    printed = "Valid values:\n• provisioni ng\n• active"
    assert despace_prose(printed, vocabulary) == "Valid values:\n• provisioning\n• active"


def test_words_are_known_in_their_own_case(vocabulary: Vocabulary) -> None:
    assert vocabulary.knows_text("provisioning") and vocabulary.knows_text("Acceleration")
    assert vocabulary.knows_text("DescribeVpcs") and vocabulary.knows_text("LocalIdIPsec")
    assert vocabulary.knows_text("100Base-T") and vocabulary.knows_text("2016")
    assert not vocabulary.knows_text("GlobalAccelerationinstance")
    assert {"vpc", "vsw", "rg"} <= vocabulary.id_prefixes


def test_descriptions_of_the_document_are_despaced(document: RawDocument) -> None:
    op = next(op for op in document.operations if op.name == "ModifyPhysicalConnectionAttribute")
    port_type = next(param for param in op.params if param.name == "PortType")  # line 15166
    assert port_type.example == "E1-2M"
    assert port_type.description.startswith(
        "The port type of the physical connection. Valid values: • 100Base-T: 100 Mbps"
    )
    status = next(
        param
        for op in document.operations
        if op.name == "DescribeVpnGateways"
        for param in op.params
        if param.name == "Status"
    )
    assert "• provisioning •" in status.description


def test_action_descriptions_name_their_operation(document: RawDocument) -> None:
    values = {
        op.name: re.search(r"[Vv]alue:\s*(.+?)\.?$", param.description).group(1)
        for op in document.operations
        for param in op.params
        if param.name == "Action"
    }
    assert len(values) == 153
    # 'DescribeVp cs', 'DescribeVirtualBorde rRoutersForPhysicalC onnection' ... rejoined; two
    # cells name another operation in the document itself (lines 16952 and 26847)
    assert {name: value for name, value in values.items() if value != name} == {
        "DescribeVpnGateway": "DescribeVpnGateways",
        "DescribeSnatTableEntries": "Describeforwardtableentries",
    }


def test_no_padded_number_or_chunk_break_is_left(document: RawDocument) -> None:
    texts = [op.summary + "\n" + op.description for op in document.operations]
    texts += [row.description for op in document.operations for row in op.params + op.response]
    texts += [e.message + "\n" + e.description for op in document.operations for e in op.errors]
    padded = re.compile(r"\d [-.:/] \d|\w \.(?: |$)| ,")
    assert [text for text in texts if padded.search(text)] == []
    broken = ("provisioni ng", "DescribeVp cs", "AcceptingS ide", "ResourceGr oupId")
    assert [text for text in texts if any(piece in text for piece in broken)] == []
