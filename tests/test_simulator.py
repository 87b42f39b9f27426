"""The Vpc simulator over real HTTP: verification, validation, rendering, state, faults, CLI.

Requests are built by hand here (httpx + aliyun_vpc.signing) against the hand-built fixture spec
tests/fixtures/sim_spec.json, so these tests do not depend on the generated client.
"""

from __future__ import annotations

import json
import threading
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from defusedxml import ElementTree
from simulator_cli import running_simulator

from aliyun_vpc.signing import sign
from aliyun_vpc_simulator import DEFAULT_ACCESS_KEY_ID, DEFAULT_ACCESS_KEY_SECRET, Simulator

FIXTURE_SPEC = Path(__file__).parent / "fixtures" / "sim_spec.json"
PACKAGED_SPEC = (
    Path(__file__).resolve().parents[1]
    / "generated"
    / "aliyun_vpc_simulator"
    / "data"
    / "spec.json"
)
REGION = "cn-hangzhou"


def signed_params(
    action: str,
    method: str = "GET",
    *,
    secret: str = DEFAULT_ACCESS_KEY_SECRET,
    timestamp: datetime | None = None,
    nonce: str | None = None,
    **params: str,
) -> dict[str, str]:
    """The full parameter set of a signed RPC request (common parameters included)."""
    moment = timestamp or datetime.now(UTC)
    common = {
        "Action": action,
        "Version": "2016-04-28",
        "Format": "JSON",
        "AccessKeyId": DEFAULT_ACCESS_KEY_ID,
        "SignatureMethod": "HMAC-SHA1",
        "SignatureVersion": "1.0",
        "SignatureNonce": nonce or uuid.uuid4().hex,
        "Timestamp": moment.strftime("%Y-%m-%dT%H:%M:%SZ"),
    }
    merged = {**common, **params}
    merged["Signature"] = sign(method, merged, secret)
    return merged


def send(endpoint: str, params: dict[str, str], method: str = "GET") -> httpx.Response:
    if method == "GET":
        return httpx.get(endpoint + "/", params=params, timeout=5)
    return httpx.request(method, endpoint + "/", data=params, timeout=5)


def call(endpoint: str, action: str, method: str = "GET", **params: Any) -> httpx.Response:
    """Sign and send one request; `params` are request parameters (or signed_params options)."""
    return send(endpoint, signed_params(action, method, **params), method)


@pytest.fixture
def sim() -> Iterator[Simulator]:
    with Simulator(spec_path=FIXTURE_SPEC, ready_after_seconds=60) as simulator:
        yield simulator


def create_vpc(endpoint: str, **params: str) -> str:
    response = call(endpoint, "CreateVpc", RegionId=REGION, **params)
    assert response.status_code == 200, response.text
    vpc_id: str = response.json()["VpcId"]
    return vpc_id


def describe_vpcs(endpoint: str, **params: str) -> dict[str, Any]:
    response = call(endpoint, "DescribeVpcs", RegionId=REGION, **params)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


# -- start-up ------------------------------------------------------------------------------------


def test_starts_well_under_a_second_on_loopback() -> None:
    started = time.perf_counter()
    with Simulator(spec_path=FIXTURE_SPEC) as simulator:
        elapsed = time.perf_counter() - started
        assert simulator.endpoint.startswith("http://127.0.0.1:")
        assert call(simulator.endpoint, "DescribeVpcs").status_code == 200
    assert elapsed < 1.0
    with pytest.raises(RuntimeError):
        _ = simulator.endpoint


# -- verification --------------------------------------------------------------------------------


def _stale() -> dict[str, str]:
    return signed_params("DescribeVpcs", timestamp=datetime.now(UTC) - timedelta(minutes=20))


def _future() -> dict[str, str]:
    return signed_params("DescribeVpcs", timestamp=datetime.now(UTC) + timedelta(minutes=20))


def _tampered() -> dict[str, str]:
    params = signed_params("DescribeVpcs", RegionId=REGION)
    params["RegionId"] = "cn-beijing"  # signed for cn-hangzhou
    return params


