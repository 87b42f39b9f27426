"""What an IDE shows for a client method, checked with jedi (the engine of several editors) on the
package laid out as a wheel installs it: the operation's summary on both clients' methods, their
keyword arguments, and the request model the methods point to, which holds the full documentation
(description, documented errors, one docstring per parameter)."""

from __future__ import annotations

import shutil
from pathlib import Path

import jedi  # type: ignore[import-untyped]
import pytest

ROOT = Path(__file__).resolve().parents[1]

CODE = """\
from aliyun_vpc import AsyncVpcClient, VpcClient
from aliyun_vpc._generated.models.vpc import CreateVpcRequest
client = VpcClient()
client.create_vpc
async_client = AsyncVpcClient()
async_client.create_vpc
CreateVpcRequest().cidr_block
"""
LINES = CODE.splitlines()


@pytest.fixture(scope="module")
def script(tmp_path_factory: pytest.TempPathFactory) -> jedi.Script:
    """jedi on a file beside `aliyun_vpc` as installed: the runtime with the generated subpackage
    inside it (an editable install's import hook is invisible to static analysis)."""
    site = tmp_path_factory.mktemp("site")
    shutil.copytree(
        ROOT / "runtime" / "aliyun_vpc",
        site / "aliyun_vpc",
        ignore=shutil.ignore_patterns("__pycache__"),
    )
    (site / "aliyun_vpc" / "_generated").symlink_to(
        ROOT / "generated" / "aliyun_vpc" / "_generated", target_is_directory=True
    )
    project = jedi.Project(site, sys_path=[str(site)], smart_sys_path=False)
    return jedi.Script(CODE, path=site / "example.py", project=project)


def _at_end_of(script: jedi.Script, text: str) -> tuple[int, int]:
    line = LINES.index(text)
    return line + 1, len(text)


@pytest.mark.parametrize("receiver", ["client", "async_client"])
def test_the_method_shows_the_summary_its_arguments_and_where_the_rest_is(
    script: jedi.Script, receiver: str
) -> None:
    (method,) = script.infer(*_at_end_of(script, f"{receiver}.create_vpc"))
    doc = method.docstring(raw=True)
    assert doc.startswith("Creates a VPC.") and "`CreateVpcRequest`" in doc
    (signature,) = method.get_signatures()
    names = [param.name for param in signature.params]
    assert names[0] == "request" and {"cidr_block", "vpc_name", "region_id"} <= set(names)
    # the pointer resolves: the `request` argument is the model holding the full text
    (request,) = [value for value in signature.params[0].infer() if value.name != "NoneType"]
    assert request.full_name == "aliyun_vpc._generated.models.vpc.CreateVpcRequest"
    full = " ".join(request.docstring(raw=True).split())
    assert "Note the following before you call this API action" in full  # the description
    assert "Errors (classes of `aliyun_vpc.errors`):" in full
    assert "- InvalidVpcNameMalformed: `InvalidVpcName.Malformed` (HTTP 400):" in full


def test_each_parameter_shows_its_documentation_on_the_request_model(script: jedi.Script) -> None:
    # where the methods' `request` annotation leads (the public `aliyun_vpc.models` re-exports it
    # through an import hook that static analysis does not follow)
    (name,) = script.help(*_at_end_of(script, "CreateVpcRequest().cidr_block"))
    doc = " ".join(name.docstring(raw=True).split())
    assert doc.startswith("Optional. The IP address range of the VPC in CIDR block form.")
    assert "Example: `172.16.0.0/12`." in doc
