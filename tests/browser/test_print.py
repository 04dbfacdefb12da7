"""The print page turns into one PDF with the whole site, as a reader's
"Opslaan als pdf" would make it (Chromium's own PDF printer)."""

from __future__ import annotations

import re

import yaml
from playwright.sync_api import Browser, Page, expect

from ..conftest import ROOT, Built
from ..test_site_build import nav_pages


def print_excluded() -> set[str]:
    """The pages mkdocs.yml keeps off paper (print-site's `exclude`)."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    plugin = next(p for p in config["plugins"] if isinstance(p, dict) and "print-site" in p)
    return set(plugin["print-site"]["exclude"])


def test_print_page_prints_the_whole_site_to_pdf(page: Page, http_root: str, built: Built) -> None:
    page.goto(http_root + "afdrukken.html")
    page.emulate_media(media="print")
    # Navigation, header and search are not printed; quiz controls neither.
    assert not page.locator(".md-header").is_visible()
    assert not page.locator(".md-sidebar--primary").is_visible()
    assert page.locator(".ss-quiz__reset:visible").count() == 0
    # Every page of the navigation is on the print page, diagrams included.
    for path in [p for p in nav_pages() if p not in print_excluded()]:
        section = re.sub(r"[^a-z0-9]+", "-", path.removesuffix(".md").lower()).strip("-")
        assert page.locator(f"section.print-page[id='{section}']").count() == 1, path
    assert page.locator("figure.ss-diagram svg").count() >= 8
    pdf = page.pdf(format="A4", print_background=True)
    assert pdf.startswith(b"%PDF")
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert pages >= 20, f"only {pages} PDF pages"


# -- The print page: Material's own palette switch and details for printing --------------------


# The two palette toggles (Material moves their titles into its tooltips once shown).
TO_DARK = "label[for=__palette_1]"
TO_LIGHT = "label[for=__palette_0]"


def test_print_page_switches_palette(page: Page, root: str) -> None:
    page.goto(root + "afdrukken.html")
    page.wait_for_load_state("load")
    body = page.locator("body")
    expect(body).to_have_attribute("data-md-color-scheme", "default")
    page.locator(TO_DARK).click()
    expect(body).to_have_attribute("data-md-color-scheme", "slate")
    expect(page.locator(TO_LIGHT)).to_be_visible()
    expect(page.locator(TO_DARK)).to_be_hidden()
    # The choice holds for the rest of the site, where Material's bundle reads it.
    page.goto(root + "h1/nps.html")
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    page.goto(root + "afdrukken.html")
    expect(body).to_have_attribute("data-md-color-scheme", "slate")
    page.locator(TO_LIGHT).click()
    expect(body).to_have_attribute("data-md-color-scheme", "default")


def test_print_page_follows_a_dark_system_preference(browser: Browser, root: str) -> None:
    context = browser.new_context(color_scheme="dark")
    try:
        page = context.new_page()
        page.goto(root + "afdrukken.html")
        expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
        expect(page.locator(TO_LIGHT)).to_be_visible()
    finally:
        context.close()


def test_print_page_opens_every_details_for_printing(page: Page, http_root: str) -> None:
    page.goto(http_root + "afdrukken.html")
    closed = page.locator("details:not([open])").count()
    assert closed > 0
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert page.locator("details:not([open])").count() == 0
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert page.locator("details:not([open])").count() == closed


# -- A page printed alone from the browser -------------------------------------------------------


def test_a_page_printed_alone_is_light_whole_and_without_controls(browser: Browser, http_root: str) -> None:
    """A reader in dark mode prints h1/nps.html: light paper, 11 pt text, the
    11-column NPS table within the page, no buttons, inputs or storage sentence, and
    the answers only in the key at the end."""
    context = browser.new_context(color_scheme="dark")
    try:
        page = context.new_page()
        page.goto(http_root + "h1/nps.html")
        expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
        page.emulate_media(media="print", color_scheme="dark")
        page.set_viewport_size({"width": 665, "height": 900})  # A4 minus print.css's margins, in px
        looks = page.evaluate(
            """() => {
              const style = el => getComputedStyle(el);
              const visible = sel => [...document.querySelectorAll(sel)].filter(e => e.offsetParent).length;
              const widest = Math.max(...[...document.querySelectorAll('.md-content table')]
                .map(t => t.getBoundingClientRect().right));
              return {
                bg: style(document.body).backgroundColor,
                fg: style(document.querySelector('.md-typeset')).color,
                size: style(document.querySelector('.md-typeset p')).fontSize,
                widest, width: document.documentElement.clientWidth,
                controls: visible('.md-typeset button, .md-typeset input, .ss-quiz__intro, .ss-quiz__answer'),
                key: visible('.ss-quiz__key'),
              };
            }"""
        )
        assert looks["bg"] in ("rgb(255, 255, 255)", "rgba(0, 0, 0, 0)"), looks
        assert looks["fg"].startswith("rgba(0, 0, 0"), looks
        assert float(looks["size"].removesuffix("px")) * 0.75 >= 10.9, looks
        assert looks["widest"] <= looks["width"], looks
        assert looks["controls"] == 0 and looks["key"] == 1, looks
        pdf = page.pdf(prefer_css_page_size=True)
        assert pdf.startswith(b"%PDF")
    finally:
        context.close()
