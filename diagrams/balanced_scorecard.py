"""Kaplan & Norton's Balanced Scorecard: four perspectives, each with its key
question, around vision and strategy in the centre."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Mapping
from dataclasses import dataclass

from macros import svg
from macros.concepts import Concept
from macros.diagrams.limits import Limits, concept
from macros.errors import DataError
from macros.schema import Node

POSITIONS = ("top", "right", "bottom", "left")


@dataclass(frozen=True)
class Perspective:
    name: str
    question: str
    position: str
    concept: str | None = None


@dataclass(frozen=True)
class Scorecard:
    title: str
    description: str
    centre: str
    perspectives: tuple[Perspective, ...]
    note: str | None = None

    def concept_ids(self) -> list[str]:
        return [p.concept for p in self.perspectives if p.concept]

    def at(self, position: str) -> Perspective:
        return next(p for p in self.perspectives if p.position == position)


LIMITS = Limits(
    chars={
        "title": 120,
        "description": 600,
        "centre": 30,
        "perspectives[].name": 40,
        "perspectives[].question": 90,
        "note": 140,
    },
    items={"perspectives": (4, 4)},
    choices={"perspectives[].position": POSITIONS},
)


def _perspective(node: Node, concepts: Mapping[str, Concept]) -> Perspective:
    position = LIMITS.choice(node, "position")
    entry = concept(node, concepts)
    name = LIMITS.register_text(node, "name", entry, entry.term if entry else None)
    assert name is not None
    return Perspective(
        name=name,
        question=LIMITS.text(node, "question"),
        position=position,
        concept=entry.id if entry else None,
    )


def load(node: Node, concepts: Mapping[str, Concept]) -> Scorecard:
    nodes = LIMITS.children(node, "perspectives")
    perspectives = tuple(_perspective(p, concepts) for p in nodes)
    seen: set[str] = set()
    for p, pnode in zip(perspectives, nodes, strict=True):
        if p.position in seen:
            raise DataError(node.source, f"position {p.position!r} is used twice", pnode.path("position"))
        seen.add(p.position)
    return Scorecard(
        title=LIMITS.text(node, "title"),
        description=LIMITS.text(node, "description"),
        centre=LIMITS.text(node, "centre"),
        perspectives=perspectives,
        note=LIMITS.optional_text(node, "note"),
    )


WIDTH = 360.0
SIDE_W = 118.0
WIDE_W = 236.0
GAP = 16.0
PAD = 7.0
NAME_SIZE = 12.5
Q_SIZE = 11.5
LINE = 14.0
CENTRE_SIZE = 13.0
NOTE_SIZE = 11.0


def _lines(p: Perspective, width: float) -> tuple[float, list[str], list[str]]:
    inner = width - 2 * PAD
    size = svg.fit_size(p.name.split(), inner, NAME_SIZE, 11, bold=True)
    return size, svg.wrap(p.name, inner, size, bold=True), svg.wrap(p.question, inner, Q_SIZE)


def _box_h(name: list[str], question: list[str]) -> float:
    return 2 * PAD + len(name) * LINE + 3 + len(question) * LINE - 2


def render(data: Scorecard, uid: str) -> str:
    centre_w = WIDTH - 2 * SIDE_W - 2 * GAP + 12
    layout = {
        "top": _lines(data.at("top"), WIDE_W),
        "bottom": _lines(data.at("bottom"), WIDE_W),
        "left": _lines(data.at("left"), SIDE_W),
        "right": _lines(data.at("right"), SIDE_W),
    }
    centre = svg.wrap(data.centre, centre_w - 2 * PAD, CENTRE_SIZE, bold=True)
    top_h = _box_h(*layout["top"][1:])
    bottom_h = _box_h(*layout["bottom"][1:])
    mid_h = max(_box_h(*layout["left"][1:]), _box_h(*layout["right"][1:]), len(centre) * 16 + 2 * PAD + 10)
    if mid_h > centre_w:
        # The centre becomes a pill (rx = half its width): keep the text clear
        # of the round ends.
        mid_h = max(mid_h, len(centre) * 16 + 60)
    mid_top = top_h + GAP
    bottom_top = mid_top + mid_h + GAP
    note = svg.wrap(data.note, WIDTH - 4, NOTE_SIZE) if data.note else []
    height = bottom_top + bottom_h + (10 + len(note) * LINE if note else 0)

    boxes = {
        "top": ((WIDTH - WIDE_W) / 2, 0.0, WIDE_W, top_h),
        "left": (0.0, mid_top, SIDE_W, mid_h),
        "right": (WIDTH - SIDE_W, mid_top, SIDE_W, mid_h),
        "bottom": ((WIDTH - WIDE_W) / 2, bottom_top, WIDE_W, bottom_h),
    }
    cx, cy = WIDTH / 2, mid_top + mid_h / 2
    centre_box = (cx - centre_w / 2, mid_top + 4, centre_w, mid_h - 8)

    items = "; ".join(f"{p.name}: {p.question}" for p in data.perspectives)
    desc = f"{data.description} {data.centre}. {items}." + (f" {data.note}" if data.note else "")
    root = svg.new_svg(
        uid=uid, width=WIDTH, height=height, title=data.title, desc=desc, kind="balanced-scorecard"
    )

    # Connectors first, so the boxes cover their ends.
    links = svg.group(root, "ss-links")
    svg.line(links, cx, top_h, cx, centre_box[1], "ss-line")
    svg.line(links, cx, centre_box[1] + centre_box[3], cx, bottom_top, "ss-line")
    svg.line(links, SIDE_W, cy, centre_box[0], cy, "ss-line")
    svg.line(links, centre_box[0] + centre_w, cy, WIDTH - SIDE_W, cy, "ss-line")

    c = svg.group(root, "ss-centre")
    svg.rect(c, *centre_box, cls="ss-box ss-box--accent", rx=centre_w / 2 if mid_h > centre_w else 14)
    svg.centered_block(
        c, centre, x=cx, cy=cy, size=CENTRE_SIZE, line_height=16, cls="ss-label ss-label--accent ss-bold"
    )

    # Perspectives in data order (reading order), each placed at its position.
    for i, p in enumerate(data.perspectives):
        x, y, w, h = boxes[p.position]
        size, name, question = layout[p.position]
        g = svg.group(root, "ss-perspective", item=str(i + 1), position=p.position)
        svg.rect(g, x, y, w, h, "ss-box ss-box--strong")
        block_h = len(name) * LINE + 3 + len(question) * LINE
        ty = y + (h - block_h) / 2 + size
        _text(g, name, x + w / 2, ty, size, "ss-label ss-label--strong ss-bold")
        _text(g, question, x + w / 2, ty + len(name) * LINE + 3, Q_SIZE, "ss-label ss-label--strong")
    if note:
        svg.text_block(
            root,
            note,
            x=WIDTH / 2,
            y=bottom_top + bottom_h + 10 + NOTE_SIZE,
            size=NOTE_SIZE,
            line_height=LINE,
            cls="ss-label",
            anchor="middle",
        )
    return svg.figure(root, "balanced-scorecard")


def _text(parent: ET.Element, lines: list[str], x: float, y: float, size: float, cls: str) -> None:
    svg.text_block(parent, lines, x=x, y=y, size=size, line_height=LINE, cls=cls, anchor="middle")
