"""The customer-centricity ladder: five steps, rising, each with its definition.

A step that names a `concept` takes its term and definition from the concept
register; a step without one gives both itself."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Mapping
from dataclasses import dataclass

from macros import svg
from macros.concepts import Concept
from macros.definitions import definition_text
from macros.diagrams.limits import Limits, concept
from macros.schema import Node


@dataclass(frozen=True)
class Step:
    term: str
    definition: str
    concept: str | None = None


@dataclass(frozen=True)
class Ladder:
    title: str
    description: str
    steps: tuple[Step, ...]

    def concept_ids(self) -> list[str]:
        return [s.concept for s in self.steps if s.concept]


LIMITS = Limits(
    chars={"title": 120, "description": 600, "steps[].term": 40, "steps[].definition": 240},
    items={"steps": (2, 7)},
)


def _step(node: Node, concepts: Mapping[str, Concept]) -> Step:
    entry = concept(node, concepts)
    term = LIMITS.register_text(node, "term", entry, entry.term if entry else None)
    definition = LIMITS.register_only(
        node, "definition", entry, definition_text(entry.definition) if entry else None
    )
    assert term is not None and definition is not None
    return Step(term=term, definition=definition, concept=entry.id if entry else None)


def load(node: Node, concepts: Mapping[str, Concept]) -> Ladder:
    steps = tuple(_step(s, concepts) for s in LIMITS.children(node, "steps"))
    return Ladder(title=LIMITS.text(node, "title"), description=LIMITS.text(node, "description"), steps=steps)


WIDTH = 360.0
INDENT = 22.0
PAD = 10.0
TERM_SIZE = 14.0
TERM_LINE = 17.0
DEF_SIZE = 12.0
DEF_LINE = 15.0
GAP = 6.0


def render(data: Ladder, uid: str) -> str:
    """Steps are drawn bottom (1) to top (n), each shifted right: a staircase."""
    n = len(data.steps)
    bar_w = WIDTH - (n - 1) * INDENT
    text_w = bar_w - 2 * PAD - 26
    terms = [svg.wrap(s.term, text_w, TERM_SIZE, bold=True) for s in data.steps]
    wrapped = [svg.wrap(s.definition, text_w, DEF_SIZE) for s in data.steps]
    heights = [
        PAD + TERM_SIZE + (len(term) - 1) * TERM_LINE + 6 + DEF_LINE * len(lines) + PAD - 4
        for term, lines in zip(terms, wrapped, strict=True)
    ]
    total = sum(heights) + GAP * (n - 1)

    order = "; ".join(f"stap {i}: {s.term}: {s.definition}" for i, s in enumerate(data.steps, 1))
    root = svg.new_svg(
        uid=uid,
        width=WIDTH,
        height=total,
        title=data.title,
        desc=f"{data.description} Van onder naar boven: {order}",
        kind="ladder",
    )
    y_bottom = total
    for i, (term, lines, h) in enumerate(zip(terms, wrapped, heights, strict=True)):
        x = i * INDENT
        y = y_bottom - h
        group = svg_group(root, i + 1)
        svg.rect(group, x, y, bar_w, h, "ss-box ss-box--strong")
        cx = x + PAD + 9
        ET.SubElement(
            group,
            "circle",
            {"cx": svg.fmt(cx), "cy": svg.fmt(y + PAD + 8), "r": "10", "class": "ss-badge"},
        )
        svg.text_block(
            group, [str(i + 1)], x=cx, y=y + PAD + 12.5, size=12, cls="ss-badge-text", anchor="middle"
        )
        tx = x + PAD + 26
        svg.text_block(
            group,
            term,
            x=tx,
            y=y + PAD + TERM_SIZE - 1,
            size=TERM_SIZE,
            line_height=TERM_LINE,
            cls="ss-label ss-label--strong ss-bold",
        )
        svg.text_block(
            group,
            lines,
            x=tx,
            y=y + PAD + TERM_SIZE + (len(term) - 1) * TERM_LINE + 6 + DEF_SIZE - 1,
            size=DEF_SIZE,
            line_height=DEF_LINE,
            cls="ss-label ss-label--strong",
        )
        y_bottom = y - GAP
    return svg.figure(root, "ladder")


def svg_group(root: ET.Element, number: int) -> ET.Element:
    return ET.SubElement(root, "g", {"class": "ss-step", "data-step": str(number)})
