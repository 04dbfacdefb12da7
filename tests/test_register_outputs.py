"""What the concept register feeds: glossary, tooltips, short URLs, teacher
page, flashcards. Unit tests of the pure functions plus checks on the build."""

from __future__ import annotations

import csv
import io
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from macros import definitions, outputs, register
from macros.concepts import Concept, load_concepts, tooltip_key
from macros.site import nav_titles
from tests.sales import ANKI_FILE, CONCEPTS_FILE, CSV_FILE

from .conftest import Built
from .test_site_build import NAV, parse

CONCEPTS = load_concepts(CONCEPTS_FILE)
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


def test_glossary_renders_definition_markdown() -> None:
    """Bold and links in a definition render in the glossary (links to a docs page
    become .html links relative to the glossary page); raw HTML stays text."""
    rich = Concept(
        id="rijk",
        term="Rijk",
        definition=(
            "Een **vette** uitleg, zie [de NPS](h1/nps.md#nps) of [extern](https://example.org/). <b>x</b>"
        ),
        page="h1/klant.md",
        anchor="rijk",
    )
    for depth, prefix in ((0, ""), (1, "../")):
        text = register.glossary([rich], {}, depth)
        assert "<strong>vette</strong>" in text
        assert f'<a href="{prefix}h1/nps.html#nps">de NPS</a>' in text
        assert '<a href="https://example.org/">extern</a>' in text
        assert "<b>" not in text and "&lt;b&gt;x&lt;/b&gt;" in text
    assert definitions.definition_text(rich.definition) == "Een vette uitleg, zie de NPS of extern. <b>x</b>"
    # Flashcards get the plain text.
    assert "**" not in register.flashcards_csv([rich]) and "Een vette uitleg" in register.flashcards_csv(
        [rich]
    )
    assert "Een vette uitleg, zie de NPS of extern. &lt;b&gt;x&lt;/b&gt;" in register.anki_deck(
        [rich], "Sales studiesite", "sales"
    )
    assert definitions.definition_links(rich.definition) == ["h1/nps.md"]


def test_anchor_check_is_one_lookup_per_concept() -> None:
    concepts = list(CONCEPTS.values())
    ids = {c.page: set() for c in concepts}
    for c in concepts:
        ids[c.page].add(c.anchor)
    outputs.check_anchors(concepts, ids, CONCEPTS_FILE)
    ids["h1/nps.md"].discard("nps")
    with pytest.raises(outputs.OutputError) as info:
        outputs.check_anchors(concepts, ids, CONCEPTS_FILE)
    assert str(info.value) == (
        "data/concepts.yml: concepts[nps].anchor: '#nps' does not exist in docs/h1/nps.md"
    )
    assert register.element_ids("<h2 id=nps>x</h2><p id=\"a\">b</p><img id='c'/>") == {"nps", "a", "c"}


def test_redirect_page_is_escaped_and_relative() -> None:
    html = register.redirect_page(NASTY, "Site")
    assert "<intern>" not in html
    assert 'url=../h1/klant.html#nasty"' in html
    assert '<a href="../h1/klant.html#nasty">' in html


def test_anki_deck_format() -> None:
    text = register.anki_deck(
        [*CONCEPTS.values(), NASTY], "Sales studiesite", "sales", "https://example.org/site/"
    )
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
    first = [
        ln.split("\t")[0]
        for ln in register.anki_deck(CONCEPTS.values(), "Sales studiesite", "sales").splitlines()
    ]
    second = [
        ln.split("\t")[0] for ln in register.anki_deck(changed, "Sales studiesite", "sales").splitlines()
    ]
    assert first == second


def test_search_terms() -> None:
    terms = register.search_terms(CONCEPTS["nps"])
    assert "nps" in terms and "net promoter score" in terms and "aanbevelingen" in terms
    assert len(terms) == len(set(terms))


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
        # The offline zip leaves them out (addresses to share online); the teacher page
        # there links the section itself (tests/test_site_build.py).
        assert not (built.offline / register.short_url(concept)).exists()


def test_teacher_page_lists_every_page_and_concept(built: Built) -> None:
    hrefs = links(built.site / "docenten.html").hrefs
    for page in nav_titles(NAV):
        assert page.replace(".md", ".html") in hrefs, page
    for concept in CONCEPTS.values():
        assert register.short_url(concept) in hrefs, concept.id
    html = (built.site / "docenten.html").read_text(encoding="utf-8")
    assert html.count("ss-copy") >= len(CONCEPTS)


class Sections(HTMLParser):
    """Per built page: the tooltips as (section number, text, title, inside a
    heading or link), and the hidden search-word paragraphs."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.section = 0
        self.tips: list[tuple[int, str, str, bool]] = []
        self.hidden: list[str] = []
        self._open: list[str] = []
        self._title: str | None = None
        self._in_hidden = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if re.fullmatch(r"h[1-6]", tag):
            self.section += 1
        if tag == "abbr":
            self._title = a.get("title") or ""
        if tag == "p" and "ss-search-terms" in (a.get("class") or "").split() and "hidden" in a:
            self._in_hidden = True
        if tag in ("a",) or re.fullmatch(r"h[1-6]", tag):
            self._open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if self._open and self._open[-1] == tag:
            self._open.pop()
        if tag == "p":
            self._in_hidden = False

    def handle_data(self, data: str) -> None:
        if self._title is not None:
            self.tips.append((self.section, data, self._title, bool(self._open)))
            self._title = None
        if self._in_hidden:
            self.hidden.append(data)


def sections(path: Path) -> Sections:
    parser = Sections()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_tooltips_in_chapter_pages(built: Built) -> None:
    nps = sections(built.site / "h1/nps.html")
    assert any(text == "NPS" and title.startswith("Net Promoter Score: ") for _, text, title, _ in nps.tips)
    by_title = {register.tooltip_title(c): c for c in CONCEPTS.values()}
    words = {(c.id, tooltip_key(w)) for c in CONCEPTS.values() for w in c.tooltip}
    total = 0
    for page in built.pages():
        found = sections(built.site / page)
        total += len(found.tips)
        seen = set()
        for section, text, title, inside in found.tips:
            concept = by_title[title]  # only register tooltips, with the definition as plain text
            assert not inside, f"{page}: tooltip {text!r} inside a heading or link"
            assert (concept.id, tooltip_key(text)) in words, f"{page}: {text!r} is not a tooltip word"
            assert (section, concept.id) not in seen, f"{page}: {concept.id} twice in one section"
            seen.add((section, concept.id))
    assert total > len(built.pages())
    # Hidden search words in the concept's own section, not in the summary's section with the same id.
    assert any("aanbevelingen" in text for text in nps.hidden)
    assert not any("aanbevelingen" in text for text in sections(built.site / "h1/samenvatting.html").hidden)
    # Paper has no hover: the print page shows terms as plain text (macros/postbuild.py).
    assert not sections(built.site / "afdrukken.html").tips


@pytest.mark.parametrize("name", [ANKI_FILE, CSV_FILE])
def test_flashcards_are_published_and_linked(built: Built, name: str) -> None:
    assert (built.site / name).is_file()
    assert name in links(built.site / "begrippen.html").hrefs
    text = (built.site / name).read_text(encoding="utf-8-sig")
    assert text.count("\n") >= len(CONCEPTS)
