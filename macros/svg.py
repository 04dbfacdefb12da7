"""Shared SVG building blocks. Everything goes through ElementTree, which escapes.

Colours are never written here: elements get `ss-*` classes that
overrides/assets/stylesheets/extra.css maps to Material's CSS variables, so every
diagram follows the light/dark scheme.
"""

from __future__ import annotations

import math
import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence

SVG_NS = "http://www.w3.org/2000/svg"
# Glyph advance widths (per 1000 units of font size) of Helvetica/Arial, the
# metrics of the site's system font stack (Arial and Liberation Sans share them);
# used to wrap and fit labels. SAFETY leaves room for the slightly wider system
# fonts (San Francisco, Roboto). Characters not listed count as OTHER: as wide as
# the font's widest glyph ('@', 1015), so any label within a diagram's LIMITS still
# fits its shape whatever characters it holds (an accent falls back to its letter).
# fmt: off
_REGULAR = dict(
    zip(
        'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,:;-()%\'"&+=/?!',
        (
            556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833,
            556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500,
            667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833,
            722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611,
            556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 278,
            278, 278, 333, 333, 333, 889, 191, 355, 667, 584, 584, 278, 556,
            278,
        ),
        strict=True,
    )
)
# fmt: on
# fmt: off
_BOLD = dict(
    zip(
        'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,:;-()%\'"&+=/?!',
        (
            556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889,
            611, 611, 611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500,
            722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833,
            722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611,
            556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 278,
            333, 333, 333, 333, 333, 889, 238, 474, 722, 584, 584, 278, 611,
            333,
        ),
        strict=True,
    )
)
# fmt: on
OTHER = 1015
SAFETY = 1.08


