"""Integration: the strict build, as a reader gets it (HTML, search index, zip)."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import yaml

from macros.concepts import load_concepts
from macros.site import nav_titles
from tests.sales import CONCEPTS_FILE

from .conftest import ROOT, Built

NAV = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)["nav"]


class Ids(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []
        self.in_code = 0
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.ids += [v for k, v in attrs if k == "id" and v]
        if tag in ("code", "pre", "script", "style"):
            self.in_code += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("code", "pre", "script", "style") and self.in_code:
            self.in_code -= 1

    def handle_data(self, data: str) -> None:
        if not self.in_code:
            self.text.append(data)


def parse(path: Path) -> Ids:
    parser = Ids()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def nav_pages() -> list[str]:
    return list(nav_titles(NAV))


def test_every_nav_page_is_built(built: Built) -> None:
    pages = nav_pages()
    assert len(pages) >= 18
    for page in pages:
        html = built.site / page.replace(".md", ".html")
        assert html.is_file(), page
        assert "<h1" in html.read_text(encoding="utf-8"), page


def test_chapters_open_with_goals_and_close_with_summary(built: Built) -> None:
    for chapter in ("h1", "h2"):
        assert "leerdoelen" in parse(built.site / chapter / "index.html").ids
        assert (built.site / chapter / "samenvatting.html").is_file()


def test_both_core_diagrams_are_inline_svg(built: Built) -> None:
    ladder = (built.site / "h1/klantgerichtheid.html").read_text(encoding="utf-8")
    chain = (built.site / "h1/waardeketen.html").read_text(encoding="utf-8")
    assert re.search(r'<figure class="ss-diagram ss-diagram--ladder" data-search-exclude[^>]*><svg', ladder)
    assert re.search(
        r'<figure class="ss-diagram ss-diagram--value-chain" data-search-exclude[^>]*><svg', chain
    )
    assert "<p><figure" not in ladder + chain, "Markdown must leave the diagram block alone"


def test_no_template_leftovers(built: Built) -> None:
    for page in built.pages():
        text = " ".join(parse(built.site / page).text)
        for marker in ("{{", "{%", "{#", "%}", "}}"):
            assert marker not in text, f"{page}: leftover {marker!r}"


def test_ids_unique_on_every_page_including_print(built: Built) -> None:
    pages = built.pages()
    assert "afdrukken.html" in pages
    for page in pages:
        ids = parse(built.site / page).ids
        dupes = {i for i in ids if ids.count(i) > 1}
        assert not dupes, f"{page}: duplicate ids {sorted(dupes)[:5]}"


def test_print_page_holds_every_diagram(built: Built) -> None:
    html = (built.site / "afdrukken.html").read_text(encoding="utf-8")
    for page in built.pages():
        if page == "afdrukken.html":
            continue
        count = (built.site / page).read_text(encoding="utf-8").count('class="ss-diagram ')
        assert html.count('class="ss-diagram ') >= count


def test_search_index_is_dutch_and_holds_the_chapters(built: Built) -> None:
    index = json.loads((built.site / "search/search_index.json").read_text(encoding="utf-8"))
    assert index["config"]["lang"] == ["nl"]
    assert "stemmer" not in index["config"].get("pipeline", [])
    text = " ".join(d["title"] + " " + d["text"] for d in index["docs"]).lower()
    for term in ("klantgerichtheid", "net promoter score", "waardeketen", "balanced scorecard", "bottom-up"):
        assert term in text, term
    locations = {d["location"].split("#")[0] for d in index["docs"]}
    for page in nav_pages():
        assert page.replace(".md", ".html") in locations, page
    # Diagram labels stay out of the index (they are excluded from search).
    assert "ss-svg" not in json.dumps(index)


def test_every_register_anchor_resolves(built: Built) -> None:
    concepts = load_concepts(CONCEPTS_FILE)
    assert len(concepts) >= 40
    for concept in concepts.values():
        ids = parse(built.site / concept.html_path).ids
        assert concept.anchor in ids, f"{concept.id}: #{concept.anchor} missing in {concept.html_path}"


def test_theme_is_dutch_and_requests_nothing_external(built: Built) -> None:
    for page in built.pages():
        html = (built.site / page).read_text(encoding="utf-8")
        assert re.search(r"<html\b[^>]*\blang=\"?nl\b", html), page
        for host in ("unpkg.com", "googleapis", "gstatic", "jsdelivr", "cdn."):
            assert host not in html, f"{page} names {host}"
        # Resources (not plain links) must all be local.
        for ref in re.findall(r'(?:\bsrc=|<link\b[^>]*\bhref=)["\']?(https?:)?//', html):
            raise AssertionError(f"{page}: external resource ({ref})")


def test_every_concept_can_be_found_by_search(built: Built) -> None:
    """Each word of every register term (and its abbreviation) starts a word in the
    search index of the concept's page: Material's prefix search finds it."""
    index = json.loads((built.site / "search/search_index.json").read_text(encoding="utf-8"))
    words: dict[str, list[str]] = {}
    for doc in index["docs"]:
        page = doc["location"].split("#")[0]
        # Title, text and tags (the register's search words, macros/searchindex.py).
        text = re.sub(r"<[^>]+>", "", " ".join([doc["title"], doc["text"], *doc.get("tags", [])])).lower()
        words.setdefault(page, []).extend(re.split(r"[\s\-]+", text))
    missing = []
    for concept in load_concepts(CONCEPTS_FILE).values():
        tokens = words.get(concept.html_path, [])
        for query in filter(None, (concept.term, concept.abbr)):
            parts = [p for p in re.split(r"[\s\-]+", query.lower()) if p]
            if not all(any(t.startswith(p) for t in tokens) for p in parts):
                missing.append(f"{concept.id}: {query}")
    assert not missing, missing


# A guard against accidental growth (a copy of the PDF, source maps, all lunr languages).
# The 400 KB budget itself is judged by `make bench`, which reports it missed since the
# content doubled (164 questions, two cases, sources, study data: 645 KB, December 2026).
ZIP_GUARD = 700 * 1000  # bytes: a little under the bench's budget (700 KiB)


def test_offline_zip_within_guard_and_pruned(built: Built) -> None:
    import zipfile

    assert built.zip.stat().st_size <= ZIP_GUARD, built.zip.stat().st_size
    names = zipfile.ZipFile(built.zip).namelist()
    assert "sales-studiesite/index.html" in names
    assert not [n for n in names if n.endswith(".map")]
    lunr = sorted(n.rsplit("/", 1)[1] for n in names if "/lunr/" in n)
    assert lunr == ["lunr.nl.min.js", "lunr.stemmer.support.min.js"], lunr
    assert "sales-studiesite/search/search_index.js" in names
    assert not [n for n in names if "/downloads/" in n], "no copy of itself, the PDF or the EPUB"
    assert not [n for n in names if n.startswith("sales-studiesite/c/")], "short links are for online sharing"
    assert "sales-studiesite/assets/javascripts/sw-register.min.js" not in names, "the app needs http(s)"


def test_offline_links_to_short_links_point_at_their_targets(built: Built) -> None:
    """The zip leaves out the short links (c/<id>.html): a link to one goes straight to the
    section it redirects to, and that section is in the zip."""
    from selectolax.lexbor import LexborHTMLParser

    page = built.offline / "docenten.html"
    links = [a.attributes.get("href") or "" for a in LexborHTMLParser(page.read_text("utf-8")).css("a[href]")]
    assert not [h for h in links if h.startswith("c/")]
    online = LexborHTMLParser((built.site / "docenten.html").read_text("utf-8"))
    short = [
        a.attributes.get("href") or ""
        for a in online.css("a[href]")
        if (a.attributes.get("href") or "").startswith("c/")
    ]
    assert len(short) >= 80, "the online teacher page links every concept's short link"
    for href in links:
        path, _, anchor = href.partition("#")
        if "://" in href or not path.endswith(".html"):
            continue
        target = built.offline / path
        assert target.is_file(), href
        if anchor and "=" not in anchor:  # "#hoofdstuk=1" is a test link, read by the page's script
            assert f"id={anchor}" in target.read_text("utf-8") or f'id="{anchor}"' in target.read_text(
                "utf-8"
            ), href


def test_download_page_shows_the_zip_size(built: Built) -> None:
    """The download link says how big the zip is, in the site and in the zip."""
    from tests.sales import DOWNLOAD_NAME
    from tools.build import DOWNLOAD_DIR, size_label

    label = size_label(built.zip.stat().st_size)
    assert (built.site / DOWNLOAD_DIR / DOWNLOAD_NAME).read_bytes() == built.zip.read_bytes()
    for root in (built.site, built.offline):
        text = re.sub(r"<[^>]+>", "", (root / "offline.html").read_text(encoding="utf-8"))
        # The zip's copy of the page has no download buttons (they need the online site).
        assert (f"(zip, {label})" in text) == (root == built.site), root
        assert "grootte volgt" not in text


def test_scripts_do_not_hold_up_the_first_paint(built: Built) -> None:
    """lazy.js, Material's bundle and a11y.js are deferred (in that order), on every
    page, the print page included (macros/postbuild.py defers the bundle)."""
    for page in built.pages():
        html = (built.site / page).read_text(encoding="utf-8")
        scripts = re.findall(r"<script\b([^>]*)\bsrc=\"?([^\s\">]+)", html)
        names = [src.rsplit("/", 1)[-1] for _, src in scripts]
        for attrs, src in scripts:
            if "bundle." in src or "a11y" in src or "lazy" in src:
                assert "defer" in attrs, f"{page}: {src} is not deferred"
        bundle = next(i for i, n in enumerate(names) if n.startswith("bundle."))
        assert names.index("a11y.min.js") > bundle > names.index("lazy.min.js"), names
