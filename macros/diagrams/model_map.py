"""How the course's models hang together: strands of models, each a chain of
nodes joined by arrows with a short relation ("A <relation> B").

Every node names a `concept` in the register and takes its label (the term,
with its abbreviation) and its link (page and anchor) from there; a node may
give a shorter `label`. A node without a concept gives its own label and is
drawn without a link. Linked nodes are SVG 2 `<a href>` elements, written
relative to the page that shows the diagram (`root`, e.g. "../" on h1/…), so
each node is a focusable link. An SVG with links is not an image (the
children of role=img are hidden from assistive technology, and axe reports
focusable content inside it), so then the SVG is a labelled group whose
<desc> still states every relation in words.

Layout, deterministic and one column wide (it fits 360 px): one soft lane per
strand with its heading, the nodes stacked in it, left-aligned and as wide as
their label, each arrow down with its relation to its right."""

from __future__ import annotations

import itertools
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from dataclasses import dataclass

from .. import svg
from ..concepts import Concept
from ..schema import Node
from .limits import Limits, concept


@dataclass(frozen=True)
class MapNode:
    label: str
    relation: str | None = None  # the arrow from the previous node: "<previous> <relation> <this>"
    concept: str | None = None
    href: str | None = None  # site-relative: "h1/pagina.html#anker"


@dataclass(frozen=True)
class Strand:
    heading: str
    nodes: tuple[MapNode, ...]  # the first has no relation, every other one has


@dataclass(frozen=True)
class ModelMap:
    title: str
    description: str
    strands: tuple[Strand, ...]

    def concept_ids(self) -> list[str]:
        return [n.concept for s in self.strands for n in s.nodes if n.concept]


LIMITS = Limits(
    chars={
        "title": 120,
        "description": 600,
        "strands[].heading": 60,
        "strands[].first.label": 48,
        "strands[].then[].label": 48,
        "strands[].then[].relation": 60,
    },
    items={"strands": (1, 6), "strands[].then": (1, 4)},
)


def register_label(entry: Concept) -> str:
    """A node's label from the register: the term, with its abbreviation."""
    if entry.abbr and entry.abbr.casefold() not in entry.term.casefold():
        return f"{entry.term} ({entry.abbr})"
    return entry.term


def _node(node: Node, concepts: Mapping[str, Concept], relation: str | None) -> MapNode:
    entry = concept(node, concepts)
    label = LIMITS.register_text(node, "label", entry, register_label(entry) if entry else None)
    assert label is not None
    if entry is None:
        return MapNode(label=label, relation=relation)
    href = f"{entry.html_path}#{entry.anchor}"
    return MapNode(label=label, relation=relation, concept=entry.id, href=href)


def _strand(node: Node, concepts: Mapping[str, Concept]) -> Strand:
    first = _node(node.child("first"), concepts, None)
    then = [_node(n, concepts, LIMITS.text(n, "relation")) for n in LIMITS.children(node, "then")]
    return Strand(heading=LIMITS.text(node, "heading"), nodes=(first, *then))


def load(node: Node, concepts: Mapping[str, Concept]) -> ModelMap:
    return ModelMap(
        title=LIMITS.text(node, "title"),
        description=LIMITS.text(node, "description"),
        strands=tuple(_strand(s, concepts) for s in LIMITS.children(node, "strands")),
    )


WIDTH = 360.0
LANE_GAP = 10.0
LANE_PAD = 10.0
HEAD_SIZE = 12.5
HEAD_LINE = 15.5
NODE_SIZE = 13.0
NODE_LINE = 16.0
NODE_PAD_X = 9.0
NODE_PAD_Y = 7.0
REL_SIZE = 11.5
REL_LINE = 14.0
REL_PAD_Y = 7.0
EDGE_MIN = 28.0
ARROW_X = LANE_PAD + 20.0  # the arrows' x, inside the nodes' left part
REL_X = ARROW_X + 10.0
INNER_W = WIDTH - 2 * LANE_PAD