def _without(name: str) -> dict[str, str]:
    params = signed_params("DescribeVpcs")
    del params[name]
    params["Signature"] = sign(
        "GET", {k: v for k, v in params.items() if k != "Signature"}, "testsecret"
    )
    return params


@pytest.mark.parametrize(
    ("build", "status", "code"),
    [
        (
            lambda: signed_params("DescribeVpcs", secret="not-the-secret"),
            400,
            "IncompleteSignature",
        ),
        (_tampered, 400, "IncompleteSignature"),
        (
            lambda: {**signed_params("DescribeVpcs"), "Signature": "\u00e9t\u00e9"},
            400,
            "IncompleteSignature",
        ),
        (_stale, 400, "IllegalTimestamp"),
        (_future, 400, "IllegalTimestamp"),
        (lambda: signed_params("DescribeVpcs", Version="2014-05-26"), 400, "InvalidParameter"),
        (lambda: signed_params("DescribeEverything"), 400, "InvalidParameter"),
        (
            lambda: signed_params("DescribeVpcs", AccessKeyId="someone"),
            400,
            "InvalidAccessKeyId.NotFound",
        ),
        (
            lambda: signed_params("DescribeVpcs", SignatureMethod="HMAC-SHA256"),
            400,
            "InvalidParameter",
        ),
        (lambda: _without("SignatureNonce"), 400, "MissingParameter"),
        (lambda: _without("Timestamp"), 400, "MissingParameter"),
        (
            lambda: {k: v for k, v in signed_params("DescribeVpcs").items() if k != "Signature"},
            400,
            "MissingParameter",
        ),
    ],
    ids=[
        "wrong-secret",
        "tampered",
        "non-ascii-signature",
        "stale-timestamp",
        "future-timestamp",
        "bad-version",
        "unknown-action",
        "unknown-key",
        "bad-signature-method",
        "no-nonce",
        "no-timestamp",
        "no-signature",
    ],
)
def test_verification_failures(sim: Simulator, build: Any, status: int, code: str) -> None:
    response = send(sim.endpoint, build())
    assert response.status_code == status
    body = response.json()
    assert body["Code"] == code
    assert set(body) == {"RequestId", "HostId", "Code", "Message", "Recommend"}
    assert body["HostId"] == "vpc.aliyuncs.com" and body["Message"]


def test_nonce_reuse_is_rejected(sim: Simulator) -> None:
    params = signed_params("DescribeVpcs", nonce="fixed-nonce")
    assert send(sim.endpoint, params).status_code == 200
    again = send(sim.endpoint, params)
    assert again.status_code == 400
    assert again.json()["Code"] == "SignatureNonceUsed"
    assert call(sim.endpoint, "DescribeVpcs").status_code == 200  # a fresh nonce still works


def test_post_form_body_is_verified_and_other_methods_refused(sim: Simulator) -> None:
    created = call(sim.endpoint, "CreateVpc", method="POST", RegionId=REGION, VpcName="posted")
    assert created.status_code == 200, created.text
    refused = send(sim.endpoint, signed_params("DescribeVpcs", "PUT"), method="PUT")
    assert refused.status_code == 403
    assert refused.json()["Code"] == "UnsupportedHTTPMethod"


