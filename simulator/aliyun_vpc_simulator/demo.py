"""A walkthrough of the client against a local simulator: `python -m aliyun_vpc_simulator.demo`.

Starts a `Simulator` on 127.0.0.1 (no credentials or network needed) and signs every call with a
RAM role's temporary credentials, assumed through the simulator's STS as a production client would
(`RamRoleArnProvider`, refreshed before they expire). Then: creates a VPC and
waits for it to become Available, adds a VSwitch, lists VPCs page by page with the paginator,
catches two documented errors as typed exceptions, and deletes everything again. Each step prints
what happened; the exit status is 1 when a step does not behave as described.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

from aliyun_vpc import errors
from aliyun_vpc.client import VpcClient
from aliyun_vpc.credentials import Credentials, RamRoleArnProvider
from aliyun_vpc.exceptions import VpcApiError, VpcError

from . import DEFAULT_ACCESS_KEY_ID, DEFAULT_ACCESS_KEY_SECRET, Simulator

REGION_ID = "cn-hangzhou"
ROLE_ARN = "acs:ram::1234567890123456:role/demo-network-admin"
ZONE_ID = "cn-hangzhou-b"
PAGE_SIZE = 2
WAIT_DELAY = 0.2
WAIT_TIMEOUT = 15.0


class StepFailed(Exception):
    """A step did not behave as the walkthrough says it does."""


def show(text: str) -> None:
    print(text, flush=True)


def show_error(error: VpcApiError) -> None:
    show(f"    {type(error).__module__}.{type(error).__name__}")
    show(f"    code={error.code} http_status={error.http_status}")
    show(f"    message={error.message}")
    show(f"    request_id={error.request_id}")


def expect_error(expected: type[VpcApiError], call: Callable[[], object]) -> None:
    """Run `call`, which must raise `expected`; print what was raised."""
    try:
        call()
    except expected as error:
        show_error(error)
        return
    raise StepFailed(f"expected {expected.__name__}, the call succeeded")


def create_vpcs(client: VpcClient) -> list[str]:
    show("1. Create a VPC and wait until it is Available")
    vpc_id = client.create_vpc(vpc_name="demo-vpc", cidr_block="192.168.0.0/16").vpc_id
    if vpc_id is None:
        raise StepFailed("CreateVpc returned no VpcId")
    show(f"    created {vpc_id}")
    described = client.wait_until(
        "vpc_available", vpc_id=vpc_id, delay=WAIT_DELAY, timeout=WAIT_TIMEOUT
    )
    show(f"    status: {described.vpcs[0].status}")
    extra_ids = []
    for number in (2, 3):
        created = client.create_vpc(vpc_name=f"demo-vpc-{number}", cidr_block="10.0.0.0/8")
        if created.vpc_id is None:
            raise StepFailed("CreateVpc returned no VpcId")
        extra_ids.append(created.vpc_id)
    show(f"    and two more to page through: {', '.join(extra_ids)}")
    return [vpc_id, *extra_ids]


def create_vswitch(client: VpcClient, vpc_id: str) -> str:
    show("2. Create a VSwitch in it")
    vswitch_id = client.create_v_switch(
        vpc_id=vpc_id, zone_id=ZONE_ID, cidr_block="192.168.1.0/24", v_switch_name="demo-vsw"
    ).v_switch_id
    if vswitch_id is None:
        raise StepFailed("CreateVSwitch returned no VSwitchId")
    described = client.wait_until(
        "v_switch_available", v_switch_id=vswitch_id, delay=WAIT_DELAY, timeout=WAIT_TIMEOUT
    )
    show(f"    created {vswitch_id} in {ZONE_ID}, status: {described.v_switches[0].status}")
    return vswitch_id


def list_vpcs(client: VpcClient, expected: list[str]) -> None:
    show(f"3. List the VPCs with the paginator, {PAGE_SIZE} per page")
    seen: list[str] = []
    for number, page in enumerate(client.paginate("describe_vpcs", page_size=PAGE_SIZE), 1):
        show(f"    page {number} (TotalCount={page.total_count}):")
        for vpc in page.vpcs:
            show(
                f"      {vpc.vpc_id}  {vpc.vpc_name or '':<12} {vpc.cidr_block or '':<16} {vpc.status}"
            )
            seen.append(str(vpc.vpc_id))
    if sorted(seen) != sorted(expected):
        raise StepFailed(f"the pages listed {seen}, expected {expected}")


def typed_errors(client: VpcClient, vpc_id: str) -> None:
    show("4. Errors arrive as typed exceptions")
    show("  describing a VPC that does not exist:")
    expect_error(
        errors.InvalidVpcIdNotFound,
        lambda: client.describe_vpc_attribute(vpc_id="vpc-doesnotexist000000000"),
    )
    show("  deleting a VPC that still has a VSwitch:")
    expect_error(errors.DependencyViolationVSwitch, lambda: client.delete_vpc(vpc_id=vpc_id))


def clean_up(client: VpcClient, vpc_ids: list[str], vswitch_id: str) -> None:
    show("5. Clean up")
    client.delete_v_switch(v_switch_id=vswitch_id)
    show(f"    deleted {vswitch_id}")
    for vpc_id in vpc_ids:
        client.delete_vpc(vpc_id=vpc_id)
        show(f"    deleted {vpc_id}")
    remaining = sum(len(page.vpcs) for page in client.paginate("describe_vpcs"))
    show(f"    VPCs left: {remaining}")
    if remaining != 0:
        raise StepFailed(f"{remaining} VPCs are left after deleting them all")


def walkthrough(client: VpcClient) -> None:
    vpc_ids = create_vpcs(client)
    vswitch_id = create_vswitch(client, vpc_ids[0])
    list_vpcs(client, vpc_ids)
    typed_errors(client, vpc_ids[0])
    clean_up(client, vpc_ids, vswitch_id)


def assume_role(simulator: Simulator) -> RamRoleArnProvider:
    """The role's credentials from the simulator's STS, as `RamRoleArnProvider` gets them."""
    role = RamRoleArnProvider(
        source=Credentials(DEFAULT_ACCESS_KEY_ID, DEFAULT_ACCESS_KEY_SECRET),
        role_arn=ROLE_ARN,
        role_session_name="demo",
        sts_endpoint=simulator.endpoint,
    )
    current = role.get_credentials()
    show(f"Credentials: {ROLE_ARN} assumed through STS AssumeRole")
    show(f"    temporary key {current.access_key_id}, refreshed before it expires")
    return role


def main() -> int:
    with Simulator() as simulator:
        show(f"Simulator listening on {simulator.endpoint} (region {REGION_ID})")
        try:
            role = assume_role(simulator)
        except VpcError as error:
            show(f"FAILED: {type(error).__name__}: {error}")
            return 1
        with VpcClient(
            credentials=role, region_id=REGION_ID, endpoint=simulator.endpoint
        ) as client:
            try:
                walkthrough(client)
            except (StepFailed, VpcError) as error:
                show(f"FAILED: {type(error).__name__}: {error}")
                return 1
    show("Done: every step behaved as described.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
