"""From market analysis to account management: the four steps as a funnel that
narrows from the whole market at the top to the customers at the bottom."""

from __future__ import annotations

from dataclasses import dataclass

from .. import svg
from ..schema import Node


@dataclass(frozen=True)
class Step:
    term: str
    en: str | None
    definition: str
    concept: str | None = None


@dataclass(frozen=True)
class SalesSteps:
    title: str
    description: str
    steps: tuple[Step, ...]

    def concept_ids(self) -> list[str]:
        return [s.concept for s in self.steps if s.concept]


def load(node: Node) -> SalesSteps:
    return SalesSteps(
        title=node.text("title"),
        description=node.text("description"),
        steps=tuple(
            Step(
                term=s.text("term"),
                en=s.optional_text("en"),
                definition=s.text("definition"),
                concept=s.optional_slug("concept"),
            )
            for s in node.children("steps", minimum=2)
        ),
    )


WIDTH = 360.0
NARROWEST = 210.0
GAP = 4.0
PAD = 8.0
TERM_SIZE = 14.0
EN_SIZE = 11.0
SIZE = 11.5
LINE = 14.0


def render(data: SalesSteps, uid: str) -> str:
    n = len(data.steps)
    shrink = (WIDTH - NARROWEST) / n
    widths = [WIDTH - i * shrink for i in range(n + 1)]  # top edge of step i is widths[i]
    layout = []
    for i, s in enumerate(data.steps):
        text_w = widths[i + 1] - 2 * PAD - 6  # the bottom edge is the narrowest
        term = svg.wrap(f"{i + 1}. {s.term}", text_w, TERM_SIZE)
        en = svg.wrap(f"({s.en})", text_w, EN_SIZE) if s.en else []
        lines = svg.wrap(s.definition, text_w, SIZE)
        h = PAD + len(term) * 17 + len(en) * LINE + 2 + len(lines) * LINE + PAD - 2
        layout.append((term, en, lines, h))
    height = sum(h for *_, h in layout) + GAP * (n - 1)

    order = "; ".join(
        f"{i}. {s.term}" + (f" ({s.en})" if s.en else "") + f": {s.definition}"
        for i, s in enumerate(data.steps, 1)
    )
    root = svg.new_svg(
        uid=uid,
        width=WIDTH,
        height=height,
        title=data.title,
        desc=f"{data.description} {order}",
        kind="sales-steps",
    )
    y = 0.0
    cx = WIDTH / 2
    for i, (term, en, lines, h) in enumerate(layout):
        g = svg.group(root, "ss-step", step=str(i + 1))
        # The slope is continuous over the gaps, so the steps line up as one funnel.
        total = height
        top_w = WIDTH - (WIDTH - NARROWEST) * y / total
        bottom_w = WIDTH - (WIDTH - NARROWEST) * (y + h) / total
        svg.polygon(
            g,
            [
                (cx - top_w / 2, y),
                (cx + top_w / 2, y),
                (cx + bottom_w / 2, y + h),
                (cx - bottom_w / 2, y + h),
            ],
            "ss-box ss-box--strong",
        )
        ty = y + PAD + TERM_SIZE - 1
        svg.text_block(
            g,
            term,
            x=cx,
            y=ty,
            size=TERM_SIZE,
            line_height=17,
            cls="ss-label ss-label--strong ss-bold",
            anchor="middle",
        )
        ty += len(term) * 17 - 1
        if en:
            svg.text_block(
                g,
                en,
                x=cx,
                y=ty,
                size=EN_SIZE,
                line_height=LINE,
                cls="ss-label ss-label--strong",
                anchor="middle",
            )
            ty += len(en) * LINE
        svg.text_block(
            g,
            lines,
            x=cx,
            y=ty + 2,
            size=SIZE,
            line_height=LINE,
            cls="ss-label ss-label--strong",
            anchor="middle",
        )
        y += h + GAP
    return svg.figure(root, "sales-steps")
