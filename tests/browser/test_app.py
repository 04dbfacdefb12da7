"""The installable app: service worker, offline after one visit, one-step updates,
and the Dutch 404 page, served like GitHub Pages under a base path (/sales/).

The site is built once with SITE_URL set (as the deploy workflow does) and served
from a folder whose subfolder `sales` is the site, so every root-absolute path
of the 404 page must carry the base path to work. Missing files get the site's
404.html with status 404, as on GitHub Pages.
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import subprocess
import sys
import threading
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.sales import PRINT_PAGE, ZIP_FOLDER
from tools import precache

from ..conftest import ROOT
from .conftest import QuietHandler, QuietServer, choose, quiz_ready

pytestmark = pytest.mark.browser

BASE = "sales"
SITE_URL = f"https://example.github.io/{BASE}/"
OFFLINE_PAGES = [
    "h1/klant.html",
    "h1/waardeketen.html",
    "h2/targets.html",
    "begrippen.html",
    "voortgang.html",
]


class PagesHandler(QuietHandler):
    """Like GitHub Pages: a missing file gets the site's 404 page, status 404. Every
    request's path is kept in `requested` (a list shared by the server's handlers)."""

    requested: list[str]

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        self.requested.append(self.path.split("?")[0])

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / BASE / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@dataclass
class Served:
    site: Path
    root: str  # http://127.0.0.1:<port>/sales/
    offline: Path  # the offline zip of the same build, unpacked
    requested: list[str]  # paths the server was asked for, in order

    def deploy(self) -> None:
        """The build's last step again (tools/precache.py) after files of site/ changed."""
        shutil.copyfile(ROOT / "overrides" / precache.SW_FILE, self.site / precache.SW_FILE)
        precache.write(self.site, lazy={PRINT_PAGE})

    def fetched_since(self, mark: int) -> list[str]:
        """Site-relative paths requested since len(requested) was `mark`, sorted."""
        prefix = f"/{BASE}/"
        return sorted({p.removeprefix(prefix) for p in self.requested[mark:] if p.startswith(prefix)})


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    out = tmp_path_factory.mktemp("app")
    # In a child process: SITE_URL for this build only, and no Playwright loop around it.
    code = (
        "import sys; from pathlib import Path; from tools.build import build; build(*map(Path, sys.argv[1:]))"
    )
    subprocess.run(
        [sys.executable, "-c", code, str(ROOT), str(out / BASE), str(out / "dist")],
        cwd=ROOT,
        # No PDF and EPUB: these tests do not need them, and they take most of a build's time.
        env={**os.environ, "SITE_URL": SITE_URL, "SS_PAPER": "0"},
        check=True,
    )
    requested: list[str] = []
    handler_class = type("LoggingPagesHandler", (PagesHandler,), {"requested": requested})
    handler = functools.partial(handler_class, directory=str(out))
    server = QuietServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    with zipfile.ZipFile(next((out / "dist").glob("*.zip"))) as archive:
        archive.extractall(out / "unzipped")
    yield Served(
        out / BASE,
        f"http://127.0.0.1:{server.server_address[1]}/{BASE}/",
        out / "unzipped" / ZIP_FOLDER,
        requested,
    )
    server.shutdown()
    server.server_close()


class Failures:
    """Every failed request and every HTTP error of a context (pages and worker)."""

    def __init__(self, context: BrowserContext, allowed: tuple[str, ...] = ()) -> None:
        self.items: list[str] = []
        self.allowed = allowed
        context.on("requestfailed", self.on_failed)
        context.on("response", self.on_response)

    def on_failed(self, request: Any) -> None:
        # ERR_ABORTED: the browser cancelled the request itself because the test moved on to
        # the next page (e.g. a lazily loaded widget script still in flight), not a failure.
        if "ERR_ABORTED" not in str(request.failure):
            self.items.append(f"failed: {request.url} ({request.failure})")

    def on_response(self, response: Any) -> None:
        if response.status >= 400 and not response.url.endswith(self.allowed):
            self.items.append(f"HTTP {response.status}: {response.url}")


@pytest.fixture
def app(browser: Browser) -> Iterator[BrowserContext]:
    context = browser.new_context(service_workers="allow")
    yield context
    context.close()


def wait_for_worker(page: Page) -> str:
    """Wait until the worker controls the page; returns the name of its cache."""
    page.wait_for_function("navigator.serviceWorker.controller !== null", timeout=30_000)
    names: list[str] = page.evaluate("caches.keys()")
    assert len(names) == 1, names
    return names[0]


def expect_heading(page: Page, pattern: str) -> None:
    expect(page.locator(".md-content h1").first).to_have_text(re.compile(pattern))


