"""Every label stays inside its shape, in Chromium, at 360 px and 1280 px.

Every diagram registered in macros.diagrams.DIAGRAMS is rendered by its pure render
function with its real data and with data at its LIMITS (longest labels: realistic long
Dutch words, or one unbroken word; most items and fewest items), placed in a page with
the site's CSS (Material's stylesheet and overrides/assets/stylesheets/extra.css, so text
uses the site's font stack and weights), and measured.

Which shape a text belongs to (the contract in macros/diagrams/__init__.py): the first
rect/polygon/circle that is a direct child of the text's parent element, or the SVG's
viewBox when that parent has none. No two labels may overlap either.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import material
import pytest
from playwright.sync_api import Browser, Page

from macros.diagrams import load_diagram
from tests.sales import DATA_DIR, DIAGRAMS

from ..conftest import ROOT
from ..svg_checks import VARIANTS, stretched

pytestmark = pytest.mark.browser

TOL = 0.5  # screen px: rounding of glyph boxes
WIDTHS = (360, 1280)
CASES = [(name, variant) for name in DIAGRAMS for variant in ("real", *VARIANTS)]


def site_css() -> str:
    sheets = sorted((Path(material.__file__).parent / "templates/assets/stylesheets").glob("main.*.min.css"))
    assert len(sheets) == 1, sheets
    extra = ROOT / "overrides/assets/stylesheets/extra.css"
    return sheets[0].read_text(encoding="utf-8") + "\n" + extra.read_text(encoding="utf-8")


# For every <text>: its screen box and the screen geometry of the shape it belongs to.
MEASURE_JS = """
() => {
  const svg = document.querySelector("figure.ss-diagram svg");
  const m = svg.getScreenCTM();
  const pt = (el, x, y) => {
    const p = new DOMPoint(x, y).matrixTransform(el.getScreenCTM());
    return [p.x, p.y];
  };
  const box = (r) => [r.left, r.top, r.right, r.bottom];
  const shapeOf = (el) => {
    if (!el) return { kind: "view", box: box(svg.getBoundingClientRect()) };
    const scale = Math.hypot(el.getScreenCTM().a, el.getScreenCTM().b);
    if (el.tagName === "rect") {
      const [x, y, w, h] = ["x", "y", "width", "height"].map((k) => el[k].baseVal.value);
      let rx = el.hasAttribute("rx") ? el.rx.baseVal.value : null;
      let ry = el.hasAttribute("ry") ? el.ry.baseVal.value : null;
      rx = rx === null ? (ry === null ? 0 : ry) : rx;
      ry = ry === null ? rx : ry;
      const [x0, y0] = pt(el, x, y);
      return { kind: "rect", box: [x0, y0, x0 + w * scale, y0 + h * scale],
               rx: Math.min(rx, w / 2) * scale, ry: Math.min(ry, h / 2) * scale };
    }
    if (el.tagName === "circle") {
      const [cx, cy] = pt(el, el.cx.baseVal.value, el.cy.baseVal.value);
      return { kind: "circle", cx, cy, r: el.r.baseVal.value * scale };
    }
    return { kind: "polygon", points: [...el.points].map((p) => pt(el, p.x, p.y)) };
  };
  return [...svg.querySelectorAll("text")].map((t) => ({
    text: ([...t.querySelectorAll("tspan")].map((s) => s.textContent).join(" ") || t.textContent).trim(),
    box: box(t.getBoundingClientRect()),
    shape: shapeOf(t.parentElement.querySelector(":scope > rect, :scope > polygon, :scope > circle")),
    parent: t.parentElement.getAttribute("class") || t.parentElement.tagName,
  }));
}
"""


def corners(box: list[float]) -> list[tuple[float, float]]:
    left, top, right, bottom = box
    return [(left, top), (right, top), (right, bottom), (left, bottom)]


def shrink(box: list[float], by: float) -> list[float]:
    return [box[0] + by, box[1] + by, box[2] - by, box[3] - by]


def in_box(point: tuple[float, float], box: list[float]) -> bool:
    x, y = point
    return box[0] - TOL <= x <= box[2] + TOL and box[1] - TOL <= y <= box[3] + TOL


def in_rect(point: tuple[float, float], shape: dict[str, Any]) -> bool:
    if not in_box(point, shape["box"]):
        return False
    left, top, right, bottom = shape["box"]
    rx, ry = shape["rx"], shape["ry"]
    if rx <= 0 or ry <= 0:
        return True
    x, y = point
    # In a corner zone the point must lie inside the corner's ellipse.
    cx = left + rx if x < left + rx else right - rx if x > right - rx else x
    cy = top + ry if y < top + ry else bottom - ry if y > bottom - ry else y
    return ((x - cx) / (rx + TOL)) ** 2 + ((y - cy) / (ry + TOL)) ** 2 <= 1


def segment_distance(p: tuple[float, float], a: tuple[float, float], b: tuple[float, float]) -> float:
    ax, ay = a
    dx, dy = b[0] - ax, b[1] - ay
    t = max(0.0, min(1.0, ((p[0] - ax) * dx + (p[1] - ay) * dy) / ((dx * dx + dy * dy) or 1)))
    return math.hypot(p[0] - ax - t * dx, p[1] - ay - t * dy)


def in_polygon(point: tuple[float, float], points: list[tuple[float, float]]) -> bool:
    edges = list(zip(points, points[1:] + points[:1], strict=True))
    if any(segment_distance(point, a, b) <= TOL for a, b in edges):
        return True
    x, y = point
    inside = False
    for (x1, y1), (x2, y2) in edges:
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def crosses(a: tuple[float, float], b: tuple[float, float], box: list[float]) -> bool:
    """Does segment a-b pass through the interior of box (Liang-Barsky clipping)?"""
    left, top, right, bottom = box
    if left >= right or top >= bottom:
        return False
    t0, t1 = 0.0, 1.0
    dx, dy = b[0] - a[0], b[1] - a[1]
    for p, q in ((-dx, a[0] - left), (dx, right - a[0]), (-dy, a[1] - top), (dy, bottom - a[1])):
        if p == 0:
            if q <= 0:
                return False
            continue
        r = q / p
        if p < 0:
            t0 = max(t0, r)
        else:
            t1 = min(t1, r)
        if t0 >= t1:
            return False
    return True


def inside(box: list[float], shape: dict[str, Any]) -> bool:
    kind = shape["kind"]
    if kind == "view":
        return all(in_box(c, shape["box"]) for c in corners(box))
    if kind == "rect":
        return all(in_rect(c, shape) for c in corners(box))  # a rounded rect is convex
    if kind == "circle":
        return all(math.hypot(x - shape["cx"], y - shape["cy"]) <= shape["r"] + TOL for x, y in corners(box))
    points = [tuple(p) for p in shape["points"]]
    if not all(in_polygon(c, points) for c in corners(box)):  # type: ignore[arg-type]
        return False
    # A chevron's notch is concave: no edge may cut through the box either.
    inner = shrink(box, TOL)
    return not any(crosses(a, b, inner) for a, b in zip(points, points[1:] + points[:1], strict=True))  # type: ignore[arg-type]


def overlap(a: list[float], b: list[float]) -> bool:
    a, b = shrink(a, TOL), shrink(b, TOL)
    return min(a[2], b[2]) > max(a[0], b[0]) and min(a[3], b[3]) > max(a[1], b[1])


@pytest.fixture(scope="module")
def diagram_page(browser: Browser) -> Iterator[Page]:
    """One page for every case; nothing may be requested from anywhere."""
    page = browser.new_page()
    requests: list[str] = []
    errors: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    page.close()
    assert not [r for r in requests if not r.startswith(("data:", "about:"))], requests
    assert not errors, errors


def data_for(name: str, variant: str) -> Any:
    return load_diagram(name, DATA_DIR) if variant == "real" else stretched(name, variant)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize(("name", "variant"), CASES, ids=[f"{n}-{v}" for n, v in CASES])
def test_every_label_inside_its_shape(diagram_page: Page, name: str, variant: str, width: int) -> None:
    markup = DIAGRAMS[name].render(data_for(name, variant), f"{name.replace('_', '-')}-labels-1")
    diagram_page.set_viewport_size({"width": width, "height": 900})
    diagram_page.set_content(
        f'<!doctype html><html lang="nl"><head><meta name="viewport" content="width=device-width">'
        f"<style>{site_css()}</style></head><body><article class='md-content__inner md-typeset'>"
        f"{markup}</article></body></html>"
    )
    labels = diagram_page.evaluate(MEASURE_JS)
    assert labels, "a diagram has labels"
    outside = [
        f"{label['text'][:50]!r} (in {label['parent']}) box {[round(v, 1) for v in label['box']]} "
        f"not inside its {label['shape']['kind']}"
        for label in labels
        if not inside(label["box"], label["shape"])
    ]
    assert not outside, "\n".join(outside)
    clashes = [
        f"{a['text'][:40]!r} overlaps {b['text'][:40]!r}"
        for i, a in enumerate(labels)
        for b in labels[i + 1 :]
        if overlap(a["box"], b["box"])
    ]
    assert not clashes, "\n".join(clashes)
    for label in labels:
        left, top, right, bottom = label["box"]
        assert right > left and bottom > top, f"{label['text']!r} is not drawn"
