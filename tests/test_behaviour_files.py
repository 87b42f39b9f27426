"""The reviewed paginator and waiter files: generation reads them, and an entry that matches nothing
in the spec fails with a message naming the file, the entry and what is missing."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from generator.cli import main
from generator.codegen.behaviour import check_traits, load_entries, paginator_rows, waiter_rows
from generator.codegen.models import ModelModule, build_module
from generator.codegen.naming import method_name
from generator.codegen.proposer import propose
from generator.codegen.simulator_data import load_simulator_data, undocumented_operations
from generator.codegen.traits import DEFAULT_FILES, load_behaviour
from generator.spec_io import load_spec

SPEC_DIR = Path(__file__).resolve().parents[1] / "spec"


@pytest.fixture(scope="module")
def modules() -> list[ModelModule]:
    return [build_module(op) for op in load_spec(SPEC_DIR).operations]


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def _waiters(tmp_path: Path, modules: list[ModelModule], entry: str) -> None:
    path = _write(tmp_path / "waiters.yaml", f"waiters:\n  my_waiter:\n{entry}")
    waiter_rows(path, modules, load_behaviour().traits)


def _paginators(tmp_path: Path, modules: list[ModelModule], entry: str) -> None:
    path = _write(tmp_path / "paginators.yaml", f"paginators:\n{entry}")
    paginator_rows(
        path, modules, {m.operation.name: method_name(m.operation.name) for m in modules}
    )


VPC_WAITER = (
    "    operation: DescribeVpcs\n    id_parameter: VpcId\n    items: Vpcs\n    status: Status\n"
)


@pytest.mark.parametrize(
    ("entry", "problem"),
    [
        (
            VPC_WAITER.replace("DescribeVpcs", "DescribeVpcz") + "    success: [Available]\n",
            "no operation DescribeVpcz in the spec",
        ),
        (
            VPC_WAITER.replace("VpcId", "VpcIdentifier") + "    success: [Available]\n",
            "id_parameter: DescribeVpcs has no scalar request parameter 'VpcIdentifier'",
        ),
        (
            VPC_WAITER.replace("items: Vpcs", "items: Vpc") + "    success: [Available]\n",
            "DescribeVpcs has no top-level response list 'Vpc'",
        ),
        (
            VPC_WAITER.replace("status: Status", "status: State") + "    success: [Available]\n",
            "status: the items of DescribeVpcs.Vpcs have no field 'State'",
        ),
        (
            VPC_WAITER + "    success: [Ready]\n",
            "DescribeVpcs documents no Status value ['Ready']",
        ),
        (
            VPC_WAITER + "    success: [Available]\n    filter_key: VpcId\n",
            "give exactly one of id_parameter and filter_key",
        ),
        (
            VPC_WAITER + "    success: [Available]\n    sucess: [Pending]\n",
            "unknown keys ['sucess']",
        ),
        (
            (
                "    operation: DescribePhysicalConnections\n    filter_key: VpcId\n"
                "    items: PhysicalConnectionSet\n    status: Status\n    success: [Enabled]\n"
            ),
            (
                "filter_key: DescribePhysicalConnections's Filter.N.Key does not document the key "
                "'VpcId'"
            ),
        ),
    ],
)
def test_a_waiter_entry_matching_nothing_names_file_entry_and_what_is_missing(
    tmp_path: Path, modules: list[ModelModule], entry: str, problem: str
) -> None:
    expected = f"{tmp_path / 'waiters.yaml'}: waiter my_waiter: {problem}"
    with pytest.raises(ValueError, match=re.escape(expected)):
        _waiters(tmp_path, modules, entry)


PAGE = (
    "    style: page\n    input_page: PageNumber\n    input_size: PageSize\n"
    "    output_items: Vpcs\n"
)


@pytest.mark.parametrize(
    ("entry", "problem"),
    [
        (
            "  DescribeVpcz:\n" + PAGE,
            "paginator DescribeVpcz: no operation DescribeVpcz in the spec",
        ),
        (
            "  DescribeVpcs:\n" + PAGE.replace("PageSize", "MaxResults"),
            (
                "paginator DescribeVpcs: parameter: DescribeVpcs has no scalar request parameter "
                "'MaxResults'"
            ),
        ),
        (
            "  DescribeVpcs:\n" + PAGE.replace("Vpcs", "VpcList"),
            "paginator DescribeVpcs: DescribeVpcs has no top-level response list 'VpcList'",
        ),
        (
            "  DescribeVpcs:\n" + PAGE + "    output_token: NextToken\n",
            "paginator DescribeVpcs: output_token: DescribeVpcs has no response field 'NextToken'",
        ),
        (
            "  DescribeVpcs:\n" + PAGE.replace("page\n", "cursor\n"),
            "paginator DescribeVpcs: style 'cursor' is not one of ['page', 'token']",
        ),
    ],
)
def test_a_paginator_entry_matching_nothing_names_file_entry_and_what_is_missing(
    tmp_path: Path, modules: list[ModelModule], entry: str, problem: str
) -> None:
    expected = f"{tmp_path / 'paginators.yaml'}: {problem}"
    with pytest.raises(ValueError, match=re.escape(expected)):
        _paginators(tmp_path, modules, entry)


def test_check_fails_on_an_entry_that_matches_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The command line reports the problem (exit 1) before writing or comparing anything."""
    spec_dir = tmp_path / "spec"
    spec_dir.mkdir()
    shutil.copy(SPEC_DIR / "service.yaml", spec_dir / "service.yaml")
    (spec_dir / "operations").symlink_to(SPEC_DIR / "operations")
    text = DEFAULT_FILES.waiters.read_text(encoding="utf-8")
    _write(spec_dir / "waiters.yaml", text.replace("items: Vpcs", "items: VpcList"))
    out = tmp_path / "pkg"
    for command in ("check", "generate"):
        assert main([command, "--spec", str(spec_dir), "--out", str(out)]) == 1
        err = capsys.readouterr().err
        assert (
            f"{spec_dir / 'waiters.yaml'}: waiter vpc_available: DescribeVpcs has no top-level "
            "response list 'VpcList'"
        ) in err
    assert not out.exists()


