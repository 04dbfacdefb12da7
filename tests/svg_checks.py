"""Assertions shared by the diagram tests: parse, accessibility, ids."""

from __future__ import annotations

import xml.etree.ElementTree as ET

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
