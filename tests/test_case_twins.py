"""One parameter per name whatever the case: the merge's spelling rule on small hand-built
snapshots, an override deciding after it, and the whole merged spec and generated package."""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import attrs
from aliyun_vpc._generated.operations import OPERATIONS

from generator.merge import Snapshot, merge
from generator.model import DocumentInfo, Examples, Field, Operation, Parameter, Source
from generator.overrides import Applied, Evidence, Override, apply_overrides
from generator.report import conflicts_report

REPO = Path(__file__).resolve().parents[1]
OLD_EN = DocumentInfo("old-en", "a.txt", "A", "vpc", "en", "2019-09-18")
MID_EN = DocumentInfo("mid-en", "c.txt", "C", "vpc", "en", "2020-09-17")
NEW_ZH = DocumentInfo("new-zh", "b.txt", "B", "vpc", "zh-TW", "2022-03-17")
UNDATED = DocumentInfo("undated-en", "d.txt", "D", "vpc", "en", "undated")


def _op(
    doc: DocumentInfo,
    parameters: list[str] = (),  # type: ignore[assignment]
    request: str | None = None,
    response: list[Field] = (),  # type: ignore[assignment]
    response_json: Any = None,
) -> Operation:
    return Operation(
        name="CreateBgpGroup",
        product="vpc",
        group="BGP",
        parameters=[
            Parameter(name, "string", sources=[Source(doc.id, line)])
            for line, name in enumerate(parameters, start=10)
        ],
        response=list(response),
        examples=Examples(request=request, response_json=response_json),
        sources=[Source(doc.id, 1)],
    )


def _names(op: Operation) -> list[str]:
    return [p.name for p in op.parameters]


def test_the_spelling_in_the_sections_own_request_example_wins_over_newer_revisions() -> None:
    snapshots = [
        Snapshot(OLD_EN, [_op(OLD_EN, ["RegionId", "AuthKey"], request="?RegionId=x&AuthKey=k")]),
        Snapshot(NEW_ZH, [_op(NEW_ZH, ["RegionId", "Authkey"], request="?RegionId=x")]),
    ]
    (op,), conflicts = merge(snapshots)
    assert _names(op) == ["RegionId", "AuthKey"]
    assert op.parameters[1].sources == [Source("old-en", 11), Source("new-zh", 11)]
    (conflict,) = [c for c in conflicts if c.aspect == "spelling"]
    assert conflict.subject == "parameter AuthKey"
    assert [(s.doc, s.line, s.value) for s in conflict.statements] == [
        ("new-zh", 11, "Authkey"),
        ("old-en", 11, "AuthKey"),
    ]
    assert conflict.resolution == "AuthKey (the operation's example uses it)"
    assert "| parameter AuthKey | spelling |" in conflicts_report(conflicts)


def test_an_example_must_use_the_name_as_a_whole_wire_name() -> None:
    # 'XAuthkey=' and 'Authkey.1' are not the parameter Authkey: no example evidence, newest wins.
    snapshots = [
        Snapshot(OLD_EN, [_op(OLD_EN, ["Authkey"], request="?XAuthkey=1&Authkey.1=2")]),
        Snapshot(NEW_ZH, [_op(NEW_ZH, ["AuthKey"])]),
    ]
    (op,), conflicts = merge(snapshots)
    assert _names(op) == ["AuthKey"]
    assert conflicts[0].resolution == "AuthKey (newest revision that states it)"


def test_indexed_names_match_their_example_with_numbers() -> None:
    snapshots = [
        Snapshot(OLD_EN, [_op(OLD_EN, ["Tag.N.key"], request="?Tag.1.key=a")]),
        Snapshot(NEW_ZH, [_op(NEW_ZH, ["Tag.N.Key"])]),
    ]
    (op,), _ = merge(snapshots)
    assert _names(op) == ["Tag.N.key"]


