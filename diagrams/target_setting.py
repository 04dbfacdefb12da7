"""Target setting top-down and bottom-up across the strategic, tactical and
operational level: one band per level, the top-down route on the left (arrows
down), the bottom-up route on the right (arrows up)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Mapping
from dataclasses import dataclass

from macros import svg
from macros.concepts import Concept
from macros.diagrams.limits import Limits, concept
from macros.schema import Node


@dataclass(frozen=True)
class Cell:
    title: str
    text: str
    concept: str | None = None


@dataclass(frozen=True)
class Level:
    name: str
    top_down: Cell
    bottom_up: Cell
    concept: str | None = None


@dataclass(frozen=True)
class Route:
    heading: str
    hint: str
    concept: str | None = None


@dataclass(frozen=True)
class TargetSetting:
    title: str
    description: str
    top_down: Route
    bottom_up: Route
    levels: tuple[Level, ...]  # top (strategic) to bottom (operational)

    def concept_ids(self) -> list[str]:
        ids = [self.top_down.concept, self.bottom_up.concept]
        for level in self.levels:
            ids += [level.concept, level.top_down.concept, level.bottom_up.concept]
        return [i for i in ids if i]


LIMITS = Limits(
    chars={
        "title": 120,
        "description": 600,
        "top_down.heading": 20,
        "top_down.hint": 60,
        "bottom_up.heading": 20,
        "bottom_up.hint": 60,
        "levels[].name": 40,
        "levels[].top_down.title": 30,
        "levels[].top_down.text": 140,
        "levels[].bottom_up.title": 30,
        "levels[].bottom_up.text": 140,
    },
    items={"levels": (2, 4)},
)


def _id(node: Node, concepts: Mapping[str, Concept]) -> str | None:
    entry = concept(node, concepts)
    return entry.id if entry else None


def _cell(node: Node, concepts: Mapping[str, Concept]) -> Cell:
    return Cell(title=LIMITS.text(node, "title"), text=LIMITS.text(node, "text"), concept=_id(node, concepts))


def _route(node: Node, concepts: Mapping[str, Concept]) -> Route:
    return Route(
        heading=LIMITS.text(node, "heading"), hint=LIMITS.text(node, "hint"), concept=_id(node, concepts)
    )


def _level(node: Node, concepts: Mapping[str, Concept]) -> Level:
    entry = concept(node, concepts)
    name = LIMITS.register_text(node, "name", entry, entry.term if entry else None)
    assert name is not None
    return Level(
        name=name,
        top_down=_cell(node.child("top_down"), concepts),
        bottom_up=_cell(node.child("bottom_up"), concepts),
        concept=entry.id if entry else None,
    )


def load(node: Node, concepts: Mapping[str, Concept]) -> TargetSetting:
    return TargetSetting(
        title=LIMITS.text(node, "title"),
        description=LIMITS.text(node, "description"),
        top_down=_route(node.child("top_down"), concepts),
        bottom_up=_route(node.child("bottom_up"), concepts),
        levels=tuple(_level(lv, concepts) for lv in LIMITS.children(node, "levels")),
    )


WIDTH = 360.0
BAND_PAD = 5.0
COL_GAP = 6.0
PAD = 7.0
HEAD_SIZE = 13.5
HINT_SIZE = 11.0
LEVEL_SIZE = 11.5
TITLE_SIZE = 12.5
SIZE = 11.5
LINE = 14.0
ARROW_GAP = 24.0


def render(data: TargetSetting, uid: str) -> str:
    col_w = (WIDTH - 2 * BAND_PAD - COL_GAP) / 2
    inner = col_w - 2 * PAD
    cells = [c for lv in data.levels for c in (lv.top_down, lv.bottom_up)]
    title_size = svg.fit_size([w for c in cells for w in c.title.split()], inner, TITLE_SIZE, 11, bold=True)
    size = svg.fit_size([w for c in cells for w in c.text.split()], inner, SIZE, 11)
    hint_lines = [svg.wrap(r.hint, col_w, HINT_SIZE) for r in (data.top_down, data.bottom_up)]
    head_h = HEAD_SIZE + 4 + max(len(h) for h in hint_lines) * LINE + 8

    wrapped = [
        tuple(
            (svg.wrap(c.title, inner, title_size, bold=True), svg.wrap(c.text, inner, size))
            for c in (lv.top_down, lv.bottom_up)
        )
        for lv in data.levels
    ]
    box_hs = [max(len(t) * 15 + 3 + len(x) * LINE for t, x in pair) + 2 * PAD for pair in wrapped]
    label_h = LEVEL_SIZE + 7
    band_hs = [BAND_PAD + label_h + h + BAND_PAD for h in box_hs]
    height = head_h + sum(band_hs) + ARROW_GAP * (len(band_hs) - 1)

    def route(cells: list[tuple[str, Cell]]) -> str:
        return " → ".join(f"{name}: {c.title}, {c.text}" for name, c in cells)

    down = route([(lv.name, lv.top_down) for lv in data.levels])
    up = route([(lv.name, lv.bottom_up) for lv in reversed(data.levels)])
    desc = (
        f"{data.description} {data.top_down.heading} ({data.top_down.hint}): {down}. "
        f"{data.bottom_up.heading} ({data.bottom_up.hint}): {up}."
    )
    root = svg.new_svg(
        uid=uid, width=WIDTH, height=height, title=data.title, desc=desc, kind="target-setting"
    )

    cols = (BAND_PAD, BAND_PAD + col_w + COL_GAP)
    heads = svg.group(root, "ss-routes")
    for x, r, hint in zip(cols, (data.top_down, data.bottom_up), hint_lines, strict=True):
        cx = x + col_w / 2
        svg.text_block(
            heads, [r.heading], x=cx, y=HEAD_SIZE, size=HEAD_SIZE, cls="ss-label ss-bold", anchor="middle"
        )
        svg.text_block(
            heads,
            hint,
            x=cx,
            y=HEAD_SIZE + 4 + HINT_SIZE + 1,
            size=HINT_SIZE,
            line_height=LINE,
            cls="ss-label",
            anchor="middle",
        )

    y = head_h
    for i, (lv, pair, box_h, band_h) in enumerate(zip(data.levels, wrapped, box_hs, band_hs, strict=True)):
        g = svg.group(root, "ss-level", level=str(i + 1))
        svg.rect(g, 0.25, y, WIDTH - 0.5, band_h, "ss-box ss-box--soft", rx=6)
        svg.text_block(
            g, [lv.name], x=BAND_PAD + 3, y=y + BAND_PAD + LEVEL_SIZE, size=LEVEL_SIZE, cls="ss-label ss-bold"
        )
        top = y + BAND_PAD + label_h
        for x, (title, text), kind, route_name in zip(
            cols, pair, ("strong", "accent"), ("top-down", "bottom-up"), strict=True
        ):
            _cell_box(g, x, top, col_w, box_h, title, text, title_size, size, kind, route_name)
        y += band_h
        if i < len(data.levels) - 1:
            # Top-down arrow points down (left), bottom-up arrow points up (right).
            a = svg.group(root, "ss-arrows", between=f"{i + 1}-{i + 2}")
            left, right = cols[0] + col_w / 2, cols[1] + col_w / 2
            svg.arrow(a, left, y + 2, left, y + ARROW_GAP - 2, head=9, cls="ss-line ss-line--bold")
            svg.arrow(a, right, y + ARROW_GAP - 2, right, y + 2, head=9, cls="ss-line ss-line--bold")
            y += ARROW_GAP
    return svg.figure(root, "target-setting")


def _cell_box(
    parent: ET.Element,
    x: float,
    y: float,
    w: float,
    h: float,
    title: list[str],
    text: list[str],
    title_size: float,
    size: float,
    kind: str,
    route: str,
) -> None:
    g = svg.group(parent, "ss-cell", route=route)
    svg.rect(g, x, y, w, h, f"ss-box ss-box--{kind}")
    label = f"ss-label ss-label--{kind}"
    ty = y + PAD + title_size - 1
    svg.text_block(g, title, x=x + PAD, y=ty, size=title_size, line_height=15, cls=f"{label} ss-bold")
    svg.text_block(g, text, x=x + PAD, y=ty + len(title) * 15 + 3, size=size, line_height=LINE, cls=label)