# -- validation ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("action", "params", "code", "mentions"),
    [
        (
            "CreateVSwitch",
            {"RegionId": REGION, "VpcId": "vpc-1", "CidrBlock": "172.16.0.0/24"},
            "MissingParameter",
            "ZoneId",
        ),
        ("DeleteVpc", {"RegionId": REGION}, "MissingParameter", "VpcId"),
        (
            "CreateVpnGateway",
            {"RegionId": REGION, "VpcId": "vpc-1", "Bandwidth": "7"},
            "InvalidParameter",
            "Bandwidth",
        ),
        (
            "CreateVpnGateway",
            {"RegionId": REGION, "VpcId": "vpc-1", "Bandwidth": "5", "InstanceChargeType": "FREE"},
            "InvalidParameter",
            "InstanceChargeType",
        ),
        ("DescribeVpcs", {"PageSize": "ten"}, "InvalidParameter", "PageSize"),
        ("DescribeVpcs", {"PageSize": "51"}, "InvalidParameter", "PageSize"),
        ("DescribeVpcs", {"IsDefault": "yes"}, "InvalidParameter", "IsDefault"),
        ("CreateVpc", {"RegionId": REGION, "VpcName": "x" * 129}, "InvalidVpcName.Malformed", ""),
    ],
    ids=[
        "missing-zone",
        "missing-id",
        "bad-int-enum",
        "bad-enum",
        "not-an-integer",
        "above-maximum",
        "bad-boolean",
        "documented-code",
    ],
)
def test_validation_errors(
    sim: Simulator, action: str, params: dict[str, str], code: str, mentions: str
) -> None:
    response = call(sim.endpoint, action, **params)
    assert response.status_code == 400, response.text
    body = response.json()
    assert body["Code"] == code
    assert mentions in body["Message"]


def test_list_parameters_accept_indexed_names(sim: Simulator) -> None:
    response = call(sim.endpoint, "DescribeVpcs", **{"Tag.1.Key": "env", "Tag.2.Value": "x"})
    assert response.status_code == 200, response.text
    assert "x-simulator-undocumented" not in response.headers
    bad_index = call(sim.endpoint, "DescribeVpcs", **{"Tag.0.Key": "env"})
    assert bad_index.headers["x-simulator-undocumented"] == "Tag.0.Key"


def test_undocumented_names_cannot_inject_response_headers(sim: Simulator) -> None:
    response = call(sim.endpoint, "DescribeVpcs", **{"X\r\nSet-Cookie: a=b": "1", "Ä,b": "2"})
    assert response.status_code == 200, response.text
    assert "set-cookie" not in response.headers
    assert response.headers["x-simulator-undocumented"] == "X%0D%0ASet-Cookie%3A%20a%3Db,%C3%84%2Cb"


UNDOCUMENTED = {"Colour": "blue", "Tag.1.Colour": "blue", "Tag.0.Key": "env"}
OWNER = {"OwnerId": "1", "ResourceOwnerId": "2", "ResourceOwnerAccount": "a", "OwnerAccount": "b"}


