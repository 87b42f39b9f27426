"""Read, write and validate the YAML spec (`spec/service.yaml`, `spec/operations/<Op>.yaml`, ...).

Writing is deterministic: keys in model field order (`generator.model.to_dict`), a fixed line width,
multi-line text as literal blocks and long one-line text as folded blocks. Loading validates every
file against the model and reports each problem as `file:line: message`.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import math
import re
import types
import typing
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml import __version__ as ruamel_version
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError

from generator.cache import TextCache
from generator.model import (
    WIRE_TYPES,
    Field,
    Operation,
    Parameter,
    Service,
    Spec,
    from_dict,
    to_dict,
)
from generator.utf8 import NotUtf8, read_utf8

YAML_WIDTH = 100
FOLD_LONGER_THAN = 80
SERVICE_FILE = "service.yaml"
OPERATIONS_DIR = "operations"
PRODUCTS = ("vpc", "vpn-gateway", "express-connect")

OPERATION_NAME = re.compile(r"^[A-Z][A-Za-z0-9]*$")
# Leaf wire names: dot-separated segments; list indices are written N (and M for a nested index),
# or as the number itself where a document lists each index (`Filter.1.Key`).
PARAMETER_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]*(\.([A-Za-z][A-Za-z0-9_]*|[0-9]+))*$")
FIELD_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
INDEX_SEGMENT = re.compile(r"^[a-z]$")
# Operation files as parsed before (plain data as JSON), keyed by their text and the parser version:
# ruamel.yaml's pure-Python parser takes about 10 s for the merged spec.
_PARSED = TextCache("yaml", f"ruamel.yaml {ruamel_version}")
_INDENTED_JSON = TextCache("json", "indent=2 sort_keys ensure_ascii=False")


class SpecError(Exception):
    """The spec on disk is invalid; `errors` holds one `file:line: message` per problem."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__("\n".join(errors))
        self.errors = errors


# ---------------------------------------------------------------------------------------------
# Writing


# The emitter is written here rather than delegated to ruamel.yaml's pure-Python one, which took
# ~12 ms per operation file (several seconds per extract). It handles exactly the data the spec
# holds (mappings with text keys, lists, text, numbers, booleans, null); tests check that ruamel
# loads back every value unchanged.

_PLAIN_FIRST = re.compile(r"[^\W\d]|[(/$]")  # a letter (any script), or ( / $
_PLAIN_NEVER = re.compile(r": |:$| #")
_RESERVED = frozenset({"null", "~", "true", "false", "yes", "no", "on", "off", "y", "n", "<<", "="})


def dump_yaml(data: dict[str, Any]) -> str:
    """Block-style YAML for `data`, byte-for-byte deterministic."""
    lines: list[str] = []
    _emit_mapping(data, 0, lines, "")
    return "\n".join(lines) + "\n"


def _emit_mapping(mapping: dict[str, Any], indent: int, lines: list[str], first: str) -> None:
    pad = " " * indent
    for index, (key, value) in enumerate(mapping.items()):
        lead = first if index == 0 and first else pad
        _emit_value(f"{lead}{_inline(str(key))}:", value, indent, lines)


def _emit_value(head: str, value: Any, indent: int, lines: list[str]) -> None:
    if isinstance(value, dict) and value:
        lines.append(head)
        _emit_mapping(value, indent + 2, lines, "")
    elif isinstance(value, list) and value:
        lines.append(head)
        _emit_sequence(value, indent + 2, lines)
    else:
        _emit_scalar(f"{head} ", value, indent + 2, lines)


def _emit_sequence(items: list[Any], indent: int, lines: list[str]) -> None:
    pad = " " * indent
    for item in items:
        if isinstance(item, dict) and item:
            _emit_mapping(item, indent + 2, lines, f"{pad}- ")
        elif isinstance(item, list) and item:
            lines.append(f"{pad}-")
            _emit_sequence(item, indent + 2, lines)
        else:
            _emit_scalar(f"{pad}- ", item, indent + 2, lines)


