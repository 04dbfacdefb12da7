"""Real-browser fixtures: Chromium via Playwright against the built site, served
over http://127.0.0.1 and opened from the unpacked offline zip on file://.

Debian's /usr/bin/chromium is used when present (CI installs it), else
Playwright's own managed browser; if neither exists the tests fail, never skip.
"""

from __future__ import annotations

import functools
import http.server
import shutil
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import ConsoleMessage, Locator, Page, Request, expect

from tools.paper import CHROMIUM_ARGS  # one list of flags for the PDF and the tests

from ..conftest import Built


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    args = {**browser_type_launch_args, "args": CHROMIUM_ARGS}
    system = shutil.which("chromium") or shutil.which("chromium-browser")
    if system:
        args["executable_path"] = system
    return args


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    """The `page` fixture's context: no service worker, so each test sees the built files
    as they are (tests/browser/test_app.py opens its own contexts with the worker)."""
    return {**browser_context_args, "service_workers": "block"}


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


class QuietServer(http.server.ThreadingHTTPServer):
    """A loopback server that says nothing when the browser drops a connection because it
    went on to the next page (any other error is still printed)."""

    def handle_error(self, request: Any, client_address: Any) -> None:
        if isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            return
        super().handle_error(request, client_address)


@pytest.fixture(scope="session")
def http_root(built: Built) -> Iterator[str]:
    """The built site on a loopback port, like GitHub Pages serves it."""
    handler = functools.partial(QuietHandler, directory=str(built.site))
    server = QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def file_root(built: Built) -> str:
    """The unpacked offline zip, opened as a reader would: file://…/index.html."""
    return built.offline.as_uri() + "/"


@pytest.fixture(params=["http", "file"])
def mode(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def root(mode: str, http_root: str, file_root: str) -> str:
    return http_root if mode == "http" else file_root


@pytest.fixture
def site_url(http_root: str) -> Callable[[str], str]:
    """URL of a built page over http, e.g. site_url("h1/nps.html")."""
    return lambda path: http_root + path


class Traffic:
    """Every request and console error of one page, checked after each test."""

    def __init__(self, allowed: tuple[str, ...]) -> None:
        self.allowed = allowed
        self.external: list[str] = []
        self.errors: list[str] = []

    def on_request(self, request: Request) -> None:
        url = request.url
        if not url.startswith(self.allowed):
            self.external.append(url)

    def on_console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.errors.append(f"{message.text} @ {message.location.get('url', '')}")

    def on_page_error(self, error: Exception) -> None:
        self.errors.append(f"uncaught: {error}")


@pytest.fixture
def traffic(page: Page, http_root: str) -> Iterator[Traffic]:
    """Attached to every browser test's page: no request may leave the machine
    (only the local server, file://, data: and blob:), no console errors."""
    record = Traffic((http_root, "file://", "data:", "blob:", "about:"))
    page.on("request", record.on_request)
    page.on("console", record.on_console)
    page.on("pageerror", record.on_page_error)
    yield record
    assert not record.external, f"requests to other hosts: {record.external}"
    assert not record.errors, f"console errors: {record.errors}"


@pytest.fixture(autouse=True)
def _check_traffic(request: pytest.FixtureRequest) -> None:
    if "page" in request.fixturenames:
        request.getfixturevalue("traffic")


def choose(option: Locator) -> None:
    """Choose a quiz option by a click on the element itself, not at a point of the screen:
    a calculator above a quiz loads its stylesheet and script when it comes near and can
    move the options between Playwright's aim and its click (real taps and keys are walked
    in tests/browser/test_keyboard.py)."""
    option.dispatch_event("click")
    expect(option).to_be_checked()


def quiz_ready(page: Page) -> None:
    """Bring the page's first quiz into view and wait until quiz.js has set it up (it
    shuffles the options once, when it arrives; a click during that would miss)."""
    page.locator(".ss-quiz").first.scroll_into_view_if_needed()
    page.locator(".ss-quiz[data-ready]").first.wait_for()
    # Widgets near it (a calculator above the quiz) load their scripts and stylesheets when
    # they come into view; one arriving between Playwright's aim and its click moves the
    # options, and the click lands on another one. Wait until every stylesheet is in and
    # the quiz has stayed in place for one polling interval.
    page.wait_for_function(STEADY, polling=150)


STEADY = """() => {
  const top = document.querySelector(".ss-quiz").getBoundingClientRect().top + window.scrollY;
  const sheets = [...document.querySelectorAll('link[rel="stylesheet"]')].every((l) => l.sheet);
  const steady = sheets && window.__ssQuizTop === top;
  window.__ssQuizTop = top;
  return steady;
}"""
