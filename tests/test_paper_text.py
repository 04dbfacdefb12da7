"""What a reader of the PDF, the EPUB and the offline zip reads, checked on the
session's one build (`built`): page numbers in the PDF's contents and cross-references
(read back with pdftotext and, as a second witness, the PDF's own link destinations),
no web-only instruction or broken sentence where it cannot work, the EPUB's contents,
metadata and boxes, and no build placeholder in the search index."""

from __future__ import annotations

import json
import re
import subprocess
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest
from pypdf import PdfReader
from selectolax.lexbor import LexborHTMLParser

from macros import postbuild
from tests.sales import EPUB_NAME, PDF_NAME, PRINT_PAGE, TITLE
from tools import paper

from .conftest import Built
from .test_paper import tool

pytestmark = pytest.mark.paper  # reads the PDF and the EPUB: not in make check (it builds without them)

PDF, EPUB, ZIP = "pdf", "epub", "zip"
# (what it is, a pattern of its text, where it must not appear). A web-only
# instruction needs a screen (a search bar, keys, hover, touch): fine in the zip,
# which is the website. An online-only passage needs the online site (the downloads):
# wrong in all three. Matched case-insensitively on the reader's text.
CUES: list[tuple[str, str, set[str]]] = [
    ("touch", r"\btik(ken|t)?\b", {PDF, EPUB}),
    ("click", r"\bklik(ken|t)?\b", {PDF, EPUB}),
    ("search bar", r"\bzoekbalk\b", {PDF, EPUB}),
    ("shortcut keys", r"/\s*,\s*s\s+of\s+f\b", {PDF, EPUB}),
    ("tab key", r"\btab-toets\b", {PDF, EPUB}),
    ("toets /", r"\btoets\s*/", {PDF, EPUB}),
    ("hover", r"\bwijs\b.{0,30}\bmuis\b", {PDF, EPUB}),
    ("calculator without script", r"zonder javascript", {PDF, EPUB}),
    ("empty calculator heading", r"\breken zelf:", {PDF, EPUB}),
    ("site with an offline version", r"\boffline versie\b", {PDF, EPUB}),
    ("button above", r"\bknop(pen)? hierboven\b", {PDF, EPUB, ZIP}),
    ("download button", r"\bdownloadknop\b", {PDF, EPUB, ZIP}),
    ("offline note", r"dit bestand zit niet", {PDF, EPUB, ZIP}),
    ("size placeholder", r"grootte volgt", {PDF, EPUB, ZIP}),
    ("build placeholder", r"\bbij het bouwen\b", {PDF, EPUB, ZIP}),
]


