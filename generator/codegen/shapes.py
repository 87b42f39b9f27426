"""Share nested structures and enums across operations: one named shape per meaning.

`build_module` gives each operation its own nested classes and enums. `share` then makes every
identical one a single shape:

- a structure is identical to another when its proposed name is (but for a plural `s`: `Tags` and
  `Tag`), and its attributes are (Python name, wire name, annotation, required, list default,
  secrecy, the shapes they refer to) and their wire conversions agree where both have one (a
  request-only `Tag` and a response-only `Tag` become one class with both). A text attribute and an
  enum attribute agree (one document lists the values, another does not): the enum is kept;
- an enum is identical to another when it has the same set of values;
- `spec/shape_overrides.yaml` may keep one operation's shape apart (`split_as`) or name a shared
  shape (`rename_to`), each with a reason.

Names: shapes are named in order of use (most operations first, then spec order); each takes the
name most of its uses propose (a one-word name such as `Type` only when no use proposes another;
ties: the shorter, then alphabetical); one already taken falls back to
`<Parent><Name>` (for enums `<Operation><Name>`), then to a number. Overrides (`split_as`,
`rename_to`) name a shape first.

Modules: models are grouped by documentation chapter, which the documents give for every operation
(`NAT Gateway` -> `models/nat_gateway.py`): a chapter's module holds the requests and responses of
its operations and the shapes only they use; shapes used across chapters live in
`models/common.py`. The former per-operation modules (`models/describe_nat_gateways.py`) are served,
with a `DeprecationWarning`, for one release (`aliyun_vpc.models._compat`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from generator.codegen.models import Attribute, EnumClass, ModelClass, ModelModule
from generator.codegen.naming import import_order, unique

Shape = ModelClass | EnumClass

#: The module of shapes used by operations of more than one chapter.
COMMON_FAMILY = "common"
#: Reviewed decisions about shapes (split, rename), each with a reason.
OVERRIDES_FILE = Path(__file__).resolve().parents[2] / "spec" / "shape_overrides.yaml"
#: The names the per-operation model modules of the previous release defined.
FORMER_FILE = OVERRIDES_FILE.with_name("former_models.yaml")
_OVERRIDE_KEYS = frozenset({"operation", "local", "split_as", "rename_to", "reason"})
_ABBREVIATION = re.compile(r"\(([A-Za-z0-9-]+)\)")
_NON_WORD = re.compile(r"[^0-9A-Za-z]+")
#: A one-word name (`Type`, `Status`): proposed only when no use proposes a more telling one.
_GENERIC = re.compile(r"[A-Z][a-z0-9]*")


@dataclass(frozen=True)
class ShapeOverride:
    """The shape `operation`'s own module called `local` (`aliyun_vpc.models.<operation>.<local>`)
    stays apart from identical ones, named `split_as`; or the shared shape it belongs to is named
    `rename_to`. An entry for an operation the spec does not have is left aside; any other entry
    that matches nothing is an error."""

    reason: str
    operation: str
    local: str
    split_as: str = ""
    rename_to: str = ""


@dataclass
class Family:
    """One models module (a chapter's shapes, or an operation's request and response), and what it
    imports from the others."""

    module: str
    enums: list[EnumClass] = field(default_factory=list)
    classes: list[ModelClass] = field(default_factory=list)
    imports: dict[str, list[str]] = field(default_factory=dict)
    operations: list[ModelModule] = field(
        default_factory=list
    )  # whose request and response it holds

    @property
    def names(self) -> list[str]:
        return [enum.name for enum in self.enums] + [model.name for model in self.classes]


@dataclass
class SharedShapes:
    families: list[Family]
    #: per former operation module (`describe_vpcs`): each name it defined -> (module, name now)
    legacy: dict[str, dict[str, tuple[str, str]]]
    #: the names each shape's uses proposed, by its final name
    proposals: dict[str, list[str]] = field(default_factory=dict)
    #: (operation, the name its own module gave a shape before sharing) -> the shape's name now
    local_names: dict[tuple[str, str], str] = field(default_factory=dict)


def load_overrides(path: Path = OVERRIDES_FILE) -> list[ShapeOverride]:
    """Read `spec/shape_overrides.yaml` (a list of entries; every entry needs a reason)."""
    if not path.is_file():
        return []
    data = YAML(typ="safe").load(path.read_text(encoding="utf-8")) or []
    overrides = []
    for index, entry in enumerate(data):
        where = f"{path}: entry {index + 1}"
        unknown = set(entry) - _OVERRIDE_KEYS
        if unknown:
            raise ValueError(f"{where}: unknown keys {sorted(unknown)}")
        if not str(entry.get("reason", "")).strip():
            raise ValueError(f"{where}: no reason")
        if not entry.get("operation") or not entry.get("local"):
            raise ValueError(f"{where}: operation and local are required")
        if bool(entry.get("split_as")) == bool(entry.get("rename_to")):
            raise ValueError(f"{where}: give split_as or rename_to")
        overrides.append(ShapeOverride(**{key: str(value) for key, value in entry.items()}))
    return overrides


def shape_overrides_for(spec_dir: Path) -> Path | None:
    """`<spec>/shape_overrides.yaml`, or None when that spec folder has none."""
    own = spec_dir / OVERRIDES_FILE.name
    return own if own.is_file() else None


def family_module(chapter: str) -> str:
    """The module of a chapter's shapes: its abbreviation if it has one (`Border Gateway Protocol
    (BGP)` -> `bgp`), else its words in lower case joined by `_` (`IPsec-VPN` -> `ipsec_vpn`)."""
    found = _ABBREVIATION.search(chapter)
    words = _NON_WORD.split(found.group(1) if found else chapter)
    return "_".join(word.lower() for word in words if word) or COMMON_FAMILY


class _Sharer:
    def __init__(self, overrides: list[ShapeOverride]) -> None:
        self.splits = {(o.operation, o.local): o.split_as for o in overrides if o.split_as}
        self.renames = {(o.operation, o.local): o.rename_to for o in overrides if o.rename_to}
        self.used: set[tuple[str, str]] = set()
        self.canonical: dict[int, Shape] = {}  # id of a per-operation shape -> the shared one
        self.index: dict[int, int] = {}  # id of a shared shape -> its position
        self.by_key: dict[tuple[Any, ...], list[Shape]] = {}
        self.shapes: list[Shape] = []
        self.forced: dict[int, str] = {}  # id of a shared shape -> its name from a split
        self.proposals: dict[int, list[tuple[str, str]]] = {}  # (desired, fallback) per use

    def share_module(self, module: ModelModule) -> None:
        operation = module.operation.name
        split_of = {
            id(shape): self._decided(self.splits, operation, local)
            for local, shape in module.local_names.items()
        }
        for enum in module.enums:
            self._share(enum, self._enum_key(enum, split_of.get(id(enum), "")))
        for model in module.classes:
            self._retarget(model)
            if not model.root:
                self._share(model, self._class_key(model, split_of.get(id(model), "")))
        for local, shape in module.local_names.items():
            name = self._decided(self.renames, operation, local)
            if name:
                self.forced[id(self.canonical[id(shape)])] = name

    def _decided(self, decisions: dict[tuple[str, str], str], operation: str, local: str) -> str:
        name = decisions.get((operation, local), "")
        if name:
            self.used.add((operation, local))
        return name

    def _retarget(self, model: ModelClass) -> None:
        for attr in model.attributes:
            refs = attr.type_ref.targets
            attr.type_ref.targets = tuple(self.canonical.get(id(t), t) for t in refs)

    def _enum_key(self, enum: EnumClass, split: str) -> tuple[Any, ...]:
        return ("enum", frozenset(enum.values), split)

    def _class_key(self, model: ModelClass, split: str) -> tuple[Any, ...]:
        attributes = tuple(self._attribute_key(attr) for attr in model.attributes)
        return ("class", model.desired.removesuffix("s"), attributes, split)

    def _attribute_key(self, attr: Attribute) -> tuple[Any, ...]:
        """What must agree for two attributes to be one; a text and an enum of the same wire
        name agree (one document lists the values, another does not)."""
        template, targets = attr.type_ref.template, attr.type_ref.targets
        if _enum_of(attr) is not None:
            template, targets = template.replace("{0} | str", "{0}").replace("{0}", "str"), ()
        refs = tuple(self.index[id(target)] for target in targets)
        return (attr.name, attr.wire, template, refs, attr.required, attr.factory, attr.secret)

    def _share(self, shape: Shape, key: tuple[Any, ...]) -> None:
        for candidate in self.by_key.get(key, []):
            if _compatible(candidate, shape):
                if isinstance(candidate, ModelClass) and isinstance(shape, ModelClass):
                    _merge(candidate, shape)
                self._propose(candidate, shape)
                self.canonical[id(shape)] = candidate
                return
        self.by_key.setdefault(key, []).append(shape)
        self.index[id(shape)] = len(self.shapes)
        self.shapes.append(shape)
        self.canonical[id(shape)] = shape
        if key[-1]:
            self.forced[id(shape)] = key[-1]  # a split names its shape
        self.proposals[id(shape)] = [(shape.desired, shape.fallback)]

    def _propose(self, shared: Shape, other: Shape) -> None:
        self.proposals[id(shared)].append((other.desired, other.fallback))

    def name_all(self, taken: set[str]) -> None:
        """Overrides' names first, then the rule's (see the module doc)."""
        for shape in self.shapes:
            if id(shape) in self.forced:
                shape.name = unique(self.forced[id(shape)], taken, "")
        order = sorted(self.shapes, key=lambda s: (-len(s.users), self.index[id(s)]))
        for shape in order:
            if id(shape) in self.forced:
                continue
            proposals = self.proposals[id(shape)]
            votes = Counter(desired for desired, _ in proposals)
            desired = min(
                votes,
                key=lambda name: (
                    _GENERIC.fullmatch(name) is not None,
                    -votes[name],
                    len(name),
                    name,
                ),
            )
            fallback = next(f for d, f in proposals if d == desired)
            shape.name = unique(desired if desired not in taken else fallback, taken, "")


def _enum_of(attr: Attribute) -> EnumClass | None:
    targets = attr.type_ref.targets
    return targets[0] if len(targets) == 1 and isinstance(targets[0], EnumClass) else None


def _compatible(shared: Shape, other: Shape) -> bool:
    """Whether two same-keyed shapes convert alike wherever both convert; a text attribute and an
    enum one agree when both are read (or both written) and it is the only difference."""
    if isinstance(shared, EnumClass) or isinstance(other, EnumClass):
        return isinstance(shared, EnumClass) and isinstance(other, EnumClass)
    for mine, theirs in zip(shared.attributes, other.attributes, strict=True):
        enums = (_enum_of(mine), _enum_of(theirs))
        if enums[0] is not enums[1]:
            if None not in enums or (bool(mine.read), bool(mine.query)) != (
                bool(theirs.read),
                bool(theirs.query),
            ):
                return False
            continue
        if mine.query and theirs.query and mine.query != theirs.query:
            return False
        if mine.read and theirs.read and mine.read != theirs.read:
            return False
    return True


def _merge(shared: ModelClass, other: ModelClass) -> None:
    """Take on `other`'s roles; an attribute that is an enum there and text here becomes the enum."""
    for index, (mine, theirs) in enumerate(zip(shared.attributes, other.attributes, strict=True)):
        if _enum_of(mine) is None and _enum_of(theirs) is not None:
            shared.attributes[index] = theirs
    shared.merge(other)


def _reachable(model: ModelClass) -> Iterator[Shape]:
    """Every shape `model` refers to, directly or through other shapes, once each."""
    seen: set[int] = set()
    stack = [model]
    while stack:
        current = stack.pop()
        for attr in current.attributes:
            for target in attr.type_ref.targets:
                if id(target) not in seen:
                    seen.add(id(target))
                    yield target
                    if isinstance(target, ModelClass):
                        stack.append(target)


def load_former(path: Path = FORMER_FILE) -> dict[str, list[str]]:
    """Operation -> the names its former model module defined (`spec/former_models.yaml`)."""
    if not path.is_file():
        return {}
    data = YAML(typ="safe").load(path.read_text(encoding="utf-8")) or {}
    return {str(operation): [str(name) for name in names] for operation, names in data.items()}


def share(
    modules: list[ModelModule],
    overrides: list[ShapeOverride],
    former: dict[str, list[str]] | None = None,
    *,
    fragment: bool = False,
) -> SharedShapes:
    """Replace each module's nested classes and enums by shared, named shapes (see module doc);
    `former` (operation -> names) chooses the former module names still served. In a `fragment`
    of the service (one document's operations) an override may find nothing to apply to."""
    sharer = _Sharer(overrides)
    for module in modules:
        sharer.share_module(module)
    operations = {module.operation.name for module in modules}
    unused = {
        key for key in (*sharer.splits, *sharer.renames) if key[0] in operations
    } - sharer.used
    if unused and not fragment:
        raise ValueError(f"shape overrides match no shape: {sorted(unused)}")
    chapters: dict[int, set[str]] = {}
    for module in modules:
        for shape in _used_by(module):
            shape.users.append(module.operation.name)
            chapters.setdefault(id(shape), set()).add(module.operation.group)
    taken = {"Any", "ClassVar", "Mapping", "Self"}
    taken.update(name for m in modules for name in (m.request.name, m.response.name))
    sharer.name_all(taken)
    for shape in sharer.shapes:
        used_in = chapters[id(shape)]
        shape.family = family_module(min(used_in)) if len(used_in) == 1 else COMMON_FAMILY
    legacy = {}
    for module in modules:
        module.family = family_module(module.operation.group)
        module.request.family = module.response.family = module.family
        names = (former or {}).get(module.operation.name)
        if names:
            legacy[module.module] = _former_names(module, sharer.canonical, names)
        used = list(_used_by(module))
        module.enums = [s for s in used if isinstance(s, EnumClass)]
        module.classes = [s for s in used if isinstance(s, ModelClass)]
        module.classes += [module.request, module.response]
    proposals = {
        shape.name: [desired for desired, _ in sharer.proposals[id(shape)]]
        for shape in sharer.shapes
    }
    local_names = {
        (module.operation.name, local): sharer.canonical[id(shape)].name
        for module in modules
        for local, shape in module.local_names.items()
    }
    return SharedShapes(_families(sharer.shapes, modules), legacy, proposals, local_names)


def _used_by(module: ModelModule) -> Iterator[Shape]:
    seen: set[int] = set()
    for root in (module.request, module.response):
        for shape in _reachable(root):
            if id(shape) not in seen:
                seen.add(id(shape))
                yield shape


def _families(shapes: list[Shape], modules: list[ModelModule]) -> list[Family]:
    families: dict[str, Family] = {}
    roots = [root for module in modules for root in (module.request, module.response)]
    for shape in [*shapes, *roots]:
        family = families.setdefault(shape.family, Family(shape.family))
        if isinstance(shape, EnumClass):
            family.enums.append(shape)
            continue
        family.classes.append(shape)
        for attr in shape.attributes:
            for target in attr.type_ref.targets:
                if target.family != shape.family:
                    names = family.imports.setdefault(target.family, [])
                    if target.name not in names:
                        names.append(target.name)
    for module in modules:
        families[module.family].operations.append(module)
    for family in families.values():
        family.imports = {key: import_order(names) for key, names in sorted(family.imports.items())}
    return [families[name] for name in sorted(families)]


def _former_names(
    module: ModelModule, canonical: dict[int, Shape], names: list[str]
) -> dict[str, tuple[str, str]]:
    """Each of `names` the operation's former module defined -> (module, name now); a name the
    operation no longer has (its documents changed) is left out."""
    now = {root.name: (root.family, root.name) for root in (module.request, module.response)}
    for local, shape in module.local_names.items():
        shared = canonical[id(shape)]
        now[local] = (shared.family, shared.name)
    return {name: now[name] for name in sorted(names) if name in now}
