"""The resource families the simulator keeps state for, as data.

Each row names the operations of one family and how its resources are identified; `resources.py`
runs the same create / describe / modify / delete logic for every row. Codes and statuses are the
documents' (e.g. "InvalidVpcId.NotFound", VPC statuses Pending / Available).
"""

from __future__ import annotations

from typing import NamedTuple


class Parent(NamedTuple):
    family: str  # the family a resource belongs to
    parameter: str  # the create parameter (and attribute) holding the parent's id


class ResourceFamily(NamedTuple):
    name: str
    noun: str  # as in the documents' codes: "DependencyViolation.VSwitch"
    id_field: str  # request parameter and response field of the id
    id_prefix: str
    create: str
    describe: str  # list operation (PageNumber / PageSize / TotalCount)
    delete: str
    modify: tuple[str, ...] = ()
    show: str | None = None  # single-resource describe, answers at the top level
    not_found_code: str = ""
    parent: Parent | None = None
    initial_status: str | None = None  # Status right after create
    ready_status: str | None = None  # Status once ready (None: it stays initial)


FAMILIES: tuple[ResourceFamily, ...] = (
    ResourceFamily(
        "vpc",
        "Vpc",
        "VpcId",
        "vpc-",
        "CreateVpc",
        "DescribeVpcs",
        "DeleteVpc",
        modify=("ModifyVpcAttribute",),
        show="DescribeVpcAttribute",
        not_found_code="InvalidVpcId.NotFound",
        initial_status="Pending",
        ready_status="Available",
    ),
    ResourceFamily(
        "vswitch",
        "VSwitch",
        "VSwitchId",
        "vsw-",
        "CreateVSwitch",
        "DescribeVSwitches",
        "DeleteVSwitch",
        modify=("ModifyVSwitchAttribute",),
        show="DescribeVSwitchAttributes",
        not_found_code="InvalidVSwitchId.NotFound",
        parent=Parent("vpc", "VpcId"),
        initial_status="Pending",
        ready_status="Available",
    ),
    ResourceFamily(
        "route_table",
        "RouteTable",
        "RouteTableId",
        "vtb-",
        "CreateRouteTable",
        "DescribeRouteTableList",
        "DeleteRouteTable",
        modify=("ModifyRouteTableAttributes",),
        not_found_code="InvalidRouteTableId.NotFound",
        parent=Parent("vpc", "VpcId"),
        initial_status="Available",
    ),
    ResourceFamily(
        "eip",
        "Eip",
        "AllocationId",
        "eip-",
        "AllocateEipAddress",
        "DescribeEipAddresses",
        "ReleaseEipAddress",
        modify=("ModifyEipAddressAttribute",),
        not_found_code="InvalidAllocationId.NotFound",
        initial_status="Available",
    ),
    ResourceFamily(
        "nat_gateway",
        "NatGateway",
        "NatGatewayId",
        "ngw-",
        "CreateNatGateway",
        "DescribeNatGateways",
        "DeleteNatGateway",
        modify=("ModifyNatGatewayAttribute",),
        not_found_code="InvalidNatGatewayId.NotFound",
        parent=Parent("vpc", "VpcId"),
        initial_status="Initiating",
        ready_status="Available",
    ),
    ResourceFamily(
        "vpn_gateway",
        "VpnGateway",
        "VpnGatewayId",
        "vpn-",
        "CreateVpnGateway",
        "DescribeVpnGateways",
        "DeleteVpnGateway",
        modify=("ModifyVpnGatewayAttribute",),
        show="DescribeVpnGateway",
        not_found_code="InvalidVpnGatewayInstanceId.NotFound",
        parent=Parent("vpc", "VpcId"),
        initial_status="init",
        ready_status="active",
    ),
    ResourceFamily(
        "customer_gateway",
        "CustomerGateway",
        "CustomerGatewayId",
        "cgw-",
        "CreateCustomerGateway",
        "DescribeCustomerGateways",
        "DeleteCustomerGateway",
        modify=("ModifyCustomerGatewayAttribute",),
        show="DescribeCustomerGateway",
        not_found_code="InvalidCustomerGatewayInstanceId.NotFound",
    ),
    ResourceFamily(
        "vpn_connection",
        "VpnConnection",
        "VpnConnectionId",
        "vco-",
        "CreateVpnConnection",
        "DescribeVpnConnections",
        "DeleteVpnConnection",
        modify=("ModifyVpnConnectionAttribute",),
        show="DescribeVpnConnection",
        not_found_code="InvalidVpnConnectionInstanceId.NotFound",
        parent=Parent("vpn_gateway", "VpnGatewayId"),
    ),
    ResourceFamily(
        "physical_connection",
        "PhysicalConnection",
        "PhysicalConnectionId",
        "pc-",
        "CreatePhysicalConnection",
        "DescribePhysicalConnections",
        "DeletePhysicalConnection",
        modify=("ModifyPhysicalConnectionAttribute",),
        not_found_code="InvalidPhysicalConnectionId.NotFound",
        initial_status="Initial",
        ready_status="Enabled",
    ),
    ResourceFamily(
        "vbr",
        "Vbr",
        "VbrId",
        "vbr-",
        "CreateVirtualBorderRouter",
        "DescribeVirtualBorderRouters",
        "DeleteVirtualBorderRouter",
        modify=("ModifyVirtualBorderRouterAttribute",),
        not_found_code="InvalidVbrId.NotFound",
        parent=Parent("physical_connection", "PhysicalConnectionId"),
        initial_status="active",
    ),
)