def fmt(value: float) -> str:
    """Compact, deterministic number formatting for coordinates."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def new_svg(*, uid: str, width: float, height: float, title: str, desc: str, kind: str) -> ET.Element:
    """An accessible root <svg>: role=img, labelled by its own <title> and <desc>."""
    svg = ET.Element(
        "svg",
        {
            "xmlns": SVG_NS,
            "id": uid,
            "class": f"ss-svg ss-svg--{kind}",
            "viewBox": f"0 0 {fmt(width)} {fmt(height)}",
            "role": "img",
            "aria-labelledby": f"{uid}-title {uid}-desc",
            "focusable": "false",
        },
    )
    ET.SubElement(svg, "title", {"id": f"{uid}-title"}).text = title
    ET.SubElement(svg, "desc", {"id": f"{uid}-desc"}).text = desc
    return svg


def rect(parent: ET.Element, x: float, y: float, w: float, h: float, cls: str, rx: float = 4) -> ET.Element:
    return ET.SubElement(
        parent,
        "rect",
        {"x": fmt(x), "y": fmt(y), "width": fmt(w), "height": fmt(h), "rx": fmt(rx), "class": cls},
    )


def polygon(parent: ET.Element, points: Iterable[tuple[float, float]], cls: str) -> ET.Element:
    pts = " ".join(f"{fmt(x)},{fmt(y)}" for x, y in points)
    return ET.SubElement(parent, "polygon", {"points": pts, "class": cls})


def line(parent: ET.Element, x1: float, y1: float, x2: float, y2: float, cls: str) -> ET.Element:
    return ET.SubElement(
        parent,
        "line",
        {"x1": fmt(x1), "y1": fmt(y1), "x2": fmt(x2), "y2": fmt(y2), "class": cls},
    )


def text_block(
    parent: ET.Element,
    lines: Sequence[str],
    *,
    x: float,
    y: float,
    size: float,
    cls: str,
    line_height: float | None = None,
    anchor: str = "start",
    transform: str | None = None,
) -> ET.Element:
    """A <text> with one <tspan> per line; y is the first baseline."""
    attrs = {"x": fmt(x), "y": fmt(y), "font-size": fmt(size), "class": cls, "text-anchor": anchor}
    if transform:
        attrs["transform"] = transform
    node = ET.SubElement(parent, "text", attrs)
    step = line_height if line_height is not None else size * 1.25
    for i, content in enumerate(lines):
        span = ET.SubElement(node, "tspan", {"x": fmt(x), "dy": "0" if i == 0 else fmt(step)})
        span.text = content
    return node


def _advance(char: str, bold: bool) -> int:
    table = _BOLD if bold else _REGULAR
    if char in table:
        return table[char]
    base = unicodedata.normalize("NFD", char)[:1]  # é -> e
    return table.get(base, OTHER)


def text_width(text: str, size: float, bold: bool = False) -> float:
    """Estimated width of text at font `size`, in the same units as size."""
    return sum(_advance(c, bold) for c in text) * size * SAFETY / 1000


def wrap(text: str, width: float, size: float, *, bold: bool = False) -> list[str]:
    """Wrap text to fit `width` user units at font `size`.

    Words break only at spaces, except a word wider than a whole line: that
    one is split into line-wide pieces, each but the last ending in a hyphen,
    so no label ever runs out of its shape.
    """

    def fits(line: str) -> bool:
        return text_width(line, size, bold) <= width

    lines: list[str] = []
    open_line = False  # may the last line take another word?
    for word in text.split():
        while not fits(word):
            cut = 1
            while cut + 1 < len(word) and fits(word[: cut + 1] + "-"):
                cut += 1
            lines.append(word[:cut] + "-")
            word = word[cut:]
            open_line = False
        if open_line and fits(lines[-1] + " " + word):
            lines[-1] += " " + word
        else:
            lines.append(word)
        open_line = True
    return lines or [""]


def fit_size(
    words: Iterable[str], width: float, preferred: float, minimum: float, *, bold: bool = False
) -> float:
    """Largest font size <= preferred at which the widest word fits in width
    (never below minimum: a wider word is then split by wrap)."""
    widest = max((text_width(w, 1, bold) for w in words), default=0)
    size = preferred if widest == 0 else min(preferred, width / widest)
    return max(minimum, math.floor(size * 100) / 100)  # floored: the word still fits


def figure(svg: ET.Element, kind: str) -> str:
    """Wrap the SVG in one compact <figure> block that Markdown leaves alone.

    No newlines anywhere, so Python-Markdown sees one raw HTML block, and
    data-search-exclude keeps diagram labels out of the search index.
    """
    fig = ET.Element("figure", {"class": f"ss-diagram ss-diagram--{kind}", "data-search-exclude": ""})
    fig.append(svg)
    markup = ET.tostring(fig, encoding="unicode", short_empty_elements=True)
    return markup.replace("\n", " ")


# ---- Added for the extra diagrams (nps_scale, balanced_scorecard, ...) -------


def circle(parent: ET.Element, cx: float, cy: float, r: float, cls: str) -> ET.Element:
    return ET.SubElement(parent, "circle", {"cx": fmt(cx), "cy": fmt(cy), "r": fmt(r), "class": cls})


def group(parent: ET.Element, cls: str, **data: str) -> ET.Element:
    """A <g> with a class and data-* attributes (keyword `step` -> data-step)."""
    attrs = {"class": cls}
    for key, value in sorted(data.items()):
        attrs[f"data-{key.replace('_', '-')}"] = value
    return ET.SubElement(parent, "g", attrs)


def arrow(
    parent: ET.Element,
    x1: float,
    y1: float,
    x2: float,
    y2: float,
    *,
    head: float = 7.0,
    cls: str = "ss-line",
    head_cls: str = "ss-arrowhead",
) -> ET.Element:
    """A straight arrow from (x1, y1) to (x2, y2): a line plus a filled head.

    The head is a polygon, not a <marker>, so no ids are needed and several
    arrows on one page never collide.
    """
    length = math.hypot(x2 - x1, y2 - y1)
    if length == 0:
        raise ValueError("arrow needs two different points")
    ux, uy = (x2 - x1) / length, (y2 - y1) / length
    bx, by = x2 - ux * head, y2 - uy * head  # base of the head
    half = head * 0.6
    node = ET.SubElement(parent, "g", {"class": "ss-arrow"})
    line(node, x1, y1, bx, by, cls)
    polygon(node, [(x2, y2), (bx - uy * half, by + ux * half), (bx + uy * half, by - ux * half)], head_cls)
    return node


def centered_block(
    parent: ET.Element,
    lines: Sequence[str],
    *,
    x: float,
    cy: float,
    size: float,
    cls: str,
    line_height: float | None = None,
    anchor: str = "middle",
) -> ET.Element:
    """A text_block centred vertically around cy (horizontally on x by default)."""
    step = line_height if line_height is not None else size * 1.25
    first = cy - (len(lines) - 1) * step / 2 + size * 0.35
    return text_block(parent, lines, x=x, y=first, size=size, cls=cls, line_height=step, anchor=anchor)
