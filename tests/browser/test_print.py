"""The print page turns into one PDF with the whole site, as a reader's
"Opslaan als pdf" would make it (Chromium's own PDF printer)."""

from __future__ import annotations

import re

from playwright.sync_api import Page

from ..conftest import Built
from ..test_site_build import nav_pages


def test_print_page_prints_the_whole_site_to_pdf(page: Page, http_root: str, built: Built) -> None:
    page.goto(http_root + "afdrukken.html")
    page.emulate_media(media="print")
    # Navigation, header and search are not printed; quiz controls neither.
    assert not page.locator(".md-header").is_visible()
    assert not page.locator(".md-sidebar--primary").is_visible()
    assert page.locator(".ss-quiz__reset:visible").count() == 0
    # Every page of the navigation is on the print page, diagrams included.
    for path in nav_pages():
        section = re.sub(r"[^a-z0-9]+", "-", path.removesuffix(".md").lower()).strip("-")
        assert page.locator(f"section.print-page[id='{section}']").count() == 1, path
    assert page.locator("figure.ss-diagram svg").count() >= 8
    pdf = page.pdf(format="A4", print_background=True)
    assert pdf.startswith(b"%PDF")
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert pages >= 20, f"only {pages} PDF pages"
