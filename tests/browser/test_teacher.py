"""Voor docenten as a teacher uses it: the picked-test link has its own copy button (the one
copy implementation, copy-links.js), the picker is reachable from the top of the page (on a
phone too), the note about a copy without a web address is plain Dutch, and the short links
c/<id>.html load without a failed request."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, Request, Response, expect
from selectolax.lexbor import LexborHTMLParser

from ..conftest import Built

pytestmark = pytest.mark.browser


def test_picked_test_link_has_a_copy_button_that_copies_exactly_it(browser: Browser, root: str) -> None:
    context = browser.new_context(service_workers="block")
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    try:
        page = context.new_page()
        page.goto(root + "docenten.html")
        page.get_by_role("link", name="Stel een toets samen").first.click()
        picker = page.locator(".ss-study[data-study=toetslinks]")
        first = picker.locator("details").first
        first.locator("summary").click()
        boxes = first.locator("input[type=checkbox]")
        boxes.nth(0).check()
        boxes.nth(1).check()
        link = picker.locator("a.ss-study__url")
        expect(link).to_contain_text("#vragen=")
        href = str(link.get_attribute("href"))
        button = picker.locator("button.ss-copy")
        expect(button).to_be_visible()
        expect(button).to_have_accessible_name("Kopieer link naar deze toets")
        button.click()
        expect(button).to_contain_text("Gekopieerd")
        assert page.evaluate("() => navigator.clipboard.readText()") == href
        # Another pick: the same button copies the new link.
        boxes.nth(1).uncheck()
        href = str(link.get_attribute("href"))
        assert href.endswith("#vragen=" + str(boxes.nth(0).get_attribute("value")))
        button.click()
        page.wait_for_function("h => navigator.clipboard.readText().then(t => t === h)", arg=href)
    finally:
        context.close()


def test_picker_is_reachable_from_the_top_on_a_phone(page: Page, root: str) -> None:
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(root + "docenten.html")
    jump = page.get_by_role("link", name="Stel een toets samen").first
    box = jump.bounding_box()
    assert box and box["y"] + box["height"] <= 740, ("the shortcut is not on the first screen", box)
    page.keyboard.press("Tab")
    jump.focus()
    page.keyboard.press("Enter")
    expect(page.locator("#toetslinks")).to_be_in_viewport()


def test_note_about_a_copy_without_web_address_is_plain_dutch(page: Page, root: str) -> None:
    page.goto(root + "docenten.html")
    note = page.locator(".ss-links__notice")
    expect(note).to_contain_text("werken alleen op deze computer")
    expect(note).not_to_contain_text("site_url")
    expect(note).not_to_contain_text("webadres niet")


def test_sticky_link_bar_meets_the_header(page: Page, root: str) -> None:
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(root + "docenten.html")
    picker = page.locator(".ss-study[data-study=toetslinks]")
    picker.scroll_into_view_if_needed()
    picker.locator("details").first.locator("summary").click()
    # Scroll into the middle of the picker: the link bar sticks under the header.
    page.evaluate(
        "() => window.scrollBy(0, document.querySelector('.ss-study[data-study=toetslinks] form')"
        ".getBoundingClientRect().top + 200)"
    )
    bar = page.locator(".ss-study__link")
    expect(bar).to_be_visible()
    gap = page.evaluate(
        "() => document.querySelector('.ss-study__link').getBoundingClientRect().top"
        " - document.querySelector('.md-header').getBoundingClientRect().bottom"
    )
    assert abs(gap) <= 1, f"a strip of {gap} px between the header and the link bar"


def test_short_link_page_makes_no_failed_request(page: Page, http_root: str) -> None:
    """Short links are addresses to share online (the zip leaves them out)."""
    failed: list[str] = []

    def on_response(response: Response) -> None:
        if response.status >= 400:
            failed.append(f"{response.status} {response.url}")

    def on_failed(request: Request) -> None:
        # The icon may still be loading when the page moves on to its target: the browser
        # then aborts it, which is no failure. A missing file is (a 404 or net::ERR_FILE_NOT_FOUND).
        if request.failure != "net::ERR_ABORTED":
            failed.append(f"{request.failure} {request.url}")

    page.on("response", on_response)
    page.on("requestfailed", on_failed)
    page.goto(http_root + "c/nps.html")
    page.wait_for_url("**/h1/nps.html#nps")
    page.wait_for_load_state("load")
    expect(page.locator("#nps")).to_be_visible()
    assert not failed, failed


def test_short_link_pages_name_the_sites_own_icon(built: Built) -> None:
    """A page without <link rel="icon"> makes the browser ask for /favicon.ico (a 404)."""
    pages = sorted((built.site / "c").glob("*.html"))
    assert pages
    for path in pages:
        tree = LexborHTMLParser(path.read_text(encoding="utf-8"))
        icon = tree.css_first('link[rel="icon"]')
        assert icon is not None, path.name
        target = (path.parent / str(icon.attributes.get("href"))).resolve()
        assert target.is_file(), (path.name, icon.attributes.get("href"))
