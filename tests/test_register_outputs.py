"""What the concept register feeds: glossary, tooltips, short URLs, teacher
page, flashcards. Unit tests of the pure functions plus checks on the build."""

from __future__ import annotations

import csv
import io
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

from macros import hooks, register
from macros.concepts import Concept, load_concepts
from macros.site import nav_titles

from .conftest import Built
from .test_site_build import NAV, parse

CONCEPTS = load_concepts()
NASTY = Concept(
    id="nasty",
    term='R&D <intern> "x"',
    definition="Een <script>alert(1)</script> & 'citaat'.",
    page="h1/klant.md",
    anchor="nasty",
    abbr="R&D",
    en="<b>bold</b>",
    aliases=("a<b",),
)


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.abbr: list[tuple[str, str]] = []
        self._abbr_title: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "a" and a.get("href"):
            self.hrefs.append(a["href"] or "")
        if tag == "abbr":
            self._abbr_title = a.get("title") or ""

    def handle_data(self, data: str) -> None:
        if self._abbr_title is not None:
            self.abbr.append((data, self._abbr_title))
            self._abbr_title = None


def links(path: Path) -> Links:
    parser = Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def resolve(built: Built, page: str, href: str) -> tuple[Path, str]:
    target, _, fragment = href.partition("#")
    return (built.site / page).parent.joinpath(target).resolve(), fragment


# -- pure functions ---------------------------------------------------------------
def test_glossary_escapes_and_orders() -> None:
    concepts = [*CONCEPTS.values(), NASTY]
    text = register.glossary(concepts, {"h1/klant.md": "1.1 De klant"})
    assert "<script>" not in text and "&lt;script&gt;" in text
    terms = re.findall(r"<dfn>(.*?)</dfn>", text)
    assert len(terms) == len(concepts)
    assert [register.sort_key(t) for t in terms] == sorted(register.sort_key(t) for t in terms)


def test_abbreviation_lines_cover_terms_and_abbreviations() -> None:
    words = register.abbreviations(CONCEPTS.values())
    for concept in CONCEPTS.values():
        assert concept.term in words
        if concept.abbr:
            assert concept.abbr in words


def test_redirect_page_is_escaped_and_relative() -> None:
    html = register.redirect_page(NASTY, "Site")
    assert "<intern>" not in html
    assert 'url=../h1/klant.html#nasty"' in html
    assert '<a href="../h1/klant.html#nasty">' in html


def test_anki_deck_format() -> None:
    text = register.anki_deck([*CONCEPTS.values(), NASTY], "https://example.org/site/")
    header = [ln for ln in text.splitlines() if ln.startswith("#")]
    assert header == [
        "#separator:tab",
        "#html:true",
        "#notetype:Basic",
        "#deck:Sales studiesite",
        "#guid column:1",
        "#tags column:4",
        "#columns:GUID\tFront\tBack\tTags",
    ]
    body = "\n".join(ln for ln in text.splitlines() if not ln.startswith("#"))
    rows = list(csv.reader(io.StringIO(body), delimiter="\t"))
    assert len(rows) == len(CONCEPTS) + 1
    assert all(len(r) == 4 for r in rows)
    guids = [r[0] for r in rows]
    assert len(set(guids)) == len(guids) and "sales-nps" in guids
    nps = next(r for r in rows if r[0] == "sales-nps")
    assert "https://example.org/site/h1/nps.html#nps" in nps[2]
    nasty = next(r for r in rows if r[0] == "sales-nasty")
    assert "<script>" not in nasty[2] and "&lt;script&gt;" in nasty[2]


def test_anki_guids_are_stable() -> None:
    """Re-importing an updated deck must update cards: the guid depends only on
    the concept id, not on the term or definition."""
    changed = [Concept(**{**c.__dict__, "definition": "Nieuw."}) for c in CONCEPTS.values()]
    first = [ln.split("\t")[0] for ln in register.anki_deck(CONCEPTS.values()).splitlines()]
    second = [ln.split("\t")[0] for ln in register.anki_deck(changed).splitlines()]
    assert first == second


