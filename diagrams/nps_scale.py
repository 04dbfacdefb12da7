"""The Net Promoter Score: the answer scale 0-10 split into three bands, plus the formula."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from macros import svg
from macros.concepts import Concept
from macros.diagrams.limits import Limits, concept
from macros.errors import DataError
from macros.schema import Node


@dataclass(frozen=True)
class Band:
    term: str
    en: str
    low: int
    high: int
    concept: str | None = None


@dataclass(frozen=True)
class NpsScale:
    title: str
    description: str
    scale_label: str
    bands: tuple[Band, ...]
    formula: str
    formula_range: str
    formula_note: str
    formula_concept: str | None = None

    def concept_ids(self) -> list[str]:
        ids = [b.concept for b in self.bands] + [self.formula_concept]
        return [i for i in ids if i]

    @property
    def low(self) -> int:
        return self.bands[0].low

    @property
    def high(self) -> int:
        return self.bands[-1].high


SCALE = (0, 10)  # the NPS question is always answered on 0-10


LIMITS = Limits(
    chars={
        "title": 120,
        "description": 600,
        "scale_label": 45,
        "bands[].term": 24,
        "bands[].en": 24,
        "formula.text": 80,
        "formula.range": 100,
        "formula.note": 160,
    },
    items={"bands": (3, 3)},  # detractors, passives, promoters
)


def _band(node: Node, concepts: Mapping[str, Concept]) -> Band:
    entry = concept(node, concepts)
    term = LIMITS.register_text(node, "term", entry, entry.term if entry else None)
    en = LIMITS.register_text(node, "en", entry, entry.en if entry else None)
    assert term is not None and en is not None
    return Band(
        term=term,
        en=en,
        low=node.integer("from"),
        high=node.integer("to"),
        concept=entry.id if entry else None,
    )


def load(node: Node, concepts: Mapping[str, Concept]) -> NpsScale:
    band_nodes = LIMITS.children(node, "bands")
    bands = tuple(_band(b, concepts) for b in band_nodes)
    # The bands must cover the scale from left to right without gaps or overlaps.
    for i, (band, bnode) in enumerate(zip(bands, band_nodes, strict=True)):
        if band.high < band.low:
            raise DataError(node.source, f"'to' ({band.high}) is below 'from' ({band.low})", bnode.path("to"))
        if i > 0 and band.low != bands[i - 1].high + 1:
            raise DataError(
                node.source,
                f"must be {bands[i - 1].high + 1} (bands must follow each other without gaps)",
                bnode.path("from"),
            )
    if bands[0].low != SCALE[0]:
        raise DataError(node.source, f"the scale starts at {SCALE[0]}", band_nodes[0].path("from"))
    if bands[-1].high != SCALE[1]:
        raise DataError(node.source, f"the scale ends at {SCALE[1]}", band_nodes[-1].path("to"))
    formula = node.child("formula")
    formula_concept = concept(formula, concepts)
    return NpsScale(
        title=LIMITS.text(node, "title"),
        description=LIMITS.text(node, "description"),
        scale_label=LIMITS.text(node, "scale_label"),
        bands=bands,
        formula=LIMITS.text(formula, "text"),
        formula_range=LIMITS.text(formula, "range"),
        formula_note=LIMITS.text(formula, "note"),
        formula_concept=formula_concept.id if formula_concept else None,
    )


DASH = "\u2013"  # en dash between the ends of a range
WIDTH = 360.0
CELL_GAP = 2.0
HEAD = 16.0
CELL_H = 30.0
NUM_SIZE = 13.0
BRACKET = 8.0
TERM_SIZE = 12.5
SMALL = 11.0
LINE = 13.5
# Bands from left to right: detractors, passives, promoters. Each group has its own
# colour with a meaning (red: criticasters, amber: passief tevredenen, green:
# promotors), the same in the light and dark scheme and in print (extra.css).
BOX = ("ss-box ss-signal--bad", "ss-box ss-signal--mid", "ss-box ss-signal--good")
LABEL = (
    "ss-label ss-signal-label--bad",
    "ss-label ss-signal-label--mid",
    "ss-label ss-signal-label--good",
)


def render(data: NpsScale, uid: str) -> str:
    count = data.high - data.low + 1
    cell = (WIDTH + CELL_GAP) / count
    spans = [((b.low - data.low) * cell, (b.high - b.low + 1) * cell - CELL_GAP) for b in data.bands]

    # Band captions under the bracket: term (bold), English term, range.
    # One font size for all captions: the largest at which every word fits its band.
    size = min(
        svg.fit_size([*b.term.split(), *f"({b.en})".split()], w - 2, TERM_SIZE, SMALL, bold=True)
        for b, (_, w) in zip(data.bands, spans, strict=True)
    )
    captions: list[tuple[float, list[str], list[str]]] = []
    for band, (_, w) in zip(data.bands, spans, strict=True):
        term = svg.wrap(band.term, w - 2, size, bold=True)
        en = svg.wrap(f"({band.en})", w - 2, min(size, SMALL))
        captions.append((size, term, en))
    caption_lines = max(len(t) + len(e) + 1 for _, t, e in captions)

    cells_top = HEAD
    bracket_y = cells_top + CELL_H + 6
    caption_top = bracket_y + BRACKET + 4
    formula_top = caption_top + caption_lines * LINE + 12
    formula_w = WIDTH
    formula_lines = svg.wrap(data.formula, formula_w - 20, 14, bold=True)
    range_lines = svg.wrap(data.formula_range, formula_w - 20, SMALL)
    note_lines = svg.wrap(data.formula_note, formula_w - 20, SMALL)
    formula_h = 10 + len(formula_lines) * 18 + len(range_lines) * 16 + len(note_lines) * LINE + 6
    height = formula_top + formula_h

    bands_desc = "; ".join(f"{b.term} ({b.en}): {_range(b)}" for b in data.bands)
    desc = (
        f"{data.description} {data.scale_label}: {data.low}{DASH}{data.high}. {bands_desc}. "
        f"{data.formula}. {data.formula_range}. {data.formula_note}"
    )
    root = svg.new_svg(uid=uid, width=WIDTH, height=height, title=data.title, desc=desc, kind="nps-scale")
    root.set("class", f"{root.get('class')} ss-svg--exact")  # its colours carry meaning, on paper too

    svg.text_block(root, [data.scale_label], x=0, y=HEAD - 5, size=SMALL, cls="ss-label ss-bold")
    for i, (band, (x, w), (size, term, en)) in enumerate(zip(data.bands, spans, captions, strict=True)):
        style = 0 if i == 0 else 2 if i == len(data.bands) - 1 else 1
        g = svg.group(root, "ss-band", band=str(i + 1), low=str(band.low), high=str(band.high))
        for score in range(band.low, band.high + 1):
            cx = (score - data.low) * cell
            s = svg.group(g, "ss-score-cell", score=str(score))
            svg.rect(s, cx, cells_top, cell - CELL_GAP, CELL_H, BOX[style], rx=3)
            svg.centered_block(
                s,
                [str(score)],
                x=cx + (cell - CELL_GAP) / 2,
                cy=cells_top + CELL_H / 2,
                size=NUM_SIZE,
                cls=f"{LABEL[style]} ss-bold ss-score",
            )
        # A bracket under the band's cells.
        svg.line(g, x + 1, bracket_y, x + 1, bracket_y + BRACKET, "ss-line")
        svg.line(g, x + 1, bracket_y + BRACKET, x + w - 1, bracket_y + BRACKET, "ss-line")
        svg.line(g, x + w - 1, bracket_y, x + w - 1, bracket_y + BRACKET, "ss-line")
        cx = x + w / 2
        y = caption_top + size
        svg.text_block(
            g, term, x=cx, y=y, size=size, line_height=LINE, cls="ss-label ss-bold", anchor="middle"
        )
        y += len(term) * LINE
        svg.text_block(
            g, en, x=cx, y=y, size=min(size, SMALL), line_height=LINE, cls="ss-label", anchor="middle"
        )
        y += len(en) * LINE
        svg.text_block(g, [_range(band)], x=cx, y=y, size=SMALL, cls="ss-label", anchor="middle")

    f = svg.group(root, "ss-formula")
    svg.rect(f, 0.5, formula_top, formula_w - 1, formula_h, "ss-box ss-box--soft")
    y = formula_top + 10 + 14
    svg.text_block(
        f, formula_lines, x=WIDTH / 2, y=y, size=14, line_height=18, cls="ss-label ss-bold", anchor="middle"
    )
    y += (len(formula_lines) - 1) * 18 + 18
    svg.text_block(
        f, range_lines, x=WIDTH / 2, y=y, size=SMALL, line_height=16, cls="ss-label", anchor="middle"
    )
    y += len(range_lines) * 16
    svg.text_block(
        f, note_lines, x=WIDTH / 2, y=y, size=SMALL, line_height=LINE, cls="ss-label", anchor="middle"
    )
    return svg.figure(root, "nps-scale")


def _range(band: Band) -> str:
    return str(band.low) if band.low == band.high else f"{band.low}{DASH}{band.high}"