def _emit_scalar(prefix: str, value: Any, indent: int, lines: list[str]) -> None:
    if isinstance(value, str) and _block_safe(value):
        if "\n" in value:
            chomp = "-" if not value.endswith("\n") else "+" if value.endswith("\n\n") else ""
            body = value.removesuffix("\n")
            lines.append(f"{prefix}|{chomp}")
            lines += [" " * indent + line if line else "" for line in body.split("\n")]
            return
        if len(value) > FOLD_LONGER_THAN and "\t" not in value and value == value.strip():
            lines.append(f"{prefix}>-")
            lines += [" " * indent + line for line in _fold(value, YAML_WIDTH - indent)]
            return
    lines.append(prefix + _inline(value))


def _block_safe(text: str) -> bool:
    """Literal/folded blocks keep `text` exactly (no control characters, no blank-looking lines)."""
    return (
        bool(text.strip())
        and not text.startswith((" ", "\n"))
        and text.replace("\n", "").replace("\t", "").isprintable()
        and not any(line and not line.strip() for line in text.split("\n"))
    )


def _fold(text: str, width: int) -> list[str]:
    """Break at single spaces between words so that folding joins the lines back with a space."""
    out: list[str] = []
    start = 0
    last_break = -1
    for index in range(1, len(text) - 1):
        if text[index] == " " and text[index - 1] != " " and text[index + 1] != " ":
            if index - start > width and last_break > start:
                out.append(text[start:last_break])
                start = last_break + 1
            last_break = index
    if len(text) - start > width and last_break > start:
        out.append(text[start:last_break])
        start = last_break + 1
    out.append(text[start:])
    return out


def _inline(value: Any) -> str:
    """A one-line scalar (or empty collection): plain when unambiguous, else quoted."""
    if type(value) is str:
        return _inline_text(value)
    if value is None:
        return "null"
    if value == {} or value == []:
        return "{}" if isinstance(value, dict) else "[]"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return _float(value)
    return _inline_text(str(value))


@functools.lru_cache(maxsize=65536)  # keys and enum values repeat in every file
def _inline_text(text: str) -> str:
    if not text.isprintable():
        return _double_quoted(text)
    if (
        _PLAIN_FIRST.match(text)
        and not _PLAIN_NEVER.search(text)
        and text == text.rstrip()
        and text.lower() not in _RESERVED
    ):
        return text
    return "'" + text.replace("'", "''") + "'"


def _float(value: float) -> str:
    if math.isnan(value):
        return ".nan"
    if value in (float("inf"), float("-inf")):
        return ".inf" if value > 0 else "-.inf"
    text = repr(value)
    return text if "." in text or "e" in text else f"{text}.0"


def _double_quoted(text: str) -> str:
    quoted = json.dumps(text, ensure_ascii=False)
    return "".join(ch if ch.isprintable() else _escape(ch) for ch in quoted)


def _escape(ch: str) -> str:
    code = ord(ch)
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def operation_yaml(operation: Operation) -> str:
    return dump_yaml(to_dict(operation))


def service_yaml(service: Service) -> str:
    return dump_yaml(to_dict(service))


def write_files(root: Path, files: dict[str, str]) -> None:
    """Write `files` (relative path -> text) under `root`, creating folders as needed."""
    for relative, text in sorted(files.items()):
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


# ---------------------------------------------------------------------------------------------
# Loading and validation


def load_spec(root: Path) -> Spec:
    """Load and validate `service.yaml` and `operations/*.yaml` under `root`."""
    errors: list[str] = []
    try:
        service = load_service(root / SERVICE_FILE)
    except SpecError as exc:
        errors += exc.errors
    operations = _load_operation_nodes(root / OPERATIONS_DIR, errors)
    if errors:
        raise SpecError(errors)
    return Spec(service=service, operations=[from_dict(Operation, plain(n)) for n in operations])


def load_operations(folder: Path) -> list[Operation]:
    """Load and validate every `<Op>.yaml` in `folder` (a merged view or a document snapshot)."""
    errors: list[str] = []
    nodes = _load_operation_nodes(folder, errors)
    if errors:
        raise SpecError(errors)
    return [from_dict(Operation, plain(node)) for node in nodes]


