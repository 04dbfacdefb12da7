"""Porter's value chain: support activities as bands above, primary activities as
chevrons below, the margin as the arrow point at the right."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass

from .. import svg
from ..schema import Node


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


def _activity(node: Node) -> Activity:
    return Activity(label=node.text("label"), concept=node.optional_slug("concept"))


def load(node: Node) -> ValueChain:
    return ValueChain(
        title=node.text("title"),
        description=node.text("description"),
        support_heading=node.text("support_heading"),
        primary_heading=node.text("primary_heading"),
        support=tuple(_activity(a) for a in node.children("support")),
        primary=tuple(_activity(a) for a in node.children("primary", minimum=2)),
        margin=_activity(node.child("margin")),
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
    support_top = HEAD
    support_h = len(data.support) * (BAND_H + BAND_GAP) - BAND_GAP
    primary_head = support_top + support_h + 6
    primary_top = primary_head + HEAD
    height = primary_top + PRIMARY_H

    desc = (
        f"{data.description} {data.support_heading}: "
        + ", ".join(a.label for a in data.support)
        + f". {data.primary_heading}, van links naar rechts: "
        + ", ".join(a.label for a in data.primary)
        + f". Rechts, als punt van de pijl: {data.margin.label}."
    )
    root = svg.new_svg(uid=uid, width=WIDTH, height=height, title=data.title, desc=desc, kind="value-chain")

    # The margin: the point of the arrow, spanning the full height.
    margin = ET.SubElement(root, "g", {"class": "ss-margin"})
    svg.polygon(margin, [(body_w, 0), (WIDTH, height / 2), (body_w, height)], "ss-box ss-box--accent")
    mid = height / 2
    svg.text_block(
        margin,
        [data.margin.label],
        x=body_w + 12,
        y=mid,
        size=SIZE,
        cls="ss-label ss-label--accent ss-bold",
        anchor="middle",
        transform=f"rotate(-90 {svg.fmt(body_w + 12)} {svg.fmt(mid)})",
    )
    # Offset the rotated label so its centre sits on the arrow's axis.
    label = margin[-1]
    label.set("dy", svg.fmt(SIZE * 0.35))

    support = ET.SubElement(root, "g", {"class": "ss-support"})
    svg.text_block(support, [data.support_heading], x=0, y=HEAD - 5, size=SIZE - 1, cls="ss-label ss-bold")
    for i, act in enumerate(data.support):
        y = support_top + i * (BAND_H + BAND_GAP)
        svg.rect(support, 0, y, body_w - 4, BAND_H, "ss-box ss-box--soft", rx=3)
        size = min(SIZE, (body_w - 20) / (len(act.label) * svg.CHAR_WIDTH))
        svg.text_block(support, [act.label], x=8, y=y + BAND_H / 2 + size * 0.36, size=size, cls="ss-label")

    primary = ET.SubElement(root, "g", {"class": "ss-primary"})
    svg.text_block(
        primary, [data.primary_heading], x=0, y=primary_head + HEAD - 5, size=SIZE - 1, cls="ss-label ss-bold"
    )
    n = len(data.primary)
    col = (body_w - 4) / n
    words = [w for a in data.primary for w in a.label.split()]
    size = svg.fit_size(words, col - NOTCH - 6, SIZE, 9.5)
    for i, act in enumerate(data.primary):
        x = i * col
        top, bottom = primary_top, primary_top + PRIMARY_H
        tip = x + col + (NOTCH if i < n - 1 else 0) - 2
        notch = NOTCH if i > 0 else 0
        svg.polygon(
            primary,
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
        lines = svg.wrap(act.label, col - NOTCH - 6, size)
        line_h = size * 1.2
        first = (top + bottom) / 2 - (len(lines) - 1) * line_h / 2 + size * 0.35
        cx = x + notch / 2 + (col - 2 - notch / 2) / 2
        svg.text_block(
            primary,
            lines,
            x=cx,
            y=first,
            size=size,
            line_height=line_h,
            cls="ss-label ss-label--strong",
            anchor="middle",
        )
    return svg.figure(root, "value-chain")