def test_the_reviewed_files_hold_what_the_rules_propose_plus_reviewed_exceptions(
    modules: list[ModelModule],
) -> None:
    """Every proposal is in the files as proposed; the files add only the reviewed exceptions
    (the documents' singular MaxResult, the EIP waiter selected by AllocationId)."""
    proposals = propose(modules, load_behaviour())
    for section, path in (
        ("paginators", DEFAULT_FILES.paginators),
        ("waiters", DEFAULT_FILES.waiters),
    ):
        reviewed = load_entries(path, section)
        for name, entry in proposals[section].items():
            assert reviewed[name] == entry
        extra = set(reviewed) - set(proposals[section])
        assert (
            extra
            == {"paginators": {"DescribeRouteEntryList"}, "waiters": {"eip_address_available"}}[
                section
            ]
        )


def test_a_paginator_entry_is_all_generation_needs(
    tmp_path: Path, modules: list[ModelModule]
) -> None:
    """The DescribeRouteEntryList paginator is a plain entry: its names come from the file."""
    text = DEFAULT_FILES.paginators.read_text(encoding="utf-8")
    path = _write(tmp_path / "paginators.yaml", text)
    names = {m.operation.name: method_name(m.operation.name) for m in modules}
    rows = {row.operation: row for row in paginator_rows(path, modules, names)}
    route = rows["DescribeRouteEntryList"]
    assert (route.style, route.input_page, route.input_size, route.output_token) == (
        "token",
        "next_token",
        "max_result",
        "next_token",
    )
    start = text.index("  DescribeRouteEntryList:")
    end = text.index("  DescribeRouteTableList:")
    _write(path, text[:start] + text[end:])
    assert "DescribeRouteEntryList" not in {
        row.operation for row in paginator_rows(path, modules, names)
    }


def test_the_simulator_families_name_documented_operations() -> None:
    spec = load_spec(SPEC_DIR)
    data = load_simulator_data(DEFAULT_FILES.simulator, spec)
    assert undocumented_operations(data, spec) == []
    assert {family["name"] for family in data["families"]} >= {"vpc", "vswitch", "vpn_gateway"}


def test_a_simulator_situation_must_name_a_common_error(tmp_path: Path) -> None:
    text = DEFAULT_FILES.simulator.read_text(encoding="utf-8")
    path = _write(
        tmp_path / "simulator.yaml",
        text.replace("nonce_used: SignatureNonceUsed", "nonce_used: NonceUsed"),
    )
    with pytest.raises(
        ValueError,
        match=re.escape(f"{path}: situation nonce_used: NonceUsed is not one of the common errors"),
    ):
        load_simulator_data(path, load_spec(SPEC_DIR))


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        (
            "idempotency_token: ClientToken",
            "idempotency_token: ClientTokn",
            "traits.idempotency_token: no operation takes a parameter 'ClientTokn'",
        ),
        (
            "retryable_codes: [ServiceUnavailable, InternalError]",
            "retryable_codes: [ServiceUnavailable, InternalErr]",
            "traits.retryable_codes: undocumented codes ['InternalErr']",
        ),
        (
            "throttling_prefix: Throttling",
            "throttling_prefix: Throttle.",
            "traits.throttling_prefix: no documented code starts with 'Throttle.'",
        ),
    ],
)
def test_a_trait_naming_nothing_in_the_spec_is_an_error(
    tmp_path: Path, old: str, new: str, problem: str
) -> None:
    text = DEFAULT_FILES.behaviour.read_text(encoding="utf-8")
    path = _write(tmp_path / "behaviour.yaml", text.replace(old, new))
    with pytest.raises(ValueError, match=re.escape(f"{path}: {problem}")):
        check_traits(path, load_behaviour(path).traits, load_spec(SPEC_DIR))


def test_propose_prints_what_the_rules_suggest_against_the_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A proposal the reviewed file lacks is printed as YAML to review; the summary counts it."""
    spec_dir = tmp_path / "spec"
    spec_dir.mkdir()
    shutil.copy(SPEC_DIR / "service.yaml", spec_dir / "service.yaml")
    (spec_dir / "operations").symlink_to(SPEC_DIR / "operations")
    text = DEFAULT_FILES.waiters.read_text(encoding="utf-8")
    start, end = text.index("  vpc_available:"), text.index("  vpn_gateway_active:")
    _write(spec_dir / "waiters.yaml", text[:start] + text[end:])
    assert main(["propose", "--spec", str(spec_dir)]) == 0
    out = capsys.readouterr().out
    assert "paginators.yaml: 29 proposed, 29 as reviewed" in out
    assert "reviewed but not proposed: ['DescribeRouteEntryList']" in out
    assert "1 missing ['vpc_available']" in out
    assert "  vpc_available:\n    operation: DescribeVpcs\n    id_parameter: VpcId\n" in out
