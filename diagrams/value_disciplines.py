"""Treacy & Wiersema's value disciplines: one row per discipline with its focus,
and the rule (excel in one, acceptable in the other two) underneath."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from macros import svg
from macros.concepts import Concept
from macros.diagrams.limits import Limits, concept
from macros.schema import Node


@dataclass(frozen=True)
class Discipline:
    name: str
    nl: str
    focus: str
    concept: str | None = None


@dataclass(frozen=True)
class ValueDisciplines:
    title: str
    description: str
    disciplines: tuple[Discipline, ...]
    rule: str

    def concept_ids(self) -> list[str]:
        return [d.concept for d in self.disciplines if d.concept]


LIMITS = Limits(
    chars={
        "title": 120,
        "description": 600,
        "disciplines[].name": 30,
        "disciplines[].nl": 30,
        "disciplines[].focus": 140,
        "rule": 140,
    },
    items={"disciplines": (2, 4)},
)


def _discipline(node: Node, concepts: Mapping[str, Concept]) -> Discipline:
    entry = concept(node, concepts)
    name = LIMITS.register_text(node, "name", entry, entry.term if entry else None)
    assert name is not None
    return Discipline(
        name=name,
        nl=LIMITS.text(node, "nl"),
        focus=LIMITS.text(node, "focus"),
        concept=entry.id if entry else None,
    )


def load(node: Node, concepts: Mapping[str, Concept]) -> ValueDisciplines:
    return ValueDisciplines(
        title=LIMITS.text(node, "title"),
        description=LIMITS.text(node, "description"),
        disciplines=tuple(_discipline(d, concepts) for d in LIMITS.children(node, "disciplines")),
        rule=LIMITS.text(node, "rule"),
    )


WIDTH = 360.0
NAME_W = 138.0
COL_GAP = 5.0
ROW_GAP = 6.0
PAD = 9.0
NAME_SIZE = 13.5
NAME_LINE = 16.0
SIZE = 12.0
LINE = 15.0
RULE_SIZE = 12.5


def render(data: ValueDisciplines, uid: str) -> str:
    name_w = NAME_W - 2 * PAD
    focus_w = WIDTH - NAME_W - COL_GAP - 2 * PAD
    name_words = [w for d in data.disciplines for w in d.name.split()]
    name_size = svg.fit_size(name_words, name_w, NAME_SIZE, 11, bold=True)
    rows = []
    for d in data.disciplines:
        name = svg.wrap(d.name, name_w, name_size, bold=True)
        nl = svg.wrap(d.nl, name_w, SIZE - 1)
        focus = svg.wrap(d.focus, focus_w, SIZE)
        left = len(name) * NAME_LINE + len(nl) * (LINE - 1)
        right = len(focus) * LINE
        rows.append((name, nl, focus, max(left, right) + 2 * PAD - 3))
    rule = svg.wrap(data.rule, WIDTH - 2 * PAD, RULE_SIZE, bold=True)
    rule_h = len(rule) * 16 + 2 * PAD
    rule_top = sum(r[3] for r in rows) + ROW_GAP * len(rows) + 4
    height = rule_top + rule_h

    items = "; ".join(f"{d.name} ({d.nl}): {d.focus}" for d in data.disciplines)
    desc = f"{data.description} {items}. {data.rule}"
    root = svg.new_svg(
        uid=uid, width=WIDTH, height=height, title=data.title, desc=desc, kind="value-disciplines"
    )

    y = 0.0
    for i, (name, nl, focus, h) in enumerate(rows):
        row = svg.group(root, "ss-discipline", item=str(i + 1))
        g = svg.group(row, "ss-discipline__name")
        svg.rect(g, 0, y, NAME_W, h, "ss-box ss-box--strong")
        inner = len(name) * NAME_LINE + len(nl) * (LINE - 1)
        ty = y + (h - inner) / 2 + name_size - 1
        svg.text_block(
            g,
            name,
            x=PAD,
            y=ty,
            size=name_size,
            line_height=NAME_LINE,
            cls="ss-label ss-label--strong ss-bold",
        )
        svg.text_block(
            g,
            nl,
            x=PAD,
            y=ty + len(name) * NAME_LINE - 1,
            size=SIZE - 1,
            line_height=LINE - 1,
            cls="ss-label ss-label--strong",
        )
        g = svg.group(row, "ss-discipline__focus")
        svg.rect(
            g, NAME_W + COL_GAP, y + 0.25, WIDTH - NAME_W - COL_GAP - 0.5, h - 0.5, "ss-box ss-box--soft"
        )
        svg.centered_block(
            g,
            focus,
            x=NAME_W + COL_GAP + PAD,
            cy=y + h / 2,
            size=SIZE,
            line_height=LINE,
            cls="ss-label",
            anchor="start",
        )
        y += h + ROW_GAP
    r = svg.group(root, "ss-rule")
    svg.rect(r, 0, rule_top, WIDTH, rule_h, "ss-box ss-box--accent")
    svg.centered_block(
        r,
        rule,
        x=WIDTH / 2,
        cy=rule_top + rule_h / 2,
        size=RULE_SIZE,
        line_height=16,
        cls="ss-label ss-label--accent ss-bold",
    )
    return svg.figure(root, "value-disciplines")