def test_offline_after_one_visit(app: BrowserContext, served: Served) -> None:
    failures = Failures(app)
    errors: list[str] = []
    page = app.new_page()
    # Not page errors: the browser's own update check of sw.js on a navigation, and its own
    # request for /favicon.ico at the origin's root (outside the site's base path), which
    # Chromium sometimes makes although the page names its icon.
    browser_own = (precache.SW_FILE, served.root.removesuffix(f"{BASE}/") + "favicon.ico")
    page.on(
        "console",
        lambda m: (
            errors.append(f"{m.text} @ {m.location}")
            if m.type == "error" and not str(m.location.get("url", "")).endswith(browser_own)
            else None
        ),
    )
    page.goto(served.root)  # the folder URL, as a reader types it
    wait_for_worker(page)
    manifest = page.locator('link[rel="manifest"]').get_attribute("href")
    assert manifest == served.root + "manifest.webmanifest"

    app.set_offline(True)
    for path in OFFLINE_PAGES:
        page.goto(served.root + path)
        expect(page.locator(".md-content h1").first).to_be_visible()
        page.wait_for_load_state("networkidle")  # the search worker has its index: nothing aborted
        assert page.title() and "niet gevonden" not in page.title().lower(), path

    # A short link (a meta-refresh page) lands on the section that explains the concept.
    page.goto(served.root + "c/nps.html")
    page.wait_for_url(re.compile(r"h1/nps\.html#nps$"))
    expect_heading(page, r"Net Promoter Score")
    page.wait_for_load_state("networkidle")

    # A quiz answers and keeps its progress (localStorage) with the network off.
    quiz_ready(page)
    item = page.locator(".ss-quiz .ss-quiz__item--mc").first
    key = item.get_attribute("data-correct")
    choose(item.locator(f'input[type="radio"][value="{key}"]'))
    item.locator(".ss-quiz__check").dispatch_event("click")
    expect(item.locator(".ss-quiz__feedback")).not_to_be_empty()

    # Search: the worker, the Dutch lunr files and the index all come from the cache.
    page.goto(served.root + "h1/klant.html")
    page.locator("input.md-search__input").click()
    page.locator("input.md-search__input").press_sequentially("waardeketen", delay=30)
    first = page.locator(".md-search-result__item a.md-search-result__link").first
    expect(first).to_be_visible(timeout=15_000)
    first.click()
    page.wait_for_url(re.compile(r"h1/waardeketen\.html"))
    page.wait_for_load_state("networkidle")

    assert not failures.items, "\n".join(failures.items)
    assert not errors, errors

    # A page that does not exist: the Dutch 404 page, from the cache too (the worker
    # asks the network first, which fails: the only failures allowed).
    response = page.goto(served.root + "bestaat-niet.html")
    assert response is not None and response.status == 404
    expect_heading(page, r"Pagina niet gevonden")

    assert all("bestaat-niet" in item for item in failures.items), "\n".join(failures.items)


def test_new_deploy_fetches_only_what_changed_and_replaces_the_cache_at_once(
    app: BrowserContext, served: Served
) -> None:
    page = app.new_page()
    page.goto(served.root + "index.html")
    old_cache = wait_for_worker(page)
    page.goto(served.root + "h1/klant.html")
    expect_heading(page, r"^1\.1 De klant")
    precached = len(precache.lists(served.site, {PRINT_PAGE}).precache)
    assert page.evaluate(
        "(name) => caches.open(name).then((c) => c.keys()).then((k) => k.length)", old_cache
    ) == (precached)

    # A new deploy: one page changed, then the build's last step (tools/precache.py).
    changed = served.site / "h1" / "klant.html"
    original = changed.read_text(encoding="utf-8")
    try:
        heading = "id=11-de-klant>1.1 De klant"  # the h1 of the compacted page
        assert original.count(heading) == 1
        changed.write_text(original.replace(heading, heading + " (nieuw)"), encoding="utf-8")
        served.deploy()

        other = app.new_page()  # a second tab of the old version
        other.goto(served.root + "h2/index.html")

        mark = len(served.requested)
        page.reload()  # the browser checks sw.js on every navigation
        notice = page.locator(".ss-update")
        expect(notice).to_be_visible(timeout=30_000)
        expect(notice).to_contain_text("nieuwe versie")
        expect_heading(page, r"^1\.1 De klant(?! \(nieuw\))")  # still the old version until accepted
        # The new worker copied every unchanged file from the old cache and fetched only
        # the changed page (and the browser fetched sw.js to find the new version).
        fetched = served.fetched_since(mark)
        print("fetched for the update:", fetched)
        assert fetched == sorted([precache.SW_FILE, "h1/klant.html"]), fetched

        with page.expect_event("load"):
            notice.get_by_role("button", name="Nieuwe versie laden").click()
        expect_heading(page, r"^1\.1 De klant \(nieuw\)")
        new_cache = wait_for_worker(page)
        assert new_cache != old_cache
        assert page.evaluate(
            "(name) => caches.open(name).then((c) => c.keys()).then((k) => k.length)", new_cache
        ) == (precached)
        # The other tab reloaded on the new version too.
        other.wait_for_function("document.readyState === 'complete'")
        expect(other.locator(".ss-update")).to_have_count(0)

        # Offline, every page comes from the one new cache.
        app.set_offline(True)
        page.goto(served.root + "h1/index.html")
        page.goto(served.root + "h1/klant.html")
        expect_heading(page, r"^1\.1 De klant \(nieuw\)")
        assert page.evaluate("caches.keys()") == [new_cache]
    finally:
        app.set_offline(False)
        changed.write_text(original, encoding="utf-8")
        served.deploy()


