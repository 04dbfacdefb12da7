"""Golden-file checks for SVG/HTML markup, compared after parsing.

Usage in a test::

    from tests.golden_util import assert_golden
    assert_golden("ladder", markup)          # compares with tests/golden/ladder.svg

Regenerate all goldens after an intended change with::

    UPDATE_GOLDEN=1 .venv/bin/pytest tests -q

Goldens are stored pretty-printed, so a diff in review is readable. The
comparison is structural: tag, attributes (order ignored) and text, with
whitespace-only text (the pretty-printing) ignored.
"""

from __future__ import annotations

import difflib
import os
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

GOLDEN_DIR = Path(__file__).resolve().parent / "golden"
UPDATE_ENV = "UPDATE_GOLDEN"


def updating() -> bool:
    return os.environ.get(UPDATE_ENV, "") not in ("", "0")


def canonical(markup: str) -> list[str]:
    """One line per element/text node, indented by depth; stable and diffable."""
    root = ET.fromstring(markup)
    out: list[str] = []

    def text(value: str | None) -> str | None:
        return value if value is not None and value.strip() else None

    def walk(node: ET.Element, depth: int) -> None:
        pad = "  " * depth
        attrs = " ".join(f"{k}={v!r}" for k, v in sorted(node.attrib.items()))
        out.append(f"{pad}<{node.tag}{' ' + attrs if attrs else ''}>")
        if (t := text(node.text)) is not None:
            out.append(f"{pad}  text {t!r}")
        for child in node:
            walk(child, depth + 1)
            if (t := text(child.tail)) is not None:
                out.append(f"{pad}  tail {t!r}")

    walk(root, 0)
    return out


def pretty(markup: str) -> str:
    """Indented markup with plain tags and xmlns attributes (no ns0: prefixes)."""
    root = ET.fromstring(markup)

    def plain(node: ET.Element, parent_ns: str) -> None:
        ns = ""
        if node.tag.startswith("{"):
            ns, node.tag = node.tag[1:].split("}", 1)
        if ns != parent_ns:
            node.set("xmlns", ns)
        for child in node:
            plain(child, ns)

    plain(root, "")
    ET.indent(root, space="  ")
    return ET.tostring(root, encoding="unicode") + "\n"


def assert_golden(name: str, markup: str, golden_dir: Path = GOLDEN_DIR, suffix: str = ".svg") -> None:
    """Compare markup with golden_dir/<name><suffix>, or rewrite it when UPDATE_GOLDEN=1."""
    path = golden_dir / f"{name}{suffix}"
    if updating():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(pretty(markup), encoding="utf-8")
        return
    if not path.is_file():
        pytest.fail(f"golden file {path} is missing; create it with {UPDATE_ENV}=1")
    expected = canonical(path.read_text(encoding="utf-8"))
    actual = canonical(markup)
    if expected != actual:
        diff = "\n".join(
            difflib.unified_diff(expected, actual, f"{path.name} (golden)", "rendered", lineterm="", n=2)
        )
        pytest.fail(
            f"{name} differs from its golden file (regenerate with {UPDATE_ENV}=1 if intended):\n{diff}"
        )
