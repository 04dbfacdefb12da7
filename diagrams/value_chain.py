"""Porter's value chain: support activities as bands above, primary activities as
chevrons below, the margin as the arrow point at the right."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Mapping
from dataclasses import dataclass

from macros import svg
from macros.concepts import Concept
from macros.diagrams.limits import Limits, concept
from macros.schema import Node


@dataclass(frozen=True)
class Activity:
    label: str
    concept: str | None = None


@dataclass(frozen=True)
class ValueChain:
    title: str
    description: str
    support_heading: str
    primary_heading: str
    support: tuple[Activity, ...]
    primary: tuple[Activity, ...]
    margin: Activity

    def concept_ids(self) -> list[str]:
        items = (*self.support, *self.primary, self.margin)
        return [a.concept for a in items if a.concept]


LIMITS = Limits(
    chars={
        "title": 120,
        "description": 600,
        "support_heading": 40,
        "primary_heading": 40,
        "support[].label": 45,
        "primary[].label": 30,
        "margin.label": 10,
    },
    items={"support": (1, 6), "primary": (2, 6)},
)


def _activity(node: Node, concepts: Mapping[str, Concept]) -> Activity:
    entry = concept(node, concepts)
    label = LIMITS.register_text(node, "label", entry, entry.term if entry else None)
    assert label is not None
    return Activity(label=label, concept=entry.id if entry else None)


def load(node: Node, concepts: Mapping[str, Concept]) -> ValueChain:
    return ValueChain(
        title=LIMITS.text(node, "title"),
        description=LIMITS.text(node, "description"),
        support_heading=LIMITS.text(node, "support_heading"),
        primary_heading=LIMITS.text(node, "primary_heading"),
        support=tuple(_activity(a, concepts) for a in LIMITS.children(node, "support")),
        primary=tuple(_activity(a, concepts) for a in LIMITS.children(node, "primary")),
        margin=_activity(node.child("margin"), concepts),
    )


WIDTH = 380.0
MARGIN_W = 36.0
HEAD = 18.0
BAND_H = 26.0
BAND_GAP = 3.0
PRIMARY_H = 112.0
NOTCH = 9.0
SIZE = 12.0


def render(data: ValueChain, uid: str) -> str:
    body_w = WIDTH - MARGIN_W
    band_w = body_w - 4
    support_lines = [svg.wrap(a.label, band_w - 16, SIZE) for a in data.support]
    band_hs = [BAND_H + (len(lines) - 1) * SIZE * 1.2 for lines in support_lines]
    support_top = HEAD
    support_h = sum(band_hs) + BAND_GAP * (len(band_hs) - 1)
    primary_head = support_top + support_h + 6

    n = len(data.primary)
    col = band_w / n
    # Text room in a chevron: right of the notch, left of the point (the last
    # one has none). One font size for all: the largest at which every word
    # fits its own chevron.
    room = [
        (i * col + (NOTCH if i > 0 else 0) + 2, i * col + col - (2 if i < n - 1 else 5)) for i in range(n)
    ]
    size = min(
        svg.fit_size(a.label.split(), right - left, SIZE, 9.5)
        for a, (left, right) in zip(data.primary, room, strict=True)
    )
    line_h = size * 1.2
    primary_lines = [
        svg.wrap(a.label, right - left, size) for a, (left, right) in zip(data.primary, room, strict=True)
    ]
    primary_h = max(PRIMARY_H, max(len(lines) for lines in primary_lines) * line_h + 2 * NOTCH + 16)
    primary_top = primary_head + HEAD
    height = primary_top + primary_h

    desc = (
        f"{data.description} {data.support_heading}: "
        + ", ".join(a.label for a in data.support)
        + f". {data.primary_heading}, van links naar rechts: "
        + ", ".join(a.label for a in data.primary)
        + f". Rechts, als punt van de pijl: {data.margin.label}."
    )
    root = svg.new_svg(uid=uid, width=WIDTH, height=height, title=data.title, desc=desc, kind="value-chain")

    # The margin: the point of the arrow, spanning the full height. Its label
    # runs upwards near the base, where the triangle is widest.
    margin = ET.SubElement(root, "g", {"class": "ss-margin"})
    svg.polygon(margin, [(body_w, 0), (WIDTH, height / 2), (body_w, height)], "ss-box ss-box--accent")
    mid = height / 2
    lx = body_w + 12
    # Along the label's far side (lx + size/2 + 2) the triangle is this tall:
    room_h = height * (1 - (lx + SIZE / 2 + 2 - body_w) / MARGIN_W) - 8
    margin_size = min(SIZE, room_h / svg.text_width(data.margin.label, 1, bold=True))
    svg.text_block(
        margin,
        [data.margin.label],
        x=lx,
        y=mid,
        size=margin_size,
        cls="ss-label ss-label--accent ss-bold",
        anchor="middle",
        transform=f"rotate(-90 {svg.fmt(lx)} {svg.fmt(mid)})",
    )
    # Offset the rotated label so its centre sits on the arrow's axis.
    label = margin[-1]
    label.set("dy", svg.fmt(margin_size * 0.35))

    support = ET.SubElement(root, "g", {"class": "ss-support"})
    svg.text_block(support, [data.support_heading], x=0, y=HEAD - 5, size=SIZE - 1, cls="ss-label ss-bold")
    y = support_top
    for lines, band_h in zip(support_lines, band_hs, strict=True):
        g = ET.SubElement(support, "g", {"class": "ss-activity"})
        svg.rect(g, 0, y, band_w, band_h, "ss-box ss-box--soft", rx=3)
        svg.centered_block(
            g,
            lines,
            x=8,
            cy=y + band_h / 2,
            size=SIZE,
            line_height=SIZE * 1.2,
            cls="ss-label",
            anchor="start",
        )
        y += band_h + BAND_GAP

    primary = ET.SubElement(root, "g", {"class": "ss-primary"})
    svg.text_block(
        primary, [data.primary_heading], x=0, y=primary_head + HEAD - 5, size=SIZE - 1, cls="ss-label ss-bold"
    )
    top, bottom = primary_top, primary_top + primary_h
    for i, (lines, (left, right)) in enumerate(zip(primary_lines, room, strict=True)):
        x = i * col
        tip = x + col + (NOTCH if i < n - 1 else 0) - 2
        notch = NOTCH if i > 0 else 0
        g = ET.SubElement(primary, "g", {"class": "ss-activity"})
        svg.polygon(
            g,
            [
                (x, top),
                (x + col - 2, top),
                (tip, (top + bottom) / 2),
                (x + col - 2, bottom),
                (x, bottom),
                (x + notch, (top + bottom) / 2),
            ],
            "ss-box ss-box--strong",
        )
        svg.centered_block(
            g,
            lines,
            x=(left + right) / 2,
            cy=(top + bottom) / 2,
            size=size,
            line_height=line_h,
            cls="ss-label ss-label--strong",
        )
    return svg.figure(root, "value-chain")