def test_the_print_page_is_cached_when_first_used(app: BrowserContext, served: Served) -> None:
    page = app.new_page()
    page.goto(served.root + "index.html")
    cache = wait_for_worker(page)
    url = served.root + PRINT_PAGE
    has = "([name, url]) => caches.open(name).then((c) => c.match(url)).then((r) => !!r)"
    assert page.evaluate(has, [cache, url]) is False  # not fetched ahead: it is a quarter of the site
    page.goto(url)
    page.wait_for_load_state("load")
    assert page.evaluate(has, [cache, url]) is True
    app.set_offline(True)
    try:
        page.goto(url)
        expect(page.locator("#print-site-page")).to_be_attached()
    finally:
        app.set_offline(False)


def test_a_deploy_with_a_missing_file_strands_no_reader(
    app: BrowserContext, served: Served, browser: Browser
) -> None:
    """A returning reader keeps the old version (offline too) and is told after the second
    failed try; a first-time visitor is told and reads online; a repaired deploy installs."""
    page = app.new_page()
    page.goto(served.root + "index.html")
    old_cache = wait_for_worker(page)

    changed = served.site / "h1" / "klant.html"
    original = changed.read_text(encoding="utf-8")
    missing = served.site / "h2" / "targets.html"
    kept = missing.read_bytes()
    target_heading = "id=23-targets-top-down-en-bottom-up-vaststellen>2.3 Targets"
    assert kept.decode().count(target_heading) == 1
    heading = "id=11-de-klant>1.1 De klant"
    newcomer = browser.new_context(service_workers="allow")
    try:
        changed.write_text(original.replace(heading, heading + " (nieuw)"), encoding="utf-8")
        missing.write_text(kept.decode().replace(target_heading, target_heading + " (nieuw)"), "utf-8")
        new_target = missing.read_bytes()
        served.deploy()
        missing.unlink()  # a half-finished upload: a changed file is listed, but not there (404)

        notice = page.locator(".ss-update")
        page.reload()  # first failed try: nothing to tell yet (it may be a deploy in progress)
        wait_for_failures(page, served, 1)
        expect(notice).to_have_count(0)
        page.reload()  # second failed try
        expect(notice).to_be_visible(timeout=30_000)
        expect(notice).to_contain_text("kon niet worden opgehaald")
        expect(notice.get_by_role("button")).to_have_count(0)
        assert [n for n in page.evaluate("caches.keys()") if not n.endswith(":status")] == [old_cache]
        app.set_offline(True)
        page.goto(served.root + "h2/targets.html")  # the old version, whole, offline
        expect_heading(page, r"^2\.3 Targets(?! \(nieuw\))")
        app.set_offline(False)

        # A first-time visitor: no offline copy can be made; told on the second visit, reads online.
        fresh = newcomer.new_page()
        fresh.goto(served.root + "h1/klant.html")
        expect_heading(fresh, r"^1\.1 De klant \(nieuw\)")
        wait_for_failures(fresh, served, 1)
        fresh.reload()
        expect(fresh.locator(".ss-update")).to_contain_text("kon niet worden bewaard", timeout=30_000)
        expect_heading(fresh, r"^1\.1 De klant \(nieuw\)")

        # The deploy is repaired: the next visit offers the new version.
        missing.write_bytes(new_target)
        page.reload()
        expect(notice).to_contain_text("nieuwe versie", timeout=30_000)
        with page.expect_event("load"):
            notice.get_by_role("button", name="Nieuwe versie laden").click()
        expect_heading(page, r"^2\.3 Targets \(nieuw\)")  # the page the reader was on, now new
        assert page.evaluate(FAILURES, served.root) is None
    finally:
        newcomer.close()
        app.set_offline(False)
        missing.write_bytes(kept)
        changed.write_text(original, encoding="utf-8")
        served.deploy()