def load_snapshot(folder: Path) -> Spec:
    """A per-document snapshot folder (`spec/documents/<doc-id>/`) as a Spec of that document.

    Service facts come from the `service.yaml` of the spec the folder belongs to, when there is one,
    with the documents list narrowed to this document.
    """
    operations = load_operations(folder)
    service_file = folder.parent.parent / SERVICE_FILE
    service = load_service(service_file) if service_file.is_file() else Service()
    service.documents = [doc for doc in service.documents if doc.id == folder.name]
    return Spec(service=service, operations=operations)


def load_service(path: Path) -> Service:
    errors: list[str] = []
    text = _read_text(path, errors)
    cached = _PARSED.get(text) if text is not None else None
    node = json.loads(cached) if cached is not None else None
    if node is None or _validate(node, Service, _at(path)):
        node = _parse(text, path, errors) if text is not None else None
        if node is not None:
            errors += _validate(node, Service, _at(path))
        if text is not None and node is not None and not errors:
            _PARSED.put(text, json.dumps(plain(node)))
    if errors:
        raise SpecError(errors)
    service: Service = from_dict(Service, plain(node))
    return service


def _load_operation_nodes(folder: Path, errors: list[str]) -> list[dict[str, Any]]:
    if not folder.is_dir():
        errors.append(f"{folder}: missing folder of operation files")
        return []
    nodes: list[dict[str, Any]] = []
    claimed: dict[str, str] = {}
    for path in sorted(folder.glob("*.yaml")):
        node = _load_valid_operation(path, claimed, errors)
        if node is not None:
            nodes.append(node)
    return nodes


def _load_valid_operation(
    path: Path, claimed: dict[str, str], errors: list[str]
) -> dict[str, Any] | None:
    """One operation file, parsed through the cache; a file with any problem is parsed again by
    ruamel.yaml so that each message names its line."""
    text = _read_text(path, errors)
    if text is None:
        return None
    cached = _PARSED.get(text)
    if cached is not None:
        node = json.loads(cached)
        if not _operation_errors(node, path, dict(claimed)):
            claimed[node["name"]] = str(path)
            return node  # type: ignore[no-any-return]
    file_errors: list[str] = []
    node = _parse(text, path, file_errors)
    if node is not None:
        file_errors += _operation_errors(node, path, claimed)
    errors += file_errors
    if node is None or file_errors:
        return None
    _PARSED.put(text, json.dumps(plain(node)))
    return node  # type: ignore[no-any-return]


def _operation_errors(node: Any, path: Path, claimed: dict[str, str]) -> list[str]:
    where = _at(path)
    errors = _validate(node, Operation, where)
    if errors:
        return errors
    name = node["name"]
    line = where.key_line(node, "name")
    if name != path.stem:
        errors.append(f"{path}:{line}: operation {name!r} is in a file named {path.name!r}")
    if name in claimed:
        errors.append(f"{path}:{line}: duplicate operation {name!r} (also {claimed[name]})")
    claimed[name] = f"{path}:{line}"
    return errors


def validate_data(data: dict[str, Any], cls: type, label: str) -> list[str]:
    """Validate in-memory plain data (e.g. `to_dict(operation)`) as if it were the file `label`."""
    return _validate(data, cls, _Where(label))


def _load_file(path: Path, errors: list[str]) -> Any:
    text = _read_text(path, errors)
    return _parse(text, path, errors) if text is not None else None


def _read_text(path: Path, errors: list[str]) -> str | None:
    if not path.is_file():
        errors.append(f"{path}: missing file")
        return None
    try:
        return read_utf8(path)
    except NotUtf8 as exc:
        errors.append(str(exc))
        return None


def _parse(text: str, path: Path, errors: list[str]) -> Any:
    try:
        node = YAML().load(text)
    except MarkedYAMLError as exc:
        errors.append(yaml_problem(path, exc))
        return None
    if not isinstance(node, CommentedMap):
        errors.append(f"{path}:1: expected a mapping at the top level")
        return None
    return node


def yaml_problem(path: Path, exc: MarkedYAMLError) -> str:
    """A YAML syntax error as `file:line: invalid YAML: problem`."""
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark is not None else 1
    return f"{path}:{line}: invalid YAML: {exc.problem or exc.context}"


