"""What lazy.js promises: a page view over http carries neither the search
index nor the file:// search shim; the index arrives when the reader starts to
search, a widget's script when the reader reaches the widget."""

from __future__ import annotations

from playwright.sync_api import Page, Request, expect


def test_search_index_and_widgets_load_on_demand(page: Page, http_root: str) -> None:
    seen: list[str] = []

    def record(request: Request) -> None:
        seen.append(request.url)

    page.on("request", record)
    page.goto(http_root + "h1/nps.html", wait_until="networkidle")
    assert not [u for u in seen if "search_index" in u], seen
    assert not [u for u in seen if "iframe-worker" in u], seen
    assert not [u for u in seen if u.endswith("quiz.min.js")], seen

    with page.expect_request(lambda r: r.url.endswith("search/search_index.json")):
        page.locator("input.md-search__input").click()
    page.keyboard.press("Escape")

    with page.expect_request(lambda r: r.url.endswith("quiz.min.js")):
        page.locator(".ss-quiz").first.scroll_into_view_if_needed()
    expect(page.locator(".ss-quiz__item--mc").first).to_be_visible()
