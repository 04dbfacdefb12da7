"""Load YAML data files and check their shape, naming file and key on error.

Loaders return plain frozen dataclasses; the render functions never see raw YAML.

Strict by construction:
- a file that is not UTF-8, or malformed YAML, is one error naming the file (and line);
- a key that appears twice in one mapping is an error (PyYAML would keep the last silently);
- every loader reads its data through `Node` accessors, which record the keys the loader
  knows (asked for, present or not). `load_file` runs the loader and then refuses any key the
  loader never asked for, with a hint (`aliasses`: did you mean `aliases`?). The loader's
  accessor calls are the file's one declared shape.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import yaml

from .errors import DataError

T = TypeVar("T")
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


# libyaml's parser when available: several times faster than pure Python.
_BaseLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _DuplicateKey(yaml.YAMLError):
    def __init__(self, key: object, line: int) -> None:
        super().__init__(f"duplicate key {key!r}")
        self.key = key
        self.line = line


class StrictLoader(_BaseLoader):  # type: ignore[misc]
    """A safe loader that refuses a key appearing twice in one mapping."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[object] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            if isinstance(key, list | dict):
                continue  # unhashable: the base constructor reports it
            if key in seen:
                raise _DuplicateKey(key, key_node.start_mark.line + 1)
            seen.add(key)
        return super().construct_mapping(node, deep=deep)  # type: ignore[no-any-return]


def load_yaml(path: Path) -> Any:
    """Parse one YAML file; a missing, non-UTF-8 or malformed file, or one with a
    duplicate key, raises DataError."""
    source = display_path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise DataError(source, "data file not found") from None
    except OSError as exc:
        raise DataError(source, f"cannot read the file ({exc.strerror})") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        lines = raw[: exc.start].count(b"\n") + 1
        where = f"line {lines}, byte {exc.start}"
        raise DataError(source, "the file is not UTF-8 text (save it as UTF-8)", where) from None
    try:
        return yaml.load(text, Loader=StrictLoader)
    except _DuplicateKey as exc:
        raise DataError(
            source,
            f"duplicate key {exc.key!r} (a second one would silently replace the first)",
            f"line {exc.line}",
        ) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        at = f"line {mark.line + 1}" if mark is not None else None
        problem = getattr(exc, "problem", None) or str(exc)
        raise DataError(source, f"malformed YAML: {problem}", at) from None


def display_path(path: Path) -> str:
    """Path relative to the working folder (a build runs in the course's folder) when
    possible, for readable messages."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


class Node:
    """A YAML mapping plus where it came from, with typed accessors."""

    def __init__(self, value: Any, source: str, key: str, tree: list[Node] | None = None) -> None:
        if not isinstance(value, dict):
            raise DataError(source, f"expected a mapping, got {type_name(value)}", key or None)
        self.value: dict[str, Any] = value
        self.source = source
        self.key = key
        self.known: set[str] = set()
        # Every node made from one file, for the unknown-key check in load_file.
        self.tree: list[Node] = tree if tree is not None else []
        self.tree.append(self)

    def path(self, name: str) -> str:
        return f"{self.key}.{name}" if self.key else name

    def knows(self, *names: str) -> None:
        """Declare keys that the loader reads without an accessor."""
        self.known.update(names)

    def _get(self, name: str, kind: type[T], default: T | None, required: bool) -> T | None:
        self.known.add(name)
        if name not in self.value or self.value[name] is None:
            if required:
                typo = difflib.get_close_matches(name, [str(k) for k in self.value if k not in self.known], 1)
                if typo:
                    raise DataError(self.source, f"unknown key (did you mean {name!r}?)", self.path(typo[0]))
                raise DataError(self.source, "missing required key", self.path(name))
            return default
        raw = self.value[name]
        if kind is float and isinstance(raw, int) and not isinstance(raw, bool):
            raw = float(raw)
        if not isinstance(raw, kind) or (kind is int and isinstance(raw, bool)):
            raise DataError(
                self.source,
                f"expected {kind.__name__}, got {type_name(raw)}",
                self.path(name),
            )
        return raw

    def number(self, name: str) -> float:
        value = self._get(name, float, None, True)
        assert value is not None
        return value

    def text(self, name: str) -> str:
        value = self._get(name, str, None, True)
        assert value is not None
        value = " ".join(value.split())
        if not value:
            raise DataError(self.source, "must not be empty", self.path(name))
        return value

    def optional_text(self, name: str) -> str | None:
        value = self._get(name, str, None, False)
        if value is None:
            return None
        return " ".join(value.split()) or None

    def integer(self, name: str) -> int:
        value = self._get(name, int, None, True)
        assert value is not None
        return value

    def slug(self, name: str) -> str:
        value = self.text(name)
        if not SLUG.match(value):
            raise DataError(self.source, f"{value!r} is not a slug ([a-z0-9-])", self.path(name))
        return value

    def optional_slug(self, name: str) -> str | None:
        self.known.add(name)
        if self.value.get(name) is None:
            return None
        return self.slug(name)

    def strings(self, name: str) -> list[str]:
        raw = self._get(name, list, [], False) or []
        out: list[str] = []
        for i, item in enumerate(raw):
            if not isinstance(item, str) or not item.strip():
                raise DataError(self.source, "expected a non-empty string", f"{self.path(name)}[{i}]")
            out.append(" ".join(item.split()))
        return out

    def items(self, name: str) -> list[Any]:
        """A required list of items of any kind, for a loader that checks each one."""
        value = self._get(name, list, None, True)
        assert value is not None
        return value

    def child(self, name: str) -> Node:
        raw = self._get(name, dict, None, True)
        return Node(raw, self.source, self.path(name), self.tree)

    def children(self, name: str, *, minimum: int = 1, maximum: int | None = None) -> list[Node]:
        raw = self._get(name, list, None, True)
        assert raw is not None
        if len(raw) < minimum:
            raise DataError(self.source, f"needs at least {minimum} item(s)", self.path(name))
        if maximum is not None and len(raw) > maximum:
            raise DataError(self.source, f"at most {maximum} item(s), got {len(raw)}", self.path(name))
        return [Node(item, self.source, f"{self.path(name)}[{i}]", self.tree) for i, item in enumerate(raw)]

    def check_unknown(self) -> None:
        """Refuse keys that no accessor asked for: a typo must not vanish silently."""
        for name in self.value:
            if name in self.known:
                continue
            if not isinstance(name, str):
                raise DataError(
                    self.source, f"keys must be text, got {type_name(name)}", self.path(str(name))
                )
            close = difflib.get_close_matches(name, sorted(self.known), n=1, cutoff=0.6)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            allowed = ", ".join(sorted(self.known)) or "none"
            raise DataError(self.source, f"unknown key{hint}; allowed here: {allowed}", self.path(name))


def type_name(value: Any) -> str:
    if value is None:
        return "nothing"
    return {
        dict: "a mapping",
        list: "a list",
        str: "text",
        bool: "true/false",
        int: "a number",
        float: "a number",
    }.get(type(value), type(value).__name__)


def load_root(path: Path) -> Node:
    """Load a data file whose top level must be a mapping."""
    data = load_yaml(path)
    source = display_path(path)
    if data is None:
        raise DataError(source, "file is empty")
    return Node(data, source, "")


def load_file(path: Path, loader: Callable[[Node], T]) -> T:
    """Load a data file with `loader`, then refuse every key the loader did not ask for."""
    root = load_root(path)
    result = loader(root)
    check_unknown(root)
    return result


def check_unknown(root: Node) -> None:
    for node in root.tree:
        node.check_unknown()