def plain(node: Any) -> Any:
    """A loaded YAML node as plain dicts, lists, str, int, float, bool and None (ruamel.yaml
    returns commented containers and scalar subclasses)."""
    if isinstance(node, dict):
        return {str(key): plain(value) for key, value in node.items()}
    if isinstance(node, list):
        return [plain(item) for item in node]
    if isinstance(node, bool) or node is None:
        return node
    for kind in (str, int, float):
        if isinstance(node, kind):
            return kind(node)
    return node


@dataclasses.dataclass(frozen=True)
class _Where:
    """The file being checked; nodes loaded by ruamel.yaml know their lines, in-memory ones don't."""

    path: Path | str

    def key_line(self, node: dict[str, Any], key: str) -> int:
        return int(node.lc.key(key)[0]) + 1 if isinstance(node, CommentedMap) else 0

    def item_line(self, node: list[Any], index: int) -> int:
        return int(node.lc.item(index)[0]) + 1 if isinstance(node, CommentedSeq) else 0

    def node_line(self, node: Any) -> int:
        lc = getattr(node, "lc", None)
        return int(lc.line) + 1 if lc is not None and lc.line is not None else 1

    def error(self, line: int, message: str) -> str:
        return f"{self.path}:{line}: {message}" if line else f"{self.path}: {message}"


def _at(path: Path) -> _Where:
    return _Where(path)


def _validate(node: Any, cls: type, where: _Where, line: int = 1) -> list[str]:
    """Check `node` against dataclass `cls`: known keys, required keys, value types, semantics."""
    if not isinstance(node, dict):
        return [where.error(line, f"expected a mapping for {cls.__name__}")]
    errors: list[str] = []
    hints, known = _fields_of(cls)
    for key, value in node.items():
        key_line = where.key_line(node, key)
        if key not in known:
            errors.append(where.error(key_line, f"unknown key {key!r} in {cls.__name__}"))
            continue
        errors += _check_value(value, hints[key], where, key_line, f"{key!r}")
    line = where.node_line(node)
    for name, spec_field in known.items():
        required = (
            spec_field.default is dataclasses.MISSING
            and spec_field.default_factory is dataclasses.MISSING
        )
        if required and name not in node:
            errors.append(where.error(line, f"missing required key {name!r} in {cls.__name__}"))
    if not errors and cls in _SEMANTIC_CHECKS:
        errors += _SEMANTIC_CHECKS[cls](node, where)
    return errors


@functools.cache
def _fields_of(cls: type) -> tuple[dict[str, Any], dict[str, dataclasses.Field[Any]]]:
    """A dataclass's resolved type hints and its fields by name (resolving hints is slow)."""
    return typing.get_type_hints(cls), {f.name: f for f in dataclasses.fields(cls)}


def _check_value(value: Any, hint: Any, where: _Where, line: int, label: str) -> list[str]:
    origin = typing.get_origin(hint)
    if hint is Any:
        return []
    if origin in (typing.Union, types.UnionType):
        options = typing.get_args(hint)
        if value is None and type(None) in options:
            return []
        (inner,) = [option for option in options if option is not type(None)]
        return _check_value(value, inner, where, line, label)
    if origin is list:
        if not isinstance(value, list):
            return [where.error(line, f"{label} must be a list")]
        (item_hint,) = typing.get_args(hint)
        errors: list[str] = []
        for index, item in enumerate(value):
            item_line = where.item_line(value, index)
            errors += _check_value(item, item_hint, where, item_line, f"{label}[{index}]")
        return errors
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return _validate(value, hint, where, line)
    if not _is_instance(value, hint):
        shown = type(value).__name__
        return [where.error(line, f"{label} must be {hint.__name__}, not {shown} {value!r}")]
    return []


def _is_instance(value: Any, hint: type) -> bool:
    if hint is bool:
        return isinstance(value, bool)
    if hint is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if hint is float:
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    return isinstance(value, hint)


def _wire_type_errors(node: dict[str, Any], keys: tuple[str, ...], where: _Where) -> list[str]:
    return [
        where.error(where.key_line(node, key), f"{key} {node[key]!r} is not one of {WIRE_TYPES}")
        for key in keys
        if key in node and node[key] is not None and node[key] not in WIRE_TYPES
    ]