def describe(data: ModelMap) -> str:
    """The <desc>: every relation in words, strand by strand."""
    parts = [data.description]
    for strand in data.strands:
        pairs = itertools.pairwise(strand.nodes)
        relations = " ".join(f"{a.label} {b.relation} {b.label}." for a, b in pairs)
        parts.append(f"{strand.heading}: {relations}")
    return " ".join(parts)


def _node_lines(label: str) -> tuple[list[str], float]:
    lines = svg.wrap(label, INNER_W - 2 * NODE_PAD_X, NODE_SIZE, bold=True)
    widest = max(svg.text_width(line, NODE_SIZE, bold=True) for line in lines)
    return lines, min(INNER_W, widest + 2 * NODE_PAD_X)


def render(data: ModelMap, uid: str, root: str = "") -> str:
    """`root` leads from the showing page to the site root ("" or "../")."""
    rel_w = WIDTH - LANE_PAD - REL_X
    lanes = []
    y = 0.0
    for strand in data.strands:
        head = svg.wrap(strand.heading, INNER_W, HEAD_SIZE, bold=True)
        top = y
        y += LANE_PAD + HEAD_SIZE + (len(head) - 1) * HEAD_LINE + 8
        items = []
        for node in strand.nodes:
            edge = None
            if node.relation is not None:
                rel = svg.wrap(node.relation, rel_w, REL_SIZE)
                edge_h = max(EDGE_MIN, (len(rel) - 1) * REL_LINE + REL_SIZE + 2 * REL_PAD_Y)
                edge = (rel, y, edge_h)
                y += edge_h
            lines, w = _node_lines(node.label)
            h = (len(lines) - 1) * NODE_LINE + NODE_SIZE + 2 * NODE_PAD_Y
            items.append((node, edge, lines, w, y, h))
            y += h
        y += LANE_PAD
        lanes.append((head, top, y - top, items))
        y += LANE_GAP
    height = y - LANE_GAP

    root_el = svg.new_svg(
        uid=uid, width=WIDTH, height=height, title=data.title, desc=describe(data), kind="model-map"
    )
    if any(n.href for s in data.strands for n in s.nodes):
        root_el.set("role", "group")
        root_el.set("aria-labelledby", f"{uid}-title")
        root_el.set("aria-describedby", f"{uid}-desc")
    for i, (head, top, lane_h, items) in enumerate(lanes):
        lane = svg.group(root_el, "ss-map-strand", strand=str(i + 1))
        svg.rect(lane, 0, top, WIDTH, lane_h, "ss-box ss-box--soft", rx=6)
        svg.text_block(
            lane,
            head,
            x=LANE_PAD,
            y=top + LANE_PAD + HEAD_SIZE - 1,
            size=HEAD_SIZE,
            line_height=HEAD_LINE,
            cls="ss-label ss-bold",
        )
        # Document order is reading order: node, relation, node, ...
        for node, edge, lines, w, ny, h in items:
            if edge is not None:
                rel, ey, eh = edge
                svg.arrow(lane, ARROW_X, ey, ARROW_X, ey + eh)
                svg.centered_block(
                    lane,
                    rel,
                    x=REL_X,
                    cy=ey + eh / 2,
                    size=REL_SIZE,
                    line_height=REL_LINE,
                    cls="ss-label ss-map-relation",
                    anchor="start",
                )
            _draw_node(lane, node, lines, w, ny, h, root)
    return svg.figure(root_el, "model-map")


def _draw_node(
    lane: ET.Element, node: MapNode, lines: list[str], w: float, y: float, h: float, root: str
) -> None:
    if node.href is not None:
        box = ET.SubElement(lane, "a", {"href": root + node.href, "class": "ss-map-node"})
        box.set("data-concept", node.concept or "")
    else:
        box = ET.SubElement(lane, "g", {"class": "ss-map-node"})
    svg.rect(box, LANE_PAD, y, w, h, "ss-box ss-box--strong")
    svg.text_block(
        box,
        lines,
        x=LANE_PAD + w / 2,  # centred: the width estimate's safety margin splits evenly
        y=y + NODE_PAD_Y + NODE_SIZE - 2,
        size=NODE_SIZE,
        line_height=NODE_LINE,
        cls="ss-label ss-label--strong ss-bold",
        anchor="middle",
    )
