"""Load YAML data files and check their shape, naming file and key on error.

Loaders return plain frozen dataclasses; the render functions never see raw YAML.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, TypeVar

import yaml

from .errors import DataError

T = TypeVar("T")
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
DATA_DIR = Path(__file__).resolve().parent / "data"


def load_yaml(path: Path) -> Any:
    """Parse one YAML file; a missing or malformed file raises DataError."""
    source = display_path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DataError(source, "data file not found") from None
    try:
        # libyaml's loader when available: several times faster than pure Python.
        return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f"line {mark.line + 1}" if mark is not None else None
        problem = getattr(exc, "problem", None) or str(exc)
        raise DataError(source, f"malformed YAML: {problem}", line) from None


def display_path(path: Path) -> str:
    """Path relative to the project root when possible, for readable messages."""
    root = DATA_DIR.parent.parent
    try:
        return str(path.resolve().relative_to(root))
    except ValueError:
        return str(path)


class Node:
    """A YAML mapping plus where it came from, with typed accessors."""

    def __init__(self, value: Any, source: str, key: str) -> None:
        if not isinstance(value, dict):
            raise DataError(source, f"expected a mapping, got {type_name(value)}", key or None)
        self.value: dict[str, Any] = value
        self.source = source
        self.key = key

    def path(self, name: str) -> str:
        return f"{self.key}.{name}" if self.key else name

    def _get(self, name: str, kind: type[T], default: T | None, required: bool) -> T | None:
        if name not in self.value or self.value[name] is None:
            if required:
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

    def child(self, name: str) -> Node:
        raw = self._get(name, dict, None, True)
        return Node(raw, self.source, self.path(name))

    def children(self, name: str, *, minimum: int = 1) -> list[Node]:
        raw = self._get(name, list, None, True)
        assert raw is not None
        if len(raw) < minimum:
            raise DataError(self.source, f"needs at least {minimum} item(s)", self.path(name))
        return [Node(item, self.source, f"{self.path(name)}[{i}]") for i, item in enumerate(raw)]


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