def test_without_example_evidence_the_newest_revision_decides() -> None:
    snapshots = [
        Snapshot(UNDATED, [_op(UNDATED, ["Bandwidth"])]),
        Snapshot(OLD_EN, [_op(OLD_EN, ["bandwidth"])]),
        Snapshot(MID_EN, [_op(MID_EN, ["Bandwidth"])]),
    ]
    (op,), conflicts = merge(snapshots)
    assert _names(op) == ["Bandwidth"]
    (conflict,) = [c for c in conflicts if c.aspect == "spelling"]
    assert [s.doc for s in conflict.statements] == ["mid-en", "old-en", "undated-en"]
    # one parameter stated by every document: no presence conflict for either spelling
    assert [c.aspect for c in conflicts] == ["spelling"]


def test_when_examples_and_the_newest_revision_tie_the_majority_decides() -> None:
    # The kept example uses both spellings and the newest revision lists both: most documents decide.
    both = "&HealthCheckSourceIP=1&HealthCheckSourceIp=2"
    snapshots = [
        Snapshot(OLD_EN, [_op(OLD_EN, ["HealthCheckSourceIP"], request=both)]),
        Snapshot(MID_EN, [_op(MID_EN, ["HealthCheckSourceIP"])]),
        Snapshot(NEW_ZH, [_op(NEW_ZH, ["HealthCheckSourceIp", "HealthCheckSourceIP"])]),
    ]
    (op,), conflicts = merge(snapshots)
    assert _names(op) == ["HealthCheckSourceIP"]
    assert conflicts[0].resolution == "HealthCheckSourceIP (most documents state it)"


def test_the_example_the_merge_keeps_decides_english_first_and_json_before_xml() -> None:
    # The English JSON example (the one the merged spec ships) says PmCertificateType; its XML and
    # the newer Chinese revision's JSON say pmCertificateType.
    def pm_info(doc: DocumentInfo, name: str) -> list[Field]:
        return [Field("pmInfo", "object", fields=[Field(name, "string")])]

    old = _op(
        OLD_EN,
        response=pm_info(OLD_EN, "PmCertificateType"),
        response_json={"pmInfo": {"PmCertificateType": "Other"}},
    )
    old.examples.response_xml = "<pmInfo><pmCertificateType>Other</pmCertificateType></pmInfo>"
    new = _op(
        NEW_ZH,
        response=pm_info(NEW_ZH, "pmCertificateType"),
        response_json={"pmInfo": {"pmCertificateType": "Other"}},
    )
    (op,), conflicts = merge([Snapshot(OLD_EN, [old]), Snapshot(NEW_ZH, [new])])
    assert [f.name for f in op.response[0].fields] == ["PmCertificateType"]
    assert op.examples.response_json == {"pmInfo": {"PmCertificateType": "Other"}}
    (conflict,) = conflicts
    assert conflict.resolution == "PmCertificateType (the operation's example uses it)"


def test_xml_tags_decide_when_the_json_example_uses_neither_spelling() -> None:
    old = _op(OLD_EN, response=[Field("ADLocation", "string")], response_json={"Other": 1})
    old.examples.response_xml = "<Response><ADLocation>x</ADLocation></Response>"
    new = _op(NEW_ZH, response=[Field("AdLocation", "string")])
    (op,), _ = merge([Snapshot(OLD_EN, [old]), Snapshot(NEW_ZH, [new])])
    assert [f.name for f in op.response] == ["ADLocation"]  # not the newest revision's spelling


def test_a_document_listing_both_spellings_keeps_its_first_row_only() -> None:
    (op,), _ = merge([Snapshot(OLD_EN, [_op(OLD_EN, ["Instanceid", "InstanceId", "LineType"])])])
    assert _names(op) == ["InstanceId", "LineType"]
    assert op.parameters[0].sources == [Source("old-en", 10)]


def test_snapshots_keep_each_documents_own_spelling() -> None:
    old = _op(OLD_EN, ["AuthKey"], request="?AuthKey=k")
    new = _op(NEW_ZH, ["Authkey"])
    merge([Snapshot(OLD_EN, [old]), Snapshot(NEW_ZH, [new])])
    assert _names(new) == ["Authkey"]