def _parameter_name_errors(name: str) -> str | None:
    if not PARAMETER_NAME.match(name):
        return f"malformed parameter wire name {name!r}"
    if any(INDEX_SEGMENT.match(segment) for segment in name.split(".")):
        return f"list index in {name!r} must be written N (or M when nested)"
    return None


def _check_parameter(node: dict[str, Any], where: _Where) -> list[str]:
    errors = _wire_type_errors(node, ("type",), where)
    problem = _parameter_name_errors(node["name"])
    if problem:
        errors.append(where.error(where.key_line(node, "name"), problem))
    return errors


def _check_field(node: dict[str, Any], where: _Where) -> list[str]:
    errors = _wire_type_errors(node, ("type", "item_type"), where)
    if not FIELD_NAME.match(node["name"]):
        line = where.key_line(node, "name")
        errors.append(where.error(line, f"malformed field wire name {node['name']!r}"))
    errors += _duplicate_names(node.get("fields", []), "name", "field", where)
    return errors


def _check_operation(node: dict[str, Any], where: _Where) -> list[str]:
    errors: list[str] = []
    if not OPERATION_NAME.match(node["name"]):
        line = where.key_line(node, "name")
        errors.append(where.error(line, f"malformed operation name {node['name']!r}"))
    if node["product"] not in PRODUCTS:
        line = where.key_line(node, "product")
        errors.append(where.error(line, f"product {node['product']!r} is not one of {PRODUCTS}"))
    errors += _duplicate_names(node.get("parameters", []), "name", "parameter", where)
    errors += _duplicate_names(node.get("response", []), "name", "field", where)
    return errors


def _check_service(node: dict[str, Any], where: _Where) -> list[str]:
    errors = _duplicate_names(node.get("common_parameters", []), "name", "parameter", where)
    return errors + _duplicate_names(node.get("documents", []), "id", "document", where)


def _duplicate_names(items: Any, key: str, what: str, where: _Where) -> list[str]:
    errors: list[str] = []
    seen: set[str] = set()
    for index, item in enumerate(items):
        if item[key] in seen:
            line = where.item_line(items, index)
            errors.append(where.error(line, f"duplicate {what} {item[key]!r}"))
        seen.add(item[key])
    return errors


_SEMANTIC_CHECKS: dict[type, typing.Callable[[dict[str, Any], _Where], list[str]]] = {
    Parameter: _check_parameter,
    Field: _check_field,
    Operation: _check_operation,
    Service: _check_service,
}


# ---------------------------------------------------------------------------------------------
# JSON view (`python -m generator spec --json`, shipped as aliyun_vpc/data/spec.json)


def spec_to_dict(spec: Spec) -> dict[str, Any]:
    """The merged spec as plain data with every key present (a stable shape for consumers)."""
    operations = []
    for op in spec.operations:
        data = _as_plain(op)
        data["response"] = {
            "name": f"{op.name}Response",
            "type": "object",
            "fields": data["response"],
        }
        operations.append(data)
    return {"service": _as_plain(spec.service), "operations": operations}


def _as_plain(value: Any) -> Any:
    """`dataclasses.asdict` for the spec's classes (every field kept), without its deep copies."""
    if hasattr(value, "__dataclass_fields__"):
        return {name: _as_plain(getattr(value, name)) for name in value.__dataclass_fields__}
    if isinstance(value, list):
        return [_as_plain(item) for item in value]
    if isinstance(value, dict):
        return {key: _as_plain(item) for key, item in value.items()}
    return value


def spec_to_json(spec: Spec, extra: dict[str, Any] | None = None) -> str:
    """The merged spec as indented JSON, with `extra` top-level keys (the simulator's copy adds the
    behaviour data). Indenting takes json's pure-Python encoder (seconds for this spec), so the
    text is cached under the compact form, which the C encoder writes fast."""
    data = {**spec_to_dict(spec), **(extra or {})}
    compact = json.dumps(data, sort_keys=True, ensure_ascii=False)
    text = _INDENTED_JSON.get(compact)
    if text is None:
        text = json.dumps(data, sort_keys=True, ensure_ascii=False, indent=2) + "\n"
        _INDENTED_JSON.put(compact, text)
    return text
