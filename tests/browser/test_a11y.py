"""axe-core on every built page, in the light and the dark scheme, over http: zero violations of
WCAG 2.0/2.1/2.2 A and AA and axe's best practices.

axe-core comes bundled with axe-playwright-python and is injected once per page load. The dark
scheme is chosen the way a reader chooses it: with the palette toggle in the header; Material
switches the page in place and stores the choice in localStorage (key "<scope>.__palette"), so
the following page opens dark. Each page is checked in the scheme it opens in, switched, and
checked again: every page in both schemes, one load each. Fixes for Material's own markup
live in overrides/main.html, overrides/assets/javascripts/a11y.js and the accessibility section of
overrides/assets/stylesheets/extra.css.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from ..conftest import Built

pytestmark = pytest.mark.browser

AXE_OPTIONS: dict[str, Any] = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"],
    },
    # Only violations come back: half the time on the long print page.
    "resultTypes": ["violations"],
}

_axe = Axe()


def _report(path: str, violations: list[dict[str, Any]]) -> list[str]:
    lines = []
    for v in violations:
        lines.append(f"{path}: {v['id']} ({v['impact']}) {v['help']}")
        for node in v["nodes"][:8]:
            summary = " ".join(node.get("failureSummary", "").split())
            lines.append(f"    {' '.join(map(str, node['target']))}  {summary[:220]}")
        if len(v["nodes"]) > 8:
            lines.append(f"    … and {len(v['nodes']) - 8} more")
    return lines


# The palette toggles in the header (Material moves their titles into its tooltips once shown).
TO_SCHEME = {"dark": "label[for=__palette_1]", "light": "label[for=__palette_0]"}
BODY_SCHEME = {"light": "default", "dark": "slate"}  # Material's data-md-color-scheme

# The page back at rest after the toggle was clicked: no pointer over it, nothing focused, the
# toggle's tooltip gone, Material done switching; then every transition to its end.
AT_REST_JS = """() => {
  if (document.activeElement) document.activeElement.blur();
  const done = !document.querySelector('.md-tooltip--active, .md-tooltip2--active')
    && !document.body.hasAttribute('data-md-color-switching');
  if (done) for (const a of document.getAnimations()) { try { a.finish(); } catch (e) { /* infinite */ } }
  return done;
}"""


def violations(page: Page) -> list[dict[str, Any]]:
    """axe on the page as it is now (axe-core already injected into it)."""
    return list(
        page.evaluate("(options) => axe.run(document, options).then((r) => r.violations)", AXE_OPTIONS)
    )


def switch_scheme(page: Page, scheme: str) -> None:
    """Click the palette toggle in the header, as a reader does: Material sets the colour
    attributes on <body> in place and stores the choice, so the next page opens in it."""
    page.locator(TO_SCHEME[scheme]).click()
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", BODY_SCHEME[scheme])
    page.mouse.move(0, 0)
    page.wait_for_function(AT_REST_JS)


def test_axe_every_page_light_and_dark(page: Page, site_url: Callable[[str], str], built: Built) -> None:
    """Each page is opened once and checked in the scheme it opens in, then in the other one
    after the reader's palette toggle; the next page opens in that one (Material stored it)."""
    # Every reader page, plus the 404 page GitHub Pages serves for a wrong address (http only:
    # it uses root-absolute links).
    pages = [*built.pages(), "404.html"]
    assert len(pages) >= 15
    scheme = "light"
    problems: list[str] = []
    checked: dict[str, set[str]] = {}
    for path in pages:
        response = page.goto(site_url(path))
        assert response is not None and response.status in (200, 404), f"{path}: {response}"
        page.evaluate(_axe.axe_script)  # once per page load, for both schemes
        for switch in (False, True):
            if switch:
                scheme = "dark" if scheme == "light" else "light"
                switch_scheme(page, scheme)
            expect(page.locator("body"), path).to_have_attribute("data-md-color-scheme", BODY_SCHEME[scheme])
            checked.setdefault(path, set()).add(scheme)
            problems += _report(f"{path} ({scheme} scheme)", violations(page))
    assert all(schemes == {"light", "dark"} for schemes in checked.values()), checked
    assert not problems, "axe violations:\n" + "\n".join(problems)
