"""What lazy.js promises: a widget's scripts arrive when the reader reaches the widget,
not with the page. The iframe-worker shim (an ordinary polyfill script) only takes
effect on file://: online Material's search runs in a real Web Worker."""

from __future__ import annotations

from playwright.sync_api import Page, Request, expect


def test_widget_scripts_load_on_demand(page: Page, http_root: str) -> None:
    seen: list[str] = []

    def record(request: Request) -> None:
        seen.append(request.url)

    page.on("request", record)
    page.goto(http_root + "h1/nps.html", wait_until="networkidle")
    for script in ("quiz.min.js", "store.min.js", "exercises.min.js", "study.min.js", "study-data.js"):
        assert not [u for u in seen if u.endswith(script)], (script, seen)

    with page.expect_request(lambda r: r.url.endswith("quiz.min.js")):
        page.locator(".ss-quiz").first.scroll_into_view_if_needed()
    expect(page.locator(".ss-quiz__item--mc").first).to_be_visible()
    assert not [u for u in seen if u.endswith("study-data.js")], "study data belongs to the study pages only"


def test_search_shim_acts_on_file_only(page: Page, http_root: str, file_root: str) -> None:
    page.goto(http_root + "index.html")
    assert page.evaluate("() => window.Worker.toString().includes('[native code]')")
    page.goto(file_root + "index.html")
    assert not page.evaluate("() => window.Worker.toString().includes('[native code]')")
