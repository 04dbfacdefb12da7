"""Assertions and data shared by the diagram tests: parse, accessibility, ids, and
diagram data at the limits its LIMITS allow."""

from __future__ import annotations

import copy
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from typing import Any

import yaml

from macros.concepts import Concept
from macros.diagrams import data_path
from macros.diagrams.limits import max_width
from macros.schema import Node
from macros.svg import text_width
from tests.sales import DATA_DIR, DIAGRAMS

NS = "{http://www.w3.org/2000/svg}"


def parse_figure(markup: str) -> ET.Element:
    assert "\n" not in markup, "a diagram must be one compact block"
    root = ET.fromstring(markup)
    assert root.tag == "figure"
    assert "data-search-exclude" in root.attrib
    return root


def svg_of(figure: ET.Element) -> ET.Element:
    svg = figure.find(f"{NS}svg")
    assert svg is not None
    return svg


def check_accessible(svg: ET.Element, uid: str) -> None:
    assert svg.get("role") == "img"
    assert svg.get("id") == uid
    labelled = (svg.get("aria-labelledby") or "").split()
    assert labelled == [f"{uid}-title", f"{uid}-desc"]
    title = svg.find(f"{NS}title")
    desc = svg.find(f"{NS}desc")
    assert title is not None and title.get("id") == labelled[0] and (title.text or "").strip()
    assert desc is not None and desc.get("id") == labelled[1] and (desc.text or "").strip()


def all_ids(root: ET.Element) -> list[str]:
    return [el.get("id") or "" for el in root.iter() if el.get("id")]


def check_ids(root: ET.Element, uid: str) -> None:
    ids = all_ids(root)
    assert len(ids) == len(set(ids)), "ids must be unique"
    assert all(i.startswith(uid) for i in ids), ids


def texts(root: ET.Element) -> list[str]:
    """Every rendered label, one string per <text> element (tspans joined)."""
    out = []
    for node in root.iter(f"{NS}text"):
        out.append(" ".join(t.strip() for t in node.itertext() if t.strip()))
    return out


# -- data at the limits ------------------------------------------------------------------
# Built from a diagram's real YAML and its LIMITS only, so a newly registered diagram is
# covered without editing the tests.

WORDS = ("Klantgerichtheidsladder", "ondernemingsdoelstellingen", "en", "accountmanagement", "marktonderzoek")
# Characters the width table of macros/svg.py does not list, among the widest a font has.
UNLISTED = ("@@@@", "ŒŒŒŒŒ", "ÆÆÆ", "™™™")
VARIANTS = ("words", "one-word", "fewest", "unlisted-glyphs")


def long_label(length: int, variant: str) -> str:
    """Exactly `length` characters: realistic long Dutch words, one unbroken word, or
    words of wide characters missing from the width table."""
    if variant == "one-word":
        return ("".join(WORDS) * (length // 20 + 1))[:length]
    if variant == "unlisted-glyphs":  # as many as the width limit allows
        text = ""
        for char in " ".join(UNLISTED * (length // 4 + 1)):
            if len(text) == length or text_width(text + char, 1, bold=True) > max_width(length):
                break
            text += char
        return text.strip()
    text = ""
    i = 0
    while len(text) < length:
        text += ("" if not text else " ") + WORDS[i % len(WORDS)]
        i += 1
    text = text[:length]
    return text[:-1] + "x" if text.endswith(" ") else text


def _tokens(path: str) -> list[str]:
    return path.split(".")


def locations(raw: Any, path: str) -> list[tuple[dict[str, Any], str, str]]:
    """(mapping, key, concrete path) for every place a LIMITS path names in raw YAML."""
    *parents, last = _tokens(path)
    here: list[tuple[Any, str]] = [(raw, "")]
    for token in parents:
        name = token.removesuffix("[]")
        step: list[tuple[Any, str]] = []
        for value, where in here:
            prefix = f"{where}.{name}" if where else name
            if token.endswith("[]"):
                step += [(item, f"{prefix}[{i}]") for i, item in enumerate(value[name])]
            else:
                step.append((value[name], prefix))
        here = step
    return [(value, last, f"{where}.{last}" if where else last) for value, where in here]


def strip_concepts(raw: Any) -> None:
    if isinstance(raw, dict):
        raw.pop("concept", None)
        for value in raw.values():
            strip_concepts(value)
    elif isinstance(raw, list):
        for value in raw:
            strip_concepts(value)


def stretched_raw(name: str, variant: str) -> dict[str, Any]:
    """The diagram's YAML with every item count at its maximum (or minimum, for
    "fewest") and every label at its maximum length; no concept links, so every
    label comes from the YAML itself."""
    limits = DIAGRAMS[name].limits
    raw = yaml.safe_load(data_path(name, DATA_DIR).read_text(encoding="utf-8"))
    strip_concepts(raw)
    for path, (low, high) in limits.items.items():
        target = low if variant == "fewest" else high
        for parent, key, _ in locations(raw, path):
            items = parent[key]
            del items[target:]
            while len(items) < target:
                items.append(copy.deepcopy(items[-1]))
    for path, length in limits.chars.items():
        for parent, key, _ in locations(raw, path):
            parent[key] = long_label(
                length, variant if variant in ("one-word", "unlisted-glyphs") else "words"
            )
    return raw


def load_raw(name: str, raw: dict[str, Any], concepts: Mapping[str, Concept] | None = None) -> Any:
    return DIAGRAMS[name].load(Node(raw, f"{name}.yml", ""), concepts or {})


def stretched(name: str, variant: str) -> Any:
    return load_raw(name, stretched_raw(name, variant))
