"""No published URL may disappear (teachers' links keep working for years)."""

from __future__ import annotations

import pytest

from tools.urls import published, read_manifest

from .conftest import Built


@pytest.mark.paper  # the published URLs include the PDF and the EPUB
def test_no_published_url_disappears(built: Built) -> None:
    now = set(published(built.site))
    missing = [u for u in read_manifest() if u not in now]
    assert not missing, (
        f"published URLs gone from the build: {missing}. Add a redirect in mkdocs.yml "
        "(plugins: redirects: redirect_maps) instead of removing them."
    )


def test_manifest_is_complete(built: Built) -> None:
    new = sorted(set(published(built.site)) - set(read_manifest()))
    assert not new, f"new URLs not in published-urls.txt: {new}. Run `make urls`."


def test_manifest_holds_pages_and_short_links() -> None:
    urls = read_manifest()
    assert "index.html" in urls and "h1/nps.html" in urls and "c/nps.html" in urls
    assert len(urls) == len(set(urls))
