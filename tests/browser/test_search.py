"""Site search finds what a student types: abbreviations, plurals, compound parts, English
terms and typos from the notes (tests/search_queries.yml), in headless Chromium against the
built site, over http and, for a subset, on file:// from the unpacked offline zip.

The register (data/concepts.yml) feeds extra words into a hidden paragraph per concept
section (macros/register.py `add_search_terms`); these tests check that they reach the index,
that readers do not see them on the page, and that lunr's stemmer stays off (with Material's
trailing-wildcard queries it makes every search return nothing).
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml
from playwright.sync_api import Browser, Page, expect

from macros.concepts import load_concepts
from tests.sales import DATA_DIR

from ..conftest import ROOT, Built
from .conftest import Traffic

pytestmark = pytest.mark.browser

QUERIES_FILE = ROOT / "tests" / "search_queries.yml"
QUERIES: list[dict[str, Any]] = yaml.safe_load(QUERIES_FILE.read_text(encoding="utf-8"))["queries"]
OFFLINE_QUERIES = [q for q in QUERIES if q.get("offline")]
TOP = 3  # the expected page must be among the first TOP pages of results
DESKTOP = {"width": 1280, "height": 900}

RESULT_ITEM = ".md-search-result__item"
# "12 overeenkomende documenten", "1 overeenkomende document", "Geen overeenkomende documenten"
RESULT_META = re.compile(r"overeenkomende document")
# First link of each result item: the page (Material groups a page's sections under it).
PAGES_JS = """() => [...document.querySelectorAll('.md-search-result__item')].map(item => {
  const link = item.querySelector('a.md-search-result__link');
  return link ? link.href : '';
})"""


# The hidden search terms a reader would see, by their index on the page: visible as Playwright
# counts it (a box that is not empty, not visibility: hidden), checked for all in one step.
VISIBLE_TERMS = """() => [...document.querySelectorAll(".ss-search-terms")].flatMap((e, i) => {
  const box = e.getBoundingClientRect();
  const seen = box.width > 0 && box.height > 0 && e.checkVisibility({ visibilityProperty: true });
  return seen ? [i] : [];
})"""


def query_id(query: dict[str, Any]) -> str:
    return str(query["query"])


# -- helpers -------------------------------------------------------------------------------------


def result_pages(page: Page, root: str, query: str) -> list[str]:
    """Enter `query` into the search box and return the distinct pages of the results, in
    order, site-relative (location without ?h= and #fragment).

    Material searches the box's value on each keyup. The box is emptied first (its results
    go), then the whole query is put in and one key released: the one search made is the
    query's, so the first results shown belong to it (no prefix of it is ever searched)."""
    box = page.locator("input.md-search__input")
    meta = page.locator(".md-search-result__meta")
    box.click()
    box.fill("")
    box.press("End")
    expect(page.locator(RESULT_ITEM)).to_have_count(0)
    expect(meta).not_to_have_text(RESULT_META)
    box.fill(query)
    box.press("End")
    expect(box).to_have_value(query)
    expect(meta).to_have_text(RESULT_META, timeout=15_000)
    base = urlsplit(root).path
    pages: list[str] = []
    for href in page.evaluate(PAGES_JS):
        path = urlsplit(href).path
        path = path[len(base) :] if path.startswith(base) else path
        if path not in pages:
            pages.append(path)
    return pages


def open_search(browser: Browser, root: str, http_root: str) -> Iterator[tuple[Page, Traffic]]:
    """One page, reused for many queries, with the same request/console checks as `traffic`."""
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    record = Traffic((http_root, "file://", "data:", "blob:", "about:"))
    page.on("request", record.on_request)
    page.on("console", record.on_console)
    page.on("pageerror", record.on_page_error)
    page.goto(root + "index.html")
    yield page, record
    context.close()


def check(page: Page, record: Traffic, root: str, query: dict[str, Any]) -> None:
    pages = result_pages(page, root, query["query"])
    assert query["page"] in pages[:TOP], (
        f"search {query['query']!r}: expected {query['page']} in the top {TOP}, got {pages[:5]}"
    )
    assert not record.external, f"requests to other hosts: {record.external}"
    assert not record.errors, f"console errors: {record.errors}"


