"""Mijn voortgang as a student reads it: a readable table on a laptop (no figure wrapped inside
its cell, padding, a "%" never apart from its number), import errors that look like errors
(contrast >= 4.5:1 light and dark), only the status line live for screen readers, and a
"Wat nu?" that follows where the student is."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from .conftest import choose, quiz_ready
from .test_study import answer_on, right, wrong

pytestmark = pytest.mark.browser

START = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)

# WCAG relative luminance and contrast of an element's text on its first opaque background.
CONTRAST = """el => {
  const rgb = s => s.match(/[\\d.]+/g).map(Number);
  const lin = c => { c /= 255; return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4); };
  const lum = c => 0.2126 * lin(c[0]) + 0.7152 * lin(c[1]) + 0.0722 * lin(c[2]);
  let node = el, bg = null;
  const layers = [];
  while (node && node.nodeType === 1) {
    const c = rgb(getComputedStyle(node).backgroundColor);
    if (c.length === 4 && c[3] === 0) { node = node.parentElement; continue; }
    layers.push(c);
    if (c.length === 3 || c[3] === 1) break;
    node = node.parentElement;
  }
  bg = layers.pop() || [255, 255, 255];
  while (layers.length) {
    const top = layers.pop(), a = top[3];
    bg = [0, 1, 2].map(i => top[i] * a + bg[i] * (1 - a));
  }
  const fg = rgb(getComputedStyle(el).color);
  const a = fg.length === 4 ? fg[3] : 1;
  const f = [0, 1, 2].map(i => fg[i] * a + bg[i] * (1 - a));
  const [l1, l2] = [lum(f), lum(bg)].sort((x, y) => y - x);
  return (l1 + 0.05) / (l2 + 0.05);
}"""


def test_desktop_table_cells_do_not_wrap_and_have_padding(page: Page, root: str) -> None:
    page.set_viewport_size({"width": 1280, "height": 800})
    page.clock.set_fixed_time(START)
    answer_on(page, root + "h1/nps.html", correct=True)
    page.goto(root + "h1/klant.html")
    quiz_ready(page)
    items = page.locator(".ss-quiz__item--mc")
    for n, pick in ((0, right), (1, wrong)):
        choose(pick(items.nth(n)))
        items.nth(n).locator(".ss-quiz__check").dispatch_event("click")
    expect(items.nth(1).locator(".ss-quiz__feedback")).not_to_be_empty()
    page.goto(root + "voortgang.html")
    expect(page.locator('.ss-study__table tr[data-page="h1/klant.md"] td').nth(1)).to_have_text("1 (50 %)")
    cells = page.evaluate(
        """() => Array.from(document.querySelectorAll('.ss-study__table td, .ss-study__table th')).map(c => {
          const s = getComputedStyle(c);
          const range = document.createRange(); range.selectNodeContents(c);
          const lines = Array.from(range.getClientRects()).map(r => Math.round(r.top));
          return {text: c.textContent, lines: new Set(lines).size,
                  pad: parseFloat(s.paddingLeft) + parseFloat(s.paddingRight),
                  border: parseFloat(s.borderBottomWidth)};
        })"""
    )
    wrapped = [c["text"] for c in cells if c["lines"] > 1]
    assert not wrapped, f"text wraps inside a cell at 1280 px: {wrapped}"
    assert all(c["pad"] >= 8 for c in cells), [c for c in cells if c["pad"] < 8][:3]
    assert all(c["border"] >= 1 for c in cells if c["text"]), "rows are separated by a line"
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 1280


def test_only_the_status_line_is_live(page: Page, root: str) -> None:
    page.goto(root + "voortgang.html")
    expect(page.locator(".ss-study__status")).to_have_count(1)
    live = page.evaluate(
        "() => Array.from(document.querySelectorAll('.ss-study [aria-live], .ss-study [role=status],"
        " .ss-study [role=alert]')).map(e => e.className)"
    )
    assert live == ["ss-study__status"], live


def test_import_error_looks_like_an_error(page: Page, root: str, tmp_path: Path) -> None:
    bad = tmp_path / "kapot.json"
    bad.write_text("{kapot", encoding="utf-8")
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        page.goto(root + "voortgang.html")
        page.locator("#ss-import").set_input_files(str(bad))
        status = page.locator(".ss-study__status")
        expect(status, f"{scheme}: the cause").to_contain_text("geen geldige JSON")
        expect(status, f"{scheme}: styled as an error").to_have_class(
            "ss-study__status ss-study__status--error"
        )
        expect(status, f"{scheme}: said to fail").to_contain_text("Importeren mislukt")
        ratio = status.evaluate(CONTRAST)
        assert ratio >= 4.5, f"{scheme}: {ratio:.2f}:1"
        border = status.evaluate("e => parseFloat(getComputedStyle(e).borderLeftWidth)")
        assert border >= 2, f"{scheme}: an error is marked by more than its words"
        # A good result afterwards is no longer styled as an error.
        page.once("dialog", lambda dialog: dialog.accept())
        page.get_by_role("button", name="Alles wissen").click()
        expect(status, f"{scheme}: a good result after it").to_have_class("ss-study__status")


def test_import_and_export_buttons_line_up(page: Page, root: str) -> None:
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(root + "voortgang.html")
    exp = page.get_by_role("button", name="Exporteren").bounding_box()
    imp = page.locator("label[for=ss-import]").bounding_box()
    assert exp and imp
    assert abs(exp["y"] - imp["y"]) < 0.5 and abs(exp["height"] - imp["height"]) < 0.5, (exp, imp)


def test_what_next_follows_the_section_just_finished(page: Page, root: str) -> None:
    page.goto(root + "h1/nps.html")
    quiz_ready(page)
    items = page.locator(".ss-quiz__item--mc")
    for n in range(items.count()):
        choose(right(items.nth(n)))
        items.nth(n).locator(".ss-quiz__check").dispatch_event("click")
    page.goto(root + "voortgang.html")
    page.wait_for_function("() => window.StudyData")
    after = page.evaluate(
        "() => { const pages = window.StudyData.chapters.flatMap(c => c.pages)"
        ".filter(p => p.questions.length); const i = pages.findIndex(p => p.path === 'h1/nps.md');"
        " return pages[i + 1].title; }"
    )
    expect(page.locator(".ss-study__next")).to_contain_text("Lees verder: " + after)


def test_phone_layout_blocks_use_the_full_width(page: Page, root: str) -> None:
    """At 200 % zoom on a laptop (640 CSS px) the table turns into blocks: they span the
    content, not about half of it (Material's table wrapper shrinks to fit)."""
    page.set_viewport_size({"width": 640, "height": 800})
    page.goto(root + "voortgang.html")
    expect(page.locator(".ss-study__table").first).to_be_visible()
    widths = page.evaluate(
        "() => [document.querySelector('.ss-study__table tbody tr').getBoundingClientRect().width,"
        " document.querySelector('.md-content__inner').getBoundingClientRect().width]"
    )
    assert widths[0] >= 0.9 * widths[1], widths
