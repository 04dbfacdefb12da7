"""From market analysis to account management: the four steps as a funnel that
narrows from the whole market at the top to the customers at the bottom."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from .. import svg
from ..concepts import Concept
from ..definitions import definition_text
from ..schema import Node
from .limits import Limits, concept


@dataclass(frozen=True)
class Step:
    term: str
    en: str | None
    definition: str
    concept: str | None = None


@dataclass(frozen=True)
class Funnel:
    title: str
    description: str
    steps: tuple[Step, ...]

    def concept_ids(self) -> list[str]:
        return [s.concept for s in self.steps if s.concept]


LIMITS = Limits(
    chars={
        "title": 120,
        "description": 600,
        "steps[].term": 30,
        "steps[].en": 30,
        "steps[].definition": 240,
    },
    items={"steps": (2, 6)},
)


def _step(node: Node, concepts: Mapping[str, Concept]) -> Step:
    entry = concept(node, concepts)
    term = LIMITS.register_text(node, "term", entry, entry.term if entry else None)
    en = LIMITS.register_text(node, "en", entry, entry.en if entry else None, required=False)
    definition = LIMITS.register_only(
        node, "definition", entry, definition_text(entry.definition) if entry else None
    )
    assert term is not None and definition is not None
    return Step(term=term, en=en, definition=definition, concept=entry.id if entry else None)


def load(node: Node, concepts: Mapping[str, Concept]) -> Funnel:
    return Funnel(
        title=LIMITS.text(node, "title"),
        description=LIMITS.text(node, "description"),
        steps=tuple(_step(s, concepts) for s in LIMITS.children(node, "steps")),
    )


WIDTH = 360.0
NARROWEST = 210.0
GAP = 4.0
PAD = 8.0
TERM_SIZE = 14.0
EN_SIZE = 11.0
SIZE = 11.5
LINE = 14.0


def render(data: Funnel, uid: str) -> str:
    n = len(data.steps)
    # Every step's text is wrapped to the funnel's narrowest edge, so it fits
    # however the heights (and so the slope) come out.
    text_w = NARROWEST - 2 * PAD - 6
    layout = []
    for i, s in enumerate(data.steps):
        term = svg.wrap(f"{i + 1}. {s.term}", text_w, TERM_SIZE, bold=True)
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
        kind="funnel",
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
    return svg.figure(root, "funnel")
