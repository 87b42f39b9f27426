"""The simulator verifies V3 (ACS3-HMAC-SHA256) signatures: header-signed requests, over real HTTP.

Requests are signed with aliyun_vpc.signature_v3 and sent with plain httpx (no client of ours), so
a failure here is the simulator's verification, not the client's sending.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlencode

import httpx
import pytest

from aliyun_vpc.credentials import Credentials
from aliyun_vpc.signature_v3 import authorization, canonical_request, sign_headers, string_to_sign
from aliyun_vpc_simulator import DEFAULT_ACCESS_KEY_ID, DEFAULT_ACCESS_KEY_SECRET, Simulator

FIXTURE_SPEC = Path(__file__).parent / "fixtures" / "sim_spec.json"
FORM = "application/x-www-form-urlencoded"


@pytest.fixture(scope="module")
def sim() -> Iterator[Simulator]:
    with Simulator(spec_path=FIXTURE_SPEC, ready_after_describes=0) as simulator:
        yield simulator


def v3_request(
    endpoint: str,
    action: str,
    *,
    query: dict[str, str] | None = None,
    form: dict[str, str] | None = None,
    secret: str = DEFAULT_ACCESS_KEY_SECRET,
    date: datetime | None = None,
    nonce: str | None = None,
) -> httpx.Request:
    """A V3-signed POST: parameters in the query string and/or a form body."""
    host = endpoint.removeprefix("http://")
    body = urlencode(form).encode() if form else b""
    headers = sign_headers(
        method="POST",
        host=host,
        action=action,
        version="2016-04-28",
        query=query or {},
        body=body,
        content_type=FORM if form else None,
        credentials=Credentials(DEFAULT_ACCESS_KEY_ID, secret),
        date=(date or datetime.now(UTC)).strftime("%Y-%m-%dT%H:%M:%SZ"),
        nonce=nonce or uuid.uuid4().hex,
    )
    return httpx.Request("POST", endpoint + "/", params=query, content=body, headers=headers)


def send(request: httpx.Request) -> httpx.Response:
    with httpx.Client(timeout=5) as client:
        return client.send(request)


def test_v3_lifecycle_with_query_and_form_parameters(sim: Simulator) -> None:
    created = send(
        v3_request(
            sim.endpoint,
            "CreateVpc",
            query={"RegionId": "cn-hangzhou"},
            form={"VpcName": "名 *~v3", "CidrBlock": "10.0.0.0/8"},
        )
    )
    assert created.status_code == 200, created.text
    vpc_id = created.json()["VpcId"]
    listed = send(v3_request(sim.endpoint, "DescribeVpcs", query={"VpcId": vpc_id}))
    assert listed.status_code == 200, listed.text
    assert [vpc["VpcName"] for vpc in listed.json()["Vpcs"]["Vpc"]] == ["名 *~v3"]
    deleted = send(v3_request(sim.endpoint, "DeleteVpc", form={"VpcId": vpc_id}))
    assert deleted.status_code == 200, deleted.text


def test_v3_client_token_makes_a_create_idempotent(sim: Simulator) -> None:
    form = {"RegionId": "cn-hangzhou", "ClientToken": uuid.uuid4().hex}
    first = send(v3_request(sim.endpoint, "CreateVpc", form=form))
    again = send(v3_request(sim.endpoint, "CreateVpc", form=form))
    assert first.status_code == again.status_code == 200, first.text + again.text
    assert first.json()["VpcId"] == again.json()["VpcId"]


def tamper(request: httpx.Request, **headers: str) -> httpx.Request:
    changed = dict(request.headers)
    changed.update(headers)
    return httpx.Request(request.method, request.url, content=request.content, headers=changed)


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"secret": "wrong-secret"}, "IncompleteSignature"),
        ({"date": datetime.now(UTC) - timedelta(hours=1)}, "IllegalTimestamp"),
    ],
    ids=["wrong-secret", "stale-date"],
)
def test_v3_refusals(sim: Simulator, change: dict[str, object], code: str) -> None:
    request = v3_request(sim.endpoint, "DescribeVpcs", **change)  # type: ignore[arg-type]
    response = send(request)
    assert (response.status_code, response.json()["Code"]) == (400, code)


def test_v3_tampered_requests_are_refused(sim: Simulator) -> None:
    request = v3_request(sim.endpoint, "DescribeVpcs", query={"PageSize": "10"})
    other_query = httpx.Request(
        "POST", str(request.url).replace("PageSize=10", "PageSize=20"), headers=request.headers
    )
    other_action = tamper(request, **{"x-acs-action": "DescribeVSwitches"})
    forged_hash = tamper(request, **{"x-acs-content-sha256": "0" * 64})
    unsigned_acs = tamper(request, **{"x-acs-extra": "1"})
    credential = request.headers["authorization"].rsplit("Signature=", 1)[0]
    latin_headers = {
        key.encode(): value.encode("latin-1") for key, value in request.headers.items()
    }
    latin_headers[b"authorization"] = (credential + "Signature=\u00e9").encode("latin-1")
    latin = httpx.Request("POST", request.url, headers=latin_headers)
    for forged in (other_query, other_action, forged_hash, unsigned_acs, latin):
        response = send(forged)
        assert (response.status_code, response.json()["Code"]) == (400, "IncompleteSignature")
    no_date = httpx.Request(
        "POST",
        request.url,
        headers={k: v for k, v in request.headers.items() if k != "x-acs-date"},
    )
    missing = send(no_date)
    assert missing.json()["Code"] == "MissingParameter"
    assert "x-acs-date" in missing.json()["Message"]


def test_v3_nonce_is_single_use(sim: Simulator) -> None:
    nonce = uuid.uuid4().hex
    first = send(v3_request(sim.endpoint, "DescribeVpcs", nonce=nonce))
    again = send(v3_request(sim.endpoint, "DescribeVpcs", nonce=nonce))
    assert first.status_code == 200, first.text
    assert again.json()["Code"] == "SignatureNonceUsed"


def test_v3_action_and_version_may_come_as_parameters(sim: Simulator) -> None:
    """No x-acs-action / x-acs-version headers: Action and Version in the signed query string."""
    query = {"Action": "DescribeVpcs", "Version": "2016-04-28", "RegionId": "cn-hangzhou"}
    payload_hash = hashlib.sha256(b"").hexdigest()
    headers = {
        "host": sim.endpoint.removeprefix("http://"),
        "x-acs-date": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "x-acs-signature-nonce": uuid.uuid4().hex,
        "x-acs-content-sha256": payload_hash,
    }
    canonical, signed = canonical_request("GET", "/", query, headers, payload_hash)
    headers["authorization"] = authorization(
        DEFAULT_ACCESS_KEY_ID, DEFAULT_ACCESS_KEY_SECRET, signed, string_to_sign(canonical)
    )
    response = send(httpx.Request("GET", sim.endpoint + "/", params=query, headers=headers))
    assert response.status_code == 200, response.text
    assert "Vpcs" in response.json()
    no_action = {key: value for key, value in query.items() if key != "Action"}
    headers["x-acs-signature-nonce"] = uuid.uuid4().hex
    canonical, signed = canonical_request("GET", "/", no_action, headers, payload_hash)
    headers["authorization"] = authorization(
        DEFAULT_ACCESS_KEY_ID, DEFAULT_ACCESS_KEY_SECRET, signed, string_to_sign(canonical)
    )
    missing = send(httpx.Request("GET", sim.endpoint + "/", params=no_action, headers=headers))
    assert missing.json()["Code"] == "MissingParameter" and "x-acs-action" in missing.text