def test_response_siblings_are_unified_at_every_level_by_the_response_example() -> None:
    def peers(doc: DocumentInfo, group: str, peer_id: str) -> list[Field]:
        item = [Field(peer_id, "string", sources=[Source(doc.id, 30)])]
        return [Field(group, "list", item_name="BgpPeer", item_type="object", fields=item)]

    old = _op(
        OLD_EN,
        response=peers(OLD_EN, "BgpPeers", "BgpPeerId"),
        response_json={"BgpPeers": {"BgpPeer": [{"BgpPeerId": "bgp-1"}]}},
    )
    new = _op(NEW_ZH, response=peers(NEW_ZH, "BGPPeers", "BGPPeerId"))
    (op,), conflicts = merge([Snapshot(OLD_EN, [old]), Snapshot(NEW_ZH, [new])])
    (group,) = op.response
    assert (group.name, [f.name for f in group.fields]) == ("BgpPeers", ["BgpPeerId"])
    assert group.fields[0].sources == [Source("old-en", 30), Source("new-zh", 30)]
    subjects = [c.subject for c in conflicts if c.aspect == "spelling"]
    assert subjects == ["field BgpPeers", "field BgpPeers.BgpPeerId"]


def test_a_parameter_and_a_response_field_of_one_name_are_respelled_separately() -> None:
    old = _op(OLD_EN, ["Authkey"], response=[Field("AuthKey", "string")])
    new = _op(NEW_ZH, ["AuthKey"], response=[Field("AuthKey", "string")])
    (op,), _ = merge([Snapshot(OLD_EN, [old]), Snapshot(NEW_ZH, [new])])
    assert _names(op) == ["AuthKey"]
    assert [f.name for f in op.response] == ["AuthKey"]


def test_an_override_on_the_merged_view_still_decides_the_spelling() -> None:
    snapshots = [
        Snapshot(OLD_EN, [_op(OLD_EN, ["bandwidth"])]),
        Snapshot(NEW_ZH, [_op(NEW_ZH, ["Bandwidth"])]),
    ]
    merged, _ = merge(snapshots)
    override = Override(
        family="merged",
        operation="CreateBgpGroup",
        target_kind="parameter",
        target="Bandwidth",
        changes={"rename_to": "bandwidth"},
        reason="test",
        evidence=[Evidence("vpc/en", 10, "bandwidth")],
        where="test:1",
        applies_to={"merged"},
    )
    (op,) = apply_overrides([override], "merged", merged, Applied())
    assert _names(op) == ["bandwidth"]


# ---------------------------------------------------------------------------------------------
# The committed spec and the generated package


def _folded_twins(names: list[str]) -> list[str]:
    seen: dict[str, str] = {}
    twins = []
    for name in names:
        if name.lower() in seen:
            twins.append(f"{seen[name.lower()]}/{name}")
        seen.setdefault(name.lower(), name)
    return twins


def _tree_twins(fields: list[dict[str, Any]], path: str) -> list[str]:
    found = [f"{path}: {twin}" for twin in _folded_twins([f["name"] for f in fields])]
    for item in fields:
        found += _tree_twins(item.get("fields", []), f"{path}.{item['name']}")
    return found


def test_no_operation_of_the_merged_spec_has_case_twins() -> None:
    shown = subprocess.run(
        [sys.executable, "-m", "generator", "spec", "--json"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    operations = json.loads(shown.stdout)["operations"]
    assert len(operations) > 150
    twins = []
    for op in operations:
        twins += [
            f"{op['name']}: {t}" for t in _folded_twins([p["name"] for p in op["parameters"]])
        ]
        twins += _tree_twins(op["response"]["fields"], op["name"])
    assert twins == []


def _generated_models() -> list[type]:
    classes = []
    for operation in OPERATIONS.values():
        module = importlib.import_module(operation.request_class.partition(":")[0])
        classes += [
            value
            for value in vars(module).values()
            if isinstance(value, type) and attrs.has(value) and value.__module__ == module.__name__
        ]
    return classes


def test_no_generated_model_has_two_attributes_for_one_wire_name_or_a_twin_suffix() -> None:
    classes = _generated_models()
    assert len(classes) > 300
    problems = []
    for cls in classes:
        wires = [a.metadata.get("wire", a.name) for a in attrs.fields(cls)]
        problems += [f"{cls.__name__}: {t}" for t in _folded_twins(wires)]
        problems += [f"{cls.__name__}.{a.name}" for a in attrs.fields(cls) if a.name.endswith("_2")]
    assert problems == []