def test_undocumented_parameters_are_answered_and_noted(
    sim: Simulator, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level("INFO", logger="aliyun_vpc_simulator.service")
    response = call(sim.endpoint, "DescribeVpcs", **UNDOCUMENTED, **OWNER)
    assert response.status_code == 200, response.text
    assert response.json()["TotalCount"] == 0
    noted = "Colour,Tag.0.Key,Tag.1.Colour"
    assert response.headers["x-simulator-undocumented"] == noted
    assert "DescribeVpcs: undocumented parameters ['Colour', 'Tag.0.Key', 'Tag.1.Colour']" in (
        caplog.text
    )


@pytest.mark.parametrize("name", sorted(UNDOCUMENTED))
def test_strict_refuses_undocumented_parameters(name: str) -> None:
    with Simulator(spec_path=FIXTURE_SPEC, strict=True) as strict:
        response = call(strict.endpoint, "DescribeVpcs", **{name: UNDOCUMENTED[name]})
        owners = call(strict.endpoint, "DescribeVpcs", **OWNER)
    assert response.status_code == 400
    assert response.json()["Code"] == "UnsupportedParameter"
    assert name in response.json()["Message"]
    assert owners.status_code == 200, owners.text
    assert "x-simulator-undocumented" not in owners.headers


# -- rendering -----------------------------------------------------------------------------------


def test_stateless_operation_answers_with_typed_example(tmp_path: Path) -> None:
    spec = json.loads(FIXTURE_SPEC.read_text())
    spec["operations"] = [op for op in spec["operations"] if op["name"] == "DescribeVSwitches"]
    path = tmp_path / "spec.json"
    path.write_text(json.dumps(spec))
    with Simulator(spec_path=path) as simulator:  # no create/delete: the family is stateless
        body = call(simulator.endpoint, "DescribeVSwitches", RegionId=REGION).json()
    switches = body["VSwitches"]["VSwitch"]
    documented = spec["operations"][0]["examples"]["response_json"]["VSwitches"]["VSwitch"]
    assert [item["VSwitchId"] for item in switches] == [item["VSwitchId"] for item in documented]
    assert switches[0]["AvailableIpAddressCount"] == 246  # long field -> JSON number
    assert isinstance(switches[0]["IsDefault"], bool)
    assert switches[0]["RouteTable"]["RouteTableType"] == "System"  # field example fills the gap
    assert body["PageSize"] == 10 and body["RequestId"] != documented[0].get("RequestId")


def test_xml_format(sim: Simulator) -> None:
    vpc_id = create_vpc(sim.endpoint, VpcName="xml-vpc")
    response = call(sim.endpoint, "DescribeVpcs", RegionId=REGION, Format="XML")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/xml")
    root = ElementTree.fromstring(response.content)
    assert root.tag == "DescribeVpcsResponse"
    vpcs = root.findall("./Vpcs/Vpc")
    assert [vpc.findtext("VpcId") for vpc in vpcs] == [vpc_id]
    assert vpcs[0].findtext("IsDefault") == "false"
    assert root.findtext("TotalCount") == "1"
    error = call(sim.endpoint, "DeleteVpc", RegionId=REGION, VpcId="vpc-missing", Format="XML")
    error_root = ElementTree.fromstring(error.content)
    assert (error.status_code, error_root.tag, error_root.findtext("Code")) == (
        404,
        "Error",
        "InvalidVpcId.NotFound",
    )


# -- state ---------------------------------------------------------------------------------------


def test_vpc_lifecycle(sim: Simulator) -> None:
    vpc_id = create_vpc(sim.endpoint, VpcName="first", Description="made by a test")
    assert vpc_id.startswith("vpc-")
    listed = describe_vpcs(sim.endpoint, VpcId=vpc_id)["Vpcs"]["Vpc"]
    assert len(listed) == 1
    vpc = listed[0]
    assert (vpc["VpcName"], vpc["Description"], vpc["CidrBlock"]) == (
        "first",
        "made by a test",
        "172.16.0.0/12",  # the documented default
    )
    assert vpc["Status"] == "Pending"
    assert describe_vpcs(sim.endpoint, VpcId=vpc_id)["Vpcs"]["Vpc"][0]["Status"] == "Available"

    modified = call(
        sim.endpoint, "ModifyVpcAttribute", RegionId=REGION, VpcId=vpc_id, VpcName="renamed"
    )
    assert modified.status_code == 200, modified.text
    assert describe_vpcs(sim.endpoint, VpcId=vpc_id)["Vpcs"]["Vpc"][0]["VpcName"] == "renamed"

    assert call(sim.endpoint, "DeleteVpc", RegionId=REGION, VpcId=vpc_id).status_code == 200
    assert describe_vpcs(sim.endpoint)["TotalCount"] == 0
    gone = call(sim.endpoint, "DeleteVpc", RegionId=REGION, VpcId=vpc_id)
    assert (gone.status_code, gone.json()["Code"]) == (404, "InvalidVpcId.NotFound")
    unknown = call(
        sim.endpoint, "ModifyVpcAttribute", RegionId=REGION, VpcId="vpc-nope", VpcName="ab"
    )
    assert unknown.json()["Code"] == "InvalidVpcId.NotFound"


def test_status_turns_available_after_the_configured_delay() -> None:
    with Simulator(
        spec_path=FIXTURE_SPEC, ready_after_seconds=0.3, ready_after_describes=100
    ) as simulator:
        vpc_id = create_vpc(simulator.endpoint)
        assert (
            describe_vpcs(simulator.endpoint, VpcId=vpc_id)["Vpcs"]["Vpc"][0]["Status"] == "Pending"
        )
        deadline = time.monotonic() + 5
        status = "Pending"
        while status == "Pending" and time.monotonic() < deadline:
            time.sleep(0.1)
            status = describe_vpcs(simulator.endpoint, VpcId=vpc_id)["Vpcs"]["Vpc"][0]["Status"]
        assert status == "Available"


def test_vswitch_lifecycle_and_dependencies(sim: Simulator) -> None:
    vpc_id = create_vpc(sim.endpoint)
    orphan = call(
        sim.endpoint,
        "CreateVSwitch",
        RegionId=REGION,
        VpcId="vpc-nope",
        ZoneId="cn-hangzhou-b",
        CidrBlock="172.16.1.0/24",
    )
    assert (orphan.status_code, orphan.json()["Code"]) == (404, "InvalidVpcId.NotFound")

    created = call(
        sim.endpoint,
        "CreateVSwitch",
        RegionId=REGION,
        VpcId=vpc_id,
        ZoneId="cn-hangzhou-b",
        CidrBlock="172.16.1.0/24",
        VSwitchName="sw1",
    )
    assert created.status_code == 200, created.text
    vsw_id = created.json()["VSwitchId"]
    assert vsw_id.startswith("vsw-")

    listed = call(sim.endpoint, "DescribeVSwitches", RegionId=REGION, VpcId=vpc_id).json()
    switch = listed["VSwitches"]["VSwitch"][0]
    assert (switch["VSwitchId"], switch["VpcId"], switch["ZoneId"], switch["VSwitchName"]) == (
        vsw_id,
        vpc_id,
        "cn-hangzhou-b",
        "sw1",
    )
    other_zone = call(
        sim.endpoint, "DescribeVSwitches", RegionId=REGION, ZoneId="cn-hangzhou-x"
    ).json()
    assert other_zone["TotalCount"] == 0 and other_zone["VSwitches"]["VSwitch"] == []

    blocked = call(sim.endpoint, "DeleteVpc", RegionId=REGION, VpcId=vpc_id)
    assert (blocked.status_code, blocked.json()["Code"]) == (400, "DependencyViolation.VSwitch")
    assert call(sim.endpoint, "DeleteVSwitch", VSwitchId=vsw_id).status_code == 200
    again = call(sim.endpoint, "DeleteVSwitch", VSwitchId=vsw_id)
    assert (again.status_code, again.json()["Code"]) == (404, "InvalidVSwitchId.NotFound")
    assert call(sim.endpoint, "DeleteVpc", RegionId=REGION, VpcId=vpc_id).status_code == 200


def test_second_family_is_driven_by_the_same_table(sim: Simulator) -> None:
    vpc_id = create_vpc(sim.endpoint)
    created = call(
        sim.endpoint, "CreateVpnGateway", RegionId=REGION, VpcId=vpc_id, Bandwidth="10", Name="gw"
    )
    assert created.status_code == 200, created.text
    gateway_id = created.json()["VpnGatewayId"]
    assert gateway_id.startswith("vpn-") and created.json()["Name"] == "gw"
    listed = call(sim.endpoint, "DescribeVpnGateways", RegionId=REGION, Status="init").json()
    assert [item["VpnGatewayId"] for item in listed["VpnGateways"]["VpnGateway"]] == [gateway_id]
    assert listed["VpnGateways"]["VpnGateway"][0]["VpcId"] == vpc_id
    blocked = call(sim.endpoint, "DeleteVpc", RegionId=REGION, VpcId=vpc_id)
    assert blocked.json()["Code"] == "DependencyViolation.VpnGateway"


def test_pagination(sim: Simulator) -> None:
    created = [create_vpc(sim.endpoint, VpcName=f"vpc{index}") for index in range(7)]
    pages = [
        describe_vpcs(sim.endpoint, PageSize="3", PageNumber=str(number)) for number in (1, 2, 3, 4)
    ]
    assert [page["TotalCount"] for page in pages] == [7, 7, 7, 7]
    assert [page["PageNumber"] for page in pages] == [1, 2, 3, 4]
    assert [len(page["Vpcs"]["Vpc"]) for page in pages] == [3, 3, 1, 0]
    seen = [vpc["VpcId"] for page in pages for vpc in page["Vpcs"]["Vpc"]]
    assert seen == created
    default_page = describe_vpcs(sim.endpoint)
    assert (default_page["PageSize"], len(default_page["Vpcs"]["Vpc"])) == (10, 7)
    some = describe_vpcs(sim.endpoint, VpcId=f"{created[1]},{created[4]}")
    assert [vpc["VpcId"] for vpc in some["Vpcs"]["Vpc"]] == [created[1], created[4]]


def test_client_token_idempotency(sim: Simulator) -> None:
    first = call(sim.endpoint, "CreateVpc", RegionId=REGION, VpcName="same", ClientToken="token-1")
    second = call(sim.endpoint, "CreateVpc", RegionId=REGION, VpcName="same", ClientToken="token-1")
    assert first.status_code == second.status_code == 200
    assert first.json()["VpcId"] == second.json()["VpcId"]
    assert first.json()["RequestId"] != second.json()["RequestId"]
    assert describe_vpcs(sim.endpoint)["TotalCount"] == 1
    mismatch = call(
        sim.endpoint, "CreateVpc", RegionId=REGION, VpcName="other", ClientToken="token-1"
    )
    assert (mismatch.status_code, mismatch.json()["Code"]) == (400, "IdempotentParameterMismatch")
    fresh = call(sim.endpoint, "CreateVpc", RegionId=REGION, VpcName="same", ClientToken="token-2")
    assert fresh.json()["VpcId"] != first.json()["VpcId"]
    assert describe_vpcs(sim.endpoint)["TotalCount"] == 2


def test_concurrent_retries_with_one_token_create_one_vpc(sim: Simulator) -> None:
    results: list[str] = []

    def create() -> None:
        response = call(sim.endpoint, "CreateVpc", RegionId=REGION, ClientToken="shared")
        results.append(response.json()["VpcId"])

    threads = [threading.Thread(target=create) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=10)
    assert len(results) == 8 and len(set(results)) == 1
    assert describe_vpcs(sim.endpoint)["TotalCount"] == 1


@pytest.mark.skipif(
    not PACKAGED_SPEC.exists(), reason="aliyun_vpc_simulator/data/spec.json not generated yet"
)
def test_packaged_spec_serves_a_vpc_lifecycle() -> None:
    with Simulator(ready_after_describes=0) as simulator:  # the default: the packaged spec
        vpc_id = create_vpc(simulator.endpoint)
        listed = describe_vpcs(simulator.endpoint, VpcId=vpc_id)["Vpcs"]["Vpc"]
        assert [vpc["VpcId"] for vpc in listed] == [vpc_id]
        assert (
            call(simulator.endpoint, "DeleteVpc", RegionId=REGION, VpcId=vpc_id).status_code == 200
        )
        gone = call(simulator.endpoint, "DeleteVpc", RegionId=REGION, VpcId=vpc_id)
        assert gone.json()["Code"] == "InvalidVpcId.NotFound"


@pytest.mark.skipif(
    not PACKAGED_SPEC.exists(), reason="aliyun_vpc_simulator/data/spec.json not generated yet"
)
def test_names_in_another_case_are_the_documented_ones() -> None:
    """The SDKs' UnTagResources and PeerAsn are the documents' UntagResources and PeerASN; the
    documents' case twins (Instanceid / InstanceId) are one parameter."""
    with Simulator(strict=True) as simulator:
        untag = call(
            simulator.endpoint,
            "UnTagResources",
            RegionId=REGION,
            ResourceType="VPC",
            **{"ResourceId.1": "vpc-1", "TagKey.1": "k"},
        )
        bgp = call(simulator.endpoint, "CreateBgpGroup", RegionId=REGION, PeerAsn="1111")
        loa = {
            "RegionId": REGION,
            "InstanceId": "pc-1",
            "CompanyName": "c",
            "ConstructionTime": "2019-02-28T16:00:00.000Z",
            "LineType": "SDH",
            "PeerLocation": "Hangzhou",
            "Si": "s",
        }
        twin = call(simulator.endpoint, "ApplyPhysicalConnectionLOA", **loa)
        missing = call(simulator.endpoint, "CreateBgpGroup", RegionId=REGION)
    assert [untag.status_code, bgp.status_code, twin.status_code] == [200] * 3, twin.text
    assert missing.json()["Code"] == "MissingParameter" and "PeerASN" in missing.json()["Message"]


# -- faults --------------------------------------------------------------------------------------


def _outcomes(endpoint: str, count: int) -> dict[str, int]:
    tally = {"ok": 0, "Throttling": 0, "server": 0, "dropped": 0}
    with httpx.Client(timeout=5) as client:
        for _ in range(count):
            try:
                response = client.get(endpoint + "/", params=signed_params("DescribeVpcs"))
            except httpx.TransportError:
                tally["dropped"] += 1
                continue
            if response.status_code == 200:
                tally["ok"] += 1
            elif response.json()["Code"] == "Throttling":
                assert response.status_code == 400
                tally["Throttling"] += 1
            else:
                assert response.status_code >= 500
                assert response.json()["Code"] in ("ServiceUnavailable", "InternalError")
                tally["server"] += 1
    return tally


def test_fault_rates_roughly_as_configured() -> None:
    count = 600
    with Simulator(
        spec_path=FIXTURE_SPEC, throttle_rate=0.2, error_rate=0.1, drop_rate=0.1, seed=7
    ) as simulator:
        tally = _outcomes(simulator.endpoint, count)
    assert sum(tally.values()) == count
    for outcome, rate in (("Throttling", 0.2), ("server", 0.1), ("dropped", 0.1), ("ok", 0.6)):
        assert abs(tally[outcome] / count - rate) < 0.06, tally


def test_faults_can_strike_after_the_operation_took_effect() -> None:
    with Simulator(spec_path=FIXTURE_SPEC, error_rate=1.0, seed=3) as simulator:
        for index in range(20):
            response = call(simulator.endpoint, "CreateVpc", RegionId=REGION, VpcName=f"vpc{index}")
            assert response.status_code >= 500
        stored = simulator.service.store.all("vpc") if simulator.service else []
    assert 0 < len(stored) < 20  # some failed before, some after the VPC was created


def test_latency_is_added() -> None:
    with Simulator(spec_path=FIXTURE_SPEC, latency_ms=200) as simulator:
        started = time.perf_counter()
        assert call(simulator.endpoint, "DescribeVpcs").status_code == 200
        assert time.perf_counter() - started >= 0.2


def test_same_seed_same_faults() -> None:
    runs = []
    for _ in range(2):
        with Simulator(spec_path=FIXTURE_SPEC, throttle_rate=0.5, seed=11) as simulator:
            runs.append([call(simulator.endpoint, "DescribeVpcs").status_code for _ in range(30)])
    assert runs[0] == runs[1]
    assert set(runs[0]) == {200, 400}


# -- CLI -----------------------------------------------------------------------------------------


def test_cli_prints_its_url_and_serves_strictly() -> None:
    with running_simulator(
        "--port",
        "0",
        "--spec",
        str(FIXTURE_SPEC),
        "--access-key-id",
        "cli-id",
        "--access-key-secret",
        "cli-secret",
        "--strict",
    ) as printed:
        url = printed.readline().strip()
        assert url.startswith("http://127.0.0.1:")
        params = signed_params("DescribeVpcs", secret="cli-secret", AccessKeyId="cli-id")
        assert httpx.get(url + "/", params=params, timeout=5).status_code == 200
        default_key = httpx.get(url + "/", params=signed_params("DescribeVpcs"), timeout=5)
        assert default_key.json()["Code"] == "InvalidAccessKeyId.NotFound"
        params = signed_params(
            "DescribeVpcs", secret="cli-secret", AccessKeyId="cli-id", Colour="x"
        )
        strict = httpx.get(url + "/", params=params, timeout=5)
        assert strict.json()["Code"] == "UnsupportedParameter"
