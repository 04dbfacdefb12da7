"""axe-core on every built page, in the light and the dark scheme, over http: zero violations of
WCAG 2.0/2.1/2.2 A and AA and axe's best practices.

axe-core comes bundled with axe-playwright-python. The dark scheme is chosen the way a reader
chooses it: with the palette toggle in the header; Material stores the choice in localStorage
(key "<scope>.__palette"), so every following page opens dark. Fixes for Material's own markup
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
DARK_TOGGLE = "Donkere modus inschakelen"  # mkdocs.yml, theme.palette[0].toggle.name

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


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_every_page(page: Page, site_url: Callable[[str], str], built: Built, scheme: str) -> None:
    # Every reader page, plus the 404 page GitHub Pages serves for a wrong address (http only:
    # it uses root-absolute links).
    pages = [*built.pages(), "404.html"]
    assert len(pages) >= 15
    if scheme == "dark":
        page.goto(site_url("index.html"))
        page.get_by_title(DARK_TOGGLE).click()
    expected = "slate" if scheme == "dark" else "default"

    problems: list[str] = []
    for path in pages:
        response = page.goto(site_url(path))
        assert response is not None and response.status in (200, 404), f"{path}: {response}"
        expect(page.locator("body"), path).to_have_attribute("data-md-color-scheme", expected)
        results = _axe.run(page, options=AXE_OPTIONS)
        problems += _report(path, results.response["violations"])
    assert not problems, f"axe violations ({scheme} scheme):\n" + "\n".join(problems)
