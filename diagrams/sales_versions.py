"""Sales 1.0, 2.0 and 3.0 as three chevrons from left to right, each with its
focus and what the seller does, plus an optional arrow underneath."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from macros import svg
from macros.concepts import Concept
from macros.diagrams.limits import Limits, concept
from macros.schema import Node


@dataclass(frozen=True)
class Version:
    name: str
    focus: str
    text: str
    concept: str | None = None


@dataclass(frozen=True)
class SalesVersions:
    title: str
    description: str
    versions: tuple[Version, ...]
    axis: str | None = None

    def concept_ids(self) -> list[str]:
        return [v.concept for v in self.versions if v.concept]


LIMITS = Limits(
    chars={
        "title": 120,
        "description": 600,
        "versions[].name": 16,
        "versions[].focus": 20,
        "versions[].text": 80,
        "axis": 80,
    },
    items={"versions": (2, 4)},
)


def _version(node: Node, concepts: Mapping[str, Concept]) -> Version:
    entry = concept(node, concepts)
    name = LIMITS.register_text(node, "name", entry, entry.term if entry else None)
    assert name is not None
    return Version(
        name=name,
        focus=LIMITS.text(node, "focus"),
        text=LIMITS.text(node, "text"),
        concept=entry.id if entry else None,
    )


def load(node: Node, concepts: Mapping[str, Concept]) -> SalesVersions:
    return SalesVersions(
        title=LIMITS.text(node, "title"),
        description=LIMITS.text(node, "description"),
        versions=tuple(_version(v, concepts) for v in LIMITS.children(node, "versions")),
        axis=LIMITS.optional_text(node, "axis"),
    )


WIDTH = 360.0
NOTCH = 10.0
NAME_SIZE = 14.0
FOCUS_SIZE = 12.0
SIZE = 11.5
LINE = 14.0
PAD = 10.0
# From left to right: soft, strong, accent (the later versions go further).
STYLES = ("soft", "strong", "accent")


def render(data: SalesVersions, uid: str) -> str:
    n = len(data.versions)
    col = (WIDTH + NOTCH) / n
    inner = col - 2 * NOTCH - 8
    names = [w for v in data.versions for w in v.name.split()]
    name_size = svg.fit_size(names, inner, NAME_SIZE, 11, bold=True)
    focuses = [w for v in data.versions for w in v.focus.split()]
    focus_size = svg.fit_size(focuses, inner, FOCUS_SIZE, 11, bold=True)
    size = svg.fit_size([w for v in data.versions for w in v.text.split()], inner, SIZE, 11)
    layout = [
        (
            svg.wrap(v.name, inner, name_size, bold=True),
            svg.wrap(v.focus, inner, focus_size, bold=True),
            svg.wrap(v.text, inner, size),
        )
        for v in data.versions
    ]
    block_hs = [len(a) * 17 + len(b) * 15 + 6 + len(c) * LINE for a, b, c in layout]
    chevron_h = max(block_hs) + 2 * PAD
    axis = svg.wrap(data.axis, WIDTH - 20, SIZE) if data.axis else []
    height = chevron_h + (14 + 12 + len(axis) * LINE if axis else 0)

    items = "; ".join(f"{v.name}: {v.focus}, {v.text}" for v in data.versions)
    desc = f"{data.description} {items}." + (f" {data.axis}." if data.axis else "")
    root = svg.new_svg(
        uid=uid, width=WIDTH, height=height, title=data.title, desc=desc, kind="sales-versions"
    )

    mid = chevron_h / 2
    for i, (name, focus, text) in enumerate(layout):
        style = STYLES[i * len(STYLES) // n]
        box, label = (
            f"ss-box ss-box--{style}",
            "ss-label" if style == "soft" else f"ss-label ss-label--{style}",
        )
        g = svg.group(root, "ss-version", step=str(i + 1))
        x = i * (col - NOTCH)
        notch = NOTCH if i > 0 else 0
        right = x + col - NOTCH - 2
        tip = right + NOTCH if i < n - 1 else right
        svg.polygon(
            g,
            [(x, 0), (right, 0), (tip, mid), (right, chevron_h), (x, chevron_h), (x + notch, mid)],
            box,
        )
        cx = x + notch + (right - x - notch) / 2
        ty = PAD + name_size - 1  # same baselines in every chevron
        svg.text_block(
            g, name, x=cx, y=ty, size=name_size, line_height=17, cls=f"{label} ss-bold", anchor="middle"
        )
        ty += len(name) * 17 + 2
        svg.text_block(
            g, focus, x=cx, y=ty, size=focus_size, line_height=15, cls=f"{label} ss-bold", anchor="middle"
        )
        ty += len(focus) * 15 + 4
        svg.text_block(g, text, x=cx, y=ty, size=size, line_height=LINE, cls=label, anchor="middle")
    if axis:
        a = svg.group(root, "ss-axis")
        svg.arrow(a, 4, chevron_h + 12, WIDTH - 2, chevron_h + 12, head=9, cls="ss-line ss-line--bold")
        svg.text_block(
            a,
            axis,
            x=WIDTH / 2,
            y=chevron_h + 26 + SIZE - 2,
            size=SIZE,
            line_height=LINE,
            cls="ss-label",
            anchor="middle",
        )
    return svg.figure(root, "sales-versions")
