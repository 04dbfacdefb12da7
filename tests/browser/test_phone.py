"""On a phone (360 px, touch): the teacher page with full links that never break
inside a word, nothing wider than the screen, tap targets of 24 px or more,
readable tooltips, and a download page inside the zip without a dead button.

The teacher page is checked on a build with SITE_URL (as deployed: full links);
screenshots go to $SS_SCREENSHOTS when it is set (to look at, not compared).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from .test_app import SITE_URL, Served, served  # noqa: F401 (the fixture)

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 360, "height": 740}, "has_touch": True, "is_mobile": True}
PAGES = [
    "docenten.html",
    "index.html",
    "h1/nps.html",
    "offline.html",
    "h1/waardeketen.html",
    "h1/technologie-en-data.html",
    "h1/van-marktanalyse-tot-accountmanagement.html",
    "h2/market-to-sales.html",
    "rekenregels.html",
]

# Text nodes whose lines break between two letters or digits (not after a slash,
# a hyphen or a space): measured per character with a Range.
MID_WORD_JS = """root => {
  const bad = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent;
    let lastTop = null;
    for (let i = 0; i < text.length; i++) {
      const range = document.createRange();
      range.setStart(node, i); range.setEnd(node, i + 1);
      const rect = range.getClientRects()[0];
      if (!rect || !text[i].trim()) continue;
      if (lastTop !== null && rect.top > lastTop + 2 && i > 0 && /[\\p{L}\\p{N}]/u.test(text[i - 1])
          && /[\\p{L}\\p{N}]/u.test(text[i])) bad.push(text.slice(Math.max(0, i - 12), i + 12));
      lastTop = rect.top;
    }
  }
  return bad;
}"""

# Visible elements that stick out of the screen, and small tap targets.
WIDE_JS = """() => [...document.querySelectorAll('body *')].filter(el => {
  const r = el.getBoundingClientRect();
  if (!r.width || getComputedStyle(el).visibility === 'hidden') return false;
  let up = el.parentElement;
  while (up) {
    if (['auto', 'scroll', 'hidden'].includes(getComputedStyle(up).overflowX)) return false;
    up = up.parentElement;
  }
  return r.right > innerWidth + 1 || r.left < -1;
}).map(el => el.tagName + '.' + el.className)"""

# Links inline in running text or a heading (the permalink) are WCAG 2.5.8's inline
# exception; the calculators' inputs (exercises.css) are not checked here (reported).
TARGETS_JS = """() => [...document.querySelectorAll(
    '.md-content a, .md-content button, .md-content input, .md-content summary')]
  .filter(el => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0; })
  .filter(el => !el.closest('p, li, dd, figcaption, h1, h2, h3, h4, h5, h6, .ss-exercise'))
  .filter(el => { const r = el.getBoundingClientRect(); return r.width < 24 || r.height < 24; })
  .map(el => el.outerHTML.slice(0, 90))"""


@pytest.fixture
def phone(browser: Browser) -> Iterator[BrowserContext]:
    context = browser.new_context(**PHONE)
    yield context
    context.close()


def shoot(page: Page, name: str) -> None:
    folder = os.environ.get("SS_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / name), full_page=False)


def test_teacher_page_full_links_readable_on_a_phone(phone: BrowserContext, served: Served) -> None:  # noqa: F811
    page = phone.new_page()
    page.goto(served.root + "docenten.html")
    table = page.locator("table.ss-links").last
    first = table.locator(".ss-links__url").first
    assert (first.text_content() or "").startswith(SITE_URL)
    buttons = table.locator("button.ss-copy")
    expect(buttons.first).to_be_visible()  # copy-links.js has shown them
    assert page.locator(".ss-links__notice").count() == 0
    assert page.evaluate(MID_WORD_JS, page.locator(".md-content").element_handle()) == []
    assert page.evaluate(WIDE_JS) == []
    assert page.evaluate(TARGETS_JS) == []
    shoot(page, "docenten-360.png")

    # Copying does not move anything (the button keeps its width and place).
    page.locator("table.ss-links").first.scroll_into_view_if_needed()
    button = page.locator("table.ss-links button.ss-copy").first
    row = button.locator("xpath=ancestor::tr")
    before = (button.bounding_box(), row.bounding_box())
    phone.grant_permissions(["clipboard-read", "clipboard-write"])
    button.click()
    expect(button).to_contain_text(re.compile("Gekopieerd|Kopieer zelf"))
    assert (button.bounding_box(), row.bounding_box()) == before
    shoot(page, "docenten-360-copied.png")


def test_teacher_page_without_javascript_has_no_dead_buttons(browser: Browser, served: Served) -> None:  # noqa: F811
    context = browser.new_context(**PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(served.root + "docenten.html")
    assert page.locator("button.ss-copy").count() > 0
    assert page.locator("button.ss-copy:visible").count() == 0
    expect(page.locator(".ss-links__url").first).to_be_visible()
    page.emulate_media(media="print")
    assert page.locator("button:visible").count() == 0
    context.close()


@pytest.mark.parametrize("path", PAGES)
def test_phone_pages_fit_and_tap_targets(phone: BrowserContext, served: Served, path: str) -> None:  # noqa: F811
    page = phone.new_page()
    page.goto(served.root + path)
    page.wait_for_load_state("load")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert page.evaluate(WIDE_JS) == [], path
    assert page.evaluate(TARGETS_JS) == [], path
    shoot(page, path.replace("/", "-").replace(".html", "-360.png"))


def test_tooltips_readable(phone: BrowserContext, served: Served) -> None:  # noqa: F811
    page = phone.new_page()
    page.goto(served.root + "h1/nps.html")
    term = page.locator(".md-content abbr[title]").first
    term.scroll_into_view_if_needed()
    term.tap()
    tip = page.locator(".md-tooltip2--active .md-tooltip2__inner").first
    expect(tip).to_be_visible()
    style = tip.evaluate("el => [getComputedStyle(el).fontSize, getComputedStyle(el).fontWeight]")
    assert float(style[0].removesuffix("px")) >= 14 and int(style[1]) <= 400, style
    shoot(page, "tooltip-360.png")


def test_no_download_button_inside_the_zip(phone: BrowserContext, served: Served) -> None:  # noqa: F811
    """The zip leaves out the passages that need the online site (the downloads):
    no button to a missing file, no note in its place, the page still explains."""
    page = phone.new_page()
    page.goto(served.offline.as_uri() + "/offline.html")
    page.wait_for_load_state("load")
    expect(page.locator('.md-content a[href*="downloads/"]')).to_have_count(0)
    expect(page.locator(".ss-offline-note")).to_have_count(0)
    expect(page.locator(".md-content")).to_contain_text("Lees je dit al vanuit de zip?")