def test_search_terms_and_hidden_paragraph() -> None:
    nps = CONCEPTS["nps"]
    terms = register.search_terms(nps)
    assert "nps" in terms
    page = '<h2 id="nps">NPS</h2><p>tekst</p><h3 id="x">X</h3><p>meer</p>'
    out = register.add_search_terms(page, {"nps": ["a<b", "ladder"]})
    assert out.index('class="ss-search-terms"') < out.index('<h3 id="x">')
    assert "a&lt;b" in out and " hidden" in out


# -- the build --------------------------------------------------------------------
def test_glossary_page_has_every_concept_with_working_link(built: Built) -> None:
    ids = set(parse(built.site / "begrippen.html").ids)
    hrefs = links(built.site / "begrippen.html").hrefs
    for concept in CONCEPTS.values():
        assert concept.id in ids, concept.id
        assert concept.href in hrefs, concept.href
    for href in hrefs:
        if href.startswith(("h1/", "h2/")):
            target, fragment = resolve(built, "begrippen.html", href)
            assert target.is_file(), href
            assert not fragment or fragment in parse(target).ids, href


def test_every_concept_has_a_short_url_that_lands_on_its_section(built: Built) -> None:
    for concept in CONCEPTS.values():
        page = built.site / register.short_url(concept)
        html = page.read_text(encoding="utf-8")
        match = re.search(r'http-equiv="refresh" content="0; url=([^"]+)"', html)
        assert match, concept.id
        target, fragment = resolve(built, register.short_url(concept), match.group(1))
        assert target == (built.site / concept.html_path).resolve()
        assert fragment == concept.anchor and fragment in parse(target).ids
        # The offline zip has them too.
        assert (built.offline / register.short_url(concept)).is_file()


def test_teacher_page_lists_every_page_and_concept(built: Built) -> None:
    hrefs = links(built.site / "docenten.html").hrefs
    for page in nav_titles(NAV):
        assert page.replace(".md", ".html") in hrefs, page
    for concept in CONCEPTS.values():
        assert register.short_url(concept) in hrefs, concept.id
    html = (built.site / "docenten.html").read_text(encoding="utf-8")
    assert html.count("ss-copy") >= len(CONCEPTS)


def test_tooltips_in_chapter_pages(built: Built) -> None:
    found = links(built.site / "h1/nps.html").abbr
    assert any(text == "NPS" and title.startswith("Net Promoter Score: ") for text, title in found)
    # Paper has no hover: the print page carries no tooltip markup.
    assert "<abbr" not in (built.site / "afdrukken.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", [register.ANKI_FILE, register.CSV_FILE])
def test_flashcards_are_published_and_linked(built: Built, name: str) -> None:
    assert (built.site / name).is_file()
    assert name in links(built.site / "begrippen.html").hrefs
    text = (built.site / name).read_text(encoding="utf-8-sig")
    assert text.count("\n") >= len(CONCEPTS)


PRINT_PAGE = (
    '<html><head><script>__md_scope=new URL("/",location)</script></head><body>'
    '<form data-md-component="palette"></form>'
    '<script>var palette=__md_get("__palette");if(palette){}</script>'
    '<main>x</main><script id="__config" type="application/json">{"base": "/"}</script>'
    '<script src="assets/javascripts/bundle.a5f9d56c.min.js"></script></body></html>'
)


def test_print_page_runs_without_materials_bundle() -> None:
    html = hooks.print_page_html(PRINT_PAGE, "afdrukken.html")
    assert "bundle." not in html
    assert '"base": "."' in html
    palette_end = html.index("if(palette){}</script>") + len("if(palette){}</script>")
    assert html[palette_end:].startswith("<script src=assets/javascripts/print-page.min.js></script>")


@pytest.mark.parametrize(
    "broken",
    [
        PRINT_PAGE.replace("bundle.a5f9d56c", "app"),
        PRINT_PAGE.replace("var palette=", "var p="),
        PRINT_PAGE.replace("</body>", '<script src="assets/javascripts/bundle.0.min.js"></script></body>'),
    ],
)
def test_print_page_fix_fails_loudly_on_unknown_markup(broken: str) -> None:
    with pytest.raises(PluginError, match=r"^afdrukken\.html: expected Material's bundle"):
        hooks.print_page_html(broken, "afdrukken.html")