def wait_for_failures(page: Page, served: Served, count: int) -> None:
    """Until the worker has counted `count` failed installs (polled: the count is read
    with a promise, which wait_for_function does not await)."""
    for _ in range(300):
        found = page.evaluate(FAILURES, served.root)
        if found and found.get("failures", 0) >= count:
            return
        page.wait_for_timeout(100)
    raise AssertionError(f"the worker did not count {count} failed install(s): {found}")


# The worker's count of failed installs (overrides/sw.js, STATUS): {"failures": n} or null.
FAILURES = """(root) => caches.match(new URL("failures", root).href,
  { cacheName: "ss:" + new URL(root).pathname + ":status" }).then((r) => (r ? r.json() : null))"""


def test_an_update_accepted_in_a_first_visit_tab_reloads_it(app: BrowserContext, served: Served) -> None:
    page = app.new_page()
    page.goto(served.root + "h1/klant.html")  # the very first visit: this tab loaded without a worker
    wait_for_worker(page)
    changed = served.site / "h1" / "klant.html"
    original = changed.read_text(encoding="utf-8")
    heading = "id=11-de-klant>1.1 De klant"
    try:
        changed.write_text(original.replace(heading, heading + " (nieuw)"), encoding="utf-8")
        served.deploy()
        # No navigation in this tab: the browser's own periodic check, asked for now.
        page.evaluate("navigator.serviceWorker.getRegistration().then((r) => r.update())")
        notice = page.locator(".ss-update")
        expect(notice).to_contain_text("nieuwe versie", timeout=30_000)
        with page.expect_event("load", timeout=30_000):
            notice.get_by_role("button", name="Nieuwe versie laden").click()
        expect_heading(page, r"^1\.1 De klant \(nieuw\)")
    finally:
        changed.write_text(original, encoding="utf-8")
        served.deploy()


def test_404_page_is_dutch_and_works_under_the_base_path(app: BrowserContext, served: Served) -> None:
    page = app.new_page()
    response = page.goto(served.root + "h1/bestaat-niet.html")
    assert response is not None and response.status == 404
    assert page.evaluate("document.documentElement.lang") == "nl"
    expect_heading(page, r"Pagina niet gevonden")
    expect(page.locator(".md-content")).to_contain_text("zoekveld")
    # Material's stylesheet loaded from the base path (the header is styled).
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky"
    links = page.locator(".md-content ul a")
    hrefs = [links.nth(i).get_attribute("href") or "" for i in range(links.count())]
    assert any(h.endswith("begrippen.html") for h in hrefs) and any(
        h.endswith("h1/index.html") for h in hrefs
    )
    for href in hrefs:
        assert href.startswith(f"/{BASE}/"), href
        linked = page.request.get(served.root.split(f"/{BASE}/")[0] + href)
        assert linked.status == 200, href


def test_nothing_of_the_app_runs_on_file(app: BrowserContext, served: Served) -> None:
    page = app.new_page()
    page.goto(served.offline.as_uri() + "/index.html")
    page.wait_for_load_state("load")
    assert page.locator('link[rel="manifest"]').count() == 0
    assert page.evaluate("'serviceWorker' in navigator ? navigator.serviceWorker.controller : null") is None


def test_precache_list_covers_the_site_but_not_the_downloads(served: Served) -> None:
    worker = (served.site / precache.SW_FILE).read_text(encoding="utf-8")
    found = precache.lists(served.site, {PRINT_PAGE})
    listed = dict(precache.read_lists(served.site))
    assert listed == dict(found.precache)
    for must in ("index.html", "c/nps.html", "search/search_index.json", "404.html", "manifest.webmanifest"):
        assert must in listed and f'"{must}"' in worker, must
    assert not any(p.startswith("downloads/") or p.endswith((".zip", ".pdf", ".epub")) for p in listed)
    # Not at once: the SW file itself, the file:// search index, the print page (lazy).
    assert precache.SW_FILE not in listed and "search/search_index.js" not in listed
    assert found.lazy == [(PRINT_PAGE, dict(precache.entries(served.site))[PRINT_PAGE])]
    pages = {p.relative_to(served.site).as_posix() for p in served.site.rglob("*.html")}
    assert pages - {PRINT_PAGE} <= set(listed)
    assert found.version in worker