@pytest.fixture(scope="module")
def http_search(browser: Browser, http_root: str) -> Iterator[tuple[Page, Traffic]]:
    yield from open_search(browser, http_root, http_root)


@pytest.fixture(scope="module")
def file_search(browser: Browser, file_root: str, http_root: str) -> Iterator[tuple[Page, Traffic]]:
    yield from open_search(browser, file_root, http_root)


# -- the query set -------------------------------------------------------------------------------


def test_query_set_is_realistic_and_points_at_real_pages(built: Built) -> None:
    assert len(QUERIES) >= 25
    assert len({q["query"].casefold() for q in QUERIES}) == len(QUERIES), "duplicate query"
    assert len(OFFLINE_QUERIES) >= 5
    for q in QUERIES:
        assert set(q) <= {"query", "page", "offline"}, q
        assert (built.site / q["page"]).is_file(), f"{q['query']!r}: no page {q['page']}"


@pytest.mark.parametrize("query", QUERIES, ids=query_id)
def test_search_over_http(http_search: tuple[Page, Traffic], http_root: str, query: dict[str, Any]) -> None:
    check(*http_search, http_root, query)


@pytest.mark.parametrize("query", OFFLINE_QUERIES, ids=query_id)
def test_search_offline_on_file(
    file_search: tuple[Page, Traffic], file_root: str, query: dict[str, Any]
) -> None:
    check(*file_search, file_root, query)


# -- hidden search terms -------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["h1/klantgerichtheid.html", "h1/nps.html", "afdrukken.html"])
def test_search_terms_are_not_visible(page: Page, site_url: Any, path: str) -> None:
    page.set_viewport_size(DESKTOP)
    page.goto(site_url(path))
    terms = page.locator(".ss-search-terms")
    # The print page is assembled before the hook adds the terms: it may have none.
    if path != "afdrukken.html":
        assert terms.count() > 0, f"{path}: no hidden search terms"
    for media in ("screen", "print"):
        page.emulate_media(media=media)
        shown = page.evaluate(VISIBLE_TERMS)
        assert not shown, f"{path} ({media}): search terms visible: {shown}"
    # Not in what a reader (or a screen reader's text) gets either.
    page.emulate_media(media="screen")
    assert "ladderen" not in page.locator("body").inner_text()


def _index(built: Built) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((built.site / "search" / "search_index.json").read_text("utf-8"))
    return data


def test_search_index_has_no_stemmer(built: Built) -> None:
    config = _index(built)["config"]
    assert config["lang"] == ["nl"]
    assert "stemmer" not in config["pipeline"], "lunr's stemmer breaks Material's prefix search"
    offline = (built.site / "search" / "search_index.js").read_text("utf-8")
    assert '"stemmer"' not in offline.split('"docs"')[0]


def _words(text: str) -> set[str]:
    plain = html.unescape(re.sub(r"<[^>]+>", " ", text)).casefold()
    return set(re.split(r"[\s\-·]+", plain))


def test_register_words_reach_the_index(built: Built) -> None:
    docs = {doc["location"]: doc for doc in _index(built)["docs"]}

    def findable(doc: dict[str, Any]) -> list[str]:
        """What search matches: title, text and the tags (macros/searchindex.py)."""
        return _words(" ".join([doc["title"], doc["text"], *doc.get("tags", [])]))

    ladder = docs["h1/klantgerichtheid.html#klantgerichtheidsladder"]
    assert "ladder" in findable(ladder)
    assert "waardeketens" in findable(docs["h1/waardeketen.html#waardeketen"])
    # The hidden "Zoektermen" paragraphs never reach a result's preview text.
    assert not [d["location"] for d in docs.values() if "Zoektermen" in d["text"]]
    missing: list[str] = []
    for concept in load_concepts(DATA_DIR / "concepts.yml", Path(ROOT / "docs")).values():
        doc = docs.get(f"{concept.html_path}#{concept.anchor}") or docs[concept.html_path]
        words = findable(doc)
        for text in (concept.abbr, *concept.aliases):
            # Material matches the start of words: each word of the alias must
            # start a word of the section (the build adds only what is missing).
            parts = set(_words(text or "")) - {""}
            if text and not all(any(w.startswith(p) for w in words) for p in parts):
                missing.append(f"{concept.id}: {text!r}")
    assert not missing, f"register words not in the search index: {missing}"