def fold(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def pdf_path(built: Built) -> Path:
    path = built.site / paper.DOWNLOAD_DIR / PDF_NAME
    assert path.is_file(), "the build made no PDF"
    return path


@pytest.fixture(scope="module")
def layout_pages(pdf_path: Path) -> list[list[str]]:
    """Every PDF page as pdftotext -layout lines."""
    out = subprocess.run(
        [tool("pdftotext"), "-layout", "-enc", "UTF-8", str(pdf_path), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return [page.splitlines() for page in out.split("\f")]


def reader_text(markup: str) -> str:
    """What a reader sees of a page: the article, without hidden parts or scripts."""
    tree = LexborHTMLParser(markup)
    root = tree.css_first("article") or tree.body
    assert root is not None
    for node in root.css("[hidden], script, style, template, .md-search"):
        node.decompose()
    return fold(root.text(separator=" "))


@pytest.fixture(scope="module")
def texts(built: Built, layout_pages: list[list[str]]) -> dict[str, list[tuple[str, str]]]:
    """(where, text) per output."""
    out: dict[str, list[tuple[str, str]]] = {}
    out[PDF] = [(f"PDF p. {n}", fold(" ".join(lines))) for n, lines in enumerate(layout_pages, 1)]
    with zipfile.ZipFile(built.site / paper.DOWNLOAD_DIR / EPUB_NAME) as book:
        out[EPUB] = [
            (name, reader_text(book.read(name).decode()))
            for name in book.namelist()
            if name.endswith(".xhtml")
        ]
    out[ZIP] = [
        (path.relative_to(built.offline).as_posix(), reader_text(path.read_text(encoding="utf-8")))
        for path in sorted(built.offline.rglob("*.html"))
        if path.relative_to(built.offline).parts[0] != "c"
    ]
    return out


@pytest.mark.parametrize(("cue", "pattern", "where"), CUES, ids=[c[0] for c in CUES])
def test_no_web_only_or_broken_text_where_it_cannot_work(
    cue: str, pattern: str, where: set[str], texts: dict[str, list[tuple[str, str]]]
) -> None:
    found = [
        f"{place}: …{text[max(0, m.start() - 60) : m.end() + 60]}…"
        for output in sorted(where)
        for place, text in texts[output]
        for m in [re.search(pattern, text, re.IGNORECASE)]
        if m
    ]
    assert not found, found[:5]


def test_the_cues_find_what_they_are_for() -> None:
    """Each cue matches the sentence it was written against (so none can pass by a typo)."""
    seen = [
        "tik of klik op de zoekbalk",
        "met een toetsenbord kun je ook op / , s of f drukken",
        "Tik erop, wijs het aan met de muis of ga er met de Tab-toets naartoe",
        "druk op toets / om te zoeken",
        "Zonder JavaScript kun je hier niet rekenen",
        "Reken zelf: de NPS",
        "Met begrippenlijst, oefenvragen en een offline versie.",
        "Download het zipbestand met de knop hierboven.",
        "De downloadknop werkt alleen op de online site.",
        "(Dit bestand zit niet in de offline versie: download het van de online site.)",
        "(zip, grootte volgt bij het bouwen)",
    ]
    for cue, pattern, _ in CUES:
        assert any(re.search(pattern, s, re.IGNORECASE) for s in seen), cue


def test_the_zip_has_no_download_link_to_a_missing_file(built: Built) -> None:
    """downloads/ is not in the zip: a link there is what a11y.js replaces by a note."""
    found = [
        f"{path.relative_to(built.offline)}: {a.attributes.get('href')}"
        for path in sorted(built.offline.rglob("*.html"))
        for a in LexborHTMLParser(path.read_text(encoding="utf-8")).css("a[href]")
        if "downloads/" in (a.attributes.get("href") or "")
    ]
    assert not found, found[:5]


def test_the_zip_download_page_still_explains_itself(built: Built) -> None:
    text = reader_text((built.offline / "offline.html").read_text(encoding="utf-8"))
    assert "Lees je dit al vanuit de zip?" in text
    assert "online site" in text
    assert "index.html" in text, "the steps to open the zip are gone"


# -- The PDF's page numbers -----------------------------------------------------------------------

TOC_LINE = re.compile(r"^\s*(?P<title>\S.*?)\s{2,}(?P<page>\d+)\s*$")


def contents(layout_pages: list[list[str]]) -> tuple[int, list[tuple[str, int]]]:
    """The contents page (1-based) and its (title, page number) entries."""
    at = next(n for n, lines in enumerate(layout_pages, 1) if any("Inhoudsopgave" in x for x in lines))
    entries = [(m["title"], int(m["page"])) for line in layout_pages[at - 1] if (m := TOC_LINE.match(line))]
    return at, entries


def page_h1s(built: Built) -> list[str]:
    tree = LexborHTMLParser((built.site / PRINT_PAGE).read_text(encoding="utf-8"))
    return [postbuild.heading_text(h) for h in tree.css("#print-site-page section.print-page > h1")]


def heading_for(entry: str, h1s: list[str]) -> str:
    """The page heading a contents entry names: the same text, its start, or its number."""
    number = re.match(r"\d+(\.\d+)?\s", entry)
    for h1 in h1s:
        if h1 == entry or h1.startswith(entry) or (number and h1.startswith(number.group(0))):
            return h1
    return h1s[0] if entry == "Home" else entry


def body_lines(lines: list[str]) -> list[str]:
    """A page's lines without its running header (the first line)."""
    return [" ".join(x.split()) for x in lines[1:]]


def test_pdf_contents_list_the_page_of_each_heading(built: Built, layout_pages: list[list[str]]) -> None:
    at, entries = contents(layout_pages)
    assert len(entries) >= 20, f"contents entries with a page number: {entries}"
    h1s = page_h1s(built)
    numbers = [n for _, n in entries]
    assert numbers == sorted(numbers), numbers
    for title, number in entries:
        heading = heading_for(title, h1s)
        assert at < number <= len(layout_pages), (title, number)
        assert heading in body_lines(layout_pages[number - 1]), f"{title!r} is not on p. {number}"


def test_pdf_contents_numbers_are_the_link_destinations(
    pdf_path: Path, layout_pages: list[list[str]]
) -> None:
    """Second witness: the page each contents link jumps to is the number printed."""
    reader = PdfReader(pdf_path)
    at, entries = contents(layout_pages)
    named = reader.named_destinations
    targets = []
    for annot in reader.pages[at - 1].get("/Annots", []):
        dest = annot.get_object().get("/Dest")
        if dest is not None and str(dest) in named:
            targets.append(reader.get_destination_page_number(named[str(dest)]) + 1)
    assert targets == [n for _, n in entries]


REFERENCE = re.compile(r"Lees meer in (?P<number>\d+\.\d+) [^()]*?\(blz\. (?P<page>\d+)\)")


def test_pdf_cross_references_carry_their_page(layout_pages: list[list[str]]) -> None:
    """ "Lees meer in 1.5 …" points into section 1.5: its page lies between the page
    where 1.5 starts and the page where the next section starts (from the contents,
    checked above against the headings), and is a page of that chapter."""
    text = " ".join(" ".join(x.split()) for lines in layout_pages for x in lines)
    found = list(REFERENCE.finditer(text))
    assert len(found) >= 10, "no 'Lees meer in … (blz. N)' in the PDF"
    assert "Lees meer in" not in REFERENCE.sub("", text), "a 'Lees meer in' without its page"
    _, entries = contents(layout_pages)
    starts = [(m.group(0), n) for title, n in entries if (m := re.match(r"\d+\.\d+", title))]
    for ref in found:
        page = int(ref["page"])
        at = next(i for i, (number, _) in enumerate(starts) if number == ref["number"])
        end = starts[at + 1][1] if at + 1 < len(starts) else len(layout_pages)
        assert starts[at][1] <= page <= end, (ref.group(0), starts[at], end)


# -- The EPUB -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def book(built: Built) -> dict[str, str]:
    with zipfile.ZipFile(built.site / paper.DOWNLOAD_DIR / EPUB_NAME) as epub:
        return {n: epub.read(n).decode() for n in epub.namelist() if n.endswith((".xhtml", ".opf", ".css"))}


def test_epub_contents_nest_sections_in_their_chapter(book: dict[str, str]) -> None:
    nav = LexborHTMLParser(book["EPUB/nav.xhtml"])
    chapter = next(
        li for li in nav.css("nav#toc li") if fold(li.css_first("a").text()) == "1 De klant centraal"
    )
    inner = [fold(a.text()) for a in chapter.css("ol a")]
    assert "1.1 De klant" in inner and "1.11 Samenvatting" in inner, inner
    top = [fold(li.css_first("a").text()) for li in nav.css("nav#toc > ol > li")]
    assert "1.1 De klant" not in top, top


def test_epub_metadata_names_its_creator(book: dict[str, str]) -> None:
    opf = ElementTree.fromstring(book["EPUB/content.opf"].encode("utf-8"))
    creators = [(e.text or "").strip() for e in opf.iter("{http://purl.org/dc/elements/1.1/}creator")]
    assert any(creators), "no dc:creator in the EPUB's metadata"


def test_epub_boxes_keep_frame_and_title_and_text_is_left_aligned(book: dict[str, str]) -> None:
    css = " ".join(v for k, v in book.items() if k.endswith(".css"))
    assert "justify" not in css
    assert re.search(r"\.admonition\s*\{[^}]*border", css), "boxes have no frame"
    chapters = " ".join(v for k, v in book.items() if "/text/" in k)
    tree = LexborHTMLParser(chapters)
    boxes = tree.css("div.admonition")
    assert len(boxes) >= 10
    for box in boxes:
        title = box.css_first(".admonition-title")
        assert title is not None and title.text().strip(), (box.html or "")[:200]


def test_epub_has_no_empty_calculator(book: dict[str, str]) -> None:
    chapters = " ".join(v for k, v in book.items() if "/text/" in k)
    assert "ss-exercise" not in chapters


# -- The search index -----------------------------------------------------------------------------


def test_search_index_shows_no_build_placeholder(built: Built) -> None:
    index = json.loads((built.site / "search/search_index.json").read_text(encoding="utf-8"))
    offline = (built.offline / "search/search_index.js").read_text(encoding="utf-8")
    for doc in index["docs"]:
        assert "bij het bouwen" not in doc["text"], doc["location"]
    assert "bij het bouwen" not in offline


def test_offline_copy_leaves_out_only_online_passages() -> None:
    page = (
        '<html><body><ul><li class="ss-online-only">Download de <a href="downloads/x.pdf">pdf</a></li>'
        '<li class="ss-screen-only">Zoeken: tik op de zoekbalk</li></ul></body></html>'
    )
    copy = postbuild.offline_copy(page)
    assert "downloads/" not in copy and "zoekbalk" in copy
    plain = "<html><body><p>Geen downloads hier.</p></body></html>"
    assert postbuild.offline_copy(plain) == plain


def test_the_site_name_heads_every_page_but_the_title_page_and_contents(
    layout_pages: list[list[str]],
) -> None:
    """print.css leaves the top right empty (the engine knows no course); the post-build pass
    puts the site's name there, except on the title page and the contents (a named page)."""
    at, _ = contents(layout_pages)
    pages = [[" ".join(x.split()) for x in lines if x.strip()] for lines in layout_pages]
    first_line = [lines[0] for lines in pages if lines]
    for number, line in enumerate(first_line[:at], 1):
        assert not line.endswith(TITLE), f"p. {number} (title page or contents) is headed {line!r}"
    headed = [line for line in first_line[at:] if line.endswith(TITLE)]
    assert len(headed) == len(first_line) - at, "every page after the contents carries the site's name"
